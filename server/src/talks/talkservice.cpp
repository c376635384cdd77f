// SPDX-License-Identifier: MIT
#include "talkservice.h"
#include "cluster/clusterbus.h"
#include "cluster/clusterevent.h"
#include "logging.h"
#include "moderation/audittrail.h"
#include "net/clientconnection.h"
#include "protocol.h"
#include "storage/storage.h"
#include "talkmessages.h"
#include "topics/talkstopic.h"

#include <QDateTime>
#include <QJsonArray>

namespace Hallway {

namespace {
qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

TalkService::TalkService(Storage &storage, AuditTrail &audit, int tallyIntervalMs, int history,
                         QObject *parent)
    : QObject(parent),
      m_storage(storage),
      m_audit(audit),
      m_topic(std::make_unique<TalksTopic>(tallyIntervalMs, history))
{
}

TalkService::~TalkService() = default;

Status TalkService::load()
{
    const auto state = m_storage.runBlocking<Expected<TalkList>>(
            [](StorageWorker &worker) -> Expected<TalkList> {
                const auto open = worker.talks().votingOpen();
                if (!open)
                    return open.error();
                const auto talks = worker.talks().talks(false);
                if (!talks)
                    return talks.error();
                return TalkList{open.value(), talks.value()};
            });
    if (!state)
        return state.error();
    m_topic->reset(state->talks, state->votingOpen);
    return Done{};
}

bool TalkService::handle(ClientConnection *connection, const Envelope &request)
{
    namespace Type = Protocol::Type;
    using Handler = void (TalkService::*)(ClientConnection *, const Envelope &);
    static const QHash<QString, Handler> handlers = {
            {Type::ProposeTalk, &TalkService::propose},
            {Type::EditTalk, &TalkService::edit},
            {Type::WithdrawTalk, &TalkService::withdraw},
            {Type::ToggleVote, &TalkService::toggleVote},
            {Type::MyVotes, &TalkService::myVotes},
            {Type::SetVoting, &TalkService::setVoting},
            {Type::HideTalk, &TalkService::setHidden},
            {Type::ListTalks, &TalkService::list},
            {Type::ExportTalks, &TalkService::exportResults},
    };
    const Handler handler = handlers.value(request.type);
    if (!handler)
        return false;
    (this->*handler)(connection, request);
    return true;
}

bool TalkService::requireModerator(ClientConnection *connection, const Envelope &request)
{
    return connection->requireModerator(request.id);
}

void TalkService::propose(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = ProposeTalkRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    m_storage.run<Expected<StoredTalk>>(
            this,
            [speakerId = connection->user()->id, talk = parsed.value()](StorageWorker &worker) {
                return worker.talks().proposeTalk(speakerId, talk.clientId, talk.title,
                                                  talk.abstract, now());
            },
            [this,
             answer = PendingReply(connection, request.id)](const Expected<StoredTalk> &stored) {
                if (!stored)
                    return answer.replyError(stored.error());
                answer.reply({{QStringLiteral("talk"), stored->talk.toJson()},
                              {QStringLiteral("duplicate"), stored->duplicate}});
                if (!stored->duplicate)
                    m_topic->upsert(stored->talk);
            });
}

void TalkService::edit(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = EditTalkRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    m_storage.run<Expected<Talk>>(
            this,
            [userId = connection->user()->id, edit = parsed.value()](StorageWorker &worker) {
                return worker.talks().editTalk(edit.talkId, userId, edit.title, edit.abstract);
            },
            [this, answer = PendingReply(connection, request.id)](const Expected<Talk> &talk) {
                if (!talk)
                    return answer.replyError(talk.error());
                answer.reply({{QStringLiteral("talk"), talk->toJson()}});
                if (!talk->hidden)
                    m_topic->upsert(talk.value());
            });
}

void TalkService::withdraw(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = TalkRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    m_storage.run<Status>(
            this,
            [userId = connection->user()->id, talkId = parsed->talkId](StorageWorker &worker) {
                return worker.talks().withdrawTalk(talkId, userId);
            },
            [this, answer = PendingReply(connection, request.id),
             talkId = parsed->talkId](const Status &status) {
                if (!status)
                    return answer.replyError(status.error());
                answer.reply();
                m_topic->remove(talkId);
            });
}

void TalkService::toggleVote(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = ToggleVoteRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    // Grouped: the toggles waiting together are stored by one statement.
    m_storage.runGrouped<ToggleVotes>(
            this, VoteToggle{connection->user()->id, parsed->clientId, parsed->talkId, now()},
            [this,
             answer = PendingReply(connection, request.id)](const Expected<VoteResult> &vote) {
                if (!vote)
                    return answer.replyError(vote.error());
                answer.reply(
                        VoteReply{vote->talkId, vote->voted, vote->votes, !vote->changed}.toJson());
                // Results arrive in commit order, so the last count set is the database's.
                if (vote->changed)
                    m_topic->setTally(vote->talkId, vote->votes);
            });
}

void TalkService::myVotes(ClientConnection *connection, const Envelope &request)
{
    m_storage.run<Expected<QList<qint64>>>(
            connection,
            [userId = connection->user()->id](StorageWorker &worker) {
                return worker.talks().votedTalks(userId);
            },
            [connection, id = request.id](const Expected<QList<qint64>> &ids) {
                if (!ids)
                    return connection->replyError(id, ids.error());
                connection->reply(id, MyVotesReply{ids.value()}.toJson());
            });
}

void TalkService::setVoting(ClientConnection *connection, const Envelope &request)
{
    if (!requireModerator(connection, request))
        return;
    const auto parsed = SetVotingRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    const AuditRecord audit{connection->user()->id,
                            parsed->open ? QStringLiteral("open_voting")
                                         : QStringLiteral("close_voting"),
                            std::nullopt,
                            {},
                            {}};
    m_storage.run<Expected<AuditEntry>>(
            this,
            [open = parsed->open, audit](StorageWorker &worker) {
                return worker.talks().setVotingOpen(open, audit);
            },
            [this, answer = PendingReply(connection, request.id), open = parsed->open,
             moderator = connection->user()->username](const Expected<AuditEntry> &entry) {
                if (!entry)
                    return answer.replyError(entry.error());
                qCInfo(lcServer).noquote()
                        << quotedForLog(moderator) << (open ? "opened" : "closed") << "voting";
                answer.reply();
                m_topic->setVotingOpen(open);
                m_audit.publish(entry.value());
            });
}

void TalkService::setHidden(ClientConnection *connection, const Envelope &request)
{
    if (!requireModerator(connection, request))
        return;
    const auto parsed = SetHiddenRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    const AuditRecord audit{connection->user()->id,
                            parsed->hidden ? QStringLiteral("hide_talk")
                                           : QStringLiteral("unhide_talk"),
                            std::nullopt,
                            QStringLiteral("talk %1").arg(parsed->talkId),
                            {}};
    m_storage.run<Expected<TalkVisibilityChange>>(
            this,
            [hide = parsed.value(), audit](StorageWorker &worker) {
                return worker.talks().setTalkHidden(hide.talkId, hide.hidden, audit);
            },
            [this, answer = PendingReply(connection, request.id)](
                    const Expected<TalkVisibilityChange> &changed) {
                if (!changed)
                    return answer.replyError(changed.error());
                const Talk &talk = changed->talk;
                answer.reply({{QStringLiteral("talk"), talk.toJson()}});
                if (!changed->entry)
                    return; // it already was so: nobody needs telling
                if (talk.hidden)
                    m_topic->remove(talk.id);
                else
                    m_topic->upsert(talk);
                m_audit.publish(*changed->entry);
            });
}

void TalkService::list(ClientConnection *connection, const Envelope &request)
{
    if (!requireModerator(connection, request))
        return;
    m_storage.run<Expected<QList<Talk>>>(
            connection, [](StorageWorker &worker) { return worker.talks().talks(true); },
            [this, connection, id = request.id](const Expected<QList<Talk>> &talks) {
                if (!talks)
                    return connection->replyError(id, talks.error());
                connection->reply(id, TalkList{m_topic->votingOpen(), talks.value()}.toJson());
            });
}

void TalkService::exportResults(ClientConnection *connection, const Envelope &request)
{
    if (!requireModerator(connection, request))
        return;
    m_storage.run<Expected<QList<Talk>>>(
            connection, [](StorageWorker &worker) { return worker.talks().talks(false); },
            [connection, id = request.id](const Expected<QList<Talk>> &talks) {
                if (!talks)
                    return connection->replyError(id, talks.error());
                connection->reply(id, {{QStringLiteral("csv"), talkResultsCsv(talks.value())}});
            });
}

void TalkService::joinCluster(ClusterBus &bus)
{
    bus.on(ClusterEvent::TalkChanged, [this](const QJsonObject &event) {
        const qint64 talkId = event.value(QStringLiteral("id")).toInteger();
        m_storage.run<Expected<Talk>>(
                this, [talkId](StorageWorker &worker) { return worker.talks().talk(talkId); },
                [this, talkId](const Expected<Talk> &talk) { publishTalk(talkId, talk); });
    });
    bus.on(ClusterEvent::VoteCast, [this](const QJsonObject &event) {
        // One event for all the talks one statement counted votes for on the other node.
        for (const QJsonValue &id : event.value(QStringLiteral("ids")).toArray())
            m_staleTallies.insert(id.toInteger());
        if (!m_readingTallies)
            readStaleTallies();
    });
    bus.on(ClusterEvent::VotingChanged, [this](const QJsonObject &) {
        m_storage.run<Expected<bool>>(
                this, [](StorageWorker &worker) { return worker.talks().votingOpen(); },
                [this](const Expected<bool> &open) {
                    if (open)
                        m_topic->setVotingOpen(open.value());
                });
    });
}

void TalkService::publishTalk(qint64 talkId, const Expected<Talk> &talk)
{
    if (talk && !talk->hidden)
        m_topic->upsert(talk.value());
    else if (talk || talk.error().code == ErrorCode::NotFound)
        m_topic->remove(talkId); // hidden or withdrawn
}

void TalkService::readStaleTallies()
{
    // Read after the notifications came, so after the votes they tell of committed: the
    // counts are at least as new as those votes, and the last count set wins.
    m_readingTallies = true;
    const QSet<qint64> talkIds = std::exchange(m_staleTallies, {});
    m_storage.run<Expected<QHash<qint64, qint64>>>(
            this,
            [talkIds](StorageWorker &worker) -> Expected<QHash<qint64, qint64>> {
                QHash<qint64, qint64> tallies;
                for (const qint64 talkId : talkIds) {
                    const auto tally = worker.talks().tallyOf(talkId);
                    if (!tally)
                        return tally.error();
                    tallies.insert(talkId, tally.value());
                }
                return tallies;
            },
            [this, talkIds](const Expected<QHash<qint64, qint64>> &tallies) {
                m_readingTallies = false;
                if (tallies) {
                    for (auto it = tallies->cbegin(); it != tallies->cend(); ++it)
                        m_topic->setTally(it.key(), it.value());
                } else {
                    m_staleTallies.unite(talkIds); // read them again
                }
                if (!m_staleTallies.isEmpty())
                    readStaleTallies();
            });
}

} // namespace Hallway
