// SPDX-License-Identifier: GPL-3.0-or-later
#include "servicecontext.h"

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
