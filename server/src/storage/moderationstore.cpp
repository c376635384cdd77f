// SPDX-License-Identifier: MIT
// ModerationStore's statements for moderation: roles, hidden facts, mutes, bans, announcements
// and the audit log every one of them writes to.
#include "moderationstore.h"
#include "accountstore.h"
#include "cluster/clusterevent.h"
#include "factstore.h"
#include "sqlsession.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Hallway {

namespace {
const QString AuditColumns = QStringLiteral(
        "a.id, a.created_at, a.action, a.subject, a.detail, m.id, m.username, m.display_name, "
        "t.id, t.username, t.display_name FROM audit_log a "
        "LEFT JOIN users m ON m.id = a.moderator_id LEFT JOIN users t ON t.id = a.target_user_id");

const QString AnnouncementColumns =
        QStringLiteral("a.id, a.text, a.created_at, u.id, u.username, u.display_name "
                       "FROM announcements a JOIN users u ON u.id = a.author_id");

std::optional<FactAuthor> authorAt(const QSqlQuery &query, int column)
{
    if (query.value(column).isNull())
        return std::nullopt;
    return FactAuthor{query.value(column).toLongLong(), query.value(column + 1).toString(),
                      query.value(column + 2).toString()};
}

QVariant nullableId(std::optional<qint64> id)
{
    return id ? QVariant(*id) : QVariant(QMetaType::fromType<qint64>());
}
} // namespace

Expected<AuditEntry> ModerationStore::appendAudit(const AuditRecord &record)
{
    PreparedQuery insert = m_session.prepared(
            QStringLiteral("INSERT INTO audit_log (moderator_id, action, target_user_id, "
                           "subject, detail, created_at) VALUES (?, ?, ?, ?, ?, ?) "
                           "RETURNING id"));
    insert.addBindValue(nullableId(record.moderatorId));
    insert.addBindValue(record.action);
    insert.addBindValue(nullableId(record.targetUserId));
    insert.addBindValue(record.subject.isNull() ? QStringLiteral("") : record.subject);
    insert.addBindValue(
            QString::fromUtf8(QJsonDocument(record.detail).toJson(QJsonDocument::Compact)));
    insert.addBindValue(QDateTime::currentMSecsSinceEpoch());
    // RETURNING (SQLite 3.35+, PostgreSQL) names our row even with other writers about.
    if (!insert.exec() || !insert.next())
        return m_session.failure(QStringLiteral("write the audit log"), insert);
    const qint64 entryId = insert.value(0).toLongLong();
    m_session.notifyNodes(ClusterEvent::Audit, {{QStringLiteral("id"), entryId}});
    return auditEntry(entryId);
}

Expected<AuditEntry> ModerationStore::auditEntry(qint64 entryId)
{
    const auto entries = [&]() -> Expected<QList<AuditEntry>> {
        PreparedQuery query = m_session.prepared(QStringLiteral("SELECT ") + AuditColumns
                                                 + QStringLiteral(" WHERE a.id = ?"));
        query.addBindValue(entryId);
        if (!query.exec())
            return m_session.failure(QStringLiteral("read the audit log"), query);
        QList<AuditEntry> result;
        while (query.next()) {
            AuditEntry entry;
            entry.id = query.value(0).toLongLong();
            entry.createdAt = query.value(1).toLongLong();
            entry.action = query.value(2).toString();
            entry.subject = query.value(3).toString();
            entry.detail = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object();
            entry.moderator = authorAt(query, 5);
            entry.target = authorAt(query, 8);
            result.append(entry);
        }
        return result;
    }();
    if (!entries)
        return entries.error();
    if (entries->isEmpty())
        return notFound(QStringLiteral("no audit entry %1").arg(entryId));
    return entries->constFirst();
}

Expected<QList<AuditEntry>> ModerationStore::auditLog(std::optional<qint64> beforeId, int limit)
{
    PreparedQuery ids = m_session.prepared(
            QStringLiteral("SELECT id FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?"));
    ids.addBindValue(beforeId.value_or(std::numeric_limits<qint64>::max()));
    ids.addBindValue(limit + 1);
    if (!ids.exec())
        return m_session.failure(QStringLiteral("read the audit log"), ids);
    QList<qint64> found;
    while (ids.next())
        found.append(ids.value(0).toLongLong());
    QList<AuditEntry> entries;
    for (const qint64 id : std::as_const(found)) {
        const auto entry = auditEntry(id);
        if (!entry)
            return entry.error();
        entries.append(entry.value());
    }
    return entries;
}

Expected<Audited<UserInfo>> ModerationStore::setRoleOf(qint64 userId, Role role, AuditRecord audit)
{
    return m_session.inTransaction<Audited<UserInfo>>([&]() -> Expected<Audited<UserInfo>> {
        PreparedQuery update =
                m_session.prepared(QStringLiteral("UPDATE users SET role = ? WHERE id = ?"));
        update.addBindValue(roleName(role));
        update.addBindValue(userId);
        if (!update.exec())
            return m_session.failure(QStringLiteral("change a role"), update);
        if (update.numRowsAffected() == 0)
            return notFound(QStringLiteral("no user with id %1").arg(userId));
        const auto user = m_accounts.userById(userId);
        if (!user)
            return user.error();
        audit.targetUserId = userId;
        audit.detail.insert(QStringLiteral("role"), roleName(role));
        m_session.notifyNodes(ClusterEvent::UserChanged, {{QStringLiteral("id"), userId}});
        const auto entry = appendAudit(audit);
        if (!entry)
            return entry.error();
        return Audited<UserInfo>{user.value(), entry.value()};
    });
}

Expected<FactVisibilityChange> ModerationStore::setFactHidden(qint64 factId, bool hidden,
                                                              AuditRecord audit)
{
    return m_session.inTransaction<FactVisibilityChange>([&]() -> Expected<FactVisibilityChange> {
        // Conditional, so that of two moderators hiding one fact at once only one changes it:
        // the other finds no row and tells nobody.
        PreparedQuery update = m_session.prepared(
                QStringLiteral("UPDATE facts SET hidden = ? WHERE id = ? AND hidden <> ?"));
        update.addBindValue(hidden ? 1 : 0);
        update.addBindValue(factId);
        update.addBindValue(hidden ? 1 : 0);
        if (!update.exec())
            return m_session.failure(QStringLiteral("hide a fact"), update);
        const auto found = m_facts.fact(factId); // not found: no such fact
        if (!found)
            return found.error();
        const Fact fact = found.value();
        if (update.numRowsAffected() == 0)
            return FactVisibilityChange{fact, std::nullopt};
        audit.targetUserId = fact.author.id;
        audit.subject = QStringLiteral("fact %1").arg(factId);
        audit.detail.insert(QStringLiteral("text"), fact.text);
        m_session.notifyNodes(ClusterEvent::FactVisibility,
                              {{QStringLiteral("id"), factId}, {QStringLiteral("hidden"), hidden}});
        const auto entry = appendAudit(audit);
        if (!entry)
            return entry.error();
        return FactVisibilityChange{fact, entry.value()};
    });
}

Expected<RestrictedUser> ModerationStore::restrictedUser(qint64 userId)
{
    const auto stored = m_accounts.credentialsById(userId);
    if (!stored)
        return stored.error().code == ErrorCode::NotFound
                ? notFound(QStringLiteral("no user with id %1").arg(userId))
                : stored.error();
    return RestrictedUser{stored->user, stored->banned, stored->mutedUntil};
}

Expected<Audited<RestrictedUser>> ModerationStore::muteUser(qint64 userId, qint64 untilMs,
                                                            AuditRecord audit)
{
    return m_session.inTransaction<Audited<RestrictedUser>>(
            [&]() -> Expected<Audited<RestrictedUser>> {
                PreparedQuery update = m_session.prepared(
                        QStringLiteral("UPDATE users SET muted_until = ? WHERE id = ?"));
                update.addBindValue(untilMs);
                update.addBindValue(userId);
                if (!update.exec())
                    return m_session.failure(QStringLiteral("mute a user"), update);
                const auto user = restrictedUser(userId);
                if (!user)
                    return user.error();
                audit.targetUserId = userId;
                audit.detail.insert(QStringLiteral("until"), untilMs);
                m_session.notifyNodes(ClusterEvent::UserChanged, {{QStringLiteral("id"), userId}});
                const auto entry = appendAudit(audit);
                if (!entry)
                    return entry.error();
                return Audited<RestrictedUser>{user.value(), entry.value()};
            });
}

Expected<Audited<RestrictedUser>> ModerationStore::banUser(qint64 userId, bool banned,
                                                           AuditRecord audit)
{
    return m_session.inTransaction<Audited<RestrictedUser>>(
            [&]() -> Expected<Audited<RestrictedUser>> {
                PreparedQuery update = m_session.prepared(
                        QStringLiteral("UPDATE users SET banned = ? WHERE id = ?"));
                update.addBindValue(banned ? 1 : 0);
                update.addBindValue(userId);
                if (!update.exec())
                    return m_session.failure(QStringLiteral("ban a user"), update);
                if (banned) {
                    PreparedQuery sessions = m_session.prepared(
                            QStringLiteral("DELETE FROM sessions WHERE user_id = ?"));
                    sessions.addBindValue(userId);
                    if (!sessions.exec())
                        return m_session.failure(QStringLiteral("end a banned user's sessions"),
                                                 sessions);
                }
                const auto user = restrictedUser(userId);
                if (!user)
                    return user.error();
                audit.targetUserId = userId;
                m_session.notifyNodes(ClusterEvent::UserChanged, {{QStringLiteral("id"), userId}});
                const auto entry = appendAudit(audit);
                if (!entry)
                    return entry.error();
                return Audited<RestrictedUser>{user.value(), entry.value()};
            });
}

Expected<QList<RestrictedUser>> ModerationStore::restrictedUsers(qint64 nowMs)
{
    PreparedQuery query = m_session.prepared(
            QStringLiteral("SELECT id FROM users WHERE banned = 1 OR muted_until > ? "
                           "ORDER BY display_name, id"));
    query.addBindValue(nowMs);
    if (!query.exec())
        return m_session.failure(QStringLiteral("read restricted users"), query);
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    QList<RestrictedUser> users;
    for (const qint64 id : std::as_const(ids)) {
        const auto user = restrictedUser(id);
        if (!user)
            return user.error();
        users.append(user.value());
    }
    return users;
}

Expected<StoredAnnouncement> ModerationStore::announce(qint64 authorId, const QString &clientId,
                                                       const QString &text, qint64 nowMs)
{
    return m_session.inTransaction<StoredAnnouncement>([&]() -> Expected<StoredAnnouncement> {
        // A resend finds the stored one here; one racing it through another node meets the
        // unique (author, client id) below, where the insert does nothing.
        PreparedQuery existing =
                m_session.prepared(QStringLiteral("SELECT ") + AnnouncementColumns
                                   + QStringLiteral(" WHERE a.author_id = ? AND a.client_id = ?"));
        existing.addBindValue(authorId);
        existing.addBindValue(clientId);
        if (!existing.exec())
            return m_session.failure(QStringLiteral("read an announcement"), existing);
        bool duplicate = existing.next();
        if (!duplicate) {
            // ON CONFLICT: the same resend stored meanwhile, through another node.
            PreparedQuery insert = m_session.prepared(
                    QStringLiteral("INSERT INTO announcements (author_id, client_id, text, "
                                   "created_at) VALUES (?, ?, ?, ?) "
                                   "ON CONFLICT (author_id, client_id) DO NOTHING"));
            insert.addBindValue(authorId);
            insert.addBindValue(clientId);
            insert.addBindValue(text);
            insert.addBindValue(nowMs);
            if (!insert.exec())
                return m_session.failure(QStringLiteral("store an announcement"), insert);
            duplicate = insert.numRowsAffected() == 0;
        }
        if (existing.at() < 0 && (!existing.exec() || !existing.next()))
            return m_session.failure(QStringLiteral("read an announcement"), existing);
        const Announcement announcement{existing.value(0).toLongLong(),
                                        {existing.value(3).toLongLong(),
                                         existing.value(4).toString(),
                                         existing.value(5).toString()},
                                        existing.value(1).toString(),
                                        existing.value(2).toLongLong()};
        if (duplicate)
            return StoredAnnouncement{announcement, std::nullopt};
        m_session.notifyNodes(ClusterEvent::Announcement,
                              {{QStringLiteral("id"), announcement.id}});
        const auto entry = appendAudit({authorId,
                                        QStringLiteral("announce"),
                                        std::nullopt,
                                        QStringLiteral("announcement %1").arg(announcement.id),
                                        {{QStringLiteral("text"), text}}});
        if (!entry)
            return entry.error();
        return StoredAnnouncement{announcement, entry.value()};
    });
}

Expected<Announcement> ModerationStore::announcement(qint64 announcementId)
{
    PreparedQuery query = m_session.prepared(QStringLiteral("SELECT ") + AnnouncementColumns
                                             + QStringLiteral(" WHERE a.id = ?"));
    query.addBindValue(announcementId);
    const auto found = readAnnouncements(query);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return notFound(QStringLiteral("no announcement with id %1").arg(announcementId));
    return found->constFirst();
}

Expected<QList<Announcement>> ModerationStore::latestAnnouncements(int limit)
{
    PreparedQuery query = m_session.prepared(QStringLiteral("SELECT ") + AnnouncementColumns
                                             + QStringLiteral(" ORDER BY a.id DESC LIMIT ?"));
    query.addBindValue(limit);
    return readAnnouncements(query);
}

Expected<QList<Announcement>> ModerationStore::readAnnouncements(QSqlQuery &query)
{
    if (!query.exec())
        return m_session.failure(QStringLiteral("read announcements"), query);
    QList<Announcement> announcements;
    while (query.next())
        announcements.append({query.value(0).toLongLong(),
                              {query.value(3).toLongLong(), query.value(4).toString(),
                               query.value(5).toString()},
                              query.value(1).toString(),
                              query.value(2).toLongLong()});
    return announcements;
}

namespace {
// A role change made on the server's command line: no moderator; "via" says where it came from.
AuditRecord commandLineRoleChange()
{
    return {std::nullopt,
            QStringLiteral("set_role"),
            std::nullopt,
            {},
            {{QStringLiteral("via"), QStringLiteral("command_line")}}};
}
} // namespace

Expected<UserInfo> ModerationStore::setRole(const QString &username, Role role)
{
    const auto stored = m_accounts.credentialsByUsername(username);
    if (!stored)
        return stored.error().code == ErrorCode::NotFound
                ? notFound(QStringLiteral("no user named \"%1\"").arg(username))
                : stored.error();
    const auto changed = setRoleOf(stored->user.id, role, commandLineRoleChange());
    if (!changed)
        return changed.error();
    return changed->value;
}

Expected<UserInfo> ModerationStore::createModerator(NewUser user, qint64 nowMs)
{
    user.role = Role::Moderator;
    return m_session.inTransaction<UserInfo>([&]() -> Expected<UserInfo> {
        const auto created = m_accounts.createUser(user, nowMs);
        if (!created)
            return created.error();
        AuditRecord audit = commandLineRoleChange();
        audit.targetUserId = created->id;
        audit.detail.insert(QStringLiteral("role"), roleName(Role::Moderator));
        const auto entry = appendAudit(audit);
        if (!entry)
            return entry.error();
        return created;
    });
}

} // namespace Hallway
