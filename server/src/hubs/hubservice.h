// SPDX-License-Identifier: MIT
#pragma once

#include "envelope.h"
#include "expected.h"
#include "hub.h"
#include "messages.h"
#include "net/clientconnectionfwd.h"

#include <QObject>
#include <memory>

namespace Hallway {

class AuditTrail;
class ClusterBus;
struct HubChange;
class Storage;
class StreamTopic;
class Topic;

// Hubs: the named pages of widgets moderators arrange. Everyone may watch the "hubs" topic
// (every hub with its widgets; each edit sends the whole changed hub); only moderators edit.
class HubService : public QObject {
    Q_OBJECT
public:
    HubService(Storage &storage, AuditTrail &audit, int history, QObject *parent = nullptr);
    ~HubService() override;

    Status load(); // start-up; blocks
    Topic &topic();
    void subscribe(ClientConnection *connection, const QJsonValue &requestId,
                   const std::optional<TopicPosition> &since);

    // Handles one hub.* request; returns false if the type is not one.
    bool handle(ClientConnection *connection, const Envelope &request);
    // Hub edits made on the other nodes reach this node's viewers too.
    void joinCluster(ClusterBus &bus);

private:
    void publish(const HubChange &change);
    QJsonObject snapshot() const;

    Storage &m_storage;
    AuditTrail &m_audit;
    std::unique_ptr<StreamTopic> m_topic;
    QList<Hub> m_hubs; // in order of creation
};

} // namespace Hallway
