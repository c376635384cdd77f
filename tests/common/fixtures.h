// SPDX-License-Identifier: MIT
#pragma once

#include "testclient.h"
#include "testserver.h"

#include <QString>
#include <QTest>
#include <QUrl>
#include <QVariantList>

#include <memory>

namespace Hallway::Test {

// The password of every account the suites make, unless a test is about passwords.
inline const QString TestPassword = QStringLiteral("a test password, long enough");

enum class SignIn {
    Register, // a new account
    Login, // an account that exists
    LoginOrRegister, // whichever works: for accounts shared by several test functions
};

// What a new account says about its owner.
struct Profile {
    QString displayName; // empty: the username in capitals
    QString city;
    QString region;
};

inline Profile displayedAs(const QString &displayName)
{
    Profile profile;
    profile.displayName = displayName;
    return profile;
}

// A client that has said hello and signed in as username on server: its userId() and
// token() are the account's. nullptr, with a warning that says which step failed, if any did.
std::unique_ptr<TestClient> signedIn(const QUrl &server, const QString &username,
                                     SignIn how = SignIn::Register, const Profile &profile = {});

// The number in the first column of the first row sql returns (a COUNT(*), usually) on the
// database at databaseUrl, with binds for its placeholders; -1, with a warning, on failure.
qint64 countRows(const QString &databaseUrl, const QString &sql, const QVariantList &binds = {});

// Why this PostgreSQL variant of a suite cannot run (empty: it can). Under scripts/test.sh,
// which exports HALLWAY_TEST_REQUIRE_POSTGRES=1, a missing database is a failure instead.
QString missingBackend();
bool backendIsRequired();

} // namespace Hallway::Test

// For suites that only run on PostgreSQL (several nodes): skip, or fail where PostgreSQL is
// required, unless HALLWAY_TEST_POSTGRES_URL names one; they ignore HALLWAY_TEST_BACKEND.
#define HALLWAY_REQUIRE_POSTGRES()                                                                 \
    do {                                                                                           \
        if (Hallway::Test::postgresAdminUrl().isEmpty()) {                                         \
            if (Hallway::Test::backendIsRequired())                                                \
                QFAIL("PostgreSQL is required here (HALLWAY_TEST_REQUIRE_POSTGRES=1), but "        \
                      "HALLWAY_TEST_POSTGRES_URL is empty");                                       \
            QSKIP("this needs PostgreSQL: set HALLWAY_TEST_POSTGRES_URL (scripts/test.sh does)");  \
        }                                                                                          \
    } while (false)

// The first line of a suite's initTestCase(): the PostgreSQL variant skips, saying what to
// set, when there is no PostgreSQL to run on (and fails where one is required).
#define HALLWAY_REQUIRE_BACKEND()                                                                  \
    do {                                                                                           \
        if (const QString missing = Hallway::Test::missingBackend(); !missing.isEmpty()) {         \
            if (Hallway::Test::backendIsRequired())                                                \
                QFAIL("PostgreSQL is required here (HALLWAY_TEST_REQUIRE_POSTGRES=1), but "        \
                      "HALLWAY_TEST_POSTGRES_URL is empty");                                       \
            QSKIP(qPrintable(missing));                                                            \
        }                                                                                          \
    } while (false)
