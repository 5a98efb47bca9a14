// SPDX-License-Identifier: GPL-3.0-or-later
#include "forecastcommands.h"

#include "autoforecast.h"
#include "planningservice.h"
#include "seriesfile.h"
#include "servicecontext.h"
#include "stockexport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QSaveFile>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace Stockroom::Cli {

namespace {

const QString inputOption = QStringLiteral("input");

/** The series of --input, or a usage error listing the file's problems (nothing is forecast then). */
Result<SeriesFile> inputSeries(const QCommandLineParser &parser)
{
    const QString path = parser.value(inputOption);
    if (path.isEmpty()) {
        return usage(
            Text::tr("--input FILE.csv names the series to forecast (columns series_id,period,value)."));
    }
    SeriesFile file = readSeriesFile(path);
    if (!file.problems.isEmpty()) {
        for (const FileProblem &problem : file.problems) {
            err() << problem.toString() << Qt::endl;
        }
        return usage(Text::tr("%1: %n problem(s); nothing was forecast.", nullptr, int(file.problems.size()))
                         .arg(path));
    }
    return file;
}

/** --season, or the usual cycle of the file's dates (7 days, 52 weeks, 12 months, 4 quarters). */
Result<int> seasonOption(const QCommandLineParser &parser, const SeriesFile &file)
{
    return intOption(parser, QStringLiteral("season"), defaultSeason(file.frequency), 1, 1000);
}

Result<QString> methodOption(const QCommandLineParser &parser, const QString &option, const QString &fallback)
{
    const QString method = parser.isSet(option) ? parser.value(option).trimmed() : fallback;
    if (!isForecastMethod(method)) {
        return usage(Text::tr("--%1: \"%2\" is not a method; known: %3")
                         .arg(option, method, forecastMethodNames().join(QStringLiteral(", "))));
    }
    return method;
}

std::vector<DemandSeries> demandOf(const SeriesFile &file)
{
    std::vector<DemandSeries> series;
    series.reserve(file.series.size());
    for (const NamedSeries &named : file.series) {
        series.push_back(named.series);
    }
    return series;
}

/**
 * `forecast --sku S [--location L] --horizon H [--frequency day|week|month]`: the product's demand history
 * from the database (stockout periods marked), forecast and backtested.
 */
Result<int> forecastFromDatabase(Invocation &call)
{
    const QString frequencyText = call.parser.isSet(QStringLiteral("frequency"))
        ? call.parser.value(QStringLiteral("frequency"))
        : QStringLiteral("week");
    const std::optional<DemandFrequency> frequency = frequencyFromName(frequencyText);
    if (!frequency) {
        return usage(Text::tr("--frequency takes day, week or month, not \"%1\".").arg(frequencyText));
    }
    const bool daily = *frequency == DemandFrequency::Day;
    const bool weekly = *frequency == DemandFrequency::Week;
    STOCKROOM_TRY(horizon, intOption(call.parser, QStringLiteral("horizon"), daily ? 28 : 8, 1, 1000));
    STOCKROOM_TRY(season,
                  intOption(call.parser, QStringLiteral("season"), daily ? 7 : (weekly ? 52 : 12), 1, 1000));
    STOCKROOM_TRY(method, methodOption(call.parser, QStringLiteral("method"), QStringLiteral("auto")));
    STOCKROOM_TRY(
        history,
        intOption(call.parser, QStringLiteral("history"), weekly ? 104 : (daily ? 730 : 36), 4, 5000));
    PlanningService planning(*call.context);
    STOCKROOM_TRY(target,
                  planning.target(call.parser.value(QStringLiteral("sku")),
                                  call.parser.value(QStringLiteral("location"))));
    const QDate today = call.context->clock.now().date();
    const QDate from = daily ? today.addDays(-history)
                             : (weekly ? today.addDays(-7 * history) : today.addMonths(-history));
    STOCKROOM_TRY(demand,
                  planning.demandHistory(target.first.id, target.second ? target.second->id : 0, *frequency,
                                         from, today));
    const ForecastOptions options {method, season};
    const Forecast forecast = forecastSeries(demand.series, horizon, options);
    // Accuracy of the same method on the product's own past: three origins, a quarter of the history apart
    // at most, scaled by the naive error.
    const int testHorizon = std::max(1, std::min(horizon, demand.size() / 4));
    const BacktestScore score = backtestSeries(demand.series, testHorizon, options, 3, testHorizon, 1);
    QList<QDate> dates;
    QDate next = demand.periods.isEmpty() ? periodStart(today, *frequency)
                                          : nextPeriodStart(demand.periods.last(), *frequency);
    for (int h = 0; h < horizon; ++h) {
        dates << next;
        next = nextPeriodStart(next, *frequency);
    }
    int stockouts = 0;
    for (std::size_t t = 0; t < demand.series.values.size(); ++t) {
        stockouts += demand.series.isObserved(t) ? 0 : 1;
    }
    const auto number = [](double value) {
        return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
    };
    if (call.json()) {
        QJsonArray steps;
        for (int h = 0; h < horizon; ++h) {
            const auto i = std::size_t(h);
            steps.append(QJsonObject {{QStringLiteral("period"), dates.at(h).toString(Qt::ISODate)},
                                      {QStringLiteral("mean"), forecast.mean[i]},
                                      {QStringLiteral("lo80"), forecast.lo80[i]},
                                      {QStringLiteral("hi80"), forecast.hi80[i]},
                                      {QStringLiteral("lo95"), forecast.lo95[i]},
                                      {QStringLiteral("hi95"), forecast.hi95[i]}});
        }
        printJson(
            QJsonObject {{QStringLiteral("sku"), target.first.sku},
                         {QStringLiteral("location"),
                          target.second ? QJsonValue(target.second->code) : QJsonValue(QJsonValue::Null)},
                         {QStringLiteral("frequency"), frequencyName(*frequency)},
                         {QStringLiteral("history_periods"), demand.size()},
                         {QStringLiteral("stockout_periods"), stockouts},
                         {QStringLiteral("method"), forecast.method},
                         {QStringLiteral("backtest_origins"), score.origins},
                         {QStringLiteral("mase"), number(score.mase)},
                         {QStringLiteral("smape"), number(score.smape)},
                         {QStringLiteral("bias"), number(score.bias)},
                         {QStringLiteral("forecast"), steps}});
        return Done;
    }
    const QString where = target.second ? target.second->code : Text::tr("all locations");
    out() << Text::tr("%1 at %2: %n period(s) of history (%3, %4 stockout), method %5", nullptr,
                      demand.size())
                 .arg(target.first.sku, where, frequencyName(*frequency))
                 .arg(stockouts)
                 .arg(forecast.method)
          << Qt::endl;
    if (score.origins > 0) {
        out() << Text::tr("Backtest over %n origin(s): MASE %1, sMAPE %2 %, bias %3", nullptr, score.origins)
                     .arg(score.mase, 0, 'f', 2)
                     .arg(score.smape, 0, 'f', 1)
                     .arg(score.bias, 0, 'f', 2)
              << Qt::endl;
    }
    out() << QStringLiteral("%1 %2 %3 %4")
                 .arg(Text::tr("period"), -12)
                 .arg(Text::tr("mean"), 9)
                 .arg(Text::tr("80 %"), 19)
                 .arg(Text::tr("95 %"), 19)
          << Qt::endl;
    for (int h = 0; h < horizon; ++h) {
        const auto i = std::size_t(h);
        out() << QStringLiteral("%1 %2 %3–%4 %5–%6")
                     .arg(dates.at(h).toString(Qt::ISODate), -12)
                     .arg(forecast.mean[i], 9, 'f', 1)
                     .arg(forecast.lo80[i], 9, 'f', 1)
                     .arg(forecast.hi80[i], -9, 'f', 1)
                     .arg(forecast.lo95[i], 9, 'f', 1)
                     .arg(forecast.hi95[i], -9, 'f', 1)
              << Qt::endl;
    }
    return Done;
}

Result<int> commandForecast(Invocation &call)
{
    if (call.parser.isSet(QStringLiteral("sku"))) {
        if (call.parser.isSet(inputOption)) {
            return usage(Text::tr("forecast takes either --input FILE.csv or --sku S, not both."));
        }
        return forecastFromDatabase(call);
    }
    if (!call.parser.isSet(inputOption)) {
        return usage(Text::tr("forecast needs --input FILE.csv (series_id,period,value) or --sku S."));
    }
    STOCKROOM_TRY(horizon, intOption(call.parser, QStringLiteral("horizon"), 0, 1, 10000));
    if (!call.parser.isSet(QStringLiteral("horizon"))) {
        return usage(Text::tr("forecast needs --horizon H, the number of periods ahead."));
    }
    STOCKROOM_TRY(threads, intOption(call.parser, QStringLiteral("threads"), 0, 0, 256));
    STOCKROOM_TRY(method, methodOption(call.parser, QStringLiteral("method"), QStringLiteral("auto")));
    const QString outPath = call.parser.value(QStringLiteral("out"));
    if (outPath.isEmpty()) {
        return usage(Text::tr("forecast needs --out FILE.csv (- for standard output)."));
    }
    QElapsedTimer timer;
    timer.start();
    STOCKROOM_TRY(file, inputSeries(call.parser));
    STOCKROOM_TRY(season, seasonOption(call.parser, file));
    const qint64 readMs = timer.restart();
    const std::vector<DemandSeries> series = demandOf(file);
    const std::vector<Forecast> forecasts
        = forecastMany(series, horizon, ForecastOptions {method, season}, threads);
    const qint64 forecastMs = timer.restart();

    if (outPath == QLatin1String("-")) {
        out().flush();
        QFile stdoutFile;
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly, QFileDevice::DontCloseHandle)
            || !writeForecasts(stdoutFile, file.series, forecasts)) {
            return Error::database(Text::tr("Cannot write to standard output."));
        }
        return Done;
    }
    // Written whole or not at all: a script never reads half a forecast.
    QSaveFile output(outPath);
    if (!output.open(QIODevice::WriteOnly) || !writeForecasts(output, file.series, forecasts)
        || !output.commit()) {
        return Error::database(Text::tr("Cannot write %1: %2").arg(outPath, output.errorString()));
    }
    QMap<QString, int> methods;
    for (const Forecast &forecast : forecasts) {
        ++methods[forecast.method];
    }
    if (call.json()) {
        QJsonObject chosen;
        for (auto it = methods.cbegin(); it != methods.cend(); ++it) {
            chosen.insert(it.key(), it.value());
        }
        printJson(QJsonObject {{QStringLiteral("series"), int(forecasts.size())},
                               {QStringLiteral("horizon"), horizon},
                               {QStringLiteral("season"), season},
                               {QStringLiteral("frequency"), frequencyName(file.frequency)},
                               {QStringLiteral("methods"), chosen},
                               {QStringLiteral("read_ms"), readMs},
                               {QStringLiteral("forecast_ms"), forecastMs},
                               {QStringLiteral("out"), outPath}});
        return Done;
    }
    out() << Text::tr("Forecast %n series (%1, season %2) %3 period(s) ahead in %4 s (reading %5 s) to %6.",
                      nullptr, int(forecasts.size()))
                 .arg(frequencyName(file.frequency))
                 .arg(season)
                 .arg(horizon)
                 .arg(double(forecastMs) / 1000.0, 0, 'f', 2)
                 .arg(double(readMs) / 1000.0, 0, 'f', 2)
                 .arg(outPath)
          << Qt::endl;
    for (auto it = methods.cbegin(); it != methods.cend(); ++it) {
        out() << QStringLiteral("  %1 %2").arg(it.key(), -14).arg(it.value()) << Qt::endl;
    }
    return Done;
}

double meanOf(const std::vector<double> &values)
{
    double sum = 0;
    for (double v : values) {
        sum += v;
    }
    return values.empty() ? std::nan("") : sum / double(values.size());
}

double medianOf(std::vector<double> values)
{
    if (values.empty()) {
        return std::nan("");
    }
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
}

Result<int> commandBacktest(Invocation &call)
{
    STOCKROOM_TRY(horizon, intOption(call.parser, QStringLiteral("horizon"), 0, 1, 10000));
    if (!call.parser.isSet(QStringLiteral("horizon"))) {
        return usage(Text::tr("backtest needs --horizon H, the number of periods ahead."));
    }
    STOCKROOM_TRY(origins, intOption(call.parser, QStringLiteral("origins"), 1, 1, 1000));
    STOCKROOM_TRY(threads, intOption(call.parser, QStringLiteral("threads"), 0, 0, 256));
    STOCKROOM_TRY(file, inputSeries(call.parser));
    STOCKROOM_TRY(season, seasonOption(call.parser, file));
    STOCKROOM_TRY(step, intOption(call.parser, QStringLiteral("step"), horizon, 1, 10000));
    STOCKROOM_TRY(maseLag, intOption(call.parser, QStringLiteral("mase-lag"), season, 1, 1000));
    QStringList methods = call.parser.isSet(QStringLiteral("methods"))
        ? call.parser.value(QStringLiteral("methods")).split(QLatin1Char(','), Qt::SkipEmptyParts)
        : QStringList {QStringLiteral("naive"),       QStringLiteral("snaive"), QStringLiteral("ses"),
                       QStringLiteral("holt_damped"), QStringLiteral("ets"),    QStringLiteral("croston"),
                       QStringLiteral("sba"),         QStringLiteral("tsb"),    QStringLiteral("auto")};
    for (QString &method : methods) {
        method = method.trimmed();
        if (!isForecastMethod(method)) {
            return usage(Text::tr("--methods: \"%1\" is not a method; known: %2")
                             .arg(method, forecastMethodNames().join(QStringLiteral(", "))));
        }
    }
    const std::vector<DemandSeries> series = demandOf(file);
    QJsonArray rows;
    if (!call.json()) {
        out() << Text::tr("%n series, horizon %1, %2 origin(s) %3 period(s) apart, MASE lag %4", nullptr,
                          int(series.size()))
                     .arg(horizon)
                     .arg(origins)
                     .arg(step)
                     .arg(maseLag)
              << Qt::endl;
        out() << QStringLiteral("%1 %2 %3 %4 %5 %6")
                     .arg(Text::tr("method"), -14)
                     .arg(Text::tr("MASE"), 8)
                     .arg(Text::tr("median"), 8)
                     .arg(Text::tr("sMAPE"), 8)
                     .arg(Text::tr("bias"), 10)
                     .arg(Text::tr("seconds"), 8)
              << Qt::endl;
    }
    // Per series too, for a closer look: series_id,method,chosen,origins,mase,smape,bias.
    const QString perSeriesPath = call.parser.value(QStringLiteral("per-series"));
    QByteArray perSeries = "series_id,method,chosen,origins,mase,smape,bias\n";
    for (const QString &method : methods) {
        QElapsedTimer timer;
        timer.start();
        const std::vector<BacktestScore> scores = backtestMany(
            series, horizon, ForecastOptions {method, season}, origins, step, maseLag, threads);
        const double seconds = double(timer.elapsed()) / 1000.0;
        for (std::size_t i = 0; i < scores.size(); ++i) {
            const BacktestScore &score = scores[i];
            const auto cell = [](double value) {
                return std::isfinite(value) ? QByteArray::number(value, 'g', 10) : QByteArray("NA");
            };
            perSeries += StockExport::csvField(file.series[i].id).toUtf8() + ','
                + StockExport::csvField(method).toUtf8() + ',' + StockExport::csvField(score.method).toUtf8()
                + ',' + QByteArray::number(score.origins) + ',' + cell(score.mase) + ',' + cell(score.smape)
                + ',' + cell(score.bias) + '\n';
        }
        std::vector<double> mase;
        std::vector<double> smape;
        std::vector<double> bias;
        for (const BacktestScore &score : scores) {
            if (score.origins == 0) {
                continue;
            }
            if (std::isfinite(score.mase)) {
                mase.push_back(score.mase);
            }
            smape.push_back(score.smape);
            bias.push_back(score.bias);
        }
        if (call.json()) {
            rows.append(QJsonObject {{QStringLiteral("method"), method},
                                     {QStringLiteral("series"), int(smape.size())},
                                     {QStringLiteral("mase"), meanOf(mase)},
                                     {QStringLiteral("mase_median"), medianOf(mase)},
                                     {QStringLiteral("smape"), meanOf(smape)},
                                     {QStringLiteral("bias"), meanOf(bias)},
                                     {QStringLiteral("seconds"), seconds}});
            continue;
        }
        out() << QStringLiteral("%1 %2 %3 %4 %5 %6")
                     .arg(method, -14)
                     .arg(meanOf(mase), 8, 'f', 3)
                     .arg(medianOf(mase), 8, 'f', 3)
                     .arg(meanOf(smape), 8, 'f', 2)
                     .arg(meanOf(bias), 10, 'g', 4)
                     .arg(seconds, 8, 'f', 2)
              << Qt::endl;
    }
    if (!perSeriesPath.isEmpty()) {
        QSaveFile output(perSeriesPath);
        if (!output.open(QIODevice::WriteOnly) || output.write(perSeries) != perSeries.size()
            || !output.commit()) {
            return Error::database(Text::tr("Cannot write %1: %2").arg(perSeriesPath, output.errorString()));
        }
    }
    if (call.json()) {
        printJson(rows);
    }
    return Done;
}

void addSeriesOptions(QCommandLineParser &p)
{
    addOption(p, inputOption, Text::tr("Series file: series_id,period,value (period: number or ISO date)."),
              QStringLiteral("FILE"));
    addOption(p, QStringLiteral("horizon"), Text::tr("Periods ahead."), QStringLiteral("H"));
    addOption(p, QStringLiteral("season"),
              Text::tr("Periods per seasonal cycle (default from the dates: 7, 52, 12 or 4; else 1)."),
              QStringLiteral("S"));
    addOption(p, QStringLiteral("threads"), Text::tr("Threads (default: one per core)."),
              QStringLiteral("N"));
}

} // namespace

QList<Command> forecastCommands()
{
    const auto withoutDatabase = [](const QCommandLineParser &p) { return !p.isSet(inputOption); };
    return {
        {QStringLiteral("forecast"),
         Text::tr("Forecast demand series: forecast --input FILE.csv --horizon H --out FILE.csv."),
         [](QCommandLineParser &p) {
             addSeriesOptions(p);
             addOption(
                 p, QStringLiteral("method"),
                 Text::tr("auto (default), ets, naive, snaive, ses, holt, holt_damped, croston, sba, tsb, "
                          "an ETS model such as ETS(M,Ad,A), …"),
                 QStringLiteral("M"));
             addOption(
                 p, QStringLiteral("out"),
                 Text::tr("Where to write series_id,step,mean,lo80,hi80,lo95,hi95,method (- for standard "
                          "output)."),
                 QStringLiteral("FILE"));
             addOption(p, QStringLiteral("sku"),
                       Text::tr("Forecast this product's demand from the database."), QStringLiteral("S"));
             addOption(p, QStringLiteral("location"), Text::tr("With --sku: one location (default: all)."),
                       QStringLiteral("L"));
             addOption(p, QStringLiteral("frequency"), Text::tr("With --sku: day, week (default) or month."),
                       QStringLiteral("F"));
             addOption(p, QStringLiteral("history"),
                       Text::tr("With --sku: periods of history to learn from (default 104 weeks)."),
                       QStringLiteral("N"));
         },
         commandForecast,
         {},
         withoutDatabase},
        {QStringLiteral("backtest"),
         Text::tr("Rolling-origin accuracy of forecasting methods: MASE, sMAPE and bias per method."),
         [](QCommandLineParser &p) {
             addSeriesOptions(p);
             addOption(p, QStringLiteral("methods"),
                       Text::tr("Comma-separated methods (default: all families)."), QStringLiteral("A,B"));
             addOption(p, QStringLiteral("origins"), Text::tr("Forecast origins per series (default 1)."),
                       QStringLiteral("K"));
             addOption(p, QStringLiteral("step"), Text::tr("Periods between origins (default: the horizon)."),
                       QStringLiteral("N"));
             addOption(p, QStringLiteral("per-series"),
                       Text::tr("Also write each series' scores per method to this CSV file."),
                       QStringLiteral("FILE"));
             addOption(p, QStringLiteral("mase-lag"),
                       Text::tr("Lag of the seasonal naive error that scales MASE (default: the season)."),
                       QStringLiteral("L"));
         },
         commandBacktest,
         {},
         withoutDatabase},
    };
}

} // namespace Stockroom::Cli
