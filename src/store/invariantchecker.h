// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "database.h"

namespace Stockroom {

/**
 * Checks the invariants of DESIGN.md directly in SQL, on one snapshot:
 * 1. on_hand and reserved equal the ledger sums per product × location;
 * 2. reserved equals the open allocations;
 * 3. available = on_hand − reserved ≥ 0 (and both ≥ 0);
 * 4. per order line, shipped + cancelled + open allocations ≤ quantity, and returned ≤ shipped;
 * 5. an external order (channel, external_id) exists at most once.
 */
class InvariantChecker
{
    Q_DECLARE_TR_FUNCTIONS(InvariantChecker)

public:
    explicit InvariantChecker(Database &db)
        : m_db(db)
    {
    }

    /** One human-readable line per violation; empty when everything holds. */
    Result<QStringList> check();

private:
    Database &m_db;
};

} // namespace Stockroom
