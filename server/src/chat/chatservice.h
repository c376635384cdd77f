// SPDX-License-Identifier: MIT
#pragma once

#include "chat.h"
#include "envelope.h"
#include "expected.h"
#include "fact.h"
#include "messages.h"
#include "net/clientconnectionfwd.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace Hallway {

class ClusterBus;
class Storage;
class Topic;
class UserTopics;

// One-to-one chat: messages stored once per client id, history by keyset pages, the
// conversation list with unread counts, read markers and delivery receipts. Each user has a
// private "chat" stream that reaches every app they have signed in: messages to them, their
// own messages from their other apps, receipts and read markers. Only the two participants
// can read or list a conversation.
class ChatService : public QObject {
    Q_OBJECT
public:
    // idleMs: how long a user's stream that nobody follows keeps its events.
    ChatService(Storage &storage, int messagesToLoad, int history, qint64 idleMs,
                QObject *parent = nullptr);
    ~ChatService() override;

    // Handles one chat.* request; returns false if the type is not a chat request.
    bool handle(ClientConnection *connection, const Envelope &request);
    void subscribe(ClientConnection *connection, const QJsonValue &requestId,
                   const std::optional<TopicPosition> &since);
    void unsubscribe(ClientConnection *connection);
    void connectionClosed(ClientConnection *connection);
    // Messages, read markers and receipts from the other nodes reach this node's apps too.
    void joinCluster(ClusterBus &bus);
    // A moderator hid the author's fact (or brought it back): every app of theirs on this
    // node hears it on their private stream, and nobody else does.
    void tellAuthor(const Fact &fact, bool hidden);

Q_SIGNALS:
    // A message was stored (here or on another node): the statistics count it.
    void messageStored();

private:
    void publishMessage(const ChatMessage &message);
    void publishRead(qint64 userId, qint64 peerId, qint64 upToId);
    void publishDelivered(const ChatMessage &message);
    bool listensHere(qint64 userId) const;
    void readMessageThen(qint64 messageId, void (ChatService::*publish)(const ChatMessage &));
    void send(ClientConnection *connection, const Envelope &request);
    void history(ClientConnection *connection, const Envelope &request);
    void conversations(ClientConnection *connection, const Envelope &request);
    void markRead(ClientConnection *connection, const Envelope &request);
    void ackDelivery(ClientConnection *connection, const Envelope &request);
    void publishTo(qint64 userId, const QJsonObject &event);

    Storage &m_storage;
    int m_messagesToLoad;
    UserTopics *m_streams; // one per user; a child of this
    QHash<ClientConnection *, qint64> m_listeners;
    QHash<qint64, int> m_subscribing; // users whose stream snapshot is being read
};

} // namespace Hallway
