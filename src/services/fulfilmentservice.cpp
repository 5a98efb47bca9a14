// SPDX-License-Identifier: GPL-3.0-or-later
#include "fulfilmentservice.h"

#include "access.h"

#include "catalogrepository.h"
#include "channelorderrepository.h"
#include "orderflow.h"
#include "tracking.h"

namespace Stockroom {

namespace {

constexpr qint64 MaxAmountCents = 100'000'000'00; // a hundred million: anything above is a typo

Status checkPaymentStep(const OrderHeader &order, PaymentStatus to, const QString &action)
{
    const std::optional<PaymentStatus> from = paymentStatusFromString(order.paymentStatus);
    if (from && isAllowedTransition(*from, to)) {
        return {};
    }
    return Error::business(FulfilmentService::tr("The payment of %1 is %2: it cannot be %3.")
                               .arg(order.number, OrderFlow::words(order.paymentStatus), action));
}

/** Whether a barcode names this line: its SKU (any case) or its GTIN in any of its lengths. */
bool scanMatches(const OrderLineRecord &line, const QString &barcode)
{
    const QString code = barcode.trimmed();
    if (code.compare(line.sku, Qt::CaseInsensitive) == 0) {
        return true;
    }
    if (line.gtin.isEmpty()) {
        return false;
    }
    const GtinCheck scanned = Gtin::validate(code);
    const GtinCheck stored = Gtin::validate(line.gtin);
    return scanned.valid && stored.valid && scanned.normalised14 == stored.normalised14;
}

Result<PackProgress> progressOf(OrderFlow &flow, const OrderHeader &order)
{
    STOCKROOM_TRY(lines, flow.orders().lines(order.id));
    STOCKROOM_TRY(allocations, flow.orders().openAllocations(order.id));
    PackProgress progress;
    progress.number = order.number;
    progress.status = order.status;
    for (const OrderLineRecord &line : std::as_const(lines)) {
        PackLine pack {line.sku, line.productName, 0, 0};
        for (const AllocationRecord &allocation : std::as_const(allocations)) {
            if (allocation.orderLineId == line.id) {
                pack.toPack += allocation.qty;
                pack.packed += allocation.qtyPacked;
            }
        }
        if (pack.toPack > 0) {
            progress.lines << pack;
        }
    }
    return progress;
}

/** The state an order returns to when its hold is lifted, from what it holds and what it has sent. */
Result<OrderStatus> stateAfterHold(OrderFlow &flow, qint64 orderId)
{
    STOCKROOM_TRY(lines, flow.orders().lines(orderId));
    bool anyShipped = false;
    bool anyBackordered = false;
    for (const OrderLineRecord &line : std::as_const(lines)) {
        anyShipped = anyShipped || line.qtyShipped > 0;
        anyBackordered = anyBackordered || line.qtyBackordered > 0;
    }
    if (anyShipped) {
        return OrderStatus::PartiallyShipped;
    }
    return anyBackordered ? OrderStatus::Backordered : OrderStatus::Allocated;
}

} // namespace

Result<OrderHeader>
FulfilmentService::changeOrder(const QString &number, std::optional<int> expectedVersion,
                               const std::function<Status(OrderFlow &, const OrderHeader &)> &step)
{
    Database &db = m_context.db;
    return db.write<OrderHeader>([&]() -> Result<OrderHeader> {
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        STOCKROOM_TRY(order, flow.claim(number, expectedVersion));
        STOCKROOM_CHECK(step(flow, order));
        flow.changedOrder(order.id);
        STOCKROOM_CHECK(changes.flush());
        STOCKROOM_TRY(updated, flow.orders().findById(order.id));
        return *updated;
    });
}

Result<OrderHeader> FulfilmentService::authorize(const QString &number, std::optional<int> expectedVersion)
{
    return changeOrder(number, expectedVersion, [](OrderFlow &flow, const OrderHeader &order) -> Status {
        STOCKROOM_CHECK(
            checkPaymentStep(order, PaymentStatus::Authorized, FulfilmentService::tr("authorized")));
        STOCKROOM_CHECK(flow.fulfilment().setPayment(order.id, toString(PaymentStatus::Authorized), 0, 0));
        return flow.event(
            order.id, QStringLiteral("payment"),
            FulfilmentService::tr("payment of %1 authorized").arg(OrderFlow::money(order.totalCents)));
    });
}

Result<OrderHeader> FulfilmentService::pay(const QString &number, std::optional<qint64> amountCents,
                                           std::optional<int> expectedVersion)
{
    if (amountCents && (*amountCents <= 0 || *amountCents > MaxAmountCents)) {
        return Error::usage(FulfilmentService::tr("A payment must be more than 0.00 and at most %1.")
                                .arg(OrderFlow::money(MaxAmountCents)));
    }
    return changeOrder(
        number, expectedVersion, [amountCents](OrderFlow &flow, const OrderHeader &order) -> Status {
            STOCKROOM_CHECK(checkPaymentStep(order, PaymentStatus::Paid, FulfilmentService::tr("paid")));
            const qint64 amount = amountCents.value_or(order.totalCents);
            STOCKROOM_CHECK(flow.fulfilment().setPayment(order.id, toString(PaymentStatus::Paid), amount, 0));
            return flow.event(order.id, QStringLiteral("payment"),
                              FulfilmentService::tr("paid %1").arg(OrderFlow::money(amount)), amount);
        });
}

Result<OrderHeader> FulfilmentService::refund(const QString &number, qint64 amountCents, const QString &note,
                                              std::optional<int> expectedVersion)
{
    if (amountCents <= 0 || amountCents > MaxAmountCents) {
        return Error::usage(FulfilmentService::tr("A refund must be more than 0.00."));
    }
    return changeOrder(
        number, expectedVersion, [amountCents, note](OrderFlow &flow, const OrderHeader &order) -> Status {
            const qint64 refunded = order.refundedCents + amountCents;
            const PaymentStatus to
                = refunded >= order.paidCents ? PaymentStatus::Refunded : PaymentStatus::PartiallyRefunded;
            STOCKROOM_CHECK(checkPaymentStep(order, to, FulfilmentService::tr("refunded")));
            if (refunded > order.paidCents) {
                return Error::business(
                    FulfilmentService::tr("%1 was paid %2 and refunded %3 already: at most %4 "
                                          "can be refunded, not %5.")
                        .arg(order.number, OrderFlow::money(order.paidCents),
                             OrderFlow::money(order.refundedCents),
                             OrderFlow::money(order.paidCents - order.refundedCents),
                             OrderFlow::money(amountCents)));
            }
            STOCKROOM_CHECK(flow.fulfilment().setPayment(order.id, toString(to), order.paidCents, refunded));
            QString detail = FulfilmentService::tr("refunded %1").arg(OrderFlow::money(amountCents));
            if (!note.trimmed().isEmpty()) {
                detail += QStringLiteral(" — ") + note.trimmed();
            }
            return flow.event(order.id, QStringLiteral("refund"), detail, -amountCents);
        });
}

Result<OrderHeader> FulfilmentService::voidPayment(const QString &number, std::optional<int> expectedVersion)
{
    return changeOrder(number, expectedVersion, [](OrderFlow &flow, const OrderHeader &order) -> Status {
        STOCKROOM_CHECK(checkPaymentStep(order, PaymentStatus::Voided, FulfilmentService::tr("voided")));
        STOCKROOM_CHECK(flow.fulfilment().setPayment(order.id, toString(PaymentStatus::Voided), 0, 0));
        return flow.event(order.id, QStringLiteral("payment"), FulfilmentService::tr("payment voided"));
    });
}

Result<OrderHeader> FulfilmentService::hold(const QString &number, const QString &reason,
                                            std::optional<int> expectedVersion)
{
    if (reason.trimmed().isEmpty()) {
        return Error::usage(FulfilmentService::tr("A hold needs a reason (e.g. \"address check\")."));
    }
    return changeOrder(
        number, expectedVersion, [reason](OrderFlow &flow, const OrderHeader &order) -> Status {
            STOCKROOM_CHECK(flow.moveTo(order, OrderStatus::OnHold, FulfilmentService::tr("put on hold")));
            STOCKROOM_CHECK(flow.fulfilment().setHoldReason(order.id, reason.trimmed()));
            return flow.event(order.id, QStringLiteral("hold"),
                              FulfilmentService::tr("on hold: %1 (reservations kept)").arg(reason.trimmed()));
        });
}

Result<OrderHeader> FulfilmentService::unhold(const QString &number, std::optional<int> expectedVersion)
{
    return changeOrder(number, expectedVersion, [](OrderFlow &flow, const OrderHeader &order) -> Status {
        OrderHeader held = order;
        return unholdWithin(flow, held);
    });
}

Status FulfilmentService::unholdWithin(OrderFlow &flow, OrderHeader &order)
{
    if (order.status != toString(OrderStatus::OnHold)) {
        return Error::business(FulfilmentService::tr("Order %1 is %2, not on hold.")
                                   .arg(order.number, OrderFlow::words(order.status)));
    }
    if (order.unmatchedLines > 0) {
        return Error::business(
            FulfilmentService::tr("Order %1 has %n line(s) naming no product of ours: map each SKU to a "
                                  "product (SKU aliases) or drop the line first.",
                                  nullptr, order.unmatchedLines)
                .arg(order.number));
    }
    STOCKROOM_TRY(next, stateAfterHold(flow, order.id));
    STOCKROOM_CHECK(flow.moveTo(order, next, FulfilmentService::tr("taken off hold")));
    STOCKROOM_CHECK(flow.fulfilment().setHoldReason(order.id, {}));
    STOCKROOM_CHECK(ChannelOrderRepository(flow.db()).setHoldCode(order.id, {}));
    STOCKROOM_CHECK(
        flow.event(order.id, QStringLiteral("unhold"),
                   FulfilmentService::tr("hold lifted: %1").arg(OrderFlow::words(toString(next)))));
    // Stock that arrived during the hold went to others or waits on the shelf: the order joins the queue
    // again now, first placed first served, as if the stock had just arrived.
    STOCKROOM_TRY(lines, flow.orders().lines(order.id));
    for (const OrderLineRecord &line : std::as_const(lines)) {
        if (line.qtyBackordered == 0) {
            continue;
        }
        STOCKROOM_TRY(stock, flow.stock().productStock(line.sku));
        if (!stock) {
            continue;
        }
        for (const RoutingLocation &location : std::as_const(stock->locations)) {
            if (stock->available.value(location.id) > 0) {
                STOCKROOM_CHECK(BackorderFiller::fill(flow, line.productId, location.id, location.code));
            }
        }
    }
    return {};
}

Result<OrderHeader> FulfilmentService::release(const QString &number, std::optional<int> expectedVersion)
{
    return changeOrder(number, expectedVersion, [](OrderFlow &flow, const OrderHeader &order) -> Status {
        STOCKROOM_CHECK(OrderFlow::checkTransition(order, OrderStatus::Picking,
                                                   FulfilmentService::tr("released for picking")));
        STOCKROOM_TRY(allocations, flow.orders().openAllocations(order.id));
        if (allocations.isEmpty()) {
            return Error::business(
                FulfilmentService::tr("Order %1 has nothing allocated to pick.").arg(order.number));
        }
        STOCKROOM_TRY(rules, flow.fulfilment().orderRules(order.id));
        const std::optional<PaymentStatus> payment = paymentStatusFromString(order.paymentStatus);
        if (!rules.payLater && (!payment || !paymentClearsShipping(*payment))) {
            return Error::business(
                FulfilmentService::tr("Order %1 is not paid (%2): it is released for picking "
                                      "only when paid, or when its channel or customer pays "
                                      "later.")
                    .arg(order.number, OrderFlow::words(order.paymentStatus)));
        }
        STOCKROOM_CHECK(
            flow.moveTo(order, OrderStatus::Picking, FulfilmentService::tr("released for picking")));
        // Packed before a hold and released again: the box is still packed, it goes straight on to packed.
        STOCKROOM_TRY(progress, progressOf(flow, order));
        const bool alreadyPacked = progress.complete();
        QStringList where;
        for (const AllocationRecord &allocation : std::as_const(allocations)) {
            if (!where.contains(allocation.locationCode)) {
                where << allocation.locationCode;
            }
        }
        STOCKROOM_CHECK(flow.event(order.id, QStringLiteral("released"),
                                   FulfilmentService::tr("released for picking at %1%2")
                                       .arg(where.join(QStringLiteral(", ")),
                                            rules.payLater && !(payment && paymentClearsShipping(*payment))
                                                ? FulfilmentService::tr(" (pays later)")
                                                : QString())));
        if (alreadyPacked) {
            OrderHeader picking = order;
            picking.status = toString(OrderStatus::Picking);
            STOCKROOM_CHECK(flow.moveTo(picking, OrderStatus::Packed, FulfilmentService::tr("packed")));
            STOCKROOM_CHECK(flow.event(order.id, QStringLiteral("packed"),
                                       FulfilmentService::tr("still packed from before the hold")));
        }
        return {};
    });
}

Result<PackProgress> FulfilmentService::scan(const QString &number, const QString &barcode)
{
    return scanAll(number, {barcode});
}

Result<PackProgress> FulfilmentService::scanAll(const QString &number, const QStringList &barcodes)
{
    if (barcodes.isEmpty()) {
        return Error::usage(FulfilmentService::tr("Nothing was scanned."));
    }
    Database &db = m_context.db;
    return db.write<PackProgress>([&]() -> Result<PackProgress> {
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        STOCKROOM_TRY(order, flow.claim(number, std::nullopt));
        const std::optional<OrderStatus> status = orderStatusFromString(order.status);
        if (status != OrderStatus::Picking) {
            if (status == OrderStatus::Packed) {
                return Error::business(
                    FulfilmentService::tr("Too many: order %1 is packed completely already.")
                        .arg(order.number));
            }
            return Error::business(
                FulfilmentService::tr("Order %1 is %2: release it for picking before packing.")
                    .arg(order.number, OrderFlow::words(order.status)));
        }
        STOCKROOM_TRY(lines, flow.orders().lines(order.id));
        QString lastSku;
        for (const QString &barcode : barcodes) {
            // The same product may stand on several lines: any of them with a unit still to pack takes it.
            QSet<qint64> matching;
            QString sku;
            for (const OrderLineRecord &line : std::as_const(lines)) {
                if (scanMatches(line, barcode)) {
                    matching.insert(line.id);
                    sku = line.sku;
                }
            }
            if (matching.isEmpty()) {
                return Error::business(
                    FulfilmentService::tr("Wrong item: %1 is not in order %2. Put it back.")
                        .arg(barcode.trimmed(), order.number));
            }
            STOCKROOM_TRY(allocations, flow.orders().openAllocations(order.id));
            bool packed = false;
            int allocated = 0;
            for (const AllocationRecord &allocation : std::as_const(allocations)) {
                if (!matching.contains(allocation.orderLineId)) {
                    continue;
                }
                allocated += allocation.qty;
                if (!packed && allocation.qtyPacked < allocation.qty) {
                    STOCKROOM_TRY(done, flow.fulfilment().packUnit(allocation.id));
                    packed = done;
                }
            }
            if (!packed) {
                return Error::business(
                    FulfilmentService::tr("Too many: all %1 × %2 of order %3 are packed already.")
                        .arg(allocated)
                        .arg(sku, order.number));
            }
            lastSku = sku;
        }
        STOCKROOM_TRY(progress, progressOf(flow, order));
        progress.scannedSku = lastSku;
        if (progress.complete()) {
            STOCKROOM_CHECK(flow.moveTo(order, OrderStatus::Packed, FulfilmentService::tr("packed")));
            int units = 0;
            for (const PackLine &line : std::as_const(progress.lines)) {
                units += line.packed;
            }
            STOCKROOM_CHECK(flow.event(order.id, QStringLiteral("packed"),
                                       FulfilmentService::tr("packed, %n unit(s) scanned", nullptr, units)));
            progress.status = toString(OrderStatus::Packed);
        }
        flow.changedOrder(order.id);
        STOCKROOM_CHECK(changes.flush());
        return progress;
    });
}

Result<PackProgress> FulfilmentService::packProgress(const QString &number)
{
    Database &db = m_context.db;
    return db.read<PackProgress>([&]() -> Result<PackProgress> {
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        STOCKROOM_TRY(order, flow.load(number));
        return progressOf(flow, order);
    });
}

Status FulfilmentService::setChannelRules(const QString &channel, const FulfilmentRules &rules)
{
    if (channel.trimmed().isEmpty()) {
        return Error::usage(FulfilmentService::tr("A channel needs a name."));
    }
    STOCKROOM_CHECK(Access::require(m_context, Role::Admin,
                                    FulfilmentService::tr("Changing a channel's fulfilment rules")));
    Database &db = m_context.db;
    return db.write([&]() -> Status {
        CatalogRepository catalog(db);
        for (const QString &code : rules.shipFrom) {
            STOCKROOM_CHECK(Known::location(catalog, code));
        }
        STOCKROOM_CHECK(Audit::record(
            m_context, QStringLiteral("channel.rules"), QStringLiteral("channel"), channel.trimmed(),
            FulfilmentService::tr("fulfilment rules set"), {},
            QJsonObject {{QStringLiteral("pay_later"), rules.payLater},
                         {QStringLiteral("ship_from"), rules.shipFrom.join(QStringLiteral(","))}}));
        ChangeRecorder changes(m_context);
        STOCKROOM_CHECK(FulfilmentRepository(db).saveChannel(ChannelRecord {channel.trimmed(), rules},
                                                             toStoredTime(m_context.clock.now())));
        changes.add(QStringLiteral("channel"), channel.trimmed(), QStringLiteral("update"));
        return changes.flush();
    });
}

Status FulfilmentService::setCustomerRules(const QString &customerName, const FulfilmentRules &rules)
{
    STOCKROOM_CHECK(Access::require(m_context, Role::Manager,
                                    FulfilmentService::tr("Changing a customer's fulfilment rules")));
    Database &db = m_context.db;
    return db.write([&]() -> Status {
        CatalogRepository catalog(db);
        STOCKROOM_TRY(customer, catalog.customerByName(customerName.trimmed()));
        if (!customer) {
            return Error::business(FulfilmentService::tr("There is no customer \"%1\".").arg(customerName));
        }
        for (const QString &code : rules.shipFrom) {
            STOCKROOM_CHECK(Known::location(catalog, code));
        }
        ChangeRecorder changes(m_context);
        STOCKROOM_CHECK(FulfilmentRepository(db).setCustomerRules(*customer, rules));
        changes.add(QStringLiteral("customer"), QString::number(*customer), QStringLiteral("update"));
        return changes.flush();
    });
}

Status FulfilmentService::setBin(const QString &sku, const QString &locationCode, const QString &bin)
{
    Database &db = m_context.db;
    return db.write([&]() -> Status {
        CatalogRepository catalog(db);
        STOCKROOM_TRY(product, Known::product(catalog, sku));
        STOCKROOM_TRY(location, Known::location(catalog, locationCode));
        ChangeRecorder changes(m_context);
        STOCKROOM_CHECK(FulfilmentRepository(db).setBin(product.id, location.id, bin.trimmed()));
        changes.stock(product.id, location.id);
        return changes.flush();
    });
}

Result<PickListRows> FulfilmentService::pickList(const QString &locationCode)
{
    Database &db = m_context.db;
    return db.read<PickListRows>([&]() -> Result<PickListRows> {
        CatalogRepository catalog(db);
        STOCKROOM_TRY(location, Known::location(catalog, locationCode));
        STOCKROOM_TRY(rows, FulfilmentRepository(db).pickRows(location.id));
        PickListRows list {location.code, location.name, rows, 0};
        QSet<qint64> orders;
        for (const PickRow &row : std::as_const(rows)) {
            orders.insert(row.orderId);
        }
        list.orders = int(orders.size());
        return list;
    });
}

Result<OrderDetail> FulfilmentService::detail(const QString &number)
{
    Database &db = m_context.db;
    return db.read<OrderDetail>([&]() -> Result<OrderDetail> {
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        OrderDetail detail;
        STOCKROOM_TRY(order, flow.load(number));
        detail.header = order;
        STOCKROOM_TRY(lines, flow.orders().lines(order.id));
        detail.lines = lines;
        STOCKROOM_TRY(allocations, flow.orders().openAllocations(order.id));
        detail.allocations = allocations;
        STOCKROOM_TRY(shipments, flow.fulfilment().shipments(order.id));
        detail.shipments = shipments;
        STOCKROOM_TRY(tracking, flow.fulfilment().trackingEvents(order.id));
        detail.tracking = tracking;
        STOCKROOM_TRY(returns, flow.fulfilment().returnsOf(order.id));
        detail.returns = returns;
        for (const ReturnRecord &record : std::as_const(returns)) {
            STOCKROOM_TRY(lines, flow.fulfilment().returnLines(record.id));
            detail.returnLines.insert(record.id, lines);
        }
        STOCKROOM_TRY(history, flow.fulfilment().events(order.id));
        detail.history = history;
        STOCKROOM_TRY(rules, flow.fulfilment().orderRules(order.id));
        detail.rules = rules;
        return detail;
    });
}

} // namespace Stockroom
