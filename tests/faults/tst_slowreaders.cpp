// SPDX-License-Identifier: MIT
// Attendees whose app stops reading (a laptop lid closed, a process stopped) while the room is
// busy: the server closes them with 4004 and goes on, round after round, without crashing and
// without keeping their memory. The readers are real processes stopped with SIGSTOP; they
// follow the busiest topics, including the per-user ones (their chat stream, other people's
// fact feeds), whose last subscriber leaving used to delete the topic inside its own publish.
#include "envelope.h"
#include "protocol.h"
#include "testclient.h"
#include "testserver.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QTest>

#include <csignal>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QString Password = QStringLiteral("slow-readers-password");

bool serverAlive(const TestServer &server)
{
    return server.pid() > 0 && ::kill(pid_t(server.pid()), 0) == 0;
}

// A reader process, signed in and subscribed to topics; stopped with SIGSTOP on request.
class Reader {
public:
    bool start(const TestServer &server, const QString &username, const QStringList &topics)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral(FAULTREADER_PATH),
                        QStringList{QString::number(server.port()), username, Password} + topics);
        QDeadlineTimer deadline(20'000);
        while (!deadline.hasExpired() && !m_output.contains('\n')) {
            if (!m_process.waitForReadyRead(int(deadline.remainingTime())))
                break;
            m_output += m_process.readAll();
        }
        if (!m_output.startsWith("ready "))
            return false;
        m_userId = m_output.mid(6).trimmed().toLongLong();
        return m_userId > 0;
    }
    void stop() { ::kill(pid_t(m_process.processId()), SIGSTOP); }
    void kill()
    {
        m_process.kill(); // SIGKILL reaches a stopped process too
        m_process.waitForFinished(5000);
    }
    ~Reader()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            ::kill(pid_t(m_process.processId()), SIGCONT);
            m_process.waitForFinished(5000);
        }
    }
    qint64 userId() const { return m_userId; }

private:
    QProcess m_process;
    QByteArray m_output;
    qint64 m_userId = 0;
};

struct Sender {
    std::unique_ptr<TestClient> client;
    qint64 userId = 0;
};
} // namespace

class tst_SlowReaders : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fiftyStoppedReadersNeverCrashTheServer();
    void stoppedReaderWithTheDefaultLimits();

private:
    static std::vector<Sender> signInSenders(const TestServer &server, int count,
                                             const QString &prefix);
    static void burst(std::vector<Sender> &senders, qint64 readerId, int perSender);
    // Senders message the reader and post facts until the server has closed the reader
    // (killMidway: SIGKILL it after the first burst). False if that never happens.
    static bool floodUntilClosed(TestServer &server, std::vector<Sender> &senders, Reader &reader,
                                 bool killMidway);
};

std::vector<Sender> tst_SlowReaders::signInSenders(const TestServer &server, int count,
                                                   const QString &prefix)
{
    std::vector<Sender> senders;
    for (int i = 0; i < count; ++i) {
        Sender sender{std::make_unique<TestClient>(), 0};
        if (!sender.client->open(server.url()) || sender.client->hello().isError())
            return {};
        const Envelope reply = sender.client->registerUser(prefix + QString::number(i), Password);
        if (reply.isError())
            return {};
        sender.userId = reply.data.value(QStringLiteral("user"))
                                .toObject()
                                .value(QStringLiteral("id"))
                                .toInteger();
        senders.push_back(std::move(sender));
    }
    return senders;
}

void tst_SlowReaders::burst(std::vector<Sender> &senders, qint64 readerId, int perSender)
{
    static int sequence = 0;
    const QString text(3000, QLatin1Char('x'));
    // Pipelined, without waiting for replies: the server delivers whole batches of results
    // in one turn of its event loop, as it does under real load.
    for (int i = 0; i < perSender; ++i) {
        for (Sender &sender : senders) {
            ++sequence;
            sender.client->sendRaw(QString::fromUtf8(
                    Envelope{Protocol::Type::SendMessage,
                             QStringLiteral("m%1").arg(sequence),
                             {{QStringLiteral("clientId"), QStringLiteral("m%1").arg(sequence)},
                              {QStringLiteral("to"), readerId},
                              {QStringLiteral("text"), text}},
                             {},
                             0}
                            .toJson()));
            if (i % 4 == 0)
                sender.client->sendRaw(QString::fromUtf8(Envelope{
                        Protocol::Type::PostFact,
                        QStringLiteral("f%1").arg(sequence),
                        {{QStringLiteral("clientId"), QStringLiteral("f%1").arg(sequence)},
                         {QStringLiteral("text"), QStringLiteral("fact %1").arg(sequence)}},
                        {},
                        0}
                                                                 .toJson()));
        }
    }
}

bool tst_SlowReaders::floodUntilClosed(TestServer &server, std::vector<Sender> &senders,
                                       Reader &reader, bool killMidway)
{
    const auto signedIn = [&server]() {
        return server.metric(QStringLiteral("hallway_signed_in_connections"));
    };
    const qint64 others = qint64(senders.size());
    const qint64 closedBefore = server.metric(QStringLiteral("hallway_closed_too_slow_total"));
    burst(senders, reader.userId(), 10);
    if (killMidway)
        reader.kill(); // the server learns of it from a reset, maybe in the middle of a send
    for (int bursts = 0; bursts < 40; ++bursts) {
        burst(senders, reader.userId(), 10);
        // A round trip per sender: it reads what it was answered so far, so it is not a slow
        // reader too, and the next burst waits for the server to have taken this one.
        for (Sender &sender : senders) {
            if (sender.client
                        ->request(Protocol::Type::SetPresence,
                                  {{QStringLiteral("state"), QStringLiteral("online")}})
                        .isError()
                && !serverAlive(server))
                return false;
        }
        if (!serverAlive(server))
            return false;
        if (signedIn() == others
            || server.metric(QStringLiteral("hallway_closed_too_slow_total")) > closedBefore)
            break;
    }
    // The connection ends within the close handshake's 2 s.
    (void)QTest::qWaitFor([&]() { return signedIn() == others || !serverAlive(server); }, 5000);
    return serverAlive(server) && signedIn() == others;
}

void tst_SlowReaders::fiftyStoppedReadersNeverCrashTheServer()
{
    TestServer server;
    // Small buffers, so that a stopped reader is found out after a few dozen events.
    // Their chat streams keep what they missed for a second only (the default is ten minutes),
    // so that fifty of them fit in the memory check below.
    server.setConfig(QStringLiteral("[limits]\nmax_unsent_bytes=65536\n"
                                    "socket_send_buffer_bytes=8192\n[topics]\nidle_seconds=1\n"));
    server.enableHttp();
    QVERIFY(server.start());
    std::vector<Sender> senders = signInSenders(server, 3, QStringLiteral("sender"));
    QCOMPARE(senders.size(), std::size_t(3));

    qint64 residentAfterWarmUp = 0;
    constexpr int Rounds = 50;
    constexpr int WarmUpRounds = 10;
    for (int round = 0; round < Rounds; ++round) {
        if (round == WarmUpRounds)
            residentAfterWarmUp = server.residentKiB();
        if (qEnvironmentVariableIsSet("HALLWAY_TEST_VERBOSE"))
            qInfo("round %d: %lld KiB", round, server.residentKiB());
        QStringList topics = {Protocol::Topic::Chat, Protocol::Topic::CommunityFacts,
                              Protocol::Topic::Talks, Protocol::Topic::Presence,
                              Protocol::Topic::Announcements};
        for (const Sender &sender : senders)
            topics.append(Protocol::Topic::userFacts(sender.userId));
        Reader reader;
        QVERIFY2(reader.start(server, QStringLiteral("reader%1").arg(round), topics),
                 qPrintable(QStringLiteral("round %1: the reader did not start").arg(round)));
        reader.stop();
        const qint64 closedBefore = server.metric(QStringLiteral("hallway_closed_too_slow_total"));
        // Every other round the stopped reader is also killed midway: its reset then reaches
        // the server while it writes to it.
        const bool kill = round % 2 == 1;
        QVERIFY2(floodUntilClosed(server, senders, reader, kill),
                 qPrintable(QStringLiteral("round %1: %2")
                                    .arg(round)
                                    .arg(serverAlive(server)
                                                 ? QStringLiteral("the reader was never closed")
                                                 : QStringLiteral("the server died:\n")
                                                         + server.log())));
        if (!kill)
            QCOMPARE(server.metric(QStringLiteral("hallway_closed_too_slow_total")),
                     closedBefore + 1);
        // The others are served as before.
        for (Sender &sender : senders)
            QVERIFY(!sender.client
                             ->request(Protocol::Type::SetPresence,
                                       {{QStringLiteral("state"), QStringLiteral("online")}})
                             .isError());
    }
    QVERIFY(serverAlive(server));
    QVERIFY2(!server.log().contains(QLatin1StringView("invalid type")), qPrintable(server.log()));
    // Nothing of the closed readers stays. After the first rounds, what grows is what the room
    // keeps on purpose: the senders' fact feeds and the community feed filling their history
    // (256 KiB each at most) and SQLite's page cache. Kept per reader, it would be 256 KiB a
    // round (the chat stream each reader left behind): 10 MiB over these forty rounds.
    const qint64 growthKiB = server.residentKiB() - residentAfterWarmUp;
    qInfo("server resident memory grew by %lld KiB over rounds %d to %d", growthKiB, WarmUpRounds,
          Rounds);
    if (MemoryIsMeasurable)
        QVERIFY2(growthKiB < 4096, qPrintable(QString::number(growthKiB)));
}

void tst_SlowReaders::stoppedReaderWithTheDefaultLimits()
{
    // The documented defaults, abuse limits included: 30 attendees each send their burst.
    TestServer server;
    server.setConfig(QStringLiteral("[abuse]\nconnections_per_address=0\n"));
    server.enableHttp();
    QVERIFY(server.start());
    std::vector<Sender> senders = signInSenders(server, 30, QStringLiteral("attendee"));
    QCOMPARE(senders.size(), std::size_t(30));
    for (int round = 0; round < 3; ++round) {
        QStringList topics = {Protocol::Topic::Chat, Protocol::Topic::CommunityFacts};
        for (const Sender &sender : senders)
            topics.append(Protocol::Topic::userFacts(sender.userId));
        Reader reader;
        QVERIFY(reader.start(server, QStringLiteral("stopped%1").arg(round), topics));
        reader.stop();
        // Each attendee's burst of 20 messages and 5 facts (what is past it gets rate_limited).
        burst(senders, reader.userId(), 25);
        // A fence: once each sender's next request is answered, the burst has gone out.
        for (Sender &sender : senders)
            QVERIFY(!sender.client->request(Protocol::Type::Conversations).isError());
        const bool closed = server.metric(QStringLiteral("hallway_closed_too_slow_total")) > round;
        reader.kill();
        QTRY_COMPARE(server.metric(QStringLiteral("hallway_signed_in_connections")), qint64(30));
        QVERIFY2(serverAlive(server), qPrintable(server.log()));
        qInfo("round %d: the stopped reader was %s", round,
              closed ? "closed with 4004" : "not closed (its backlog fit the buffers)");
    }
}

QTEST_GUILESS_MAIN(tst_SlowReaders)
#include "tst_slowreaders.moc"
