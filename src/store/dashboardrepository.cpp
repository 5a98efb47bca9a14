// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboardrepository.h"

namespace Stockroom {

Result<QList<DaySales>> DashboardRepository::dailySales(const QString &from, const QString &to)
{
    // placed_at is ISO 8601 UTC text: its first ten characters are the day on both engines.
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT substr(o.placed_at, 1, 10) AS day, "
                                   "sum(ol.qty - ol.qty_cancelled), "
                                   "sum((ol.qty - ol.qty_cancelled) * ol.unit_price_cents) "
                                   "FROM orders o JOIN order_lines ol ON ol.order_id = o.id "
                                   "WHERE o.placed_at >= ? AND o.placed_at < ? AND o.status <> 'draft' "
                                   "AND ol.qty > ol.qty_cancelled "
                                   "GROUP BY substr(o.placed_at, 1, 10) ORDER BY day"),
                    {from, to}));
    QList<DaySales> days;
    days.reserve(rows.size());
    for (const Row &row : std::as_const(rows)) {
        days << DaySales {QDate::fromString(row.value(0).toString(), Qt::ISODate), row.value(1).toLongLong(),
                          row.value(2).toLongLong()};
    }
    return days;
}

Result<QList<ProductSales>>
DashboardRepository::productSales(const QString &from, const QString &previousFrom, const QString &recentFrom)
{
    STOCKROOM_TRY(
        rows,
        m_db.select(
            QStringLiteral("SELECT p.id, p.sku, p.name, "
                           "sum(CASE WHEN o.placed_at >= ? THEN ol.qty - ol.qty_cancelled ELSE 0 END), "
                           "sum(CASE WHEN o.placed_at >= ? AND o.placed_at < ? THEN ol.qty - "
                           "ol.qty_cancelled ELSE 0 END), "
                           "max(o.placed_at) "
                           "FROM orders o JOIN order_lines ol ON ol.order_id = o.id JOIN products p ON p.id "
                           "= ol.product_id "
                           "WHERE o.placed_at >= ? AND o.status <> 'draft' AND ol.qty > ol.qty_cancelled "
                           "GROUP BY p.id, p.sku, p.name"),
            {recentFrom, previousFrom, recentFrom, from}));
    QList<ProductSales> sales;
    sales.reserve(rows.size());
    for (const Row &row : std::as_const(rows)) {
        sales << ProductSales {row.value(0).toLongLong(), row.value(1).toString(),   row.value(2).toString(),
                               row.value(3).toLongLong(), row.value(4).toLongLong(), row.value(5).toString()};
    }
    return sales;
}

Result<QHash<qint64, QString>> DashboardRepository::lastOrdered(const QList<qint64> &productIds)
{
    QHash<qint64, QString> last;
    // One product at a time on order_lines_product: the list is the few slow movers a dashboard shows.
    for (qint64 productId : productIds) {
        STOCKROOM_TRY(newest,
                      m_db.scalar(QStringLiteral("SELECT max(o.placed_at) FROM order_lines ol "
                                                 "JOIN orders o ON o.id = ol.order_id "
                                                 "WHERE ol.product_id = ? AND o.status <> 'draft' "
                                                 "AND ol.qty > ol.qty_cancelled"),
                                  {productId}));
        if (!newest.isNull() && !newest.toString().isEmpty()) {
            last.insert(productId, newest.toString());
        }
    }
    return last;
}

Result<QList<StockedProduct>> DashboardRepository::stockedProducts()
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT p.id, p.sku, p.name, sum(s.on_hand), "
                                             "sum(s.on_hand * p.avg_cost_cents) "
                                             "FROM stock_levels s JOIN products p ON p.id = s.product_id "
                                             "WHERE s.on_hand > 0 GROUP BY p.id, p.sku, p.name "
                                             "ORDER BY p.sku")));
    QList<StockedProduct> products;
    products.reserve(rows.size());
    for (const Row &row : std::as_const(rows)) {
        products << StockedProduct {row.value(0).toLongLong(), row.value(1).toString(),
                                    row.value(2).toString(), row.value(3).toLongLong(),
                                    row.value(4).toLongLong()};
    }
    return products;
}

Result<QHash<QPair<qint64, qint64>, LevelDemand>> DashboardRepository::levelDemand(const QString &longFrom,
                                                                                   const QString &recentFrom)
{
    // From the window's orders outwards (CROSS JOIN holds SQLite's planner to that order; PostgreSQL plans it as
    // a plain join): otherwise SQLite walks every open and shipped allocation ever made, which grows with history.
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT ol.product_id, a.location_id, "
                                   "sum(CASE WHEN o.placed_at >= ? THEN a.qty ELSE 0 END), "
                                   "sum(a.qty) "
                                   "FROM orders o CROSS JOIN order_lines ol CROSS JOIN allocations a "
                                   "WHERE ol.order_id = o.id AND a.order_line_id = ol.id "
                                   "AND o.placed_at >= ? AND o.status <> 'draft' "
                                   "AND a.status IN ('open', 'shipped') "
                                   "GROUP BY ol.product_id, a.location_id"),
                    {recentFrom, longFrom}));
    QHash<QPair<qint64, qint64>, LevelDemand> demand;
    for (const Row &row : std::as_const(rows)) {
        demand.insert({row.value(0).toLongLong(), row.value(1).toLongLong()},
                      LevelDemand {row.value(2).toLongLong(), row.value(3).toLongLong()});
    }
    return demand;
}

} // namespace Stockroom
