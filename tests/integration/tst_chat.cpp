// SPDX-License-Identifier: MIT
// One-to-one chat on a real server: live delivery to every app of both people, unread counts
// and delivery receipts, history paged back exactly once, resends stored once, privacy, and
// a server killed between a send and its acknowledgement.
#include "chat.h"
#include "fixtures.h"
#include "hallwayclient.h"
#include "protocol.h"
#include "testclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Hallway;
using namespace Hallway::Test;

namespace {

QJsonObject message(const QString &clientId, qint64 to, const QString &text)
{
    return {{QStringLiteral("clientId"), clientId},
            {QStringLiteral("to"), to},
            {QStringLiteral("text"), text}};
}

auto isMessage(const QString &text)
{
    return [text](const Envelope &event) {
        return event.data.value(QStringLiteral("kind")).toString() == Protocol::ChatEvent::Message
                && event.data.value(QStringLiteral("message"))
                           .toObject()
                           .value(QStringLiteral("text"))
                           .toString()
                == text;
    };
}

qint64 unreadWith(const QJsonArray &conversations, qint64 peerId)
{
    for (const QJsonValue &conversation : conversations) {
        const auto parsed = Conversation::fromJson(conversation.toObject());
        if (parsed && parsed->peer.id == peerId)
            return parsed->unread;
    }
    return -1;
}
} // namespace

class tst_Chat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void bothSidesLiveOnEveryApp();
    void offlineRecipientGetsMessagesAndUnreadCounts();
    void thousandMessagesPageBackOnce();
    void resendIsStoredOnceAndRulesHold();
    void onlyParticipantsReadAConversation();
    void readReceiptReachesOnlyTheSender();
    void aReceiptSaysOnlyWhatWasThereToRead();
    void serverKilledBetweenSendAndAckStoresOnce();
    void outboxOnDiskSurvivesQuittingTheApp();

private:
    qint64 storedCount(const QString &text) const;
    TestServer m_server;
};

void tst_Chat::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
    QVERIFY(m_server.start());
}

qint64 tst_Chat::storedCount(const QString &text) const
{
    return countRows(m_server.databaseUrl(),
                     QStringLiteral("SELECT COUNT(*) FROM messages WHERE text = ?"), {text});
}

void tst_Chat::bothSidesLiveOnEveryApp()
{
    auto alice = signedIn(m_server.url(), QStringLiteral("alice"));
    auto bob = signedIn(m_server.url(), QStringLiteral("bob"));
    auto alicePhone = signedIn(m_server.url(), QStringLiteral("alice"), SignIn::Login);
    QVERIFY(alice && bob && alicePhone);
    for (TestClient *client : {alice.get(), bob.get(), alicePhone.get()})
        QVERIFY(!client->subscribe(Protocol::Topic::Chat).isError());

    const Envelope sent =
            alice->request(Protocol::Type::SendMessage,
                           message(QStringLiteral("a1"), bob->userId(), QStringLiteral("Coffee?")));
    QVERIFY2(!sent.isError(), qPrintable(sent.toError().message));
    const auto stored =
            ChatMessage::fromJson(sent.data.value(QStringLiteral("message")).toObject()).value();
    QCOMPARE(stored.conversation, conversationKey(alice->userId(), bob->userId()));
    QVERIFY(!stored.delivered);
    QVERIFY(!bob->waitForEvent(Protocol::Topic::Chat, isMessage(QStringLiteral("Coffee?")))
                     .type.isEmpty());
    QVERIFY(!alicePhone->waitForEvent(Protocol::Topic::Chat, isMessage(QStringLiteral("Coffee?")))
                     .type.isEmpty());

    // Bob's app confirms it has the message: Alice's apps learn it was delivered.
    QVERIFY(!bob->request(Protocol::Type::AckDelivery,
                          {{QStringLiteral("messageIds"), QJsonArray{stored.id}}})
                     .isError());
    for (TestClient *app : {alice.get(), alicePhone.get()}) {
        const Envelope delivered =
                app->waitForEvent(Protocol::Topic::Chat, [](const Envelope &event) {
                    return event.data.value(QStringLiteral("kind")).toString()
                            == Protocol::ChatEvent::Delivered;
                });
        QCOMPARE(delivered.data.value(QStringLiteral("messageIds")).toArray().at(0).toInteger(),
                 stored.id);
    }

    QVERIFY(!bob->request(
                        Protocol::Type::SendMessage,
                        message(QStringLiteral("b1"), alice->userId(), QStringLiteral("Yes, in 5")))
                     .isError());
    QVERIFY(!alice->waitForEvent(Protocol::Topic::Chat, isMessage(QStringLiteral("Yes, in 5")))
                     .type.isEmpty());
    QVERIFY(!alicePhone->waitForEvent(Protocol::Topic::Chat, isMessage(QStringLiteral("Yes, in 5")))
                     .type.isEmpty());
    // Bob's own message reaches his stream too (his other apps would show it).
    QVERIFY(!bob->waitForEvent(Protocol::Topic::Chat, isMessage(QStringLiteral("Yes, in 5")))
                     .type.isEmpty());

    const Envelope history = alice->request(
            Protocol::Type::ChatHistory, {{QStringLiteral("conversation"), stored.conversation}});
    const QJsonArray messages = history.data.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("text")).toString(),
             QStringLiteral("Yes, in 5"));
    QVERIFY(messages.at(1).toObject().value(QStringLiteral("delivered")).toBool());
}

void tst_Chat::offlineRecipientGetsMessagesAndUnreadCounts()
{
    auto carol = signedIn(m_server.url(), QStringLiteral("carol"));
    auto dan = signedIn(m_server.url(), QStringLiteral("dan"));
    dan->close(); // dan is away from his laptop
    for (int i = 0; i < 3; ++i)
        QVERIFY(!carol->request(Protocol::Type::SendMessage,
                                message(QStringLiteral("c%1").arg(i), dan->userId(),
                                        QStringLiteral("ping %1").arg(i)))
                         .isError());

    auto danAgain = signedIn(m_server.url(), QStringLiteral("dan"), SignIn::Login);
    const Envelope subscribed = danAgain->subscribe(Protocol::Topic::Chat);
    const QJsonArray conversations = subscribed.data.value(QStringLiteral("snapshot"))
                                             .toObject()
                                             .value(QStringLiteral("conversations"))
                                             .toArray();
    QCOMPARE(unreadWith(conversations, carol->userId()), 3);
    const auto latest = Conversation::fromJson(conversations.at(0).toObject()).value();
    QCOMPARE(latest.lastMessage.text, QStringLiteral("ping 2"));

    // Reading moves the marker; the count drops for every app of dan's.
    QVERIFY(!danAgain->request(Protocol::Type::MarkRead,
                               {{QStringLiteral("conversation"), latest.key},
                                {QStringLiteral("upToId"), latest.lastMessage.id}})
                     .isError());
    const Envelope read = danAgain->waitForEvent(Protocol::Topic::Chat, [](const Envelope &event) {
        return event.data.value(QStringLiteral("kind")).toString() == Protocol::ChatEvent::Read;
    });
    QCOMPARE(read.data.value(QStringLiteral("upToId")).toInteger(), latest.lastMessage.id);
    const QJsonArray after = danAgain->request(Protocol::Type::Conversations)
                                     .data.value(QStringLiteral("conversations"))
                                     .toArray();
    QCOMPARE(unreadWith(after, carol->userId()), 0);
    // A marker never moves back.
    QVERIFY(!danAgain->request(Protocol::Type::MarkRead,
                               {{QStringLiteral("conversation"), latest.key},
                                {QStringLiteral("upToId"), 1}})
                     .isError());
    QCOMPARE(unreadWith(danAgain->request(Protocol::Type::Conversations)
                                .data.value(QStringLiteral("conversations"))
                                .toArray(),
                        carol->userId()),
             0);
}

void tst_Chat::thousandMessagesPageBackOnce()
{
    auto erin = signedIn(m_server.url(), QStringLiteral("erin"));
    auto frank = signedIn(m_server.url(), QStringLiteral("frank"));
    const qint64 to = frank->userId();
    for (int i = 0; i < 1000; ++i)
        erin->sendRaw(QString::fromUtf8(Envelope{
                Protocol::Type::SendMessage,
                QStringLiteral("m%1").arg(i),
                message(QStringLiteral("bulk-%1").arg(i), to, QStringLiteral("message %1").arg(i)),
                {},
                0}
                                                .toJson()));
    for (int i = 0; i < 1000; ++i)
        QVERIFY(!erin->waitForReply(QStringLiteral("m%1").arg(i), 30'000).isError());

    const QString conversation = conversationKey(erin->userId(), to);
    // The first page is the server's messages_to_load (15); then pages of 100 going back.
    Envelope page = frank->request(Protocol::Type::ChatHistory,
                                   {{QStringLiteral("conversation"), conversation}});
    QCOMPARE(page.data.value(QStringLiteral("messages")).toArray().size(), 15);
    QList<qint64> ids;
    QStringList texts;
    while (true) {
        const QJsonArray messages = page.data.value(QStringLiteral("messages")).toArray();
        for (const QJsonValue &value : messages) {
            ids.append(value.toObject().value(QStringLiteral("id")).toInteger());
            texts.append(value.toObject().value(QStringLiteral("text")).toString());
        }
        if (!page.data.value(QStringLiteral("hasMore")).toBool())
            break;
        QVERIFY(ids.size() < 2000);
        page = frank->request(Protocol::Type::ChatHistory,
                              {{QStringLiteral("conversation"), conversation},
                               {QStringLiteral("beforeId"), ids.constLast()},
                               {QStringLiteral("limit"), 100}});
    }
    QCOMPARE(ids.size(), 1000);
    QCOMPARE(QSet<qint64>(ids.cbegin(), ids.cend()).size(), 1000);
    QVERIFY(std::is_sorted(ids.cbegin(), ids.cend(), std::greater<>()));
    QCOMPARE(texts.constFirst(), QStringLiteral("message 999"));
    QCOMPARE(texts.constLast(), QStringLiteral("message 0"));
}

void tst_Chat::resendIsStoredOnceAndRulesHold()
{
    auto gina = signedIn(m_server.url(), QStringLiteral("gina"));
    auto hank = signedIn(m_server.url(), QStringLiteral("hank"));
    const qint64 to = hank->userId();
    const Envelope first =
            gina->request(Protocol::Type::SendMessage,
                          message(QStringLiteral("same"), to, QStringLiteral("only once")));
    const Envelope again =
            gina->request(Protocol::Type::SendMessage,
                          message(QStringLiteral("same"), to, QStringLiteral("only once")));
    QVERIFY(again.data.value(QStringLiteral("duplicate")).toBool());
    QCOMPARE(again.data.value(QStringLiteral("message")).toObject().value(QStringLiteral("id")),
             first.data.value(QStringLiteral("message")).toObject().value(QStringLiteral("id")));
    QCOMPARE(storedCount(QStringLiteral("only once")), 1);

    auto code = [&](const QJsonObject &data) {
        return gina->request(Protocol::Type::SendMessage, data).toError();
    };
    QCOMPARE(code(message(QStringLiteral("e1"), to, QStringLiteral("  \n "))).message,
             QStringLiteral("a message must not be empty"));
    QVERIFY(code(message(QStringLiteral("e2"), to, QString(4001, QLatin1Char('x'))))
                    .message.contains(QStringLiteral("at most 4000")));
    QVERIFY(!gina->request(Protocol::Type::SendMessage,
                           message(QStringLiteral("e3"), to, QString(4000, QLatin1Char('x'))))
                     .isError());
    QCOMPARE(code(message(QStringLiteral("e4"), gina->userId(), QStringLiteral("me"))).code,
             ErrorCode::BadRequest);
    QCOMPARE(code(message(QStringLiteral("e5"), 987654, QStringLiteral("anyone?"))).code,
             ErrorCode::NotFound);
}

void tst_Chat::onlyParticipantsReadAConversation()
{
    auto ivy = signedIn(m_server.url(), QStringLiteral("ivy"));
    auto alice = signedIn(m_server.url(), QStringLiteral("alice"), SignIn::LoginOrRegister);
    auto bob = signedIn(m_server.url(), QStringLiteral("bob"), SignIn::LoginOrRegister);
    QVERIFY(ivy && alice && bob);
    const QString aliceBob = conversationKey(alice->userId(), bob->userId());
    const Envelope history =
            ivy->request(Protocol::Type::ChatHistory, {{QStringLiteral("conversation"), aliceBob}});
    QCOMPARE(history.toError().code, ErrorCode::Forbidden);
    QCOMPARE(ivy->request(
                        Protocol::Type::MarkRead,
                        {{QStringLiteral("conversation"), aliceBob}, {QStringLiteral("upToId"), 1}})
                     .toError()
                     .code,
             ErrorCode::Forbidden);
    // Ivy's conversation list and stream show nothing of theirs.
    QCOMPARE(ivy->request(Protocol::Type::Conversations)
                     .data.value(QStringLiteral("conversations"))
                     .toArray()
                     .size(),
             0);
    QVERIFY(!ivy->subscribe(Protocol::Topic::Chat).isError());
    QVERIFY(!alice->request(Protocol::Type::SendMessage,
                            message(QStringLiteral("private"), bob->userId(),
                                    QStringLiteral("just for bob")))
                     .isError());
    // A fence: a message to Ivy sent after it arrives after it, so once this one is in, the
    // private one would have been too.
    QVERIFY(!alice->request(Protocol::Type::SendMessage,
                            message(QStringLiteral("fence"), ivy->userId(),
                                    QStringLiteral("hello Ivy")))
                     .isError());
    QVERIFY(!ivy->waitForEvent(Protocol::Topic::Chat, isMessage(QStringLiteral("hello Ivy")))
                     .data.isEmpty());
    QCOMPARE(ivy->events().size(), 0);
    // Receipts only count for the recipient's own messages.
    QVERIFY(!ivy->request(Protocol::Type::AckDelivery,
                          {{QStringLiteral("messageIds"), QJsonArray{1, 2, 3}}})
                     .isError());
    QCOMPARE(ivy->request(Protocol::Type::ChatHistory,
                          {{QStringLiteral("conversation"), QStringLiteral("nonsense")}})
                     .toError()
                     .code,
             ErrorCode::BadRequest);
}

void tst_Chat::readReceiptReachesOnlyTheSender()
{
    auto alice = signedIn(m_server.url(), QStringLiteral("alice"), SignIn::LoginOrRegister);
    auto bob = signedIn(m_server.url(), QStringLiteral("bob"), SignIn::LoginOrRegister);
    auto carol = signedIn(m_server.url(), QStringLiteral("carol"), SignIn::LoginOrRegister);
    QVERIFY(alice && bob && carol);
    for (TestClient *client : {alice.get(), bob.get(), carol.get()})
        QVERIFY(!client->subscribe(Protocol::Topic::Chat).isError());
    const Envelope first =
            alice->request(Protocol::Type::SendMessage,
                           message(QStringLiteral("rr1"), bob->userId(), QStringLiteral("Lunch?")));
    QVERIFY(!first.isError());
    const qint64 firstId = first.data.value(QStringLiteral("message"))
                                   .toObject()
                                   .value(QStringLiteral("id"))
                                   .toInteger();
    QVERIFY(!alice->request(Protocol::Type::SendMessage,
                            message(QStringLiteral("rr2"), bob->userId(),
                                    QStringLiteral("Or later?")))
                     .isError());
    const QString aliceBob = conversationKey(alice->userId(), bob->userId());
    const auto isReadByPeer = [](const Envelope &event) {
        return event.data.value(QStringLiteral("kind")).toString()
                == Protocol::ChatEvent::ReadByPeer;
    };

    // Bob has read the first message only: Alice learns exactly that.
    QVERIFY(!bob->request(Protocol::Type::MarkRead,
                          {{QStringLiteral("conversation"), aliceBob},
                           {QStringLiteral("upToId"), firstId}})
                     .isError());
    const Envelope receipt = alice->waitForEvent(Protocol::Topic::Chat, isReadByPeer);
    QCOMPARE(receipt.data.value(QStringLiteral("conversation")).toString(), aliceBob);
    QCOMPARE(receipt.data.value(QStringLiteral("upToId")).toInteger(), firstId);

    // A fence: Bob's message to Carol reaches her and his own stream after the receipt would
    // have; neither of them was told anything of Alice's messages being read.
    QVERIFY(!bob->request(Protocol::Type::SendMessage,
                          message(QStringLiteral("rr-fence"), carol->userId(),
                                  QStringLiteral("Hi Carol")))
                     .isError());
    for (TestClient *other : {carol.get(), bob.get()}) {
        QVERIFY(!other->waitForEvent(Protocol::Topic::Chat, isMessage(QStringLiteral("Hi Carol")))
                         .data.isEmpty());
        const QList<Envelope> events = other->events();
        QVERIFY(std::none_of(events.cbegin(), events.cend(), isReadByPeer));
    }
}

void tst_Chat::aReceiptSaysOnlyWhatWasThereToRead()
{
    // A hostile reader: marks read far beyond the last message, then again and again.
    auto dora = signedIn(m_server.url(), QStringLiteral("dora"), SignIn::LoginOrRegister);
    auto eve = signedIn(m_server.url(), QStringLiteral("eve"), SignIn::LoginOrRegister);
    QVERIFY(dora && eve);
    for (TestClient *client : {dora.get(), eve.get()})
        QVERIFY(!client->subscribe(Protocol::Topic::Chat).isError());
    const auto send = [](TestClient &from, const QString &clientId, qint64 to,
                         const QString &text) {
        return from.request(Protocol::Type::SendMessage, message(clientId, to, text))
                .data.value(QStringLiteral("message"))
                .toObject()
                .value(QStringLiteral("id"))
                .toInteger();
    };
    const QString key = conversationKey(dora->userId(), eve->userId());
    const auto markRead = [&](qint64 upToId) {
        return eve->request(
                Protocol::Type::MarkRead,
                {{QStringLiteral("conversation"), key}, {QStringLiteral("upToId"), upToId}});
    };
    const auto isReadByPeer = [](const Envelope &event) {
        return event.data.value(QStringLiteral("kind")).toString()
                == Protocol::ChatEvent::ReadByPeer;
    };
    const auto isRead = [](const Envelope &event) {
        return event.data.value(QStringLiteral("kind")).toString() == Protocol::ChatEvent::Read;
    };

    const qint64 first = send(*dora, QStringLiteral("hr1"), eve->userId(), QStringLiteral("Hi"));
    QVERIFY(first > 0);
    // Read "up to" messages Dora has not written yet: she is told what Eve could have read.
    QVERIFY(!markRead(first + 1'000'000).isError());
    const Envelope receipt = dora->waitForEvent(Protocol::Topic::Chat, isReadByPeer);
    QCOMPARE(receipt.data.value(QStringLiteral("upToId")).toInteger(), first);

    // Marked read again, and back: nothing moved, so nobody is told anything.
    for (int again = 0; again < 20; ++again)
        QVERIFY(!markRead(again % 2 ? first : first - 1).isError());
    // A fence: Dora's next message is read, and that receipt is the next one she gets.
    const qint64 second =
            send(*dora, QStringLiteral("hr2"), eve->userId(), QStringLiteral("Still there?"));
    QVERIFY(second > first);
    QVERIFY(!markRead(second).isError());
    const Envelope next = dora->waitForEvent(Protocol::Topic::Chat, [&](const Envelope &event) {
        return isReadByPeer(event)
                && event.data.value(QStringLiteral("upToId")).toInteger() == second;
    });
    QVERIFY(!next.data.isEmpty());
    // Both receipts were taken above: no other came between them.
    const QList<Envelope> doraEvents = dora->events();
    QCOMPARE(std::count_if(doraEvents.cbegin(), doraEvents.cend(), isReadByPeer), 0);
    // Eve's own apps hear of her reading as often: twice.
    const auto readEvents = [&]() {
        const QList<Envelope> events = eve->events();
        return std::count_if(events.cbegin(), events.cend(), isRead);
    };
    QTRY_COMPARE(readEvents(), 2);

    // Her unread count agrees: nothing after the second message.
    const Envelope list = eve->request(Protocol::Type::Conversations);
    QCOMPARE(list.data.value(QStringLiteral("conversations"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("unread"))
                     .toInteger(),
             0);
}

void tst_Chat::serverKilledBetweenSendAndAckStoresOnce()
{
    auto jack = signedIn(m_server.url(), QStringLiteral("jack"), SignIn::LoginOrRegister);
    QVERIFY(jack);
    const qint64 jackId = jack->userId();
    jack.reset();
    HallwayClient client;
    client.connection().setReconnectDelays(100, 500);
    QSignalSpy signedInSpy(&client, &HallwayClient::signedIn);
    client.registerAccount(m_server.url(),
                           {QStringLiteral("jill"), QStringLiteral("Jill"), TestPassword, {}, {}});
    QVERIFY(signedInSpy.wait(10'000));
    QSignalSpy acknowledged(&client, &HallwayClient::writeAcknowledged);

    for (int attempt = 0; attempt < 3; ++attempt) {
        const QString text = QStringLiteral("through the crash %1").arg(attempt);
        client.submitWrite(Protocol::Type::SendMessage,
                           {{QStringLiteral("to"), jackId}, {QStringLiteral("text"), text}});
        // Kill at a different moment each time: before the frame leaves, while it is being
        // stored, or after the commit but before the reply is read.
        QTest::qWait(attempt * 15);
        m_server.kill();
        QVERIFY(m_server.restart());
        QTRY_COMPARE_WITH_TIMEOUT(client.pendingWriteCount(), 0, 15'000);
        QCOMPARE(storedCount(text), 1);
    }
    QCOMPARE(acknowledged.count(), 3);
}

void tst_Chat::outboxOnDiskSurvivesQuittingTheApp()
{
    auto jack = signedIn(m_server.url(), QStringLiteral("jack"), SignIn::LoginOrRegister);
    QVERIFY(jack);
    const qint64 jackId = jack->userId();
    jack.reset();
    QTemporaryDir dir;
    const QString outbox = dir.filePath(QStringLiteral("outbox.json"));
    QString token;
    {
        HallwayClient app;
        app.connection().setReconnectDelays(100, 500);
        QSignalSpy signedInSpy(&app, &HallwayClient::signedIn);
        app.registerAccount(m_server.url(),
                            {QStringLiteral("kim"), QStringLiteral("Kim"), TestPassword, {}, {}});
        QVERIFY(signedInSpy.wait(10'000));
        app.setOutboxFile(outbox);
        token = app.token();
        m_server.kill();
        QTRY_COMPARE(app.status(), HallwayClient::Status::Reconnecting);
        app.submitWrite(Protocol::Type::SendMessage,
                        {{QStringLiteral("to"), jackId},
                         {QStringLiteral("text"), QStringLiteral("written on the plane")}});
        QCOMPARE(app.pendingWriteCount(), 1);
    } // the app quits with the message unsent

    QVERIFY(m_server.restart());
    HallwayClient nextRun;
    QSignalSpy signedInSpy(&nextRun, &HallwayClient::signedIn);
    nextRun.resumeSession(m_server.url(), token);
    QVERIFY(signedInSpy.wait(10'000));
    nextRun.setOutboxFile(outbox);
    QTRY_COMPARE_WITH_TIMEOUT(nextRun.pendingWriteCount(), 0, 10'000);
    QCOMPARE(storedCount(QStringLiteral("written on the plane")), 1);
}

QTEST_GUILESS_MAIN(tst_Chat)
#include "tst_chat.moc"
