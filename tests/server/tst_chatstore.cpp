// SPDX-License-Identifier: MIT
// ChatStore against a real database: SQLite, or PostgreSQL in the _postgres variant. A resend
// racing through another node is tst_storage's.
#include "fixtures.h"
#include "storagefixture.h"

#include <QTest>

using namespace Hallway;
using Hallway::Test::idsOf;
using Hallway::Test::StorageFixture;

class tst_ChatStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void aMessageIsStoredOncePerClientId();
    void aMessageToNobodyIsRefusedAndNotStored();
    void historyPagesOneConversationNewestFirst();
    void conversationsListPeersWithTheLastMessageAndUnreadCounts();
    void theReadMarkerMovesOnlyForward();
    void deliveryIsReportedOnceAndOnlyByTheRecipient();

private:
    Test::StorageFixture m_fixture;
};

void tst_ChatStore::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
}

void tst_ChatStore::init()
{
    QVERIFY(m_fixture.init());
}

void tst_ChatStore::cleanup()
{
    m_fixture.cleanup();
}

namespace {
Expected<StoredMessage> send(Storage &storage, qint64 from, qint64 to, const QString &clientId,
                             const QString &text, qint64 nowMs = 1000)
{
    return storage.runBlocking<Expected<StoredMessage>>([&](StorageWorker &w) {
        return w.chat().sendMessage(from, to, clientId, text, nowMs);
    });
}

// Sends a message and gives its id; 0 if it was not stored.
qint64 sent(Storage &storage, qint64 from, qint64 to, const QString &clientId)
{
    const auto stored = send(storage, from, to, clientId, QStringLiteral("Text of ") + clientId);
    return stored ? stored->message.id : 0;
}

Expected<ChatMessage> messageById(Storage &storage, qint64 id)
{
    return storage.runBlocking<Expected<ChatMessage>>(
            [id](StorageWorker &w) { return w.chat().message(id); });
}

QList<Conversation> conversations(Storage &storage, qint64 userId)
{
    return storage
            .runBlocking<Expected<QList<Conversation>>>(
                    [userId](StorageWorker &w) { return w.chat().conversations(userId); })
            .value();
}

qint64 markRead(Storage &storage, qint64 userId, qint64 peerId, qint64 upToId)
{
    return storage
            .runBlocking<Expected<qint64>>(
                    [&](StorageWorker &w) { return w.chat().markRead(userId, peerId, upToId); })
            .value();
}

QList<qint64> markDelivered(Storage &storage, qint64 recipientId, const QList<qint64> &ids)
{
    const auto delivered = storage.runBlocking<Expected<QList<ChatMessage>>>(
            [&](StorageWorker &w) { return w.chat().markDelivered(recipientId, ids, 3000); });
    QList<qint64> found;
    for (const ChatMessage &message : delivered.value()) {
        if (!message.delivered)
            return {-1}; // said newly delivered, but not so
        found.append(message.id);
    }
    return found;
}

} // namespace

// An app sends a message again until it hears back: (sender, client id) is stored once.
void tst_ChatStore::aMessageIsStoredOncePerClientId()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto [ada, bob, cat] = StorageFixture::createUsers(*storage, {"ada", "bob", "cat"});
    QVERIFY(ada.id > 0 && bob.id > 0 && cat.id > 0);

    const auto first = send(*storage, bob.id, ada.id, QStringLiteral("m1"), QStringLiteral("Hi"));
    QVERIFY(first);
    QVERIFY(!first->duplicate);
    QCOMPARE(first->message.from, bob.id);
    QCOMPARE(first->message.to, ada.id);
    QCOMPARE(first->message.conversation, conversationKey(ada.id, bob.id));
    QCOMPARE(first->message.conversation,
             QStringLiteral("%1:%2").arg(qMin(ada.id, bob.id)).arg(qMax(ada.id, bob.id)));
    QCOMPARE(first->message.text, QStringLiteral("Hi"));
    QCOMPARE(first->message.createdAt, 1000);
    QCOMPARE(first->message.clientId, QStringLiteral("m1"));
    QVERIFY(!first->message.delivered);

    // The resend is the stored message, whatever it says now and to whomever.
    const auto again =
            send(*storage, bob.id, cat.id, QStringLiteral("m1"), QStringLiteral("Changed"), 2000);
    QVERIFY(again);
    QVERIFY(again->duplicate);
    QCOMPARE(again->message, first->message);

    // Another sender's client id is their own.
    const auto other = send(*storage, ada.id, bob.id, QStringLiteral("m1"), QStringLiteral("Yo"));
    QVERIFY(other);
    QVERIFY(!other->duplicate);
    QVERIFY(other->message.id > first->message.id);

    QCOMPARE(messageById(*storage, first->message.id).value(), first->message);
    QVERIFY(conversations(*storage, cat.id).isEmpty());
    const auto missing = messageById(*storage, 999'999);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
}

// A message to a user who does not exist is "no such user", and leaves nothing behind.
void tst_ChatStore::aMessageToNobodyIsRefusedAndNotStored()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto [ada, bob] = StorageFixture::createUsers(*storage, {"ada", "bob"});
    QVERIFY(ada.id > 0 && bob.id > 0);

    const auto toNobody =
            send(*storage, ada.id, 999'999, QStringLiteral("m1"), QStringLiteral("Anyone?"));
    QVERIFY(!toNobody);
    QCOMPARE(toNobody.error().code, ErrorCode::NotFound);
    QVERIFY(toNobody.error().message.contains(QStringLiteral("999999")));
    QCOMPARE(Test::countRows(m_fixture.databaseUrl(),
                             QStringLiteral("SELECT COUNT(*) FROM messages")),
             0);
    QVERIFY(conversations(*storage, ada.id).isEmpty());
    QVERIFY(storage->isAvailable());

    // Its client id was not taken: the same one to someone who exists is a new message.
    const auto toBob = send(*storage, ada.id, bob.id, QStringLiteral("m1"), QStringLiteral("Bob?"));
    QVERIFY(toBob);
    QVERIFY(!toBob->duplicate);
    QCOMPARE(toBob->message.to, bob.id);
}

// A conversation's history: its two users' messages only, newest first, in pages read one
// longer than the limit to tell that there are more.
void tst_ChatStore::historyPagesOneConversationNewestFirst()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto [ada, bob, cat] = StorageFixture::createUsers(*storage, {"ada", "bob", "cat"});
    QVERIFY(ada.id > 0 && bob.id > 0 && cat.id > 0);
    // Both ways between Ada and Bob, with Ada's and Bob's messages to Cat in between.
    QList<qint64> ids;
    for (int i = 0; i < 5; ++i) {
        const bool fromAda = i % 2 == 0;
        ids.append(sent(*storage, fromAda ? ada.id : bob.id, fromAda ? bob.id : ada.id,
                        QStringLiteral("ab%1").arg(i)));
        QVERIFY(ids.constLast() > 0);
        QVERIFY(sent(*storage, fromAda ? ada.id : bob.id, cat.id, QStringLiteral("c%1").arg(i)));
    }
    const qint64 low = qMin(ada.id, bob.id);
    const qint64 high = qMax(ada.id, bob.id);
    const auto page = [&](std::optional<qint64> beforeId, int limit) {
        const auto messages = storage->runBlocking<Expected<QList<ChatMessage>>>(
                [&](StorageWorker &w) { return w.chat().history(low, high, beforeId, limit); });
        for (const ChatMessage &message : messages.value()) {
            if (message.conversation != conversationKey(ada.id, bob.id))
                return QList<qint64>{-1};
        }
        return idsOf(messages.value());
    };
    QCOMPARE(page(std::nullopt, 2), (QList<qint64>{ids[4], ids[3], ids[2]}));
    QCOMPARE(page(ids[2], 2), (QList<qint64>{ids[1], ids[0]}));
    QCOMPARE(page(ids[0], 2), QList<qint64>());
    QCOMPARE(page(std::nullopt, 10), (QList<qint64>{ids[4], ids[3], ids[2], ids[1], ids[0]}));

    // The messages read back as they were stored.
    const auto newest = storage->runBlocking<Expected<QList<ChatMessage>>>(
            [&](StorageWorker &w) { return w.chat().history(low, high, std::nullopt, 0); });
    QCOMPARE(newest->size(), 1);
    QCOMPARE(newest->at(0).from, ada.id);
    QCOMPARE(newest->at(0).to, bob.id);
    QCOMPARE(newest->at(0).text, QStringLiteral("Text of ab4"));
    QCOMPARE(newest->at(0).clientId, QStringLiteral("ab4"));
}

// Each of a user's conversations once, newest first: the other person, the last message
// either way, and how many of the peer's messages came after the user's read marker.
void tst_ChatStore::conversationsListPeersWithTheLastMessageAndUnreadCounts()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto [ada, bob, cat, dan] =
            StorageFixture::createUsers(*storage, {"ada", "bob", "cat", "dan"});
    QVERIFY(ada.id > 0 && bob.id > 0 && cat.id > 0 && dan.id > 0);
    QVERIFY(sent(*storage, bob.id, ada.id, QStringLiteral("b1")));
    QVERIFY(sent(*storage, bob.id, ada.id, QStringLiteral("b2")));
    const qint64 fromCat = sent(*storage, cat.id, ada.id, QStringLiteral("c1"));
    QVERIFY(fromCat);
    const qint64 adaToBob = sent(*storage, ada.id, bob.id, QStringLiteral("a1"));
    QVERIFY(adaToBob);
    QVERIFY(sent(*storage, cat.id, dan.id, QStringLiteral("c2"))); // not Ada's

    QList<Conversation> list = conversations(*storage, ada.id);
    QCOMPARE(list.size(), 2);
    // Bob's is newest: Ada wrote last, and her own message is not unread to her.
    QCOMPARE(list.at(0).key, conversationKey(ada.id, bob.id));
    QCOMPARE(list.at(0).peer.id, bob.id);
    QCOMPARE(list.at(0).peer.username, QStringLiteral("bob"));
    QCOMPARE(list.at(0).peer.displayName, QStringLiteral("BOB"));
    QCOMPARE(list.at(0).lastMessage.id, adaToBob);
    QCOMPARE(list.at(0).lastMessage.text, QStringLiteral("Text of a1"));
    QCOMPARE(list.at(0).unread, 2);
    QCOMPARE(list.at(1).key, conversationKey(ada.id, cat.id));
    QCOMPARE(list.at(1).peer.id, cat.id);
    QCOMPARE(list.at(1).lastMessage.id, fromCat);
    QCOMPARE(list.at(1).unread, 1);

    // Bob's side: one unread, from Ada.
    const QList<Conversation> bobs = conversations(*storage, bob.id);
    QCOMPARE(bobs.size(), 1);
    QCOMPARE(bobs.at(0).peer.id, ada.id);
    QCOMPARE(bobs.at(0).unread, 1);

    // Ada reads Cat's; then Cat writes again and that conversation is the newest.
    QCOMPARE(markRead(*storage, ada.id, cat.id, fromCat), fromCat);
    list = conversations(*storage, ada.id);
    QCOMPARE(list.at(1).unread, 0);
    const qint64 catAgain = sent(*storage, cat.id, ada.id, QStringLiteral("c3"));
    QVERIFY(catAgain);
    list = conversations(*storage, ada.id);
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).peer.id, cat.id);
    QCOMPARE(list.at(0).lastMessage.id, catAgain);
    QCOMPARE(list.at(0).unread, 1);
    QCOMPARE(list.at(1).peer.id, bob.id);
    QCOMPARE(list.at(1).unread, 2);

    QVERIFY(conversations(*storage, 999'999).isEmpty());
}

// The marker goes to the newest message at or before upToId, never past the conversation's
// newest and never back; 0 says it did not move.
void tst_ChatStore::theReadMarkerMovesOnlyForward()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto [ada, bob, cat] = StorageFixture::createUsers(*storage, {"ada", "bob", "cat"});
    QVERIFY(ada.id > 0 && bob.id > 0 && cat.id > 0);
    const auto unreadFromBob = [&]() {
        for (const Conversation &conversation : conversations(*storage, ada.id)) {
            if (conversation.peer.id == bob.id)
                return conversation.unread;
        }
        return qint64(-1);
    };

    // Nothing to read yet.
    QCOMPARE(markRead(*storage, ada.id, bob.id, 999'999), 0);
    const qint64 first = sent(*storage, bob.id, ada.id, QStringLiteral("b1"));
    const qint64 toCat = sent(*storage, bob.id, cat.id, QStringLiteral("bc")); // another one's
    const qint64 second = sent(*storage, bob.id, ada.id, QStringLiteral("b2"));
    const qint64 third = sent(*storage, bob.id, ada.id, QStringLiteral("b3"));
    QVERIFY(first && toCat && second && third);
    QCOMPARE(unreadFromBob(), 3);
    QCOMPARE(markRead(*storage, ada.id, bob.id, first - 1), 0); // before the first message

    // Up to an id of another conversation: the newest of theirs before it.
    QCOMPARE(markRead(*storage, ada.id, bob.id, toCat), first);
    QCOMPARE(unreadFromBob(), 2);
    QCOMPARE(markRead(*storage, ada.id, bob.id, first), 0); // where it is: no move
    QCOMPARE(markRead(*storage, ada.id, bob.id, third), third);
    QCOMPARE(unreadFromBob(), 0);
    // Back: it stays.
    QCOMPARE(markRead(*storage, ada.id, bob.id, second), 0);
    QCOMPARE(unreadFromBob(), 0);

    // Past the newest: only as far as the newest, so Bob is not told that what he has not
    // written yet was read.
    const qint64 fourth = sent(*storage, bob.id, ada.id, QStringLiteral("b4"));
    QVERIFY(fourth);
    QCOMPARE(unreadFromBob(), 1);
    QCOMPARE(markRead(*storage, ada.id, bob.id, fourth + 1000), fourth);
    QCOMPARE(markRead(*storage, ada.id, bob.id, fourth + 1000), 0);
    const qint64 fifth = sent(*storage, bob.id, ada.id, QStringLiteral("b5"));
    QVERIFY(fifth);
    QCOMPARE(unreadFromBob(), 1);

    // Ada's marker is hers: Bob's own, for his conversation with her, has not moved.
    QCOMPARE(conversations(*storage, bob.id).size(), 2);
    QCOMPARE(markRead(*storage, bob.id, ada.id, first), first);
}

// Delivery is confirmed by the recipient's app: each message is reported newly delivered
// once, and only to its recipient.
void tst_ChatStore::deliveryIsReportedOnceAndOnlyByTheRecipient()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto [ada, bob] = StorageFixture::createUsers(*storage, {"ada", "bob"});
    QVERIFY(ada.id > 0 && bob.id > 0);
    const qint64 one = sent(*storage, ada.id, bob.id, QStringLiteral("a1"));
    const qint64 two = sent(*storage, ada.id, bob.id, QStringLiteral("a2"));
    const qint64 reply = sent(*storage, bob.id, ada.id, QStringLiteral("b1"));
    QVERIFY(one && two && reply);

    // Bob's app acknowledges his message, Ada's, one twice and one that does not exist.
    QCOMPARE(markDelivered(*storage, bob.id, {one, reply, 999'999, one}), QList<qint64>{one});
    QVERIFY(messageById(*storage, one)->delivered);
    QVERIFY(!messageById(*storage, reply)->delivered);
    QVERIFY(!messageById(*storage, two)->delivered);
    // The sender cannot mark her own message delivered.
    QCOMPARE(markDelivered(*storage, ada.id, {two}), QList<qint64>());
    QVERIFY(!messageById(*storage, two)->delivered);

    QCOMPARE(markDelivered(*storage, bob.id, {one, two}), QList<qint64>{two});
    QCOMPARE(markDelivered(*storage, bob.id, {one, two}), QList<qint64>());
    QCOMPARE(markDelivered(*storage, bob.id, {}), QList<qint64>());
    QCOMPARE(markDelivered(*storage, ada.id, {reply}), QList<qint64>{reply});

    // The history says so too.
    const auto history = storage->runBlocking<Expected<QList<ChatMessage>>>([&](StorageWorker &w) {
        return w.chat().history(qMin(ada.id, bob.id), qMax(ada.id, bob.id), std::nullopt, 10);
    });
    QCOMPARE(history->size(), 3);
    for (const ChatMessage &message : history.value())
        QVERIFY(message.delivered);
}

QTEST_GUILESS_MAIN(tst_ChatStore)
#include "tst_chatstore.moc"
