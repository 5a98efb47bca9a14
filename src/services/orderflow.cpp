// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderflow.h"

#include <QLocale>

namespace Stockroom {

OrderFlow::OrderFlow(ServiceContext &context, ChangeRecorder &changes)
    : m_context(context)
    , m_changes(changes)
    , m_orders(context.db)
    , m_fulfilment(context.db)
    , m_stock(context.db)
    , m_now(toStoredTime(context.clock.now()))
{
}

Result<OrderHeader> OrderFlow::load(const QString &number)
{
    STOCKROOM_TRY(order, m_orders.findByNumber(number));
    if (!order) {
        return Error::business(OrderFlow::tr("There is no order %1.").arg(number.trimmed()));
    }
    return *order;
}

Status OrderFlow::checkVersion(const OrderHeader &order, std::optional<int> expectedVersion)
{
    if (!expectedVersion || *expectedVersion == order.version) {
        return {};
    }
    return Known::staleChange(order.number, order.updatedBy, order.updatedAt);
}

Result<OrderHeader> OrderFlow::claim(const QString &number, std::optional<int> expectedVersion)
{
    STOCKROOM_TRY(order, load(number));
    STOCKROOM_CHECK(checkVersion(order, expectedVersion));
    STOCKROOM_TRY(claimed, m_orders.claim(order.id, order.version, m_now, m_context.userName));
    if (!claimed) {
        return Error::conflict(OrderFlow::tr("Order %1 was changed meanwhile.").arg(order.number));
    }
    order.version += 1;
    order.updatedAt = m_now;
    order.updatedBy = m_context.userName;
    return order;
}

Status OrderFlow::checkTransition(const OrderHeader &order, OrderStatus to, const QString &action)
{
    const std::optional<OrderStatus> from = orderStatusFromString(order.status);
    if (from && isAllowedTransition(*from, to)) {
        return {};
    }
    return Error::business(
        OrderFlow::tr("Order %1 is %2: it cannot be %3.").arg(order.number, words(order.status), action));
}

Status OrderFlow::moveTo(const OrderHeader &order, OrderStatus to, const QString &action)
{
    STOCKROOM_CHECK(checkTransition(order, to, action));
    STOCKROOM_CHECK(m_orders.setStatus(order.id, toString(to)));
    m_changes.order(order.id);
    return {};
}

Status OrderFlow::event(qint64 orderId, const QString &kind, const QString &detail, qint64 amountCents)
{
    m_changes.order(orderId);
    return m_fulfilment.appendEvent(orderId, kind, detail, amountCents, m_context.userName, m_now);
}

Status OrderFlow::movement(qint64 productId, qint64 locationId, int deltaOnHand, int deltaReserved,
                           const QString &reason, const QString &refType, qint64 refId, const QString &note)
{
    if (!m_deferRows) {
        m_changes.stock(productId, locationId);
    } else if (!m_stockRecorded.contains({productId, locationId})) {
        m_stockRecorded.insert({productId, locationId});
        m_changes.stock(productId, locationId);
    }
    return m_stock.appendMovement(Movement {productId, locationId, deltaOnHand, deltaReserved, reason,
                                            refType, refId, note, m_context.userName, m_now});
}

Result<bool> OrderFlow::deliverIfEveryParcelArrived(OrderHeader &order)
{
    if (order.status != toString(OrderStatus::Shipped)) {
        return false;
    }
    STOCKROOM_TRY(shipments, m_fulfilment.shipments(order.id));
    bool everyDelivered = !shipments.isEmpty();
    for (const ShipmentRecord &shipment : std::as_const(shipments)) {
        everyDelivered = everyDelivered && shipment.status == toString(ShipmentStatus::Delivered);
    }
    if (!everyDelivered) {
        return false;
    }
    STOCKROOM_CHECK(moveTo(order, OrderStatus::Delivered, OrderFlow::tr("delivered")));
    STOCKROOM_CHECK(event(order.id, QStringLiteral("delivered"), OrderFlow::tr("every parcel delivered")));
    order.status = toString(OrderStatus::Delivered);
    return true;
}

QString OrderFlow::words(const QString &status)
{
    return QString(status).replace(QLatin1Char('_'), QLatin1Char(' '));
}

QString OrderFlow::money(qint64 cents)
{
    return QLocale().toString(double(cents) / 100.0, 'f', 2);
}

Result<std::optional<ProductStock>> OrderFlow::productStock(const QString &sku)
{
    if (m_keepStock) {
        const auto id = m_keptIds.constFind(sku);
        if (id != m_keptIds.constEnd()) {
            return std::optional<ProductStock> {m_keptStock.value(*id)};
        }
    }
    STOCKROOM_TRY(found, m_stock.productStock(sku));
    if (m_keepStock && found) {
        m_keptIds.insert(sku, found->product.id);
        m_keptStock.insert(found->product.id, *found);
    }
    return found;
}

void OrderFlow::reserved(qint64 productId, qint64 locationId, int qty)
{
    const auto kept = m_keptStock.find(productId);
    if (kept != m_keptStock.end()) {
        kept->available[locationId] -= qty;
    }
}

Status OrderFlow::deferRows(bool defer)
{
    if (!defer) {
        STOCKROOM_CHECK(flushRows());
    }
    m_deferRows = defer;
    // Our own ids are sound only where a write transaction excludes every other writer (BulkInsert).
    const bool bulk = defer && m_context.db.engine() == Engine::SQLite;
    m_orders.setBulk(bulk);
    m_stock.setBulk(bulk);
    return {};
}

Status OrderFlow::flushRows()
{
    STOCKROOM_CHECK(m_orders.flushBulk());
    return m_stock.flushBulk();
}

Status OrderFlow::refreshSearch(qint64 orderId)
{
    if (m_deferSearch) {
        m_searchPending << orderId;
        return {};
    }
    return m_orders.refreshSearchText(orderId);
}

Status OrderFlow::flushSearch()
{
    const QList<qint64> pending = std::exchange(m_searchPending, {});
    return pending.isEmpty() ? Status {} : m_orders.refreshSearchText(pending);
}

Result<int> BackorderFiller::fill(OrderFlow &flow, qint64 productId, qint64 locationId,
                                  const QString &locationCode)
{
    STOCKROOM_TRY(waiting, flow.fulfilment().waitingBackorders(productId));
    if (waiting.isEmpty()) {
        return 0;
    }
    STOCKROOM_TRY(sku,
                  flow.db().scalar(QStringLiteral("SELECT sku FROM products WHERE id = ?"), {productId}));
    int allocated = 0;
    for (const WaitingBackorder &line : std::as_const(waiting)) {
        if (!line.shipFrom.isEmpty() && !line.shipFrom.contains(locationCode)) {
            continue; // a channel or customer rule keeps this order away from that location
        }
        STOCKROOM_TRY(level, flow.stock().level(productId, locationId));
        const int take = std::min(line.qtyBackordered, level.available());
        if (take <= 0) {
            break;
        }
        // Touch (and so lock, on PostgreSQL) the order first, then read it again: two arrivals filling two
        // lines of one order at once would otherwise each see the other line still waiting and leave it
        // "backordered" with nothing backordered; and a hold put on meanwhile is seen before stock is given.
        STOCKROOM_CHECK(flow.fulfilment().touch(line.orderId, flow.now(), flow.user()));
        STOCKROOM_TRY(order, flow.orders().findById(line.orderId));
        if (!order
            || (order->status != toString(OrderStatus::Backordered)
                && order->status != toString(OrderStatus::PartiallyShipped))) {
            continue;
        }
        STOCKROOM_TRY(reserved, flow.stock().reserve(productId, locationId, take));
        if (!reserved) {
            break;
        }
        STOCKROOM_TRY(taken, flow.fulfilment().takeBackordered(line.orderLineId, take));
        if (!taken) {
            return Error::conflict(BackorderFiller::tr("A backorder changed while stock arrived."));
        }
        STOCKROOM_CHECK(flow.orders().insertAllocation(line.orderLineId, locationId, take, flow.now()));
        STOCKROOM_CHECK(flow.movement(productId, locationId, 0, take, QStringLiteral("reserve"),
                                      QStringLiteral("order"), line.orderId,
                                      BackorderFiller::tr("backorder filled")));
        STOCKROOM_CHECK(
            flow.event(line.orderId, QStringLiteral("allocated"),
                       BackorderFiller::tr("%1 × %2 allocated at %3 as stock arrived (backorder filled)")
                           .arg(take)
                           .arg(sku.toString(), locationCode)));
        STOCKROOM_TRY(left, flow.fulfilment().backorderedUnits(line.orderId));
        if (left == 0 && order->status == toString(OrderStatus::Backordered)) {
            STOCKROOM_CHECK(flow.moveTo(*order, OrderStatus::Allocated, BackorderFiller::tr("allocated")));
        }
        allocated += take;
    }
    return allocated;
}

} // namespace Stockroom
