// SPDX-License-Identifier: MIT
#pragma once

#include "messagecomposer.h" // composer() is part of what callers use

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTimer;

namespace Hallway {

class ChatModel;
class ConversationDelegate;
class ConversationsModel;
class HallwayClient;
class MessageDelegate;

// One-to-one chat: your conversations (avatar, last message, unread badge) beside the open
// one, drawn as bubbles with days, times and a "New messages" divider; older messages load as
// you scroll up; Enter sends, Shift+Enter starts a new line. A conversation on screen in an
// active window is marked read. Each list says what will appear in it while it is empty.
class ChatPanel : public QWidget {
    Q_OBJECT
public:
    ChatPanel(HallwayClient *client, ConversationsModel *conversations, QWidget *parent = nullptr);

    void openConversation(qint64 peerId, const QString &peerName);
    ChatModel *chat() const { return m_chat; }
    QListView *conversationList() const { return m_conversationList; }
    QListView *messageList() const { return m_messages; }
    MessageComposer *composer() const { return m_composer; }
    QPushButton *sendButton() const { return m_send; }
    QSplitter *splitter() const { return m_splitter; }
    // The texts shown instead of an empty list.
    QLabel *conversationsEmptyState() const { return m_noConversations; }
    QLabel *messagesEmptyState() const { return m_noMessages; }
    MessageDelegate *messageDelegate() const { return m_messageDelegate; }
    ConversationDelegate *conversationDelegate() const { return m_conversationDelegate; }

protected:
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void send();
    void markReadIfVisible();
    void fillView();
    void relayoutMessages();
    void updateEmptyStates();
    void shareTheWidth();

    HallwayClient *m_client;
    ConversationsModel *m_conversations;
    ChatModel *m_chat = nullptr;
    QString m_peerName;
    QSplitter *m_splitter;
    int m_listWidth; // as the person left it; the list is narrower only while room is short
    QStackedWidget *m_conversationStack;
    QListView *m_conversationList;
    ConversationDelegate *m_conversationDelegate;
    QLabel *m_noConversations;
    QLabel *m_title;
    QStackedWidget *m_messageStack;
    QListView *m_messages;
    MessageDelegate *m_messageDelegate;
    QLabel *m_noMessages;
    MessageComposer *m_composer;
    QPushButton *m_send;
    QTimer *m_relayout;
};

} // namespace Hallway
