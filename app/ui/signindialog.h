// SPDX-License-Identifier: MIT
#pragma once

#include "errorcode.h"

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QWidget;

namespace Hallway {

class HallwayClient;

// Signs in to a server, or creates an account on it (display name, optional city and
// region). Stays open, with the server's reason in plain words, until sign-in succeeds.
class SignInDialog : public QDialog {
    Q_OBJECT
public:
    explicit SignInDialog(HallwayClient *client, QWidget *parent = nullptr);

    void setServerUrl(const QUrl &url);
    void setUsername(const QString &username);
    void setRegisterMode(bool on);
    bool isRegisterMode() const;
    bool rememberMe() const;
    void setRememberMe(bool on);
    // Without a keychain nothing can be remembered: the box is cleared and says why.
    void setRememberAvailable(bool available);
    QUrl serverUrl() const;
    QList<QUrl> serverUrls() const; // the first, then the other nodes to fail over to
    void setAlternateUrls(const QList<QUrl> &urls);
    QString errorText() const;
    // Signs in (or registers) with what the form holds, as the button does.
    void submit();

private:
    void showError(const QString &message);
    void setBusy(bool busy);
    void onSignedIn();
    void onSignInFailed(const Hallway::Error &error);

    HallwayClient *m_client;
    QLineEdit *m_server;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QCheckBox *m_registerMode;
    QWidget *m_registerFields;
    QLineEdit *m_displayName;
    QLineEdit *m_city;
    QLineEdit *m_region;
    QCheckBox *m_remember;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    bool m_busy = false;
    bool m_rememberAvailable = true;
};

} // namespace Hallway
