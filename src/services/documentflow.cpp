// SPDX-License-Identifier: GPL-3.0-or-later
#include "documentflow.h"

#include "orderflow.h"
#include "tracking.h"

namespace Stockroom {

namespace {
constexpr int MaxQuantity = 1'000'000;

} // namespace

Status checkQuantity(int qty, const QString &what)
{
    if (qty <= 0 || qty > MaxQuantity) {
        return Error::usage(DocumentFlow::tr("%1 needs a quantity between 1 and %2, not %3.")
                                .arg(what)
                                .arg(MaxQuantity)
                                .arg(qty));
    }
    return {};
}

DocumentFlow::DocumentFlow(ServiceContext &context, ChangeRecorder &changes)
    : m_context(context)
    , m_changes(changes)
    , m_documents(context.db)
    , m_catalog(context.db)
    , m_stock(context.db)
    , m_now(toStoredTime(context.clock.now()))
{
}

Status DocumentFlow::claim(DocumentKind kind, qint64 id, const QString &number, int storedVersion,
                           const QString &updatedBy, const QString &updatedAt,
                           std::optional<int> expectedVersion)
{
    if (expectedVersion && *expectedVersion != storedVersion) {
        return Known::staleChange(number, updatedBy, updatedAt);
    }
    STOCKROOM_TRY(claimed, m_documents.claim(kind, id, storedVersion, m_now, m_context.userName));
    if (!claimed) {
        return Error::conflict(DocumentFlow::tr("%1 was changed meanwhile.").arg(number));
    }
    changed(kind, id);
    return {};
}

Status DocumentFlow::movement(qint64 productId, qint64 locationId, int deltaOnHand, const QString &reason,
                              const QString &refType, qint64 refId, const QString &note)
{
    m_changes.stock(productId, locationId);
    return m_stock.appendMovement(Movement {productId, locationId, deltaOnHand, 0, reason, refType, refId,
                                            note, m_context.userName, m_now});
}

Status DocumentFlow::fillBackorders(qint64 productId, qint64 locationId, const QString &locationCode)
{
    OrderFlow flow(m_context, m_changes);
    return statusOf(BackorderFiller::fill(flow, productId, locationId, locationCode));
}

void DocumentFlow::changed(DocumentKind kind, qint64 id)
{
    m_changes.add(changeEntity(kind), QString::number(id), QStringLiteral("update"));
}

Result<ProductRecord> DocumentFlow::product(const QString &skuOrGtin, bool allowGtin)
{
    STOCKROOM_TRY(bySku, m_catalog.productBySku(skuOrGtin.trimmed()));
    if (bySku) {
        return *bySku;
    }
    if (allowGtin) {
        const GtinCheck gtin = Gtin::validate(skuOrGtin.trimmed());
        if (gtin.valid) {
            STOCKROOM_TRY(byGtin, m_catalog.productByGtin(gtin.normalised14));
            if (byGtin) {
                return *byGtin;
            }
        }
    }
    return Known::product(m_catalog, skuOrGtin);
}

Result<QList<std::pair<ProductRecord, QuantityLine>>> DocumentFlow::resolve(const QList<QuantityLine> &lines)
{
    QList<std::pair<ProductRecord, QuantityLine>> resolved;
    for (const QuantityLine &line : lines) {
        STOCKROOM_TRY(found, product(line.sku, true));
        resolved.append({found, line});
    }
    std::stable_sort(resolved.begin(), resolved.end(),
                     [](const auto &a, const auto &b) { return a.first.id < b.first.id; });
    return resolved;
}

QString DocumentFlow::words(const QString &status)
{
    return QString(status).replace(QLatin1Char('_'), QLatin1Char(' '));
}

} // namespace Stockroom
