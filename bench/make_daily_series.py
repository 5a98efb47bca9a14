#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Simulates daily demand series for the forecasting speed benchmark.

Usage: make_daily_series.py OUT.csv [--series 10000] [--length 730] [--seed 7] [--periods iso|int]
                            [--start 2023-01-02] [--info INFO.csv]

Writes series_id,period,value with SERIES series of LENGTH days each, periods as ISO dates from --start
(default) or as integers 1…LENGTH. Every value is positive (two decimals, or whole units for count series).
Each series mixes, with its own randomly drawn settings:
  level      log-uniform 5–5,000 units a day;
  trend      none (40 %), linear (35 %, −50 % … +100 % of the level over the series) or saturating growth
             (25 %, up to +150 %, half reached at a random day);
  weekly     none (15 %), additive (35 %) or multiplicative (50 %): seven day factors with a weekend that is
             busier or quieter by 5–60 % and a little noise per weekday; in a third of the seasonal series the
             profile drifts slowly (a small random walk), as shopping habits do;
  yearly     in 30 % of series a smooth annual wave of 5–25 % (which a weekly model cannot capture);
  noise      multiplicative log-normal (sd 3–30 %), additive normal (2–25 % of the level), heavy-tailed
             Student t with 3 degrees of freedom, or Poisson counts (for levels below 200);
  events     in 40 % of series promotion days (0.5–2 % of days, × 1.5–3) and in 15 % one lasting level
             shift of −40 … +40 %.
Values below 1 % of the series' level are lifted to that floor, so every model family (including the
multiplicative ones) applies. --info writes each series' settings. Same seed, same file.
"""
import argparse
import csv
import math
import random
from datetime import date, timedelta


def student_t3(rng):
    """A Student t variate with 3 degrees of freedom, scaled to unit variance."""
    chi2 = rng.gammavariate(1.5, 2.0)
    return rng.gauss(0, 1) / math.sqrt(chi2 / 3) / math.sqrt(3)


def poisson(rng, lam):
    """A Poisson variate; normal approximation (continuity-corrected) above 60, where it is close enough here."""
    if lam > 60:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    limit, k, product = math.exp(-lam), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def make_series(rng, length):
    level = math.exp(rng.uniform(math.log(5), math.log(5000)))
    settings = {"level": level}

    kind = rng.choices(["none", "linear", "saturating"], [40, 35, 25])[0]
    settings["trend"] = kind
    if kind == "linear":
        change = rng.uniform(-0.5, 1.0)
        trend = [1 + change * t / length for t in range(length)]
    elif kind == "saturating":
        change, middle, steepness = rng.uniform(0.2, 1.5), rng.uniform(0.2, 0.8) * length, rng.uniform(0.005, 0.03)
        trend = [1 + change / (1 + math.exp(-steepness * (t - middle))) for t in range(length)]
    else:
        trend = [1.0] * length

    weekly = rng.choices(["none", "additive", "multiplicative"], [15, 35, 50])[0]
    settings["weekly"] = weekly
    weekend = rng.choice([1, -1]) * rng.uniform(0.05, 0.6)
    profile = [1 + rng.gauss(0, 0.05) for _ in range(5)] + [1 + weekend + rng.gauss(0, 0.05) for _ in range(2)]
    profile = [max(0.1, p) for p in profile]
    mean = sum(profile) / 7
    profile = [p / mean for p in profile]
    drifting = weekly != "none" and rng.random() < 1 / 3
    settings["drift"] = drifting

    yearly = rng.uniform(0.05, 0.25) if rng.random() < 0.3 else 0.0
    phase = rng.uniform(0, 2 * math.pi)
    settings["yearly"] = round(yearly, 3)

    noise = rng.choice(["lognormal", "normal", "t3", "poisson" if level < 200 else "lognormal"])
    spread = rng.uniform(0.03, 0.3) if noise == "lognormal" else rng.uniform(0.02, 0.25)
    settings["noise"] = noise
    settings["spread"] = round(spread, 3)

    promotions = set()
    if rng.random() < 0.4:
        rate = rng.uniform(0.005, 0.02)
        promotions = {t for t in range(length) if rng.random() < rate}
    lift = rng.uniform(1.5, 3.0)
    shift_at, shift = (rng.randrange(length // 4, length), rng.uniform(-0.4, 0.4)) if rng.random() < 0.15 else (
        length, 0.0)
    settings["promotions"] = len(promotions)
    settings["shift"] = round(shift, 3)

    floor = 0.01 * level
    values = []
    for t in range(length):
        if drifting and t % 7 == 0:
            profile = [max(0.1, p + rng.gauss(0, 0.01)) for p in profile]
        base = level * trend[t] * (1 + yearly * math.sin(2 * math.pi * t / 365.25 + phase))
        if t >= shift_at:
            base *= 1 + shift
        day = profile[t % 7]
        if weekly == "additive":
            base += level * (day - 1)
        elif weekly == "multiplicative":
            base *= day
        if t in promotions:
            base *= lift
        base = max(base, floor)
        if noise == "lognormal":
            value = base * math.exp(rng.gauss(-spread * spread / 2, spread))
        elif noise == "normal":
            value = base + rng.gauss(0, spread * level)
        elif noise == "t3":
            value = base + spread * level * student_t3(rng)
        else:
            value = poisson(rng, base)
        values.append(max(value, floor) if noise != "poisson" else max(value, math.ceil(floor)))
    return values, settings


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--series", type=int, default=10000)
    parser.add_argument("--length", type=int, default=730)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--periods", choices=("iso", "int"), default="iso")
    parser.add_argument("--start", default="2023-01-02", help="first day (ISO) when --periods iso")
    parser.add_argument("--info", help="also write each series' settings to this CSV")
    args = parser.parse_args()
    if args.series < 1 or args.length < 2:
        parser.error("--series must be at least 1 and --length at least 2")

    rng = random.Random(args.seed)
    if args.periods == "iso":
        first = date.fromisoformat(args.start)
        periods = [(first + timedelta(days=t)).isoformat() for t in range(args.length)]
    else:
        periods = [str(t + 1) for t in range(args.length)]
    width = len(str(args.series))
    info = None
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("series_id,period,value\n")
        if args.info:
            info_file = open(args.info, "w", newline="", encoding="utf-8")
            info = csv.writer(info_file, lineterminator="\n")
            info.writerow(["series_id", "level", "trend", "weekly", "drift", "yearly", "noise", "spread",
                           "promotions", "shift"])
        for index in range(args.series):
            series_id = "D%0*d" % (width, index + 1)
            values, settings = make_series(rng, args.length)
            prefix = series_id + ","
            if settings["noise"] == "poisson":
                out.write("".join("%s%s,%d\n" % (prefix, p, v) for p, v in zip(periods, values)))
            else:
                out.write("".join("%s%s,%.2f\n" % (prefix, p, v) for p, v in zip(periods, values)))
            if info:
                info.writerow([series_id, "%.2f" % settings["level"], settings["trend"], settings["weekly"],
                               int(settings["drift"]), settings["yearly"], settings["noise"], settings["spread"],
                               settings["promotions"], settings["shift"]])
        if info:
            info_file.close()


if __name__ == "__main__":
    main()
