// SPDX-License-Identifier: MIT
// FactStore against a real database: SQLite, or PostgreSQL in the _postgres variant.
#include "fixtures.h"
#include "storagefixture.h"

#include <QTest>

using namespace Hallway;
using Hallway::Test::StorageFixture;

class tst_FactStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void aPostIsStoredOncePerClientId();
    void pagesReadOneMoreThanTheLimit();
    void hiddenFactsAreLeftOutOfLists();
    void factsByIdAreThoseThatExist();

private:
    Test::StorageFixture m_fixture;
};

void tst_FactStore::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
}

void tst_FactStore::init()
{
    QVERIFY(m_fixture.init());
}

void tst_FactStore::cleanup()
{
    m_fixture.cleanup();
}

namespace {
Expected<StoredFact> post(Storage &storage, qint64 authorId, const QString &clientId,
                          const QString &text)
{
    return storage.runBlocking<Expected<StoredFact>>(
            [&](StorageWorker &w) { return w.facts().post(authorId, clientId, text, 1000); });
}

AuditRecord byNobody(const QString &action)
{
    return {std::nullopt, action, std::nullopt, {}, {}};
}
} // namespace

// A client sends a post again until it hears back: the pair (author, client id) is stored once.
void tst_FactStore::aPostIsStoredOncePerClientId()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo ada = StorageFixture::createUser(*storage, QStringLiteral("ada"));
    const UserInfo bob = StorageFixture::createUser(*storage, QStringLiteral("bob"));
    QVERIFY(ada.id > 0 && bob.id > 0);

    const auto first = post(*storage, ada.id, QStringLiteral("c1"), QStringLiteral("One"));
    QVERIFY(first);
    QVERIFY(!first->duplicate);
    QCOMPARE(first->fact.text, QStringLiteral("One"));
    QCOMPARE(first->fact.author.id, ada.id);
    QCOMPARE(first->fact.clientId, QStringLiteral("c1"));
    QCOMPARE(first->fact.createdAt, 1000);

    // The resend returns what the first send stored, whatever it says now.
    const auto again = post(*storage, ada.id, QStringLiteral("c1"), QStringLiteral("Changed"));
    QVERIFY(again);
    QVERIFY(again->duplicate);
    QCOMPARE(again->fact.id, first->fact.id);
    QCOMPARE(again->fact.text, QStringLiteral("One"));

    // Another author's client id is their own.
    const auto other = post(*storage, bob.id, QStringLiteral("c1"), QStringLiteral("Bob's"));
    QVERIFY(other);
    QVERIFY(!other->duplicate);
    QVERIFY(other->fact.id != first->fact.id);

    const auto latest = storage->runBlocking<Expected<QList<Fact>>>(
            [](StorageWorker &w) { return w.facts().latestFacts(10); });
    QCOMPARE(latest->size(), 2);
}

// Pages of a user's facts: newest first, older than beforeId, one more than the limit read to
// tell that there are more.
void tst_FactStore::pagesReadOneMoreThanTheLimit()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo ada = StorageFixture::createUser(*storage, QStringLiteral("ada"));
    const UserInfo bob = StorageFixture::createUser(*storage, QStringLiteral("bob"));
    QVERIFY(ada.id > 0 && bob.id > 0);
    QList<qint64> ids;
    for (int i = 0; i < 5; ++i) {
        const auto stored = post(*storage, ada.id, QStringLiteral("a%1").arg(i),
                                 QStringLiteral("Fact %1").arg(i));
        QVERIFY(stored);
        ids.append(stored->fact.id);
        QVERIFY(post(*storage, bob.id, QStringLiteral("b%1").arg(i), QStringLiteral("Bob")));
    }
    const auto page = [&](std::optional<qint64> beforeId, int limit) {
        const auto facts = storage->runBlocking<Expected<QList<Fact>>>(
                [&](StorageWorker &w) { return w.facts().factsByAuthor(ada.id, beforeId, limit); });
        QList<qint64> found;
        for (const Fact &fact : facts.value())
            found.append(fact.id);
        return found;
    };
    QCOMPARE(page(std::nullopt, 2), (QList<qint64>{ids[4], ids[3], ids[2]}));
    QCOMPARE(page(ids[2], 2), (QList<qint64>{ids[1], ids[0]}));
    QCOMPARE(page(ids[0], 2), QList<qint64>());

    // The latest facts of everyone, exactly as many as asked.
    const auto latest = storage->runBlocking<Expected<QList<Fact>>>(
            [](StorageWorker &w) { return w.facts().latestFacts(3); });
    QCOMPARE(latest->size(), 3);
    QVERIFY(latest->at(0).id > latest->at(1).id && latest->at(1).id > latest->at(2).id);
    QCOMPARE(latest->at(0).author.id, bob.id);
}

// A hidden fact is out of every list, and still there for whoever asks by id.
void tst_FactStore::hiddenFactsAreLeftOutOfLists()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo ada = StorageFixture::createUser(*storage, QStringLiteral("ada"));
    QVERIFY(ada.id > 0);
    const auto kept = post(*storage, ada.id, QStringLiteral("k"), QStringLiteral("Kept"));
    const auto hidden = post(*storage, ada.id, QStringLiteral("h"), QStringLiteral("Hidden"));
    QVERIFY(kept && hidden);

    const auto hide = [&]() {
        return storage->runBlocking<Expected<FactVisibilityChange>>([&](StorageWorker &w) {
            return w.moderation().setFactHidden(hidden->fact.id, true,
                                                byNobody(QStringLiteral("hide_fact")));
        });
    };
    const auto change = hide();
    QVERIFY(change);
    QVERIFY(change->entry.has_value());
    QCOMPARE(change->entry->subject, QStringLiteral("fact %1").arg(hidden->fact.id));
    // Hiding it again changes and audits nothing.
    const auto again = hide();
    QVERIFY(again);
    QVERIFY(!again->entry.has_value());

    const auto latest = storage->runBlocking<Expected<QList<Fact>>>(
            [](StorageWorker &w) { return w.facts().latestFacts(10); });
    QCOMPARE(latest->size(), 1);
    QCOMPARE(latest->at(0).id, kept->fact.id);
    const auto byAuthor = storage->runBlocking<Expected<QList<Fact>>>(
            [&](StorageWorker &w) { return w.facts().factsByAuthor(ada.id, std::nullopt, 10); });
    QCOMPARE(byAuthor->size(), 1);
    const auto byId = storage->runBlocking<Expected<Fact>>(
            [&](StorageWorker &w) { return w.facts().fact(hidden->fact.id); });
    QCOMPARE(byId->text, QStringLiteral("Hidden"));
}

void tst_FactStore::factsByIdAreThoseThatExist()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo ada = StorageFixture::createUser(*storage, QStringLiteral("ada"));
    QVERIFY(ada.id > 0);
    const auto one = post(*storage, ada.id, QStringLiteral("1"), QStringLiteral("One"));
    const auto two = post(*storage, ada.id, QStringLiteral("2"), QStringLiteral("Two"));
    QVERIFY(one && two);
    const auto found = storage->runBlocking<Expected<QList<Fact>>>([&](StorageWorker &w) {
        return w.facts().facts({two->fact.id, 999'999, one->fact.id});
    });
    QVERIFY(found);
    QCOMPARE(found->size(), 2);
    QCOMPARE(found->at(0).id, one->fact.id); // by id
    QCOMPARE(found->at(1).text, QStringLiteral("Two"));
    const auto missing = storage->runBlocking<Expected<Fact>>(
            [](StorageWorker &w) { return w.facts().fact(999'999); });
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(tst_FactStore)
#include "tst_factstore.moc"
