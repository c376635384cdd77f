// SPDX-License-Identifier: MIT
#pragma once

#include "loopbackclient.h"

#include <QHash>
#include <QPointer>
#include <QTcpServer>
#include <QWebSocketServer>
#include <memory>

namespace Hallway::Test {

// A WebSocket server on 127.0.0.1 whose connections are ClientConnections, made as
// HallwayServer makes them: QWebSocketServer does the handshake, then the connection reads
// and writes the TCP socket itself. Topics publish to them as they do in the server.
class LoopbackServer : public QObject {
    Q_OBJECT
public:
    explicit LoopbackServer(QObject *parent = nullptr);
    ~LoopbackServer() override;

    // A new client, connected, with its server side made; nullptr if that failed.
    std::unique_ptr<LoopbackClient> connectClient();

private:
    void onNewWebSocket();

    QTcpServer m_tcp;
    QWebSocketServer m_webSockets;
    QHash<quint16, QTcpSocket *> m_handshakes; // by the client's port
    QHash<quint16, QPointer<ClientConnection>> m_accepted; // by the client's port
};

} // namespace Hallway::Test
