// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogrepository.h"

namespace Stockroom {

namespace {

ProductRecord productFrom(const Row &row)
{
    ProductRecord product;
    product.id = row.value(0).toLongLong();
    product.sku = row.value(1).toString();
    product.name = row.value(2).toString();
    product.gtin = row.value(3).toString();
    product.unitCostCents = row.value(4).toLongLong();
    product.priceCents = row.value(5).toLongLong();
    product.weightGrams = row.value(6).toInt();
    product.active = row.value(7).toInt() != 0;
    return product;
}

LocationRecord locationFrom(const Row &row)
{
    LocationRecord location;
    location.id = row.value(0).toLongLong();
    location.code = row.value(1).toString();
    location.name = row.value(2).toString();
    location.kind = row.value(3).toString();
    location.priority = row.value(4).toInt();
    location.postcode = row.value(5).toString();
    location.region = row.value(6).toString();
    location.active = row.value(7).toInt() != 0;
    return location;
}

const QString productColumns
    = QStringLiteral("id, sku, name, gtin, unit_cost_cents, price_cents, weight_grams, active");
const QString locationColumns = QStringLiteral("id, code, name, kind, priority, postcode, region, active");

} // namespace

Result<std::optional<ProductRecord>> CatalogRepository::productBySku(const QString &sku)
{
    Result<Rows> rows
        = m_db.select(QStringLiteral("SELECT %1 FROM products WHERE sku = ?").arg(productColumns), {sku});
    if (!rows) {
        return rows.error();
    }
    if (rows->isEmpty()) {
        return std::optional<ProductRecord> {};
    }
    return std::optional<ProductRecord> {productFrom(rows->first())};
}

Result<std::optional<LocationRecord>> CatalogRepository::locationByCode(const QString &code)
{
    Result<Rows> rows
        = m_db.select(QStringLiteral("SELECT %1 FROM locations WHERE code = ?").arg(locationColumns), {code});
    if (!rows) {
        return rows.error();
    }
    if (rows->isEmpty()) {
        return std::optional<LocationRecord> {};
    }
    return std::optional<LocationRecord> {locationFrom(rows->first())};
}

Result<qint64> CatalogRepository::insertProduct(const ProductRecord &product, const QString &createdAt)
{
    return m_db.insert(
        QStringLiteral("INSERT INTO products (sku, name, gtin, unit_cost_cents, price_cents, "
                       "weight_grams, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {product.sku, product.name, product.gtin.isEmpty() ? QVariant() : QVariant(product.gtin),
         product.unitCostCents, product.priceCents, product.weightGrams, product.active ? 1 : 0, createdAt});
}

Result<qint64> CatalogRepository::insertLocation(const LocationRecord &location)
{
    return m_db.insert(
        QStringLiteral("INSERT INTO locations (code, name, kind, priority, postcode, region, active) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {location.code, location.name, location.kind, location.priority, location.postcode, location.region,
         location.active ? 1 : 0});
}

Result<qint64> CatalogRepository::insertCustomer(const QString &name, const QString &region,
                                                 const QString &postcode, const QString &createdAt)
{
    return m_db.insert(QStringLiteral("INSERT INTO customers (name, region, postcode, created_at) "
                                      "VALUES (?, ?, ?, ?) RETURNING id"),
                       {name, region, postcode, createdAt});
}

Result<std::optional<qint64>> CatalogRepository::customerByName(const QString &name)
{
    Result<QVariant> id
        = m_db.scalar(QStringLiteral("SELECT id FROM customers WHERE name = ? ORDER BY id LIMIT 1"), {name});
    if (!id) {
        return id.error();
    }
    if (!id->isValid() || id->isNull()) {
        return std::optional<qint64> {};
    }
    return std::optional<qint64> {id->toLongLong()};
}

} // namespace Stockroom
