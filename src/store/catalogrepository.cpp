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
    product.averageCostCents = row.value(8).toLongLong();
    product.updatedAt = row.value(9).toString();
    product.updatedBy = row.value(10).toString();
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
    location.address = row.value(8).toString();
    return location;
}

const QString productColumns = QStringLiteral(
    "id, sku, name, gtin, unit_cost_cents, price_cents, weight_grams, active, avg_cost_cents, "
    "updated_at, updated_by");
const QString locationColumns
    = QStringLiteral("id, code, name, kind, priority, postcode, region, active, address");

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
        QStringLiteral("INSERT INTO products (sku, name, gtin, unit_cost_cents, avg_cost_cents, price_cents, "
                       "weight_grams, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "RETURNING id"),
        {product.sku, product.name, product.gtin.isEmpty() ? QVariant() : QVariant(product.gtin),
         product.unitCostCents, product.unitCostCents, product.priceCents, product.weightGrams,
         product.active ? 1 : 0, createdAt, createdAt});
}

Result<qint64> CatalogRepository::insertLocation(const LocationRecord &location)
{
    return m_db.insert(
        QStringLiteral(
            "INSERT INTO locations (code, name, kind, priority, postcode, region, active, address) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {location.code, location.name, location.kind, location.priority, location.postcode, location.region,
         location.active ? 1 : 0, location.address});
}

Binds CatalogRepository::gtinForms(const QString &gtin14)
{
    // Stored as typed: GTIN-8, UPC-A (12), EAN-13 or GTIN-14 of the same number.
    Binds forms;
    for (const int length : {14, 13, 12, 8}) {
        const QString form = gtin14.right(length);
        if (gtin14.left(14 - length).count(QLatin1Char('0')) == 14 - length) {
            forms << form;
        }
    }
    while (forms.size() < 4) {
        forms << forms.first();
    }
    return forms;
}

Result<std::optional<ProductRecord>> CatalogRepository::productByGtin(const QString &gtin14)
{
    const Binds forms = gtinForms(gtin14);
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT %1 FROM products WHERE gtin IN (?, ?, ?, ?) "
                                             "ORDER BY id LIMIT 1")
                                  .arg(productColumns),
                              forms));
    if (rows.isEmpty()) {
        return std::optional<ProductRecord> {};
    }
    return std::optional<ProductRecord> {productFrom(rows.first())};
}

Result<QList<LocationRecord>> CatalogRepository::locations()
{
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT %1 FROM locations ORDER BY priority, code").arg(locationColumns)));
    QList<LocationRecord> locations;
    for (const Row &row : std::as_const(rows)) {
        locations << locationFrom(row);
    }
    return locations;
}

Result<QList<ProductRecord>> CatalogRepository::products()
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT %1 FROM products ORDER BY id").arg(productColumns)));
    QList<ProductRecord> products;
    products.reserve(rows.size());
    for (const Row &row : std::as_const(rows)) {
        products << productFrom(row);
    }
    return products;
}

Result<qint64> CatalogRepository::insertImport(const QString &kind, const QString &fileName,
                                               const QString &summary, const QString &user, const QString &at)
{
    return m_db.insert(QStringLiteral("INSERT INTO imports (kind, file_name, summary, user_name, at) "
                                      "VALUES (?, ?, ?, ?, ?) RETURNING id"),
                       {kind, fileName, summary, user, at});
}

Result<bool> CatalogRepository::updateProduct(const ProductRecord &product, const QString &updatedAt,
                                              const QString &updatedBy)
{
    Binds binds {product.name,
                 product.gtin.isEmpty() ? QVariant() : QVariant(product.gtin),
                 product.unitCostCents,
                 product.priceCents,
                 product.weightGrams,
                 product.active ? 1 : 0,
                 updatedAt,
                 updatedBy,
                 product.id};
    QString sql
        = QStringLiteral("UPDATE products SET name = ?, gtin = ?, unit_cost_cents = ?, price_cents = ?, "
                         "weight_grams = ?, active = ?, updated_at = ?, updated_by = ? WHERE id = ?");
    if (!product.updatedAt.isEmpty()) {
        sql += QStringLiteral(" AND updated_at = ?");
        binds << product.updatedAt;
    }
    STOCKROOM_TRY(affected, m_db.execute(sql, binds));
    return affected == 1;
}

Status CatalogRepository::updateLocation(const LocationRecord &location)
{
    return statusOf(
        m_db.execute(QStringLiteral("UPDATE locations SET name = ?, kind = ?, priority = ?, postcode = ?, "
                                    "region = ?, active = ?, address = ? WHERE id = ?"),
                     {location.name, location.kind, location.priority, location.postcode, location.region,
                      location.active ? 1 : 0, location.address, location.id}));
}

Status CatalogRepository::setAverageCost(qint64 productId, qint64 averageCents)
{
    return statusOf(m_db.execute(QStringLiteral("UPDATE products SET avg_cost_cents = ? WHERE id = ?"),
                                 {averageCents, productId}));
}

Status CatalogRepository::lockProduct(qint64 productId)
{
    return statusOf(m_db.execute(
        QStringLiteral("UPDATE products SET avg_cost_cents = avg_cost_cents WHERE id = ?"), {productId}));
}

Result<qint64> CatalogRepository::totalOnHand(qint64 productId)
{
    STOCKROOM_TRY(total,
                  m_db.scalar(QStringLiteral("SELECT coalesce(sum(on_hand), 0) FROM stock_levels "
                                             "WHERE product_id = ?"),
                              {productId}));
    return total.toLongLong();
}

Status CatalogRepository::setProductLocation(qint64 productId, qint64 locationId,
                                             const std::optional<QString> &binCode,
                                             const std::optional<int> &reorderPoint,
                                             const std::optional<int> &reorderQty)
{
    // Created when missing, without failing when another desktop creates it at the same moment.
    STOCKROOM_CHECK(
        m_db.execute(QStringLiteral("INSERT INTO product_locations (product_id, location_id) VALUES (?, ?) "
                                    "ON CONFLICT (product_id, location_id) DO NOTHING"),
                     {productId, locationId}));
    // Only what was given changes (fixed fragments; a typed null QVariant binds as '' on some drivers).
    QStringList assignments;
    Binds binds;
    if (binCode) {
        assignments << QStringLiteral("bin_code = ?");
        binds << *binCode;
    }
    if (reorderPoint) {
        assignments << QStringLiteral("reorder_point = ?");
        binds << *reorderPoint;
    }
    if (reorderQty) {
        assignments << QStringLiteral("reorder_qty = ?");
        binds << *reorderQty;
    }
    if (assignments.isEmpty()) {
        return {};
    }
    binds << productId << locationId;
    return statusOf(m_db.execute(
        QStringLiteral("UPDATE product_locations SET %1 WHERE product_id = ? AND location_id = ?")
            .arg(assignments.join(QStringLiteral(", "))),
        binds));
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

Result<std::tuple<QString, int, int>> CatalogRepository::productLocationSettings(qint64 productId,
                                                                                 qint64 locationId)
{
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT coalesce(bin_code, ''), reorder_point, reorder_qty "
                                   "FROM product_locations WHERE product_id = ? AND location_id = ?"),
                    {productId, locationId}));
    if (rows.isEmpty()) {
        return std::tuple<QString, int, int> {QString(), 0, 0};
    }
    return std::tuple<QString, int, int> {rows.first().value(0).toString(), rows.first().value(1).toInt(),
                                          rows.first().value(2).toInt()};
}

} // namespace Stockroom
