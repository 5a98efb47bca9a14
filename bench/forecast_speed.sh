#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Speed of `stockroomctl forecast --input --method auto` against R's ets(), side by side on the same series:
# generates 10,000 daily series of 730 days (make_daily_series.py), times ours on all of them (all threads),
# then ours and R's ets() on a sample of the first R_SAMPLE series (R needs about a second per series here, so
# all 10,000 would take hours), and prints series per second and the ratio. R's time for all series is
# extrapolated from the sample, per series, and labelled so. The last lines are `RESULT name value unit` for
# scripts/bench.sh. See bench/FORECAST.md.
#
# Environment (all optional):
#   STOCKROOMCTL   the binary (default: build-rel/src/cli/stockroomctl next to this bench/ folder)
#   WORKDIR        where the data and forecasts go (default: a new folder under /tmp, kept and printed)
#   SERIES, LENGTH, SEED, PERIODS   the daily set (default 10000, 730, 7, iso); the data file is reused when
#                                   WORKDIR already holds one made with the same settings
#   HORIZON        days ahead (default 14)
#   THREADS        --threads for ours (default 0: one per core)
#   R_SAMPLE       series R (and ours, for the side-by-side) forecast (default 100)
#   R_CORES        processes for R (default 1, how ets() is usually run; 2 forks with parallel::mclapply)
#   SKIP_R         1 to time ours only
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
ctl=${STOCKROOMCTL:-$root/build-rel/src/cli/stockroomctl}
series=${SERIES:-10000}
length=${LENGTH:-730}
seed=${SEED:-7}
periods=${PERIODS:-iso}
horizon=${HORIZON:-14}
threads=${THREADS:-0}
sample=${R_SAMPLE:-100}
r_cores=${R_CORES:-1}
skip_r=${SKIP_R:-0}

die() {
    echo "forecast_speed.sh: $*" >&2
    exit 2
}

[[ -x $ctl ]] || die "no stockroomctl at $ctl; build it (cmake --build build-rel --target stockroomctl) or set STOCKROOMCTL"
"$ctl" forecast --help >/dev/null 2>&1 || die "$ctl has no working 'forecast' command"
if [[ $skip_r != 1 ]]; then
    command -v Rscript >/dev/null || die "Rscript is missing: apt-get install r-base-core r-cran-forecast"
    Rscript -e 'if (!suppressMessages(requireNamespace("forecast", quietly = TRUE))) quit(status = 1)' 2>/dev/null \
        || die "R's forecast package is missing: apt-get install r-base-core r-cran-forecast"
fi
((sample >= 1 && sample <= series)) || die "R_SAMPLE must be between 1 and SERIES ($series)"

work=${WORKDIR:-$(mktemp -d /tmp/stockroom-forecast-speed.XXXXXX)}
mkdir -p "$work"
now() { date +%s.%N; }
calc() { python3 -c "import sys; print(eval(sys.argv[1]))" "$1"; }

data=$work/daily.csv
stamp="series=$series length=$length seed=$seed periods=$periods"
if [[ -f $data && -f $work/daily.settings && $(cat "$work/daily.settings") == "$stamp" ]]; then
    echo "forecast_speed.sh: reusing $data ($stamp)"
else
    echo "forecast_speed.sh: writing $series daily series × $length days to $data …"
    python3 "$here/make_daily_series.py" "$data" --series "$series" --length "$length" --seed "$seed" \
        --periods "$periods" --info "$work/daily_info.csv"
    echo "$stamp" >"$work/daily.settings"
fi
# The first `sample` series, for the side-by-side run (the file holds each series' rows together).
awk -F, -v n="$sample" 'NR == 1 { print; next } $1 != last { count++; last = $1 } count <= n' "$data" >"$work/sample.csv"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows every figure)"
echo

# ours NAME INPUT: wall time of the whole command (start-up, reading, fitting, writing) in seconds.
ours() {
    local name=$1 input=$2 start end
    start=$(now)
    "$ctl" forecast --input "$input" --horizon "$horizon" --season 7 --method auto --threads "$threads" \
        --out "$work/$name.csv" >"$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; die "stockroomctl failed on $input"; }
    end=$(now)
    calc "$end - $start"
}

ours_all=$(ours ours_all "$data")
ours_sample=$(ours ours_sample "$work/sample.csv")
printf "ours, auto, season 7, h %d, threads %s:\n" "$horizon" "$( ((threads == 0)) && echo "all ($(nproc))" || echo "$threads")"
printf "  %6d series: %8.2f s  %10.1f series/s   (wall clock of the whole command)\n" "$series" "$ours_all" \
    "$(calc "$series / $ours_all")"
printf "  %6d series: %8.2f s  %10.1f series/s   (the R sample; start-up weighs more here)\n" "$sample" \
    "$ours_sample" "$(calc "$sample / $ours_sample")"
sed 's/^/  stockroomctl: /' "$work/ours_all.log" | head -1

if [[ $skip_r != 1 ]]; then
    Rscript "$here/forecast_r.R" --input "$work/sample.csv" --horizon "$horizon" --season 7 --method ets \
        --cores "$r_cores" --out "$work/r_sample.csv" --timing "$work/r_sample.time" 2>"$work/r_sample.log" \
        || { cat "$work/r_sample.log" >&2; die "R failed"; }
    r_time=$(cat "$work/r_sample.time")
    r_per_series=$(calc "$r_time / $sample")
    r_all=$(calc "$r_per_series * $series")
    echo
    printf "R ets(), season 7, h %d, %d process(es), fitting time only (no start-up or CSV I/O):\n" "$horizon" "$r_cores"
    printf "  %6d series: %8.2f s  %10.2f series/s   (measured)\n" "$sample" "$r_time" "$(calc "$sample / $r_time")"
    printf "  %6d series: %8.0f s  (extrapolated: %.3f s per series × %d; not measured)\n" "$series" "$r_all" \
        "$r_per_series" "$series"
    echo
    printf "ratio on the same %d series (R time / ours):       %8.1f×\n" "$sample" "$(calc "$r_time / $ours_sample")"
    printf "ratio for %d series (R extrapolated / ours measured): %8.1f×\n" "$series" "$(calc "$r_all / $ours_all")"
    if ((r_cores == 1 && $(nproc) > 1)); then
        printf "  (R ran on one process; with ideal scaling on %d cores the last ratio would be %.1f×; measure with R_CORES=%d)\n" \
            "$(nproc)" "$(calc "$r_all / $(nproc) / $ours_all")" "$(nproc)"
    fi
fi
echo "data, forecasts and logs: $work"
echo
echo "RESULT forecast_speed.series $series series"
echo "RESULT forecast_speed.ours_all_seconds $ours_all s"
echo "RESULT forecast_speed.ours_series_per_s $(calc "$series / $ours_all") series/s"
echo "RESULT forecast_speed.ours_sample_seconds $ours_sample s"
if [[ $skip_r != 1 ]]; then
    echo "RESULT forecast_speed.r_sample $sample series"
    echo "RESULT forecast_speed.r_sample_seconds $r_time s"
    echo "RESULT forecast_speed.r_all_seconds_extrapolated $r_all s"
    echo "RESULT forecast_speed.speedup_same_sample $(calc "$r_time / $ours_sample") x"
    echo "RESULT forecast_speed.speedup_all_extrapolated $(calc "$r_all / $ours_all") x"
fi
