// SPDX-License-Identifier: GPL-3.0-or-later
#include "channelorderrepository.h"

#include "orderstatus.h"

namespace Stockroom {

namespace {

const QString unmatchedColumns = QStringLiteral(
    "SELECT u.id, u.order_id, o.channel, coalesce(o.external_id, ''), o.status, u.line_no, u.sku, u.name, "
    "u.qty, u.unit_price_cents FROM order_unmatched_lines u JOIN orders o ON o.id = u.order_id ");

QList<UnmatchedLine> unmatchedFrom(const Rows &rows)
{
    QList<UnmatchedLine> lines;
    lines.reserve(rows.size());
    for (const Row &row : rows) {
        UnmatchedLine line;
        line.id = row.value(0).toLongLong();
        line.orderId = row.value(1).toLongLong();
        line.orderNumber = orderNumber(line.orderId);
        line.channel = row.value(2).toString();
        line.externalId = row.value(3).toString();
        line.orderStatus = row.value(4).toString();
        line.lineNo = row.value(5).toInt();
        line.sku = row.value(6).toString();
        line.name = row.value(7).toString();
        line.qty = row.value(8).toInt();
        line.unitPriceCents = row.value(9).toLongLong();
        lines << line;
    }
    return lines;
}

} // namespace

Result<std::optional<ChannelOrderRecord>> ChannelOrderRepository::find(const QString &channel,
                                                                      const QString &externalId)
{
    STOCKROOM_TRY(rows, m_db.select(QStringLiteral("SELECT id, status, payment_status, channel_state, total_cents, "
                                                   "paid_cents, refunded_cents FROM orders "
                                                   "WHERE channel = ? AND external_id = ?"),
                                    {channel, externalId}));
    if (rows.isEmpty()) {
        return std::optional<ChannelOrderRecord> {};
    }
    const Row &row = rows.first();
    return std::optional<ChannelOrderRecord> {ChannelOrderRecord {
        row.value(0).toLongLong(), row.value(1).toString(), row.value(2).toString(), row.value(3).toString(),
        row.value(4).toLongLong(), row.value(5).toLongLong(), row.value(6).toLongLong()}};
}

Status ChannelOrderRepository::setChannelState(qint64 orderId, const QString &state)
{
    return statusOf(
        m_db.execute(QStringLiteral("UPDATE orders SET channel_state = ? WHERE id = ?"), {state, orderId}));
}

Status ChannelOrderRepository::setHoldCode(qint64 orderId, const QString &code)
{
    return statusOf(m_db.execute(QStringLiteral("UPDATE orders SET hold_code = ? WHERE id = ?"), {code, orderId}));
}

Result<QString> ChannelOrderRepository::holdCode(qint64 orderId)
{
    STOCKROOM_TRY(value, m_db.scalar(QStringLiteral("SELECT hold_code FROM orders WHERE id = ?"), {orderId}));
    return value.toString();
}

QString ChannelOrderRepository::aliasKey(const QString &channel, const QString &alias)
{
    return channel + QChar(0x1f) + alias;
}

Result<QHash<QString, QString>> ChannelOrderRepository::aliasMap(const QString &channel)
{
    STOCKROOM_TRY(rows, m_db.select(QStringLiteral("SELECT a.channel, a.alias, p.sku FROM sku_aliases a "
                                                   "JOIN products p ON p.id = a.product_id "
                                                   "WHERE a.channel = ? OR a.channel = ''"),
                                    {channel}));
    QHash<QString, QString> map;
    map.reserve(rows.size());
    for (const Row &row : std::as_const(rows)) {
        map.insert(aliasKey(row.value(0).toString(), row.value(1).toString()), row.value(2).toString());
    }
    return map;
}

Result<QList<SkuAlias>> ChannelOrderRepository::aliases(const QString &channel)
{
    QString sql = QStringLiteral("SELECT a.channel, a.alias, p.sku, p.name, a.created_by, a.created_at "
                                 "FROM sku_aliases a JOIN products p ON p.id = a.product_id ");
    Binds binds;
    if (!channel.isEmpty()) {
        sql += QStringLiteral("WHERE a.channel = ? ");
        binds << channel;
    }
    sql += QStringLiteral("ORDER BY a.channel, a.alias");
    STOCKROOM_TRY(rows, m_db.select(sql, binds));
    QList<SkuAlias> aliases;
    for (const Row &row : std::as_const(rows)) {
        aliases << SkuAlias {row.value(0).toString(), row.value(1).toString(), row.value(2).toString(),
                             row.value(3).toString(), row.value(4).toString(), row.value(5).toString()};
    }
    return aliases;
}

Status ChannelOrderRepository::setAlias(const QString &channel, const QString &alias, qint64 productId,
                                        const QString &user, const QString &at)
{
    STOCKROOM_TRY(changed, m_db.execute(QStringLiteral("UPDATE sku_aliases SET product_id = ?, created_by = ?, "
                                                       "created_at = ? WHERE channel = ? AND alias = ?"),
                                        {productId, user, at, channel, alias}));
    if (changed > 0) {
        return {};
    }
    return statusOf(m_db.execute(QStringLiteral("INSERT INTO sku_aliases (channel, alias, product_id, created_by, "
                                                "created_at) VALUES (?, ?, ?, ?, ?)"),
                                 {channel, alias, productId, user, at}));
}

Result<int> ChannelOrderRepository::removeAlias(const QString &channel, const QString &alias)
{
    return m_db.execute(QStringLiteral("DELETE FROM sku_aliases WHERE channel = ? AND alias = ?"),
                        {channel, alias});
}

Result<std::optional<ChannelOrderRepository::ProductRef>> ChannelOrderRepository::product(const QString &sku)
{
    STOCKROOM_TRY(rows, m_db.select(QStringLiteral("SELECT id, sku, active FROM products WHERE sku = ?"), {sku}));
    if (rows.isEmpty()) {
        return std::optional<ProductRef> {};
    }
    return std::optional<ProductRef> {ProductRef {rows.first().value(0).toLongLong(),
                                                  rows.first().value(1).toString(),
                                                  rows.first().value(2).toInt() != 0}};
}

Result<std::optional<ChannelOrderRepository::ProductRef>>
ChannelOrderRepository::productNamed(const QStringList &names)
{
    QStringList marks;
    Binds binds;
    for (const QString &name : names) {
        marks << QStringLiteral("?");
        binds << name;
    }
    STOCKROOM_TRY(rows, m_db.select(QStringLiteral("SELECT id, sku, active FROM products WHERE name IN (%1) LIMIT 2")
                                        .arg(marks.join(QStringLiteral(", "))),
                                    binds));
    if (rows.size() != 1) {
        return std::optional<ProductRef> {};
    }
    return std::optional<ProductRef> {ProductRef {rows.first().value(0).toLongLong(), rows.first().value(1).toString(),
                                                  rows.first().value(2).toInt() != 0}};
}

Result<QList<UnmatchedLine>> ChannelOrderRepository::unmatchedLines(qint64 orderId, int limit)
{
    if (orderId > 0) {
        STOCKROOM_TRY(rows, m_db.select(unmatchedColumns + QStringLiteral("WHERE u.order_id = ? ORDER BY u.line_no"),
                                        {orderId}));
        return unmatchedFrom(rows);
    }
    STOCKROOM_TRY(rows, m_db.select(unmatchedColumns
                                        + QStringLiteral("WHERE o.status = 'on_hold' ORDER BY u.order_id, u.line_no "
                                                         "LIMIT ?"),
                                    {limit}));
    return unmatchedFrom(rows);
}

Result<QList<UnmatchedLine>> ChannelOrderRepository::unmatchedFor(const QString &channel, const QString &alias)
{
    // A line is known by its SKU, or by its name when the platform gave no SKU (Shopify products without
    // SKUs): an alias may be either.
    QString sql = unmatchedColumns
        + QStringLiteral("WHERE (u.sku = ? OR (u.sku = '' AND u.name = ?) OR u.name = ?) "
                         "AND o.status NOT IN ('cancelled', 'shipped', 'delivered') ");
    Binds binds {alias, alias, alias};
    if (!channel.isEmpty()) {
        sql += QStringLiteral("AND o.channel = ? ");
        binds << channel;
    }
    sql += QStringLiteral("ORDER BY u.order_id, u.line_no");
    STOCKROOM_TRY(rows, m_db.select(sql, binds));
    return unmatchedFrom(rows);
}

Result<int> ChannelOrderRepository::removeUnmatched(qint64 unmatchedId)
{
    return m_db.execute(QStringLiteral("DELETE FROM order_unmatched_lines WHERE id = ?"), {unmatchedId});
}

} // namespace Stockroom
