// SPDX-License-Identifier: MIT
#include "admissioncontrol.h"
#include "logging.h"
#include "servermetrics.h"
#include "sockethandover.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QTimerEvent>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

namespace Hallway {

namespace {
// File descriptors kept for everything that is not a client: database connections, the
// SQLite WAL, logs, the HTTP port, TLS files.
constexpr int ReservedDescriptors = 64;
// At most one line per this interval says that connections are being refused, and one that
// handshakes were dropped at their deadline.
constexpr qint64 RefusalLogEveryMs = 10'000;
constexpr qint64 DroppedLogEveryMs = 10'000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

AdmissionControl::AdmissionControl(Protocol protocol, const Limits &limits, ServerMetrics *metrics,
                                   QObject *parent)
    : QObject(parent), m_protocol(protocol), m_limits(limits), m_metrics(metrics)
{
}

QString AdmissionControl::peerKey(const QHostAddress &address, quint16 port)
{
    return address.toString() + QLatin1Char('|') + QString::number(port);
}

bool AdmissionControl::admit(QTcpSocket *socket)
{
    const QString address = socket->peerAddress().toString();
    const int fromAddress = m_handshakesPerAddress.value(address) + m_open.value(address);
    const int pastLimit = m_protocol == Protocol::WebSocket ? HandshakesPastLimit : 0;
    const bool addressFull =
            m_limits.perAddress > 0 && fromAddress >= m_limits.perAddress + pastLimit;
    const bool serverFull = m_limits.total > 0 && total() >= m_limits.total;
    if (addressFull || serverFull) {
        if (m_metrics)
            ++m_metrics->handshakesRefused;
        if (nowMs() - m_lastRefusalLogMs >= RefusalLogEveryMs) {
            m_lastRefusalLogMs = nowMs();
            qCWarning(lcNet).noquote()
                    << (m_protocol == Protocol::Http ? "refusing HTTP connections:"
                                                     : "refusing connections:")
                    << (serverFull ? QStringLiteral("the server holds %1 (its limit)").arg(total())
                                   : QStringLiteral("%1 holds %2").arg(address).arg(fromAddress));
        }
        socket->abort();
        socket->deleteLater();
        return false;
    }

    const quint64 serial = m_nextSerial++;
    m_handshakes.insert(socket, {address, serial, {}});
    m_byPeer.insert(peerKey(socket->peerAddress(), socket->peerPort()), socket);
    ++m_handshakesPerAddress[address];
    m_deadlines.push_back({nowMs() + m_limits.handshakeTimeoutMs, socket, serial});
    armTimer();
    if (m_protocol == Protocol::WebSocket) {
        connect(socket, &QIODevice::readyRead, this, [this, socket]() {
            const auto handshake = m_handshakes.find(socket);
            if (handshake != m_handshakes.end())
                handshake->sentAfterRequest += takeBytesPastRequest(socket);
        });
    }
    // A handshake that fails ends with its socket; so does what is kept for it.
    connect(socket, &QAbstractSocket::disconnected, this, [this, socket]() { forget(socket); });
    connect(socket, &QObject::destroyed, this,
            [this, socket]() { forget(socket); }); // only the pointer's value is used
    return true;
}

QTcpSocket *AdmissionControl::takeHandshake(const QHostAddress &address, quint16 port)
{
    QTcpSocket *socket = m_byPeer.value(peerKey(address, port));
    if (!socket)
        return nullptr;
    disconnect(socket, nullptr, this, nullptr);
    putBackUnread(socket, m_handshakes.value(socket).sentAfterRequest);
    forget(socket);
    return socket;
}

void AdmissionControl::forget(QTcpSocket *socket)
{
    const auto found = m_handshakes.constFind(socket);
    if (found == m_handshakes.constEnd())
        return;
    const QString address = found->address;
    m_handshakes.erase(found);
    m_byPeer.removeIf([socket](const auto &entry) { return entry.value() == socket; });
    if (--m_handshakesPerAddress[address] <= 0)
        m_handshakesPerAddress.remove(address);
    // Its deadline stays queued and is skipped when it comes: the serial no longer matches.
}

void AdmissionControl::connectionClosed(const QString &address)
{
    --m_openTotal;
    if (--m_open[address] <= 0)
        m_open.remove(address);
}

void AdmissionControl::armTimer()
{
    // Stale deadlines (handshakes that ended) are dropped from the front as they come.
    while (!m_deadlines.empty()) {
        const Deadline &first = m_deadlines.front();
        const auto found = m_handshakes.constFind(first.socket);
        if (found != m_handshakes.constEnd() && found->serial == first.serial)
            break;
        m_deadlines.pop_front();
    }
    if (m_deadlines.empty()) {
        m_timer.stop();
        return;
    }
    const qint64 wait = std::max<qint64>(0, m_deadlines.front().atMs - nowMs());
    m_timer.start(int(wait), Qt::PreciseTimer, this);
}

void AdmissionControl::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_droppedLogTimer.timerId()) {
        m_droppedLogTimer.stop();
        return reportDropped(0);
    }
    if (event->timerId() != m_timer.timerId())
        return QObject::timerEvent(event);
    const qint64 now = nowMs();
    int expired = 0;
    while (!m_deadlines.empty() && m_deadlines.front().atMs <= now) {
        const Deadline deadline = m_deadlines.front();
        m_deadlines.pop_front();
        const auto found = m_handshakes.constFind(deadline.socket);
        if (found == m_handshakes.constEnd() || found->serial != deadline.serial)
            continue;
        QTcpSocket *socket = deadline.socket;
        forget(socket);
        disconnect(socket, nullptr, this, nullptr);
        socket->abort();
        socket->deleteLater();
        ++expired;
    }
    if (expired > 0) {
        if (m_metrics)
            m_metrics->handshakesTimedOut += expired;
        reportDropped(expired);
    }
    armTimer();
}

void AdmissionControl::reportDropped(int count)
{
    m_droppedUnreported += count;
    if (m_droppedUnreported == 0)
        return;
    const qint64 sinceLastLine = nowMs() - m_lastDroppedLogMs;
    if (sinceLastLine < DroppedLogEveryMs) {
        if (!m_droppedLogTimer.isActive())
            m_droppedLogTimer.start(int(DroppedLogEveryMs - sinceLastLine), this);
        return;
    }
    m_droppedLogTimer.stop();
    m_lastDroppedLogMs = nowMs();
    // A scraper's keep-alive connection meets the HTTP deadline every time: no news.
    if (m_protocol == Protocol::Http)
        qCDebug(lcNet) << "closed" << m_droppedUnreported << "HTTP connections at their"
                       << m_limits.handshakeTimeoutMs << "ms deadline";
    else
        qCInfo(lcNet) << "dropped" << m_droppedUnreported
                      << "sockets that did not finish the handshake in"
                      << m_limits.handshakeTimeoutMs << "ms";
    m_droppedUnreported = 0;
}

int connectionBudgetFromFileLimit()
{
#ifdef Q_OS_UNIX
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    if (limit.rlim_cur < limit.rlim_max) {
        const rlim_t before = limit.rlim_cur;
        limit.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0)
            limit.rlim_cur = before;
    }
    if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > rlim_t(1'000'000))
        return 1'000'000;
    return std::max(16, int(limit.rlim_cur) - ReservedDescriptors);
#else
    return 0;
#endif
}

} // namespace Hallway
