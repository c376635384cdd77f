// SPDX-License-Identifier: MIT
#include "auditlogmodel.h"
#include "hallwayclient.h"
#include "hubsmodel.h"
#include "protocol.h"

#include <QDateTime>
#include <QLocale>

namespace Hallway {

AuditLogModel::AuditLogModel(HallwayClient *client, QObject *parent)
    : QAbstractListModel(parent), m_client(client)
{
    connect(client, &HallwayClient::topicSnapshot, this,
            [this](const QString &topic, const QJsonObject &snapshot) {
                if (topic == Protocol::Topic::Moderation)
                    applySnapshot(snapshot);
            });
    connect(client, &HallwayClient::topicEvent, this,
            [this](const QString &topic, qint64, const QJsonObject &data) {
                if (topic != Protocol::Topic::Moderation)
                    return;
                if (const auto entry =
                            AuditEntry::fromJson(data.value(QStringLiteral("entry")).toObject()))
                    add(entry.value());
            });
}

void AuditLogModel::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (active) {
        m_client->subscribe(Protocol::Topic::Moderation);
        return;
    }
    m_client->unsubscribe(Protocol::Topic::Moderation);
    applySnapshot({});
}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const AuditEntry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1  %2").arg(
                QLocale().toString(QDateTime::fromMSecsSinceEpoch(entry.createdAt).toLocalTime(),
                                   QLocale::ShortFormat),
                describe(entry));
    case Qt::ToolTipRole:
        return entry.detail.value(QStringLiteral("text")).toString();
    case EntryIdRole:
        return entry.id;
    case ActionRole:
        return entry.action;
    case TimeRole:
        return entry.createdAt;
    case SubjectRole:
        return entry.subject;
    default:
        return {};
    }
}

bool AuditLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_active && m_hasMore && !m_fetching;
}

void AuditLogModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent) || m_entries.isEmpty())
        return;
    m_fetching = true;
    AuditLogRequest request;
    request.beforeId = m_entries.constLast().id;
    m_client->request(Protocol::Type::AuditLog, request.toJson(), this,
                      [this](const Expected<QJsonObject> &reply) {
                          m_fetching = false;
                          if (!reply)
                              return;
                          const auto older =
                                  auditEntriesFromJson(reply->value(QStringLiteral("entries")));
                          if (!older || older->isEmpty())
                              return;
                          m_hasMore = reply->value(QStringLiteral("hasMore")).toBool();
                          const int first = static_cast<int>(m_entries.size());
                          beginInsertRows({}, first, first + static_cast<int>(older->size()) - 1);
                          m_entries.append(older.value());
                          endInsertRows();
                      });
}

void AuditLogModel::applySnapshot(const QJsonObject &snapshot)
{
    const auto entries = auditEntriesFromJson(snapshot.value(QStringLiteral("entries")));
    beginResetModel();
    m_entries = entries ? entries.value() : QList<AuditEntry>();
    m_hasMore = snapshot.value(QStringLiteral("hasMore")).toBool();
    endResetModel();
}

void AuditLogModel::add(const AuditEntry &entry)
{
    beginInsertRows({}, 0, 0);
    m_entries.prepend(entry);
    endInsertRows();
}

QString AuditLogModel::describe(const AuditEntry &entry)
{
    const QString who =
            entry.moderator ? entry.moderator->displayName : tr("The server's command line");
    const QString whom = entry.target ? entry.target->displayName : tr("someone");
    const QJsonObject &detail = entry.detail;
    const QString text = detail.value(QStringLiteral("text")).toString();
    const QString hub = detail.value(QStringLiteral("hub")).toString();
    const auto widgetKind = widgetKindFromName(detail.value(QStringLiteral("kind")).toString());
    const QString kind = widgetKind ? HubsModel::kindTitle(*widgetKind)
                                    : detail.value(QStringLiteral("kind")).toString();
    const QString &action = entry.action;
    if (action == QLatin1StringView("set_role"))
        return detail.value(QStringLiteral("role")) == QStringLiteral("moderator")
                ? tr("%1 made %2 a moderator").arg(who, whom)
                : tr("%1 made %2 an attendee").arg(who, whom);
    if (action == QLatin1StringView("hide_fact"))
        return tr("%1 hid a fact by %2: \"%3\"").arg(who, whom, text);
    if (action == QLatin1StringView("unhide_fact"))
        return tr("%1 brought back a fact by %2: \"%3\"").arg(who, whom, text);
    if (action == QLatin1StringView("mute")) {
        const int minutes =
                static_cast<int>((detail.value(QStringLiteral("seconds")).toInteger() + 59) / 60);
        return tr("%1 muted %2 for %n minute(s)", nullptr, minutes).arg(who, whom);
    }
    if (action == QLatin1StringView("unmute"))
        return tr("%1 lifted the mute on %2").arg(who, whom);
    if (action == QLatin1StringView("ban"))
        return tr("%1 banned %2").arg(who, whom);
    if (action == QLatin1StringView("unban"))
        return tr("%1 lifted the ban on %2").arg(who, whom);
    if (action == QLatin1StringView("announce"))
        return tr("%1 announced: \"%2\"").arg(who, text);
    if (action == QLatin1StringView("open_voting"))
        return tr("%1 opened voting on lightning talks").arg(who);
    if (action == QLatin1StringView("close_voting"))
        return tr("%1 closed voting on lightning talks").arg(who);
    if (action == QLatin1StringView("hide_talk"))
        return tr("%1 hid the talk \"%2\" by %3")
                .arg(who, detail.value(QStringLiteral("title")).toString(), whom);
    if (action == QLatin1StringView("unhide_talk"))
        return tr("%1 brought back the talk \"%2\" by %3")
                .arg(who, detail.value(QStringLiteral("title")).toString(), whom);
    if (action == Protocol::Type::CreateHub)
        return tr("%1 created the hub \"%2\"").arg(who, hub);
    if (action == Protocol::Type::RenameHub)
        return tr("%1 renamed the hub \"%2\" to \"%3\"")
                .arg(who, hub, detail.value(QStringLiteral("name")).toString());
    if (action == Protocol::Type::DeleteHub)
        return tr("%1 deleted the hub \"%2\"").arg(who, hub);
    if (action == Protocol::Type::AddWidget)
        return tr("%1 added \"%2\" to the hub \"%3\"").arg(who, kind, hub);
    if (action == Protocol::Type::RemoveWidget)
        return tr("%1 removed \"%2\" from the hub \"%3\"").arg(who, kind, hub);
    if (action == Protocol::Type::MoveWidget)
        return tr("%1 moved \"%2\" in the hub \"%3\"").arg(who, kind, hub);
    if (action == Protocol::Type::ConfigureWidget)
        return tr("%1 changed \"%2\" in the hub \"%3\"").arg(who, kind, hub);
    return tr("%1 did %2 (%3)").arg(who, action, entry.subject);
}

} // namespace Hallway
