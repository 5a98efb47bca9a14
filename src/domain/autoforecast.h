// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "forecast.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace Stockroom {

/** What to forecast with: "auto" picks the family by demand class and the model by AICc. */
struct ForecastOptions
{
    QString method = QStringLiteral("auto");
    int season = 1; ///< periods per seasonal cycle (7 daily, 52 weekly, 12 monthly, 4 quarterly; 1 = none)
};

/** The method names forecastSeries() accepts: auto, ets, the ETS(E,T,S) codes such as "ETS(M,Ad,A)", … */
QStringList forecastMethodNames();
bool isForecastMethod(const QString &method);

/**
 * Forecasts one series. "auto": smooth and erratic demand gets the exponential smoothing state-space model
 * of least AICc; intermittent and lumpy demand gets Croston-type forecasts; method names force one method.
 * The result names the method actually used (e.g. "ETS(A,Ad,N)" or "sba").
 */
Forecast forecastSeries(const DemandSeries &series, int horizon, const ForecastOptions &options);

/**
 * Forecasts many series on `threads` threads (0 = one per core). Each series' result depends only on the
 * series, so the output is the same on any number of threads.
 */
std::vector<Forecast> forecastMany(const std::vector<DemandSeries> &series, int horizon,
                                   const ForecastOptions &options, int threads = 0);

/** Accuracy of one method over a rolling-origin backtest of one series. */
struct BacktestScore
{
    QString method;
    double mase = 0; ///< mean over origins; NaN when no origin could be scored
    double smape = 0;
    double bias = 0;
    int origins = 0;
};

/**
 * Rolling-origin backtest: the series is cut at `origins` successive points (the last forecast ends at the
 * end of the series, earlier ones step back by `step`), each cut is forecast `horizon` steps ahead with
 * the method, and MASE (scaled by the in-sample seasonal naive error with lag `maseLag`), sMAPE and bias
 * are averaged over the cuts. Stockout periods of the actuals are not scored.
 */
BacktestScore backtestSeries(const DemandSeries &series, int horizon, const ForecastOptions &options,
                             int origins, int step, int maseLag);

/** backtestSeries() over many series on `threads` threads (0 = one per core), in the series' order. */
std::vector<BacktestScore> backtestMany(const std::vector<DemandSeries> &series, int horizon,
                                        const ForecastOptions &options, int origins, int step, int maseLag,
                                        int threads = 0);

} // namespace Stockroom
