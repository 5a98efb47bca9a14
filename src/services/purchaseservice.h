// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "documentflow.h"

#include <QCoreApplication>

namespace Stockroom {

/**
 * Suppliers and purchase orders: draft → ordered → partially_received → received | cancelled. Receiving
 * books receipt rows at the purchase order's location, feeds the moving-average cost and fills waiting
 * backorders, all in one transaction; over- and under-deliveries stay on the lines.
 */
class PurchaseService
{
    Q_DECLARE_TR_FUNCTIONS(PurchaseService)

public:
    explicit PurchaseService(ServiceContext &context)
        : m_context(context)
    {
    }

    Result<SupplierRecord> addSupplier(const QString &name, const QString &email, int leadTimeDays);

    /** A draft; each line's cost defaults to the product's unit cost. expectedDate: yyyy-MM-dd or empty. */
    Result<PurchaseOrder> create(const QString &supplier, const QString &locationCode,
                                 const QString &expectedDate, const QList<QuantityLine> &lines,
                                 const QString &note = {});
    /** create() inside the caller's transaction (its changes flushed by the caller), e.g. with other drafts. */
    Result<PurchaseOrder> createWithin(class DocumentFlow &flow, const QString &supplier,
                                       const QString &locationCode, const QString &expectedDate,
                                       const QList<QuantityLine> &lines, const QString &note = {});
    /** Sent to the supplier: from now on its outstanding units count as on order. */
    Result<PurchaseOrder> order(const QString &number, std::optional<int> expectedVersion = std::nullopt);
    /**
     * Goods arrived: quantities per SKU (or GTIN, as scanned). More than ordered is taken and shown as an
     * over-delivery; a SKU that is not on the purchase order is refused.
     */
    Result<PurchaseOrder> receive(const QString &number, const QList<QuantityLine> &lines,
                                  const QString &note = {},
                                  std::optional<int> expectedVersion = std::nullopt);
    /** Nothing more will come: the purchase order is received with what came (the shortfall stays visible). */
    Result<PurchaseOrder> close(const QString &number, std::optional<int> expectedVersion = std::nullopt);
    Result<PurchaseOrder> cancel(const QString &number, std::optional<int> expectedVersion = std::nullopt);
    Result<PurchaseOrder> get(const QString &number);

private:
    Result<PurchaseOrder> load(DocumentFlow &flow, const QString &number);
    Result<PurchaseOrder> step(const QString &number, std::optional<int> expectedVersion,
                               PurchaseOrderStatus to, const QString &action, const QString &stampColumn);
    ServiceContext &m_context;
};

} // namespace Stockroom
