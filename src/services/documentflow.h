// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalogrepository.h"
#include "inventoryrepository.h"
#include "inventorystatus.h"
#include "servicecontext.h"
#include "stockrepository.h"

#include <QCoreApplication>

#include <algorithm>

namespace Stockroom {

/** A line of a purchase order, transfer or receipt as a person (or a file) gives it. */
struct QuantityLine
{
    QString sku; ///< or a GTIN where scanning is allowed
    int qty = 0;
    std::optional<qint64> unitCostCents; ///< purchase orders: the product's cost when not given
    int missing = 0; ///< transfer receipts: units reported missing
    QString reason; ///< why they are missing
};

/**
 * What every inventory-document use case does inside its transaction, like OrderFlow for orders: refuse
 * a stale version or an illegal step with a message, claim the row (version + who + when), write ledger
 * rows and change-log entries.
 */
class DocumentFlow
{
    Q_DECLARE_TR_FUNCTIONS(DocumentFlow)

public:
    DocumentFlow(ServiceContext &context, ChangeRecorder &changes);

    ServiceContext &context() { return m_context; }
    InventoryRepository &documents() { return m_documents; }
    CatalogRepository &catalog() { return m_catalog; }
    StockRepository &stock() { return m_stock; }
    ChangeRecorder &changes() { return m_changes; }
    const QString &now() const { return m_now; }
    const QString &user() const { return m_context.userName; }

    /** Checks the version the user saw, then claims the document (locked on PostgreSQL until commit). */
    Status claim(DocumentKind kind, qint64 id, const QString &number, int storedVersion,
                 const QString &updatedBy, const QString &updatedAt, std::optional<int> expectedVersion);

    /** Stores a new status if the document's state machine allows it; the message names the action. */
    template<typename State>
    Status move(DocumentKind kind, qint64 id, const QString &number, const QString &from, State to,
                const QString &action, std::optional<State> (*parse)(const QString &))
    {
        const std::optional<State> current = parse(from);
        if (!current || !isAllowedTransition(*current, to)) {
            return Error::business(
                DocumentFlow::tr("%1 is %2: it cannot be %3.").arg(number, words(from), action));
        }
        STOCKROOM_CHECK(m_documents.setStatus(kind, id, toString(to)));
        changed(kind, id);
        return {};
    }

    /** A ledger row and the change-log entry of its stock level. */
    Status movement(qint64 productId, qint64 locationId, int deltaOnHand, const QString &reason,
                    const QString &refType, qint64 refId, const QString &note = {});
    /** Serves waiting backorders of the product from units that just arrived at the location. */
    Status fillBackorders(qint64 productId, qint64 locationId, const QString &locationCode);

    void changed(DocumentKind kind, qint64 id);

    /** Products of the lines, each once, by SKU (or GTIN when allowGtin); a message names the unknown. */
    Result<ProductRecord> product(const QString &skuOrGtin, bool allowGtin = false);

    /**
     * The lines' products (SKU or GTIN), in product-id order: stock rows are locked in one global order
     * (product, then location) by every use case, as placement does, so two transactions never wait for
     * each other in a circle.
     */
    Result<QList<std::pair<ProductRecord, QuantityLine>>> resolve(const QList<QuantityLine> &lines);

    /** Lines of a document in the same locking order. */
    template<typename Line>
    static QList<Line> inLockOrder(QList<Line> lines)
    {
        std::stable_sort(lines.begin(), lines.end(),
                         [](const Line &a, const Line &b) { return a.productId < b.productId; });
        return lines;
    }

    static QString words(const QString &status);

private:
    ServiceContext &m_context;
    ChangeRecorder &m_changes;
    InventoryRepository m_documents;
    CatalogRepository m_catalog;
    StockRepository m_stock;
    QString m_now;
};

/** Quantities people type: 1 … 1,000,000. */
Status checkQuantity(int qty, const QString &what);

} // namespace Stockroom
