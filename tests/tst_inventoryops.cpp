// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogservice.h"
#include "countservice.h"
#include "fulfilmentservice.h"
#include "migrations.h"
#include "orderrepository.h"
#include "orderservice.h"
#include "productimporter.h"
#include "purchaseservice.h"
#include "stockservice.h"
#include "testsupport.h"
#include "transferservice.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Stockroom;

namespace {

const QString Mug = QStringLiteral("MUG");
const QString Plate = QStringLiteral("PLATE");
const QString Bowl = QStringLiteral("BOWL");
const QString Leeds = QStringLiteral("LEEDS");
const QString Bristol = QStringLiteral("BRISTOL");
const QString York = QStringLiteral("YORK");
const QString MugGtin = QStringLiteral("4006381333931");
const QString BowlGtin = QStringLiteral("036000291452");

QuantityLine line(const QString &sku, int qty, std::optional<qint64> cost = std::nullopt)
{
    QuantityLine entry;
    entry.sku = sku;
    entry.qty = qty;
    entry.unitCostCents = cost;
    return entry;
}

QuantityLine missing(const QString &sku, int arrived, int lost, const QString &reason)
{
    QuantityLine entry = line(sku, arrived);
    entry.missing = lost;
    entry.reason = reason;
    return entry;
}

} // namespace

/**
 * Purchase orders, transfers and stock counts through the services on a real database (SQLite and
 * PostgreSQL): every state machine's refusals leave the document and the stock untouched, the ledger
 * explains every unit, counts reconcile against what moved during counting, and product imports are all
 * or nothing. The invariant checker runs after every test.
 */
class TestInventoryOps : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ServiceContext> m_context;
    std::vector<std::unique_ptr<ServiceContext>> m_desks;
    QDateTime m_now = QDateTime(QDate(2026, 3, 2), QTime(9, 0), QTimeZone::utc());

    void tick(int minutes = 1) { m_now = m_now.addSecs(60 * minutes); }

    ServiceContext &as(const QString &user)
    {
        m_desks.emplace_back(new ServiceContext {*m_db, Clock([this] { return m_now; }), user});
        return *m_desks.back();
    }

    PurchaseService purchases() { return PurchaseService(*m_context); }
    TransferService transfers() { return TransferService(*m_context); }
    CountService counts() { return CountService(*m_context); }
    StockService stock() { return StockService(*m_context); }

    qint64 scalar(const QString &sql, const Binds &binds = {})
    {
        return m_db->scalar(sql, binds).value().toLongLong();
    }

    StockLevelRow level(const QString &sku, const QString &location)
    {
        const QList<StockLevelRow> levels = StockRepository(*m_db).levels(sku, location).value();
        return levels.isEmpty() ? StockLevelRow {} : levels.first();
    }

    ProductRecord product(const QString &sku)
    {
        return CatalogRepository(*m_db).productBySku(sku).value().value_or(ProductRecord {});
    }

    qint64 movements() { return scalar(QStringLiteral("SELECT count(*) FROM stock_movements")); }

    /** Everything a refusal must leave untouched, as one comparable text. */
    QString fingerprint()
    {
        QStringList parts;
        for (const QString &sql :
             {QStringLiteral("SELECT count(*) FROM stock_movements"),
              QStringLiteral("SELECT coalesce(sum(on_hand * 7 + reserved * 13), 0) FROM stock_levels"),
              QStringLiteral("SELECT coalesce(sum(version), 0) FROM purchase_orders"),
              QStringLiteral("SELECT coalesce(sum(version), 0) FROM transfers"),
              QStringLiteral("SELECT coalesce(sum(version), 0) FROM stock_counts"),
              QStringLiteral("SELECT coalesce(sum(qty_received + qty_missing * 3 + qty_written_off * 5 + "
                             "qty_shipped * 7), 0) FROM transfer_lines"),
              QStringLiteral("SELECT coalesce(sum(qty_received), 0) FROM purchase_order_lines"),
              QStringLiteral("SELECT coalesce(sum(coalesce(counted, -1) + coalesce(adjustment, 0)), 0) FROM "
                             "stock_count_lines"),
              QStringLiteral("SELECT count(*) FROM products"),
              QStringLiteral("SELECT coalesce(sum(avg_cost_cents), 0) FROM products")}) {
            parts << QString::number(scalar(sql));
        }
        return parts.join(QLatin1Char('/'));
    }

    QString placePaid(const QList<OrderLineRequest> &lines)
    {
        PlaceOrderRequest request;
        request.lines = lines;
        request.paymentStatus = QStringLiteral("paid");
        const Result<PlacedOrder> placed = OrderService(*m_context).place(request);
        if (!placed) {
            qWarning() << placed.error().message;
            return {};
        }
        return placed->number;
    }

    /** A refused call: the expected kind, a message containing the words, and nothing changed. */
    template<typename T>
    void expectRefusal(const Result<T> &result, Error::Kind kind, const QString &words, const QString &before)
    {
        QVERIFY2(!result, "the call should have been refused");
        QCOMPARE(result.error().kind, kind);
        QVERIFY2(result.error().message.contains(words, Qt::CaseInsensitive),
                 qPrintable(result.error().message));
        QCOMPARE(fingerprint(), before);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_now = QDateTime(QDate(2026, 3, 2), QTime(9, 0), QTimeZone::utc());
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open();
        QVERIFY(m_db);
        m_context.reset(
            new ServiceContext {*m_db, Clock([this] { return m_now; }), QStringLiteral("tester")});
        QVERIFY(Test::seedCatalog(*m_context, {{Leeds, 10}, {Bristol, 20}, {York, 30}}, {}));
        CatalogService catalog(*m_context);
        for (const auto &[sku, gtin, cost] :
             {std::tuple {Mug, MugGtin, 500}, std::tuple {Plate, QString(), 300},
              std::tuple {Bowl, BowlGtin, 200}}) {
            ProductRecord record;
            record.sku = sku;
            record.name = QStringLiteral("Product ") + sku;
            record.gtin = gtin;
            record.unitCostCents = cost;
            record.priceCents = cost * 2;
            QVERIFY(catalog.addProduct(record));
        }
        QVERIFY(
            purchases().addSupplier(QStringLiteral("Potter & Co"), QStringLiteral("sales@potter.test"), 10));
        QVERIFY(stock().receive(Mug, Leeds, 10));
        QVERIFY(stock().receive(Plate, Leeds, 6));
        QVERIFY(stock().receive(Plate, Bristol, 4));
    }

    void cleanup()
    {
        if (m_db) {
            QCOMPARE(Test::violations(*m_db), QStringList());
        }
        m_desks.clear();
        m_context.reset();
        m_db.reset();
        m_scratch.reset();
    }

    void purchaseOrderLifecycle()
    {
        const Result<PurchaseOrder> created
            = purchases().create(QStringLiteral("potter & co"), Bristol, QStringLiteral("2026-03-12"),
                                 {line(Mug, 10, 700), line(Bowl, 5)});
        QVERIFY2(created, qPrintable(created.error().message));
        QCOMPARE(created->status, QStringLiteral("draft"));
        QCOMPARE(created->number, QStringLiteral("PO-000001"));
        QCOMPARE(created->lines.size(), 2);
        QCOMPARE(created->lines.at(1).unitCostCents, 200); // the product's cost when none is given
        QCOMPARE(level(Mug, Bristol).onOrder, 0); // a draft is not on order

        QString before = fingerprint();
        expectRefusal(purchases().receive(created->number, {line(Mug, 1)}), Error::Kind::Business,
                      QStringLiteral("draft"), before);
        expectRefusal(purchases().close(created->number), Error::Kind::Business,
                      QStringLiteral("cannot be closed"), before);

        const Result<PurchaseOrder> ordered = purchases().order(created->number, created->version);
        QVERIFY2(ordered, qPrintable(ordered.error().message));
        QCOMPARE(ordered->status, QStringLiteral("ordered"));
        QVERIFY(!ordered->orderedAt.isEmpty());
        // Someone acting on the version before "order" is told who changed it.
        before = fingerprint();
        expectRefusal(purchases().cancel(created->number, created->version), Error::Kind::Stale,
                      QStringLiteral("changed by tester"), before);
        expectRefusal(purchases().order(created->number), Error::Kind::Business,
                      QStringLiteral("cannot be ordered"), before);
        expectRefusal(purchases().receive(created->number, {line(Plate, 1)}), Error::Kind::Business,
                      QStringLiteral("not on PO-000001"), before);
        expectRefusal(purchases().receive(created->number, {line(Mug, 0)}), Error::Kind::Usage,
                      QStringLiteral("quantity"), before);
        expectRefusal(purchases().receive(QStringLiteral("PO-999"), {line(Mug, 1)}), Error::Kind::Business,
                      QStringLiteral("no purchase order"), before);

        // A customer waits for a bowl at Bristol's region: the receipt serves the backorder at once.
        PlaceOrderRequest waiting;
        waiting.lines = {OrderLineRequest {Bowl, 2, std::nullopt}};
        waiting.paymentStatus = QStringLiteral("paid");
        const Result<PlacedOrder> backorder = OrderService(*m_context).place(waiting);
        QVERIFY(backorder);
        QCOMPARE(backorder->status, QStringLiteral("backordered"));
        QCOMPARE(level(Mug, Bristol).onOrder, 10);

        // Part one: 4 mugs (by GTIN, as scanned) and 3 bowls.
        tick();
        const Result<PurchaseOrder> part = purchases().receive(
            created->number, {line(MugGtin, 4), line(Bowl, 3)}, QStringLiteral("delivery note 881"));
        QVERIFY2(part, qPrintable(part.error().message));
        QCOMPARE(part->status, QStringLiteral("partially_received"));
        QCOMPARE(part->lines.at(0).received, 4);
        QCOMPARE(level(Mug, Bristol).onHand, 4);
        QCOMPARE(level(Mug, Bristol).onOrder, 6);
        QCOMPARE(level(Bowl, Bristol).reserved, 2); // the backorder took its bowls
        QCOMPARE(OrderRepository(*m_db).findByNumber(backorder->number).value()->status,
                 QStringLiteral("allocated"));
        // Moving average: 10 mugs at 5.00 and 4 at 7.00 → 5.57 (78.00 / 14).
        QCOMPARE(product(Mug).averageCostCents, 557);
        QCOMPARE(scalar(QStringLiteral(
                            "SELECT count(*) FROM stock_movements WHERE ref_type = 'purchase_order' AND "
                            "ref_id = ? AND reason = 'receipt'"),
                        {part->id}),
                 2);

        // Part two: 8 mugs (2 more than ordered), 1 bowl: the over-delivery is kept, the bowl line short.
        tick();
        const Result<PurchaseOrder> more
            = purchases().receive(created->number, {line(Mug, 8), line(Bowl, 1)});
        QVERIFY2(more, qPrintable(more.error().message));
        QCOMPARE(more->status, QStringLiteral("partially_received"));
        QCOMPARE(more->lines.at(0).over(), 2);
        QCOMPARE(more->lines.at(1).outstanding(), 1);
        QCOMPARE(level(Mug, Bristol).onOrder, 0);
        QCOMPARE(level(Bowl, Bristol).onOrder, 1);
        before = fingerprint();
        expectRefusal(purchases().cancel(created->number), Error::Kind::Business,
                      QStringLiteral("cannot be cancelled"), before);
        const Result<PurchaseOrder> closed = purchases().close(created->number);
        QVERIFY2(closed, qPrintable(closed.error().message));
        QCOMPARE(closed->status, QStringLiteral("received"));
        QCOMPARE(closed->lines.at(1).outstanding(), 1); // the shortfall stays visible
        QCOMPARE(level(Bowl, Bristol).onOrder, 0);
        before = fingerprint();
        expectRefusal(purchases().receive(created->number, {line(Bowl, 1)}), Error::Kind::Business,
                      QStringLiteral("nothing can be received"), before);

        // A draft can be cancelled; unknown suppliers and duplicate lines are refused.
        const Result<PurchaseOrder> other
            = purchases().create(QStringLiteral("Potter & Co"), Leeds, {}, {line(Plate, 3)});
        QVERIFY(other);
        QCOMPARE(purchases().cancel(other->number)->status, QStringLiteral("cancelled"));
        before = fingerprint();
        expectRefusal(purchases().create(QStringLiteral("Nobody Ltd"), Leeds, {}, {line(Plate, 3)}),
                      Error::Kind::Business, QStringLiteral("unknown supplier"), before);
        expectRefusal(
            purchases().create(QStringLiteral("Potter & Co"), Leeds, {}, {line(Plate, 3), line(Plate, 1)}),
            Error::Kind::Usage, QStringLiteral("twice"), before);
        expectRefusal(purchases().create(QStringLiteral("Potter & Co"), Leeds, QStringLiteral("12/03/2026"),
                                         {line(Plate, 3)}),
                      Error::Kind::Usage, QStringLiteral("YYYY-MM-DD"), before);
    }

    void transferLifecycle()
    {
        const Result<Transfer> created = transfers().create(Leeds, York, {line(Mug, 6), line(Plate, 2)},
                                                            QStringLiteral("stock the new shop"));
        QVERIFY2(created, qPrintable(created.error().message));
        QCOMPARE(created->number, QStringLiteral("TR-000001"));
        QString before = fingerprint();
        expectRefusal(transfers().ship(created->number), Error::Kind::Business, QStringLiteral("draft"),
                      before);
        expectRefusal(transfers().receive(created->number, {line(Mug, 1)}), Error::Kind::Business,
                      QStringLiteral("in transit"), before);
        expectRefusal(transfers().create(Leeds, Leeds, {line(Mug, 1)}), Error::Kind::Usage,
                      QStringLiteral("two different"), before);
        QVERIFY(transfers().request(created->number));

        // Orders hold 5 of Leeds' 10 mugs: only 5 may leave, so the transfer of 6 is refused whole.
        const QString order = placePaid({OrderLineRequest {Mug, 5, std::nullopt}});
        QVERIFY(!order.isEmpty());
        before = fingerprint();
        expectRefusal(transfers().ship(created->number), Error::Kind::Business,
                      QStringLiteral("5 available (10 on hand, 5 reserved"), before);
        QVERIFY(stock().receive(Mug, Leeds, 1));

        tick();
        const Result<Transfer> shipped = TransferService(as(QStringLiteral("Priya"))).ship(created->number);
        QVERIFY2(shipped, qPrintable(shipped.error().message));
        QCOMPARE(shipped->status, QStringLiteral("in_transit"));
        QCOMPARE(shipped->shippedBy, QStringLiteral("Priya"));
        QCOMPARE(level(Mug, Leeds).onHand, 5);
        QCOMPARE(level(Mug, Leeds).reserved, 5);
        QCOMPARE(level(Mug, York).inTransit, 6); // visible at the destination at once
        QCOMPARE(level(Mug, York).projected(), 6);
        before = fingerprint();
        expectRefusal(transfers().cancel(created->number), Error::Kind::Business,
                      QStringLiteral("cannot be cancelled"), before);

        // A customer near York waits for a plate: the arrival serves it.
        const QString waiting = placePaid({OrderLineRequest {Plate, 12, std::nullopt}});
        QVERIFY(!waiting.isEmpty());
        const int waitingBefore = int(scalar(QStringLiteral("SELECT sum(qty_backordered) FROM order_lines")));
        QVERIFY(waitingBefore > 0);

        // 4 mugs arrive, 1 is broken, 1 still on the way; both plates arrive.
        tick();
        before = fingerprint();
        expectRefusal(transfers().receive(created->number, {missing(Mug, 4, 1, QString())}),
                      Error::Kind::Usage, QStringLiteral("reason"), before);
        expectRefusal(transfers().receive(created->number, {line(Mug, 7)}), Error::Kind::Business,
                      QStringLiteral("only 6 are still expected"), before);
        const Result<Transfer> arrived = transfers().receive(
            created->number, {missing(Mug, 4, 1, QStringLiteral("broken in the van")), line(Plate, 2)});
        QVERIFY2(arrived, qPrintable(arrived.error().message));
        QCOMPARE(arrived->status, QStringLiteral("in_transit"));
        QCOMPARE(arrived->lines.at(0).received, 4);
        QCOMPARE(arrived->lines.at(0).missing, 1);
        QCOMPARE(arrived->lines.at(0).inTransit(), 2); // 1 on the way + 1 missing, not yet decided
        QCOMPARE(level(Mug, York).onHand, 4);
        QCOMPARE(level(Mug, York).inTransit, 2);
        QCOMPARE(int(scalar(QStringLiteral("SELECT sum(qty_backordered) FROM order_lines"))),
                 waitingBefore - 2);

        // The manager doubts it: still expected. Then it is found broken after all: written off.
        QVERIFY(transfers().decideMissing(created->number, false));
        QCOMPARE(level(Mug, York).inTransit, 2);
        QVERIFY(transfers().receive(created->number, {missing(Mug, 1, 1, QStringLiteral("broken"))}));
        const Result<Transfer> decided = transfers().decideMissing(created->number, true);
        QVERIFY2(decided, qPrintable(decided.error().message));
        QCOMPARE(decided->status, QStringLiteral("received"));
        QCOMPARE(decided->lines.at(0).writtenOff, 1);
        QCOMPARE(decided->lines.at(0).inTransit(), 0);
        QCOMPARE(level(Mug, York).onHand, 5);
        QCOMPARE(level(Mug, York).inTransit, 0);
        before = fingerprint();
        expectRefusal(transfers().decideMissing(created->number, true), Error::Kind::Business,
                      QStringLiteral("no missing units"), before);
        // Σ shipped out = Σ received + in transit + written off, from the ledger's side.
        QCOMPARE(scalar(QStringLiteral(
                     "SELECT -sum(delta_on_hand) FROM stock_movements WHERE reason = 'transfer_out'")),
                 scalar(QStringLiteral(
                     "SELECT sum(delta_on_hand) FROM stock_movements WHERE reason = 'transfer_in'"))
                     + scalar(QStringLiteral("SELECT sum(qty_written_off) FROM transfer_lines")));

        // Draft and requested transfers can be cancelled; nothing moved.
        const Result<Transfer> other = transfers().create(Bristol, York, {line(Plate, 1)});
        QVERIFY(other);
        QVERIFY(transfers().request(other->number));
        QCOMPARE(transfers().cancel(other->number)->status, QStringLiteral("cancelled"));
        QCOMPARE(level(Plate, Bristol).onHand, 4);
    }

    void countReconcilesWithMovementsDuringTheCount()
    {
        QVERIFY(CatalogService(*m_context).setStockSettings(Mug, Leeds, QStringLiteral("A-01"), 2, 10));
        QVERIFY(CatalogService(*m_context)
                    .setStockSettings(Plate, Leeds, QStringLiteral("B-07"), std::nullopt, std::nullopt));
        QVERIFY(stock().receive(Bowl, Leeds, 8));
        QVERIFY(CatalogService(*m_context)
                    .setStockSettings(Bowl, Leeds, QStringLiteral("A-02"), std::nullopt, std::nullopt));
        // Settings not given stay as they were.
        QVERIFY(CatalogService(*m_context).setStockSettings(Mug, Leeds, std::nullopt, 3, std::nullopt));
        QCOMPARE(level(Mug, Leeds).binCode, QStringLiteral("A-01"));
        QCOMPARE(level(Mug, Leeds).reorderPoint, 3);
        QCOMPARE(level(Mug, Leeds).reorderQty, 10);
        CountScope whole;
        const Result<StockCount> started = counts().start(Leeds, whole, QStringLiteral("year end"));
        QVERIFY2(started, qPrintable(started.error().message));
        QCOMPARE(started->number, QStringLiteral("SC-000001"));
        QCOMPARE(started->lines.size(), 3);
        QVERIFY(started->blind);
        QCOMPARE(started->lines.at(0).binCode, QStringLiteral("A-01")); // in walking order
        QCOMPARE(started->lines.at(0).expected, 10);

        // Orders keep flowing: 3 mugs are sold and shipped between the snapshot and the count.
        tick();
        const QString sold = placePaid({OrderLineRequest {Mug, 3, std::nullopt}});
        QVERIFY(!sold.isEmpty());
        QVERIFY(FulfilmentService(*m_context).release(sold));
        QVERIFY(OrderService(*m_context).ship(sold));
        QCOMPARE(level(Mug, Leeds).onHand, 7);

        // Two counters at once; the mug counter scans its barcode 7 times (adds one each).
        tick();
        ServiceContext &ana = as(QStringLiteral("Ana"));
        ServiceContext &ben = as(QStringLiteral("Ben"));
        for (int scan = 0; scan < 7; ++scan) {
            const Result<CountLine> scanned = CountService(ana).record(started->number, MugGtin, 1, true);
            QVERIFY2(scanned, qPrintable(scanned.error().message));
        }
        QVERIFY(CountService(ben).record(started->number, Plate, 4)); // 6 on the books: 2 missing
        QCOMPARE(counts().get(started->number)->updatedBy, QStringLiteral("Ben")); // the last one counting
        QString before = fingerprint();
        expectRefusal(counts().record(started->number, QStringLiteral("NOPE"), 1), Error::Kind::Business,
                      QStringLiteral("not on SC-000001"), before);
        expectRefusal(counts().submit(started->number), Error::Kind::Business, QStringLiteral("BOWL"),
                      before);
        expectRefusal(counts().approve(started->number), Error::Kind::Business,
                      QStringLiteral("cannot be approved"), before);
        QVERIFY(CountService(ben).record(started->number, Bowl, 9)); // one more than the books: found

        // A product can be in one unfinished count at a time.
        CountScope mugOnly;
        mugOnly.cycle = true;
        mugOnly.skus = {Mug};
        before = fingerprint();
        expectRefusal(counts().start(Leeds, mugOnly), Error::Kind::Business,
                      QStringLiteral("already in an unfinished"), before);

        const Result<StockCount> submitted = counts().submit(started->number);
        QVERIFY2(submitted, qPrintable(submitted.error().message));
        before = fingerprint();
        expectRefusal(counts().record(started->number, Mug, 1, true), Error::Kind::Business,
                      QStringLiteral("counting has ended"), before);
        int varianceUnits = 0;
        qint64 varianceValue = 0;
        for (const CountLine &counted : submitted->lines) {
            varianceUnits += counted.variance();
            varianceValue += counted.variance() * counted.unitCostCents;
            if (counted.sku == Mug) {
                QCOMPARE(counted.expected, 10);
                QCOMPARE(counted.bookAtCount.value(), 7);
                QCOMPARE(counted.counted.value(), 7);
                QCOMPARE(counted.variance(), 0); // the shipped units are not a loss
            }
        }
        QCOMPARE(varianceUnits, -1); // −2 plates, +1 bowl
        QCOMPARE(varianceValue, -2 * 300 + 200);

        // Meanwhile a backorder for a bowl waits (all 8 + … are reserved by then); the found bowl serves it.
        const QString bowls = placePaid({OrderLineRequest {Bowl, 9, std::nullopt}});
        QVERIFY(!bowls.isEmpty());
        QCOMPARE(level(Bowl, Leeds).reserved, 8);

        tick();
        const Result<StockCount> approved
            = CountService(as(QStringLiteral("Maria"))).approve(started->number, QStringLiteral("checked"));
        QVERIFY2(approved, qPrintable(approved.error().message));
        QCOMPARE(approved->status, QStringLiteral("approved"));
        QCOMPARE(approved->decidedBy, QStringLiteral("Maria"));
        QCOMPARE(level(Mug, Leeds).onHand, 7);
        QCOMPARE(level(Plate, Leeds).onHand, 4);
        QCOMPARE(level(Bowl, Leeds).onHand, 9);
        QCOMPARE(level(Bowl, Leeds).reserved, 9); // the backorder took the found bowl
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM stock_movements WHERE reason = 'count_adjust'")),
                 2);
        QCOMPARE(scalar(QStringLiteral("SELECT user_name = 'Maria' FROM stock_movements WHERE reason = "
                                       "'count_adjust' ORDER BY id LIMIT 1")),
                 1);

        // A cycle count of products not counted for 30 days now finds none at Leeds; a month later, all.
        CountScope stale;
        stale.cycle = true;
        stale.notCountedForDays = 30;
        before = fingerprint();
        expectRefusal(counts().start(Leeds, stale), Error::Kind::Business, QStringLiteral("No products"),
                      before);
        m_now = m_now.addDays(31);
        const Result<StockCount> cycle = counts().start(Leeds, stale);
        QVERIFY2(cycle, qPrintable(cycle.error().message));
        QCOMPARE(cycle->lines.size(), 3);
        QCOMPARE(cycle->kind, QStringLiteral("cycle"));
        QCOMPARE(cycle->scope, QStringLiteral("not counted for 30 days"));
        QVERIFY(counts().reject(cycle->number, QStringLiteral("started by mistake")));

        // By bin: only the A bins.
        CountScope aisleA;
        aisleA.cycle = true;
        aisleA.binPrefix = QStringLiteral("a-");
        const Result<StockCount> aisle = counts().start(Leeds, aisleA);
        QVERIFY2(aisle, qPrintable(aisle.error().message));
        QCOMPARE(aisle->lines.size(), 2);
        QVERIFY(counts().reject(aisle->number, QStringLiteral("later")));
        before = fingerprint();
        expectRefusal(counts().reject(aisle->number, QStringLiteral("again")), Error::Kind::Business,
                      QStringLiteral("cannot be rejected"), before);
    }

    void countCannotTakeReservedUnits()
    {
        // 4 of 6 plates are promised; the count finds 3: approving would leave fewer than reserved.
        const QString promised = placePaid({OrderLineRequest {Plate, 4, std::nullopt}});
        QVERIFY(!promised.isEmpty());
        CountScope plates;
        plates.cycle = true;
        plates.skus = {Plate};
        plates.blind = false;
        const Result<StockCount> count = counts().start(Leeds, plates);
        QVERIFY2(count, qPrintable(count.error().message));
        QVERIFY(!count->blind);
        QVERIFY(counts().record(count->number, Plate, 3));
        QVERIFY(counts().submit(count->number));
        const QString before = fingerprint();
        expectRefusal(counts().approve(count->number), Error::Kind::Business,
                      QStringLiteral("4 are reserved"), before);
        // Recount: the missing box was in the wrong bin.
        QVERIFY(counts().reopen(count->number));
        QVERIFY(counts().record(count->number, Plate, 6));
        QVERIFY(counts().submit(count->number));
        const Result<StockCount> approved = counts().approve(count->number);
        QVERIFY2(approved, qPrintable(approved.error().message));
        QCOMPARE(approved->lines.at(0).adjustment.value(), 0);
    }

    void abcClassesComeFromShippedValue()
    {
        QVERIFY(stock().receive(Bowl, Leeds, 50));
        // Mugs (5.00) ship 8 → 40.00; bowls (2.00) ship 1 → 2.00 (from 95.2 % on); plates ship none.
        for (const auto &[sku, qty] : {std::pair {Mug, 8}, std::pair {Bowl, 1}}) {
            const QString number = placePaid({OrderLineRequest {sku, qty, std::nullopt}});
            QVERIFY(!number.isEmpty());
            QVERIFY(FulfilmentService(*m_context).release(number));
            QVERIFY(OrderService(*m_context).ship(number));
        }
        CountScope classA;
        classA.cycle = true;
        classA.abcClass = QLatin1Char('A');
        const Result<StockCount> a = counts().start(Leeds, classA);
        QVERIFY2(a, qPrintable(a.error().message));
        QCOMPARE(a->lines.size(), 1);
        QCOMPARE(a->lines.at(0).sku, Mug);
        CountScope classC;
        classC.cycle = true;
        classC.abcClass = QLatin1Char('c');
        const Result<StockCount> c = counts().start(Leeds, classC);
        QVERIFY2(c, qPrintable(c.error().message));
        QStringList skus;
        for (const CountLine &entry : c->lines) {
            skus << entry.sku;
        }
        skus.sort();
        QCOMPARE(skus, (QStringList {Bowl, Plate})); // bowls start beyond 95 %, plates have no value
    }

    void productImportIsAllOrNothing()
    {
        auto upsert
            = [](int lineNo, const QString &sku, const QString &name, int onHand, const QString &location) {
                  ProductUpsert row;
                  row.line = lineNo;
                  row.sku = sku;
                  row.name = name;
                  row.unitCostCents = 150;
                  row.priceCents = 399;
                  if (onHand >= 0) {
                      row.stock.append({location, onHand, lineNo});
                  }
                  return row;
              };
        CatalogService catalog(*m_context);
        const QList<ProductUpsert> good
            = {upsert(2, QStringLiteral("CUP"), QStringLiteral("Cup"), 12, {}),
               upsert(3, QStringLiteral("SAUCER"), QStringLiteral("Saucer"), 0, {}),
               upsert(4, Plate, QStringLiteral("Plate, white"), 9, QStringLiteral("leeds"))};
        // Dry run: the report, nothing written.
        QString before = fingerprint();
        const Result<ImportOutcome> dry = catalog.importProducts(
            QStringLiteral("/tmp/products.csv"), QStringLiteral("stockroom"), good, York, {}, true);
        QVERIFY2(dry, qPrintable(dry.error().message));
        QVERIFY(dry->problems.isEmpty());
        QCOMPARE(dry->productsCreated, 2);
        QCOMPARE(dry->productsUpdated, 1);
        QCOMPARE(dry->stockChanged, 2);
        QCOMPARE(dry->unitsIn, 12 + 3);
        QVERIFY(!dry->applied());
        QCOMPARE(fingerprint(), before);

        const Result<ImportOutcome> done = catalog.importProducts(
            QStringLiteral("/tmp/products.csv"), QStringLiteral("stockroom"), good, York, {}, false);
        QVERIFY2(done, qPrintable(done.error().message));
        QVERIFY(done->applied());
        QCOMPARE(level(QStringLiteral("CUP"), York).onHand, 12);
        QCOMPARE(level(Plate, Leeds).onHand, 9);
        QCOMPARE(product(Plate).name, QStringLiteral("Plate, white"));
        QCOMPARE(scalar(QStringLiteral(
                            "SELECT count(*) FROM stock_movements WHERE ref_type = 'import' AND ref_id = ?"),
                        {done->importId}),
                 2);
        // Plates: 10 (Leeds and Bristol) at 3.00 and 3 at the imported 1.50 → 34.50 / 13 = 2.65.
        QCOMPARE(product(Plate).averageCostCents, 265);

        // The same file again changes nothing.
        const qint64 ledgerRows = movements();
        const Result<ImportOutcome> again = catalog.importProducts(
            QStringLiteral("/tmp/products.csv"), QStringLiteral("stockroom"), good, York, {}, false);
        QVERIFY(again);
        QCOMPARE(again->productsUnchanged, 3);
        QCOMPARE(again->stockChanged, 0);
        QCOMPARE(movements(), ledgerRows);

        // Bad rows: every problem reported with file, line and column, and nothing applied.
        const QString promised = placePaid({OrderLineRequest {Mug, 8, std::nullopt}});
        QVERIFY(!promised.isEmpty());
        QList<ProductUpsert> bad
            = {upsert(2, QStringLiteral("TEAPOT"), QStringLiteral("Teapot"), 3, {}),
               upsert(3, QStringLiteral("JUG"), QStringLiteral("Jug"), 2, QStringLiteral("Shop location")),
               upsert(4, Mug, QStringLiteral("Mug"), 5, Leeds),
               upsert(5, QStringLiteral("GHOST"), QString(), 4, Leeds)};
        bad[3].definesProduct = false;
        ProductUpsert stolenBarcode = upsert(6, QStringLiteral("CUP2"), QStringLiteral("Cup 2"), -1, {});
        stolenBarcode.gtin = BowlGtin;
        bad << stolenBarcode;
        before = fingerprint();
        const Result<ImportOutcome> refused = catalog.importProducts(
            QStringLiteral("/data/in/products.csv"), QStringLiteral("stockroom"), bad, York, {}, false);
        QVERIFY2(refused, qPrintable(refused.error().message));
        QVERIFY(!refused->applied());
        QCOMPARE(
            refused->problems,
            (QStringList {
                QStringLiteral(
                    "products.csv:3: location: unknown location \"Shop location\": map it to one of "
                    "our locations"),
                QStringLiteral("products.csv:4: on_hand: MUG at LEEDS: 5 on hand is less than the 8 reserved "
                               "for orders"),
                QStringLiteral("products.csv:5: sku: unknown SKU \"GHOST\": import the products first"),
                QStringLiteral("products.csv:6: gtin: barcode 036000291452 belongs to BOWL already")}));
        QCOMPARE(fingerprint(), before);
        // With the shop's location mapped and the bad rows gone, it goes in.
        const Result<ImportOutcome> mapped = catalog.importProducts(
            QStringLiteral("products.csv"), QStringLiteral("stockroom"), bad.mid(0, 2), York,
            {{QStringLiteral("Shop location"), Bristol}}, false);
        QVERIFY2(mapped && mapped->applied(),
                 mapped ? qPrintable(mapped->problems.join(QLatin1Char('\n'))) : "");
        QCOMPARE(level(QStringLiteral("JUG"), Bristol).onHand, 2);
    }

    void importFilesIntoTheDatabase()
    {
        // Shopify's real exports (shared/testdata): the products with opening stock at the location chosen,
        // then the inventory export, whose "Shop location" is mapped to ours.
        const QString shopify = QStringLiteral(STOCKROOM_TESTDATA "/shopify/");
        if (!QFile::exists(shopify + QStringLiteral("products_export_1.csv"))) {
            QFAIL("no shared/testdata/shopify/products_export_1.csv beside the checkout");
        }
        ProductImportRequest products;
        products.fileName = shopify + QStringLiteral("products_export_1.csv");
        products.defaultLocation = York;
        const Result<ProductImportReport> imported = ProductImporter::run(*m_context, products);
        QVERIFY2(imported, qPrintable(imported.error().message));
        QVERIFY2(imported->outcome.problems.isEmpty(), qPrintable(imported->outcome.problems.join(u'\n')));
        QCOMPARE(imported->format, ProductFileFormat::ShopifyProducts);
        QCOMPARE(imported->outcome.productsCreated, 95);
        const ProductRecord boot = product(QStringLiteral("otti-combat-boot-milky-35"));
        QCOMPARE(boot.name, QStringLiteral("Otti Combat Boot / Milky / 35"));
        QCOMPARE(boot.priceCents, 59500);
        QCOMPARE(level(boot.sku, York).onHand, 3);

        ProductImportRequest inventory;
        inventory.fileName = shopify + QStringLiteral("inventory_export_1.csv");
        QString before = fingerprint();
        const Result<ProductImportReport> unmapped = ProductImporter::run(*m_context, inventory);
        QVERIFY(unmapped);
        QVERIFY(!unmapped->outcome.problems.isEmpty());
        QVERIFY2(unmapped->outcome.problems.first().startsWith(
                     QLatin1String("inventory_export_1.csv:2: location: "
                                   "unknown location \"Shop location\"")),
                 qPrintable(unmapped->outcome.problems.first()));
        QCOMPARE(fingerprint(), before);
        inventory.locationMap.insert(QStringLiteral("Shop location"), York);
        const Result<ProductImportReport> counted = ProductImporter::run(*m_context, inventory);
        QVERIFY2(counted && counted->outcome.applied(),
                 counted ? qPrintable(counted->outcome.problems.join(u'\n'))
                         : qPrintable(counted.error().message));
        QCOMPARE(level(QStringLiteral("puff-large-latte"), York).onHand, 103);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM imports")), 2);

        // Malformed files: a precise message each, and the database as it was.
        QTemporaryDir dir;
        const QList<std::tuple<QByteArray, QByteArray, QString>> bad = {
            {"bad-number.csv", "sku,name,price\nA-1,Alpha,12.50\nA-2,Beta,12,5x\n",
             QStringLiteral("bad-number.csv:3: ")},
            {"bad-money.csv", "sku,name,price\nA-1,Alpha,12.5x\n",
             QStringLiteral("bad-money.csv:2: price: \"12.5x\" is not an amount of money")},
            {"duplicate.csv", "sku,name\nA-1,Alpha\nA-1,Alpha again\n",
             QStringLiteral("duplicate.csv:3: sku: SKU A-1 is already on line 2")},
            {"unknown-sku.csv", "sku,location,on_hand\nNOPE,LEEDS,4\n",
             QStringLiteral("unknown-sku.csv:2: sku: unknown SKU \"NOPE\": import the products first")},
            {"wrong-header.csv", "article;title;amount\nA-1;Alpha;3\n",
             QStringLiteral("wrong-header.csv:1: ")},
            {"empty.csv", "", QStringLiteral("empty.csv: the file is empty: no products")},
        };
        for (const auto &[name, content, expected] : bad) {
            QFile file(dir.filePath(QString::fromLatin1(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
            file.close();
            ProductImportRequest request;
            request.fileName = file.fileName();
            request.defaultLocation = Leeds;
            before = fingerprint();
            const Result<ProductImportReport> report = ProductImporter::run(*m_context, request);
            QVERIFY(report);
            QVERIFY2(!report->outcome.problems.isEmpty()
                         && report->outcome.problems.first().startsWith(expected),
                     qPrintable(QString::fromLatin1(name) + QStringLiteral(": ")
                                + report->outcome.problems.value(0, QStringLiteral("(no problem)"))));
            QVERIFY(!report->outcome.applied());
            QCOMPARE(fingerprint(), before);
        }
    }

    void bigFileWithOneBadRowChangesNothing()
    {
        // About 50 MB: every row reads well, one near the end names a location we do not have. The whole
        // file is checked against the database, the one problem is named, and nothing is written.
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("big.csv")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("sku,name,unit_cost,price,on_hand,location\n");
        const QByteArray filler(40, 'x');
        int line = 1;
        int badLine = 0;
        QByteArray chunk;
        while (file.size() + chunk.size() < 50'000'000) {
            ++line;
            const bool bad = badLine == 0 && file.size() > 49'000'000;
            if (bad) {
                badLine = line;
            }
            chunk += "BIG-" + QByteArray::number(line) + ",Big product " + QByteArray::number(line) + " "
                + filler + ",1.25,2.99," + QByteArray::number(line % 50) + "," + (bad ? "ATLANTIS" : "LEEDS")
                + "\n";
            if (chunk.size() > (1 << 20)) {
                file.write(chunk);
                chunk.clear();
            }
        }
        file.write(chunk);
        file.close();
        QVERIFY(badLine > 0);
        const QString before = fingerprint();
        ProductImportRequest request;
        request.fileName = file.fileName();
        const Result<ProductImportReport> report = ProductImporter::run(*m_context, request);
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(report->rowsRead, line - 1);
        QCOMPARE(report->outcome.problems,
                 QStringList {
                     QStringLiteral("big.csv:%1: location: unknown location \"ATLANTIS\": map it to one of "
                                    "our locations")
                         .arg(badLine)});
        QVERIFY(!report->outcome.applied());
        QCOMPARE(fingerprint(), before);
    }

    void productEditingChecksBarcodes()
    {
        CatalogService catalog(*m_context);
        ProductRecord record = product(Plate);
        record.gtin = QStringLiteral("4006381333932"); // wrong check digit
        QString before = fingerprint();
        expectRefusal(catalog.updateProduct(record), Error::Kind::Usage, QStringLiteral("not a GTIN"),
                      before);
        record.gtin = MugGtin;
        expectRefusal(catalog.updateProduct(record), Error::Kind::Business, QStringLiteral("belongs to MUG"),
                      before);
        record.gtin = QStringLiteral("96385074"); // GTIN-8
        record.name = QStringLiteral("Dinner plate");
        record.priceCents = 1299;
        const Result<ProductRecord> updated = catalog.updateProduct(record);
        QVERIFY2(updated, qPrintable(updated.error().message));
        QCOMPARE(product(Plate).name, QStringLiteral("Dinner plate"));
        QCOMPARE(product(Plate).gtin, QStringLiteral("96385074"));
        QCOMPARE(CatalogRepository(*m_db).productByGtin(QStringLiteral("00000096385074")).value()->sku,
                 Plate);
        // Two editors open the same product; the second to save is told who changed it first.
        const ProductRecord seenByAna = product(Plate);
        ProductRecord byBen = product(Plate);
        byBen.priceCents = 1399;
        tick();
        QVERIFY(CatalogService(as(QStringLiteral("Ben"))).updateProduct(byBen));
        ProductRecord byAna = seenByAna;
        byAna.unitCostCents = 450;
        const Result<ProductRecord> late = CatalogService(as(QStringLiteral("Ana"))).updateProduct(byAna);
        QVERIFY(!late);
        QCOMPARE(late.error().kind, Error::Kind::Stale);
        QVERIFY2(late.error().message.contains(QLatin1String("changed by Ben")),
                 qPrintable(late.error().message));
        QCOMPARE(product(Plate).priceCents, 1399);
        QCOMPARE(product(Plate).unitCostCents, 300);
        ProductRecord bad;
        bad.sku = QStringLiteral("NEW");
        bad.name = QStringLiteral("New");
        bad.gtin = QStringLiteral("123");
        QVERIFY(!catalog.addProduct(bad));
        bad.gtin = BowlGtin; // another product's barcode
        const Result<qint64> taken = catalog.addProduct(bad);
        QVERIFY(!taken);
        QVERIFY2(taken.error().message.contains(QLatin1String("belongs to BOWL")),
                 qPrintable(taken.error().message));
    }

    void ledgerPagesCarryBalances()
    {
        for (int i = 1; i <= 30; ++i) {
            QVERIFY(stock().receive(Bowl, i % 2 ? Leeds : Bristol, i));
            if (i % 3 == 0) {
                QVERIFY(stock().adjust(Bowl, Leeds, -1, QStringLiteral("breakage")));
            }
        }
        StockRepository repository(*m_db);
        const qint64 bowlId = product(Bowl).id;
        QList<LedgerEntry> all;
        qint64 before = 0;
        for (;;) {
            const QList<LedgerEntry> page = repository.ledger(bowlId, 0, before, 7).value();
            if (page.isEmpty()) {
                break;
            }
            all << page;
            before = page.last().id;
        }
        QCOMPARE(all.size(), 40);
        // Oldest first, the running sum per location must equal each row's on hand after it.
        QHash<qint64, int> running;
        for (auto it = all.crbegin(); it != all.crend(); ++it) {
            running[it->locationId] += it->deltaOnHand;
            QCOMPARE(it->onHandAfter, running.value(it->locationId));
        }
        const qint64 leedsId = CatalogRepository(*m_db).locationByCode(Leeds).value()->id;
        const QList<LedgerEntry> leedsOnly = repository.ledger(bowlId, leedsId, 0, 1000).value();
        QCOMPARE(leedsOnly.size(), 25);
        QCOMPARE(leedsOnly.first().onHandAfter, level(Bowl, Leeds).onHand);
    }

    void upgradeFromVersion2()
    {
        Test::ScratchDatabase legacy;
        STOCKROOM_REQUIRE(legacy);
        Result<std::unique_ptr<Database>> opened = Database::open(legacy.spec(), QStringLiteral("legacy2"));
        QVERIFY2(opened, qPrintable(opened.error().message));
        std::unique_ptr<Database> db = std::move(opened).value();
        QCOMPARE(Migrations::migrate(*db, 2).value(), 2);
        QVERIFY(db->write([&]() -> Status {
            return statusOf(db->execute(
                QStringLiteral("INSERT INTO products (sku, name, unit_cost_cents, created_at) "
                               "VALUES ('OLD', 'Old product', 1234, '2025-01-01T00:00:00.000Z')")));
        }));
        const Result<int> upgraded = Migrations::migrate(*db);
        QVERIFY2(upgraded, qPrintable(upgraded.error().message));
        QCOMPARE(*upgraded, Migrations::latestVersion() - 2);
        QCOMPARE(
            db->scalar(QStringLiteral("SELECT avg_cost_cents FROM products WHERE sku = 'OLD'"))->toLongLong(),
            1234);
        ServiceContext context {*db, Clock([this] { return m_now; }), QStringLiteral("tester")};
        QVERIFY(Test::seedCatalog(context, {{Leeds, 10}, {York, 20}}, {}));
        QVERIFY(StockService(context).receive(QStringLiteral("OLD"), Leeds, 3));
        const Result<Transfer> moved
            = TransferService(context).create(Leeds, York, {line(QStringLiteral("OLD"), 2)});
        QVERIFY2(moved, qPrintable(moved.error().message));
        QVERIFY(TransferService(context).request(moved->number));
        QVERIFY(TransferService(context).ship(moved->number));
        QCOMPARE(Test::violations(*db), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestInventoryOps)
#include "tst_inventoryops.moc"
