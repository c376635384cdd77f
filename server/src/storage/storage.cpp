// SPDX-License-Identifier: MIT
#include "storage.h"

namespace Hallway {

Storage::Storage(const DatabaseUrl &url, QObject *parent)
    : QObject(parent), m_url(url), m_worker(new StorageWorker(url))
{
    m_thread.setObjectName(QStringLiteral("hallway-storage"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

Storage::~Storage()
{
    // Queued jobs run first (the queue is ordered), then the connection closes on its thread.
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker]() { worker->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

Status Storage::open()
{
    return runBlocking<Status>([this](StorageWorker &worker) {
        const Status opened = worker.open();
        m_schemaVersion = worker.schemaVersion();
        return opened;
    });
}

void Storage::jobFinished()
{
    if (--m_pendingJobs == 0)
        Q_EMIT idle();
}

} // namespace Hallway
