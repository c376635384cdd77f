// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

class QIODevice;
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

// A client may send frames right behind its upgrade request, without waiting for the 101.
// QWebSocketServer (6.4) reads only the request, but the QWebSocket it then makes reads at
// once whatever else is in the socket's buffer, before newConnection is emitted, and emits
// those messages to nobody. So until the handshake is done, the bytes past the request are
// taken out of the buffer as they come (called on readyRead, before QWebSocketServer's
// queued handshake slot), and put back unread after it. Qt internals relied on:
// QWebSocketServer skips exactly the request's bytes, and QWebSocket reads only what is in the
// buffer when it is made; tst_framing (framesSentWithTheHandshakeAreRead) would catch a
// change.
QByteArray takeBytesPastRequest(QIODevice *socket);
void putBackUnread(QIODevice *socket, const QByteArray &bytes);

} // namespace Hallway
