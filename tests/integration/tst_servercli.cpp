// SPDX-License-Identifier: MIT
// hallway-server as an operator meets it: --help, bad settings, --create-moderator, a
// clean stop on SIGTERM, and the choice of event dispatcher.
#include "protocol.h"
#include "testclient.h"
#include "testserver.h"

#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
struct Run {
    int exitCode = -1;
    QString output;
};

Run runServer(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(TestServer::executable(), arguments);
    process.waitForStarted();
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(20'000)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAll())};
}
} // namespace

class tst_ServerCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void helpListsEveryOption();
    void badSettingsAreRefusedClearly_data();
    void badSettingsAreRefusedClearly();
    void aTakenPortLeavesTheDatabaseAlone();
    void createModerator();
    void sigtermStopsCleanlyAndTellsClients();
    void eventDispatcherCanBeChosen_data();
    void eventDispatcherCanBeChosen();
    void unknownEventDispatcherIsRefused();
    void exampleConfigIsValid();

private:
    QTemporaryDir m_dir;
};

void tst_ServerCli::helpListsEveryOption()
{
    const Run run = runServer({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    // Every option the server has (docs/operations.md describes each), and no other: a new
    // option must be added here, and so to the documentation.
    const QStringList expected = {QStringLiteral("--help"),
                                  QStringLiteral("--help-all"),
                                  QStringLiteral("--version"),
                                  QStringLiteral("--listen"),
                                  QStringLiteral("--port"),
                                  QStringLiteral("--database"),
                                  QStringLiteral("--config"),
                                  QStringLiteral("--log-level"),
                                  QStringLiteral("--create-moderator"),
                                  QStringLiteral("--display-name"),
                                  QStringLiteral("--remove-moderator"),
                                  QStringLiteral("--http-port"),
                                  QStringLiteral("--http-listen"),
                                  QStringLiteral("--tls-cert"),
                                  QStringLiteral("--tls-key"),
                                  QStringLiteral("--export-talks")};
    static const QRegularExpression optionLine(QStringLiteral(R"(^\s+(?:-\w, )?(--[\w-]+))"),
                                               QRegularExpression::MultilineOption);
    QStringList listed;
    for (auto match = optionLine.globalMatch(run.output); match.hasNext();)
        listed.append(match.next().captured(1));
    QCOMPARE(listed, expected);
}

void tst_ServerCli::badSettingsAreRefusedClearly_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("database URL") << QStringList{QStringLiteral("--database"),
                                                 QStringLiteral("mysql://x")}
                                  << QString() << QStringLiteral("invalid database URL");
    QTest::newRow("port") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")}
                          << QString() << QStringLiteral("--port");
    QTest::newRow("listen") << QStringList{QStringLiteral("--listen"), QStringLiteral("everywhere")}
                            << QString() << QStringLiteral("--listen");
    QTest::newRow("log level") << QStringList{QStringLiteral("--log-level"),
                                              QStringLiteral("chatty")}
                               << QString() << QStringLiteral("unknown log level");
    QTest::newRow("config value") << QStringList{}
                                  << QStringLiteral("[limits]\nmax_message_bytes=lots\n")
                                  << QStringLiteral("limits/max_message_bytes");
    QTest::newRow("misspelt key") << QStringList{}
                                  << QStringLiteral("[limits]\nmax_mesage_bytes=1000\n")
                                  << QStringLiteral("unknown setting limits/max_mesage_bytes");
    QTest::newRow("unquoted comma")
            << QStringList{} << QStringLiteral("[database]\nurl=sqlite:/tmp/a,b.db\n")
            << QStringLiteral("put the value in double quotes");
    QTest::newRow("port out of range")
            << QStringList{} << QStringLiteral("[server]\nport=70000\n")
            << QStringLiteral("server/port must be a whole number from 0 to 65535");
    QTest::newRow("node timeout within a heartbeat")
            << QStringList{}
            << QStringLiteral("[cluster]\nheartbeat_ms=2000\nnode_timeout_ms=1000\n")
            << QStringLiteral(
                       "cluster/node_timeout_ms must be at least three times cluster/heartbeat_ms");
    QTest::newRow("missing config")
            << QStringList{QStringLiteral("--config"), QStringLiteral("/nonexistent/hallway.conf")}
            << QString() << QStringLiteral("cannot read config file");
    QTest::newRow("unreachable database")
            << QStringList{QStringLiteral("--database"),
                           QStringLiteral("postgres://nobody@127.0.0.1:1/none")}
            << QString() << QStringLiteral("cannot open database");
}

void tst_ServerCli::badSettingsAreRefusedClearly()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, config);
    QFETCH(QString, messagePart);
    if (!config.isEmpty()) {
        const QString path = m_dir.filePath(QStringLiteral("bad.conf"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(config.toUtf8());
        arguments << QStringLiteral("--config") << path;
    }
    arguments << QStringLiteral("--port") << QStringLiteral("0");
    if (!arguments.contains(QStringLiteral("--database")))
        arguments << QStringLiteral("--database")
                  << QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("bad.db"));
    // --port given twice: the first bad one wins the check; drop the fallback for that row.
    if (messagePart == QStringLiteral("--port"))
        arguments = {QStringLiteral("--port"), QStringLiteral("70000")};
    const Run run = runServer(arguments);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.output.contains(messagePart), qPrintable(run.output));
}

void tst_ServerCli::aTakenPortLeavesTheDatabaseAlone()
{
    // Someone already listens on the port: the server says so, and creates no database file.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost));
    const QString database = m_dir.filePath(QStringLiteral("never-created.db"));
    const Run run = runServer({QStringLiteral("--port"), QString::number(squatter.serverPort()),
                               QStringLiteral("--database"), QStringLiteral("sqlite:") + database});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.output.contains(QLatin1StringView("cannot listen")), qPrintable(run.output));
    QVERIFY2(!QFile::exists(database), "the database was created before the port was checked");
}

void tst_ServerCli::createModerator()
{
    const QString database =
            QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("moderators.db"));
    const Run created = runServer({QStringLiteral("--database"), database,
                                   QStringLiteral("--create-moderator"), QStringLiteral("Mona"),
                                   QStringLiteral("--display-name"), QStringLiteral("Mona M.")},
                                  "moderator-password\n");
    QCOMPARE(created.exitCode, 0);
    QVERIFY2(created.output.contains(QStringLiteral("created moderator mona")),
             qPrintable(created.output));

    const Run tooShort = runServer({QStringLiteral("--database"), database,
                                    QStringLiteral("--create-moderator"), QStringLiteral("tim")},
                                   "short\n");
    QCOMPARE(tooShort.exitCode, 1);
    QVERIFY(tooShort.output.contains(QStringLiteral("at least 8")));

    TestServer server;
    server.setDatabaseUrl(database);
    QVERIFY(server.start());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(!client.hello().isError());
    const Envelope mona =
            client.login(QStringLiteral("mona"), QStringLiteral("moderator-password"));
    QVERIFY2(!mona.isError(), qPrintable(mona.toError().message));
    const QJsonObject user = mona.data.value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("role")).toString(), QStringLiteral("moderator"));
    QCOMPARE(user.value(QStringLiteral("displayName")).toString(), QStringLiteral("Mona M."));

    // An existing attendee is promoted, keeping their password.
    TestClient attendee;
    QVERIFY(attendee.open(server.url()));
    QVERIFY(!attendee.hello().isError());
    QVERIFY(!attendee.registerUser(QStringLiteral("otto"), QStringLiteral("otto-password"))
                     .isError());
    const Run promoted = runServer({QStringLiteral("--database"), database,
                                    QStringLiteral("--create-moderator"), QStringLiteral("otto")});
    QCOMPARE(promoted.exitCode, 0);
    QVERIFY(promoted.output.contains(QStringLiteral("otto is now a moderator")));
    TestClient again;
    QVERIFY(again.open(server.url()));
    QVERIFY(!again.hello().isError());
    const Envelope otto = again.login(QStringLiteral("otto"), QStringLiteral("otto-password"));
    QCOMPARE(otto.data.value(QStringLiteral("user"))
                     .toObject()
                     .value(QStringLiteral("role"))
                     .toString(),
             QStringLiteral("moderator"));
}

void tst_ServerCli::sigtermStopsCleanlyAndTellsClients()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(!client.hello().isError());
    QVERIFY(!client.registerUser(QStringLiteral("stopper"), QStringLiteral("stopper-password"))
                     .isError());

    QCOMPARE(server.stop(), 0);
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.closeCode(), int(QWebSocketProtocol::CloseCodeGoingAway));
    QVERIFY(server.log().contains(QStringLiteral("shutting down")));
    QVERIFY(server.log().contains(QStringLiteral("stopped")));

    // Nothing was lost: the account registered just before the stop is there after a restart.
    QVERIFY(server.start());
    TestClient after;
    QVERIFY(after.open(server.url()));
    QVERIFY(!after.hello().isError());
    QVERIFY(!after.login(QStringLiteral("stopper"), QStringLiteral("stopper-password")).isError());
}

void tst_ServerCli::eventDispatcherCanBeChosen_data()
{
    QTest::addColumn<QString>("asked");
    QTest::addColumn<QString>("runs");
#ifdef Q_OS_LINUX
    QTest::newRow("default") << QString() << QStringLiteral("epoll");
    QTest::newRow("epoll") << QStringLiteral("epoll") << QStringLiteral("epoll");
#else
    QTest::newRow("default") << QString() << QStringLiteral("qt");
#endif
    QTest::newRow("qt") << QStringLiteral("qt") << QStringLiteral("qt");
}

// HALLWAY_EVENT_DISPATCHER (docs/operations.md): the server says which dispatcher runs, and
// serves on either.
void tst_ServerCli::eventDispatcherCanBeChosen()
{
    QFETCH(QString, asked);
    QFETCH(QString, runs);
    const QByteArray saved = qgetenv("HALLWAY_EVENT_DISPATCHER");
    const auto restore = qScopeGuard([&saved]() {
        if (saved.isNull())
            qunsetenv("HALLWAY_EVENT_DISPATCHER");
        else
            qputenv("HALLWAY_EVENT_DISPATCHER", saved);
    });
    if (asked.isNull())
        qunsetenv("HALLWAY_EVENT_DISPATCHER");
    else
        qputenv("HALLWAY_EVENT_DISPATCHER", asked.toUtf8());
    TestServer server;
    QVERIFY(server.start());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(!client.hello().isError());
    QVERIFY(!client.registerUser(QStringLiteral("chooser"), QStringLiteral("chooser-password"))
                     .isError());
    QCOMPARE(server.stop(), 0);
    QVERIFY2(server.log().contains(QStringLiteral("event dispatcher: ") + runs),
             qPrintable(server.log()));
}

void tst_ServerCli::unknownEventDispatcherIsRefused()
{
    const QByteArray saved = qgetenv("HALLWAY_EVENT_DISPATCHER");
    qputenv("HALLWAY_EVENT_DISPATCHER", "kqueue");
    const Run run =
            runServer({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--database"),
                       QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("d.db"))});
    if (saved.isNull())
        qunsetenv("HALLWAY_EVENT_DISPATCHER");
    else
        qputenv("HALLWAY_EVENT_DISPATCHER", saved);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.output.contains(QLatin1StringView("HALLWAY_EVENT_DISPATCHER")),
             qPrintable(run.output));
}

void tst_ServerCli::exampleConfigIsValid()
{
    // The commented example operators copy must start a server as it is.
    QFile example(QStringLiteral(HALLWAY_SOURCE_DIR "/resources/hallway-server.conf"));
    QVERIFY(example.open(QIODevice::ReadOnly));
    TestServer server;
    server.setConfig(QString::fromUtf8(example.readAll()));
    QVERIFY(server.start());
    QVERIFY(server.stop() == 0);
}

QTEST_GUILESS_MAIN(tst_ServerCli)
#include "tst_servercli.moc"
