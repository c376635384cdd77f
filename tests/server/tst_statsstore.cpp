// SPDX-License-Identifier: MIT
// StatsStore against a real database: SQLite, or PostgreSQL in the _postgres variant.
#include "fixtures.h"
#include "storagefixture.h"

#include <QTest>
#include <numeric>

using namespace Hallway;
using Hallway::Test::StorageFixture;

class tst_StatsStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void countsLeaveOutHiddenFacts();
    void postsPerMinuteCoverTheLastHour();

private:
    Test::StorageFixture m_fixture;
};

void tst_StatsStore::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
}

void tst_StatsStore::init()
{
    QVERIFY(m_fixture.init());
}

void tst_StatsStore::cleanup()
{
    m_fixture.cleanup();
}

namespace {
constexpr qint64 MinuteMs = 60'000;
// Some time into a minute, long after the epoch.
constexpr qint64 Now = 28'000'000 * MinuteMs + 25'000;

struct Room {
    UserInfo ada, bob, cy;
};

Expected<Room> makeRoom(StorageWorker &w)
{
    NewUser cy = StorageFixture::newUser(QStringLiteral("cyril"));
    cy.city = QStringLiteral("Paris");
    cy.region = QStringLiteral("Ile-de-France");
    const auto ada = w.accounts().createUser(StorageFixture::newUser(QStringLiteral("ada")), 1);
    const auto bob = w.accounts().createUser(StorageFixture::newUser(QStringLiteral("bob")), 1);
    const auto paris = w.accounts().createUser(cy, 1);
    if (!ada || !bob || !paris)
        return Error{ErrorCode::Internal, QStringLiteral("no users")};
    return Room{ada.value(), bob.value(), paris.value()};
}
} // namespace

void tst_StatsStore::countsLeaveOutHiddenFacts()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto stats = storage->runBlocking<Expected<RoomStats>>([](StorageWorker &w)
                                                                         -> Expected<RoomStats> {
        const auto room = makeRoom(w);
        if (!room)
            return room.error();
        QList<qint64> facts;
        for (const UserInfo &author : {room->ada, room->ada, room->bob, room->cy, room->cy}) {
            const auto stored = w.facts().post(author.id, QStringLiteral("c%1").arg(facts.size()),
                                               QStringLiteral("Fact"), Now);
            if (!stored)
                return stored.error();
            facts.append(stored->fact.id);
        }
        if (!w.moderation().setFactHidden(
                    facts.at(0), true,
                    {std::nullopt, QStringLiteral("hide_fact"), std::nullopt, {}, {}}))
            return Error{ErrorCode::Internal, QStringLiteral("not hidden")};
        if (!w.chat().sendMessage(room->ada.id, room->bob.id, QStringLiteral("m"),
                                  QStringLiteral("Hi"), Now))
            return Error{ErrorCode::Internal, QStringLiteral("no message")};
        const auto talk = w.talks().proposeTalk(room->cy.id, QStringLiteral("t"),
                                                QStringLiteral("Talk"), {}, Now);
        if (!talk || !w.talks().toggleVote(room->ada.id, QStringLiteral("v"), talk->talk.id, Now))
            return Error{ErrorCode::Internal, QStringLiteral("no vote")};
        return w.stats().roomStats(Now);
    });
    QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
    QCOMPARE(stats->computedAt, Now);
    QCOMPARE(stats->users, 3);
    QCOMPARE(stats->facts, 4);
    QCOMPARE(stats->messages, 1);
    QCOMPARE(stats->votes, 1);
    // Two posts each: the tie goes by name.
    QCOMPARE(
            stats->topCities,
            (QList<RoomStats::Place>{{QStringLiteral("Berlin"), 2}, {QStringLiteral("Paris"), 2}}));
    QCOMPARE(stats->topRegions,
             (QList<RoomStats::Place>{{QStringLiteral("Brandenburg"), 2},
                                      {QStringLiteral("Ile-de-France"), 2}}));
}

// The last hour in minutes: 59 whole ones and the one now running, last.
void tst_StatsStore::postsPerMinuteCoverTheLastHour()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo ada = StorageFixture::createUser(*storage, QStringLiteral("ada"));
    QVERIFY(ada.id > 0);
    const qint64 times[] = {
            Now,           Now - 1000, Now - MinuteMs, Now - 59 * MinuteMs, Now - 60 * MinuteMs,
            Now + MinuteMs};
    for (const qint64 at : times)
        QVERIFY(storage->runBlocking<Expected<StoredFact>>([&](StorageWorker &w) {
            return w.facts().post(ada.id, QStringLiteral("t%1").arg(at), QStringLiteral("F"), at);
        }));
    const auto stats = storage->runBlocking<Expected<RoomStats>>(
            [](StorageWorker &w) { return w.stats().roomStats(Now); });
    QVERIFY(stats);
    const qint64 currentMinute = Now - Now % MinuteMs;
    QCOMPARE(stats->perMinuteSince, currentMinute - 59 * MinuteMs);
    QCOMPARE(stats->postsPerMinute.size(), RoomStats::Minutes);
    QCOMPARE(stats->postsPerMinute.at(59), 2);
    QCOMPARE(stats->postsPerMinute.at(58), 1);
    QCOMPARE(stats->postsPerMinute.at(0), 1);
    QCOMPARE(std::accumulate(stats->postsPerMinute.cbegin(), stats->postsPerMinute.cend(),
                             qint64(0)),
             4);
}

QTEST_GUILESS_MAIN(tst_StatsStore)
#include "tst_statsstore.moc"
