// SPDX-License-Identifier: MIT
// The storage layer against a real database: SQLite by default, PostgreSQL in the _postgres
// variant (HALLWAY_TEST_BACKEND=postgres, with the cluster scripts/test.sh starts).
#include "auth/sessiontoken.h"
#include "fixtures.h"
#include "servermetrics.h"
#include "storage/databaseurl.h"
#include "storage/migrations.h"
#include "storage/storage.h"
#include "storagefixture.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Hallway;
using Hallway::Test::StorageFixture;

class tst_Storage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void migrationsApplyOnceAndRecordVersion();
    void asyncJobsDeliverInOrderOnTheCallerThread();
    void groupCommitKeepsEachJobsOutcome();
    void aStatementLeftUnrunIsNotReused();
    void postsWaitingTogetherAreStoredByOneStatement();
    void aBadPostInAGroupFailsAlone();
    void togglesWaitingTogetherKeepEachOnesMeaning();
    void unreachableDatabaseIsAClearError();
    void aStatementThatFailsIsLogged();

private:
    Test::StorageFixture m_fixture;
};

void tst_Storage::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
}

void tst_Storage::init()
{
    QVERIFY(m_fixture.init());
}

void tst_Storage::cleanup()
{
    m_fixture.cleanup();
}

void tst_Storage::migrationsApplyOnceAndRecordVersion()
{
    const int latest = Migrations::available().constLast().version;
    {
        auto storage = m_fixture.open();
        QVERIFY(storage);
        QCOMPARE(storage->runBlocking<int>([](StorageWorker &w) { return w.schemaVersion(); }),
                 latest);
        QVERIFY(StorageFixture::createUser(*storage, QStringLiteral("keeper")).id > 0);
    }
    // Opening again applies nothing and keeps the data.
    auto again = m_fixture.open();
    QVERIFY(again);
    QCOMPARE(again->runBlocking<int>([](StorageWorker &w) { return w.schemaVersion(); }), latest);
    QCOMPARE(again->runBlocking<Expected<qint64>>([](StorageWorker &w) {
                      return w.accounts().userCount();
                  }).value(),
             1);
}

void tst_Storage::asyncJobsDeliverInOrderOnTheCallerThread()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    QList<int> order;
    QObject context;
    for (int i = 0; i < 20; ++i) {
        storage->run<Expected<UserInfo>>(
                &context,
                [i](StorageWorker &w) {
                    Q_ASSERT(QThread::currentThread() != qApp->thread());
                    return w.accounts().createUser(
                            StorageFixture::newUser(QStringLiteral("user%1").arg(i)), i);
                },
                [&order, i](const Expected<UserInfo> &result) {
                    QVERIFY(QThread::currentThread() == qApp->thread());
                    QVERIFY(result);
                    order.append(i);
                });
    }
    QCOMPARE(storage->pendingJobs(), 20);
    QSignalSpy idle(storage.get(), &Storage::idle);
    QVERIFY(idle.wait(10'000));
    QCOMPARE(order.size(), 20);
    QVERIFY(std::is_sorted(order.cbegin(), order.cend()));
    QCOMPARE(storage->pendingJobs(), 0);
}

void tst_Storage::groupCommitKeepsEachJobsOutcome()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    ServerMetrics metrics;
    storage->setMetrics(&metrics);
    const UserInfo author = StorageFixture::createUser(*storage, QStringLiteral("author"));
    QVERIFY(author.id > 0);

    // The first job holds the worker, so the rest queue up and run as one batch.
    QObject context;
    const auto gate = StorageFixture::holdTheWorker(*storage, context);
    enum class Outcome { Stored, Duplicate, Conflict, Failed };
    QList<Outcome> expected;
    QList<std::optional<Outcome>> outcomes;
    const auto record = [&outcomes](qsizetype index, Outcome outcome) {
        outcomes[index] = outcome;
    };
    for (int i = 0; i < 30; ++i) {
        const qsizetype index = outcomes.size();
        outcomes.append(std::nullopt);
        switch (i % 5) {
        case 0: // a new user
            expected.append(Outcome::Stored);
            storage->run<Expected<UserInfo>>(
                    &context,
                    [i](StorageWorker &w) {
                        return w.accounts().createUser(
                                StorageFixture::newUser(QStringLiteral("new%1").arg(i)), i);
                    },
                    [&, index](const Expected<UserInfo> &user) {
                        record(index, user ? Outcome::Stored : Outcome::Failed);
                    });
            break;
        case 1: // a taken username: refused, and nothing else with it
            expected.append(Outcome::Conflict);
            storage->run<Expected<UserInfo>>(
                    &context,
                    [i](StorageWorker &w) {
                        return w.accounts().createUser(
                                StorageFixture::newUser(QStringLiteral("author")), i);
                    },
                    [&, index](const Expected<UserInfo> &user) {
                        record(index,
                               !user && user.error().code == ErrorCode::Conflict ? Outcome::Conflict
                                                                                 : Outcome::Failed);
                    });
            break;
        case 2: // a fact by nobody: the database refuses it (a foreign key)
            expected.append(Outcome::Failed);
            storage->run<Expected<StoredFact>>(
                    &context,
                    [i](StorageWorker &w) {
                        return w.facts().post(999'999, QStringLiteral("ghost%1").arg(i),
                                              QStringLiteral("Nobody wrote this"), i);
                    },
                    [&, index](const Expected<StoredFact> &fact) {
                        record(index, fact ? Outcome::Stored : Outcome::Failed);
                    });
            break;
        case 3: // a fact, and (4) its resend in the same batch
        case 4:
            expected.append(i % 5 == 3 ? Outcome::Stored : Outcome::Duplicate);
            storage->run<Expected<StoredFact>>(
                    &context,
                    [authorId = author.id, i](StorageWorker &w) {
                        return w.facts().post(authorId, QStringLiteral("fact%1").arg(i - i % 5),
                                              QStringLiteral("Fact %1").arg(i - i % 5), i);
                    },
                    [&, index](const Expected<StoredFact> &fact) {
                        record(index,
                               !fact                     ? Outcome::Failed
                                       : fact->duplicate ? Outcome::Duplicate
                                                         : Outcome::Stored);
                    });
            break;
        }
    }
    gate->release();
    QSignalSpy idle(storage.get(), &Storage::idle);
    QVERIFY(idle.wait(10'000));
    QCOMPARE(outcomes.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QVERIFY2(outcomes.at(i).has_value(), qPrintable(QString::number(i)));
        QCOMPARE(*outcomes.at(i), expected.at(i));
    }
    // They ran together, and what succeeded is in the database once.
    QVERIFY(metrics.storageBatches >= 1);
    QVERIFY(metrics.storageBatchedJobs >= 25);
    const auto counts = storage->runBlocking<Expected<qint64>>(
            [](StorageWorker &w) { return w.accounts().userCount(); });
    QCOMPARE(counts.value(), 1 + 6);
    const auto facts = storage->runBlocking<Expected<QList<Fact>>>(
            [](StorageWorker &w) { return w.facts().latestFacts(100); });
    QCOMPARE(facts->size(), 6);
}

void tst_Storage::aStatementLeftUnrunIsNotReused()
{
    // A resent announcement leaves the cached statements as a first send would: the next
    // announcement is stored (the statement cache once kept a bound, unrun INSERT).
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo moderator = StorageFixture::createUser(*storage, QStringLiteral("mod"));
    QVERIFY(moderator.id > 0);
    for (const QString &clientId :
         {QStringLiteral("a1"), QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("a3")}) {
        const auto stored =
                storage->runBlocking<Expected<StoredAnnouncement>>([&](StorageWorker &w) {
                    return w.moderation().announce(moderator.id, clientId,
                                                   QStringLiteral("Hello ") + clientId, 2);
                });
        QVERIFY2(stored, qPrintable(stored ? QString() : stored.error().message));
    }
    const auto latest = storage->runBlocking<Expected<QList<Announcement>>>(
            [](StorageWorker &w) { return w.moderation().latestAnnouncements(10); });
    QCOMPARE(latest->size(), 3);
}

namespace {
// Queues a post through Storage::runGrouped and keeps its result at index in results.
void queuePost(Storage &storage, QObject &context,
               QList<std::optional<Expected<StoredFact>>> &results, qint64 authorId,
               const QString &clientId, const QString &text)
{
    const qsizetype index = results.size();
    results.append(std::nullopt);
    storage.runGrouped<PostFacts>(
            &context, NewFact{authorId, clientId, text, 1000 + index},
            [&results, index](const Expected<StoredFact> &stored) { results[index] = stored; });
}
} // namespace

void tst_Storage::postsWaitingTogetherAreStoredByOneStatement()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    ServerMetrics metrics;
    storage->setMetrics(&metrics);
    const bool postgres = m_fixture.url().driver == DatabaseUrl::Driver::Postgres;
    if (postgres) {
        storage->runBlocking<bool>([](StorageWorker &w) {
            w.cluster().setNodeId(QStringLiteral("test-node"));
            return true;
        });
        QVERIFY(storage->runBlocking<Status>([](StorageWorker &w) {
            return w.cluster().joinCluster(QStringLiteral("test/127.0.0.1:1"));
        }));
    }
    const UserInfo author = StorageFixture::createUser(*storage, QStringLiteral("poster"));
    QVERIFY(author.id > 0);
    const auto earlier = storage->runBlocking<Expected<StoredFact>>([&](StorageWorker &w) {
        return w.facts().post(author.id, QStringLiteral("earlier"), QStringLiteral("Posted before"),
                              1);
    });
    QVERIFY(earlier);

    QStringList heard;
    QSqlDatabase listener;
    if (postgres) {
        listener = m_fixture.listenToNodeEvents(*this, heard);
        QVERIFY(listener.isOpen());
    }

    // Five posts wait while the worker is held: new, a resend of one stored before, new, a
    // resend of the first in the same batch, new. Texts with quotes and backslashes travel
    // through the one JSON parameter as they are.
    QObject context;
    const auto gate = StorageFixture::holdTheWorker(*storage, context);
    QList<std::optional<Expected<StoredFact>>> results;
    const QString quoted = QStringLiteral("She said \"hi\" \\ 'bye' {1,2} \u00e9\u2603");
    queuePost(*storage, context, results, author.id, QStringLiteral("a"), quoted);
    queuePost(*storage, context, results, author.id, QStringLiteral("earlier"),
              QStringLiteral("Resent"));
    queuePost(*storage, context, results, author.id, QStringLiteral("b"), QStringLiteral("B"));
    queuePost(*storage, context, results, author.id, QStringLiteral("a"),
              QStringLiteral("Resent in the batch"));
    queuePost(*storage, context, results, author.id, QStringLiteral("c"), QStringLiteral("C"));
    gate->release();
    QSignalSpy idle(storage.get(), &Storage::idle);
    QVERIFY(idle.wait(10'000));

    for (const auto &result : results)
        QVERIFY(result && result->hasValue());
    const auto at = [&](int i) { return results.at(i)->value(); };
    QVERIFY(!at(0).duplicate && !at(2).duplicate && !at(4).duplicate);
    QVERIFY(at(1).duplicate && at(3).duplicate);
    QCOMPARE(at(1).fact.id, earlier->fact.id);
    QCOMPARE(at(1).fact.text, QStringLiteral("Posted before"));
    QCOMPARE(at(3).fact.id, at(0).fact.id);
    QCOMPARE(at(0).fact.text, quoted);
    QCOMPARE(at(3).fact.text, quoted);
    QCOMPARE(at(0).fact.author.username, QStringLiteral("poster"));
    // Stored in the order they were sent.
    QVERIFY(earlier->fact.id < at(0).fact.id);
    QVERIFY(at(0).fact.id < at(2).fact.id);
    QVERIFY(at(2).fact.id < at(4).fact.id);
    const auto latest = storage->runBlocking<Expected<QList<Fact>>>(
            [](StorageWorker &w) { return w.facts().latestFacts(10); });
    QCOMPARE(latest->size(), 4);
    // One statement stored them all...
    QCOMPARE(metrics.storageGroups.load(), 1);
    QCOMPARE(metrics.storageGroupedJobs.load(), 5);
    if (postgres) {
        // ...and sent the other nodes one event naming the three new facts.
        QTRY_VERIFY(!heard.isEmpty());
        const auto isFactEvent = [](const QString &payload) {
            return payload.contains(QStringLiteral("fact.posted"));
        };
        QTRY_COMPARE(std::count_if(heard.cbegin(), heard.cend(), isFactEvent), 1);
        const QJsonObject event = QJsonDocument::fromJson(heard.constLast().toUtf8()).object();
        QCOMPARE(event.value(QStringLiteral("ids")).toArray(),
                 (QJsonArray{at(0).fact.id, at(2).fact.id, at(4).fact.id}));
        listener.close();
        listener = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("listener"));
    }
}

void tst_Storage::aBadPostInAGroupFailsAlone()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    ServerMetrics metrics;
    storage->setMetrics(&metrics);
    const UserInfo author = StorageFixture::createUser(*storage, QStringLiteral("poster"));
    QVERIFY(author.id > 0);

    // A post by nobody (a foreign key) and one too long (a check) fail the one statement;
    // then each runs alone, and only they fail.
    QObject context;
    const auto gate = StorageFixture::holdTheWorker(*storage, context);
    QList<std::optional<Expected<StoredFact>>> results;
    queuePost(*storage, context, results, author.id, QStringLiteral("x"), QStringLiteral("X"));
    queuePost(*storage, context, results, 999'999, QStringLiteral("ghost"), QStringLiteral("Boo"));
    queuePost(*storage, context, results, author.id, QStringLiteral("long"),
              QString(281, QLatin1Char('w')));
    queuePost(*storage, context, results, author.id, QStringLiteral("y"), QStringLiteral("Y"));
    gate->release();
    QSignalSpy idle(storage.get(), &Storage::idle);
    QVERIFY(idle.wait(10'000));

    QVERIFY(results.at(0) && results.at(0)->hasValue());
    QVERIFY(results.at(1) && !results.at(1)->hasValue());
    QVERIFY(results.at(2) && !results.at(2)->hasValue());
    QVERIFY(results.at(3) && results.at(3)->hasValue());
    QCOMPARE(metrics.storageGroups.load(), 0);
    const auto latest = storage->runBlocking<Expected<QList<Fact>>>(
            [](StorageWorker &w) { return w.facts().latestFacts(10); });
    QCOMPARE(latest->size(), 2);
    QCOMPARE(latest->at(0).text, QStringLiteral("Y"));
    QCOMPARE(latest->at(1).text, QStringLiteral("X"));
}

void tst_Storage::togglesWaitingTogetherKeepEachOnesMeaning()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    ServerMetrics metrics;
    storage->setMetrics(&metrics);
    struct Room {
        qint64 ada = 0, bob = 0, talk1 = 0, talk2 = 0;
    };
    const auto room = storage->runBlocking<Expected<Room>>([](StorageWorker &w) -> Expected<Room> {
        const auto ada = w.accounts().createUser(StorageFixture::newUser(QStringLiteral("ada")), 1);
        const auto bob = w.accounts().createUser(StorageFixture::newUser(QStringLiteral("bob")), 1);
        if (!ada || !bob)
            return Error{ErrorCode::Internal, QStringLiteral("no users")};
        const auto one =
                w.talks().proposeTalk(ada->id, QStringLiteral("t1"), QStringLiteral("One"), {}, 1);
        const auto two =
                w.talks().proposeTalk(bob->id, QStringLiteral("t2"), QStringLiteral("Two"), {}, 1);
        if (!one || !two)
            return Error{ErrorCode::Internal, QStringLiteral("no talks")};
        return Room{ada->id, bob->id, one->talk.id, two->talk.id};
    });
    QVERIFY(room);

    QObject context;
    QList<std::optional<Expected<VoteResult>>> results;
    const auto toggle = [&](qint64 userId, const QString &clientId, qint64 talkId) {
        const qsizetype index = results.size();
        results.append(std::nullopt);
        storage->runGrouped<ToggleVotes>(
                &context, VoteToggle{userId, clientId, talkId, 5},
                [&results, index](const Expected<VoteResult> &result) { results[index] = result; });
    };
    // While the worker is held: Ada votes for talk 1, Bob too, Ada for talk 2, Ada takes
    // back her vote for talk 1, Ada's first toggle arrives again, and a toggle for no talk.
    auto gate = StorageFixture::holdTheWorker(*storage, context);
    toggle(room->ada, QStringLiteral("a1"), room->talk1);
    toggle(room->bob, QStringLiteral("b1"), room->talk1);
    toggle(room->ada, QStringLiteral("a2"), room->talk2);
    toggle(room->ada, QStringLiteral("a3"), room->talk1);
    toggle(room->ada, QStringLiteral("a1"), room->talk1);
    toggle(room->bob, QStringLiteral("b2"), 999'999);
    gate->release();
    QSignalSpy idle(storage.get(), &Storage::idle);
    QVERIFY(idle.wait(10'000));

    for (int i = 0; i < 5; ++i)
        QVERIFY2(results.at(i) && results.at(i)->hasValue(), qPrintable(QString::number(i)));
    const auto at = [&](int i) { return results.at(i)->value(); };
    QVERIFY(at(0).voted && at(0).changed);
    QVERIFY(at(1).voted && at(1).changed);
    QVERIFY(at(2).voted && at(2).changed);
    QCOMPARE(at(2).votes, 1);
    QVERIFY(!at(3).voted && at(3).changed); // the second toggle undid the first
    QCOMPARE(at(3).votes, 1); // Bob's
    QVERIFY(at(4).voted && !at(4).changed); // a resend says what the first send did
    QCOMPARE(at(4).talkId, room->talk1);
    QCOMPARE(at(4).votes, 1);
    QVERIFY(results.at(5) && !results.at(5)->hasValue());
    QCOMPARE(results.at(5)->error().code, ErrorCode::NotFound);
    // The tallies are the counts.
    const auto tallies = storage->runBlocking<Expected<QList<qint64>>>(
            [&](StorageWorker &w) -> Expected<QList<qint64>> {
                const auto one = w.talks().tallyOf(room->talk1);
                const auto two = w.talks().tallyOf(room->talk2);
                if (!one || !two)
                    return Error{ErrorCode::Internal, QStringLiteral("no tallies")};
                return QList<qint64>{one.value(), two.value()};
            });
    QCOMPARE(tallies.value(), (QList<qint64>{1, 1}));
    QVERIFY(metrics.storageGroups.load() >= 1);
    QCOMPARE(metrics.storageGroupedJobs.load(), 6);

    // With voting closed every new toggle is refused, and a resend still answers.
    QVERIFY(storage->runBlocking<Expected<AuditEntry>>([](StorageWorker &w) {
        return w.talks().setVotingOpen(
                false,
                AuditRecord{std::nullopt, QStringLiteral("close_voting"), std::nullopt, {}, {}});
    }));
    results.clear();
    gate = StorageFixture::holdTheWorker(*storage, context);
    toggle(room->bob, QStringLiteral("b3"), room->talk2);
    toggle(room->bob, QStringLiteral("b1"), room->talk1);
    toggle(room->ada, QStringLiteral("a4"), room->talk1);
    gate->release();
    QVERIFY(idle.wait(10'000));
    QVERIFY(results.at(0) && !results.at(0)->hasValue());
    QCOMPARE(results.at(0)->error().code, ErrorCode::Conflict);
    QVERIFY(results.at(1) && results.at(1)->hasValue());
    QVERIFY(results.at(1)->value().voted && !results.at(1)->value().changed);
    QVERIFY(results.at(2) && !results.at(2)->hasValue());
    QCOMPARE(storage->runBlocking<Expected<qint64>>(
                            [&](StorageWorker &w) { return w.talks().tallyOf(room->talk2); })
                     .value(),
             1);
}

void tst_Storage::unreachableDatabaseIsAClearError()
{
    DatabaseUrl url = m_fixture.url();
    if (url.driver == DatabaseUrl::Driver::Sqlite)
        url.sqlitePath = QStringLiteral("/proc/hallway-cannot-write-here/db.sqlite");
    else
        url.port = 1; // nothing listens there
    Storage storage(url);
    const Status opened = storage.open();
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, ErrorCode::Unavailable);
    QVERIFY(!opened.error().message.isEmpty());
}

QTEST_GUILESS_MAIN(tst_Storage)
void tst_Storage::aStatementThatFailsIsLogged()
{
    // A failure that is not an outage is the operator's to see, with the database's words.
    auto storage = m_fixture.open();
    QVERIFY(storage);
    {
        QSqlDatabase other = Test::openDatabase(m_fixture.databaseUrl(), QStringLiteral("breaker"));
        QVERIFY2(QSqlQuery(other).exec(QStringLiteral("DROP TABLE votes")),
                 qPrintable(other.lastError().text()));
        other.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("breaker"));

    QTest::ignoreMessage(
            QtWarningMsg,
            QRegularExpression(QStringLiteral("count for the statistics failed: .*votes")));
    QObject context;
    bool failed = false;
    storage->run<Expected<RoomStats>>(
            &context, [](StorageWorker &w) { return w.stats().roomStats(1); },
            [&failed](const Expected<RoomStats> &stats) { failed = !stats; });
    QTRY_VERIFY(failed);
    QVERIFY(storage->isAvailable());
}

#include "tst_storage.moc"
