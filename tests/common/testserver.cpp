// SPDX-License-Identifier: MIT
#include "testserver.h"

#include "processstats.h"
#include "storage/databaseurl.h"
#include <sys/resource.h>

#include <QDeadlineTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

namespace Hallway::Test {

bool postgresRequested()
{
    return qEnvironmentVariable("HALLWAY_TEST_BACKEND") == QLatin1StringView("postgres")
            && !postgresAdminUrl().isEmpty();
}

QString postgresAdminUrl()
{
    return qEnvironmentVariable("HALLWAY_TEST_POSTGRES_URL");
}

quint32 testSeed(const char *decides)
{
    bool seeded = false;
    const quint32 given = qEnvironmentVariable("HALLWAY_TEST_SEED").toUInt(&seeded);
    const quint32 seed = seeded ? given : QRandomGenerator::system()->generate();
    qInfo("seed %u (HALLWAY_TEST_SEED=%u repeats %s)", seed, seed, decides);
    return seed;
}

namespace {
// Runs one statement on the admin database named by HALLWAY_TEST_POSTGRES_URL
// (postgres://user@/db?host=/socket/dir&port=N as scripts/test.sh makes it).
QString runAdminStatement(const QString &statement)
{
    static const QRegularExpression pattern(QStringLiteral(
            R"(^postgres(?:ql)?://([^:@/]*)@([^/:?]*)(?::(\d+))?/([^?]+)(?:\?(.*))?$)"));
    const auto match = pattern.match(postgresAdminUrl());
    if (!match.hasMatch())
        return QStringLiteral("cannot parse HALLWAY_TEST_POSTGRES_URL");
    QString host = match.captured(2);
    int port = match.captured(3).isEmpty() ? 5432 : match.captured(3).toInt();
    for (const QString &pair : match.captured(5).split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const QString key = pair.section(QLatin1Char('='), 0, 0);
        const QString value = QUrl::fromPercentEncoding(pair.section(QLatin1Char('='), 1).toUtf8());
        if (key == QLatin1StringView("host"))
            host = value;
        else if (key == QLatin1StringView("port"))
            port = value.toInt();
    }
    const QString name = QStringLiteral("admin-") + QUuid::createUuid().toString(QUuid::Id128);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(host);
        db.setPort(port);
        db.setUserName(match.captured(1));
        db.setDatabaseName(match.captured(4));
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            if (!query.exec(statement))
                error = query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}
} // namespace

QSqlDatabase openDatabase(const QString &databaseUrl, const QString &connectionName)
{
    const auto url = DatabaseUrl::parse(databaseUrl);
    if (!url)
        return {};
    QSqlDatabase db = QSqlDatabase::addDatabase(url->qtDriverName(), connectionName);
    if (url->driver == DatabaseUrl::Driver::Sqlite) {
        db.setDatabaseName(url->sqlitePath);
    } else {
        db.setHostName(url->host);
        db.setPort(url->port);
        db.setUserName(url->user);
        db.setPassword(url->password);
        db.setDatabaseName(url->databaseName);
    }
    if (db.open() && url->driver == DatabaseUrl::Driver::Sqlite)
        QSqlQuery(db).exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    return db;
}

TestDatabase::TestDatabase(const QString &dir, bool postgres)
{
    if (!postgres) {
        m_url = QStringLiteral("sqlite:") + dir + QStringLiteral("/hallway.db");
        return;
    }
    m_postgresName =
            QStringLiteral("hallway_test_%1").arg(QRandomGenerator::global()->generate64(), 0, 36);
    m_error = runAdminStatement(QStringLiteral("CREATE DATABASE %1").arg(m_postgresName));
    const QString admin = postgresAdminUrl();
    // Same server and user, other database name.
    const qsizetype slash =
            admin.indexOf(QLatin1Char('/'), admin.indexOf(QLatin1String("://")) + 3);
    const qsizetype query = admin.indexOf(QLatin1Char('?'));
    m_url = admin.left(slash + 1) + m_postgresName + (query >= 0 ? admin.mid(query) : QString());
}

TestDatabase::~TestDatabase()
{
    if (!m_postgresName.isEmpty())
        runAdminStatement(
                QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_postgresName));
}

TestServer::TestServer() = default;

TestServer::~TestServer()
{
    kill();
}

QString TestServer::executable()
{
    // HALLWAY_TEST_SERVER runs the suites against another build, e.g. an older one, to see a
    // new test fail before its fix.
    const QString other = qEnvironmentVariable("HALLWAY_TEST_SERVER");
    return other.isEmpty() ? QStringLiteral(HALLWAY_SERVER_PATH) : other;
}

QString TestServer::databaseUrl() const
{
    return m_databaseUrl;
}

bool TestServer::start(quint16 port)
{
    if (m_databaseUrl.isEmpty()) {
        m_database = std::make_unique<TestDatabase>(m_dir.path());
        if (!m_database->error().isEmpty()) {
            qWarning("cannot create the test database: %s", qPrintable(m_database->error()));
            return false;
        }
        m_databaseUrl = m_database->url();
    }
    QStringList arguments = {QStringLiteral("--port"), QString::number(port),
                             QStringLiteral("--database"), m_databaseUrl};
    if (m_httpEnabled)
        arguments << QStringLiteral("--http-port") << QStringLiteral("0");
    if (!m_tlsCertificate.isEmpty())
        arguments << QStringLiteral("--tls-cert") << m_tlsCertificate << QStringLiteral("--tls-key")
                  << m_tlsKey;
    // Tests post and sign in faster than any person: the abuse limits are off unless a test
    // is about them and sets its own [abuse] section.
    QString config = m_config;
    if (!config.contains(QLatin1StringView("[abuse]")))
        config += QStringLiteral("\n[abuse]\nposts_per_minute=0\nmessages_per_minute=0\n"
                                 "votes_per_minute=0\nsign_in_free_failures=1000000\n"
                                 "sign_in_free_failures_per_address=1000000\n"
                                 "connections_per_address=0\n");
    const QString path = m_dir.filePath(QStringLiteral("server.conf"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.write(config.toUtf8());
    file.close();
    arguments << QStringLiteral("--config") << path;

    m_log.clear();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QObject::connect(m_process.get(), &QProcess::readyRead, m_process.get(),
                     [this]() { m_log += QString::fromUtf8(m_process->readAll()); });
    if (m_fileLimit > 0) {
        const rlim_t files = rlim_t(m_fileLimit);
        m_process->setChildProcessModifier([files]() {
            const rlimit limit{files, files};
            ::setrlimit(RLIMIT_NOFILE, &limit);
        });
    }
    if (m_launcher.isEmpty())
        m_process->start(executable(), arguments);
    else
        m_process->start(m_launcher.first(),
                         m_launcher.mid(1) + QStringList{executable()} + arguments);
    if (!m_process->waitForStarted(10'000))
        return false;

    static const QRegularExpression listening(QStringLiteral(R"(listening on wss?://[^:]+:(\d+))"));
    static const QRegularExpression http(QStringLiteral(R"(http listening on http://[^:]+:(\d+))"));
    // Listening once the log says so (on both ports if asked); over if the process ended.
    bool listeningNow = false;
    (void)QTest::qWaitFor(
            [&]() {
                const auto match = listening.match(m_log);
                const auto httpMatch = http.match(m_log);
                if (match.hasMatch() && (!m_httpEnabled || httpMatch.hasMatch())) {
                    m_port = static_cast<quint16>(match.captured(1).toUInt());
                    m_httpPort = m_httpEnabled
                            ? static_cast<quint16>(httpMatch.captured(1).toUInt())
                            : 0;
                    listeningNow = true;
                }
                return listeningNow || m_process->state() == QProcess::NotRunning;
            },
            20'000);
    if (listeningNow)
        return true;
    if (m_process->state() == QProcess::NotRunning) {
        qWarning("hallway-server exited at start:\n%s", qPrintable(m_log));
        return false;
    }
    qWarning("hallway-server did not start listening:\n%s", qPrintable(m_log));
    return false;
}

bool TestServer::restart()
{
    const quint16 port = m_port;
    kill();
    m_log.clear();
    return start(port);
}

int TestServer::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return -1;
    m_process->terminate();
    (void)QTest::qWaitFor([this]() { return m_process->state() == QProcess::NotRunning; }, 15'000);
    if (m_process->state() != QProcess::NotRunning) {
        kill();
        return -1;
    }
    m_log += QString::fromUtf8(m_process->readAll());
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void TestServer::kill()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_log += QString::fromUtf8(m_process->readAll());
}

QString TestServer::ending() const
{
    if (!m_process)
        return QStringLiteral("never started");
    if (isRunning())
        return QStringLiteral("still runs");
    // On Unix, QProcess reports a crash's signal number as the exit code.
    if (m_process->exitStatus() == QProcess::CrashExit)
        return QStringLiteral("crashed with signal %1").arg(m_process->exitCode());
    return QStringLiteral("exited with code %1").arg(m_process->exitCode());
}

bool TestServer::createModerator(const QString &username, const QString &password)
{
    QProcess tool;
    tool.setProcessChannelMode(QProcess::MergedChannels);
    tool.start(executable(),
               {QStringLiteral("--database"), m_databaseUrl, QStringLiteral("--create-moderator"),
                username});
    tool.write(password.toUtf8() + '\n');
    tool.closeWriteChannel();
    if (!tool.waitForFinished(20'000) || tool.exitCode() != 0) {
        qWarning("--create-moderator failed: %s", tool.readAll().constData());
        return false;
    }
    return true;
}

int TestServer::runTool(const QStringList &arguments, QString *output)
{
    QProcess tool;
    tool.setProcessChannelMode(QProcess::MergedChannels);
    tool.start(executable(), QStringList{QStringLiteral("--database"), m_databaseUrl} + arguments);
    tool.closeWriteChannel();
    const bool finished = tool.waitForFinished(20'000);
    if (output)
        *output = QString::fromUtf8(tool.readAll());
    return finished && tool.exitStatus() == QProcess::NormalExit ? tool.exitCode() : -1;
}

QByteArray TestServer::httpGet(const QString &path, int *status) const
{
    QNetworkAccessManager network;
    QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_httpPort).arg(path)));
    std::unique_ptr<QNetworkReply> reply(network.get(request));
    const bool done = QTest::qWaitFor([&]() { return reply->isFinished(); }, 10'000);
    if (status)
        *status = done ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : 0;
    return done ? reply->readAll() : QByteArray();
}

qint64 TestServer::metric(const QString &sample) const
{
    const QList<QByteArray> lines = httpGet(QStringLiteral("/metrics")).split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(sample.toUtf8() + ' '))
            return line.mid(sample.size() + 1).toLongLong();
    }
    return -1;
}

QUrl TestServer::url() const
{
    return QUrl(
            QStringLiteral("%1://127.0.0.1:%2")
                    .arg(m_tlsCertificate.isEmpty() ? QStringLiteral("ws") : QStringLiteral("wss"))
                    .arg(m_port));
}

qint64 TestServer::residentKiB() const
{
    return Test::residentKiB(pid());
}

} // namespace Hallway::Test
