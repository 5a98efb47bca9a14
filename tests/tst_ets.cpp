// SPDX-License-Identifier: GPL-3.0-or-later
#include "autoforecast.h"
#include "ets.h"
#include "etskernel.h"

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

/** Gaussian draws by Box–Muller on mt19937, so the numbers do not depend on the standard library. */
class Gaussian
{
public:
    explicit Gaussian(unsigned seed)
        : m_engine(seed)
    {
    }
    double operator()()
    {
        const double u1 = (double(m_engine()) + 0.5) / 4294967296.0;
        const double u2 = (double(m_engine()) + 0.5) / 4294967296.0;
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

private:
    std::mt19937 m_engine;
};

/** A series from ETS(M,N,N): y = l (1 + e), l ← l (1 + alpha e), e ~ N(0, sigma²). */
std::vector<double> multiplicativeSeries(Gaussian &gaussian, int length, double alpha, double sigma)
{
    std::vector<double> values;
    double level = 100;
    for (int t = 0; t < length; ++t) {
        const double e = sigma * gaussian();
        values.push_back(level * (1 + e));
        level *= 1 + alpha * e;
    }
    return values;
}

bool near(double a, double b, double tolerance = 1e-9)
{
    return std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b));
}

} // namespace

/** The exponential smoothing state-space family: recursions by hand, selection, intervals, batches. */
class TestEts : public QObject
{
    Q_OBJECT

private slots:
    void modelCodes()
    {
        QCOMPARE((EtsModel {'M', 'D', 'A', 12}.code()), QStringLiteral("ETS(M,Ad,A)"));
        const std::optional<EtsModel> model = EtsModel::fromCode(QStringLiteral("ets(a,ad,m)"), 4);
        QVERIFY(model);
        QCOMPARE(model->error, 'A');
        QCOMPARE(model->trend, 'D');
        QCOMPARE(model->season, 'M');
        QCOMPARE(model->period, 4);
        QVERIFY(!EtsModel::fromCode(QStringLiteral("ETS(A,N,A)"), 1)); // a season needs a cycle
        QVERIFY(!EtsModel::fromCode(QStringLiteral("ETS(X,N,N)"), 1));
        // alpha, level, sigma² | + beta, trend | + phi | + gamma and m − 1 seasonal states.
        QCOMPARE((EtsModel {'A', 'N', 'N', 1}.parameterCount()), 3);
        QCOMPARE((EtsModel {'A', 'D', 'N', 1}.parameterCount()), 6);
        QCOMPARE((EtsModel {'M', 'A', 'M', 12}.parameterCount()), 17);
        QVERIFY(isForecastMethod(QStringLiteral("ETS(M,Ad,M)")));
        QVERIFY(isForecastMethod(QStringLiteral("sba")));
        QVERIFY(!isForecastMethod(QStringLiteral("arima")));
    }

    void simpleSmoothingByHand()
    {
        // ETS(A,N,N), alpha 0.5 on 10 12 11 13 12 14: the initial level is the mean of the first (up to 10)
        // values, 12; errors −2, 1, −0.5, 1.75, −0.125, 1.9375 move it to 11, 11.5, 11.25, 12.125, 12.0625
        // and 13.03125; SSE = 12.08203125.
        const DemandSeries series = seriesOf({10, 12, 11, 13, 12, 14});
        const EtsFit fit = evaluateEts(series, EtsModel {'A', 'N', 'N', 1}, 0.5, 0, 0, 1);
        QVERIFY(fit.valid);
        QVERIFY(near(fit.level, 13.03125));
        const double sse = 12.08203125;
        QVERIFY(near(fit.logLikelihood, -0.5 * 6 * std::log(sse)));
        QVERIFY(near(fit.aic, 6 * std::log(sse) + 2 * 3));
        QVERIFY(near(fit.aicc, fit.aic + 2.0 * 3 * 4 / (6 - 3 - 1)));
        QVERIFY(near(fit.sigma2, sse / (6 - 3)));
        // Intervals of ETS(A,N,N): sd_h = sigma · sqrt(1 + (h − 1) alpha²).
        const Forecast forecast = etsForecast(fit, 3);
        const double sigma = std::sqrt(sse / 3);
        for (int h = 1; h <= 3; ++h) {
            const std::size_t i = std::size_t(h - 1);
            QVERIFY(near(forecast.mean[i], 13.03125));
            QVERIFY(near(forecast.hi95[i] - forecast.mean[i],
                         1.959963984540054 * sigma * std::sqrt(1 + (h - 1) * 0.25)));
            QVERIFY(near(forecast.mean[i] - forecast.lo80[i],
                         1.2815515655446004 * sigma * std::sqrt(1 + (h - 1) * 0.25)));
        }
    }

    void trendModelByHand()
    {
        // ETS(A,A,N), alpha 0.5, beta 0.2 (state space) on 10 12 11 13 12 14 13 15: l0 and b0 from the
        // least-squares line through t = 1..8 → l0 = 9.928571…, b0 = 0.571428…; the recursion by hand
        // (python, 17 digits) ends at l = 14.49627496071…, b = 0.60718268714…, SSE = 8.73006381978…
        const DemandSeries series = seriesOf({10, 12, 11, 13, 12, 14, 13, 15});
        const EtsFit fit = evaluateEts(series, EtsModel {'A', 'A', 'N', 1}, 0.5, 0.2, 0, 1);
        QVERIFY(fit.valid);
        QVERIFY(near(fit.level, 14.496274960714286, 1e-9));
        QVERIFY(near(fit.trend, 0.6071826871428572, 1e-9));
        QVERIFY(near(fit.logLikelihood, -0.5 * 8 * std::log(8.730063819783517), 1e-9));
        const Forecast forecast = etsForecast(fit, 2);
        QVERIFY(near(forecast.mean[0], 14.496274960714286 + 0.6071826871428572, 1e-9));
        QVERIFY(near(forecast.mean[1], 14.496274960714286 + 2 * 0.6071826871428572, 1e-9));
        // h = 2: c_1 = alpha + beta = 0.7.
        const double sigma = std::sqrt(fit.sigma2);
        QVERIFY(near(forecast.hi95[1] - forecast.mean[1], 1.959963984540054 * sigma * std::sqrt(1 + 0.49)));
    }

    void seasonalStatesByHand()
    {
        // ETS(A,N,A), period 2, alpha 0.5, gamma 0.25 on 8 12 9 13 10 14 11 15. Classical decomposition of
        // the first three cycles: the centred 2×2 moving averages 10.25, 10.75, 11.25, 11.75 at t = 1..4
        // leave 1.75, −1.75, 1.75, −1.75, so the seasonal states start at −1.75 (even t) and +1.75 (odd t);
        // the adjusted values 9.75 … 13.25 average l0 = 11.5.
        const DemandSeries series = seriesOf({8, 12, 9, 13, 10, 14, 11, 15});
        const EtsFit fit = evaluateEts(series, EtsModel {'A', 'N', 'A', 2}, 0.5, 0, 0.25, 1);
        QVERIFY(fit.valid);
        // Run the recursion here the long way and compare final states.
        double level = 11.5;
        std::vector<double> season {-1.75, 1.75};
        for (int t = 0; t < 8; ++t) {
            double &s = season[std::size_t(t % 2)];
            const double error = series.values[std::size_t(t)] - (level + s);
            level += 0.5 * error;
            s += 0.25 * error;
        }
        QVERIFY(near(fit.level, level));
        // The next period is cycle position 8 mod 2 = 0.
        QVERIFY(near(fit.season[0], season[0]));
        QVERIFY(near(fit.season[1], season[1]));
        const Forecast forecast = etsForecast(fit, 3);
        QVERIFY(near(forecast.mean[0], level + season[0]));
        QVERIFY(near(forecast.mean[1], level + season[1]));
        QVERIFY(near(forecast.mean[2], level + season[0]));
    }

    void fittingFindsTheLikelihoodOptimum()
    {
        // The fitted alpha's log-likelihood is at least that of every alpha on a grid (the optimiser may
        // land between grid points, never below them).
        Gaussian gaussian(7);
        std::vector<double> values;
        double level = 50;
        for (int t = 0; t < 200; ++t) {
            const double e = gaussian();
            values.push_back(level + e);
            level += 0.35 * e;
        }
        const DemandSeries series = seriesOf(values);
        const EtsFit fit = fitEts(series, EtsModel {'A', 'N', 'N', 1});
        QVERIFY(fit.valid);
        for (double alpha = 0.01; alpha < 1.0; alpha += 0.01) {
            const EtsFit grid = evaluateEts(series, EtsModel {'A', 'N', 'N', 1}, alpha, 0, 0, 1);
            QVERIFY2(fit.logLikelihood >= grid.logLikelihood - 1e-6, qPrintable(QString::number(alpha)));
        }
        QVERIFY(std::abs(fit.alpha - 0.35) < 0.15);
    }

    void selectionFindsTheStructure()
    {
        Gaussian gaussian(11);
        // A strong additive season of 4 on a flat level: a seasonal model wins.
        std::vector<double> seasonal;
        const double pattern[] = {-20, 5, 25, -10};
        for (int t = 0; t < 120; ++t) {
            seasonal.push_back(200 + pattern[t % 4] + 3 * gaussian());
        }
        const EtsFit season = selectEts(seriesOf(seasonal), 4);
        QVERIFY(season.valid);
        QVERIFY2(season.model.seasonal(), qPrintable(season.model.code()));
        // A random walk without drift or season: no trend, no season.
        std::vector<double> walk;
        double level = 500;
        for (int t = 0; t < 150; ++t) {
            level += 4 * gaussian();
            walk.push_back(level);
        }
        const EtsFit flat = selectEts(seriesOf(walk), 4);
        QVERIFY(flat.valid);
        QVERIFY2(!flat.model.seasonal(), qPrintable(flat.model.code()));
        QVERIFY(flat.alpha > 0.8); // a random walk is SES with alpha near 1
        // A series with zeros cannot have multiplicative components.
        std::vector<double> withZero = seasonal;
        withZero[10] = 0;
        for (const EtsModel &model : etsCandidates(seriesOf(withZero), 4)) {
            QVERIFY(model.error == 'A' && model.season != 'M');
        }
        // Too short for a season: only non-seasonal candidates.
        for (const EtsModel &model : etsCandidates(seriesOf({1, 2, 3, 4, 5, 6, 7}), 4)) {
            QVERIFY(!model.seasonal());
        }
    }

    void simulatedIntervalsCoverWhatTheyClaim()
    {
        // ETS(M,N,N) has no closed-form intervals that hold far ahead: they come from sample paths. Over
        // 300 simulated series the 80 % interval of the fitted model should cover 75–85 % of the outcomes.
        Gaussian gaussian(2027);
        const int runs = 300;
        const int horizon = 6;
        int covered80 = 0;
        int covered95 = 0;
        for (int run = 0; run < runs; ++run) {
            std::vector<double> values = multiplicativeSeries(gaussian, 120 + horizon, 0.3, 0.1);
            const std::vector<double> future(values.end() - horizon, values.end());
            values.resize(values.size() - std::size_t(horizon));
            const EtsFit fit = fitEts(seriesOf(values), EtsModel {'M', 'N', 'N', 1});
            QVERIFY(fit.valid);
            const Forecast forecast = etsForecast(fit, horizon);
            // sigma in units, not the model's relative one: planners multiply it by z.
            QVERIFY(near(forecast.sigma, std::sqrt(fit.sigma2) * forecast.mean[0], 1e-12));
            for (std::size_t h = 0; h < std::size_t(horizon); ++h) {
                covered80 += future[h] >= forecast.lo80[h] && future[h] <= forecast.hi80[h] ? 1 : 0;
                covered95 += future[h] >= forecast.lo95[h] && future[h] <= forecast.hi95[h] ? 1 : 0;
            }
        }
        const double share80 = double(covered80) / (runs * horizon);
        const double share95 = double(covered95) / (runs * horizon);
        qInfo("ETS(M,N,N) simulated intervals: 80 %% covered %.3f, 95 %% covered %.3f", share80, share95);
        QVERIFY(share80 >= 0.75 && share80 <= 0.85);
        QVERIFY(share95 >= 0.91 && share95 <= 0.98);
    }

    void simulatedIntervalsStayIndependentFarAhead()
    {
        // Daily forecasts a year ahead from sample paths. Near a random walk (alpha ≈ 1) the band's width
        // grows like √h: from step 128 to 256 by √2. Paths that re-used their first 128 draws after the
        // table of drawn numbers ran out would grow by 2 there.
        Gaussian gaussian(31);
        const std::vector<double> values = multiplicativeSeries(gaussian, 400, 0.95, 0.01);
        const EtsFit fit = fitEts(seriesOf(values), EtsModel {'M', 'N', 'N', 1});
        QVERIFY(fit.valid);
        QVERIFY(fit.alpha > 0.8);
        const Forecast forecast = etsForecast(fit, 300);
        const auto width = [&](std::size_t step) {
            double sum = 0;
            for (std::size_t h = step - 3; h <= step + 3; ++h) {
                sum += forecast.hi80[h - 1] - forecast.lo80[h - 1];
            }
            return sum / 7;
        };
        const double ratio = width(256) / width(128);
        qInfo("80 %% band width at step 256 / step 128: %.3f (√2 = 1.414)", ratio);
        QVERIFY(ratio > 1.3 && ratio < 1.55);
    }

    void demandForecastsAreNeverNegative()
    {
        // A falling non-negative series: the linear trend would cross zero; demand cannot.
        std::vector<double> values;
        for (int t = 0; t < 40; ++t) {
            values.push_back(std::max(0.0, 40.0 - t));
        }
        const Forecast forecast
            = forecastSeries(seriesOf(values), 20, ForecastOptions {QStringLiteral("ETS(A,A,N)"), 1});
        for (std::size_t h = 0; h < forecast.mean.size(); ++h) {
            QVERIFY(forecast.mean[h] >= 0);
            QVERIFY(forecast.lo95[h] >= 0);
        }
    }

    void autoChoosesByDemandClass()
    {
        // Intermittent demand (most periods zero) goes to the Croston family, smooth demand to ETS.
        std::vector<double> intermittent(80, 0.0);
        for (std::size_t t = 3; t < intermittent.size(); t += 4) {
            intermittent[t] = 5 + double(t % 3);
        }
        const Forecast sparse = forecastSeries(seriesOf(intermittent), 4, ForecastOptions {});
        QCOMPARE(sparse.method, QStringLiteral("sba"));
        Gaussian gaussian(5);
        std::vector<double> smooth;
        for (int t = 0; t < 80; ++t) {
            smooth.push_back(50 + 2 * gaussian());
        }
        const Forecast dense = forecastSeries(seriesOf(smooth), 4, ForecastOptions {});
        QVERIFY2(dense.method.startsWith(QLatin1String("ETS(")), qPrintable(dense.method));
        QVERIFY(dense.parameters.contains(QStringLiteral("adi")));
        // A forced method is used as asked.
        QCOMPARE(forecastSeries(seriesOf(smooth), 4, ForecastOptions {QStringLiteral("tsb"), 1}).method,
                 QStringLiteral("tsb"));
        QCOMPARE(
            forecastSeries(seriesOf(smooth), 4, ForecastOptions {QStringLiteral("holt_winters_additive"), 4})
                .method,
            QStringLiteral("ETS(A,A,A)"));
        // A seasonal model asked for without a season is fitted without it, and says so.
        QCOMPARE(
            forecastSeries(seriesOf(smooth), 4, ForecastOptions {QStringLiteral("ETS(A,A,A)"), 1}).method,
            QStringLiteral("ETS(A,A,N)"));
        QCOMPARE(forecastSeries(seriesOf(smooth), 4,
                                ForecastOptions {QStringLiteral("holt_winters_multiplicative"), 1})
                     .method,
                 QStringLiteral("ETS(M,A,N)"));
        // Too short for any model: the naive forecast, not a failure.
        const Forecast tiny = forecastSeries(seriesOf({3, 4}), 2, ForecastOptions {QStringLiteral("ets"), 1});
        QCOMPARE(tiny.mean, (std::vector<double> {4, 4}));
    }

    void stockoutsAreNotLearnt()
    {
        // Stockout periods recorded as zero sales must not pull the level down.
        std::vector<double> values(60, 20.0);
        std::vector<bool> stockout(60, false);
        Gaussian gaussian(3);
        for (double &v : values) {
            v += gaussian();
        }
        for (std::size_t t = 45; t < 60; ++t) {
            values[t] = 0;
            stockout[t] = true;
        }
        const EtsFit fit = fitEts(seriesOf(values, stockout), EtsModel {'A', 'N', 'N', 1});
        QVERIFY(fit.valid);
        QCOMPARE(fit.observations, 45);
        QVERIFY2(fit.level > 17 && fit.level < 23, qPrintable(QString::number(fit.level)));
    }

    void batchesAreDeterministicOnAnyThreadCount()
    {
        Gaussian gaussian(99);
        std::vector<DemandSeries> batch;
        for (int s = 0; s < 24; ++s) {
            std::vector<double> values = multiplicativeSeries(gaussian, 60 + s, 0.2, 0.15);
            for (std::size_t t = 0; t < values.size(); ++t) {
                values[t] *= 1.0 + 0.3 * ((t % 4) == 0 ? 1 : 0);
            }
            batch.push_back(seriesOf(values));
        }
        const ForecastOptions options {QStringLiteral("auto"), 4};
        const std::vector<Forecast> one = forecastMany(batch, 8, options, 1);
        const std::vector<Forecast> three = forecastMany(batch, 8, options, 3);
        QCOMPARE(one.size(), batch.size());
        for (std::size_t i = 0; i < batch.size(); ++i) {
            QCOMPARE(one[i].method, three[i].method);
            QCOMPARE(one[i].mean, three[i].mean); // bit for bit
            QCOMPARE(one[i].hi95, three[i].hi95);
            // And the same as forecasting the series alone, after others.
            QCOMPARE(forecastSeries(batch[i], 8, options).lo80, one[i].lo80);
        }
    }

    void kernelCopiesAgreeBitForBit()
    {
        // The AVX2 copy of the smoothing kernel is chosen at run time; it must give the baseline's bits,
        // or a forecast would depend on the processor it ran on.
#if defined(__x86_64__) || defined(__i386__)
        if (!__builtin_cpu_supports("avx2")) {
            QSKIP("no AVX2 on this processor");
        }
        Gaussian gaussian(17);
        std::vector<double> values = multiplicativeSeries(gaussian, 300, 0.2, 0.1);
        std::vector<unsigned char> observed(values.size(), 1);
        observed[40] = 0;
        EtsKernel::Lanes season0[4];
        EtsKernel::Lanes level0;
        EtsKernel::Lanes trend0;
        for (int k = 0; k < EtsKernel::laneCount; ++k) {
            const double seasons[4] = {0.9, 1.1, 1.05, 0.95};
            for (int j = 0; j < 4; ++j) {
                season0[j][k] = seasons[j] + 0.01 * k;
            }
            level0[k] = 100 + k;
            trend0[k] = 0.5 - 0.1 * k;
        }
        EtsKernel::Parameters p[EtsKernel::laneCount];
        for (int k = 0; k < EtsKernel::laneCount; ++k) {
            p[k] = EtsKernel::Parameters {0.1 + 0.2 * k, 0.01 + 0.02 * k, 0.05, 0.9 + 0.02 * k};
        }
        for (const char *code : {"ETS(M,Ad,M)", "ETS(A,A,A)", "ETS(M,N,N)", "ETS(A,Ad,N)"}) {
            const EtsModel model = *EtsModel::fromCode(QString::fromLatin1(code), 4);
            EtsKernel::Lanes scratch[4];
            EtsKernel::Pass baseline[EtsKernel::laneCount];
            EtsKernel::Pass avx2[EtsKernel::laneCount];
            EtsKernel::runBaseline(model, values.data(), observed.data(), int(values.size()), p, level0,
                                   trend0, season0, scratch, baseline);
            EtsKernel::runAvx2(model, values.data(), observed.data(), int(values.size()), p, level0, trend0,
                               season0, scratch, avx2);
            for (int k = 0; k < EtsKernel::laneCount; ++k) {
                QVERIFY(baseline[k].ok);
                QCOMPARE(baseline[k].count, 299);
                QCOMPARE(avx2[k].sse, baseline[k].sse);
                QCOMPARE(avx2[k].sumLogForecast, baseline[k].sumLogForecast);
            }
        }
#else
        QSKIP("the AVX2 copy exists on x86 only");
#endif
    }

    void rollingOriginBacktest()
    {
        // 1..30 with the naive method, horizon 2, 3 origins 2 apart: every origin's forecast misses by 1 and
        // 2 (MAE 1.5) and the in-sample naive error is 1: MASE 1.5, bias −1.5.
        std::vector<double> values;
        for (int t = 1; t <= 30; ++t) {
            values.push_back(t);
        }
        const BacktestScore score
            = backtestSeries(seriesOf(values), 2, ForecastOptions {QStringLiteral("naive"), 1}, 3, 2, 1);
        QCOMPARE(score.origins, 3);
        QVERIFY(near(score.mase, 1.5));
        QVERIFY(near(score.bias, -1.5));
        const std::vector<BacktestScore> many = backtestMany(
            {seriesOf(values), seriesOf(values)}, 2, ForecastOptions {QStringLiteral("naive"), 1}, 3, 2, 1);
        QCOMPARE(many.size(), std::size_t(2));
        QVERIFY(near(many[1].mase, 1.5));
        // Asking for more origins than the series holds stops at the start of the series.
        QVERIFY(backtestSeries(seriesOf(values), 2, ForecastOptions {QStringLiteral("naive"), 1}, 100, 2, 1)
                    .origins
                < 100);
    }

    void m4WeeklyAutoBeatsSeasonalNaive()
    {
        // The first 40 M4 weekly series (the full 359 are the bench's; this is the test-sized check).
        const QString directory = QStringLiteral(STOCKROOM_TESTDATA "/forecast/m4_weekly/");
        QHash<QString, std::vector<double>> train;
        QHash<QString, std::vector<double>> test;
        QStringList order;
        for (const auto &[name, target] : {std::pair {QStringLiteral("train.csv"), &train},
                                           std::pair {QStringLiteral("test.csv"), &test}}) {
            QFile file(directory + name);
            QVERIFY2(file.open(QIODevice::ReadOnly | QIODevice::Text), qPrintable(file.fileName()));
            file.readLine();
            while (!file.atEnd()) {
                const QList<QByteArray> fields = file.readLine().trimmed().split(',');
                const QString id = QString::fromLatin1(fields.at(0));
                if (target == &train && !train.contains(id)) {
                    order << id;
                }
                (*target)[id].push_back(fields.at(2).toDouble());
            }
        }
        order = order.mid(0, 40);
        std::vector<DemandSeries> histories;
        for (const QString &id : order) {
            histories.push_back(seriesOf(train.value(id)));
        }
        const std::vector<Forecast> automatic
            = forecastMany(histories, 13, ForecastOptions {QStringLiteral("auto"), 52});
        double autoMase = 0;
        double snaiveMase = 0;
        for (std::size_t i = 0; i < histories.size(); ++i) {
            const std::vector<double> &actual = test.value(order.at(int(i)));
            QCOMPARE(int(actual.size()), 13);
            autoMase += meanAbsoluteScaledError(histories[i], actual, automatic[i].mean, 1);
            snaiveMase += meanAbsoluteScaledError(histories[i], actual,
                                                  seasonalNaiveForecast(histories[i], 13, 52).mean, 1);
        }
        qInfo("M4 weekly, first 40 series: auto mean MASE %.4f, seasonal naive %.4f", autoMase / 40,
              snaiveMase / 40);
        QVERIFY(autoMase < snaiveMase);
    }
};

QTEST_APPLESS_MAIN(TestEts)
#include "tst_ets.moc"
