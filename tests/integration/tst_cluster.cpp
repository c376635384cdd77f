// SPDX-License-Identifier: MIT
// Two real hallway-server processes on one real PostgreSQL serve one event: what is committed
// on one node reaches subscribers on the other; tallies agree after voting on both; when a
// node is killed its apps move to the other and every write is stored and shown once, and its
// users go offline for everyone within the heartbeat timeout.
#include "fixtures.h"
#include "hallwayclient.h"
#include "messages.h"
#include "protocol.h"
#include "talk.h"
#include "talkmessages.h"
#include "testclient.h"
#include "testserver.h"
#include "topicviews.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <csignal>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
constexpr int HeartbeatMs = 300;
constexpr int NodeTimeoutMs = 1500;
constexpr int TallyIntervalMs = 100;

QString clusterConfig()
{
    return QStringLiteral("[cluster]\nheartbeat_ms=%1\nnode_timeout_ms=%2\n"
                          "[talks]\ntally_interval_ms=%3\n[facts]\ncommunity_interval_ms=0\n")
            .arg(HeartbeatMs)
            .arg(NodeTimeoutMs)
            .arg(TallyIntervalMs);
}

QString kindOf(const Envelope &event)
{
    return event.data.value(QStringLiteral("kind")).toString();
}

} // namespace

class tst_Cluster : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void changesOnOneNodeReachTheOther();
    void talliesAgreeAfterVotingOnBothNodes();
    void aKilledNodesAppsMoveAndItsUsersGoOffline();
    void aStoppedNodesUsersLeaveAtOnce();
    void aStalledNodeComesBackWithItsUsers();

private:
    qint64 count(const QString &sql) const;
    qint64 userId(const QString &username) const;

    std::unique_ptr<TestServer> m_first;
    std::unique_ptr<TestServer> m_second;
};

void tst_Cluster::init()
{
    HALLWAY_REQUIRE_POSTGRES(); // several nodes need PostgreSQL
    m_first = std::make_unique<TestServer>();
    m_first->setConfig(clusterConfig());
    m_first->enableHttp();
    QVERIFY(m_first->start());
    m_second = std::make_unique<TestServer>();
    m_second->setDatabaseUrl(m_first->databaseUrl()); // the same event, another node
    m_second->setConfig(clusterConfig());
    m_second->enableHttp();
    QVERIFY(m_second->start());
}

void tst_Cluster::cleanup()
{
    m_second.reset();
    m_first.reset();
}

qint64 tst_Cluster::count(const QString &sql) const
{
    return countRows(m_first->databaseUrl(), sql);
}

qint64 tst_Cluster::userId(const QString &username) const
{
    return count(QStringLiteral("SELECT id FROM users WHERE username = '%1'").arg(username));
}

void tst_Cluster::changesOnOneNodeReachTheOther()
{
    QVERIFY(m_first->createModerator(QStringLiteral("mod"), TestPassword));
    auto moderator = signedIn(m_first->url(), QStringLiteral("mod"), SignIn::LoginOrRegister);
    auto ada = signedIn(m_first->url(), QStringLiteral("ada"), SignIn::LoginOrRegister);
    auto bob = signedIn(m_second->url(), QStringLiteral("bob"), SignIn::LoginOrRegister);
    auto troll = signedIn(m_second->url(), QStringLiteral("troll"), SignIn::LoginOrRegister);
    QVERIFY(moderator && ada && bob && troll);
    const qint64 adaId = userId(QStringLiteral("ada"));
    const qint64 bobId = userId(QStringLiteral("bob"));

    // Bob, on the second node, sees Ada, signed in on the first, online.
    const Envelope presence = bob->subscribe(Protocol::Topic::Presence);
    QVERIFY(!presence.isError());
    const auto online =
            PresenceSnapshot::fromJson(presence.data.value(QStringLiteral("snapshot")).toObject());
    QVERIFY(online);
    QVERIFY(std::any_of(online->users.cbegin(), online->users.cend(),
                        [&](const OnlineUser &user) { return user.user.id == adaId; }));
    for (const QString &topic :
         {Protocol::Topic::CommunityFacts, Protocol::Topic::Chat, Protocol::Topic::Talks,
          Protocol::Topic::Announcements, Protocol::Topic::userFacts(adaId)})
        QVERIFY2(!bob->subscribe(topic).isError(), qPrintable(topic));

    // A fact: in the community feed and Ada's own feed.
    QVERIFY(!ada->request(Protocol::Type::PostFact,
                          PostFactRequest{QStringLiteral("f1"), QStringLiteral("From node one")}
                                  .toJson())
                     .isError());
    QVERIFY(!bob->waitForEvent(Protocol::Topic::CommunityFacts, [](const Envelope &event) {
                    return postedTexts({event}).contains(QStringLiteral("From node one"));
                }).type.isEmpty());
    QVERIFY(!bob->waitForEvent(Protocol::Topic::userFacts(adaId), [](const Envelope &event) {
                    return kindOf(event) == QLatin1StringView("posted");
                }).type.isEmpty());

    // A chat message and Ada's read marker.
    const Envelope sent = ada->request(Protocol::Type::SendMessage,
                                       {{QStringLiteral("clientId"), QStringLiteral("m1")},
                                        {QStringLiteral("to"), bobId},
                                        {QStringLiteral("text"), QStringLiteral("Hello, Bob")}});
    QVERIFY(!sent.isError());
    const Envelope message = bob->waitForEvent(Protocol::Topic::Chat, [](const Envelope &event) {
        return kindOf(event) == Protocol::ChatEvent::Message;
    });
    QCOMPARE(message.data.value(QStringLiteral("message"))
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString(),
             QStringLiteral("Hello, Bob"));

    // A talk, an announcement, and Ada going away.
    QVERIFY(!ada->request(Protocol::Type::ProposeTalk,
                          ProposeTalkRequest{QStringLiteral("t1"), QStringLiteral("Clusters"), {}}
                                  .toJson())
                     .isError());
    QVERIFY(!bob->waitForEvent(Protocol::Topic::Talks, [](const Envelope &event) {
                    return kindOf(event) == Protocol::TalkEvent::Upserted;
                }).type.isEmpty());
    QVERIFY(!moderator
                     ->request(Protocol::Type::Announce,
                               {{QStringLiteral("clientId"), QStringLiteral("a1")},
                                {QStringLiteral("text"), QStringLiteral("Keynote in 5")}})
                     .isError());
    QVERIFY(!bob->waitForEvent(Protocol::Topic::Announcements, [](const Envelope &event) {
                    return kindOf(event) == Protocol::ModerationEvent::Announcement;
                }).type.isEmpty());
    QVERIFY(!ada->request(Protocol::Type::SetPresence,
                          {{QStringLiteral("state"), QStringLiteral("away")}})
                     .isError());
    QVERIFY(!bob->waitForEvent(Protocol::Topic::Presence, [&](const Envelope &event) {
                    const auto change = PresenceChange::fromJson(event.data);
                    return change && change->userId == adaId
                            && change->state == PresenceState::Away;
                }).type.isEmpty());

    // A ban on the first node closes the user's app on the second.
    const Envelope banned = moderator->request(
            Protocol::Type::Ban, {{QStringLiteral("userId"), userId(QStringLiteral("troll"))}});
    QVERIFY(!banned.isError());
    QVERIFY(troll->waitForDisconnected());
    QCOMPARE(troll->closeCode(), Protocol::CloseCode::Banned);

    // A hub made on the first node shows on the second.
    QVERIFY(!bob->subscribe(Protocol::Topic::Hubs).isError());
    QVERIFY(!moderator
                     ->request(Protocol::Type::CreateHub,
                               {{QStringLiteral("name"), QStringLiteral("Track B")}})
                     .isError());
    QVERIFY(!bob->waitForEvent(Protocol::Topic::Hubs, [](const Envelope &event) {
                    return kindOf(event) == Protocol::ModerationEvent::Hub
                            && event.data.value(QStringLiteral("hub"))
                                       .toObject()
                                       .value(QStringLiteral("name"))
                                       .toString()
                            == QLatin1StringView("Track B");
                }).type.isEmpty());

    // Signing out on the first node closes the same session's app on the second.
    TestClient adaHere;
    QVERIFY(adaHere.open(m_first->url()) && !adaHere.hello().isError());
    const Envelope login = adaHere.login(QStringLiteral("ada"), TestPassword);
    QVERIFY(!login.isError());
    TestClient adaElsewhere;
    QVERIFY(adaElsewhere.open(m_second->url()) && !adaElsewhere.hello().isError());
    QVERIFY(!adaElsewhere
                     .request(Protocol::Type::Resume,
                              {{QStringLiteral("token"),
                                login.data.value(QStringLiteral("token")).toString()}})
                     .isError());
    QVERIFY(!adaHere.request(Protocol::Type::Logout).isError());
    QVERIFY(adaElsewhere.waitForDisconnected());
    QCOMPARE(adaElsewhere.closeCode(), Protocol::CloseCode::SessionEnded);

    // The second node heard all of it from the first; the fact, taken above, came only once.
    QVERIFY(m_second->metric(QStringLiteral("hallway_cluster_events_received_total")) >= 6);
    QCOMPARE(postedTexts(bob->events()).count(QStringLiteral("From node one")), 0);
}

void tst_Cluster::talliesAgreeAfterVotingOnBothNodes()
{
    auto speaker = signedIn(m_first->url(), QStringLiteral("speaker"), SignIn::LoginOrRegister);
    QVERIFY(speaker);
    QList<qint64> talks;
    for (int i = 0; i < 5; ++i) {
        const Envelope reply = speaker->request(Protocol::Type::ProposeTalk,
                                                ProposeTalkRequest{QStringLiteral("t%1").arg(i),
                                                                   QStringLiteral("Talk %1").arg(i),
                                                                   {}}
                                                        .toJson());
        QVERIFY(!reply.isError());
        talks.append(reply.data.value(QStringLiteral("talk"))
                             .toObject()
                             .value(QStringLiteral("id"))
                             .toInteger());
    }
    // Ten voters on each node, and a watcher on each.
    std::vector<std::unique_ptr<TestClient>> voters;
    for (int i = 0; i < 20; ++i) {
        voters.push_back(signedIn((i % 2 ? m_second : m_first)->url(),
                                  QStringLiteral("voter%1").arg(i), SignIn::LoginOrRegister));
        QVERIFY(voters.back());
    }
    auto firstWatcher =
            signedIn(m_first->url(), QStringLiteral("watcher1"), SignIn::LoginOrRegister);
    auto secondWatcher =
            signedIn(m_second->url(), QStringLiteral("watcher2"), SignIn::LoginOrRegister);
    QVERIFY(firstWatcher && secondWatcher);
    const Envelope firstView = firstWatcher->subscribe(Protocol::Topic::Talks);
    const Envelope secondView = secondWatcher->subscribe(Protocol::Topic::Talks);
    QVERIFY(!firstView.isError() && !secondView.isError());

    // Everyone toggles at random, at once, on both nodes: 15 rounds, bounded in time; a round
    // ends when every voter has its answer.
    auto *random = QRandomGenerator::global();
    constexpr int Rounds = 15;
    QElapsedTimer clock;
    clock.start();
    for (int round = 0; round < Rounds && clock.elapsed() < 20'000; ++round) {
        for (std::size_t v = 0; v < voters.size(); ++v) {
            const qint64 talk = talks.at(random->bounded(5));
            voters[v]->sendRaw(QString::fromUtf8(Envelope{
                    Protocol::Type::ToggleVote,
                    QStringLiteral("r%1").arg(round),
                    ToggleVoteRequest{QStringLiteral("v%1-%2").arg(v).arg(round), talk}.toJson(),
                    {},
                    0}
                                                         .toJson()));
        }
        for (auto &voter : voters)
            QVERIFY(!voter->waitForReply(QStringLiteral("r%1").arg(round), 30'000).isError());
    }

    QMap<qint64, qint64> database;
    qint64 total = 0;
    for (const qint64 talk : talks) {
        database.insert(
                talk,
                count(QStringLiteral("SELECT COUNT(*) FROM votes WHERE talk_id = %1").arg(talk)));
        total += database.value(talk);
    }
    QVERIFY(total > 0);
    // Both nodes' subscribers end with the database's counts.
    QTRY_COMPARE_WITH_TIMEOUT(tallies(firstView, firstWatcher->events()), database, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(tallies(secondView, secondWatcher->events()), database, 5000);
}

void tst_Cluster::aKilledNodesAppsMoveAndItsUsersGoOffline()
{
    // On the second node, someone watches the feed and who is online.
    auto watcher = signedIn(m_second->url(), QStringLiteral("watcher"), SignIn::LoginOrRegister);
    QVERIFY(watcher);
    QVERIFY(!watcher->subscribe(Protocol::Topic::CommunityFacts).isError());
    QVERIFY(!watcher->subscribe(Protocol::Topic::Presence).isError());
    QVERIFY(!watcher->subscribe(Protocol::Topic::Chat).isError());
    const qint64 watcherId = userId(QStringLiteral("watcher"));
    // On the first node: one app that knows no other address, and three that do.
    auto stayer = signedIn(m_first->url(), QStringLiteral("stayer"), SignIn::LoginOrRegister);
    QVERIFY(stayer);
    const qint64 stayerId = userId(QStringLiteral("stayer"));

    constexpr int Apps = 3;
    constexpr int Facts = 6; // and as many messages, per app: half before the kill, half after
    std::vector<std::unique_ptr<HallwayClient>> apps;
    for (int i = 0; i < Apps; ++i) {
        auto app = std::make_unique<HallwayClient>();
        app->connection().setReconnectDelays(100, 400);
        app->setAlternateServers({m_second->url()});
        QSignalSpy signedInSpy(app.get(), &HallwayClient::signedIn);
        app->registerAccount(m_first->url(),
                             {QStringLiteral("mover%1").arg(i),
                              QStringLiteral("Mover %1").arg(i),
                              TestPassword,
                              {},
                              {}});
        QVERIFY(signedInSpy.wait(10'000));
        apps.push_back(std::move(app));
    }
    const auto text = [](int app, int fact) {
        return QStringLiteral("mover %1 fact %2").arg(app).arg(fact);
    };
    const auto message = [](int app, int number) {
        return QStringLiteral("mover %1 says %2").arg(app).arg(number);
    };
    // Each app posts a fact and sends the watcher a message, in turns.
    const auto write = [&](int number) {
        for (int i = 0; i < Apps; ++i) {
            apps[i]->postFact(text(i, number));
            apps[i]->submitWrite(Protocol::Type::SendMessage,
                                 {{QStringLiteral("to"), watcherId},
                                  {QStringLiteral("text"), message(i, number)}});
        }
    };
    for (int number = 0; number < Facts / 2; ++number)
        write(number);
    // Killed with writes still in flight: some committed and unanswered, some not yet sent
    // (the 20 ms lets some of them out; it decides when the kill comes, not a verdict).
    QTest::qWait(20);
    QElapsedTimer sinceKill;
    m_first->kill();
    sinceKill.start();
    for (int number = Facts / 2; number < Facts; ++number)
        write(number);

    // The app that cannot move goes offline for the second node's users in time.
    const Envelope left = watcher->waitForEvent(
            Protocol::Topic::Presence,
            [&](const Envelope &event) {
                const auto change = PresenceChange::fromJson(event.data);
                return change && change->userId == stayerId
                        && change->kind == Protocol::PresenceEvent::Left;
            },
            NodeTimeoutMs + 4 * HeartbeatMs + 2000);
    QVERIFY2(!left.type.isEmpty(), "the killed node's user never went offline");
    const qint64 offlineAfterMs = sinceKill.elapsed();
    qInfo("the killed node's user went offline after %lld ms (timeout %d ms)", offlineAfterMs,
          NodeTimeoutMs);

    // The others moved, resumed and emptied their outboxes there.
    for (auto &app : apps) {
        QTRY_COMPARE_WITH_TIMEOUT(app->status(), HallwayClient::Status::Online, 15'000);
        QCOMPARE(app->serverUrl(), m_second->url());
        QTRY_COMPARE_WITH_TIMEOUT(app->pendingWriteCount(), 0, 15'000);
    }
    // Every fact and message is stored once, and the watcher saw each once.
    QStringList seen;
    QStringList received;
    const auto watched = [&]() {
        const QList<Envelope> events = watcher->events();
        seen = postedTexts(events);
        received.clear();
        for (const Envelope &event : events) {
            if (event.topic == Protocol::Topic::Chat
                && kindOf(event) == Protocol::ChatEvent::Message)
                received.append(event.data.value(QStringLiteral("message"))
                                        .toObject()
                                        .value(QStringLiteral("text"))
                                        .toString());
        }
        return seen.size() >= Apps * Facts && received.size() >= Apps * Facts;
    };
    QTRY_VERIFY_WITH_TIMEOUT(watched(), 10'000);
    for (int i = 0; i < Apps; ++i) {
        for (int fact = 0; fact < Facts; ++fact) {
            QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM facts WHERE text = '%1'")
                                   .arg(text(i, fact))),
                     1);
            QVERIFY2(seen.count(text(i, fact)) == 1,
                     qPrintable(text(i, fact)
                                + QStringLiteral(" seen %1 times").arg(seen.count(text(i, fact)))));
            QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages WHERE text = '%1'")
                                   .arg(message(i, fact))),
                     1);
            QVERIFY2(received.count(message(i, fact)) == 1,
                     qPrintable(message(i, fact)
                                + QStringLiteral(" received %1 times")
                                          .arg(received.count(message(i, fact)))));
        }
    }
    // The movers are online on the second node, the dead node is forgotten.
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM cluster_nodes")), 1, 5000);
}

void tst_Cluster::aStoppedNodesUsersLeaveAtOnce()
{
    auto watcher = signedIn(m_second->url(), QStringLiteral("watcher"), SignIn::LoginOrRegister);
    auto leaver = signedIn(m_first->url(), QStringLiteral("leaver"), SignIn::LoginOrRegister);
    QVERIFY(watcher && leaver);
    const qint64 leaverId = userId(QStringLiteral("leaver"));
    QVERIFY(!watcher->subscribe(Protocol::Topic::Presence).isError());

    // A clean stop says goodbye; nobody waits for a timeout.
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(m_first->stop(), 0);
    const Envelope left = watcher->waitForEvent(
            Protocol::Topic::Presence,
            [&](const Envelope &event) {
                const auto change = PresenceChange::fromJson(event.data);
                return change && change->userId == leaverId
                        && change->kind == Protocol::PresenceEvent::Left;
            },
            NodeTimeoutMs);
    QVERIFY(!left.type.isEmpty());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM cluster_nodes")), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM cluster_presence")), 1); // the watcher
}

void tst_Cluster::aStalledNodeComesBackWithItsUsers()
{
    auto watcher = signedIn(m_second->url(), QStringLiteral("watcher"), SignIn::LoginOrRegister);
    auto sleeper = signedIn(m_first->url(), QStringLiteral("sleeper"), SignIn::LoginOrRegister);
    QVERIFY(watcher && sleeper);
    const qint64 sleeperId = userId(QStringLiteral("sleeper"));
    QVERIFY(!watcher->subscribe(Protocol::Topic::Presence).isError());
    const auto change = [&](const QString &kind) {
        return [&, kind](const Envelope &event) {
            const auto presence = PresenceChange::fromJson(event.data);
            return presence && presence->userId == sleeperId && presence->kind == kind;
        };
    };

    // The first node stalls past the timeout (stopped, not killed): the second gives it up.
    QCOMPARE(::kill(static_cast<pid_t>(m_first->pid()), SIGSTOP), 0);
    QVERIFY(!watcher->waitForEvent(Protocol::Topic::Presence, change(Protocol::PresenceEvent::Left),
                                   NodeTimeoutMs + 4 * HeartbeatMs + 2000)
                     .type.isEmpty());
    // It wakes, finds itself given up, joins again and shares its users again.
    QCOMPARE(::kill(static_cast<pid_t>(m_first->pid()), SIGCONT), 0);
    QVERIFY(!watcher->waitForEvent(Protocol::Topic::Presence,
                                   change(Protocol::PresenceEvent::Joined), 4 * HeartbeatMs + 3000)
                     .type.isEmpty());
    QVERIFY(sleeper->isConnected());
    // And it stays that way: two live nodes, the sleeper online once, through a whole node
    // timeout of heartbeats from both (the database's clock, so a slow machine waits longer).
    const qint64 from = count(QStringLiteral("SELECT MAX(heartbeat_at) FROM cluster_nodes"));
    QVERIFY(from > 0);
    QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("SELECT MIN(heartbeat_at) FROM cluster_nodes"))
                                     >= from + NodeTimeoutMs,
                             NodeTimeoutMs + 4 * HeartbeatMs + 5000);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM cluster_nodes")), 2);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM cluster_presence WHERE user_id = %1")
                           .arg(sleeperId)),
             1);
    QVERIFY(watcher->events().isEmpty()
            || std::none_of(watcher->events().cbegin(), watcher->events().cend(),
                            change(Protocol::PresenceEvent::Left)));
}

QTEST_GUILESS_MAIN(tst_Cluster)
#include "tst_cluster.moc"
