// SPDX-License-Identifier: MIT
// TalkStore's statements: talks, whether voting is open, and votes.
// Vote toggles are set-based on PostgreSQL: the toggles of one batch are one statement (a
// data-modifying CTE) that claims each toggle's client id, adds or removes the votes, counts
// the tallies and keeps and sends one talk.vote event for the other nodes. SQLite,
// in-process, runs them one by one in the same transaction.
#include "talkstore.h"
#include "cluster/clusterevent.h"
#include "moderationstore.h"
#include "sqlsession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

namespace Hallway {

namespace {
const QString TalkColumns = QStringLiteral(
        "t.id, t.title, t.abstract, t.hidden, t.created_at, u.id, u.username, u.display_name, "
        "(SELECT COUNT(*) FROM votes v WHERE v.talk_id = t.id) "
        "FROM talks t JOIN users u ON u.id = t.speaker_id");
} // namespace

Error TalkStore::votingClosed() const
{
    return {ErrorCode::Conflict, QStringLiteral("voting is closed")};
}

Expected<bool> TalkStore::votingOpen()
{
    QSqlQuery query(m_session.database());
    if (!query.exec(QStringLiteral("SELECT value FROM room_settings WHERE name = 'voting_open'")))
        return m_session.failure(QStringLiteral("read the voting state"), query);
    return !query.next() || query.value(0).toString() == QLatin1StringView("1");
}

Expected<AuditEntry> TalkStore::setVotingOpen(bool open, const AuditRecord &audit)
{
    return m_session.inTransaction<AuditEntry>([&]() -> Expected<AuditEntry> {
        PreparedQuery query = m_session.prepared(
                QStringLiteral("UPDATE room_settings SET value = ? WHERE name = 'voting_open'"));
        query.addBindValue(open ? QStringLiteral("1") : QStringLiteral("0"));
        if (!query.exec())
            return m_session.failure(QStringLiteral("change the voting state"), query);
        m_session.notifyNodes(ClusterEvent::VotingChanged);
        return m_moderation.appendAudit(audit);
    });
}

Expected<QList<Talk>> TalkStore::readTalks(QSqlQuery &query)
{
    if (!query.exec())
        return m_session.failure(QStringLiteral("read talks"), query);
    QList<Talk> talks;
    while (query.next()) {
        Talk talk;
        talk.id = query.value(0).toLongLong();
        talk.title = query.value(1).toString();
        talk.abstract = query.value(2).toString();
        talk.hidden = query.value(3).toInt() != 0;
        talk.createdAt = query.value(4).toLongLong();
        talk.speaker = {query.value(5).toLongLong(), query.value(6).toString(),
                        query.value(7).toString()};
        talk.votes = query.value(8).toLongLong();
        talks.append(talk);
    }
    return talks;
}

Expected<Talk> TalkStore::talk(qint64 talkId)
{
    PreparedQuery query = m_session.prepared(QStringLiteral("SELECT ") + TalkColumns
                                             + QStringLiteral(" WHERE t.id = ?"));
    query.addBindValue(talkId);
    const auto talks = readTalks(query);
    if (!talks)
        return talks.error();
    if (talks->isEmpty())
        return notFound(QStringLiteral("no talk with id %1").arg(talkId));
    return talks->constFirst();
}

Expected<QList<Talk>> TalkStore::talks(bool includeHidden)
{
    PreparedQuery query =
            m_session.prepared(QStringLiteral("SELECT ") + TalkColumns
                               + (includeHidden ? QString() : QStringLiteral(" WHERE t.hidden = 0"))
                               + QStringLiteral(" ORDER BY t.id"));
    return readTalks(query);
}

Expected<StoredTalk> TalkStore::proposeTalk(qint64 speakerId, const QString &clientId,
                                            const QString &title, const QString &abstract,
                                            qint64 nowMs)
{
    return m_session.inTransaction<StoredTalk>([&]() -> Expected<StoredTalk> {
        PreparedQuery existing = m_session.prepared(
                QStringLiteral("SELECT id FROM talks WHERE speaker_id = ? AND client_id = ?"));
        existing.addBindValue(speakerId);
        existing.addBindValue(clientId);
        if (!existing.exec())
            return m_session.failure(QStringLiteral("read talks"), existing);
        if (existing.next()) {
            const auto stored = talk(existing.value(0).toLongLong());
            if (!stored)
                return stored.error();
            return StoredTalk{stored.value(), true};
        }
        const auto open = votingOpen();
        if (!open)
            return open.error();
        if (!open.value())
            return votingClosed();
        PreparedQuery insert = m_session.prepared(
                QStringLiteral("INSERT INTO talks (speaker_id, client_id, title, abstract, "
                               "created_at) VALUES (?, ?, ?, ?, ?) "
                               "ON CONFLICT (speaker_id, client_id) DO NOTHING"));
        insert.addBindValue(speakerId);
        insert.addBindValue(clientId);
        insert.addBindValue(title);
        insert.addBindValue(nonNull(abstract));
        insert.addBindValue(nowMs);
        if (!insert.exec())
            return m_session.failure(QStringLiteral("store a talk"), insert);
        // Nothing inserted: the same resend was stored meanwhile, through another node.
        const bool inserted = insert.numRowsAffected() > 0;
        PreparedQuery created = m_session.prepared(
                QStringLiteral("SELECT id FROM talks WHERE speaker_id = ? AND client_id = ?"));
        created.addBindValue(speakerId);
        created.addBindValue(clientId);
        if (!created.exec() || !created.next())
            return m_session.failure(QStringLiteral("read a new talk"), created);
        const auto stored = talk(created.value(0).toLongLong());
        if (!stored)
            return stored.error();
        if (!inserted)
            return StoredTalk{stored.value(), true};
        m_session.notifyNodes(ClusterEvent::TalkChanged, {{QStringLiteral("id"), stored->id}});
        return StoredTalk{stored.value(), false};
    });
}

Expected<Talk> TalkStore::editTalk(qint64 talkId, qint64 userId,
                                   const std::optional<QString> &title,
                                   const std::optional<QString> &abstract)
{
    return m_session.inTransaction<Talk>([&]() -> Expected<Talk> {
        const auto current = talk(talkId);
        if (!current)
            return current.error();
        if (current->speaker.id != userId)
            return Error{ErrorCode::Forbidden, QStringLiteral("only the speaker can edit a talk")};
        const auto open = votingOpen();
        if (!open)
            return open.error();
        if (!open.value())
            return votingClosed();
        PreparedQuery update = m_session.prepared(
                QStringLiteral("UPDATE talks SET title = ?, abstract = ? WHERE id = ?"));
        update.addBindValue(title.value_or(current->title));
        update.addBindValue(nonNull(abstract.value_or(current->abstract)));
        update.addBindValue(talkId);
        if (!update.exec())
            return m_session.failure(QStringLiteral("edit a talk"), update);
        m_session.notifyNodes(ClusterEvent::TalkChanged, {{QStringLiteral("id"), talkId}});
        return talk(talkId);
    });
}

Status TalkStore::withdrawTalk(qint64 talkId, qint64 userId)
{
    return m_session.inTransaction<Done>([&]() -> Status {
        const auto current = talk(talkId);
        if (!current)
            return current.error();
        if (current->speaker.id != userId)
            return Error{ErrorCode::Forbidden,
                         QStringLiteral("only the speaker can withdraw a talk")};
        const auto open = votingOpen();
        if (!open)
            return open.error();
        if (!open.value())
            return votingClosed();
        PreparedQuery remove = m_session.prepared(QStringLiteral("DELETE FROM talks WHERE id = ?"));
        remove.addBindValue(talkId);
        if (!remove.exec())
            return m_session.failure(QStringLiteral("withdraw a talk"), remove);
        m_session.notifyNodes(ClusterEvent::TalkChanged, {{QStringLiteral("id"), talkId}});
        return Done{};
    });
}

Expected<TalkVisibilityChange> TalkStore::setTalkHidden(qint64 talkId, bool hidden,
                                                        AuditRecord audit)
{
    return m_session.inTransaction<TalkVisibilityChange>([&]() -> Expected<TalkVisibilityChange> {
        // Conditional, so that of two moderators hiding one talk at once only one changes it:
        // the other finds no row and tells nobody (as ModerationStore::setFactHidden).
        PreparedQuery update = m_session.prepared(
                QStringLiteral("UPDATE talks SET hidden = ? WHERE id = ? AND hidden <> ?"));
        update.addBindValue(hidden ? 1 : 0);
        update.addBindValue(talkId);
        update.addBindValue(hidden ? 1 : 0);
        if (!update.exec())
            return m_session.failure(QStringLiteral("hide a talk"), update);
        const auto changed = talk(talkId); // not found: no such talk
        if (!changed)
            return changed.error();
        if (update.numRowsAffected() == 0)
            return TalkVisibilityChange{changed.value(), std::nullopt};
        audit.targetUserId = changed->speaker.id;
        audit.detail.insert(QStringLiteral("title"), changed->title);
        m_session.notifyNodes(ClusterEvent::TalkChanged, {{QStringLiteral("id"), talkId}});
        const auto entry = m_moderation.appendAudit(audit);
        if (!entry)
            return entry.error();
        return TalkVisibilityChange{changed.value(), entry.value()};
    });
}

Expected<qint64> TalkStore::tallyOf(qint64 talkId)
{
    PreparedQuery query =
            m_session.prepared(QStringLiteral("SELECT COUNT(*) FROM votes WHERE talk_id = ?"));
    query.addBindValue(talkId);
    if (!query.exec() || !query.next())
        return m_session.failure(QStringLiteral("count votes"), query);
    return query.value(0).toLongLong();
}

Expected<QList<qint64>> TalkStore::votedTalks(qint64 userId)
{
    PreparedQuery query = m_session.prepared(
            QStringLiteral("SELECT talk_id FROM votes WHERE user_id = ? ORDER BY talk_id"));
    query.addBindValue(userId);
    if (!query.exec())
        return m_session.failure(QStringLiteral("read votes"), query);
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    return ids;
}

namespace {
// Where a toggle stands after the statement.
const QString Changed = QStringLiteral("changed");
const QString Repeat = QStringLiteral("repeat"); // its client id was stored before
const QString Closed = QStringLiteral("closed");
const QString Missing = QStringLiteral("missing"); // no such talk, or a hidden one
// Its client id was stored by another node after the statement began: read it back.
const QString Raced = QStringLiteral("raced");

// Toggles that can share one statement: it sees the votes as they were before it, so a user's
// second toggle of one talk, or a second send of one client id, waits for the next.
QList<QList<VoteToggle>> intoStatements(const QList<VoteToggle> &toggles)
{
    QList<QList<VoteToggle>> statements(1);
    QSet<std::pair<qint64, qint64>> votes;
    QSet<std::pair<qint64, QString>> clientIds;
    for (const VoteToggle &toggle : toggles) {
        const std::pair vote{toggle.userId, toggle.talkId};
        const std::pair clientId{toggle.userId, toggle.clientId};
        if (votes.contains(vote) || clientIds.contains(clientId)) {
            statements.append(QList<VoteToggle>());
            votes.clear();
            clientIds.clear();
        }
        votes.insert(vote);
        clientIds.insert(clientId);
        statements.last().append(toggle);
    }
    return statements;
}

QString togglesAsJson(const QList<VoteToggle> &toggles)
{
    QJsonArray rows;
    for (const VoteToggle &toggle : toggles)
        rows.append(QJsonObject{{QStringLiteral("u"), toggle.userId},
                                {QStringLiteral("c"), toggle.clientId},
                                {QStringLiteral("t"), toggle.talkId},
                                {QStringLiteral("n"), toggle.createdAt}});
    return QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact));
}
} // namespace

Expected<VoteResult> TalkStore::toggleVote(qint64 userId, const QString &clientId, qint64 talkId,
                                           qint64 nowMs)
{
    const auto results = toggleVotes({VoteToggle{userId, clientId, talkId, nowMs}});
    if (!results)
        return results.error();
    return results->constFirst();
}

Expected<QList<Expected<VoteResult>>> TalkStore::toggleVotes(const QList<VoteToggle> &toggles)
{
    return m_session.inTransaction<QList<Expected<VoteResult>>>(
            [&]() -> Expected<QList<Expected<VoteResult>>> {
                QList<Expected<VoteResult>> results;
                results.reserve(toggles.size());
                if (!m_session.isPostgres()) {
                    for (const VoteToggle &toggle : toggles) {
                        auto result = toggleVoteAlone(toggle);
                        if (!result && result.error().code == ErrorCode::Internal)
                            return result.error(); // the whole group, then each alone
                        results.append(std::move(result));
                    }
                    return results;
                }
                for (const QList<VoteToggle> &statement : intoStatements(toggles)) {
                    const auto stored = toggleVotesAtOnce(statement);
                    if (!stored)
                        return stored.error();
                    results.append(stored.value());
                }
                return results;
            });
}

Expected<QList<Expected<VoteResult>>> TalkStore::toggleVotesAtOnce(const QList<VoteToggle> &toggles)
{
    // The tallies count the votes as they were when the statement began, plus what it added,
    // minus what it removed: a data-modifying CTE's changes are not visible to the rest of
    // its statement.
    PreparedQuery query = m_session.prepared(
            QStringLiteral(
                    "WITH input AS (SELECT * FROM ROWS FROM (json_to_recordset(CAST(? AS JSON)) "
                    "AS (u BIGINT, c TEXT, t BIGINT, n BIGINT)) WITH ORDINALITY "
                    "AS i(user_id, client_id, talk_id, created_at, ord)), "
                    "open AS (SELECT COALESCE((SELECT value = '1' FROM room_settings "
                    "WHERE name = 'voting_open'), TRUE) AS yes), "
                    // LIMIT keeps this a lookup by key per toggle: the planner guesses 100
                    // input rows and would scan every toggle ever stored.
                    "earlier AS (SELECT i.ord, vt.talk_id, vt.voted FROM input i "
                    "JOIN LATERAL (SELECT talk_id, voted FROM vote_toggles WHERE user_id = "
                    "i.user_id AND client_id = i.client_id LIMIT 1) vt ON TRUE), "
                    "valid AS (SELECT i.* FROM input i JOIN talks t ON t.id = i.talk_id "
                    "AND t.hidden = 0 WHERE (SELECT yes FROM open) "
                    "AND i.ord NOT IN (SELECT ord FROM earlier)), "
                    // The client id is claimed with the vote's new state: the same toggle
                    // resent through another node at this moment waits here, then finds it
                    // taken.
                    "claimed AS (INSERT INTO vote_toggles (user_id, client_id, talk_id, voted) "
                    "SELECT v.user_id, v.client_id, v.talk_id, CASE WHEN EXISTS (SELECT 1 FROM "
                    "votes x WHERE x.talk_id = v.talk_id AND x.user_id = v.user_id) THEN 0 ELSE 1 "
                    "END FROM valid v ORDER BY v.ord ON CONFLICT DO NOTHING "
                    "RETURNING user_id, client_id, talk_id, voted), "
                    "removed AS (DELETE FROM votes x USING claimed c WHERE c.voted = 0 "
                    "AND x.talk_id = c.talk_id AND x.user_id = c.user_id RETURNING x.talk_id), "
                    // Stamped with the newest toggle's time: joining back to the input for
                    // each one's own would be a loop over all of them per vote.
                    "added AS (INSERT INTO votes (talk_id, user_id, created_at) "
                    "SELECT c.talk_id, c.user_id, (SELECT MAX(created_at) FROM input) "
                    "FROM claimed c WHERE c.voted = 1 ON CONFLICT DO NOTHING RETURNING talk_id), "
                    "delta AS (SELECT talk_id, SUM(d) AS d FROM (SELECT talk_id, 1 AS d FROM added "
                    "UNION ALL SELECT talk_id, -1 FROM removed) changes GROUP BY talk_id), "
                    "touched AS (SELECT talk_id FROM claimed UNION SELECT talk_id FROM earlier), "
                    "tallies AS (SELECT t.talk_id, (SELECT COUNT(*) FROM votes x "
                    "WHERE x.talk_id = t.talk_id) + COALESCE((SELECT d FROM delta "
                    "WHERE delta.talk_id = t.talk_id), 0) AS votes FROM touched t), "
                    "%1 "
                    "SELECT CASE WHEN c.user_id IS NOT NULL THEN '%2' WHEN e.ord IS NOT NULL "
                    "THEN '%3' WHEN NOT (SELECT yes FROM open) THEN '%4' WHEN v.ord IS NULL "
                    "THEN '%5' ELSE '%6' END, COALESCE(c.talk_id, e.talk_id, i.talk_id), "
                    "COALESCE(c.voted, e.voted, 0), COALESCE(tl.votes, 0), "
                    "(SELECT COUNT(*) FROM notified) FROM input i "
                    "LEFT JOIN claimed c ON c.user_id = i.user_id AND c.client_id = i.client_id "
                    "LEFT JOIN earlier e ON e.ord = i.ord LEFT JOIN valid v ON v.ord = i.ord "
                    "LEFT JOIN tallies tl ON tl.talk_id = COALESCE(c.talk_id, e.talk_id) "
                    "ORDER BY i.ord")
                    .arg(SqlSession::eventOfStatement(QStringLiteral("claimed"),
                                                      QStringLiteral("json_agg(DISTINCT talk_id)")),
                         Changed, Repeat, Closed, Missing, Raced));
    query.addBindValue(togglesAsJson(toggles));
    m_session.bindEventOfStatement(query, ClusterEvent::VoteCast);
    if (!query.exec())
        return m_session.failure(QStringLiteral("toggle votes"), query);
    QList<Expected<VoteResult>> results;
    QList<qsizetype> raced;
    while (query.next()) {
        const QString outcome = query.value(0).toString();
        const qint64 talkId = query.value(1).toLongLong();
        if (outcome == Closed) {
            results.append(votingClosed());
        } else if (outcome == Missing) {
            results.append(
                    Error{ErrorCode::NotFound, QStringLiteral("no talk with id %1").arg(talkId)});
        } else {
            if (outcome == Raced)
                raced.append(results.size());
            results.append(VoteResult{talkId, query.value(2).toInt() != 0,
                                      query.value(3).toLongLong(), outcome == Changed});
        }
    }
    query.finish();
    if (results.size() != toggles.size())
        return Error{ErrorCode::Internal, QStringLiteral("a vote toggle went missing")};
    // Rare: what the other node stored, as a resend would find it now.
    for (qsizetype index : raced) {
        const auto earlier = toggleVoteAlone(toggles.at(index));
        if (!earlier)
            return earlier.error();
        results[index] = earlier.value();
    }
    return results;
}

Expected<VoteResult> TalkStore::toggleVoteAlone(const VoteToggle &toggle)
{
    const qint64 userId = toggle.userId;
    const QString &clientId = toggle.clientId;
    const qint64 talkId = toggle.talkId;
    return m_session.inTransaction<VoteResult>([&]() -> Expected<VoteResult> {
        // A resend: what the first one did, with the tally now; nothing changes.
        const auto earlier = [&]() -> std::optional<Expected<VoteResult>> {
            PreparedQuery seen = m_session.prepared(QStringLiteral(
                    "SELECT talk_id, voted FROM vote_toggles WHERE user_id = ? AND client_id = ?"));
            seen.addBindValue(userId);
            seen.addBindValue(clientId);
            if (!seen.exec())
                return m_session.failure(QStringLiteral("read a vote"), seen);
            if (!seen.next())
                return std::nullopt;
            const qint64 earlierTalk = seen.value(0).toLongLong();
            const bool voted = seen.value(1).toInt() != 0;
            const auto tally = tallyOf(earlierTalk);
            if (!tally)
                return tally.error();
            return VoteResult{earlierTalk, voted, tally.value(), false};
        };
        if (auto resend = earlier())
            return *resend;
        const auto open = votingOpen();
        if (!open)
            return open.error();
        if (!open.value())
            return votingClosed();
        const auto target = talk(talkId);
        if (!target || target->hidden)
            return target
                    ? Error{ErrorCode::NotFound, QStringLiteral("no talk with id %1").arg(talkId)}
                    : target.error();

        // The client id is claimed before the vote changes: the same toggle resent through
        // another node at this moment waits here, then finds it taken and is a resend.
        PreparedQuery claim = m_session.prepared(
                QStringLiteral("INSERT INTO vote_toggles (user_id, client_id, talk_id, "
                               "voted) VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING"));
        claim.addBindValue(userId);
        claim.addBindValue(clientId);
        claim.addBindValue(talkId);
        if (!claim.exec())
            return m_session.failure(QStringLiteral("record a vote"), claim);
        if (claim.numRowsAffected() == 0) {
            if (auto resend = earlier())
                return *resend;
            return Error{ErrorCode::Internal, QStringLiteral("a recorded vote vanished")};
        }

        PreparedQuery remove = m_session.prepared(
                QStringLiteral("DELETE FROM votes WHERE talk_id = ? AND user_id = ?"));
        remove.addBindValue(talkId);
        remove.addBindValue(userId);
        if (!remove.exec())
            return m_session.failure(QStringLiteral("remove a vote"), remove);
        const bool voted = remove.numRowsAffected() == 0;
        if (voted) {
            PreparedQuery insert = m_session.prepared(QStringLiteral(
                    "INSERT INTO votes (talk_id, user_id, created_at) VALUES (?, ?, ?)"));
            insert.addBindValue(talkId);
            insert.addBindValue(userId);
            insert.addBindValue(toggle.createdAt);
            if (!insert.exec())
                return m_session.failure(QStringLiteral("store a vote"), insert);
            PreparedQuery record = m_session.prepared(QStringLiteral(
                    "UPDATE vote_toggles SET voted = 1 WHERE user_id = ? AND client_id = ?"));
            record.addBindValue(userId);
            record.addBindValue(clientId);
            if (!record.exec())
                return m_session.failure(QStringLiteral("record a vote"), record);
        }
        const auto tally = tallyOf(talkId);
        if (!tally)
            return tally.error();
        m_session.notifyNodes(ClusterEvent::VoteCast,
                              {{QStringLiteral("ids"), QJsonArray{talkId}}});
        return VoteResult{talkId, voted, tally.value(), true};
    });
}

} // namespace Hallway
