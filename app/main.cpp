// SPDX-License-Identifier: MIT
// hallway: the desktop app for conference attendees.
#include "appearance.h"
#include "hallwayapp.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDebug>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Hallway"));
    QApplication::setApplicationName(QStringLiteral("Hallway"));
    QApplication::setApplicationVersion(QStringLiteral(HALLWAY_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.hallway.Hallway"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/hallway.svg")));

    // The language is picked before anything is shown, --help included, so it is read from
    // the raw arguments first; the parser below validates it with the rest.
    QString language;
    const QStringList arguments = QApplication::arguments();
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == QLatin1StringView("--lang") && i + 1 < arguments.size())
            language = arguments.at(i + 1);
        else if (arguments.at(i).startsWith(QLatin1StringView("--lang=")))
            language = arguments.at(i).mid(7);
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(&qtTranslator);
    QTranslator appTranslator;
    // No catalogue for the language: English, whose catalogue gives the plural forms.
    if (appTranslator.load(locale, QStringLiteral("hallway"), QStringLiteral("_"),
                           QStringLiteral(":/i18n"))
        || appTranslator.load(QStringLiteral("hallway_en"), QStringLiteral(":/i18n")))
        app.installTranslator(&appTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QApplication::translate("main", "Hallway: meet the people at your conference."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption languageOption(
            QStringLiteral("lang"),
            QApplication::translate("main",
                                    "Use this language (e.g. de or en) instead of the system's."),
            QStringLiteral("code"));
    parser.addOption(languageOption);
    parser.addPositionalArgument(
            QStringLiteral("link"),
            QApplication::translate("main",
                                    "An invite link (hallway://host:port or hallways://host:port): "
                                    "asks to join the server it names."),
            QStringLiteral("[link]"));
    parser.process(app);
    const QStringList links = parser.positionalArguments();
    if (links.size() > 1) {
        qCritical().noquote() << QApplication::translate("main", "Give at most one invite link.");
        return 2;
    }

    // Already running: that app takes the link (or comes to the front), as a browser would.
    if (Hallway::SingleInstance::handOver(links.value(0)))
        return 0;

    Hallway::Appearance::apply();
    Hallway::HallwayApp hallway;
    hallway.start(links.value(0));
    return app.exec();
}
