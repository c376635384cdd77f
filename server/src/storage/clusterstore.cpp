// SPDX-License-Identifier: MIT
// ClusterStore's statements, the cluster tables: node heartbeats and who is online on which node
// (PostgreSQL only).
#include "clusterstore.h"
#include "cluster/clusterevent.h"
#include "logging.h"
#include "sqlsession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Hallway {

namespace {
// How long a node can miss events and still read them all back (ClusterListener).
constexpr qint64 EventRetentionMs = 15 * 60'000;
} // namespace

void ClusterStore::setNodeId(const QString &nodeId)
{
    m_baseNodeId = nodeId;
    m_session.setNodeId(nodeId);
}

Status ClusterStore::insertNode()
{
    PreparedQuery query =
            m_session.prepared(QStringLiteral("INSERT INTO cluster_nodes (id, endpoint, "
                                              "started_at, heartbeat_at) VALUES (?, ?, %1, %1)")
                                       .arg(DatabaseNowMs));
    query.addBindValue(m_session.nodeId());
    query.addBindValue(m_nodeEndpoint);
    if (!query.exec())
        return m_session.failure(QStringLiteral("join the cluster"), query);
    return Done{};
}

Status ClusterStore::joinCluster(const QString &endpoint)
{
    m_nodeEndpoint = endpoint;
    return m_session.inTransaction<Done>([&]() -> Status {
        QSqlQuery query(m_session.database());
        query.prepare(QStringLiteral("DELETE FROM cluster_nodes WHERE endpoint = ? AND id <> ? "
                                     "RETURNING id"));
        query.addBindValue(endpoint);
        query.addBindValue(m_session.nodeId());
        if (!query.exec())
            return m_session.failure(QStringLiteral("replace a dead node"), query);
        QJsonArray replaced;
        while (query.next())
            replaced.append(query.value(0).toString());
        if (!replaced.isEmpty()) {
            qCInfo(lcStorage).noquote() << "took over from the dead node(s)" << replaced;
            m_session.notifyNodes(ClusterEvent::NodeLeft, {{QStringLiteral("nodes"), replaced}});
        }
        return insertNode();
    });
}

Expected<Heartbeat> ClusterStore::heartbeat(qint64 timeoutMs)
{
    return m_session.inTransaction<Heartbeat>([&]() -> Expected<Heartbeat> {
        Heartbeat beat;
        QSqlQuery query(m_session.database());
        query.prepare(QStringLiteral("UPDATE cluster_nodes SET heartbeat_at = %1 WHERE id = ?")
                              .arg(DatabaseNowMs));
        query.addBindValue(m_session.nodeId());
        if (!query.exec())
            return m_session.failure(QStringLiteral("record a heartbeat"), query);
        if (query.numRowsAffected() == 0) {
            // Silent for too long (a stalled process), and another node removed us. Back under
            // a new name, so that nothing said of the old one (its users gone) can reach the
            // shares made now; and without taking the endpoint over, which only start-up may.
            beat.wasPresumedDead = true;
            m_session.setNodeId(QStringLiteral("%1~%2").arg(m_baseNodeId).arg(++m_incarnation));
            if (const Status joined = insertNode(); !joined)
                return joined.error();
        }
        beat.nodeId = m_session.nodeId();
        // Their presence rows go with them (ON DELETE CASCADE).
        query.prepare(QStringLiteral("DELETE FROM cluster_nodes WHERE heartbeat_at < %1 - ?")
                              .arg(DatabaseNowMs));
        query.addBindValue(timeoutMs);
        if (!query.exec())
            return m_session.failure(QStringLiteral("forget silent nodes"), query);
        if (query.numRowsAffected() > 0)
            qCInfo(lcStorage) << "forgot" << query.numRowsAffected() << "silent node(s)";
        query.prepare(QStringLiteral("DELETE FROM cluster_events WHERE sent_at < %1 - ?")
                              .arg(DatabaseNowMs));
        query.addBindValue(EventRetentionMs);
        if (!query.exec())
            return m_session.failure(QStringLiteral("forget old cluster events"), query);
        if (!query.exec(QStringLiteral("SELECT id FROM cluster_nodes ORDER BY id")))
            return m_session.failure(QStringLiteral("list the nodes"), query);
        while (query.next())
            beat.liveNodes.append(query.value(0).toString());
        return beat;
    });
}

Status ClusterStore::setPresenceOnNode(const UserInfo &user, std::optional<PresenceState> state)
{
    // The row and its notification together, or neither.
    return m_session.inTransaction<Done>(
            [&]() -> Status { return writePresenceOnNode(user, state); });
}

Status ClusterStore::writePresenceOnNode(const UserInfo &user, std::optional<PresenceState> state)
{
    QSqlQuery query(m_session.database());
    if (state) {
        query.prepare(QStringLiteral("INSERT INTO cluster_presence (node_id, user_id, state) "
                                     "VALUES (?, ?, ?) ON CONFLICT (node_id, user_id) "
                                     "DO UPDATE SET state = excluded.state"));
        query.addBindValue(m_session.nodeId());
        query.addBindValue(user.id);
        query.addBindValue(presenceStateName(*state));
    } else {
        query.prepare(
                QStringLiteral("DELETE FROM cluster_presence WHERE node_id = ? AND user_id = ?"));
        query.addBindValue(m_session.nodeId());
        query.addBindValue(user.id);
    }
    if (!query.exec())
        return m_session.failure(QStringLiteral("share a presence change"), query);
    QJsonObject payload{{QStringLiteral("user"), user.toJson()}};
    if (state)
        payload.insert(QStringLiteral("state"), presenceStateName(*state));
    m_session.notifyNodes(ClusterEvent::Presence, payload);
    return Done{};
}

Expected<QList<NodePresence>> ClusterStore::presenceOnOtherNodes(qint64 timeoutMs)
{
    PreparedQuery query = m_session.prepared(
            QStringLiteral("SELECT p.node_id, p.state, u.id, u.username, u.display_name, u.city, "
                           "u.region, u.role FROM cluster_presence p "
                           "JOIN cluster_nodes n ON n.id = p.node_id "
                           "JOIN users u ON u.id = p.user_id "
                           "WHERE p.node_id <> ? AND n.heartbeat_at >= %1 - ?")
                    .arg(DatabaseNowMs));
    query.addBindValue(m_session.nodeId());
    query.addBindValue(timeoutMs);
    if (!query.exec())
        return m_session.failure(QStringLiteral("read the other nodes' presence"), query);
    QList<NodePresence> presence;
    while (query.next()) {
        NodePresence entry;
        entry.nodeId = query.value(0).toString();
        entry.state =
                presenceStateFromName(query.value(1).toString()).value_or(PresenceState::Online);
        entry.user = userFromColumns(query, 2);
        presence.append(entry);
    }
    return presence;
}

Status ClusterStore::leaveCluster()
{
    PreparedQuery query =
            m_session.prepared(QStringLiteral("DELETE FROM cluster_nodes WHERE id = ?"));
    query.addBindValue(m_session.nodeId());
    if (!query.exec())
        return m_session.failure(QStringLiteral("leave the cluster"), query);
    m_session.notifyNodes(ClusterEvent::NodeLeft,
                          {{QStringLiteral("nodes"), QJsonArray{m_session.nodeId()}}});
    return Done{};
}

} // namespace Hallway
