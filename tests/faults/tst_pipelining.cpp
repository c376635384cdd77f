// SPDX-License-Identifier: MIT
// A client that pipelines requests and stops reading their replies costs the server a
// bounded amount (docs/operations.md): the server reads no further than
// max_outstanding_requests unanswered requests, builds no reply for a client that is not
// reading, and closes it (4004) once its unsent replies pass max_unsent_bytes. Everyone
// else is answered as quickly as before.
#include "protocol.h"
#include "rawclient.h"
#include "testclient.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QString Password = QStringLiteral("pipelining-password");
constexpr int Pipeliners = 3;
constexpr int Requests = 400;

} // namespace

class tst_Pipelining : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pipelinersWhoDoNotReadCostABoundedAmount();
};

void tst_Pipelining::pipelinersWhoDoNotReadCostABoundedAmount()
{
    TestServer server;
    server.enableHttp();
    QVERIFY(server.start());
    TestClient alice;
    TestClient bob;
    for (TestClient *client : {&alice, &bob})
        QVERIFY(client->open(server.url()) && !client->hello().isError());
    const qint64 aliceId = userIdOf(alice.registerUser(QStringLiteral("alice"), Password));
    const qint64 bobId = userIdOf(bob.registerUser(QStringLiteral("bob"), Password));
    QVERIFY(aliceId > 0 && bobId > 0);
    // A conversation of 100 of the longest messages: each history page is about 400 KB.
    const QString longText(4000, QLatin1Char('z'));
    for (int i = 0; i < 100; ++i)
        QVERIFY(!alice.request(Protocol::Type::SendMessage,
                               {{QStringLiteral("clientId"), QStringLiteral("c%1").arg(i)},
                                {QStringLiteral("to"), bobId},
                                {QStringLiteral("text"), longText}})
                         .isError());
    const QString conversation =
            QStringLiteral("%1:%2").arg(std::min(aliceId, bobId)).arg(std::max(aliceId, bobId));
    const qint64 residentBefore = server.residentKiB();

    // Three pipeliners (Bob's other devices), each sending 400 requests without reading; one
    // that is closed (4004) is replaced at once, so that three run all along.
    QByteArray pipeline;
    for (int i = 0; i < Requests; ++i)
        pipeline += RawClient::frame(
                0x1,
                QStringLiteral(
                        R"({"type":"chat.history","id":%1,"data":{"conversation":"%2","limit":100}})")
                        .arg(i)
                        .arg(conversation)
                        .toUtf8());
    const auto startPipeliner = [&]() -> std::unique_ptr<RawClient> {
        auto client = std::make_unique<RawClient>();
        if (!client->connectTcp(server.port(), {}, 4096) || !client->handshake(server.port())
            || client->signIn(QStringLiteral("bob"), Password, false) != bobId)
            return nullptr;
        // The server stops reading it, so send only what the socket buffers take.
        if (client->sendBytesNonBlocking(pipeline) <= 0)
            return nullptr;
        return client;
    };
    std::vector<std::unique_ptr<RawClient>> pipeliners;
    for (int p = 0; p < Pipeliners; ++p) {
        pipeliners.push_back(startPipeliner());
        QVERIFY(pipeliners.back());
    }

    // Meanwhile Alice's simple requests are answered quickly.
    QList<qint64> latencies;
    qint64 peakKiB = 0;
    int replaced = 0;
    QElapsedTimer timer;
    for (int i = 0; i < 200; ++i) {
        timer.start();
        const Envelope reply =
                alice.request(Protocol::Type::GetUser, {{QStringLiteral("userId"), bobId}});
        latencies.append(timer.elapsed());
        QVERIFY(!reply.isError());
        peakKiB = std::max(peakKiB, server.residentKiB());
        for (auto &pipeliner : pipeliners) {
            if (pipeliner->peerHasClosed()) {
                pipeliner = startPipeliner();
                QVERIFY(pipeliner);
                ++replaced;
            }
        }
    }
    qInfo("%d pipeliners were closed and replaced during the run", replaced);
    std::sort(latencies.begin(), latencies.end());
    const qint64 p99 = latencies.at(latencies.size() * 99 / 100);
    const qint64 growth = peakKiB - residentBefore;
    qInfo("user.get p99 %lld ms (max %lld ms) beside %d pipeliners; server grew by %lld KiB at "
          "most (%lld KiB each)",
          p99, latencies.last(), Pipeliners, growth, growth / Pipeliners);
    QVERIFY2(p99 < 100, qPrintable(QString::number(p99)));
    // The documented budget of a connection (docs/operations.md): about 2 MiB, most of it
    // the unsent replies before the 4004 close and the replies under way.
    if (MemoryIsMeasurable)
        QVERIFY2(growth / Pipeliners < 6 * 1024, qPrintable(QString::number(growth)));
    QVERIFY(server.metric(QStringLiteral("hallway_reads_paused_total")) >= Pipeliners);
}

QTEST_GUILESS_MAIN(tst_Pipelining)
#include "tst_pipelining.moc"
