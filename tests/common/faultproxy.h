// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QTcpServer>
#include <QUrl>

namespace Hallway::Test {

class FaultLink;

// A TCP proxy between clients and a real server, for network faults: it listens on
// 127.0.0.1, connects each accepted connection to the target port and forwards bytes both
// ways, in order. On command it breaks every connection open at that moment, the way a
// network does:
//   reset()       both ends get a TCP reset at once (the client sees "connection reset");
//   blackhole(ms) nothing more passes either way (whatever arrives is read and thrown away,
//                 as by a dead link), the sockets stay open, and after ms both ends are
//                 dropped (closed; neither end ever learns what was lost);
//   delay(ms)     bytes in both directions are held for ms and then passed on in order;
//                 afterwards the connection carries on normally.
// Connections accepted after a command are not affected by it.
class FaultProxy : public QObject {
    Q_OBJECT
public:
    explicit FaultProxy(QObject *parent = nullptr);
    ~FaultProxy() override;

    // Listens on an ephemeral port of 127.0.0.1 and forwards to 127.0.0.1:targetPort.
    bool listen(quint16 targetPort);
    quint16 port() const { return m_server.serverPort(); }
    QUrl url() const; // ws://127.0.0.1:<port>

    // Each applies to every connection open now and returns how many that is.
    int reset();
    int blackhole(int ms);
    int delay(int ms);

    int openConnections() const { return static_cast<int>(m_links.size()); }
    int acceptedConnections() const { return m_accepted; }
    // Connections still in a blackhole or holding delayed bytes.
    int connectionsInFault() const;
    qint64 bytesForwarded() const { return m_bytesForwarded; }
    qint64 bytesDiscarded() const { return m_bytesDiscarded; }

Q_SIGNALS:
    void accepted();

private:
    friend class FaultLink;
    void onNewConnection();

    QTcpServer m_server;
    quint16 m_targetPort = 0;
    QList<FaultLink *> m_links;
    int m_accepted = 0;
    qint64 m_bytesForwarded = 0;
    qint64 m_bytesDiscarded = 0;
};

} // namespace Hallway::Test
