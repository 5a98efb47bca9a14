// SPDX-License-Identifier: GPL-3.0-or-later
#include "planningrepository.h"

namespace Stockroom {

Result<QList<DayQuantity>> PlanningRepository::dailyDemand(qint64 productId, qint64 locationId,
                                                           bool perLocation, const QString &from,
                                                           const QString &to)
{
    // placed_at is ISO 8601 UTC text: its first ten characters are the day on both engines.
    QString sql;
    Binds binds;
    if (locationId > 0 || perLocation) {
        sql = QStringLiteral(
            "SELECT substr(o.placed_at, 1, 10) AS day, a.location_id, sum(a.qty) "
            "FROM order_lines ol JOIN orders o ON o.id = ol.order_id "
            "JOIN allocations a ON a.order_line_id = ol.id "
            "WHERE ol.product_id = ? AND o.placed_at >= ? AND o.placed_at < ? AND o.status <> 'draft' "
            "AND a.status IN ('open', 'shipped') AND (a.location_id = ? OR ? = 0) "
            "GROUP BY substr(o.placed_at, 1, 10), a.location_id ORDER BY day, a.location_id");
        binds = {productId, from, to, locationId, locationId};
    } else {
        sql = QStringLiteral("SELECT substr(o.placed_at, 1, 10) AS day, 0, sum(ol.qty - ol.qty_cancelled) "
                             "FROM order_lines ol JOIN orders o ON o.id = ol.order_id "
                             "WHERE ol.product_id = ? AND o.placed_at >= ? AND o.placed_at < ? "
                             "AND o.status <> 'draft' AND ol.qty > ol.qty_cancelled "
                             "GROUP BY substr(o.placed_at, 1, 10) ORDER BY day");
        binds = {productId, from, to};
    }
    STOCKROOM_TRY(rows, m_db.select(sql, binds));
    QList<DayQuantity> days;
    days.reserve(rows.size());
    for (const Row &row : std::as_const(rows)) {
        days << DayQuantity {QDate::fromString(row.value(0).toString(), Qt::ISODate),
                             row.value(1).toLongLong(), row.value(2).toInt()};
    }
    return days;
}

Result<QHash<qint64, int>> PlanningRepository::availableBefore(qint64 productId, qint64 locationId,
                                                               const QString &time)
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT location_id, sum(delta_on_hand - delta_reserved) "
                                             "FROM stock_movements WHERE product_id = ? "
                                             "AND (location_id = ? OR ? = 0) AND created_at < ? "
                                             "GROUP BY location_id"),
                              {productId, locationId, locationId, time}));
    QHash<qint64, int> available;
    for (const Row &row : std::as_const(rows)) {
        available.insert(row.value(0).toLongLong(), row.value(1).toInt());
    }
    return available;
}

Result<QList<AvailabilityChange>>
PlanningRepository::availabilityChanges(qint64 productId, qint64 locationId, const QString &from,
                                        const QString &to, const QString &afterAt, qint64 afterId, int limit)
{
    // Keyset on (created_at, id): a page starts right after the last row of the one before.
    const QString start = afterAt.isEmpty() ? from : afterAt;
    const qint64 startId = afterAt.isEmpty() ? -1 : afterId;
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT id, created_at, location_id, delta_on_hand - delta_reserved "
                                   "FROM stock_movements WHERE product_id = ? "
                                   "AND (location_id = ? OR ? = 0) "
                                   "AND (created_at > ? OR (created_at = ? AND id > ?)) "
                                   "AND created_at < ? AND delta_on_hand <> delta_reserved "
                                   "ORDER BY created_at, id LIMIT ?"),
                    {productId, locationId, locationId, start, start, startId, to, limit}));
    QList<AvailabilityChange> changes;
    changes.reserve(rows.size());
    for (const Row &row : std::as_const(rows)) {
        changes << AvailabilityChange {row.value(0).toLongLong(), row.value(1).toString(),
                                       row.value(2).toLongLong(), row.value(3).toInt()};
    }
    return changes;
}

Result<QString> PlanningRepository::firstActivity(qint64 productId, qint64 locationId)
{
    STOCKROOM_TRY(moved,
                  m_db.scalar(QStringLiteral("SELECT min(created_at) FROM stock_movements "
                                             "WHERE product_id = ? AND (location_id = ? OR ? = 0)"),
                              {productId, locationId, locationId}));
    QString first = moved.isNull() ? QString() : moved.toString();
    if (locationId == 0) {
        STOCKROOM_TRY(ordered,
                      m_db.scalar(QStringLiteral("SELECT min(o.placed_at) FROM order_lines ol "
                                                 "JOIN orders o ON o.id = ol.order_id "
                                                 "WHERE ol.product_id = ? AND o.status <> 'draft'"),
                                  {productId}));
        if (!ordered.isNull() && (first.isEmpty() || ordered.toString() < first)) {
            first = ordered.toString();
        }
    }
    return first;
}

Result<QList<PlanningLevel>> PlanningRepository::levels(qint64 productId)
{
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT l.id, l.code, l.priority, l.active, s.on_hand, s.reserved "
                                   "FROM stock_levels s JOIN locations l ON l.id = s.location_id "
                                   "WHERE s.product_id = ? ORDER BY l.priority, l.code"),
                    {productId}));
    QList<PlanningLevel> levels;
    for (const Row &row : std::as_const(rows)) {
        levels << PlanningLevel {row.value(0).toLongLong(), row.value(1).toString(), row.value(2).toInt(),
                                 row.value(3).toInt() != 0, row.value(4).toInt(),    row.value(5).toInt()};
    }
    return levels;
}

Result<QList<PlanningLevel>> PlanningRepository::activeLocations()
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT id, code, priority FROM locations WHERE active = 1 "
                                             "ORDER BY priority, code")));
    QList<PlanningLevel> locations;
    for (const Row &row : std::as_const(rows)) {
        locations << PlanningLevel {
            row.value(0).toLongLong(), row.value(1).toString(), row.value(2).toInt(), true, 0, 0};
    }
    return locations;
}

Result<QList<OpenPurchaseLine>> PlanningRepository::openPurchaseLines(qint64 productId)
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT d.id, d.location_id, coalesce(d.expected_at, ''), "
                                             "coalesce(d.ordered_at, d.created_at), s.lead_time_days, "
                                             "pl.qty_ordered - pl.qty_received "
                                             "FROM purchase_order_lines pl "
                                             "JOIN purchase_orders d ON d.id = pl.purchase_order_id "
                                             "JOIN suppliers s ON s.id = d.supplier_id "
                                             "WHERE pl.product_id = ? "
                                             "AND d.status IN ('ordered', 'partially_received') "
                                             "AND pl.qty_ordered > pl.qty_received "
                                             "ORDER BY coalesce(d.expected_at, ''), d.id"),
                              {productId}));
    QList<OpenPurchaseLine> lines;
    for (const Row &row : std::as_const(rows)) {
        lines << OpenPurchaseLine {row.value(0).toLongLong(), row.value(1).toLongLong(),
                                   row.value(2).toString(),   row.value(3).toString(),
                                   row.value(4).toInt(),      row.value(5).toInt()};
    }
    return lines;
}

Result<QList<TransitLine>> PlanningRepository::transitLines(qint64 productId)
{
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT d.id, d.from_location_id, d.to_location_id, "
                                   "coalesce(d.shipped_at, d.updated_at), "
                                   "tl.qty_shipped - tl.qty_received - tl.qty_written_off "
                                   "FROM transfer_lines tl JOIN transfers d ON d.id = tl.transfer_id "
                                   "WHERE tl.product_id = ? AND d.status = 'in_transit' "
                                   "AND tl.qty_shipped > tl.qty_received + tl.qty_written_off "
                                   "ORDER BY d.id"),
                    {productId}));
    QList<TransitLine> lines;
    for (const Row &row : std::as_const(rows)) {
        lines << TransitLine {row.value(0).toLongLong(), row.value(1).toLongLong(), row.value(2).toLongLong(),
                              row.value(3).toString(), row.value(4).toInt()};
    }
    return lines;
}

Result<QList<QPair<QString, QString>>> PlanningRepository::transferTimes(qint64 fromLocationId,
                                                                         qint64 toLocationId, int limit)
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT shipped_at, received_at FROM transfers "
                                             "WHERE from_location_id = ? AND to_location_id = ? "
                                             "AND status = 'received' AND shipped_at IS NOT NULL "
                                             "AND received_at IS NOT NULL ORDER BY id DESC LIMIT ?"),
                              {fromLocationId, toLocationId, limit}));
    QList<QPair<QString, QString>> times;
    for (const Row &row : std::as_const(rows)) {
        times << qMakePair(row.value(0).toString(), row.value(1).toString());
    }
    return times;
}

Result<QHash<qint64, PlanningSupplier>> PlanningRepository::lastSuppliers()
{
    // The newest purchase order per product (highest id: ids grow with time on both engines).
    STOCKROOM_TRY(rows,
                  // One grouped pass for the newest order per product, not a subquery per order line
                  // (that took 70 ms on the demo's few thousand lines).
                  m_db.select(QStringLiteral("SELECT latest.product_id, s.id, s.name, s.lead_time_days "
                                             "FROM (SELECT pl.product_id, max(d.id) AS po_id "
                                             "FROM purchase_order_lines pl "
                                             "JOIN purchase_orders d ON d.id = pl.purchase_order_id "
                                             "WHERE d.status <> 'cancelled' GROUP BY pl.product_id) latest "
                                             "JOIN purchase_orders d ON d.id = latest.po_id "
                                             "JOIN suppliers s ON s.id = d.supplier_id")));
    QHash<qint64, PlanningSupplier> suppliers;
    for (const Row &row : std::as_const(rows)) {
        suppliers.insert(
            row.value(0).toLongLong(),
            PlanningSupplier {row.value(1).toLongLong(), row.value(2).toString(), row.value(3).toInt()});
    }
    return suppliers;
}

Result<QList<PlanningSupplier>> PlanningRepository::suppliers()
{
    STOCKROOM_TRY(
        rows, m_db.select(QStringLiteral("SELECT id, name, lead_time_days FROM suppliers ORDER BY name")));
    QList<PlanningSupplier> suppliers;
    for (const Row &row : std::as_const(rows)) {
        suppliers << PlanningSupplier {row.value(0).toLongLong(), row.value(1).toString(),
                                       row.value(2).toInt()};
    }
    return suppliers;
}

Result<QString> PlanningRepository::productSku(qint64 productId)
{
    STOCKROOM_TRY(sku, m_db.scalar(QStringLiteral("SELECT sku FROM products WHERE id = ?"), {productId}));
    return sku.isNull() ? QString() : sku.toString();
}

Result<QHash<QPair<qint64, qint64>, PlanningRepository::DraftedSupply>> PlanningRepository::draftedSupply()
{
    QHash<QPair<qint64, qint64>, DraftedSupply> drafted;
    STOCKROOM_TRY(
        purchases,
        m_db.select(QStringLiteral("SELECT pl.product_id, d.location_id, sum(pl.qty_ordered) "
                                   "FROM purchase_order_lines pl "
                                   "JOIN purchase_orders d ON d.id = pl.purchase_order_id "
                                   "WHERE d.status = 'draft' GROUP BY pl.product_id, d.location_id")));
    for (const Row &row : std::as_const(purchases)) {
        drafted[{row.value(0).toLongLong(), row.value(1).toLongLong()}].incoming += row.value(2).toInt();
    }
    STOCKROOM_TRY(
        transfers,
        m_db.select(QStringLiteral("SELECT tl.product_id, d.from_location_id, d.to_location_id, "
                                   "sum(tl.qty) FROM transfer_lines tl "
                                   "JOIN transfers d ON d.id = tl.transfer_id "
                                   "WHERE d.status IN ('draft', 'requested') "
                                   "GROUP BY tl.product_id, d.from_location_id, d.to_location_id")));
    for (const Row &row : std::as_const(transfers)) {
        const qint64 product = row.value(0).toLongLong();
        const int qty = row.value(3).toInt();
        drafted[{product, row.value(1).toLongLong()}].outgoing += qty;
        drafted[{product, row.value(2).toLongLong()}].incoming += qty;
    }
    return drafted;
}

} // namespace Stockroom
