// SPDX-License-Identifier: MIT
// The cluster tables: node heartbeats and who is online on which node (PostgreSQL only).
#include "cluster/clusterevent.h"
#include "logging.h"
#include "storageworker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Hallway {

namespace {
// Heartbeats use the database's clock, the one clock every node shares.
const QString DatabaseNowMs =
        QStringLiteral("CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)");
// How long a node can miss events and still read them all back (ClusterListener).
constexpr qint64 EventRetentionMs = 15 * 60'000;
} // namespace

QString StorageWorker::eventOfStatement(const QString &rows, const QString &ids)
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

void StorageWorker::bindEventOfStatement(QSqlQuery &query, const QString &kind)
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

void StorageWorker::notifyNodes(const QString &kind, QJsonObject payload)
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

Status StorageWorker::insertNode()
{
    PreparedQuery query = prepared(QStringLiteral("INSERT INTO cluster_nodes (id, endpoint, "
                                                  "started_at, heartbeat_at) VALUES (?, ?, %1, %1)")
                                           .arg(DatabaseNowMs));
    query.addBindValue(m_nodeId);
    query.addBindValue(m_nodeEndpoint);
    if (!query.exec())
        return failure(QStringLiteral("join the cluster"), query);
    return Done{};
}

Status StorageWorker::joinCluster(const QString &endpoint)
{
    m_nodeEndpoint = endpoint;
    return inTransaction<Done>([&]() -> Status {
        QSqlQuery query(m_db);
        query.prepare(QStringLiteral("DELETE FROM cluster_nodes WHERE endpoint = ? AND id <> ? "
                                     "RETURNING id"));
        query.addBindValue(endpoint);
        query.addBindValue(m_nodeId);
        if (!query.exec())
            return failure(QStringLiteral("replace a dead node"), query);
        QJsonArray replaced;
        while (query.next())
            replaced.append(query.value(0).toString());
        if (!replaced.isEmpty()) {
            qCInfo(lcStorage).noquote() << "took over from the dead node(s)" << replaced;
            notifyNodes(ClusterEvent::NodeLeft, {{QStringLiteral("nodes"), replaced}});
        }
        return insertNode();
    });
}

Expected<Heartbeat> StorageWorker::heartbeat(qint64 timeoutMs)
{
    return inTransaction<Heartbeat>([&]() -> Expected<Heartbeat> {
        Heartbeat beat;
        QSqlQuery query(m_db);
        query.prepare(QStringLiteral("UPDATE cluster_nodes SET heartbeat_at = %1 WHERE id = ?")
                              .arg(DatabaseNowMs));
        query.addBindValue(m_nodeId);
        if (!query.exec())
            return failure(QStringLiteral("record a heartbeat"), query);
        if (query.numRowsAffected() == 0) {
            // Silent for too long (a stalled process), and another node removed us. Back under
            // a new name, so that nothing said of the old one (its users gone) can reach the
            // shares made now; and without taking the endpoint over, which only start-up may.
            beat.wasPresumedDead = true;
            m_nodeId = QStringLiteral("%1~%2").arg(m_baseNodeId).arg(++m_incarnation);
            if (const Status joined = insertNode(); !joined)
                return joined.error();
        }
        beat.nodeId = m_nodeId;
        // Their presence rows go with them (ON DELETE CASCADE).
        query.prepare(QStringLiteral("DELETE FROM cluster_nodes WHERE heartbeat_at < %1 - ?")
                              .arg(DatabaseNowMs));
        query.addBindValue(timeoutMs);
        if (!query.exec())
            return failure(QStringLiteral("forget silent nodes"), query);
        if (query.numRowsAffected() > 0)
            qCInfo(lcStorage) << "forgot" << query.numRowsAffected() << "silent node(s)";
        query.prepare(QStringLiteral("DELETE FROM cluster_events WHERE sent_at < %1 - ?")
                              .arg(DatabaseNowMs));
        query.addBindValue(EventRetentionMs);
        if (!query.exec())
            return failure(QStringLiteral("forget old cluster events"), query);
        if (!query.exec(QStringLiteral("SELECT id FROM cluster_nodes ORDER BY id")))
            return failure(QStringLiteral("list the nodes"), query);
        while (query.next())
            beat.liveNodes.append(query.value(0).toString());
        return beat;
    });
}

Status StorageWorker::setPresenceOnNode(const UserInfo &user, std::optional<PresenceState> state)
{
    // The row and its notification together, or neither.
    return inTransaction<Done>([&]() -> Status { return writePresenceOnNode(user, state); });
}

Status StorageWorker::writePresenceOnNode(const UserInfo &user, std::optional<PresenceState> state)
{
    QSqlQuery query(m_db);
    if (state) {
        query.prepare(QStringLiteral("INSERT INTO cluster_presence (node_id, user_id, state) "
                                     "VALUES (?, ?, ?) ON CONFLICT (node_id, user_id) "
                                     "DO UPDATE SET state = excluded.state"));
        query.addBindValue(m_nodeId);
        query.addBindValue(user.id);
        query.addBindValue(presenceStateName(*state));
    } else {
        query.prepare(
                QStringLiteral("DELETE FROM cluster_presence WHERE node_id = ? AND user_id = ?"));
        query.addBindValue(m_nodeId);
        query.addBindValue(user.id);
    }
    if (!query.exec())
        return failure(QStringLiteral("share a presence change"), query);
    QJsonObject payload{{QStringLiteral("user"), user.toJson()}};
    if (state)
        payload.insert(QStringLiteral("state"), presenceStateName(*state));
    notifyNodes(ClusterEvent::Presence, payload);
    return Done{};
}

Expected<QList<NodePresence>> StorageWorker::presenceOnOtherNodes(qint64 timeoutMs)
{
    PreparedQuery query = prepared(
            QStringLiteral("SELECT p.node_id, p.state, u.id, u.username, u.display_name, u.city, "
                           "u.region, u.role FROM cluster_presence p "
                           "JOIN cluster_nodes n ON n.id = p.node_id "
                           "JOIN users u ON u.id = p.user_id "
                           "WHERE p.node_id <> ? AND n.heartbeat_at >= %1 - ?")
                    .arg(DatabaseNowMs));
    query.addBindValue(m_nodeId);
    query.addBindValue(timeoutMs);
    if (!query.exec())
        return failure(QStringLiteral("read the other nodes' presence"), query);
    QList<NodePresence> presence;
    while (query.next()) {
        NodePresence entry;
        entry.nodeId = query.value(0).toString();
        entry.state =
                presenceStateFromName(query.value(1).toString()).value_or(PresenceState::Online);
        entry.user.id = query.value(2).toLongLong();
        entry.user.username = query.value(3).toString();
        entry.user.displayName = query.value(4).toString();
        entry.user.city = query.value(5).toString();
        entry.user.region = query.value(6).toString();
        entry.user.role = roleFromName(query.value(7).toString()).value_or(Role::Attendee);
        presence.append(entry);
    }
    return presence;
}

Status StorageWorker::leaveCluster()
{
    PreparedQuery query = prepared(QStringLiteral("DELETE FROM cluster_nodes WHERE id = ?"));
    query.addBindValue(m_nodeId);
    if (!query.exec())
        return failure(QStringLiteral("leave the cluster"), query);
    notifyNodes(ClusterEvent::NodeLeft, {{QStringLiteral("nodes"), QJsonArray{m_nodeId}}});
    return Done{};
}

} // namespace Hallway
