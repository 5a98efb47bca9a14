// SPDX-License-Identifier: GPL-3.0-or-later
#include "forecast.h"

#include "optimize.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>

namespace Stockroom {

namespace {

constexpr double z80 = 1.2815515655446004; // standard normal quantile at 0.90
constexpr double z95 = 1.959963984540054; // standard normal quantile at 0.975
constexpr double parameterLow = 0.0001;
constexpr double parameterHigh = 0.9999;
// The damping bounds of Hyndman et al.: below 0.8 the trend vanishes within a few steps, above 0.98 it is
// indistinguishable from an undamped one and the fit becomes unstable.
constexpr double phiLow = 0.8;
constexpr double phiHigh = 0.98;

/** Fills the intervals from the mean and a standard deviation per step. */
void setIntervals(Forecast &forecast, const std::vector<double> &sdPerStep, bool nonNegative = false)
{
    const std::size_t h = forecast.mean.size();
    forecast.lo80.resize(h);
    forecast.hi80.resize(h);
    forecast.lo95.resize(h);
    forecast.hi95.resize(h);
    for (std::size_t i = 0; i < h; ++i) {
        const double mean = forecast.mean[i];
        const double sd = sdPerStep[i];
        forecast.lo80[i] = mean - z80 * sd;
        forecast.hi80[i] = mean + z80 * sd;
        forecast.lo95[i] = mean - z95 * sd;
        forecast.hi95[i] = mean + z95 * sd;
        if (nonNegative) {
            forecast.lo80[i] = std::max(0.0, forecast.lo80[i]);
            forecast.lo95[i] = std::max(0.0, forecast.lo95[i]);
        }
    }
}

/** A series with nothing observed forecasts zero with empty intervals rather than failing. */
Forecast emptyForecast(const QString &method, int horizon)
{
    Forecast forecast;
    forecast.method = method;
    forecast.mean.assign(std::size_t(std::max(0, horizon)), 0.0);
    setIntervals(forecast, forecast.mean);
    return forecast;
}

/** Residual sd with `parameters` degrees of freedom used by the fit (never dividing by less than one). */
double residualSd(double sse, std::size_t count, int parameters)
{
    const double dof = std::max(1.0, double(count) - double(parameters));
    return count == 0 ? 0.0 : std::sqrt(sse / dof);
}

/** Minimises f on [low, high] by golden-section search: deterministic, and enough for one smooth parameter. */
double goldenSection(const std::function<double(double)> &f, double low, double high)
{
    const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
    double a = low;
    double b = high;
    double c = b - ratio * (b - a);
    double d = a + ratio * (b - a);
    double fc = f(c);
    double fd = f(d);
    for (int iteration = 0; iteration < 60 && b - a > 1e-7; ++iteration) {
        if (fc < fd) {
            b = d;
            d = c;
            fd = fc;
            c = b - ratio * (b - a);
            fc = f(c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + ratio * (b - a);
            fd = f(d);
        }
    }
    // The SSE of a random walk falls all the way to the bound, so the ends compete too.
    double best = (a + b) / 2;
    double bestValue = f(best);
    for (double candidate : {low, high}) {
        const double value = f(candidate);
        if (value < bestValue) {
            best = candidate;
            bestValue = value;
        }
    }
    return best;
}

/** Holt's parameters for the optimiser: alpha, beta and, damped, phi. */
using Point = std::array<double, 3>;

/** The state of an additive-error smoothing model after the last observation, and its fit. */
struct SmoothingRun
{
    double level = 0;
    double trend = 0;
    double sse = 0;
    std::size_t errors = 0; ///< one-step errors that went into sse
};

/**
 * Runs exponential smoothing (classical form: alpha on the level, beta on the trend, phi damping; no trend
 * when `withTrend` is false) from the first observed value. A stockout period has no observation: the
 * state moves on by its own forecast, as if the error were zero, and nothing is added to the SSE.
 */
SmoothingRun runSmoothing(const DemandSeries &series, double alpha, double beta, double phi, bool withTrend)
{
    SmoothingRun run;
    const std::size_t n = series.values.size();
    std::size_t first = 0;
    while (first < n && !series.isObserved(first)) {
        ++first;
    }
    if (first == n) {
        return run;
    }
    run.level = series.values[first];
    if (withTrend) {
        // The initial level and slope from a least-squares line through the first few observations (across
        // any stockout gaps): the difference of just the first two carries twice the noise into the trend,
        // and the transient that follows inflates the SSE and with it every interval.
        double sumT = 0;
        double sumY = 0;
        double sumTT = 0;
        double sumTY = 0;
        int points = 0;
        for (std::size_t t = first; t < n && points < 10; ++t) {
            if (series.isObserved(t)) {
                const double x = double(t - first);
                sumT += x;
                sumY += series.values[t];
                sumTT += x * x;
                sumTY += x * series.values[t];
                ++points;
            }
        }
        const double spread = double(points) * sumTT - sumT * sumT;
        if (points >= 2 && spread > 0) {
            run.trend = (double(points) * sumTY - sumT * sumY) / spread;
            run.level = (sumY - run.trend * sumT) / double(points);
        }
    }
    for (std::size_t t = first + 1; t < n; ++t) {
        const double damped = withTrend ? phi * run.trend : 0.0;
        const double predicted = run.level + damped;
        if (!series.isObserved(t)) {
            run.level = predicted;
            run.trend = damped;
            continue;
        }
        const double error = series.values[t] - predicted;
        run.sse += error * error;
        ++run.errors;
        const double previousLevel = run.level;
        run.level = predicted + alpha * error;
        if (withTrend) {
            run.trend = beta * (run.level - previousLevel) + (1.0 - beta) * damped;
        }
    }
    return run;
}

/**
 * Point forecasts and analytic intervals of the additive-error models: the h-step variance is
 * sigma² (1 + sum_{j=1}^{h-1} c_j²) with c_j = alpha + alpha·beta·(phi + … + phi^j), which gives the
 * closed forms of ETS(A,N,N) (beta = 0), ETS(A,A,N) (phi = 1) and ETS(A,Ad,N). alpha·beta is the
 * state-space trend parameter of the classical beta.
 */
Forecast smoothingForecast(const SmoothingRun &run, int horizon, double alpha, double beta, double phi,
                           double sigma)
{
    Forecast forecast;
    std::vector<double> sd;
    double phiSum = 0;
    double phiPower = 1;
    double variance = 0;
    for (int h = 1; h <= horizon; ++h) {
        phiPower *= phi;
        phiSum += phiPower;
        forecast.mean.push_back(run.level + phiSum * run.trend);
        sd.push_back(sigma * std::sqrt(1.0 + variance));
        const double c = alpha + alpha * beta * phiSum;
        variance += c * c;
    }
    forecast.sigma = sigma;
    setIntervals(forecast, sd);
    return forecast;
}

/** The observed non-zero demand sizes, and how many periods were observed at all. */
struct Demands
{
    std::vector<double> sizes;
    std::size_t observed = 0;
};

Demands demandsOf(const DemandSeries &series)
{
    Demands demands;
    for (std::size_t t = 0; t < series.values.size(); ++t) {
        if (!series.isObserved(t)) {
            continue; // a stockout is neither a zero period nor a demand
        }
        ++demands.observed;
        if (series.values[t] > 0) {
            demands.sizes.push_back(series.values[t]);
        }
    }
    return demands;
}

/** One-step residual sd of a flat forecast against the observed periods, for the intermittent methods. */
double flatResidualSd(const DemandSeries &series, const std::vector<double> &oneStep)
{
    double sse = 0;
    std::size_t count = 0;
    for (std::size_t t = 0; t < series.values.size(); ++t) {
        if (series.isObserved(t) && !std::isnan(oneStep[t])) {
            const double error = series.values[t] - oneStep[t];
            sse += error * error;
            ++count;
        }
    }
    return residualSd(sse, count, 1);
}

/**
 * Croston-type forecasts carry no model of their own for intervals; these come from the empirical
 * one-step residuals, widened with h like simple exponential smoothing with the same alpha, and cut at 0.
 */
Forecast flatForecast(const QString &method, double level, int horizon, double sd, double alpha)
{
    Forecast forecast;
    forecast.method = method;
    forecast.sigma = sd;
    forecast.mean.assign(std::size_t(std::max(0, horizon)), level);
    std::vector<double> sds;
    for (int h = 1; h <= horizon; ++h) {
        sds.push_back(sd * std::sqrt(1.0 + double(h - 1) * alpha * alpha));
    }
    setIntervals(forecast, sds, true);
    return forecast;
}

/** Croston's size and interval smoothed from the first demand; NaN one-step forecasts before it. */
Forecast crostonFamily(const DemandSeries &series, int horizon, double alpha, double factor,
                       const QString &method)
{
    alpha = std::clamp(alpha, 0.0, 1.0);
    std::vector<double> oneStep(series.values.size(), std::numeric_limits<double>::quiet_NaN());
    double size = 0;
    double interval = 0;
    bool started = false;
    std::size_t sinceLast = 0;
    for (std::size_t t = 0; t < series.values.size(); ++t) {
        if (!series.isObserved(t)) {
            continue;
        }
        if (started) {
            oneStep[t] = factor * size / interval;
        }
        ++sinceLast;
        if (series.values[t] > 0) {
            if (!started) {
                size = series.values[t];
                interval = double(sinceLast);
                started = true;
            } else {
                size += alpha * (series.values[t] - size);
                interval += alpha * (double(sinceLast) - interval);
            }
            sinceLast = 0;
        }
    }
    if (!started) {
        Forecast forecast = emptyForecast(method, horizon);
        forecast.parameters.insert(QStringLiteral("alpha"), alpha);
        return forecast;
    }
    Forecast forecast
        = flatForecast(method, factor * size / interval, horizon, flatResidualSd(series, oneStep), alpha);
    forecast.parameters.insert(QStringLiteral("alpha"), alpha);
    forecast.parameters.insert(QStringLiteral("size"), size);
    forecast.parameters.insert(QStringLiteral("interval"), interval);
    return forecast;
}

} // namespace

std::size_t DemandSeries::observedCount() const
{
    std::size_t count = 0;
    for (std::size_t t = 0; t < values.size(); ++t) {
        count += isObserved(t) ? 1 : 0;
    }
    return count;
}

double exponentialSmoothingSse(const DemandSeries &series, double alpha, double beta, double phi,
                               bool withTrend)
{
    return runSmoothing(series, alpha, beta, phi, withTrend).sse;
}

Forecast naiveForecast(const DemandSeries &series, int horizon)
{
    const QString method = QStringLiteral("naive");
    double last = std::numeric_limits<double>::quiet_NaN();
    double sse = 0;
    std::size_t count = 0;
    for (std::size_t t = 0; t < series.values.size(); ++t) {
        if (!series.isObserved(t)) {
            continue;
        }
        if (!std::isnan(last)) {
            const double error = series.values[t] - last;
            sse += error * error;
            ++count;
        }
        last = series.values[t];
    }
    if (std::isnan(last)) {
        return emptyForecast(method, horizon);
    }
    Forecast forecast;
    forecast.method = method;
    forecast.sigma = residualSd(sse, count, 0);
    std::vector<double> sd;
    for (int h = 1; h <= horizon; ++h) {
        forecast.mean.push_back(last);
        sd.push_back(forecast.sigma * std::sqrt(double(h)));
    }
    setIntervals(forecast, sd);
    return forecast;
}

Forecast seasonalNaiveForecast(const DemandSeries &series, int horizon, int season)
{
    if (season <= 1) {
        Forecast forecast = naiveForecast(series, horizon);
        forecast.method = QStringLiteral("snaive");
        forecast.parameters.insert(QStringLiteral("season"), 1);
        return forecast;
    }
    const QString method = QStringLiteral("snaive");
    const std::size_t m = std::size_t(season);
    const std::size_t n = series.values.size();
    // The last observed value per position in the season; a stockout keeps the older one.
    // A season longer than the history needs no slot per position: those past the end were never seen.
    std::vector<double> lastInSeason(std::min(m, n), std::numeric_limits<double>::quiet_NaN());
    double sse = 0;
    std::size_t count = 0;
    for (std::size_t t = 0; t < n; ++t) {
        if (!series.isObserved(t)) {
            continue;
        }
        double &last = lastInSeason[t % m];
        if (!std::isnan(last)) {
            const double error = series.values[t] - last;
            sse += error * error;
            ++count;
        }
        last = series.values[t];
    }
    // A position never observed falls back on the last observed value of any position.
    double fallback = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t t = n; t-- > 0;) {
        if (series.isObserved(t)) {
            fallback = series.values[t];
            break;
        }
    }
    if (std::isnan(fallback)) {
        return emptyForecast(method, horizon);
    }
    Forecast forecast;
    forecast.method = method;
    forecast.parameters.insert(QStringLiteral("season"), season);
    forecast.sigma = residualSd(sse, count, 0);
    std::vector<double> sd;
    for (int h = 1; h <= horizon; ++h) {
        const std::size_t position = (n + std::size_t(h) - 1) % m;
        const double value = position < lastInSeason.size() ? lastInSeason[position]
                                                            : std::numeric_limits<double>::quiet_NaN();
        forecast.mean.push_back(std::isnan(value) ? fallback : value);
        sd.push_back(forecast.sigma * std::sqrt(std::ceil(double(h) / double(season))));
    }
    setIntervals(forecast, sd);
    return forecast;
}

Forecast sesForecast(const DemandSeries &series, int horizon)
{
    const QString method = QStringLiteral("ses");
    if (series.observedCount() == 0) {
        return emptyForecast(method, horizon);
    }
    const double alpha = goldenSection([&](double a) { return runSmoothing(series, a, 0, 1, false).sse; },
                                       parameterLow, parameterHigh);
    const SmoothingRun run = runSmoothing(series, alpha, 0, 1, false);
    Forecast forecast = smoothingForecast(run, horizon, alpha, 0, 1, residualSd(run.sse, run.errors, 2));
    forecast.method = method;
    forecast.parameters.insert(QStringLiteral("alpha"), alpha);
    forecast.parameters.insert(QStringLiteral("level"), run.level);
    return forecast;
}

Forecast holtForecast(const DemandSeries &series, int horizon, bool damped)
{
    const QString method = damped ? QStringLiteral("holt_damped") : QStringLiteral("holt");
    if (series.observedCount() == 0) {
        return emptyForecast(method, horizon);
    }
    const auto sse
        = [&](const Point &p) { return runSmoothing(series, p[0], p[1], damped ? p[2] : 1.0, true).sse; };
    const Point low {parameterLow, parameterLow, phiLow};
    const Point high {parameterHigh, parameterHigh, phiHigh};
    const Point start {0.5, 0.1, 0.9};
    const int dimensions = damped ? 3 : 2;
    // A restart from the first optimum escapes a simplex that collapsed early, a known Nelder–Mead failure.
    // 400 iterations and a relative tolerance of 1e-10: a handful of series, so precision over speed.
    const auto minimise = [&](const Point &from) {
        return Optimize::nelderMead(sse, from, low, high, dimensions, std::numeric_limits<int>::max(), 1e-10,
                                    400);
    };
    Point best = minimise(start);
    best = minimise(best);
    const double alpha = best[0];
    const double beta = best[1];
    const double phi = damped ? best[2] : 1.0;
    const SmoothingRun run = runSmoothing(series, alpha, beta, phi, true);
    Forecast forecast
        = smoothingForecast(run, horizon, alpha, beta, phi, residualSd(run.sse, run.errors, damped ? 5 : 4));
    forecast.method = method;
    forecast.parameters.insert(QStringLiteral("alpha"), alpha);
    forecast.parameters.insert(QStringLiteral("beta"), beta);
    if (damped) {
        forecast.parameters.insert(QStringLiteral("phi"), phi);
    }
    forecast.parameters.insert(QStringLiteral("level"), run.level);
    forecast.parameters.insert(QStringLiteral("trend"), run.trend);
    return forecast;
}

Forecast crostonForecast(const DemandSeries &series, int horizon, double alpha)
{
    return crostonFamily(series, horizon, alpha, 1.0, QStringLiteral("croston"));
}

Forecast sbaForecast(const DemandSeries &series, int horizon, double alpha)
{
    const double clamped = std::clamp(alpha, 0.0, 1.0);
    return crostonFamily(series, horizon, clamped, 1.0 - clamped / 2.0, QStringLiteral("sba"));
}

Forecast tsbForecast(const DemandSeries &series, int horizon, double alpha, double beta)
{
    const QString method = QStringLiteral("tsb");
    alpha = std::clamp(alpha, 0.0, 1.0);
    beta = std::clamp(beta, 0.0, 1.0);
    const Demands demands = demandsOf(series);
    if (demands.sizes.empty()) {
        Forecast forecast = emptyForecast(method, horizon);
        forecast.parameters.insert(QStringLiteral("alpha"), alpha);
        forecast.parameters.insert(QStringLiteral("beta"), beta);
        return forecast;
    }
    // Start from the whole history's averages, so the first periods are not judged against nothing.
    double size = 0;
    for (double s : demands.sizes) {
        size += s;
    }
    size /= double(demands.sizes.size());
    double probability = double(demands.sizes.size()) / double(demands.observed);
    std::vector<double> oneStep(series.values.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t t = 0; t < series.values.size(); ++t) {
        if (!series.isObserved(t)) {
            continue;
        }
        oneStep[t] = probability * size;
        if (series.values[t] > 0) {
            probability += beta * (1.0 - probability);
            size += alpha * (series.values[t] - size);
        } else {
            probability -= beta * probability;
        }
    }
    Forecast forecast = flatForecast(method, probability * size, horizon, flatResidualSd(series, oneStep),
                                     std::max(alpha, beta));
    forecast.parameters.insert(QStringLiteral("alpha"), alpha);
    forecast.parameters.insert(QStringLiteral("beta"), beta);
    forecast.parameters.insert(QStringLiteral("size"), size);
    forecast.parameters.insert(QStringLiteral("probability"), probability);
    return forecast;
}

DemandClassification classifyDemand(const DemandSeries &series)
{
    DemandClassification result;
    const Demands demands = demandsOf(series);
    if (demands.sizes.empty()) {
        result.adi = std::numeric_limits<double>::infinity();
        result.demandClass = DemandClass::Lumpy;
        return result;
    }
    result.adi = double(demands.observed) / double(demands.sizes.size());
    double mean = 0;
    for (double s : demands.sizes) {
        mean += s;
    }
    mean /= double(demands.sizes.size());
    double variance = 0;
    for (double s : demands.sizes) {
        variance += (s - mean) * (s - mean);
    }
    variance /= double(demands.sizes.size()); // population variance, as Syntetos and Boylan define CV²
    result.cv2 = variance / (mean * mean);
    const bool frequent = result.adi < 1.32;
    const bool steady = result.cv2 < 0.49;
    result.demandClass = frequent ? (steady ? DemandClass::Smooth : DemandClass::Erratic)
                                  : (steady ? DemandClass::Intermittent : DemandClass::Lumpy);
    return result;
}

QString demandClassName(DemandClass demandClass)
{
    switch (demandClass) {
    case DemandClass::Smooth:
        return QStringLiteral("smooth");
    case DemandClass::Erratic:
        return QStringLiteral("erratic");
    case DemandClass::Intermittent:
        return QStringLiteral("intermittent");
    case DemandClass::Lumpy:
        return QStringLiteral("lumpy");
    }
    return {};
}

double meanAbsoluteScaledError(const DemandSeries &training, const std::vector<double> &actual,
                               const std::vector<double> &forecast, int lag)
{
    const std::size_t m = std::size_t(std::max(1, lag));
    double scale = 0;
    std::size_t count = 0;
    for (std::size_t t = m; t < training.values.size(); ++t) {
        if (training.isObserved(t) && training.isObserved(t - m)) {
            scale += std::abs(training.values[t] - training.values[t - m]);
            ++count;
        }
    }
    const std::size_t h = std::min(actual.size(), forecast.size());
    if (count == 0 || scale == 0 || h == 0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    scale /= double(count);
    double error = 0;
    for (std::size_t i = 0; i < h; ++i) {
        error += std::abs(actual[i] - forecast[i]);
    }
    return error / double(h) / scale;
}

double symmetricMape(const std::vector<double> &actual, const std::vector<double> &forecast)
{
    const std::size_t h = std::min(actual.size(), forecast.size());
    if (h == 0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    double sum = 0;
    for (std::size_t i = 0; i < h; ++i) {
        const double denominator = std::abs(actual[i]) + std::abs(forecast[i]);
        if (denominator > 0) {
            sum += 200.0 * std::abs(forecast[i] - actual[i]) / denominator;
        }
    }
    return sum / double(h);
}

double forecastBias(const std::vector<double> &actual, const std::vector<double> &forecast)
{
    const std::size_t h = std::min(actual.size(), forecast.size());
    if (h == 0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    double sum = 0;
    for (std::size_t i = 0; i < h; ++i) {
        sum += forecast[i] - actual[i];
    }
    return sum / double(h);
}

} // namespace Stockroom
