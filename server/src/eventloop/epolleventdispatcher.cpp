// SPDX-License-Identifier: MIT
#include "epolleventdispatcher.h"

#include "logging.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSocketNotifier>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <limits>

#include <sys/eventfd.h>
#include <unistd.h>

namespace Hallway {

namespace {

// Up to this many ready descriptors a wait; epoll is level-triggered, so the rest come next pass.
constexpr int MaxEventsPerWait = 512;

// What wakes each type of notifier: as QEventDispatcherUNIX maps poll's revents, a hang-up or
// an error wakes all three, so that a reader sees its EOF and a writer its error.
constexpr quint32 readyFor[3] = {
        EPOLLIN | EPOLLHUP | EPOLLERR, // QSocketNotifier::Read
        EPOLLOUT | EPOLLHUP | EPOLLERR, // QSocketNotifier::Write
        EPOLLPRI | EPOLLHUP | EPOLLERR, // QSocketNotifier::Exception
};
constexpr quint32 asked[3] = {EPOLLIN, EPOLLOUT, EPOLLPRI};

const char *typeName(int type)
{
    static const char *const names[] = {"Read", "Write", "Exception"};
    return names[type];
}

[[maybe_unused]] bool inOwnThread(const QObject *object, const QObject *dispatcher)
{
    return object->thread() == dispatcher->thread()
            && dispatcher->thread() == QThread::currentThread();
}

} // namespace

quint32 EpollEventDispatcher::Watch::wantedEvents() const
{
    quint32 events = 0;
    for (int type = 0; type < 3; ++type) {
        if (notifiers[type] && (type != QSocketNotifier::Write || writeInKernel))
            events |= asked[type];
    }
    return events;
}

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent), m_events(MaxEventsPerWait)
{
    m_epollFd = ::epoll_create1(EPOLL_CLOEXEC);
    m_wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_epollFd < 0 || m_wakeFd < 0)
        qFatal("EpollEventDispatcher: cannot create epoll or eventfd: %s", std::strerror(errno));
    epoll_event wake = {};
    wake.events = EPOLLIN;
    wake.data.fd = m_wakeFd;
    if (::epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_wakeFd, &wake) != 0)
        qFatal("EpollEventDispatcher: cannot watch its eventfd: %s", std::strerror(errno));
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_epollFd);
}

EpollEventDispatcher::Watch *EpollEventDispatcher::watchOf(int fd)
{
    if (fd < 0 || size_t(fd) >= m_watches.size())
        return nullptr;
    return &m_watches[size_t(fd)];
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    Q_ASSERT(notifier);
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
#ifndef QT_NO_DEBUG
    if (!inOwnThread(notifier, this)) {
        qWarning("QSocketNotifier: socket notifiers cannot be enabled from another thread");
        return;
    }
#endif
    if (fd < 0)
        return;
    if (size_t(fd) >= m_watches.size())
        m_watches.resize(size_t(fd) + 1);
    Watch &watch = m_watches[size_t(fd)];
    if (watch.notifiers[type] && watch.notifiers[type] != notifier)
        qCWarning(lcEventLoop, "multiple socket notifiers for socket %d and type %s", fd,
                  typeName(type));
    watch.notifiers[type] = notifier;
    if (type == QSocketNotifier::Write) {
        if (!watch.writeInKernel && !watch.probing) {
            watch.probing = true;
            m_probes.push_back(fd);
        }
        if (!watch.inKernel)
            markChanged(fd, watch); // an empty mask still reports hang-ups and errors
    } else {
        markChanged(fd, watch);
    }
}

void EpollEventDispatcher::markChanged(int fd, Watch &watch)
{
    if (!watch.changed) {
        watch.changed = true;
        m_changed.push_back(fd);
    }
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    Q_ASSERT(notifier);
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
#ifndef QT_NO_DEBUG
    if (!inOwnThread(notifier, this)) {
        qWarning("QSocketNotifier: socket notifier (fd %d) cannot be disabled from another thread",
                 fd);
        return;
    }
#endif
    Watch *watch = watchOf(fd);
    if (!watch || !watch->notifiers[type])
        return;
    if (watch->notifiers[type] != notifier) {
        qCWarning(lcEventLoop, "multiple socket notifiers for socket %d and type %s", fd,
                  typeName(type));
        return;
    }
    watch->notifiers[type] = nullptr;
    watch->pending &= quint8(~(1u << type)); // not activated later in this pass
    if (type == QSocketNotifier::Write)
        watch->writeInKernel = false; // a probe still queued skips it
    if (watch->isEmpty())
        forget(fd);
    else
        markChanged(fd, *watch);
}

// The last notifier of fd is gone: the kernel is told at once, not at the next wait, because
// the socket is usually closed next, and epoll keeps reporting a closed descriptor whose file
// lives on elsewhere (a child process) with no way left to remove it.
void EpollEventDispatcher::forget(int fd)
{
    Watch &watch = m_watches[size_t(fd)];
    if (watch.inKernel && ::epoll_ctl(m_epollFd, EPOLL_CTL_DEL, fd, nullptr) != 0 && errno != EBADF
        && errno != ENOENT) {
        qCWarning(lcEventLoop, "epoll_ctl(DEL, %d): %s", fd, std::strerror(errno));
    }
    if (watch.alwaysReady)
        std::erase(m_alwaysReady, fd);
    watch = Watch{}; // a stale entry of m_changed finds it unchanged and skips it
}

// Tells the kernel what changed since the last wait, one epoll_ctl per descriptor whose mask
// differs: a notifier enabled and disabled again in between costs nothing.
void EpollEventDispatcher::applyChanges()
{
    QList<QSocketNotifier *> invalid;
    for (const int fd : m_changed) {
        Watch &watch = m_watches[size_t(fd)];
        if (!watch.changed)
            continue;
        watch.changed = false;
        const quint32 wanted = watch.wantedEvents();
        if (watch.alwaysReady || (watch.inKernel && wanted == watch.kernelEvents))
            continue;
        epoll_event event = {};
        event.events = wanted;
        event.data.fd = fd;
        int op = watch.inKernel ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
        int result = ::epoll_ctl(m_epollFd, op, fd, &event);
        // The kernel's set and ours can differ when a descriptor was closed and its number
        // reused while still watched (closing removes it from epoll), or dup'ed.
        if (result != 0 && op == EPOLL_CTL_MOD && errno == ENOENT)
            result = ::epoll_ctl(m_epollFd, op = EPOLL_CTL_ADD, fd, &event);
        else if (result != 0 && op == EPOLL_CTL_ADD && errno == EEXIST)
            result = ::epoll_ctl(m_epollFd, op = EPOLL_CTL_MOD, fd, &event);
        if (result == 0) {
            watch.inKernel = true;
            watch.kernelEvents = wanted;
        } else if (errno == EPERM) {
            // A regular file or directory: poll() reports it always ready, and so do we.
            watch.alwaysReady = true;
            m_alwaysReady.push_back(fd);
        } else {
            // As QEventDispatcherUNIX does on POLLNVAL: warn and disable its notifiers.
            for (int type = 0; type < 3; ++type) {
                if (watch.notifiers[type]) {
                    qCWarning(lcEventLoop, "invalid socket %d with type %s, disabling: %s", fd,
                              typeName(type), std::strerror(errno));
                    invalid.append(watch.notifiers[type]);
                }
            }
        }
    }
    m_changed.clear();
    for (QSocketNotifier *notifier : std::as_const(invalid))
        notifier->setEnabled(false);
}

// Polls the sockets whose write notifier is not in the kernel's set: a writable one is marked
// ready (and probed again next time, as poll's level-triggered report would repeat), a full one
// joins the kernel's set. Returns whether any is ready, so that the wait does not block.
bool EpollEventDispatcher::runWriteProbes()
{
    m_probeFds.clear();
    for (const int fd : m_probes) {
        Watch *watch = watchOf(fd);
        if (!watch || !watch->probing)
            continue; // forgotten, or queued twice
        watch->probing = false;
        if (watch->notifiers[QSocketNotifier::Write])
            m_probeFds.push_back({fd, POLLOUT, 0});
    }
    m_probes.clear();
    if (m_probeFds.empty())
        return false;
    int result;
    while ((result = ::poll(m_probeFds.data(), nfds_t(m_probeFds.size()), 0)) < 0
           && errno == EINTR) { }
    if (result < 0) {
        qCWarning(lcEventLoop, "poll: %s", std::strerror(errno));
        return false;
    }
    bool anyReady = false;
    QList<QSocketNotifier *> invalid;
    for (const pollfd &probe : m_probeFds) {
        Watch &watch = m_watches[size_t(probe.fd)];
        if (probe.revents & POLLNVAL) {
            qCWarning(lcEventLoop, "invalid socket %d with type Write, disabling", probe.fd);
            invalid.append(watch.notifiers[QSocketNotifier::Write]);
        } else if (probe.revents & (POLLOUT | POLLHUP | POLLERR)) {
            markReady(probe.fd, EPOLLOUT);
            watch.probing = true;
            m_probes.push_back(probe.fd);
            anyReady = true;
        } else {
            watch.writeInKernel = true;
            markChanged(probe.fd, watch);
        }
    }
    for (QSocketNotifier *notifier : std::as_const(invalid))
        notifier->setEnabled(false);
    return anyReady;
}

void EpollEventDispatcher::markReady(int fd, quint32 events)
{
    Watch *watch = watchOf(fd);
    if (!watch)
        return;
    for (int type = 0; type < 3; ++type) {
        const quint8 bit = quint8(1u << type);
        if (watch->notifiers[type] && (events & readyFor[type]) && !(watch->pending & bit)) {
            watch->pending |= bit;
            m_pending.push_back({fd, type});
        }
    }
}

int EpollEventDispatcher::activateSocketNotifiers()
{
    int activated = 0;
    QEvent event(QEvent::SockAct);
    // A handler may run a nested loop, which delivers from the same list, or register
    // notifiers, which may move m_watches: look everything up again on each turn.
    while (m_pendingHead < m_pending.size()) {
        const Pending next = m_pending[m_pendingHead++];
        Watch *watch = watchOf(next.fd);
        const quint8 bit = quint8(1u << next.type);
        if (!watch || !(watch->pending & bit))
            continue; // disabled or deleted since the kernel reported it
        watch->pending &= quint8(~bit);
        QCoreApplication::sendEvent(watch->notifiers[size_t(next.type)], &event);
        ++activated;
    }
    m_pending.clear();
    m_pendingHead = 0;
    return activated;
}

bool EpollEventDispatcher::consumeWakeUp()
{
    eventfd_t value = 0;
    if (::eventfd_read(m_wakeFd, &value) != 0)
        return false;
    m_wakeUpPending.storeRelease(0);
    return true;
}

// epoll_wait for up to timeoutMs (-1: no limit), carried on after a signal; returns how many
// events it handled itself (a wake-up) and leaves the ready notifiers marked.
int EpollEventDispatcher::wait(int timeoutMs)
{
    applyChanges();
    if (runWriteProbes())
        timeoutMs = 0;
    applyChanges(); // the write notifiers of full sockets
    if (!m_alwaysReady.empty())
        timeoutMs = 0;
    const QDeadlineTimer deadline(timeoutMs < 0 ? qint64(-1) : qint64(timeoutMs));
    int ready;
    while ((ready = ::epoll_wait(m_epollFd, m_events.data(), int(m_events.size()),
                                 timeoutMs < 0 ? -1 : int(deadline.remainingTime())))
                   < 0
           && errno == EINTR) { }
    if (ready < 0) {
        qCWarning(lcEventLoop, "epoll_wait: %s", std::strerror(errno));
        return 0;
    }
    int handled = 0;
    for (int i = 0; i < ready; ++i) {
        const epoll_event &event = m_events[size_t(i)];
        if (event.data.fd == m_wakeFd)
            handled += consumeWakeUp() ? 1 : 0;
        else
            markReady(event.data.fd, event.events);
    }
    for (const int fd : m_alwaysReady)
        markReady(fd, EPOLLIN | EPOLLOUT);
    return handled;
}

// With ExcludeSocketNotifiers the sockets cannot wake the loop (they stay ready, epoll being
// level-triggered, and would make it spin): it waits for the eventfd alone.
int EpollEventDispatcher::waitForWakeUpOnly(int timeoutMs)
{
    pollfd wake = {m_wakeFd, POLLIN, 0};
    const QDeadlineTimer deadline(timeoutMs < 0 ? qint64(-1) : qint64(timeoutMs));
    int ready;
    while ((ready = ::poll(&wake, 1, timeoutMs < 0 ? -1 : int(deadline.remainingTime()))) < 0
           && errno == EINTR) { }
    return ready > 0 && consumeWakeUp() ? 1 : 0;
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.storeRelaxed(0);
    Q_EMIT awake();
    // The public function sends the current thread's posted events, as the private one
    // QEventDispatcherUNIX calls does with its thread's (this is that thread).
    QCoreApplication::sendPostedEvents();

    const bool includeTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const bool canWait = (flags & QEventLoop::WaitForMoreEvents) && !m_interrupted.loadRelaxed()
            && !m_wakeUpPending.loadAcquire();
    if (canWait)
        Q_EMIT aboutToBlock();
    if (m_interrupted.loadRelaxed())
        return false;

    int timeoutMs = 0;
    if (canWait) {
        timeoutMs = -1;
        if (includeTimers) {
            if (const auto next = m_timers.timeToNextTimer()) {
                // Rounded up: a timer is never woken for before it is due.
                const qint64 ms = std::chrono::ceil<std::chrono::milliseconds>(*next).count();
                timeoutMs = int(std::min<qint64>(ms, std::numeric_limits<int>::max()));
            }
        }
    }

    int handled = 0;
    if (includeNotifiers) {
        handled += wait(timeoutMs);
        handled += activateSocketNotifiers();
    } else {
        handled += waitForWakeUpOnly(timeoutMs);
    }
    if (includeTimers)
        handled += m_timers.activateTimers();
    return handled > 0;
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject *object)
{
#ifndef QT_NO_DEBUG
    if (timerId < 1 || interval < 0 || !object) {
        qWarning("EpollEventDispatcher::registerTimer: invalid arguments");
        return;
    }
    if (!inOwnThread(object, this)) {
        qWarning("EpollEventDispatcher::registerTimer: timers cannot be started from another "
                 "thread");
        return;
    }
#endif
    m_timers.registerTimer(timerId, interval, timerType, object);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
#ifndef QT_NO_DEBUG
    if (timerId < 1 || thread() != QThread::currentThread()) {
        qWarning("EpollEventDispatcher::unregisterTimer: invalid argument or another thread");
        return false;
    }
#endif
    return m_timers.unregisterTimer(timerId);
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
#ifndef QT_NO_DEBUG
    if (!object || !inOwnThread(object, this)) {
        qWarning("EpollEventDispatcher::unregisterTimers: invalid argument or another thread");
        return false;
    }
#endif
    return m_timers.unregisterTimers(object);
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject *object) const
{
    if (!object)
        return {};
    return m_timers.registeredTimers(object);
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    return m_timers.remainingTime(timerId);
}

// Thread-safe: QCoreApplication::postEvent calls it from whichever thread posts. One write per
// wake-up until the loop consumes it.
void EpollEventDispatcher::wakeUp()
{
    if (m_wakeUpPending.testAndSetAcquire(0, 1)) {
        while (::eventfd_write(m_wakeFd, 1) != 0 && errno == EINTR) { }
    }
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.storeRelaxed(1);
    wakeUp();
}

} // namespace Hallway
