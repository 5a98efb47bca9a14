// SPDX-License-Identifier: GPL-3.0-or-later
#include "seriesfile.h"

#include <QBuffer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Stockroom;

namespace {

SeriesFile read(const QByteArray &text)
{
    QByteArray copy = text;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return readSeries(buffer, QStringLiteral("series.csv"));
}

QStringList problemsOf(const SeriesFile &file)
{
    QStringList texts;
    for (const FileProblem &problem : file.problems) {
        texts << problem.toString();
    }
    return texts;
}

} // namespace

/** Series files in (`series_id,period,value`), forecasts out, and the forecast/backtest commands. */
class TestSeriesFile : public QObject
{
    Q_OBJECT

private slots:
    void integerPeriodsInAnyOrderWithGaps()
    {
        const SeriesFile file
            = read("series_id,period,value\nB,3,30\nA,2,5\nA,1,4\nA,4,7\nB,1,10\nA,5,NA\nA,6,9\n");
        QVERIFY2(file.problems.isEmpty(), qPrintable(problemsOf(file).join(QLatin1Char('\n'))));
        QCOMPARE(file.frequency, SeriesFrequency::Index);
        QCOMPARE(file.series.size(), std::size_t(2));
        QCOMPARE(file.series[0].id, QStringLiteral("B")); // the order the file first names them
        const DemandSeries &a = file.series[1].series;
        QCOMPARE(a.values.size(), std::size_t(6));
        // Period 3 is missing from the file and period 5 is NA: both unobserved, not zero.
        QVERIFY(!a.isObserved(2));
        QVERIFY(!a.isObserved(4));
        QVERIFY(a.isObserved(5));
        QCOMPARE(a.values[5], 9.0);
        QCOMPARE(a.observedCount(), std::size_t(4));
        QCOMPARE(file.series[0].series.values, (std::vector<double> {10, 0, 30}));
    }

    void datesSetTheFrequency()
    {
        const SeriesFile daily
            = read("series_id,period,value\nX,2024-02-27,1\nX,2024-02-28,2\nX,2024-03-01,4\n");
        QVERIFY(daily.problems.isEmpty());
        QCOMPARE(daily.frequency, SeriesFrequency::Daily);
        QCOMPARE(defaultSeason(daily.frequency), 7);
        QCOMPARE(daily.series[0].series.values.size(),
                 std::size_t(4)); // 2024 is a leap year: the 29th is missing
        QVERIFY(!daily.series[0].series.isObserved(2));

        const SeriesFile weekly
            = read("value,series_id,period\n5,W,2024-01-01\n6,W,2024-01-08\n8,W,2024-01-22\n");
        QVERIFY(weekly.problems.isEmpty());
        QCOMPARE(weekly.frequency, SeriesFrequency::Weekly);
        QCOMPARE(weekly.series[0].series.values.size(), std::size_t(4));
        QCOMPARE(defaultSeason(weekly.frequency), 52);

        // Month ends are 28 to 31 days apart: counted by the calendar.
        const SeriesFile monthly = read(
            "series_id,period,value\nM,2023-12-31,1\nM,2024-01-31,2\nM,2024-02-29,3\nM,2024-04-30,5\n");
        QVERIFY(monthly.problems.isEmpty());
        QCOMPARE(monthly.frequency, SeriesFrequency::Monthly);
        QCOMPARE(monthly.series[0].series.values.size(), std::size_t(5));
        QVERIFY(!monthly.series[0].series.isObserved(3));
        const SeriesFile months = read("series_id,period,value\nM,2024-11,1\nM,2025-01,3\n");
        QCOMPARE(months.frequency, SeriesFrequency::Monthly);
        QCOMPARE(months.series[0].series.values.size(), std::size_t(3));

        const SeriesFile quarters = read("series_id,period,value\nQ,2024-Q4,1\nQ,2025Q1,2\nQ,2025 Q3,4\n");
        QVERIFY(quarters.problems.isEmpty());
        QCOMPARE(quarters.frequency, SeriesFrequency::Quarterly);
        QCOMPARE(quarters.series[0].series.values.size(), std::size_t(4));
        QVERIFY(!quarters.series[0].series.isObserved(2));
        // Dates with a time of day, as databases write them: the day is the period.
        const SeriesFile stamped
            = read("series_id,period,value\nD,2024-03-01 00:00:00,1\nD,2024-03-02T00:00:00Z,2\n");
        QVERIFY(stamped.problems.isEmpty());
        QCOMPARE(stamped.frequency, SeriesFrequency::Daily);
        QCOMPARE(stamped.series[0].series.values, (std::vector<double> {1, 2}));
        const SeriesFile quarterly
            = read("series_id,period,value\nQ,2024-01-01,1\nQ,2024-04-01,2\nQ,2024-10-01,4\n");
        QCOMPARE(quarterly.frequency, SeriesFrequency::Quarterly);
        QCOMPARE(quarterly.series[0].series.values.size(), std::size_t(4));
    }

    void badRowsAreReportedByLineAndColumn()
    {
        const SeriesFile file
            = read("series_id,period,value\nA,1,4\nA,2,x\n,3,1\nA,2024-02-30,1\nA,1,5\n\"A,4,1\n");
        QVERIFY(file.series.empty()); // nothing of a bad file is used
        const QStringList problems = problemsOf(file);
        QVERIFY2(problems.contains(QStringLiteral("series.csv:3: value: \"x\" is not a number")),
                 qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY(problems.contains(QStringLiteral("series.csv:4: series_id: is empty")));
        QVERIFY(problems.filter(QStringLiteral("series.csv:5: period:")).size() == 1); // no 30 February
        QVERIFY(problems.filter(QStringLiteral("series.csv:7:")).size() == 1); // unbalanced quote

        const SeriesFile duplicate = read("series_id,period,value\nA,1,4\nA,1,5\n");
        QCOMPARE(
            problemsOf(duplicate),
            QStringList {QStringLiteral("series.csv:3: period: series A has this period already on line 2")});
        const SeriesFile mixed = read("series_id,period,value\nA,1,4\nA,2024-01-01,5\n");
        QCOMPARE(mixed.problems.size(), 1);
        QCOMPARE(mixed.problems.first().line, 3);
        const SeriesFile header = read("id,date,qty\nA,1,4\n");
        QCOMPARE(header.problems.size(), 1);
        QVERIFY(header.problems.first().message.contains(QLatin1String("series_id")));
        QCOMPARE(read("").problems.size(), 1);
        QCOMPARE(read("series_id,period,value\n").problems.size(), 1);
        // An index of 1 next to one of 10^12 would allocate a trillion periods: refused.
        QCOMPARE(read("series_id,period,value\nA,1,4\nA,1000000000000,5\n").problems.size(), 1);
        QCOMPARE(read("series_id,period,value\nA,-9223372036854775808,4\nA,9223372036854775807,5\n")
                     .problems.size(),
                 1);
    }

    void forecastsAreWrittenOneRowPerStep()
    {
        std::vector<NamedSeries> series {{QStringLiteral("a,\"b\""), 0, {}}};
        Forecast forecast;
        forecast.method = QStringLiteral("ETS(A,N,N)");
        forecast.mean = {1.5, 2};
        forecast.lo80 = {1, 1};
        forecast.hi80 = {2, 3};
        forecast.lo95 = {0.5, 0};
        forecast.hi95 = {2.5, std::nan("")};
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(writeForecasts(buffer, series, {forecast}));
        QCOMPARE(bytes,
                 QByteArray("series_id,step,mean,lo80,hi80,lo95,hi95,method\n"
                            "\"a,\"\"b\"\"\",1,1.5,1,2,0.5,2.5,\"ETS(A,N,N)\"\n"
                            "\"a,\"\"b\"\"\",2,2,1,3,0,NA,\"ETS(A,N,N)\"\n"));
    }

    void forecastAndBacktestCommands()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QString input = directory.filePath(QStringLiteral("in.csv"));
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("series_id,period,value\n");
        for (int t = 0; t < 60; ++t) {
            file.write(QStringLiteral("S1,%1,%2\nS2,%1,%3\n")
                           .arg(t)
                           .arg(100 + (t % 4) * 10)
                           .arg(t % 5 == 0 ? 3 : 0)
                           .toUtf8());
        }
        file.close();
        const QString output = directory.filePath(QStringLiteral("out.csv"));
        QProcess process;
        process.start(QStringLiteral(STOCKROOMCTL),
                      {QStringLiteral("forecast"), QStringLiteral("--input"), input,
                       QStringLiteral("--horizon"), QStringLiteral("4"), QStringLiteral("--season"),
                       QStringLiteral("4"), QStringLiteral("--out"), output});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QFile written(output);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = written.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 2 * 4);
        QCOMPARE(lines.first(), QByteArray("series_id,step,mean,lo80,hi80,lo95,hi95,method"));
        // S1 repeats 100 110 120 130: the forecast for period 60 (position 0) is about 100.
        const QList<QByteArray> first = lines.at(1).split(',');
        QCOMPARE(first.at(0), QByteArray("S1"));
        QVERIFY2(std::abs(first.at(2).toDouble() - 100) < 2, lines.at(1).constData());
        // S2 sells every fifth period: intermittent, the Croston family.
        QVERIFY(lines.at(5).startsWith("S2,1,"));
        QVERIFY2(lines.at(5).endsWith(",sba"), lines.at(5).constData());

        process.start(QStringLiteral(STOCKROOMCTL),
                      {QStringLiteral("backtest"), QStringLiteral("--input"), input,
                       QStringLiteral("--horizon"), QStringLiteral("4"), QStringLiteral("--season"),
                       QStringLiteral("4"), QStringLiteral("--origins"), QStringLiteral("3"),
                       QStringLiteral("--methods"), QStringLiteral("snaive,auto"), QStringLiteral("--json")});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const QByteArray json = process.readAllStandardOutput();
        QVERIFY2(json.contains("\"method\": \"auto\"") || json.contains("\"method\":\"auto\""),
                 json.constData());
        // Per series as well: one row per series and method.
        const QString perSeries = directory.filePath(QStringLiteral("per-series.csv"));
        process.start(QStringLiteral(STOCKROOMCTL),
                      {QStringLiteral("backtest"), QStringLiteral("--input"), input,
                       QStringLiteral("--horizon"), QStringLiteral("4"), QStringLiteral("--season"),
                       QStringLiteral("4"), QStringLiteral("--methods"), QStringLiteral("naive,sba"),
                       QStringLiteral("--per-series"), perSeries});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QFile scores(perSeries);
        QVERIFY(scores.open(QIODevice::ReadOnly));
        const QList<QByteArray> scoreLines = scores.readAll().trimmed().split('\n');
        QCOMPARE(scoreLines.size(), 1 + 2 * 2);
        QCOMPARE(scoreLines.first(), QByteArray("series_id,method,chosen,origins,mase,smape,bias"));
        QVERIFY2(scoreLines.at(1).startsWith("S1,naive,naive,1,"), scoreLines.at(1).constData());

        // A bad file: exit code 2, the problem by line, no output written.
        QFile bad(directory.filePath(QStringLiteral("bad.csv")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("series_id,period,value\nA,1,4\nA,2,four\n");
        bad.close();
        const QString badOut = directory.filePath(QStringLiteral("bad-out.csv"));
        process.start(QStringLiteral(STOCKROOMCTL),
                      {QStringLiteral("forecast"), QStringLiteral("--input"), bad.fileName(),
                       QStringLiteral("--horizon"), QStringLiteral("2"), QStringLiteral("--out"), badOut});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("bad.csv:3: value: \"four\" is not a number"));
        QVERIFY(!QFile::exists(badOut));
        process.start(QStringLiteral(STOCKROOMCTL),
                      {QStringLiteral("forecast"), QStringLiteral("--input"), input,
                       QStringLiteral("--horizon"), QStringLiteral("2"), QStringLiteral("--method"),
                       QStringLiteral("arima"), QStringLiteral("--out"), badOut});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 2);
    }
};

QTEST_MAIN(TestSeriesFile)
#include "tst_seriesfile.moc"
