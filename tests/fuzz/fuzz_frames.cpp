// SPDX-License-Identifier: MIT
// libFuzzer target: the bytes a client sends after the opening handshake, read the way the
// server reads them (WebSocketReader), then each text message parsed as an envelope.
//
// The first input byte chooses how: odd, the rest is a payload the harness wraps in masked
// frames (split into fragments), so the JSON seeds from docs/protocol.md become valid
// streams; even, the rest is the raw stream. Either way the stream is read twice, whole and in
// small pieces, and both readings must give the same messages: a frame split across TCP
// segments is the same frame. A valid payload wrapped by the harness must come back as itself.
#include "envelope.h"
#include "websocketreader.h"

#include <QStringDecoder>

#include <cstdint>
#include <cstdlib>
#include <vector>

using namespace Hallway;

namespace {
constexpr qint64 MaxMessage = 4096;

QByteArray maskedFrame(quint8 opcode, const QByteArray &payload, bool final)
{
    QByteArray frame;
    frame.append(char((final ? 0x80 : 0) | opcode));
    if (payload.size() < 126) {
        frame.append(char(0x80 | payload.size()));
    } else if (payload.size() < 65536) {
        frame.append(char(0x80 | 126));
        frame.append(char(payload.size() >> 8));
        frame.append(char(payload.size() & 0xFF));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(payload.size()) >> shift) & 0xFF));
    }
    const char key[4] = {0x37, char(0xfa), 0x21, 0x3d};
    frame.append(key, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload.at(i) ^ key[i % 4]));
    return frame;
}

struct Reading {
    std::vector<WebSocketReader::Item> items;
};

bool sameItem(const WebSocketReader::Item &a, const WebSocketReader::Item &b)
{
    return a.kind == b.kind && a.payload == b.payload && a.code == b.code;
}

Reading read(const QByteArray &stream, qsizetype chunk)
{
    WebSocketReader reader(MaxMessage);
    Reading reading;
    bool failed = false;
    for (qsizetype at = 0; at < stream.size(); at += chunk) {
        reader.append(QByteArrayView(stream).sliced(at, std::min(chunk, stream.size() - at)));
        while (const auto item = reader.next()) {
            if (failed)
                std::abort(); // nothing may follow a failure
            failed = item->kind == WebSocketReader::Item::Kind::Failure;
            reading.items.push_back(*item);
        }
        // Held: at most a message's fragments and one frame of the largest size, plus what
        // was appended last.
        if (reader.bufferedBytes() > 2 * MaxMessage + 14 + chunk)
            std::abort();
    }
    return reading;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const quint8 mode = data[0];
    const QByteArray rest(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    QByteArray stream;
    const bool wrapped = mode & 1;
    if (wrapped) {
        const int fragments = 1 + (mode >> 1) % 4;
        const qsizetype piece = std::max<qsizetype>(1, rest.size() / fragments);
        qsizetype at = 0;
        for (int i = 0; i < fragments; ++i) {
            const bool last = i == fragments - 1;
            const QByteArray part = last ? rest.mid(at) : rest.mid(at, piece);
            at += part.size();
            stream += maskedFrame(i == 0 ? 0x1 : 0x0, part, last);
            if (!last && (mode & 0x80))
                stream += maskedFrame(0x9, "ping", true); // control frames may interleave
        }
    } else {
        stream = rest;
    }

    const Reading whole = read(stream, std::max<qsizetype>(1, stream.size()));
    const Reading pieces = read(stream, 1 + (mode >> 3) % 7);
    if (whole.items.size() != pieces.items.size())
        std::abort();
    for (std::size_t i = 0; i < whole.items.size(); ++i)
        if (!sameItem(whole.items[i], pieces.items[i]))
            std::abort();

    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = utf8.decode(rest);
    const bool validText = !utf8.hasError() && rest.size() <= MaxMessage;
    if (wrapped && validText) {
        // A valid message comes back as itself (after any pings).
        bool found = false;
        for (const auto &item : whole.items) {
            if (item.kind == WebSocketReader::Item::Kind::Text) {
                found = item.payload == rest;
                break;
            }
            if (item.kind == WebSocketReader::Item::Kind::Failure)
                break;
        }
        if (!found)
            std::abort();
    }
    for (const auto &item : whole.items) {
        if (item.kind == WebSocketReader::Item::Kind::Text) {
            QJsonValue id;
            (void)Envelope::requestFromJson(item.payload, &id);
        }
    }
    return 0;
}
