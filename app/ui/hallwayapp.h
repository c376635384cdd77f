// SPDX-License-Identifier: MIT
#pragma once

#include "credentialstore.h"
#include "factfeedmodel.h"
#include "hallwayclient.h"
#include "presencemodel.h"
#include "roomhost.h"
#include "signindialog.h"

#include <QObject>
#include <QPointer>
#include <QSettings>
#include <memory>

namespace Hallway {

class MainWindow;
class SignInDialog;

// Wires the app together and owns its flow: first start (host or join), sign-in,
// remembered sessions through the keychain, hosting a room, and signing out.
class HallwayApp : public QObject {
    Q_OBJECT
public:
    explicit HallwayApp(QObject *parent = nullptr);
    ~HallwayApp() override;

    void start();

    HallwayClient &client() { return m_client; }
    PresenceModel &presence() { return m_presence; }
    FactFeedModel &communityFeed() { return *m_community; }
    CredentialStore &credentials() { return m_credentials; }
    RoomHost &host() { return m_host; }
    MainWindow *mainWindow() const { return m_window.get(); }
    SignInDialog *signInDialog() const { return m_signInDialog; }

Q_SIGNALS:
    void signInShown();

private:
    void showStartChoice();
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
    void switchServer();
    void showMainWindow();
    QString accountKey() const;

    QSettings m_settings;
    HallwayClient m_client;
    PresenceModel m_presence;
    std::unique_ptr<FactFeedModel> m_community;
    CredentialStore m_credentials;
    RoomHost m_host;
    std::unique_ptr<MainWindow> m_window;
    QPointer<SignInDialog> m_signInDialog;
    bool m_rememberPending = false;
};

} // namespace Hallway
