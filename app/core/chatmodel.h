// SPDX-License-Identifier: MIT
#pragma once

#include "chat.h"

#include <QAbstractListModel>

namespace Hallway {

class HallwayClient;

// One conversation, oldest message first: the latest page on opening, older pages as you
// scroll up (loadOlder), new messages live. Your messages show at once as sending, then sent
// when the server has stored them, then delivered when the other person's app has them.
class ChatModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum class State { Sending, Sent, Delivered, Failed };
    Q_ENUM(State)
    enum Role {
        MessageIdRole = Qt::UserRole + 1,
        TextRole,
        FromMeRole,
        StateRole, // State as int
        TimeRole,
    };
    Q_ENUM(Role)

    ChatModel(HallwayClient *client, qint64 peerId, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    QString conversation() const { return m_conversation; }
    qint64 peerId() const { return m_peerId; }
    bool hasOlder() const { return m_hasOlder; }
    bool isLoading() const { return m_loading; }
    State stateAt(int row) const;

    void send(const QString &text);
    void loadOlder();
    // Marks everything shown as read (the conversation is on screen).
    void markRead();

Q_SIGNALS:
    void olderLoaded(int count);
    void loadFailed(const QString &message);
    // The server refused one of your messages (a mute, say); it stays shown as failed.
    void sendFailed(const QString &message);

private:
    struct Row {
        ChatMessage message; // id 0 while sending
        bool sending = false;
        QString failure; // why the server refused it
    };
    void loadLatest();
    void place(const ChatMessage &message);
    void acknowledgeIncoming(const QList<ChatMessage> &messages);

    HallwayClient *m_client;
    qint64 m_peerId;
    QString m_conversation;
    QList<Row> m_rows;
    bool m_hasOlder = false;
    bool m_firstPageLoaded = false;
    bool m_loading = false;
    qint64 m_lastMarkedRead = 0;
};

} // namespace Hallway
