// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "documentflow.h"

#include <QCoreApplication>

namespace Stockroom {

/**
 * Transfers between locations: draft → requested → in_transit (transfer_out at the source) → received
 * (transfer_in at the destination) | cancelled. Units that do not arrive are reported missing with a
 * reason and written off only when a manager approves; until then they count as in transit.
 */
class TransferService
{
    Q_DECLARE_TR_FUNCTIONS(TransferService)

public:
    explicit TransferService(ServiceContext &context)
        : m_context(context)
    {
    }

    Result<Transfer> create(const QString &fromCode, const QString &toCode, const QList<QuantityLine> &lines,
                            const QString &note = {});
    /** create() inside the caller's transaction (its changes flushed by the caller), e.g. with other drafts. */
    Result<Transfer> createWithin(class DocumentFlow &flow, const QString &fromCode, const QString &toCode,
                                  const QList<QuantityLine> &lines, const QString &note = {});
    Result<Transfer> request(const QString &number, std::optional<int> expectedVersion = std::nullopt);
    /** Every line leaves the source (only available units: reserved ones belong to orders). */
    Result<Transfer> ship(const QString &number, std::optional<int> expectedVersion = std::nullopt);
    /**
     * Units arrived (qty) or are reported missing (missing, with a reason) per SKU or GTIN. Arrivals fill
     * waiting backorders at the destination. The transfer is received once every shipped unit arrived or
     * was written off.
     */
    Result<Transfer> receive(const QString &number, const QList<QuantityLine> &lines,
                             std::optional<int> expectedVersion = std::nullopt);
    /** A manager's decision on the missing units: written off, or expected again (still in transit). */
    Result<Transfer> decideMissing(const QString &number, bool writeOff,
                                   std::optional<int> expectedVersion = std::nullopt);
    Result<Transfer> cancel(const QString &number, std::optional<int> expectedVersion = std::nullopt);
    Result<Transfer> get(const QString &number);

private:
    Result<Transfer> load(DocumentFlow &flow, const QString &number);
    Result<Transfer> change(const QString &number, std::optional<int> expectedVersion,
                            const std::function<Status(DocumentFlow &, Transfer &)> &work);
    ServiceContext &m_context;
};

} // namespace Stockroom
