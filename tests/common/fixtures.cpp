// SPDX-License-Identifier: MIT
#include "fixtures.h"
#include "testserver.h"

#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace Hallway::Test {

std::unique_ptr<TestClient> signedIn(const QUrl &server, const QString &username, SignIn how,
                                     const Profile &profile)
{
    auto client = std::make_unique<TestClient>();
    if (!client->open(server)) {
        qWarning("%s could not connect to %s", qPrintable(username), qPrintable(server.toString()));
        return nullptr;
    }
    if (const Envelope hello = client->hello(); hello.isError()) {
        qWarning("hello of %s failed: %s", qPrintable(username),
                 qPrintable(hello.toError().message));
        return nullptr;
    }
    Envelope reply;
    if (how != SignIn::Register)
        reply = client->login(username, TestPassword);
    if (how == SignIn::Register || (how == SignIn::LoginOrRegister && reply.isError()))
        reply = client->registerUser(username, TestPassword,
                                     profile.displayName.isEmpty() ? username.toUpper()
                                                                   : profile.displayName,
                                     profile.city, profile.region);
    if (reply.isError()) {
        qWarning("sign-in of %s failed: %s", qPrintable(username),
                 qPrintable(reply.toError().message));
        return nullptr;
    }
    return client;
}

qint64 countRows(const QString &databaseUrl, const QString &sql, const QVariantList &binds)
{
    static std::atomic_int serial = 0;
    const QString connection = QStringLiteral("count-rows-%1").arg(++serial);
    qint64 count = -1;
    {
        QSqlDatabase db = openDatabase(databaseUrl, connection);
        QSqlQuery query(db);
        query.prepare(sql);
        for (const QVariant &bind : binds)
            query.addBindValue(bind);
        if (query.exec() && query.next())
            count = query.value(0).toLongLong();
        else
            qWarning("%s failed: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    }
    QSqlDatabase::removeDatabase(connection);
    return count;
}

QString missingBackend()
{
    if (qEnvironmentVariable("HALLWAY_TEST_BACKEND") != QLatin1StringView("postgres")
        || postgresRequested())
        return {};
    return QStringLiteral("PostgreSQL is not configured: set HALLWAY_TEST_POSTGRES_URL "
                          "(scripts/test.sh does)");
}

bool backendIsRequired()
{
    return qEnvironmentVariableIntValue("HALLWAY_TEST_REQUIRE_POSTGRES") != 0;
}

} // namespace Hallway::Test
