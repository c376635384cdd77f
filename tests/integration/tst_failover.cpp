// SPDX-License-Identifier: MIT
// Failing over between two server processes on one database: the app's client, given both
// addresses, moves to the live one when its node dies, resumes its session there and sends
// what it wrote meanwhile, stored once.
#include "fixtures.h"
#include "hallwayclient.h"
#include "protocol.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

class tst_Failover : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theClientMovesToTheLiveNodeWithItsSessionAndOutbox();
    void aFreshSignInTriesTheOtherNodes();
};

void tst_Failover::theClientMovesToTheLiveNodeWithItsSessionAndOutbox()
{
    HALLWAY_REQUIRE_BACKEND();
    TestServer first;
    QVERIFY(first.start());
    TestServer second;
    second.setDatabaseUrl(first.databaseUrl()); // the same event, another node
    QVERIFY(second.start());

    HallwayClient client;
    client.connection().setReconnectDelays(100, 400);
    client.setAlternateServers({second.url()});
    QSignalSpy signedIn(&client, &HallwayClient::signedIn);
    client.registerAccount(first.url(),
                           {QStringLiteral("traveller"),
                            QStringLiteral("Traveller"),
                            QStringLiteral("failover-password"),
                            {},
                            {}});
    QVERIFY(signedIn.wait(10'000));
    const QString token = client.token();
    QSignalSpy posted(&client, &HallwayClient::factPosted);
    client.postFact(QStringLiteral("Before"));
    QVERIFY(posted.wait(5000));

    // Its node dies; what is written meanwhile waits in the outbox.
    first.kill();
    QTRY_VERIFY(client.status() != HallwayClient::Status::Online);
    client.postFact(QStringLiteral("Written while moving"));
    QTRY_COMPARE_WITH_TIMEOUT(client.status(), HallwayClient::Status::Online, 15'000);
    QCOMPARE(client.serverUrl(), second.url());
    QCOMPARE(client.token(), token); // the same session, resumed
    QTRY_COMPARE_WITH_TIMEOUT(posted.size(), 2, 10'000);
    QCOMPARE(client.pendingWriteCount(), 0);

    QCOMPARE(countRows(second.databaseUrl(),
                       QStringLiteral("SELECT COUNT(*) FROM facts WHERE text = ?"),
                       {QStringLiteral("Written while moving")}),
             1);
}

void tst_Failover::aFreshSignInTriesTheOtherNodes()
{
    HALLWAY_REQUIRE_BACKEND();
    TestServer live;
    QVERIFY(live.start());
    // A loopback port nobody listens on stands for the node that is down.
    const QUrl down(QStringLiteral("ws://127.0.0.1:1"));

    HallwayClient client;
    client.connection().setReconnectDelays(100, 400);
    client.setAlternateServers({live.url()});
    QSignalSpy signedIn(&client, &HallwayClient::signedIn);
    QSignalSpy failed(&client, &HallwayClient::signInFailed);
    client.registerAccount(down,
                           {QStringLiteral("newcomer"),
                            QStringLiteral("Newcomer"),
                            QStringLiteral("failover-password"),
                            {},
                            {}});
    QVERIFY(signedIn.wait(10'000));
    QCOMPARE(client.serverUrl(), live.url());
    QCOMPARE(client.primaryServerUrl(), down);
    QCOMPARE(failed.size(), 0);

    // With every node down it still says so, after trying each once.
    HallwayClient stranded;
    stranded.connection().setReconnectDelays(100, 400);
    stranded.setAlternateServers({QUrl(QStringLiteral("ws://127.0.0.1:2"))});
    QSignalSpy strandedFailed(&stranded, &HallwayClient::signInFailed);
    stranded.signIn(down, {QStringLiteral("newcomer"), QStringLiteral("failover-password")});
    QVERIFY(strandedFailed.wait(10'000));
    QCOMPARE(stranded.status(), HallwayClient::Status::SignedOut);
}

QTEST_MAIN(tst_Failover)
#include "tst_failover.moc"
