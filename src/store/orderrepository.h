// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bulkinsert.h"
#include "database.h"

#include <limits>
#include <memory>
#include <optional>

namespace Stockroom {

struct OrderHeader
{
    qint64 id = 0;
    QString number; ///< derived from id
    QString channel;
    QString externalId;
    QString customerName;
    QString status;
    QString paymentStatus;
    QString routingExplanation;
    QString shipRegion;
    qint64 totalCents = 0;
    int version = 1;
    int lineCount = 0;
    int units = 0;
    QString placedAt;
    QString updatedAt;
    QString updatedBy; ///< who changed it last (for "changed by NAME at TIME")
    QString holdReason;
    qint64 paidCents = 0;
    qint64 refundedCents = 0;
    QString customerEmail;
    QString shipPostcode;
    QString note;
    QString channelState; ///< the channel's words for its state when last imported (imports only)
    int unmatchedLines = 0; ///< imported lines naming no product of ours (the order waits on hold)
};

/** A new order line; imports may bring units already sent or cancelled by the channel. */
struct OrderLineInsert
{
    qint64 orderId = 0;
    int lineNo = 0;
    qint64 productId = 0;
    int qty = 0;
    qint64 unitPriceCents = 0;
    int backordered = 0;
    int shippedOutside = 0;
    int cancelled = 0;
    QString externalSku;
};

struct OrderLineRecord
{
    qint64 id = 0;
    qint64 orderId = 0;
    int lineNo = 0;
    qint64 productId = 0;
    QString sku;
    QString productName;
    int qty = 0;
    int qtyBackordered = 0;
    int qtyShipped = 0;
    int qtyCancelled = 0;
    int qtyReturned = 0;
    QString gtin;
    qint64 unitPriceCents = 0;
};

struct AllocationRecord
{
    qint64 id = 0;
    qint64 orderLineId = 0;
    qint64 productId = 0;
    qint64 locationId = 0;
    QString locationCode;
    int qty = 0;
    int qtyPacked = 0;
};

/** What a shipping label needs about an order's latest shipment: where from, where to, how. */
struct ShipmentFacts
{
    qint64 shipmentId = 0;
    QString carrier;
    QString service;
    QString trackingNumber;
    int weightGrams = 0;
    QString createdAt;
    QString fromName;
    QString fromAddress;
    QString fromPostcode;
    QString toName;
    QString toAddress;
    QString toPostcode;
    QString toRegion;
};

/** Where a page of the order list starts: the last row of the previous page (keyset paging). */
struct OrderCursor
{
    QVariant key; ///< the sort column's value of that row (placed_at or total; unused when sorting by number)
    qint64 id = 0;
    bool isStart() const { return id == 0; }
};

enum class OrderSort { PlacedDesc, PlacedAsc, TotalDesc, TotalAsc, NumberDesc, NumberAsc };

/** What the Orders view shows: every field optional (empty = any); dates as stored-time text. */
struct OrderFilter
{
    QString status;
    QString paymentStatus;
    QString channel;
    qint64 locationId
        = 0; ///< orders with stock allocated there now (open allocations: work to pick and ship)
    QString placedFrom; ///< inclusive
    QString placedBefore; ///< exclusive
    QString search; ///< an order number, or words of customer, e-mail, external id, SKU (prefixes)
    OrderSort sort = OrderSort::PlacedDesc;

    bool operator==(const OrderFilter &) const = default;
};

/** Orders, lines, allocations and shipments: SQL only. */
class OrderRepository
{
public:
    explicit OrderRepository(Database &db)
        : m_db(db)
    {
    }

    /** Inserts the order with its final status, explanation and total; its number follows from the id. */
    Result<qint64> insertOrder(const OrderHeader &order, std::optional<qint64> customerId);
    Result<qint64> insertLine(qint64 orderId, int lineNo, qint64 productId, int qty, qint64 unitPriceCents,
                              int backordered);
    Result<qint64> insertLine(const OrderLineInsert &line);
    Status insertUnmatchedLine(qint64 orderId, int lineNo, const QString &sku, const QString &name, int qty,
                               qint64 unitPriceCents);
    Result<qint64> insertAllocation(qint64 orderLineId, qint64 locationId, int qty, const QString &createdAt);
    /**
     * Bulk writing (the order import on SQLite): from now on insertLine and insertAllocation gather their
     * rows and write them in batches (BulkInsert); the ids they return are final. flushBulk() writes the
     * rest and must come before anything reads or writes those tables otherwise. Off: flushes nothing.
     */
    void setBulk(bool bulk);
    Status flushBulk();

    Result<std::optional<OrderHeader>> findByNumber(const QString &number);
    Result<std::optional<OrderHeader>> findById(qint64 id);
    /** The headers of these orders (unknown ids are left out), in no particular order. */
    Result<QList<OrderHeader>> byIds(const QList<qint64> &ids);
    /** Those of these orders that pass the filter (a live update: the rest left the view). */
    Result<QList<OrderHeader>> byIds(const QList<qint64> &ids, const OrderFilter &filter);
    /** The channels orders came from, and the active locations (id, code), for the view's filters. */
    Result<QStringList> channels();
    Result<QList<QPair<qint64, QString>>> locations();
    Result<QList<OrderLineRecord>> lines(qint64 orderId);
    Result<QList<AllocationRecord>> openAllocations(qint64 orderId);

    Status closeAllocation(qint64 allocationId, const QString &status, const QString &closedAt);
    /**
     * Bumps the version if it is still the one the caller read; false if somebody changed the order since.
     * On PostgreSQL this also locks the row, so concurrent edits of one order queue up here.
     */
    Result<bool> claim(qint64 orderId, int expectedVersion, const QString &updatedAt,
                       const QString &updatedBy);
    Status setStatus(qint64 orderId, const QString &status);
    Status addShipped(qint64 orderLineId, int qty);
    Status cancelRemaining(qint64 orderId);

    Result<qint64> insertShipment(qint64 orderId, qint64 locationId, const QString &carrier,
                                  const QString &service, const QString &trackingNumber, int weightGrams,
                                  const QString &createdAt);
    Status insertShipmentLine(qint64 shipmentId, qint64 orderLineId, int qty);

    /** The latest shipment of an order with its addresses; nullopt when the order has not shipped. */
    Result<std::optional<ShipmentFacts>> latestShipment(qint64 orderId);

    /** A page of orders in the filter's order after the cursor (keyset paging on an index). */
    Result<QList<OrderHeader>> page(const OrderCursor &after, int limit, const OrderFilter &filter = {});
    /** How many orders pass the filter, counting up to cap (a result of cap means "cap or more"). */
    Result<qint64> count(const OrderFilter &filter = {}, qint64 cap = std::numeric_limits<qint64>::max());
    /** The cursor value of a row for this sort. */
    static QVariant sortValue(const OrderHeader &order, OrderSort sort);
    static bool isDescending(OrderSort sort);

    /** Rebuilds the order's full-text entry (customer, e-mail, external id, SKUs). */
    Status refreshSearchText(qint64 orderId);
    /** The same for many orders, in statements of 50 (an import refreshes its orders in bulk). */
    Status refreshSearchText(const QList<qint64> &orderIds);

private:
    Database &m_db;
    std::shared_ptr<BulkInsert> m_bulkLines; ///< set while bulk writing
    std::shared_ptr<BulkInsert> m_bulkAllocations;
};

} // namespace Stockroom
