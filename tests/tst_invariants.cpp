// SPDX-License-Identifier: GPL-3.0-or-later
#include "countservice.h"
#include "fulfilmentservice.h"
#include "purchaseservice.h"
#include "orderservice.h"
#include "returnservice.h"
#include "stockservice.h"
#include "testsupport.h"
#include "trackingservice.h"
#include "transferservice.h"

#include <QTest>

using namespace Stockroom;

/**
 * The checker must see each invariant of DESIGN.md break: the data is corrupted behind the services' back
 * (the way a buggy program or a hand-edited database would) and exactly that violation must be reported.
 * Invariants the schema itself enforces are shown to be refused by the database instead.
 */
class TestInvariants : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ServiceContext> m_context;
    QString m_order;

    Status corrupt(const QString &sql, const Binds &binds = {})
    {
        return m_db->write([&]() -> Status {
            STOCKROOM_CHECK(m_db->execute(sql, binds));
            return {};
        });
    }

    /** Pays and ships the order of init() (3 × MUG from LEEDS), with a tracking number. */
    bool ship()
    {
        const Result<OrderHeader> paid = FulfilmentService(*m_context).pay(m_order);
        const Result<ShipResult> shipped
            = OrderService(*m_context)
                  .ship(m_order, {QStringLiteral("UPS"), {}, QStringLiteral("1Z5R89390357567127"), 0});
        if (!paid || !shipped) {
            qWarning("pay or ship failed: %s%s", qPrintable(paid.error().message),
                     qPrintable(shipped.error().message));
            return false;
        }
        return true;
    }

    /** Ships, then asks for 2 of the 3 mugs back: RMA-000001. */
    bool shipAndReturn()
    {
        if (!ship()) {
            return false;
        }
        const Result<ReturnSummary> created
            = ReturnService(*m_context)
                  .create(m_order, {{QStringLiteral("MUG"), 2, QStringLiteral("too big")}});
        if (!created) {
            qWarning("return failed: %s", qPrintable(created.error().message));
        }
        return bool(created);
    }

private Q_SLOTS:
    void init()
    {
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open();
        QVERIFY(m_db);
        m_context.reset(new ServiceContext {*m_db, Clock(), QStringLiteral("tester")});
        QVERIFY(Test::seedCatalog(*m_context, {{QStringLiteral("LEEDS"), 10}}, {QStringLiteral("MUG")}));
        QVERIFY(StockService(*m_context).receive(QStringLiteral("MUG"), QStringLiteral("LEEDS"), 10));
        PlaceOrderRequest request;
        request.lines = {{QStringLiteral("MUG"), 3, {}}};
        request.channel = QStringLiteral("web");
        request.externalId = QStringLiteral("W-1");
        const Result<PlacedOrder> placed = OrderService(*m_context).place(request);
        QVERIFY(placed);
        m_order = placed->number;
        QCOMPARE(Test::violations(*m_db), QStringList());
    }

    void cleanup()
    {
        m_context.reset();
        m_db.reset();
        m_scratch.reset();
    }

    void levelDisagreesWithLedger()
    {
        QVERIFY(corrupt(QStringLiteral("UPDATE stock_levels SET on_hand = on_hand + 1")));
        const QStringList violations = Test::violations(*m_db);
        QCOMPARE(violations.size(), 1);
        QVERIFY2(violations.first().startsWith(QLatin1String("ledger: MUG at LEEDS has on hand 11")),
                 qPrintable(violations.first()));
    }

    void ledgerRowWithoutLevelChange()
    {
        QVERIFY(corrupt(
            QStringLiteral("INSERT INTO stock_movements (product_id, location_id, delta_on_hand, "
                           "delta_reserved, reason, created_at) SELECT product_id, location_id, -2, 0, "
                           "'writeoff', 'x' FROM stock_levels")));
        const QStringList violations = Test::violations(*m_db);
        QCOMPARE(violations.size(), 1);
        QVERIFY2(violations.first().contains(QLatin1String("ledger sums to 8")),
                 qPrintable(violations.first()));
    }

    void reservedDisagreesWithAllocations()
    {
        // Reserve in the level and the ledger, but forget the allocation.
        QVERIFY(corrupt(QStringLiteral("UPDATE stock_levels SET reserved = reserved + 1")));
        QVERIFY(corrupt(
            QStringLiteral("INSERT INTO stock_movements (product_id, location_id, delta_on_hand, "
                           "delta_reserved, reason, created_at) SELECT product_id, location_id, 0, 1, "
                           "'reserve', 'x' FROM stock_levels")));
        const QStringList violations = Test::violations(*m_db);
        QCOMPARE(violations.size(), 1);
        QVERIFY2(
            violations.first().startsWith(QLatin1String("reservations: MUG at LEEDS has 4 reserved but 3")),
            qPrintable(violations.first()));
    }

    void availableNeverNegative_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addRow("reserved above on hand")
            << QStringLiteral("UPDATE stock_levels SET reserved = on_hand + 1");
        QTest::addRow("on hand below zero")
            << QStringLiteral("UPDATE stock_levels SET on_hand = -1, reserved = 0");
    }

    void availableNeverNegative()
    {
        // Invariant 3 is a CHECK constraint: the database refuses, nothing changes.
        QFETCH(QString, sql);
        QVERIFY(!corrupt(sql));
        QCOMPARE(Test::violations(*m_db), QStringList());
    }

    void lineOverCommitted()
    {
        // Mark the line as fully shipped while its allocation is still open: 3 shipped + 3 allocated > 3.
        QVERIFY(corrupt(QStringLiteral("UPDATE order_lines SET qty_shipped = qty")));
        const QStringList violations = Test::violations(*m_db);
        QVERIFY2(violations.contains(
                     QStringLiteral("order line: %1 line 1 of 3 units has 3 shipped, 0 cancelled, 0 returned "
                                    "and 3 allocated")
                         .arg(m_order)),
                 qPrintable(violations.join(u'\n')));
    }

    void closedOrderHoldingStock()
    {
        QVERIFY(corrupt(QStringLiteral("UPDATE orders SET status = 'cancelled'")));
        const QStringList violations = Test::violations(*m_db);
        QCOMPARE(
            violations,
            QStringList {
                QStringLiteral("order state: closed order %1 still holds stock on line 1").arg(m_order)});
    }

    void refundedMoreThanPaid()
    {
        QVERIFY(FulfilmentService(*m_context).pay(m_order));
        QVERIFY(FulfilmentService(*m_context).refund(m_order, 1000, QStringLiteral("scratched")));
        QCOMPARE(Test::violations(*m_db), QStringList());
        QVERIFY(corrupt(QStringLiteral("UPDATE orders SET refunded_cents = paid_cents + 1")));
        QCOMPARE(
            Test::violations(*m_db),
            QStringList {QStringLiteral("payment: %1 has 3001 refunded of 3000 paid (cents)").arg(m_order)});
    }

    void returnLineDisposedTwice()
    {
        QVERIFY(shipAndReturn());
        ReturnDisposition restock {
            ReturnDisposition::Kind::Restock, QStringLiteral("MUG"), 2, QStringLiteral("LEEDS"), {}};
        QVERIFY(ReturnService(*m_context).receive(QStringLiteral("RMA-000001"), {restock}));
        QCOMPARE(Test::violations(*m_db), QStringList());
        // One more unit written off than came back (without the ledger noticing: it nets to zero anyway).
        QVERIFY(corrupt(QStringLiteral(
            "INSERT INTO return_dispositions (return_line_id, kind, qty, location_id, reason, user_name, at) "
            "SELECT rl.id, 'writeoff', 1, l.id, 'damaged', 'x', 'x' FROM return_lines rl, locations l")));
        QCOMPARE(
            Test::violations(*m_db),
            QStringList {QStringLiteral("return: RMA-000001 has 2 restocked and 1 written off of 2 × MUG")});
    }

    void returnedDisagreesWithReturns_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("violation");
        QTest::addRow("returned count lowered")
            << QStringLiteral("UPDATE order_lines SET qty_returned = 1")
            << QStringLiteral("returns: %1 line 1 counts 1 returned, but its returns list 2");
        QTest::addRow("return line grown")
            << QStringLiteral("UPDATE return_lines SET qty = 3")
            << QStringLiteral("returns: %1 line 1 counts 2 returned, but its returns list 3");
        QTest::addRow("return cancelled, count kept")
            << QStringLiteral("UPDATE returns SET status = 'cancelled'")
            << QStringLiteral("returns: %1 line 1 counts 2 returned, but its returns list 0");
    }

    void returnedDisagreesWithReturns()
    {
        QFETCH(QString, sql);
        QFETCH(QString, violation);
        QVERIFY(shipAndReturn());
        QCOMPARE(Test::violations(*m_db), QStringList());
        QVERIFY(corrupt(sql));
        QCOMPARE(Test::violations(*m_db), QStringList {violation.arg(m_order)});
    }

    void returnedAboveShipped()
    {
        // Returned ≤ shipped is a CHECK constraint: the database refuses, nothing changes.
        QVERIFY(shipAndReturn());
        QVERIFY(!corrupt(QStringLiteral("UPDATE order_lines SET qty_returned = qty_shipped + 1")));
        QCOMPARE(Test::violations(*m_db), QStringList());
    }

    void packedAboveAllocated()
    {
        QVERIFY(FulfilmentService(*m_context).pay(m_order));
        QVERIFY(FulfilmentService(*m_context).release(m_order));
        QVERIFY(FulfilmentService(*m_context).scan(m_order, QStringLiteral("MUG")));
        QCOMPARE(Test::violations(*m_db), QStringList());
        QVERIFY(corrupt(QStringLiteral("UPDATE allocations SET qty_packed = qty + 1")));
        QCOMPARE(Test::violations(*m_db),
                 QStringList {
                     QStringLiteral("packing: %1 line 1 has 4 packed of 3 allocated at LEEDS").arg(m_order)});
    }

    void deliveredWithParcelOnTheWay()
    {
        QVERIFY(ship());
        QCOMPARE(Test::violations(*m_db), QStringList());
        QVERIFY(corrupt(QStringLiteral("UPDATE orders SET status = 'delivered'")));
        QCOMPARE(
            Test::violations(*m_db),
            QStringList {
                QStringLiteral("delivery: %1 is delivered, but 1 of its 1 shipments are not").arg(m_order)});
    }

    void deliveredWithoutShipment()
    {
        // Cancelled (nothing held any more), then marked delivered although nothing ever left.
        QVERIFY(OrderService(*m_context).cancel(m_order));
        QVERIFY(corrupt(QStringLiteral("UPDATE orders SET status = 'delivered'")));
        QCOMPARE(Test::violations(*m_db),
                 QStringList {QStringLiteral("delivery: %1 is delivered without a shipment").arg(m_order)});
    }

    void shipmentStateWithoutEvent()
    {
        QVERIFY(ship());
        TrackingEventInput event;
        event.trackingNumber = QStringLiteral("1Z5R89390357567127");
        event.status = QStringLiteral("in_transit");
        QVERIFY(TrackingService(*m_context).add(event));
        QCOMPARE(Test::violations(*m_db), QStringList());
        QVERIFY(corrupt(QStringLiteral("UPDATE shipments SET status = 'out_for_delivery'")));
        const qint64 shipment = m_db->scalar(QStringLiteral("SELECT id FROM shipments")).value().toLongLong();
        QCOMPARE(
            Test::violations(*m_db),
            QStringList {QStringLiteral("tracking: shipment %1 of %2 is out for delivery, but no tracking "
                                        "event says so")
                             .arg(shipment)
                             .arg(m_order)});
    }

    void deliveryTimeDisagreesWithState_data()
    {
        QTest::addColumn<bool>("deliver");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("violation");
        QTest::addRow("delivered without a time")
            << true << QStringLiteral("UPDATE shipments SET delivered_at = NULL")
            << QStringLiteral("tracking: shipment %1 of %2 is delivered without a delivery time");
        QTest::addRow("a time without delivery")
            << false << QStringLiteral("UPDATE shipments SET delivered_at = '2026-03-03T13:00:00.000Z'")
            << QStringLiteral("tracking: shipment %1 of %2 is label created but has a delivery time "
                              "(2026-03-03T13:00:00.000Z)");
    }

    void deliveryTimeDisagreesWithState()
    {
        QFETCH(bool, deliver);
        QFETCH(QString, sql);
        QFETCH(QString, violation);
        QVERIFY(ship());
        if (deliver) {
            TrackingEventInput event;
            event.trackingNumber = QStringLiteral("1Z5R89390357567127");
            event.status = QStringLiteral("delivered");
            const Result<TrackingOutcome> delivered = TrackingService(*m_context).add(event);
            QVERIFY(delivered);
            QCOMPARE(delivered->orderStatus, QStringLiteral("delivered"));
        }
        QCOMPARE(Test::violations(*m_db), QStringList());
        QVERIFY(corrupt(sql));
        const qint64 shipment = m_db->scalar(QStringLiteral("SELECT id FROM shipments")).value().toLongLong();
        QCOMPARE(Test::violations(*m_db), QStringList {violation.arg(shipment).arg(m_order)});
    }

    void externalOrderTwice()
    {
        // Invariant 5 is a UNIQUE constraint: a second row for the same (channel, external_id) is refused.
        QVERIFY(!corrupt(
            QStringLiteral("INSERT INTO orders (channel, external_id, status, placed_at, updated_at) "
                           "VALUES ('web', 'W-1', 'placed', 'x', 'x')")));
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM orders")).value().toInt(), 1);
        QCOMPARE(Test::violations(*m_db), QStringList());
    }

    /** Ships 4 mugs LEEDS → YORK (TR-000001) and receives 3 of them. */
    bool transferInTransit()
    {
        if (!Test::seedCatalog(*m_context, {{QStringLiteral("YORK"), 20}}, {})) {
            return false;
        }
        TransferService transfers(*m_context);
        QuantityLine mugs;
        mugs.sku = QStringLiteral("MUG");
        mugs.qty = 4;
        const Result<Transfer> created = transfers.create(QStringLiteral("LEEDS"), QStringLiteral("YORK"), {mugs});
        mugs.qty = 3;
        if (!created || !transfers.request(created->number) || !transfers.ship(created->number)
            || !transfers.receive(created->number, {mugs})) {
            qWarning("transfer failed");
            return false;
        }
        return true;
    }

    void transferDisagreesWithLedger_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("violation");
        QTest::addRow("shipped") << QStringLiteral("UPDATE transfer_lines SET qty_shipped = 3")
                                 << QStringLiteral("transfer: TR-000001 (in_transit) MUG shipped 3, received 3, written "
                                                   "off 0, but the ledger has 4 out and 3 in");
        QTest::addRow("received") << QStringLiteral("UPDATE transfer_lines SET qty_received = 2")
                                  << QStringLiteral("transfer: TR-000001 (in_transit) MUG shipped 4, received 2, "
                                                    "written off 0, but the ledger has 4 out and 3 in");
        QTest::addRow("received with units in transit")
            << QStringLiteral("UPDATE transfers SET status = 'received'")
            << QStringLiteral("transfer: TR-000001 (received) MUG shipped 4, received 3, written off 0, but the "
                              "ledger has 4 out and 3 in");
    }
    void transferDisagreesWithLedger()
    {
        QFETCH(QString, sql);
        QFETCH(QString, violation);
        QVERIFY(transferInTransit());
        QCOMPARE(Test::violations(*m_db), QStringList());
        QVERIFY(corrupt(sql));
        QCOMPARE(Test::violations(*m_db), QStringList {violation});
    }

    void transferLineOverAccounted()
    {
        // received + missing + written off ≤ shipped ≤ qty are CHECK constraints.
        QVERIFY(transferInTransit());
        QVERIFY(!corrupt(QStringLiteral("UPDATE transfer_lines SET qty_written_off = 2")));
        QVERIFY(!corrupt(QStringLiteral("UPDATE transfer_lines SET qty_shipped = qty + 1")));
        QCOMPARE(Test::violations(*m_db), QStringList());
    }

    void purchaseOrderDisagreesWithLedger()
    {
        PurchaseService purchases(*m_context);
        QVERIFY(purchases.addSupplier(QStringLiteral("Potter"), {}, 5));
        QuantityLine mugs;
        mugs.sku = QStringLiteral("MUG");
        mugs.qty = 5;
        const Result<PurchaseOrder> po = purchases.create(QStringLiteral("Potter"), QStringLiteral("LEEDS"), {}, {mugs});
        QVERIFY(po);
        QVERIFY(purchases.order(po->number));
        mugs.qty = 2;
        QVERIFY(purchases.receive(po->number, {mugs}));
        QCOMPARE(Test::violations(*m_db), QStringList());
        QVERIFY(corrupt(QStringLiteral("UPDATE purchase_order_lines SET qty_received = 5")));
        QCOMPARE(Test::violations(*m_db),
                 QStringList {QStringLiteral(
                     "purchase order: PO-000001 (partially_received) received 5 × MUG, but the ledger has 2")});
    }

    void countAdjustmentDisagreesWithLedger()
    {
        CountService counts(*m_context);
        CountScope scope;
        const Result<StockCount> count = counts.start(QStringLiteral("LEEDS"), scope);
        QVERIFY(count);
        QVERIFY(counts.record(count->number, QStringLiteral("MUG"), 8));
        QVERIFY(counts.submit(count->number));
        QVERIFY(counts.approve(count->number));
        QCOMPARE(Test::violations(*m_db), QStringList());
        QVERIFY(corrupt(QStringLiteral("UPDATE stock_count_lines SET adjustment = -1")));
        QCOMPARE(Test::violations(*m_db),
                 QStringList {QStringLiteral("count: SC-000001 (approved) adjusts MUG by -1, but the ledger has -2")});
    }
};

QTEST_GUILESS_MAIN(TestInvariants)
#include "tst_invariants.moc"
