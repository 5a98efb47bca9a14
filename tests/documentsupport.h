// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shippinglabel.h"

#include <QProcess>

namespace Stockroom::Test {

/** Runs a command-line tool (pdfinfo, pdftotext, pdftoppm, zbarimg) and returns what it printed. */
inline QString runTool(const QString &program, const QStringList &arguments, int *exitCode = nullptr)
{
    QProcess process;
    process.start(program, arguments);
    process.waitForFinished(60'000);
    if (exitCode) {
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

/** The number of pages pdfinfo reports, -1 when it cannot read the file. */
inline int pdfPages(const QString &file)
{
    for (const QString &line : runTool(QStringLiteral("pdfinfo"), {file}).split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("Pages:"))) {
            return line.mid(6).trimmed().toInt();
        }
    }
    return -1;
}

/** A label with everything filled in: a long accented name, three address lines, a weight. */
inline LabelData sampleLabel(const QString &trackingNumber)
{
    LabelData label;
    label.fromName = QStringLiteral("Leeds Warehouse");
    label.fromAddress = {QStringLiteral("Unit 4, Aire Valley Park"), QStringLiteral("Leeds LS9 0PS")};
    label.toName = QStringLiteral("Zoë Müller-Łukasiewicz");
    label.toAddress = {QStringLiteral("12 Quay Street"), QStringLiteral("Bristol BS1 4DJ"),
                       QStringLiteral("United Kingdom")};
    label.carrier = QStringLiteral("DPD");
    label.service = QStringLiteral("Next Day");
    label.weightGrams = 1250;
    label.orderNumber = QStringLiteral("SO-001042");
    label.date = QDate(2026, 11, 26);
    label.trackingNumber = trackingNumber;
    return label;
}

} // namespace Stockroom::Test
