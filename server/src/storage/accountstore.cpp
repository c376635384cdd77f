// SPDX-License-Identifier: MIT
// AccountStore's statements: users, their credentials and their sessions.
#include "accountstore.h"
#include "cluster/clusterevent.h"
#include "sqlsession.h"

#include <QSqlQuery>

namespace Hallway {

namespace {
const QString UserColumns = QStringLiteral(
        "id, username, display_name, city, region, role, password_hash, banned, muted_until");
} // namespace

Expected<UserInfo> AccountStore::createUser(const NewUser &user, qint64 nowMs)
{
    // The role is decided in the insert itself: on SQLite, whose writes are serial, only one
    // account can be the first.
    PreparedQuery query = m_session.prepared(QStringLiteral(
            "INSERT INTO users (username, display_name, password_hash, city, region, role, "
            "created_at) VALUES (?, ?, ?, ?, ?, CASE WHEN ? AND NOT EXISTS (SELECT 1 FROM users) "
            "THEN ? ELSE ? END, ?) ON CONFLICT DO NOTHING"));
    query.addBindValue(user.username);
    query.addBindValue(user.displayName);
    query.addBindValue(user.passwordHash);
    query.addBindValue(nonNull(user.city));
    query.addBindValue(nonNull(user.region));
    query.addBindValue(user.moderatorIfFirst);
    query.addBindValue(roleName(Role::Moderator));
    query.addBindValue(roleName(user.role));
    query.addBindValue(nowMs);
    // A taken username inserts nothing rather than failing: an error would abort the
    // transaction around a batch of jobs on PostgreSQL (see Storage).
    if (!query.exec())
        return m_session.failure(QStringLiteral("create a user"), query);
    if (query.numRowsAffected() == 0)
        return Error{ErrorCode::Conflict,
                     QStringLiteral("the username \"%1\" is already taken").arg(user.username)};
    const auto stored = credentialsByUsername(user.username);
    if (!stored)
        return stored.error();
    return stored->user;
}

Expected<StoredCredentials> AccountStore::readCredentials(QSqlQuery &query)
{
    if (!query.exec())
        return m_session.failure(QStringLiteral("read a user"), query);
    if (!query.next())
        return notFound(QStringLiteral("no such user"));
    StoredCredentials stored;
    stored.user = userFromColumns(query, 0);
    stored.passwordHash = query.value(6).toString();
    stored.banned = query.value(7).toInt() != 0;
    stored.mutedUntil = query.value(8).toLongLong();
    return stored;
}

Expected<StoredCredentials> AccountStore::credentialsByUsername(const QString &username)
{
    PreparedQuery query = m_session.prepared(QStringLiteral("SELECT ") + UserColumns
                                             + QStringLiteral(" FROM users WHERE username = ?"));
    query.addBindValue(username);
    return readCredentials(query);
}

Expected<StoredCredentials> AccountStore::credentialsById(qint64 userId)
{
    PreparedQuery query = m_session.prepared(QStringLiteral("SELECT ") + UserColumns
                                             + QStringLiteral(" FROM users WHERE id = ?"));
    query.addBindValue(userId);
    return readCredentials(query);
}

Expected<qint64> AccountStore::userCount()
{
    QSqlQuery query(m_session.database());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM users")) || !query.next())
        return m_session.failure(QStringLiteral("count users"), query);
    return query.value(0).toLongLong();
}

Expected<UserInfo> AccountStore::userById(qint64 userId)
{
    const auto stored = credentialsById(userId);
    if (!stored)
        return stored.error().code == ErrorCode::NotFound
                ? Error{ErrorCode::NotFound, QStringLiteral("no user with id %1").arg(userId)}
                : stored.error();
    return stored->user;
}

Status AccountStore::createSession(qint64 userId, const QString &tokenHash, qint64 nowMs)
{
    // Only for a user who is not banned, checked in the same statement: a ban that commits
    // while the password is being checked still keeps them out.
    PreparedQuery query = m_session.prepared(QStringLiteral(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_used_at) "
            "SELECT CAST(? AS TEXT), id, CAST(? AS BIGINT), CAST(? AS BIGINT) FROM users "
            "WHERE id = ? AND banned = 0"));
    query.addBindValue(tokenHash);
    query.addBindValue(nowMs);
    query.addBindValue(nowMs);
    query.addBindValue(userId);
    if (!query.exec())
        return m_session.failure(QStringLiteral("create a session"), query);
    if (query.numRowsAffected() == 0)
        return Error{ErrorCode::Forbidden, QStringLiteral("a moderator has banned this account")};
    return Done{};
}

Expected<UserInfo> AccountStore::userBySession(const QString &tokenHash, qint64 nowMs)
{
    const auto stored = sessionCredentials(tokenHash, nowMs);
    if (!stored)
        return stored.error();
    return stored->user;
}

Expected<StoredCredentials> AccountStore::sessionCredentials(const QString &tokenHash, qint64 nowMs)
{
    PreparedQuery query = m_session.prepared(
            QStringLiteral("SELECT u.id, u.username, u.display_name, u.city, u.region, "
                           "u.role, u.password_hash, u.banned, u.muted_until FROM sessions "
                           "s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?"));
    query.addBindValue(tokenHash);
    auto stored = readCredentials(query);
    if (!stored) {
        if (stored.error().code == ErrorCode::NotFound)
            return Error{ErrorCode::Unauthorized,
                         QStringLiteral("this session has ended; please sign in again")};
        return stored.error();
    }
    PreparedQuery touch = m_session.prepared(
            QStringLiteral("UPDATE sessions SET last_used_at = ? WHERE token_hash = ?"));
    touch.addBindValue(nowMs);
    touch.addBindValue(tokenHash);
    if (!touch.exec())
        return m_session.failure(QStringLiteral("update a session"), touch);
    return stored;
}

Status AccountStore::deleteSession(const QString &tokenHash)
{
    return m_session.inTransaction<Done>([&]() -> Status {
        PreparedQuery query = m_session.prepared(
                QStringLiteral("DELETE FROM sessions WHERE token_hash = ? RETURNING user_id"));
        query.addBindValue(tokenHash);
        if (!query.exec())
            return m_session.failure(QStringLiteral("end a session"), query);
        if (query.next())
            m_session.notifyNodes(ClusterEvent::SessionsEnded,
                                  {{QStringLiteral("user"), query.value(0).toLongLong()},
                                   {QStringLiteral("reason"), QStringLiteral("signed out")}});
        return Done{};
    });
}

Expected<QSet<QString>> AccountStore::existingSessions(const QStringList &tokenHashes)
{
    QSet<QString> existing;
    PreparedQuery query =
            m_session.prepared(QStringLiteral("SELECT 1 FROM sessions WHERE token_hash = ?"));
    for (const QString &tokenHash : tokenHashes) {
        query.addBindValue(tokenHash);
        if (!query.exec())
            return m_session.failure(QStringLiteral("read a session"), query);
        if (query.next())
            existing.insert(tokenHash);
    }
    return existing;
}

Expected<qint64> AccountStore::sessionCount(qint64 userId)
{
    PreparedQuery query =
            m_session.prepared(QStringLiteral("SELECT COUNT(*) FROM sessions WHERE user_id = ?"));
    query.addBindValue(userId);
    if (!query.exec() || !query.next())
        return m_session.failure(QStringLiteral("count sessions"), query);
    return query.value(0).toLongLong();
}

Status AccountStore::changePassword(qint64 userId, const QString &newHash,
                                    const QString &keepTokenHash)
{
    return m_session.inTransaction<Done>([&]() -> Status {
        QSqlQuery query(m_session.database());
        query.prepare(QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"));
        query.addBindValue(newHash);
        query.addBindValue(userId);
        if (!query.exec())
            return m_session.failure(QStringLiteral("change a password"), query);
        query.prepare(QStringLiteral("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?"));
        query.addBindValue(userId);
        query.addBindValue(keepTokenHash);
        if (!query.exec())
            return m_session.failure(QStringLiteral("end the other sessions"), query);
        m_session.notifyNodes(
                ClusterEvent::SessionsEnded,
                {{QStringLiteral("user"), userId},
                 {QStringLiteral("reason"), QStringLiteral("the password was changed")}});
        return Done{};
    });
}

} // namespace Hallway
