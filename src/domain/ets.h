// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "forecast.h"

#include <QString>

#include <optional>
#include <vector>

namespace Stockroom {

/**
 * One exponential smoothing state-space model ETS(error, trend, season) of Hyndman et al., "Forecasting
 * with Exponential Smoothing" (2008): error A(dditive) or M(ultiplicative), trend N(one), A(dditive) or
 * D (additive damped, written "Ad"), season N, A or M with `period` seasons per cycle.
 */
struct EtsModel
{
    char error = 'A';
    char trend = 'N';
    char season = 'N';
    int period = 1;

    /** "ETS(M,Ad,A)". */
    QString code() const;
    /** Reads code() back; `period` is the cycle length for a seasonal model. */
    static std::optional<EtsModel> fromCode(const QString &code, int period);

    bool damped() const { return trend == 'D'; }
    bool hasTrend() const { return trend != 'N'; }
    bool seasonal() const { return season != 'N'; }
    /** Estimated values: smoothing parameters, initial states and the error variance (as AICc counts them). */
    int parameterCount() const;
};

/** A fitted model: parameters, initial and final states, and the information criteria of the fit. */
struct EtsFit
{
    EtsModel model;
    bool valid = false; ///< false when the model cannot be fitted to the series (too short, not positive)
    double alpha = 0;
    double beta = 0; ///< state-space form: the trend's response to a one-step error (0 ≤ beta ≤ alpha)
    double gamma = 0;
    double phi = 1;
    double level = 0; ///< after the last period
    double trend = 0;
    std::vector<double> season; ///< season[j] applies j + 1 periods after the last one (cycle position)
    double logLikelihood = 0; ///< up to the constant that is the same for every model of the series
    double aic = 0;
    double aicc = 0;
    double bic = 0;
    double sigma2 = 0; ///< variance of the one-step errors (relative errors for multiplicative error)
    int observations = 0;
    bool nonNegative = false; ///< the series never went below zero, so neither do its forecasts
};

/** Fits the model's parameters by maximum likelihood (Nelder–Mead over the admissible box). */
EtsFit fitEts(const DemandSeries &series, const EtsModel &model);

/**
 * The model with given smoothing parameters (state-space beta, 0 ≤ beta ≤ alpha) run over the series from
 * the heuristic initial states: the final states and the likelihood, without fitting anything.
 */
EtsFit evaluateEts(const DemandSeries &series, const EtsModel &model, double alpha, double beta, double gamma,
                   double phi);

/**
 * Point forecasts and prediction intervals: analytic for the linear models (additive error, no
 * multiplicative season), otherwise quantiles of simulated sample paths (seeded, so repeatable).
 */
Forecast etsForecast(const EtsFit &fit, int horizon);

/** The candidate models automatic selection tries for a series with `period` seasons per cycle. */
std::vector<EtsModel> etsCandidates(const DemandSeries &series, int period);

/** Fits every candidate and keeps the one of least AICc; invalid when no candidate fits. */
EtsFit selectEts(const DemandSeries &series, int period);

} // namespace Stockroom
