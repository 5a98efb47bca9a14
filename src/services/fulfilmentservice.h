// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fulfilmentrepository.h"
#include "orderrepository.h"
#include "servicecontext.h"

#include <QCoreApplication>

namespace Stockroom {

/** How far packing of an order has come, line by line. */
struct PackLine
{
    QString sku;
    QString productName;
    int toPack = 0; ///< open allocated units
    int packed = 0;
};

struct PackProgress
{
    QString number;
    QString status;
    QString scannedSku; ///< what the last scan matched
    QList<PackLine> lines;
    bool complete() const
    {
        for (const PackLine &line : lines) {
            if (line.packed < line.toPack) {
                return false;
            }
        }
        return !lines.isEmpty();
    }
};

/** What a pick list of a location shows, before it becomes a PDF. */
struct PickListRows
{
    QString locationCode;
    QString locationName;
    QList<PickRow> rows;
    int orders = 0;
};

/** Everything about one order: what the detail pane and `stockroomctl order` show. */
struct OrderDetail
{
    OrderHeader header;
    QList<OrderLineRecord> lines;
    QList<AllocationRecord> allocations;
    QList<ShipmentRecord> shipments;
    QList<TrackingEventRecord> tracking;
    QList<ReturnRecord> returns;
    QHash<qint64, QList<ReturnLineRecord>> returnLines; ///< per return id
    QList<OrderEvent> history;
    FulfilmentRules rules;
};

/**
 * Payment, holds, release for picking, packing by scanning, and the rules behind them. Each call is one
 * transaction; a refusal says why in words a clerk understands.
 */
class FulfilmentService
{
    Q_DECLARE_TR_FUNCTIONS(FulfilmentService)

public:
    explicit FulfilmentService(ServiceContext &context)
        : m_context(context)
    {
    }

    // Payment: pending → authorized → paid → (partially_)refunded | voided
    Result<OrderHeader> authorize(const QString &number, std::optional<int> expectedVersion = {});
    /** Captures the payment; the amount defaults to the order total. */
    Result<OrderHeader> pay(const QString &number, std::optional<qint64> amountCents = {},
                            std::optional<int> expectedVersion = {});
    Result<OrderHeader> refund(const QString &number, qint64 amountCents, const QString &note,
                               std::optional<int> expectedVersion = {});
    Result<OrderHeader> voidPayment(const QString &number, std::optional<int> expectedVersion = {});

    // Holds and release
    Result<OrderHeader> hold(const QString &number, const QString &reason,
                             std::optional<int> expectedVersion = {});
    Result<OrderHeader> unhold(const QString &number, std::optional<int> expectedVersion = {});
    /** Lifts a hold inside the caller's transaction (the import does when the last unknown SKU is mapped). */
    static Status unholdWithin(class OrderFlow &flow, OrderHeader &order);
    /** allocated → picking, only when paid or when the channel or customer pays later. */
    Result<OrderHeader> release(const QString &number, std::optional<int> expectedVersion = {});

    // Packing
    /** One scan (a SKU or a GTIN): ticks one unit off, or refuses a wrong item or one too many. */
    Result<PackProgress> scan(const QString &number, const QString &barcode);
    /** Several scans in one transaction: all count, or none when one is wrong. */
    Result<PackProgress> scanAll(const QString &number, const QStringList &barcodes);
    Result<PackProgress> packProgress(const QString &number);

    // Rules and bins
    Status setChannelRules(const QString &channel, const FulfilmentRules &rules);
    Status setCustomerRules(const QString &customerName, const FulfilmentRules &rules);
    Status setBin(const QString &sku, const QString &locationCode, const QString &bin);

    // Reading
    Result<PickListRows> pickList(const QString &locationCode);
    Result<OrderDetail> detail(const QString &number);

private:
    /** Claims the order (with the version the user saw), runs one step on it, and records the change. */
    Result<OrderHeader>
    changeOrder(const QString &number, std::optional<int> expectedVersion,
                const std::function<Status(class OrderFlow &, const OrderHeader &)> &step);
    ServiceContext &m_context;
};

} // namespace Stockroom
