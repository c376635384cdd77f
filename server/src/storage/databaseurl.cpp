// SPDX-License-Identifier: MIT
#include "databaseurl.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace Hallway {

namespace {
Error invalid(const QString &why)
{
    return {ErrorCode::BadRequest, QStringLiteral("invalid database URL: %1").arg(why)};
}

QString decoded(const QString &part)
{
    return QUrl::fromPercentEncoding(part.toUtf8());
}
} // namespace

Expected<DatabaseUrl> DatabaseUrl::parse(const QString &url)
{
    DatabaseUrl result;
    if (url.startsWith(QLatin1StringView("sqlite:"))) {
        result.driver = Driver::Sqlite;
        result.sqlitePath = url.mid(7);
        if (result.sqlitePath.startsWith(QLatin1StringView("//")))
            result.sqlitePath = result.sqlitePath.mid(2); // sqlite:///abs/path
        if (result.sqlitePath.isEmpty())
            return invalid(QStringLiteral("sqlite: needs a file path"));
        return result;
    }

    // QUrl rejects an empty host with user info, which libpq's socket form needs, so parse
    // the few parts ourselves.
    static const QRegularExpression pattern(QStringLiteral(
            R"(^postgres(?:ql)?://(?:([^:@/]*)(?::([^@/]*))?@)?([^/:?]*)(?::(\d+))?/([^?/]+)(?:\?(.*))?$)"));
    const auto match = pattern.match(url);
    if (!match.hasMatch())
        return invalid(QStringLiteral("expected sqlite:PATH or postgres://user@host:port/dbname"));

    result.driver = Driver::Postgres;
    result.user = decoded(match.captured(1));
    result.password = decoded(match.captured(2));
    result.host = decoded(match.captured(3));
    if (!match.captured(4).isEmpty())
        result.port = match.captured(4).toInt();
    result.databaseName = decoded(match.captured(5));

    QStringList options;
    const QUrlQuery query(match.captured(6));
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1StringView("host"))
            result.host = value;
        else if (key == QLatin1StringView("port"))
            result.port = value.toInt();
        else if (key == QLatin1StringView("user"))
            result.user = value;
        else if (key == QLatin1StringView("password"))
            result.password = value;
        else if (key == QLatin1StringView("sslmode") || key == QLatin1StringView("connect_timeout")
                 || key == QLatin1StringView("application_name")
                 || key == QLatin1StringView("sslrootcert"))
            options.append(key + QLatin1Char('=') + value);
        else
            return invalid(QStringLiteral("unknown option \"%1\"").arg(key));
    }
    if (result.port <= 0 || result.port > 65535)
        return invalid(QStringLiteral("port must be 1 to 65535"));
    if (result.host.isEmpty())
        result.host = QStringLiteral("localhost");
    result.connectOptions = options.join(QLatin1Char(';'));
    return result;
}

QString DatabaseUrl::qtDriverName() const
{
    return driver == Driver::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
}

QString DatabaseUrl::displayString() const
{
    if (driver == Driver::Sqlite)
        return QStringLiteral("sqlite:") + sqlitePath;
    return QStringLiteral("postgres://%1@%2:%3/%4").arg(user, host).arg(port).arg(databaseName);
}

QSqlDatabase DatabaseUrl::addConnection(const QString &connectionName,
                                        const QString &applicationName) const
{
    QSqlDatabase db = QSqlDatabase::addDatabase(qtDriverName(), connectionName);
    if (!db.isValid())
        return db;
    if (driver == Driver::Sqlite) {
        db.setDatabaseName(sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        return db;
    }
    db.setHostName(host);
    db.setPort(port);
    db.setUserName(user);
    db.setPassword(password);
    db.setDatabaseName(databaseName);
    QString options = QStringLiteral("connect_timeout=10;application_name=%1").arg(applicationName);
    if (!connectOptions.isEmpty())
        options += QLatin1Char(';') + connectOptions;
    db.setConnectOptions(options);
    return db;
}

} // namespace Hallway
