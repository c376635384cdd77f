// SPDX-License-Identifier: MIT
#include "moderationservice.h"
#include "audittrail.h"
#include "cluster/clusterbus.h"
#include "cluster/clusterevent.h"
#include "facts/factservice.h"
#include "logging.h"
#include "net/clientconnection.h"
#include "net/connectionregistry.h"
#include "protocol.h"
#include "storage/storage.h"
#include "topics/announcementstopic.h"
#include "topics/communityfeedtopic.h"
#include "topics/presencetopic.h"

#include <QDateTime>

namespace Hallway {

namespace {
qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Who a moderator acts on: someone else, and for mutes and bans not another moderator (they
// lose the role first, which the log shows).
Expected<UserInfo> targetOf(StorageWorker &worker, qint64 targetId, qint64 moderatorId,
                            bool protectModerators)
{
    if (targetId == moderatorId)
        return Error{ErrorCode::Conflict,
                     QStringLiteral("moderators cannot do that to themselves")};
    const auto target = worker.accounts().userById(targetId);
    if (!target)
        return target.error();
    if (protectModerators && target->role == Role::Moderator)
        return Error{ErrorCode::Forbidden,
                     QStringLiteral("%1 is a moderator; make them an attendee first")
                             .arg(target->displayName)};
    return target;
}

template<typename Value>
Expected<Audited<Value>> afterTargetCheck(const Expected<UserInfo> &target,
                                          const std::function<Expected<Audited<Value>>()> &act)
{
    if (!target)
        return target.error();
    return act();
}
} // namespace

ModerationService::ModerationService(Storage &storage, AuditTrail &audit, FactService &facts,
                                     PresenceTopic &presence, ConnectionRegistry &connections,
                                     int history, QObject *parent)
    : QObject(parent),
      m_storage(storage),
      m_audit(audit),
      m_facts(facts),
      m_presence(presence),
      m_connections(connections),
      m_announcements(std::make_unique<AnnouncementsTopic>(history))
{
}

ModerationService::~ModerationService() = default;

Status ModerationService::load()
{
    const auto latest =
            m_storage.runBlocking<Expected<QList<Announcement>>>([](StorageWorker &worker) {
                return worker.moderation().latestAnnouncements(AnnouncementsTopic::Kept);
            });
    if (!latest)
        return latest.error();
    m_announcements->setLatest(latest.value());
    return Done{};
}

bool ModerationService::handle(ClientConnection *connection, const Envelope &request)
{
    namespace Type = Protocol::Type;
    using Handler = void (ModerationService::*)(ClientConnection *, const Envelope &);
    static const QHash<QString, Handler> handlers = {
            {Type::SetRole, &ModerationService::setRole},
            {Type::HideFact, &ModerationService::hideFact},
            {Type::Mute, &ModerationService::mute},
            {Type::Ban, &ModerationService::ban},
            {Type::Announce, &ModerationService::announce},
            {Type::AuditLog, &ModerationService::auditLog},
            {Type::RestrictedUsers, &ModerationService::restrictedUsers},
    };
    const Handler handler = handlers.value(request.type);
    if (!handler)
        return false;
    if (connection->requireModerator(request.id))
        (this->*handler)(connection, request);
    return true;
}

bool ModerationService::checkNotMuted(ClientConnection *connection, const QJsonValue &requestId)
{
    const qint64 left = connection->mutedUntil() - now();
    if (left <= 0)
        return true;
    const qint64 minutes = (left + 59'999) / 60'000;
    connection->replyError(requestId,
                           {ErrorCode::Muted,
                            minutes == 1 ? QStringLiteral("a moderator muted you; you can post "
                                                          "again in 1 minute")
                                         : QStringLiteral("a moderator muted you; you can post "
                                                          "again in %1 minutes")
                                                   .arg(minutes),
                            left});
    return false;
}

void ModerationService::setRole(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = SetRoleRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    const AuditRecord audit{
            connection->user()->id, QStringLiteral("set_role"), std::nullopt, {}, {}};
    m_storage.run<Expected<Audited<UserInfo>>>(
            this,
            [change = parsed.value(), audit](StorageWorker &worker) {
                return afterTargetCheck<UserInfo>(
                        targetOf(worker, change.userId, *audit.moderatorId, false), [&]() {
                            return worker.moderation().setRoleOf(change.userId, change.role, audit);
                        });
            },
            [this, answer = PendingReply(connection, request.id),
             moderator = connection->user()->username](const Expected<Audited<UserInfo>> &changed) {
                if (!changed)
                    return answer.replyError(changed.error());
                const UserInfo &user = changed->value;
                qCInfo(lcServer).noquote() << quotedForLog(moderator) << "made"
                                           << quotedForLog(user.username) << roleName(user.role);
                // Answered first, as every stored write (docs/protocol.md, "Replies and
                // ordering"); then the presence event that tells everyone the new role.
                answer.reply({{QStringLiteral("user"), user.toJson()}});
                for (ClientConnection *theirs : m_connections.connectionsOf(user.id))
                    applyRole(theirs, user);
                m_presence.updateUser(user);
                m_audit.publish(changed->entry);
            });
}

void ModerationService::hideFact(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = HideFactRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    struct Hidden {
        FactVisibilityChange change;
        QList<Fact> latest; // empty when nothing changed
    };
    const AuditRecord audit{connection->user()->id,
                            parsed->hidden ? QStringLiteral("hide_fact")
                                           : QStringLiteral("unhide_fact"),
                            std::nullopt,
                            {},
                            {}};
    m_storage.run<Expected<Hidden>>(
            this,
            [hide = parsed.value(), audit](StorageWorker &worker) -> Expected<Hidden> {
                const auto change =
                        worker.moderation().setFactHidden(hide.factId, hide.hidden, audit);
                if (!change)
                    return change.error();
                if (!change->entry)
                    return Hidden{change.value(), {}};
                const auto latest = worker.facts().latestFacts(CommunityFeedTopic::KeptFacts);
                if (!latest)
                    return latest.error();
                return Hidden{change.value(), latest.value()};
            },
            [this, answer = PendingReply(connection, request.id),
             hidden = parsed->hidden](const Expected<Hidden> &result) {
                if (!result)
                    return answer.replyError(result.error());
                const Fact &fact = result->change.fact;
                answer.reply({{QStringLiteral("fact"), fact.toJson()},
                              {QStringLiteral("hidden"), hidden}});
                // Already so: the fact's feeds, its author and the audit log heard it the
                // first time (docs/protocol.md, mod.hide_fact).
                if (!result->change.entry)
                    return;
                m_facts.visibilityChanged(fact, hidden, result->latest);
                m_audit.publish(*result->change.entry);
            });
}

void ModerationService::mute(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = MuteRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    const qint64 until = parsed->seconds == 0 ? 0 : now() + parsed->seconds * 1000;
    AuditRecord audit{connection->user()->id,
                      parsed->seconds == 0 ? QStringLiteral("unmute") : QStringLiteral("mute"),
                      std::nullopt,
                      {},
                      {{QStringLiteral("seconds"), parsed->seconds}}};
    m_storage.run<Expected<Audited<RestrictedUser>>>(
            this,
            [userId = parsed->userId, until, audit](StorageWorker &worker) {
                return afterTargetCheck<RestrictedUser>(
                        targetOf(worker, userId, *audit.moderatorId, true),
                        [&]() { return worker.moderation().muteUser(userId, until, audit); });
            },
            [this, answer = PendingReply(connection, request.id),
             moderator =
                     connection->user()->username](const Expected<Audited<RestrictedUser>> &muted) {
                if (!muted)
                    return answer.replyError(muted.error());
                for (ClientConnection *theirs : m_connections.connectionsOf(muted->value.user.id))
                    theirs->setMutedUntil(muted->value.mutedUntil);
                qCInfo(lcServer).noquote() << quotedForLog(moderator) << "muted"
                                           << quotedForLog(muted->value.user.username) << "until"
                                           << muted->value.mutedUntil;
                answer.reply(muted->value.toJson());
                m_audit.publish(muted->entry);
            });
}

void ModerationService::ban(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = BanRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    const AuditRecord audit{connection->user()->id,
                            parsed->banned ? QStringLiteral("ban") : QStringLiteral("unban"),
                            std::nullopt,
                            {},
                            {}};
    m_storage.run<Expected<Audited<RestrictedUser>>>(
            this,
            [ban = parsed.value(), audit](StorageWorker &worker) {
                return afterTargetCheck<RestrictedUser>(
                        targetOf(worker, ban.userId, *audit.moderatorId, true), [&]() {
                            return worker.moderation().banUser(ban.userId, ban.banned, audit);
                        });
            },
            [this, answer = PendingReply(connection, request.id),
             moderator = connection->user()->username](
                    const Expected<Audited<RestrictedUser>> &banned) {
                if (!banned)
                    return answer.replyError(banned.error());
                qCInfo(lcServer).noquote()
                        << quotedForLog(moderator) << (banned->value.banned ? "banned" : "unbanned")
                        << quotedForLog(banned->value.user.username);
                answer.reply(banned->value.toJson());
                if (banned->value.banned) {
                    for (ClientConnection *theirs :
                         m_connections.connectionsOf(banned->value.user.id))
                        closeBanned(theirs);
                }
                m_audit.publish(banned->entry);
            });
}

void ModerationService::announce(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = AnnounceRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    m_storage.run<Expected<StoredAnnouncement>>(
            this,
            [authorId = connection->user()->id, announce = parsed.value()](StorageWorker &worker) {
                return worker.moderation().announce(authorId, announce.clientId, announce.text,
                                                    now());
            },
            [this, answer = PendingReply(connection, request.id),
             moderator = connection->user()->username](const Expected<StoredAnnouncement> &stored) {
                if (!stored)
                    return answer.replyError(stored.error());
                answer.reply({{QStringLiteral("announcement"), stored->announcement.toJson()},
                              {QStringLiteral("duplicate"), !stored->entry.has_value()}});
                if (!stored->entry)
                    return; // it went out when it was first stored
                m_announcements->add(stored->announcement);
                m_audit.publish(*stored->entry);
            });
}

void ModerationService::applyRole(ClientConnection *connection, const UserInfo &user)
{
    // The new role counts at once, on every app the user has open.
    connection->updateUser(user);
    if (user.role != Role::Moderator)
        m_audit.unsubscribe(connection); // the log is for moderators only
}

void ModerationService::closeBanned(ClientConnection *connection)
{
    connection->close(Protocol::CloseCode::Banned,
                      QStringLiteral("a moderator banned this account"));
}

void ModerationService::joinCluster(ClusterBus &bus)
{
    // A moderator on another node changed someone's role, mute or ban: their apps here follow.
    bus.on(ClusterEvent::UserChanged, [this](const QJsonObject &event) {
        const qint64 userId = event.value(QStringLiteral("id")).toInteger();
        m_storage.run<Expected<StoredCredentials>>(
                this,
                [userId](StorageWorker &worker) {
                    return worker.accounts().credentialsById(userId);
                },
                [this](const Expected<StoredCredentials> &stored) {
                    if (!stored)
                        return;
                    for (ClientConnection *theirs : m_connections.connectionsOf(stored->user.id)) {
                        if (stored->banned) {
                            closeBanned(theirs);
                            continue;
                        }
                        applyRole(theirs, stored->user);
                        theirs->setMutedUntil(stored->mutedUntil);
                    }
                    m_presence.updateUser(stored->user);
                });
    });
    bus.on(ClusterEvent::Announcement, [this](const QJsonObject &event) {
        const qint64 id = event.value(QStringLiteral("id")).toInteger();
        m_storage.run<Expected<Announcement>>(
                this, [id](StorageWorker &worker) { return worker.moderation().announcement(id); },
                [this](const Expected<Announcement> &announcement) {
                    if (announcement)
                        m_announcements->add(announcement.value());
                });
    });
}

void ModerationService::auditLog(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = AuditLogRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    m_storage.run<Expected<QList<AuditEntry>>>(
            connection,
            [page = parsed.value()](StorageWorker &worker) {
                return worker.moderation().auditLog(page.beforeId, page.limit);
            },
            [connection, id = request.id,
             limit = parsed->limit](const Expected<QList<AuditEntry>> &entries) {
                if (!entries)
                    return connection->replyError(id, entries.error());
                QList<AuditEntry> page = entries.value();
                const bool hasMore = page.size() > limit;
                page.resize(std::min<qsizetype>(page.size(), limit));
                connection->reply(id,
                                  {{QStringLiteral("entries"), auditEntriesToJson(page)},
                                   {QStringLiteral("hasMore"), hasMore}});
            });
}

void ModerationService::restrictedUsers(ClientConnection *connection, const Envelope &request)
{
    m_storage.run<Expected<QList<RestrictedUser>>>(
            connection,
            [](StorageWorker &worker) { return worker.moderation().restrictedUsers(now()); },
            [connection, id = request.id](const Expected<QList<RestrictedUser>> &users) {
                if (!users)
                    return connection->replyError(id, users.error());
                QJsonArray array;
                for (const RestrictedUser &user : users.value())
                    array.append(user.toJson());
                connection->reply(id, {{QStringLiteral("users"), array}});
            });
}

} // namespace Hallway
