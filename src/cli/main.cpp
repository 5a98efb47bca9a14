// SPDX-License-Identifier: GPL-3.0-or-later
// stockroomctl: the command line of Stockroom; the composition root is Cli::run.
#include "commands.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
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
