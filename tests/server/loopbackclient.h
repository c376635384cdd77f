// SPDX-License-Identifier: MIT
#pragma once

#include "envelope.h"
#include "net/clientconnection.h"

#include <QList>
#include <QPointer>
#include <QWebSocket>

namespace Hallway::Test {

// An app at the other end of a ClientConnection, over a real socket on 127.0.0.1 (see
// LoopbackServer): what it receives is what a subscriber's app would.
class LoopbackClient : public QObject {
    Q_OBJECT
public:
    explicit LoopbackClient(QObject *parent = nullptr);

    QWebSocket &socket() { return m_socket; }
    // The server's side of this client's connection.
    ClientConnection *connection() const { return m_connection; }
    void setConnection(ClientConnection *connection) { m_connection = connection; }

    // The text messages received so far, oldest first.
    const QList<QByteArray> &messages() const { return m_messages; }
    // The events among them, oldest first.
    QList<Envelope> events() const;
    // Just their data, for comparing with what a topic should have published.
    QList<QJsonObject> eventData() const;

    // Waits until everything the server side wrote to this client so far has arrived: a
    // marker written after it comes back (TCP keeps the order). So "nothing arrived" can be
    // checked without waiting for nothing.
    [[nodiscard]] bool sync();

private:
    QWebSocket m_socket;
    QPointer<ClientConnection> m_connection;
    QList<QByteArray> m_messages;
    int m_syncs = 0;
};

} // namespace Hallway::Test
