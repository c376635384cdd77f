// SPDX-License-Identifier: MIT
// HubStore's statements for hubs and their widgets.
#include "hubstore.h"
#include "accountstore.h"
#include "cluster/clusterevent.h"
#include "sqlsession.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Hallway {

namespace {

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}
} // namespace

Expected<QList<Hub>> HubStore::hubs()
{
    QSqlQuery query(m_session.database());
    if (!query.exec(QStringLiteral("SELECT id FROM hubs ORDER BY id")))
        return m_session.failure(QStringLiteral("read hubs"), query);
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    QList<Hub> result;
    for (const qint64 id : std::as_const(ids)) {
        const auto found = hub(id);
        if (!found)
            return found.error();
        result.append(found.value());
    }
    return result;
}

Expected<Hub> HubStore::hub(qint64 hubId)
{
    PreparedQuery query = m_session.prepared(QStringLiteral("SELECT name FROM hubs WHERE id = ?"));
    query.addBindValue(hubId);
    if (!query.exec())
        return m_session.failure(QStringLiteral("read a hub"), query);
    if (!query.next())
        return notFound(QStringLiteral("no hub with id %1").arg(hubId));
    Hub hub{hubId, query.value(0).toString(), {}};

    PreparedQuery widgets = m_session.prepared(QStringLiteral(
            "SELECT id, kind, config FROM hub_widgets WHERE hub_id = ? ORDER BY position, id"));
    widgets.addBindValue(hubId);
    if (!widgets.exec())
        return m_session.failure(QStringLiteral("read a hub's widgets"), widgets);
    while (widgets.next()) {
        const auto spec = WidgetSpec::make(
                widgets.value(1).toString(),
                QJsonDocument::fromJson(widgets.value(2).toString().toUtf8()).object());
        // A widget a newer server stored, or one edited by hand into nonsense, is left out
        // rather than breaking the hub.
        if (spec)
            hub.widgets.append({widgets.value(0).toLongLong(), spec.value()});
    }
    return hub;
}

Expected<Audited<HubChange>> HubStore::editHub(const HubEdit &edit, qint64 moderatorId)
{
    using Operation = HubEdit::Operation;
    return m_session.inTransaction<Audited<HubChange>>([&]() -> Expected<Audited<HubChange>> {
        AuditRecord audit{moderatorId, edit.type(), std::nullopt, {}, {}};
        qint64 hubId = edit.hubId;
        Hub before;
        if (edit.operation != Operation::Create) {
            const auto found = hub(hubId);
            if (!found)
                return found.error();
            before = found.value();
            audit.detail.insert(QStringLiteral("hub"), before.name);
        }
        const auto nameTaken = [&](const QSqlQuery &query) -> Error {
            if (m_session.isUniqueViolation(query))
                return {ErrorCode::Conflict,
                        QStringLiteral("there is already a hub named \"%1\"").arg(edit.name)};
            return m_session.failure(QStringLiteral("name a hub"), query);
        };
        // Widgets in their order; edits change this list, then positions are written anew.
        QList<qint64> order;
        for (const HubWidget &widget : std::as_const(before.widgets))
            order.append(widget.id);
        const auto findWidget = [&]() -> Expected<qsizetype> {
            const qsizetype index = order.indexOf(edit.widgetId);
            if (index < 0)
                return notFound(
                        QStringLiteral("hub %1 has no widget %2").arg(hubId).arg(edit.widgetId));
            return index;
        };

        switch (edit.operation) {
        case Operation::Create: {
            QSqlQuery insert(m_session.database());
            insert.prepare(QStringLiteral(
                    "INSERT INTO hubs (name, created_at) VALUES (?, ?) RETURNING id"));
            insert.addBindValue(edit.name);
            insert.addBindValue(QDateTime::currentMSecsSinceEpoch());
            if (!insert.exec() || !insert.next())
                return nameTaken(insert);
            hubId = insert.value(0).toLongLong();
            audit.detail.insert(QStringLiteral("hub"), edit.name);
            break;
        }
        case Operation::Rename: {
            QSqlQuery update(m_session.database());
            update.prepare(QStringLiteral("UPDATE hubs SET name = ? WHERE id = ?"));
            update.addBindValue(edit.name);
            update.addBindValue(hubId);
            if (!update.exec())
                return nameTaken(update);
            audit.detail.insert(QStringLiteral("name"), edit.name);
            break;
        }
        case Operation::Delete: {
            QSqlQuery count(m_session.database());
            if (!count.exec(QStringLiteral("SELECT COUNT(*) FROM hubs")) || !count.next())
                return m_session.failure(QStringLiteral("count hubs"), count);
            if (count.value(0).toLongLong() <= 1)
                return Error{ErrorCode::Conflict,
                             QStringLiteral("the room needs at least one hub; add another "
                                            "before deleting this one")};
            QSqlQuery remove(m_session.database());
            remove.prepare(QStringLiteral("DELETE FROM hubs WHERE id = ?"));
            remove.addBindValue(hubId);
            if (!remove.exec())
                return m_session.failure(QStringLiteral("delete a hub"), remove);
            break;
        }
        case Operation::AddWidget: {
            if (order.size() >= Hub::MaxWidgets)
                return Error{ErrorCode::Conflict,
                             QStringLiteral("a hub holds at most %1 widgets").arg(Hub::MaxWidgets)};
            if (edit.spec.kind == WidgetKind::UserFacts && !m_accounts.userById(edit.spec.userId()))
                return notFound(QStringLiteral("no user with id %1").arg(edit.spec.userId()));
            PreparedQuery insert = m_session.prepared(
                    QStringLiteral("INSERT INTO hub_widgets (hub_id, position, kind, "
                                   "config) VALUES (?, ?, ?, ?) RETURNING id"));
            insert.addBindValue(hubId);
            insert.addBindValue(static_cast<int>(order.size()));
            insert.addBindValue(widgetKindName(edit.spec.kind));
            insert.addBindValue(compact(edit.spec.config));
            if (!insert.exec() || !insert.next())
                return m_session.failure(QStringLiteral("add a widget"), insert);
            const qint64 widgetId = insert.value(0).toLongLong();
            const qsizetype at = edit.position < 0
                    ? order.size()
                    : std::min<qsizetype>(edit.position, order.size());
            order.insert(at, widgetId);
            audit.detail.insert(QStringLiteral("kind"), widgetKindName(edit.spec.kind));
            audit.detail.insert(QStringLiteral("config"), edit.spec.config);
            break;
        }
        case Operation::RemoveWidget: {
            const auto index = findWidget();
            if (!index)
                return index.error();
            audit.detail.insert(QStringLiteral("kind"),
                                widgetKindName(before.widgets.at(*index).spec.kind));
            PreparedQuery remove =
                    m_session.prepared(QStringLiteral("DELETE FROM hub_widgets WHERE id = ?"));
            remove.addBindValue(edit.widgetId);
            if (!remove.exec())
                return m_session.failure(QStringLiteral("remove a widget"), remove);
            order.removeAt(*index);
            break;
        }
        case Operation::MoveWidget: {
            const auto index = findWidget();
            if (!index)
                return index.error();
            const qsizetype to = std::min<qsizetype>(edit.position, order.size() - 1);
            order.move(*index, to);
            audit.detail.insert(QStringLiteral("kind"),
                                widgetKindName(before.widgets.at(*index).spec.kind));
            audit.detail.insert(QStringLiteral("position"), static_cast<qint64>(to));
            break;
        }
        case Operation::Configure: {
            const auto index = findWidget();
            if (!index)
                return index.error();
            const WidgetKind kind = before.widgets.at(*index).spec.kind;
            const auto spec = WidgetSpec::make(kind, edit.config);
            if (!spec)
                return spec.error();
            if (kind == WidgetKind::UserFacts && !m_accounts.userById(spec->userId()))
                return notFound(QStringLiteral("no user with id %1").arg(spec->userId()));
            PreparedQuery update = m_session.prepared(
                    QStringLiteral("UPDATE hub_widgets SET config = ? WHERE id = ?"));
            update.addBindValue(compact(spec->config));
            update.addBindValue(edit.widgetId);
            if (!update.exec())
                return m_session.failure(QStringLiteral("configure a widget"), update);
            audit.detail.insert(QStringLiteral("kind"), widgetKindName(kind));
            audit.detail.insert(QStringLiteral("config"), spec->config);
            break;
        }
        }

        for (qsizetype position = 0; position < order.size(); ++position) {
            PreparedQuery place = m_session.prepared(
                    QStringLiteral("UPDATE hub_widgets SET position = ? WHERE id = ?"));
            place.addBindValue(static_cast<int>(position));
            place.addBindValue(order.at(position));
            if (!place.exec())
                return m_session.failure(QStringLiteral("order widgets"), place);
        }

        HubChange change;
        if (edit.operation == Operation::Delete) {
            change = {before, true};
        } else {
            const auto after = hub(hubId);
            if (!after)
                return after.error();
            change = {after.value(), false};
        }
        audit.subject = QStringLiteral("hub %1").arg(hubId);
        m_session.notifyNodes(ClusterEvent::HubChanged, {{QStringLiteral("id"), hubId}});
        const auto entry = m_moderation.appendAudit(audit);
        if (!entry)
            return entry.error();
        return Audited<HubChange>{change, entry.value()};
    });
}

} // namespace Hallway
