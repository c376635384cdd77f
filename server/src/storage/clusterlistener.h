// SPDX-License-Identifier: MIT
#pragma once

#include "databaseoutage.h"
#include "databaseurl.h"
#include "expected.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlDriver>

class QTimer;

namespace Hallway {

// The LISTEN connection to PostgreSQL, on a thread of its own (ClusterBus owns it): the
// network thread never waits for it, however slow or gone the database is.
//
// PostgreSQL keeps no notification for a node that is not listening, so every node also
// stores what it notifies in cluster_events under its own sequence number (see
// SqlSession::notifyNodes). This listener remembers the last number it passed on from each
// node; when its connection comes back after a drop (a restart, a terminated backend, a
// network cut) it reads what it missed from that table before anything newer, and passes on
// each event once, in each node's order.
class ClusterListener : public QObject {
    Q_OBJECT
public:
    static constexpr int CheckIntervalMs = 1000;
    // How far before the connection was last seen alive the read-back starts: a change may
    // commit a while after it was numbered.
    static constexpr qint64 BackfillMarginMs = 60'000;

    ClusterListener(const DatabaseUrl &url, const QString &nodeId);
    ~ClusterListener() override;

    // On its thread: connects, listens and learns where each node's numbers stand.
    Status open();
    void close();
    qint64 eventsBackfilled() const { return m_backfilled; }

Q_SIGNALS:
    // Another node's change, each once, in that node's order.
    void eventReceived(const QJsonObject &event);
    // The connection was lost and is back, and what was missed has been passed on.
    void reconnected(qint64 backfilled);

private:
    Status connectAndListen();
    void check();
    void reconnect();
    void onNotification(const QString &channel, QSqlDriver::NotificationSource source,
                        const QVariant &payload);
    // Passes the event on unless it is this node's own or was passed on before.
    void deliver(const QJsonObject &event);

    DatabaseUrl m_url;
    QString m_nodeId;
    QString m_connectionName;
    QSqlDatabase m_db;
    QTimer *m_check = nullptr;
    DatabaseOutage m_outage;
    QHash<QString, qint64> m_lastSeq; // node -> last sequence number passed on
    qint64 m_aliveAtMs = 0; // the database's clock when the connection was last seen working
    qint64 m_backfilled = 0;
};

} // namespace Hallway
