// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "fact.h"
#include "userinfo.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace Hallway {

// A message from the moderators to everyone in the room.
struct Announcement {
    static constexpr int MaxLength = 500;

    qint64 id = 0;
    FactAuthor author;
    QString text;
    qint64 createdAt = 0;

    QJsonObject toJson() const;
    static Expected<Announcement> fromJson(const QJsonObject &object);
    friend bool operator==(const Announcement &, const Announcement &) = default;
};

QJsonArray announcementsToJson(const QList<Announcement> &announcements);
Expected<QList<Announcement>> announcementsFromJson(const QJsonValue &value);

// One line of the audit log: who did what to whom. The moderator is empty for changes made
// on the server's command line. `action` is a stable name (see docs/protocol.md), `subject`
// the thing acted on ("fact 12", "hub 3"), and `detail` what the app needs to describe it.
struct AuditEntry {
    qint64 id = 0;
    qint64 createdAt = 0;
    std::optional<FactAuthor> moderator;
    QString action;
    std::optional<FactAuthor> target;
    QString subject;
    QJsonObject detail;

    QJsonObject toJson() const;
    static Expected<AuditEntry> fromJson(const QJsonObject &object);
    friend bool operator==(const AuditEntry &, const AuditEntry &) = default;
};

QJsonArray auditEntriesToJson(const QList<AuditEntry> &entries);
Expected<QList<AuditEntry>> auditEntriesFromJson(const QJsonValue &value);

// What an action writes to the log; storage adds the id and the time.
struct AuditRecord {
    std::optional<qint64> moderatorId;
    QString action;
    std::optional<qint64> targetUserId;
    QString subject;
    QJsonObject detail;
};

// A user a moderator has restricted: banned, or muted until some time.
struct RestrictedUser {
    UserInfo user;
    bool banned = false;
    qint64 mutedUntil = 0; // ms since the epoch; 0 or past: not muted

    QJsonObject toJson() const;
    static Expected<RestrictedUser> fromJson(const QJsonObject &object);
};

// mod.set_role
struct SetRoleRequest {
    qint64 userId = 0;
    Role role = Role::Attendee;
    QJsonObject toJson() const;
    static Expected<SetRoleRequest> fromJson(const QJsonObject &data);
};

// mod.hide_fact: hidden false brings it back.
struct HideFactRequest {
    qint64 factId = 0;
    bool hidden = true;
    QJsonObject toJson() const;
    static Expected<HideFactRequest> fromJson(const QJsonObject &data);
};

// On the author's own "chat" stream: a moderator hid their fact (hidden) or brought it back.
// Who did it is not said; the audit log keeps that for moderators.
struct FactHiddenNotice {
    Fact fact;
    bool hidden = true;
    QJsonObject toJson() const;
    static Expected<FactHiddenNotice> fromJson(const QJsonObject &data);
};

// mod.mute: the user cannot post facts, talks or messages for `seconds`; 0 lifts a mute.
struct MuteRequest {
    static constexpr qint64 MaxSeconds = 7 * 24 * 3600;
    qint64 userId = 0;
    qint64 seconds = 0;
    QJsonObject toJson() const;
    static Expected<MuteRequest> fromJson(const QJsonObject &data);
};

// mod.ban: banned false lifts a ban.
struct BanRequest {
    qint64 userId = 0;
    bool banned = true;
    QJsonObject toJson() const;
    static Expected<BanRequest> fromJson(const QJsonObject &data);
};

// mod.announce
struct AnnounceRequest {
    QString clientId;
    QString text;
    QJsonObject toJson() const;
    static Expected<AnnounceRequest> fromJson(const QJsonObject &data);
};

// mod.audit_log: newest first, older than beforeId if given.
struct AuditLogRequest {
    static constexpr int DefaultLimit = 50;
    static constexpr int MaxLimit = 200;
    std::optional<qint64> beforeId;
    int limit = DefaultLimit;
    QJsonObject toJson() const;
    static Expected<AuditLogRequest> fromJson(const QJsonObject &data);
};

} // namespace Hallway
