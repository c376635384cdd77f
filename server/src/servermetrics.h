// SPDX-License-Identifier: MIT
#pragma once

#include "errorcode.h"

#include <QByteArray>
#include <array>

namespace Hallway {

// Counters for /metrics, kept on the network thread (no locks): what came in, what went out,
// which errors were answered, and how long database jobs took from queueing to result.
struct ServerMetrics {
    qint64 framesIn = 0;
    qint64 framesOut = 0; // every frame to every client: a fan-out to 100 counts 100
    qint64 bytesOut = 0; // UTF-8 payload bytes of those frames
    qint64 closedTooSlow = 0;
    std::array<qint64, 10> errorsByCode{}; // indexed by ErrorCode
    qint64 storageJobs = 0;
    double storageSecondsSum = 0;
    double storageSecondsMax = 0;

    void countError(ErrorCode code) { ++errorsByCode.at(static_cast<std::size_t>(code)); }
    void countStorageJob(double seconds)
    {
        ++storageJobs;
        storageSecondsSum += seconds;
        storageSecondsMax = std::max(storageSecondsMax, seconds);
    }
};

} // namespace Hallway
