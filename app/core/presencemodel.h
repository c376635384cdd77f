// SPDX-License-Identifier: MIT
#pragma once

#include "messages.h"

#include <QAbstractListModel>

namespace Hallway {

class HallwayClient;

// Who is online, sorted by display name, kept live from the presence topic: a snapshot
// resets it, each event changes just the row it is about.
class PresenceModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        UserIdRole = Qt::UserRole + 1,
        UsernameRole,
        DisplayNameRole,
        CityRole,
        RegionRole,
        StateRole, // PresenceState as int
        IsAwayRole,
        IsSelfRole,
        IsModeratorRole,
        // False while the connection is lost: the list is what it was, not what it is.
        IsKnownRole,
    };
    Q_ENUM(Role)

    explicit PresenceModel(HallwayClient *client, QObject *parent = nullptr);

    bool isKnown() const { return m_known; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int rowOfUser(qint64 userId) const;
    const OnlineUser &userAt(int row) const { return m_users.at(row); }

    void applySnapshot(const PresenceSnapshot &snapshot);
    void applyChange(const PresenceChange &change);
    void clear();

private:
    int sortedRowFor(const OnlineUser &user) const;

    HallwayClient *m_client;
    bool m_known = false;
    QList<OnlineUser> m_users;
};

} // namespace Hallway
