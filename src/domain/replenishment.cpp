// SPDX-License-Identifier: GPL-3.0-or-later
#include "replenishment.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Stockroom {

double inverseNormalCdf(double p)
{
    // Wichura (1988), Algorithm AS241 PPND16: rational approximations in three regions — the centre
    // |p − 0.5| ≤ 0.425, then r = sqrt(−log(min(p, 1 − p))) up to 5 (p down to about 1e-11) and beyond.
    if (std::isnan(p) || p < 0 || p > 1) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    if (p == 0) {
        return -std::numeric_limits<double>::infinity();
    }
    if (p == 1) {
        return std::numeric_limits<double>::infinity();
    }
    const double q = p - 0.5;
    if (std::abs(q) <= 0.425) {
        const double r = 0.180625 - q * q;
        return q
            * (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
                   + 45921.953931549871457)
                      * r
                  + 13731.693765509461125)
                     * r
                 + 1971.5909503065514427)
                    * r
                + 133.14166789178437745)
                   * r
               + 3.387132872796366608)
            / (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
                   + 21213.794301586595867)
                      * r
                  + 5394.1960214247511077)
                     * r
                 + 687.1870074920579083)
                    * r
                + 42.313330701600911252)
                   * r
               + 1.0);
    }
    double r = std::sqrt(-std::log(q < 0 ? p : 1 - p));
    double value;
    if (r <= 5) {
        r -= 1.6;
        value = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177)
                         * r
                     + 1.27045825245236838258)
                        * r
                    + 3.64784832476320460504)
                       * r
                   + 5.7694972214606914055)
                      * r
                  + 4.6303378461565452959)
                     * r
                 + 1.42343711074968357734)
            / (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966)
                       * r
                   + 0.14810397642748007459)
                      * r
                  + 0.68976733498510000455)
                     * r
                 + 1.6763848301838038494)
                    * r
                + 2.05319162663775882187)
                   * r
               + 1.0);
    } else {
        r -= 5;
        value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                      + 0.0012426609473880784386)
                         * r
                     + 0.026532189526576123093)
                        * r
                    + 0.29656057182850489123)
                       * r
                   + 1.7848265399172913358)
                      * r
                  + 5.4637849111641143699)
                     * r
                 + 6.6579046435011037772)
            / (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r
                    + 1.8463183175100546818e-5)
                       * r
                   + 7.868691311456132591e-4)
                      * r
                  + 0.0148753612908506148525)
                     * r
                 + 0.13692988092273580531)
                    * r
                + 0.59983220655588793769)
                   * r
               + 1.0);
    }
    return q < 0 ? -value : value;
}

double normalCdf(double x)
{
    // erfc keeps the lower tail accurate where 1 − erf would cancel to zero.
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

namespace {

double finiteOr(double value, double fallback)
{
    return std::isfinite(value) ? value : fallback;
}

double nonNegative(double value)
{
    return std::max(0.0, finiteOr(value, 0.0));
}

/** Value i of a per-period vector, held at its last value beyond its end (0 when empty), never negative. */
double perPeriod(const std::vector<double> &values, std::size_t i)
{
    if (values.empty()) {
        return 0;
    }
    return nonNegative(values[std::min(i, values.size() - 1)]);
}

/**
 * The sum of `f(i)` over the first `periods` periods, the last one counted pro rata when `periods` is
 * fractional: a lead time of 10 days on a weekly forecast covers one week and 3/7 of the next. `f` is
 * constant from index `known` on (values held beyond the forecast), so a long lead time costs no loop.
 */
template<typename F>
double sumOverPeriods(double periods, std::size_t known, F f)
{
    double sum = 0;
    const double whole = std::floor(periods);
    const std::size_t looped = std::min(known, std::size_t(whole));
    for (std::size_t i = 0; i < looped; ++i) {
        sum += f(i);
    }
    if (whole > double(looped)) {
        sum += (whole - double(looped)) * f(looped);
    }
    const double fraction = periods - whole;
    if (fraction > 0) {
        sum += fraction * f(std::min(known, std::size_t(whole)));
    }
    return sum;
}

/** Whole units covering a level: rounded up (a service level is a minimum), with slack for rounding noise. */
int unitsCovering(double level)
{
    const double units = std::ceil(level - 1e-9);
    return int(std::clamp(units, 0.0, double(std::numeric_limits<int>::max() / 2)));
}

/** A number as people write it: no trailing zeros, at most `decimals` decimals, no locale grouping. */
QString plainNumber(double value, int decimals = 1)
{
    if (!std::isfinite(value)) {
        return value > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    }
    QString text = QString::number(value, 'f', decimals);
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0'))) {
            text.chop(1);
        }
        if (text.endsWith(QLatin1Char('.'))) {
            text.chop(1);
        }
    }
    return text == QLatin1String("-0") ? QStringLiteral("0") : text;
}

/** The translation context of the reasons (a free tr() helper had made lupdate file them under "Stockroom"). */
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Replenishment)
};

/** Sets the purchase suggestion, its value and the days of cover from the plan's projected stock. */
void decide(ReplenishmentPlan &plan)
{
    plan.suggestedQty = 0;
    if (plan.projected < plan.reorderPointUnits) {
        plan.suggestedQty = roundOrderQuantity(plan.orderUpToUnits - plan.projected, plan.input.packSize,
                                               plan.input.minimumOrderQty);
    }
    plan.orderValue = plan.suggestedQty * plan.input.unitCost;
    if (plan.projected <= 0) {
        plan.daysOfCover = 0;
    } else if (plan.averageDailyDemand <= 0) {
        plan.daysOfCover = std::numeric_limits<double>::infinity();
    } else {
        plan.daysOfCover = plan.projected / plan.averageDailyDemand;
    }
}

/**
 * The one line that explains a plan. `from` and `to` name the locations of suggested transfers in and out;
 * the projected stock is told as it was before them, so the sentence reads as the decision was made.
 */
void explain(ReplenishmentPlan &plan, const QStringList &from, const QStringList &to)
{
    const int before = plan.projected - plan.transferIn + plan.transferOut;
    const QString conditions
        = Text::tr("lead time %1 d, %2 % service")
              .arg(plainNumber(plan.input.leadTimeDays), plainNumber(plan.input.serviceLevel * 100, 2));
    if (plan.transferOut > 0) {
        plan.reason = Text::tr("projected %1 above order-up-to %2 (%3): transfer %4 to %5, no order")
                          .arg(QString::number(before), QString::number(plan.orderUpToUnits), conditions,
                               QString::number(plan.transferOut), to.join(QStringLiteral(", ")));
        return;
    }
    if (before >= plan.reorderPointUnits) {
        plan.reason = Text::tr("projected %1 at or above reorder point %2 (%3): no order")
                          .arg(QString::number(before), QString::number(plan.reorderPointUnits), conditions);
        return;
    }
    const int reached = plan.projected + plan.suggestedQty;
    QString action;
    if (plan.transferIn > 0 && plan.suggestedQty == 0) {
        action = Text::tr("transfer %1 from %2 to reach %3, no order")
                     .arg(QString::number(plan.transferIn), from.join(QStringLiteral(", ")),
                          QString::number(reached));
    } else if (plan.transferIn > 0) {
        action = Text::tr("transfer %1 from %2, order %3 to reach %4")
                     .arg(QString::number(plan.transferIn), from.join(QStringLiteral(", ")),
                          QString::number(plan.suggestedQty), QString::number(reached));
    } else {
        action = Text::tr("order %1 to reach %2")
                     .arg(QString::number(plan.suggestedQty), QString::number(reached));
    }
    // Say why the order overshoots the order-up-to level when packs or the minimum made it so.
    const int shortfall = plan.orderUpToUnits - plan.projected;
    if (plan.suggestedQty > shortfall && plan.suggestedQty > 0) {
        if (plan.input.minimumOrderQty > shortfall) {
            action += Text::tr(" (minimum order %1)").arg(plan.input.minimumOrderQty);
        } else {
            action += Text::tr(" (packs of %1)").arg(plan.input.packSize);
        }
    }
    plan.reason
        = Text::tr("projected %1 below reorder point %2 (%3): %4")
              .arg(QString::number(before), QString::number(plan.reorderPointUnits), conditions, action);
}

} // namespace

int roundOrderQuantity(int shortfall, int packSize, int minimumOrderQty)
{
    if (shortfall <= 0) {
        return 0;
    }
    const int quantity = std::max(shortfall, minimumOrderQty);
    if (packSize <= 1) {
        return quantity;
    }
    return (quantity + packSize - 1) / packSize * packSize;
}

ReplenishmentPlan planReplenishment(const ReplenishmentInput &input)
{
    ReplenishmentPlan plan;
    plan.input = input;
    ReplenishmentInput &in = plan.input;
    in.periodDays = finiteOr(in.periodDays, 1) > 0 ? in.periodDays : 1;
    in.leadTimeDays = nonNegative(in.leadTimeDays);
    in.leadTimeSdDays = nonNegative(in.leadTimeSdDays);
    in.reviewPeriodDays = nonNegative(in.reviewPeriodDays);
    in.demandSigma = nonNegative(in.demandSigma);
    in.unitCost = nonNegative(in.unitCost);
    // Below 50 % the safety stock would be negative, above 99.99 % z grows without bound for no real gain.
    in.serviceLevel = std::clamp(finiteOr(in.serviceLevel, 0.95), 0.5, 0.9999);
    in.packSize = std::max(1, in.packSize);
    in.minimumOrderQty = std::max(0, in.minimumOrderQty);

    plan.z = inverseNormalCdf(in.serviceLevel);
    plan.leadTimePeriods = in.leadTimeDays / in.periodDays;
    plan.protectionPeriods = plan.leadTimePeriods + in.reviewPeriodDays / in.periodDays;
    const double sigmaLeadTimePeriods = in.leadTimeSdDays / in.periodDays;

    const auto demandOver = [&](double periods) {
        return sumOverPeriods(periods, in.demandMean.size(),
                              [&](std::size_t i) { return perPeriod(in.demandMean, i); });
    };
    const auto errorVarianceOver = [&](double periods) {
        if (in.demandSigmaPerStep.empty()) {
            return periods * in.demandSigma * in.demandSigma;
        }
        return sumOverPeriods(periods, in.demandSigmaPerStep.size(), [&](std::size_t i) {
            const double sd = perPeriod(in.demandSigmaPerStep, i);
            return sd * sd;
        });
    };
    // sqrt(n·σ² + d̄²·σ_L²): the two sources of uncertainty are independent, so their variances add. d̄ is
    // the mean demand per period over the interval (the coming period's when the interval is empty).
    const auto sigmaOver = [&](double periods, double demand) {
        const double meanPerPeriod = periods > 0 ? demand / periods : perPeriod(in.demandMean, 0);
        const double leadTimeVariance
            = meanPerPeriod * meanPerPeriod * sigmaLeadTimePeriods * sigmaLeadTimePeriods;
        return std::sqrt(errorVarianceOver(periods) + leadTimeVariance);
    };

    plan.leadTimeDemand = demandOver(plan.leadTimePeriods);
    plan.sigmaLeadTime = sigmaOver(plan.leadTimePeriods, plan.leadTimeDemand);
    plan.safetyStock = plan.z * plan.sigmaLeadTime;
    plan.reorderPoint = plan.leadTimeDemand + plan.safetyStock;

    plan.protectionDemand = demandOver(plan.protectionPeriods);
    plan.sigmaProtection = sigmaOver(plan.protectionPeriods, plan.protectionDemand);
    plan.protectionSafetyStock = plan.z * plan.sigmaProtection;
    plan.orderUpToLevel = plan.protectionDemand + plan.protectionSafetyStock;

    plan.reorderPointUnits = unitsCovering(plan.reorderPoint);
    plan.orderUpToUnits = std::max(plan.reorderPointUnits, unitsCovering(plan.orderUpToLevel));

    plan.projected = in.onHand - in.reserved - in.backordered + in.onOrder + in.inTransit;
    const double protectionDays = plan.protectionPeriods * in.periodDays;
    plan.averageDailyDemand = protectionDays > 0 ? plan.protectionDemand / protectionDays
                                                 : perPeriod(in.demandMean, 0) / in.periodDays;

    decide(plan);
    explain(plan, {}, {});
    return plan;
}

TransferPlan suggestTransfers(const QList<ReplenishmentPlan> &plans)
{
    TransferPlan result;
    result.plans = plans;
    QList<ReplenishmentPlan> &out = result.plans;

    // Indices per product in first-seen order, so the output does not depend on hashing.
    QList<qint64> products;
    QHash<qint64, QList<qsizetype>> indicesOf;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const qint64 product = out.at(i).input.productId;
        if (!indicesOf.contains(product)) {
            products.append(product);
        }
        indicesOf[product].append(i);
    }

    QHash<qsizetype, QStringList> fromCodes;
    QHash<qsizetype, QStringList> toCodes;
    QList<qsizetype> touched;
    for (const qint64 product : std::as_const(products)) {
        const QList<qsizetype> &indices = indicesOf[product];
        QList<qsizetype> destinations;
        QList<qsizetype> sources;
        for (const qsizetype i : indices) {
            if (out.at(i).atRisk()) {
                destinations.append(i);
            } else if (out.at(i).excess() > 0) {
                sources.append(i);
            }
        }
        if (destinations.isEmpty() || sources.isEmpty()) {
            continue;
        }
        std::stable_sort(destinations.begin(), destinations.end(), [&](qsizetype a, qsizetype b) {
            const int shortA = out.at(a).reorderPointUnits - out.at(a).projected;
            const int shortB = out.at(b).reorderPointUnits - out.at(b).projected;
            if (shortA != shortB) {
                return shortA > shortB;
            }
            return out.at(a).input.locationId < out.at(b).input.locationId;
        });
        std::stable_sort(sources.begin(), sources.end(), [&](qsizetype a, qsizetype b) {
            if (out.at(a).excess() != out.at(b).excess()) {
                return out.at(a).excess() > out.at(b).excess();
            }
            return out.at(a).input.locationId < out.at(b).input.locationId;
        });

        for (const qsizetype to : std::as_const(destinations)) {
            for (const qsizetype from : std::as_const(sources)) {
                ReplenishmentPlan &target = out[to];
                ReplenishmentPlan &source = out[from];
                // Up to the destination's order-up-to level: what an order would have brought it to.
                const int need = target.orderUpToUnits - target.projected;
                const int qty = std::min(need, source.excess());
                if (need <= 0) {
                    break;
                }
                if (qty <= 0) {
                    continue;
                }
                const int sourceProjected = source.projected;
                const int targetProjected = target.projected;
                target.projected += qty;
                target.transferIn += qty;
                source.projected -= qty;
                source.transferOut += qty;
                fromCodes[to].append(source.input.locationCode);
                toCodes[from].append(target.input.locationCode);
                for (const qsizetype i : {to, from}) {
                    if (!touched.contains(i)) {
                        touched.append(i);
                    }
                }

                TransferSuggestion transfer;
                transfer.productId = product;
                transfer.sku = target.input.sku.isEmpty() ? source.input.sku : target.input.sku;
                transfer.fromLocationId = source.input.locationId;
                transfer.fromLocationCode = source.input.locationCode;
                transfer.toLocationId = target.input.locationId;
                transfer.toLocationCode = target.input.locationCode;
                transfer.qty = qty;
                transfer.reason
                    = Text::tr("%1 projected %2 below reorder point %3; %4 projected %5 above order-up-to "
                               "%6: move %7")
                          .arg(target.input.locationCode, QString::number(targetProjected),
                               QString::number(target.reorderPointUnits), source.input.locationCode,
                               QString::number(sourceProjected), QString::number(source.orderUpToUnits),
                               QString::number(qty));
                result.transfers.append(transfer);
            }
        }
    }

    for (const qsizetype i : std::as_const(touched)) {
        decide(out[i]);
        explain(out[i], fromCodes.value(i), toCodes.value(i));
    }
    return result;
}

} // namespace Stockroom
