// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace Hallway::Test {

// What a running process costs, from Linux /proc: resident memory in KiB, and CPU time
// (user and system) in seconds. -1 if the process or /proc is not there.
qint64 residentKiB(qint64 pid);
double cpuSeconds(qint64 pid);

} // namespace Hallway::Test
