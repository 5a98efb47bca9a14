// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <optional>

namespace Stockroom {

/** The three inventory documents; each has a version, a status and a number derived from its id. */
enum class DocumentKind {
    PurchaseOrder,
    Transfer,
    Count,
};

/** The change-log entity of a kind of document: "purchase_order", "transfer", "count". */
QString changeEntity(DocumentKind kind);

struct SupplierRecord
{
    qint64 id = 0;
    QString name;
    QString email;
    int leadTimeDays = 7;
};

struct PurchaseOrderLine
{
    qint64 id = 0;
    int lineNo = 0;
    qint64 productId = 0;
    QString sku;
    QString productName;
    int ordered = 0;
    int received = 0;
    qint64 unitCostCents = 0;
    int outstanding() const { return ordered > received ? ordered - received : 0; }
    int over() const { return received > ordered ? received - ordered : 0; }
};

struct PurchaseOrder
{
    qint64 id = 0;
    QString number;
    qint64 supplierId = 0;
    QString supplier;
    qint64 locationId = 0;
    QString locationCode;
    QString status;
    QString expectedAt; ///< a date (yyyy-MM-dd) or empty
    QString note;
    int version = 0;
    QString createdBy;
    QString createdAt;
    QString orderedAt;
    QString closedAt;
    QString updatedBy;
    QString updatedAt;
    QList<PurchaseOrderLine> lines;
};

struct TransferLine
{
    qint64 id = 0;
    int lineNo = 0;
    qint64 productId = 0;
    QString sku;
    QString productName;
    int qty = 0;
    int shipped = 0;
    int received = 0;
    int missing = 0; ///< reported missing, waiting for a manager
    int writtenOff = 0;
    QString discrepancyReason;
    /** Left the source and neither arrived nor was written off (missing units included: not yet decided). */
    int inTransit() const { return shipped - received - writtenOff; }
};

struct Transfer
{
    qint64 id = 0;
    QString number;
    qint64 fromLocationId = 0;
    QString fromCode;
    qint64 toLocationId = 0;
    QString toCode;
    QString status;
    QString note;
    int version = 0;
    QString createdBy;
    QString createdAt;
    QString requestedAt;
    QString shippedBy;
    QString shippedAt;
    QString receivedAt;
    QString updatedBy;
    QString updatedAt;
    QList<TransferLine> lines;
};

struct CountLine
{
    qint64 id = 0;
    qint64 productId = 0;
    QString sku;
    QString productName;
    QString gtin;
    QString binCode;
    int expected = 0; ///< on hand when the count started
    std::optional<int> counted;
    std::optional<int> bookAtCount; ///< on hand when the line was counted
    QString countedBy;
    QString countedAt;
    std::optional<int> adjustment; ///< booked on approval
    qint64 unitCostCents = 0; ///< moving average, for the variance's value
    /** counted − on hand at that moment: what moved between the snapshot and the count is not a variance. */
    int variance() const { return counted && bookAtCount ? *counted - *bookAtCount : 0; }
};

struct StockCount
{
    qint64 id = 0;
    QString number;
    qint64 locationId = 0;
    QString locationCode;
    QString status;
    QString kind;
    QString scope;
    bool blind = true;
    QString note;
    int version = 0;
    QString createdBy;
    QString createdAt;
    QString submittedBy;
    QString submittedAt;
    QString decidedBy;
    QString decidedAt;
    QString decisionNote;
    QString updatedBy;
    QString updatedAt;
    QList<CountLine> lines;
};

/** One row of a document list (the Receiving, Transfers and Counts views). */
struct DocumentSummary
{
    qint64 id = 0;
    QString number;
    QString status;
    QString from; ///< supplier, source location, or the counted location
    QString to; ///< receiving location, destination; empty for counts
    int lines = 0;
    int units = 0; ///< ordered, sent, or counted lines
    int done = 0; ///< received, arrived, or lines counted
    int attention = 0; ///< units missing in transit, over/short on a PO, counted lines with a variance
    QString date; ///< expected date, shipping time, or start
    QString updatedBy;
    QString updatedAt;
};

/** Where a product stands at a location beyond the level: inbound units and its settings there. */
struct InboundStock
{
    int onOrder = 0;
    int inTransit = 0;
};

/** Purchase orders, transfers and stock counts: SQL only. */
class InventoryRepository
{
public:
    explicit InventoryRepository(Database &db)
        : m_db(db)
    {
    }

    /** version + 1 and who/when, if the version is still the one read; false when someone was first. */
    Result<bool> claim(DocumentKind kind, qint64 id, int version, const QString &now, const QString &user);
    Status setStatus(DocumentKind kind, qint64 id, const QString &status);
    /** Stamps a time column (ordered_at, closed_at, requested_at, …) of the document. */
    Status stamp(DocumentKind kind, qint64 id, const QString &column, const QString &value);

    // Suppliers
    Result<std::optional<SupplierRecord>> supplierByName(const QString &name);
    Result<qint64> insertSupplier(const SupplierRecord &supplier, const QString &now);
    Result<QList<SupplierRecord>> suppliers();

    // Purchase orders
    Result<qint64> insertPurchaseOrder(qint64 supplierId, qint64 locationId, const QString &expectedAt,
                                       const QString &note, const QString &user, const QString &now);
    Status insertPurchaseOrderLine(qint64 purchaseOrderId, int lineNo, qint64 productId, int qty,
                                   qint64 unitCostCents);
    Status addPurchaseOrderReceived(qint64 lineId, int qty);
    Result<std::optional<PurchaseOrder>> purchaseOrder(qint64 id);

    // Transfers
    Result<qint64> insertTransfer(qint64 fromLocationId, qint64 toLocationId, const QString &note,
                                  const QString &user, const QString &now);
    Status insertTransferLine(qint64 transferId, int lineNo, qint64 productId, int qty);
    Status setTransferShipped(qint64 lineId, int qty);
    /** Adds arrivals and newly missing units, keeping the reason given for the missing ones. */
    Status addTransferArrival(qint64 lineId, int received, int missing, const QString &reason);
    /** Missing units become written off (approved) or in transit again (rejected: still expected). */
    Status decideTransferMissing(qint64 lineId, bool writeOff);
    Status setShippedBy(qint64 transferId, const QString &user);
    Result<std::optional<Transfer>> transfer(qint64 id);

    // Counts
    Result<qint64> insertCount(qint64 locationId, const QString &kind, const QString &scope, bool blind,
                               const QString &note, const QString &user, const QString &now);
    /** Snapshots the listed products' on hand at the location as the count's expected quantities. */
    Status insertCountLines(qint64 countId, qint64 locationId, const QList<qint64> &productIds);
    /** Sets (or adds to) the counted quantity with the on-hand quantity of the moment; the new count. */
    Result<int> recordCount(qint64 lineId, int qty, bool add, int bookAtCount, const QString &user,
                            const QString &now);
    Status setCountAdjustment(qint64 lineId, int adjustment);
    Status setCountDecision(qint64 countId, const QString &byColumn, const QString &user,
                            const QString &atColumn, const QString &now, const QString &note = {});
    /** The count, with its lines in walking order (bin, then SKU) unless withLines is false. */
    Result<std::optional<StockCount>> count(qint64 id, bool withLines = true);
    /** The count's line for a SKU (any case) or a GTIN given as 14 digits (empty: SKU only). */
    Result<std::optional<CountLine>> countLine(qint64 countId, const QString &sku, const QString &gtin14);
    /**
     * Takes the location's row lock until commit (PostgreSQL; SQLite writers are serial anyway): two counts
     * started at once at one location check their products one after the other. Placements only read the
     * row, so they do not wait.
     */
    Status lockLocation(qint64 locationId);
    /** Takes the count's row lock while it is open (false when it is not open); its version stays. */
    Result<bool> lockOpenCount(qint64 countId, const QString &now, const QString &user);
    /** Products of the location in open or submitted counts other than this one (a product is counted once at a time). */
    Result<QList<QString>> skusInOtherOpenCounts(qint64 locationId, const QList<qint64> &productIds,
                                                 qint64 exceptCountId = 0);
    /** Remembers when products were last counted at a location (cycle counts pick the oldest). */
    Status markCounted(qint64 locationId, const QList<qint64> &productIds, const QString &now);

    /** Every product with a level or a home at the location, with its bin (for choosing count lines). */
    Result<Rows> countCandidates(qint64 locationId);
    /** Cost of goods shipped per product over the period, from the ledger (ABC classes). */
    Result<QList<QPair<qint64, qint64>>> shippedValueSince(const QString &since);

    /** Lists for the views, newest first; status "" means all, "unfinished" those not received, cancelled, approved or rejected. */
    Result<QList<DocumentSummary>> purchaseOrders(const QString &status, int limit);
    Result<QList<DocumentSummary>> transfers(const QString &status, int limit);
    Result<QList<DocumentSummary>> counts(const QString &status, int limit);

    /** On order and in transit per (product, location) with any; keyed product id → location id. */
    Result<QHash<QPair<qint64, qint64>, InboundStock>> inbound();

private:
    Database &m_db;
};

} // namespace Stockroom
