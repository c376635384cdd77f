// SPDX-License-Identifier: MIT
// Facts end to end on a real server: posting and its rules, resends stored once, a flood the
// community feed turns into at most one batch per window, and keyset paging that returns
// every fact exactly once.
#include "fixtures.h"
#include "protocol.h"
#include "testclient.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
constexpr int WindowMs = 600;

QJsonObject post(const QString &clientId, const QString &text)
{
    return {{QStringLiteral("clientId"), clientId}, {QStringLiteral("text"), text}};
}

QList<qint64> idsOf(const QJsonArray &facts)
{
    QList<qint64> ids;
    for (const QJsonValue &fact : facts)
        ids.append(fact.toObject().value(QStringLiteral("id")).toInteger());
    return ids;
}
} // namespace

class tst_Facts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void postingRules_data();
    void postingRules();
    void resendWithSameClientIdIsStoredOnce();
    void userFeedIsLiveAndProfilesAnswer();
    void floodIsBatchedOncePerWindowAndNothingIsLost();
    void pagingReturnsEveryFactOnceNewestFirst();

private:
    qint64 countInDatabase(const QString &where) const;
    TestServer m_server;
};

void tst_Facts::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
    m_server.setConfig(QStringLiteral("[facts]\ncommunity_interval_ms=%1\n").arg(WindowMs));
    QVERIFY(m_server.start());
}

qint64 tst_Facts::countInDatabase(const QString &where) const
{
    return countRows(m_server.databaseUrl(),
                     QStringLiteral("SELECT COUNT(*) FROM facts WHERE ") + where);
}

void tst_Facts::postingRules_data()
{
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QString>("messagePart"); // empty: accepted
    const QString emoji = QString::fromUtf8("\xF0\x9F\x8E\xA4"); // one character, two UTF-16 units
    QTest::newRow("plain") << post(QStringLiteral("r1"),
                                   QStringLiteral("I collect vintage keyboards"))
                           << QString();
    QTest::newRow("280 characters")
            << post(QStringLiteral("r2"), QString(280, QLatin1Char('k'))) << QString();
    QTest::newRow("280 emoji") << post(QStringLiteral("r3"), emoji.repeated(280)) << QString();
    QTest::newRow("trimmed to fit")
            << post(QStringLiteral("r4"),
                    QStringLiteral("   ") + QString(280, QLatin1Char('t')) + QStringLiteral("\n "))
            << QString();
    QTest::newRow("281 characters") << post(QStringLiteral("r5"), QString(281, QLatin1Char('x')))
                                    << QStringLiteral("at most 280 characters; this one has 281");
    QTest::newRow("empty") << post(QStringLiteral("r6"), QString())
                           << QStringLiteral("must not be empty");
    QTest::newRow("whitespace only") << post(QStringLiteral("r7"), QStringLiteral(" \t\n "))
                                     << QStringLiteral("must not be empty");
    QTest::newRow("text not a string")
            << QJsonObject{{QStringLiteral("clientId"), QStringLiteral("r8")},
                           {QStringLiteral("text"), 42}}
            << QStringLiteral("\"text\" must be a string");
    QTest::newRow("no client id") << QJsonObject{{QStringLiteral("text"), QStringLiteral("hi")}}
                                  << QStringLiteral("\"clientId\" is required");
    QTest::newRow("client id too long") << post(QString(65, QLatin1Char('c')), QStringLiteral("hi"))
                                        << QStringLiteral("clientId must be");
}

void tst_Facts::postingRules()
{
    QFETCH(QJsonObject, data);
    QFETCH(QString, messagePart);
    static std::unique_ptr<TestClient> poster = signedIn(m_server.url(), QStringLiteral("rules"));
    QVERIFY(poster);
    const qint64 before = countInDatabase(QStringLiteral("author_id = %1").arg(poster->userId()));
    const Envelope reply = poster->request(Protocol::Type::PostFact, data);
    const qint64 after = countInDatabase(QStringLiteral("author_id = %1").arg(poster->userId()));
    if (messagePart.isEmpty()) {
        QVERIFY2(!reply.isError(), qPrintable(reply.toError().message));
        const QJsonObject fact = reply.data.value(QStringLiteral("fact")).toObject();
        QCOMPARE(fact.value(QStringLiteral("text")).toString(),
                 data.value(QStringLiteral("text")).toString().trimmed());
        QCOMPARE(fact.value(QStringLiteral("author"))
                         .toObject()
                         .value(QStringLiteral("username"))
                         .toString(),
                 QStringLiteral("rules"));
        QCOMPARE(after, before + 1);
    } else {
        QCOMPARE(reply.toError().code, ErrorCode::BadRequest);
        QVERIFY2(reply.toError().message.contains(messagePart),
                 qPrintable(reply.toError().message));
        QCOMPARE(after, before); // nothing stored
    }
}

void tst_Facts::resendWithSameClientIdIsStoredOnce()
{
    auto poster = signedIn(m_server.url(), QStringLiteral("resender"));
    QVERIFY(poster);
    const Envelope first = poster->request(Protocol::Type::PostFact,
                                           post(QStringLiteral("same-id"), QStringLiteral("once")));
    QVERIFY(!first.isError());
    QVERIFY(!first.data.value(QStringLiteral("duplicate")).toBool());
    // The app reconnects and resends: a new connection, the same client id.
    poster.reset();
    TestClient again;
    QVERIFY(again.open(m_server.url()));
    QVERIFY(!again.hello().isError());
    QVERIFY(!again.login(QStringLiteral("resender"), TestPassword).isError());
    const Envelope second = again.request(Protocol::Type::PostFact,
                                          post(QStringLiteral("same-id"), QStringLiteral("once")));
    QVERIFY(!second.isError());
    QVERIFY(second.data.value(QStringLiteral("duplicate")).toBool());
    QCOMPARE(second.data.value(QStringLiteral("fact")).toObject().value(QStringLiteral("id")),
             first.data.value(QStringLiteral("fact")).toObject().value(QStringLiteral("id")));
    QCOMPARE(countInDatabase(QStringLiteral("client_id = 'same-id'")), 1);
    // Client ids are per author: someone else may use the same one.
    auto other = signedIn(m_server.url(), QStringLiteral("other-resender"));
    QVERIFY(!other->request(Protocol::Type::PostFact,
                            post(QStringLiteral("same-id"), QStringLiteral("mine")))
                     .data.value(QStringLiteral("duplicate"))
                     .toBool());
    QCOMPARE(countInDatabase(QStringLiteral("client_id = 'same-id'")), 2);
}

void tst_Facts::userFeedIsLiveAndProfilesAnswer()
{
    auto author = signedIn(m_server.url(), QStringLiteral("author"));
    auto reader = signedIn(m_server.url(), QStringLiteral("reader"));
    QVERIFY(author && reader);
    const qint64 authorId = author->userId();
    QVERIFY(!author->request(Protocol::Type::PostFact,
                             post(QStringLiteral("a1"), QStringLiteral("first")))
                     .isError());

    const Envelope subscribed = reader->subscribe(Protocol::Topic::userFacts(authorId));
    QVERIFY2(!subscribed.isError(), qPrintable(subscribed.toError().message));
    const QJsonArray snapshot = subscribed.data.value(QStringLiteral("snapshot"))
                                        .toObject()
                                        .value(QStringLiteral("facts"))
                                        .toArray();
    QCOMPARE(snapshot.size(), 1);
    QCOMPARE(snapshot.at(0).toObject().value(QStringLiteral("text")).toString(),
             QStringLiteral("first"));

    QVERIFY(!author->request(Protocol::Type::PostFact,
                             post(QStringLiteral("a2"), QStringLiteral("second")))
                     .isError());
    const Envelope live = reader->waitForEvent(Protocol::Topic::userFacts(authorId),
                                               [](const Envelope &) { return true; });
    QCOMPARE(live.data.value(QStringLiteral("kind")).toString(), QStringLiteral("posted"));
    QCOMPARE(live.data.value(QStringLiteral("facts"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString(),
             QStringLiteral("second"));
    QCOMPARE(live.seq, subscribed.data.value(QStringLiteral("seq")).toInteger() + 1);

    const Envelope profile =
            reader->request(Protocol::Type::GetUser, {{QStringLiteral("userId"), authorId}});
    QCOMPARE(profile.data.value(QStringLiteral("user"))
                     .toObject()
                     .value(QStringLiteral("displayName"))
                     .toString(),
             QStringLiteral("AUTHOR"));
    QCOMPARE(profile.data.value(QStringLiteral("presence")).toString(), QStringLiteral("online"));
    author->close();
    QTRY_COMPARE(reader->request(Protocol::Type::GetUser, {{QStringLiteral("userId"), authorId}})
                         .data.value(QStringLiteral("presence"))
                         .toString(),
                 QStringLiteral("offline"));

    QCOMPARE(reader->request(Protocol::Type::GetUser, {{QStringLiteral("userId"), 987654}})
                     .toError()
                     .code,
             ErrorCode::NotFound);
    QCOMPARE(reader->request(Protocol::Type::ListFacts, {{QStringLiteral("userId"), 987654}})
                     .toError()
                     .code,
             ErrorCode::NotFound);
    QCOMPARE(reader->subscribe(Protocol::Topic::userFacts(987654)).toError().code,
             ErrorCode::NotFound);
    QCOMPARE(reader->subscribe(QStringLiteral("facts.user.abc")).toError().code,
             ErrorCode::NotFound);
    QCOMPARE(reader->request(Protocol::Type::ListFacts,
                             {{QStringLiteral("userId"), authorId}, {QStringLiteral("limit"), 0}})
                     .toError()
                     .code,
             ErrorCode::BadRequest);
}

void tst_Facts::floodIsBatchedOncePerWindowAndNothingIsLost()
{
    auto watcher = signedIn(m_server.url(), QStringLiteral("watcher"));
    QVERIFY(watcher);
    const Envelope subscribed = watcher->subscribe(Protocol::Topic::CommunityFacts);
    QVERIFY(!subscribed.isError());
    // The watcher's own view of the feed: the snapshot, then every batch applied on top.
    QList<QJsonObject> feed;
    for (const QJsonValue &fact : subscribed.data.value(QStringLiteral("snapshot"))
                                          .toObject()
                                          .value(QStringLiteral("facts"))
                                          .toArray())
        feed.append(fact.toObject());

    std::vector<std::unique_ptr<TestClient>> posters;
    for (int i = 0; i < 4; ++i) {
        posters.push_back(signedIn(m_server.url(), QStringLiteral("poster%1").arg(i)));
        QVERIFY(posters.back());
    }
    const auto inABatch = [&watcher](const QString &text) {
        for (const Envelope &event : watcher->events()) {
            for (const QJsonValue &fact : event.data.value(QStringLiteral("facts")).toArray()) {
                if (fact.toObject().value(QStringLiteral("text")).toString() == text)
                    return true;
            }
        }
        return false;
    };
    // A window starts when a batch goes out: the watcher's own fact starts one, so that the
    // first rounds below fall inside it (and no batch is due as their acknowledgements come).
    QVERIFY(!watcher->request(Protocol::Type::PostFact,
                              post(QStringLiteral("starter"), QStringLiteral("Let it begin")))
                     .isError());
    QTRY_VERIFY_WITH_TIMEOUT(inABatch(QStringLiteral("Let it begin")), 10'000);
    watcher->clearEvents();
    // 200 facts from 4 posters in 5 waves of 10 rounds; each wave goes out as fast as the
    // posters' round trips allow, and the next starts once the watcher has the wave's last
    // fact, so the flood spans several windows whatever the machine's speed.
    QElapsedTimer clock;
    clock.start();
    int firstAckBeforeItsBatch = -1;
    for (int round = 0; round < 50; ++round) {
        for (int p = 0; p < 4; ++p) {
            const QString text = QStringLiteral("flood %1 from poster %2").arg(round).arg(p);
            const Envelope ack = posters[p]->request(Protocol::Type::PostFact,
                                                     post(QStringLiteral("f%1").arg(round), text));
            QVERIFY2(!ack.isError(), qPrintable(ack.toError().message));
            // The poster has its fact from the acknowledgement, before any batch carries it.
            if (round == 1 && p == 0)
                firstAckBeforeItsBatch = inABatch(text) ? 0 : 1;
        }
        if (round % 10 == 9)
            QTRY_VERIFY_WITH_TIMEOUT(inABatch(QStringLiteral("flood %1 from poster 3").arg(round)),
                                     10'000);
    }
    // The last round's facts all reached the watcher.
    for (int p = 0; p < 4; ++p)
        QVERIFY(inABatch(QStringLiteral("flood 49 from poster %1").arg(p)));

    QCOMPARE(firstAckBeforeItsBatch, 1);
    const QList<Envelope> batches = watcher->events();
    QVERIFY(batches.size() >= 2);
    // At most one update per window: no more batches than windows the flood lasted, plus one.
    QVERIFY2(batches.size() <= int(clock.elapsed() / WindowMs) + 2,
             qPrintable(QString::number(batches.size())));
    for (const Envelope &batch : batches) {
        QList<QJsonObject> facts;
        for (const QJsonValue &fact : batch.data.value(QStringLiteral("facts")).toArray())
            facts.append(fact.toObject());
        QVERIFY(facts.size() <= 20);
        feed = facts + feed;
        std::sort(feed.begin(), feed.end(), [](const QJsonObject &a, const QJsonObject &b) {
            return a.value(QStringLiteral("id")).toInteger()
                    > b.value(QStringLiteral("id")).toInteger();
        });
        feed = feed.mid(0, 20);
    }
    for (qsizetype i = 1; i < batches.size(); ++i) {
        QCOMPARE(batches.at(i).seq, batches.at(i - 1).seq + 1);
        // One update per window at most (less a little for delivery jitter on loopback).
        const qint64 gap =
                watcher->receivedAt(batches.at(i)) - watcher->receivedAt(batches.at(i - 1));
        QVERIFY2(gap >= WindowMs - 100, qPrintable(QStringLiteral("batches %1 ms apart").arg(gap)));
    }

    // The watcher ends with exactly the latest 20, newest first, as the database has them.
    QList<qint64> expected;
    {
        QSqlDatabase db = openDatabase(m_server.databaseUrl(), QStringLiteral("latest"));
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT id FROM facts ORDER BY id DESC LIMIT 20")));
        while (query.next())
            expected.append(query.value(0).toLongLong());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("latest"));
    QList<qint64> shown;
    for (const QJsonObject &fact : feed)
        shown.append(fact.value(QStringLiteral("id")).toInteger());
    QCOMPARE(shown, expected);

    // Each of the 200 is in its author's feed and in the database exactly once.
    for (auto &poster : posters) {
        const qint64 authorId = poster->userId();
        QCOMPARE(countInDatabase(QStringLiteral("author_id = %1").arg(authorId)), 50);
        const Envelope page = watcher->request(
                Protocol::Type::ListFacts,
                {{QStringLiteral("userId"), authorId}, {QStringLiteral("limit"), 100}});
        const QList<qint64> ids = idsOf(page.data.value(QStringLiteral("facts")).toArray());
        QCOMPARE(ids.size(), 50);
        QCOMPARE(QSet<qint64>(ids.cbegin(), ids.cend()).size(), 50);
        QVERIFY(!page.data.value(QStringLiteral("hasMore")).toBool());
    }
}

void tst_Facts::pagingReturnsEveryFactOnceNewestFirst()
{
    auto prolific = signedIn(m_server.url(), QStringLiteral("prolific"));
    QVERIFY(prolific);
    // 1,000 posts, pipelined, then every acknowledgement collected.
    for (int i = 0; i < 1000; ++i)
        prolific->sendRaw(QString::fromUtf8(Envelope{
                Protocol::Type::PostFact,
                QStringLiteral("p%1").arg(i),
                post(QStringLiteral("page-%1").arg(i), QStringLiteral("fact number %1").arg(i)),
                {},
                0}
                                                    .toJson()));
    for (int i = 0; i < 1000; ++i)
        QVERIFY2(!prolific->waitForReply(QStringLiteral("p%1").arg(i), 30'000).isError(),
                 qPrintable(QString::number(i)));

    const qint64 authorId = prolific->userId();
    QList<qint64> seen;
    std::optional<qint64> before;
    int pages = 0;
    while (true) {
        QJsonObject request{{QStringLiteral("userId"), authorId}, {QStringLiteral("limit"), 30}};
        if (before)
            request.insert(QStringLiteral("beforeId"), *before);
        const Envelope page = prolific->request(Protocol::Type::ListFacts, request);
        QVERIFY(!page.isError());
        const QList<qint64> ids = idsOf(page.data.value(QStringLiteral("facts")).toArray());
        ++pages;
        seen += ids;
        if (!page.data.value(QStringLiteral("hasMore")).toBool())
            break;
        QCOMPARE(ids.size(), 30);
        before = ids.constLast();
        QVERIFY(pages < 100);
    }
    QCOMPARE(pages, 34);
    QCOMPARE(seen.size(), 1000);
    QCOMPARE(QSet<qint64>(seen.cbegin(), seen.cend()).size(), 1000);
    QVERIFY(std::is_sorted(seen.cbegin(), seen.cend(), std::greater<>()));
    // The first fact posted is the last one paged to.
    const Envelope oldest = prolific->request(Protocol::Type::ListFacts,
                                              {{QStringLiteral("userId"), authorId},
                                               {QStringLiteral("beforeId"), seen.at(998)},
                                               {QStringLiteral("limit"), 5}});
    QCOMPARE(oldest.data.value(QStringLiteral("facts"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString(),
             QStringLiteral("fact number 0"));
}

QTEST_GUILESS_MAIN(tst_Facts)
#include "tst_facts.moc"
