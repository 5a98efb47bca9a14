// SPDX-License-Identifier: GPL-3.0-or-later
#include "servicecontext.h"

#include <QLocale>

namespace Stockroom {

Result<ProductRecord> Known::product(CatalogRepository &catalog, const QString &sku)
{
    STOCKROOM_TRY(product, catalog.productBySku(sku.trimmed()));
    if (!product) {
        return Error::business(Known::tr("Unknown SKU \"%1\".").arg(sku.trimmed()));
    }
    return *product;
}

Result<LocationRecord> Known::location(CatalogRepository &catalog, const QString &code)
{
    STOCKROOM_TRY(location, catalog.locationByCode(code.trimmed()));
    if (!location) {
        return Error::business(Known::tr("Unknown location \"%1\".").arg(code.trimmed()));
    }
    return *location;
}

Error Known::staleChange(const QString &number, const QString &updatedBy, const QString &updatedAt)
{
    return Error::stale(Known::tr("%1 was changed by %2 at %3 — reload?")
                            .arg(number, updatedBy.isEmpty() ? Known::tr("someone") : updatedBy,
                                 QLocale().toString(fromStoredTime(updatedAt).toLocalTime().time(),
                                                    QStringLiteral("HH:mm:ss"))));
}

void ChangeRecorder::add(const QString &entity, const QString &id, const QString &op)
{
    const QString key = entity + QLatin1Char('/') + id;
    if (m_seen.contains(key)) {
        return;
    }
    m_seen.insert(key);
    ChangeRecord change;
    change.entity = entity;
    change.entityId = id;
    change.op = op;
    m_entries.append(change);
}

Status ChangeRecorder::flush()
{
    STOCKROOM_CHECK(ChangeLogRepository(m_context.db).appendAll(m_entries, m_context.userName));
    m_entries.clear();
    m_seen.clear();
    return {};
}

} // namespace Stockroom
