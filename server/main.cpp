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

#include <optional>

#ifdef Q_OS_LINUX
#include "eventloop/epolleventdispatcher.h"
#endif

#ifdef Q_OS_UNIX
#include <QSocketNotifier>
#include <csignal>
#include <sys/socket.h>
#include <termios.h>
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

// The command-line tools' database: opened and migrated, or null with the reason in problem.
std::unique_ptr<Storage> openStorage(const ServerSettings &settings, QString &problem)
{
    const auto url =
            DatabaseUrl::parse(settings.databaseUrl.isEmpty() ? ServerSettings::defaultDatabaseUrl()
                                                              : settings.databaseUrl);
    if (!url) {
        problem = url.error().message;
        return nullptr;
    }
    auto storage = std::make_unique<Storage>(url.value());
    if (const Status opened = storage->open(); !opened) {
        problem = opened.error().message;
        return nullptr;
    }
    return storage;
}

// Reads a line from standard input, without echoing it when that is a terminal.
QString readPassword()
{
#ifdef Q_OS_UNIX
    termios saved = {};
    const bool terminal = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    const QString line = QTextStream(stdin).readLine();
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        QTextStream(stderr) << QStringLiteral("\n") << Qt::flush;
    }
    return line;
#else
    return QTextStream(stdin).readLine();
#endif
}

// --remove-moderator: makes USERNAME an attendee again (at their next sign-in if they are
// signed in to a running server).
int removeModerator(const ServerSettings &settings, const QString &rawUsername)
{
    const QString username = Validation::normalizeUsername(rawUsername);
    QString openProblem;
    const auto opened = openStorage(settings, openProblem);
    if (!opened)
        return fail(openProblem);
    Storage &storage = *opened;
    const auto demoted = storage.runBlocking<Expected<UserInfo>>([username](StorageWorker &worker) {
        return worker.moderation().setRole(username, Role::Attendee);
    });
    if (!demoted)
        return fail(demoted.error().message);
    QTextStream(stdout) << username << " is now an attendee" << Qt::endl;
    return 0;
}

// --create-moderator: makes USERNAME a moderator, creating the account (password read from
// standard input) when it does not exist yet.
int createModerator(const ServerSettings &settings, const QString &rawUsername, QString displayName)
{
    const QString username = Validation::normalizeUsername(rawUsername);
    if (const auto problem = Validation::checkUsername(username))
        return fail(*problem);
    QString openProblem;
    const auto opened = openStorage(settings, openProblem);
    if (!opened)
        return fail(openProblem);
    Storage &storage = *opened;

    const auto promoted =
            storage.runBlocking<Expected<UserInfo>>([username](StorageWorker &worker) {
                return worker.moderation().setRole(username, Role::Moderator);
            });
    if (promoted) {
        QTextStream(stdout) << username << " is now a moderator" << Qt::endl;
        return 0;
    }
    if (promoted.error().code != ErrorCode::NotFound)
        return fail(promoted.error().message);

    QTextStream(stderr) << "Password for new moderator " << username << ": " << Qt::flush;
    const QString password = readPassword();
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
        return worker.moderation().createModerator(user, QDateTime::currentMSecsSinceEpoch());
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
    QString openProblem;
    const auto opened = openStorage(settings, openProblem);
    if (!opened)
        return fail(openProblem);
    Storage &storage = *opened;
    const auto talks = storage.runBlocking<Expected<QList<Talk>>>(
            [](StorageWorker &worker) { return worker.talks().talks(false); });
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

// The network thread's event dispatcher, before QCoreApplication would make Qt's: on Linux
// EpollEventDispatcher unless HALLWAY_EVENT_DISPATCHER=qt (docs/operations.md). Returns its
// name, or nothing for a value it does not know.
std::optional<QString> installEventDispatcher()
{
    const QString asked = qEnvironmentVariable("HALLWAY_EVENT_DISPATCHER");
    // Qt's own UNIX event dispatcher when it is Qt's: GLib's removes socket notifiers by
    // linear search, which costs a server with thousands of sockets dearly.
    qputenv("QT_NO_GLIB", "1");
    if (asked == QLatin1StringView("qt"))
        return QStringLiteral("qt");
#ifdef Q_OS_LINUX
    if (asked.isEmpty() || asked == QLatin1StringView("epoll")) {
        QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
        return QStringLiteral("epoll");
    }
#else
    if (asked.isEmpty())
        return QStringLiteral("qt");
#endif
    return std::nullopt;
}

} // namespace

int main(int argc, char *argv[])
{
    const std::optional<QString> dispatcher = installEventDispatcher();
    if (!dispatcher)
        return fail(QStringLiteral("unknown HALLWAY_EVENT_DISPATCHER \"%1\"; use epoll or qt")
                            .arg(qEnvironmentVariable("HALLWAY_EVENT_DISPATCHER")));
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Hallway"));
    QCoreApplication::setApplicationName(QStringLiteral("hallway-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HALLWAY_VERSION));
    qSetMessagePattern(
            QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"));
    Hallway::installLogFilter();

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
    const QCommandLineOption removeModeratorOption(
            QStringLiteral("remove-moderator"),
            QStringLiteral("Make USERNAME an attendee again and exit."),
            QStringLiteral("username"));
    const QCommandLineOption httpPortOption(
            QStringLiteral("http-port"),
            QStringLiteral("Serve GET /healthz, /stats and /metrics over HTTP on this port "
                           "(0 picks a free one). Off by default."),
            QStringLiteral("port"));
    const QCommandLineOption httpListenOption(
            QStringLiteral("http-listen"),
            QStringLiteral("Address for the HTTP port (default 127.0.0.1)."),
            QStringLiteral("address"));
    const QCommandLineOption tlsCertOption(
            QStringLiteral("tls-cert"),
            QStringLiteral("Serve wss:// with this PEM certificate (chain) file; needs --tls-key."),
            QStringLiteral("file"));
    const QCommandLineOption tlsKeyOption(QStringLiteral("tls-key"),
                                          QStringLiteral("The PEM private key for --tls-cert."),
                                          QStringLiteral("file"));
    const QCommandLineOption exportTalksOption(
            QStringLiteral("export-talks"),
            QStringLiteral(
                    "Write the lightning talk results as CSV (rank, title, speaker, votes) to "
                    "FILE, or to standard output for -, and exit."),
            QStringLiteral("file"));
    parser.addOptions({listenOption, portOption, databaseOption, configOption, logLevelOption,
                       createModeratorOption, displayNameOption, removeModeratorOption,
                       httpPortOption, httpListenOption, tlsCertOption, tlsKeyOption,
                       exportTalksOption});
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
    // Each address and port option: parsed, or a clear message naming it.
    QStringList problems;
    const auto readAddress = [&](const QCommandLineOption &option, QHostAddress &into) {
        if (!parser.isSet(option))
            return;
        const QHostAddress address(parser.value(option));
        if (address.isNull())
            problems.append(QStringLiteral("--%1 needs an IP address, got \"%2\"")
                                    .arg(option.names().constFirst(), parser.value(option)));
        else
            into = address;
    };
    const auto readPort = [&](const QCommandLineOption &option) -> std::optional<quint16> {
        if (!parser.isSet(option))
            return std::nullopt;
        bool ok = false;
        const uint port = parser.value(option).toUInt(&ok);
        if (ok && port <= 65535)
            return static_cast<quint16>(port);
        problems.append(QStringLiteral("--%1 needs a number from 0 to 65535")
                                .arg(option.names().constFirst()));
        return std::nullopt;
    };
    readAddress(listenOption, settings.listenAddress);
    readAddress(httpListenOption, settings.httpListenAddress);
    settings.port = readPort(portOption).value_or(settings.port);
    if (const auto httpPort = readPort(httpPortOption))
        settings.httpPort = httpPort;
    if (!problems.isEmpty())
        return fail(problems.constFirst());
    if (parser.isSet(databaseOption))
        settings.databaseUrl = parser.value(databaseOption);
    if (parser.isSet(tlsCertOption))
        settings.tlsCertificateFile = parser.value(tlsCertOption);
    if (parser.isSet(tlsKeyOption))
        settings.tlsKeyFile = parser.value(tlsKeyOption);
    if (parser.isSet(logLevelOption))
        logLevel = parser.value(logLevelOption);
    if (!applyLogLevel(logLevel))
        return fail(QStringLiteral("unknown log level \"%1\"; use debug, info, warning or error")
                            .arg(logLevel));

    if (parser.isSet(exportTalksOption))
        return exportTalks(settings, parser.value(exportTalksOption));
    if (parser.isSet(removeModeratorOption))
        return removeModerator(settings, parser.value(removeModeratorOption));
    if (parser.isSet(createModeratorOption))
        return createModerator(settings, parser.value(createModeratorOption),
                               parser.value(displayNameOption));

    qCInfo(lcServer).noquote() << "event dispatcher:" << *dispatcher;
    HallwayServer server(settings);
    if (const Status started = server.start(); !started)
        return fail(started.error().message);
#ifdef Q_OS_UNIX
    installSignalHandlers(server);
#endif
    QObject::connect(&server, &HallwayServer::stopped, &app, &QCoreApplication::quit);
    return app.exec();
}
