// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "stats.h"

#include <QObject>
#include <QTimer>

namespace Hallway {

class PresenceTopic;
class Storage;

// Keeps the room's statistics for the stats widget and GET /stats. The counts are queried
// on the storage thread, never on the one that serves connections: every interval (to roll
// the per-minute chart on), and a few seconds after a write that changes them (noteWrite), at
// most once per WriteSettleMs however busy the room is. The people here now come from presence,
// without the database, the moment someone arrives or leaves. While the database is down the
// counts are left as they were, and taken again when it is back.
class StatsService : public QObject {
    Q_OBJECT
public:
    // A burst of writes costs one recomputation; the figures trail the feed by about this.
    // Two seconds: at most thirty runs of the aggregate queries a minute, on the storage
    // thread that also commits every write, however busy the room.
    static constexpr int WriteSettleMs = 2000;

    StatsService(Storage &storage, PresenceTopic &presence, int intervalMs,
                 QObject *parent = nullptr);

    Status load(); // start-up: the first figures; blocks
    void start();
    const RoomStats &latest() const { return m_latest; }
    int computations() const { return m_computations; }
    // A fact, message, vote or account was written: recompute soon.
    void noteWrite();

Q_SIGNALS:
    void updated();

private:
    void recompute();
    qint64 presentNow() const;

    Storage &m_storage;
    PresenceTopic &m_presence;
    QTimer m_timer;
    QTimer m_settle;
    RoomStats m_latest;
    bool m_busy = false; // a computation is queued: never pile them up behind slow storage
    bool m_stale = false; // a write came while one was running: go again when it is done
    bool m_failing = false; // the last computation failed (said once in the log)
    int m_computations = 0;
};

} // namespace Hallway
