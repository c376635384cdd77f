// SPDX-License-Identifier: MIT
// The app speaks German when asked, every catalogue has every string the code has, and
// English counts right ("1 minute", "2 minutes").
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

class tst_Translations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void catalogueIsComplete_data();
    void catalogueIsComplete();
    void langOptionSwitchesLanguage_data();
    void langOptionSwitchesLanguage();
    void englishPluralsReadNaturally_data();
    void englishPluralsReadNaturally();
};

void tst_Translations::catalogueIsComplete_data()
{
    QTest::addColumn<QString>("path");
    const QDir folder(qEnvironmentVariable("HALLWAY_TS_DIR"));
    const QStringList catalogues = folder.entryList({QStringLiteral("*.ts")}, QDir::Files);
    QVERIFY(!catalogues.isEmpty());
    for (const QString &file : catalogues)
        QTest::newRow(qPrintable(file)) << folder.filePath(file);
}

void tst_Translations::catalogueIsComplete()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int messages = 0;
    QStringList unfinished;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1StringView("source")) {
            source = xml.readElementText();
            ++messages;
        } else if (xml.name() == QLatin1StringView("translation")) {
            const auto type = xml.attributes().value(QStringLiteral("type"));
            if (type == QLatin1StringView("unfinished") || type == QLatin1StringView("vanished"))
                unfinished.append(source);
        }
    }
    QVERIFY(!xml.hasError());
    QVERIFY(messages > 50);
    QVERIFY2(unfinished.isEmpty(),
             qPrintable(QStringLiteral("untranslated: ") + unfinished.join(QStringLiteral(" | "))));
}

void tst_Translations::langOptionSwitchesLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("expected");
    QTest::newRow("de") << QStringLiteral("de")
                        << QStringLiteral("Triff die Menschen auf deiner Konferenz");
    QTest::newRow("en") << QStringLiteral("en")
                        << QStringLiteral("meet the people at your conference");
    // The invite link a click on one passes to the app (the desktop entry's %u).
    QTest::newRow("de link") << QStringLiteral("de") << QStringLiteral("Ein Einladungslink");
    QTest::newRow("en link") << QStringLiteral("en") << QStringLiteral("An invite link");
}

void tst_Translations::langOptionSwitchesLanguage()
{
    QFETCH(QString, language);
    QFETCH(QString, expected);
    QProcess app;
    app.setProcessChannelMode(QProcess::MergedChannels);
    app.start(qEnvironmentVariable("HALLWAY_APP"),
              {QStringLiteral("--lang"), language, QStringLiteral("--help")});
    QVERIFY(app.waitForFinished(20'000));
    const QString output = QString::fromUtf8(app.readAll());
    QVERIFY2(output.contains(expected), qPrintable(output));
}

void tst_Translations::englishPluralsReadNaturally_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one") << 1 << QStringLiteral("You can post again in 1 minute.");
    QTest::newRow("two") << 2 << QStringLiteral("You can post again in 2 minutes.");
}

void tst_Translations::englishPluralsReadNaturally()
{
    QFETCH(int, count);
    QFETCH(QString, expected);
    QTranslator english;
    QVERIFY(english.load(QStringLiteral("hallway_en"), qEnvironmentVariable("HALLWAY_QM_DIR")));
    QCoreApplication::installTranslator(&english);
    const QString text = QCoreApplication::translate(
            "Hallway::ErrorText", "A moderator has muted you. You can post again in %n minute(s).",
            nullptr, count);
    QCoreApplication::removeTranslator(&english);
    QVERIFY2(text.endsWith(expected), qPrintable(text));
}

QTEST_GUILESS_MAIN(tst_Translations)
#include "tst_translations.moc"
