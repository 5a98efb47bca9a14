// SPDX-License-Identifier: GPL-3.0-or-later
#include "changelogrepository.h"
#include "orderservice.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QTest>

using namespace Stockroom;

/** Use cases through the real services on a real engine, each checked against the ledger invariants. */
class TestServices : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ServiceContext> m_context;
    QDateTime m_now = QDateTime(QDate(2026, 3, 2), QTime(9, 0), QTimeZone::utc());

    int scalar(const QString &sql, const Binds &binds = {})
    {
        return m_db->scalar(sql, binds).value().toInt();
    }
    StockLevelRow level(const QString &sku, const QString &location)
    {
        const QList<StockLevelRow> levels = StockRepository(*m_db).levels(sku, location).value();
        return levels.isEmpty() ? StockLevelRow {} : levels.first();
    }
    PlacedOrder place(const QList<OrderLineRequest> &lines, const QString &externalId = {})
    {
        PlaceOrderRequest request;
        request.lines = lines;
        request.paymentStatus = QStringLiteral("paid"); // goods leave only when paid
        if (!externalId.isEmpty()) {
            request.channel = QStringLiteral("shopify");
            request.externalId = externalId;
        }
        Result<PlacedOrder> placed = OrderService(*m_context).place(request);
        if (!placed) {
            qWarning("place failed: %s", qPrintable(placed.error().message));
            return {};
        }
        return *placed;
    }

private Q_SLOTS:
    void init()
    {
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open();
        QVERIFY(m_db);
        m_context.reset(
            new ServiceContext {*m_db, Clock([this] { return m_now; }), QStringLiteral("tester")});
        QVERIFY(Test::seedCatalog(*m_context,
                                  {{QStringLiteral("LEEDS"), 10}, {QStringLiteral("BRISTOL"), 20}},
                                  {QStringLiteral("MUG"), QStringLiteral("PLATE"), QStringLiteral("BOWL")}));
        StockService stock(*m_context);
        QVERIFY(stock.receive(QStringLiteral("MUG"), QStringLiteral("LEEDS"), 5));
        QVERIFY(stock.receive(QStringLiteral("MUG"), QStringLiteral("BRISTOL"), 5));
        QVERIFY(stock.receive(QStringLiteral("PLATE"), QStringLiteral("BRISTOL"), 4));
    }

    void cleanup()
    {
        if (m_db) {
            QCOMPARE(Test::violations(*m_db), QStringList());
        }
        m_context.reset();
        m_db.reset();
        m_scratch.reset();
    }

    void receiveWritesLevelLedgerAndChangeLog()
    {
        const qint64 seqBefore = ChangeLogRepository(*m_db).lastSeq().value();
        const Result<StockLevelRow> level
            = StockService(*m_context)
                  .receive(QStringLiteral("BOWL"), QStringLiteral("LEEDS"), 12, QStringLiteral("PO-1"));
        QVERIFY(level);
        QCOMPARE(level->onHand, 12);
        QCOMPARE(scalar(QStringLiteral(
                     "SELECT count(*) FROM stock_movements WHERE reason = 'receipt' AND note = 'PO-1'")),
                 1);
        const QList<ChangeRecord> changes = ChangeLogRepository(*m_db).since(seqBefore).value();
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().entity, QStringLiteral("stock"));
        QCOMPARE(changes.first().userName, QStringLiteral("tester"));
        // The change log keeps the database's clock at commit, not the business time of the use case.
        const qint64 lag = fromStoredTime(changes.first().at).msecsTo(QDateTime::currentDateTimeUtc());
        QVERIFY2(lag >= -2000 && lag < 10'000, qPrintable(changes.first().at));
    }

    void badReceiptsAreRefused_data()
    {
        QTest::addColumn<QString>("sku");
        QTest::addColumn<QString>("location");
        QTest::addColumn<int>("qty");
        QTest::addColumn<int>("kind");
        QTest::addRow("unknown SKU") << QStringLiteral("NOPE") << QStringLiteral("LEEDS") << 1
                                     << int(Error::Kind::Business);
        QTest::addRow("unknown location")
            << QStringLiteral("MUG") << QStringLiteral("PARIS") << 1 << int(Error::Kind::Business);
        QTest::addRow("zero") << QStringLiteral("MUG") << QStringLiteral("LEEDS") << 0
                              << int(Error::Kind::Usage);
        QTest::addRow("negative") << QStringLiteral("MUG") << QStringLiteral("LEEDS") << -3
                                  << int(Error::Kind::Usage);
        QTest::addRow("absurd") << QStringLiteral("MUG") << QStringLiteral("LEEDS") << 2'000'000'000
                                << int(Error::Kind::Usage);
    }

    void badReceiptsAreRefused()
    {
        QFETCH(QString, sku);
        QFETCH(QString, location);
        QFETCH(int, qty);
        QFETCH(int, kind);
        const int movements = scalar(QStringLiteral("SELECT count(*) FROM stock_movements"));
        const Result<StockLevelRow> refused = StockService(*m_context).receive(sku, location, qty);
        QVERIFY(!refused);
        QCOMPARE(int(refused.error().kind), kind);
        QVERIFY(!refused.error().message.isEmpty());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM stock_movements")), movements);
    }

    void adjustDownStopsAtReserved()
    {
        const PlacedOrder order = place({{QStringLiteral("MUG"), 4, {}}});
        QCOMPARE(order.status, QStringLiteral("allocated"));
        StockService stock(*m_context);
        const Result<StockLevelRow> refused
            = stock.adjust(QStringLiteral("MUG"), QStringLiteral("LEEDS"), -2, QStringLiteral("broken"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Business);
        QVERIFY2(refused.error().message.contains(QLatin1String("1 available")),
                 qPrintable(refused.error().message));
        const Result<StockLevelRow> adjusted
            = stock.adjust(QStringLiteral("MUG"), QStringLiteral("LEEDS"), -1, QStringLiteral("broken"));
        QVERIFY(adjusted);
        QCOMPARE(adjusted->onHand, 4);
        QCOMPARE(adjusted->reserved, 4);
        QVERIFY(!stock.adjust(QStringLiteral("MUG"), QStringLiteral("LEEDS"), 1, QStringLiteral("  ")));
    }

    void placeReservesFromOneLocation()
    {
        const PlacedOrder order = place({{QStringLiteral("MUG"), 2, {}}, {QStringLiteral("PLATE"), 1, {}}});
        QCOMPARE(order.status, QStringLiteral("allocated"));
        QCOMPARE(order.lines.size(), 2);
        QCOMPARE(order.lines.at(0).allocations.size(), 1);
        QCOMPARE(order.lines.at(0).allocations.first().locationCode, QStringLiteral("BRISTOL"));
        QCOMPARE(order.lines.at(1).allocations.first().locationCode, QStringLiteral("BRISTOL"));
        QVERIFY2(order.explanation.contains(QLatin1String("only location with all")),
                 qPrintable(order.explanation));
        QCOMPARE(level(QStringLiteral("MUG"), QStringLiteral("BRISTOL")).reserved, 2);
        QCOMPARE(level(QStringLiteral("MUG"), QStringLiteral("LEEDS")).reserved, 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders WHERE routing_explanation <> ''")), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT total_cents FROM orders")), 3000);
    }

    void placeSplitsAndBackorders()
    {
        const PlacedOrder order = place({{QStringLiteral("MUG"), 12, {}}});
        QCOMPARE(order.status, QStringLiteral("backordered"));
        QCOMPARE(order.lines.first().backordered, 2);
        QCOMPARE(order.lines.first().allocations.size(), 2);
        QCOMPARE(level(QStringLiteral("MUG"), QStringLiteral("LEEDS")).available(), 0);
        QCOMPARE(level(QStringLiteral("MUG"), QStringLiteral("BRISTOL")).available(), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT qty_backordered FROM order_lines")), 2);
    }

    void unknownSkuWritesNothing()
    {
        const int orders = scalar(QStringLiteral("SELECT count(*) FROM orders"));
        PlaceOrderRequest request;
        request.lines = {{QStringLiteral("MUG"), 1, {}}, {QStringLiteral("GHOST"), 1, {}}};
        const Result<PlacedOrder> refused = OrderService(*m_context).place(request);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Business);
        QVERIFY(refused.error().message.contains(QLatin1String("GHOST")));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders")), orders);
        QCOMPARE(level(QStringLiteral("MUG"), QStringLiteral("LEEDS")).reserved, 0);
    }

    void badOrdersAreRefused_data()
    {
        QTest::addColumn<QList<OrderLineRequest>>("lines");
        QTest::addRow("no lines") << QList<OrderLineRequest> {};
        QTest::addRow("zero quantity") << QList<OrderLineRequest> {{QStringLiteral("MUG"), 0, {}}};
        QTest::addRow("negative quantity") << QList<OrderLineRequest> {{QStringLiteral("MUG"), -1, {}}};
        QTest::addRow("empty SKU") << QList<OrderLineRequest> {{QStringLiteral(" "), 1, {}}};
        QTest::addRow("huge quantity") << QList<OrderLineRequest> {{QStringLiteral("MUG"), 50'000'000, {}}};
    }

    void badOrdersAreRefused()
    {
        QFETCH(QList<OrderLineRequest>, lines);
        PlaceOrderRequest request;
        request.lines = lines;
        const Result<PlacedOrder> refused = OrderService(*m_context).place(request);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Usage);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders")), 0);
    }

    void externalOrderOnlyOnce()
    {
        const PlacedOrder first = place({{QStringLiteral("MUG"), 1, {}}}, QStringLiteral("#1001"));
        QVERIFY(!first.number.isEmpty());
        PlaceOrderRequest again;
        again.lines = {{QStringLiteral("MUG"), 1, {}}};
        again.channel = QStringLiteral("shopify");
        again.externalId = QStringLiteral("#1001");
        const Result<PlacedOrder> refused = OrderService(*m_context).place(again);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Business);
        QVERIFY2(refused.error().message.contains(first.number), qPrintable(refused.error().message));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders")), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT sum(reserved) FROM stock_levels")), 1);
        // The same id from another channel is another order.
        again.channel = QStringLiteral("amazon");
        QVERIFY(OrderService(*m_context).place(again));
    }

    void cancelReleasesReservations()
    {
        const PlacedOrder order = place({{QStringLiteral("MUG"), 7, {}}});
        const Result<OrderHeader> cancelled = OrderService(*m_context).cancel(order.number);
        QVERIFY(cancelled);
        QCOMPARE(cancelled->status, QStringLiteral("cancelled"));
        QCOMPARE(scalar(QStringLiteral("SELECT sum(reserved) FROM stock_levels")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM stock_movements WHERE reason = 'release'")), 2);
        const Result<OrderHeader> again = OrderService(*m_context).cancel(order.number);
        QVERIFY(!again);
        QCOMPARE(again.error().kind, Error::Kind::Business);
    }

    void shipConsumesStockAndCreatesShipments()
    {
        const PlacedOrder order = place({{QStringLiteral("MUG"), 7, {}}});
        const Result<ShipResult> shipped
            = OrderService(*m_context)
                  .ship(order.number, {QStringLiteral("DPD"), {}, QStringLiteral("1Z999"), 500});
        QVERIFY(shipped);
        QCOMPARE(shipped->status, QStringLiteral("shipped"));
        QCOMPARE(shipped->shipments.size(), 2);
        QCOMPARE(level(QStringLiteral("MUG"), QStringLiteral("LEEDS")).onHand, 0);
        QCOMPARE(level(QStringLiteral("MUG"), QStringLiteral("BRISTOL")).onHand, 3);
        QCOMPARE(scalar(QStringLiteral("SELECT sum(reserved) FROM stock_levels")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shipments WHERE tracking_number = '1Z999'")), 2);
        QCOMPARE(scalar(QStringLiteral("SELECT qty_shipped FROM order_lines")), 7);
        // Shipped is final: no second shipment, no cancel.
        QVERIFY(!OrderService(*m_context).ship(order.number));
        QVERIFY(!OrderService(*m_context).cancel(order.number));
    }

    void shipPartOfABackorder()
    {
        const PlacedOrder order = place({{QStringLiteral("MUG"), 12, {}}});
        const Result<ShipResult> shipped = OrderService(*m_context).ship(order.number);
        QVERIFY(shipped);
        QCOMPARE(shipped->status, QStringLiteral("partially_shipped"));
        // Nothing more is allocated now: a second ship is refused with a reason.
        const Result<ShipResult> nothing = OrderService(*m_context).ship(order.number);
        QVERIFY(!nothing);
        QVERIFY(nothing.error().message.contains(QLatin1String("nothing allocated")));
        // Cancelling the rest completes the order with what was sent.
        const Result<OrderHeader> rest = OrderService(*m_context).cancel(order.number);
        QVERIFY(rest);
        QCOMPARE(rest->status, QStringLiteral("shipped"));
        QCOMPARE(scalar(QStringLiteral("SELECT qty_cancelled FROM order_lines")), 2);
    }

    void staleVersionIsRefusedWithWhoAndWhen()
    {
        const PlacedOrder order = place({{QStringLiteral("MUG"), 1, {}}});
        // Another desk bumps the order (ships it) while this clerk still looks at version 1.
        ServiceContext otherDesk {*m_db, Clock([this] { return m_now.addSecs(90); }),
                                  QStringLiteral("Priya")};
        QVERIFY(OrderService(otherDesk).ship(order.number, {}, 1));
        const Result<OrderHeader> refused = OrderService(*m_context).cancel(order.number, 1);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Stale);
        QVERIFY2(refused.error().message.contains(QLatin1String("changed by Priya at")),
                 qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(QLatin1String("reload?")),
                 qPrintable(refused.error().message));
        const OrderHeader now = OrderRepository(*m_db).findByNumber(order.number).value().value();
        QCOMPARE(now.status, QStringLiteral("shipped"));
        QCOMPARE(now.version, 2);
        QCOMPARE(now.updatedBy, QStringLiteral("Priya"));
        // With the current version the refusal is the business one.
        const Result<OrderHeader> again = OrderService(*m_context).cancel(order.number, 2);
        QCOMPARE(again.error().kind, Error::Kind::Business);
    }

    void orderNumbersAreForgiving()
    {
        const PlacedOrder order = place({{QStringLiteral("MUG"), 1, {}}});
        QCOMPARE(order.number, QStringLiteral("SO-000001"));
        QCOMPARE(OrderService::normaliseNumber(QStringLiteral("so-1")), order.number);
        QCOMPARE(OrderService::normaliseNumber(QStringLiteral(" 1 ")), order.number);
        QVERIFY(OrderService(*m_context).cancel(QStringLiteral("1")));
        const Result<OrderHeader> missing = OrderService(*m_context).cancel(QStringLiteral("SO-999"));
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(QLatin1String("no order")));
    }
};

QTEST_GUILESS_MAIN(TestServices)
#include "tst_services.moc"
