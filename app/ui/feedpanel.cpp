// SPDX-License-Identifier: MIT
#include "feedpanel.h"
#include "appearance.h"
#include "errortext.h"
#include "factcomposer.h"
#include "factdelegate.h"
#include "factfeedmodel.h"
#include "hallwayclient.h"
#include "moderationactions.h"
#include "moderationnotices.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Hallway {

namespace {
// How long Undo is offered after hiding a fact.
constexpr int UndoMs = 10'000;
constexpr int ShortNoticeMs = 5'000;
constexpr int ButtonMargin = 8;

QString quoted(const QString &text)
{
    constexpr int Shown = 80; // a long fact is recognised by its start
    return text.size() > Shown ? text.left(Shown) + QStringLiteral("...") : text;
}
} // namespace

FeedPanel::FeedPanel(HallwayClient *client, FactFeedModel *feed, QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_feed(feed),
      m_actions(new ModerationActions(client, this)),
      m_notices(new ModerationNotices(client, this))
{
    setObjectName(QStringLiteral("feedPanel"));
    m_keychainNotice = new QLabel;
    m_keychainNotice->setObjectName(QStringLiteral("keychainNotice"));
    m_keychainNotice->setWordWrap(true);
    Appearance::markAsNotice(m_keychainNotice, Appearance::Notice::Warning);
    m_keychainNotice->hide();
    m_welcome = new QLabel;
    m_welcome->setObjectName(QStringLiteral("welcome"));
    m_welcome->setWordWrap(true);
    m_welcome->setTextFormat(Qt::RichText);
    m_composer = new FactComposer(client);
    auto *feedTitle = new QLabel(tr("<b>Latest from everyone</b>"));

    m_list = new QListView;
    m_list->setObjectName(QStringLiteral("communityFeed"));
    m_list->setModel(feed);
    auto *delegate = new FactDelegate(true, m_list);
    m_list->setItemDelegate(delegate);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setWordWrap(true);
    m_list->setMouseTracking(true);
    m_list->setAccessibleName(tr("Latest facts from everyone"));
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->installEventFilter(this);
    feedTitle->setBuddy(m_list);

    // Over the list, not in the viewport: the viewport's children scroll with it.
    m_empty = new QLabel(tr("No facts yet. Be the first: share something about yourself "
                            "above."),
                         m_list);
    m_empty->setObjectName(QStringLiteral("feedEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_empty->setEnabled(false); // drawn in the palette's quieter colour
    m_newFacts = new QToolButton(m_list);
    m_newFacts->setObjectName(QStringLiteral("newFactsButton"));
    m_newFacts->setAccessibleName(tr("Go to the newest facts"));
    m_newFacts->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_newFacts->setAutoRaise(false);
    m_newFacts->setCursor(Qt::PointingHandCursor);
    m_newFacts->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_keychainNotice);
    layout->addWidget(m_welcome);
    layout->addWidget(m_composer);
    layout->addWidget(buildNotice());
    layout->addWidget(feedTitle);
    layout->addWidget(m_list, 1);

    // Names are links: click an author, or Enter on a fact.
    connect(delegate, &FactDelegate::authorClicked, this, &FeedPanel::authorActivated);
    connect(m_list, &QListView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT authorActivated(index.data(FactFeedModel::AuthorIdRole).toLongLong());
    });
    connect(m_list, &QWidget::customContextMenuRequested, this, &FeedPanel::showContextMenu);
    connect(m_newFacts, &QToolButton::clicked, this, &FeedPanel::scrollToNewest);
    connect(m_list->verticalScrollBar(), &QScrollBar::valueChanged, this, &FeedPanel::onScrolled);
    connect(feed, &QAbstractItemModel::rowsAboutToBeInserted, this,
            &FeedPanel::rememberReadingPosition);
    connect(feed, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                restoreReadingPosition(first, last);
                updateOverlays();
            });
    connect(feed, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            &FeedPanel::rememberReadingPosition);
    connect(feed, &QAbstractItemModel::rowsRemoved, this, [this]() {
        restoreReadingPosition(-1, -1);
        updateOverlays();
    });
    connect(feed, &QAbstractItemModel::modelReset, this, [this]() {
        m_newCount = 0;
        m_feed->setHoldingOlderFacts(false);
        updateOverlays();
    });
    connect(m_notices, &ModerationNotices::factHidden, this, &FeedPanel::onModerated);
    updateOverlays();
}

QWidget *FeedPanel::buildNotice()
{
    m_notice = new QFrame;
    m_notice->setObjectName(QStringLiteral("feedNotice"));
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->setAutoFillBackground(true);
    m_noticeText = new QLabel;
    m_noticeText->setObjectName(QStringLiteral("feedNoticeText"));
    m_noticeText->setWordWrap(true);
    // No mnemonic: the window's letters are taken; Tab reaches it, and it is in plain sight.
    m_undo = new QPushButton(tr("Undo"));
    m_undo->setObjectName(QStringLiteral("undoHideButton"));
    m_undo->setAccessibleName(tr("Undo: bring the fact back"));
    auto *dismiss = new QToolButton;
    dismiss->setObjectName(QStringLiteral("dismissFeedNotice"));
    dismiss->setText(QStringLiteral("\u2715"));
    dismiss->setAutoRaise(true);
    dismiss->setAccessibleName(tr("Dismiss this notice"));
    dismiss->setToolTip(tr("Dismiss"));
    auto *row = new QHBoxLayout(m_notice);
    row->setContentsMargins(8, 4, 4, 4);
    row->addWidget(m_noticeText, 1);
    row->addWidget(m_undo);
    row->addWidget(dismiss);
    m_notice->hide();
    m_noticeTimer = new QTimer(this);
    m_noticeTimer->setSingleShot(true);
    connect(m_noticeTimer, &QTimer::timeout, m_notice, &QWidget::hide);
    connect(dismiss, &QToolButton::clicked, this, [this]() {
        m_noticeTimer->stop();
        m_notice->hide();
    });
    connect(m_undo, &QPushButton::clicked, this, [this]() {
        if (m_undoFactId > 0)
            setFactHidden(m_undoFactId, false);
    });
    return m_notice;
}

void FeedPanel::showKeychainNotice()
{
    m_keychainNotice->setText(tr("Hallway cannot use this computer's keychain, so it cannot "
                                 "remember your sign-in. You stay signed in until you quit, and "
                                 "will be asked for your password next time."));
    m_keychainNotice->show();
}

void FeedPanel::setWelcomeName(const QString &displayName)
{
    if (displayName.isEmpty()) {
        m_welcome->clear();
        return;
    }
    m_welcome->setText(tr("<h3>Welcome, %1</h3>Everyone who is here right now is listed on the "
                          "left; click a name to see what they shared.")
                               .arg(displayName.toHtmlEscaped()));
}

QString FeedPanel::noticeText() const
{
    return m_noticeText->text();
}

bool FeedPanel::isNoticeShown() const
{
    return !m_notice->isHidden();
}

void FeedPanel::showContextMenu(const QPoint &at)
{
    const QModelIndex index = m_list->indexAt(at);
    if (!index.isValid() || !m_client->isModerator()
        || index.data(FactFeedModel::PendingRole).toBool())
        return;
    QMenu menu;
    menu.addAction(tr("&Hide this fact from everyone..."), this,
                   [this, index = QPersistentModelIndex(index)]() { askToHide(index); });
    menu.exec(m_list->viewport()->mapToGlobal(at));
}

void FeedPanel::askToHide(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const qint64 factId = index.data(FactFeedModel::FactIdRole).toLongLong();
    QMessageBox ask(QMessageBox::Warning, tr("Hide this fact"),
                    tr("Hide this fact by %1 from everyone?\n\n\"%2\"")
                            .arg(index.data(FactFeedModel::AuthorDisplayNameRole).toString(),
                                 quoted(index.data(FactFeedModel::TextRole).toString())),
                    QMessageBox::NoButton, this);
    ask.setObjectName(QStringLiteral("hideFactConfirmation"));
    ask.setTextFormat(Qt::PlainText); // a fact is shown as written, never as markup
    ask.setInformativeText(tr("Its author is told. You can bring it back from the notice that "
                              "follows, or later from the moderation log."));
    QPushButton *hideButton = ask.addButton(tr("Hide"), QMessageBox::DestructiveRole);
    hideButton->setObjectName(QStringLiteral("confirmHideButton"));
    QPushButton *cancel = ask.addButton(QMessageBox::Cancel);
    // Destructive: Enter must not do it by accident.
    ask.setDefaultButton(cancel);
    ask.setEscapeButton(cancel);
    ask.exec();
    if (ask.clickedButton() == hideButton)
        setFactHidden(factId, true);
}

void FeedPanel::setFactHidden(qint64 factId, bool hidden)
{
    m_actedOn = factId;
    m_actions->hideFact(
            factId, hidden,
            [this, factId, hidden, guard = QPointer<FeedPanel>(this)](const Status &outcome) {
                if (!guard)
                    return;
                if (!outcome) {
                    showNotice(hidden ? tr("The fact could not be hidden: %1")
                                                .arg(errorText(outcome.error()))
                                      : tr("The fact could not be brought back: %1")
                                                .arg(errorText(outcome.error())),
                               false, 0);
                    return;
                }
                if (hidden) {
                    m_undoFactId = factId;
                    showNotice(tr("Fact hidden from everyone."), true, UndoMs);
                } else {
                    m_undoFactId = 0;
                    showNotice(tr("The fact is back."), false, ShortNoticeMs);
                }
            });
}

void FeedPanel::showNotice(const QString &text, bool offerUndo, int hideAfterMs)
{
    m_noticeText->setText(text);
    m_undo->setVisible(offerUndo);
    m_notice->show();
    // 0: stays until dismissed (a failure, a word from a moderator).
    if (hideAfterMs > 0)
        m_noticeTimer->start(hideAfterMs);
    else
        m_noticeTimer->stop();
}

void FeedPanel::onModerated(const Fact &fact, bool hidden)
{
    // Only the author is told; a moderator who acted on their own fact here knows already.
    if (fact.author.id != m_client->currentUser().id || fact.id == m_actedOn)
        return;
    showNotice(hidden ? tr("A moderator hid your fact \"%1\".").arg(quoted(fact.text))
                      : tr("A moderator brought back your fact \"%1\".").arg(quoted(fact.text)),
               false, 0);
}

bool FeedPanel::isAtTop() const
{
    const QScrollBar *bar = m_list->verticalScrollBar();
    return bar->value() <= bar->minimum();
}

void FeedPanel::rememberReadingPosition()
{
    m_anchor = QPersistentModelIndex();
    if (isAtTop())
        return; // at the top new facts simply show
    // The first row at least partly in sight, and where its top is now.
    const QModelIndex first = m_list->indexAt(QPoint(ButtonMargin, 0));
    if (!first.isValid())
        return;
    m_anchor = first;
    m_anchorTop = m_list->visualRect(first).top();
}

void FeedPanel::restoreReadingPosition(int first, int last)
{
    if (!m_anchor.isValid())
        return;
    const QPersistentModelIndex anchor = m_anchor;
    m_anchor = QPersistentModelIndex();
    if (first >= 0 && first <= anchor.row()) {
        // Facts came in above what is being read. One just written here takes the reader to
        // the top to see it; yours from another app are no news to you.
        int news = 0;
        for (int row = first; row <= last; ++row) {
            const QModelIndex index = m_feed->index(row);
            if (index.data(FactFeedModel::PendingRole).toBool()) {
                scrollToNewest();
                return;
            }
            news += index.data(FactFeedModel::IsOwnRole).toBool() ? 0 : 1;
        }
        m_newCount += news;
        m_feed->setHoldingOlderFacts(true, lastFactInSight());
    }
    // Lay the rows out now (not on the next idle pass), then move by what came in above.
    m_list->doItemsLayout();
    const int moved = m_list->visualRect(anchor).top() - m_anchorTop;
    if (moved != 0) {
        QScrollBar *bar = m_list->verticalScrollBar();
        bar->setValue(bar->value() + moved);
    }
    if (m_feed->isHoldingOlderFacts())
        m_feed->setHoldingOlderFacts(true, lastFactInSight());
}

qint64 FeedPanel::lastFactInSight() const
{
    // The row at the bottom edge, or the last one when the list ends above it.
    QModelIndex last = m_list->indexAt(QPoint(ButtonMargin, m_list->viewport()->height() - 1));
    if (!last.isValid() && m_feed->rowCount() > 0)
        last = m_feed->index(m_feed->rowCount() - 1);
    return last.isValid() ? last.data(FactFeedModel::FactIdRole).toLongLong() : 0;
}

void FeedPanel::scrollToNewest()
{
    m_list->scrollToTop();
    m_list->verticalScrollBar()->setValue(m_list->verticalScrollBar()->minimum());
    onScrolled();
}

void FeedPanel::onScrolled()
{
    // Back at the top, everything new has been seen, and the feed may shrink to its size.
    if (isAtTop()) {
        m_newCount = 0;
        m_feed->setHoldingOlderFacts(false);
    } else if (m_feed->isHoldingOlderFacts()) {
        m_feed->setHoldingOlderFacts(true, lastFactInSight()); // what is in sight now stays
    }
    updateOverlays();
}

void FeedPanel::updateOverlays()
{
    const QRect area = m_list->viewport()->geometry();
    m_empty->setGeometry(area.adjusted(ButtonMargin, 0, -ButtonMargin, 0));
    m_empty->setVisible(m_feed->rowCount() == 0);
    if (m_newCount <= 0 || isAtTop()) {
        m_newFacts->hide();
        return;
    }
    m_newFacts->setText(tr("\u2191 %n new fact(s)", nullptr, m_newCount));
    m_newFacts->adjustSize();
    m_newFacts->move(area.left() + (area.width() - m_newFacts->width()) / 2,
                     area.top() + ButtonMargin);
    m_newFacts->show();
    m_newFacts->raise();
}

bool FeedPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        updateOverlays();
    return QWidget::eventFilter(watched, event);
}

} // namespace Hallway
