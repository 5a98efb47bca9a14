// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMap>
#include <QString>

#include <vector>

namespace Stockroom {

/**
 * A demand series at a fixed frequency (day, week or month), oldest first. A period marked as a stockout
 * is missing, not zero demand: nothing could be sold, so the methods neither learn from it nor score
 * their fit on it.
 */
struct DemandSeries
{
    std::vector<double> values;
    std::vector<bool> stockout; ///< empty, or one mark per value

    bool isObserved(std::size_t period) const { return period >= stockout.size() || !stockout[period]; }
    std::size_t observedCount() const;
};

/** Point forecast and prediction intervals per step ahead (index 0 is one step ahead). */
struct Forecast
{
    QString method;
    QMap<QString, double> parameters;
    std::vector<double> mean;
    std::vector<double> lo80;
    std::vector<double> hi80;
    std::vector<double> lo95;
    std::vector<double> hi95;
    /// In-sample one-step error standard deviation, in the series' units for every method (for a
    /// multiplicative-error model: the one step ahead forecast × its relative sigma). Safety stock uses it.
    double sigma = 0;

    int horizon() const { return int(mean.size()); }
};

/** The last observed value, held flat; intervals from the residual sd × sqrt(h). */
Forecast naiveForecast(const DemandSeries &series, int horizon);
/** The last observed value of the same season (period m); intervals from sd × sqrt(ceil(h/m)). */
Forecast seasonalNaiveForecast(const DemandSeries &series, int horizon, int season);
/** Simple exponential smoothing, ETS(A,N,N); alpha minimises the in-sample one-step SSE. */
Forecast sesForecast(const DemandSeries &series, int horizon);
/** Holt's linear trend, ETS(A,A,N), or with a damped trend, ETS(A,Ad,N); parameters fitted on SSE. */
Forecast holtForecast(const DemandSeries &series, int horizon, bool damped);

/**
 * The in-sample one-step sum of squared errors of exponential smoothing (classical alpha on the level, beta
 * on the trend, phi its damping; no trend when `withTrend` is false) — what sesForecast() and
 * holtForecast() minimise. Stockout periods add nothing.
 */
double exponentialSmoothingSse(const DemandSeries &series, double alpha, double beta, double phi,
                               bool withTrend);

// The smoothing constants of the intermittent methods are clamped into [0, 1].
/** Croston's method: sizes and intervals between demands smoothed separately, forecast size / interval. */
Forecast crostonForecast(const DemandSeries &series, int horizon, double alpha = 0.1);
/** Syntetos–Boylan approximation: Croston × (1 − alpha / 2), which removes Croston's upward bias. */
Forecast sbaForecast(const DemandSeries &series, int horizon, double alpha = 0.1);
/** Teunter–Syntetos–Babai: smooths the probability of demand every period, so obsolescence shows. */
Forecast tsbForecast(const DemandSeries &series, int horizon, double alpha = 0.1, double beta = 0.1);

/** Syntetos–Boylan categories by ADI (cut-off 1.32) and CV² of the non-zero demand sizes (cut-off 0.49). */
enum class DemandClass { Smooth, Erratic, Intermittent, Lumpy };

struct DemandClassification
{
    DemandClass demandClass = DemandClass::Smooth;
    double adi = 0; ///< observed periods per period with demand (infinite when nothing was ever sold)
    double cv2 = 0; ///< squared coefficient of variation of the non-zero demand sizes
};

DemandClassification classifyDemand(const DemandSeries &series);
QString demandClassName(DemandClass demandClass);

/**
 * Mean absolute scaled error: the forecast's MAE over the actuals, divided by the in-sample MAE of the
 * seasonal naive forecast with the given lag (stockout periods of the training series are left out).
 * NaN when the scale is zero or nothing can be compared.
 */
double meanAbsoluteScaledError(const DemandSeries &training, const std::vector<double> &actual,
                               const std::vector<double> &forecast, int lag);
/** Symmetric MAPE in percent (0..200), as in M4: 200 · |F − A| / (|A| + |F|); terms with A = F = 0 count 0. */
double symmetricMape(const std::vector<double> &actual, const std::vector<double> &forecast);
/** Mean of forecast − actual: positive when the forecast is too high. */
double forecastBias(const std::vector<double> &actual, const std::vector<double> &forecast);

} // namespace Stockroom
