// SPDX-License-Identifier: MIT
#include "hubsmodel.h"
#include "hallwayclient.h"
#include "protocol.h"

namespace Hallway {

HubsModel::HubsModel(HallwayClient *client, QObject *parent) : QAbstractListModel(parent)
{
    connect(client, &HallwayClient::topicSnapshot, this,
            [this](const QString &topic, const QJsonObject &snapshot) {
                if (topic == Protocol::Topic::Hubs)
                    applySnapshot(snapshot);
            });
    connect(client, &HallwayClient::topicEvent, this,
            [this](const QString &topic, qint64, const QJsonObject &data) {
                if (topic == Protocol::Topic::Hubs)
                    applyEvent(data);
            });
    connect(client, &HallwayClient::signedOut, this, [this]() { applySnapshot({}); });
    client->subscribe(Protocol::Topic::Hubs);
}

int HubsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_hubs.size());
}

QVariant HubsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_hubs.size())
        return {};
    const Hub &hub = m_hubs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return hub.name;
    case HubIdRole:
        return hub.id;
    default:
        return {};
    }
}

QString HubsModel::kindTitle(WidgetKind kind)
{
    switch (kind) {
    case WidgetKind::Presence:
        return tr("Who's online");
    case WidgetKind::CommunityFeed:
        return tr("Latest facts");
    case WidgetKind::Talks:
        return tr("Top lightning talks");
    case WidgetKind::Stats:
        return tr("The room in numbers");
    case WidgetKind::Announcements:
        return tr("Announcements");
    case WidgetKind::UserFacts:
        return tr("One person's facts");
    }
    return {};
}

std::optional<Hub> HubsModel::hub(qint64 hubId) const
{
    const int row = rowOf(hubId);
    return row >= 0 ? std::optional<Hub>(m_hubs.at(row)) : std::nullopt;
}

int HubsModel::rowOf(qint64 hubId) const
{
    for (qsizetype row = 0; row < m_hubs.size(); ++row) {
        if (m_hubs.at(row).id == hubId)
            return static_cast<int>(row);
    }
    return -1;
}

void HubsModel::applySnapshot(const QJsonObject &snapshot)
{
    const auto hubs = hubsFromJson(snapshot.value(QStringLiteral("hubs")));
    beginResetModel();
    m_hubs = hubs ? hubs.value() : QList<Hub>();
    m_loaded = snapshot.contains(QStringLiteral("hubs"));
    endResetModel();
    for (const Hub &hub : std::as_const(m_hubs))
        Q_EMIT hubChanged(hub.id);
}

void HubsModel::applyEvent(const QJsonObject &data)
{
    const QString kind = data.value(QStringLiteral("kind")).toString();
    if (kind == Protocol::ModerationEvent::HubRemoved) {
        const qint64 hubId = data.value(QStringLiteral("hubId")).toInteger();
        const int row = rowOf(hubId);
        if (row < 0)
            return;
        beginRemoveRows({}, row, row);
        m_hubs.removeAt(row);
        endRemoveRows();
        Q_EMIT hubChanged(hubId);
        return;
    }
    const auto hub = Hub::fromJson(data.value(QStringLiteral("hub")).toObject());
    if (!hub)
        return;
    const int row = rowOf(hub->id);
    if (row >= 0) {
        m_hubs[row] = hub.value();
        Q_EMIT dataChanged(index(row), index(row));
    } else {
        const int at = static_cast<int>(m_hubs.size());
        beginInsertRows({}, at, at);
        m_hubs.append(hub.value());
        endInsertRows();
    }
    Q_EMIT hubChanged(hub->id);
}

} // namespace Hallway
