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
void readInteger(QSettings &ini, const QString &key, T &target, qint64 minimum, QStringList &problems)
{
    if (!ini.contains(key))
        return;
    bool ok = false;
    const qint64 value = ini.value(key).toString().toLongLong(&ok);
    if (!ok || value < minimum || value > std::numeric_limits<T>::max()) {
        problems.append(QStringLiteral("%1 must be a whole number of at least %2")
                                .arg(key)
                                .arg(minimum));
        return;
    }
    target = static_cast<T>(value);
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
        return Error{ErrorCode::BadRequest, QStringLiteral("config file %1 is not valid INI").arg(path)};

    QStringList problems;
    if (ini.contains(QStringLiteral("server/listen"))) {
        const QHostAddress address(ini.value(QStringLiteral("server/listen")).toString());
        if (address.isNull())
            problems.append(QStringLiteral("server/listen must be an IP address"));
        else
            listenAddress = address;
    }
    readInteger(ini, QStringLiteral("server/port"), port, 0, problems);
    readInteger(ini, QStringLiteral("server/shutdown_grace_ms"), shutdownGraceMs, 0, problems);
    if (ini.contains(QStringLiteral("database/url")))
        databaseUrl = ini.value(QStringLiteral("database/url")).toString();
    readInteger(ini, QStringLiteral("limits/max_message_bytes"), maxMessageBytes, 1024, problems);
    readInteger(ini, QStringLiteral("limits/read_buffer_bytes"), readBufferBytes, 1024, problems);
    readInteger(ini, QStringLiteral("limits/max_unsent_bytes"), maxUnsentBytes, 1024, problems);
    readInteger(ini, QStringLiteral("limits/hello_timeout_ms"), helloTimeoutMs, 1, problems);
    readInteger(ini, QStringLiteral("limits/sign_in_timeout_ms"), signInTimeoutMs, 1, problems);
    readInteger(ini, QStringLiteral("limits/handshake_timeout_ms"), handshakeTimeoutMs, 1, problems);
    readInteger(ini, QStringLiteral("limits/max_pending_connections"), maxPendingConnections, 1,
                problems);
    readInteger(ini, QStringLiteral("limits/listen_backlog"), listenBacklog, 1, problems);
    readInteger(ini, QStringLiteral("limits/socket_send_buffer_bytes"), socketSendBufferBytes, 0, problems);
    readInteger(ini, QStringLiteral("topics/history"), topicHistory, 0, problems);

    if (!problems.isEmpty())
        return Error{ErrorCode::BadRequest,
                     QStringLiteral("%1: %2").arg(path, problems.join(QStringLiteral("; ")))};
    return Done{};
}

} // namespace Hallway
