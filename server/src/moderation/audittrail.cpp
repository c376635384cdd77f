// SPDX-License-Identifier: MIT
#include "audittrail.h"
#include "cluster/clusterbus.h"
#include "cluster/clusterevent.h"
#include "net/clientconnection.h"
#include "protocol.h"
#include "storage/storage.h"
#include "topics/topic.h"

namespace Hallway {

AuditTrail::AuditTrail(Storage &storage, int history, QObject *parent)
    : QObject(parent),
      m_storage(storage),
      m_topic(std::make_unique<StreamTopic>(Protocol::Topic::Moderation, history))
{
}

AuditTrail::~AuditTrail() = default;

void AuditTrail::publish(const AuditEntry &entry)
{
    m_topic->publish({{QStringLiteral("kind"), Protocol::ModerationEvent::AuditEntry},
                      {QStringLiteral("entry"), entry.toJson()}});
}

void AuditTrail::subscribe(ClientConnection *connection, const QJsonValue &requestId,
                           const std::optional<TopicPosition> &since)
{
    if (!connection->requireModerator(requestId))
        return;
    // As with the user feeds: storage runs in order, so no entry falls between the snapshot
    // and the subscription.
    m_storage.run<Expected<QList<AuditEntry>>>(
            connection,
            [](StorageWorker &worker) {
                return worker.moderation().auditLog(std::nullopt, SnapshotSize);
            },
            [this, connection, requestId, since](const Expected<QList<AuditEntry>> &entries) {
                if (!entries)
                    return connection->replyError(requestId, entries.error());
                // Signed out or closing meanwhile: it must not join the topic.
                if (connection->phase() != ClientConnection::Phase::SignedIn)
                    return connection->replyError(
                            requestId, {ErrorCode::Unauthorized, QStringLiteral("sign in first")});
                if (!connection->isModerator())
                    return connection->replyError(
                            requestId,
                            {ErrorCode::Forbidden, QStringLiteral("only moderators may do that")});
                QList<AuditEntry> page = entries.value();
                const bool hasMore = page.size() > SnapshotSize;
                page.resize(std::min<qsizetype>(page.size(), SnapshotSize));
                const QJsonObject snapshot{{QStringLiteral("entries"), auditEntriesToJson(page)},
                                           {QStringLiteral("hasMore"), hasMore}};
                connection->reply(requestId,
                                  m_topic->subscribe(connection, since, snapshot).toJson());
            });
}

void AuditTrail::unsubscribe(ClientConnection *connection)
{
    m_topic->unsubscribe(connection);
}

void AuditTrail::joinCluster(ClusterBus &bus)
{
    bus.on(ClusterEvent::Audit, [this](const QJsonObject &event) {
        m_storage.run<Expected<AuditEntry>>(
                this,
                [id = event.value(QStringLiteral("id")).toInteger()](StorageWorker &worker) {
                    return worker.moderation().auditEntry(id);
                },
                [this](const Expected<AuditEntry> &entry) {
                    if (entry)
                        publish(entry.value());
                });
    });
}

} // namespace Hallway
