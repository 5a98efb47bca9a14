// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogservice.h"

#include <QCoreApplication>

namespace Stockroom {

namespace {
} // namespace

Result<qint64> CatalogService::addProduct(const ProductRecord &product)
{
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
    Database &db = m_context.db;
    return db.write<qint64>([&]() -> Result<qint64> {
        CatalogRepository catalog(db);
        STOCKROOM_TRY(existing, catalog.productBySku(product.sku.trimmed()));
        if (existing) {
            return Error::business(CatalogService::tr("SKU %1 exists already.").arg(product.sku));
        }
        ProductRecord clean = product;
        clean.sku = product.sku.trimmed();
        clean.name = product.name.trimmed();
        const QString now = toStoredTime(m_context.clock.now());
        STOCKROOM_TRY(id, catalog.insertProduct(clean, now));
        ChangeRecorder changes(m_context);
        changes.add(QStringLiteral("product"), QString::number(id), QStringLiteral("insert"));
        STOCKROOM_CHECK(changes.flush());
        return id;
    });
}

Result<qint64> CatalogService::addLocation(const LocationRecord &location)
{
    if (location.code.trimmed().isEmpty() || location.name.trimmed().isEmpty()) {
        return Error::usage(CatalogService::tr("A location needs a code and a name."));
    }
    if (location.kind != QLatin1String("warehouse") && location.kind != QLatin1String("store")
        && location.kind != QLatin1String("third_party")) {
        return Error::usage(
            CatalogService::tr("A location is a warehouse, a store or a third_party, not \"%1\".")
                .arg(location.kind));
    }
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
        const QString now = toStoredTime(m_context.clock.now());
        ChangeRecorder changes(m_context);
        changes.add(QStringLiteral("location"), QString::number(id), QStringLiteral("insert"));
        STOCKROOM_CHECK(changes.flush());
        return id;
    });
}

} // namespace Stockroom
