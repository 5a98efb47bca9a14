// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fulfilmentrepository.h"
#include "servicecontext.h"

#include <QCoreApplication>

namespace Stockroom {

struct ReturnLineRequest
{
    QString sku;
    int qty = 0;
    QString reason;
};

/** What happens to returned units of one SKU: back on a shelf, or written off with a reason. */
struct ReturnDisposition
{
    enum class Kind { Restock, WriteOff };
    Kind kind = Kind::Restock;
    QString sku;
    int qty = 0;
    QString locationCode; ///< restock: where to; write-off: empty means where it shipped from
    QString reason; ///< write-off: damaged, expired or lost
};

struct ReturnSummary
{
    ReturnRecord header;
    QString orderNumber;
    QList<ReturnLineRecord> lines;
    int backordersFilled = 0; ///< units that restocking allocated to waiting orders
};

/**
 * Returns (RMA): requested → received → completed (each unit restocked or written off) → refunded.
 * Returned units never exceed shipped ones (a guarded update and a CHECK constraint).
 */
class ReturnService
{
    Q_DECLARE_TR_FUNCTIONS(ReturnService)

public:
    explicit ReturnService(ServiceContext &context)
        : m_context(context)
    {
    }

    static QStringList writeOffReasons();

    Result<ReturnSummary> create(const QString &orderNumber, const QList<ReturnLineRequest> &lines,
                                 const QString &reason = {});
    /** Receives returned units and disposes of them in one transaction. */
    Result<ReturnSummary> receive(const QString &returnNumber, const QList<ReturnDisposition> &dispositions);
    /** Refunds a completed return; without an amount, the value of its lines at the prices paid. */
    Result<ReturnSummary> refund(const QString &returnNumber, std::optional<qint64> amountCents = {});
    Result<ReturnSummary> get(const QString &returnNumber);
    /** Cancels a return nothing of which has come back yet: its units can be returned again later. */
    Result<ReturnSummary> cancel(const QString &returnNumber);

private:
    ServiceContext &m_context;
};

} // namespace Stockroom
