// SPDX-License-Identifier: MIT
#include "websocketreader.h"

#include <QStringDecoder>
#include <QtEndian>

namespace Hallway {

namespace {
enum Opcode : quint8 {
    Continuation = 0x0,
    TextOpcode = 0x1,
    BinaryOpcode = 0x2,
    CloseOpcode = 0x8,
    PingOpcode = 0x9,
    PongOpcode = 0xA,
};
constexpr int ProtocolError = 1002;
constexpr int InvalidPayload = 1007;
constexpr int TooBig = 1009;
constexpr int NoStatus = 1005;

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    Q_UNUSED(text);
    return !decoder.hasError();
}

// Close codes a peer may send (RFC 6455, 7.4): the defined ones, and 3000-4999.
bool isValidCloseCode(int code)
{
    if (code >= 3000 && code <= 4999)
        return true;
    return code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006;
}

QByteArray controlFrame(quint8 opcode, const QByteArray &payload)
{
    QByteArray frame;
    frame.reserve(2 + payload.size());
    frame.append(char(0x80 | opcode));
    frame.append(char(payload.size())); // control payloads are at most 125 bytes
    frame.append(payload);
    return frame;
}
} // namespace

void WebSocketReader::append(QByteArrayView bytes)
{
    if (m_failed)
        return;
    // Drop what was consumed before growing, so the buffer stays about one frame in size.
    if (m_position > 0 && m_position >= m_buffer.size() / 2) {
        m_buffer.remove(0, m_position);
        m_position = 0;
    }
    m_buffer.append(bytes.data(), bytes.size());
}

void WebSocketReader::append(const QByteArray &bytes)
{
    if (m_failed)
        return;
    if (m_position == m_buffer.size()) {
        m_buffer = bytes;
        m_position = 0;
        return;
    }
    append(QByteArrayView(bytes));
}

std::optional<WebSocketReader::Item> WebSocketReader::fail(int code, const QString &reason)
{
    m_failed = true;
    m_buffer.clear();
    m_message.clear();
    m_position = 0;
    return Item{Item::Kind::Failure, {}, code, reason};
}

std::optional<WebSocketReader::Item> WebSocketReader::next()
{
    while (!m_failed) {
        const qsizetype available = m_buffer.size() - m_position;
        if (available == 0 && !m_buffer.isNull()) {
            m_buffer = QByteArray(); // all taken: free it
            m_position = 0;
        }
        if (available < 2)
            return std::nullopt;
        const auto *header = reinterpret_cast<const uchar *>(m_buffer.constData() + m_position);
        const bool final = header[0] & 0x80;
        const quint8 opcode = header[0] & 0x0F;
        const bool masked = header[1] & 0x80;
        const quint8 shortLength = header[1] & 0x7F;

        if (header[0] & 0x70)
            return fail(ProtocolError, QStringLiteral("reserved bits set"));
        if (!masked)
            return fail(ProtocolError, QStringLiteral("client frames must be masked"));
        const bool control = opcode & 0x8;
        if (control) {
            if (opcode != CloseOpcode && opcode != PingOpcode && opcode != PongOpcode)
                return fail(ProtocolError, QStringLiteral("reserved opcode"));
            if (!final)
                return fail(ProtocolError, QStringLiteral("fragmented control frame"));
            if (shortLength > 125)
                return fail(ProtocolError, QStringLiteral("control frame over 125 bytes"));
        } else if (opcode != Continuation && opcode != TextOpcode && opcode != BinaryOpcode) {
            return fail(ProtocolError, QStringLiteral("reserved opcode"));
        }

        qsizetype headerSize = 2;
        quint64 length = shortLength;
        if (shortLength == 126) {
            headerSize += 2;
            if (available < headerSize)
                return std::nullopt;
            length = qFromBigEndian<quint16>(header + 2);
        } else if (shortLength == 127) {
            headerSize += 8;
            if (available < headerSize)
                return std::nullopt;
            length = qFromBigEndian<quint64>(header + 2);
            if (length >> 63)
                return fail(ProtocolError, QStringLiteral("frame length out of range"));
        }
        // Refused from the header alone: nothing of an oversize frame is buffered.
        const quint64 messageSoFar = control ? 0 : quint64(m_message.size());
        if (length > quint64(m_maxMessageBytes)
            || messageSoFar + length > quint64(m_maxMessageBytes))
            return fail(TooBig, QStringLiteral("message too big"));
        headerSize += 4; // the masking key
        if (quint64(available) < quint64(headerSize) + length)
            return std::nullopt;

        const uchar *key = header + headerSize - 4;
        QByteArray payload(m_buffer.constData() + m_position + headerSize, qsizetype(length));
        m_position += headerSize + qsizetype(length);
        char *data = payload.data();
        for (qsizetype i = 0; i < payload.size(); ++i)
            data[i] = char(data[i] ^ key[i & 3]);

        switch (opcode) {
        case PingOpcode:
            return Item{Item::Kind::Ping, payload, 0, {}};
        case PongOpcode:
            return Item{Item::Kind::Pong, payload, 0, {}};
        case CloseOpcode: {
            if (payload.isEmpty())
                return Item{Item::Kind::Close, {}, NoStatus, {}};
            if (payload.size() == 1)
                return fail(ProtocolError, QStringLiteral("close frame with a one-byte payload"));
            const int code = qFromBigEndian<quint16>(payload.constData());
            const QByteArray reason = payload.mid(2);
            if (!isValidCloseCode(code))
                return fail(ProtocolError, QStringLiteral("invalid close code"));
            if (!isValidUtf8(reason))
                return fail(InvalidPayload, QStringLiteral("close reason is not UTF-8"));
            return Item{Item::Kind::Close, {}, code, QString::fromUtf8(reason)};
        }
        case Continuation:
            if (!m_messageKind)
                return fail(ProtocolError, QStringLiteral("continuation without a message"));
            m_message.append(payload);
            break;
        default: // text or binary: a new message
            if (m_messageKind)
                return fail(ProtocolError, QStringLiteral("new message inside a fragmented one"));
            m_messageKind = opcode == TextOpcode ? Item::Kind::Text : Item::Kind::Binary;
            m_message = payload;
            break;
        }
        if (!final)
            continue;
        Item item{*m_messageKind, std::move(m_message), 0, {}};
        m_message = {};
        m_messageKind.reset();
        if (item.kind == Item::Kind::Text && !isValidUtf8(item.payload))
            return fail(InvalidPayload, QStringLiteral("text message is not UTF-8"));
        return item;
    }
    return std::nullopt;
}

QByteArray closeFrame(int code, const QString &reason)
{
    QByteArray payload(2, Qt::Uninitialized);
    qToBigEndian<quint16>(quint16(code), payload.data());
    // 125 bytes at most in a control frame: shorten the reason by whole characters.
    QString shortened = reason;
    QByteArray utf8 = shortened.toUtf8();
    while (utf8.size() > 123) {
        // A character outside the BMP is two UTF-16 units: never leave half of one.
        shortened.chop(shortened.size() > 1 && shortened.back().isLowSurrogate() ? 2 : 1);
        utf8 = shortened.toUtf8();
    }
    payload.append(utf8);
    return controlFrame(CloseOpcode, payload);
}

QByteArray pongFrame(const QByteArray &payload)
{
    return controlFrame(PongOpcode, payload.left(125));
}

} // namespace Hallway
