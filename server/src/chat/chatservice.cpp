// SPDX-License-Identifier: MIT
#include "chatservice.h"
#include "chatmessages.h"
#include "cluster/clusterbus.h"
#include "cluster/clusterevent.h"
#include "moderation.h"
#include "net/clientconnection.h"
#include "protocol.h"
#include "storage/storage.h"
#include "topics/topic.h"
#include "topics/usertopics.h"

#include <QDateTime>
#include <QPointer>

namespace Hallway {

namespace {
class ChatStream : public Topic {
public:
    ChatStream(int history, QObject *parent) : Topic(Protocol::Topic::Chat, history, parent) { }
    using Topic::publish;
};

QJsonArray messagesToJson(const QList<ChatMessage> &messages)
{
    QJsonArray array;
    for (const ChatMessage &message : messages)
        array.append(message.toJson());
    return array;
}

// Only the two users of a conversation may read it or mark it read.
std::optional<Error> checkMember(const ConversationUsers &users, qint64 userId)
{
    if (users.first != userId && users.second != userId)
        return Error{ErrorCode::Forbidden, QStringLiteral("this conversation is not yours")};
    return std::nullopt;
}
} // namespace

ChatService::ChatService(Storage &storage, int messagesToLoad, int history, qint64 idleMs,
                         QObject *parent)
    : QObject(parent),
      m_storage(storage),
      m_messagesToLoad(messagesToLoad),
      m_streams(new UserTopics(
              [history](qint64, QObject *owner) { return new ChatStream(history, owner); }, idleMs,
              this))
{
}

ChatService::~ChatService() = default;

bool ChatService::handle(ClientConnection *connection, const Envelope &request)
{
    namespace Type = Protocol::Type;
    using Handler = void (ChatService::*)(ClientConnection *, const Envelope &);
    static const QHash<QString, Handler> handlers = {
            {Type::SendMessage, &ChatService::send},
            {Type::ChatHistory, &ChatService::history},
            {Type::Conversations, &ChatService::conversations},
            {Type::MarkRead, &ChatService::markRead},
            {Type::AckDelivery, &ChatService::ackDelivery},
    };
    const Handler handler = handlers.value(request.type);
    if (!handler)
        return false;
    (this->*handler)(connection, request);
    return true;
}

void ChatService::publishTo(qint64 userId, const QJsonObject &event)
{
    if (auto *stream = static_cast<ChatStream *>(m_streams->find(userId)))
        stream->publish(event);
}

void ChatService::subscribe(ClientConnection *connection, const QJsonValue &requestId,
                            const std::optional<TopicPosition> &since)
{
    const qint64 userId = connection->user()->id;
    // The snapshot (conversations with unread counts) is read through the ordered storage
    // queue, so it meets the events that follow exactly (see FactService). Until it is
    // delivered, the other nodes' messages to this user are read too (see joinCluster).
    ++m_subscribing[userId];
    m_storage.run<Expected<QList<Conversation>>>(
            this, [userId](StorageWorker &worker) { return worker.chat().conversations(userId); },
            [this, connection = QPointer<ClientConnection>(connection), requestId, userId,
             since](const Expected<QList<Conversation>> &list) {
                if (--m_subscribing[userId] == 0)
                    m_subscribing.remove(userId);
                if (!connection)
                    return;
                if (!list)
                    return connection->replyError(requestId, list.error());
                if (connection->phase() != ClientConnection::Phase::SignedIn
                    || connection->user()->id != userId)
                    return connection->replyError(
                            requestId, {ErrorCode::Unauthorized, QStringLiteral("sign in first")});
                QJsonArray conversations;
                for (const Conversation &conversation : list.value())
                    conversations.append(conversation.toJson());
                m_listeners.insert(connection, userId);
                const QJsonObject snapshot{{QStringLiteral("conversations"), conversations}};
                connection->reply(requestId,
                                  m_streams->findOrCreate(userId)
                                          ->subscribe(connection, since, snapshot)
                                          .toJson());
            });
}

void ChatService::unsubscribe(ClientConnection *connection)
{
    connectionClosed(connection);
}

void ChatService::connectionClosed(ClientConnection *connection)
{
    const auto found = m_listeners.constFind(connection);
    if (found == m_listeners.constEnd())
        return;
    const qint64 userId = *found;
    m_listeners.erase(found);
    if (Topic *stream = m_streams->find(userId))
        stream->unsubscribe(connection);
}

void ChatService::send(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = SendMessageRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    const qint64 from = connection->user()->id;
    const qint64 to = parsed->to;
    if (to == from)
        return connection->replyError(request.id,
                                      badRequest(QStringLiteral("you cannot message yourself")));
    m_storage.run<Expected<StoredMessage>>(
            this,
            [from, to, clientId = parsed->clientId, text = parsed->text](StorageWorker &worker) {
                return worker.chat().sendMessage(from, to, clientId, text,
                                                 QDateTime::currentMSecsSinceEpoch());
            },
            [this,
             answer = PendingReply(connection, request.id)](const Expected<StoredMessage> &stored) {
                if (!stored)
                    return answer.replyError(stored.error());
                answer.reply({{QStringLiteral("message"), stored->message.toJson()},
                              {QStringLiteral("duplicate"), stored->duplicate}});
                if (!stored->duplicate)
                    publishMessage(stored->message);
            });
}

void ChatService::publishMessage(const ChatMessage &message)
{
    const QJsonObject event{{QStringLiteral("kind"), Protocol::ChatEvent::Message},
                            {QStringLiteral("message"), message.toJson()}};
    publishTo(message.to, event);
    publishTo(message.from, event); // the sender's other apps
    Q_EMIT messageStored();
}

void ChatService::tellAuthor(const Fact &fact, bool hidden)
{
    publishTo(fact.author.id, FactHiddenNotice{fact, hidden}.toJson());
}

void ChatService::publishRead(qint64 userId, qint64 peerId, qint64 upToId)
{
    publishTo(userId,
              {{QStringLiteral("kind"), Protocol::ChatEvent::Read},
               {QStringLiteral("conversation"), conversationKey(userId, peerId)},
               {QStringLiteral("upToId"), upToId}});
    // The peer sent the messages just read: their apps show them as read.
    publishTo(peerId,
              ReadByPeerNotice{{qMin(userId, peerId), qMax(userId, peerId)}, upToId}.toJson());
}

void ChatService::publishDelivered(const ChatMessage &message)
{
    publishTo(message.from,
              {{QStringLiteral("kind"), Protocol::ChatEvent::Delivered},
               {QStringLiteral("conversation"), message.conversation},
               {QStringLiteral("messageIds"), QJsonArray{message.id}}});
}

void ChatService::joinCluster(ClusterBus &bus)
{
    // A message is read only if someone it concerns listens on this node, or is about to.
    bus.on(ClusterEvent::ChatMessage, [this](const QJsonObject &event) {
        if (listensHere(event.value(QStringLiteral("from")).toInteger())
            || listensHere(event.value(QStringLiteral("to")).toInteger()))
            readMessageThen(event.value(QStringLiteral("id")).toInteger(),
                            &ChatService::publishMessage);
    });
    bus.on(ClusterEvent::ChatDelivered, [this](const QJsonObject &event) {
        if (listensHere(event.value(QStringLiteral("from")).toInteger()))
            readMessageThen(event.value(QStringLiteral("id")).toInteger(),
                            &ChatService::publishDelivered);
    });
    bus.on(ClusterEvent::ChatRead, [this](const QJsonObject &event) {
        publishRead(event.value(QStringLiteral("user")).toInteger(),
                    event.value(QStringLiteral("peer")).toInteger(),
                    event.value(QStringLiteral("upToId")).toInteger());
    });
}

bool ChatService::listensHere(qint64 userId) const
{
    return m_streams->find(userId) || m_subscribing.contains(userId);
}

void ChatService::readMessageThen(qint64 messageId,
                                  void (ChatService::*publish)(const ChatMessage &))
{
    m_storage.run<Expected<ChatMessage>>(
            this, [messageId](StorageWorker &worker) { return worker.chat().message(messageId); },
            [this, publish](const Expected<ChatMessage> &message) {
                if (message)
                    (this->*publish)(message.value());
            });
}

void ChatService::history(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = ChatHistoryRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    if (const auto error = checkMember(parsed->users, connection->user()->id))
        return connection->replyError(request.id, *error);
    const int pageSize = parsed->limit.value_or(m_messagesToLoad);
    const auto beforeId = parsed->beforeId;
    m_storage.run<Expected<QList<ChatMessage>>>(
            connection,
            [users = parsed->users, beforeId, pageSize](StorageWorker &worker) {
                return worker.chat().history(users.first, users.second, beforeId, pageSize);
            },
            [connection, id = request.id, pageSize](const Expected<QList<ChatMessage>> &messages) {
                if (!messages)
                    return connection->replyError(id, messages.error());
                QList<ChatMessage> page = messages.value();
                const bool hasMore = page.size() > pageSize;
                if (hasMore)
                    page.resize(pageSize);
                connection->reply(id,
                                  {{QStringLiteral("messages"), messagesToJson(page)},
                                   {QStringLiteral("hasMore"), hasMore}});
            });
}

void ChatService::conversations(ClientConnection *connection, const Envelope &request)
{
    m_storage.run<Expected<QList<Conversation>>>(
            connection,
            [userId = connection->user()->id](StorageWorker &worker) {
                return worker.chat().conversations(userId);
            },
            [connection, id = request.id](const Expected<QList<Conversation>> &list) {
                if (!list)
                    return connection->replyError(id, list.error());
                QJsonArray conversations;
                for (const Conversation &conversation : list.value())
                    conversations.append(conversation.toJson());
                connection->reply(id, {{QStringLiteral("conversations"), conversations}});
            });
}

void ChatService::markRead(ClientConnection *connection, const Envelope &request)
{
    const qint64 userId = connection->user()->id;
    const auto parsed = MarkReadRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    if (const auto error = checkMember(parsed->users, userId))
        return connection->replyError(request.id, *error);
    const qint64 upToId = parsed->upToId;
    const qint64 peerId =
            parsed->users.first == userId ? parsed->users.second : parsed->users.first;
    m_storage.run<Expected<qint64>>(
            this,
            [userId, peerId, upToId](StorageWorker &worker) {
                return worker.chat().markRead(userId, peerId, upToId);
            },
            [this, answer = PendingReply(connection, request.id), userId,
             peerId](const Expected<qint64> &readUpTo) {
                if (!readUpTo)
                    return answer.replyError(readUpTo.error());
                answer.reply();
                // Marking read again tells nobody anything: a reader cannot flood the sender.
                if (readUpTo.value() > 0)
                    publishRead(userId, peerId, readUpTo.value());
            });
}

void ChatService::ackDelivery(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = AckDeliveryRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    m_storage.run<Expected<QList<ChatMessage>>>(
            this,
            [userId = connection->user()->id,
             messageIds = parsed->messageIds](StorageWorker &worker) {
                return worker.chat().markDelivered(userId, messageIds,
                                                   QDateTime::currentMSecsSinceEpoch());
            },
            [this, answer = PendingReply(connection, request.id)](
                    const Expected<QList<ChatMessage>> &delivered) {
                if (!delivered)
                    return answer.replyError(delivered.error());
                answer.reply();
                for (const ChatMessage &message : delivered.value())
                    publishDelivered(message);
            });
}

} // namespace Hallway
