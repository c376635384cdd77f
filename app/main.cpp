// SPDX-License-Identifier: MIT
// hallway: the desktop app for conference attendees.
#include "hallwayapp.h"

#include <QApplication>
#include <QCommandLineParser>
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

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Hallway: meet the people at your conference."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption languageOption(
            QStringLiteral("lang"),
            QApplication::translate("main", "Use this language (e.g. de or en) instead of the system's."),
            QStringLiteral("code"));
    parser.addOption(languageOption);
    parser.process(app);

    const QLocale locale = parser.isSet(languageOption) ? QLocale(parser.value(languageOption))
                                                        : QLocale::system();
    QLocale::setDefault(locale);
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(&qtTranslator);
    QTranslator appTranslator;
    if (appTranslator.load(locale, QStringLiteral("hallway"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(&appTranslator);

    Hallway::HallwayApp hallway;
    hallway.start();
    return app.exec();
}
