// SPDX-License-Identifier: MIT
#include "clusterbus.h"
#include "clusterevent.h"
#include "logging.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Hallway {

ClusterBus::ClusterBus(const DatabaseUrl &url, const QString &nodeId, QObject *parent)
    : QObject(parent),
      m_url(url),
      m_nodeId(nodeId),
      m_connectionName(QStringLiteral("hallway-listen-") + nodeId)
{
}

ClusterBus::~ClusterBus()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

Status ClusterBus::open()
{
    if (!m_db.isValid()) {
        m_db = m_url.addConnection(m_connectionName, QStringLiteral("hallway-server-listen"));
        // A dead peer on a half-open TCP link is noticed in about 20 s, not minutes (libpq;
        // a unix socket ignores these).
        if (m_url.driver == DatabaseUrl::Driver::Postgres)
            m_db.setConnectOptions(m_db.connectOptions()
                                   + QStringLiteral(";keepalives=1;keepalives_idle=10;"
                                                    "keepalives_interval=5;keepalives_count=2"));
    }
    if (!m_db.open())
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("cannot open a listening connection to %1: %2")
                             .arg(m_url.displayString(), m_db.lastError().text())};
    QSqlDriver *driver = m_db.driver();
    connect(driver, &QSqlDriver::notification, this, &ClusterBus::onNotification,
            Qt::UniqueConnection);
    if (!driver->subscribeToNotification(ClusterEvent::Channel))
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("cannot LISTEN on %1: %2")
                             .arg(ClusterEvent::Channel, driver->lastError().text())};
    qCInfo(lcServer).noquote() << "node" << m_nodeId << "listens for the other nodes";
    return Done{};
}

void ClusterBus::checkConnection()
{
    QSqlQuery ping(m_db);
    if (ping.exec(QStringLiteral("SELECT 1")))
        return;
    qCWarning(lcServer).noquote() << "the listening connection dropped:" << ping.lastError().text()
                                  << "- reconnecting";
    m_db.close();
    if (const Status reopened = open(); !reopened) {
        qCWarning(lcServer).noquote() << reopened.error().message;
        return;
    }
    Q_EMIT reconnected();
}

void ClusterBus::on(const QString &kind, Handler handler)
{
    m_handlers.insert(kind, std::move(handler));
}

void ClusterBus::onNotification(const QString &channel, QSqlDriver::NotificationSource,
                                const QVariant &payload)
{
    if (channel != ClusterEvent::Channel)
        return;
    const QJsonObject event = QJsonDocument::fromJson(payload.toString().toUtf8()).object();
    // This node's own, under its first name or a later one ("name~2", see Heartbeat).
    const QString node = event.value(QStringLiteral("node")).toString();
    if (node == m_nodeId || node.startsWith(m_nodeId + QLatin1Char('~')))
        return;
    ++m_received;
    const QString kind = event.value(QStringLiteral("kind")).toString();
    const auto handler = m_handlers.constFind(kind);
    if (handler == m_handlers.constEnd()) {
        qCDebug(lcServer).noquote() << "no handler for cluster event" << kind;
        return;
    }
    (*handler)(event);
}

} // namespace Hallway
