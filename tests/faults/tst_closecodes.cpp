// SPDX-License-Identifier: MIT
// A close code reaches a client even while it is busy sending: the server sends its close
// frame and keeps the TCP connection until the client answers (or 2 s pass). Dropping it at
// once turned the code into a reset (1006) for a client still sending, and an app that sees
// 1006 reconnects instead of telling a banned user they are banned.
#include "protocol.h"
#include "rawclient.h"
#include "testclient.h"
#include "testserver.h"

#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QString Password = QStringLiteral("close-codes-password");
} // namespace

class tst_CloseCodes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void aBusyClientSeesItsBan();
    void aClientThatStopsReadingSeesItsBan();

private:
    TestServer m_server;
    TestClient m_moderator; // bans the clients under test
};

void tst_CloseCodes::initTestCase()
{
    QVERIFY(m_server.start());
    QVERIFY(m_server.createModerator(QStringLiteral("moderator"), Password));
    QVERIFY(m_moderator.open(m_server.url()) && !m_moderator.hello().isError());
    QVERIFY(!m_moderator.login(QStringLiteral("moderator"), Password).isError());
}

void tst_CloseCodes::aBusyClientSeesItsBan()
{

    constexpr int Trials = 10;
    for (int trial = 0; trial < Trials; ++trial) {
        RawClient busy;
        QVERIFY(busy.connectTcp(m_server.port()) && busy.handshake(m_server.port()));
        const qint64 userId = busy.signIn(QStringLiteral("busy%1").arg(trial), Password, true);
        QVERIFY(userId > 0);
        // Requests keep going out while the ban arrives: each round sends a few and reads
        // what came back, looking for the close frame.
        QByteArray burst;
        for (int i = 0; i < 20; ++i)
            burst += RawClient::frame(0x1,
                                      QByteArray(R"({"type":"presence.set_state","id":)")
                                              + QByteArray::number(i)
                                              + R"(,"data":{"state":"online"}})");
        QVERIFY(busy.sendBytes(burst));
        m_moderator.sendRaw(QString::fromUtf8(
                Envelope{Protocol::Type::Ban,
                         QStringLiteral("ban%1").arg(trial),
                         {{QStringLiteral("userId"), userId}, {QStringLiteral("banned"), true}},
                         {},
                         0}
                        .toJson()));
        std::optional<int> code;
        // The busy client writes, and reads only now and then (every 30 ms): what the server
        // sent meanwhile waits in its receive buffer, where a reset would destroy it.
        for (int round = 0; round < 100 && !code && busy.isOpen(); ++round) {
            busy.sendBytesNonBlocking(burst);
            QTest::qWait(30); // the client is busy; meanwhile the moderator's ban goes out
            code = busy.waitForClose(1);
        }
        QVERIFY2(code.has_value(),
                 qPrintable(QStringLiteral("trial %1: the connection ended without a close frame")
                                    .arg(trial)));
        QCOMPARE(*code, Protocol::CloseCode::Banned);
    }
}

// The close frame waits behind what the client has not read yet (its answers to a long
// pipeline), and the client goes on sending. A server that closes its socket as soon as it
// has handed the close frame to the kernel, with the client's requests unread, makes the
// kernel send a reset and throw away what was still unsent: the client, reading again, gets
// part of its answers and a reset instead of 4006.
void tst_CloseCodes::aClientThatStopsReadingSeesItsBan()
{

    constexpr int Trials = 5;
    constexpr int Pipelined = 2000;
    for (int trial = 0; trial < Trials; ++trial) {
        RawClient stalled;
        // A small receive buffer: the answers back up into the server at once.
        QVERIFY(stalled.connectTcp(m_server.port(), {}, 4096)
                && stalled.handshake(m_server.port()));
        const qint64 userId =
                stalled.signIn(QStringLiteral("stalled%1").arg(trial), Password, true);
        QVERIFY(userId > 0);
        QByteArray pipeline;
        for (int i = 0; i < Pipelined; ++i)
            pipeline += RawClient::frame(0x1,
                                         QByteArray(R"({"type":"presence.set_state","id":)")
                                                 + QByteArray::number(i)
                                                 + R"(,"data":{"state":"online"}})");
        QVERIFY(stalled.sendBytes(pipeline));
        // Banned while it reads nothing; the moderator's answer says the ban has gone out.
        const Envelope banned = m_moderator.request(
                Protocol::Type::Ban,
                {{QStringLiteral("userId"), userId}, {QStringLiteral("banned"), true}});
        QVERIFY2(!banned.isError(), qPrintable(banned.toError().message));
        // Still sending, reading nothing: requests the closing server will never read wait
        // in its receive buffer, where a close turns into a reset. Then it reads again.
        stalled.sendBytesNonBlocking(pipeline.left(40'960)); // what its buffers take
        const std::optional<int> code = stalled.waitForClose(5000);
        QVERIFY2(code.has_value(),
                 qPrintable(QStringLiteral("trial %1: the connection ended without a close frame")
                                    .arg(trial)));
        QCOMPARE(*code, Protocol::CloseCode::Banned);
    }
}

QTEST_GUILESS_MAIN(tst_CloseCodes)
#include "tst_closecodes.moc"
