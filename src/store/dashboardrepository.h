// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <QDate>
#include <QHash>

namespace Stockroom {

/** Units and revenue of the orders placed on one UTC day. */
struct DaySales
{
    QDate day;
    qint64 units = 0;
    qint64 revenueCents = 0;
};

/** What one product sold in the last windows of days (placement dates, cancelled units left out). */
struct ProductSales
{
    qint64 productId = 0;
    QString sku;
    QString name;
    qint64 recentUnits = 0; ///< in the recent window (e.g. the last 30 days)
    qint64 previousUnits = 0; ///< in the window of the same length before it
    QString lastSoldAt; ///< stored time of the newest order in the whole span read; empty when none
};

/** A product with units on hand, over every location, at its moving-average cost. */
struct StockedProduct
{
    qint64 productId = 0;
    QString sku;
    QString name;
    qint64 onHand = 0;
    qint64 valueCents = 0;
};

/** Units of one product routed to one location by the orders placed in two windows ending now. */
struct LevelDemand
{
    qint64 recentUnits = 0; ///< the short window (e.g. 28 days)
    qint64 longUnits = 0; ///< the long window (e.g. 90 days), which holds the short one
};

/**
 * The managers' dashboard figures that the older ReportRepository does not have: sales per day with revenue,
 * movers, stocked products and demand per level. SQL only, aggregated in SQL, read-only; demand is what
 * customers kept ordering (qty − qty_cancelled of orders that are not drafts), as planning counts it.
 */
class DashboardRepository
{
public:
    explicit DashboardRepository(Database &db)
        : m_db(db)
    {
    }

    /** Units and revenue per UTC day of placement in [from, to) (stored times); days without sales are absent. */
    Result<QList<DaySales>> dailySales(const QString &from, const QString &to);

    /**
     * Every product ordered since `from` (stored time), with its units since `recentFrom` and in
     * [previousFrom, recentFrom), and its newest order since `from`.
     */
    Result<QList<ProductSales>> productSales(const QString &from, const QString &previousFrom,
                                             const QString &recentFrom);

    /** The newest order (stored time) of each of these products, whenever it was; absent: never ordered. */
    Result<QHash<qint64, QString>> lastOrdered(const QList<qint64> &productIds);

    /** Products with units on hand (all locations together), with their value at moving-average cost. */
    Result<QList<StockedProduct>> stockedProducts();

    /**
     * Units routed to each location (open and shipped allocations) by the orders placed since `longFrom`, and
     * of those since `recentFrom`, per (product id, location id).
     */
    Result<QHash<QPair<qint64, qint64>, LevelDemand>> levelDemand(const QString &longFrom,
                                                                  const QString &recentFrom);

private:
    Database &m_db;
};

} // namespace Stockroom
