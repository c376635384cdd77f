// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractEventDispatcher>
#include <QList>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

class QObject;

namespace Hallway {

// The timers of one event dispatcher, by deadline on the monotonic clock, with the contract of
// Qt 6.4's QTimerInfoList (qtimerinfo_unix.cpp), which EpollEventDispatcher stands in for:
// - due timers fire in deadline order, and registration order among equal deadlines;
// - one pass fires each timer at most once, and none registered during the pass;
// - a repeating timer that fell behind is rescheduled an interval from now, not caught up;
// - a timer whose QTimerEvent is still being handled (a nested event loop in its handler)
//   is not sent another, and is left out of the wait so that the nested loop does not spin;
// - only timers with a non-zero interval count as events handled (a 0 ms timer is "idle");
// - Qt::CoarseTimer may fire up to 5 % early or late, so that timers wake together; under
//   20 ms it is precise and from 20 s on it is very coarse (whole seconds), as in Qt.
// Ids come from QAbstractEventDispatcher's allocator (QObject::startTimer), which may hand a
// killed timer's id to the next timer at once; each registration has a serial of its own.
class TimerQueue {
public:
    using Clock = std::chrono::steady_clock;

    TimerQueue();
    ~TimerQueue();
    TimerQueue(const TimerQueue &) = delete;
    TimerQueue &operator=(const TimerQueue &) = delete;

    void registerTimer(int timerId, qint64 intervalMs, Qt::TimerType type, QObject *object);
    bool unregisterTimer(int timerId);
    bool unregisterTimers(QObject *object);
    QList<QAbstractEventDispatcher::TimerInfo> registeredTimers(QObject *object) const;
    // Milliseconds until the timer is due (rounded up), 0 if overdue, -1 if there is none.
    int remainingTime(int timerId) const;

    // How long the loop may sleep before a timer is due; nothing when no timer waits.
    std::optional<Clock::duration> timeToNextTimer() const;
    // Sends a QTimerEvent for each due timer; returns how many fired (0 ms timers not counted).
    int activateTimers();

    bool isEmpty() const { return m_timers.empty(); }

private:
    struct Timer;
    using Key = std::pair<Clock::time_point, quint64>; // deadline, then registration order

    void schedule(Timer *timer, Clock::time_point deadline);
    void reschedule(Timer *timer, Clock::time_point now);

    std::map<Key, Timer *> m_queue;
    std::unordered_map<int, std::unique_ptr<Timer>> m_timers;
    // activateTimers' list of due timers (id, serial), kept to reuse its memory; a nested
    // pass (an event loop inside a timer's handler) takes a fresh one.
    std::vector<std::pair<int, quint64>> m_spareDue;
    quint64 m_nextSerial = 0;
};

} // namespace Hallway
