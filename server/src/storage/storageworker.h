// SPDX-License-Identifier: MIT
#pragma once

#include "databaseurl.h"
#include "expected.h"
#include "userinfo.h"

#include <QObject>
#include <QSqlDatabase>

class QSqlQuery;

namespace Hallway {

struct NewUser {
    QString username;
    QString displayName;
    QString passwordHash;
    QString city;
    QString region;
    Role role = Role::Attendee;
};

struct StoredCredentials {
    UserInfo user;
    QString passwordHash;
};

// Owns the database connection and runs every statement. Lives on the storage thread and is
// only ever called there (through Storage); it knows nothing of sockets or of the protocol
// beyond the domain types. Every method returns after its transaction has committed.
class StorageWorker : public QObject {
    Q_OBJECT
public:
    explicit StorageWorker(const DatabaseUrl &url);
    ~StorageWorker() override;

    Status open();
    void close();
    int schemaVersion() const { return m_schemaVersion; }

    Expected<UserInfo> createUser(const NewUser &user, qint64 nowMs);
    Expected<StoredCredentials> credentialsByUsername(const QString &username);
    Expected<StoredCredentials> credentialsById(qint64 userId);
    Expected<UserInfo> setRole(const QString &username, Role role);
    Expected<qint64> userCount();

    Status createSession(qint64 userId, const QString &tokenHash, qint64 nowMs);
    Expected<UserInfo> userBySession(const QString &tokenHash, qint64 nowMs);
    Status deleteSession(const QString &tokenHash);
    Expected<qint64> sessionCount(qint64 userId);
    // Sets the new hash and signs out every other session of the user, in one transaction.
    Status changePassword(qint64 userId, const QString &newHash, const QString &keepTokenHash);

private:
    Error failure(const QString &what, const QSqlQuery &query) const;
    bool isUniqueViolation(const QSqlQuery &query) const;
    Expected<StoredCredentials> readCredentials(QSqlQuery &query);

    DatabaseUrl m_url;
    QString m_connectionName;
    QSqlDatabase m_db;
    int m_schemaVersion = 0;
};

} // namespace Hallway
