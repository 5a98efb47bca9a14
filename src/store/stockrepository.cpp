// SPDX-License-Identifier: GPL-3.0-or-later
#include "stockrepository.h"

namespace Stockroom {

namespace {

StockLevelRow levelFrom(const Row &row)
{
    StockLevelRow level;
    level.productId = row.value(0).toLongLong();
    level.locationId = row.value(1).toLongLong();
    level.sku = row.value(2).toString();
    level.productName = row.value(3).toString();
    level.locationCode = row.value(4).toString();
    level.locationName = row.value(5).toString();
    level.onHand = row.value(6).toInt();
    level.reserved = row.value(7).toInt();
    return level;
}

Result<QList<StockLevelRow>> levelsFrom(const Result<Rows> &rows)
{
    if (!rows) {
        return rows.error();
    }
    QList<StockLevelRow> levels;
    levels.reserve(rows->size());
    for (const Row &row : std::as_const(*rows)) {
        levels << levelFrom(row);
    }
    return levels;
}

const QString levelSelect = QStringLiteral(
    "SELECT s.product_id, s.location_id, p.sku, p.name, l.code, l.name, s.on_hand, s.reserved "
    "FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id ");

Result<bool> changedOne(const Result<int> &affected)
{
    if (!affected) {
        return affected.error();
    }
    return *affected == 1;
}

} // namespace

Status StockRepository::addOnHand(qint64 productId, qint64 locationId, int qty)
{
    Result<int> affected = m_db.execute(
        QStringLiteral(
            "INSERT INTO stock_levels (product_id, location_id, on_hand, reserved) VALUES (?, ?, ?, 0) "
            "ON CONFLICT (product_id, location_id) DO UPDATE SET on_hand = stock_levels.on_hand + "
            "excluded.on_hand"),
        {productId, locationId, qty});
    if (!affected) {
        return affected.error();
    }
    return {};
}

Result<bool> StockRepository::reserve(qint64 productId, qint64 locationId, int qty)
{
    return changedOne(
        m_db.execute(QStringLiteral("UPDATE stock_levels SET reserved = reserved + ? "
                                    "WHERE product_id = ? AND location_id = ? AND on_hand - reserved >= ?"),
                     {qty, productId, locationId, qty}));
}

Result<bool> StockRepository::release(qint64 productId, qint64 locationId, int qty)
{
    return changedOne(
        m_db.execute(QStringLiteral("UPDATE stock_levels SET reserved = reserved - ? "
                                    "WHERE product_id = ? AND location_id = ? AND reserved >= ?"),
                     {qty, productId, locationId, qty}));
}

Result<bool> StockRepository::consumeReserved(qint64 productId, qint64 locationId, int qty)
{
    return changedOne(m_db.execute(
        QStringLiteral("UPDATE stock_levels SET on_hand = on_hand - ?, reserved = reserved - ? "
                       "WHERE product_id = ? AND location_id = ? AND reserved >= ? AND on_hand >= ?"),
        {qty, qty, productId, locationId, qty, qty}));
}

Result<bool> StockRepository::adjustOnHand(qint64 productId, qint64 locationId, int delta)
{
    if (delta >= 0) {
        const Status added = addOnHand(productId, locationId, delta);
        if (!added) {
            return added.error();
        }
        return true;
    }
    return changedOne(
        m_db.execute(QStringLiteral("UPDATE stock_levels SET on_hand = on_hand + ? "
                                    "WHERE product_id = ? AND location_id = ? AND on_hand - reserved >= ?"),
                     {delta, productId, locationId, -delta}));
}

Status StockRepository::appendMovement(const Movement &m)
{
    Result<int> affected = m_db.execute(
        QStringLiteral(
            "INSERT INTO stock_movements (product_id, location_id, delta_on_hand, delta_reserved, reason, "
            "ref_type, ref_id, note, user_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {m.productId, m.locationId, m.deltaOnHand, m.deltaReserved, m.reason,
         m.refType.isEmpty() ? QVariant() : QVariant(m.refType),
         m.refId == 0 ? QVariant() : QVariant(m.refId), m.note, m.userName, m.createdAt});
    if (!affected) {
        return affected.error();
    }
    return {};
}

Result<std::optional<ProductStock>> StockRepository::productStock(const QString &sku)
{
    Result<Rows> rows
        = m_db.select(QStringLiteral("SELECT p.id, p.sku, p.name, p.price_cents, p.active, l.id, l.code, "
                                     "l.name, l.priority, l.region, "
                                     "s.on_hand - s.reserved, l.postcode FROM products p "
                                     "LEFT JOIN stock_levels s ON s.product_id = p.id "
                                     "LEFT JOIN locations l ON l.id = s.location_id AND l.active = 1 "
                                     "WHERE p.sku = ?"),
                      {sku});
    if (!rows) {
        return rows.error();
    }
    if (rows->isEmpty()) {
        return std::optional<ProductStock> {};
    }
    ProductStock stock;
    const Row &first = rows->first();
    stock.product.id = first.value(0).toLongLong();
    stock.product.sku = first.value(1).toString();
    stock.product.name = first.value(2).toString();
    stock.product.priceCents = first.value(3).toLongLong();
    stock.product.active = first.value(4).toInt() != 0;
    for (const Row &row : std::as_const(*rows)) {
        if (row.value(5).isNull()) {
            continue; // no level row, or an inactive location
        }
        const qint64 locationId = row.value(5).toLongLong();
        stock.locations << RoutingLocation {
            locationId,           row.value(6).toString(), row.value(7).toString(),
            row.value(8).toInt(), row.value(9).toString(), row.value(11).toString()};
        stock.available.insert(locationId, row.value(10).toInt());
    }
    return std::optional<ProductStock> {stock};
}

Result<StockLevelRow> StockRepository::level(qint64 productId, qint64 locationId)
{
    Result<Rows> rows
        = m_db.select(levelSelect + QStringLiteral("WHERE s.product_id = ? AND s.location_id = ?"),
                      {productId, locationId});
    if (!rows) {
        return rows.error();
    }
    if (rows->isEmpty()) {
        StockLevelRow empty;
        empty.productId = productId;
        empty.locationId = locationId;
        return empty;
    }
    return levelFrom(rows->first());
}

Result<QList<StockLevelRow>> StockRepository::levelsFor(const QList<QPair<qint64, qint64>> &pairs)
{
    QList<StockLevelRow> levels;
    for (const auto &[productId, locationId] : pairs) {
        Result<Rows> rows
            = m_db.select(levelSelect + QStringLiteral("WHERE s.product_id = ? AND s.location_id = ?"),
                          {productId, locationId});
        if (!rows) {
            return rows.error();
        }
        for (const Row &row : std::as_const(*rows)) {
            levels << levelFrom(row);
        }
    }
    return levels;
}

Result<QList<StockLevelRow>> StockRepository::search(const QString &text, int limit)
{
    QString pattern = text.trimmed().toLower();
    pattern.replace(QLatin1String("\\"), QLatin1String("\\\\"));
    pattern.replace(QLatin1String("%"), QLatin1String("\\%"));
    pattern.replace(QLatin1String("_"), QLatin1String("\\_"));
    pattern = QLatin1Char('%') + pattern + QLatin1Char('%');
    Result<Rows> rows = m_db.select(
        levelSelect
            + QStringLiteral("WHERE lower(p.sku) LIKE ? ESCAPE '\\' OR lower(p.name) LIKE ? ESCAPE '\\' "
                             "OR lower(l.code) LIKE ? ESCAPE '\\' "
                             "ORDER BY p.sku, l.priority, l.id LIMIT ?"),
        {pattern, pattern, pattern, limit});
    return levelsFrom(rows);
}

Result<QList<StockLevelRow>> StockRepository::levels(const QString &sku, const QString &locationCode)
{
    Result<Rows> rows
        = m_db.select(levelSelect
                          + QStringLiteral("WHERE (? = '' OR p.sku = ?) AND (? = '' OR l.code = ?) "
                                           "ORDER BY p.sku, l.priority, l.id"),
                      {sku, sku, locationCode, locationCode});
    return levelsFrom(rows);
}

} // namespace Stockroom
