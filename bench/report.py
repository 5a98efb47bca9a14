#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Renders bench/RESULTS.md from the `RESULT name value unit` lines that scripts/bench.sh collected.

Usage: report.py --results results.txt --meta meta.txt --out RESULTS.md

Every figure is a row: what it measures, the value, the target of the issue that set it, the baseline measured
in the same run, the ratio ours / baseline and whether the target is met. Figures a run did not produce are left
out; the "Not met" list at the end names every missed target and every benchmark that failed.
"""
import argparse
import math


def read_results(path):
    results = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 3 and parts[0] == "RESULT":
                try:
                    results[parts[1]] = (float(parts[2]), " ".join(parts[3:]))
                except ValueError:
                    pass
    return results


def read_meta(path):
    meta = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            key, _, value = line.rstrip("\n").partition("=")
            meta[key] = value
    return meta


def number(value, unit=""):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if unit == "bool":
        return "yes" if value else "no"
    if unit in ("MASE", "x", "share"):
        text = "%.3f" % value if unit != "x" else "%.1f×" % value
        return text if unit == "x" else text
    magnitude = abs(value)
    if magnitude >= 1000:
        text = "{:,.0f}".format(value)
    elif magnitude >= 100:
        text = "%.0f" % value
    elif magnitude >= 10:
        text = "%.1f" % value
    else:
        text = "%.2f" % value
    return text + ("" if not unit or unit == "x" else " " + unit.replace("_", " "))


def ratio_text(ratio):
    if ratio is None:
        return "—"
    return "%.2f" % ratio if ratio < 10 else "%.0f" % ratio


class Report:
    def __init__(self, results, quick):
        self.results = results
        self.quick = quick
        self.sections = []
        self.missed = []

    def section(self, title, note=""):
        self.sections.append((title, note, []))

    def row(self, figure, key, target=None, baseline=None, baseline_label="", note="", sized=False):
        """target: (kind, value, text) with kind min | max | ratio_min | ratio_max | flat (value: (ratio,
        absolute)); None = reported only.
        sized: the target assumes the full run's sizes (not judged in a quick run)."""
        if key not in self.results or (baseline and baseline not in self.results):
            return
        value, unit = self.results[key]
        base = self.results.get(baseline) if baseline else None
        ratio = value / base[0] if base and base[0] else None
        met = None
        if target and not (sized and self.quick):
            kind, limit, _ = target
            if kind == "min":
                met = value >= limit
            elif kind == "max":
                met = value <= limit
            elif kind == "ratio_min" and ratio is not None:
                met = ratio >= limit
            elif kind == "ratio_max" and ratio is not None:
                met = ratio <= limit
            elif kind == "flat" and ratio is not None:
                met = ratio <= limit[0] or value <= limit[1]
        target_text = target[2] if target else "—"
        if target and sized and self.quick:
            target_text += " (full run only)"
        baseline_text = "—"
        if base:
            baseline_text = "%s: %s" % (baseline_label, number(base[0], base[1]))
        verdict = {True: "met", False: "**NOT MET**", None: "—"}[met]
        self.sections[-1][2].append((figure, number(value, unit), target_text, baseline_text,
                                     ratio_text(ratio), verdict, note))
        if met is False:
            self.missed.append("%s: %s (target %s%s)" % (
                figure, number(value, unit), target_text,
                ", ratio %.2f against %s" % (ratio, baseline_label) if ratio is not None else ""))

    def markdown(self):
        lines = []
        for title, note, rows in self.sections:
            if not rows:
                continue
            lines.append("### " + title)
            lines.append("")
            if note:
                lines.append(note)
                lines.append("")
            lines.append("| figure | measured | target | baseline (same run) | ours / baseline | verdict | notes |")
            lines.append("|---|---|---|---|---|---|---|")
            for row in rows:
                lines.append("| " + " | ".join(row) + " |")
            lines.append("")
        return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--meta", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    results = read_results(args.results)
    meta = read_meta(args.meta)
    quick = meta.get("quick") == "1"
    r = Report(results, quick)
    value = lambda key: results.get(key, (None, ""))[0]  # noqa: E731

    r.section("Order placement through the services (issue 2)",
              "Orders of one line, placed for a fixed time by 1 or 4 processes on fresh databases. Baseline: the "
              "same transaction written by hand, writing the same rows as a placement through the services — the "
              "channel's rules and the product by SKU with its stock per location, guarded `UPDATE stock_levels` "
              "(check and reserve), `INSERT` order, line, allocation, the reservation's ledger row, the order's "
              "history event, its search text and the two change-log rows (+ NOTIFY on PostgreSQL) — in one write "
              "transaction with prepared statements, no services or models, through QtSql (`QSqlQuery::prepare`) "
              "and, on SQLite, through SQLite's C API (how the store runs the services' own statements there). "
              "Before measuring, the benchmark places the same 300 orders through the services and each baseline "
              "and compares rows per table and every stock level (rows check; it stops on a difference). The "
              "older baseline writing only the core rows (reservation, order, line, allocation, ledger row) is "
              "shown without a target. `pgbench` (TPC-B-like, same server, same client count, prepared "
              "statements over TCP) shows what PostgreSQL itself does with a transaction of 5 statements here. "
              "Ratio = ours / baseline in tx/s.")
    engines = [("sqlite_normal", "SQLite, synchronous=NORMAL"), ("sqlite_full", "SQLite, synchronous=FULL"),
               ("postgresql", "PostgreSQL")]
    for key, label in engines:
        r.row("%s — rows check: the baselines write the same rows as the services" % label,
              "place.%s.rows_match" % key, ("min", 1, "same rows per table and stock levels"))
        for processes in (1, 4):
            prefix = "place.%s.p%d." % (key, processes)
            note = "p99 %s, max %s; slowest process %s of its fair share" % (
                number(value(prefix + "services_p99"), "ms"), number(value(prefix + "services_max"), "ms"),
                number(value(prefix + "slowest_share"), "share"))
            if value(prefix + "errors"):
                note += "; %d errors" % value(prefix + "errors")
            name = "%s, %d process%s" % (label, processes, "" if processes == 1 else "es")
            r.row(name + " — vs raw SQL (QtSql)", prefix + "services", ("ratio_min", 0.8, "≥ 0.8× baseline"),
                  prefix + "raw", "raw SQL, same rows, QtSql", note)
            if key != "postgresql":
                r.row(name + " — vs raw SQL (C API)", prefix + "services", ("ratio_min", 0.8, "≥ 0.8× baseline"),
                      prefix + "rawc", "raw SQL, same rows, C API")
            r.row(name + " — vs raw SQL, core rows only", prefix + "services", None, prefix + "raw_core",
                  "raw SQL, core rows only, QtSql")
            if key == "postgresql":
                r.row(name + " — vs pgbench", prefix + "services", None, "pgbench.p%d.tps" % processes,
                      "pgbench TPC-B, %d client%s" % (processes, "" if processes == 1 else "s"))

    r.section("Imports (issues 5 and 6)",
              "Order import: a Shopify orders export written by `bench/make_shopify_orders.py` (the real 79-column "
              "header, 2,000 SKUs at 3 locations), imported in one transaction through `OrderImporter` (parsing, "
              "routing, guarded reservations, backorders, ledger, history, search text, change log). Baseline: "
              "the same file read by the same reader, and only its core rows written with the store's prepared "
              "statements (per line a guarded reservation at the first location that has the units, the order, "
              "its lines, allocations and ledger rows; no customers, history, search text or change log). Product "
              "import: 100,000 products with opening stock through `ProductImporter` (no baseline).")
    r.row("Order import, SQLite, %s lines, first import" % "{:,}".format(int(value("order_import.sqlite.lines") or 0)),
          "order_import.sqlite.first", ("min", 50000, "≥ 50,000 lines/s"), "order_import.sqlite.raw",
          "raw SQL core rows", sized=True)
    r.row("Order import, SQLite, same file again (nothing changes)", "order_import.sqlite.again")
    r.row("Order import, SQLite, dry run", "order_import.sqlite.dry_run_seconds")
    r.row("Order import, SQLite, extra peak memory (file 5× larger than the baseline's)",
          "order_import.sqlite.peak_big",
          ("flat", (2.0, 24), "flat in the file size: ≤ 2× the small file's, or ≤ 24 MB (SQLite's page cache is "
                              "capped at 16 MiB)"),
          "order_import.sqlite.peak_small", "the same import of a 5× smaller file")
    r.row("Order import, PostgreSQL, %s lines, first import" % "{:,}".format(
        int(value("order_import.postgresql.lines") or 0)), "order_import.postgresql.first", None,
          "order_import.postgresql.raw", "raw SQL core rows")
    r.row("Order import, PostgreSQL, same file again", "order_import.postgresql.again")
    for key, label in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL")):
        r.row("Product import, %s, first import" % label, "product_import.%s.first_import_seconds" % key,
              note="%s" % number(value("product_import.%s.first_import" % key), "products/s"))
        r.row("Product import, %s, same file again" % label, "product_import.%s.same_file_again_seconds" % key)

    r.section("Views (issues 4 and 5)",
              "Orders view: `OrderModel` on the GUI's database thread, from a session's start or a filter change to "
              "the first page, median of the runs, on %s orders (SQLite, `demo --days 60` + archived orders, built "
              "once and kept); peak resident memory of the real app showing it. Ledger view: a product with 100,000 "
              "movements. The figures have no baseline." % "{:,}".format(int(value("orders_view.orders") or 0)))
    views = [("open", "Orders view: session start to first rows", 150),
             ("filter_status", "Orders view: filter status (rare)", 100),
             ("filter_payment", "Orders view: filter payment = paid (97 % of orders)", 100),
             ("filter_channel_dates", "Orders view: channel + date range", 100),
             ("filter_location", "Orders view: location", 100),
             ("search_name", "Orders view: search customer name", 100),
             ("search_email", "Orders view: search e-mail", 100),
             ("search_prefix", "Orders view: search 3-letter prefix (worst case)", 100),
             ("search_sku", "Orders view: search SKU", 100),
             ("search_number", "Orders view: search order number", 100),
             ("sort_total", "Orders view: sort by total", 100)]
    for key, label, limit in views:
        r.row(label, "orders_view." + key, ("max", limit, "≤ %d ms" % limit), sized=True)
    r.row("Orders view: GUI process peak resident memory", "orders_view.gui_peak_rss",
          ("max", 300, "≤ 300 MB"), sized=True)
    for engine, label in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL")):
        for key, what in (("first_page", "first page"), ("deep_page", "page at 90 % depth"),
                          ("history_90d", "90-day stock history"), ("product_pane", "whole product pane")):
            r.row("Ledger view, %s: %s" % (label, what), "ledger_view.%s.%s" % (engine, key))

    r.section("GUI cold start (issue 9)",
              "The real `stockroom` (Release) in screenshot mode (offscreen, `--wait 0`, 1366×768) on a SQLite "
              "database of %s orders, started 5 times (3 with `--quick`); the time from just before the fork to "
              "the first frame Qt's render loop reports (`qt.scenegraph.time.renderloop`, read on stderr as it "
              "happens), median. The "
              "screenshot is written 400 ms after every view has its first data: an upper bound of \"rows on "
              "screen\". Page cache warm (the database and binary were just used)." % (
                  "{:,}".format(int(value("cold_start.orders") or 0)),))
    r.row("Start to first frame", "cold_start.first_frame", ("max", 1000, "≤ 1 s"), sized=True,
          note="max of the runs %s" % number(value("cold_start.first_frame_max"), "ms"))
    r.row("Start to screenshot written (data + 400 ms settle)", "cold_start.screenshot",
          note="max of the runs %s" % number(value("cold_start.screenshot_max"), "ms"))

    r.section("Live refresh (issue 3)",
              "Commit of an order in one process → `ChangeFeed` signal in another, %s commits 3 ms apart; "
              "listener CPU while idle (3 s). No baseline measured here." % "{:,}".format(
                  int(value("live_refresh.sqlite.received") or 0)))
    for key, label, limit in (("postgresql", "PostgreSQL (LISTEN/NOTIFY)", 10), ("sqlite", "SQLite (poll 25 ms)", 60)):
        r.row("%s p99" % label, "live_refresh.%s.p99" % key, ("max", limit, "≤ %d ms" % limit),
              note="p50 %s, max %s" % (number(value("live_refresh.%s.p50" % key), "ms"),
                                       number(value("live_refresh.%s.max" % key), "ms")))
        r.row("%s idle CPU of the listener" % label, "live_refresh.%s.idle_cpu" % key, ("max", 1.0, "< 1 %"))

    r.section("Forecasting (issue 7)",
              "`stockroomctl forecast --input --method auto` against R's forecast package (`ets()`, `croston()`) "
              "on the same series (bench/FORECAST.md). Speed: ours is the wall clock of the whole command on all "
              "threads; R is its fitting loop only on one process, on the first %d series; series/s compared on "
              "that same sample. Accuracy: mean MASE, lower is better, ratio ours / R." % int(
                  value("forecast_speed.r_sample") or 0))
    if "forecast_speed.ours_all_seconds" in results:
        series = int(value("forecast_speed.series"))
        results["forecast_speed.ours_rate_sample"] = (
            value("forecast_speed.r_sample") / value("forecast_speed.ours_sample_seconds"), "series/s")
        results["forecast_speed.r_rate_sample"] = (
            value("forecast_speed.r_sample") / value("forecast_speed.r_sample_seconds"), "series/s")
        r.row("%s daily series × 730 days, automatic selection" % "{:,}".format(series),
              "forecast_speed.ours_all_seconds", ("max", 10, "≤ 10 s"),
              note="%s; R extrapolated: %s" % (number(value("forecast_speed.ours_series_per_s"), "series/s"),
                                               number(value("forecast_speed.r_all_seconds_extrapolated"), "s")),
              sized=True)
        r.row("Speed on the R sample (series/s)", "forecast_speed.ours_rate_sample",
              ("ratio_min", 20, "≥ 20× R"), "forecast_speed.r_rate_sample", "R ets()",
              note="on all series vs R extrapolated: %s" % number(value("forecast_speed.speedup_all_extrapolated"),
                                                                   "x"))
    r.row("M4 weekly (359 series), mean MASE vs R", "forecast_m4.ours_auto_mase",
          ("ratio_max", 1.02, "within 2 % of R"), "forecast_m4.R_ets_mase", "R ets()")
    r.row("M4 weekly, mean MASE vs seasonal naive", "forecast_m4.ours_auto_mase",
          ("ratio_max", 0.99999, "beats seasonal naive"), "forecast_m4.ours_snaive_mase", "seasonal naive")
    r.row("Intermittent (simulated), mean MASE vs R croston()", "forecast_intermittent.ours_auto_mase",
          ("ratio_max", 1.02, "within 2 % of R"), "forecast_intermittent.R_croston_mase", "R croston()")
    r.row("Intermittent, mean MASE vs R ets()", "forecast_intermittent.ours_auto_mase",
          ("ratio_max", 1.02, "within 2 % of R"), "forecast_intermittent.R_ets_mase", "R ets()")
    r.row("Intermittent, mean MASE vs seasonal naive", "forecast_intermittent.ours_auto_mase",
          ("ratio_max", 0.99999, "beats seasonal naive"), "forecast_intermittent.ours_snaive_mase", "seasonal naive")

    failed = sorted(key[len("failed."):] for key in results if key.startswith("failed."))
    durations = sorted((k[len("duration."):], v) for k, v in meta.items() if k.startswith("duration."))
    total = int(meta.get("total_seconds", "0"))
    out = ["# Benchmark results", ""]
    out.append("Written by `scripts/bench.sh`; do not edit by hand. %s" % (
        "**Quick run: smaller sizes than the targets assume; size-bound targets are not judged.**" if quick else ""))
    out.append("")
    out.append("| | |")
    out.append("|---|---|")
    for label, key in (("date", "date"), ("command", "command"), ("CPU", "cpu"), ("cores", "cores"), ("RAM", "ram"),
                       ("Debian", "debian"), ("kernel", "kernel"), ("Qt", "qt"), ("SQLite", "sqlite"),
                       ("PostgreSQL", "postgresql"), ("PostgreSQL server", "pg_note"), ("R", "r"),
                       ("compiler", "compiler"), ("load average at the end", "load")):
        text = meta.get(key, "?")
        out.append("| %s | %s |" % (label, "`%s`" % text if key == "command" else text))
    waited = int(meta.get("waited_seconds", "0"))
    built = int(meta.get("build_seconds", "0"))
    running = total - waited
    out.append("| run time | %d min %02d s without the waits for the lock (%d s more waiting for other builds); "
               "build %d s, %s |" % (running // 60, running % 60, waited, built,
                                     ", ".join("%s %s s" % (name, seconds) for name, seconds in durations)))
    out.append("")
    out.append("Build: CMake Release (`-O3 -DNDEBUG`), every program from the same checkout. "
               "The machine is shared: each benchmark runs alone under the build lock, but figures still vary "
               "by about ±10–20 % between runs.")
    out.append("")
    out.extend(r.markdown())
    out.append("## Not met")
    out.append("")
    if not r.missed and not failed:
        out.append("Every judged target is met.")
    for line in r.missed:
        out.append("- " + line)
    for name in failed:
        out.append("- benchmark `%s` failed (exit %d): see its log" % (name, results["failed." + name][0]))
    out.append("")
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(out))


if __name__ == "__main__":
    main()
