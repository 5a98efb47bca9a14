// SPDX-License-Identifier: GPL-3.0-or-later
#include "replenishment.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Stockroom;

namespace {

constexpr double z90 = 1.281551565544600467; // mpmath, 40 digits
constexpr double z95 = 1.6448536269514727149;

bool near(double actual, double expected, double tolerance = 1e-9)
{
    return std::abs(actual - expected) <= tolerance;
}

/** Flat daily demand of 10 with a one-step error sd of 3, lead time 9 days, weekly review, 95 %. */
ReplenishmentInput dailyInput()
{
    ReplenishmentInput input;
    input.productId = 1;
    input.locationId = 1;
    input.sku = QStringLiteral("MUG-01");
    input.locationCode = QStringLiteral("MAIN");
    input.demandMean = std::vector<double>(30, 10.0);
    input.demandSigma = 3;
    input.periodDays = 1;
    input.leadTimeDays = 9;
    input.reviewPeriodDays = 7;
    input.serviceLevel = 0.95;
    input.unitCost = 2.5;
    input.onHand = 50;
    input.reserved = 5;
    input.backordered = 3;
    input.onOrder = 40;
    input.inTransit = 10;
    return input;
}

/** No uncertainty at all: daily demand 10, lead time 5 d, review 5 d → reorder point 50, order-up-to 100. */
ReplenishmentPlan certainPlan(qint64 product, qint64 location, const QString &code, int onHand)
{
    ReplenishmentInput input;
    input.productId = product;
    input.locationId = location;
    input.locationCode = code;
    input.demandMean = {10};
    input.leadTimeDays = 5;
    input.reviewPeriodDays = 5;
    input.onHand = onHand;
    return planReplenishment(input);
}

} // namespace

/** The replenishment arithmetic against hand computations, the normal quantile, and transfers. */
class TestReplenishment : public QObject
{
    Q_OBJECT

private slots:
    void inverseNormalMatchesKnownQuantiles_data()
    {
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("z");
        // Reference values from mpmath at 40 digits (sqrt(2)·erfinv(2p − 1), and a root of Φ for the tails).
        QTest::addRow("0.5") << 0.5 << 0.0;
        QTest::addRow("0.8") << 0.8 << 0.84162123357291420518;
        QTest::addRow("0.9") << 0.9 << 1.281551565544600467;
        QTest::addRow("0.95") << 0.95 << 1.6448536269514727149;
        QTest::addRow("0.975") << 0.975 << 1.9599639845400542355;
        QTest::addRow("0.99") << 0.99 << 2.3263478740408411009;
        QTest::addRow("0.999") << 0.999 << 3.0902323061678135415;
        QTest::addRow("0.9999") << 0.9999 << 3.7190164854556805644;
        QTest::addRow("0.3") << 0.3 << -0.52440051270804078404;
        QTest::addRow("0.05") << 0.05 << -1.6448536269514727149;
        QTest::addRow("0.001") << 0.001 << -3.0902323061678135415;
        QTest::addRow("1e-5") << 1e-5 << -4.2648907939228246285;
        QTest::addRow("1e-10") << 1e-10 << -6.3613409024040562047;
        QTest::addRow("1e-20") << 1e-20 << -9.2623400897984075737;
        QTest::addRow("1e-100") << 1e-100 << -21.273453560965324295;
        QTest::addRow("1e-300") << 1e-300 << -37.047096299361199237;
    }

    void inverseNormalMatchesKnownQuantiles()
    {
        QFETCH(double, p);
        QFETCH(double, z);
        const double got = inverseNormalCdf(p);
        QVERIFY2(std::abs(got - z) <= 1e-14 * std::max(1.0, std::abs(z)),
                 qPrintable(QStringLiteral("%1 vs %2").arg(got, 0, 'g', 17).arg(z, 0, 'g', 17)));
        // Symmetric (where 1 − p still holds p's digits), and the distribution function takes it back to p.
        if (p >= 1e-5) {
            QVERIFY(std::abs(inverseNormalCdf(1 - p) + got) <= 1e-9 * std::max(1.0, std::abs(z)));
        }
        QVERIFY(std::abs(normalCdf(got) - p) <= 1e-12 * p);
    }

    void inverseNormalEdges()
    {
        QCOMPARE(inverseNormalCdf(0), -std::numeric_limits<double>::infinity());
        QCOMPARE(inverseNormalCdf(1), std::numeric_limits<double>::infinity());
        QVERIFY(std::isnan(inverseNormalCdf(-0.1)));
        QVERIFY(std::isnan(inverseNormalCdf(1.5)));
        QVERIFY(std::isnan(inverseNormalCdf(std::numeric_limits<double>::quiet_NaN())));
        // Monotone across the borders between AS241's three regions (0.075, and about 1.4e-11).
        double previous = -std::numeric_limits<double>::infinity();
        for (double p = 1e-15; p < 1; p *= 1.37) {
            const double z = inverseNormalCdf(p);
            QVERIFY(z > previous);
            previous = z;
        }
    }

    void dailyPlanByHand()
    {
        const ReplenishmentPlan plan = planReplenishment(dailyInput());
        // Lead time 9 periods: demand 90, sd 3·√9 = 9, safety stock z·9.
        QCOMPARE(plan.leadTimePeriods, 9.0);
        QVERIFY(near(plan.z, z95, 1e-14));
        QVERIFY(near(plan.leadTimeDemand, 90));
        QVERIFY(near(plan.sigmaLeadTime, 9));
        QVERIFY(near(plan.safetyStock, 9 * z95));
        QVERIFY(near(plan.reorderPoint, 90 + 9 * z95)); // 104.80
        QCOMPARE(plan.reorderPointUnits, 105);
        // Lead time + review = 16 periods: demand 160, sd 3·4 = 12.
        QCOMPARE(plan.protectionPeriods, 16.0);
        QVERIFY(near(plan.protectionDemand, 160));
        QVERIFY(near(plan.sigmaProtection, 12));
        QVERIFY(near(plan.orderUpToLevel, 160 + 12 * z95)); // 179.74
        QCOMPARE(plan.orderUpToUnits, 180);
        // 50 − 5 − 3 + 40 + 10 = 92, below 105: order 180 − 92 = 88.
        QCOMPARE(plan.projected, 92);
        QVERIFY(plan.atRisk());
        QCOMPARE(plan.suggestedQty, 88);
        QVERIFY(near(plan.orderValue, 220));
        QVERIFY(near(plan.averageDailyDemand, 10));
        QVERIFY(near(plan.daysOfCover, 9.2));
        QCOMPARE(
            plan.reason,
            QStringLiteral("projected 92 below reorder point 105 (lead time 9 d, 95 % service): order 88 to "
                           "reach 180"));
    }

    void packsAndMinimumOrder()
    {
        ReplenishmentInput input = dailyInput();
        input.packSize = 12;
        ReplenishmentPlan plan = planReplenishment(input);
        QCOMPARE(plan.suggestedQty, 96); // 88 → 8 packs of 12
        QCOMPARE(
            plan.reason,
            QStringLiteral("projected 92 below reorder point 105 (lead time 9 d, 95 % service): order 96 to "
                           "reach 188 (packs of 12)"));
        input.minimumOrderQty = 100;
        plan = planReplenishment(input);
        QCOMPARE(plan.suggestedQty, 108); // at least 100, then whole packs
        QVERIFY(plan.reason.endsWith(QStringLiteral("order 108 to reach 200 (minimum order 100)")));
        input.packSize = 1;
        QCOMPARE(planReplenishment(input).suggestedQty, 100);

        QCOMPARE(roundOrderQuantity(0, 12, 100), 0);
        QCOMPARE(roundOrderQuantity(-4, 12, 100), 0);
        QCOMPARE(roundOrderQuantity(1, 0, 0), 1);
        QCOMPARE(roundOrderQuantity(24, 12, 0), 24);
        QCOMPARE(roundOrderQuantity(25, 12, 0), 36);
        QCOMPARE(roundOrderQuantity(5, 4, 10), 12);
    }

    void noOrderAtOrAboveTheReorderPoint()
    {
        ReplenishmentInput input = dailyInput();
        input.onHand = 63; // projected 63 − 5 − 3 + 40 + 10 = 105, exactly the reorder point
        ReplenishmentPlan plan = planReplenishment(input);
        QCOMPARE(plan.projected, 105);
        QVERIFY(!plan.atRisk());
        QCOMPARE(plan.suggestedQty, 0);
        QCOMPARE(plan.orderValue, 0.0);
        QCOMPARE(
            plan.reason,
            QStringLiteral("projected 105 at or above reorder point 105 (lead time 9 d, 95 % service): no "
                           "order"));
        input.onHand = 62;
        plan = planReplenishment(input);
        QCOMPARE(plan.suggestedQty, 76); // 104 is below: up to 180
    }

    void weeklyForecastWithLeadTimeVariability()
    {
        // Weekly forecast 20, 30, 40 (then held at 40), error sd 5 per week; lead time 14 ± 7 days = 2 ± 1
        // weeks; review weekly; 90 %.
        ReplenishmentInput input;
        input.demandMean = {20, 30, 40};
        input.demandSigma = 5;
        input.periodDays = 7;
        input.leadTimeDays = 14;
        input.leadTimeSdDays = 7;
        input.reviewPeriodDays = 7;
        input.serviceLevel = 0.9;
        ReplenishmentPlan plan = planReplenishment(input);
        // Over the lead time: demand 50, d̄ = 25, σ = sqrt(2·25 + 25²·1) = sqrt(675).
        QVERIFY(near(plan.leadTimeDemand, 50));
        QVERIFY(near(plan.sigmaLeadTime, std::sqrt(675.0)));
        QVERIFY(near(plan.reorderPoint, 50 + z90 * std::sqrt(675.0))); // 83.30
        QCOMPARE(plan.reorderPointUnits, 84);
        // Over lead time + review: demand 90, d̄ = 30, σ = sqrt(3·25 + 30²·1) = sqrt(975).
        QVERIFY(near(plan.protectionDemand, 90));
        QVERIFY(near(plan.orderUpToLevel, 90 + z90 * std::sqrt(975.0))); // 130.02
        QCOMPARE(plan.orderUpToUnits, 131);
        QVERIFY(near(plan.averageDailyDemand, 90.0 / 21));
        // Nothing in stock: order the whole order-up-to level.
        QCOMPARE(plan.suggestedQty, 131);
        QCOMPARE(plan.daysOfCover, 0.0);

        // 10 days = one week and 3/7 of the next; 35 days holds the last week's 40 for two more weeks.
        input.leadTimeSdDays = 0;
        input.leadTimeDays = 10;
        plan = planReplenishment(input);
        QVERIFY(near(plan.leadTimeDemand, 20 + 30 * 3.0 / 7));
        QVERIFY(near(plan.sigmaLeadTime, 5 * std::sqrt(10.0 / 7)));
        input.leadTimeDays = 35;
        QVERIFY(near(planReplenishment(input).leadTimeDemand, 170));

        // Per-step sds replace the one-step sd and add as variances.
        input.leadTimeDays = 14;
        input.demandSigmaPerStep = {1, 2, 3};
        plan = planReplenishment(input);
        QVERIFY(near(plan.sigmaLeadTime, std::sqrt(5.0)));
        QVERIFY(near(plan.sigmaProtection, std::sqrt(14.0)));
    }

    void continuousReviewAndZeroLeadTime()
    {
        ReplenishmentInput input = dailyInput();
        input.reviewPeriodDays = 0;
        ReplenishmentPlan plan = planReplenishment(input);
        QCOMPARE(plan.orderUpToUnits, plan.reorderPointUnits); // nothing beyond the lead time to protect

        // No lead time, but it may slip by 2 days: σ = d̄ · σ_L = 10 · 2.
        input.leadTimeDays = 0;
        input.leadTimeSdDays = 2;
        plan = planReplenishment(input);
        QCOMPARE(plan.leadTimeDemand, 0.0);
        QVERIFY(near(plan.sigmaLeadTime, 20));
        QCOMPARE(plan.reorderPointUnits, 33); // 20 · 1.645 = 32.9
    }

    void zeroDemand()
    {
        ReplenishmentInput input;
        input.leadTimeDays = 14;
        input.onHand = 5;
        ReplenishmentPlan plan = planReplenishment(input);
        QCOMPARE(plan.reorderPointUnits, 0);
        QCOMPARE(plan.orderUpToUnits, 0);
        QCOMPARE(plan.suggestedQty, 0);
        QCOMPARE(plan.daysOfCover, std::numeric_limits<double>::infinity());
        input.demandMean = {0, 0, 0};
        input.onHand = 0;
        plan = planReplenishment(input);
        QCOMPARE(plan.suggestedQty, 0);
        QCOMPARE(plan.daysOfCover, 0.0);
        QCOMPARE(plan.reason,
                 QStringLiteral(
                     "projected 0 at or above reorder point 0 (lead time 14 d, 95 % service): no order"));
        // Negative forecasts (a falling trend) count as no demand.
        input.demandMean = {-3, -4};
        QCOMPARE(planReplenishment(input).reorderPointUnits, 0);
    }

    void negativeProjectedStockOrdersTheBackorders()
    {
        ReplenishmentInput input;
        input.leadTimeDays = 7;
        input.backordered = 7;
        ReplenishmentPlan plan = planReplenishment(input);
        QCOMPARE(plan.projected, -7);
        QCOMPARE(plan.suggestedQty, 7);
        QCOMPARE(plan.daysOfCover, 0.0);
        QCOMPARE(
            plan.reason,
            QStringLiteral("projected -7 below reorder point 0 (lead time 7 d, 95 % service): order 7 to "
                           "reach 0"));
        input.packSize = 5;
        QCOMPARE(planReplenishment(input).suggestedQty, 10);

        // Reserved beyond what is on hand and on order: the same arithmetic, no special case.
        input = dailyInput();
        input.onHand = 0;
        input.onOrder = 0;
        input.inTransit = 0;
        input.reserved = 20;
        plan = planReplenishment(input);
        QCOMPARE(plan.projected, -23);
        QCOMPARE(plan.suggestedQty, 203);
    }

    void serviceLevelIsClampedAndBadNumbersAreIgnored()
    {
        ReplenishmentInput input = dailyInput();
        input.serviceLevel = 0.3;
        ReplenishmentPlan plan = planReplenishment(input);
        QCOMPARE(plan.input.serviceLevel, 0.5);
        QCOMPARE(plan.safetyStock, 0.0);
        QCOMPARE(plan.reorderPointUnits, 90);
        input.serviceLevel = 1.0;
        plan = planReplenishment(input);
        QCOMPARE(plan.input.serviceLevel, 0.9999);
        QVERIFY(std::isfinite(plan.reorderPoint));
        input.serviceLevel = 0.975;
        QVERIFY(planReplenishment(input).reason.contains(QStringLiteral("97.5 % service")));

        input.serviceLevel = std::numeric_limits<double>::quiet_NaN();
        input.periodDays = 0;
        input.leadTimeDays = -3;
        input.demandSigma = std::numeric_limits<double>::infinity();
        plan = planReplenishment(input);
        QCOMPARE(plan.input.serviceLevel, 0.95);
        QCOMPARE(plan.input.periodDays, 1.0);
        QCOMPARE(plan.leadTimePeriods, 0.0);
        QCOMPARE(plan.sigmaLeadTime, 0.0);
        QVERIFY(std::isfinite(plan.orderUpToLevel));

        // An absurd lead time is arithmetic, not a loop over a trillion periods.
        input = dailyInput();
        input.leadTimeDays = 1e12;
        plan = planReplenishment(input);
        QVERIFY(near(plan.leadTimeDemand, 1e13, 1));
        QCOMPARE(plan.reorderPointUnits, std::numeric_limits<int>::max() / 2);
    }

    void transfersBeforePurchases()
    {
        // Product 1: MAIN is short by 30 below its reorder point 50, EAST by 5; NORTH holds 50 and WEST 30
        // above their order-up-to level 100.
        QList<ReplenishmentPlan> plans {
            certainPlan(1, 1, QStringLiteral("MAIN"), 20), certainPlan(1, 2, QStringLiteral("NORTH"), 150),
            certainPlan(1, 3, QStringLiteral("WEST"), 130), certainPlan(1, 4, QStringLiteral("EAST"), 45)};
        QCOMPARE(plans.at(0).reorderPointUnits, 50);
        QCOMPARE(plans.at(0).orderUpToUnits, 100);
        QCOMPARE(plans.at(0).suggestedQty, 80);
        QCOMPARE(plans.at(1).excess(), 50);

        const TransferPlan result = suggestTransfers(plans);
        QCOMPARE(result.transfers.size(), 2);
        const TransferSuggestion &first = result.transfers.at(0);
        QCOMPARE(first.fromLocationId, 2);
        QCOMPARE(first.toLocationId, 1);
        QCOMPARE(first.qty, 50);
        QCOMPARE(
            first.reason,
            QStringLiteral("MAIN projected 20 below reorder point 50; NORTH projected 150 above order-up-to "
                           "100: move 50"));
        QCOMPARE(result.transfers.at(1).fromLocationCode, QStringLiteral("WEST"));
        QCOMPARE(result.transfers.at(1).qty, 30);

        // MAIN reaches its order-up-to level without buying; EAST gets nothing left and buys.
        const ReplenishmentPlan &main = result.plans.at(0);
        QCOMPARE(main.transferIn, 80);
        QCOMPARE(main.projected, 100);
        QCOMPARE(main.suggestedQty, 0);
        QCOMPARE(main.reason,
                 QStringLiteral(
                     "projected 20 below reorder point 50 (lead time 5 d, 95 % service): transfer 80 from "
                     "NORTH, WEST to reach 100, no order"));
        QCOMPARE(result.plans.at(1).transferOut, 50);
        QCOMPARE(result.plans.at(1).projected, 100);
        QCOMPARE(result.plans.at(1).reason,
                 QStringLiteral(
                     "projected 150 above order-up-to 100 (lead time 5 d, 95 % service): transfer 50 to "
                     "MAIN, no order"));
        QCOMPARE(result.plans.at(3).transferIn, 0);
        QCOMPARE(result.plans.at(3).suggestedQty, 55);
        QCOMPARE(result.plans.at(3).reason, plans.at(3).reason);

        // Never more than a source's excess: every source keeps its order-up-to level.
        for (qsizetype i = 0; i < plans.size(); ++i) {
            const ReplenishmentPlan &plan = result.plans.at(i);
            QVERIFY(plan.transferOut <= plans.at(i).excess());
            if (plan.transferOut > 0) {
                QVERIFY(plan.projected >= plan.orderUpToUnits);
            }
        }
    }

    void onlyShelfStockIsTransferred()
    {
        // NORTH is projected 150 (above its order-up-to 100) but holds nothing yet: all of it is on order.
        // Stock on its way protects NORTH but cannot be sent on: no transfer, MAIN buys.
        ReplenishmentPlan north = certainPlan(9, 2, QStringLiteral("NORTH"), 0);
        ReplenishmentInput input = north.input;
        input.onOrder = 150;
        north = planReplenishment(input);
        QCOMPARE(north.projected, 150);
        QCOMPARE(north.excess(), 0);
        // With 30 on the shelf (20 of them reserved) and 120 on order, 10 can go.
        input.onHand = 30;
        input.reserved = 20;
        input.onOrder = 120;
        const ReplenishmentPlan partly = planReplenishment(input);
        QCOMPARE(partly.projected, 130);
        QCOMPARE(partly.excess(), 10);
        const TransferPlan result = suggestTransfers({certainPlan(9, 1, QStringLiteral("MAIN"), 20), north});
        QVERIFY(result.transfers.isEmpty());
        QCOMPARE(result.plans.at(0).suggestedQty, 80);
        const TransferPlan some = suggestTransfers({certainPlan(9, 1, QStringLiteral("MAIN"), 20), partly});
        QCOMPARE(some.transfers.size(), 1);
        QCOMPARE(some.transfers.at(0).qty, 10);
    }

    void transferThenBuyTheRest()
    {
        const QList<ReplenishmentPlan> plans {certainPlan(7, 1, QStringLiteral("MAIN"), 20),
                                              certainPlan(7, 2, QStringLiteral("NORTH"), 110)};
        const TransferPlan result = suggestTransfers(plans);
        QCOMPARE(result.transfers.size(), 1);
        QCOMPARE(result.transfers.at(0).qty, 10);
        QCOMPARE(result.transfers.at(0).productId, 7);
        QCOMPARE(result.plans.at(0).projected, 30);
        QCOMPARE(result.plans.at(0).suggestedQty, 70);
        QVERIFY(result.plans.at(0).reason.endsWith(
            QStringLiteral(": transfer 10 from NORTH, order 70 to reach 100")));
        QCOMPARE(result.plans.at(1).excess(), 0);
    }

    void transfersStayWithinAProductAndAreDeterministic()
    {
        // Product 2 has the excess, product 3 the shortage: nothing moves between them.
        QList<ReplenishmentPlan> plans {
            certainPlan(2, 1, QStringLiteral("MAIN"), 500), certainPlan(3, 2, QStringLiteral("NORTH"), 0),
            certainPlan(2, 2, QStringLiteral("NORTH"), 0), certainPlan(3, 3, QStringLiteral("WEST"), 10),
            certainPlan(3, 1, QStringLiteral("MAIN"), 10)};
        const TransferPlan result = suggestTransfers(plans);
        QCOMPARE(result.transfers.size(), 1);
        QCOMPARE(result.transfers.at(0).productId, 2);
        QCOMPARE(result.transfers.at(0).qty, 100);
        QCOMPARE(result.plans.at(1).suggestedQty, 100); // product 3 buys
        QCOMPARE(result.plans.at(0).projected, 400);

        // Equal excess and equal shortage: location ids decide, whatever the input order.
        QList<ReplenishmentPlan> tied {
            certainPlan(4, 5, QStringLiteral("E"), 130), certainPlan(4, 3, QStringLiteral("C"), 30),
            certainPlan(4, 4, QStringLiteral("D"), 130), certainPlan(4, 2, QStringLiteral("B"), 30)};
        const auto describe = [](const TransferPlan &plan) {
            QStringList lines;
            for (const TransferSuggestion &transfer : plan.transfers) {
                lines.append(QStringLiteral("%1>%2:%3")
                                 .arg(transfer.fromLocationCode, transfer.toLocationCode)
                                 .arg(transfer.qty));
            }
            return lines.join(QLatin1Char(' '));
        };
        const QString expected = QStringLiteral("D>B:30 E>B:30");
        QCOMPARE(describe(suggestTransfers(tied)), expected);
        std::reverse(tied.begin(), tied.end());
        QCOMPARE(describe(suggestTransfers(tied)), expected);

        QVERIFY(suggestTransfers({}).transfers.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestReplenishment)
#include "tst_replenishment.moc"
