// SPDX-License-Identifier: MIT
#pragma once

#include "timerqueue.h"

#include <QAbstractEventDispatcher>
#include <QAtomicInt>

#include <array>
#include <vector>

#include <poll.h>
#include <sys/epoll.h>

namespace Hallway {

// An event dispatcher for Linux on epoll, for the server's network thread. Qt 6.4's own (GLib's,
// or QEventDispatcherUNIX under QT_NO_GLIB) rebuilds a pollfd for every enabled socket notifier
// and polls them all on each pass of the loop, which with thousands of mostly idle sockets is
// most of the loop's cost. Here the kernel keeps the set: a notifier enabled or disabled changes
// it (coalesced until the loop next waits, so that a write notifier turned on and off within one
// pass costs nothing), and epoll_wait returns only the sockets that are ready.
//
// A write notifier is the exception: Qt's sockets enable it for each write and disable it once
// the data is out, which as epoll_ctl calls would cost two system calls per message and socket.
// It is instead probed with one poll() for all such sockets before the wait, and only a socket
// found full joins the kernel's set (for EPOLLOUT) until its notifier is disabled.
//
// Otherwise it keeps QEventDispatcherUNIX's semantics (qeventdispatcher_unix.cpp, 6.4), which
// Qt's classes rely on:
// - each pass sends the posted events, waits (for the next timer at most), then delivers
//   QEvent::SockAct to the ready notifiers (read, write, exception on each socket, sockets in the
//   order the kernel lists them), then QTimerEvents (see TimerQueue);
// - POLLHUP/POLLERR (EPOLLHUP/EPOLLERR) activate every notifier on the socket;
// - a notifier disabled or deleted before its turn in a pass is not activated, even when the
//   kernel said it was ready (a socket closed by an earlier notifier of the same batch);
// - the pass does not wait when a wake-up is pending: QCoreApplication::postEvent calls
//   wakeUp() for every event posted, and sendPostedEvents calls it again when it leaves events
//   behind (QThreadData::canWait), so a pending eventfd stands for Qt's private canWait;
// - interrupt() (QEventLoop::exit) makes the current or next wait return at once;
// - awake() at the start of each pass, aboutToBlock() only before a wait that may block.
// QEventLoop::ExcludeUserInputEvents and EventLoopExec change nothing here, as in Qt's.
class EpollEventDispatcher : public QAbstractEventDispatcher {
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    // The notifiers on one file descriptor (one of each type, as Qt allows) and what the kernel
    // has been told of it.
    struct Watch {
        std::array<QSocketNotifier *, 3> notifiers{}; // by QSocketNotifier::Type
        quint32 kernelEvents = 0; // the epoll mask last given to epoll_ctl
        bool inKernel = false;
        bool changed = false; // queued in m_changed to be told to the kernel
        bool alwaysReady = false; // a regular file, which epoll refuses and poll calls ready
        // An enabled write notifier is either in the kernel's set (its socket was found full)
        // or probed with poll() before each wait (see runWriteProbes).
        bool writeInKernel = false;
        bool probing = false; // queued in m_probes
        quint8 pending = 0; // types ready in this pass and not delivered yet
        bool isEmpty() const { return !notifiers[0] && !notifiers[1] && !notifiers[2]; }
        quint32 wantedEvents() const;
    };
    struct Pending {
        int fd;
        int type;
    };

    Watch *watchOf(int fd);
    void forget(int fd);
    void applyChanges();
    int wait(int timeoutMs);
    void markChanged(int fd, Watch &watch);
    bool runWriteProbes();
    void markReady(int fd, quint32 events);
    int activateSocketNotifiers();
    bool consumeWakeUp();
    int waitForWakeUpOnly(int timeoutMs);

    int m_epollFd = -1;
    int m_wakeFd = -1; // an eventfd, readable while a wake-up is pending
    QAtomicInt m_wakeUpPending;
    QAtomicInt m_interrupted;
    std::vector<Watch> m_watches; // by file descriptor
    std::vector<int> m_changed; // descriptors whose Watch changed since the last wait
    std::vector<int> m_alwaysReady;
    std::vector<int> m_probes; // descriptors whose write notifier is probed at the next wait
    std::vector<pollfd> m_probeFds;
    std::vector<epoll_event> m_events;
    // Notifiers the kernel reported ready and not yet activated, shared by nested passes as
    // Qt's pendingNotifiers list is: a loop nested in a handler delivers the rest of the batch.
    std::vector<Pending> m_pending;
    size_t m_pendingHead = 0;
    TimerQueue m_timers;
};

} // namespace Hallway
