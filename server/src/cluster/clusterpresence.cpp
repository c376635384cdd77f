// SPDX-License-Identifier: MIT
#include "clusterpresence.h"
#include "clusterbus.h"
#include "clusterevent.h"
#include "logging.h"
#include "storage/storage.h"
#include "topics/presencetopic.h"

#include <QJsonArray>

namespace Hallway {

ClusterPresence::ClusterPresence(Storage &storage, ClusterBus &bus, PresenceTopic &presence,
                                 int heartbeatMs, int timeoutMs, QObject *parent)
    : QObject(parent), m_storage(storage), m_bus(bus), m_presence(presence), m_timeoutMs(timeoutMs)
{
    m_heartbeat.setInterval(heartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &ClusterPresence::beat);
    connect(&m_presence, &PresenceTopic::localPresenceChanged, this, &ClusterPresence::share);
    m_bus.on(ClusterEvent::Presence, [this](const QJsonObject &event) {
        const auto user = UserInfo::fromJson(event.value(QStringLiteral("user")).toObject());
        if (!user)
            return;
        m_presence.setRemote(
                event.value(QStringLiteral("node")).toString(), user.value(),
                presenceStateFromName(event.value(QStringLiteral("state")).toString()));
    });
    connect(&m_bus, &ClusterBus::reconnected, this, &ClusterPresence::resync);
    m_bus.on(ClusterEvent::NodeLeft, [this](const QJsonObject &event) {
        for (const QJsonValue &node : event.value(QStringLiteral("nodes")).toArray())
            m_presence.forgetNode(node.toString());
    });
}

ClusterPresence::~ClusterPresence() = default;

Status ClusterPresence::start(const QString &endpoint)
{
    const int timeoutMs = m_timeoutMs;
    const auto others = m_storage.runBlocking<Expected<QList<NodePresence>>>(
            [timeoutMs, endpoint](StorageWorker &worker) -> Expected<QList<NodePresence>> {
                if (const Status joined = worker.cluster().joinCluster(endpoint); !joined)
                    return joined.error();
                return worker.cluster().presenceOnOtherNodes(timeoutMs);
            });
    if (!others)
        return others.error();
    for (const NodePresence &share : others.value())
        m_presence.setRemote(share.nodeId, share.user, share.state);
    qCInfo(lcServer).noquote() << "node" << m_bus.nodeId() << "joined the cluster;"
                               << others->size() << "user(s) online on other nodes";
    m_heartbeat.start();
    return Done{};
}

void ClusterPresence::leave()
{
    m_heartbeat.stop();
    // Closing the last connections changes nothing for the others once this node is gone.
    disconnect(&m_presence, nullptr, this, nullptr);
    const Status left = m_storage.runBlocking<Status>(
            [](StorageWorker &worker) { return worker.cluster().leaveCluster(); });
    if (!left)
        qCWarning(lcServer).noquote() << left.error().message;
}

void ClusterPresence::beat()
{
    if (m_beating)
        return; // the last one is still waiting: a backlog, not a reason for two
    m_beating = true;
    // Ahead of any backlog: a node that only looks dead loses its users everywhere. Only
    // nodes known before the beat can be judged by it: one that joins meanwhile may have
    // shared its users before its row shows up.
    m_storage.runFirst<Expected<Heartbeat>>(
            this,
            [timeoutMs = m_timeoutMs](StorageWorker &worker) {
                return worker.cluster().heartbeat(timeoutMs);
            },
            [this, known = m_presence.remoteNodes()](const Expected<Heartbeat> &beat) {
                m_beating = false;
                if (!beat)
                    return; // logged; the next beat tries again
                if (beat->wasPresumedDead) {
                    // The others dropped our users when they gave us up: tell them again.
                    qCWarning(lcServer).noquote()
                            << "this node was silent for longer than" << m_timeoutMs
                            << "ms; back as" << beat->nodeId << "sharing its presence again";
                    for (const OnlineUser &online : m_presence.localUsers())
                        share(online.user, online.state);
                }
                for (const QString &node : known) {
                    if (!beat->liveNodes.contains(node)) {
                        qCInfo(lcServer).noquote() << "node" << node << "is silent; its users "
                                                   << "are offline";
                        m_presence.forgetNode(node);
                    }
                }
            });
}

void ClusterPresence::resync()
{
    const Storage::WaitOutOutages patience(m_storage);
    m_storage.run<Expected<QList<NodePresence>>>(
            this,
            [timeoutMs = m_timeoutMs](StorageWorker &worker) {
                return worker.cluster().presenceOnOtherNodes(timeoutMs);
            },
            [this](const Expected<QList<NodePresence>> &others) {
                if (!others)
                    return;
                QList<RemoteShare> shares;
                for (const NodePresence &share : others.value())
                    shares.append({share.nodeId, share.user, share.state});
                m_presence.replaceRemoteShares(shares);
            });
}

void ClusterPresence::share(const UserInfo &user, std::optional<PresenceState> state)
{
    // The other nodes learn of it when the database is back, however long that takes.
    const Storage::WaitOutOutages patience(m_storage);
    m_storage.run<Status>(
            this,
            [user, state](StorageWorker &worker) {
                return worker.cluster().setPresenceOnNode(user, state);
            },
            [](const Status &) {});
}

} // namespace Hallway
