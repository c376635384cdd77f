// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QHash>
#include <QObject>
#include <functional>

namespace Hallway {

// Keeps session tokens in the OS keychain (Secret Service, Keychain, Credential Manager)
// through QtKeychain. When there is no keychain, it says so once (unavailable()), keeps
// tokens in memory for this run only, and otherwise works: nothing is ever written to disk
// in plain text.
class CredentialStore : public QObject {
    Q_OBJECT
public:
    explicit CredentialStore(const QString &service = QStringLiteral("Hallway"),
                             QObject *parent = nullptr);

    // The account key for a user on a server.
    static QString accountKey(const QString &serverUrl, const QString &username);

    // done(token), or NotFound when nothing is stored.
    void readToken(const QString &account, std::function<void(const Expected<QString> &)> done);
    void writeToken(const QString &account, const QString &token,
                    std::function<void(const Status &)> done = {});
    void deleteToken(const QString &account, std::function<void(const Status &)> done = {});

    // Asks the keychain something harmless, so that its absence is known (and signalled)
    // before anyone is offered to be remembered.
    void probe();
    bool isKeychainAvailable() const { return m_available; }
    QString unavailableReason() const { return m_unavailableReason; }

Q_SIGNALS:
    // Emitted once, the first time the keychain fails to work.
    void keychainUnavailable(const QString &reason);

private:
    void markUnavailable(const QString &reason);

    QString m_service;
    bool m_available = true;
    QString m_unavailableReason;
    QHash<QString, QString> m_memory; // used once the keychain is known to be unavailable
};

} // namespace Hallway
