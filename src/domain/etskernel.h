// SPDX-License-Identifier: GPL-3.0-or-later
// The innermost loop of exponential smoothing: internal to ets.cpp, in its own files so that one copy of
// it can be compiled for AVX2 and chosen at run time.
#pragma once

#include "ets.h"

namespace Stockroom::EtsKernel {

/** Smoothing parameters in state-space form (beta ≤ alpha, gamma ≤ 1 − alpha). */
struct Parameters
{
    double alpha = 0;
    double beta = 0;
    double gamma = 0;
    double phi = 1;
};

/** What one pass of a model over the series gives: the pieces of its likelihood. */
struct Pass
{
    double sse = 0; ///< squared one-step errors (relative for multiplicative error)
    double sumLogForecast = 0; ///< Σ log |forecast|, the Jacobian term of multiplicative error
    int count = 0;
    bool ok = true;
};

constexpr int laneCount = 4;
/**
 * Four doubles in one vector (GCC and Clang vector extensions: two SSE2 registers, or one AVX2 one), as
 * stored in memory: aligned like a double, because a std::vector of over-aligned vectors allocated in a
 * translation unit built without AVX came out 16-byte aligned, and an aligned AVX load of it faulted.
 */
typedef double Lanes __attribute__((vector_size(laneCount * sizeof(double)), aligned(alignof(double))));

/**
 * Runs the model over the series for `laneCount` parameter sets at once, one per lane, from the same
 * initial states: the recursion of one set is a chain of dependent operations, and a vector of four
 * costs what one costs. Each lane starts from its own initial states (`season0`: one vector per cycle
 * position); `season` is scratch space of `model.period` (1 without season) vectors.
 * Chooses the AVX2 copy when the processor has it; both copies give the same bits (no FMA contraction).
 */
void run(const EtsModel &model, const double *y, const unsigned char *observed, int n, const Parameters *p,
         const Lanes &level0, const Lanes &trend0, const Lanes *season0, Lanes *season, Pass *passes);

/** The same, compiled for the baseline instruction set and for AVX2 (see etskernel_avx2.cpp). */
void runBaseline(const EtsModel &model, const double *y, const unsigned char *observed, int n,
                 const Parameters *p, const Lanes &level0, const Lanes &trend0, const Lanes *season0,
                 Lanes *season, Pass *passes);
void runAvx2(const EtsModel &model, const double *y, const unsigned char *observed, int n,
             const Parameters *p, const Lanes &level0, const Lanes &trend0, const Lanes *season0,
             Lanes *season, Pass *passes);

} // namespace Stockroom::EtsKernel
