// SPDX-License-Identifier: MIT
// Abuse limits on a real server: writes past a user's token bucket get rate_limited with a
// retry-after and nothing stored, then go through after the wait (and the app's client
// resends by itself); failed sign-ins meet growing waits per name and per address;
// connections per address are capped; browser pages from other origins are refused.
#include "fixtures.h"
#include "hallwayclient.h"
#include "protocol.h"
#include "testclient.h"
#include "testserver.h"

#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {

QString errorCode(const Envelope &reply)
{
    return reply.isError() ? reply.data.value(QStringLiteral("code")).toString() : QString();
}

qint64 retryAfter(const Envelope &reply)
{
    return reply.data.value(QStringLiteral("retryAfterMs")).toInteger();
}

Envelope post(TestClient &client, const QString &clientId)
{
    return client.request(
            Protocol::Type::PostFact,
            {{QStringLiteral("clientId"), clientId}, {QStringLiteral("text"), clientId}});
}
} // namespace

class tst_Abuse : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void postsPastTheBucketWaitTheirTurn();
    void theAppResendsARateLimitedWriteByItself();
    void resendsAndMistakesSpendNoAllowance();
    void failedSignInsMeetGrowingWaits();
    void connectionsPerAddressAreCapped();
    void pagesFromOtherOriginsAreRefused();

private:
    qint64 storedFacts();
    // A server of its own for each function: the limits per address would otherwise carry
    // one function's failures and connections into the next.
    std::unique_ptr<TestServer> m_server;
};

void tst_Abuse::init()
{
    // Small numbers, so the test sees every limit quickly.
    m_server = std::make_unique<TestServer>();
    m_server->setConfig(QStringLiteral("[abuse]\n"
                                       "posts_per_minute=60\nposts_burst=3\n"
                                       "messages_per_minute=60\nmessages_burst=3\n"
                                       "votes_per_minute=60\nvotes_burst=3\n"
                                       "sign_in_free_failures=2\n"
                                       "sign_in_free_failures_per_address=6\n"
                                       "sign_in_max_wait_seconds=3\n"
                                       "connections_per_address=12\n"
                                       "allowed_origins=\"https://hallway.example, "
                                       "https://other.example\"\n"));
    m_server->enableHttp(); // for /metrics
    QVERIFY(m_server->start());
}

qint64 tst_Abuse::storedFacts()
{
    return countRows(m_server->databaseUrl(), QStringLiteral("SELECT COUNT(*) FROM facts"));
}

void tst_Abuse::postsPastTheBucketWaitTheirTurn()
{
    auto client = signedIn(m_server->url(), QStringLiteral("eager"));
    QVERIFY(client);
    const qint64 before = storedFacts();
    for (int i = 0; i < 3; ++i)
        QVERIFY(!post(*client, QStringLiteral("burst%1").arg(i)).isError());
    const Envelope refused = post(*client, QStringLiteral("one-too-many"));
    QCOMPARE(errorCode(refused), QStringLiteral("rate_limited"));
    QVERIFY2(retryAfter(refused) > 0 && retryAfter(refused) <= 1000,
             qPrintable(QString::number(retryAfter(refused))));
    QCOMPARE(storedFacts(), before + 3); // nothing stored for the refused one

    // A second app of the same person shares the bucket.
    TestClient second;
    QVERIFY(second.open(m_server->url()) && !second.hello().isError());
    QVERIFY(!second.login(QStringLiteral("eager"), TestPassword).isError());
    QCOMPARE(errorCode(post(second, QStringLiteral("other-app"))), QStringLiteral("rate_limited"));

    // A talk proposal is a post too, so it waits with the facts.
    const Envelope talk = client->request(Protocol::Type::ProposeTalk,
                                          {{QStringLiteral("clientId"), QStringLiteral("talk")},
                                           {QStringLiteral("title"), QStringLiteral("Limits")}});
    QCOMPARE(errorCode(talk), QStringLiteral("rate_limited")); // a proposal is a post

    // After the wait the same post goes through. (This waits for the server's clock, which
    // is what is tested; tst_writeratelimiter checks every figure with a fake one.)
    QTest::qWait(static_cast<int>(retryAfter(refused)) + 50);
    QVERIFY(!post(*client, QStringLiteral("one-too-many")).isError());
    QCOMPARE(storedFacts(), before + 4);
}

void tst_Abuse::theAppResendsARateLimitedWriteByItself()
{
    HallwayClient client;
    QSignalSpy signedInSpy(&client, &HallwayClient::signedIn);
    client.registerAccount(
            m_server->url(),
            {QStringLiteral("typist"), QStringLiteral("Typist"), TestPassword, {}, {}});
    QVERIFY(signedInSpy.wait(10'000));
    QSignalSpy posted(&client, &HallwayClient::factPosted);
    QSignalSpy delayed(&client, &HallwayClient::writeDelayed);
    QSignalSpy rejected(&client, &HallwayClient::factRejected);
    for (int i = 0; i < 5; ++i)
        client.postFact(QStringLiteral("Fact %1").arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(posted.size(), 5, 10'000);
    QVERIFY(delayed.size() >= 2); // the fourth and fifth waited
    QCOMPARE(rejected.size(), 0);
    QCOMPARE(client.pendingWriteCount(), 0);
}

void tst_Abuse::resendsAndMistakesSpendNoAllowance()
{
    // A resend of a stored post (as an app does after reconnecting) is answered as the
    // duplicate it is, however often it comes, and costs nothing.
    auto resender = signedIn(m_server->url(), QStringLiteral("resender"));
    QVERIFY(resender);
    QVERIFY(!post(*resender, QStringLiteral("kept")).isError());
    for (int i = 0; i < 10; ++i) {
        const Envelope again = post(*resender, QStringLiteral("kept"));
        QVERIFY2(!again.isError(), qPrintable(errorCode(again)));
        QVERIFY(again.data.value(QStringLiteral("duplicate")).toBool());
    }
    QVERIFY(!post(*resender, QStringLiteral("second")).isError()); // the burst of 3 is intact
    QVERIFY(!post(*resender, QStringLiteral("third")).isError());
    QCOMPARE(errorCode(post(*resender, QStringLiteral("fourth"))), QStringLiteral("rate_limited"));
    // Even with the allowance used up, a resend is a duplicate, not "nothing was stored".
    const Envelope stillKept = post(*resender, QStringLiteral("kept"));
    QVERIFY2(!stillKept.isError(), qPrintable(errorCode(stillKept)));
    QVERIFY(stillKept.data.value(QStringLiteral("duplicate")).toBool());

    // Invalid requests get bad_request, before and after the allowance is used up, and cost
    // nothing.
    auto clumsy = signedIn(m_server->url(), QStringLiteral("clumsy"));
    QVERIFY(clumsy);
    const auto badPost = [&clumsy]() {
        return clumsy->request(
                Protocol::Type::PostFact,
                {{QStringLiteral("clientId"), QStringLiteral("bad")}, {QStringLiteral("text"), 5}});
    };
    for (int i = 0; i < 5; ++i)
        QCOMPARE(errorCode(badPost()), QStringLiteral("bad_request"));
    for (int i = 0; i < 3; ++i)
        QVERIFY(!post(*clumsy, QStringLiteral("fine%1").arg(i)).isError());
    QCOMPARE(errorCode(badPost()), QStringLiteral("bad_request"));

    // Votes for a talk that does not exist are refused and give their token back.
    auto voter = signedIn(m_server->url(), QStringLiteral("voter"));
    QVERIFY(voter);
    for (int i = 0; i < 30; ++i)
        QCOMPARE(errorCode(
                         voter->request(Protocol::Type::ToggleVote,
                                        {{QStringLiteral("clientId"), QStringLiteral("v%1").arg(i)},
                                         {QStringLiteral("talkId"), 999'999}})),
                 QStringLiteral("not_found"));
    auto speaker = signedIn(m_server->url(), QStringLiteral("speaker"));
    QVERIFY(speaker);
    const Envelope proposed =
            speaker->request(Protocol::Type::ProposeTalk,
                             {{QStringLiteral("clientId"), QStringLiteral("talk")},
                              {QStringLiteral("title"), QStringLiteral("Fair limits")}});
    QVERIFY(!proposed.isError());
    const qint64 talkId = proposed.data.value(QStringLiteral("talk"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();
    for (int i = 0; i < 3; ++i) // the whole burst of 3 is still there
        QVERIFY(!voter->request(Protocol::Type::ToggleVote,
                                {{QStringLiteral("clientId"), QStringLiteral("real%1").arg(i)},
                                 {QStringLiteral("talkId"), talkId}})
                         .isError());
}

void tst_Abuse::failedSignInsMeetGrowingWaits()
{
    auto owner = signedIn(m_server->url(), QStringLiteral("victim"));
    QVERIFY(owner);
    TestClient guesser;
    QVERIFY(guesser.open(m_server->url()) && !guesser.hello().isError());
    const auto guess = [&guesser]() {
        return guesser.login(QStringLiteral("victim"), QStringLiteral("wrong-guess"));
    };
    QCOMPARE(errorCode(guess()), QStringLiteral("unauthorized"));
    QCOMPARE(errorCode(guess()), QStringLiteral("unauthorized")); // two free failures
    QCOMPARE(errorCode(guess()), QStringLiteral("unauthorized")); // the third starts a wait...
    const Envelope waiting = guess();
    QCOMPARE(errorCode(waiting), QStringLiteral("rate_limited")); // ...of 1 s
    QVERIFY(retryAfter(waiting) > 0 && retryAfter(waiting) <= 1000);
    // Even the right password waits: the name is locked, not the guesser.
    TestClient rightful;
    QVERIFY(rightful.open(m_server->url()) && !rightful.hello().isError());
    QCOMPARE(errorCode(rightful.login(QStringLiteral("victim"), TestPassword)),
             QStringLiteral("rate_limited"));
    // The next failure doubles the wait. (Waiting out the server's own wait is the point;
    // tst_signinthrottle checks every figure on a fake clock.)
    QTest::qWait(static_cast<int>(retryAfter(waiting)) + 50);
    QCOMPARE(errorCode(guess()), QStringLiteral("unauthorized"));
    const Envelope longer = guess();
    QCOMPARE(errorCode(longer), QStringLiteral("rate_limited"));
    QVERIFY2(retryAfter(longer) > 1000 && retryAfter(longer) <= 2000,
             qPrintable(QString::number(retryAfter(longer))));
    // After the wait the right password works, and clears the record.
    QTest::qWait(static_cast<int>(retryAfter(longer)) + 50);
    QVERIFY(!rightful.login(QStringLiteral("victim"), TestPassword).isError());

    // From one address, failures on many names add up too.
    for (int i = 0; i < 3; ++i)
        QCOMPARE(errorCode(guesser.login(QStringLiteral("nobody%1").arg(i), QStringLiteral("x"))),
                 QStringLiteral("unauthorized"));
    const Envelope addressWait =
            guesser.login(QStringLiteral("nobody-else"), QStringLiteral("wrong-guess"));
    QCOMPARE(errorCode(addressWait), QStringLiteral("rate_limited"));
}

void tst_Abuse::connectionsPerAddressAreCapped()
{
    // A connection past the limit is closed with 4007 instead of being answered: the hello
    // round trip tells the two apart without waiting for anything else.
    const auto admitted = [this](std::unique_ptr<TestClient> &client) {
        client = std::make_unique<TestClient>();
        if (!client->open(m_server->url()))
            return false;
        if (!client->hello().isError())
            return true;
        client->waitForDisconnected();
        return false;
    };
    std::vector<std::unique_ptr<TestClient>> clients;
    int refused = 0;
    for (int i = 0; i < 14; ++i) {
        std::unique_ptr<TestClient> client;
        if (admitted(client)) {
            clients.push_back(std::move(client));
            continue;
        }
        // Told why (4007), or, past the few handshakes allowed for telling, not let in at all.
        QVERIFY2(client->closeCode() == Protocol::CloseCode::TooManyConnections
                         || client->closeCode()
                                 == QWebSocketProtocol::CloseCodeAbnormalDisconnection,
                 qPrintable(QString::number(client->closeCode())));
        ++refused;
    }
    QCOMPARE(clients.size(), std::size_t(12));
    QCOMPARE(refused, 2);
    // Closing one makes room again, as soon as the server has seen it go.
    clients.front()->close();
    clients.erase(clients.begin());
    QTRY_COMPARE(m_server->metric(QStringLiteral("hallway_connections")), 11);
    QTRY_COMPARE(m_server->metric(QStringLiteral("hallway_handshakes")), 0);
    std::unique_ptr<TestClient> again;
    QVERIFY(admitted(again));
}

void tst_Abuse::pagesFromOtherOriginsAreRefused()
{
    const auto openFrom = [this](const QString &origin) {
        auto client = std::make_unique<TestClient>();
        QNetworkRequest request(m_server->url());
        if (!origin.isEmpty())
            request.setRawHeader("Origin", origin.toUtf8());
        client->socket().open(request);
        const bool opened = QTest::qWaitFor(
                [&]() { return client->socket().state() == QAbstractSocket::ConnectedState; },
                3000);
        return opened;
    };
    QVERIFY(!openFrom(QStringLiteral("https://evil.example")));
    QVERIFY(openFrom(QStringLiteral("https://hallway.example")));
    QVERIFY(openFrom(QStringLiteral("https://other.example")));
    QVERIFY(openFrom(QString())); // apps send no Origin
}

QTEST_MAIN(tst_Abuse)
#include "tst_abuse.moc"
