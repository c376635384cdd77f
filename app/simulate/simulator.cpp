// SPDX-License-Identifier: MIT
#include "simulator.h"
#include "hallwayclient.h"
#include "protocol.h"
#include "simulatelogging.h"
#include "talkmessages.h"

#include <QCoreApplication>
#include <QTextStream>
#include <algorithm>
#include <array>

namespace Hallway {

namespace {
constexpr int TickMs = 50;
// Without anyone signed in by then, the server is unreachable or refuses us.
constexpr int SignInDeadlineMs = 10'000;
// After the time is up, how long acknowledgements may still arrive.
constexpr int DrainMs = 2'000;
// Sign-ins under way at once: each costs the server a password hash, and a burst of them
// would only queue there (and make the first attendee wait for all the others).
constexpr int MaxSigningIn = 16;
// Enough talks to spread the votes over; beyond that, attendees vote instead of proposing.
constexpr int MaxTalks = 30;
// Others to try when the one picked is still told to wait before its next write.
constexpr int WriterTries = 4;
// Distinct sign-in problems reported on stderr as they happen; the summary counts them all.
constexpr int MaxReportedFailures = 10;
// Failed sign-ins, one after the other, before anyone got in: then the rest would fail too
// (wrong password, no server), and each failure makes the server's next answer slower.
constexpr int MaxFailuresBeforeAnyoneIsIn = 3;

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
    m_drain.setInterval(TickMs);
    connect(&m_drain, &QTimer::timeout, this, &Simulator::drain);
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
    for (int number = 1; number <= m_options.users; ++number)
        m_attendees.append(addAttendee(number));
    startMoreSignIns();
    m_tick.start();
    m_progress.start();
    QTimer::singleShot(m_options.durationSeconds * 1000, this, &Simulator::stop);
    QTimer::singleShot(SignInDeadlineMs, this, &Simulator::giveUpIfNobodyIsIn);
}

SimulatedAttendee *Simulator::addAttendee(int number)
{
    const Place &place = places.at(m_random.bounded(static_cast<int>(places.size())));
    const SimulatedAttendee::Profile profile{
            QStringLiteral("%1-%2").arg(m_options.prefix).arg(number, 4, 10, QLatin1Char('0')),
            QStringLiteral("%1 %2")
                    .arg(QString::fromLatin1(
                            firstNames.at(m_random.bounded(static_cast<int>(firstNames.size())))))
                    .arg(number),
            m_options.password, QString::fromUtf8(place.city), QString::fromUtf8(place.region)};
    auto *attendee = new SimulatedAttendee(m_options.server, profile, this);
    connect(attendee, &SimulatedAttendee::signedIn, this,
            [this, attendee](bool registered) { onSignedIn(attendee, registered); });
    connect(attendee, &SimulatedAttendee::failed, this,
            [this, attendee](SimulatedAttendee::Failure failure, const Error &error) {
                onFailed(attendee, failure, error);
            });
    connect(attendee, &SimulatedAttendee::writeAcknowledged, this,
            [this](const QString &type, const QJsonObject &result) {
                ++m_counts[type].stored;
                if (type == Protocol::Type::ProposeTalk)
                    addTalk(result.value(QStringLiteral("talk"))
                                    .toObject()
                                    .value(QStringLiteral("id"))
                                    .toInteger());
            });
    connect(attendee, &SimulatedAttendee::writeRejected, this,
            [this](const QString &type, const Error &error) {
                ++m_counts[type].rejected;
                ++m_rejections[errorCodeName(error.code)];
            });
    connect(attendee, &SimulatedAttendee::writeDelayed, this,
            [this](const QString &type) { ++m_counts[type].delayed; });
    return attendee;
}

void Simulator::startMoreSignIns()
{
    // One at a time until someone is in: whether that account existed tells how to begin the
    // rest. Guessing wrong costs a failed sign-in each, and the server makes an address wait
    // after a few dozen of those.
    const int window = m_everSignedIn.isEmpty() ? 1 : MaxSigningIn;
    while (!m_stopping && m_signingIn < window && m_nextToStart < m_attendees.size()) {
        ++m_signingIn;
        m_attendees.at(m_nextToStart++)->start(m_firstMethod);
    }
}

void Simulator::onSignedIn(SimulatedAttendee *attendee, bool registered)
{
    m_everSignedIn.insert(attendee);
    m_registered += registered ? 1 : 0;
    m_firstMethod = registered ? SimulatedAttendee::SignInMethod::Register
                               : SimulatedAttendee::SignInMethod::Login;
    --m_signingIn;
    if (!m_watcher)
        watchTalks(attendee);
    startMoreSignIns();
}

void Simulator::onFailed(SimulatedAttendee *attendee, SimulatedAttendee::Failure failure,
                         const Error &error)
{
    const QString username = attendee->profile().username;
    if (m_everSignedIn.contains(attendee)) {
        // Signed in before, and could not come back from a break.
        ++m_droppedOut;
        qCWarning(lcSimulate).noquote() << username << "could not come back:" << error.message;
        return;
    }
    ++m_signInFailures;
    --m_signingIn;
    const QString reason = failure == SimulatedAttendee::Failure::WrongPassword
            ? tr("the account exists with another password; pass its --password or choose "
                 "another --prefix")
            : error.message;
    m_lastFailure = reason;
    if (!m_failures.contains(reason) && m_failures.size() < MaxReportedFailures)
        m_err << tr("hallway-simulate: %1 cannot sign in: %2").arg(username, reason) << Qt::endl;
    ++m_failures[reason];
    // Everyone refused or unreachable: no point waiting out the deadline.
    if (m_signInFailures >= std::min(m_options.users, MaxFailuresBeforeAnyoneIsIn))
        giveUpIfNobodyIsIn();
    startMoreSignIns();
}

void Simulator::watchTalks(SimulatedAttendee *attendee)
{
    // The first one in keeps an eye on the talks, for everyone's votes, and never leaves.
    m_watcher = attendee;
    m_firstOnlineMs = m_clock.elapsed();
    HallwayClient *watcher = attendee->client();
    connect(watcher, &HallwayClient::topicSnapshot, this,
            [this](const QString &topic, const QJsonObject &snapshot) {
                const auto list = TalkList::fromJson(snapshot);
                if (topic != Protocol::Topic::Talks || !list)
                    return;
                m_talkIds.clear();
                for (const Talk &talk : list->talks)
                    addTalk(talk.id);
                m_votingOpen = list->votingOpen;
            });
    connect(watcher, &HallwayClient::topicEvent, this,
            [this](const QString &topic, qint64, const QJsonObject &data) {
                const auto change = TalkChange::fromJson(data);
                if (topic != Protocol::Topic::Talks || !change)
                    return;
                if (change->kind == Protocol::TalkEvent::Upserted && change->talk)
                    addTalk(change->talk->id);
                else if (change->kind == Protocol::TalkEvent::Removed)
                    m_talkIds.removeAll(change->talkId);
                else if (change->kind == Protocol::TalkEvent::Voting)
                    m_votingOpen = change->votingOpen;
            });
    watcher->subscribe(Protocol::Topic::Talks);
}

void Simulator::addTalk(qint64 id)
{
    if (id > 0 && !m_talkIds.contains(id))
        m_talkIds.append(id);
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

int Simulator::actionCount() const
{
    int actions = m_presenceChanges + m_leaves;
    for (const Count &count : m_counts)
        actions += count.sent;
    return actions;
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

QString Simulator::topic()
{
    return QString::fromLatin1(topics.at(m_random.bounded(static_cast<int>(topics.size()))));
}

QString Simulator::fact()
{
    // Generated content, not the program's own words: it stays English in every language.
    static const std::array<const char *, 6> templates = {
            "Ask me about %1.",
            "I am here for the %1 talks.",
            "Looking for people who use %1.",
            "First time at this conference; I work on %1.",
            "Find me at the coffee machine: %1!",
            "I gave up on %1 once and came back."};
    return QString::fromLatin1(templates.at(m_random.bounded(static_cast<int>(templates.size()))))
            .arg(topic());
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
        act(pickAction(), online);
    }
}

SimulatedAttendee *Simulator::pickWriter(const QString &type,
                                         const QList<SimulatedAttendee *> &online)
{
    // Someone the server has not just told to slow down: their write would only queue.
    for (int i = 0; i < WriterTries; ++i) {
        SimulatedAttendee *attendee = online.at(m_random.bounded(static_cast<int>(online.size())));
        if (attendee->mayWrite(type))
            return attendee;
    }
    ++m_counts[type].heldBack;
    return nullptr;
}

void Simulator::write(SimulatedAttendee *attendee, const QString &type, const QJsonObject &data)
{
    attendee->client()->submitWrite(type, data);
    ++m_counts[type].sent;
}

void Simulator::act(Action action, const QList<SimulatedAttendee *> &online)
{
    namespace Type = Protocol::Type;
    if (action == Action::Talk && m_talkIds.size() >= MaxTalks)
        action = Action::Vote;
    if (action == Action::Vote && (!m_votingOpen || m_talkIds.isEmpty()))
        action = Action::Message; // a moderator closed the vote: nothing to do there
    switch (action) {
    case Action::Fact:
        if (SimulatedAttendee *writer = pickWriter(Type::PostFact, online))
            write(writer, Type::PostFact, {{QStringLiteral("text"), fact()}});
        break;
    case Action::Vote:
        if (SimulatedAttendee *writer = pickWriter(Type::ToggleVote, online))
            write(writer, Type::ToggleVote,
                  {{QStringLiteral("talkId"),
                    m_talkIds.at(m_random.bounded(static_cast<int>(m_talkIds.size())))}});
        break;
    case Action::Talk:
        if (SimulatedAttendee *writer = pickWriter(Type::ProposeTalk, online))
            write(writer, Type::ProposeTalk,
                  {{QStringLiteral("title"), QStringLiteral("Ten minutes of %1").arg(topic())},
                   {QStringLiteral("abstract"), fact()}});
        break;
    case Action::Message: {
        SimulatedAttendee *writer = pickWriter(Type::SendMessage, online);
        if (!writer)
            break;
        // Anyone who has signed in has an id, whether here right now or not.
        const SimulatedAttendee *peer =
                m_attendees.at(m_random.bounded(static_cast<int>(m_attendees.size())));
        if (peer == writer || peer->userId() == 0)
            return act(Action::Presence, online);
        write(writer, Type::SendMessage,
              {{QStringLiteral("to"), peer->userId()},
               {QStringLiteral("text"),
                QStringLiteral("Hi! Shall we meet after the %1 talk?").arg(topic())}});
        break;
    }
    case Action::Presence: {
        HallwayClient *client =
                online.at(m_random.bounded(static_cast<int>(online.size())))->client();
        client->setPresenceState(client->presenceState() == PresenceState::Away
                                         ? PresenceState::Online
                                         : PresenceState::Away);
        ++m_presenceChanges;
        break;
    }
    case Action::Leave: {
        // The watcher of the talks stays. Someone with writes still unanswered stays too:
        // dropping the client would lose them, and their acknowledgements with them.
        SimulatedAttendee *attendee = online.at(m_random.bounded(static_cast<int>(online.size())));
        if (attendee == m_watcher || attendee->pendingWrites() > 0)
            return act(Action::Presence, online);
        attendee->leaveFor(1000 + static_cast<int>(m_random.bounded(3000)));
        ++m_leaves;
        break;
    }
    }
}

void Simulator::printProgress()
{
    namespace Type = Protocol::Type;
    int stored = 0;
    int delayed = 0;
    for (const Count &count : std::as_const(m_counts)) {
        stored += count.stored;
        delayed += count.delayed;
    }
    int rejected = 0;
    for (const int count : std::as_const(m_rejections))
        rejected += count;
    QString line = tr("%1 s: %2/%3 online, %4 actions (facts %5, votes %6, messages %7, talks %8, "
                      "presence %9, breaks %10), %11 stored, %12 rejected")
                           .arg((m_clock.elapsed() + 500) / 1000, 3)
                           .arg(onlineCount())
                           .arg(m_options.users)
                           .arg(actionCount())
                           .arg(m_counts.value(Type::PostFact).sent)
                           .arg(m_counts.value(Type::ToggleVote).sent)
                           .arg(m_counts.value(Type::SendMessage).sent)
                           .arg(m_counts.value(Type::ProposeTalk).sent)
                           .arg(m_presenceChanges)
                           .arg(m_leaves)
                           .arg(stored)
                           .arg(rejected);
    if (delayed > 0)
        line += tr(", %1 slowed down by the server").arg(delayed);
    m_out << line << Qt::endl;
}

void Simulator::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_tick.stop();
    m_activeMs = m_firstOnlineMs < 0 ? 0 : m_clock.elapsed() - m_firstOnlineMs;
    // Give the last writes a moment to be acknowledged, and no more than that.
    m_drainClock.start();
    m_drain.start();
    drain();
}

void Simulator::drain()
{
    const bool waiting =
            std::any_of(m_attendees.cbegin(), m_attendees.cend(),
                        [](const SimulatedAttendee *a) { return a->pendingWrites() > 0; });
    if (!waiting || m_drainClock.hasExpired(DrainMs))
        finish();
}

void Simulator::finish()
{
    namespace Type = Protocol::Type;
    m_drain.stop();
    m_progress.stop();
    // The rate is over the time anyone was in to act, not the sign-in before it.
    const double seconds = m_activeMs / 1000.0;
    const int column = -20;
    m_out << Qt::endl << tr("Summary") << Qt::endl;
    m_out << tr("  %1 %2 of %3 (%4 registered now)")
                     .arg(tr("attendees signed in"), column)
                     .arg(m_everSignedIn.size())
                     .arg(m_options.users)
                     .arg(m_registered)
          << Qt::endl;
    const QList<std::pair<QString, QString>> kinds = {{tr("facts"), Type::PostFact},
                                                      {tr("votes"), Type::ToggleVote},
                                                      {tr("messages"), Type::SendMessage},
                                                      {tr("talks proposed"), Type::ProposeTalk}};
    int delayed = 0;
    int heldBack = 0;
    for (const auto &[name, type] : kinds) {
        const Count count = m_counts.value(type);
        delayed += count.delayed;
        heldBack += count.heldBack;
        // Unanswered: still waiting for a reply, or for the server's go-ahead, at the end.
        m_out << tr("  %1 %2 sent, %3 stored, %4 rejected, %5 unanswered")
                         .arg(name, column)
                         .arg(count.sent)
                         .arg(count.stored)
                         .arg(count.rejected)
                         .arg(count.sent - count.stored - count.rejected)
              << Qt::endl;
    }
    m_out << tr("  %1 %2").arg(tr("presence changes"), column).arg(m_presenceChanges) << Qt::endl;
    m_out << tr("  %1 %2").arg(tr("breaks taken"), column).arg(m_leaves) << Qt::endl;
    QStringList rejected;
    for (auto it = m_rejections.cbegin(); it != m_rejections.cend(); ++it)
        rejected.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
    m_out << tr("  %1 %2")
                     .arg(tr("rejected"), column)
                     .arg(rejected.isEmpty() ? QStringLiteral("0")
                                             : rejected.join(QStringLiteral(", ")))
          << Qt::endl;
    if (delayed > 0 || heldBack > 0)
        m_out << tr("  %1 %2 writes told to wait (rate_limited), %3 more not sent; the "
                    "server's [abuse] settings allow each user only so many a minute")
                         .arg(tr("slowed down"), column)
                         .arg(delayed)
                         .arg(heldBack)
              << Qt::endl;
    m_out << tr("  %1 %2 actions/s over %3 s of activity (asked for %4)")
                     .arg(tr("rate"), column)
                     .arg(actionCount() / std::max(seconds, 0.001), 0, 'f', 1)
                     .arg(seconds, 0, 'f', 1)
                     .arg(m_options.rate)
          << Qt::endl;
    for (auto it = m_failures.cbegin(); it != m_failures.cend(); ++it)
        m_out << tr("  %1 %2: %3").arg(tr("sign-in failures"), column).arg(it.value()).arg(it.key())
              << Qt::endl;
    if (m_droppedOut > 0)
        m_out << tr("  %1 %2").arg(tr("could not come back"), column).arg(m_droppedOut) << Qt::endl;
    if (m_everSignedIn.isEmpty()) {
        m_err << tr("hallway-simulate: no attendee could sign in: %1")
                         .arg(m_lastFailure.isEmpty() ? tr("no answer in time") : m_lastFailure)
              << Qt::endl;
    }
    Q_EMIT finished(m_everSignedIn.isEmpty() ? 1 : 0);
}

} // namespace Hallway
