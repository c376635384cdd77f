// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace Hallway::Test {

// What a running process costs, from Linux /proc: resident memory in KiB, CPU time (user and
// system) in seconds, descriptors. -1 if the process or /proc is not there.
qint64 residentKiB(qint64 pid);
double cpuSeconds(qint64 pid);
// The file descriptors the process has open; -1 if it is not there.
int openDescriptors(qint64 pid);

} // namespace Hallway::Test
