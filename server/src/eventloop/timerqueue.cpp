// SPDX-License-Identifier: MIT
#include "timerqueue.h"

#include <QCoreApplication>
#include <QTimerEvent>

#include <algorithm>
#include <cstdlib>
#include <limits>

namespace Hallway {

using namespace std::chrono;

struct TimerQueue::Timer {
    int id = 0;
    qint64 interval = 0; // ms; whole seconds for Qt::VeryCoarseTimer
    Qt::TimerType type = Qt::PreciseTimer;
    QObject *object = nullptr;
    quint64 serial = 0;
    TimerQueue::Clock::time_point nominal; // where the schedule says it is due, unrounded
    Key key; // its place in m_queue: the deadline it fires at
    bool activating = false; // its QTimerEvent is being handled
};

namespace {

using Clock = TimerQueue::Clock;

// The coarsest grid (whole seconds, then half, quarter, fifth, ...) with a point within the
// 5 % a Qt::CoarseTimer may be off, so that timers of similar intervals wake the thread once.
Clock::time_point coarsened(Clock::time_point target, qint64 intervalMs, Clock::time_point now)
{
    static constexpr qint64 gridsMs[] = {1000, 500, 250, 200, 100, 50, 25, 20, 10, 5, 2};
    const qint64 slack = duration_cast<nanoseconds>(milliseconds(intervalMs)).count() / 20;
    const qint64 at = duration_cast<nanoseconds>(target.time_since_epoch()).count();
    for (const qint64 gridMs : gridsMs) {
        const qint64 grid = gridMs * 1'000'000;
        const qint64 nearest = (at + grid / 2) / grid * grid;
        if (std::llabs(nearest - at) <= slack) {
            const Clock::time_point rounded{duration_cast<Clock::duration>(nanoseconds(nearest))};
            return rounded < now ? target : rounded;
        }
    }
    return target;
}

Clock::time_point wholeSecond(Clock::time_point t)
{
    return Clock::time_point{duration_cast<Clock::duration>(floor<seconds>(t.time_since_epoch()))};
}

} // namespace

TimerQueue::TimerQueue() = default;
TimerQueue::~TimerQueue() = default;

void TimerQueue::registerTimer(int timerId, qint64 intervalMs, Qt::TimerType type, QObject *object)
{
    auto timer = std::make_unique<Timer>();
    timer->id = timerId;
    timer->interval = intervalMs;
    timer->object = object;
    timer->serial = ++m_nextSerial;
    // Qt's boundaries: under 20 ms 5 % is below a millisecond, from 20 s on above a second.
    timer->type = type;
    if (type == Qt::CoarseTimer && intervalMs <= 20)
        timer->type = Qt::PreciseTimer;
    else if (type == Qt::CoarseTimer && intervalMs >= 20'000)
        timer->type = Qt::VeryCoarseTimer;

    const Clock::time_point now = Clock::now();
    Clock::time_point deadline;
    if (timer->type == Qt::VeryCoarseTimer) {
        // Whole seconds, rounded to the nearest (at least one: Qt 6.4 rounds an interval under
        // 500 ms down to 0 s, which fires on every pass of the loop).
        timer->interval = std::max<qint64>(1, (intervalMs + 500) / 1000);
        deadline = wholeSecond(now) + seconds(timer->interval);
        if (now - wholeSecond(now) > milliseconds(500))
            deadline += seconds(1);
        timer->nominal = deadline;
    } else {
        timer->nominal = now + milliseconds(intervalMs);
        deadline = timer->type == Qt::CoarseTimer ? coarsened(timer->nominal, intervalMs, now)
                                                  : timer->nominal;
    }
    Timer *raw = timer.get();
    m_timers[timerId] = std::move(timer);
    schedule(raw, deadline);
}

void TimerQueue::schedule(Timer *timer, Clock::time_point deadline)
{
    timer->key = Key{deadline, ++m_nextSerial};
    m_queue.emplace(timer->key, timer);
}

void TimerQueue::reschedule(Timer *timer, Clock::time_point now)
{
    m_queue.erase(timer->key);
    if (timer->type == Qt::VeryCoarseTimer) {
        Clock::time_point deadline = timer->key.first + seconds(timer->interval);
        if (deadline <= wholeSecond(now))
            deadline = wholeSecond(now) + seconds(timer->interval);
        schedule(timer, deadline);
        return;
    }
    timer->nominal += milliseconds(timer->interval);
    if (timer->nominal < now) // fell behind: the next one an interval from now
        timer->nominal = now + milliseconds(timer->interval);
    schedule(timer,
             timer->type == Qt::CoarseTimer ? coarsened(timer->nominal, timer->interval, now)
                                            : timer->nominal);
}

bool TimerQueue::unregisterTimer(int timerId)
{
    const auto found = m_timers.find(timerId);
    if (found == m_timers.end())
        return false;
    m_queue.erase(found->second->key);
    m_timers.erase(found);
    return true;
}

bool TimerQueue::unregisterTimers(QObject *object)
{
    bool any = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->second->object == object) {
            m_queue.erase(it->second->key);
            it = m_timers.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any;
}

QList<QAbstractEventDispatcher::TimerInfo> TimerQueue::registeredTimers(QObject *object) const
{
    // In deadline order, as Qt's list is kept; QObject::moveToThread re-registers these
    // intervals and types in the object's new thread.
    QList<QAbstractEventDispatcher::TimerInfo> timers;
    for (const auto &[key, timer] : m_queue) {
        if (timer->object != object)
            continue;
        const qint64 interval =
                timer->type == Qt::VeryCoarseTimer ? timer->interval * 1000 : timer->interval;
        timers.append({timer->id, int(std::min<qint64>(interval, std::numeric_limits<int>::max())),
                       timer->type});
    }
    return timers;
}

int TimerQueue::remainingTime(int timerId) const
{
    const auto found = m_timers.find(timerId);
    if (found == m_timers.end())
        return -1;
    const Clock::duration left = found->second->key.first - Clock::now();
    if (left <= Clock::duration::zero())
        return 0;
    return int(std::min<qint64>(ceil<milliseconds>(left).count(), std::numeric_limits<int>::max()));
}

std::optional<Clock::duration> TimerQueue::timeToNextTimer() const
{
    for (const auto &[key, timer] : m_queue) {
        if (timer->activating)
            continue;
        return std::max(Clock::duration::zero(), key.first - Clock::now());
    }
    return std::nullopt;
}

int TimerQueue::activateTimers()
{
    if (m_queue.empty())
        return 0;
    const Clock::time_point now = Clock::now();
    std::vector<std::pair<int, quint64>> due = std::move(m_spareDue);
    due.clear();
    for (auto it = m_queue.begin(); it != m_queue.end() && it->first.first <= now; ++it)
        due.emplace_back(it->second->id, it->second->serial);

    int fired = 0;
    for (const auto &[id, serial] : due) {
        // An earlier timer's handler may have killed this one, or killed it and started
        // another under the same id: that one is not due.
        auto found = m_timers.find(id);
        if (found == m_timers.end() || found->second->serial != serial)
            continue;
        Timer *timer = found->second.get();
        reschedule(timer, now);
        if (timer->interval > 0)
            ++fired;
        if (timer->activating)
            continue;
        timer->activating = true;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(timer->object, &event);
        // The handler may have killed it (QObject::killTimer, or the object deleted).
        found = m_timers.find(id);
        if (found != m_timers.end() && found->second->serial == serial)
            found->second->activating = false;
    }
    m_spareDue = std::move(due);
    return fired;
}

} // namespace Hallway
