// SPDX-License-Identifier: GPL-3.0-or-later
#include "countservice.h"
#include "fulfilmentservice.h"
#include "orderservice.h"
#include "purchaseservice.h"
#include "returnservice.h"
#include "stockservice.h"
#include "testsupport.h"
#include "transferservice.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Stockroom;

/**
 * Thousands of random receive / adjust / place / cancel / hold / release / pack / ship / return operations
 * mixed with purchase orders (ordered, received in parts, over-delivered, closed short), transfers (shipped,
 * received in parts, units missing, written off or expected again) and cycle counts (counted while orders
 * ship, approved, refused, reopened), with a fixed seed; after every batch the invariants of DESIGN.md must
 * hold and the stock must add up to what went in minus what went out (returns restocked count as in; written
 * off, neither; units in transit are out of every location until they arrive).
 */
class TestScenario : public QObject
{
    Q_OBJECT

    static int level(Database &db, const QString &sku, const QString &location)
    {
        const QList<StockLevelRow> levels = StockRepository(db).levels(sku, location).value();
        return levels.isEmpty() ? 0 : levels.first().onHand;
    }

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
        FulfilmentService fulfilment(context);
        ReturnService returns(context);
        PurchaseService purchases(context);
        TransferService transfers(context);
        CountService counts(context);
        QVERIFY(purchases.addSupplier(QStringLiteral("Supplier"), {}, 7));
        QStringList purchaseOrders; // ordered, not yet received in full
        QStringList movingTransfers; // created, requested or in transit
        QStringList unfinishedCounts;
        qint64 purchased = 0;
        qint64 transferredOut = 0;
        qint64 transferredIn = 0;
        qint64 countAdjusted = 0;
        QStringList open;
        QStringList sent; // orders with shipped units, for returns
        qint64 restocked = 0;
        qint64 received = 0;
        qint64 adjusted = 0;
        qint64 shipped = 0;
        QHash<QString, int> outcomes;
        for (int op = 1; op <= operations; ++op) {
            now = now.addSecs(37);
            const int dice = random.bounded(130);
            const QString sku = skus.at(random.bounded(int(skus.size())));
            const QString location = locations.at(random.bounded(int(locations.size())));
            if (dice >= 100 && dice < 108) {
                // Purchase orders: a new one, ordered; or part of one arrives (sometimes more than
                // ordered); or the rest is given up.
                if (purchaseOrders.isEmpty() || random.bounded(3) == 0) {
                    QuantityLine line;
                    line.sku = sku;
                    line.qty = 1 + random.bounded(20);
                    line.unitCostCents = 100 + random.bounded(400);
                    const Result<PurchaseOrder> created
                        = purchases.create(QStringLiteral("Supplier"), location, {}, {line});
                    QVERIFY2(created, qPrintable(created.error().message));
                    QVERIFY(purchases.order(created->number));
                    purchaseOrders << created->number;
                    outcomes[QStringLiteral("po ordered")]++;
                } else {
                    const QString number = purchaseOrders.at(random.bounded(int(purchaseOrders.size())));
                    const Result<PurchaseOrder> po = purchases.get(number);
                    QVERIFY(po);
                    if (random.bounded(5) == 0) {
                        QVERIFY(purchases.close(number));
                        purchaseOrders.removeAll(number);
                        outcomes[QStringLiteral("po closed short")]++;
                    } else {
                        const PurchaseOrderLine &line = po->lines.first();
                        QuantityLine arrived;
                        arrived.sku = line.sku;
                        arrived.qty = 1 + random.bounded(line.outstanding() + 2);
                        const Result<PurchaseOrder> received = purchases.receive(number, {arrived});
                        QVERIFY2(received, qPrintable(received.error().message));
                        purchased += arrived.qty;
                        if (received->status == QLatin1String("received")) {
                            purchaseOrders.removeAll(number);
                        }
                        outcomes[received->lines.first().over() > 0 ? QStringLiteral("po over-delivered")
                                                                    : QStringLiteral("po received")]++;
                    }
                }
            } else if (dice >= 100 && dice < 118) {
                // Transfers: created and requested; shipped (refused when orders hold the units); units
                // arriving, some reported missing; missing units written off or expected again.
                if (movingTransfers.isEmpty() || random.bounded(4) == 0) {
                    QString to = locations.at(random.bounded(int(locations.size())));
                    if (to == location) {
                        continue;
                    }
                    QuantityLine line;
                    line.sku = sku;
                    line.qty = 1 + random.bounded(4);
                    const Result<Transfer> created = transfers.create(location, to, {line});
                    QVERIFY2(created, qPrintable(created.error().message));
                    QVERIFY(transfers.request(created->number));
                    movingTransfers << created->number;
                    outcomes[QStringLiteral("transfer requested")]++;
                    continue;
                }
                const QString number = movingTransfers.at(random.bounded(int(movingTransfers.size())));
                const Result<Transfer> transfer = transfers.get(number);
                QVERIFY(transfer);
                const TransferLine &line = transfer->lines.first();
                if (transfer->status == QLatin1String("requested")) {
                    const Result<Transfer> shipped = transfers.ship(number);
                    QVERIFY2(shipped || shipped.error().kind == Error::Kind::Business,
                             qPrintable(shipped.error().message));
                    if (shipped) {
                        transferredOut += line.qty;
                        outcomes[QStringLiteral("transfer shipped")]++;
                    } else if (random.bounded(2) == 0) {
                        QVERIFY(transfers.cancel(number));
                        movingTransfers.removeAll(number);
                        outcomes[QStringLiteral("transfer cancelled")]++;
                    }
                } else if (line.missing > 0) {
                    const bool writeOff = random.bounded(2) == 0;
                    const Result<Transfer> decided = transfers.decideMissing(number, writeOff);
                    QVERIFY2(decided, qPrintable(decided.error().message));
                    if (decided->status == QLatin1String("received")) {
                        movingTransfers.removeAll(number);
                    }
                    outcomes[writeOff ? QStringLiteral("missing written off") : QStringLiteral("missing expected")]++;
                } else {
                    const int expected = line.shipped - line.received - line.missing - line.writtenOff;
                    QuantityLine arrived;
                    arrived.sku = line.sku;
                    arrived.qty = random.bounded(expected + 1);
                    arrived.missing = random.bounded(3) == 0 ? expected - arrived.qty : 0;
                    arrived.reason = QStringLiteral("damaged");
                    if (arrived.qty + arrived.missing == 0) {
                        continue;
                    }
                    const Result<Transfer> received = transfers.receive(number, {arrived});
                    QVERIFY2(received, qPrintable(received.error().message));
                    transferredIn += arrived.qty;
                    if (received->status == QLatin1String("received")) {
                        movingTransfers.removeAll(number);
                    }
                    outcomes[arrived.missing > 0 ? QStringLiteral("transfer missing")
                                                 : QStringLiteral("transfer arrived")]++;
                }
            } else if (dice >= 100) {
                // Cycle counts: started on a few SKUs, counted near the books while orders go on, then
                // submitted and approved; refused when the count took reserved units, then recounted.
                if (unfinishedCounts.isEmpty() || random.bounded(3) == 0) {
                    CountScope scope;
                    scope.cycle = true;
                    scope.skus = {sku, skus.at(random.bounded(int(skus.size())))};
                    const Result<StockCount> started = counts.start(location, scope);
                    QVERIFY2(started || started.error().kind == Error::Kind::Business,
                             qPrintable(started.error().message));
                    if (started) {
                        unfinishedCounts << started->number;
                    }
                    outcomes[started ? QStringLiteral("count started") : QStringLiteral("count refused")]++;
                    continue;
                }
                const QString number = unfinishedCounts.at(random.bounded(int(unfinishedCounts.size())));
                const Result<StockCount> count = counts.get(number);
                QVERIFY(count);
                if (count->status == QLatin1String("open")) {
                    for (const CountLine &line : count->lines) {
                        const int book = level(*db, line.sku, count->locationCode);
                        const int counted = std::max(0, book + random.bounded(5) - 3);
                        QVERIFY(counts.record(number, line.sku, counted));
                    }
                    QVERIFY(counts.submit(number));
                    continue;
                }
                const Result<StockCount> approved = counts.approve(number);
                QVERIFY2(approved || approved.error().kind == Error::Kind::Business,
                         qPrintable(approved.error().message));
                if (approved) {
                    for (const CountLine &line : approved->lines) {
                        countAdjusted += line.adjustment.value_or(0);
                    }
                    unfinishedCounts.removeAll(number);
                    outcomes[QStringLiteral("count approved")]++;
                } else {
                    QVERIFY(counts.reopen(number)); // counted below what orders hold: count again
                    outcomes[QStringLiteral("count recount")]++;
                }
            } else if (dice < 20) {
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
            } else if (dice < 86 && !open.isEmpty()) {
                // A hold and its release, with whatever arrived in between.
                const QString number = open.at(random.bounded(int(open.size())));
                const Result<OrderHeader> held = fulfilment.hold(number, QStringLiteral("scenario"));
                QVERIFY2(held || held.error().kind == Error::Kind::Business,
                         qPrintable(held.error().message));
                if (held) {
                    const Result<OrderHeader> lifted = fulfilment.unhold(number);
                    QVERIFY2(lifted, qPrintable(lifted.error().message));
                }
                outcomes[held ? QStringLiteral("hold") : QStringLiteral("hold refused")]++;
            } else if (dice < 95 && !sent.isEmpty()) {
                // One unit of a shipped order comes back: restocked, or written off.
                const QString number = sent.at(random.bounded(int(sent.size())));
                const Result<OrderDetail> detail = fulfilment.detail(number);
                QVERIFY(detail);
                QString sku;
                for (const OrderLineRecord &line : detail->lines) {
                    if (line.qtyShipped > line.qtyReturned) {
                        sku = line.sku;
                    }
                }
                if (sku.isEmpty()) {
                    continue;
                }
                const Result<ReturnSummary> created = returns.create(number, {{sku, 1, {}}});
                QVERIFY2(created, qPrintable(created.error().message));
                const bool restock = random.bounded(3) > 0;
                ReturnDisposition disposition;
                disposition.kind
                    = restock ? ReturnDisposition::Kind::Restock : ReturnDisposition::Kind::WriteOff;
                disposition.sku = sku;
                disposition.qty = 1;
                disposition.locationCode = restock ? location : QString();
                disposition.reason = restock ? QString() : QStringLiteral("damaged");
                const Result<ReturnSummary> received = returns.receive(created->header.number, {disposition});
                QVERIFY2(received, qPrintable(received.error().message));
                restocked += restock ? 1 : 0;
                outcomes[restock ? QStringLiteral("return restocked")
                                 : QStringLiteral("return written off")]++;
            } else if (!open.isEmpty()) {
                const qsizetype index = random.bounded(int(open.size()));
                if (random.bounded(2) == 0) {
                    // The full path: released for picking, every unit scanned, then shipped.
                    const Result<OrderHeader> released = fulfilment.release(open.at(index));
                    if (released && released->status == QLatin1String("picking")) {
                        const Result<PackProgress> progress = fulfilment.packProgress(open.at(index));
                        QVERIFY(progress);
                        QStringList scans;
                        for (const PackLine &line : progress->lines) {
                            for (int unit = line.packed; unit < line.toPack; ++unit) {
                                scans << line.sku;
                            }
                        }
                        const Result<PackProgress> packed = fulfilment.scanAll(open.at(index), scans);
                        QVERIFY2(packed && packed->complete(), qPrintable(packed.error().message));
                        outcomes[QStringLiteral("packed")]++;
                    }
                }
                const Result<ShipResult> result = orders.ship(open.at(index));
                QVERIFY2(result || result.error().kind == Error::Kind::Business,
                         qPrintable(result.error().message));
                if (result) {
                    for (const ShipmentSummary &shipment : result->shipments) {
                        shipped += shipment.units;
                    }
                    if (!sent.contains(open.at(index))) {
                        sent << open.at(index);
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
                QCOMPARE(onHand, received + purchased + adjusted + restocked + countAdjusted - shipped
                                     - transferredOut + transferredIn);
            }
        }
        // The scenario must have exercised every path, or it proves little.
        for (const char *kind :
             {"receive", "adjust", "adjust refused", "allocated", "backordered", "cancelled", "ship", "hold",
              "packed", "return restocked", "return written off", "po ordered", "po received",
              "po over-delivered", "po closed short", "transfer shipped", "transfer arrived", "transfer missing",
              "missing written off", "missing expected", "count approved"}) {
            QVERIFY2(outcomes.value(QString::fromLatin1(kind)) > 0, kind);
        }
        qInfo() << "outcomes:" << outcomes;
    }
};

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
