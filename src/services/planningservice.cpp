// SPDX-License-Identifier: GPL-3.0-or-later
#include "planningservice.h"

#include "access.h"

#include "autoforecast.h"
#include "fulfilmentrepository.h"
#include "orderstatus.h"
#include "purchaseservice.h"
#include "transferservice.h"

#include <QMap>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace Stockroom {

namespace {

constexpr int ChangesPage = 2000;
/** Transfers whose transit time teaches a route's: the latest ones, as routes and carriers change. */
constexpr int RouteSamples = 10;
constexpr double Z80 = 1.2815515655446004;
constexpr double Z95 = 1.959963984540054;

QString dayStart(const QDate &day)
{
    return toStoredTime(QDateTime(day, QTime(0, 0), QTimeZone::utc()));
}

qint64 msecsOf(const QDate &day)
{
    return QDateTime(day, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

/** The index of the period that holds the day (periods: first days, ascending), or -1 before the first. */
qsizetype periodIndex(const QList<QDate> &periods, const QDate &day)
{
    const auto after = std::upper_bound(periods.cbegin(), periods.cend(), day);
    return after - periods.cbegin() - 1;
}

/** The history of one product × location (0: all) inside the caller's read transaction. */
Result<DemandHistory> readHistory(PlanningRepository &repository, qint64 productId, qint64 locationId,
                                  DemandFrequency frequency, const QDate &from, const QDate &to,
                                  const QDate &today)
{
    DemandHistory history;
    history.productId = productId;
    history.locationId = locationId;
    history.frequency = frequency;
    // Only whole periods that are over: the one running today would look like a drop in demand.
    const QDate end = std::min(to, today);
    STOCKROOM_TRY(first, repository.firstActivity(productId, locationId));
    if (first.isEmpty() || !from.isValid() || !end.isValid()) {
        return history;
    }
    const QDateTime firstAt = fromStoredTime(first);
    QDate start = periodStart(from, frequency);
    start = std::max(start, periodStart(firstAt.date(), frequency));
    for (QDate period = start; nextPeriodStart(period, frequency) <= end;
         period = nextPeriodStart(period, frequency)) {
        history.periods << period;
    }
    const qsizetype n = history.periods.size();
    if (n == 0) {
        return history;
    }
    history.series.values.assign(std::size_t(n), 0.0);
    history.series.stockout.assign(std::size_t(n), false);
    history.outShare.assign(std::size_t(n), 0.0);

    std::vector<qint64> bounds;
    bounds.reserve(std::size_t(n) + 1);
    for (const QDate &period : std::as_const(history.periods)) {
        bounds.push_back(msecsOf(period));
    }
    const QDate after = nextPeriodStart(history.periods.last(), frequency);
    bounds.push_back(msecsOf(after));
    const QString fromText = dayStart(history.periods.first());
    const QString toText = dayStart(after);

    STOCKROOM_TRY(days, repository.dailyDemand(productId, locationId, false, fromText, toText));
    for (const DayQuantity &day : std::as_const(days)) {
        const qsizetype index = periodIndex(history.periods, day.day);
        if (index >= 0 && index < n) {
            history.series.values[std::size_t(index)] += day.units;
        }
    }

    // Time with nothing available, period by period, walking the ledger from the first period on.
    const qint64 historyStart = std::max(bounds.front(), firstAt.toMSecsSinceEpoch());
    std::vector<qint64> zero(std::size_t(n), 0);
    std::size_t cursorPeriod = 0;
    const auto addZero = [&](qint64 a, qint64 b) {
        a = std::max(a, historyStart);
        b = std::min(b, bounds.back());
        while (cursorPeriod + 1 < bounds.size() - 1 && bounds[cursorPeriod + 1] <= a) {
            ++cursorPeriod;
        }
        for (std::size_t i = cursorPeriod; i < std::size_t(n) && bounds[i] < b; ++i) {
            const qint64 overlap = std::min(b, bounds[i + 1]) - std::max(a, bounds[i]);
            if (overlap > 0) {
                zero[i] += overlap;
            }
        }
    };
    STOCKROOM_TRY(opening, repository.availableBefore(productId, locationId, fromText));
    qint64 available = 0;
    for (int units : std::as_const(opening)) {
        available += units;
    }
    qint64 cursor = bounds.front();
    QString afterAt;
    qint64 afterId = 0;
    for (;;) {
        STOCKROOM_TRY(changes,
                      repository.availabilityChanges(productId, locationId, fromText, toText, afterAt,
                                                     afterId, ChangesPage));
        for (const AvailabilityChange &change : std::as_const(changes)) {
            const qint64 at
                = std::clamp(fromStoredTime(change.at).toMSecsSinceEpoch(), bounds.front(), bounds.back());
            if (available <= 0) {
                addZero(cursor, at);
            }
            available += change.delta;
            cursor = std::max(cursor, at);
        }
        if (changes.size() < ChangesPage) {
            break;
        }
        afterAt = changes.last().at;
        afterId = changes.last().id;
    }
    if (available <= 0) {
        addZero(cursor, bounds.back());
    }
    for (qsizetype i = 0; i < n; ++i) {
        const qint64 span = bounds[std::size_t(i) + 1] - std::max(bounds[std::size_t(i)], historyStart);
        const double share = span > 0 ? double(zero[std::size_t(i)]) / double(span) : 0.0;
        history.outShare[std::size_t(i)] = share;
        history.series.stockout[std::size_t(i)] = share >= 0.5;
    }
    return history;
}

/** The forecast the planner uses for a history: the engine's automatic choice, yearly season when seen twice. */
Forecast forecastOf(const DemandHistory &history, int horizon, const PlanningOptions &options)
{
    ForecastOptions forecastOptions;
    forecastOptions.method = options.forecastMethod;
    const int cycle = history.frequency == DemandFrequency::Week ? 52
        : history.frequency == DemandFrequency::Month            ? 12
                                                                 : 7;
    forecastOptions.season = history.series.observedCount() >= std::size_t(2 * cycle) ? cycle : 1;
    double observedDemand = 0;
    for (std::size_t i = 0; i < history.series.values.size(); ++i) {
        observedDemand += history.series.isObserved(i) ? history.series.values[i] : 0.0;
    }
    // Nothing was ever sold there: no method has anything to learn, the forecast is none.
    if (history.series.observedCount() == 0 || observedDemand <= 0) {
        Forecast none;
        none.method = QStringLiteral("none");
        none.mean.assign(std::size_t(horizon), 0.0);
        none.lo80 = none.hi80 = none.lo95 = none.hi95 = none.mean;
        return none;
    }
    return forecastSeries(history.series, horizon, forecastOptions);
}

/** Supply arriving at a location on a day. */
struct Arrival
{
    QDate date;
    qint64 locationId = 0;
    int qty = 0;
    AtpEvent::Kind kind = AtpEvent::Kind::PurchaseArrival;
    QString reference;
    bool estimated = false;
    bool overdue = false;
    QString fromCode; ///< transfers: where they come from
};

/** Units a waiting order line takes from an arrival. */
struct Fill
{
    QDate date;
    qint64 locationId = 0;
    qint64 orderId = 0; ///< 0: the order being promised
    int qty = 0;
};

struct WaitingLine
{
    qint64 orderId = 0;
    int remaining = 0;
    QStringList shipFrom;
};

/** Everything committed about one product: stock per location, supply on its way, backorders waiting. */
struct Commitments
{
    QDate today;
    QDate horizonEnd; ///< first day after the horizon
    QList<PlanningLevel> locations; ///< active, by priority
    QHash<qint64, PlanningLevel> levels; ///< by location id (active locations with a level row)
    QList<Arrival> arrivals; ///< within the horizon, by date, priority
    QList<WaitingLine> waiting; ///< in the order the filler serves them
    int waitingUnits = 0;

    const PlanningLevel *location(qint64 id) const
    {
        for (const PlanningLevel &level : locations) {
            if (level.locationId == id) {
                return &level;
            }
        }
        return nullptr;
    }
    QString code(qint64 id) const
    {
        const PlanningLevel *level = location(id);
        return level ? level->locationCode : QString();
    }
    int availableNow(qint64 id) const
    {
        const auto found = levels.constFind(id);
        return found == levels.cend() ? 0 : std::max(0, found->onHand - found->reserved);
    }
};

Result<Commitments> readCommitments(Database &db, qint64 productId, const QDate &today, int days,
                                    const PlanningOptions &options)
{
    PlanningRepository repository(db);
    Commitments c;
    c.today = today;
    c.horizonEnd = today.addDays(days);
    STOCKROOM_TRY(locations, repository.activeLocations());
    c.locations = locations;
    STOCKROOM_TRY(levels, repository.levels(productId));
    for (const PlanningLevel &level : std::as_const(levels)) {
        if (c.location(level.locationId)) {
            c.levels.insert(level.locationId, level);
        }
    }
    const auto place = [&](Arrival arrival) {
        if (!c.location(arrival.locationId)) {
            return; // an inactive location sells nothing
        }
        if (arrival.date < today) {
            arrival.overdue = true;
            arrival.date = today;
        }
        if (arrival.date < c.horizonEnd) {
            c.arrivals << arrival;
        }
    };
    STOCKROOM_TRY(purchases, repository.openPurchaseLines(productId));
    for (const OpenPurchaseLine &line : std::as_const(purchases)) {
        Arrival arrival;
        arrival.locationId = line.locationId;
        arrival.qty = line.outstanding;
        arrival.kind = AtpEvent::Kind::PurchaseArrival;
        arrival.reference = purchaseOrderNumber(line.purchaseOrderId);
        arrival.date = QDate::fromString(line.expectedAt, Qt::ISODate);
        if (!arrival.date.isValid()) {
            // No date from the supplier: ordered + their usual lead time.
            arrival.estimated = true;
            arrival.date = fromStoredTime(line.orderedAt).date().addDays(line.supplierLeadTimeDays);
        }
        place(arrival);
    }
    STOCKROOM_TRY(transit, repository.transitLines(productId));
    QHash<QPair<qint64, qint64>, int> routeDays;
    for (const TransitLine &line : std::as_const(transit)) {
        const QPair<qint64, qint64> route {line.fromLocationId, line.toLocationId};
        if (!routeDays.contains(route)) {
            // The schema keeps no expected date for transfers: the median of the route's recent transit
            // times, or the default when the route was never travelled.
            STOCKROOM_TRY(times,
                          repository.transferTimes(line.fromLocationId, line.toLocationId, RouteSamples));
            std::vector<qint64> spans;
            for (const auto &[shipped, received] : std::as_const(times)) {
                spans.push_back(fromStoredTime(shipped).date().daysTo(fromStoredTime(received).date()));
            }
            int daysOnRoute = options.transferDays;
            if (!spans.empty()) {
                std::sort(spans.begin(), spans.end());
                daysOnRoute = int(spans[spans.size() / 2]);
            }
            routeDays.insert(route, std::max(0, daysOnRoute));
        }
        Arrival arrival;
        arrival.locationId = line.toLocationId;
        arrival.qty = line.inTransit;
        arrival.kind = AtpEvent::Kind::TransferArrival;
        arrival.reference = transferNumber(line.transferId);
        arrival.estimated = true;
        arrival.date = fromStoredTime(line.shippedAt).date().addDays(routeDays.value(route));
        arrival.fromCode = c.code(line.fromLocationId);
        place(arrival);
    }
    std::stable_sort(c.arrivals.begin(), c.arrivals.end(), [&](const Arrival &a, const Arrival &b) {
        if (a.date != b.date) {
            return a.date < b.date;
        }
        return c.location(a.locationId)->priority < c.location(b.locationId)->priority;
    });
    FulfilmentRepository fulfilment(db);
    STOCKROOM_TRY(waiting, fulfilment.waitingBackorders(productId));
    for (const WaitingBackorder &line : std::as_const(waiting)) {
        c.waiting << WaitingLine {line.orderId, line.qtyBackordered, line.shipFrom};
        c.waitingUnits += line.qtyBackordered;
    }
    return c;
}

/**
 * Arrivals in date order fill the waiting lines as BackorderFiller does: at an arrival, each line in
 * placement order that may ship from there takes what is available there, until nothing is.
 */
QList<Fill> simulateArrivals(const Commitments &c, QHash<qint64, int> &available, QList<WaitingLine> &waiting)
{
    QList<Fill> fills;
    for (const Arrival &arrival : c.arrivals) {
        int &here = available[arrival.locationId];
        here += arrival.qty;
        const QString code = c.code(arrival.locationId);
        for (WaitingLine &line : waiting) {
            if (line.remaining <= 0) {
                continue;
            }
            if (!line.shipFrom.isEmpty() && !line.shipFrom.contains(code)) {
                continue;
            }
            const int take = std::min(line.remaining, here);
            if (take <= 0) {
                break;
            }
            line.remaining -= take;
            here -= take;
            fills << Fill {arrival.date, arrival.locationId, line.orderId, take};
        }
    }
    return fills;
}

QHash<qint64, int> availableNow(const Commitments &c)
{
    QHash<qint64, int> available;
    for (const PlanningLevel &location : c.locations) {
        available.insert(location.locationId, c.availableNow(location.locationId));
    }
    return available;
}

/** The band after forecast demand: the forecast spread evenly over the days of each of its periods. */
void applyBand(QList<AtpPoint> &points, const ForecastBand &band)
{
    const Forecast &forecast = band.forecast;
    if (forecast.mean.empty() || points.isEmpty()) {
        return;
    }
    const QDate first = periodStart(band.start, band.frequency);
    double cumulativeMean = 0;
    double cumulativeVariance = 0;
    for (AtpPoint &point : points) {
        // Periods from the band's first to this day's.
        int step = 0;
        for (QDate period = first; nextPeriodStart(period, band.frequency) <= point.date;
             period = nextPeriodStart(period, band.frequency)) {
            ++step;
        }
        const std::size_t index = std::min(std::size_t(step), forecast.mean.size() - 1);
        const QDate start = periodStart(point.date, band.frequency);
        const double length = double(start.daysTo(nextPeriodStart(start, band.frequency)));
        const double mean = std::max(0.0, forecast.mean[index]);
        double sd = forecast.sigma;
        if (index < forecast.hi95.size() && index < forecast.lo95.size()
            && forecast.hi95[index] > forecast.lo95[index]) {
            sd = (forecast.hi95[index] - forecast.lo95[index]) / (2 * Z95);
        }
        // Days of one period counted as independent: the period's variance spread evenly over them.
        cumulativeMean += mean / length;
        cumulativeVariance += sd * sd / length;
        const double spread = Z80 * std::sqrt(cumulativeVariance);
        point.afterForecast = point.available - cumulativeMean;
        point.afterForecastLo = point.available - (cumulativeMean + spread);
        point.afterForecastHi = point.available - std::max(0.0, cumulativeMean - spread);
    }
}

QString sourceText(const PromiseSource &source, const QDate &today)
{
    return source.date == today
        ? PlanningService::tr("%1 from %2 today").arg(source.qty).arg(source.locationCode)
        : PlanningService::tr("%1 from %2 on %3")
              .arg(source.qty)
              .arg(source.locationCode, source.date.toString(Qt::ISODate));
}

QString buyId(const QString &sku, const QString &location)
{
    return QStringLiteral("buy:%1@%2").arg(sku, location);
}

QString moveId(const QString &sku, const QString &from, const QString &to)
{
    return QStringLiteral("move:%1@%2:%3").arg(sku, from, to);
}

} // namespace

QString frequencyName(DemandFrequency frequency)
{
    switch (frequency) {
    case DemandFrequency::Day:
        return QStringLiteral("day");
    case DemandFrequency::Week:
        return QStringLiteral("week");
    case DemandFrequency::Month:
        return QStringLiteral("month");
    }
    return {};
}

std::optional<DemandFrequency> frequencyFromName(const QString &name)
{
    for (DemandFrequency frequency : {DemandFrequency::Day, DemandFrequency::Week, DemandFrequency::Month}) {
        if (name.compare(frequencyName(frequency), Qt::CaseInsensitive) == 0) {
            return frequency;
        }
    }
    return std::nullopt;
}

QDate periodStart(const QDate &day, DemandFrequency frequency)
{
    switch (frequency) {
    case DemandFrequency::Day:
        return day;
    case DemandFrequency::Week:
        return day.addDays(1 - day.dayOfWeek());
    case DemandFrequency::Month:
        return QDate(day.year(), day.month(), 1);
    }
    return day;
}

QDate nextPeriodStart(const QDate &day, DemandFrequency frequency)
{
    const QDate start = periodStart(day, frequency);
    switch (frequency) {
    case DemandFrequency::Day:
        return start.addDays(1);
    case DemandFrequency::Week:
        return start.addDays(7);
    case DemandFrequency::Month:
        return start.addMonths(1);
    }
    return start.addDays(1);
}

QString atpEventKindName(AtpEvent::Kind kind)
{
    switch (kind) {
    case AtpEvent::Kind::OnHand:
        return QStringLiteral("on_hand");
    case AtpEvent::Kind::Reserved:
        return QStringLiteral("reserved");
    case AtpEvent::Kind::Backorders:
        return QStringLiteral("backorders");
    case AtpEvent::Kind::BackorderFill:
        return QStringLiteral("backorder_fill");
    case AtpEvent::Kind::PurchaseArrival:
        return QStringLiteral("purchase_arrival");
    case AtpEvent::Kind::TransferArrival:
        return QStringLiteral("transfer_arrival");
    }
    return {};
}

Result<QPair<ProductRecord, std::optional<LocationRecord>>>
PlanningService::target(const QString &sku, const QString &locationCode)
{
    CatalogRepository catalog(m_context.db);
    STOCKROOM_TRY(product, Known::product(catalog, sku));
    std::optional<LocationRecord> location;
    if (!locationCode.trimmed().isEmpty()) {
        STOCKROOM_TRY(found, Known::location(catalog, locationCode));
        location = found;
    }
    return qMakePair(product, location);
}

Result<DemandHistory> PlanningService::demandHistory(qint64 productId, qint64 locationId,
                                                     DemandFrequency frequency, const QDate &from,
                                                     const QDate &to)
{
    STOCKROOM_CHECK(Access::require(m_context, Role::Manager, PlanningService::tr("Demand forecasting")));
    if (!from.isValid() || !to.isValid() || from >= to) {
        return Error::usage(PlanningService::tr("A demand history needs a start date before its end date."));
    }
    const QDate today = m_context.clock.now().date();
    return m_context.db.read<DemandHistory>([&]() -> Result<DemandHistory> {
        PlanningRepository repository(m_context.db);
        return readHistory(repository, productId, locationId, frequency, from, to, today);
    });
}

Result<AtpTimeline> PlanningService::atp(qint64 productId, qint64 locationId, int days, bool withForecast,
                                         const std::optional<ForecastBand> &band,
                                         const PlanningOptions &options)
{
    if (days < 1 || days > 366) {
        return Error::usage(PlanningService::tr("An ATP horizon is 1 to 366 days, not %1.").arg(days));
    }
    const QDate today = m_context.clock.now().date();
    Database &db = m_context.db;
    return db.read<AtpTimeline>([&]() -> Result<AtpTimeline> {
        STOCKROOM_TRY(c, readCommitments(db, productId, today, days, options));
        AtpTimeline timeline;
        timeline.productId = productId;
        timeline.locationId = locationId;
        timeline.today = today;
        PlanningRepository products(db);
        STOCKROOM_TRY(sku, products.productSku(productId));
        timeline.sku = sku;
        if (locationId > 0) {
            if (!c.location(locationId)) {
                return Error::business(
                    PlanningService::tr("That location is not active: it promises nothing."));
            }
            timeline.locationCode = c.code(locationId);
        }
        const auto wanted = [&](qint64 id) { return locationId == 0 || id == locationId; };

        for (const PlanningLevel &location : std::as_const(c.locations)) {
            if (!wanted(location.locationId) || !c.levels.contains(location.locationId)) {
                continue;
            }
            const PlanningLevel &level = c.levels[location.locationId];
            timeline.events << AtpEvent {today,
                                         AtpEvent::Kind::OnHand,
                                         level.onHand,
                                         level.locationId,
                                         level.locationCode,
                                         {},
                                         false,
                                         false,
                                         PlanningService::tr("on hand at %1").arg(level.locationCode)};
            if (level.reserved > 0) {
                timeline.events << AtpEvent {
                    today,
                    AtpEvent::Kind::Reserved,
                    -level.reserved,
                    level.locationId,
                    level.locationCode,
                    {},
                    false,
                    false,
                    PlanningService::tr("reserved for open orders at %1").arg(level.locationCode)};
            }
        }
        QHash<qint64, int> available = availableNow(c);
        QList<WaitingLine> waiting = c.waiting;
        const QList<Fill> fills = simulateArrivals(c, available, waiting);
        int filled = 0;
        for (const Fill &fill : fills) {
            filled += fill.qty;
        }
        timeline.backordersUncovered = c.waitingUnits - filled;
        if (locationId == 0 && c.waitingUnits > 0) {
            timeline.events << AtpEvent {
                today,
                AtpEvent::Kind::Backorders,
                -c.waitingUnits,
                0,
                {},
                {},
                false,
                false,
                PlanningService::tr("owed to %n waiting backorder line(s)", nullptr, int(c.waiting.size()))};
        }
        for (const Arrival &arrival : std::as_const(c.arrivals)) {
            if (!wanted(arrival.locationId)) {
                continue;
            }
            const QString code = c.code(arrival.locationId);
            QString note = arrival.kind == AtpEvent::Kind::PurchaseArrival
                ? PlanningService::tr("%1 expected at %2").arg(arrival.reference, code)
                : PlanningService::tr("%1 from %2 in transit to %3")
                      .arg(arrival.reference, arrival.fromCode, code);
            if (arrival.overdue) {
                note += PlanningService::tr(" (overdue)");
            } else if (arrival.estimated) {
                note += PlanningService::tr(" (date estimated)");
            }
            timeline.events << AtpEvent {
                arrival.date,      arrival.kind,    arrival.qty, arrival.locationId, code, arrival.reference,
                arrival.estimated, arrival.overdue, note};
        }
        if (locationId > 0) {
            for (const Fill &fill : fills) {
                if (fill.locationId != locationId) {
                    continue;
                }
                timeline.events << AtpEvent {
                    fill.date,
                    AtpEvent::Kind::BackorderFill,
                    -fill.qty,
                    fill.locationId,
                    c.code(fill.locationId),
                    orderNumber(fill.orderId),
                    false,
                    false,
                    PlanningService::tr("fills the backorder of %1").arg(orderNumber(fill.orderId))};
            }
        }
        std::stable_sort(timeline.events.begin(), timeline.events.end(),
                         [](const AtpEvent &a, const AtpEvent &b) { return a.date < b.date; });
        qsizetype next = 0;
        int running = 0;
        for (QDate day = today; day < c.horizonEnd; day = day.addDays(1)) {
            while (next < timeline.events.size() && timeline.events.at(next).date <= day) {
                running += timeline.events.at(next).qty;
                ++next;
            }
            AtpPoint point;
            point.date = day;
            point.available = running;
            point.afterForecast = point.afterForecastLo = point.afterForecastHi = running;
            timeline.points << point;
        }

        if (withForecast) {
            ForecastBand used;
            if (band) {
                used = *band;
            } else {
                PlanningRepository repository(db);
                STOCKROOM_TRY(history,
                              readHistory(repository, productId, locationId, DemandFrequency::Week,
                                          today.addDays(-7 * options.historyWeeks), today, today));
                used.frequency = DemandFrequency::Week;
                used.start = today;
                used.forecast = forecastOf(history, (days + 6) / 7 + 1, options);
            }
            applyBand(timeline.points, used);
            timeline.hasForecast = true;
            timeline.forecastMethod = used.forecast.method;
            timeline.forecastFrequency = used.frequency;
        }
        return timeline;
    });
}

Result<Promise> PlanningService::earliestPromise(qint64 productId, int qty, qint64 locationId, int days,
                                                 const PlanningOptions &options)
{
    if (qty < 1 || qty > 1'000'000) {
        return Error::usage(PlanningService::tr("A promise is for 1 to 1000000 units, not %1.").arg(qty));
    }
    if (days < 1 || days > 366) {
        return Error::usage(PlanningService::tr("An ATP horizon is 1 to 366 days, not %1.").arg(days));
    }
    const QDate today = m_context.clock.now().date();
    Database &db = m_context.db;
    return db.read<Promise>([&]() -> Result<Promise> {
        STOCKROOM_TRY(c, readCommitments(db, productId, today, days, options));
        if (locationId > 0 && !c.location(locationId)) {
            return Error::business(PlanningService::tr("That location is not active: it promises nothing."));
        }
        Promise promise;
        QHash<qint64, int> available = availableNow(c);
        int remaining = qty;
        // Today, as placement routes: one location with everything (by priority), else the fewest locations.
        QList<PlanningLevel> candidates;
        for (const PlanningLevel &location : std::as_const(c.locations)) {
            if (locationId == 0 || location.locationId == locationId) {
                candidates << location;
            }
        }
        const auto whole = std::find_if(candidates.cbegin(), candidates.cend(), [&](const PlanningLevel &l) {
            return available.value(l.locationId) >= qty;
        });
        if (whole != candidates.cend()) {
            promise.sources << PromiseSource {whole->locationId, whole->locationCode, qty, today};
            remaining = 0;
        } else {
            std::stable_sort(candidates.begin(), candidates.end(),
                             [&](const PlanningLevel &a, const PlanningLevel &b) {
                                 return available.value(a.locationId) > available.value(b.locationId);
                             });
            for (const PlanningLevel &location : std::as_const(candidates)) {
                const int take = std::min(remaining, available.value(location.locationId));
                if (take > 0) {
                    promise.sources << PromiseSource {location.locationId, location.locationCode, take,
                                                      today};
                    available[location.locationId] -= take;
                    remaining -= take;
                }
            }
        }
        if (remaining > 0) {
            // The rest waits behind the backorders already waiting, as a backorder of its own.
            QList<WaitingLine> waiting = c.waiting;
            WaitingLine ours {0, remaining, {}};
            if (locationId > 0) {
                ours.shipFrom = QStringList {c.code(locationId)};
            }
            waiting << ours;
            const QList<Fill> fills = simulateArrivals(c, available, waiting);
            for (const Fill &fill : fills) {
                if (fill.orderId != 0) {
                    continue;
                }
                const auto same = std::find_if(
                    promise.sources.begin(), promise.sources.end(), [&](const PromiseSource &s) {
                        return s.locationId == fill.locationId && s.date == fill.date;
                    });
                if (same != promise.sources.end()) {
                    same->qty += fill.qty;
                } else {
                    promise.sources << PromiseSource {fill.locationId, c.code(fill.locationId), fill.qty,
                                                      fill.date};
                }
                remaining -= fill.qty;
            }
        }
        promise.coveredWithinHorizon = qty - remaining;
        QStringList parts;
        for (const PromiseSource &source : std::as_const(promise.sources)) {
            parts << sourceText(source, today);
            promise.date = std::max(promise.date.isValid() ? promise.date : source.date, source.date);
        }
        promise.possible = remaining == 0;
        if (promise.possible) {
            promise.explanation
                = PlanningService::tr("%1 can be promised for %2: %3.")
                      .arg(qty)
                      .arg(promise.date.toString(Qt::ISODate), parts.join(QStringLiteral(", ")));
            if (promise.date > today && c.waitingUnits > 0) {
                promise.explanation += QLatin1Char(' ')
                    + PlanningService::tr("Backorders placed earlier (%1 units) are served first.")
                          .arg(c.waitingUnits);
            }
        } else {
            promise.date = QDate();
            promise.explanation = PlanningService::tr("%1 cannot be promised within %2 days: only %3 by %4.")
                                      .arg(qty)
                                      .arg(days)
                                      .arg(promise.coveredWithinHorizon)
                                      .arg(c.horizonEnd.addDays(-1).toString(Qt::ISODate));
        }
        return promise;
    });
}

Result<ReplenishmentReport> PlanningService::replenishment(qint64 locationId, const PlanningOptions &options)
{
    STOCKROOM_CHECK(Access::require(m_context, Role::Manager, PlanningService::tr("Replenishment planning")));
    if (options.serviceLevel <= 0 || options.serviceLevel >= 1) {
        return Error::usage(PlanningService::tr("A service level is between 0 and 1 (e.g. 0.95), not %1.")
                                .arg(options.serviceLevel));
    }
    if (options.reviewPeriodDays < 0 || options.reviewPeriodDays > 365) {
        return Error::usage(
            PlanningService::tr("A review period is 0 to 365 days, not %1.").arg(options.reviewPeriodDays));
    }
    const QDate today = m_context.clock.now().date();
    Database &db = m_context.db;
    return db.read<ReplenishmentReport>([&]() -> Result<ReplenishmentReport> {
        ReplenishmentReport report;
        report.today = today;
        report.options = options;
        PlanningRepository repository(db);
        STOCKROOM_TRY(locations, repository.activeLocations());
        QHash<qint64, PlanningLevel> active;
        for (const PlanningLevel &location : std::as_const(locations)) {
            active.insert(location.locationId, location);
        }
        StockGridFilter filter;
        filter.locationId = locationId;
        filter.limit = 1'000'000;
        STOCKROOM_TRY(rows, StockRepository(db).grid(filter));
        STOCKROOM_TRY(lastSuppliers, repository.lastSuppliers());
        STOCKROOM_TRY(drafted, repository.draftedSupply());
        FulfilmentRepository fulfilment(db);

        // Every product's locations: transfers balance a product over all of them, so a product is planned
        // at every active location even when the report is for one.
        QMap<qint64, QList<StockLevelRow>> byProduct;
        for (const StockLevelRow &row : std::as_const(rows)) {
            byProduct[row.productId];
        }
        if (locationId > 0) {
            for (auto it = byProduct.begin(); it != byProduct.end(); ++it) {
                filter.locationId = 0;
                filter.productId = it.key();
                STOCKROOM_TRY(all, StockRepository(db).grid(filter));
                it.value() = all;
            }
        } else {
            for (const StockLevelRow &row : std::as_const(rows)) {
                byProduct[row.productId] << row;
            }
        }

        QHash<QPair<qint64, qint64>, QString> methods;
        QHash<qint64, QString> names;
        QHash<qint64, qint64> costs;
        QList<ReplenishmentPlan> plans;
        for (auto it = byProduct.cbegin(); it != byProduct.cend(); ++it) {
            const qint64 productId = it.key();
            QList<StockLevelRow> levels;
            for (const StockLevelRow &row : it.value()) {
                if (active.contains(row.locationId)) {
                    levels << row;
                }
            }
            if (levels.isEmpty()) {
                continue;
            }
            std::stable_sort(levels.begin(), levels.end(),
                             [&](const StockLevelRow &a, const StockLevelRow &b) {
                                 return active[a.locationId].priority < active[b.locationId].priority;
                             });
            // Waiting backorders belong to the first location (by priority) their rules let them ship from:
            // that is where arriving stock would serve them if it came there.
            QHash<qint64, int> owed;
            STOCKROOM_TRY(waiting, fulfilment.waitingBackorders(productId));
            for (const WaitingBackorder &line : std::as_const(waiting)) {
                for (const StockLevelRow &level : std::as_const(levels)) {
                    if (line.shipFrom.isEmpty() || line.shipFrom.contains(level.locationCode)) {
                        owed[level.locationId] += line.qtyBackordered;
                        break;
                    }
                }
            }
            const std::optional<PlanningSupplier> supplier = lastSuppliers.contains(productId)
                ? std::optional<PlanningSupplier>(lastSuppliers.value(productId))
                : std::nullopt;
            const int leadTimeDays = supplier ? supplier->leadTimeDays : 7;
            const int horizon = int(std::ceil((leadTimeDays + options.reviewPeriodDays) / 7.0)) + 2;
            for (const StockLevelRow &level : std::as_const(levels)) {
                STOCKROOM_TRY(history,
                              readHistory(repository, productId, level.locationId, DemandFrequency::Week,
                                          today.addDays(-7 * options.historyWeeks), today, today));
                const Forecast forecast = forecastOf(history, horizon, options);
                ReplenishmentInput input;
                input.productId = productId;
                input.locationId = level.locationId;
                input.sku = level.sku;
                input.locationCode = level.locationCode;
                // Drafts count as decided: a suggestion accepted as a draft purchase order or transfer is
                // not suggested again, and units a drafted transfer will take away are spoken for.
                const PlanningRepository::DraftedSupply draft = drafted.value({productId, level.locationId});
                input.onHand = level.onHand;
                input.reserved = level.reserved + draft.outgoing;
                input.backordered = owed.value(level.locationId);
                input.onOrder = level.onOrder + draft.incoming;
                input.inTransit = level.inTransit;
                input.demandMean = forecast.mean;
                input.demandSigma = forecast.sigma;
                input.periodDays = 7;
                input.leadTimeDays = leadTimeDays;
                input.reviewPeriodDays = options.reviewPeriodDays;
                input.serviceLevel = options.serviceLevel;
                input.unitCost = level.averageCostCents / 100.0;
                plans << planReplenishment(input);
                methods.insert({productId, level.locationId}, forecast.method);
                names.insert(productId, level.productName);
                costs.insert(productId, level.averageCostCents);
            }
        }

        const TransferPlan balanced = suggestTransfers(plans);
        QMap<QString, SupplierSuggestions> groups; // by supplier name; "" (none known) sorts first
        for (const ReplenishmentPlan &plan : balanced.plans) {
            if (locationId > 0 && plan.input.locationId != locationId) {
                continue;
            }
            report.plans << plan;
            if (plan.suggestedQty <= 0) {
                continue;
            }
            PurchaseSuggestion suggestion;
            suggestion.id = buyId(plan.input.sku, plan.input.locationCode);
            suggestion.plan = plan;
            suggestion.productName = names.value(plan.input.productId);
            suggestion.unitCostCents = costs.value(plan.input.productId);
            suggestion.forecastMethod = methods.value({plan.input.productId, plan.input.locationId});
            suggestion.qty = plan.suggestedQty;
            const PlanningSupplier supplier = lastSuppliers.value(plan.input.productId);
            SupplierSuggestions &group = groups[supplier.name];
            group.supplier = supplier;
            group.lines << suggestion;
            group.valueCents += qint64(suggestion.qty) * suggestion.unitCostCents;
        }
        report.purchases = groups.values();
        for (const TransferSuggestion &transfer : balanced.transfers) {
            if (locationId > 0 && transfer.toLocationId != locationId
                && transfer.fromLocationId != locationId) {
                continue;
            }
            report.transfers << TransferProposal {
                moveId(transfer.sku, transfer.fromLocationCode, transfer.toLocationCode), transfer};
        }
        return report;
    });
}

Result<AcceptedSuggestions> PlanningService::accept(const QStringList &ids, qint64 locationId,
                                                    const PlanningOptions &options,
                                                    const QString &supplierOverride)
{
    if (ids.isEmpty()) {
        return Error::usage(PlanningService::tr("Name the suggestions to accept (their ids, or all)."));
    }
    STOCKROOM_CHECK(Access::require(m_context, Role::Manager,
                                    PlanningService::tr("Accepting replenishment suggestions")));
    STOCKROOM_TRY(report, replenishment(locationId, options));
    const bool all = ids.contains(QStringLiteral("all"), Qt::CaseInsensitive);
    QSet<QString> wanted(ids.cbegin(), ids.cend());
    wanted.remove(QStringLiteral("all"));

    // Purchases per supplier and location, transfers per route: one draft each.
    struct PurchaseDraft
    {
        PlanningSupplier supplier;
        QString locationCode;
        QList<QuantityLine> lines;
        QStringList reasons;
    };
    QMap<QPair<QString, QString>, PurchaseDraft> purchases;
    QMap<QPair<QString, QString>, QPair<QList<QuantityLine>, QStringList>> transfers;
    QStringList withoutSupplier;
    std::optional<PlanningSupplier> override;
    if (!supplierOverride.trimmed().isEmpty()) {
        STOCKROOM_TRY(suppliers, PlanningRepository(m_context.db).suppliers());
        for (const PlanningSupplier &supplier : std::as_const(suppliers)) {
            if (supplier.name.compare(supplierOverride.trimmed(), Qt::CaseInsensitive) == 0) {
                override = supplier;
            }
        }
        if (!override) {
            return Error::business(
                PlanningService::tr("Unknown supplier \"%1\".").arg(supplierOverride.trimmed()));
        }
    }
    for (const SupplierSuggestions &group : std::as_const(report.purchases)) {
        for (const PurchaseSuggestion &line : group.lines) {
            if (!all && !wanted.contains(line.id)) {
                continue;
            }
            wanted.remove(line.id);
            const PlanningSupplier supplier = override ? *override : group.supplier;
            if (supplier.id == 0) {
                withoutSupplier << line.id;
                continue;
            }
            PurchaseDraft &draft = purchases[{supplier.name, line.plan.input.locationCode}];
            draft.supplier = supplier;
            draft.locationCode = line.plan.input.locationCode;
            QuantityLine quantity;
            quantity.sku = line.plan.input.sku;
            quantity.qty = line.qty;
            draft.lines << quantity;
            draft.reasons << QStringLiteral("%1: %2").arg(line.plan.input.sku, line.plan.reason);
        }
    }
    for (const TransferProposal &proposal : std::as_const(report.transfers)) {
        if (!all && !wanted.contains(proposal.id)) {
            continue;
        }
        wanted.remove(proposal.id);
        auto &draft = transfers[{proposal.transfer.fromLocationCode, proposal.transfer.toLocationCode}];
        QuantityLine quantity;
        quantity.sku = proposal.transfer.sku;
        quantity.qty = proposal.transfer.qty;
        draft.first << quantity;
        draft.second << QStringLiteral("%1: %2").arg(proposal.transfer.sku, proposal.transfer.reason);
    }
    if (!wanted.isEmpty()) {
        QStringList unknown(wanted.cbegin(), wanted.cend());
        unknown.sort();
        return Error::business(
            PlanningService::tr("No current suggestion has the id %1 (suggestions change with "
                                "the stock: list them again).")
                .arg(unknown.join(QStringLiteral(", "))));
    }
    if (!withoutSupplier.isEmpty()) {
        return Error::business(
            PlanningService::tr("No supplier is known for %1: name one with --supplier (it has "
                                "never been ordered).")
                .arg(withoutSupplier.join(QStringLiteral(", "))));
    }

    // Every draft in one transaction: accepting is one decision, so a refusal (an unknown supplier, a
    // location closed meanwhile) leaves none of them behind.
    PurchaseService purchaseService(m_context);
    TransferService transferService(m_context);
    return m_context.db.write<AcceptedSuggestions>([&]() -> Result<AcceptedSuggestions> {
        AcceptedSuggestions accepted;
        ChangeRecorder changes(m_context);
        DocumentFlow flow(m_context, changes);
        for (const PurchaseDraft &draft : std::as_const(purchases)) {
            const QString expected = report.today.addDays(draft.supplier.leadTimeDays).toString(Qt::ISODate);
            STOCKROOM_TRY(po,
                          purchaseService.createWithin(flow, draft.supplier.name, draft.locationCode,
                                                       expected, draft.lines,
                                                       PlanningService::tr("Suggested by replenishment. %1")
                                                           .arg(draft.reasons.join(QStringLiteral("; ")))));
            accepted.purchaseOrders << po;
        }
        for (auto it = transfers.cbegin(); it != transfers.cend(); ++it) {
            STOCKROOM_TRY(
                transfer,
                transferService.createWithin(flow, it.key().first, it.key().second, it.value().first,
                                             PlanningService::tr("Suggested by replenishment. %1")
                                                 .arg(it.value().second.join(QStringLiteral("; ")))));
            accepted.transfers << transfer;
        }
        QStringList created;
        for (const PurchaseOrder &po : std::as_const(accepted.purchaseOrders)) {
            created << po.number;
        }
        for (const Transfer &transfer : std::as_const(accepted.transfers)) {
            created << transfer.number;
        }
        STOCKROOM_CHECK(Audit::record(
            m_context, QStringLiteral("replenishment.accept"), QStringLiteral("replenishment"),
            created.join(QStringLiteral(", ")),
            PlanningService::tr("accepted %n suggestion(s) as drafts %1", nullptr, int(ids.size()))
                .arg(created.join(QStringLiteral(", ")))));
        STOCKROOM_CHECK(changes.flush());
        return accepted;
    });
}

} // namespace Stockroom
