// SPDX-License-Identifier: MIT
#pragma once

#include "clock.h"

#include <QBasicTimer>
#include <QHash>
#include <QObject>
#include <functional>

namespace Hallway {

class Topic;

// The topics that belong to one user each (a user's fact feed, a user's chat stream), made on
// first use and kept while the server runs. A topic is never deleted when its last subscriber
// leaves: that could happen inside its own publish (a send closing a slow subscriber), and it
// would throw away the history and epoch that let a client coming back after a short cut
// catch up. Instead, a topic nobody has followed for a while forgets its kept events, so an
// idle room costs a few bytes per user.
class UserTopics : public QObject {
    Q_OBJECT
public:
    static constexpr int MaxSweepEveryMs = 60 * 1000;

    using Factory = std::function<Topic *(qint64 userId, QObject *parent)>;
    // idleMs: how long a topic nobody follows keeps its events ([topics] idle_seconds).
    UserTopics(Factory factory, qint64 idleMs, QObject *parent = nullptr);

    // The time the sweep goes by, given to every topic made from now on as well, so that they
    // measure idle time on the same clock.
    void setClock(Clock clock) { m_clock = std::move(clock); }

    Topic *find(qint64 userId) const { return m_topics.value(userId); }
    Topic *findOrCreate(qint64 userId);

    // Forgets the history of every topic idle for idleMs (run every minute, or more often
    // for a shorter idleMs).
    void sweep(qint64 nowMs);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    Clock m_clock = wallClock;
    Factory m_factory;
    qint64 m_idleMs;
    QHash<qint64, Topic *> m_topics; // children of this
    QBasicTimer m_sweepTimer;
};

} // namespace Hallway
