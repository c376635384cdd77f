// SPDX-License-Identifier: MIT
// Network cuts: three subscribers built on the app's real client core (HallwayClient with
// TalksModel, the writer's FactFeedModel, ConversationsModel, a ChatModel with the writer and
// PresenceModel) reach the real hallway-server through a FaultProxy, which cuts their
// connections 30 times at pseudo-random moments: a reset, a blackhole (silence, then the
// connection drops) or a delay, in turn. Meanwhile a writer connected directly posts facts,
// proposes talks, toggles votes and chats with each subscriber at a steady, bounded rate, and
// the subscribers toggle votes, chat back and go away and back through the proxy.
//
// The clients reconnect, resume, resubscribe and resend by themselves. When the writer has
// stopped and every subscriber is back and quiet, the server still runs and each subscriber's
// state equals a fresh snapshot read directly from the server: every talk's tally, the
// writer's facts (ids, in order), the chat with the writer (each message once) and who is
// online. And every gap was replayed exactly or announced: apart from right after a
// snapshot, each event a subscriber's client applied on a topic is the one after the last.
//
// The cut moments come from a seed printed at the start; HALLWAY_TEST_SEED=<seed> repeats
// them.
#include "chat.h"
#include "chatmodel.h"
#include "conversationsmodel.h"
#include "factfeedmodel.h"
#include "faultproxy.h"
#include "hallwayclient.h"
#include "presencemodel.h"
#include "protocol.h"
#include "talkmessages.h"
#include "talksmodel.h"
#include "testclient.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QMap>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <memory>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
constexpr int SubscriberCount = 3;
constexpr int CutCount = 30;
// The writer does one thing per tick: a fact, a message to each subscriber in turn, a vote.
constexpr int WriterTickMs = 40;
// At most this many of the writer's writes wait for their acknowledgement.
constexpr int WriterWindow = 40;
constexpr int TalkCount = 6;
constexpr int TicksPerProposal = 100;
// Each subscriber toggles a vote or sends a message per tick, and sometimes goes away or back.
constexpr int SubscriberTickMs = 350;
// Between two cuts, and how long a blackhole or a delay lasts.
constexpr int MinGapMs = 300;
constexpr int MaxGapMs = 2700;
constexpr int MinBlackholeMs = 200;
constexpr int MaxBlackholeMs = 2500;
constexpr int MinDelayMs = 100;
constexpr int MaxDelayMs = 2000;
// The writer goes on this long after the last cut has ended.
constexpr int TailMs = 1000;
// For reconnecting, resending and the last events to arrive once the writer has stopped.
constexpr int SettleMs = 30'000;
const QString Password = QStringLiteral("network-cuts-password");

enum class CutKind { Reset, Blackhole, Delay };

struct Cut {
    qint64 atMs = 0; // after the run started
    CutKind kind = CutKind::Reset;
    int durationMs = 0; // blackhole and delay
    int connections = -1; // how many it hit (-1: not yet made)
};

QString describe(const Cut &cut)
{
    switch (cut.kind) {
    case CutKind::Reset:
        return QStringLiteral("reset@%1").arg(cut.atMs);
    case CutKind::Blackhole:
        return QStringLiteral("blackhole@%1+%2").arg(cut.atMs).arg(cut.durationMs);
    case CutKind::Delay:
        return QStringLiteral("delay@%1+%2").arg(cut.atMs).arg(cut.durationMs);
    }
    return {};
}

// Maps as text, so that a failed comparison shows both sides.
QString valueText(qint64 value)
{
    return QString::number(value);
}
QString valueText(PresenceState state)
{
    return presenceStateName(state);
}
template<typename Value> QString text(const QMap<qint64, Value> &map)
{
    QStringList entries;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        entries.append(QStringLiteral("%1:%2").arg(it.key()).arg(valueText(it.value())));
    return entries.join(QLatin1Char(' '));
}

// How a list of ids a model shows differs from the fresh one: which are missing, which are
// extra or shown twice, and where the order first goes wrong. Empty if they are equal.
QString difference(const QList<qint64> &shown, const QList<qint64> &fresh)
{
    if (shown == fresh)
        return {};
    QStringList missing, extra, twice;
    const QSet<qint64> shownSet(shown.cbegin(), shown.cend());
    const QSet<qint64> freshSet(fresh.cbegin(), fresh.cend());
    for (const qint64 id : fresh) {
        if (!shownSet.contains(id))
            missing.append(QString::number(id));
    }
    QSet<qint64> seen;
    for (const qint64 id : shown) {
        if (!freshSet.contains(id))
            extra.append(QString::number(id));
        if (seen.contains(id))
            twice.append(QString::number(id));
        seen.insert(id);
    }
    QString order;
    for (qsizetype i = 0; i < qMin(shown.size(), fresh.size()); ++i) {
        if (shown.at(i) != fresh.at(i)) {
            QStringList around;
            for (qsizetype j = qMax<qsizetype>(0, i - 2); j < qMin(shown.size(), i + 3); ++j)
                around.append(QString::number(shown.at(j)));
            order = QStringLiteral("first difference at %1: shown ... %2 ...")
                            .arg(i)
                            .arg(around.join(QLatin1Char(' ')));
            break;
        }
    }
    return QStringLiteral("%1 shown, %2 fresh; missing [%3], extra [%4], shown twice [%5]; %6")
            .arg(shown.size())
            .arg(fresh.size())
            .arg(missing.join(QLatin1Char(' ')), extra.join(QLatin1Char(' ')),
                 twice.join(QLatin1Char(' ')), order);
}

// Every id of a list the server pages by id (fact.list, chat.history: newest first, older
// pages before the last id), read to its end; listKey names the list in each page.
QList<qint64> allIds(TestClient &client, const QString &type, const QJsonObject &request,
                     const QString &listKey, QString *error)
{
    QList<qint64> ids;
    for (bool more = true; more;) {
        QJsonObject data = request;
        data.insert(QStringLiteral("limit"), 100);
        if (!ids.isEmpty())
            data.insert(QStringLiteral("beforeId"), ids.constLast());
        const Envelope page = client.request(type, data);
        if (page.isError()) {
            *error = page.toError().message;
            return {};
        }
        for (const QJsonValue &entry : page.data.value(listKey).toArray())
            ids.append(entry.toObject().value(QStringLiteral("id")).toInteger());
        more = page.data.value(QStringLiteral("hasMore")).toBool();
    }
    return ids;
}
} // namespace

// What one client wrote through its outbox and what the client core reported about each
// write: acknowledged (how often), refused; and, for votes, how many toggles of each talk
// were acknowledged, so the final tallies can be worked out from the writes alone.
class WriteBooks : public QObject {
    Q_OBJECT
public:
    explicit WriteBooks(HallwayClient &client) : m_client(client)
    {
        connect(&client, &HallwayClient::writeAcknowledged, this,
                [this](const QString &type, const QString &clientId, const QJsonObject &result) {
                    if (m_acks[clientId]++ > 0)
                        return; // counted against the books below
                    m_duplicates += result.value(QStringLiteral("duplicate")).toBool();
                    ++m_acknowledgedOfType[type];
                    if (type == Protocol::Type::ToggleVote)
                        ++m_toggles[result.value(QStringLiteral("talkId")).toInteger()];
                    else if (type == Protocol::Type::ProposeTalk)
                        m_talkIds.append(result.value(QStringLiteral("talk"))
                                                 .toObject()
                                                 .value(QStringLiteral("id"))
                                                 .toInteger());
                });
        connect(&client, &HallwayClient::writeRejected, this,
                [this](const QString &type, const QString &clientId, const QJsonObject &,
                       const Hallway::Error &error) {
                    m_rejected.append(
                            QStringLiteral("%1 %2: %3").arg(type, clientId, error.message));
                });
    }

    // Call for each write submitted (submitWrite, or a model's send()).
    void submitted(const QString &type) { ++m_submittedOfType[type]; }

    int submittedOfType(const QString &type) const { return m_submittedOfType.value(type); }
    int acknowledgedOfType(const QString &type) const { return m_acknowledgedOfType.value(type); }
    const QMap<qint64, int> &toggles() const { return m_toggles; }
    const QList<qint64> &talkIds() const { return m_talkIds; }
    int duplicates() const { return m_duplicates; }

    // Everything written was acknowledged exactly once and nothing was refused.
    QStringList problems() const
    {
        QStringList problems = m_rejected;
        for (auto it = m_submittedOfType.cbegin(); it != m_submittedOfType.cend(); ++it) {
            if (m_acknowledgedOfType.value(it.key()) != it.value())
                problems.append(QStringLiteral("%1: %2 written, %3 acknowledged")
                                        .arg(it.key())
                                        .arg(it.value())
                                        .arg(m_acknowledgedOfType.value(it.key())));
        }
        for (auto it = m_acks.cbegin(); it != m_acks.cend(); ++it) {
            if (it.value() != 1)
                problems.append(
                        QStringLiteral("%1 acknowledged %2 times").arg(it.key()).arg(it.value()));
        }
        if (m_client.pendingWriteCount() != 0)
            problems.append(QStringLiteral("%1 writes still in the outbox")
                                    .arg(m_client.pendingWriteCount()));
        return problems;
    }

private:
    HallwayClient &m_client;
    QHash<QString, int> m_submittedOfType;
    QHash<QString, int> m_acknowledgedOfType;
    QHash<QString, int> m_acks; // client id -> acknowledgements reported
    QMap<qint64, int> m_toggles; // talk id -> acknowledged toggles
    QList<qint64> m_talkIds; // proposed and acknowledged
    QStringList m_rejected;
    int m_duplicates = 0;
};

// An attendee's app without its widgets: the client core and the models the windows show.
class Subscriber : public QObject {
    Q_OBJECT
public:
    Subscriber(int index, qint64 writerId, quint32 seed)
        : m_index(index), m_writerId(writerId), m_random(seed)
    {
        // The sequence books: what the client applied on each topic, in order.
        connect(&client, &HallwayClient::topicSnapshot, this,
                [this](const QString &topic, const QJsonObject &) {
                    ++m_snapshots[topic];
                    m_lastSeq.remove(topic); // a snapshot replaces the state: anything goes next
                });
        connect(&client, &HallwayClient::topicEvent, this,
                [this](const QString &topic, qint64 seq, const QJsonObject &) {
                    ++m_events[topic];
                    const auto last = m_lastSeq.constFind(topic);
                    if (last != m_lastSeq.cend() && seq != *last + 1 && m_seqProblems.size() < 20)
                        m_seqProblems.append(
                                QStringLiteral("%1: event %2 applied after %3%4")
                                        .arg(topic)
                                        .arg(seq)
                                        .arg(*last)
                                        .arg(seq <= *last ? QStringLiteral(" (applied twice)")
                                                          : QStringLiteral(" (skipped some)")));
                    m_lastSeq.insert(topic, seq);
                });
        connect(&client, &HallwayClient::statusChanged, this, [this](HallwayClient::Status status) {
            m_reconnects += status == HallwayClient::Status::Reconnecting;
        });
        connect(&client, &HallwayClient::signedIn, this,
                [this]() { chat = std::make_unique<ChatModel>(&client, m_writerId); });
        client.subscribe(Protocol::Topic::Presence);
        writerFacts.reset(FactFeedModel::userFeed(&client, writerId));
    }
    ~Subscriber() override
    {
        chat.reset();
        writerFacts.reset();
        client.unsubscribe(Protocol::Topic::Presence);
    }

    QString name() const { return QStringLiteral("subscriber%1").arg(m_index + 1); }

    // One tick of this attendee: a vote toggled, or a message to the writer; now and then
    // away or back.
    void act()
    {
        if (!chat)
            return;
        if (m_random.bounded(8) == 0) {
            const PresenceState state = client.presenceState() == PresenceState::Online
                    ? PresenceState::Away
                    : PresenceState::Online;
            client.setPresenceState(state);
        }
        if (m_random.bounded(2) == 0 && talks.rowCount() > 0) {
            client.toggleVote(
                    talks.talkAt(static_cast<int>(m_random.bounded(talks.rowCount()))).id);
            books.submitted(Protocol::Type::ToggleVote);
        } else {
            chat->send(QStringLiteral("%1 to the writer, %2").arg(name()).arg(++m_sent));
            books.submitted(Protocol::Type::SendMessage);
        }
    }

    bool hasAllSnapshots() const { return m_snapshots.size() == 4; }
    const QStringList &seqProblems() const { return m_seqProblems; }
    int reconnects() const { return m_reconnects; }
    QString summary() const
    {
        QStringList topics;
        for (auto it = m_events.cbegin(); it != m_events.cend(); ++it)
            topics.append(QStringLiteral("%1 %2 events/%3 snapshots")
                                  .arg(it.key())
                                  .arg(it.value())
                                  .arg(m_snapshots.value(it.key())));
        topics.sort();
        return QStringLiteral("%1: %2 reconnects, %3 duplicate acknowledgements; %4")
                .arg(name())
                .arg(m_reconnects)
                .arg(books.duplicates())
                .arg(topics.join(QStringLiteral(", ")));
    }

    HallwayClient client;
    WriteBooks books{client};
    TalksModel talks{&client};
    ConversationsModel conversations{&client};
    PresenceModel presence{&client};
    std::unique_ptr<FactFeedModel> writerFacts;
    std::unique_ptr<ChatModel> chat; // made once signed in: it needs our id

private:
    int m_index;
    qint64 m_writerId;
    QRandomGenerator m_random;
    int m_sent = 0;
    int m_reconnects = 0;
    QHash<QString, int> m_snapshots;
    QHash<QString, int> m_events;
    QHash<QString, qint64> m_lastSeq;
    QStringList m_seqProblems;
};

class tst_NetworkCuts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void subscribersMatchAFreshSnapshotAfterThirtyCuts();
};

void tst_NetworkCuts::initTestCase()
{
    // Each reconnect is logged at info level; thirty cuts times three clients is noise.
    QLoggingCategory::setFilterRules(QStringLiteral("hallway.client.*.info=false"));
}

void tst_NetworkCuts::subscribersMatchAFreshSnapshotAfterThirtyCuts()
{
    const quint32 seed = testSeed("these cuts");
    QRandomGenerator random(seed);
    QList<Cut> cuts;
    qint64 at = 0;
    for (int i = 0; i < CutCount; ++i) {
        Cut cut;
        at += random.bounded(MinGapMs, MaxGapMs + 1);
        cut.atMs = at;
        cut.kind = static_cast<CutKind>(i % 3);
        if (cut.kind == CutKind::Blackhole)
            cut.durationMs = random.bounded(MinBlackholeMs, MaxBlackholeMs + 1);
        else if (cut.kind == CutKind::Delay)
            cut.durationMs = random.bounded(MinDelayMs, MaxDelayMs + 1);
        cuts.append(cut);
    }
    const qint64 runMs = cuts.constLast().atMs + cuts.constLast().durationMs + TailMs;
    {
        QStringList plan;
        for (const Cut &cut : std::as_const(cuts))
            plan.append(describe(cut));
        qInfo("cuts (ms after the start): %s", qPrintable(plan.join(QStringLiteral(", "))));
    }

    TestServer server;
    QVERIFY(server.start());
    // QProcess learns that its process ended from the event loop.
    const auto serverRuns = [&server]() {
        QCoreApplication::processEvents();
        return server.isRunning();
    };
    // On a failure, what the server said (and whether it still runs) helps most.
    const auto reportServer = qScopeGuard([&server]() {
        if (!QTest::currentTestFailed())
            return;
        QCoreApplication::processEvents();
        qWarning("the server %s; the end of its log:\n%s", qPrintable(server.ending()),
                 qPrintable(server.log().right(4000)));
    });
    FaultProxy proxy;
    QVERIFY(proxy.listen(server.port()));

    // The writer, connected directly.
    HallwayClient writer;
    WriteBooks writerBooks(writer);
    {
        QSignalSpy signedIn(&writer, &HallwayClient::signedIn);
        writer.registerAccount(
                server.url(),
                {QStringLiteral("writer"), QStringLiteral("Writer"), Password, {}, {}});
        QVERIFY(signedIn.wait(10'000));
    }
    const qint64 writerId = writer.currentUser().id;

    // The subscribers, through the proxy.
    std::vector<std::unique_ptr<Subscriber>> subscribers;
    for (int i = 0; i < SubscriberCount; ++i) {
        subscribers.push_back(std::make_unique<Subscriber>(i, writerId, seed + 1 + i));
        Subscriber &subscriber = *subscribers.back();
        QSignalSpy signedIn(&subscriber.client, &HallwayClient::signedIn);
        subscriber.client.registerAccount(proxy.url(),
                                          {subscriber.name(), subscriber.name(), Password, {}, {}});
        QVERIFY(signedIn.wait(10'000));
    }
    for (const auto &subscriber : subscribers)
        QTRY_VERIFY_WITH_TIMEOUT(subscriber->hasAllSnapshots(), 10'000);

    // The run: the writer and the subscribers write on timers while the cuts come on theirs.
    QElapsedTimer clock;
    clock.start();
    int tick = 0;
    int messagesTo[SubscriberCount] = {};
    QTimer writerTimer;
    connect(&writerTimer, &QTimer::timeout, &writer, [&]() {
        if (writer.pendingWriteCount() >= WriterWindow)
            return; // bounded: let the server catch up
        const int k = tick++;
        if (k % TicksPerProposal == 0
            && writerBooks.submittedOfType(Protocol::Type::ProposeTalk) < TalkCount) {
            const int n = writerBooks.submittedOfType(Protocol::Type::ProposeTalk) + 1;
            writer.submitWrite(Protocol::Type::ProposeTalk,
                               {{QStringLiteral("title"), QStringLiteral("Talk %1").arg(n)},
                                {QStringLiteral("abstract"), QStringLiteral("About cuts")}});
            writerBooks.submitted(Protocol::Type::ProposeTalk);
        }
        const int action = k % (SubscriberCount + 2);
        if (action == 0) {
            writer.postFact(QStringLiteral("writer fact %1").arg(k));
            writerBooks.submitted(Protocol::Type::PostFact);
        } else if (action <= SubscriberCount) {
            Subscriber &to = *subscribers.at(action - 1);
            writer.submitWrite(Protocol::Type::SendMessage,
                               {{QStringLiteral("to"), to.client.currentUser().id},
                                {QStringLiteral("text"),
                                 QStringLiteral("writer to %1, %2")
                                         .arg(to.name())
                                         .arg(++messagesTo[action - 1])}});
            writerBooks.submitted(Protocol::Type::SendMessage);
        } else if (!writerBooks.talkIds().isEmpty()) {
            const QList<qint64> &ids = writerBooks.talkIds();
            writer.toggleVote(ids.at(random.bounded(static_cast<int>(ids.size()))));
            writerBooks.submitted(Protocol::Type::ToggleVote);
        }
    });
    writerTimer.start(WriterTickMs);
    QTimer subscriberTimer;
    connect(&subscriberTimer, &QTimer::timeout, &writer, [&]() {
        for (const auto &subscriber : subscribers)
            subscriber->act();
    });
    subscriberTimer.start(SubscriberTickMs);
    for (Cut &cut : cuts) {
        QTimer::singleShot(cut.atMs, &proxy, [&proxy, &cut]() {
            switch (cut.kind) {
            case CutKind::Reset:
                cut.connections = proxy.reset();
                break;
            case CutKind::Blackhole:
                cut.connections = proxy.blackhole(cut.durationMs);
                break;
            case CutKind::Delay:
                cut.connections = proxy.delay(cut.durationMs);
                break;
            }
        });
    }
    bool running = true;
    QTimer::singleShot(runMs, &writer, [&]() {
        writerTimer.stop();
        subscriberTimer.stop();
        running = false;
    });
    QTRY_VERIFY_WITH_TIMEOUT(!running, static_cast<int>(runMs) + 5000);
    for (const Cut &cut : std::as_const(cuts))
        QVERIFY2(cut.connections >= 0, qPrintable(describe(cut) + QStringLiteral(" not made")));
    const qint64 runElapsed = clock.elapsed();
    QVERIFY2(serverRuns(), qPrintable(QStringLiteral("the server ") + server.ending()));

    // Every subscriber back online, every write acknowledged, no connection still in a fault
    // (unless the server is gone: then nothing will come).
    QTRY_VERIFY_WITH_TIMEOUT(proxy.connectionsInFault() == 0, SettleMs);
    QTRY_VERIFY2_WITH_TIMEOUT(writer.pendingWriteCount() == 0 || !serverRuns(),
                              qPrintable(QStringLiteral("the writer has %1 writes unacknowledged")
                                                 .arg(writer.pendingWriteCount())),
                              SettleMs);
    QVERIFY2(serverRuns(), qPrintable(QStringLiteral("the server ") + server.ending()));
    for (const auto &subscriber : subscribers) {
        HallwayClient &client = subscriber->client;
        QTRY_VERIFY2_WITH_TIMEOUT(
                client.status() == HallwayClient::Status::Online && client.pendingWriteCount() == 0,
                qPrintable(QStringLiteral("%1: status %2, %3 writes unacknowledged")
                                   .arg(subscriber->name())
                                   .arg(static_cast<int>(client.status()))
                                   .arg(client.pendingWriteCount())),
                SettleMs);
    }
    // A round trip through each subscriber's connection: every event published before the
    // server read it (every write's event: they are all acknowledged) has arrived before the
    // reply. Only coalesced tallies may still be on their way; they are waited for below.
    for (const auto &subscriber : subscribers) {
        bool fenced = false;
        subscriber->client.request(
                Protocol::Type::GetUser, {{QStringLiteral("userId"), writerId}}, subscriber.get(),
                [&fenced](const Expected<QJsonObject> &reply) { fenced = reply.hasValue(); });
        QTRY_VERIFY_WITH_TIMEOUT(fenced, 10'000);
    }

    // The fresh snapshot: a new connection straight to the server, signed in as the writer so
    // that presence does not change.
    TestClient fresh;
    QVERIFY(fresh.open(server.url()));
    QVERIFY(!fresh.hello().isError());
    {
        const Envelope login = fresh.login(QStringLiteral("writer"), Password);
        QVERIFY2(!login.isError(), qPrintable(login.toError().message));
        QCOMPARE(login.data.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")),
                 QJsonValue(writerId));
    }
    QMap<qint64, qint64> freshTallies;
    {
        const Envelope talks = fresh.subscribe(Protocol::Topic::Talks);
        QVERIFY2(!talks.isError(), qPrintable(talks.toError().message));
        const auto list =
                TalkList::fromJson(talks.data.value(QStringLiteral("snapshot")).toObject());
        QVERIFY(list);
        for (const Talk &talk : list->talks)
            freshTallies.insert(talk.id, talk.votes);
    }
    QString error;
    // Newest first, as the feed shows them.
    const QList<qint64> freshFacts =
            allIds(fresh, Protocol::Type::ListFacts, {{QStringLiteral("userId"), writerId}},
                   QStringLiteral("facts"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QMap<qint64, PresenceState> freshPresence;
    {
        const Envelope presence = fresh.subscribe(Protocol::Topic::Presence);
        QVERIFY2(!presence.isError(), qPrintable(presence.toError().message));
        const auto snapshot = PresenceSnapshot::fromJson(
                presence.data.value(QStringLiteral("snapshot")).toObject());
        QVERIFY(snapshot);
        for (const OnlineUser &user : snapshot->users)
            freshPresence.insert(user.user.id, user.state);
    }

    // What the writes alone say: each user's vote on a talk is the parity of their toggles.
    QMap<qint64, qint64> expectedTallies;
    for (const qint64 talkId : writerBooks.talkIds())
        expectedTallies.insert(talkId, 0);
    for (WriteBooks *books : [&]() {
             QList<WriteBooks *> all{&writerBooks};
             for (const auto &subscriber : subscribers)
                 all.append(&subscriber->books);
             return all;
         }()) {
        for (auto it = books->toggles().cbegin(); it != books->toggles().cend(); ++it)
            expectedTallies[it.key()] += it.value() % 2;
    }
    QCOMPARE(text(freshTallies), text(expectedTallies));
    QCOMPARE(freshFacts.size(), writerBooks.acknowledgedOfType(Protocol::Type::PostFact));
    QVERIFY2(writerBooks.problems().isEmpty(),
             qPrintable(writerBooks.problems().join(QLatin1Char('\n'))));

    for (int i = 0; i < SubscriberCount; ++i) {
        Subscriber &subscriber = *subscribers.at(i);
        const QString who = subscriber.name();
        qInfo("%s", qPrintable(subscriber.summary()));
        QVERIFY2(subscriber.books.problems().isEmpty(),
                 qPrintable(who + QStringLiteral(": ")
                            + subscriber.books.problems().join(QLatin1Char('\n'))));

        // Talks and tallies (coalesced tallies may still be on their way).
        const auto tallies = [&subscriber]() {
            QMap<qint64, qint64> shown;
            for (int row = 0; row < subscriber.talks.rowCount(); ++row)
                shown.insert(subscriber.talks.talkAt(row).id, subscriber.talks.talkAt(row).votes);
            return shown;
        };
        QTRY_COMPARE_WITH_TIMEOUT(text(tallies()), text(freshTallies), 10'000);

        // The writer's facts, newest first, once the view has scrolled to the end.
        FactFeedModel &facts = *subscriber.writerFacts;
        while (facts.canFetchMore({})) {
            facts.fetchMore({});
            QTRY_VERIFY_WITH_TIMEOUT(!facts.isLoading(), 10'000);
        }
        QList<qint64> shownFacts;
        for (int row = 0; row < facts.rowCount(); ++row)
            shownFacts.append(facts.factAt(row).id);
        QVERIFY2(shownFacts == freshFacts,
                 qPrintable(who + QStringLiteral(", the writer's facts: ")
                            + difference(shownFacts, freshFacts)));

        // The chat with the writer: every message once, oldest first, none left sending.
        QVERIFY(subscriber.chat);
        QList<qint64> freshMessages =
                allIds(fresh, Protocol::Type::ChatHistory,
                       {{QStringLiteral("conversation"),
                         conversationKey(writerId, subscriber.client.currentUser().id)}},
                       QStringLiteral("messages"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        std::reverse(freshMessages.begin(), freshMessages.end());
        QCOMPARE(freshMessages.size(),
                 messagesTo[i] + subscriber.books.acknowledgedOfType(Protocol::Type::SendMessage));
        ChatModel &chat = *subscriber.chat;
        QList<qint64> shownMessages;
        for (int row = 0; row < chat.rowCount(); ++row) {
            QVERIFY2(chat.stateAt(row) != ChatModel::State::Sending
                             && chat.stateAt(row) != ChatModel::State::Failed,
                     qPrintable(QStringLiteral("%1: row %2 is %3")
                                        .arg(who)
                                        .arg(row)
                                        .arg(static_cast<int>(chat.stateAt(row)))));
            shownMessages.append(chat.index(row).data(ChatModel::MessageIdRole).toLongLong());
        }
        QVERIFY2(shownMessages == freshMessages,
                 qPrintable(who + QStringLiteral(", the chat with the writer: ")
                            + difference(shownMessages, freshMessages)));

        // Who is online, and how.
        QMap<qint64, PresenceState> shownPresence;
        for (int row = 0; row < subscriber.presence.rowCount(); ++row)
            shownPresence.insert(subscriber.presence.userAt(row).user.id,
                                 subscriber.presence.userAt(row).state);
        QCOMPARE(text(shownPresence), text(freshPresence));
        QVERIFY(freshPresence.contains(subscriber.client.currentUser().id));
        QCOMPARE(presenceStateName(freshPresence.value(subscriber.client.currentUser().id)),
                 presenceStateName(subscriber.client.presenceState()));

        // Every gap replayed exactly or announced by a snapshot.
        QVERIFY2(subscriber.seqProblems().isEmpty(),
                 qPrintable(who + QStringLiteral(": ")
                            + subscriber.seqProblems().join(QStringLiteral("; "))));
        // The cuts did cut: a reset or a blackhole ends every connection it finds.
        QVERIFY2(subscriber.reconnects() >= CutCount / 3,
                 qPrintable(QStringLiteral("%1 reconnected only %2 times")
                                    .arg(who)
                                    .arg(subscriber.reconnects())));
    }

    // No crash: the server answered all of the above and still runs.
    QVERIFY2(serverRuns(), qPrintable(QStringLiteral("the server ") + server.ending()));
    QStringList hits;
    for (const Cut &cut : std::as_const(cuts))
        hits.append(QString::number(cut.connections));
    qInfo("%d cuts in %lld ms (seed %u), connections hit: %s; the proxy accepted %d "
          "connections, forwarded %lld bytes, discarded %lld; the writer wrote %d facts, %d "
          "messages, %d votes",
          CutCount, runElapsed, seed, qPrintable(hits.join(QLatin1Char(' '))),
          proxy.acceptedConnections(), proxy.bytesForwarded(), proxy.bytesDiscarded(),
          writerBooks.acknowledgedOfType(Protocol::Type::PostFact),
          writerBooks.acknowledgedOfType(Protocol::Type::SendMessage),
          writerBooks.acknowledgedOfType(Protocol::Type::ToggleVote));
    fresh.close();
    subscribers.clear();
    QCOMPARE(server.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_NetworkCuts)
#include "tst_networkcuts.moc"
