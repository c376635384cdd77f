// SPDX-License-Identifier: MIT
#include "mainwindow.h"
#include "announcementbar.h"
#include "changepassworddialog.h"
#include "chatpanel.h"
#include "connectionbar.h"
#include "conversationsmodel.h"
#include "factcomposer.h"
#include "factdelegate.h"
#include "factfeedmodel.h"
#include "hubpanel.h"
#include "hubsmodel.h"
#include "moderationpanel.h"
#include "presencedelegate.h"
#include "presencemodel.h"
#include "profilepanel.h"
#include "roominfodialog.h"
#include "session.h"
#include "talkspanel.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
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
    resize(900, 600);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->show();
    }
    addDockWidget(Qt::LeftDockWidgetArea, buildOnlineDock());
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
}

// Who's online, docked on the left.
QDockWidget *MainWindow::buildOnlineDock()
{
    auto *onlinePanel = new QWidget;
    auto *onlineLayout = new QVBoxLayout(onlinePanel);
    m_onlineCount = new QLabel;
    m_onlineCount->setObjectName(QStringLiteral("onlineCount"));
    m_onlineList = new QListView;
    m_onlineList->setObjectName(QStringLiteral("onlineList"));
    m_onlineList->setModel(m_presence);
    m_onlineList->setItemDelegate(new PresenceDelegate(m_onlineList));
    m_onlineList->setUniformItemSizes(true);
    m_onlineList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_onlineList->setAccessibleName(tr("People online"));
    onlineLayout->addWidget(m_onlineCount);
    onlineLayout->addWidget(m_onlineList);
    auto *dock = new QDockWidget(tr("Who's online"), this);
    dock->setObjectName(QStringLiteral("onlineDock"));
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    dock->setWidget(onlinePanel);
    return dock;
}

// The room itself: your composer and the community feed.
QWidget *MainWindow::buildRoomTab()
{
    auto *room = new QWidget;
    auto *roomLayout = new QVBoxLayout(room);
    m_notice = new QLabel;
    m_notice->setObjectName(QStringLiteral("keychainNotice"));
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(QStringLiteral("background: #fff4d6; border: 1px solid #e0c060; "
                                           "border-radius: 4px; padding: 8px;"));
    m_notice->hide();
    m_welcome = new QLabel;
    m_welcome->setObjectName(QStringLiteral("welcome"));
    m_welcome->setWordWrap(true);
    m_welcome->setTextFormat(Qt::RichText);
    m_composer = new FactComposer(m_client);
    auto *feedTitle = new QLabel(tr("<b>Latest from everyone</b>"));
    m_communityList = new QListView;
    m_communityList->setObjectName(QStringLiteral("communityFeed"));
    m_communityList->setModel(&m_session->communityFeed());
    auto *factDelegate = new FactDelegate(true, m_communityList);
    m_communityList->setItemDelegate(factDelegate);
    m_communityList->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_communityList->setWordWrap(true);
    m_communityList->setMouseTracking(true);
    m_communityList->setAccessibleName(tr("Latest facts from everyone"));
    roomLayout->addWidget(m_notice);
    roomLayout->addWidget(m_welcome);
    roomLayout->addWidget(m_composer);
    roomLayout->addWidget(feedTitle);
    roomLayout->addWidget(m_communityList, 1);
    // Names are links: click an author, or Enter on a fact.
    connect(factDelegate, &FactDelegate::authorClicked, this, &MainWindow::openProfile);
    connect(m_communityList, &QListView::activated, this, [this](const QModelIndex &index) {
        openProfile(index.data(FactFeedModel::AuthorIdRole).toLongLong());
    });
    return room;
}

// The feed, hubs, talks and chat as tabs (and the moderators' desk, for moderators).
QTabWidget *MainWindow::buildTabs()
{
    m_talksPanel = new TalksPanel(m_client);
    m_conversations = &m_session->conversations();
    m_chatPanel = new ChatPanel(m_client, m_conversations);
    m_hubs = &m_session->hubs();
    m_hubPanel = new HubPanel(m_client, m_hubs, m_presence);
    m_moderationPanel = new ModerationPanel(m_client);
    auto *tabs = new QTabWidget;
    m_tabs = tabs;
    tabs->setObjectName(QStringLiteral("centralTabs"));
    tabs->addTab(buildRoomTab(), tr("&Feed"));
    tabs->addTab(m_hubPanel, tr("H&ubs"));
    tabs->addTab(m_talksPanel, tr("Lightning &talks"));
    tabs->addTab(m_chatPanel, tr("&Chat"));
    connect(m_conversations, &ConversationsModel::totalUnreadChanged, this, [this](qint64 unread) {
        m_tabs->setTabText(m_tabs->indexOf(m_chatPanel),
                           unread > 0 ? tr("&Chat (%1)").arg(unread) : tr("&Chat"));
    });
    connect(m_hubPanel, &HubPanel::userActivated, this, &MainWindow::openProfile);
    connect(m_moderationPanel, &ModerationPanel::reported, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    // A desktop notification when a message arrives and the window is not in front.
    connect(m_conversations, &ConversationsModel::messageReceived, this,
            [this](const ChatMessage &message, const QString &sender) {
                if (m_tray && !isActiveWindow() && notificationsEnabled())
                    m_tray->showMessage(tr("Message from %1").arg(sender), message.text.left(200));
            });
    return tabs;
}

// The tabs beside whoever's profile you opened, under the bars that must not be missed.
QWidget *MainWindow::buildCentral()
{
    m_profile = new ProfilePanel(m_client, m_presence);
    m_profile->hide();
    auto *splitter = new QSplitter;
    splitter->addWidget(buildTabs());
    splitter->addWidget(m_profile);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    // The moderators' announcements sit above everything else.
    m_announcementBar = new AnnouncementBar(m_client);
    connect(m_announcementBar, &AnnouncementBar::announced, this,
            [this](const Announcement &announcement) {
                if (m_tray && !isActiveWindow() && notificationsEnabled())
                    m_tray->showMessage(
                            tr("Announcement from %1").arg(announcement.author.displayName),
                            announcement.text.left(200));
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
    // Names in who's online are links (click, or Enter on the row).
    for (const auto signal : {&QListView::clicked, &QListView::activated}) {
        connect(m_onlineList, signal, this, [this](const QModelIndex &index) {
            openProfile(index.data(PresenceModel::UserIdRole).toLongLong());
        });
    }
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
    // Moderators hide facts from the feed's context menu.
    m_communityList->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_communityList, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const QModelIndex index = m_communityList->indexAt(at);
        if (!index.isValid() || !m_client->isModerator()
            || index.data(FactFeedModel::PendingRole).toBool())
            return;
        const qint64 factId = index.data(FactFeedModel::FactIdRole).toLongLong();
        QMenu menu;
        menu.addAction(tr("&Hide this fact from everyone"), this,
                       [this, factId]() { m_moderationPanel->hideFact(factId, true); });
        menu.exec(m_communityList->viewport()->mapToGlobal(at));
    });
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

void MainWindow::buildMenus()
{
    QMenu *hallwayMenu = menuBar()->addMenu(tr("&Hallway"));
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
    m_notifyAction->setChecked(
            QSettings().value(QStringLiteral("notifications/enabled"), true).toBool());
    connect(m_notifyAction, &QAction::toggled, this,
            [](bool on) { QSettings().setValue(QStringLiteral("notifications/enabled"), on); });
    m_roomInfoAction = hallwayMenu->addAction(tr("About this &room..."), this, [this]() {
        RoomInfoDialog dialog(m_hostedAddress, m_hostedOnNetwork, m_hostedDatabase, this);
        dialog.exec();
    });
    m_roomInfoAction->setObjectName(QStringLiteral("roomInfoAction"));
    m_roomInfoAction->setVisible(false);
    hallwayMenu->addAction(tr("Connect to another &server..."), this,
                           &MainWindow::switchServerRequested);
    hallwayMenu->addSeparator();
    QAction *signOut = hallwayMenu->addAction(tr("Sign &out"), this, &MainWindow::signOutRequested);
    signOut->setObjectName(QStringLiteral("signOutAction"));
    hallwayMenu->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

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
    m_moderationPanel->setActive(moderator);
}

void MainWindow::openProfile(qint64 userId)
{
    if (userId <= 0)
        return;
    m_profile->showUser(userId);
    m_profile->show();
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
    return m_notifyAction->isChecked();
}

void MainWindow::showTalks()
{
    auto *tabs = findChild<QTabWidget *>(QStringLiteral("centralTabs"));
    tabs->setCurrentWidget(m_talksPanel);
}

void MainWindow::closeProfile()
{
    m_profile->hide();
    m_composer->setFocus();
}

void MainWindow::showKeychainNotice()
{
    m_notice->setText(tr("Hallway cannot use this computer's keychain, so it cannot remember "
                         "your sign-in. You stay signed in until you quit, and will be asked "
                         "for your password next time."));
    m_notice->show();
}

void MainWindow::setHostedRoom(const QString &address, bool onNetwork, const QString &databasePath)
{
    m_hostedAddress = address;
    m_hostedOnNetwork = onNetwork;
    m_hostedDatabase = databasePath;
    m_hostStatus->setText(address.isEmpty() ? QString() : tr("Hosting a room at %1").arg(address));
    m_hostStatus->setVisible(!address.isEmpty());
    m_roomInfoAction->setVisible(!address.isEmpty());
}

QString MainWindow::connectionStatusText() const
{
    return m_connectionStatus->text();
}

void MainWindow::updateIdentity()
{
    const UserInfo &user = m_client->currentUser();
    // While not connected the list is what it was, not who is here.
    m_onlineCount->setText(m_presence->isKnown() ? tr("%n online", nullptr, m_presence->rowCount())
                                                 : tr("Not connected"));
    if (user.id == 0) {
        m_welcome->setText(QString());
        return;
    }
    m_welcome->setText(tr("<h3>Welcome, %1</h3>Everyone who is here right now is listed on the "
                          "left; click a name to see what they shared.")
                               .arg(user.displayName.toHtmlEscaped()));
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
