// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "servicecontext.h"
#include "stockrepository.h"

namespace Stockroom {

/** Stock arriving and stock corrected: each call is one transaction over level, ledger and change log. */
class StockService
{
    Q_DECLARE_TR_FUNCTIONS(StockService)

public:
    explicit StockService(ServiceContext &context)
        : m_context(context)
    {
    }

    /** Books qty units in at a location (a receipt). */
    Result<StockLevelRow> receive(const QString &sku, const QString &locationCode, int qty,
                                  const QString &note = {});

    /** Corrects on hand by delta (either sign) with a reason; a decrease never touches reserved units. */
    Result<StockLevelRow> adjust(const QString &sku, const QString &locationCode, int delta,
                                 const QString &note);

private:
    Result<StockLevelRow> change(const QString &sku, const QString &locationCode, int delta,
                                 const QString &reason, const QString &note);
    ServiceContext &m_context;
};

} // namespace Stockroom
