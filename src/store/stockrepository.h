// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bulkinsert.h"
#include "catalogrepository.h"
#include "database.h"
#include "routing.h"

#include <memory>
#include <optional>

namespace Stockroom {

/** One row of the ledger; reason and reference as in DESIGN.md. */
struct Movement
{
    qint64 productId = 0;
    qint64 locationId = 0;
    int deltaOnHand = 0;
    int deltaReserved = 0;
    QString reason;
    QString refType;
    qint64 refId = 0;
    QString note;
    QString userName;
    QString createdAt;
};

struct StockLevelRow
{
    qint64 productId = 0;
    qint64 locationId = 0;
    QString sku;
    QString productName;
    QString locationCode;
    QString locationName;
    int onHand = 0;
    int reserved = 0;
    // The inventory grid's columns (levelsFor, search, levels); zero elsewhere.
    QString binCode;
    int reorderPoint = 0;
    int reorderQty = 0;
    qint64 averageCostCents = 0;
    int onOrder = 0; ///< outstanding on ordered purchase orders for this location
    int inTransit = 0; ///< shipped by transfers to this location, not yet arrived or written off
    int available() const { return onHand - reserved; }
    /** What the location will have: available + on order + in transit. */
    int projected() const { return available() + onOrder + inTransit; }
};

/** One ledger row as the product's history shows it. */
struct LedgerEntry
{
    qint64 id = 0;
    QString at;
    qint64 locationId = 0;
    QString locationCode;
    int deltaOnHand = 0;
    int deltaReserved = 0;
    QString reason;
    QString refType;
    qint64 refId = 0;
    QString note;
    QString userName;
    int onHandAfter = 0; ///< on hand at that location right after this movement
};

/** On hand at the end of a day at a location (the stock-over-time chart). */
struct StockPoint
{
    qint64 locationId = 0;
    QString day; ///< yyyy-MM-dd (UTC)
    int onHand = 0;
};

/** What the inventory grid asks for: search, filters and sort all run in SQL. */
struct StockGridFilter
{
    QString search; ///< SKU, product name or location code contains it (any case)
    qint64 productId = 0; ///< one product's rows (0: all)
    qint64 locationId = 0; ///< one location's rows (0: all)
    bool belowReorderOnly = false; ///< projected below a reorder point that is set
    bool outOfStockOnly = false; ///< nothing available
    QString sort = QStringLiteral("sku"); ///< sku, location, available or value
    bool descending = false;
    int limit = 5000;
};

/** Stock value of one location at moving-average cost. */
struct LocationValue
{
    qint64 locationId = 0;
    QString locationCode;
    QString locationName;
    qint64 products = 0;
    qint64 units = 0;
    qint64 valueCents = 0;
};

/** A product and what each active location can still sell of it: what placing an order needs, in one query. */
struct ProductStock
{
    ProductRecord product;
    QList<RoutingLocation> locations; ///< active locations that have a level row for the product
    QHash<qint64, int> available; ///< per location id
};

/**
 * stock_levels and stock_movements: every stock change is a guarded UPDATE of the level plus one ledger row,
 * and the caller runs both in the same transaction. "Guarded" means the WHERE clause re-checks the condition,
 * so no read-then-write race can oversell on either engine.
 */
class StockRepository
{
public:
    explicit StockRepository(Database &db)
        : m_db(db)
    {
    }

    /** Adds on-hand units, creating the level row when it is the first receipt there. */
    Status addOnHand(qint64 productId, qint64 locationId, int qty);
    /** Reserves qty if that many are available; false (not an error) when they are not. */
    Result<bool> reserve(qint64 productId, qint64 locationId, int qty);
    /** Gives back a reservation. */
    Result<bool> release(qint64 productId, qint64 locationId, int qty);
    /** Ships reserved units: on hand and reserved both go down. */
    Result<bool> consumeReserved(qint64 productId, qint64 locationId, int qty);
    /** Changes on hand by delta; a decrease only if it leaves on hand ≥ reserved. */
    Result<bool> adjustOnHand(qint64 productId, qint64 locationId, int delta);

    /**
     * On hand becomes target if it is still seen (or, when there was no level row, if there still is none),
     * and never below what is reserved; false when the level changed meanwhile.
     */
    Result<bool> setOnHandIfUnchanged(qint64 productId, qint64 locationId, bool hadRow, int seen, int target);

    Status appendMovement(const Movement &movement);
    /**
     * Bulk writing (the order import on SQLite): from now on appendMovement gathers the ledger rows and
     * writes them in batches (BulkInsert); flushBulk() writes the rest and must come before the ledger is
     * read or written otherwise. Off: flushes nothing.
     */
    void setBulk(bool bulk);
    Status flushBulk();

    /** The product with this SKU and its availability per active location; nullopt for an unknown SKU. */
    Result<std::optional<ProductStock>> productStock(const QString &sku);
    Result<StockLevelRow> level(qint64 productId, qint64 locationId);
    /** The levels of these product × location pairs that exist. */
    Result<QList<StockLevelRow>> levelsFor(const QList<QPair<qint64, qint64>> &pairs);
    /** Levels whose SKU, product name or location code contains the text (any case), ordered like levels(). */
    Result<QList<StockLevelRow>> search(const QString &text, int limit = 5000);
    /** Levels filtered by SKU and location code (empty: all), ordered by SKU then location priority. */
    Result<QList<StockLevelRow>> levels(const QString &sku = {}, const QString &locationCode = {});

    /**
     * The inventory grid: every product × location with stock, a home there (bin, reorder point) or units
     * on order or in transit to it, with the grid's columns; filtered and sorted as asked.
     */
    Result<QList<StockLevelRow>> grid(const StockGridFilter &filter);
    /** The grid's rows of these pairs (also where only units in transit or on order are). */
    Result<QList<StockLevelRow>> gridFor(const QList<QPair<qint64, qint64>> &pairs);
    /** The order behind each of these ledger references (refType "shipment" or "return"): id → order id. */
    Result<QHash<qint64, qint64>> ordersOfReferences(const QString &refType, const QList<qint64> &ids);

    /**
     * The product's ledger, newest first, keyset-paged: rows with id below beforeId (0: from the newest),
     * all locations or one; each row carries the on-hand quantity its location had right after it.
     */
    Result<QList<LedgerEntry>> ledger(qint64 productId, qint64 locationId, qint64 beforeId, int limit);
    /** End-of-day on hand per location over the last days (days with movements, and today). */
    Result<QList<StockPoint>> stockHistory(qint64 productId, int days, const QString &today);
    /** Units and value per location at moving-average cost. */
    Result<QList<LocationValue>> valuation();

private:
    Database &m_db;
    std::shared_ptr<BulkInsert> m_bulkMovements; ///< set while bulk writing
};

} // namespace Stockroom
