// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <functional>

namespace Hallway {

// Where topics read the time, in ms since the Unix epoch. The wall clock in the server; tests
// give their own, to step through batching intervals and idle times without waiting.
using Clock = std::function<qint64()>;

inline qint64 wallClock()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace Hallway
