// SPDX-License-Identifier: MIT
// Every model of the client core under QAbstractItemModelTester, fed by a real server through
// everything that changes its rows: snapshots, live events, the app's own writes (pending,
// then stored), paging, removals and signing out. The tester checks every change signal
// against the model's state, and fails the test on the first inconsistency a view would trip
// over.
#include "auditlogmodel.h"
#include "chatmodel.h"
#include "conversationsmodel.h"
#include "factfeedmodel.h"
#include "hallwayclient.h"
#include "hubsmodel.h"
#include "presencemodel.h"
#include "protocol.h"
#include "talksmodel.h"
#include "testclient.h"
#include "testserver.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QString Password = QStringLiteral("models-password");

bool signIn(HallwayClient &client, const QUrl &server, const QString &username)
{
    QSignalSpy signedIn(&client, &HallwayClient::signedIn);
    client.signIn(server, {username, Password});
    return signedIn.wait(10'000);
}

// Someone else in the room, speaking the protocol directly.
struct Other {
    TestClient client;
    qint64 id = 0;
    int nextClientId = 0;

    bool signIn(const QUrl &server, const QString &username)
    {
        if (!client.open(server) || client.hello().isError())
            return false;
        const Envelope reply = client.login(username, Password);
        id = userIdOf(reply);
        return !reply.isError();
    }
    Envelope write(const QString &type, QJsonObject data)
    {
        data.insert(QStringLiteral("clientId"), QStringLiteral("w%1").arg(++nextClientId));
        return client.request(type, data);
    }
};

QAbstractItemModelTester *testerFor(QAbstractItemModel *model)
{
    return new QAbstractItemModelTester(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest, model);
}

int rowOf(const QAbstractItemModel &model, int role, const QVariant &value)
{
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.index(row, 0).data(role) == value)
            return row;
    return -1;
}
} // namespace

class tst_Models : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void presenceModel();
    void factFeedModels();
    void factFeedInsertsABurstAtOnceAndCapsWhatItHolds();
    void talksAndRankingModels();
    void chatAndConversationsModels();
    void messageReceivedNamesTheSender();
    void hubsModel();
    void auditLogModel();

private:
    TestServer m_server;
};

void tst_Models::initTestCase()
{
    // A short community feed and quick batches, so trimming and batching happen here.
    m_server.setConfig(QStringLiteral("[facts]\ncommunity_interval_ms=100\ncommunity_size=4\n"
                                      "[chat]\nmessages_to_load=5\n"));
    QVERIFY(m_server.start());
    for (const char *name : {"ann", "ben", "cat"}) {
        TestClient setup;
        QVERIFY(setup.open(m_server.url()));
        QVERIFY(!setup.hello().isError());
        QVERIFY(!setup.registerUser(QString::fromLatin1(name), Password,
                                    QString::fromLatin1(name).toUpper())
                         .isError());
    }
    QVERIFY(m_server.createModerator(QStringLiteral("mod"), Password));
}

void tst_Models::presenceModel()
{
    HallwayClient client;
    PresenceModel presence(&client);
    testerFor(&presence);
    client.subscribe(Protocol::Topic::Presence);
    QVERIFY(signIn(client, m_server.url(), QStringLiteral("ann")));
    QTRY_COMPARE(presence.rowCount(), 1);
    QVERIFY(presence.isKnown());

    // People come, go away, come back and leave, in and out of name order.
    auto cat = std::make_unique<Other>();
    QVERIFY(cat->signIn(m_server.url(), QStringLiteral("cat")));
    Other ben;
    QVERIFY(ben.signIn(m_server.url(), QStringLiteral("ben")));
    QTRY_COMPARE(presence.rowCount(), 3);
    QCOMPARE(presence.index(1, 0).data().toString(), QStringLiteral("BEN"));
    QVERIFY(!ben.client
                     .request(Protocol::Type::SetPresence,
                              {{QStringLiteral("state"), QStringLiteral("away")}})
                     .isError());
    QTRY_VERIFY(presence.index(1, 0).data(PresenceModel::IsAwayRole).toBool());
    cat.reset();
    QTRY_COMPARE(presence.rowCount(), 2);
    client.setPresenceState(PresenceState::Away);
    QTRY_VERIFY(presence.index(0, 0).data(PresenceModel::IsAwayRole).toBool());

    // Losing the connection marks every row unknown; signing out empties it.
    m_server.kill();
    QTRY_VERIFY(!presence.isKnown());
    QVERIFY(!presence.index(0, 0).data(PresenceModel::IsKnownRole).toBool());
    QVERIFY(m_server.restart());
    QTRY_VERIFY_WITH_TIMEOUT(presence.isKnown(), 15'000);
    client.signOut();
    QTRY_COMPARE(presence.rowCount(), 0);
}

void tst_Models::factFeedModels()
{
    HallwayClient client;
    // Each model goes before the client it unsubscribes through.
    std::unique_ptr<FactFeedModel> communityFeed(FactFeedModel::community(&client));
    FactFeedModel *community = communityFeed.get();
    testerFor(community);
    QVERIFY(signIn(client, m_server.url(), QStringLiteral("ann")));
    std::unique_ptr<FactFeedModel> myFeed(
            FactFeedModel::userFeed(&client, client.currentUser().id));
    FactFeedModel *mine = myFeed.get();
    testerFor(mine);
    Other ben;
    QVERIFY(ben.signIn(m_server.url(), QStringLiteral("ben")));

    // Own facts: pending at once, then stored; others' arrive in batches; the community feed
    // keeps the server's four.
    for (int i = 0; i < 8; ++i) {
        client.postFact(QStringLiteral("ann %1").arg(i));
        QVERIFY(!ben.write(Protocol::Type::PostFact,
                           {{QStringLiteral("text"), QStringLiteral("ben %1").arg(i)}})
                         .isError());
    }
    QTRY_COMPARE(client.pendingWriteCount(), 0);
    QTRY_COMPARE(community->rowCount(), 4);
    QCOMPARE(community->pendingCount(), 0);
    QTRY_COMPARE(mine->rowCount(), 8);

    // A moderator hides the newest: it leaves both feeds.
    Other mod;
    QVERIFY(mod.signIn(m_server.url(), QStringLiteral("mod")));
    const qint64 newest = mine->index(0, 0).data(FactFeedModel::FactIdRole).toLongLong();
    QVERIFY(!mod.client
                     .request(
                             Protocol::Type::HideFact,
                             {{QStringLiteral("factId"), newest}, {QStringLiteral("hidden"), true}})
                     .isError());
    QTRY_COMPARE(mine->rowCount(), 7);
    QTRY_COMPARE(rowOf(*community, FactFeedModel::FactIdRole, newest), -1);

    // An older page of one person's feed, then signing out.
    std::unique_ptr<FactFeedModel> bensFeed(FactFeedModel::userFeed(&client, ben.id));
    FactFeedModel *bens = bensFeed.get();
    testerFor(bens);
    QTRY_VERIFY(bens->rowCount() > 0);
    while (bens->canFetchMore({})) {
        bens->fetchMore({});
        QTRY_VERIFY(!bens->isLoading());
    }
    QCOMPARE(bens->rowCount(), 8);
    client.signOut();
    QTRY_COMPARE(community->rowCount(), 0);
    QCOMPARE(mine->rowCount(), 0);
}

void tst_Models::factFeedInsertsABurstAtOnceAndCapsWhatItHolds()
{
    HallwayClient client;
    std::unique_ptr<FactFeedModel> owned(FactFeedModel::community(&client, 3));
    FactFeedModel *feed = owned.get();
    testerFor(feed);
    const auto fact = [](qint64 id) {
        Fact made;
        made.id = id;
        made.author = {7, QStringLiteral("sam"), QStringLiteral("Sam")};
        made.text = QStringLiteral("fact %1").arg(id);
        return made;
    };
    const auto ids = [feed]() {
        QList<qint64> shown;
        for (int row = 0; row < feed->rowCount(); ++row)
            shown.append(feed->index(row).data(FactFeedModel::FactIdRole).toLongLong());
        return shown;
    };
    feed->merge({fact(10), fact(11)});
    QCOMPARE(ids(), (QList<qint64>{11, 10}));

    // Three newer ones in any order, one already shown: one insertion, then back to three.
    QSignalSpy inserted(feed, &QAbstractItemModel::rowsInserted);
    feed->merge({fact(13), fact(11), fact(14), fact(12)});
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    QCOMPARE(ids(), (QList<qint64>{14, 13, 12}));

    // Held for someone reading fact 12: 40 newer ones all stay, however many (what is read
    // must not go), as one insertion.
    QCOMPARE(feed->holdingCap(), 30);
    feed->setHoldingOlderFacts(true, 12);
    inserted.clear();
    QList<Fact> burst;
    for (qint64 id = 100; id < 140; ++id)
        burst.append(fact(id));
    feed->merge(burst);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(feed->rowCount(), 43);
    // Reading further up now, around fact 120: past the cap, the oldest go, not what is read.
    feed->setHoldingOlderFacts(true, 120);
    feed->merge({fact(200)});
    QCOMPARE(feed->rowCount(), 30);
    QCOMPARE(ids().first(), 200);
    QVERIFY(ids().contains(120));
    // Released, the feed is its size again.
    feed->setHoldingOlderFacts(false);
    QCOMPARE(ids(), (QList<qint64>{200, 139, 138}));
}

void tst_Models::talksAndRankingModels()
{
    HallwayClient client;
    TalksModel talks(&client);
    TalkRankingModel ranking(&talks);
    testerFor(&talks);
    testerFor(&ranking);
    QVERIFY(signIn(client, m_server.url(), QStringLiteral("ann")));
    Other ben;
    QVERIFY(ben.signIn(m_server.url(), QStringLiteral("ben")));

    // Proposals from both, votes that reorder the ranking, a withdrawal.
    client.submitWrite(Protocol::Type::ProposeTalk,
                       {{QStringLiteral("title"), QStringLiteral("A")}});
    QList<qint64> bens;
    for (const char *title : {"B", "C"}) {
        const Envelope talk = ben.write(Protocol::Type::ProposeTalk,
                                        {{QStringLiteral("title"), QString::fromLatin1(title)}});
        bens.append(talk.data.value(QStringLiteral("talk"))
                            .toObject()
                            .value(QStringLiteral("id"))
                            .toInteger());
    }
    QTRY_COMPARE(talks.rowCount(), 3);
    QTRY_COMPARE(client.pendingWriteCount(), 0);
    client.toggleVote(bens.at(1));
    QVERIFY(!ben.write(Protocol::Type::ToggleVote, {{QStringLiteral("talkId"), bens.at(1)}})
                     .isError());
    QTRY_COMPARE(ranking.index(0, 0).data(TalksModel::TalkIdRole).toLongLong(), bens.at(1));
    QTRY_COMPARE(ranking.index(0, 0).data(TalksModel::VotesRole).toLongLong(), 2);
    QVERIFY(!ben.client
                     .request(Protocol::Type::WithdrawTalk,
                              {{QStringLiteral("talkId"), bens.at(0)}})
                     .isError());
    QTRY_COMPARE(talks.rowCount(), 2);
    client.signOut();
    QTRY_COMPARE(talks.rowCount(), 0);
    QCOMPARE(ranking.rowCount(), 0);
}

void tst_Models::chatAndConversationsModels()
{
    HallwayClient client;
    ConversationsModel conversations(&client);
    testerFor(&conversations);
    QVERIFY(signIn(client, m_server.url(), QStringLiteral("cat")));
    Other ann;
    QVERIFY(ann.signIn(m_server.url(), QStringLiteral("ann")));
    Other ben;
    QVERIFY(ben.signIn(m_server.url(), QStringLiteral("ben")));

    // Two conversations that take turns at the top; more history than one page.
    const qint64 me = client.currentUser().id;
    for (int i = 0; i < 6; ++i) {
        for (Other *other : {&ann, &ben})
            QVERIFY(!other->write(Protocol::Type::SendMessage,
                                  {{QStringLiteral("to"), me},
                                   {QStringLiteral("text"), QStringLiteral("hello %1").arg(i)}})
                             .isError());
    }
    QTRY_COMPARE(conversations.rowCount(), 2);
    ChatModel chat(&client, ann.id);
    testerFor(&chat);
    QTRY_COMPARE(chat.rowCount(), 5); // the server's first page
    // As a view does while scrolled to the top: asks (again, if a load was still under way).
    QTRY_VERIFY2((chat.loadOlder(), chat.rowCount() == 6),
                 qPrintable(QString::number(chat.rowCount()) + QLatin1Char(' ')
                            + QString::number(chat.canFetchMore({}))));
    chat.send(QStringLiteral("hi ann"));
    QTRY_COMPARE(chat.rowCount(), 7);
    // How rows sit together, for a timeline: ann's six in one run under one day label, then
    // mine.
    QCOMPARE(chat.index(0).data(ChatModel::DayLabelRole).toString(), QStringLiteral("Today"));
    QVERIFY(chat.index(1).data(ChatModel::DayLabelRole).toString().isEmpty());
    QVERIFY(chat.index(0).data(ChatModel::FirstInGroupRole).toBool());
    QVERIFY(!chat.index(1).data(ChatModel::FirstInGroupRole).toBool());
    QVERIFY(!chat.index(4).data(ChatModel::LastInGroupRole).toBool());
    QVERIFY(chat.index(5).data(ChatModel::LastInGroupRole).toBool());
    QVERIFY(chat.index(6).data(ChatModel::FirstInGroupRole).toBool());
    QVERIFY(chat.index(6).data(ChatModel::LastInGroupRole).toBool());
    QTRY_COMPARE(conversations.index(0, 0).data(ConversationsModel::PeerIdRole).toLongLong(),
                 ann.id);
    chat.markRead();
    client.signOut();
    QTRY_COMPARE(conversations.rowCount(), 0);
}

void tst_Models::messageReceivedNamesTheSender()
{
    // What a desktop notification says: who wrote, also for a first message from someone
    // new and for a conversation that was not at the top of the list.
    HallwayClient client;
    ConversationsModel conversations(&client);
    testerFor(&conversations);
    QSignalSpy received(&conversations, &ConversationsModel::messageReceived);
    QVERIFY(signIn(client, m_server.url(), QStringLiteral("ann")));
    Other ben;
    QVERIFY(ben.signIn(m_server.url(), QStringLiteral("ben")));
    Other cat;
    QVERIFY(cat.signIn(m_server.url(), QStringLiteral("cat")));
    // Client ids of their own: ben and cat wrote in the tests before, and a resend of a
    // client id is answered with the stored message, not sent again.
    ben.nextClientId = cat.nextClientId = 1000;
    const qint64 me = client.currentUser().id;
    const auto says = [me](Other &other, const QString &text) {
        return !other.write(Protocol::Type::SendMessage,
                            {{QStringLiteral("to"), me}, {QStringLiteral("text"), text}})
                        .isError();
    };
    QVERIFY(says(ben, QStringLiteral("from ben")));
    QTRY_COMPARE(received.size(), 1);
    QVERIFY(says(cat, QStringLiteral("from cat")));
    QTRY_COMPARE(received.size(), 2);
    QVERIFY(says(ben, QStringLiteral("ben again"))); // ben's conversation is second now
    QTRY_COMPARE(received.size(), 3);
    const QStringList expected{QStringLiteral("BEN"), QStringLiteral("CAT"), QStringLiteral("BEN")};
    for (int i = 0; i < 3; ++i)
        QCOMPARE(received.at(i).at(1).toString(), expected.at(i));
    QCOMPARE(received.at(2).at(0).value<ChatMessage>().text, QStringLiteral("ben again"));
}

void tst_Models::hubsModel()
{
    HallwayClient client;
    HubsModel hubs(&client);
    testerFor(&hubs);
    QVERIFY(signIn(client, m_server.url(), QStringLiteral("ann")));
    Other mod;
    QVERIFY(mod.signIn(m_server.url(), QStringLiteral("mod")));
    const int before = hubs.rowCount();

    const Envelope created = mod.client.request(
            Protocol::Type::CreateHub, {{QStringLiteral("name"), QStringLiteral("Hall B")}});
    QVERIFY(!created.isError());
    const qint64 hubId = created.data.value(QStringLiteral("hub"))
                                 .toObject()
                                 .value(QStringLiteral("id"))
                                 .toInteger();
    QTRY_COMPARE(hubs.rowCount(), before + 1);
    QVERIFY(!mod.client
                     .request(Protocol::Type::RenameHub,
                              {{QStringLiteral("hubId"), hubId},
                               {QStringLiteral("name"), QStringLiteral("Hall C")}})
                     .isError());
    QTRY_VERIFY(rowOf(hubs, Qt::DisplayRole, QStringLiteral("Hall C")) >= 0);
    QVERIFY(!mod.client
                     .request(Protocol::Type::AddWidget,
                              {{QStringLiteral("hubId"), hubId},
                               {QStringLiteral("kind"), QStringLiteral("community_feed")}})
                     .isError());
    QTRY_COMPARE(hubs.hub(hubId)->widgets.size(), 1);
    QVERIFY(!mod.client.request(Protocol::Type::DeleteHub, {{QStringLiteral("hubId"), hubId}})
                     .isError());
    QTRY_COMPARE(hubs.rowCount(), before);
    client.signOut();
    QTRY_COMPARE(hubs.rowCount(), 0);
}

void tst_Models::auditLogModel()
{
    HallwayClient client;
    AuditLogModel log(&client);
    testerFor(&log);
    QVERIFY(signIn(client, m_server.url(), QStringLiteral("mod")));
    log.setActive(true);
    Other ben;
    QVERIFY(ben.signIn(m_server.url(), QStringLiteral("ben")));
    QTRY_VERIFY(log.rowCount() > 0); // what the tests before did

    // New entries arrive live; any older ones load as a view scrolls.
    const int before = log.rowCount();
    Other mod;
    QVERIFY(mod.signIn(m_server.url(), QStringLiteral("mod")));
    for (int minutes : {5, 0, 10, 0})
        QVERIFY(!mod.client
                         .request(Protocol::Type::Mute,
                                  {{QStringLiteral("userId"), ben.id},
                                   {QStringLiteral("seconds"), minutes * 60}})
                         .isError());
    QTRY_COMPARE(log.rowCount(), before + 4);
    while (log.canFetchMore({})) {
        const int shown = log.rowCount();
        log.fetchMore({});
        QTRY_VERIFY(log.rowCount() > shown);
    }
    log.setActive(false);
    QTRY_COMPARE(log.rowCount(), 0);
}

QTEST_MAIN(tst_Models)
#include "tst_models.moc"
