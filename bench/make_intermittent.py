#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Simulates demand series in the four Syntetos–Boylan categories and writes a train/test split.

Usage: make_intermittent.py OUTDIR [--series 1000] [--train 100] [--horizon 12] [--seed 7]
                            [--sizes negbin|gamma]

Syntetos, Boylan & Croston (2005) classify demand by ADI, the average number of periods between two demands,
and CV², the squared coefficient of variation of the non-zero demand sizes, with cut-offs ADI 1.32 and
CV² 0.49: smooth (ADI < 1.32, CV² < 0.49), erratic (ADI < 1.32, CV² ≥ 0.49), intermittent (ADI ≥ 1.32,
CV² < 0.49) and lumpy (ADI ≥ 1.32, CV² ≥ 0.49). The series are split evenly between the four categories
(in rotation, so any prefix of the file is balanced) and each gets its own targets, drawn uniformly:
  ADI  1.00–1.25 (smooth, erratic)     or 1.45–4.00 (intermittent, lumpy)
  CV²  0.10–0.40 (smooth, intermittent) or 0.60–2.00 (erratic, lumpy)
  mean size log-uniform in 2–60 units.
The targets keep clear of the cut-offs so that sampling noise rarely moves a series to another category;
series.csv records both the designed category and the one the train split realises.

Every period independently has a demand with probability 1/ADI (Bernoulli occurrence, so the intervals
between demands are geometric with mean ADI). Sizes are whole units ≥ 1 with the target mean and CV²:
  negbin (default): 1 + a negative binomial with mean μ − 1 and variance CV²·μ², drawn as a gamma–Poisson
    mixture. Its variance cannot be below the Poisson's (μ − 1), so when CV²·μ² < μ − 1 the mean is raised
    to the smallest one where it fits (only for CV² < 0.25; noted in series.csv as mean_size).
  gamma: a gamma with shape 1/CV² and scale μ·CV², rounded up to a whole unit (which adds about half a unit
    to the mean and lowers CV² a little for small sizes).
The process is stationary, which is the setting Croston's method and its variants assume. A train split
with fewer than two demands (nothing for Croston to learn an interval from) is drawn again.

Writes OUTDIR/train.csv and OUTDIR/test.csv (series_id,period,value; integer periods 1…train and
train+1…train+horizon) and OUTDIR/series.csv (series_id,category,adi,cv2,mean_size,h,mase_lag,
realised_adi,realised_cv2,realised_category; the MASE lag is 1, the data has no season). Same seed, same files.
"""
import argparse
import csv
import math
import os
import random

ADI_CUT = 1.32
CV2_CUT = 0.49
CATEGORIES = ("smooth", "erratic", "intermittent", "lumpy")
ADI_RANGE = {"smooth": (1.0, 1.25), "erratic": (1.0, 1.25), "intermittent": (1.45, 4.0), "lumpy": (1.45, 4.0)}
CV2_RANGE = {"smooth": (0.1, 0.4), "erratic": (0.6, 2.0), "intermittent": (0.1, 0.4), "lumpy": (0.6, 2.0)}


def poisson(rng, lam):
    """A Poisson variate: Knuth's product method for small means, Hörmann's PTRS rejection above 10."""
    if lam <= 0:
        return 0
    if lam < 10:
        limit = math.exp(-lam)
        k, product = 0, rng.random()
        while product > limit:
            k += 1
            product *= rng.random()
        return k
    # W. Hörmann, "The transformed rejection method for generating Poisson random variables" (1993).
    slam = math.sqrt(lam)
    loglam = math.log(lam)
    b = 0.931 + 2.53 * slam
    a = -0.059 + 0.02483 * b
    inv_alpha = 1.1239 + 1.1328 / (b - 3.4)
    v_r = 0.9277 - 3.6224 / (b - 2)
    while True:
        u = rng.random() - 0.5
        v = rng.random()
        us = 0.5 - abs(u)
        k = math.floor((2 * a / us + b) * u + lam + 0.43)
        if us >= 0.07 and v <= v_r:
            return k
        if k < 0 or (us < 0.013 and v > us):
            continue
        if (math.log(v) + math.log(inv_alpha) - math.log(a / (us * us) + b)) <= (
                -lam + k * loglam - math.lgamma(k + 1)):
            return k


def feasible_mean(cv2, mean):
    """The smallest mean ≥ `mean` for which 1 + NB can have variance cv2·mean² (it must reach mean − 1)."""
    if cv2 * mean * mean >= mean - 1:
        return mean
    # cv2·μ² − μ + 1 = 0 has real roots only for cv2 ≤ 1/4; the larger root is where the variance fits.
    return (1 + math.sqrt(1 - 4 * cv2)) / (2 * cv2)


def size_sampler(rng, kind, mean, cv2):
    if kind == "gamma":
        shape, scale = 1 / cv2, mean * cv2
        return lambda: max(1, math.ceil(rng.gammavariate(shape, scale)))
    excess_mean = mean - 1
    excess_variance = cv2 * mean * mean
    if excess_mean <= 0:
        return lambda: 1
    if excess_variance <= excess_mean * (1 + 1e-9):
        return lambda: 1 + poisson(rng, excess_mean)
    # NB as a gamma–Poisson mixture: λ ~ Gamma(r, m/r) gives mean m and variance m + m²/r.
    r = excess_mean * excess_mean / (excess_variance - excess_mean)
    return lambda: 1 + poisson(rng, rng.gammavariate(r, excess_mean / r))


def classify(values):
    sizes = [v for v in values if v > 0]
    if not sizes:
        return float("inf"), 0.0, "none"
    adi = len(values) / len(sizes)
    mean = sum(sizes) / len(sizes)
    cv2 = (sum((s - mean) ** 2 for s in sizes) / len(sizes)) / (mean * mean)
    category = ("smooth" if cv2 < CV2_CUT else "erratic") if adi < ADI_CUT else (
        "intermittent" if cv2 < CV2_CUT else "lumpy")
    return adi, cv2, category


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir")
    parser.add_argument("--series", type=int, default=1000)
    parser.add_argument("--train", type=int, default=100)
    parser.add_argument("--horizon", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sizes", choices=("negbin", "gamma"), default="negbin")
    args = parser.parse_args()
    if args.series < 1 or args.train < 2 or args.horizon < 1:
        parser.error("--series and --horizon must be at least 1, --train at least 2")

    rng = random.Random(args.seed)
    os.makedirs(args.outdir, exist_ok=True)
    width = len(str(args.series))
    agree = {category: 0 for category in CATEGORIES}
    with open(os.path.join(args.outdir, "train.csv"), "w", newline="") as train_file, \
            open(os.path.join(args.outdir, "test.csv"), "w", newline="") as test_file, \
            open(os.path.join(args.outdir, "series.csv"), "w", newline="") as info_file:
        train_out = csv.writer(train_file, lineterminator="\n")
        test_out = csv.writer(test_file, lineterminator="\n")
        info_out = csv.writer(info_file, lineterminator="\n")
        train_out.writerow(["series_id", "period", "value"])
        test_out.writerow(["series_id", "period", "value"])
        info_out.writerow(["series_id", "category", "adi", "cv2", "mean_size", "h", "mase_lag", "realised_adi",
                           "realised_cv2", "realised_category"])
        for index in range(args.series):
            category = CATEGORIES[index % 4]
            series_id = "I%0*d" % (width, index + 1)
            adi = rng.uniform(*ADI_RANGE[category])
            cv2 = rng.uniform(*CV2_RANGE[category])
            mean = math.exp(rng.uniform(math.log(2), math.log(60)))
            if args.sizes == "negbin":
                mean = feasible_mean(cv2, mean)
            size = size_sampler(rng, args.sizes, mean, cv2)
            while True:
                values = [size() if rng.random() < 1 / adi else 0 for _ in range(args.train + args.horizon)]
                if sum(1 for v in values[:args.train] if v > 0) >= 2:
                    break
            realised_adi, realised_cv2, realised = classify(values[:args.train])
            agree[category] += realised == category
            for period, value in enumerate(values[:args.train], start=1):
                train_out.writerow([series_id, period, value])
            for period, value in enumerate(values[args.train:], start=args.train + 1):
                test_out.writerow([series_id, period, value])
            info_out.writerow([series_id, category, "%.4f" % adi, "%.4f" % cv2, "%.3f" % mean, args.horizon, 1,
                               "%.4f" % realised_adi, "%.4f" % realised_cv2, realised])
    counts = {category: (args.series + 3 - i) // 4 for i, category in enumerate(CATEGORIES)}
    print("make_intermittent.py: %d series (%d train + %d test periods, %s sizes, seed %d) in %s; train splits "
          "realising their designed category: %s" % (
              args.series, args.train, args.horizon, args.sizes, args.seed, args.outdir,
              ", ".join("%s %d/%d" % (c, agree[c], counts[c]) for c in CATEGORIES if counts[c])))


if __name__ == "__main__":
    main()
