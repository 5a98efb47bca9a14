// SPDX-License-Identifier: GPL-3.0-or-later
#include "autoforecast.h"

#include "ets.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

namespace Stockroom {

namespace {

const QString autoMethod = QStringLiteral("auto");
const QString etsMethod = QStringLiteral("ets");

/**
 * Named classical methods that are ETS models under another name, and ETS codes. A seasonal model asked
 * for without a season (season 1) is fitted without its seasonal component: the forecast names the model
 * actually used, rather than quietly switching to the automatic choice.
 */
std::optional<EtsModel> namedEtsModel(const QString &method, int season)
{
    std::optional<EtsModel> model;
    if (method == QLatin1String("holt_winters_additive")) {
        model = EtsModel {'A', 'A', 'A', season};
    } else if (method == QLatin1String("holt_winters_multiplicative")) {
        model = EtsModel {'M', 'A', 'M', season};
    } else {
        model = EtsModel::fromCode(method, std::max(2, season));
    }
    if (model && model->seasonal() && season < 2) {
        model->season = 'N';
        model->period = 1;
    }
    return model;
}

Forecast etsOrFallback(const DemandSeries &series, int horizon, const EtsFit &fit)
{
    if (fit.valid) {
        return etsForecast(fit, horizon);
    }
    // Too short for any state-space model: the last value is the honest forecast.
    Forecast forecast = naiveForecast(series, horizon);
    return forecast;
}

Forecast autoEts(const DemandSeries &series, int horizon, int season)
{
    return etsOrFallback(series, horizon, selectEts(series, season));
}

} // namespace

QStringList forecastMethodNames()
{
    QStringList names {autoMethod,
                       etsMethod,
                       QStringLiteral("naive"),
                       QStringLiteral("snaive"),
                       QStringLiteral("ses"),
                       QStringLiteral("holt"),
                       QStringLiteral("holt_damped"),
                       QStringLiteral("holt_winters_additive"),
                       QStringLiteral("holt_winters_multiplicative"),
                       QStringLiteral("croston"),
                       QStringLiteral("sba"),
                       QStringLiteral("tsb")};
    for (char error : {'A', 'M'}) {
        for (char trend : {'N', 'A', 'D'}) {
            for (char seasonType : {'N', 'A', 'M'}) {
                names.append(EtsModel {error, trend, seasonType, 2}.code());
            }
        }
    }
    return names;
}

bool isForecastMethod(const QString &method)
{
    return forecastMethodNames().contains(method, Qt::CaseInsensitive)
        || EtsModel::fromCode(method, 2).has_value();
}

Forecast forecastSeries(const DemandSeries &series, int horizon, const ForecastOptions &options)
{
    const QString method = options.method.trimmed().toLower();
    const int season = std::max(1, options.season);
    if (method == QLatin1String("naive")) {
        return naiveForecast(series, horizon);
    }
    if (method == QLatin1String("snaive")) {
        return seasonalNaiveForecast(series, horizon, season);
    }
    if (method == QLatin1String("ses")) {
        return sesForecast(series, horizon);
    }
    if (method == QLatin1String("holt")) {
        return holtForecast(series, horizon, false);
    }
    if (method == QLatin1String("holt_damped")) {
        return holtForecast(series, horizon, true);
    }
    if (method == QLatin1String("croston")) {
        return crostonForecast(series, horizon);
    }
    if (method == QLatin1String("sba")) {
        return sbaForecast(series, horizon);
    }
    if (method == QLatin1String("tsb")) {
        return tsbForecast(series, horizon);
    }
    if (method == etsMethod) {
        return autoEts(series, horizon, season);
    }
    if (const std::optional<EtsModel> model = namedEtsModel(method, season)) {
        return etsOrFallback(series, horizon, fitEts(series, *model));
    }
    // auto: the demand class picks the family. Intermittent and lumpy demand (ADI ≥ 1.32) has too many
    // zero periods for a smoothing model of the level: Croston-type methods forecast size and interval
    // apart, and SBA removes Croston's bias.
    const DemandClassification classification = classifyDemand(series);
    Forecast forecast;
    if (classification.demandClass == DemandClass::Intermittent
        || classification.demandClass == DemandClass::Lumpy) {
        forecast = sbaForecast(series, horizon);
    } else {
        forecast = autoEts(series, horizon, season);
    }
    forecast.parameters.insert(QStringLiteral("adi"), classification.adi);
    forecast.parameters.insert(QStringLiteral("cv2"), classification.cv2);
    return forecast;
}

namespace {

/**
 * Runs job(i) for every i < count on `threads` threads. Work is handed out one index at a time from a
 * shared counter, so long and short series balance out; each job writes only its own slot, which makes
 * the output independent of the thread count.
 */
template<typename Job>
void parallelFor(std::size_t count, int threads, Job &&job)
{
    if (threads <= 0) {
        threads = int(std::max(1u, std::thread::hardware_concurrency()));
    }
    threads = std::max(1, std::min<int>(threads, int(std::min<std::size_t>(count, 1024))));
    std::atomic<std::size_t> next {0};
    const auto work = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            job(i);
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) {
        pool.emplace_back(work);
    }
    work();
    for (std::thread &thread : pool) {
        thread.join();
    }
}

} // namespace

std::vector<Forecast> forecastMany(const std::vector<DemandSeries> &series, int horizon,
                                   const ForecastOptions &options, int threads)
{
    std::vector<Forecast> results(series.size());
    parallelFor(series.size(), threads,
                [&](std::size_t i) { results[i] = forecastSeries(series[i], horizon, options); });
    return results;
}

std::vector<BacktestScore> backtestMany(const std::vector<DemandSeries> &series, int horizon,
                                        const ForecastOptions &options, int origins, int step, int maseLag,
                                        int threads)
{
    std::vector<BacktestScore> results(series.size());
    parallelFor(series.size(), threads, [&](std::size_t i) {
        results[i] = backtestSeries(series[i], horizon, options, origins, step, maseLag);
    });
    return results;
}

BacktestScore backtestSeries(const DemandSeries &series, int horizon, const ForecastOptions &options,
                             int origins, int step, int maseLag)
{
    BacktestScore score;
    score.method = options.method;
    const int n = int(series.values.size());
    step = std::max(1, step);
    double maseSum = 0;
    double smapeSum = 0;
    double biasSum = 0;
    int maseCount = 0;
    for (int k = 0; k < origins; ++k) {
        const int origin = n - horizon - k * step;
        if (origin < 2) {
            break;
        }
        DemandSeries training;
        training.values.assign(series.values.begin(), series.values.begin() + origin);
        if (!series.stockout.empty()) {
            training.stockout.assign(
                series.stockout.begin(),
                series.stockout.begin()
                    + std::min<std::ptrdiff_t>(origin, std::ptrdiff_t(series.stockout.size())));
        }
        const Forecast forecast = forecastSeries(training, horizon, options);
        std::vector<double> actual;
        std::vector<double> predicted;
        for (int h = 0; h < horizon && origin + h < n; ++h) {
            if (series.isObserved(std::size_t(origin + h))) {
                actual.push_back(series.values[std::size_t(origin + h)]);
                predicted.push_back(forecast.mean[std::size_t(h)]);
            }
        }
        if (actual.empty()) {
            continue;
        }
        ++score.origins;
        smapeSum += symmetricMape(actual, predicted);
        biasSum += forecastBias(actual, predicted);
        const double mase = meanAbsoluteScaledError(training, actual, predicted, maseLag);
        if (std::isfinite(mase)) {
            maseSum += mase;
            ++maseCount;
        }
        if (score.method == autoMethod || score.method == etsMethod) {
            score.method = forecast.method; // the last (most recent) origin's choice
        }
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    score.mase = maseCount > 0 ? maseSum / maseCount : nan;
    score.smape = score.origins > 0 ? smapeSum / score.origins : nan;
    score.bias = score.origins > 0 ? biasSum / score.origins : nan;
    return score;
}

} // namespace Stockroom
