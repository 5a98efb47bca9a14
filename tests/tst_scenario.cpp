// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderservice.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Stockroom;

/**
 * Thousands of random receive / adjust / place / cancel / ship operations with a fixed seed; after every batch
 * the invariants of DESIGN.md must hold and the stock must add up to what went in minus what went out.
 */
class TestScenario : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void randomOperationsKeepTheInvariants_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("operations");
        const int operations = Test::engineUnderTest() == Engine::PostgreSQL ? 1500 : 3000;
        QTest::addRow("seed 1") << quint32(1) << operations;
        QTest::addRow("seed 2026") << quint32(2026) << operations;
    }

    void randomOperationsKeepTheInvariants()
    {
        QFETCH(quint32, seed);
        QFETCH(int, operations);
        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        QDateTime now(QDate(2026, 1, 1), QTime(8, 0), QTimeZone::utc());
        ServiceContext context {*db, Clock([&now] { return now; }), QStringLiteral("scenario")};
        const QStringList locations {QStringLiteral("NORTH"), QStringLiteral("SOUTH"),
                                     QStringLiteral("EAST")};
        QStringList skus;
        for (int i = 0; i < 8; ++i) {
            skus << QStringLiteral("SKU-%1").arg(i);
        }
        QVERIFY(
            Test::seedCatalog(context, {{locations[0], 10}, {locations[1], 20}, {locations[2], 20}}, skus));

        QRandomGenerator random(seed);
        StockService stock(context);
        OrderService orders(context);
        QStringList open;
        qint64 received = 0;
        qint64 adjusted = 0;
        qint64 shipped = 0;
        QHash<QString, int> outcomes;
        for (int op = 1; op <= operations; ++op) {
            now = now.addSecs(37);
            const int dice = random.bounded(100);
            const QString sku = skus.at(random.bounded(int(skus.size())));
            const QString location = locations.at(random.bounded(int(locations.size())));
            if (dice < 20) {
                const int qty = 1 + random.bounded(12);
                const bool ok = stock.receive(sku, location, qty).ok();
                QVERIFY(ok);
                received += qty;
                outcomes[QStringLiteral("receive")]++;
            } else if (dice < 27) {
                const int delta = random.bounded(9) - 6;
                if (delta == 0) {
                    continue;
                }
                const Result<StockLevelRow> result
                    = stock.adjust(sku, location, delta, QStringLiteral("scenario"));
                if (result) {
                    adjusted += delta;
                }
                // A refusal must be a business reason (not enough free stock), never a database error.
                QVERIFY2(result || result.error().kind == Error::Kind::Business,
                         qPrintable(result.error().message));
                outcomes[result ? QStringLiteral("adjust") : QStringLiteral("adjust refused")]++;
            } else if (dice < 70) {
                PlaceOrderRequest request;
                request.paymentStatus = QStringLiteral("paid");
                const int lineCount = 1 + random.bounded(3);
                for (int i = 0; i < lineCount; ++i) {
                    request.lines << OrderLineRequest {
                        skus.at(random.bounded(int(skus.size()))), 1 + random.bounded(5), {}};
                }
                if (random.bounded(4) == 0) {
                    request.channel = QStringLiteral("shop");
                    request.externalId = QString::number(random.bounded(200)); // duplicates on purpose
                }
                const Result<PlacedOrder> placed = orders.place(request);
                QVERIFY2(placed || placed.error().kind == Error::Kind::Business,
                         qPrintable(placed.error().message));
                if (placed) {
                    open << placed->number;
                    outcomes[placed->status]++;
                } else {
                    outcomes[QStringLiteral("duplicate refused")]++;
                }
            } else if (dice < 82 && !open.isEmpty()) {
                const QString number = open.takeAt(random.bounded(int(open.size())));
                const Result<OrderHeader> cancelled = orders.cancel(number);
                QVERIFY2(cancelled || cancelled.error().kind == Error::Kind::Business,
                         qPrintable(cancelled.error().message));
                outcomes[cancelled ? QStringLiteral("cancelled") : QStringLiteral("cancel refused")]++;
            } else if (!open.isEmpty()) {
                const qsizetype index = random.bounded(int(open.size()));
                const Result<ShipResult> result = orders.ship(open.at(index));
                QVERIFY2(result || result.error().kind == Error::Kind::Business,
                         qPrintable(result.error().message));
                if (result) {
                    for (const ShipmentSummary &shipment : result->shipments) {
                        shipped += shipment.units;
                    }
                    if (result->status == QLatin1String("shipped")) {
                        open.removeAt(index);
                    }
                }
                outcomes[result ? QStringLiteral("ship") : QStringLiteral("ship refused")]++;
            }
            if (op % 250 == 0) {
                const QStringList violations = Test::violations(*db);
                QVERIFY2(violations.isEmpty(),
                         qPrintable(
                             QStringLiteral("after %1 operations: %2").arg(op).arg(violations.join(u'\n'))));
                const qint64 onHand
                    = db->scalar(QStringLiteral("SELECT coalesce(sum(on_hand), 0) FROM stock_levels"))
                          .value()
                          .toLongLong();
                QCOMPARE(onHand, received + adjusted - shipped);
            }
        }
        // The scenario must have exercised every path, or it proves little.
        for (const char *kind :
             {"receive", "adjust", "adjust refused", "allocated", "backordered", "cancelled", "ship"}) {
            QVERIFY2(outcomes.value(QString::fromLatin1(kind)) > 0, kind);
        }
        qInfo() << "outcomes:" << outcomes;
    }
};

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
