// SPDX-License-Identifier: GPL-3.0-or-later
#include "inventorysim.h"

#include "forecast.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <thread>

namespace Stockroom {

namespace {

/**
 * Random numbers from std::mt19937_64 (whose output the standard fixes) through our own transformations:
 * the library's distributions are implementation-defined, and the results must not change with it.
 */
class RandomStream
{
public:
    explicit RandomStream(quint64 seed)
        : m_engine(seed)
    {
    }

    /** Uniform in (0, 1): 53 random bits, offset by half a step so that log() never sees 0. */
    double uniform() { return (double(m_engine() >> 11) + 0.5) * 0x1.0p-53; }

    /** Standard normal by Box–Muller; the second value of each pair is kept for the next call. */
    double normal()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        const double radius = std::sqrt(-2.0 * std::log(uniform()));
        const double angle = 6.283185307179586 * uniform();
        m_spare = radius * std::sin(angle);
        m_hasSpare = true;
        return radius * std::cos(angle);
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000); shapes below 1 boosted by U^(1/shape). */
    double gamma(double shape)
    {
        if (shape < 1) {
            const double boost = std::pow(uniform(), 1.0 / shape);
            return gamma(shape + 1) * boost;
        }
        const double d = shape - 1.0 / 3.0;
        const double c = 1.0 / std::sqrt(9 * d);
        for (;;) {
            const double x = normal();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            const double u = uniform();
            if (u < 1 - 0.0331 * x * x * x * x || std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) {
                return d * v;
            }
        }
    }

private:
    std::mt19937_64 m_engine;
    double m_spare = 0;
    bool m_hasSpare = false;
};

/** SplitMix64's finaliser: turns (seed, run, stream) into well-spread, independent engine seeds. */
quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

quint64 streamSeed(quint64 seed, int run, int stream)
{
    return mix(mix(seed) ^ mix(quint64(run) * 2 + quint64(stream) + 1));
}

/** Rounded to whole units, at least 0; capped far above any stock so the cast cannot overflow. */
qint64 roundedUnits(double value)
{
    if (!(value > 0)) {
        return 0;
    }
    return qint64(std::floor(std::min(value, 1e15) + 0.5));
}

qint64 drawDemand(const DemandModel &model, RandomStream &random)
{
    if (model.kind == DemandModel::Kind::Normal) {
        return roundedUnits(model.mean + model.sd * random.normal());
    }
    if (random.uniform() >= model.probability || model.sizeMean <= 0) {
        return 0;
    }
    if (model.sizeSd <= 0) {
        return std::max<qint64>(1, roundedUnits(model.sizeMean));
    }
    // Gamma with the size's mean and sd: shape (μ/σ)², scale σ²/μ.
    const double shape = model.sizeMean * model.sizeMean / (model.sizeSd * model.sizeSd);
    const double scale = model.sizeSd * model.sizeSd / model.sizeMean;
    return std::max<qint64>(1, roundedUnits(random.gamma(shape) * scale));
}

/** Periods until an order arrives; capped at a billion, which is past any simulated horizon. */
qint64 drawLeadTime(const LeadTimeModel &model, RandomStream &random)
{
    constexpr qint64 never = 1'000'000'000;
    if (model.sd <= 0) {
        return std::min(never, roundedUnits(model.mean));
    }
    return std::min(never, roundedUnits(model.mean + model.sd * random.normal()));
}

/** Integer totals of one or many runs: exact, so adding them in any order gives the same result. */
struct Totals
{
    qint64 demanded = 0;
    qint64 served = 0;
    qint64 onHandHalfSteps = 0; ///< Σ (on hand after receipts + on hand at the end), i.e. twice the average
    qint64 stockoutPeriods = 0;
    qint64 cycles = 0;
    qint64 cyclesWithoutStockout = 0;
    qint64 orders = 0;

    void add(const Totals &other)
    {
        demanded += other.demanded;
        served += other.served;
        onHandHalfSteps += other.onHandHalfSteps;
        stockoutPeriods += other.stockoutPeriods;
        cycles += other.cycles;
        cyclesWithoutStockout += other.cyclesWithoutStockout;
        orders += other.orders;
    }
};

struct SanePolicy
{
    bool periodic = false;
    qint64 reorderPoint = 0;
    qint64 orderUpTo = 0;
    int review = 1;
    int packSize = 1;
    int minimumOrderQty = 0;
};

SanePolicy sanitized(const InventoryPolicy &policy)
{
    SanePolicy sane;
    sane.periodic = policy.kind == InventoryPolicy::Kind::PeriodicReview;
    sane.orderUpTo = std::max(0, policy.orderUpTo);
    sane.reorderPoint
        = sane.periodic ? sane.orderUpTo : std::clamp<qint64>(policy.reorderPoint, 0, sane.orderUpTo);
    sane.review = std::max(1, policy.reviewPeriods);
    sane.packSize = std::max(1, policy.packSize);
    sane.minimumOrderQty = std::max(0, policy.minimumOrderQty);
    return sane;
}

/**
 * One run of one policy over a drawn demand path. Per period: receipts (which first clear backorders), then
 * demand served from stock, then the review. `arrivals` is scratch space of demand.size() entries.
 */
Totals simulateRun(const SanePolicy &policy, const std::vector<qint64> &demand, int warmup,
                   const SimulationSettings &settings, RandomStream leadTimes, std::vector<qint64> &arrivals)
{
    const int total = int(demand.size());
    std::fill(arrivals.begin(), arrivals.end(), 0);
    Totals totals;
    qint64 onHand = policy.orderUpTo;
    qint64 backlog = 0;
    qint64 onOrder = 0;
    bool cycleOpen = false;
    bool cycleStockout = false;
    for (int t = 0; t < total; ++t) {
        const bool measured = t >= warmup;
        const qint64 arrived = arrivals[std::size_t(t)];
        if (arrived > 0) {
            onOrder -= arrived;
            onHand += arrived;
            const qint64 cleared = std::min(backlog, onHand);
            backlog -= cleared;
            onHand -= cleared;
            if (measured) {
                if (cycleOpen) {
                    ++totals.cycles;
                    totals.cyclesWithoutStockout += cycleStockout ? 0 : 1;
                }
                cycleOpen = true;
                cycleStockout = false;
            }
        }
        const qint64 onHandAfterReceipts = onHand;
        const qint64 wanted = demand[std::size_t(t)];
        const qint64 served = std::min(wanted, onHand);
        onHand -= served;
        if (!settings.lostSales) {
            backlog += wanted - served;
        }
        if (measured) {
            totals.demanded += wanted;
            totals.served += served;
            totals.onHandHalfSteps += onHandAfterReceipts + onHand;
            if (served < wanted) {
                ++totals.stockoutPeriods;
                cycleStockout = true;
            }
        }
        if ((t + 1) % policy.review != 0) {
            continue;
        }
        const qint64 position = onHand - backlog + onOrder;
        const qint64 trigger = policy.periodic ? policy.orderUpTo : policy.reorderPoint;
        if (position >= trigger) {
            continue;
        }
        const qint64 shortfall = policy.orderUpTo - position;
        // As roundOrderQuantity(), in 64 bits: at least the minimum, then whole packs.
        qint64 qty = std::max<qint64>(shortfall, policy.minimumOrderQty);
        qty = (qty + policy.packSize - 1) / policy.packSize * policy.packSize;
        if (qty <= 0) {
            continue;
        }
        const qint64 arrival = qint64(t) + drawLeadTime(settings.leadTime, leadTimes) + 1;
        onOrder += qty;
        if (arrival < total) {
            arrivals[std::size_t(arrival)] += qty;
        }
        if (measured) {
            ++totals.orders;
        }
    }
    return totals;
}

SimulationResult resultOf(const InventoryPolicy &policy, const Totals &totals,
                          const SimulationSettings &settings)
{
    SimulationResult result;
    result.policy = policy;
    const double runs = std::max(1, settings.runs);
    const double periods = std::max(1, settings.periods);
    result.unitsDemanded = totals.demanded;
    result.unitsServed = totals.served;
    result.cycles = totals.cycles;
    result.cyclesWithoutStockout = totals.cyclesWithoutStockout;
    result.orders = totals.orders;
    result.fillRate = totals.demanded > 0 ? double(totals.served) / double(totals.demanded) : 1.0;
    result.cycleServiceLevel
        = totals.cycles > 0 ? double(totals.cyclesWithoutStockout) / double(totals.cycles) : 1.0;
    result.averageOnHand = double(totals.onHandHalfSteps) / 2.0 / (runs * periods);
    result.averageStockValue = result.averageOnHand * std::max(0.0, settings.unitCost);
    const double years = periods * (settings.periodDays > 0 ? settings.periodDays : 1.0) / 365.0;
    result.ordersPerYear = double(totals.orders) / runs / years;
    result.stockoutPeriods = double(totals.stockoutPeriods) / runs;
    result.stockoutPeriodShare = result.stockoutPeriods / periods;
    return result;
}

} // namespace

DemandModel DemandModel::normal(double mean, double sd)
{
    DemandModel model;
    model.kind = Kind::Normal;
    model.mean = std::max(0.0, mean);
    model.sd = std::max(0.0, sd);
    return model;
}

DemandModel DemandModel::intermittent(double probability, double sizeMean, double sizeSd)
{
    DemandModel model;
    model.kind = Kind::Intermittent;
    model.probability = std::clamp(probability, 0.0, 1.0);
    model.sizeMean = std::max(0.0, sizeMean);
    model.sizeSd = std::max(0.0, sizeSd);
    return model;
}

DemandModel DemandModel::fromSeries(const DemandSeries &series)
{
    std::vector<double> observed;
    for (std::size_t i = 0; i < series.values.size(); ++i) {
        if (series.isObserved(i)) {
            observed.push_back(std::max(0.0, series.values[i]));
        }
    }
    const auto meanAndSd = [](const std::vector<double> &values) {
        if (values.empty()) {
            return std::pair {0.0, 0.0};
        }
        double sum = 0;
        for (const double value : values) {
            sum += value;
        }
        const double mean = sum / double(values.size());
        double squares = 0;
        for (const double value : values) {
            squares += (value - mean) * (value - mean);
        }
        const double sd = values.size() > 1 ? std::sqrt(squares / double(values.size() - 1)) : 0.0;
        return std::pair {mean, sd};
    };
    const DemandClass demandClass = classifyDemand(series).demandClass;
    if (demandClass == DemandClass::Intermittent || demandClass == DemandClass::Lumpy) {
        std::vector<double> sizes;
        std::copy_if(observed.begin(), observed.end(), std::back_inserter(sizes),
                     [](double v) { return v > 0; });
        const auto [sizeMean, sizeSd] = meanAndSd(sizes);
        const double probability = observed.empty() ? 0.0 : double(sizes.size()) / double(observed.size());
        return intermittent(probability, sizeMean, sizeSd);
    }
    const auto [mean, sd] = meanAndSd(observed);
    return normal(mean, sd);
}

namespace {

/**
 * Mean and variance of round(max(0, X)), X ~ normal(mean, sd): what the simulator draws. For small means the
 * truncation at zero adds demand (normal(5, 5) draws 5.4 a period), and policies planned on the raw 5 would
 * look worse in simulation than they are in theory.
 */
std::pair<double, double> drawnNormalMoments(double mean, double sd)
{
    if (sd <= 0) {
        return {double(roundedUnits(mean)), 0.0};
    }
    if (sd >= 50) {
        // Too many integers to sum; at this spread rounding only adds its uniform 1/12 (Sheppard).
        const double a = mean / sd;
        const double density = std::exp(-0.5 * a * a) / std::sqrt(2 * std::numbers::pi);
        const double first = mean * normalCdf(a) + sd * density;
        const double second = (mean * mean + sd * sd) * normalCdf(a) + mean * sd * density;
        return {first, std::max(0.0, second - first * first) + 1.0 / 12};
    }
    const double from = std::max(0.0, std::floor(mean - 12 * sd));
    const double to = std::max(0.0, std::ceil(mean + 12 * sd));
    double first = 0;
    double second = 0;
    for (double k = std::max(1.0, from); k <= to; ++k) {
        const double probability = normalCdf((k + 0.5 - mean) / sd) - normalCdf((k - 0.5 - mean) / sd);
        first += k * probability;
        second += k * k * probability;
    }
    return {first, std::max(0.0, second - first * first)};
}

} // namespace

double DemandModel::meanPerPeriod() const
{
    return kind == Kind::Normal ? drawnNormalMoments(mean, sd).first : probability * sizeMean;
}

double DemandModel::sdPerPeriod() const
{
    if (kind == Kind::Normal) {
        return std::sqrt(drawnNormalMoments(mean, sd).second);
    }
    // A Bernoulli(p) occurrence times a size (μ, σ): Var = p·σ² + p·(1 − p)·μ².
    return std::sqrt(probability * sizeSd * sizeSd + probability * (1 - probability) * sizeMean * sizeMean);
}

QString InventoryPolicy::label() const
{
    if (kind == Kind::PeriodicReview) {
        return QCoreApplication::translate("InventoryPolicy", "(R, S) = (%1, %2)")
            .arg(reviewPeriods)
            .arg(orderUpTo);
    }
    return QCoreApplication::translate("InventoryPolicy", "(s, S) = (%1, %2)")
        .arg(reorderPoint)
        .arg(orderUpTo);
}

QList<SimulationResult> simulatePolicies(const DemandModel &demand, const QList<InventoryPolicy> &policies,
                                         const SimulationSettings &settings)
{
    const int runs = std::max(0, settings.runs);
    const int warmup = std::max(0, settings.warmupPeriods);
    const int total = warmup + std::max(0, settings.periods);
    std::vector<SanePolicy> sane;
    for (const InventoryPolicy &policy : policies) {
        sane.push_back(sanitized(policy));
    }

    int threads = settings.threads > 0 ? settings.threads : int(std::thread::hardware_concurrency());
    threads = std::clamp(threads, 1, std::max(1, runs));
    // One row of totals per thread and policy; the runs a thread takes do not matter, since integer sums
    // are exact and every run draws from streams seeded by its own index.
    std::vector<std::vector<Totals>> partial(std::size_t(threads), std::vector<Totals>(sane.size()));
    const auto work = [&](int thread) {
        std::vector<qint64> path(static_cast<std::size_t>(total));
        std::vector<qint64> arrivals(static_cast<std::size_t>(total));
        for (int run = thread; run < runs; run += threads) {
            RandomStream demandStream(streamSeed(settings.seed, run, 0));
            for (qint64 &units : path) {
                units = drawDemand(demand, demandStream);
            }
            const RandomStream leadTimeStream(streamSeed(settings.seed, run, 1));
            for (std::size_t p = 0; p < sane.size(); ++p) {
                // Each policy starts from the same lead-time stream (a copy), as if simulated alone.
                partial[std::size_t(thread)][p].add(
                    simulateRun(sane[p], path, warmup, settings, leadTimeStream, arrivals));
            }
        }
    };
    if (threads == 1) {
        work(0);
    } else {
        std::vector<std::thread> workers;
        for (int thread = 0; thread < threads; ++thread) {
            workers.emplace_back(work, thread);
        }
        for (std::thread &worker : workers) {
            worker.join();
        }
    }

    QList<SimulationResult> results;
    for (std::size_t p = 0; p < sane.size(); ++p) {
        Totals totals;
        for (const std::vector<Totals> &row : partial) {
            totals.add(row[p]);
        }
        results.append(resultOf(policies.at(qsizetype(p)), totals, settings));
    }
    return results;
}

SimulationResult simulatePolicy(const DemandModel &demand, const InventoryPolicy &policy,
                                const SimulationSettings &settings)
{
    return simulatePolicies(demand, {policy}, settings).constFirst();
}

InventoryPolicy reorderPointPolicy(const ReplenishmentPlan &plan)
{
    InventoryPolicy policy;
    policy.kind = InventoryPolicy::Kind::ReorderPoint;
    policy.reorderPoint = plan.reorderPointUnits;
    policy.orderUpTo = plan.orderUpToUnits;
    // The reorder point protects the lead time only, which holds when the position is looked at every period.
    policy.reviewPeriods = 1;
    policy.packSize = plan.input.packSize;
    policy.minimumOrderQty = plan.input.minimumOrderQty;
    policy.serviceLevelTarget = plan.input.serviceLevel;
    return policy;
}

InventoryPolicy periodicReviewPolicy(const ReplenishmentPlan &plan)
{
    InventoryPolicy policy;
    policy.kind = InventoryPolicy::Kind::PeriodicReview;
    policy.reorderPoint = plan.reorderPointUnits;
    policy.orderUpTo = plan.orderUpToUnits;
    policy.reviewPeriods
        = std::max(1, int(std::lround(plan.input.reviewPeriodDays / std::max(1e-9, plan.input.periodDays))));
    policy.packSize = plan.input.packSize;
    policy.minimumOrderQty = plan.input.minimumOrderQty;
    policy.serviceLevelTarget = plan.input.serviceLevel;
    return policy;
}

std::vector<double> defaultServiceLevels()
{
    return {0.80, 0.85, 0.90, 0.95, 0.98, 0.99};
}

QList<SimulationResult> evaluatePolicyGrid(const ReplenishmentInput &input, const DemandModel &demand,
                                           const std::vector<double> &serviceLevels,
                                           const SimulationSettings &settings)
{
    QList<InventoryPolicy> reorderPoint;
    QList<InventoryPolicy> periodic;
    double periodDays = 1;
    for (const double level : serviceLevels) {
        ReplenishmentInput at = input;
        at.serviceLevel = level;
        if (at.demandMean.empty()) {
            at.demandMean = {demand.meanPerPeriod()};
            at.demandSigma = demand.sdPerPeriod();
            at.demandSigmaPerStep.clear();
        }
        const ReplenishmentPlan plan = planReplenishment(at);
        periodDays = plan.input.periodDays;
        reorderPoint.append(reorderPointPolicy(plan));
        periodic.append(periodicReviewPolicy(plan));
    }
    SimulationSettings simulation = settings;
    simulation.periodDays = periodDays;
    simulation.unitCost = std::max(0.0, input.unitCost);
    simulation.leadTime.mean = std::max(0.0, input.leadTimeDays) / periodDays;
    simulation.leadTime.sd = std::max(0.0, input.leadTimeSdDays) / periodDays;
    return simulatePolicies(demand, reorderPoint + periodic, simulation);
}

} // namespace Stockroom
