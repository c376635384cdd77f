// SPDX-License-Identifier: MIT
#include "serversettings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace Hallway {

namespace {
// Reads one integer key if present; records a clear error if it is not a number in range.
template<typename T>
void readInteger(QSettings &ini, const QString &key, T &target, qint64 minimum,
                 QStringList &problems)
{
    if (!ini.contains(key))
        return;
    bool ok = false;
    const qint64 value = ini.value(key).toString().toLongLong(&ok);
    const qint64 maximum = std::numeric_limits<T>::max();
    if (!ok || value < minimum || value > maximum) {
        problems.append(QStringLiteral("%1 must be a whole number from %2 to %3")
                                .arg(key)
                                .arg(minimum)
                                .arg(maximum));
        return;
    }
    target = static_cast<T>(value);
}

void readBool(QSettings &ini, const QString &key, bool &target, QStringList &problems)
{
    if (!ini.contains(key))
        return;
    const QString value = ini.value(key).toString().toLower();
    if (value == QLatin1StringView("true") || value == QLatin1StringView("1"))
        target = true;
    else if (value == QLatin1StringView("false") || value == QLatin1StringView("0"))
        target = false;
    else
        problems.append(QStringLiteral("%1 must be true or false").arg(key));
}
} // namespace

QString ServerSettings::defaultDatabaseUrl()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
            + QStringLiteral("/hallway");
    return QStringLiteral("sqlite:") + folder + QStringLiteral("/hallway-server.db");
}

Status ServerSettings::loadFile(const QString &path)
{
    if (!QFileInfo(path).isReadable())
        return Error{ErrorCode::NotFound, QStringLiteral("cannot read config file %1").arg(path)};
    QSettings ini(path, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError)
        return Error{ErrorCode::BadRequest,
                     QStringLiteral("config file %1 is not valid INI").arg(path)};

    QStringList problems;
    // A typo in a key must not silently fall back to a default.
    static const QStringList knownKeys = {
            QStringLiteral("server/listen"),
            QStringLiteral("server/port"),
            QStringLiteral("server/shutdown_grace_ms"),
            QStringLiteral("database/url"),
            QStringLiteral("auth/first_account_is_moderator"),
            QStringLiteral("limits/max_message_bytes"),
            QStringLiteral("limits/read_buffer_bytes"),
            QStringLiteral("limits/max_unsent_bytes"),
            QStringLiteral("limits/hello_timeout_ms"),
            QStringLiteral("limits/sign_in_timeout_ms"),
            QStringLiteral("limits/handshake_timeout_ms"),
            QStringLiteral("limits/max_pending_connections"),
            QStringLiteral("limits/max_outstanding_requests"),
            QStringLiteral("limits/max_connections"),
            QStringLiteral("limits/listen_backlog"),
            QStringLiteral("limits/socket_send_buffer_bytes"),
            QStringLiteral("topics/history"),
            QStringLiteral("topics/idle_seconds"),
            QStringLiteral("facts/community_size"),
            QStringLiteral("facts/community_interval_ms"),
            QStringLiteral("talks/tally_interval_ms"),
            QStringLiteral("chat/messages_to_load"),
            QStringLiteral("log/level"),
            QStringLiteral("tls/certificate"),
            QStringLiteral("tls/key"),
            QStringLiteral("http/listen"),
            QStringLiteral("http/port"),
            QStringLiteral("stats/interval_seconds"),
            QStringLiteral("abuse/posts_per_minute"),
            QStringLiteral("abuse/posts_burst"),
            QStringLiteral("abuse/messages_per_minute"),
            QStringLiteral("abuse/messages_burst"),
            QStringLiteral("abuse/votes_per_minute"),
            QStringLiteral("abuse/votes_burst"),
            QStringLiteral("abuse/sign_in_free_failures"),
            QStringLiteral("abuse/sign_in_free_failures_per_address"),
            QStringLiteral("abuse/sign_in_max_wait_seconds"),
            QStringLiteral("abuse/connections_per_address"),
            QStringLiteral("abuse/allowed_origins"),
            QStringLiteral("cluster/heartbeat_ms"),
            QStringLiteral("cluster/node_timeout_ms"),
    };
    for (const QString &key : ini.allKeys()) {
        if (!knownKeys.contains(key))
            problems.append(QStringLiteral("unknown setting %1").arg(key));
        // QSettings splits unquoted values at commas into a list.
        else if (ini.value(key).typeId() == QMetaType::QStringList)
            problems.append(
                    QStringLiteral("%1 contains a comma; put the value in double quotes").arg(key));
    }
    if (ini.contains(QStringLiteral("server/listen"))) {
        const QHostAddress address(ini.value(QStringLiteral("server/listen")).toString());
        if (address.isNull())
            problems.append(QStringLiteral("server/listen must be an IP address"));
        else
            listenAddress = address;
    }
    readInteger(ini, QStringLiteral("server/port"), port, 0, problems);
    if (ini.contains(QStringLiteral("http/listen"))) {
        const QHostAddress address(ini.value(QStringLiteral("http/listen")).toString());
        if (address.isNull())
            problems.append(QStringLiteral("http/listen must be an IP address"));
        else
            httpListenAddress = address;
    }
    if (ini.contains(QStringLiteral("http/port"))) {
        quint16 value = 0;
        readInteger(ini, QStringLiteral("http/port"), value, 0, problems);
        httpPort = value;
    }
    readInteger(ini, QStringLiteral("abuse/posts_per_minute"), postsPerMinute, 0, problems);
    readInteger(ini, QStringLiteral("abuse/posts_burst"), postsBurst, 1, problems);
    readInteger(ini, QStringLiteral("abuse/messages_per_minute"), messagesPerMinute, 0, problems);
    readInteger(ini, QStringLiteral("abuse/messages_burst"), messagesBurst, 1, problems);
    readInteger(ini, QStringLiteral("abuse/votes_per_minute"), votesPerMinute, 0, problems);
    readInteger(ini, QStringLiteral("abuse/votes_burst"), votesBurst, 1, problems);
    readInteger(ini, QStringLiteral("abuse/sign_in_free_failures"), signInFreeFailures, 0,
                problems);
    readInteger(ini, QStringLiteral("abuse/sign_in_free_failures_per_address"),
                signInFreeFailuresPerAddress, 0, problems);
    readInteger(ini, QStringLiteral("abuse/sign_in_max_wait_seconds"), signInMaxWaitSeconds, 1,
                problems);
    readInteger(ini, QStringLiteral("abuse/connections_per_address"), connectionsPerAddress, 0,
                problems);
    if (ini.contains(QStringLiteral("abuse/allowed_origins"))) {
        allowedOrigins.clear();
        const QStringList origins = ini.value(QStringLiteral("abuse/allowed_origins"))
                                            .toString()
                                            .split(QLatin1Char(','));
        for (const QString &origin : origins) {
            if (!origin.trimmed().isEmpty())
                allowedOrigins.append(origin.trimmed());
        }
    }
    int statsSeconds = statsIntervalMs / 1000;
    readInteger(ini, QStringLiteral("stats/interval_seconds"), statsSeconds, 1, problems);
    statsIntervalMs = statsSeconds * 1000;
    readInteger(ini, QStringLiteral("server/shutdown_grace_ms"), shutdownGraceMs, 0, problems);
    if (ini.contains(QStringLiteral("tls/certificate")))
        tlsCertificateFile = ini.value(QStringLiteral("tls/certificate")).toString();
    if (ini.contains(QStringLiteral("tls/key")))
        tlsKeyFile = ini.value(QStringLiteral("tls/key")).toString();
    if (ini.contains(QStringLiteral("database/url")))
        databaseUrl = ini.value(QStringLiteral("database/url")).toString();
    readBool(ini, QStringLiteral("auth/first_account_is_moderator"), firstAccountIsModerator,
             problems);
    readInteger(ini, QStringLiteral("limits/max_message_bytes"), maxMessageBytes, 1024, problems);
    readInteger(ini, QStringLiteral("limits/read_buffer_bytes"), readBufferBytes, 1024, problems);
    readInteger(ini, QStringLiteral("limits/max_unsent_bytes"), maxUnsentBytes, 1024, problems);
    readInteger(ini, QStringLiteral("limits/hello_timeout_ms"), helloTimeoutMs, 1, problems);
    readInteger(ini, QStringLiteral("limits/sign_in_timeout_ms"), signInTimeoutMs, 1, problems);
    readInteger(ini, QStringLiteral("limits/handshake_timeout_ms"), handshakeTimeoutMs, 1,
                problems);
    readInteger(ini, QStringLiteral("limits/max_pending_connections"), maxPendingConnections, 1,
                problems);
    readInteger(ini, QStringLiteral("limits/max_outstanding_requests"), maxOutstandingRequests, 1,
                problems);
    readInteger(ini, QStringLiteral("limits/max_connections"), maxConnections, 0, problems);
    readInteger(ini, QStringLiteral("limits/listen_backlog"), listenBacklog, 1, problems);
    readInteger(ini, QStringLiteral("limits/socket_send_buffer_bytes"), socketSendBufferBytes, 0,
                problems);
    readInteger(ini, QStringLiteral("topics/history"), topicHistory, 0, problems);
    readInteger(ini, QStringLiteral("topics/idle_seconds"), topicIdleSeconds, 1, problems);
    readInteger(ini, QStringLiteral("facts/community_size"), communityFeedSize, 1, problems);
    readInteger(ini, QStringLiteral("talks/tally_interval_ms"), tallyIntervalMs, 0, problems);
    readInteger(ini, QStringLiteral("chat/messages_to_load"), messagesToLoad, 1, problems);
    readInteger(ini, QStringLiteral("cluster/heartbeat_ms"), heartbeatMs, 100, problems);
    readInteger(ini, QStringLiteral("cluster/node_timeout_ms"), nodeTimeoutMs, 300, problems);
    // A late heartbeat or two must not make a node look dead.
    if (nodeTimeoutMs < 3 * heartbeatMs)
        problems.append(QStringLiteral("cluster/node_timeout_ms must be at least three times "
                                       "cluster/heartbeat_ms"));
    readInteger(ini, QStringLiteral("facts/community_interval_ms"), communityFeedIntervalMs, 0,
                problems);

    if (!problems.isEmpty())
        return Error{ErrorCode::BadRequest,
                     QStringLiteral("%1: %2").arg(path, problems.join(QStringLiteral("; ")))};
    return Done{};
}

} // namespace Hallway
