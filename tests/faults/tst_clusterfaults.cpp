// SPDX-License-Identifier: MIT
// Several nodes through database faults: two real hallway-server processes on a PostgreSQL
// cluster of the test's own. A writer on the first node posts facts, toggles votes and chats while
// the second node's listening connection is terminated from PostgreSQL's side 20 times and
// PostgreSQL itself is halted and started again twice. PostgreSQL keeps no notification for a
// node that is not listening; the second node reads back what it missed. Subscribers on both
// nodes end with exactly the database's facts (each once, in order) and tallies; the second
// node's with its chat messages (each once, in order) and the writer's presence.
#include "fixtures.h"
#include "messages.h"
#include "protocol.h"
#include "talk.h"
#include "talkmessages.h"
#include "testclient.h"
#include "testpostgres.h"
#include "testserver.h"
#include "topicviews.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
constexpr int Drops = 22; // the listening connection lost this many times...
const QList<int> Restarts = {8, 16}; // ...of them, these by restarting PostgreSQL
constexpr int WritesPerBurst = 10;
constexpr int Talks = 5;

QString clusterConfig()
{
    // A node that misses heartbeats through a restart is not given up for dead.
    return QStringLiteral("[cluster]\nheartbeat_ms=300\nnode_timeout_ms=10000\n"
                          "[talks]\ntally_interval_ms=100\n[facts]\ncommunity_interval_ms=0\n");
}

} // namespace

class tst_ClusterFaults : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void aNodeMissesNothingWhileItCannotListen();

private:
    // Sends a write to node until it is stored: through an outage it gets `unavailable` and
    // goes again, with the same client id, once node's /healthz says the database is back.
    bool write(const TestServer &node, TestClient &client, const QString &type,
               const QJsonObject &data);

    TestPostgres m_postgres;
    QStringList m_wrongErrors;
};

void tst_ClusterFaults::initTestCase()
{
    QVERIFY2(m_postgres.start(), qPrintable(m_postgres.error()));
}

void tst_ClusterFaults::init()
{
    // A test that failed with PostgreSQL halted does not take the next one with it.
    QVERIFY2(m_postgres.ensureRunning(), qPrintable(m_postgres.error()));
}

bool tst_ClusterFaults::write(const TestServer &node, TestClient &client, const QString &type,
                              const QJsonObject &data)
{
    QDeadlineTimer deadline(30'000);
    while (!deadline.hasExpired()) {
        const Envelope reply = client.request(type, data, 10'000);
        if (!reply.isError())
            return true;
        const Error error = reply.toError();
        if (error.code != ErrorCode::Unavailable || !error.retryAfterMs) {
            m_wrongErrors.append(QStringLiteral("%1: %2 \"%3\"")
                                         .arg(type, errorCodeName(error.code), error.message));
            return false;
        }
        // Again once the node says its database is back.
        const bool back = QTest::qWaitFor(
                [&node]() {
                    int status = 0;
                    node.httpGet(QStringLiteral("/healthz"), &status);
                    return status == 200;
                },
                10'000);
        if (!back)
            return false;
    }
    return false;
}

void tst_ClusterFaults::aNodeMissesNothingWhileItCannotListen()
{
    TestServer first;
    first.setDatabaseUrl(m_postgres.url());
    first.setConfig(clusterConfig());
    first.enableHttp();
    QVERIFY(first.start());
    TestServer second;
    second.setDatabaseUrl(m_postgres.url());
    second.setConfig(clusterConfig());
    second.enableHttp();
    QVERIFY(second.start());
    const QString secondNode = QJsonDocument::fromJson(second.httpGet(QStringLiteral("/healthz")))
                                       .object()
                                       .value(QStringLiteral("node"))
                                       .toString();
    QVERIFY(!secondNode.isEmpty());

    auto writer = signedIn(first.url(), QStringLiteral("writer"));
    QVERIFY(writer);
    QList<qint64> talks;
    for (int i = 0; i < Talks; ++i) {
        const Envelope reply = writer->request(Protocol::Type::ProposeTalk,
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
    auto firstWatcher = signedIn(first.url(), QStringLiteral("watcher1"));
    auto secondWatcher = signedIn(second.url(), QStringLiteral("watcher2"));
    QVERIFY(firstWatcher && secondWatcher);
    const qint64 writerId = m_postgres
                                    .query(QStringLiteral("SELECT id FROM users WHERE username = "
                                                          "'writer'"))
                                    .toLongLong();
    const qint64 recipientId = m_postgres
                                       .query(QStringLiteral("SELECT id FROM users WHERE "
                                                             "username = 'watcher2'"))
                                       .toLongLong();
    QVERIFY(writerId > 0 && recipientId > 0);
    QVERIFY(!secondWatcher->subscribe(Protocol::Topic::Chat).isError());
    const Envelope secondPresence = secondWatcher->subscribe(Protocol::Topic::Presence);
    QVERIFY(!secondPresence.isError());
    QVERIFY(!firstWatcher->subscribe(Protocol::Topic::CommunityFacts).isError());
    QVERIFY(!secondWatcher->subscribe(Protocol::Topic::CommunityFacts).isError());
    const Envelope firstView = firstWatcher->subscribe(Protocol::Topic::Talks);
    const Envelope secondView = secondWatcher->subscribe(Protocol::Topic::Talks);
    QVERIFY(!firstView.isError() && !secondView.isError());

    // Facts and vote toggles, half of them while the second node is not listening.
    int writes = 0;
    QRandomGenerator random(testSeed("the talks voted for"));
    auto burst = [&]() {
        for (int i = 0; i < WritesPerBurst; ++i, ++writes) {
            const QString clientId = QStringLiteral("w%1").arg(writes);
            bool stored = false;
            if (writes % 3 == 0)
                stored = write(first, *writer, Protocol::Type::PostFact,
                               {{QStringLiteral("clientId"), clientId},
                                {QStringLiteral("text"), QStringLiteral("fact %1").arg(writes)}});
            else if (writes % 3 == 1)
                stored = write(
                        first, *writer, Protocol::Type::ToggleVote,
                        ToggleVoteRequest{clientId, talks.at(random.bounded(Talks))}.toJson());
            else
                stored =
                        write(first, *writer, Protocol::Type::SendMessage,
                              {{QStringLiteral("clientId"), clientId},
                               {QStringLiteral("to"), recipientId},
                               {QStringLiteral("text"), QStringLiteral("message %1").arg(writes)}});
            if (!stored)
                return false;
        }
        return true;
    };
    const QString listener =
            QStringLiteral("application_name = 'hallway-listen-%1'").arg(secondNode);
    for (int drop = 1; drop <= Drops; ++drop) {
        QVERIFY2(burst(), qPrintable(m_wrongErrors.join(QLatin1Char('\n'))));
        // Its listening connection is back from the last drop before it is lost again.
        bool ok = false;
        QTRY_COMPARE_WITH_TIMEOUT(
                m_postgres.query(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE ")
                                         + listener,
                                 &ok),
                QStringLiteral("1"), 10'000);
        if (Restarts.contains(drop)) {
            QVERIFY2(m_postgres.halt(), qPrintable(m_postgres.error()));
            QVERIFY2(m_postgres.resume(), qPrintable(m_postgres.error()));
        } else {
            QCOMPARE(m_postgres.query(QStringLiteral("SELECT pg_terminate_backend(pid) FROM "
                                                     "pg_stat_activity WHERE ")
                                              + listener,
                                      &ok),
                     QStringLiteral("t"));
            QVERIFY(ok);
        }
        // Away, back, away...: shared through the database too.
        QVERIFY(!writer->request(Protocol::Type::SetPresence,
                                 {{QStringLiteral("state"),
                                   drop % 2 ? QStringLiteral("away") : QStringLiteral("online")}})
                         .isError());
        QVERIFY2(burst(), qPrintable(m_wrongErrors.join(QLatin1Char('\n'))));
    }

    bool ok = false;
    const QStringList stored =
            m_postgres.query(QStringLiteral("SELECT text FROM facts ORDER BY id"), &ok)
                    .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(ok);
    QCOMPARE(stored.size(), (2 * Drops * WritesPerBurst + 2) / 3);
    const QStringList messages =
            m_postgres
                    .query(QStringLiteral("SELECT text FROM messages WHERE recipient_id = %1 "
                                          "ORDER BY id")
                                   .arg(recipientId),
                           &ok)
                    .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(ok);
    QCOMPARE(messages.size(), 2 * Drops * WritesPerBurst / 3);
    QMap<qint64, qint64> database;
    for (const qint64 talk : std::as_const(talks))
        database.insert(talk,
                        m_postgres
                                .query(QStringLiteral("SELECT count(*) FROM votes WHERE "
                                                      "talk_id = %1")
                                               .arg(talk))
                                .toLongLong());

    // Each node's subscribers: every fact once, in the order stored, and the stored tallies.
    QTRY_COMPARE_WITH_TIMEOUT(postedTexts(firstWatcher->events()), stored, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(postedTexts(secondWatcher->events()), stored, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(tallies(firstView, firstWatcher->events()), database, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(tallies(secondView, secondWatcher->events()), database, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(messageTexts(secondWatcher->events()), messages, 10'000);
    const QString writerState = m_postgres.query(
            QStringLiteral("SELECT state FROM cluster_presence WHERE user_id = %1").arg(writerId));
    QCOMPARE(writerState, Drops % 2 ? QStringLiteral("away") : QStringLiteral("online"));
    QTRY_COMPARE_WITH_TIMEOUT(presence(secondPresence, secondWatcher->events()).value(writerId),
                              writerState, 10'000);

    const qint64 reconnects =
            second.metric(QStringLiteral("hallway_cluster_listen_reconnects_total"));
    const qint64 readBack = second.metric(QStringLiteral("hallway_cluster_events_read_back_total"));
    qInfo("%d writes; the second node's listener reconnected %lld times and read back %lld "
          "change(s) it had missed; 0 missing, 0 doubled",
          writes, reconnects, readBack);
    QVERIFY2(reconnects >= Drops, qPrintable(QString::number(reconnects)));
    QVERIFY(readBack > 0);
    QVERIFY(first.isRunning());
    QVERIFY(second.isRunning());
}

QTEST_GUILESS_MAIN(tst_ClusterFaults)
#include "tst_clusterfaults.moc"
