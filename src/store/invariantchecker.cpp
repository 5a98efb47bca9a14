// SPDX-License-Identifier: GPL-3.0-or-later
#include "invariantchecker.h"

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
