// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogservice.h"
#include "fulfilmentservice.h"
#include "migrations.h"
#include "orderservice.h"
#include "returnservice.h"
#include "stockservice.h"
#include "testsupport.h"
#include "trackingservice.h"

#include <QStandardPaths>
#include <QTest>

#include <algorithm>

using namespace Stockroom;

namespace {

const QString Mug = QStringLiteral("MUG");
const QString Plate = QStringLiteral("PLATE");
const QString Bowl = QStringLiteral("BOWL");
const QString Spoon = QStringLiteral("SPOON");
const QString Leeds = QStringLiteral("LEEDS");
const QString Bristol = QStringLiteral("BRISTOL");
const QString York = QStringLiteral("YORK");
const QString Paid = QStringLiteral("paid");

// Real numbers with right check digits (shared/testdata/tracking/tracking_and_gtin_examples.csv).
const QString MugGtin = QStringLiteral("4006381333931"); // EAN-13
const QString PlateGtin = QStringLiteral("6291041500213"); // EAN-13, GS1's own example
const QString BowlGtin = QStringLiteral("036000291452"); // UPC-A
const QString Ups1 = QStringLiteral("1Z5R89390357567127");
const QString Ups2 = QStringLiteral("1Z879E930346834440");
const QString Ups3 = QStringLiteral("1Z410E7W0392751591");
const QString Ups4 = QStringLiteral("1Z8V92A70367203024");

/** A placement request, field by field (designated initialisers would leave the others unnamed). */
struct NewOrder
{
    PlaceOrderRequest request;
    NewOrder &channel(const QString &value)
    {
        request.channel = value;
        return *this;
    }
    NewOrder &externalId(const QString &value)
    {
        request.externalId = value;
        return *this;
    }
    NewOrder &customer(const QString &value)
    {
        request.customerName = value;
        return *this;
    }
    NewOrder &email(const QString &value)
    {
        request.customerEmail = value;
        return *this;
    }
    NewOrder &payment(const QString &value)
    {
        request.paymentStatus = value;
        return *this;
    }
};

NewOrder newOrder(const QList<OrderLineRequest> &lines)
{
    NewOrder order;
    order.request.lines = lines;
    return order;
}

/** An order list filter, field by field. */
struct Filter
{
    OrderFilter filter;
    Filter &status(const QString &value)
    {
        filter.status = value;
        return *this;
    }
    Filter &payment(const QString &value)
    {
        filter.paymentStatus = value;
        return *this;
    }
    Filter &channel(const QString &value)
    {
        filter.channel = value;
        return *this;
    }
    Filter &location(qint64 value)
    {
        filter.locationId = value;
        return *this;
    }
    Filter &from(const QString &value)
    {
        filter.placedFrom = value;
        return *this;
    }
    Filter &before(const QString &value)
    {
        filter.placedBefore = value;
        return *this;
    }
    Filter &search(const QString &value)
    {
        filter.search = value;
        return *this;
    }
    operator OrderFilter() const { return filter; }
};

QList<qint64> idsOf(const QList<OrderHeader> &orders)
{
    QList<qint64> ids;
    for (const OrderHeader &order : orders) {
        ids << order.id;
    }
    return ids;
}

QStringList kindsOf(const QList<OrderEvent> &events)
{
    QStringList kinds;
    for (const OrderEvent &event : events) {
        kinds << event.kind;
    }
    return kinds;
}

} // namespace

/**
 * Refuses and changes nothing: the call fails with a message containing `text`, and the order (status,
 * payment, version, history, packing, shipments, returns) and the ledger are exactly as before.
 */
#define STOCKROOM_REFUSED(number, call, text)                                                                \
    do {                                                                                                     \
        const QString before_ = snapshot(number);                                                            \
        const auto refused_ = (call);                                                                        \
        QVERIFY2(!refused_, "accepted: " #call);                                                             \
        QVERIFY2(refused_.error().message.contains(QString::fromUtf8(text)),                                 \
                 qPrintable(refused_.error().message));                                                      \
        QCOMPARE(snapshot(number), before_);                                                                 \
    } while (false)

/**
 * The life of an order after placement, through the real services on a real engine: payment, holds,
 * release, packing by scanning, shipping, tracking, returns, backorders filled by arrivals, per-channel and
 * per-customer rules, the order list's filters and search, and an upgrade from schema version 1.
 * After every slot the ledger invariants hold.
 */
class TestLifecycle : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ServiceContext> m_context;
    std::vector<std::unique_ptr<ServiceContext>> m_desks;
    QDateTime m_now = QDateTime(QDate(2026, 3, 2), QTime(9, 0), QTimeZone::utc());

    void tick(int minutes = 1) { m_now = m_now.addSecs(60 * minutes); }

    /** Another clerk at another desk, on the same database and clock. */
    ServiceContext &as(const QString &user)
    {
        m_desks.emplace_back(new ServiceContext {*m_db, Clock([this] { return m_now; }), user});
        return *m_desks.back();
    }

    FulfilmentService fulfilment() { return FulfilmentService(*m_context); }
    OrderService orders() { return OrderService(*m_context); }
    ReturnService returns() { return ReturnService(*m_context); }
    TrackingService tracking() { return TrackingService(*m_context); }
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

    OrderHeader header(const QString &number)
    {
        return OrderRepository(*m_db).findByNumber(number).value().value_or(OrderHeader {});
    }

    int backordered(const QString &number)
    {
        return int(scalar(QStringLiteral("SELECT coalesce(sum(qty_backordered), 0) FROM order_lines "
                                         "WHERE order_id = ?"),
                          {header(number).id}));
    }

    /** Where an order's open allocations are: "BRISTOL:2, LEEDS:1". */
    QString allocatedAt(const QString &number)
    {
        QStringList where;
        const QList<AllocationRecord> allocations
            = OrderRepository(*m_db).openAllocations(header(number).id).value();
        for (const AllocationRecord &a : allocations) {
            where << QStringLiteral("%1:%2").arg(a.locationCode).arg(a.qty);
        }
        where.sort();
        return where.join(QStringLiteral(", "));
    }

    QList<OrderEvent> history(const QString &number) { return fulfilment().detail(number).value().history; }

    /** Everything a refused action must leave as it was, in one line that a failed QCOMPARE shows. */
    QString snapshot(const QString &number)
    {
        const OrderHeader h = header(number);
        QStringList returnStates;
        const Rows rows
            = m_db->select(QStringLiteral("SELECT status FROM returns WHERE order_id = ? ORDER BY id"),
                           {h.id})
                  .value();
        for (const Row &row : rows) {
            returnStates << row.value(0).toString();
        }
        return QStringList {
            QStringLiteral("status=") + h.status,
            QStringLiteral("payment=") + h.paymentStatus,
            QStringLiteral("version=%1").arg(h.version),
            QStringLiteral("paid=%1 refunded=%2").arg(h.paidCents).arg(h.refundedCents),
            QStringLiteral("hold=") + h.holdReason,
            QStringLiteral("events=%1")
                .arg(scalar(QStringLiteral("SELECT count(*) FROM order_events WHERE order_id = ?"), {h.id})),
            QStringLiteral("backordered=%1").arg(backordered(number)),
            QStringLiteral("allocated=") + allocatedAt(number),
            QStringLiteral("packed=%1")
                .arg(
                    scalar(QStringLiteral(
                               "SELECT coalesce(sum(a.qty_packed), 0) FROM allocations a JOIN order_lines ol "
                               "ON ol.id = a.order_line_id WHERE ol.order_id = ?"),
                           {h.id})),
            QStringLiteral("shipped=%1 returned=%2")
                .arg(scalar(QStringLiteral("SELECT coalesce(sum(qty_shipped), 0) FROM order_lines "
                                           "WHERE order_id = ?"),
                            {h.id}))
                .arg(scalar(QStringLiteral("SELECT coalesce(sum(qty_returned), 0) FROM order_lines "
                                           "WHERE order_id = ?"),
                            {h.id})),
            QStringLiteral("shipments=%1")
                .arg(scalar(QStringLiteral("SELECT count(*) FROM shipments WHERE order_id = ?"), {h.id})),
            QStringLiteral("returns=") + returnStates.join(u','),
            QStringLiteral("dispositions=%1")
                .arg(scalar(QStringLiteral("SELECT count(*) FROM return_dispositions"))),
            QStringLiteral("tracking=%1").arg(scalar(QStringLiteral("SELECT count(*) FROM tracking_events"))),
            QStringLiteral("movements=%1")
                .arg(scalar(QStringLiteral("SELECT count(*) FROM stock_movements"))),
        }
            .join(u' ');
    }

    PlacedOrder place(const NewOrder &order) { return place(order.request); }
    PlacedOrder place(const PlaceOrderRequest &request)
    {
        const Result<PlacedOrder> placed = orders().place(request);
        if (!placed) {
            qWarning("place failed: %s", qPrintable(placed.error().message));
            return {};
        }
        return *placed;
    }

    /** An order paid up front, shipped from wherever it was allocated. */
    QString placeAndShip(const QList<OrderLineRequest> &lines, const QString &trackingNumber = {})
    {
        const PlacedOrder placed = place(newOrder(lines).payment(Paid));
        const Result<ShipResult> shipped
            = orders().ship(placed.number, {QStringLiteral("UPS"), {}, trackingNumber, 0});
        if (!shipped) {
            qWarning("ship failed: %s", qPrintable(shipped.error().message));
            return {};
        }
        return placed.number;
    }

    TrackingEventInput event(const QString &trackingNumber, const QString &status, const QString &at,
                             const QString &place = {})
    {
        TrackingEventInput input;
        input.trackingNumber = trackingNumber;
        input.status = status;
        input.occurredAt = at;
        input.place = place;
        return input;
    }

    ReturnDisposition restock(const QString &sku, int qty, const QString &location)
    {
        return {ReturnDisposition::Kind::Restock, sku, qty, location, {}};
    }

    ReturnDisposition writeOff(const QString &sku, int qty, const QString &reason)
    {
        return {ReturnDisposition::Kind::WriteOff, sku, qty, {}, reason};
    }

    qint64 movements(const QString &reason, const QString &note)
    {
        return scalar(QStringLiteral("SELECT count(*) FROM stock_movements WHERE reason = ? AND note = ?"),
                      {reason, note});
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
        for (const auto &[sku, gtin, price] :
             {std::tuple {Mug, MugGtin, 1000}, std::tuple {Plate, PlateGtin, 1500},
              std::tuple {Bowl, BowlGtin, 800}, std::tuple {Spoon, QString(), 200}}) {
            ProductRecord product;
            product.sku = sku;
            product.name = QStringLiteral("Product ") + sku;
            product.gtin = gtin;
            product.priceCents = price;
            QVERIFY(catalog.addProduct(product));
        }
        QVERIFY(stock().receive(Mug, Leeds, 5));
        QVERIFY(stock().receive(Plate, Leeds, 4));
        QVERIFY(stock().receive(Mug, Bristol, 5));
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

    void happyPath()
    {
        const PlacedOrder placed = place(newOrder({{Mug, 2, {}}, {Plate, 1, {}}})
                                             .customer(QStringLiteral("Anna Smith"))
                                             .email(QStringLiteral("anna@example.com")));
        const QString number = placed.number;
        QCOMPARE(placed.status, QStringLiteral("allocated"));
        QCOMPARE(allocatedAt(number), QStringLiteral("LEEDS:1, LEEDS:2"));
        QCOMPARE(header(number).paymentStatus, QStringLiteral("pending"));
        QCOMPARE(header(number).totalCents, qint64(3500));

        // Goods leave only when paid: not even released for picking before.
        STOCKROOM_REFUSED(number, fulfilment().release(number), "is not paid (pending)");

        tick();
        const Result<OrderHeader> paid = FulfilmentService(as(QStringLiteral("Priya"))).pay(number);
        QVERIFY2(paid, qPrintable(paid.error().message));
        QCOMPARE(paid->paymentStatus, Paid);
        QCOMPARE(paid->paidCents, qint64(3500));

        tick();
        const Result<OrderHeader> released = fulfilment().release(number);
        QVERIFY2(released, qPrintable(released.error().message));
        QCOMPARE(released->status, QStringLiteral("picking"));
        const Result<PickListRows> pick = fulfilment().pickList(Leeds);
        QVERIFY(pick);
        QCOMPARE(pick->orders, 1);
        QCOMPARE(pick->rows.size(), 2);

        // Packing by scanning, as Sam at the packing bench: SKUs in any case and GTINs in any length.
        tick();
        FulfilmentService bench(as(QStringLiteral("Sam")));
        STOCKROOM_REFUSED(number, bench.scan(number, Bowl), "Wrong item: BOWL is not in order");
        STOCKROOM_REFUSED(number, bench.scan(number, BowlGtin), "Wrong item");
        Result<PackProgress> progress = bench.scan(number, MugGtin);
        QVERIFY2(progress, qPrintable(progress.error().message));
        QCOMPARE(progress->status, QStringLiteral("picking"));
        QCOMPARE(progress->scannedSku, Mug);
        QCOMPARE(progress->lines.size(), 2);
        QCOMPARE(progress->lines.at(0).sku, Mug);
        QCOMPARE(progress->lines.at(0).packed, 1);
        QCOMPARE(progress->lines.at(0).toPack, 2);
        QVERIFY(!progress->complete());
        progress = bench.scan(number, QStringLiteral(" mug "));
        QVERIFY2(progress, qPrintable(progress.error().message));
        QCOMPARE(progress->lines.at(0).packed, 2);
        STOCKROOM_REFUSED(number, bench.scan(number, Mug), "Too many: all 2 × MUG of order");
        progress = bench.scan(number, QStringLiteral("0") + PlateGtin); // the same GTIN as 14 digits
        QVERIFY2(progress, qPrintable(progress.error().message));
        QVERIFY(progress->complete());
        QCOMPARE(progress->status, QStringLiteral("packed"));
        QCOMPARE(header(number).status, QStringLiteral("packed"));
        STOCKROOM_REFUSED(number, bench.scan(number, Plate), "Too many: order");
        QCOMPARE(fulfilment().pickList(Leeds)->rows.size(), 0);

        tick();
        const Result<ShipResult> shipped = orders().ship(number,
                                                         {QStringLiteral("UPS"), QStringLiteral("Standard"),
                                                          QStringLiteral(" 1z5r 8939 0357 5671 27"), 900});
        QVERIFY2(shipped, qPrintable(shipped.error().message));
        QCOMPARE(shipped->status, QStringLiteral("shipped"));
        QCOMPARE(shipped->warnings, QStringList());
        QCOMPARE(shipped->shipments.size(), 1);
        QCOMPARE(shipped->shipments.first().locationCode, Leeds);
        QCOMPARE(shipped->shipments.first().units, 3);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shipments WHERE tracking_number = ?"), {Ups1}),
                 1);
        QCOMPARE(level(Mug, Leeds).onHand, 3);
        QCOMPARE(level(Mug, Leeds).reserved, 0);
        QCOMPARE(level(Plate, Leeds).onHand, 3);

        tick();
        TrackingService carrier(as(QStringLiteral("carrier")));
        Result<TrackingOutcome> outcome
            = carrier.add(event(Ups1, QStringLiteral("Picked up"), m_now.toString(Qt::ISODate), Leeds));
        QVERIFY2(outcome, qPrintable(outcome.error().message));
        QVERIFY(outcome->added);
        QCOMPARE(outcome->shipmentStatus, QStringLiteral("in_transit"));
        QCOMPARE(outcome->orderStatus, QStringLiteral("shipped"));
        tick(60);
        outcome = carrier.add(event(Ups1, QStringLiteral("Delivered"), m_now.toString(Qt::ISODate), York));
        QVERIFY2(outcome, qPrintable(outcome.error().message));
        QCOMPARE(outcome->shipmentStatus, QStringLiteral("delivered"));
        QCOMPARE(outcome->orderStatus, QStringLiteral("delivered"));

        const Result<OrderDetail> detail = fulfilment().detail(number);
        QVERIFY(detail);
        QCOMPARE(detail->header.status, QStringLiteral("delivered"));
        QCOMPARE(detail->header.paymentStatus, Paid);
        QCOMPARE(detail->shipments.size(), 1);
        QCOMPARE(detail->shipments.first().status, QStringLiteral("delivered"));
        QVERIFY(!detail->shipments.first().deliveredAt.isEmpty());
        QCOMPARE(detail->tracking.size(), 2);
        QCOMPARE(
            kindsOf(detail->history),
            (QStringList {QStringLiteral("placed"), QStringLiteral("payment"), QStringLiteral("released"),
                          QStringLiteral("packed"), QStringLiteral("shipped"), QStringLiteral("tracking"),
                          QStringLiteral("tracking"), QStringLiteral("delivered")}));
        QStringList users;
        for (const OrderEvent &e : detail->history) {
            users << e.userName;
        }
        QCOMPARE(users,
                 (QStringList {QStringLiteral("tester"), QStringLiteral("Priya"), QStringLiteral("tester"),
                               QStringLiteral("Sam"), QStringLiteral("tester"), QStringLiteral("carrier"),
                               QStringLiteral("carrier"), QStringLiteral("carrier")}));
        for (qsizetype i = 1; i < detail->history.size(); ++i) {
            QVERIFY(detail->history.at(i - 1).at <= detail->history.at(i).at);
        }
        QCOMPARE(detail->history.at(1).amountCents, qint64(3500));
        QVERIFY2(detail->history.at(2).detail.contains(Leeds), qPrintable(detail->history.at(2).detail));
        QVERIFY2(detail->history.at(4).detail.contains(Ups1), qPrintable(detail->history.at(4).detail));
        QCOMPARE(detail->header.updatedBy, QStringLiteral("carrier"));
    }

    void illegalTransitionsAreRefused()
    {
        // A: paid and shipped; nothing but delivery and refunds may happen to it.
        const QString a = placeAndShip({{Mug, 1, {}}});
        QCOMPARE(header(a).status, QStringLiteral("shipped"));
        STOCKROOM_REFUSED(a, fulfilment().hold(a, QStringLiteral("fraud check")),
                          "is shipped: it cannot be put on hold");
        STOCKROOM_REFUSED(a, fulfilment().unhold(a), "is shipped, not on hold");
        STOCKROOM_REFUSED(a, orders().cancel(a), "is shipped: it cannot be cancelled");
        STOCKROOM_REFUSED(a, fulfilment().release(a), "is shipped: it cannot be released for picking");
        STOCKROOM_REFUSED(a, orders().ship(a), "is shipped: it cannot be shipped");
        STOCKROOM_REFUSED(a, fulfilment().scan(a, Mug), "release it for picking before packing");
        STOCKROOM_REFUSED(a, fulfilment().voidPayment(a), "is paid: it cannot be voided");
        STOCKROOM_REFUSED(a, fulfilment().pay(a), "is paid: it cannot be paid");
        STOCKROOM_REFUSED(a, fulfilment().authorize(a), "is paid: it cannot be authorized");
        STOCKROOM_REFUSED(a, fulfilment().refund(a, 5000, {}), "at most 10.00 can be refunded, not 50.00");
        STOCKROOM_REFUSED(a, fulfilment().refund(a, 0, {}), "must be more than 0.00");

        // B: allocated, pending: authorize once, hold, and what a hold stops.
        const QString b = place(newOrder({{Mug, 1, {}}})).number;
        QVERIFY(fulfilment().authorize(b));
        STOCKROOM_REFUSED(b, fulfilment().authorize(b), "is authorized: it cannot be authorized");
        STOCKROOM_REFUSED(b, fulfilment().refund(b, 100, {}), "is authorized: it cannot be refunded");
        STOCKROOM_REFUSED(b, returns().create(b, {{Mug, 1, {}}}),
                          "Only 0 × MUG of order SO-000002 shipped and 0 are returned already");
        STOCKROOM_REFUSED(b, fulfilment().unhold(b), "is allocated, not on hold");
        STOCKROOM_REFUSED(b, fulfilment().hold(b, QStringLiteral("  ")), "A hold needs a reason");
        const Result<OrderHeader> held = fulfilment().hold(b, QStringLiteral("address check"));
        QVERIFY2(held, qPrintable(held.error().message));
        QCOMPARE(held->status, QStringLiteral("on_hold"));
        QCOMPARE(held->holdReason, QStringLiteral("address check"));
        QCOMPARE(allocatedAt(b), QStringLiteral("LEEDS:1")); // a hold keeps the reservation
        STOCKROOM_REFUSED(b, fulfilment().hold(b, QStringLiteral("again")),
                          "is on hold: it cannot be put on hold");
        QVERIFY(fulfilment().pay(b)); // payment goes on while the goods wait
        STOCKROOM_REFUSED(b, orders().ship(b), "is on hold: it cannot be shipped");
        STOCKROOM_REFUSED(b, fulfilment().release(b), "is on hold: it cannot be released for picking");
        STOCKROOM_REFUSED(b, fulfilment().scan(b, Mug), "release it for picking before packing");
        const Result<OrderHeader> unheld = fulfilment().unhold(b);
        QVERIFY2(unheld, qPrintable(unheld.error().message));
        QCOMPARE(unheld->status, QStringLiteral("allocated"));
        QCOMPARE(unheld->holdReason, QString());
        STOCKROOM_REFUSED(b, fulfilment().voidPayment(b), "is paid: it cannot be voided");

        // C: pending, voided; nothing can be paid or released any more.
        const QString c = place(newOrder({{Mug, 1, {}}})).number;
        QVERIFY(fulfilment().voidPayment(c));
        STOCKROOM_REFUSED(c, fulfilment().pay(c), "is voided: it cannot be paid");
        STOCKROOM_REFUSED(c, fulfilment().authorize(c), "is voided: it cannot be authorized");
        STOCKROOM_REFUSED(c, fulfilment().release(c), "is not paid (voided)");
        STOCKROOM_REFUSED(c, orders().ship(c), "is not paid (voided)");

        // D: backordered with nothing allocated.
        const QString d = place(newOrder({{Bowl, 2, {}}}).payment(Paid)).number;
        QCOMPARE(header(d).status, QStringLiteral("backordered"));
        STOCKROOM_REFUSED(d, fulfilment().release(d), "is backordered: it cannot be released for picking");
        STOCKROOM_REFUSED(d, orders().ship(d), "has nothing allocated to ship yet");

        // E: backordered with part allocated, on hold: a hold stops a split shipment too.
        const QString e = place(newOrder({{Plate, 6, {}}}).payment(Paid)).number;
        QCOMPARE(header(e).status, QStringLiteral("backordered"));
        QCOMPARE(allocatedAt(e), QStringLiteral("LEEDS:4"));
        QVERIFY(fulfilment().hold(e, QStringLiteral("customer asked to wait")));
        STOCKROOM_REFUSED(e, orders().ship(e), "is on hold: it cannot be shipped");
        STOCKROOM_REFUSED(e, fulfilment().release(e), "is on hold: it cannot be released for picking");
        QCOMPARE(fulfilment().unhold(e)->status, QStringLiteral("backordered"));

        // F: returns: never more than shipped, and a refunded return is closed.
        const QString f = placeAndShip({{Mug, 2, {}}});
        const Result<ReturnSummary> rma = returns().create(f, {{Mug, 2, QStringLiteral("too big")}});
        QVERIFY2(rma, qPrintable(rma.error().message));
        const QString rmaNumber = rma->header.number;
        STOCKROOM_REFUSED(f, returns().create(f, {{Mug, 1, {}}}),
                          "Only 2 × MUG of order SO-000006 shipped and 2 are returned already: 1 more cannot "
                          "come back.");
        STOCKROOM_REFUSED(f, returns().refund(rmaNumber), "is requested: it cannot be refunded");
        QVERIFY(returns().receive(rmaNumber, {restock(Mug, 2, Leeds)}));
        QCOMPARE(returns().get(rmaNumber)->header.status, QStringLiteral("completed"));
        QVERIFY(returns().refund(rmaNumber));
        QCOMPARE(header(f).paymentStatus, QStringLiteral("refunded"));
        STOCKROOM_REFUSED(f, returns().receive(rmaNumber, {restock(Mug, 1, Leeds)}),
                          "is refunded: it cannot be received");
        STOCKROOM_REFUSED(f, returns().refund(rmaNumber), "is refunded: it cannot be refunded");
        STOCKROOM_REFUSED(f, fulfilment().refund(f, 1, {}), "is refunded: it cannot be refunded");
        STOCKROOM_REFUSED(f, returns().receive(QStringLiteral("RMA-99"), {restock(Mug, 1, Leeds)}),
                          "There is no return RMA-000099");
        STOCKROOM_REFUSED(f, orders().cancel(f), "is shipped: it cannot be cancelled");

        // Cancelled is final.
        const QString g = place(newOrder({{Mug, 1, {}}})).number;
        QVERIFY(orders().cancel(g));
        STOCKROOM_REFUSED(g, fulfilment().hold(g, QStringLiteral("x")),
                          "is cancelled: it cannot be put on hold");
        STOCKROOM_REFUSED(g, fulfilment().release(g), "is cancelled: it cannot be released for picking");
        STOCKROOM_REFUSED(g, orders().ship(g), "is cancelled: it cannot be shipped");
        STOCKROOM_REFUSED(g, orders().cancel(g), "is cancelled: it cannot be cancelled");

        // A clerk working from an old version is told who changed it.
        const QString h = place(newOrder({{Mug, 1, {}}})).number;
        const int version = header(h).version;
        QVERIFY(FulfilmentService(as(QStringLiteral("Priya"))).pay(h, {}, version));
        STOCKROOM_REFUSED(h, fulfilment().hold(h, QStringLiteral("check"), version), "changed by Priya");
    }

    void payLater()
    {
        // A channel that pays later (a wholesale account on invoice) releases and ships unpaid.
        QVERIFY(fulfilment().setChannelRules(QStringLiteral("b2b"), {true, {}}));
        const QString b2b = place(newOrder({{Mug, 1, {}}}).channel(QStringLiteral("b2b"))).number;
        const Result<OrderHeader> released = fulfilment().release(b2b);
        QVERIFY2(released, qPrintable(released.error().message));
        QVERIFY2(history(b2b).last().detail.contains(QLatin1String("(pays later)")),
                 qPrintable(history(b2b).last().detail));
        QVERIFY(fulfilment().scan(b2b, Mug));
        const Result<ShipResult> shipped = orders().ship(b2b, {QStringLiteral("UPS"), {}, Ups1, 0});
        QVERIFY2(shipped, qPrintable(shipped.error().message));
        QCOMPARE(header(b2b).status, QStringLiteral("shipped"));
        QCOMPARE(header(b2b).paymentStatus, QStringLiteral("pending"));
        QVERIFY(fulfilment().detail(b2b)->rules.payLater);

        // A customer who pays later, on a channel that does not.
        const QString acme = place(newOrder({{Mug, 1, {}}}).customer(QStringLiteral("Acme Ltd"))).number;
        STOCKROOM_REFUSED(acme, fulfilment().release(acme), "is not paid (pending)");
        STOCKROOM_REFUSED(acme, orders().ship(acme), "is not paid (pending)");
        QVERIFY(fulfilment().setCustomerRules(QStringLiteral("Acme Ltd"), {true, {}}));
        QVERIFY(fulfilment().release(acme));
        QVERIFY(orders().ship(acme));
        QCOMPARE(header(acme).status, QStringLiteral("shipped"));
        QCOMPARE(header(acme).paymentStatus, QStringLiteral("pending"));

        // Anybody else still pays first.
        const QString other = place(newOrder({{Mug, 1, {}}}).customer(QStringLiteral("Bob"))).number;
        STOCKROOM_REFUSED(other, fulfilment().release(other), "is not paid (pending)");

        const Status nobody = fulfilment().setCustomerRules(QStringLiteral("Nobody"), {true, {}});
        QVERIFY(!nobody);
        QVERIFY2(nobody.error().message.contains(QLatin1String("There is no customer")),
                 qPrintable(nobody.error().message));
        const Status paris
            = fulfilment().setChannelRules(QStringLiteral("b2b"), {true, {QStringLiteral("PARIS")}});
        QVERIFY(!paris);
        QVERIFY2(paris.error().message.contains(QLatin1String("Unknown location \"PARIS\"")),
                 qPrintable(paris.error().message));
    }

    void shipFromRules()
    {
        QVERIFY(fulfilment().setChannelRules(QStringLiteral("wholesale"), {false, {Bristol}}));
        // LEEDS comes first by priority and has the mugs, but wholesale ships only from BRISTOL.
        const PlacedOrder mugs
            = place(newOrder({{Mug, 2, {}}}).channel(QStringLiteral("wholesale")).payment(Paid));
        QCOMPARE(mugs.status, QStringLiteral("allocated"));
        QCOMPARE(allocatedAt(mugs.number), QStringLiteral("BRISTOL:2"));
        QVERIFY2(mugs.explanation.startsWith(QLatin1String("wholesale ships only from BRISTOL; ")),
                 qPrintable(mugs.explanation));
        QCOMPARE(level(Mug, Leeds).reserved, 0);

        // Plates are only at LEEDS: the wholesale order waits although LEEDS has four.
        const PlacedOrder plates
            = place(newOrder({{Plate, 1, {}}}).channel(QStringLiteral("wholesale")).payment(Paid));
        QCOMPARE(plates.status, QStringLiteral("backordered"));
        QVERIFY2(plates.explanation.contains(QLatin1String("wholesale ships only from BRISTOL")),
                 qPrintable(plates.explanation));
        QCOMPARE(level(Plate, Leeds).reserved, 0);
        QCOMPARE(header(plates.number).routingExplanation, plates.explanation);

        // Arrivals respect the rule: plates at LEEDS do not fill it, plates at BRISTOL do.
        QCOMPARE(stock().receive(Plate, Leeds, 2)->reserved, 0);
        QCOMPARE(header(plates.number).status, QStringLiteral("backordered"));
        QCOMPARE(stock().receive(Plate, Bristol, 1)->reserved, 1);
        QCOMPARE(header(plates.number).status, QStringLiteral("allocated"));
        QCOMPARE(allocatedAt(plates.number), QStringLiteral("BRISTOL:1"));

        // A customer's rule and the channel's combine: both must allow a location.
        QVERIFY(fulfilment().setChannelRules(QStringLiteral("wholesale"), {false, {Bristol, York}}));
        const PlacedOrder first = place(newOrder({{Mug, 1, {}}})
                                            .channel(QStringLiteral("wholesale"))
                                            .customer(QStringLiteral("Dora"))
                                            .payment(Paid));
        QCOMPARE(allocatedAt(first.number), QStringLiteral("BRISTOL:1"));
        QVERIFY(fulfilment().setCustomerRules(QStringLiteral("Dora"), {false, {York, Leeds}}));
        const PlacedOrder both = place(newOrder({{Mug, 1, {}}})
                                           .channel(QStringLiteral("wholesale"))
                                           .customer(QStringLiteral("Dora"))
                                           .payment(Paid));
        QCOMPARE(both.status, QStringLiteral("backordered")); // only YORK is left, and it has no mugs
        QVERIFY2(both.explanation.startsWith(QLatin1String("Dora ships only from YORK; ")),
                 qPrintable(both.explanation));
        const PlacedOrder customerOnly
            = place(newOrder({{Mug, 1, {}}}).customer(QStringLiteral("Dora")).payment(Paid));
        QCOMPARE(allocatedAt(customerOnly.number), QStringLiteral("LEEDS:1"));
        QVERIFY2(customerOnly.explanation.startsWith(QLatin1String("Dora ships only from YORK, LEEDS; ")),
                 qPrintable(customerOnly.explanation));

        QCOMPARE(stock().receive(Mug, Leeds, 3)->reserved, 1); // customerOnly's mug, nothing new
        QCOMPARE(stock().receive(Mug, Bristol, 3)->reserved, 3); // mugs + first, nothing new
        QCOMPARE(header(both.number).status, QStringLiteral("backordered"));
        QCOMPARE(stock().receive(Mug, York, 1)->reserved, 1);
        QCOMPARE(header(both.number).status, QStringLiteral("allocated"));
        QCOMPARE(allocatedAt(both.number), QStringLiteral("YORK:1"));

        // Rules that exclude each other leave no location: the order waits, visibly.
        QVERIFY(place(newOrder({{Mug, 1, {}}}).customer(QStringLiteral("Carl"))).status
                == QLatin1String("allocated"));
        QVERIFY(fulfilment().setCustomerRules(QStringLiteral("Carl"), {false, {Leeds}}));
        const PlacedOrder nowhere = place(newOrder({{Mug, 1, {}}})
                                              .channel(QStringLiteral("wholesale"))
                                              .customer(QStringLiteral("Carl"))
                                              .payment(Paid));
        QCOMPARE(nowhere.status, QStringLiteral("backordered"));
        QVERIFY(stock().receive(Mug, Leeds, 1));
        QVERIFY(stock().receive(Mug, Bristol, 1));
        QVERIFY(stock().receive(Mug, York, 1));
        QCOMPARE(header(nowhere.number).status, QStringLiteral("backordered"));
        QCOMPARE(fulfilment().detail(nowhere.number)->rules.shipFrom, QStringList {QStringLiteral("-")});
    }

    void backordersFillFirstComeFirstServed()
    {
        // Ids and placement times need not agree (two desktops, one sequence): the older order is the one
        // placed first, not the one with the smaller number.
        const QDateTime start = m_now;
        m_now = start.addSecs(300);
        const QString newer = place(newOrder({{Bowl, 2, {}}}).payment(Paid)).number;
        m_now = start;
        const QString older = place(newOrder({{Bowl, 3, {}}}).payment(Paid)).number;
        QVERIFY(header(newer).id < header(older).id);
        QCOMPARE(header(older).status, QStringLiteral("backordered"));
        QCOMPARE(header(newer).status, QStringLiteral("backordered"));
        m_now = start.addSecs(3600);
        const int olderVersion = header(older).version;

        // A receipt: the older order takes both units and still waits for one.
        const Result<StockLevelRow> received = stock().receive(Bowl, Leeds, 2, QStringLiteral("PO-7"));
        QVERIFY2(received, qPrintable(received.error().message));
        QCOMPARE(received->onHand, 2);
        QCOMPARE(received->reserved, 2); // filled in the receipt's own transaction
        QCOMPARE(header(older).status, QStringLiteral("backordered"));
        QCOMPARE(backordered(older), 1);
        QCOMPARE(allocatedAt(older), QStringLiteral("LEEDS:2"));
        QCOMPARE(backordered(newer), 2);
        QCOMPARE(allocatedAt(newer), QString());
        QCOMPARE(header(older).version, olderVersion + 1);
        QCOMPARE(
            scalar(QStringLiteral("SELECT count(*) FROM stock_movements WHERE reason = 'reserve' AND note = "
                                  "'backorder filled' AND ref_type = 'order' AND ref_id = ? "
                                  "AND delta_reserved = 2 AND created_at = ?"),
                   {header(older).id, toStoredTime(m_now)}),
            1);

        // Another receipt elsewhere: the older one is complete, the newer gets the rest.
        tick();
        const Result<StockLevelRow> more = stock().receive(Bowl, Bristol, 2);
        QCOMPARE(more->reserved, 2);
        QCOMPARE(header(older).status, QStringLiteral("allocated"));
        QCOMPARE(allocatedAt(older), QStringLiteral("BRISTOL:1, LEEDS:2"));
        QCOMPARE(header(newer).status, QStringLiteral("backordered"));
        QCOMPARE(backordered(newer), 1);

        // A count that finds one more (adjust up) fills too.
        tick();
        const Result<StockLevelRow> found
            = stock().adjust(Bowl, Leeds, 1, QStringLiteral("found behind the shelf"));
        QVERIFY2(found, qPrintable(found.error().message));
        QCOMPARE(found->onHand, 3);
        QCOMPARE(found->reserved, 3);
        QCOMPARE(header(newer).status, QStringLiteral("allocated"));
        QCOMPARE(allocatedAt(newer), QStringLiteral("BRISTOL:1, LEEDS:1"));
        QCOMPARE(movements(QStringLiteral("reserve"), QStringLiteral("backorder filled")), 4);

        // Nobody waits any more: an arrival stays available.
        QCOMPARE(stock().receive(Bowl, York, 2)->reserved, 0);
        // An adjustment down fills nothing and takes nothing reserved.
        QVERIFY(!stock().adjust(Bowl, Leeds, -1, QStringLiteral("broken")));

        // The history tells the clerk what happened and when.
        QStringList filled;
        for (const OrderEvent &e : history(older)) {
            if (e.kind == QLatin1String("allocated")) {
                filled << e.detail;
            }
        }
        QCOMPARE(filled.size(), 2);
        QVERIFY2(filled.first().contains(QString::fromUtf8("2 × BOWL allocated at LEEDS")),
                 qPrintable(filled.first()));
        QVERIFY2(filled.first().contains(QLatin1String("backorder filled")), qPrintable(filled.first()));
        // And the filled orders can go.
        QVERIFY(orders().ship(older));
        QVERIFY(orders().ship(newer));
    }

    void backorderFilledByRestockedReturn()
    {
        QVERIFY(stock().receive(Spoon, Leeds, 1));
        const QString sold = placeAndShip({{Spoon, 1, {}}});
        QVERIFY(!sold.isEmpty());
        tick();
        const QString waiting = place(newOrder({{Spoon, 1, {}}}).payment(Paid)).number;
        QCOMPARE(header(waiting).status, QStringLiteral("backordered"));

        const Result<ReturnSummary> rma = returns().create(sold, {{Spoon, 1, QStringLiteral("unwanted")}});
        QVERIFY2(rma, qPrintable(rma.error().message));
        const Result<ReturnSummary> received
            = returns().receive(rma->header.number, {restock(Spoon, 1, Bristol)});
        QVERIFY2(received, qPrintable(received.error().message));
        QCOMPARE(received->backordersFilled, 1);
        QCOMPARE(header(waiting).status, QStringLiteral("allocated"));
        QCOMPARE(allocatedAt(waiting), QStringLiteral("BRISTOL:1"));
        QCOMPARE(level(Spoon, Bristol).onHand, 1);
        QCOMPARE(level(Spoon, Bristol).reserved, 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM stock_movements WHERE reason = 'return_restock' "
                                       "AND delta_on_hand = 1 AND ref_type = 'return' AND ref_id = ?"),
                        {rma->header.id}),
                 1);
        QCOMPARE(
            scalar(QStringLiteral("SELECT count(*) FROM stock_movements WHERE reason = 'reserve' AND note = "
                                  "'backorder filled' AND ref_id = ?"),
                   {header(waiting).id}),
            1);
    }

    void onHoldBackordersAreSkipped()
    {
        const QString held = place(newOrder({{Spoon, 1, {}}}).payment(Paid)).number;
        QVERIFY(fulfilment().hold(held, QStringLiteral("fraud check")));
        tick();
        const QString next = place(newOrder({{Spoon, 1, {}}}).payment(Paid)).number;
        tick();
        QVERIFY(stock().receive(Spoon, Leeds, 1));
        QCOMPARE(header(held).status, QStringLiteral("on_hold"));
        QCOMPARE(backordered(held), 1);
        QCOMPARE(header(next).status, QStringLiteral("allocated"));

        const Result<OrderHeader> unheld = fulfilment().unhold(held);
        QVERIFY2(unheld, qPrintable(unheld.error().message));
        QCOMPARE(unheld->status, QStringLiteral("backordered"));
        QVERIFY(stock().receive(Spoon, Leeds, 1));
        QCOMPARE(header(held).status, QStringLiteral("allocated"));
    }

    void holdsKeepWhatWasDone()
    {
        // Stock that arrived while an order was on hold is its own when the hold is lifted (nobody older waits).
        const QString held = place(newOrder({{Spoon, 2, {}}}).payment(Paid)).number;
        QVERIFY(fulfilment().hold(held, QStringLiteral("address check")));
        tick();
        QVERIFY(stock().receive(Spoon, Bristol, 3));
        QCOMPARE(backordered(held), 2);
        const Result<OrderHeader> unheld = fulfilment().unhold(held);
        QVERIFY2(unheld, qPrintable(unheld.error().message));
        QCOMPARE(header(held).status, QStringLiteral("allocated"));
        QCOMPARE(backordered(held), 0);
        QCOMPARE(allocatedAt(held), QStringLiteral("BRISTOL:2"));

        // A packed box put on hold is still packed when released again: straight back to packed.
        QVERIFY(fulfilment().release(held));
        QVERIFY(fulfilment().scanAll(held, {Spoon, Spoon}));
        QCOMPARE(header(held).status, QStringLiteral("packed"));
        QVERIFY(fulfilment().hold(held, QStringLiteral("customer called")));
        QVERIFY(fulfilment().unhold(held));
        QCOMPARE(header(held).status, QStringLiteral("allocated"));
        const Result<OrderHeader> again = fulfilment().release(held);
        QVERIFY2(again, qPrintable(again.error().message));
        QCOMPARE(header(held).status, QStringLiteral("packed"));
        QVERIFY(orders().ship(held));
    }

    void sameProductOnTwoLines()
    {
        // Two lines of one SKU: scans fill either line, a return spreads over both.
        const QString number
            = place(newOrder({{Mug, 1, {}}, {Plate, 1, {}}, {Mug, 2, {}}}).payment(Paid)).number;
        QVERIFY(fulfilment().release(number));
        const Result<PackProgress> packed = fulfilment().scanAll(number, {Mug, Mug, Plate, Mug});
        QVERIFY2(packed, qPrintable(packed.error().message));
        QVERIFY(packed->complete());
        QVERIFY(orders().ship(number));
        const Result<ReturnSummary> back = returns().create(number, {{Mug, 3, QStringLiteral("too many")}});
        QVERIFY2(back, qPrintable(back.error().message));
        QCOMPARE(back->lines.size(), 2);
        QCOMPARE(back->lines.at(0).qty + back->lines.at(1).qty, 3);
        STOCKROOM_REFUSED(number, returns().create(number, {{Mug, 1, {}}}), "Only 3 × MUG of order");

        // Cancelled before anything came back: the units may be returned again.
        const Result<ReturnSummary> cancelled = returns().cancel(back->header.number);
        QVERIFY2(cancelled, qPrintable(cancelled.error().message));
        QCOMPARE(cancelled->header.status, QStringLiteral("cancelled"));
        QCOMPARE(scalar(QStringLiteral("SELECT sum(qty_returned) FROM order_lines WHERE order_id = ?"),
                        {orderIdFromNumber(number).value()}),
                 qint64(0));
        QVERIFY(!returns().cancel(back->header.number));
        const Result<ReturnSummary> again = returns().create(number, {{Mug, 1, {}}});
        QVERIFY2(again, qPrintable(again.error().message));
        QVERIFY(returns().receive(again->header.number, {restock(Mug, 1, Leeds)}));
        QVERIFY(!returns().cancel(again->header.number)); // completed: what came back stays back
    }

    void returnsAndRefunds()
    {
        const QString number = placeAndShip({{Mug, 3, {}}, {Plate, 1, {}}}, Ups1);
        QVERIFY(!number.isEmpty());
        QCOMPARE(header(number).paidCents, qint64(4500));
        QCOMPARE(level(Mug, Leeds).onHand, 2);

        tick();
        const Result<ReturnSummary> first = returns().create(number, {{Mug, 2, QStringLiteral("too big")}});
        QVERIFY2(first, qPrintable(first.error().message));
        const QString rma1 = first->header.number;
        QCOMPARE(rma1, QStringLiteral("RMA-000001"));
        QCOMPARE(first->header.status, QStringLiteral("requested"));
        QCOMPARE(first->orderNumber, number);
        QCOMPARE(first->lines.size(), 1);
        QCOMPARE(first->lines.first().qty, 2);
        QCOMPARE(first->lines.first().reason, QStringLiteral("too big"));
        QCOMPARE(fulfilment().detail(number)->lines.first().qtyReturned, 2);

        // Returned never exceeds shipped: a second return for more is refused.
        STOCKROOM_REFUSED(number, returns().create(number, {{Mug, 2, {}}}),
                          "Only 3 × MUG of order SO-000001 shipped and 2 are returned already: 2 more cannot "
                          "come back.");
        STOCKROOM_REFUSED(number, returns().create(number, {{Bowl, 1, {}}}),
                          "BOWL is not in order SO-000001");
        STOCKROOM_REFUSED(number, returns().create(number, {{Mug, 0, {}}}), "must be at least 1");
        STOCKROOM_REFUSED(number, returns().create(number, {}), "at least one line");

        // Part of it back on a shelf of our choice.
        tick();
        const Result<ReturnSummary> part = returns().receive(rma1, {restock(Mug, 1, Bristol)});
        QVERIFY2(part, qPrintable(part.error().message));
        QCOMPARE(part->header.status, QStringLiteral("received"));
        QCOMPARE(part->lines.first().restocked, 1);
        QCOMPARE(level(Mug, Bristol).onHand, 6);
        QCOMPARE(
            scalar(QStringLiteral("SELECT count(*) FROM stock_movements WHERE reason = 'return_restock' AND "
                                  "delta_on_hand = 1 AND delta_reserved = 0 AND location_id = ?"),
                   {level(Mug, Bristol).locationId}),
            1);

        STOCKROOM_REFUSED(number, returns().receive(rma1, {writeOff(Mug, 1, QStringLiteral("broken"))}),
                          "needs a reason: damaged, expired, lost");
        STOCKROOM_REFUSED(number, returns().receive(rma1, {restock(Mug, 2, Leeds)}),
                          "Return RMA-000001 expects 1 × MUG, not 2.");
        STOCKROOM_REFUSED(number, returns().receive(rma1, {restock(Plate, 1, Leeds)}),
                          "expects no more PLATE");
        STOCKROOM_REFUSED(number, returns().receive(rma1, {restock(Mug, 1, QStringLiteral("PARIS"))}),
                          "Unknown location \"PARIS\"");
        STOCKROOM_REFUSED(number, returns().receive(rma1, {restock(Mug, 1, {})}), "needs a location");

        // The rest written off where it shipped from: in and out again, netting zero.
        tick();
        const Result<ReturnSummary> rest
            = returns().receive(rma1, {writeOff(Mug, 1, QStringLiteral("damaged"))});
        QVERIFY2(rest, qPrintable(rest.error().message));
        QCOMPARE(rest->header.status, QStringLiteral("completed"));
        QCOMPARE(rest->lines.first().writtenOff, 1);
        QCOMPARE(level(Mug, Leeds).onHand, 2);
        const qint64 leedsId = level(Mug, Leeds).locationId;
        QCOMPARE(
            scalar(QStringLiteral("SELECT count(*) FROM stock_movements WHERE reason = 'return_writeoff' "
                                  "AND location_id = ?"),
                   {leedsId}),
            2);
        QCOMPARE(scalar(QStringLiteral("SELECT sum(delta_on_hand) FROM stock_movements WHERE reason = "
                                       "'return_writeoff'")),
                 0);
        QCOMPARE(
            scalar(QStringLiteral("SELECT count(*) FROM stock_movements WHERE reason = 'return_writeoff' "
                                  "AND delta_on_hand = -1 AND note = 'damaged'")),
            1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM return_dispositions WHERE kind = 'writeoff' AND "
                                       "reason = 'damaged' AND location_id = ?"),
                        {leedsId}),
                 1);
        STOCKROOM_REFUSED(number, returns().receive(rma1, {restock(Mug, 1, Leeds)}),
                          "is completed: it cannot be received");

        // Refunds follow the returns: partly, then fully; never more than was paid.
        tick();
        const Result<ReturnSummary> refunded = returns().refund(rma1);
        QVERIFY2(refunded, qPrintable(refunded.error().message));
        QCOMPARE(refunded->header.status, QStringLiteral("refunded"));
        QCOMPARE(header(number).paymentStatus, QStringLiteral("partially_refunded"));
        QCOMPARE(header(number).refundedCents, qint64(2000));

        const Result<ReturnSummary> second = returns().create(number, {{Mug, 1, {}}, {Plate, 1, {}}});
        QVERIFY2(second, qPrintable(second.error().message));
        const QString rma2 = second->header.number;
        STOCKROOM_REFUSED(number, returns().refund(rma2), "is requested: it cannot be refunded");
        const Result<ReturnSummary> all
            = returns().receive(rma2, {restock(Mug, 1, Leeds), restock(Plate, 1, Leeds)});
        QVERIFY2(all, qPrintable(all.error().message));
        QCOMPARE(all->header.status, QStringLiteral("completed")); // requested → completed in one go
        QCOMPARE(level(Mug, Leeds).onHand, 3);
        QCOMPARE(level(Plate, Leeds).onHand, 4);
        QVERIFY(returns().refund(rma2));
        QCOMPARE(header(number).paymentStatus, QStringLiteral("refunded"));
        QCOMPARE(header(number).refundedCents, qint64(4500));
        QCOMPARE(header(number).refundedCents, header(number).paidCents);
        STOCKROOM_REFUSED(number, fulfilment().refund(number, 1, {}), "is refunded: it cannot be refunded");
        QCOMPARE(fulfilment().detail(number)->lines.at(0).qtyReturned, 3);
        QCOMPARE(fulfilment().detail(number)->lines.at(1).qtyReturned, 1);
        QCOMPARE(fulfilment().detail(number)->returns.size(), 2);
    }

    void refundsByAmount()
    {
        const QString number = placeAndShip({{Mug, 2, {}}});
        QVERIFY(fulfilment().refund(number, 500, QStringLiteral("scratched")));
        QCOMPARE(header(number).paymentStatus, QStringLiteral("partially_refunded"));
        QVERIFY(fulfilment().refund(number, 500, {}));
        QCOMPARE(header(number).paymentStatus, QStringLiteral("partially_refunded"));
        STOCKROOM_REFUSED(number, fulfilment().refund(number, 1001, {}), "at most 10.00 can be refunded");
        QVERIFY(fulfilment().refund(number, 1000, {}));
        QCOMPARE(header(number).paymentStatus, QStringLiteral("refunded"));
        QCOMPARE(header(number).refundedCents, qint64(2000));
        qint64 refundedInHistory = 0;
        for (const OrderEvent &e : history(number)) {
            refundedInHistory -= e.kind == QLatin1String("refund") ? e.amountCents : 0;
        }
        QCOMPARE(refundedInHistory, qint64(2000));
        // A return of a fully refunded order cannot be refunded again.
        const QString rma = returns().create(number, {{Mug, 1, {}}})->header.number;
        QVERIFY(returns().receive(rma, {restock(Mug, 1, Leeds)}));
        STOCKROOM_REFUSED(number, returns().refund(rma), "10.00 more cannot be refunded");
    }

    void trackingNumbersAndEvents()
    {
        const QString number = place(newOrder({{Mug, 1, {}}}).payment(Paid)).number;
        // A known structure with a wrong check digit never reaches a label.
        const QString before = snapshot(number);
        const Result<ShipResult> wrong
            = orders().ship(number, {QStringLiteral("UPS"), {}, QStringLiteral("1Z5R89390357567128"), 0});
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().kind, Error::Kind::Usage);
        QVERIFY2(wrong.error().message.contains(QLatin1String("check digit should be 7, not 8")),
                 qPrintable(wrong.error().message));
        QCOMPARE(snapshot(number), before);

        // A shape nobody knows is accepted, with a warning to check it against the label.
        const Result<ShipResult> unknown = orders().ship(
            number, {QStringLiteral("Local courier"), {}, QStringLiteral("xyz parcel 42"), 0});
        QVERIFY2(unknown, qPrintable(unknown.error().message));
        QCOMPARE(unknown->warnings.size(), 1);
        QVERIFY2(unknown->warnings.first().contains(QLatin1String("Not a tracking number format we know")),
                 qPrintable(unknown->warnings.first()));
        const QString parcel = QStringLiteral("XYZPARCEL42");
        QCOMPARE(fulfilment().detail(number)->shipments.first().trackingNumber, parcel);

        auto countEvents = [this] { return scalar(QStringLiteral("SELECT count(*) FROM tracking_events")); };
        Result<TrackingOutcome> outcome
            = tracking().add(event(QStringLiteral("xyz parcel 42"), QStringLiteral("in_transit"),
                                   QStringLiteral("2026-03-03T10:00:00Z"), QStringLiteral("Leeds hub")));
        QVERIFY2(outcome, qPrintable(outcome.error().message));
        QVERIFY(outcome->added);
        QCOMPARE(outcome->shipmentStatus, QStringLiteral("in_transit"));
        const qint64 historyAfterFirst = history(number).size();

        // The same event again (same parcel, state and time) is added once.
        outcome
            = tracking().add(event(parcel, QStringLiteral("In Transit"), QStringLiteral("2026-03-03 10:00")));
        QVERIFY2(outcome, qPrintable(outcome.error().message));
        QVERIFY(!outcome->added);
        QCOMPARE(countEvents(), 1);
        QCOMPARE(history(number).size(), historyAfterFirst);

        outcome = tracking().add(
            event(parcel, QStringLiteral("Out for Delivery"), QStringLiteral("2026-03-03T12:00:00Z")));
        QVERIFY2(outcome, qPrintable(outcome.error().message));
        QCOMPARE(outcome->shipmentStatus, QStringLiteral("out_for_delivery"));

        // An older event arriving late is recorded but does not roll the state back.
        outcome = tracking().add(
            event(parcel, QStringLiteral("in_transit"), QStringLiteral("2026-03-03T11:00:00Z")));
        QVERIFY2(outcome, qPrintable(outcome.error().message));
        QVERIFY(outcome->added);
        QVERIFY(outcome->stateKept);
        QCOMPARE(outcome->shipmentStatus, QStringLiteral("out_for_delivery"));
        QCOMPARE(countEvents(), 3);

        // Delivered (the time given with an offset: 14:00 in Paris is 13:00 UTC).
        outcome = tracking().add(
            event(parcel, QStringLiteral("DELIVERED"), QStringLiteral("2026-03-03T14:00:00+01:00")));
        QVERIFY2(outcome, qPrintable(outcome.error().message));
        QCOMPARE(outcome->shipmentStatus, QStringLiteral("delivered"));
        QCOMPARE(outcome->orderStatus, QStringLiteral("delivered"));
        QCOMPARE(fulfilment().detail(number)->shipments.first().deliveredAt,
                 QStringLiteral("2026-03-03T13:00:00.000Z"));

        // Typed by hand, a step back from delivered is refused and nothing is recorded.
        STOCKROOM_REFUSED(number,
                          tracking().add(event(parcel, QStringLiteral("in_transit"),
                                               QStringLiteral("2026-03-03T15:00:00Z"))),
                          "is delivered: it cannot become in transit");
        STOCKROOM_REFUSED(number,
                          tracking().add(event(QStringLiteral("1Z999"), QStringLiteral("delivered"), {})),
                          "no shipment has tracking number \"1Z999\"");
        STOCKROOM_REFUSED(number, tracking().add(event(parcel, QStringLiteral("teleported"), {})),
                          "unknown tracking status \"teleported\"");
        STOCKROOM_REFUSED(number,
                          tracking().add(event(parcel, QStringLiteral("delivered"), QStringLiteral("soon"))),
                          "\"soon\" is not a date and time");

        // A carrier's file: duplicates count as such, a late step back is recorded but changes nothing.
        const Result<TrackingImportSummary> imported = tracking().addAll(
            {event(parcel, QStringLiteral("delivered"), QStringLiteral("2026-03-03T13:00:00Z")),
             event(parcel, QStringLiteral("in_transit"), QStringLiteral("2026-03-03T10:00:00Z")),
             event(parcel, QStringLiteral("exception"), QStringLiteral("2026-03-03T16:00:00Z"))});
        QVERIFY2(imported, qPrintable(imported.error().message));
        QCOMPARE(imported->events, 3);
        QCOMPARE(imported->duplicates, 2);
        QCOMPARE(imported->added, 1);
        QCOMPARE(imported->stateKept, 1);
        QCOMPARE(imported->ordersDelivered, 0);
        QCOMPARE(header(number).status, QStringLiteral("delivered"));
        QCOMPARE(fulfilment().detail(number)->shipments.first().status, QStringLiteral("delivered"));
        QCOMPARE(countEvents(), 5);
        // A file with one unknown parcel adds nothing at all.
        const Result<TrackingImportSummary> bad = tracking().addAll(
            {event(parcel, QStringLiteral("exception"), QStringLiteral("2026-03-03T17:00:00Z")),
             event(QStringLiteral("NOPE"), QStringLiteral("delivered"), {})});
        QVERIFY(!bad);
        QCOMPARE(countEvents(), 5);
    }

    void deliveredWhenEveryParcelIs()
    {
        // Two shipments from two locations with their own tracking numbers: plates at LEEDS now, the rest
        // from BRISTOL when it arrives.
        const QString number = place(newOrder({{Plate, 6, {}}}).payment(Paid)).number;
        QCOMPARE(header(number).status, QStringLiteral("backordered"));
        Result<ShipResult> shipped = orders().ship(number, {QStringLiteral("UPS"), {}, Ups2, 0});
        QVERIFY2(shipped, qPrintable(shipped.error().message));
        QCOMPARE(shipped->status, QStringLiteral("partially_shipped"));
        QVERIFY(stock().receive(Plate, Bristol, 2)); // fills the partially shipped order
        QCOMPARE(allocatedAt(number), QStringLiteral("BRISTOL:2"));
        QCOMPARE(header(number).status, QStringLiteral("partially_shipped"));
        shipped = orders().ship(number, {QStringLiteral("UPS"), {}, Ups3, 0});
        QVERIFY2(shipped, qPrintable(shipped.error().message));
        QCOMPARE(shipped->status, QStringLiteral("shipped"));
        QCOMPARE(fulfilment().detail(number)->shipments.size(), 2);

        Result<TrackingOutcome> outcome = tracking().add(event(Ups3, QStringLiteral("delivered"), {}));
        QVERIFY2(outcome, qPrintable(outcome.error().message));
        QCOMPARE(outcome->shipmentStatus, QStringLiteral("delivered"));
        QCOMPARE(outcome->orderStatus, QStringLiteral("shipped"));
        QCOMPARE(header(number).status, QStringLiteral("shipped"));
        tick();
        outcome = tracking().add(event(Ups2, QStringLiteral("delivered"), {}));
        QVERIFY2(outcome, qPrintable(outcome.error().message));
        QCOMPARE(outcome->orderStatus, QStringLiteral("delivered"));
        QCOMPARE(header(number).status, QStringLiteral("delivered"));

        // A split shipped at once under one tracking number: one event delivers both parcels.
        const QString split = place(newOrder({{Mug, 8, {}}}).payment(Paid)).number;
        shipped = orders().ship(split, {QStringLiteral("UPS"), {}, Ups4, 0});
        QVERIFY2(shipped, qPrintable(shipped.error().message));
        QCOMPARE(shipped->shipments.size(), 2);
        const Result<TrackingImportSummary> imported = tracking().addAll(
            {event(Ups4, QStringLiteral("in_transit"), QStringLiteral("2026-03-04T08:00:00Z")),
             event(Ups4, QStringLiteral("delivered"), QStringLiteral("2026-03-04T15:00:00Z"))});
        QVERIFY2(imported, qPrintable(imported.error().message));
        QCOMPARE(imported->ordersDelivered, 1);
        QCOMPARE(header(split).status, QStringLiteral("delivered"));
        const QList<ShipmentRecord> parcels = fulfilment().detail(split)->shipments;
        for (const ShipmentRecord &s : parcels) {
            QCOMPARE(s.status, QStringLiteral("delivered"));
        }
    }

    void restCancelledAfterDelivery()
    {
        // What shipped was delivered while the rest waited; cancelling the rest completes the order as
        // delivered, not as a "shipped" that no tracking event will ever move on.
        const QString number = place(newOrder({{Plate, 6, {}}}).payment(Paid)).number;
        QVERIFY(orders().ship(number, {QStringLiteral("UPS"), {}, Ups2, 0}));
        QVERIFY(tracking().add(event(Ups2, QStringLiteral("delivered"), {})));
        QCOMPARE(header(number).status, QStringLiteral("partially_shipped"));
        tick();
        const Result<OrderHeader> cancelled = orders().cancel(number);
        QVERIFY2(cancelled, qPrintable(cancelled.error().message));
        QCOMPARE(cancelled->status, QStringLiteral("delivered"));
        QCOMPARE(kindsOf(history(number)).mid(history(number).size() - 2),
                 (QStringList {QStringLiteral("cancelled"), QStringLiteral("delivered")}));

        // With a parcel still on its way, it is shipped, and delivered when that parcel arrives.
        const QString other = place(newOrder({{Mug, 12, {}}}).payment(Paid)).number;
        QVERIFY(orders().ship(other, {QStringLiteral("UPS"), {}, Ups3, 0}));
        QCOMPARE(orders().cancel(other)->status, QStringLiteral("shipped"));
        QCOMPARE(tracking().add(event(Ups3, QStringLiteral("delivered"), {}))->orderStatus,
                 QStringLiteral("delivered"));
    }

    void searchAndFilters()
    {
        struct Spec
        {
            QString customer;
            QString email;
            QString channel;
            QString externalId;
            QString sku;
            int qty;
            qint64 price;
            QString payment;
        };
        // Totals 1500, 1400, 1500, 1500, 200, 3000, 10000, 1500: ties make the keyset compare ids.
        const QList<Spec> specs = {
            {QStringLiteral("Anna Smith"), QStringLiteral("anna@example.com"), QStringLiteral("shopify"),
             QStringLiteral("#1001"), Mug, 1, 1500, Paid},
            {QStringLiteral("Annabel Lee"), QStringLiteral("annabel@example.org"), QStringLiteral("web"),
             QStringLiteral("W-77"), Plate, 2, 700, QStringLiteral("pending")},
            {QStringLiteral("Bob Stone"),
             QStringLiteral("bob@stone.test"),
             QStringLiteral("manual"),
             {},
             Bowl,
             1,
             1500,
             Paid},
            {QStringLiteral("Carla Diaz"),
             {},
             QStringLiteral("wholesale"),
             {},
             Mug,
             3,
             500,
             QStringLiteral("pending")},
            {{}, {}, QStringLiteral("manual"), {}, Spoon, 2, 100, Paid},
            {QStringLiteral("Anna Smith"),
             {},
             QStringLiteral("shopify"),
             QStringLiteral("#1002"),
             Plate,
             1,
             3000,
             Paid},
            {QStringLiteral("Dan Brown"),
             {},
             QStringLiteral("web"),
             QStringLiteral("W-78"),
             Mug,
             4,
             2500,
             Paid},
            {QStringLiteral("Eve"),
             {},
             QStringLiteral("manual"),
             {},
             Mug,
             1,
             1500,
             QStringLiteral("pending")},
        };
        const QDateTime day1 = QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc());
        QList<qint64> ids;
        for (int i = 0; i < specs.size(); ++i) {
            const Spec &s = specs.at(i);
            m_now = day1.addDays(i);
            const PlacedOrder placed = place(newOrder({{s.sku, s.qty, s.price}})
                                                 .channel(s.channel)
                                                 .externalId(s.externalId)
                                                 .customer(s.customer)
                                                 .email(s.email)
                                                 .payment(s.payment));
            QVERIFY(placed.id > 0);
            ids << placed.id;
        }
        QVERIFY(orders().ship(orderNumber(ids.at(0)), {QStringLiteral("UPS"), {}, Ups1, 0}));
        auto expect = [&ids](std::initializer_list<int> positions) {
            QList<qint64> wanted;
            for (int p : positions) {
                wanted << ids.at(p - 1);
            }
            std::sort(wanted.begin(), wanted.end());
            return wanted;
        };
        OrderRepository repository(*m_db);
        auto found = [&repository](const OrderFilter &filter) {
            QList<qint64> got = idsOf(repository.page({}, 100, filter).value());
            std::sort(got.begin(), got.end());
            return got;
        };
        auto check = [&](const OrderFilter &filter, const QList<qint64> &wanted, const char *what) {
            const QList<qint64> got = found(filter);
            if (got != wanted) {
                qWarning() << what << "found" << got << "expected" << wanted;
                return false;
            }
            const qint64 counted = repository.count(filter).value();
            if (counted != wanted.size()) {
                qWarning() << what << "counted" << counted << "expected" << wanted.size();
                return false;
            }
            return true;
        };

        QVERIFY(check({}, expect({1, 2, 3, 4, 5, 6, 7, 8}), "everything"));
        QVERIFY(check(Filter().status(QStringLiteral("allocated")), expect({2, 4, 6, 7, 8}), "allocated"));
        QVERIFY(check(Filter().status(QStringLiteral("backordered")), expect({3, 5}), "backordered"));
        QVERIFY(check(Filter().status(QStringLiteral("shipped")), expect({1}), "shipped"));
        QVERIFY(check(Filter().payment(QStringLiteral("pending")), expect({2, 4, 8}), "pending"));
        QVERIFY(check(Filter().payment(Paid), expect({1, 3, 5, 6, 7}), "paid"));
        QVERIFY(check(Filter().channel(QStringLiteral("shopify")), expect({1, 6}), "shopify"));
        QVERIFY(check(Filter().channel(QStringLiteral("web")), expect({2, 7}), "web"));
        QVERIFY(check(Filter().channel(QStringLiteral("nowhere")), {}, "unknown channel"));
        // A location shows the orders with stock allocated there now: order 1 has left LEEDS.
        QVERIFY(check(Filter().location(level(Mug, Bristol).locationId), expect({7}), "BRISTOL"));
        QVERIFY(check(Filter().location(level(Mug, Leeds).locationId), expect({2, 4, 6, 8}), "LEEDS"));
        QVERIFY(check(Filter().from(toStoredTime(day1.addDays(2))).before(toStoredTime(day1.addDays(5))),
                      expect({3, 4, 5}), "days 3 to 5"));
        QVERIFY(check(Filter().from(toStoredTime(day1.addDays(7))), expect({8}), "from day 8"));
        QVERIFY(check(Filter().before(toStoredTime(day1)), {}, "before day 1"));

        // Search: customer name prefixes, e-mail, SKU, external id, order number.
        QVERIFY(check(Filter().search(QStringLiteral("Ann")), expect({1, 2, 6}), "Ann"));
        QVERIFY(check(Filter().search(QStringLiteral("anna smi")), expect({1, 6}), "anna smi"));
        QVERIFY(check(Filter().search(QStringLiteral("Smith")), expect({1, 6}), "Smith"));
        QVERIFY(check(Filter().search(QStringLiteral("anna@example.com")), expect({1, 6}), "e-mail"));
        QVERIFY(check(Filter().search(QStringLiteral("bob@stone.test")), expect({3}), "bob's e-mail"));
        QVERIFY(check(Filter().search(QStringLiteral("PLATE")), expect({2, 6}), "PLATE"));
        QVERIFY(check(Filter().search(QStringLiteral("mug")), expect({1, 4, 7, 8}), "mug"));
        QVERIFY(check(Filter().search(QStringLiteral("#1001")), expect({1}), "#1001"));
        QVERIFY(check(Filter().search(QStringLiteral("W-77")), expect({2}), "W-77"));
        QVERIFY(check(Filter().search(orderNumber(ids.at(2))), expect({3}), "order number"));
        QVERIFY(check(Filter().search(QStringLiteral("so-%1").arg(ids.at(2))), expect({3}),
                      "short order number"));
        QVERIFY(check(Filter().search(Ups1), expect({1}), "tracking number"));
        QVERIFY(check(Filter().search(QStringLiteral("zebra")), {}, "nothing"));
        QVERIFY(check(Filter().search(QStringLiteral("\"'&|!:*()")), {}, "operators only"));
        QVERIFY(
            check(Filter().payment(Paid).channel(QStringLiteral("shopify")).search(QStringLiteral("anna")),
                  expect({1, 6}), "combined"));
        QVERIFY(check(Filter().status(QStringLiteral("allocated")).location(level(Mug, Leeds).locationId),
                      expect({2, 4, 6, 8}), "allocated at LEEDS"));

        // Keyset pages in every sort order equal the full list sorted the same way.
        const QList<OrderHeader> all = repository.page({}, 100, {}).value();
        QCOMPARE(all.size(), 8);
        for (const OrderSort sort : {OrderSort::TotalAsc, OrderSort::TotalDesc, OrderSort::PlacedAsc,
                                     OrderSort::PlacedDesc, OrderSort::NumberAsc, OrderSort::NumberDesc}) {
            for (const QString &status : {QString(), QStringLiteral("allocated")}) {
                OrderFilter filter;
                filter.sort = sort;
                filter.status = status;
                QList<OrderHeader> expected;
                for (const OrderHeader &o : all) {
                    if (status.isEmpty() || o.status == status) {
                        expected << o;
                    }
                }
                const bool down = sort == OrderSort::TotalDesc || sort == OrderSort::PlacedDesc
                    || sort == OrderSort::NumberDesc;
                std::sort(expected.begin(), expected.end(), [&](const OrderHeader &a, const OrderHeader &b) {
                    std::pair<QString, qint64> ka {{}, a.id};
                    std::pair<QString, qint64> kb {{}, b.id};
                    if (sort == OrderSort::TotalAsc || sort == OrderSort::TotalDesc) {
                        if (a.totalCents != b.totalCents) {
                            return down ? a.totalCents > b.totalCents : a.totalCents < b.totalCents;
                        }
                    } else if (sort == OrderSort::PlacedAsc || sort == OrderSort::PlacedDesc) {
                        ka.first = a.placedAt;
                        kb.first = b.placedAt;
                    }
                    return down ? kb < ka : ka < kb;
                });
                QList<qint64> paged;
                OrderCursor cursor;
                for (int pages = 0; pages < 10; ++pages) {
                    const QList<OrderHeader> page = repository.page(cursor, 3, filter).value();
                    QVERIFY(page.size() <= 3);
                    paged << idsOf(page);
                    if (page.size() < 3) {
                        break;
                    }
                    cursor = {OrderRepository::sortValue(page.last(), sort), page.last().id};
                }
                QCOMPARE(paged, idsOf(expected));
            }
        }
    }

    void upgradeFromVersion1()
    {
        // A database of schema version 1 with an order that version 1 wrote (by SQL, as it did), then the
        // upgrade: the order is found by search and goes through the new life like any other.
        Test::ScratchDatabase legacy;
        STOCKROOM_REQUIRE(legacy);
        Result<std::unique_ptr<Database>> opened = Database::open(legacy.spec(), QStringLiteral("legacy"));
        QVERIFY2(opened, qPrintable(opened.error().message));
        std::unique_ptr<Database> db = std::move(opened).value();
        const Result<int> v1 = Migrations::migrate(*db, 1);
        QVERIFY2(v1, qPrintable(v1.error().message));
        QCOMPARE(*v1, 1);
        QCOMPARE(Migrations::currentVersion(*db).value(), 1);
        QCOMPARE(Migrations::migrate(*db, 1).value(), 0);
        QCOMPARE(db->scalar(db->dialect().tableExistsQuery(), {QStringLiteral("order_events")})->toInt(), 0);

        const QString at = QStringLiteral("2025-11-20T10:00:00.000Z");
        const Status written = db->write([&]() -> Status {
            STOCKROOM_TRY(location,
                          db->insert(QStringLiteral("INSERT INTO locations (code, name, priority) "
                                                    "VALUES ('LEEDS', 'Leeds', 10) RETURNING id")));
            STOCKROOM_TRY(
                product,
                db->insert(QStringLiteral("INSERT INTO products (sku, name, gtin, price_cents, created_at) "
                                          "VALUES ('MUG', 'Mug', ?, 1000, ?) RETURNING id"),
                           {MugGtin, at}));
            STOCKROOM_TRY(
                customer,
                db->insert(QStringLiteral("INSERT INTO customers (name, email, created_at) "
                                          "VALUES ('Olga Oldfield', 'olga@old.test', ?) RETURNING id"),
                           {at}));
            STOCKROOM_TRY(
                order,
                db->insert(QStringLiteral("INSERT INTO orders (channel, external_id, customer_id, status, "
                                          "payment_status, routing_explanation, total_cents, placed_at, "
                                          "updated_at, updated_by) VALUES ('shopify', '#900', ?, "
                                          "'allocated', 'paid', 'Shipped from Leeds: only location with "
                                          "all 1 line', 2000, ?, ?, 'v1') RETURNING id"),
                           {customer, at, at}));
            STOCKROOM_TRY(line,
                          db->insert(QStringLiteral("INSERT INTO order_lines (order_id, line_no, product_id, "
                                                    "qty, unit_price_cents) VALUES (?, 1, ?, 2, 1000) "
                                                    "RETURNING id"),
                                     {order, product}));
            STOCKROOM_CHECK(
                db->execute(QStringLiteral("INSERT INTO allocations (order_line_id, location_id, qty, "
                                           "status, created_at) VALUES (?, ?, 2, 'open', ?)"),
                            {line, location, at}));
            STOCKROOM_CHECK(db->execute(QStringLiteral("INSERT INTO stock_levels (product_id, location_id, "
                                                       "on_hand, reserved) VALUES (?, ?, 5, 2)"),
                                        {product, location}));
            STOCKROOM_CHECK(
                db->execute(QStringLiteral("INSERT INTO stock_movements (product_id, location_id, "
                                           "delta_on_hand, delta_reserved, reason, created_at) "
                                           "VALUES (?, ?, 5, 0, 'receipt', ?)"),
                            {product, location, at}));
            STOCKROOM_CHECK(
                db->execute(QStringLiteral("INSERT INTO stock_movements (product_id, location_id, "
                                           "delta_on_hand, delta_reserved, reason, ref_type, ref_id, "
                                           "created_at) VALUES (?, ?, 0, 2, 'reserve', 'order', ?, ?)"),
                            {product, location, order, at}));
            return {};
        });
        QVERIFY2(written, qPrintable(written.error().message));

        const Result<int> upgraded = Migrations::migrate(*db);
        QVERIFY2(upgraded, qPrintable(upgraded.error().message));
        QCOMPARE(*upgraded, Migrations::latestVersion() - 1);
        QCOMPARE(Migrations::currentVersion(*db).value(), Migrations::latestVersion());
        QCOMPARE(Test::violations(*db), QStringList());

        OrderRepository repository(*db);
        for (const QString &text :
             {QStringLiteral("Olga"), QStringLiteral("olga@old.test"), QStringLiteral("#900"),
              QStringLiteral("mug"), QStringLiteral("SO-000001"), QStringLiteral("shopify")}) {
            const QList<OrderHeader> hits = repository.page({}, 10, Filter().search(text)).value();
            QVERIFY2(hits.size() == 1 && hits.first().number == QLatin1String("SO-000001"), qPrintable(text));
        }
        const OrderHeader old = repository.findByNumber(QStringLiteral("SO-000001")).value().value();
        QCOMPARE(old.paymentStatus, Paid);
        QCOMPARE(old.paidCents, old.totalCents); // what version 1 called paid is paid in full

        ServiceContext context {*db, Clock([this] { return m_now; }), QStringLiteral("tester")};
        FulfilmentService fulfil(context);
        QVERIFY(fulfil.release(old.number));
        QVERIFY(fulfil.scanAll(old.number, {MugGtin, Mug}));
        QCOMPARE(fulfil.detail(old.number)->header.status, QStringLiteral("packed"));
        const Result<ShipResult> shipped
            = OrderService(context).ship(old.number, {QStringLiteral("UPS"), {}, Ups1, 0});
        QVERIFY2(shipped, qPrintable(shipped.error().message));
        QVERIFY(TrackingService(context).add(event(Ups1, QStringLiteral("delivered"), {})));
        QCOMPARE(fulfil.detail(old.number)->header.status, QStringLiteral("delivered"));
        const Result<ReturnSummary> rma = ReturnService(context).create(old.number, {{Mug, 1, {}}});
        QVERIFY2(rma, qPrintable(rma.error().message));
        QVERIFY(ReturnService(context).receive(rma->header.number, {restock(Mug, 1, Leeds)}));
        const Result<ReturnSummary> refunded = ReturnService(context).refund(rma->header.number);
        QVERIFY2(refunded, qPrintable(refunded.error().message));
        QCOMPARE(fulfil.detail(old.number)->header.paymentStatus, QStringLiteral("partially_refunded"));
        QCOMPARE(kindsOf(fulfil.detail(old.number)->history).first(), QStringLiteral("released"));

        // New orders next to the old one: numbered after it, searchable, and the old one still found.
        PlaceOrderRequest request;
        request.lines = {{Mug, 1, {}}};
        request.customerName = QStringLiteral("Olga Oldfield");
        const Result<PlacedOrder> placed = OrderService(context).place(request);
        QVERIFY2(placed, qPrintable(placed.error().message));
        QCOMPARE(placed->number, QStringLiteral("SO-000002"));
        QCOMPARE(repository.count(Filter().search(QStringLiteral("Olga"))).value(), 2);
        QCOMPARE(Test::violations(*db), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
