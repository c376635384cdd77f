// SPDX-License-Identifier: MIT
#include "directquery.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Hallway::Bench {

QVariant queryOnce(const DatabaseUrl &url, const QString &sql, QString *error)
{
    const QString connection = QStringLiteral("loadgen-direct");
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(url.qtDriverName(), connection);
        if (url.driver == DatabaseUrl::Driver::Sqlite) {
            db.setDatabaseName(url.sqlitePath);
        } else {
            db.setHostName(url.host);
            db.setPort(url.port);
            db.setUserName(url.user);
            db.setPassword(url.password);
            db.setDatabaseName(url.databaseName);
        }
        QSqlQuery query(db);
        if (db.open() && query.exec(sql))
            value = query.next() ? query.value(0) : QVariant(0);
        else
            *error = db.isOpen() ? query.lastError().text() : db.lastError().text();
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return value;
}

} // namespace Hallway::Bench
