// SPDX-License-Identifier: MIT
#include "clusterlistener.h"
#include "cluster/clusterevent.h"
#include "logging.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

namespace Hallway {

namespace {
const QString DatabaseNowMs =
        QStringLiteral("CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)");
} // namespace

ClusterListener::ClusterListener(const DatabaseUrl &url, const QString &nodeId)
    : m_url(url),
      m_nodeId(nodeId),
      m_connectionName(QStringLiteral("hallway-listen-") + nodeId),
      m_outage(QStringLiteral("the listening connection"))
{
}

ClusterListener::~ClusterListener()
{
    close();
}

Status ClusterListener::open()
{
    // Named apart from the storage connection, and per node, in pg_stat_activity.
    m_db = m_url.addConnection(m_connectionName, QStringLiteral("hallway-listen-") + m_nodeId);
    // A dead peer on a half-open TCP link is noticed in about 20 s, not minutes (libpq;
    // a unix socket ignores these).
    m_db.setConnectOptions(m_db.connectOptions()
                           + QStringLiteral(";keepalives=1;keepalives_idle=10;"
                                            "keepalives_interval=5;keepalives_count=2"));
    if (const Status listening = connectAndListen(); !listening)
        return listening;
    // Where each node stands now: what is numbered up to here, this node's services read
    // from the tables after this (start-up), so only later events are news.
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT node_id, MAX(seq) FROM cluster_events GROUP BY "
                                   "node_id")))
        return Error{
                ErrorCode::Unavailable,
                QStringLiteral("cannot read cluster_events: %1").arg(query.lastError().text())};
    while (query.next())
        m_lastSeq.insert(query.value(0).toString(), query.value(1).toLongLong());
    m_check = new QTimer(this);
    m_check->setInterval(CheckIntervalMs);
    connect(m_check, &QTimer::timeout, this, &ClusterListener::check);
    m_check->start();
    qCInfo(lcServer).noquote() << "node" << m_nodeId << "listens for the other nodes";
    return Done{};
}

void ClusterListener::close()
{
    if (m_check)
        m_check->stop();
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Status ClusterListener::connectAndListen()
{
    if (!m_db.open())
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("cannot open a listening connection to %1: %2")
                             .arg(m_url.displayString(), m_db.lastError().text().trimmed())};
    QSqlDriver *driver = m_db.driver();
    connect(driver, &QSqlDriver::notification, this, &ClusterListener::onNotification,
            Qt::UniqueConnection);
    if (!driver->subscribeToNotification(ClusterEvent::Channel))
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("cannot LISTEN on %1: %2")
                             .arg(ClusterEvent::Channel, driver->lastError().text().trimmed())};
    QSqlQuery now(m_db);
    if (now.exec(QStringLiteral("SELECT ") + DatabaseNowMs) && now.next())
        m_aliveAtMs = now.value(0).toLongLong();
    return Done{};
}

void ClusterListener::check()
{
    if (m_outage.isOngoing()) {
        if (m_outage.isTimeToRetry())
            reconnect();
        return;
    }
    // Notifications arrive on the socket; only a query tells that it is dead.
    QSqlQuery now(m_db);
    if (m_db.isOpen() && now.exec(QStringLiteral("SELECT ") + DatabaseNowMs) && now.next()) {
        m_aliveAtMs = now.value(0).toLongLong();
        return;
    }
    const QString reason = now.lastError().text().trimmed();
    m_outage.begin(reason.isEmpty() ? QStringLiteral("the connection was lost") : reason);
    reconnect();
}

void ClusterListener::reconnect()
{
    const qint64 aliveAtMs = m_aliveAtMs;
    m_db.close();
    if (const Status listening = connectAndListen(); !listening) {
        m_outage.retryFailed(listening.error().message);
        return;
    }
    // LISTEN is in place: whatever commits from now on is notified. Read back what was
    // missed before it; a notification of something read back here is dropped by number.
    QSqlQuery missed(m_db);
    missed.prepare(QStringLiteral("SELECT payload FROM cluster_events WHERE sent_at >= ? "
                                  "ORDER BY node_id, seq"));
    missed.addBindValue(aliveAtMs - BackfillMarginMs);
    if (!missed.exec()) {
        m_outage.retryFailed(missed.lastError().text().trimmed());
        m_db.close();
        return;
    }
    const qint64 before = m_backfilled;
    while (missed.next()) {
        const QJsonObject event =
                QJsonDocument::fromJson(missed.value(0).toString().toUtf8()).object();
        const qint64 seq = event.value(QStringLiteral("seq")).toInteger();
        const QString node = event.value(QStringLiteral("node")).toString();
        if (seq > m_lastSeq.value(node, 0) && node != m_nodeId
            && !node.startsWith(m_nodeId + QLatin1Char('~')))
            ++m_backfilled;
        deliver(event);
    }
    m_outage.end();
    qCInfo(lcServer).noquote() << "read back" << m_backfilled - before
                               << "change(s) the other nodes made while not listening";
    Q_EMIT reconnected(m_backfilled - before);
}

void ClusterListener::onNotification(const QString &channel, QSqlDriver::NotificationSource,
                                     const QVariant &payload)
{
    if (channel != ClusterEvent::Channel)
        return;
    deliver(QJsonDocument::fromJson(payload.toString().toUtf8()).object());
}

void ClusterListener::deliver(const QJsonObject &event)
{
    // This node's own, under its first name or a later one ("name~2", see Heartbeat).
    const QString node = event.value(QStringLiteral("node")).toString();
    if (node == m_nodeId || node.startsWith(m_nodeId + QLatin1Char('~')))
        return;
    const qint64 seq = event.value(QStringLiteral("seq")).toInteger();
    qint64 &last = m_lastSeq[node];
    if (seq <= last)
        return; // read back after a reconnect, and now notified as well
    last = seq;
    Q_EMIT eventReceived(event);
}

} // namespace Hallway
