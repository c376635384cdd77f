// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "userinfo.h"

#include <QList>
#include <QStringList>
#include <optional>

namespace Hallway {

class SqlSession;

// One node's share of who is online, when several nodes serve one event.
struct NodePresence {
    QString nodeId;
    UserInfo user;
    PresenceState state = PresenceState::Online;
};

struct Heartbeat {
    QString nodeId; // this node's name now
    QStringList liveNodes; // every node heard from within the timeout, this one included
    bool wasPresumedDead = false; // another node had given this one up and removed its users
};

// Several nodes on one PostgreSQL: which nodes are alive (heartbeats) and who is online on
// which. The node's name is the session's, which names it in every event it sends.
class ClusterStore {
public:
    explicit ClusterStore(SqlSession &session) : m_session(session) { }

    // Before anything else: this node's name. Unset, the server is the only one.
    void setNodeId(const QString &nodeId);
    // As the node listening at endpoint; a node that listened there before is dead.
    Status joinCluster(const QString &endpoint);
    // Marks this node alive and forgets the nodes silent for longer than timeoutMs.
    Expected<Heartbeat> heartbeat(qint64 timeoutMs);
    // The user's presence on this node; no state: gone from it.
    Status setPresenceOnNode(const UserInfo &user, std::optional<PresenceState> state);
    Expected<QList<NodePresence>> presenceOnOtherNodes(qint64 timeoutMs);
    Status leaveCluster();

private:
    Status insertNode();
    Status writePresenceOnNode(const UserInfo &user, std::optional<PresenceState> state);

    SqlSession &m_session;
    QString m_baseNodeId; // as set; the session's is "base~N" after coming back from presumed dead
    int m_incarnation = 0;
    QString m_nodeEndpoint;
};

} // namespace Hallway
