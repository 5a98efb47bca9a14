// SPDX-License-Identifier: GPL-3.0-or-later
#include "forecastcontroller.h"

#include "autoforecast.h"
#include "labels.h"

#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <numeric>

namespace Stockroom {

namespace {

/** Origins of the rolling backtest: enough to average over, few enough to redraw at once. */
constexpr int BacktestOrigins = 8;

double msecsOf(const QDate &day)
{
    return double(QDateTime(day, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch());
}

QDate todayUtc()
{
    return QDateTime::currentDateTimeUtc().date();
}

/** What the view does at each frequency, in one place. */
struct FrequencyTraits
{
    int historyDays; ///< how far back a history is read: what the methods can learn a season from
    int historyMonths; ///< the same in months, for monthly histories (0: use historyDays)
    int shownPeriods; ///< periods of history the chart shows (the forecast learns from all of them)
    int maximumHorizon;
    double daysPerPeriod;
};

FrequencyTraits traitsOf(DemandFrequency frequency)
{
    switch (frequency) {
    case DemandFrequency::Day:
        return {730, 0, 182, 365, 1};
    case DemandFrequency::Week:
        return {7 * 156, 0, 104, 104, 7};
    case DemandFrequency::Month:
        return {0, 60, 60, 36, 365.25 / 12};
    }
    return {730, 0, 104, 104, 7};
}

QDate historyStart(DemandFrequency frequency, const QDate &today)
{
    const FrequencyTraits traits = traitsOf(frequency);
    return traits.historyMonths > 0 ? today.addMonths(-traits.historyMonths)
                                    : today.addDays(-traits.historyDays);
}

int shownPeriods(DemandFrequency frequency)
{
    return traitsOf(frequency).shownPeriods;
}

int maximumHorizon(DemandFrequency frequency)
{
    return traitsOf(frequency).maximumHorizon;
}

double daysPerPeriod(DemandFrequency frequency)
{
    return traitsOf(frequency).daysPerPeriod;
}

bool sameSeries(const ForecastTarget &a, const ForecastTarget &b)
{
    return a.productId == b.productId && a.locationId == b.locationId
        && a.history.frequency == b.history.frequency && a.history.periods == b.history.periods
        && a.history.series.values == b.history.series.values
        && a.history.series.stockout == b.history.series.stockout;
}

/** A number as people read it here; "—" when there is none. */
QString number(double value, int decimals)
{
    return std::isfinite(value) ? QLocale().toString(value, 'f', decimals) : QStringLiteral("—");
}

QString moneyOf(double units)
{
    return Labels::money(qint64(std::llround(units * 100.0)));
}

QVariant finiteOr(double value, const QVariant &otherwise = {})
{
    return std::isfinite(value) ? QVariant(value) : otherwise;
}

} // namespace

ForecastController::ForecastController(DatabaseWorker *worker, const QString &userName, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_userName(userName)
{
    qRegisterMetaType<Stockroom::ForecastTarget>();
    qRegisterMetaType<Stockroom::AtpTimeline>();
    qRegisterMetaType<Stockroom::Promise>();
    qRegisterMetaType<Stockroom::ForecastBand>();
    connect(worker, &DatabaseWorker::forecastTargetFetched, this, &ForecastController::onTargetFetched);
    connect(worker, &DatabaseWorker::atpFetched, this, &ForecastController::onAtp);
    connect(worker, &DatabaseWorker::promiseFetched, this, &ForecastController::onPromise);
    connect(worker, &DatabaseWorker::reorderSettingsSaved, this, &ForecastController::onSaved);
    connect(worker, &DatabaseWorker::failed, this, &ForecastController::onFailed);
    m_search = new ProductSearch(worker, 12, 200, this);
    connect(m_search, &ProductSearch::matchesChanged, this, &ForecastController::productMatchesChanged);
    connect(&m_forecastWatcher, &QFutureWatcher<ForecastOutcome>::finished, this,
            &ForecastController::onForecastDone);
    connect(&m_simWatcher, &QFutureWatcher<SimulationOutcome>::finished, this,
            &ForecastController::onSimulationDone);

    // The ATP reads the database: one read after a burst of control changes, not one per step.
    m_atpDelay.setSingleShot(true);
    m_atpDelay.setInterval(150);
    connect(&m_atpDelay, &QTimer::timeout, this, &ForecastController::sendAtp);
    // A simulation takes a moment: wait until the lead time stops changing.
    m_simDelay.setSingleShot(true);
    m_simDelay.setInterval(250);
    connect(&m_simDelay, &QTimer::timeout, this, &ForecastController::startSimulation);
    // Orders and stock change many times a second in a busy shop: read the product once after a burst.
    m_liveDelay.setSingleShot(true);
    connect(&m_liveDelay, &QTimer::timeout, this, &ForecastController::refreshLive);
}

ForecastController::~ForecastController()
{
    // The computations hold copies of their input only; what they give back is simply not used.
    m_forecastWatcher.disconnect(this);
    m_simWatcher.disconnect(this);
}

QString ForecastController::frequency() const
{
    return frequencyName(m_frequency);
}

double ForecastController::periodDays() const
{
    return daysPerPeriod(m_frequency);
}

double ForecastController::today() const
{
    return msecsOf(todayUtc());
}

int ForecastController::defaultHorizon(const QString &frequency)
{
    switch (frequencyFromName(frequency).value_or(DemandFrequency::Week)) {
    case DemandFrequency::Day:
        return 28;
    case DemandFrequency::Week:
        return 13;
    case DemandFrequency::Month:
        return 6;
    }
    return 13;
}

QVariantList ForecastController::methods() const
{
    const QList<QPair<QString, QString>> named {
        {QStringLiteral("auto"), tr("Automatic", "@item forecast method: chosen by demand class and AICc")},
        {QStringLiteral("ets"), tr("ETS, best by AICc", "@item forecast method")},
        {QStringLiteral("naive"), tr("Naive", "@item forecast method")},
        {QStringLiteral("snaive"), tr("Seasonal naive", "@item forecast method")},
        {QStringLiteral("ses"), tr("Simple exponential smoothing", "@item forecast method")},
        {QStringLiteral("holt"), tr("Holt (linear trend)", "@item forecast method")},
        {QStringLiteral("holt_damped"), tr("Holt, damped trend", "@item forecast method")},
        {QStringLiteral("holt_winters_additive"), tr("Holt-Winters additive", "@item forecast method")},
        {QStringLiteral("holt_winters_multiplicative"),
         tr("Holt-Winters multiplicative", "@item forecast method")},
        {QStringLiteral("croston"), tr("Croston (intermittent)", "@item forecast method")},
        {QStringLiteral("sba"), tr("SBA (intermittent)", "@item forecast method")},
        {QStringLiteral("tsb"), tr("TSB (intermittent, obsolescence)", "@item forecast method")},
    };
    QVariantList list;
    QStringList known;
    for (const auto &[value, text] : named) {
        list << QVariantMap {{QStringLiteral("value"), value}, {QStringLiteral("text"), text}};
        known << value;
    }
    // The ETS models by their codes, ETS(error, trend, season): the engine's own list.
    for (const QString &name : forecastMethodNames()) {
        if (!known.contains(name)) {
            list << QVariantMap {{QStringLiteral("value"), name}, {QStringLiteral("text"), name}};
        }
    }
    return list;
}

// --- What is shown ---------------------------------------------------------------------------------------

void ForecastController::setSku(const QString &sku)
{
    const QString trimmed = sku.trimmed();
    if (trimmed == m_sku) {
        return;
    }
    m_sku = trimmed;
    Q_EMIT skuChanged();
    requestTarget(false);
}

void ForecastController::setLocationCode(const QString &code)
{
    const QString trimmed = code.trimmed();
    if (trimmed == m_locationCode) {
        return;
    }
    m_locationCode = trimmed;
    Q_EMIT locationCodeChanged();
    requestTarget(false);
}

void ForecastController::setFrequency(const QString &name)
{
    const std::optional<DemandFrequency> frequency = frequencyFromName(name);
    if (!frequency || *frequency == m_frequency) {
        return;
    }
    m_frequency = *frequency;
    Q_EMIT frequencyChanged();
    // A quarter of weeks is not a quarter of days: the horizon follows the frequency.
    m_horizon = defaultHorizon(name);
    Q_EMIT horizonChanged();
    requestTarget(false);
}

void ForecastController::setMethod(const QString &method)
{
    const QString trimmed = method.trimmed();
    if (trimmed == m_method || !isForecastMethod(trimmed)) {
        return;
    }
    m_method = trimmed;
    Q_EMIT methodChanged();
    scheduleForecast();
}

void ForecastController::setHorizon(int periods)
{
    const int bounded = std::clamp(periods, 1, maximumHorizon(m_frequency));
    if (bounded == m_horizon) {
        return;
    }
    m_horizon = bounded;
    Q_EMIT horizonChanged();
    scheduleForecast();
}

void ForecastController::setServiceLevel(double level)
{
    const double bounded = std::clamp(level, 0.5, 0.999);
    if (std::abs(bounded - m_serviceLevel) < 1e-9) {
        return;
    }
    m_serviceLevel = bounded;
    Q_EMIT serviceLevelChanged();
    recomputePlan(); // arithmetic only
}

void ForecastController::setLeadTimeDays(int days)
{
    const int bounded = std::clamp(days, 0, 365);
    if (bounded == m_leadTimeDays) {
        return;
    }
    m_leadTimeDays = bounded;
    Q_EMIT leadTimeDaysChanged();
    recomputePlan();
    scheduleSimulation();
}

void ForecastController::setSection(const QString &section)
{
    static const QStringList sections {QStringLiteral("forecast"), QStringLiteral("atp"),
                                       QStringLiteral("whatif")};
    if (section == m_section || !sections.contains(section)) {
        return;
    }
    m_section = section;
    Q_EMIT sectionChanged();
    scheduleAtp();
    scheduleSimulation();
    Q_EMIT busyChanged();
}

void ForecastController::setActive(bool active)
{
    if (active == m_active) {
        return;
    }
    m_active = active;
    Q_EMIT activeChanged();
    if (!m_active) {
        m_liveDelay.stop();
        return;
    }
    // Shown again: read only what changed meanwhile (switching views costs nothing otherwise).
    if (m_stale) {
        m_stale = false;
        if (m_targetRequest == 0) {
            requestTarget(loaded());
        }
    }
    scheduleAtp();
    scheduleSimulation();
}

void ForecastController::reload()
{
    m_cache.clear();
    m_simKey.clear();
    if (!m_active) {
        m_stale = true;
        return;
    }
    if (m_targetRequest != 0 && !loaded()) {
        return; // the first read is on its way (the database just opened): it is fresh
    }
    requestTarget(true);
}

QString ForecastController::cacheKey(const QString &sku, const QString &location,
                                     DemandFrequency frequency) const
{
    return sku.toUpper() + QLatin1Char('|') + location.toUpper() + QLatin1Char('|')
        + frequencyName(frequency);
}

bool ForecastController::settled() const
{
    if (loading() || computing()) {
        return false;
    }
    if (!loaded()) {
        return !m_stale; // answered: no product, or a message says why
    }
    if (m_section == QLatin1String("atp")) {
        return m_atpDone && !atpLoading() && m_promiseRequest == 0;
    }
    if (m_section == QLatin1String("whatif")) {
        return m_simDone && !simulating();
    }
    return m_hasForecast;
}

void ForecastController::requestTarget(bool force)
{
    if (!m_active) {
        m_stale = true;
        Q_EMIT busyChanged();
        return;
    }
    m_stale = false;
    if (!force && !m_sku.isEmpty()) {
        const auto cached = m_cache.constFind(cacheKey(m_sku, m_locationCode, m_frequency));
        if (cached != m_cache.cend()) {
            m_targetRequest = 0; // an answer still on its way is for what was shown before
            useTarget(*cached);
            Q_EMIT busyChanged();
            return;
        }
    }
    m_targetRequest = DatabaseWorker::newRequestId();
    ++m_historyFetches;
    const quint64 id = m_targetRequest;
    const QString sku = m_sku;
    const QString location = m_locationCode;
    const DemandFrequency frequency = m_frequency;
    const QDate from = historyStart(frequency, todayUtc());
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker,
                              [=] { worker->fetchForecastTarget(id, sku, location, frequency, from); });
    Q_EMIT busyChanged();
}

void ForecastController::requestSimulationHistory()
{
    if (m_simHistoryRequest != 0) {
        return;
    }
    m_simHistoryRequest = DatabaseWorker::newRequestId();
    ++m_historyFetches;
    const quint64 id = m_simHistoryRequest;
    const QString sku = m_target.sku;
    const QString location = m_locationCode;
    const QDate from = historyStart(DemandFrequency::Day, todayUtc());
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [=] { worker->fetchForecastTarget(id, sku, location, DemandFrequency::Day, from); });
    Q_EMIT busyChanged();
}

void ForecastController::onTargetFetched(quint64 request, const ForecastTarget &target)
{
    if (request == m_simHistoryRequest) {
        m_simHistoryRequest = 0;
        m_cache.insert(cacheKey(target.sku, target.locationCode, DemandFrequency::Day), target);
        scheduleSimulation();
        Q_EMIT busyChanged();
        return;
    }
    if (request != m_targetRequest) {
        return;
    }
    m_targetRequest = 0;
    if (target.productId == 0) {
        clearShown();
        setMessage(tr("There are no products yet: add some in the Inventory view.", "@info"));
        Q_EMIT busyChanged();
        return;
    }
    m_cache.insert(cacheKey(target.sku, target.locationCode, target.history.frequency), target);
    if (target.sku != m_sku) {
        m_sku = target.sku; // the best seller, or the SKU as the catalogue spells it
        Q_EMIT skuChanged();
    }
    useTarget(target);
    Q_EMIT busyChanged();
}

void ForecastController::onFailed(quint64 request, const QString &message)
{
    if (request == m_targetRequest) {
        m_targetRequest = 0;
        clearShown();
        setMessage(message);
        Q_EMIT busyChanged();
    } else if (request == m_simHistoryRequest) {
        m_simHistoryRequest = 0;
        m_simDone = true;
        m_simulationText = message;
        Q_EMIT policiesChanged();
        Q_EMIT busyChanged();
    } else if (request == m_atpRequest) {
        m_atpRequest = 0;
        m_atpDone = true;
        m_atpPoints.clear();
        m_atpEvents.clear();
        m_atpInfo = {{QStringLiteral("message"), message}};
        Q_EMIT atpChanged();
        Q_EMIT busyChanged();
    } else if (request == m_promiseRequest) {
        m_promiseRequest = 0;
        m_promise = {{QStringLiteral("ok"), false}, {QStringLiteral("message"), message}};
        Q_EMIT promiseChanged();
        Q_EMIT busyChanged();
    }
}

void ForecastController::setMessage(const QString &message)
{
    if (message != m_message) {
        m_message = message;
        Q_EMIT messageChanged();
    }
}

void ForecastController::clearShown()
{
    m_target = ForecastTarget {};
    m_product.clear();
    m_history.clear();
    m_stockoutPeriods = 0;
    m_hasForecast = false;
    m_outcome = ForecastOutcome {};
    m_forecastPoints.clear();
    m_fit.clear();
    m_plan.clear();
    m_atpDone = false;
    m_atpPoints.clear();
    m_atpEvents.clear();
    m_atpInfo.clear();
    m_promise.clear();
    m_simDone = false;
    m_simKey.clear();
    m_simResults.clear();
    m_policies.clear();
    m_currentPolicy.clear();
    m_simulationText.clear();
    Q_EMIT targetChanged();
    Q_EMIT forecastChanged();
    Q_EMIT planChanged();
    Q_EMIT atpChanged();
    Q_EMIT promiseChanged();
    Q_EMIT policiesChanged();
}

void ForecastController::useTarget(const ForecastTarget &target)
{
    const bool unchanged = m_hasForecast && sameSeries(m_target, target);
    const bool otherProduct = target.productId != m_target.productId;
    const bool otherPlace = otherProduct || target.locationId != m_target.locationId;
    if (otherPlace) {
        // What was worked out for the last product or location says nothing about this one.
        m_atpDone = false;
        m_atpPoints.clear();
        m_atpEvents.clear();
        m_atpInfo.clear();
        m_promise.clear();
        m_simDone = false;
        m_simDirty = m_simDirty || m_simRunning; // a run under way is for the last place: not to be shown
        m_simResults.clear();
        m_policies.clear();
        m_currentPolicy.clear();
        Q_EMIT atpChanged();
        Q_EMIT promiseChanged();
        Q_EMIT policiesChanged();
    }
    if (otherProduct) {
        m_leadTimeDays = target.supplierLeadTimeDays;
        Q_EMIT leadTimeDaysChanged();
    }
    m_target = target;
    setMessage({});

    m_product = {
        {QStringLiteral("sku"), target.sku},
        {QStringLiteral("name"), target.productName},
        {QStringLiteral("location"), target.locationCode},
        {QStringLiteral("unitCost"), Labels::money(target.unitCostCents)},
        {QStringLiteral("supplier"), target.supplier},
        {QStringLiteral("supplierLeadTimeDays"), target.supplierLeadTimeDays},
        {QStringLiteral("onHand"), target.onHand},
        {QStringLiteral("reserved"), target.reserved},
        {QStringLiteral("available"), target.onHand - target.reserved},
        {QStringLiteral("backordered"), target.backordered},
        {QStringLiteral("onOrder"), target.onOrder},
        {QStringLiteral("inTransit"), target.inTransit},
        {QStringLiteral("reorderPoint"), target.reorderPoint},
        {QStringLiteral("reorderQty"), target.reorderQty},
    };
    const DemandHistory &history = target.history;
    m_history.clear();
    m_stockoutPeriods = 0;
    const int first = std::max(0, history.size() - shownPeriods(history.frequency));
    for (int i = 0; i < history.size(); ++i) {
        const bool out = !history.series.isObserved(std::size_t(i));
        m_stockoutPeriods += out ? 1 : 0;
        if (i < first) {
            continue;
        }
        const QDate start = history.periods.at(i);
        m_history << QVariantMap {{QStringLiteral("x"), msecsOf(start)},
                                  {QStringLiteral("end"), msecsOf(nextPeriodStart(start, history.frequency))},
                                  {QStringLiteral("y"), history.series.values[std::size_t(i)]},
                                  {QStringLiteral("out"), out}};
    }
    Q_EMIT targetChanged();

    if (unchanged) {
        // Only the position moved (stock, orders on their way): the forecast stands.
        recomputePlan();
    } else {
        scheduleForecast();
    }
    scheduleAtp();
    scheduleSimulation();
}

// --- The forecast ---------------------------------------------------------------------------------------

ForecastController::ForecastOutcome ForecastController::computeForecast(const ForecastJob &job)
{
    ForecastOutcome out;
    const int cycle = job.frequency == DemandFrequency::Week ? 52
        : job.frequency == DemandFrequency::Month            ? 12
                                                             : 7;
    out.observed = int(job.series.observedCount());
    // A season is learnt from two whole cycles, as the planning service does.
    out.season = out.observed >= 2 * cycle ? cycle : 1;
    out.classification = classifyDemand(job.series);
    double demand = 0;
    for (std::size_t i = 0; i < job.series.values.size(); ++i) {
        demand += job.series.isObserved(i) ? job.series.values[i] : 0.0;
    }
    if (out.observed == 0 || demand <= 0) {
        // Nothing was ever sold there: nothing to learn, the forecast is none.
        out.forecast.method = QStringLiteral("none");
        out.forecast.mean.assign(std::size_t(job.horizon), 0.0);
        out.forecast.lo80 = out.forecast.hi80 = out.forecast.lo95 = out.forecast.hi95 = out.forecast.mean;
        return out;
    }
    const ForecastOptions options {job.method, out.season};
    out.forecast = forecastSeries(job.series, job.horizon, options);

    // Rolling origin: the last BacktestOrigins cuts, one period apart, each forecast as far as the view
    // shows (at most a quarter of the history, so that something is left to learn from).
    const int n = int(job.series.values.size());
    out.backtestHorizon = std::clamp(job.shownHorizon, 1, std::max(1, n / 4));
    const int training = n - out.backtestHorizon - (BacktestOrigins - 1);
    const int lag = out.season > 1 && training > out.season ? out.season : 1;
    out.score = backtestSeries(job.series, out.backtestHorizon, options, BacktestOrigins, 1, lag);
    return out;
}

void ForecastController::scheduleForecast()
{
    if (!loaded()) {
        return;
    }
    m_forecastDirty = true;
    if (!m_forecastRunning) {
        startForecast();
    }
    Q_EMIT busyChanged();
}

void ForecastController::startForecast()
{
    m_forecastDirty = false;
    ForecastJob job;
    job.series = m_target.history.series;
    job.frequency = m_target.history.frequency;
    job.method = m_method;
    job.shownHorizon = m_horizon;
    // The plan looks over the lead time and a review period; a year of lead time is the most it is given.
    const int protection = int(std::ceil((365.0 + ReviewDays) / daysPerPeriod(job.frequency))) + 1;
    job.horizon = std::max(m_horizon, protection);
    m_forecastRunning = true;
    m_forecastWatcher.setFuture(QtConcurrent::run(&ForecastController::computeForecast, job));
}

void ForecastController::onForecastDone()
{
    m_forecastRunning = false;
    if (m_forecastDirty) {
        startForecast(); // the controls moved on meanwhile: this answer is already old
        return;
    }
    if (!loaded()) {
        Q_EMIT busyChanged(); // the product went away meanwhile
        return;
    }
    m_outcome = m_forecastWatcher.result();
    m_hasForecast = true;
    const Forecast &forecast = m_outcome.forecast;
    const DemandHistory &history = m_target.history;

    // Step 1 is the period after the last whole one: the period that holds today.
    QDate period = history.periods.isEmpty() ? periodStart(todayUtc(), history.frequency)
                                             : nextPeriodStart(history.periods.last(), history.frequency);
    m_forecastPoints.clear();
    const int shown = std::min(m_horizon, forecast.horizon());
    for (int i = 0; i < shown; ++i) {
        const auto at = [&](const std::vector<double> &values) {
            return std::size_t(i) < values.size() ? std::max(0.0, values[std::size_t(i)]) : 0.0;
        };
        m_forecastPoints << QVariantMap {
            {QStringLiteral("x"), msecsOf(period)},      {QStringLiteral("mean"), at(forecast.mean)},
            {QStringLiteral("lo80"), at(forecast.lo80)}, {QStringLiteral("hi80"), at(forecast.hi80)},
            {QStringLiteral("lo95"), at(forecast.lo95)}, {QStringLiteral("hi95"), at(forecast.hi95)},
        };
        period = nextPeriodStart(period, history.frequency);
    }

    // The parameters people can read: smoothing constants and damping, in the engine's order.
    static const QList<QPair<QString, QString>> symbols {
        {QStringLiteral("alpha"), QStringLiteral("α")},       {QStringLiteral("beta"), QStringLiteral("β")},
        {QStringLiteral("gamma"), QStringLiteral("γ")},       {QStringLiteral("phi"), QStringLiteral("φ")},
        {QStringLiteral("probability"), QStringLiteral("p")},
    };
    QStringList parameters;
    for (const auto &[key, symbol] : symbols) {
        if (forecast.parameters.contains(key)) {
            parameters << QStringLiteral("%1 %2").arg(symbol, number(forecast.parameters.value(key), 3));
        }
    }
    const DemandClassification &classification = m_outcome.classification;
    QString className;
    switch (classification.demandClass) {
    case DemandClass::Smooth:
        className = tr("smooth", "@info demand class");
        break;
    case DemandClass::Erratic:
        className = tr("erratic", "@info demand class");
        break;
    case DemandClass::Intermittent:
        className = tr("intermittent", "@info demand class");
        break;
    case DemandClass::Lumpy:
        className = tr("lumpy", "@info demand class");
        break;
    }
    QString methodText = forecast.method;
    for (const QVariant &entry : methods()) {
        const QVariantMap choice = entry.toMap();
        if (choice.value(QStringLiteral("value")).toString() == forecast.method) {
            methodText = choice.value(QStringLiteral("text")).toString();
        }
    }
    if (forecast.method == QLatin1String("none")) {
        methodText = tr("none: nothing sold yet", "@info forecast method");
    }
    const BacktestScore &score = m_outcome.score;
    m_fit = {
        {QStringLiteral("method"), forecast.method},
        {QStringLiteral("methodText"), methodText},
        {QStringLiteral("automatic"), m_method == QLatin1String("auto") || m_method == QLatin1String("ets")},
        {QStringLiteral("parametersText"), parameters.join(QStringLiteral(", "))},
        {QStringLiteral("demandClass"), demandClassName(classification.demandClass)},
        {QStringLiteral("demandClassText"), className},
        {QStringLiteral("adi"), finiteOr(classification.adi)},
        {QStringLiteral("cv2"), finiteOr(classification.cv2)},
        {QStringLiteral("adiText"), number(classification.adi, 2)},
        {QStringLiteral("cv2Text"), number(classification.cv2, 2)},
        {QStringLiteral("season"), m_outcome.season},
        {QStringLiteral("sigma"), forecast.sigma},
        {QStringLiteral("observed"), m_outcome.observed},
        {QStringLiteral("backtested"), score.origins > 0},
        {QStringLiteral("origins"), score.origins},
        {QStringLiteral("backtestHorizon"), m_outcome.backtestHorizon},
        {QStringLiteral("mase"), finiteOr(score.mase)},
        {QStringLiteral("smape"), finiteOr(score.smape)},
        {QStringLiteral("bias"), finiteOr(score.bias)},
        {QStringLiteral("maseText"), number(score.mase, 2)},
        {QStringLiteral("smapeText"), number(score.smape, 1)},
        {QStringLiteral("biasText"),
         std::isfinite(score.bias)
             ? (score.bias > 0 ? QStringLiteral("+") : QString()) + QLocale().toString(score.bias, 'f', 2)
             : QStringLiteral("—")},
    };
    Q_EMIT forecastChanged();
    recomputePlan();
    scheduleAtp(); // its band is this forecast
    Q_EMIT busyChanged();
}

void ForecastController::recomputePlan()
{
    if (!m_hasForecast || !loaded()) {
        return;
    }
    ReplenishmentInput input;
    input.productId = m_target.productId;
    input.locationId = m_target.locationId;
    input.sku = m_target.sku;
    input.locationCode = m_target.locationCode;
    input.onHand = m_target.onHand;
    input.reserved = m_target.reserved;
    input.backordered = m_target.backordered;
    input.onOrder = m_target.onOrder;
    input.inTransit = m_target.inTransit;
    const Forecast &forecast = m_outcome.forecast;
    input.demandMean = forecast.mean;
    // The one-step error in units (for every method, multiplicative-error models included), as the
    // replenishment service takes it: the view and the Replenish dialog agree for the same frequency.
    input.demandSigma = forecast.sigma;
    input.periodDays = daysPerPeriod(m_target.history.frequency);
    input.leadTimeDays = m_leadTimeDays;
    input.reviewPeriodDays = ReviewDays;
    input.serviceLevel = m_serviceLevel;
    input.unitCost = double(m_target.unitCostCents) / 100.0;
    const ReplenishmentPlan plan = planReplenishment(input);
    m_plan = {
        {QStringLiteral("projected"), plan.projected},
        {QStringLiteral("safetyStock"), plan.safetyStock},
        {QStringLiteral("safetyStockText"), number(plan.safetyStock, 1)},
        {QStringLiteral("reorderPoint"), plan.reorderPointUnits},
        {QStringLiteral("orderUpTo"), plan.orderUpToUnits},
        {QStringLiteral("suggestedQty"), plan.suggestedQty},
        {QStringLiteral("orderValue"), moneyOf(plan.orderValue)},
        {QStringLiteral("leadTimeDemand"), plan.leadTimeDemand},
        {QStringLiteral("leadTimeDemandText"), number(plan.leadTimeDemand, 1)},
        {QStringLiteral("daysOfCover"), std::isfinite(plan.daysOfCover) ? plan.daysOfCover : -1.0},
        {QStringLiteral("daysOfCoverText"),
         std::isfinite(plan.daysOfCover) ? number(plan.daysOfCover, 0) : QStringLiteral("∞")},
        {QStringLiteral("reason"), plan.reason},
        {QStringLiteral("atRisk"), plan.atRisk()},
    };
    Q_EMIT planChanged();
}

// --- Available to promise ---------------------------------------------------------------------------------

void ForecastController::scheduleAtp()
{
    if (!m_active || m_section != QLatin1String("atp") || !loaded() || !m_hasForecast || computing()) {
        return;
    }
    m_atpDelay.start();
    Q_EMIT busyChanged();
}

void ForecastController::sendAtp()
{
    if (!loaded() || !m_hasForecast) {
        Q_EMIT busyChanged();
        return;
    }
    m_atpRequest = DatabaseWorker::newRequestId();
    const quint64 id = m_atpRequest;
    const qint64 productId = m_target.productId;
    const qint64 locationId = m_target.locationId;
    const int days = std::clamp(int(std::ceil(m_horizon * periodDays())), 28, 182);
    ForecastBand band;
    band.frequency = m_target.history.frequency;
    band.start = todayUtc();
    band.forecast = m_outcome.forecast;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=] { worker->fetchAtp(id, productId, locationId, days, band); });
    Q_EMIT busyChanged();
}

void ForecastController::onAtp(quint64 request, const AtpTimeline &timeline)
{
    if (request != m_atpRequest) {
        return;
    }
    m_atpRequest = 0;
    m_atpDone = true;
    m_atpPoints.clear();
    int lowest = std::numeric_limits<int>::max();
    QDate lowestDate;
    for (const AtpPoint &point : timeline.points) {
        m_atpPoints << QVariantMap {{QStringLiteral("x"), msecsOf(point.date)},
                                    {QStringLiteral("available"), point.available},
                                    {QStringLiteral("after"), point.afterForecast},
                                    {QStringLiteral("lo"), point.afterForecastLo},
                                    {QStringLiteral("hi"), point.afterForecastHi}};
        if (point.available < lowest) {
            lowest = point.available;
            lowestDate = point.date;
        }
    }
    m_atpEvents.clear();
    const QLocale locale;
    for (const AtpEvent &event : timeline.events) {
        QString kind;
        switch (event.kind) {
        case AtpEvent::Kind::OnHand:
            kind = tr("On hand", "@item ATP event");
            break;
        case AtpEvent::Kind::Reserved:
            kind = tr("Reserved", "@item ATP event");
            break;
        case AtpEvent::Kind::Backorders:
            kind = tr("Backorders", "@item ATP event");
            break;
        case AtpEvent::Kind::BackorderFill:
            kind = tr("Backorder filled", "@item ATP event");
            break;
        case AtpEvent::Kind::PurchaseArrival:
            kind = tr("Purchase order", "@item ATP event");
            break;
        case AtpEvent::Kind::TransferArrival:
            kind = tr("Transfer", "@item ATP event");
            break;
        }
        m_atpEvents << QVariantMap {
            {QStringLiteral("x"), msecsOf(event.date)},
            {QStringLiteral("date"), locale.toString(event.date, QLocale::ShortFormat)},
            {QStringLiteral("kind"), atpEventKindName(event.kind)},
            {QStringLiteral("kindText"), kind},
            {QStringLiteral("qty"), event.qty},
            {QStringLiteral("location"), event.locationCode},
            {QStringLiteral("reference"), event.reference},
            {QStringLiteral("note"), event.note},
            {QStringLiteral("estimated"), event.estimated},
            {QStringLiteral("overdue"), event.overdue}};
    }
    m_atpInfo = {
        {QStringLiteral("days"), int(timeline.points.size())},
        {QStringLiteral("lowest"), timeline.points.isEmpty() ? 0 : lowest},
        {QStringLiteral("lowestDate"),
         lowestDate.isValid() ? locale.toString(lowestDate, QLocale::ShortFormat) : QString()},
        {QStringLiteral("backordersUncovered"), timeline.backordersUncovered},
        {QStringLiteral("method"), timeline.forecastMethod},
    };
    Q_EMIT atpChanged();
    Q_EMIT busyChanged();
}

void ForecastController::promiseUnits(const QString &qty)
{
    bool ok = false;
    int units = QLocale().toInt(qty.trimmed(), &ok);
    if (!ok) {
        units = qty.trimmed().toInt(&ok);
    }
    if (!ok || units < 1 || units > 1'000'000) {
        m_promiseRequest = 0;
        m_promise = {{QStringLiteral("ok"), false},
                     {QStringLiteral("message"),
                      tr("\"%1\" is not a quantity to promise (1 to 1,000,000 units).").arg(qty.trimmed())}};
        Q_EMIT promiseChanged();
        return;
    }
    if (!loaded()) {
        return;
    }
    m_promiseRequest = DatabaseWorker::newRequestId();
    m_promiseQty = units;
    const quint64 id = m_promiseRequest;
    const qint64 productId = m_target.productId;
    const qint64 locationId = m_target.locationId;
    const int days = std::clamp(int(std::ceil(m_horizon * periodDays())), 28, 182);
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=] { worker->fetchPromise(id, productId, units, locationId, days); });
    Q_EMIT busyChanged();
}

void ForecastController::onPromise(quint64 request, const Promise &promise)
{
    if (request != m_promiseRequest) {
        return;
    }
    m_promiseRequest = 0;
    const QLocale locale;
    QStringList sources;
    QStringList locations;
    for (const PromiseSource &source : promise.sources) {
        sources << tr("%1 from %2 on %3", "@info units, location, date")
                       .arg(source.qty)
                       .arg(source.locationCode, locale.toString(source.date, QLocale::ShortFormat));
        if (!locations.contains(source.locationCode)) {
            locations << source.locationCode;
        }
    }
    m_promise = {
        {QStringLiteral("ok"), true},
        {QStringLiteral("possible"), promise.possible},
        {QStringLiteral("qty"), m_promiseQty},
        {QStringLiteral("date"),
         promise.possible ? locale.toString(promise.date, QLocale::LongFormat) : QString()},
        {QStringLiteral("isoDate"), promise.date.toString(Qt::ISODate)},
        {QStringLiteral("locations"), locations.join(QStringLiteral(", "))},
        {QStringLiteral("sources"), sources},
        {QStringLiteral("covered"), promise.coveredWithinHorizon},
        {QStringLiteral("explanation"), promise.explanation},
    };
    Q_EMIT promiseChanged();
    Q_EMIT busyChanged();
}

// --- What-if: the policy simulator --------------------------------------------------------------------

ForecastController::SimulationOutcome ForecastController::simulate(const SimulationJob &job)
{
    SimulationOutcome out;
    out.model = DemandModel::fromSeries(job.series);
    out.grid = evaluatePolicyGrid(job.input, out.model, defaultServiceLevels(), job.settings);
    if (job.current) {
        // The same runs as the grid (evaluatePolicyGrid sets these from the input), so the points compare.
        SimulationSettings settings = job.settings;
        settings.periodDays = job.input.periodDays;
        settings.unitCost = job.input.unitCost;
        settings.leadTime.mean = job.input.leadTimeDays / job.input.periodDays;
        settings.leadTime.sd = job.input.leadTimeSdDays / job.input.periodDays;
        out.current = simulatePolicy(out.model, *job.current, settings);
    }
    return out;
}

QString ForecastController::simulationKey(const ForecastTarget &daily) const
{
    const std::vector<double> &values = daily.history.series.values;
    return QStringList {daily.sku,
                        daily.locationCode,
                        QString::number(m_leadTimeDays),
                        QString::number(m_target.reorderPoint),
                        QString::number(m_target.reorderQty),
                        QString::number(daily.unitCostCents),
                        QString::number(daily.history.size()),
                        QString::number(std::accumulate(values.cbegin(), values.cend(), 0.0))}
        .join(u'|');
}

void ForecastController::scheduleSimulation()
{
    if (!m_active || m_section != QLatin1String("whatif") || !loaded()) {
        return;
    }
    const auto daily = m_cache.constFind(cacheKey(m_target.sku, m_locationCode, DemandFrequency::Day));
    if (daily == m_cache.cend()) {
        requestSimulationHistory();
        return;
    }
    if (m_simDone && simulationKey(*daily) == m_simKey) {
        return; // nothing it depends on changed
    }
    m_simDirty = true;
    m_simDelay.start();
    Q_EMIT busyChanged();
}

void ForecastController::startSimulation()
{
    if (m_simRunning) {
        return; // it starts again when the one running is done
    }
    const auto daily = m_cache.constFind(cacheKey(m_target.sku, m_locationCode, DemandFrequency::Day));
    if (!loaded() || daily == m_cache.cend()) {
        m_simDirty = false;
        Q_EMIT busyChanged();
        return;
    }
    m_simDirty = false;
    SimulationJob job;
    // Today's demand level: the last half year, stockout days left out by the model.
    const DemandSeries &series = daily->history.series;
    const std::size_t n = series.values.size();
    const std::size_t from = n > std::size_t(SimulationDays) ? n - std::size_t(SimulationDays) : 0;
    job.series.values.assign(series.values.begin() + std::ptrdiff_t(from), series.values.end());
    if (series.stockout.size() == n) {
        job.series.stockout.assign(series.stockout.begin() + std::ptrdiff_t(from), series.stockout.end());
    }
    job.input.productId = m_target.productId;
    job.input.locationId = m_target.locationId;
    job.input.sku = m_target.sku;
    job.input.locationCode = m_target.locationCode;
    job.input.periodDays = 1;
    job.input.leadTimeDays = m_leadTimeDays;
    // Deliveries are not always on time: a quarter of the lead time as its spread.
    job.input.leadTimeSdDays = m_leadTimeDays / 4.0;
    job.input.reviewPeriodDays = ReviewDays;
    job.input.unitCost = double(m_target.unitCostCents) / 100.0;
    if (m_target.locationId != 0 && (m_target.reorderPoint > 0 || m_target.reorderQty > 0)) {
        InventoryPolicy current;
        current.kind = InventoryPolicy::Kind::ReorderPoint;
        current.reorderPoint = m_target.reorderPoint;
        current.orderUpTo = m_target.reorderPoint + m_target.reorderQty;
        current.reviewPeriods = 1;
        job.current = current;
    }
    job.settings.runs = 400;
    job.settings.periods = 365;
    job.settings.warmupPeriods = 60;
    job.settings.seed = 20'240'601; // fixed: the same data gives the same chart
    job.settings.threads = 0;
    m_simKey = simulationKey(*daily);
    m_simRunning = true;
    m_simWatcher.setFuture(QtConcurrent::run(&ForecastController::simulate, job));
    Q_EMIT busyChanged();
}

void ForecastController::onSimulationDone()
{
    m_simRunning = false;
    if (m_simDirty) {
        if (!m_simDelay.isActive()) {
            startSimulation();
        }
        Q_EMIT busyChanged();
        return;
    }
    if (!loaded()) {
        Q_EMIT busyChanged();
        return;
    }
    const SimulationOutcome outcome = m_simWatcher.result();
    m_simDone = true;
    m_simResults = outcome.grid;
    const bool atLocation = m_target.locationId != 0;
    m_policies.clear();
    for (qsizetype i = 0; i < outcome.grid.size(); ++i) {
        const SimulationResult &result = outcome.grid.at(i);
        const InventoryPolicy &policy = result.policy;
        const bool reorderPoint = policy.kind == InventoryPolicy::Kind::ReorderPoint;
        m_policies << QVariantMap {
            {QStringLiteral("index"), int(i)},
            {QStringLiteral("kind"), reorderPoint ? QStringLiteral("sS") : QStringLiteral("RS")},
            {QStringLiteral("kindText"),
             reorderPoint ? tr("Reorder point (s, S)", "@item policy")
                          : tr("Periodic review (R, S)", "@item policy")},
            {QStringLiteral("label"), policy.label()},
            {QStringLiteral("target"), policy.serviceLevelTarget},
            {QStringLiteral("fillRate"), result.fillRate},
            {QStringLiteral("cycleService"), result.cycleServiceLevel},
            {QStringLiteral("stockValue"), result.averageStockValue},
            {QStringLiteral("stockValueText"), moneyOf(result.averageStockValue)},
            {QStringLiteral("averageOnHand"), result.averageOnHand},
            {QStringLiteral("reorderPoint"), policy.reorderPoint},
            {QStringLiteral("orderUpTo"), policy.orderUpTo},
            {QStringLiteral("reviewDays"), policy.reviewPeriods},
            {QStringLiteral("ordersPerYear"), result.ordersPerYear},
            // The settings hold a reorder point and a quantity: what (s, S) is, not what (R, S) is.
            {QStringLiteral("canApply"), atLocation && reorderPoint},
        };
    }
    m_currentPolicy = {{QStringLiteral("set"), bool(outcome.current)},
                       {QStringLiteral("atLocation"), atLocation},
                       {QStringLiteral("reorderPoint"), m_target.reorderPoint},
                       {QStringLiteral("reorderQty"), m_target.reorderQty}};
    if (outcome.current) {
        const SimulationResult &current = *outcome.current;
        m_currentPolicy.insert(QStringLiteral("orderUpTo"), current.policy.orderUpTo);
        m_currentPolicy.insert(QStringLiteral("fillRate"), current.fillRate);
        m_currentPolicy.insert(QStringLiteral("stockValue"), current.averageStockValue);
        m_currentPolicy.insert(QStringLiteral("stockValueText"), moneyOf(current.averageStockValue));
        m_currentPolicy.insert(QStringLiteral("averageOnHand"), current.averageOnHand);
        m_currentPolicy.insert(QStringLiteral("label"), current.policy.label());
    }
    const DemandModel &model = outcome.model;
    const QString demand = model.kind == DemandModel::Kind::Normal
        ? tr("%1 ± %2 a day", "@info simulated demand: mean ± sd")
              .arg(number(model.meanPerPeriod(), 2), number(model.sdPerPeriod(), 2))
        : tr("%1 % of days, %2 ± %3 units", "@info simulated intermittent demand")
              .arg(number(model.probability * 100.0, 0), number(model.sizeMean, 1), number(model.sizeSd, 1));
    m_simulationText
        = tr("%1 runs of a year each (seeded), demand %2 from the last %3 days, lead time %4 ± %5 "
             "days, review every %6 days.",
             "@info")
              .arg(400)
              .arg(demand)
              .arg(SimulationDays)
              .arg(m_leadTimeDays)
              .arg(number(m_leadTimeDays / 4.0, 1))
              .arg(ReviewDays);
    Q_EMIT policiesChanged();
    Q_EMIT busyChanged();
}

void ForecastController::applyPolicy(int index)
{
    if (index < 0 || index >= m_simResults.size() || applying()) {
        return;
    }
    const InventoryPolicy &policy = m_simResults.at(index).policy;
    if (m_target.locationId == 0) {
        setApplyMessage(tr("Reorder settings belong to a location: choose one first.", "@info"), true);
        return;
    }
    if (policy.kind != InventoryPolicy::Kind::ReorderPoint) {
        setApplyMessage(
            tr("A periodic review policy has no reorder point to set: choose a reorder point (s, S) "
               "policy.",
               "@info"),
            true);
        return;
    }
    m_pendingUndo
        = Undo {true, m_target.sku, m_target.locationCode, m_target.reorderPoint, m_target.reorderQty};
    m_saveIsUndo = false;
    // The settings keep a reorder point and how much to order: from s up to S.
    saveSettings(policy.reorderPoint, std::max(0, policy.orderUpTo - policy.reorderPoint));
}

void ForecastController::undoApply()
{
    if (!m_undo.valid || applying()) {
        return;
    }
    m_saveIsUndo = true;
    m_pendingUndo = m_undo;
    saveSettings(m_undo.reorderPoint, m_undo.reorderQty);
}

void ForecastController::saveSettings(int reorderPoint, int reorderQty)
{
    m_saveRequest = DatabaseWorker::newRequestId();
    const quint64 id = m_saveRequest;
    const QString sku = m_pendingUndo.sku;
    const QString location = m_pendingUndo.location;
    const QString user = m_userName;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [=] { worker->saveReorderSettings(id, sku, location, reorderPoint, reorderQty, user); });
    m_applyMessage = m_saveIsUndo ? tr("Restoring the reorder settings…", "@info")
                                  : tr("Writing the reorder settings…", "@info");
    m_applyFailed = false;
    m_pendingUndo.valid = true;
    m_lastWritten = {reorderPoint, reorderQty};
    Q_EMIT applyChanged();
}

void ForecastController::onSaved(quint64 request, bool ok, const QString &message)
{
    if (request != m_saveRequest) {
        return;
    }
    m_saveRequest = 0;
    const Undo &before = m_pendingUndo;
    if (!ok) {
        setApplyMessage(message, true);
        return;
    }
    if (m_saveIsUndo) {
        m_undo = Undo {};
        setApplyMessage(tr("Restored at %1: reorder point %2, reorder quantity %3.", "@info")
                            .arg(before.location)
                            .arg(before.reorderPoint)
                            .arg(before.reorderQty),
                        false);
    } else {
        m_undo = before;
        setApplyMessage(tr("%1 at %2: reorder point %3 → %4, reorder quantity %5 → %6.", "@info")
                            .arg(before.sku, before.location)
                            .arg(before.reorderPoint)
                            .arg(m_lastWritten.first)
                            .arg(before.reorderQty)
                            .arg(m_lastWritten.second),
                        false);
    }
    // The settings are part of what is shown (and of the simulated current policy): read them at once.
    m_cache.remove(cacheKey(m_target.sku, m_locationCode, m_frequency));
    if (m_active && before.sku == m_target.sku) {
        requestTarget(true);
    } else {
        m_stale = true;
    }
}

void ForecastController::setApplyMessage(const QString &message, bool failed)
{
    m_applyMessage = message;
    m_applyFailed = failed;
    Q_EMIT applyChanged();
}

void ForecastController::clearApplyMessage()
{
    if (!m_applyMessage.isEmpty()) {
        setApplyMessage({}, false);
    }
}

// --- The picker and live refresh ------------------------------------------------------------------------

void ForecastController::findProducts(const QString &text)
{
    m_search->find(text);
}

void ForecastController::applyStockChanges(const QList<QPair<qint64, qint64>> &levels)
{
    if (!loaded()) {
        return;
    }
    for (const auto &[productId, locationId] : levels) {
        Q_UNUSED(locationId) // all locations feed the ATP and the backorders of any one
        if (productId == m_target.productId) {
            scheduleLive(1000);
            return;
        }
    }
}

void ForecastController::applyOrderChanges(const QList<qint64> &orderIds)
{
    Q_UNUSED(orderIds)
    // An order that could not reserve (a backorder) moves no stock but is demand, and whose product it is
    // takes a query to know: read the product again after the burst.
    if (loaded()) {
        scheduleLive(5000);
    }
}

void ForecastController::scheduleLive(int delayMs)
{
    if (!m_active) {
        // Read when shown again; what is kept is old now.
        m_stale = true;
        m_cache.clear();
        return;
    }
    // Not restarted by each change: a steady stream still refreshes. The shown product's stock within a
    // second; orders of any product (a backorder moves no stock, but it is demand) within five, so that a busy
    // shop does not re-read a long history every second.
    if (!m_liveDelay.isActive() || m_liveDelay.remainingTime() > delayMs) {
        m_liveDelay.start(delayMs);
    }
}

void ForecastController::refreshLive()
{
    if (!m_active) {
        m_stale = true;
        m_cache.clear();
        return;
    }
    // Every frequency of the product may have changed; the others are read again when chosen.
    m_cache.clear();
    if (m_targetRequest == 0) {
        requestTarget(true);
    } else {
        m_liveDelay.start(1000); // one read at a time: the next one after this
    }
}

} // namespace Stockroom
