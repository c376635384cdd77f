// SPDX-License-Identifier: MIT
// textFrame() builds the frame a topic writes, once, to every subscriber's socket: it must be
// exactly an RFC 6455 (5.2) final, unmasked text frame, with the shortest length encoding that
// fits, so that any client reads the same text back.
#include "loopbackserver.h"
#include "net/websocketframe.h"
#include "net/websocketreader.h"

#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
// The same frame as a client would send it: mask bit set, key after the length (5.3).
QByteArray masked(const QByteArray &frame, const QByteArray &key)
{
    const quint8 shortLength = quint8(frame.at(1)) & 0x7f;
    const qsizetype headerSize = shortLength == 127 ? 10 : shortLength == 126 ? 4 : 2;
    QByteArray out = frame.left(headerSize);
    out[1] = char(out.at(1) | 0x80);
    out.append(key);
    for (qsizetype i = headerSize; i < frame.size(); ++i)
        out.append(char(frame.at(i) ^ key.at((i - headerSize) % 4)));
    return out;
}

QByteArray ascii(qsizetype size)
{
    QByteArray text(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        text[i] = char('a' + i % 26);
    return text;
}
} // namespace

class tst_WebSocketFrame : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void header_data();
    void header();
    void clientReadsTheText_data() { header_data(); }
    void clientReadsTheText();
    void readerReadsTheMaskedFrame_data() { header_data(); }
    void readerReadsTheMaskedFrame();
    void readerRefusesItUnmasked();

private:
    LoopbackServer m_server;
};

void tst_WebSocketFrame::header_data()
{
    QTest::addColumn<QByteArray>("utf8");
    QTest::addColumn<QByteArray>("header");
    const QByteArray euro = QString(QChar(0x20ac)).toUtf8(); // 3 bytes
    QTest::newRow("empty") << QByteArray() << QByteArray::fromHex("8100");
    QTest::newRow("1 byte") << QByteArray("x") << QByteArray::fromHex("8101");
    QTest::newRow("125 bytes, 7-bit length") << ascii(125) << QByteArray::fromHex("817d");
    QTest::newRow("126 bytes, 16-bit length") << ascii(126) << QByteArray::fromHex("817e007e");
    QTest::newRow("126 bytes of 3-byte characters")
            << euro.repeated(42) << QByteArray::fromHex("817e007e");
    QTest::newRow("65535 bytes, 16-bit length")
            << euro.repeated(21845) << QByteArray::fromHex("817effff");
    QTest::newRow("65536 bytes, 64-bit length")
            << ascii(65536) << QByteArray::fromHex("817f0000000000010000");
    QTest::newRow("70000 bytes, 64-bit length")
            << ascii(70000) << QByteArray::fromHex("817f0000000000011170");
    const QByteArray mixed = QStringLiteral("Grüße aus Zürich, 東京 and 🎉").toUtf8();
    QTest::newRow("mixed UTF-8") << mixed << (QByteArray::fromHex("81") + char(mixed.size()));
}

void tst_WebSocketFrame::header()
{
    QFETCH(QByteArray, utf8);
    QFETCH(QByteArray, header);
    const QByteArray frame = textFrame(utf8);
    // FIN set, no reserved bits, opcode 1 (text), no mask, then the length in network order.
    QCOMPARE(frame.left(header.size()).toHex(), header.toHex());
    QCOMPARE(frame.size(), header.size() + utf8.size());
    QVERIFY(frame.mid(header.size()) == utf8);
}

void tst_WebSocketFrame::clientReadsTheText()
{
    QFETCH(QByteArray, utf8);
    const auto client = m_server.connectClient();
    QVERIFY(client);
    client->connection()->sendEncodedFrame(textFrame(utf8));
    QTRY_COMPARE(client->messages().size(), 1);
    QVERIFY(client->messages().first() == utf8);
    // Qt's client closes on a frame it finds broken (1002); this one it kept.
    QVERIFY(client->sync());
    QCOMPARE(client->socket().state(), QAbstractSocket::ConnectedState);
}

void tst_WebSocketFrame::readerReadsTheMaskedFrame()
{
    // The server's own reader and textFrame() agree on every length encoding.
    QFETCH(QByteArray, utf8);
    WebSocketReader reader(1 << 20);
    reader.append(masked(textFrame(utf8), QByteArray::fromHex("37fa213d")));
    const auto item = reader.next();
    QVERIFY(item);
    QCOMPARE(item->kind, WebSocketReader::Item::Kind::Text);
    QVERIFY(item->payload == utf8);
    QVERIFY(!reader.next());
    QCOMPARE(reader.bufferedBytes(), 0);
}

void tst_WebSocketFrame::readerRefusesItUnmasked()
{
    // A client must mask its frames (5.1); a server frame sent back is a protocol error.
    WebSocketReader reader(1 << 20);
    reader.append(textFrame("{}"));
    const auto item = reader.next();
    QVERIFY(item);
    QCOMPARE(item->kind, WebSocketReader::Item::Kind::Failure);
    QCOMPARE(item->code, 1002);
}

QTEST_GUILESS_MAIN(tst_WebSocketFrame)
#include "tst_websocketframe.moc"
