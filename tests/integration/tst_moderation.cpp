// SPDX-License-Identifier: MIT
// Moderation on a real server: attendees are refused every moderator action; a hidden fact
// leaves every feed live; a banned user is closed out and stays out; a muted user gets a
// clear error until the mute ends; the author of a hidden fact is told and nobody else is,
// and only once however often it is hidden;
// roles change from the command line and in the app; every
// action is in the audit log.
#include "fixtures.h"
#include "moderation.h"
#include "protocol.h"
#include "testclient.h"
#include "testserver.h"

#include <QSqlQuery>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {

QString errorCode(const Envelope &reply)
{
    return reply.isError() ? reply.data.value(QStringLiteral("code")).toString() : QString();
}

bool containsFact(const QJsonArray &facts, qint64 factId)
{
    for (const QJsonValue &fact : facts) {
        if (fact.toObject().value(QStringLiteral("id")).toInteger() == factId)
            return true;
    }
    return false;
}
} // namespace

class tst_Moderation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void attendeesAreForbidden_data();
    void attendeesAreForbidden();
    void hiddenFactVanishesFromEveryFeedLive();
    void authorIsToldOnEveryAppAndNobodyElseIs();
    void hidingAHiddenFactTellsNobody();
    void bannedUserIsClosedOutAndCannotSignIn();
    void moderatorsCannotBanModeratorsOrThemselves();
    void mutedUserGetsAClearErrorUntilTheMuteEnds();
    void rolesChangeInTheAppAndFromTheCommandLine();
    void announcementsReachEveryone();
    void actionsTakeEffectWhenTheSenderLeavesAtOnce();
    void auditLogRecordsEveryActionInOrder();

private:
    // Everyone here lives in Oslo: a ban or hide must not depend on where someone is.
    std::unique_ptr<TestClient> account(const QString &username, SignIn how = SignIn::Register)
    {
        return signedIn(m_server.url(), username, how,
                        {{}, QStringLiteral("Oslo"), QStringLiteral("Oslo")});
    }
    qint64 auditRows(const QString &action = {}) const;
    TestServer m_server;
    std::unique_ptr<TestClient> m_moderator;
    std::unique_ptr<TestClient> m_attendee;
};

void tst_Moderation::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
    m_server.setConfig(QStringLiteral("[facts]\ncommunity_interval_ms=0\n"));
    QVERIFY(m_server.start());
    QVERIFY(m_server.createModerator(QStringLiteral("mod"), TestPassword));
    m_moderator = account(QStringLiteral("mod"), SignIn::Login);
    m_attendee = account(QStringLiteral("attendee"));
    QVERIFY(m_moderator && m_attendee);
}

qint64 tst_Moderation::auditRows(const QString &action) const
{
    return countRows(m_server.databaseUrl(),
                     QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = ? OR ? = ''"),
                     {action.isNull() ? QStringLiteral("") : action,
                      action.isNull() ? QStringLiteral("") : action});
}

void tst_Moderation::attendeesAreForbidden_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("data");
    const QJsonObject user{{QStringLiteral("userId"), 1}};
    QTest::newRow("set role") << Protocol::Type::SetRole
                              << QJsonObject{{QStringLiteral("userId"), 1},
                                             {QStringLiteral("role"), QStringLiteral("attendee")}};
    QTest::newRow("hide fact") << Protocol::Type::HideFact
                               << QJsonObject{{QStringLiteral("factId"), 1}};
    QTest::newRow("mute") << Protocol::Type::Mute
                          << QJsonObject{{QStringLiteral("userId"), 1},
                                         {QStringLiteral("seconds"), 60}};
    QTest::newRow("ban") << Protocol::Type::Ban << user;
    QTest::newRow("announce") << Protocol::Type::Announce
                              << QJsonObject{{QStringLiteral("clientId"), QStringLiteral("a1")},
                                             {QStringLiteral("text"), QStringLiteral("Hi all")}};
    QTest::newRow("audit log") << Protocol::Type::AuditLog << QJsonObject();
    QTest::newRow("restricted users") << Protocol::Type::RestrictedUsers << QJsonObject();
    QTest::newRow("create hub") << Protocol::Type::CreateHub
                                << QJsonObject{{QStringLiteral("name"), QStringLiteral("Mine")}};
    QTest::newRow("rename hub") << Protocol::Type::RenameHub
                                << QJsonObject{{QStringLiteral("hubId"), 1},
                                               {QStringLiteral("name"), QStringLiteral("Mine")}};
    QTest::newRow("delete hub") << Protocol::Type::DeleteHub
                                << QJsonObject{{QStringLiteral("hubId"), 1}};
    QTest::newRow("add widget") << Protocol::Type::AddWidget
                                << QJsonObject{{QStringLiteral("hubId"), 1},
                                               {QStringLiteral("kind"), QStringLiteral("stats")}};
    QTest::newRow("remove widget")
            << Protocol::Type::RemoveWidget
            << QJsonObject{{QStringLiteral("hubId"), 1}, {QStringLiteral("widgetId"), 1}};
    QTest::newRow("move widget") << Protocol::Type::MoveWidget
                                 << QJsonObject{{QStringLiteral("hubId"), 1},
                                                {QStringLiteral("widgetId"), 1},
                                                {QStringLiteral("position"), 2}};
    QTest::newRow("configure widget") << Protocol::Type::ConfigureWidget
                                      << QJsonObject{{QStringLiteral("hubId"), 1},
                                                     {QStringLiteral("widgetId"), 1},
                                                     {QStringLiteral("config"), QJsonObject()}};
    QTest::newRow("open voting") << Protocol::Type::SetVoting
                                 << QJsonObject{{QStringLiteral("open"), false}};
    QTest::newRow("watch the audit log")
            << Protocol::Type::Subscribe
            << QJsonObject{{QStringLiteral("topic"), Protocol::Topic::Moderation}};
}

void tst_Moderation::attendeesAreForbidden()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, data);
    const qint64 before = auditRows();
    const Envelope reply = m_attendee->request(type, data);
    QCOMPARE(errorCode(reply), QStringLiteral("forbidden"));
    QCOMPARE(auditRows(), before); // nothing happened
}

void tst_Moderation::hiddenFactVanishesFromEveryFeedLive()
{
    auto poster = account(QStringLiteral("poster"));
    auto watcher = account(QStringLiteral("watcher"));
    QVERIFY(poster && watcher);
    const QString userFeed = Protocol::Topic::userFacts(poster->userId());
    const QString feedWidget = QStringLiteral("widget.community_feed?limit=10");
    const QString userWidget =
            QStringLiteral("widget.user_facts?limit=5&userId=%1").arg(poster->userId());
    for (const QString &topic : {Protocol::Topic::CommunityFacts, userFeed, feedWidget, userWidget})
        QVERIFY2(!watcher->subscribe(topic).isError(), qPrintable(topic));

    const Envelope posted =
            poster->request(Protocol::Type::PostFact,
                            {{QStringLiteral("clientId"), QStringLiteral("rude")},
                             {QStringLiteral("text"), QStringLiteral("Something rude")}});
    QVERIFY(!posted.isError());
    const qint64 factId = posted.data.value(QStringLiteral("fact"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();
    // It reaches every feed and widget first.
    QVERIFY(!watcher->waitForEvent(userWidget,
                                   [&](const Envelope &event) {
                                       return containsFact(
                                               event.data.value(QStringLiteral("facts")).toArray(),
                                               factId);
                                   })
                     .type.isEmpty());
    QVERIFY(!m_moderator->subscribe(Protocol::Topic::Moderation).isError());
    watcher->clearEvents();

    const Envelope hidden =
            m_moderator->request(Protocol::Type::HideFact, {{QStringLiteral("factId"), factId}});
    QVERIFY2(!hidden.isError(),
             qPrintable(hidden.data.value(QStringLiteral("message")).toString()));

    const auto removedEvent = [factId](const Envelope &event) {
        return event.data.value(QStringLiteral("kind")).toString() == Protocol::FactEvent::Removed
                && event.data.value(QStringLiteral("factIds")).toArray().contains(factId);
    };
    QVERIFY(!watcher->waitForEvent(Protocol::Topic::CommunityFacts, removedEvent).type.isEmpty());
    QVERIFY(!watcher->waitForEvent(userFeed, removedEvent).type.isEmpty());
    const auto widgetWithout = [factId](const Envelope &event) {
        return !containsFact(event.data.value(QStringLiteral("facts")).toArray(), factId);
    };
    QVERIFY(!watcher->waitForEvent(feedWidget, widgetWithout).type.isEmpty());
    QVERIFY(!watcher->waitForEvent(userWidget, widgetWithout).type.isEmpty());

    // Gone for newcomers and for paging too.
    TestClient late;
    QVERIFY(late.open(m_server.url()) && !late.hello().isError());
    QVERIFY(!late.login(QStringLiteral("watcher"), TestPassword).isError());
    const Envelope snapshot = late.subscribe(Protocol::Topic::CommunityFacts);
    QVERIFY(!containsFact(snapshot.data.value(QStringLiteral("snapshot"))
                                  .toObject()
                                  .value(QStringLiteral("facts"))
                                  .toArray(),
                          factId));
    const Envelope page =
            late.request(Protocol::Type::ListFacts, {{QStringLiteral("userId"), poster->userId()}});
    QVERIFY(!containsFact(page.data.value(QStringLiteral("facts")).toArray(), factId));

    // The audit log has it, live for moderators watching.
    const Envelope entry =
            m_moderator->waitForEvent(Protocol::Topic::Moderation, [](const Envelope &event) {
                return event.data.value(QStringLiteral("entry"))
                               .toObject()
                               .value(QStringLiteral("action"))
                        == QStringLiteral("hide_fact");
            });
    const auto parsed = AuditEntry::fromJson(entry.data.value(QStringLiteral("entry")).toObject());
    QVERIFY(parsed);
    QCOMPARE(parsed->moderator->username, QStringLiteral("mod"));
    QCOMPARE(parsed->target->id, poster->userId());
    QCOMPARE(parsed->detail.value(QStringLiteral("text")).toString(),
             QStringLiteral("Something rude"));

    // Unhiding brings it back to the feeds.
    QVERIFY(!m_moderator
                     ->request(Protocol::Type::HideFact,
                               {{QStringLiteral("factId"), factId},
                                {QStringLiteral("hidden"), false}})
                     .isError());
    QVERIFY(!watcher->waitForEvent(userFeed,
                                   [factId](const Envelope &event) {
                                       return containsFact(
                                               event.data.value(QStringLiteral("facts")).toArray(),
                                               factId);
                                   })
                     .type.isEmpty());
    QCOMPARE(errorCode(m_moderator->request(Protocol::Type::HideFact,
                                            {{QStringLiteral("factId"), 999999}})),
             QStringLiteral("not_found"));
}

void tst_Moderation::authorIsToldOnEveryAppAndNobodyElseIs()
{
    auto author = account(QStringLiteral("toldauthor"));
    auto authorsLaptop = account(QStringLiteral("toldauthor"), SignIn::Login);
    auto bystander = account(QStringLiteral("bystander"));
    QVERIFY(author && authorsLaptop && bystander);
    for (TestClient *client : {author.get(), authorsLaptop.get(), bystander.get()})
        QVERIFY(!client->subscribe(Protocol::Topic::Chat).isError());
    QVERIFY(!bystander->subscribe(Protocol::Topic::CommunityFacts).isError());

    const Envelope posted =
            author->request(Protocol::Type::PostFact,
                            {{QStringLiteral("clientId"), QStringLiteral("told1")},
                             {QStringLiteral("text"), QStringLiteral("Rude but mine")}});
    QVERIFY(!posted.isError());
    const qint64 factId = posted.data.value(QStringLiteral("fact"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();
    QVERIFY(!m_moderator->request(Protocol::Type::HideFact, {{QStringLiteral("factId"), factId}})
                     .isError());

    const auto noticeOf = [factId](bool hidden) {
        return [factId, hidden](const Envelope &event) {
            const auto notice = FactHiddenNotice::fromJson(event.data);
            return notice && notice->fact.id == factId && notice->hidden == hidden;
        };
    };
    // Both of the author's apps hear it, with the fact's text to show.
    for (TestClient *app : {author.get(), authorsLaptop.get()}) {
        const Envelope told = app->waitForEvent(Protocol::Topic::Chat, noticeOf(true));
        QVERIFY(!told.type.isEmpty());
        const auto notice = FactHiddenNotice::fromJson(told.data);
        QCOMPARE(notice->fact.text, QStringLiteral("Rude but mine"));
        QCOMPARE(notice->fact.author.id, author->userId());
    }
    // Bringing it back tells them too.
    QVERIFY(!m_moderator
                     ->request(Protocol::Type::HideFact,
                               {{QStringLiteral("factId"), factId},
                                {QStringLiteral("hidden"), false}})
                     .isError());
    QVERIFY(!author->waitForEvent(Protocol::Topic::Chat, noticeOf(false)).type.isEmpty());

    // The bystander saw the fact go and come back on the community feed, but on their own
    // stream nothing until the message sent after both (the fence).
    QVERIFY(!bystander
                     ->waitForEvent(Protocol::Topic::CommunityFacts,
                                    [factId](const Envelope &event) {
                                        return containsFact(
                                                event.data.value(QStringLiteral("facts")).toArray(),
                                                factId);
                                    })
                     .type.isEmpty());
    QVERIFY(!m_moderator
                     ->request(Protocol::Type::SendMessage,
                               {{QStringLiteral("clientId"), QStringLiteral("fence-told")},
                                {QStringLiteral("to"), bystander->userId()},
                                {QStringLiteral("text"), QStringLiteral("fence")}})
                     .isError());
    QVERIFY(!bystander
                     ->waitForEvent(Protocol::Topic::Chat,
                                    [](const Envelope &event) {
                                        return event.data.value(QStringLiteral("kind"))
                                                == Protocol::ChatEvent::Message;
                                    })
                     .type.isEmpty());
    for (const Envelope &event : bystander->events())
        QVERIFY2(event.topic != Protocol::Topic::Chat
                         || event.data.value(QStringLiteral("kind"))
                                 != Protocol::ChatEvent::FactHidden,
                 "someone else heard of the author's hidden fact");
}

void tst_Moderation::hidingAHiddenFactTellsNobody()
{
    auto author = account(QStringLiteral("twiceauthor"));
    auto watcher = account(QStringLiteral("twicewatcher"));
    QVERIFY(author && watcher);
    QVERIFY(!author->subscribe(Protocol::Topic::Chat).isError());
    const QString userFeed = Protocol::Topic::userFacts(author->userId());
    QVERIFY(!watcher->subscribe(userFeed).isError());
    const Envelope posted =
            author->request(Protocol::Type::PostFact,
                            {{QStringLiteral("clientId"), QStringLiteral("twice1")},
                             {QStringLiteral("text"), QStringLiteral("Hidden twice")}});
    QVERIFY(!posted.isError());
    const qint64 factId = posted.data.value(QStringLiteral("fact"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();
    const QString subject = QStringLiteral("fact %1").arg(factId);
    const auto auditedAs = [&](const QString &action) {
        return countRows(m_server.databaseUrl(),
                         QStringLiteral("SELECT COUNT(*) FROM audit_log "
                                        "WHERE action = ? AND subject = ?"),
                         {action, subject});
    };

    // Showing a visible fact, then hiding it twice: each reply says where the fact stands.
    const auto setHidden = [&](bool hidden) {
        const Envelope reply = m_moderator->request(
                Protocol::Type::HideFact,
                {{QStringLiteral("factId"), factId}, {QStringLiteral("hidden"), hidden}});
        return !reply.isError() && reply.data.value(QStringLiteral("hidden")).toBool() == hidden
                && reply.data.value(QStringLiteral("fact"))
                           .toObject()
                           .value(QStringLiteral("id"))
                           .toInteger()
                == factId;
    };
    QVERIFY(setHidden(false));
    QVERIFY(setHidden(true));
    QVERIFY(setHidden(true));

    // Fences: a chat message to the author and a new fact on the author's feed, both sent
    // after the second hide, so whatever it told would have arrived before them.
    QVERIFY(!m_moderator
                     ->request(Protocol::Type::SendMessage,
                               {{QStringLiteral("clientId"), QStringLiteral("fence-twice")},
                                {QStringLiteral("to"), author->userId()},
                                {QStringLiteral("text"), QStringLiteral("fence")}})
                     .isError());
    QVERIFY(!author->waitForEvent(Protocol::Topic::Chat, [](const Envelope &event) {
                       return event.data.value(QStringLiteral("kind"))
                               == Protocol::ChatEvent::Message;
                   }).type.isEmpty());
    const Envelope fence =
            author->request(Protocol::Type::PostFact,
                            {{QStringLiteral("clientId"), QStringLiteral("twice2")},
                             {QStringLiteral("text"), QStringLiteral("After the fence")}});
    QVERIFY(!fence.isError());
    const qint64 fenceId = fence.data.value(QStringLiteral("fact"))
                                   .toObject()
                                   .value(QStringLiteral("id"))
                                   .toInteger();
    QVERIFY(!watcher->waitForEvent(userFeed,
                                   [fenceId](const Envelope &event) {
                                       return containsFact(
                                               event.data.value(QStringLiteral("facts")).toArray(),
                                               fenceId);
                                   })
                     .type.isEmpty());

    int hiddenNotices = 0;
    int shownNotices = 0;
    for (const Envelope &event : author->events()) {
        if (event.topic != Protocol::Topic::Chat
            || event.data.value(QStringLiteral("kind")) != Protocol::ChatEvent::FactHidden)
            continue;
        const auto notice = FactHiddenNotice::fromJson(event.data);
        if (notice && notice->fact.id == factId)
            ++(notice->hidden ? hiddenNotices : shownNotices);
    }
    QCOMPARE(hiddenNotices, 1);
    QCOMPARE(shownNotices, 0); // it was never hidden before
    int removals = 0;
    for (const Envelope &event : watcher->events()) {
        if (event.topic == userFeed
            && event.data.value(QStringLiteral("kind")).toString() == Protocol::FactEvent::Removed
            && event.data.value(QStringLiteral("factIds")).toArray().contains(factId))
            ++removals;
    }
    QCOMPARE(removals, 1);
    QCOMPARE(auditedAs(QStringLiteral("hide_fact")), 1);
    QCOMPARE(auditedAs(QStringLiteral("unhide_fact")), 0);
}

void tst_Moderation::bannedUserIsClosedOutAndCannotSignIn()
{
    auto troll = account(QStringLiteral("troll"));
    QVERIFY(troll);
    TestClient secondApp;
    QVERIFY(secondApp.open(m_server.url()) && !secondApp.hello().isError());
    QVERIFY(!secondApp.login(QStringLiteral("troll"), TestPassword).isError());
    const qint64 bansBefore = auditRows(QStringLiteral("ban"));
    const qint64 unbansBefore = auditRows(QStringLiteral("unban"));

    const Envelope banned = m_moderator->request(Protocol::Type::Ban,
                                                 {{QStringLiteral("userId"), troll->userId()}});
    QVERIFY(!banned.isError());
    QCOMPARE(banned.data.value(QStringLiteral("banned")).toBool(), true);
    QVERIFY(troll->waitForDisconnected());
    QVERIFY(secondApp.waitForDisconnected());
    QCOMPARE(troll->closeCode(), Protocol::CloseCode::Banned);
    QCOMPARE(secondApp.closeCode(), Protocol::CloseCode::Banned);

    TestClient again;
    QVERIFY(again.open(m_server.url()) && !again.hello().isError());
    const Envelope login = again.login(QStringLiteral("troll"), TestPassword);
    QCOMPARE(errorCode(login), QStringLiteral("forbidden"));
    QVERIFY(login.data.value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("banned")));
    const Envelope resume =
            again.request(Protocol::Type::Resume, {{QStringLiteral("token"), troll->token()}});
    QVERIFY(resume.isError()); // every session was revoked

    const Envelope restricted = m_moderator->request(Protocol::Type::RestrictedUsers);
    bool listed = false;
    for (const QJsonValue &entry : restricted.data.value(QStringLiteral("users")).toArray())
        listed |= RestrictedUser::fromJson(entry.toObject())->user.id == troll->userId();
    QVERIFY(listed);

    // Lifting the ban lets them back in.
    QVERIFY(!m_moderator
                     ->request(Protocol::Type::Ban,
                               {{QStringLiteral("userId"), troll->userId()},
                                {QStringLiteral("banned"), false}})
                     .isError());
    QVERIFY(!again.login(QStringLiteral("troll"), TestPassword).isError());
    QCOMPARE(auditRows(QStringLiteral("ban")), bansBefore + 1);
    QCOMPARE(auditRows(QStringLiteral("unban")), unbansBefore + 1);
}

void tst_Moderation::moderatorsCannotBanModeratorsOrThemselves()
{
    QVERIFY(m_server.createModerator(QStringLiteral("mod2"), TestPassword));
    auto other = account(QStringLiteral("mod2"), SignIn::Login);
    QVERIFY(other);
    QCOMPARE(errorCode(m_moderator->request(Protocol::Type::Ban,
                                            {{QStringLiteral("userId"), other->userId()}})),
             QStringLiteral("forbidden"));
    QCOMPARE(errorCode(m_moderator->request(Protocol::Type::Mute,
                                            {{QStringLiteral("userId"), other->userId()},
                                             {QStringLiteral("seconds"), 60}})),
             QStringLiteral("forbidden"));
    QCOMPARE(errorCode(m_moderator->request(Protocol::Type::Ban,
                                            {{QStringLiteral("userId"), m_moderator->userId()}})),
             QStringLiteral("conflict"));
    QCOMPARE(errorCode(m_moderator->request(Protocol::Type::Ban,
                                            {{QStringLiteral("userId"), 987654}})),
             QStringLiteral("not_found"));
    QVERIFY(other->isConnected());
}

void tst_Moderation::mutedUserGetsAClearErrorUntilTheMuteEnds()
{
    auto loud = account(QStringLiteral("loud"));
    QVERIFY(loud);
    const Envelope muted = m_moderator->request(
            Protocol::Type::Mute,
            {{QStringLiteral("userId"), loud->userId()}, {QStringLiteral("seconds"), 2}});
    QVERIFY(!muted.isError());

    const Envelope fact = loud->request(Protocol::Type::PostFact,
                                        {{QStringLiteral("clientId"), QStringLiteral("m1")},
                                         {QStringLiteral("text"), QStringLiteral("LOUD")}});
    QCOMPARE(errorCode(fact), QStringLiteral("muted"));
    const qint64 retryAfter = fact.data.value(QStringLiteral("retryAfterMs")).toInteger();
    QVERIFY2(retryAfter > 0 && retryAfter <= 2000, qPrintable(QString::number(retryAfter)));
    QVERIFY(fact.data.value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("muted")));
    QCOMPARE(errorCode(loud->request(Protocol::Type::SendMessage,
                                     {{QStringLiteral("clientId"), QStringLiteral("m2")},
                                      {QStringLiteral("to"), m_attendee->userId()},
                                      {QStringLiteral("text"), QStringLiteral("LOUD")}})),
             QStringLiteral("muted"));
    QCOMPARE(errorCode(loud->request(Protocol::Type::ProposeTalk,
                                     {{QStringLiteral("clientId"), QStringLiteral("m3")},
                                      {QStringLiteral("title"), QStringLiteral("LOUD")}})),
             QStringLiteral("muted"));
    // Reading still works.
    QVERIFY(!loud->subscribe(Protocol::Topic::CommunityFacts).isError());

    // Nothing was stored, and after the mute the same post goes through. (This waits out the
    // real server's mute, which is what is tested; it decides nothing by itself: the post
    // after it must succeed.)
    QTest::qWait(static_cast<int>(retryAfter) + 100);
    const Envelope later = loud->request(Protocol::Type::PostFact,
                                         {{QStringLiteral("clientId"), QStringLiteral("m1")},
                                          {QStringLiteral("text"), QStringLiteral("Quieter now")}});
    QVERIFY(!later.isError());
    QCOMPARE(later.data.value(QStringLiteral("duplicate")).toBool(), false);

    // A mute outlives signing in again, until a moderator lifts it.
    QVERIFY(!m_moderator
                     ->request(Protocol::Type::Mute,
                               {{QStringLiteral("userId"), loud->userId()},
                                {QStringLiteral("seconds"), 600}})
                     .isError());
    auto again = account(QStringLiteral("loud"), SignIn::Login);
    QVERIFY(again);
    const Envelope stillMuted =
            again->request(Protocol::Type::PostFact,
                           {{QStringLiteral("clientId"), QStringLiteral("m4")},
                            {QStringLiteral("text"), QStringLiteral("Hello?")}});
    QCOMPARE(errorCode(stillMuted), QStringLiteral("muted"));
    QVERIFY(stillMuted.data.value(QStringLiteral("retryAfterMs")).toInteger() > 590'000);
    QVERIFY(!m_moderator
                     ->request(Protocol::Type::Mute,
                               {{QStringLiteral("userId"), loud->userId()},
                                {QStringLiteral("seconds"), 0}})
                     .isError());
    QVERIFY(!again->request(Protocol::Type::PostFact,
                            {{QStringLiteral("clientId"), QStringLiteral("m4")},
                             {QStringLiteral("text"), QStringLiteral("Hello?")}})
                     .isError());
    QCOMPARE(auditRows(QStringLiteral("mute")), 2);
    QCOMPARE(auditRows(QStringLiteral("unmute")), 1);
}

void tst_Moderation::rolesChangeInTheAppAndFromTheCommandLine()
{
    auto helper = account(QStringLiteral("helper"));
    auto watcher = account(QStringLiteral("rolewatcher"));
    QVERIFY(helper && watcher);
    QVERIFY(!watcher->subscribe(Protocol::Topic::Presence).isError());
    QCOMPARE(errorCode(helper->request(Protocol::Type::AuditLog)), QStringLiteral("forbidden"));

    const Envelope promoted =
            m_moderator->request(Protocol::Type::SetRole,
                                 {{QStringLiteral("userId"), helper->userId()},
                                  {QStringLiteral("role"), QStringLiteral("moderator")}});
    QVERIFY(!promoted.isError());
    // At once, on the connection they already have, and everyone sees the new role.
    QVERIFY(!helper->request(Protocol::Type::AuditLog).isError());
    QVERIFY(!watcher->waitForEvent(Protocol::Topic::Presence,
                                   [&](const Envelope &event) {
                                       // An online user: the user's fields and their state.
                                       const QJsonObject user =
                                               event.data.value(QStringLiteral("user")).toObject();
                                       return user.value(QStringLiteral("id")).toInteger()
                                               == helper->userId()
                                               && user.value(QStringLiteral("role"))
                                               == QStringLiteral("moderator");
                                   })
                     .type.isEmpty());
    QCOMPARE(
            errorCode(m_moderator->request(Protocol::Type::SetRole,
                                           {{QStringLiteral("userId"), m_moderator->userId()},
                                            {QStringLiteral("role"), QStringLiteral("attendee")}})),
            QStringLiteral("conflict"));

    // In the app, a demotion stops the audit log at once.
    QVERIFY(!helper->subscribe(Protocol::Topic::Moderation).isError());
    QVERIFY(!m_moderator
                     ->request(Protocol::Type::SetRole,
                               {{QStringLiteral("userId"), helper->userId()},
                                {QStringLiteral("role"), QStringLiteral("attendee")}})
                     .isError());
    QCOMPARE(errorCode(helper->request(Protocol::Type::AuditLog)), QStringLiteral("forbidden"));
    helper->clearEvents();
    auto auditor = account(QStringLiteral("mod"), SignIn::Login);
    QVERIFY(auditor && !auditor->subscribe(Protocol::Topic::Moderation).isError());
    QVERIFY(!m_moderator
                     ->request(Protocol::Type::Announce,
                               {{QStringLiteral("clientId"), QStringLiteral("secret")},
                                {QStringLiteral("text"), QStringLiteral("Moderators only?")}})
                     .isError());
    // A fence: once a moderator has the entry, it went to every subscriber of the topic, and a
    // round trip of the demoted user's own flushes anything that was sent to them before.
    QVERIFY(!auditor->waitForEvent(Protocol::Topic::Moderation,
                                   [](const Envelope &) { return true; })
                     .type.isEmpty());
    QVERIFY(!helper->request(Protocol::Type::Conversations).isError());
    for (const Envelope &event : helper->events())
        QVERIFY2(event.topic != Protocol::Topic::Moderation, "a demoted user saw the audit log");
    QVERIFY(!m_moderator
                     ->request(Protocol::Type::SetRole,
                               {{QStringLiteral("userId"), helper->userId()},
                                {QStringLiteral("role"), QStringLiteral("moderator")}})
                     .isError());

    // The command line demotes; it counts from the next sign-in.
    QString output;
    QCOMPARE(m_server.runTool({QStringLiteral("--remove-moderator"), QStringLiteral("helper")},
                              &output),
             0);
    QVERIFY2(output.contains(QStringLiteral("attendee")), qPrintable(output));
    auto demoted = account(QStringLiteral("helper"), SignIn::Login);
    QVERIFY(demoted);
    QCOMPARE(errorCode(demoted->request(Protocol::Type::AuditLog)), QStringLiteral("forbidden"));
    QCOMPARE(m_server.runTool({QStringLiteral("--remove-moderator"), QStringLiteral("nobody")},
                              &output),
             1);

    // Both changes are in the log; the command line's has no moderator.
    const Envelope log =
            m_moderator->request(Protocol::Type::AuditLog, {{QStringLiteral("limit"), 10}});
    const auto entries = auditEntriesFromJson(log.data.value(QStringLiteral("entries")));
    QVERIFY(entries);
    QList<AuditEntry> roleChanges;
    for (const AuditEntry &entry : entries.value()) {
        if (entry.action == QStringLiteral("set_role") && entry.target
            && entry.target->id == helper->userId())
            roleChanges.append(entry);
    }
    QCOMPARE(roleChanges.size(), 4); // promoted, demoted and promoted in the app; the command line
    QVERIFY(!roleChanges.at(0).moderator); // newest first: the command line
    QCOMPARE(roleChanges.at(0).detail.value(QStringLiteral("role")).toString(),
             QStringLiteral("attendee"));
    QCOMPARE(roleChanges.at(1).moderator->id, m_moderator->userId());
    QCOMPARE(roleChanges.at(1).detail.value(QStringLiteral("role")).toString(),
             QStringLiteral("moderator"));
}

void tst_Moderation::announcementsReachEveryone()
{
    auto one = account(QStringLiteral("listener1"));
    auto two = account(QStringLiteral("listener2"));
    QVERIFY(one && two);
    QVERIFY(!one->subscribe(Protocol::Topic::Announcements).isError());
    QVERIFY(!two->subscribe(Protocol::Topic::Announcements).isError());
    const qint64 announcedBefore = auditRows(QStringLiteral("announce"));
    const QJsonObject announcement{
            {QStringLiteral("clientId"), QStringLiteral("keynote")},
            {QStringLiteral("text"), QStringLiteral("Keynote in room A at 10")}};
    const Envelope sent = m_moderator->request(Protocol::Type::Announce, announcement);
    QVERIFY(!sent.isError());
    for (TestClient *client : {one.get(), two.get()}) {
        const Envelope event = client->waitForEvent(Protocol::Topic::Announcements,
                                                    [](const Envelope &) { return true; });
        QCOMPARE(event.data.value(QStringLiteral("announcement"))
                         .toObject()
                         .value(QStringLiteral("text")),
                 QStringLiteral("Keynote in room A at 10"));
    }
    // A resend is stored once (and pushed again only if ever: see the end).
    one->clearEvents();
    const Envelope resent = m_moderator->request(Protocol::Type::Announce, announcement);
    QCOMPARE(resent.data.value(QStringLiteral("duplicate")).toBool(), true);
    QCOMPARE(auditRows(QStringLiteral("announce")), announcedBefore + 1);

    // Newcomers see it in the snapshot.
    const Envelope snapshot = m_attendee->subscribe(Protocol::Topic::Announcements);
    const QJsonArray announced = snapshot.data.value(QStringLiteral("snapshot"))
                                         .toObject()
                                         .value(QStringLiteral("announcements"))
                                         .toArray();
    QCOMPARE(announced.size(), announcedBefore + 1);
    QCOMPARE(announced.first().toObject().value(QStringLiteral("text")),
             QStringLiteral("Keynote in room A at 10")); // newest first
    QCOMPARE(errorCode(m_moderator->request(Protocol::Type::Announce,
                                            {{QStringLiteral("clientId"), QStringLiteral("e")},
                                             {QStringLiteral("text"), QStringLiteral("   ")}})),
             QStringLiteral("bad_request"));
    QCOMPARE(errorCode(m_moderator->request(
                     Protocol::Type::Announce,
                     {{QStringLiteral("clientId"), QStringLiteral("l")},
                      {QStringLiteral("text"), QString(501, QLatin1Char('a'))}})),
             QStringLiteral("bad_request"));

    // The next announcement is the next event: the resend was not pushed in between.
    QVERIFY(!m_moderator
                     ->request(Protocol::Type::Announce,
                               {{QStringLiteral("clientId"), QStringLiteral("coffee")},
                                {QStringLiteral("text"), QStringLiteral("Coffee is served")}})
                     .isError());
    QVERIFY(!one->waitForEvent(Protocol::Topic::Announcements, [](const Envelope &) {
                    return true;
                }).type.isEmpty());
    QCOMPARE(one->events().size(), 0);
}

// The answer may find nobody, but what was asked for still happens, for everyone: a ban and a
// fact whose senders dropped their connections right after sending.
void tst_Moderation::actionsTakeEffectWhenTheSenderLeavesAtOnce()
{
    auto target = account(QStringLiteral("hitandrun"));
    auto watcher = account(QStringLiteral("feedwatcher"));
    auto poster = account(QStringLiteral("quickposter"));
    auto moderator = account(QStringLiteral("mod"), SignIn::Login);
    QVERIFY(target && watcher && poster && moderator);
    QVERIFY(!watcher->subscribe(Protocol::Topic::CommunityFacts).isError());

    poster->sendRaw(QStringLiteral(
            R"({"type":"fact.post","id":1,"data":{"clientId":"gone","text":"Posted, then gone"}})"));
    poster->socket().flush(); // out of the socket, then gone without a close
    poster->socket().abort();
    moderator->sendRaw(QStringLiteral(R"({"type":"mod.ban","id":1,"data":{"userId":%1}})")
                               .arg(target->userId()));
    moderator->socket().flush();
    moderator->socket().abort();

    QVERIFY(target->waitForDisconnected());
    QCOMPARE(target->closeCode(), Protocol::CloseCode::Banned);
    QVERIFY(!watcher->waitForEvent(Protocol::Topic::CommunityFacts,
                                   [](const Envelope &event) {
                                       const QJsonArray facts =
                                               event.data.value(QStringLiteral("facts")).toArray();
                                       return !facts.isEmpty()
                                               && facts.first().toObject().value(
                                                          QStringLiteral("text"))
                                               == QStringLiteral("Posted, then gone");
                                   })
                     .type.isEmpty());
    QVERIFY(!m_moderator
                     ->request(Protocol::Type::Ban,
                               {{QStringLiteral("userId"), target->userId()},
                                {QStringLiteral("banned"), false}})
                     .isError());
}

void tst_Moderation::auditLogRecordsEveryActionInOrder()
{
    // Eleven actions of this function's own, whatever others logged before.
    for (int i = 0; i < 11; ++i)
        QVERIFY(!m_moderator
                         ->request(Protocol::Type::Announce,
                                   {{QStringLiteral("clientId"), QStringLiteral("log%1").arg(i)},
                                    {QStringLiteral("text"), QStringLiteral("Note %1").arg(i)}})
                         .isError());
    // Page through the whole log two at a time: every row exactly once, newest first.
    QList<qint64> ids;
    std::optional<qint64> before;
    for (int page = 0; page < 100; ++page) {
        QJsonObject data{{QStringLiteral("limit"), 2}};
        if (before)
            data.insert(QStringLiteral("beforeId"), *before);
        const Envelope reply = m_moderator->request(Protocol::Type::AuditLog, data);
        QVERIFY(!reply.isError());
        const auto entries = auditEntriesFromJson(reply.data.value(QStringLiteral("entries")));
        for (const AuditEntry &entry : entries.value())
            ids.append(entry.id);
        if (!reply.data.value(QStringLiteral("hasMore")).toBool())
            break;
        before = ids.constLast();
    }
    QCOMPARE(ids.size(), auditRows());
    QVERIFY(std::is_sorted(ids.cbegin(), ids.cend(), std::greater<>()));
    QVERIFY(ids.size() >= 11);
}

QTEST_MAIN(tst_Moderation)
#include "tst_moderation.moc"
