// SPDX-License-Identifier: MIT
#pragma once

#include "databaseurl.h"
#include "expected.h"
#include "statementcache.h"
#include "userinfo.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QStringList>
#include <functional>

class QSqlQuery;

namespace Hallway {

class DatabaseOutage;

// QtSql binds a null QString as SQL NULL; optional texts are stored as '' instead.
inline QString nonNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

inline Error notFound(const QString &message)
{
    return {ErrorCode::NotFound, message};
}

// A user as every query that reads one selects it: id, username, display_name, city, region
// and role, in this order from column first on.
UserInfo userFromColumns(const QSqlQuery &query, int first);

// The database's clock, the one clock every node shares (heartbeats, cluster events).
inline const QString DatabaseNowMs =
        QStringLiteral("CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)");

// The storage thread's connection to the database, shared by every store: the prepared
// statements, transactions, the errors the worker's outage detection reads, and the events
// that tell the other nodes of a change. Only ever used on the storage thread.
class SqlSession {
public:
    // outage: the worker's; while one is ongoing, a failure is the outage's to report.
    SqlSession(const DatabaseUrl &url, const DatabaseOutage &outage);
    ~SqlSession();
    SqlSession(const SqlSession &) = delete;
    SqlSession &operator=(const SqlSession &) = delete;

    const DatabaseUrl &url() const { return m_url; }
    bool isPostgres() const { return m_url.driver == DatabaseUrl::Driver::Postgres; }
    QSqlDatabase &database() { return m_db; }

    // Makes the connection (not open yet); false if the Qt SQL driver is missing.
    bool addConnection();
    // Opens the connection; on SQLite with the pragmas every connection needs.
    Status openConnection();
    // Closes the connection and forgets its prepared statements (they die with it).
    void closeConnection();
    // Closes and removes the connection for good.
    void removeConnection();

    PreparedQuery prepared(const QString &sql) { return m_statements.prepared(sql); }
    // Notes a failed statement (for outage detection and reportFailures) and returns the
    // error a caller gets for it.
    Error failure(const QString &what, const QSqlQuery &query) const;
    bool isUniqueViolation(const QSqlQuery &query) const;
    // Of the last statement that failed, to tell an outage.
    const QSqlError &lastError() const { return m_lastError; }
    void setLastError(const QSqlError &error) { m_lastError = error; }
    // Failures not logged yet (StorageWorker::reportFailures).
    void addUnreported(const QString &failure) { m_unreported.append(failure); }
    QStringList takeUnreported() { return std::exchange(m_unreported, {}); }

    // Set while the worker runs a batch of jobs (group commit), each in a savepoint.
    void setInBatch(bool inBatch) { m_inBatch = inBatch; }

    // Runs work in a transaction: commits if it succeeds, rolls back if not.
    template<typename Result>
    Expected<Result> inTransaction(const std::function<Expected<Result>()> &work)
    {
        // In a batch the job's savepoint already makes this all or nothing; inside another
        // transaction (a set-based write running each write's own), that one does.
        if (m_inBatch || m_inTransaction)
            return work();
        if (!m_db.transaction()) {
            m_lastError = m_db.lastError();
            return Error{ErrorCode::Internal,
                         QStringLiteral("the database failed to begin a transaction")};
        }
        m_inTransaction = true;
        Expected<Result> result = work();
        m_inTransaction = false;
        if (!result) {
            m_db.rollback();
            return result;
        }
        if (!m_db.commit()) {
            m_lastError = m_db.lastError();
            m_db.rollback();
            return Error{ErrorCode::Internal, QStringLiteral("the database failed to commit")};
        }
        return result;
    }

    // Several nodes on one PostgreSQL (see ClusterStore). With a node id set, notifyNodes()
    // tells every other node of a change; PostgreSQL delivers it when the transaction that
    // made the change commits, and never if it rolls back.
    const QString &nodeId() const { return m_nodeId; }
    void setNodeId(const QString &nodeId) { m_nodeId = nodeId; }
    void notifyNodes(const QString &kind, QJsonObject payload = {});
    // The CTEs `kept, notified` that keep and send one event of a set-based write for the
    // other nodes, naming ids (an SQL aggregate) of the rows of the CTE rows; the statement
    // must read `(SELECT COUNT(*) FROM notified)`. bindEventOfStatement() binds its values.
    static QString eventOfStatement(const QString &rows, const QString &ids);
    void bindEventOfStatement(QSqlQuery &query, const QString &kind);

private:
    DatabaseUrl m_url;
    const DatabaseOutage &m_outage;
    QString m_connectionName;
    QSqlDatabase m_db;
    StatementCache m_statements{m_db};
    bool m_inBatch = false;
    bool m_inTransaction = false; // inTransaction() is running its work
    mutable QStringList m_unreported; // failures not logged yet (reportFailures)
    mutable QSqlError m_lastError; // of the last statement that failed, to tell an outage
    QString m_nodeId; // empty: this server is the only one
    qint64 m_notifySeq = 0;
};

} // namespace Hallway
