// SPDX-License-Identifier: MIT
// hallway-simulate against a real server: a 5-second run makes activity that the database
// and the server's statistics both show, on a server that forgives only a few failed sign-ins
// per address; a second run signs the same attendees in again; a wrong password, an
// unreachable server and bad arguments end it at once with a clear message.
#include "fixtures.h"
#include "stats.h"
#include "testserver.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
struct Run {
    int exitCode = -1;
    QString out;
    QString err;
    qint64 ms = 0;
};

Run simulate(const QStringList &arguments, int timeoutMs = 40'000)
{
    QProcess process;
    QElapsedTimer clock;
    clock.start();
    process.start(QStringLiteral(HALLWAY_SIMULATE_PATH), arguments);
    Run run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    run.ms = clock.elapsed();
    return run;
}
} // namespace

class tst_Simulate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fiveSecondsOfActivityShowInTheStats();
    void aSecondRunSignsTheSameAttendeesIn();
    void aWrongPasswordStopsAtOnce();
    void unreachableServerFailsClearly();
    void badArgumentsAreRefused_data();
    void badArgumentsAreRefused();

private:
    qint64 count(const QString &sql);
    // The simulator's eight attendees exist (a first run makes them if no earlier one did).
    bool eightAttendeesExist();
    TestServer m_server;
};

void tst_Simulate::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
    // Three failed sign-ins from one address, then the server makes it wait: new attendees
    // must not each try a login that fails before registering.
    m_server.setConfig(QStringLiteral(
            "[stats]\ninterval_seconds=1\n[abuse]\nsign_in_free_failures_per_address=3\n"));
    m_server.enableHttp();
    QVERIFY(m_server.start());
}

qint64 tst_Simulate::count(const QString &sql)
{
    return countRows(m_server.databaseUrl(), sql);
}

void tst_Simulate::fiveSecondsOfActivityShowInTheStats()
{
    const Run run =
            simulate({QStringLiteral("--server"), m_server.url().toString(),
                      QStringLiteral("--users"), QStringLiteral("8"), QStringLiteral("--rate"),
                      QStringLiteral("30"), QStringLiteral("--duration"), QStringLiteral("5"),
                      QStringLiteral("--seed"), QStringLiteral("7")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(QStringLiteral("Summary")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("attendees signed in  8 of 8 (8 registered now)")),
             qPrintable(run.out + run.err));
    QVERIFY2(!run.out.contains(QStringLiteral("sign-in failures")), qPrintable(run.out));
    QVERIFY(run.out.count(QStringLiteral(" online, ")) >= 4); // a progress line a second
    QVERIFY2(run.ms < 15'000, qPrintable(QString::number(run.ms))); // it stopped by itself

    // The activity is in the database...
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users WHERE username LIKE 'sim-%'")), 8);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users WHERE city = ''")), 0);
    const qint64 facts = count(QStringLiteral("SELECT COUNT(*) FROM facts"));
    QVERIFY(facts > 10);
    QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM votes")) > 0);
    QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM messages")) > 0);
    QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM talks")) > 0);
    // ...every fact the simulator says was stored is there once...
    const QRegularExpression stored(
            QStringLiteral(R"(facts\s+(\d+) sent, (\d+) stored, (\d+) rejected)"));
    const auto match = stored.match(run.out);
    QVERIFY(match.hasMatch());
    QCOMPARE(match.captured(2).toLongLong(), facts);
    QCOMPARE(match.captured(3).toLongLong(), 0);

    // ...and in the statistics the server serves.
    RoomStats stats;
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QTRY_VERIFY_WITH_TIMEOUT(
            (stats = RoomStats::fromJson(
                             QJsonDocument::fromJson(m_server.httpGet(QStringLiteral("/stats")))
                                     .object())
                             .value(),
             stats.computedAt > after),
            10'000);
    QCOMPARE(stats.facts, facts);
    QCOMPARE(stats.users, 8);
    QCOMPARE(stats.votes, count(QStringLiteral("SELECT COUNT(*) FROM votes")));
    QCOMPARE(stats.messages, count(QStringLiteral("SELECT COUNT(*) FROM messages")));
    QVERIFY(!stats.topCities.isEmpty());
    qint64 perMinute = 0;
    for (const qint64 minute : std::as_const(stats.postsPerMinute))
        perMinute += minute;
    QCOMPARE(perMinute, facts);
}

bool tst_Simulate::eightAttendeesExist()
{
    if (count(QStringLiteral("SELECT COUNT(*) FROM users WHERE username LIKE 'sim-%'")) < 8)
        simulate({QStringLiteral("--server"), m_server.url().toString(), QStringLiteral("--users"),
                  QStringLiteral("8"), QStringLiteral("--duration"), QStringLiteral("1")});
    return count(QStringLiteral("SELECT COUNT(*) FROM users WHERE username LIKE 'sim-%'")) == 8;
}

void tst_Simulate::aSecondRunSignsTheSameAttendeesIn()
{
    QVERIFY(eightAttendeesExist());
    // Signing in is part of the run's duration, and eight password checks on a busy
    // two-core machine took longer than 1 s (7 of 8 were in when a CI run ended).
    const Run run = simulate({QStringLiteral("--server"), m_server.url().toString(),
                              QStringLiteral("--users"), QStringLiteral("8"),
                              QStringLiteral("--duration"), QStringLiteral("5")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(QStringLiteral("attendees signed in  8 of 8 (0 registered now)")),
             qPrintable(run.out));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users")), 8);
}

void tst_Simulate::aWrongPasswordStopsAtOnce()
{
    QVERIFY(eightAttendeesExist());
    // The accounts exist with the default password: all would fail, so it stops early.
    const Run run = simulate({QStringLiteral("--server"), m_server.url().toString(),
                              QStringLiteral("--users"), QStringLiteral("8"),
                              QStringLiteral("--duration"), QStringLiteral("60"),
                              QStringLiteral("--password"), QStringLiteral("not-the-password")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("sim-0001 cannot sign in: the account exists with "
                                             "another password")),
             qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("no attendee could sign in")), qPrintable(run.err));
    QVERIFY2(run.ms < 15'000, qPrintable(QString::number(run.ms)));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users")), 8);
}

void tst_Simulate::unreachableServerFailsClearly()
{
    // A loopback port nobody listens on.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    const Run run =
            simulate({QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:%1").arg(port),
                      QStringLiteral("--users"), QStringLiteral("3"), QStringLiteral("--duration"),
                      QStringLiteral("60")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("no attendee could sign in")), qPrintable(run.err));
    QVERIFY(run.err.contains(QStringLiteral("Cannot reach")));
    QVERIFY2(run.ms < 20'000, qPrintable(QString::number(run.ms)));
}

void tst_Simulate::badArgumentsAreRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString server = QStringLiteral("ws://127.0.0.1:1");
    QTest::newRow("no server") << QStringList() << QStringLiteral("--server is required");
    QTest::newRow("http server") << QStringList{QStringLiteral("--server"),
                                                QStringLiteral("http://x")}
                                 << QStringLiteral("ws:// or wss://");
    QTest::newRow("no users") << QStringList{QStringLiteral("--server"), server,
                                             QStringLiteral("--users"), QStringLiteral("0")}
                              << QStringLiteral("--users");
    QTest::newRow("negative rate") << QStringList{QStringLiteral("--server"), server,
                                                  QStringLiteral("--rate"), QStringLiteral("-1")}
                                   << QStringLiteral("--rate");
    QTest::newRow("endless") << QStringList{QStringLiteral("--server"), server,
                                            QStringLiteral("--duration"), QStringLiteral("100000")}
                             << QStringLiteral("--duration");
    QTest::newRow("prefix with a space")
            << QStringList{QStringLiteral("--server"), server, QStringLiteral("--prefix"),
                           QStringLiteral("my sim")}
            << QStringLiteral("--prefix \"my sim\"");
    QTest::newRow("short password")
            << QStringList{QStringLiteral("--server"), server, QStringLiteral("--password"),
                           QStringLiteral("short")}
            << QStringLiteral("--password: password must be at least 8");
}

void tst_Simulate::badArgumentsAreRefused()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = simulate(arguments, 10'000);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

QTEST_MAIN(tst_Simulate)
#include "tst_simulate.moc"
