// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedrepository.h"

#include <QSet>

#include <algorithm>

namespace Stockroom {

namespace {

QStringList codesFrom(const QString &text)
{
    QStringList codes;
    for (const QString &code : text.split(QLatin1Char(','))) {
        if (!code.trimmed().isEmpty()) {
            codes << code.trimmed();
        }
    }
    return codes;
}

ChannelFeedRecord channelFrom(const Row &r)
{
    ChannelFeedRecord channel;
    channel.name = r.value(0).toString();
    channel.settings.bufferUnits = r.value(1).toInt();
    channel.settings.bufferPercent = r.value(2).toInt();
    channel.settings.locations = codesFrom(r.value(3).toString());
    channel.settings.format = r.value(4).toString();
    channel.writtenAt = r.value(5).toString();
    channel.writtenBy = r.value(6).toString();
    channel.file = r.value(7).toString();
    channel.stored = true;
    return channel;
}

const QString channelColumns
    = QStringLiteral("SELECT name, feed_buffer_units, feed_buffer_percent, feed_locations, feed_format, "
                     "coalesce(feed_written_at, ''), feed_written_by, feed_file FROM channels ");

/** Rows of a multi-row INSERT: the statement for `rows` rows (a count of ours, never data). */
QString valuesFor(const QString &insert, int rows, const QString &row)
{
    QStringList tuples;
    tuples.reserve(rows);
    for (int i = 0; i < rows; ++i) {
        tuples << row;
    }
    return insert + tuples.join(QStringLiteral(", "));
}

} // namespace

// ---- Exports ----------------------------------------------------------------------------------------

Result<OrderExportPage> FeedRepository::ordersPage(qint64 afterOrderId, const QString &since, int limit)
{
    // The orders first (keyset on the primary key), then their lines in one range read: two indexed
    // reads per page, however many lines an order has.
    STOCKROOM_TRY(
        orders,
        m_db.select(
            QStringLiteral("SELECT o.id, o.channel, coalesce(o.external_id, ''), o.placed_at, o.status, "
                           "o.payment_status, coalesce(c.name, ''), coalesce(c.email, ''), "
                           "coalesce(c.address, ''), o.ship_postcode, o.ship_region, o.total_cents, "
                           "o.paid_cents, o.refunded_cents, o.note "
                           "FROM orders o LEFT JOIN customers c ON c.id = o.customer_id "
                           "WHERE o.id > ? AND (? = '' OR o.placed_at >= ? OR o.updated_at >= ?) "
                           "ORDER BY o.id LIMIT ?"),
            {afterOrderId, since, since, since, limit}));
    OrderExportPage page;
    page.orders = int(orders.size());
    if (orders.isEmpty()) {
        page.lastOrderId = afterOrderId;
        return page;
    }
    const qint64 first = orders.constFirst().value(0).toLongLong();
    const qint64 last = orders.constLast().value(0).toLongLong();
    page.lastOrderId = last;

    STOCKROOM_TRY(matched,
                  m_db.select(QStringLiteral("SELECT ol.order_id, ol.line_no, p.sku, p.name, ol.qty, "
                                             "ol.unit_price_cents, ol.qty_shipped, ol.qty_cancelled "
                                             "FROM order_lines ol JOIN products p ON p.id = ol.product_id "
                                             "WHERE ol.order_id BETWEEN ? AND ? "
                                             "ORDER BY ol.order_id, ol.line_no"),
                              {first, last}));
    STOCKROOM_TRY(unmatched,
                  m_db.select(QStringLiteral("SELECT order_id, line_no, sku, name, qty, unit_price_cents "
                                             "FROM order_unmatched_lines WHERE order_id BETWEEN ? AND ? "
                                             "ORDER BY order_id, line_no"),
                              {first, last}));

    // Merge the two line lists of each order by line number (an order that waits for a SKU mapping has
    // both kinds).
    qsizetype m = 0;
    qsizetype u = 0;
    page.lines.reserve(matched.size() + unmatched.size());
    for (const Row &o : std::as_const(orders)) {
        OrderExportLine order;
        order.orderId = o.value(0).toLongLong();
        order.channel = o.value(1).toString();
        order.externalId = o.value(2).toString();
        order.placedAt = o.value(3).toString();
        order.status = o.value(4).toString();
        order.paymentStatus = o.value(5).toString();
        order.customerName = o.value(6).toString();
        order.email = o.value(7).toString();
        order.address = o.value(8).toString();
        order.postcode = o.value(9).toString();
        order.region = o.value(10).toString();
        order.totalCents = o.value(11).toLongLong();
        order.paidCents = o.value(12).toLongLong();
        order.refundedCents = o.value(13).toLongLong();
        order.note = o.value(14).toString();
        // Lines of orders between first and last that the filter left out are skipped.
        while (m < matched.size() && matched.at(m).value(0).toLongLong() < order.orderId) {
            ++m;
        }
        while (u < unmatched.size() && unmatched.at(u).value(0).toLongLong() < order.orderId) {
            ++u;
        }
        for (;;) {
            const bool hasMatched
                = m < matched.size() && matched.at(m).value(0).toLongLong() == order.orderId;
            const bool hasUnmatched
                = u < unmatched.size() && unmatched.at(u).value(0).toLongLong() == order.orderId;
            if (!hasMatched && !hasUnmatched) {
                break;
            }
            const bool takeMatched = hasMatched
                && (!hasUnmatched || matched.at(m).value(1).toInt() <= unmatched.at(u).value(1).toInt());
            OrderExportLine line = order;
            if (takeMatched) {
                const Row &r = matched.at(m++);
                line.lineNo = r.value(1).toInt();
                line.sku = r.value(2).toString();
                line.name = r.value(3).toString();
                line.qty = r.value(4).toInt();
                line.unitPriceCents = r.value(5).toLongLong();
                line.qtyShipped = r.value(6).toInt();
                line.qtyCancelled = r.value(7).toInt();
            } else {
                const Row &r = unmatched.at(u++);
                line.lineNo = r.value(1).toInt();
                line.sku = r.value(2).toString();
                line.name = r.value(3).toString();
                line.qty = r.value(4).toInt();
                line.unitPriceCents = r.value(5).toLongLong();
                line.unmatched = true;
            }
            page.lines.append(std::move(line));
        }
    }
    return page;
}

Result<QList<StockExportRow>> FeedRepository::stockPage(const StockExportRow *after, int limit)
{
    // "sku >= ?" lets the SKU index find the page's start; the rest of the condition orders the locations
    // of the cursor's own SKU.
    const QString sku = after ? after->sku : QString();
    const int priority = after ? after->locationPriority : 0;
    const qint64 locationId = after ? after->locationId : 0;
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral(
                        "SELECT p.sku, l.code, s.on_hand, s.reserved, coalesce(pl.bin_code, ''), "
                        "coalesce(pl.reorder_point, 0), coalesce(pl.reorder_qty, 0), p.avg_cost_cents, "
                        "l.priority, l.id "
                        "FROM products p JOIN stock_levels s ON s.product_id = p.id "
                        "JOIN locations l ON l.id = s.location_id "
                        "LEFT JOIN product_locations pl ON pl.product_id = s.product_id "
                        " AND pl.location_id = s.location_id "
                        "WHERE p.sku >= ? AND (p.sku > ? OR l.priority > ? OR (l.priority = ? AND l.id > ?)) "
                        "ORDER BY p.sku, l.priority, l.id LIMIT ?"),
                    {sku, sku, priority, priority, locationId, limit}));
    QList<StockExportRow> levels;
    levels.reserve(rows.size());
    for (const Row &r : std::as_const(rows)) {
        StockExportRow level;
        level.sku = r.value(0).toString();
        level.locationCode = r.value(1).toString();
        level.onHand = r.value(2).toInt();
        level.reserved = r.value(3).toInt();
        level.bin = r.value(4).toString();
        level.reorderPoint = r.value(5).toInt();
        level.reorderQty = r.value(6).toInt();
        level.averageCostCents = r.value(7).toLongLong();
        level.locationPriority = r.value(8).toInt();
        level.locationId = r.value(9).toLongLong();
        levels.append(std::move(level));
    }
    return levels;
}

Result<QList<LedgerExportRow>> FeedRepository::ledgerPage(qint64 afterId, const QString &since, int limit)
{
    STOCKROOM_TRY(
        rows,
        m_db.select(
            QStringLiteral("SELECT m.id, m.created_at, p.sku, l.code, m.delta_on_hand, m.delta_reserved, "
                           "m.reason, coalesce(m.ref_type, ''), coalesce(m.ref_id, 0), "
                           "coalesce(s.order_id, 0), m.note, m.user_name "
                           "FROM stock_movements m JOIN products p ON p.id = m.product_id "
                           "JOIN locations l ON l.id = m.location_id "
                           "LEFT JOIN shipments s ON m.ref_type = 'shipment' AND s.id = m.ref_id "
                           "WHERE m.id > ? AND m.created_at >= ? ORDER BY m.id LIMIT ?"),
            {afterId, since, limit}));
    QList<LedgerExportRow> movements;
    movements.reserve(rows.size());
    for (const Row &r : std::as_const(rows)) {
        LedgerExportRow movement;
        movement.id = r.value(0).toLongLong();
        movement.createdAt = r.value(1).toString();
        movement.sku = r.value(2).toString();
        movement.locationCode = r.value(3).toString();
        movement.deltaOnHand = r.value(4).toInt();
        movement.deltaReserved = r.value(5).toInt();
        movement.reason = r.value(6).toString();
        movement.refType = r.value(7).toString();
        movement.refId = r.value(8).toLongLong();
        movement.shipmentOrderId = r.value(9).toLongLong();
        movement.note = r.value(10).toString();
        movement.userName = r.value(11).toString();
        movements.append(std::move(movement));
    }
    return movements;
}

Result<QList<ProductRecord>> FeedRepository::productsPage(const QString &afterSku, int limit)
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT id, sku, name, coalesce(gtin, ''), unit_cost_cents, "
                                             "price_cents, weight_grams, active FROM products "
                                             "WHERE sku > ? ORDER BY sku LIMIT ?"),
                              {afterSku, limit}));
    QList<ProductRecord> products;
    products.reserve(rows.size());
    for (const Row &r : std::as_const(rows)) {
        ProductRecord product;
        product.id = r.value(0).toLongLong();
        product.sku = r.value(1).toString();
        product.name = r.value(2).toString();
        product.gtin = r.value(3).toString();
        product.unitCostCents = r.value(4).toLongLong();
        product.priceCents = r.value(5).toLongLong();
        product.weightGrams = r.value(6).toInt();
        product.active = r.value(7).toInt() == 1;
        products.append(std::move(product));
    }
    return products;
}

// ---- Channels ---------------------------------------------------------------------------------------

Result<QList<ChannelFeedRecord>> FeedRepository::channels()
{
    STOCKROOM_TRY(rows, m_db.select(channelColumns + QStringLiteral("ORDER BY name")));
    QList<ChannelFeedRecord> channels;
    QSet<QString> names;
    for (const Row &r : std::as_const(rows)) {
        channels << channelFrom(r);
        names.insert(channels.constLast().name);
    }
    // Orders name channels nobody has set up (an import's "shopify"): they feed with the defaults.
    STOCKROOM_TRY(fromOrders, m_db.select(QStringLiteral("SELECT DISTINCT channel FROM orders")));
    for (const Row &r : std::as_const(fromOrders)) {
        const QString name = r.value(0).toString();
        if (!names.contains(name)) {
            ChannelFeedRecord channel;
            channel.name = name;
            channels << channel;
            names.insert(name);
        }
    }
    std::sort(channels.begin(), channels.end(),
              [](const ChannelFeedRecord &a, const ChannelFeedRecord &b) { return a.name < b.name; });
    return channels;
}

Result<std::optional<ChannelFeedRecord>> FeedRepository::channel(const QString &name)
{
    STOCKROOM_TRY(rows, m_db.select(channelColumns + QStringLiteral("WHERE name = ?"), {name}));
    if (!rows.isEmpty()) {
        return std::optional<ChannelFeedRecord> {channelFrom(rows.constFirst())};
    }
    STOCKROOM_TRY(ordered,
                  m_db.scalar(QStringLiteral("SELECT 1 FROM orders WHERE channel = ? LIMIT 1"), {name}));
    if (!ordered.isValid()) {
        return std::optional<ChannelFeedRecord> {};
    }
    ChannelFeedRecord channel;
    channel.name = name;
    return std::optional<ChannelFeedRecord> {channel};
}

Status FeedRepository::ensureChannel(const QString &name, const QString &at)
{
    // Two desktops setting up the same channel at once: the second insert does nothing (no stock moves here).
    return statusOf(m_db.execute(
        QStringLiteral("INSERT INTO channels (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING"),
        {name, at}));
}

Status FeedRepository::saveFeedSettings(const QString &name, const FeedSettings &settings)
{
    // Only the feed's columns: pay_later and ship_from belong to the fulfilment rules.
    return statusOf(
        m_db.execute(QStringLiteral("UPDATE channels SET feed_buffer_units = ?, feed_buffer_percent = ?, "
                                    "feed_locations = ?, feed_format = ? WHERE name = ?"),
                     {settings.bufferUnits, settings.bufferPercent, settings.locations.join(QLatin1Char(',')),
                      settings.format, name}));
}

Status FeedRepository::lockChannel(const QString &name)
{
    return statusOf(m_db.execute(
        QStringLiteral("UPDATE channels SET feed_written_by = feed_written_by WHERE name = ?"), {name}));
}

Status FeedRepository::recordFeedWritten(const QString &name, const QString &format, const QString &at,
                                         const QString &user, const QString &file)
{
    return statusOf(m_db.execute(QStringLiteral("UPDATE channels SET feed_format = ?, feed_written_at = ?, "
                                                "feed_written_by = ?, feed_file = ? WHERE name = ?"),
                                 {format, at, user, file, name}));
}

// ---- Feed numbers -----------------------------------------------------------------------------------

Result<QList<FeedLocation>> FeedRepository::feedLocations(const QStringList &codes)
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT id, code, name, priority, active FROM locations "
                                             "ORDER BY priority, id")));
    QList<FeedLocation> locations;
    for (const Row &r : std::as_const(rows)) {
        FeedLocation location;
        location.id = r.value(0).toLongLong();
        location.code = r.value(1).toString();
        location.name = r.value(2).toString();
        location.priority = r.value(3).toInt();
        location.active = r.value(4).toInt() == 1;
        if (codes.isEmpty() ? location.active : codes.contains(location.code)) {
            locations << location;
        }
    }
    return locations;
}

Result<QList<FeedProduct>> FeedRepository::feedPage(const QString &afterSku, int limit)
{
    // Waiting units per product through the small partial index of waiting lines (order_lines_waiting).
    STOCKROOM_TRY(
        rows,
        m_db.select(
            QStringLiteral("SELECT p.id, p.sku, p.name, p.active, p.waiting, s.location_id, s.on_hand, "
                           "s.reserved "
                           "FROM (SELECT id, sku, name, active, "
                           " (SELECT coalesce(sum(ol.qty_backordered), 0) FROM order_lines ol "
                           "  JOIN orders o ON o.id = ol.order_id WHERE ol.product_id = x.id "
                           "  AND ol.qty_backordered > 0 AND o.status <> 'cancelled') AS waiting "
                           " FROM products x WHERE sku > ? ORDER BY sku LIMIT ?) p "
                           "LEFT JOIN stock_levels s ON s.product_id = p.id "
                           "ORDER BY p.sku, s.location_id"),
            {afterSku, limit}));
    QList<FeedProduct> products;
    for (const Row &r : std::as_const(rows)) {
        const qint64 id = r.value(0).toLongLong();
        if (products.isEmpty() || products.constLast().id != id) {
            FeedProduct product;
            product.id = id;
            product.sku = r.value(1).toString();
            product.name = r.value(2).toString();
            product.active = r.value(3).toInt() == 1;
            product.backordered = r.value(4).toInt();
            products << product;
        }
        if (!r.value(5).isNull()) {
            products.last().levels << FeedProduct::Level {r.value(5).toLongLong(), r.value(6).toInt(),
                                                          r.value(7).toInt()};
        }
    }
    return products;
}

Result<QHash<QPair<qint64, QString>, int>> FeedRepository::feedItems(const QString &channel)
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT product_id, location_code, qty FROM channel_feed_items "
                                             "WHERE channel = ?"),
                              {channel}));
    QHash<QPair<qint64, QString>, int> items;
    items.reserve(rows.size());
    for (const Row &r : std::as_const(rows)) {
        items.insert({r.value(0).toLongLong(), r.value(1).toString()}, r.value(2).toInt());
    }
    return items;
}

Status FeedRepository::clearFeedItems(const QString &channel)
{
    return statusOf(
        m_db.execute(QStringLiteral("DELETE FROM channel_feed_items WHERE channel = ?"), {channel}));
}

Status FeedRepository::insertFeedItems(const QString &channel, const QList<FeedItem> &items)
{
    // Up to 100 rows a statement: two prepared statements per feed (full batches and the rest).
    constexpr int batch = 100;
    const QString insert
        = QStringLiteral("INSERT INTO channel_feed_items (channel, product_id, location_code, qty) VALUES ");
    for (qsizetype from = 0; from < items.size(); from += batch) {
        const int rows = int(std::min<qsizetype>(batch, items.size() - from));
        Binds binds;
        binds.reserve(rows * 4);
        for (qsizetype i = from; i < from + rows; ++i) {
            const FeedItem &item = items.at(i);
            binds << channel << item.productId << item.locationCode << item.qty;
        }
        STOCKROOM_CHECK(m_db.execute(valuesFor(insert, rows, QStringLiteral("(?, ?, ?, ?)")), binds));
    }
    return {};
}

} // namespace Stockroom
