# SPDX-License-Identifier: GPL-3.0-or-later
# The R side of the forecast benchmarks: forecasts every series of a `series_id,period,value` file with R's
# forecast package and writes the same columns as `stockroomctl forecast --input`, so that one scorer
# (score_forecasts.py) reads both.
#
# Usage: Rscript forecast_r.R --input IN.csv --horizon H --out OUT.csv
#                             [--season S] [--method ets|croston|snaive|naive|stlf] [--limit N]
#                             [--cores N] [--timing FILE]
#
#   --season   the ts() frequency (1 = none). R's ets() ignores seasonality when the frequency is above 24
#              (it warns and fits non-seasonal models); that is its default behaviour and it is kept here,
#              so ets() on weekly data (52) or with S > 24 is a non-seasonal ETS. `stlf` is R's own answer
#              for long seasons and is offered for reference.
#   --method   ets (automatic ETS by AICc, the default), croston (forecast::croston, alpha 0.1, no
#              intervals: the interval columns stay empty), snaive, naive, stlf.
#   --limit    forecast only the first N series of the file (in file order).
#   --cores    fit on N forked processes (parallel::mclapply); the default 1 is how ets() is usually run.
#   --timing   write the fitting time in seconds (no start-up, no CSV reading or writing) to FILE.
# Periods are integers (sorted numerically) or ISO dates (sorted as text, which is date order). A fit that
# fails (or, like Croston with fewer than two demands, gives no forecast) falls back to the naive forecast; its
# method column says "naive(fallback)" and stderr counts them.

args <- commandArgs(trailingOnly = TRUE)
option <- function(name, default = NULL) {
    at <- match(paste0("--", name), args)
    if (is.na(at)) return(default)
    if (at == length(args)) stop(sprintf("--%s needs a value", name), call. = FALSE)
    args[at + 1]
}
fail <- function(...) {
    message("forecast_r.R: ", sprintf(...))
    quit(status = 2)
}

input <- option("input")
out <- option("out")
horizon <- as.integer(option("horizon", NA))
season <- as.integer(option("season", "1"))
method <- option("method", "ets")
limit <- as.integer(option("limit", "0"))
cores <- as.integer(option("cores", "1"))
timingFile <- option("timing")
if (is.null(input) || is.null(out) || is.na(horizon) || horizon < 1)
    fail("usage: forecast_r.R --input IN.csv --horizon H --out OUT.csv [--season S] [--method M] [--limit N]")
if (is.na(season) || season < 1) fail("--season must be a positive integer")
if (!method %in% c("ets", "croston", "snaive", "naive", "stlf")) fail("unknown --method %s", method)
if (!file.exists(input)) fail("%s: no such file", input)
if (!suppressMessages(requireNamespace("forecast", quietly = TRUE)))
    fail("R's forecast package is missing: apt-get install r-base-core r-cran-forecast")
suppressPackageStartupMessages(library(forecast))

started <- proc.time()[["elapsed"]]
data <- tryCatch(read.csv(input, colClasses = "character", check.names = FALSE),
                 error = function(e) fail("%s: %s", input, conditionMessage(e)))
if (!identical(names(data), c("series_id", "period", "value")))
    fail("%s: line 1: the header must be series_id,period,value (found %s)", input,
         paste(names(data), collapse = ","))
values <- suppressWarnings(as.numeric(data$value))
if (anyNA(values)) {
    bad <- which(is.na(values))[1]
    fail("%s: line %d, column 3: \"%s\" is not a number", input, bad + 1, data$value[bad])
}
data$value <- values
ids <- unique(data$series_id)
if (limit > 0 && limit < length(ids)) {
    ids <- ids[seq_len(limit)]
    data <- data[data$series_id %in% ids, ]
}
integerPeriods <- all(grepl("^-?[0-9]+$", data$period))
key <- if (integerPeriods) as.numeric(data$period) else data$period
data <- data[order(match(data$series_id, ids), key), ]
series <- split(data$value, factor(data$series_id, levels = ids))
readSeconds <- proc.time()[["elapsed"]] - started

if (method == "ets" && season > 24)
    message(sprintf(paste0("forecast_r.R: note: R's ets() ignores seasonality when the frequency is above 24 ",
                           "(here %d); its default behaviour is kept, so only non-seasonal ETS models are fitted"),
                    season))

# croston() also computes in-sample fitted values by refitting every prefix of the series, which is quadratic
# in its length (0.18 s for 100 periods, 44 s for 2,000) and changes nothing in the forecast; its internal
# croston2(nofits = TRUE) is the same computation without them and gives identical means.
crostonMean <- function(y) {
    if (exists("croston2", envir = asNamespace("forecast"), inherits = FALSE)) {
        croston2 <- get("croston2", envir = asNamespace("forecast"))
        return(list(mean = croston2(y, h = horizon, alpha = 0.1, nofits = TRUE)))
    }
    croston(y, h = horizon, alpha = 0.1)
}

forecastOne <- function(values) {
    y <- ts(values, frequency = season)
    result <- tryCatch(suppressWarnings({
        if (method == "ets") {
            fit <- ets(y)
            f <- forecast(fit, h = horizon, level = c(80, 95))
            list(f = f, name = fit$method)
        } else if (method == "croston") {
            list(f = crostonMean(y), name = "croston")
        } else if (method == "snaive") {
            list(f = snaive(y, h = horizon, level = c(80, 95)), name = "snaive")
        } else if (method == "naive") {
            list(f = naive(y, h = horizon, level = c(80, 95)), name = "naive")
        } else {
            list(f = stlf(y, h = horizon, level = c(80, 95)), name = "stlf")
        }
    }), error = function(e) NULL)
    if (is.null(result) || anyNA(result$f$mean))
        result <- list(f = naive(y, h = horizon, level = c(80, 95)), name = "naive(fallback)")
    f <- result$f
    interval <- function(bound, column) {
        if (is.null(bound) || is.null(dim(bound))) return(rep(NA_real_, horizon))
        as.numeric(bound[, column])
    }
    data.frame(step = seq_len(horizon), mean = as.numeric(f$mean),
               lo80 = interval(f$lower, 1), hi80 = interval(f$upper, 1),
               lo95 = interval(f$lower, 2), hi95 = interval(f$upper, 2),
               method = result$name, stringsAsFactors = FALSE)
}

fitStarted <- proc.time()[["elapsed"]]
if (cores > 1) {
    results <- parallel::mclapply(series, forecastOne, mc.cores = cores, mc.preschedule = TRUE)
} else {
    results <- lapply(series, forecastOne)
}
fitSeconds <- proc.time()[["elapsed"]] - fitStarted

rows <- do.call(rbind, Map(function(id, frame) cbind(series_id = id, frame, stringsAsFactors = FALSE),
                           names(results), results))
fallbacks <- sum(vapply(results, function(frame) frame$method[1] == "naive(fallback)", logical(1)))
number <- function(x) ifelse(is.na(x), "", sprintf("%.10g", x))
# ETS names hold commas ("ETS(M,Ad,N)"): quote them as CSV does.
quoted <- function(x) ifelse(grepl("[\",]", x), paste0("\"", gsub("\"", "\"\"", x, fixed = TRUE), "\""), x)
lines <- paste(quoted(rows$series_id), rows$step, number(rows$mean), number(rows$lo80), number(rows$hi80),
               number(rows$lo95), number(rows$hi95), quoted(rows$method), sep = ",")
writeLines(c("series_id,step,mean,lo80,hi80,lo95,hi95,method", lines), out)

if (!is.null(timingFile)) writeLines(sprintf("%.3f", fitSeconds), timingFile)
message(sprintf(paste0("forecast_r.R: %s on %d series (season %d, h %d, %d core%s): fitting %.2f s ",
                       "(%.4f s/series, %.1f series/s); reading %.2f s; %d fallback%s to naive"),
                method, length(series), season, horizon, cores, if (cores == 1) "" else "s", fitSeconds,
                fitSeconds / max(1, length(series)), length(series) / max(fitSeconds, 1e-9), readSeconds,
                fallbacks, if (fallbacks == 1) "" else "s"))
