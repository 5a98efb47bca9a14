// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <optional>

namespace Stockroom {

/** One line of an order's history: what happened, who did it, and money where money moved. */
struct OrderEvent
{
    QString kind; ///< placed, paid, refunded, held, released, packed, shipped, tracking, returned, …
    QString detail;
    qint64 amountCents = 0;
    QString userName;
    QString at;
};

/** The rules of a sales channel (or of a customer): pay later, and the locations it may ship from. */
struct FulfilmentRules
{
    bool payLater = false;
    QStringList shipFrom; ///< location codes; empty means any
};

struct ChannelRecord
{
    QString name;
    FulfilmentRules rules;
};

struct ShipmentRecord
{
    qint64 id = 0;
    qint64 orderId = 0;
    QString locationCode;
    QString carrier;
    QString service;
    QString trackingNumber;
    int weightGrams = 0;
    QString status;
    QString createdAt;
    QString deliveredAt;
    int units = 0;
};

struct TrackingEventRecord
{
    qint64 shipmentId = 0;
    QString status;
    QString description;
    QString place;
    QString occurredAt;
};

struct ReturnRecord
{
    qint64 id = 0;
    QString number;
    qint64 orderId = 0;
    QString status;
    QString reason;
    QString createdAt;
    QString createdBy;
};

struct ReturnLineRecord
{
    qint64 id = 0;
    qint64 orderLineId = 0;
    qint64 productId = 0;
    QString sku;
    int qty = 0;
    int restocked = 0;
    int writtenOff = 0;
    QString reason;
    int open() const { return qty - restocked - writtenOff; }
};

/** An order line waiting for stock, with the rules that limit where it may be filled from. */
struct WaitingBackorder
{
    qint64 orderLineId = 0;
    qint64 orderId = 0;
    QString status;
    int qtyBackordered = 0;
    QStringList shipFrom; ///< channel's and customer's rules combined; empty means any
};

/** One unit group to pick: what pick lists print. */
struct PickRow
{
    QString bin;
    QString sku;
    QString productName;
    QString gtin;
    int qty = 0;
    qint64 orderId = 0;
};

/**
 * SQL for everything after placement: payments and holds, the order's history, packing, shipments and
 * tracking, returns, waiting backorders, channel rules and home bins. The caller owns the transaction.
 */
class FulfilmentRepository
{
public:
    explicit FulfilmentRepository(Database &db)
        : m_db(db)
    {
    }

    /** Both rule sets apply: a customer limited to WH on a channel limited to WH and LDN ships from WH. */
    static QStringList combineShipFrom(const QStringList &a, const QStringList &b);

    // History
    Status appendEvent(qint64 orderId, const QString &kind, const QString &detail, qint64 amountCents,
                       const QString &userName, const QString &at);
    Result<QList<OrderEvent>> events(qint64 orderId);

    // Payment and holds
    Status setPayment(qint64 orderId, const QString &status, qint64 paidCents, qint64 refundedCents);
    Status setHoldReason(qint64 orderId, const QString &reason);
    /** Bumps the version without a check: an arrival filling a backorder is nobody's stale edit. */
    Status touch(qint64 orderId, const QString &at, const QString &userName);

    // Channel and customer rules
    Result<std::optional<ChannelRecord>> channel(const QString &name);
    Status saveChannel(const ChannelRecord &channel, const QString &at);
    Result<FulfilmentRules> customerRules(qint64 customerId);
    Status setCustomerRules(qint64 customerId, const FulfilmentRules &rules);
    /** The channel's and the customer's rules of an order, combined. */
    Result<FulfilmentRules> orderRules(qint64 orderId);

    // Packing
    /** One more unit of an open allocation packed; false when it is already fully packed. */
    Result<bool> packUnit(qint64 allocationId);

    // Shipments and tracking
    Result<QList<ShipmentRecord>> shipments(qint64 orderId);
    Result<QList<ShipmentRecord>> shipmentsByTracking(const QString &trackingNumber);
    /** False when the same event (shipment, status, time) is already there. */
    Result<bool> insertTrackingEvent(const TrackingEventRecord &event, const QString &userName);
    Result<QList<TrackingEventRecord>> trackingEvents(qint64 orderId);
    Status setShipmentStatus(qint64 shipmentId, const QString &status, const QString &deliveredAt);

    // Returns
    Result<qint64> insertReturn(qint64 orderId, const QString &reason, const QString &userName,
                                const QString &at);
    Status insertReturnLine(qint64 returnId, qint64 orderLineId, int qty, const QString &reason);
    /** Counts units as returned if that keeps returned ≤ shipped; false otherwise. */
    Result<bool> addReturned(qint64 orderLineId, int qty);
    /** Takes units off the returned count again (a cancelled return); false if fewer are counted. */
    Result<bool> removeReturned(qint64 orderLineId, int qty);
    Result<std::optional<ReturnRecord>> returnById(qint64 returnId);
    Result<QList<ReturnRecord>> returnsOf(qint64 orderId);
    Result<QList<ReturnLineRecord>> returnLines(qint64 returnId);
    Status insertDisposition(qint64 returnLineId, const QString &kind, int qty, qint64 locationId,
                             const QString &reason, const QString &userName, const QString &at);
    Status setReturnStatus(qint64 returnId, const QString &status);
    /** The location an order line last shipped from (id, code); nullopt if it never shipped. */
    Result<std::optional<QPair<qint64, QString>>> shippedFrom(qint64 orderLineId);
    /** The newest event time of a shipment, empty if none. */
    Result<QString> latestEventTime(qint64 shipmentId);

    // Backorders
    /** Lines waiting for this product, first placed first. On-hold orders wait for their hold. */
    Result<QList<WaitingBackorder>> waitingBackorders(qint64 productId);
    /** Takes qty off a line's backorder if it still waits for that many. */
    Result<bool> takeBackordered(qint64 orderLineId, int qty);
    Result<int> backorderedUnits(qint64 orderId);

    // Bins and pick lists
    Status setBin(qint64 productId, qint64 locationId, const QString &bin);
    /** What is still to pick at a location: open, unpacked allocations of orders being picked. */
    Result<QList<PickRow>> pickRows(qint64 locationId);

private:
    Database &m_db;
};

} // namespace Stockroom
