// SPDX-License-Identifier: MIT
// A client whose connection drops for a moment and comes back catches up on its own topics
// (its chat stream, a person's fact feed) from where it was: the events it missed, in the same
// epoch, not a fresh snapshot. These topics used to be deleted when their last subscriber left
// (sometimes from inside their own publish), throwing their history away.
#include "protocol.h"
#include "testclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QString Password = QStringLiteral("reconnect-password");

QJsonObject positionOf(const Envelope &subscribed)
{
    return {{QStringLiteral("epoch"), subscribed.data.value(QStringLiteral("epoch"))},
            {QStringLiteral("seq"), subscribed.data.value(QStringLiteral("seq"))}};
}
} // namespace

class tst_Reconnects : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ownTopicsCatchUpAfterAShortCut_data();
    void ownTopicsCatchUpAfterAShortCut();
};

void tst_Reconnects::ownTopicsCatchUpAfterAShortCut_data()
{
    QTest::addColumn<bool>("chat");
    QTest::newRow("chat stream") << true;
    QTest::newRow("a person's fact feed") << false;
}

void tst_Reconnects::ownTopicsCatchUpAfterAShortCut()
{
    QFETCH(bool, chat);
    TestServer server;
    QVERIFY(server.start());
    TestClient alice;
    TestClient bob;
    for (TestClient *client : {&alice, &bob})
        QVERIFY(client->open(server.url()) && !client->hello().isError());
    const Envelope aliceIn = alice.registerUser(QStringLiteral("alice"), Password);
    const Envelope bobIn = bob.registerUser(QStringLiteral("bob"), Password);
    QVERIFY(!aliceIn.isError() && !bobIn.isError());
    const qint64 aliceId = userIdOf(aliceIn);
    const qint64 bobId = userIdOf(bobIn);
    const QString topic = chat ? Protocol::Topic::Chat : Protocol::Topic::userFacts(bobId);
    const auto bobWrites = [&](int n) {
        const QString clientId = QStringLiteral("w%1").arg(n);
        return chat ? bob.request(Protocol::Type::SendMessage,
                                  {{QStringLiteral("clientId"), clientId},
                                   {QStringLiteral("to"), aliceId},
                                   {QStringLiteral("text"), QStringLiteral("hello %1").arg(n)}})
                    : bob.request(Protocol::Type::PostFact,
                                  {{QStringLiteral("clientId"), clientId},
                                   {QStringLiteral("text"), QStringLiteral("fact %1").arg(n)}});
    };

    const Envelope first = alice.subscribe(topic);
    QVERIFY(!first.isError());
    QVERIFY(!bobWrites(1).isError());
    const Envelope seen = alice.waitForEvent(topic, [](const Envelope &) { return true; });
    QVERIFY(!seen.type.isEmpty());
    const QJsonObject lastSeen{
            {QStringLiteral("epoch"), positionOf(first).value(QStringLiteral("epoch"))},
            {QStringLiteral("seq"), seen.seq}};

    // Alice's connection drops; Bob writes twice meanwhile; she comes back.
    alice.close();
    QVERIFY(alice.waitForDisconnected());
    QVERIFY(!bobWrites(2).isError());
    QVERIFY(!bobWrites(3).isError());
    TestClient again;
    QVERIFY(again.open(server.url()) && !again.hello().isError());
    QVERIFY(!again.login(QStringLiteral("alice"), Password).isError());
    const Envelope back = again.subscribe(topic, lastSeen);
    QVERIFY(!back.isError());
    QCOMPARE(back.data.value(QStringLiteral("epoch")), lastSeen.value(QStringLiteral("epoch")));
    QVERIFY2(!back.data.contains(QStringLiteral("snapshot")),
             "a fresh snapshot instead of the two missed events");
    const QJsonArray missed = back.data.value(QStringLiteral("events")).toArray();
    QCOMPARE(missed.size(), 2);
    QCOMPARE(missed.at(0).toObject().value(QStringLiteral("seq")).toInteger(), seen.seq + 1);
    QCOMPARE(back.data.value(QStringLiteral("seq")).toInteger(), seen.seq + 2);
}

QTEST_GUILESS_MAIN(tst_Reconnects)
#include "tst_reconnects.moc"
