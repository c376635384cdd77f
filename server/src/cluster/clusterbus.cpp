// SPDX-License-Identifier: MIT
#include "clusterbus.h"
#include "logging.h"
#include "storage/clusterlistener.h"
#include "storage/storage.h"

namespace Hallway {

ClusterBus::ClusterBus(const DatabaseUrl &url, const QString &nodeId, Storage &storage,
                       QObject *parent)
    : QObject(parent),
      m_nodeId(nodeId),
      m_storage(storage),
      m_listener(new ClusterListener(url, nodeId))
{
    m_thread.setObjectName(QStringLiteral("hallway-listen"));
    m_listener->moveToThread(&m_thread);
    connect(m_listener, &ClusterListener::eventReceived, this, &ClusterBus::dispatch);
    connect(m_listener, &ClusterListener::reconnected, this, [this](qint64 backfilled) {
        ++m_reconnects;
        m_readBack += backfilled;
        Q_EMIT reconnected();
    });
    m_thread.start();
}

ClusterBus::~ClusterBus()
{
    QMetaObject::invokeMethod(
            m_listener, [listener = m_listener]() { listener->close(); },
            Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_listener;
}

Status ClusterBus::open()
{
    Status opened = Done{};
    QMetaObject::invokeMethod(
            m_listener, [&opened, listener = m_listener]() { opened = listener->open(); },
            Qt::BlockingQueuedConnection);
    return opened;
}

void ClusterBus::on(const QString &kind, Handler handler)
{
    m_handlers.insert(kind, std::move(handler));
}

void ClusterBus::dispatch(const QJsonObject &event)
{
    ++m_received;
    const QString kind = event.value(QStringLiteral("kind")).toString();
    const auto handler = m_handlers.constFind(kind);
    if (handler == m_handlers.constEnd()) {
        qCDebug(lcServer).noquote() << "no handler for cluster event" << kind;
        return;
    }
    const Storage::WaitOutOutages patience(m_storage);
    (*handler)(event);
}

} // namespace Hallway
