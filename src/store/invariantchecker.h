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
 * 5. an external order (channel, external_id) exists at most once;
 * and for the order's life after placement:
 * 6. refunded ≤ paid per order;
 * 7. what a return line restocked and wrote off ≤ its quantity;
 * 8. an order line's returned count = the quantities of its returns that are not cancelled;
 * 9. packed ≤ allocated per allocation;
 * 10. a delivered order has shipments and all of them are delivered;
 * 11. a shipment's state (after label_created) is backed by a tracking event of that state, and it has a
 *     delivery time exactly when it is delivered;
 * and for inventory operations:
 * 12. per transfer line, transfer_out rows = shipped, transfer_in rows = received, and shipped = received +
 *     in transit + written off (in transit ≥ 0; nothing shipped before in transit; a received transfer
 *     has nothing left in transit);
 * 13. per purchase-order line, receipt rows referencing it = received, none before it is ordered;
 * 14. an approved count's adjustments (= counted − on hand when counted) are its count_adjust rows.
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
