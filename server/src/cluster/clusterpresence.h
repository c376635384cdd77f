// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "userinfo.h"

#include <QObject>
#include <QTimer>

namespace Hallway {

class ClusterBus;
class PresenceTopic;
class Storage;

// Who is online across every node. This node writes its share of the presence (one row per
// user signed in here) and tells the others; it reads theirs into its PresenceTopic. Each
// node heartbeats in the database: one silent for longer than the timeout is dead, and every
// node drops its users, who go offline for everyone.
class ClusterPresence : public QObject {
    Q_OBJECT
public:
    ClusterPresence(Storage &storage, ClusterBus &bus, PresenceTopic &presence, int heartbeatMs,
                    int timeoutMs, QObject *parent = nullptr);
    ~ClusterPresence() override;

    // Joins the cluster as the node listening at endpoint (host, address and port) and reads
    // the other nodes' shares; blocks (start-up only).
    Status start(const QString &endpoint);
    // Shutting down: no more heartbeats, so a successor at this address is never taken for
    // the dead one and pushed out.
    void stopBeating() { m_heartbeat.stop(); }
    // Leaves the cluster: this node's users are gone from it for the others at once.
    void leave();

private:
    void beat();
    void resync();
    void share(const UserInfo &user, std::optional<PresenceState> state);

    Storage &m_storage;
    ClusterBus &m_bus;
    PresenceTopic &m_presence;
    int m_timeoutMs;
    QTimer m_heartbeat;
    bool m_beating = false; // a heartbeat is queued or running
};

} // namespace Hallway
