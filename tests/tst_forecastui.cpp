// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogservice.h"
#include "changefeed.h"
#include "forecastcontroller.h"
#include "orderservice.h"
#include "planningservice.h"
#include "purchaseservice.h"
#include "session.h"
#include "stockservice.h"
#include "testsupport.h"

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

/** Whole weeks of mug history before the current one. */
constexpr int Weeks = 30;
/** The weeks in which Leeds had no mug to sell. */
constexpr int FirstOut = 12;
constexpr int LastOut = 13;
/** Days until the purchase order of plates arrives. */
constexpr int PlatesDueIn = 10;

int mugsOrdered(int week)
{
    return 10 + (week % 4) * 2;
}

QDate todayUtc()
{
    return QDateTime::currentDateTimeUtc().date();
}

double msecsOf(const QDate &day)
{
    return double(QDateTime(day, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch());
}

} // namespace

/**
 * The Forecast view's controller over a real database through the session's worker thread (SQLite and
 * PostgreSQL). Thirty weeks of mug orders with two weeks out of stock are written by the real services on a
 * simulated clock that ends last week: the controller reads the history once (stockouts marked as the
 * planning service marks them), forecasts it with both bands, a method and a backtest; method, horizon,
 * service level and lead time recompute without reading again; the ATP timeline lists a purchase order's
 * arrival and the earliest promise waits for it; a simulated reorder policy is applied to the database and
 * undone; and another connection's receipt reaches the view through the change feed.
 */
class TestForecastUi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ServiceContext> m_context;
    QDateTime m_now;
    QDate m_firstMonday;
    QString m_plateOrder;

    QDateTime at(int week, int day, int hour) const
    {
        return QDateTime(m_firstMonday.addDays(7 * week + day), QTime(hour, 0), QTimeZone::utc());
    }

    bool place(const QString &sku, int qty)
    {
        PlaceOrderRequest request;
        OrderLineRequest line;
        line.sku = sku;
        line.qty = qty;
        request.lines = {line};
        request.paymentStatus = QStringLiteral("paid");
        const Result<PlacedOrder> placed = OrderService(*m_context).place(request);
        if (!placed) {
            qWarning() << placed.error().message;
        }
        return bool(placed);
    }

    QPair<int, int> reorderSettings(const QString &sku, const QString &location)
    {
        const Result<QList<StockLevelRow>> levels = StockRepository(*m_db).levels(sku, location);
        if (!levels || levels->isEmpty()) {
            return {-1, -1};
        }
        return {levels->first().reorderPoint, levels->first().reorderQty};
    }

    static bool settle(ForecastController *forecast)
    {
        return QTest::qWaitFor([forecast] { return forecast->loaded() && forecast->settled(); }, 60'000);
    }

    static QVariantMap eventOfKind(ForecastController *forecast, const QString &kind)
    {
        for (const QVariant &event : forecast->atpEvents()) {
            if (event.toMap().value(QStringLiteral("kind")).toString() == kind) {
                return event.toMap();
            }
        }
        return {};
    }

    static int availableOn(ForecastController *forecast, const QDate &day)
    {
        for (const QVariant &point : forecast->atpPoints()) {
            if (point.toMap().value(QStringLiteral("x")).toDouble() == msecsOf(day)) {
                return point.toMap().value(QStringLiteral("available")).toInt();
            }
        }
        return -999'999;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open(QStringLiteral("seed"));
        QVERIFY(m_db);
        m_context.reset(new ServiceContext {*m_db, Clock([this] { return m_now; }), QStringLiteral("seed")});
        m_firstMonday = periodStart(todayUtc(), DemandFrequency::Week).addDays(-7 * Weeks);
        m_now = at(0, 0, 7);
        QVERIFY(Test::seedCatalog(*m_context, {{Leeds, 10}, {Bristol, 20}}, {Mug, Plate}));
        QVERIFY(PurchaseService(*m_context).addSupplier(Acme, QStringLiteral("orders@acme.test"), 10));

        // Mugs at Leeds: 100 on the shelf, one order a week on Tuesday, the same number back on Wednesday;
        // on the Monday of week FirstOut the shelf is found empty (written off) and stays so until the Monday
        // after LastOut, when the backorders are filled and the shelf is stocked again.
        StockService stock(*m_context);
        m_now = at(0, 0, 8);
        QVERIFY(stock.receive(Mug, Leeds, 100));
        int owed = 0;
        for (int week = 0; week < Weeks; ++week) {
            if (week == FirstOut) {
                m_now = at(week, 0, 8);
                QVERIFY(stock.adjust(Mug, Leeds, -100, QStringLiteral("found broken")));
            }
            if (week == LastOut + 1) {
                m_now = at(week, 0, 8);
                QVERIFY(stock.receive(Mug, Leeds, 100 + owed));
            }
            m_now = at(week, 1, 10);
            QVERIFY(place(Mug, mugsOrdered(week)));
            if (week >= FirstOut && week <= LastOut) {
                owed += mugsOrdered(week);
                continue;
            }
            m_now = at(week, 2, 9);
            QVERIFY(stock.receive(Mug, Leeds, mugsOrdered(week)));
        }

        // Plates: 5 at Leeds now, 40 more ordered from Acme for delivery in PlatesDueIn days.
        m_now = QDateTime::currentDateTimeUtc();
        QVERIFY(stock.receive(Plate, Leeds, 5));
        QuantityLine plates;
        plates.sku = Plate;
        plates.qty = 40;
        const Result<PurchaseOrder> created
            = PurchaseService(*m_context)
                  .create(Acme, Leeds, todayUtc().addDays(PlatesDueIn).toString(Qt::ISODate), {plates});
        QVERIFY2(created, qPrintable(created.error().message));
        QVERIFY(PurchaseService(*m_context).order(created->number));
        m_plateOrder = created->number;
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

    void opensOnAProductByItself()
    {
        Session session(m_scratch->spec(), QStringLiteral("Tess"));
        ForecastController *forecast = session.forecast();
        forecast->setActive(true);
        QVERIFY(settle(forecast));
        // Nothing was shipped in the last 90 days: the first product by SKU.
        QCOMPARE(forecast->sku(), Mug);
        QCOMPARE(forecast->product().value(QStringLiteral("name")).toString(), QStringLiteral("Product MUG"));
    }

    void loadsHistoryWithStockoutsAndForecasts()
    {
        Session session(m_scratch->spec(), QStringLiteral("Tess"));
        ForecastController *forecast = session.forecast();
        forecast->setSku(Mug);
        forecast->setActive(true);
        QVERIFY(settle(forecast));
        QVERIFY2(forecast->message().isEmpty(), qPrintable(forecast->message()));
        QCOMPARE(forecast->historyFetches(), 1);

        // One period per whole week, the units ordered, the empty weeks marked.
        const QVariantList history = forecast->history();
        QCOMPARE(history.size(), Weeks);
        for (int week = 0; week < Weeks; ++week) {
            const QVariantMap period = history.at(week).toMap();
            QCOMPARE(period.value(QStringLiteral("x")).toDouble(), msecsOf(m_firstMonday.addDays(7 * week)));
            QCOMPARE(period.value(QStringLiteral("end")).toDouble(),
                     msecsOf(m_firstMonday.addDays(7 * week + 7)));
            QCOMPARE(period.value(QStringLiteral("y")).toInt(), mugsOrdered(week));
            QCOMPARE(period.value(QStringLiteral("out")).toBool(), week >= FirstOut && week <= LastOut);
        }
        QCOMPARE(forecast->stockoutPeriods(), 2);
        // The same history as the planning service reads.
        ServiceContext now {*m_db, Clock(), QStringLiteral("check")};
        const qint64 mugId
            = m_db->scalar(QStringLiteral("SELECT id FROM products WHERE sku = ?"), {Mug})->toLongLong();
        const Result<DemandHistory> direct = PlanningService(now).demandHistory(
            mugId, 0, DemandFrequency::Week, todayUtc().addDays(-7 * 156), todayUtc().addDays(1));
        QVERIFY(direct);
        QCOMPARE(direct->size(), Weeks);
        for (int week = 0; week < Weeks; ++week) {
            QCOMPARE(history.at(week).toMap().value(QStringLiteral("y")).toDouble(),
                     direct->series.values[std::size_t(week)]);
            QCOMPARE(history.at(week).toMap().value(QStringLiteral("out")).toBool(),
                     !direct->series.isObserved(std::size_t(week)));
        }

        // The forecast: from the current week, 13 weeks, both bands around the mean.
        const QVariantList steps = forecast->forecast();
        QCOMPARE(steps.size(), 13);
        QCOMPARE(steps.first().toMap().value(QStringLiteral("x")).toDouble(),
                 msecsOf(periodStart(todayUtc(), DemandFrequency::Week)));
        bool spread = false;
        for (const QVariant &entry : steps) {
            const QVariantMap step = entry.toMap();
            const double mean = step.value(QStringLiteral("mean")).toDouble();
            QVERIFY(step.value(QStringLiteral("lo95")).toDouble()
                    <= step.value(QStringLiteral("lo80")).toDouble());
            QVERIFY(step.value(QStringLiteral("lo80")).toDouble() <= mean);
            QVERIFY(mean <= step.value(QStringLiteral("hi80")).toDouble());
            QVERIFY(step.value(QStringLiteral("hi80")).toDouble()
                    <= step.value(QStringLiteral("hi95")).toDouble());
            QVERIFY(mean > 8 && mean < 20); // the mugs sell 10 to 16 a week
            spread = spread
                || step.value(QStringLiteral("hi95")).toDouble()
                    > step.value(QStringLiteral("lo95")).toDouble() + 1;
        }
        QVERIFY(spread);
        const QVariantMap fit = forecast->fit();
        QVERIFY(!fit.value(QStringLiteral("method")).toString().isEmpty());
        QVERIFY(fit.value(QStringLiteral("method")).toString() != QLatin1String("none"));
        QCOMPARE(fit.value(QStringLiteral("automatic")).toBool(), true);
        QCOMPARE(fit.value(QStringLiteral("demandClass")).toString(), QStringLiteral("smooth"));
        QCOMPARE(fit.value(QStringLiteral("observed")).toInt(), Weeks - 2); // the stockouts are not learnt
        QCOMPARE(fit.value(QStringLiteral("backtested")).toBool(), true);
        QCOMPARE(fit.value(QStringLiteral("origins")).toInt(), 8);
        QVERIFY(std::isfinite(fit.value(QStringLiteral("mase")).toDouble()));
        QVERIFY(fit.value(QStringLiteral("smape")).toDouble() >= 0);

        // Replenishment over all locations: 100 available + nothing coming; a week's lead time asks little.
        const QVariantMap plan = forecast->plan();
        QCOMPARE(plan.value(QStringLiteral("projected")).toInt(), 100);
        QVERIFY(plan.value(QStringLiteral("reorderPoint")).toInt() > 0);
        QVERIFY(plan.value(QStringLiteral("orderUpTo")).toInt()
                >= plan.value(QStringLiteral("reorderPoint")).toInt());
        QCOMPARE(plan.value(QStringLiteral("suggestedQty")).toInt(), 0);
        QVERIFY(!plan.value(QStringLiteral("reason")).toString().isEmpty());

        // An unknown product says so.
        forecast->setSku(QStringLiteral("NO-SUCH"));
        QVERIFY(QTest::qWaitFor([forecast] { return !forecast->message().isEmpty(); }, 20'000));
        QVERIFY2(forecast->message().contains(QStringLiteral("NO-SUCH")), qPrintable(forecast->message()));
        QVERIFY(!forecast->loaded());
    }

    void controlsRecomputeWithoutReading()
    {
        Session session(m_scratch->spec(), QStringLiteral("Tess"));
        ForecastController *forecast = session.forecast();
        forecast->setSku(Mug);
        forecast->setActive(true);
        QVERIFY(settle(forecast));
        const int reads = forecast->historyFetches();

        forecast->setMethod(QStringLiteral("ses"));
        QVERIFY(forecast->computing());
        QVERIFY(settle(forecast));
        QCOMPARE(forecast->fit().value(QStringLiteral("method")).toString(), QStringLiteral("ses"));
        QCOMPARE(forecast->fit().value(QStringLiteral("automatic")).toBool(), false);
        forecast->setMethod(QStringLiteral("croston"));
        QVERIFY(settle(forecast));
        QCOMPARE(forecast->fit().value(QStringLiteral("method")).toString(), QStringLiteral("croston"));
        forecast->setHorizon(20);
        QVERIFY(settle(forecast));
        QCOMPARE(forecast->forecast().size(), 20);
        QCOMPARE(forecast->fit().value(QStringLiteral("backtestHorizon")).toInt(),
                 7); // a quarter of 30 weeks

        // Service level and lead time are arithmetic: the plan changes at once.
        forecast->setServiceLevel(0.80);
        const int lowPoint = forecast->plan().value(QStringLiteral("reorderPoint")).toInt();
        forecast->setServiceLevel(0.99);
        const int highPoint = forecast->plan().value(QStringLiteral("reorderPoint")).toInt();
        QVERIFY2(highPoint > lowPoint, qPrintable(QStringLiteral("%1 vs %2").arg(highPoint).arg(lowPoint)));
        forecast->setLeadTimeDays(28);
        QVERIFY(forecast->plan().value(QStringLiteral("reorderPoint")).toInt() > highPoint);
        QCOMPARE(forecast->historyFetches(), reads);

        // Another frequency is read once, then kept: back to weeks reads nothing.
        forecast->setFrequency(QStringLiteral("month"));
        QCOMPARE(forecast->horizon(), 6);
        QVERIFY(settle(forecast));
        QCOMPARE(forecast->historyFetches(), reads + 1);
        QCOMPARE(forecast->forecast().size(), 6);
        forecast->setFrequency(QStringLiteral("week"));
        QVERIFY(settle(forecast));
        QCOMPARE(forecast->historyFetches(), reads + 1);
        QCOMPARE(forecast->history().size(), Weeks);
        QCOMPARE(forecast->forecast().size(), 13);
    }

    void availableToPromiseAndEarliestPromise()
    {
        Session session(m_scratch->spec(), QStringLiteral("Tess"));
        ForecastController *forecast = session.forecast();
        forecast->setSku(Plate);
        forecast->setSection(QStringLiteral("atp"));
        forecast->setActive(true);
        QVERIFY(settle(forecast));
        QVERIFY2(forecast->atpInfo().value(QStringLiteral("message")).toString().isEmpty(),
                 qPrintable(forecast->atpInfo().value(QStringLiteral("message")).toString()));

        // 13 weeks ahead: 91 days, the 5 on the shelf until the purchase order brings 40 more.
        QCOMPARE(forecast->atpPoints().size(), 91);
        const QDate due = todayUtc().addDays(PlatesDueIn);
        QCOMPARE(availableOn(forecast, todayUtc()), 5);
        QCOMPARE(availableOn(forecast, due.addDays(-1)), 5);
        QCOMPARE(availableOn(forecast, due), 45);
        const QVariantMap arrival = eventOfKind(forecast, QStringLiteral("purchase_arrival"));
        QCOMPARE(arrival.value(QStringLiteral("reference")).toString(), m_plateOrder);
        QCOMPARE(arrival.value(QStringLiteral("qty")).toInt(), 40);
        QCOMPARE(arrival.value(QStringLiteral("x")).toDouble(), msecsOf(due));
        QCOMPARE(arrival.value(QStringLiteral("location")).toString(), Leeds);
        QCOMPARE(eventOfKind(forecast, QStringLiteral("on_hand")).value(QStringLiteral("qty")).toInt(), 5);

        // 20 plates: when the purchase order is in, from Leeds; 5: today.
        forecast->promiseUnits(QStringLiteral("20"));
        QVERIFY(QTest::qWaitFor([forecast] { return forecast->promise().contains(QStringLiteral("ok")); },
                                20'000));
        QVariantMap promise = forecast->promise();
        QCOMPARE(promise.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(promise.value(QStringLiteral("possible")).toBool(), true);
        QCOMPARE(promise.value(QStringLiteral("isoDate")).toString(), due.toString(Qt::ISODate));
        QCOMPARE(promise.value(QStringLiteral("locations")).toString(), Leeds);
        forecast->promiseUnits(QStringLiteral("5"));
        QVERIFY(QTest::qWaitFor(
            [forecast] { return forecast->promise().value(QStringLiteral("qty")).toInt() == 5; }, 20'000));
        QCOMPARE(forecast->promise().value(QStringLiteral("isoDate")).toString(),
                 todayUtc().toString(Qt::ISODate));
        // More than will ever come within the horizon, and a quantity that is none.
        forecast->promiseUnits(QStringLiteral("500"));
        QVERIFY(QTest::qWaitFor(
            [forecast] { return forecast->promise().value(QStringLiteral("qty")).toInt() == 500; }, 20'000));
        QCOMPARE(forecast->promise().value(QStringLiteral("possible")).toBool(), false);
        QCOMPARE(forecast->promise().value(QStringLiteral("covered")).toInt(), 45);
        forecast->promiseUnits(QStringLiteral("many"));
        promise = forecast->promise();
        QCOMPARE(promise.value(QStringLiteral("ok")).toBool(), false);
        QVERIFY(promise.value(QStringLiteral("message")).toString().contains(QStringLiteral("many")));
    }

    void appliesASimulatedPolicyAndUndoesIt()
    {
        QVERIFY(CatalogService(*m_context).setStockSettings(Mug, Leeds, std::nullopt, 7, 20));
        Session session(m_scratch->spec(), QStringLiteral("Tess"));
        ForecastController *forecast = session.forecast();
        forecast->setSku(Mug);
        forecast->setLocationCode(Leeds);
        forecast->setSection(QStringLiteral("whatif"));
        forecast->setActive(true);
        QVERIFY(settle(forecast));
        QVERIFY(QTest::qWaitFor([forecast] { return !forecast->policies().isEmpty() && forecast->settled(); },
                                60'000));

        // Six service levels of each policy kind; more service costs more stock.
        const QVariantList policies = forecast->policies();
        QCOMPARE(policies.size(), 12);
        int chosen = -1;
        double previousStock = -1;
        for (const QVariant &entry : policies) {
            const QVariantMap policy = entry.toMap();
            const double fill = policy.value(QStringLiteral("fillRate")).toDouble();
            QVERIFY(fill >= 0 && fill <= 1);
            if (policy.value(QStringLiteral("kind")).toString() != QLatin1String("sS")) {
                QCOMPARE(policy.value(QStringLiteral("canApply")).toBool(), false);
                continue;
            }
            QCOMPARE(policy.value(QStringLiteral("canApply")).toBool(), true);
            QVERIFY(policy.value(QStringLiteral("averageOnHand")).toDouble() >= previousStock);
            previousStock = policy.value(QStringLiteral("averageOnHand")).toDouble();
            if (std::abs(policy.value(QStringLiteral("target")).toDouble() - 0.95) < 1e-9) {
                chosen = policy.value(QStringLiteral("index")).toInt();
            }
        }
        QVERIFY(chosen >= 0);
        const QVariantMap current = forecast->currentPolicy();
        QCOMPARE(current.value(QStringLiteral("set")).toBool(), true);
        QCOMPARE(current.value(QStringLiteral("reorderPoint")).toInt(), 7);
        QCOMPARE(current.value(QStringLiteral("orderUpTo")).toInt(), 27);
        QVERIFY(current.value(QStringLiteral("fillRate")).toDouble() >= 0);

        // Apply: reorder point s, reorder quantity S − s, in the database and in the view.
        const QVariantMap policy = policies.at(chosen).toMap();
        const int s = policy.value(QStringLiteral("reorderPoint")).toInt();
        const int S = policy.value(QStringLiteral("orderUpTo")).toInt();
        QVERIFY(s != 7 || S - s != 20);
        forecast->applyPolicy(chosen);
        QVERIFY(forecast->applying());
        QVERIFY(QTest::qWaitFor([forecast] { return !forecast->applying(); }, 20'000));
        QVERIFY2(!forecast->applyFailed(), qPrintable(forecast->applyMessage()));
        QVERIFY(forecast->canUndo());
        QCOMPARE(reorderSettings(Mug, Leeds), qMakePair(s, S - s));
        QVERIFY2(forecast->applyMessage().contains(QStringLiteral("7 → %1").arg(s)),
                 qPrintable(forecast->applyMessage()));
        QVERIFY(QTest::qWaitFor(
            [&] { return forecast->product().value(QStringLiteral("reorderPoint")).toInt() == s; }, 20'000));
        // The settings now are simulated again: the star moves onto the chosen point's settings.
        QVERIFY(QTest::qWaitFor(
            [&] {
                return forecast->settled()
                    && forecast->currentPolicy().value(QStringLiteral("reorderPoint")).toInt() == s;
            },
            60'000));

        // Undo writes back what was there.
        forecast->undoApply();
        QVERIFY(QTest::qWaitFor([forecast] { return !forecast->applying(); }, 20'000));
        QVERIFY2(!forecast->applyFailed(), qPrintable(forecast->applyMessage()));
        QVERIFY(!forecast->canUndo());
        QCOMPARE(reorderSettings(Mug, Leeds), qMakePair(7, 20));

        // A periodic review policy has no reorder point; over all locations there are no settings to write.
        int periodic = -1;
        for (const QVariant &entry : policies) {
            if (entry.toMap().value(QStringLiteral("kind")).toString() == QLatin1String("RS")) {
                periodic = entry.toMap().value(QStringLiteral("index")).toInt();
            }
        }
        forecast->applyPolicy(periodic);
        QVERIFY(forecast->applyFailed());
        QVERIFY(!forecast->applying());
        forecast->setLocationCode(QString());
        QVERIFY(QTest::qWaitFor([forecast] { return !forecast->policies().isEmpty() && forecast->settled(); },
                                60'000));
        QCOMPARE(forecast->currentPolicy().value(QStringLiteral("set")).toBool(), false);
        forecast->clearApplyMessage();
        forecast->applyPolicy(chosen);
        QVERIFY(forecast->applyFailed());
        QVERIFY(!forecast->applying());
        QCOMPARE(reorderSettings(Mug, Leeds), qMakePair(7, 20));
    }

    void followsAnotherDesktopsReceipt()
    {
        Session session(m_scratch->spec(), QStringLiteral("Tess"));
        ForecastController *forecast = session.forecast();
        forecast->setSku(Mug);
        forecast->setActive(true);
        QVERIFY(settle(forecast));
        QVERIFY(QTest::qWaitFor([&] { return session.live(); }, 20'000));
        const int reads = forecast->historyFetches();
        const int onHand = forecast->product().value(QStringLiteral("onHand")).toInt();
        const QVariantList history = forecast->history();

        ServiceContext other {*m_db, Clock(), QStringLiteral("other desk")};
        QVERIFY(StockService(other).receive(Mug, Leeds, 50));
        QVERIFY(QTest::qWaitFor(
            [&] { return forecast->product().value(QStringLiteral("onHand")).toInt() == onHand + 50; },
            20'000));
        QVERIFY(forecast->historyFetches() > reads);
        QCOMPARE(forecast->history(), history); // today is no whole week yet: the history stands
        QVERIFY(settle(forecast));
        QCOMPARE(forecast->plan().value(QStringLiteral("projected")).toInt(), 150);

        // Hidden, it reads nothing; shown again, it catches up once.
        forecast->setActive(false);
        const int hiddenReads = forecast->historyFetches();
        // Proof that the change reached this desk: the feed delivers it; then the view's pause goes by,
        // and still nothing was read.
        int delivered = 0;
        QObject receiver;
        QObject::connect(
            session.changeFeed(), &ChangeFeed::changed, &receiver, [&] { ++delivered; },
            Qt::QueuedConnection);
        QVERIFY(StockService(other).receive(Mug, Leeds, 5));
        QTRY_VERIFY_WITH_TIMEOUT(delivered > 0, 15'000);
        QTest::qWait(1500);
        QCOMPARE(forecast->historyFetches(), hiddenReads);
        forecast->setActive(true);
        QVERIFY(QTest::qWaitFor(
            [&] { return forecast->product().value(QStringLiteral("onHand")).toInt() == onHand + 55; },
            20'000));
        QCOMPARE(forecast->historyFetches(), hiddenReads + 1);
    }
};

QTEST_GUILESS_MAIN(TestForecastUi)
#include "tst_forecastui.moc"
