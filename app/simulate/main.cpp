// SPDX-License-Identifier: MIT
// hallway-simulate: brings a Hallway room to life for demos and load.
#include "simulator.h"
#include "validation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

using namespace Hallway;

namespace {
int fail(QTextStream &err, const QString &message)
{
    err << QStringLiteral("hallway-simulate: ") << message << Qt::endl;
    return 2;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hallway-simulate"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HALLWAY_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(Simulator::tr(
            "Signs in simulated attendees who come and go, post facts, chat, propose talks "
            "and vote, at about RATE actions per second in all, then stops by itself."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(
            QStringLiteral("server"),
            Simulator::tr("The room, e.g. ws://127.0.0.1:8470 (required)."), QStringLiteral("url"));
    const QCommandLineOption usersOption(
            QStringLiteral("users"), Simulator::tr("How many attendees, 1 to 5000 (default 20)."),
            QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption rateOption(
            QStringLiteral("rate"),
            Simulator::tr("Actions per second in all, up to 10000 (default 5)."),
            QStringLiteral("r"), QStringLiteral("5"));
    const QCommandLineOption durationOption(
            QStringLiteral("duration"), Simulator::tr("Seconds to run, 1 to 86400 (default 60)."),
            QStringLiteral("s"), QStringLiteral("60"));
    const QCommandLineOption prefixOption(
            QStringLiteral("prefix"),
            Simulator::tr(
                    "Username prefix: PREFIX-0001, PREFIX-0002... (default sim). Existing accounts "
                    "sign in with --password; new ones are registered with it."),
            QStringLiteral("prefix"), QStringLiteral("sim"));
    const QCommandLineOption passwordOption(QStringLiteral("password"),
                                            Simulator::tr("The attendees' password (default "
                                                          "simulated-attendee)."),
                                            QStringLiteral("password"),
                                            QStringLiteral("simulated-attendee"));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"),
                                           Simulator::tr("Log every attendee's connection, "
                                                         "sign-in, break and return."));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
                                        Simulator::tr("Random seed, for a repeatable run."),
                                        QStringLiteral("n"));
    parser.addOptions({serverOption, usersOption, rateOption, durationOption, prefixOption,
                       passwordOption, seedOption, verboseOption});
    parser.process(app);
    // The client core and hallway.simulate log each attendee's comings and goings, and the
    // core warns once per attendee of what the simulator reports once in all; without
    // --verbose the progress lines and the summary say enough.
    QLoggingCategory::setFilterRules(
            parser.isSet(verboseOption)
                    ? QStringLiteral("hallway.simulate.debug=true")
                    : QStringLiteral("hallway.client.*.info=false\nhallway.client.*.warning=false\n"
                                     "hallway.simulate.info=false"));

    Simulator::Options options;
    options.server = QUrl(parser.value(serverOption));
    if (!parser.isSet(serverOption))
        return fail(err, Simulator::tr("--server is required, e.g. --server ws://127.0.0.1:8470"));
    if (!options.server.isValid()
        || (options.server.scheme() != QLatin1StringView("ws")
            && options.server.scheme() != QLatin1StringView("wss"))
        || options.server.host().isEmpty())
        return fail(err,
                    Simulator::tr("--server must be a ws:// or wss:// address, got \"%1\"")
                            .arg(parser.value(serverOption)));
    bool ok = false;
    options.users = parser.value(usersOption).toInt(&ok);
    if (!ok || options.users < 1 || options.users > 5000)
        return fail(err, Simulator::tr("--users must be a whole number from 1 to 5000"));
    options.rate = parser.value(rateOption).toDouble(&ok);
    if (!ok || options.rate <= 0 || options.rate > 10'000)
        return fail(err, Simulator::tr("--rate must be a number above 0 and at most 10000"));
    options.durationSeconds = parser.value(durationOption).toInt(&ok);
    if (!ok || options.durationSeconds < 1 || options.durationSeconds > 86'400)
        return fail(err,
                    Simulator::tr("--duration must be a whole number of seconds from 1 to 86400"));
    options.prefix = parser.value(prefixOption);
    // The server would refuse these one attendee at a time; say so once, up front.
    const QString lastUsername =
            QStringLiteral("%1-%2").arg(options.prefix).arg(options.users, 4, 10, QLatin1Char('0'));
    if (const auto problem = Validation::checkUsername(Validation::normalizeUsername(lastUsername)))
        return fail(err,
                    Simulator::tr("--prefix \"%1\" makes usernames such as \"%2\" that the "
                                  "server refuses: %3")
                            .arg(options.prefix, lastUsername, *problem));
    options.password = parser.value(passwordOption);
    if (const auto problem = Validation::checkPassword(options.password))
        return fail(err, Simulator::tr("--password: %1").arg(*problem));
    if (parser.isSet(seedOption))
        options.seed = parser.value(seedOption).toUInt();

    Simulator simulator(options, out, err);
    QObject::connect(&simulator, &Simulator::finished, &app, &QCoreApplication::exit);
    simulator.start();
    return app.exec();
}
