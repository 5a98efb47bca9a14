// SPDX-License-Identifier: GPL-3.0-or-later
// stockroomctl: the command line of Stockroom; the composition root is Cli::run.
#include "commands.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QLocale>
#include <QTranslator>

#include <memory>

int main(int argc, char *argv[])
{
    // Documents (labels) draw text, which needs Qt's font database: a GUI application without a display.
    bool drawsDocuments = false;
    for (int i = 1; i < argc; ++i) {
        drawsDocuments = drawsDocuments || qstrcmp(argv[i], "label") == 0
            || qstrcmp(argv[i], "packing-slip") == 0 || qstrcmp(argv[i], "pick-list") == 0;
    }
    if (drawsDocuments && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    std::unique_ptr<QCoreApplication> application(drawsDocuments ? new QGuiApplication(argc, argv)
                                                                 : new QCoreApplication(argc, argv));
    QCoreApplication::setOrganizationName(QStringLiteral("Stockroom"));
    QCoreApplication::setApplicationName(QStringLiteral("stockroom"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STOCKROOM_VERSION));
    // Messages in the user's language; English otherwise (its file carries the plural forms).
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("stockroom"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || translator.load(QStringLiteral(":/i18n/stockroom_en.qm"))) {
        QCoreApplication::installTranslator(&translator);
    }
    return Stockroom::Cli::run(QCoreApplication::arguments().mid(1));
}
