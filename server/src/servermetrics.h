// SPDX-License-Identifier: MIT
#pragma once

#include "errorcode.h"

#include <QByteArray>
#include <array>
#include <atomic>

namespace Hallway {

// Counters for /metrics, kept on the network thread (no locks): what came in, what went out,
// which errors were answered, and how long database jobs took from queueing to result. The
// group-commit counters are written by the storage thread, hence atomic.
struct ServerMetrics {
    qint64 framesIn = 0;
    qint64 framesOut = 0; // every frame to every client: a fan-out to 100 counts 100
    qint64 bytesOut = 0; // UTF-8 payload bytes of those frames
    qint64 closedTooSlow = 0;
    // Writes of a connection's queued frames, one per connection and event-loop turn (see
    // FrameWriter): the kernel took them all at once (direct), or Qt's buffer got all or the
    // rest of them (queued: the client reads slowly, or TLS).
    qint64 socketWritesDirect = 0;
    qint64 socketWritesQueued = 0;
    qint64 readsPaused = 0; // times a connection stopped reading at its outstanding-request cap
    qint64 handshakesRefused = 0; // sockets closed at accept: an address or the server was full
    qint64 handshakesTimedOut = 0; // sockets closed for not finishing the handshake in time
    std::array<qint64, 10> errorsByCode{}; // indexed by ErrorCode
    qint64 storageJobs = 0;
    double storageSecondsSum = 0;
    double storageSecondsMax = 0;
    std::atomic<qint64> storageBatches{0}; // transactions that held several jobs
    std::atomic<qint64> storageBatchedJobs{0}; // the jobs in them
    std::atomic<qint64> storageGroups{0}; // statements that stored several writes of one kind
    std::atomic<qint64> storageGroupedJobs{0}; // the writes in them

    void countError(ErrorCode code) { ++errorsByCode.at(static_cast<std::size_t>(code)); }
    void countStorageJob(double seconds)
    {
        ++storageJobs;
        storageSecondsSum += seconds;
        storageSecondsMax = std::max(storageSecondsMax, seconds);
    }
    void countStorageBatch(int jobs)
    {
        ++storageBatches;
        storageBatchedJobs += jobs;
    }
    void countStorageGroup(int jobs)
    {
        ++storageGroups;
        storageGroupedJobs += jobs;
    }
};

} // namespace Hallway
