// SPDX-License-Identifier: MIT
#pragma once

#include "corepinning.h"

#include <QMap>
#include <QObject>
#include <QString>
#include <QTextStream>
#include <vector>

namespace Hallway::Bench {

class LoadClient;
class ServerProcess;

// Runs one scenario against a real hallway-server it starts itself (and, for fanout, against
// the bare QtWebSockets reference server in the same run) and measures what the server
// costs: deliveries per second, latency, CPU per delivered message, memory per connection
// and committed writes per second. Everything is bounded in count and time, on loopback.
class LoadGenerator : public QObject {
    Q_OBJECT
public:
    enum class Scenario { Fanout, Posts, Votes, Chat };
    struct Options {
        Scenario scenario = Scenario::Fanout;
        int connections = 100;
        double rate = 10; // actions per second in all
        int durationSeconds = 10;
        QString databaseUrl; // empty: SQLite in a temporary folder
        bool reference = true; // fanout: measure the reference server too
        // 2: two hallway-server nodes on one PostgreSQL; connections alternate between them,
        // everything is posted on the first, and latency is measured on the second.
        int nodes = 1;
        // Where each runs (taskset's lists); empty: anywhere. PostgreSQL only if local.
        CoreSet serverCores;
        CoreSet postgresCores;
        CoreSet loadgenCores;
        // After the run: pgbench's inserts into the same database, as the physical reference.
        bool pgbench = false;
        QString hallwayServer;
        QString referenceServer;
    };
    struct Result {
        QString server;
        int connected = 0;
        qint64 actions = 0;
        qint64 acknowledged = 0; // committed writes (Hallway)
        QMap<QString, qint64> refused; // requests answered with an error, by its code
        qint64 deliveries = 0;
        double seconds = 0; // of load
        // From the start of the load until what was sent in it was answered (or the drain
        // gave up): what the rates divide by, so a server that queues is not credited with
        // the answers it gave after the load stopped.
        double secondsUntilDrained = 0;
        qint64 unanswered = 0; // still outstanding when the drain gave up
        double p50Ms = 0, p99Ms = 0, maxMs = 0; // with two nodes: cross-node deliveries
        double serverCpuSeconds = 0;
        double rssPerConnectionKiB = 0;
        double perSecond(qint64 count) const
        {
            return count / std::max({seconds, secondsUntilDrained, 0.001});
        }
        double cpuPerDeliveryUs() const
        {
            return deliveries > 0 ? serverCpuSeconds * 1e6 / deliveries : 0;
        }
    };

    LoadGenerator(const Options &options, QTextStream &out, QObject *parent = nullptr);

    // Returns 0 when every run completed, 1 otherwise.
    int run();

private:
    bool measureHallway(Result &result);
    bool measureReference(Result &result);
    bool comparePgbench(const Result &hallway);
    bool seed(const QString &databaseUrl, QStringList &tokens);
    bool connectAll(std::vector<LoadClient *> &clients, Result &result);
    void drive(const std::function<void()> &action, std::vector<qint64> &latencies, Result &result,
               const std::function<qint64()> &outstanding);
    void report(const Result &result);
    static void percentiles(std::vector<qint64> &latencies, Result &result);

    Options m_options;
    qint64 m_postmaster = 0; // when PostgreSQL is pinned
    CoreSet m_postgresCoresBefore; // and where it ran before
    QTextStream &m_out;
};

} // namespace Hallway::Bench
