// SPDX-License-Identifier: MIT
// ModerationStore against a real database: SQLite, or PostgreSQL in the _postgres variant.
#include "fixtures.h"
#include "storagefixture.h"

#include <QTest>

using namespace Hallway;
using Hallway::Test::StorageFixture;

class tst_ModerationStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void setRole();
    void createModeratorIsAudited();
    void mutedAndBannedUsersAreRestricted();
    void announcementsAreStoredOnceAndAudited();
    void theAuditLogPagesNewestFirst();

private:
    Test::StorageFixture m_fixture;
};

void tst_ModerationStore::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
}

void tst_ModerationStore::init()
{
    QVERIFY(m_fixture.init());
}

void tst_ModerationStore::cleanup()
{
    m_fixture.cleanup();
}

void tst_ModerationStore::setRole()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    QVERIFY(storage->runBlocking<Expected<UserInfo>>([](StorageWorker &w) {
        return w.accounts().createUser(StorageFixture::newUser(QStringLiteral("frank")), 1);
    }));
    const auto promoted = storage->runBlocking<Expected<UserInfo>>([](StorageWorker &w) {
        return w.moderation().setRole(QStringLiteral("frank"), Role::Moderator);
    });
    QVERIFY(promoted);
    QCOMPARE(promoted->role, Role::Moderator);
    const auto missing = storage->runBlocking<Expected<UserInfo>>([](StorageWorker &w) {
        return w.moderation().setRole(QStringLiteral("ghost"), Role::Moderator);
    });
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
}

// An account made on the command line is a moderator with its audit entry, or nothing.
void tst_ModerationStore::createModeratorIsAudited()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto created = storage->runBlocking<Expected<UserInfo>>([](StorageWorker &w) {
        return w.moderation().createModerator(StorageFixture::newUser(QStringLiteral("mona")), 1);
    });
    QVERIFY(created);
    QCOMPARE(created->role, Role::Moderator);
    const auto log = storage->runBlocking<Expected<QList<AuditEntry>>>(
            [](StorageWorker &w) { return w.moderation().auditLog(std::nullopt, 10); });
    QCOMPARE(log->size(), 1);
    QCOMPARE(log->at(0).action, QStringLiteral("set_role"));
    QCOMPARE(log->at(0).target->id, created->id);
    QVERIFY(!log->at(0).moderator.has_value());
    QCOMPARE(log->at(0).detail.value(QStringLiteral("via")).toString(),
             QStringLiteral("command_line"));

    // A taken name: neither the account nor an entry.
    const auto taken = storage->runBlocking<Expected<UserInfo>>([](StorageWorker &w) {
        return w.moderation().createModerator(StorageFixture::newUser(QStringLiteral("mona")), 2);
    });
    QCOMPARE(taken.error().code, ErrorCode::Conflict);
    QCOMPARE(storage->runBlocking<Expected<QList<AuditEntry>>>([](StorageWorker &w) {
                        return w.moderation().auditLog(std::nullopt, 10);
                    })
                     ->size(),
             1);
}

void tst_ModerationStore::mutedAndBannedUsersAreRestricted()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo mod = StorageFixture::createUser(*storage, QStringLiteral("mod"));
    const UserInfo loud = StorageFixture::createUser(*storage, QStringLiteral("loud"));
    const UserInfo rude = StorageFixture::createUser(*storage, QStringLiteral("rude"));
    QVERIFY(mod.id > 0 && loud.id > 0 && rude.id > 0);
    const AuditRecord byMod{mod.id, QStringLiteral("mute"), std::nullopt, {}, {}};
    const auto muted = storage->runBlocking<Expected<Audited<RestrictedUser>>>(
            [&](StorageWorker &w) { return w.moderation().muteUser(loud.id, 5000, byMod); });
    QVERIFY(muted);
    QCOMPARE(muted->value.mutedUntil, 5000);
    QCOMPARE(muted->entry.moderator->id, mod.id);
    QCOMPARE(muted->entry.detail.value(QStringLiteral("until")).toInteger(), 5000);
    QVERIFY(storage->runBlocking<Expected<Audited<RestrictedUser>>>([&](StorageWorker &w) {
        return w.moderation().banUser(rude.id, true,
                                      {mod.id, QStringLiteral("ban"), std::nullopt, {}, {}});
    }));

    const auto restricted = [&](qint64 nowMs) {
        const auto users = storage->runBlocking<Expected<QList<RestrictedUser>>>(
                [nowMs](StorageWorker &w) { return w.moderation().restrictedUsers(nowMs); });
        QList<qint64> ids;
        for (const RestrictedUser &user : users.value())
            ids.append(user.user.id);
        return ids;
    };
    // By display name; a mute that ran out is no restriction.
    QCOMPARE(restricted(4000), (QList<qint64>{loud.id, rude.id}));
    QCOMPARE(restricted(6000), (QList<qint64>{rude.id}));
    const auto nobody = storage->runBlocking<Expected<Audited<RestrictedUser>>>(
            [&](StorageWorker &w) { return w.moderation().muteUser(999'999, 1, byMod); });
    QCOMPARE(nobody.error().code, ErrorCode::NotFound);
}

// An announcement is stored once per client id, and audited once.
void tst_ModerationStore::announcementsAreStoredOnceAndAudited()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo mod = StorageFixture::createUser(*storage, QStringLiteral("mod"));
    QVERIFY(mod.id > 0);
    const auto announce = [&](const QString &clientId, const QString &text) {
        return storage->runBlocking<Expected<StoredAnnouncement>>([&](StorageWorker &w) {
            return w.moderation().announce(mod.id, clientId, text, 7);
        });
    };
    const auto first = announce(QStringLiteral("a1"), QStringLiteral("Lunch"));
    QVERIFY(first);
    QVERIFY(first->entry.has_value());
    QCOMPARE(first->entry->action, QStringLiteral("announce"));
    QCOMPARE(first->announcement.text, QStringLiteral("Lunch"));
    const auto resend = announce(QStringLiteral("a1"), QStringLiteral("Lunch"));
    QVERIFY(resend);
    QVERIFY(!resend->entry.has_value());
    QCOMPARE(resend->announcement.id, first->announcement.id);
    const auto byId = storage->runBlocking<Expected<Announcement>>(
            [&](StorageWorker &w) { return w.moderation().announcement(first->announcement.id); });
    QCOMPARE(byId->author.id, mod.id);
    QCOMPARE(storage->runBlocking<Expected<QList<AuditEntry>>>([](StorageWorker &w) {
                        return w.moderation().auditLog(std::nullopt, 10);
                    })
                     ->size(),
             1);
}

// The audit log in pages, newest first, one more than the limit read.
void tst_ModerationStore::theAuditLogPagesNewestFirst()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    QList<qint64> ids;
    for (int i = 0; i < 4; ++i) {
        const auto entry = storage->runBlocking<Expected<AuditEntry>>([i](StorageWorker &w) {
            return w.moderation().appendAudit({std::nullopt,
                                               QStringLiteral("note"),
                                               std::nullopt,
                                               QStringLiteral("entry %1").arg(i),
                                               {}});
        });
        QVERIFY(entry);
        ids.append(entry->id);
    }
    const auto page = [&](std::optional<qint64> beforeId) {
        const auto entries = storage->runBlocking<Expected<QList<AuditEntry>>>(
                [beforeId](StorageWorker &w) { return w.moderation().auditLog(beforeId, 2); });
        QList<qint64> found;
        for (const AuditEntry &entry : entries.value())
            found.append(entry.id);
        return found;
    };
    QCOMPARE(page(std::nullopt), (QList<qint64>{ids[3], ids[2], ids[1]}));
    QCOMPARE(page(ids[1]), (QList<qint64>{ids[0]}));
    const auto missing = storage->runBlocking<Expected<AuditEntry>>(
            [](StorageWorker &w) { return w.moderation().auditEntry(999'999); });
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(tst_ModerationStore)
#include "tst_moderationstore.moc"
