// SPDX-License-Identifier: MIT
#include "chatpanel.h"
#include "chatmodel.h"
#include "conversationdelegate.h"
#include "conversationsmodel.h"
#include "hallwayclient.h"
#include "messagecomposer.h"
#include "messagedelegate.h"
#include "validation.h"

#include <QDesktopServices>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMouseEvent>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace Hallway {

namespace {
constexpr int ListWidth = 260; // the conversation list's share at first; the chat takes the rest
constexpr int ListMinimumWidth = 180;
// Below this the conversation takes width from the list (down to the list's minimum), so that
// it and its composer stay usable in a narrow window or beside an open profile.
constexpr int ConversationComfortableWidth = 300;

QLabel *emptyState(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignCenter);
    label->setMargin(16);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}
} // namespace

ChatPanel::ChatPanel(HallwayClient *client, ConversationsModel *conversations, QWidget *parent)
    : QWidget(parent), m_client(client), m_conversations(conversations)
{
    setObjectName(QStringLiteral("chatPanel"));
    m_conversationList = new QListView;
    m_conversationList->setObjectName(QStringLiteral("conversationList"));
    m_conversationList->setModel(conversations);
    m_conversationList->setAccessibleName(tr("Conversations"));
    m_conversationDelegate = new ConversationDelegate(m_conversationList);
    m_conversationList->setItemDelegate(m_conversationDelegate);
    m_conversationList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_conversationList->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_conversationList->setMinimumWidth(ListMinimumWidth);
    m_noConversations = emptyState(QStringLiteral("conversationsEmpty"));
    m_noConversations->setText(tr("No conversations yet.\n\nTo start one, click someone in "
                                  "Who's online and choose Send a message."));
    m_conversationStack = new QStackedWidget;
    m_conversationStack->addWidget(m_conversationList);
    m_conversationStack->addWidget(m_noConversations);

    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("chatTitle"));
    m_title->setWordWrap(true);
    m_title->hide();
    m_messages = new QListView;
    m_messages->setObjectName(QStringLiteral("messageList"));
    m_messages->setAccessibleName(tr("Messages"));
    m_messageDelegate = new MessageDelegate(m_messages);
    m_messages->setItemDelegate(m_messageDelegate);
    m_messages->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_messages->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_messages->setResizeMode(QListView::Adjust); // bubbles rewrap to the new width
    m_messages->setSelectionMode(QAbstractItemView::NoSelection);
    m_messages->setFrameShape(QFrame::NoFrame);
    m_messages->viewport()->setMouseTracking(true); // the hand over links
    m_messages->viewport()->installEventFilter(this);
    m_noMessages = emptyState(QStringLiteral("messagesEmpty"));
    m_messageStack = new QStackedWidget;
    m_messageStack->addWidget(m_messages);
    m_messageStack->addWidget(m_noMessages);

    m_composer = new MessageComposer;
    m_composer->setObjectName(QStringLiteral("messageEdit"));
    m_composer->setAccessibleName(tr("Message"));
    // The keys are told in the tooltip: a hint that wraps shows only its first line.
    m_composer->setPlaceholderText(tr("Write a message..."));
    m_composer->setToolTip(tr("Enter sends; Shift+Enter starts a new line."));
    m_composer->setMaxLength(Validation::MessageMaxLength);
    m_composer->setEnabled(false);
    m_send = new QPushButton(tr("Send"));
    m_send->setObjectName(QStringLiteral("sendMessageButton"));
    m_send->setAccessibleName(tr("Send message"));
    m_send->setEnabled(false);
    auto *composerRow = new QHBoxLayout;
    composerRow->addWidget(m_composer, 1);
    composerRow->addWidget(m_send, 0, Qt::AlignBottom);

    auto *conversation = new QWidget;
    auto *conversationLayout = new QVBoxLayout(conversation);
    conversationLayout->setContentsMargins(0, 0, 0, 0);
    conversationLayout->addWidget(m_title);
    conversationLayout->addWidget(m_messageStack, 1);
    conversationLayout->addLayout(composerRow);
    m_splitter = new QSplitter;
    m_splitter->setObjectName(QStringLiteral("chatSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_conversationStack);
    m_splitter->addWidget(conversation);
    // The list keeps its width as the window grows; the conversation gets the rest.
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({ListWidth, 3 * ListWidth});
    m_listWidth = ListWidth;
    m_splitter->installEventFilter(this);
    connect(m_splitter, &QSplitter::splitterMoved, this,
            [this]() { m_listWidth = m_splitter->sizes().value(0, ListWidth); });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_splitter);

    // Rows change height when a neighbour arrives (a run of one sender grows, a day starts):
    // lay the list out again once per burst, staying at the bottom if that is where it was.
    m_relayout = new QTimer(this);
    m_relayout->setSingleShot(true);
    m_relayout->setInterval(0);
    connect(m_relayout, &QTimer::timeout, this, &ChatPanel::relayoutMessages);

    connect(m_composer, &MessageComposer::submitted, this, &ChatPanel::send);
    connect(m_send, &QPushButton::clicked, this, &ChatPanel::send);
    connect(m_composer, &QPlainTextEdit::textChanged, this,
            [this]() { m_send->setEnabled(m_chat && !m_composer->text().trimmed().isEmpty()); });
    connect(m_messageDelegate, &MessageDelegate::linkActivated, this,
            [](const QUrl &url) { QDesktopServices::openUrl(url); });
    for (const auto signal : {&QListView::clicked, &QListView::activated}) {
        connect(m_conversationList, signal, this, [this](const QModelIndex &index) {
            openConversation(index.data(ConversationsModel::PeerIdRole).toLongLong(),
                             index.data(ConversationsModel::PeerNameRole).toString());
        });
    }
    connect(conversations, &QAbstractItemModel::rowsInserted, this, &ChatPanel::updateEmptyStates);
    connect(conversations, &QAbstractItemModel::rowsRemoved, this, &ChatPanel::updateEmptyStates);
    connect(conversations, &QAbstractItemModel::modelReset, this, &ChatPanel::updateEmptyStates);
    // The peer's name may come after the conversation was opened from a notification.
    connect(conversations, &QAbstractItemModel::dataChanged, this, [this]() {
        if (!m_chat || !m_peerName.isEmpty())
            return;
        const int row = m_conversations->rowOf(m_chat->conversation());
        if (row < 0)
            return;
        m_peerName = m_conversations->index(row).data(ConversationsModel::PeerNameRole).toString();
        m_chat->setPeerName(m_peerName);
        m_title->setText(tr("<b>%1</b>").arg(m_peerName.toHtmlEscaped()));
    });
    // Scrolling to the top asks for the page before.
    connect(m_messages->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value == m_messages->verticalScrollBar()->minimum() && m_chat)
            m_chat->loadOlder();
    });
    updateEmptyStates();
}

void ChatPanel::openConversation(qint64 peerId, const QString &peerName)
{
    if (m_chat && m_chat->peerId() == peerId)
        return;
    if (m_chat) {
        // The view lets go of it in setModel below; nothing of it may reach this panel again.
        m_chat->disconnect(this);
        m_chat->disconnect(m_relayout);
        m_chat->deleteLater();
    }
    m_chat = new ChatModel(m_client, peerId, this);
    m_peerName = peerName;
    m_chat->setPeerName(peerName);
    // Where unread began, before this opening marks everything read.
    const int row = m_conversations->rowOf(m_chat->conversation());
    if (row >= 0) {
        const QModelIndex index = m_conversations->index(row);
        m_chat->setUnreadAtOpen(index.data(ConversationsModel::UnreadRole).toLongLong());
        m_conversationList->setCurrentIndex(index);
    }
    m_messages->setModel(m_chat);
    m_title->setText(tr("<b>%1</b>").arg(peerName.toHtmlEscaped()));
    m_title->show();
    m_composer->setEnabled(true);
    m_composer->setAccessibleName(tr("Message to %1").arg(peerName));
    m_composer->setFocus();
    m_send->setEnabled(!m_composer->text().trimmed().isEmpty());
    // New messages keep the view at the bottom; older ones keep what you were reading.
    connect(m_chat, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first) {
                if (first > 0) // after the view has laid the new row out
                    QMetaObject::invokeMethod(m_messages, &QListView::scrollToBottom,
                                              Qt::QueuedConnection);
                QMetaObject::invokeMethod(this, &ChatPanel::fillView, Qt::QueuedConnection);
                updateEmptyStates();
                markReadIfVisible();
            });
    // Only what changes a row's height needs a new layout; a state mark (sent, delivered)
    // is painted in place.
    connect(m_chat, &QAbstractItemModel::dataChanged, m_relayout,
            [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                static const QList<int> geometry{ChatModel::TextRole, ChatModel::FirstInGroupRole,
                                                 ChatModel::LastInGroupRole,
                                                 ChatModel::DayLabelRole,
                                                 ChatModel::FirstUnreadRole};
                const bool changesHeight = roles.isEmpty()
                        || std::any_of(roles.cbegin(), roles.cend(),
                                       [](int role) { return geometry.contains(role); });
                if (changesHeight)
                    m_relayout->start();
            });
    connect(m_chat, &ChatModel::latestLoaded, this, [this]() {
        updateEmptyStates();
        // Many unread: begin reading at the divider rather than at the newest message.
        const int divider = m_chat->firstUnreadRow();
        if (divider > 0)
            QMetaObject::invokeMethod(
                    this,
                    // Another conversation may be open by then: its rows are not these.
                    [this, divider, openedFor = QPointer<ChatModel>(m_chat)]() {
                        if (openedFor && openedFor == m_chat && divider < m_chat->rowCount())
                            m_messages->scrollTo(m_chat->index(divider),
                                                 QAbstractItemView::PositionAtTop);
                    },
                    Qt::QueuedConnection);
    });
    connect(m_chat, &ChatModel::olderLoaded, this, [this](int count) {
        m_messages->scrollTo(m_chat->index(count), QAbstractItemView::PositionAtTop);
    });
    updateEmptyStates();
    markReadIfVisible();
}

void ChatPanel::relayoutMessages()
{
    QScrollBar *bar = m_messages->verticalScrollBar();
    const bool atBottom = bar->value() == bar->maximum();
    m_messages->doItemsLayout();
    if (atBottom)
        m_messages->scrollToBottom();
}

void ChatPanel::updateEmptyStates()
{
    const bool noConversations = m_conversations->rowCount() == 0;
    m_conversationStack->setCurrentWidget(
            noConversations ? static_cast<QWidget *>(m_noConversations) : m_conversationList);
    if (!m_chat) {
        m_noMessages->setText(noConversations
                                      ? tr("Your messages will appear here.")
                                      : tr("Pick a conversation on the left to read it here."));
        m_messageStack->setCurrentWidget(m_noMessages);
    } else if (m_chat->rowCount() == 0 && m_chat->isLatestLoaded()) {
        m_noMessages->setText(
                tr("No messages with %1 yet.\n\nWrite the first one below.").arg(m_peerName));
        m_messageStack->setCurrentWidget(m_noMessages);
    } else {
        m_messageStack->setCurrentWidget(m_messages);
    }
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

void ChatPanel::shareTheWidth()
{
    // The list has the width it was given (ListWidth, or where the person dragged it) as long
    // as the conversation keeps a comfortable width; in less room it gives way first.
    const int available = m_splitter->width() - m_splitter->handleWidth();
    const int list = std::clamp(available - ConversationComfortableWidth, ListMinimumWidth,
                                std::max(ListMinimumWidth, m_listWidth));
    if (m_splitter->sizes().value(0) != list)
        m_splitter->setSizes({list, available - list});
}

bool ChatPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_splitter && event->type() == QEvent::Resize)
        shareTheWidth(); // the splitter's own layout follows and keeps these sizes

    // The pointing hand over a link, as in a browser.
    if (watched == m_messages->viewport() && event->type() == QEvent::MouseMove && m_chat) {
        const QPoint pos = static_cast<QMouseEvent *>(event)->position().toPoint();
        const QModelIndex index = m_messages->indexAt(pos);
        const bool overLink =
                index.isValid() && m_messageDelegate->linkIn(m_messages, index, pos).isValid();
        m_messages->viewport()->setCursor(overLink ? Qt::PointingHandCursor : Qt::ArrowCursor);
    }
    return QWidget::eventFilter(watched, event);
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
