// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderimportservice.h"

#include "catalogrepository.h"
#include "fulfilmentservice.h"
#include "orderflow.h"
#include "orderservice.h"
#include "orderstatus.h"
#include "textfield.h"

#include <QFileInfo>
#include <QSet>

namespace Stockroom {

namespace {

constexpr int MaxNotices = 1000;
const QString UnknownSkuHold = QStringLiteral("unknown_sku");

/** Whether the payment state machine leads from one state to the other (in one or more steps). */
bool paymentReachable(PaymentStatus from, PaymentStatus to)
{
    const QList<PaymentStatus> all = {PaymentStatus::Pending,           PaymentStatus::Authorized,
                                      PaymentStatus::Paid,              PaymentStatus::PartiallyRefunded,
                                      PaymentStatus::Refunded,          PaymentStatus::Voided};
    QList<PaymentStatus> queue {from};
    QSet<int> seen {int(from)};
    while (!queue.isEmpty()) {
        const PaymentStatus at = queue.takeFirst();
        for (PaymentStatus next : all) {
            if (!seen.contains(int(next)) && isAllowedTransition(at, next)) {
                if (next == to) {
                    return true;
                }
                seen.insert(int(next));
                queue << next;
            }
        }
    }
    return false;
}

bool paidLike(PaymentStatus status)
{
    return status == PaymentStatus::Paid || status == PaymentStatus::PartiallyRefunded
        || status == PaymentStatus::Refunded;
}

/** What was paid and refunded for an order in a payment state, from what the file says and the total. */
std::pair<qint64, qint64> paymentAmounts(PaymentStatus status, const ImportedOrder &order, qint64 totalCents,
                                         qint64 paidBefore, qint64 refundedBefore)
{
    if (!paidLike(status)) {
        return {0, 0};
    }
    qint64 paid = order.paidCents > 0 ? order.paidCents : std::max(paidBefore, totalCents);
    qint64 refunded = refundedBefore;
    if (status == PaymentStatus::Refunded) {
        refunded = order.refundedCents > 0 ? order.refundedCents : paid;
    } else if (status == PaymentStatus::PartiallyRefunded) {
        refunded = std::max(refundedBefore, order.refundedCents);
    }
    return {paid, std::clamp<qint64>(refunded, 0, paid)};
}

/** Everything one run shares while it walks the file: caches, counts, the channel. */
struct ImportRun
{
    ServiceContext &context;
    OrderFlow &flow;
    OrderService &orders;
    ChannelOrderRepository &repository;
    const QString &channel;
    QHash<QString, QString> aliases;
    QHash<QString, std::optional<ChannelOrderRepository::ProductRef>> products;
    QHash<QString, std::optional<ChannelOrderRepository::ProductRef>> named;
    QSet<QString> unknown;
    OrderImportOutcome &outcome;

    void notice(OrderImportNotice::Kind kind, const ImportedOrder &order, const QString &number,
                const QString &message)
    {
        if (outcome.notices.size() < MaxNotices) {
            outcome.notices << OrderImportNotice {kind, order.line, order.externalId, number, message};
        }
    }

    Result<std::optional<ChannelOrderRepository::ProductRef>> product(const QString &sku)
    {
        const auto cached = products.constFind(sku);
        if (cached != products.constEnd()) {
            return *cached;
        }
        STOCKROOM_TRY(found, repository.product(sku));
        products.insert(sku, found);
        return found;
    }

    /** Our product for a platform's line: our SKU itself, else an alias of its SKU, else of its name. */
    Result<std::optional<ChannelOrderRepository::ProductRef>> resolve(const ImportedOrderLine &line)
    {
        const QString sku = line.sku.trimmed();
        const QString name = line.name.trimmed();
        if (!sku.isEmpty()) {
            STOCKROOM_TRY(own, product(sku));
            if (own) {
                return own;
            }
        }
        for (const QString &key : {ChannelOrderRepository::aliasKey(channel, sku),
                                   ChannelOrderRepository::aliasKey(QString(), sku),
                                   ChannelOrderRepository::aliasKey(channel, name),
                                   ChannelOrderRepository::aliasKey(QString(), name)}) {
            if (key.endsWith(QChar(0x1f))) {
                continue; // an empty SKU or name is no alias
            }
            const auto alias = aliases.constFind(key);
            if (alias != aliases.constEnd()) {
                return product(*alias);
            }
        }
        return productNamed(name);
    }

    /**
     * The one product of exactly this name. Shopify names an order's item "Title - Variant" where its
     * products export gives "Title / Variant": both spellings are tried. Two products of one name match
     * neither (an alias decides then).
     */
    Result<std::optional<ChannelOrderRepository::ProductRef>> productNamed(const QString &name)
    {
        if (name.isEmpty()) {
            return std::optional<ChannelOrderRepository::ProductRef> {};
        }
        const auto cached = named.constFind(name);
        if (cached != named.constEnd()) {
            return *cached;
        }
        QStringList names {name};
        const qsizetype dash = name.indexOf(QLatin1String(" - "));
        if (dash > 0) {
            names << name.left(dash) + QStringLiteral(" / ") + name.mid(dash + 3);
        }
        STOCKROOM_TRY(found, repository.productNamed(names));
        named.insert(name, found);
        return found;
    }

    Status place(const ImportedOrder &order);
    Status update(const ChannelOrderRecord &existing, const ImportedOrder &order);
};

Status ImportRun::place(const ImportedOrder &order)
{
    const std::optional<PaymentStatus> payment = paymentStatusFromString(order.paymentStatus);
    if (!payment) {
        return Error::usage(OrderImportService::tr("line %1: order %2: unknown payment state \"%3\".")
                                .arg(order.line)
                                .arg(order.externalId, order.paymentStatus));
    }
    PlaceOrderRequest request;
    request.channel = channel;
    request.externalId = order.externalId;
    request.customerName = order.customerName;
    request.customerEmail = order.email;
    request.customerAddress = order.address;
    request.shipRegion = order.region;
    request.shipPostcode = order.postcode;
    request.paymentStatus = order.paymentStatus;
    request.placedAt = order.placedAt;
    request.totalCents = order.totalCents;
    request.note = order.note;
    request.channelState = order.channelState();

    const bool allSent = order.fulfilment == ChannelFulfilment::Fulfilled;
    QStringList unknownHere;
    QStringList inactive;
    qint64 linesTotal = 0;
    for (const ImportedOrderLine &line : order.lines) {
        linesTotal += line.unitPriceCents * line.qty;
        STOCKROOM_TRY(product, resolve(line));
        if (!product) {
            request.unmatched << UnmatchedLineRequest {line.sku.trimmed(), line.name.trimmed(), line.qty,
                                                       line.unitPriceCents};
            const QString named = OrderImportService::lineName(line.sku.trimmed(), line.name.trimmed());
            unknownHere << named;
            if (!unknown.contains(named)) {
                unknown.insert(named);
                outcome.unknownSkus << named;
            }
            continue;
        }
        OrderLineRequest requested;
        requested.sku = product->sku;
        requested.qty = line.qty;
        requested.unitPriceCents = line.unitPriceCents;
        requested.qtyShippedOutside = allSent || line.fulfilled ? line.qty : 0;
        requested.qtyCancelled = order.cancelled ? line.qty - requested.qtyShippedOutside : 0;
        if (line.sku.trimmed() != product->sku) {
            requested.externalSku = line.sku.trimmed().isEmpty() ? line.name.trimmed() : line.sku.trimmed();
        }
        if (!product->active && requested.qtyShippedOutside + requested.qtyCancelled < line.qty) {
            inactive << product->sku;
        }
        request.lines << requested;
    }
    if (request.lines.isEmpty() && request.unmatched.isEmpty()) {
        notice(OrderImportNotice::Kind::Attention, order, {},
               OrderImportService::tr("nothing in it is sent (gift cards, digital goods): not imported"));
        ++outcome.ordersSkipped;
        return {};
    }
    const std::optional<PaymentStatus> status = paymentStatusFromString(order.paymentStatus);
    const auto [paid, refunded]
        = paymentAmounts(*status, order, order.totalCents.value_or(linesTotal), 0, 0);
    request.paidCents = paid;
    request.refundedCents = refunded;

    QStringList reasons;
    if (!order.cancelled && !unknownHere.isEmpty()) {
        reasons << OrderImportService::tr("unknown SKU: %1 (map under SKU aliases)")
                       .arg(unknownHere.join(QStringLiteral(", ")));
    }
    if (!order.cancelled && !inactive.isEmpty()) {
        reasons << OrderImportService::tr("%1 no longer sold here (inactive)").arg(inactive.join(QStringLiteral(", ")));
    }
    request.holdReason = reasons.join(QStringLiteral("; "));

    if (const Status valid = OrderService::validate(request); !valid) {
        return Error::usage(OrderImportService::tr("line %1: order %2: %3")
                                .arg(order.line)
                                .arg(order.externalId, valid.error().message));
    }
    Result<PlacedOrder> placed = orders.placeWithin(flow, request);
    if (!placed) {
        Error error = placed.error();
        error.message = OrderImportService::tr("line %1: order %2: %3").arg(order.line).arg(order.externalId,
                                                                                             error.message);
        return error;
    }
    if (!order.cancelled && !unknownHere.isEmpty()) {
        STOCKROOM_CHECK(repository.setHoldCode(placed->id, UnknownSkuHold));
    }
    ++outcome.ordersNew;
    for (const PlacedLine &line : std::as_const(placed->lines)) {
        for (const LineAllocation &allocation : line.allocations) {
            outcome.unitsReserved += allocation.qty;
        }
        outcome.unitsBackordered += line.backordered;
    }
    if (!request.holdReason.isEmpty()) {
        ++outcome.ordersOnHold;
        notice(OrderImportNotice::Kind::OnHold, order, placed->number,
               OrderImportService::tr("on hold: %1").arg(request.holdReason));
    }
    return {};
}

Status ImportRun::update(const ChannelOrderRecord &existing, const ImportedOrder &order)
{
    const QString state = order.channelState();
    if (existing.channelState == state) {
        ++outcome.ordersUnchanged;
        return {};
    }
    const QString number = orderNumber(existing.id);
    const std::optional<PaymentStatus> current = paymentStatusFromString(existing.paymentStatus);
    const std::optional<PaymentStatus> target = paymentStatusFromString(order.paymentStatus);
    const std::optional<OrderStatus> status = orderStatusFromString(existing.status);
    if (!current || !target || !status) {
        return Error::usage(OrderImportService::tr("line %1: order %2: unknown payment state \"%3\".")
                                .arg(order.line)
                                .arg(order.externalId, order.paymentStatus));
    }

    std::optional<OrderHeader> claimed;
    auto claim = [&]() -> Result<OrderHeader *> {
        if (!claimed) {
            STOCKROOM_TRY(header, flow.claim(number, std::nullopt));
            claimed = header;
        }
        return &*claimed;
    };
    bool changed = false;

    // Payment, only forward along the payment state machine; a later refund may add to an earlier one.
    const auto [paid, refunded] = paymentAmounts(*target, order, existing.totalCents, existing.paidCents,
                                                 existing.refundedCents);
    if (*target != *current && paymentReachable(*current, *target)) {
        STOCKROOM_TRY(header, claim());
        STOCKROOM_CHECK(flow.fulfilment().setPayment(header->id, order.paymentStatus, paid, refunded));
        STOCKROOM_CHECK(flow.event(header->id, QStringLiteral("payment"),
                                   OrderImportService::tr("%1 on %2").arg(OrderFlow::words(order.paymentStatus),
                                                                         channel),
                                   *target == PaymentStatus::Paid ? paid : refunded - existing.refundedCents));
        header->paymentStatus = order.paymentStatus;
        changed = true;
    } else if (*target == *current && refunded > existing.refundedCents) {
        STOCKROOM_TRY(header, claim());
        STOCKROOM_CHECK(flow.fulfilment().setPayment(header->id, order.paymentStatus, paid, refunded));
        STOCKROOM_CHECK(flow.event(header->id, QStringLiteral("payment"),
                                   OrderImportService::tr("refunded %1 more on %2")
                                       .arg(OrderFlow::money(refunded - existing.refundedCents), channel),
                                   refunded - existing.refundedCents));
        changed = true;
    } else if (*target != *current) {
        notice(OrderImportNotice::Kind::Kept, order, number,
               OrderImportService::tr("%1 says %2; kept %3 (imports move a state only forward)")
                   .arg(channel, OrderFlow::words(order.paymentStatus), OrderFlow::words(existing.paymentStatus)));
    }

    if (order.cancelled) {
        if (isOpen(*status)) {
            STOCKROOM_TRY(header, claim());
            STOCKROOM_CHECK(OrderService::cancelWithin(flow, *header, OrderImportService::tr("cancelled on %1").arg(channel)));
            changed = true;
        } else if (*status != OrderStatus::Cancelled) {
            notice(OrderImportNotice::Kind::Attention, order, number,
                   OrderImportService::tr("cancelled on %1, but it is %2 here").arg(channel, OrderFlow::words(existing.status)));
        }
    } else if (order.fulfilment != ChannelFulfilment::Unfulfilled) {
        const bool whole = order.fulfilment == ChannelFulfilment::Fulfilled;
        if (*status == OrderStatus::OnHold) {
            notice(OrderImportNotice::Kind::Attention, order, number,
                   OrderImportService::tr("fulfilled on %1, but on hold here").arg(channel));
        } else if (whole && canShip(*status)) {
            STOCKROOM_TRY(allocations, flow.orders().openAllocations(existing.id));
            if (!allocations.isEmpty()) {
                STOCKROOM_TRY(header, claim());
                ShipRequest details;
                details.carrier = channel;
                STOCKROOM_CHECK(OrderService::shipWithin(flow, *header, details, true));
                changed = true;
            }
            STOCKROOM_TRY(lines, flow.orders().lines(existing.id));
            int waiting = 0;
            for (const OrderLineRecord &line : std::as_const(lines)) {
                waiting += line.qtyBackordered;
            }
            if (waiting > 0) {
                notice(OrderImportNotice::Kind::Attention, order, number,
                       OrderImportService::tr("fulfilled on %1, but %n unit(s) are still backordered here",
                                              nullptr, waiting)
                           .arg(channel));
            }
        } else if (!whole && isOpen(*status)) {
            notice(OrderImportNotice::Kind::Attention, order, number,
                   OrderImportService::tr("partly fulfilled on %1: check what is left to send here").arg(channel));
        }
    }

    STOCKROOM_CHECK(repository.setChannelState(existing.id, state));
    if (changed) {
        flow.forgetStock(); // a cancellation or shipment moved stock the placement had kept
        ++outcome.ordersUpdated;
        flow.changedOrder(existing.id);
    } else {
        ++outcome.ordersUnchanged;
    }
    return {};
}

/**
 * PostgreSQL plans a prepared statement once for all later runs, from the table statistics of that moment;
 * in an import the order tables grow within one transaction, which autovacuum cannot see, and a plan made
 * for an empty table (a sequential scan) becomes quadratic. ANALYZE counts our own uncommitted rows and
 * makes the server plan again: at the start and each time the import has grown them fourfold.
 */
Status refreshStatistics(Database &db)
{
    if (db.engine() != Engine::PostgreSQL) {
        return {};
    }
    // Through the owner's function (schema version 6): a desktop's role may not ANALYZE by itself.
    return db.run(QStringLiteral("SELECT stockroom_analyze('orders', 'order_lines', 'allocations', 'stock_levels', "
                                 "'stock_movements', 'order_events', 'customers', 'order_search', "
                                 "'order_unmatched_lines')"));
}

/** Returned from the transaction to roll it back on a dry run or a refused file; never reaches a caller. */
Error rollback()
{
    return Error::usage(QStringLiteral("rolled back"));
}

} // namespace

QString OrderImportService::lineName(const QString &sku, const QString &name)
{
    if (sku.isEmpty()) {
        return name.isEmpty() ? tr("(a line without SKU or name)") : name;
    }
    return name.isEmpty() || name == sku ? sku : QStringLiteral("%1 (%2)").arg(sku, name);
}

Result<OrderImportOutcome> OrderImportService::run(ChannelOrderSource &source, const OrderImportOptions &options)
{
    const QString channel = options.channel.trimmed();
    if (channel.isEmpty()) {
        return Error::usage(tr("An order import needs a channel."));
    }
    OrderImportOutcome outcome;
    bool rolledBack = false;
    Database &db = m_context.db;
    Result<OrderImportOutcome> result = db.write<OrderImportOutcome>([&]() -> Result<OrderImportOutcome> {
        outcome = {};
        rolledBack = false;
        if (!source.start()) {
            rolledBack = true;
            return rollback();
        }
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        flow.keepStock(true);
        flow.deferSearch(true);
        STOCKROOM_CHECK(flow.deferRows(true));
        OrderService orders(m_context);
        ChannelOrderRepository repository(db);
        STOCKROOM_TRY(aliases, repository.aliasMap(channel));
        ImportRun run {m_context, flow, orders, repository, channel, aliases, {}, {}, {}, outcome};
        int pending = 0;
        int placed = 0;
        int nextStatistics = 500;
        STOCKROOM_CHECK(refreshStatistics(db));
        while (std::optional<ImportedOrder> order = source.next()) {
            outcome.lines += int(order->lines.size());
            outcome.linesSkipped += order->skippedLines;
            if (source.hasProblems()) {
                continue; // nothing will be applied: read on only to report every problem
            }
            STOCKROOM_TRY(existing, repository.find(channel, order->externalId));
            if (existing) {
                // A known order reads its lines and allocations, and cancelling or shipping it writes
                // through other paths too: the gathered rows go first, and its own rows one by one.
                STOCKROOM_CHECK(flow.deferRows(false));
                STOCKROOM_CHECK(run.update(*existing, *order));
                STOCKROOM_CHECK(flow.deferRows(true));
            } else {
                STOCKROOM_CHECK(run.place(*order));
            }
            // The rows, the change log and the search text (which reads the lines) are written as the file
            // goes (same transaction), so memory stays flat.
            if (++pending == 500) {
                STOCKROOM_CHECK(flow.flushRows());
                STOCKROOM_CHECK(flow.flushSearch());
                STOCKROOM_CHECK(changes.flush());
                pending = 0;
            }
            if (++placed == nextStatistics) {
                STOCKROOM_CHECK(refreshStatistics(db));
                nextStatistics *= 4;
            }
        }
        STOCKROOM_CHECK(flow.flushRows());
        STOCKROOM_CHECK(flow.flushSearch());
        if (source.hasProblems() || options.dryRun) {
            rolledBack = true;
            return rollback();
        }
        const QString summary = tr("%1 new, %2 updated, %3 unchanged, %4 on hold")
                                    .arg(outcome.ordersNew)
                                    .arg(outcome.ordersUpdated)
                                    .arg(outcome.ordersUnchanged)
                                    .arg(outcome.ordersOnHold);
        STOCKROOM_TRY(importId, db.insert(QStringLiteral("INSERT INTO imports (kind, file_name, summary, user_name, "
                                                         "at, channel) VALUES ('orders', ?, ?, ?, ?, ?) RETURNING id"),
                                          {QFileInfo(options.fileName).fileName(), summary, m_context.userName,
                                           flow.now(), channel}));
        changes.add(QStringLiteral("import"), QString::number(importId), QStringLiteral("insert"));
        STOCKROOM_CHECK(changes.flush());
        outcome.importId = importId;
        outcome.applied = true;
        return outcome;
    });
    if (!result && rolledBack) {
        outcome.applied = false;
        outcome.importId = 0;
        return outcome;
    }
    return result;
}

Result<QList<SkuAlias>> OrderImportService::aliases(const QString &channel)
{
    Database &db = m_context.db;
    return db.read<QList<SkuAlias>>([&]() { return ChannelOrderRepository(db).aliases(channel.trimmed()); });
}

namespace {

/** An order's unknown line becomes a real one (waiting for stock); the last one lifts the import's hold. */
Status resolveLine(OrderFlow &flow, const UnmatchedLine &line, const ProductRecord &product)
{
    ChannelOrderRepository repository(flow.db());
    STOCKROOM_TRY(order, flow.claim(line.orderNumber, std::nullopt));
    STOCKROOM_TRY(lineId, flow.orders().insertLine(OrderLineInsert {order.id, line.lineNo, product.id, line.qty,
                                                                    line.unitPriceCents, line.qty, 0, 0,
                                                                    line.sku.isEmpty() ? line.name : line.sku}));
    Q_UNUSED(lineId)
    STOCKROOM_CHECK(statusOf(repository.removeUnmatched(line.id)));
    STOCKROOM_CHECK(flow.event(order.id, QStringLiteral("line_mapped"),
                               OrderImportService::tr("line %1: %2 is our %3")
                                   .arg(line.lineNo)
                                   .arg(OrderImportService::lineName(line.sku, line.name), product.sku)));
    STOCKROOM_CHECK(flow.orders().refreshSearchText(order.id));
    STOCKROOM_TRY(reloaded, flow.orders().findById(order.id));
    STOCKROOM_TRY(code, repository.holdCode(order.id));
    if (reloaded && reloaded->unmatchedLines == 0 && reloaded->status == toString(OrderStatus::OnHold)
        && code == UnknownSkuHold) {
        STOCKROOM_CHECK(FulfilmentService::unholdWithin(flow, *reloaded));
    }
    flow.changedOrder(order.id);
    return {};
}

} // namespace

Result<int> OrderImportService::setAlias(const QString &channel, const QString &alias, const QString &sku)
{
    const QString name = alias.trimmed();
    if (name.isEmpty()) {
        return Error::usage(tr("An alias needs the platform's SKU or item name."));
    }
    STOCKROOM_CHECK(TextField::check(tr("The alias"), alias, TextField::NameLength));
    STOCKROOM_CHECK(TextField::check(tr("The channel"), channel, TextField::CodeLength));
    Database &db = m_context.db;
    return db.write<int>([&]() -> Result<int> {
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        CatalogRepository catalog(db);
        ChannelOrderRepository repository(db);
        STOCKROOM_TRY(product, Known::product(catalog, sku.trimmed()));
        if (product.sku == name && channel.trimmed().isEmpty()) {
            return Error::usage(tr("%1 is our SKU already; an alias of itself changes nothing.").arg(name));
        }
        STOCKROOM_CHECK(repository.setAlias(channel.trimmed(), name, product.id, m_context.userName, flow.now()));
        STOCKROOM_TRY(lines, repository.unmatchedFor(channel.trimmed(), name));
        for (const UnmatchedLine &line : std::as_const(lines)) {
            STOCKROOM_CHECK(resolveLine(flow, line, product));
        }
        changes.add(QStringLiteral("sku_alias"), channel.trimmed() + QLatin1Char('/') + name, QStringLiteral("update"));
        STOCKROOM_CHECK(changes.flush());
        return int(lines.size());
    });
}

Status OrderImportService::removeAlias(const QString &channel, const QString &alias)
{
    Database &db = m_context.db;
    return db.write([&]() -> Status {
        ChangeRecorder changes(m_context);
        STOCKROOM_TRY(removed, ChannelOrderRepository(db).removeAlias(channel.trimmed(), alias.trimmed()));
        if (removed == 0) {
            return Error::business(tr("There is no alias \"%1\"%2.")
                                       .arg(alias.trimmed(), channel.trimmed().isEmpty()
                                                                 ? QString()
                                                                 : tr(" for %1").arg(channel.trimmed())));
        }
        changes.add(QStringLiteral("sku_alias"), channel.trimmed() + QLatin1Char('/') + alias.trimmed(),
                    QStringLiteral("delete"));
        return changes.flush();
    });
}

Result<QList<UnmatchedLine>> OrderImportService::unmatchedLines(const QString &orderNumber)
{
    Database &db = m_context.db;
    return db.read<QList<UnmatchedLine>>([&]() -> Result<QList<UnmatchedLine>> {
        if (orderNumber.trimmed().isEmpty()) {
            return ChannelOrderRepository(db).unmatchedLines();
        }
        const std::optional<qint64> id = orderIdFromNumber(orderNumber);
        if (!id) {
            return Error::usage(tr("\"%1\" is not an order number.").arg(orderNumber));
        }
        return ChannelOrderRepository(db).unmatchedLines(*id);
    });
}

Result<OrderHeader> OrderImportService::dropUnmatchedLine(const QString &orderNumber, int lineNo)
{
    Database &db = m_context.db;
    return db.write<OrderHeader>([&]() -> Result<OrderHeader> {
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        ChannelOrderRepository repository(db);
        STOCKROOM_TRY(order, flow.claim(orderNumber, std::nullopt));
        STOCKROOM_TRY(lines, repository.unmatchedLines(order.id));
        const auto line = std::find_if(lines.cbegin(), lines.cend(),
                                       [lineNo](const UnmatchedLine &l) { return l.lineNo == lineNo; });
        if (line == lines.cend()) {
            return Error::business(tr("Order %1 has no unknown line %2.").arg(order.number).arg(lineNo));
        }
        STOCKROOM_CHECK(statusOf(repository.removeUnmatched(line->id)));
        STOCKROOM_CHECK(flow.event(order.id, QStringLiteral("line_dropped"),
                                   tr("line %1 (%2 × %3) dropped: it will not be sent")
                                       .arg(line->lineNo)
                                       .arg(line->qty)
                                       .arg(lineName(line->sku, line->name))));
        STOCKROOM_TRY(reloaded, flow.orders().findById(order.id));
        STOCKROOM_TRY(code, repository.holdCode(order.id));
        if (reloaded->unmatchedLines == 0 && reloaded->status == toString(OrderStatus::OnHold)
            && code == UnknownSkuHold) {
            if (reloaded->lineCount == 0) {
                // Nothing of ours is left in it: there is nothing to send.
                STOCKROOM_CHECK(flow.fulfilment().setHoldReason(order.id, {}));
                STOCKROOM_CHECK(repository.setHoldCode(order.id, {}));
                STOCKROOM_CHECK(OrderService::cancelWithin(flow, *reloaded, tr("no line of ours left")));
            } else {
                STOCKROOM_CHECK(FulfilmentService::unholdWithin(flow, *reloaded));
            }
        }
        flow.changedOrder(order.id);
        STOCKROOM_CHECK(changes.flush());
        STOCKROOM_TRY(updated, flow.orders().findById(order.id));
        return *updated;
    });
}

} // namespace Stockroom
