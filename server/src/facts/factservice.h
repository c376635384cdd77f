// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "messages.h"
#include "net/clientconnectionfwd.h"

#include <QHash>
#include <QObject>
#include <memory>

namespace Hallway {

class ClusterBus;
class CommunityFeedTopic;
class Storage;
class Topic;
class UserTopics;

// Facts: posting (stored once per client id, then pushed to the author's feed and the
// community feed), paging through a user's facts, and the per-user feed topics (UserTopics).
class FactService : public QObject {
    Q_OBJECT
public:
    // idleMs: how long a user's feed that nobody follows keeps its events.
    FactService(Storage &storage, int communitySize, int communityIntervalMs, int history,
                qint64 idleMs, QObject *parent = nullptr);
    ~FactService() override;

    // Reads the latest facts for the community feed (start-up; blocks).
    Status loadCommunityFeed();
    CommunityFeedTopic &community() { return *m_community; }
    // Facts posted, hidden or brought back on the other nodes reach this node's feeds too.
    void joinCluster(ClusterBus &bus);

    void post(ClientConnection *connection, const QJsonValue &requestId,
              const PostFactRequest &request);
    void list(ClientConnection *connection, const QJsonValue &requestId,
              const ListFactsRequest &request);
    void subscribeUserFeed(ClientConnection *connection, const QJsonValue &requestId, qint64 userId,
                           const std::optional<TopicPosition> &since);
    void unsubscribeUserFeed(ClientConnection *connection, qint64 userId);
    void connectionClosed(ClientConnection *connection);
    // After a moderator hid (or unhid) a fact: every feed follows. latest is the community
    // feed's kept facts as the database has them now.
    void visibilityChanged(const Fact &fact, bool hidden, const QList<Fact> &latest);

Q_SIGNALS:
    // A fact of this author was posted, hidden or brought back.
    void authorFactsChanged(qint64 authorId);
    // A moderator hid this fact or brought it back (here or on another node): its author is
    // told (ChatService::tellAuthor).
    void factModerated(const Hallway::Fact &fact, bool hidden);

private:
    void publishPosted(const Fact &fact);

    Storage &m_storage;
    int m_history;
    std::unique_ptr<CommunityFeedTopic> m_community;
    UserTopics *m_userFeeds; // a child of this
    QHash<ClientConnection *, QSet<qint64>> m_userFeedsOf;
};

} // namespace Hallway
