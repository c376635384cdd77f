// SPDX-License-Identifier: MIT
// Who's online, end to end: raw clients on a real server see each other come and go, a
// resubscriber gets just what it missed, and the app's client core reconnects after the
// server dies and shows the right list again.
#include "fixtures.h"
#include "hallwayclient.h"
#include "presencemodel.h"
#include "protocol.h"
#include "testclient.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {

QSet<QString> usernamesIn(const QJsonObject &snapshot)
{
    QSet<QString> names;
    for (const QJsonValue &user : snapshot.value(QStringLiteral("users")).toArray())
        names.insert(user.toObject().value(QStringLiteral("username")).toString());
    return names;
}

auto kindIs(const QString &kind, const QString &username = {})
{
    return [kind, username](const Envelope &event) {
        if (event.data.value(QStringLiteral("kind")).toString() != kind)
            return false;
        return username.isEmpty()
                || event.data.value(QStringLiteral("user"))
                           .toObject()
                           .value(QStringLiteral("username"))
                           .toString()
                == username;
    };
}

// A fence on the presence stream: someone new signs in, and once watcher has seen them join,
// every event published before (the stream keeps its order) has arrived as well. The returned
// client stays signed in, so that its leaving does not reach watcher during the test.
std::unique_ptr<TestClient> presenceFence(TestClient &watcher, const QUrl &server,
                                          const QString &username)
{
    auto fence = signedIn(server, username);
    if (!fence
        || watcher.waitForEvent(Protocol::Topic::Presence,
                                kindIs(QStringLiteral("joined"), username))
                   .type.isEmpty())
        return nullptr;
    return fence;
}

QSet<QString> modelUsernames(const PresenceModel &model)
{
    QSet<QString> names;
    for (int row = 0; row < model.rowCount(); ++row)
        names.insert(model.data(model.index(row), PresenceModel::UsernameRole).toString());
    return names;
}
} // namespace

class tst_Presence : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void twoClientsSeeEachOtherComeAndGo();
    void awayOnlyWhenEveryConnectionIsAway();
    void resubscribeGetsOnlyWhatWasMissed();
    void unknownEpochGetsASnapshot();
    void clientCoreReconnectsAndResyncs();

private:
    TestServer m_server;
};

void tst_Presence::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
    m_server.enableHttp(); // /metrics tells when the server has seen a connection go
    QVERIFY(m_server.start());
}

void tst_Presence::twoClientsSeeEachOtherComeAndGo()
{
    auto anna = signedIn(m_server.url(), QStringLiteral("anna"));
    QVERIFY(anna);
    const Envelope subscribed = anna->subscribe(Protocol::Topic::Presence);
    QVERIFY(!subscribed.isError());
    const QJsonObject snapshot = subscribed.data.value(QStringLiteral("snapshot")).toObject();
    QVERIFY(usernamesIn(snapshot).contains(QStringLiteral("anna")));
    const qint64 seq = subscribed.data.value(QStringLiteral("seq")).toInteger();

    auto ben = signedIn(m_server.url(), QStringLiteral("ben"));
    QVERIFY(ben);
    const Envelope joined = anna->waitForEvent(
            Protocol::Topic::Presence, kindIs(QStringLiteral("joined"), QStringLiteral("ben")));
    QVERIFY2(!joined.type.isEmpty(), "anna never saw ben come online");
    QCOMPARE(joined.seq, seq + 1);
    QCOMPARE(joined.data.value(QStringLiteral("user"))
                     .toObject()
                     .value(QStringLiteral("displayName"))
                     .toString(),
             QStringLiteral("BEN"));
    QCOMPARE(joined.data.value(QStringLiteral("state")).toString(), QStringLiteral("online"));

    const Envelope benView = ben->subscribe(Protocol::Topic::Presence);
    QCOMPARE(usernamesIn(benView.data.value(QStringLiteral("snapshot")).toObject()),
             (QSet<QString>{QStringLiteral("anna"), QStringLiteral("ben")}));

    QVERIFY(!ben->request(Protocol::Type::SetPresence,
                          {{QStringLiteral("state"), QStringLiteral("away")}})
                     .isError());
    const Envelope away =
            anna->waitForEvent(Protocol::Topic::Presence, kindIs(QStringLiteral("state")));
    QCOMPARE(away.data.value(QStringLiteral("state")).toString(), QStringLiteral("away"));
    QCOMPARE(away.seq, joined.seq + 1);

    const qint64 benId = joined.data.value(QStringLiteral("userId")).toInteger();
    ben->close();
    const Envelope left =
            anna->waitForEvent(Protocol::Topic::Presence, kindIs(QStringLiteral("left")));
    QVERIFY2(!left.type.isEmpty(), "anna never saw ben go offline");
    QCOMPARE(left.data.value(QStringLiteral("userId")).toInteger(), benId);
    QCOMPARE(left.seq, away.seq + 1);
    anna->close();
}

void tst_Presence::awayOnlyWhenEveryConnectionIsAway()
{
    auto watcher = signedIn(m_server.url(), QStringLiteral("watcher"));
    QVERIFY(watcher);
    QVERIFY(!watcher->subscribe(Protocol::Topic::Presence).isError());
    auto laptop = signedIn(m_server.url(), QStringLiteral("cleo"));
    QVERIFY(laptop);
    auto phone = signedIn(m_server.url(), QStringLiteral("cleo"), SignIn::Login);
    QVERIFY(phone);
    QVERIFY(!watcher->waitForEvent(Protocol::Topic::Presence,
                                   kindIs(QStringLiteral("joined"), QStringLiteral("cleo")))
                     .type.isEmpty());

    QVERIFY(!laptop->request(Protocol::Type::SetPresence,
                             {{QStringLiteral("state"), QStringLiteral("away")}})
                     .isError());
    const auto firstFence = presenceFence(*watcher, m_server.url(), QStringLiteral("fence1"));
    QVERIFY(firstFence);
    QVERIFY2(watcher->events().isEmpty(), "cleo is still online on her phone");
    QVERIFY(!phone->request(Protocol::Type::SetPresence,
                            {{QStringLiteral("state"), QStringLiteral("away")}})
                     .isError());
    const Envelope away =
            watcher->waitForEvent(Protocol::Topic::Presence, kindIs(QStringLiteral("state")));
    QCOMPARE(away.data.value(QStringLiteral("state")).toString(), QStringLiteral("away"));

    const qint64 open = m_server.metric(QStringLiteral("hallway_connections"));
    phone->close();
    // The fence below goes through another connection, so first the server has to have seen
    // the phone go.
    QTRY_COMPARE(m_server.metric(QStringLiteral("hallway_connections")), open - 1);
    const auto secondFence = presenceFence(*watcher, m_server.url(), QStringLiteral("fence2"));
    QVERIFY(secondFence);
    QVERIFY2(watcher->events().isEmpty(), "cleo is still connected on her laptop");
    laptop->close();
    QVERIFY(!watcher->waitForEvent(Protocol::Topic::Presence, kindIs(QStringLiteral("left")))
                     .type.isEmpty());
    watcher->close();
}

void tst_Presence::resubscribeGetsOnlyWhatWasMissed()
{
    auto dora = signedIn(m_server.url(), QStringLiteral("dora"));
    QVERIFY(dora);
    auto watcher = signedIn(m_server.url(), QStringLiteral("dora-watcher"));
    QVERIFY(watcher && !watcher->subscribe(Protocol::Topic::Presence).isError());
    const Envelope first = dora->subscribe(Protocol::Topic::Presence);
    const QJsonObject since{{QStringLiteral("epoch"), first.data.value(QStringLiteral("epoch"))},
                            {QStringLiteral("seq"), first.data.value(QStringLiteral("seq"))}};
    QVERIFY(!dora->request(Protocol::Type::Unsubscribe,
                           {{QStringLiteral("topic"), Protocol::Topic::Presence}})
                     .isError());

    // While dora is not listening, eli comes and goes (the watcher sees that it happened).
    auto eli = signedIn(m_server.url(), QStringLiteral("eli"));
    QVERIFY(eli);
    eli->close();
    QVERIFY(!watcher->waitForEvent(
                            Protocol::Topic::Presence,
                            [eliId = eli->userId()](const Envelope &event) {
                                return event.data.value(QStringLiteral("kind")).toString()
                                        == QStringLiteral("left")
                                        && event.data.value(QStringLiteral("userId")).toInteger()
                                        == eliId;
                            })
                     .type.isEmpty());

    const Envelope again = dora->subscribe(Protocol::Topic::Presence, since);
    QVERIFY(!again.isError());
    QVERIFY2(dora->events().isEmpty(), "an unsubscribed client was sent events");
    QVERIFY2(!again.data.contains(QStringLiteral("snapshot")),
             "a known position gets events, not a snapshot");
    const QJsonArray missed = again.data.value(QStringLiteral("events")).toArray();
    QCOMPARE(missed.size(), 2);
    qint64 expected = since.value(QStringLiteral("seq")).toInteger() + 1;
    for (const QJsonValue &event : missed)
        QCOMPARE(event.toObject().value(QStringLiteral("seq")).toInteger(), expected++);
    QCOMPARE(missed.at(0)
                     .toObject()
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("kind"))
                     .toString(),
             QStringLiteral("joined"));
    QCOMPARE(missed.at(1)
                     .toObject()
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("kind"))
                     .toString(),
             QStringLiteral("left"));
    QCOMPARE(again.data.value(QStringLiteral("seq")).toInteger(), expected - 1);
    dora->close();
}

void tst_Presence::unknownEpochGetsASnapshot()
{
    auto finn = signedIn(m_server.url(), QStringLiteral("finn"));
    QVERIFY(finn);
    const Envelope reply =
            finn->subscribe(Protocol::Topic::Presence,
                            {{QStringLiteral("epoch"), QStringLiteral("from-before-a-restart")},
                             {QStringLiteral("seq"), 3}});
    QVERIFY(!reply.isError());
    QVERIFY(usernamesIn(reply.data.value(QStringLiteral("snapshot")).toObject())
                    .contains(QStringLiteral("finn")));
    finn->close();
}

void tst_Presence::clientCoreReconnectsAndResyncs()
{
    HallwayClient client;
    client.connection().setReconnectDelays(100, 800);
    PresenceModel model(&client);
    client.subscribe(Protocol::Topic::Presence);
    QSignalSpy signedInSpy(&client, &HallwayClient::signedIn);
    client.registerAccount(m_server.url(),
                           {QStringLiteral("gina"), QStringLiteral("Gina"), TestPassword, {}, {}});
    QVERIFY(signedInSpy.wait(10'000));
    QTRY_VERIFY(modelUsernames(model).contains(QStringLiteral("gina")));

    auto hugo = signedIn(m_server.url(), QStringLiteral("hugo"));
    QVERIFY(hugo);
    QTRY_VERIFY(modelUsernames(model).contains(QStringLiteral("hugo")));

    // The server dies without a goodbye; everyone is disconnected.
    m_server.kill();
    QTRY_COMPARE_WITH_TIMEOUT(client.status(), HallwayClient::Status::Reconnecting, 5000);
    hugo.reset();

    QVERIFY(m_server.restart());
    auto ida = signedIn(m_server.url(), QStringLiteral("ida"));
    QVERIFY(ida);
    // Back online with the same session token, and the list is the server's new truth:
    // hugo is gone, ida is there.
    QTRY_COMPARE_WITH_TIMEOUT(client.status(), HallwayClient::Status::Online, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(modelUsernames(model),
                              (QSet<QString>{QStringLiteral("gina"), QStringLiteral("ida")}), 5000);
    QCOMPARE(signedInSpy.count(), 1); // a resume, not a new sign-in

    // Live again: ida leaving shows up.
    ida->close();
    QTRY_COMPARE_WITH_TIMEOUT(modelUsernames(model), QSet<QString>{QStringLiteral("gina")}, 5000);
    client.signOut();
    QTRY_COMPARE(client.status(), HallwayClient::Status::SignedOut);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(tst_Presence)
#include "tst_presence.moc"
