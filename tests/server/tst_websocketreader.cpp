// SPDX-License-Identifier: MIT
// WebSocketReader reads what clients send after the handshake (RFC 6455, section 5): masked
// frames of any length encoding, however the bytes are split; fragmented messages put back
// together, with control frames between the fragments; and every broken or oversize frame
// refused with the close code the connection then fails with, without buffering it.
#include "net/websocketreader.h"

#include <QTest>
#include <QtEndian>

using namespace Hallway;

namespace {
using Kind = WebSocketReader::Item::Kind;
constexpr qint64 MaxMessageBytes = 4096;

// A client frame (5.2), masked unless told otherwise; built here, independently of the server.
QByteArray frame(quint8 opcode, const QByteArray &payload, bool final = true, bool mask = true)
{
    QByteArray out;
    out.append(char((final ? 0x80 : 0) | opcode));
    const char maskBit = mask ? char(0x80) : char(0);
    if (payload.size() < 126) {
        out.append(char(maskBit | char(payload.size())));
    } else if (payload.size() < 65536) {
        out.append(char(maskBit | 126));
        out.append(char(payload.size() >> 8)).append(char(payload.size() & 0xff));
    } else {
        out.append(char(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.append(char((quint64(payload.size()) >> shift) & 0xff));
    }
    if (!mask)
        return out + payload;
    const QByteArray key = QByteArray::fromHex("a1b2c3d4");
    out.append(key);
    for (qsizetype i = 0; i < payload.size(); ++i)
        out.append(char(payload.at(i) ^ key.at(i % 4)));
    return out;
}

QByteArray closePayload(int code, const QByteArray &reason = {})
{
    QByteArray payload(2, Qt::Uninitialized);
    qToBigEndian<quint16>(quint16(code), payload.data());
    return payload + reason;
}

// Everything the reader gives for these bytes, fed whole.
QList<WebSocketReader::Item> read(const QByteArray &bytes, qint64 max = MaxMessageBytes)
{
    WebSocketReader reader(max);
    reader.append(bytes);
    QList<WebSocketReader::Item> items;
    while (const auto item = reader.next())
        items.append(*item);
    return items;
}
} // namespace

class tst_WebSocketReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsEveryLengthEncoding_data();
    void readsEveryLengthEncoding();
    void readsFramesSplitAnywhere();
    void joinsFragmentsAroundControlFrames();
    void controlFrames();
    void refusesBrokenFrames_data();
    void refusesBrokenFrames();
    void refusesOversizeFromTheHeader();
    void refusesOversizeFragments();
    void readsNothingAfterAFailure();
    void serverControlFrames();
};

void tst_WebSocketReader::readsEveryLengthEncoding_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("0") << QByteArray();
    QTest::newRow("125") << QByteArray(125, 'a');
    QTest::newRow("126") << QByteArray(126, 'b');
    QTest::newRow("65535") << QByteArray(65535, 'c');
    QTest::newRow("65536") << QByteArray(65536, 'd');
    QTest::newRow("UTF-8") << QStringLiteral("Grüße, 東京 🎉").toUtf8();
}

void tst_WebSocketReader::readsEveryLengthEncoding()
{
    QFETCH(QByteArray, payload);
    const auto items = read(frame(0x1, payload), 1 << 20);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first().kind, Kind::Text);
    QVERIFY(items.first().payload == payload);
}

void tst_WebSocketReader::readsFramesSplitAnywhere()
{
    // TCP delivers bytes as it likes: one at a time here, through a 16-bit length.
    const QByteArray first = QByteArray(300, 'x');
    const QByteArray bytes =
            frame(0x1, first) + frame(0x2, QByteArray("\x00\x01\x02", 3)) + frame(0x9, "hi");
    WebSocketReader reader(MaxMessageBytes);
    QList<WebSocketReader::Item> items;
    for (const char byte : bytes) {
        reader.append(QByteArrayView(&byte, 1));
        while (const auto item = reader.next())
            items.append(*item);
    }
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.at(0).kind, Kind::Text);
    QVERIFY(items.at(0).payload == first);
    QCOMPARE(items.at(1).kind, Kind::Binary);
    QVERIFY(items.at(1).payload == QByteArray("\x00\x01\x02", 3));
    QCOMPARE(items.at(2).kind, Kind::Ping);
    QVERIFY(items.at(2).payload == "hi");
    QCOMPARE(reader.bufferedBytes(), 0);
}

void tst_WebSocketReader::joinsFragmentsAroundControlFrames()
{
    // "€" is split between two fragments: UTF-8 is checked on the whole message.
    const QByteArray euro = QString(QChar(0x20ac)).toUtf8();
    const QByteArray bytes = frame(0x1, "price: " + euro.left(1), false) + frame(0x9, "ping", true)
            + frame(0x0, euro.mid(1), false) + frame(0xA, "pong") + frame(0x0, " 5", true);
    const auto items = read(bytes);
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.at(0).kind, Kind::Ping);
    QVERIFY(items.at(0).payload == "ping");
    QCOMPARE(items.at(1).kind, Kind::Pong);
    QCOMPARE(items.at(2).kind, Kind::Text);
    QVERIFY(items.at(2).payload == "price: " + euro + " 5");
}

void tst_WebSocketReader::controlFrames()
{
    auto items = read(frame(0x8, closePayload(4001, "going home")));
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first().kind, Kind::Close);
    QCOMPARE(items.first().code, 4001);
    QCOMPARE(items.first().reason, QStringLiteral("going home"));

    // No code at all is 1005 (7.1.5).
    items = read(frame(0x8, {}));
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first().kind, Kind::Close);
    QCOMPARE(items.first().code, 1005);
}

void tst_WebSocketReader::refusesBrokenFrames_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    QTest::newRow("unmasked") << frame(0x1, "{}", true, false) << 1002;
    QByteArray reserved = frame(0x1, "{}");
    reserved[0] = char(reserved.at(0) | 0x40);
    QTest::newRow("reserved bit") << reserved << 1002;
    QTest::newRow("reserved data opcode") << frame(0x3, "{}") << 1002;
    QTest::newRow("reserved control opcode") << frame(0xB, "{}") << 1002;
    QTest::newRow("fragmented ping") << frame(0x9, "x", false) << 1002;
    QTest::newRow("control over 125 bytes") << frame(0x9, QByteArray(126, 'x')) << 1002;
    QTest::newRow("continuation first") << frame(0x0, "{}") << 1002;
    QTest::newRow("text inside a fragmented text")
            << frame(0x1, "{", false) + frame(0x1, "}") << 1002;
    QTest::newRow("text not UTF-8") << frame(0x1, "\xff\xfe{}") << 1007;
    QTest::newRow("fragments not UTF-8")
            << frame(0x1, "{\xe2", false) + frame(0x0, "\x82}") << 1007;
    QTest::newRow("close with one byte") << frame(0x8, "\x03") << 1002;
    QTest::newRow("close code 1005") << frame(0x8, closePayload(1005)) << 1002;
    QTest::newRow("close code 999") << frame(0x8, closePayload(999)) << 1002;
    QTest::newRow("close reason not UTF-8") << frame(0x8, closePayload(1000, "\xc3")) << 1007;
    QByteArray huge = QByteArray::fromHex("81ff8000000000000000");
    QTest::newRow("64-bit length, top bit set") << huge << 1002;
}

void tst_WebSocketReader::refusesBrokenFrames()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    const auto items = read(bytes);
    QVERIFY(!items.isEmpty());
    QCOMPARE(items.last().kind, Kind::Failure);
    QCOMPARE(items.last().code, code);
    QVERIFY(!items.last().reason.isEmpty());
}

void tst_WebSocketReader::refusesOversizeFromTheHeader()
{
    // Only the header of a frame one byte too long has arrived: refused already.
    WebSocketReader reader(MaxMessageBytes);
    reader.append(frame(0x1, QByteArray(MaxMessageBytes + 1, 'x')).left(8));
    auto item = reader.next();
    QVERIFY(item);
    QCOMPARE(item->kind, Kind::Failure);
    QCOMPARE(item->code, 1009);
    QCOMPARE(reader.bufferedBytes(), 0);

    // Exactly the limit is fine.
    const auto items = read(frame(0x1, QByteArray(MaxMessageBytes, 'x')));
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first().kind, Kind::Text);
}

void tst_WebSocketReader::refusesOversizeFragments()
{
    // Each fragment is small; together they pass the limit.
    const QByteArray half(MaxMessageBytes / 2, 'x');
    const auto items =
            read(frame(0x1, half, false) + frame(0x0, half, false)
                 + frame(0x9, "control frames do not count", true) + frame(0x0, "x", true));
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).kind, Kind::Ping);
    QCOMPARE(items.at(1).kind, Kind::Failure);
    QCOMPARE(items.at(1).code, 1009);
}

void tst_WebSocketReader::readsNothingAfterAFailure()
{
    WebSocketReader reader(MaxMessageBytes);
    reader.append(frame(0x1, "{}", true, false) + frame(0x1, "{}"));
    QCOMPARE(reader.next()->kind, Kind::Failure);
    QVERIFY(!reader.next());
    reader.append(frame(0x1, "{}"));
    QVERIFY(!reader.next());
    QCOMPARE(reader.bufferedBytes(), 0);
}

void tst_WebSocketReader::serverControlFrames()
{
    QCOMPARE(closeFrame(1000, QStringLiteral("bye")).toHex(), QByteArray("880503e8627965"));
    QCOMPARE(pongFrame("hi").toHex(), QByteArray("8a026869"));
    // A control frame carries at most 125 bytes: the pong is cut, the close reason shortened
    // by whole characters.
    QCOMPARE(pongFrame(QByteArray(200, 'p')).size(), 2 + 125);
    const QByteArray close = closeFrame(1001, QString(100, QChar(0x20ac)));
    QCOMPARE(close.size(), 2 + 2 + 123);
    QVERIFY(close.mid(4) == QString(41, QChar(0x20ac)).toUtf8());
    // A character outside the BMP is two UTF-16 units; it goes whole, or not at all (one
    // unit was chopped once, and the lone surrogate left went out as "?").
    const QString ascii(120, QLatin1Char('x'));
    const QByteArray partyClose = closeFrame(1001, ascii + QStringLiteral("🎉"));
    QVERIFY2(partyClose.mid(4) == ascii.toUtf8(), partyClose.mid(4 + 118).toHex().constData());
}

QTEST_GUILESS_MAIN(tst_WebSocketReader)
#include "tst_websocketreader.moc"
