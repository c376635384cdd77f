// SPDX-License-Identifier: MIT
#include "hubservice.h"
#include "cluster/clusterbus.h"
#include "cluster/clusterevent.h"
#include "logging.h"
#include "moderation/audittrail.h"
#include "net/clientconnection.h"
#include "protocol.h"
#include "storage/storage.h"
#include "topics/topic.h"

namespace Hallway {

HubService::HubService(Storage &storage, AuditTrail &audit, int history, QObject *parent)
    : QObject(parent),
      m_storage(storage),
      m_audit(audit),
      m_topic(std::make_unique<StreamTopic>(Protocol::Topic::Hubs, history))
{
}

HubService::~HubService() = default;

Status HubService::load()
{
    const auto hubs = m_storage.runBlocking<Expected<QList<Hub>>>(
            [](StorageWorker &worker) { return worker.hubs().hubs(); });
    if (!hubs)
        return hubs.error();
    m_hubs = hubs.value();
    return Done{};
}

Topic &HubService::topic()
{
    return *m_topic;
}

QJsonObject HubService::snapshot() const
{
    return {{QStringLiteral("hubs"), hubsToJson(m_hubs)}};
}

void HubService::subscribe(ClientConnection *connection, const QJsonValue &requestId,
                           const std::optional<TopicPosition> &since)
{
    connection->reply(requestId, m_topic->subscribe(connection, since, snapshot()).toJson());
}

bool HubService::handle(ClientConnection *connection, const Envelope &request)
{
    if (!HubEdit::operationOf(request.type))
        return false;
    if (!connection->requireModerator(request.id))
        return true;
    const auto edit = HubEdit::fromJson(request.type, request.data);
    if (!edit) {
        connection->replyError(request.id, edit.error());
        return true;
    }
    m_storage.run<Expected<Audited<HubChange>>>(
            this,
            [edit = edit.value(), moderatorId = connection->user()->id](StorageWorker &worker) {
                return worker.hubs().editHub(edit, moderatorId);
            },
            [this, answer = PendingReply(connection, request.id)](
                    const Expected<Audited<HubChange>> &result) {
                if (!result)
                    return answer.replyError(result.error());
                const HubChange &change = result->value;
                // A stored write is answered before the events it causes (docs/protocol.md,
                // "Replies and ordering").
                answer.reply({{QStringLiteral("hub"), change.hub.toJson()},
                              {QStringLiteral("removed"), change.removed}});
                publish(change);
                m_audit.publish(result->entry);
            });
    return true;
}

void HubService::publish(const HubChange &change)
{
    const auto existing = std::find_if(m_hubs.begin(), m_hubs.end(),
                                       [&](const Hub &hub) { return hub.id == change.hub.id; });
    if (change.removed) {
        if (existing == m_hubs.end())
            return;
        m_hubs.erase(existing);
        m_topic->publish({{QStringLiteral("kind"), Protocol::ModerationEvent::HubRemoved},
                          {QStringLiteral("hubId"), change.hub.id}});
        return;
    }
    if (existing != m_hubs.end())
        *existing = change.hub;
    else
        m_hubs.append(change.hub);
    m_topic->publish({{QStringLiteral("kind"), Protocol::ModerationEvent::Hub},
                      {QStringLiteral("hub"), change.hub.toJson()}});
}

void HubService::joinCluster(ClusterBus &bus)
{
    bus.on(ClusterEvent::HubChanged, [this](const QJsonObject &event) {
        const qint64 hubId = event.value(QStringLiteral("id")).toInteger();
        m_storage.run<Expected<Hub>>(
                this, [hubId](StorageWorker &worker) { return worker.hubs().hub(hubId); },
                [this, hubId](const Expected<Hub> &hub) {
                    if (hub)
                        publish({hub.value(), false});
                    else if (hub.error().code == ErrorCode::NotFound)
                        publish({Hub{hubId, QString(), {}}, true});
                });
    });
}

} // namespace Hallway
