// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;

namespace Hallway {

class ChatModel;
class ConversationsModel;
class HallwayClient;

// One-to-one chat: your conversations (with unread counts) beside the open one, whose older
// messages load as you scroll up; Enter sends. A conversation on screen in an active window
// is marked read.
class ChatPanel : public QWidget {
    Q_OBJECT
public:
    ChatPanel(HallwayClient *client, ConversationsModel *conversations, QWidget *parent = nullptr);

    void openConversation(qint64 peerId, const QString &peerName);
    ChatModel *chat() const { return m_chat; }
    QListView *conversationList() const { return m_conversationList; }
    QListView *messageList() const { return m_messages; }
    QLineEdit *composer() const { return m_composer; }

protected:
    bool event(QEvent *event) override;

private:
    void send();
    void markReadIfVisible();
    void fillView();

    HallwayClient *m_client;
    ConversationsModel *m_conversations;
    ChatModel *m_chat = nullptr;
    QListView *m_conversationList;
    QLabel *m_title;
    QListView *m_messages;
    QLineEdit *m_composer;
};

} // namespace Hallway
