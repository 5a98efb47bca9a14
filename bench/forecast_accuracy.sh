#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Accuracy of `stockroomctl forecast --input` against R's forecast package, on the same train/test splits:
#   1. the M4 competition's 359 weekly series (../shared/testdata/forecast/m4_weekly, h = 13, MASE lag 1 as in
#      M4): ours automatic (--season 52) vs R ets() vs seasonal naive (lag 52) and naive;
#   2. simulated intermittent demand in the four Syntetos–Boylan categories (make_intermittent.py): ours
#      automatic vs R croston() and ets() vs seasonal naive (no season: the naive forecast), per category.
# Prints one table per data set (mean and median MASE, sMAPE, scaled bias, interval coverage, time) and the
# ratios ours / R and ours / seasonal naive; the last lines are `RESULT name value unit` for scripts/bench.sh.
# See bench/FORECAST.md.
#
# Environment (all optional):
#   STOCKROOMCTL   the binary (default: build-rel/src/cli/stockroomctl next to this bench/ folder)
#   M4_DIR         the M4 weekly folder (default: ../shared/testdata/forecast/m4_weekly from the checkout)
#   WORKDIR        where forecasts and data go (default: a new folder under /tmp, kept and printed)
#   THREADS        --threads for ours (default 0: one per core)
#   R_CORES        processes for R (default 1, how ets() is usually run; times are fitting only)
#   SERIES, TRAIN, HORIZON, SEED, SIZES   the intermittent set (default 1000, 100, 12, 7, negbin)
#   PARTS          which parts to run: "m4 intermittent" (default), or one of them
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
ctl=${STOCKROOMCTL:-$root/build-rel/src/cli/stockroomctl}
m4=${M4_DIR:-$(dirname "$root")/shared/testdata/forecast/m4_weekly}
threads=${THREADS:-0}
r_cores=${R_CORES:-1}
series=${SERIES:-1000}
train=${TRAIN:-100}
horizon=${HORIZON:-12}
seed=${SEED:-7}
sizes=${SIZES:-negbin}
parts=${PARTS:-m4 intermittent}

die() {
    echo "forecast_accuracy.sh: $*" >&2
    exit 2
}

[[ -x $ctl ]] || die "no stockroomctl at $ctl; build it (cmake --build build-rel --target stockroomctl) or set STOCKROOMCTL"
"$ctl" forecast --help >/dev/null 2>&1 || die "$ctl has no working 'forecast' command"
command -v Rscript >/dev/null || die "Rscript is missing: apt-get install r-base-core r-cran-forecast"
Rscript -e 'if (!suppressMessages(requireNamespace("forecast", quietly = TRUE))) quit(status = 1)' 2>/dev/null \
    || die "R's forecast package is missing: apt-get install r-base-core r-cran-forecast"
command -v python3 >/dev/null || die "python3 is missing"

work=${WORKDIR:-$(mktemp -d /tmp/stockroom-forecast-accuracy.XXXXXX)}
mkdir -p "$work"
# shellcheck disable=SC2016 # R code, not shell
r_version=$(Rscript -e 'cat(R.version$major, ".", R.version$minor, " with forecast ", format(packageVersion("forecast")), sep = "")' 2>/dev/null)
echo "forecast_accuracy.sh: stockroomctl $ctl; R $r_version; work folder $work"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print('%.3f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }

# ours NAME INPUT HORIZON SEASON METHOD: runs stockroomctl and records its wall time (start-up, reading and
# writing included) in $work/NAME.time.
ours() {
    local name=$1 input=$2 h=$3 season=$4 method=$5 start end
    start=$(now)
    "$ctl" forecast --input "$input" --horizon "$h" --season "$season" --method "$method" --threads "$threads" \
        --out "$work/$name.csv" >"$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; die "stockroomctl failed on $input ($method)"; }
    end=$(now)
    elapsed "$start" "$end" >"$work/$name.time"
}

# theirs NAME INPUT HORIZON SEASON METHOD: runs forecast_r.R; its own fitting time goes to $work/NAME.time.
theirs() {
    local name=$1 input=$2 h=$3 season=$4 method=$5
    Rscript "$here/forecast_r.R" --input "$input" --horizon "$h" --season "$season" --method "$method" \
        --cores "$r_cores" --out "$work/$name.csv" --timing "$work/$name.time" 2>"$work/$name.log" \
        || { cat "$work/$name.log" >&2; die "R failed on $input ($method)"; }
    grep '^forecast_r.R' "$work/$name.log" | sed 's/^/  /'
}

if [[ " $parts " == *" m4 "* ]]; then
    [[ -f $m4/train.csv && -f $m4/test.csv && -f $m4/series.csv ]] || die "no M4 weekly data in $m4 (set M4_DIR)"
    m4_h=$(python3 -c "import csv, sys; hs = {r['h'] for r in csv.DictReader(open(sys.argv[1]))}; print(hs.pop() if len(hs) == 1 else '')" "$m4/series.csv")
    [[ -n $m4_h ]] || die "$m4/series.csv: the series do not share one horizon"
    echo "== M4 weekly: $(($(wc -l <"$m4/series.csv") - 1)) series, h = $m4_h, season 52, MASE lag from series.csv =="
    ours m4_ours_auto "$m4/train.csv" "$m4_h" 52 auto
    ours m4_ours_snaive "$m4/train.csv" "$m4_h" 52 snaive
    ours m4_ours_naive "$m4/train.csv" "$m4_h" 52 naive
    theirs m4_r_ets "$m4/train.csv" "$m4_h" 52 ets
    echo "  R's ets() ignores seasonality when the frequency is above 24 (its default, kept): at 52 it fits only"
    echo "  non-seasonal models. Times: ours wall clock of the whole command; R fitting only (no start-up or I/O)."
    echo
    python3 "$here/score_forecasts.py" --train "$m4/train.csv" --test "$m4/test.csv" --series-info "$m4/series.csv" \
        --title "M4 weekly" \
        --run "ours auto" "$work/m4_ours_auto.csv" "$(cat "$work/m4_ours_auto.time")" \
        --run "R ets" "$work/m4_r_ets.csv" "$(cat "$work/m4_r_ets.time")" \
        --run "ours snaive" "$work/m4_ours_snaive.csv" "$(cat "$work/m4_ours_snaive.time")" \
        --run "ours naive" "$work/m4_ours_naive.csv" "$(cat "$work/m4_ours_naive.time")" \
        --compare "ours auto" "R ets" --compare "ours auto" "ours snaive" \
        --per-series "$work/m4_scores.csv" --json "$work/m4_scores.json"
    echo
fi

if [[ " $parts " == *" intermittent "* ]]; then
    data=$work/intermittent
    python3 "$here/make_intermittent.py" "$data" --series "$series" --train "$train" --horizon "$horizon" \
        --seed "$seed" --sizes "$sizes"
    echo "== Simulated intermittent demand: $series series, $train train + $horizon test periods, no season, MASE lag 1 =="
    ours int_ours_auto "$data/train.csv" "$horizon" 1 auto
    ours int_ours_croston "$data/train.csv" "$horizon" 1 croston
    ours int_ours_snaive "$data/train.csv" "$horizon" 1 snaive
    theirs int_r_croston "$data/train.csv" "$horizon" 1 croston
    theirs int_r_ets "$data/train.csv" "$horizon" 1 ets
    echo "  R croston() has alpha 0.1 and no intervals (coverage '-'). Seasonal naive without a season is naive."
    echo
    python3 "$here/score_forecasts.py" --train "$data/train.csv" --test "$data/test.csv" \
        --series-info "$data/series.csv" --group-by category --title "Intermittent" \
        --run "ours auto" "$work/int_ours_auto.csv" "$(cat "$work/int_ours_auto.time")" \
        --run "R croston" "$work/int_r_croston.csv" "$(cat "$work/int_r_croston.time")" \
        --run "R ets" "$work/int_r_ets.csv" "$(cat "$work/int_r_ets.time")" \
        --run "ours croston" "$work/int_ours_croston.csv" "$(cat "$work/int_ours_croston.time")" \
        --run "ours snaive" "$work/int_ours_snaive.csv" "$(cat "$work/int_ours_snaive.time")" \
        --compare "ours auto" "R croston" --compare "ours auto" "R ets" --compare "ours auto" "ours snaive" \
        --compare "ours croston" "R croston" \
        --per-series "$work/int_scores.csv" --json "$work/int_scores.json"
    echo "sMAPE is ill-suited to intermittent demand (any zero actual scores 200 unless the forecast is 0); MASE is the measure."
fi
echo "forecasts, logs and per-series scores: $work"

# results PREFIX JSON RUN…: mean MASE of each run over all series, and the first run's time, as RESULT lines.
results() {
    python3 - "$@" <<'PY'
import json, sys
prefix, path, runs = sys.argv[1], sys.argv[2], sys.argv[3:]
data = json.load(open(path, encoding="utf-8"))
every = data["groups"]["all"]
for run in runs:
    key = run.replace(" ", "_")
    value = every[run]["mase_mean"]
    print("RESULT %s.%s_mase %s MASE" % (prefix, key, "nan" if value is None else "%.4f" % value))
for run in runs:
    print("RESULT %s.%s_seconds %.3f s" % (prefix, run.replace(" ", "_"), data["runs"][run]["seconds"]))
PY
}
echo
if [[ " $parts " == *" m4 "* ]]; then
    results forecast_m4 "$work/m4_scores.json" "ours auto" "R ets" "ours snaive" "ours naive"
fi
if [[ " $parts " == *" intermittent "* ]]; then
    results forecast_intermittent "$work/int_scores.json" "ours auto" "R croston" "R ets" "ours croston" "ours snaive"
fi
