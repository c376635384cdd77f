// SPDX-License-Identifier: MIT
#pragma once

#include "hub.h"

#include <QAbstractListModel>

namespace Hallway {

class HallwayClient;

// The room's hubs, kept live from the "hubs" topic: one row per hub, in order of creation.
class HubsModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { HubIdRole = Qt::UserRole + 1 };

    explicit HubsModel(HallwayClient *client, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    std::optional<Hub> hub(qint64 hubId) const;
    // What a kind of widget is called on screen.
    static QString kindTitle(WidgetKind kind);
    int rowOf(qint64 hubId) const;
    // The hubs topic has answered: no rows now means the room has no hubs, not "loading".
    bool isLoaded() const { return m_loaded; }

Q_SIGNALS:
    // A hub's name or widgets changed (or it was removed: then hub() has nothing).
    void hubChanged(qint64 hubId);

private:
    void applySnapshot(const QJsonObject &snapshot);
    void applyEvent(const QJsonObject &data);

    QList<Hub> m_hubs;
    bool m_loaded = false;
};

} // namespace Hallway
