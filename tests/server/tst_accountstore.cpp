// SPDX-License-Identifier: MIT
// AccountStore against a real database: SQLite, or PostgreSQL in the _postgres variant.
// Users, their credentials and their sessions.
#include "auth/sessiontoken.h"
#include "fixtures.h"
#include "storagefixture.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace Hallway;
using Hallway::Test::StorageFixture;

class tst_AccountStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void createAndFindUser();
    void usernameIsUniqueInTheDatabase();
    void theFirstAccountMayBeTheModerator();
    void userByIdOfNobodyIsNotFound();
    void constraintsLiveInTheDatabase();
    void sessionsResolveAndRevoke();
    void resolvingASessionMarksItUsed();
    void existingSessionsAreThoseNotEnded();
    void changePasswordSignsOutOtherSessions();
    void deletingAUserCascadesToSessions();
    void bannedUsersGetNoNewSession();

private:
    Test::StorageFixture m_fixture;
};

void tst_AccountStore::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
}

void tst_AccountStore::init()
{
    QVERIFY(m_fixture.init());
}

void tst_AccountStore::cleanup()
{
    m_fixture.cleanup();
}

void tst_AccountStore::createAndFindUser()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto created = storage->runBlocking<Expected<UserInfo>>([](StorageWorker &w) {
        return w.accounts().createUser(StorageFixture::newUser(QStringLiteral("zoë")), 1000);
    });
    QVERIFY(created);
    QVERIFY(created->id > 0);
    QCOMPARE(created->displayName, QStringLiteral("ZOË"));
    QCOMPARE(created->city, QStringLiteral("Berlin"));
    QCOMPARE(created->role, Role::Attendee);

    const auto found = storage->runBlocking<Expected<StoredCredentials>>([](StorageWorker &w) {
        return w.accounts().credentialsByUsername(QStringLiteral("zoë"));
    });
    QVERIFY(found);
    QCOMPARE(found->user, created.value());
    QCOMPARE(found->passwordHash, QStringLiteral("$argon2id$fake"));

    const auto missing = storage->runBlocking<Expected<StoredCredentials>>([](StorageWorker &w) {
        return w.accounts().credentialsByUsername(QStringLiteral("nobody"));
    });
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
}

void tst_AccountStore::usernameIsUniqueInTheDatabase()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    QVERIFY(storage->runBlocking<Expected<UserInfo>>([](StorageWorker &w) {
        return w.accounts().createUser(StorageFixture::newUser(QStringLiteral("bob")), 1);
    }));
    const auto duplicate = storage->runBlocking<Expected<UserInfo>>([](StorageWorker &w) {
        return w.accounts().createUser(StorageFixture::newUser(QStringLiteral("bob")), 2);
    });
    QVERIFY(!duplicate);
    QCOMPARE(duplicate.error().code, ErrorCode::Conflict);
    QVERIFY(duplicate.error().message.contains(QStringLiteral("already taken")));
    QCOMPARE(storage->runBlocking<Expected<qint64>>(
                            [](StorageWorker &w) { return w.accounts().userCount(); })
                     .value(),
             1);
}

void tst_AccountStore::constraintsLiveInTheDatabase()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    // A CHECK violation (username too short) is an internal error, not a duplicate.
    const auto refused = storage->runBlocking<Expected<UserInfo>>([](StorageWorker &w) {
        return w.accounts().createUser(StorageFixture::newUser(QStringLiteral("x")), 1);
    });
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Internal);
    // A session for a user that does not exist violates the foreign key.
    const Status orphan = storage->runBlocking<Status>([](StorageWorker &w) {
        return w.accounts().createSession(424242, QStringLiteral("hash"), 1);
    });
    QVERIFY(!orphan);
}

void tst_AccountStore::sessionsResolveAndRevoke()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo user = StorageFixture::createUser(*storage, QStringLiteral("carol"));
    QVERIFY(user.id > 0);
    const QString token = SessionToken::generate();
    QCOMPARE(token.size(), 43); // 256 bits, unpadded base64url
    const QString hash = SessionToken::hash(token);
    QVERIFY(hash != token);
    QVERIFY(storage->runBlocking<Status>(
            [&](StorageWorker &w) { return w.accounts().createSession(user.id, hash, 5); }));

    const auto resolved = storage->runBlocking<Expected<UserInfo>>(
            [&](StorageWorker &w) { return w.accounts().userBySession(hash, 6); });
    QVERIFY(resolved);
    QCOMPARE(resolved->id, user.id);

    // The token itself is nowhere in the database.
    const auto byToken = storage->runBlocking<Expected<UserInfo>>(
            [&](StorageWorker &w) { return w.accounts().userBySession(token, 6); });
    QVERIFY(!byToken);
    QCOMPARE(byToken.error().code, ErrorCode::Unauthorized);

    QVERIFY(storage->runBlocking<Status>(
            [&](StorageWorker &w) { return w.accounts().deleteSession(hash); }));
    const auto revoked = storage->runBlocking<Expected<UserInfo>>(
            [&](StorageWorker &w) { return w.accounts().userBySession(hash, 7); });
    QVERIFY(!revoked);
    QCOMPARE(revoked.error().code, ErrorCode::Unauthorized);
}

void tst_AccountStore::changePasswordSignsOutOtherSessions()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo user = StorageFixture::createUser(*storage, QStringLiteral("dave"));
    QVERIFY(user.id > 0);
    for (const char *hash : {"h1", "h2", "h3"})
        QVERIFY(storage->runBlocking<Status>([&](StorageWorker &w) {
            return w.accounts().createSession(user.id, QString::fromLatin1(hash), 1);
        }));
    QVERIFY(storage->runBlocking<Status>([&](StorageWorker &w) {
        return w.accounts().changePassword(user.id, QStringLiteral("$argon2id$new"),
                                           QStringLiteral("h2"));
    }));
    QCOMPARE(storage->runBlocking<Expected<qint64>>(
                            [&](StorageWorker &w) { return w.accounts().sessionCount(user.id); })
                     .value(),
             1);
    QVERIFY(storage->runBlocking<Expected<UserInfo>>(
            [](StorageWorker &w) { return w.accounts().userBySession(QStringLiteral("h2"), 2); }));
    QCOMPARE(storage->runBlocking<Expected<StoredCredentials>>(
                            [&](StorageWorker &w) { return w.accounts().credentialsById(user.id); })
                     ->passwordHash,
             QStringLiteral("$argon2id$new"));
}

void tst_AccountStore::deletingAUserCascadesToSessions()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo user = StorageFixture::createUser(*storage, QStringLiteral("erin"));
    QVERIFY(user.id > 0);
    QVERIFY(storage->runBlocking<Status>([&](StorageWorker &w) {
        return w.accounts().createSession(user.id, QStringLiteral("e1"), 1);
    }));
    storage.reset();

    // Straight SQL, as an operator would: the foreign key removes the sessions.
    const QString connection = QStringLiteral("direct");
    {
        QSqlDatabase db = Test::openDatabase(m_fixture.databaseUrl(), connection);
        QVERIFY(db.isOpen());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("DELETE FROM users WHERE username = 'erin'")));
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM sessions")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 0);
    }
    QSqlDatabase::removeDatabase(connection);
}

// A ban that commits while a password is being checked must still keep the user out: the
// session is only created for a user who is not banned, in the same statement.
void tst_AccountStore::bannedUsersGetNoNewSession()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo user = StorageFixture::createUser(*storage, QStringLiteral("mallory"));
    QVERIFY(user.id > 0);
    QVERIFY(storage->runBlocking<Status>([&](StorageWorker &w) {
        return w.accounts().createSession(user.id, QStringLiteral("h1"), 2);
    }));
    const auto banned =
            storage->runBlocking<Expected<Audited<RestrictedUser>>>([&](StorageWorker &w) {
                return w.moderation().banUser(user.id, true,
                                              {std::nullopt, QStringLiteral("ban"), {}, {}, {}});
            });
    QVERIFY(banned);
    QVERIFY(banned->value.banned);
    QCOMPARE(banned->entry.action, QStringLiteral("ban"));
    QCOMPARE(banned->entry.target->id, user.id);
    // Every session ended with the ban, and no new one can start.
    QVERIFY(!storage->runBlocking<Expected<UserInfo>>(
            [](StorageWorker &w) { return w.accounts().userBySession(QStringLiteral("h1"), 3); }));
    const Status refused = storage->runBlocking<Status>([&](StorageWorker &w) {
        return w.accounts().createSession(user.id, QStringLiteral("h2"), 4);
    });
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Forbidden);
    QVERIFY(!storage->runBlocking<Expected<UserInfo>>(
            [](StorageWorker &w) { return w.accounts().userBySession(QStringLiteral("h2"), 5); }));
}

// Registration's "the first account runs the room": decided in the insert, so only one can be.
void tst_AccountStore::theFirstAccountMayBeTheModerator()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto created = storage->runBlocking<Expected<QList<UserInfo>>>(
            [](StorageWorker &w) -> Expected<QList<UserInfo>> {
                QList<UserInfo> users;
                for (const QString &name : {QStringLiteral("first"), QStringLiteral("second")}) {
                    NewUser user = StorageFixture::newUser(name);
                    user.moderatorIfFirst = true;
                    const auto stored = w.accounts().createUser(user, 1);
                    if (!stored)
                        return stored.error();
                    users.append(stored.value());
                }
                return users;
            });
    QVERIFY(created);
    QCOMPARE(created->at(0).role, Role::Moderator);
    QCOMPARE(created->at(1).role, Role::Attendee);
}

void tst_AccountStore::userByIdOfNobodyIsNotFound()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo user = StorageFixture::createUser(*storage, QStringLiteral("gina"));
    QVERIFY(user.id > 0);
    const auto found = storage->runBlocking<Expected<UserInfo>>(
            [&](StorageWorker &w) { return w.accounts().userById(user.id); });
    QCOMPARE(found.value(), user);
    const auto missing = storage->runBlocking<Expected<UserInfo>>(
            [&](StorageWorker &w) { return w.accounts().userById(user.id + 1000); });
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
}

void tst_AccountStore::resolvingASessionMarksItUsed()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo user = StorageFixture::createUser(*storage, QStringLiteral("hank"));
    QVERIFY(user.id > 0);
    QVERIFY(storage->runBlocking<Status>([&](StorageWorker &w) {
        return w.accounts().createSession(user.id, QStringLiteral("h1"), 5);
    }));
    const auto resolved = storage->runBlocking<Expected<StoredCredentials>>([](StorageWorker &w) {
        return w.accounts().sessionCredentials(QStringLiteral("h1"), 77);
    });
    QVERIFY(resolved);
    QCOMPARE(resolved->user.id, user.id);
    QCOMPARE(resolved->passwordHash, QStringLiteral("$argon2id$fake"));
    QVERIFY(!resolved->banned);
    QCOMPARE(Test::countRows(m_fixture.databaseUrl(),
                             QStringLiteral("SELECT last_used_at FROM sessions "
                                            "WHERE token_hash = 'h1'")),
             77);
}

void tst_AccountStore::existingSessionsAreThoseNotEnded()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo user = StorageFixture::createUser(*storage, QStringLiteral("iris"));
    QVERIFY(user.id > 0);
    for (const char *hash : {"h1", "h2"})
        QVERIFY(storage->runBlocking<Status>([&](StorageWorker &w) {
            return w.accounts().createSession(user.id, QString::fromLatin1(hash), 1);
        }));
    QVERIFY(storage->runBlocking<Status>(
            [](StorageWorker &w) { return w.accounts().deleteSession(QStringLiteral("h1")); }));
    const auto existing = storage->runBlocking<Expected<QSet<QString>>>([](StorageWorker &w) {
        return w.accounts().existingSessions(
                {QStringLiteral("h1"), QStringLiteral("h2"), QStringLiteral("h3")});
    });
    QCOMPARE(existing.value(), QSet<QString>{QStringLiteral("h2")});
    QCOMPARE(storage->runBlocking<Expected<qint64>>(
                            [&](StorageWorker &w) { return w.accounts().sessionCount(user.id); })
                     .value(),
             1);
}

QTEST_GUILESS_MAIN(tst_AccountStore)
#include "tst_accountstore.moc"
