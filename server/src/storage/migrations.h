// SPDX-License-Identifier: MIT
#pragma once

#include "databaseurl.h"
#include "expected.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Hallway {

// Numbered SQL files under :/migrations (NNNN_name.sql), applied in order, each in its own
// transaction, and recorded in schema_migrations. The files use one dialect-neutral SQL with
// a few {{placeholders}} that differ between SQLite and PostgreSQL.
class Migrations {
public:
    struct Migration {
        int version = 0;
        QString name;
        QString sql;
    };

    static QList<Migration> available();
    // The SQL of a migration with its placeholders filled in for the driver.
    static QString renderForDriver(const QString &sql, DatabaseUrl::Driver driver);
    // Applies what is missing. Returns the schema version the database ends at.
    static Expected<int> apply(QSqlDatabase &db, DatabaseUrl::Driver driver);
};

} // namespace Hallway
