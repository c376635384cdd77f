// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace Hallway {

// Reads the frames a client sends after the opening handshake (RFC 6455, section 5) and puts
// fragmented messages back together. It does no I/O: bytes go in through append(), whole
// messages and control frames come out of next(). QtWebSockets does the handshake; the
// server reads frames itself so that it can stop reading a client that has too many requests
// outstanding, and so that it enforces what QWebSocket (6.4) does not: every client frame
// must be masked (5.1).
class WebSocketReader {
public:
    struct Item {
        enum class Kind { Text, Binary, Ping, Pong, Close, Failure };
        Kind kind = Kind::Failure;
        QByteArray payload; // the message (text is valid UTF-8), or a ping's or pong's data
        // Close: the code the client sent (1005 if none) and its reason.
        // Failure: the close code to fail the connection with, and why.
        int code = 0;
        QString reason;
    };

    explicit WebSocketReader(qint64 maxMessageBytes) : m_maxMessageBytes(maxMessageBytes) { }

    void append(QByteArrayView bytes);
    // The same; while nothing is held, bytes is kept as it is (shared, not copied).
    void append(const QByteArray &bytes);
    // The next complete message or control frame, or nothing until more bytes arrive. After a
    // Failure the reader returns nothing more.
    std::optional<Item> next();
    // Bytes held: a frame not yet complete and the fragments of a message.
    qsizetype bufferedBytes() const { return m_buffer.size() - m_position + m_message.size(); }

private:
    std::optional<Item> fail(int code, const QString &reason);

    qint64 m_maxMessageBytes;
    // Received, not yet taken; m_position is where the next frame begins. Released as soon as
    // everything in it has been taken, so that an idle connection holds none.
    QByteArray m_buffer;
    qsizetype m_position = 0;
    QByteArray m_message; // the fragments so far of a text or binary message
    std::optional<Item::Kind> m_messageKind; // set while a fragmented message is open
    bool m_failed = false;
};

// A whole control frame as a server sends it (unmasked): close, ping or pong.
QByteArray closeFrame(int code, const QString &reason);
QByteArray pongFrame(const QByteArray &payload);

} // namespace Hallway
