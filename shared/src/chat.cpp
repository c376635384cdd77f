// SPDX-License-Identifier: MIT
#include "chat.h"
#include "jsonfields.h"

namespace Hallway {

QString conversationKey(qint64 userA, qint64 userB)
{
    return QStringLiteral("%1:%2").arg(qMin(userA, userB)).arg(qMax(userA, userB));
}

std::optional<std::pair<qint64, qint64>> parseConversationKey(const QString &key)
{
    const QStringList parts = key.split(QLatin1Char(':'));
    if (parts.size() != 2)
        return std::nullopt;
    bool okLow = false;
    bool okHigh = false;
    const qint64 low = parts.at(0).toLongLong(&okLow);
    const qint64 high = parts.at(1).toLongLong(&okHigh);
    if (!okLow || !okHigh || low <= 0 || high <= 0 || low >= high)
        return std::nullopt;
    return std::pair{low, high};
}

QJsonObject ChatMessage::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("conversation"), conversation},
            {QStringLiteral("from"), from},
            {QStringLiteral("to"), to},
            {QStringLiteral("text"), text},
            {QStringLiteral("createdAt"), createdAt},
            {QStringLiteral("clientId"), clientId},
            {QStringLiteral("delivered"), delivered}};
}

Expected<ChatMessage> ChatMessage::fromJson(const QJsonObject &object)
{
    JsonFields fields(object);
    ChatMessage message;
    message.id = fields.requiredInteger(QStringLiteral("id"));
    message.conversation = fields.requiredString(QStringLiteral("conversation"));
    message.from = fields.requiredInteger(QStringLiteral("from"));
    message.to = fields.requiredInteger(QStringLiteral("to"));
    message.text = fields.requiredString(QStringLiteral("text"));
    message.createdAt = fields.requiredInteger(QStringLiteral("createdAt"));
    message.clientId = fields.optionalString(QStringLiteral("clientId"));
    message.delivered = fields.optionalBool(QStringLiteral("delivered"), false);
    if (!fields.ok())
        return fields.error();
    return message;
}

QJsonObject Conversation::toJson() const
{
    return {{QStringLiteral("key"), key},
            {QStringLiteral("peer"),
             QJsonObject{{QStringLiteral("id"), peer.id},
                         {QStringLiteral("username"), peer.username},
                         {QStringLiteral("displayName"), peer.displayName}}},
            {QStringLiteral("lastMessage"), lastMessage.toJson()},
            {QStringLiteral("unread"), unread}};
}

Expected<Conversation> Conversation::fromJson(const QJsonObject &object)
{
    Conversation conversation;
    conversation.key = object.value(QStringLiteral("key")).toString();
    const QJsonObject peer = object.value(QStringLiteral("peer")).toObject();
    conversation.peer = {peer.value(QStringLiteral("id")).toInteger(),
                         peer.value(QStringLiteral("username")).toString(),
                         peer.value(QStringLiteral("displayName")).toString()};
    auto last = ChatMessage::fromJson(object.value(QStringLiteral("lastMessage")).toObject());
    if (!last)
        return last.error();
    conversation.lastMessage = last.value();
    conversation.unread = object.value(QStringLiteral("unread")).toInteger();
    return conversation;
}

} // namespace Hallway
