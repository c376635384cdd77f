// SPDX-License-Identifier: MIT
#include "presencemodel.h"
#include "hallwayclient.h"
#include "protocol.h"

#include <algorithm>

namespace Hallway {

namespace {
bool sortsBefore(const OnlineUser &a, const OnlineUser &b)
{
    const int byName = QString::localeAwareCompare(a.user.displayName.toCaseFolded(),
                                                   b.user.displayName.toCaseFolded());
    return byName != 0 ? byName < 0 : a.user.id < b.user.id;
}
} // namespace

PresenceModel::PresenceModel(HallwayClient *client, QObject *parent)
    : QAbstractListModel(parent), m_client(client)
{
    connect(client, &HallwayClient::topicSnapshot, this,
            [this](const QString &topic, const QJsonObject &data) {
                if (topic != Protocol::Topic::Presence)
                    return;
                if (const auto snapshot = PresenceSnapshot::fromJson(data))
                    applySnapshot(snapshot.value());
            });
    connect(client, &HallwayClient::topicEvent, this,
            [this](const QString &topic, qint64, const QJsonObject &data) {
                if (topic != Protocol::Topic::Presence)
                    return;
                if (const auto change = PresenceChange::fromJson(data))
                    applyChange(change.value());
            });
    connect(client, &HallwayClient::signedOut, this, &PresenceModel::clear);
    // Who is here is only known while connected; the rows stay, marked, until the
    // snapshot or catch-up after the reconnect corrects them.
    connect(client, &HallwayClient::statusChanged, this, [this](HallwayClient::Status status) {
        const bool known = status == HallwayClient::Status::Online;
        if (known == m_known)
            return;
        m_known = known;
        if (!m_users.empty())
            Q_EMIT dataChanged(index(0), index(rowCount() - 1), {IsKnownRole, Qt::ToolTipRole});
    });
}

int PresenceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_users.size());
}

QVariant PresenceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OnlineUser &entry = m_users.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole:
        return entry.user.displayName;
    case Qt::ToolTipRole: {
        QStringList place;
        for (const QString &part : {entry.user.city, entry.user.region}) {
            if (!part.isEmpty())
                place.append(part);
        }
        const QString state = !m_known               ? tr("not known while disconnected")
                : entry.state == PresenceState::Away ? tr("away")
                                                     : tr("online");
        return place.isEmpty()
                ? tr("@%1 (%2)").arg(entry.user.username, state)
                : tr("@%1 (%2), %3")
                          .arg(entry.user.username, state, place.join(QStringLiteral(", ")));
    }
    case UserIdRole:
        return entry.user.id;
    case UsernameRole:
        return entry.user.username;
    case CityRole:
        return entry.user.city;
    case RegionRole:
        return entry.user.region;
    case StateRole:
        return static_cast<int>(entry.state);
    case IsAwayRole:
        return entry.state == PresenceState::Away;
    case IsSelfRole:
        return entry.user.id == m_client->currentUser().id;
    case IsModeratorRole:
        return entry.user.role == Hallway::Role::Moderator;
    case IsKnownRole:
        return m_known;
    default:
        return {};
    }
}

QHash<int, QByteArray> PresenceModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert({{UserIdRole, "userId"},
                  {UsernameRole, "username"},
                  {DisplayNameRole, "displayName"},
                  {CityRole, "city"},
                  {RegionRole, "region"},
                  {StateRole, "state"},
                  {IsAwayRole, "isAway"},
                  {IsSelfRole, "isSelf"},
                  {IsModeratorRole, "isModerator"},
                  {IsKnownRole, "isKnown"}});
    return names;
}

int PresenceModel::rowOfUser(qint64 userId) const
{
    for (int row = 0; row < m_users.size(); ++row) {
        if (m_users.at(row).user.id == userId)
            return row;
    }
    return -1;
}

int PresenceModel::sortedRowFor(const OnlineUser &user) const
{
    const auto position = std::lower_bound(m_users.cbegin(), m_users.cend(), user, sortsBefore);
    return static_cast<int>(position - m_users.cbegin());
}

void PresenceModel::applySnapshot(const PresenceSnapshot &snapshot)
{
    beginResetModel();
    m_users = snapshot.users;
    std::sort(m_users.begin(), m_users.end(), sortsBefore);
    endResetModel();
}

void PresenceModel::applyChange(const PresenceChange &change)
{
    const int row = rowOfUser(change.userId);
    if (change.kind == Protocol::PresenceEvent::Joined && change.user) {
        if (row >= 0) {
            beginRemoveRows({}, row, row);
            m_users.removeAt(row);
            endRemoveRows();
        }
        const int insertAt = sortedRowFor(*change.user);
        beginInsertRows({}, insertAt, insertAt);
        m_users.insert(insertAt, *change.user);
        endInsertRows();
    } else if (change.kind == Protocol::PresenceEvent::Left && row >= 0) {
        beginRemoveRows({}, row, row);
        m_users.removeAt(row);
        endRemoveRows();
    } else if (change.kind == Protocol::PresenceEvent::StateChanged && row >= 0) {
        m_users[row].state = change.state;
        const QModelIndex changed = index(row);
        Q_EMIT dataChanged(changed, changed, {StateRole, IsAwayRole, Qt::ToolTipRole});
    }
}

void PresenceModel::clear()
{
    beginResetModel();
    m_users.clear();
    endResetModel();
}

} // namespace Hallway
