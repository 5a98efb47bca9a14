// SPDX-License-Identifier: GPL-3.0-or-later
#include "inventoryrepository.h"

#include "catalogrepository.h"

#include "inventorystatus.h"

namespace Stockroom {

namespace {

QString tableOf(DocumentKind kind)
{
    switch (kind) {
    case DocumentKind::PurchaseOrder:
        return QStringLiteral("purchase_orders");
    case DocumentKind::Transfer:
        return QStringLiteral("transfers");
    case DocumentKind::Count:
        return QStringLiteral("stock_counts");
    }
    return {};
}

/** Time columns a service may stamp: a fixed list, so no caller's text ever becomes SQL. */
bool isStampColumn(const QString &column)
{
    static const QStringList columns {QStringLiteral("ordered_at"),   QStringLiteral("closed_at"),
                                      QStringLiteral("requested_at"), QStringLiteral("shipped_at"),
                                      QStringLiteral("received_at"),  QStringLiteral("submitted_at"),
                                      QStringLiteral("decided_at"),   QStringLiteral("submitted_by"),
                                      QStringLiteral("decided_by"),   QStringLiteral("decision_note")};
    return columns.contains(column);
}

QString text(const Row &row, int column)
{
    return row.value(column).toString();
}

std::optional<int> optionalInt(const Row &row, int column)
{
    const QVariant value = row.value(column);
    if (value.isNull() || !value.isValid()) {
        return std::nullopt;
    }
    return value.toInt();
}

/** WHERE fragment for a status filter: all, the unfinished ones, or one state. */
QString statusCondition(const QString &status, const QStringList &finished, Binds &binds)
{
    if (status.isEmpty()) {
        return QStringLiteral("1 = 1");
    }
    if (status == QLatin1String("unfinished")) {
        QStringList marks;
        for (const QString &name : finished) {
            marks << QStringLiteral("?");
            binds << name;
        }
        return QStringLiteral("d.status NOT IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    binds << status;
    return QStringLiteral("d.status = ?");
}

/** A list row: the columns after id and number are the same for every kind of document. */
DocumentSummary summaryFrom(const Row &row, const QString &number)
{
    return DocumentSummary {row.value(0).toLongLong(),
                            number,
                            text(row, 1),
                            text(row, 2),
                            text(row, 3),
                            row.value(4).toInt(),
                            row.value(5).toInt(),
                            row.value(6).toInt(),
                            row.value(7).toInt(),
                            text(row, 8),
                            text(row, 9),
                            text(row, 10)};
}

const QString countLineSelect = QStringLiteral(
    "SELECT cl.id, cl.product_id, p.sku, p.name, coalesce(p.gtin, ''), cl.bin_code, cl.expected, cl.counted, "
    "cl.book_at_count, cl.counted_by, coalesce(cl.counted_at, ''), cl.adjustment, p.avg_cost_cents "
    "FROM stock_count_lines cl JOIN products p ON p.id = cl.product_id ");

CountLine countLineFrom(const Row &line)
{
    CountLine entry;
    entry.id = line.value(0).toLongLong();
    entry.productId = line.value(1).toLongLong();
    entry.sku = text(line, 2);
    entry.productName = text(line, 3);
    entry.gtin = text(line, 4);
    entry.binCode = text(line, 5);
    entry.expected = line.value(6).toInt();
    entry.counted = optionalInt(line, 7);
    entry.bookAtCount = optionalInt(line, 8);
    entry.countedBy = text(line, 9);
    entry.countedAt = text(line, 10);
    entry.adjustment = optionalInt(line, 11);
    entry.unitCostCents = line.value(12).toLongLong();
    return entry;
}

} // namespace

QString changeEntity(DocumentKind kind)
{
    switch (kind) {
    case DocumentKind::PurchaseOrder:
        return QStringLiteral("purchase_order");
    case DocumentKind::Transfer:
        return QStringLiteral("transfer");
    case DocumentKind::Count:
        return QStringLiteral("count");
    }
    return {};
}

Result<bool> InventoryRepository::claim(DocumentKind kind, qint64 id, int version, const QString &now,
                                        const QString &user)
{
    STOCKROOM_TRY(affected,
                  m_db.execute(QStringLiteral("UPDATE %1 SET version = version + 1, updated_at = ?, "
                                              "updated_by = ? WHERE id = ? AND version = ?")
                                   .arg(tableOf(kind)),
                               {now, user, id, version}));
    return affected == 1;
}

Status InventoryRepository::setStatus(DocumentKind kind, qint64 id, const QString &status)
{
    return statusOf(m_db.execute(QStringLiteral("UPDATE %1 SET status = ? WHERE id = ?").arg(tableOf(kind)),
                                 {status, id}));
}

Status InventoryRepository::stamp(DocumentKind kind, qint64 id, const QString &column, const QString &value)
{
    if (!isStampColumn(column)) {
        return Error::database(QStringLiteral("Unknown document column %1").arg(column));
    }
    return statusOf(m_db.execute(
        QStringLiteral("UPDATE %1 SET %2 = ? WHERE id = ?").arg(tableOf(kind), column), {value, id}));
}

Result<std::optional<SupplierRecord>> InventoryRepository::supplierByName(const QString &name)
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT id, name, email, lead_time_days FROM suppliers "
                                             "WHERE lower(name) = lower(?)"),
                              {name.trimmed()}));
    if (rows.isEmpty()) {
        return std::optional<SupplierRecord> {};
    }
    const Row &row = rows.first();
    return std::optional<SupplierRecord> {
        SupplierRecord {row.value(0).toLongLong(), text(row, 1), text(row, 2), row.value(3).toInt()}};
}

Result<qint64> InventoryRepository::insertSupplier(const SupplierRecord &supplier, const QString &now)
{
    return m_db.insert(QStringLiteral("INSERT INTO suppliers (name, email, lead_time_days, created_at) "
                                      "VALUES (?, ?, ?, ?) RETURNING id"),
                       {supplier.name, supplier.email, supplier.leadTimeDays, now});
}

Result<QList<SupplierRecord>> InventoryRepository::suppliers()
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral(
                      "SELECT id, name, email, lead_time_days FROM suppliers ORDER BY name, id")));
    QList<SupplierRecord> suppliers;
    for (const Row &row : std::as_const(rows)) {
        suppliers << SupplierRecord {row.value(0).toLongLong(), text(row, 1), text(row, 2),
                                     row.value(3).toInt()};
    }
    return suppliers;
}

Result<qint64> InventoryRepository::insertPurchaseOrder(qint64 supplierId, qint64 locationId,
                                                        const QString &expectedAt, const QString &note,
                                                        const QString &user, const QString &now)
{
    return m_db.insert(QStringLiteral("INSERT INTO purchase_orders (supplier_id, location_id, expected_at, "
                                      "note, created_by, created_at, updated_by, updated_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                       {supplierId, locationId, expectedAt.isEmpty() ? QVariant() : QVariant(expectedAt),
                        note, user, now, user, now});
}

Status InventoryRepository::insertPurchaseOrderLine(qint64 purchaseOrderId, int lineNo, qint64 productId,
                                                    int qty, qint64 unitCostCents)
{
    return statusOf(
        m_db.execute(QStringLiteral("INSERT INTO purchase_order_lines (purchase_order_id, line_no, "
                                    "product_id, qty_ordered, unit_cost_cents) VALUES (?, ?, ?, ?, ?)"),
                     {purchaseOrderId, lineNo, productId, qty, unitCostCents}));
}

Status InventoryRepository::addPurchaseOrderReceived(qint64 lineId, int qty)
{
    return statusOf(m_db.execute(
        QStringLiteral("UPDATE purchase_order_lines SET qty_received = qty_received + ? WHERE id = ?"),
        {qty, lineId}));
}

Result<std::optional<PurchaseOrder>> InventoryRepository::purchaseOrder(qint64 id)
{
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT d.id, d.supplier_id, s.name, d.location_id, l.code, d.status, "
                                   "coalesce(d.expected_at, ''), d.note, d.version, d.created_by, "
                                   "d.created_at, coalesce(d.ordered_at, ''), coalesce(d.closed_at, ''), "
                                   "d.updated_by, d.updated_at FROM purchase_orders d "
                                   "JOIN suppliers s ON s.id = d.supplier_id "
                                   "JOIN locations l ON l.id = d.location_id WHERE d.id = ?"),
                    {id}));
    if (rows.isEmpty()) {
        return std::optional<PurchaseOrder> {};
    }
    const Row &row = rows.first();
    PurchaseOrder po;
    po.id = row.value(0).toLongLong();
    po.number = purchaseOrderNumber(po.id);
    po.supplierId = row.value(1).toLongLong();
    po.supplier = text(row, 2);
    po.locationId = row.value(3).toLongLong();
    po.locationCode = text(row, 4);
    po.status = text(row, 5);
    po.expectedAt = text(row, 6);
    po.note = text(row, 7);
    po.version = row.value(8).toInt();
    po.createdBy = text(row, 9);
    po.createdAt = text(row, 10);
    po.orderedAt = text(row, 11);
    po.closedAt = text(row, 12);
    po.updatedBy = text(row, 13);
    po.updatedAt = text(row, 14);
    STOCKROOM_TRY(lines,
                  m_db.select(QStringLiteral("SELECT pl.id, pl.line_no, pl.product_id, p.sku, p.name, "
                                             "pl.qty_ordered, pl.qty_received, pl.unit_cost_cents "
                                             "FROM purchase_order_lines pl "
                                             "JOIN products p ON p.id = pl.product_id "
                                             "WHERE pl.purchase_order_id = ? ORDER BY pl.line_no"),
                              {id}));
    for (const Row &line : std::as_const(lines)) {
        po.lines << PurchaseOrderLine {line.value(0).toLongLong(),
                                       line.value(1).toInt(),
                                       line.value(2).toLongLong(),
                                       text(line, 3),
                                       text(line, 4),
                                       line.value(5).toInt(),
                                       line.value(6).toInt(),
                                       line.value(7).toLongLong()};
    }
    return std::optional<PurchaseOrder> {po};
}

Result<qint64> InventoryRepository::insertTransfer(qint64 fromLocationId, qint64 toLocationId,
                                                   const QString &note, const QString &user,
                                                   const QString &now)
{
    return m_db.insert(
        QStringLiteral("INSERT INTO transfers (from_location_id, to_location_id, note, created_by, "
                       "created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {fromLocationId, toLocationId, note, user, now, user, now});
}

Status InventoryRepository::insertTransferLine(qint64 transferId, int lineNo, qint64 productId, int qty)
{
    return statusOf(
        m_db.execute(QStringLiteral("INSERT INTO transfer_lines (transfer_id, line_no, product_id, qty) "
                                    "VALUES (?, ?, ?, ?)"),
                     {transferId, lineNo, productId, qty}));
}

Status InventoryRepository::setTransferShipped(qint64 lineId, int qty)
{
    return statusOf(m_db.execute(QStringLiteral("UPDATE transfer_lines SET qty_shipped = ? WHERE id = ?"),
                                 {qty, lineId}));
}

Status InventoryRepository::addTransferArrival(qint64 lineId, int received, int missing,
                                               const QString &reason)
{
    return statusOf(m_db.execute(
        QStringLiteral(
            "UPDATE transfer_lines SET qty_received = qty_received + ?, qty_missing = qty_missing + ?, "
            "discrepancy_reason = CASE WHEN ? > 0 THEN ? ELSE discrepancy_reason END WHERE id = ?"),
        {received, missing, missing, reason, lineId}));
}

Status InventoryRepository::decideTransferMissing(qint64 lineId, bool writeOff)
{
    if (writeOff) {
        return statusOf(
            m_db.execute(QStringLiteral("UPDATE transfer_lines SET qty_written_off = qty_written_off "
                                        "+ qty_missing, qty_missing = 0 WHERE id = ?"),
                         {lineId}));
    }
    return statusOf(m_db.execute(
        QStringLiteral("UPDATE transfer_lines SET qty_missing = 0, discrepancy_reason = '' WHERE id = ?"),
        {lineId}));
}

Status InventoryRepository::setShippedBy(qint64 transferId, const QString &user)
{
    return statusOf(
        m_db.execute(QStringLiteral("UPDATE transfers SET shipped_by = ? WHERE id = ?"), {user, transferId}));
}

Result<std::optional<Transfer>> InventoryRepository::transfer(qint64 id)
{
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT d.id, d.from_location_id, f.code, d.to_location_id, t.code, "
                                   "d.status, d.note, d.version, d.created_by, d.created_at, "
                                   "coalesce(d.requested_at, ''), d.shipped_by, coalesce(d.shipped_at, ''), "
                                   "coalesce(d.received_at, ''), d.updated_by, d.updated_at "
                                   "FROM transfers d JOIN locations f ON f.id = d.from_location_id "
                                   "JOIN locations t ON t.id = d.to_location_id WHERE d.id = ?"),
                    {id}));
    if (rows.isEmpty()) {
        return std::optional<Transfer> {};
    }
    const Row &row = rows.first();
    Transfer transfer;
    transfer.id = row.value(0).toLongLong();
    transfer.number = transferNumber(transfer.id);
    transfer.fromLocationId = row.value(1).toLongLong();
    transfer.fromCode = text(row, 2);
    transfer.toLocationId = row.value(3).toLongLong();
    transfer.toCode = text(row, 4);
    transfer.status = text(row, 5);
    transfer.note = text(row, 6);
    transfer.version = row.value(7).toInt();
    transfer.createdBy = text(row, 8);
    transfer.createdAt = text(row, 9);
    transfer.requestedAt = text(row, 10);
    transfer.shippedBy = text(row, 11);
    transfer.shippedAt = text(row, 12);
    transfer.receivedAt = text(row, 13);
    transfer.updatedBy = text(row, 14);
    transfer.updatedAt = text(row, 15);
    STOCKROOM_TRY(
        lines,
        m_db.select(QStringLiteral("SELECT tl.id, tl.line_no, tl.product_id, p.sku, p.name, tl.qty, "
                                   "tl.qty_shipped, tl.qty_received, tl.qty_missing, "
                                   "tl.qty_written_off, tl.discrepancy_reason "
                                   "FROM transfer_lines tl JOIN products p ON p.id = tl.product_id "
                                   "WHERE tl.transfer_id = ? ORDER BY tl.line_no"),
                    {id}));
    for (const Row &line : std::as_const(lines)) {
        TransferLine entry;
        entry.id = line.value(0).toLongLong();
        entry.lineNo = line.value(1).toInt();
        entry.productId = line.value(2).toLongLong();
        entry.sku = text(line, 3);
        entry.productName = text(line, 4);
        entry.qty = line.value(5).toInt();
        entry.shipped = line.value(6).toInt();
        entry.received = line.value(7).toInt();
        entry.missing = line.value(8).toInt();
        entry.writtenOff = line.value(9).toInt();
        entry.discrepancyReason = text(line, 10);
        transfer.lines << entry;
    }
    return std::optional<Transfer> {transfer};
}

Result<qint64> InventoryRepository::insertCount(qint64 locationId, const QString &kind, const QString &scope,
                                                bool blind, const QString &note, const QString &user,
                                                const QString &now)
{
    return m_db.insert(
        QStringLiteral("INSERT INTO stock_counts (location_id, kind, scope, blind, note, created_by, "
                       "created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {locationId, kind, scope, blind ? 1 : 0, note, user, now, user, now});
}

Status InventoryRepository::insertCountLines(qint64 countId, qint64 locationId,
                                             const QList<qint64> &productIds)
{
    for (const qint64 productId : productIds) {
        STOCKROOM_CHECK(m_db.execute(
            QStringLiteral(
                "INSERT INTO stock_count_lines (stock_count_id, product_id, bin_code, expected) "
                "SELECT ?, p.id, coalesce(pl.bin_code, ''), coalesce(s.on_hand, 0) FROM products p "
                "LEFT JOIN stock_levels s ON s.product_id = p.id AND s.location_id = ? "
                "LEFT JOIN product_locations pl ON pl.product_id = p.id AND pl.location_id = ? "
                "WHERE p.id = ?"),
            {countId, locationId, locationId, productId}));
    }
    return {};
}

Result<int> InventoryRepository::recordCount(qint64 lineId, int qty, bool add, int bookAtCount,
                                             const QString &user, const QString &now)
{
    // Adding happens in SQL: two scans of one SKU at once both count.
    STOCKROOM_CHECK(m_db.execute(QStringLiteral("UPDATE stock_count_lines SET counted = CASE WHEN ? = 1 THEN "
                                                "coalesce(counted, 0) + ? ELSE ? END, book_at_count = ?, "
                                                "counted_by = ?, counted_at = ? WHERE id = ?"),
                                 {add ? 1 : 0, qty, qty, bookAtCount, user, now, lineId}));
    STOCKROOM_TRY(
        counted, m_db.scalar(QStringLiteral("SELECT counted FROM stock_count_lines WHERE id = ?"), {lineId}));
    return counted.toInt();
}

Status InventoryRepository::setCountAdjustment(qint64 lineId, int adjustment)
{
    return statusOf(m_db.execute(QStringLiteral("UPDATE stock_count_lines SET adjustment = ? WHERE id = ?"),
                                 {adjustment, lineId}));
}

Status InventoryRepository::setCountDecision(qint64 countId, const QString &byColumn, const QString &user,
                                             const QString &atColumn, const QString &now, const QString &note)
{
    STOCKROOM_CHECK(stamp(DocumentKind::Count, countId, byColumn, user));
    STOCKROOM_CHECK(stamp(DocumentKind::Count, countId, atColumn, now));
    if (!note.isEmpty()) {
        STOCKROOM_CHECK(stamp(DocumentKind::Count, countId, QStringLiteral("decision_note"), note));
    }
    return {};
}

Result<std::optional<StockCount>> InventoryRepository::count(qint64 id, bool withLines)
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT d.id, d.location_id, l.code, d.status, d.kind, d.scope, "
                                             "d.blind, d.note, d.version, d.created_by, d.created_at, "
                                             "d.submitted_by, coalesce(d.submitted_at, ''), d.decided_by, "
                                             "coalesce(d.decided_at, ''), d.decision_note, d.updated_by, "
                                             "d.updated_at FROM stock_counts d "
                                             "JOIN locations l ON l.id = d.location_id WHERE d.id = ?"),
                              {id}));
    if (rows.isEmpty()) {
        return std::optional<StockCount> {};
    }
    const Row &row = rows.first();
    StockCount count;
    count.id = row.value(0).toLongLong();
    count.number = countNumber(count.id);
    count.locationId = row.value(1).toLongLong();
    count.locationCode = text(row, 2);
    count.status = text(row, 3);
    count.kind = text(row, 4);
    count.scope = text(row, 5);
    count.blind = row.value(6).toInt() != 0;
    count.note = text(row, 7);
    count.version = row.value(8).toInt();
    count.createdBy = text(row, 9);
    count.createdAt = text(row, 10);
    count.submittedBy = text(row, 11);
    count.submittedAt = text(row, 12);
    count.decidedBy = text(row, 13);
    count.decidedAt = text(row, 14);
    count.decisionNote = text(row, 15);
    count.updatedBy = text(row, 16);
    count.updatedAt = text(row, 17);
    if (!withLines) {
        return std::optional<StockCount> {count};
    }
    STOCKROOM_TRY(lines,
                  m_db.select(countLineSelect
                                  + QStringLiteral("WHERE cl.stock_count_id = ? ORDER BY cl.bin_code, p.sku"),
                              {id}));
    for (const Row &line : std::as_const(lines)) {
        count.lines << countLineFrom(line);
    }
    return std::optional<StockCount> {count};
}

Result<std::optional<CountLine>> InventoryRepository::countLine(qint64 countId, const QString &sku,
                                                                const QString &gtin14)
{
    // Any case for the SKU; the barcode in any of its stored lengths (an empty gtin14 matches none).
    Binds binds {countId, sku};
    const QString none = QStringLiteral("-"); // no stored GTIN is "-"
    binds << (gtin14.isEmpty() ? Binds {none, none, none, none} : CatalogRepository::gtinForms(gtin14));
    STOCKROOM_TRY(
        rows,
        m_db.select(countLineSelect
                        + QStringLiteral("WHERE cl.stock_count_id = ? AND (lower(p.sku) = lower(?) OR "
                                         "p.gtin IN (?, ?, ?, ?)) ORDER BY cl.bin_code, p.sku LIMIT 1"),
                    binds));
    if (rows.isEmpty()) {
        return std::optional<CountLine> {};
    }
    return std::optional<CountLine> {countLineFrom(rows.first())};
}

Status InventoryRepository::lockLocation(qint64 locationId)
{
    return statusOf(
        m_db.execute(QStringLiteral("UPDATE locations SET active = active WHERE id = ?"), {locationId}));
}

Result<bool> InventoryRepository::lockOpenCount(qint64 countId, const QString &now, const QString &user)
{
    STOCKROOM_TRY(locked,
                  m_db.execute(QStringLiteral("UPDATE stock_counts SET updated_at = ?, updated_by = ? "
                                              "WHERE id = ? AND status = 'open'"),
                               {now, user, countId}));
    return locked == 1;
}

Result<QList<QString>> InventoryRepository::skusInOtherOpenCounts(qint64 locationId,
                                                                  const QList<qint64> &productIds,
                                                                  qint64 exceptCountId)
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT cl.product_id, p.sku FROM stock_count_lines cl "
                                             "JOIN stock_counts d ON d.id = cl.stock_count_id "
                                             "JOIN products p ON p.id = cl.product_id "
                                             "WHERE d.location_id = ? AND d.status IN ('open', 'submitted') "
                                             "AND d.id <> ? ORDER BY p.sku"),
                              {locationId, exceptCountId}));
    const QSet<qint64> wanted(productIds.cbegin(), productIds.cend());
    QList<QString> skus;
    for (const Row &row : std::as_const(rows)) {
        if (wanted.contains(row.value(0).toLongLong())) {
            skus << text(row, 1);
        }
    }
    return skus;
}

Status InventoryRepository::markCounted(qint64 locationId, const QList<qint64> &productIds,
                                        const QString &now)
{
    for (const qint64 productId : productIds) {
        // An upsert: two desktops creating the row at once must not fail on its key.
        STOCKROOM_CHECK(
            m_db.execute(QStringLiteral("INSERT INTO product_locations (product_id, location_id, "
                                        "last_counted_at) VALUES (?, ?, ?) ON CONFLICT (product_id, "
                                        "location_id) DO UPDATE SET last_counted_at = "
                                        "excluded.last_counted_at"),
                         {productId, locationId, now}));
    }
    return {};
}

Result<Rows> InventoryRepository::countCandidates(qint64 locationId)
{
    // Product id, bin, last counted (empty: never), on hand; active products with a level or a home here.
    return m_db.select(
        QStringLiteral("SELECT p.id, coalesce(pl.bin_code, ''), coalesce(pl.last_counted_at, ''), "
                       "coalesce(s.on_hand, 0) FROM products p "
                       "LEFT JOIN stock_levels s ON s.product_id = p.id AND s.location_id = ? "
                       "LEFT JOIN product_locations pl ON pl.product_id = p.id AND pl.location_id = ? "
                       "WHERE p.active = 1 AND (s.product_id IS NOT NULL OR pl.product_id IS NOT NULL) "
                       "ORDER BY coalesce(pl.bin_code, ''), p.sku"),
        {locationId, locationId});
}

Result<QList<QPair<qint64, qint64>>> InventoryRepository::shippedValueSince(const QString &since)
{
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT m.product_id, -sum(m.delta_on_hand) * max(p.avg_cost_cents) "
                                   "FROM stock_movements m JOIN products p ON p.id = m.product_id "
                                   "WHERE m.reason = 'ship' AND m.created_at >= ? GROUP BY m.product_id"),
                    {since}));
    QList<QPair<qint64, qint64>> values;
    for (const Row &row : std::as_const(rows)) {
        values.append({row.value(0).toLongLong(), row.value(1).toLongLong()});
    }
    return values;
}

Result<QList<DocumentSummary>> InventoryRepository::purchaseOrders(const QString &status, int limit)
{
    Binds binds;
    const QString condition
        = statusCondition(status, {QStringLiteral("received"), QStringLiteral("cancelled")}, binds);
    binds << limit;
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT d.id, d.status, s.name, l.code, "
                                   "(SELECT count(*) FROM purchase_order_lines x WHERE "
                                   "x.purchase_order_id = d.id), "
                                   "(SELECT coalesce(sum(x.qty_ordered), 0) FROM "
                                   "purchase_order_lines x WHERE x.purchase_order_id = d.id), "
                                   "(SELECT coalesce(sum(x.qty_received), 0) FROM "
                                   "purchase_order_lines x WHERE x.purchase_order_id = d.id), "
                                   "(SELECT coalesce(sum(abs(x.qty_received - x.qty_ordered)), 0) "
                                   "FROM purchase_order_lines x WHERE x.purchase_order_id = d.id "
                                   "AND (x.qty_received > x.qty_ordered OR d.status = 'received')), "
                                   "coalesce(d.expected_at, ''), d.updated_by, d.updated_at "
                                   "FROM purchase_orders d JOIN suppliers s ON s.id = d.supplier_id "
                                   "JOIN locations l ON l.id = d.location_id WHERE %1 "
                                   "ORDER BY d.id DESC LIMIT ?")
                        .arg(condition),
                    binds));
    QList<DocumentSummary> list;
    for (const Row &row : std::as_const(rows)) {
        list << summaryFrom(row, purchaseOrderNumber(row.value(0).toLongLong()));
    }
    return list;
}

Result<QList<DocumentSummary>> InventoryRepository::transfers(const QString &status, int limit)
{
    Binds binds;
    const QString condition
        = statusCondition(status, {QStringLiteral("received"), QStringLiteral("cancelled")}, binds);
    binds << limit;
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT d.id, d.status, f.code, t.code, "
                                   "(SELECT count(*) FROM transfer_lines x WHERE x.transfer_id = d.id), "
                                   "(SELECT coalesce(sum(x.qty), 0) FROM transfer_lines x WHERE "
                                   "x.transfer_id = d.id), "
                                   "(SELECT coalesce(sum(x.qty_received), 0) FROM transfer_lines x "
                                   "WHERE x.transfer_id = d.id), "
                                   "(SELECT coalesce(sum(x.qty_missing), 0) FROM transfer_lines x "
                                   "WHERE x.transfer_id = d.id), "
                                   "coalesce(d.shipped_at, d.requested_at, d.created_at), "
                                   "d.updated_by, d.updated_at FROM transfers d "
                                   "JOIN locations f ON f.id = d.from_location_id "
                                   "JOIN locations t ON t.id = d.to_location_id WHERE %1 "
                                   "ORDER BY d.id DESC LIMIT ?")
                        .arg(condition),
                    binds));
    QList<DocumentSummary> list;
    for (const Row &row : std::as_const(rows)) {
        list << summaryFrom(row, transferNumber(row.value(0).toLongLong()));
    }
    return list;
}

Result<QList<DocumentSummary>> InventoryRepository::counts(const QString &status, int limit)
{
    Binds binds;
    const QString condition
        = statusCondition(status, {QStringLiteral("approved"), QStringLiteral("rejected")}, binds);
    binds << limit;
    // Lines twice: a count's "units" are its lines (the summary's columns are the same for every kind).
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT d.id, d.status, l.code, d.scope, "
                                             "(SELECT count(*) FROM stock_count_lines x WHERE "
                                             "x.stock_count_id = d.id), "
                                             "(SELECT count(*) FROM stock_count_lines x WHERE "
                                             "x.stock_count_id = d.id), "
                                             "(SELECT count(*) FROM stock_count_lines x WHERE "
                                             "x.stock_count_id = d.id AND x.counted IS NOT NULL), "
                                             "(SELECT count(*) FROM stock_count_lines x WHERE "
                                             "x.stock_count_id = d.id AND x.counted <> x.book_at_count), "
                                             "d.created_at, d.updated_by, d.updated_at FROM stock_counts d "
                                             "JOIN locations l ON l.id = d.location_id WHERE %1 "
                                             "ORDER BY d.id DESC LIMIT ?")
                                  .arg(condition),
                              binds));
    QList<DocumentSummary> list;
    for (const Row &row : std::as_const(rows)) {
        list << summaryFrom(row, countNumber(row.value(0).toLongLong()));
    }
    return list;
}

Result<QHash<QPair<qint64, qint64>, InboundStock>> InventoryRepository::inbound()
{
    QHash<QPair<qint64, qint64>, InboundStock> inbound;
    STOCKROOM_TRY(ordered,
                  m_db.select(QStringLiteral("SELECT pl.product_id, d.location_id, "
                                             "sum(pl.qty_ordered - pl.qty_received) FROM "
                                             "purchase_order_lines pl JOIN purchase_orders d ON d.id = "
                                             "pl.purchase_order_id WHERE d.status IN ('ordered', "
                                             "'partially_received') AND pl.qty_ordered > pl.qty_received "
                                             "GROUP BY pl.product_id, d.location_id")));
    for (const Row &row : std::as_const(ordered)) {
        inbound[{row.value(0).toLongLong(), row.value(1).toLongLong()}].onOrder = row.value(2).toInt();
    }
    STOCKROOM_TRY(
        moving,
        m_db.select(QStringLiteral("SELECT tl.product_id, d.to_location_id, "
                                   "sum(tl.qty_shipped - tl.qty_received - tl.qty_written_off) "
                                   "FROM transfer_lines tl JOIN transfers d ON d.id = tl.transfer_id "
                                   "WHERE d.status = 'in_transit' AND tl.qty_shipped > "
                                   "tl.qty_received + tl.qty_written_off "
                                   "GROUP BY tl.product_id, d.to_location_id")));
    for (const Row &row : std::as_const(moving)) {
        inbound[{row.value(0).toLongLong(), row.value(1).toLongLong()}].inTransit = row.value(2).toInt();
    }
    return inbound;
}

} // namespace Stockroom
