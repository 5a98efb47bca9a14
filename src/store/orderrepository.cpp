// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderrepository.h"

#include "orderstatus.h"

namespace Stockroom {

namespace {

const QString headerColumns = QStringLiteral(
    "SELECT o.id, o.updated_by, o.channel, o.external_id, coalesce(c.name, ''), o.status, o.payment_status, "
    "o.routing_explanation, o.ship_region, o.total_cents, o.version, o.placed_at, o.updated_at, "
    "(SELECT count(*) FROM order_lines ol WHERE ol.order_id = o.id), "
    "(SELECT coalesce(sum(ol.qty), 0) FROM order_lines ol WHERE ol.order_id = o.id), "
    "o.hold_reason, o.paid_cents, o.refunded_cents, coalesce(c.email, ''), o.ship_postcode, o.note, "
    "o.channel_state, (SELECT count(*) FROM order_unmatched_lines u WHERE u.order_id = o.id) ");
const QString headerSelect
    = headerColumns + QStringLiteral("FROM orders o LEFT JOIN customers c ON c.id = o.customer_id ");

OrderHeader headerFrom(const Row &row)
{
    OrderHeader order;
    order.id = row.value(0).toLongLong();
    order.number = orderNumber(order.id);
    order.updatedBy = row.value(1).toString();
    order.channel = row.value(2).toString();
    order.externalId = row.value(3).toString();
    order.customerName = row.value(4).toString();
    order.status = row.value(5).toString();
    order.paymentStatus = row.value(6).toString();
    order.routingExplanation = row.value(7).toString();
    order.shipRegion = row.value(8).toString();
    order.totalCents = row.value(9).toLongLong();
    order.version = row.value(10).toInt();
    order.placedAt = row.value(11).toString();
    order.updatedAt = row.value(12).toString();
    order.lineCount = row.value(13).toInt();
    order.units = row.value(14).toInt();
    order.holdReason = row.value(15).toString();
    order.paidCents = row.value(16).toLongLong();
    order.refundedCents = row.value(17).toLongLong();
    order.customerEmail = row.value(18).toString();
    order.shipPostcode = row.value(19).toString();
    order.note = row.value(20).toString();
    order.channelState = row.value(21).toString();
    order.unmatchedLines = row.value(22).toInt();
    return order;
}

Result<std::optional<OrderHeader>> firstHeader(const Result<Rows> &rows)
{
    if (!rows) {
        return rows.error();
    }
    if (rows->isEmpty()) {
        return std::optional<OrderHeader> {};
    }
    return std::optional<OrderHeader> {headerFrom(rows->first())};
}

} // namespace

namespace {

/** The sort column as SQL: our own constants, never user data. */
QString sortKey(OrderSort sort)
{
    switch (sort) {
    case OrderSort::PlacedDesc:
    case OrderSort::PlacedAsc:
        return QStringLiteral("o.placed_at");
    case OrderSort::TotalDesc:
    case OrderSort::TotalAsc:
        return QStringLiteral("o.total_cents");
    case OrderSort::NumberDesc:
    case OrderSort::NumberAsc:
        return QStringLiteral("o.id");
    }
    return QStringLiteral("o.placed_at");
}

/**
 * The WHERE clause of a filter: each condition is one of our fixed fragments, present only when the
 * filter uses it, so the planner sees plain equality on indexed columns; every value is bound.
 */
QString whereClause(const Dialect &dialect, const OrderFilter &filter, Binds &binds)
{
    QStringList conditions;
    if (!filter.status.isEmpty()) {
        conditions << QStringLiteral("o.status = ?");
        binds << filter.status;
    }
    if (!filter.paymentStatus.isEmpty()) {
        conditions << QStringLiteral("o.payment_status = ?");
        binds << filter.paymentStatus;
    }
    if (!filter.channel.isEmpty()) {
        conditions << QStringLiteral("o.channel = ?");
        binds << filter.channel;
    }
    if (filter.locationId > 0) {
        // Open allocations only (what is to be picked and shipped there): a small set found by the
        // allocations_open index, where "ever touched that location" would probe a million orders.
        conditions << QStringLiteral(
            "o.id IN (SELECT fl.order_id FROM allocations fa JOIN order_lines fl ON fl.id = fa.order_line_id "
            "WHERE fa.location_id = ? AND fa.status = 'open')");
        binds << filter.locationId;
    }
    if (!filter.placedFrom.isEmpty()) {
        conditions << QStringLiteral("o.placed_at >= ?");
        binds << filter.placedFrom;
    }
    if (!filter.placedBefore.isEmpty()) {
        conditions << QStringLiteral("o.placed_at < ?");
        binds << filter.placedBefore;
    }
    const QString text = filter.search.trimmed();
    if (!text.isEmpty()) {
        // An order number finds that order; anything else goes to the full-text index.
        if (const std::optional<qint64> id = orderIdFromNumber(text); id && text.contains(QLatin1Char('-'))) {
            conditions << QStringLiteral("o.id = ?");
            binds << *id;
        } else if (const QString query = dialect.orderSearchQuery(text); !query.isEmpty()) {
            if (id) {
                conditions << QStringLiteral("(o.id = ? OR %1)").arg(dialect.orderSearchCondition());
                binds << *id << query;
            } else {
                conditions << dialect.orderSearchCondition();
                binds << query;
            }
        } else {
            // Nothing searchable in the text (only punctuation): nothing matches, on both engines.
            conditions << QStringLiteral("1 = 0");
        }
    }
    return conditions.isEmpty() ? QString()
                                : QStringLiteral("WHERE ") + conditions.join(QStringLiteral(" AND "));
}

} // namespace

Result<qint64> OrderRepository::insertOrder(const OrderHeader &order, std::optional<qint64> customerId)
{
    return m_db.insert(
        QStringLiteral(
            "INSERT INTO orders (channel, external_id, customer_id, status, payment_status, ship_region, "
            "routing_explanation, total_cents, placed_at, updated_at, updated_by, ship_postcode, paid_cents, "
            "hold_reason, refunded_cents, note, channel_state) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "RETURNING id"),
        {order.channel, order.externalId.isEmpty() ? QVariant() : QVariant(order.externalId),
         customerId ? QVariant(*customerId) : QVariant(), order.status, order.paymentStatus, order.shipRegion,
         order.routingExplanation, order.totalCents, order.placedAt, order.updatedAt, order.updatedBy,
         order.shipPostcode, order.paidCents, order.holdReason, order.refundedCents, order.note,
         order.channelState});
}

Result<qint64> OrderRepository::insertLine(qint64 orderId, int lineNo, qint64 productId, int qty,
                                           qint64 unitPriceCents, int backordered)
{
    return insertLine(OrderLineInsert {orderId, lineNo, productId, qty, unitPriceCents, backordered});
}

Result<qint64> OrderRepository::insertLine(const OrderLineInsert &line)
{
    // Units sent before the import count as shipped (and as shipped outside, which has no ledger row).
    if (m_bulkLines) {
        return m_bulkLines->add({line.orderId, line.lineNo, line.productId, line.qty, line.unitPriceCents,
                                 line.backordered, line.shippedOutside, line.shippedOutside, line.cancelled,
                                 line.externalSku});
    }
    return m_db.insert(
        QStringLiteral("INSERT INTO order_lines (order_id, line_no, product_id, qty, unit_price_cents, "
                       "qty_backordered, qty_shipped, qty_shipped_outside, qty_cancelled, external_sku) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {line.orderId, line.lineNo, line.productId, line.qty, line.unitPriceCents, line.backordered,
         line.shippedOutside, line.shippedOutside, line.cancelled, line.externalSku});
}

Status OrderRepository::insertUnmatchedLine(qint64 orderId, int lineNo, const QString &sku, const QString &name,
                                           int qty, qint64 unitPriceCents)
{
    return statusOf(m_db.execute(
        QStringLiteral("INSERT INTO order_unmatched_lines (order_id, line_no, sku, name, qty, unit_price_cents) "
                       "VALUES (?, ?, ?, ?, ?, ?)"),
        {orderId, lineNo, sku, name, qty, unitPriceCents}));
}

Result<qint64> OrderRepository::insertAllocation(qint64 orderLineId, qint64 locationId, int qty,
                                                 const QString &createdAt)
{
    if (m_bulkAllocations) {
        return m_bulkAllocations->add({orderLineId, locationId, qty, QStringLiteral("open"), createdAt});
    }
    return m_db.insert(
        QStringLiteral("INSERT INTO allocations (order_line_id, location_id, qty, status, created_at) "
                       "VALUES (?, ?, ?, 'open', ?) RETURNING id"),
        {orderLineId, locationId, qty, createdAt});
}

void OrderRepository::setBulk(bool bulk)
{
    if (!bulk) {
        m_bulkLines.reset();
        m_bulkAllocations.reset();
        return;
    }
    // The same columns as the single-row statements above.
    m_bulkLines = std::make_shared<BulkInsert>(
        m_db, QStringLiteral("order_lines"),
        QStringList {QStringLiteral("order_id"), QStringLiteral("line_no"), QStringLiteral("product_id"),
                     QStringLiteral("qty"), QStringLiteral("unit_price_cents"),
                     QStringLiteral("qty_backordered"), QStringLiteral("qty_shipped"),
                     QStringLiteral("qty_shipped_outside"), QStringLiteral("qty_cancelled"),
                     QStringLiteral("external_sku")});
    m_bulkAllocations = std::make_shared<BulkInsert>(
        m_db, QStringLiteral("allocations"),
        QStringList {QStringLiteral("order_line_id"), QStringLiteral("location_id"), QStringLiteral("qty"),
                     QStringLiteral("status"), QStringLiteral("created_at")});
    m_bulkAllocations->setParent(m_bulkLines.get());
}

Status OrderRepository::flushBulk()
{
    // Lines first: allocations refer to them.
    if (m_bulkLines) {
        STOCKROOM_CHECK(m_bulkLines->flush());
        STOCKROOM_CHECK(m_bulkAllocations->flush());
    }
    return {};
}

Result<std::optional<OrderHeader>> OrderRepository::findByNumber(const QString &number)
{
    const std::optional<qint64> id = orderIdFromNumber(number);
    if (!id) {
        return std::optional<OrderHeader> {};
    }
    return findById(*id);
}

Result<std::optional<OrderHeader>> OrderRepository::findById(qint64 id)
{
    return firstHeader(m_db.select(headerSelect + QStringLiteral("WHERE o.id = ?"), {id}));
}

Result<QList<OrderHeader>> OrderRepository::byIds(const QList<qint64> &ids)
{
    return byIds(ids, OrderFilter {});
}

Result<QList<OrderHeader>> OrderRepository::byIds(const QList<qint64> &ids, const OrderFilter &filter)
{
    QList<OrderHeader> orders;
    // In chunks, so that the statement text (one ? per id) comes from a few cached shapes.
    constexpr qsizetype Chunk = 50;
    for (qsizetype start = 0; start < ids.size(); start += Chunk) {
        const QList<qint64> chunk = ids.mid(start, Chunk);
        QStringList marks;
        Binds binds;
        QString where = whereClause(m_db.dialect(), filter, binds);
        for (qint64 id : chunk) {
            marks << QStringLiteral("?");
            binds << id;
        }
        where += (where.isEmpty() ? QStringLiteral("WHERE ") : QStringLiteral(" AND "))
            + QStringLiteral("o.id IN (%1)").arg(marks.join(u','));
        Result<Rows> rows = m_db.select(headerSelect + where, binds);
        if (!rows) {
            return rows.error();
        }
        for (const Row &row : std::as_const(*rows)) {
            orders << headerFrom(row);
        }
    }
    return orders;
}

Result<QStringList> OrderRepository::channels()
{
    // One index seek per channel (a "skip scan" both engines run), not a pass over every order.
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral(
                      "WITH RECURSIVE seen(channel) AS (SELECT min(channel) FROM orders UNION ALL "
                      "SELECT (SELECT min(channel) FROM orders WHERE channel > seen.channel) FROM seen "
                      "WHERE seen.channel IS NOT NULL) "
                      "SELECT channel FROM seen WHERE channel IS NOT NULL ORDER BY channel")));
    QStringList channels;
    for (const Row &row : std::as_const(rows)) {
        channels << row.value(0).toString();
    }
    return channels;
}

Result<QList<QPair<qint64, QString>>> OrderRepository::locations()
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral(
                      "SELECT id, code FROM locations WHERE active = 1 ORDER BY priority, code")));
    QList<QPair<qint64, QString>> locations;
    for (const Row &row : std::as_const(rows)) {
        locations << qMakePair(row.value(0).toLongLong(), row.value(1).toString());
    }
    return locations;
}

Result<QList<OrderLineRecord>> OrderRepository::lines(qint64 orderId)
{
    Result<Rows> rows = m_db.select(
        QStringLiteral(
            "SELECT ol.id, ol.order_id, ol.line_no, ol.product_id, p.sku, ol.qty, ol.qty_backordered, "
            "ol.qty_shipped, ol.qty_cancelled, p.name, ol.qty_returned, coalesce(p.gtin, ''), "
            "ol.unit_price_cents FROM order_lines ol JOIN products p ON p.id = "
            "ol.product_id "
            "WHERE ol.order_id = ? ORDER BY ol.line_no"),
        {orderId});
    if (!rows) {
        return rows.error();
    }
    QList<OrderLineRecord> lines;
    for (const Row &row : std::as_const(*rows)) {
        OrderLineRecord line;
        line.id = row.value(0).toLongLong();
        line.orderId = row.value(1).toLongLong();
        line.lineNo = row.value(2).toInt();
        line.productId = row.value(3).toLongLong();
        line.sku = row.value(4).toString();
        line.qty = row.value(5).toInt();
        line.qtyBackordered = row.value(6).toInt();
        line.qtyShipped = row.value(7).toInt();
        line.qtyCancelled = row.value(8).toInt();
        line.productName = row.value(9).toString();
        line.qtyReturned = row.value(10).toInt();
        line.gtin = row.value(11).toString();
        line.unitPriceCents = row.value(12).toLongLong();
        lines << line;
    }
    return lines;
}

Result<QList<AllocationRecord>> OrderRepository::openAllocations(qint64 orderId)
{
    Result<Rows> rows = m_db.select(
        QStringLiteral(
            "SELECT a.id, a.order_line_id, ol.product_id, a.location_id, l.code, a.qty, a.qty_packed "
            "FROM allocations a JOIN order_lines ol ON ol.id = a.order_line_id "
            "JOIN locations l ON l.id = a.location_id "
            "WHERE ol.order_id = ? AND a.status = 'open' ORDER BY a.location_id, ol.line_no, a.id"),
        {orderId});
    if (!rows) {
        return rows.error();
    }
    QList<AllocationRecord> allocations;
    for (const Row &row : std::as_const(*rows)) {
        AllocationRecord allocation;
        allocation.id = row.value(0).toLongLong();
        allocation.orderLineId = row.value(1).toLongLong();
        allocation.productId = row.value(2).toLongLong();
        allocation.locationId = row.value(3).toLongLong();
        allocation.locationCode = row.value(4).toString();
        allocation.qty = row.value(5).toInt();
        allocation.qtyPacked = row.value(6).toInt();
        allocations << allocation;
    }
    return allocations;
}

Status OrderRepository::closeAllocation(qint64 allocationId, const QString &status, const QString &closedAt)
{
    return statusOf(m_db.execute(QStringLiteral("UPDATE allocations SET status = ?, closed_at = ? "
                                                "WHERE id = ? AND status = 'open'"),
                                 {status, closedAt, allocationId}));
}

Result<bool> OrderRepository::claim(qint64 orderId, int expectedVersion, const QString &updatedAt,
                                    const QString &updatedBy)
{
    Result<int> affected = m_db.execute(
        QStringLiteral("UPDATE orders SET updated_at = ?, updated_by = ?, version = version + 1 "
                       "WHERE id = ? AND version = ?"),
        {updatedAt, updatedBy, orderId, expectedVersion});
    if (!affected) {
        return affected.error();
    }
    return *affected == 1;
}

Status OrderRepository::setStatus(qint64 orderId, const QString &status)
{
    return statusOf(
        m_db.execute(QStringLiteral("UPDATE orders SET status = ? WHERE id = ?"), {status, orderId}));
}

Status OrderRepository::addShipped(qint64 orderLineId, int qty)
{
    return statusOf(
        m_db.execute(QStringLiteral("UPDATE order_lines SET qty_shipped = qty_shipped + ? WHERE id = ?"),
                     {qty, orderLineId}));
}

Status OrderRepository::cancelRemaining(qint64 orderId)
{
    return statusOf(m_db.execute(QStringLiteral("UPDATE order_lines SET qty_cancelled = qty - qty_shipped, "
                                                "qty_backordered = 0 WHERE order_id = ?"),
                                 {orderId}));
}

Result<qint64> OrderRepository::insertShipment(qint64 orderId, qint64 locationId, const QString &carrier,
                                               const QString &service, const QString &trackingNumber,
                                               int weightGrams, const QString &createdAt)
{
    return m_db.insert(
        QStringLiteral("INSERT INTO shipments (order_id, location_id, carrier, service, tracking_number, "
                       "weight_grams, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {orderId, locationId, carrier, service, trackingNumber, weightGrams, createdAt});
}

Status OrderRepository::insertShipmentLine(qint64 shipmentId, qint64 orderLineId, int qty)
{
    return statusOf(
        m_db.execute(QStringLiteral("INSERT INTO shipment_lines (shipment_id, order_line_id, qty) "
                                    "VALUES (?, ?, ?)"),
                     {shipmentId, orderLineId, qty}));
}

Result<std::optional<ShipmentFacts>> OrderRepository::latestShipment(qint64 orderId)
{
    Result<Rows> rows = m_db.select(
        QStringLiteral(
            "SELECT s.id, s.carrier, s.service, s.tracking_number, s.weight_grams, s.created_at, "
            "l.name, l.address, l.postcode, coalesce(c.name, ''), coalesce(c.address, ''), "
            "coalesce(c.postcode, ''), o.ship_region "
            "FROM shipments s JOIN orders o ON o.id = s.order_id JOIN locations l ON l.id = s.location_id "
            "LEFT JOIN customers c ON c.id = o.customer_id WHERE s.order_id = ? ORDER BY s.id DESC LIMIT 1"),
        {orderId});
    if (!rows) {
        return rows.error();
    }
    if (rows->isEmpty()) {
        return std::optional<ShipmentFacts> {};
    }
    const Row &r = rows->first();
    ShipmentFacts facts;
    facts.shipmentId = r.value(0).toLongLong();
    facts.carrier = r.value(1).toString();
    facts.service = r.value(2).toString();
    facts.trackingNumber = r.value(3).toString();
    facts.weightGrams = r.value(4).toInt();
    facts.createdAt = r.value(5).toString();
    facts.fromName = r.value(6).toString();
    facts.fromAddress = r.value(7).toString();
    facts.fromPostcode = r.value(8).toString();
    facts.toName = r.value(9).toString();
    facts.toAddress = r.value(10).toString();
    facts.toPostcode = r.value(11).toString();
    facts.toRegion = r.value(12).toString();
    return std::optional<ShipmentFacts> {facts};
}

bool OrderRepository::isDescending(OrderSort sort)
{
    return sort == OrderSort::PlacedDesc || sort == OrderSort::TotalDesc || sort == OrderSort::NumberDesc;
}

QVariant OrderRepository::sortValue(const OrderHeader &order, OrderSort sort)
{
    switch (sort) {
    case OrderSort::PlacedDesc:
    case OrderSort::PlacedAsc:
        return order.placedAt;
    case OrderSort::TotalDesc:
    case OrderSort::TotalAsc:
        return order.totalCents;
    case OrderSort::NumberDesc:
    case OrderSort::NumberAsc:
        return order.id;
    }
    return {};
}

Result<QList<OrderHeader>> OrderRepository::page(const OrderCursor &after, int limit,
                                                 const OrderFilter &filter)
{
    Binds binds;
    QString where = whereClause(m_db.dialect(), filter, binds);
    const QString key = sortKey(filter.sort);
    const bool down = isDescending(filter.sort);
    if (!after.isStart()) {
        // Row-value comparison keeps the page query on the (key, id) index on both engines.
        const QString comparison = down ? QStringLiteral("<") : QStringLiteral(">");
        const QString keyset = filter.sort == OrderSort::NumberDesc || filter.sort == OrderSort::NumberAsc
            ? QStringLiteral("o.id %1 ?").arg(comparison)
            : QStringLiteral("(%1, o.id) %2 (?, ?)").arg(key, comparison);
        where += (where.isEmpty() ? QStringLiteral("WHERE ") : QStringLiteral(" AND ")) + keyset;
        if (filter.sort != OrderSort::NumberDesc && filter.sort != OrderSort::NumberAsc) {
            binds << after.key;
        }
        binds << after.id;
    }
    const QString direction = down ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString order = filter.sort == OrderSort::NumberDesc || filter.sort == OrderSort::NumberAsc
        ? QStringLiteral(" ORDER BY o.id %1").arg(direction)
        : QStringLiteral(" ORDER BY %1 %2, o.id %2").arg(key, direction);
    binds << limit;
    // The page's ids first, then their columns: the per-order subqueries run for the page alone, not for
    // every match a sort has to look at (a search matching 30,000 orders).
    const QString page
        = QStringLiteral("SELECT o.id FROM orders o ") + where + order + QStringLiteral(" LIMIT ?");
    Result<Rows> rows = m_db.select(headerColumns + QStringLiteral("FROM (") + page
                                        + QStringLiteral(") page JOIN orders o ON o.id = page.id "
                                                         "LEFT JOIN customers c ON c.id = o.customer_id")
                                        + order,
                                    binds);
    if (!rows) {
        return rows.error();
    }
    QList<OrderHeader> orders;
    orders.reserve(rows->size());
    for (const Row &row : std::as_const(*rows)) {
        orders << headerFrom(row);
    }
    return orders;
}

Result<qint64> OrderRepository::count(const OrderFilter &filter, qint64 cap)
{
    Binds binds;
    const QString where = whereClause(m_db.dialect(), filter, binds);
    // Counting stops at the cap: "100,000+" is as useful to a clerk as the exact figure and costs a tenth.
    binds << cap;
    Result<QVariant> n = m_db.scalar(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM orders o ") + where
                                         + QStringLiteral(" LIMIT ?) capped"),
                                     binds);
    if (!n) {
        return n.error();
    }
    return n->toLongLong();
}

Status OrderRepository::refreshSearchText(qint64 orderId)
{
    return statusOf(m_db.execute(m_db.dialect().orderSearchRefresh(), {orderId}));
}

Status OrderRepository::refreshSearchText(const QList<qint64> &orderIds)
{
    // One statement text for every chunk (so it is prepared once): the last chunk repeats its last id.
    constexpr int chunk = 50;
    const QString sql = m_db.dialect().orderSearchRefresh(chunk);
    for (qsizetype start = 0; start < orderIds.size(); start += chunk) {
        Binds binds;
        binds.reserve(chunk);
        for (qsizetype i = start; i < start + chunk; ++i) {
            binds << orderIds.at(std::min(i, orderIds.size() - 1));
        }
        STOCKROOM_CHECK(statusOf(m_db.execute(sql, binds)));
    }
    return {};
}

} // namespace Stockroom
