// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderservice.h"
#include "stockservice.h"
#include "testsupport.h"

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

    void externalOrderTwice()
    {
        // Invariant 5 is a UNIQUE constraint: a second row for the same (channel, external_id) is refused.
        QVERIFY(!corrupt(
            QStringLiteral("INSERT INTO orders (channel, external_id, status, placed_at, updated_at) "
                           "VALUES ('web', 'W-1', 'placed', 'x', 'x')")));
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM orders")).value().toInt(), 1);
        QCOMPARE(Test::violations(*m_db), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestInvariants)
#include "tst_invariants.moc"
