// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "moderationstore.h"
#include "talk.h"

#include <QList>
#include <optional>

class QSqlQuery;

namespace Hallway {

class SqlSession;
class StorageWorker;

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

// A talk after a moderator hid or showed it.
struct TalkVisibilityChange {
    Talk talk;
    std::optional<AuditEntry> entry; // empty when the talk already was so: nothing happened
};

// Talks and the votes for them, while voting is open. Moderators' changes (opening and
// closing the vote, hiding a talk) are audited through the ModerationStore.
class TalkStore {
public:
    TalkStore(SqlSession &session, ModerationStore &moderation)
        : m_session(session), m_moderation(moderation)
    {
    }

    Expected<bool> votingOpen();
    Expected<AuditEntry> setVotingOpen(bool open, const AuditRecord &audit);
    Expected<StoredTalk> proposeTalk(qint64 speakerId, const QString &clientId,
                                     const QString &title, const QString &abstract, qint64 nowMs);
    // Only the speaker, only while voting is open. A field not given keeps its value.
    Expected<Talk> editTalk(qint64 talkId, qint64 userId, const std::optional<QString> &title,
                            const std::optional<QString> &abstract);
    Status withdrawTalk(qint64 talkId, qint64 userId);
    // Hiding a hidden talk (or showing a visible one) writes, relays and audits nothing.
    Expected<TalkVisibilityChange> setTalkHidden(qint64 talkId, bool hidden, AuditRecord audit);
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

private:
    Expected<QList<Talk>> readTalks(QSqlQuery &query);
    Error votingClosed() const;
    Expected<QList<Expected<VoteResult>>> toggleVotesAtOnce(const QList<VoteToggle> &toggles);
    Expected<VoteResult> toggleVoteAlone(const VoteToggle &toggle);

    SqlSession &m_session;
    ModerationStore &m_moderation;
};

} // namespace Hallway
