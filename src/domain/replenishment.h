// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <algorithm>
#include <vector>

namespace Stockroom {

/**
 * The standard normal quantile: the z with Φ(z) = p, by Wichura's algorithm AS241 (PPND16), accurate to
 * about 1e-16. −∞ at p = 0, +∞ at p = 1, NaN outside [0, 1]. Safety stock needs z for the service level.
 */
double inverseNormalCdf(double p);
/** The standard normal distribution function Φ(x). */
double normalCdf(double x);

/**
 * What the planner knows about one product at one location. Stock quantities are whole units as the ledger
 * keeps them; demand is a forecast per period (index 0 is the coming period), e.g. Forecast::mean, with its
 * one-step error sd (Forecast::sigma).
 */
struct ReplenishmentInput
{
    qint64 productId = 0;
    qint64 locationId = 0;
    QString sku; ///< only for the reasons and for callers' bookkeeping
    QString locationCode; ///< names the location in transfer reasons

    // Stock position
    int onHand = 0;
    int reserved = 0;
    int backordered = 0; ///< units owed to open backorders here
    int onOrder = 0; ///< open purchase-order units due here
    int inTransit = 0; ///< transfers on their way here

    // Demand
    std::vector<double>
        demandMean; ///< per period, coming period first; held at its last value beyond its end
    double demandSigma = 0; ///< one-step forecast error sd per period
    /**
     * Optional per-period error sds (same indexing as demandMean; the last held beyond its end). When given,
     * they replace demandSigma and count as independent per period: the variance over n periods is their
     * sum of squares.
     */
    std::vector<double> demandSigmaPerStep;
    double periodDays = 1; ///< 1 for a daily forecast, 7 for a weekly one

    // Supply and policy
    double leadTimeDays = 0;
    double leadTimeSdDays = 0;
    double reviewPeriodDays = 7; ///< how often orders are placed; 0 for continuous review
    double serviceLevel = 0.95; ///< target cycle service level, clamped into [0.5, 0.9999]
    double unitCost = 0;
    int packSize = 1; ///< orders are whole packs; 0 or 1 for single units
    int minimumOrderQty = 0; ///< the supplier's minimum; 0 for none
};

/**
 * The planner's numbers for one product × location, and the sentence that explains the suggestion.
 *
 * Lead time L and review period R are counted in forecast periods (days / periodDays; they may be
 * fractional). With d̄ the mean forecast per period over the interval and σ the per-period forecast error,
 * the demand uncertainty over an interval of n periods is sqrt(n·σ² + d̄²·σ_L²): forecast errors over n
 * independent periods, plus the lead time's own variability σ_L (periods) moving a whole period's demand
 * each time it slips. The reorder point protects the lead time (n = L), the order-up-to level the lead
 * time plus the review period (n = L + R).
 */
struct ReplenishmentPlan
{
    ReplenishmentInput input; ///< as given (the service level as clamped)

    double leadTimePeriods = 0;
    double protectionPeriods = 0; ///< lead time + review period
    double z = 0; ///< standard normal quantile of the service level
    double leadTimeDemand = 0; ///< forecast demand over the lead time
    double sigmaLeadTime = 0; ///< sd of the demand over the lead time
    double safetyStock = 0; ///< z · sigmaLeadTime
    double reorderPoint = 0; ///< leadTimeDemand + safetyStock (exact)
    double protectionDemand = 0; ///< forecast demand over lead time + review period
    double sigmaProtection = 0;
    double protectionSafetyStock = 0; ///< z · sigmaProtection
    double orderUpToLevel = 0; ///< protectionDemand + protectionSafetyStock (exact)
    int reorderPointUnits = 0; ///< ceil(reorderPoint): stock is whole units and the service level a minimum
    int orderUpToUnits = 0; ///< ceil(orderUpToLevel), never below reorderPointUnits

    int projected
        = 0; ///< on hand − reserved − backordered + on order + in transit, + transferIn − transferOut
    int transferIn = 0; ///< units suggested to come here from other locations (suggestTransfers)
    int transferOut = 0; ///< units suggested to leave for other locations (suggestTransfers)
    int suggestedQty = 0; ///< purchase: 0 when projected ≥ reorder point, else up to order-up-to, rounded up
    double orderValue = 0; ///< suggestedQty × unit cost
    double averageDailyDemand = 0; ///< mean forecast per day over the protection interval
    double daysOfCover = 0; ///< projected / average daily demand; +∞ without demand, 0 when projected ≤ 0
    QString reason; ///< one line, e.g. "projected 12 below reorder point 30 (…): order 48 to reach 60"

    bool atRisk() const { return projected < reorderPointUnits; }
    /**
     * Units above the order-up-to level that are on the shelf now: what this location can give away and
     * still be fully protected. Stock on order or on its way counts for the protection but cannot be sent.
     */
    int excess() const
    {
        const int above = projected > orderUpToUnits ? projected - orderUpToUnits : 0;
        const int shelf = input.onHand - input.reserved - input.backordered - transferOut;
        return std::max(0, std::min(above, shelf));
    }
};

/** Computes the plan of one product at one location. Pure; never fails (bad numbers are clamped to 0). */
ReplenishmentPlan planReplenishment(const ReplenishmentInput &input);

/**
 * Rounds a shortfall up to what may be ordered: at least the minimum order quantity, then up to whole
 * packs. 0 stays 0.
 */
int roundOrderQuantity(int shortfall, int packSize, int minimumOrderQty);

/** One suggested move of stock of one product between two locations. */
struct TransferSuggestion
{
    qint64 productId = 0;
    QString sku;
    qint64 fromLocationId = 0;
    QString fromLocationCode;
    qint64 toLocationId = 0;
    QString toLocationCode;
    int qty = 0;
    QString reason;
};

struct TransferPlan
{
    QList<ReplenishmentPlan> plans; ///< the input plans, updated for the transfers (same order)
    QList<TransferSuggestion> transfers;
};

/**
 * Balances stock of each product across its locations before buying more. Rule: a location at risk
 * (projected below its reorder point) receives, up to its order-up-to level, units from locations whose
 * projected stock is above their own order-up-to level — never more than that excess, so a source keeps
 * its full protection (reorder point and safety stock included). A transfer is preferred over a purchase
 * because the units are already paid for and the excess would otherwise sit idle; only what transfers do not
 * cover is purchased (the destination's suggestedQty is recomputed with the transfers in).
 * Deterministic: destinations most short first (largest reorderPointUnits − projected, then location id),
 * sources largest excess first (then location id). Plans are matched by productId.
 */
TransferPlan suggestTransfers(const QList<ReplenishmentPlan> &plans);

} // namespace Stockroom
