// SPDX-License-Identifier: MIT
// The way frames leave the server (FrameWriter, OutputFlusher): what one connection gets in
// one turn of the event loop goes out in one write, straight to the socket while the kernel
// takes it and through Qt's buffer when it does not, and in every case the client reads the
// frames whole and in the order the server sent them: pongs between replies, results before
// the events they cause, and nothing lost when the kernel's buffer fills in the middle of a
// frame and the client only later comes back to read.
#include "protocol.h"
#include "rawclient.h"
#include "testclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QString Password = QStringLiteral("write-path-password");
constexpr int PingOpcode = 0x9;
constexpr int PongOpcode = 0xA;
constexpr int TextOpcode = 0x1;

qint64 socketWrites(const TestServer &server)
{
    return server.metric(QStringLiteral("hallway_socket_writes_total{path=\"direct\"}"))
            + server.metric(QStringLiteral("hallway_socket_writes_total{path=\"queued\"}"));
}

QJsonObject json(const QByteArray &payload)
{
    return QJsonDocument::fromJson(payload).object();
}
} // namespace

class tst_WritePath : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void framesOfOneTurnAreOneWriteInOrder();
    void nothingIsLostOrReorderedWhenTheKernelIsFull();
#ifndef HALLWAY_SANITIZED // resident memory says nothing under AddressSanitizer (testserver.h)
    void anIdleConnectionCostsLittle();
#endif
};

void tst_WritePath::framesOfOneTurnAreOneWriteInOrder()
{
    TestServer server;
    server.enableHttp();
    QVERIFY(server.start());
    RawClient client;
    QVERIFY(client.connectTcp(server.port()));
    QVERIFY(client.handshake(server.port()));
    QVERIFY(client.signIn(QStringLiteral("pinger"), Password, true) > 0);

    // Pings and requests answered at once, interleaved, sent in one go: the server reads them
    // in one turn, and its pongs and results must come back in exactly this order.
    constexpr int Pairs = 100;
    QByteArray burst;
    for (int i = 0; i < Pairs; ++i) {
        burst += RawClient::frame(PingOpcode, "p" + QByteArray::number(i));
        const QJsonObject request{
                {QStringLiteral("type"), Protocol::Type::Subscribe},
                {QStringLiteral("id"), i},
                {QStringLiteral("data"),
                 QJsonObject{{QStringLiteral("topic"), Protocol::Topic::Presence}}}};
        burst +=
                RawClient::frame(TextOpcode, QJsonDocument(request).toJson(QJsonDocument::Compact));
    }
    const qint64 writesBefore = socketWrites(server);
    QVERIFY(writesBefore >= 0);
    QVERIFY(client.sendBytes(burst));
    for (int i = 0; i < Pairs; ++i) {
        const auto pong = client.waitForFrame();
        QVERIFY2(pong, qPrintable(QStringLiteral("frame %1 never came").arg(2 * i)));
        QCOMPARE(pong->first, PongOpcode);
        QCOMPARE(pong->second, "p" + QByteArray::number(i));
        const auto reply = client.waitForFrame();
        QVERIFY(reply);
        QCOMPARE(reply->first, TextOpcode);
        const QJsonObject result = json(reply->second);
        QCOMPARE(result.value(QStringLiteral("type")).toString(), QStringLiteral("result"));
        QCOMPARE(result.value(QStringLiteral("id")).toInt(-1), i);
    }
    // 200 frames; the socket may hand the burst over in a few reads, each a turn and a write,
    // but never anything near one write per frame.
    const qint64 writes = socketWrites(server) - writesBefore;
    qInfo("%d frames went out in %lld writes", 2 * Pairs, writes);
    QVERIFY2(writes <= 10, qPrintable(QString::number(writes)));
}

void tst_WritePath::nothingIsLostOrReorderedWhenTheKernelIsFull()
{
    // A send buffer of a few KiB on the server's side and a receive buffer as small on the
    // client's: the kernel is full after a frame or two, mostly in the middle of one.
    TestServer server;
    server.setConfig(QStringLiteral("[limits]\nsocket_send_buffer_bytes=4096\n"));
    server.enableHttp();
    QVERIFY(server.start());
    RawClient poster;
    QVERIFY(poster.connectTcp(server.port(), {}, 4096));
    QVERIFY(poster.handshake(server.port()));
    const qint64 posterId = poster.signIn(QStringLiteral("poster"), Password, true);
    QVERIFY(posterId > 0);
    QVERIFY(poster.sendRequest(1, Protocol::Type::Subscribe,
                               {{QStringLiteral("topic"), Protocol::Topic::userFacts(posterId)}}));
    const auto subscribed = poster.waitForReply(1);
    QVERIFY(subscribed);
    const qint64 firstSeq = subscribed->value(QStringLiteral("data"))
                                    .toObject()
                                    .value(QStringLiteral("seq"))
                                    .toInteger();

    // Posts pipelined without reading: each is answered with its result and then its event
    // on the poster's own fact feed (docs/protocol.md), nearly 2 KB the two (the longest fact,
    // in three-byte characters), about 200 KB in all.
    constexpr int Posts = 100;
    const QString padding(260, QChar(0x20AC)); // the euro sign
    const auto postText = [&padding](int i) {
        return QStringLiteral("post %1 %2").arg(i).arg(padding);
    };
    QByteArray burst;
    for (int i = 0; i < Posts; ++i) {
        const QJsonObject request{
                {QStringLiteral("type"), Protocol::Type::PostFact},
                {QStringLiteral("id"), 100 + i},
                {QStringLiteral("data"),
                 QJsonObject{{QStringLiteral("clientId"), QStringLiteral("c%1").arg(i)},
                             {QStringLiteral("text"), postText(i)}}}};
        burst +=
                RawClient::frame(TextOpcode, QJsonDocument(request).toJson(QJsonDocument::Compact));
    }
    QVERIFY(poster.sendBytes(burst));
    // The client reads nothing until the server has had to keep some of it in its own buffer:
    // the kernel took part of a write and no more.
    QTRY_VERIFY_WITH_TIMEOUT(
            server.metric(QStringLiteral("hallway_socket_writes_total{path=\"queued\"}")) > 0,
            10'000);

    // Now it reads: every result, then its event, each exactly once and whole.
    QList<int> results;
    qint64 expectedSeq = firstSeq + 1;
    int events = 0;
    while (events < Posts) {
        const auto frame = poster.waitForFrame(10'000);
        QVERIFY2(frame,
                 qPrintable(QStringLiteral("after %1 results and %2 events")
                                    .arg(results.size())
                                    .arg(events)));
        QCOMPARE(frame->first, TextOpcode);
        const QJsonObject message = json(frame->second);
        const QString type = message.value(QStringLiteral("type")).toString();
        if (type == QLatin1StringView("result")) {
            results.append(message.value(QStringLiteral("id")).toInt() - 100);
            continue;
        }
        QCOMPARE(type, QStringLiteral("event"));
        QCOMPARE(message.value(QStringLiteral("seq")).toInteger(), expectedSeq);
        ++expectedSeq;
        const QString text = message.value(QStringLiteral("data"))
                                     .toObject()
                                     .value(QStringLiteral("facts"))
                                     .toArray()
                                     .at(0)
                                     .toObject()
                                     .value(QStringLiteral("text"))
                                     .toString();
        QCOMPARE(text, postText(events));
        // A stored request's result comes before the event it causes.
        QVERIFY2(
                results.contains(events),
                qPrintable(
                        QStringLiteral("the event of post %1 came before its result").arg(events)));
        ++events;
    }
    QCOMPARE(results.size(), Posts);
    for (int i = 0; i < Posts; ++i)
        QVERIFY(results.contains(i));

    // With its backlog gone, the connection is written to directly again, and still in order.
    const qint64 directBefore =
            server.metric(QStringLiteral("hallway_socket_writes_total{path=\"direct\"}"));
    QVERIFY(poster.sendRequest(999, Protocol::Type::Subscribe,
                               {{QStringLiteral("topic"), Protocol::Topic::Presence}}));
    QVERIFY(poster.waitForReply(999));
    QVERIFY(server.metric(QStringLiteral("hallway_socket_writes_total{path=\"direct\"}"))
            > directBefore);
}

#ifndef HALLWAY_SANITIZED
void tst_WritePath::anIdleConnectionCostsLittle()
{
    // Each connection has sent a request and had its answer. It kept no QWebSocket and no
    // socket with the handshake's 32 KiB write block (takeOverConnection()), and Qt's 16 KiB
    // read block has been handed over to the connection's reader and freed with the reader's
    // buffer (ClientConnection::readFrames). With hello answered, on Qt 6.4.2 and glibc: 4 KiB
    // of resident memory each; 15 KiB with the WebSocket kept, 27 KiB with the read block too.
    TestServer server;
    QVERIFY(server.start());
    constexpr int Connections = 400;
    std::vector<std::unique_ptr<RawClient>> clients;
    const auto connectSome = [&](int count) {
        for (int i = 0; i < count; ++i) {
            auto client = std::make_unique<RawClient>();
            if (!client->connectTcp(server.port()) || !client->handshake(server.port())
                || !client->sendRequest(1, Protocol::Type::Hello,
                                        {{QStringLiteral("protocol"), Protocol::Version}})
                || !client->waitForReply(1))
                return false;
            clients.push_back(std::move(client));
        }
        return true;
    };
    QVERIFY(connectSome(50)); // the allocator's and Qt's first growth
    const qint64 before = server.residentKiB();
    QVERIFY(connectSome(Connections));
    const double perConnection = double(server.residentKiB() - before) / Connections;
    qInfo("resident memory per idle connection: %.1f KiB", perConnection);
    QVERIFY2(perConnection < 10, qPrintable(QString::number(perConnection)));
}
#endif

QTEST_GUILESS_MAIN(tst_WritePath)
#include "tst_writepath.moc"
