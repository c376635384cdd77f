// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QSqlDatabase>
#include <QString>

namespace Hallway {

// Where the data lives, parsed from --database:
//   sqlite:/path/to/file.db
//   postgres://user:password@host:5432/dbname
//   postgres://user@/dbname?host=/run/postgresql&port=5432   (unix socket directory)
struct DatabaseUrl {
    enum class Driver { Sqlite, Postgres };

    Driver driver = Driver::Sqlite;
    QString sqlitePath;
    QString host; // a path means a unix socket directory
    int port = 5432;
    QString user;
    QString password;
    QString databaseName;
    QString connectOptions; // libpq options passed through, e.g. sslmode=require

    static Expected<DatabaseUrl> parse(const QString &url);
    QString qtDriverName() const;
    // A new, unopened connection to this database under connectionName; PostgreSQL shows
    // applicationName in pg_stat_activity.
    QSqlDatabase addConnection(const QString &connectionName, const QString &applicationName) const;
    // The URL without its password, for logs.
    QString displayString() const;
};

} // namespace Hallway
