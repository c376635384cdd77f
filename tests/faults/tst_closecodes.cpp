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
    void aBusyClientSeesItsBan();
};

void tst_CloseCodes::aBusyClientSeesItsBan()
{
    TestServer server;
    QVERIFY(server.start());
    QVERIFY(server.createModerator(QStringLiteral("moderator"), Password));
    TestClient moderator;
    QVERIFY(moderator.open(server.url()) && !moderator.hello().isError());
    QVERIFY(!moderator.login(QStringLiteral("moderator"), Password).isError());

    constexpr int Trials = 10;
    for (int trial = 0; trial < Trials; ++trial) {
        RawClient busy;
        QVERIFY(busy.connectTcp(server.port()) && busy.handshake(server.port()));
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
        moderator.sendRaw(QString::fromUtf8(
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

QTEST_GUILESS_MAIN(tst_CloseCodes)
#include "tst_closecodes.moc"
