// SPDX-License-Identifier: MIT
// Database outages: a real hallway-server on a PostgreSQL cluster of the test's own, which is
// halted as a crash would (pg_ctl stop -m immediate) and started again ten times while the
// app's real client core posts facts. During each outage requests get `unavailable` with a
// time to retry (never `internal`), /healthz answers 503 with the reason and the outage is
// logged once; within 5 s of PostgreSQL accepting connections again the server uses it by
// itself; in the end the database holds every fact the app wrote exactly once. And while
// PostgreSQL hangs (its backends stopped with SIGSTOP), what needs no database is still
// answered at once: the network thread never waits for it. A failover to a synchronous
// standby at the same address loses nothing either. And a SQLite room on a disk that fills
// up refuses writes with `unavailable`, keeps reading, and writes again once there is room.
#include "faultproxy.h"
#include "hallwayclient.h"
#include "messages.h"
#include "protocol.h"
#include "testclient.h"
#include "testpostgres.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <unistd.h>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
constexpr int Restarts = 10;
// Facts waiting for their acknowledgement at most: a busy attendee, or several.
constexpr int Window = 20;
const QString Password = QStringLiteral("database-outage-password");
} // namespace

// Posts facts through HallwayClient's outbox (submitWrite, as the feed's composer does) and
// counts each acknowledgement and refusal the client reports.
class FactWriter : public QObject {
    Q_OBJECT
public:
    explicit FactWriter(HallwayClient &client) : m_client(client)
    {
        connect(&client, &HallwayClient::writeAcknowledged, this,
                [this](const QString &, const QString &clientId, const QJsonObject &) {
                    ++m_acks[clientId];
                    if (m_writing)
                        topUp();
                });
        connect(&client, &HallwayClient::writeRejected, this,
                [this](const QString &, const QString &clientId, const QJsonObject &,
                       const Hallway::Error &error) {
                    m_rejected.append(clientId + QStringLiteral(": ") + error.message);
                });
    }

    void start()
    {
        m_writing = true;
        topUp();
    }
    void stop() { m_writing = false; }
    // Writes n more now, whatever the server is doing.
    void submit(int n)
    {
        for (int i = 0; i < n; ++i)
            submitOne();
    }

    int acknowledged() const { return static_cast<int>(m_acks.size()); }
    const QHash<QString, QString> &texts() const { return m_texts; }
    const QHash<QString, int> &acks() const { return m_acks; }
    const QStringList &rejected() const { return m_rejected; }
    QString state() const
    {
        return QStringLiteral("%1 written, %2 acknowledged, %3 refused, %4 in the outbox")
                .arg(m_texts.size())
                .arg(m_acks.size())
                .arg(m_rejected.size())
                .arg(m_client.pendingWriteCount());
    }

private:
    void topUp()
    {
        while (m_client.pendingWriteCount() < Window)
            submitOne();
    }
    void submitOne()
    {
        const QString text = QStringLiteral("outage fact %1").arg(m_texts.size() + 1);
        m_texts.insert(
                m_client.submitWrite(Protocol::Type::PostFact, {{QStringLiteral("text"), text}}),
                text);
    }

    HallwayClient &m_client;
    bool m_writing = false;
    QHash<QString, QString> m_texts; // client id -> text, as written
    QHash<QString, int> m_acks; // client id -> acknowledgements reported
    QStringList m_rejected;
};

class tst_DatabaseOutage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void anIdleServerReportsTheOutage();
    void theStatisticsWaitForTheDatabase();
    void tenRestartsWhileTheAppWrites();
    void requestsThatNeedNoDatabaseAreAnsweredWhileItHangs();
    void aFailoverToANewPrimaryLosesNothing();
    void anAppThatReconnectsDuringAnOutageSignsInWhenItIsBack();
    void aFullDiskRefusesWritesUntilThereIsRoom();

private:
    // Starts server on database with /healthz; signs in probe, a user who asks by hand to see
    // exactly what a request gets during an outage, and client, the app's core for a writer.
    void startWriting(TestServer &server, const TestPostgres &database, TestClient &probe,
                      HallwayClient &client)
    {
        server.setDatabaseUrl(database.url());
        server.enableHttp();
        QVERIFY(server.start());
        QVERIFY(probe.open(server.url()));
        QVERIFY(!probe.hello().isError());
        QVERIFY(!probe.registerUser(QStringLiteral("probe"), Password).isError());
        QSignalSpy signedIn(&client, &HallwayClient::signedIn);
        client.registerAccount(
                server.url(),
                {QStringLiteral("writer"), QStringLiteral("Writer"), Password, {}, {}});
        QVERIFY(signedIn.wait(10'000));
    }
    // A fact posted by hand, each with a client id of its own.
    Envelope postAsProbe(TestClient &probe)
    {
        return probe.request(
                Protocol::Type::PostFact,
                {{QStringLiteral("clientId"), QStringLiteral("probe-%1").arg(++m_probeFacts)},
                 {QStringLiteral("text"), QStringLiteral("probe fact")}},
                10'000);
    }
    // Posts as the probe until a post is stored; how long that took (ms), or -1.
    // Each try waits for /healthz to say the database is back first.
    qint64 waitUntilServed(const TestServer &server, TestClient &probe, QStringList &wrongErrors,
                           const QString &when)
    {
        QElapsedTimer back;
        back.start();
        while (back.elapsed() < 10'000) {
            const bool healthy = QTest::qWaitFor(
                    [&]() {
                        int status = 0;
                        health(server, &status);
                        return status == 200;
                    },
                    10'000);
            if (!healthy)
                return -1;
            const Envelope served = postAsProbe(probe);
            if (!served.isError())
                return back.elapsed();
            const Error retry = served.toError();
            if (retry.code != ErrorCode::Unavailable)
                wrongErrors.append(QStringLiteral("%1: %2 \"%3\"")
                                           .arg(when, errorCodeName(retry.code), retry.message));
        }
        return -1;
    }
    // Once the app's outbox is empty: the database holds each fact the writer wrote, once,
    // with its text, and nothing else of the writer's.
    void verifyEveryFactStoredOnce(const HallwayClient &client, const FactWriter &writer,
                                   const TestPostgres &database)
    {
        QTRY_VERIFY2_WITH_TIMEOUT(client.pendingWriteCount() == 0, qPrintable(writer.state()),
                                  20'000);
        QVERIFY2(writer.rejected().isEmpty(),
                 qPrintable(writer.rejected().mid(0, 5).join(QLatin1Char('\n'))));
        QCOMPARE(writer.acknowledged(), writer.texts().size());
        bool ok = false;
        const QStringList stored =
                database.query(QStringLiteral("SELECT client_id || '|' || text FROM facts WHERE "
                                              "author_id = %1")
                                       .arg(client.currentUser().id),
                               &ok)
                        .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(ok);
        QCOMPARE(stored.size(), writer.texts().size());
        for (const QString &row : stored) {
            const QString clientId = row.section(QLatin1Char('|'), 0, 0);
            QVERIFY2(writer.texts().value(clientId) == row.section(QLatin1Char('|'), 1),
                     qPrintable(row));
        }
    }

    // GET /healthz: its status code and body.
    QJsonObject health(const TestServer &server, int *status) const
    {
        return QJsonDocument::fromJson(server.httpGet(QStringLiteral("/healthz"), status)).object();
    }

    TestPostgres m_postgres;
    int m_probeFacts = 0;
};

void tst_DatabaseOutage::initTestCase()
{
    QVERIFY2(m_postgres.start(), qPrintable(m_postgres.error()));
}

void tst_DatabaseOutage::init()
{
    // A test that failed with PostgreSQL halted does not take the next one with it.
    QVERIFY2(m_postgres.ensureRunning(), qPrintable(m_postgres.error()));
}

void tst_DatabaseOutage::anIdleServerReportsTheOutage()
{
    TestServer server;
    server.setDatabaseUrl(m_postgres.url());
    server.enableHttp();
    QVERIFY(server.start());
    int status = 0;
    QCOMPARE(health(server, &status).value(QStringLiteral("status")).toString(),
             QStringLiteral("ok"));
    QCOMPARE(status, 200);

    // Nobody asks anything: the server's own check of its connection notices.
    QVERIFY2(m_postgres.halt(), qPrintable(m_postgres.error()));
    QJsonObject report;
    QTRY_VERIFY_WITH_TIMEOUT((report = health(server, &status)).value(QStringLiteral("status"))
                                     == QLatin1StringView("database_unavailable"),
                             10'000);
    QCOMPARE(status, 503);
    const QString reason = report.value(QStringLiteral("reason")).toString();
    QVERIFY2(!reason.isEmpty(), QJsonDocument(report).toJson());
    // One line an operator's monitoring can show, not libpq's several.
    QVERIFY2(!reason.contains(QLatin1Char('\n')), qPrintable(reason));
    QCOMPARE(server.metric(QStringLiteral("hallway_database_up")), 0);
    QCOMPARE(server.metric(QStringLiteral("hallway_database_outages_total")), 1);

    QVERIFY2(m_postgres.resume(), qPrintable(m_postgres.error()));
    QElapsedTimer back;
    back.start();
    QTRY_COMPARE_WITH_TIMEOUT(health(server, &status).value(QStringLiteral("status")).toString(),
                              QStringLiteral("ok"), 5000);
    qInfo("an idle server reported the database back %lld ms after it accepted connections",
          back.elapsed());
    QCOMPARE(status, 200);
    QCOMPARE(server.metric(QStringLiteral("hallway_database_up")), 1);
    QVERIFY(server.isRunning());
}

void tst_DatabaseOutage::theStatisticsWaitForTheDatabase()
{
    TestServer server;
    server.setDatabaseUrl(m_postgres.url());
    server.setConfig(QStringLiteral("[stats]\ninterval_seconds=1\n"));
    server.enableHttp();
    QVERIFY(server.start());
    const QString computations = QStringLiteral("hallway_stats_computations_total");
    QTRY_VERIFY_WITH_TIMEOUT(server.metric(computations) >= 2, 5000); // they run each second

    QVERIFY2(m_postgres.halt(), qPrintable(m_postgres.error()));
    int status = 0;
    QTRY_COMPARE_WITH_TIMEOUT(health(server, &status).value(QStringLiteral("status")).toString(),
                              QStringLiteral("database_unavailable"), 10'000);
    // The database stays down for a few of the statistics' intervals: they are not asked for
    // while the storage knows it is down, so they have nothing to complain about.
    QTest::qWait(2500);
    const qint64 before = server.metric(computations);
    QVERIFY2(m_postgres.resume(), qPrintable(m_postgres.error()));
    QTRY_COMPARE_WITH_TIMEOUT(health(server, &status).value(QStringLiteral("status")).toString(),
                              QStringLiteral("ok"), 5000);
    // Counted again as soon as it is back.
    QTRY_VERIFY_WITH_TIMEOUT(server.metric(computations) > before, 5000);

    // The outage is in the log once, as the database's; not once more for each statistic.
    QCOMPARE(server.log().count(QStringLiteral("the database is unavailable:")), 1);
    const QStringList lines = server.log().split(QLatin1Char('\n'));
    const QStringList complaints =
            lines.filter(QRegularExpression(QStringLiteral("statistics| failed:| not open")));
    QVERIFY2(complaints.isEmpty(), qPrintable(complaints.join(QLatin1Char('\n'))));
    QVERIFY(server.isRunning());
}

void tst_DatabaseOutage::tenRestartsWhileTheAppWrites()
{
    TestServer server;
    TestClient probe;
    HallwayClient client;
    startWriting(server, m_postgres, probe, client);
    if (QTest::currentTestFailed())
        return;
    FactWriter writer(client);
    writer.start();

    QList<qint64> reconnectMs;
    QStringList wrongErrors;
    for (int restart = 1; restart <= Restarts; ++restart) {
        const int before = writer.acknowledged();
        QTRY_VERIFY2_WITH_TIMEOUT(
                writer.acknowledged() >= before + Window,
                qPrintable(
                        QStringLiteral("before restart %1: %2").arg(restart).arg(writer.state())),
                15'000);
        QVERIFY2(m_postgres.halt(), qPrintable(m_postgres.error()));

        // During the outage: `unavailable` with a time to retry, and /healthz says why.
        const Envelope refused = postAsProbe(probe);
        QVERIFY2(refused.isError(), qPrintable(QStringLiteral("restart %1").arg(restart)));
        const Error error = refused.toError();
        if (error.code != ErrorCode::Unavailable || !error.retryAfterMs || *error.retryAfterMs <= 0)
            wrongErrors.append(QStringLiteral("restart %1: %2 \"%3\" retryAfterMs %4")
                                       .arg(restart)
                                       .arg(errorCodeName(error.code), error.message)
                                       .arg(error.retryAfterMs.value_or(-1)));
        int status = 0;
        QCOMPARE(health(server, &status).value(QStringLiteral("status")).toString(),
                 QStringLiteral("database_unavailable"));
        QCOMPARE(status, 503);
        // PostgreSQL stays down until the app's writes of the outage have been refused too.
        const QString refusals = QStringLiteral("hallway_errors_total{code=\"unavailable\"}");
        const qint64 refusedBefore = server.metric(refusals);
        writer.submit(3);
        QTRY_VERIFY_WITH_TIMEOUT(server.metric(refusals) >= refusedBefore + 3, 10'000);

        QVERIFY2(m_postgres.resume(), qPrintable(m_postgres.error()));
        // From PostgreSQL accepting connections to a request being served again.
        const qint64 servedAfter = waitUntilServed(server, probe, wrongErrors,
                                                   QStringLiteral("after restart %1").arg(restart));
        QVERIFY2(servedAfter >= 0, qPrintable(QStringLiteral("restart %1").arg(restart)));
        reconnectMs.append(servedAfter);
        QCOMPARE(health(server, &status).value(QStringLiteral("status")).toString(),
                 QStringLiteral("ok"));
        QCOMPARE(status, 200);
    }
    writer.stop();
    QVERIFY2(wrongErrors.isEmpty(), qPrintable(wrongErrors.join(QLatin1Char('\n'))));

    // Every fact written is stored once; the app resent what the outages refused by itself.
    verifyEveryFactStoredOnce(client, writer, m_postgres);
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(server.metric(QStringLiteral("hallway_database_outages_total")), Restarts);
    QCOMPARE(server.metric(QStringLiteral("hallway_database_up")), 1);
    // Logged once an outage, and once back; not once a request.
    QCOMPARE(server.log().count(QStringLiteral("the database is unavailable:")), Restarts);
    QCOMPARE(server.log().count(QStringLiteral("the database is back after")), Restarts);
    // The statistics are not asked for while the database is down.
    QCOMPARE(server.log().count(QStringLiteral("statistics not updated:")), 0);
    // The server's own lines: about five an outage (each connection lost and back, and the
    // changes read back), however many requests it refused. The others are libpq's notices
    // ("terminating connection due to immediate shutdown command", one per connection) and
    // Qt's warnings about the dead connections' sockets, worded by neither of us. About 25
    // requests are refused each outage: a line for each would break either bound.
    const QStringList logLines = server.log().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const qsizetype ownLines = logLines.filter(QStringLiteral(" hallway.")).size();
    const int lines = static_cast<int>(logLines.size());
    QVERIFY2(ownLines < 20 + Restarts * 6 && lines - ownLines <= Restarts * 5,
             qPrintable(QStringLiteral("%1 log lines, %2 the server's own:\n%3")
                                .arg(lines)
                                .arg(ownLines)
                                .arg(server.log().right(3000))));

    std::sort(reconnectMs.begin(), reconnectMs.end());
    qInfo("%d facts stored once each through %d restarts; served again %lld ms (median), "
          "%lld ms (slowest) after PostgreSQL accepted connections; %d log lines, %d the server's "
          "own",
          static_cast<int>(writer.texts().size()), Restarts, reconnectMs.at(reconnectMs.size() / 2),
          reconnectMs.last(), lines, static_cast<int>(ownLines));
    QVERIFY2(reconnectMs.last() < 5000, qPrintable(QString::number(reconnectMs.last())));
    QVERIFY(server.isRunning());
}

void tst_DatabaseOutage::requestsThatNeedNoDatabaseAreAnsweredWhileItHangs()
{
    TestServer server;
    server.setDatabaseUrl(m_postgres.url());
    // Heartbeats every 100 ms: each is a chance for the network thread to wait, if it would.
    server.setConfig(QStringLiteral("[cluster]\nheartbeat_ms=100\nnode_timeout_ms=60000\n"));
    QVERIFY(server.start());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(!client.hello().isError());
    QVERIFY(!client.registerUser(QStringLiteral("hangs"), Password).isError());
    QVERIFY(!client.subscribe(Protocol::Topic::Presence).isError());

    // The server's backends stop where they are: first the one it listens on, then the
    // storage connection too.
    bool ok = false;
    auto backendOf = [this, &ok](const QString &applicationName) {
        return m_postgres
                .query(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE application_name "
                                      "LIKE '%1'")
                               .arg(applicationName),
                       &ok)
                .toInt();
    };
    const int listening = backendOf(QStringLiteral("hallway-%listen%"));
    const int storing = backendOf(QStringLiteral("hallway-server"));
    QVERIFY(listening > 0 && storing > 0);
    QList<int> stopped;
    auto resume = qScopeGuard([&stopped]() {
        for (const int pid : stopped)
            ::kill(pid, SIGCONT);
    });
    QList<qint64> latencies;
    auto changePresence = [&client, &latencies](int forMs) {
        QElapsedTimer hang;
        hang.start();
        while (hang.elapsed() < forMs) {
            QElapsedTimer took;
            took.start();
            const Envelope reply = client.request(
                    Protocol::Type::SetPresence,
                    {{QStringLiteral("state"),
                      latencies.size() % 2 ? QStringLiteral("online") : QStringLiteral("away")}},
                    2000);
            latencies.append(reply.isError() ? 2000 : took.elapsed());
        }
    };
    QCOMPARE(::kill(listening, SIGSTOP), 0);
    stopped.append(listening);
    changePresence(1500);
    QCOMPARE(::kill(storing, SIGSTOP), 0);
    stopped.append(storing);
    // A write now waits for the database, and that is all it does.
    client.sendRaw(QString::fromUtf8(
            Envelope{Protocol::Type::PostFact,
                     QStringLiteral("waits"),
                     {{QStringLiteral("clientId"), QStringLiteral("waits")},
                      {QStringLiteral("text"), QStringLiteral("posted while PostgreSQL hangs")}},
                     {},
                     0}
                    .toJson()));
    changePresence(1500);
    std::sort(latencies.begin(), latencies.end());
    qInfo("while PostgreSQL hung for 3 s: %d presence changes answered in %lld ms (median), "
          "%lld ms (slowest)",
          static_cast<int>(latencies.size()), latencies.at(latencies.size() / 2), latencies.last());
    QVERIFY2(latencies.last() < 100, qPrintable(QString::number(latencies.last())));

    resume.dismiss();
    for (const int pid : std::as_const(stopped))
        QCOMPARE(::kill(pid, SIGCONT), 0);
    // The write was only waiting.
    QVERIFY(!client.waitForReply(QStringLiteral("waits"), 10'000).isError());
    QVERIFY(server.isRunning());
}

// A failover: the primary dies and its synchronous standby is promoted at the same address
// (as a virtual address or a DNS name would move). To the server it looks like a restart,
// and it is handled like one: nothing the app wrote is lost or doubled.
void tst_DatabaseOutage::aFailoverToANewPrimaryLosesNothing()
{
    TestPostgres primary;
    QVERIFY2(primary.start(), qPrintable(primary.error()));
    TestPostgres standby;
    QVERIFY2(standby.startStandbyOf(primary), qPrintable(standby.error()));
    TestServer server;
    TestClient probe;
    HallwayClient client;
    startWriting(server, primary, probe, client);
    if (QTest::currentTestFailed())
        return;
    FactWriter writer(client);
    writer.start();
    QTRY_VERIFY_WITH_TIMEOUT(writer.acknowledged() >= 3 * Window, 15'000);

    QVERIFY2(primary.halt(), qPrintable(primary.error()));
    writer.submit(3); // written while there is no primary
    const Envelope refused = postAsProbe(probe);
    QVERIFY(refused.isError());
    QCOMPARE(refused.toError().code, ErrorCode::Unavailable);
    QVERIFY2(standby.takeOverFrom(primary), qPrintable(standby.error()));
    QStringList wrongErrors;
    const qint64 servedAfter =
            waitUntilServed(server, probe, wrongErrors, QStringLiteral("after the failover"));
    QVERIFY2(wrongErrors.isEmpty(), qPrintable(wrongErrors.join(QLatin1Char('\n'))));
    QVERIFY(servedAfter >= 0);
    qInfo("served again %lld ms after the standby was promoted", servedAfter);
    QVERIFY(servedAfter < 5000);
    const int before = writer.acknowledged();
    QTRY_VERIFY_WITH_TIMEOUT(writer.acknowledged() >= before + 3 * Window, 15'000);
    writer.stop();

    // The new primary answers at the old address.
    verifyEveryFactStoredOnce(client, writer, primary);
    QVERIFY(server.isRunning());
}

// The app's connection breaks while the database is away: it reconnects, and its resume is
// answered `unavailable`; it asks again until the database is back, then subscribes and sends
// its outbox, without anyone signing in again.
void tst_DatabaseOutage::anAppThatReconnectsDuringAnOutageSignsInWhenItIsBack()
{
    TestServer server;
    server.setDatabaseUrl(m_postgres.url());
    server.enableHttp();
    QVERIFY(server.start());
    FaultProxy network;
    QVERIFY(network.listen(server.port()));
    HallwayClient client;
    client.connection().setReconnectDelays(50, 250);
    QSignalSpy signedIn(&client, &HallwayClient::signedIn);
    client.registerAccount(network.url(),
                           {QStringLiteral("roamer"), QStringLiteral("Roamer"), Password, {}, {}});
    QVERIFY(signedIn.wait(10'000));
    client.subscribe(Protocol::Topic::CommunityFacts);
    FactWriter writer(client);

    QVERIFY2(m_postgres.halt(), qPrintable(m_postgres.error()));
    QCOMPARE(network.reset(), 1); // the Wi-Fi drops too
    writer.submit(2);
    // Connected again, but its session cannot be checked: still signing in, asking again.
    QTRY_COMPARE_WITH_TIMEOUT(client.connection().state(), ServerConnection::State::Connected,
                              5000);
    QTRY_VERIFY_WITH_TIMEOUT(
            server.metric(QStringLiteral("hallway_errors_total{code=\"unavailable\"}")) > 0, 5000);
    QCOMPARE(client.status(), HallwayClient::Status::SigningIn);

    QVERIFY2(m_postgres.resume(), qPrintable(m_postgres.error()));
    QElapsedTimer back;
    back.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.status(), HallwayClient::Status::Online, 5000);
    qInfo("the app was signed in again %lld ms after PostgreSQL accepted connections",
          back.elapsed());
    QCOMPARE(signedIn.size(), 1); // resumed: nobody had to sign in
    verifyEveryFactStoredOnce(client, writer, m_postgres);
}

// The room's SQLite file on a small file system of its own (tmpfs in a mount namespace of
// the server's), which the test fills up through /proc/<pid>/root and empties again.
void tst_DatabaseOutage::aFullDiskRefusesWritesUntilThereIsRoom()
{
    const bool root = ::geteuid() == 0;
    QTemporaryDir mountPoint;
    QVERIFY(mountPoint.isValid());
    TestServer server;
    server.setDatabaseUrl(QStringLiteral("sqlite:%1/room.db").arg(mountPoint.path()));
    server.enableHttp();
    QStringList launcher{QStringLiteral("unshare"), QStringLiteral("--mount"),
                         QStringLiteral("--propagation"), QStringLiteral("private")};
    if (!root)
        launcher << QStringLiteral("--map-root-user"); // a user namespace may mount tmpfs
    launcher << QStringLiteral("--") << QStringLiteral("sh") << QStringLiteral("-c")
             << QStringLiteral("mount -t tmpfs -o size=2m hallway-test \"%1\" && exec \"$@\"")
                        .arg(mountPoint.path())
             << QStringLiteral("sh");
    server.setLauncher(launcher);
    QVERIFY2(server.start(), qPrintable(server.log()));

    TestClient writer;
    QVERIFY(writer.open(server.url()));
    QVERIFY(!writer.hello().isError());
    const Envelope signedIn = writer.registerUser(QStringLiteral("writer"), Password);
    QVERIFY(!signedIn.isError());
    int posted = 0;
    auto post = [&writer, &posted]() {
        return writer.request(
                Protocol::Type::PostFact,
                {{QStringLiteral("clientId"), QStringLiteral("f%1").arg(posted + 1)},
                 {QStringLiteral("text"),
                  QStringLiteral("fact %1 ").arg(posted + 1).repeated(20).left(280)}});
    };
    for (; posted < 20; ++posted)
        QVERIFY(!post().isError());

    // The disk fills up (another program's file): the room's writes fail, one by one.
    QFile filler(QStringLiteral("/proc/%1/root%2/filler").arg(server.pid()).arg(mountPoint.path()));
    QVERIFY2(filler.open(QIODevice::WriteOnly), qPrintable(filler.errorString()));
    const QByteArray block(64 * 1024, 'x');
    while (filler.write(block) == block.size() && filler.flush()) { }
    filler.close();
    Envelope refused;
    for (int attempt = 0; attempt < 2000 && !(refused = post()).isError(); ++attempt)
        ++posted; // SQLite reuses free pages first; only new ones need the disk
    QVERIFY2(refused.isError(), "the disk never filled up");
    QVERIFY2(refused.toError().code == ErrorCode::Unavailable,
             qPrintable(refused.toError().message + QLatin1Char('\n') + server.log().right(2000)));
    QVERIFY(refused.toError().retryAfterMs.value_or(0) > 0);
    int status = 0;
    const QJsonObject report = health(server, &status);
    QCOMPARE(status, 503);
    QCOMPARE(report.value(QStringLiteral("status")).toString(),
             QStringLiteral("database_unavailable"));
    QVERIFY2(report.value(QStringLiteral("reason")).toString().contains(QLatin1StringView("full")),
             qPrintable(report.value(QStringLiteral("reason")).toString()));
    // Reading still works: the writer's facts so far.
    const Envelope listed = writer.request(Protocol::Type::ListFacts,
                                           ListFactsRequest{userIdOf(signedIn), {}, 5}.toJson());
    QVERIFY2(!listed.isError(), qPrintable(listed.toError().message));

    // Room again: within a few seconds the server writes by itself, and the refused fact goes.
    QVERIFY(filler.remove());
    QTRY_COMPARE_WITH_TIMEOUT(health(server, &status).value(QStringLiteral("status")).toString(),
                              QStringLiteral("ok"), 5000);
    QCOMPARE(status, 200);
    QVERIFY(!post().isError());
    ++posted;
    QVERIFY(server.isRunning());
    QCOMPARE(server.metric(QStringLiteral("hallway_database_outages_total")), 1);
    qInfo("%d facts stored on a 2 MB file system before it filled up", posted - 1);
}

QTEST_GUILESS_MAIN(tst_DatabaseOutage)
#include "tst_databaseoutage.moc"
