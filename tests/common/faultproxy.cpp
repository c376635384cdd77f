// SPDX-License-Identifier: MIT
#include "faultproxy.h"

#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace Hallway::Test {

// One proxied connection: the client's socket (Down) and ours to the server (Up).
class FaultLink : public QObject {
public:
    FaultLink(FaultProxy *proxy, QTcpSocket *client, quint16 targetPort);

    void reset();
    void blackhole(int ms);
    void delay(int ms);
    bool inFault() const { return m_blackholed || m_holding; }

private:
    enum Side { Down = 0, Up = 1 };
    static Side other(Side side) { return side == Down ? Up : Down; }
    QTcpSocket *socket(Side side) const { return side == Down ? m_down : m_up; }

    void onReadyRead(Side from);
    void onUpConnected();
    void onEnded(Side side);
    void forward(Side to, const QByteArray &bytes);
    void passOnEnds();
    void release();
    void drop(bool withReset);
    void finish();
    void remove();

    FaultProxy *m_proxy;
    QTcpSocket *m_down;
    QTcpSocket *m_up;
    bool m_upConnected = false;
    bool m_blackholed = false;
    bool m_holding = false;
    bool m_finished = false;
    QByteArray m_held[2]; // bytes waiting to go to each side
    bool m_ended[2] = {false, false}; // that side has closed its end
    bool m_endPassedOn[2] = {false, false}; // the other side was told
    QTimer m_holdTimer;
    QTimer m_dropTimer;
};

FaultLink::FaultLink(FaultProxy *proxy, QTcpSocket *client, quint16 targetPort)
    : QObject(proxy), m_proxy(proxy), m_down(client), m_up(new QTcpSocket(this))
{
    m_down->setParent(this);
    m_holdTimer.setSingleShot(true);
    m_dropTimer.setSingleShot(true);
    connect(&m_holdTimer, &QTimer::timeout, this, [this]() { release(); });
    connect(&m_dropTimer, &QTimer::timeout, this, [this]() { drop(false); });
    for (const Side side : {Down, Up}) {
        QTcpSocket *s = socket(side);
        connect(s, &QTcpSocket::readyRead, this, [this, side]() { onReadyRead(side); });
        // stateChanged rather than disconnected: a failed connect never "disconnects".
        connect(s, &QAbstractSocket::stateChanged, this,
                [this, side](QAbstractSocket::SocketState state) {
                    if (state == QAbstractSocket::UnconnectedState)
                        onEnded(side);
                });
    }
    connect(m_up, &QTcpSocket::connected, this, [this]() { onUpConnected(); });
    m_up->connectToHost(QHostAddress::LocalHost, targetPort);
}

void FaultLink::onReadyRead(Side from)
{
    if (m_finished)
        return;
    const QByteArray bytes = socket(from)->readAll();
    if (bytes.isEmpty())
        return;
    const Side to = other(from);
    if (m_blackholed) {
        m_proxy->m_bytesDiscarded += bytes.size();
        return;
    }
    if (m_holding || (to == Up && !m_upConnected)) {
        m_held[to] += bytes;
        return;
    }
    forward(to, bytes);
}

void FaultLink::forward(Side to, const QByteArray &bytes)
{
    if (m_ended[to]) {
        m_proxy->m_bytesDiscarded += bytes.size();
        return;
    }
    socket(to)->write(bytes);
    m_proxy->m_bytesForwarded += bytes.size();
}

void FaultLink::onUpConnected()
{
    m_upConnected = true;
    if (!m_holding && !m_blackholed && !m_held[Up].isEmpty())
        forward(Up, std::exchange(m_held[Up], {}));
    passOnEnds();
}

void FaultLink::onEnded(Side side)
{
    if (m_finished || m_ended[side])
        return;
    if (socket(side)->bytesAvailable() > 0)
        onReadyRead(side);
    m_ended[side] = true;
    passOnEnds();
}

// A side that closed its end is passed on to the other (after whatever it sent before), unless
// the link is in a fault: a blackhole loses the close too, a delay passes it on afterwards.
void FaultLink::passOnEnds()
{
    if (m_finished || m_blackholed || m_holding)
        return;
    for (const Side side : {Down, Up}) {
        const Side to = other(side);
        if (!m_ended[side] || m_endPassedOn[side])
            continue;
        if (side == Down && !m_upConnected && m_up->state() != QAbstractSocket::UnconnectedState)
            continue; // still connecting: tell it once connected (anything held goes first)
        m_endPassedOn[side] = true;
        if (!m_ended[to])
            socket(to)->disconnectFromHost(); // flushes what was written first
    }
    if (m_ended[Down] && m_ended[Up])
        finish();
}

void FaultLink::release()
{
    if (m_finished || !m_holding)
        return;
    m_holding = false;
    for (const Side to : {Up, Down}) {
        if (m_held[to].isEmpty() || (to == Up && !m_upConnected))
            continue;
        forward(to, std::exchange(m_held[to], {}));
    }
    passOnEnds();
}

void FaultLink::reset()
{
    drop(true);
}

void FaultLink::blackhole(int ms)
{
    if (m_finished || m_blackholed)
        return;
    m_blackholed = true;
    m_holding = false;
    m_holdTimer.stop();
    m_proxy->m_bytesDiscarded += m_held[Down].size() + m_held[Up].size();
    m_held[Down].clear();
    m_held[Up].clear();
    m_dropTimer.start(ms);
}

void FaultLink::delay(int ms)
{
    if (m_finished || m_blackholed)
        return;
    m_holding = true;
    if (!m_holdTimer.isActive() || m_holdTimer.remainingTime() < ms)
        m_holdTimer.start(ms);
}

void FaultLink::drop(bool withReset)
{
    if (m_finished)
        return;
    m_finished = true; // from here on the sockets' own signals change nothing
    for (const Side side : {Down, Up}) {
        QTcpSocket *s = socket(side);
#ifdef Q_OS_UNIX
        // SO_LINGER with a zero timeout: closing sends RST instead of FIN.
        if (withReset && s->socketDescriptor() >= 0) {
            const linger immediately{1, 0};
            ::setsockopt(static_cast<int>(s->socketDescriptor()), SOL_SOCKET, SO_LINGER,
                         &immediately, sizeof immediately);
        }
#else
        Q_UNUSED(withReset);
#endif
        s->abort();
    }
    remove();
}

void FaultLink::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    remove();
}

void FaultLink::remove()
{
    m_holdTimer.stop();
    m_dropTimer.stop();
    m_proxy->m_links.removeOne(this);
    deleteLater();
}

FaultProxy::FaultProxy(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
}

FaultProxy::~FaultProxy()
{
    const QList<FaultLink *> links = m_links;
    for (FaultLink *link : links)
        link->reset();
}

bool FaultProxy::listen(quint16 targetPort)
{
    m_targetPort = targetPort;
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FaultProxy::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("ws"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

void FaultProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        ++m_accepted;
        m_links.append(new FaultLink(this, client, m_targetPort));
        Q_EMIT accepted();
    }
}

int FaultProxy::reset()
{
    const QList<FaultLink *> links = m_links;
    for (FaultLink *link : links)
        link->reset();
    return static_cast<int>(links.size());
}

int FaultProxy::blackhole(int ms)
{
    for (FaultLink *link : std::as_const(m_links))
        link->blackhole(ms);
    return static_cast<int>(m_links.size());
}

int FaultProxy::delay(int ms)
{
    for (FaultLink *link : std::as_const(m_links))
        link->delay(ms);
    return static_cast<int>(m_links.size());
}

int FaultProxy::connectionsInFault() const
{
    int count = 0;
    for (const FaultLink *link : m_links)
        count += link->inFault();
    return count;
}

} // namespace Hallway::Test
