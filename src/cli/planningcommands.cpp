// SPDX-License-Identifier: GPL-3.0-or-later
#include "planningcommands.h"

#include "planningservice.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace Stockroom::Cli {

namespace {

/** --service-level as 0.95 or 95 (percent); --review-days as days. */
Result<PlanningOptions> planningOptions(const QCommandLineParser &parser)
{
    PlanningOptions options;
    if (parser.isSet(QStringLiteral("service-level"))) {
        bool ok = false;
        double level = parser.value(QStringLiteral("service-level")).toDouble(&ok);
        if (ok && level > 1 && level < 100) {
            level /= 100;
        }
        if (!ok || level <= 0.5 || level >= 1) {
            return usage(Text::tr("--service-level takes a share like 0.95 or a percentage like 95 (over 50, "
                                  "under 100), not \"%1\".")
                             .arg(parser.value(QStringLiteral("service-level"))));
        }
        options.serviceLevel = level;
    }
    STOCKROOM_TRY(review, intOption(parser, QStringLiteral("review-days"), 7, 0, 365));
    options.reviewPeriodDays = review;
    return options;
}

/** A quantity of the plan with one decimal, as scripts read it. */
double rounded(double value)
{
    return std::isfinite(value) ? std::round(value * 10) / 10 : -1;
}

QJsonObject planJson(const ReplenishmentPlan &plan)
{
    const ReplenishmentInput &in = plan.input;
    return QJsonObject {{QStringLiteral("sku"), in.sku},
                        {QStringLiteral("location"), in.locationCode},
                        {QStringLiteral("on_hand"), in.onHand},
                        {QStringLiteral("reserved"), in.reserved},
                        {QStringLiteral("backordered"), in.backordered},
                        {QStringLiteral("on_order"), in.onOrder},
                        {QStringLiteral("in_transit"), in.inTransit},
                        {QStringLiteral("transfer_in"), plan.transferIn},
                        {QStringLiteral("transfer_out"), plan.transferOut},
                        {QStringLiteral("projected"), plan.projected},
                        {QStringLiteral("lead_time_days"), in.leadTimeDays},
                        {QStringLiteral("lead_time_demand"), rounded(plan.leadTimeDemand)},
                        {QStringLiteral("safety_stock"), rounded(plan.safetyStock)},
                        {QStringLiteral("reorder_point"), plan.reorderPointUnits},
                        {QStringLiteral("order_up_to"), plan.orderUpToUnits},
                        {QStringLiteral("days_of_cover"), rounded(plan.daysOfCover)},
                        {QStringLiteral("suggested_qty"), plan.suggestedQty},
                        {QStringLiteral("reason"), plan.reason}};
}

void printReport(const Invocation &call, const ReplenishmentReport &report)
{
    if (call.json()) {
        QJsonArray purchases;
        for (const SupplierSuggestions &group : report.purchases) {
            QJsonArray lines;
            for (const PurchaseSuggestion &line : group.lines) {
                QJsonObject row = planJson(line.plan);
                row.insert(QStringLiteral("id"), line.id);
                row.insert(QStringLiteral("qty"), line.qty);
                row.insert(QStringLiteral("unit_cost"), money(line.unitCostCents));
                row.insert(QStringLiteral("forecast_method"), line.forecastMethod);
                lines.append(row);
            }
            purchases.append(QJsonObject {{QStringLiteral("supplier"), group.supplier.name},
                                          {QStringLiteral("lead_time_days"), group.supplier.leadTimeDays},
                                          {QStringLiteral("value"), money(group.valueCents)},
                                          {QStringLiteral("lines"), lines}});
        }
        QJsonArray transfers;
        for (const TransferProposal &proposal : report.transfers) {
            transfers.append(QJsonObject {{QStringLiteral("id"), proposal.id},
                                          {QStringLiteral("sku"), proposal.transfer.sku},
                                          {QStringLiteral("from"), proposal.transfer.fromLocationCode},
                                          {QStringLiteral("to"), proposal.transfer.toLocationCode},
                                          {QStringLiteral("qty"), proposal.transfer.qty},
                                          {QStringLiteral("reason"), proposal.transfer.reason}});
        }
        printJson(QJsonObject {{QStringLiteral("date"), report.today.toString(Qt::ISODate)},
                               {QStringLiteral("service_level"), report.options.serviceLevel},
                               {QStringLiteral("review_days"), report.options.reviewPeriodDays},
                               {QStringLiteral("purchases"), purchases},
                               {QStringLiteral("transfers"), transfers}});
        return;
    }
    if (report.purchases.isEmpty() && report.transfers.isEmpty()) {
        out() << Text::tr("Nothing to replenish: every product is above its reorder point.") << Qt::endl;
        return;
    }
    for (const SupplierSuggestions &group : report.purchases) {
        if (group.supplier.id == 0) {
            out() << Text::tr("No supplier known yet (accept with --supplier NAME):") << Qt::endl;
        } else {
            out() << Text::tr("%1 (lead time %2 days), %3:")
                         .arg(group.supplier.name)
                         .arg(group.supplier.leadTimeDays)
                         .arg(money(group.valueCents))
                  << Qt::endl;
        }
        out() << QStringLiteral("  %1 %2 %3 %4 %5 %6  %7")
                     .arg(Text::tr("ID"), -28)
                     .arg(Text::tr("Projected"), 9)
                     .arg(Text::tr("ROP"), 6)
                     .arg(Text::tr("Up to"), 6)
                     .arg(Text::tr("Order"), 6)
                     .arg(Text::tr("Cover"), 6)
                     .arg(Text::tr("Reason"))
              << Qt::endl;
        for (const PurchaseSuggestion &line : group.lines) {
            const double cover = line.plan.daysOfCover;
            out() << QStringLiteral("  %1 %2 %3 %4 %5 %6  %7")
                         .arg(line.id, -28)
                         .arg(line.plan.projected, 9)
                         .arg(line.plan.reorderPointUnits, 6)
                         .arg(line.plan.orderUpToUnits, 6)
                         .arg(line.qty, 6)
                         .arg(std::isfinite(cover) ? QString::number(cover, 'f', 1) : QStringLiteral("∞"), 6)
                         .arg(line.plan.reason)
                  << Qt::endl;
        }
    }
    if (!report.transfers.isEmpty()) {
        out() << Text::tr("Transfers:") << Qt::endl;
        for (const TransferProposal &proposal : report.transfers) {
            out() << QStringLiteral("  %1 %2  %3")
                         .arg(proposal.id, -28)
                         .arg(proposal.transfer.qty, 6)
                         .arg(proposal.transfer.reason)
                  << Qt::endl;
        }
    }
}

Result<int> commandReplenish(Invocation &call)
{
    if (!call.arguments().isEmpty()) {
        return usage(
            Text::tr("replenish takes options only (see --help), not \"%1\".").arg(call.arguments().first()));
    }
    STOCKROOM_TRY(options, planningOptions(call.parser));
    PlanningService planning(*call.context);
    qint64 locationId = 0;
    const QString location = call.parser.value(QStringLiteral("location"));
    if (!location.isEmpty()) {
        CatalogRepository catalog(*call.db);
        STOCKROOM_TRY(found, Known::location(catalog, location));
        locationId = found.id;
    }
    const QStringList accept = call.parser.values(QStringLiteral("accept"));
    if (accept.isEmpty()) {
        if (call.parser.isSet(QStringLiteral("supplier"))) {
            return usage(Text::tr("--supplier goes with --accept."));
        }
        STOCKROOM_TRY(report, planning.replenishment(locationId, options));
        printReport(call, report);
        return Done;
    }
    QStringList ids;
    for (const QString &value : accept) {
        ids << value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    }
    STOCKROOM_TRY(accepted,
                  planning.accept(ids, locationId, options, call.parser.value(QStringLiteral("supplier"))));
    if (call.json()) {
        QJsonArray purchaseOrders;
        for (const PurchaseOrder &po : accepted.purchaseOrders) {
            QJsonArray lines;
            for (const PurchaseOrderLine &line : po.lines) {
                lines.append(
                    QJsonObject {{QStringLiteral("sku"), line.sku}, {QStringLiteral("qty"), line.ordered}});
            }
            purchaseOrders.append(QJsonObject {{QStringLiteral("number"), po.number},
                                               {QStringLiteral("supplier"), po.supplier},
                                               {QStringLiteral("location"), po.locationCode},
                                               {QStringLiteral("status"), po.status},
                                               {QStringLiteral("expected"), po.expectedAt},
                                               {QStringLiteral("lines"), lines}});
        }
        QJsonArray transfers;
        for (const Transfer &transfer : accepted.transfers) {
            QJsonArray lines;
            for (const TransferLine &line : transfer.lines) {
                lines.append(
                    QJsonObject {{QStringLiteral("sku"), line.sku}, {QStringLiteral("qty"), line.qty}});
            }
            transfers.append(QJsonObject {{QStringLiteral("number"), transfer.number},
                                          {QStringLiteral("from"), transfer.fromCode},
                                          {QStringLiteral("to"), transfer.toCode},
                                          {QStringLiteral("status"), transfer.status},
                                          {QStringLiteral("lines"), lines}});
        }
        printJson(QJsonObject {{QStringLiteral("purchase_orders"), purchaseOrders},
                               {QStringLiteral("transfers"), transfers}});
        return Done;
    }
    for (const PurchaseOrder &po : accepted.purchaseOrders) {
        QStringList lines;
        for (const PurchaseOrderLine &line : po.lines) {
            lines << QStringLiteral("%1 × %2").arg(line.ordered).arg(line.sku);
        }
        out() << Text::tr("%1 (draft) from %2 for %3, expected %4: %5")
                     .arg(po.number, po.supplier, po.locationCode, po.expectedAt,
                          lines.join(QStringLiteral(", ")))
              << Qt::endl;
    }
    for (const Transfer &transfer : accepted.transfers) {
        QStringList lines;
        for (const TransferLine &line : transfer.lines) {
            lines << QStringLiteral("%1 × %2").arg(line.qty).arg(line.sku);
        }
        out() << Text::tr("%1 (draft) from %2 to %3: %4")
                     .arg(transfer.number, transfer.fromCode, transfer.toCode,
                          lines.join(QStringLiteral(", ")))
              << Qt::endl;
    }
    return Done;
}

QJsonObject promiseJson(const Promise &promise)
{
    QJsonArray sources;
    for (const PromiseSource &source : promise.sources) {
        sources.append(QJsonObject {{QStringLiteral("location"), source.locationCode},
                                    {QStringLiteral("qty"), source.qty},
                                    {QStringLiteral("date"), source.date.toString(Qt::ISODate)}});
    }
    return QJsonObject {
        {QStringLiteral("possible"), promise.possible},
        {QStringLiteral("date"),
         promise.possible ? QJsonValue(promise.date.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("covered"), promise.coveredWithinHorizon},
        {QStringLiteral("sources"), sources},
        {QStringLiteral("explanation"), promise.explanation}};
}

Result<int> commandAtp(Invocation &call)
{
    if (!call.arguments().isEmpty()) {
        return usage(
            Text::tr("atp takes options only (see --help), not \"%1\".").arg(call.arguments().first()));
    }
    const QString sku = call.parser.value(QStringLiteral("sku"));
    if (sku.isEmpty()) {
        return usage(Text::tr("atp needs --sku."));
    }
    STOCKROOM_TRY(weeks, intOption(call.parser, QStringLiteral("weeks"), 8, 1, 52));
    STOCKROOM_TRY(qty, intOption(call.parser, QStringLiteral("qty"), 0, 1, 1'000'000));
    PlanningService planning(*call.context);
    STOCKROOM_TRY(target, planning.target(sku, call.parser.value(QStringLiteral("location"))));
    const qint64 productId = target.first.id;
    const qint64 locationId = target.second ? target.second->id : 0;
    const bool withForecast = call.parser.isSet(QStringLiteral("forecast"));
    STOCKROOM_TRY(timeline, planning.atp(productId, locationId, weeks * 7, withForecast));
    std::optional<Promise> promise;
    if (qty > 0) {
        STOCKROOM_TRY(answer, planning.earliestPromise(productId, qty, locationId, weeks * 7));
        promise = answer;
    }

    if (call.json()) {
        QJsonArray events;
        for (const AtpEvent &event : timeline.events) {
            events.append(QJsonObject {{QStringLiteral("date"), event.date.toString(Qt::ISODate)},
                                       {QStringLiteral("kind"), atpEventKindName(event.kind)},
                                       {QStringLiteral("qty"), event.qty},
                                       {QStringLiteral("location"), event.locationCode},
                                       {QStringLiteral("reference"), event.reference},
                                       {QStringLiteral("estimated"), event.estimated},
                                       {QStringLiteral("overdue"), event.overdue},
                                       {QStringLiteral("note"), event.note}});
        }
        QJsonArray points;
        for (const AtpPoint &point : timeline.points) {
            QJsonObject row {{QStringLiteral("date"), point.date.toString(Qt::ISODate)},
                             {QStringLiteral("available"), point.available}};
            if (timeline.hasForecast) {
                row.insert(QStringLiteral("after_forecast"), rounded(point.afterForecast));
                row.insert(QStringLiteral("after_forecast_lo80"), rounded(point.afterForecastLo));
                row.insert(QStringLiteral("after_forecast_hi80"), rounded(point.afterForecastHi));
            }
            points.append(row);
        }
        QJsonObject result {{QStringLiteral("sku"), timeline.sku},
                            {QStringLiteral("location"), timeline.locationCode},
                            {QStringLiteral("today"), timeline.today.toString(Qt::ISODate)},
                            {QStringLiteral("backorders_uncovered"), timeline.backordersUncovered},
                            {QStringLiteral("events"), events},
                            {QStringLiteral("points"), points}};
        if (timeline.hasForecast) {
            result.insert(QStringLiteral("forecast_method"), timeline.forecastMethod);
        }
        if (promise) {
            result.insert(QStringLiteral("promise"), promiseJson(*promise));
        }
        printJson(result);
    } else {
        out() << Text::tr("Available to promise of %1 at %2 from %3:")
                     .arg(timeline.sku,
                          timeline.locationCode.isEmpty() ? Text::tr("all locations") : timeline.locationCode,
                          timeline.today.toString(Qt::ISODate))
              << Qt::endl;
        int running = 0;
        for (const AtpEvent &event : timeline.events) {
            running += event.qty;
            out() << QStringLiteral("  %1 %2 %3  %4")
                         .arg(event.date.toString(Qt::ISODate))
                         .arg(QStringLiteral("%1%2")
                                  .arg(event.qty > 0 ? QStringLiteral("+") : QString())
                                  .arg(event.qty),
                              7)
                         .arg(running, 7)
                         .arg(event.note)
                  << Qt::endl;
        }
        if (timeline.backordersUncovered > 0) {
            out() << Text::tr("  %1 units owed to backorders are not covered within %2 weeks.")
                         .arg(timeline.backordersUncovered)
                         .arg(weeks)
                  << Qt::endl;
        }
        if (timeline.hasForecast && !timeline.points.isEmpty()) {
            const AtpPoint &last = timeline.points.last();
            out() << Text::tr("  After forecast demand (%1) on %2: %3 (80 %: %4 to %5).")
                         .arg(timeline.forecastMethod, last.date.toString(Qt::ISODate))
                         .arg(last.afterForecast, 0, 'f', 1)
                         .arg(last.afterForecastLo, 0, 'f', 1)
                         .arg(last.afterForecastHi, 0, 'f', 1)
                  << Qt::endl;
        }
        if (promise) {
            out() << promise->explanation << Qt::endl;
        }
    }
    return promise && !promise->possible ? Refused : Done;
}

} // namespace

QList<Command> planningCommands()
{
    return {
        {QStringLiteral("replenish"),
         Text::tr("Replenishment suggestions (purchases per supplier, transfers); --accept makes drafts."),
         [](QCommandLineParser &p) {
             addOption(p, QStringLiteral("location"), Text::tr("Only this location's suggestions."),
                       QStringLiteral("CODE"));
             addOption(p, QStringLiteral("accept"),
                       Text::tr("Create drafts of these suggestions (ids as listed, comma-separated or "
                                "repeated; all for every one)."),
                       QStringLiteral("ID"));
             addOption(p, QStringLiteral("supplier"),
                       Text::tr("With --accept: the supplier for products never ordered before."),
                       QStringLiteral("NAME"));
             addOption(p, QStringLiteral("review-days"), Text::tr("Days between orders (default 7)."),
                       QStringLiteral("N"));
             addOption(p, QStringLiteral("service-level"),
                       Text::tr("Target cycle service level, e.g. 0.95 or 95 (default 95 %)."),
                       QStringLiteral("P"));
         },
         commandReplenish},
        {QStringLiteral("atp"),
         Text::tr("Available to promise of a product over the coming weeks; --qty: the earliest promise."),
         [](QCommandLineParser &p) {
             addOption(p, QStringLiteral("sku"), Text::tr("Product SKU."), QStringLiteral("SKU"));
             addOption(p, QStringLiteral("location"), Text::tr("One location (default: all)."),
                       QStringLiteral("CODE"));
             addOption(p, QStringLiteral("qty"),
                       Text::tr("When can this many be promised, and from where (exit 1: not within the "
                                "weeks)."),
                       QStringLiteral("N"));
             addOption(p, QStringLiteral("weeks"), Text::tr("Horizon in weeks (default 8)."),
                       QStringLiteral("N"));
             addOption(p, QStringLiteral("forecast"),
                       Text::tr("Also subtract the forecast demand (80 % band)."));
         },
         commandAtp},
    };
}

} // namespace Stockroom::Cli
