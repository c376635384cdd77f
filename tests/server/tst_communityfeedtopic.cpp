// SPDX-License-Identifier: MIT
// The community feed's batching (docs/protocol.md, "facts.community"): under a flood each
// subscriber gets at most one "posted" event per interval, with the facts stored since the
// last one, newest first, at most `size`; a fact after a quiet spell goes out at once; a
// moderator's remove or restore goes out at once.
//
// The topic runs on a fake clock. A batch waits on a real timer for the rest of the interval,
// so each test sets the clock just short of the interval's end: the batch then comes within
// milliseconds, and would not come within the test's patience if the topic waited a whole
// (60 s) interval instead.
#include "loopbackserver.h"
#include "messages.h"
#include "topics/communityfeedtopic.h"

#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
constexpr int IntervalMs = 60'000;
constexpr int ShortOfIntervalMs = IntervalMs - 20;

Fact fact(qint64 id)
{
    return {id,
            {id % 7 + 1, QStringLiteral("user%1").arg(id % 7 + 1), QStringLiteral("User")},
            QStringLiteral("fact %1").arg(id),
            1'700'000'000'000 + id,
            QStringLiteral("c%1").arg(id)};
}

QJsonObject posted(const QList<Fact> &facts)
{
    return FactsPosted{facts}.toJson();
}

QJsonObject removed(qint64 id)
{
    return FactsRemoved{{id}}.toJson();
}
} // namespace

class tst_CommunityFeedTopic : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void factAfterQuietSpellGoesOutAtOnce();
    void factsWithinTheIntervalGoOutAsOneBatch();
    void floodGetsOneBatchPerInterval();
    void batchCarriesAtMostSizeFacts();
    void sameFactIsAddedOnce();
    void keptFactsStayNewestFirstAndBounded();
    void removeGoesOutAtOnceAndLeavesTheBatch();
    void restoreGoesOutAtOnce();
    void snapshotHasTheLatestSize();

private:
    std::unique_ptr<CommunityFeedTopic> makeTopic(int size = 20);

    LoopbackServer m_server;
    qint64 m_now = 0;
};

void tst_CommunityFeedTopic::init()
{
    m_now = 1'700'000'000'000;
}

std::unique_ptr<CommunityFeedTopic> tst_CommunityFeedTopic::makeTopic(int size)
{
    auto topic = std::make_unique<CommunityFeedTopic>(size, IntervalMs, 64);
    topic->setClock([this]() { return m_now; });
    return topic;
}

void tst_CommunityFeedTopic::factAfterQuietSpellGoesOutAtOnce()
{
    const auto topic = makeTopic();
    const auto client = m_server.connectClient();
    QVERIFY(client);
    topic->subscribe(client->connection(), std::nullopt);

    topic->add(fact(1));
    QCOMPARE(topic->position().seq, 1);
    m_now += IntervalMs;
    topic->add(fact(2));
    QCOMPARE(topic->position().seq, 2);
    QCOMPARE(topic->batchesSent(), 2);

    QTRY_COMPARE(client->events().size(), 2);
    QCOMPARE(client->eventData(), (QList<QJsonObject>{posted({fact(1)}), posted({fact(2)})}));
}

void tst_CommunityFeedTopic::factsWithinTheIntervalGoOutAsOneBatch()
{
    const auto topic = makeTopic();
    const auto first = m_server.connectClient();
    const auto second = m_server.connectClient();
    QVERIFY(first && second);
    topic->subscribe(first->connection(), std::nullopt);
    topic->subscribe(second->connection(), std::nullopt);
    topic->add(fact(1));

    m_now += ShortOfIntervalMs;
    // Stored out of order (two nodes); the batch is newest first all the same.
    topic->add(fact(3));
    topic->add(fact(2));
    m_now += 10;
    topic->add(fact(4));
    QCOMPARE(topic->position().seq, 1); // held for the rest of the interval

    QTRY_COMPARE(first->events().size(), 2);
    QCOMPARE(first->events().last().seq, 2);
    QCOMPARE(first->events().last().data, posted({fact(4), fact(3), fact(2)}));
    QCOMPARE(topic->batchesSent(), 2);
    // Everyone gets the very same event.
    QTRY_COMPARE(second->messages().size(), 2);
    QCOMPARE(second->messages(), first->messages());
}

void tst_CommunityFeedTopic::floodGetsOneBatchPerInterval()
{
    const auto topic = makeTopic();
    const auto client = m_server.connectClient();
    QVERIFY(client);
    topic->subscribe(client->connection(), std::nullopt);
    topic->add(fact(1));

    qint64 id = 1;
    for (int round = 0; round < 3; ++round) {
        m_now += ShortOfIntervalMs;
        topic->add(fact(++id));
        topic->add(fact(++id));
        QCOMPARE(topic->position().seq, round + 1);
        QTRY_COMPARE(topic->position().seq, round + 2);
    }

    QVERIFY(client->sync());
    QCOMPARE(client->eventData(),
             (QList<QJsonObject>{posted({fact(1)}), posted({fact(3), fact(2)}),
                                 posted({fact(5), fact(4)}), posted({fact(7), fact(6)})}));
    QCOMPARE(topic->batchesSent(), 4);
}

void tst_CommunityFeedTopic::batchCarriesAtMostSizeFacts()
{
    // Older ones could not be in anyone's feed anyway.
    const auto topic = makeTopic(3);
    const auto client = m_server.connectClient();
    QVERIFY(client);
    topic->subscribe(client->connection(), std::nullopt);
    topic->add(fact(1));
    m_now += ShortOfIntervalMs;
    for (qint64 id = 2; id <= 6; ++id)
        topic->add(fact(id));

    QTRY_COMPARE(client->events().size(), 2);
    QCOMPARE(client->events().last().data, posted({fact(6), fact(5), fact(4)}));
}

void tst_CommunityFeedTopic::sameFactIsAddedOnce()
{
    // Another node's fact may come in while the feed is read at start-up.
    const auto topic = makeTopic();
    topic->setLatest({fact(2), fact(1)});
    topic->add(fact(2));
    QCOMPARE(topic->position().seq, 0);
    topic->add(fact(3));
    m_now += IntervalMs;
    topic->add(fact(3));
    QCOMPARE(topic->position().seq, 1);
    QCOMPARE(topic->latest(), (QList<Fact>{fact(3), fact(2), fact(1)}));
}

void tst_CommunityFeedTopic::keptFactsStayNewestFirstAndBounded()
{
    const auto topic = makeTopic();
    QList<Fact> kept;
    for (int id = 2 * CommunityFeedTopic::KeptFacts; id > 0; id -= 2)
        kept.append(fact(id)); // 100, 98, ..., 2
    topic->setLatest(kept);
    // Another node's fact, later than ours: in its place, and the oldest goes.
    topic->add(fact(51));
    QCOMPARE(topic->latest().size(), CommunityFeedTopic::KeptFacts);
    QCOMPARE(topic->latest().at(24).id, 52);
    QCOMPARE(topic->latest().at(25).id, 51);
    QCOMPARE(topic->latest().at(26).id, 50);
    QCOMPARE(topic->latest().constLast().id, 4);
    // One older than every kept fact is sent, not kept.
    m_now += IntervalMs;
    topic->add(fact(1));
    QCOMPARE(topic->latest().constLast().id, 4);
    QCOMPARE(topic->latest().size(), CommunityFeedTopic::KeptFacts);
    QCOMPARE(topic->position().seq, 2);
}

void tst_CommunityFeedTopic::removeGoesOutAtOnceAndLeavesTheBatch()
{
    const auto topic = makeTopic();
    const auto client = m_server.connectClient();
    QVERIFY(client);
    topic->subscribe(client->connection(), std::nullopt);
    topic->add(fact(1));
    m_now += ShortOfIntervalMs;
    topic->add(fact(2));
    topic->add(fact(3));

    // Hidden before its batch went out: it never goes out.
    topic->remove(2, {fact(3), fact(1)});
    QCOMPARE(topic->position().seq, 2);
    // Hidden after it went out: removed at once, within the interval.
    topic->remove(1, {fact(3)});
    QCOMPARE(topic->position().seq, 3);

    QTRY_COMPARE(client->events().size(), 4);
    QCOMPARE(client->eventData(),
             (QList<QJsonObject>{posted({fact(1)}), removed(2), removed(1), posted({fact(3)})}));
    QCOMPARE(topic->latest(), (QList<Fact>{fact(3)}));
}

void tst_CommunityFeedTopic::restoreGoesOutAtOnce()
{
    const auto topic = makeTopic();
    const auto client = m_server.connectClient();
    QVERIFY(client);
    topic->subscribe(client->connection(), std::nullopt);
    topic->add(fact(5));
    m_now += ShortOfIntervalMs;
    topic->add(fact(6));

    // Older than the rest, and in the middle of an interval: it comes back at once, alone.
    topic->restore(fact(2), {fact(6), fact(5), fact(2)});
    QCOMPARE(topic->position().seq, 2);
    QCOMPARE(topic->latest(), (QList<Fact>{fact(6), fact(5), fact(2)}));

    QTRY_COMPARE(client->events().size(), 3);
    QCOMPARE(client->eventData(),
             (QList<QJsonObject>{posted({fact(5)}), posted({fact(2)}), posted({fact(6)})}));
    QCOMPARE(topic->batchesSent(), 2);
}

void tst_CommunityFeedTopic::snapshotHasTheLatestSize()
{
    const auto topic = makeTopic(2);
    topic->setLatest({fact(3), fact(2), fact(1)});
    topic->add(fact(4));
    const auto client = m_server.connectClient();
    QVERIFY(client);
    const SubscribeReply reply = topic->subscribe(client->connection(), std::nullopt);
    QVERIFY(reply.snapshot);
    QCOMPARE(*reply.snapshot,
             (QJsonObject{{QStringLiteral("facts"), factsToJson({fact(4), fact(3)})},
                          {QStringLiteral("size"), 2}}));
    // The feed keeps more than it shows, for the widgets that show more.
    QCOMPARE(topic->latest().size(), 4);
}

QTEST_GUILESS_MAIN(tst_CommunityFeedTopic)
#include "tst_communityfeedtopic.moc"
