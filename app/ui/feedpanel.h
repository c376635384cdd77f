// SPDX-License-Identifier: MIT
#pragma once

#include <QPersistentModelIndex>
#include <QWidget>

class QFrame;
class QLabel;
class QListView;
class QModelIndex;
class QPushButton;
class QTimer;
class QToolButton;

namespace Hallway {

class FactComposer;
class FactFeedModel;
class HallwayClient;
class ModerationActions;
class ModerationNotices;
struct Fact;

// The Feed tab: a welcome, your composer, and the latest facts of everyone, readable in a busy
// room. Scrolled down, what you read stays where it is while new facts arrive above, and a
// "N new facts" button takes you to the top. Moderators hide a fact from its context menu
// (asked once, then Undo in place); an author is told when a moderator hid one of theirs.
class FeedPanel : public QWidget {
    Q_OBJECT
public:
    FeedPanel(HallwayClient *client, FactFeedModel *feed, QWidget *parent = nullptr);

    FactComposer *composer() const { return m_composer; }
    QListView *list() const { return m_list; }
    // Shown once, when the OS has no keychain to remember the sign-in.
    void showKeychainNotice();
    // Empty: signed out, no welcome.
    void setWelcomeName(const QString &displayName);

    // The floating button over the feed, while facts arrived above what you read.
    QToolButton *newFactsButton() const { return m_newFacts; }
    int newFactCount() const { return m_newCount; }
    // The in-place notice: an undo after hiding, a failure, or a moderator's word to you.
    QString noticeText() const;
    bool isNoticeShown() const;
    QPushButton *undoButton() const { return m_undo; }
    QLabel *emptyState() const { return m_empty; }

public Q_SLOTS:
    // Asks the moderator once (Cancel is the default), then hides the fact from everyone.
    void askToHide(const QModelIndex &index);
    void scrollToNewest();

Q_SIGNALS:
    void authorActivated(qint64 userId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildNotice();
    void showContextMenu(const QPoint &at);
    void setFactHidden(qint64 factId, bool hidden);
    void showNotice(const QString &text, bool offerUndo, int hideAfterMs);
    void rememberReadingPosition();
    void restoreReadingPosition(int first, int last);
    bool isAtTop() const;
    qint64 lastFactInSight() const; // its id; 0 for none or a pending one
    void updateOverlays();
    void onScrolled();
    void onModerated(const Fact &fact, bool hidden);

    HallwayClient *m_client;
    FactFeedModel *m_feed;
    ModerationActions *m_actions;
    ModerationNotices *m_notices;
    QLabel *m_keychainNotice;
    QLabel *m_welcome;
    FactComposer *m_composer;
    QListView *m_list;
    QLabel *m_empty;
    QToolButton *m_newFacts;
    QFrame *m_notice;
    QLabel *m_noticeText;
    QPushButton *m_undo;
    QTimer *m_noticeTimer;
    qint64 m_undoFactId = 0;
    qint64 m_actedOn = 0; // the fact this panel last hid or brought back
    int m_newCount = 0;
    // What the reader looks at, while rows change above it.
    QPersistentModelIndex m_anchor;
    int m_anchorTop = 0;
};

} // namespace Hallway
