// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "storage/databaseurl.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <functional>

namespace Hallway {

// The other nodes serving the same event, heard through PostgreSQL LISTEN on a connection of
// its own. Services register a handler per event kind (see ClusterEvent); a handler reads
// what changed by id, through Storage, and publishes it to this node's subscribers. This
// node's own notifications are not handed back: it published those when they committed.
class ClusterBus : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<void(const QJsonObject &payload)>;

    ClusterBus(const DatabaseUrl &url, const QString &nodeId, QObject *parent = nullptr);
    ~ClusterBus() override;

    // Connects and starts listening; blocks (start-up only).
    Status open();
    // Reconnects if the database dropped the listening connection; blocks briefly. Events
    // sent while it was down are lost: subscribers get them with their next snapshot.
    void checkConnection();

    QString nodeId() const { return m_nodeId; }
    void on(const QString &kind, Handler handler);
    qint64 eventsReceived() const { return m_received; }

Q_SIGNALS:
    // The listening connection was lost and is back: what was said meanwhile is unknown.
    void reconnected();

private:
    void onNotification(const QString &channel, QSqlDriver::NotificationSource source,
                        const QVariant &payload);

    DatabaseUrl m_url;
    QString m_nodeId;
    QString m_connectionName;
    QSqlDatabase m_db;
    QHash<QString, Handler> m_handlers;
    qint64 m_received = 0;
};

} // namespace Hallway
