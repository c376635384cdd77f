// SPDX-License-Identifier: MIT
// ClusterStore against PostgreSQL (several nodes share one; SQLite hosts a room in one
// process). Each Storage is one node's connection to the same database.
#include "fixtures.h"
#include "storagefixture.h"

#include <QTest>

using namespace Hallway;
using Hallway::Test::StorageFixture;

class tst_ClusterStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void aHeartbeatListsTheLiveNodes();
    void presenceIsSharedWithTheOtherNodes();
    void aSilentNodeIsForgottenAndComesBackRenamed();
    void aNodeAtADeadNodesEndpointReplacesIt();

private:
    Test::StorageFixture m_fixture;
};

void tst_ClusterStore::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
}

void tst_ClusterStore::init()
{
    QVERIFY(m_fixture.init());
}

void tst_ClusterStore::cleanup()
{
    m_fixture.cleanup();
}

namespace {
constexpr qint64 TimeoutMs = 60'000;

std::unique_ptr<Storage> node(const StorageFixture &fixture, const QString &nodeId,
                              const QString &endpoint)
{
    auto storage = fixture.open();
    if (!storage)
        return nullptr;
    const Status joined = storage->runBlocking<Status>([&](StorageWorker &w) {
        w.cluster().setNodeId(nodeId);
        return w.cluster().joinCluster(endpoint);
    });
    return joined ? std::move(storage) : nullptr;
}

Expected<Heartbeat> heartbeat(Storage &storage)
{
    return storage.runBlocking<Expected<Heartbeat>>(
            [](StorageWorker &w) { return w.cluster().heartbeat(TimeoutMs); });
}

QList<NodePresence> presenceElsewhere(Storage &storage)
{
    return storage
            .runBlocking<Expected<QList<NodePresence>>>(
                    [](StorageWorker &w) { return w.cluster().presenceOnOtherNodes(TimeoutMs); })
            .value();
}

Status setPresence(Storage &storage, const UserInfo &user, std::optional<PresenceState> state)
{
    return storage.runBlocking<Status>(
            [&](StorageWorker &w) { return w.cluster().setPresenceOnNode(user, state); });
}

// A user online at node `at`, as `other` sees: invalid (id 0) if not so.
UserInfo onlineAt(Storage &at, Storage &other)
{
    const UserInfo user = StorageFixture::createUser(at, QStringLiteral("ada"));
    if (user.id == 0 || !setPresence(at, user, PresenceState::Online)
        || presenceElsewhere(other).size() != 1)
        return {};
    return user;
}
} // namespace

void tst_ClusterStore::aHeartbeatListsTheLiveNodes()
{
    auto a = node(m_fixture, QStringLiteral("node-a"), QStringLiteral("a/127.0.0.1:1"));
    auto b = node(m_fixture, QStringLiteral("node-b"), QStringLiteral("b/127.0.0.1:1"));
    QVERIFY(a && b);
    const auto beat = heartbeat(*a);
    QVERIFY(beat);
    QCOMPARE(beat->nodeId, QStringLiteral("node-a"));
    QVERIFY(!beat->wasPresumedDead);
    QCOMPARE(beat->liveNodes, (QStringList{QStringLiteral("node-a"), QStringLiteral("node-b")}));

    // A node that leaves is gone for the others at once.
    QVERIFY(b->runBlocking<Status>([](StorageWorker &w) { return w.cluster().leaveCluster(); }));
    QCOMPARE(heartbeat(*a)->liveNodes, QStringList{QStringLiteral("node-a")});
}

void tst_ClusterStore::presenceIsSharedWithTheOtherNodes()
{
    auto a = node(m_fixture, QStringLiteral("node-a"), QStringLiteral("a/127.0.0.1:1"));
    auto b = node(m_fixture, QStringLiteral("node-b"), QStringLiteral("b/127.0.0.1:1"));
    QVERIFY(a && b);
    const UserInfo ada = onlineAt(*a, *b);
    QVERIFY(ada.id > 0);

    QVERIFY(presenceElsewhere(*a).isEmpty()); // its own is not "elsewhere"
    auto seen = presenceElsewhere(*b);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.at(0).nodeId, QStringLiteral("node-a"));
    QCOMPARE(seen.at(0).user.id, ada.id);
    QCOMPARE(seen.at(0).user.city, QStringLiteral("Berlin"));
    QCOMPARE(seen.at(0).state, PresenceState::Online);

    QVERIFY(setPresence(*a, ada, PresenceState::Away));
    seen = presenceElsewhere(*b);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.at(0).state, PresenceState::Away);

    QVERIFY(setPresence(*a, ada, std::nullopt));
    QVERIFY(presenceElsewhere(*b).isEmpty());
}

// A node silent for longer than the timeout is forgotten with its users; when it beats again
// it comes back under a new name.
void tst_ClusterStore::aSilentNodeIsForgottenAndComesBackRenamed()
{
    auto a = node(m_fixture, QStringLiteral("node-a"), QStringLiteral("a/127.0.0.1:1"));
    auto b = node(m_fixture, QStringLiteral("node-b"), QStringLiteral("b/127.0.0.1:1"));
    QVERIFY(a && b);
    const UserInfo ada = onlineAt(*a, *b);
    QVERIFY(ada.id > 0);

    // Its last heartbeat ten minutes ago, as a stalled process would leave it.
    QVERIFY(m_fixture.execDirectly(QStringLiteral(
            "UPDATE cluster_nodes SET heartbeat_at = heartbeat_at - 600000 WHERE id = 'node-a'")));
    const auto beatB = heartbeat(*b);
    QVERIFY(beatB);
    QCOMPARE(beatB->liveNodes, QStringList{QStringLiteral("node-b")});
    QVERIFY(presenceElsewhere(*b).isEmpty());

    const auto beatA = heartbeat(*a);
    QVERIFY(beatA);
    QVERIFY(beatA->wasPresumedDead);
    QCOMPARE(beatA->nodeId, QStringLiteral("node-a~1"));
    QCOMPARE(beatA->liveNodes, (QStringList{QStringLiteral("node-a~1"), QStringLiteral("node-b")}));
    // What it shares now is under its new name.
    QVERIFY(setPresence(*a, ada, PresenceState::Online));
    const auto seen = presenceElsewhere(*b);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.at(0).nodeId, QStringLiteral("node-a~1"));
}

// A node starting where another listened replaces it: that one died.
void tst_ClusterStore::aNodeAtADeadNodesEndpointReplacesIt()
{
    auto old = node(m_fixture, QStringLiteral("node-old"), QStringLiteral("shared/127.0.0.1:1"));
    QVERIFY(old);
    const UserInfo ada = StorageFixture::createUser(*old, QStringLiteral("ada"));
    QVERIFY(ada.id > 0);
    QVERIFY(setPresence(*old, ada, PresenceState::Online));
    auto fresh = node(m_fixture, QStringLiteral("node-new"), QStringLiteral("shared/127.0.0.1:1"));
    QVERIFY(fresh);
    QCOMPARE(heartbeat(*fresh)->liveNodes, QStringList{QStringLiteral("node-new")});
    QVERIFY(presenceElsewhere(*fresh).isEmpty());
}

QTEST_GUILESS_MAIN(tst_ClusterStore)
#include "tst_clusterstore.moc"
