// SPDX-License-Identifier: MIT
#include "sqlsession.h"
#include "cluster/clusterevent.h"
#include "databaseoutage.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>

namespace Hallway {

UserInfo userFromColumns(const QSqlQuery &query, int first)
{
    UserInfo user;
    user.id = query.value(first).toLongLong();
    user.username = query.value(first + 1).toString();
    user.displayName = query.value(first + 2).toString();
    user.city = query.value(first + 3).toString();
    user.region = query.value(first + 4).toString();
    user.role = roleFromName(query.value(first + 5).toString()).value_or(Role::Attendee);
    return user;
}

SqlSession::SqlSession(const DatabaseUrl &url, const DatabaseOutage &outage)
    : m_url(url),
      m_outage(outage),
      m_connectionName(QStringLiteral("hallway-storage-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

SqlSession::~SqlSession()
{
    removeConnection();
}

bool SqlSession::addConnection()
{
    m_db = m_url.addConnection(m_connectionName, QStringLiteral("hallway-server"));
    return m_db.isValid();
}

Status SqlSession::openConnection()
{
    if (!m_db.open())
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("cannot open database %1: %2")
                             .arg(m_url.displayString(), m_db.lastError().text())};
    if (m_url.driver == DatabaseUrl::Driver::Sqlite) {
        QSqlQuery pragma(m_db);
        for (const char *statement :
             {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
            if (!pragma.exec(QString::fromLatin1(statement)))
                return failure(QString::fromLatin1(statement), pragma);
        }
    }
    return Done{};
}

void SqlSession::closeConnection()
{
    m_statements.clear();
    m_db.close();
}

void SqlSession::removeConnection()
{
    if (!m_db.isValid())
        return;
    closeConnection();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Error SqlSession::failure(const QString &what, const QSqlQuery &query) const
{
    m_lastError = query.lastError();
    // During an outage every request would fail the same way: DatabaseOutage logs it once.
    if (!m_outage.isOngoing())
        m_unreported.append(QStringLiteral("%1 failed: %2").arg(what, m_lastError.text()));
    return {ErrorCode::Internal, QStringLiteral("the database failed to %1").arg(what)};
}

bool SqlSession::isUniqueViolation(const QSqlQuery &query) const
{
    const QString code = query.lastError().nativeErrorCode();
    if (m_url.driver == DatabaseUrl::Driver::Postgres)
        return code == QLatin1StringView("23505");
    // SQLITE_CONSTRAINT_UNIQUE (2067) and _PRIMARYKEY (1555); the plain SQLITE_CONSTRAINT (19)
    // only with the tell-tale text, so a CHECK failure is not mistaken for a duplicate.
    return code == QLatin1StringView("2067") || code == QLatin1StringView("1555")
            || (code == QLatin1StringView("19")
                && query.lastError().databaseText().contains(QLatin1StringView("UNIQUE")));
}

QString SqlSession::eventOfStatement(const QString &rows, const QString &ids)
{
    // Run once, after the insert: the scalar subquery the statement ends with reads
    // `notified` (a plain SELECT in WITH runs only when read); HAVING sends nothing when the
    // statement changed nothing, and the flag nothing when there are no other nodes.
    return QStringLiteral("kept AS (INSERT INTO cluster_events (node_id, seq, sent_at, payload) "
                          "SELECT CAST(? AS TEXT), CAST(? AS BIGINT), %1, json_build_object("
                          "'ids', %3, 'kind', CAST(? AS TEXT), 'node', CAST(? AS TEXT), "
                          "'seq', CAST(? AS BIGINT))::text FROM %2 WHERE CAST(? AS BOOLEAN) "
                          "HAVING COUNT(*) > 0 RETURNING payload), "
                          "notified AS (SELECT pg_notify(CAST(? AS TEXT), payload) FROM kept)")
            .arg(DatabaseNowMs, rows, ids);
}

void SqlSession::bindEventOfStatement(QSqlQuery &query, const QString &kind)
{
    const qint64 seq = m_nodeId.isEmpty() ? 0 : ++m_notifySeq;
    query.addBindValue(m_nodeId);
    query.addBindValue(seq);
    query.addBindValue(kind);
    query.addBindValue(m_nodeId);
    query.addBindValue(seq);
    query.addBindValue(!m_nodeId.isEmpty());
    query.addBindValue(ClusterEvent::Channel);
}

void SqlSession::notifyNodes(const QString &kind, QJsonObject payload)
{
    if (m_nodeId.isEmpty())
        return;
    payload.insert(QStringLiteral("node"), m_nodeId);
    payload.insert(QStringLiteral("kind"), kind);
    // PostgreSQL delivers identical notifications of one transaction once; a batch is one
    // transaction, and "online, gone, online" must stay three.
    payload.insert(QStringLiteral("seq"), ++m_notifySeq);
    // Kept in cluster_events as well, for a node that is not listening just now to read
    // back (ClusterListener); one round trip for both.
    PreparedQuery query = prepared(
            QStringLiteral("WITH kept AS (INSERT INTO cluster_events (node_id, seq, sent_at, "
                           "payload) VALUES (?, ?, %1, ?) RETURNING payload) "
                           "SELECT pg_notify(?, payload) FROM kept")
                    .arg(DatabaseNowMs));
    query.addBindValue(m_nodeId);
    query.addBindValue(m_notifySeq);
    query.addBindValue(QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
    query.addBindValue(ClusterEvent::Channel);
    // On PostgreSQL a failed statement fails the transaction, and the change with it.
    if (!query.exec())
        failure(QStringLiteral("notify the other nodes of %1").arg(kind), query);
}

} // namespace Hallway
