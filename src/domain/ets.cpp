// SPDX-License-Identifier: GPL-3.0-or-later
#include "ets.h"

#include "etskernel.h"
#include "optimize.h"

#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

namespace Stockroom {

namespace {

using EtsKernel::laneCount;
using EtsKernel::Parameters;
using EtsKernel::Pass;
/** Series up to this many observations get their initial states fitted too (see fitPrepared). */
constexpr int maxStateFitObservations = 300;
/** Points the optimiser asks for together: step lengths of a line search, starting points. */
constexpr int trialCount = 8;

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double z80 = 1.2815515655446004;
constexpr double z95 = 1.959963984540054;
// The usual bounds of Hyndman et al.: smoothing parameters strictly inside (0, 1), beta ≤ alpha,
// gamma ≤ 1 − alpha, and phi in [0.8, 0.98] (below, the trend vanishes within a few steps; above, it is
// an undamped trend that the fit cannot tell apart and becomes unstable).
constexpr double parameterLow = 1e-4;
constexpr double parameterHigh = 0.9999;
constexpr double phiLow = 0.8;
constexpr double phiHigh = 0.98;
constexpr int simulatedPaths = 1000;
constexpr int tabledSteps = 128;

/**
 * Standard normal draws for the sample paths, drawn once per process from a fixed seed: every series
 * sees the same draws (common random numbers), so a forecast does not depend on which thread made it or
 * on what was forecast before, and drawing costs nothing per series. Steps beyond the table are drawn
 * from a hash of (path, step) (normalAt), still the same for every run.
 */
/** A standard normal number that depends only on (path, step): splitmix64 of both, then Box–Muller. */
double normalAt(int path, int step)
{
    const auto mix = [](std::uint64_t z) {
        z += 0x9E3779B97F4A7C15ULL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    };
    const std::uint64_t key = (std::uint64_t(std::uint32_t(path)) << 32) | std::uint32_t(step);
    const double u1 = (double(mix(key) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
    const double u2 = (double(mix(key ^ 0xD1B54A32D192ED03ULL) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

const std::vector<double> &normalTable()
{
    static const std::vector<double> table = [] {
        std::vector<double> values(std::size_t(simulatedPaths) * tabledSteps);
        std::mt19937_64 engine(20261127);
        const auto uniform = [&] { return (double(engine() >> 11) + 0.5) * (1.0 / 9007199254740992.0); };
        for (std::size_t i = 0; i < values.size(); i += 2) {
            const double radius = std::sqrt(-2.0 * std::log(uniform()));
            const double angle = 6.283185307179586 * uniform();
            values[i] = radius * std::cos(angle);
            values[i + 1] = radius * std::sin(angle);
        }
        return values;
    }();
    return table;
}

/**
 * The recursion of the state-space models in error-correction form, the same for both error types (only
 * the likelihood differs). `season` holds one state per cycle position (t mod m) and is updated in place;
 * a period without observation (a stockout) moves the states on by their own forecast. Templated on the
 * components so the innermost loop has no branches on the model.
 */
template<char Trend, char Season, bool MultiplicativeError>
Pass runModel(const double *y, const unsigned char *observed, int n, int m, const Parameters &p,
              double &level, double &trend, double *season)
{
    Pass pass;
    const double betaOverAlpha = p.beta / p.alpha;
    double l = level;
    double b = trend;
    int position = 0;
    // Accumulated in locals: the result struct lives in the caller's memory, which the compiler must
    // assume the season writes may alias, and a store and reload per period doubled the time.
    double sse = 0;
    int count = 0;
    double product = 1;
    long long exponents = 0;
    int inProduct = 0;
    for (int t = 0; t < n; ++t) {
        const double phib = Trend == 'N' ? 0.0 : (Trend == 'A' ? b : p.phi * b);
        const double q = l + phib;
        double &s = season[position];
        const double f = Season == 'N' ? q : (Season == 'A' ? q + s : q * s);
        if (++position == m) {
            position = 0;
        }
        if (observed != nullptr && observed[t] == 0) {
            l = q;
            b = phib;
            continue;
        }
        const double value = y[t];
        const double error = value - f;
        if constexpr (MultiplicativeError) {
            if (!(f > 1e-10)) {
                pass.ok = false;
                return pass;
            }
            const double relative = error / f;
            sse += relative * relative;
            // Σ log f as the log of a product: a logarithm per period cost as much as the rest of the
            // step. The product's exponent is taken out every 8 periods, before it could overflow
            // (f stays within 1e-10 … 1e30 for any demand).
            product *= f;
            if (++inProduct == 8) {
                int exponent = 0;
                product = std::frexp(product, &exponent);
                exponents += exponent;
                inProduct = 0;
            }
        } else {
            sse += error * error;
        }
        ++count;
        double newLevel;
        if constexpr (Season == 'M') {
            if (!(q > 1e-10) || !(s > 1e-10)) {
                pass.ok = false;
                return pass;
            }
            newLevel = q + p.alpha * (value / s - q);
            s += p.gamma * (value / q - s);
        } else if constexpr (Season == 'A') {
            newLevel = q + p.alpha * error;
            s += p.gamma * error;
        } else {
            newLevel = q + p.alpha * error;
        }
        if constexpr (Trend != 'N') {
            b = phib + betaOverAlpha * (newLevel - l - phib);
        }
        l = newLevel;
    }
    pass.sse = sse;
    pass.count = count;
    if constexpr (MultiplicativeError) {
        pass.sumLogForecast = std::log(product) + double(exponents) * 0.6931471805599453;
        if (!std::isfinite(pass.sumLogForecast)) {
            pass.ok = false;
        }
    }
    level = l;
    trend = b;
    return pass;
}

template<char Trend, char Season>
Pass runWithError(bool multiplicative, const double *y, const unsigned char *observed, int n, int m,
                  const Parameters &p, double &level, double &trend, double *season)
{
    return multiplicative ? runModel<Trend, Season, true>(y, observed, n, m, p, level, trend, season)
                          : runModel<Trend, Season, false>(y, observed, n, m, p, level, trend, season);
}

template<char Trend>
Pass runWithSeason(const EtsModel &model, const double *y, const unsigned char *observed, int n,
                   const Parameters &p, double &level, double &trend, double *season)
{
    const bool multiplicative = model.error == 'M';
    const int m = std::max(1, model.period);
    switch (model.season) {
    case 'A':
        return runWithError<Trend, 'A'>(multiplicative, y, observed, n, m, p, level, trend, season);
    case 'M':
        return runWithError<Trend, 'M'>(multiplicative, y, observed, n, m, p, level, trend, season);
    default:
        return runWithError<Trend, 'N'>(multiplicative, y, observed, n, 1, p, level, trend, season);
    }
}

Pass runEts(const EtsModel &model, const double *y, const unsigned char *observed, int n, const Parameters &p,
            double &level, double &trend, double *season)
{
    switch (model.trend) {
    case 'A':
        return runWithSeason<'A'>(model, y, observed, n, p, level, trend, season);
    case 'D':
        return runWithSeason<'D'>(model, y, observed, n, p, level, trend, season);
    default:
        return runWithSeason<'N'>(model, y, observed, n, p, level, trend, season);
    }
}

/** −2 log-likelihood up to a constant shared by all models of the same series (Hyndman et al., ch. 5). */
double minusTwoLogLikelihood(const Pass &pass, bool multiplicative)
{
    if (!pass.ok || pass.count == 0) {
        return infinity;
    }
    const double sse = std::max(pass.sse, 1e-300);
    double value = double(pass.count) * std::log(sse);
    if (multiplicative) {
        value += 2.0 * pass.sumLogForecast;
    }
    return std::isfinite(value) ? value : infinity;
}

/** The series as plain arrays: values with stockout gaps filled by interpolation, and observation marks. */
struct Prepared
{
    std::vector<double> values;
    std::vector<double> filled; ///< gaps interpolated, only for the initial states
    std::vector<unsigned char> observed;
    bool anyMissing = false;
    int observedCount = 0;
    bool positive = true;
    bool nonNegative = true;
};

Prepared prepare(const DemandSeries &series)
{
    Prepared prepared;
    const std::size_t n = series.values.size();
    prepared.values = series.values;
    prepared.observed.assign(n, 1);
    for (std::size_t t = 0; t < n; ++t) {
        if (!series.isObserved(t) || !std::isfinite(series.values[t])) {
            prepared.observed[t] = 0;
            prepared.values[t] = 0;
            prepared.anyMissing = true;
            continue;
        }
        ++prepared.observedCount;
        prepared.positive = prepared.positive && series.values[t] > 0;
        prepared.nonNegative = prepared.nonNegative && series.values[t] >= 0;
    }
    prepared.filled = prepared.values;
    // Linear interpolation across gaps; the ends take the nearest observation.
    std::ptrdiff_t previous = -1;
    for (std::size_t t = 0; t <= n; ++t) {
        if (t < n && prepared.observed[t] == 0) {
            continue;
        }
        const std::size_t gapStart = std::size_t(previous + 1);
        for (std::size_t g = gapStart; g < t; ++g) {
            if (previous < 0 && t < n) {
                prepared.filled[g] = prepared.values[t];
            } else if (previous >= 0 && t == n) {
                prepared.filled[g] = prepared.values[std::size_t(previous)];
            } else if (previous >= 0) {
                const double weight = double(g - std::size_t(previous)) / double(t - std::size_t(previous));
                prepared.filled[g] = prepared.values[std::size_t(previous)]
                    + weight * (prepared.values[t] - prepared.values[std::size_t(previous)]);
            }
        }
        previous = std::ptrdiff_t(t);
    }
    return prepared;
}

/** Starting states: seasonal indices by classical decomposition of the first cycles, level and trend by
 *  least squares on the first seasonally adjusted values (the heuristic of Hyndman et al., section 2.6). */
struct InitialStates
{
    bool ok = true;
    double level = 0;
    double trend = 0;
    std::vector<double> season;
};

InitialStates initialStates(const std::vector<double> &y, const EtsModel &model)
{
    InitialStates states;
    const int n = int(y.size());
    const int m = model.seasonal() ? model.period : 1;
    states.season.assign(std::size_t(m), model.season == 'M' ? 1.0 : 0.0);
    std::vector<double> adjusted = y;
    if (model.seasonal()) {
        const int length = std::min(n, 3 * m);
        if (length < 2 * m) {
            states.ok = false;
            return states;
        }
        // Centred moving average of order m (2×m for an even m).
        const int half = m / 2;
        std::vector<double> sums(std::size_t(m), 0.0);
        std::vector<int> counts(std::size_t(m), 0);
        for (int t = half; t + half < length; ++t) {
            double average = 0;
            if (m % 2 == 1) {
                for (int k = -half; k <= half; ++k) {
                    average += y[std::size_t(t + k)];
                }
                average /= m;
            } else {
                if (t + half >= length) {
                    break;
                }
                average = 0.5 * (y[std::size_t(t - half)] + y[std::size_t(t + half)]);
                for (int k = -half + 1; k < half; ++k) {
                    average += y[std::size_t(t + k)];
                }
                average /= m;
            }
            const double value = y[std::size_t(t)];
            if (model.season == 'M') {
                if (!(average > 0)) {
                    states.ok = false;
                    return states;
                }
                sums[std::size_t(t % m)] += value / average;
            } else {
                sums[std::size_t(t % m)] += value - average;
            }
            ++counts[std::size_t(t % m)];
        }
        double total = 0;
        for (int j = 0; j < m; ++j) {
            if (counts[std::size_t(j)] == 0) {
                states.ok = false;
                return states;
            }
            states.season[std::size_t(j)] = sums[std::size_t(j)] / counts[std::size_t(j)];
            total += states.season[std::size_t(j)];
        }
        const double mean = total / m;
        for (double &s : states.season) {
            if (model.season == 'M') {
                if (!(mean > 0)) {
                    states.ok = false;
                    return states;
                }
                s /= mean;
                if (!(s > 0.01)) {
                    s = 0.01;
                }
            } else {
                s -= mean;
            }
        }
        for (int t = 0; t < n; ++t) {
            const double s = states.season[std::size_t(t % m)];
            adjusted[std::size_t(t)] = model.season == 'M' ? y[std::size_t(t)] / s : y[std::size_t(t)] - s;
        }
    }
    const int count = std::min(std::max(10, 2 * m), n);
    if (count == 0) {
        states.ok = false;
        return states;
    }
    if (!model.hasTrend() || count < 2) {
        double sum = 0;
        for (int t = 0; t < count; ++t) {
            sum += adjusted[std::size_t(t)];
        }
        states.level = sum / count;
    } else {
        double sumT = 0;
        double sumY = 0;
        double sumTT = 0;
        double sumTY = 0;
        for (int t = 0; t < count; ++t) {
            const double x = t + 1;
            sumT += x;
            sumY += adjusted[std::size_t(t)];
            sumTT += x * x;
            sumTY += x * adjusted[std::size_t(t)];
        }
        const double spread = count * sumTT - sumT * sumT;
        states.trend = (count * sumTY - sumT * sumY) / spread;
        states.level = (sumY - states.trend * sumT) / count;
    }
    if ((model.error == 'M' || model.season == 'M') && !(states.level > 0)) {
        // A multiplicative model needs a positive level; start from the first values' mean instead.
        states.level = std::max(1e-3, adjusted.front());
        states.trend = 0;
    }
    return states;
}

// Smoothing parameters (up to 4) and, for short series, the initial level, trend and m − 1 seasonal
// states (m ≤ 12).
constexpr int maxDimensions = 4 + 2 + 11;
using Point = std::array<double, maxDimensions>;

/**
 * Newton's method on a box with derivatives by finite differences, for the smooth likelihood surfaces of
 * the smoothing models. All points one iteration needs — the 2d + d(d−1)/2 around the current point for
 * gradient and Hessian, then four step lengths along the Newton direction — are asked for in two batches,
 * which the lane kernel evaluates side by side; from a good start it converges in a handful of
 * iterations where Nelder–Mead needs hundreds of evaluations one after another. Coordinates sitting on a
 * bound with the gradient pushing outwards are held there (projected Newton); a Hessian that is not
 * positive definite is shifted until it is (Levenberg–Marquardt). Returns false when it could not
 * evaluate its start or leave a concave region, so the caller can fall back on Nelder–Mead.
 */
template<typename Batch>
bool boxNewton(Batch &&f, Point &x, double &fx, const Point &low, const Point &high, int d, int maxIterations,
               double tolerance)
{
    constexpr double h = 1e-4;
    const auto inside = [&](Point p) {
        for (int i = 0; i < d; ++i) {
            p[std::size_t(i)]
                = std::clamp(p[std::size_t(i)], low[std::size_t(i)] + 2 * h, high[std::size_t(i)] - 2 * h);
        }
        return p;
    };
    x = inside(x);
    f(&x, 1, &fx);
    if (!std::isfinite(fx)) {
        return false;
    }
    // Step lengths tried at once along the Newton direction (the short ones for a surface far from
    // quadratic), and along steepest descent.
    static constexpr double newtonLengths[trialCount] = {1.0, 0.5, 0.2, 0.05, 0.02, 0.008, 0.002, 0.0005};
    static constexpr double descentLengths[trialCount] = {1.0, 0.4, 0.1, 0.02, 0.005, 0.001, 2e-4, 5e-5};
    for (int iteration = 0; iteration < maxIterations; ++iteration) {
        std::array<Point, 2 * maxDimensions + maxDimensions *(maxDimensions - 1) / 2> points {};
        int count = 0;
        for (int i = 0; i < d; ++i) {
            Point plus = x;
            plus[std::size_t(i)] += h;
            Point minus = x;
            minus[std::size_t(i)] -= h;
            points[std::size_t(count++)] = plus;
            points[std::size_t(count++)] = minus;
        }
        for (int i = 0; i < d; ++i) {
            for (int j = i + 1; j < d; ++j) {
                Point both = x;
                both[std::size_t(i)] += h;
                both[std::size_t(j)] += h;
                points[std::size_t(count++)] = both;
            }
        }
        std::array<double, points.size()> values {};
        f(points.data(), count, values.data());
        double gradient[maxDimensions] = {};
        double hessian[maxDimensions][maxDimensions] = {};
        bool finite = true;
        for (int i = 0; i < d; ++i) {
            const double plus = values[std::size_t(2 * i)];
            const double minus = values[std::size_t(2 * i + 1)];
            finite = finite && std::isfinite(plus) && std::isfinite(minus);
            gradient[i] = (plus - minus) / (2 * h);
            hessian[i][i] = (plus - 2 * fx + minus) / (h * h);
        }
        int pair = 2 * d;
        for (int i = 0; i < d; ++i) {
            for (int j = i + 1; j < d; ++j) {
                const double both = values[std::size_t(pair++)];
                finite = finite && std::isfinite(both);
                hessian[i][j] = hessian[j][i]
                    = (both - values[std::size_t(2 * i)] - values[std::size_t(2 * j)] + fx) / (h * h);
            }
        }
        if (!finite) {
            break;
        }
        // Coordinates held at a bound: the gradient points out of the box there.
        bool free[maxDimensions];
        for (int i = 0; i < d; ++i) {
            const bool atLow = x[std::size_t(i)] <= low[std::size_t(i)] + 2 * h + 1e-12 && gradient[i] > 0;
            const bool atHigh = x[std::size_t(i)] >= high[std::size_t(i)] - 2 * h - 1e-12 && gradient[i] < 0;
            free[i] = !atLow && !atHigh;
        }
        // Solve (H + mu I) step = −g on the free coordinates by Cholesky, raising mu until it succeeds.
        double scale = 0;
        for (int i = 0; i < d; ++i) {
            scale = std::max(scale, std::abs(hessian[i][i]));
        }
        double step[maxDimensions] = {};
        bool solved = false;
        for (const double mu : {0.0, 1e-9 * (scale + 1)}) {
            if (solved) {
                break;
            }
            double factor[maxDimensions][maxDimensions] = {};
            bool positive = true;
            for (int i = 0; i < d && positive; ++i) {
                if (!free[i]) {
                    continue;
                }
                for (int j = 0; j <= i; ++j) {
                    if (!free[j]) {
                        continue;
                    }
                    double sum = hessian[i][j] + (i == j ? mu : 0.0);
                    for (int k = 0; k < j; ++k) {
                        if (free[k]) {
                            sum -= factor[i][k] * factor[j][k];
                        }
                    }
                    if (i == j) {
                        if (!(sum > 0)) {
                            positive = false;
                            break;
                        }
                        factor[i][i] = std::sqrt(sum);
                    } else {
                        factor[i][j] = sum / factor[j][j];
                    }
                }
            }
            if (!positive) {
                continue;
            }
            double forward[maxDimensions] = {};
            for (int i = 0; i < d; ++i) {
                if (free[i]) {
                    double sum = -gradient[i];
                    for (int k = 0; k < i; ++k) {
                        if (free[k]) {
                            sum -= factor[i][k] * forward[k];
                        }
                    }
                    forward[i] = sum / factor[i][i];
                }
            }
            for (int i = d - 1; i >= 0; --i) {
                if (free[i]) {
                    double sum = forward[i];
                    for (int k = i + 1; k < d; ++k) {
                        if (free[k]) {
                            sum -= factor[k][i] * step[k];
                        }
                    }
                    step[i] = sum / factor[i][i];
                }
            }
            solved = true;
        }
        // Not convex here (far from the optimum): a steepest-descent step instead, up to a quarter of the
        // box in the coordinate that moves most.
        const double *lengths = newtonLengths;
        if (!solved) {
            double largest = 0;
            for (int i = 0; i < d; ++i) {
                step[i] = free[i] ? -gradient[i] : 0.0;
                largest = std::max(largest, std::abs(step[i]) / (high[std::size_t(i)] - low[std::size_t(i)]));
            }
            if (!(largest > 0)) {
                break;
            }
            for (int i = 0; i < d; ++i) {
                step[i] *= 0.25 / largest;
            }
            lengths = descentLengths;
        }
        // A step that would leave the box is shortened to end on its wall, not clamped coordinate by
        // coordinate (which would bend it into a direction that need not descend).
        double reach = 1;
        for (int i = 0; i < d; ++i) {
            const double to = x[std::size_t(i)] + step[i];
            if (to > high[std::size_t(i)] - 2 * h && step[i] > 0) {
                reach = std::min(reach, (high[std::size_t(i)] - 2 * h - x[std::size_t(i)]) / step[i]);
            } else if (to < low[std::size_t(i)] + 2 * h && step[i] < 0) {
                reach = std::min(reach, (low[std::size_t(i)] + 2 * h - x[std::size_t(i)]) / step[i]);
            }
        }
        reach = std::max(0.0, reach);
        std::array<Point, trialCount> trials {};
        std::array<double, trialCount> trialValues {};
        for (int t = 0; t < trialCount; ++t) {
            Point trial = x;
            const double length = reach * lengths[t];
            for (int i = 0; i < d; ++i) {
                trial[std::size_t(i)] += length * step[i];
            }
            trials[std::size_t(t)] = inside(trial);
        }
        f(trials.data(), trialCount, trialValues.data());
        int best = -1;
        for (int t = 0; t < trialCount; ++t) {
            if (std::isfinite(trialValues[std::size_t(t)]) && trialValues[std::size_t(t)] < fx
                && (best < 0 || trialValues[std::size_t(t)] < trialValues[std::size_t(best)])) {
                best = t;
            }
        }
        if (best < 0) {
            // No step length improves: at a minimum as far as differences can tell — if the surface is
            // convex here; a failed descent step leaves it to Nelder–Mead.
            return solved;
        }
        const double gain = fx - trialValues[std::size_t(best)];
        x = trials[std::size_t(best)];
        fx = trialValues[std::size_t(best)];
        if (solved && gain <= tolerance * (std::abs(fx) + tolerance)) {
            return true;
        }
    }
    // Still improving after every iteration (a long flat valley): the point is good, and Nelder–Mead from
    // here would cost ten times as much for the last digits.
    return true;
}

/** The optimiser's coordinates: beta and gamma as fractions of their upper bounds, so the box is fixed. */
Parameters parametersAt(const EtsModel &model, const Point &x)
{
    Parameters p;
    std::size_t i = 0;
    p.alpha = x[i++];
    if (model.hasTrend()) {
        p.beta = p.alpha * x[i++];
    }
    if (model.seasonal()) {
        p.gamma = (1.0 - p.alpha) * x[i++];
    }
    p.phi = model.damped() ? x[i++] : 1.0;
    return p;
}

/** Quantile of type 7 (R's default: linear between order statistics); reorders `values`. */
double quantileOf(std::vector<double> &values, double probability)
{
    const double position = probability * double(values.size() - 1);
    const auto below = std::size_t(std::floor(position));
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(below), values.end());
    const double low = values[below];
    if (below + 1 >= values.size()) {
        return low;
    }
    const double high = *std::min_element(values.begin() + std::ptrdiff_t(below) + 1, values.end());
    return low + (position - double(below)) * (high - low);
}

} // namespace

QString EtsModel::code() const
{
    const QString trendCode = trend == 'D' ? QStringLiteral("Ad") : QString(QChar::fromLatin1(trend));
    return QStringLiteral("ETS(%1,%2,%3)")
        .arg(QChar::fromLatin1(error), trendCode, QChar::fromLatin1(season));
}

std::optional<EtsModel> EtsModel::fromCode(const QString &code, int period)
{
    static const QRegularExpression pattern(QStringLiteral("^ETS\\(([AM]),(N|A|Ad),([NAM])\\)$"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(code.trimmed());
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    EtsModel model;
    model.error = match.captured(1).toUpper().at(0).toLatin1();
    const QString trend = match.captured(2).toUpper();
    model.trend = trend == QLatin1String("AD") ? 'D' : trend.at(0).toLatin1();
    model.season = match.captured(3).toUpper().at(0).toLatin1();
    model.period = model.season == 'N' ? 1 : period;
    if (model.seasonal() && period < 2) {
        return std::nullopt;
    }
    return model;
}

int EtsModel::parameterCount() const
{
    int count = 2 + 1; // alpha, initial level, error variance
    if (hasTrend()) {
        count += 2; // beta, initial trend
    }
    if (damped()) {
        count += 1;
    }
    if (seasonal()) {
        count += 1 + (period - 1); // gamma, initial seasonal states (they sum to a constant)
    }
    return count;
}

namespace {

/** Runs the model with parameters p once more to record its final states and information criteria. */
EtsFit finishFit(EtsFit fit, const Prepared &prepared, const InitialStates &start, const Parameters &p)
{
    const EtsModel &model = fit.model;
    const int n = int(prepared.values.size());
    const int parameters = model.parameterCount();
    const unsigned char *observed = prepared.anyMissing ? prepared.observed.data() : nullptr;
    fit.alpha = p.alpha;
    fit.beta = p.beta;
    fit.gamma = p.gamma;
    fit.phi = p.phi;
    fit.level = start.level;
    fit.trend = start.trend;
    std::vector<double> finalSeason = start.season;
    const Pass pass
        = runEts(model, prepared.values.data(), observed, n, p, fit.level, fit.trend, finalSeason.data());
    const double value = minusTwoLogLikelihood(pass, model.error == 'M');
    if (!std::isfinite(value)) {
        fit.valid = false;
        return fit;
    }
    // Cycle positions continue from the end of the series: the first step ahead is position n mod m.
    fit.season.assign(finalSeason.size(), 0.0);
    for (std::size_t j = 0; j < finalSeason.size(); ++j) {
        fit.season[j] = finalSeason[(std::size_t(n) + j) % finalSeason.size()];
    }
    const double count = pass.count;
    fit.logLikelihood = -0.5 * value;
    fit.aic = value + 2.0 * parameters;
    fit.aicc = count - parameters - 1 > 0
        ? fit.aic + 2.0 * parameters * (parameters + 1) / (count - parameters - 1)
        : infinity;
    fit.bic = fit.aic + (std::log(count) - 2.0) * parameters;
    fit.sigma2 = pass.sse / std::max(1.0, count - parameters);
    fit.valid = true;
    return fit;
}

/** Whether the model can be fitted to the series at all, and its starting states. */
std::optional<InitialStates> startOf(const EtsModel &model, const Prepared &prepared)
{
    const int parameters = model.parameterCount();
    const bool multiplicative = model.error == 'M' || model.season == 'M';
    // AICc needs more observations than parameters + 1; a model with as many parameters as that is
    // overfitted anyway.
    if (prepared.observedCount < parameters + 2 || (multiplicative && !prepared.positive)
        || (model.seasonal() && model.period < 2)) {
        return std::nullopt;
    }
    InitialStates start = initialStates(prepared.filled, model);
    if (!start.ok) {
        return std::nullopt;
    }
    return start;
}

} // namespace

EtsFit evaluateEts(const DemandSeries &series, const EtsModel &model, double alpha, double beta, double gamma,
                   double phi)
{
    EtsFit fit;
    fit.model = model;
    const Prepared prepared = prepare(series);
    fit.observations = prepared.observedCount;
    fit.nonNegative = prepared.nonNegative;
    const std::optional<InitialStates> start = startOf(model, prepared);
    if (!start) {
        return fit;
    }
    Parameters p;
    p.alpha = std::clamp(alpha, parameterLow, 1.0);
    p.beta = model.hasTrend() ? std::clamp(beta, 0.0, p.alpha) : 0.0;
    p.gamma = model.seasonal() ? std::clamp(gamma, 0.0, 1.0 - p.alpha) : 0.0;
    p.phi = model.damped() ? phi : 1.0;
    return finishFit(fit, prepared, *start, p);
}

namespace {

/**
 * Fits one model to a prepared series. `warm`, a fit of a neighbouring model (the other error type, or the
 * undamped trend), gives the starting parameters: from there Newton's method needs a few iterations.
 */
/**
 * The initial states as coordinates of the optimiser: offsets from the heuristic start in units of the
 * series' scale, so that every coordinate is of order one like the smoothing parameters (the finite
 * differences and the box treat all coordinates alike). The last seasonal state follows from the others
 * (the season sums to zero, or averages one).
 */
struct StateLayout
{
    int first = 0; ///< index of the first state coordinate
    int count = 0;
    bool level = false;
    bool trend = false;
    int seasons = 0;
    double scale = 1;
};

void statesAt(const EtsModel &model, const InitialStates &start, const StateLayout &layout, const Point &x,
              double &level, double &trend, double *season)
{
    std::size_t i = std::size_t(layout.first);
    level = start.level + (layout.level ? 0.1 * layout.scale * x[i++] : 0.0);
    trend = start.trend + (layout.trend ? 0.01 * layout.scale * x[i++] : 0.0);
    const std::size_t m = start.season.size();
    std::copy(start.season.begin(), start.season.end(), season);
    if (layout.seasons > 0) {
        const double unit = model.season == 'M' ? 0.1 : 0.1 * layout.scale;
        double sum = 0;
        for (std::size_t j = 0; j + 1 < m; ++j) {
            season[j] += unit * x[i++];
            sum += season[j];
        }
        season[m - 1] = model.season == 'M' ? double(m) - sum : -sum;
    }
}

EtsFit fitPrepared(const Prepared &prepared, const EtsModel &model, const EtsFit *warm)
{
    EtsFit fit;
    fit.model = model;
    fit.observations = prepared.observedCount;
    fit.nonNegative = prepared.nonNegative;
    const int n = int(prepared.values.size());
    const std::optional<InitialStates> maybeStart = startOf(model, prepared);
    if (!maybeStart) {
        return fit;
    }
    const InitialStates &start = *maybeStart;
    const unsigned char *observed = prepared.anyMissing ? prepared.observed.data() : nullptr;
    const std::size_t m = start.season.size();
    std::vector<EtsKernel::Lanes> laneSeason(m);
    std::vector<EtsKernel::Lanes> laneSeason0(m);
    std::vector<double> oneSeason(m);
    const bool multiplicative = model.error == 'M';
    StateLayout layout; // no state coordinates until the second stage
    const auto batch = [&](const Point *points, int count, double *values) {
        for (int first = 0; first < count; first += laneCount) {
            Parameters p[laneCount];
            EtsKernel::Lanes level0;
            EtsKernel::Lanes trend0;
            for (int k = 0; k < laneCount; ++k) {
                const Point &x = points[std::min(first + k, count - 1)];
                p[k] = parametersAt(model, x);
                double level = 0;
                double trend = 0;
                statesAt(model, start, layout, x, level, trend, oneSeason.data());
                level0[k] = level;
                trend0[k] = trend;
                for (std::size_t j = 0; j < m; ++j) {
                    laneSeason0[j][k] = oneSeason[j];
                }
            }
            Pass passes[laneCount];
            EtsKernel::run(model, prepared.values.data(), observed, n, p, level0, trend0, laneSeason0.data(),
                           laneSeason.data(), passes);
            for (int k = 0; k < laneCount && first + k < count; ++k) {
                values[first + k] = minusTwoLogLikelihood(passes[k], multiplicative);
            }
        }
    };
    const auto single = [&](const Point &x) {
        double value = 0;
        batch(&x, 1, &value);
        return value;
    };
    // Starting values as in Hyndman's forecast package: a slow level, slower trend and season, damping
    // near its upper bound — or the neighbouring model's fit.
    Point x {};
    Point low {};
    Point high {};
    int dimensions = 0;
    const auto add = [&](double value, double lower, double upper) {
        x[std::size_t(dimensions)] = std::clamp(value, lower, upper);
        low[std::size_t(dimensions)] = lower;
        high[std::size_t(dimensions)] = upper;
        ++dimensions;
    };
    const int period = model.seasonal() ? model.period : 1;
    const double alpha = warm != nullptr
        ? warm->alpha
        : std::max(parameterLow, 0.2 / period + (model.seasonal() ? 0.05 : 0.0));
    add(alpha, parameterLow, parameterHigh);
    if (model.hasTrend()) {
        add(warm != nullptr && warm->model.hasTrend() && warm->alpha > 0 ? warm->beta / warm->alpha : 0.1,
            parameterLow, parameterHigh);
    }
    if (model.seasonal()) {
        add(warm != nullptr && warm->model.seasonal() && warm->alpha < 1 ? warm->gamma / (1 - warm->alpha)
                                                                         : 0.05,
            parameterLow, parameterHigh);
    }
    if (model.damped()) {
        add(warm != nullptr && warm->model.damped() ? warm->phi : 0.97, phiLow, phiHigh);
    }
    // The likelihood in alpha can have two valleys (a slowly moving level, or one that follows every
    // value): eight starts evaluated side by side, the best one goes on.
    std::array<Point, trialCount> starts {};
    const double alphas[trialCount - 1] = {0.01, 0.05, 0.15, 0.3, 0.5, 0.8, 0.99};
    starts[0] = x;
    for (int k = 1; k < trialCount; ++k) {
        starts[std::size_t(k)] = x;
        starts[std::size_t(k)][0] = alphas[k - 1];
    }
    std::array<double, trialCount> startValues {};
    batch(starts.data(), trialCount, startValues.data());
    int first = 0;
    for (int k = 1; k < trialCount; ++k) {
        if (startValues[std::size_t(k)] < startValues[std::size_t(first)]) {
            first = k;
        }
    }
    if (std::isfinite(startValues[std::size_t(first)])) {
        x = starts[std::size_t(first)];
    }
    double value = 0;
    Point best = x;
    if (!boxNewton(batch, best, value, low, high, dimensions, 20, 1e-9)) {
        // Nelder–Mead copes with inadmissible regions (a multiplicative model whose forecast went
        // negative) that finite differences cannot cross. A restart from the optimum escapes a simplex that
        // collapsed early, a known Nelder–Mead failure.
        best = Optimize::nelderMead(single, x, low, high, dimensions, 100 * dimensions + 100, 1e-5);
        best = Optimize::nelderMead(single, best, low, high, dimensions, 60 * dimensions + 60, 1e-6);
        value = single(best);
    }
    // Second stage, for short series: the initial states join the parameters, as in Hyndman's ets(). On a
    // short series the heuristic start is felt over much of the history (a season that hardly changes
    // keeps its start for ever: on R's monthly data sets the likelihood rose by 5–7 units); on a long one
    // it is forgotten, and fitting 13 more coordinates would cost ten times as much.
    if (prepared.observedCount <= maxStateFitObservations && (!model.seasonal() || model.period <= 12)
        && std::isfinite(value)) {
        double scale = 0;
        for (std::size_t t = 0; t < prepared.values.size(); ++t) {
            scale += prepared.observed[t] != 0 ? std::abs(prepared.values[t]) : 0.0;
        }
        layout.first = dimensions;
        layout.level = true;
        layout.trend = model.hasTrend();
        layout.seasons = model.seasonal() ? model.period - 1 : 0;
        layout.count = 1 + (layout.trend ? 1 : 0) + layout.seasons;
        layout.scale = std::max(1e-9, scale / std::max(1, prepared.observedCount));
        for (int i = 0; i < layout.count; ++i) {
            add(0.0, -5.0, 5.0);
        }
        Point full = best;
        for (int i = layout.first; i < dimensions; ++i) {
            full[std::size_t(i)] = x[std::size_t(i)];
        }
        double fullValue = 0;
        if (boxNewton(batch, full, fullValue, low, high, dimensions, 15, 1e-9) && fullValue < value) {
            best = full;
            value = fullValue;
        } else {
            layout = StateLayout {};
        }
    }
    InitialStates fitted = start;
    statesAt(model, start, layout, best, fitted.level, fitted.trend, fitted.season.data());
    return finishFit(fit, prepared, fitted, parametersAt(model, best));
}

} // namespace

EtsFit fitEts(const DemandSeries &series, const EtsModel &model)
{
    return fitPrepared(prepare(series), model, nullptr);
}

Forecast etsForecast(const EtsFit &fit, int horizon)
{
    Forecast forecast;
    forecast.method = fit.model.code();
    horizon = std::max(0, horizon);
    if (!fit.valid) {
        forecast.mean.assign(std::size_t(horizon), 0.0);
        forecast.lo80 = forecast.hi80 = forecast.lo95 = forecast.hi95 = forecast.mean;
        return forecast;
    }
    const EtsModel &model = fit.model;
    const auto m = std::max<std::size_t>(1, fit.season.size());
    // Point forecasts: the recursion run on with zero errors.
    double phiSum = 0;
    double phiPower = 1;
    for (int h = 1; h <= horizon; ++h) {
        phiPower *= model.damped() ? fit.phi : 1.0;
        phiSum += model.hasTrend() ? phiPower : 0.0;
        const double q = fit.level + phiSum * fit.trend;
        const double s = fit.season.empty() ? 0.0 : fit.season[std::size_t(h - 1) % m];
        forecast.mean.push_back(model.season == 'M' ? q * s : (model.season == 'A' ? q + s : q));
    }
    // sigma is an error in the series' units for every method: with multiplicative errors the model's own
    // sigma is relative (y = ŷ (1 + e)), and one step ahead that is ŷ₁ · sigma units.
    const double modelSigma = std::sqrt(fit.sigma2);
    forecast.sigma = model.error == 'M' && !forecast.mean.empty()
        ? modelSigma * std::abs(forecast.mean.front())
        : modelSigma;
    forecast.lo80.resize(std::size_t(horizon));
    forecast.hi80.resize(std::size_t(horizon));
    forecast.lo95.resize(std::size_t(horizon));
    forecast.hi95.resize(std::size_t(horizon));
    if (model.error == 'A' && model.season != 'M') {
        // Linear models: var_h = σ² (1 + Σ_{j<h} c_j²), c_j = α + β·φ_j + γ·[j ≡ 0 mod m] (Hyndman et al.,
        // table 6.1), φ_j = φ + … + φ^j.
        double variance = 0;
        double phiJ = 0;
        double power = 1;
        for (int h = 1; h <= horizon; ++h) {
            const double sd = modelSigma * std::sqrt(1.0 + variance);
            const std::size_t i = std::size_t(h - 1);
            forecast.lo80[i] = forecast.mean[i] - z80 * sd;
            forecast.hi80[i] = forecast.mean[i] + z80 * sd;
            forecast.lo95[i] = forecast.mean[i] - z95 * sd;
            forecast.hi95[i] = forecast.mean[i] + z95 * sd;
            power *= model.damped() ? fit.phi : 1.0;
            phiJ += model.hasTrend() ? power : 0.0;
            const double c
                = fit.alpha + fit.beta * phiJ + (model.seasonal() && h % model.period == 0 ? fit.gamma : 0.0);
            variance += c * c;
        }
    } else {
        // Multiplicative models have no closed form that holds far ahead: quantiles of sample paths.
        const std::vector<double> &normals = normalTable();
        std::vector<std::vector<double>> paths(static_cast<std::size_t>(horizon));
        for (std::vector<double> &values : paths) {
            values.resize(std::size_t(simulatedPaths));
        }
        const Parameters p {fit.alpha, fit.beta, fit.gamma, fit.phi};
        std::vector<double> season;
        for (int path = 0; path < simulatedPaths; ++path) {
            double level = fit.level;
            double trend = fit.trend;
            season = fit.season.empty() ? std::vector<double>(1, 0.0) : fit.season;
            for (int h = 0; h < horizon; ++h) {
                const double z = h < tabledSteps ? normals[std::size_t(path) * tabledSteps + std::size_t(h)]
                                                 : normalAt(path, h);
                const double phib = model.hasTrend() ? (model.damped() ? fit.phi : 1.0) * trend : 0.0;
                const double q = level + phib;
                double &s = season[std::size_t(h) % season.size()];
                const double f = model.season == 'M' ? q * s : (model.season == 'A' ? q + s : q);
                const double error = model.error == 'M' ? f * modelSigma * z : modelSigma * z;
                const double y = f + error;
                paths[std::size_t(h)][std::size_t(path)] = y;
                double newLevel;
                if (model.season == 'M') {
                    const double safeS = std::abs(s) > 1e-10 ? s : 1e-10;
                    const double safeQ = std::abs(q) > 1e-10 ? q : 1e-10;
                    newLevel = q + p.alpha * (y / safeS - q);
                    s += p.gamma * (y / safeQ - s);
                } else {
                    newLevel = q + p.alpha * error;
                    if (model.season == 'A') {
                        s += p.gamma * error;
                    }
                }
                if (model.hasTrend()) {
                    trend = phib + p.beta / p.alpha * (newLevel - level - phib);
                }
                level = newLevel;
            }
        }
        for (int h = 0; h < horizon; ++h) {
            std::vector<double> &values = paths[std::size_t(h)];
            const std::size_t i = std::size_t(h);
            forecast.lo80[i] = quantileOf(values, 0.10);
            forecast.hi80[i] = quantileOf(values, 0.90);
            forecast.lo95[i] = quantileOf(values, 0.025);
            forecast.hi95[i] = quantileOf(values, 0.975);
        }
    }
    if (fit.nonNegative) {
        // A series that never went below zero (demand) will not: neither do its forecasts.
        for (std::vector<double> *values :
             {&forecast.mean, &forecast.lo80, &forecast.hi80, &forecast.lo95, &forecast.hi95}) {
            for (double &v : *values) {
                v = std::max(0.0, v);
            }
        }
    }
    forecast.parameters.insert(QStringLiteral("alpha"), fit.alpha);
    if (model.hasTrend()) {
        forecast.parameters.insert(QStringLiteral("beta"), fit.beta);
    }
    if (model.seasonal()) {
        forecast.parameters.insert(QStringLiteral("gamma"), fit.gamma);
        forecast.parameters.insert(QStringLiteral("season"), model.period);
    }
    if (model.damped()) {
        forecast.parameters.insert(QStringLiteral("phi"), fit.phi);
    }
    forecast.parameters.insert(QStringLiteral("aicc"), fit.aicc);
    return forecast;
}

std::vector<EtsModel> etsCandidates(const DemandSeries &series, int period)
{
    const Prepared prepared = prepare(series);
    std::vector<EtsModel> candidates;
    const bool seasonalPossible = period > 1 && prepared.observedCount >= 2 * period;
    for (char error : {'A', 'M'}) {
        if (error == 'M' && !prepared.positive) {
            continue;
        }
        for (char trend : {'N', 'A', 'D'}) {
            for (char season : {'N', 'A', 'M'}) {
                if (season != 'N' && !seasonalPossible) {
                    continue;
                }
                // Multiplicative seasons need positive data, and with additive errors they are numerically
                // unstable (Hyndman's forecast package leaves them out by default for the same reason).
                if (season == 'M' && (error == 'A' || !prepared.positive)) {
                    continue;
                }
                candidates.push_back(EtsModel {error, trend, season, season == 'N' ? 1 : period});
            }
        }
    }
    return candidates;
}

EtsFit selectEts(const DemandSeries &series, int period)
{
    const Prepared prepared = prepare(series);
    std::vector<EtsFit> fits;
    EtsFit best;
    for (const EtsModel &model : etsCandidates(series, period)) {
        // The closest model already fitted starts the search: the same components with the other error
        // type, else the undamped trend for a damped one.
        const EtsFit *warm = nullptr;
        for (const EtsFit &fit : fits) {
            if (!fit.valid) {
                continue;
            }
            if (fit.model.trend == model.trend && fit.model.season == model.season) {
                warm = &fit;
                break;
            }
            if (model.damped() && fit.model.trend == 'A' && fit.model.season == model.season
                && fit.model.error == model.error) {
                warm = &fit;
            }
        }
        fits.push_back(fitPrepared(prepared, model, warm));
        const EtsFit &fit = fits.back();
        if (fit.valid && (!best.valid || fit.aicc < best.aicc)) {
            best = fit;
        }
    }
    return best;
}

} // namespace Stockroom
