// SPDX-License-Identifier: MIT
// What docs/protocol.md promises a client author, checked on a real server where a client
// written from the document alone found the document and the server apart: the order of a
// result and the events it causes, talk.edit changing only what it names, the wording of an
// unknown user's feed, the audit of a moderator made on the command line, a banned user's
// token, the members of an error and its retryAfterMs, and connections during a shutdown.
#include "fixtures.h"
#include "protocol.h"
#include "rawclient.h"
#include "testclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QTest>

#include <csignal>
#include <functional>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
// Every frame a client receives, in the order it arrived: TestClient keeps replies and events
// apart, and the order between them is what some of these tests are about.
class FrameLog : public QObject {
public:
    explicit FrameLog(TestClient &client)
    {
        connect(&client.socket(), &QWebSocket::textMessageReceived, this,
                [this](const QString &text) {
                    if (const auto envelope = Envelope::fromJson(text.toUtf8()))
                        m_frames.append(envelope.value());
                });
    }
    // Where the reply to the request with this id arrived; -1 if it did not.
    qsizetype replyAt(const QJsonValue &id) const
    {
        return indexOf([&id](const Envelope &frame) {
            return frame.type != Protocol::Type::Event && frame.id == id;
        });
    }
    // Where the first event on topic matching arrived; -1 if none did.
    qsizetype eventAt(const QString &topic,
                      const std::function<bool(const QJsonObject &)> &match) const
    {
        return indexOf([&](const Envelope &frame) {
            return frame.type == Protocol::Type::Event && frame.topic == topic && match(frame.data);
        });
    }

private:
    qsizetype indexOf(const std::function<bool(const Envelope &)> &match) const
    {
        for (qsizetype i = 0; i < m_frames.size(); ++i) {
            if (match(m_frames.at(i)))
                return i;
        }
        return -1;
    }
    QList<Envelope> m_frames;
};

std::function<bool(const QJsonObject &)> kindIs(const QString &kind)
{
    return [kind](const QJsonObject &data) {
        return data.value(QStringLiteral("kind")).toString() == kind;
    };
}

QString messageOf(const Envelope &reply)
{
    return reply.isError() ? reply.toError().message : QString();
}

} // namespace

class tst_DocumentedBehaviour : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void eventOfAnImmediateRequestComesFirst();
    void factPostIsAnsweredBeforeItsEvent();
    void chatSendIsAnsweredBeforeItsEvent();
    void talkWritesAreAnsweredBeforeTheirEvents();
    void hubEditIsAnsweredBeforeItsEvent();
    void roleChangeIsAnsweredBeforeItsEvent();
    void talkEditChangesOnlyWhatItNames();
    void unknownUsersFeedIsNoTopic();
    void commandLineModeratorIsAudited();
    void bannedUsersTokenHasEnded();
    void waitsCarryRetryAfter();
    void connectionsDuringShutdownAreRefused();

private:
    std::unique_ptr<TestClient> attendee(const QString &username);
    std::unique_ptr<TestClient> moderator();
    // Sends the request, waits for its reply (kept in *result if given) and for the event;
    // true if both came, with the positions of each in log.
    bool requestAndEvent(TestClient &client, const FrameLog &log, const QString &type,
                         const QJsonObject &data, const QString &topic,
                         const std::function<bool(const QJsonObject &)> &match, qsizetype *replyAt,
                         qsizetype *eventAt, Envelope *result = nullptr);

    TestServer m_server;
};

void tst_DocumentedBehaviour::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
    // Posts are limited (a burst of 3) so that a test can run out of them; nothing else is.
    m_server.setConfig(QStringLiteral("[abuse]\nposts_burst=3\nposts_per_minute=1\n"
                                      "messages_per_minute=0\nvotes_per_minute=0\n"
                                      "sign_in_free_failures=1000000\n"
                                      "sign_in_free_failures_per_address=1000000\n"
                                      "connections_per_address=0\n"));
    QVERIFY(m_server.start());
    QVERIFY(m_server.createModerator(QStringLiteral("moderator"), TestPassword));
}

std::unique_ptr<TestClient> tst_DocumentedBehaviour::attendee(const QString &username)
{
    return signedIn(m_server.url(), username);
}

std::unique_ptr<TestClient> tst_DocumentedBehaviour::moderator()
{
    return signedIn(m_server.url(), QStringLiteral("moderator"), SignIn::Login);
}

bool tst_DocumentedBehaviour::requestAndEvent(TestClient &client, const FrameLog &log,
                                              const QString &type, const QJsonObject &data,
                                              const QString &topic,
                                              const std::function<bool(const QJsonObject &)> &match,
                                              qsizetype *replyAt, qsizetype *eventAt,
                                              Envelope *result)
{
    const Envelope reply = client.request(type, data);
    if (result)
        *result = reply;
    if (reply.isError()) {
        qWarning("%s failed: %s", qPrintable(type), qPrintable(messageOf(reply)));
        return false;
    }
    if (client.waitForEvent(topic, [&match](const Envelope &event) {
                  return match(event.data);
              }).type.isEmpty())
        return false;
    *replyAt = log.replyAt(reply.id);
    *eventAt = log.eventAt(topic, match);
    return *replyAt >= 0 && *eventAt >= 0;
}

// A request answered at once sends the events it causes first (docs/protocol.md, "Replies and
// ordering").
void tst_DocumentedBehaviour::eventOfAnImmediateRequestComesFirst()
{
    auto alice = attendee(QStringLiteral("order-presence"));
    QVERIFY(alice);
    FrameLog log(*alice);
    QVERIFY(!alice->subscribe(Protocol::Topic::Presence).isError());
    qsizetype replyAt = -1;
    qsizetype eventAt = -1;
    QVERIFY(requestAndEvent(*alice, log, Protocol::Type::SetPresence,
                            {{QStringLiteral("state"), QStringLiteral("away")}},
                            Protocol::Topic::Presence,
                            kindIs(Protocol::PresenceEvent::StateChanged), &replyAt, &eventAt));
    QVERIFY2(eventAt < replyAt, "the state event must come before the result");
}

// A write answered after its commit sends the result first, then its events.
void tst_DocumentedBehaviour::factPostIsAnsweredBeforeItsEvent()
{
    auto alice = attendee(QStringLiteral("order-fact"));
    QVERIFY(alice);
    FrameLog log(*alice);
    const QString feed = Protocol::Topic::userFacts(alice->userId());
    QVERIFY(!alice->subscribe(feed).isError());
    qsizetype replyAt = -1;
    qsizetype eventAt = -1;
    QVERIFY(requestAndEvent(*alice, log, Protocol::Type::PostFact,
                            {{QStringLiteral("clientId"), QStringLiteral("f1")},
                             {QStringLiteral("text"), QStringLiteral("I knit")}},
                            feed, kindIs(Protocol::FactEvent::Posted), &replyAt, &eventAt));
    QVERIFY2(replyAt < eventAt, "the result must come before the posted event");
}

void tst_DocumentedBehaviour::chatSendIsAnsweredBeforeItsEvent()
{
    auto alice = attendee(QStringLiteral("order-chat-a"));
    auto bob = attendee(QStringLiteral("order-chat-b"));
    QVERIFY(alice && bob);
    FrameLog log(*alice);
    QVERIFY(!alice->subscribe(Protocol::Topic::Chat).isError());
    qsizetype replyAt = -1;
    qsizetype eventAt = -1;
    QVERIFY(requestAndEvent(*alice, log, Protocol::Type::SendMessage,
                            {{QStringLiteral("clientId"), QStringLiteral("m1")},
                             {QStringLiteral("to"), bob->userId()},
                             {QStringLiteral("text"), QStringLiteral("tea?")}},
                            Protocol::Topic::Chat, kindIs(Protocol::ChatEvent::Message), &replyAt,
                            &eventAt));
    QVERIFY2(replyAt < eventAt, "the result must come before the message event");
}

void tst_DocumentedBehaviour::talkWritesAreAnsweredBeforeTheirEvents()
{
    auto alice = attendee(QStringLiteral("order-talk"));
    QVERIFY(alice);
    FrameLog log(*alice);
    QVERIFY(!alice->subscribe(Protocol::Topic::Talks).isError());
    qsizetype replyAt = -1;
    qsizetype eventAt = -1;
    Envelope proposed;
    QVERIFY(requestAndEvent(*alice, log, Protocol::Type::ProposeTalk,
                            {{QStringLiteral("clientId"), QStringLiteral("t1")},
                             {QStringLiteral("title"), QStringLiteral("Knitting in C++")}},
                            Protocol::Topic::Talks, kindIs(Protocol::TalkEvent::Upserted), &replyAt,
                            &eventAt, &proposed));
    QVERIFY2(replyAt < eventAt, "the propose result must come before the talk event");
    const qint64 talkId = proposed.data.value(QStringLiteral("talk"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();
    QVERIFY(talkId > 0);
    QVERIFY(requestAndEvent(*alice, log, Protocol::Type::ToggleVote,
                            {{QStringLiteral("clientId"), QStringLiteral("v1")},
                             {QStringLiteral("talkId"), talkId}},
                            Protocol::Topic::Talks, kindIs(Protocol::TalkEvent::Tallies), &replyAt,
                            &eventAt));
    QVERIFY2(replyAt < eventAt, "the vote result must come before the tallies event");
}

void tst_DocumentedBehaviour::hubEditIsAnsweredBeforeItsEvent()
{
    auto mod = moderator();
    QVERIFY(mod);
    FrameLog log(*mod);
    QVERIFY(!mod->subscribe(Protocol::Topic::Hubs).isError());
    qsizetype replyAt = -1;
    qsizetype eventAt = -1;
    QVERIFY(requestAndEvent(*mod, log, Protocol::Type::CreateHub,
                            {{QStringLiteral("name"), QStringLiteral("Track K")}},
                            Protocol::Topic::Hubs, kindIs(Protocol::ModerationEvent::Hub), &replyAt,
                            &eventAt));
    QVERIFY2(replyAt < eventAt, "the result must come before the hub event");
}

void tst_DocumentedBehaviour::roleChangeIsAnsweredBeforeItsEvent()
{
    auto mod = moderator();
    auto carol = attendee(QStringLiteral("order-role"));
    QVERIFY(mod && carol);
    FrameLog log(*mod);
    QVERIFY(!mod->subscribe(Protocol::Topic::Presence).isError());
    const qint64 carolId = carol->userId();
    qsizetype replyAt = -1;
    qsizetype eventAt = -1;
    QVERIFY(requestAndEvent(
            *mod, log, Protocol::Type::SetRole,
            {{QStringLiteral("userId"), carolId},
             {QStringLiteral("role"), QStringLiteral("moderator")}},
            Protocol::Topic::Presence,
            [carolId](const QJsonObject &data) {
                return data.value(QStringLiteral("kind")) == Protocol::PresenceEvent::Joined
                        && data.value(QStringLiteral("userId")).toInteger() == carolId;
            },
            &replyAt, &eventAt));
    QVERIFY2(replyAt < eventAt, "the result must come before the joined event");
}

// An edit changes the fields it carries and keeps the others: an omitted abstract used to be
// erased.
void tst_DocumentedBehaviour::talkEditChangesOnlyWhatItNames()
{
    auto alice = attendee(QStringLiteral("edit-talk"));
    QVERIFY(alice);
    const Envelope proposed =
            alice->request(Protocol::Type::ProposeTalk,
                           {{QStringLiteral("clientId"), QStringLiteral("t1")},
                            {QStringLiteral("title"), QStringLiteral("Vim")},
                            {QStringLiteral("abstract"), QStringLiteral("Modes, and why")}});
    QVERIFY2(!proposed.isError(), qPrintable(messageOf(proposed)));
    const qint64 talkId = proposed.data.value(QStringLiteral("talk"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();
    const Envelope retitled = alice->request(
            Protocol::Type::EditTalk,
            {{QStringLiteral("talkId"), talkId}, {QStringLiteral("title"), QStringLiteral("Vi")}});
    QVERIFY2(!retitled.isError(), qPrintable(messageOf(retitled)));
    QJsonObject talk = retitled.data.value(QStringLiteral("talk")).toObject();
    QCOMPARE(talk.value(QStringLiteral("title")).toString(), QStringLiteral("Vi"));
    QCOMPARE(talk.value(QStringLiteral("abstract")).toString(), QStringLiteral("Modes, and why"));
    const Envelope cleared = alice->request(
            Protocol::Type::EditTalk,
            {{QStringLiteral("talkId"), talkId}, {QStringLiteral("abstract"), QString()}});
    QVERIFY2(!cleared.isError(), qPrintable(messageOf(cleared)));
    talk = cleared.data.value(QStringLiteral("talk")).toObject();
    QCOMPARE(talk.value(QStringLiteral("title")).toString(), QStringLiteral("Vi"));
    QCOMPARE(talk.value(QStringLiteral("abstract")).toString(), QString());
    const Envelope nothing =
            alice->request(Protocol::Type::EditTalk, {{QStringLiteral("talkId"), talkId}});
    QCOMPARE(nothing.toError().code, ErrorCode::BadRequest);
}

// Worded as every other name that is no topic.
void tst_DocumentedBehaviour::unknownUsersFeedIsNoTopic()
{
    auto alice = attendee(QStringLiteral("feed-reader"));
    QVERIFY(alice);
    const Envelope reply = alice->subscribe(QStringLiteral("facts.user.987654"));
    QCOMPARE(reply.toError().code, ErrorCode::NotFound);
    QCOMPARE(reply.toError().message, QStringLiteral("no topic named \"facts.user.987654\""));
}

// hallway-server --create-moderator of a new account is in the log like every role change:
// no moderator (the command line), the new moderator as target.
void tst_DocumentedBehaviour::commandLineModeratorIsAudited()
{
    auto mod = moderator(); // made by --create-moderator in initTestCase
    QVERIFY(mod);
    const Envelope log = mod->request(Protocol::Type::AuditLog, {{QStringLiteral("limit"), 200}});
    QVERIFY2(!log.isError(), qPrintable(messageOf(log)));
    const QJsonArray entries = log.data.value(QStringLiteral("entries")).toArray();
    const auto made = std::find_if(entries.cbegin(), entries.cend(), [](const QJsonValue &entry) {
        return entry.toObject()
                       .value(QStringLiteral("target"))
                       .toObject()
                       .value(QStringLiteral("username"))
                       .toString()
                == QLatin1StringView("moderator");
    });
    QVERIFY2(made != entries.cend(), "no audit entry for the moderator made on the command line");
    const QJsonObject entry = made->toObject();
    QCOMPARE(entry.value(QStringLiteral("action")).toString(), QStringLiteral("set_role"));
    QVERIFY(entry.value(QStringLiteral("moderator")).isNull());
    QCOMPARE(entry.value(QStringLiteral("detail")).toObject(),
             (QJsonObject{{QStringLiteral("role"), QStringLiteral("moderator")},
                          {QStringLiteral("via"), QStringLiteral("command_line")}}));
}

// A ban ends every session: the token is then unknown (unauthorized), and signing in with the
// password says why (forbidden).
void tst_DocumentedBehaviour::bannedUsersTokenHasEnded()
{
    auto mod = moderator();
    auto dave = attendee(QStringLiteral("banned-dave"));
    QVERIFY(mod && dave);
    const QString token = dave->token();
    QVERIFY(!token.isEmpty());
    QVERIFY(!mod->request(Protocol::Type::Ban, {{QStringLiteral("userId"), dave->userId()}})
                     .isError());
    QVERIFY(dave->waitForDisconnected());
    QCOMPARE(dave->closeCode(), Protocol::CloseCode::Banned);

    TestClient again;
    QVERIFY(again.open(m_server.url()));
    QVERIFY(!again.hello().isError());
    const Envelope resumed =
            again.request(Protocol::Type::Resume, {{QStringLiteral("token"), token}});
    QCOMPARE(resumed.toError().code, ErrorCode::Unauthorized);
    QCOMPARE(resumed.toError().message,
             QStringLiteral("this session has ended; please sign in again"));
    const Envelope login = again.login(QStringLiteral("banned-dave"), TestPassword);
    QCOMPARE(login.toError().code, ErrorCode::Forbidden);
}

// Error data has code and message, and retryAfterMs only for a wait (docs/protocol.md,
// "Error"): rate_limited and muted here.
void tst_DocumentedBehaviour::waitsCarryRetryAfter()
{
    const QStringList plain = {QStringLiteral("code"), QStringLiteral("message")};
    const QStringList waiting = {QStringLiteral("code"), QStringLiteral("message"),
                                 QStringLiteral("retryAfterMs")};
    auto erin = attendee(QStringLiteral("rate-erin"));
    QVERIFY(erin);
    const Envelope invalid = erin->request(Protocol::Type::PostFact, {});
    QCOMPARE(invalid.toError().code, ErrorCode::BadRequest);
    QCOMPARE(invalid.data.keys(), plain);
    Envelope reply;
    for (int i = 0; i < 4; ++i) {
        reply = erin->request(Protocol::Type::PostFact,
                              {{QStringLiteral("clientId"), QStringLiteral("r%1").arg(i)},
                               {QStringLiteral("text"), QStringLiteral("fact %1").arg(i)}});
        if (reply.isError())
            break;
    }
    QCOMPARE(reply.toError().code, ErrorCode::RateLimited); // the 4th, past a burst of 3
    QCOMPARE(reply.data.keys(), waiting);
    const qint64 rateWait = reply.data.value(QStringLiteral("retryAfterMs")).toInteger();
    QVERIFY2(rateWait > 0 && rateWait <= 60'000, qPrintable(QString::number(rateWait)));

    auto mod = moderator();
    auto frank = attendee(QStringLiteral("muted-frank"));
    QVERIFY(mod && frank);
    QVERIFY(!mod->request(Protocol::Type::Mute,
                          {{QStringLiteral("userId"), frank->userId()},
                           {QStringLiteral("seconds"), 60}})
                     .isError());
    const Envelope muted = frank->request(Protocol::Type::PostFact,
                                          {{QStringLiteral("clientId"), QStringLiteral("m1")},
                                           {QStringLiteral("text"), QStringLiteral("hello")}});
    QCOMPARE(muted.toError().code, ErrorCode::Muted);
    QCOMPARE(muted.data.keys(), waiting);
    const qint64 muteWait = muted.data.value(QStringLiteral("retryAfterMs")).toInteger();
    QVERIFY2(muteWait > 0 && muteWait <= 60'000, qPrintable(QString::number(muteWait)));
}

// Once a shutdown begins the server stops listening: a new connection is refused at once (the
// client reconnects with backoff, or tries another node), while the connections it has are
// closed with 1001.
void tst_DocumentedBehaviour::connectionsDuringShutdownAreRefused()
{
    TestServer server;
    QVERIFY(server.start());
    RawClient open;
    QVERIFY(open.connectTcp(server.port()));
    QVERIFY(open.handshake(server.port()));
    QVERIFY(open.signIn(QStringLiteral("leaving"), TestPassword, true) > 0);

    QCOMPARE(::kill(pid_t(server.pid()), SIGTERM), 0);
    QCOMPARE(open.waitForClose(), std::optional<int>(1001));
    // Our close frame has not been sent, so the server is still shutting down, not gone.
    RawClient late;
    QVERIFY2(!late.connectTcp(server.port()), "a connection was accepted during the shutdown");
    QVERIFY(!open.peerHasClosed());
    QTRY_VERIFY_WITH_TIMEOUT(!server.isRunning(), 10'000);
}

QTEST_GUILESS_MAIN(tst_DocumentedBehaviour)
#include "tst_documentedbehaviour.moc"
