// SPDX-License-Identifier: MIT
#pragma once

#include "messages.h"
#include "moderation.h"
#include "net/clientconnectionfwd.h"

#include <QObject>
#include <memory>

namespace Hallway {

class ClusterBus;
class Storage;
class StreamTopic;

// The audit log as moderators watch it: the "moderation" topic (moderators only; its
// snapshot is the latest entries, read from the database) and a place for every service to
// publish the entry its action wrote.
class AuditTrail : public QObject {
    Q_OBJECT
public:
    static constexpr int SnapshotSize = 50;

    explicit AuditTrail(Storage &storage, int history, QObject *parent = nullptr);
    ~AuditTrail() override;

    void publish(const AuditEntry &entry);
    void subscribe(ClientConnection *connection, const QJsonValue &requestId,
                   const std::optional<TopicPosition> &since);
    void unsubscribe(ClientConnection *connection);
    // Entries written on the other nodes reach this node's moderators too.
    void joinCluster(ClusterBus &bus);

private:
    Storage &m_storage;
    std::unique_ptr<StreamTopic> m_topic;
};

} // namespace Hallway
