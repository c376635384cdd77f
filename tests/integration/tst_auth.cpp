// SPDX-License-Identifier: MIT
// Accounts and sessions against a real server: register, login, resume, logout, change
// password, and every way they can be refused.
#include "fixtures.h"
#include "protocol.h"
#include "testclient.h"
#include "testserver.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QString Password = QStringLiteral("correct horse battery");

QString codeOf(const Envelope &reply)
{
    return reply.isError() ? errorCodeName(reply.toError().code) : QStringLiteral("result");
}
} // namespace

class tst_Auth : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void registerSignsInWithAFreshToken();
    void duplicateUsernameIsAConflict();
    void loginAndWrongPassword();
    void failedSignInLogsTheNameQuoted();
    void resumeWithToken();
    void logoutRevokesTheToken();
    void changePassword();
    void protocolVersionMismatchIsClear();
    void sessionOrderRules();
    void databaseKeepsOnlyHashes();

private:
    std::unique_ptr<TestClient> connectAndHello();
    TestServer m_server;
};

void tst_Auth::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
    QVERIFY(m_server.start());
}

std::unique_ptr<TestClient> tst_Auth::connectAndHello()
{
    auto client = std::make_unique<TestClient>();
    if (!client->open(m_server.url()))
        return nullptr;
    const Envelope hello = client->hello();
    if (hello.isError())
        return nullptr;
    return client;
}

void tst_Auth::registerSignsInWithAFreshToken()
{
    auto client = connectAndHello();
    QVERIFY(client);
    const Envelope reply =
            client->registerUser(QStringLiteral("Alice"), Password, QStringLiteral("Alice L."),
                                 QStringLiteral("Oxford"), QStringLiteral("England"));
    QCOMPARE(codeOf(reply), QStringLiteral("result"));
    const QJsonObject user = reply.data.value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("username")).toString(), QStringLiteral("alice"));
    QCOMPARE(user.value(QStringLiteral("displayName")).toString(), QStringLiteral("Alice L."));
    QCOMPARE(user.value(QStringLiteral("city")).toString(), QStringLiteral("Oxford"));
    QCOMPARE(user.value(QStringLiteral("region")).toString(), QStringLiteral("England"));
    QCOMPARE(user.value(QStringLiteral("role")).toString(), QStringLiteral("attendee"));
    QCOMPARE(reply.data.value(QStringLiteral("token")).toString().size(), 43);

    // Signed in: subscribing works on the same connection.
    QCOMPARE(codeOf(client->subscribe(Protocol::Topic::Presence)), QStringLiteral("result"));
}

void tst_Auth::duplicateUsernameIsAConflict()
{
    auto first = connectAndHello();
    QVERIFY(first);
    QCOMPARE(codeOf(first->registerUser(QStringLiteral("bob"), Password)),
             QStringLiteral("result"));
    auto second = connectAndHello();
    QVERIFY(second);
    const Envelope duplicate = second->registerUser(QStringLiteral("BOB"), Password);
    QCOMPARE(codeOf(duplicate), QStringLiteral("conflict"));
    QVERIFY(duplicate.toError().message.contains(QStringLiteral("already taken")));
    // The connection is still usable: a different name works.
    QCOMPARE(codeOf(second->registerUser(QStringLiteral("bob2"), Password)),
             QStringLiteral("result"));
}

void tst_Auth::loginAndWrongPassword()
{
    auto setup = connectAndHello();
    QVERIFY(setup);
    QCOMPARE(codeOf(setup->registerUser(QStringLiteral("carol"), Password)),
             QStringLiteral("result"));

    auto client = connectAndHello();
    QVERIFY(client);
    const Envelope wrong =
            client->login(QStringLiteral("carol"), QStringLiteral("not the password"));
    QCOMPARE(codeOf(wrong), QStringLiteral("unauthorized"));
    const Envelope unknown = client->login(QStringLiteral("nobody-here"), Password);
    QCOMPARE(codeOf(unknown), QStringLiteral("unauthorized"));
    // An unknown name and a wrong password look the same from outside.
    QCOMPARE(unknown.toError().message, wrong.toError().message);

    const Envelope ok = client->login(QStringLiteral("Carol"), Password);
    QCOMPARE(codeOf(ok), QStringLiteral("result"));
    QCOMPARE(ok.data.value(QStringLiteral("user"))
                     .toObject()
                     .value(QStringLiteral("username"))
                     .toString(),
             QStringLiteral("carol"));
    // Each sign-in is a session of its own.
    const Envelope again = connectAndHello()->login(QStringLiteral("carol"), Password);
    QVERIFY(ok.data.value(QStringLiteral("token")).toString()
            != again.data.value(QStringLiteral("token")).toString());
}

void tst_Auth::failedSignInLogsTheNameQuoted()
{
    auto client = connectAndHello();
    QVERIFY(client);
    // What a client types as a username reaches the log: it must not start a line of its own.
    QCOMPARE(codeOf(client->login(QStringLiteral("Mallory\n[forged] line"), Password)),
             QStringLiteral("unauthorized"));
    QCOMPARE(codeOf(client->login(QStringLiteral("x\"y\\z"), Password)),
             QStringLiteral("unauthorized"));
    QTRY_VERIFY2(m_server.log().contains(QStringLiteral("failed sign-in for \"x\\\"y\\\\z\""))
                         && m_server.log().contains(QLatin1StringView("[forged]")),
                 qPrintable(m_server.log()));
    const QStringList lines = m_server.log().split(QLatin1Char('\n'));
    QStringList forged;
    for (const QString &line : lines) {
        if (line.contains(QLatin1StringView("[forged]")))
            forged.append(line);
    }
    QCOMPARE(forged.size(), 1);
    QVERIFY2(forged.constFirst().endsWith(
                     QStringLiteral("failed sign-in for \"mallory\\u000a[forged] line\"")),
             qPrintable(forged.constFirst()));
}

void tst_Auth::resumeWithToken()
{
    auto first = connectAndHello();
    QVERIFY(first);
    const QString token = first->registerUser(QStringLiteral("dave"), Password)
                                  .data.value(QStringLiteral("token"))
                                  .toString();
    QVERIFY(!token.isEmpty());
    first->close();

    auto second = connectAndHello();
    QVERIFY(second);
    const Envelope resumed =
            second->request(Protocol::Type::Resume, {{QStringLiteral("token"), token}});
    QCOMPARE(codeOf(resumed), QStringLiteral("result"));
    QCOMPARE(resumed.data.value(QStringLiteral("user"))
                     .toObject()
                     .value(QStringLiteral("username"))
                     .toString(),
             QStringLiteral("dave"));
    QVERIFY2(!resumed.data.contains(QStringLiteral("token")), "resume must not issue a new token");

    auto third = connectAndHello();
    QVERIFY(third);
    const Envelope bogus = third->request(
            Protocol::Type::Resume, {{QStringLiteral("token"), QStringLiteral("made-up-token")}});
    QCOMPARE(codeOf(bogus), QStringLiteral("unauthorized"));
}

void tst_Auth::logoutRevokesTheToken()
{
    auto client = connectAndHello();
    QVERIFY(client);
    const QString token = client->registerUser(QStringLiteral("erin"), Password)
                                  .data.value(QStringLiteral("token"))
                                  .toString();
    // A second connection on the same token (the same app, reconnected elsewhere).
    auto twin = connectAndHello();
    QVERIFY(twin);
    QCOMPARE(codeOf(twin->request(Protocol::Type::Resume, {{QStringLiteral("token"), token}})),
             QStringLiteral("result"));

    QCOMPARE(codeOf(client->request(Protocol::Type::Logout)), QStringLiteral("result"));
    // This connection is signed out...
    QCOMPARE(codeOf(client->subscribe(Protocol::Topic::Presence)), QStringLiteral("unauthorized"));
    // ...the twin on the same token is closed, saying why...
    QVERIFY(twin->waitForDisconnected());
    QCOMPARE(twin->closeCode(), Protocol::CloseCode::SessionEnded);
    // ...and the token is dead everywhere.
    auto later = connectAndHello();
    QVERIFY(later);
    QCOMPARE(codeOf(later->request(Protocol::Type::Resume, {{QStringLiteral("token"), token}})),
             QStringLiteral("unauthorized"));
    // Signing in again on the signed-out connection works.
    QCOMPARE(codeOf(client->login(QStringLiteral("erin"), Password)), QStringLiteral("result"));
}

void tst_Auth::changePassword()
{
    auto client = connectAndHello();
    QVERIFY(client);
    QCOMPARE(codeOf(client->registerUser(QStringLiteral("frank"), Password)),
             QStringLiteral("result"));
    auto otherDevice = connectAndHello();
    QVERIFY(otherDevice);
    const QString otherToken = otherDevice->login(QStringLiteral("frank"), Password)
                                       .data.value(QStringLiteral("token"))
                                       .toString();

    const QString newPassword = QStringLiteral("a much better password");
    const Envelope wrongCurrent =
            client->request(Protocol::Type::ChangePassword,
                            {{QStringLiteral("currentPassword"), QStringLiteral("guess")},
                             {QStringLiteral("newPassword"), newPassword}});
    QCOMPARE(codeOf(wrongCurrent), QStringLiteral("unauthorized"));
    const Envelope tooShort =
            client->request(Protocol::Type::ChangePassword,
                            {{QStringLiteral("currentPassword"), Password},
                             {QStringLiteral("newPassword"), QStringLiteral("short")}});
    QCOMPARE(codeOf(tooShort), QStringLiteral("bad_request"));
    QVERIFY(otherDevice->isConnected());

    const Envelope changed = client->request(Protocol::Type::ChangePassword,
                                             {{QStringLiteral("currentPassword"), Password},
                                              {QStringLiteral("newPassword"), newPassword}});
    QCOMPARE(codeOf(changed), QStringLiteral("result"));
    // The other device is signed out, and its token no longer works.
    QVERIFY(otherDevice->waitForDisconnected());
    QCOMPARE(otherDevice->closeCode(), Protocol::CloseCode::SessionEnded);
    auto check = connectAndHello();
    QVERIFY(check);
    QCOMPARE(
            codeOf(check->request(Protocol::Type::Resume, {{QStringLiteral("token"), otherToken}})),
            QStringLiteral("unauthorized"));
    QCOMPARE(codeOf(check->login(QStringLiteral("frank"), Password)),
             QStringLiteral("unauthorized"));
    QCOMPARE(codeOf(check->login(QStringLiteral("frank"), newPassword)), QStringLiteral("result"));
    // This connection stays signed in.
    QCOMPARE(codeOf(client->subscribe(Protocol::Topic::Presence)), QStringLiteral("result"));
}

void tst_Auth::protocolVersionMismatchIsClear()
{
    TestClient client;
    QVERIFY(client.open(m_server.url()));
    const Envelope reply = client.request(Protocol::Type::Hello, {{QStringLiteral("protocol"), 2}});
    QCOMPARE(codeOf(reply), QStringLiteral("bad_request"));
    QVERIFY(reply.toError().message.contains(
            QStringLiteral("protocol version 2 is not supported")));
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.closeCode(), Protocol::CloseCode::UnsupportedProtocol);
}

void tst_Auth::sessionOrderRules()
{
    TestClient client;
    QVERIFY(client.open(m_server.url()));
    QCOMPARE(codeOf(client.login(QStringLiteral("alice"), Password)),
             QStringLiteral("bad_request"));
    QCOMPARE(codeOf(client.hello()), QStringLiteral("result"));
    QCOMPARE(codeOf(client.hello()), QStringLiteral("bad_request"));
    QCOMPARE(codeOf(client.subscribe(Protocol::Topic::Presence)), QStringLiteral("unauthorized"));
    QCOMPARE(codeOf(client.request(Protocol::Type::Logout)), QStringLiteral("unauthorized"));
    QCOMPARE(codeOf(client.registerUser(QStringLiteral("grace"), Password)),
             QStringLiteral("result"));
    QCOMPARE(codeOf(client.login(QStringLiteral("grace"), Password)), QStringLiteral("conflict"));
    QCOMPARE(codeOf(client.subscribe(QStringLiteral("no-such-topic"))),
             QStringLiteral("not_found"));
}

void tst_Auth::databaseKeepsOnlyHashes()
{
    auto client = connectAndHello();
    QVERIFY(client);
    const QString token = client->registerUser(QStringLiteral("heidi"), Password)
                                  .data.value(QStringLiteral("token"))
                                  .toString();
    {
        QSqlDatabase db = openDatabase(m_server.databaseUrl(), QStringLiteral("peek"));
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(
                QStringLiteral("SELECT password_hash FROM users WHERE username = 'heidi'")));
        QVERIFY(query.next());
        QVERIFY(query.value(0).toString().startsWith(QStringLiteral("$argon2id$")));
        QVERIFY(!query.value(0).toString().contains(Password));
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM sessions WHERE token_hash = '%1'")
                                   .arg(token)));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 0);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
}

QTEST_GUILESS_MAIN(tst_Auth)
#include "tst_auth.moc"
