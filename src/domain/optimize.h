// SPDX-License-Identifier: GPL-3.0-or-later
// Derivative-free minimisation on a box, shared by the smoothing methods of forecast.cpp and ets.cpp.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <tuple>

namespace Stockroom::Optimize {

/**
 * Nelder–Mead on a box, every trial point clamped into the bounds (which keeps the parameters admissible
 * without a penalty that distorts the surface). Point is a std::array (fixed size: it runs millions of
 * times in a batch) of which n coordinates are used. Stops when the simplex's values agree to `tolerance`
 * (relative), or after maxEvaluations evaluations or maxIterations iterations.
 */
template<typename Objective, typename Point>
Point nelderMead(Objective &&f, Point start, const Point &low, const Point &high, int n, int maxEvaluations,
                 double tolerance, int maxIterations = std::numeric_limits<int>::max())
{
    const auto clamp = [&](Point p) {
        for (int i = 0; i < n; ++i) {
            p[std::size_t(i)] = std::clamp(p[std::size_t(i)], low[std::size_t(i)], high[std::size_t(i)]);
        }
        return p;
    };
    std::array<Point, std::tuple_size_v<Point> + 1> simplex {};
    std::array<double, std::tuple_size_v<Point> + 1> values {};
    simplex[0] = clamp(start);
    for (int i = 0; i < n; ++i) {
        Point vertex = simplex[0];
        const double step = 0.1 * (high[std::size_t(i)] - low[std::size_t(i)]);
        vertex[std::size_t(i)] += vertex[std::size_t(i)] + step <= high[std::size_t(i)] ? step : -step;
        simplex[std::size_t(i + 1)] = vertex;
    }
    int evaluations = 0;
    for (int v = 0; v <= n; ++v) {
        values[std::size_t(v)] = f(simplex[std::size_t(v)]);
        ++evaluations;
    }
    for (int iteration = 0; evaluations < maxEvaluations && iteration < maxIterations; ++iteration) {
        // Insertion sort: n + 1 ≤ 5 vertices, and stable, so ties resolve the same way every run.
        for (int i = 1; i <= n; ++i) {
            for (int j = i; j > 0 && values[std::size_t(j)] < values[std::size_t(j - 1)]; --j) {
                std::swap(values[std::size_t(j)], values[std::size_t(j - 1)]);
                std::swap(simplex[std::size_t(j)], simplex[std::size_t(j - 1)]);
            }
        }
        const double best = values[0];
        const double worst = values[std::size_t(n)];
        if (std::isfinite(worst) && std::abs(worst - best) <= tolerance * (std::abs(best) + tolerance)) {
            break;
        }
        Point centroid {};
        for (int v = 0; v < n; ++v) {
            for (int i = 0; i < n; ++i) {
                centroid[std::size_t(i)] += simplex[std::size_t(v)][std::size_t(i)] / n;
            }
        }
        const auto along = [&](double t) {
            Point p {};
            for (int i = 0; i < n; ++i) {
                p[std::size_t(i)] = centroid[std::size_t(i)]
                    + t * (simplex[std::size_t(n)][std::size_t(i)] - centroid[std::size_t(i)]);
            }
            return clamp(p);
        };
        const Point reflected = along(-1.0);
        const double reflectedValue = f(reflected);
        ++evaluations;
        if (reflectedValue < values[0]) {
            const Point expanded = along(-2.0);
            const double expandedValue = f(expanded);
            ++evaluations;
            if (expandedValue < reflectedValue) {
                simplex[std::size_t(n)] = expanded;
                values[std::size_t(n)] = expandedValue;
            } else {
                simplex[std::size_t(n)] = reflected;
                values[std::size_t(n)] = reflectedValue;
            }
        } else if (reflectedValue < values[std::size_t(n - 1)]) {
            simplex[std::size_t(n)] = reflected;
            values[std::size_t(n)] = reflectedValue;
        } else {
            const bool outside = reflectedValue < values[std::size_t(n)];
            const Point contracted = along(outside ? -0.5 : 0.5);
            const double contractedValue = f(contracted);
            ++evaluations;
            if (contractedValue < std::min(reflectedValue, values[std::size_t(n)])) {
                simplex[std::size_t(n)] = contracted;
                values[std::size_t(n)] = contractedValue;
            } else {
                for (int v = 1; v <= n; ++v) {
                    for (int i = 0; i < n; ++i) {
                        simplex[std::size_t(v)][std::size_t(i)] = simplex[0][std::size_t(i)]
                            + 0.5 * (simplex[std::size_t(v)][std::size_t(i)] - simplex[0][std::size_t(i)]);
                    }
                    values[std::size_t(v)] = f(simplex[std::size_t(v)]);
                    ++evaluations;
                }
            }
        }
    }
    int bestIndex = 0;
    for (int v = 1; v <= n; ++v) {
        if (values[std::size_t(v)] < values[std::size_t(bestIndex)]) {
            bestIndex = v;
        }
    }
    return simplex[std::size_t(bestIndex)];
}

} // namespace Stockroom::Optimize
