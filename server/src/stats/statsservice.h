// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "stats.h"

#include <QObject>
#include <QTimer>

namespace Hallway {

class Storage;

// Recomputes the room's statistics every interval on the storage thread, never on the one
// that serves connections, and keeps the latest for the stats widget and GET /stats.
class StatsService : public QObject {
    Q_OBJECT
public:
    StatsService(Storage &storage, int intervalMs, QObject *parent = nullptr);

    Status load(); // start-up: the first figures; blocks
    void start();
    const RoomStats &latest() const { return m_latest; }
    int computations() const { return m_computations; }

Q_SIGNALS:
    void updated();

private:
    void recompute();

    Storage &m_storage;
    QTimer m_timer;
    RoomStats m_latest;
    bool m_busy = false; // a computation is queued: never pile them up behind slow storage
    int m_computations = 0;
};

} // namespace Hallway
