// SPDX-License-Identifier: MIT
#pragma once

#include "databaseurl.h"
#include "expected.h"
#include "servermetrics.h"
#include "storageworker.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace Hallway {

// One queued piece of work for the storage thread, with where its result goes.
class StorageJob {
public:
    virtual ~StorageJob() = default;
    // Runs on the storage thread; true if the job succeeded (a failed one is rolled back).
    virtual bool execute(StorageWorker &worker) = 0;
    // Whether the job failed for the database's sake, and may succeed if run again alone.
    virtual bool failedInDatabase() const = 0;
    // Gives the job this error as its result, run or not (an outage).
    virtual void fail(const Error &error) = 0;
    // Sends the result to the thread that asked.
    virtual void deliver() = 0;

    // Jobs of one kind of write that may run as one statement: those next to each other in a
    // batch share a key (see Storage::runGrouped). Null for a job that runs alone.
    virtual const void *groupKey() const { return nullptr; }
    // Runs this job and the others of group (this one first, all with its key) as one
    // statement; false if the statement failed, and then no job has a result yet.
    virtual bool executeGroup(StorageWorker &, std::span<StorageJob *const> group)
    {
        Q_UNUSED(group);
        return false;
    }

    // Waits out an outage rather than fail with `unavailable` (see Storage::WaitOutOutages).
    bool waitsOutOutages = false;
};

// The server's door to the database: runs jobs on a StorageWorker in its own thread, so the
// network thread never waits on the database, and delivers each result back on the thread
// that asked. Jobs run one after another in the order they were queued, and results are
// delivered in that order.
//
// Outages: when the database goes away (see StorageWorker::detectOutage) jobs get
// `unavailable` with a time to retry instead of `internal`, at once rather than after a
// connect timeout each; the worker reconnects by itself, and isAvailable() says how it is
// for /healthz and /metrics.
//
// Group commit: the jobs waiting when the worker becomes free run together in one
// transaction, each inside a savepoint so that one failing is rolled back alone, and their
// results go out after the single commit. Under load that is one commit (one disk flush) for
// many writes; when the database is idle, a job runs alone at once.
//
// Set-based writes: jobs queued with runGrouped() of the same kind that follow each other in a
// batch run as one statement for all of them (one savepoint, one round trip), not one each.
// If that statement fails, they run one by one, so one bad write fails alone.
class Storage : public QObject {
    Q_OBJECT
public:
    static constexpr int MaxBatch = 256;

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
        enqueue(makeJob(context, std::move(job), std::move(done)), false);
    }
    // As run(), for a kind of write that runs many requests as one statement. Kind provides
    //   using Request = ...; using Result = Expected<...>;
    //   static Expected<QList<...>> runAll(StorageWorker &, const QList<Request> &);
    // where runAll returns one result (anything a Result is made of) per request, in order,
    // or the error of the statement.
    template<typename Kind>
    void runGrouped(QObject *context, typename Kind::Request request,
                    std::function<void(const typename Kind::Result &)> done)
    {
        ++m_pendingJobs;
        auto made = std::make_unique<GroupedJob<Kind>>(this, std::move(request), std::move(done),
                                                       QPointer<QObject>(context));
        made->waitsOutOutages = m_patience > 0;
        enqueue(std::move(made), false);
    }
    // As run(), but ahead of every job waiting: for what must not wait behind a backlog (a
    // node's heartbeat). It still runs after the batch under way.
    template<typename Result>
    void runFirst(QObject *context, std::function<Result(StorageWorker &)> job,
                  std::function<void(const Result &)> done)
    {
        enqueue(makeJob(context, std::move(job), std::move(done)), true);
    }

    // While one exists, the jobs queued on this thread wait out an outage and run when the
    // database is back, instead of failing: for work no client will ask for again, such as
    // applying another node's change (ClusterBus) or sharing this node's presence.
    class WaitOutOutages {
    public:
        explicit WaitOutOutages(Storage &storage) : m_storage(storage) { ++m_storage.m_patience; }
        ~WaitOutOutages() { --m_storage.m_patience; }
        WaitOutOutages(const WaitOutOutages &) = delete;
        WaitOutOutages &operator=(const WaitOutOutages &) = delete;

    private:
        Storage &m_storage;
    };

    // Runs job on the storage thread after every job queued before it, and waits for it
    // (start-up, shutdown, command-line tools, tests). Never from the storage thread itself.
    template<typename Result> Result runBlocking(std::function<Result(StorageWorker &)> job)
    {
        Q_ASSERT(QThread::currentThread() != &m_thread);
        std::optional<Result> result;
        QMetaObject::invokeMethod(
                m_worker,
                [&]() {
                    drain(true);
                    result.emplace(job(*m_worker));
                    m_worker->reportFailures();
                },
                Qt::BlockingQueuedConnection);
        return std::move(*result);
    }

    int pendingJobs() const { return m_pendingJobs; }
    // As the storage thread last told: whether the database works, and if not, why.
    bool isAvailable() const { return m_available; }
    QString unavailableReason() const { return m_unavailableReason; }
    qint64 outages() const { return m_outages; }
    int schemaVersion() const { return m_schemaVersion; }
    // Where to count each job's time from queueing to result, and the batches (for /metrics).
    void setMetrics(ServerMetrics *metrics) { m_metrics = metrics; }
    DatabaseUrl::Driver driver() const { return m_url.driver; }

Q_SIGNALS:
    void idle(); // the last pending job has delivered its result
    void availabilityChanged(bool available);

private:
    template<typename Result> class TypedJob : public StorageJob {
    public:
        TypedJob(Storage *storage, std::function<Result(StorageWorker &)> job,
                 std::function<void(const Result &)> done, QPointer<QObject> guard)
            : m_storage(storage),
              m_job(std::move(job)),
              m_done(std::move(done)),
              m_guard(std::move(guard))
        {
            m_queued.start();
        }
        bool execute(StorageWorker &worker) override
        {
            m_result.emplace(m_job(worker));
            return m_result->hasValue();
        }
        bool failedInDatabase() const override
        {
            return m_result && !m_result->hasValue()
                    && m_result->error().code == ErrorCode::Internal;
        }
        void fail(const Error &error) override { m_result.emplace(error); }
        void deliver() override
        {
            QMetaObject::invokeMethod(
                    m_storage,
                    [storage = m_storage, result = std::move(*m_result), done = m_done,
                     guard = m_guard, queued = m_queued]() {
                        if (guard)
                            done(result);
                        storage->jobFinished(queued.nsecsElapsed() / 1e9);
                    },
                    Qt::QueuedConnection);
        }

    protected:
        std::optional<Result> m_result;

    private:
        Storage *m_storage;
        std::function<Result(StorageWorker &)> m_job;
        std::function<void(const Result &)> m_done;
        QPointer<QObject> m_guard;
        QElapsedTimer m_queued;
    };

    template<typename Kind> class GroupedJob : public TypedJob<typename Kind::Result> {
    public:
        using Request = typename Kind::Request;
        using Result = typename Kind::Result;

        GroupedJob(Storage *storage, Request request, std::function<void(const Result &)> done,
                   QPointer<QObject> guard)
            : TypedJob<Result>(storage, runAlone(request), std::move(done), std::move(guard)),
              m_request(std::move(request))
        {
        }
        const void *groupKey() const override
        {
            static const char key = 0; // one per Kind
            return &key;
        }
        bool executeGroup(StorageWorker &worker, std::span<StorageJob *const> group) override
        {
            QList<Request> requests;
            requests.reserve(static_cast<qsizetype>(group.size()));
            for (StorageJob *job : group)
                requests.append(static_cast<GroupedJob *>(job)->m_request);
            const auto results = Kind::runAll(worker, requests);
            if (!results || results->size() != requests.size())
                return false;
            for (std::size_t i = 0; i < group.size(); ++i)
                static_cast<GroupedJob *>(group[i])->m_result.emplace(
                        Result(results->at(static_cast<qsizetype>(i))));
            return true;
        }

    private:
        static std::function<Result(StorageWorker &)> runAlone(const Request &request)
        {
            return [request](StorageWorker &worker) -> Result {
                const auto results = Kind::runAll(worker, {request});
                if (!results)
                    return results.error();
                return Result(results->constFirst());
            };
        }

        Request m_request;
    };

    template<typename Result>
    std::unique_ptr<StorageJob> makeJob(QObject *context,
                                        std::function<Result(StorageWorker &)> job,
                                        std::function<void(const Result &)> done)
    {
        ++m_pendingJobs;
        auto made = std::make_unique<TypedJob<Result>>(this, std::move(job), std::move(done),
                                                       QPointer<QObject>(context));
        made->waitsOutOutages = m_patience > 0;
        return made;
    }
    void enqueue(std::unique_ptr<StorageJob> job, bool first);
    // On the storage thread: runs what is queued, one batch or (all) until the queue is empty.
    void drain(bool all);
    void runBatch(std::vector<std::unique_ptr<StorageJob>> &jobs);
    void runTogether(std::vector<std::unique_ptr<StorageJob>> &jobs);
    // Runs jobs [first, end), all of one kind, as one statement; false if it failed.
    bool runGroup(const std::vector<std::unique_ptr<StorageJob>> &jobs, std::size_t first,
                  std::size_t end);
    // Where the group of jobs[first] ends: past the jobs after it that share its key.
    static std::size_t groupEnd(const std::vector<std::unique_ptr<StorageJob>> &jobs,
                                std::size_t first);
    void onAvailabilityChanged(bool available, const QString &reason);
    // On the storage thread: answers a job that met an outage, or keeps it for later.
    void refuseOrHold(std::unique_ptr<StorageJob> &job);
    void releaseHeldJobs();
    void jobFinished(double secondsSinceQueued);

    DatabaseUrl m_url;
    QThread m_thread;
    StorageWorker *m_worker = nullptr;
    int m_pendingJobs = 0;
    int m_schemaVersion = 0;
    bool m_available = true;
    QString m_unavailableReason;
    qint64 m_outages = 0;
    ServerMetrics *m_metrics = nullptr;
    QMutex m_queueMutex;
    std::deque<std::unique_ptr<StorageJob>> m_queue; // guarded by m_queueMutex
    bool m_drainScheduled = false; // guarded by m_queueMutex
    int m_patience = 0; // WaitOutOutages scopes open on the owning thread
    std::deque<std::unique_ptr<StorageJob>> m_held; // storage thread: waiting out an outage
};

} // namespace Hallway
