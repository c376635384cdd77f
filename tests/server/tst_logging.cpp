// SPDX-License-Identifier: MIT
// quotedForLog(): what a client chose, made safe for one log line.
#include "logging.h"

#include <QTest>

using namespace Hallway;

class tst_Logging : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void quotedForLog_data();
    void quotedForLog();
};

void tst_Logging::quotedForLog_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("maxChars");
    QTest::addColumn<QString>("logged");
    const QString a64(64, QLatin1Char('a'));
    QTest::newRow("plain") << QStringLiteral("alice") << 64 << QStringLiteral("\"alice\"");
    QTest::newRow("empty") << QString() << 64 << QStringLiteral("\"\"");
    QTest::newRow("quote and backslash")
            << QStringLiteral("a\"b\\c") << 64 << QStringLiteral("\"a\\\"b\\\\c\"");
    QTest::newRow("forged line") << QStringLiteral("x\n[forged] line") << 64
                                 << QStringLiteral("\"x\\u000a[forged] line\"");
    QTest::newRow("C0 controls") << QStringLiteral("\r\t\x1b[31m") + QChar(0) << 64
                                 << QStringLiteral("\"\\u000d\\u0009\\u001b[31m\\u0000\"");
    QTest::newRow("DEL and C1") << QString(QChar(0x7f)) + QChar(0x85) + QChar(0x9f) << 64
                                << QStringLiteral("\"\\u007f\\u0085\\u009f\"");
    QTest::newRow("line and paragraph separators")
            << QString(QChar(0x2028)) + QChar(0x2029) << 64 << QStringLiteral("\"\\u2028\\u2029\"");
    QTest::newRow("bidi controls")
            << QStringLiteral("a\u202Egnp.exe\u2066\u2069\u200E\u200F\u061C") << 64
            << QStringLiteral("\"a\\u202egnp.exe\\u2066\\u2069\\u200e\\u200f\\u061c\"");
    QTest::newRow("letters of any script")
            << QStringLiteral("Zoë Ωmega 日本 🎉") << 64 << QStringLiteral("\"Zoë Ωmega 日本 🎉\"");
    QTest::newRow("unpaired surrogate")
            << QString(QChar(0xd800)) + QLatin1Char('x') << 64 << QStringLiteral("\"\\ud800x\"");
    QTest::newRow("just short enough") << a64 << 64 << QLatin1Char('"') + a64 + QLatin1Char('"');
    QTest::newRow("too long") << a64 + QStringLiteral("bcd") << 64
                              << QLatin1Char('"') + a64 + QStringLiteral("\"…");
    QTest::newRow("a password in the username field")
            << QStringLiteral("correct horse battery staple") << 10
            << QStringLiteral("\"correct ho\"…");
    QTest::newRow("escapes count as one character")
            << QStringLiteral("\n\n\n\n") << 3 << QStringLiteral("\"\\u000a\\u000a\\u000a\"…");
    QTest::newRow("a pair is never cut")
            << QStringLiteral("ab🎉cd") << 3 << QStringLiteral("\"ab🎉\"…");
}

void tst_Logging::quotedForLog()
{
    QFETCH(QString, value);
    QFETCH(int, maxChars);
    QFETCH(QString, logged);
    QCOMPARE(Hallway::quotedForLog(value, maxChars), logged);
}

QTEST_GUILESS_MAIN(tst_Logging)
#include "tst_logging.moc"
