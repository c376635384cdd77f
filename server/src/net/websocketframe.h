// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

namespace Hallway {

// A complete, final, unmasked WebSocket text frame (RFC 6455, 5.2) as a server sends it.
// Topics frame each event once and write these very bytes to every subscriber's socket,
// instead of asking QWebSocket to encode and frame the same text once per recipient.
inline QByteArray textFrame(const QByteArray &utf8)
{
    QByteArray frame;
    const qsizetype length = utf8.size();
    frame.reserve(length + 10);
    frame.append(char(0x81)); // FIN, opcode 1 (text)
    if (length < 126) {
        frame.append(char(length));
    } else if (length < 65536) {
        frame.append(char(126));
        frame.append(char((length >> 8) & 0xff));
        frame.append(char(length & 0xff));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(length) >> shift) & 0xff));
    }
    frame.append(utf8);
    return frame;
}

} // namespace Hallway
