// SPDX-License-Identifier: MIT
#include "factservice.h"
#include "cluster/clusterbus.h"
#include "cluster/clusterevent.h"
#include "logging.h"
#include "net/clientconnection.h"
#include "protocol.h"
#include "storage/storage.h"
#include "topics/communityfeedtopic.h"
#include "topics/usertopics.h"

#include <QDateTime>
#include <QJsonArray>

namespace Hallway {

namespace {
// A user's feed: its state lives in the database, so its snapshot is read there.
class UserFeedTopic : public Topic {
public:
    UserFeedTopic(qint64 userId, int history, QObject *parent)
        : Topic(Protocol::Topic::userFacts(userId), history, parent)
    {
    }
    void posted(const Fact &fact) { publish(FactsPosted{{fact}}.toJson()); }
    void removed(qint64 factId) { publish(FactsRemoved{{factId}}.toJson()); }
};

FactPage toPage(QList<Fact> facts, int limit)
{
    const bool hasMore = facts.size() > limit;
    if (hasMore)
        facts.resize(limit);
    return {facts, hasMore};
}
} // namespace

FactService::FactService(Storage &storage, int communitySize, int communityIntervalMs, int history,
                         qint64 idleMs, QObject *parent)
    : QObject(parent),
      m_storage(storage),
      m_history(history),
      m_community(
              std::make_unique<CommunityFeedTopic>(communitySize, communityIntervalMs, history)),
      m_userFeeds(new UserTopics(
              [history](qint64 userId, QObject *owner) {
                  return new UserFeedTopic(userId, history, owner);
              },
              idleMs, this))
{
}

FactService::~FactService() = default;

Status FactService::loadCommunityFeed()
{
    const int size = CommunityFeedTopic::KeptFacts;
    const auto latest = m_storage.runBlocking<Expected<QList<Fact>>>(
            [size](StorageWorker &worker) { return worker.facts().latestFacts(size); });
    if (!latest)
        return latest.error();
    m_community->setLatest(latest.value());
    return Done{};
}

void FactService::post(ClientConnection *connection, const QJsonValue &requestId,
                       const PostFactRequest &request)
{
    // Grouped: the posts waiting together are stored by one statement.
    m_storage.runGrouped<PostFacts>(
            this,
            NewFact{connection->user()->id, request.clientId, request.text,
                    QDateTime::currentMSecsSinceEpoch()},
            [this,
             answer = PendingReply(connection, requestId)](const Expected<StoredFact> &stored) {
                if (!stored)
                    return answer.replyError(stored.error());
                // Acknowledged after commit; the poster sees it at once from this reply.
                answer.reply(PostFactReply{stored->fact, stored->duplicate}.toJson());
                if (!stored->duplicate) // else it went out when it was first stored
                    publishPosted(stored->fact);
            });
}

void FactService::publishPosted(const Fact &fact)
{
    m_community->add(fact);
    if (auto *feed = static_cast<UserFeedTopic *>(m_userFeeds->find(fact.author.id)))
        feed->posted(fact);
    Q_EMIT authorFactsChanged(fact.author.id);
}

void FactService::joinCluster(ClusterBus &bus)
{
    bus.on(ClusterEvent::FactPosted, [this](const QJsonObject &event) {
        // One event for all the facts one statement stored on the other node.
        QList<qint64> ids;
        for (const QJsonValue &id : event.value(QStringLiteral("ids")).toArray())
            ids.append(id.toInteger());
        m_storage.run<Expected<QList<Fact>>>(
                this, [ids](StorageWorker &worker) { return worker.facts().facts(ids); },
                [this](const Expected<QList<Fact>> &facts) {
                    if (!facts)
                        return;
                    for (const Fact &fact : facts.value())
                        publishPosted(fact);
                });
    });
    bus.on(ClusterEvent::FactVisibility, [this](const QJsonObject &event) {
        struct Change {
            Fact fact;
            QList<Fact> latest;
        };
        m_storage.run<Expected<Change>>(
                this,
                [id = event.value(QStringLiteral("id")).toInteger()](
                        StorageWorker &worker) -> Expected<Change> {
                    const auto fact = worker.facts().fact(id);
                    if (!fact)
                        return fact.error();
                    const auto latest = worker.facts().latestFacts(CommunityFeedTopic::KeptFacts);
                    if (!latest)
                        return latest.error();
                    return Change{fact.value(), latest.value()};
                },
                [this, hidden = event.value(QStringLiteral("hidden")).toBool()](
                        const Expected<Change> &change) {
                    if (change)
                        visibilityChanged(change->fact, hidden, change->latest);
                });
    });
}

void FactService::visibilityChanged(const Fact &fact, bool hidden, const QList<Fact> &latest)
{
    auto *feed = static_cast<UserFeedTopic *>(m_userFeeds->find(fact.author.id));
    if (hidden) {
        m_community->remove(fact.id, latest);
        if (feed)
            feed->removed(fact.id);
    } else {
        m_community->restore(fact, latest);
        if (feed)
            feed->posted(fact);
    }
    Q_EMIT authorFactsChanged(fact.author.id);
    Q_EMIT factModerated(fact, hidden);
}

void FactService::list(ClientConnection *connection, const QJsonValue &requestId,
                       const ListFactsRequest &request)
{
    m_storage.run<Expected<QList<Fact>>>(
            connection,
            [request](StorageWorker &worker) -> Expected<QList<Fact>> {
                const auto author = worker.accounts().userById(request.userId);
                if (!author)
                    return author.error();
                return worker.facts().factsByAuthor(request.userId, request.beforeId,
                                                    request.limit);
            },
            [connection, requestId, limit = request.limit](const Expected<QList<Fact>> &facts) {
                if (!facts)
                    return connection->replyError(requestId, facts.error());
                connection->reply(requestId, toPage(facts.value(), limit).toJson());
            });
}

void FactService::subscribeUserFeed(ClientConnection *connection, const QJsonValue &requestId,
                                    qint64 userId, const std::optional<TopicPosition> &since)
{
    // The snapshot is read from the database. Storage runs jobs in order and delivers results
    // in order, so every fact committed before this read is in the snapshot, and every one
    // committed after it is published after the subscription below: nothing is lost.
    m_storage.run<Expected<QList<Fact>>>(
            connection,
            [userId](StorageWorker &worker) -> Expected<QList<Fact>> {
                const auto author = worker.accounts().userById(userId);
                if (!author)
                    return author.error();
                return worker.facts().factsByAuthor(userId, std::nullopt,
                                                    ListFactsRequest::DefaultLimit);
            },
            [this, connection, requestId, userId, since](const Expected<QList<Fact>> &facts) {
                // An unknown user has no feed: worded as for any other name that is no topic.
                if (!facts && facts.error().code == ErrorCode::NotFound)
                    return connection->replyError(
                            requestId,
                            {ErrorCode::NotFound,
                             QStringLiteral("no topic named \"%1\"")
                                     .arg(Protocol::Topic::userFacts(userId))});
                if (!facts)
                    return connection->replyError(requestId, facts.error());
                if (connection->phase() != ClientConnection::Phase::SignedIn)
                    return connection->replyError(
                            requestId, {ErrorCode::Unauthorized, QStringLiteral("sign in first")});
                const FactPage page = toPage(facts.value(), ListFactsRequest::DefaultLimit);
                QJsonObject snapshot = page.toJson();
                Topic *feed = m_userFeeds->findOrCreate(userId);
                m_userFeedsOf[connection].insert(userId);
                connection->reply(requestId, feed->subscribe(connection, since, snapshot).toJson());
            });
}

void FactService::unsubscribeUserFeed(ClientConnection *connection, qint64 userId)
{
    if (Topic *feed = m_userFeeds->find(userId))
        feed->unsubscribe(connection);
    m_userFeedsOf[connection].remove(userId);
}

void FactService::connectionClosed(ClientConnection *connection)
{
    m_community->unsubscribe(connection);
    const QSet<qint64> feeds = m_userFeedsOf.take(connection);
    for (const qint64 userId : feeds) {
        if (Topic *feed = m_userFeeds->find(userId))
            feed->unsubscribe(connection);
    }
}

} // namespace Hallway
