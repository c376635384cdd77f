// SPDX-License-Identifier: MIT
// Statistics on a real server: the figures equal counts taken straight from the database,
// the stats widget gets them pushed, and /stats, /healthz and /metrics answer over HTTP.
#include "fixtures.h"
#include "protocol.h"
#include "stats.h"
#include "testclient.h"
#include "testserver.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QString Password = QStringLiteral("stats-password");

struct Author {
    QString username;
    QString city;
    QString region;
    int posts;
};
// Berlin has the most posts, Munich and Lyon tie (sorted by name), Oslo has none.
const QList<Author> authors = {
        {QStringLiteral("anna"), QStringLiteral("Berlin"), QStringLiteral("Berlin"), 4},
        {QStringLiteral("bernd"), QStringLiteral("Berlin"), QStringLiteral("Berlin"), 2},
        {QStringLiteral("chloe"), QStringLiteral("Lyon"), QStringLiteral("Auvergne-Rhône-Alpes"),
         3},
        {QStringLiteral("dieter"), QStringLiteral("Munich"), QStringLiteral("Bavaria"), 3},
        {QStringLiteral("erik"), QStringLiteral("Oslo"), QStringLiteral("Oslo"), 0},
        {QStringLiteral("fay"), QString(), QString(), 2},
};
} // namespace

class tst_Stats : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void statsEqualTheDatabase();
    void statsWidgetIsPushedTheSameFigures();
    void healthAndMetricsAnswerOverHttp();
    void countsFollowWritesAndPresenceWithinSeconds();

private:
    // The statistics /stats serves once they were computed after afterMs; nullopt if they
    // were not within 10 s.
    std::optional<RoomStats> fetchStatsAfter(qint64 afterMs);
    RoomStats databaseStats(qint64 perMinuteSince);
    TestServer m_server;
};

void tst_Stats::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
    m_server.setConfig(QStringLiteral("[stats]\ninterval_seconds=1\n"));
    m_server.enableHttp();
    QVERIFY(m_server.start());
}

std::optional<RoomStats> tst_Stats::fetchStatsAfter(qint64 afterMs)
{
    RoomStats stats;
    const bool fresh = QTest::qWaitFor(
            [&]() {
                const auto parsed = RoomStats::fromJson(
                        QJsonDocument::fromJson(m_server.httpGet(QStringLiteral("/stats")))
                                .object());
                if (parsed)
                    stats = parsed.value();
                return parsed && stats.computedAt > afterMs;
            },
            10'000);
    return fresh ? std::optional(stats) : std::nullopt;
}

RoomStats tst_Stats::databaseStats(qint64 perMinuteSince)
{
    RoomStats stats;
    {
        QSqlDatabase db = openDatabase(m_server.databaseUrl(), QStringLiteral("stats"));
        QSqlQuery query(db);
        const auto count = [&](const QString &sql) {
            query.exec(sql);
            return query.next() ? query.value(0).toLongLong() : -1;
        };
        stats.users = count(QStringLiteral("SELECT COUNT(*) FROM users"));
        stats.facts = count(QStringLiteral("SELECT COUNT(*) FROM facts WHERE hidden = 0"));
        stats.messages = count(QStringLiteral("SELECT COUNT(*) FROM messages"));
        stats.votes = count(QStringLiteral("SELECT COUNT(*) FROM votes"));
        // Posts by city, straight from the rows; ranking done here, not in SQL.
        QMap<QString, qint64> byCity;
        QMap<QString, qint64> byRegion;
        query.exec(QStringLiteral("SELECT u.city, u.region FROM facts f JOIN users u ON "
                                  "u.id = f.author_id WHERE f.hidden = 0"));
        while (query.next()) {
            if (!query.value(0).toString().isEmpty())
                ++byCity[query.value(0).toString()];
            if (!query.value(1).toString().isEmpty())
                ++byRegion[query.value(1).toString()];
        }
        const auto ranked = [](const QMap<QString, qint64> &counts) {
            QList<RoomStats::Place> places;
            for (auto it = counts.cbegin(); it != counts.cend(); ++it)
                places.append({it.key(), it.value()});
            std::stable_sort(places.begin(), places.end(),
                             [](const auto &a, const auto &b) { return a.posts > b.posts; });
            return places.mid(0, RoomStats::TopPlaces);
        };
        stats.topCities = ranked(byCity);
        stats.topRegions = ranked(byRegion);
        stats.perMinuteSince = perMinuteSince;
        stats.postsPerMinute = QList<qint64>(RoomStats::Minutes, 0);
        query.exec(QStringLiteral("SELECT created_at FROM facts WHERE hidden = 0"));
        while (query.next()) {
            const qint64 bucket = (query.value(0).toLongLong() - perMinuteSince) / 60'000;
            if (bucket >= 0 && bucket < RoomStats::Minutes)
                ++stats.postsPerMinute[bucket];
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("stats"));
    return stats;
}

void tst_Stats::statsEqualTheDatabase()
{
    std::vector<std::unique_ptr<TestClient>> clients;
    QList<qint64> ids;
    for (const Author &author : authors) {
        auto client = std::make_unique<TestClient>();
        QVERIFY(client->open(m_server.url()) && !client->hello().isError());
        const Envelope reply = client->registerUser(author.username, Password, author.username,
                                                    author.city, author.region);
        QVERIFY(!reply.isError());
        ids.append(reply.data.value(QStringLiteral("user"))
                           .toObject()
                           .value(QStringLiteral("id"))
                           .toInteger());
        for (int i = 0; i < author.posts; ++i)
            QVERIFY(!client->request(Protocol::Type::PostFact,
                                     {{QStringLiteral("clientId"), QStringLiteral("f%1").arg(i)},
                                      {QStringLiteral("text"), QStringLiteral("Fact %1").arg(i)}})
                             .isError());
        clients.push_back(std::move(client));
    }
    for (int i = 1; i < 4; ++i)
        QVERIFY(!clients.front()
                         ->request(Protocol::Type::SendMessage,
                                   {{QStringLiteral("clientId"), QStringLiteral("m%1").arg(i)},
                                    {QStringLiteral("to"), ids.at(i)},
                                    {QStringLiteral("text"), QStringLiteral("Hi")}})
                         .isError());
    const Envelope talk =
            clients.front()->request(Protocol::Type::ProposeTalk,
                                     {{QStringLiteral("clientId"), QStringLiteral("t")},
                                      {QStringLiteral("title"), QStringLiteral("Qt")}});
    const qint64 talkId = talk.data.value(QStringLiteral("talk"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();
    for (int i = 0; i < 3; ++i)
        QVERIFY(!clients.at(i)
                         ->request(Protocol::Type::ToggleVote,
                                   {{QStringLiteral("clientId"), QStringLiteral("v")},
                                    {QStringLiteral("talkId"), talkId}})
                         .isError());

    const auto fresh = fetchStatsAfter(QDateTime::currentMSecsSinceEpoch());
    QVERIFY2(fresh, "no statistics computed after the writes within 10 s");
    const RoomStats served = fresh.value();
    RoomStats expected = databaseStats(served.perMinuteSince);
    expected.computedAt = served.computedAt;
    // Here now comes from presence, not the database: the six authors, still connected.
    QCOMPARE(served.present, qint64(clients.size()));
    expected.present = served.present;
    QCOMPARE(served.users, expected.users);
    QCOMPARE(served.facts, 14);
    QCOMPARE(served.messages, 3);
    QCOMPARE(served.votes, 3);
    QCOMPARE(served.topCities.first().name, QStringLiteral("Berlin"));
    QCOMPARE(served.topCities.at(1).name, QStringLiteral("Lyon")); // ties go by name
    QCOMPARE(served.postsPerMinute.size(), RoomStats::Minutes);
    QCOMPARE(std::accumulate(served.postsPerMinute.cbegin(), served.postsPerMinute.cend(),
                             qint64(0)),
             14);
    QCOMPARE(served, expected);
}

void tst_Stats::statsWidgetIsPushedTheSameFigures()
{
    TestClient viewer;
    QVERIFY(viewer.open(m_server.url()) && !viewer.hello().isError());
    QVERIFY(!viewer.registerUser(QStringLiteral("viewer"), Password).isError());
    const Envelope subscribed = viewer.subscribe(QStringLiteral("widget.stats"));
    QVERIFY(!subscribed.isError());

    TestClient newcomer;
    QVERIFY(newcomer.open(m_server.url()) && !newcomer.hello().isError());
    QVERIFY(!newcomer.registerUser(QStringLiteral("newcomer"), Password).isError());
    const qint64 usersNow = databaseStats(0).users;
    const Envelope pushed = viewer.waitForEvent(
            QStringLiteral("widget.stats"),
            [&](const Envelope &event) {
                return event.data.value(QStringLiteral("users")).toInteger() == usersNow;
            },
            10'000);
    QVERIFY(!pushed.type.isEmpty());
    const auto fromWidget = RoomStats::fromJson(pushed.data);
    QVERIFY(fromWidget);
    const auto fromHttp = fetchStatsAfter(fromWidget->computedAt - 1);
    QVERIFY(fromHttp);
    if (fromHttp->computedAt == fromWidget->computedAt)
        QCOMPARE(fromHttp.value(), fromWidget.value());
    QCOMPARE(databaseStats(fromWidget->perMinuteSince).users, fromWidget->users);
}

void tst_Stats::healthAndMetricsAnswerOverHttp()
{
    TestClient connected;
    QVERIFY(connected.open(m_server.url()) && !connected.hello().isError());
    int status = 0;
    const QJsonObject health =
            QJsonDocument::fromJson(m_server.httpGet(QStringLiteral("/healthz"), &status)).object();
    QCOMPARE(status, 200);
    QCOMPARE(health.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QVERIFY(health.value(QStringLiteral("connections")).toInt() >= 1);
    QCOMPARE(health.value(QStringLiteral("schemaVersion")).toInt(), 8);

    const QByteArray metrics = m_server.httpGet(QStringLiteral("/metrics"), &status);
    QCOMPARE(status, 200);
    QVERIFY(metrics.contains("# TYPE hallway_connections gauge"));
    QVERIFY(m_server.metric(QStringLiteral("hallway_connections")) >= 1);
    // Recomputed every second (interval_seconds=1): a second round comes.
    QTRY_VERIFY_WITH_TIMEOUT(
            m_server.metric(QStringLiteral("hallway_stats_computations_total")) >= 2, 5000);

    // Traffic, errors by code and database timings are counted.
    const qint64 notFoundBefore =
            m_server.metric(QStringLiteral("hallway_errors_total{code=\"not_found\"}"));
    const qint64 framesInBefore = m_server.metric(QStringLiteral("hallway_frames_in_total"));
    QVERIFY(!connected.registerUser(QStringLiteral("metered"), QStringLiteral("stats-password"))
                     .isError());
    QCOMPARE(
            connected.subscribe(QStringLiteral("no.such.topic")).data.value(QStringLiteral("code")),
            QStringLiteral("not_found"));
    QCOMPARE(m_server.metric(QStringLiteral("hallway_errors_total{code=\"not_found\"}")),
             notFoundBefore + 1);
    QCOMPARE(m_server.metric(QStringLiteral("hallway_frames_in_total")), framesInBefore + 2);
    QVERIFY(m_server.metric(QStringLiteral("hallway_frames_out_total")) >= 3);
    QVERIFY(m_server.metric(QStringLiteral("hallway_storage_job_seconds_count")) > 0);
    QVERIFY(metrics.contains("# TYPE hallway_storage_job_seconds summary"));

    m_server.httpGet(QStringLiteral("/nothing-here"), &status);
    QCOMPARE(status, 404);
}

void tst_Stats::countsFollowWritesAndPresenceWithinSeconds()
{
    // Recomputed hourly on the timer: what moves within seconds moved because of the write.
    TestServer quiet;
    quiet.setConfig(
            QStringLiteral("[stats]\ninterval_seconds=3600\n[talks]\ntally_interval_ms=0\n"));
    quiet.enableHttp();
    QVERIFY(quiet.start());
    const auto figure = [](const Envelope &event, const char *name) {
        return event.data.value(QString::fromLatin1(name)).toInteger();
    };

    TestClient viewer;
    QVERIFY(viewer.open(quiet.url()) && !viewer.hello().isError());
    QVERIFY(!viewer.registerUser(QStringLiteral("viewer"), Password).isError());
    const Envelope first = viewer.subscribe(QStringLiteral("widget.stats"));
    QVERIFY(!first.isError());
    // "present" is the people connected, "users" the accounts: one and one so far.
    const auto seen = [&](const char *name, qint64 value) {
        return !viewer.waitForEvent(
                              QStringLiteral("widget.stats"),
                              [&](const Envelope &event) { return figure(event, name) == value; },
                              5000)
                        .type.isEmpty();
    };
    QCOMPARE(first.data.value(QStringLiteral("snapshot"))
                     .toObject()
                     .value(QStringLiteral("present"))
                     .toInteger(),
             1);

    // "present" right now, as GET /stats serves it (it follows presence at once).
    const auto servedPresent = [&quiet]() -> qint64 {
        const auto served = RoomStats::fromJson(
                QJsonDocument::fromJson(quiet.httpGet(QStringLiteral("/stats"))).object());
        return served ? served->present : -1;
    };
    // The first "present" the widget shows that differs from `from`, among the events that
    // came since the last clearEvents(); -1 if none within 5 s. Each presence step below is
    // followed by a fence, an arrival or departure that moves "present" the other way, so the
    // first change the widget shows tells whether the step itself moved it.
    const auto nextPresent = [&](qint64 from) -> qint64 {
        const Envelope changed = viewer.waitForEvent(
                QStringLiteral("widget.stats"),
                [&](const Envelope &event) { return figure(event, "present") != from; }, 5000);
        return changed.type.isEmpty() ? -1 : figure(changed, "present");
    };

    // Two more people connect: each counts.
    TestClient poster;
    QVERIFY(poster.open(quiet.url()) && !poster.hello().isError());
    const Envelope registered = poster.registerUser(QStringLiteral("poster"), Password);
    QVERIFY(!registered.isError());
    QVERIFY(seen("present", 2));
    TestClient fence;
    QVERIFY(fence.open(quiet.url()) && !fence.hello().isError());
    QVERIFY(!fence.registerUser(QStringLiteral("fence"), Password).isError());
    QVERIFY(seen("present", 3));
    QVERIFY(seen("users", 3));

    // The same person on a second app still counts once. The server has them present before
    // it answers the sign-in; the fence leaves after, so the widget's next change is its.
    viewer.clearEvents();
    TestClient posterAgain;
    QVERIFY(posterAgain.open(quiet.url()) && !posterAgain.hello().isError());
    QVERIFY(!posterAgain.login(QStringLiteral("poster"), Password).isError());
    QCOMPARE(servedPresent(), 3);
    fence.close();
    QCOMPARE(nextPresent(3), 2);

    // Posting, messaging and voting: each count follows within seconds.
    QVERIFY(!poster.request(Protocol::Type::PostFact,
                            {{QStringLiteral("clientId"), QStringLiteral("f1")},
                             {QStringLiteral("text"), QStringLiteral("Fresh")}})
                     .isError());
    QVERIFY(seen("facts", 1));
    QVERIFY(!poster.request(Protocol::Type::SendMessage,
                            {{QStringLiteral("clientId"), QStringLiteral("m1")},
                             {QStringLiteral("to"), viewer.userId()},
                             {QStringLiteral("text"), QStringLiteral("Hi")}})
                     .isError());
    QVERIFY(seen("messages", 1));
    const Envelope talk = poster.request(Protocol::Type::ProposeTalk,
                                         {{QStringLiteral("clientId"), QStringLiteral("t1")},
                                          {QStringLiteral("title"), QStringLiteral("Now")}});
    QVERIFY(!talk.isError());
    QVERIFY(!viewer.request(Protocol::Type::ToggleVote,
                            {{QStringLiteral("clientId"), QStringLiteral("v1")},
                             {QStringLiteral("talkId"),
                              talk.data.value(QStringLiteral("talk"))
                                      .toObject()
                                      .value(QStringLiteral("id"))
                                      .toInteger()}})
                     .isError());
    QVERIFY(seen("votes", 1));

    // GET /stats says the same, "present" included.
    const auto served = RoomStats::fromJson(
            QJsonDocument::fromJson(quiet.httpGet(QStringLiteral("/stats"))).object());
    QVERIFY(served);
    QCOMPARE(served->present, 2);
    QCOMPARE(served->facts, 1);
    QCOMPARE(served->messages, 1);
    QCOMPARE(served->votes, 1);

    // One app closed leaves the person here. /metrics tells when the server has seen the app
    // go (it leaves presence in the same step); then the fence arrives.
    viewer.clearEvents();
    posterAgain.close();
    QTRY_COMPARE(quiet.metric(QStringLiteral("hallway_signed_in_connections")), qint64(2));
    QCOMPARE(servedPresent(), 2);
    TestClient fenceAgain;
    QVERIFY(fenceAgain.open(quiet.url()) && !fenceAgain.hello().isError());
    QVERIFY(!fenceAgain.login(QStringLiteral("fence"), Password).isError());
    QCOMPARE(nextPresent(2), 3);

    // Both closed, they are gone; the accounts stay.
    viewer.clearEvents();
    poster.close();
    QCOMPARE(nextPresent(3), 2);
    const auto after = RoomStats::fromJson(
            QJsonDocument::fromJson(quiet.httpGet(QStringLiteral("/stats"))).object());
    QVERIFY(after);
    QCOMPARE(after->present, 2);
    QCOMPARE(after->users, 3);
}

QTEST_MAIN(tst_Stats)
#include "tst_stats.moc"
