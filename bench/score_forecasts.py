#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Scores forecast files (the `stockroomctl forecast --input` format) against the actual values of a test split.

Usage:
  score_forecasts.py --train TRAIN.csv --test TEST.csv [--lag L | --series-info SERIES.csv] [--group-by COLUMN]
                     --run NAME FORECAST.csv SECONDS [--run ...] [--compare NAME REFERENCE ...]
                     [--per-series OUT.csv] [--json OUT.json]
  score_forecasts.py --train TRAIN.csv --test TEST.csv FORECAST.csv      (one file, no timing)

TRAIN/TEST: series_id,period,value (period an integer or an ISO date; rows in any order).
FORECAST:   series_id,step,mean,lo80,hi80,lo95,hi95,method (step 1 is the first test period; empty interval
            bounds are allowed and leave the interval out of the coverage).

Per series, over the test periods:
  MASE  = mean |F − A| / (in-sample MAE of the seasonal naive forecast of the train split with lag L),
          the M4 definition; L comes from --lag or the series' mase_lag column in --series-info. A series whose
          scale is zero (constant train) has no MASE and is counted aside.
  sMAPE = mean 200·|F − A| / (|A| + |F|) in percent, as in M4; a term with A = F = 0 counts 0.
  bias  = mean (F − A), positive when the forecast is too high; aggregated as bias / scale (MASE's scale) so
          series of different size weigh alike.
Aggregates: mean and median of MASE and sMAPE over series, mean scaled bias, and the coverage of the 80 % and
95 % intervals pooled over all test points. A series missing from a forecast file, short of steps or with a
non-finite mean is reported as missing and left out of that run's aggregates (the `series` column shows it).
--group-by COLUMN prints one table per value of that column of --series-info (e.g. the demand category) and
one for all series. --compare A B prints A's mean and median MASE and mean sMAPE as a ratio of B's.
"""
import argparse
import csv
import json
import math
import re
import statistics
import sys
from collections import Counter, OrderedDict

INTEGER = re.compile(r"^-?\d+$")


def fail(message):
    sys.exit("score_forecasts.py: " + message)


def read_series(path):
    """series_id → values in period order (numeric order for integer periods, text order for ISO dates)."""
    rows = OrderedDict()
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != ["series_id", "period", "value"]:
            fail("%s: line 1: the header must be series_id,period,value (found %s)" % (path, header))
        for line, row in enumerate(reader, start=2):
            if len(row) != 3:
                fail("%s: line %d: expected 3 columns, found %d" % (path, line, len(row)))
            try:
                value = float(row[2])
            except ValueError:
                fail("%s: line %d, column 3: %r is not a number" % (path, line, row[2]))
            rows.setdefault(row[0], []).append((row[1], value))
    result = OrderedDict()
    for series_id, points in rows.items():
        if all(INTEGER.match(period) for period, _ in points):
            points.sort(key=lambda point: int(point[0]))
        else:
            points.sort(key=lambda point: point[0])
        result[series_id] = [value for _, value in points]
    return result


def optional_number(text, path, line, column):
    if text == "" or text.upper() in ("NA", "NAN"):
        return None
    try:
        value = float(text)
    except ValueError:
        fail("%s: line %d, column %s: %r is not a number" % (path, line, column, text))
    return value if math.isfinite(value) else None


def read_forecasts(path):
    """series_id → {step: (mean, lo80, hi80, lo95, hi95)} and series_id → method."""
    forecasts = {}
    methods = {}
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        needed = ["series_id", "step", "mean", "lo80", "hi80", "lo95", "hi95", "method"]
        missing = [name for name in needed if name not in (reader.fieldnames or [])]
        if missing:
            fail("%s: line 1: missing column(s) %s" % (path, ", ".join(missing)))
        for line, row in enumerate(reader, start=2):
            try:
                step = int(row["step"])
            except (TypeError, ValueError):
                fail("%s: line %d, column step: %r is not an integer" % (path, line, row["step"]))
            values = tuple(optional_number(row[name] or "", path, line, name)
                           for name in ("mean", "lo80", "hi80", "lo95", "hi95"))
            forecasts.setdefault(row["series_id"], {})[step] = values
            methods[row["series_id"]] = row["method"]
    return forecasts, methods


def read_series_info(path):
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if "series_id" not in (reader.fieldnames or []):
            fail("%s: line 1: no series_id column" % path)
        return {row["series_id"]: row for row in reader}


def mase_scale(train, lag):
    if len(train) <= lag:
        return None
    errors = [abs(train[i] - train[i - lag]) for i in range(lag, len(train))]
    scale = sum(errors) / len(errors)
    return scale if scale > 0 else None


def score_run(forecast_path, train, test, lags):
    """Per-series scores of one forecast file: series_id → dict (or None when the forecast is missing)."""
    forecasts, methods = read_forecasts(forecast_path)
    scores = {}
    for series_id, actual in test.items():
        steps = forecasts.get(series_id, {})
        points = [steps.get(step + 1) for step in range(len(actual))]
        if any(point is None or point[0] is None for point in points):
            scores[series_id] = None
            continue
        means = [point[0] for point in points]
        errors = [f - a for f, a in zip(means, actual)]
        scale = mase_scale(train.get(series_id, []), lags(series_id))
        smape_terms = [0.0 if a == f == 0 else 200.0 * abs(f - a) / (abs(a) + abs(f)) for f, a in zip(means, actual)]
        mae = sum(abs(e) for e in errors) / len(errors)
        bias = sum(errors) / len(errors)
        inside = {}
        for name, lo, hi in (("80", 1, 2), ("95", 3, 4)):
            pairs = [(point[lo], point[hi], a) for point, a in zip(points, actual)
                     if point[lo] is not None and point[hi] is not None]
            inside[name] = (sum(1 for low, high, a in pairs if low <= a <= high), len(pairs))
        scores[series_id] = {
            "mase": mae / scale if scale else None,
            "smape": sum(smape_terms) / len(smape_terms),
            "bias": bias,
            "scaled_bias": bias / scale if scale else None,
            "inside80": inside["80"],
            "inside95": inside["95"],
            "method": methods.get(series_id, ""),
        }
    return scores


def aggregate(scores, series_ids):
    present = [scores[s] for s in series_ids if scores.get(s) is not None]
    mase = [s["mase"] for s in present if s["mase"] is not None]
    smape = [s["smape"] for s in present]
    scaled_bias = [s["scaled_bias"] for s in present if s["scaled_bias"] is not None]

    def coverage(name):
        hits = sum(s["inside" + name][0] for s in present)
        total = sum(s["inside" + name][1] for s in present)
        return hits / total if total else None

    return {
        "series": len(present),
        "of": len(series_ids),
        "mase_mean": statistics.fmean(mase) if mase else None,
        "mase_median": statistics.median(mase) if mase else None,
        "smape_mean": statistics.fmean(smape) if smape else None,
        "smape_median": statistics.median(smape) if smape else None,
        "scaled_bias_mean": statistics.fmean(scaled_bias) if scaled_bias else None,
        "coverage80": coverage("80"),
        "coverage95": coverage("95"),
    }


def cell(value, format_, width):
    return ("-" if value is None else format_ % value).rjust(width)


def print_table(title, runs, aggregates):
    name_width = max([len("method")] + [len(name) for name, _, _ in runs])
    print(title)
    print("  %s  %9s  %9s  %11s  %10s  %12s  %10s  %6s  %6s  %8s" % (
        "method".ljust(name_width), "series", "mean MASE", "median MASE", "mean sMAPE", "median sMAPE",
        "bias/scale", "cov80", "cov95", "time s"))
    for name, _, seconds in runs:
        a = aggregates[name]
        count = str(a["series"]) if a["series"] == a["of"] else "%d/%d" % (a["series"], a["of"])
        print("  %s  %9s  %s  %s  %s  %s  %s  %s  %s  %s" % (
            name.ljust(name_width), count, cell(a["mase_mean"], "%.4f", 9), cell(a["mase_median"], "%.4f", 11),
            cell(a["smape_mean"], "%.3f", 10), cell(a["smape_median"], "%.3f", 12),
            cell(a["scaled_bias_mean"], "%+.4f", 10), cell(a["coverage80"], "%.3f", 6),
            cell(a["coverage95"], "%.3f", 6), cell(seconds, "%.2f", 8)))


def ratio(a, b):
    return a / b if a is not None and b else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--lag", type=int, default=1, help="MASE seasonal naive lag when --series-info has none")
    parser.add_argument("--series-info", help="CSV with series_id and optionally mase_lag and grouping columns")
    parser.add_argument("--group-by", help="a column of --series-info to print one table per value of")
    parser.add_argument("--run", nargs=3, action="append", default=[], metavar=("NAME", "FORECAST", "SECONDS"),
                        help="a forecast file to score, its label and its time in seconds ('-' when unknown)")
    parser.add_argument("--compare", nargs=2, action="append", default=[], metavar=("NAME", "REFERENCE"))
    parser.add_argument("--title", default="")
    parser.add_argument("--per-series", help="write every series' scores per run to this CSV")
    parser.add_argument("--json", help="write the aggregates to this JSON file")
    parser.add_argument("forecast", nargs="?", help="a single forecast file (instead of --run)")
    args = parser.parse_args()

    runs = [(name, path, None if seconds in ("-", "") else float(seconds)) for name, path, seconds in args.run]
    if args.forecast:
        runs.append((args.forecast, args.forecast, None))
    if not runs:
        parser.error("nothing to score: give a forecast file or --run NAME FILE SECONDS")
    names = [name for name, _, _ in runs]
    if len(set(names)) != len(names):
        parser.error("two runs have the same name")
    for name, reference in args.compare:
        for label in (name, reference):
            if label not in names:
                parser.error("--compare: no run named %r" % label)

    train = read_series(args.train)
    test = read_series(args.test)
    info = read_series_info(args.series_info) if args.series_info else {}
    if args.group_by and (not info or args.group_by not in next(iter(info.values()))):
        parser.error("--group-by %s needs --series-info with that column" % args.group_by)

    def lag_of(series_id):
        text = info.get(series_id, {}).get("mase_lag", "")
        return int(text) if text else args.lag

    unscaled = [s for s in test if mase_scale(train.get(s, []), lag_of(s)) is None]
    if unscaled:
        print("note: %d series have a zero in-sample MASE scale (or a train split no longer than the lag); "
              "they have no MASE (first: %s)" % (len(unscaled), unscaled[0]))

    scores = {name: score_run(path, train, test, lag_of) for name, path, _ in runs}
    groups = OrderedDict()
    if args.group_by:
        for series_id in test:
            groups.setdefault(info.get(series_id, {}).get(args.group_by, "?"), []).append(series_id)
    groups["all"] = list(test)

    results = {}
    for group, series_ids in groups.items():
        aggregates = {name: aggregate(scores[name], series_ids) for name in names}
        results[group] = aggregates
        title = args.title + (" — " if args.title else "") + (
            "all %d series" % len(series_ids) if group == "all" else "%s: %d series" % (group, len(series_ids)))
        print_table(title, runs, aggregates)
        for name, reference in args.compare:
            a, b = aggregates[name], aggregates[reference]
            parts = [("mean MASE", ratio(a["mase_mean"], b["mase_mean"])),
                     ("median MASE", ratio(a["mase_median"], b["mase_median"])),
                     ("mean sMAPE", ratio(a["smape_mean"], b["smape_mean"]))]
            print("  %s / %s: %s" % (name, reference, ", ".join(
                "%s %s" % (label, "-" if value is None else "%.4f" % value) for label, value in parts)))
        print()

    times = {name: seconds for name, _, seconds in runs}
    for name, reference in args.compare:
        if times[name] and times[reference]:
            factor = times[reference] / times[name]
            print("time %s / %s: %.4f (%s is %.1f× %s)" % (name, reference, times[name] / times[reference], name,
                                                          factor if factor >= 1 else 1 / factor,
                                                          "faster" if factor >= 1 else "slower"))
    for name in names:
        counts = Counter(s["method"] for s in scores[name].values() if s is not None)
        if len(counts) > 1:
            shown = ", ".join("%s %d" % item for item in counts.most_common(8))
            more = len(counts) - 8
            print("methods chosen by %s: %s%s" % (name, shown, (", … %d more" % more) if more > 0 else ""))
        missing = [s for s, score in scores[name].items() if score is None]
        if missing:
            print("warning: %s has no complete forecast for %d series (first: %s)" % (name, len(missing), missing[0]))

    if args.per_series:
        with open(args.per_series, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["run", "series_id", "method", "mase", "smape", "bias", "scaled_bias"])
            for name in names:
                for series_id, s in scores[name].items():
                    if s is None:
                        writer.writerow([name, series_id, "", "", "", "", ""])
                    else:
                        writer.writerow([name, series_id, s["method"]] + [
                            "" if s[key] is None else "%.6g" % s[key] for key in ("mase", "smape", "bias",
                                                                                  "scaled_bias")])
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"runs": {name: {"file": path, "seconds": seconds} for name, path, seconds in runs},
                       "groups": results}, handle, indent=1)


if __name__ == "__main__":
    main()
