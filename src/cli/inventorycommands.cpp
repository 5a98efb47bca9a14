// SPDX-License-Identifier: GPL-3.0-or-later
#include "inventorycommands.h"

#include "catalogservice.h"
#include "countservice.h"
#include "inventoryrepository.h"
#include "inventorystatus.h"
#include "orderstatus.h"
#include "productimporter.h"
#include "purchaseservice.h"
#include "stockrepository.h"
#include "transferservice.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace Stockroom::Cli {

namespace {

// ---- Shared pieces ----------------------------------------------------------------------------------

/** The one document number an action takes ("po order PO-000001"), or a usage error. */
Result<QString> oneNumber(const QStringList &arguments, const QString &action, const QString &what)
{
    if (arguments.size() != 1 || arguments.first().trimmed().isEmpty()) {
        return usage(Text::tr("%1 takes one %2 number.").arg(action, what));
    }
    return arguments.first().trimmed();
}

QString orNone(const QString &text)
{
    return text.isEmpty() ? Text::tr("—") : text;
}

QString signedNumber(qint64 value)
{
    return value > 0 ? QStringLiteral("+%1").arg(value) : QString::number(value);
}

QJsonValue nullable(const std::optional<int> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

/** "SKU:QTY" lines of --line (SKU or a scanned GTIN). */
Result<QList<QuantityLine>> quantityLines(const Invocation &call, const QString &option)
{
    QList<QuantityLine> lines;
    for (const QString &text : call.parser.values(option)) {
        STOCKROOM_TRY(parts, skuAndQty(text, option, QStringLiteral("SKU:QTY")));
        QuantityLine line;
        line.sku = parts.first;
        line.qty = parts.second;
        lines << line;
    }
    return lines;
}

/** "SKU:QTY" or "SKU:QTY:COST" (a purchase order line; the SKU may hold colons itself). */
Result<QuantityLine> purchaseLine(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(':'));
    if (parts.size() >= 3) {
        bool isQty = false;
        const int qty = parts.at(parts.size() - 2).trimmed().toInt(&isQty);
        if (isQty) {
            const QString sku = parts.mid(0, parts.size() - 2).join(QLatin1Char(':')).trimmed();
            if (sku.isEmpty() || qty <= 0) {
                return usage(Text::tr("--line takes SKU:QTY[:COST], not \"%1\".").arg(text));
            }
            STOCKROOM_TRY(cents, centsFrom(parts.last().trimmed(), QStringLiteral("line")));
            QuantityLine line;
            line.sku = sku;
            line.qty = qty;
            line.unitCostCents = cents;
            return line;
        }
    }
    STOCKROOM_TRY(skuQty, skuAndQty(text, QStringLiteral("line"), QStringLiteral("SKU:QTY[:COST]")));
    QuantityLine line;
    line.sku = skuQty.first;
    line.qty = skuQty.second;
    return line;
}

Result<LocationRecord> readLocation(Invocation &call, const QString &code);

// ---- Products ---------------------------------------------------------------------------------------

QJsonObject productJson(const ProductRecord &product)
{
    return QJsonObject {{QStringLiteral("sku"), product.sku},
                        {QStringLiteral("name"), product.name},
                        {QStringLiteral("gtin"), product.gtin},
                        {QStringLiteral("unit_cost_cents"), product.unitCostCents},
                        {QStringLiteral("price_cents"), product.priceCents},
                        {QStringLiteral("weight_grams"), product.weightGrams},
                        {QStringLiteral("active"), product.active},
                        {QStringLiteral("average_cost_cents"), product.averageCostCents}};
}

void printProduct(const Invocation &call, const QString &sentence, const ProductRecord &product)
{
    if (call.json()) {
        printJson(productJson(product));
        return;
    }
    out() << sentence.arg(product.sku, product.name) << Qt::endl;
    out() << Text::tr("  barcode %1; cost %2 (average %3); price %4; %5 g; %6.")
                 .arg(orNone(product.gtin), money(product.unitCostCents), money(product.averageCostCents),
                      money(product.priceCents))
                 .arg(product.weightGrams)
                 .arg(product.active ? Text::tr("active") : Text::tr("inactive"))
          << Qt::endl;
}

const QStringList &productOptions()
{
    static const QStringList names {QStringLiteral("sku"),      QStringLiteral("name"),
                                    QStringLiteral("gtin"),     QStringLiteral("cost"),
                                    QStringLiteral("price"),    QStringLiteral("weight-grams"),
                                    QStringLiteral("inactive"), QStringLiteral("active")};
    return names;
}

/** The product options given on the command line, over what the product had. */
Result<ProductRecord> withProductOptions(const Invocation &call, ProductRecord product)
{
    const QCommandLineParser &p = call.parser;
    if (p.isSet(QStringLiteral("name"))) {
        product.name = p.value(QStringLiteral("name"));
    }
    if (p.isSet(QStringLiteral("gtin"))) {
        product.gtin = p.value(QStringLiteral("gtin")).trimmed();
    }
    if (p.isSet(QStringLiteral("cost"))) {
        STOCKROOM_TRY(cents, centsFrom(p.value(QStringLiteral("cost")), QStringLiteral("cost")));
        product.unitCostCents = cents;
    }
    if (p.isSet(QStringLiteral("price"))) {
        STOCKROOM_TRY(cents, centsFrom(p.value(QStringLiteral("price")), QStringLiteral("price")));
        product.priceCents = cents;
    }
    STOCKROOM_TRY(grams, intOption(p, QStringLiteral("weight-grams"), product.weightGrams, 0, 1'000'000));
    product.weightGrams = grams;
    if (p.isSet(QStringLiteral("inactive")) && p.isSet(QStringLiteral("active"))) {
        return usage(Text::tr("A product is --active or --inactive, not both."));
    }
    if (p.isSet(QStringLiteral("inactive"))) {
        product.active = false;
    } else if (p.isSet(QStringLiteral("active"))) {
        product.active = true;
    }
    return product;
}

Result<ProductRecord> readProduct(Invocation &call, const QString &sku)
{
    return call.db->read<ProductRecord>([&]() -> Result<ProductRecord> {
        CatalogRepository catalog(*call.db);
        return Known::product(catalog, sku);
    });
}

Result<int> productAdd(Invocation &call)
{
    STOCKROOM_CHECK(onlyOptions(call, QStringLiteral("product add"), productOptions()));
    const QString sku = call.parser.value(QStringLiteral("sku")).trimmed();
    if (call.arguments().size() != 1 || sku.isEmpty() || !call.parser.isSet(QStringLiteral("name"))) {
        return usage(Text::tr("product add takes --sku SKU and --name NAME."));
    }
    ProductRecord fresh;
    fresh.sku = sku;
    STOCKROOM_TRY(product, withProductOptions(call, fresh));
    STOCKROOM_CHECK(CatalogService(*call.context).addProduct(product));
    STOCKROOM_TRY(stored, readProduct(call, sku));
    printProduct(call, Text::tr("Added %1: %2."), stored);
    return Done;
}

Result<int> productUpdate(Invocation &call)
{
    STOCKROOM_CHECK(onlyOptions(call, QStringLiteral("product update"), productOptions()));
    const QString sku = call.parser.value(QStringLiteral("sku")).trimmed();
    if (call.arguments().size() != 1 || sku.isEmpty()) {
        return usage(Text::tr("product update takes --sku SKU and the options to change."));
    }
    // What is not given keeps its value: the service stores the whole record.
    STOCKROOM_TRY(existing, readProduct(call, sku));
    STOCKROOM_TRY(product, withProductOptions(call, existing));
    STOCKROOM_TRY(updated, CatalogService(*call.context).updateProduct(product));
    printProduct(call, Text::tr("Updated %1: %2."), updated);
    return Done;
}

Result<int> productImport(Invocation &call)
{
    STOCKROOM_CHECK(onlyOptions(call, QStringLiteral("product import"),
                                {QStringLiteral("format"), QStringLiteral("location"), QStringLiteral("map"),
                                 QStringLiteral("dry-run")}));
    const QStringList arguments = call.arguments().mid(1);
    if (arguments.size() != 1) {
        return usage(Text::tr("product import takes one file."));
    }
    const QString file = arguments.first();
    ProductFileFormat format = ProductFileFormat::Auto;
    if (call.parser.isSet(QStringLiteral("format"))) {
        const std::optional<ProductFileFormat> named
            = ProductImport::formatFromName(call.parser.value(QStringLiteral("format")));
        if (!named) {
            return usage(Text::tr("--format takes auto, stockroom, stockroom-stock, shopify-products or "
                                  "shopify-inventory, not \"%1\".")
                             .arg(call.parser.value(QStringLiteral("format"))));
        }
        format = *named;
    }
    QHash<QString, QString> locationMap;
    for (const QString &mapping : call.parser.values(QStringLiteral("map"))) {
        // Our codes hold no "=", the shop's location names might.
        const qsizetype equals = mapping.lastIndexOf(QLatin1Char('='));
        const QString name = equals > 0 ? mapping.left(equals).trimmed() : QString();
        const QString code = equals > 0 ? mapping.mid(equals + 1).trimmed() : QString();
        if (name.isEmpty() || code.isEmpty()) {
            return usage(Text::tr("--map takes \"NAME IN THE FILE=CODE\", not \"%1\".").arg(mapping));
        }
        locationMap.insert(name, code);
    }
    const QString location = call.parser.value(QStringLiteral("location")).trimmed();
    if (!location.isEmpty()) {
        // Checked here: otherwise every row without a location would report it.
        STOCKROOM_CHECK(readLocation(call, location));
    }
    const bool dryRun = call.parser.isSet(QStringLiteral("dry-run"));

    ProductImportRequest request;
    request.fileName = file;
    request.format = format;
    request.defaultLocation = location;
    request.locationMap = locationMap;
    request.dryRun = dryRun;
    STOCKROOM_TRY(report, ProductImporter::run(*call.context, request));
    const ImportOutcome &outcome = report.outcome;
    if (!outcome.problems.isEmpty()) {
        bool unknownLocation = false;
        for (const QString &problem : outcome.problems) {
            err() << problem << Qt::endl;
            unknownLocation = unknownLocation || problem.contains(QLatin1String(": location: "));
        }
        if (unknownLocation) {
            err() << Text::tr(
                "Give the location for rows without one with --location CODE, and say which of ours a "
                "location of the file is with --map \"NAME=CODE\".")
                  << Qt::endl;
        }
        return usage(
            Text::tr("%1: %n problem(s); nothing was imported.", nullptr, int(outcome.problems.size()))
                .arg(QFileInfo(file).fileName()));
    }
    const double seconds = (report.parseMilliseconds + report.applyMilliseconds) / 1000.0;
    if (call.json()) {
        printJson(QJsonObject {{QStringLiteral("file"), file},
                               {QStringLiteral("format"), ProductImport::formatName(report.format)},
                               {QStringLiteral("dry_run"), dryRun},
                               {QStringLiteral("import"),
                                outcome.applied()
                                    ? QJsonValue(referenceNumber(QStringLiteral("import"), outcome.importId))
                                    : QJsonValue(QJsonValue::Null)},
                               {QStringLiteral("rows"), report.rowsRead},
                               {QStringLiteral("products_created"), outcome.productsCreated},
                               {QStringLiteral("products_updated"), outcome.productsUpdated},
                               {QStringLiteral("products_unchanged"), outcome.productsUnchanged},
                               {QStringLiteral("stock_levels_set"), outcome.stockChanged},
                               {QStringLiteral("units_in"), outcome.unitsIn},
                               {QStringLiteral("units_out"), outcome.unitsOut},
                               {QStringLiteral("seconds"), seconds}});
        return Done;
    }
    out() << Text::tr("%1 (%2): %3 rows; products %4 created, %5 updated, %6 unchanged; %7 stock levels set, "
                      "%8 units in, %9 units out; %10 s.")
                 .arg(QFileInfo(file).fileName(), ProductImport::formatName(report.format))
                 .arg(report.rowsRead)
                 .arg(outcome.productsCreated)
                 .arg(outcome.productsUpdated)
                 .arg(outcome.productsUnchanged)
                 .arg(outcome.stockChanged)
                 .arg(outcome.unitsIn)
                 .arg(outcome.unitsOut)
                 .arg(seconds, 0, 'f', 2)
          << Qt::endl;
    if (dryRun) {
        out() << Text::tr("Dry run: nothing was changed.") << Qt::endl;
    } else {
        out() << Text::tr("Ledger reference: %1.")
                     .arg(referenceNumber(QStringLiteral("import"), outcome.importId))
              << Qt::endl;
    }
    return Done;
}

Result<int> commandProduct(Invocation &call)
{
    const QString action = call.arguments().value(0);
    if (action == QLatin1String("add")) {
        return productAdd(call);
    }
    if (action == QLatin1String("update")) {
        return productUpdate(call);
    }
    if (action == QLatin1String("import")) {
        return productImport(call);
    }
    return usage(Text::tr("product takes add, update or import FILE."));
}

// ---- Locations, stock settings, suppliers -----------------------------------------------------------

QJsonObject locationJson(const LocationRecord &location)
{
    return QJsonObject {
        {QStringLiteral("code"), location.code},         {QStringLiteral("name"), location.name},
        {QStringLiteral("kind"), location.kind},         {QStringLiteral("priority"), location.priority},
        {QStringLiteral("postcode"), location.postcode}, {QStringLiteral("region"), location.region},
        {QStringLiteral("address"), location.address},   {QStringLiteral("active"), location.active}};
}

const QStringList &locationOptions()
{
    static const QStringList names {QStringLiteral("code"),     QStringLiteral("name"),
                                    QStringLiteral("kind"),     QStringLiteral("priority"),
                                    QStringLiteral("postcode"), QStringLiteral("region"),
                                    QStringLiteral("address")};
    return names;
}

Result<LocationRecord> withLocationOptions(const Invocation &call, LocationRecord location)
{
    const QCommandLineParser &p = call.parser;
    if (p.isSet(QStringLiteral("name"))) {
        location.name = p.value(QStringLiteral("name"));
    }
    if (p.isSet(QStringLiteral("kind"))) {
        location.kind = p.value(QStringLiteral("kind")).trimmed();
    }
    STOCKROOM_TRY(priority, intOption(p, QStringLiteral("priority"), location.priority, 0, 1'000'000));
    location.priority = priority;
    if (p.isSet(QStringLiteral("postcode"))) {
        location.postcode = p.value(QStringLiteral("postcode")).trimmed();
    }
    if (p.isSet(QStringLiteral("region"))) {
        location.region = p.value(QStringLiteral("region")).trimmed();
    }
    if (p.isSet(QStringLiteral("address"))) {
        location.address = p.value(QStringLiteral("address")).trimmed();
    }
    return location;
}

Result<LocationRecord> readLocation(Invocation &call, const QString &code)
{
    return call.db->read<LocationRecord>([&]() -> Result<LocationRecord> {
        CatalogRepository catalog(*call.db);
        return Known::location(catalog, code);
    });
}

void printLocation(const Invocation &call, const QString &sentence, const LocationRecord &location)
{
    if (call.json()) {
        printJson(locationJson(location));
        return;
    }
    out() << sentence.arg(location.code, location.name) << Qt::endl;
    out() << Text::tr("  %1, priority %2; postcode %3, region %4; address %5.")
                 .arg(location.kind)
                 .arg(location.priority)
                 .arg(orNone(location.postcode), orNone(location.region), orNone(location.address))
          << Qt::endl;
}

Result<int> commandLocation(Invocation &call)
{
    const QString action = call.arguments().value(0);
    const QString code = call.parser.value(QStringLiteral("code")).trimmed();
    if (action == QLatin1String("add")) {
        STOCKROOM_CHECK(onlyOptions(call, QStringLiteral("location add"), locationOptions()));
        if (call.arguments().size() != 1 || code.isEmpty() || !call.parser.isSet(QStringLiteral("name"))) {
            return usage(Text::tr("location add takes --code CODE and --name NAME."));
        }
        LocationRecord fresh;
        fresh.code = code;
        STOCKROOM_TRY(location, withLocationOptions(call, fresh));
        STOCKROOM_CHECK(CatalogService(*call.context).addLocation(location));
        STOCKROOM_TRY(stored, readLocation(call, code));
        printLocation(call, Text::tr("Added location %1: %2."), stored);
        return Done;
    }
    if (action == QLatin1String("update")) {
        STOCKROOM_CHECK(onlyOptions(call, QStringLiteral("location update"), locationOptions()));
        if (call.arguments().size() != 1 || code.isEmpty()) {
            return usage(Text::tr("location update takes --code CODE and the options to change."));
        }
        STOCKROOM_TRY(existing, readLocation(call, code));
        STOCKROOM_TRY(location, withLocationOptions(call, existing));
        STOCKROOM_TRY(updated, CatalogService(*call.context).updateLocation(location));
        printLocation(call, Text::tr("Updated location %1: %2."), updated);
        return Done;
    }
    return usage(Text::tr("location takes add or update."));
}

Result<int> commandStockSettings(Invocation &call)
{
    const QString sku = call.parser.value(QStringLiteral("sku")).trimmed();
    const QString location = call.parser.value(QStringLiteral("location")).trimmed();
    const bool anySetting = call.parser.isSet(QStringLiteral("bin"))
        || call.parser.isSet(QStringLiteral("reorder-point"))
        || call.parser.isSet(QStringLiteral("reorder-qty"));
    if (!call.arguments().isEmpty() || sku.isEmpty() || location.isEmpty() || !anySetting) {
        return usage(Text::tr("stock-settings takes --sku SKU, --location CODE and --bin, --reorder-point or "
                              "--reorder-qty."));
    }
    std::optional<QString> bin;
    if (call.parser.isSet(QStringLiteral("bin"))) {
        bin = call.parser.value(QStringLiteral("bin")).trimmed();
    }
    std::optional<int> reorderPoint;
    if (call.parser.isSet(QStringLiteral("reorder-point"))) {
        STOCKROOM_TRY(value, intOption(call.parser, QStringLiteral("reorder-point"), 0, 0, 1'000'000));
        reorderPoint = value;
    }
    std::optional<int> reorderQty;
    if (call.parser.isSet(QStringLiteral("reorder-qty"))) {
        STOCKROOM_TRY(value, intOption(call.parser, QStringLiteral("reorder-qty"), 0, 0, 1'000'000));
        reorderQty = value;
    }
    STOCKROOM_CHECK(
        CatalogService(*call.context).setStockSettings(sku, location, bin, reorderPoint, reorderQty));
    // The settings as stored (what was not given kept its value), where the product has a level there.
    StockRepository stock(*call.db);
    STOCKROOM_TRY(levels, call.db->read<QList<StockLevelRow>>([&]() { return stock.levels(sku, location); }));
    QJsonObject result {{QStringLiteral("sku"), sku}, {QStringLiteral("location"), location}};
    if (!levels.isEmpty()) {
        const StockLevelRow &level = levels.first();
        result.insert(QStringLiteral("sku"), level.sku);
        result.insert(QStringLiteral("location"), level.locationCode);
        bin = level.binCode;
        reorderPoint = level.reorderPoint;
        reorderQty = level.reorderQty;
    }
    if (bin) {
        result.insert(QStringLiteral("bin"), *bin);
    }
    if (reorderPoint) {
        result.insert(QStringLiteral("reorder_point"), *reorderPoint);
    }
    if (reorderQty) {
        result.insert(QStringLiteral("reorder_qty"), *reorderQty);
    }
    if (call.json()) {
        printJson(result);
        return Done;
    }
    QStringList parts;
    if (bin) {
        parts << (bin->isEmpty() ? Text::tr("no bin") : Text::tr("bin %1").arg(*bin));
    }
    if (reorderPoint) {
        parts << Text::tr("reorder point %1").arg(*reorderPoint);
    }
    if (reorderQty) {
        parts << Text::tr("reorder quantity %1").arg(*reorderQty);
    }
    out() << Text::tr("%1 at %2: %3.")
                 .arg(result.value(QStringLiteral("sku")).toString(),
                      result.value(QStringLiteral("location")).toString(), parts.join(QStringLiteral(", ")))
          << Qt::endl;
    return Done;
}

QJsonObject supplierJson(const SupplierRecord &supplier)
{
    return QJsonObject {{QStringLiteral("supplier"), supplier.name},
                        {QStringLiteral("email"), supplier.email},
                        {QStringLiteral("lead_time_days"), supplier.leadTimeDays}};
}

Result<int> commandSupplier(Invocation &call)
{
    const QString action = call.arguments().value(0);
    if (action == QLatin1String("add")) {
        STOCKROOM_CHECK(
            onlyOptions(call, QStringLiteral("supplier add"),
                        {QStringLiteral("name"), QStringLiteral("email"), QStringLiteral("lead-time-days")}));
        const QString name = call.parser.value(QStringLiteral("name")).trimmed();
        if (call.arguments().size() != 1 || name.isEmpty()) {
            return usage(Text::tr("supplier add takes --name NAME."));
        }
        STOCKROOM_TRY(leadTime, intOption(call.parser, QStringLiteral("lead-time-days"), 7, 0, 365));
        STOCKROOM_TRY(supplier,
                      PurchaseService(*call.context)
                          .addSupplier(name, call.parser.value(QStringLiteral("email")), leadTime));
        if (call.json()) {
            printJson(supplierJson(supplier));
        } else {
            out() << Text::tr("Added supplier %1 (%2; lead time %3 days).")
                         .arg(supplier.name, orNone(supplier.email))
                         .arg(supplier.leadTimeDays)
                  << Qt::endl;
        }
        return Done;
    }
    if (action == QLatin1String("list")) {
        STOCKROOM_CHECK(onlyOptions(call, QStringLiteral("supplier list"), {}));
        InventoryRepository documents(*call.db);
        STOCKROOM_TRY(suppliers,
                      call.db->read<QList<SupplierRecord>>([&]() { return documents.suppliers(); }));
        if (call.json()) {
            QJsonArray list;
            for (const SupplierRecord &supplier : std::as_const(suppliers)) {
                list.append(supplierJson(supplier));
            }
            printJson(QJsonObject {{QStringLiteral("suppliers"), list}});
            return Done;
        }
        for (const SupplierRecord &supplier : std::as_const(suppliers)) {
            out() << Text::tr("%1 (%2; lead time %3 days)")
                         .arg(supplier.name, orNone(supplier.email))
                         .arg(supplier.leadTimeDays)
                  << Qt::endl;
        }
        return Done;
    }
    return usage(Text::tr("supplier takes add or list."));
}

// ---- Purchase orders --------------------------------------------------------------------------------

QJsonObject purchaseOrderJson(const PurchaseOrder &po)
{
    QJsonArray lines;
    int ordered = 0;
    int received = 0;
    for (const PurchaseOrderLine &line : po.lines) {
        ordered += line.ordered;
        received += line.received;
        lines.append(QJsonObject {{QStringLiteral("line"), line.lineNo},
                                  {QStringLiteral("sku"), line.sku},
                                  {QStringLiteral("name"), line.productName},
                                  {QStringLiteral("ordered"), line.ordered},
                                  {QStringLiteral("received"), line.received},
                                  {QStringLiteral("over"), line.over()},
                                  {QStringLiteral("short"), line.outstanding()},
                                  {QStringLiteral("unit_cost_cents"), line.unitCostCents}});
    }
    return QJsonObject {{QStringLiteral("purchase_order"), po.number},
                        {QStringLiteral("status"), po.status},
                        {QStringLiteral("supplier"), po.supplier},
                        {QStringLiteral("location"), po.locationCode},
                        {QStringLiteral("expected"), nullable(po.expectedAt)},
                        {QStringLiteral("note"), po.note},
                        {QStringLiteral("version"), po.version},
                        {QStringLiteral("created_by"), po.createdBy},
                        {QStringLiteral("created_at"), po.createdAt},
                        {QStringLiteral("ordered_at"), nullable(po.orderedAt)},
                        {QStringLiteral("closed_at"), nullable(po.closedAt)},
                        {QStringLiteral("updated_by"), po.updatedBy},
                        {QStringLiteral("updated_at"), po.updatedAt},
                        {QStringLiteral("ordered"), ordered},
                        {QStringLiteral("received"), received},
                        {QStringLiteral("lines"), lines}};
}

void printPurchaseOrder(const PurchaseOrder &po)
{
    out() << Text::tr("%1 from %2 for %3 is %4; expected %5; version %6.")
                 .arg(po.number, po.supplier, po.locationCode, po.status, orNone(po.expectedAt))
                 .arg(po.version)
          << Qt::endl;
    out() << Text::tr("Created by %1 at %2; ordered %3; closed %4; last changed by %5 at %6.")
                 .arg(po.createdBy, po.createdAt, orNone(po.orderedAt), orNone(po.closedAt), po.updatedBy,
                      po.updatedAt)
          << Qt::endl;
    if (!po.note.isEmpty()) {
        out() << Text::tr("Note: %1").arg(po.note) << Qt::endl;
    }
    for (const PurchaseOrderLine &line : po.lines) {
        QString balance;
        if (line.over() > 0) {
            balance = Text::tr(", %1 over").arg(line.over());
        } else if (line.outstanding() > 0) {
            balance = Text::tr(", %1 short").arg(line.outstanding());
        }
        out() << Text::tr("  %1. %2 %3: %4 ordered, %5 received%6, at %7")
                     .arg(line.lineNo)
                     .arg(line.sku, line.productName)
                     .arg(line.ordered)
                     .arg(line.received)
                     .arg(balance, money(line.unitCostCents))
              << Qt::endl;
    }
}

/** After an action: the whole document as JSON, or the sentence and (for receipts) the lines. */
void reportPurchaseOrder(const Invocation &call, const PurchaseOrder &po, bool withLines)
{
    if (call.json()) {
        printJson(purchaseOrderJson(po));
    } else if (withLines) {
        printPurchaseOrder(po);
    } else {
        out() << Text::tr("%1 is %2 (version %3).").arg(po.number, po.status).arg(po.version) << Qt::endl;
    }
}

Result<int> commandPurchaseOrder(Invocation &call)
{
    const QString action = call.arguments().value(0);
    const QStringList rest = call.arguments().mid(1);
    const QString name = QStringLiteral("po ") + action;
    PurchaseService purchases(*call.context);
    if (action == QLatin1String("create")) {
        STOCKROOM_CHECK(
            onlyOptions(call, name,
                        {QStringLiteral("supplier"), QStringLiteral("location"), QStringLiteral("expected"),
                         QStringLiteral("note"), QStringLiteral("line")}));
        const QString supplier = call.parser.value(QStringLiteral("supplier")).trimmed();
        const QString location = call.parser.value(QStringLiteral("location")).trimmed();
        if (!rest.isEmpty() || supplier.isEmpty() || location.isEmpty()
            || call.parser.values(QStringLiteral("line")).isEmpty()) {
            return usage(
                Text::tr("po create takes --supplier NAME, --location CODE and --line SKU:QTY[:COST] "
                         "(repeat for more)."));
        }
        QList<QuantityLine> lines;
        for (const QString &text : call.parser.values(QStringLiteral("line"))) {
            STOCKROOM_TRY(line, purchaseLine(text));
            lines << line;
        }
        STOCKROOM_TRY(po,
                      purchases.create(supplier, location,
                                       call.parser.value(QStringLiteral("expected")).trimmed(), lines,
                                       call.parser.value(QStringLiteral("note"))));
        if (call.json()) {
            printJson(purchaseOrderJson(po));
        } else {
            int units = 0;
            for (const PurchaseOrderLine &line : std::as_const(po.lines)) {
                units += line.ordered;
            }
            out() << Text::tr("%1 is a draft: %n line(s), %2 units from %3 for %4.", nullptr,
                              int(po.lines.size()))
                         .arg(po.number)
                         .arg(units)
                         .arg(po.supplier, po.locationCode)
                  << Qt::endl;
        }
        return Done;
    }
    if (action == QLatin1String("receive")) {
        STOCKROOM_CHECK(onlyOptions(
            call, name, {QStringLiteral("line"), QStringLiteral("note"), QStringLiteral("expect-version")}));
        STOCKROOM_TRY(number, oneNumber(rest, name, Text::tr("purchase order")));
        STOCKROOM_TRY(lines, quantityLines(call, QStringLiteral("line")));
        if (lines.isEmpty()) {
            return usage(Text::tr("po receive takes --line SKU:QTY (repeat for more)."));
        }
        STOCKROOM_TRY(expected, expectedVersion(call.parser));
        STOCKROOM_TRY(po,
                      purchases.receive(number, lines, call.parser.value(QStringLiteral("note")), expected));
        reportPurchaseOrder(call, po, true);
        return Done;
    }
    if (action == QLatin1String("show")) {
        STOCKROOM_CHECK(onlyOptions(call, name, {}));
        STOCKROOM_TRY(number, oneNumber(rest, name, Text::tr("purchase order")));
        STOCKROOM_TRY(po, purchases.get(number));
        reportPurchaseOrder(call, po, true);
        return Done;
    }
    using Step = Result<PurchaseOrder> (PurchaseService::*)(const QString &, std::optional<int>);
    const QHash<QString, Step> steps {{QStringLiteral("order"), &PurchaseService::order},
                                      {QStringLiteral("close"), &PurchaseService::close},
                                      {QStringLiteral("cancel"), &PurchaseService::cancel}};
    if (steps.contains(action)) {
        STOCKROOM_CHECK(onlyOptions(call, name, {QStringLiteral("expect-version")}));
        STOCKROOM_TRY(number, oneNumber(rest, name, Text::tr("purchase order")));
        STOCKROOM_TRY(expected, expectedVersion(call.parser));
        STOCKROOM_TRY(po, (purchases.*steps.value(action))(number, expected));
        reportPurchaseOrder(call, po, false);
        return Done;
    }
    return usage(Text::tr("po takes create, order PO, receive PO, close PO, cancel PO or show PO."));
}

// ---- Transfers --------------------------------------------------------------------------------------

QJsonObject transferJson(const Transfer &transfer)
{
    QJsonArray lines;
    int inTransit = 0;
    for (const TransferLine &line : transfer.lines) {
        inTransit += line.inTransit();
        lines.append(QJsonObject {{QStringLiteral("line"), line.lineNo},
                                  {QStringLiteral("sku"), line.sku},
                                  {QStringLiteral("name"), line.productName},
                                  {QStringLiteral("qty"), line.qty},
                                  {QStringLiteral("shipped"), line.shipped},
                                  {QStringLiteral("received"), line.received},
                                  {QStringLiteral("missing"), line.missing},
                                  {QStringLiteral("written_off"), line.writtenOff},
                                  {QStringLiteral("in_transit"), line.inTransit()},
                                  {QStringLiteral("reason"), line.discrepancyReason}});
    }
    return QJsonObject {{QStringLiteral("transfer"), transfer.number},
                        {QStringLiteral("status"), transfer.status},
                        {QStringLiteral("from"), transfer.fromCode},
                        {QStringLiteral("to"), transfer.toCode},
                        {QStringLiteral("note"), transfer.note},
                        {QStringLiteral("version"), transfer.version},
                        {QStringLiteral("created_by"), transfer.createdBy},
                        {QStringLiteral("created_at"), transfer.createdAt},
                        {QStringLiteral("requested_at"), nullable(transfer.requestedAt)},
                        {QStringLiteral("shipped_by"), nullable(transfer.shippedBy)},
                        {QStringLiteral("shipped_at"), nullable(transfer.shippedAt)},
                        {QStringLiteral("received_at"), nullable(transfer.receivedAt)},
                        {QStringLiteral("updated_by"), transfer.updatedBy},
                        {QStringLiteral("updated_at"), transfer.updatedAt},
                        {QStringLiteral("in_transit"), inTransit},
                        {QStringLiteral("lines"), lines}};
}

void printTransfer(const Transfer &transfer)
{
    out() << Text::tr("%1 from %2 to %3 is %4; version %5.")
                 .arg(transfer.number, transfer.fromCode, transfer.toCode, transfer.status)
                 .arg(transfer.version)
          << Qt::endl;
    out() << Text::tr("Created by %1 at %2; requested %3; shipped %4; received %5.")
                 .arg(transfer.createdBy, transfer.createdAt, orNone(transfer.requestedAt),
                      transfer.shippedAt.isEmpty()
                          ? orNone(QString())
                          : Text::tr("%1 by %2").arg(transfer.shippedAt, transfer.shippedBy),
                      orNone(transfer.receivedAt))
          << Qt::endl;
    if (!transfer.note.isEmpty()) {
        out() << Text::tr("Note: %1").arg(transfer.note) << Qt::endl;
    }
    for (const TransferLine &line : transfer.lines) {
        QString missing;
        if (line.missing > 0 || line.writtenOff > 0) {
            missing = Text::tr(", %1 missing, %2 written off").arg(line.missing).arg(line.writtenOff);
            if (!line.discrepancyReason.isEmpty()) {
                missing += QStringLiteral(" (%1)").arg(line.discrepancyReason);
            }
        }
        out() << Text::tr("  %1. %2 %3: %4 on the transfer, %5 shipped, %6 received%7, %8 in transit")
                     .arg(line.lineNo)
                     .arg(line.sku, line.productName)
                     .arg(line.qty)
                     .arg(line.shipped)
                     .arg(line.received)
                     .arg(missing)
                     .arg(line.inTransit())
              << Qt::endl;
    }
}

void reportTransfer(const Invocation &call, const Transfer &transfer, bool withLines)
{
    if (call.json()) {
        printJson(transferJson(transfer));
    } else if (withLines) {
        printTransfer(transfer);
    } else {
        out()
            << Text::tr("%1 is %2 (version %3).").arg(transfer.number, transfer.status).arg(transfer.version)
            << Qt::endl;
    }
}

/** --line SKU:QTY arrivals and --missing SKU:QTY:REASON, one line per SKU as the service takes them. */
Result<QList<QuantityLine>> transferArrivals(const Invocation &call)
{
    QList<QuantityLine> lines;
    QHash<QString, qsizetype> index;
    auto lineFor = [&](const QString &sku) -> QuantityLine & {
        const auto found = index.constFind(sku);
        if (found != index.cend()) {
            return lines[*found];
        }
        index.insert(sku, lines.size());
        QuantityLine line;
        line.sku = sku;
        lines << line;
        return lines.last();
    };
    for (const QString &text : call.parser.values(QStringLiteral("line"))) {
        STOCKROOM_TRY(parts, skuAndQty(text, QStringLiteral("line"), QStringLiteral("SKU:QTY")));
        lineFor(parts.first).qty += parts.second;
    }
    for (const QString &text : call.parser.values(QStringLiteral("missing"))) {
        const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
        const QString reason = colon > 0 ? text.mid(colon + 1).trimmed() : QString();
        if (reason.isEmpty()) {
            return usage(Text::tr("--missing takes SKU:QTY:REASON, not \"%1\".").arg(text));
        }
        STOCKROOM_TRY(
            parts, skuAndQty(text.left(colon), QStringLiteral("missing"), QStringLiteral("SKU:QTY:REASON")));
        QuantityLine &line = lineFor(parts.first);
        line.missing += parts.second;
        line.reason = line.reason.isEmpty() ? reason : line.reason + QStringLiteral("; ") + reason;
    }
    return lines;
}

Result<int> commandTransfer(Invocation &call)
{
    const QString action = call.arguments().value(0);
    const QStringList rest = call.arguments().mid(1);
    const QString name = QStringLiteral("transfer ") + action;
    TransferService transfers(*call.context);
    if (action == QLatin1String("create")) {
        STOCKROOM_CHECK(onlyOptions(
            call, name,
            {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("line"), QStringLiteral("note")}));
        const QString from = call.parser.value(QStringLiteral("from")).trimmed();
        const QString to = call.parser.value(QStringLiteral("to")).trimmed();
        STOCKROOM_TRY(lines, quantityLines(call, QStringLiteral("line")));
        if (!rest.isEmpty() || from.isEmpty() || to.isEmpty() || lines.isEmpty()) {
            return usage(
                Text::tr("transfer create takes --from CODE, --to CODE and --line SKU:QTY (repeat for "
                         "more)."));
        }
        STOCKROOM_TRY(transfer, transfers.create(from, to, lines, call.parser.value(QStringLiteral("note"))));
        if (call.json()) {
            printJson(transferJson(transfer));
        } else {
            int units = 0;
            for (const TransferLine &line : std::as_const(transfer.lines)) {
                units += line.qty;
            }
            out() << Text::tr("%1 is a draft: %n line(s), %2 units from %3 to %4.", nullptr,
                              int(transfer.lines.size()))
                         .arg(transfer.number)
                         .arg(units)
                         .arg(transfer.fromCode, transfer.toCode)
                  << Qt::endl;
        }
        return Done;
    }
    if (action == QLatin1String("receive")) {
        STOCKROOM_CHECK(onlyOptions(
            call, name,
            {QStringLiteral("line"), QStringLiteral("missing"), QStringLiteral("expect-version")}));
        STOCKROOM_TRY(number, oneNumber(rest, name, Text::tr("transfer")));
        STOCKROOM_TRY(lines, transferArrivals(call));
        if (lines.isEmpty()) {
            return usage(
                Text::tr("transfer receive takes --line SKU:QTY or --missing SKU:QTY:REASON (repeat for "
                         "more)."));
        }
        STOCKROOM_TRY(expected, expectedVersion(call.parser));
        STOCKROOM_TRY(transfer, transfers.receive(number, lines, expected));
        reportTransfer(call, transfer, true);
        return Done;
    }
    if (action == QLatin1String("show")) {
        STOCKROOM_CHECK(onlyOptions(call, name, {}));
        STOCKROOM_TRY(number, oneNumber(rest, name, Text::tr("transfer")));
        STOCKROOM_TRY(transfer, transfers.get(number));
        reportTransfer(call, transfer, true);
        return Done;
    }
    const QHash<QString, std::function<Result<Transfer>(const QString &, std::optional<int>)>> steps {
        {QStringLiteral("request"),
         [&](const QString &number, std::optional<int> version) {
             return transfers.request(number, version);
         }},
        {QStringLiteral("ship"),
         [&](const QString &number, std::optional<int> version) { return transfers.ship(number, version); }},
        {QStringLiteral("cancel"),
         [&](const QString &number, std::optional<int> version) {
             return transfers.cancel(number, version);
         }},
        {QStringLiteral("approve-missing"),
         [&](const QString &number, std::optional<int> version) {
             return transfers.decideMissing(number, true, version);
         }},
        {QStringLiteral("reject-missing"),
         [&](const QString &number, std::optional<int> version) {
             return transfers.decideMissing(number, false, version);
         }},
    };
    if (steps.contains(action)) {
        STOCKROOM_CHECK(onlyOptions(call, name, {QStringLiteral("expect-version")}));
        STOCKROOM_TRY(number, oneNumber(rest, name, Text::tr("transfer")));
        STOCKROOM_TRY(expected, expectedVersion(call.parser));
        STOCKROOM_TRY(transfer, steps.value(action)(number, expected));
        reportTransfer(call, transfer, false);
        return Done;
    }
    return usage(Text::tr("transfer takes create, request TR, ship TR, receive TR, approve-missing TR, "
                          "reject-missing TR, cancel TR or show TR."));
}

// ---- Stock counts -----------------------------------------------------------------------------------

/**
 * Whether the expected and book quantities are hidden: a blind count shows them to nobody while it is
 * being counted (a counter who sees the book quantity tends to find it), unless a manager asks.
 */
bool hidesBook(const StockCount &count, bool manager)
{
    return count.blind && count.status == toString(CountStatus::Open) && !manager;
}

QJsonObject countJson(const StockCount &count, bool manager)
{
    const bool hidden = hidesBook(count, manager);
    QJsonArray lines;
    int counted = 0;
    int withVariance = 0;
    qint64 varianceUnits = 0;
    qint64 varianceValue = 0;
    for (const CountLine &line : count.lines) {
        QJsonObject json {{QStringLiteral("sku"), line.sku},
                          {QStringLiteral("name"), line.productName},
                          {QStringLiteral("gtin"), line.gtin},
                          {QStringLiteral("bin"), line.binCode},
                          {QStringLiteral("counted"), nullable(line.counted)},
                          {QStringLiteral("counted_by"), nullable(line.countedBy)},
                          {QStringLiteral("counted_at"), nullable(line.countedAt)}};
        if (line.counted) {
            ++counted;
        }
        if (!hidden) {
            const qint64 value = qint64(line.variance()) * line.unitCostCents;
            json.insert(QStringLiteral("expected"), line.expected);
            json.insert(QStringLiteral("book_at_count"), nullable(line.bookAtCount));
            json.insert(QStringLiteral("variance"),
                        line.counted ? QJsonValue(line.variance()) : QJsonValue(QJsonValue::Null));
            json.insert(QStringLiteral("unit_cost_cents"), line.unitCostCents);
            json.insert(QStringLiteral("variance_value_cents"),
                        line.counted ? QJsonValue(value) : QJsonValue(QJsonValue::Null));
            json.insert(QStringLiteral("adjustment"), nullable(line.adjustment));
            if (line.variance() != 0) {
                ++withVariance;
            }
            varianceUnits += line.variance();
            varianceValue += value;
        }
        lines.append(json);
    }
    QJsonObject totals {{QStringLiteral("lines"), int(count.lines.size())},
                        {QStringLiteral("counted"), counted}};
    if (!hidden) {
        totals.insert(QStringLiteral("lines_with_variance"), withVariance);
        totals.insert(QStringLiteral("variance_units"), varianceUnits);
        totals.insert(QStringLiteral("variance_value_cents"), varianceValue);
    }
    return QJsonObject {{QStringLiteral("count"), count.number},
                        {QStringLiteral("location"), count.locationCode},
                        {QStringLiteral("status"), count.status},
                        {QStringLiteral("kind"), count.kind},
                        {QStringLiteral("scope"), count.scope},
                        {QStringLiteral("blind"), count.blind},
                        {QStringLiteral("book_hidden"), hidden},
                        {QStringLiteral("note"), count.note},
                        {QStringLiteral("version"), count.version},
                        {QStringLiteral("created_by"), count.createdBy},
                        {QStringLiteral("created_at"), count.createdAt},
                        {QStringLiteral("submitted_by"), nullable(count.submittedBy)},
                        {QStringLiteral("submitted_at"), nullable(count.submittedAt)},
                        {QStringLiteral("decided_by"), nullable(count.decidedBy)},
                        {QStringLiteral("decided_at"), nullable(count.decidedAt)},
                        {QStringLiteral("decision_note"), count.decisionNote},
                        {QStringLiteral("updated_by"), count.updatedBy},
                        {QStringLiteral("updated_at"), count.updatedAt},
                        {QStringLiteral("totals"), totals},
                        {QStringLiteral("lines"), lines}};
}

/** The variance report: per line expected, book at count, counted, variance and its value; totals. */
void printCount(const StockCount &count, bool manager)
{
    const bool hidden = hidesBook(count, manager);
    out() << Text::tr("%1 at %2 is %3: %4 count (%5)%6; version %7.")
                 .arg(count.number, count.locationCode, count.status, count.kind, count.scope,
                      count.blind ? Text::tr(", blind") : QString())
                 .arg(count.version)
          << Qt::endl;
    out() << Text::tr("Started by %1 at %2; submitted %3; decided %4.")
                 .arg(count.createdBy, count.createdAt,
                      count.submittedAt.isEmpty()
                          ? orNone(QString())
                          : Text::tr("%1 by %2").arg(count.submittedAt, count.submittedBy),
                      count.decidedAt.isEmpty() ? orNone(QString())
                                                : Text::tr("%1 by %2").arg(count.decidedAt, count.decidedBy))
          << Qt::endl;
    if (!count.note.isEmpty()) {
        out() << Text::tr("Note: %1").arg(count.note) << Qt::endl;
    }
    if (!count.decisionNote.isEmpty()) {
        out() << Text::tr("Decision: %1").arg(count.decisionNote) << Qt::endl;
    }
    if (hidden) {
        out() << Text::tr(
            "Blind count: expected quantities are hidden while counting (--manager shows them).")
              << Qt::endl;
        out() << QStringLiteral("%1 %2 %3")
                     .arg(Text::tr("SKU"), -14)
                     .arg(Text::tr("Bin"), -8)
                     .arg(Text::tr("Counted"), 8)
              << Qt::endl;
        int counted = 0;
        for (const CountLine &line : count.lines) {
            counted += line.counted ? 1 : 0;
            out() << QStringLiteral("%1 %2 %3")
                         .arg(line.sku, -14)
                         .arg(line.binCode, -8)
                         .arg(line.counted ? QString::number(*line.counted) : Text::tr("—"), 8)
                  << Qt::endl;
        }
        out() << Text::tr("%1 of %2 lines counted.").arg(counted).arg(count.lines.size()) << Qt::endl;
        return;
    }
    out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
                 .arg(Text::tr("SKU"), -14)
                 .arg(Text::tr("Bin"), -8)
                 .arg(Text::tr("Expected"), 9)
                 .arg(Text::tr("Book"), 7)
                 .arg(Text::tr("Counted"), 8)
                 .arg(Text::tr("Variance"), 9)
                 .arg(Text::tr("Value"), 11)
          << Qt::endl;
    qint64 units = 0;
    qint64 value = 0;
    for (const CountLine &line : count.lines) {
        const qint64 lineValue = qint64(line.variance()) * line.unitCostCents;
        units += line.variance();
        value += lineValue;
        out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
                     .arg(line.sku, -14)
                     .arg(line.binCode, -8)
                     .arg(line.expected, 9)
                     .arg(line.bookAtCount ? QString::number(*line.bookAtCount) : Text::tr("—"), 7)
                     .arg(line.counted ? QString::number(*line.counted) : Text::tr("—"), 8)
                     .arg(line.counted ? signedNumber(line.variance()) : Text::tr("—"), 9)
                     .arg(line.counted ? money(lineValue) : Text::tr("—"), 11)
              << Qt::endl;
    }
    out() << QStringLiteral("%1 %2 %3")
                 .arg(Text::tr("Total"), -14 - 1 - 8 - 1 - 9 - 1 - 7 - 1 - 8)
                 .arg(signedNumber(units), 9)
                 .arg(money(value), 11)
          << Qt::endl;
}

void reportCount(const Invocation &call, const StockCount &count, bool withLines, bool manager = false)
{
    if (call.json()) {
        printJson(countJson(count, manager));
    } else if (withLines) {
        printCount(count, manager);
    } else {
        out() << Text::tr("%1 is %2 (version %3).").arg(count.number, count.status).arg(count.version)
              << Qt::endl;
    }
}

Result<int> countStart(Invocation &call, const QStringList &rest)
{
    const QString location = call.parser.value(QStringLiteral("location")).trimmed();
    if (!rest.isEmpty() || location.isEmpty()) {
        return usage(Text::tr("count start takes --location CODE."));
    }
    CountScope scope;
    scope.binPrefix = call.parser.value(QStringLiteral("bin")).trimmed();
    if (call.parser.isSet(QStringLiteral("abc"))) {
        const QString abc = call.parser.value(QStringLiteral("abc")).trimmed().toUpper();
        if (abc.size() != 1 || !QStringLiteral("ABC").contains(abc)) {
            return usage(
                Text::tr("--abc takes A, B or C, not \"%1\".").arg(call.parser.value(QStringLiteral("abc"))));
        }
        scope.abcClass = abc.at(0);
    }
    STOCKROOM_TRY(days, intOption(call.parser, QStringLiteral("not-counted-days"), 0, 1, 36'500));
    scope.notCountedForDays = days;
    for (const QString &sku : call.parser.values(QStringLiteral("sku"))) {
        if (!sku.trimmed().isEmpty()) {
            scope.skus << sku.trimmed();
        }
    }
    // A subset is a cycle count whether or not --cycle says so: a whole-location count would ignore it.
    scope.cycle = call.parser.isSet(QStringLiteral("cycle")) || !scope.binPrefix.isEmpty()
        || !scope.abcClass.isNull() || scope.notCountedForDays > 0 || !scope.skus.isEmpty();
    scope.blind = !call.parser.isSet(QStringLiteral("show-expected"));
    STOCKROOM_TRY(
        count, CountService(*call.context).start(location, scope, call.parser.value(QStringLiteral("note"))));
    if (call.json()) {
        printJson(countJson(count, false));
        return Done;
    }
    out() << Text::tr("%1: %n line(s) to count at %2 (%3)%4.", nullptr, int(count.lines.size()))
                 .arg(count.number, count.locationCode, count.scope,
                      count.blind ? Text::tr(", blind") : QString())
          << Qt::endl;
    for (const CountLine &line : count.lines) {
        out() << QStringLiteral("  %1 %2 %3%4")
                     .arg(line.binCode, -8)
                     .arg(line.sku, -14)
                     .arg(line.productName)
                     .arg(count.blind ? QString() : Text::tr(" (expected %1)").arg(line.expected))
              << Qt::endl;
    }
    return Done;
}

Result<int> countRecord(Invocation &call, const QString &number)
{
    const QString sku = call.parser.value(QStringLiteral("sku")).trimmed();
    if (sku.isEmpty() || !call.parser.isSet(QStringLiteral("qty"))) {
        return usage(Text::tr("count record takes a count number, --sku SKU (or a GTIN) and --qty N."));
    }
    STOCKROOM_TRY(qty, intOption(call.parser, QStringLiteral("qty"), 0, 0, 1'000'000));
    const bool add = call.parser.isSet(QStringLiteral("add"));
    STOCKROOM_TRY(line, CountService(*call.context).record(number, sku, qty, add));
    const std::optional<qint64> id = countIdFromNumber(number);
    const QString shown = id ? countNumber(*id) : number;
    // Only what was counted: the count may be blind.
    if (call.json()) {
        printJson(QJsonObject {{QStringLiteral("count"), shown},
                               {QStringLiteral("sku"), line.sku},
                               {QStringLiteral("name"), line.productName},
                               {QStringLiteral("bin"), line.binCode},
                               {QStringLiteral("counted"), nullable(line.counted)},
                               {QStringLiteral("counted_by"), line.countedBy},
                               {QStringLiteral("counted_at"), line.countedAt}});
    } else {
        out() << Text::tr("%1: %2 counted %3.").arg(shown, line.sku).arg(line.counted.value_or(0))
              << Qt::endl;
    }
    return Done;
}

Result<int> commandCount(Invocation &call)
{
    const QString action = call.arguments().value(0);
    const QStringList rest = call.arguments().mid(1);
    const QString name = QStringLiteral("count ") + action;
    CountService counts(*call.context);
    if (action == QLatin1String("start")) {
        STOCKROOM_CHECK(
            onlyOptions(call, name,
                        {QStringLiteral("location"), QStringLiteral("cycle"), QStringLiteral("bin"),
                         QStringLiteral("abc"), QStringLiteral("not-counted-days"), QStringLiteral("sku"),
                         QStringLiteral("show-expected"), QStringLiteral("note")}));
        return countStart(call, rest);
    }
    if (action == QLatin1String("record")) {
        STOCKROOM_CHECK(
            onlyOptions(call, name, {QStringLiteral("sku"), QStringLiteral("qty"), QStringLiteral("add")}));
        STOCKROOM_TRY(number, oneNumber(rest, name, Text::tr("count")));
        return countRecord(call, number);
    }
    if (action == QLatin1String("show")) {
        STOCKROOM_CHECK(onlyOptions(call, name, {QStringLiteral("manager")}));
        STOCKROOM_TRY(number, oneNumber(rest, name, Text::tr("count")));
        STOCKROOM_TRY(count, counts.get(number));
        reportCount(call, count, true, call.parser.isSet(QStringLiteral("manager")));
        return Done;
    }
    const bool withNote = action == QLatin1String("approve") || action == QLatin1String("reject");
    const QHash<QString, std::function<Result<StockCount>(const QString &, std::optional<int>)>> steps {
        {QStringLiteral("submit"),
         [&](const QString &number, std::optional<int> version) { return counts.submit(number, version); }},
        {QStringLiteral("approve"),
         [&](const QString &number, std::optional<int> version) {
             return counts.approve(number, call.parser.value(QStringLiteral("note")), version);
         }},
        {QStringLiteral("reject"),
         [&](const QString &number, std::optional<int> version) {
             return counts.reject(number, call.parser.value(QStringLiteral("note")), version);
         }},
        {QStringLiteral("reopen"),
         [&](const QString &number, std::optional<int> version) { return counts.reopen(number, version); }},
    };
    if (steps.contains(action)) {
        STOCKROOM_CHECK(
            onlyOptions(call, name,
                        withNote ? QStringList {QStringLiteral("note"), QStringLiteral("expect-version")}
                                 : QStringList {QStringLiteral("expect-version")}));
        STOCKROOM_TRY(number, oneNumber(rest, name, Text::tr("count")));
        if (action == QLatin1String("reject")
            && call.parser.value(QStringLiteral("note")).trimmed().isEmpty()) {
            return usage(Text::tr("count reject takes --note TEXT: why the count is rejected."));
        }
        STOCKROOM_TRY(expected, expectedVersion(call.parser));
        STOCKROOM_TRY(count, steps.value(action)(number, expected));
        // Submitted or decided: the variance report is what the next person needs.
        reportCount(call, count, action != QLatin1String("reopen"));
        return Done;
    }
    return usage(
        Text::tr("count takes start, record SC, submit SC, approve SC, reject SC, reopen SC or show SC."));
}

// ---- Ledger and valuation ---------------------------------------------------------------------------

Result<int> commandLedger(Invocation &call)
{
    const QString sku = call.parser.value(QStringLiteral("sku")).trimmed();
    const QString locationCode = call.parser.value(QStringLiteral("location")).trimmed();
    if (!call.arguments().isEmpty() || sku.isEmpty()) {
        return usage(Text::tr("ledger takes --sku SKU [--location CODE] [--limit N] [--before ID]."));
    }
    STOCKROOM_TRY(limit, intOption(call.parser, QStringLiteral("limit"), 50, 1, 100'000));
    qint64 before = 0;
    if (call.parser.isSet(QStringLiteral("before"))) {
        bool ok = false;
        before = call.parser.value(QStringLiteral("before")).toLongLong(&ok);
        if (!ok || before <= 0) {
            return usage(Text::tr("--before takes a ledger row id, not \"%1\".")
                             .arg(call.parser.value(QStringLiteral("before"))));
        }
    }
    struct Page
    {
        ProductRecord product;
        QString location;
        QList<LedgerEntry> entries;
    };
    STOCKROOM_TRY(page, call.db->read<Page>([&]() -> Result<Page> {
        CatalogRepository catalog(*call.db);
        STOCKROOM_TRY(product, Known::product(catalog, sku));
        qint64 locationId = 0;
        QString code;
        if (!locationCode.isEmpty()) {
            STOCKROOM_TRY(location, Known::location(catalog, locationCode));
            locationId = location.id;
            code = location.code;
        }
        STOCKROOM_TRY(entries, StockRepository(*call.db).ledger(product.id, locationId, before, limit));
        return Page {product, code, entries};
    }));
    // A full page may have more behind it: the next page starts below its last row.
    const qint64 next = page.entries.size() == limit ? page.entries.last().id : 0;
    if (call.json()) {
        QJsonArray movements;
        for (const LedgerEntry &entry : std::as_const(page.entries)) {
            movements.append(
                QJsonObject {{QStringLiteral("id"), entry.id},
                             {QStringLiteral("at"), entry.at},
                             {QStringLiteral("location"), entry.locationCode},
                             {QStringLiteral("delta_on_hand"), entry.deltaOnHand},
                             {QStringLiteral("delta_reserved"), entry.deltaReserved},
                             {QStringLiteral("reason"), entry.reason},
                             {QStringLiteral("reference"), referenceNumber(entry.refType, entry.refId)},
                             {QStringLiteral("ref_type"), entry.refType},
                             {QStringLiteral("ref_id"), entry.refId},
                             {QStringLiteral("user"), entry.userName},
                             {QStringLiteral("note"), entry.note},
                             {QStringLiteral("on_hand_after"), entry.onHandAfter}});
        }
        printJson(QJsonObject {
            {QStringLiteral("sku"), page.product.sku},
            {QStringLiteral("location"), nullable(page.location)},
            {QStringLiteral("movements"), movements},
            {QStringLiteral("next_before"), next > 0 ? QJsonValue(next) : QJsonValue(QJsonValue::Null)}});
        return Done;
    }
    out() << Text::tr("Ledger of %1 %2%3, newest first:")
                 .arg(page.product.sku, page.product.name,
                      page.location.isEmpty() ? QString() : Text::tr(" at %1").arg(page.location))
          << Qt::endl;
    out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                 .arg(Text::tr("ID"), 8)
                 .arg(Text::tr("Time"), -24)
                 .arg(Text::tr("Location"), -10)
                 .arg(Text::tr("On hand"), 8)
                 .arg(Text::tr("Reserved"), 9)
                 .arg(Text::tr("Reason"), -16)
                 .arg(Text::tr("Reference"), -14)
                 .arg(Text::tr("User"), -12)
                 .arg(Text::tr("After"), 7)
          << QStringLiteral("  ") << Text::tr("Note") << Qt::endl;
    for (const LedgerEntry &entry : std::as_const(page.entries)) {
        out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                     .arg(entry.id, 8)
                     .arg(entry.at, -24)
                     .arg(entry.locationCode, -10)
                     .arg(entry.deltaOnHand ? signedNumber(entry.deltaOnHand) : QString(), 8)
                     .arg(entry.deltaReserved ? signedNumber(entry.deltaReserved) : QString(), 9)
                     .arg(entry.reason, -16)
                     .arg(referenceNumber(entry.refType, entry.refId), -14)
                     .arg(entry.userName, -12)
                     .arg(entry.onHandAfter, 7)
              << QStringLiteral("  ") << entry.note << Qt::endl;
    }
    if (next > 0) {
        out() << Text::tr("More: --before %1").arg(next) << Qt::endl;
    }
    return Done;
}

Result<int> commandValuation(Invocation &call)
{
    if (!call.arguments().isEmpty()) {
        return usage(Text::tr("valuation takes no arguments."));
    }
    StockRepository stock(*call.db);
    STOCKROOM_TRY(values, call.db->read<QList<LocationValue>>([&]() { return stock.valuation(); }));
    qint64 units = 0;
    qint64 value = 0;
    for (const LocationValue &location : std::as_const(values)) {
        units += location.units;
        value += location.valueCents;
    }
    if (call.json()) {
        QJsonArray locations;
        for (const LocationValue &location : std::as_const(values)) {
            locations.append(QJsonObject {{QStringLiteral("location"), location.locationCode},
                                          {QStringLiteral("name"), location.locationName},
                                          {QStringLiteral("products"), location.products},
                                          {QStringLiteral("units"), location.units},
                                          {QStringLiteral("value_cents"), location.valueCents}});
        }
        printJson(QJsonObject {
            {QStringLiteral("locations"), locations},
            {QStringLiteral("total"),
             QJsonObject {{QStringLiteral("units"), units}, {QStringLiteral("value_cents"), value}}}});
        return Done;
    }
    out() << Text::tr("Stock value at moving-average cost:") << Qt::endl;
    out() << QStringLiteral("%1 %2 %3 %4 %5")
                 .arg(Text::tr("Location"), -10)
                 .arg(Text::tr("Name"), -24)
                 .arg(Text::tr("Products"), 9)
                 .arg(Text::tr("Units"), 10)
                 .arg(Text::tr("Value"), 14)
          << Qt::endl;
    for (const LocationValue &location : std::as_const(values)) {
        out() << QStringLiteral("%1 %2 %3 %4 %5")
                     .arg(location.locationCode, -10)
                     .arg(location.locationName, -24)
                     .arg(location.products, 9)
                     .arg(location.units, 10)
                     .arg(money(location.valueCents), 14)
              << Qt::endl;
    }
    out() << QStringLiteral("%1 %2 %3 %4 %5")
                 .arg(Text::tr("Total"), -10)
                 .arg(QString(), -24)
                 .arg(QString(), 9)
                 .arg(units, 10)
                 .arg(money(value), 14)
          << Qt::endl;
    return Done;
}

} // namespace

QList<Command> inventoryCommands()
{
    const QString versionHelp = Text::tr("Refuse if the document is no longer at this version.");
    return {
        {QStringLiteral("product"), Text::tr("Products: add, update, import FILE."),
         [](QCommandLineParser &p) {
             addOption(p, QStringLiteral("sku"), Text::tr("Product SKU."), QStringLiteral("SKU"));
             addOption(p, QStringLiteral("name"), Text::tr("Product name."), QStringLiteral("NAME"));
             addOption(p, QStringLiteral("gtin"), Text::tr("Barcode (GTIN-8, -12, -13 or -14)."),
                       QStringLiteral("GTIN"));
             addOption(p, QStringLiteral("cost"), Text::tr("Unit cost, e.g. 12.50."),
                       QStringLiteral("AMOUNT"));
             addOption(p, QStringLiteral("price"), Text::tr("Selling price, e.g. 19.99."),
                       QStringLiteral("AMOUNT"));
             addOption(p, QStringLiteral("weight-grams"), Text::tr("Weight in grams."), QStringLiteral("N"));
             addOption(p, QStringLiteral("inactive"), Text::tr("No longer sold."));
             addOption(p, QStringLiteral("active"), Text::tr("update: sold again."));
             addOption(p, QStringLiteral("format"),
                       Text::tr("import: auto (default), stockroom, stockroom-stock, shopify-products or "
                                "shopify-inventory."),
                       QStringLiteral("FORMAT"));
             addOption(p, QStringLiteral("location"), Text::tr("import: where rows without a location are."),
                       QStringLiteral("CODE"));
             addOption(p, QStringLiteral("map"),
                       Text::tr("import: a location name in the file and our code; repeat for more."),
                       QStringLiteral("NAME=CODE"));
             addOption(p, QStringLiteral("dry-run"),
                       Text::tr("import: report what would change, change nothing."));
         },
         commandProduct},
        {QStringLiteral("location"), Text::tr("Locations: add, update."),
         [](QCommandLineParser &p) {
             addOption(p, QStringLiteral("code"), Text::tr("Location code."), QStringLiteral("CODE"));
             addOption(p, QStringLiteral("name"), Text::tr("Location name."), QStringLiteral("NAME"));
             addOption(p, QStringLiteral("kind"), Text::tr("warehouse (default), store or third_party."),
                       QStringLiteral("KIND"));
             addOption(p, QStringLiteral("priority"),
                       Text::tr("Routing priority (lower ships first; default 100)."), QStringLiteral("N"));
             addOption(p, QStringLiteral("postcode"), Text::tr("Postcode."), QStringLiteral("CODE"));
             addOption(p, QStringLiteral("region"), Text::tr("Region."), QStringLiteral("REGION"));
             addOption(p, QStringLiteral("address"), Text::tr("Address."), QStringLiteral("TEXT"));
         },
         commandLocation},
        {QStringLiteral("stock-settings"),
         Text::tr("Set a product's bin, reorder point and reorder quantity at a location."),
         [](QCommandLineParser &p) {
             addOption(p, QStringLiteral("sku"), Text::tr("Product SKU."), QStringLiteral("SKU"));
             addOption(p, QStringLiteral("location"), Text::tr("Location code."), QStringLiteral("CODE"));
             addOption(p, QStringLiteral("bin"), Text::tr("Home bin (empty to clear)."),
                       QStringLiteral("CODE"));
             addOption(p, QStringLiteral("reorder-point"), Text::tr("Reorder when available falls to this."),
                       QStringLiteral("N"));
             addOption(p, QStringLiteral("reorder-qty"), Text::tr("How many to reorder."),
                       QStringLiteral("N"));
         },
         commandStockSettings},
        {QStringLiteral("supplier"), Text::tr("Suppliers: add, list."),
         [](QCommandLineParser &p) {
             addOption(p, QStringLiteral("name"), Text::tr("Supplier name."), QStringLiteral("NAME"));
             addOption(p, QStringLiteral("email"), Text::tr("Supplier e-mail address."),
                       QStringLiteral("ADDRESS"));
             addOption(p, QStringLiteral("lead-time-days"),
                       Text::tr("Days from order to delivery (default 7)."), QStringLiteral("N"));
         },
         commandSupplier},
        {QStringLiteral("po"),
         Text::tr("Purchase orders: create, order PO, receive PO, close PO, cancel PO, show PO."),
         [versionHelp](QCommandLineParser &p) {
             addOption(p, QStringLiteral("supplier"), Text::tr("create: the supplier."),
                       QStringLiteral("NAME"));
             addOption(p, QStringLiteral("location"), Text::tr("create: where the goods arrive."),
                       QStringLiteral("CODE"));
             addOption(p, QStringLiteral("expected"), Text::tr("create: expected delivery date."),
                       QStringLiteral("YYYY-MM-DD"));
             addOption(p, QStringLiteral("note"), Text::tr("create, receive: free text."),
                       QStringLiteral("TEXT"));
             addOption(p, QStringLiteral("line"),
                       Text::tr("create: SKU:QTY[:COST]; receive: SKU:QTY (SKU or GTIN); repeat for more."),
                       QStringLiteral("LINE"));
             addOption(p, QStringLiteral("expect-version"), versionHelp, QStringLiteral("N"));
         },
         commandPurchaseOrder},
        {QStringLiteral("transfer"),
         Text::tr(
             "Transfers: create, request TR, ship TR, receive TR, approve-missing TR, reject-missing TR, "
             "cancel TR, show TR."),
         [versionHelp](QCommandLineParser &p) {
             addOption(p, QStringLiteral("from"), Text::tr("create: the source location."),
                       QStringLiteral("CODE"));
             addOption(p, QStringLiteral("to"), Text::tr("create: the destination."), QStringLiteral("CODE"));
             addOption(p, QStringLiteral("line"),
                       Text::tr("create: units to send; receive: units arrived; repeat for more."),
                       QStringLiteral("SKU:QTY"));
             addOption(p, QStringLiteral("missing"), Text::tr("receive: units that did not arrive, and why."),
                       QStringLiteral("SKU:QTY:REASON"));
             addOption(p, QStringLiteral("note"), Text::tr("create: free text."), QStringLiteral("TEXT"));
             addOption(p, QStringLiteral("expect-version"), versionHelp, QStringLiteral("N"));
         },
         commandTransfer},
        {QStringLiteral("count"),
         Text::tr("Stock counts: start, record SC, submit SC, approve SC, reject SC, reopen SC, show SC."),
         [versionHelp](QCommandLineParser &p) {
             addOption(p, QStringLiteral("location"), Text::tr("start: the location counted."),
                       QStringLiteral("CODE"));
             addOption(p, QStringLiteral("cycle"), Text::tr("start: a cycle count of a subset."));
             addOption(p, QStringLiteral("bin"), Text::tr("start: bins starting with this."),
                       QStringLiteral("PREFIX"));
             addOption(p, QStringLiteral("abc"),
                       Text::tr("start: ABC class by cost of goods shipped (90 days)."),
                       QStringLiteral("A|B|C"));
             addOption(p, QStringLiteral("not-counted-days"),
                       Text::tr("start: products not counted there for N days."), QStringLiteral("N"));
             addOption(p, QStringLiteral("sku"),
                       Text::tr("start: exactly these SKUs (repeat); record: the SKU or GTIN counted."),
                       QStringLiteral("SKU"));
             addOption(p, QStringLiteral("show-expected"),
                       Text::tr("start: counters see the expected quantities (default: blind)."));
             addOption(p, QStringLiteral("qty"), Text::tr("record: the quantity counted."),
                       QStringLiteral("N"));
             addOption(p, QStringLiteral("add"), Text::tr("record: add to what was counted."));
             addOption(p, QStringLiteral("note"), Text::tr("start, approve, reject: why."),
                       QStringLiteral("TEXT"));
             addOption(p, QStringLiteral("manager"),
                       Text::tr("show: expected quantities of a blind open count."));
             addOption(p, QStringLiteral("expect-version"), versionHelp, QStringLiteral("N"));
         },
         commandCount},
        {QStringLiteral("ledger"),
         Text::tr("A product's stock movements, newest first, with on hand after each."),
         [](QCommandLineParser &p) {
             addOption(p, QStringLiteral("sku"), Text::tr("Product SKU."), QStringLiteral("SKU"));
             addOption(p, QStringLiteral("location"), Text::tr("Only this location."),
                       QStringLiteral("CODE"));
             addOption(p, QStringLiteral("limit"), Text::tr("Rows per page (default 50)."),
                       QStringLiteral("N"));
             addOption(p, QStringLiteral("before"), Text::tr("Rows older than this id (the next page)."),
                       QStringLiteral("ID"));
         },
         commandLedger},
        {QStringLiteral("valuation"),
         Text::tr("Stock value per location at moving-average cost."),
         {},
         commandValuation},
    };
}

} // namespace Stockroom::Cli
