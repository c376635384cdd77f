// SPDX-License-Identifier: MIT
// The OS keychain through QtKeychain: against a real Secret Service (gnome-keyring in a
// private D-Bus session) tokens are stored, read and deleted; without one the store says so
// once, keeps tokens for this run only and otherwise works.
#include "credentialstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace Hallway;

namespace {
void waitFor(const std::function<bool()> &done)
{
    (void)QTest::qWaitFor(done, 10'000);
}

bool keychainExpected()
{
    return qEnvironmentVariable("HALLWAY_TEST_KEYCHAIN") == QLatin1StringView("available");
}

Expected<QString> readNow(CredentialStore &store, const QString &account)
{
    std::optional<Expected<QString>> result;
    store.readToken(account, [&result](const Expected<QString> &token) { result.emplace(token); });
    waitFor([&result]() { return result.has_value(); });
    return result.value_or(Error{ErrorCode::Internal, QStringLiteral("no answer")});
}

Status writeNow(CredentialStore &store, const QString &account, const QString &token)
{
    std::optional<Status> result;
    store.writeToken(account, token, [&result](const Status &status) { result.emplace(status); });
    waitFor([&result]() { return result.has_value(); });
    return result.value_or(Error{ErrorCode::Internal, QStringLiteral("no answer")});
}

Status deleteNow(CredentialStore &store, const QString &account)
{
    std::optional<Status> result;
    store.deleteToken(account, [&result](const Status &status) { result.emplace(status); });
    waitFor([&result]() { return result.has_value(); });
    return result.value_or(Error{ErrorCode::Internal, QStringLiteral("no answer")});
}
} // namespace

class tst_CredentialStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void storeReadDelete();
    void accountsAreSeparate();
    void nothingSurvivesWithoutAKeychain();
};

void tst_CredentialStore::storeReadDelete()
{
    CredentialStore store(QStringLiteral("Hallway tests"));
    QSignalSpy unavailable(&store, &CredentialStore::keychainUnavailable);
    const QString account = CredentialStore::accountKey(QStringLiteral("ws://127.0.0.1:8470"),
                                                        QStringLiteral("alice"));

    QVERIFY(writeNow(store, account, QStringLiteral("token-123")));
    const auto token = readNow(store, account);
    QVERIFY2(token, qPrintable(token ? QString() : token.error().message));
    QCOMPARE(token.value(), QStringLiteral("token-123"));

    if (keychainExpected()) {
        QCOMPARE(unavailable.count(), 0);
        QVERIFY(store.isKeychainAvailable());
    } else {
        // Said once, in words, and the app goes on with the token in memory.
        QCOMPARE(unavailable.count(), 1);
        QVERIFY(!unavailable.first().first().toString().isEmpty());
        QVERIFY(!store.isKeychainAvailable());
        QVERIFY(writeNow(store, account, QStringLiteral("token-456")));
        QCOMPARE(readNow(store, account).value(), QStringLiteral("token-456"));
        QCOMPARE(unavailable.count(), 1);
    }

    QVERIFY(deleteNow(store, account));
    const auto gone = readNow(store, account);
    QVERIFY(!gone);
    QCOMPARE(gone.error().code, ErrorCode::NotFound);
}

void tst_CredentialStore::accountsAreSeparate()
{
    CredentialStore store(QStringLiteral("Hallway tests"));
    const QString a =
            CredentialStore::accountKey(QStringLiteral("ws://a:1"), QStringLiteral("sam"));
    const QString b =
            CredentialStore::accountKey(QStringLiteral("ws://b:1"), QStringLiteral("sam"));
    QVERIFY(writeNow(store, a, QStringLiteral("for-a")));
    QVERIFY(writeNow(store, b, QStringLiteral("for-b")));
    QCOMPARE(readNow(store, a).value(), QStringLiteral("for-a"));
    QCOMPARE(readNow(store, b).value(), QStringLiteral("for-b"));
    QVERIFY(deleteNow(store, a));
    QCOMPARE(readNow(store, b).value(), QStringLiteral("for-b"));
    QVERIFY(deleteNow(store, b));
}

void tst_CredentialStore::nothingSurvivesWithoutAKeychain()
{
    const QString account =
            CredentialStore::accountKey(QStringLiteral("ws://c:1"), QStringLiteral("kim"));
    {
        CredentialStore firstRun(QStringLiteral("Hallway tests"));
        QVERIFY(writeNow(firstRun, account, QStringLiteral("kept")));
    }
    // The next run of the app: with a keychain the token is still there; without one it was
    // never written anywhere.
    CredentialStore nextRun(QStringLiteral("Hallway tests"));
    const auto token = readNow(nextRun, account);
    if (keychainExpected()) {
        QCOMPARE(token.value(), QStringLiteral("kept"));
        QVERIFY(deleteNow(nextRun, account));
    } else {
        QVERIFY(!token);
    }
}

QTEST_GUILESS_MAIN(tst_CredentialStore)
#include "tst_credentialstore.moc"
