// SPDX-License-Identifier: MIT
#pragma once

#include "chat.h"

#include <QAbstractListModel>

namespace Hallway {

class HallwayClient;

// One conversation, oldest message first: the latest page on opening, older pages as you
// scroll up (loadOlder), new messages live. Your messages show at once as sending, then sent
// when the server has stored them, delivered when the other person's app has them, and read
// when they have marked the conversation read (told live: an app opened later shows delivered).
// Each row also says how it sits among its neighbours (a new day, a new sender, where the
// unread messages began when the conversation was opened), so a view can draw a timeline.
class ChatModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum class State { Sending, Sent, Delivered, Failed, Read };
    Q_ENUM(State)
    enum Role {
        MessageIdRole = Qt::UserRole + 1,
        TextRole,
        FromMeRole,
        StateRole, // State as int
        TimeRole,
        SenderNameRole,
        FirstInGroupRole, // starts a run of one sender's messages (the name goes here)
        LastInGroupRole,
        DayLabelRole, // "Today", "Yesterday" or the date on the first message of a day; else empty
        FirstUnreadRole, // the first message that was unread when the conversation was opened
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
    // Hours and minutes as the locale writes them (its short format may carry seconds).
    static QString timeOfDay(const QTime &time);
    // Whether the first page has arrived (an empty conversation is only empty after that).
    bool isLatestLoaded() const { return m_firstPageLoaded; }

    // The name shown on the other person's messages.
    void setPeerName(const QString &name);
    // How many of the peer's messages were unread when the conversation was opened: the
    // "new messages" divider goes above the first of them. Call before the first page loads.
    void setUnreadAtOpen(qint64 unread);
    // The row the divider is above, or -1.
    int firstUnreadRow() const;

    void send(const QString &text);
    void loadOlder();
    // Marks everything shown as read (the conversation is on screen).
    void markRead();

Q_SIGNALS:
    void latestLoaded();
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
    bool startsGroup(int row) const;
    bool startsDay(int row) const;
    // Rows around [first, last] change how they group when rows are added next to them.
    void refreshNeighbours(int first, int last);
    void locateFirstUnread(const QList<ChatMessage> &oldestFirst);
    void peerReadUpTo(qint64 upToId);

    HallwayClient *m_client;
    qint64 m_peerId;
    QString m_conversation;
    QList<Row> m_rows;
    bool m_hasOlder = false;
    bool m_firstPageLoaded = false;
    bool m_loading = false;
    qint64 m_lastMarkedRead = 0;
    qint64 m_peerReadUpTo = 0; // your messages up to this id were read by the peer
    QString m_peerName;
    qint64 m_unreadToLocate = 0;
    qint64 m_firstUnreadId = 0;
};

} // namespace Hallway
