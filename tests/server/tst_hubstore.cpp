// SPDX-License-Identifier: MIT
// HubStore against a real database: SQLite, or PostgreSQL in the _postgres variant.
#include "fixtures.h"
#include "storagefixture.h"

#include <QTest>

using namespace Hallway;
using Hallway::Test::StorageFixture;

class tst_HubStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void theRoomStartsWithTheLobby();
    void editsAreAuditedAndKeepTheOrder();
    void namesAreUniqueAndTheLastHubStays();

private:
    Test::StorageFixture m_fixture;
};

void tst_HubStore::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
}

void tst_HubStore::init()
{
    QVERIFY(m_fixture.init());
}

void tst_HubStore::cleanup()
{
    m_fixture.cleanup();
}

namespace {
QList<WidgetKind> kindsOf(const Hub &hub)
{
    QList<WidgetKind> kinds;
    for (const HubWidget &widget : hub.widgets)
        kinds.append(widget.spec.kind);
    return kinds;
}

Expected<Audited<HubChange>> editHub(Storage &storage, const HubEdit &edit, qint64 moderatorId)
{
    return storage.runBlocking<Expected<Audited<HubChange>>>(
            [&](StorageWorker &w) { return w.hubs().editHub(edit, moderatorId); });
}

HubEdit widgetAdded(qint64 hubId, WidgetKind kind, qint64 position = -1)
{
    HubEdit edit;
    edit.operation = HubEdit::Operation::AddWidget;
    edit.hubId = hubId;
    edit.spec = WidgetSpec::make(kind, {}).value();
    edit.position = position;
    return edit;
}
} // namespace

void tst_HubStore::theRoomStartsWithTheLobby()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto hubs = storage->runBlocking<Expected<QList<Hub>>>(
            [](StorageWorker &w) { return w.hubs().hubs(); });
    QVERIFY(hubs);
    QCOMPARE(hubs->size(), 1);
    QCOMPARE(hubs->at(0).name, QStringLiteral("Lobby"));
    QCOMPARE(kindsOf(hubs->at(0)),
             (QList<WidgetKind>{WidgetKind::Announcements, WidgetKind::Stats, WidgetKind::Talks,
                                WidgetKind::Presence, WidgetKind::CommunityFeed}));
    const auto missing = storage->runBlocking<Expected<Hub>>(
            [](StorageWorker &w) { return w.hubs().hub(999'999); });
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
}

// Each edit is one audited change by the moderator, and the widgets keep their order.
void tst_HubStore::editsAreAuditedAndKeepTheOrder()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo mod = StorageFixture::createUser(*storage, QStringLiteral("mod"));
    QVERIFY(mod.id > 0);
    const auto edit = [&](const HubEdit &change) { return editHub(*storage, change, mod.id); };
    HubEdit create;
    create.operation = HubEdit::Operation::Create;
    create.name = QStringLiteral("Corner");
    const auto created = edit(create);
    QVERIFY(created);
    const qint64 hubId = created->value.hub.id;
    QCOMPARE(created->value.hub.name, QStringLiteral("Corner"));
    QCOMPARE(created->entry.action, create.type());
    QCOMPARE(created->entry.moderator->id, mod.id);
    QCOMPARE(created->entry.subject, QStringLiteral("hub %1").arg(hubId));

    QVERIFY(edit(widgetAdded(hubId, WidgetKind::Stats)));
    QVERIFY(edit(widgetAdded(hubId, WidgetKind::Talks)));
    const auto first = edit(widgetAdded(hubId, WidgetKind::Presence, 0));
    QVERIFY(first);
    QCOMPARE(kindsOf(first->value.hub),
             (QList<WidgetKind>{WidgetKind::Presence, WidgetKind::Stats, WidgetKind::Talks}));

    // Moved past the end: last.
    HubEdit move;
    move.operation = HubEdit::Operation::MoveWidget;
    move.hubId = hubId;
    move.widgetId = first->value.hub.widgets.at(0).id;
    move.position = 10;
    const auto moved = edit(move);
    QVERIFY(moved);
    QCOMPARE(kindsOf(moved->value.hub),
             (QList<WidgetKind>{WidgetKind::Stats, WidgetKind::Talks, WidgetKind::Presence}));

    HubEdit configure;
    configure.operation = HubEdit::Operation::Configure;
    configure.hubId = hubId;
    configure.widgetId = moved->value.hub.widgets.at(1).id;
    configure.config = {{QStringLiteral("limit"), 3}};
    const auto configured = edit(configure);
    QVERIFY(configured);
    QCOMPARE(configured->value.hub.widgets.at(1).spec.config.value(QStringLiteral("limit")).toInt(),
             3);

    HubEdit remove;
    remove.operation = HubEdit::Operation::RemoveWidget;
    remove.hubId = hubId;
    remove.widgetId = moved->value.hub.widgets.at(0).id;
    const auto removed = edit(remove);
    QVERIFY(removed);
    QCOMPARE(kindsOf(removed->value.hub),
             (QList<WidgetKind>{WidgetKind::Talks, WidgetKind::Presence}));
    // The same widget again: gone.
    QCOMPARE(edit(remove).error().code, ErrorCode::NotFound);

    // One entry per edit that happened.
    const auto log = storage->runBlocking<Expected<QList<AuditEntry>>>(
            [](StorageWorker &w) { return w.moderation().auditLog(std::nullopt, 50); });
    QCOMPARE(log->size(), 7);
    QCOMPARE(log->at(0).action, remove.type());
}

void tst_HubStore::namesAreUniqueAndTheLastHubStays()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo mod = StorageFixture::createUser(*storage, QStringLiteral("mod"));
    QVERIFY(mod.id > 0);
    const auto edit = [&](const HubEdit &change) { return editHub(*storage, change, mod.id); };
    const qint64 lobbyId = storage->runBlocking<Expected<QList<Hub>>>(
                                          [](StorageWorker &w) { return w.hubs().hubs(); })
                                   ->at(0)
                                   .id;
    HubEdit create;
    create.operation = HubEdit::Operation::Create;
    create.name = QStringLiteral("Lobby");
    const auto taken = edit(create);
    QCOMPARE(taken.error().code, ErrorCode::Conflict);
    create.name = QStringLiteral("Garden");
    const auto garden = edit(create);
    QVERIFY(garden);
    HubEdit rename;
    rename.operation = HubEdit::Operation::Rename;
    rename.hubId = garden->value.hub.id;
    rename.name = QStringLiteral("Lobby");
    QCOMPARE(edit(rename).error().code, ErrorCode::Conflict);

    // A widget of facts by nobody is refused.
    HubEdit userFacts;
    userFacts.operation = HubEdit::Operation::AddWidget;
    userFacts.hubId = garden->value.hub.id;
    userFacts.spec =
            WidgetSpec::make(WidgetKind::UserFacts, {{QStringLiteral("userId"), 999'999}}).value();
    QCOMPARE(edit(userFacts).error().code, ErrorCode::NotFound);

    HubEdit remove;
    remove.operation = HubEdit::Operation::Delete;
    remove.hubId = garden->value.hub.id;
    const auto removed = edit(remove);
    QVERIFY(removed);
    QVERIFY(removed->value.removed);
    QCOMPARE(removed->value.hub.name, QStringLiteral("Garden"));
    remove.hubId = lobbyId;
    QCOMPARE(edit(remove).error().code, ErrorCode::Conflict);
    QCOMPARE(storage->runBlocking<Expected<QList<Hub>>>(
                            [](StorageWorker &w) { return w.hubs().hubs(); })
                     ->size(),
             1);
}

QTEST_GUILESS_MAIN(tst_HubStore)
#include "tst_hubstore.moc"
