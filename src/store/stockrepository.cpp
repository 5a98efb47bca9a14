// SPDX-License-Identifier: GPL-3.0-or-later
#include "stockrepository.h"

#include <QDate>

#include <limits>

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
    if (row.size() > 8) {
        level.binCode = row.value(8).toString();
        level.reorderPoint = row.value(9).toInt();
        level.reorderQty = row.value(10).toInt();
        level.averageCostCents = row.value(11).toLongLong();
        level.onOrder = row.value(12).toInt();
        level.inTransit = row.value(13).toInt();
    }
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

/** What the inventory grid shows: the level, the product's home there, and what is coming in. */
const QString gridSelect = QStringLiteral(
    "SELECT s.product_id, s.location_id, p.sku, p.name, l.code, l.name, s.on_hand, s.reserved, "
    "coalesce(pl.bin_code, ''), coalesce(pl.reorder_point, 0), coalesce(pl.reorder_qty, 0), "
    "p.avg_cost_cents, "
    "(SELECT coalesce(sum(x.qty_ordered - x.qty_received), 0) FROM purchase_order_lines x "
    " JOIN purchase_orders d ON d.id = x.purchase_order_id WHERE x.product_id = s.product_id "
    " AND d.location_id = s.location_id AND d.status IN ('ordered', 'partially_received') "
    " AND x.qty_ordered > x.qty_received), "
    "(SELECT coalesce(sum(x.qty_shipped - x.qty_received - x.qty_written_off), 0) FROM transfer_lines x "
    " JOIN transfers d ON d.id = x.transfer_id WHERE x.product_id = s.product_id "
    " AND d.to_location_id = s.location_id AND d.status = 'in_transit') "
    "FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id "
    "LEFT JOIN product_locations pl ON pl.product_id = s.product_id AND pl.location_id = s.location_id ");

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

Result<bool> StockRepository::setOnHandIfUnchanged(qint64 productId, qint64 locationId, bool hadRow, int seen,
                                                   int target)
{
    if (!hadRow) {
        // No stock update rides on the conflict clause: a row that appeared meanwhile means "changed".
        return changedOne(
            m_db.execute(QStringLiteral("INSERT INTO stock_levels (product_id, location_id, on_hand, "
                                        "reserved) VALUES (?, ?, ?, 0) ON CONFLICT (product_id, "
                                        "location_id) DO NOTHING"),
                         {productId, locationId, target}));
    }
    return changedOne(
        m_db.execute(QStringLiteral("UPDATE stock_levels SET on_hand = ? WHERE product_id = ? AND "
                                    "location_id = ? AND on_hand = ? AND reserved <= ?"),
                     {target, productId, locationId, seen, target}));
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
    if (m_bulkMovements) {
        const Result<qint64> added = m_bulkMovements->add(
            {m.productId, m.locationId, m.deltaOnHand, m.deltaReserved, m.reason,
             m.refType.isEmpty() ? QVariant() : QVariant(m.refType),
             m.refId == 0 ? QVariant() : QVariant(m.refId), m.note, m.userName, m.createdAt});
        if (!added) {
            return added.error();
        }
        return {};
    }
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

void StockRepository::setBulk(bool bulk)
{
    if (!bulk) {
        m_bulkMovements.reset();
        return;
    }
    // The same columns as appendMovement's single-row statement.
    m_bulkMovements = std::make_shared<BulkInsert>(
        m_db, QStringLiteral("stock_movements"),
        QStringList {QStringLiteral("product_id"), QStringLiteral("location_id"),
                     QStringLiteral("delta_on_hand"), QStringLiteral("delta_reserved"),
                     QStringLiteral("reason"), QStringLiteral("ref_type"), QStringLiteral("ref_id"),
                     QStringLiteral("note"), QStringLiteral("user_name"), QStringLiteral("created_at")});
}

Status StockRepository::flushBulk()
{
    return m_bulkMovements ? m_bulkMovements->flush() : Status {};
}

Result<std::optional<ProductStock>> StockRepository::productStock(const QString &sku)
{
    Result<Rows> rows
        = m_db.select(QStringLiteral("SELECT p.id, p.sku, p.name, p.price_cents, p.active, l.id, l.code, "
                                     "l.name, l.priority, l.region, "
                                     "s.on_hand - s.reserved, l.postcode FROM products p "
                                     "LEFT JOIN stock_levels s ON s.product_id = p.id "
                                     "LEFT JOIN locations l ON l.id = s.location_id AND l.active = 1 "
                                     "WHERE p.sku = ? ORDER BY l.priority, l.id"),
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
            = m_db.select(gridSelect + QStringLiteral("WHERE s.product_id = ? AND s.location_id = ?"),
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
        gridSelect
            + QStringLiteral("WHERE lower(p.sku) LIKE ? ESCAPE '\\' OR lower(p.name) LIKE ? ESCAPE '\\' "
                             "OR lower(l.code) LIKE ? ESCAPE '\\' "
                             "ORDER BY p.sku, l.priority, l.id LIMIT ?"),
        {pattern, pattern, pattern, limit});
    return levelsFrom(rows);
}

Result<QList<StockLevelRow>> StockRepository::levels(const QString &sku, const QString &locationCode)
{
    Result<Rows> rows
        = m_db.select(gridSelect
                          + QStringLiteral("WHERE (? = '' OR p.sku = ?) AND (? = '' OR l.code = ?) "
                                           "ORDER BY p.sku, l.priority, l.id"),
                      {sku, sku, locationCode, locationCode});
    return levelsFrom(rows);
}

namespace {

/**
 * The grid's columns (as levelFrom reads them) for the pairs of `keys`, which names product_id and
 * location_id; a pair needs no level row: units on their way to a location show there too.
 */
QString gridRows(const QString &keys, const QString &where)
{
    return QStringLiteral(
               "SELECT k.product_id AS product_id, k.location_id AS location_id, p.sku AS sku, "
               "p.name AS product_name, l.code AS location_code, l.name AS location_name, "
               "coalesce(s.on_hand, 0) AS on_hand, coalesce(s.reserved, 0) AS reserved, "
               "coalesce(pl.bin_code, '') AS bin_code, coalesce(pl.reorder_point, 0) AS reorder_point, "
               "coalesce(pl.reorder_qty, 0) AS reorder_qty, p.avg_cost_cents AS avg_cost, "
               "(SELECT coalesce(sum(x.qty_ordered - x.qty_received), 0) FROM purchase_order_lines x "
               " JOIN purchase_orders d ON d.id = x.purchase_order_id WHERE x.product_id = k.product_id "
               " AND d.location_id = k.location_id AND d.status IN ('ordered', 'partially_received') "
               " AND x.qty_ordered > x.qty_received) AS on_order, "
               "(SELECT coalesce(sum(x.qty_shipped - x.qty_received - x.qty_written_off), 0) "
               " FROM transfer_lines x JOIN transfers d ON d.id = x.transfer_id "
               " WHERE x.product_id = k.product_id AND d.to_location_id = k.location_id "
               " AND d.status = 'in_transit') AS in_transit, "
               "l.priority AS location_priority, s.product_id AS level_product, "
               "pl.product_id AS home_product "
               "FROM (%1) k JOIN products p ON p.id = k.product_id JOIN locations l ON l.id = k.location_id "
               "LEFT JOIN stock_levels s ON s.product_id = k.product_id AND s.location_id = k.location_id "
               "LEFT JOIN product_locations pl ON pl.product_id = k.product_id "
               " AND pl.location_id = k.location_id "
               "%2")
        .arg(keys, where);
}

/** Every pair the grid shows: stock there, a home there, or units ordered for or travelling to it. */
const QString gridKeys = QStringLiteral(
    "SELECT product_id, location_id FROM stock_levels "
    "UNION SELECT product_id, location_id FROM product_locations "
    "UNION SELECT x.product_id, d.location_id FROM purchase_order_lines x "
    " JOIN purchase_orders d ON d.id = x.purchase_order_id "
    " WHERE d.status IN ('ordered', 'partially_received') AND x.qty_ordered > x.qty_received "
    "UNION SELECT x.product_id, d.to_location_id FROM transfer_lines x "
    " JOIN transfers d ON d.id = x.transfer_id "
    " WHERE d.status = 'in_transit' AND x.qty_shipped > x.qty_received + x.qty_written_off");

/** ORDER BY of a grid sort key; the first key turns round when descending, the tie-breakers do not. */
QString gridOrder(const QString &sort, bool descending)
{
    const QString direction = descending ? QStringLiteral(" DESC") : QString();
    if (sort == QLatin1String("location")) {
        return QStringLiteral("location_priority%1, location_code%1, sku, product_id").arg(direction);
    }
    if (sort == QLatin1String("available")) {
        return QStringLiteral("on_hand - reserved%1, sku, location_priority, location_id").arg(direction);
    }
    if (sort == QLatin1String("value")) {
        return QStringLiteral("on_hand * avg_cost%1, sku, location_priority, location_id").arg(direction);
    }
    return QStringLiteral("sku%1, location_priority, location_id").arg(direction);
}

} // namespace

Result<QList<StockLevelRow>> StockRepository::grid(const StockGridFilter &filter)
{
    QString pattern = filter.search.trimmed().toLower();
    pattern.replace(QLatin1String("\\"), QLatin1String("\\\\"));
    pattern.replace(QLatin1String("%"), QLatin1String("\\%"));
    pattern.replace(QLatin1String("_"), QLatin1String("\\_"));
    pattern = QLatin1Char('%') + pattern + QLatin1Char('%');
    const QString inner
        = gridRows(gridKeys,
                   QStringLiteral("WHERE (? = 0 OR k.product_id = ?) AND (? = 0 OR "
                                  "k.location_id = ?) AND (lower(p.sku) LIKE ? ESCAPE '\\' OR "
                                  "lower(p.name) LIKE ? ESCAPE '\\' OR lower(l.code) LIKE ? ESCAPE '\\')"));
    QString where = QStringLiteral("WHERE 1 = 1");
    if (filter.outOfStockOnly) {
        where += QStringLiteral(" AND on_hand - reserved <= 0");
    }
    if (filter.belowReorderOnly) {
        where += QStringLiteral(
            " AND reorder_point > 0 AND on_hand - reserved + on_order + in_transit < reorder_point");
    }
    return levelsFrom(m_db.select(QStringLiteral("SELECT * FROM (%1) g %2 ORDER BY %3 LIMIT ?")
                                      .arg(inner, where, gridOrder(filter.sort, filter.descending)),
                                  {filter.productId, filter.productId, filter.locationId, filter.locationId,
                                   pattern, pattern, pattern, std::max(1, filter.limit)}));
}

Result<QList<StockLevelRow>> StockRepository::gridFor(const QList<QPair<qint64, qint64>> &pairs)
{
    // One pair at a time on the indexes; a pair without a level, a home or inbound units has no row.
    const QString pair = QStringLiteral("SELECT p0.id AS product_id, l0.id AS location_id FROM products p0 "
                                        "CROSS JOIN locations l0 WHERE p0.id = ? AND l0.id = ?");
    const QString sql = QStringLiteral("SELECT * FROM (%1) g WHERE level_product IS NOT NULL "
                                       "OR home_product IS NOT NULL OR on_order > 0 OR in_transit > 0")
                            .arg(gridRows(pair, QString()));
    QList<StockLevelRow> levels;
    for (const auto &[productId, locationId] : pairs) {
        STOCKROOM_TRY(rows, m_db.select(sql, {productId, locationId}));
        for (const Row &row : std::as_const(rows)) {
            levels << levelFrom(row);
        }
    }
    return levels;
}

Result<QHash<qint64, qint64>> StockRepository::ordersOfReferences(const QString &refType,
                                                                  const QList<qint64> &ids)
{
    QHash<qint64, qint64> orders;
    QString table;
    if (refType == QLatin1String("shipment")) {
        table = QStringLiteral("shipments");
    } else if (refType == QLatin1String("return")) {
        table = QStringLiteral("returns");
    } else {
        return orders;
    }
    // In chunks, so that the statement text (one ? per id) comes from a few cached shapes.
    constexpr qsizetype Chunk = 50;
    for (qsizetype start = 0; start < ids.size(); start += Chunk) {
        const QList<qint64> chunk = ids.mid(start, Chunk);
        QStringList marks;
        Binds binds;
        for (qint64 id : chunk) {
            marks << QStringLiteral("?");
            binds << id;
        }
        STOCKROOM_TRY(
            rows,
            m_db.select(
                QStringLiteral("SELECT id, order_id FROM %1 WHERE id IN (%2)").arg(table, marks.join(u',')),
                binds));
        for (const Row &row : std::as_const(rows)) {
            orders.insert(row.value(0).toLongLong(), row.value(1).toLongLong());
        }
    }
    return orders;
}

Result<QList<LedgerEntry>> StockRepository::ledger(qint64 productId, qint64 locationId, qint64 beforeId,
                                                   int limit)
{
    const QString where = locationId > 0 ? QStringLiteral("m.product_id = ? AND m.location_id = ?")
                                         : QStringLiteral("m.product_id = ? AND ? = 0");
    const qint64 before = beforeId > 0 ? beforeId : std::numeric_limits<qint64>::max();
    // On hand per location now, less everything at or after the page's start: the balance above the page.
    QHash<qint64, qint64> running;
    STOCKROOM_TRY(levels,
                  m_db.select(QStringLiteral("SELECT location_id, on_hand FROM stock_levels WHERE "
                                             "product_id = ?"),
                              {productId}));
    for (const Row &row : std::as_const(levels)) {
        running.insert(row.value(0).toLongLong(), row.value(1).toLongLong());
    }
    if (beforeId > 0) {
        STOCKROOM_TRY(later,
                      m_db.select(QStringLiteral("SELECT m.location_id, sum(m.delta_on_hand) FROM "
                                                 "stock_movements m WHERE %1 AND m.id >= ? "
                                                 "GROUP BY m.location_id")
                                      .arg(where),
                                  {productId, locationId, beforeId}));
        for (const Row &row : std::as_const(later)) {
            running[row.value(0).toLongLong()] -= row.value(1).toLongLong();
        }
    }
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT m.id, m.created_at, m.location_id, l.code, m.delta_on_hand, "
                                   "m.delta_reserved, m.reason, coalesce(m.ref_type, ''), "
                                   "coalesce(m.ref_id, 0), m.note, m.user_name FROM stock_movements m "
                                   "JOIN locations l ON l.id = m.location_id WHERE %1 AND m.id < ? "
                                   "ORDER BY m.id DESC LIMIT ?")
                        .arg(where),
                    {productId, locationId, before, limit}));
    QList<LedgerEntry> entries;
    entries.reserve(rows.size());
    for (const Row &row : std::as_const(rows)) {
        LedgerEntry entry;
        entry.id = row.value(0).toLongLong();
        entry.at = row.value(1).toString();
        entry.locationId = row.value(2).toLongLong();
        entry.locationCode = row.value(3).toString();
        entry.deltaOnHand = row.value(4).toInt();
        entry.deltaReserved = row.value(5).toInt();
        entry.reason = row.value(6).toString();
        entry.refType = row.value(7).toString();
        entry.refId = row.value(8).toLongLong();
        entry.note = row.value(9).toString();
        entry.userName = row.value(10).toString();
        qint64 &balance = running[entry.locationId];
        entry.onHandAfter = int(balance);
        balance -= entry.deltaOnHand;
        entries << entry;
    }
    return entries;
}

Result<QList<StockPoint>> StockRepository::stockHistory(qint64 productId, int days, const QString &today)
{
    const QDate last = QDate::fromString(today, Qt::ISODate);
    const QString since = last.addDays(-days + 1).toString(Qt::ISODate);
    STOCKROOM_TRY(levels,
                  m_db.select(QStringLiteral("SELECT location_id, on_hand FROM stock_levels WHERE "
                                             "product_id = ? ORDER BY location_id"),
                              {productId}));
    STOCKROOM_TRY(daily,
                  m_db.select(QStringLiteral("SELECT location_id, substr(created_at, 1, 10), "
                                             "sum(delta_on_hand) FROM stock_movements "
                                             "WHERE product_id = ? AND created_at >= ? "
                                             "GROUP BY location_id, substr(created_at, 1, 10) "
                                             "ORDER BY location_id, 2 DESC"),
                              {productId, since}));
    QList<StockPoint> points;
    for (const Row &level : std::as_const(levels)) {
        const qint64 locationId = level.value(0).toLongLong();
        qint64 balance = level.value(1).toLongLong();
        points << StockPoint {locationId, today, int(balance)};
        // Walk back from today: a day's closing balance is the next day's less that next day's movements.
        for (const Row &row : std::as_const(daily)) {
            if (row.value(0).toLongLong() != locationId) {
                continue;
            }
            const QString day = row.value(1).toString();
            if (day != today) {
                points << StockPoint {locationId, day, int(balance)}; // closing balance of that day
            }
            balance -= row.value(2).toLongLong();
            const QString dayBefore = QDate::fromString(day, Qt::ISODate).addDays(-1).toString(Qt::ISODate);
            if (day >= since && dayBefore >= since) {
                points << StockPoint {locationId, dayBefore, int(balance)};
            }
        }
    }
    return points;
}

Result<QList<LocationValue>> StockRepository::valuation()
{
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT l.id, l.code, l.name, count(s.product_id), "
                                   "coalesce(sum(s.on_hand), 0), "
                                   "coalesce(sum(s.on_hand * p.avg_cost_cents), 0) FROM locations l "
                                   "LEFT JOIN stock_levels s ON s.location_id = l.id AND s.on_hand > 0 "
                                   "LEFT JOIN products p ON p.id = s.product_id "
                                   "GROUP BY l.id, l.code, l.name, l.priority ORDER BY l.priority, l.code")));
    QList<LocationValue> values;
    for (const Row &row : std::as_const(rows)) {
        values << LocationValue {row.value(0).toLongLong(), row.value(1).toString(),
                                 row.value(2).toString(),   row.value(3).toLongLong(),
                                 row.value(4).toLongLong(), row.value(5).toLongLong()};
    }
    return values;
}

} // namespace Stockroom
