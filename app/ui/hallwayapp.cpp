// SPDX-License-Identifier: MIT
#include "hallwayapp.h"
#include "invitelink.h"
#include "mainwindow.h"
#include "protocol.h"
#include "recentservers.h"
#include "signindialog.h"
#include "startdialog.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QMessageBox>
#include <QNetworkInterface>
#include <QPushButton>
#include <QStandardPaths>

namespace Hallway {

namespace {
const QString ServerUrlKey = QStringLiteral("session/server");
const QString AlternatesKey = QStringLiteral("session/alternates"); // other nodes of the event
const QString UsernameKey = QStringLiteral("session/username");
const QString RememberKey = QStringLiteral("session/remember");
const QString HostingKey = QStringLiteral("host/enabled");
const QString HostPortKey = QStringLiteral("host/port");
const QString HostOnNetworkKey = QStringLiteral("host/onNetwork");

QString networkAddress()
{
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
            return address.toString();
    }
    return QStringLiteral("127.0.0.1");
}
} // namespace

HallwayApp::HallwayApp(QObject *parent) : QObject(parent)
{
    // Later starts (a click on an invite link while this one runs) come here instead.
    m_instance.listen();
    connect(&m_instance, &SingleInstance::activated, this, &HallwayApp::onActivated);
    connect(&m_credentials, &CredentialStore::keychainUnavailable, this, [this]() {
        if (m_window)
            m_window->showKeychainNotice();
        if (m_signInDialog)
            m_signInDialog->setRememberAvailable(false);
    });
    m_credentials.probe();
    beginSession();
}

HallwayApp::~HallwayApp()
{
    delete m_signInDialog;
    delete m_window;
    delete m_session;
    // Sessions still signing out are children of this object; none of them may call back into
    // it while the hosted room shuts down.
    for (Session *ending : findChildren<Session *>(Qt::FindDirectChildrenOnly)) {
        ending->client().disconnect(this);
        ending->client().connection().disconnect(this);
    }
    m_host.stop();
}

MainWindow *HallwayApp::mainWindow() const
{
    return m_window;
}

SignInDialog *HallwayApp::signInDialog() const
{
    return m_signInDialog;
}

void HallwayApp::beginSession()
{
    if (m_session && (!m_window || m_window->session() != m_session))
        m_session->end();
    // A dialog speaks to the session it was made for: the next one gets a new one.
    if (m_signInDialog) {
        m_signInDialog->hide();
        m_signInDialog->deleteLater();
        m_signInDialog = nullptr; // not reused: it goes with the event loop's next turn
    }
    m_session = new Session(this);
    HallwayClient &client = m_session->client();
    // The other nodes of the event this app last signed in to, to fail over to.
    QList<QUrl> alternates;
    for (const QString &url : m_settings.value(AlternatesKey).toStringList())
        alternates.append(QUrl(url));
    client.setAlternateServers(alternates);
    connect(&client, &HallwayClient::signedIn, this, &HallwayApp::onSignedIn);
    connect(&client, &HallwayClient::sessionEnded, this, &HallwayApp::onSessionEnded);
    // Asked from the event loop, not inside the TLS handshake that raised it.
    connect(&client.connection(), &ServerConnection::certificateUntrusted, this,
            &HallwayApp::onCertificateUntrusted, Qt::QueuedConnection);
    connect(&client.connection(), &ServerConnection::certificateChanged, this,
            &HallwayApp::onCertificateChanged, Qt::QueuedConnection);
}

void HallwayApp::closeWindow()
{
    if (!m_window)
        return;
    // The window is deleted first (its deletion is queued first): its panels still speak to
    // the session while they are torn down.
    Session *session = m_window->session();
    m_window->hide();
    m_window->deleteLater();
    m_window = nullptr;
    session->end();
}

QString HallwayApp::accountKey() const
{
    return CredentialStore::accountKey(m_settings.value(ServerUrlKey).toString(),
                                       m_settings.value(UsernameKey).toString());
}

void HallwayApp::start(const QString &inviteLink)
{
    if (!inviteLink.isEmpty())
        return openInvite(inviteLink);
    QUrl server = m_settings.value(ServerUrlKey).toUrl();
    const QString username = m_settings.value(UsernameKey).toString();

    if (m_settings.value(HostingKey, false).toBool()) {
        const auto port = static_cast<quint16>(m_settings.value(HostPortKey, 8470).toUInt());
        if (!hostRoom(port, m_settings.value(HostOnNetworkKey, false).toBool()))
            return showStartChoice();
        server = m_host.localUrl();
    }
    if (server.isEmpty())
        return showStartChoice();

    if (!m_settings.value(RememberKey, false).toBool() || username.isEmpty())
        return showSignIn(server, username);

    m_credentials.readToken(accountKey(), [this, server, username](const Expected<QString> &token) {
        if (!token)
            return showSignIn(server, username);
        showMainWindow();
        client().resumeSession(server, token.value());
    });
}

void HallwayApp::openInvite(const QString &link)
{
    const Expected<QUrl> server = InviteLink::serverOf(link);
    explainBrokenLink(link, server);
    showStartChoice(server ? server.value() : QUrl());
}

bool HallwayApp::explainBrokenLink(const QString &link, const Expected<QUrl> &server)
{
    if (server)
        return true;
    // Plain text: the link came from anywhere, and is shown as it is, cut if long.
    QMessageBox box(QMessageBox::Warning, tr("Invite link"),
                    tr("Hallway cannot open the link %1.").arg(link.left(200)), QMessageBox::Ok,
                    QApplication::activeWindow());
    box.setObjectName(QStringLiteral("inviteLinkError"));
    box.setTextFormat(Qt::PlainText);
    box.setInformativeText(server.error().message);
    box.exec();
    return false;
}

bool HallwayApp::isCurrentRoom(const QUrl &server) const
{
    const HallwayClient &current = m_session->client();
    return server == current.primaryServerUrl() || current.alternateServers().contains(server);
}

void HallwayApp::onActivated(const QString &link)
{
    // Whatever this app shows comes to the front: a question being asked (the start dialog
    // runs modally), the sign-in dialog, or the window.
    QWidget *front = QApplication::activeModalWidget();
    if (!front && m_signInDialog && m_signInDialog->isVisible())
        front = m_signInDialog;
    if (!front && m_window)
        front = m_window;
    if (front) {
        front->show();
        front->setWindowState(front->windowState() & ~Qt::WindowMinimized);
        front->raise();
        front->activateWindow();
    }
    if (link.isEmpty())
        return;

    const Expected<QUrl> server = InviteLink::serverOf(link);
    if (!explainBrokenLink(link, server))
        return;
    if (auto *start = qobject_cast<StartDialog *>(QApplication::activeModalWidget()))
        return start->invite(server.value());
    if (m_window && isCurrentRoom(server.value()))
        return; // already there
    if (!m_window) {
        // Signing in, or between dialogs: the sign-in dialog takes the new address.
        if (m_signInDialog && m_signInDialog->isVisible())
            return m_signInDialog->setServerUrl(server.value());
        return showStartChoice(server.value());
    }
    QMessageBox ask(
            QMessageBox::Question, tr("Join another room?"),
            tr("You are in the room at %1. Leave it and join the room at %2?")
                    .arg(m_session->client().primaryServerUrl().toString(), server->toString()),
            QMessageBox::NoButton, m_window);
    ask.setObjectName(QStringLiteral("joinAnotherRoom"));
    QPushButton *leave = ask.addButton(tr("&Leave and join"), QMessageBox::AcceptRole);
    ask.addButton(tr("&Stay here"), QMessageBox::RejectRole);
    ask.setDefaultButton(leave);
    ask.exec();
    if (ask.clickedButton() == leave)
        switchServer(server.value());
}

void HallwayApp::showStartChoice(const QUrl &invited)
{
    StartDialog dialog;
    if (invited.isValid())
        dialog.invite(invited);
    if (dialog.exec() != QDialog::Accepted) {
        QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        return;
    }
    if (dialog.choice() == StartDialog::Choice::Join) {
        m_host.stop();
        m_settings.setValue(HostingKey, false);
        return showSignIn(dialog.joinUrl(), QString());
    }
    if (!hostRoom(dialog.hostPort(), dialog.hostOnNetwork()))
        return showStartChoice();
    showSignIn(m_host.localUrl(), QString(), true);
}

bool HallwayApp::hostRoom(quint16 port, bool onNetwork)
{
    const QHostAddress address =
            onNetwork ? QHostAddress(QHostAddress::AnyIPv4) : QHostAddress(QHostAddress::LocalHost);
    const Status started = m_host.start(RoomHost::defaultDatabasePath(), address, port);
    if (!started) {
        QMessageBox::critical(nullptr, tr("Cannot host a room"),
                              tr("Hallway could not start a room on this computer:\n%1")
                                      .arg(started.error().message));
        m_settings.setValue(HostingKey, false);
        return false;
    }
    m_settings.setValue(HostingKey, true);
    m_settings.setValue(HostPortKey, port);
    m_settings.setValue(HostOnNetworkKey, onNetwork);
    m_settings.setValue(ServerUrlKey, m_host.localUrl());
    return true;
}

void HallwayApp::showSignIn(const QUrl &server, const QString &username, bool registerMode)
{
    if (!m_signInDialog) {
        m_signInDialog = new SignInDialog(&client());
        m_signInDialog->setAttribute(Qt::WA_DeleteOnClose);
        m_signInDialog->setRememberAvailable(m_credentials.isKeychainAvailable());
        // Not signing in after all: back to the choice of a room, unless a window is open
        // (one whose session ended: it says so, and offers to sign in again).
        connect(m_signInDialog, &QDialog::rejected, this, [this]() {
            if (client().status() != HallwayClient::Status::Online && !m_window)
                QMetaObject::invokeMethod(
                        this, [this]() { showStartChoice(); }, Qt::QueuedConnection);
        });
    }
    m_signInDialog->setServerUrl(server);
    if (server == m_settings.value(ServerUrlKey).toUrl())
        m_signInDialog->setAlternateUrls(client().alternateServers());
    m_signInDialog->setUsername(username);
    m_signInDialog->setRegisterMode(registerMode);
    m_signInDialog->show();
    m_signInDialog->raise();
    m_signInDialog->activateWindow();
    Q_EMIT signInShown();
}

void HallwayApp::showMainWindow()
{
    if (m_window && m_window->session() != m_session)
        closeWindow();
    if (!m_window) {
        m_window = new MainWindow(m_session);
        m_window->setAttribute(Qt::WA_QuitOnClose);
        connect(m_window, &MainWindow::signOutRequested, this, &HallwayApp::signOut);
        connect(m_window, &MainWindow::switchServerRequested, this, [this]() { switchServer(); });
        connect(m_window, &MainWindow::signInRequested, this, [this]() {
            showSignIn(m_settings.value(ServerUrlKey).toUrl(),
                       m_settings.value(UsernameKey).toString());
        });
        if (!m_credentials.isKeychainAvailable())
            m_window->showKeychainNotice();
    }
    // The hosted room's details, in the window of a session in that room.
    if (m_host.isRunning() && m_settings.value(ServerUrlKey).toUrl() == m_host.localUrl()) {
        const bool onNetwork = m_settings.value(HostOnNetworkKey, false).toBool();
        m_window->setHostedRoom(
                QStringLiteral("ws://%1:%2")
                        .arg(onNetwork ? networkAddress() : QStringLiteral("127.0.0.1"))
                        .arg(m_host.port()),
                onNetwork, m_host.databasePath());
    } else {
        m_window->setHostedRoom(QString(), false, QString());
    }
    m_window->show();
}

void HallwayApp::onSignedIn(const UserInfo &user, bool freshToken)
{
    HallwayClient &client = m_session->client();
    const bool remember = m_signInDialog ? m_signInDialog->rememberMe()
                                         : m_settings.value(RememberKey, false).toBool();
    m_settings.setValue(ServerUrlKey, client.primaryServerUrl());
    QStringList alternates;
    for (const QUrl &url : client.alternateServers())
        alternates.append(url.toString());
    m_settings.setValue(AlternatesKey, alternates);
    m_settings.setValue(UsernameKey, user.username);
    m_settings.setValue(RememberKey, remember);
    // Servers joined (not the room hosted here) are offered again on the start dialog.
    if (!m_host.isRunning() || client.primaryServerUrl() != m_host.localUrl())
        RecentServers().add(client.primaryServerUrl());
    if (freshToken && remember)
        m_credentials.writeToken(accountKey(), client.token());
    showMainWindow();
    // Unsent writes of this account (messages, facts, votes) live on disk between runs. Loaded
    // once the window is there, so that every model it holds shows them pending.
    const QByteArray account =
            QCryptographicHash::hash(accountKey().toUtf8(), QCryptographicHash::Sha1).toHex();
    client.setOutboxFile(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                         + QStringLiteral("/outbox/") + QString::fromLatin1(account)
                         + QStringLiteral(".json"));
}

void HallwayApp::onSessionEnded(const Error &error)
{
    // The remembered token no longer works: forget it.
    if (error.code == ErrorCode::Unauthorized || error.code == ErrorCode::Forbidden)
        m_credentials.deleteToken(accountKey());
    // The window stays and says why; signing in again is a new session.
    showMainWindow();
    beginSession();
    if (error.code != ErrorCode::Forbidden)
        showSignIn(m_settings.value(ServerUrlKey).toUrl(),
                   m_settings.value(UsernameKey).toString());
}

void HallwayApp::onCertificateUntrusted(const QUrl &server, const QByteArray &sha256,
                                        const QString &problems)
{
    QWidget *parent = m_signInDialog && m_signInDialog->isVisible()
            ? static_cast<QWidget *>(m_signInDialog)
            : m_window.data();
    QMessageBox box(QMessageBox::Warning, tr("Unverified server"),
                    tr("Hallway cannot verify that %1 is who it claims to be.").arg(server.host()),
                    QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("untrustedCertificate"));
    box.setInformativeText(
            tr("<p>Its certificate's SHA-256 fingerprint is:</p><p><tt>%1</tt></p><p>Trust it "
               "only if it matches the fingerprint the organisers published. Hallway will "
               "remember it for this server and warn you if it ever changes.</p>")
                    .arg(KnownServers::displayFingerprint(sha256)));
    box.setDetailedText(problems);
    QPushButton *trust = box.addButton(tr("&Trust this certificate"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == trust)
        retryAfterTrust(server, sha256);
}

void HallwayApp::onCertificateChanged(const QUrl &server, const QByteArray &trusted,
                                      const QByteArray &presented)
{
    QWidget *parent = m_signInDialog && m_signInDialog->isVisible()
            ? static_cast<QWidget *>(m_signInDialog)
            : m_window.data();
    QMessageBox box(QMessageBox::Critical, tr("The server's certificate has changed"),
                    tr("<b>Warning: the certificate of %1 is not the one you trusted.</b>")
                            .arg(server.host()),
                    QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("changedCertificate"));
    box.setInformativeText(
            tr("<p>Someone may be intercepting the connection, or the organisers replaced the "
               "certificate. Hallway did not connect and sent nothing.</p><p>Trusted:<br><tt>%1"
               "</tt></p><p>Presented now:<br><tt>%2</tt></p><p>Only trust the new one if the "
               "organisers confirm its fingerprint.</p>")
                    .arg(KnownServers::displayFingerprint(trusted),
                         KnownServers::displayFingerprint(presented)));
    QPushButton *replace =
            box.addButton(tr("Trust the &new certificate"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == replace)
        retryAfterTrust(server, presented);
}

void HallwayApp::retryAfterTrust(const QUrl &server, const QByteArray &sha256)
{
    client().knownServers().trust(server, sha256);
    if (m_signInDialog && m_signInDialog->isVisible())
        return m_signInDialog->submit();
    // A remembered session: resume it as at start.
    start();
}

void HallwayApp::signOut()
{
    if (m_window && !m_window->mayLoseUnsentChanges())
        return;
    m_credentials.deleteToken(accountKey());
    m_settings.setValue(RememberKey, false);
    closeWindow();
    beginSession();
    showSignIn(m_settings.value(ServerUrlKey).toUrl(), m_settings.value(UsernameKey).toString());
}

void HallwayApp::switchServer(const QUrl &invited)
{
    if (m_window && !m_window->mayLoseUnsentChanges())
        return;
    m_credentials.deleteToken(accountKey());
    m_settings.setValue(RememberKey, false);
    closeWindow();
    beginSession();
    // After the window is gone: the choice is a modal dialog with an event loop of its own.
    QMetaObject::invokeMethod(
            this, [this, invited]() { showStartChoice(invited); }, Qt::QueuedConnection);
}

} // namespace Hallway
