// SPDX-License-Identifier: MIT
// ClusterStore against PostgreSQL (several nodes share one; SQLite hosts a room in one
// process). Each Storage is one node's connection to the same database.
#include "fixtures.h"
#include "storagefixture.h"

#include <QSignalSpy>
#include <QSqlDatabase>
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
    // What several nodes writing through one PostgreSQL at once must keep.
    void everyNotificationOfABatchArrives();
    void aResendRacingThroughAnotherNodeIsADuplicate();
    void aToggleRacingThroughAnotherNodeCountsOnce();

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

void tst_ClusterStore::everyNotificationOfABatchArrives()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    storage->runBlocking<bool>([](StorageWorker &w) {
        w.cluster().setNodeId(QStringLiteral("test-node"));
        return true;
    });
    QVERIFY(storage->runBlocking<Status>([](StorageWorker &w) {
        return w.cluster().joinCluster(QStringLiteral("test/127.0.0.1:1"));
    }));
    const UserInfo user = StorageFixture::createUser(*storage, QStringLiteral("flap"));
    QVERIFY(user.id > 0);

    QStringList heard;
    {
        QSqlDatabase listener = m_fixture.listenToNodeEvents(*this, heard);
        QVERIFY(listener.isOpen());

        // Online, gone, online: three changes in one batch, the first and last alike.
        QObject context;
        const auto gate = StorageFixture::holdTheWorker(*storage, context);
        for (const std::optional<PresenceState> state :
             {std::optional(PresenceState::Online), std::optional<PresenceState>(),
              std::optional(PresenceState::Online)})
            storage->run<Status>(
                    &context,
                    [user, state](StorageWorker &w) {
                        return w.cluster().setPresenceOnNode(user, state);
                    },
                    [](const Status &) {});
        gate->release();
        QSignalSpy idle(storage.get(), &Storage::idle);
        QVERIFY(idle.wait(10'000));
        QTRY_COMPARE(heard.size(), 3);
        listener.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("listener"));
}

void tst_ClusterStore::aResendRacingThroughAnotherNodeIsADuplicate()
{
    auto first = m_fixture.open();
    auto second = m_fixture.open(); // another node's connection to the same database
    QVERIFY(first && second);
    const auto users = first->runBlocking<Expected<QList<UserInfo>>>(
            [](StorageWorker &w) -> Expected<QList<UserInfo>> {
                const auto from = w.accounts().createUser(
                        StorageFixture::newUser(QStringLiteral("sender")), 1);
                const auto to = w.accounts().createUser(
                        StorageFixture::newUser(QStringLiteral("recipient")), 1);
                if (!from || !to)
                    return Error{ErrorCode::Internal, QStringLiteral("no users")};
                return QList<UserInfo>{from.value(), to.value()};
            });
    QVERIFY(users);
    const qint64 from = users->at(0).id;
    const qint64 to = users->at(1).id;

    // The second node stores the message and has not committed yet...
    const auto held = second->runBlocking<Expected<StoredMessage>>([&](StorageWorker &w) {
        w.beginBatch();
        return w.chat().sendMessage(from, to, QStringLiteral("m1"), QStringLiteral("Hello"), 2);
    });
    QVERIFY(held && !held->duplicate);
    // ...when the first, asked the same, finds nothing yet and inserts (and waits on it).
    QObject context;
    std::optional<Expected<StoredMessage>> raced;
    first->run<Expected<StoredMessage>>(
            &context,
            [&](StorageWorker &w) {
                return w.chat().sendMessage(from, to, QStringLiteral("m1"), QStringLiteral("Hello"),
                                            3);
            },
            [&](const Expected<StoredMessage> &result) { raced = result; });
    // The first's statement is blocked on the second's row, not merely slow.
    QTRY_VERIFY(m_fixture.aSessionWaitsOnALock());
    QVERIFY(!raced.has_value());
    QVERIFY(second->runBlocking<bool>([](StorageWorker &w) { return w.commitBatch(); }));
    // The second committed: the first says "stored before", with the same message, not an
    // error.
    QTRY_VERIFY(raced.has_value());
    QVERIFY2(raced->hasValue(), qPrintable(raced->hasValue() ? QString() : raced->error().message));
    QVERIFY(raced->value().duplicate);
    QCOMPARE(raced->value().message.id, held->message.id);
}

void tst_ClusterStore::aToggleRacingThroughAnotherNodeCountsOnce()
{
    auto first = m_fixture.open();
    auto second = m_fixture.open();
    QVERIFY(first && second);
    const auto talk =
            first->runBlocking<Expected<StoredTalk>>([](StorageWorker &w) -> Expected<StoredTalk> {
                const auto speaker = w.accounts().createUser(
                        StorageFixture::newUser(QStringLiteral("speaker")), 1);
                if (!speaker)
                    return speaker.error();
                return w.talks().proposeTalk(speaker->id, QStringLiteral("t"),
                                             QStringLiteral("Talk"), {}, 1);
            });
    QVERIFY(talk);
    const UserInfo voter = StorageFixture::createUser(*first, QStringLiteral("voter"));
    QVERIFY(voter.id > 0);

    // One toggle, sent to both nodes: the second's is under way and not committed...
    const auto held = second->runBlocking<Expected<VoteResult>>([&](StorageWorker &w) {
        w.beginBatch();
        return w.talks().toggleVote(voter.id, QStringLiteral("v1"), talk->talk.id, 2);
    });
    QVERIFY(held && held->voted && held->changed);
    QObject context;
    std::optional<Expected<VoteResult>> raced;
    first->run<Expected<VoteResult>>(
            &context,
            [&](StorageWorker &w) {
                return w.talks().toggleVote(voter.id, QStringLiteral("v1"), talk->talk.id, 3);
            },
            [&](const Expected<VoteResult> &result) { raced = result; });
    // The first's statement is blocked on the second's row, not merely slow.
    QTRY_VERIFY(m_fixture.aSessionWaitsOnALock());
    QVERIFY(!raced.has_value());
    QVERIFY(second->runBlocking<bool>([](StorageWorker &w) { return w.commitBatch(); }));
    // ...so the first reports it, and the vote counts once (a second toggle would undo it).
    QTRY_VERIFY(raced.has_value());
    QVERIFY2(raced->hasValue(), qPrintable(raced->hasValue() ? QString() : raced->error().message));
    QVERIFY(!raced->value().changed);
    QVERIFY(raced->value().voted);
    QCOMPARE(raced->value().votes, 1);
    const auto tally = first->runBlocking<Expected<qint64>>(
            [id = talk->talk.id](StorageWorker &w) { return w.talks().tallyOf(id); });
    QCOMPARE(tally.value(), 1);
}

QTEST_GUILESS_MAIN(tst_ClusterStore)
#include "tst_clusterstore.moc"
