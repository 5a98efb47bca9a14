// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QDate>
#include <QLocale>
#include <QPageSize>
#include <QStringList>

namespace Stockroom {

struct PackingSlipLine
{
    QString sku;
    QString name;
    int ordered = 0;
    int shipped = 0;
};

/** What goes in the parcel with the goods. */
struct PackingSlipData
{
    QString orderNumber;
    QString externalId; ///< the shop's own order number, which the customer knows
    QDate date;
    QString fromName;
    QStringList fromAddress;
    QString toName;
    QStringList toAddress;
    QList<PackingSlipLine> lines;
};

/** A packing slip as PDF, on the paper of the user's locale (Letter in North America, A4 elsewhere). */
class PackingSlip
{
    Q_DECLARE_TR_FUNCTIONS(PackingSlip)

public:
    static QPageSize::PageSizeId paperFor(const QLocale &locale);
    static Status writePdf(const PackingSlipData &slip, const QString &fileName, const QLocale &locale = {});
};

} // namespace Stockroom
