// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "orderservice.h"
#include "stockrepository.h"

#include <QByteArray>
#include <QJsonObject>

namespace Stockroom {

/** Stock levels and placed orders as files and machine-readable output (the shapes are a stable interface). */
class StockExport
{
public:
    /** `[{"sku","location","on_hand","reserved","available"}, …]` */
    static QByteArray levelsJson(const QList<StockLevelRow> &levels);
    /** RFC 4180 CSV with a header line, UTF-8. */
    static QByteArray levelsCsv(const QList<StockLevelRow> &levels);
    /** `{"order","status","explanation","lines":[{"sku","qty","allocations":[{"location","qty"}],"backordered"}]}` */
    static QJsonObject placedOrderJson(const PlacedOrder &order);
    /** Quotes a CSV field when it needs it. */
    static QString csvField(const QString &value);
};

} // namespace Stockroom
