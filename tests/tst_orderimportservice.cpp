// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogrepository.h"
#include "fulfilmentservice.h"
#include "orderimportservice.h"
#include "orderrepository.h"
#include "orderservice.h"
#include "stockrepository.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QTest>

using namespace Stockroom;

namespace {

const QString Mug = QStringLiteral("MUG");
const QString Plate = QStringLiteral("PLATE");
const QString Leeds = QStringLiteral("LEEDS");
const QString York = QStringLiteral("YORK");

/** Orders as a file reader would give them; problems can be switched on to see a refused file. */
class ListSource final : public ChannelOrderSource
{
public:
    explicit ListSource(QList<ImportedOrder> orders, bool problems = false)
        : m_orders(std::move(orders))
        , m_problems(problems)
    {
    }
    bool start() override
    {
        m_next = 0;
        ++starts;
        return true;
    }
    std::optional<ImportedOrder> next() override
    {
        if (m_next >= m_orders.size()) {
            return std::nullopt;
        }
        return m_orders.at(m_next++);
    }
    bool hasProblems() const override { return m_problems && m_next > 1; }
    int starts = 0;

private:
    QList<ImportedOrder> m_orders;
    bool m_problems = false;
    qsizetype m_next = 0;
};

ImportedOrderLine item(const QString &sku, int qty, qint64 priceCents = 1000, const QString &name = {})
{
    ImportedOrderLine line;
    line.sku = sku;
    line.name = name;
    line.qty = qty;
    line.unitPriceCents = priceCents;
    return line;
}

ImportedOrder order(const QString &id, const QList<ImportedOrderLine> &lines,
                    const QString &payment = QStringLiteral("paid"))
{
    ImportedOrder imported;
    imported.line = 2;
    imported.externalId = id;
    imported.placedAt = QDateTime(QDate(2026, 2, 20), QTime(13, 55, 16), QTimeZone::utc());
    imported.paymentStatus = payment;
    imported.customerName = QStringLiteral("Ada ") + id;
    imported.postcode = QStringLiteral("LS1 4AP");
    imported.lines = lines;
    qint64 total = 0;
    for (const ImportedOrderLine &line : lines) {
        total += line.qty * line.unitPriceCents;
    }
    imported.totalCents = total + 495; // shipping
    return imported;
}

} // namespace

/**
 * The order import on a real database (SQLite and PostgreSQL): new orders are placed like manual ones,
 * a re-import changes nothing, later exports move orders only forward, unknown SKUs wait on hold until an
 * alias maps them, and a refused file or a dry run leaves nothing behind. Invariants after every test.
 */
class TestOrderImportService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ServiceContext> m_context;
    QDateTime m_now = QDateTime(QDate(2026, 3, 2), QTime(9, 0), QTimeZone::utc());

    qint64 scalar(const QString &sql, const Binds &binds = {})
    {
        return m_db->scalar(sql, binds).value().toLongLong();
    }
    qint64 movements() { return scalar(QStringLiteral("SELECT count(*) FROM stock_movements")); }
    StockLevelRow level(const QString &sku, const QString &location)
    {
        const QList<StockLevelRow> levels = StockRepository(*m_db).levels(sku, location).value();
        return levels.isEmpty() ? StockLevelRow {} : levels.first();
    }
    OrderHeader header(const QString &externalId, const QString &channel = QStringLiteral("shopify"))
    {
        const qint64 id = scalar(QStringLiteral("SELECT id FROM orders WHERE channel = ? AND external_id = ?"),
                                 {channel, externalId});
        return OrderRepository(*m_db).findById(id).value().value_or(OrderHeader {});
    }
    OrderImportOutcome import(const QList<ImportedOrder> &orders, bool dryRun = false,
                              const QString &channel = QStringLiteral("shopify"))
    {
        ListSource source(orders);
        OrderImportOptions options;
        options.channel = channel;
        options.fileName = QStringLiteral("/tmp/orders_export.csv");
        options.dryRun = dryRun;
        const Result<OrderImportOutcome> outcome = OrderImportService(*m_context).run(source, options);
        if (!outcome) {
            qWarning() << outcome.error().message;
            return {};
        }
        return *outcome;
    }
    /** Everything an import that changes nothing must leave as it was. */
    QString fingerprint()
    {
        QStringList parts;
        for (const QString &sql :
             {QStringLiteral("SELECT count(*) FROM stock_movements"),
              QStringLiteral("SELECT coalesce(sum(on_hand * 7 + reserved * 13), 0) FROM stock_levels"),
              QStringLiteral("SELECT count(*) FROM orders"), QStringLiteral("SELECT coalesce(sum(version), 0) FROM orders"),
              QStringLiteral("SELECT count(*) FROM order_lines"),
              QStringLiteral("SELECT count(*) FROM order_unmatched_lines"),
              QStringLiteral("SELECT count(*) FROM order_events"), QStringLiteral("SELECT count(*) FROM imports"),
              QStringLiteral("SELECT count(*) FROM customers")}) {
            parts << QString::number(scalar(sql));
        }
        return parts.join(QLatin1Char('/'));
    }

private slots:
    void init()
    {
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open();
        QVERIFY(m_db);
        m_context = std::make_unique<ServiceContext>(
            ServiceContext {*m_db, Clock([this] { return m_now; }), QStringLiteral("clerk")});
        QVERIFY(Test::seedCatalog(*m_context, {{Leeds, 10}, {York, 20}}, {Mug, Plate}));
        QVERIFY(StockService(*m_context).receive(Mug, Leeds, 5));
        QVERIFY(StockService(*m_context).receive(Mug, York, 10));
        QVERIFY(StockService(*m_context).receive(Plate, York, 2));
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

    void newOrdersArePlacedLikeManualOnes()
    {
        const OrderImportOutcome outcome
            = import({order(QStringLiteral("#1001"), {item(Mug, 3), item(Plate, 4, 2500)}),
                      order(QStringLiteral("#1002"), {item(Mug, 4)}, QStringLiteral("pending"))});
        QVERIFY(outcome.applied);
        QCOMPARE(outcome.ordersNew, 2);
        QCOMPARE(outcome.lines, 3);
        QCOMPARE(outcome.unitsReserved, 3 + 2 + 4);
        QCOMPARE(outcome.unitsBackordered, 2);
        QVERIFY(outcome.importId > 0);

        const OrderHeader first = header(QStringLiteral("#1001"));
        QCOMPARE(first.status, QStringLiteral("backordered")); // 2 of the 4 plates are there
        QCOMPARE(first.placedAt, QStringLiteral("2026-02-20T13:55:16.000Z")); // the shop's time, not now
        QCOMPARE(first.totalCents, 3 * 1000 + 4 * 2500 + 495);
        QCOMPARE(first.paidCents, first.totalCents);
        QCOMPARE(first.paymentStatus, QStringLiteral("paid"));
        QCOMPARE(first.channelState, QStringLiteral("paid/unfulfilled"));
        QCOMPARE(first.customerName, QStringLiteral("Ada #1001"));
        const OrderHeader second = header(QStringLiteral("#1002"));
        QCOMPARE(second.status, QStringLiteral("allocated"));
        QCOMPARE(second.paidCents, 0);
        // Routing as for a manual order: Leeds first (priority 10); York for the line Leeds cannot fill whole.
        QCOMPARE(level(Mug, Leeds).reserved, 3);
        QCOMPARE(level(Mug, York).reserved, 4);
        QCOMPARE(level(Plate, York).reserved, 2);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM imports WHERE kind = 'orders' AND channel = 'shopify'")),
                 1);
    }

    void reimportChangesNothing()
    {
        const QList<ImportedOrder> file = {order(QStringLiteral("#1001"), {item(Mug, 3)}),
                                           order(QStringLiteral("#1002"), {item(Plate, 1)}, QStringLiteral("pending"))};
        QCOMPARE(import(file).ordersNew, 2);
        const QString before = fingerprint();
        const qint64 imports = scalar(QStringLiteral("SELECT count(*) FROM imports"));
        const OrderImportOutcome again = import(file);
        QVERIFY(again.applied);
        QCOMPARE(again.ordersNew, 0);
        QCOMPARE(again.ordersUnchanged, 2);
        QCOMPARE(again.ordersUpdated, 0);
        // Only the import itself is recorded again.
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM imports")), imports + 1);
        QString after = fingerprint();
        QCOMPARE(after.section(QLatin1Char('/'), 0, 6), before.section(QLatin1Char('/'), 0, 6));
        // The same orders under another channel are other orders.
        QCOMPARE(import(file, false, QStringLiteral("Shopify EU")).ordersNew, 2);
    }

    void laterExportsMoveOnlyForward()
    {
        QCOMPARE(import({order(QStringLiteral("#2001"), {item(Mug, 2)}, QStringLiteral("pending"))}).ordersNew, 1);
        const qint64 moved = movements();

        // pending → paid: forward
        OrderImportOutcome outcome = import({order(QStringLiteral("#2001"), {item(Mug, 2)})});
        QCOMPARE(outcome.ordersUpdated, 1);
        OrderHeader now = header(QStringLiteral("#2001"));
        QCOMPARE(now.paymentStatus, QStringLiteral("paid"));
        QCOMPARE(now.paidCents, 2 * 1000 + 495);
        QCOMPARE(movements(), moved); // payment moves no stock

        // paid → partially refunded → refunded
        ImportedOrder refunded = order(QStringLiteral("#2001"), {item(Mug, 2)}, QStringLiteral("partially_refunded"));
        refunded.refundedCents = 500;
        QCOMPARE(import({refunded}).ordersUpdated, 1);
        QCOMPARE(header(QStringLiteral("#2001")).refundedCents, 500);
        refunded.refundedCents = 800; // a second partial refund
        QCOMPARE(import({refunded}).ordersUpdated, 1);
        QCOMPARE(header(QStringLiteral("#2001")).refundedCents, 800);

        // An older export says pending again: kept, and said so.
        const int version = header(QStringLiteral("#2001")).version;
        outcome = import({order(QStringLiteral("#2001"), {item(Mug, 2)}, QStringLiteral("pending"))});
        QCOMPARE(outcome.ordersUpdated, 0);
        QCOMPARE(outcome.ordersUnchanged, 1);
        QCOMPARE(outcome.notices.size(), 1);
        QCOMPARE(outcome.notices.first().kind, OrderImportNotice::Kind::Kept);
        QCOMPARE(outcome.notices.first().number, header(QStringLiteral("#2001")).number);
        now = header(QStringLiteral("#2001"));
        QCOMPARE(now.paymentStatus, QStringLiteral("partially_refunded"));
        QCOMPARE(now.refundedCents, 800);
        QCOMPARE(now.version, version);
        QCOMPARE(movements(), moved);
    }

    void cancelledOnTheChannelReleasesStock()
    {
        import({order(QStringLiteral("#3001"), {item(Mug, 4)})});
        QCOMPARE(level(Mug, Leeds).reserved, 4);
        ImportedOrder cancelled = order(QStringLiteral("#3001"), {item(Mug, 4)}, QStringLiteral("voided"));
        cancelled.cancelled = true;
        // paid → voided is not a step of the payment machine: the cancellation still applies.
        const OrderImportOutcome outcome = import({cancelled});
        QCOMPARE(outcome.ordersUpdated, 1);
        QCOMPARE(header(QStringLiteral("#3001")).status, QStringLiteral("cancelled"));
        QCOMPARE(level(Mug, Leeds).reserved, 0);
        QCOMPARE(level(Mug, Leeds).onHand, 5);
        // An order cancelled before it was ever imported reserves nothing.
        ImportedOrder early = order(QStringLiteral("#3002"), {item(Mug, 1)}, QStringLiteral("voided"));
        early.cancelled = true;
        const qint64 moved = movements();
        QCOMPARE(import({early}).ordersNew, 1);
        QCOMPARE(header(QStringLiteral("#3002")).status, QStringLiteral("cancelled"));
        QCOMPARE(movements(), moved);
    }

    void fulfilledOnTheChannel()
    {
        // Fulfilled before the import: history, no stock moves (it left before we counted).
        ImportedOrder sent = order(QStringLiteral("#4001"), {item(Mug, 2)});
        sent.fulfilment = ChannelFulfilment::Fulfilled;
        const qint64 moved = movements();
        QCOMPARE(import({sent}).ordersNew, 1);
        OrderHeader history = header(QStringLiteral("#4001"));
        QCOMPARE(history.status, QStringLiteral("shipped"));
        QCOMPARE(movements(), moved);
        QCOMPARE(scalar(QStringLiteral("SELECT qty_shipped_outside FROM order_lines WHERE order_id = ?"), {history.id}), 2);

        // Partly sent before the import: the rest is placed.
        ImportedOrder partial = order(QStringLiteral("#4002"), {item(Mug, 1), item(Plate, 1)});
        partial.fulfilment = ChannelFulfilment::Partial;
        partial.lines[0].fulfilled = true;
        QCOMPARE(import({partial}).ordersNew, 1);
        QCOMPARE(header(QStringLiteral("#4002")).status, QStringLiteral("partially_shipped"));
        QCOMPARE(level(Plate, York).reserved, 1);
        QCOMPARE(level(Mug, Leeds).reserved, 0);

        // Fulfilled on the channel after the import: the goods left from what we hold for it.
        import({order(QStringLiteral("#4003"), {item(Mug, 3)})});
        QCOMPARE(level(Mug, Leeds).reserved, 3);
        ImportedOrder later = order(QStringLiteral("#4003"), {item(Mug, 3)});
        later.fulfilment = ChannelFulfilment::Fulfilled;
        QCOMPARE(import({later}).ordersUpdated, 1);
        QCOMPARE(header(QStringLiteral("#4003")).status, QStringLiteral("shipped"));
        QCOMPARE(level(Mug, Leeds).reserved, 0);
        QCOMPARE(level(Mug, Leeds).onHand, 2);
        // The same export again moves nothing twice.
        const qint64 after = movements();
        QCOMPARE(import({later}).ordersUnchanged, 1);
        QCOMPARE(movements(), after);
    }

    void unknownSkusWaitOnHoldUntilMapped()
    {
        const OrderImportOutcome outcome = import(
            {order(QStringLiteral("#5001"),
                   {item(Mug, 1), item(QString(), 2, 1500, QStringLiteral("Snowboard - Blue / M"))}),
             order(QStringLiteral("#5002"), {item(QStringLiteral("SHOP-PLT"), 1, 2500)})});
        QCOMPARE(outcome.ordersNew, 2);
        QCOMPARE(outcome.ordersOnHold, 2);
        QCOMPARE(outcome.unknownSkus, (QStringList {QStringLiteral("Snowboard - Blue / M"), QStringLiteral("SHOP-PLT")}));
        QCOMPARE(outcome.notices.size(), 2);
        const OrderHeader held = header(QStringLiteral("#5001"));
        QCOMPARE(held.status, QStringLiteral("on_hold"));
        QCOMPARE(held.unmatchedLines, 1);
        QVERIFY(held.holdReason.contains(QLatin1String("Snowboard - Blue / M")));
        QCOMPARE(level(Mug, Leeds).reserved, 1); // the known line holds its stock meanwhile
        QCOMPARE(held.totalCents, 1000 + 2 * 1500 + 495);

        // Not off hold while a line names nothing of ours.
        const Result<OrderHeader> refused = FulfilmentService(*m_context).unhold(held.number);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QLatin1String("SKU aliases")), qPrintable(refused.error().message));

        // An alias for the channel maps the platform's SKU; the order comes off hold and reserves.
        QCOMPARE(OrderImportService(*m_context).setAlias(QStringLiteral("shopify"), QStringLiteral("SHOP-PLT"), Plate).value(), 1);
        const OrderHeader mapped = header(QStringLiteral("#5002"));
        QCOMPARE(mapped.status, QStringLiteral("allocated"));
        QCOMPARE(mapped.unmatchedLines, 0);
        QCOMPARE(level(Plate, York).reserved, 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM order_lines WHERE order_id = ? AND external_sku = 'SHOP-PLT'"),
                        {mapped.id}),
                 1);

        // A name alias for every channel; a later import of a new order uses the aliases directly.
        QCOMPARE(OrderImportService(*m_context).setAlias(QString(), QStringLiteral("Snowboard - Blue / M"), Mug).value(), 1);
        QCOMPARE(header(QStringLiteral("#5001")).status, QStringLiteral("allocated"));
        QCOMPARE(level(Mug, Leeds).reserved, 3);
        const OrderImportOutcome next
            = import({order(QStringLiteral("#5003"), {item(QString(), 1, 1500, QStringLiteral("Snowboard - Blue / M")),
                                                      item(QStringLiteral("SHOP-PLT"), 1)})});
        QCOMPARE(next.ordersOnHold, 0);
        QCOMPARE(header(QStringLiteral("#5003")).lineCount, 2);

        // Aliases are listed and can be removed; an unknown alias is refused.
        QCOMPARE(OrderImportService(*m_context).aliases().value().size(), 2);
        QVERIFY(OrderImportService(*m_context).removeAlias(QStringLiteral("shopify"), QStringLiteral("SHOP-PLT")));
        QVERIFY(!OrderImportService(*m_context).removeAlias(QStringLiteral("shopify"), QStringLiteral("SHOP-PLT")));
        QVERIFY(!OrderImportService(*m_context).setAlias(QString(), QStringLiteral("X"), QStringLiteral("NOPE")));
    }

    void droppingTheLastUnknownLineLiftsTheHold()
    {
        import({order(QStringLiteral("#6001"), {item(Mug, 1), item(QStringLiteral("GHOST"), 1)}),
                order(QStringLiteral("#6002"), {item(QStringLiteral("GHOST"), 1)})});
        const OrderHeader first = header(QStringLiteral("#6001"));
        QCOMPARE(OrderImportService(*m_context).unmatchedLines().value().size(), 2);
        const Result<OrderHeader> dropped = OrderImportService(*m_context).dropUnmatchedLine(first.number, 2);
        QVERIFY2(dropped, dropped ? "" : qPrintable(dropped.error().message));
        QCOMPARE(dropped->status, QStringLiteral("allocated"));
        QVERIFY(!OrderImportService(*m_context).dropUnmatchedLine(first.number, 2));
        // An order with nothing of ours left is cancelled: there is nothing to send.
        const Result<OrderHeader> empty
            = OrderImportService(*m_context).dropUnmatchedLine(header(QStringLiteral("#6002")).number, 1);
        QVERIFY(empty);
        QCOMPARE(empty->status, QStringLiteral("cancelled"));
        QCOMPARE(OrderImportService(*m_context).unmatchedLines().value().size(), 0);
    }

    void dryRunAndRefusedFilesLeaveNothing()
    {
        const QString before = fingerprint();
        const QList<ImportedOrder> file = {order(QStringLiteral("#7001"), {item(Mug, 1)}),
                                           order(QStringLiteral("#7002"), {item(QStringLiteral("GHOST"), 1)})};
        const OrderImportOutcome dry = import(file, true);
        QVERIFY(!dry.applied);
        QCOMPARE(dry.ordersNew, 2); // what it would do
        QCOMPARE(dry.ordersOnHold, 1);
        QCOMPARE(fingerprint(), before);

        ListSource broken(file, true);
        OrderImportOptions options;
        options.channel = QStringLiteral("shopify");
        const Result<OrderImportOutcome> refused = OrderImportService(*m_context).run(broken, options);
        QVERIFY(refused);
        QVERIFY(!refused->applied);
        QCOMPARE(fingerprint(), before);

        options.channel = QStringLiteral("  ");
        QVERIFY(!OrderImportService(*m_context).run(broken, options));
    }

    void inactiveProductsWaitOnHold()
    {
        ProductRecord plate = CatalogRepository(*m_db).productBySku(Plate).value().value();
        QVERIFY(m_db->write([&]() -> Status {
            return statusOf(m_db->execute(QStringLiteral("UPDATE products SET active = 0 WHERE id = ?"), {plate.id}));
        }));
        QCOMPARE(import({order(QStringLiteral("#8001"), {item(Plate, 1)})}).ordersOnHold, 1);
        const OrderHeader held = header(QStringLiteral("#8001"));
        QCOMPARE(held.status, QStringLiteral("on_hold"));
        QVERIFY(held.holdReason.contains(QLatin1String("inactive")));
        // A manual order for it is still refused.
        PlaceOrderRequest manual;
        manual.lines = {OrderLineRequest {Plate, 1}};
        QVERIFY(!OrderService(*m_context).place(manual));
    }
};

QTEST_GUILESS_MAIN(TestOrderImportService)
#include "tst_orderimportservice.moc"
