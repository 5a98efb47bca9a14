// SPDX-License-Identifier: GPL-3.0-or-later
// stockroomctl: the command line of Stockroom; the composition root is Cli::run.
#include "commands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Stockroom"));
    QCoreApplication::setApplicationName(QStringLiteral("stockroom"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STOCKROOM_VERSION));
    return Stockroom::Cli::run(QCoreApplication::arguments().mid(1));
}
