// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <QDate>
#include <QHash>

#include <optional>

namespace Stockroom {

/** Units ordered on one day (UTC) of one product, at one location or over all of them. */
struct DayQuantity
{
    QDate day;
    qint64 locationId = 0; ///< 0 when summed over every location
    int units = 0;
};

/** A change of what can be sold (on hand − reserved) at a moment, from one ledger row. */
struct AvailabilityChange
{
    qint64 id = 0; ///< the ledger row: with `at`, the key of the next page
    QString at; ///< stored time
    qint64 locationId = 0;
    int delta = 0;
};

/** Where a product is stocked: a level row, with what the routing needs to prefer one location. */
struct PlanningLevel
{
    qint64 locationId = 0;
    QString locationCode;
    int priority = 100;
    bool active = true;
    int onHand = 0;
    int reserved = 0;
};

/** The outstanding units of one purchase-order line that has been sent to the supplier. */
struct OpenPurchaseLine
{
    qint64 purchaseOrderId = 0;
    qint64 locationId = 0;
    QString expectedAt; ///< yyyy-MM-dd, or empty when the supplier gave no date
    QString orderedAt; ///< stored time
    int supplierLeadTimeDays = 7;
    int outstanding = 0;
};

/** Units of one transfer line that left the source and neither arrived nor were written off. */
struct TransitLine
{
    qint64 transferId = 0;
    qint64 fromLocationId = 0;
    qint64 toLocationId = 0;
    QString shippedAt; ///< stored time
    int inTransit = 0;
};

/** A supplier as replenishment sees it: who to order from and how long it takes. */
struct PlanningSupplier
{
    qint64 id = 0;
    QString name;
    int leadTimeDays = 7;
};

/**
 * What planning reads (demand history, the ledger's availability over time, supply on its way): SQL only,
 * aggregated in SQL where the database can, read-only.
 */
class PlanningRepository
{
public:
    explicit PlanningRepository(Database &db)
        : m_db(db)
    {
    }

    /**
     * Units ordered per UTC day of placement in [from, to) (stored times). Demand is what customers kept
     * ordering: qty − qty_cancelled of every line of a non-draft order, so a cancelled order (whose lines
     * are cancelled in full) is no demand. Per location (locationId > 0, or perLocation with 0 for all of
     * them), it is the units routed there: the open and shipped allocations of those lines (released ones
     * were given back by a cancellation). Days without demand are absent.
     */
    Result<QList<DayQuantity>> dailyDemand(qint64 productId, qint64 locationId, bool perLocation,
                                           const QString &from, const QString &to);

    /** Available (on hand − reserved) per location just before `time`, summed over the ledger. */
    Result<QHash<qint64, int>> availableBefore(qint64 productId, qint64 locationId, const QString &time);

    /**
     * The ledger rows of the product (at one location, or all when 0) that change what is available, in
     * [from, to), oldest first, keyset-paged after (afterAt, afterId) (empty afterAt: from the start).
     */
    Result<QList<AvailabilityChange>> availabilityChanges(qint64 productId, qint64 locationId,
                                                          const QString &from, const QString &to,
                                                          const QString &afterAt, qint64 afterId, int limit);

    /**
     * When the product's history starts: its first ledger row at the location (or anywhere), or, over all
     * locations, an earlier order (a backorder placed before any stock came). Empty when it has none.
     */
    Result<QString> firstActivity(qint64 productId, qint64 locationId);

    /** The product's levels at every location that has one (inactive locations included, flagged). */
    Result<QList<PlanningLevel>> levels(qint64 productId);
    /** Active locations by priority (code order on ties): where stock can be planned at all. */
    Result<QList<PlanningLevel>> activeLocations();

    /** Outstanding units of ordered (and partly received) purchase orders, earliest expected first. */
    Result<QList<OpenPurchaseLine>> openPurchaseLines(qint64 productId);
    /** Units of the product in transit between locations. */
    Result<QList<TransitLine>> transitLines(qint64 productId);
    /**
     * How long the last received transfers from one location to another took: (shipped_at, received_at)
     * stored times, newest first.
     */
    Result<QList<QPair<QString, QString>>> transferTimes(qint64 fromLocationId, qint64 toLocationId,
                                                         int limit);

    /**
     * The supplier of each product's latest purchase order that was not cancelled (the schema has no
     * preferred supplier: the last one ordered from is the one people would order from again).
     */
    Result<QHash<qint64, PlanningSupplier>> lastSuppliers();
    Result<QList<PlanningSupplier>> suppliers();

    /** The product's SKU; empty when there is no such product. */
    Result<QString> productSku(qint64 productId);

    /**
     * Supply already drafted but not yet ordered or shipped, per (product, location): units of draft purchase
     * orders and of draft or requested transfers coming in, and of draft or requested transfers going out.
     * Replenishment counts them so that a suggestion turned into a draft is not suggested again.
     */
    struct DraftedSupply
    {
        int incoming = 0;
        int outgoing = 0;
    };
    Result<QHash<QPair<qint64, qint64>, DraftedSupply>> draftedSupply();

private:
    Database &m_db;
};

} // namespace Stockroom
