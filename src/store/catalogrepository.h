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
    qint64 averageCostCents = 0; ///< moving average over receipts with a cost
    QString updatedAt; ///< when it was last changed: an edit made on an older state is refused
    QString updatedBy;
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
    QString address;
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
    /** The four ways a GTIN (given as 14 digits) may be stored, for `gtin IN (?, ?, ?, ?)`. */
    static Binds gtinForms(const QString &gtin14);
    /** The product whose stored barcode is this GTIN (given as 14 digits) in any of its lengths. */
    Result<std::optional<ProductRecord>> productByGtin(const QString &gtin14);
    Result<std::optional<LocationRecord>> locationByCode(const QString &code);
    Result<QList<LocationRecord>> locations();
    /** Every product (imports compare a whole file against them at once). */
    Result<QList<ProductRecord>> products();
    /** Records an import; its id is the reference of the ledger rows it wrote. */
    Result<qint64> insertImport(const QString &kind, const QString &fileName, const QString &summary,
                                const QString &user, const QString &at);
    /** Writes the product; with product.updatedAt set, only if it is still the stored one (false if not). */
    Result<bool> updateProduct(const ProductRecord &product, const QString &updatedAt,
                               const QString &updatedBy);
    Status updateLocation(const LocationRecord &location);
    Status setAverageCost(qint64 productId, qint64 averageCents);
    /**
     * Takes the product's row lock until commit: receipts of one product update its moving average one
     * after the other (read on hand and average after this, then write).
     */
    Status lockProduct(qint64 productId);
    /** On hand of the product over every location. */
    Result<qint64> totalOnHand(qint64 productId);
    /** Home bin, reorder point and reorder quantity of a product at a location (created when missing). */
    Status setProductLocation(qint64 productId, qint64 locationId, const std::optional<QString> &binCode,
                              const std::optional<int> &reorderPoint, const std::optional<int> &reorderQty);
    /** Bin, reorder point and quantity as stored now ("", 0, 0 when never set), for the audit trail. */
    Result<std::tuple<QString, int, int>> productLocationSettings(qint64 productId, qint64 locationId);
    Result<qint64> insertProduct(const ProductRecord &product, const QString &createdAt);
    Result<qint64> insertLocation(const LocationRecord &location);
    Result<qint64> insertCustomer(const QString &name, const QString &region, const QString &postcode,
                                  const QString &createdAt);
    Result<std::optional<qint64>> customerByName(const QString &name);

private:
    Database &m_db;
};

} // namespace Stockroom
