// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "replenishment.h"

#include <QList>
#include <QString>

#include <vector>

namespace Stockroom {

struct DemandSeries;

/**
 * Demand per period as the simulator draws it, always whole units ≥ 0.
 * - Normal: a normal(mean, sd) draw, truncated at 0 and rounded (smooth and erratic demand).
 * - Intermittent: with `probability` a demand occurs; its size is a gamma(sizeMean, sizeSd) draw rounded,
 *   at least one unit (or exactly round(sizeMean) when sizeSd is 0) — intermittent and lumpy demand.
 */
struct DemandModel
{
    enum class Kind { Normal, Intermittent };

    Kind kind = Kind::Normal;
    double mean = 0; ///< Normal: mean per period
    double sd = 0; ///< Normal: sd per period
    double probability = 1; ///< Intermittent: chance of a demand in a period
    double sizeMean = 0; ///< Intermittent: mean size of a demand
    double sizeSd = 0; ///< Intermittent: sd of a demand's size

    static DemandModel normal(double mean, double sd);
    static DemandModel intermittent(double probability, double sizeMean, double sizeSd);
    /**
     * The model a history suggests: intermittent (from the share of periods with demand and the non-zero
     * sizes) when classifyDemand() says intermittent or lumpy, otherwise normal from the observed mean and
     * sd. Stockout periods are left out.
     */
    static DemandModel fromSeries(const DemandSeries &series);

    /**
     * Mean and sd per period of the demand as drawn — what the planner must protect against. Normal: of the
     * truncated, rounded draw, computed exactly (so normal(10, 0) is 10 ± 0 and normal(5, 5) about 5.4 ± 4.3).
     * Intermittent: of occurrence × size before rounding (sizes are at least one unit, so rounding moves little).
     */
    double meanPerPeriod() const;
    double sdPerPeriod() const;
};

/**
 * Lead time of each order, in periods: a normal(mean, sd) draw rounded, at least 0. Draws are independent,
 * so a late order may be overtaken by the next one, as the planner's sqrt(n·σ² + d̄²·σ_L²) also assumes.
 */
struct LeadTimeModel
{
    double mean = 0;
    double sd = 0;
};

/**
 * A replenishment policy in whole units, reviewed at the end of a period after that period's demand.
 * - ReorderPoint, (s, S): when the inventory position (on hand − backorders + on order) is below s, order
 *   up to S. Reviewed every `reviewPeriods` periods (1: continuous review at the period's resolution).
 * - PeriodicReview, (R, S): every R = `reviewPeriods` periods order up to S, whatever the position.
 * "Below s" matches planReplenishment(): no order when the projected stock is at or above the reorder point.
 * Orders are rounded up like roundOrderQuantity() to packs and the minimum order quantity.
 */
struct InventoryPolicy
{
    enum class Kind { ReorderPoint, PeriodicReview };

    Kind kind = Kind::ReorderPoint;
    int reorderPoint = 0; ///< s (ignored by PeriodicReview)
    int orderUpTo = 0; ///< S
    int reviewPeriods = 1; ///< R, at least 1
    int packSize = 1;
    int minimumOrderQty = 0;
    double serviceLevelTarget = 0; ///< the target it was derived from, 0 when set by hand (for the chart)

    /** "(s, S) = (30, 60)" or "(R, S) = (7, 60)", translatable. */
    QString label() const;
};

struct SimulationSettings
{
    int runs = 1000;
    int periods = 365; ///< measured periods per run, after the warm-up
    int warmupPeriods = 0; ///< simulated first but not measured, so the start (on hand = S) does not flatter
    quint64 seed = 1;
    int threads = 1; ///< 0 for one per core; results are identical for any count
    bool lostSales = false; ///< demand not met from stock is lost instead of backordered
    double periodDays = 1; ///< converts to orders per year
    double unitCost = 0;
    LeadTimeModel leadTime;
};

/**
 * What a policy achieved over all runs (sums over runs, then ratios, so every run weighs by its demand).
 * An order placed at the end of period t with lead time L arrives at the start of period t + L + 1, so the
 * stock must cover L periods of demand after the review: the reorder point's protection interval.
 */
struct SimulationResult
{
    InventoryPolicy policy;
    double fillRate = 1; ///< units served from stock at once / units demanded (1 without demand)
    /**
     * Share of replenishment cycles (from one order arrival to the next, measured period only, incomplete
     * cycles at the end left out) in which all demand was served from stock; 1 without cycles.
     */
    double cycleServiceLevel = 1;
    double averageOnHand = 0; ///< mean over periods of (on hand after receipts + on hand at the end) / 2
    double averageStockValue = 0; ///< averageOnHand × unit cost
    double ordersPerYear = 0;
    double stockoutPeriods = 0; ///< periods per run with demand not served from stock
    double stockoutPeriodShare = 0; ///< stockoutPeriods / measured periods
    qint64 unitsDemanded = 0;
    qint64 unitsServed = 0; ///< from stock at once
    qint64 cycles = 0;
    qint64 cyclesWithoutStockout = 0;
    qint64 orders = 0;
};

/**
 * Simulates the policies over the same demand: run i draws its demand from a stream seeded by (seed, i)
 * alone and its lead times from another, so every policy meets the same demand (common random numbers make
 * the comparison between policies sharp) and the result of a policy does not depend on the others, on the
 * thread count or on the standard library (own uniform, normal and gamma sampling on std::mt19937_64).
 */
QList<SimulationResult> simulatePolicies(const DemandModel &demand, const QList<InventoryPolicy> &policies,
                                         const SimulationSettings &settings);
SimulationResult simulatePolicy(const DemandModel &demand, const InventoryPolicy &policy,
                                const SimulationSettings &settings);

/**
 * The (s, S) and (R, S) policies a plan implies (R from the plan's review period, at least one period).
 * (s, S) is reviewed every period, and the textbook reorder point it takes ignores the undershoot — how far
 * below s the position already is when a review finds it there. When a period's demand is large against the
 * lead-time sd the simulated cycle service falls short of the target (10 ± 4 a day, lead time 8 ± 2 days:
 * 0.91 for 0.95); showing such gaps is what the simulator is for.
 */
InventoryPolicy reorderPointPolicy(const ReplenishmentPlan &plan);
InventoryPolicy periodicReviewPolicy(const ReplenishmentPlan &plan);

/** The service-level targets a what-if chart offers by default: 0.80 … 0.99. */
std::vector<double> defaultServiceLevels();

/**
 * The what-if curve: for each service level, plans with `input` at that level (its demand taken from the
 * model — flat mean, sd per period — when input.demandMean is empty; lead time and review period from the
 * input's days and periodDays), derives the (s, S) and (R, S) policies, simulates them, and returns one
 * result per policy — fill rate against average stock value for a chart — ordered by kind, then service
 * level. `settings.leadTime`, `periodDays` and `unitCost` are taken from the input.
 */
QList<SimulationResult> evaluatePolicyGrid(const ReplenishmentInput &input, const DemandModel &demand,
                                           const std::vector<double> &serviceLevels,
                                           const SimulationSettings &settings);

} // namespace Stockroom
