// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderservice.h"
#include "planningservice.h"
#include "purchaseservice.h"
#include "stockservice.h"
#include "testsupport.h"
#include "transferservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <cmath>

using namespace Stockroom;

namespace {

const QString Mug = QStringLiteral("MUG");
const QString Plate = QStringLiteral("PLATE");
const QString Leeds = QStringLiteral("LEEDS");
const QString Bristol = QStringLiteral("BRISTOL");
const QString Acme = QStringLiteral("Acme");

QuantityLine line(const QString &sku, int qty)
{
    QuantityLine entry;
    entry.sku = sku;
    entry.qty = qty;
    return entry;
}

QDateTime at(int year, int month, int day, int hour = 9)
{
    return QDateTime(QDate(year, month, day), QTime(hour, 0), QTimeZone::utc());
}

QList<double> valuesOf(const DemandHistory &history)
{
    return QList<double>(history.series.values.cbegin(), history.series.values.cend());
}

QList<bool> stockoutsOf(const DemandHistory &history)
{
    QList<bool> marks;
    for (std::size_t i = 0; i < history.series.stockout.size(); ++i) {
        marks << history.series.stockout[i];
    }
    return marks;
}

} // namespace

/**
 * Planning on a real database (SQLite and PostgreSQL), with stock, orders, purchase orders and transfers
 * written by the real services on a simulated clock: demand per period with its stockouts, the ATP
 * timeline and earliest promise, and replenishment suggestions whose acceptance creates drafts. The
 * invariant checker runs after every test.
 */
class TestPlanning : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ServiceContext> m_context;
    QDateTime m_now;

    PlanningService planning() { return PlanningService(*m_context); }
    StockService stock() { return StockService(*m_context); }
    PurchaseService purchases() { return PurchaseService(*m_context); }
    TransferService transfers() { return TransferService(*m_context); }

    qint64 scalar(const QString &sql, const Binds &binds = {})
    {
        return m_db->scalar(sql, binds).value().toLongLong();
    }
    qint64 productId(const QString &sku)
    {
        return scalar(QStringLiteral("SELECT id FROM products WHERE sku = ?"), {sku});
    }
    qint64 locationId(const QString &code)
    {
        return scalar(QStringLiteral("SELECT id FROM locations WHERE code = ?"), {code});
    }

    PlacedOrder place(const QString &sku, int qty)
    {
        PlaceOrderRequest request;
        request.lines = {OrderLineRequest {sku, qty, std::nullopt}};
        request.paymentStatus = QStringLiteral("paid");
        const Result<PlacedOrder> placed = OrderService(*m_context).place(request);
        if (!placed) {
            qWarning() << placed.error().message;
            return {};
        }
        return *placed;
    }

    /** A purchase order sent to the supplier; expected "" leaves the date to the lead time. */
    PurchaseOrder orderFrom(const QString &location, const QString &expected,
                            const QList<QuantityLine> &lines)
    {
        const Result<PurchaseOrder> created = purchases().create(Acme, location, expected, lines);
        if (!created) {
            qWarning() << created.error().message;
            return {};
        }
        const Result<PurchaseOrder> ordered = purchases().order(created->number);
        return ordered ? *ordered : PurchaseOrder {};
    }

    DemandHistory history(const QString &sku, const QString &location, DemandFrequency frequency,
                          const QDate &from, const QDate &to)
    {
        const Result<DemandHistory> result = planning().demandHistory(
            productId(sku), location.isEmpty() ? 0 : locationId(location), frequency, from, to);
        if (!result) {
            qWarning() << result.error().message;
            return {};
        }
        return *result;
    }

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Run stockroomctl(const QStringList &arguments)
    {
        QProcess process;
        process.setProgram(QStringLiteral(STOCKROOMCTL));
        process.setArguments(QStringList {QStringLiteral("--db"), m_scratch->connectionString()} + arguments);
        process.start();
        if (!process.waitForFinished(120'000)) {
            return {};
        }
        return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    }

    int availableOn(const AtpTimeline &timeline, const QDate &day)
    {
        for (const AtpPoint &point : timeline.points) {
            if (point.date == day) {
                return point.available;
            }
        }
        return -999999;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_now = at(2026, 1, 5);
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open();
        QVERIFY(m_db);
        m_context.reset(
            new ServiceContext {*m_db, Clock([this] { return m_now; }), QStringLiteral("planner")});
        QVERIFY(Test::seedCatalog(*m_context, {{Leeds, 10}, {Bristol, 20}}, {Mug, Plate}));
        QVERIFY(purchases().addSupplier(Acme, QStringLiteral("orders@acme.test"), 10));
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

    void demandHistoryWithStockouts()
    {
        // Week of 5 Jan: 10 mugs arrive on Monday 09:00, 2 and 3 are ordered.
        QVERIFY(stock().receive(Mug, Leeds, 10));
        m_now = at(2026, 1, 5, 10);
        QCOMPARE(place(Mug, 2).status, QStringLiteral("allocated"));
        m_now = at(2026, 1, 7);
        QCOMPARE(place(Mug, 3).status, QStringLiteral("allocated"));
        // Week of 12 Jan: the last 5 go on Monday 10:00; Tuesday's 2 wait, and so does a plate nobody stocks.
        m_now = at(2026, 1, 12, 10);
        QCOMPARE(place(Mug, 5).status, QStringLiteral("allocated"));
        m_now = at(2026, 1, 13);
        QCOMPARE(place(Mug, 2).status, QStringLiteral("backordered"));
        QCOMPARE(place(Plate, 3).status, QStringLiteral("backordered"));
        // Week of 19 Jan: 20 arrive on Monday 08:00 and fill the backorder at Leeds; 4 are ordered, and
        // 3 ordered then cancelled, which is no demand.
        m_now = at(2026, 1, 19, 8);
        QVERIFY(stock().receive(Mug, Leeds, 20));
        m_now = at(2026, 1, 21);
        QCOMPARE(place(Mug, 4).status, QStringLiteral("allocated"));
        m_now = at(2026, 1, 22);
        const PlacedOrder cancelled = place(Mug, 3);
        QVERIFY(OrderService(*m_context).cancel(cancelled.number));
        // Week of 26 Jan: nothing. Today is Monday 2 February.
        m_now = at(2026, 2, 2, 12);

        // Weekly over Leeds: periods before the first receipt are not history; the week the shelf was
        // empty from Monday 10:00 on is a stockout; the backorder counts in the week it was placed.
        const QDate from(2025, 12, 1);
        const QDate to(2026, 2, 9);
        DemandHistory weekly = history(Mug, Leeds, DemandFrequency::Week, from, to);
        QCOMPARE(
            weekly.periods,
            (QList<QDate> {QDate(2026, 1, 5), QDate(2026, 1, 12), QDate(2026, 1, 19), QDate(2026, 1, 26)}));
        QCOMPARE(valuesOf(weekly), (QList<double> {5, 7, 4, 0}));
        QCOMPARE(stockoutsOf(weekly), (QList<bool> {false, true, false, false}));
        QVERIFY(std::abs(weekly.outShare[1] - 158.0 / 168.0) < 1e-9);
        QVERIFY(std::abs(weekly.outShare[2] - 8.0 / 168.0) < 1e-9);
        QCOMPARE(weekly.outShare[0], 0.0); // the hours before the first receipt are not history
        QCOMPARE(weekly.series.observedCount(), std::size_t(3));

        // All locations: the same here (one location holds every mug).
        const DemandHistory overall = history(Mug, QString(), DemandFrequency::Week, from, to);
        QCOMPARE(valuesOf(overall), valuesOf(weekly));
        QCOMPARE(stockoutsOf(overall), stockoutsOf(weekly));

        // Daily: Monday 12 Jan is out for 14 of 24 hours, Tuesday and Sunday 18th all day; Monday 19th
        // only until 08:00.
        const DemandHistory daily
            = history(Mug, Leeds, DemandFrequency::Day, QDate(2026, 1, 11), QDate(2026, 1, 20));
        QCOMPARE(daily.periods.size(), 9);
        QCOMPARE(valuesOf(daily), (QList<double> {0, 5, 2, 0, 0, 0, 0, 0, 0}));
        QCOMPARE(stockoutsOf(daily), (QList<bool> {false, true, true, true, true, true, true, true, false}));

        // Monthly: January, from the first receipt on; out about a quarter of that time.
        const DemandHistory monthly = history(Mug, Leeds, DemandFrequency::Month, from, to);
        QCOMPARE(monthly.periods, QList<QDate> {QDate(2026, 1, 1)});
        QCOMPARE(valuesOf(monthly), QList<double> {16});
        QCOMPARE(stockoutsOf(monthly), QList<bool> {false});

        // Nothing ever happened to mugs at Bristol: no history at all.
        QCOMPARE(history(Mug, Bristol, DemandFrequency::Week, from, to).size(), 0);
        // The plate was ordered but never stocked: its history starts with the order and is all stockout;
        // at Leeds it has none (nothing was routed there).
        const DemandHistory plate = history(Plate, QString(), DemandFrequency::Week, from, to);
        QCOMPARE(plate.periods.first(), QDate(2026, 1, 12));
        QCOMPARE(valuesOf(plate), (QList<double> {3, 0, 0}));
        QCOMPARE(stockoutsOf(plate), (QList<bool> {true, true, true}));
        QCOMPARE(history(Plate, Leeds, DemandFrequency::Week, from, to).size(), 0);

        // Bad input is refused with a message.
        const Result<DemandHistory> backwards
            = planning().demandHistory(productId(Mug), 0, DemandFrequency::Week, to, from);
        QVERIFY(!backwards);
        QCOMPARE(backwards.error().kind, Error::Kind::Usage);
    }

    void atpTimelineAndPromise()
    {
        m_now = at(2026, 3, 2);
        const QDate today(2026, 3, 2);
        QVERIFY(stock().receive(Mug, Leeds, 10));
        QVERIFY(stock().receive(Mug, Bristol, 6));
        QVERIFY(stock().receive(Plate, Bristol, 5));
        QCOMPARE(place(Mug, 4).lines.first().allocations.first().locationCode, Leeds);
        // Five mugs leave Bristol for Leeds today; the route was never travelled: 2 days by default.
        const Result<Transfer> created = transfers().create(Bristol, Leeds, {line(Mug, 5)});
        QVERIFY2(created, qPrintable(created.error().message));
        QVERIFY(transfers().request(created->number));
        QVERIFY(transfers().ship(created->number));
        // Nine more: 6 from Leeds, 1 from Bristol, 2 wait.
        const PlacedOrder waiting = place(Mug, 9);
        QCOMPARE(waiting.status, QStringLiteral("backordered"));
        QCOMPARE(waiting.lines.first().backordered, 2);
        // 20 due at Leeds on 9 March; 8 for Bristol with no date: ordered today + 10 days' lead time.
        const PurchaseOrder leedsPo = orderFrom(Leeds, QStringLiteral("2026-03-09"), {line(Mug, 20)});
        QCOMPARE(leedsPo.status, QStringLiteral("ordered"));
        const PurchaseOrder bristolPo = orderFrom(Bristol, QString(), {line(Mug, 8)});
        QCOMPARE(bristolPo.status, QStringLiteral("ordered"));
        // A draft is not committed supply.
        QVERIFY(purchases().create(Acme, Leeds, QStringLiteral("2026-03-05"), {line(Mug, 100)}));

        const Result<AtpTimeline> leeds = planning().atp(productId(Mug), locationId(Leeds), 28);
        QVERIFY2(leeds, qPrintable(leeds.error().message));
        QCOMPARE(leeds->points.size(), 28);
        QCOMPARE(leeds->points.first().date, today);
        QCOMPARE(availableOn(*leeds, today), 0);
        QCOMPARE(availableOn(*leeds, QDate(2026, 3, 3)), 0);
        QCOMPARE(availableOn(*leeds, QDate(2026, 3, 4)), 3); // 5 arrive, the 2 waiting take theirs
        QCOMPARE(availableOn(*leeds, QDate(2026, 3, 8)), 3);
        QCOMPARE(availableOn(*leeds, QDate(2026, 3, 9)), 23);
        QCOMPARE(leeds->points.last().available, 23);
        QCOMPARE(leeds->backordersUncovered, 0);
        QStringList kinds;
        for (const AtpEvent &event : leeds->events) {
            kinds << QStringLiteral("%1 %2 %3 %4")
                         .arg(event.date.toString(Qt::ISODate), atpEventKindName(event.kind))
                         .arg(event.qty)
                         .arg(event.reference);
        }
        QCOMPARE(kinds,
                 (QStringList {
                     QStringLiteral("2026-03-02 on_hand 10 "),
                     QStringLiteral("2026-03-02 reserved -10 "),
                     QStringLiteral("2026-03-04 transfer_arrival 5 ") + created->number,
                     QStringLiteral("2026-03-04 backorder_fill -2 ") + waiting.number,
                     QStringLiteral("2026-03-09 purchase_arrival 20 ") + leedsPo.number,
                 }));
        QVERIFY(leeds->events.at(2).estimated);
        QVERIFY(!leeds->events.at(4).estimated);

        // All locations: the backorder is owed from today; Bristol's PO comes on its lead time.
        const Result<AtpTimeline> all = planning().atp(productId(Mug), 0, 28);
        QVERIFY2(all, qPrintable(all.error().message));
        QCOMPARE(availableOn(*all, today), -2);
        QCOMPARE(availableOn(*all, QDate(2026, 3, 4)), 3);
        QCOMPARE(availableOn(*all, QDate(2026, 3, 9)), 23);
        QCOMPARE(availableOn(*all, QDate(2026, 3, 11)), 23);
        QCOMPARE(availableOn(*all, QDate(2026, 3, 12)), 31);
        const auto bristolArrival
            = std::find_if(all->events.cbegin(), all->events.cend(),
                           [&](const AtpEvent &e) { return e.reference == bristolPo.number; });
        QVERIFY(bristolArrival != all->events.cend());
        QVERIFY(bristolArrival->estimated);
        QCOMPARE(bristolArrival->date, QDate(2026, 3, 12));

        // A caller's forecast band: 7 a week from today, so 3 a day... spread evenly: 1 a day.
        ForecastBand band;
        band.frequency = DemandFrequency::Week;
        band.start = today;
        band.forecast.method = QStringLiteral("given");
        band.forecast.mean = {7, 7, 7, 7, 7};
        band.forecast.lo95 = {3, 3, 3, 3, 3};
        band.forecast.hi95 = {11, 11, 11, 11, 11};
        const Result<AtpTimeline> withBand
            = planning().atp(productId(Mug), locationId(Leeds), 28, true, band);
        QVERIFY(withBand);
        QVERIFY(withBand->hasForecast);
        QCOMPARE(withBand->forecastMethod, QStringLiteral("given"));
        QVERIFY(std::abs(withBand->points.at(8).afterForecast - (23 - 9.0)) < 1e-9);
        QVERIFY(withBand->points.at(8).afterForecastLo < withBand->points.at(8).afterForecast);
        QVERIFY(withBand->points.at(8).afterForecastHi > withBand->points.at(8).afterForecast);
        // The service's own forecast from the history (a few days of it) also draws a band.
        const Result<AtpTimeline> computed = planning().atp(productId(Mug), 0, 14, true);
        QVERIFY2(computed, qPrintable(computed.error().message));
        QVERIFY(computed->hasForecast);

        // Earliest promises: 3 on 4 March from Leeds (after the 2 waiting); 4 only when the PO comes.
        Result<Promise> promise = planning().earliestPromise(productId(Mug), 3);
        QVERIFY2(promise, qPrintable(promise.error().message));
        QVERIFY(promise->possible);
        QCOMPARE(promise->date, QDate(2026, 3, 4));
        QCOMPARE(promise->sources.size(), 1);
        QCOMPARE(promise->sources.first().locationCode, Leeds);
        promise = planning().earliestPromise(productId(Mug), 4);
        QVERIFY(promise && promise->possible);
        QCOMPARE(promise->date, QDate(2026, 3, 9));
        // From Bristol only: its purchase order.
        promise = planning().earliestPromise(productId(Mug), 5, locationId(Bristol));
        QVERIFY(promise && promise->possible);
        QCOMPARE(promise->date, QDate(2026, 3, 12));
        QCOMPARE(promise->sources.first().locationCode, Bristol);
        // More than will come in four weeks.
        promise = planning().earliestPromise(productId(Mug), 40, 0, 28);
        QVERIFY(promise);
        QVERIFY(!promise->possible);
        QCOMPARE(promise->coveredWithinHorizon, 31);
        QVERIFY(promise->explanation.contains(QStringLiteral("cannot be promised")));
        // Plates on the shelf at Bristol: today.
        promise = planning().earliestPromise(productId(Plate), 3);
        QVERIFY(promise && promise->possible);
        QCOMPARE(promise->date, today);
        QCOMPARE(promise->sources.first().locationCode, Bristol);
        // Bad input.
        QCOMPARE(planning().earliestPromise(productId(Mug), 0).error().kind, Error::Kind::Usage);
        QCOMPARE(planning().atp(productId(Mug), 0, 0).error().kind, Error::Kind::Usage);

        // The transfer arrives: the timeline follows the ledger (Leeds keeps 3 after the backorder).
        m_now = at(2026, 3, 4);
        QVERIFY(transfers().receive(created->number, {line(Mug, 5)}));
        const Result<AtpTimeline> after = planning().atp(productId(Mug), locationId(Leeds), 28);
        QVERIFY(after);
        QCOMPARE(after->points.first().available, 3);
        QCOMPARE(after->points.last().available, 23);
    }

    void replenishmentSuggestionsAndAcceptance()
    {
        // Twelve weeks of steady demand at Leeds (8 and 12 a week) for mugs and plates, bought from Acme.
        m_now = at(2025, 12, 1);
        const PurchaseOrder first
            = orderFrom(Leeds, QStringLiteral("2025-12-01"), {line(Mug, 125), line(Plate, 125)});
        QVERIFY(purchases().receive(first.number, {line(Mug, 125), line(Plate, 125)}));
        // Plates sit idle at Bristol: nobody buys them there.
        QVERIFY(stock().receive(Plate, Bristol, 8));
        for (int week = 0; week < 12; ++week) {
            const int qty = week % 2 == 0 ? 4 : 6;
            for (int day : {1, 4}) {
                m_now = at(2025, 12, 1 + day).addDays(7 * week);
                QCOMPARE(place(Mug, qty).status, QStringLiteral("allocated"));
                QCOMPARE(place(Plate, qty).status, QStringLiteral("allocated"));
            }
        }
        m_now = at(2026, 2, 23); // a Monday: twelve whole weeks behind, 5 of each left at Leeds

        PlanningOptions options;
        options.reviewPeriodDays = 7;
        options.serviceLevel = 0.95;
        const Result<ReplenishmentReport> report = planning().replenishment(0, options);
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(report->purchases.size(), 1);
        const SupplierSuggestions &acme = report->purchases.first();
        QCOMPARE(acme.supplier.name, Acme);
        const auto buyMug
            = std::find_if(acme.lines.cbegin(), acme.lines.cend(), [](const PurchaseSuggestion &s) {
                  return s.id == QStringLiteral("buy:MUG@LEEDS");
              });
        QVERIFY(buyMug != acme.lines.cend());
        const ReplenishmentPlan &mugPlan = buyMug->plan;
        QCOMPARE(mugPlan.input.onHand, 125); // the orders are not shipped yet: reserved
        QCOMPARE(mugPlan.input.reserved, 120);
        QCOMPARE(mugPlan.projected, 5);
        QCOMPARE(mugPlan.input.leadTimeDays, 10.0);
        QVERIFY(mugPlan.atRisk());
        // About 10 a week over 10 days' lead time + 7 days' review: ~24 units plus safety stock.
        QVERIFY2(mugPlan.orderUpToUnits >= 24 && mugPlan.orderUpToUnits <= 45,
                 qPrintable(QString::number(mugPlan.orderUpToUnits)));
        QCOMPARE(buyMug->qty, mugPlan.suggestedQty);
        QVERIFY(buyMug->qty >= mugPlan.orderUpToUnits - mugPlan.projected);
        QVERIFY(!mugPlan.reason.isEmpty());
        QVERIFY(!buyMug->forecastMethod.isEmpty());

        // Plates: Bristol's idle 8 go to Leeds first, the rest is bought.
        QCOMPARE(report->transfers.size(), 1);
        const TransferProposal &move = report->transfers.first();
        QCOMPARE(move.id, QStringLiteral("move:PLATE@BRISTOL:LEEDS"));
        QCOMPARE(move.transfer.qty, 8);
        QVERIFY(!move.transfer.reason.isEmpty());
        const auto buyPlate
            = std::find_if(acme.lines.cbegin(), acme.lines.cend(), [](const PurchaseSuggestion &s) {
                  return s.id == QStringLiteral("buy:PLATE@LEEDS");
              });
        QVERIFY(buyPlate != acme.lines.cend());
        QCOMPARE(buyPlate->qty, buyMug->qty - 8);

        // One location's view lists only its own suggestions.
        const Result<ReplenishmentReport> bristol = planning().replenishment(locationId(Bristol), options);
        QVERIFY(bristol);
        QVERIFY(bristol->purchases.isEmpty());
        QCOMPARE(bristol->transfers.size(), 1);

        // An unknown id is refused before anything is created.
        const qint64 purchaseOrders = scalar(QStringLiteral("SELECT count(*) FROM purchase_orders"));
        const Result<AcceptedSuggestions> unknown = planning().accept(
            {QStringLiteral("buy:MUG@LEEDS"), QStringLiteral("buy:NOPE@LEEDS")}, 0, options);
        QVERIFY(!unknown);
        QVERIFY(unknown.error().message.contains(QStringLiteral("buy:NOPE@LEEDS")));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM purchase_orders")), purchaseOrders);

        // Accepting the mug creates a draft purchase order with the suggested quantity, due after the lead time.
        const Result<AcceptedSuggestions> accepted
            = planning().accept({QStringLiteral("buy:MUG@LEEDS")}, 0, options);
        QVERIFY2(accepted, qPrintable(accepted.error().message));
        QCOMPARE(accepted->purchaseOrders.size(), 1);
        QVERIFY(accepted->transfers.isEmpty());
        const PurchaseOrder &draft = accepted->purchaseOrders.first();
        QCOMPARE(draft.status, QStringLiteral("draft"));
        QCOMPARE(draft.supplier, Acme);
        QCOMPARE(draft.locationCode, Leeds);
        QCOMPARE(draft.expectedAt, QStringLiteral("2026-03-05"));
        QCOMPARE(draft.lines.size(), 1);
        QCOMPARE(draft.lines.first().sku, Mug);
        QCOMPARE(draft.lines.first().ordered, buyMug->qty);
        QVERIFY(draft.note.contains(QStringLiteral("replenishment")));

        // The transfer and the plates together: a draft transfer and a second draft purchase order.
        const Result<AcceptedSuggestions> rest
            = planning().accept({move.id, QStringLiteral("buy:PLATE@LEEDS")}, 0, options);
        QVERIFY2(rest, qPrintable(rest.error().message));
        QCOMPARE(rest->transfers.size(), 1);
        QCOMPARE(rest->transfers.first().status, QStringLiteral("draft"));
        QCOMPARE(rest->transfers.first().fromCode, Bristol);
        QCOMPARE(rest->transfers.first().lines.first().qty, 8);
        QCOMPARE(rest->purchaseOrders.size(), 1);
        QCOMPARE(rest->purchaseOrders.first().lines.first().ordered, buyPlate->qty);

        // Drafts count as decided: nothing accepted is suggested again, and accepting it twice is refused.
        const Result<ReplenishmentReport> after = planning().replenishment(0, options);
        QVERIFY2(after, qPrintable(after.error().message));
        QVERIFY(after->transfers.isEmpty());
        for (const SupplierSuggestions &group : after->purchases) {
            for (const PurchaseSuggestion &suggestion : group.lines) {
                QVERIFY2(suggestion.id != QLatin1String("buy:MUG@LEEDS")
                             && suggestion.id != QLatin1String("buy:PLATE@LEEDS"),
                         qPrintable(suggestion.id));
            }
        }
        const qint64 drafts
            = scalar(QStringLiteral("SELECT count(*) FROM purchase_orders WHERE status = 'draft'"));
        QVERIFY(!planning().accept({QStringLiteral("buy:MUG@LEEDS")}, 0, options));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM purchase_orders WHERE status = 'draft'")),
                 drafts);
    }

    void commandLine()
    {
        // stockroomctl plans on the wall clock: the history ends last week.
        const QDate thisMonday = periodStart(QDateTime::currentDateTimeUtc().date(), DemandFrequency::Week);
        m_now = QDateTime(thisMonday.addDays(-7 * 10), QTime(9, 0), QTimeZone::utc());
        const PurchaseOrder first = orderFrom(Leeds, QString(), {line(Mug, 55)});
        QVERIFY(purchases().receive(first.number, {line(Mug, 55)}));
        for (int week = 0; week < 10; ++week) {
            m_now = QDateTime(thisMonday.addDays(-7 * (10 - week) + 2), QTime(11, 0), QTimeZone::utc());
            QCOMPARE(place(Mug, week % 2 == 0 ? 4 : 6).status, QStringLiteral("allocated"));
        }
        m_now = QDateTime::currentDateTimeUtc();

        Run run = stockroomctl({QStringLiteral("replenish"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject report = QJsonDocument::fromJson(run.out).object();
        const QJsonArray purchases = report.value(QStringLiteral("purchases")).toArray();
        QCOMPARE(purchases.size(), 1);
        QCOMPARE(purchases.first()[QStringLiteral("supplier")].toString(), Acme);
        const QJsonObject mug = purchases.first()[QStringLiteral("lines")].toArray().first().toObject();
        QCOMPARE(mug[QStringLiteral("id")].toString(), QStringLiteral("buy:MUG@LEEDS"));
        QCOMPARE(mug[QStringLiteral("projected")].toInt(), 5);
        const int suggested = mug[QStringLiteral("qty")].toInt();
        QVERIFY(suggested > 0);
        QVERIFY(!mug[QStringLiteral("reason")].toString().isEmpty());

        // The table names the same suggestion.
        run = stockroomctl({QStringLiteral("replenish"), QStringLiteral("--location"), Leeds});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("buy:MUG@LEEDS"));
        QVERIFY(run.out.contains("Acme"));

        // Refusals: an unknown id (1), a bad service level (2), an unknown location (1).
        run = stockroomctl(
            {QStringLiteral("replenish"), QStringLiteral("--accept"), QStringLiteral("buy:CUP@LEEDS")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("buy:CUP@LEEDS"));
        run = stockroomctl(
            {QStringLiteral("replenish"), QStringLiteral("--service-level"), QStringLiteral("120")});
        QCOMPARE(run.exitCode, 2);
        run = stockroomctl(
            {QStringLiteral("replenish"), QStringLiteral("--location"), QStringLiteral("NOWHERE")});
        QCOMPARE(run.exitCode, 1);

        // Accepting makes a draft purchase order with the suggested quantity.
        run = stockroomctl({QStringLiteral("replenish"), QStringLiteral("--accept"),
                            QStringLiteral("buy:MUG@LEEDS"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject accepted = QJsonDocument::fromJson(run.out).object();
        const QJsonObject po = accepted[QStringLiteral("purchase_orders")].toArray().first().toObject();
        QCOMPARE(po[QStringLiteral("status")].toString(), QStringLiteral("draft"));
        QCOMPARE(po[QStringLiteral("lines")].toArray().first()[QStringLiteral("qty")].toInt(), suggested);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM purchase_orders WHERE status = 'draft'")), 1);

        // ATP: the 5 left can be promised today; 6 not within 4 weeks (the draft is not supply).
        run = stockroomctl({QStringLiteral("atp"), QStringLiteral("--sku"), Mug, QStringLiteral("--qty"),
                            QStringLiteral("5"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject atp = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(atp[QStringLiteral("points")].toArray().size(), 56);
        QCOMPARE(atp[QStringLiteral("points")].toArray().first()[QStringLiteral("available")].toInt(), 5);
        QCOMPARE(atp[QStringLiteral("promise")][QStringLiteral("possible")].toBool(), true);
        QCOMPARE(atp[QStringLiteral("promise")][QStringLiteral("date")].toString(),
                 QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate));
        run = stockroomctl({QStringLiteral("atp"), QStringLiteral("--sku"), Mug, QStringLiteral("--location"),
                            Leeds, QStringLiteral("--qty"), QStringLiteral("6"), QStringLiteral("--weeks"),
                            QStringLiteral("4"), QStringLiteral("--forecast")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.contains("cannot be promised"));
        run = stockroomctl({QStringLiteral("atp"), QStringLiteral("--sku"), QStringLiteral("CUP")});
        QCOMPARE(run.exitCode, 1);
        run = stockroomctl({QStringLiteral("atp"), QStringLiteral("--sku"), Mug, QStringLiteral("--weeks"),
                            QStringLiteral("0")});
        QCOMPARE(run.exitCode, 2);

        // At order entry: a line served from stock needs no promise; a line that ends up backordered says
        // what could be promised for it (nothing within the 8 weeks here: the only purchase order is a
        // draft, which is not supply).
        run = stockroomctl({QStringLiteral("place-order"), QStringLiteral("--line"), QStringLiteral("MUG:1"),
                            QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(QJsonDocument::fromJson(run.out).object()[QStringLiteral("promises")].toArray().isEmpty());
        run = stockroomctl({QStringLiteral("place-order"), QStringLiteral("--line"), QStringLiteral("MUG:8"),
                            QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray promises
            = QJsonDocument::fromJson(run.out).object()[QStringLiteral("promises")].toArray();
        QCOMPARE(promises.size(), 1);
        QCOMPARE(promises.first()[QStringLiteral("sku")].toString(), Mug);
        QCOMPARE(promises.first()[QStringLiteral("possible")].toBool(), false);
        QVERIFY(promises.first()[QStringLiteral("explanation")].toString().contains(
            QLatin1String("cannot be promised")));
    }
};

QTEST_GUILESS_MAIN(TestPlanning)
#include "tst_planning.moc"
