// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include "usercommands.h"

#include "backupcommands.h"
#include "catalogservice.h"
#include "changefeed.h"
#include "clisupport.h"
#include "demodata.h"
#include "exportcommands.h"
#include "forecastcommands.h"
#include "fulfilmentservice.h"
#include "importcommands.h"
#include "invariantchecker.h"
#include "inventorycommands.h"
#include "migrations.h"
#include "orderservice.h"
#include "orderstatus.h"
#include "packingslip.h"
#include "pgcommands.h"
#include "picklist.h"
#include "planningcommands.h"
#include "planningservice.h"
#include "returnservice.h"
#include "shippinglabel.h"
#include "stockexport.h"
#include "stockservice.h"
#include "tracking.h"
#include "trackingimport.h"
#include "trackingservice.h"
#include "zpllabel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>

#include <cstdio>
#include <functional>

namespace Stockroom::Cli {

namespace {

/** One stock level after a change: JSON like `stock --json`, or a sentence. */
void printLevel(const Invocation &call, const StockLevelRow &level)
{
    if (call.json()) {
        out() << QString::fromUtf8(StockExport::levelsJson({level}));
        return;
    }
    out() << Text::tr("%1 at %2: %3 on hand, %4 reserved, %5 available.")
                 .arg(level.sku, level.locationCode)
                 .arg(level.onHand)
                 .arg(level.reserved)
                 .arg(level.available())
          << Qt::endl;
}

/** A weight in kilograms with a dot ("0.9", "12.345"), as grams. */
Result<int> gramsFrom(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9]{1,4})(?:\\.([0-9]{1,3}))?$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) {
        return Error::usage(
            Text::tr(
                "--weight takes kilograms like 0.9 or 12.345 (a dot, at most three decimals), not \"%1\".")
                .arg(text));
    }
    const QString minor = match.captured(2);
    return match.captured(1).toInt() * 1000
        + (minor.isEmpty() ? 0 : minor.leftJustified(3, QLatin1Char('0')).toInt());
}

/** The worst of several exit codes: a database error outranks a usage error outranks a refusal. */
int worse(int a, int b)
{
    return std::max(a, b);
}

QJsonObject orderStateJson(const OrderHeader &order)
{
    return QJsonObject {{QStringLiteral("order"), order.number},
                        {QStringLiteral("status"), order.status},
                        {QStringLiteral("payment"), order.paymentStatus},
                        {QStringLiteral("total_cents"), order.totalCents},
                        {QStringLiteral("paid_cents"), order.paidCents},
                        {QStringLiteral("refunded_cents"), order.refundedCents},
                        {QStringLiteral("hold_reason"), order.holdReason},
                        {QStringLiteral("version"), order.version}};
}

Result<int> commandInit(Invocation &call)
{
    STOCKROOM_TRY(version, Migrations::currentVersion(*call.db));
    if (call.json()) {
        printJson(QJsonObject {{QStringLiteral("database"), call.db->spec().displayString()},
                               {QStringLiteral("schema_version"), version}});
    } else {
        out() << Text::tr("Database %1 is ready (schema version %2).")
                     .arg(call.db->spec().displayString())
                     .arg(version)
              << Qt::endl;
    }
    return Done;
}

Result<int> commandDemo(Invocation &call)
{
    DemoOptions options;
    if (call.parser.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        options.seed = call.parser.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok) {
            return usage(Text::tr("--seed must be a whole number."));
        }
    }
    STOCKROOM_TRY(products, intOption(call.parser, QStringLiteral("products"), options.products, 1, 5000));
    STOCKROOM_TRY(locations, intOption(call.parser, QStringLiteral("locations"), options.locations, 1, 6));
    STOCKROOM_TRY(days, intOption(call.parser, QStringLiteral("days"), options.days, 1, 3650));
    STOCKROOM_TRY(archiveCount, intOption(call.parser, QStringLiteral("archive"), 0, 1, 5'000'000));
    options.products = products;
    options.locations = locations;
    options.days = days;
    if (call.parser.isSet(QStringLiteral("end-date"))) {
        options.endDate = QDate::fromString(call.parser.value(QStringLiteral("end-date")), Qt::ISODate);
        if (!options.endDate.isValid()) {
            return usage(Text::tr("--end-date must be a date like 2026-11-26."));
        }
    }
    if (call.db->engine() == Engine::SQLite) {
        // Demo history is re-creatable: no need to wait for the disk after each of its transactions.
        STOCKROOM_CHECK(call.db->run(QStringLiteral("PRAGMA synchronous = OFF")));
    }
    QElapsedTimer timer;
    timer.start();
    const bool quiet = call.json() || !qEnvironmentVariableIsEmpty("CI");
    STOCKROOM_TRY(summary, DemoData::generate(*call.db, options, [&](int day, int total) {
                      if (!quiet && (day % 30 == 0 || day == total)) {
                          err() << Text::tr("\rdemo: day %1 of %2").arg(day).arg(total);
                          err().flush();
                      }
                  }));
    if (!quiet) {
        err() << Qt::endl;
    }
    int archived = 0;
    if (archiveCount > 0) {
        STOCKROOM_TRY(written,
                      DemoData::archive(*call.db, archiveCount, options.seed, [&](int done, int total) {
                          if (!quiet && (done % 100'000 == 0 || done == total)) {
                              err() << Text::tr("\rdemo: %1 of %2 archived orders").arg(done).arg(total);
                              err().flush();
                          }
                      }));
        archived = written;
        if (!quiet) {
            err() << Qt::endl;
        }
        STOCKROOM_CHECK(call.db->run(QStringLiteral("ANALYZE")));
    }
    if (call.db->engine() == Engine::SQLite) {
        STOCKROOM_CHECK(
            call.db->run(QStringLiteral("PRAGMA synchronous = %1").arg(call.db->spec().sqliteSynchronous)));
    }
    const QJsonObject result {{QStringLiteral("products"), summary.products},
                              {QStringLiteral("locations"), summary.locations},
                              {QStringLiteral("orders"), summary.orders},
                              {QStringLiteral("order_lines"), summary.orderLines},
                              {QStringLiteral("backordered_orders"), summary.backorderedOrders},
                              {QStringLiteral("cancelled_orders"), summary.cancelledOrders},
                              {QStringLiteral("shipped_orders"), summary.shippedOrders},
                              {QStringLiteral("receipts"), summary.receipts},
                              {QStringLiteral("archived_orders"), archived},
                              {QStringLiteral("seconds"), timer.elapsed() / 1000.0}};
    if (call.json()) {
        printJson(result);
    } else {
        out() << Text::tr("Demo data: %1 products at %2 locations, %3 orders (%4 lines; %5 shipped, %6 "
                          "backordered at "
                          "placement, %7 cancelled), %8 receipts in %9 s.")
                     .arg(summary.products)
                     .arg(summary.locations)
                     .arg(summary.orders)
                     .arg(summary.orderLines)
                     .arg(summary.shippedOrders)
                     .arg(summary.backorderedOrders)
                     .arg(summary.cancelledOrders)
                     .arg(summary.receipts)
                     .arg(timer.elapsed() / 1000.0, 0, 'f', 1)
              << Qt::endl;
        if (archived > 0) {
            out() << Text::tr("Archived orders before them: %1.").arg(archived) << Qt::endl;
        }
    }
    return Done;
}

Result<int> commandReceive(Invocation &call)
{
    const QString sku = call.parser.value(QStringLiteral("sku"));
    const QString location = call.parser.value(QStringLiteral("location"));
    if (sku.isEmpty() || location.isEmpty() || !call.parser.isSet(QStringLiteral("qty"))) {
        return usage(Text::tr("receive needs --sku, --location and --qty."));
    }
    STOCKROOM_TRY(qty, intOption(call.parser, QStringLiteral("qty"), 0, 1, 1'000'000));
    StockService stock(*call.context);
    STOCKROOM_TRY(level, stock.receive(sku, location, qty, call.parser.value(QStringLiteral("note"))));
    printLevel(call, level);
    return Done;
}

Result<int> commandAdjust(Invocation &call)
{
    const QString sku = call.parser.value(QStringLiteral("sku"));
    const QString location = call.parser.value(QStringLiteral("location"));
    if (sku.isEmpty() || location.isEmpty() || !call.parser.isSet(QStringLiteral("delta"))) {
        return usage(Text::tr("adjust needs --sku, --location, --delta and --reason."));
    }
    STOCKROOM_TRY(delta, intOption(call.parser, QStringLiteral("delta"), 0, -1'000'000, 1'000'000));
    StockService stock(*call.context);
    STOCKROOM_TRY(level, stock.adjust(sku, location, delta, call.parser.value(QStringLiteral("reason"))));
    printLevel(call, level);
    return Done;
}

Result<int> commandPlaceOrder(Invocation &call)
{
    PlaceOrderRequest request;
    const QStringList lines = call.parser.values(QStringLiteral("line"));
    if (lines.isEmpty()) {
        return usage(Text::tr("place-order needs at least one --line SKU:QTY."));
    }
    for (const QString &line : lines) {
        const qsizetype colon = line.lastIndexOf(QLatin1Char(':'));
        bool ok = false;
        const int qty = colon > 0 ? line.mid(colon + 1).toInt(&ok) : 0;
        if (colon <= 0 || !ok) {
            return usage(Text::tr("--line takes SKU:QTY, not \"%1\".").arg(line));
        }
        request.lines << OrderLineRequest {line.left(colon), qty, {}};
    }
    if (call.parser.isSet(QStringLiteral("channel"))) {
        request.channel = call.parser.value(QStringLiteral("channel"));
    }
    request.externalId = call.parser.value(QStringLiteral("external-id"));
    request.customerName = call.parser.value(QStringLiteral("customer"));
    request.shipRegion = call.parser.value(QStringLiteral("region"));
    request.shipPostcode = call.parser.value(QStringLiteral("postcode"));
    request.customerEmail = call.parser.value(QStringLiteral("email"));
    if (call.parser.isSet(QStringLiteral("payment"))) {
        request.paymentStatus = call.parser.value(QStringLiteral("payment"));
    }
    // What could be promised for each line before the order takes its stock: the answer at order entry
    // for the lines that end up backordered (after placing, the order's own backorder is in the queue).
    // By line (the same SKU may be on two lines, each with its own quantity).
    QHash<qsizetype, Promise> promises;
    {
        PlanningService planning(*call.context);
        for (qsizetype i = 0; i < request.lines.size(); ++i) {
            const OrderLineRequest &line = request.lines.at(i);
            const auto target = planning.target(line.sku, {});
            if (target && line.qty > 0) {
                const auto promise = planning.earliestPromise(target->first.id, line.qty);
                if (promise) {
                    promises.insert(i, *promise);
                }
            }
        }
    }
    OrderService orders(*call.context);
    STOCKROOM_TRY(placed, orders.place(request));
    const auto promiseText = [&](qsizetype index) -> QString {
        const auto found = promises.constFind(index);
        if (placed.lines.at(index).backordered <= 0 || found == promises.constEnd()) {
            return {};
        }
        return found->explanation;
    };
    if (call.json()) {
        QJsonObject json = StockExport::placedOrderJson(placed);
        QJsonArray answers;
        for (qsizetype i = 0; i < placed.lines.size(); ++i) {
            const PlacedLine &line = placed.lines.at(i);
            const auto found = promises.constFind(i);
            if (line.backordered <= 0 || found == promises.constEnd()) {
                continue;
            }
            QJsonArray sources;
            for (const PromiseSource &source : found->sources) {
                sources.append(QJsonObject {{QStringLiteral("location"), source.locationCode},
                                            {QStringLiteral("qty"), source.qty},
                                            {QStringLiteral("date"), source.date.toString(Qt::ISODate)}});
            }
            answers.append(QJsonObject {{QStringLiteral("sku"), line.sku},
                                        {QStringLiteral("possible"), found->possible},
                                        {QStringLiteral("date"),
                                         found->possible ? QJsonValue(found->date.toString(Qt::ISODate))
                                                         : QJsonValue(QJsonValue::Null)},
                                        {QStringLiteral("sources"), sources},
                                        {QStringLiteral("explanation"), found->explanation}});
        }
        json.insert(QStringLiteral("promises"), answers);
        printJson(json);
        return Done;
    }
    out() << Text::tr("%1 %2: %3").arg(placed.number, placed.status, placed.explanation) << Qt::endl;
    for (qsizetype i = 0; i < placed.lines.size(); ++i) {
        const PlacedLine &line = placed.lines.at(i);
        QStringList parts;
        for (const LineAllocation &allocation : line.allocations) {
            parts << Text::tr("%1 from %2").arg(allocation.qty).arg(allocation.locationCode);
        }
        if (line.backordered > 0) {
            parts << Text::tr("%1 backordered").arg(line.backordered);
        }
        out() << QStringLiteral("  %1 × %2: %3").arg(line.qty).arg(line.sku, parts.join(QStringLiteral(", ")))
              << Qt::endl;
        const QString promise = promiseText(i);
        if (!promise.isEmpty()) {
            out() << QStringLiteral("    %1").arg(promise) << Qt::endl;
        }
    }
    return Done;
}

Result<int> commandCancelOrder(Invocation &call)
{
    const QStringList positional = call.parser.positionalArguments();
    if (positional.size() != 2) {
        return usage(Text::tr("cancel-order takes one order number."));
    }
    STOCKROOM_TRY(expected, expectedVersion(call.parser));
    OrderService orders(*call.context);
    STOCKROOM_TRY(order, orders.cancel(positional.at(1), expected));
    if (call.json()) {
        printJson(
            QJsonObject {{QStringLiteral("order"), order.number}, {QStringLiteral("status"), order.status}});
    } else {
        out() << Text::tr("%1 is %2.").arg(order.number, order.status) << Qt::endl;
    }
    return Done;
}

Result<int> commandShipOrder(Invocation &call)
{
    const QStringList positional = call.parser.positionalArguments();
    if (positional.size() != 2) {
        return usage(Text::tr("ship-order takes one order number."));
    }
    ShipRequest details;
    details.carrier = call.parser.value(QStringLiteral("carrier"));
    details.service = call.parser.value(QStringLiteral("service"));
    details.trackingNumber = call.parser.value(QStringLiteral("tracking"));
    if (call.parser.isSet(QStringLiteral("weight"))) {
        STOCKROOM_TRY(grams, gramsFrom(call.parser.value(QStringLiteral("weight"))));
        details.weightGrams = grams;
    }
    STOCKROOM_TRY(expected, expectedVersion(call.parser));
    OrderService orders(*call.context);
    STOCKROOM_TRY(shipped, orders.ship(positional.at(1), details, expected));
    for (const QString &warning : std::as_const(shipped.warnings)) {
        warn(warning);
    }
    if (call.json()) {
        QJsonArray shipments;
        for (const ShipmentSummary &shipment : std::as_const(shipped.shipments)) {
            shipments.append(QJsonObject {{QStringLiteral("shipment"), shipment.shipmentId},
                                          {QStringLiteral("location"), shipment.locationCode},
                                          {QStringLiteral("units"), shipment.units}});
        }
        printJson(QJsonObject {{QStringLiteral("order"), shipped.number},
                               {QStringLiteral("status"), shipped.status},
                               {QStringLiteral("shipments"), shipments},
                               {QStringLiteral("warnings"), QJsonArray::fromStringList(shipped.warnings)}});
    } else {
        out() << Text::tr("%1 is %2.").arg(shipped.number, shipped.status) << Qt::endl;
        for (const ShipmentSummary &shipment : std::as_const(shipped.shipments)) {
            out() << Text::tr("  shipment %1 from %2: %3 units")
                         .arg(shipment.shipmentId)
                         .arg(shipment.locationCode)
                         .arg(shipment.units)
                  << Qt::endl;
        }
    }
    return Done;
}

Result<int> commandStock(Invocation &call)
{
    StockRepository stock(*call.db);
    STOCKROOM_TRY(levels,
                  stock.levels(call.parser.value(QStringLiteral("sku")),
                               call.parser.value(QStringLiteral("location"))));
    if (call.json()) {
        // The export's shape, plus what is on its way and the moving-average cost (the inventory grid's
        // columns): scripts follow purchase orders and transfers with it.
        QJsonArray rows = QJsonDocument::fromJson(StockExport::levelsJson(levels)).array();
        for (qsizetype i = 0; i < rows.size() && i < levels.size(); ++i) {
            const StockLevelRow &level = levels.at(i);
            QJsonObject row = rows.at(i).toObject();
            row.insert(QStringLiteral("bin"), level.binCode);
            row.insert(QStringLiteral("reorder_point"), level.reorderPoint);
            row.insert(QStringLiteral("reorder_qty"), level.reorderQty);
            row.insert(QStringLiteral("on_order"), level.onOrder);
            row.insert(QStringLiteral("in_transit"), level.inTransit);
            row.insert(QStringLiteral("projected"), level.projected());
            row.insert(QStringLiteral("average_cost_cents"), level.averageCostCents);
            rows[i] = row;
        }
        printJson(rows);
    } else if (call.parser.isSet(QStringLiteral("csv"))) {
        out() << QString::fromUtf8(StockExport::levelsCsv(levels));
    } else {
        out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
                     .arg(Text::tr("SKU"), -12)
                     .arg(Text::tr("Location"), -10)
                     .arg(Text::tr("On hand"), 8)
                     .arg(Text::tr("Reserved"), 9)
                     .arg(Text::tr("Available"), 10)
                     .arg(Text::tr("On order"), 9)
                     .arg(Text::tr("In transit"), 11)
              << Qt::endl;
        for (const StockLevelRow &level : std::as_const(levels)) {
            out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
                         .arg(level.sku, -12)
                         .arg(level.locationCode, -10)
                         .arg(level.onHand, 8)
                         .arg(level.reserved, 9)
                         .arg(level.available(), 10)
                         .arg(level.onOrder, 9)
                         .arg(level.inTransit, 11)
                  << Qt::endl;
        }
    }
    return Done;
}

Result<int> commandCheck(Invocation &call)
{
    InvariantChecker checker(*call.db);
    STOCKROOM_TRY(violations, checker.check());
    if (call.json()) {
        printJson(QJsonObject {{QStringLiteral("ok"), violations.isEmpty()},
                               {QStringLiteral("violations"), QJsonArray::fromStringList(violations)}});
    } else if (violations.isEmpty()) {
        out() << Text::tr("All invariants hold.") << Qt::endl;
    } else {
        for (const QString &violation : std::as_const(violations)) {
            out() << violation << Qt::endl;
        }
    }
    return violations.isEmpty() ? Done : Refused;
}

/** The shipping label of an order's latest shipment: what the PDF and the ZPL label print. */
Result<LabelData> labelOf(Invocation &call, const QString &number)
{
    const std::optional<qint64> id = orderIdFromNumber(number);
    if (!id) {
        return Error::business(Text::tr("There is no order %1.").arg(number));
    }
    OrderRepository orders(*call.db);
    STOCKROOM_TRY(facts, orders.latestShipment(*id));
    if (!facts) {
        return Error::business(
            Text::tr("Order %1 has not shipped yet: ship it first.").arg(orderNumber(*id)));
    }
    return ShippingLabel::fromShipment(*facts, orderNumber(*id));
}

Result<int> commandLabel(Invocation &call)
{
    const QStringList positional = call.parser.positionalArguments();
    const QString pdf = call.parser.value(QStringLiteral("out"));
    const QString zpl = call.parser.value(QStringLiteral("zpl"));
    if (positional.size() != 2 || (pdf.isEmpty() && zpl.isEmpty())) {
        return usage(Text::tr("label takes one order number and --out FILE.pdf, --zpl FILE.zpl or both."));
    }
    STOCKROOM_TRY(dpi, intOption(call.parser, QStringLiteral("dpi"), 203, 1, 2400));
    STOCKROOM_TRY(label, labelOf(call, positional.at(1)));
    // ZPL first: it refuses more (the printer's resolution, what ^BC can carry), and then no PDF is left behind.
    if (!zpl.isEmpty()) {
        STOCKROOM_CHECK(ZplLabel::write(label, zpl, dpi));
    }
    if (!pdf.isEmpty()) {
        STOCKROOM_CHECK(ShippingLabel::writePdf(label, pdf));
    }
    if (call.json()) {
        QJsonObject result {
            {QStringLiteral("order"), label.orderNumber},
            {QStringLiteral("tracking"), ShippingLabel::normaliseTracking(label.trackingNumber)}};
        if (!pdf.isEmpty()) {
            result.insert(QStringLiteral("file"), pdf);
        }
        if (!zpl.isEmpty()) {
            result.insert(QStringLiteral("zpl"), zpl);
            result.insert(QStringLiteral("dpi"), dpi);
        }
        printJson(result);
        return Done;
    }
    if (!pdf.isEmpty()) {
        out() << Text::tr("Label for %1 written to %2.").arg(label.orderNumber, pdf) << Qt::endl;
    }
    if (!zpl.isEmpty()) {
        out() << Text::tr("ZPL label for %1 (%2 dpi) written to %3.").arg(label.orderNumber).arg(dpi).arg(zpl)
              << Qt::endl;
    }
    return Done;
}

Result<int> commandPackingSlip(Invocation &call)
{
    const QStringList positional = call.parser.positionalArguments();
    const QString file = call.parser.value(QStringLiteral("out"));
    if (positional.size() != 2 || file.isEmpty()) {
        return usage(Text::tr("packing-slip takes one order number and --out FILE.pdf."));
    }
    OrderRepository orders(*call.db);
    STOCKROOM_TRY(order, orders.findByNumber(positional.at(1)));
    if (!order) {
        return Error::business(Text::tr("There is no order %1.").arg(positional.at(1)));
    }
    STOCKROOM_TRY(lines, orders.lines(order->id));
    STOCKROOM_TRY(facts, orders.latestShipment(order->id));
    PackingSlipData slip;
    slip.orderNumber = order->number;
    slip.externalId = order->externalId;
    slip.date = QDate::currentDate();
    slip.toName = order->customerName;
    if (facts) {
        slip.fromName = facts->fromName;
        slip.fromAddress = QStringList {facts->fromAddress, facts->fromPostcode};
        slip.toAddress = QStringList {facts->toAddress, facts->toPostcode, facts->toRegion};
        slip.fromAddress.removeAll(QString());
        slip.toAddress.removeAll(QString());
    } else if (!order->shipRegion.isEmpty()) {
        slip.toAddress = {order->shipRegion};
    }
    for (const OrderLineRecord &line : std::as_const(lines)) {
        slip.lines << PackingSlipLine {line.sku, line.productName, line.qty, line.qtyShipped};
    }
    STOCKROOM_CHECK(PackingSlip::writePdf(slip, file, QLocale()));
    if (call.json()) {
        printJson(QJsonObject {{QStringLiteral("order"), slip.orderNumber}, {QStringLiteral("file"), file}});
    } else {
        out() << Text::tr("Packing slip for %1 written to %2.").arg(slip.orderNumber, file) << Qt::endl;
    }
    return Done;
}

Result<int> commandWatch(Invocation &call)
{
    STOCKROOM_TRY(count, intOption(call.parser, QStringLiteral("count"), 0, 0, 100'000'000));
    STOCKROOM_TRY(pollMs, intOption(call.parser, QStringLiteral("poll-ms"), 25, 1, 60'000));
    ChangeFeed feed(call.db->spec());
    feed.setPollInterval(pollMs);
    if (call.parser.isSet(QStringLiteral("after"))) {
        bool ok = false;
        const qint64 after = call.parser.value(QStringLiteral("after")).toLongLong(&ok);
        if (!ok || after < 0) {
            return usage(Text::tr("--after takes a change sequence number."));
        }
        feed.setLastSeen(after);
    }
    QEventLoop loop;
    int seen = 0;
    QObject::connect(&feed, &ChangeFeed::changed, &loop, [&](const QList<ChangeRecord> &changes) {
        const qint64 received = QDateTime::currentMSecsSinceEpoch();
        for (const ChangeRecord &change : changes) {
            out() << QJsonDocument(QJsonObject {{QStringLiteral("seq"), change.seq},
                                                {QStringLiteral("entity"), change.entity},
                                                {QStringLiteral("id"), change.entityId},
                                                {QStringLiteral("op"), change.op},
                                                {QStringLiteral("user"), change.userName},
                                                {QStringLiteral("committed_at_ms"),
                                                 fromStoredTime(change.at).toMSecsSinceEpoch()},
                                                {QStringLiteral("received_at_ms"), received}})
                         .toJson(QJsonDocument::Compact)
                  << '\n';
            if (count > 0 && ++seen >= count) {
                break;
            }
        }
        out().flush();
        if (count > 0 && seen >= count) {
            loop.quit();
        }
    });
    QObject::connect(&feed, &ChangeFeed::connectionChanged, &loop,
                     [](bool connected, const QString &message) {
                         if (!connected) {
                             err() << Text::tr("stockroomctl: watch: %1 (retrying)").arg(message) << Qt::endl;
                         }
                     });
    feed.start();
    loop.exec();
    return Done;
}

Result<int> commandPruneChanges(Invocation &call)
{
    STOCKROOM_TRY(days, intOption(call.parser, QStringLiteral("older-than-days"), 30, 1, 36500));
    const QDateTime now = call.context->clock.now();
    ChangeLogRepository log(*call.db);
    STOCKROOM_TRY(pruned, call.db->write<int>([&]() {
        return log.pruneBefore(toStoredTime(now.addDays(-days)), toStoredTime(now));
    }));
    if (call.json()) {
        printJson(QJsonObject {{QStringLiteral("pruned"), pruned}});
    } else {
        out() << Text::tr("Removed %1 change log rows older than %2 days.").arg(pruned).arg(days) << Qt::endl;
    }
    return Done;
}

// ---- Payment, holds and release ---------------------------------------------------------------------

Result<int> commandPay(Invocation &call)
{
    const QStringList orders = call.arguments();
    if (orders.size() != 1) {
        return usage(Text::tr("pay takes one order number."));
    }
    const bool authorize = call.parser.isSet(QStringLiteral("authorize"));
    const bool voiding = call.parser.isSet(QStringLiteral("void"));
    const bool refunding = call.parser.isSet(QStringLiteral("refund"));
    if (int(authorize) + int(voiding) + int(refunding) > 1) {
        return usage(Text::tr("pay takes one of --authorize, --void and --refund."));
    }
    if (call.parser.isSet(QStringLiteral("amount")) && (authorize || voiding || refunding)) {
        return usage(Text::tr("--amount is what is paid; a refund takes its amount as --refund AMOUNT."));
    }
    if (call.parser.isSet(QStringLiteral("note")) && !refunding) {
        return usage(Text::tr("--note goes with --refund."));
    }
    STOCKROOM_TRY(expected, expectedVersion(call.parser));
    FulfilmentService fulfilment(*call.context);
    const QString number = orders.first();
    auto change = [&]() -> Result<OrderHeader> {
        if (authorize) {
            return fulfilment.authorize(number, expected);
        }
        if (voiding) {
            return fulfilment.voidPayment(number, expected);
        }
        if (refunding) {
            STOCKROOM_TRY(cents,
                          centsFrom(call.parser.value(QStringLiteral("refund")), QStringLiteral("refund")));
            return fulfilment.refund(number, cents, call.parser.value(QStringLiteral("note")), expected);
        }
        std::optional<qint64> amount;
        if (call.parser.isSet(QStringLiteral("amount"))) {
            STOCKROOM_TRY(cents,
                          centsFrom(call.parser.value(QStringLiteral("amount")), QStringLiteral("amount")));
            amount = cents;
        }
        return fulfilment.pay(number, amount, expected);
    };
    STOCKROOM_TRY(order, change());
    if (call.json()) {
        printJson(orderStateJson(order));
    } else {
        out() << Text::tr("%1: payment %2 (%3 paid, %4 refunded, total %5).")
                     .arg(order.number, order.paymentStatus, money(order.paidCents),
                          money(order.refundedCents), money(order.totalCents))
              << Qt::endl;
    }
    return Done;
}

/**
 * One change for each order named (hold, unhold, release): each in its own transaction and reported on its
 * own line; the exit code is the worst of them.
 */
int forEachOrder(Invocation &call, const std::function<Result<OrderHeader>(const QString &)> &change,
                 const std::function<QString(const OrderHeader &)> &describe)
{
    int code = Done;
    QJsonArray results;
    for (const QString &number : call.arguments()) {
        const Result<OrderHeader> changed = change(number);
        if (!changed) {
            err() << Text::tr("stockroomctl: %1").arg(changed.error().message) << Qt::endl;
            code = worse(code, exitCodeFor(changed.error()));
            results.append(QJsonObject {{QStringLiteral("order"), OrderService::normaliseNumber(number)},
                                        {QStringLiteral("ok"), false},
                                        {QStringLiteral("error"), changed.error().message}});
            continue;
        }
        QJsonObject result = orderStateJson(*changed);
        result.insert(QStringLiteral("ok"), true);
        results.append(result);
        if (!call.json()) {
            out() << describe(*changed) << Qt::endl;
        }
    }
    if (call.json()) {
        printJson(results);
    }
    return code;
}

Result<int> commandHold(Invocation &call)
{
    const QString reason = call.parser.value(QStringLiteral("reason"));
    if (call.arguments().isEmpty() || reason.trimmed().isEmpty()) {
        return usage(Text::tr("hold takes one or more order numbers and --reason TEXT."));
    }
    FulfilmentService fulfilment(*call.context);
    return forEachOrder(
        call, [&](const QString &number) { return fulfilment.hold(number, reason); },
        [](const OrderHeader &order) {
            return Text::tr("%1 is on hold: %2.").arg(order.number, order.holdReason);
        });
}

Result<int> commandUnhold(Invocation &call)
{
    if (call.arguments().isEmpty()) {
        return usage(Text::tr("unhold takes one or more order numbers."));
    }
    FulfilmentService fulfilment(*call.context);
    return forEachOrder(
        call, [&](const QString &number) { return fulfilment.unhold(number); },
        [](const OrderHeader &order) { return Text::tr("%1 is %2.").arg(order.number, order.status); });
}

Result<int> commandRelease(Invocation &call)
{
    if (call.arguments().isEmpty()) {
        return usage(Text::tr("release takes one or more order numbers."));
    }
    FulfilmentService fulfilment(*call.context);
    return forEachOrder(
        call, [&](const QString &number) { return fulfilment.release(number); },
        [](const OrderHeader &order) { return Text::tr("%1 is %2.").arg(order.number, order.status); });
}

// ---- Picking and packing ----------------------------------------------------------------------------

Result<int> commandPickList(Invocation &call)
{
    const QString location = call.parser.value(QStringLiteral("location"));
    const QString file = call.parser.value(QStringLiteral("out"));
    if (!call.arguments().isEmpty() || location.isEmpty() || file.isEmpty()) {
        return usage(Text::tr("pick-list takes --location CODE and --out FILE.pdf."));
    }
    QPageSize::PageSizeId paper = PackingSlip::paperFor(QLocale());
    if (call.parser.isSet(QStringLiteral("paper"))) {
        const QString name = call.parser.value(QStringLiteral("paper")).toLower();
        if (name == QLatin1String("a4")) {
            paper = QPageSize::A4;
        } else if (name == QLatin1String("letter")) {
            paper = QPageSize::Letter;
        } else {
            return usage(Text::tr("--paper takes a4 or letter, not \"%1\".")
                             .arg(call.parser.value(QStringLiteral("paper"))));
        }
    }
    FulfilmentService fulfilment(*call.context);
    STOCKROOM_TRY(rows, fulfilment.pickList(location));
    const PickListData data = PickList::fromRows(rows, call.context->clock.now(), call.context->userName);
    const QList<PickListLine> arranged = PickList::arranged(data.lines);
    int units = 0;
    for (const PickListLine &line : arranged) {
        units += line.qty;
    }
    STOCKROOM_CHECK(PickList::writePdf(data, file, paper));
    if (call.json()) {
        printJson(QJsonObject {{QStringLiteral("location"), rows.locationCode},
                               {QStringLiteral("file"), file},
                               {QStringLiteral("lines"), int(arranged.size())},
                               {QStringLiteral("units"), units},
                               {QStringLiteral("orders"), rows.orders}});
    } else {
        out() << Text::tr("Pick list for %1 written to %2 (lines: %3, units: %4, orders: %5).")
                     .arg(rows.locationCode, file)
                     .arg(arranged.size())
                     .arg(units)
                     .arg(rows.orders)
              << Qt::endl;
    }
    return Done;
}

Result<int> commandPack(Invocation &call)
{
    if (call.arguments().size() != 1) {
        return usage(Text::tr("pack takes one order number and --scan BARCODE (repeat for more)."));
    }
    const QString number = call.arguments().first();
    const QStringList scans = call.parser.values(QStringLiteral("scan"));
    FulfilmentService fulfilment(*call.context);
    // Without scans: how far packing has come.
    STOCKROOM_TRY(progress,
                  scans.isEmpty() ? fulfilment.packProgress(number) : fulfilment.scanAll(number, scans));
    int packed = 0;
    int toPack = 0;
    QJsonArray lines;
    for (const PackLine &line : std::as_const(progress.lines)) {
        packed += line.packed;
        toPack += line.toPack;
        lines.append(QJsonObject {{QStringLiteral("sku"), line.sku},
                                  {QStringLiteral("name"), line.productName},
                                  {QStringLiteral("packed"), line.packed},
                                  {QStringLiteral("to_pack"), line.toPack}});
    }
    if (call.json()) {
        printJson(QJsonObject {{QStringLiteral("order"), progress.number},
                               {QStringLiteral("status"), progress.status},
                               {QStringLiteral("complete"), progress.complete()},
                               {QStringLiteral("scanned_sku"), progress.scannedSku},
                               {QStringLiteral("packed"), packed},
                               {QStringLiteral("to_pack"), toPack},
                               {QStringLiteral("lines"), lines}});
        return Done;
    }
    if (progress.complete()) {
        out() << Text::tr("%1 is %2: all %3 units packed.").arg(progress.number, progress.status).arg(packed)
              << Qt::endl;
    } else {
        out() << Text::tr("%1 is %2: %3 of %4 units packed.")
                     .arg(progress.number, progress.status)
                     .arg(packed)
                     .arg(toPack)
              << Qt::endl;
    }
    for (const PackLine &line : std::as_const(progress.lines)) {
        out() << QStringLiteral("  %1 %2 %3")
                     .arg(line.sku, -12)
                     .arg(Text::tr("%1/%2").arg(line.packed).arg(line.toPack), -7)
                     .arg(line.productName)
              << Qt::endl;
    }
    return Done;
}

// ---- Tracking ---------------------------------------------------------------------------------------

QString verdictName(TrackingMatch::Verdict verdict)
{
    switch (verdict) {
    case TrackingMatch::Verdict::Valid:
        return QStringLiteral("valid");
    case TrackingMatch::Verdict::Invalid:
        return QStringLiteral("invalid");
    case TrackingMatch::Verdict::Unknown:
        return QStringLiteral("unknown");
    }
    return {};
}

Result<int> trackValidate(Invocation &call, const QStringList &arguments)
{
    if (arguments.size() != 1) {
        return usage(Text::tr("track validate takes one tracking number."));
    }
    const TrackingMatch match = TrackingNumbers::validate(arguments.first());
    if (call.json()) {
        printJson(
            QJsonObject {{QStringLiteral("number"), arguments.first()},
                         {QStringLiteral("normalised"), match.normalised},
                         {QStringLiteral("verdict"), verdictName(match.verdict)},
                         {QStringLiteral("carrier"), match.carrier},
                         {QStringLiteral("format"), match.format},
                         {QStringLiteral("message"), match.message},
                         {QStringLiteral("other_formats"), QJsonArray::fromStringList(match.otherFormats)}});
    }
    switch (match.verdict) {
    case TrackingMatch::Verdict::Valid:
        if (!call.json()) {
            out() << Text::tr("%1: %2 (%3)").arg(match.normalised, match.carrier, match.format) << Qt::endl;
            if (!match.message.isEmpty()) {
                out() << QStringLiteral("  ") << match.message << Qt::endl;
            }
        }
        return Done;
    case TrackingMatch::Verdict::Unknown:
        if (!call.json()) {
            out() << Text::tr("%1: no known carrier's format").arg(match.normalised) << Qt::endl;
        }
        warn(match.message.isEmpty()
                 ? Text::tr("%1 has no format we know; check it with the carrier.").arg(match.normalised)
                 : match.message);
        return Done;
    case TrackingMatch::Verdict::Invalid:
        break;
    }
    err() << Text::tr("stockroomctl: %1").arg(match.message) << Qt::endl;
    return Refused;
}

Result<int> trackAdd(Invocation &call, const QStringList &arguments)
{
    if (arguments.size() != 1 || !call.parser.isSet(QStringLiteral("status"))) {
        return usage(Text::tr("track add takes one tracking number and --status STATUS."));
    }
    TrackingEventInput event;
    event.trackingNumber = arguments.first();
    event.status = call.parser.value(QStringLiteral("status"));
    event.occurredAt = call.parser.value(QStringLiteral("at"));
    event.place = call.parser.value(QStringLiteral("place"));
    event.description = call.parser.value(QStringLiteral("description"));
    TrackingService tracking(*call.context);
    STOCKROOM_TRY(outcome, tracking.add(event));
    if (call.json()) {
        printJson(QJsonObject {{QStringLiteral("tracking"), outcome.trackingNumber},
                               {QStringLiteral("order"), outcome.orderNumber},
                               {QStringLiteral("shipment_status"), outcome.shipmentStatus},
                               {QStringLiteral("order_status"), outcome.orderStatus},
                               {QStringLiteral("added"), outcome.added},
                               {QStringLiteral("state_kept"), outcome.stateKept}});
    } else if (!outcome.added) {
        out() << Text::tr("%1: this event is recorded already; %2 is %3.")
                     .arg(outcome.trackingNumber, outcome.orderNumber, outcome.orderStatus)
              << Qt::endl;
    } else {
        out() << Text::tr("%1 is %2; %3 is %4.")
                     .arg(outcome.trackingNumber, outcome.shipmentStatus, outcome.orderNumber,
                          outcome.orderStatus)
              << Qt::endl;
    }
    return Done;
}

Result<int> trackImport(Invocation &call, const QStringList &arguments)
{
    if (arguments.size() != 1) {
        return usage(Text::tr("track import takes one CSV file."));
    }
    const QString file = arguments.first();
    // Every row is read and checked, and every problem listed, before anything is applied (addAll is one
    // transaction, but it stops at the first unknown tracking number).
    const TrackingImportResult read = TrackingImport::readFile(file);
    if (read.problems.size() == 1 && read.problems.first().line == 0) {
        return usage(read.problems.first().message); // the file cannot be read at all
    }
    QList<ImportProblem> problems = read.problems;
    const bool malformed = !problems.isEmpty();
    STOCKROOM_TRY(unknown, call.db->read<QList<ImportProblem>>([&]() -> Result<QList<ImportProblem>> {
        FulfilmentRepository repository(*call.db);
        QHash<QString, bool> known;
        QList<ImportProblem> found;
        for (const TrackingEventInput &event : read.events) {
            if (event.trackingNumber.isEmpty()) {
                continue; // reported as empty already
            }
            const TrackingMatch match = TrackingNumbers::validate(event.trackingNumber);
            if (!known.contains(match.normalised)) {
                STOCKROOM_TRY(shipments, repository.shipmentsByTracking(match.normalised));
                known.insert(match.normalised, !shipments.isEmpty());
            }
            if (!known.value(match.normalised)) {
                QString why = Text::tr("no shipment has tracking number \"%1\".").arg(event.trackingNumber);
                if (match.verdict == TrackingMatch::Verdict::Invalid) {
                    why += QLatin1Char(' ') + match.message;
                }
                found << ImportProblem {event.sourceLine, read.trackingColumn, why};
            }
        }
        return found;
    }));
    problems += unknown;
    std::stable_sort(problems.begin(), problems.end(),
                     [](const ImportProblem &a, const ImportProblem &b) { return a.line < b.line; });
    for (const ImportProblem &problem : std::as_const(problems)) {
        err() << problem.toString(file) << Qt::endl;
    }
    if (!problems.isEmpty()) {
        // A file that is not what it should be is a usage error; one naming parcels we never sent, a refusal.
        const QString message
            = Text::tr("%1: %n problem(s); nothing was imported.", nullptr, int(problems.size())).arg(file);
        return malformed ? usage(message) : Error::business(message);
    }
    TrackingService tracking(*call.context);
    STOCKROOM_TRY(summary, tracking.addAll(read.events));
    if (call.json()) {
        printJson(QJsonObject {{QStringLiteral("file"), file},
                               {QStringLiteral("events"), summary.events},
                               {QStringLiteral("added"), summary.added},
                               {QStringLiteral("duplicates"), summary.duplicates},
                               {QStringLiteral("state_kept"), summary.stateKept},
                               {QStringLiteral("orders_delivered"), summary.ordersDelivered}});
    } else {
        out() << Text::tr("%1: events %2, added %3, duplicates %4, state kept %5 (older or out of sequence), "
                          "orders delivered %6.")
                     .arg(file)
                     .arg(summary.events)
                     .arg(summary.added)
                     .arg(summary.duplicates)
                     .arg(summary.stateKept)
                     .arg(summary.ordersDelivered)
              << Qt::endl;
    }
    return Done;
}

Result<int> commandTrack(Invocation &call)
{
    const QStringList arguments = call.arguments();
    const QString action = arguments.value(0);
    if (action == QLatin1String("validate")) {
        return trackValidate(call, arguments.mid(1));
    }
    if (action == QLatin1String("add")) {
        return trackAdd(call, arguments.mid(1));
    }
    if (action == QLatin1String("import")) {
        return trackImport(call, arguments.mid(1));
    }
    return usage(Text::tr("track takes add NUMBER --status S, import FILE or validate NUMBER."));
}

// ---- Returns ----------------------------------------------------------------------------------------

void printReturn(const Invocation &call, const ReturnSummary &summary)
{
    if (call.json()) {
        QJsonArray lines;
        for (const ReturnLineRecord &line : summary.lines) {
            lines.append(QJsonObject {{QStringLiteral("sku"), line.sku},
                                      {QStringLiteral("qty"), line.qty},
                                      {QStringLiteral("restocked"), line.restocked},
                                      {QStringLiteral("written_off"), line.writtenOff},
                                      {QStringLiteral("open"), line.open()},
                                      {QStringLiteral("reason"), line.reason}});
        }
        printJson(QJsonObject {{QStringLiteral("return"), summary.header.number},
                               {QStringLiteral("order"), summary.orderNumber},
                               {QStringLiteral("status"), summary.header.status},
                               {QStringLiteral("reason"), summary.header.reason},
                               {QStringLiteral("created_at"), summary.header.createdAt},
                               {QStringLiteral("created_by"), summary.header.createdBy},
                               {QStringLiteral("backorders_filled"), summary.backordersFilled},
                               {QStringLiteral("lines"), lines}});
        return;
    }
    out() << Text::tr("%1 for %2 is %3.")
                 .arg(summary.header.number, summary.orderNumber, summary.header.status);
    if (!summary.header.reason.isEmpty()) {
        out() << QLatin1Char(' ') << Text::tr("Reason: %1.").arg(summary.header.reason);
    }
    out() << Qt::endl;
    for (const ReturnLineRecord &line : summary.lines) {
        out() << Text::tr("  %1 × %2: %3 restocked, %4 written off, %5 open")
                     .arg(line.qty)
                     .arg(line.sku)
                     .arg(line.restocked)
                     .arg(line.writtenOff)
                     .arg(line.open())
              << Qt::endl;
    }
    if (summary.backordersFilled > 0) {
        out() << Text::tr("  %1 restocked units went to waiting backorders.").arg(summary.backordersFilled)
              << Qt::endl;
    }
}

Result<int> returnCreate(Invocation &call, const QStringList &arguments)
{
    const QStringList lines = call.parser.values(QStringLiteral("line"));
    if (arguments.size() != 1 || lines.isEmpty()) {
        return usage(Text::tr("return create takes one order number and --line SKU:QTY (repeat for more)."));
    }
    QList<ReturnLineRequest> requests;
    for (const QString &line : lines) {
        STOCKROOM_TRY(parts, skuAndQty(line, QStringLiteral("line"), QStringLiteral("SKU:QTY")));
        requests << ReturnLineRequest {parts.first, parts.second, {}};
    }
    ReturnService returns(*call.context);
    STOCKROOM_TRY(summary,
                  returns.create(arguments.first(), requests, call.parser.value(QStringLiteral("reason"))));
    if (call.json()) {
        printReturn(call, summary);
    } else {
        out() << summary.header.number << Qt::endl;
    }
    return Done;
}

Result<int> returnReceive(Invocation &call, const QStringList &arguments)
{
    const QStringList restocks = call.parser.values(QStringLiteral("restock"));
    const QStringList writeOffs = call.parser.values(QStringLiteral("writeoff"));
    if (arguments.size() != 1 || (restocks.isEmpty() && writeOffs.isEmpty())) {
        return usage(Text::tr("return receive takes one return number and --restock SKU:QTY@LOCATION or "
                              "--writeoff SKU:QTY:REASON (repeat for more)."));
    }
    QList<ReturnDisposition> dispositions;
    for (const QString &restock : restocks) {
        const qsizetype at = restock.lastIndexOf(QLatin1Char('@'));
        const QString location = at > 0 ? restock.mid(at + 1).trimmed() : QString();
        if (location.isEmpty()) {
            return usage(Text::tr("--restock takes SKU:QTY@LOCATION, not \"%1\".").arg(restock));
        }
        STOCKROOM_TRY(
            parts,
            skuAndQty(restock.left(at), QStringLiteral("restock"), QStringLiteral("SKU:QTY@LOCATION")));
        dispositions << ReturnDisposition {
            ReturnDisposition::Kind::Restock, parts.first, parts.second, location, {}};
    }
    for (const QString &writeOff : writeOffs) {
        const qsizetype colon = writeOff.lastIndexOf(QLatin1Char(':'));
        const QString reason = colon > 0 ? writeOff.mid(colon + 1).trimmed() : QString();
        if (reason.isEmpty()) {
            return usage(Text::tr("--writeoff takes SKU:QTY:REASON (%1), not \"%2\".")
                             .arg(ReturnService::writeOffReasons().join(QStringLiteral(", ")), writeOff));
        }
        STOCKROOM_TRY(
            parts,
            skuAndQty(writeOff.left(colon), QStringLiteral("writeoff"), QStringLiteral("SKU:QTY:REASON")));
        dispositions << ReturnDisposition {
            ReturnDisposition::Kind::WriteOff, parts.first, parts.second, {}, reason};
    }
    ReturnService returns(*call.context);
    STOCKROOM_TRY(summary, returns.receive(arguments.first(), dispositions));
    printReturn(call, summary);
    return Done;
}

Result<int> returnRefund(Invocation &call, const QStringList &arguments)
{
    if (arguments.size() != 1) {
        return usage(Text::tr("return refund takes one return number."));
    }
    std::optional<qint64> amount;
    if (call.parser.isSet(QStringLiteral("amount"))) {
        STOCKROOM_TRY(cents,
                      centsFrom(call.parser.value(QStringLiteral("amount")), QStringLiteral("amount")));
        amount = cents;
    }
    ReturnService returns(*call.context);
    STOCKROOM_TRY(summary, returns.refund(arguments.first(), amount));
    printReturn(call, summary);
    if (!call.json()) {
        OrderRepository orders(*call.db);
        STOCKROOM_TRY(order, orders.findByNumber(summary.orderNumber));
        if (order) {
            out() << Text::tr("%1: payment %2 (%3 paid, %4 refunded, total %5).")
                         .arg(order->number, order->paymentStatus, money(order->paidCents),
                              money(order->refundedCents), money(order->totalCents))
                  << Qt::endl;
        }
    }
    return Done;
}

Result<int> commandReturn(Invocation &call)
{
    const QStringList arguments = call.arguments();
    const QString action = arguments.value(0);
    const QStringList rest = arguments.mid(1);
    if (action == QLatin1String("create")) {
        return returnCreate(call, rest);
    }
    if (action == QLatin1String("receive")) {
        return returnReceive(call, rest);
    }
    if (action == QLatin1String("refund")) {
        return returnRefund(call, rest);
    }
    if (action == QLatin1String("cancel")) {
        if (rest.size() != 1) {
            return usage(Text::tr("return cancel takes one return number."));
        }
        ReturnService returns(*call.context);
        STOCKROOM_TRY(summary, returns.cancel(rest.first()));
        printReturn(call, summary);
        return Done;
    }
    if (action == QLatin1String("show")) {
        if (rest.size() != 1) {
            return usage(Text::tr("return show takes one return number."));
        }
        ReturnService returns(*call.context);
        STOCKROOM_TRY(summary, returns.get(rest.first()));
        printReturn(call, summary);
        return Done;
    }
    return usage(Text::tr("return takes create ORDER, receive RMA, refund RMA, cancel RMA or show RMA."));
}

// ---- One order in full ------------------------------------------------------------------------------

QJsonObject orderDetailJson(const OrderDetail &detail)
{
    const OrderHeader &order = detail.header;
    QJsonObject header = orderStateJson(order);
    header.insert(QStringLiteral("channel"), order.channel);
    header.insert(QStringLiteral("external_id"), order.externalId);
    header.insert(QStringLiteral("customer"), order.customerName);
    header.insert(QStringLiteral("email"), order.customerEmail);
    header.insert(QStringLiteral("region"), order.shipRegion);
    header.insert(QStringLiteral("postcode"), order.shipPostcode);
    header.insert(QStringLiteral("explanation"), order.routingExplanation);
    header.insert(QStringLiteral("placed_at"), order.placedAt);
    header.insert(QStringLiteral("updated_at"), order.updatedAt);
    header.insert(QStringLiteral("updated_by"), order.updatedBy);
    header.insert(
        QStringLiteral("rules"),
        QJsonObject {{QStringLiteral("pay_later"), detail.rules.payLater},
                     {QStringLiteral("ship_from"), QJsonArray::fromStringList(detail.rules.shipFrom)}});
    QHash<qint64, QString> skuOfLine;
    QJsonArray lines;
    for (const OrderLineRecord &line : detail.lines) {
        skuOfLine.insert(line.id, line.sku);
        lines.append(QJsonObject {{QStringLiteral("line"), line.lineNo},
                                  {QStringLiteral("sku"), line.sku},
                                  {QStringLiteral("name"), line.productName},
                                  {QStringLiteral("gtin"), line.gtin},
                                  {QStringLiteral("qty"), line.qty},
                                  {QStringLiteral("backordered"), line.qtyBackordered},
                                  {QStringLiteral("shipped"), line.qtyShipped},
                                  {QStringLiteral("cancelled"), line.qtyCancelled},
                                  {QStringLiteral("returned"), line.qtyReturned},
                                  {QStringLiteral("unit_price_cents"), line.unitPriceCents}});
    }
    QJsonArray allocations;
    for (const AllocationRecord &allocation : detail.allocations) {
        allocations.append(QJsonObject {{QStringLiteral("sku"), skuOfLine.value(allocation.orderLineId)},
                                        {QStringLiteral("location"), allocation.locationCode},
                                        {QStringLiteral("qty"), allocation.qty},
                                        {QStringLiteral("packed"), allocation.qtyPacked}});
    }
    QJsonArray shipments;
    for (const ShipmentRecord &shipment : detail.shipments) {
        QJsonArray events;
        for (const TrackingEventRecord &event : detail.tracking) {
            if (event.shipmentId == shipment.id) {
                events.append(QJsonObject {{QStringLiteral("status"), event.status},
                                           {QStringLiteral("occurred_at"), event.occurredAt},
                                           {QStringLiteral("place"), event.place},
                                           {QStringLiteral("description"), event.description}});
            }
        }
        shipments.append(QJsonObject {{QStringLiteral("shipment"), shipment.id},
                                      {QStringLiteral("location"), shipment.locationCode},
                                      {QStringLiteral("carrier"), shipment.carrier},
                                      {QStringLiteral("service"), shipment.service},
                                      {QStringLiteral("tracking"), shipment.trackingNumber},
                                      {QStringLiteral("weight_grams"), shipment.weightGrams},
                                      {QStringLiteral("status"), shipment.status},
                                      {QStringLiteral("created_at"), shipment.createdAt},
                                      {QStringLiteral("delivered_at"), shipment.deliveredAt},
                                      {QStringLiteral("units"), shipment.units},
                                      {QStringLiteral("events"), events}});
    }
    QJsonArray returns;
    for (const ReturnRecord &record : detail.returns) {
        returns.append(QJsonObject {{QStringLiteral("return"), record.number},
                                    {QStringLiteral("status"), record.status},
                                    {QStringLiteral("reason"), record.reason},
                                    {QStringLiteral("created_at"), record.createdAt},
                                    {QStringLiteral("created_by"), record.createdBy}});
    }
    QJsonArray history;
    for (const OrderEvent &event : detail.history) {
        history.append(QJsonObject {{QStringLiteral("kind"), event.kind},
                                    {QStringLiteral("detail"), event.detail},
                                    {QStringLiteral("amount_cents"), event.amountCents},
                                    {QStringLiteral("user"), event.userName},
                                    {QStringLiteral("at"), event.at}});
    }
    header.insert(QStringLiteral("lines"), lines);
    header.insert(QStringLiteral("allocations"), allocations);
    header.insert(QStringLiteral("shipments"), shipments);
    header.insert(QStringLiteral("returns"), returns);
    header.insert(QStringLiteral("history"), history);
    return header;
}

void printOrderDetail(const OrderDetail &detail)
{
    const OrderHeader &order = detail.header;
    out() << Text::tr("%1 is %2; payment %3 (%4 paid, %5 refunded, total %6).")
                 .arg(order.number, order.status, order.paymentStatus, money(order.paidCents),
                      money(order.refundedCents), money(order.totalCents))
          << Qt::endl;
    out() << Text::tr("Channel %1%2; customer %3; region %4.")
                 .arg(order.channel,
                      order.externalId.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(order.externalId),
                      order.customerName.isEmpty() ? Text::tr("none") : order.customerName,
                      order.shipRegion.isEmpty() ? Text::tr("none") : order.shipRegion)
          << Qt::endl;
    out() << Text::tr("Placed %1; version %2, last changed by %3 at %4.")
                 .arg(order.placedAt)
                 .arg(order.version)
                 .arg(order.updatedBy, order.updatedAt)
          << Qt::endl;
    if (!order.holdReason.isEmpty()) {
        out() << Text::tr("On hold: %1.").arg(order.holdReason) << Qt::endl;
    }
    if (!order.routingExplanation.isEmpty()) {
        out() << Text::tr("Routing: %1").arg(order.routingExplanation) << Qt::endl;
    }
    if (detail.rules.payLater || !detail.rules.shipFrom.isEmpty()) {
        out() << Text::tr("Rules: %1; ships from %2.")
                     .arg(detail.rules.payLater ? Text::tr("pays later") : Text::tr("pays first"),
                          detail.rules.shipFrom.isEmpty() ? Text::tr("any location")
                                                          : detail.rules.shipFrom.join(QStringLiteral(", ")))
              << Qt::endl;
    }
    out() << Qt::endl << Text::tr("Lines") << Qt::endl;
    QHash<qint64, QString> skuOfLine;
    for (const OrderLineRecord &line : detail.lines) {
        skuOfLine.insert(line.id, line.sku);
        out() << Text::tr("  %1. %2 × %3 %4 at %5: %6 shipped, %7 backordered, %8 cancelled, %9 returned")
                     .arg(line.lineNo)
                     .arg(line.qty)
                     .arg(line.sku, line.productName, money(line.unitPriceCents))
                     .arg(line.qtyShipped)
                     .arg(line.qtyBackordered)
                     .arg(line.qtyCancelled)
                     .arg(line.qtyReturned)
              << Qt::endl;
    }
    if (!detail.allocations.isEmpty()) {
        out() << Text::tr("Allocations") << Qt::endl;
        for (const AllocationRecord &allocation : detail.allocations) {
            out() << Text::tr("  %1 × %2 at %3, %4 packed")
                         .arg(allocation.qty)
                         .arg(skuOfLine.value(allocation.orderLineId), allocation.locationCode)
                         .arg(allocation.qtyPacked)
                  << Qt::endl;
        }
    }
    if (!detail.shipments.isEmpty()) {
        out() << Text::tr("Shipments") << Qt::endl;
        for (const ShipmentRecord &shipment : detail.shipments) {
            const QString how = QStringList {shipment.carrier, shipment.service, shipment.trackingNumber}
                                    .filter(QRegularExpression(QStringLiteral(".")))
                                    .join(QLatin1Char(' '));
            out() << Text::tr("  %1 from %2: %3 units, %4%5")
                         .arg(shipment.id)
                         .arg(shipment.locationCode)
                         .arg(shipment.units)
                         .arg(shipment.status, how.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(how))
                  << Qt::endl;
            for (const TrackingEventRecord &event : detail.tracking) {
                if (event.shipmentId == shipment.id) {
                    out() << QStringLiteral("    %1 %2")
                                 .arg(event.occurredAt,
                                      QStringList {event.status, event.place, event.description}
                                          .filter(QRegularExpression(QStringLiteral(".")))
                                          .join(QStringLiteral(" — ")))
                          << Qt::endl;
                }
            }
        }
    }
    if (!detail.returns.isEmpty()) {
        out() << Text::tr("Returns") << Qt::endl;
        for (const ReturnRecord &record : detail.returns) {
            out() << QStringLiteral("  %1 %2%3")
                         .arg(record.number, record.status,
                              record.reason.isEmpty() ? QString() : QStringLiteral(": ") + record.reason)
                  << Qt::endl;
        }
    }
    if (!detail.history.isEmpty()) {
        out() << Text::tr("History") << Qt::endl;
        for (const OrderEvent &event : detail.history) {
            // The detail is a sentence that names the step ("released for picking at LEEDS").
            out() << QStringLiteral("  %1 %2: %3").arg(event.at, event.userName, event.detail) << Qt::endl;
        }
    }
}

Result<int> commandOrder(Invocation &call)
{
    if (call.arguments().size() != 1) {
        return usage(Text::tr("order takes one order number."));
    }
    FulfilmentService fulfilment(*call.context);
    STOCKROOM_TRY(detail, fulfilment.detail(call.arguments().first()));
    if (call.json()) {
        printJson(orderDetailJson(detail));
    } else {
        printOrderDetail(detail);
    }
    return Done;
}

// ---- Rules and bins ---------------------------------------------------------------------------------

/** --pay-later yes|no and --ship-from L1,L2 (empty: any) onto rules; whether either was given. */
Result<bool> applyRuleOptions(Invocation &call, FulfilmentRules &rules)
{
    const bool changing
        = call.parser.isSet(QStringLiteral("pay-later")) || call.parser.isSet(QStringLiteral("ship-from"));
    if (call.parser.isSet(QStringLiteral("pay-later"))) {
        const QString value = call.parser.value(QStringLiteral("pay-later")).toLower();
        if (value == QLatin1String("yes") || value == QLatin1String("true")) {
            rules.payLater = true;
        } else if (value == QLatin1String("no") || value == QLatin1String("false")) {
            rules.payLater = false;
        } else {
            return usage(Text::tr("--pay-later takes yes or no, not \"%1\".")
                             .arg(call.parser.value(QStringLiteral("pay-later"))));
        }
    }
    if (call.parser.isSet(QStringLiteral("ship-from"))) {
        rules.shipFrom.clear();
        for (const QString &code : call.parser.value(QStringLiteral("ship-from")).split(QLatin1Char(','))) {
            if (!code.trimmed().isEmpty() && !rules.shipFrom.contains(code.trimmed())) {
                rules.shipFrom << code.trimmed();
            }
        }
    }
    return changing;
}

void printRules(Invocation &call, const QString &key, const QString &label, const QString &name,
                const FulfilmentRules &rules)
{
    if (call.json()) {
        printJson(QJsonObject {{key, name},
                               {QStringLiteral("pay_later"), rules.payLater},
                               {QStringLiteral("ship_from"), QJsonArray::fromStringList(rules.shipFrom)}});
        return;
    }
    out() << label.arg(name, rules.payLater ? Text::tr("pays later") : Text::tr("pays first"),
                       rules.shipFrom.isEmpty() ? Text::tr("any location")
                                                : rules.shipFrom.join(QStringLiteral(", ")))
          << Qt::endl;
}

Result<int> commandChannel(Invocation &call)
{
    if (call.arguments().size() != 1 || call.arguments().first().trimmed().isEmpty()) {
        return usage(Text::tr("channel takes one channel name."));
    }
    const QString name = call.arguments().first().trimmed();
    FulfilmentRepository repository(*call.db);
    STOCKROOM_TRY(existing,
                  call.db->read<std::optional<ChannelRecord>>([&]() { return repository.channel(name); }));
    FulfilmentRules rules = existing ? existing->rules : FulfilmentRules {};
    STOCKROOM_TRY(changing, applyRuleOptions(call, rules));
    if (!existing && !changing) {
        return Error::business(Text::tr("There is no channel \"%1\".").arg(name));
    }
    if (changing) {
        STOCKROOM_CHECK(FulfilmentService(*call.context).setChannelRules(name, rules));
    }
    printRules(call, QStringLiteral("channel"), Text::tr("Channel %1: %2; ships from %3."), name, rules);
    return Done;
}

Result<int> commandCustomer(Invocation &call)
{
    if (call.arguments().size() != 1 || call.arguments().first().trimmed().isEmpty()) {
        return usage(Text::tr("customer takes one customer name."));
    }
    const QString name = call.arguments().first().trimmed();
    STOCKROOM_TRY(
        existing,
        call.db->read<std::optional<FulfilmentRules>>([&]() -> Result<std::optional<FulfilmentRules>> {
            STOCKROOM_TRY(id, CatalogRepository(*call.db).customerByName(name));
            if (!id) {
                return std::optional<FulfilmentRules> {};
            }
            STOCKROOM_TRY(rules, FulfilmentRepository(*call.db).customerRules(*id));
            return std::optional<FulfilmentRules> {rules};
        }));
    if (!existing) {
        return Error::business(Text::tr("There is no customer \"%1\".").arg(name));
    }
    FulfilmentRules rules = *existing;
    STOCKROOM_TRY(changing, applyRuleOptions(call, rules));
    if (changing) {
        STOCKROOM_CHECK(FulfilmentService(*call.context).setCustomerRules(name, rules));
    }
    printRules(call, QStringLiteral("customer"), Text::tr("Customer %1: %2; ships from %3."), name, rules);
    return Done;
}

Result<int> commandBin(Invocation &call)
{
    const QString sku = call.parser.value(QStringLiteral("sku"));
    const QString location = call.parser.value(QStringLiteral("location"));
    if (!call.arguments().isEmpty() || sku.isEmpty() || location.isEmpty()
        || !call.parser.isSet(QStringLiteral("bin"))) {
        return usage(Text::tr("bin takes --sku SKU, --location CODE and --bin CODE (empty to clear)."));
    }
    const QString bin = call.parser.value(QStringLiteral("bin")).trimmed();
    FulfilmentService fulfilment(*call.context);
    STOCKROOM_CHECK(fulfilment.setBin(sku, location, bin));
    if (call.json()) {
        printJson(QJsonObject {{QStringLiteral("sku"), sku},
                               {QStringLiteral("location"), location},
                               {QStringLiteral("bin"), bin}});
    } else if (bin.isEmpty()) {
        out() << Text::tr("%1 at %2 has no bin now.").arg(sku, location) << Qt::endl;
    } else {
        out() << Text::tr("%1 at %2 is in bin %3.").arg(sku, location, bin) << Qt::endl;
    }
    return Done;
}

QList<Command> commands()
{
    auto option = [](QCommandLineParser &parser, const QString &name, const QString &help,
                     const QString &value = {}) { parser.addOption(QCommandLineOption(name, help, value)); };
    QList<Command> all {
        {QStringLiteral("init"), Text::tr("Create or upgrade the database schema."), {}, commandInit},
        {QStringLiteral("demo"), Text::tr("Fill an empty database with deterministic demo data."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("seed"), Text::tr("Random seed (default 42)."), QStringLiteral("N"));
             option(p, QStringLiteral("products"), Text::tr("Number of products (default 40)."),
                    QStringLiteral("N"));
             option(p, QStringLiteral("locations"), Text::tr("Number of locations (default 3)."),
                    QStringLiteral("N"));
             option(p, QStringLiteral("days"), Text::tr("Days of order history (default 730)."),
                    QStringLiteral("N"));
             option(p, QStringLiteral("end-date"), Text::tr("Last day of the history (default yesterday)."),
                    QStringLiteral("YYYY-MM-DD"));
             option(p, QStringLiteral("archive"),
                    Text::tr("Also add N archived (delivered) orders before the history, e.g. 1000000."),
                    QStringLiteral("N"));
         },
         commandDemo},
        {QStringLiteral("receive"), Text::tr("Book a receipt of stock."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("sku"), Text::tr("Product SKU."), QStringLiteral("SKU"));
             option(p, QStringLiteral("location"), Text::tr("Location code."), QStringLiteral("CODE"));
             option(p, QStringLiteral("qty"), Text::tr("Units received."), QStringLiteral("N"));
             option(p, QStringLiteral("note"), Text::tr("Free text for the ledger."), QStringLiteral("TEXT"));
         },
         commandReceive},
        {QStringLiteral("adjust"), Text::tr("Correct stock on hand, with a reason."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("sku"), Text::tr("Product SKU."), QStringLiteral("SKU"));
             option(p, QStringLiteral("location"), Text::tr("Location code."), QStringLiteral("CODE"));
             option(p, QStringLiteral("delta"), Text::tr("Units to add (positive) or take off (negative)."),
                    QStringLiteral("N"));
             option(p, QStringLiteral("reason"), Text::tr("Why (kept in the ledger)."),
                    QStringLiteral("TEXT"));
         },
         commandAdjust},
        {QStringLiteral("place-order"), Text::tr("Place an order: reserve, route, backorder."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("line"), Text::tr("An order line; repeat for more lines."),
                    QStringLiteral("SKU:QTY"));
             option(p, QStringLiteral("channel"), Text::tr("Sales channel (default manual)."),
                    QStringLiteral("C"));
             option(p, QStringLiteral("external-id"), Text::tr("The channel's order id (imports once only)."),
                    QStringLiteral("X"));
             option(p, QStringLiteral("customer"), Text::tr("Customer name."), QStringLiteral("NAME"));
             option(p, QStringLiteral("postcode"),
                    Text::tr("Ship-to postcode: among locations of equal priority, the nearest ships."),
                    QStringLiteral("CODE"));
             option(p, QStringLiteral("email"), Text::tr("The customer's e-mail address (new customers)."),
                    QStringLiteral("ADDRESS"));
             option(p, QStringLiteral("region"), Text::tr("Ship-to region, breaks ties between locations."),
                    QStringLiteral("REGION"));
             option(p, QStringLiteral("payment"), Text::tr("Payment state (default pending)."),
                    QStringLiteral("STATE"));
         },
         commandPlaceOrder},
        {QStringLiteral("cancel-order"), Text::tr("Cancel an open order and release its stock."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("expect-version"),
                    Text::tr("Refuse if the order is no longer at this version."), QStringLiteral("N"));
         },
         commandCancelOrder},
        {QStringLiteral("ship-order"), Text::tr("Ship what is allocated to an order."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("carrier"), Text::tr("Carrier."), QStringLiteral("NAME"));
             option(p, QStringLiteral("service"), Text::tr("Carrier service."), QStringLiteral("NAME"));
             option(p, QStringLiteral("tracking"), Text::tr("Tracking number."), QStringLiteral("NUMBER"));
             option(p, QStringLiteral("weight"), Text::tr("Parcel weight in kilograms (e.g. 0.9)."),
                    QStringLiteral("KG"));
             option(p, QStringLiteral("expect-version"),
                    Text::tr("Refuse if the order is no longer at this version."), QStringLiteral("N"));
         },
         commandShipOrder},
        {QStringLiteral("pay"), Text::tr("Take the payment of an order, or authorize, void or refund it."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("amount"),
                    Text::tr("The amount paid, e.g. 12.50 (default: the total)."), QStringLiteral("AMOUNT"));
             option(p, QStringLiteral("authorize"), Text::tr("Only authorize the payment."));
             option(p, QStringLiteral("void"), Text::tr("Void a pending or authorized payment."));
             option(p, QStringLiteral("refund"), Text::tr("Refund this amount of a paid order."),
                    QStringLiteral("AMOUNT"));
             option(p, QStringLiteral("note"), Text::tr("Why (kept in the order's history; with --refund)."),
                    QStringLiteral("TEXT"));
             option(p, QStringLiteral("expect-version"),
                    Text::tr("Refuse if the order is no longer at this version."), QStringLiteral("N"));
         },
         commandPay},
        {QStringLiteral("hold"), Text::tr("Put orders on hold, keeping their reservations."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("reason"), Text::tr("Why (e.g. \"address check\")."),
                    QStringLiteral("TEXT"));
         },
         commandHold},
        {QStringLiteral("unhold"), Text::tr("Take orders off hold."), {}, commandUnhold},
        {QStringLiteral("release"),
         Text::tr("Release paid (or pay-later) orders for picking."),
         {},
         commandRelease},
        {QStringLiteral("pick-list"), Text::tr("Write the pick list of a location as PDF."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("location"), Text::tr("Location code."), QStringLiteral("CODE"));
             option(p, QStringLiteral("out"), Text::tr("The PDF file to write."), QStringLiteral("FILE"));
             option(p, QStringLiteral("paper"), Text::tr("a4 or letter (default: by locale)."),
                    QStringLiteral("SIZE"));
         },
         commandPickList},
        {QStringLiteral("pack"),
         Text::tr("Pack an order by scanning its items (without --scan: the progress)."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("scan"), Text::tr("A scanned SKU or GTIN; repeat for more."),
                    QStringLiteral("BARCODE"));
         },
         commandPack},
        {QStringLiteral("order"),
         Text::tr("Show an order in full: lines, allocations, shipments, returns, history."),
         {},
         commandOrder,
         {QStringLiteral("show-order")}},
        {QStringLiteral("track"),
         Text::tr("Tracking: add NUMBER --status S, import FILE.csv, validate NUMBER."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("status"), Text::tr("add: the parcel's state or the carrier's words."),
                    QStringLiteral("STATUS"));
             option(p, QStringLiteral("at"),
                    Text::tr("add: when (ISO 8601; UTC without an offset; default now)."),
                    QStringLiteral("TIME"));
             option(p, QStringLiteral("place"), Text::tr("add: where."), QStringLiteral("PLACE"));
             option(p, QStringLiteral("description"), Text::tr("add: the carrier's description."),
                    QStringLiteral("TEXT"));
         },
         commandTrack,
         {},
         [](const QCommandLineParser &p) {
             return p.positionalArguments().value(1) != QLatin1String("validate");
         }},
        {QStringLiteral("return"), Text::tr("Returns: create ORDER, receive RMA, refund RMA, show RMA."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("line"), Text::tr("create: a returned line; repeat for more."),
                    QStringLiteral("SKU:QTY"));
             option(p, QStringLiteral("reason"), Text::tr("create: why the customer sends it back."),
                    QStringLiteral("TEXT"));
             option(p, QStringLiteral("restock"),
                    Text::tr("receive: units back on a shelf; repeat for more."),
                    QStringLiteral("SKU:QTY@LOCATION"));
             option(p, QStringLiteral("writeoff"),
                    Text::tr("receive: units written off (damaged, expired, lost); repeat for more."),
                    QStringLiteral("SKU:QTY:REASON"));
             option(p, QStringLiteral("amount"),
                    Text::tr("refund: the amount (default: the lines at the prices paid)."),
                    QStringLiteral("AMOUNT"));
         },
         commandReturn},
        {QStringLiteral("channel"),
         Text::tr("Show or set a sales channel's rules; set NAME or list: its stock feed's settings."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("pay-later"), Text::tr("Whether its orders may ship before payment."),
                    QStringLiteral("yes|no"));
             option(p, QStringLiteral("ship-from"),
                    Text::tr("The only locations it ships from, comma-separated (\"\" for any)."),
                    QStringLiteral("CODES"));
             addChannelFeedOptions(p);
         },
         [](Invocation &call) { return channelCommand(call, commandChannel); }},
        {QStringLiteral("customer"), Text::tr("Show or set a customer's rules (pay later, ships only from)."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("pay-later"), Text::tr("Whether their orders may ship before payment."),
                    QStringLiteral("yes|no"));
             option(p, QStringLiteral("ship-from"),
                    Text::tr("The only locations their orders ship from, comma-separated (\"\" for any)."),
                    QStringLiteral("CODES"));
         },
         commandCustomer},
        {QStringLiteral("bin"), Text::tr("Set the bin a product is picked from at a location."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("sku"), Text::tr("Product SKU."), QStringLiteral("SKU"));
             option(p, QStringLiteral("location"), Text::tr("Location code."), QStringLiteral("CODE"));
             option(p, QStringLiteral("bin"), Text::tr("The bin, e.g. A-03 (empty to clear)."),
                    QStringLiteral("CODE"));
         },
         commandBin},
        {QStringLiteral("stock"), Text::tr("Show on hand, reserved and available per product and location."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("sku"), Text::tr("Only this SKU."), QStringLiteral("SKU"));
             option(p, QStringLiteral("location"), Text::tr("Only this location."), QStringLiteral("CODE"));
             option(p, QStringLiteral("csv"), Text::tr("Print CSV."));
         },
         commandStock},
        {QStringLiteral("check"),
         Text::tr("Verify every invariant of the ledger; exit 0 only when all hold."),
         {},
         commandCheck},
        {QStringLiteral("label"),
         Text::tr("Write the 4×6 inch shipping label of a shipped order as PDF and/or ZPL."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("out"), Text::tr("The PDF file to write."), QStringLiteral("FILE"));
             option(p, QStringLiteral("zpl"), Text::tr("The ZPL file to write (thermal label printers)."),
                    QStringLiteral("FILE"));
             option(p, QStringLiteral("dpi"), Text::tr("The label printer's resolution (default 203)."),
                    QStringLiteral("N"));
         },
         commandLabel},
        {QStringLiteral("packing-slip"),
         Text::tr("Write the packing slip of an order as PDF (A4 or Letter by locale)."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("out"), Text::tr("The PDF file to write."), QStringLiteral("FILE"));
         },
         commandPackingSlip},
        {QStringLiteral("watch"), Text::tr("Print every committed change as one JSON line as it arrives."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("count"), Text::tr("Exit after N changes."), QStringLiteral("N"));
             option(p, QStringLiteral("after"), Text::tr("Start after this change number (default: now)."),
                    QStringLiteral("SEQ"));
             option(p, QStringLiteral("poll-ms"),
                    Text::tr("SQLite: how often to look for commits (default 25)."), QStringLiteral("MS"));
         },
         commandWatch},
        {QStringLiteral("prune-changes"),
         Text::tr("Delete old change log rows (desktops that were away longer reload)."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("older-than-days"), Text::tr("Keep this many days (default 30)."),
                    QStringLiteral("N"));
         },
         commandPruneChanges},
    };
    all += inventoryCommands();
    all += importCommands();
    all += exportCommands();
    all += planningCommands();
    all += forecastCommands();
    all += pgCommands();
    all += backupCommands();
    all += userCommands();
    return all;
}

QString overview()
{
    QString text = Text::tr("Usage: stockroomctl [--db CONN] COMMAND [options]\n\nCommands:\n");
    for (const Command &command : commands()) {
        text += QStringLiteral("  %1 %2\n").arg(command.name, -14).arg(command.summary);
        for (const QString &alias : command.aliases) {
            text
                += QStringLiteral("  %1 %2\n").arg(alias, -14).arg(Text::tr("Same as %1.").arg(command.name));
        }
    }
    text += Text::tr("\nCONN: a file path, sqlite:PATH or postgresql://user[:password]@host[:port]/dbname.\n"
                     "Exit codes: 0 done, 1 refused, 2 usage error, 3 database error.\n");
    return text;
}

} // namespace

int run(const QStringList &arguments)
{
    const QList<Command> all = commands();
    QString name;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--db") || argument == QLatin1String("--user")
            || argument == QLatin1String("--password-file")) {
            ++i; // global options that take a value may come before the command
        } else if (!argument.startsWith(QLatin1Char('-'))) {
            name = argument;
            break;
        }
    }
    if (arguments.contains(QStringLiteral("--version"))) {
        out() << QCoreApplication::applicationVersion() << Qt::endl;
        return Done;
    }
    const auto command = std::find_if(all.cbegin(), all.cend(), [&](const Command &c) {
        return c.name == name || c.aliases.contains(name);
    });
    if (command == all.cend()) {
        const bool help
            = arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h"));
        (help ? out() : err()) << overview();
        if (!name.isEmpty()) {
            err() << Text::tr("stockroomctl: unknown command \"%1\".").arg(name) << Qt::endl;
        }
        return help && name.isEmpty() ? Done : UsageError;
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(command->summary);
    parser.addHelpOption();
    parser.addOption(
        QCommandLineOption(QStringLiteral("db"),
                           Text::tr("Database: a file, sqlite:PATH or postgresql://user@host:port/db "
                                    "(default: stockroom.db in the data folder; or $STOCKROOM_DB)."),
                           QStringLiteral("CONN")));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), Text::tr("Print the result as JSON.")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("user"),
                           Text::tr("Sign in as this user (default: $STOCKROOM_USER; on a database "
                                    "without users, who is acting, default $USER)."),
                           QStringLiteral("NAME")));
    parser.addOption(QCommandLineOption(QStringLiteral("password-file"),
                                        Text::tr("Read the password from the first line of this file (else "
                                                 "$STOCKROOM_PASSWORD, or a prompt on a terminal)."),
                                        QStringLiteral("FILE")));
    parser.addPositionalArgument(command->name, command->summary);
    if (command->addOptions) {
        command->addOptions(parser);
    }
    if (!parser.parse(QStringList {QStringLiteral("stockroomctl")} + arguments)) {
        return fail(usage(parser.errorText()));
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return Done;
    }

    if (command->needsDatabase && !command->needsDatabase(parser)) {
        Invocation call {parser, nullptr, nullptr};
        const Result<int> code = command->action(call);
        out().flush();
        return code ? *code : fail(code.error());
    }

    QString connection = parser.value(QStringLiteral("db"));
    if (connection.isEmpty()) {
        connection = qEnvironmentVariable("STOCKROOM_DB");
    }
    Result<ConnectionSpec> spec = connection.isEmpty() ? Result<ConnectionSpec>(ConnectionSpec::defaultSpec())
                                                       : ConnectionSpec::parse(connection);
    if (!spec) {
        return fail(spec.error());
    }
    Result<std::unique_ptr<Database>> db = Database::open(*spec, QStringLiteral("stockroomctl"));
    if (!db) {
        return fail(db.error());
    }
    Result<int> migrated = Migrations::migrate(**db);
    if (!migrated) {
        return fail(migrated.error());
    }
    QString user = parser.value(QStringLiteral("user"));
    if (user.isEmpty()) {
        user = qEnvironmentVariable("USER", QStringLiteral("stockroomctl"));
    }
    ServiceContext context {**db, Clock(), user};
    // Every command acts as someone: the services check that person's role.
    Result<Actor> actor = signInFromCommandLine(parser, context);
    if (!actor) {
        return fail(actor.error());
    }
    context.userName = actor->userName;
    context.role = actor->role;
    Invocation call {parser, db->get(), &context};
    const Result<int> code = command->action(call);
    out().flush();
    return code ? *code : fail(code.error());
}

} // namespace Stockroom::Cli
