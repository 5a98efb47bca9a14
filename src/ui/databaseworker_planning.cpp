// SPDX-License-Identifier: GPL-3.0-or-later
// The database thread's side of the managers' views: the Dashboard's planning figures (stock value per location,
// stock-out risks, movers, weekly sales with their trend, forecast against actual), the replenishment
// suggestions and their acceptance as drafts, and the earliest promise at order entry. Answers are maps the
// views show as they are, with numbers and money already in the user's locale.
#include "autoforecast.h"
#include "catalogrepository.h"
#include "clock.h"
#include "dashboardrepository.h"
#include "databaseworker.h"
#include "inventoryrepository.h"
#include "inventorystatus.h"
#include "labels.h"
#include "planningrepository.h"
#include "planningservice.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace Stockroom {

namespace {

/** Windows of the dashboard, in days and weeks. */
constexpr int MoverDays = 30;
constexpr int CoverDays = 28; ///< the rate a level's days of cover are counted at
constexpr int LongDays = 90; ///< slow movers' longest window, and the rate of a level with no recent sale
constexpr int SlowDays = 60;
constexpr int SalesWeeks = 26;
constexpr int HistoryWeeks = 104;
constexpr int AccuracyWeeks = 12; ///< weeks of forecast against actual
constexpr int AccuracyLead = 4; ///< weeks between a forecast and the week it forecast
constexpr int AccuracyMinTraining = 8;
constexpr int ListLength = 12;
constexpr int DefaultLeadTimeDays = 7; ///< as replenishment assumes for a product never bought

QString dayStart(const QDate &day)
{
    return toStoredTime(QDateTime(day, QTime(0, 0), QTimeZone::utc()));
}

QString number(double value, int decimals)
{
    return QLocale().toString(value, 'f', decimals);
}

QString units(qint64 value)
{
    return QLocale().toString(value);
}

QString shortDay(const QDate &day)
{
    return QLocale().toString(day, QLocale::ShortFormat);
}

/**
 * A day without its year in the user's short format ("02/12", "02.12", "12/2"): the locale's short date with the
 * year and its separator taken out, since QLocale has no day-and-month format.
 */
QString dayMonth(const QDate &day)
{
    QString format = QLocale().dateFormat(QLocale::ShortFormat);
    static const QRegularExpression year(QStringLiteral("[^dM]*y+[^dM]*"));
    const QRegularExpressionMatch match = year.match(format);
    if (match.hasMatch()) {
        const bool atEnd = match.capturedEnd() == format.size();
        QString separator = match.captured();
        separator.remove(QLatin1Char('y'));
        // "dd.MM.yy" keeps its trailing dot ("02.12."), "yyyy-MM-dd" and "dd/MM/yyyy" lose theirs.
        format.replace(match.capturedStart(), match.capturedLength(),
                       atEnd && separator.trimmed() == QLatin1String(".") ? QStringLiteral(".") : QString());
    }
    return QLocale().toString(day, format);
}

/** Noon of a day as the charts take it: a date axis shows the day whichever time zone it draws in. */
QDateTime chartDate(const QDate &day)
{
    return QDateTime(day, QTime(12, 0));
}

QVariantList locationValues(const QList<LocationValue> &values, qint64 &total)
{
    QVariantList rows;
    total = 0;
    for (const LocationValue &value : values) {
        total += value.valueCents;
    }
    for (const LocationValue &value : values) {
        if (value.units <= 0) {
            continue; // an empty or closed location has no bar
        }
        const double share = total > 0 ? 100.0 * double(value.valueCents) / double(total) : 0.0;
        rows << QVariantMap {{QStringLiteral("code"), value.locationCode},
                             {QStringLiteral("name"), value.locationName},
                             {QStringLiteral("units"), value.units},
                             {QStringLiteral("valueCents"), value.valueCents},
                             {QStringLiteral("value"), Labels::money(value.valueCents)},
                             {QStringLiteral("share"),
                              DatabaseWorker::tr("%1 %", "@info share in percent").arg(number(share, 0))}};
    }
    return rows;
}

/**
 * Levels whose stock lasts fewer days than a purchase takes to arrive. Cover is what the level will have
 * (available + on order + in transit) at the rate its orders took in the last CoverDays days, or in the last
 * LongDays when none came lately (a level that ran out gets no orders routed to it, so its recent rate is 0).
 */
QVariantList stockOutRisks(const QList<StockLevelRow> &levels, const QList<PlanningLevel> &active,
                           const QHash<QPair<qint64, qint64>, LevelDemand> &demand,
                           const QHash<qint64, PlanningSupplier> &suppliers, const QDate &today, int &count)
{
    struct Risk
    {
        const StockLevelRow *level;
        double rate;
        double cover;
        int leadTime;
        bool supplierKnown;
    };
    QSet<qint64> activeIds;
    for (const PlanningLevel &location : active) {
        activeIds.insert(location.locationId);
    }
    QList<Risk> risks;
    for (const StockLevelRow &level : levels) {
        if (!activeIds.contains(level.locationId)) {
            continue;
        }
        const LevelDemand sold = demand.value({level.productId, level.locationId});
        const double rate
            = sold.recentUnits > 0 ? double(sold.recentUnits) / CoverDays : double(sold.longUnits) / LongDays;
        if (rate <= 0) {
            continue; // nothing sells there: no cover to run out of
        }
        const bool known = suppliers.contains(level.productId);
        const int leadTime = known ? suppliers.value(level.productId).leadTimeDays : DefaultLeadTimeDays;
        const double cover = std::max(0, level.projected()) / rate;
        // A level already out is a risk even when the supplier delivers the same day (lead time 0).
        if (cover < std::max(leadTime, 1)) {
            risks << Risk {&level, rate, cover, leadTime, known};
        }
    }
    // The level that runs out first is the most urgent; among those already out, the one losing most a day.
    std::sort(risks.begin(), risks.end(), [](const Risk &a, const Risk &b) {
        if (a.cover != b.cover) {
            return a.cover < b.cover;
        }
        if (a.rate != b.rate) {
            return a.rate > b.rate;
        }
        return std::pair(a.level->sku, a.level->locationCode)
            < std::pair(b.level->sku, b.level->locationCode);
    });
    count = int(risks.size());
    QVariantList rows;
    for (const Risk &risk : risks.mid(0, ListLength)) {
        const StockLevelRow &level = *risk.level;
        const QString outText = risk.cover < 0.5
            ? DatabaseWorker::tr("now", "@info stock-out risk: already out")
            : dayMonth(today.addDays(qint64(std::floor(risk.cover))));
        rows << QVariantMap {{QStringLiteral("sku"), level.sku},
                             {QStringLiteral("productId"), level.productId},
                             {QStringLiteral("name"), level.productName},
                             {QStringLiteral("location"), level.locationCode},
                             {QStringLiteral("locationId"), level.locationId},
                             {QStringLiteral("available"), level.available()},
                             {QStringLiteral("projected"), level.projected()},
                             {QStringLiteral("cover"), risk.cover},
                             {QStringLiteral("coverText"), number(risk.cover, 1)},
                             {QStringLiteral("leadTime"), risk.leadTime},
                             {QStringLiteral("leadTimeText"),
                              risk.supplierKnown
                                  ? QString::number(risk.leadTime)
                                  : DatabaseWorker::tr("%1?", "@info lead time assumed: no supplier known")
                                        .arg(risk.leadTime)},
                             {QStringLiteral("rate"), risk.rate},
                             {QStringLiteral("rateText"), number(risk.rate, 1)},
                             {QStringLiteral("outText"), outText}};
    }
    return rows;
}

QVariantList topMovers(QList<ProductSales> sales)
{
    std::sort(sales.begin(), sales.end(), [](const ProductSales &a, const ProductSales &b) {
        return a.recentUnits != b.recentUnits ? a.recentUnits > b.recentUnits : a.sku < b.sku;
    });
    QVariantList rows;
    for (const ProductSales &product : std::as_const(sales)) {
        if (product.recentUnits <= 0 || rows.size() >= ListLength) {
            break;
        }
        QString change;
        if (product.previousUnits > 0) {
            const double percent
                = 100.0 * double(product.recentUnits - product.previousUnits) / double(product.previousUnits);
            change = DatabaseWorker::tr("%1%2 %", "@info change against the 30 days before: sign, percent")
                         .arg(percent >= 0 ? QStringLiteral("+") : QString(QChar(0x2212)))
                         .arg(number(std::abs(percent), 0));
        } else {
            change = DatabaseWorker::tr("new", "@info no sales in the 30 days before");
        }
        rows << QVariantMap {{QStringLiteral("sku"), product.sku},
                             {QStringLiteral("productId"), product.productId},
                             {QStringLiteral("name"), product.name},
                             {QStringLiteral("units"), product.recentUnits},
                             {QStringLiteral("unitsText"), units(product.recentUnits)},
                             {QStringLiteral("previousUnits"), product.previousUnits},
                             {QStringLiteral("change"), change},
                             {QStringLiteral("rising"), product.recentUnits >= product.previousUnits}};
    }
    return rows;
}

struct Slow
{
    StockedProduct product;
    QString lastSoldAt; ///< empty: none within LongDays (filled in later for the ones shown)
};

/** Stocked products with no order in the last SlowDays days, most money tied up first. */
QList<Slow> slowMovers(const QList<StockedProduct> &stocked, const QList<ProductSales> &sales,
                       const QDate &today, qint64 &valueCents)
{
    QHash<qint64, QString> lastSold;
    for (const ProductSales &product : sales) {
        lastSold.insert(product.productId, product.lastSoldAt);
    }
    const QString cutoff = dayStart(today.addDays(-SlowDays));
    QList<Slow> slow;
    valueCents = 0;
    for (const StockedProduct &product : stocked) {
        const QString last = lastSold.value(product.productId);
        if (!last.isEmpty() && last >= cutoff) {
            continue;
        }
        slow << Slow {product, last};
        valueCents += product.valueCents;
    }
    std::sort(slow.begin(), slow.end(), [](const Slow &a, const Slow &b) {
        return a.product.valueCents != b.product.valueCents ? a.product.valueCents > b.product.valueCents
                                                            : a.product.sku < b.product.sku;
    });
    return slow;
}

QVariantMap slowRow(const Slow &slow, const QDate &today)
{
    QString since;
    int idleDays = -1;
    if (slow.lastSoldAt.isEmpty()) {
        since = DatabaseWorker::tr("never sold", "@info slow mover");
    } else {
        const QDate last = fromStoredTime(slow.lastSoldAt).date();
        idleDays = int(last.daysTo(today));
        since = DatabaseWorker::tr("last sold %1", "@info slow mover: a date").arg(shortDay(last));
    }
    return QVariantMap {{QStringLiteral("sku"), slow.product.sku},
                        {QStringLiteral("productId"), slow.product.productId},
                        {QStringLiteral("name"), slow.product.name},
                        {QStringLiteral("onHand"), slow.product.onHand},
                        {QStringLiteral("onHandText"), units(slow.product.onHand)},
                        {QStringLiteral("valueCents"), slow.product.valueCents},
                        {QStringLiteral("value"), Labels::money(slow.product.valueCents)},
                        {QStringLiteral("idleDays"), idleDays},
                        {QStringLiteral("over90"), idleDays < 0 || idleDays >= LongDays},
                        {QStringLiteral("since"), since}};
}

/** Whole weeks (Monday first) from the first with a sale to the last that is over, oldest first. */
struct Weeks
{
    QList<QDate> starts;
    std::vector<double> units;
    std::vector<qint64> revenue;
};

Weeks weeklySales(const QList<DaySales> &days, const QDate &first, const QDate &end)
{
    Weeks weeks;
    QDate start;
    for (const DaySales &day : days) {
        if (day.units > 0) {
            start = periodStart(day.day, DemandFrequency::Week);
            break;
        }
    }
    if (!start.isValid()) {
        return weeks;
    }
    start = std::max(start, first);
    for (QDate week = start; week.addDays(7) <= end; week = week.addDays(7)) {
        weeks.starts << week;
    }
    weeks.units.assign(std::size_t(weeks.starts.size()), 0.0);
    weeks.revenue.assign(std::size_t(weeks.starts.size()), 0);
    for (const DaySales &day : days) {
        const qint64 index = start.daysTo(day.day) / 7;
        if (day.day >= start && index < weeks.starts.size()) {
            weeks.units[std::size_t(index)] += double(day.units);
            weeks.revenue[std::size_t(index)] += day.revenueCents;
        }
    }
    return weeks;
}

/** The last SalesWeeks weeks with a least-squares line through them, and a sentence about the trend. */
void salesWithTrend(const Weeks &weeks, QVariantMap &insights)
{
    const qsizetype n = std::min<qsizetype>(SalesWeeks, weeks.starts.size());
    const qsizetype first = weeks.starts.size() - n;
    double meanX = 0;
    double meanY = 0;
    for (qsizetype i = 0; i < n; ++i) {
        meanX += double(i);
        meanY += weeks.units[std::size_t(first + i)];
    }
    double slope = 0;
    if (n > 0) {
        meanX /= double(n);
        meanY /= double(n);
        double sxy = 0;
        double sxx = 0;
        for (qsizetype i = 0; i < n; ++i) {
            sxy += (double(i) - meanX) * (weeks.units[std::size_t(first + i)] - meanY);
            sxx += (double(i) - meanX) * (double(i) - meanX);
        }
        slope = sxx > 0 ? sxy / sxx : 0;
    }
    const double intercept = meanY - slope * meanX;
    QVariantList rows;
    qint64 revenue = 0;
    qint64 total = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const std::size_t at = std::size_t(first + i);
        revenue += weeks.revenue[at];
        total += qint64(weeks.units[at]);
        rows << QVariantMap {{QStringLiteral("date"), chartDate(weeks.starts.at(first + i))},
                             {QStringLiteral("units"), weeks.units[at]},
                             {QStringLiteral("revenueCents"), weeks.revenue[at]},
                             {QStringLiteral("trend"), intercept + slope * double(i)}};
    }
    insights.insert(QStringLiteral("weeks"), rows);
    insights.insert(QStringLiteral("salesSlope"), slope);
    insights.insert(QStringLiteral("salesUnits"), total);
    if (n < 2) {
        insights.insert(QStringLiteral("salesText"),
                        DatabaseWorker::tr("Not enough whole weeks of sales for a trend yet.", "@info"));
        return;
    }
    const double start = intercept;
    const double end = intercept + slope * double(n - 1);
    QString trend = DatabaseWorker::tr("trend %1%2 units a week", "@info sign, units")
                        .arg(slope >= 0 ? QStringLiteral("+") : QString(QChar(0x2212)))
                        .arg(number(std::abs(slope), 1));
    if (start > 0) {
        const double percent = 100.0 * (end - start) / start;
        trend += DatabaseWorker::tr(" (%1%2 % over %n week(s))", "@info sign, percent", int(n))
                     .arg(percent >= 0 ? QStringLiteral("+") : QString(QChar(0x2212)))
                     .arg(number(std::abs(percent), 0));
    }
    insights.insert(QStringLiteral("salesText"),
                    DatabaseWorker::tr("%1 units, %2; %3", "@info units, revenue; trend")
                        .arg(units(total), Labels::money(revenue), trend));
}

/**
 * Forecast against actual on the total weekly demand: each of the last AccuracyWeeks whole weeks as the
 * engine forecast it AccuracyLead weeks before (from the weeks before that only), then the coming weeks as
 * it forecasts them now; MASE (scaled by the in-sample naive error of the first origin's history) and bias.
 */
void forecastAgainstActual(const Weeks &weeks, QVariantMap &insights)
{
    const int n = int(weeks.starts.size());
    const int evaluated = std::min(AccuracyWeeks, n - AccuracyLead - AccuracyMinTraining + 1);
    if (evaluated < 1) {
        insights.insert(QStringLiteral("accuracy"), QVariantList());
        insights.insert(QStringLiteral("accuracyText"),
                        DatabaseWorker::tr("Forecasts are scored once there are %n whole week(s) of sales "
                                           "(now %1).",
                                           "@info", AccuracyLead + AccuracyMinTraining)
                            .arg(n));
        return;
    }
    const auto optionsFor = [](std::size_t observed) {
        ForecastOptions options;
        options.season = observed >= 2 * 52 ? 52 : 1;
        return options;
    };
    QVariantList points;
    std::vector<double> actual;
    std::vector<double> forecast;
    std::vector<double> naive; ///< the week before the forecast, held: what the engine has to beat
    const int firstTarget = n - evaluated;
    for (int target = firstTarget; target < n; ++target) {
        // Known at the forecast: the weeks up to AccuracyLead before the target; the target is the last step.
        DemandSeries history;
        history.values.assign(weeks.units.cbegin(), weeks.units.cbegin() + (target - AccuracyLead + 1));
        const Forecast made = forecastSeries(history, AccuracyLead, optionsFor(history.values.size()));
        const double said = made.mean.empty() ? 0.0 : std::max(0.0, made.mean.back());
        actual.push_back(weeks.units[std::size_t(target)]);
        forecast.push_back(said);
        naive.push_back(history.values.back());
        points << QVariantMap {{QStringLiteral("date"), chartDate(weeks.starts.at(target))},
                               {QStringLiteral("actual"), weeks.units[std::size_t(target)]},
                               {QStringLiteral("forecast"), said}};
    }
    // What the engine says now of the weeks to come, from every whole week.
    DemandSeries all;
    all.values = weeks.units;
    const Forecast ahead = forecastSeries(all, AccuracyLead, optionsFor(all.values.size()));
    for (int step = 0; step < ahead.horizon(); ++step) {
        points << QVariantMap {
            {QStringLiteral("date"), chartDate(weeks.starts.last().addDays(7 * (step + 1)))},
            {QStringLiteral("forecast"), std::max(0.0, ahead.mean[std::size_t(step)])}};
    }
    DemandSeries training;
    training.values.assign(weeks.units.cbegin(), weeks.units.cbegin() + (firstTarget - AccuracyLead + 1));
    const int lag = optionsFor(training.values.size()).season;
    const double mase = meanAbsoluteScaledError(training, actual, forecast, lag);
    const double naiveMase = meanAbsoluteScaledError(training, actual, naive, lag);
    const double bias = forecastBias(actual, forecast);
    double meanActual = 0;
    for (double value : actual) {
        meanActual += value;
    }
    meanActual /= double(actual.size());
    insights.insert(QStringLiteral("accuracy"), points);
    insights.insert(QStringLiteral("accuracyMase"), mase);
    insights.insert(QStringLiteral("accuracyNaiveMase"), naiveMase);
    insights.insert(QStringLiteral("accuracyBias"), bias);
    insights.insert(QStringLiteral("accuracyMethod"), ahead.method);
    // Scaled by the one-week naive error in-sample, a forecast four weeks ahead scores above 1 as a rule: the fair
    // yardstick is the naive forecast made at the same moments.
    const QString maseText = std::isfinite(mase) && std::isfinite(naiveMase)
        ? DatabaseWorker::tr("MASE %1 (naive %2)", "@info forecast accuracy against a naive forecast")
              .arg(number(mase, 2), number(naiveMase, 2))
        : DatabaseWorker::tr("MASE not defined (flat history)", "@info");
    QString biasText = DatabaseWorker::tr("bias %1%2 units a week", "@info sign, units")
                           .arg(bias >= 0 ? QStringLiteral("+") : QString(QChar(0x2212)))
                           .arg(number(std::abs(bias), 1));
    if (meanActual > 0) {
        biasText += QStringLiteral(" (%1%2 %)")
                        .arg(bias >= 0 ? QStringLiteral("+") : QString(QChar(0x2212)))
                        .arg(number(100.0 * std::abs(bias) / meanActual, 1));
    }
    insights.insert(QStringLiteral("accuracyText"),
                    DatabaseWorker::tr("%n week(s) forecast %1 weeks ahead: %2, %3; now %4.",
                                       "@info weeks scored, lead, MASE, bias, method", evaluated)
                        .arg(AccuracyLead)
                        .arg(maseText, biasText, ahead.method));
}

PlanningOptions planningOptions(double serviceLevel, double reviewDays)
{
    PlanningOptions options;
    options.serviceLevel = serviceLevel;
    options.reviewPeriodDays = reviewDays;
    return options;
}

QString coverText(double days)
{
    return std::isfinite(days) ? QLocale().toString(days, 'f', 1) : QStringLiteral("∞");
}

/** One line under a suggestion: the numbers behind it. */
QString planDetail(const ReplenishmentPlan &plan, const QString &method)
{
    return DatabaseWorker::tr("projected %1 · reorder point %2 · up to %3 · cover %4 d · lead time %5 d · %6",
                              "@info replenishment numbers; the last is the forecast method")
        .arg(plan.projected)
        .arg(plan.reorderPointUnits)
        .arg(plan.orderUpToUnits)
        .arg(coverText(plan.daysOfCover))
        .arg(plan.input.leadTimeDays)
        .arg(method);
}

/** A draft as the dialog lists it; kind is the change log's entity (and Session::showDocument's kind). */
QVariantMap documentEntry(DocumentKind kind, qint64 id, const QString &number, const QString &text)
{
    return QVariantMap {{QStringLiteral("kind"), changeEntity(kind)},
                        {QStringLiteral("id"), id},
                        {QStringLiteral("number"), number},
                        {QStringLiteral("text"), text}};
}

} // namespace

void DatabaseWorker::fetchDashboardInsights(quint64 request, const QDate &today)
{
    QElapsedTimer timer;
    timer.start();
    QVariantMap insights;
    const QString error = withDatabase([&](Database &db) {
        struct Read
        {
            QList<LocationValue> values;
            QList<StockLevelRow> levels;
            QList<PlanningLevel> active;
            QHash<QPair<qint64, qint64>, LevelDemand> demand;
            QHash<qint64, PlanningSupplier> suppliers;
            QList<ProductSales> sales;
            QList<StockedProduct> stocked;
            QList<DaySales> days;
        };
        const QDate firstWeek = periodStart(today.addDays(-7 * HistoryWeeks), DemandFrequency::Week);
        const QDate thisWeek = periodStart(today, DemandFrequency::Week);
        // One snapshot: the figures of one refresh add up with each other.
        Result<Read> read = db.read<Read>([&]() -> Result<Read> {
            Read r;
            DashboardRepository dashboard(db);
            PlanningRepository planning(db);
            StockRepository stock(db);
            STOCKROOM_TRY(values, stock.valuation());
            r.values = values;
            StockGridFilter filter;
            filter.limit = 1'000'000;
            STOCKROOM_TRY(levels, stock.grid(filter));
            r.levels = levels;
            STOCKROOM_TRY(active, planning.activeLocations());
            r.active = active;
            STOCKROOM_TRY(demand,
                          dashboard.levelDemand(dayStart(today.addDays(-LongDays)),
                                                dayStart(today.addDays(-CoverDays))));
            r.demand = demand;
            STOCKROOM_TRY(suppliers, planning.lastSuppliers());
            r.suppliers = suppliers;
            STOCKROOM_TRY(sales,
                          dashboard.productSales(dayStart(today.addDays(-LongDays)),
                                                 dayStart(today.addDays(-2 * MoverDays)),
                                                 dayStart(today.addDays(-MoverDays))));
            r.sales = sales;
            STOCKROOM_TRY(stocked, dashboard.stockedProducts());
            r.stocked = stocked;
            STOCKROOM_TRY(days, dashboard.dailySales(dayStart(firstWeek), dayStart(thisWeek)));
            r.days = days;
            return r;
        });
        if (!read) {
            return read.error().message;
        }
        qint64 total = 0;
        insights.insert(QStringLiteral("locations"), locationValues(read->values, total));
        insights.insert(QStringLiteral("stockValueCents"), total);
        insights.insert(QStringLiteral("stockValue"), Labels::money(total));
        int riskCount = 0;
        insights.insert(
            QStringLiteral("risks"),
            stockOutRisks(read->levels, read->active, read->demand, read->suppliers, today, riskCount));
        insights.insert(QStringLiteral("riskCount"), riskCount);
        insights.insert(QStringLiteral("movers"), topMovers(read->sales));

        qint64 slowValue = 0;
        const QList<Slow> slow = slowMovers(read->stocked, read->sales, today, slowValue);
        QList<Slow> shown = slow.mid(0, ListLength);
        QList<qint64> unknown;
        for (const Slow &entry : std::as_const(shown)) {
            if (entry.lastSoldAt.isEmpty()) {
                unknown << entry.product.productId;
            }
        }
        // Before the window read above: the few shown ones only, each on its index.
        Result<QHash<qint64, QString>> last = DashboardRepository(db).lastOrdered(unknown);
        if (!last) {
            return last.error().message;
        }
        QVariantList slowRows;
        for (Slow &entry : shown) {
            if (entry.lastSoldAt.isEmpty()) {
                entry.lastSoldAt = last->value(entry.product.productId);
            }
            slowRows << slowRow(entry, today);
        }
        insights.insert(QStringLiteral("slow"), slowRows);
        insights.insert(QStringLiteral("slowCount"), int(slow.size()));
        insights.insert(QStringLiteral("slowValueCents"), slowValue);
        insights.insert(QStringLiteral("slowValue"), Labels::money(slowValue));

        const Weeks weeks = weeklySales(read->days, firstWeek, thisWeek);
        salesWithTrend(weeks, insights);
        forecastAgainstActual(weeks, insights);
        return QString();
    });
    if (!error.isEmpty()) {
        Q_EMIT failed(request, error);
        return;
    }
    // The Dashboard reads this at most once a second while changes stream in: it has to stay cheap.
    qCDebug(lcUi) << "dashboard figures read in" << timer.elapsed() << "ms";
    Q_EMIT dashboardInsightsFetched(request, insights);
}

void DatabaseWorker::fetchReplenishment(quint64 request, qint64 locationId, double serviceLevel,
                                        double reviewDays)
{
    QVariantMap answer;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), m_userName, m_role};
        const Result<ReplenishmentReport> report
            = PlanningService(context).replenishment(locationId, planningOptions(serviceLevel, reviewDays));
        if (!report) {
            if (report.error().kind == Error::Kind::Database) {
                return report.error().message;
            }
            answer = {{QStringLiteral("ok"), false}, {QStringLiteral("message"), report.error().message}};
            return QString();
        }
        QVariantList rows;
        for (const SupplierSuggestions &group : report->purchases) {
            const bool known = group.supplier.id != 0;
            const QString title = known
                ? tr("%1 · lead time %n day(s) · %2", "@title supplier, lead time, order value",
                     group.supplier.leadTimeDays)
                      .arg(group.supplier.name, Labels::money(group.valueCents))
                : tr("No supplier known yet · %1", "@title order value").arg(Labels::money(group.valueCents));
            for (const PurchaseSuggestion &line : group.lines) {
                const ReplenishmentPlan &plan = line.plan;
                rows << QVariantMap {
                    {QStringLiteral("id"), line.id},
                    {QStringLiteral("kind"), QStringLiteral("buy")},
                    {QStringLiteral("group"), QStringLiteral("buy:%1").arg(group.supplier.id)},
                    {QStringLiteral("groupTitle"), title},
                    {QStringLiteral("supplierKnown"), known},
                    {QStringLiteral("sku"), plan.input.sku},
                    {QStringLiteral("name"), line.productName},
                    {QStringLiteral("location"), plan.input.locationCode},
                    {QStringLiteral("qty"), line.qty},
                    {QStringLiteral("value"), Labels::money(qint64(line.qty) * line.unitCostCents)},
                    {QStringLiteral("reason"), plan.reason},
                    {QStringLiteral("detail"), planDetail(plan, line.forecastMethod)}};
            }
        }
        CatalogRepository catalog(db);
        const QString transfersTitle
            = tr("Transfers between locations · %n suggestion(s)", "@title", int(report->transfers.size()));
        for (const TransferProposal &proposal : report->transfers) {
            const TransferSuggestion &move = proposal.transfer;
            const Result<std::optional<ProductRecord>> product = catalog.productBySku(move.sku);
            rows << QVariantMap {
                {QStringLiteral("id"), proposal.id},
                {QStringLiteral("kind"), QStringLiteral("move")},
                {QStringLiteral("group"), QStringLiteral("move")},
                {QStringLiteral("groupTitle"), transfersTitle},
                {QStringLiteral("supplierKnown"), true},
                {QStringLiteral("sku"), move.sku},
                {QStringLiteral("name"), product && *product ? (*product)->name : QString()},
                {QStringLiteral("location"),
                 tr("%1 → %2", "@info transfer from → to").arg(move.fromLocationCode, move.toLocationCode)},
                {QStringLiteral("qty"), move.qty},
                {QStringLiteral("value"), QString()},
                {QStringLiteral("reason"), move.reason},
                {QStringLiteral("detail"), QString()}};
        }
        int atRisk = 0;
        for (const ReplenishmentPlan &plan : report->plans) {
            atRisk += plan.atRisk() ? 1 : 0;
        }
        QStringList suppliers;
        Result<QList<PlanningSupplier>> known = PlanningRepository(db).suppliers();
        if (!known) {
            return known.error().message;
        }
        for (const PlanningSupplier &supplier : std::as_const(*known)) {
            suppliers << supplier.name;
        }
        answer = {{QStringLiteral("ok"), true},
                  {QStringLiteral("rows"), rows},
                  {QStringLiteral("plans"), int(report->plans.size())},
                  {QStringLiteral("atRisk"), atRisk},
                  {QStringLiteral("suppliers"), suppliers}};
        return QString();
    });
    if (!error.isEmpty()) {
        Q_EMIT failed(request, error);
        return;
    }
    Q_EMIT replenishmentFetched(request, answer);
}

void DatabaseWorker::acceptSuggestions(quint64 request, const QStringList &ids,
                                       const QStringList &unknownSupplierIds, const QString &supplier,
                                       qint64 locationId, double serviceLevel, double reviewDays,
                                       const QString &user)
{
    QVariantList documents;
    QStringList acceptedIds;
    QStringList problems;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), user, m_role};
        PlanningService planning(context);
        const PlanningOptions options = planningOptions(serviceLevel, reviewDays);
        // Suggestions with their own supplier as they are; the others with the supplier the manager named (the
        // service's override would apply to every purchase of the call).
        const QList<QPair<QStringList, QString>> calls {{ids, QString()}, {unknownSupplierIds, supplier}};
        for (const auto &[wanted, supplierName] : calls) {
            if (wanted.isEmpty()) {
                continue;
            }
            const Result<AcceptedSuggestions> accepted
                = planning.accept(wanted, locationId, options, supplierName);
            if (!accepted) {
                if (accepted.error().kind == Error::Kind::Database && documents.isEmpty()) {
                    return accepted.error().message;
                }
                problems << accepted.error().message;
                continue;
            }
            acceptedIds << wanted;
            for (const PurchaseOrder &po : accepted->purchaseOrders) {
                documents << documentEntry(
                    DocumentKind::PurchaseOrder, po.id, po.number,
                    tr("%1: %2 for %3, %n line(s)", "@info a draft purchase order", int(po.lines.size()))
                        .arg(po.number, po.supplier, po.locationCode));
            }
            for (const Transfer &transfer : accepted->transfers) {
                documents << documentEntry(
                    DocumentKind::Transfer, transfer.id, transfer.number,
                    tr("%1: %2 → %3, %n line(s)", "@info a draft transfer", int(transfer.lines.size()))
                        .arg(transfer.number, transfer.fromCode, transfer.toCode));
            }
        }
        return QString();
    });
    QVariantMap result {{QStringLiteral("documents"), documents},
                        {QStringLiteral("acceptedIds"), acceptedIds}};
    if (!error.isEmpty()) {
        problems << error;
    }
    result.insert(QStringLiteral("ok"), problems.isEmpty());
    result.insert(QStringLiteral("message"), problems.join(QLatin1Char('\n')));
    Q_EMIT suggestionsAccepted(request, result);
}

void DatabaseWorker::checkPromise(quint64 request, const QString &sku, int qty, const QString &locationCode,
                                  int days)
{
    QVariantMap answer {{QStringLiteral("sku"), sku}, {QStringLiteral("qty"), qty}};
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), m_userName, m_role};
        PlanningService planning(context);
        const auto refuse = [&](const Error &problem) {
            if (problem.kind == Error::Kind::Database) {
                return problem.message;
            }
            answer.insert(QStringLiteral("state"), QStringLiteral("error"));
            answer.insert(QStringLiteral("text"), problem.message);
            return QString();
        };
        const auto target = planning.target(sku.trimmed(), locationCode);
        if (!target) {
            return refuse(target.error());
        }
        const qint64 locationId = target->second ? target->second->id : 0;
        const Result<Promise> promise = planning.earliestPromise(target->first.id, qty, locationId, days);
        if (!promise) {
            return refuse(promise.error());
        }
        const QDate today = context.clock.now().date();
        QStringList from;
        QStringList parts;
        for (const PromiseSource &source : promise->sources) {
            if (!from.contains(source.locationCode)) {
                from << source.locationCode;
            }
            parts << (source.date == today ? tr("%1 from %2 today", "@info units, location")
                                                 .arg(source.qty)
                                                 .arg(source.locationCode)
                                           : tr("%1 from %2 on %3", "@info units, location, date")
                                                 .arg(source.qty)
                                                 .arg(source.locationCode, shortDay(source.date)));
        }
        QString state;
        QString text;
        if (promise->possible && promise->date == today) {
            state = QStringLiteral("now");
            text = tr("Available now from %1", "@info locations").arg(from.join(QStringLiteral(", ")));
        } else if (promise->possible) {
            state = QStringLiteral("later");
            text = tr("Earliest promise: %1 from %2", "@info date, locations")
                       .arg(QLocale().toString(promise->date, QLocale::LongFormat),
                            from.join(QStringLiteral(", ")));
        } else {
            state = QStringLiteral("none");
            text = tr("Not within %n week(s): only %1 by %2", "@info units, date", (days + 6) / 7)
                       .arg(promise->coveredWithinHorizon)
                       .arg(shortDay(today.addDays(days - 1)));
        }
        answer.insert(QStringLiteral("state"), state);
        answer.insert(QStringLiteral("text"), text);
        answer.insert(QStringLiteral("detail"), parts.join(QStringLiteral(", ")));
        answer.insert(QStringLiteral("date"), promise->date);
        answer.insert(QStringLiteral("explanation"), promise->explanation);
        return QString();
    });
    if (!error.isEmpty()) {
        answer.insert(QStringLiteral("state"), QStringLiteral("error"));
        answer.insert(QStringLiteral("text"), error);
    }
    Q_EMIT promiseChecked(request, answer);
}

} // namespace Stockroom
