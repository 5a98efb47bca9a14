// SPDX-License-Identifier: GPL-3.0-or-later
#include "fulfilmentrepository.h"

#include "catalogrepository.h"

#include "orderstatus.h"

namespace Stockroom {

namespace {

QStringList codesFrom(const QString &text)
{
    QStringList codes;
    for (const QString &code : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!code.trimmed().isEmpty()) {
            codes << code.trimmed();
        }
    }
    return codes;
}

QStringList combined(const QStringList &a, const QStringList &b)
{
    if (a.isEmpty()) {
        return b;
    }
    if (b.isEmpty()) {
        return a;
    }
    QStringList both;
    for (const QString &code : a) {
        if (b.contains(code)) {
            both << code;
        }
    }
    // Contradictory rules leave no location; the order then waits as a backorder, visibly.
    return both.isEmpty() ? QStringList {QStringLiteral("-")} : both;
}

ShipmentRecord shipmentFrom(const Row &r)
{
    ShipmentRecord s;
    s.id = r.value(0).toLongLong();
    s.orderId = r.value(1).toLongLong();
    s.locationCode = r.value(2).toString();
    s.carrier = r.value(3).toString();
    s.service = r.value(4).toString();
    s.trackingNumber = r.value(5).toString();
    s.weightGrams = r.value(6).toInt();
    s.status = r.value(7).toString();
    s.createdAt = r.value(8).toString();
    s.deliveredAt = r.value(9).toString();
    s.units = r.value(10).toInt();
    return s;
}

const QString shipmentSelect = QStringLiteral(
    "SELECT s.id, s.order_id, l.code, s.carrier, s.service, s.tracking_number, s.weight_grams, s.status, "
    "s.created_at, coalesce(s.delivered_at, ''), "
    "(SELECT coalesce(sum(sl.qty), 0) FROM shipment_lines sl WHERE sl.shipment_id = s.id) "
    "FROM shipments s JOIN locations l ON l.id = s.location_id ");

ReturnRecord returnFrom(const Row &r)
{
    ReturnRecord record;
    record.id = r.value(0).toLongLong();
    record.number = returnNumber(record.id);
    record.orderId = r.value(1).toLongLong();
    record.status = r.value(2).toString();
    record.reason = r.value(3).toString();
    record.createdAt = r.value(4).toString();
    record.createdBy = r.value(5).toString();
    return record;
}

const QString returnSelect
    = QStringLiteral("SELECT id, order_id, status, reason, created_at, created_by FROM returns ");

} // namespace

QStringList FulfilmentRepository::combineShipFrom(const QStringList &a, const QStringList &b)
{
    return combined(a, b);
}

Status FulfilmentRepository::appendEvent(qint64 orderId, const QString &kind, const QString &detail,
                                         qint64 amountCents, const QString &userName, const QString &at)
{
    return statusOf(m_db.execute(
        QStringLiteral("INSERT INTO order_events (order_id, kind, detail, amount_cents, user_name, at) "
                       "VALUES (?, ?, ?, ?, ?, ?)"),
        {orderId, kind, detail, amountCents, userName, at}));
}

Result<QList<OrderEvent>> FulfilmentRepository::events(qint64 orderId)
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT kind, detail, amount_cents, user_name, at "
                                             "FROM order_events WHERE order_id = ? ORDER BY id"),
                              {orderId}));
    QList<OrderEvent> events;
    for (const Row &r : std::as_const(rows)) {
        events << OrderEvent {r.value(0).toString(), r.value(1).toString(), r.value(2).toLongLong(),
                              r.value(3).toString(), r.value(4).toString()};
    }
    return events;
}

Status FulfilmentRepository::setPayment(qint64 orderId, const QString &status, qint64 paidCents,
                                        qint64 refundedCents)
{
    return statusOf(m_db.execute(
        QStringLiteral(
            "UPDATE orders SET payment_status = ?, paid_cents = ?, refunded_cents = ? WHERE id = ?"),
        {status, paidCents, refundedCents, orderId}));
}

Status FulfilmentRepository::setHoldReason(qint64 orderId, const QString &reason)
{
    return statusOf(
        m_db.execute(QStringLiteral("UPDATE orders SET hold_reason = ? WHERE id = ?"), {reason, orderId}));
}

Status FulfilmentRepository::touch(qint64 orderId, const QString &at, const QString &userName)
{
    return statusOf(m_db.execute(
        QStringLiteral(
            "UPDATE orders SET version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?"),
        {at, userName, orderId}));
}

Result<std::optional<ChannelRecord>> FulfilmentRepository::channel(const QString &name)
{
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT name, pay_later, ship_from FROM channels WHERE name = ?"),
                    {name}));
    if (rows.isEmpty()) {
        return std::optional<ChannelRecord> {};
    }
    const Row &r = rows.first();
    return std::optional<ChannelRecord> {
        ChannelRecord {r.value(0).toString(), {r.value(1).toInt() == 1, codesFrom(r.value(2).toString())}}};
}

Status FulfilmentRepository::saveChannel(const ChannelRecord &channel, const QString &at)
{
    STOCKROOM_TRY(
        changed,
        m_db.execute(
            QStringLiteral("UPDATE channels SET pay_later = ?, ship_from = ? WHERE name = ?"),
            {channel.rules.payLater ? 1 : 0, channel.rules.shipFrom.join(QLatin1Char(',')), channel.name}));
    if (changed == 1) {
        return {};
    }
    return statusOf(m_db.execute(
        QStringLiteral("INSERT INTO channels (name, pay_later, ship_from, created_at) VALUES (?, ?, ?, ?)"),
        {channel.name, channel.rules.payLater ? 1 : 0, channel.rules.shipFrom.join(QLatin1Char(',')), at}));
}

Result<FulfilmentRules> FulfilmentRepository::customerRules(qint64 customerId)
{
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT pay_later, ship_from FROM customers WHERE id = ?"), {customerId}));
    if (rows.isEmpty()) {
        return FulfilmentRules {};
    }
    return FulfilmentRules {rows.first().value(0).toInt() == 1, codesFrom(rows.first().value(1).toString())};
}

Status FulfilmentRepository::setCustomerRules(qint64 customerId, const FulfilmentRules &rules)
{
    return statusOf(
        m_db.execute(QStringLiteral("UPDATE customers SET pay_later = ?, ship_from = ? WHERE id = ?"),
                     {rules.payLater ? 1 : 0, rules.shipFrom.join(QLatin1Char(',')), customerId}));
}

Result<FulfilmentRules> FulfilmentRepository::orderRules(qint64 orderId)
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT coalesce(ch.pay_later, 0), coalesce(ch.ship_from, ''), "
                                             "coalesce(c.pay_later, 0), coalesce(c.ship_from, '') "
                                             "FROM orders o LEFT JOIN channels ch ON ch.name = o.channel "
                                             "LEFT JOIN customers c ON c.id = o.customer_id WHERE o.id = ?"),
                              {orderId}));
    if (rows.isEmpty()) {
        return FulfilmentRules {};
    }
    const Row &r = rows.first();
    return FulfilmentRules {r.value(0).toInt() == 1 || r.value(2).toInt() == 1,
                            combined(codesFrom(r.value(1).toString()), codesFrom(r.value(3).toString()))};
}

Result<bool> FulfilmentRepository::packUnit(qint64 allocationId)
{
    STOCKROOM_TRY(affected,
                  m_db.execute(QStringLiteral("UPDATE allocations SET qty_packed = qty_packed + 1 "
                                              "WHERE id = ? AND status = 'open' AND qty_packed < qty"),
                               {allocationId}));
    return affected == 1;
}

Result<QList<ShipmentRecord>> FulfilmentRepository::shipments(qint64 orderId)
{
    STOCKROOM_TRY(
        rows, m_db.select(shipmentSelect + QStringLiteral("WHERE s.order_id = ? ORDER BY s.id"), {orderId}));
    QList<ShipmentRecord> shipments;
    for (const Row &r : std::as_const(rows)) {
        shipments << shipmentFrom(r);
    }
    return shipments;
}

Result<QList<ShipmentRecord>> FulfilmentRepository::shipmentsByTracking(const QString &trackingNumber)
{
    STOCKROOM_TRY(rows,
                  m_db.select(shipmentSelect + QStringLiteral("WHERE s.tracking_number = ? ORDER BY s.id"),
                              {trackingNumber}));
    QList<ShipmentRecord> shipments;
    for (const Row &r : std::as_const(rows)) {
        shipments << shipmentFrom(r);
    }
    return shipments;
}

Result<bool> FulfilmentRepository::insertTrackingEvent(const TrackingEventRecord &event,
                                                       const QString &userName)
{
    // No stock moves here, so "do nothing on a duplicate" is safe (DESIGN.md forbids it only beside stock).
    STOCKROOM_TRY(
        affected,
        m_db.execute(
            QStringLiteral("INSERT INTO tracking_events (shipment_id, status, description, "
                           "place, occurred_at, user_name) VALUES (?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (shipment_id, status, occurred_at) DO NOTHING"),
            {event.shipmentId, event.status, event.description, event.place, event.occurredAt, userName}));
    return affected == 1;
}

Result<QList<TrackingEventRecord>> FulfilmentRepository::trackingEvents(qint64 orderId)
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT e.shipment_id, e.status, e.description, e.place, "
                                             "e.occurred_at FROM tracking_events e JOIN shipments s ON "
                                             "s.id = e.shipment_id WHERE s.order_id = ? "
                                             "ORDER BY e.occurred_at, e.id"),
                              {orderId}));
    QList<TrackingEventRecord> events;
    for (const Row &r : std::as_const(rows)) {
        events << TrackingEventRecord {r.value(0).toLongLong(), r.value(1).toString(), r.value(2).toString(),
                                       r.value(3).toString(), r.value(4).toString()};
    }
    return events;
}

Status FulfilmentRepository::setShipmentStatus(qint64 shipmentId, const QString &status,
                                               const QString &deliveredAt)
{
    return statusOf(
        m_db.execute(QStringLiteral("UPDATE shipments SET status = ?, delivered_at = ? WHERE id = ?"),
                     {status, deliveredAt.isEmpty() ? QVariant() : QVariant(deliveredAt), shipmentId}));
}

Result<qint64> FulfilmentRepository::insertReturn(qint64 orderId, const QString &reason,
                                                  const QString &userName, const QString &at)
{
    STOCKROOM_TRY(id,
                  m_db.insert(QStringLiteral("INSERT INTO returns (order_id, status, reason, created_at, "
                                             "created_by) VALUES (?, 'requested', ?, ?, ?) RETURNING id"),
                              {orderId, reason, at, userName}));
    STOCKROOM_TRY(
        numbered,
        m_db.execute(QStringLiteral("UPDATE returns SET number = ? WHERE id = ?"), {returnNumber(id), id}));
    Q_UNUSED(numbered);
    return id;
}

Status FulfilmentRepository::insertReturnLine(qint64 returnId, qint64 orderLineId, int qty,
                                              const QString &reason)
{
    return statusOf(m_db.execute(
        QStringLiteral(
            "INSERT INTO return_lines (return_id, order_line_id, qty, reason) VALUES (?, ?, ?, ?)"),
        {returnId, orderLineId, qty, reason}));
}

Result<bool> FulfilmentRepository::addReturned(qint64 orderLineId, int qty)
{
    STOCKROOM_TRY(affected,
                  m_db.execute(QStringLiteral("UPDATE order_lines SET qty_returned = qty_returned + ? "
                                              "WHERE id = ? AND qty_returned + ? <= qty_shipped"),
                               {qty, orderLineId, qty}));
    return affected == 1;
}

Result<bool> FulfilmentRepository::removeReturned(qint64 orderLineId, int qty)
{
    STOCKROOM_TRY(affected,
                  m_db.execute(QStringLiteral("UPDATE order_lines SET qty_returned = qty_returned - ? "
                                              "WHERE id = ? AND qty_returned >= ?"),
                               {qty, orderLineId, qty}));
    return affected == 1;
}

Result<std::optional<ReturnRecord>> FulfilmentRepository::returnById(qint64 returnId)
{
    STOCKROOM_TRY(rows, m_db.select(returnSelect + QStringLiteral("WHERE id = ?"), {returnId}));
    if (rows.isEmpty()) {
        return std::optional<ReturnRecord> {};
    }
    return std::optional<ReturnRecord> {returnFrom(rows.first())};
}

Result<QList<ReturnRecord>> FulfilmentRepository::returnsOf(qint64 orderId)
{
    STOCKROOM_TRY(rows,
                  m_db.select(returnSelect + QStringLiteral("WHERE order_id = ? ORDER BY id"), {orderId}));
    QList<ReturnRecord> returns;
    for (const Row &r : std::as_const(rows)) {
        returns << returnFrom(r);
    }
    return returns;
}

Result<QList<ReturnLineRecord>> FulfilmentRepository::returnLines(qint64 returnId)
{
    STOCKROOM_TRY(
        rows,
        m_db.select(
            QStringLiteral(
                "SELECT rl.id, rl.order_line_id, ol.product_id, p.sku, rl.qty, "
                "(SELECT coalesce(sum(d.qty), 0) FROM return_dispositions d WHERE d.return_line_id = rl.id "
                "AND d.kind = 'restock'), "
                "(SELECT coalesce(sum(d.qty), 0) FROM return_dispositions d WHERE d.return_line_id = rl.id "
                "AND d.kind = 'writeoff'), rl.reason "
                "FROM return_lines rl JOIN order_lines ol ON ol.id = rl.order_line_id "
                "JOIN products p ON p.id = ol.product_id WHERE rl.return_id = ? ORDER BY rl.id"),
            {returnId}));
    QList<ReturnLineRecord> lines;
    for (const Row &r : std::as_const(rows)) {
        ReturnLineRecord line;
        line.id = r.value(0).toLongLong();
        line.orderLineId = r.value(1).toLongLong();
        line.productId = r.value(2).toLongLong();
        line.sku = r.value(3).toString();
        line.qty = r.value(4).toInt();
        line.restocked = r.value(5).toInt();
        line.writtenOff = r.value(6).toInt();
        line.reason = r.value(7).toString();
        lines << line;
    }
    return lines;
}

Status FulfilmentRepository::insertDisposition(qint64 returnLineId, const QString &kind, int qty,
                                               qint64 locationId, const QString &reason,
                                               const QString &userName, const QString &at)
{
    return statusOf(m_db.execute(
        QStringLiteral("INSERT INTO return_dispositions (return_line_id, kind, qty, location_id, reason, "
                       "user_name, at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {returnLineId, kind, qty, locationId, reason, userName, at}));
}

Status FulfilmentRepository::setReturnStatus(qint64 returnId, const QString &status)
{
    return statusOf(
        m_db.execute(QStringLiteral("UPDATE returns SET status = ? WHERE id = ?"), {status, returnId}));
}

Result<std::optional<QPair<qint64, QString>>> FulfilmentRepository::shippedFrom(qint64 orderLineId)
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT s.location_id, l.code FROM shipment_lines sl "
                                             "JOIN shipments s ON s.id = sl.shipment_id "
                                             "JOIN locations l ON l.id = s.location_id "
                                             "WHERE sl.order_line_id = ? ORDER BY s.id DESC LIMIT 1"),
                              {orderLineId}));
    if (rows.isEmpty()) {
        return std::optional<QPair<qint64, QString>> {};
    }
    return std::optional<QPair<qint64, QString>> {
        qMakePair(rows.first().value(0).toLongLong(), rows.first().value(1).toString())};
}

Result<QString> FulfilmentRepository::latestEventTime(qint64 shipmentId)
{
    STOCKROOM_TRY(
        latest,
        m_db.scalar(QStringLiteral("SELECT max(occurred_at) FROM tracking_events WHERE shipment_id = ?"),
                    {shipmentId}));
    return latest.isNull() ? QString() : latest.toString();
}

Result<QList<WaitingBackorder>> FulfilmentRepository::waitingBackorders(qint64 productId)
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT ol.id, o.id, o.status, ol.qty_backordered, "
                                             "coalesce(ch.ship_from, ''), coalesce(c.ship_from, '') "
                                             "FROM order_lines ol JOIN orders o ON o.id = ol.order_id "
                                             "LEFT JOIN channels ch ON ch.name = o.channel "
                                             "LEFT JOIN customers c ON c.id = o.customer_id "
                                             "WHERE ol.product_id = ? AND ol.qty_backordered > 0 "
                                             "AND o.status IN ('backordered', 'partially_shipped') "
                                             "ORDER BY o.placed_at, o.id, ol.line_no"),
                              {productId}));
    QList<WaitingBackorder> waiting;
    for (const Row &r : std::as_const(rows)) {
        WaitingBackorder w;
        w.orderLineId = r.value(0).toLongLong();
        w.orderId = r.value(1).toLongLong();
        w.status = r.value(2).toString();
        w.qtyBackordered = r.value(3).toInt();
        w.shipFrom = combined(codesFrom(r.value(4).toString()), codesFrom(r.value(5).toString()));
        waiting << w;
    }
    return waiting;
}

Result<bool> FulfilmentRepository::takeBackordered(qint64 orderLineId, int qty)
{
    STOCKROOM_TRY(affected,
                  m_db.execute(QStringLiteral("UPDATE order_lines SET qty_backordered = qty_backordered - ? "
                                              "WHERE id = ? AND qty_backordered >= ?"),
                               {qty, orderLineId, qty}));
    return affected == 1;
}

Result<int> FulfilmentRepository::backorderedUnits(qint64 orderId)
{
    STOCKROOM_TRY(
        n,
        m_db.scalar(
            QStringLiteral("SELECT coalesce(sum(qty_backordered), 0) FROM order_lines WHERE order_id = ?"),
            {orderId}));
    return n.toInt();
}

Status FulfilmentRepository::setBin(qint64 productId, qint64 locationId, const QString &bin)
{
    return CatalogRepository(m_db).setProductLocation(productId, locationId, bin, std::nullopt, std::nullopt);
}

Result<QList<PickRow>> FulfilmentRepository::pickRows(qint64 locationId)
{
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT coalesce(pl.bin_code, ''), p.sku, p.name, "
                                   "coalesce(p.gtin, ''), a.qty - a.qty_packed, o.id "
                                   "FROM allocations a JOIN order_lines ol ON ol.id = a.order_line_id "
                                   "JOIN orders o ON o.id = ol.order_id "
                                   "JOIN products p ON p.id = ol.product_id "
                                   "LEFT JOIN product_locations pl ON pl.product_id = p.id "
                                   "AND pl.location_id = a.location_id "
                                   "WHERE a.location_id = ? AND a.status = 'open' "
                                   "AND a.qty > a.qty_packed AND o.status = 'picking' "
                                   "ORDER BY o.placed_at, o.id"),
                    {locationId}));
    QList<PickRow> pick;
    for (const Row &r : std::as_const(rows)) {
        pick << PickRow {r.value(0).toString(), r.value(1).toString(), r.value(2).toString(),
                         r.value(3).toString(), r.value(4).toInt(),    r.value(5).toLongLong()};
    }
    return pick;
}

} // namespace Stockroom
