// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QStackedWidget;
class QTextBrowser;

namespace Hallway {

class HallwayClient;
class TalkRankingModel;
class TalkActions;
class TalksModel;

// The lightning talks: ranked by votes with live bars, your vote toggled with a click or
// Space, your own talks proposed, edited and withdrawn, and for moderators the controls to
// open and close voting, hide talks and export the results.
class TalksPanel : public QWidget {
    Q_OBJECT
public:
    explicit TalksPanel(HallwayClient *client, QWidget *parent = nullptr);

    TalksModel *talks() const { return m_talks; }
    QListView *list() const { return m_list; }
    QString stateText() const;
    QString errorText() const;
    // The selected talk in full (title, speaker, votes, abstract), as plain text.
    QString detailsText() const;
    // What the list says when there is no talk; empty while it shows talks.
    QString emptyText() const;

public Q_SLOTS:
    void toggleVoteOnSelected();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateDetails();
    void updateEmptyState();
    qint64 selectedTalk() const;
    void updateActions();
    void showError(const QString &message);
    void propose();
    void editSelected();
    void withdrawSelected();
    void toggleVoting();
    void hideSelected();
    void exportResults();

    HallwayClient *m_client;
    TalkActions *m_actions;
    TalksModel *m_talks;
    TalkRankingModel *m_ranking;
    QListView *m_list;
    QStackedWidget *m_listOrEmpty;
    QLabel *m_empty;
    QTextBrowser *m_details;
    QString m_detailsHtml; // what m_details shows, to leave it alone when nothing changed
    qint64 m_detailsTalk = 0;
    QLabel *m_state;
    QLabel *m_error;
    QPushButton *m_vote;
    QPushButton *m_propose; // named in the empty list, with its key
    QPushButton *m_edit;
    QPushButton *m_withdraw;
    QWidget *m_moderation;
    QPushButton *m_toggleVoting;
    QPushButton *m_hide;
};

} // namespace Hallway
