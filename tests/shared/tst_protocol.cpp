// SPDX-License-Identifier: MIT
// Protocol v1 as hallway-shared reads it. Driven by the lists the library declares
// (Protocol::requestTypes(), allErrorCodes()), so that a new request type or error code without
// rows here fails everyRequestTypeIsCovered or everyErrorCodeIsCovered. For every request type:
// data it accepts parses and, written out again, parses to the same JSON; for each type that
// takes data, some wrong data is refused with bad_request and a message naming the problem. For
// every error code: its wire name, and an error envelope with and without retryAfterMs. Also:
// what the envelope reader refuses and which id its error may carry; the results, events and
// snapshots that protocolcatalog.h has a reader for, read back with the same member names; topic
// names of user feeds; username limits.
#include "chatmessages.h"
#include "envelope.h"
#include "hub.h"
#include "messages.h"
#include "moderation.h"
#include "protocol.h"
#include "protocolcatalog.h"
#include "talkmessages.h"
#include "validation.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Hallway;
using Hallway::Test::readRequest;
using Hallway::Test::readResult;

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

// Data each request type accepts, every field filled in that the type knows.
const QHash<QString, const char *> &acceptedRequests()
{
    namespace Type = Protocol::Type;
    static const QHash<QString, const char *> requests = {
            {Type::Hello, R"({"protocol":1,"client":"hallway/0.1.0"})"},
            {Type::Register,
             R"({"username":"alice","displayName":"Alice","password":"12345678","city":"Oxford","region":"England"})"},
            {Type::Login, R"({"username":"alice","password":"x"})"},
            {Type::Resume, R"({"token":"W130FiciZYzlTUMXtQPdqTIGoa5jmwn4R6ZDwoarDxA"})"},
            {Type::Logout, "{}"},
            {Type::ChangePassword, R"({"currentPassword":"old","newPassword":"new-password"})"},
            {Type::Subscribe, R"({"topic":"presence","since":{"epoch":"e","seq":3}})"},
            {Type::Unsubscribe, R"({"topic":"facts.user.12"})"},
            {Type::SetPresence, R"({"state":"away"})"},
            {Type::PostFact, R"({"clientId":"c1","text":"I collect keyboards"})"},
            {Type::ListFacts, R"({"userId":12,"beforeId":300,"limit":5})"},
            {Type::GetUser, R"({"userId":12})"},
            {Type::ProposeTalk, R"({"clientId":"t1","title":"Vim","abstract":"Modes"})"},
            {Type::EditTalk, R"({"talkId":4,"title":"Vim, again","abstract":""})"},
            {Type::WithdrawTalk, R"({"talkId":4})"},
            {Type::ToggleVote, R"({"clientId":"v1","talkId":4})"},
            {Type::MyVotes, "{}"},
            {Type::SetVoting, R"({"open":false})"},
            {Type::HideTalk, R"({"talkId":4,"hidden":true})"},
            {Type::ListTalks, "{}"},
            {Type::ExportTalks, "{}"},
            {Type::SendMessage, R"({"clientId":"m1","to":30,"text":"tea?"})"},
            {Type::ChatHistory, R"({"conversation":"12:30","beforeId":99,"limit":15})"},
            {Type::Conversations, "{}"},
            {Type::MarkRead, R"({"conversation":"12:30","upToId":99})"},
            {Type::AckDelivery, R"({"messageIds":[98,99]})"},
            {Type::SetRole, R"({"userId":30,"role":"moderator"})"},
            {Type::HideFact, R"({"factId":311,"hidden":false})"},
            {Type::Mute, R"({"userId":30,"seconds":600})"},
            {Type::Ban, R"({"userId":30,"banned":true})"},
            {Type::Announce, R"({"clientId":"a1","text":"Lunch is served"})"},
            {Type::AuditLog, R"({"beforeId":40,"limit":20})"},
            {Type::RestrictedUsers, "{}"},
            {Type::CreateHub, R"({"name":"Track A"})"},
            {Type::RenameHub, R"({"hubId":2,"name":"Track B"})"},
            {Type::DeleteHub, R"({"hubId":2})"},
            {Type::AddWidget, R"({"hubId":2,"kind":"talks","config":{"limit":8},"position":0})"},
            {Type::RemoveWidget, R"({"hubId":2,"widgetId":5})"},
            {Type::MoveWidget, R"({"hubId":2,"widgetId":5,"position":1})"},
            {Type::ConfigureWidget, R"({"hubId":2,"widgetId":5,"config":{"limit":3}})"},
    };
    return requests;
}

// Data each request type refuses, and a part of the message that names the problem.
struct Rejection {
    QString name;
    QString type;
    QJsonObject data;
    QString messagePart;
};

QList<Rejection> rejections()
{
    namespace Type = Protocol::Type;
    const auto row = [](const char *name, const QString &type, const QJsonObject &data,
                        const char *messagePart) {
        return Rejection{QString::fromUtf8(name), type, data, QString::fromUtf8(messagePart)};
    };
    return {
            row("hello without protocol", Type::Hello, {}, "\"protocol\" is required"),
            row("hello protocol string", Type::Hello, json(R"({"protocol":"1"})"), "integer"),
            row("hello protocol fraction", Type::Hello, json(R"({"protocol":1.5})"), "integer"),
            row("register no username", Type::Register,
                json(R"({"password":"12345678","displayName":"A"})"), "\"username\" is required"),
            row("register username number", Type::Register,
                json(R"({"username":5,"password":"12345678","displayName":"A"})"),
                "must be a string"),
            row("register short username", Type::Register,
                json(R"({"username":"ab","password":"12345678","displayName":"A"})"), "3 to 32"),
            row("register bad characters", Type::Register,
                json(R"({"username":"a b!","password":"12345678","displayName":"A"})"),
                "may contain only"),
            row("register short password", Type::Register,
                json(R"({"username":"abc","password":"short","displayName":"A"})"), "at least 8"),
            row("register blank display name", Type::Register,
                json(R"({"username":"abc","password":"12345678","displayName":"   "})"),
                "display name must not be empty"),
            row("register control characters", Type::Register,
                json("{\"username\":\"abc\",\"password\":\"12345678\",\"displayName\":"
                     "\"A\\u0007B\"}"),
                "control characters"),
            row("register long city", Type::Register,
                {{QStringLiteral("username"), QStringLiteral("abc")},
                 {QStringLiteral("password"), QStringLiteral("12345678")},
                 {QStringLiteral("displayName"), QStringLiteral("A")},
                 {QStringLiteral("city"), QString(65, QLatin1Char('c'))}},
                "city must be at most 64"),
            row("register region not string", Type::Register,
                json(R"({"username":"abc","password":"12345678","displayName":"A","region":[]})"),
                "\"region\" must be a string"),
            row("login no password", Type::Login, json(R"({"username":"abc"})"),
                "\"password\" is required"),
            row("login empty username", Type::Login, json(R"({"username":"","password":"x"})"),
                "username must be"),
            row("resume no token", Type::Resume, {}, "\"token\" is required"),
            row("resume empty token", Type::Resume, json(R"({"token":""})"), "token must be"),
            row("change password short", Type::ChangePassword,
                json(R"({"currentPassword":"x","newPassword":"short"})"),
                "new password must be at least"),
            row("change password missing", Type::ChangePassword,
                json(R"({"newPassword":"long-enough"})"), "\"currentPassword\" is required"),
            row("subscribe no topic", Type::Subscribe, {}, "\"topic\" is required"),
            row("subscribe since not object", Type::Subscribe,
                json(R"({"topic":"presence","since":3})"), "\"since\" must be an object"),
            row("subscribe since without seq", Type::Subscribe,
                json(R"({"topic":"presence","since":{"epoch":"x"}})"), "\"seq\" is required"),
            row("subscribe negative seq", Type::Subscribe,
                json(R"({"topic":"presence","since":{"epoch":"x","seq":-1}})"), "negative"),
            row("unsubscribe topic number", Type::Unsubscribe, json(R"({"topic":1})"),
                "must be a string"),
            row("presence unknown state", Type::SetPresence, json(R"({"state":"busy"})"),
                "\"online\" or \"away\""),
            row("presence state bool", Type::SetPresence, json(R"({"state":true})"),
                "must be a string"),
            row("fact blank", Type::PostFact, json(R"({"clientId":"c1","text":"  "})"),
                "a fact must not be empty"),
            row("fact without client id", Type::PostFact, json(R"({"text":"hi"})"),
                "\"clientId\" is required"),
            row("fact list without user", Type::ListFacts, {}, "\"userId\" is required"),
            row("fact list limit too large", Type::ListFacts, json(R"({"userId":1,"limit":101})"),
                "limit must be 1 to 100"),
            row("user id as text", Type::GetUser, json(R"({"userId":"12"})"),
                "\"userId\" must be an integer"),
            row("talk without title", Type::ProposeTalk, json(R"({"clientId":"t1"})"),
                "\"title\" is required"),
            row("talk abstract too long", Type::ProposeTalk,
                {{QStringLiteral("clientId"), QStringLiteral("t1")},
                 {QStringLiteral("title"), QStringLiteral("T")},
                 {QStringLiteral("abstract"), QString(2001, QLatin1Char('a'))}},
                "at most 2000 characters"),
            row("talk edit changing nothing", Type::EditTalk, json(R"({"talkId":4})"),
                "an edit needs \"title\" or \"abstract\""),
            row("talk edit blank title", Type::EditTalk, json(R"({"talkId":4,"title":" "})"),
                "a talk needs a title"),
            row("talk withdraw without id", Type::WithdrawTalk, {}, "\"talkId\" is required"),
            row("vote without client id", Type::ToggleVote, json(R"({"talkId":4})"),
                "\"clientId\" is required"),
            row("voting without open", Type::SetVoting, {}, "\"open\" is required"),
            row("voting open as 1", Type::SetVoting, json(R"({"open":1})"),
                "\"open\" must be true or false"),
            row("voting open as text", Type::SetVoting, json(R"({"open":"true"})"),
                "\"open\" must be true or false"),
            row("hide talk as 0", Type::HideTalk, json(R"({"talkId":4,"hidden":0})"),
                "\"hidden\" must be true or false"),
            row("hide talk without hidden", Type::HideTalk, json(R"({"talkId":4})"),
                "\"hidden\" is required"),
            row("chat send without to", Type::SendMessage, json(R"({"clientId":"c1","text":"hi"})"),
                "\"to\" is required"),
            row("chat send blank text", Type::SendMessage,
                json(R"({"clientId":"c1","to":3,"text":"  "})"), "must not be empty"),
            row("chat send long text", Type::SendMessage,
                {{QStringLiteral("clientId"), QStringLiteral("c1")},
                 {QStringLiteral("to"), 3},
                 {QStringLiteral("text"), QString(4001, QLatin1Char('m'))}},
                "at most 4000 characters; this one has 4001"),
            row("chat send empty client id", Type::SendMessage,
                json(R"({"clientId":"","to":3,"text":"hi"})"), "clientId must be"),
            row("chat history larger id first", Type::ChatHistory,
                json(R"({"conversation":"7:3"})"), "must look like \"3:7\""),
            row("chat history limit zero", Type::ChatHistory,
                json(R"({"conversation":"3:7","limit":0})"), "limit must be 1 to 100"),
            row("chat mark read without upToId", Type::MarkRead, json(R"({"conversation":"3:7"})"),
                "\"upToId\" is required"),
            row("chat ack not an array", Type::AckDelivery, json(R"({"messageIds":5})"),
                "must be an array"),
            row("chat ack without ids", Type::AckDelivery, {}, "\"messageIds\" is required"),
            // Each id must be one: ["x"] was read as [0] and acknowledged nothing.
            row("chat ack text id", Type::AckDelivery, json(R"({"messageIds":["x"]})"),
                "each of \"messageIds\" must be an integer"),
            row("chat ack fraction id", Type::AckDelivery, json(R"({"messageIds":[1,2.5]})"),
                "each of \"messageIds\" must be an integer"),
            row("chat ack too many", Type::AckDelivery,
                {{QStringLiteral("messageIds"), QJsonArray::fromVariantList(QVariantList(101, 1))}},
                "at most 100 ids"),
            row("role unknown", Type::SetRole, json(R"({"userId":3,"role":"admin"})"),
                "\"attendee\" or \"moderator\""),
            row("hide fact hidden as text", Type::HideFact,
                json(R"({"factId":3,"hidden":"false"})"), "\"hidden\" must be true or false"),
            row("mute too long", Type::Mute, json(R"({"userId":3,"seconds":604801})"),
                "between 0 and 604800"),
            row("ban banned as 1", Type::Ban, json(R"({"userId":3,"banned":1})"),
                "\"banned\" must be true or false"),
            row("announce blank", Type::Announce, json(R"({"clientId":"a1","text":" "})"),
                "cannot be empty"),
            // Found by tests/fuzz/fuzz_requests: the limit became an int before the range check,
            // so 4294967297 (2^32 + 1) passed as 1.
            row("audit log limit past int", Type::AuditLog, json(R"({"limit":4294967297})"),
                "between 1 and 200"),
            row("audit log limit zero", Type::AuditLog, json(R"({"limit":0})"),
                "between 1 and 200"),
            row("hub without name", Type::CreateHub, {}, "\"name\" is required"),
            row("hub name too long", Type::RenameHub,
                {{QStringLiteral("hubId"), 1},
                 {QStringLiteral("name"), QString(61, QLatin1Char('h'))}},
                "at most 60 characters"),
            row("hub delete without id", Type::DeleteHub, {}, "\"hubId\" is required"),
            row("widget of no kind", Type::AddWidget, json(R"({"hubId":1,"kind":"clock"})"),
                "no widget kind \"clock\""),
            row("widget limit out of range", Type::AddWidget,
                json(R"({"hubId":1,"kind":"talks","config":{"limit":51}})"), "between 1 and 50"),
            row("remove widget without id", Type::RemoveWidget, json(R"({"hubId":1})"),
                "\"widgetId\" is required"),
            row("move widget to negative", Type::MoveWidget,
                json(R"({"hubId":1,"widgetId":2,"position":-1})"), "cannot be negative"),
            row("configure without widget", Type::ConfigureWidget, json(R"({"hubId":1})"),
                "\"widgetId\" is required"),
    };
}

// The stable wire names of the error codes (docs/protocol.md, "Error codes").
const QHash<ErrorCode, QString> &wireNames()
{
    static const QHash<ErrorCode, QString> names = {
            {ErrorCode::BadRequest, QStringLiteral("bad_request")},
            {ErrorCode::Unauthorized, QStringLiteral("unauthorized")},
            {ErrorCode::Forbidden, QStringLiteral("forbidden")},
            {ErrorCode::NotFound, QStringLiteral("not_found")},
            {ErrorCode::Conflict, QStringLiteral("conflict")},
            {ErrorCode::RateLimited, QStringLiteral("rate_limited")},
            {ErrorCode::Muted, QStringLiteral("muted")},
            {ErrorCode::TooLarge, QStringLiteral("too_large")},
            {ErrorCode::Unavailable, QStringLiteral("unavailable")},
            {ErrorCode::Internal, QStringLiteral("internal")},
    };
    return names;
}

} // namespace

class tst_Protocol : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void envelopeRoundTrip_data();
    void envelopeRoundTrip();
    void envelopeRejects_data();
    void envelopeRejects();
    void nullIdOnlyFromTheServer();
    void everyErrorCodeIsCovered();
    void errorEnvelopeCarriesCode_data();
    void errorEnvelopeCarriesCode();

    void everyRequestTypeIsCovered_data();
    void everyRequestTypeIsCovered();
    void requestAccepted_data();
    void requestAccepted();
    void requestRejects_data();
    void requestRejects();
    void talkEditKeepsWhatItDoesNotName();
    void resultsRead_data();
    void resultsRead();
    void eventsRead_data();
    void eventsRead();
    void messagesRoundTrip();
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
    QTest::addColumn<bool>("idReadable"); // the error reply may carry the frame's id
    QTest::newRow("not JSON") << QByteArray("{type: hello") << QStringLiteral("malformed JSON")
                              << false;
    QTest::newRow("empty") << QByteArray("") << QStringLiteral("malformed JSON") << false;
    QTest::newRow("two values") << QByteArray("1 2") << QStringLiteral("malformed JSON") << false;
    QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("JSON object") << false;
    // Valid JSON, just not an object: reported as such, not as malformed JSON.
    QTest::newRow("number") << QByteArray("42") << QStringLiteral("JSON object") << false;
    QTest::newRow("string") << QByteArray(R"("hello")") << QStringLiteral("JSON object") << false;
    QTest::newRow("null") << QByteArray("null") << QStringLiteral("JSON object") << false;
    QTest::newRow("true") << QByteArray(" true ") << QStringLiteral("JSON object") << false;
    QTest::newRow("no type") << QByteArray(R"({"id":1,"data":{}})") << QStringLiteral("\"type\"")
                             << true;
    QTest::newRow("type not string")
            << QByteArray(R"({"id":"r1","type":5})") << QStringLiteral("\"type\"") << true;
    QTest::newRow("empty type") << QByteArray(R"({"id":2,"type":""})") << QStringLiteral("\"type\"")
                                << true;
    QTest::newRow("data not object") << QByteArray(R"({"id":3,"type":"hello","data":[1]})")
                                     << QStringLiteral("\"data\"") << true;
    QTest::newRow("id object") << QByteArray(R"({"type":"hello","id":{}})")
                               << QStringLiteral("\"id\"") << false;
    QTest::newRow("id fraction") << QByteArray(R"({"type":"hello","id":1.5})")
                                 << QStringLiteral("\"id\"") << false;
    QTest::newRow("id too long") << (QByteArray(R"({"type":"hello","id":")") + QByteArray(65, 'x')
                                     + "\"}")
                                 << QStringLiteral("\"id\"") << false;
    // null is what the server answers unreadable frames with; a request may not use it.
    QTest::newRow("id null") << QByteArray(R"({"type":"hello","id":null})")
                             << QStringLiteral("\"id\"") << false;
    QTest::newRow("id empty") << QByteArray(R"({"type":"hello","id":""})")
                              << QStringLiteral("\"id\"") << false;
}

void tst_Protocol::envelopeRejects()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, messagePart);
    QFETCH(bool, idReadable);
    QJsonValue requestId = QJsonValue::Undefined;
    const auto decoded = Envelope::requestFromJson(frame, &requestId);
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().code, ErrorCode::BadRequest);
    QVERIFY2(decoded.error().message.contains(messagePart), qPrintable(decoded.error().message));
    QCOMPARE(!requestId.isUndefined(), idReadable);
}

void tst_Protocol::nullIdOnlyFromTheServer()
{
    const QByteArray unreadable =
            Envelope::error(QJsonValue::Null, badRequest(QStringLiteral("malformed"))).toJson();
    QVERIFY(unreadable.contains("\"id\":null"));
    // A client reads the server's reply to an unreadable frame...
    const auto reply = Envelope::fromJson(unreadable);
    QVERIFY(reply);
    QVERIFY(reply->id.isNull());
    // ...but the server refuses a request that uses the same id.
    QVERIFY(!Envelope::requestFromJson(R"({"type":"hello","id":null,"data":{"protocol":1}})"));
    // An absent id is allowed (the reply has none).
    const auto anonymous = Envelope::requestFromJson(R"({"type":"hello","data":{"protocol":1}})");
    QVERIFY(anonymous);
    QVERIFY(anonymous->id.isUndefined());
}

void tst_Protocol::everyErrorCodeIsCovered()
{
    const QList<ErrorCode> declared = allErrorCodes();
    QCOMPARE(QSet<ErrorCode>(declared.cbegin(), declared.cend()).size(), wireNames().size());
    for (const ErrorCode code : declared)
        QVERIFY2(wireNames().contains(code),
                 qPrintable(QStringLiteral("no wire name here for %1").arg(errorCodeName(code))));
}

void tst_Protocol::errorEnvelopeCarriesCode_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("wireName");
    for (const ErrorCode code : allErrorCodes())
        QTest::newRow(qPrintable(wireNames().value(code))) << code << wireNames().value(code);
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
    QCOMPARE(decoded->data.keys(),
             QStringList({QStringLiteral("code"), QStringLiteral("message")}));
    QCOMPARE(decoded->toError(), (Error{code, QStringLiteral("why")}));
    // The wait of rate_limited, muted and unavailable, as a third member.
    const Error waiting{code, QStringLiteral("wait"), 1500};
    const auto withWait = Envelope::fromJson(Envelope::error(2, waiting).toJson());
    QVERIFY(withWait);
    QCOMPARE(withWait->data.value(QStringLiteral("retryAfterMs")).toInteger(), 1500);
    QCOMPARE(withWait->toError(), waiting);
}

void tst_Protocol::everyRequestTypeIsCovered_data()
{
    QTest::addColumn<QString>("type");
    for (const QString &type : Protocol::requestTypes())
        QTest::newRow(qPrintable(type)) << type;
}

void tst_Protocol::everyRequestTypeIsCovered()
{
    QFETCH(QString, type);
    QVERIFY2(Hallway::Test::requestTypesWithReaders().contains(type),
             "no reader in tests/shared/protocolcatalog.cpp");
    QVERIFY2(acceptedRequests().contains(type), "no row in acceptedRequests()");
    if (Hallway::Test::requestTakesNoData(type))
        return;
    const QList<Rejection> refused = rejections();
    QVERIFY2(std::any_of(refused.cbegin(), refused.cend(),
                         [&type](const Rejection &row) { return row.type == type; }),
             "no row in rejections()");
}

void tst_Protocol::requestAccepted_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("data");
    for (auto it = acceptedRequests().cbegin(); it != acceptedRequests().cend(); ++it)
        QTest::newRow(qPrintable(it.key())) << it.key() << json(it.value());
}

void tst_Protocol::requestAccepted()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, data);
    const auto read = readRequest(type, data);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
    // Every field given is one the parser knows: it writes it out again.
    const QSet<QString> written = Hallway::Test::memberPaths(read.value());
    for (const QString &path : Hallway::Test::memberPaths(data))
        QVERIFY2(written.contains(path), qPrintable(path));
    // What it writes parses to the same again.
    const auto again = readRequest(type, read.value());
    QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
    QCOMPARE(again.value(), read.value());
}

void tst_Protocol::requestRejects_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QString>("messagePart");
    for (const Rejection &row : rejections())
        QTest::newRow(qPrintable(row.name)) << row.type << row.data << row.messagePart;
}

void tst_Protocol::requestRejects()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, data);
    QFETCH(QString, messagePart);
    const auto read = readRequest(type, data);
    QVERIFY(!read);
    QCOMPARE(read.error().code, ErrorCode::BadRequest);
    QVERIFY2(read.error().message.contains(messagePart), qPrintable(read.error().message));
}

void tst_Protocol::talkEditKeepsWhatItDoesNotName()
{
    const auto titleOnly = EditTalkRequest::fromJson(json(R"({"talkId":4,"title":" New "})"));
    QVERIFY(titleOnly);
    QCOMPARE(titleOnly->title, std::optional<QString>(QStringLiteral("New")));
    QVERIFY(!titleOnly->abstract); // kept as it is, not erased
    QVERIFY(!titleOnly->toJson().contains(QStringLiteral("abstract")));
    const auto cleared =
            EditTalkRequest::fromJson(json(R"({"talkId":4,"title":null,"abstract":""})"));
    QVERIFY(cleared);
    QVERIFY(!cleared->title);
    QCOMPARE(cleared->abstract, std::optional<QString>(QString()));
}

void tst_Protocol::resultsRead_data()
{
    namespace Type = Protocol::Type;
    QTest::addColumn<QString>("requestType");
    QTest::addColumn<QJsonObject>("data");
    const QJsonObject user = alice.toJson();
    const QJsonObject fact = json(
            R"({"id":311,"author":{"id":7,"username":"alice","displayName":"Alice"},"text":"hi","createdAt":1,"clientId":"c1"})");
    const QJsonObject talk = json(
            R"({"id":4,"speaker":{"id":7,"username":"alice","displayName":"Alice"},"title":"Vim","abstract":"","votes":2,"hidden":false,"createdAt":1})");
    QTest::newRow("hello")
            << Type::Hello
            << json(R"({"protocol":1,"server":"hallway-server/0.1.0","maxMessageBytes":65536})");
    QTest::newRow("session") << Type::Login
                             << QJsonObject{{QStringLiteral("token"), QStringLiteral("t")},
                                            {QStringLiteral("user"), user}};
    QTest::newRow("resumed") << Type::Resume << QJsonObject{{QStringLiteral("user"), user}};
    QTest::newRow("nothing to return") << Type::Logout << QJsonObject();
    QTest::newRow("snapshot")
            << Type::Subscribe
            << json(R"({"topic":"presence","epoch":"e","seq":4,"snapshot":{"users":[{"id":7,"username":"alice","displayName":"A","city":"","region":"","role":"attendee","state":"away"}]}})");
    QTest::newRow("catch-up")
            << Type::Subscribe
            << json(R"({"topic":"talks","epoch":"e","seq":5,"events":[{"seq":5,"data":{"kind":"voting","open":false}}]})");
    QTest::newRow("fact posted") << Type::PostFact
                                 << QJsonObject{{QStringLiteral("fact"), fact},
                                                {QStringLiteral("duplicate"), false}};
    QTest::newRow("fact page") << Type::ListFacts
                               << QJsonObject{{QStringLiteral("facts"), QJsonArray{fact}},
                                              {QStringLiteral("hasMore"), true}};
    QTest::newRow("profile") << Type::GetUser
                             << QJsonObject{{QStringLiteral("user"), user},
                                            {QStringLiteral("presence"), QStringLiteral("away")}};
    QTest::newRow("vote") << Type::ToggleVote
                          << json(R"({"talkId":4,"voted":true,"votes":3,"duplicate":false})");
    QTest::newRow("my votes") << Type::MyVotes << json(R"({"talkIds":[4,9]})");
    QTest::newRow("talk list") << Type::ListTalks
                               << QJsonObject{{QStringLiteral("votingOpen"), true},
                                              {QStringLiteral("talks"), QJsonArray{talk}}};
    QTest::newRow("muted") << Type::Mute
                           << QJsonObject{{QStringLiteral("user"), user},
                                          {QStringLiteral("banned"), false},
                                          {QStringLiteral("mutedUntil"), qint64(1795890600000)}};
}

// The shapes of results that hallway-shared reads: read and written again with the same names.
void tst_Protocol::resultsRead()
{
    QFETCH(QString, requestType);
    QFETCH(QJsonObject, data);
    const auto read = readResult(requestType, data);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
    QCOMPARE(Hallway::Test::memberPaths(read.value()), Hallway::Test::memberPaths(data));
}

void tst_Protocol::eventsRead_data()
{
    namespace Topic = Protocol::Topic;
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<bool>("snapshot"); // the topic's snapshot rather than an event
    const QJsonObject fact = json(
            R"({"id":311,"author":{"id":7,"username":"alice","displayName":"Alice"},"text":"hi","createdAt":1,"clientId":"c1"})");
    const QJsonObject talk = json(
            R"({"id":4,"speaker":{"id":7,"username":"alice","displayName":"Alice"},"title":"Vim","abstract":"","votes":2,"hidden":false,"createdAt":1})");
    QTest::newRow("joined") << Topic::Presence
                            << PresenceChange{Protocol::PresenceEvent::Joined, alice.id,
                                              OnlineUser{alice, PresenceState::Online},
                                              PresenceState::Online}
                                       .toJson()
                            << false;
    QTest::newRow("left") << Topic::Presence << json(R"({"kind":"left","userId":7})") << false;
    QTest::newRow("state") << Topic::Presence
                           << json(R"({"kind":"state","userId":7,"state":"away"})") << false;
    QTest::newRow("posted") << Topic::CommunityFacts
                            << QJsonObject{{QStringLiteral("kind"), QStringLiteral("posted")},
                                           {QStringLiteral("facts"), QJsonArray{fact}}}
                            << false;
    QTest::newRow("removed fact") << Topic::userFacts(7)
                                  << json(R"({"kind":"removed","factIds":[311]})") << false;
    QTest::newRow("talk") << Topic::Talks
                          << QJsonObject{{QStringLiteral("kind"), QStringLiteral("talk")},
                                         {QStringLiteral("talk"), talk}}
                          << false;
    QTest::newRow("removed talk") << Topic::Talks << json(R"({"kind":"removed","talkId":4})")
                                  << false;
    QTest::newRow("tallies") << Topic::Talks
                             << json(R"({"kind":"tallies","tallies":[{"talkId":4,"votes":3}]})")
                             << false;
    QTest::newRow("voting") << Topic::Talks << json(R"({"kind":"voting","open":true})") << false;
    QTest::newRow("presence snapshot")
            << Topic::Presence
            << QJsonObject{{QStringLiteral("users"),
                            QJsonArray{OnlineUser{alice, PresenceState::Away}.toJson()}}}
            << true;
    QTest::newRow("user feed snapshot") << Topic::userFacts(7)
                                        << QJsonObject{{QStringLiteral("facts"), QJsonArray{fact}},
                                                       {QStringLiteral("hasMore"), false}}
                                        << true;
    QTest::newRow("talks snapshot") << Topic::Talks
                                    << QJsonObject{{QStringLiteral("votingOpen"), false},
                                                   {QStringLiteral("talks"), QJsonArray{talk}}}
                                    << true;
}

// The events and snapshots that hallway-shared reads: read and written again with the same
// names.
void tst_Protocol::eventsRead()
{
    QFETCH(QString, topic);
    QFETCH(QJsonObject, data);
    QFETCH(bool, snapshot);
    const auto read = snapshot ? Hallway::Test::readSnapshot(topic, data)
                               : Hallway::Test::readEvent(topic, data);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
    QCOMPARE(Hallway::Test::memberPaths(read.value()), Hallway::Test::memberPaths(data));
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
