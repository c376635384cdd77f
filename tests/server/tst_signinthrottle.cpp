// SPDX-License-Identifier: MIT
// Sign-in throttling ([abuse] sign_in_free_failures and the rest): a few failed sign-ins per
// username and per address are free, then each doubles the wait, up to the cap; success
// clears the username's record; forgetting old records never lifts a block. Driven by the
// clock the throttle is given.
#include "net/ratelimiter.h"

#include <QTest>

using namespace Hallway;

namespace {
constexpr qint64 T0 = 1'700'000'000'000;
constexpr qint64 Cap = 30'000;
const QString Alice = QStringLiteral("alice");
const QString Home = QStringLiteral("192.0.2.1");
const QString Office = QStringLiteral("198.51.100.7");
} // namespace

class tst_SignInThrottle : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void freeFailuresThenDoublingWaitsPerUser();
    void waitShrinksWithTime();
    void freeFailuresPerAddress();
    void waitIsCapped();
    void successClearsTheUsernameOnly();
    void unknownUsernameCountsForTheAddressOnly();
    void pruningNeverLiftsABlock();
};

void tst_SignInThrottle::freeFailuresThenDoublingWaitsPerUser()
{
    SignInThrottle throttle(3, 100, Cap);
    for (int i = 0; i < 3; ++i) {
        throttle.failed(Alice, Home, T0);
        QCOMPARE(throttle.waitFor(Alice, Home, T0), 0);
    }
    const QList<qint64> waits{1000, 2000, 4000, 8000, 16'000, Cap, Cap};
    for (const qint64 wait : waits) {
        throttle.failed(Alice, Home, T0);
        QCOMPARE(throttle.waitFor(Alice, Home, T0), wait);
        // It is the username that is blocked, from anywhere.
        QCOMPARE(throttle.waitFor(Alice, Office, T0), wait);
    }
    QCOMPARE(throttle.waitFor(QStringLiteral("bob"), Home, T0), 0);
}

void tst_SignInThrottle::waitShrinksWithTime()
{
    SignInThrottle throttle(0, 100, Cap);
    throttle.failed(Alice, Home, T0);
    QCOMPARE(throttle.waitFor(Alice, Home, T0), 1000);
    QCOMPARE(throttle.waitFor(Alice, Home, T0 + 400), 600);
    QCOMPARE(throttle.waitFor(Alice, Home, T0 + 1000), 0);
    // The next failure doubles the wait, counted from then.
    throttle.failed(Alice, Home, T0 + 1000);
    QCOMPARE(throttle.waitFor(Alice, Home, T0 + 1000), 2000);
    QCOMPARE(throttle.waitFor(Alice, Home, T0 + 2500), 500);
}

void tst_SignInThrottle::freeFailuresPerAddress()
{
    // One address trying many usernames, once each.
    SignInThrottle throttle(3, 5, Cap);
    for (int i = 1; i <= 5; ++i)
        throttle.failed(QStringLiteral("user%1").arg(i), Home, T0);
    QCOMPARE(throttle.waitFor(QStringLiteral("someone"), Home, T0), 0);
    throttle.failed(QStringLiteral("user6"), Home, T0);
    QCOMPARE(throttle.waitFor(QStringLiteral("someone"), Home, T0), 1000);
    throttle.failed(QStringLiteral("user7"), Home, T0);
    QCOMPARE(throttle.waitFor(QStringLiteral("someone"), Home, T0), 2000);
    // Those users may still sign in from elsewhere: one failure each is free.
    QCOMPARE(throttle.waitFor(QStringLiteral("user6"), Office, T0), 0);
}

void tst_SignInThrottle::waitIsCapped()
{
    // However many failures: the cap, and no overflow on the way.
    SignInThrottle throttle(0, 0, Cap);
    for (int i = 0; i < 200; ++i)
        throttle.failed(Alice, Home, T0);
    QCOMPARE(throttle.waitFor(Alice, Home, T0), Cap);
    QCOMPARE(throttle.waitFor(QStringLiteral("bob"), Home, T0), Cap);
    QCOMPARE(throttle.waitFor(Alice, Office, T0), Cap);
}

void tst_SignInThrottle::successClearsTheUsernameOnly()
{
    SignInThrottle throttle(2, 3, Cap);
    for (int i = 0; i < 4; ++i)
        throttle.failed(Alice, Home, T0);
    QCOMPARE(throttle.waitFor(Alice, Office, T0), 2000);
    QCOMPARE(throttle.waitFor(Alice, Home, T0), 2000);

    throttle.succeeded(Alice);
    QCOMPARE(throttle.waitFor(Alice, Office, T0), 0);
    // The address keeps its record: a success does not pardon guessing at other accounts.
    QCOMPARE(throttle.waitFor(Alice, Home, T0), 1000);
    QCOMPARE(throttle.waitFor(QStringLiteral("bob"), Home, T0), 1000);
    // And Alice starts over with her free failures.
    throttle.failed(Alice, Office, T0);
    throttle.failed(Alice, Office, T0);
    QCOMPARE(throttle.waitFor(Alice, Office, T0), 0);
    throttle.failed(Alice, Office, T0);
    QCOMPARE(throttle.waitFor(Alice, Office, T0), 1000);
}

void tst_SignInThrottle::unknownUsernameCountsForTheAddressOnly()
{
    // A sign-in whose username could not be read: no shared record for "" that would block
    // every such sign-in everywhere.
    SignInThrottle throttle(0, 2, Cap);
    throttle.failed(QString(), Home, T0);
    throttle.failed(QString(), Home, T0);
    QCOMPARE(throttle.waitFor(QString(), Office, T0), 0);
    QCOMPARE(throttle.waitFor(QString(), Home, T0), 0);
    throttle.failed(QString(), Home, T0);
    QCOMPARE(throttle.waitFor(QString(), Home, T0), 1000);
    QCOMPARE(throttle.waitFor(QString(), Office, T0), 0);
}

void tst_SignInThrottle::pruningNeverLiftsABlock()
{
    // Records untouched for an hour are forgotten, but not while they still block: here the
    // cap (two hours) outlasts the hour.
    constexpr qint64 TwoHours = 7'200'000;
    SignInThrottle throttle(0, 100, TwoHours);
    for (int i = 0; i < 14; ++i) // 8192 s, capped to two hours
        throttle.failed(Alice, Home, T0);
    QCOMPARE(throttle.waitFor(Alice, Home, T0), TwoHours);

    const qint64 later = T0 + 3'600'000 + 60'000;
    throttle.failed(QStringLiteral("bob"), Office, later); // prunes
    QCOMPARE(throttle.waitFor(Alice, Home, later), TwoHours - (later - T0));

    // Once the block is over and an hour has passed, the record goes: Alice starts afresh,
    // her next failure waits a second, not the cap.
    const qint64 afterBlock = T0 + TwoHours + 60'000;
    throttle.failed(QStringLiteral("bob"), Office, afterBlock); // prunes
    QCOMPARE(throttle.waitFor(Alice, Home, afterBlock), 0);
    throttle.failed(Alice, Home, afterBlock);
    QCOMPARE(throttle.waitFor(Alice, Home, afterBlock), 1000);
}

QTEST_GUILESS_MAIN(tst_SignInThrottle)
#include "tst_signinthrottle.moc"
