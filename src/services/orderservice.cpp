// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderservice.h"

#include "catalogrepository.h"
#include "orderflow.h"
#include "orderstatus.h"
#include "stockrepository.h"
#include "textfield.h"
#include "tracking.h"

#include <QCoreApplication>
#include <QLocale>
#include <QMap>

#include <algorithm>

namespace Stockroom {

namespace {

constexpr int MaxLines = 500;
constexpr int MaxLineQuantity = 100'000;

} // namespace

QString OrderService::normaliseNumber(const QString &text)
{
    const std::optional<qint64> id = orderIdFromNumber(text);
    return id ? orderNumber(*id) : text.trimmed();
}

Status OrderService::validate(const PlaceOrderRequest &request)
{
    if (request.lines.isEmpty() && request.unmatched.isEmpty()) {
        return Error::usage(OrderService::tr("An order needs at least one line."));
    }
    if (request.lines.size() + request.unmatched.size() > MaxLines) {
        return Error::usage(OrderService::tr("An order may have at most %1 lines.").arg(MaxLines));
    }
    // Every text the order keeps, by the name the form and the files give it (TextField: both engines alike).
    // The name is translated only for a refusal: this runs for every order placed and imported.
    auto checkText = [](const char *field, const QString &value, int maxLength) -> Status {
        if (TextField::check(QString(), value, maxLength)) {
            return {};
        }
        return TextField::check(OrderService::tr(field), value, maxLength);
    };
    STOCKROOM_CHECK(
        checkText(QT_TRANSLATE_NOOP("OrderService", "The channel"), request.channel, TextField::CodeLength));
    STOCKROOM_CHECK(checkText(QT_TRANSLATE_NOOP("OrderService", "The channel's order id"), request.externalId,
                              TextField::CodeLength));
    STOCKROOM_CHECK(checkText(QT_TRANSLATE_NOOP("OrderService", "The customer name"), request.customerName,
                              TextField::NameLength));
    STOCKROOM_CHECK(checkText(QT_TRANSLATE_NOOP("OrderService", "The e-mail address"), request.customerEmail,
                              TextField::NameLength));
    STOCKROOM_CHECK(checkText(QT_TRANSLATE_NOOP("OrderService", "The region"), request.shipRegion,
                              TextField::NameLength));
    STOCKROOM_CHECK(checkText(QT_TRANSLATE_NOOP("OrderService", "The postcode"), request.shipPostcode,
                              TextField::NameLength));
    STOCKROOM_CHECK(checkText(QT_TRANSLATE_NOOP("OrderService", "The address"), request.customerAddress,
                              TextField::TextLength));
    STOCKROOM_CHECK(
        checkText(QT_TRANSLATE_NOOP("OrderService", "The note"), request.note, TextField::TextLength));
    STOCKROOM_CHECK(checkText(QT_TRANSLATE_NOOP("OrderService", "The channel's state"), request.channelState,
                              TextField::NameLength));
    STOCKROOM_CHECK(checkText(QT_TRANSLATE_NOOP("OrderService", "The hold reason"), request.holdReason,
                              TextField::TextLength));
    for (const OrderLineRequest &line : request.lines) {
        STOCKROOM_CHECK(
            checkText(QT_TRANSLATE_NOOP("OrderService", "The SKU"), line.sku, TextField::CodeLength));
        STOCKROOM_CHECK(checkText(QT_TRANSLATE_NOOP("OrderService", "The channel's SKU"), line.externalSku,
                                  TextField::NameLength));
    }
    for (const UnmatchedLineRequest &line : request.unmatched) {
        STOCKROOM_CHECK(
            checkText(QT_TRANSLATE_NOOP("OrderService", "The SKU"), line.sku, TextField::CodeLength));
        STOCKROOM_CHECK(
            checkText(QT_TRANSLATE_NOOP("OrderService", "The item name"), line.name, TextField::NameLength));
    }
    for (const OrderLineRequest &line : request.lines) {
        if (line.sku.trimmed().isEmpty()) {
            return Error::usage(OrderService::tr("An order line has no SKU."));
        }
        if (line.qty <= 0 || line.qty > MaxLineQuantity) {
            return Error::usage(OrderService::tr("The quantity of %1 must be between 1 and %2, not %3.")
                                    .arg(line.sku)
                                    .arg(MaxLineQuantity)
                                    .arg(line.qty));
        }
        if (line.qtyShippedOutside < 0 || line.qtyCancelled < 0
            || line.qtyShippedOutside + line.qtyCancelled > line.qty) {
            return Error::usage(OrderService::tr("Of %1 × %2, %3 sent and %4 cancelled is not possible.")
                                    .arg(line.qty)
                                    .arg(line.sku)
                                    .arg(line.qtyShippedOutside)
                                    .arg(line.qtyCancelled));
        }
    }
    for (const UnmatchedLineRequest &line : request.unmatched) {
        if (line.qty <= 0 || line.qty > MaxLineQuantity) {
            return Error::usage(OrderService::tr("The quantity of %1 must be between 1 and %2, not %3.")
                                    .arg(line.sku.isEmpty() ? line.name : line.sku)
                                    .arg(MaxLineQuantity)
                                    .arg(line.qty));
        }
    }
    if (request.channel.trimmed().isEmpty()) {
        return Error::usage(OrderService::tr("An order needs a channel."));
    }
    if (!paymentStatusFromString(request.paymentStatus)) {
        return Error::usage(OrderService::tr("Unknown payment state \"%1\".").arg(request.paymentStatus));
    }
    return {};
}

Result<PlacedOrder> OrderService::place(const PlaceOrderRequest &request)
{
    STOCKROOM_CHECK(validate(request));
    return m_context.db.write<PlacedOrder>([&]() -> Result<PlacedOrder> {
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        STOCKROOM_TRY(placed, placeWithin(flow, request));
        STOCKROOM_CHECK(changes.flush());
        return placed;
    });
}

Result<PlacedOrder> OrderService::placeWithin(OrderFlow &flow, const PlaceOrderRequest &request)
{
    {
        Database &db = flow.db();
        CatalogRepository catalog(db);
        StockRepository &stock = flow.stock();
        OrderRepository &orders = flow.orders();
        ChangeRecorder &changes = flow.changes();
        const QString now = flow.now();

        if (!request.externalId.trimmed().isEmpty()) {
            // Compared as stored (trimmed): " 1001" again is the same order, not a unique-index failure.
            STOCKROOM_TRY(
                existing,
                db.scalar(QStringLiteral("SELECT id FROM orders WHERE channel = ? AND external_id = ?"),
                          {request.channel.trimmed(), request.externalId.trimmed()}));
            if (existing.isValid() && !existing.isNull()) {
                return Error::business(
                    OrderService::tr("Order %1 from %2 is already here as %3.")
                        .arg(request.externalId, request.channel, orderNumber(existing.toLongLong())));
            }
        }

        // The channel's and the customer's rules: "wholesale ships only from the warehouse", "pays later".
        FulfilmentRepository fulfilment(db);
        STOCKROOM_TRY(channel, fulfilment.channel(request.channel.trimmed()));
        FulfilmentRules rules = channel ? channel->rules : FulfilmentRules {};
        QString ruleOwner = request.channel.trimmed();
        std::optional<qint64> customerId;
        if (!request.customerName.trimmed().isEmpty()) {
            STOCKROOM_TRY(found, catalog.customerByName(request.customerName.trimmed()));
            if (found) {
                customerId = *found;
                STOCKROOM_TRY(customerRules, fulfilment.customerRules(*found));
                if (!customerRules.shipFrom.isEmpty()) {
                    ruleOwner = request.customerName.trimmed();
                }
                rules.shipFrom
                    = FulfilmentRepository::combineShipFrom(rules.shipFrom, customerRules.shipFrom);
            } else {
                STOCKROOM_TRY(created,
                              catalog.insertCustomer(request.customerName.trimmed(), request.shipRegion,
                                                     request.shipPostcode.trimmed(), now));
                customerId = created;
                if (!request.customerEmail.trimmed().isEmpty()
                    || !request.customerAddress.trimmed().isEmpty()) {
                    STOCKROOM_CHECK(db.execute(
                        QStringLiteral("UPDATE customers SET email = ?, address = ? WHERE id = ?"),
                        {request.customerEmail.trimmed(), request.customerAddress.trimmed(), created}));
                }
            }
        }
        auto allowed = [&rules](const QString &code) {
            return rules.shipFrom.isEmpty() || rules.shipFrom.contains(code);
        };

        // One query per line gives the product and where it is available; the locations that matter for
        // routing are those that hold any of the order's products.
        // Units the channel sent or cancelled before the import are not reserved: each line routes what is
        // left of it.
        QList<RoutingLine> routingLines;
        QList<ProductRecord> products;
        QList<RoutingLocation> locations;
        QHash<qint64, QString> codes;
        Availability availability;
        for (const OrderLineRequest &line : request.lines) {
            STOCKROOM_TRY(found, flow.productStock(line.sku.trimmed()));
            if (!found) {
                return Error::business(OrderService::tr("Unknown SKU \"%1\".").arg(line.sku));
            }
            const int open = line.qty - line.qtyShippedOutside - line.qtyCancelled;
            // An imported order may name a product we no longer sell: it is placed, but waits on hold.
            if (!found->product.active && open > 0 && request.holdReason.isEmpty()) {
                return Error::business(OrderService::tr("%1 is no longer sold (inactive).").arg(line.sku));
            }
            products << found->product;
            routingLines << RoutingLine {found->product.id, found->product.sku, open};
            for (const RoutingLocation &location : std::as_const(found->locations)) {
                if (!codes.contains(location.id) && allowed(location.code)) {
                    codes.insert(location.id, location.code);
                    locations << location;
                }
            }
            availability.insert(found->product.id, found->available);
        }
        RoutingPlan plan = m_routing.route(routingLines, locations, availability, request.shipRegion,
                                           request.shipPostcode);
        const bool nothingToRoute = std::all_of(routingLines.cbegin(), routingLines.cend(),
                                                [](const RoutingLine &line) { return line.qty == 0; });
        if (nothingToRoute) {
            // An import whose lines were all sent or cancelled by the channel, or none of them is ours yet.
            plan.explanation = request.lines.isEmpty()
                ? OrderService::tr("nothing reserved: no line names one of our products yet")
                : OrderService::tr("nothing to reserve: %1 sent or cancelled every unit before the import")
                      .arg(request.channel.trimmed());
        } else if (!rules.shipFrom.isEmpty()) {
            plan.explanation = OrderService::tr("%1 ships only from %2; ")
                                   .arg(ruleOwner, rules.shipFrom.join(QStringLiteral(", ")))
                + plan.explanation;
        }

        // Reserve with guarded updates. On PostgreSQL another desktop may have taken units since the
        // snapshot: then take what is left elsewhere, by rank, and backorder the rest.
        // The planned reservations go in one global order (product, location), so that two desktops placing
        // orders for the same products lock the level rows in the same order and never deadlock.
        struct Planned
        {
            int line;
            RoutedAllocation allocation;
        };
        QList<Planned> planned;
        for (int i = 0; i < routingLines.size(); ++i) {
            for (const RoutedAllocation &allocation : std::as_const(plan.lines.at(i).allocations)) {
                planned << Planned {i, allocation};
            }
        }
        std::sort(planned.begin(), planned.end(), [&](const Planned &a, const Planned &b) {
            const qint64 pa = routingLines.at(a.line).productId;
            const qint64 pb = routingLines.at(b.line).productId;
            return pa != pb ? pa < pb : a.allocation.locationId < b.allocation.locationId;
        });
        QList<QList<RoutedAllocation>> grantedPerLine(routingLines.size());
        QList<int> missingPerLine(routingLines.size(), 0);
        for (const Planned &p : std::as_const(planned)) {
            STOCKROOM_TRY(
                reserved,
                stock.reserve(routingLines.at(p.line).productId, p.allocation.locationId, p.allocation.qty));
            if (reserved) {
                flow.reserved(routingLines.at(p.line).productId, p.allocation.locationId, p.allocation.qty);
                grantedPerLine[p.line] << p.allocation;
            } else {
                missingPerLine[p.line] += p.allocation.qty;
            }
        }
        bool rerouted = false;
        for (int i = 0; i < routingLines.size(); ++i) {
            const RoutingLine &line = routingLines.at(i);
            RoutedLine &routed = plan.lines[i];
            int missing = missingPerLine.at(i);
            QList<RoutedAllocation> granted = grantedPerLine.at(i);
            for (int pass = 0; missing > 0 && pass < 3; ++pass) {
                rerouted = true;
                flow.forgetStock(); // what we kept was wrong: someone else reserved meanwhile
                STOCKROOM_TRY(fresh, flow.productStock(line.sku));
                for (const RoutingLocation &location : std::as_const(fresh->locations)) {
                    if (!allowed(location.code)) {
                        continue;
                    }
                    const int take = std::min(missing, fresh->available.value(location.id));
                    if (take <= 0) {
                        continue;
                    }
                    STOCKROOM_TRY(reserved, stock.reserve(line.productId, location.id, take));
                    if (reserved) {
                        flow.reserved(line.productId, location.id, take);
                        granted << RoutedAllocation {location.id, take};
                        codes.insert(location.id, location.code);
                        missing -= take;
                    }
                    if (missing == 0) {
                        break;
                    }
                }
            }
            routed.allocations = granted;
            routed.backordered += missing;
        }
        if (rerouted) {
            plan.explanation
                += QStringLiteral("; ") + OrderService::tr("re-routed: another desktop took stock meanwhile");
        }

        int sentOutside = 0;
        int open = 0;
        for (int i = 0; i < routingLines.size(); ++i) {
            sentOutside += request.lines.at(i).qtyShippedOutside;
            open += routingLines.at(i).qty;
        }
        OrderStatus status = plan.totalBackordered() > 0 ? OrderStatus::Backordered : OrderStatus::Allocated;
        if (!request.holdReason.isEmpty()) {
            status = OrderStatus::OnHold;
        } else if (open == 0) {
            status = sentOutside > 0 ? OrderStatus::Shipped : OrderStatus::Cancelled;
        } else if (sentOutside > 0) {
            status = OrderStatus::PartiallyShipped;
        }
        OrderHeader header;
        header.channel = request.channel.trimmed();
        header.externalId = request.externalId.trimmed();
        header.status = toString(status);
        header.paymentStatus = request.paymentStatus;
        header.shipRegion = request.shipRegion;
        header.shipPostcode = request.shipPostcode.trimmed();
        header.routingExplanation = plan.explanation;
        header.placedAt = request.placedAt ? toStoredTime(*request.placedAt) : now;
        header.updatedAt = now;
        header.updatedBy = m_context.userName;
        header.holdReason = request.holdReason;
        header.note = request.note;
        header.channelState = request.channelState;
        for (int i = 0; i < routingLines.size(); ++i) {
            header.totalCents += request.lines.at(i).unitPriceCents.value_or(products.at(i).priceCents)
                * request.lines.at(i).qty;
        }
        for (const UnmatchedLineRequest &line : request.unmatched) {
            header.totalCents += line.unitPriceCents * line.qty;
        }
        header.totalCents = request.totalCents.value_or(header.totalCents);
        const std::optional<PaymentStatus> payment = paymentStatusFromString(request.paymentStatus);
        const bool paid = payment == PaymentStatus::Paid || payment == PaymentStatus::PartiallyRefunded
            || payment == PaymentStatus::Refunded;
        header.paidCents = request.paidCents.value_or(paid ? header.totalCents : 0);
        header.refundedCents = request.refundedCents;
        Result<qint64> orderIdResult = orders.insertOrder(header, customerId);
        if (!orderIdResult) {
            if (db.dialect().isUniqueViolation(db.lastSqlError())) {
                // Another desktop imported the same external order a moment ago: the whole transaction runs
                // again, and sees it (a file import then finds it unchanged, a single order is refused).
                return Error::conflict(OrderService::tr("Order %1 from %2 is already here.")
                                           .arg(request.externalId, request.channel));
            }
            return orderIdResult.error();
        }
        const qint64 orderId = *orderIdResult;

        PlacedOrder placed;
        placed.id = orderId;
        placed.number = orderNumber(orderId);
        placed.status = header.status;
        placed.explanation = plan.explanation;
        for (int i = 0; i < routingLines.size(); ++i) {
            const RoutingLine &line = routingLines.at(i);
            const RoutedLine &routed = plan.lines.at(i);
            const OrderLineRequest &requested = request.lines.at(i);
            const qint64 price = requested.unitPriceCents.value_or(products.at(i).priceCents);
            OrderLineInsert insert {orderId,
                                    i + 1,
                                    line.productId,
                                    requested.qty,
                                    price,
                                    routed.backordered,
                                    requested.qtyShippedOutside,
                                    requested.qtyCancelled,
                                    requested.externalSku};
            STOCKROOM_TRY(lineId, orders.insertLine(insert));
            PlacedLine placedLine {line.sku, requested.qty, {}, routed.backordered};
            for (const RoutedAllocation &allocation : routed.allocations) {
                STOCKROOM_CHECK(orders.insertAllocation(lineId, allocation.locationId, allocation.qty, now));
                STOCKROOM_CHECK(flow.movement(line.productId, allocation.locationId, 0, allocation.qty,
                                              QStringLiteral("reserve"), QStringLiteral("order"), orderId));
                placedLine.allocations << LineAllocation {codes.value(allocation.locationId), allocation.qty};
            }
            placed.lines << placedLine;
        }
        for (int i = 0; i < request.unmatched.size(); ++i) {
            const UnmatchedLineRequest &line = request.unmatched.at(i);
            STOCKROOM_CHECK(orders.insertUnmatchedLine(orderId, int(routingLines.size()) + i + 1, line.sku,
                                                       line.name, line.qty, line.unitPriceCents));
        }
        const QString placedText = header.externalId.isEmpty()
            ? OrderService::tr("placed: %1").arg(plan.explanation)
            : OrderService::tr("imported from %1 %2: %3")
                  .arg(header.channel, header.externalId, plan.explanation);
        STOCKROOM_CHECK(fulfilment.appendEvent(orderId, QStringLiteral("placed"), placedText,
                                               header.paidCents, m_context.userName, now));
        if (sentOutside > 0) {
            STOCKROOM_CHECK(fulfilment.appendEvent(
                orderId, QStringLiteral("shipped"),
                OrderService::tr("%n unit(s) sent by %1 before the import (no stock moved here)", nullptr,
                                 sentOutside)
                    .arg(header.channel),
                0, m_context.userName, now));
        }
        if (!request.holdReason.isEmpty()) {
            STOCKROOM_CHECK(fulfilment.appendEvent(orderId, QStringLiteral("hold"),
                                                   OrderService::tr("on hold: %1").arg(request.holdReason), 0,
                                                   m_context.userName, now));
        }
        STOCKROOM_CHECK(flow.refreshSearch(orderId));
        changes.order(orderId, QStringLiteral("insert"));
        return placed;
    }
}

Result<OrderHeader> OrderService::cancel(const QString &number, std::optional<int> expectedVersion)
{
    Database &db = m_context.db;
    return db.write<OrderHeader>([&]() -> Result<OrderHeader> {
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        STOCKROOM_TRY(order, flow.claim(number, expectedVersion));
        STOCKROOM_CHECK(cancelWithin(flow, order));
        STOCKROOM_CHECK(changes.flush());
        STOCKROOM_TRY(updated, flow.orders().findById(order.id));
        return *updated;
    });
}

Status OrderService::cancelWithin(OrderFlow &flow, OrderHeader &order, const QString &why)
{
    STOCKROOM_CHECK(OrderFlow::checkTransition(order, OrderStatus::Cancelled, OrderService::tr("cancelled")));
    STOCKROOM_TRY(allocations, flow.orders().openAllocations(order.id));
    for (const AllocationRecord &allocation : std::as_const(allocations)) {
        STOCKROOM_TRY(released,
                      flow.stock().release(allocation.productId, allocation.locationId, allocation.qty));
        if (!released) {
            return Error::database(
                OrderService::tr("The stock of order %1 at %2 is not reserved as recorded; run check.")
                    .arg(order.number, allocation.locationCode));
        }
        STOCKROOM_CHECK(flow.orders().closeAllocation(allocation.id, QStringLiteral("released"), flow.now()));
        STOCKROOM_CHECK(flow.movement(allocation.productId, allocation.locationId, 0, -allocation.qty,
                                      QStringLiteral("release"), QStringLiteral("order"), order.id,
                                      QStringLiteral("cancelled")));
    }
    STOCKROOM_CHECK(flow.orders().cancelRemaining(order.id));
    STOCKROOM_TRY(lines, flow.orders().lines(order.id));
    bool anyShipped = false;
    for (const OrderLineRecord &line : std::as_const(lines)) {
        anyShipped = anyShipped || line.qtyShipped > 0;
    }
    // An order that already sent some units is complete with what it sent.
    STOCKROOM_CHECK(flow.orders().setStatus(
        order.id, toString(anyShipped ? OrderStatus::Shipped : OrderStatus::Cancelled)));
    QString detail = anyShipped ? OrderService::tr("the rest was cancelled; what shipped stays shipped")
                                : OrderService::tr("cancelled; reservations released");
    if (!why.isEmpty()) {
        detail += QStringLiteral(" (") + why + QLatin1Char(')');
    }
    STOCKROOM_CHECK(flow.event(order.id, QStringLiteral("cancelled"), detail));
    flow.changedOrder(order.id);
    order.status = toString(anyShipped ? OrderStatus::Shipped : OrderStatus::Cancelled);
    if (anyShipped) {
        // If every parcel has arrived already, no tracking event will move the order on: delivered now.
        STOCKROOM_CHECK(flow.deliverIfEveryParcelArrived(order));
    }
    return {};
}

Result<ShipResult> OrderService::ship(const QString &number, const ShipRequest &details,
                                      std::optional<int> expectedVersion)
{
    ShipResult result;
    QString tracking = details.trackingNumber.trimmed();
    if (!tracking.isEmpty()) {
        const TrackingMatch match = TrackingNumbers::validate(tracking);
        tracking = match.normalised.isEmpty() ? tracking : match.normalised;
        if (match.verdict == TrackingMatch::Verdict::Invalid) {
            return Error::usage(match.message);
        }
        if (match.verdict == TrackingMatch::Verdict::Unknown) {
            result.warnings << match.message;
        }
    }
    if (details.weightGrams < 0 || details.weightGrams > 1'000'000) {
        return Error::usage(
            OrderService::tr("A parcel weighs between 0 and 1,000 kg, not %1 g.").arg(details.weightGrams));
    }
    Database &db = m_context.db;
    return db.write<ShipResult>([&]() -> Result<ShipResult> {
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        STOCKROOM_TRY(order, flow.claim(number, expectedVersion));
        ShipRequest normalised = details;
        normalised.trackingNumber = tracking;
        STOCKROOM_TRY(shipped, shipWithin(flow, order, normalised));
        shipped.warnings = result.warnings + shipped.warnings;
        STOCKROOM_CHECK(changes.flush());
        return shipped;
    });
}

Result<ShipResult> OrderService::shipWithin(OrderFlow &flow, OrderHeader &order, const ShipRequest &details,
                                            bool channelFulfilled)
{
    STOCKROOM_TRY(allocations, flow.orders().openAllocations(order.id));
    STOCKROOM_TRY(linesBefore, flow.orders().lines(order.id));
    // Complete when every line's remaining units are all allocated now.
    bool complete = true;
    for (const OrderLineRecord &line : std::as_const(linesBefore)) {
        int allocated = 0;
        for (const AllocationRecord &allocation : std::as_const(allocations)) {
            allocated += allocation.orderLineId == line.id ? allocation.qty : 0;
        }
        complete = complete && line.qtyShipped + line.qtyCancelled + allocated >= line.qty;
    }
    // On hold (or closed), nothing leaves: on_hold → partially_shipped is the way back from a hold,
    // not a way to ship past it.
    if (const std::optional<OrderStatus> current = orderStatusFromString(order.status);
        !current || !canShip(*current)) {
        return Error::business(
            OrderFlow::tr("Order %1 is %2: it cannot be %3.")
                .arg(order.number, OrderFlow::words(order.status), OrderService::tr("shipped")));
    }
    const OrderStatus next = complete ? OrderStatus::Shipped : OrderStatus::PartiallyShipped;
    const bool staysPartial
        = next == OrderStatus::PartiallyShipped && order.status == toString(OrderStatus::PartiallyShipped);
    if (!staysPartial) {
        STOCKROOM_CHECK(OrderFlow::checkTransition(order, next, OrderService::tr("shipped")));
    }
    STOCKROOM_TRY(rules, flow.fulfilment().orderRules(order.id));
    const std::optional<PaymentStatus> payment = paymentStatusFromString(order.paymentStatus);
    if (!channelFulfilled && !rules.payLater && (!payment || !paymentClearsShipping(*payment))) {
        return Error::business(
            OrderService::tr("Order %1 is not paid (%2): goods leave only when it is paid, or "
                             "when its channel or customer pays later.")
                .arg(order.number, OrderFlow::words(order.paymentStatus)));
    }
    if (allocations.isEmpty()) {
        return Error::business(
            OrderService::tr("Order %1 has nothing allocated to ship yet (backordered).").arg(order.number));
    }

    ShipResult shipped;
    shipped.number = order.number;
    QMap<qint64, qint64> shipmentByLocation;
    for (const AllocationRecord &allocation : std::as_const(allocations)) {
        if (!shipmentByLocation.contains(allocation.locationId)) {
            STOCKROOM_TRY(shipmentId,
                          flow.orders().insertShipment(order.id, allocation.locationId,
                                                       details.carrier.trimmed(), details.service.trimmed(),
                                                       details.trackingNumber, details.weightGrams,
                                                       flow.now()));
            shipmentByLocation.insert(allocation.locationId, shipmentId);
            shipped.shipments << ShipmentSummary {shipmentId, allocation.locationCode, 0};
            flow.changes().add(QStringLiteral("shipment"), QString::number(shipmentId),
                               QStringLiteral("insert"));
        }
        const qint64 shipmentId = shipmentByLocation.value(allocation.locationId);
        STOCKROOM_TRY(
            consumed,
            flow.stock().consumeReserved(allocation.productId, allocation.locationId, allocation.qty));
        if (!consumed) {
            return Error::database(
                OrderService::tr("The stock of order %1 at %2 is not reserved as recorded; run check.")
                    .arg(order.number, allocation.locationCode));
        }
        STOCKROOM_CHECK(flow.orders().closeAllocation(allocation.id, QStringLiteral("shipped"), flow.now()));
        STOCKROOM_CHECK(flow.orders().insertShipmentLine(shipmentId, allocation.orderLineId, allocation.qty));
        STOCKROOM_CHECK(flow.orders().addShipped(allocation.orderLineId, allocation.qty));
        STOCKROOM_CHECK(flow.movement(allocation.productId, allocation.locationId, -allocation.qty,
                                      -allocation.qty, QStringLiteral("ship"), QStringLiteral("shipment"),
                                      shipmentId));
        for (ShipmentSummary &summary : shipped.shipments) {
            if (summary.shipmentId == shipmentId) {
                summary.units += allocation.qty;
            }
        }
    }
    if (!staysPartial) {
        STOCKROOM_CHECK(flow.moveTo(order, next, OrderService::tr("shipped")));
    }
    if (!details.trackingNumber.isEmpty()) {
        STOCKROOM_CHECK(flow.orders().refreshSearchText(order.id)); // clerks search by tracking number
    }
    shipped.status = toString(next);
    order.status = shipped.status;
    for (const ShipmentSummary &summary : std::as_const(shipped.shipments)) {
        QString how = QStringList {details.carrier.trimmed(), details.service.trimmed()}
                          .join(QLatin1Char(' '))
                          .trimmed();
        STOCKROOM_CHECK(flow.event(
            order.id, QStringLiteral("shipped"),
            OrderService::tr("shipped %n unit(s) from %1", nullptr, summary.units).arg(summary.locationCode)
                + (how.isEmpty() ? QString() : QStringLiteral(", ") + how)
                + (details.trackingNumber.isEmpty() ? QString()
                                                    : QStringLiteral(", ") + details.trackingNumber)));
    }
    flow.changedOrder(order.id);
    return shipped;
}

} // namespace Stockroom
