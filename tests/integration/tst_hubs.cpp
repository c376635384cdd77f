// SPDX-License-Identifier: MIT
// Hubs and widgets on a real server: moderators' edits reach every viewer live and match the
// database; bad edits are refused with nothing changed; a widget's data is computed once per
// event however many view it, and the first load carries the same JSON as the pushes.
#include "fixtures.h"
#include "hub.h"
#include "protocol.h"
#include "testclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {

QString errorCode(const Envelope &reply)
{
    return reply.isError() ? reply.data.value(QStringLiteral("code")).toString() : QString();
}

Hub hubOf(const Envelope &reply)
{
    const auto hub = Hub::fromJson(reply.data.value(QStringLiteral("hub")).toObject());
    return hub ? hub.value() : Hub{};
}

qint64 newestFactId(const QJsonObject &widgetData)
{
    const QJsonArray facts = widgetData.value(QStringLiteral("facts")).toArray();
    return facts.isEmpty() ? 0 : facts.first().toObject().value(QStringLiteral("id")).toInteger();
}
} // namespace

class tst_Hubs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyRoomStartsWithALobby();
    void hubEditsReachEveryViewerLive();
    void badEditsAreRefusedAndChangeNothing_data();
    void badEditsAreRefusedAndChangeNothing();
    void theLastHubCannotBeDeleted();
    void widgetTopicNamesAreCanonical();
    void manyViewersCostOneRecomputationPerEvent();

private:
    Hub databaseHub(qint64 hubId);
    TestServer m_server;
    std::unique_ptr<TestClient> m_moderator;
    qint64 m_hubId = 0; // made by moderatorsBuildHubsLive, for the checks that follow it there
    // A hub of the calling function's own, with one talks widget; 0 if that failed.
    qint64 newHubWithAWidget(const QString &name);
};

void tst_Hubs::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
    m_server.setConfig(QStringLiteral("[facts]\ncommunity_interval_ms=0\n"));
    m_server.enableHttp();
    QVERIFY(m_server.start());
    QVERIFY(m_server.createModerator(QStringLiteral("mod"), TestPassword));
    m_moderator = signedIn(m_server.url(), QStringLiteral("mod"), SignIn::Login);
    QVERIFY(m_moderator);
}

Hub tst_Hubs::databaseHub(qint64 hubId)
{
    Hub hub{hubId, {}, {}};
    {
        QSqlDatabase db = openDatabase(m_server.databaseUrl(), QStringLiteral("hubs"));
        QSqlQuery query(db);
        query.prepare(QStringLiteral("SELECT name FROM hubs WHERE id = ?"));
        query.addBindValue(hubId);
        if (query.exec() && query.next())
            hub.name = query.value(0).toString();
        query.prepare(QStringLiteral("SELECT id, kind, config FROM hub_widgets WHERE hub_id = ? "
                                     "ORDER BY position"));
        query.addBindValue(hubId);
        query.exec();
        while (query.next()) {
            const auto spec = WidgetSpec::make(
                    query.value(1).toString(),
                    QJsonDocument::fromJson(query.value(2).toString().toUtf8()).object());
            hub.widgets.append({query.value(0).toLongLong(), spec.value()});
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("hubs"));
    return hub;
}

void tst_Hubs::everyRoomStartsWithALobby()
{
    auto viewer = signedIn(m_server.url(), QStringLiteral("first"));
    QVERIFY(viewer);
    const Envelope subscribed = viewer->subscribe(Protocol::Topic::Hubs);
    const auto hubs = hubsFromJson(subscribed.data.value(QStringLiteral("snapshot"))
                                           .toObject()
                                           .value(QStringLiteral("hubs")));
    QVERIFY(hubs);
    QCOMPARE(hubs->size(), 1);
    QCOMPARE(hubs->first().name, QStringLiteral("Lobby"));
    QList<WidgetKind> kinds;
    for (const HubWidget &widget : hubs->first().widgets)
        kinds.append(widget.spec.kind);
    QCOMPARE(kinds,
             (QList<WidgetKind>{WidgetKind::Announcements, WidgetKind::Stats, WidgetKind::Talks,
                                WidgetKind::Presence, WidgetKind::CommunityFeed}));
    // Every widget's topic can be subscribed to as it comes.
    for (const HubWidget &widget : hubs->first().widgets)
        QVERIFY2(!viewer->subscribe(widget.spec.topic()).isError(),
                 qPrintable(widget.spec.topic()));
}

void tst_Hubs::hubEditsReachEveryViewerLive()
{
    auto one = signedIn(m_server.url(), QStringLiteral("viewer1"));
    auto two = signedIn(m_server.url(), QStringLiteral("viewer2"));
    QVERIFY(one && two);
    QVERIFY(!one->subscribe(Protocol::Topic::Hubs).isError());
    QVERIFY(!two->subscribe(Protocol::Topic::Hubs).isError());

    const Envelope created = m_moderator->request(
            Protocol::Type::CreateHub, {{QStringLiteral("name"), QStringLiteral("Track A")}});
    QVERIFY(!created.isError());
    m_hubId = hubOf(created).id;
    const auto add = [&](const QString &kind, const QJsonObject &config) {
        return m_moderator->request(Protocol::Type::AddWidget,
                                    {{QStringLiteral("hubId"), m_hubId},
                                     {QStringLiteral("kind"), kind},
                                     {QStringLiteral("config"), config}});
    };
    QVERIFY(!add(QStringLiteral("talks"), {{QStringLiteral("limit"), 3}}).isError());
    QVERIFY(!add(QStringLiteral("stats"), {}).isError());
    const Envelope third = add(QStringLiteral("presence"), {});
    QVERIFY(!third.isError());
    const qint64 presenceWidget = hubOf(third).widgets.last().id;
    QVERIFY(!m_moderator
                     ->request(Protocol::Type::MoveWidget,
                               {{QStringLiteral("hubId"), m_hubId},
                                {QStringLiteral("widgetId"), presenceWidget},
                                {QStringLiteral("position"), 0}})
                     .isError());
    const qint64 talksWidget = databaseHub(m_hubId).widgets.at(1).id;
    QVERIFY(!m_moderator
                     ->request(Protocol::Type::ConfigureWidget,
                               {{QStringLiteral("hubId"), m_hubId},
                                {QStringLiteral("widgetId"), talksWidget},
                                {QStringLiteral("config"),
                                 QJsonObject{{QStringLiteral("limit"), 8}}}})
                     .isError());
    const qint64 statsWidget = databaseHub(m_hubId).widgets.at(2).id;
    QVERIFY(!m_moderator
                     ->request(Protocol::Type::RemoveWidget,
                               {{QStringLiteral("hubId"), m_hubId},
                                {QStringLiteral("widgetId"), statsWidget}})
                     .isError());
    const Envelope renamed =
            m_moderator->request(Protocol::Type::RenameHub,
                                 {{QStringLiteral("hubId"), m_hubId},
                                  {QStringLiteral("name"), QStringLiteral("Track B")}});
    QVERIFY(!renamed.isError());

    // The database now holds: Track B = [presence, talks limit 8].
    const Hub stored = databaseHub(m_hubId);
    QCOMPARE(stored.name, QStringLiteral("Track B"));
    QCOMPARE(stored.widgets.size(), 2);
    QCOMPARE(stored.widgets.at(0).spec.kind, WidgetKind::Presence);
    QCOMPARE(stored.widgets.at(1).spec.topic(), QStringLiteral("widget.talks?limit=8"));
    QCOMPARE(hubOf(renamed), stored);

    // Both viewers saw every step, the last of which equals the database.
    for (TestClient *viewer : {one.get(), two.get()}) {
        const Envelope last =
                viewer->waitForEvent(Protocol::Topic::Hubs, [](const Envelope &event) {
                    return event.data.value(QStringLiteral("hub"))
                                   .toObject()
                                   .value(QStringLiteral("name"))
                            == QStringLiteral("Track B");
                });
        QVERIFY(!last.type.isEmpty());
        QCOMPARE(hubOf(last), stored);
        int hubEvents = 0;
        for (const Envelope &event : viewer->events())
            hubEvents += event.topic == Protocol::Topic::Hubs;
        // waitForEvent took the rename; before it: create, 3 adds, move, configure, remove.
        QCOMPARE(hubEvents, 7);
    }
}

void tst_Hubs::badEditsAreRefusedAndChangeNothing_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QString>("code");
    const auto onHub = [](QJsonObject data) {
        data.insert(QStringLiteral("hubId"), -1); // replaced by the test hub's id
        return data;
    };
    QTest::newRow("unknown kind") << Protocol::Type::AddWidget
                                  << onHub({{QStringLiteral("kind"), QStringLiteral("clock")}})
                                  << QStringLiteral("bad_request");
    QTest::newRow("unknown setting")
            << Protocol::Type::AddWidget
            << onHub({{QStringLiteral("kind"), QStringLiteral("talks")},
                      {QStringLiteral("config"), QJsonObject{{QStringLiteral("colour"), 3}}}})
            << QStringLiteral("bad_request");
    QTest::newRow("limit out of range")
            << Protocol::Type::AddWidget
            << onHub({{QStringLiteral("kind"), QStringLiteral("talks")},
                      {QStringLiteral("config"), QJsonObject{{QStringLiteral("limit"), 500}}}})
            << QStringLiteral("bad_request");
    QTest::newRow("user facts without a user")
            << Protocol::Type::AddWidget
            << onHub({{QStringLiteral("kind"), QStringLiteral("user_facts")}})
            << QStringLiteral("bad_request");
    QTest::newRow("user facts of nobody")
            << Protocol::Type::AddWidget
            << onHub({{QStringLiteral("kind"), QStringLiteral("user_facts")},
                      {QStringLiteral("config"), QJsonObject{{QStringLiteral("userId"), 987654}}}})
            << QStringLiteral("not_found");
    QTest::newRow("no such hub") << Protocol::Type::AddWidget
                                 << QJsonObject{{QStringLiteral("hubId"), 987654},
                                                {QStringLiteral("kind"), QStringLiteral("stats")}}
                                 << QStringLiteral("not_found");
    QTest::newRow("no such widget")
            << Protocol::Type::RemoveWidget << onHub({{QStringLiteral("widgetId"), 987654}})
            << QStringLiteral("not_found");
    QTest::newRow("empty name") << Protocol::Type::RenameHub
                                << onHub({{QStringLiteral("name"), QStringLiteral("  ")}})
                                << QStringLiteral("bad_request");
    QTest::newRow("name taken") << Protocol::Type::RenameHub
                                << onHub({{QStringLiteral("name"), QStringLiteral("Lobby")}})
                                << QStringLiteral("conflict");
    QTest::newRow("bad config on a widget")
            << Protocol::Type::ConfigureWidget
            << onHub({{QStringLiteral("widgetId"), -1},
                      {QStringLiteral("config"), QJsonObject{{QStringLiteral("limit"), 0}}}})
            << QStringLiteral("bad_request");
}

qint64 tst_Hubs::newHubWithAWidget(const QString &name)
{
    const Envelope created =
            m_moderator->request(Protocol::Type::CreateHub, {{QStringLiteral("name"), name}});
    if (created.isError())
        return 0;
    const qint64 hubId = hubOf(created).id;
    const Envelope added = m_moderator->request(
            Protocol::Type::AddWidget,
            {{QStringLiteral("hubId"), hubId}, {QStringLiteral("kind"), QStringLiteral("talks")}});
    return added.isError() ? 0 : hubId;
}

void tst_Hubs::badEditsAreRefusedAndChangeNothing()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, data);
    QFETCH(QString, code);
    const qint64 hubId = newHubWithAWidget(QString::fromUtf8(QTest::currentDataTag()));
    QVERIFY(hubId > 0);
    const Hub before = databaseHub(hubId);
    if (data.value(QStringLiteral("hubId")).toInteger() == -1)
        data.insert(QStringLiteral("hubId"), hubId);
    if (data.value(QStringLiteral("widgetId")).toInteger() == -1)
        data.insert(QStringLiteral("widgetId"), before.widgets.first().id);
    const Envelope reply = m_moderator->request(type, data);
    QCOMPARE(errorCode(reply), code);
    QVERIFY(!reply.data.value(QStringLiteral("message")).toString().isEmpty());
    QCOMPARE(databaseHub(hubId), before);
}

void tst_Hubs::theLastHubCannotBeDeleted()
{
    // Fill a hub up to its limit, then one more is refused.
    const qint64 full = newHubWithAWidget(QStringLiteral("Full"));
    QVERIFY(full > 0);
    for (int i = databaseHub(full).widgets.size(); i < Hub::MaxWidgets; ++i)
        QVERIFY(!m_moderator
                         ->request(Protocol::Type::AddWidget,
                                   {{QStringLiteral("hubId"), full},
                                    {QStringLiteral("kind"), QStringLiteral("stats")}})
                         .isError());
    QCOMPARE(errorCode(m_moderator->request(Protocol::Type::AddWidget,
                                            {{QStringLiteral("hubId"), full},
                                             {QStringLiteral("kind"), QStringLiteral("stats")}})),
             QStringLiteral("conflict"));

    // Every hub but the first (the Lobby) can go; the last one left cannot.
    const Envelope hubs = m_moderator->subscribe(Protocol::Topic::Hubs);
    QVERIFY(!hubs.isError());
    const auto all = hubsFromJson(
            hubs.data.value(QStringLiteral("snapshot")).toObject().value(QStringLiteral("hubs")));
    QVERIFY(all && all->size() >= 2);
    for (qsizetype i = 1; i < all->size(); ++i)
        QVERIFY(!m_moderator
                         ->request(Protocol::Type::DeleteHub,
                                   {{QStringLiteral("hubId"), all->at(i).id}})
                         .isError());
    const Envelope last = m_moderator->request(Protocol::Type::DeleteHub,
                                               {{QStringLiteral("hubId"), all->first().id}});
    QCOMPARE(errorCode(last), QStringLiteral("conflict"));
    QCOMPARE(databaseHub(all->first().id).name, QStringLiteral("Lobby"));
    QVERIFY(databaseHub(full).name.isEmpty());
}

void tst_Hubs::widgetTopicNamesAreCanonical()
{
    const Envelope defaults = m_moderator->subscribe(QStringLiteral("widget.talks"));
    QCOMPARE(errorCode(defaults), QStringLiteral("not_found"));
    QVERIFY(defaults.data.value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("widget.talks?limit=5")));
    QCOMPARE(errorCode(m_moderator->subscribe(QStringLiteral("widget.clock"))),
             QStringLiteral("bad_request"));
    QCOMPARE(errorCode(m_moderator->subscribe(QStringLiteral("widget.talks?limit=abc"))),
             QStringLiteral("bad_request"));
    QCOMPARE(errorCode(m_moderator->subscribe(
                     QStringLiteral("widget.user_facts?limit=5&userId=987654"))),
             QStringLiteral("not_found"));
}

void tst_Hubs::manyViewersCostOneRecomputationPerEvent()
{
    constexpr int FeedViewers = 8;
    constexpr int UserViewers = 3;
    constexpr int Posts = 3;
    auto poster = signedIn(m_server.url(), QStringLiteral("poster"));
    QVERIFY(poster);
    const qint64 posterId = poster->userId();
    const QString feedTopic = QStringLiteral("widget.community_feed?limit=5");
    const QString userTopic = QStringLiteral("widget.user_facts?limit=5&userId=%1").arg(posterId);

    std::vector<std::unique_ptr<TestClient>> viewers;
    for (int i = 0; i < FeedViewers; ++i) {
        viewers.push_back(signedIn(m_server.url(), QStringLiteral("feedviewer%1").arg(i)));
        QVERIFY(viewers.back());
        QVERIFY(!viewers.back()->subscribe(feedTopic).isError());
        if (i < UserViewers)
            QVERIFY(!viewers.back()->subscribe(userTopic).isError());
    }
    const auto recomputations = [this](const QString &kind) {
        return m_server.metric(
                QStringLiteral("hallway_widget_recomputations_total{kind=\"%1\"}").arg(kind));
    };
    const qint64 feedBefore = recomputations(QStringLiteral("community_feed"));
    const qint64 userBefore = recomputations(QStringLiteral("user_facts"));
    const qint64 talksBefore = recomputations(QStringLiteral("talks"));
    QVERIFY(feedBefore >= 1 && userBefore >= 1);

    QJsonObject lastPushed;
    for (int post = 0; post < Posts; ++post) {
        const Envelope posted =
                poster->request(Protocol::Type::PostFact,
                                {{QStringLiteral("clientId"), QStringLiteral("p%1").arg(post)},
                                 {QStringLiteral("text"), QStringLiteral("Fact %1").arg(post)}});
        QVERIFY(!posted.isError());
        const qint64 factId = posted.data.value(QStringLiteral("fact"))
                                      .toObject()
                                      .value(QStringLiteral("id"))
                                      .toInteger();
        // Wait until every viewer has it before the next event, so each is its own event.
        for (int i = 0; i < FeedViewers; ++i) {
            const Envelope pushed =
                    viewers[i]->waitForEvent(feedTopic, [factId](const Envelope &event) {
                        return newestFactId(event.data) == factId;
                    });
            QVERIFY2(!pushed.type.isEmpty(), qPrintable(QStringLiteral("viewer %1").arg(i)));
            lastPushed = pushed.data;
            if (i < UserViewers)
                QVERIFY(!viewers[i]
                                 ->waitForEvent(userTopic,
                                                [factId](const Envelope &event) {
                                                    return newestFactId(event.data) == factId;
                                                })
                                 .type.isEmpty());
        }
    }
    QCOMPARE(recomputations(QStringLiteral("community_feed")) - feedBefore, Posts);
    QCOMPARE(recomputations(QStringLiteral("user_facts")) - userBefore, Posts);
    QCOMPARE(recomputations(QStringLiteral("talks")) - talksBefore, 0); // untouched

    // A newcomer's first load is the very JSON the others were pushed, at no recomputation.
    auto late = signedIn(m_server.url(), QStringLiteral("lateviewer"));
    const Envelope first = late->subscribe(feedTopic);
    QCOMPARE(first.data.value(QStringLiteral("snapshot")).toObject(), lastPushed);
    QCOMPARE(recomputations(QStringLiteral("community_feed")) - feedBefore, Posts);
}

QTEST_MAIN(tst_Hubs)
#include "tst_hubs.moc"
