// SPDX-License-Identifier: GPL-3.0-or-later
#include "forecast.h"

#include <QFile>
#include <QHash>
#include <QTest>

#include <cmath>
#include <random>

using namespace Stockroom;

namespace {

DemandSeries seriesOf(std::vector<double> values, std::vector<bool> stockout = {})
{
    return DemandSeries {std::move(values), std::move(stockout)};
}

/** A seeded Gaussian random walk (Box–Muller on mt19937, so the numbers do not depend on the library). */
std::vector<double> randomWalk(int length, unsigned seed, double noise = 0)
{
    std::mt19937 engine(seed);
    const auto uniform = [&] { return (double(engine()) + 0.5) / 4294967296.0; };
    const auto gaussian
        = [&] { return std::sqrt(-2.0 * std::log(uniform())) * std::cos(6.283185307179586 * uniform()); };
    std::vector<double> values;
    double level = 100;
    for (int i = 0; i < length; ++i) {
        level += gaussian();
        values.push_back(level + noise * gaussian());
    }
    return values;
}

struct M4Series
{
    QString id;
    int frequency = 1;
    int maseLag = 1;
    int horizon = 0;
    std::vector<double> train;
    std::vector<double> test;
};

/** `series_id,period,value` rows, in period order within each series as the files give them. */
QHash<QString, std::vector<double>> readValues(const QString &path)
{
    QHash<QString, std::vector<double>> values;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return values;
    }
    file.readLine(); // header
    while (!file.atEnd()) {
        const QList<QByteArray> fields = file.readLine().trimmed().split(',');
        if (fields.size() == 3) {
            values[QString::fromLatin1(fields.at(0))].push_back(fields.at(2).toDouble());
        }
    }
    return values;
}

} // namespace

/** The forecasting engine: methods against hand computations, intervals, stockouts, and M4 weekly data. */
class TestForecast : public QObject
{
    Q_OBJECT

private slots:
    void constantSeriesForecastsTheConstant()
    {
        const DemandSeries series = seriesOf(std::vector<double>(40, 7.0));
        const QList<Forecast> forecasts {naiveForecast(series, 5),      seasonalNaiveForecast(series, 5, 4),
                                         sesForecast(series, 5),        holtForecast(series, 5, false),
                                         holtForecast(series, 5, true), crostonForecast(series, 5),
                                         tsbForecast(series, 5)};
        for (const Forecast &forecast : forecasts) {
            QCOMPARE(forecast.horizon(), 5);
            for (int h = 0; h < 5; ++h) {
                QVERIFY2(std::abs(forecast.mean[std::size_t(h)] - 7.0) < 1e-9, qPrintable(forecast.method));
            }
        }
        QCOMPARE(sesForecast(series, 1).sigma, 0.0);
    }

    void naiveAndSeasonalNaive()
    {
        const DemandSeries series = seriesOf({1, 2, 3, 4, 5, 6, 7, 8, 10, 12});
        const Forecast naive = naiveForecast(series, 3);
        QCOMPARE(naive.mean, (std::vector<double> {12, 12, 12}));
        // Residuals 1,1,1,1,1,1,1,2,2: sd = sqrt(15 / 9); interval at h from sd × sqrt(h).
        const double sd = std::sqrt(15.0 / 9.0);
        QVERIFY(std::abs(naive.sigma - sd) < 1e-12);
        QVERIFY(std::abs(naive.hi80[2] - (12 + 1.2815515655446004 * sd * std::sqrt(3.0))) < 1e-9);

        const Forecast seasonal = seasonalNaiveForecast(series, 6, 4);
        // Positions in the season of 4: the next periods 10, 11, 12, 13 repeat periods 6, 7, 8, 9.
        QCOMPARE(seasonal.mean, (std::vector<double> {7, 8, 10, 12, 7, 8}));
        // Residuals over lag 4: 4,4,4,4,5,6 → sd = sqrt(125 / 6); h = 5 uses sqrt(ceil(5/4)) = sqrt(2).
        const double ssd = std::sqrt(125.0 / 6.0);
        QVERIFY(std::abs(seasonal.sigma - ssd) < 1e-12);
        QVERIFY(std::abs(seasonal.hi95[4] - (7 + 1.959963984540054 * ssd * std::sqrt(2.0))) < 1e-9);
        QVERIFY(std::abs(seasonal.hi95[3] - (12 + 1.959963984540054 * ssd)) < 1e-9);
    }

    void holtExtrapolatesALinearTrend()
    {
        std::vector<double> values;
        for (int t = 0; t < 30; ++t) {
            values.push_back(5 + 2.0 * t);
        }
        const Forecast holt = holtForecast(seriesOf(values), 4, false);
        QCOMPARE(holt.method, QStringLiteral("holt"));
        for (int h = 1; h <= 4; ++h) {
            QVERIFY(std::abs(holt.mean[std::size_t(h - 1)] - (5 + 2.0 * (29 + h))) < 1e-9);
        }
        // A damped trend bends below the line but still rises.
        const Forecast damped = holtForecast(seriesOf(values), 4, true);
        QVERIFY(damped.mean[0] > values.back());
        QVERIFY(damped.mean[3] < 5 + 2.0 * 33 + 1e-9);
        QVERIFY(damped.parameters.value(QStringLiteral("phi")) >= 0.8);
        QVERIFY(damped.parameters.value(QStringLiteral("phi")) <= 0.98);
    }

    void sesAlphaNearOneOnARandomWalk()
    {
        const Forecast ses = sesForecast(seriesOf(randomWalk(500, 7)), 3);
        const double alpha = ses.parameters.value(QStringLiteral("alpha"));
        qInfo("SES alpha on a random walk: %.4f", alpha);
        QVERIFY(alpha > 0.9);
        // Noise on top of the walk pulls alpha down: the fit is not pinned at the bound.
        const double noisyAlpha = sesForecast(seriesOf(randomWalk(500, 7, 3.0)), 3).parameters.value("alpha");
        qInfo("SES alpha on a random walk observed with noise: %.4f", noisyAlpha);
        QVERIFY(noisyAlpha < 0.6);
    }

    void fittedParametersMinimiseTheSse()
    {
        // A trending, noisy series; no point of a grid over the bounds may fit better than the optimiser's.
        std::vector<double> values = randomWalk(300, 5, 2.0);
        for (std::size_t t = 0; t < values.size(); ++t) {
            values[t] += 0.3 * double(t);
        }
        const DemandSeries series = seriesOf(values);
        const Forecast ses = sesForecast(series, 1);
        const Forecast holt = holtForecast(series, 1, false);
        const Forecast damped = holtForecast(series, 1, true);
        const auto value = [](const Forecast &forecast, const char *name) {
            return forecast.parameters.value(QString::fromLatin1(name), 1.0);
        };
        const double sesSse = exponentialSmoothingSse(series, value(ses, "alpha"), 0, 1, false);
        const double holtSse
            = exponentialSmoothingSse(series, value(holt, "alpha"), value(holt, "beta"), 1, true);
        const double dampedSse = exponentialSmoothingSse(series, value(damped, "alpha"),
                                                         value(damped, "beta"), value(damped, "phi"), true);
        const double slack = 1 + 1e-9;
        for (int i = 1; i < 40; ++i) {
            const double alpha = i / 40.0;
            QVERIFY(sesSse <= slack * exponentialSmoothingSse(series, alpha, 0, 1, false));
            for (int j = 1; j < 20; ++j) {
                const double beta = j / 20.0;
                QVERIFY(holtSse <= slack * exponentialSmoothingSse(series, alpha, beta, 1, true));
                for (double phi : {0.8, 0.85, 0.9, 0.95, 0.98}) {
                    QVERIFY(dampedSse <= slack * exponentialSmoothingSse(series, alpha, beta, phi, true));
                }
            }
        }
        qInfo(
            "Fitted on a noisy trend: SES alpha %.4f; Holt alpha %.4f beta %.4f; damped alpha %.4f beta %.4f "
            "phi %.4f",
            value(ses, "alpha"), value(holt, "alpha"), value(holt, "beta"), value(damped, "alpha"),
            value(damped, "beta"), value(damped, "phi"));
    }

    void sesMatchesItsRecursion()
    {
        // With the fitted alpha, the level after y = 10, 12, 11 is 10 → 10 + 2a → (10 + 2a) + a(1 − 2a).
        const Forecast ses = sesForecast(seriesOf({10, 12, 11}), 1);
        const double a = ses.parameters.value(QStringLiteral("alpha"));
        const double level = 10 + 2 * a + a * (11 - (10 + 2 * a));
        QVERIFY(std::abs(ses.mean[0] - level) < 1e-12);
        // SSE(a) = 4 + (1 − 2a)², smallest at a = 0.5.
        QVERIFY(std::abs(a - 0.5) < 1e-4);
    }

    void intervalsWidenAndNest()
    {
        const DemandSeries series = seriesOf(randomWalk(200, 11, 2.0));
        const QList<Forecast> forecasts {naiveForecast(series, 12), seasonalNaiveForecast(series, 12, 4),
                                         sesForecast(series, 12), holtForecast(series, 12, false),
                                         holtForecast(series, 12, true)};
        for (const Forecast &forecast : forecasts) {
            const char *name = qPrintable(forecast.method);
            for (std::size_t i = 0; i < 12; ++i) {
                QVERIFY2(forecast.lo95[i] < forecast.lo80[i], name);
                QVERIFY2(forecast.lo80[i] < forecast.mean[i], name);
                QVERIFY2(forecast.mean[i] < forecast.hi80[i], name);
                QVERIFY2(forecast.hi80[i] < forecast.hi95[i], name);
                if (i > 0) {
                    QVERIFY2(forecast.hi95[i] - forecast.lo95[i]
                                 >= forecast.hi95[i - 1] - forecast.lo95[i - 1] - 1e-12,
                             name);
                }
            }
            QVERIFY2(forecast.hi95[11] - forecast.lo95[11] > forecast.hi95[0] - forecast.lo95[0], name);
        }
    }

    void analyticVariancesOfTheStateSpaceModels()
    {
        const DemandSeries series = seriesOf(randomWalk(150, 3, 1.0));
        // ETS(A,N,N): var_h = sigma² (1 + (h − 1) alpha²).
        const Forecast ses = sesForecast(series, 8);
        const double alpha = ses.parameters.value(QStringLiteral("alpha"));
        for (int h = 1; h <= 8; ++h) {
            const double sd = ses.sigma * std::sqrt(1 + (h - 1) * alpha * alpha);
            QVERIFY(std::abs((ses.hi80[std::size_t(h - 1)] - ses.mean[std::size_t(h - 1)])
                             - 1.2815515655446004 * sd)
                    < 1e-9);
        }
        // ETS(A,A,N): var_h = sigma² (1 + (h − 1)(a² + a b h + b² h (2h − 1) / 6)), b = alpha × classical beta.
        const Forecast holt = holtForecast(series, 8, false);
        const double a = holt.parameters.value(QStringLiteral("alpha"));
        const double b = a * holt.parameters.value(QStringLiteral("beta"));
        for (int h = 1; h <= 8; ++h) {
            const double variance = 1 + (h - 1) * (a * a + a * b * h + b * b * h * (2.0 * h - 1) / 6.0);
            const double sd = holt.sigma * std::sqrt(variance);
            QVERIFY(std::abs((holt.hi95[std::size_t(h - 1)] - holt.mean[std::size_t(h - 1)])
                             - 1.959963984540054 * sd)
                    < 1e-9);
        }
    }

    void intervalsCoverWhatTheyClaim()
    {
        // Series simulated from ETS(A,N,N) (alpha 0.3) and ETS(A,A,N) (alpha 0.4, classical beta 0.2), sd 1:
        // the fitted model's 80 % interval should cover about 80 % of the next values, 95 % about 95 %.
        std::mt19937 engine(2026);
        const auto uniform = [&] { return (double(engine()) + 0.5) / 4294967296.0; };
        const auto gaussian
            = [&] { return std::sqrt(-2.0 * std::log(uniform())) * std::cos(6.283185307179586 * uniform()); };
        const int runs = 400;
        const int length = 120;
        const int horizon = 6;
        for (const bool trend : {false, true}) {
            const double alpha = trend ? 0.4 : 0.3;
            const double beta = 0.2;
            int covered80 = 0;
            int covered95 = 0;
            for (int run = 0; run < runs; ++run) {
                std::vector<double> values;
                double level = 50;
                double slope = trend ? 0.5 : 0.0;
                for (int t = 0; t < length + horizon; ++t) {
                    const double error = gaussian();
                    values.push_back(level + slope + error);
                    const double previous = level;
                    level = level + slope + alpha * error;
                    slope = trend ? slope + beta * (level - previous - slope) : 0.0;
                }
                const std::vector<double> future(values.begin() + length, values.end());
                values.resize(std::size_t(length));
                const Forecast forecast = trend ? holtForecast(seriesOf(values), horizon, false)
                                                : sesForecast(seriesOf(values), horizon);
                for (std::size_t h = 0; h < std::size_t(horizon); ++h) {
                    covered80 += future[h] >= forecast.lo80[h] && future[h] <= forecast.hi80[h] ? 1 : 0;
                    covered95 += future[h] >= forecast.lo95[h] && future[h] <= forecast.hi95[h] ? 1 : 0;
                }
            }
            const double share80 = double(covered80) / (runs * horizon);
            const double share95 = double(covered95) / (runs * horizon);
            qInfo("%s: 80 %% interval covered %.3f, 95 %% covered %.3f of %d outcomes",
                  trend ? "ETS(A,A,N)" : "ETS(A,N,N)", share80, share95, runs * horizon);
            QVERIFY(share80 >= 0.75 && share80 <= 0.85);
            QVERIFY(share95 >= 0.91 && share95 <= 0.98);
        }
    }

    void stockoutsAreMissingNotZero()
    {
        // Demand of 10 a period; the zeros are days with nothing on the shelf.
        std::vector<double> values {10, 10, 10, 0, 0, 10, 10, 10, 10, 0, 0, 0};
        std::vector<bool> marks {false, false, false, true, true, false,
                                 false, false, false, true, true, true};
        const Forecast learntAsZero = sesForecast(seriesOf(values), 2);
        const Forecast marked = sesForecast(seriesOf(values, marks), 2);
        QVERIFY(learntAsZero.mean[0] < 9);
        QVERIFY(std::abs(marked.mean[0] - 10) < 1e-9);
        QCOMPARE(marked.sigma, 0.0);
        QCOMPARE(naiveForecast(seriesOf(values, marks), 1).mean[0], 10.0);
        QCOMPARE(naiveForecast(seriesOf(values), 1).mean[0], 0.0);
        // Holt on a rising line with two stockout periods: marked, the line is extrapolated exactly.
        std::vector<double> line {3, 5, 7, 0, 0, 13, 15, 17, 19, 21};
        std::vector<bool> lineMarks(line.size(), false);
        lineMarks[3] = lineMarks[4] = true;
        QVERIFY(std::abs(holtForecast(seriesOf(line, lineMarks), 2, false).mean[1] - 25) < 1e-9);
        QVERIFY(std::abs(holtForecast(seriesOf(line), 2, false).mean[1] - 25) > 0.5);
        // Seasonal naive keeps last season's value for a position that was out of stock this season.
        QCOMPARE(
            seasonalNaiveForecast(seriesOf({1, 2, 3, 4, 0}, {false, false, false, false, true}), 4, 4).mean,
            (std::vector<double> {2, 3, 4, 1}));
        QCOMPARE(seasonalNaiveForecast(seriesOf({1, 2, 3, 4, 0}), 4, 4).mean,
                 (std::vector<double> {2, 3, 4, 0}));
        // Croston: the stockout periods do not lengthen the interval between demands (below).
        QVERIFY(classifyDemand(seriesOf(values, marks)).adi < classifyDemand(seriesOf(values)).adi);
    }

    void crostonSbaAndTsbByHand()
    {
        const std::vector<double> values {0, 0, 3, 0, 5, 0, 0, 0, 2};
        // Croston, alpha 0.5: first demand 3 after 3 periods; then 5 after 2: size 4, interval 2.5;
        // then 2 after 4: size 3, interval 3.25. Forecast 3 / 3.25.
        const Forecast croston = crostonForecast(seriesOf(values), 3, 0.5);
        QVERIFY(std::abs(croston.mean[0] - 3.0 / 3.25) < 1e-12);
        QVERIFY(std::abs(croston.parameters.value(QStringLiteral("size")) - 3.0) < 1e-12);
        QVERIFY(std::abs(croston.parameters.value(QStringLiteral("interval")) - 3.25) < 1e-12);
        const Forecast sba = sbaForecast(seriesOf(values), 3, 0.5);
        QVERIFY(std::abs(sba.mean[2] - 0.75 * 3.0 / 3.25) < 1e-12);
        QVERIFY(sba.lo95[0] >= 0);
        // Two of the three zeros before the last demand were stockouts: the interval is 2, not 4 →
        // interval 2.5 + 0.5 (2 − 2.5) = 2.25.
        std::vector<bool> marks(values.size(), false);
        marks[5] = marks[6] = true;
        const Forecast markedCroston = crostonForecast(seriesOf(values, marks), 1, 0.5);
        QVERIFY(std::abs(markedCroston.mean[0] - 3.0 / 2.25) < 1e-12);

        // TSB, alpha = beta = 0.5 on 0, 4, 0, 2: start p = 0.5, size 3; p 0.25 → 0.625 (size 3.5) → 0.3125
        // → 0.65625 (size 2.75). Forecast 0.65625 × 2.75.
        const Forecast tsb = tsbForecast(seriesOf({0, 4, 0, 2}), 2, 0.5, 0.5);
        QVERIFY(std::abs(tsb.mean[1] - 0.65625 * 2.75) < 1e-12);
        QVERIFY(std::abs(tsb.parameters.value(QStringLiteral("probability")) - 0.65625) < 1e-12);
    }

    void classificationOfFourSeries()
    {
        const DemandClassification smooth = classifyDemand(seriesOf({10, 11, 9, 10, 12, 10, 9, 11}));
        const DemandClassification erratic = classifyDemand(seriesOf({1, 20, 1, 20, 1, 20, 1, 20}));
        const DemandClassification intermittent = classifyDemand(seriesOf({0, 0, 5, 0, 0, 5, 0, 0, 6}));
        const DemandClassification lumpy = classifyDemand(seriesOf({0, 0, 1, 0, 0, 30, 0, 0, 2}));
        QCOMPARE(smooth.demandClass, DemandClass::Smooth);
        QCOMPARE(erratic.demandClass, DemandClass::Erratic);
        QCOMPARE(intermittent.demandClass, DemandClass::Intermittent);
        QCOMPARE(lumpy.demandClass, DemandClass::Lumpy);
        QCOMPARE(erratic.adi, 1.0);
        // Sizes 1 and 20: mean 10.5, population variance 90.25.
        QVERIFY(std::abs(erratic.cv2 - 90.25 / 110.25) < 1e-12);
        QCOMPARE(intermittent.adi, 3.0);
        QCOMPARE(demandClassName(lumpy.demandClass), QStringLiteral("lumpy"));
        QCOMPARE(classifyDemand(seriesOf({0, 0, 0})).demandClass, DemandClass::Lumpy);
    }

    void accuracyMeasures()
    {
        const DemandSeries training = seriesOf({1, 3, 2, 4});
        // Lag-1 in-sample MAE: (2 + 1 + 2) / 3 = 5/3; forecast MAE (1 + 1) / 2 = 1 → MASE 0.6.
        QVERIFY(std::abs(meanAbsoluteScaledError(training, {5, 6}, {4, 7}, 1) - 0.6) < 1e-12);
        // Lag 2: (1 + 1) / 2 = 1 → MASE 1.
        QVERIFY(std::abs(meanAbsoluteScaledError(training, {5, 6}, {4, 7}, 2) - 1.0) < 1e-12);
        QVERIFY(std::isnan(meanAbsoluteScaledError(seriesOf({2, 2, 2}), {1}, {2}, 1)));
        // sMAPE: 200 · 1/9 and 200 · 1/13, averaged; a 0/0 term counts 0.
        QVERIFY(std::abs(symmetricMape({5, 6, 0}, {4, 7, 0}) - (200.0 / 9 + 200.0 / 13) / 3) < 1e-12);
        QCOMPARE(forecastBias({5, 6}, {4, 9}), 1.0);
    }

    void emptyAndShortSeriesDoNotFail()
    {
        const DemandSeries empty;
        const DemandSeries allStockout = seriesOf({0, 0}, {true, true});
        for (const DemandSeries &series : {empty, allStockout}) {
            QCOMPARE(naiveForecast(series, 2).mean, (std::vector<double> {0, 0}));
            QCOMPARE(sesForecast(series, 2).mean.size(), std::size_t(2));
            QCOMPARE(holtForecast(series, 2, true).mean.size(), std::size_t(2));
            QCOMPARE(crostonForecast(series, 2).mean.size(), std::size_t(2));
            QCOMPARE(tsbForecast(series, 2).mean.size(), std::size_t(2));
        }
        QCOMPARE(holtForecast(seriesOf({4}), 2, false).mean, (std::vector<double> {4, 4}));
        // Nonsense arguments give nothing or a fallback, never a crash or a huge allocation.
        const DemandSeries some = seriesOf({0, 3, 0, 2});
        QCOMPARE(crostonForecast(some, -3).horizon(), 0);
        QCOMPARE(tsbForecast(some, -3).horizon(), 0);
        QCOMPARE(naiveForecast(some, -3).horizon(), 0);
        QCOMPARE(sesForecast(some, -3).horizon(), 0);
        QCOMPARE(seasonalNaiveForecast(some, 3, 2147483647).mean, (std::vector<double> {2, 2, 2}));
        QCOMPARE(seasonalNaiveForecast(some, 2, 6).mean, (std::vector<double> {2, 2}));
    }

    void m4WeeklyBeatsSeasonalNaive()
    {
        const QString directory = QStringLiteral(STOCKROOM_TESTDATA "/forecast/m4_weekly/");
        QFile seriesFile(directory + QStringLiteral("series.csv"));
        QVERIFY2(seriesFile.open(QIODevice::ReadOnly | QIODevice::Text), qPrintable(seriesFile.fileName()));
        seriesFile.readLine();
        const QHash<QString, std::vector<double>> train = readValues(directory + QStringLiteral("train.csv"));
        const QHash<QString, std::vector<double>> test = readValues(directory + QStringLiteral("test.csv"));
        QList<M4Series> all;
        while (!seriesFile.atEnd() && all.size() < 20) {
            // series_id,frequency,mase_lag,h,n_train,first_period,first_test_period
            const QList<QByteArray> fields = seriesFile.readLine().trimmed().split(',');
            QCOMPARE(fields.size(), 7);
            M4Series series;
            series.id = QString::fromLatin1(fields.at(0));
            series.frequency = fields.at(1).toInt();
            series.maseLag = fields.at(2).toInt();
            series.horizon = fields.at(3).toInt();
            series.train = train.value(series.id);
            series.test = test.value(series.id);
            QCOMPARE(int(series.train.size()), fields.at(4).toInt());
            QCOMPARE(int(series.test.size()), series.horizon);
            QCOMPARE(series.horizon, 13);
            all << series;
        }
        QCOMPARE(all.size(), 20);

        const QStringList methods {QStringLiteral("snaive"), QStringLiteral("naive"), QStringLiteral("ses"),
                                   QStringLiteral("holt"), QStringLiteral("holt_damped")};
        QHash<QString, double> maseSum;
        QHash<QString, double> smapeSum;
        for (const M4Series &series : all) {
            const DemandSeries history = seriesOf(series.train);
            const QList<Forecast> forecasts {
                seasonalNaiveForecast(history, series.horizon, series.frequency),
                naiveForecast(history, series.horizon), sesForecast(history, series.horizon),
                holtForecast(history, series.horizon, false), holtForecast(history, series.horizon, true)};
            for (const Forecast &forecast : forecasts) {
                const double mase
                    = meanAbsoluteScaledError(history, series.test, forecast.mean, series.maseLag);
                QVERIFY2(std::isfinite(mase), qPrintable(series.id + QLatin1Char(' ') + forecast.method));
                maseSum[forecast.method] += mase;
                smapeSum[forecast.method] += symmetricMape(series.test, forecast.mean);
            }
        }
        for (const QString &method : methods) {
            qInfo("M4 weekly, first 20 series, h = 13: %-12s mean MASE %.4f  mean sMAPE %.3f",
                  qPrintable(method), maseSum.value(method) / 20, smapeSum.value(method) / 20);
        }
        QVERIFY(maseSum.value(QStringLiteral("holt_damped")) < 1.5 * maseSum.value(QStringLiteral("snaive")));
        QVERIFY(maseSum.value(QStringLiteral("ses")) < 1.5 * maseSum.value(QStringLiteral("snaive")));
        // The M4 files scale by lag 1, where the seasonal naive forecast is the naive one: that holds too.
        QVERIFY(maseSum.value(QStringLiteral("holt_damped")) < 1.5 * maseSum.value(QStringLiteral("naive")));
    }
};

QTEST_APPLESS_MAIN(TestForecast)
#include "tst_forecast.moc"
