// SPDX-License-Identifier: MIT
// Whatever a client sends, it gets a clear error (or, for an oversize frame, a clean close)
// and the server goes on serving everyone else.
#include "protocol.h"
#include "testclient.h"
#include "testserver.h"

#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
enum class Stage { Connected, SaidHello, SignedIn };
}
Q_DECLARE_METATYPE(Stage)

class tst_BadInput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void badFramesGetErrors_data();
    void badFramesGetErrors();
    void binaryFrameIsRefused();
    void oversizeFrameClosesOnlyThatConnection();
    void floodOfGarbageNeverCrashes();

private:
    std::unique_ptr<TestClient> clientAt(Stage stage);
    TestServer m_server;
    std::unique_ptr<TestClient> m_bystander;
    int m_users = 0;
};

void tst_BadInput::initTestCase()
{
    QVERIFY(m_server.start());
}

void tst_BadInput::init()
{
    // Someone minding their own business, who must never notice the bad client.
    m_bystander = clientAt(Stage::SignedIn);
    QVERIFY(m_bystander);
    QVERIFY(!m_bystander->subscribe(Protocol::Topic::Presence).isError());
}

void tst_BadInput::cleanup()
{
    QVERIFY2(m_bystander->isConnected(), "the bystander was disconnected");
    const Envelope reply = m_bystander->request(
            Protocol::Type::SetPresence, {{QStringLiteral("state"), QStringLiteral("online")}});
    QVERIFY2(!reply.isError(), qPrintable(reply.toError().message));
    m_bystander.reset();
}

std::unique_ptr<TestClient> tst_BadInput::clientAt(Stage stage)
{
    auto client = std::make_unique<TestClient>();
    if (!client->open(m_server.url()))
        return nullptr;
    if (stage == Stage::Connected)
        return client;
    if (client->hello().isError())
        return nullptr;
    if (stage == Stage::SaidHello)
        return client;
    if (client->registerUser(QStringLiteral("user%1").arg(++m_users),
                             QStringLiteral("password-1234"))
                .isError())
        return nullptr;
    return client;
}

void tst_BadInput::badFramesGetErrors_data()
{
    QTest::addColumn<Stage>("stage");
    QTest::addColumn<QString>("frame");
    QTest::addColumn<QJsonValue>("replyId");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");

    const QJsonValue none(QJsonValue::Null);
    // Frames that are not protocol messages at all.
    QTest::newRow("malformed JSON")
            << Stage::Connected << QStringLiteral("{\"type\": \"hello\", ") << none
            << QStringLiteral("bad_request") << QStringLiteral("malformed JSON");
    QTest::newRow("plain text") << Stage::SignedIn << QStringLiteral("hello server") << none
                                << QStringLiteral("bad_request")
                                << QStringLiteral("malformed JSON");
    QTest::newRow("not an object")
            << Stage::Connected << QStringLiteral("[\"hello\"]") << none
            << QStringLiteral("bad_request") << QStringLiteral("JSON object");
    QTest::newRow("id wrongly typed")
            << Stage::Connected << QStringLiteral(R"({"id":true,"type":"hello"})") << none
            << QStringLiteral("bad_request") << QStringLiteral("\"id\"");
    // Valid JSON, but no object: said so, not called malformed.
    QTest::newRow("number") << Stage::SignedIn << QStringLiteral("42") << none
                            << QStringLiteral("bad_request")
                            << QStringLiteral("a message must be a JSON object");
    QTest::newRow("string") << Stage::SignedIn << QStringLiteral("\"hello\"") << none
                            << QStringLiteral("bad_request")
                            << QStringLiteral("a message must be a JSON object");
    // A null id is what an unreadable frame's reply carries: no request may use it.
    QTest::newRow("id null")
            << Stage::SignedIn
            << QStringLiteral(R"({"id":null,"type":"presence.set_state","data":{"state":"away"}})")
            << none << QStringLiteral("bad_request") << QStringLiteral("\"id\" must be");
    // Envelope problems after a readable id: the reply carries the id.
    QTest::newRow("missing type") << Stage::Connected << QStringLiteral(R"({"id":"r1","data":{}})")
                                  << QJsonValue(QStringLiteral("r1"))
                                  << QStringLiteral("bad_request") << QStringLiteral("\"type\"");
    QTest::newRow("type wrongly typed")
            << Stage::SaidHello << QStringLiteral(R"({"id":7,"type":["hello"]})") << QJsonValue(7)
            << QStringLiteral("bad_request") << QStringLiteral("\"type\"");
    QTest::newRow("data wrongly typed")
            << Stage::SignedIn
            << QStringLiteral(R"({"id":8,"type":"topic.subscribe","data":"presence"})")
            << QJsonValue(8) << QStringLiteral("bad_request") << QStringLiteral("\"data\"");
    // Order of the session.
    QTest::newRow("request before hello")
            << Stage::Connected
            << QStringLiteral(
                       R"({"id":2,"type":"auth.login","data":{"username":"a","password":"b"}})")
            << QJsonValue(2) << QStringLiteral("bad_request")
            << QStringLiteral("first message must be \"hello\"");
    QTest::newRow("subscribe before sign-in")
            << Stage::SaidHello
            << QStringLiteral(R"({"id":3,"type":"topic.subscribe","data":{"topic":"presence"}})")
            << QJsonValue(3) << QStringLiteral("unauthorized") << QStringLiteral("sign in first");
    QTest::newRow("presence before sign-in")
            << Stage::SaidHello
            << QStringLiteral(R"({"id":4,"type":"presence.set_state","data":{"state":"away"}})")
            << QJsonValue(4) << QStringLiteral("unauthorized") << QStringLiteral("sign in first");
    QTest::newRow("change password before sign-in")
            << Stage::SaidHello
            << QStringLiteral(
                       R"({"id":5,"type":"auth.change_password","data":{"currentPassword":"a","newPassword":"bbbbbbbbb"}})")
            << QJsonValue(5) << QStringLiteral("unauthorized") << QStringLiteral("sign in first");
    QTest::newRow("unknown type") << Stage::SignedIn
                                  << QStringLiteral(R"({"id":9,"type":"teleport","data":{}})")
                                  << QJsonValue(9) << QStringLiteral("bad_request")
                                  << QStringLiteral("unknown message type \"teleport\"");
    // Missing and wrongly typed fields.
    QTest::newRow("hello without protocol")
            << Stage::Connected << QStringLiteral(R"({"id":10,"type":"hello","data":{}})")
            << QJsonValue(10) << QStringLiteral("bad_request")
            << QStringLiteral("\"protocol\" is required");
    QTest::newRow("hello protocol as text")
            << Stage::Connected
            << QStringLiteral(R"({"id":11,"type":"hello","data":{"protocol":"1"}})")
            << QJsonValue(11) << QStringLiteral("bad_request")
            << QStringLiteral("must be an integer");
    QTest::newRow("register without password")
            << Stage::SaidHello
            << QStringLiteral(
                       R"({"id":12,"type":"auth.register","data":{"username":"zed","displayName":"Z"}})")
            << QJsonValue(12) << QStringLiteral("bad_request")
            << QStringLiteral("\"password\" is required");
    QTest::newRow("register username as number")
            << Stage::SaidHello
            << QStringLiteral(
                       R"({"id":13,"type":"auth.register","data":{"username":12345,"displayName":"Z","password":"long-enough"}})")
            << QJsonValue(13) << QStringLiteral("bad_request")
            << QStringLiteral("must be a string");
    QTest::newRow("register display name too long")
            << Stage::SaidHello
            << QStringLiteral(
                       R"({"id":14,"type":"auth.register","data":{"username":"zed","displayName":"%1","password":"long-enough"}})")
                       .arg(QString(65, QLatin1Char('z')))
            << QJsonValue(14) << QStringLiteral("bad_request") << QStringLiteral("at most 64");
    QTest::newRow("login without username")
            << Stage::SaidHello
            << QStringLiteral(R"({"id":15,"type":"auth.login","data":{"password":"x"}})")
            << QJsonValue(15) << QStringLiteral("bad_request")
            << QStringLiteral("\"username\" is required");
    QTest::newRow("resume token as object")
            << Stage::SaidHello
            << QStringLiteral(R"({"id":16,"type":"auth.resume","data":{"token":{}}})")
            << QJsonValue(16) << QStringLiteral("bad_request")
            << QStringLiteral("must be a string");
    QTest::newRow("subscribe without topic")
            << Stage::SignedIn << QStringLiteral(R"({"id":17,"type":"topic.subscribe","data":{}})")
            << QJsonValue(17) << QStringLiteral("bad_request")
            << QStringLiteral("\"topic\" is required");
    QTest::newRow("ack delivery of no message id")
            << Stage::SignedIn
            << QStringLiteral(R"({"id":19,"type":"chat.ack_delivery","data":{"messageIds":["x"]}})")
            << QJsonValue(19) << QStringLiteral("bad_request")
            << QStringLiteral("each of \"messageIds\" must be an integer");
    QTest::newRow("talk edit changing nothing")
            << Stage::SignedIn
            << QStringLiteral(R"({"id":20,"type":"talk.edit","data":{"talkId":1}})")
            << QJsonValue(20) << QStringLiteral("bad_request")
            << QStringLiteral("an edit needs \"title\" or \"abstract\"");
    QTest::newRow("presence state unknown")
            << Stage::SignedIn
            << QStringLiteral(R"({"id":18,"type":"presence.set_state","data":{"state":"asleep"}})")
            << QJsonValue(18) << QStringLiteral("bad_request")
            << QStringLiteral("\"online\" or \"away\"");
}

void tst_BadInput::badFramesGetErrors()
{
    QFETCH(Stage, stage);
    QFETCH(QString, frame);
    QFETCH(QJsonValue, replyId);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);

    auto client = clientAt(stage);
    QVERIFY(client);
    client->sendRaw(frame);
    const Envelope reply = client->waitForReply(replyId);
    QVERIFY2(reply.isError(), "expected an error reply");
    QCOMPARE(errorCodeName(reply.toError().code), code);
    QVERIFY2(reply.toError().message.contains(messagePart), qPrintable(reply.toError().message));
    // The bad client itself is still being served.
    QVERIFY(client->isConnected());
    const Envelope next = client->request(QStringLiteral("still.there"));
    QVERIFY(next.isError());
    QVERIFY(next.toError().code != ErrorCode::Internal);
}

void tst_BadInput::binaryFrameIsRefused()
{
    auto client = clientAt(Stage::SignedIn);
    QVERIFY(client);
    client->socket().sendBinaryMessage(QByteArrayLiteral("\x00\x01 binary"));
    const Envelope reply = client->waitForReply(QJsonValue::Null);
    QCOMPARE(reply.toError().code, ErrorCode::BadRequest);
    QVERIFY(reply.toError().message.contains(QStringLiteral("binary frames")));
    QVERIFY(client->isConnected());
}

void tst_BadInput::oversizeFrameClosesOnlyThatConnection()
{
    auto client = clientAt(Stage::SignedIn);
    QVERIFY(client);
    // 64 KiB is the default limit; send a little more than that.
    const QString huge =
            QStringLiteral(R"({"id":1,"type":"presence.set_state","data":{"state":"%1"}})")
                    .arg(QString(65 * 1024, QLatin1Char('x')));
    client->sendRaw(huge);
    QVERIFY(client->waitForDisconnected());
    QCOMPARE(client->closeCode(), int(QWebSocketProtocol::CloseCodeTooMuchData));
    // A message just under the limit is answered normally.
    auto fine = clientAt(Stage::SignedIn);
    QVERIFY(fine);
    const QString large =
            QStringLiteral(R"({"id":2,"type":"presence.set_state","data":{"state":"%1"}})")
                    .arg(QString(60 * 1024, QLatin1Char('x')));
    fine->sendRaw(large);
    QCOMPARE(fine->waitForReply(2).toError().code, ErrorCode::BadRequest);
}

void tst_BadInput::floodOfGarbageNeverCrashes()
{
    auto client = clientAt(Stage::SignedIn);
    QVERIFY(client);
    const QStringList garbage = {
            QStringLiteral("{"),
            QStringLiteral("null"),
            QStringLiteral("{\"type\":null}"),
            QStringLiteral("{\"type\":\"auth.login\",\"data\":{\"username\":[],\"password\":{}}}"),
            QStringLiteral(
                    "{\"type\":\"topic.subscribe\",\"data\":{\"topic\":\"presence\",\"since\":{"
                    "\"epoch\":1,\"seq\":\"x\"}}}"),
            QStringLiteral("{\"id\":1e300,\"type\":\"hello\"}"),
            QString::fromUtf8("\xF0\x9F\x8E\xA4\x00\x01")};
    for (int round = 0; round < 50; ++round) {
        for (const QString &frame : garbage)
            client->sendRaw(frame);
    }
    // The connection still works; and since requests are answered in order (these at once),
    // every garbage frame was answered with an error by the time this reply is in.
    const Envelope reply = client->request(Protocol::Type::SetPresence,
                                           {{QStringLiteral("state"), QStringLiteral("away")}});
    QVERIFY2(!reply.isError(), qPrintable(reply.toError().message));
    QCOMPARE(client->unclaimedReplies(), 50 * garbage.size());
}

QTEST_GUILESS_MAIN(tst_BadInput)
#include "tst_badinput.moc"
