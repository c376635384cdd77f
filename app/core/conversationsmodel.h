// SPDX-License-Identifier: MIT
#pragma once

#include "chat.h"

#include <QAbstractListModel>
#include <QHash>

namespace Hallway {

class HallwayClient;

// Your conversations, newest first: the other person, the last message and its time, and
// how many of their messages you have not read, all kept live from your chat stream. It
// also confirms delivery of each message that reaches this app.
class ConversationsModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        PeerIdRole,
        PeerNameRole,
        LastTextRole,
        LastTimeRole,
        UnreadRole,
        LastFromMeRole, // the last message is yours
    };
    Q_ENUM(Role)

    explicit ConversationsModel(HallwayClient *client, QObject *parent = nullptr);
    ~ConversationsModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    int rowOf(const QString &key) const;
    qint64 totalUnread() const;
    // The conversation on screen: its incoming messages count as read at once.
    void setOpenConversation(const QString &key);

Q_SIGNALS:
    void totalUnreadChanged(qint64 unread);
    // A message to you arrived (for notifications).
    void messageReceived(const Hallway::ChatMessage &message, const QString &senderName);

private:
    void applySnapshot(const QJsonObject &snapshot);
    void applyEvent(const QJsonObject &data);
    void moveToTop(int row);

    HallwayClient *m_client;
    QList<Conversation> m_conversations;
    QString m_open;
    // Messages from a new conversation's peer, told (messageReceived) once the name is in.
    QHash<QString, QList<ChatMessage>> m_awaitingName;
};

} // namespace Hallway
