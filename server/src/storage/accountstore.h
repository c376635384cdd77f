// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "moderation.h"
#include "userinfo.h"

#include <QSet>
#include <QStringList>

class QSqlQuery;

namespace Hallway {

class SqlSession;

struct NewUser {
    QString username;
    QString displayName;
    QString passwordHash;
    QString city;
    QString region;
    Role role = Role::Attendee;
    bool moderatorIfFirst = false; // a moderator instead, if the room has no account yet
};

struct StoredCredentials {
    UserInfo user;
    QString passwordHash;
    bool banned = false;
    qint64 mutedUntil = 0; // ms since the epoch
};

// Accounts: users, their credentials and their sessions (by the hash of the token only).
class AccountStore {
public:
    explicit AccountStore(SqlSession &session) : m_session(session) { }

    Expected<UserInfo> createUser(const NewUser &user, qint64 nowMs);
    Expected<StoredCredentials> credentialsByUsername(const QString &username);
    Expected<StoredCredentials> credentialsById(qint64 userId);
    Expected<qint64> userCount();
    Expected<UserInfo> userById(qint64 userId);

    Status createSession(qint64 userId, const QString &tokenHash, qint64 nowMs);
    Expected<UserInfo> userBySession(const QString &tokenHash, qint64 nowMs);
    Expected<StoredCredentials> sessionCredentials(const QString &tokenHash, qint64 nowMs);
    Status deleteSession(const QString &tokenHash);
    // Which of these sessions still exist.
    Expected<QSet<QString>> existingSessions(const QStringList &tokenHashes);
    Expected<qint64> sessionCount(qint64 userId);
    // Sets the new hash and signs out every other session of the user, in one transaction.
    Status changePassword(qint64 userId, const QString &newHash, const QString &keepTokenHash);

private:
    Expected<StoredCredentials> readCredentials(QSqlQuery &query);

    SqlSession &m_session;
};

} // namespace Hallway
