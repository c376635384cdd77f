// SPDX-License-Identifier: MIT
#include "talkspanel.h"
#include "appearance.h"
#include "errortext.h"
#include "hallwayclient.h"
#include "talkactions.h"
#include "talkdelegate.h"
#include "talkdialog.h"
#include "talksmodel.h"

#include <QAction>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTextBrowser>
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
    m_state->setWordWrap(true);
    m_list = new QListView;
    m_list->setObjectName(QStringLiteral("talkList"));
    m_list->setModel(m_ranking);
    m_list->setItemDelegate(new TalkDelegate(m_talks, m_list));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setAccessibleName(tr("Lightning talks by votes"));
    m_list->installEventFilter(this);
    m_empty = new QLabel;
    m_empty->setObjectName(QStringLiteral("talksEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_listOrEmpty = new QStackedWidget;
    m_listOrEmpty->addWidget(m_list);
    m_listOrEmpty->addWidget(m_empty);
    // The selected talk in full: the list has room for a title only.
    m_details = new QTextBrowser;
    m_details->setObjectName(QStringLiteral("talkDetails"));
    m_details->setAccessibleName(tr("Selected talk"));
    m_details->setOpenLinks(false);
    m_details->setFrameShape(QFrame::NoFrame);
    auto *split = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("talksSplitter"));
    split->setChildrenCollapsible(false);
    split->addWidget(m_listOrEmpty);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("talksError"));
    m_error->setWordWrap(true);
    Appearance::markAsError(m_error);
    m_error->hide();

    // Mnemonics clear of the main window's menus and tabs (H, W, V, F, U, T, C, M).
    m_vote = new QPushButton(tr("V&ote"));
    m_vote->setObjectName(QStringLiteral("voteButton"));
    m_vote->setToolTip(tr("Vote for the selected talk, or take your vote back (Space)"));
    auto *propose = new QPushButton(tr("Propo&se a talk..."));
    m_propose = propose;
    propose->setObjectName(QStringLiteral("proposeButton"));
    m_edit = new QPushButton(tr("&Edit..."));
    m_withdraw = new QPushButton(tr("W&ithdraw"));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_vote, propose, m_edit, m_withdraw})
        buttons->addWidget(button);
    buttons->addStretch();

    m_moderation = new QWidget;
    auto *moderation = new QHBoxLayout(m_moderation);
    moderation->setContentsMargins(0, 0, 0, 0);
    m_toggleVoting = new QPushButton;
    m_toggleVoting->setObjectName(QStringLiteral("toggleVotingButton"));
    m_hide = new QPushButton(tr("Hide tal&k"));
    m_hide->setObjectName(QStringLiteral("hideTalkButton"));
    auto *exportButton = new QPushButton(tr("E&xport results..."));
    exportButton->setObjectName(QStringLiteral("exportButton"));
    for (QPushButton *button : {m_toggleVoting, m_hide, exportButton})
        moderation->addWidget(button);
    moderation->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(split, 1);
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
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &TalksPanel::updateDetails);
    connect(m_talks, &TalksModel::votingOpenChanged, this, &TalksPanel::updateActions);
    connect(m_talks, &TalksModel::votingOpenChanged, this, &TalksPanel::updateEmptyState);
    connect(m_talks, &QAbstractItemModel::dataChanged, this, &TalksPanel::updateActions);
    connect(m_talks, &QAbstractItemModel::dataChanged, this, &TalksPanel::updateDetails);
    for (const auto signal :
         {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_ranking, signal, this, &TalksPanel::updateEmptyState);
        connect(m_ranking, signal, this, &TalksPanel::updateDetails);
    }
    connect(m_ranking, &QAbstractItemModel::modelReset, this, &TalksPanel::updateEmptyState);
    connect(m_ranking, &QAbstractItemModel::modelReset, this, &TalksPanel::updateDetails);
    connect(client, &HallwayClient::signedIn, this, &TalksPanel::updateActions);
    connect(m_actions, &TalkActions::voteRejected, this, [this](const Error &error) {
        showError(tr("Your vote was not counted: %1").arg(Hallway::errorText(error)));
    });
    connect(m_actions, &TalkActions::proposalRejected, this, [this](const Error &error) {
        showError(tr("Your talk was not proposed: %1").arg(Hallway::errorText(error)));
    });
    updateActions();
    updateEmptyState();
    updateDetails();
}

QString TalksPanel::detailsText() const
{
    return m_details->toPlainText();
}

QString TalksPanel::emptyText() const
{
    return m_listOrEmpty->currentWidget() == m_empty ? m_empty->text() : QString();
}

bool TalksPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Enter and Space act on the current row: give the list one as it gets focus.
    if (watched == m_list && event->type() == QEvent::FocusIn && !m_list->currentIndex().isValid()
        && m_ranking->rowCount() > 0)
        m_list->setCurrentIndex(m_ranking->index(0, 0));
    return QWidget::eventFilter(watched, event);
}

void TalksPanel::updateEmptyState()
{
    // No talk, nothing to show in full: the empty state has the panel to itself.
    m_details->setVisible(m_ranking->rowCount() > 0);
    if (m_ranking->rowCount() > 0) {
        m_listOrEmpty->setCurrentWidget(m_list);
        return;
    }
    m_empty->setText(m_talks->votingOpen()
                             ? tr("No talks proposed yet. Propose one with \"%1\" (%2) below.")
                                       .arg(QString(m_propose->text()).remove(u'&'),
                                            QKeySequence::mnemonic(m_propose->text())
                                                    .toString(QKeySequence::NativeText))
                             : tr("No talks proposed yet, and voting is closed."));
    // The list keeps the focus it had: it comes back with the first talk.
    m_listOrEmpty->setCurrentWidget(m_empty);
}

void TalksPanel::updateDetails()
{
    const QModelIndex current = m_list->currentIndex();
    QString html;
    if (!current.isValid()) {
        html = QStringLiteral("<p><i>%1</i></p>")
                       .arg(m_ranking->rowCount() > 0
                                    ? tr("Select a talk to read its abstract.")
                                    : tr("The talk you select is shown here in full."));
    } else {
        const qint64 votes = current.data(TalksModel::VotesRole).toLongLong();
        const bool voted = current.data(TalksModel::VotedByMeRole).toBool();
        QString abstract = current.data(TalksModel::AbstractRole).toString().toHtmlEscaped();
        abstract.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        if (abstract.isEmpty())
            abstract = QStringLiteral("<i>%1</i>").arg(tr("The speaker wrote no abstract."));
        const QString tally = voted
                ? tr("%n vote(s), yours among them", nullptr, static_cast<int>(votes))
                : tr("%n vote(s)", nullptr, static_cast<int>(votes));
        const QString speaker = tr("by %1").arg(
                current.data(TalksModel::SpeakerNameRole).toString().toHtmlEscaped());
        html = QStringLiteral("<h3>%1</h3><p>%2<br>%3</p><p>%4</p>")
                       .arg(current.data(TalksModel::TitleRole).toString().toHtmlEscaped(), speaker,
                            tally, abstract);
    }
    // Tallies move all the time: someone reading a long abstract keeps their place.
    if (html == m_detailsHtml)
        return;
    const bool sameTalk = m_detailsTalk == selectedTalk();
    const int position = m_details->verticalScrollBar()->value();
    m_detailsHtml = html;
    m_detailsTalk = selectedTalk();
    m_details->setHtml(html);
    if (sameTalk)
        m_details->verticalScrollBar()->setValue(position);
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
    m_state->setText(open ? tr("<b>Voting is open.</b> Vote for the talks you want to see; "
                               "\u2713 marks your votes.")
                          : tr("<b>Voting is closed.</b> \u2713 marks your votes."));
    m_vote->setEnabled(open && stored);
    m_vote->setText(voted ? tr("Take back v&ote") : tr("V&ote"));
    m_edit->setEnabled(open && mine);
    m_withdraw->setEnabled(open && mine);
    m_moderation->setVisible(m_client->currentUser().role == Role::Moderator);
    m_toggleVoting->setText(open ? tr("Close votin&g") : tr("Open votin&g"));
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
