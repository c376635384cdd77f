// SPDX-License-Identifier: MIT
#pragma once

#include <QProcess>
#include <QSqlDatabase>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

namespace Hallway::Test {

// Under AddressSanitizer the allocator pads every block and keeps freed memory in quarantine,
// so a server's resident memory says nothing about what it holds: memory bounds are checked
// in the other builds, and the sanitizer build checks what it is for.
#ifdef HALLWAY_SANITIZED
inline constexpr bool MemoryIsMeasurable = false;
#else
inline constexpr bool MemoryIsMeasurable = true;
#endif

// Which database the integration tests run on: SQLite by default; PostgreSQL when
// HALLWAY_TEST_BACKEND=postgres and HALLWAY_TEST_POSTGRES_URL are set (scripts/test.sh does).
bool postgresRequested();
QString postgresAdminUrl();

// The seed of a test's pseudo-random choices: HALLWAY_TEST_SEED if it is set, else a fresh
// one. Printed with what it decides ("these kill moments"), so that a failure can be repeated.
quint32 testSeed(const char *decides);

// Opens a direct QtSql connection to the database a server uses, to check what it stored.
// Call QSqlDatabase::removeDatabase(connectionName) when done.
QSqlDatabase openDatabase(const QString &databaseUrl, const QString &connectionName);

// A fresh, empty database for one test: a SQLite file in dir, or a new PostgreSQL database
// that is dropped again when the object goes away.
class TestDatabase {
public:
    explicit TestDatabase(const QString &dir, bool postgres = postgresRequested());
    ~TestDatabase();
    QString url() const { return m_url; }
    bool isPostgres() const { return m_postgresName.size() > 0; }
    QString error() const { return m_error; }

private:
    QString m_url;
    QString m_postgresName;
    QString m_error;
};

// A real hallway-server process on an ephemeral loopback port.
class TestServer {
public:
    TestServer();
    ~TestServer();

    // Extra INI settings for the server's --config file, e.g. "[limits]\nhello_timeout_ms=300".
    // Without an [abuse] section the abuse limits are off.
    void setConfig(const QString &ini) { m_config = ini; }
    void setDatabaseUrl(const QString &url) { m_databaseUrl = url; }
    QString databaseUrl() const;

    bool start(quint16 port = 0);
    bool restart(); // same port, same database
    // SIGTERM and wait; returns the exit code (-1 if it crashed or hung).
    int stop();
    void kill();
    // Whether the process still runs and, once it does not, how it ended ("crashed with
    // signal 11", "exited with code 1"), for failure messages.
    bool isRunning() const { return m_process && m_process->state() != QProcess::NotRunning; }
    QString ending() const;

    // Makes a moderator with hallway-server --create-moderator on this server's database.
    bool createModerator(const QString &username, const QString &password);
    // Runs hallway-server with these arguments on this server's database; returns the exit
    // code (-1 if it did not finish) and its output in output.
    int runTool(const QStringList &arguments, QString *output = nullptr);

    // Serve wss:// with these PEM files (call before start()).
    void setTls(const QString &certificateFile, const QString &keyFile)
    {
        m_tlsCertificate = certificateFile;
        m_tlsKey = keyFile;
    }
    // Start the server with this many file descriptors at most (soft and hard limit).
    void setFileLimit(int files) { m_fileLimit = files; }
    // Start the server through this command, e.g. {"unshare", "--mount", "--", "sh", "-c",
    // "mount ... && exec \"$@\"", "sh"}: the server's path and arguments follow it.
    void setLauncher(const QStringList &launcher) { m_launcher = launcher; }
    // Serve /healthz, /stats and /metrics on a free port too (call before start()).
    void enableHttp() { m_httpEnabled = true; }
    quint16 httpPort() const { return m_httpPort; }
    // GET path from the HTTP port; status gets the HTTP status (0 if there was no answer).
    QByteArray httpGet(const QString &path, int *status = nullptr) const;
    // One sample of a Prometheus metric from /metrics, e.g. "x_total{kind=\"talks\"}"; -1 if
    // absent.
    qint64 metric(const QString &sample) const;

    QUrl url() const;
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    QString log() const { return m_log; }
    QString dir() const { return m_dir.path(); }
    // Resident memory of the server process in KiB (Linux /proc), or -1.
    qint64 residentKiB() const;

    static QString executable();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<QProcess> m_process;
    QString m_config;
    QString m_databaseUrl;
    QString m_log;
    quint16 m_port = 0;
    bool m_httpEnabled = false;
    int m_fileLimit = 0;
    QStringList m_launcher;
    QString m_tlsCertificate;
    QString m_tlsKey;
    quint16 m_httpPort = 0;
};

} // namespace Hallway::Test
