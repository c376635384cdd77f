// SPDX-License-Identifier: MIT
// Every protocol v1 message: what goes out comes back the same, and what is wrong is refused
// with bad_request and a message that names the problem.
#include "chatmessages.h"
#include "envelope.h"
#include "hub.h"
#include "messages.h"
#include "moderation.h"
#include "protocol.h"
#include "validation.h"

#include <QJsonDocument>
#include <QTest>

using namespace Hallway;

namespace {
QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

const UserInfo alice{7,
                     QStringLiteral("alice"),
                     QStringLiteral("Alice Liddell"),
                     QStringLiteral("Oxford"),
                     QStringLiteral("England"),
                     Role::Moderator};
} // namespace

class tst_Protocol : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void envelopeRoundTrip_data();
    void envelopeRoundTrip();
    void envelopeRejects_data();
    void envelopeRejects();
    void errorEnvelopeCarriesCode_data();
    void errorEnvelopeCarriesCode();

    void messagesRoundTrip();
    void requestRejects_data();
    void requestRejects();
    void registerNormalizes();
    void chatRequestsRoundTrip();
    void userFeedTopicNames_data();
    void userFeedTopicNames();
    void numbersAreNotCut();
    void presenceEventsRoundTrip();
    void subscribeReplyShapes();
    void validationLimits_data();
    void validationLimits();
};

void tst_Protocol::envelopeRoundTrip_data()
{
    QTest::addColumn<Envelope>("envelope");
    QTest::newRow("request with string id")
            << Envelope{Protocol::Type::Hello,
                        QJsonValue(QStringLiteral("a-1")),
                        HelloRequest{1, QStringLiteral("x")}.toJson(),
                        {},
                        0};
    QTest::newRow("request with integer id")
            << Envelope{Protocol::Type::Login,
                        QJsonValue(42),
                        LoginRequest{QStringLiteral("bob"), QStringLiteral("pw")}.toJson(),
                        {},
                        0};
    QTest::newRow("result") << Envelope::result(3, {{QStringLiteral("ok"), true}});
    QTest::newRow("error") << Envelope::error(4, {ErrorCode::Conflict, QStringLiteral("taken")});
    QTest::newRow("event") << Envelope::event(Protocol::Topic::Presence, 99,
                                              {{QStringLiteral("kind"), QStringLiteral("left")}});
    QTest::newRow("unicode") << Envelope::result(
            5, {{QStringLiteral("name"), QStringLiteral("Zoë 🎤 東京")}});
}

void tst_Protocol::envelopeRoundTrip()
{
    QFETCH(Envelope, envelope);
    const auto decoded = Envelope::fromJson(envelope.toJson());
    QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message));
    QCOMPARE(decoded->type, envelope.type);
    QCOMPARE(decoded->id, envelope.id);
    QCOMPARE(decoded->data, envelope.data);
    QCOMPARE(decoded->topic, envelope.topic);
    QCOMPARE(decoded->seq, envelope.seq);
}

void tst_Protocol::envelopeRejects_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("not JSON") << QByteArray("{type: hello") << QStringLiteral("malformed JSON");
    QTest::newRow("empty") << QByteArray("") << QStringLiteral("malformed JSON");
    QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("JSON object");
    QTest::newRow("no type") << QByteArray(R"({"id":1,"data":{}})") << QStringLiteral("\"type\"");
    QTest::newRow("type not string") << QByteArray(R"({"type":5})") << QStringLiteral("\"type\"");
    QTest::newRow("empty type") << QByteArray(R"({"type":""})") << QStringLiteral("\"type\"");
    QTest::newRow("data not object")
            << QByteArray(R"({"type":"hello","data":[1]})") << QStringLiteral("\"data\"");
    QTest::newRow("id object") << QByteArray(R"({"type":"hello","id":{}})")
                               << QStringLiteral("\"id\"");
    QTest::newRow("id fraction") << QByteArray(R"({"type":"hello","id":1.5})")
                                 << QStringLiteral("\"id\"");
    QTest::newRow("id too long") << (QByteArray(R"({"type":"hello","id":")") + QByteArray(65, 'x')
                                     + "\"}")
                                 << QStringLiteral("\"id\"");
}

void tst_Protocol::envelopeRejects()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, messagePart);
    const auto decoded = Envelope::fromJson(frame);
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().code, ErrorCode::BadRequest);
    QVERIFY2(decoded.error().message.contains(messagePart), qPrintable(decoded.error().message));
}

void tst_Protocol::errorEnvelopeCarriesCode_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("wireName");
    QTest::newRow("bad_request") << ErrorCode::BadRequest << QStringLiteral("bad_request");
    QTest::newRow("unauthorized") << ErrorCode::Unauthorized << QStringLiteral("unauthorized");
    QTest::newRow("forbidden") << ErrorCode::Forbidden << QStringLiteral("forbidden");
    QTest::newRow("not_found") << ErrorCode::NotFound << QStringLiteral("not_found");
    QTest::newRow("conflict") << ErrorCode::Conflict << QStringLiteral("conflict");
    QTest::newRow("rate_limited") << ErrorCode::RateLimited << QStringLiteral("rate_limited");
    QTest::newRow("too_large") << ErrorCode::TooLarge << QStringLiteral("too_large");
    QTest::newRow("unavailable") << ErrorCode::Unavailable << QStringLiteral("unavailable");
    QTest::newRow("internal") << ErrorCode::Internal << QStringLiteral("internal");
}

void tst_Protocol::errorEnvelopeCarriesCode()
{
    QFETCH(ErrorCode, code);
    QFETCH(QString, wireName);
    QCOMPARE(errorCodeName(code), wireName);
    QCOMPARE(errorCodeFromName(wireName), code);
    const auto decoded =
            Envelope::fromJson(Envelope::error(1, {code, QStringLiteral("why")}).toJson());
    QVERIFY(decoded);
    QVERIFY(decoded->isError());
    QCOMPARE(decoded->data.value(QStringLiteral("code")).toString(), wireName);
    QCOMPARE(decoded->toError(), (Error{code, QStringLiteral("why")}));
}

void tst_Protocol::messagesRoundTrip()
{
    const HelloRequest hello{1, QStringLiteral("hallway/0.1.0")};
    QCOMPARE(HelloRequest::fromJson(hello.toJson())->client, hello.client);
    const HelloReply helloReply{1, QStringLiteral("hallway-server/0.1.0"), 65536};
    QCOMPARE(HelloReply::fromJson(helloReply.toJson())->maxMessageBytes, 65536);

    const RegisterRequest reg{QStringLiteral("alice"), QStringLiteral("Alice"),
                              QStringLiteral("secret-pw"), QStringLiteral("Oxford"),
                              QStringLiteral("England")};
    const auto regBack = RegisterRequest::fromJson(reg.toJson());
    QVERIFY(regBack);
    QCOMPARE(regBack->username, reg.username);
    QCOMPARE(regBack->displayName, reg.displayName);
    QCOMPARE(regBack->password, reg.password);
    QCOMPARE(regBack->city, reg.city);
    QCOMPARE(regBack->region, reg.region);

    const auto loginBack = LoginRequest::fromJson(
            LoginRequest{QStringLiteral("bob"), QStringLiteral("pw")}.toJson());
    QCOMPARE(loginBack->username, QStringLiteral("bob"));
    QCOMPARE(loginBack->password, QStringLiteral("pw"));

    QCOMPARE(ResumeRequest::fromJson(ResumeRequest{QStringLiteral("tok")}.toJson())->token,
             QStringLiteral("tok"));

    const SessionReply session{QStringLiteral("tok"), alice};
    const auto sessionBack = SessionReply::fromJson(session.toJson());
    QVERIFY(sessionBack);
    QCOMPARE(sessionBack->token, session.token);
    QCOMPARE(sessionBack->user, alice);
    const QJsonObject anonymousSession = SessionReply{QString(), alice}.toJson();
    QVERIFY(!anonymousSession.contains(QStringLiteral("token")));

    const ChangePasswordRequest change{QStringLiteral("old-password"),
                                       QStringLiteral("new-password")};
    QCOMPARE(ChangePasswordRequest::fromJson(change.toJson())->newPassword, change.newPassword);

    const SubscribeRequest subscribe{Protocol::Topic::Presence,
                                     TopicPosition{QStringLiteral("e1"), 12}};
    const auto subscribeBack = SubscribeRequest::fromJson(subscribe.toJson());
    QCOMPARE(subscribeBack->topic, subscribe.topic);
    QCOMPARE(subscribeBack->since, subscribe.since);

    QCOMPARE(UnsubscribeRequest::fromJson(UnsubscribeRequest{QStringLiteral("presence")}.toJson())
                     ->topic,
             QStringLiteral("presence"));
    QCOMPARE(SetPresenceRequest::fromJson(SetPresenceRequest{PresenceState::Away}.toJson())->state,
             PresenceState::Away);

    const PresenceSnapshot snapshot{{OnlineUser{alice, PresenceState::Away}}};
    const auto snapshotBack = PresenceSnapshot::fromJson(snapshot.toJson());
    QVERIFY(snapshotBack);
    QCOMPARE(snapshotBack->users, snapshot.users);
}

void tst_Protocol::requestRejects_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("hello without protocol")
            << Protocol::Type::Hello << QJsonObject{} << QStringLiteral("\"protocol\" is required");
    QTest::newRow("hello protocol string")
            << Protocol::Type::Hello << json(R"({"protocol":"1"})") << QStringLiteral("integer");
    QTest::newRow("hello protocol fraction")
            << Protocol::Type::Hello << json(R"({"protocol":1.5})") << QStringLiteral("integer");
    QTest::newRow("register no username")
            << Protocol::Type::Register << json(R"({"password":"12345678","displayName":"A"})")
            << QStringLiteral("\"username\" is required");
    QTest::newRow("register username number")
            << Protocol::Type::Register
            << json(R"({"username":5,"password":"12345678","displayName":"A"})")
            << QStringLiteral("must be a string");
    QTest::newRow("register short username")
            << Protocol::Type::Register
            << json(R"({"username":"ab","password":"12345678","displayName":"A"})")
            << QStringLiteral("3 to 32");
    QTest::newRow("register bad characters")
            << Protocol::Type::Register
            << json(R"({"username":"a b!","password":"12345678","displayName":"A"})")
            << QStringLiteral("may contain only");
    QTest::newRow("register short password")
            << Protocol::Type::Register
            << json(R"({"username":"abc","password":"short","displayName":"A"})")
            << QStringLiteral("at least 8");
    QTest::newRow("register blank display name")
            << Protocol::Type::Register
            << json(R"({"username":"abc","password":"12345678","displayName":"   "})")
            << QStringLiteral("display name must not be empty");
    QTest::newRow("register control characters")
            << Protocol::Type::Register
            << json("{\"username\":\"abc\",\"password\":\"12345678\",\"displayName\":"
                    "\"A\\u0007B\"}")
            << QStringLiteral("control characters");
    QTest::newRow("register long city")
            << Protocol::Type::Register
            << QJsonObject{{QStringLiteral("username"), QStringLiteral("abc")},
                           {QStringLiteral("password"), QStringLiteral("12345678")},
                           {QStringLiteral("displayName"), QStringLiteral("A")},
                           {QStringLiteral("city"), QString(65, QLatin1Char('c'))}}
            << QStringLiteral("city must be at most 64");
    QTest::newRow("register region not string")
            << Protocol::Type::Register
            << json(R"({"username":"abc","password":"12345678","displayName":"A","region":[]})")
            << QStringLiteral("\"region\" must be a string");
    QTest::newRow("login no password") << Protocol::Type::Login << json(R"({"username":"abc"})")
                                       << QStringLiteral("\"password\" is required");
    QTest::newRow("login empty username")
            << Protocol::Type::Login << json(R"({"username":"","password":"x"})")
            << QStringLiteral("username must be");
    QTest::newRow("resume no token")
            << Protocol::Type::Resume << QJsonObject{} << QStringLiteral("\"token\" is required");
    QTest::newRow("resume empty token")
            << Protocol::Type::Resume << json(R"({"token":""})") << QStringLiteral("token must be");
    QTest::newRow("change password short")
            << Protocol::Type::ChangePassword
            << json(R"({"currentPassword":"x","newPassword":"short"})")
            << QStringLiteral("new password must be at least");
    QTest::newRow("change password missing")
            << Protocol::Type::ChangePassword << json(R"({"newPassword":"long-enough"})")
            << QStringLiteral("\"currentPassword\" is required");
    QTest::newRow("subscribe no topic") << Protocol::Type::Subscribe << QJsonObject{}
                                        << QStringLiteral("\"topic\" is required");
    QTest::newRow("subscribe since not object")
            << Protocol::Type::Subscribe << json(R"({"topic":"presence","since":3})")
            << QStringLiteral("\"since\" must be an object");
    QTest::newRow("subscribe since without seq")
            << Protocol::Type::Subscribe << json(R"({"topic":"presence","since":{"epoch":"x"}})")
            << QStringLiteral("\"seq\" is required");
    QTest::newRow("subscribe negative seq")
            << Protocol::Type::Subscribe
            << json(R"({"topic":"presence","since":{"epoch":"x","seq":-1}})")
            << QStringLiteral("negative");
    QTest::newRow("unsubscribe topic number")
            << Protocol::Type::Unsubscribe << json(R"({"topic":1})")
            << QStringLiteral("must be a string");
    QTest::newRow("presence unknown state")
            << Protocol::Type::SetPresence << json(R"({"state":"busy"})")
            << QStringLiteral("\"online\" or \"away\"");
    QTest::newRow("presence state bool") << Protocol::Type::SetPresence << json(R"({"state":true})")
                                         << QStringLiteral("must be a string");
    QTest::newRow("chat send without to")
            << Protocol::Type::SendMessage << json(R"({"clientId":"c1","text":"hi"})")
            << QStringLiteral("\"to\" is required");
    QTest::newRow("chat send blank text")
            << Protocol::Type::SendMessage << json(R"({"clientId":"c1","to":3,"text":"  "})")
            << QStringLiteral("must not be empty");
    QTest::newRow("chat send long text")
            << Protocol::Type::SendMessage
            << QJsonObject{{QStringLiteral("clientId"), QStringLiteral("c1")},
                           {QStringLiteral("to"), 3},
                           {QStringLiteral("text"), QString(4001, QLatin1Char('m'))}}
            << QStringLiteral("at most 4000 characters; this one has 4001");
    QTest::newRow("chat send empty client id")
            << Protocol::Type::SendMessage << json(R"({"clientId":"","to":3,"text":"hi"})")
            << QStringLiteral("clientId must be");
    QTest::newRow("chat history larger id first")
            << Protocol::Type::ChatHistory << json(R"({"conversation":"7:3"})")
            << QStringLiteral("must look like \"3:7\"");
    QTest::newRow("chat history limit zero")
            << Protocol::Type::ChatHistory << json(R"({"conversation":"3:7","limit":0})")
            << QStringLiteral("limit must be 1 to 100");
    QTest::newRow("chat mark read without upToId")
            << Protocol::Type::MarkRead << json(R"({"conversation":"3:7"})")
            << QStringLiteral("\"upToId\" is required");
    QTest::newRow("chat ack not an array")
            << Protocol::Type::AckDelivery << json(R"({"messageIds":5})")
            << QStringLiteral("must be an array");
    // Found by tests/fuzz/fuzz_requests: the limit became an int before the range check, so
    // 4294967297 (2^32 + 1) passed as 1.
    QTest::newRow("audit log limit past int")
            << Protocol::Type::AuditLog << json(R"({"limit":4294967297})")
            << QStringLiteral("between 1 and 200");
    QTest::newRow("audit log limit zero") << Protocol::Type::AuditLog << json(R"({"limit":0})")
                                          << QStringLiteral("between 1 and 200");
    QTest::newRow("chat ack too many")
            << Protocol::Type::AckDelivery
            << QJsonObject{{QStringLiteral("messageIds"),
                            QJsonArray::fromVariantList(QVariantList(101, 1))}}
            << QStringLiteral("at most 100 ids");
}

void tst_Protocol::requestRejects()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, data);
    QFETCH(QString, messagePart);
    Error error;
    auto check = [&](const auto &parsed) {
        QVERIFY(!parsed);
        error = parsed.error();
    };
    if (type == Protocol::Type::Hello)
        check(HelloRequest::fromJson(data));
    else if (type == Protocol::Type::Register)
        check(RegisterRequest::fromJson(data));
    else if (type == Protocol::Type::Login)
        check(LoginRequest::fromJson(data));
    else if (type == Protocol::Type::Resume)
        check(ResumeRequest::fromJson(data));
    else if (type == Protocol::Type::ChangePassword)
        check(ChangePasswordRequest::fromJson(data));
    else if (type == Protocol::Type::Subscribe)
        check(SubscribeRequest::fromJson(data));
    else if (type == Protocol::Type::Unsubscribe)
        check(UnsubscribeRequest::fromJson(data));
    else if (type == Protocol::Type::SetPresence)
        check(SetPresenceRequest::fromJson(data));
    else if (type == Protocol::Type::SendMessage)
        check(SendMessageRequest::fromJson(data));
    else if (type == Protocol::Type::ChatHistory)
        check(ChatHistoryRequest::fromJson(data));
    else if (type == Protocol::Type::MarkRead)
        check(MarkReadRequest::fromJson(data));
    else if (type == Protocol::Type::AckDelivery)
        check(AckDeliveryRequest::fromJson(data));
    else if (type == Protocol::Type::AuditLog)
        check(AuditLogRequest::fromJson(data));
    else
        QFAIL("no parser for this type");
    QCOMPARE(error.code, ErrorCode::BadRequest);
    QVERIFY2(error.message.contains(messagePart), qPrintable(error.message));
}

void tst_Protocol::registerNormalizes()
{
    const auto parsed = RegisterRequest::fromJson(json(
            R"({"username":"  Alice.B ","password":"12345678","displayName":"  Alice B  ","city":" Köln "})"));
    QVERIFY(parsed);
    QCOMPARE(parsed->username, QStringLiteral("alice.b"));
    QCOMPARE(parsed->displayName, QStringLiteral("Alice B"));
    QCOMPARE(parsed->city, QStringLiteral("Köln"));
    QCOMPARE(LoginRequest::fromJson(json(R"({"username":"ALICE.B","password":"x"})"))->username,
             QStringLiteral("alice.b"));
}

void tst_Protocol::chatRequestsRoundTrip()
{
    const auto send = SendMessageRequest::fromJson(
            json(R"({"clientId":"c1","to":7,"text":"  tea at four?  "})"));
    QVERIFY(send);
    QCOMPARE(send->text, QStringLiteral("tea at four?"));
    const auto sendBack = SendMessageRequest::fromJson(send->toJson());
    QVERIFY(sendBack);
    QCOMPARE(sendBack->clientId, QStringLiteral("c1"));
    QCOMPARE(sendBack->to, 7);
    QCOMPARE(sendBack->text, send->text);

    const auto history = ChatHistoryRequest::fromJson(json(R"({"conversation":"3:7"})"));
    QVERIFY(history);
    QCOMPARE(history->users, ConversationUsers(3, 7));
    QVERIFY(!history->beforeId);
    QVERIFY(!history->limit); // the server's default
    const auto page = ChatHistoryRequest::fromJson(ChatHistoryRequest{{3, 7}, 40, 25}.toJson());
    QVERIFY(page);
    QCOMPARE(page->beforeId.value_or(0), 40);
    QCOMPARE(page->limit.value_or(0), 25);

    const auto read = MarkReadRequest::fromJson(MarkReadRequest{{3, 7}, 12}.toJson());
    QVERIFY(read);
    QCOMPARE(read->users, ConversationUsers(3, 7));
    QCOMPARE(read->upToId, 12);

    const auto ack = AckDeliveryRequest::fromJson(AckDeliveryRequest{{4, 9}}.toJson());
    QVERIFY(ack);
    QCOMPARE(ack->messageIds, QList<qint64>({4, 9}));
}

void tst_Protocol::userFeedTopicNames_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<qint64>("userId"); // 0: no user feed

    QTest::newRow("canonical") << QStringLiteral("facts.user.6") << qint64(6);
    QTest::newRow("large id") << QStringLiteral("facts.user.9007199254740991")
                              << qint64(9007199254740991);
    // Found by tests/fuzz/fuzz_requests: these subscribed to user 6's feed, whose replies
    // and events then came under the name "facts.user.6".
    QTest::newRow("leading zero") << QStringLiteral("facts.user.06") << qint64(0);
    QTest::newRow("plus sign") << QStringLiteral("facts.user.+6") << qint64(0);
    QTest::newRow("leading space") << QStringLiteral("facts.user. 6") << qint64(0);
    QTest::newRow("trailing space") << QStringLiteral("facts.user.6 ") << qint64(0);
    QTest::newRow("zero") << QStringLiteral("facts.user.0") << qint64(0);
    QTest::newRow("negative") << QStringLiteral("facts.user.-6") << qint64(0);
    QTest::newRow("no id") << QStringLiteral("facts.user.") << qint64(0);
    QTest::newRow("other topic") << QStringLiteral("facts.community") << qint64(0);
}

void tst_Protocol::userFeedTopicNames()
{
    QFETCH(QString, topic);
    QFETCH(qint64, userId);
    QCOMPARE(Protocol::Topic::userFactsId(topic).value_or(0), userId);
    if (userId)
        QCOMPARE(Protocol::Topic::userFacts(userId), topic);
}

// Found by tests/fuzz/fuzz_requests: a widget position became an int, so 4294967298 moved a
// widget to 2 and 2147483648 was "negative". Past the end means last, whatever the number.
void tst_Protocol::numbersAreNotCut()
{
    for (const qint64 position : {qint64(2), qint64(2147483648), qint64(4294967298)}) {
        const QJsonObject data{{QStringLiteral("hubId"), 1},
                               {QStringLiteral("widgetId"), 2},
                               {QStringLiteral("position"), position}};
        const auto move = HubEdit::fromJson(Protocol::Type::MoveWidget, data);
        QVERIFY2(move, qPrintable(move ? QString() : move.error().message));
        QCOMPARE(move->position, position);
        QCOMPARE(move->toJson(), data);
        const auto add = HubEdit::fromJson(Protocol::Type::AddWidget,
                                           {{QStringLiteral("hubId"), 1},
                                            {QStringLiteral("kind"), QStringLiteral("stats")},
                                            {QStringLiteral("position"), position}});
        QVERIFY(add);
        QCOMPARE(add->position, position);
    }
    const auto audit = AuditLogRequest::fromJson(json(R"({"limit":200})"));
    QVERIFY(audit);
    QCOMPARE(audit->limit, 200);
}

void tst_Protocol::presenceEventsRoundTrip()
{
    PresenceChange joined{Protocol::PresenceEvent::Joined, alice.id,
                          OnlineUser{alice, PresenceState::Online}, PresenceState::Online};
    const auto joinedBack = PresenceChange::fromJson(joined.toJson());
    QVERIFY(joinedBack);
    QCOMPARE(joinedBack->user->user, alice);

    PresenceChange away{Protocol::PresenceEvent::StateChanged, alice.id, std::nullopt,
                        PresenceState::Away};
    QCOMPARE(PresenceChange::fromJson(away.toJson())->state, PresenceState::Away);

    PresenceChange left{Protocol::PresenceEvent::Left, alice.id, std::nullopt,
                        PresenceState::Online};
    QCOMPARE(PresenceChange::fromJson(left.toJson())->userId, alice.id);
    QVERIFY(!left.toJson().contains(QStringLiteral("state")));

    QVERIFY(!PresenceChange::fromJson(json(R"({"kind":"joined","userId":1,"state":"online"})")));
    QVERIFY(!PresenceChange::fromJson(json(R"({"kind":"exploded","userId":1})")));
}

void tst_Protocol::subscribeReplyShapes()
{
    SubscribeReply withSnapshot{Protocol::Topic::Presence,
                                {QStringLiteral("ep"), 5},
                                QJsonObject{{QStringLiteral("users"), QJsonArray{}}},
                                {}};
    auto back = SubscribeReply::fromJson(withSnapshot.toJson());
    QVERIFY(back);
    QVERIFY(back->snapshot);
    QCOMPARE(back->position, withSnapshot.position);

    SubscribeReply withEvents{
            Protocol::Topic::Presence,
            {QStringLiteral("ep"), 7},
            std::nullopt,
            {QJsonObject{{QStringLiteral("seq"), 6}}, QJsonObject{{QStringLiteral("seq"), 7}}}};
    back = SubscribeReply::fromJson(withEvents.toJson());
    QVERIFY(back);
    QVERIFY(!back->snapshot);
    QCOMPARE(back->events.size(), 2);
    QVERIFY(!SubscribeReply::fromJson(json(R"({"topic":"presence","epoch":"e","seq":1})")));
}

void tst_Protocol::validationLimits_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<bool>("valid");
    QTest::newRow("shortest") << QStringLiteral("abc") << true;
    QTest::newRow("longest") << QString(32, QLatin1Char('a')) << true;
    QTest::newRow("too long") << QString(33, QLatin1Char('a')) << false;
    QTest::newRow("punctuation") << QStringLiteral("a.b_c-d") << true;
    QTest::newRow("leading dot") << QStringLiteral(".abc") << false;
    QTest::newRow("umlaut") << QStringLiteral("jürgen") << false;
}

void tst_Protocol::validationLimits()
{
    QFETCH(QString, username);
    QFETCH(bool, valid);
    QCOMPARE(!Validation::checkUsername(username).has_value(), valid);
}

QTEST_GUILESS_MAIN(tst_Protocol)
#include "tst_protocol.moc"
