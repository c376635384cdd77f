// SPDX-License-Identifier: MIT
// A topic numbers its events 1, 2, 3... within an epoch, sends each to its subscribers only,
// and answers a subscribe with just the missed events when it still has all of them, else a
// snapshot (docs/protocol.md, "The subscribe result"). A topic nobody follows forgets its
// events after the idle time, on the clock it is given.
#include "loopbackserver.h"
#include "topics/topic.h"
#include "topics/usertopics.h"

#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
constexpr qint64 IdleMs = 600'000;

QJsonObject numbered(int n)
{
    return {{QStringLiteral("n"), n}};
}

QList<qint64> seqsOf(const QList<QJsonObject> &events)
{
    QList<qint64> seqs;
    for (const QJsonObject &event : events)
        seqs.append(event.value(QStringLiteral("seq")).toInteger());
    return seqs;
}

QList<qint64> seqsOf(const QList<Envelope> &events)
{
    QList<qint64> seqs;
    for (const Envelope &event : events)
        seqs.append(event.seq);
    return seqs;
}
} // namespace

class tst_Topic : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void eventsAreNumberedOneByOne();
    void catchUpGivesTheMissedEventsInOrder();
    void subscribeResult_data();
    void subscribeResult();
    void historyIsBoundedByBytes();
    void onlySubscribersGetEvents();
    void closingConnectionDoesNotJoin();
    void idleTopicForgetsItsEventsAfterTheIdleTime();
    void followedTopicKeepsItsEvents();
    void userTopicsAreMadeOnceAndSweptWhenIdle();
    void userTopicsSweepOnTheirClock();

private:
    Clock clock()
    {
        return [this]() { return m_now; };
    }

    LoopbackServer m_server;
    // Far ahead of the wall clock: a topic that read the wall clock instead would never be idle.
    qint64 m_now = 0;
};

void tst_Topic::init()
{
    m_now = 4'000'000'000'000;
}

void tst_Topic::eventsAreNumberedOneByOne()
{
    StreamTopic topic(QStringLiteral("chat"), 16);
    const auto client = m_server.connectClient();
    QVERIFY(client);
    const SubscribeReply reply = topic.subscribe(client->connection(), std::nullopt);
    QCOMPARE(reply.topic, QStringLiteral("chat"));
    QCOMPARE(reply.position, topic.position());
    QCOMPARE(reply.position.seq, 0);
    QVERIFY(!reply.position.epoch.isEmpty());
    QVERIFY(reply.snapshot);

    for (int n = 1; n <= 3; ++n)
        topic.publish(numbered(n));

    QTRY_COMPARE(client->events().size(), 3);
    const QList<Envelope> events = client->events();
    QCOMPARE(seqsOf(events), (QList<qint64>{1, 2, 3}));
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(events.at(i).topic, QStringLiteral("chat"));
        QCOMPARE(events.at(i).data, numbered(i + 1));
    }
    QCOMPARE(topic.position(), (TopicPosition{reply.position.epoch, 3}));
}

void tst_Topic::catchUpGivesTheMissedEventsInOrder()
{
    StreamTopic topic(QStringLiteral("chat"), 16);
    for (int n = 1; n <= 5; ++n)
        topic.publish(numbered(n));
    const auto client = m_server.connectClient();
    QVERIFY(client);

    const SubscribeReply reply =
            topic.subscribe(client->connection(), TopicPosition{topic.position().epoch, 2});
    QVERIFY(!reply.snapshot);
    QCOMPARE(reply.position.seq, 5);
    QCOMPARE(seqsOf(reply.events), (QList<qint64>{3, 4, 5}));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(reply.events.at(i).value(QStringLiteral("data")).toObject(), numbered(i + 3));

    // ...and from there on, each new event as it happens, with the next number.
    topic.publish(numbered(6));
    QTRY_COMPARE(client->events().size(), 1);
    QCOMPARE(client->events().first().seq, 6);
    QCOMPARE(client->events().first().data, numbered(6));
}

void tst_Topic::subscribeResult_data()
{
    // A topic keeping 3 events, after 6: it has 4, 5 and 6.
    QTest::addColumn<bool>("hasSince");
    QTest::addColumn<bool>("sameEpoch");
    QTest::addColumn<qint64>("sinceSeq");
    QTest::addColumn<bool>("snapshot");
    QTest::addColumn<QList<qint64>>("events");
    QTest::newRow("first subscription") << false << true << qint64(0) << true << QList<qint64>{};
    QTest::newRow("up to date") << true << true << qint64(6) << false << QList<qint64>{};
    QTest::newRow("missed one") << true << true << qint64(5) << false << QList<qint64>{6};
    QTest::newRow("missed all kept")
            << true << true << qint64(3) << false << QList<qint64>{4, 5, 6};
    QTest::newRow("missed more than kept") << true << true << qint64(2) << true << QList<qint64>{};
    QTest::newRow("from the start") << true << true << qint64(0) << true << QList<qint64>{};
    QTest::newRow("from the future") << true << true << qint64(7) << true << QList<qint64>{};
    QTest::newRow("another epoch") << true << false << qint64(5) << true << QList<qint64>{};
}

void tst_Topic::subscribeResult()
{
    QFETCH(bool, hasSince);
    QFETCH(bool, sameEpoch);
    QFETCH(qint64, sinceSeq);
    QFETCH(bool, snapshot);
    QFETCH(QList<qint64>, events);

    StreamTopic topic(QStringLiteral("chat"), 3);
    for (int n = 1; n <= 6; ++n)
        topic.publish(numbered(n));
    QCOMPARE(topic.historySize(), 3);
    const auto client = m_server.connectClient();
    QVERIFY(client);

    std::optional<TopicPosition> since;
    if (hasSince)
        since = TopicPosition{sameEpoch ? topic.position().epoch : QStringLiteral("before"),
                              sinceSeq};
    const QJsonObject given{{QStringLiteral("messages"), 6}};
    const SubscribeReply reply = topic.subscribe(client->connection(), since, given);

    QCOMPARE(reply.position, topic.position());
    QCOMPARE(bool(reply.snapshot), snapshot);
    if (snapshot)
        QCOMPARE(*reply.snapshot, given);
    QCOMPARE(seqsOf(reply.events), events);
    QVERIFY(topic.hasSubscriber(client->connection()));
}

void tst_Topic::historyIsBoundedByBytes()
{
    StreamTopic topic(QStringLiteral("chat"), 100);
    // Each event is about 1 KiB encoded: 3 KiB keeps the last 2.
    topic.setHistoryBytes(3 * 1024);
    const QString text(1000, QLatin1Char('x'));
    for (int n = 1; n <= 5; ++n)
        topic.publish({{QStringLiteral("n"), n}, {QStringLiteral("text"), text}});
    QCOMPARE(topic.historySize(), 2);
    const auto client = m_server.connectClient();
    QVERIFY(client);
    const QString epoch = topic.position().epoch;

    const SubscribeReply kept = topic.subscribe(client->connection(), TopicPosition{epoch, 3});
    QCOMPARE(seqsOf(kept.events), (QList<qint64>{4, 5}));
    const SubscribeReply tooOld = topic.subscribe(client->connection(), TopicPosition{epoch, 2});
    QVERIFY(tooOld.snapshot);
    QVERIFY(tooOld.events.isEmpty());
}

void tst_Topic::onlySubscribersGetEvents()
{
    StreamTopic topic(QStringLiteral("chat"), 16);
    const auto follower = m_server.connectClient();
    const auto stranger = m_server.connectClient();
    const auto leaver = m_server.connectClient();
    QVERIFY(follower && stranger && leaver);
    topic.subscribe(follower->connection(), std::nullopt);
    // Subscribing again (to recover from a gap) still subscribes once.
    topic.subscribe(follower->connection(), TopicPosition{topic.position().epoch, 0});
    topic.subscribe(leaver->connection(), std::nullopt);
    topic.publish(numbered(1));
    topic.unsubscribe(leaver->connection());
    QCOMPARE(topic.subscriberCount(), 1);
    QVERIFY(!topic.hasSubscriber(leaver->connection()));

    topic.publish(numbered(2));

    QVERIFY(follower->sync());
    QVERIFY(stranger->sync());
    QVERIFY(leaver->sync());
    QCOMPARE(seqsOf(follower->events()), (QList<qint64>{1, 2}));
    QVERIFY(stranger->messages().isEmpty());
    QCOMPARE(seqsOf(leaver->events()), (QList<qint64>{1}));
}

void tst_Topic::closingConnectionDoesNotJoin()
{
    // It has left every topic, or is about to: joining again would leave a dangling pointer.
    StreamTopic topic(QStringLiteral("chat"), 16);
    const auto client = m_server.connectClient();
    QVERIFY(client);
    client->connection()->close(4000, QStringLiteral("bye"));
    const SubscribeReply reply = topic.subscribe(client->connection(), std::nullopt);
    QVERIFY(reply.snapshot);
    QCOMPARE(topic.subscriberCount(), 0);
}

void tst_Topic::idleTopicForgetsItsEventsAfterTheIdleTime()
{
    StreamTopic topic(QStringLiteral("chat"), 16);
    topic.setClock(clock());
    const auto client = m_server.connectClient();
    QVERIFY(client);
    topic.subscribe(client->connection(), std::nullopt);
    for (int n = 1; n <= 3; ++n)
        topic.publish(numbered(n));
    // Followed for longer than the idle time: that does not count, only the time since the
    // last subscriber left does.
    m_now += 2 * IdleMs;
    topic.unsubscribe(client->connection());
    const TopicPosition before = topic.position();

    m_now += IdleMs - 1;
    topic.forgetHistoryIfIdle(m_now, IdleMs);
    QCOMPARE(topic.historySize(), 3);
    QCOMPARE(seqsOf(topic.subscribe(client->connection(), TopicPosition{before.epoch, 1}).events),
             (QList<qint64>{2, 3}));
    topic.unsubscribe(client->connection());

    m_now += IdleMs;
    topic.forgetHistoryIfIdle(m_now, IdleMs);
    QCOMPARE(topic.historySize(), 0);
    // Same epoch and number: a client that missed events gets a snapshot, one that missed
    // nothing an empty catch-up.
    QCOMPARE(topic.position(), before);
    const SubscribeReply missed =
            topic.subscribe(client->connection(), TopicPosition{before.epoch, 1});
    QVERIFY(missed.snapshot);
    const SubscribeReply upToDate =
            topic.subscribe(client->connection(), TopicPosition{before.epoch, 3});
    QVERIFY(!upToDate.snapshot);
    QVERIFY(upToDate.events.isEmpty());

    topic.publish(numbered(4));
    QTRY_COMPARE(client->events().size(), 4);
    QCOMPARE(client->events().last().seq, 4);
}

void tst_Topic::followedTopicKeepsItsEvents()
{
    StreamTopic topic(QStringLiteral("chat"), 16);
    topic.setClock(clock());
    const auto client = m_server.connectClient();
    QVERIFY(client);
    topic.subscribe(client->connection(), std::nullopt);
    topic.publish(numbered(1));
    m_now += 10 * IdleMs;
    topic.forgetHistoryIfIdle(m_now, IdleMs);
    QCOMPARE(topic.historySize(), 1);

    // A topic nobody ever followed is idle from when it was made.
    StreamTopic unfollowed(QStringLiteral("chat"), 16);
    unfollowed.setClock(clock());
    unfollowed.publish(numbered(1));
    m_now += IdleMs - 1;
    unfollowed.forgetHistoryIfIdle(m_now, IdleMs);
    QCOMPARE(unfollowed.historySize(), 1);
    m_now += 1;
    unfollowed.forgetHistoryIfIdle(m_now, IdleMs);
    QCOMPARE(unfollowed.historySize(), 0);
}

void tst_Topic::userTopicsAreMadeOnceAndSweptWhenIdle()
{
    UserTopics topics(
            [](qint64 userId, QObject *parent) {
                return new StreamTopic(QStringLiteral("chat.%1").arg(userId), 16, parent);
            },
            IdleMs);
    topics.setClock(clock());
    QVERIFY(!topics.find(1));
    auto *followed = static_cast<StreamTopic *>(topics.findOrCreate(1));
    auto *idle = static_cast<StreamTopic *>(topics.findOrCreate(2));
    QCOMPARE(topics.findOrCreate(1), followed);
    QCOMPARE(topics.find(2), idle);
    QCOMPARE(followed->name(), QStringLiteral("chat.1"));

    const auto client = m_server.connectClient();
    QVERIFY(client);
    followed->subscribe(client->connection(), std::nullopt);
    followed->publish(numbered(1));
    idle->publish(numbered(1));

    m_now += IdleMs - 1;
    topics.sweep(m_now);
    QCOMPARE(idle->historySize(), 1);
    m_now += 1;
    topics.sweep(m_now);
    QCOMPARE(idle->historySize(), 0);
    QCOMPARE(followed->historySize(), 1);
    followed->unsubscribe(client->connection());
}

void tst_Topic::userTopicsSweepOnTheirClock()
{
    // The sweep runs every idle time (here 20 ms of real time); it must go by the topics'
    // clock, or the fake clock far in the future would never make them idle.
    constexpr qint64 ShortIdleMs = 20;
    UserTopics topics(
            [](qint64 userId, QObject *parent) {
                return new StreamTopic(QStringLiteral("chat.%1").arg(userId), 16, parent);
            },
            ShortIdleMs);
    topics.setClock(clock());
    auto *topic = static_cast<StreamTopic *>(topics.findOrCreate(1));
    topic->publish(numbered(1));
    m_now += ShortIdleMs;
    QTRY_COMPARE(topic->historySize(), 0);
}

QTEST_GUILESS_MAIN(tst_Topic)
#include "tst_topic.moc"
