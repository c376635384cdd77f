// SPDX-License-Identifier: MIT
#pragma once

#include <QBasicTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <deque>

class QTcpSocket;

namespace Hallway {

struct ServerMetrics;

// Bounds what clients can make the server hold before they are connections: every accepted
// socket counts against its address's connections_per_address and against the server's
// total (kept below the file-descriptor limit), and one that has not finished its opening
// handshakes (TLS, then WebSocket) within the deadline is dropped. Nothing kept per socket
// outlives it.
//
// The operators' HTTP port has one of its own: there no socket ever becomes a connection, so
// each is closed at the deadline, request answered or not.
class AdmissionControl : public QObject {
    Q_OBJECT
public:
    enum class Protocol { WebSocket, Http };
    struct Limits {
        int perAddress = 0; // open connections and handshakes per address; 0: no limit
        int total = 0; // open connections and handshakes in all; 0: no limit
        int handshakeTimeoutMs = 10'000;
    };
    // An address at its limit may still finish this many WebSocket handshakes, so that the
    // client is told why it is refused (close code 4007) instead of seeing its connection
    // reset.
    static constexpr int HandshakesPastLimit = 4;

    // metrics (may be null) counts what is refused and dropped.
    AdmissionControl(Protocol protocol, const Limits &limits, ServerMetrics *metrics,
                     QObject *parent = nullptr);

    // A socket just accepted. False if its address or the server is full: then it is closed.
    bool admit(QTcpSocket *socket);
    // The WebSocket handshake of the peer at address:port completed: its socket stops being a
    // handshake (and its deadline ends), with what the client sent after its request back in
    // its buffer, unread (takeBytesPastRequest()); nullptr if it is not one of ours.
    QTcpSocket *takeHandshake(const QHostAddress &address, quint16 port);

    // Open connections, counted against the limits until connectionClosed().
    void connectionOpened(const QString &address)
    {
        ++m_open[address];
        ++m_openTotal;
    }
    void connectionClosed(const QString &address);
    int openConnections(const QString &address) const { return m_open.value(address); }

    int handshakes() const { return int(m_handshakes.size()); }
    int total() const { return int(m_handshakes.size()) + m_openTotal; }

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    struct Handshake {
        QString address;
        quint64 serial = 0;
        QByteArray sentAfterRequest; // held back from QWebSocket (takeBytesPastRequest())
    };
    struct Deadline {
        qint64 atMs = 0;
        QTcpSocket *socket = nullptr;
        quint64 serial = 0;
    };
    void forget(QTcpSocket *socket);
    void armTimer();
    void reportDropped(int count);
    static QString peerKey(const QHostAddress &address, quint16 port);

    Protocol m_protocol;
    Limits m_limits;
    ServerMetrics *m_metrics;
    QHash<QTcpSocket *, Handshake> m_handshakes;
    QHash<QString, QTcpSocket *> m_byPeer; // "address|port" of each handshake
    QHash<QString, int> m_handshakesPerAddress;
    QHash<QString, int> m_open; // open connections per address
    int m_openTotal = 0;
    std::deque<Deadline> m_deadlines; // in order: every handshake gets the same time
    quint64 m_nextSerial = 1;
    QBasicTimer m_timer;
    qint64 m_lastRefusalLogMs = 0;
    // Dropped handshakes are logged as a count at most once per interval: a slowloris flood
    // would otherwise write a line per socket (and journald would suppress the server).
    int m_droppedUnreported = 0;
    qint64 m_lastDroppedLogMs = 0;
    QBasicTimer m_droppedLogTimer;
};

// The number of connections the server can hold with the file descriptors it may open: the
// soft limit (raised to the hard limit first), less a reserve for the database, logs and
// files. 0 where there is no such limit to read.
int connectionBudgetFromFileLimit();

} // namespace Hallway
