// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "autoforecast.h"
#include "databaseworker.h"
#include "forecast.h"
#include "inventorysim.h"
#include "productsearch.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QVariantList>
#include <QtQmlIntegration>

#include <optional>

namespace Stockroom {

/**
 * The Forecast view: one product at one location (or all) — its demand history with the stockouts marked,
 * a forecast with 80 % and 95 % bands, the method and its backtest accuracy, the replenishment numbers at the
 * chosen service level and lead time, its available-to-promise timeline and earliest promise, and a simulator
 * of reorder policies whose choice can be applied to the reorder settings and undone.
 *
 * The database thread reads a history once per product, location and frequency and the controller keeps it,
 * so the what-if controls (method, horizon, service level, lead time) never query: forecasts and simulations
 * run on the thread pool (pure domain code), the replenishment arithmetic at once. The history and position
 * are read again when the change feed reports the product's stock or new orders.
 */
class ForecastController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")

    // What is shown: the product, where, and the what-if controls.
    /** The product shown; empty until one is chosen or the best seller is found. */
    Q_PROPERTY(QString sku READ sku WRITE setSku NOTIFY skuChanged)
    /** A location's code; empty: all locations together. */
    Q_PROPERTY(QString locationCode READ locationCode WRITE setLocationCode NOTIFY locationCodeChanged)
    /** day, week or month. */
    Q_PROPERTY(QString frequency READ frequency WRITE setFrequency NOTIFY frequencyChanged)
    /** auto, ets, naive, … (forecastMethodNames()). */
    Q_PROPERTY(QString method READ method WRITE setMethod NOTIFY methodChanged)
    /** Periods ahead (of the frequency). */
    Q_PROPERTY(int horizon READ horizon WRITE setHorizon NOTIFY horizonChanged)
    /** Target cycle service level, 0.5 to 0.999. */
    Q_PROPERTY(double serviceLevel READ serviceLevel WRITE setServiceLevel NOTIFY serviceLevelChanged)
    /** Supplier lead time in days; a new product starts with its last supplier's (7 when never bought). */
    Q_PROPERTY(int leadTimeDays READ leadTimeDays WRITE setLeadTimeDays NOTIFY leadTimeDaysChanged)
    /** The tab shown: forecast, atp or whatif (the ATP and the simulation are worked out only when shown). */
    Q_PROPERTY(QString section READ section WRITE setSection NOTIFY sectionChanged)
    /** The view is shown: it fetches, and follows live changes, only then. */
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)
    /** [{value, text}] for the method picker. */
    Q_PROPERTY(QVariantList methods READ methods CONSTANT)

    // Progress
    /** A history is being read. */
    Q_PROPERTY(bool loading READ loading NOTIFY busyChanged)
    /** A forecast is being computed. */
    Q_PROPERTY(bool computing READ computing NOTIFY busyChanged)
    Q_PROPERTY(bool atpLoading READ atpLoading NOTIFY busyChanged)
    Q_PROPERTY(bool simulating READ simulating NOTIFY busyChanged)
    /** Everything the shown tab needs is there (screenshots wait for it). */
    Q_PROPERTY(bool settled READ settled NOTIFY busyChanged)
    /** How many histories were read from the database so far (the cache makes controls free of queries). */
    Q_PROPERTY(int historyFetches READ historyFetches NOTIFY busyChanged)
    /** A product is loaded (false while none exists). */
    Q_PROPERTY(bool loaded READ loaded NOTIFY targetChanged)
    /** Why nothing can be shown (unknown product, database problem); empty otherwise. */
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)

    // The product and its history
    /**
     * {sku, name, location (code, empty: all), unitCost (money), supplier, supplierLeadTimeDays, onHand,
     * reserved, available, backordered, onOrder, inTransit, reorderPoint, reorderQty}
     */
    Q_PROPERTY(QVariantMap product READ product NOTIFY targetChanged)
    /** [{x: period start, end: next period start (msecs since the epoch, UTC), y: units, out: stockout}] */
    Q_PROPERTY(QVariantList history READ history NOTIFY targetChanged)
    /** Start of today (msecs since the epoch, UTC). */
    Q_PROPERTY(double today READ today NOTIFY targetChanged)
    /** Periods of the history marked as stockouts. */
    Q_PROPERTY(int stockoutPeriods READ stockoutPeriods NOTIFY targetChanged)

    // The forecast
    /** [{x: period start, mean, lo80, hi80, lo95, hi95}] for `horizon` periods from the current one. */
    Q_PROPERTY(QVariantList forecast READ forecast NOTIFY forecastChanged)
    /**
     * {method (as the engine names it), methodText, automatic (chosen by auto), parametersText, demandClass,
     * demandClassText, adi, cv2, season, sigma, backtested (bool), mase, smape, bias, origins,
     * backtestHorizon, observed (periods learnt from)}
     */
    Q_PROPERTY(QVariantMap fit READ fit NOTIFY forecastChanged)
    /**
     * The replenishment numbers at the service level and lead time: {projected, safetyStock, reorderPoint,
     * orderUpTo, suggestedQty, orderValue (money), leadTimeDemand, daysOfCover (-1: no demand), reason,
     * atRisk}
     */
    Q_PROPERTY(QVariantMap plan READ plan NOTIFY planChanged)

    // Available to promise
    /** [{x: day start, available, after, lo, hi}] one per day from today (after*: less the forecast, 80 %). */
    Q_PROPERTY(QVariantList atpPoints READ atpPoints NOTIFY atpChanged)
    /** [{x, date, kind, kindText, qty, location, reference, note, estimated, overdue}] by date. */
    Q_PROPERTY(QVariantList atpEvents READ atpEvents NOTIFY atpChanged)
    /** {days, lowest, lowestDate, backordersUncovered, method} */
    Q_PROPERTY(QVariantMap atpInfo READ atpInfo NOTIFY atpChanged)
    /** The last answer of promiseUnits(): {ok, message, possible, qty, date, sources: [text], explanation}. */
    Q_PROPERTY(QVariantMap promise READ promise NOTIFY promiseChanged)

    // What-if
    /**
     * [{index, kind (sS, RS), kindText, label, target, fillRate, cycleService, stockValue, stockValueText,
     * averageOnHand, reorderPoint, orderUpTo, reviewDays, ordersPerYear, canApply}], (s, S) first, by target.
     */
    Q_PROPERTY(QVariantList policies READ policies NOTIFY policiesChanged)
    /** The reorder settings now, simulated alike: {set, reorderPoint, reorderQty, orderUpTo, fillRate, stockValue, stockValueText, label}. */
    Q_PROPERTY(QVariantMap currentPolicy READ currentPolicy NOTIFY policiesChanged)
    /** How the simulation was run, in one line. */
    Q_PROPERTY(QString simulationText READ simulationText NOTIFY policiesChanged)
    Q_PROPERTY(bool applying READ applying NOTIFY applyChanged)
    /** What the last Apply or Undo did (with the old values), or why it was refused. */
    Q_PROPERTY(QString applyMessage READ applyMessage NOTIFY applyChanged)
    Q_PROPERTY(bool applyFailed READ applyFailed NOTIFY applyChanged)
    /** An applied choice can be taken back. */
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY applyChanged)

    // The product picker
    Q_PROPERTY(QVariantList productMatches READ productMatches NOTIFY productMatchesChanged)
    /** The text productMatches answer. */
    Q_PROPERTY(QString productSearch READ productSearch NOTIFY productMatchesChanged)

public:
    /** Simulated demand learns from the last half year of daily demand. */
    static constexpr int SimulationDays = 182;
    /** Replenishment orders are placed weekly (the review period of (R, S) and of the plan). */
    static constexpr int ReviewDays = 7;

    ForecastController(DatabaseWorker *worker, const QString &userName, QObject *parent = nullptr);
    ~ForecastController() override;

    QString sku() const { return m_sku; }
    void setSku(const QString &sku);
    QString locationCode() const { return m_locationCode; }
    void setLocationCode(const QString &code);
    QString frequency() const;
    void setFrequency(const QString &name);
    QString method() const { return m_method; }
    void setMethod(const QString &method);
    int horizon() const { return m_horizon; }
    void setHorizon(int periods);
    double serviceLevel() const { return m_serviceLevel; }
    void setServiceLevel(double level);
    int leadTimeDays() const { return m_leadTimeDays; }
    void setLeadTimeDays(int days);
    QString section() const { return m_section; }
    void setSection(const QString &section);
    bool active() const { return m_active; }
    void setActive(bool active);
    QVariantList methods() const;

    bool loading() const { return m_targetRequest != 0 || m_simHistoryRequest != 0; }
    bool computing() const { return m_forecastRunning || m_forecastDirty; }
    bool atpLoading() const { return m_atpRequest != 0 || m_atpDelay.isActive(); }
    bool simulating() const { return m_simRunning || m_simDirty || m_simDelay.isActive(); }
    bool settled() const;
    int historyFetches() const { return m_historyFetches; }
    bool loaded() const { return m_target.productId != 0; }
    QString message() const { return m_message; }

    QVariantMap product() const { return m_product; }
    QVariantList history() const { return m_history; }
    double today() const;
    int stockoutPeriods() const { return m_stockoutPeriods; }
    QVariantList forecast() const { return m_forecastPoints; }
    QVariantMap fit() const { return m_fit; }
    QVariantMap plan() const { return m_plan; }
    QVariantList atpPoints() const { return m_atpPoints; }
    QVariantList atpEvents() const { return m_atpEvents; }
    QVariantMap atpInfo() const { return m_atpInfo; }
    QVariantMap promise() const { return m_promise; }
    QVariantList policies() const { return m_policies; }
    QVariantMap currentPolicy() const { return m_currentPolicy; }
    QString simulationText() const { return m_simulationText; }
    bool applying() const { return m_saveRequest != 0; }
    QString applyMessage() const { return m_applyMessage; }
    bool applyFailed() const { return m_applyFailed; }
    bool canUndo() const { return m_undo.valid; }
    QVariantList productMatches() const { return m_search->matches(); }
    QString productSearch() const { return m_search->matchesFor(); }

    /** Reads the shown product again (F5), dropping what was kept. */
    Q_INVOKABLE void reload();
    /** The earliest date these units (as typed) can be promised, and from where: answers in promise. */
    Q_INVOKABLE void promiseUnits(const QString &qty);
    /** Writes the reorder settings of an (s, S) point of policies: reorder point s, reorder quantity S − s. */
    Q_INVOKABLE void applyPolicy(int index);
    /** Writes back the reorder settings the last Apply replaced. */
    Q_INVOKABLE void undoApply();
    Q_INVOKABLE void clearApplyMessage();
    /** Looks products up for the picker (after a short pause in typing); answers in productMatches. */
    Q_INVOKABLE void findProducts(const QString &text);
    /** The default horizon of a frequency: a quarter of weeks, four weeks of days, half a year of months. */
    Q_INVOKABLE static int defaultHorizon(const QString &frequency);

    /** Live refresh: the shown product's stock changed somewhere. */
    void applyStockChanges(const QList<QPair<qint64, qint64>> &levels);
    /** Live refresh: orders changed (new demand, possibly of the shown product). */
    void applyOrderChanges(const QList<qint64> &orderIds);

    /** What a forecast computation takes and gives (public for the thread pool's function). */
    struct ForecastJob
    {
        DemandSeries series;
        DemandFrequency frequency = DemandFrequency::Week;
        QString method;
        int horizon = 13; ///< computed (at least what the plan needs)
        int shownHorizon = 13; ///< what the backtest tests
    };
    struct ForecastOutcome
    {
        Forecast forecast;
        DemandClassification classification;
        BacktestScore score;
        int backtestHorizon = 0;
        int season = 1;
        int observed = 0;
    };
    struct SimulationJob
    {
        DemandSeries series;
        ReplenishmentInput input;
        std::optional<InventoryPolicy> current;
        SimulationSettings settings;
    };
    struct SimulationOutcome
    {
        DemandModel model;
        QList<SimulationResult> grid;
        std::optional<SimulationResult> current;
    };
    static ForecastOutcome computeForecast(const ForecastJob &job);
    static SimulationOutcome simulate(const SimulationJob &job);

Q_SIGNALS:
    void skuChanged();
    void locationCodeChanged();
    void frequencyChanged();
    void methodChanged();
    void horizonChanged();
    void serviceLevelChanged();
    void leadTimeDaysChanged();
    void sectionChanged();
    void activeChanged();
    void busyChanged();
    void targetChanged();
    void messageChanged();
    void forecastChanged();
    void planChanged();
    void atpChanged();
    void promiseChanged();
    void policiesChanged();
    void applyChanged();
    void productMatchesChanged();

private:
    QString cacheKey(const QString &sku, const QString &location, DemandFrequency frequency) const;
    void requestTarget(bool force);
    void requestSimulationHistory();
    void onTargetFetched(quint64 request, const ForecastTarget &target);
    void onFailed(quint64 request, const QString &message);
    void useTarget(const ForecastTarget &target);
    void clearShown();
    void setMessage(const QString &message);
    void scheduleForecast();
    void startForecast();
    void onForecastDone();
    void recomputePlan();
    void scheduleAtp();
    void sendAtp();
    void onAtp(quint64 request, const AtpTimeline &timeline);
    void onPromise(quint64 request, const Promise &promise);
    void scheduleSimulation();
    void startSimulation();
    void onSimulationDone();
    void onSaved(quint64 request, bool ok, const QString &message);
    void saveSettings(int reorderPoint, int reorderQty);
    void setApplyMessage(const QString &message, bool failed);
    void scheduleLive(int delayMs);
    void refreshLive();
    QString simulationKey(const ForecastTarget &daily) const;
    double periodDays() const;

    DatabaseWorker *m_worker;
    QString m_userName;

    QString m_sku;
    QString m_locationCode;
    DemandFrequency m_frequency = DemandFrequency::Week;
    QString m_method = QStringLiteral("auto");
    int m_horizon = 13;
    double m_serviceLevel = 0.95;
    int m_leadTimeDays = 7;
    QString m_section = QStringLiteral("forecast");
    bool m_active = false;
    bool m_stale = true; ///< something changed while the view was hidden (or nothing was read yet)

    QHash<QString, ForecastTarget> m_cache; ///< by cacheKey: histories and positions read so far
    quint64 m_targetRequest = 0;
    quint64 m_simHistoryRequest = 0;
    int m_historyFetches = 0;
    ForecastTarget m_target;
    QString m_message;
    QVariantMap m_product;
    QVariantList m_history;
    int m_stockoutPeriods = 0;

    QFutureWatcher<ForecastOutcome> m_forecastWatcher;
    bool m_forecastRunning = false; ///< from start to the finished signal (a queued future is not "running")
    bool m_forecastDirty = false;
    bool m_hasForecast = false;
    ForecastOutcome m_outcome;
    QVariantList m_forecastPoints;
    QVariantMap m_fit;
    QVariantMap m_plan;

    QTimer m_atpDelay;
    quint64 m_atpRequest = 0;
    bool m_atpDone = false;
    QVariantList m_atpPoints;
    QVariantList m_atpEvents;
    QVariantMap m_atpInfo;
    quint64 m_promiseRequest = 0;
    int m_promiseQty = 0;
    QVariantMap m_promise;

    QTimer m_simDelay;
    QFutureWatcher<SimulationOutcome> m_simWatcher;
    bool m_simRunning = false;
    bool m_simDirty = false;
    bool m_simDone = false;
    QString m_simKey; ///< what the shown simulation was run on: nothing new, no new run
    QList<SimulationResult> m_simResults;
    QVariantList m_policies;
    QVariantMap m_currentPolicy;
    QString m_simulationText;

    /** What the last Apply replaced, to write back. */
    struct Undo
    {
        bool valid = false;
        QString sku;
        QString location;
        int reorderPoint = 0;
        int reorderQty = 0;
    };
    Undo m_undo;
    Undo m_pendingUndo; ///< what the Apply in flight replaces
    bool m_saveIsUndo = false;
    QPair<int, int> m_lastWritten; ///< reorder point and quantity of the save in flight
    quint64 m_saveRequest = 0;
    QString m_applyMessage;
    bool m_applyFailed = false;

    QTimer m_liveDelay;
    ProductSearch *m_search = nullptr;
};

} // namespace Stockroom
