// SPDX-License-Identifier: GPL-3.0-or-later
#include "fileproblem.h"

#include <QFileInfo>

namespace Stockroom {

QString FileProblem::toString() const
{
    const QString name = QFileInfo(file).fileName();
    QString text = line > 0 ? QStringLiteral("%1:%2: ").arg(name).arg(line) : name + QStringLiteral(": ");
    if (!column.isEmpty()) {
        text += column + QStringLiteral(": ");
    }
    return text + message;
}

} // namespace Stockroom
