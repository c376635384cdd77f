// SPDX-License-Identifier: MIT
#include "storage.h"

namespace Hallway {

Storage::Storage(const DatabaseUrl &url, QObject *parent)
    : QObject(parent), m_url(url), m_worker(new StorageWorker(url))
{
    m_thread.setObjectName(QStringLiteral("hallway-storage"));
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &StorageWorker::availabilityChanged, this, &Storage::onAvailabilityChanged);
    // On the storage thread itself, as soon as the database is back.
    connect(m_worker, &StorageWorker::availabilityChanged, m_worker, [this](bool available) {
        if (available)
            releaseHeldJobs();
    });
    m_thread.start();
}

Storage::~Storage()
{
    // Queued jobs run first, then the connection closes on its thread.
    QMetaObject::invokeMethod(
            m_worker,
            [this]() {
                drain(true);
                m_worker->close();
            },
            Qt::BlockingQueuedConnection);
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

void Storage::enqueue(std::unique_ptr<StorageJob> job, bool first)
{
    QMutexLocker locker(&m_queueMutex);
    if (first)
        m_queue.push_front(std::move(job));
    else
        m_queue.push_back(std::move(job));
    if (m_drainScheduled)
        return;
    m_drainScheduled = true;
    QMetaObject::invokeMethod(
            m_worker, [this]() { drain(false); }, Qt::QueuedConnection);
}

void Storage::drain(bool all)
{
    for (;;) {
        std::vector<std::unique_ptr<StorageJob>> batch;
        {
            QMutexLocker locker(&m_queueMutex);
            while (!m_queue.empty() && static_cast<int>(batch.size()) < MaxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
            if (batch.empty()) {
                m_drainScheduled = false;
                return;
            }
        }
        runBatch(batch);
        if (!all) {
            // Let other work on this thread (a blocking job) have its turn; then go on.
            QMutexLocker locker(&m_queueMutex);
            if (m_queue.empty()) {
                m_drainScheduled = false;
                return;
            }
            QMetaObject::invokeMethod(
                    m_worker, [this]() { drain(false); }, Qt::QueuedConnection);
            return;
        }
    }
}

void Storage::runBatch(std::vector<std::unique_ptr<StorageJob>> &jobs)
{
    StorageWorker &worker = *m_worker;
    // In an outage the database is tried again first; while it stays away the jobs are
    // answered at once, not each after a connect timeout.
    if (worker.isInOutage() && !worker.tryRecover() && worker.refusesJobs()) {
        for (auto &job : jobs)
            refuseOrHold(job);
        return;
    }
    if (jobs.size() == 1) {
        jobs.front()->execute(worker);
    } else if (groupEnd(jobs, 0) == jobs.size()) {
        // One kind of write only: one statement in its own transaction, no savepoints.
        if (!runGroup(jobs, 0, jobs.size()))
            runTogether(jobs); // counts the batch
        else if (m_metrics)
            m_metrics->countStorageBatch(static_cast<int>(jobs.size()));
    } else {
        runTogether(jobs);
    }
    // A job that failed because the database is gone gets `unavailable`, to be sent again.
    for (auto &job : jobs) {
        if (job->failedInDatabase() && worker.detectOutage())
            refuseOrHold(job);
        else
            job->deliver();
    }
    worker.reportFailures();
}

void Storage::refuseOrHold(std::unique_ptr<StorageJob> &job)
{
    if (job->waitsOutOutages) {
        m_held.push_back(std::move(job));
        return;
    }
    job->fail(m_worker->outageError());
    m_worker->countRefused();
    job->deliver();
}

void Storage::releaseHeldJobs()
{
    if (m_held.empty())
        return;
    QMutexLocker locker(&m_queueMutex);
    // Ahead of what was queued since: they were first.
    while (!m_held.empty()) {
        m_queue.push_front(std::move(m_held.back()));
        m_held.pop_back();
    }
    if (m_drainScheduled)
        return;
    m_drainScheduled = true;
    QMetaObject::invokeMethod(
            m_worker, [this]() { drain(false); }, Qt::QueuedConnection);
}

void Storage::runTogether(std::vector<std::unique_ptr<StorageJob>> &jobs)
{
    StorageWorker &worker = *m_worker;
    if (m_metrics)
        m_metrics->countStorageBatch(static_cast<int>(jobs.size()));
    // A job that failed for the database's sake (a deadlock, a lost connection) may succeed
    // alone, as it would have without the batch. Then nothing of the batch is kept and every
    // job runs again alone, in order, so results stay in the order of the queue.
    const auto runInBatch = [&]() {
        if (!worker.beginBatch())
            return false;
        for (std::size_t first = 0; first < jobs.size();) {
            const std::size_t end = groupEnd(jobs, first);
            if (end - first > 1) {
                const bool succeeded = runGroup(jobs, first, end);
                if (!worker.endJob(succeeded))
                    return false;
                if (succeeded) {
                    first = end;
                    continue;
                }
                // The statement failed: one by one, below, so that a bad write fails alone.
            }
            for (; first < end; ++first) {
                StorageJob &job = *jobs[first];
                const bool succeeded = job.execute(worker);
                if ((!succeeded && job.failedInDatabase()) || !worker.endJob(succeeded))
                    return false;
            }
        }
        return worker.commitBatch();
    };
    const bool committed = runInBatch();
    if (committed)
        return;
    worker.abandonBatch();
    if (worker.detectOutage()) {
        // Nothing of the batch was kept: each job is answered `unavailable` (runBatch).
        for (const auto &job : jobs)
            job->fail({ErrorCode::Internal, QStringLiteral("the database is unavailable")});
        return;
    }
    for (const auto &job : jobs)
        job->execute(worker);
}

bool Storage::runGroup(const std::vector<std::unique_ptr<StorageJob>> &jobs, std::size_t first,
                       std::size_t end)
{
    std::vector<StorageJob *> group;
    for (std::size_t i = first; i < end; ++i)
        group.push_back(jobs[i].get());
    if (!jobs[first]->executeGroup(*m_worker, group))
        return false;
    if (m_metrics)
        m_metrics->countStorageGroup(static_cast<int>(group.size()));
    return true;
}

std::size_t Storage::groupEnd(const std::vector<std::unique_ptr<StorageJob>> &jobs,
                              std::size_t first)
{
    std::size_t end = first + 1;
    if (const void *key = jobs[first]->groupKey())
        while (end < jobs.size() && jobs[end]->groupKey() == key)
            ++end;
    return end;
}

void Storage::onAvailabilityChanged(bool available, const QString &reason)
{
    if (!available)
        ++m_outages;
    m_available = available;
    m_unavailableReason = reason;
    Q_EMIT availabilityChanged(available);
}

void Storage::jobFinished(double secondsSinceQueued)
{
    if (m_metrics)
        m_metrics->countStorageJob(secondsSinceQueued);
    if (--m_pendingJobs == 0)
        Q_EMIT idle();
}

} // namespace Hallway
