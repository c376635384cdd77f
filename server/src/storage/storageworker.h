// SPDX-License-Identifier: MIT
#pragma once

#include "chat.h"
#include "databaseoutage.h"
#include "databaseurl.h"
#include "expected.h"
#include "fact.h"
#include "hub.h"
#include "moderation.h"
#include "statementcache.h"
#include "stats.h"
#include "talk.h"
#include "userinfo.h"

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QTimer>
#include <functional>

class QSqlQuery;

namespace Hallway {

struct NewUser {
    QString username;
    QString displayName;
    QString passwordHash;
    QString city;
    QString region;
    Role role = Role::Attendee;
    bool moderatorIfFirst = false; // a moderator instead, if the room has no account yet
};

struct StoredFact {
    Fact fact;
    bool duplicate = false; // the (author, clientId) pair was stored before
};

struct NewFact {
    qint64 authorId = 0;
    QString clientId;
    QString text;
    qint64 createdAt = 0; // ms since the epoch
};

class StorageWorker;

// Facts posted, as one statement for all the posts of a batch (Storage::runGrouped).
struct PostFacts {
    using Request = NewFact;
    using Result = Expected<StoredFact>;
    static Expected<QList<StoredFact>> runAll(StorageWorker &worker, const QList<NewFact> &posts);
};

struct StoredTalk {
    Talk talk;
    bool duplicate = false;
};

struct VoteResult {
    qint64 talkId = 0;
    bool voted = false; // the user's vote after the toggle
    qint64 votes = 0; // the talk's tally after the toggle
    bool changed = false; // false for a resend: nothing was stored
};

struct VoteToggle {
    qint64 userId = 0;
    QString clientId;
    qint64 talkId = 0;
    qint64 createdAt = 0; // ms since the epoch
};

// Vote toggles, as one statement for the toggles of a batch (Storage::runGrouped).
struct ToggleVotes {
    using Request = VoteToggle;
    using Result = Expected<VoteResult>;
    static Expected<QList<Expected<VoteResult>>> runAll(StorageWorker &worker,
                                                        const QList<VoteToggle> &toggles);
};

struct StoredMessage {
    ChatMessage message;
    bool duplicate = false;
};

struct StoredCredentials {
    UserInfo user;
    QString passwordHash;
    bool banned = false;
    qint64 mutedUntil = 0; // ms since the epoch
};

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

// A hub after an edit; for a deletion, the hub as it was.
struct HubChange {
    Hub hub;
    bool removed = false;
};

// One node's share of who is online, when several nodes serve one event.
struct NodePresence {
    QString nodeId;
    UserInfo user;
    PresenceState state = PresenceState::Online;
};

struct Heartbeat {
    QString nodeId; // this node's name now
    QStringList liveNodes; // every node heard from within the timeout, this one included
    bool wasPresumedDead = false; // another node had given this one up and removed its users
};

// Owns the database connection and runs every statement. Lives on the storage thread and is
// only ever called there (through Storage); it knows nothing of sockets or of the protocol
// beyond the domain types. Every method returns after its transaction has committed.
class StorageWorker : public QObject {
    Q_OBJECT
public:
    static constexpr int WatchIntervalMs = 1000;
    static constexpr int IdleCheckTicks = 5; // a ping every 5 s outside an outage

    explicit StorageWorker(const DatabaseUrl &url);
    ~StorageWorker() override;

    Status open();
    void close();

    // Outages (see Storage). A job that failed in the database may have failed because the
    // database is gone (PostgreSQL restarting, a network cut) or cannot write (SQLite on a
    // full or read-only disk); then an outage begins, logged once, and told through
    // availabilityChanged. During one, the connection is tried again with a short back-off,
    // by the next job or by a timer when there is none.
    bool isInOutage() const { return m_outage.isOngoing(); }
    // Whether jobs are answered without running: PostgreSQL's connection is gone. SQLite
    // still reads while its disk is full, so its jobs run and only writes fail.
    bool refusesJobs() const
    {
        return m_outage.isOngoing() && m_url.driver == DatabaseUrl::Driver::Postgres;
    }
    // After a job failed in the database: whether that was an outage (one may begin).
    bool detectOutage();
    // Logs the statements that failed since the last call, unless an outage explains them:
    // called once the jobs that ran are known to have met one or not.
    void reportFailures();
    // During an outage, once the back-off has passed: reconnects, and for SQLite writes a
    // probe row. True if the outage is over.
    bool tryRecover();
    // What a job refused or failed in an outage returns.
    Error outageError() { return m_outage.error(); }
    void countRefused() { m_outage.countRefused(); }

    // Group commit (see Storage): one transaction around several jobs, a savepoint before
    // each. Each returns false if the database refused; then abandonBatch() rolls back all.
    bool beginBatch();
    bool endJob(bool succeeded); // keeps the job's changes, or rolls them back
    bool commitBatch();
    void abandonBatch();
    int schemaVersion() const { return m_schemaVersion; }

    Expected<UserInfo> createUser(const NewUser &user, qint64 nowMs);
    Expected<StoredCredentials> credentialsByUsername(const QString &username);
    Expected<StoredCredentials> credentialsById(qint64 userId);
    // From the server's command line: audited with no moderator.
    Expected<UserInfo> setRole(const QString &username, Role role);
    // A new moderator account made on the server's command line, audited like setRole: the
    // account and its log entry are stored together or not at all.
    Expected<UserInfo> createModerator(NewUser user, qint64 nowMs);
    Expected<qint64> userCount();
    Expected<UserInfo> userById(qint64 userId);

    // Stores a fact once per (author, clientId); a repeat returns the stored one.
    Expected<StoredFact> postFact(qint64 authorId, const QString &clientId, const QString &text,
                                  qint64 nowMs);
    // As postFact() for each, in order, by one statement (two when some are repeats).
    Expected<QList<StoredFact>> postFacts(const QList<NewFact> &posts);
    // A user's facts, newest first, older than beforeId if given; one more than limit is read
    // to tell whether there are more.
    Expected<QList<Fact>> factsByAuthor(qint64 authorId, std::optional<qint64> beforeId, int limit);
    Expected<QList<Fact>> latestFacts(int limit);
    Expected<Fact> fact(qint64 factId); // hidden or not
    Expected<QList<Fact>> facts(const QList<qint64> &factIds); // those that exist, by id

    Expected<bool> votingOpen();
    // Whether this user already stored a write of this request type (fact.post, talk.propose,
    // talk.toggle_vote, chat.send, mod.announce) with this client id: a resend.
    Expected<bool> clientIdStored(const QString &requestType, qint64 userId,
                                  const QString &clientId);
    Expected<AuditEntry> setVotingOpen(bool open, const AuditRecord &audit);
    Expected<StoredTalk> proposeTalk(qint64 speakerId, const QString &clientId,
                                     const QString &title, const QString &abstract, qint64 nowMs);
    // Only the speaker, only while voting is open. A field not given keeps its value.
    Expected<Talk> editTalk(qint64 talkId, qint64 userId, const std::optional<QString> &title,
                            const std::optional<QString> &abstract);
    Status withdrawTalk(qint64 talkId, qint64 userId);
    Expected<Audited<Talk>> setTalkHidden(qint64 talkId, bool hidden, AuditRecord audit);
    // Every talk with its tally, hidden ones only if asked for.
    Expected<QList<Talk>> talks(bool includeHidden);
    Expected<Talk> talk(qint64 talkId);
    // Adds or removes the user's vote in one transaction; a repeated client id changes nothing.
    Expected<VoteResult> toggleVote(qint64 userId, const QString &clientId, qint64 talkId,
                                    qint64 nowMs);
    // As toggleVote() for each, in order: on PostgreSQL one statement (more only when one
    // user toggles one talk twice, or sends one client id twice). The result of a toggle
    // refused (voting closed, no such talk) is its error; the statement's error fails all.
    Expected<QList<Expected<VoteResult>>> toggleVotes(const QList<VoteToggle> &toggles);
    Expected<QList<qint64>> votedTalks(qint64 userId);
    Expected<qint64> tallyOf(qint64 talkId);

    // Stores a message once per (sender, clientId); a repeat returns the stored one.
    Expected<StoredMessage> sendMessage(qint64 from, qint64 to, const QString &clientId,
                                        const QString &text, qint64 nowMs);
    // A conversation's messages, newest first, older than beforeId; one more than limit.
    Expected<QList<ChatMessage>> history(qint64 userLow, qint64 userHigh,
                                         std::optional<qint64> beforeId, int limit);
    Expected<QList<Conversation>> conversations(qint64 userId);
    Expected<ChatMessage> message(qint64 messageId);
    // Moves the user's read marker for the peer forward (never back) to the newest message of
    // their conversation at or before upToId. Returns where it moved to, or 0 if it did not:
    // then nobody needs telling.
    Expected<qint64> markRead(qint64 userId, qint64 peerId, qint64 upToId);
    // Marks the user's received messages delivered; returns those that were not yet.
    Expected<QList<ChatMessage>> markDelivered(qint64 recipientId, const QList<qint64> &messageIds,
                                               qint64 nowMs);

    // Moderation (moderationqueries.cpp). Each action writes its audit entry in its transaction.
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
    Expected<AuditEntry> appendAudit(const AuditRecord &record);
    Expected<AuditEntry> auditEntry(qint64 entryId);

    // Hubs (hubqueries.cpp), in their order of creation.
    Expected<QList<Hub>> hubs();
    Expected<Hub> hub(qint64 hubId);
    Expected<Audited<HubChange>> editHub(const HubEdit &edit, qint64 moderatorId);

    // The room in numbers (statsqueries.cpp).
    Expected<RoomStats> roomStats(qint64 nowMs);

    // Several nodes on one PostgreSQL (clusterqueries.cpp). With a node id set, notifyNodes()
    // tells every other node of a change; PostgreSQL delivers it when the transaction that
    // made the change commits, and never if it rolls back.
    void setNodeId(const QString &nodeId) { m_nodeId = m_baseNodeId = nodeId; }
    void notifyNodes(const QString &kind, QJsonObject payload = {});
    // As the node listening at endpoint; a node that listened there before is dead.
    Status joinCluster(const QString &endpoint);
    // Marks this node alive and forgets the nodes silent for longer than timeoutMs.
    Expected<Heartbeat> heartbeat(qint64 timeoutMs);
    // The user's presence on this node; no state: gone from it.
    Status setPresenceOnNode(const UserInfo &user, std::optional<PresenceState> state);
    Expected<QList<NodePresence>> presenceOnOtherNodes(qint64 timeoutMs);
    Status leaveCluster();

    Status createSession(qint64 userId, const QString &tokenHash, qint64 nowMs);
    Expected<UserInfo> userBySession(const QString &tokenHash, qint64 nowMs);
    Expected<StoredCredentials> sessionCredentials(const QString &tokenHash, qint64 nowMs);
    Status deleteSession(const QString &tokenHash);
    // Which of these sessions still exist.
    Expected<QSet<QString>> existingSessions(const QStringList &tokenHashes);
    Expected<qint64> sessionCount(qint64 userId);
    // Sets the new hash and signs out every other session of the user, in one transaction.
    Status changePassword(qint64 userId, const QString &newHash, const QString &keepTokenHash);

Q_SIGNALS:
    // From the storage thread: an outage began (reason says why) or ended.
    void availabilityChanged(bool available, const QString &reason);

private:
    Status openConnection();
    void beginOutage(const QString &reason);
    void watchConnection();
    PreparedQuery prepared(const QString &sql) { return m_statements.prepared(sql); }
    Error failure(const QString &what, const QSqlQuery &query) const;
    bool isUniqueViolation(const QSqlQuery &query) const;
    Expected<StoredCredentials> readCredentials(QSqlQuery &query);
    Expected<QList<Fact>> readFacts(QSqlQuery &query);
    Expected<QList<Expected<VoteResult>>> toggleVotesAtOnce(const QList<VoteToggle> &toggles);
    Expected<VoteResult> toggleVoteAlone(const VoteToggle &toggle);
    Expected<QList<Fact>> factsByKey(const QList<NewFact> &posts);
    // The facts stored of these posts (repeats insert nothing); PostgreSQL keeps and sends
    // one fact.posted for them all in the same statement.
    Expected<QList<Fact>> insertFacts(const QList<NewFact> &posts);
    Expected<QList<Fact>> insertFactsNotifying(const QList<NewFact> &posts);
    // The CTEs `kept, notified` that keep and send one event of a set-based write for the
    // other nodes, naming ids (an SQL aggregate) of the rows of the CTE rows; the statement
    // must read `(SELECT COUNT(*) FROM notified)`. bindEventOfStatement() binds its values.
    static QString eventOfStatement(const QString &rows, const QString &ids);
    void bindEventOfStatement(QSqlQuery &query, const QString &kind);
    Expected<QList<Talk>> readTalks(QSqlQuery &query);
    Expected<QList<ChatMessage>> readMessages(QSqlQuery &query);
    Expected<QList<Announcement>> readAnnouncements(QSqlQuery &query);
    Error votingClosed() const;
    Expected<RestrictedUser> restrictedUser(qint64 userId);
    Status insertNode();
    Status writePresenceOnNode(const UserInfo &user, std::optional<PresenceState> state);
    // Runs work in a transaction: commits if it succeeds, rolls back if not.
    template<typename Result>
    Expected<Result> inTransaction(const std::function<Expected<Result>()> &work)
    {
        // In a batch the job's savepoint already makes this all or nothing; inside another
        // transaction (a set-based write running each write's own), that one does.
        if (m_inBatch || m_inTransaction)
            return work();
        if (!m_db.transaction()) {
            m_lastError = m_db.lastError();
            return Error{ErrorCode::Internal,
                         QStringLiteral("the database failed to begin a transaction")};
        }
        m_inTransaction = true;
        Expected<Result> result = work();
        m_inTransaction = false;
        if (!result) {
            m_db.rollback();
            return result;
        }
        if (!m_db.commit()) {
            m_lastError = m_db.lastError();
            m_db.rollback();
            return Error{ErrorCode::Internal, QStringLiteral("the database failed to commit")};
        }
        return result;
    }

    DatabaseUrl m_url;
    QString m_connectionName;
    QSqlDatabase m_db;
    StatementCache m_statements{m_db};
    int m_schemaVersion = 0;
    bool m_inBatch = false;
    bool m_inTransaction = false; // inTransaction() is running its work
    mutable QStringList m_unreported; // failures not logged yet (reportFailures)
    mutable QSqlError m_lastError; // of the last statement that failed, to tell an outage
    DatabaseOutage m_outage{QStringLiteral("the database")};
    QTimer *m_watch = nullptr; // retries in an outage; checks an idle connection
    int m_watchTicks = 0;
    QString m_nodeId; // empty: this server is the only one
    QString m_baseNodeId; // as set; m_nodeId is "base~N" after coming back from presumed dead
    int m_incarnation = 0;
    QString m_nodeEndpoint;
    qint64 m_notifySeq = 0;
};

} // namespace Hallway
