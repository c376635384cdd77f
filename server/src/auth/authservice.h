// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "messages.h"

#include <QObject>
#include <functional>

namespace Hallway {

class PasswordHasher;
class Storage;
struct StoredCredentials;

// A successful sign-in: what the client is told, and the token hash the connection keeps so
// it can sign out or change the password later.
struct SignIn {
    SessionReply reply;
    QString tokenHash;
    qint64 mutedUntil = 0; // ms since the epoch
};

// Accounts and sessions: register, log in, resume, log out, change password. Asynchronous:
// storage runs on its thread, hashing on the hasher's pool; results come back on the caller's
// thread, and are dropped if context is destroyed first.
class AuthService : public QObject {
    Q_OBJECT
public:
    using SignInCallback = std::function<void(const Expected<SignIn> &)>;
    using StatusCallback = std::function<void(const Status &)>;

    AuthService(Storage &storage, PasswordHasher &hasher, QObject *parent = nullptr);

    // [auth] first_account_is_moderator: the first account of an empty room moderates it.
    void setFirstAccountIsModerator(bool on) { m_firstAccountIsModerator = on; }

    void registerUser(QObject *context, const RegisterRequest &request, SignInCallback done);
    void login(QObject *context, const LoginRequest &request, SignInCallback done);
    void resume(QObject *context, const ResumeRequest &request, SignInCallback done);
    void logout(QObject *context, const QString &tokenHash, StatusCallback done);
    void changePassword(QObject *context, qint64 userId, const QString &tokenHash,
                        const ChangePasswordRequest &request, StatusCallback done);

private:
    void startSession(QObject *context, const StoredCredentials &account, SignInCallback done);

    Storage &m_storage;
    PasswordHasher &m_hasher;
    bool m_firstAccountIsModerator = false;
};

} // namespace Hallway
