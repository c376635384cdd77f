// SPDX-License-Identifier: MIT
#include "chatpanel.h"
#include "chatmodel.h"
#include "conversationsmodel.h"
#include "hallwayclient.h"
#include "validation.h"

#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace Hallway {

namespace {
// Your messages on the right with their state; theirs on the left.
class MessageDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (!index.data(ChatModel::FromMeRole).toBool())
            return;
        option->displayAlignment = Qt::AlignRight | Qt::AlignVCenter;
        switch (static_cast<ChatModel::State>(index.data(ChatModel::StateRole).toInt())) {
        case ChatModel::State::Sending:
            option->text += QStringLiteral("  \u2026"); // sending
            option->palette.setColor(QPalette::Text,
                                     option->palette.color(QPalette::Disabled, QPalette::Text));
            break;
        case ChatModel::State::Sent:
            option->text += QStringLiteral("  \u2713");
            break;
        case ChatModel::State::Delivered:
            option->text += QStringLiteral("  \u2713\u2713");
            break;
        case ChatModel::State::Failed:
            option->text += QStringLiteral("  \u26a0"); // the tooltip says why
            option->palette.setColor(QPalette::Text, QColor(0xb0, 0x20, 0x20));
            break;
        }
    }
};
} // namespace

ChatPanel::ChatPanel(HallwayClient *client, ConversationsModel *conversations, QWidget *parent)
    : QWidget(parent), m_client(client), m_conversations(conversations)
{
    setObjectName(QStringLiteral("chatPanel"));
    m_conversationList = new QListView;
    m_conversationList->setObjectName(QStringLiteral("conversationList"));
    m_conversationList->setModel(conversations);
    m_conversationList->setAccessibleName(tr("Conversations"));
    m_title = new QLabel(
            tr("Pick a conversation, or open someone's profile and send them a message."));
    m_title->setObjectName(QStringLiteral("chatTitle"));
    m_title->setWordWrap(true);
    m_messages = new QListView;
    m_messages->setObjectName(QStringLiteral("messageList"));
    m_messages->setItemDelegate(new MessageDelegate(m_messages));
    m_messages->setWordWrap(true);
    m_messages->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_composer = new QLineEdit;
    m_composer->setObjectName(QStringLiteral("messageEdit"));
    m_composer->setPlaceholderText(tr("Write a message and press Enter"));
    m_composer->setMaxLength(Validation::MessageMaxLength);
    m_composer->setEnabled(false);

    auto *conversation = new QWidget;
    auto *conversationLayout = new QVBoxLayout(conversation);
    conversationLayout->setContentsMargins(0, 0, 0, 0);
    conversationLayout->addWidget(m_title);
    conversationLayout->addWidget(m_messages, 1);
    conversationLayout->addWidget(m_composer);
    auto *splitter = new QSplitter;
    splitter->addWidget(m_conversationList);
    splitter->addWidget(conversation);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_composer, &QLineEdit::returnPressed, this, &ChatPanel::send);
    for (const auto signal : {&QListView::clicked, &QListView::activated}) {
        connect(m_conversationList, signal, this, [this](const QModelIndex &index) {
            openConversation(index.data(ConversationsModel::PeerIdRole).toLongLong(),
                             index.data(ConversationsModel::PeerNameRole).toString());
        });
    }
    // Scrolling to the top asks for the page before.
    connect(m_messages->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value == m_messages->verticalScrollBar()->minimum() && m_chat)
            m_chat->loadOlder();
    });
}

void ChatPanel::openConversation(qint64 peerId, const QString &peerName)
{
    if (m_chat && m_chat->peerId() == peerId)
        return;
    delete m_chat;
    m_chat = new ChatModel(m_client, peerId, this);
    m_messages->setModel(m_chat);
    m_title->setText(tr("<b>%1</b>").arg(peerName.toHtmlEscaped()));
    m_composer->setEnabled(true);
    m_composer->setFocus();
    // New messages keep the view at the bottom; older ones keep what you were reading.
    connect(m_chat, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first) {
                if (first > 0) // after the view has laid the new row out
                    QMetaObject::invokeMethod(m_messages, &QListView::scrollToBottom,
                                              Qt::QueuedConnection);
                QMetaObject::invokeMethod(this, &ChatPanel::fillView, Qt::QueuedConnection);
                markReadIfVisible();
            });
    connect(m_chat, &ChatModel::olderLoaded, this, [this](int count) {
        m_messages->scrollTo(m_chat->index(count), QAbstractItemView::PositionAtTop);
    });
    markReadIfVisible();
}

void ChatPanel::fillView()
{
    // A short history that does not fill the view cannot be scrolled up: fetch more now.
    if (!m_chat || !m_chat->hasOlder())
        return;
    m_messages->doItemsLayout(); // the scroll range must reflect the rows just added
    if (m_messages->verticalScrollBar()->maximum() == 0)
        m_chat->loadOlder();
}

void ChatPanel::send()
{
    if (!m_chat || m_composer->text().trimmed().isEmpty())
        return;
    m_chat->send(m_composer->text());
    m_composer->clear();
}

bool ChatPanel::event(QEvent *event)
{
    switch (event->type()) {
    case QEvent::WindowActivate:
    case QEvent::Show:
        markReadIfVisible();
        break;
    case QEvent::WindowDeactivate:
    case QEvent::Hide:
        // Not on screen any more: new messages count as unread again.
        m_conversations->setOpenConversation(QString());
        break;
    default:
        break;
    }
    return QWidget::event(event);
}

void ChatPanel::markReadIfVisible()
{
    if (!m_chat || !isVisible() || !window()->isActiveWindow())
        return;
    m_conversations->setOpenConversation(m_chat->conversation());
    m_chat->markRead();
}

} // namespace Hallway
