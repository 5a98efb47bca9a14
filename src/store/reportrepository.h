// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <QDate>

namespace Stockroom {

struct DailyDemand
{
    QDate day;
    int orders = 0;
    int units = 0;
};

struct StockSummary
{
    qint64 onHand = 0;
    qint64 reserved = 0;
    qint64 valueCents = 0; ///< on hand at unit cost
    int productsOut = 0; ///< product × location levels with nothing available
};

/** Read-only figures for the dashboard: SQL only, one query each. */
class ReportRepository
{
public:
    explicit ReportRepository(Database &db)
        : m_db(db)
    {
    }

    /** Orders and units placed per day from `from` on (days without orders are absent). */
    Result<QList<DailyDemand>> dailyDemand(const QDate &from);
    /** Number of orders per status. */
    Result<QHash<QString, qint64>> ordersByStatus();
    Result<StockSummary> stockSummary();

private:
    Database &m_db;
};

} // namespace Stockroom
