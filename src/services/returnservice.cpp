// SPDX-License-Identifier: GPL-3.0-or-later
#include "returnservice.h"

#include "access.h"

#include "catalogrepository.h"
#include "orderflow.h"

namespace Stockroom {

namespace {

Result<ReturnRecord> loadReturn(OrderFlow &flow, const QString &number)
{
    const std::optional<qint64> id = returnIdFromNumber(number);
    if (!id) {
        return Error::usage(
            ReturnService::tr("\"%1\" is not a return number (RMA-000012).").arg(number.trimmed()));
    }
    STOCKROOM_TRY(found, flow.fulfilment().returnById(*id));
    if (!found) {
        return Error::business(ReturnService::tr("There is no return %1.").arg(returnNumber(*id)));
    }
    return *found;
}

Result<ReturnSummary> summaryOf(OrderFlow &flow, qint64 returnId)
{
    ReturnSummary summary;
    STOCKROOM_TRY(header, flow.fulfilment().returnById(returnId));
    summary.header = *header;
    summary.orderNumber = orderNumber(header->orderId);
    STOCKROOM_TRY(lines, flow.fulfilment().returnLines(returnId));
    summary.lines = lines;
    return summary;
}

Status checkReturnStep(const ReturnRecord &record, ReturnStatus to, const QString &action)
{
    const std::optional<ReturnStatus> from = returnStatusFromString(record.status);
    if (from && isAllowedTransition(*from, to)) {
        return {};
    }
    return Error::business(ReturnService::tr("Return %1 is %2: it cannot be %3.")
                               .arg(record.number, OrderFlow::words(record.status), action));
}

} // namespace

QStringList ReturnService::writeOffReasons()
{
    return {QStringLiteral("damaged"), QStringLiteral("expired"), QStringLiteral("lost")};
}

Result<ReturnSummary> ReturnService::create(const QString &orderNumber, const QList<ReturnLineRequest> &lines,
                                            const QString &reason)
{
    if (lines.isEmpty()) {
        return Error::usage(ReturnService::tr("A return needs at least one line (SKU and quantity)."));
    }
    for (const ReturnLineRequest &line : lines) {
        if (line.qty <= 0) {
            return Error::usage(ReturnService::tr("The quantity of %1 must be at least 1.").arg(line.sku));
        }
    }
    Database &db = m_context.db;
    return db.write<ReturnSummary>([&]() -> Result<ReturnSummary> {
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        STOCKROOM_TRY(order, flow.claim(orderNumber, std::nullopt));
        STOCKROOM_TRY(orderLines, flow.orders().lines(order.id));
        STOCKROOM_TRY(returnId,
                      flow.fulfilment().insertReturn(order.id, reason.trimmed(), flow.user(), flow.now()));
        QStringList what;
        for (const ReturnLineRequest &request : lines) {
            // The same SKU may stand on several lines: the units are spread over them in line order, each
            // line taking what it shipped and has not had back yet.
            bool inOrder = false;
            int shipped = 0;
            int returned = 0;
            QList<QPair<const OrderLineRecord *, int>> portions;
            int left = request.qty;
            for (const OrderLineRecord &candidate : std::as_const(orderLines)) {
                if (candidate.sku.compare(request.sku.trimmed(), Qt::CaseInsensitive) != 0) {
                    continue;
                }
                inOrder = true;
                shipped += candidate.qtyShipped;
                returned += candidate.qtyReturned;
                const int take = std::min(left, candidate.qtyShipped - candidate.qtyReturned);
                if (take > 0) {
                    portions << qMakePair(&candidate, take);
                    left -= take;
                }
            }
            if (!inOrder) {
                return Error::business(
                    ReturnService::tr("%1 is not in order %2.").arg(request.sku.trimmed(), order.number));
            }
            if (left > 0) {
                return Error::business(
                    ReturnService::tr("Only %1 × %2 of order %3 shipped and %4 are returned "
                                      "already: %5 more cannot come back.")
                        .arg(shipped)
                        .arg(request.sku.trimmed(), order.number)
                        .arg(returned)
                        .arg(request.qty));
            }
            for (const auto &[line, qty] : std::as_const(portions)) {
                // Guarded as well: two desktops returning the same units at once cannot both succeed.
                STOCKROOM_TRY(counted, flow.fulfilment().addReturned(line->id, qty));
                if (!counted) {
                    return Error::conflict(
                        ReturnService::tr("Order %1 was changed meanwhile.").arg(order.number));
                }
                STOCKROOM_CHECK(
                    flow.fulfilment().insertReturnLine(returnId, line->id, qty, request.reason.trimmed()));
            }
            what << QStringLiteral("%1 × %2").arg(request.qty).arg(request.sku.trimmed());
        }
        STOCKROOM_CHECK(flow.event(order.id, QStringLiteral("return"),
                                   ReturnService::tr("return %1 requested: %2")
                                       .arg(returnNumber(returnId), what.join(QStringLiteral(", ")))));
        changes.add(QStringLiteral("return"), QString::number(returnId), QStringLiteral("insert"));
        STOCKROOM_CHECK(changes.flush());
        return summaryOf(flow, returnId);
    });
}

Result<ReturnSummary> ReturnService::receive(const QString &number,
                                             const QList<ReturnDisposition> &dispositions)
{
    if (dispositions.isEmpty()) {
        return Error::usage(
            ReturnService::tr("Say what happens to the returned units: restock or write off."));
    }
    for (const ReturnDisposition &d : dispositions) {
        if (d.qty <= 0) {
            return Error::usage(ReturnService::tr("The quantity of %1 must be at least 1.").arg(d.sku));
        }
        if (d.kind == ReturnDisposition::Kind::Restock && d.locationCode.trimmed().isEmpty()) {
            return Error::usage(ReturnService::tr("Restocking %1 needs a location.").arg(d.sku));
        }
        if (d.kind == ReturnDisposition::Kind::WriteOff && !writeOffReasons().contains(d.reason.trimmed())) {
            return Error::usage(ReturnService::tr("Writing off %1 needs a reason: %2, not \"%3\".")
                                    .arg(d.sku, writeOffReasons().join(QStringLiteral(", ")), d.reason));
        }
    }
    QJsonObject writtenOff;
    for (const ReturnDisposition &d : dispositions) {
        if (d.kind == ReturnDisposition::Kind::WriteOff) {
            writtenOff.insert(
                d.sku,
                QJsonObject {{QStringLiteral("qty"), d.qty}, {QStringLiteral("reason"), d.reason.trimmed()}});
        }
    }
    if (!writtenOff.isEmpty()) {
        STOCKROOM_CHECK(
            Access::require(m_context, Role::Manager, ReturnService::tr("Writing off returned units")));
    }
    Database &db = m_context.db;
    return db.write<ReturnSummary>([&]() -> Result<ReturnSummary> {
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        CatalogRepository catalog(db);
        STOCKROOM_TRY(record, loadReturn(flow, number));
        if (!writtenOff.isEmpty()) {
            STOCKROOM_CHECK(Audit::record(m_context, QStringLiteral("return.writeoff"),
                                          QStringLiteral("return"), record.number,
                                          ReturnService::tr("returned units written off"), {}, writtenOff));
        }
        STOCKROOM_CHECK(checkReturnStep(record, ReturnStatus::Completed, ReturnService::tr("received")));
        STOCKROOM_TRY(order, flow.claim(orderNumber(record.orderId), std::nullopt));
        int filled = 0;
        QStringList what;
        for (const ReturnDisposition &d : dispositions) {
            STOCKROOM_TRY(lines, flow.fulfilment().returnLines(record.id));
            const ReturnLineRecord *line = nullptr;
            for (const ReturnLineRecord &candidate : std::as_const(lines)) {
                if (candidate.sku.compare(d.sku.trimmed(), Qt::CaseInsensitive) == 0
                    && candidate.open() > 0) {
                    line = &candidate;
                    break;
                }
            }
            if (!line) {
                return Error::business(
                    ReturnService::tr("Return %1 expects no more %2.").arg(record.number, d.sku.trimmed()));
            }
            if (d.qty > line->open()) {
                return Error::business(ReturnService::tr("Return %1 expects %2 × %3, not %4.")
                                           .arg(record.number)
                                           .arg(line->open())
                                           .arg(line->sku)
                                           .arg(d.qty));
            }
            qint64 locationId = 0;
            QString locationCode = d.locationCode.trimmed();
            if (!locationCode.isEmpty()) {
                STOCKROOM_TRY(location, Known::location(catalog, locationCode));
                locationId = location.id;
                locationCode = location.code;
            } else {
                STOCKROOM_TRY(from, flow.fulfilment().shippedFrom(line->orderLineId));
                if (!from) {
                    return Error::business(
                        ReturnService::tr("%1 never shipped; say where it is written off.").arg(line->sku));
                }
                locationId = from->first;
                locationCode = from->second;
            }
            STOCKROOM_CHECK(flow.stock().addOnHand(line->productId, locationId, d.qty));
            if (d.kind == ReturnDisposition::Kind::Restock) {
                STOCKROOM_CHECK(flow.movement(line->productId, locationId, d.qty, 0,
                                              QStringLiteral("return_restock"), QStringLiteral("return"),
                                              record.id));
                STOCKROOM_CHECK(flow.fulfilment().insertDisposition(
                    line->id, QStringLiteral("restock"), d.qty, locationId, {}, flow.user(), flow.now()));
                STOCKROOM_TRY(allocated,
                              BackorderFiller::fill(flow, line->productId, locationId, locationCode));
                filled += allocated;
                what << ReturnService::tr("%1 × %2 restocked at %3").arg(d.qty).arg(line->sku, locationCode);
            } else {
                // The unit came through the door and left the books again: both show in the ledger.
                STOCKROOM_CHECK(flow.movement(line->productId, locationId, d.qty, 0,
                                              QStringLiteral("return_writeoff"), QStringLiteral("return"),
                                              record.id, ReturnService::tr("received")));
                STOCKROOM_TRY(taken, flow.stock().adjustOnHand(line->productId, locationId, -d.qty));
                if (!taken) {
                    return Error::database(
                        ReturnService::tr("The written-off units of %1 could not be booked out.")
                            .arg(line->sku));
                }
                STOCKROOM_CHECK(flow.movement(line->productId, locationId, -d.qty, 0,
                                              QStringLiteral("return_writeoff"), QStringLiteral("return"),
                                              record.id, d.reason.trimmed()));
                STOCKROOM_CHECK(flow.fulfilment().insertDisposition(line->id, QStringLiteral("writeoff"),
                                                                    d.qty, locationId, d.reason.trimmed(),
                                                                    flow.user(), flow.now()));
                what << ReturnService::tr("%1 × %2 written off (%3)")
                            .arg(d.qty)
                            .arg(line->sku, d.reason.trimmed());
            }
        }
        STOCKROOM_TRY(after, flow.fulfilment().returnLines(record.id));
        bool complete = true;
        for (const ReturnLineRecord &line : std::as_const(after)) {
            complete = complete && line.open() == 0;
        }
        const ReturnStatus next = complete ? ReturnStatus::Completed : ReturnStatus::Received;
        if (record.status != toString(next)) {
            STOCKROOM_CHECK(checkReturnStep(record, next, ReturnService::tr("received")));
            STOCKROOM_CHECK(flow.fulfilment().setReturnStatus(record.id, toString(next)));
        }
        STOCKROOM_CHECK(flow.event(
            order.id, QStringLiteral("return"),
            ReturnService::tr("return %1 received: %2").arg(record.number, what.join(QStringLiteral(", ")))));
        changes.add(QStringLiteral("return"), QString::number(record.id), QStringLiteral("update"));
        STOCKROOM_CHECK(changes.flush());
        STOCKROOM_TRY(summary, summaryOf(flow, record.id));
        summary.backordersFilled = filled;
        return summary;
    });
}

Result<ReturnSummary> ReturnService::refund(const QString &number, std::optional<qint64> amountCents)
{
    Database &db = m_context.db;
    return db.write<ReturnSummary>([&]() -> Result<ReturnSummary> {
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        STOCKROOM_TRY(record, loadReturn(flow, number));
        STOCKROOM_CHECK(checkReturnStep(record, ReturnStatus::Refunded, ReturnService::tr("refunded")));
        STOCKROOM_TRY(order, flow.claim(orderNumber(record.orderId), std::nullopt));
        qint64 amount = 0;
        if (amountCents) {
            amount = *amountCents;
        } else {
            STOCKROOM_TRY(lines, flow.fulfilment().returnLines(record.id));
            STOCKROOM_TRY(orderLines, flow.orders().lines(order.id));
            for (const ReturnLineRecord &line : std::as_const(lines)) {
                for (const OrderLineRecord &orderLine : std::as_const(orderLines)) {
                    amount += orderLine.id == line.orderLineId ? orderLine.unitPriceCents * line.qty : 0;
                }
            }
        }
        if (amount <= 0) {
            return Error::usage(ReturnService::tr("A refund must be more than 0.00."));
        }
        const qint64 refunded = order.refundedCents + amount;
        if (refunded > order.paidCents) {
            return Error::business(
                ReturnService::tr("%1 was paid %2 and refunded %3 already: %4 more cannot be "
                                  "refunded.")
                    .arg(order.number, OrderFlow::money(order.paidCents),
                         OrderFlow::money(order.refundedCents), OrderFlow::money(amount)));
        }
        const PaymentStatus to
            = refunded >= order.paidCents ? PaymentStatus::Refunded : PaymentStatus::PartiallyRefunded;
        const std::optional<PaymentStatus> from = paymentStatusFromString(order.paymentStatus);
        if (!from || !isAllowedTransition(*from, to)) {
            return Error::business(ReturnService::tr("The payment of %1 is %2: nothing can be refunded.")
                                       .arg(order.number, OrderFlow::words(order.paymentStatus)));
        }
        STOCKROOM_CHECK(flow.fulfilment().setPayment(order.id, toString(to), order.paidCents, refunded));
        STOCKROOM_CHECK(flow.fulfilment().setReturnStatus(record.id, toString(ReturnStatus::Refunded)));
        STOCKROOM_CHECK(flow.event(
            order.id, QStringLiteral("refund"),
            ReturnService::tr("refunded %1 for return %2").arg(OrderFlow::money(amount), record.number),
            -amount));
        changes.add(QStringLiteral("return"), QString::number(record.id), QStringLiteral("update"));
        STOCKROOM_CHECK(changes.flush());
        return summaryOf(flow, record.id);
    });
}

Result<ReturnSummary> ReturnService::cancel(const QString &number)
{
    Database &db = m_context.db;
    return db.write<ReturnSummary>([&]() -> Result<ReturnSummary> {
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        STOCKROOM_TRY(record, loadReturn(flow, number));
        STOCKROOM_CHECK(checkReturnStep(record, ReturnStatus::Cancelled, ReturnService::tr("cancelled")));
        STOCKROOM_TRY(order, flow.claim(orderNumber(record.orderId), std::nullopt));
        STOCKROOM_TRY(lines, flow.fulfilment().returnLines(record.id));
        for (const ReturnLineRecord &line : std::as_const(lines)) {
            STOCKROOM_TRY(removed, flow.fulfilment().removeReturned(line.orderLineId, line.qty));
            if (!removed) {
                return Error::database(
                    ReturnService::tr("The returned count of %1 does not match return %2; run check.")
                        .arg(line.sku, record.number));
            }
        }
        STOCKROOM_CHECK(flow.fulfilment().setReturnStatus(record.id, toString(ReturnStatus::Cancelled)));
        STOCKROOM_CHECK(flow.event(order.id, QStringLiteral("return"),
                                   ReturnService::tr("return %1 cancelled").arg(record.number)));
        changes.add(QStringLiteral("return"), QString::number(record.id), QStringLiteral("update"));
        STOCKROOM_CHECK(changes.flush());
        return summaryOf(flow, record.id);
    });
}

Result<ReturnSummary> ReturnService::get(const QString &number)
{
    Database &db = m_context.db;
    return db.read<ReturnSummary>([&]() -> Result<ReturnSummary> {
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        STOCKROOM_TRY(record, loadReturn(flow, number));
        return summaryOf(flow, record.id);
    });
}

} // namespace Stockroom
