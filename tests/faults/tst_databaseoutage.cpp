// SPDX-License-Identifier: MIT
// Database outages: a real hallway-server on a PostgreSQL cluster of the test's own, which is
// halted as a crash would (pg_ctl stop -m immediate) and started again ten times while the
// app's real client core posts facts. During each outage requests get `unavailable` with a
// time to retry (never `internal`), /healthz answers 503 with the reason and the outage is
// logged once; within 5 s of PostgreSQL accepting connections again the server uses it by
// itself; in the end the database holds every fact the app wrote exactly once. And while
// PostgreSQL hangs (its backends stopped with SIGSTOP), what needs no database is still
// answered at once: the network thread never waits for it.
#include "hallwayclient.h"
#include "protocol.h"
#include "testclient.h"
#include "testpostgres.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <csignal>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
constexpr int Restarts = 10;
// Facts waiting for their acknowledgement at most: a busy attendee, or several.
constexpr int Window = 20;
// How long PostgreSQL stays down each time.
constexpr int DownMs = 1500;
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
    void tenRestartsWhileTheAppWrites();
    void requestsThatNeedNoDatabaseAreAnsweredWhileItHangs();

private:
    // GET /healthz: its status code and body.
    QJsonObject health(const TestServer &server, int *status) const
    {
        return QJsonDocument::fromJson(server.httpGet(QStringLiteral("/healthz"), status)).object();
    }

    TestPostgres m_postgres;
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
    QVERIFY2(!report.value(QStringLiteral("reason")).toString().isEmpty(),
             QJsonDocument(report).toJson());
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

void tst_DatabaseOutage::tenRestartsWhileTheAppWrites()
{
    TestServer server;
    server.setDatabaseUrl(m_postgres.url());
    server.enableHttp();
    QVERIFY(server.start());

    // A second user asks by hand, to see exactly what a request gets during an outage.
    TestClient probe;
    QVERIFY(probe.open(server.url()));
    QVERIFY(!probe.hello().isError());
    QVERIFY(!probe.registerUser(QStringLiteral("probe"), Password).isError());

    HallwayClient client;
    QSignalSpy signedIn(&client, &HallwayClient::signedIn);
    client.registerAccount(server.url(),
                           {QStringLiteral("writer"), QStringLiteral("Writer"), Password, {}, {}});
    QVERIFY(signedIn.wait(10'000));
    const qint64 writerId = client.currentUser().id;
    FactWriter writer(client);
    writer.start();

    QList<qint64> reconnectMs;
    QStringList wrongErrors;
    int probeId = 0;
    auto probePost = [&probe, &probeId]() {
        return probe.request(
                Protocol::Type::PostFact,
                {{QStringLiteral("clientId"), QStringLiteral("probe-%1").arg(++probeId)},
                 {QStringLiteral("text"), QStringLiteral("probe fact")}},
                10'000);
    };
    for (int restart = 1; restart <= Restarts; ++restart) {
        const int before = writer.acknowledged();
        QTRY_VERIFY2_WITH_TIMEOUT(
                writer.acknowledged() >= before + Window,
                qPrintable(
                        QStringLiteral("before restart %1: %2").arg(restart).arg(writer.state())),
                15'000);
        QVERIFY2(m_postgres.halt(), qPrintable(m_postgres.error()));

        // During the outage: `unavailable` with a time to retry, and /healthz says why.
        QElapsedTimer down;
        down.start();
        const Envelope refused = probePost();
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
        writer.submit(3); // written while the database is away
        QTest::qWait(qMax<qint64>(0, DownMs - down.elapsed())); // PostgreSQL stays down

        QVERIFY2(m_postgres.resume(), qPrintable(m_postgres.error()));
        // From PostgreSQL accepting connections to a request being served again.
        QElapsedTimer back;
        back.start();
        Envelope served;
        while (back.elapsed() < 10'000 && (served = probePost()).isError()) {
            const Error retry = served.toError();
            if (retry.code != ErrorCode::Unavailable)
                wrongErrors.append(QStringLiteral("restart %1, after: %2 \"%3\"")
                                           .arg(restart)
                                           .arg(errorCodeName(retry.code), retry.message));
            QTest::qWait(50);
        }
        QVERIFY2(!served.isError(),
                 qPrintable(QStringLiteral("restart %1: still %2 after %3 ms")
                                    .arg(restart)
                                    .arg(served.toError().message)
                                    .arg(back.elapsed())));
        reconnectMs.append(back.elapsed());
        QCOMPARE(health(server, &status).value(QStringLiteral("status")).toString(),
                 QStringLiteral("ok"));
        QCOMPARE(status, 200);
    }
    writer.stop();
    QVERIFY2(wrongErrors.isEmpty(), qPrintable(wrongErrors.join(QLatin1Char('\n'))));

    // Every fact written is stored once; the app resent what the outages refused by itself.
    QTRY_VERIFY2_WITH_TIMEOUT(client.pendingWriteCount() == 0, qPrintable(writer.state()), 20'000);
    QVERIFY2(writer.rejected().isEmpty(),
             qPrintable(writer.rejected().mid(0, 5).join(QLatin1Char('\n'))));
    QCOMPARE(writer.acknowledged(), writer.texts().size());
    bool ok = false;
    const QStringList stored =
            m_postgres
                    .query(QStringLiteral("SELECT client_id || '|' || text FROM facts WHERE "
                                          "author_id = %1")
                                   .arg(writerId),
                           &ok)
                    .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(ok);
    QCOMPARE(stored.size(), writer.texts().size());
    for (const QString &row : stored) {
        const QString clientId = row.section(QLatin1Char('|'), 0, 0);
        QVERIFY2(writer.texts().value(clientId) == row.section(QLatin1Char('|'), 1),
                 qPrintable(row));
    }

    QCOMPARE(server.metric(QStringLiteral("hallway_database_outages_total")), Restarts);
    QCOMPARE(server.metric(QStringLiteral("hallway_database_up")), 1);
    // Logged once an outage, and once back; not once a request.
    QCOMPARE(server.log().count(QStringLiteral("the database is unavailable:")), Restarts);
    QCOMPARE(server.log().count(QStringLiteral("the database is back after")), Restarts);
    const int lines = static_cast<int>(server.log().count(QLatin1Char('\n')));
    QVERIFY2(lines < 20 + Restarts * 6,
             qPrintable(
                     QStringLiteral("%1 log lines:\n%2").arg(lines).arg(server.log().right(3000))));

    std::sort(reconnectMs.begin(), reconnectMs.end());
    qInfo("%d facts stored once each through %d restarts; served again %lld ms (median), "
          "%lld ms (slowest) after PostgreSQL accepted connections; %d log lines",
          static_cast<int>(stored.size()), Restarts, reconnectMs.at(reconnectMs.size() / 2),
          reconnectMs.last(), lines);
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
            QTest::qWait(50); // a person clicking, not a flood
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

QTEST_GUILESS_MAIN(tst_DatabaseOutage)
#include "tst_databaseoutage.moc"
