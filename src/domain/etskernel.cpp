// SPDX-License-Identifier: GPL-3.0-or-later
// Compiled twice: as it is, and from etskernel_avx2.cpp with STOCKROOM_KERNEL_NAME set to runAvx2 and
// -mavx2 (see CMakeLists.txt).
#include "etskernel.h"

#include <cmath>

#ifndef STOCKROOM_KERNEL_NAME
#define STOCKROOM_KERNEL_NAME runBaseline
#define STOCKROOM_KERNEL_DISPATCH
#endif

namespace Stockroom::EtsKernel {

namespace {

typedef long long Mask __attribute__((vector_size(laneCount * sizeof(long long))));

template<char Trend, char Season, bool MultiplicativeError>
void lanes(const double *y, const unsigned char *observed, int n, int m, const Parameters *p,
           const Lanes &level0, const Lanes &trend0, const Lanes *season0, Lanes *season, Pass *passes)
{
    Lanes l;
    Lanes b;
    Lanes alpha;
    Lanes betaOverAlpha;
    Lanes gamma;
    Lanes phi;
    l = level0;
    b = trend0;
    for (int k = 0; k < laneCount; ++k) {
        alpha[k] = p[k].alpha;
        betaOverAlpha[k] = p[k].beta / p[k].alpha;
        gamma[k] = p[k].gamma;
        phi[k] = Trend == 'D' ? p[k].phi : 1.0;
    }
    for (int j = 0; j < m; ++j) {
        season[j] = season0[j];
    }
    Lanes sse {};
    Lanes product;
    Mask ok;
    long long exponents[laneCount] = {};
    for (int k = 0; k < laneCount; ++k) {
        product[k] = 1;
        ok[k] = -1;
    }
    int count = 0;
    int inProduct = 0;
    int position = 0;
    for (int t = 0; t < n; ++t) {
        Lanes &s = season[position];
        if (++position == m) {
            position = 0;
        }
        const Lanes phib = Trend == 'N' ? Lanes {} : phi * b;
        const Lanes q = l + phib;
        if (observed != nullptr && observed[t] == 0) {
            // No observation (a stockout): the states move on by their own forecast.
            l = q;
            b = phib;
            continue;
        }
        ++count;
        const double value = y[t];
        Lanes f;
        if constexpr (Season == 'N') {
            f = q;
        } else if constexpr (Season == 'A') {
            f = q + s;
        } else {
            f = q * s;
        }
        const Lanes error = value - f;
        Lanes newLevel;
        if constexpr (MultiplicativeError || Season == 'M') {
            // One division per period: value / s and value / q follow from 1 / f = 1 / (q s).
            const Lanes inverse = 1.0 / f;
            if constexpr (MultiplicativeError) {
                ok &= f > 1e-10;
                const Lanes relative = error * inverse;
                sse += relative * relative;
                product *= f;
            } else {
                sse += error * error;
            }
            if constexpr (Season == 'M') {
                ok &= (q > 1e-10) & (s > 1e-10);
                const Lanes valueByF = value * inverse;
                newLevel = q + alpha * (valueByF * q - q);
                s += gamma * (valueByF * s - s);
            } else {
                newLevel = q + alpha * error;
                if constexpr (Season == 'A') {
                    s += gamma * error;
                }
            }
        } else {
            sse += error * error;
            newLevel = q + alpha * error;
            if constexpr (Season == 'A') {
                s += gamma * error;
            }
        }
        if constexpr (Trend != 'N') {
            b = phib + betaOverAlpha * (newLevel - l - phib);
        }
        l = newLevel;
        if constexpr (MultiplicativeError) {
            // Σ log f as the log of a product, its exponent taken out every 8 periods before it could
            // overflow: a logarithm per period cost as much as the rest of the step.
            if (++inProduct == 8) {
                for (int k = 0; k < laneCount; ++k) {
                    int exponent = 0;
                    product[k] = std::frexp(product[k], &exponent);
                    exponents[k] += exponent;
                }
                inProduct = 0;
            }
        }
    }
    for (int k = 0; k < laneCount; ++k) {
        Pass &pass = passes[k];
        pass.sse = sse[k];
        pass.count = count;
        pass.ok = ok[k] != 0 && std::isfinite(sse[k]);
        if constexpr (MultiplicativeError) {
            pass.sumLogForecast = std::log(product[k]) + double(exponents[k]) * 0.6931471805599453;
            pass.ok = pass.ok && std::isfinite(pass.sumLogForecast);
        }
    }
}

template<char Trend, char Season>
void withError(bool multiplicative, const double *y, const unsigned char *observed, int n, int m,
               const Parameters *p, const Lanes &level0, const Lanes &trend0, const Lanes *season0,
               Lanes *season, Pass *passes)
{
    if (multiplicative) {
        lanes<Trend, Season, true>(y, observed, n, m, p, level0, trend0, season0, season, passes);
    } else {
        lanes<Trend, Season, false>(y, observed, n, m, p, level0, trend0, season0, season, passes);
    }
}

template<char Trend>
void withSeason(const EtsModel &model, const double *y, const unsigned char *observed, int n,
                const Parameters *p, const Lanes &level0, const Lanes &trend0, const Lanes *season0,
                Lanes *season, Pass *passes)
{
    const bool multiplicative = model.error == 'M';
    switch (model.season) {
    case 'A':
        withError<Trend, 'A'>(multiplicative, y, observed, n, model.period, p, level0, trend0, season0,
                              season, passes);
        break;
    case 'M':
        withError<Trend, 'M'>(multiplicative, y, observed, n, model.period, p, level0, trend0, season0,
                              season, passes);
        break;
    default:
        withError<Trend, 'N'>(multiplicative, y, observed, n, 1, p, level0, trend0, season0, season, passes);
        break;
    }
}

} // namespace

void STOCKROOM_KERNEL_NAME(const EtsModel &model, const double *y, const unsigned char *observed, int n,
                           const Parameters *p, const Lanes &level0, const Lanes &trend0,
                           const Lanes *season0, Lanes *season, Pass *passes)
{
    switch (model.trend) {
    case 'A':
        withSeason<'A'>(model, y, observed, n, p, level0, trend0, season0, season, passes);
        break;
    case 'D':
        withSeason<'D'>(model, y, observed, n, p, level0, trend0, season0, season, passes);
        break;
    default:
        withSeason<'N'>(model, y, observed, n, p, level0, trend0, season0, season, passes);
        break;
    }
}

#ifdef STOCKROOM_KERNEL_DISPATCH
void run(const EtsModel &model, const double *y, const unsigned char *observed, int n, const Parameters *p,
         const Lanes &level0, const Lanes &trend0, const Lanes *season0, Lanes *season, Pass *passes)
{
#if defined(STOCKROOM_HAVE_AVX2_KERNEL) && (defined(__x86_64__) || defined(__i386__))
    static const bool avx2 = __builtin_cpu_supports("avx2");
    if (avx2) {
        runAvx2(model, y, observed, n, p, level0, trend0, season0, season, passes);
        return;
    }
#endif
    runBaseline(model, y, observed, n, p, level0, trend0, season0, season, passes);
}
#endif

} // namespace Stockroom::EtsKernel
