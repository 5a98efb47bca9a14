// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "documentflow.h"
#include "forecast.h"
#include "planningrepository.h"
#include "replenishment.h"

#include <QCoreApplication>
#include <QDate>

#include <optional>

namespace Stockroom {

/** The periods of a demand history: days, ISO weeks (Monday to Sunday) or calendar months, all in UTC. */
enum class DemandFrequency { Day, Week, Month };

QString frequencyName(DemandFrequency frequency);
std::optional<DemandFrequency> frequencyFromName(const QString &name);
/** The first day of the period that holds the day. */
QDate periodStart(const QDate &day, DemandFrequency frequency);
/** The first day of the period after the one that starts on (or holds) the day. */
QDate nextPeriodStart(const QDate &day, DemandFrequency frequency);

/**
 * Demand per period of one product at one location (or over all locations), oldest first, with the
 * periods in which nothing could be sold marked as stockouts (DemandSeries::stockout), so that forecasts
 * neither learn them as zero demand nor score themselves on them.
 */
struct DemandHistory
{
    qint64 productId = 0;
    qint64 locationId = 0; ///< 0: every location together
    DemandFrequency frequency = DemandFrequency::Week;
    QList<QDate> periods; ///< the first day of each period
    DemandSeries series; ///< units ordered per period; stockout marks, one per period
    std::vector<double> outShare; ///< share (0..1) of each period's history with nothing available

    int size() const { return int(periods.size()); }
};

/** One dated change of what a location can promise, as the ATP chart lists it. */
struct AtpEvent
{
    enum class Kind {
        OnHand, ///< units on the shelf today
        Reserved, ///< held for open orders (negative)
        Backorders, ///< owed to waiting backorders (negative; all locations together only)
        BackorderFill, ///< an arrival that waiting backorders will take (negative)
        PurchaseArrival, ///< outstanding units of an ordered purchase order, on its expected date
        TransferArrival, ///< units in transit from another location, on their estimated arrival
    };

    QDate date;
    Kind kind = Kind::OnHand;
    int qty = 0; ///< effect on what can be promised: positive adds, negative takes
    qint64 locationId = 0;
    QString locationCode;
    QString reference; ///< PO-…, TR-…, SO-… when the event has a document
    bool estimated = false; ///< the date is worked out, not given (no expected date; transit time)
    bool overdue = false; ///< it was due before today: shown today
    QString note; ///< one line for people
};

QString atpEventKindName(AtpEvent::Kind kind);

/** Projected available on one day: committed supply less committed demand, and after forecast demand. */
struct AtpPoint
{
    QDate date;
    int available = 0; ///< what could still be promised that day (committed only)
    // With a forecast: what would be left after the forecast demand from today on (80 % band).
    double afterForecast = 0;
    double afterForecastLo = 0; ///< demand at the band's high end
    double afterForecastHi = 0;
};

/**
 * The available-to-promise timeline of a product at one location (or all together) over the coming days:
 * today's stock and reservations, waiting backorders, purchase-order arrivals on their expected dates and
 * transfers in transit on their estimated arrival, as dated events and one step point per day.
 */
struct AtpTimeline
{
    qint64 productId = 0;
    QString sku;
    qint64 locationId = 0; ///< 0: all locations
    QString locationCode;
    QDate today;
    QList<AtpEvent> events; ///< by date; their quantities add up to the points
    QList<AtpPoint> points; ///< today first, one per day of the horizon
    int backordersUncovered = 0; ///< units owed to backorders that no arrival within the horizon covers
    bool hasForecast = false;
    QString forecastMethod;
    DemandFrequency forecastFrequency = DemandFrequency::Week;
};

/** Where the units of a promise come from. */
struct PromiseSource
{
    qint64 locationId = 0;
    QString locationCode;
    int qty = 0;
    QDate date; ///< when these units are there for the order
};

/** The earliest date a quantity can be promised, and from where; possible is false beyond the horizon. */
struct Promise
{
    bool possible = false;
    QDate date;
    QList<PromiseSource> sources;
    int coveredWithinHorizon = 0; ///< units that could be had by the horizon's end (all, when possible)
    QString explanation;
};

/** A forecast given by the caller for the ATP band: its first step is the period that holds `start`. */
struct ForecastBand
{
    DemandFrequency frequency = DemandFrequency::Week;
    QDate start;
    Forecast forecast;
};

/** The knobs of planning that are settings rather than data. */
struct PlanningOptions
{
    double reviewPeriodDays = 7; ///< how often replenishment orders are placed
    double serviceLevel = 0.95;
    int historyWeeks = 104; ///< demand history the forecasts learn from
    int transferDays = 2; ///< transit time of a route with no received transfer to learn it from
    QString forecastMethod = QStringLiteral("auto");
};

/** One purchase the planner suggests: a product for a location, from the supplier it was last bought from. */
struct PurchaseSuggestion
{
    QString id; ///< "buy:SKU@LOCATION": what `replenish --accept` takes
    ReplenishmentPlan plan;
    QString productName;
    qint64 unitCostCents = 0;
    QString forecastMethod;
    int qty = 0;
};

/** Purchases grouped per supplier (supplier.id 0: none known yet, they cannot be accepted as they are). */
struct SupplierSuggestions
{
    PlanningSupplier supplier;
    QList<PurchaseSuggestion> lines;
    qint64 valueCents = 0;
};

struct TransferProposal
{
    QString id; ///< "move:SKU@FROM:TO"
    TransferSuggestion transfer;
};

struct ReplenishmentReport
{
    QDate today;
    PlanningOptions options;
    QList<ReplenishmentPlan> plans; ///< every product × location considered, after transfers
    QList<SupplierSuggestions> purchases;
    QList<TransferProposal> transfers;
};

/** What accepting suggestions created: draft documents, to be checked and sent by people. */
struct AcceptedSuggestions
{
    QList<PurchaseOrder> purchaseOrders;
    QList<Transfer> transfers;
};

/**
 * Planning over the ledger: demand history with stockouts, available to promise, and replenishment
 * suggestions (arithmetic in domain/replenishment.h) whose acceptance creates draft purchase orders and
 * transfers through PurchaseService and TransferService. Reads run on one snapshot.
 */
class PlanningService
{
    Q_DECLARE_TR_FUNCTIONS(PlanningService)

public:
    explicit PlanningService(ServiceContext &context)
        : m_context(context)
    {
    }

    /** The product and location (empty code: all locations) people name. */
    Result<QPair<ProductRecord, std::optional<LocationRecord>>> target(const QString &sku,
                                                                       const QString &locationCode);

    /**
     * Demand in the whole periods from the one holding `from` to the last that ends by `to` (exclusive)
     * and before today. Periods before the product's first stock movement or order (there) are left out.
     * A period is a stockout when for at least half of it nothing was available there (on hand − reserved
     * ≤ 0, from the ledger; all locations summed for locationId 0).
     */
    Result<DemandHistory> demandHistory(qint64 productId, qint64 locationId, DemandFrequency frequency,
                                        const QDate &from, const QDate &to);

    /**
     * The ATP timeline over the coming `days` (today first). With `withForecast`, the band comes from
     * `band` when given, else from a forecast of the weekly demand history.
     */
    Result<AtpTimeline> atp(qint64 productId, qint64 locationId, int days, bool withForecast = false,
                            const std::optional<ForecastBand> &band = std::nullopt,
                            const PlanningOptions &options = {});

    /**
     * The earliest date `qty` units can be promised (committed supply against committed demand, no
     * forecast), from one location or any: units available today are reserved at once; the rest waits
     * behind the backorders already waiting and is served by arrivals in date order, as stock arriving
     * fills backorders.
     */
    Result<Promise> earliestPromise(qint64 productId, int qty, qint64 locationId = 0, int days = 56,
                                    const PlanningOptions &options = {});

    /** Suggestions for every product at every active location (or one location). */
    Result<ReplenishmentReport> replenishment(qint64 locationId = 0, const PlanningOptions &options = {});

    /**
     * Creates the drafts of the suggestions with these ids (computed afresh): one purchase order per
     * supplier and location, one transfer per route. Unknown ids are refused before anything is created;
     * `supplierOverride` names the supplier for purchases that have none.
     */
    Result<AcceptedSuggestions> accept(const QStringList &ids, qint64 locationId = 0,
                                       const PlanningOptions &options = {},
                                       const QString &supplierOverride = {});

private:
    ServiceContext &m_context;
};

} // namespace Stockroom
