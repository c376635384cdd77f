// SPDX-License-Identifier: MIT
#include "simulator.h"
#include "hallwayclient.h"
#include "protocol.h"
#include "simulatedattendee.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTextStream>
#include <array>

namespace Hallway {

namespace {
constexpr int TickMs = 50;
// Without anyone signed in by then, the server is unreachable or refuses us.
constexpr int SignInDeadlineMs = 15'000;
// After the time is up, how long acknowledgements may still arrive.
constexpr int DrainMs = 2'000;

struct Place {
    const char *city;
    const char *region;
};
const std::array<Place, 15> places = {{
        {"Berlin", "Berlin"},
        {"Munich", "Bavaria"},
        {"Nuremberg", "Bavaria"},
        {"Hamburg", "Hamburg"},
        {"Oslo", "Oslo"},
        {"Lyon", "Auvergne-Rhône-Alpes"},
        {"Grenoble", "Auvergne-Rhône-Alpes"},
        {"Paris", "Île-de-France"},
        {"Austin", "Texas"},
        {"Houston", "Texas"},
        {"Portland", "Oregon"},
        {"Toronto", "Ontario"},
        {"Kraków", "Lesser Poland"},
        {"Barcelona", "Catalonia"},
        {"Madrid", "Community of Madrid"},
}};

const std::array<const char *, 12> firstNames = {"Ada",    "Alan",     "Grace",  "Linus",
                                                 "Edsger", "Barbara",  "Ken",    "Frances",
                                                 "Donald", "Margaret", "Bjarne", "Radia"};
const std::array<const char *, 10> topics = {"QML",           "CMake",          "model/view",
                                             "WebSockets",    "Qt Quick 3D",    "embedded Linux",
                                             "accessibility", "the event loop", "QtSql",
                                             "translations"};
} // namespace

Simulator::Simulator(const Options &options, QTextStream &out, QTextStream &err, QObject *parent)
    : QObject(parent),
      m_options(options),
      m_out(out),
      m_err(err),
      m_random(options.seed != 0 ? options.seed : QRandomGenerator::system()->generate())
{
    m_tick.setInterval(TickMs);
    connect(&m_tick, &QTimer::timeout, this, &Simulator::tick);
    m_progress.setInterval(1000);
    connect(&m_progress, &QTimer::timeout, this, &Simulator::printProgress);
}

Simulator::~Simulator() = default;

void Simulator::start()
{
    m_clock.start();
    m_out << tr("Simulating %1 attendees at about %2 actions/s for %3 s against %4")
                     .arg(m_options.users)
                     .arg(m_options.rate)
                     .arg(m_options.durationSeconds)
                     .arg(m_options.server.toString())
          << Qt::endl;
    for (int i = 1; i <= m_options.users; ++i) {
        const Place &place = places.at(m_random.bounded(static_cast<int>(places.size())));
        const SimulatedAttendee::Profile profile{
                QStringLiteral("%1-%2").arg(m_options.prefix).arg(i, 4, 10, QLatin1Char('0')),
                QStringLiteral("%1 %2")
                        .arg(QString::fromLatin1(
                                firstNames.at(m_random.bounded(int(firstNames.size())))))
                        .arg(i),
                m_options.password, QString::fromUtf8(place.city), QString::fromUtf8(place.region)};
        auto *attendee = new SimulatedAttendee(m_options.server, profile, this);
        connect(attendee, &SimulatedAttendee::signedIn, this, [this, attendee](bool registered) {
            if (m_everSignedIn.contains(attendee))
                return; // back from a break
            m_everSignedIn.insert(attendee);
            m_registered += registered ? 1 : 0;
            // The first one in keeps an eye on the talks, for everyone's votes.
            if (!m_watcher) {
                m_watcher = attendee;
                m_firstOnlineMs = m_clock.elapsed();
                HallwayClient *watcher = attendee->client();
                watcher->subscribe(Protocol::Topic::Talks);
                connect(watcher, &HallwayClient::topicSnapshot, this,
                        [this](const QString &topic, const QJsonObject &snapshot) {
                            if (topic != Protocol::Topic::Talks)
                                return;
                            for (const QJsonValue &talk :
                                 snapshot.value(QStringLiteral("talks")).toArray())
                                m_talkIds.append(
                                        talk.toObject().value(QStringLiteral("id")).toInteger());
                        });
            }
        });
        connect(attendee, &SimulatedAttendee::failed, this, [this](const Error &error) {
            ++m_signInFailures;
            m_lastFailure = error.message;
            // Everyone refused or unreachable: no point waiting out the deadline.
            if (m_signInFailures >= m_options.users)
                giveUpIfNobodyIsIn();
        });
        connect(attendee, &SimulatedAttendee::writeAcknowledged, this,
                [this](const QString &type, const QJsonObject &result) {
                    ++m_counts[type].stored;
                    if (type == Protocol::Type::ProposeTalk)
                        m_talkIds.append(result.value(QStringLiteral("talk"))
                                                 .toObject()
                                                 .value(QStringLiteral("id"))
                                                 .toInteger());
                });
        connect(attendee, &SimulatedAttendee::writeRejected, this,
                [this](const QString &, const Error &error) {
                    ++m_rejections[errorCodeName(error.code)];
                });
        m_attendees.append(attendee);
        attendee->start();
    }
    m_tick.start();
    m_progress.start();
    QTimer::singleShot(m_options.durationSeconds * 1000, this, &Simulator::stop);
    QTimer::singleShot(SignInDeadlineMs, this, &Simulator::giveUpIfNobodyIsIn);
}

void Simulator::giveUpIfNobodyIsIn()
{
    if (!m_everSignedIn.isEmpty() || m_stopping)
        return;
    m_err << tr("hallway-simulate: no attendee could sign in: %1")
                     .arg(m_lastFailure.isEmpty()
                                  ? tr("no answer within %1 s").arg(SignInDeadlineMs / 1000)
                                  : m_lastFailure)
          << Qt::endl;
    m_stopping = true;
    m_tick.stop();
    m_progress.stop();
    Q_EMIT finished(1);
}

int Simulator::onlineCount() const
{
    return static_cast<int>(
            std::count_if(m_attendees.cbegin(), m_attendees.cend(),
                          [](const SimulatedAttendee *a) { return a->isOnline(); }));
}

Simulator::Action Simulator::pickAction()
{
    // Weights out of 100: mostly facts and votes, some chat, a little of the rest.
    const int roll = static_cast<int>(m_random.bounded(100));
    if (roll < 35)
        return Action::Fact;
    if (roll < 62)
        return m_talkIds.isEmpty() ? Action::Talk : Action::Vote;
    if (roll < 82)
        return Action::Message;
    if (roll < 85)
        return Action::Talk;
    if (roll < 95)
        return Action::Presence;
    return Action::Leave;
}

QString Simulator::fact()
{
    static const std::array<const char *, 6> templates = {
            "Ask me about %1.",
            "I am here for the %1 talks.",
            "Looking for people who use %1.",
            "First time at this conference; I work on %1.",
            "Find me at the coffee machine: %1!",
            "I gave up on %1 once and came back."};
    return QString::fromLatin1(templates.at(m_random.bounded(int(templates.size()))))
            .arg(QString::fromLatin1(topics.at(m_random.bounded(int(topics.size())))));
}

void Simulator::tick()
{
    if (m_stopping)
        return;
    m_owed += m_options.rate * TickMs / 1000.0;
    QList<SimulatedAttendee *> online;
    for (SimulatedAttendee *attendee : std::as_const(m_attendees)) {
        if (attendee->isOnline())
            online.append(attendee);
    }
    if (online.isEmpty()) {
        m_owed = std::min(m_owed, 1.0); // do not save up a burst while nobody is in
        return;
    }
    while (m_owed >= 1) {
        m_owed -= 1;
        act(online.at(m_random.bounded(static_cast<int>(online.size()))), pickAction());
    }
}

void Simulator::act(SimulatedAttendee *attendee, Action action)
{
    HallwayClient *client = attendee->client();
    if (!client)
        return;
    namespace Type = Protocol::Type;
    switch (action) {
    case Action::Fact:
        client->postFact(fact());
        ++m_counts[Type::PostFact].sent;
        break;
    case Action::Vote:
        client->toggleVote(m_talkIds.at(m_random.bounded(static_cast<int>(m_talkIds.size()))));
        ++m_counts[Type::ToggleVote].sent;
        break;
    case Action::Talk:
        client->submitWrite(Type::ProposeTalk,
                            {{QStringLiteral("title"),
                              QStringLiteral("Ten minutes of %1")
                                      .arg(QString::fromLatin1(
                                              topics.at(m_random.bounded(int(topics.size())))))},
                             {QStringLiteral("abstract"), fact()}});
        ++m_counts[Type::ProposeTalk].sent;
        break;
    case Action::Message: {
        const SimulatedAttendee *peer =
                m_attendees.at(m_random.bounded(static_cast<int>(m_attendees.size())));
        if (peer == attendee || peer->userId() == 0)
            return act(attendee, Action::Fact);
        client->submitWrite(Type::SendMessage,
                            {{QStringLiteral("to"), peer->userId()},
                             {QStringLiteral("text"),
                              tr("Hi! Shall we meet after the %1 talk?")
                                      .arg(QString::fromLatin1(
                                              topics.at(m_random.bounded(int(topics.size())))))}});
        ++m_counts[Type::SendMessage].sent;
        break;
    }
    case Action::Presence:
        client->setPresenceState(client->presenceState() == PresenceState::Away
                                         ? PresenceState::Online
                                         : PresenceState::Away);
        ++m_presenceChanges;
        break;
    case Action::Leave:
        // The watcher of the talks stays; anyone else may step out for 1 to 4 s.
        if (attendee == m_watcher || onlineCount() < 2)
            return act(attendee, Action::Fact);
        attendee->leaveFor(1000 + static_cast<int>(m_random.bounded(3000)));
        ++m_leaves;
        break;
    }
}

void Simulator::printProgress()
{
    namespace Type = Protocol::Type;
    int sent = m_presenceChanges + m_leaves;
    int stored = 0;
    for (const Count &count : std::as_const(m_counts)) {
        sent += count.sent;
        stored += count.stored;
    }
    int rejected = 0;
    for (const int count : std::as_const(m_rejections))
        rejected += count;
    m_out << tr("%1 s: %2/%3 online, %4 actions (facts %5, votes %6, messages %7, talks %8, "
                "presence %9, breaks %10), %11 stored, %12 rejected")
                     .arg(m_clock.elapsed() / 1000, 3)
                     .arg(onlineCount())
                     .arg(m_options.users)
                     .arg(sent)
                     .arg(m_counts.value(Type::PostFact).sent)
                     .arg(m_counts.value(Type::ToggleVote).sent)
                     .arg(m_counts.value(Type::SendMessage).sent)
                     .arg(m_counts.value(Type::ProposeTalk).sent)
                     .arg(m_presenceChanges)
                     .arg(m_leaves)
                     .arg(stored)
                     .arg(rejected)
          << Qt::endl;
}

void Simulator::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_tick.stop();
    m_activeMs = m_firstOnlineMs < 0 ? 0 : m_clock.elapsed() - m_firstOnlineMs;
    // Give the last writes a moment to be acknowledged.
    QTimer::singleShot(DrainMs, this, &Simulator::finish);
}

void Simulator::finish()
{
    namespace Type = Protocol::Type;
    m_progress.stop();
    // The rate is over the time anyone was in to act, not the sign-in before it.
    const double seconds = m_activeMs / 1000.0;
    int actions = m_presenceChanges + m_leaves;
    for (const Count &count : std::as_const(m_counts))
        actions += count.sent;
    m_out << Qt::endl << tr("Summary") << Qt::endl;
    m_out << tr("  attendees signed in  %1 of %2 (%3 registered now)")
                     .arg(m_everSignedIn.size())
                     .arg(m_options.users)
                     .arg(m_registered)
          << Qt::endl;
    const QList<std::pair<QString, QString>> kinds = {{tr("facts"), Type::PostFact},
                                                      {tr("votes"), Type::ToggleVote},
                                                      {tr("messages"), Type::SendMessage},
                                                      {tr("talks proposed"), Type::ProposeTalk}};
    for (const auto &[name, type] : kinds)
        m_out << tr("  %1 %2 sent, %3 stored")
                         .arg(name, -20)
                         .arg(m_counts.value(type).sent)
                         .arg(m_counts.value(type).stored)
              << Qt::endl;
    m_out << tr("  %1 %2").arg(tr("presence changes"), -20).arg(m_presenceChanges) << Qt::endl;
    m_out << tr("  %1 %2").arg(tr("breaks taken"), -20).arg(m_leaves) << Qt::endl;
    QStringList rejected;
    for (auto it = m_rejections.cbegin(); it != m_rejections.cend(); ++it)
        rejected.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
    m_out << tr("  %1 %2")
                     .arg(tr("rejected"), -20)
                     .arg(rejected.isEmpty() ? QStringLiteral("0")
                                             : rejected.join(QStringLiteral(", ")))
          << Qt::endl;
    m_out << tr("  %1 %2 actions/s over %3 s of activity (asked for %4)")
                     .arg(tr("rate"), -20)
                     .arg(actions / std::max(seconds, 0.001), 0, 'f', 1)
                     .arg(seconds, 0, 'f', 1)
                     .arg(m_options.rate)
          << Qt::endl;
    if (m_signInFailures > 0)
        m_out << tr("  %1 %2 (last: %3)")
                         .arg(tr("sign-in failures"), -20)
                         .arg(m_signInFailures)
                         .arg(m_lastFailure)
              << Qt::endl;
    Q_EMIT finished(m_everSignedIn.isEmpty() ? 1 : 0);
}

} // namespace Hallway
