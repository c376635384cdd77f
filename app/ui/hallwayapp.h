// SPDX-License-Identifier: MIT
#pragma once

#include "credentialstore.h"
#include "roomhost.h"
#include "session.h"
#include "singleinstance.h"

#include <QObject>
#include <QPointer>
#include <QSettings>

namespace Hallway {

class MainWindow;
class SignInDialog;

// Wires the app together and owns its flow: first start (host or join), sign-in,
// remembered sessions through the keychain, hosting a room, and signing out. Each sign-in
// gets a Session of its own and a MainWindow built for it; signing out or switching server
// ends both, so nothing of one room or account survives into the next.
class HallwayApp : public QObject {
    Q_OBJECT
public:
    explicit HallwayApp(QObject *parent = nullptr);
    ~HallwayApp() override;

    // Signs in as last time, or asks what to join or host. With an invite link (from the
    // command line: a click on one), asks to join the server it names instead.
    void start(const QString &inviteLink = {});

    // The session being signed in, or signed in.
    Session &session() { return *m_session; }
    HallwayClient &client() { return m_session->client(); }
    CredentialStore &credentials() { return m_credentials; }
    RoomHost &host() { return m_host; }
    // Where later starts of the app hand over their invite links.
    SingleInstance &instance() { return m_instance; }
    // The window of the signed-in session (or of the one that just ended), if any.
    MainWindow *mainWindow() const;
    SignInDialog *signInDialog() const;

Q_SIGNALS:
    void signInShown();

private:
    // Starts a new session for the next sign-in; the one before ends unless a window shows it.
    void beginSession();
    // Ends the window and the session it shows.
    void closeWindow();
    void showStartChoice(const QUrl &invited = {});
    void openInvite(const QString &link);
    // Says why link cannot be opened; false then.
    bool explainBrokenLink(const QString &link, const Expected<QUrl> &server);
    // A later start of the app asked to come forward, with its invite link or none.
    void onActivated(const QString &link);
    // Whether server is the room this app is in (or is signing in to), at any of its nodes.
    bool isCurrentRoom(const QUrl &server) const;
    void showSignIn(const QUrl &server, const QString &username, bool registerMode = false);
    bool hostRoom(quint16 port, bool onNetwork);
    void onSignedIn(const Hallway::UserInfo &user, bool freshToken);
    void onSessionEnded(const Hallway::Error &error);
    void onCertificateUntrusted(const QUrl &server, const QByteArray &sha256,
                                const QString &problems);
    void onCertificateChanged(const QUrl &server, const QByteArray &trusted,
                              const QByteArray &presented);
    // After the user trusted a certificate: try again what was being tried.
    void retryAfterTrust(const QUrl &server, const QByteArray &sha256);
    void signOut();
    void switchServer(const QUrl &invited = {});
    void showMainWindow();
    QString accountKey() const;

    QSettings m_settings;
    SingleInstance m_instance;
    CredentialStore m_credentials;
    RoomHost m_host;
    QPointer<Session> m_session;
    QPointer<MainWindow> m_window;
    QPointer<SignInDialog> m_signInDialog;
};

} // namespace Hallway
