// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

class QObject;
class QTcpSocket;

namespace Hallway {

// Once the WebSocket handshake is done, a connection needs nothing of QWebSocket (it reads
// and writes the frames itself) and nothing of the socket the handshake ran on but the TCP
// connection: yet an idle QWebSocket keeps its private, its data processor, the handshake's
// headers, and its socket the 32 KiB block its buffer wrote the handshake's response into.
// This gives the connection a QTcpSocket of its own on a duplicate of the descriptor and
// closes the old one (close() of one descriptor leaves the connection open on the other),
// so the old socket and its QWebSocket can go.
//
// Returns the new socket (a child of parent), with what the old one had already read in
// alreadyRead; or nullptr, and the old socket is untouched: TLS (the TLS session lives in the
// QSslSocket), a platform without dup(), or the response not yet all handed to the kernel.
// Qt internals relied on (every suite that talks to a server would catch a change): closing a
// QTcpSocket closes its descriptor and does not shut the connection down, and QWebSocket has
// nothing to write once its socket is closed.
QTcpSocket *takeOverConnection(QTcpSocket *socket, QObject *parent, QByteArray *alreadyRead);

} // namespace Hallway
