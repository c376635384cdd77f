// SPDX-License-Identifier: MIT
#include "chatmessages.h"
#include "chat.h"
#include "jsonfields.h"
#include "protocol.h"
#include "validation.h"

#include <QJsonArray>

namespace Hallway {

namespace {
const QString ConversationKey = QStringLiteral("conversation");
const QString BeforeIdKey = QStringLiteral("beforeId");
const QString LimitKey = QStringLiteral("limit");
const QString UpToIdKey = QStringLiteral("upToId");
const QString MessageIdsKey = QStringLiteral("messageIds");
const QString KindKey = QStringLiteral("kind");

// Reads the "conversation" field; a problem is recorded in fields.
ConversationUsers readConversation(JsonFields &fields)
{
    const QString key = fields.requiredString(ConversationKey);
    if (!fields.ok())
        return {};
    const auto users = parseConversationKey(key);
    if (!users) {
        fields.fail(QStringLiteral(
                "\"conversation\" must look like \"3:7\" (two user ids, smaller first)"));
        return {};
    }
    return *users;
}
} // namespace

QJsonObject SendMessageRequest::toJson() const
{
    return {{QStringLiteral("clientId"), clientId},
            {QStringLiteral("to"), to},
            {QStringLiteral("text"), text}};
}

Expected<SendMessageRequest> SendMessageRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    SendMessageRequest request;
    request.clientId = fields.requiredString(QStringLiteral("clientId"));
    request.to = fields.requiredInteger(QStringLiteral("to"));
    request.text = fields.requiredString(QStringLiteral("text")).trimmed();
    if (!fields.ok())
        return fields.error();
    if (const auto problem = Validation::checkClientId(request.clientId))
        return badRequest(*problem);
    if (request.text.isEmpty())
        return badRequest(QStringLiteral("a message must not be empty"));
    if (const qsizetype length = Validation::characterCount(request.text);
        length > Validation::MessageMaxLength)
        return badRequest(QStringLiteral("a message has at most %1 characters; this one has %2")
                                  .arg(Validation::MessageMaxLength)
                                  .arg(length));
    return request;
}

QJsonObject ChatHistoryRequest::toJson() const
{
    QJsonObject data{{ConversationKey, conversationKey(users.first, users.second)}};
    if (beforeId)
        data.insert(BeforeIdKey, *beforeId);
    if (limit)
        data.insert(LimitKey, *limit);
    return data;
}

Expected<ChatHistoryRequest> ChatHistoryRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    ChatHistoryRequest request;
    request.users = readConversation(fields);
    request.beforeId = fields.optionalInteger(BeforeIdKey);
    const auto limit = fields.optionalInteger(LimitKey);
    if (!fields.ok())
        return fields.error();
    if (limit && (*limit < 1 || *limit > MaxLimit))
        return badRequest(QStringLiteral("limit must be 1 to %1").arg(MaxLimit));
    if (limit)
        request.limit = static_cast<int>(*limit);
    return request;
}

QJsonObject MarkReadRequest::toJson() const
{
    return {{ConversationKey, conversationKey(users.first, users.second)}, {UpToIdKey, upToId}};
}

Expected<MarkReadRequest> MarkReadRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    MarkReadRequest request;
    request.users = readConversation(fields);
    request.upToId = fields.requiredInteger(UpToIdKey);
    if (!fields.ok())
        return fields.error();
    return request;
}

QJsonObject ReadByPeerNotice::toJson() const
{
    return {{KindKey, Protocol::ChatEvent::ReadByPeer},
            {ConversationKey, conversationKey(users.first, users.second)},
            {UpToIdKey, upToId}};
}

Expected<ReadByPeerNotice> ReadByPeerNotice::fromJson(const QJsonObject &data)
{
    if (data.value(KindKey).toString() != Protocol::ChatEvent::ReadByPeer)
        return badRequest(QStringLiteral("not a \"read_by_peer\" event"));
    JsonFields fields(data);
    ReadByPeerNotice notice;
    notice.users = readConversation(fields);
    notice.upToId = fields.requiredInteger(UpToIdKey);
    if (!fields.ok())
        return fields.error();
    return notice;
}

QJsonObject AckDeliveryRequest::toJson() const
{
    QJsonArray ids;
    for (const qint64 id : messageIds)
        ids.append(id);
    return {{MessageIdsKey, ids}};
}

Expected<AckDeliveryRequest> AckDeliveryRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    AckDeliveryRequest request;
    request.messageIds = fields.requiredIntegerArray(MessageIdsKey);
    if (!fields.ok())
        return fields.error();
    if (request.messageIds.size() > MaxIds)
        return badRequest(QStringLiteral("\"messageIds\" holds at most %1 ids").arg(MaxIds));
    return request;
}

} // namespace Hallway
