// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportrepository.h"

namespace Stockroom {

Result<QList<DailyDemand>> ReportRepository::dailyDemand(const QDate &from)
{
    // placed_at is ISO 8601 UTC text: its first ten characters are the day on both engines.
    Result<Rows> rows = m_db.select(
        QStringLiteral(
            "SELECT substr(o.placed_at, 1, 10) AS day, count(DISTINCT o.id), coalesce(sum(ol.qty), 0) "
            "FROM orders o JOIN order_lines ol ON ol.order_id = o.id "
            "WHERE o.placed_at >= ? GROUP BY substr(o.placed_at, 1, 10) ORDER BY day"),
        {from.toString(Qt::ISODate)});
    if (!rows) {
        return rows.error();
    }
    QList<DailyDemand> days;
    for (const Row &row : std::as_const(*rows)) {
        days << DailyDemand {QDate::fromString(row.value(0).toString(), Qt::ISODate), row.value(1).toInt(),
                             row.value(2).toInt()};
    }
    return days;
}

Result<QHash<QString, qint64>> ReportRepository::ordersByStatus()
{
    Result<Rows> rows = m_db.select(QStringLiteral("SELECT status, count(*) FROM orders GROUP BY status"));
    if (!rows) {
        return rows.error();
    }
    QHash<QString, qint64> counts;
    for (const Row &row : std::as_const(*rows)) {
        counts.insert(row.value(0).toString(), row.value(1).toLongLong());
    }
    return counts;
}

Result<StockSummary> ReportRepository::stockSummary()
{
    Result<Rows> rows = m_db.select(
        QStringLiteral("SELECT coalesce(sum(s.on_hand), 0), coalesce(sum(s.reserved), 0), "
                       "coalesce(sum(s.on_hand * p.unit_cost_cents), 0), "
                       "coalesce(sum(CASE WHEN s.on_hand - s.reserved <= 0 THEN 1 ELSE 0 END), 0) "
                       "FROM stock_levels s JOIN products p ON p.id = s.product_id"));
    if (!rows) {
        return rows.error();
    }
    const Row &row = rows->first();
    return StockSummary {row.value(0).toLongLong(), row.value(1).toLongLong(), row.value(2).toLongLong(),
                         row.value(3).toInt()};
}

} // namespace Stockroom
