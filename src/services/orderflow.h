// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fulfilmentrepository.h"
#include "orderrepository.h"
#include "orderstatus.h"
#include "servicecontext.h"
#include "stockrepository.h"

#include <QCoreApplication>
#include <QSet>

namespace Stockroom {

/**
 * What every order use case does inside its transaction: find the order, refuse a stale or illegal step
 * with a message, claim the row (version + who + when), write the ledger row, the history line and the
 * change-log entry. The services compose these; none of them opens a transaction itself.
 */
class OrderFlow
{
    Q_DECLARE_TR_FUNCTIONS(OrderFlow)

public:
    OrderFlow(ServiceContext &context, ChangeRecorder &changes);

    Database &db() { return m_context.db; }
    OrderRepository &orders() { return m_orders; }
    FulfilmentRepository &fulfilment() { return m_fulfilment; }
    StockRepository &stock() { return m_stock; }
    const QString &now() const { return m_now; }
    const QString &user() const { return m_context.userName; }

    /** The order behind "SO-000042", "so-42" or "42"; a business error names what was asked for. */
    Result<OrderHeader> load(const QString &number);
    /** Refuses an action chosen on an older version than the stored one: "changed by NAME at TIME". */
    static Status checkVersion(const OrderHeader &order, std::optional<int> expectedVersion);
    /** load + checkVersion + claim: the order is ours until commit (locked on PostgreSQL). */
    Result<OrderHeader> claim(const QString &number, std::optional<int> expectedVersion);
    /** Refuses an illegal state change with "SO-… is picking: it cannot be …". */
    static Status checkTransition(const OrderHeader &order, OrderStatus to, const QString &action);
    /** Stores a status the state machine allows (checked again here, so nothing illegal is ever written). */
    Status moveTo(const OrderHeader &order, OrderStatus to, const QString &action);

    Status event(qint64 orderId, const QString &kind, const QString &detail, qint64 amountCents = 0);
    /**
     * A shipped order whose every parcel has arrived becomes delivered (with its history line); true when
     * it did. Tracking events and cancelling the unshipped rest both lead here.
     */
    Result<bool> deliverIfEveryParcelArrived(OrderHeader &order);
    Status movement(qint64 productId, qint64 locationId, int deltaOnHand, int deltaReserved,
                    const QString &reason, const QString &refType, qint64 refId, const QString &note = {});
    void changedOrder(qint64 orderId) { m_changes.order(orderId); }
    void changedStock(qint64 productId, qint64 locationId) { m_changes.stock(productId, locationId); }
    ChangeRecorder &changes() { return m_changes; }

    // Bulk work (an import places thousands of orders in one transaction)
    /**
     * From now on, placement reads a product's stock once and keeps it, taking off what it reserves; the
     * guarded reservation stays the truth (a unit someone else took meanwhile is re-routed). Call
     * forgetStock() after anything else moved stock in this transaction.
     */
    void keepStock(bool keep)
    {
        m_keepStock = keep;
        forgetStock();
    }
    void forgetStock()
    {
        m_keptStock.clear();
        m_keptIds.clear();
    }
    Result<std::optional<ProductStock>> productStock(const QString &sku);
    void reserved(qint64 productId, qint64 locationId, int qty);
    /**
     * Bulk writing (an import): each stock level touched enters the change log once for the whole flow
     * instead of once per flush of the recorder; on SQLite, order lines, allocations and ledger rows are
     * gathered and written in batches (OrderRepository/StockRepository::setBulk). flushRows() writes them,
     * and must come before anything reads those tables or writes them another way (the order search text,
     * the update of a known order); deferRows(false) flushes too.
     */
    Status deferRows(bool defer);
    Status flushRows();
    /** Orders' search text is refreshed in bulk at flushSearch() instead of one order at a time. */
    void deferSearch(bool defer) { m_deferSearch = defer; }
    Status refreshSearch(qint64 orderId);
    Status flushSearch();

    /** A human name of a state for messages: "partially shipped". */
    static QString words(const QString &status);
    static QString money(qint64 cents);

private:
    ServiceContext &m_context;
    ChangeRecorder &m_changes;
    OrderRepository m_orders;
    FulfilmentRepository m_fulfilment;
    StockRepository m_stock;
    QString m_now;
    bool m_keepStock = false;
    QHash<qint64, ProductStock> m_keptStock; ///< by product id
    QHash<QString, qint64> m_keptIds; ///< SKU → product id of what is kept
    bool m_deferSearch = false;
    QList<qint64> m_searchPending;
    bool m_deferRows = false;
    /// Levels in the change log already while deferring rows (bounded by the catalogue, not the file).
    QSet<QPair<qint64, qint64>> m_stockRecorded;
};

/**
 * Stock arrived at a location (receipt, transfer in, restocked return, count up): waiting backorders of
 * the product are allocated first come, first served, in the caller's transaction.
 */
class BackorderFiller
{
    Q_DECLARE_TR_FUNCTIONS(BackorderFiller)

public:
    /** Returns the units allocated. */
    static Result<int> fill(OrderFlow &flow, qint64 productId, qint64 locationId,
                            const QString &locationCode);
};

} // namespace Stockroom
