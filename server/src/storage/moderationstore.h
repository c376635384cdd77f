// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "fact.h"
#include "moderation.h"
#include "userinfo.h"

#include <QList>
#include <optional>

class QSqlQuery;

namespace Hallway {

class AccountStore;
class FactStore;
class SqlSession;
struct NewUser;

// The result of a moderator's action and the audit log entry written with it, in one
// transaction: an action is never in the database without its entry.
template<typename Value> struct Audited {
    Value value;
    AuditEntry entry;
};

struct StoredAnnouncement {
    Announcement announcement;
    std::optional<AuditEntry> entry; // empty for a resend
};

// A fact after a moderator hid or unhid it.
struct FactVisibilityChange {
    Fact fact;
    std::optional<AuditEntry> entry; // empty when the fact already was so: nothing happened
};

// Moderation: roles, hidden facts, mutes, bans, announcements, and the audit log every one of
// them (and every other store's moderator action) writes to. Each action writes its audit
// entry in its transaction.
class ModerationStore {
public:
    ModerationStore(SqlSession &session, AccountStore &accounts, FactStore &facts)
        : m_session(session), m_accounts(accounts), m_facts(facts)
    {
    }

    // From the server's command line: audited with no moderator.
    Expected<UserInfo> setRole(const QString &username, Role role);
    // A new moderator account made on the server's command line, audited like setRole: the
    // account and its log entry are stored together or not at all.
    Expected<UserInfo> createModerator(NewUser user, qint64 nowMs);

    Expected<Audited<UserInfo>> setRoleOf(qint64 userId, Role role, AuditRecord audit);
    // Hiding a hidden fact (or showing a visible one) writes, relays and audits nothing.
    Expected<FactVisibilityChange> setFactHidden(qint64 factId, bool hidden, AuditRecord audit);
    Expected<Audited<RestrictedUser>> muteUser(qint64 userId, qint64 untilMs, AuditRecord audit);
    // Banning also ends every session of the user.
    Expected<Audited<RestrictedUser>> banUser(qint64 userId, bool banned, AuditRecord audit);
    Expected<StoredAnnouncement> announce(qint64 authorId, const QString &clientId,
                                          const QString &text, qint64 nowMs);
    Expected<QList<Announcement>> latestAnnouncements(int limit);
    Expected<Announcement> announcement(qint64 announcementId);
    Expected<QList<AuditEntry>> auditLog(std::optional<qint64> beforeId, int limit);
    Expected<QList<RestrictedUser>> restrictedUsers(qint64 nowMs);
    // In the caller's transaction: the action it records and the entry go together.
    Expected<AuditEntry> appendAudit(const AuditRecord &record);
    Expected<AuditEntry> auditEntry(qint64 entryId);

private:
    Expected<QList<Announcement>> readAnnouncements(QSqlQuery &query);
    Expected<RestrictedUser> restrictedUser(qint64 userId);

    SqlSession &m_session;
    AccountStore &m_accounts;
    FactStore &m_facts;
};

} // namespace Hallway
