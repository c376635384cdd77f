// SPDX-License-Identifier: MIT
// Sockets that never finish their opening handshake (silent ones, and slowloris clients that
// send a header line now and then) are closed at the handshake deadline; they count against
// their address's share and the server's total, which stays below its file-descriptor limit;
// and while they are held, a real attendee from another address still gets in.
#include "protocol.h"
#include "rawclient.h"
#include "testclient.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QTest>

#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
constexpr int DeadlineMs = 2000;

// Every abuse limit off but the one per address.
QString configWith(int perAddress)
{
    return QStringLiteral("[limits]\nhandshake_timeout_ms=%1\n[abuse]\nposts_per_minute=0\n"
                          "messages_per_minute=0\nvotes_per_minute=0\n"
                          "connections_per_address=%2\n")
            .arg(DeadlineMs)
            .arg(perAddress);
}

struct HeldSocket {
    std::unique_ptr<RawClient> client;
    bool slowloris = false;
    qint64 connectedAtMs = 0;
    qint64 endedAtMs = -1;
};

// Opens count sockets to port from sourceAddress; slowloris ones start a request line.
bool openSockets(std::vector<HeldSocket> &sockets, quint16 port, const QString &sourceAddress,
                 int count, bool slowloris, const QElapsedTimer &clock)
{
    for (int i = 0; i < count; ++i) {
        HeldSocket held{std::make_unique<RawClient>(), slowloris, clock.elapsed(), -1};
        if (!held.client->connectTcp(port, sourceAddress))
            return false;
        if (slowloris && !held.client->sendBytes("GET / HTTP/1.1\r\nHost: x\r\n"))
            return false;
        sockets.push_back(std::move(held));
    }
    return true;
}

// Polls every socket until all have ended or untilMs passes; slowloris sockets send another
// header line every 500 ms. Records when each one ended (EOF or reset).
void watch(std::vector<HeldSocket> &sockets, const QElapsedTimer &clock, qint64 untilMs)
{
    qint64 nextLineMs = clock.elapsed() + 500;
    while (clock.elapsed() < untilMs) {
        std::vector<pollfd> descriptors;
        std::vector<HeldSocket *> open;
        for (HeldSocket &held : sockets) {
            if (held.endedAtMs >= 0)
                continue;
            descriptors.push_back({held.client->descriptor(), POLLIN, 0});
            open.push_back(&held);
        }
        if (open.empty())
            return;
        ::poll(descriptors.data(), descriptors.size(), 50);
        for (std::size_t i = 0; i < descriptors.size(); ++i) {
            if (!(descriptors[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buffer[512];
            if (::recv(descriptors[i].fd, buffer, sizeof buffer, MSG_DONTWAIT) <= 0)
                open[i]->endedAtMs = clock.elapsed();
        }
        if (clock.elapsed() >= nextLineMs) {
            nextLineMs += 500;
            for (HeldSocket *held : open)
                if (held->slowloris && held->endedAtMs < 0)
                    held->client->sendBytes("X-Slow: yes\r\n");
        }
    }
}

bool signsIn(const TestServer &server, const QString &username)
{
    TestClient client;
    return client.open(server.url()) && !client.hello().isError()
            && !client.registerUser(username, QStringLiteral("handshake-password")).isError();
}
} // namespace

class tst_Handshakes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void silentAndSlowlorisSocketsCloseAtTheDeadline();
    void oneAddressHoldsNoMoreThanItsShare();
    void theServerStaysBelowItsFileLimit();
};

void tst_Handshakes::initTestCase()
{
    // This test holds over a thousand sockets itself.
    rlimit limit{};
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &limit), 0);
    limit.rlim_cur = limit.rlim_max;
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &limit), 0);
    if (limit.rlim_cur < 1400)
        QFAIL("this test needs 1,400 file descriptors (ulimit -n)");
}

void tst_Handshakes::silentAndSlowlorisSocketsCloseAtTheDeadline()
{
    TestServer server;
    server.setConfig(configWith(10));
    server.enableHttp();
    QVERIFY(server.start());
    QElapsedTimer clock;
    clock.start();
    // 500 of each, ten from each of 100 addresses (within connections_per_address).
    std::vector<HeldSocket> sockets;
    for (int address = 1; address <= 100; ++address) {
        const QString source = QStringLiteral("127.0.1.%1").arg(address);
        QVERIFY(openSockets(sockets, server.port(), source, 5, true, clock));
        QVERIFY(openSockets(sockets, server.port(), source, 5, false, clock));
    }
    QCOMPARE(sockets.size(), std::size_t(1000));

    // An attendee from another address signs in while they are all held.
    QVERIFY(signsIn(server, QStringLiteral("attendee")));

    watch(sockets, clock, clock.elapsed() + DeadlineMs + 3000);
    qint64 earliest = std::numeric_limits<qint64>::max();
    qint64 latest = 0;
    for (const HeldSocket &held : sockets) {
        QVERIFY2(held.endedAtMs >= 0, "a socket outlived the handshake deadline by 3 s");
        const qint64 lived = held.endedAtMs - held.connectedAtMs;
        earliest = std::min(earliest, lived);
        latest = std::max(latest, lived);
    }
    qInfo("1,000 sockets closed %lld to %lld ms after connecting (deadline %d ms)", earliest,
          latest, DeadlineMs);
    QVERIFY2(earliest >= DeadlineMs - 1000 && latest <= DeadlineMs + 1000,
             qPrintable(QStringLiteral("%1..%2 ms").arg(earliest).arg(latest)));
    // Nothing is kept for them afterwards.
    QCOMPARE(server.metric(QStringLiteral("hallway_handshakes")), 0);
    QCOMPARE(server.metric(QStringLiteral("hallway_handshakes_timed_out_total")), 1000);
}

void tst_Handshakes::oneAddressHoldsNoMoreThanItsShare()
{
    TestServer server;
    server.setConfig(configWith(256));
    server.enableHttp();
    QVERIFY(server.start());
    QElapsedTimer clock;
    clock.start();
    std::vector<HeldSocket> sockets;
    QVERIFY(openSockets(sockets, server.port(), QStringLiteral("127.0.2.1"), 1100, false, clock));
    // What is past the share is closed at once; the share is held until the deadline.
    watch(sockets, clock, clock.elapsed() + DeadlineMs / 2);
    const auto held = std::count_if(sockets.begin(), sockets.end(),
                                    [](const HeldSocket &s) { return s.endedAtMs < 0; });
    qInfo("%lld of 1,100 idle sockets from one address held", qint64(held));
    QVERIFY2(held <= 256 + 4, qPrintable(QString::number(held)));
    QVERIFY(held >= 200);
    QVERIFY(signsIn(server, QStringLiteral("neighbour")));
    QVERIFY(server.metric(QStringLiteral("hallway_handshakes_refused_total")) >= 1100 - 260);
}

void tst_Handshakes::theServerStaysBelowItsFileLimit()
{
    TestServer server;
    server.setConfig(configWith(256));
    server.setFileLimit(256); // the server keeps 64 of them for itself: 192 sockets at most
    server.enableHttp();
    QVERIFY(server.start());
    QElapsedTimer clock;
    clock.start();
    std::vector<HeldSocket> sockets;
    for (int address = 1; address <= 40; ++address)
        QVERIFY(openSockets(sockets, server.port(), QStringLiteral("127.0.3.%1").arg(address), 10,
                            false, clock));
    watch(sockets, clock, clock.elapsed() + DeadlineMs / 2);
    const auto held = std::count_if(sockets.begin(), sockets.end(),
                                    [](const HeldSocket &s) { return s.endedAtMs < 0; });
    qInfo("%lld of 400 idle sockets held with a file limit of 256", qint64(held));
    QVERIFY2(held <= 192, qPrintable(QString::number(held)));
    int status = 0;
    server.httpGet(QStringLiteral("/healthz"), &status);
    QCOMPARE(status, 200);
    // After the deadline the server is free again, and never ran out of descriptors.
    watch(sockets, clock, clock.elapsed() + DeadlineMs + 1000);
    QVERIFY(signsIn(server, QStringLiteral("latecomer")));
    QVERIFY2(!server.log().contains(QLatin1StringView("Too many open files")),
             qPrintable(server.log()));
}

QTEST_GUILESS_MAIN(tst_Handshakes)
#include "tst_handshakes.moc"
