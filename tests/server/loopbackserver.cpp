// SPDX-License-Identifier: MIT
#include "loopbackserver.h"

#include <QTest>

namespace Hallway::Test {

LoopbackServer::LoopbackServer(QObject *parent)
    : QObject(parent), m_webSockets(QStringLiteral("loopback"), QWebSocketServer::NonSecureMode)
{
    connect(&m_tcp, &QTcpServer::pendingConnectionAvailable, this, [this]() {
        while (QTcpSocket *socket = m_tcp.nextPendingConnection()) {
            m_handshakes.insert(socket->peerPort(), socket);
            m_webSockets.handleConnection(socket);
        }
    });
    connect(&m_webSockets, &QWebSocketServer::newConnection, this, &LoopbackServer::onNewWebSocket);
    m_tcp.listen(QHostAddress::LocalHost, 0);
}

LoopbackServer::~LoopbackServer()
{
    // Before the TCP server and its sockets go.
    qDeleteAll(findChildren<ClientConnection *>(Qt::FindDirectChildrenOnly));
}

void LoopbackServer::onNewWebSocket()
{
    while (QWebSocket *socket = m_webSockets.nextPendingConnection()) {
        const quint16 port = socket->peerPort(); // the connection takes the socket over
        QTcpSocket *raw = m_handshakes.take(port);
        // Far from every bound the tests touch; the hello deadline must not close anyone.
        const ConnectionLimits limits{1 << 20, 1 << 20, 16 << 20, 3'600'000, 3'600'000, 64};
        m_accepted.insert(port, new ClientConnection(socket, raw, limits, nullptr, this));
    }
}

std::unique_ptr<LoopbackClient> LoopbackServer::connectClient()
{
    if (!m_tcp.isListening())
        return nullptr;
    auto client = std::make_unique<LoopbackClient>();
    QWebSocket &socket = client->socket();
    socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_tcp.serverPort())));
    const bool ready = QTest::qWaitFor(
            [&]() {
                return socket.state() == QAbstractSocket::ConnectedState
                        && m_accepted.value(socket.localPort());
            },
            5000);
    if (!ready)
        return nullptr;
    client->setConnection(m_accepted.take(socket.localPort()));
    return client;
}

} // namespace Hallway::Test
