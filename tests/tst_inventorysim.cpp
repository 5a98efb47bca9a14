// SPDX-License-Identifier: GPL-3.0-or-later
#include "forecast.h"
#include "inventorysim.h"

#include <QElapsedTimer>
#include <QTest>

#include <cmath>

using namespace Stockroom;

namespace {

InventoryPolicy reorderPoint(int s, int bigS)
{
    InventoryPolicy policy;
    policy.kind = InventoryPolicy::Kind::ReorderPoint;
    policy.reorderPoint = s;
    policy.orderUpTo = bigS;
    return policy;
}

InventoryPolicy periodicReview(int review, int bigS)
{
    InventoryPolicy policy;
    policy.kind = InventoryPolicy::Kind::PeriodicReview;
    policy.reviewPeriods = review;
    policy.orderUpTo = bigS;
    return policy;
}

SimulationSettings settingsWith(int runs, double leadTime, double leadTimeSd = 0)
{
    SimulationSettings settings;
    settings.runs = runs;
    settings.periods = 365;
    settings.seed = 20240607;
    settings.leadTime = {leadTime, leadTimeSd};
    settings.unitCost = 4;
    return settings;
}

/** Every field, so that "the same" means the same to the last bit. */
QString fingerprint(const SimulationResult &r)
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11")
        .arg(r.fillRate, 0, 'g', 17)
        .arg(r.cycleServiceLevel, 0, 'g', 17)
        .arg(r.averageOnHand, 0, 'g', 17)
        .arg(r.averageStockValue, 0, 'g', 17)
        .arg(r.ordersPerYear, 0, 'g', 17)
        .arg(r.stockoutPeriods, 0, 'g', 17)
        .arg(r.unitsDemanded)
        .arg(r.unitsServed)
        .arg(r.cycles)
        .arg(r.cyclesWithoutStockout)
        .arg(r.orders);
}

QStringList fingerprints(const QList<SimulationResult> &results)
{
    QStringList lines;
    for (const SimulationResult &result : results) {
        lines.append(fingerprint(result));
    }
    return lines;
}

} // namespace

/** The Monte Carlo replenishment simulator: traced by hand, deterministic, and consistent with theory. */
class TestInventorySim : public QObject
{
    Q_OBJECT

private slots:
    void certainDemandTracedByHand()
    {
        // Demand exactly 10 a day, (s, S) = (30, 60), lead time 2: an order leaves when the position falls
        // below 30 (day 3, 7, 11, …: 91 in 365 days) and arrives 3 days later, just as the shelf empties.
        const DemandModel demand = DemandModel::normal(10, 0);
        const SimulationResult result = simulatePolicy(demand, reorderPoint(30, 60), settingsWith(3, 2));
        QCOMPARE(result.unitsDemanded, 3 * 3650);
        QCOMPARE(result.fillRate, 1.0);
        QCOMPARE(result.stockoutPeriods, 0.0);
        QCOMPARE(result.orders, 3 * 91);
        QCOMPARE(result.ordersPerYear, 91.0);
        // Arrivals on day 6, 10, …, 362: 89 complete cycles per run, none short.
        QCOMPARE(result.cycles, 3 * 89);
        QCOMPARE(result.cycleServiceLevel, 1.0);
        // Days 0–5 from 60 down to 0: Σ(after receipts + at the end) = 360; then 89 cycles of 160 and
        // 70 + 50 + 30 for days 362–364.
        QCOMPARE(result.averageOnHand, (360 + 89 * 160 + 150) / 2.0 / 365);
        QCOMPARE(result.averageStockValue, result.averageOnHand * 4);
    }

    void certainDemandWithStockouts()
    {
        // (s, S) = (20, 60), lead time 2: the order leaves on day 4 at position 10 and arrives on day 7, so
        // day 6 (and then every fifth day) goes short: fill rate 4/5, no cycle without a stockout.
        const DemandModel demand = DemandModel::normal(10, 0);
        SimulationSettings settings = settingsWith(2, 2);
        SimulationResult result = simulatePolicy(demand, reorderPoint(20, 60), settings);
        QVERIFY2(std::abs(result.fillRate - 0.8) < 0.003, qPrintable(fingerprint(result)));
        QCOMPARE(result.cycleServiceLevel, 0.0);
        QVERIFY(result.cycles > 2 * 70);
        QVERIFY(std::abs(result.stockoutPeriods - 365 / 5.0) <= 2);
        // Lost sales: the position does not carry the lost units, the order leaves one day later and the
        // cycle takes six days, one of them short: 5/6.
        settings.lostSales = true;
        result = simulatePolicy(demand, reorderPoint(20, 60), settings);
        QVERIFY2(std::abs(result.fillRate - 5.0 / 6) < 0.003, qPrintable(fingerprint(result)));
    }

    void sameSeedSameResultOnAnyThreadCount()
    {
        const DemandModel demand = DemandModel::normal(8, 5);
        const QList<InventoryPolicy> policies {reorderPoint(50, 90), periodicReview(7, 120),
                                               reorderPoint(20, 40)};
        SimulationSettings settings = settingsWith(300, 4, 1.5);
        settings.warmupPeriods = 30;
        const QStringList one = fingerprints(simulatePolicies(demand, policies, settings));
        QCOMPARE(fingerprints(simulatePolicies(demand, policies, settings)), one);
        for (const int threads : {2, 3, 0}) {
            settings.threads = threads;
            QCOMPARE(fingerprints(simulatePolicies(demand, policies, settings)), one);
        }
        // A policy's result does not depend on the others simulated with it.
        QCOMPARE(fingerprint(simulatePolicy(demand, policies.at(1), settings)), one.at(1));
        // Another seed draws other demand.
        settings.seed += 1;
        QVERIFY(fingerprints(simulatePolicies(demand, policies, settings)) != one);
    }

    void demandMatchesItsModel()
    {
        SimulationSettings settings = settingsWith(200, 3);
        const InventoryPolicy policy = reorderPoint(40, 80);
        const double periods = 200.0 * 365;
        const SimulationResult normal = simulatePolicy(DemandModel::normal(10, 2), policy, settings);
        QVERIFY(std::abs(normal.unitsDemanded / periods - 10) < 0.05);
        // Truncating normal(5, 5) at zero adds demand; the model's moments say how much (mpmath: the sum
        // over k of k · P(k − ½ < X < k + ½)).
        const DemandModel wide = DemandModel::normal(5, 5);
        QVERIFY(std::abs(wide.meanPerPeriod() - 5.41456093523614) < 1e-9);
        QVERIFY(std::abs(wide.sdPerPeriod() - 4.34387133569943) < 1e-9);
        const SimulationResult truncated = simulatePolicy(wide, policy, settings);
        QVERIFY(std::abs(truncated.unitsDemanded / periods - wide.meanPerPeriod()) < 0.03);
        QCOMPARE(DemandModel::normal(10, 0).meanPerPeriod(), 10.0);
        QCOMPARE(DemandModel::normal(10, 0).sdPerPeriod(), 0.0);
        // Very wide: the analytic truncated moments, plus rounding's 1/12.
        const DemandModel huge = DemandModel::normal(100, 80);
        QVERIFY(std::abs(huge.meanPerPeriod() - 104.0470) < 0.01); // summed exactly: 104.0469
        QVERIFY(std::abs(huge.sdPerPeriod() - 72.8208) < 0.001);
        // Intermittent with a fixed size: a demand of 6 on 25 % of the days.
        const SimulationResult fixed
            = simulatePolicy(DemandModel::intermittent(0.25, 6, 0), policy, settings);
        QCOMPARE(fixed.unitsDemanded % 6, 0);
        QVERIFY(std::abs(fixed.unitsDemanded / periods - 1.5) < 0.02);
        // Gamma sizes of mean 6 and sd 3 (rounded, at least one unit).
        const SimulationResult gamma
            = simulatePolicy(DemandModel::intermittent(0.25, 6, 3), policy, settings);
        QVERIFY2(std::abs(gamma.unitsDemanded / periods - 1.5) < 0.03, qPrintable(fingerprint(gamma)));

        QCOMPARE(DemandModel::intermittent(0.25, 6, 3).meanPerPeriod(), 1.5);
        // Var = 0.25 · 9 + 0.25 · 0.75 · 36 = 9.
        QCOMPARE(DemandModel::intermittent(0.25, 6, 3).sdPerPeriod(), 3.0);
    }

    void modelFromHistory()
    {
        const DemandSeries smooth {{10, 12, 8, 10, 11, 9, 10, 9, 11, 10}, {}};
        DemandModel model = DemandModel::fromSeries(smooth);
        QCOMPARE(model.kind, DemandModel::Kind::Normal);
        QCOMPARE(model.mean, 10.0);
        QVERIFY(std::abs(model.sd - std::sqrt(12.0 / 9)) < 1e-12);
        // A stockout day is not a zero.
        const DemandSeries marked {{10, 0, 10, 10}, {false, true, false, false}};
        QCOMPARE(DemandModel::fromSeries(marked).mean, 10.0);

        const DemandSeries sparse {{0, 0, 4, 0, 0, 0, 2, 0, 0, 6, 0, 0}, {}};
        model = DemandModel::fromSeries(sparse);
        QCOMPARE(model.kind, DemandModel::Kind::Intermittent);
        QCOMPARE(model.probability, 0.25);
        QCOMPARE(model.sizeMean, 4.0);
        QCOMPARE(model.sizeSd, 2.0);
    }

    void higherReorderPointServesMoreAndHoldsMore()
    {
        const DemandModel demand = DemandModel::normal(10, 4);
        const QList<InventoryPolicy> policies {reorderPoint(40, 90), reorderPoint(55, 105),
                                               reorderPoint(70, 120)};
        const QList<SimulationResult> results = simulatePolicies(demand, policies, settingsWith(500, 5, 1));
        for (qsizetype i = 1; i < results.size(); ++i) {
            QVERIFY(results.at(i).fillRate > results.at(i - 1).fillRate);
            QVERIFY(results.at(i).cycleServiceLevel > results.at(i - 1).cycleServiceLevel);
            QVERIFY(results.at(i).averageOnHand > results.at(i - 1).averageOnHand);
            QVERIFY(results.at(i).averageStockValue > results.at(i - 1).averageStockValue);
        }
        QVERIFY(results.first().fillRate < 0.95);
    }

    void hugeStockServesEverything()
    {
        const QList<DemandModel> demands {DemandModel::normal(10, 6), DemandModel::intermittent(0.1, 20, 15)};
        for (const DemandModel &demand : demands) {
            const QList<SimulationResult> results = simulatePolicies(
                demand, {reorderPoint(400, 800), periodicReview(14, 1000)}, settingsWith(200, 10, 3));
            for (const SimulationResult &result : results) {
                QVERIFY2(result.fillRate > 0.9999, qPrintable(fingerprint(result)));
                QVERIFY(result.averageOnHand > 300);
            }
        }
        // Backorders instead of lost sales cannot serve more from stock.
        SimulationSettings settings = settingsWith(300, 6, 2);
        const InventoryPolicy policy = reorderPoint(50, 100);
        const double backordered = simulatePolicy(DemandModel::normal(10, 5), policy, settings).fillRate;
        settings.lostSales = true;
        const double lost = simulatePolicy(DemandModel::normal(10, 5), policy, settings).fillRate;
        QVERIFY(lost > backordered);
    }

    void textbookPoliciesMeetTheirCycleServiceLevel_data()
    {
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("sd");
        QTest::addColumn<double>("leadTime");
        QTest::addColumn<double>("leadTimeSd");
        QTest::addColumn<double>("reorderPointService");
        // A day's demand small against the lead time's: the textbook's continuous review holds.
        QTest::addRow("2 ± 1.5 a day, lead time 20 ± 4") << 2.0 << 1.5 << 20.0 << 4.0 << 0.95;
        // A day's demand of 10 against a lead-time sd of 23: daily review finds the position below s by
        // the undershoot U, a ladder height of the demand walk with E[U] = E[D(D + 1)] / (2 E[D]) = 6.3, which
        // the textbook ignores: Φ((118 − 6.3 − 80) / 23.0) = 0.916.
        QTest::addRow("10 ± 4 a day, lead time 8 ± 2") << 10.0 << 4.0 << 8.0 << 2.0 << 0.916;
    }

    void textbookPoliciesMeetTheirCycleServiceLevel()
    {
        QFETCH(double, mean);
        QFETCH(double, sd);
        QFETCH(double, leadTime);
        QFETCH(double, leadTimeSd);
        QFETCH(double, reorderPointService);
        // Normal demand, weekly review, the planner's policies at 95 %. (R, S) protects lead time + review
        // exactly: its order-up-to level is the whole stock for that interval.
        ReplenishmentInput input;
        input.leadTimeDays = leadTime;
        input.leadTimeSdDays = leadTimeSd;
        input.reviewPeriodDays = 7;
        input.serviceLevel = 0.95;
        input.unitCost = 4;
        SimulationSettings settings = settingsWith(1000, 0);
        settings.warmupPeriods = 60;
        const QList<SimulationResult> results
            = evaluatePolicyGrid(input, DemandModel::normal(mean, sd), {0.95}, settings);
        QCOMPARE(results.size(), 2);
        const SimulationResult &sS = results.at(0);
        const SimulationResult &rS = results.at(1);
        qInfo("%s: cycle service %.4f, fill rate %.4f", qPrintable(sS.policy.label()), sS.cycleServiceLevel,
              sS.fillRate);
        qInfo("%s: cycle service %.4f, fill rate %.4f", qPrintable(rS.policy.label()), rS.cycleServiceLevel,
              rS.fillRate);
        QCOMPARE(sS.policy.kind, InventoryPolicy::Kind::ReorderPoint);
        QCOMPARE(rS.policy.kind, InventoryPolicy::Kind::PeriodicReview);
        QCOMPARE(rS.policy.reviewPeriods, 7);
        QVERIFY(sS.cycles > 1000 * 20);
        QVERIFY(std::abs(rS.cycleServiceLevel - 0.95) < 0.02);
        QVERIFY(std::abs(sS.cycleServiceLevel - reorderPointService) < 0.015);
        QVERIFY(sS.fillRate > 0.98);
        QVERIFY(rS.fillRate > 0.98);
    }

    void gridForAChart()
    {
        ReplenishmentInput input;
        input.leadTimeDays = 10;
        input.leadTimeSdDays = 3;
        input.reviewPeriodDays = 7;
        input.unitCost = 12.5;
        const DemandModel demand = DemandModel::normal(6, 3);
        const std::vector<double> levels = defaultServiceLevels();
        QCOMPARE(levels.front(), 0.80);
        QCOMPARE(levels.back(), 0.99);
        SimulationSettings settings = settingsWith(1000, 0);
        settings.threads = 0;

        QElapsedTimer timer;
        timer.start();
        const QList<SimulationResult> points = evaluatePolicyGrid(input, demand, levels, settings);
        const qint64 elapsed = timer.elapsed();
        qInfo("%lld policies × 1000 runs × 365 days: %lld ms", qint64(points.size()), elapsed);

        QCOMPARE(points.size(), qsizetype(2 * levels.size()));
        for (qsizetype i = 0; i < points.size(); ++i) {
            const SimulationResult &point = points.at(i);
            const bool periodic = i >= qsizetype(levels.size());
            QCOMPARE(point.policy.kind,
                     periodic ? InventoryPolicy::Kind::PeriodicReview : InventoryPolicy::Kind::ReorderPoint);
            QCOMPARE(point.policy.serviceLevelTarget, levels.at(std::size_t(i % qsizetype(levels.size()))));
            QCOMPARE(point.averageStockValue, point.averageOnHand * 12.5);
            qInfo("%s at %.0f %%: fill rate %.4f, cycle service %.4f, stock value %.1f, %.1f orders a year",
                  qPrintable(point.policy.label()), point.policy.serviceLevelTarget * 100, point.fillRate,
                  point.cycleServiceLevel, point.averageStockValue, point.ordersPerYear);
            if (i % qsizetype(levels.size()) != 0) {
                // A higher target costs more stock and buys more service.
                QVERIFY(point.averageStockValue > points.at(i - 1).averageStockValue);
                QVERIFY(point.fillRate >= points.at(i - 1).fillRate);
            }
        }
        // Weekly review orders 52 times a year (a week without any demand is all but impossible).
        QVERIFY(std::abs(points.last().ordersPerYear - 52) < 0.01);
    }

    void degenerateInput()
    {
        SimulationSettings settings = settingsWith(0, 0);
        SimulationResult result = simulatePolicy(DemandModel::normal(5, 1), reorderPoint(10, 20), settings);
        QCOMPARE(result.unitsDemanded, 0);
        QCOMPARE(result.fillRate, 1.0);
        settings = settingsWith(10, -4, -1);
        settings.periods = 0;
        result = simulatePolicy(DemandModel::normal(5, 1), reorderPoint(-10, -20), settings);
        QCOMPARE(result.unitsDemanded, 0);
        // Nothing on the shelf and a policy that never orders: all short, no crash.
        settings.periods = 50;
        result = simulatePolicy(DemandModel::normal(5, 1), reorderPoint(0, 0), settings);
        QCOMPARE(result.fillRate, 0.0);
        QCOMPARE(result.stockoutPeriods, 50.0);
        // An order that never arrives within the horizon.
        settings.leadTime = {1e12, 1e11};
        result = simulatePolicy(DemandModel::normal(5, 1), reorderPoint(10, 20), settings);
        QVERIFY(result.orders >= 10); // the position falls below s again and again
        QCOMPARE(result.cycles, 0);
        QCOMPARE(result.cycleServiceLevel, 1.0);
        QVERIFY(result.fillRate < 0.2);
        QVERIFY(evaluatePolicyGrid({}, DemandModel {}, {}, settings).isEmpty());
        QCOMPARE(reorderPoint(30, 60).label(), QStringLiteral("(s, S) = (30, 60)"));
        QCOMPARE(periodicReview(7, 60).label(), QStringLiteral("(R, S) = (7, 60)"));
    }
};

QTEST_GUILESS_MAIN(TestInventorySim)
#include "tst_inventorysim.moc"
