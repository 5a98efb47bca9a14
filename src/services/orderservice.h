// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "orderrepository.h"
#include "routing.h"
#include "servicecontext.h"

namespace Stockroom {

struct OrderLineRequest
{
    QString sku;
    int qty = 0;
    std::optional<qint64> unitPriceCents; ///< the catalogue price when not given
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
