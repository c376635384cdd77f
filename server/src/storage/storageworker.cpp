// SPDX-License-Identifier: MIT
#include "storageworker.h"
#include "logging.h"
#include "migrations.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <iterator>

namespace Hallway {

namespace {
// Whether SQLite failed for its disk's sake: full, read-only, an I/O error, or the file gone.
bool isSqliteDiskError(const QSqlError &error)
{
    // The primary result code is the low byte of an extended one. Qt gives no code for a
    // failed COMMIT, only SQLite's text for it (sqlite3_errstr).
    switch (error.nativeErrorCode().toInt() & 0xff) {
    case 8: // SQLITE_READONLY
    case 10: // SQLITE_IOERR
    case 13: // SQLITE_FULL
    case 14: // SQLITE_CANTOPEN
        return true;
    default:
        break;
    }
    static const QLatin1StringView texts[] = {
            QLatin1StringView("attempt to write a readonly database"),
            QLatin1StringView("disk I/O error"),
            QLatin1StringView("database or disk is full"),
            QLatin1StringView("unable to open database file"),
    };
    const QString text = error.databaseText();
    return std::any_of(std::begin(texts), std::end(texts),
                       [&text](QLatin1StringView known) { return text.contains(known); });
}
} // namespace

StorageWorker::StorageWorker(const DatabaseUrl &url) : m_url(url) { }

StorageWorker::~StorageWorker()
{
    close();
}

Status StorageWorker::open()
{
    if (m_url.driver == DatabaseUrl::Driver::Sqlite) {
        const QFileInfo file(m_url.sqlitePath);
        if (!QDir().mkpath(file.absolutePath()))
            return Error{ErrorCode::Unavailable,
                         QStringLiteral("cannot create folder %1").arg(file.absolutePath())};
    }
    if (!m_session.addConnection())
        return Error{
                ErrorCode::Unavailable,
                QStringLiteral("the Qt SQL driver %1 is not installed").arg(m_url.qtDriverName())};
    if (const Status opened = m_session.openConnection(); !opened)
        return opened;

    const auto version = Migrations::apply(m_session.database(), m_url.driver);
    if (!version)
        return version.error();
    m_schemaVersion = version.value();
    qCInfo(lcStorage).noquote() << "database" << m_url.displayString() << "at schema version"
                                << m_schemaVersion;
    m_watch = new QTimer(this);
    m_watch->setInterval(WatchIntervalMs);
    connect(m_watch, &QTimer::timeout, this, &StorageWorker::watchConnection);
    m_watch->start();
    return Done{};
}

bool StorageWorker::detectOutage()
{
    if (m_outage.isOngoing())
        return true;
    QString reason;
    const QSqlError &lastError = m_session.lastError();
    if (m_url.driver == DatabaseUrl::Driver::Postgres) {
        // A statement can fail for its own sake; the connection is gone if a ping fails too.
        QSqlDatabase &db = m_session.database();
        QSqlQuery ping(db);
        if (db.isOpen() && ping.exec(QStringLiteral("SELECT 1")))
            return false;
        reason = ping.lastError().text().trimmed();
        if (reason.isEmpty())
            reason = lastError.text().trimmed();
    } else {
        if (!isSqliteDiskError(lastError))
            return false;
        reason = QStringLiteral("cannot write %1: %2")
                         .arg(m_url.sqlitePath, lastError.databaseText());
    }
    beginOutage(reason.isEmpty() ? QStringLiteral("the connection was lost") : reason);
    return true;
}

void StorageWorker::beginOutage(const QString &reason)
{
    m_outage.begin(reason);
    Q_EMIT availabilityChanged(false, m_outage.reason()); // on one line, as the log has it
}

bool StorageWorker::tryRecover()
{
    if (!m_outage.isOngoing())
        return true;
    if (!m_outage.isTimeToRetry())
        return false;
    // A fresh connection: the old one, and every statement prepared on it, is dead (or, for
    // SQLite, may keep a file handle from before a remount).
    m_session.closeConnection();
    if (const Status opened = m_session.openConnection(); !opened) {
        m_outage.retryFailed(m_session.database().lastError().text().trimmed());
        return false;
    }
    if (m_url.driver == DatabaseUrl::Driver::Sqlite) {
        QSqlQuery probe(m_session.database());
        probe.prepare(QStringLiteral("INSERT INTO storage_probe (id, written_at) VALUES (1, ?) "
                                     "ON CONFLICT (id) DO UPDATE SET written_at = "
                                     "excluded.written_at"));
        probe.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!probe.exec()) {
            m_outage.retryFailed(probe.lastError().databaseText());
            return false;
        }
    }
    m_outage.end();
    Q_EMIT availabilityChanged(true, {});
    return true;
}

void StorageWorker::watchConnection()
{
    if (m_outage.isOngoing()) {
        tryRecover();
        return;
    }
    // An idle server learns of a lost PostgreSQL within a few seconds, not at the next
    // request, so that /healthz tells the truth.
    if (m_url.driver != DatabaseUrl::Driver::Postgres || ++m_watchTicks % IdleCheckTicks != 0)
        return;
    QSqlQuery ping(m_session.database());
    if (!ping.exec(QStringLiteral("SELECT 1"))) {
        m_session.setLastError(ping.lastError());
        detectOutage();
    }
}

bool StorageWorker::beginBatch()
{
    QSqlDatabase &db = m_session.database();
    if (!db.transaction()) {
        m_session.setLastError(db.lastError());
        return false;
    }
    m_session.setInBatch(true);
    QSqlQuery query(db);
    if (query.exec(QStringLiteral("SAVEPOINT job")))
        return true;
    m_session.failure(QStringLiteral("begin a savepoint"), query);
    return false;
}

bool StorageWorker::endJob(bool succeeded)
{
    // The savepoint always stands before the next job: a failed job is rolled back to it,
    // a good one is kept and a new savepoint set. The commit keeps the last one's work.
    QSqlQuery query(m_session.database());
    if (!succeeded) {
        if (query.exec(QStringLiteral("ROLLBACK TO SAVEPOINT job")))
            return true;
        m_session.failure(QStringLiteral("roll back a savepoint"), query);
        return false;
    }
    // One round trip on PostgreSQL; SQLite runs one statement per call, in-process.
    const bool moved = m_url.driver == DatabaseUrl::Driver::Postgres
            ? query.exec(QStringLiteral("RELEASE SAVEPOINT job; SAVEPOINT job"))
            : query.exec(QStringLiteral("RELEASE SAVEPOINT job"))
                    && query.exec(QStringLiteral("SAVEPOINT job"));
    if (moved)
        return true;
    m_session.failure(QStringLiteral("move a savepoint"), query);
    return false;
}

bool StorageWorker::commitBatch()
{
    m_session.setInBatch(false);
    QSqlDatabase &db = m_session.database();
    if (db.commit())
        return true;
    m_session.setLastError(db.lastError());
    if (!m_outage.isOngoing())
        m_session.addUnreported(
                QStringLiteral("a batch failed to commit: %1").arg(db.lastError().text()));
    return false;
}

void StorageWorker::abandonBatch()
{
    m_session.setInBatch(false);
    m_session.database().rollback();
}

void StorageWorker::close()
{
    if (m_watch)
        m_watch->stop();
    m_session.removeConnection();
}

void StorageWorker::reportFailures()
{
    // A statement that was the first to find the database gone is the outage's, which
    // DatabaseOutage has logged in one line by now.
    const QStringList unreported = m_session.takeUnreported();
    if (!m_outage.isOngoing()) {
        for (const QString &failure : unreported)
            qCWarning(lcStorage).noquote() << failure;
    }
}

Expected<QList<StoredFact>> PostFacts::runAll(StorageWorker &worker, const QList<NewFact> &posts)
{
    return worker.facts().postFacts(posts);
}

Expected<QList<Expected<VoteResult>>> ToggleVotes::runAll(StorageWorker &worker,
                                                          const QList<VoteToggle> &toggles)
{
    return worker.talks().toggleVotes(toggles);
}

} // namespace Hallway
