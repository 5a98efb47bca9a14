// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fulfilmentservice.h"
#include "result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QPageSize>
#include <QStringList>

namespace Stockroom {

/** One product to take from one bin, for one or more orders. */
struct PickListLine
{
    QString bin; ///< empty when the product has no bin at this location yet
    QString sku; ///< also printed as a Code 128 barcode so that a scanner can confirm the pick
    QString productName;
    QString gtin;
    int qty = 0;
    QStringList orderNumbers;
};

/** Everything printed on a pick list for one location. */
struct PickListData
{
    QString locationCode;
    QString locationName;
    QDateTime generatedAt;
    QString generatedBy;
    QList<PickListLine> lines; ///< in any order; writePdf() arranges them
};

/**
 * A pick list as PDF: the lines in walking order, grouped under a heading per bin, a tick box per line and
 * each SKU as a small Code 128 barcode. Long lists run on to further pages that repeat the column header.
 */
class PickList
{
    Q_DECLARE_TR_FUNCTIONS(PickList)

public:
    /**
     * Sorts lines by bin (natural order: A2 before A10, empty bin last) then SKU; merges duplicates of the
     * same (bin, sku). Bin and SKU are trimmed; a merged line adds the quantities, keeps the first product
     * name and GTIN given and lists each order once, in natural order.
     */
    static QList<PickListLine> arranged(QList<PickListLine> lines);

    /** What the service found to pick at a location, as the document's data (one line per order's unit). */
    static PickListData fromRows(const PickListRows &rows, const QDateTime &generatedAt,
                                 const QString &generatedBy);

    /**
     * Writes the arranged lines; an empty list gives a page that says so. Refuses a line whose (merged)
     * quantity is not positive. A SKU that Code 128 cannot carry is printed without a barcode.
     */
    static Status writePdf(const PickListData &data, const QString &fileName,
                           QPageSize::PageSizeId paper = QPageSize::A4);
};

} // namespace Stockroom
