// SPDX-License-Identifier: MIT
#pragma once

#include "chat.h"
#include "databaseurl.h"
#include "expected.h"
#include "fact.h"
#include "talk.h"
#include "userinfo.h"

#include <QObject>
#include <QSqlDatabase>
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
};

struct StoredFact {
    Fact fact;
    bool duplicate = false; // the (author, clientId) pair was stored before
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

struct StoredMessage {
    ChatMessage message;
    bool duplicate = false;
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
    Expected<UserInfo> userById(qint64 userId);

    // Stores a fact once per (author, clientId); a repeat returns the stored one.
    Expected<StoredFact> postFact(qint64 authorId, const QString &clientId, const QString &text,
                                  qint64 nowMs);
    // A user's facts, newest first, older than beforeId if given; one more than limit is read
    // to tell whether there are more.
    Expected<QList<Fact>> factsByAuthor(qint64 authorId, std::optional<qint64> beforeId, int limit);
    Expected<QList<Fact>> latestFacts(int limit);

    Expected<bool> votingOpen();
    Status setVotingOpen(bool open);
    Expected<StoredTalk> proposeTalk(qint64 speakerId, const QString &clientId,
                                     const QString &title, const QString &abstract, qint64 nowMs);
    // Only the speaker, only while voting is open.
    Expected<Talk> editTalk(qint64 talkId, qint64 userId, const QString &title,
                            const QString &abstract);
    Status withdrawTalk(qint64 talkId, qint64 userId);
    Expected<Talk> setTalkHidden(qint64 talkId, bool hidden);
    // Every talk with its tally, hidden ones only if asked for.
    Expected<QList<Talk>> talks(bool includeHidden);
    Expected<Talk> talk(qint64 talkId);
    // Adds or removes the user's vote in one transaction; a repeated client id changes nothing.
    Expected<VoteResult> toggleVote(qint64 userId, const QString &clientId, qint64 talkId,
                                    qint64 nowMs);
    Expected<QList<qint64>> votedTalks(qint64 userId);

    // Stores a message once per (sender, clientId); a repeat returns the stored one.
    Expected<StoredMessage> sendMessage(qint64 from, qint64 to, const QString &clientId,
                                        const QString &text, qint64 nowMs);
    // A conversation's messages, newest first, older than beforeId; one more than limit.
    Expected<QList<ChatMessage>> history(qint64 userLow, qint64 userHigh,
                                         std::optional<qint64> beforeId, int limit);
    Expected<QList<Conversation>> conversations(qint64 userId);
    // Moves the user's read marker for the peer forward to upToId (never back).
    Status markRead(qint64 userId, qint64 peerId, qint64 upToId);
    // Marks the user's received messages delivered; returns those that were not yet.
    Expected<QList<ChatMessage>> markDelivered(qint64 recipientId, const QList<qint64> &messageIds,
                                               qint64 nowMs);

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
    Expected<QList<Fact>> readFacts(QSqlQuery &query);
    Expected<Fact> factByClientId(qint64 authorId, const QString &clientId);
    Expected<QList<Talk>> readTalks(QSqlQuery &query);
    Expected<QList<ChatMessage>> readMessages(QSqlQuery &query);
    Expected<qint64> tallyOf(qint64 talkId);
    Error votingClosed() const;
    // Runs work in a transaction: commits if it succeeds, rolls back if not.
    template<typename Result>
    Expected<Result> inTransaction(const std::function<Expected<Result>()> &work);

    DatabaseUrl m_url;
    QString m_connectionName;
    QSqlDatabase m_db;
    int m_schemaVersion = 0;
};

} // namespace Hallway
