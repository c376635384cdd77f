// SPDX-License-Identifier: MIT
#include "loadgenerator.h"
#include "auth/sessiontoken.h"
#include "loadclient.h"
#include "pgbenchreference.h"
#include "serverprocess.h"
#include "storage/storage.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>

namespace Hallway::Bench {

namespace {
constexpr int TickMs = 5;
constexpr int ConnectBatch = 250;
constexpr int DrainMs = 3000;
constexpr std::size_t MaxSamples = 5'000'000; // bounds the generator's own memory
constexpr int Talks = 10;

// Waits, serving events, until done() or the deadline.
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

QString scenarioName(LoadGenerator::Scenario scenario)
{
    switch (scenario) {
    case LoadGenerator::Scenario::Fanout:
        return QStringLiteral("fanout");
    case LoadGenerator::Scenario::Posts:
        return QStringLiteral("posts");
    case LoadGenerator::Scenario::Votes:
        return QStringLiteral("votes");
    case LoadGenerator::Scenario::Chat:
        return QStringLiteral("chat");
    }
    return {};
}
} // namespace

LoadGenerator::LoadGenerator(const Options &options, QTextStream &out, QObject *parent)
    : QObject(parent), m_options(options), m_out(out)
{
}

int LoadGenerator::run()
{
    m_out << "scenario " << scenarioName(m_options.scenario) << ": " << m_options.nodes
          << " node(s), " << m_options.connections << " connections, " << m_options.rate
          << " actions/s, " << m_options.durationSeconds << " s, database "
          << (m_options.databaseUrl.isEmpty() ? "sqlite (temporary)" : m_options.databaseUrl)
          << Qt::endl;
    m_out << "cores: server " << m_options.serverCores.toString() << ", postgres "
          << m_options.postgresCores.toString() << ", load generator and pgbench "
          << m_options.loadgenCores.toString() << Qt::endl;
    QString error;
    if (!m_options.loadgenCores.applyToProcess(QCoreApplication::applicationPid(), &error)) {
        m_out << error << Qt::endl;
        return 1;
    }
    if (!m_options.postgresCores.isEmpty()) {
        m_postmaster = postmasterOf(m_options.databaseUrl, &error);
        m_postgresCoresBefore =
                CoreSet::parse(m_postmaster > 0 ? allowedCores(m_postmaster) : QString(), &error);
        if (m_postmaster == 0 || !pinPostgres(m_postmaster, m_options.postgresCores, &error)) {
            m_out << error << Qt::endl;
            return 1;
        }
    }
    // PostgreSQL may serve others too (a test run's other suites): it gets its cores back.
    const auto unpin = qScopeGuard([&]() {
        QString ignored;
        if (m_postmaster > 0)
            pinPostgres(m_postmaster, m_postgresCoresBefore, &ignored);
    });
    m_out << "load generator on cores " << allowedCores(QCoreApplication::applicationPid())
          << Qt::endl;
    Result hallway;
    hallway.server = QStringLiteral("hallway-server");
    if (!measureHallway(hallway))
        return 1;
    report(hallway);
    if (m_options.pgbench && !comparePgbench(hallway))
        return 1;
    if (m_options.scenario != Scenario::Fanout || !m_options.reference || m_options.nodes > 1)
        return 0;
    Result reference;
    reference.server = QStringLiteral("reference (bare QtWebSockets broadcast)");
    if (!measureReference(reference))
        return 1;
    report(reference);
    if (reference.cpuPerDeliveryUs() > 0)
        m_out << QStringLiteral("ratio Hallway / reference, CPU per delivered message: %1")
                         .arg(hallway.cpuPerDeliveryUs() / reference.cpuPerDeliveryUs(), 0, 'f', 2)
              << Qt::endl;
    return 0;
}

bool LoadGenerator::comparePgbench(const Result &hallway)
{
    QString error;
    const auto reference = PgbenchReference::measure(
            m_options.databaseUrl, m_options.durationSeconds, m_options.loadgenCores, &error);
    if (!reference) {
        m_out << error << Qt::endl;
        return false;
    }
    const double committed = hallway.perSecond(hallway.acknowledged);
    m_out << "\npgbench into the same facts table, one connection" << Qt::endl;
    m_out << QStringLiteral("  1 row a transaction      %1 rows/s")
                     .arg(reference->singleRowsPerSecond, 0, 'f', 0)
          << Qt::endl;
    m_out << QStringLiteral("  %1 rows a transaction    %2 rows/s")
                     .arg(PgbenchReference::BatchRows)
                     .arg(reference->batchedRowsPerSecond, 0, 'f', 0)
          << Qt::endl;
    m_out << QStringLiteral("ratio Hallway / pgbench, committed rows/s: %1 (1 a transaction), "
                            "%2 (%3 a transaction)")
                     .arg(committed / std::max(reference->singleRowsPerSecond, 0.001), 0, 'f', 2)
                     .arg(committed / std::max(reference->batchedRowsPerSecond, 0.001), 0, 'f', 2)
                     .arg(PgbenchReference::BatchRows)
          << Qt::endl;
    return true;
}

bool LoadGenerator::seed(const QString &databaseUrl, QStringList &tokens)
{
    // Users and sessions go straight into the database: N password hashes would take minutes
    // and measure argon2, not the server.
    const auto url = DatabaseUrl::parse(databaseUrl);
    if (!url) {
        m_out << "bad database URL: " << url.error().message << Qt::endl;
        return false;
    }
    Storage storage(url.value());
    if (const Status opened = storage.open(); !opened) {
        m_out << opened.error().message << Qt::endl;
        return false;
    }
    const qint64 stamp = QDateTime::currentMSecsSinceEpoch();
    const int count = m_options.connections;
    const auto seeded = storage.runBlocking<Expected<QStringList>>(
            [count, stamp](StorageWorker &worker) -> Expected<QStringList> {
                QStringList made;
                for (int i = 0; i < count; ++i) {
                    NewUser user{QStringLiteral("load%1x%2").arg(stamp % 100000).arg(i),
                                 QStringLiteral("Load %1").arg(i),
                                 QStringLiteral("unused"),
                                 QStringLiteral("City %1").arg(i % 12),
                                 QStringLiteral("Region %1").arg(i % 5),
                                 Role::Attendee};
                    const auto created = worker.accounts().createUser(user, stamp);
                    if (!created)
                        return created.error();
                    const QString token = SessionToken::generate();
                    if (const Status session = worker.accounts().createSession(
                                created->id, SessionToken::hash(token), stamp);
                        !session)
                        return session.error();
                    made.append(token);
                }
                return made;
            });
    if (!seeded) {
        m_out << "seeding failed: " << seeded.error().message << Qt::endl;
        return false;
    }
    tokens = seeded.value();
    return true;
}

bool LoadGenerator::connectAll(std::vector<LoadClient *> &clients, Result &result)
{
    // In batches, so the server's accept queue and the handshakes keep up.
    for (std::size_t start = 0; start < clients.size(); start += ConnectBatch) {
        const std::size_t end = std::min(clients.size(), start + ConnectBatch);
        for (std::size_t i = start; i < end; ++i)
            clients[i]->open();
        const bool all = waitFor(
                [&]() {
                    return std::all_of(clients.begin() + start, clients.begin() + end,
                                       [](LoadClient *c) { return c->isReady(); });
                },
                60'000);
        if (!all) {
            m_out << "connections did not all come up (" << start << " of " << clients.size()
                  << " before this batch)" << Qt::endl;
            return false;
        }
    }
    result.connected = static_cast<int>(clients.size());
    return true;
}

void LoadGenerator::drive(const std::function<void()> &action, std::vector<qint64> &latencies,
                          Result &result, const std::function<qint64()> &outstanding)
{
    QElapsedTimer clock;
    clock.start();
    double owed = 0;
    qint64 lastMs = 0;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(TickMs);
    QObject::connect(&tick, &QTimer::timeout, [&]() {
        const qint64 now = clock.elapsed();
        owed += m_options.rate * (now - lastMs) / 1000.0;
        lastMs = now;
        while (owed >= 1) {
            owed -= 1;
            action();
            ++result.actions;
        }
    });
    tick.start();
    waitFor([&]() { return clock.elapsed() >= m_options.durationSeconds * 1000LL; },
            m_options.durationSeconds * 1000 + 5000);
    tick.stop();
    result.seconds = clock.elapsed() / 1000.0;
    // Let what is in flight arrive.
    waitFor([&]() { return outstanding() <= 0; }, DrainMs);
    result.secondsUntilDrained = clock.elapsed() / 1000.0;
    result.unanswered = std::max<qint64>(0, outstanding());
    percentiles(latencies, result);
}

void LoadGenerator::percentiles(std::vector<qint64> &latencies, Result &result)
{
    if (latencies.empty())
        return;
    std::sort(latencies.begin(), latencies.end());
    const auto at = [&](double q) {
        return latencies.at(std::min(latencies.size() - 1,
                                     static_cast<std::size_t>(q * latencies.size())))
                / 1e6;
    };
    result.p50Ms = at(0.50);
    result.p99Ms = at(0.99);
    result.maxMs = latencies.back() / 1e6;
}

bool LoadGenerator::measureHallway(Result &result)
{
    QTemporaryDir dir;
    const QString databaseUrl = m_options.databaseUrl.isEmpty()
            ? QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("load.db"))
            : m_options.databaseUrl;
    QStringList tokens;
    if (!seed(databaseUrl, tokens))
        return false;
    QFile config(dir.filePath(QStringLiteral("load.conf")));
    if (!config.open(QIODevice::WriteOnly))
        return false;
    // Every fact goes out at once (no batching) and nobody is rate limited.
    config.write("[facts]\ncommunity_interval_ms=0\n[talks]\ntally_interval_ms=250\n"
                 "[abuse]\nposts_per_minute=0\nmessages_per_minute=0\nvotes_per_minute=0\n"
                 "connections_per_address=0\n[limits]\nmax_pending_connections=2048\n"
                 "[log]\nlevel=info\n");
    config.close();
    std::vector<std::unique_ptr<ServerProcess>> nodes;
    for (int node = 0; node < m_options.nodes; ++node) {
        nodes.push_back(std::make_unique<ServerProcess>());
        if (!nodes.back()->start(m_options.hallwayServer,
                                 {QStringLiteral("--port"), QStringLiteral("0"),
                                  QStringLiteral("--database"), databaseUrl,
                                  QStringLiteral("--config"), config.fileName()},
                                 m_options.serverCores)) {
            m_out << "hallway-server did not start:\n" << nodes.back()->log() << Qt::endl;
            return false;
        }
    }
    const auto residentKiB = [&]() {
        qint64 sum = 0;
        for (const auto &node : nodes)
            sum += node->residentKiB();
        return sum;
    };
    const auto cpuSeconds = [&]() {
        double sum = 0;
        for (const auto &node : nodes)
            sum += node->cpuSeconds();
        return sum;
    };
    const qint64 baseKiB = residentKiB();
    for (const auto &node : nodes)
        m_out << "hallway-server on cores " << allowedCores(node->pid()) << Qt::endl;

    std::vector<LoadClient *> clients;
    QObject owner;
    for (qsizetype i = 0; i < tokens.size(); ++i)
        clients.push_back(new LoadClient(nodes.at(i % nodes.size())->url(), tokens.at(i), &owner));
    if (!connectAll(clients, result))
        return false;

    std::vector<qint64> latencies;
    qint64 sent = 0;
    qint64 expectedDeliveries = 0;
    QList<qint64> talkIds;
    // Posts: every connection posts and nobody reads the feed, so the writes are measured,
    // not the fan-out; each connection stays within its outstanding-request cap.
    const bool repliesCount =
            m_options.scenario == Scenario::Votes || m_options.scenario == Scenario::Posts;
    const QString topic = m_options.scenario == Scenario::Fanout ? QStringLiteral("facts.community")
            : m_options.scenario == Scenario::Chat               ? QStringLiteral("chat")
                                                                 : QStringLiteral("talks");
    for (std::size_t i = 0; i < clients.size(); ++i) {
        LoadClient *client = clients[i];
        // With two nodes, the latency that counts is the other node's (posts go to the first).
        const bool measured = nodes.size() == 1 || i % nodes.size() != 0;
        QObject::connect(client, &LoadClient::frame, client,
                         [&, measured](const QString &text, qint64 receivedNs) {
                             ++result.deliveries;
                             const qint64 stamp = stampIn(text);
                             if (measured && stamp > 0 && latencies.size() < MaxSamples)
                                 latencies.push_back(receivedNs - stamp);
                         });
        QObject::connect(client, &LoadClient::replied, client,
                         [&](qint64, bool ok, qint64 latencyNs, const QJsonObject &data) {
                             if (ok)
                                 ++result.acknowledged;
                             else
                                 ++result.refused[data.value(QStringLiteral("code")).toString()];
                             const qint64 talk = data.value(QStringLiteral("talk"))
                                                         .toObject()
                                                         .value(QStringLiteral("id"))
                                                         .toInteger();
                             if (talk > 0)
                                 talkIds.append(talk);
                             // Votes and posts: the commit is what the sender waits for.
                             if (repliesCount
                                 && (data.contains(QStringLiteral("votes"))
                                     || data.contains(QStringLiteral("fact")))
                                 && latencies.size() < MaxSamples)
                                 latencies.push_back(latencyNs);
                         });
        client->request(QStringLiteral("topic.subscribe"), {{QStringLiteral("topic"), topic}});
    }
    if (m_options.scenario == Scenario::Votes) {
        for (int i = 0; i < Talks; ++i)
            clients.front()->request(QStringLiteral("talk.propose"),
                                     {{QStringLiteral("clientId"), QStringLiteral("talk%1").arg(i)},
                                      {QStringLiteral("title"), QStringLiteral("Talk %1").arg(i)}});
        waitFor([&]() { return talkIds.size() >= Talks; }, 10'000);
    }
    // Idle and subscribed: what each connection costs the server.
    waitFor([&]() { return result.acknowledged >= qint64(clients.size()); }, 30'000);
    QThread::msleep(500);
    QCoreApplication::processEvents();
    result.rssPerConnectionKiB = double(residentKiB() - baseKiB) / clients.size();
    result.deliveries = 0;
    result.acknowledged = 0;
    latencies.clear();

    QRandomGenerator random(42);
    const auto pick = [&]() {
        return clients.at(random.bounded(static_cast<int>(clients.size())));
    };
    const std::function<void()> action = [&]() {
        const QString stamp = QStringLiteral("t=%1").arg(nowNs());
        const QString clientId = QStringLiteral("c%1").arg(++sent);
        switch (m_options.scenario) {
        case Scenario::Fanout:
            clients.front()->request(
                    QStringLiteral("fact.post"),
                    {{QStringLiteral("clientId"), clientId}, {QStringLiteral("text"), stamp}});
            expectedDeliveries += static_cast<qint64>(clients.size());
            break;
        case Scenario::Posts:
            pick()->request(
                    QStringLiteral("fact.post"),
                    {{QStringLiteral("clientId"), clientId}, {QStringLiteral("text"), stamp}});
            break;
        case Scenario::Votes:
            if (!talkIds.isEmpty())
                pick()->request(QStringLiteral("talk.toggle_vote"),
                                {{QStringLiteral("clientId"), clientId},
                                 {QStringLiteral("talkId"),
                                  talkIds.at(random.bounded(static_cast<int>(talkIds.size())))}});
            break;
        case Scenario::Chat: {
            // Pairs: 0 with 1, 2 with 3, ...; each message is delivered to the peer.
            const int pair = random.bounded(std::max<int>(1, static_cast<int>(clients.size()) / 2));
            LoadClient *from = clients.at(2 * pair);
            LoadClient *to = clients.at(std::min<std::size_t>(2 * pair + 1, clients.size() - 1));
            from->request(QStringLiteral("chat.send"),
                          {{QStringLiteral("clientId"), clientId},
                           {QStringLiteral("to"), to->userId()},
                           {QStringLiteral("text"), stamp}});
            expectedDeliveries += 1;
            break;
        }
        }
    };
    const double cpuBefore = cpuSeconds();
    // From here on only the load's writes count (not the subscriptions and talks above).
    result.acknowledged = 0;
    result.refused.clear();
    drive(action, latencies, result, [&]() {
        qint64 refused = 0;
        for (const qint64 count : std::as_const(result.refused))
            refused += count;
        return repliesCount ? sent - result.acknowledged - refused
                            : expectedDeliveries - result.deliveries;
    });
    result.serverCpuSeconds = cpuSeconds() - cpuBefore;
    // Its backends included, which the postmaster forked for the server after it was pinned.
    if (m_postmaster > 0)
        m_out << "postgres on cores " << allowedCoresOfPostgres(m_postmaster) << Qt::endl;
    for (const auto &node : nodes)
        node->stop();
    return true;
}

bool LoadGenerator::measureReference(Result &result)
{
    ServerProcess server;
    if (!server.start(m_options.referenceServer, {QStringLiteral("--port"), QStringLiteral("0")},
                      m_options.serverCores)) {
        m_out << "the reference server did not start:\n" << server.log() << Qt::endl;
        return false;
    }
    const qint64 baseKiB = server.residentKiB();
    std::vector<LoadClient *> clients;
    QObject owner;
    for (int i = 0; i < m_options.connections; ++i)
        clients.push_back(new LoadClient(server.url(), QString(), &owner));
    if (!connectAll(clients, result))
        return false;
    std::vector<qint64> latencies;
    qint64 expected = 0;
    for (LoadClient *client : clients)
        QObject::connect(client, &LoadClient::frame, client,
                         [&](const QString &text, qint64 receivedNs) {
                             ++result.deliveries;
                             const qint64 stamp = stampIn(text);
                             if (stamp > 0 && latencies.size() < MaxSamples)
                                 latencies.push_back(receivedNs - stamp);
                         });
    QThread::msleep(500);
    QCoreApplication::processEvents();
    result.rssPerConnectionKiB = double(server.residentKiB() - baseKiB) / clients.size();
    const double cpuBefore = server.cpuSeconds();
    drive(
            [&]() {
                // About the size of a Hallway fact event, so both move the same bytes.
                clients.front()->sendRaw(
                        QStringLiteral("{\"data\":{\"facts\":[{\"author\":{\"displayName\":"
                                       "\"Load 0\",\"id\":1,\"username\":\"load0\"},"
                                       "\"clientId\":\"c1\",\"createdAt\":1795890060000,"
                                       "\"id\":1,\"text\":\"t=%1\"}],\"kind\":\"posted\"},"
                                       "\"seq\":1,\"topic\":\"facts.community\",\"type\":"
                                       "\"event\"}")
                                .arg(nowNs()));
                expected += static_cast<qint64>(clients.size());
            },
            latencies, result, [&]() { return expected - result.deliveries; });
    result.serverCpuSeconds = server.cpuSeconds() - cpuBefore;
    server.stop();
    return true;
}

void LoadGenerator::report(const Result &result)
{
    m_out << "\n" << result.server << Qt::endl;
    m_out << QStringLiteral("  connections              %1").arg(result.connected) << Qt::endl;
    m_out << QStringLiteral("  actions                  %1 in %2 s")
                     .arg(result.actions)
                     .arg(result.seconds, 0, 'f', 1)
          << Qt::endl;
    m_out << QStringLiteral("  deliveries/s             %1")
                     .arg(result.perSecond(result.deliveries), 0, 'f', 0)
          << Qt::endl;
    m_out << QString::fromLatin1(m_options.nodes > 1 && result.server.startsWith(u'h')
                                         ? "  cross-node p50/p99/max   %1 / %2 / %3 ms"
                                         : "  latency p50/p99/max      %1 / %2 / %3 ms")
                     .arg(result.p50Ms, 0, 'f', 1)
                     .arg(result.p99Ms, 0, 'f', 1)
                     .arg(result.maxMs, 0, 'f', 1)
          << Qt::endl;
    m_out << QStringLiteral("  server CPU per delivery  %1 us (%2 s CPU)")
                     .arg(result.cpuPerDeliveryUs(), 0, 'f', 2)
                     .arg(result.serverCpuSeconds, 0, 'f', 2)
          << Qt::endl;
    m_out << QStringLiteral("  server RSS / connection  %1 KiB")
                     .arg(result.rssPerConnectionKiB, 0, 'f', 1)
          << Qt::endl;
    if (result.server.startsWith(QLatin1StringView("hallway")))
        m_out << QStringLiteral("  durable writes/s         %1")
                         .arg(result.perSecond(result.acknowledged), 0, 'f', 0)
              << Qt::endl;
    if (result.secondsUntilDrained > result.seconds + 0.5)
        m_out << QStringLiteral("  answered until           %1 s (rates divide by it)")
                         .arg(result.secondsUntilDrained, 0, 'f', 1)
              << Qt::endl;
    if (result.unanswered > 0)
        m_out << QStringLiteral("  unanswered after drain   %1").arg(result.unanswered) << Qt::endl;
    // A run in which the server refused writes measured something else: say so.
    for (auto refused = result.refused.cbegin(); refused != result.refused.cend(); ++refused)
        m_out << QStringLiteral("  refused (%1)%2%3")
                         .arg(refused.key())
                         .arg(QString(std::max<qsizetype>(1, 13 - refused.key().size()), u' '))
                         .arg(refused.value())
              << Qt::endl;
}

} // namespace Hallway::Bench
