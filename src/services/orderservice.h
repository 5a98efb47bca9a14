// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QDateTime>

#include "orderrepository.h"
#include "routing.h"
#include "servicecontext.h"

namespace Stockroom {

struct OrderLineRequest
{
    QString sku;
    int qty = 0;
    std::optional<qint64> unitPriceCents; ///< the catalogue price when not given
    /** Imports: units the channel had sent before the order reached us (no reservation, no ledger row). */
    int qtyShippedOutside = 0;
    /** Imports: units the channel had cancelled already (nothing reserved for them). */
    int qtyCancelled = 0;
    QString externalSku; ///< imports: the platform's SKU or item name when it differs from ours (an alias)
};

/** A line of an imported order naming no product of ours: kept, flagged, and the order waits on hold. */
struct UnmatchedLineRequest
{
    QString sku;
    QString name;
    int qty = 0;
    qint64 unitPriceCents = 0;
};

struct PlaceOrderRequest
{
    QList<OrderLineRequest> lines;
    QString channel = QStringLiteral("manual");
    QString externalId; ///< with channel, makes an import idempotent
    QString customerName;
    QString shipRegion;
    QString shipPostcode;
    QString customerEmail;
    QString paymentStatus = QStringLiteral("pending");

    // What an import knows beyond a manual order (defaults: a manual order placed now)
    std::optional<QDateTime> placedAt; ///< when the customer ordered (forecasts learn from it)
    std::optional<qint64> totalCents; ///< the channel's total (shipping, tax and discounts in)
    std::optional<qint64> paidCents; ///< default: the total when paid, else 0
    qint64 refundedCents = 0;
    QString customerAddress;
    QString note;
    QString channelState; ///< the channel's own words for the order's state (imports compare it later)
    QString holdReason; ///< non-empty: the order is placed on hold (unknown SKUs)
    QList<UnmatchedLineRequest> unmatched;
};

struct LineAllocation
{
    QString locationCode;
    int qty = 0;
};

struct PlacedLine
{
    QString sku;
    int qty = 0;
    QList<LineAllocation> allocations;
    int backordered = 0;
};

struct PlacedOrder
{
    qint64 id = 0;
    QString number;
    QString status;
    QString explanation;
    QList<PlacedLine> lines;
};

struct ShipmentSummary
{
    qint64 shipmentId = 0;
    QString locationCode;
    int units = 0;
};

struct ShipResult
{
    QString number;
    QString status;
    QList<ShipmentSummary> shipments;
    QStringList warnings; ///< e.g. a tracking number of no known format (accepted)
};

struct ShipRequest
{
    QString carrier;
    QString service;
    QString trackingNumber;
    int weightGrams = 0;
};

/**
 * Order use cases. Placement reserves with the guarded UPDATE of DESIGN.md: the plan comes from the
 * routing policy on a snapshot, and any unit another desktop took meanwhile is re-routed or backordered.
 */
class OrderService
{
    Q_DECLARE_TR_FUNCTIONS(OrderService)

public:
    explicit OrderService(ServiceContext &context)
        : m_context(context)
    {
    }

    Result<PlacedOrder> place(const PlaceOrderRequest &request);
    /** Checks a request without the database: a usage error says what is wrong. */
    static Status validate(const PlaceOrderRequest &request);
    /**
     * The placement inside the caller's transaction (an import places thousands of orders in one): the
     * same routing, reservation, backorders and history as place().
     */
    Result<PlacedOrder> placeWithin(class OrderFlow &flow, const PlaceOrderRequest &request);
    /** Cancels inside the caller's transaction: releases what the order holds, cancels the rest. */
    static Status cancelWithin(class OrderFlow &flow, OrderHeader &order, const QString &why = {});
    /**
     * Ships every open allocation inside the caller's transaction. An import passes channelFulfilled:
     * the shop sent the goods already, so the payment rule does not apply.
     */
    static Result<ShipResult> shipWithin(class OrderFlow &flow, OrderHeader &order, const ShipRequest &details,
                                         bool channelFulfilled = false);
    /**
     * Cancels an open order and releases what it holds. With expectedVersion (the version the user
     * looked at), a change by somebody else in between is refused as Stale: "changed by NAME at TIME".
     */
    Result<OrderHeader> cancel(const QString &number, std::optional<int> expectedVersion = {});
    /** Ships everything allocated, one shipment per location; expectedVersion as for cancel. */
    Result<ShipResult> ship(const QString &number, const ShipRequest &details = {},
                            std::optional<int> expectedVersion = {});

    /** Accepts "SO-000042", "so-42" or "42". */
    static QString normaliseNumber(const QString &text);

private:
    ServiceContext &m_context;
    RoutingPolicy m_routing;
};

} // namespace Stockroom
