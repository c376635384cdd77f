// SPDX-License-Identifier: MIT
// ChatStore's statements: direct messages, their delivery and read markers.
#include "chatstore.h"
#include "accountstore.h"
#include "cluster/clusterevent.h"
#include "sqlsession.h"

#include <QSqlQuery>

namespace Hallway {

namespace {
const QString MessageColumns = QStringLiteral(
        "m.id, m.sender_id, m.recipient_id, m.text, m.created_at, m.client_id, m.delivered_at "
        "FROM messages m");
} // namespace

Expected<QList<ChatMessage>> ChatStore::readMessages(QSqlQuery &query)
{
    if (!query.exec())
        return m_session.failure(QStringLiteral("read messages"), query);
    QList<ChatMessage> messages;
    while (query.next()) {
        ChatMessage message;
        message.id = query.value(0).toLongLong();
        message.from = query.value(1).toLongLong();
        message.to = query.value(2).toLongLong();
        message.conversation = conversationKey(message.from, message.to);
        message.text = query.value(3).toString();
        message.createdAt = query.value(4).toLongLong();
        message.clientId = query.value(5).toString();
        message.delivered = !query.value(6).isNull();
        messages.append(message);
    }
    return messages;
}

Expected<StoredMessage> ChatStore::sendMessage(qint64 from, qint64 to, const QString &clientId,
                                               const QString &text, qint64 nowMs)
{
    return m_session.inTransaction<StoredMessage>([&]() -> Expected<StoredMessage> {
        PreparedQuery existing =
                m_session.prepared(QStringLiteral("SELECT ") + MessageColumns
                                   + QStringLiteral(" WHERE m.sender_id = ? AND m.client_id = ?"));
        existing.addBindValue(from);
        existing.addBindValue(clientId);
        const auto earlier = readMessages(existing);
        if (!earlier)
            return earlier.error();
        if (!earlier->isEmpty())
            return StoredMessage{earlier->constFirst(), true};
        const auto recipient = m_accounts.userById(to);
        if (!recipient)
            return recipient.error();
        PreparedQuery insert = m_session.prepared(QStringLiteral(
                "INSERT INTO messages (sender_id, recipient_id, user_low, user_high, "
                "client_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (sender_id, client_id) DO NOTHING"));
        insert.addBindValue(from);
        insert.addBindValue(to);
        insert.addBindValue(qMin(from, to));
        insert.addBindValue(qMax(from, to));
        insert.addBindValue(clientId);
        insert.addBindValue(text);
        insert.addBindValue(nowMs);
        if (!insert.exec())
            return m_session.failure(QStringLiteral("store a message"), insert);
        // Nothing inserted: the same resend was stored meanwhile, through another node.
        const bool inserted = insert.numRowsAffected() > 0;
        PreparedQuery stored =
                m_session.prepared(QStringLiteral("SELECT ") + MessageColumns
                                   + QStringLiteral(" WHERE m.sender_id = ? AND m.client_id = ?"));
        stored.addBindValue(from);
        stored.addBindValue(clientId);
        const auto created = readMessages(stored);
        if (!created || created->isEmpty())
            return created ? Error{ErrorCode::Internal, QStringLiteral("a stored message vanished")}
                           : created.error();
        if (!inserted)
            return StoredMessage{created->constFirst(), true};
        m_session.notifyNodes(ClusterEvent::ChatMessage,
                              {{QStringLiteral("id"), created->constFirst().id},
                               {QStringLiteral("from"), from},
                               {QStringLiteral("to"), to}});
        return StoredMessage{created->constFirst(), false};
    });
}

Expected<ChatMessage> ChatStore::message(qint64 messageId)
{
    PreparedQuery query = m_session.prepared(QStringLiteral("SELECT ") + MessageColumns
                                             + QStringLiteral(" WHERE m.id = ?"));
    query.addBindValue(messageId);
    const auto messages = readMessages(query);
    if (!messages)
        return messages.error();
    if (messages->isEmpty())
        return notFound(QStringLiteral("no message with id %1").arg(messageId));
    return messages->constFirst();
}

Expected<QList<ChatMessage>> ChatStore::history(qint64 userLow, qint64 userHigh,
                                                std::optional<qint64> beforeId, int limit)
{
    PreparedQuery query = m_session.prepared(
            QStringLiteral("SELECT ") + MessageColumns
            + QStringLiteral(" WHERE m.user_low = ? AND m.user_high = ? AND m.id < ? "
                             "ORDER BY m.id DESC LIMIT ?"));
    query.addBindValue(userLow);
    query.addBindValue(userHigh);
    query.addBindValue(beforeId.value_or(std::numeric_limits<qint64>::max()));
    query.addBindValue(limit + 1);
    return readMessages(query);
}

Expected<QList<Conversation>> ChatStore::conversations(qint64 userId)
{
    PreparedQuery last = m_session.prepared(
            QStringLiteral("SELECT ") + MessageColumns
            + QStringLiteral(" JOIN (SELECT MAX(id) AS last_id FROM messages WHERE user_low = ? OR "
                             "user_high = ? GROUP BY user_low, user_high) c ON c.last_id = m.id "
                             "ORDER BY m.id DESC"));
    last.addBindValue(userId);
    last.addBindValue(userId);
    const auto lastMessages = readMessages(last);
    if (!lastMessages)
        return lastMessages.error();

    PreparedQuery unread = m_session.prepared(QStringLiteral(
            "SELECT m.sender_id, COUNT(*) FROM messages m LEFT JOIN read_markers r ON "
            "r.user_id = m.recipient_id AND r.peer_id = m.sender_id WHERE m.recipient_id = ? AND "
            "m.id > COALESCE(r.last_read_id, 0) GROUP BY m.sender_id"));
    unread.addBindValue(userId);
    if (!unread.exec())
        return m_session.failure(QStringLiteral("count unread messages"), unread);
    QHash<qint64, qint64> unreadByPeer;
    while (unread.next())
        unreadByPeer.insert(unread.value(0).toLongLong(), unread.value(1).toLongLong());

    QList<Conversation> result;
    for (const ChatMessage &message : lastMessages.value()) {
        const qint64 peerId = message.from == userId ? message.to : message.from;
        const auto peer = m_accounts.userById(peerId);
        if (!peer)
            return peer.error();
        result.append({message.conversation,
                       {peer->id, peer->username, peer->displayName},
                       message,
                       unreadByPeer.value(peerId)});
    }
    return result;
}

Expected<qint64> ChatStore::markRead(qint64 userId, qint64 peerId, qint64 upToId)
{
    return m_session.inTransaction<qint64>([&]() -> Expected<qint64> {
        // What there was to read: an id beyond the conversation's newest message would tell
        // the peer that messages not written yet were read.
        PreparedQuery newest = m_session.prepared(QStringLiteral(
                "SELECT MAX(id) FROM messages WHERE user_low = ? AND user_high = ? AND id <= ?"));
        newest.addBindValue(qMin(userId, peerId));
        newest.addBindValue(qMax(userId, peerId));
        newest.addBindValue(upToId);
        if (!newest.exec() || !newest.next())
            return m_session.failure(QStringLiteral("find the newest message read"), newest);
        if (newest.isNull(0))
            return qint64(0);
        const qint64 readUpTo = newest.value(0).toLongLong();

        PreparedQuery update = m_session.prepared(
                QStringLiteral("UPDATE read_markers SET last_read_id = ? WHERE user_id = ? AND "
                               "peer_id = ? AND last_read_id < ?"));
        update.addBindValue(readUpTo);
        update.addBindValue(userId);
        update.addBindValue(peerId);
        update.addBindValue(readUpTo);
        if (!update.exec())
            return m_session.failure(QStringLiteral("move a read marker"), update);
        bool moved = update.numRowsAffected() > 0;
        if (!moved) {
            PreparedQuery insert = m_session.prepared(
                    QStringLiteral("INSERT INTO read_markers (user_id, peer_id, last_read_id) "
                                   "VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
            insert.addBindValue(userId);
            insert.addBindValue(peerId);
            insert.addBindValue(readUpTo);
            if (!insert.exec())
                return m_session.failure(QStringLiteral("store a read marker"), insert);
            moved = insert.numRowsAffected() > 0;
        }
        if (!moved)
            return qint64(0);
        m_session.notifyNodes(ClusterEvent::ChatRead,
                              {{QStringLiteral("user"), userId},
                               {QStringLiteral("peer"), peerId},
                               {QStringLiteral("upToId"), readUpTo}});
        return readUpTo;
    });
}

Expected<QList<ChatMessage>> ChatStore::markDelivered(qint64 recipientId,
                                                      const QList<qint64> &messageIds, qint64 nowMs)
{
    return m_session.inTransaction<QList<ChatMessage>>([&]() -> Expected<QList<ChatMessage>> {
        QList<ChatMessage> newlyDelivered;
        for (const qint64 id : messageIds) {
            PreparedQuery update = m_session.prepared(
                    QStringLiteral("UPDATE messages SET delivered_at = ? WHERE id = ? AND "
                                   "recipient_id = ? AND delivered_at IS NULL"));
            update.addBindValue(nowMs);
            update.addBindValue(id);
            update.addBindValue(recipientId);
            if (!update.exec())
                return m_session.failure(QStringLiteral("mark a message delivered"), update);
            if (update.numRowsAffected() == 0)
                continue;
            PreparedQuery read = m_session.prepared(QStringLiteral("SELECT ") + MessageColumns
                                                    + QStringLiteral(" WHERE m.id = ?"));
            read.addBindValue(id);
            const auto message = readMessages(read);
            if (!message)
                return message.error();
            newlyDelivered += message.value();
            m_session.notifyNodes(ClusterEvent::ChatDelivered,
                                  {{QStringLiteral("id"), id},
                                   {QStringLiteral("from"), message->constFirst().from}});
        }
        return newlyDelivered;
    });
}

} // namespace Hallway
