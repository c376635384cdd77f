// SPDX-License-Identifier: MIT
// hallway-server: runs a Hallway room for an event.
#include "auth/passwordhasher.h"
#include "hallwayserver.h"
#include "logging.h"
#include "serversettings.h"
#include "storage/storage.h"
#include "talk.h"
#include "validation.h"

#include <QFile>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSettings>
#include <QTextStream>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Hallway;

namespace {

int fail(const QString &message)
{
    QTextStream(stderr) << "hallway-server: " << message << Qt::endl;
    return 1;
}

bool applyLogLevel(const QString &level)
{
    static const QHash<QString, QString> rules = {
            {QStringLiteral("debug"), QStringLiteral("hallway.*.debug=true\nhallway.debug=true")},
            {QStringLiteral("info"), QString()},
            {QStringLiteral("warning"), QStringLiteral("hallway.*.info=false\nhallway.info=false")},
            {QStringLiteral("error"),
             QStringLiteral("hallway.*.info=false\nhallway.info=false\n"
                            "hallway.*.warning=false\nhallway.warning=false")},
    };
    if (!rules.contains(level))
        return false;
    if (!rules.value(level).isEmpty())
        QLoggingCategory::setFilterRules(rules.value(level));
    return true;
}

#ifdef Q_OS_UNIX
// SIGINT/SIGTERM are turned into a readable byte on a socket pair, so the shutdown runs on
// the event loop and not inside a signal handler.
int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[0], &byte, 1);
}

void installSignalHandlers(HallwayServer &server)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[1], QSocketNotifier::Read, &server);
    QObject::connect(notifier, &QSocketNotifier::activated, &server, [&server, notifier]() {
        char byte;
        [[maybe_unused]] const auto read = ::read(signalPipe[1], &byte, 1);
        notifier->setEnabled(false);
        qCInfo(lcServer) << "signal received";
        server.shutdown();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}
#endif

// --create-moderator: makes USERNAME a moderator, creating the account (password read from
// standard input) when it does not exist yet.
int createModerator(const ServerSettings &settings, const QString &rawUsername, QString displayName)
{
    const QString username = Validation::normalizeUsername(rawUsername);
    if (const auto problem = Validation::checkUsername(username))
        return fail(*problem);
    const auto url =
            DatabaseUrl::parse(settings.databaseUrl.isEmpty() ? ServerSettings::defaultDatabaseUrl()
                                                              : settings.databaseUrl);
    if (!url)
        return fail(url.error().message);
    Storage storage(url.value());
    if (const Status opened = storage.open(); !opened)
        return fail(opened.error().message);

    const auto promoted =
            storage.runBlocking<Expected<UserInfo>>([username](StorageWorker &worker) {
                return worker.setRole(username, Role::Moderator);
            });
    if (promoted) {
        QTextStream(stdout) << username << " is now a moderator" << Qt::endl;
        return 0;
    }
    if (promoted.error().code != ErrorCode::NotFound)
        return fail(promoted.error().message);

    QTextStream(stderr) << "Password for new moderator " << username << ": " << Qt::flush;
    const QString password = QTextStream(stdin).readLine();
    if (const auto problem = Validation::checkPassword(password))
        return fail(*problem);
    displayName = displayName.trimmed().isEmpty() ? username : displayName.trimmed();
    if (const auto problem = Validation::checkDisplayName(displayName))
        return fail(*problem);
    const auto hash = PasswordHasher::hashNow(password);
    if (!hash)
        return fail(hash.error().message);
    const NewUser user{username, displayName, hash.value(), QString(), QString(), Role::Moderator};
    const auto created = storage.runBlocking<Expected<UserInfo>>([user](StorageWorker &worker) {
        return worker.createUser(user, QDateTime::currentMSecsSinceEpoch());
    });
    if (!created)
        return fail(created.error().message);
    QTextStream(stdout) << "created moderator " << username << Qt::endl;
    return 0;
}

// --export-talks: the results as CSV (rank, title, speaker, votes), to a file or, for "-",
// to standard output.
int exportTalks(const ServerSettings &settings, const QString &path)
{
    const auto url =
            DatabaseUrl::parse(settings.databaseUrl.isEmpty() ? ServerSettings::defaultDatabaseUrl()
                                                              : settings.databaseUrl);
    if (!url)
        return fail(url.error().message);
    Storage storage(url.value());
    if (const Status opened = storage.open(); !opened)
        return fail(opened.error().message);
    const auto talks = storage.runBlocking<Expected<QList<Talk>>>(
            [](StorageWorker &worker) { return worker.talks(false); });
    if (!talks)
        return fail(talks.error().message);
    const QByteArray csv = talkResultsCsv(talks.value()).toUtf8();
    if (path == QLatin1StringView("-")) {
        QTextStream(stdout) << QString::fromUtf8(csv) << Qt::flush;
        return 0;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(csv) != csv.size())
        return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    QTextStream(stdout) << "wrote " << talks->size() << " talks to " << path << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt's own UNIX event dispatcher: GLib's removes socket notifiers by linear search, which
    // costs a server with thousands of sockets dearly (see docs/operations.md).
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Hallway"));
    QCoreApplication::setApplicationName(QStringLiteral("hallway-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HALLWAY_VERSION));
    qSetMessagePattern(
            QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Runs a Hallway room: presence, facts, chat and "
                           "lightning talks for a conference."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listenOption(QStringLiteral("listen"),
                                          QStringLiteral("Address to listen on (default 127.0.0.1; "
                                                         "0.0.0.0 for every IPv4 interface)."),
                                          QStringLiteral("address"));
    const QCommandLineOption portOption(
            QStringLiteral("port"), QStringLiteral("TCP port (default 8470; 0 picks a free one)."),
            QStringLiteral("port"));
    const QCommandLineOption databaseOption(
            QStringLiteral("database"),
            QStringLiteral("sqlite:PATH or postgres://user[:password]@host[:port]/dbname "
                           "(?host=/socket/dir for a unix socket). Default: sqlite in %1.")
                    .arg(ServerSettings::defaultDatabaseUrl().mid(7)),
            QStringLiteral("url"));
    const QCommandLineOption configOption(
            QStringLiteral("config"),
            QStringLiteral("INI file with settings (see "
                           "docs/operations.md); options override it."),
            QStringLiteral("file"));
    const QCommandLineOption logLevelOption(
            QStringLiteral("log-level"), QStringLiteral("debug, info (default), warning or error."),
            QStringLiteral("level"));
    const QCommandLineOption createModeratorOption(
            QStringLiteral("create-moderator"),
            QStringLiteral("Make USERNAME a moderator and exit; creates the account if needed, "
                           "reading its password from standard input."),
            QStringLiteral("username"));
    const QCommandLineOption displayNameOption(
            QStringLiteral("display-name"), QStringLiteral("Display name for --create-moderator."),
            QStringLiteral("name"));
    const QCommandLineOption exportTalksOption(
            QStringLiteral("export-talks"),
            QStringLiteral(
                    "Write the lightning talk results as CSV (rank, title, speaker, votes) to "
                    "FILE, or to standard output for -, and exit."),
            QStringLiteral("file"));
    parser.addOptions({listenOption, portOption, databaseOption, configOption, logLevelOption,
                       createModeratorOption, displayNameOption, exportTalksOption});
    parser.process(app);
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument %1; see --help")
                            .arg(parser.positionalArguments().constFirst()));

    ServerSettings settings;
    QString logLevel = QStringLiteral("info");
    if (parser.isSet(configOption)) {
        const QString path = parser.value(configOption);
        if (const Status loaded = settings.loadFile(path); !loaded)
            return fail(loaded.error().message);
        logLevel = QSettings(path, QSettings::IniFormat)
                           .value(QStringLiteral("log/level"), logLevel)
                           .toString();
    }
    if (parser.isSet(listenOption)) {
        const QHostAddress address(parser.value(listenOption));
        if (address.isNull())
            return fail(QStringLiteral("--listen needs an IP address, got \"%1\"")
                                .arg(parser.value(listenOption)));
        settings.listenAddress = address;
    }
    if (parser.isSet(portOption)) {
        bool ok = false;
        const uint port = parser.value(portOption).toUInt(&ok);
        if (!ok || port > 65535)
            return fail(QStringLiteral("--port needs a number from 0 to 65535"));
        settings.port = static_cast<quint16>(port);
    }
    if (parser.isSet(databaseOption))
        settings.databaseUrl = parser.value(databaseOption);
    if (parser.isSet(logLevelOption))
        logLevel = parser.value(logLevelOption);
    if (!applyLogLevel(logLevel))
        return fail(QStringLiteral("unknown log level \"%1\"; use debug, info, warning or error")
                            .arg(logLevel));

    if (parser.isSet(exportTalksOption))
        return exportTalks(settings, parser.value(exportTalksOption));
    if (parser.isSet(createModeratorOption))
        return createModerator(settings, parser.value(createModeratorOption),
                               parser.value(displayNameOption));

    HallwayServer server(settings);
    if (const Status started = server.start(); !started)
        return fail(started.error().message);
#ifdef Q_OS_UNIX
    installSignalHandlers(server);
#endif
    QObject::connect(&server, &HallwayServer::stopped, &app, &QCoreApplication::quit);
    return app.exec();
}
