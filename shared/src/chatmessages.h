// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>
#include <utility>

// The data of the chat.* requests. Same rules as messages.h: fromJson() checks types and the
// protocol's rules, toJson() writes what fromJson() reads. Whether a conversation is the
// requester's own is the server's check, not the parser's.
namespace Hallway {

// The two user ids of a conversation, smaller first ("3:7" is {3, 7}).
using ConversationUsers = std::pair<qint64, qint64>;

struct SendMessageRequest {
    QString clientId; // a resend with the same id stores nothing new
    qint64 to = 0;
    QString text; // trimmed, 1 to Validation::MessageMaxLength characters

    QJsonObject toJson() const;
    static Expected<SendMessageRequest> fromJson(const QJsonObject &data);
};

// One page of a conversation, newest first, older than beforeId when it is given.
struct ChatHistoryRequest {
    static constexpr int MaxLimit = 100;

    ConversationUsers users;
    std::optional<qint64> beforeId;
    std::optional<int> limit; // none: the server's messages_to_load

    QJsonObject toJson() const;
    static Expected<ChatHistoryRequest> fromJson(const QJsonObject &data);
};

struct MarkReadRequest {
    ConversationUsers users;
    qint64 upToId = 0;

    QJsonObject toJson() const;
    static Expected<MarkReadRequest> fromJson(const QJsonObject &data);
};

// On the "chat" stream of the other person in a conversation: its reader marked it read up to
// upToId, so the sender's messages up to there were read. Marking read is what reveals it;
// there is no setting to hide it.
struct ReadByPeerNotice {
    ConversationUsers users;
    qint64 upToId = 0;

    QJsonObject toJson() const;
    static Expected<ReadByPeerNotice> fromJson(const QJsonObject &data);
};

struct AckDeliveryRequest {
    static constexpr int MaxIds = 100;

    QList<qint64> messageIds;

    QJsonObject toJson() const;
    static Expected<AckDeliveryRequest> fromJson(const QJsonObject &data);
};

} // namespace Hallway
