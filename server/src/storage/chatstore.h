// SPDX-License-Identifier: MIT
#pragma once

#include "chat.h"
#include "expected.h"

#include <QList>
#include <optional>

class QSqlQuery;

namespace Hallway {

class AccountStore;
class SqlSession;

struct StoredMessage {
    ChatMessage message;
    bool duplicate = false;
};

// Direct messages between two users: stored once per (sender, client id), delivered, read.
class ChatStore {
public:
    ChatStore(SqlSession &session, AccountStore &accounts)
        : m_session(session), m_accounts(accounts)
    {
    }

    // Stores a message once per (sender, clientId); a repeat returns the stored one.
    Expected<StoredMessage> sendMessage(qint64 from, qint64 to, const QString &clientId,
                                        const QString &text, qint64 nowMs);
    // A conversation's messages, newest first, older than beforeId; one more than limit.
    Expected<QList<ChatMessage>> history(qint64 userLow, qint64 userHigh,
                                         std::optional<qint64> beforeId, int limit);
    Expected<QList<Conversation>> conversations(qint64 userId);
    Expected<ChatMessage> message(qint64 messageId);
    // Moves the user's read marker for the peer forward (never back) to the newest message of
    // their conversation at or before upToId. Returns where it moved to, or 0 if it did not:
    // then nobody needs telling.
    Expected<qint64> markRead(qint64 userId, qint64 peerId, qint64 upToId);
    // Marks the user's received messages delivered; returns those that were not yet.
    Expected<QList<ChatMessage>> markDelivered(qint64 recipientId, const QList<qint64> &messageIds,
                                               qint64 nowMs);

private:
    Expected<QList<ChatMessage>> readMessages(QSqlQuery &query);

    SqlSession &m_session;
    AccountStore &m_accounts;
};

} // namespace Hallway
