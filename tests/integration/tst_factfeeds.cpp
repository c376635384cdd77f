// SPDX-License-Identifier: MIT
// The app's client core with facts on a real server: a fact typed while the server is down
// is sent when it is back and stored once; feed models page back through a user's facts and
// show the poster's own fact once.
#include "appfixtures.h"
#include "factfeedmodel.h"
#include "protocol.h"
#include "testclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

class tst_FactFeeds : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void factTypedWhileOfflineIsSentOnceWhenBack();
    void userFeedPagesBackThroughEverything();
    void communityFeedShowsOwnFactOnceAndKeepsTheLatest();

private:
    qint64 factsInDatabase(const QString &text);
    TestServer m_server;
};

void tst_FactFeeds::initTestCase()
{
    m_server.setConfig(QStringLiteral("[facts]\ncommunity_interval_ms=300\ncommunity_size=5\n"));
    QVERIFY(m_server.start());
}

qint64 tst_FactFeeds::factsInDatabase(const QString &text)
{
    return countRows(m_server.databaseUrl(),
                     QStringLiteral("SELECT COUNT(*) FROM facts WHERE text = ?"), {text});
}

void tst_FactFeeds::factTypedWhileOfflineIsSentOnceWhenBack()
{
    HallwayClient client;
    client.connection().setReconnectDelays(100, 500);
    QVERIFY(registerInApp(client, m_server.url(), QStringLiteral("traveller")));
    QSignalSpy posted(&client, &HallwayClient::factPosted);

    m_server.kill();
    QTRY_COMPARE_WITH_TIMEOUT(client.status(), HallwayClient::Status::Reconnecting, 5000);
    const QString clientId = client.postFact(QStringLiteral("Typed on the train"));
    QCOMPARE(client.pendingWriteCount(), 1);

    QVERIFY(m_server.restart());
    QTRY_COMPARE_WITH_TIMEOUT(posted.count(), 1, 10'000);
    QCOMPARE(posted.first().at(1).toString(), clientId);
    QCOMPARE(client.pendingWriteCount(), 0);
    QCOMPARE(factsInDatabase(QStringLiteral("Typed on the train")), 1);
    // A fence: the next fact's acknowledgement comes after any second one of the first.
    const QString nextId = client.postFact(QStringLiteral("Typed at the venue"));
    QTRY_COMPARE_WITH_TIMEOUT(posted.count(), 2, 10'000);
    QCOMPARE(posted.at(1).at(1).toString(), nextId);
}

void tst_FactFeeds::userFeedPagesBackThroughEverything()
{
    HallwayClient author;
    QVERIFY(registerInApp(author, m_server.url(), QStringLiteral("writer")));
    QSignalSpy posted(&author, &HallwayClient::factPosted);
    for (int i = 0; i < 45; ++i)
        author.postFact(QStringLiteral("writer fact %1").arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(posted.count(), 45, 20'000);

    HallwayClient reader;
    QVERIFY(registerInApp(reader, m_server.url(), QStringLiteral("bookworm")));
    std::unique_ptr<FactFeedModel> feed(FactFeedModel::userFeed(&reader, author.currentUser().id));
    QTRY_COMPARE(feed->rowCount(), 20); // the first page comes with the subscription
    QVERIFY(feed->canFetchMore({}));
    while (feed->canFetchMore({})) {
        feed->fetchMore({});
        QTRY_VERIFY(!feed->isLoading());
    }
    QCOMPARE(feed->rowCount(), 45);
    QSet<qint64> ids;
    for (int row = 0; row < feed->rowCount(); ++row) {
        ids.insert(feed->factAt(row).id);
        if (row > 0)
            QVERIFY(feed->factAt(row).id < feed->factAt(row - 1).id);
    }
    QCOMPARE(ids.size(), 45);
    QCOMPARE(feed->factAt(44).text, QStringLiteral("writer fact 0"));

    // Live while open.
    author.postFact(QStringLiteral("writer fact 45"));
    QTRY_COMPARE(feed->rowCount(), 46);
    QCOMPARE(feed->factAt(0).text, QStringLiteral("writer fact 45"));
}

void tst_FactFeeds::communityFeedShowsOwnFactOnceAndKeepsTheLatest()
{
    // Five facts at least, whichever functions ran before.
    auto other = signedIn(m_server.url(), QStringLiteral("other-poster"));
    QVERIFY(other);
    for (int i = 0; i < 5; ++i)
        QVERIFY(!other->request(Protocol::Type::PostFact,
                                {{QStringLiteral("clientId"), QStringLiteral("before%1").arg(i)},
                                 {QStringLiteral("text"), QStringLiteral("before %1").arg(i)}})
                         .isError());

    HallwayClient client;
    // As long as the server's community feed (community_size=5 here), which its snapshot says.
    std::unique_ptr<FactFeedModel> feed(FactFeedModel::community(&client));
    QVERIFY(registerInApp(client, m_server.url(), QStringLiteral("chatty")));
    QTRY_COMPARE(feed->rowCount(), 5);

    // Stored before the others' (two connections' requests are not ordered otherwise).
    QSignalSpy stored(&client, &HallwayClient::factPosted);
    client.postFact(QStringLiteral("mine, first"));
    QVERIFY(stored.wait(5000));
    for (int i = 0; i < 3; ++i)
        QVERIFY(!other->request(Protocol::Type::PostFact,
                                {{QStringLiteral("clientId"), QStringLiteral("o%1").arg(i)},
                                 {QStringLiteral("text"), QStringLiteral("theirs %1").arg(i)}})
                         .isError());
    QSignalSpy pushed(&client, &HallwayClient::topicEvent);
    client.postFact(QStringLiteral("mine, last"));
    QTRY_COMPARE_WITH_TIMEOUT(feed->factAt(0).text, QStringLiteral("mine, last"), 5000);
    // The server's batch with "mine, last" brings it a second time; the feed has taken that
    // batch in (it is connected before the spy) once the spy has it.
    const auto batchBroughtIt = [&pushed]() {
        for (const QList<QVariant> &event : pushed) {
            const QJsonArray facts =
                    event.at(2).toJsonObject().value(QStringLiteral("facts")).toArray();
            if (event.at(0).toString() == Protocol::Topic::CommunityFacts && !facts.isEmpty()
                && facts.first().toObject().value(QStringLiteral("text"))
                        == QStringLiteral("mine, last"))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(batchBroughtIt(), 10'000);
    const QStringList expected = {QStringLiteral("mine, last"), QStringLiteral("theirs 2"),
                                  QStringLiteral("theirs 1"), QStringLiteral("theirs 0"),
                                  QStringLiteral("mine, first")};
    const auto shown = [&feed]() {
        QStringList texts;
        for (int row = 0; row < feed->rowCount(); ++row)
            texts.append(feed->factAt(row).text);
        return texts;
    };
    QCOMPARE(shown(), expected);
}

QTEST_GUILESS_MAIN(tst_FactFeeds)
#include "tst_factfeeds.moc"
