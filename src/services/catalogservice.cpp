// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogservice.h"

#include "access.h"

#include "inventorystatus.h"
#include "orderflow.h"
#include "stockrepository.h"
#include "textfield.h"
#include "tracking.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSet>

namespace Stockroom {

namespace {

Status checkKind(const QString &kind)
{
    if (kind != QLatin1String("warehouse") && kind != QLatin1String("store")
        && kind != QLatin1String("third_party")) {
        return Error::usage(
            CatalogService::tr("A location is a warehouse, a store or a third_party, not \"%1\".").arg(kind));
    }
    return {};
}

QJsonObject productFields(const ProductRecord &product)
{
    return QJsonObject {{QStringLiteral("name"), product.name},
                        {QStringLiteral("gtin"), product.gtin},
                        {QStringLiteral("price_cents"), product.priceCents},
                        {QStringLiteral("unit_cost_cents"), product.unitCostCents},
                        {QStringLiteral("weight_grams"), product.weightGrams},
                        {QStringLiteral("active"), product.active}};
}

QJsonObject locationFields(const LocationRecord &location)
{
    return QJsonObject {
        {QStringLiteral("name"), location.name},         {QStringLiteral("kind"), location.kind},
        {QStringLiteral("priority"), location.priority}, {QStringLiteral("address"), location.address},
        {QStringLiteral("postcode"), location.postcode}, {QStringLiteral("region"), location.region},
        {QStringLiteral("active"), location.active}};
}

/** Text neither engine can keep, or longer than a field holds, refused with the field's name. */
Status checkProductText(const ProductRecord &product)
{
    STOCKROOM_CHECK(TextField::check(CatalogService::tr("The SKU"), product.sku, TextField::CodeLength));
    STOCKROOM_CHECK(
        TextField::check(CatalogService::tr("The product name"), product.name, TextField::NameLength));
    return TextField::check(CatalogService::tr("The barcode"), product.gtin, TextField::CodeLength);
}

Status checkLocationText(const LocationRecord &location)
{
    STOCKROOM_CHECK(
        TextField::check(CatalogService::tr("The location code"), location.code, TextField::CodeLength));
    STOCKROOM_CHECK(
        TextField::check(CatalogService::tr("The location name"), location.name, TextField::NameLength));
    STOCKROOM_CHECK(
        TextField::check(CatalogService::tr("The postcode"), location.postcode, TextField::NameLength));
    STOCKROOM_CHECK(
        TextField::check(CatalogService::tr("The region"), location.region, TextField::NameLength));
    return TextField::check(CatalogService::tr("The address"), location.address, TextField::TextLength);
}

} // namespace

Result<qint64> CatalogService::addProduct(const ProductRecord &product)
{
    STOCKROOM_CHECK(checkProductText(product));
    if (product.sku.trimmed().isEmpty()) {
        return Error::usage(CatalogService::tr("A product needs a SKU."));
    }
    if (product.name.trimmed().isEmpty()) {
        return Error::usage(CatalogService::tr("Product %1 needs a name.").arg(product.sku));
    }
    if (product.priceCents < 0 || product.unitCostCents < 0 || product.weightGrams < 0) {
        return Error::usage(
            CatalogService::tr("Price, cost and weight of %1 cannot be negative.").arg(product.sku));
    }
    STOCKROOM_CHECK(checkGtin(product.gtin, product.sku));
    if (product.priceCents != 0 || product.unitCostCents != 0) {
        STOCKROOM_CHECK(
            Access::require(m_context, Role::Manager, CatalogService::tr("Setting prices and costs")));
    }
    Database &db = m_context.db;
    return db.write<qint64>([&]() -> Result<qint64> {
        CatalogRepository catalog(db);
        STOCKROOM_TRY(existing, catalog.productBySku(product.sku.trimmed()));
        if (existing) {
            return Error::business(CatalogService::tr("SKU %1 exists already.").arg(product.sku));
        }
        if (!product.gtin.trimmed().isEmpty()) {
            STOCKROOM_TRY(other, catalog.productByGtin(Gtin::validate(product.gtin.trimmed()).normalised14));
            if (other) {
                return Error::business(CatalogService::tr("Barcode %1 belongs to %2 already.")
                                           .arg(product.gtin.trimmed(), other->sku));
            }
        }
        ProductRecord clean = product;
        clean.sku = product.sku.trimmed();
        clean.name = product.name.trimmed();
        const QString now = toStoredTime(m_context.clock.now());
        STOCKROOM_TRY(id, catalog.insertProduct(clean, now));
        STOCKROOM_CHECK(Audit::record(m_context, QStringLiteral("product.create"), QStringLiteral("product"),
                                      clean.sku, CatalogService::tr("product %1 added").arg(clean.sku), {},
                                      productFields(clean)));
        ChangeRecorder changes(m_context);
        changes.add(QStringLiteral("product"), QString::number(id), QStringLiteral("insert"));
        STOCKROOM_CHECK(changes.flush());
        return id;
    });
}

Result<qint64> CatalogService::addLocation(const LocationRecord &location)
{
    STOCKROOM_CHECK(checkLocationText(location));
    if (location.code.trimmed().isEmpty() || location.name.trimmed().isEmpty()) {
        return Error::usage(CatalogService::tr("A location needs a code and a name."));
    }
    STOCKROOM_CHECK(checkKind(location.kind));
    STOCKROOM_CHECK(Access::require(m_context, Role::Admin, CatalogService::tr("Adding a location")));
    Database &db = m_context.db;
    return db.write<qint64>([&]() -> Result<qint64> {
        CatalogRepository catalog(db);
        STOCKROOM_TRY(existing, catalog.locationByCode(location.code.trimmed()));
        if (existing) {
            return Error::business(CatalogService::tr("Location %1 exists already.").arg(location.code));
        }
        LocationRecord clean = location;
        clean.code = location.code.trimmed();
        clean.name = location.name.trimmed();
        STOCKROOM_TRY(id, catalog.insertLocation(clean));
        STOCKROOM_CHECK(Audit::record(
            m_context, QStringLiteral("location.create"), QStringLiteral("location"), clean.code,
            CatalogService::tr("location %1 added").arg(clean.code), {}, locationFields(clean)));
        ChangeRecorder changes(m_context);
        changes.add(QStringLiteral("location"), QString::number(id), QStringLiteral("insert"));
        STOCKROOM_CHECK(changes.flush());
        return id;
    });
}

Status CatalogService::checkGtin(const QString &gtin, const QString &sku)
{
    if (gtin.trimmed().isEmpty()) {
        return {};
    }
    const GtinCheck check = Gtin::validate(gtin.trimmed());
    if (!check.valid) {
        return Error::usage(
            CatalogService::tr("The barcode of %1 is not a GTIN: %2").arg(sku, check.message));
    }
    return {};
}

Result<ProductRecord> CatalogService::updateProduct(const ProductRecord &product)
{
    STOCKROOM_CHECK(checkProductText(product));
    if (product.name.trimmed().isEmpty()) {
        return Error::usage(CatalogService::tr("Product %1 needs a name.").arg(product.sku));
    }
    if (product.priceCents < 0 || product.unitCostCents < 0 || product.weightGrams < 0) {
        return Error::usage(
            CatalogService::tr("Price, cost and weight of %1 cannot be negative.").arg(product.sku));
    }
    STOCKROOM_CHECK(checkGtin(product.gtin, product.sku));
    Database &db = m_context.db;
    return db.write<ProductRecord>([&]() -> Result<ProductRecord> {
        CatalogRepository catalog(db);
        STOCKROOM_TRY(existing, Known::product(catalog, product.sku));
        if (!product.gtin.trimmed().isEmpty()) {
            STOCKROOM_TRY(other, catalog.productByGtin(Gtin::validate(product.gtin.trimmed()).normalised14));
            if (other && other->id != existing.id) {
                return Error::business(CatalogService::tr("Barcode %1 belongs to %2 already.")
                                           .arg(product.gtin.trimmed(), other->sku));
            }
        }
        ProductRecord changed = existing;
        changed.name = product.name.trimmed();
        changed.gtin = product.gtin.trimmed();
        changed.unitCostCents = product.unitCostCents;
        changed.priceCents = product.priceCents;
        changed.weightGrams = product.weightGrams;
        changed.active = product.active;
        // Edited on the state the editor showed: a change by someone else since then is not overwritten.
        changed.updatedAt = product.updatedAt;
        if (!product.updatedAt.isEmpty() && product.updatedAt != existing.updatedAt) {
            return Known::staleChange(existing.sku, existing.updatedBy, existing.updatedAt);
        }
        if (changed.priceCents != existing.priceCents || changed.unitCostCents != existing.unitCostCents) {
            STOCKROOM_CHECK(
                Access::require(m_context, Role::Manager, CatalogService::tr("Changing prices and costs")));
        }
        const QString now = toStoredTime(m_context.clock.now());
        STOCKROOM_TRY(written, catalog.updateProduct(changed, now, m_context.userName));
        const auto [before, after] = Audit::difference(productFields(existing), productFields(changed));
        if (!after.isEmpty()) {
            STOCKROOM_CHECK(Audit::record(m_context, QStringLiteral("product.update"),
                                          QStringLiteral("product"), existing.sku,
                                          CatalogService::tr("%1 changed: %2")
                                              .arg(existing.sku, after.keys().join(QStringLiteral(", "))),
                                          before, after));
        }
        if (!written) {
            return Error::conflict(CatalogService::tr("%1 was changed meanwhile.").arg(existing.sku));
        }
        changed.updatedAt = now;
        changed.updatedBy = m_context.userName;
        ChangeRecorder changes(m_context);
        changes.add(QStringLiteral("product"), QString::number(changed.id), QStringLiteral("update"));
        STOCKROOM_CHECK(changes.flush());
        return changed;
    });
}

Result<LocationRecord> CatalogService::updateLocation(const LocationRecord &location)
{
    STOCKROOM_CHECK(checkLocationText(location));
    if (location.name.trimmed().isEmpty()) {
        return Error::usage(CatalogService::tr("A location needs a name."));
    }
    STOCKROOM_CHECK(checkKind(location.kind));
    STOCKROOM_CHECK(Access::require(m_context, Role::Admin, CatalogService::tr("Changing a location")));
    Database &db = m_context.db;
    return db.write<LocationRecord>([&]() -> Result<LocationRecord> {
        CatalogRepository catalog(db);
        STOCKROOM_TRY(existing, Known::location(catalog, location.code));
        LocationRecord changed = location;
        changed.id = existing.id;
        changed.code = existing.code;
        changed.name = location.name.trimmed();
        STOCKROOM_CHECK(catalog.updateLocation(changed));
        const auto [before, after] = Audit::difference(locationFields(existing), locationFields(changed));
        if (!after.isEmpty()) {
            STOCKROOM_CHECK(Audit::record(m_context, QStringLiteral("location.update"),
                                          QStringLiteral("location"), existing.code,
                                          CatalogService::tr("%1 changed: %2")
                                              .arg(existing.code, after.keys().join(QStringLiteral(", "))),
                                          before, after));
        }
        ChangeRecorder changes(m_context);
        changes.add(QStringLiteral("location"), QString::number(changed.id), QStringLiteral("update"));
        STOCKROOM_CHECK(changes.flush());
        return changed;
    });
}

Status CatalogService::setStockSettings(const QString &sku, const QString &locationCode,
                                        const std::optional<QString> &bin,
                                        const std::optional<int> &reorderPoint,
                                        const std::optional<int> &reorderQty)
{
    if ((reorderPoint && (*reorderPoint < 0 || *reorderPoint > 1'000'000))
        || (reorderQty && (*reorderQty < 0 || *reorderQty > 1'000'000))) {
        return Error::usage(CatalogService::tr("Reorder point and quantity are 0 to 1,000,000."));
    }
    if (reorderPoint || reorderQty) {
        STOCKROOM_CHECK(Access::require(m_context, Role::Manager,
                                        CatalogService::tr("Changing reorder points and quantities")));
    }
    Database &db = m_context.db;
    return db.write([&]() -> Status {
        CatalogRepository catalog(db);
        STOCKROOM_TRY(product, Known::product(catalog, sku));
        STOCKROOM_TRY(location, Known::location(catalog, locationCode));
        STOCKROOM_TRY(was, catalog.productLocationSettings(product.id, location.id));
        const QJsonObject before {{QStringLiteral("bin"), std::get<0>(was)},
                                  {QStringLiteral("reorder_point"), std::get<1>(was)},
                                  {QStringLiteral("reorder_qty"), std::get<2>(was)}};
        QJsonObject wanted = before;
        if (bin) {
            wanted.insert(QStringLiteral("bin"), bin->trimmed());
        }
        if (reorderPoint) {
            wanted.insert(QStringLiteral("reorder_point"), *reorderPoint);
        }
        if (reorderQty) {
            wanted.insert(QStringLiteral("reorder_qty"), *reorderQty);
        }
        const auto [was2, is] = Audit::difference(before, wanted);
        if (!is.isEmpty()) {
            STOCKROOM_CHECK(
                Audit::record(m_context, QStringLiteral("stock.settings"), QStringLiteral("stock"),
                              product.sku + QLatin1Char('@') + location.code,
                              CatalogService::tr("%1 at %2: %3")
                                  .arg(product.sku, location.code, is.keys().join(QStringLiteral(", "))),
                              was2, is));
        }
        STOCKROOM_CHECK(catalog.setProductLocation(
            product.id, location.id, bin ? std::optional<QString>(bin->trimmed()) : std::nullopt,
            reorderPoint, reorderQty));
        ChangeRecorder changes(m_context);
        changes.stock(product.id, location.id);
        return changes.flush();
    });
}

namespace {

/** "file.csv:12: column: why", the shape of every import problem. */
QString problemAt(const QString &fileName, int line, const QString &column, const QString &why)
{
    QString text
        = QFileInfo(fileName).fileName() + QLatin1Char(':') + QString::number(line) + QStringLiteral(": ");
    if (!column.isEmpty()) {
        text += column + QStringLiteral(": ");
    }
    return text + why;
}

} // namespace

Result<ImportOutcome> CatalogService::importProducts(const QString &fileName, const QString &kind,
                                                     const QList<ProductUpsert> &rows,
                                                     const QString &defaultLocation,
                                                     const QHash<QString, QString> &locationMap, bool dryRun)
{
    if (!dryRun) {
        // A product file sets prices, costs and stock on hand: a manager's decision, previewing is anyone's.
        STOCKROOM_CHECK(Access::require(m_context, Role::Manager, CatalogService::tr("Importing products")));
    }
    Database &db = m_context.db;
    return db.write<ImportOutcome>([&]() -> Result<ImportOutcome> {
        ImportOutcome outcome;
        CatalogRepository catalog(db);
        StockRepository stock(db);
        const QString now = toStoredTime(m_context.clock.now());

        // Everything the file is checked against, read once.
        STOCKROOM_TRY(products, catalog.products());
        QHash<QString, ProductRecord> bySku;
        QHash<QString, QString> skuByGtin;
        bySku.reserve(products.size() + rows.size());
        for (const ProductRecord &product : std::as_const(products)) {
            bySku.insert(product.sku, product);
            if (!product.gtin.isEmpty()) {
                skuByGtin.insert(Gtin::validate(product.gtin).normalised14, product.sku);
            }
        }
        STOCKROOM_TRY(locations, catalog.locations());
        QHash<QString, LocationRecord> locationByKey;
        for (const LocationRecord &location : std::as_const(locations)) {
            locationByKey.insert(location.code.toLower(), location);
            locationByKey.insert(location.name.toLower(), location);
        }
        auto resolveLocation = [&](const QString &given) -> std::optional<LocationRecord> {
            QString key = given.trimmed().isEmpty() ? defaultLocation : given.trimmed();
            key = locationMap.value(key, key);
            const auto found = locationByKey.constFind(key.toLower());
            return found == locationByKey.cend() ? std::nullopt : std::optional<LocationRecord>(*found);
        };
        STOCKROOM_TRY(levelRows,
                      db.select(QStringLiteral("SELECT product_id, location_id, on_hand, reserved "
                                               "FROM stock_levels")));
        QHash<QPair<qint64, qint64>, QPair<int, int>> levels;
        levels.reserve(levelRows.size());
        for (const Row &row : std::as_const(levelRows)) {
            levels.insert({row.value(0).toLongLong(), row.value(1).toLongLong()},
                          {row.value(2).toInt(), row.value(3).toInt()});
        }

        // Check every row before anything is written.
        struct Planned
        {
            const ProductUpsert *row = nullptr;
            ProductRecord record;
            bool create = false;
            bool update = false;
            QList<QPair<LocationRecord, int>> stock; ///< location and target on hand
        };
        QList<Planned> plan;
        plan.reserve(rows.size());
        QSet<QString> definedHere;
        QHash<QPair<QString, qint64>, int> stockLine; // (SKU, location) → the line that set it
        for (const ProductUpsert &row : rows) {
            // The same text rules as a product typed in, reported at the file's line.
            if (const Status text
                = TextField::check(CatalogService::tr("The SKU"), row.sku, TextField::CodeLength);
                !text) {
                outcome.problems << problemAt(fileName, row.line, QStringLiteral("sku"),
                                              text.error().message);
                continue;
            }
            if (const Status text
                = TextField::check(CatalogService::tr("The product name"), row.name, TextField::NameLength);
                !text) {
                outcome.problems << problemAt(fileName, row.line, QStringLiteral("name"),
                                              text.error().message);
                continue;
            }
            Planned planned;
            planned.row = &row;
            const auto existing = bySku.constFind(row.sku);
            if (!row.definesProduct) {
                if (existing == bySku.cend() && !definedHere.contains(row.sku)) {
                    outcome.problems << problemAt(
                        fileName, row.line, QStringLiteral("sku"),
                        CatalogService::tr("unknown SKU \"%1\": import the products first").arg(row.sku));
                    continue;
                }
                planned.record = existing != bySku.cend() ? *existing : ProductRecord {};
            } else {
                ProductRecord record = existing != bySku.cend() ? *existing : ProductRecord {};
                planned.create = existing == bySku.cend();
                ProductRecord changed = record;
                changed.sku = row.sku;
                changed.name = row.name.isEmpty() ? record.name : row.name;
                if (!row.gtin.isEmpty()) {
                    changed.gtin = row.gtin;
                }
                changed.unitCostCents = row.unitCostCents.value_or(record.unitCostCents);
                changed.priceCents = row.priceCents.value_or(record.priceCents);
                changed.weightGrams = row.weightGrams.value_or(record.weightGrams);
                changed.active = row.active.value_or(planned.create ? true : record.active);
                if (changed.name.isEmpty()) {
                    outcome.problems << problemAt(fileName, row.line, QStringLiteral("name"),
                                                  CatalogService::tr("a new product needs a name"));
                    continue;
                }
                if (!row.gtin.isEmpty()) {
                    const QString key = Gtin::validate(row.gtin).normalised14;
                    const QString owner = skuByGtin.value(key);
                    if (!owner.isEmpty() && owner != row.sku) {
                        outcome.problems << problemAt(
                            fileName, row.line, QStringLiteral("gtin"),
                            CatalogService::tr("barcode %1 belongs to %2 already").arg(row.gtin, owner));
                        continue;
                    }
                    skuByGtin.insert(key, row.sku);
                }
                planned.update = !planned.create
                    && (changed.name != record.name || changed.gtin != record.gtin
                        || changed.unitCostCents != record.unitCostCents
                        || changed.priceCents != record.priceCents
                        || changed.weightGrams != record.weightGrams || changed.active != record.active);
                planned.record = changed;
                definedHere.insert(row.sku);
            }
            for (const ProductUpsert::Stock &entry : row.stock) {
                const std::optional<LocationRecord> location = resolveLocation(entry.location);
                if (!location) {
                    outcome.problems << problemAt(
                        fileName, entry.line, QStringLiteral("location"),
                        entry.location.trimmed().isEmpty()
                            ? CatalogService::tr("no location given: choose the location the stock is at")
                            : CatalogService::tr("unknown location \"%1\": map it to one of our locations")
                                  .arg(entry.location.trimmed()));
                    continue;
                }
                const QPair<int, int> level = levels.value({planned.record.id, location->id});
                if (planned.record.id > 0 && entry.onHand < level.second) {
                    outcome.problems << problemAt(
                        fileName, entry.line, QStringLiteral("on_hand"),
                        CatalogService::tr("%1 at %2: %3 on hand is less than the %4 "
                                           "reserved for orders")
                            .arg(row.sku, location->code)
                            .arg(entry.onHand)
                            .arg(level.second));
                    continue;
                }
                const QPair<QString, qint64> key {row.sku, location->id};
                if (stockLine.contains(key)) {
                    // Reached twice through a code and a name, a mapping or the chosen location.
                    outcome.problems << problemAt(fileName, entry.line, QStringLiteral("location"),
                                                  CatalogService::tr("%1 at %2 is already on line %3")
                                                      .arg(row.sku, location->code)
                                                      .arg(stockLine.value(key)));
                    continue;
                }
                stockLine.insert(key, entry.line);
                planned.stock.append({*location, entry.onHand});
            }
            plan << planned;
        }
        if (!outcome.problems.isEmpty()) {
            return outcome; // nothing written
        }

        // Count what would change (dry run) or change it.
        QHash<QString, qint64> idBySku;
        qint64 importId = 0;
        if (!dryRun) {
            STOCKROOM_TRY(id,
                          catalog.insertImport(kind, QFileInfo(fileName).fileName(), QString(),
                                               m_context.userName, now));
            importId = id;
        }
        ChangeRecorder changes(m_context);
        OrderFlow orderFlow(m_context, changes);
        for (Planned &planned : plan) {
            const ProductUpsert &row = *planned.row;
            if (planned.create) {
                ++outcome.productsCreated;
            } else if (planned.update) {
                ++outcome.productsUpdated;
            } else if (row.definesProduct) {
                ++outcome.productsUnchanged;
            }
            qint64 productId = planned.record.id;
            if (productId == 0) {
                productId = idBySku.value(row.sku);
            }
            if (!dryRun) {
                if (planned.create) {
                    STOCKROOM_TRY(id, catalog.insertProduct(planned.record, now));
                    productId = id;
                    idBySku.insert(row.sku, id);
                    changes.add(QStringLiteral("product"), QString::number(id), QStringLiteral("insert"));
                } else if (planned.update) {
                    ProductRecord record = planned.record;
                    record.updatedAt.clear(); // the whole import restarts if anything changed meanwhile
                    STOCKROOM_CHECK(catalog.updateProduct(record, now, m_context.userName));
                    changes.add(QStringLiteral("product"), QString::number(productId),
                                QStringLiteral("update"));
                }
            }
            for (const auto &[location, target] : std::as_const(planned.stock)) {
                const int current = productId > 0 ? levels.value({productId, location.id}).first : 0;
                const int delta = target - current;
                if (delta == 0) {
                    continue;
                }
                ++outcome.stockChanged;
                (delta > 0 ? outcome.unitsIn : outcome.unitsOut) += std::abs(delta);
                if (dryRun) {
                    continue;
                }
                if (delta > 0 && !planned.create) {
                    STOCKROOM_CHECK(
                        catalog.lockProduct(productId)); // receipts update the average one at a time
                    STOCKROOM_TRY(before, catalog.totalOnHand(productId));
                    if (before > 0) {
                        STOCKROOM_TRY(fresh, catalog.productBySku(row.sku));
                        STOCKROOM_CHECK(catalog.setAverageCost(
                            productId,
                            movingAverageCost(fresh->averageCostCents, before, delta, fresh->unitCostCents)));
                    }
                }
                // Compare and set: the file's quantity is a target, so if an order shipped or stock came in
                // since the check read the level, the import starts again from fresh reads (a conflict is
                // retried) instead of adding a stale difference.
                const bool hadRow = productId > 0 && levels.contains({productId, location.id});
                STOCKROOM_TRY(set,
                              stock.setOnHandIfUnchanged(productId, location.id, hadRow, current, target));
                if (!set) {
                    return Error::conflict(CatalogService::tr("Stock of %1 at %2 changed during the import.")
                                               .arg(row.sku, location.code));
                }
                levels.insert({productId, location.id},
                              {target, levels.value({productId, location.id}).second});
                const Movement movement {productId,
                                         location.id,
                                         delta,
                                         0,
                                         delta > 0 ? QStringLiteral("receipt") : QStringLiteral("adjust"),
                                         QStringLiteral("import"),
                                         importId,
                                         CatalogService::tr("import of %1, line %2")
                                             .arg(QFileInfo(fileName).fileName())
                                             .arg(row.line),
                                         m_context.userName,
                                         now};
                STOCKROOM_CHECK(stock.appendMovement(movement));
                changes.stock(productId, location.id);
                if (delta > 0 && !planned.create) {
                    // (No order can wait for a product this import creates.)
                    STOCKROOM_CHECK(
                        statusOf(BackorderFiller::fill(orderFlow, productId, location.id, location.code)));
                }
            }
        }
        if (!dryRun) {
            STOCKROOM_CHECK(
                db.execute(QStringLiteral("UPDATE imports SET summary = ? WHERE id = ?"),
                           {CatalogService::tr("%1 new, %2 changed, %3 unchanged products; %4 stock "
                                               "levels set")
                                .arg(outcome.productsCreated)
                                .arg(outcome.productsUpdated)
                                .arg(outcome.productsUnchanged)
                                .arg(outcome.stockChanged),
                            importId}));
            changes.add(QStringLiteral("import"), QString::number(importId), QStringLiteral("insert"));
            STOCKROOM_CHECK(changes.flush());
            STOCKROOM_CHECK(
                Audit::record(m_context, QStringLiteral("product.import"), QStringLiteral("import"),
                              QString::number(importId),
                              CatalogService::tr("%1: %2 new, %3 changed products; %4 stock levels set")
                                  .arg(QFileInfo(fileName).fileName())
                                  .arg(outcome.productsCreated)
                                  .arg(outcome.productsUpdated)
                                  .arg(outcome.stockChanged)));
            outcome.importId = importId;
        }
        return outcome;
    });
}

} // namespace Stockroom
