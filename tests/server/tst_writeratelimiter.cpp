// SPDX-License-Identifier: MIT
// Write rate limits ([abuse] posts_per_minute and the rest): a burst at once, then a steady
// rate, per user and kind of write; the wait a refused write is told is what it needs; a write
// that stored nothing costs nothing. Driven by the clock the limiter is given.
#include "net/ratelimiter.h"
#include "protocol.h"

#include <QTest>

using namespace Hallway;

namespace {
using Kind = WriteRateLimiter::Kind;
using Rule = WriteRateLimiter::Rule;
constexpr qint64 T0 = 1'700'000'000'000;
constexpr qint64 Alice = 12;
constexpr qint64 Bob = 13;

// One post a second after a burst of 3; messages and votes unlimited.
WriteRateLimiter postsOnly(int perMinute = 60, int burst = 3)
{
    return WriteRateLimiter({Rule{perMinute, burst}, Rule{0, 1}, Rule{0, 1}});
}
} // namespace

class tst_WriteRateLimiter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void kindOf_data();
    void kindOf();
    void burstThenSteadyRate();
    void retryAfterIsExact();
    void retryingAfterTheWaitSucceeds_data();
    void retryingAfterTheWaitSucceeds();
    void refillStopsAtTheBurst();
    void giveBackReturnsOneToken();
    void usersAndKindsAreIndependent();
    void zeroPerMinuteIsUnlimited();
    void pruningKeepsADrainedBucket();
};

void tst_WriteRateLimiter::kindOf_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("kind"); // -1: not limited
    namespace Type = Protocol::Type;
    QTest::newRow("fact.post") << Type::PostFact << int(Kind::Post);
    QTest::newRow("talk.propose") << Type::ProposeTalk << int(Kind::Post);
    QTest::newRow("talk.edit") << Type::EditTalk << int(Kind::Post);
    QTest::newRow("mod.announce") << Type::Announce << int(Kind::Post);
    QTest::newRow("chat.send") << Type::SendMessage << int(Kind::Message);
    QTest::newRow("talk.toggle_vote") << Type::ToggleVote << int(Kind::Vote);
    QTest::newRow("topic.subscribe") << Type::Subscribe << -1;
    QTest::newRow("fact.list") << Type::ListFacts << -1;
}

void tst_WriteRateLimiter::kindOf()
{
    QFETCH(QString, type);
    QFETCH(int, kind);
    const auto found = WriteRateLimiter::kindOf(type);
    QCOMPARE(found ? int(*found) : -1, kind);
}

void tst_WriteRateLimiter::burstThenSteadyRate()
{
    WriteRateLimiter limiter = postsOnly();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(limiter.take(Kind::Post, Alice, T0), 0);
    QVERIFY(limiter.take(Kind::Post, Alice, T0) > 0);

    // Then one a second, however often she tries.
    for (int second = 1; second <= 10; ++second) {
        const qint64 now = T0 + second * 1000;
        QCOMPARE(limiter.take(Kind::Post, Alice, now), 0);
        QVERIFY(limiter.take(Kind::Post, Alice, now) > 0);
        QVERIFY(limiter.take(Kind::Post, Alice, now + 500) > 0);
    }
}

void tst_WriteRateLimiter::retryAfterIsExact()
{
    WriteRateLimiter limiter = postsOnly();
    for (int i = 0; i < 3; ++i)
        limiter.take(Kind::Post, Alice, T0);
    QCOMPARE(limiter.take(Kind::Post, Alice, T0), 1000);
    QCOMPARE(limiter.take(Kind::Post, Alice, T0 + 1), 999);
    QCOMPARE(limiter.take(Kind::Post, Alice, T0 + 250), 750);
    // Counted in whole units, 999 ms of refill is exactly 0.999 tokens (floating point once
    // made it a hair less, and the wait 2 ms).
    QCOMPARE(limiter.take(Kind::Post, Alice, T0 + 999), 1);
    QCOMPARE(limiter.take(Kind::Post, Alice, T0 + 1000), 0);
    // A refused try spends nothing: the next token is still due at T0 + 2000.
    QCOMPARE(limiter.take(Kind::Post, Alice, T0 + 1000), 1000);
    QCOMPARE(limiter.take(Kind::Post, Alice, T0 + 1600), 400);

    WriteRateLimiter slow = postsOnly(1, 1); // one a minute
    slow.take(Kind::Post, Alice, T0);
    QCOMPARE(slow.take(Kind::Post, Alice, T0 + 15'000), 45'000);
}

void tst_WriteRateLimiter::retryingAfterTheWaitSucceeds_data()
{
    // An app that waits what it was told and tries again must get through.
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<int>("burst");
    QTest::addColumn<qint64>("askAfterMs"); // after the burst is spent
    QTest::newRow("60/min, at once") << 60 << 3 << qint64(0);
    QTest::newRow("60/min, 999 ms") << 60 << 3 << qint64(999);
    QTest::newRow("120/min, 7 ms") << 120 << 30 << qint64(7);
    QTest::newRow("10/min, at once") << 10 << 5 << qint64(0);
    QTest::newRow("10/min, 14 ms") << 10 << 5 << qint64(14);
    QTest::newRow("10/min, 105 ms") << 10 << 5 << qint64(105);
}

void tst_WriteRateLimiter::retryingAfterTheWaitSucceeds()
{
    QFETCH(int, perMinute);
    QFETCH(int, burst);
    QFETCH(qint64, askAfterMs);
    WriteRateLimiter limiter = postsOnly(perMinute, burst);
    for (int i = 0; i < burst; ++i)
        QCOMPARE(limiter.take(Kind::Post, Alice, T0), 0);
    const qint64 asked = T0 + askAfterMs;
    const qint64 wait = limiter.take(Kind::Post, Alice, asked);
    QVERIFY(wait > 0);
    // The token is due exactly 60000 / perMinute ms after the burst.
    QCOMPARE(asked + wait, T0 + 60'000 / perMinute);
    // And a client that waits exactly that long gets its token (at the default 10 posts a
    // minute, floating point once made 14 ms and then 5986 ms of refill 0.99999... tokens).
    QCOMPARE(limiter.take(Kind::Post, Alice, asked + wait), 0);
}

void tst_WriteRateLimiter::refillStopsAtTheBurst()
{
    // An hour of silence buys a burst, not sixty posts.
    WriteRateLimiter limiter = postsOnly();
    limiter.take(Kind::Post, Alice, T0);
    const qint64 later = T0 + 3'600'000;
    for (int i = 0; i < 3; ++i)
        QCOMPARE(limiter.take(Kind::Post, Alice, later), 0);
    QCOMPARE(limiter.take(Kind::Post, Alice, later), 1000);
}

void tst_WriteRateLimiter::giveBackReturnsOneToken()
{
    WriteRateLimiter limiter = postsOnly();
    for (int i = 0; i < 3; ++i)
        limiter.take(Kind::Post, Alice, T0);
    QVERIFY(limiter.take(Kind::Post, Alice, T0) > 0);
    // The write stored nothing (a duplicate, an error): it cost nothing.
    limiter.giveBack(Kind::Post, Alice);
    QCOMPARE(limiter.take(Kind::Post, Alice, T0), 0);
    QCOMPARE(limiter.take(Kind::Post, Alice, T0), 1000);

    // Giving back never raises the allowance above the burst.
    WriteRateLimiter fresh = postsOnly();
    fresh.take(Kind::Post, Alice, T0);
    for (int i = 0; i < 5; ++i)
        fresh.giveBack(Kind::Post, Alice);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(fresh.take(Kind::Post, Alice, T0), 0);
    QVERIFY(fresh.take(Kind::Post, Alice, T0) > 0);

    // Nor does giving back what a user never took create an allowance for anyone.
    fresh.giveBack(Kind::Post, Bob);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(fresh.take(Kind::Post, Bob, T0), 0);
    QVERIFY(fresh.take(Kind::Post, Bob, T0) > 0);
}

void tst_WriteRateLimiter::usersAndKindsAreIndependent()
{
    WriteRateLimiter limiter({Rule{60, 2}, Rule{60, 2}, Rule{60, 2}});
    for (const Kind kind : {Kind::Post, Kind::Message, Kind::Vote}) {
        QCOMPARE(limiter.take(kind, Alice, T0), 0);
        QCOMPARE(limiter.take(kind, Alice, T0), 0);
        QCOMPARE(limiter.take(kind, Alice, T0), 1000);
    }
    QCOMPARE(limiter.take(Kind::Post, Bob, T0), 0);
    QCOMPARE(limiter.take(Kind::Post, Bob, T0), 0);
    QCOMPARE(limiter.take(Kind::Post, Bob, T0), 1000);
    // Giving one back to Bob's posts helps neither Alice nor Bob's messages.
    limiter.giveBack(Kind::Post, Bob);
    QCOMPARE(limiter.take(Kind::Post, Alice, T0), 1000);
    QCOMPARE(limiter.take(Kind::Message, Alice, T0), 1000);
    QCOMPARE(limiter.take(Kind::Post, Bob, T0), 0);
}

void tst_WriteRateLimiter::zeroPerMinuteIsUnlimited()
{
    WriteRateLimiter limiter({Rule{60, 1}, Rule{0, 1}, Rule{60, 1}});
    for (int i = 0; i < 10'000; ++i)
        QCOMPARE(limiter.take(Kind::Message, Alice, T0), 0);
    QCOMPARE(limiter.take(Kind::Post, Alice, T0), 0);
    QCOMPARE(limiter.take(Kind::Post, Alice, T0), 1000);
}

void tst_WriteRateLimiter::pruningKeepsADrainedBucket()
{
    // Buckets are pruned once a minute; one still below its burst must not start afresh.
    WriteRateLimiter limiter = postsOnly(1, 3); // a post a minute, 3 at once
    for (int i = 0; i < 3; ++i)
        QCOMPARE(limiter.take(Kind::Post, Alice, T0), 0);
    const qint64 aMinuteLater = T0 + 60'000;
    limiter.take(Kind::Post, Bob, aMinuteLater); // prunes
    QCOMPARE(limiter.take(Kind::Post, Alice, aMinuteLater), 0);
    QCOMPARE(limiter.take(Kind::Post, Alice, aMinuteLater), 60'000);
}

QTEST_GUILESS_MAIN(tst_WriteRateLimiter)
#include "tst_writeratelimiter.moc"
