// SPDX-License-Identifier: MIT
#pragma once

#include "databaseurl.h"
#include "expected.h"
#include "servermetrics.h"
#include "storageworker.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <functional>

namespace Hallway {

// The server's door to the database: runs jobs on a StorageWorker in its own thread, so the
// network thread never waits on the database, and delivers each result back on the thread
// that asked. Jobs run one after another in the order they were queued.
class Storage : public QObject {
    Q_OBJECT
public:
    explicit Storage(const DatabaseUrl &url, QObject *parent = nullptr);
    ~Storage() override; // finishes every queued job, then closes the database

    // Connects and migrates; blocks the caller (start-up only).
    Status open();

    // Runs job(worker) on the storage thread, then done(result) on this object's thread,
    // unless context is gone by then.
    template<typename Result>
    void run(QObject *context, std::function<Result(StorageWorker &)> job,
             std::function<void(const Result &)> done)
    {
        ++m_pendingJobs;
        QElapsedTimer queued;
        queued.start();
        QMetaObject::invokeMethod(
                m_worker,
                [this, job = std::move(job), done = std::move(done),
                 guard = QPointer<QObject>(context), queued]() {
                    Result result = job(*m_worker);
                    QMetaObject::invokeMethod(
                            this,
                            [this, result = std::move(result), done, guard, queued]() {
                                if (m_metrics)
                                    m_metrics->countStorageJob(queued.nsecsElapsed() / 1e9);
                                if (guard)
                                    done(result);
                                jobFinished();
                            },
                            Qt::QueuedConnection);
                },
                Qt::QueuedConnection);
    }

    // Runs job on the storage thread and waits for it (start-up, command-line tools, tests).
    template<typename Result> Result runBlocking(std::function<Result(StorageWorker &)> job)
    {
        std::optional<Result> result;
        QMetaObject::invokeMethod(
                m_worker, [&]() { result.emplace(job(*m_worker)); }, Qt::BlockingQueuedConnection);
        return std::move(*result);
    }

    int pendingJobs() const { return m_pendingJobs; }
    int schemaVersion() const { return m_schemaVersion; }
    // Where to count each job's time from queueing to result (for /metrics).
    void setMetrics(ServerMetrics *metrics) { m_metrics = metrics; }
    DatabaseUrl::Driver driver() const { return m_url.driver; }

Q_SIGNALS:
    void idle(); // the last pending job has delivered its result

private:
    void jobFinished();

    DatabaseUrl m_url;
    QThread m_thread;
    StorageWorker *m_worker = nullptr;
    int m_pendingJobs = 0;
    int m_schemaVersion = 0;
    ServerMetrics *m_metrics = nullptr;
};

} // namespace Hallway
