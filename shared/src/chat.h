// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "fact.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Hallway {

// A one-to-one conversation is named by its two users, smaller id first: "3:7".
QString conversationKey(qint64 userA, qint64 userB);
// The two user ids of a key, or nothing if it is not one.
std::optional<std::pair<qint64, qint64>> parseConversationKey(const QString &key);

struct ChatMessage {
    qint64 id = 0; // grows with time
    QString conversation; // conversationKey(from, to)
    qint64 from = 0;
    qint64 to = 0;
    QString text; // 1 to 4000 characters
    qint64 createdAt = 0;
    QString clientId;
    bool delivered = false; // the recipient's app has received it

    QJsonObject toJson() const;
    static Expected<ChatMessage> fromJson(const QJsonObject &object);
    friend bool operator==(const ChatMessage &, const ChatMessage &) = default;
};

// One row of a user's conversation list.
struct Conversation {
    QString key;
    FactAuthor peer; // the other person
    ChatMessage lastMessage;
    qint64 unread = 0; // messages from the peer after your read marker

    QJsonObject toJson() const;
    static Expected<Conversation> fromJson(const QJsonObject &object);
};

} // namespace Hallway
