// SPDX-License-Identifier: MIT
// The WebSocket framing rules a server must enforce (RFC 6455, section 5): a client frame
// that is not masked, uses reserved bits or opcodes, fragments a control frame, is too big or
// is not UTF-8 fails the connection with the right close code; pings get pongs; fragmented
// messages are read whole; a client's close is answered with its code.
#include "protocol.h"
#include "rawclient.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QByteArray Hello = R"({"type":"hello","id":1,"data":{"protocol":1}})";
} // namespace

class tst_Framing : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void brokenFramesFailTheConnection_data();
    void brokenFramesFailTheConnection();
    void pingGetsPongAndFragmentsAreJoined();
    void clientCloseIsAnswered();
    void framesSentWithTheHandshakeAreRead();

private:
    TestServer m_server;
};

void tst_Framing::initTestCase()
{
    m_server.setConfig(QStringLiteral("[limits]\nmax_message_bytes=4096\n"));
    QVERIFY(m_server.start());
}

void tst_Framing::brokenFramesFailTheConnection_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("closeCode");
    QTest::newRow("unmasked text") << RawClient::frame(0x1, Hello, false) << 1002;
    QByteArray reserved = RawClient::frame(0x1, Hello);
    reserved[0] = char(reserved[0] | 0x40);
    QTest::newRow("reserved bit") << reserved << 1002;
    QTest::newRow("reserved opcode") << RawClient::frame(0x3, Hello) << 1002;
    QTest::newRow("fragmented ping") << RawClient::frame(0x9, "x", true, false) << 1002;
    QTest::newRow("continuation first") << RawClient::frame(0x0, Hello) << 1002;
    QTest::newRow("too big") << RawClient::frame(0x1, QByteArray(5000, ' ')) << 1009;
    QTest::newRow("not UTF-8") << RawClient::frame(0x1, "\xff\xfe{}") << 1007;
}

void tst_Framing::brokenFramesFailTheConnection()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, closeCode);
    RawClient client;
    QVERIFY(client.connectTcp(m_server.port()) && client.handshake(m_server.port()));
    QVERIFY(client.sendBytes(frame));
    QCOMPARE(client.waitForClose(), std::optional<int>(closeCode));
    // Then the server ends the connection: it reads nothing more from a broken stream.
    QVERIFY(client.waitForEnd(5000));
}

void tst_Framing::pingGetsPongAndFragmentsAreJoined()
{
    RawClient client;
    QVERIFY(client.connectTcp(m_server.port()) && client.handshake(m_server.port()));
    QVERIFY(client.sendBytes(RawClient::frame(0x9, "are you there")));
    const QByteArray pong = client.drain(500);
    QVERIFY2(pong.startsWith(QByteArray("\x8a") + char(13) + "are you there"),
             pong.toHex().constData());
    // hello in three fragments, a ping between two of them.
    QVERIFY(client.sendBytes(RawClient::frame(0x1, Hello.left(10), true, false)
                             + RawClient::frame(0x0, Hello.mid(10, 10), true, false)
                             + RawClient::frame(0x9, "p") + RawClient::frame(0x0, Hello.mid(20))));
    const auto reply = client.waitForReply(1);
    QVERIFY(reply);
    QCOMPARE(reply->value(QStringLiteral("type")).toString(), QStringLiteral("result"));
}

void tst_Framing::clientCloseIsAnswered()
{
    RawClient client;
    QVERIFY(client.connectTcp(m_server.port()) && client.handshake(m_server.port()));
    QByteArray payload("\x0f\xa0", 2); // 4000, a code of the application's own
    payload += "bye";
    QVERIFY(client.sendBytes(RawClient::frame(0x8, payload)));
    QCOMPARE(client.waitForClose(), std::optional<int>(4000));
    QVERIFY(client.waitForEnd(3000));
}

// A client may send its first frames right behind the upgrade request, without waiting for
// the 101 (RFC 6455 allows it once the request is sent): they arrive in the same TCP segment
// and must be read like any other.
void tst_Framing::framesSentWithTheHandshakeAreRead()
{
    RawClient client;
    QVERIFY(client.connectTcp(m_server.port()));
    QVERIFY(client.handshake(m_server.port(), 5000,
                             RawClient::frame(0x1, Hello) + RawClient::frame(0x9, "along")));
    // Both answers, in whichever order the server sends them.
    std::optional<QJsonObject> reply;
    QByteArray pong;
    while (!reply || pong.isNull()) {
        const auto frame = client.waitForFrame();
        QVERIFY2(frame,
                 reply ? "no pong for the ping sent with the handshake"
                       : "no reply to the hello sent with the handshake");
        if (frame->first == 0xA)
            pong = frame->second;
        else if (frame->first == 0x1)
            reply = QJsonDocument::fromJson(frame->second).object();
    }
    QCOMPARE(reply->value(QStringLiteral("id")).toInteger(), 1);
    QCOMPARE(reply->value(QStringLiteral("type")).toString(), QStringLiteral("result"));
    QCOMPARE(pong, QByteArray("along"));
}

QTEST_GUILESS_MAIN(tst_Framing)
#include "tst_framing.moc"
