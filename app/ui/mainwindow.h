// SPDX-License-Identifier: MIT
#pragma once

#include "hallwayclient.h"

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QListView;
class QMenu;
class QSplitter;
class QTabWidget;

namespace Hallway {

class AnnouncementBar;
class ConnectionBar;
class FactComposer;
class FeedPanel;
class HubPanel;
class HubsModel;
class ModerationPanel;
class OnlinePanel;
class FactFeedModel;
class PresenceModel;
class ProfilePanel;
class Session;
class TalksPanel;
class ChatPanel;
class DesktopNotifier;
class ConversationsModel;

// The main window: who's online beside the room, the connection state in the status bar,
// and the session's actions in the menus. It shows what the client core knows; the
// decisions (sign in, host, remember) belong to HallwayApp.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Shows this session, for as long as it lives: a window is never handed another one.
    explicit MainWindow(Session *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    Session *session() const { return m_session; }
    // Before the session's window goes (closing, quitting, signing out, another room): true
    // unless unsent changes that could not be kept on disk would be lost and the person
    // chooses to stay.
    bool mayLoseUnsentChanges();

    // Shown once, when the OS has no keychain to remember the sign-in.
    // (The system's reason is in the log: it is in English, and for whoever fixes the keychain.)
    void showKeychainNotice();
    // The room this app hosts, if this window's session is in it: its address for others,
    // and where its database is. An empty address: not hosting.
    void setHostedRoom(const QString &address, bool onNetwork, const QString &databasePath);
    // Hallway > About this room: shown while hosting.
    QAction *roomInfoAction() const { return m_roomInfoAction; }
    QAction *copyInviteAction() const { return m_copyInviteAction; }
    QString connectionStatusText() const;
    ProfilePanel *profilePanel() const { return m_profile; }
    FactComposer *composer() const { return m_composer; }
    FeedPanel *feedPanel() const { return m_feedPanel; }
    TalksPanel *talksPanel() const { return m_talksPanel; }
    ChatPanel *chatPanel() const { return m_chatPanel; }
    HubPanel *hubPanel() const { return m_hubPanel; }
    ModerationPanel *moderationPanel() const { return m_moderationPanel; }
    AnnouncementBar *announcementBar() const { return m_announcementBar; }
    ConnectionBar *connectionBar() const { return m_connectionBar; }
    OnlinePanel *onlinePanel() const { return m_onlinePanel; }
    bool isModerationTabShown() const;
    // Opens the chat tab on a conversation with this person.
    void messageUser(qint64 userId, const QString &name);
    bool notificationsEnabled() const;
    void showTalks();
    // The tab the profile belongs to: it shows beside that tab only. Null when it is closed.
    QWidget *profileTab() const { return m_profileTab; }

public Q_SLOTS:
    void openProfile(qint64 userId);
    void closeProfile();

Q_SIGNALS:
    void signOutRequested();
    void switchServerRequested();
    // The session ended (signed out elsewhere, say) and the person wants to sign in again.
    void signInRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    // Window geometry, docks, the splitter and the last tab, as the person left them.
    void restoreLayout();
    void saveLayout() const;
    void updateProfileVisibility();
    QDockWidget *buildOnlineDock();
    QWidget *buildRoomTab();
    QTabWidget *buildTabs();
    QWidget *buildCentral();
    void buildPeopleMenus();
    void buildStatusBar();
    void buildMenus();
    void buildViewMenu();
    void findPerson();
    void followSession();
    void updateStatus();
    void updateIdentity();
    void updateModeratorTools();
    // The moderator's entries in a person's context menu.
    void addModeratorActions(QMenu *menu, qint64 userId, const QString &name, bool isModerator);

    Session *m_session; // outlives the window: HallwayApp deletes the window first
    HallwayClient *m_client;
    PresenceModel *m_presence;
    QListView *m_onlineList;
    OnlinePanel *m_onlinePanel;
    FeedPanel *m_feedPanel;
    FactComposer *m_composer;
    QListView *m_communityList;
    ProfilePanel *m_profile;
    TalksPanel *m_talksPanel;
    ChatPanel *m_chatPanel;
    ConversationsModel *m_conversations;
    HubsModel *m_hubs;
    HubPanel *m_hubPanel;
    ModerationPanel *m_moderationPanel;
    AnnouncementBar *m_announcementBar;
    ConnectionBar *m_connectionBar;
    QTabWidget *m_tabs;
    QSplitter *m_splitter;
    QWidget *m_profileTab = nullptr;
    DesktopNotifier *m_notifier = nullptr;
    QAction *m_notifyAction;
    QLabel *m_connectionStatus;
    QLabel *m_hostStatus;
    QAction *m_roomInfoAction;
    QAction *m_copyInviteAction;
    QString m_hostedAddress;
    bool m_hostedOnNetwork = false;
    QString m_hostedDatabase;
    QAction *m_awayAction;
    QAction *m_moderationViewAction = nullptr;
    QAction *m_highContrastAction = nullptr;
    QDockWidget *m_onlineDock = nullptr;
};

} // namespace Hallway
