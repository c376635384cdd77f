// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "storage/databaseurl.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QThread>
#include <functional>

namespace Hallway {

class ClusterListener;
class Storage;

// The other nodes serving the same event, heard through PostgreSQL LISTEN by a
// ClusterListener on a thread of its own. Services register a handler per event kind (see
// ClusterEvent); a handler reads what changed by id, through Storage, and publishes it to
// this node's subscribers. This node's own notifications are not handed back: it published
// those when they committed. Every other node's event is handed over once, in that node's
// order, also across a dropped listening connection (the listener reads back what it missed).
class ClusterBus : public QObject {
    Q_OBJECT
public:
    // What handlers queue on storage waits out a database outage (Storage::WaitOutOutages):
    // another node's change is not asked for again.
    ClusterBus(const DatabaseUrl &url, const QString &nodeId, Storage &storage,
               QObject *parent = nullptr);
    ~ClusterBus() override;

    using Handler = std::function<void(const QJsonObject &payload)>;

    // Connects and starts listening; blocks (start-up only).
    Status open();

    QString nodeId() const { return m_nodeId; }
    void on(const QString &kind, Handler handler);
    qint64 eventsReceived() const { return m_received; }
    // Events read back from cluster_events after the listening connection came back.
    qint64 eventsReadBack() const { return m_readBack; }
    qint64 listenReconnects() const { return m_reconnects; }

Q_SIGNALS:
    // The listening connection was lost and is back; what was missed has been handed over.
    void reconnected();

private:
    void dispatch(const QJsonObject &event);

    QString m_nodeId;
    Storage &m_storage;
    QThread m_thread;
    ClusterListener *m_listener;
    QHash<QString, Handler> m_handlers;
    qint64 m_received = 0;
    qint64 m_readBack = 0;
    qint64 m_reconnects = 0;
};

} // namespace Hallway
