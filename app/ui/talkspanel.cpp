// SPDX-License-Identifier: MIT
#include "talkspanel.h"
#include "errortext.h"
#include "hallwayclient.h"
#include "talkactions.h"
#include "talkdelegate.h"
#include "talkdialog.h"
#include "talksmodel.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace Hallway {

TalksPanel::TalksPanel(HallwayClient *client, QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_actions(new TalkActions(client, this)),
      m_talks(new TalksModel(client, this)),
      m_ranking(new TalkRankingModel(m_talks, this))
{
    setObjectName(QStringLiteral("talksPanel"));
    m_state = new QLabel;
    m_state->setObjectName(QStringLiteral("votingState"));
    m_list = new QListView;
    m_list->setObjectName(QStringLiteral("talkList"));
    m_list->setModel(m_ranking);
    m_list->setItemDelegate(new TalkDelegate(m_talks, m_list));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setAccessibleName(tr("Lightning talks by votes"));
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("talksError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    m_vote = new QPushButton(tr("&Vote"));
    m_vote->setObjectName(QStringLiteral("voteButton"));
    m_vote->setToolTip(tr("Vote for the selected talk, or take your vote back (Space)"));
    auto *propose = new QPushButton(tr("P&ropose a talk..."));
    propose->setObjectName(QStringLiteral("proposeButton"));
    m_edit = new QPushButton(tr("&Edit..."));
    m_withdraw = new QPushButton(tr("&Withdraw"));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_vote, propose, m_edit, m_withdraw})
        buttons->addWidget(button);
    buttons->addStretch();

    m_moderation = new QWidget;
    auto *moderation = new QHBoxLayout(m_moderation);
    moderation->setContentsMargins(0, 0, 0, 0);
    m_toggleVoting = new QPushButton;
    m_toggleVoting->setObjectName(QStringLiteral("toggleVotingButton"));
    m_hide = new QPushButton(tr("&Hide talk"));
    m_hide->setObjectName(QStringLiteral("hideTalkButton"));
    auto *exportButton = new QPushButton(tr("E&xport results..."));
    exportButton->setObjectName(QStringLiteral("exportButton"));
    moderation->addWidget(new QLabel(tr("Moderator:")));
    for (QPushButton *button : {m_toggleVoting, m_hide, exportButton})
        moderation->addWidget(button);
    moderation->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    layout->addWidget(m_moderation);

    auto *space = new QAction(m_list);
    space->setShortcut(Qt::Key_Space);
    space->setShortcutContext(Qt::WidgetShortcut);
    m_list->addAction(space);
    connect(space, &QAction::triggered, this, &TalksPanel::toggleVoteOnSelected);
    connect(m_list, &QListView::doubleClicked, this, &TalksPanel::toggleVoteOnSelected);
    connect(m_vote, &QPushButton::clicked, this, &TalksPanel::toggleVoteOnSelected);
    connect(propose, &QPushButton::clicked, this, &TalksPanel::propose);
    connect(m_edit, &QPushButton::clicked, this, &TalksPanel::editSelected);
    connect(m_withdraw, &QPushButton::clicked, this, &TalksPanel::withdrawSelected);
    connect(m_toggleVoting, &QPushButton::clicked, this, &TalksPanel::toggleVoting);
    connect(m_hide, &QPushButton::clicked, this, &TalksPanel::hideSelected);
    connect(exportButton, &QPushButton::clicked, this, &TalksPanel::exportResults);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &TalksPanel::updateActions);
    connect(m_talks, &TalksModel::votingOpenChanged, this, &TalksPanel::updateActions);
    connect(m_talks, &QAbstractItemModel::dataChanged, this, &TalksPanel::updateActions);
    connect(client, &HallwayClient::signedIn, this, &TalksPanel::updateActions);
    connect(m_actions, &TalkActions::voteRejected, this, [this](const Error &error) {
        showError(tr("Your vote was not counted: %1").arg(Hallway::errorText(error)));
    });
    connect(m_actions, &TalkActions::proposalRejected, this, [this](const Error &error) {
        showError(tr("Your talk was not proposed: %1").arg(Hallway::errorText(error)));
    });
    updateActions();
}

QString TalksPanel::stateText() const
{
    return m_state->text();
}

QString TalksPanel::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

qint64 TalksPanel::selectedTalk() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() ? current.data(TalksModel::TalkIdRole).toLongLong() : 0;
}

void TalksPanel::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void TalksPanel::updateActions()
{
    const bool open = m_talks->votingOpen();
    const QModelIndex current = m_list->currentIndex();
    // A proposal the server does not have yet can be neither voted on nor changed.
    const bool stored = current.isValid() && !current.data(TalksModel::PendingRole).toBool();
    const bool mine = stored && current.data(TalksModel::IsMineRole).toBool();
    const bool voted = current.isValid() && current.data(TalksModel::VotedByMeRole).toBool();
    m_state->setText(open ? tr("<b>Voting is open.</b> Vote for the talks you want to see.")
                          : tr("<b>Voting is closed.</b>"));
    m_vote->setEnabled(open && stored);
    m_vote->setText(voted ? tr("Take back &vote") : tr("&Vote"));
    m_edit->setEnabled(open && mine);
    m_withdraw->setEnabled(open && mine);
    m_moderation->setVisible(m_client->currentUser().role == Role::Moderator);
    m_toggleVoting->setText(open ? tr("&Close voting") : tr("&Open voting"));
    m_hide->setEnabled(stored);
}

void TalksPanel::toggleVoteOnSelected()
{
    const qint64 talk = selectedTalk();
    if (talk <= 0 || !m_talks->votingOpen())
        return;
    showError(QString());
    m_actions->toggleVote(talk);
}

void TalksPanel::propose()
{
    TalkDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_actions->propose(dialog.title(), dialog.abstract());
}

void TalksPanel::editSelected()
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid())
        return;
    TalkDialog dialog(this);
    dialog.setTalk(current.data(TalksModel::TitleRole).toString(),
                   current.data(TalksModel::AbstractRole).toString());
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_actions->edit(selectedTalk(), dialog.title(), dialog.abstract(), [this](const Status &done) {
        if (!done)
            showError(tr("Your talk was not changed: %1").arg(Hallway::errorText(done.error())));
    });
}

void TalksPanel::withdrawSelected()
{
    const qint64 talk = selectedTalk();
    if (talk == 0
        || QMessageBox::question(
                   this, tr("Withdraw your talk"),
                   tr("Withdraw \"%1\"? Its votes are lost.")
                           .arg(m_list->currentIndex().data(TalksModel::TitleRole).toString()))
                != QMessageBox::Yes)
        return;
    m_actions->withdraw(talk, [this](const Status &done) {
        if (!done)
            showError(tr("Your talk was not withdrawn: %1").arg(Hallway::errorText(done.error())));
    });
}

void TalksPanel::toggleVoting()
{
    m_actions->setVotingOpen(!m_talks->votingOpen(), [this](const Status &done) {
        if (!done)
            showError(Hallway::errorText(done.error()));
    });
}

void TalksPanel::hideSelected()
{
    const qint64 talk = selectedTalk();
    if (talk == 0)
        return;
    m_actions->setHidden(talk, true, [this](const Status &done) {
        if (!done)
            showError(Hallway::errorText(done.error()));
    });
}

void TalksPanel::exportResults()
{
    const QString path = QFileDialog::getSaveFileName(
            this, tr("Export results"), tr("talk-results.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    m_actions->exportResults([this, path](const Expected<QString> &results) {
        if (!results)
            return showError(tr("The results could not be exported: %1")
                                     .arg(Hallway::errorText(results.error())));
        QFile file(path);
        const QByteArray csv = results->toUtf8();
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(csv) != csv.size())
            return showError(tr("Cannot write %1: %2").arg(path, file.errorString()));
        showError(QString());
    });
}

} // namespace Hallway
