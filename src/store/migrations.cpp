// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations.h"

#include "clock.h"
#include "inventorystatus.h"
#include "orderstatus.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

namespace Stockroom {

namespace {

/** 'a', 'b', 'c' for a CHECK (column IN (…)) built from our own constant names, never from data. */
QString sqlList(const QStringList &names)
{
    QStringList quoted;
    for (const QString &name : names) {
        quoted << QLatin1Char('\'') + name + QLatin1Char('\'');
    }
    return quoted.join(QStringLiteral(", "));
}

QStringList version1(const Dialect &dialect)
{
    QStringList ddl = {
        QStringLiteral("CREATE TABLE users ("
                       " id {ID},"
                       " name TEXT NOT NULL UNIQUE,"
                       " role TEXT NOT NULL DEFAULT 'clerk' CHECK (role IN ('clerk', 'manager', 'admin')),"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral(
            "CREATE TABLE locations ("
            " id {ID},"
            " code TEXT NOT NULL UNIQUE,"
            " name TEXT NOT NULL,"
            " kind TEXT NOT NULL DEFAULT 'warehouse' CHECK (kind IN ('warehouse', 'store', 'third_party')),"
            " priority INTEGER NOT NULL DEFAULT 100,"
            " address TEXT NOT NULL DEFAULT '',"
            " postcode TEXT NOT NULL DEFAULT '',"
            " region TEXT NOT NULL DEFAULT '',"
            " active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)))"),
        QStringLiteral("CREATE TABLE bins ("
                       " id {ID},"
                       " location_id {REF} NOT NULL REFERENCES locations(id),"
                       " code TEXT NOT NULL,"
                       " UNIQUE (location_id, code))"),
        QStringLiteral("CREATE TABLE products ("
                       " id {ID},"
                       " sku TEXT NOT NULL UNIQUE CHECK (length(sku) > 0),"
                       " name TEXT NOT NULL,"
                       " gtin TEXT,"
                       " unit_cost_cents {BIGINT} NOT NULL DEFAULT 0 CHECK (unit_cost_cents >= 0),"
                       " price_cents {BIGINT} NOT NULL DEFAULT 0 CHECK (price_cents >= 0),"
                       " weight_grams INTEGER NOT NULL DEFAULT 0 CHECK (weight_grams >= 0),"
                       " active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX products_gtin ON products (gtin)"),
        QStringLiteral("CREATE TABLE stock_levels ("
                       " product_id {REF} NOT NULL REFERENCES products(id),"
                       " location_id {REF} NOT NULL REFERENCES locations(id),"
                       " on_hand INTEGER NOT NULL DEFAULT 0,"
                       " reserved INTEGER NOT NULL DEFAULT 0,"
                       " PRIMARY KEY (product_id, location_id),"
                       " CONSTRAINT stock_on_hand_not_negative CHECK (on_hand >= 0),"
                       " CONSTRAINT stock_reserved_not_negative CHECK (reserved >= 0),"
                       " CONSTRAINT stock_reserved_within_on_hand CHECK (reserved <= on_hand))"),
        QStringLiteral("CREATE INDEX stock_levels_location ON stock_levels (location_id, product_id)"),
        QStringLiteral("CREATE TABLE stock_movements ("
                       " id {ID},"
                       " product_id {REF} NOT NULL REFERENCES products(id),"
                       " location_id {REF} NOT NULL REFERENCES locations(id),"
                       " delta_on_hand INTEGER NOT NULL,"
                       " delta_reserved INTEGER NOT NULL,"
                       " reason TEXT NOT NULL CHECK (reason IN (%1)),"
                       " ref_type TEXT,"
                       " ref_id {BIGINT},"
                       " note TEXT NOT NULL DEFAULT '',"
                       " user_name TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL,"
                       " CHECK (delta_on_hand <> 0 OR delta_reserved <> 0))")
            .arg(sqlList(allMovementReasons())),
        QStringLiteral(
            "CREATE INDEX stock_movements_product ON stock_movements (product_id, location_id, created_at)"),
        QStringLiteral("CREATE INDEX stock_movements_ref ON stock_movements (ref_type, ref_id)"),
        QStringLiteral("CREATE TABLE customers ("
                       " id {ID},"
                       " name TEXT NOT NULL,"
                       " email TEXT NOT NULL DEFAULT '',"
                       " address TEXT NOT NULL DEFAULT '',"
                       " postcode TEXT NOT NULL DEFAULT '',"
                       " region TEXT NOT NULL DEFAULT '',"
                       " pay_later INTEGER NOT NULL DEFAULT 0 CHECK (pay_later IN (0, 1)),"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX customers_name ON customers (name)"),
        QStringLiteral("CREATE TABLE orders ("
                       " id {ID},"
                       " channel TEXT NOT NULL DEFAULT 'manual',"
                       " external_id TEXT,"
                       " customer_id {REF} REFERENCES customers(id),"
                       " status TEXT NOT NULL CHECK (status IN (%1)),"
                       " payment_status TEXT NOT NULL DEFAULT 'pending' CHECK (payment_status IN (%2)),"
                       " ship_region TEXT NOT NULL DEFAULT '',"
                       " ship_postcode TEXT NOT NULL DEFAULT '',"
                       " routing_explanation TEXT NOT NULL DEFAULT '',"
                       " total_cents {BIGINT} NOT NULL DEFAULT 0,"
                       " version INTEGER NOT NULL DEFAULT 1,"
                       " updated_by TEXT NOT NULL DEFAULT '',"
                       " placed_at TEXT NOT NULL,"
                       " updated_at TEXT NOT NULL,"
                       " CONSTRAINT orders_external_once UNIQUE (channel, external_id))")
            .arg(sqlList(allOrderStatusNames()), sqlList(allPaymentStatusNames())),
        QStringLiteral("CREATE INDEX orders_placed ON orders (placed_at, id)"),
        QStringLiteral("CREATE INDEX orders_status ON orders (status, placed_at)"),
        QStringLiteral("CREATE INDEX orders_customer ON orders (customer_id)"),
        QStringLiteral("CREATE TABLE order_lines ("
                       " id {ID},"
                       " order_id {REF} NOT NULL REFERENCES orders(id),"
                       " line_no INTEGER NOT NULL,"
                       " product_id {REF} NOT NULL REFERENCES products(id),"
                       " qty INTEGER NOT NULL CHECK (qty > 0),"
                       " unit_price_cents {BIGINT} NOT NULL DEFAULT 0,"
                       " qty_backordered INTEGER NOT NULL DEFAULT 0 CHECK (qty_backordered >= 0),"
                       " qty_shipped INTEGER NOT NULL DEFAULT 0 CHECK (qty_shipped >= 0),"
                       " qty_returned INTEGER NOT NULL DEFAULT 0 CHECK (qty_returned >= 0),"
                       " qty_cancelled INTEGER NOT NULL DEFAULT 0 CHECK (qty_cancelled >= 0),"
                       " UNIQUE (order_id, line_no),"
                       " CHECK (qty_shipped + qty_cancelled <= qty),"
                       " CHECK (qty_returned <= qty_shipped))"),
        QStringLiteral("CREATE INDEX order_lines_product ON order_lines (product_id)"),
        QStringLiteral(
            "CREATE TABLE allocations ("
            " id {ID},"
            " order_line_id {REF} NOT NULL REFERENCES order_lines(id),"
            " location_id {REF} NOT NULL REFERENCES locations(id),"
            " qty INTEGER NOT NULL CHECK (qty > 0),"
            " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'shipped', 'released')),"
            " created_at TEXT NOT NULL,"
            " closed_at TEXT)"),
        QStringLiteral("CREATE INDEX allocations_line ON allocations (order_line_id)"),
        QStringLiteral("CREATE INDEX allocations_open ON allocations (location_id, status)"),
        QStringLiteral("CREATE TABLE shipments ("
                       " id {ID},"
                       " order_id {REF} NOT NULL REFERENCES orders(id),"
                       " location_id {REF} NOT NULL REFERENCES locations(id),"
                       " carrier TEXT NOT NULL DEFAULT '',"
                       " service TEXT NOT NULL DEFAULT '',"
                       " tracking_number TEXT NOT NULL DEFAULT '',"
                       " weight_grams INTEGER NOT NULL DEFAULT 0,"
                       " status TEXT NOT NULL DEFAULT 'label_created' CHECK (status IN ('label_created', "
                       "'in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned_to_sender')),"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX shipments_order ON shipments (order_id)"),
        QStringLiteral("CREATE INDEX shipments_tracking ON shipments (tracking_number)"),
        QStringLiteral("CREATE TABLE shipment_lines ("
                       " id {ID},"
                       " shipment_id {REF} NOT NULL REFERENCES shipments(id),"
                       " order_line_id {REF} NOT NULL REFERENCES order_lines(id),"
                       " qty INTEGER NOT NULL CHECK (qty > 0))"),
        QStringLiteral("CREATE INDEX shipment_lines_shipment ON shipment_lines (shipment_id)"),
        QStringLiteral("CREATE TABLE tracking_events ("
                       " id {ID},"
                       " shipment_id {REF} NOT NULL REFERENCES shipments(id),"
                       " status TEXT NOT NULL,"
                       " description TEXT NOT NULL DEFAULT '',"
                       " place TEXT NOT NULL DEFAULT '',"
                       " occurred_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX tracking_events_shipment ON tracking_events (shipment_id, occurred_at)"),
        QStringLiteral("CREATE TABLE returns ("
                       " id {ID},"
                       " number TEXT UNIQUE,"
                       " order_id {REF} NOT NULL REFERENCES orders(id),"
                       " status TEXT NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'received', "
                       "'completed', 'refunded', 'cancelled')),"
                       " reason TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE return_lines ("
                       " id {ID},"
                       " return_id {REF} NOT NULL REFERENCES returns(id),"
                       " order_line_id {REF} NOT NULL REFERENCES order_lines(id),"
                       " qty INTEGER NOT NULL CHECK (qty > 0),"
                       " disposition TEXT CHECK (disposition IN ('restock', 'writeoff')),"
                       " location_id {REF} REFERENCES locations(id))"),
        QStringLiteral("CREATE TABLE suppliers ("
                       " id {ID},"
                       " name TEXT NOT NULL UNIQUE,"
                       " email TEXT NOT NULL DEFAULT '',"
                       " lead_time_days INTEGER NOT NULL DEFAULT 7 CHECK (lead_time_days >= 0))"),
        QStringLiteral("CREATE TABLE purchase_orders ("
                       " id {ID},"
                       " number TEXT UNIQUE,"
                       " supplier_id {REF} NOT NULL REFERENCES suppliers(id),"
                       " location_id {REF} NOT NULL REFERENCES locations(id),"
                       " status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'ordered', "
                       "'partially_received', 'received', 'cancelled')),"
                       " expected_at TEXT,"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE purchase_order_lines ("
                       " id {ID},"
                       " purchase_order_id {REF} NOT NULL REFERENCES purchase_orders(id),"
                       " product_id {REF} NOT NULL REFERENCES products(id),"
                       " qty_ordered INTEGER NOT NULL CHECK (qty_ordered > 0),"
                       " qty_received INTEGER NOT NULL DEFAULT 0 CHECK (qty_received >= 0),"
                       " unit_cost_cents {BIGINT} NOT NULL DEFAULT 0)"),
        QStringLiteral("CREATE TABLE transfers ("
                       " id {ID},"
                       " number TEXT UNIQUE,"
                       " from_location_id {REF} NOT NULL REFERENCES locations(id),"
                       " to_location_id {REF} NOT NULL REFERENCES locations(id),"
                       " status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'requested', "
                       "'in_transit', 'received', 'cancelled')),"
                       " created_at TEXT NOT NULL,"
                       " CHECK (from_location_id <> to_location_id))"),
        QStringLiteral("CREATE TABLE transfer_lines ("
                       " id {ID},"
                       " transfer_id {REF} NOT NULL REFERENCES transfers(id),"
                       " product_id {REF} NOT NULL REFERENCES products(id),"
                       " qty INTEGER NOT NULL CHECK (qty > 0),"
                       " qty_shipped INTEGER NOT NULL DEFAULT 0 CHECK (qty_shipped >= 0),"
                       " qty_received INTEGER NOT NULL DEFAULT 0 CHECK (qty_received >= 0),"
                       " discrepancy_reason TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE TABLE stock_counts ("
                       " id {ID},"
                       " number TEXT UNIQUE,"
                       " location_id {REF} NOT NULL REFERENCES locations(id),"
                       " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted', "
                       "'approved', 'rejected')),"
                       " created_at TEXT NOT NULL,"
                       " approved_by TEXT)"),
        QStringLiteral("CREATE TABLE stock_count_lines ("
                       " id {ID},"
                       " stock_count_id {REF} NOT NULL REFERENCES stock_counts(id),"
                       " product_id {REF} NOT NULL REFERENCES products(id),"
                       " expected INTEGER NOT NULL DEFAULT 0,"
                       " counted INTEGER CHECK (counted >= 0))"),
        QStringLiteral("CREATE TABLE change_log ("
                       " seq {ID},"
                       " entity TEXT NOT NULL,"
                       " entity_id TEXT NOT NULL,"
                       " op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),"
                       " user_name TEXT NOT NULL DEFAULT '',"
                       " at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX change_log_at ON change_log (at)"),
        // Where pruning cut the log: a feed that had not reached this seq must reload.
        // Who has which document open, on which desktop; rows expire unless their desktop keeps beating.
        QStringLiteral("CREATE TABLE presence ("
                       " desktop_id TEXT PRIMARY KEY,"
                       " user_name TEXT NOT NULL,"
                       " entity TEXT NOT NULL DEFAULT '',"
                       " entity_id TEXT NOT NULL DEFAULT '',"
                       " activity TEXT NOT NULL DEFAULT '',"
                       " expires_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE change_log_pruned ("
                       " up_to_seq {BIGINT} NOT NULL,"
                       " pruned_at TEXT NOT NULL)"),
    };
    QStringList statements;
    for (const QString &statement : std::as_const(ddl)) {
        statements << dialect.ddl(statement);
    }
    statements << dialect.appendOnlyTriggers(QStringLiteral("stock_movements"));
    return statements;
}

/**
 * The whole life of an order: payment amounts, holds, packing, tracking, returns with their dispositions,
 * the order's own history, per-channel rules, home bins for pick lists, and the full-text order search.
 */
QStringList version2(const Dialect &dialect)
{
    QStringList ddl = {
        // Channels: "pay later" and "ships only from" rules (a customer may carry the same rules).
        QStringLiteral("CREATE TABLE channels ("
                       " name TEXT PRIMARY KEY,"
                       " pay_later INTEGER NOT NULL DEFAULT 0 CHECK (pay_later IN (0, 1)),"
                       " ship_from TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("ALTER TABLE customers ADD COLUMN ship_from TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE orders ADD COLUMN hold_reason TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE orders ADD COLUMN paid_cents {BIGINT} NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE orders ADD COLUMN refunded_cents {BIGINT} NOT NULL DEFAULT 0"),
        // Version 1 knew only the payment state: what it called paid was paid in full (and what it called
        // refunded, refunded in full), so that refunds of those orders work after the upgrade.
        QStringLiteral("UPDATE orders SET paid_cents = total_cents "
                       "WHERE payment_status IN ('paid', 'partially_refunded', 'refunded')"),
        QStringLiteral("UPDATE orders SET refunded_cents = total_cents WHERE payment_status = 'refunded'"),
        QStringLiteral("CREATE INDEX orders_total ON orders (total_cents, id)"),
        // Arrivals look for waiting lines of a product: a small partial index instead of all its lines.
        QStringLiteral(
            "CREATE INDEX order_lines_waiting ON order_lines (product_id) WHERE qty_backordered > 0"),
        QStringLiteral("CREATE INDEX orders_payment ON orders (payment_status, placed_at)"),
        QStringLiteral("CREATE INDEX orders_channel ON orders (channel, placed_at)"),
        QStringLiteral("ALTER TABLE allocations ADD COLUMN qty_packed INTEGER NOT NULL DEFAULT 0 CHECK "
                       "(qty_packed >= 0)"),
        QStringLiteral("CREATE INDEX allocations_location_line ON allocations (location_id, order_line_id)"),
        QStringLiteral("ALTER TABLE shipments ADD COLUMN delivered_at TEXT"),
        QStringLiteral("ALTER TABLE tracking_events ADD COLUMN user_name TEXT NOT NULL DEFAULT ''"),
        // Re-importing a carrier's file adds nothing twice.
        QStringLiteral(
            "CREATE UNIQUE INDEX tracking_events_once ON tracking_events (shipment_id, status, occurred_at)"),
        // What happened to an order, in words, with money where money moved (payments, refunds).
        QStringLiteral("CREATE TABLE order_events ("
                       " id {ID},"
                       " order_id {REF} NOT NULL REFERENCES orders(id),"
                       " kind TEXT NOT NULL,"
                       " detail TEXT NOT NULL DEFAULT '',"
                       " amount_cents {BIGINT} NOT NULL DEFAULT 0,"
                       " user_name TEXT NOT NULL DEFAULT '',"
                       " at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX order_events_order ON order_events (order_id, id)"),
        QStringLiteral("ALTER TABLE returns ADD COLUMN created_by TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("CREATE INDEX returns_order ON returns (order_id)"),
        QStringLiteral("ALTER TABLE return_lines ADD COLUMN reason TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("CREATE INDEX return_lines_return ON return_lines (return_id)"),
        QStringLiteral("CREATE TABLE return_dispositions ("
                       " id {ID},"
                       " return_line_id {REF} NOT NULL REFERENCES return_lines(id),"
                       " kind TEXT NOT NULL CHECK (kind IN ('restock', 'writeoff')),"
                       " qty INTEGER NOT NULL CHECK (qty > 0),"
                       " location_id {REF} NOT NULL REFERENCES locations(id),"
                       " reason TEXT NOT NULL DEFAULT '',"
                       " user_name TEXT NOT NULL DEFAULT '',"
                       " at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX return_dispositions_line ON return_dispositions (return_line_id)"),
        // Where a product lives at a location (its home bin): pick lists walk the bins in order.
        QStringLiteral("CREATE TABLE product_locations ("
                       " product_id {REF} NOT NULL REFERENCES products(id),"
                       " location_id {REF} NOT NULL REFERENCES locations(id),"
                       " bin_code TEXT NOT NULL DEFAULT '',"
                       " PRIMARY KEY (product_id, location_id))"),
    };
    QStringList statements;
    for (const QString &statement : std::as_const(ddl)) {
        statements << dialect.ddl(statement);
    }
    statements << dialect.appendOnlyTriggers(QStringLiteral("order_events"));
    statements << dialect.orderSearchDdl();
    return statements;
}

/**
 * Inventory operations: purchase orders with receiving, transfers with their time in transit and
 * discrepancies, stock counts with snapshot, blind counting and approval, reorder settings, the
 * moving-average cost, and product imports. Version 1 created placeholder tables for purchase orders,
 * transfers and counts that no Stockroom ever wrote; they are replaced here by their real shape.
 */
QStringList version3(const Dialect &dialect)
{
    QStringList ddl = {
        QStringLiteral("DROP TABLE purchase_order_lines"),
        QStringLiteral("DROP TABLE purchase_orders"),
        QStringLiteral("DROP TABLE transfer_lines"),
        QStringLiteral("DROP TABLE transfers"),
        QStringLiteral("DROP TABLE stock_count_lines"),
        QStringLiteral("DROP TABLE stock_counts"),
        // Moving-average cost over all locations: stock value = on hand × this.
        QStringLiteral("ALTER TABLE products ADD COLUMN avg_cost_cents {BIGINT} NOT NULL DEFAULT 0"),
        QStringLiteral("UPDATE products SET avg_cost_cents = unit_cost_cents"),
        QStringLiteral("ALTER TABLE products ADD COLUMN updated_at TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE products ADD COLUMN updated_by TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE product_locations ADD COLUMN reorder_point INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE product_locations ADD COLUMN reorder_qty INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE product_locations ADD COLUMN last_counted_at TEXT"),
        QStringLiteral("ALTER TABLE suppliers ADD COLUMN created_at TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("CREATE TABLE purchase_orders ("
                       " id {ID},"
                       " supplier_id {REF} NOT NULL REFERENCES suppliers(id),"
                       " location_id {REF} NOT NULL REFERENCES locations(id),"
                       " status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN (%1)),"
                       " expected_at TEXT,"
                       " note TEXT NOT NULL DEFAULT '',"
                       " version INTEGER NOT NULL DEFAULT 1,"
                       " created_by TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL,"
                       " ordered_at TEXT,"
                       " closed_at TEXT,"
                       " updated_by TEXT NOT NULL DEFAULT '',"
                       " updated_at TEXT NOT NULL)")
            .arg(sqlList(allPurchaseOrderStatusNames())),
        QStringLiteral("CREATE INDEX purchase_orders_status ON purchase_orders (status, id)"),
        QStringLiteral("CREATE INDEX purchase_orders_location ON purchase_orders (location_id, status)"),
        // Over-deliveries are kept (received > ordered); what never came stays visible after closing short.
        QStringLiteral("CREATE TABLE purchase_order_lines ("
                       " id {ID},"
                       " purchase_order_id {REF} NOT NULL REFERENCES purchase_orders(id),"
                       " line_no INTEGER NOT NULL,"
                       " product_id {REF} NOT NULL REFERENCES products(id),"
                       " qty_ordered INTEGER NOT NULL CHECK (qty_ordered > 0),"
                       " qty_received INTEGER NOT NULL DEFAULT 0 CHECK (qty_received >= 0),"
                       " unit_cost_cents {BIGINT} NOT NULL DEFAULT 0 CHECK (unit_cost_cents >= 0),"
                       " UNIQUE (purchase_order_id, line_no),"
                       " UNIQUE (purchase_order_id, product_id))"),
        QStringLiteral("CREATE INDEX purchase_order_lines_product ON purchase_order_lines (product_id)"),
        QStringLiteral("CREATE TABLE transfers ("
                       " id {ID},"
                       " from_location_id {REF} NOT NULL REFERENCES locations(id),"
                       " to_location_id {REF} NOT NULL REFERENCES locations(id),"
                       " status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN (%1)),"
                       " note TEXT NOT NULL DEFAULT '',"
                       " version INTEGER NOT NULL DEFAULT 1,"
                       " created_by TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL,"
                       " requested_at TEXT,"
                       " shipped_by TEXT NOT NULL DEFAULT '',"
                       " shipped_at TEXT,"
                       " received_at TEXT,"
                       " updated_by TEXT NOT NULL DEFAULT '',"
                       " updated_at TEXT NOT NULL,"
                       " CHECK (from_location_id <> to_location_id))")
            .arg(sqlList(allTransferStatusNames())),
        QStringLiteral("CREATE INDEX transfers_status ON transfers (status, id)"),
        // In transit = shipped − received − written off; missing units wait for a manager's approval.
        QStringLiteral("CREATE TABLE transfer_lines ("
                       " id {ID},"
                       " transfer_id {REF} NOT NULL REFERENCES transfers(id),"
                       " line_no INTEGER NOT NULL,"
                       " product_id {REF} NOT NULL REFERENCES products(id),"
                       " qty INTEGER NOT NULL CHECK (qty > 0),"
                       " qty_shipped INTEGER NOT NULL DEFAULT 0 CHECK (qty_shipped >= 0),"
                       " qty_received INTEGER NOT NULL DEFAULT 0 CHECK (qty_received >= 0),"
                       " qty_missing INTEGER NOT NULL DEFAULT 0 CHECK (qty_missing >= 0),"
                       " qty_written_off INTEGER NOT NULL DEFAULT 0 CHECK (qty_written_off >= 0),"
                       " discrepancy_reason TEXT NOT NULL DEFAULT '',"
                       " UNIQUE (transfer_id, line_no),"
                       " UNIQUE (transfer_id, product_id),"
                       " CHECK (qty_shipped <= qty),"
                       " CHECK (qty_received + qty_missing + qty_written_off <= qty_shipped))"),
        QStringLiteral("CREATE INDEX transfer_lines_product ON transfer_lines (product_id)"),
        QStringLiteral("CREATE TABLE stock_counts ("
                       " id {ID},"
                       " location_id {REF} NOT NULL REFERENCES locations(id),"
                       " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN (%1)),"
                       " kind TEXT NOT NULL DEFAULT 'full' CHECK (kind IN ('full', 'cycle')),"
                       " scope TEXT NOT NULL DEFAULT '',"
                       " blind INTEGER NOT NULL DEFAULT 1 CHECK (blind IN (0, 1)),"
                       " note TEXT NOT NULL DEFAULT '',"
                       " version INTEGER NOT NULL DEFAULT 1,"
                       " created_by TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL,"
                       " submitted_by TEXT NOT NULL DEFAULT '',"
                       " submitted_at TEXT,"
                       " decided_by TEXT NOT NULL DEFAULT '',"
                       " decided_at TEXT,"
                       " decision_note TEXT NOT NULL DEFAULT '',"
                       " updated_by TEXT NOT NULL DEFAULT '',"
                       " updated_at TEXT NOT NULL)")
            .arg(sqlList(allCountStatusNames())),
        QStringLiteral("CREATE INDEX stock_counts_status ON stock_counts (status, id)"),
        // expected: on hand when the count started; book_at_count: on hand when the line was counted, so
        // units that moved in between (an order shipped, a receipt) are not variances.
        QStringLiteral("CREATE TABLE stock_count_lines ("
                       " id {ID},"
                       " stock_count_id {REF} NOT NULL REFERENCES stock_counts(id),"
                       " product_id {REF} NOT NULL REFERENCES products(id),"
                       " bin_code TEXT NOT NULL DEFAULT '',"
                       " expected INTEGER NOT NULL DEFAULT 0,"
                       " counted INTEGER CHECK (counted >= 0),"
                       " book_at_count INTEGER,"
                       " counted_by TEXT NOT NULL DEFAULT '',"
                       " counted_at TEXT,"
                       " adjustment INTEGER,"
                       " UNIQUE (stock_count_id, product_id))"),
        QStringLiteral("CREATE INDEX stock_count_lines_product ON stock_count_lines (product_id)"),
        // Every product or stock import, the reference of its opening-stock ledger rows.
        QStringLiteral("CREATE TABLE imports ("
                       " id {ID},"
                       " kind TEXT NOT NULL,"
                       " file_name TEXT NOT NULL,"
                       " summary TEXT NOT NULL DEFAULT '',"
                       " user_name TEXT NOT NULL DEFAULT '',"
                       " at TEXT NOT NULL)"),
        // The ledger history of a product, newest first, across or within locations.
        QStringLiteral("CREATE INDEX stock_movements_product_id ON stock_movements (product_id, id)"),
        QStringLiteral(
            "CREATE INDEX stock_movements_level_id ON stock_movements (product_id, location_id, id)"),
    };
    QStringList statements;
    for (const QString &statement : std::as_const(ddl)) {
        statements << dialect.ddl(statement);
    }
    return statements;
}

/**
 * Orders from the shop platforms and stock back to them: SKU aliases, lines of imported orders that name
 * no product of ours (the order waits on hold), the channel's own state of each order (imports move it
 * only forward), what left before Stockroom knew the order, and the channels' stock feeds.
 */
QStringList version4(const Dialect &dialect)
{
    QStringList ddl = {
        // A platform's SKU or variant name that means one of our products; channel '' = every channel.
        QStringLiteral("CREATE TABLE sku_aliases ("
                       " channel TEXT NOT NULL DEFAULT '',"
                       " alias TEXT NOT NULL,"
                       " product_id {REF} NOT NULL REFERENCES products(id),"
                       " created_by TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL,"
                       " PRIMARY KEY (channel, alias))"),
        QStringLiteral("CREATE INDEX sku_aliases_product ON sku_aliases (product_id)"),
        // Lines of an imported order whose SKU is unknown: the order is on hold until each is mapped
        // (an alias) and becomes a real order line, or the clerk drops it.
        QStringLiteral("CREATE TABLE order_unmatched_lines ("
                       " id {ID},"
                       " order_id {REF} NOT NULL REFERENCES orders(id),"
                       " line_no INTEGER NOT NULL,"
                       " sku TEXT NOT NULL DEFAULT '',"
                       " name TEXT NOT NULL DEFAULT '',"
                       " qty INTEGER NOT NULL CHECK (qty > 0),"
                       " unit_price_cents {BIGINT} NOT NULL DEFAULT 0,"
                       " UNIQUE (order_id, line_no))"),
        QStringLiteral("CREATE INDEX order_unmatched_lines_sku ON order_unmatched_lines (sku)"),
        // The channel's own words for the order when last imported ("paid/fulfilled"): an unchanged
        // export is recognised without looking further.
        QStringLiteral("ALTER TABLE orders ADD COLUMN channel_state TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE orders ADD COLUMN note TEXT NOT NULL DEFAULT ''"),
        // Why an order waits, for the program: 'unknown_sku' is lifted by itself once every line is mapped.
        QStringLiteral("ALTER TABLE orders ADD COLUMN hold_code TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("CREATE INDEX order_unmatched_lines_order ON order_unmatched_lines (order_id)"),
        // Units the channel had fulfilled before the order reached Stockroom: part of qty_shipped, with
        // no ledger row (they left before Stockroom counted the stock).
        QStringLiteral("ALTER TABLE order_lines ADD COLUMN qty_shipped_outside INTEGER NOT NULL DEFAULT 0 "
                       "CHECK (qty_shipped_outside >= 0)"),
        QStringLiteral("ALTER TABLE order_lines ADD COLUMN external_sku TEXT NOT NULL DEFAULT ''"),
        // The stock feed of a channel: hold back N units or P %, from which locations ('' = all active).
        QStringLiteral("ALTER TABLE channels ADD COLUMN feed_buffer_units INTEGER NOT NULL DEFAULT 0 "
                       "CHECK (feed_buffer_units >= 0)"),
        QStringLiteral("ALTER TABLE channels ADD COLUMN feed_buffer_percent INTEGER NOT NULL DEFAULT 0 "
                       "CHECK (feed_buffer_percent BETWEEN 0 AND 100)"),
        QStringLiteral("ALTER TABLE channels ADD COLUMN feed_locations TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE channels ADD COLUMN feed_format TEXT NOT NULL DEFAULT 'csv'"),
        QStringLiteral("ALTER TABLE channels ADD COLUMN feed_written_at TEXT"),
        QStringLiteral("ALTER TABLE channels ADD COLUMN feed_written_by TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE channels ADD COLUMN feed_file TEXT NOT NULL DEFAULT ''"),
        // What the last feed told the channel, per SKU and location ('' when the format has no locations):
        // "what changed since" compares today's numbers with these.
        QStringLiteral("CREATE TABLE channel_feed_items ("
                       " channel TEXT NOT NULL REFERENCES channels(name),"
                       " product_id {REF} NOT NULL REFERENCES products(id),"
                       " location_code TEXT NOT NULL DEFAULT '',"
                       " qty INTEGER NOT NULL,"
                       " PRIMARY KEY (channel, product_id, location_code))"),
        QStringLiteral("ALTER TABLE imports ADD COLUMN channel TEXT NOT NULL DEFAULT ''"),
    };
    QStringList statements;
    for (const QString &statement : std::as_const(ddl)) {
        statements << dialect.ddl(statement);
    }
    return statements;
}

/**
 * Who may do what: users sign in with a password (stored only as a salted PBKDF2 hash), wrong passwords
 * are throttled per user, and an audit log keeps who changed what with the values before and after.
 */
QStringList version5(const Dialect &dialect)
{
    QStringList ddl = {
        // "pbkdf2-sha256$ITERATIONS$SALT$HASH" (base64); '' = no password yet (cannot sign in).
        QStringLiteral("ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE users ADD COLUMN full_name TEXT NOT NULL DEFAULT ''"),
        QStringLiteral(
            "ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))"),
        QStringLiteral("ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE users ADD COLUMN locked_until TEXT"),
        QStringLiteral("ALTER TABLE users ADD COLUMN last_login_at TEXT"),
        QStringLiteral("ALTER TABLE users ADD COLUMN created_by TEXT NOT NULL DEFAULT ''"),
        // Names are found without regard to case, so they are unique that way too.
        QStringLiteral("CREATE UNIQUE INDEX users_name_lower ON users (lower(name))"),
        // "Stay signed in on this desktop": the desktop keeps a random token, the database only its hash.
        QStringLiteral("CREATE TABLE user_tokens ("
                       " token_hash TEXT PRIMARY KEY,"
                       " user_id {REF} NOT NULL REFERENCES users(id),"
                       " desktop TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL,"
                       " expires_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX user_tokens_user ON user_tokens (user_id)"),
        // One row per action worth asking about later: who, when, what, and for edits the fields before
        // and after (JSON objects of the fields that changed).
        QStringLiteral("CREATE TABLE audit_log ("
                       " id {ID},"
                       " at TEXT NOT NULL,"
                       " user_name TEXT NOT NULL DEFAULT '',"
                       " action TEXT NOT NULL,"
                       " entity TEXT NOT NULL,"
                       " entity_key TEXT NOT NULL DEFAULT '',"
                       " summary TEXT NOT NULL DEFAULT '',"
                       " before_json TEXT NOT NULL DEFAULT '',"
                       " after_json TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX audit_log_at ON audit_log (at, id)"),
        QStringLiteral("CREATE INDEX audit_log_user ON audit_log (user_name, at)"),
        QStringLiteral("CREATE INDEX audit_log_entity ON audit_log (entity, entity_key, at)"),
        QStringLiteral("CREATE INDEX change_log_user ON change_log (user_name, at)"),
    };
    QStringList statements;
    for (const QString &statement : std::as_const(ddl)) {
        statements << dialect.ddl(statement);
    }
    // An audit trail that can be edited proves nothing.
    statements << dialect.appendOnlyTriggers(QStringLiteral("audit_log"));
    return statements;
}

/** From this version on, the application role's grants are part of the schema (see migrate()). */
constexpr int firstGrantedVersion = 6;

/**
 * PostgreSQL: the privileges of the desktops' group role on every table of the schema, read from the
 * catalogue so that a table added by a later version is covered when migrate() issues this again.
 * Append-only tables (the ledger, order history, audit log) get SELECT and INSERT only, so no desk can
 * change or remove a row even by hand-written SQL (the triggers refuse the owner too; only the owner may
 * drop or disable them); the tables the program deletes from get DELETE; schema_version is read only;
 * every other table SELECT, INSERT, UPDATE. Never TRUNCATE, REFERENCES or TRIGGER. The role is shared by
 * every Stockroom database of the cluster, the grants are per database; a migrating user without
 * CREATEROLE gets a warning instead of a failed upgrade (docs/ARCHITECTURE.md).
 */
QStringList applicationGrants(const Dialect &dialect)
{
    if (dialect.engine() != Engine::PostgreSQL) {
        return {};
    }
    const QStringList appendOnly
        = {QStringLiteral("stock_movements"), QStringLiteral("order_events"), QStringLiteral("audit_log")};
    // Pruned or replaced by the program: the change log (prune-changes), presence of closed desktops, the
    // last feed's numbers, SKU aliases and the unmatched lines they resolve.
    const QStringList deletable
        = {QStringLiteral("change_log"), QStringLiteral("presence"), QStringLiteral("channel_feed_items"),
           QStringLiteral("sku_aliases"), QStringLiteral("order_unmatched_lines")};
    const QStringList readOnly = {QStringLiteral("schema_version")};
    // The names are ours (constants above), never data; the role and table names reach DDL through %I.
    return {
        QStringLiteral(
            "DO $grants$ "
            "DECLARE"
            " table_name text;"
            " privileges text; "
            "BEGIN"
            " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1') THEN"
            "  BEGIN"
            "   CREATE ROLE %1 NOLOGIN;"
            "  EXCEPTION"
            // Another Stockroom database of this cluster created it a moment ago (roles are per cluster).
            "   WHEN duplicate_object OR unique_violation THEN NULL;"
            "   WHEN insufficient_privilege THEN"
            "    RAISE WARNING 'Stockroom: the PostgreSQL user % may not create roles, so the role %1 "
            "does not exist and no desktop can connect with limited rights yet.', current_user"
            "     USING HINT = 'Ask a superuser to run CREATE ROLE %1 NOLOGIN, then run "
            "stockroomctl pg-grant as the owner of this database.';"
            "    RETURN;"
            "  END;"
            " END IF;"
            " FOR table_name IN SELECT c.relname FROM pg_class c"
            "   JOIN pg_namespace n ON n.oid = c.relnamespace"
            "   WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1 LOOP"
            "  privileges := CASE"
            "   WHEN table_name = ANY (ARRAY[%2]) THEN 'SELECT, INSERT'"
            "   WHEN table_name = ANY (ARRAY[%3]) THEN 'SELECT, INSERT, UPDATE, DELETE'"
            "   WHEN table_name = ANY (ARRAY[%4]) THEN 'SELECT'"
            "   ELSE 'SELECT, INSERT, UPDATE' END;"
            "  EXECUTE format('REVOKE ALL ON TABLE %I FROM %I', table_name, '%1');"
            "  EXECUTE format('GRANT %s ON TABLE %I TO %I', privileges, table_name, '%1');"
            " END LOOP;"
            " EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), "
            "'%1');"
            " IF to_regprocedure('stockroom_analyze(text[])') IS NOT NULL THEN"
            "  EXECUTE format('GRANT EXECUTE ON FUNCTION stockroom_analyze(text[]) TO %I', '%1');"
            " END IF; "
            "END $grants$")
            .arg(Migrations::applicationRole(), sqlList(appendOnly), sqlList(deletable), sqlList(readOnly))};
}

/**
 * The PostgreSQL role of the desktops and its privileges: see applicationGrants(). Nothing on SQLite,
 * where whoever may write the file may do anything with it.
 */
QStringList version6(const Dialect &dialect)
{
    if (dialect.engine() != Engine::PostgreSQL) {
        return {};
    }
    return QStringList {
               // Only a table's owner may ANALYZE it, and an import refreshes the planner's statistics of the
               // tables it fills (OrderImportService): this runs ANALYZE as the owner, for the tables named.
               QStringLiteral(
                   "CREATE OR REPLACE FUNCTION stockroom_analyze(VARIADIC tables text[]) RETURNS void "
                   "LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$ "
                   "DECLARE table_name text; "
                   "BEGIN FOREACH table_name IN ARRAY tables LOOP"
                   " EXECUTE format('ANALYZE %I', table_name); END LOOP; END $$"),
               QStringLiteral("REVOKE ALL ON FUNCTION stockroom_analyze(text[]) FROM PUBLIC"),
           }
    + applicationGrants(dialect);
}

using Migration = QStringList (*)(const Dialect &);
constexpr Migration migrationList[] = {&version1, &version2, &version3, &version4, &version5, &version6};

} // namespace

int Migrations::latestVersion()
{
    return int(std::size(migrationList));
}

Result<int> Migrations::currentVersion(Database &db)
{
    Result<QVariant> exists = db.scalar(db.dialect().tableExistsQuery(), {QStringLiteral("schema_version")});
    if (!exists) {
        return exists.error();
    }
    if (exists->toInt() == 0) {
        return 0;
    }
    Result<QVariant> version = db.scalar(QStringLiteral("SELECT max(version) FROM schema_version"));
    if (!version) {
        return version.error();
    }
    return version->toInt();
}

Result<int> Migrations::migrate(Database &db, std::optional<int> upTo)
{
    const int target = upTo ? std::clamp(*upTo, 0, latestVersion()) : latestVersion();
    Result<int> before = currentVersion(db);
    if (!before) {
        return before.error();
    }
    if (*before > latestVersion()) {
        return Error::database(
            Migrations::tr("This database has schema version %1, newer than this Stockroom knows (%2). "
                           "It was left untouched: update Stockroom to open it.")
                .arg(*before)
                .arg(latestVersion()));
    }
    if (*before >= target) {
        return 0;
    }
    if (db.engine() == Engine::PostgreSQL) {
        // A desktop's role (stockroom_app) may not change the schema: say who can, not "permission denied".
        STOCKROOM_TRY(mayChange,
                      db.select(QStringLiteral(
                          "SELECT CASE WHEN to_regclass('schema_version') IS NULL"
                          " THEN has_schema_privilege(current_schema(), 'CREATE')"
                          " ELSE pg_has_role((SELECT relowner FROM pg_class"
                          " WHERE oid = to_regclass('schema_version')), 'USAGE') END, current_user")));
        if (!mayChange.isEmpty() && !mayChange.first().value(0).toBool()) {
            return Error::database(
                Migrations::tr("This database has schema version %1 and this Stockroom needs version %2, but "
                               "the PostgreSQL user %3 may not change the schema. Ask the database owner to "
                               "run \"stockroomctl init\" with this Stockroom (it upgrades the schema), then "
                               "start again.")
                    .arg(*before)
                    .arg(target)
                    .arg(mayChange.first().value(1).toString()));
        }
    }
    return db.write<int>([&]() -> Result<int> {
        if (db.engine() == Engine::PostgreSQL) {
            // Two desktops upgrading at once: the second waits here, then sees the work done.
            Result<QVariant> locked = db.scalar(QStringLiteral("SELECT pg_advisory_xact_lock(74612026)"));
            if (!locked) {
                return locked.error();
            }
        }
        Status created = db.run(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                                               " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"));
        if (!created) {
            return created.error();
        }
        Result<QVariant> current
            = db.scalar(QStringLiteral("SELECT coalesce(max(version), 0) FROM schema_version"));
        if (!current) {
            return current.error();
        }
        int applied = 0;
        for (int version = current->toInt() + 1; version <= target; ++version) {
            for (const QString &statement : migrationList[version - 1](db.dialect())) {
                Status status = db.run(statement);
                if (!status) {
                    return Error::database(Migrations::tr("Schema upgrade to version %1 failed: %2")
                                               .arg(version)
                                               .arg(status.error().message));
                }
            }
            Result<int> recorded
                = db.execute(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"),
                             {version, toStoredTime(QDateTime::currentDateTimeUtc())});
            if (!recorded) {
                return recorded.error();
            }
            ++applied;
        }
        // Tables of versions after the grants came in are granted too, whoever wrote the migration.
        if (applied > 0 && target > firstGrantedVersion) {
            for (const QString &statement : applicationGrants(db.dialect())) {
                STOCKROOM_CHECK(db.run(statement));
            }
        }
        return applied;
    });
}

Status Migrations::grantApplicationRole(Database &db)
{
    if (db.engine() != Engine::PostgreSQL) {
        return {};
    }
    return db.write([&db]() -> Status {
        for (const QString &statement : applicationGrants(db.dialect())) {
            STOCKROOM_CHECK(db.run(statement));
        }
        return {};
    });
}

} // namespace Stockroom
