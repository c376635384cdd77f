// SPDX-License-Identifier: MIT
#include "mainwindow.h"
#include "announcementbar.h"
#include "appearance.h"
#include "changepassworddialog.h"
#include "chatpanel.h"
#include "connectionbar.h"
#include "conversationsmodel.h"
#include "desktopnotifier.h"
#include "factcomposer.h"
#include "factdelegate.h"
#include "factfeedmodel.h"
#include "feedpanel.h"
#include "hubpanel.h"
#include "hubsmodel.h"
#include "invitelink.h"
#include "moderationpanel.h"
#include "onlinepanel.h"
#include "presencemodel.h"
#include "profilepanel.h"
#include "roominfodialog.h"
#include "session.h"
#include "talkspanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Hallway {

MainWindow::MainWindow(Session *session, QWidget *parent)
    : QMainWindow(parent),
      m_session(session),
      m_client(&session->client()),
      m_presence(&session->presence())
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Hallway"));
    m_notifier = new DesktopNotifier(this);
    m_onlineDock = buildOnlineDock();
    addDockWidget(Qt::LeftDockWidgetArea, m_onlineDock);
    setCentralWidget(buildCentral());
    buildPeopleMenus();
    buildStatusBar();
    buildMenus();
    followSession();
    updateStatus();
    updateIdentity();
    // However the session began (a password, a remembered token, a new account), the role
    // may be known already.
    updateModeratorTools();
    restoreLayout();
}

MainWindow::~MainWindow()
{
    // Signing out or switching server deletes the window without closing it.
    saveLayout();
}

bool MainWindow::mayLoseUnsentChanges()
{
    // Writes not sent yet are normally kept on disk for the next sign-in; if they could not
    // be, leaving now loses them: ask.
    const int pending = m_client->pendingWriteCount();
    if (pending == 0 || m_client->outboxSaveError().isEmpty())
        return true;
    QMessageBox ask(QMessageBox::Warning, tr("Leave and lose changes?"),
                    tr("%n unsent change(s) could not be kept on this computer (%1) and would "
                       "be lost if you left now.",
                       nullptr, pending)
                            .arg(m_client->outboxSaveError()),
                    QMessageBox::NoButton, this);
    ask.setObjectName(QStringLiteral("unsentChangesQuestion"));
    QPushButton *leave = ask.addButton(tr("&Leave anyway"), QMessageBox::DestructiveRole);
    QPushButton *stay = ask.addButton(tr("&Stay until they are sent"), QMessageBox::RejectRole);
    ask.setDefaultButton(stay);
    ask.exec();
    return ask.clickedButton() == leave;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Quit closes every window first, so this asks for it too.
    if (!mayLoseUnsentChanges()) {
        event->ignore();
        return;
    }
    saveLayout();
    QMainWindow::closeEvent(event);
}

namespace {
const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
const QString SplitterKey = QStringLiteral("window/splitter");
const QString TabKey = QStringLiteral("window/tab");
} // namespace

// The layout belongs to the person at this computer, not to a room or an account.
void MainWindow::restoreLayout()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(GeometryKey).toByteArray()))
        resize(960, 640);
    // Who's online keeps the width it was given, whatever opens beside the tabs.
    if (!restoreState(settings.value(StateKey).toByteArray()))
        resizeDocks({m_onlineDock}, {220}, Qt::Horizontal);
    const QString tab = settings.value(TabKey).toString();
    for (int index = 0; index < m_tabs->count(); ++index) {
        if (m_tabs->widget(index)->objectName() == tab)
            m_tabs->setCurrentIndex(index);
    }
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    if (m_profile->isVisible()) {
        const QList<int> sizes = m_splitter->sizes();
        settings.setValue(SplitterKey, QVariantList{sizes.at(0), sizes.at(1)});
    }
    settings.setValue(TabKey, m_tabs->currentWidget()->objectName());
}

// Who's online, docked on the left.
QDockWidget *MainWindow::buildOnlineDock()
{
    m_onlinePanel = new OnlinePanel(m_client, m_presence);
    m_onlineList = m_onlinePanel->list();
    auto *dock = new QDockWidget(tr("Who's online"), this);
    dock->setObjectName(QStringLiteral("onlineDock"));
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    dock->setWidget(m_onlinePanel);
    return dock;
}

// The room itself: your composer and the community feed.
QWidget *MainWindow::buildRoomTab()
{
    m_feedPanel = new FeedPanel(m_client, &m_session->communityFeed());
    m_composer = m_feedPanel->composer();
    m_communityList = m_feedPanel->list();
    connect(m_feedPanel, &FeedPanel::authorActivated, this, &MainWindow::openProfile);
    return m_feedPanel;
}

// The feed, hubs, talks and chat as tabs (and the moderators' desk, for moderators).
QTabWidget *MainWindow::buildTabs()
{
    m_talksPanel = new TalksPanel(m_client);
    m_conversations = &m_session->conversations();
    m_chatPanel = new ChatPanel(m_client, m_conversations);
    m_hubs = &m_session->hubs();
    m_hubPanel = new HubPanel(m_client, m_hubs, m_presence);
    // Owned by the window even while it is not a tab (an attendee's window never shows it).
    m_moderationPanel = new ModerationPanel(m_client, this);
    m_moderationPanel->hide();
    auto *tabs = new QTabWidget;
    m_tabs = tabs;
    tabs->setObjectName(QStringLiteral("centralTabs"));
    tabs->setAccessibleName(tr("Sections of the room"));
    QWidget *room = buildRoomTab();
    room->setObjectName(QStringLiteral("feedTab")); // the last tab is remembered by name
    tabs->addTab(room, tr("&Feed"));
    tabs->addTab(m_hubPanel, tr("H&ubs"));
    tabs->addTab(m_talksPanel, tr("Lightning &talks"));
    tabs->addTab(m_chatPanel, tr("&Chat"));
    connect(m_conversations, &ConversationsModel::totalUnreadChanged, this, [this](qint64 unread) {
        m_tabs->setTabText(m_tabs->indexOf(m_chatPanel),
                           unread > 0 ? tr("&Chat (%1)").arg(unread) : tr("&Chat"));
    });
    connect(m_hubPanel, &HubPanel::userActivated, this, &MainWindow::openProfile);
    connect(tabs, &QTabWidget::currentChanged, this, &MainWindow::updateProfileVisibility);
    connect(m_moderationPanel, &ModerationPanel::reported, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    // A desktop notification when a message arrives and the window is not in front.
    connect(m_conversations, &ConversationsModel::messageReceived, this,
            [this](const ChatMessage &message, const QString &sender) {
                m_notifier->notify(tr("Message from %1").arg(sender), message.text);
            });
    return tabs;
}

// The tabs beside whoever's profile you opened, under the bars that must not be missed.
QWidget *MainWindow::buildCentral()
{
    m_profile = new ProfilePanel(m_client, m_presence);
    m_profile->hide();
    // The profile shares the width the tabs have: opening one never widens the window.
    m_profile->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_profile->setMinimumWidth(0);
    auto *splitter = new QSplitter;
    m_splitter = splitter;
    splitter->setObjectName(QStringLiteral("profileSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildTabs());
    splitter->addWidget(m_profile);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    // The moderators' announcements sit above everything else.
    m_announcementBar = new AnnouncementBar(m_client);
    connect(m_announcementBar, &AnnouncementBar::announced, this,
            [this](const Announcement &announcement) {
                m_notifier->notify(tr("Announcement from %1").arg(announcement.author.displayName),
                                   announcement.text);
            });
    // Above them, whenever it is not simply online, the state of the connection.
    m_connectionBar = new ConnectionBar(m_client);
    connect(m_connectionBar, &ConnectionBar::signInRequested, this, &MainWindow::signInRequested);
    auto *central = new QWidget;
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->addWidget(m_connectionBar);
    centralLayout->addWidget(m_announcementBar);
    centralLayout->addWidget(splitter, 1);
    connect(m_profile, &ProfilePanel::closeRequested, this, &MainWindow::closeProfile);
    connect(m_profile, &ProfilePanel::messageRequested, this, &MainWindow::messageUser);
    auto *escape = new QAction(this);
    escape->setShortcut(Qt::Key_Escape);
    escape->setShortcutContext(Qt::WindowShortcut);
    connect(escape, &QAction::triggered, this, &MainWindow::closeProfile);
    addAction(escape);
    return central;
}

// Who's online: a person's profile on click, and a menu of what can be done with them.
void MainWindow::buildPeopleMenus()
{
    // Names in who's online are links (click, Enter or Space on the row, Enter in the filter).
    connect(m_onlinePanel, &OnlinePanel::personActivated, this, &MainWindow::openProfile);
    m_onlineList->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_onlineList, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const QModelIndex index = m_onlineList->indexAt(at);
        if (!index.isValid())
            return;
        const qint64 userId = index.data(PresenceModel::UserIdRole).toLongLong();
        const QString name = index.data(PresenceModel::DisplayNameRole).toString();
        QMenu menu;
        menu.addAction(tr("Send a &message"), this, [this, userId, name]() {
                messageUser(userId, name);
            })->setEnabled(userId != m_client->currentUser().id);
        menu.addAction(tr("View &profile"), this, [this, userId]() { openProfile(userId); });
        if (m_client->isModerator() && userId != m_client->currentUser().id)
            addModeratorActions(&menu, userId, name,
                                index.data(PresenceModel::IsModeratorRole).toBool());
        menu.exec(m_onlineList->viewport()->mapToGlobal(at));
    });
    // The feed's own menu (moderators hide facts there) is FeedPanel's.
}

// The status bar: the connection state, always visible, and the hosted room if any.
void MainWindow::buildStatusBar()
{
    m_connectionStatus = new QLabel;
    m_connectionStatus->setObjectName(QStringLiteral("connectionStatus"));
    m_hostStatus = new QLabel;
    m_hostStatus->setObjectName(QStringLiteral("hostStatus"));
    m_hostStatus->hide();
    statusBar()->addWidget(m_connectionStatus, 1);
    statusBar()->addPermanentWidget(m_hostStatus);
}

// View: the tabs by number, finding a person, and the look.
void MainWindow::buildViewMenu()
{
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    const QList<std::pair<QWidget *, QString>> pages = {
            {m_tabs->widget(0), tr("&Feed")},       {m_hubPanel, tr("&Hubs")},
            {m_talksPanel, tr("Lightning &talks")}, {m_chatPanel, tr("&Chat")},
            {m_moderationPanel, tr("&Moderation")},
    };
    int number = 1;
    for (const auto &[page, label] : pages) {
        QAction *action = viewMenu->addAction(label, this, [this, page = page]() {
            if (m_tabs->indexOf(page) >= 0)
                m_tabs->setCurrentWidget(page);
        });
        action->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_0 + number++)));
        if (page == m_moderationPanel)
            m_moderationViewAction = action;
    }
    viewMenu->addSeparator();
    QAction *find = viewMenu->addAction(tr("Find a &person"), this, &MainWindow::findPerson);
    find->setObjectName(QStringLiteral("findPersonAction"));
    find->setShortcut(tr("Ctrl+K"));
    viewMenu->addSeparator();
    m_highContrastAction = viewMenu->addAction(tr("High co&ntrast"));
    m_highContrastAction->setObjectName(QStringLiteral("highContrastAction"));
    m_highContrastAction->setCheckable(true);
    m_highContrastAction->setChecked(Appearance::isHighContrast());
    connect(m_highContrastAction, &QAction::toggled, this,
            [](bool on) { Appearance::setHighContrast(on); });
}

void MainWindow::findPerson()
{
    m_onlineDock->show();
    m_onlineDock->raise();
    QLineEdit *filter = m_onlinePanel->filterBox();
    filter->setFocus(Qt::ShortcutFocusReason);
    filter->selectAll();
}

void MainWindow::buildMenus()
{
    // Alt+W: Alt+H is Help's, as everywhere else.
    QMenu *hallwayMenu = menuBar()->addMenu(tr("Hall&way"));
    m_awayAction = hallwayMenu->addAction(tr("Appear &away"));
    m_awayAction->setObjectName(QStringLiteral("awayAction"));
    m_awayAction->setCheckable(true);
    m_awayAction->setShortcut(tr("Ctrl+Shift+A"));
    connect(m_awayAction, &QAction::toggled, this, [this](bool away) {
        m_client->setPresenceState(away ? PresenceState::Away : PresenceState::Online);
    });
    hallwayMenu->addAction(tr("&Change password..."), this, [this]() {
        ChangePasswordDialog dialog(m_client, this);
        if (dialog.exec() == QDialog::Accepted)
            statusBar()->showMessage(tr("Password changed."), 5000);
    });
    m_notifyAction = hallwayMenu->addAction(tr("Desktop &notifications"));
    m_notifyAction->setObjectName(QStringLiteral("notifyAction"));
    m_notifyAction->setCheckable(true);
    m_notifyAction->setChecked(DesktopNotifier::isEnabled());
    connect(m_notifyAction, &QAction::toggled, this, &DesktopNotifier::setEnabled);
    m_roomInfoAction = hallwayMenu->addAction(tr("About this &room..."), this, [this]() {
        RoomInfoDialog dialog(m_hostedAddress, m_hostedOnNetwork, m_hostedDatabase, this);
        dialog.exec();
    });
    m_roomInfoAction->setObjectName(QStringLiteral("roomInfoAction"));
    m_roomInfoAction->setVisible(false);
    m_copyInviteAction = hallwayMenu->addAction(tr("Copy &invite link"), this, [this]() {
        const QString link = InviteLink::to(QUrl(m_hostedAddress));
        QGuiApplication::clipboard()->setText(link);
        statusBar()->showMessage(tr("Invite link copied: %1").arg(link), 5000);
    });
    m_copyInviteAction->setObjectName(QStringLiteral("copyInviteAction"));
    m_copyInviteAction->setVisible(false);
    hallwayMenu->addAction(tr("Connect to another &server..."), this,
                           &MainWindow::switchServerRequested);
    hallwayMenu->addSeparator();
    QAction *signOut = hallwayMenu->addAction(tr("Sign &out"), this, &MainWindow::signOutRequested);
    signOut->setObjectName(QStringLiteral("signOutAction"));
    hallwayMenu->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

    buildViewMenu();

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Hallway"), this, [this]() {
        QMessageBox::about(this, tr("About Hallway"),
                           tr("<b>Hallway %1</b><p>See who is around at your conference, share "
                              "facts about yourself, chat, and vote on lightning talks.</p>")
                                   .arg(QApplication::applicationVersion()));
    });
    helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

// What the session tells, shown as it changes.
void MainWindow::followSession()
{
    connect(m_client, &HallwayClient::statusChanged, this, &MainWindow::updateStatus);
    connect(m_client, &HallwayClient::connectionStateChanged, this, &MainWindow::updateStatus);
    connect(m_client, &HallwayClient::signedIn, this, &MainWindow::updateIdentity);
    connect(m_client, &HallwayClient::signedIn, this, &MainWindow::updateModeratorTools);
    connect(m_client, &HallwayClient::signedOut, this, &MainWindow::updateModeratorTools);
    connect(m_client, &HallwayClient::writeDelayed, this,
            [this](const QString &, const QString &, qint64 waitMs) {
                statusBar()->showMessage(
                        tr("You are going a bit fast; it goes out in %n second(s).", nullptr,
                           static_cast<int>((waitMs + 999) / 1000)),
                        static_cast<int>(waitMs) + 2000);
            });
    connect(m_client, &HallwayClient::serverUnavailable, this, [this](const QString &, qint64) {
        statusBar()->showMessage(tr("The server cannot save anything right now; what you write "
                                    "goes out by itself as soon as it can."),
                                 10'000);
    });
    connect(m_client, &HallwayClient::currentUserChanged, this, [this](const UserInfo &user) {
        updateModeratorTools();
        statusBar()->showMessage(user.role == Role::Moderator
                                         ? tr("A moderator made you a moderator.")
                                         : tr("You are no longer a moderator."),
                                 10'000);
    });
    connect(m_presence, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateIdentity);
    connect(m_presence, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateIdentity);
    connect(m_presence, &QAbstractItemModel::modelReset, this, &MainWindow::updateIdentity);
}

void MainWindow::addModeratorActions(QMenu *menu, qint64 userId, const QString &name,
                                     bool isModerator)
{
    menu->addSeparator();
    if (isModerator) {
        menu->addAction(tr("Make an &attendee"), this, [this, userId, name]() {
            m_moderationPanel->setRole(userId, name, Role::Attendee);
        });
        return; // moderators are not muted or banned; make them attendees first
    }
    menu->addAction(tr("Make a mo&derator"), this, [this, userId, name]() {
        m_moderationPanel->setRole(userId, name, Role::Moderator);
    });
    QMenu *mute = menu->addMenu(tr("&Mute"));
    for (const int minutes : {5, 15, 60, 24 * 60}) {
        const QString label = minutes < 60 ? tr("For %n minute(s)", nullptr, minutes)
                                           : tr("For %n hour(s)", nullptr, minutes / 60);
        mute->addAction(label, this, [this, userId, name, minutes]() {
            m_moderationPanel->muteUser(userId, name, minutes * 60);
        });
    }
    mute->addAction(tr("&Lift the mute"), this,
                    [this, userId, name]() { m_moderationPanel->muteUser(userId, name, 0); });
    menu->addAction(tr("&Ban..."), this, [this, userId, name]() {
        const auto answer = QMessageBox::warning(
                this, tr("Ban %1").arg(name),
                tr("Ban %1? They are disconnected at once and cannot sign in until a "
                   "moderator lifts the ban.")
                        .arg(name),
                QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer == QMessageBox::Yes)
            m_moderationPanel->banUser(userId, name, true);
    });
}

bool MainWindow::isModerationTabShown() const
{
    return m_tabs->indexOf(m_moderationPanel) >= 0;
}

void MainWindow::updateModeratorTools()
{
    const bool moderator = m_client->isModerator();
    const int index = m_tabs->indexOf(m_moderationPanel);
    if (moderator && index < 0)
        m_tabs->addTab(m_moderationPanel, tr("&Moderation"));
    else if (!moderator && index >= 0)
        m_tabs->removeTab(index);
    m_moderationViewAction->setVisible(moderator);
    m_moderationPanel->setActive(moderator);
}

void MainWindow::openProfile(qint64 userId)
{
    if (userId <= 0)
        return;
    m_profile->showUser(userId);
    const bool wasShown = m_profile->isVisible();
    m_profileTab = m_tabs->currentWidget();
    updateProfileVisibility();
    if (!wasShown) {
        // The share the person gave the profile last time, else two fifths. (Its size hint
        // is ignored, so that it never widens the window: the splitter would give it the
        // least it can take.)
        const QList<QVariant> widths = QSettings().value(SplitterKey).toList();
        double share = 0.4;
        if (widths.size() == 2 && widths.at(0).toInt() > 0 && widths.at(1).toInt() > 0)
            share = widths.at(1).toDouble() / (widths.at(0).toInt() + widths.at(1).toInt());
        const int width = m_splitter->width();
        const int profileWidth = static_cast<int>(width * std::clamp(share, 0.2, 0.6));
        m_splitter->setSizes({width - profileWidth, profileWidth});
    }
}

// A profile opened from a tab stays with it: other tabs get the whole width.
void MainWindow::updateProfileVisibility()
{
    m_profile->setVisible(m_profileTab && m_tabs->currentWidget() == m_profileTab);
}

void MainWindow::messageUser(qint64 userId, const QString &name)
{
    if (userId <= 0 || userId == m_client->currentUser().id)
        return;
    m_tabs->setCurrentWidget(m_chatPanel);
    m_chatPanel->openConversation(userId, name);
}

bool MainWindow::notificationsEnabled() const
{
    return DesktopNotifier::isEnabled();
}

void MainWindow::showTalks()
{
    auto *tabs = findChild<QTabWidget *>(QStringLiteral("centralTabs"));
    tabs->setCurrentWidget(m_talksPanel);
}

void MainWindow::closeProfile()
{
    if (m_profile->isVisible()) {
        const QList<int> sizes = m_splitter->sizes();
        QSettings().setValue(SplitterKey, QVariantList{sizes.at(0), sizes.at(1)});
    }
    m_profileTab = nullptr;
    m_profile->hide();
    m_composer->setFocus();
}

void MainWindow::showKeychainNotice()
{
    m_feedPanel->showKeychainNotice();
}

void MainWindow::setHostedRoom(const QString &address, bool onNetwork, const QString &databasePath)
{
    m_hostedAddress = address;
    m_hostedOnNetwork = onNetwork;
    m_hostedDatabase = databasePath;
    m_hostStatus->setText(address.isEmpty() ? QString() : tr("Hosting a room at %1").arg(address));
    m_hostStatus->setVisible(!address.isEmpty());
    m_roomInfoAction->setVisible(!address.isEmpty());
    m_copyInviteAction->setVisible(!address.isEmpty());
    m_hubPanel->setJoinAddress(onNetwork ? address : QString());
}

QString MainWindow::connectionStatusText() const
{
    return m_connectionStatus->text();
}

void MainWindow::updateIdentity()
{
    const UserInfo &user = m_client->currentUser();
    m_feedPanel->setWelcomeName(user.id == 0 ? QString() : user.displayName);
    if (user.id == 0)
        return;
    setWindowTitle(tr("Hallway - %1").arg(user.displayName));
}

void MainWindow::updateStatus()
{
    // The connection bar says the rest (the countdown, why, what to do).
    const QString server = m_client->serverUrl().toString();
    QString text;
    switch (m_client->status()) {
    case HallwayClient::Status::SignedOut:
        text = tr("Signed out");
        break;
    case HallwayClient::Status::SigningIn:
        text = tr("Connecting to %1...").arg(server);
        break;
    case HallwayClient::Status::Online:
        text = tr("Online as %1 at %2").arg(m_client->currentUser().username, server);
        break;
    case HallwayClient::Status::Reconnecting:
        text = tr("Not connected");
        break;
    }
    m_connectionStatus->setText(text);
    // A session that is over takes no more writing: the bar offers to sign in again.
    const auto state = m_client->connectionState();
    const bool over = state == HallwayClient::ConnectionState::SessionEnded
            || state == HallwayClient::ConnectionState::Banned
            || state == HallwayClient::ConnectionState::SignedOut;
    m_tabs->setEnabled(!over);
    m_awayAction->setEnabled(!over);
    updateIdentity();
}

} // namespace Hallway
