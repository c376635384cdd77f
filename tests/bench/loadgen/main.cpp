// SPDX-License-Identifier: MIT
// hallway-loadgen: measures a real hallway-server under load; see docs/performance.md.
#include "loadgenerator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

using namespace Hallway::Bench;

namespace {
int fail(const QString &message)
{
    QTextStream(stderr) << "hallway-loadgen: " << message << Qt::endl;
    return 2;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("hallway.*.info=false"));
    QTextStream out(stdout);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Starts hallway-server (and for fanout the bare QtWebSockets reference server) on "
            "loopback, loads it, and reports deliveries/s, latency, server CPU per delivered "
            "message, server memory per connection and committed writes/s."));
    parser.addHelpOption();
    const QCommandLineOption scenario(
            QStringLiteral("scenario"),
            QStringLiteral("fanout, posts, votes or chat (default fanout)."),
            QStringLiteral("name"), QStringLiteral("fanout"));
    const QCommandLineOption connections(QStringLiteral("connections"),
                                         QStringLiteral("Connections, 1 to 10000 (default 100)."),
                                         QStringLiteral("n"), QStringLiteral("100"));
    const QCommandLineOption rate(QStringLiteral("rate"),
                                  QStringLiteral("Actions per second in all (default 10)."),
                                  QStringLiteral("r"), QStringLiteral("10"));
    const QCommandLineOption duration(QStringLiteral("duration"),
                                      QStringLiteral("Seconds of load, 1 to 600 (default 10)."),
                                      QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption database(QStringLiteral("database"),
                                      QStringLiteral("Database URL (default: SQLite in a "
                                                     "temporary folder)."),
                                      QStringLiteral("url"));
    const QCommandLineOption noReference(QStringLiteral("no-reference"),
                                         QStringLiteral("Skip the reference server."));
    const QCommandLineOption nodes(QStringLiteral("nodes"),
                                   QStringLiteral("hallway-server nodes, 1 or 2 (default 1); two "
                                                  "share one PostgreSQL --database."),
                                   QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption serverCpus(
            QStringLiteral("server-cpus"),
            QStringLiteral("Cores for hallway-server and the reference server, as taskset "
                           "writes them (0, 1-3, 0,2); default anywhere."),
            QStringLiteral("list"));
    const QCommandLineOption postgresCpus(
            QStringLiteral("postgres-cpus"),
            QStringLiteral("Cores for the PostgreSQL of --database, which must run on this "
                           "machine; default anywhere."),
            QStringLiteral("list"));
    const QCommandLineOption loadgenCpus(
            QStringLiteral("loadgen-cpus"),
            QStringLiteral("Cores for the load generator itself and pgbench; default anywhere."),
            QStringLiteral("list"));
    const QCommandLineOption pgbench(
            QStringLiteral("pgbench"),
            QStringLiteral("After the run, measure pgbench's inserts into the same facts table "
                           "(PostgreSQL --database) for --duration each, and the ratio."));
    parser.addOptions({scenario, connections, rate, duration, database, noReference, nodes,
                       serverCpus, postgresCpus, loadgenCpus, pgbench});
    parser.process(app);

    LoadGenerator::Options options;
    const QString name = parser.value(scenario);
    if (name == QLatin1StringView("fanout"))
        options.scenario = LoadGenerator::Scenario::Fanout;
    else if (name == QLatin1StringView("posts"))
        options.scenario = LoadGenerator::Scenario::Posts;
    else if (name == QLatin1StringView("votes"))
        options.scenario = LoadGenerator::Scenario::Votes;
    else if (name == QLatin1StringView("chat"))
        options.scenario = LoadGenerator::Scenario::Chat;
    else {
        return fail(QStringLiteral("unknown scenario %1").arg(name));
    }
    bool ok = false;
    options.connections = parser.value(connections).toInt(&ok);
    if (!ok || options.connections < 1 || options.connections > 10'000)
        return QTextStream(stderr)
                       << "hallway-loadgen: --connections must be 1 to 10000" << Qt::endl,
               2;
    options.rate = parser.value(rate).toDouble(&ok);
    if (!ok || options.rate <= 0 || options.rate > 100'000)
        return fail(QStringLiteral("--rate must be above 0 and at most 100000"));
    options.durationSeconds = parser.value(duration).toInt(&ok);
    if (!ok || options.durationSeconds < 1 || options.durationSeconds > 600)
        return fail(QStringLiteral("--duration must be 1 to 600"));
    options.databaseUrl = parser.value(database);
    options.reference = !parser.isSet(noReference);
    options.nodes = parser.value(nodes).toInt(&ok);
    if (!ok || options.nodes < 1 || options.nodes > 2)
        return fail(QStringLiteral("--nodes must be 1 or 2"));
    if (options.nodes == 2 && !options.databaseUrl.startsWith(QLatin1StringView("postgres")))
        return fail(QStringLiteral("--nodes 2 needs a PostgreSQL --database"));
    QString coresError;
    options.serverCores = CoreSet::parse(parser.value(serverCpus), &coresError);
    options.postgresCores = CoreSet::parse(parser.value(postgresCpus), &coresError);
    options.loadgenCores = CoreSet::parse(parser.value(loadgenCpus), &coresError);
    if (!coresError.isEmpty())
        return fail(coresError);
    if (!options.postgresCores.isEmpty() && !options.databaseUrl.startsWith(u"postgres"))
        return fail(QStringLiteral("--postgres-cpus needs a PostgreSQL --database"));
    options.pgbench = parser.isSet(pgbench);
    if (options.pgbench && !options.databaseUrl.startsWith(u"postgres"))
        return fail(QStringLiteral("--pgbench needs a PostgreSQL --database"));
    // Another build's server, to compare two builds under one load generator.
    options.hallwayServer =
            qEnvironmentVariable("HALLWAY_LOADGEN_SERVER", QStringLiteral(HALLWAY_SERVER_PATH));
    options.referenceServer = QStringLiteral(HALLWAY_REFERENCE_PATH);
    LoadGenerator generator(options, out);
    return generator.run();
}
