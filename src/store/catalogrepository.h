// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"
#include "routing.h"

#include <optional>

namespace Stockroom {

struct ProductRecord
{
    qint64 id = 0;
    QString sku;
    QString name;
    QString gtin;
    qint64 unitCostCents = 0;
    qint64 priceCents = 0;
    int weightGrams = 0;
    bool active = true;
};

struct LocationRecord
{
    qint64 id = 0;
    QString code;
    QString name;
    QString kind = QStringLiteral("warehouse");
    int priority = 100;
    QString postcode;
    QString region;
    bool active = true;
};

/** Products and locations: SQL only. */
class CatalogRepository
{
public:
    explicit CatalogRepository(Database &db)
        : m_db(db)
    {
    }

    Result<std::optional<ProductRecord>> productBySku(const QString &sku);
    Result<std::optional<LocationRecord>> locationByCode(const QString &code);
    Result<qint64> insertProduct(const ProductRecord &product, const QString &createdAt);
    Result<qint64> insertLocation(const LocationRecord &location);
    Result<qint64> insertCustomer(const QString &name, const QString &region, const QString &postcode,
                                  const QString &createdAt);
    Result<std::optional<qint64>> customerByName(const QString &name);

private:
    Database &m_db;
};

} // namespace Stockroom
