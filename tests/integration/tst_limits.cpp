// SPDX-License-Identifier: MIT
// Every connection is bounded: a client that never says hello or never signs in is closed
// after its deadline, and one that stops reading is closed before it costs the server memory,
// while everyone else is served as if nothing happened.
#include "fixtures.h"
#include "protocol.h"
#include "testclient.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QString Password = QStringLiteral("limits-password");

// A WebSocket client written with plain POSIX calls, so that it can do what no well-behaved
// library does: stop reading. Its receive buffer is tiny so the server's backlog builds fast.
class StalledClient {
public:
    ~StalledClient()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool connectTo(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        const int small = 4096;
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
            return false;
        const QByteArray handshake = "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: "
                  "13\r\n\r\n";
        if (::send(m_fd, handshake.constData(), size_t(handshake.size()), 0) != handshake.size())
            return false;
        return drain(2000).contains("101 Switching Protocols");
    }

    // Sends one masked text frame (clients must mask).
    bool sendText(const QByteArray &payload)
    {
        QByteArray frame;
        frame.append(char(0x81));
        if (payload.size() < 126) {
            frame.append(char(0x80 | payload.size()));
        } else {
            frame.append(char(0x80 | 126));
            frame.append(char((payload.size() >> 8) & 0xFF));
            frame.append(char(payload.size() & 0xFF));
        }
        const char mask[4] = {0x12, 0x34, 0x56, 0x78};
        frame.append(mask, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            frame.append(char(payload.at(i) ^ mask[i % 4]));
        return ::send(m_fd, frame.constData(), size_t(frame.size()), MSG_NOSIGNAL) == frame.size();
    }

    // Reads whatever arrives within timeoutMs.
    QByteArray drain(int timeoutMs)
    {
        QByteArray received;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            pollfd descriptor{m_fd, POLLIN, 0};
            if (::poll(&descriptor, 1, 50) <= 0)
                continue;
            char buffer[4096];
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            received.append(buffer, n);
        }
        return received;
    }

private:
    int m_fd = -1;
};

QByteArray frameOf(qint64 id, const QString &type, const QJsonObject &data)
{
    return Envelope{type, id, data, {}, 0}.toJson();
}
} // namespace

class tst_Limits : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void silentConnectionIsClosedAfterHelloDeadline();
    void connectionThatNeverSignsInIsClosed();
    void clientThatStopsReadingIsClosedAndOthersNeverNotice();
};

void tst_Limits::silentConnectionIsClosedAfterHelloDeadline()
{
    TestServer server;
    server.setConfig(QStringLiteral("[limits]\nhello_timeout_ms=400\n"));
    QVERIFY(server.start());
    TestClient silent;
    QVERIFY(silent.open(server.url()));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(silent.waitForDisconnected(5000));
    QCOMPARE(silent.closeCode(), Protocol::CloseCode::HelloTimeout);
    QVERIFY2(timer.elapsed() >= 300, "closed before the deadline");

    // A client that does say hello in time is not affected.
    TestClient polite;
    QVERIFY(polite.open(server.url()));
    QVERIFY(!polite.hello().isError());
    // A second silent client, opened later: once its deadline has closed it, the polite
    // one's has passed too, and a round trip shows the polite one is still served.
    TestClient later;
    QVERIFY(later.open(server.url()));
    QVERIFY(later.waitForDisconnected(5000));
    QCOMPARE(later.closeCode(), Protocol::CloseCode::HelloTimeout);
    const Envelope answered = polite.login(QStringLiteral("nobody"), QStringLiteral("wrong"));
    QCOMPARE(answered.toError().code, ErrorCode::Unauthorized); // answered, not dropped
    QVERIFY(polite.isConnected());
}

void tst_Limits::connectionThatNeverSignsInIsClosed()
{
    TestServer server;
    server.setConfig(QStringLiteral("[limits]\nsign_in_timeout_ms=400\n"));
    QVERIFY(server.start());
    TestClient lurker;
    QVERIFY(lurker.open(server.url()));
    QVERIFY(!lurker.hello().isError());
    QVERIFY(lurker.waitForDisconnected(5000));
    QCOMPARE(lurker.closeCode(), Protocol::CloseCode::SignInTimeout);
}

void tst_Limits::clientThatStopsReadingIsClosedAndOthersNeverNotice()
{
    TestServer server;
    // A small kernel send buffer too, so the backlog builds in Hallway's queue, where the cap
    // applies, within a short flood.
    server.setConfig(
            QStringLiteral("[limits]\nmax_unsent_bytes=65536\nsocket_send_buffer_bytes=16384\n"));
    QVERIFY(server.start());

    // The stalled client signs in, subscribes to presence, and then never reads again.
    StalledClient stalled;
    QVERIFY(stalled.connectTo(server.port()));
    QVERIFY(stalled.sendText(frameOf(1, Protocol::Type::Hello, {{QStringLiteral("protocol"), 1}})));
    QVERIFY(stalled.sendText(frameOf(2, Protocol::Type::Register,
                                     {{QStringLiteral("username"), QStringLiteral("stalled")},
                                      {QStringLiteral("displayName"), QStringLiteral("Stalled")},
                                      {QStringLiteral("password"), Password}})));
    QVERIFY(stalled.drain(1500).contains("\"token\""));
    QVERIFY(stalled.sendText(frameOf(3, Protocol::Type::Subscribe,
                                     {{QStringLiteral("topic"), Protocol::Topic::Presence}})));
    QVERIFY(stalled.drain(500).contains("\"snapshot\""));

    // An observer who reads normally, and flooders who change their presence over and over.
    TestClient observer;
    QVERIFY(observer.open(server.url()));
    QVERIFY(!observer.hello().isError());
    QVERIFY(!observer.registerUser(QStringLiteral("observer"), Password).isError());
    QVERIFY(!observer.subscribe(Protocol::Topic::Presence).isError());
    std::vector<std::unique_ptr<TestClient>> flooders;
    for (int i = 0; i < 4; ++i) {
        auto flooder = std::make_unique<TestClient>();
        QVERIFY(flooder->open(server.url()));
        QVERIFY(!flooder->hello().isError());
        QVERIFY(!flooder->registerUser(
                                QStringLiteral("flooder%1").arg(i), Password,
                                QStringLiteral("Flooder %1 with a rather long display name").arg(i))
                         .isError());
        flooders.push_back(std::move(flooder));
    }
    for (int i = 0; i < 4; ++i)
        QVERIFY(!observer.waitForEvent(Protocol::Topic::Presence,
                                       [name = QStringLiteral("flooder%1").arg(i)](
                                               const Envelope &event) {
                                           return event.data.value(QStringLiteral("user"))
                                                          .toObject()
                                                          .value(QStringLiteral("username"))
                                                          .toString()
                                                   == name;
                                       })
                         .type.isEmpty());
    observer.clearEvents();
    const qint64 rssBefore = server.residentKiB();

    // About 4 MiB of events in all, bounded in count (100 rounds of 4 x 100 changes) and time
    // (60 s). Held for the stalled client, they would show in the server's memory.
    QElapsedTimer timer;
    timer.start();
    int changes = 0;
    bool stalledClosed = false;
    for (int round = 0; round < 100 && timer.elapsed() < 60'000; ++round) {
        for (int i = 0; i < 100; ++i) {
            const QString state = i % 2 == 0 ? QStringLiteral("away") : QStringLiteral("online");
            for (auto &flooder : flooders)
                flooder->sendRaw(QString::fromUtf8(frameOf(1000 + i, Protocol::Type::SetPresence,
                                                           {{QStringLiteral("state"), state}})));
            changes += int(flooders.size());
        }
        // Every flooder's requests are answered.
        for (auto &flooder : flooders)
            QVERIFY(!flooder->request(Protocol::Type::SetPresence,
                                      {{QStringLiteral("state"), QStringLiteral("online")}})
                             .isError());
        stalledClosed = stalledClosed || server.log().contains(QStringLiteral("stopped reading"));
    }
    const qint64 rssAfter = server.residentKiB();
    qInfo("%d presence changes sent in %lld ms; server RSS %lld KiB before, %lld KiB after",
          changes, timer.elapsed(), rssBefore, rssAfter);
    QVERIFY2(stalledClosed, "the stalled client was never closed");
    // Bounded: the stalled client's backlog never passes the cap (64 KiB here) by much; the
    // rest is allocator noise. Unbounded, it would hold every event sent to it (~4 MiB).
    if (MemoryIsMeasurable)
        QVERIFY2(rssAfter - rssBefore < 2 * 1024, "server memory grew by more than 2 MiB");

    // The observer saw every change of the flooders in order, with no gap. A fence: someone
    // signs in last, and once the observer has seen that, it has seen everything before.
    auto last = signedIn(server.url(), QStringLiteral("last"));
    QVERIFY(last);
    QVERIFY(!observer.waitForEvent(Protocol::Topic::Presence,
                                   [](const Envelope &event) {
                                       return event.data.value(QStringLiteral("user"))
                                                      .toObject()
                                                      .value(QStringLiteral("username"))
                                                      .toString()
                                               == QStringLiteral("last");
                                   })
                     .type.isEmpty());
    const QList<Envelope> events = observer.events();
    QVERIFY(events.size() > 100);
    for (qsizetype i = 1; i < events.size(); ++i)
        QCOMPARE(events.at(i).seq, events.at(i - 1).seq + 1);
    QVERIFY(observer.isConnected());
    for (auto &flooder : flooders)
        QVERIFY(flooder->isConnected());
}

QTEST_GUILESS_MAIN(tst_Limits)
#include "tst_limits.moc"
