// SPDX-License-Identifier: MIT
#pragma once

#include "hallwayclient.h"

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QListView;
class QMenu;
class QSystemTrayIcon;
class QTabWidget;

namespace Hallway {

class AnnouncementBar;
class ConnectionBar;
class FactComposer;
class HubPanel;
class HubsModel;
class ModerationPanel;
class FactFeedModel;
class PresenceModel;
class ProfilePanel;
class Session;
class TalksPanel;
class ChatPanel;
class ConversationsModel;

// The main window: who's online beside the room, the connection state in the status bar,
// and the session's actions in the menus. It shows what the client core knows; the
// decisions (sign in, host, remember) belong to HallwayApp.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Shows this session, for as long as it lives: a window is never handed another one.
    explicit MainWindow(Session *session, QWidget *parent = nullptr);

    Session *session() const { return m_session; }

    // Shown once, when the OS has no keychain to remember the sign-in.
    // (The system's reason is in the log: it is in English, and for whoever fixes the keychain.)
    void showKeychainNotice();
    // The room this app hosts, if this window's session is in it: its address for others,
    // and where its database is. An empty address: not hosting.
    void setHostedRoom(const QString &address, bool onNetwork, const QString &databasePath);
    // Hallway > About this room: shown while hosting.
    QAction *roomInfoAction() const { return m_roomInfoAction; }
    QString connectionStatusText() const;
    ProfilePanel *profilePanel() const { return m_profile; }
    FactComposer *composer() const { return m_composer; }
    TalksPanel *talksPanel() const { return m_talksPanel; }
    ChatPanel *chatPanel() const { return m_chatPanel; }
    HubPanel *hubPanel() const { return m_hubPanel; }
    ModerationPanel *moderationPanel() const { return m_moderationPanel; }
    AnnouncementBar *announcementBar() const { return m_announcementBar; }
    ConnectionBar *connectionBar() const { return m_connectionBar; }
    bool isModerationTabShown() const;
    // Opens the chat tab on a conversation with this person.
    void messageUser(qint64 userId, const QString &name);
    bool notificationsEnabled() const;
    void showTalks();

public Q_SLOTS:
    void openProfile(qint64 userId);
    void closeProfile();

Q_SIGNALS:
    void signOutRequested();
    void switchServerRequested();
    // The session ended (signed out elsewhere, say) and the person wants to sign in again.
    void signInRequested();

private:
    QDockWidget *buildOnlineDock();
    QWidget *buildRoomTab();
    QTabWidget *buildTabs();
    QWidget *buildCentral();
    void buildPeopleMenus();
    void buildStatusBar();
    void buildMenus();
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
    QLabel *m_onlineCount;
    QLabel *m_welcome;
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
    QSystemTrayIcon *m_tray = nullptr;
    QAction *m_notifyAction;
    QLabel *m_notice;
    QLabel *m_connectionStatus;
    QLabel *m_hostStatus;
    QAction *m_roomInfoAction;
    QString m_hostedAddress;
    bool m_hostedOnNetwork = false;
    QString m_hostedDatabase;
    QAction *m_awayAction;
};

} // namespace Hallway
