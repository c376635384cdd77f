// SPDX-License-Identifier: MIT
// The talks topic's tally coalescing (docs/protocol.md, "The talks topic"): under heavy
// voting at most one "tallies" event per interval, with the latest count of every talk that
// changed; the first change after a quiet spell goes out at once; a talk event, a removal or
// a change of voting supersedes or flushes what is pending.
//
// The topic runs on a fake clock. Pending tallies wait on a real timer for the rest of the
// interval, so each test sets the clock just short of the interval's end: the event then
// comes within milliseconds, and would not come within the test's patience if the topic
// waited a whole (60 s) interval instead.
#include "loopbackserver.h"
#include "protocol.h"
#include "talkmessages.h"
#include "topics/talkstopic.h"

#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
constexpr int IntervalMs = 60'000;
constexpr int ShortOfIntervalMs = IntervalMs - 20;

Talk talk(qint64 id, qint64 votes = 0)
{
    Talk talk;
    talk.id = id;
    talk.speaker = {id, QStringLiteral("speaker%1").arg(id), QStringLiteral("Speaker")};
    talk.title = QStringLiteral("Talk %1").arg(id);
    talk.votes = votes;
    talk.createdAt = 1'700'000'000'000 + id;
    return talk;
}

QJsonObject tallies(const QList<std::pair<qint64, qint64>> &counts)
{
    TalkChange change;
    change.kind = Protocol::TalkEvent::Tallies;
    change.tallies = counts;
    return change.toJson();
}

QJsonObject upserted(const Talk &talk)
{
    TalkChange change;
    change.kind = Protocol::TalkEvent::Upserted;
    change.talk = talk;
    return change.toJson();
}

QJsonObject removed(qint64 talkId)
{
    TalkChange change;
    change.kind = Protocol::TalkEvent::Removed;
    change.talkId = talkId;
    return change.toJson();
}

QJsonObject voting(bool open)
{
    TalkChange change;
    change.kind = Protocol::TalkEvent::Voting;
    change.votingOpen = open;
    return change.toJson();
}
} // namespace

class tst_TalksTopic : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void firstChangeAfterQuietSpellGoesOutAtOnce();
    void changesWithinTheIntervalCoalesce();
    void unchangedOrUnknownTallyIsNoEvent();
    void talkEventSupersedesItsPendingTally();
    void removalDropsItsPendingTally();
    void votingChangeFlushesTalliesFirst();
    void snapshotHasTheLatestTallies();

private:
    std::unique_ptr<TalksTopic> makeTopic();

    LoopbackServer m_server;
    qint64 m_now = 0;
};

void tst_TalksTopic::init()
{
    m_now = 1'700'000'000'000;
}

std::unique_ptr<TalksTopic> tst_TalksTopic::makeTopic()
{
    auto topic = std::make_unique<TalksTopic>(IntervalMs, 64);
    topic->setClock([this]() { return m_now; });
    topic->reset({talk(1), talk(2), talk(3)}, true);
    return topic;
}

void tst_TalksTopic::firstChangeAfterQuietSpellGoesOutAtOnce()
{
    const auto topic = makeTopic();
    const auto client = m_server.connectClient();
    QVERIFY(client);
    topic->subscribe(client->connection(), std::nullopt);

    topic->setTally(2, 1);
    QCOMPARE(topic->position().seq, 1);
    m_now += IntervalMs;
    topic->setTally(2, 2);
    QCOMPARE(topic->position().seq, 2);
    QCOMPARE(topic->tallyEventsSent(), 2);

    QTRY_COMPARE(client->events().size(), 2);
    QCOMPARE(client->eventData(), (QList<QJsonObject>{tallies({{2, 1}}), tallies({{2, 2}})}));
}

void tst_TalksTopic::changesWithinTheIntervalCoalesce()
{
    const auto topic = makeTopic();
    const auto client = m_server.connectClient();
    QVERIFY(client);
    topic->subscribe(client->connection(), std::nullopt);
    topic->setTally(1, 1);

    m_now += ShortOfIntervalMs;
    topic->setTally(3, 1);
    topic->setTally(1, 2);
    topic->setTally(3, 2);
    m_now += 10;
    topic->setTally(1, 3);
    topic->setTally(3, 1);
    QCOMPARE(topic->position().seq, 1); // held for the rest of the interval

    // One event, the latest count of each talk that changed, by talk id.
    QTRY_COMPARE(client->events().size(), 2);
    QCOMPARE(client->events().last().seq, 2);
    QCOMPARE(client->events().last().data, tallies({{1, 3}, {3, 1}}));
    QCOMPARE(topic->tallyEventsSent(), 2);

    // The next round waits for its own interval, counted from that event.
    m_now += ShortOfIntervalMs;
    topic->setTally(2, 5);
    QCOMPARE(topic->position().seq, 2);
    QTRY_COMPARE(client->events().size(), 3);
    QCOMPARE(client->events().last().data, tallies({{2, 5}}));
}

void tst_TalksTopic::unchangedOrUnknownTallyIsNoEvent()
{
    const auto topic = makeTopic();
    topic->setTally(1, 0); // as it was
    topic->setTally(99, 4); // no such talk (hidden, say)
    QCOMPARE(topic->position().seq, 0);
    QCOMPARE(topic->tallyEventsSent(), 0);
}

void tst_TalksTopic::talkEventSupersedesItsPendingTally()
{
    const auto topic = makeTopic();
    const auto client = m_server.connectClient();
    QVERIFY(client);
    topic->subscribe(client->connection(), std::nullopt);
    topic->setTally(1, 1);
    m_now += ShortOfIntervalMs;
    topic->setTally(1, 2);
    topic->setTally(2, 4);

    // The talk event carries the current tally, and goes out at once.
    topic->upsert(talk(1, 2));
    QCOMPARE(topic->position().seq, 2);

    QTRY_COMPARE(client->events().size(), 3);
    QCOMPARE(client->eventData(),
             (QList<QJsonObject>{tallies({{1, 1}}), upserted(talk(1, 2)), tallies({{2, 4}})}));
}

void tst_TalksTopic::removalDropsItsPendingTally()
{
    const auto topic = makeTopic();
    const auto client = m_server.connectClient();
    QVERIFY(client);
    topic->subscribe(client->connection(), std::nullopt);
    topic->setTally(1, 1);
    m_now += ShortOfIntervalMs;
    topic->setTally(3, 2);
    topic->setTally(2, 4);

    topic->remove(3);
    QCOMPARE(topic->position().seq, 2);
    topic->remove(3); // gone already: no second event
    QCOMPARE(topic->position().seq, 2);

    QTRY_COMPARE(client->events().size(), 3);
    QCOMPARE(client->eventData(),
             (QList<QJsonObject>{tallies({{1, 1}}), removed(3), tallies({{2, 4}})}));
}

void tst_TalksTopic::votingChangeFlushesTalliesFirst()
{
    // The last counts before voting closes go out before the "voting" event.
    const auto topic = makeTopic();
    const auto client = m_server.connectClient();
    QVERIFY(client);
    topic->subscribe(client->connection(), std::nullopt);
    topic->setTally(1, 1);
    m_now += ShortOfIntervalMs;
    topic->setTally(2, 3);

    topic->setVotingOpen(false);
    QCOMPARE(topic->position().seq, 3);
    QVERIFY(!topic->votingOpen());
    topic->setVotingOpen(false); // no change, no event
    QCOMPARE(topic->position().seq, 3);

    QVERIFY(client->sync());
    QCOMPARE(client->eventData(),
             (QList<QJsonObject>{tallies({{1, 1}}), tallies({{2, 3}}), voting(false)}));
}

void tst_TalksTopic::snapshotHasTheLatestTallies()
{
    const auto topic = makeTopic();
    topic->setVotingOpen(false);
    topic->setTally(2, 7);
    m_now += ShortOfIntervalMs;
    topic->setTally(3, 1); // pending, and in the snapshot already
    QCOMPARE(topic->position().seq, 2);
    const auto client = m_server.connectClient();
    QVERIFY(client);
    const SubscribeReply reply = topic->subscribe(client->connection(), std::nullopt);
    QVERIFY(reply.snapshot);
    const auto list = TalkList::fromJson(*reply.snapshot);
    QVERIFY(list);
    QVERIFY(!list->votingOpen);
    auto talks = list->talks;
    std::sort(talks.begin(), talks.end(), [](const Talk &a, const Talk &b) { return a.id < b.id; });
    QCOMPARE(talks, (QList<Talk>{talk(1), talk(2, 7), talk(3, 1)}));
}

QTEST_GUILESS_MAIN(tst_TalksTopic)
#include "tst_talkstopic.moc"
