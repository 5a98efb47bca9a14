// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "database.h"
#include "result.h"

#include <QDate>

#include <functional>

namespace Stockroom {

struct DemoOptions
{
    quint64 seed = 42;
    int products = 40;
    int locations = 3;
    int days = 730;
    QDate endDate; ///< the last simulated day; yesterday when invalid
};

struct DemoSummary
{
    int products = 0;
    int locations = 0;
    int orders = 0;
    int orderLines = 0;
    int backorderedOrders = 0;
    int cancelledOrders = 0;
    int shippedOrders = 0;
    int receipts = 0;
    int purchaseOrders = 0;
    int transfers = 0;
    int counts = 0;
};

/**
 * Deterministic, plausible history for an empty database, written through the real services with a simulated
 * clock: a catalogue with names, SKUs and valid GTIN-13s; locations; daily demand with weekly and yearly
 * seasonality, trends, promotions and intermittent slow movers; replenishment receipts with supplier delays
 * that cause real stockouts and backorders; shipping the next working day.
 */
class DemoData
{
    Q_DECLARE_TR_FUNCTIONS(DemoData)

public:
    using Progress = std::function<void(int day, int days)>;

    static Result<DemoSummary> generate(Database &db, const DemoOptions &options,
                                        const Progress &progress = {});

    /**
     * Adds count archived orders (delivered, some cancelled) placed before the oldest order there is, in
     * big transactions through the repositories: how a shop with years of history looks (a million orders
     * for the Orders view's benchmark). Each shipped line has its receipt and shipment in the ledger, so
     * stock levels do not change and every invariant holds. Needs the catalogue of generate().
     */
    static Result<int> archive(Database &db, int count, quint64 seed = 7, const Progress &progress = {});

    /** GTIN-13 check digit over the first 12 digits. */
    static int gtinCheckDigit(const QString &first12);
};

} // namespace Stockroom
