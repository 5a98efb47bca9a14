// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include "catalogservice.h"
#include "changefeed.h"
#include "demodata.h"
#include "invariantchecker.h"
#include "migrations.h"
#include "orderservice.h"
#include "orderstatus.h"
#include "packingslip.h"
#include "shippinglabel.h"
#include "stockexport.h"
#include "stockservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>
#include <functional>

namespace Stockroom::Cli {

namespace {

/** The translation context of the command line's messages. */
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(stockroomctl)
};

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int exitCodeFor(const Error &error)
{
    switch (error.kind) {
    case Error::Kind::Business:
    case Error::Kind::Stale:
        return Refused;
    case Error::Kind::Usage:
        return UsageError;
    case Error::Kind::Database:
    case Error::Kind::Conflict:
        return DatabaseError;
    }
    return DatabaseError;
}

int fail(const Error &error)
{
    err() << Text::tr("stockroomctl: %1").arg(error.message) << Qt::endl;
    return exitCodeFor(error);
}

Error usage(const QString &message)
{
    return Error::usage(message);
}

/** What a command gets: its parsed options and, when it needs one, an open, migrated database. */
struct Invocation
{
    QCommandLineParser &parser;
    Database *db = nullptr;
    ServiceContext *context = nullptr;
    bool json() const { return parser.isSet(QStringLiteral("json")); }
};

struct Command
{
    QString name;
    QString summary;
    std::function<void(QCommandLineParser &)> addOptions;
    std::function<Result<int>(Invocation &)> action;
};

void printJson(const QJsonValue &value)
{
    const QJsonDocument document
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out() << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    out().flush();
}

Result<int> intOption(const QCommandLineParser &parser, const QString &name, int fallback, int min, int max)
{
    if (!parser.isSet(name)) {
        return fallback;
    }
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < min || value > max) {
        return Error::usage(Text::tr("--%1 must be a whole number from %2 to %3, not \"%4\".")
                                .arg(name)
                                .arg(min)
                                .arg(max)
                                .arg(parser.value(name)));
    }
    return value;
}

/** --expect-version: act only if the order is still at the version the script read. */
Result<std::optional<int>> expectedVersion(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("expect-version"))) {
        return std::optional<int> {};
    }
    STOCKROOM_TRY(version, intOption(parser, QStringLiteral("expect-version"), 0, 1, 1'000'000'000));
    return std::optional<int> {version};
}

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
    if (call.parser.isSet(QStringLiteral("payment"))) {
        request.paymentStatus = call.parser.value(QStringLiteral("payment"));
    }
    OrderService orders(*call.context);
    STOCKROOM_TRY(placed, orders.place(request));
    if (call.json()) {
        printJson(StockExport::placedOrderJson(placed));
        return Done;
    }
    out() << Text::tr("%1 %2: %3").arg(placed.number, placed.status, placed.explanation) << Qt::endl;
    for (const PlacedLine &line : std::as_const(placed.lines)) {
        QStringList parts;
        for (const LineAllocation &allocation : line.allocations) {
            parts << Text::tr("%1 from %2").arg(allocation.qty).arg(allocation.locationCode);
        }
        if (line.backordered > 0) {
            parts << Text::tr("%1 backordered").arg(line.backordered);
        }
        out() << QStringLiteral("  %1 × %2: %3").arg(line.qty).arg(line.sku, parts.join(QStringLiteral(", ")))
              << Qt::endl;
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
    STOCKROOM_TRY(weight, intOption(call.parser, QStringLiteral("weight"), 0, 0, 1'000'000));
    details.weightGrams = weight;
    STOCKROOM_TRY(expected, expectedVersion(call.parser));
    OrderService orders(*call.context);
    STOCKROOM_TRY(shipped, orders.ship(positional.at(1), details, expected));
    if (call.json()) {
        QJsonArray shipments;
        for (const ShipmentSummary &shipment : std::as_const(shipped.shipments)) {
            shipments.append(QJsonObject {{QStringLiteral("shipment"), shipment.shipmentId},
                                          {QStringLiteral("location"), shipment.locationCode},
                                          {QStringLiteral("units"), shipment.units}});
        }
        printJson(QJsonObject {{QStringLiteral("order"), shipped.number},
                               {QStringLiteral("status"), shipped.status},
                               {QStringLiteral("shipments"), shipments}});
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
        out() << QString::fromUtf8(StockExport::levelsJson(levels));
    } else if (call.parser.isSet(QStringLiteral("csv"))) {
        out() << QString::fromUtf8(StockExport::levelsCsv(levels));
    } else {
        out() << QStringLiteral("%1 %2 %3 %4 %5")
                     .arg(Text::tr("SKU"), -12)
                     .arg(Text::tr("Location"), -10)
                     .arg(Text::tr("On hand"), 8)
                     .arg(Text::tr("Reserved"), 9)
                     .arg(Text::tr("Available"), 10)
              << Qt::endl;
        for (const StockLevelRow &level : std::as_const(levels)) {
            out() << QStringLiteral("%1 %2 %3 %4 %5")
                         .arg(level.sku, -12)
                         .arg(level.locationCode, -10)
                         .arg(level.onHand, 8)
                         .arg(level.reserved, 9)
                         .arg(level.available(), 10)
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

Result<int> commandLabel(Invocation &call)
{
    const QStringList positional = call.parser.positionalArguments();
    const QString file = call.parser.value(QStringLiteral("out"));
    if (positional.size() != 2 || file.isEmpty()) {
        return usage(Text::tr("label takes one order number and --out FILE.pdf."));
    }
    const std::optional<qint64> id = orderIdFromNumber(positional.at(1));
    if (!id) {
        return Error::business(Text::tr("There is no order %1.").arg(positional.at(1)));
    }
    OrderRepository orders(*call.db);
    STOCKROOM_TRY(facts, orders.latestShipment(*id));
    if (!facts) {
        return Error::business(
            Text::tr("Order %1 has not shipped yet: ship it first.").arg(orderNumber(*id)));
    }
    auto lines = [](const QString &address, const QString &postcode, const QString &region) {
        QStringList result;
        for (const QString &line : address.split(QLatin1Char('\n'))) {
            if (!line.trimmed().isEmpty()) {
                result << line.trimmed();
            }
        }
        if (!postcode.isEmpty()) {
            result << postcode;
        }
        if (!region.isEmpty()) {
            result << region;
        }
        return result;
    };
    LabelData label;
    label.fromName = facts->fromName;
    label.fromAddress = lines(facts->fromAddress, facts->fromPostcode, {});
    label.toName = facts->toName;
    label.toAddress = lines(facts->toAddress, facts->toPostcode, facts->toRegion);
    label.carrier = facts->carrier;
    label.service = facts->service;
    label.weightGrams = facts->weightGrams;
    label.orderNumber = orderNumber(*id);
    label.date = fromStoredTime(facts->createdAt).date();
    label.trackingNumber = facts->trackingNumber;
    STOCKROOM_CHECK(ShippingLabel::writePdf(label, file));
    if (call.json()) {
        printJson(QJsonObject {
            {QStringLiteral("order"), label.orderNumber},
            {QStringLiteral("file"), file},
            {QStringLiteral("tracking"), ShippingLabel::normaliseTracking(label.trackingNumber)}});
    } else {
        out() << Text::tr("Label for %1 written to %2.").arg(label.orderNumber, file) << Qt::endl;
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

QList<Command> commands()
{
    auto option = [](QCommandLineParser &parser, const QString &name, const QString &help,
                     const QString &value = {}) { parser.addOption(QCommandLineOption(name, help, value)); };
    return {
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
             option(p, QStringLiteral("weight"), Text::tr("Parcel weight in grams."),
                    QStringLiteral("GRAMS"));
             option(p, QStringLiteral("expect-version"),
                    Text::tr("Refuse if the order is no longer at this version."), QStringLiteral("N"));
         },
         commandShipOrder},
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
        {QStringLiteral("label"), Text::tr("Write the 4×6 inch shipping label of a shipped order as PDF."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("out"), Text::tr("The PDF file to write."), QStringLiteral("FILE"));
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
}

QString overview()
{
    QString text = Text::tr("Usage: stockroomctl [--db CONN] COMMAND [options]\n\nCommands:\n");
    for (const Command &command : commands()) {
        text += QStringLiteral("  %1 %2\n").arg(command.name, -14).arg(command.summary);
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
        if (argument == QLatin1String("--db") || argument == QLatin1String("--user")) {
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
    const auto command
        = std::find_if(all.cbegin(), all.cend(), [&](const Command &c) { return c.name == name; });
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
    parser.addOption(QCommandLineOption(QStringLiteral("user"), Text::tr("Who is acting (default: $USER)."),
                                        QStringLiteral("NAME")));
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
    Invocation call {parser, db->get(), &context};
    const Result<int> code = command->action(call);
    out().flush();
    return code ? *code : fail(code.error());
}

} // namespace Stockroom::Cli
