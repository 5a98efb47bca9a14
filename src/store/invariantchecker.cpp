// SPDX-License-Identifier: GPL-3.0-or-later
#include "invariantchecker.h"

#include "inventorystatus.h"
#include "orderstatus.h"

#include <QCoreApplication>

namespace Stockroom {

namespace {
} // namespace

Result<QStringList> InvariantChecker::check()
{
    return m_db.read<QStringList>([&]() -> Result<QStringList> {
        QStringList violations;
        struct Probe
        {
            QString sql;
            std::function<QString(const Row &)> describe;
        };
        const QList<Probe> probes = {
            {QStringLiteral(
                 "SELECT p.sku, l.code, coalesce(s.on_hand, 0), coalesce(s.reserved, 0), "
                 "coalesce(m.sum_on_hand, 0), coalesce(m.sum_reserved, 0) "
                 "FROM (SELECT product_id, location_id FROM stock_levels "
                 "      UNION SELECT product_id, location_id FROM stock_movements) k "
                 "JOIN products p ON p.id = k.product_id JOIN locations l ON l.id = k.location_id "
                 "LEFT JOIN stock_levels s ON s.product_id = k.product_id AND s.location_id = k.location_id "
                 "LEFT JOIN (SELECT product_id, location_id, sum(delta_on_hand) AS sum_on_hand, "
                 "           sum(delta_reserved) AS sum_reserved FROM stock_movements "
                 "           GROUP BY product_id, location_id) m "
                 "  ON m.product_id = k.product_id AND m.location_id = k.location_id "
                 "WHERE coalesce(s.on_hand, 0) <> coalesce(m.sum_on_hand, 0) "
                 "   OR coalesce(s.reserved, 0) <> coalesce(m.sum_reserved, 0) "
                 "ORDER BY p.sku, l.code"),
             [](const Row &r) {
                 return InvariantChecker::tr(
                            "ledger: %1 at %2 has on hand %3, reserved %4, but the ledger sums to %5 and %6")
                     .arg(r.value(0).toString(), r.value(1).toString(), r.value(2).toString(),
                          r.value(3).toString(), r.value(4).toString(), r.value(5).toString());
             }},
            {QStringLiteral(
                 "SELECT p.sku, l.code, coalesce(s.reserved, 0), coalesce(a.open_qty, 0) "
                 "FROM (SELECT product_id, location_id FROM stock_levels "
                 "      UNION SELECT ol.product_id, a.location_id FROM allocations a "
                 "      JOIN order_lines ol ON ol.id = a.order_line_id WHERE a.status = 'open') k "
                 "JOIN products p ON p.id = k.product_id JOIN locations l ON l.id = k.location_id "
                 "LEFT JOIN stock_levels s ON s.product_id = k.product_id AND s.location_id = k.location_id "
                 "LEFT JOIN (SELECT ol.product_id, a.location_id, sum(a.qty) AS open_qty FROM allocations a "
                 "           JOIN order_lines ol ON ol.id = a.order_line_id WHERE a.status = 'open' "
                 "           GROUP BY ol.product_id, a.location_id) a "
                 "  ON a.product_id = k.product_id AND a.location_id = k.location_id "
                 "WHERE coalesce(s.reserved, 0) <> coalesce(a.open_qty, 0) ORDER BY p.sku, l.code"),
             [](const Row &r) {
                 return InvariantChecker::tr(
                            "reservations: %1 at %2 has %3 reserved but %4 in open allocations")
                     .arg(r.value(0).toString(), r.value(1).toString(), r.value(2).toString(),
                          r.value(3).toString());
             }},
            {QStringLiteral(
                 "SELECT p.sku, l.code, s.on_hand, s.reserved FROM stock_levels s "
                 "JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id "
                 "WHERE s.on_hand < 0 OR s.reserved < 0 OR s.reserved > s.on_hand ORDER BY p.sku, l.code"),
             [](const Row &r) {
                 return InvariantChecker::tr("availability: %1 at %2 has on hand %3 and reserved %4")
                     .arg(r.value(0).toString(), r.value(1).toString(), r.value(2).toString(),
                          r.value(3).toString());
             }},
            {QStringLiteral(
                 "SELECT o.id, ol.line_no, ol.qty, ol.qty_shipped, ol.qty_cancelled, ol.qty_returned, "
                 "coalesce(a.open_qty, 0) FROM order_lines ol JOIN orders o ON o.id = ol.order_id "
                 "LEFT JOIN (SELECT order_line_id, sum(qty) AS open_qty FROM allocations WHERE status = "
                 "'open' "
                 "           GROUP BY order_line_id) a ON a.order_line_id = ol.id "
                 "WHERE ol.qty_shipped + ol.qty_cancelled + coalesce(a.open_qty, 0) > ol.qty "
                 "   OR ol.qty_returned > ol.qty_shipped ORDER BY o.id, ol.line_no"),
             [](const Row &r) {
                 return InvariantChecker::
                     tr("order line: %1 line %2 of %3 units has %4 shipped, %5 cancelled, %6 returned and %7 "
                        "allocated")
                         .arg(orderNumber(r.value(0).toLongLong()), r.value(1).toString(),
                              r.value(2).toString(), r.value(3).toString(), r.value(4).toString(),
                              r.value(5).toString(), r.value(6).toString());
             }},
            {QStringLiteral(
                 "SELECT o.id, ol.line_no FROM allocations a JOIN order_lines ol ON ol.id = a.order_line_id "
                 "JOIN orders o ON o.id = ol.order_id "
                 "WHERE a.status = 'open' AND o.status IN ('cancelled', 'shipped', 'delivered') "
                 "ORDER BY o.id, ol.line_no"),
             [](const Row &r) {
                 return InvariantChecker::tr("order state: closed order %1 still holds stock on line %2")
                     .arg(orderNumber(r.value(0).toLongLong()), r.value(1).toString());
             }},
            {QStringLiteral(
                 "SELECT channel, external_id, count(*) FROM orders WHERE external_id IS NOT NULL "
                 "GROUP BY channel, external_id HAVING count(*) > 1 ORDER BY channel, external_id"),
             [](const Row &r) {
                 return InvariantChecker::tr("imports: external order %1/%2 exists %3 times")
                     .arg(r.value(0).toString(), r.value(1).toString(), r.value(2).toString());
             }},
            // 6. Money: never more refunded than paid.
            {QStringLiteral("SELECT id, paid_cents, refunded_cents FROM orders "
                            "WHERE refunded_cents > paid_cents OR refunded_cents < 0 ORDER BY id"),
             [](const Row &r) {
                 return InvariantChecker::tr("payment: %1 has %2 refunded of %3 paid (cents)")
                     .arg(orderNumber(r.value(0).toLongLong()), r.value(2).toString(), r.value(1).toString());
             }},
            // 7. A returned unit is restocked or written off once at most.
            {QStringLiteral(
                 "SELECT rl.return_id, p.sku, rl.qty, "
                 "sum(CASE WHEN d.kind = 'restock' THEN d.qty ELSE 0 END), "
                 "sum(CASE WHEN d.kind = 'writeoff' THEN d.qty ELSE 0 END) "
                 "FROM return_lines rl JOIN return_dispositions d ON d.return_line_id = rl.id "
                 "JOIN order_lines ol ON ol.id = rl.order_line_id JOIN products p ON p.id = ol.product_id "
                 "GROUP BY rl.id, rl.return_id, p.sku, rl.qty HAVING sum(d.qty) > rl.qty "
                 "ORDER BY rl.return_id, rl.id"),
             [](const Row &r) {
                 return InvariantChecker::tr("return: %1 has %2 restocked and %3 written off of %4 × %5")
                     .arg(returnNumber(r.value(0).toLongLong()), r.value(3).toString(), r.value(4).toString(),
                          r.value(2).toString(), r.value(1).toString());
             }},
            // 8. An order line's returned count is what its (not cancelled) returns list; returned ≤ shipped is
            //    a CHECK constraint and part of 4.
            {QStringLiteral(
                 "SELECT ol.order_id, ol.line_no, ol.qty_returned, coalesce(r.listed, 0) FROM order_lines ol "
                 "LEFT JOIN (SELECT rl.order_line_id, sum(rl.qty) AS listed FROM return_lines rl "
                 "           JOIN returns rt ON rt.id = rl.return_id WHERE rt.status <> 'cancelled' "
                 "           GROUP BY rl.order_line_id) r ON r.order_line_id = ol.id "
                 "WHERE ol.qty_returned <> coalesce(r.listed, 0) ORDER BY ol.order_id, ol.line_no"),
             [](const Row &r) {
                 return InvariantChecker::tr(
                            "returns: %1 line %2 counts %3 returned, but its returns list %4")
                     .arg(orderNumber(r.value(0).toLongLong()), r.value(1).toString(), r.value(2).toString(),
                          r.value(3).toString());
             }},
            // 9. Packing never counts more units than were allocated.
            {QStringLiteral(
                 "SELECT ol.order_id, ol.line_no, a.qty_packed, a.qty, l.code FROM allocations a "
                 "JOIN order_lines ol ON ol.id = a.order_line_id JOIN locations l ON l.id = a.location_id "
                 "WHERE a.qty_packed > a.qty ORDER BY ol.order_id, ol.line_no, a.id"),
             [](const Row &r) {
                 return InvariantChecker::tr("packing: %1 line %2 has %3 packed of %4 allocated at %5")
                     .arg(orderNumber(r.value(0).toLongLong()), r.value(1).toString(), r.value(2).toString(),
                          r.value(3).toString(), r.value(4).toString());
             }},
            // 10. A delivered order has shipments, and every one of them is delivered.
            {QStringLiteral(
                 "SELECT o.id, count(s.id), "
                 "sum(CASE WHEN s.id IS NOT NULL AND s.status <> 'delivered' THEN 1 ELSE 0 END) "
                 "FROM orders o LEFT JOIN shipments s ON s.order_id = o.id WHERE o.status = 'delivered' "
                 "GROUP BY o.id "
                 "HAVING count(s.id) = 0 "
                 "    OR sum(CASE WHEN s.id IS NOT NULL AND s.status <> 'delivered' THEN 1 ELSE 0 END) > 0 "
                 "ORDER BY o.id"),
             [](const Row &r) {
                 const QString number = orderNumber(r.value(0).toLongLong());
                 if (r.value(1).toLongLong() == 0) {
                     return InvariantChecker::tr("delivery: %1 is delivered without a shipment").arg(number);
                 }
                 return InvariantChecker::tr("delivery: %1 is delivered, but %2 of its %3 shipments are not")
                     .arg(number, r.value(2).toString(), r.value(1).toString());
             }},
            // 11. Tracking: a shipment's state is the state of one of its events (label_created needs none),
            //     and it has a delivery time exactly when it is delivered.
            {QStringLiteral(
                 "SELECT s.id, s.order_id, s.status FROM shipments s "
                 "WHERE s.status <> 'label_created' AND NOT EXISTS (SELECT 1 FROM tracking_events e "
                 "WHERE e.shipment_id = s.id AND e.status = s.status) ORDER BY s.id"),
             [](const Row &r) {
                 return InvariantChecker::tr(
                            "tracking: shipment %1 of %2 is %3, but no tracking event says so")
                     .arg(r.value(0).toString(), orderNumber(r.value(1).toLongLong()),
                          r.value(2).toString().replace(QLatin1Char('_'), QLatin1Char(' ')));
             }},
            {QStringLiteral(
                 "SELECT s.id, s.order_id, s.status, coalesce(s.delivered_at, '') FROM shipments s "
                 "WHERE (s.status = 'delivered' AND s.delivered_at IS NULL) "
                 "   OR (s.status <> 'delivered' AND s.delivered_at IS NOT NULL) ORDER BY s.id"),
             [](const Row &r) {
                 const QString shipment = r.value(0).toString();
                 const QString number = orderNumber(r.value(1).toLongLong());
                 if (r.value(3).toString().isEmpty()) {
                     return InvariantChecker::tr(
                                "tracking: shipment %1 of %2 is delivered without a delivery time")
                         .arg(shipment, number);
                 }
                 return InvariantChecker::tr("tracking: shipment %1 of %2 is %3 but has a delivery time (%4)")
                     .arg(shipment, number, r.value(2).toString().replace(QLatin1Char('_'), QLatin1Char(' ')),
                          r.value(3).toString());
             }},
            // 12. Transfers: each line's transfer_out rows sum to what was shipped, transfer_in rows to what
            //     arrived, and shipped = received + in transit + written off with in transit ≥ 0; nothing
            //     leaves before the transfer is in transit.
            {QStringLiteral(
                 "SELECT t.id, p.sku, tl.qty_shipped, tl.qty_received, tl.qty_written_off, "
                 "coalesce((SELECT -sum(m.delta_on_hand) FROM stock_movements m WHERE m.ref_type = "
                 "'transfer' "
                 "  AND m.ref_id = t.id AND m.product_id = tl.product_id AND m.reason = 'transfer_out'), 0) "
                 "AS out_qty, "
                 "coalesce((SELECT sum(m.delta_on_hand) FROM stock_movements m WHERE m.ref_type = 'transfer' "
                 "  AND m.ref_id = t.id AND m.product_id = tl.product_id AND m.reason = 'transfer_in'), 0) "
                 "AS in_qty, "
                 "t.status FROM transfer_lines tl JOIN transfers t ON t.id = tl.transfer_id "
                 "JOIN products p ON p.id = tl.product_id "
                 "WHERE coalesce((SELECT -sum(m.delta_on_hand) FROM stock_movements m WHERE m.ref_type = "
                 "'transfer' "
                 "  AND m.ref_id = t.id AND m.product_id = tl.product_id AND m.reason = 'transfer_out'), 0) "
                 "    <> tl.qty_shipped "
                 "   OR coalesce((SELECT sum(m.delta_on_hand) FROM stock_movements m WHERE m.ref_type = "
                 "'transfer' "
                 "  AND m.ref_id = t.id AND m.product_id = tl.product_id AND m.reason = 'transfer_in'), 0) "
                 "    <> tl.qty_received "
                 "   OR tl.qty_received + tl.qty_written_off > tl.qty_shipped "
                 "   OR (t.status IN ('draft', 'requested', 'cancelled') AND tl.qty_shipped > 0) "
                 "   OR (t.status = 'received' AND tl.qty_received + tl.qty_written_off <> tl.qty_shipped) "
                 "ORDER BY t.id, p.sku"),
             [](const Row &r) {
                 return InvariantChecker::tr(
                            "transfer: %1 (%2) %3 shipped %4, received %5, written off %6, but "
                            "the ledger has %7 out and %8 in")
                     .arg(transferNumber(r.value(0).toLongLong()), r.value(7).toString(),
                          r.value(1).toString(), r.value(2).toString(), r.value(3).toString(),
                          r.value(4).toString(), r.value(5).toString(), r.value(6).toString());
             }},
            // 13. Purchase orders: receipts referencing a purchase order sum to its lines' received units, at
            //     its location; only ordered or (partially) received purchase orders have any.
            {QStringLiteral(
                 "SELECT d.id, p.sku, pl.qty_received, "
                 "coalesce((SELECT sum(m.delta_on_hand) FROM stock_movements m WHERE m.ref_type = "
                 "'purchase_order' AND m.ref_id = d.id AND m.product_id = pl.product_id AND m.location_id = "
                 "d.location_id AND m.reason = 'receipt'), 0), d.status "
                 "FROM purchase_order_lines pl JOIN purchase_orders d ON d.id = pl.purchase_order_id "
                 "JOIN products p ON p.id = pl.product_id "
                 "WHERE coalesce((SELECT sum(m.delta_on_hand) FROM stock_movements m WHERE m.ref_type = "
                 "'purchase_order' AND m.ref_id = d.id AND m.product_id = pl.product_id AND m.location_id = "
                 "d.location_id AND m.reason = 'receipt'), 0) <> pl.qty_received "
                 "   OR (d.status IN ('draft', 'ordered', 'cancelled') AND pl.qty_received > 0) "
                 "ORDER BY d.id, p.sku"),
             [](const Row &r) {
                 return InvariantChecker::tr(
                            "purchase order: %1 (%2) received %3 × %4, but the ledger has %5")
                     .arg(purchaseOrderNumber(r.value(0).toLongLong()), r.value(4).toString(),
                          r.value(2).toString(), r.value(1).toString(), r.value(3).toString());
             }},
            // 14. Counts: an approved count's adjustments are exactly its count_adjust rows; no other count has any.
            {QStringLiteral(
                 "SELECT d.id, p.sku, coalesce(cl.adjustment, 0), "
                 "coalesce((SELECT sum(m.delta_on_hand) FROM stock_movements m WHERE m.ref_type = 'count' "
                 "AND "
                 "m.ref_id = d.id AND m.product_id = cl.product_id AND m.reason = 'count_adjust'), 0), "
                 "d.status "
                 "FROM stock_count_lines cl JOIN stock_counts d ON d.id = cl.stock_count_id "
                 "JOIN products p ON p.id = cl.product_id "
                 "WHERE coalesce((SELECT sum(m.delta_on_hand) FROM stock_movements m WHERE m.ref_type = "
                 "'count' "
                 "AND m.ref_id = d.id AND m.product_id = cl.product_id AND m.reason = 'count_adjust'), 0) "
                 "    <> CASE WHEN d.status = 'approved' THEN coalesce(cl.adjustment, 0) ELSE 0 END "
                 "   OR (d.status = 'approved' AND cl.adjustment <> cl.counted - cl.book_at_count) "
                 "ORDER BY d.id, p.sku"),
             [](const Row &r) {
                 return InvariantChecker::tr("count: %1 (%2) adjusts %3 by %4, but the ledger has %5")
                     .arg(countNumber(r.value(0).toLongLong()), r.value(4).toString(), r.value(1).toString(),
                          r.value(2).toString(), r.value(3).toString());
             }},
        };
        for (const Probe &probe : probes) {
            Result<Rows> rows = m_db.select(probe.sql);
            if (!rows) {
                return rows.error();
            }
            for (const Row &row : std::as_const(*rows)) {
                violations << probe.describe(row);
            }
        }
        return violations;
    });
}

} // namespace Stockroom
