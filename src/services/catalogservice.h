// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "catalogrepository.h"
#include "servicecontext.h"

namespace Stockroom {

/** One product row of an import (the io layer reads the file formats into these). */
struct ProductUpsert
{
    int line = 0;
    QString sku;
    QString name;
    QString gtin;
    std::optional<qint64> unitCostCents;
    std::optional<qint64> priceCents;
    std::optional<int> weightGrams;
    std::optional<bool> active;
    bool definesProduct = true; ///< false: stock only, the SKU must exist (here or earlier in the file)
    struct Stock
    {
        QString location; ///< as the file names it; empty: the location chosen for the import
        int onHand = 0;
        int line = 0;
    };
    QList<Stock> stock;
};

/** What an import did (or, dry or refused, would have done). */
struct ImportOutcome
{
    qint64 importId = 0; ///< the ledger rows' reference; 0 when nothing was applied
    int productsCreated = 0;
    int productsUpdated = 0;
    int productsUnchanged = 0;
    int stockChanged = 0; ///< level rows whose on hand the file changed
    qint64 unitsIn = 0;
    qint64 unitsOut = 0;
    QStringList problems; ///< "file:line: column: why"; any problem means nothing was applied
    bool applied() const { return importId > 0; }
};

/** Products and locations, each change one transaction with its change-log row. */
class CatalogService
{
    Q_DECLARE_TR_FUNCTIONS(CatalogService)

public:
    explicit CatalogService(ServiceContext &context)
        : m_context(context)
    {
    }

    Result<qint64> addProduct(const ProductRecord &product);
    Result<qint64> addLocation(const LocationRecord &location);
    /**
     * Changes name, barcode, cost, price, weight and active of the product with that SKU. With updatedAt set
     * (the state the editor showed), a change by someone else since then is refused as stale.
     */
    Result<ProductRecord> updateProduct(const ProductRecord &product);
    Result<LocationRecord> updateLocation(const LocationRecord &location);
    /** Home bin, reorder point and reorder quantity of a product at a location; absent values stay. */
    Status setStockSettings(const QString &sku, const QString &locationCode, const std::optional<QString> &bin,
                            const std::optional<int> &reorderPoint, const std::optional<int> &reorderQty);

    /**
     * Products and opening stock from a file, all or nothing: every row is checked first (unknown SKU or
     * location, a barcode another product has, stock below what orders reserve) and any problem applies
     * nothing. New and changed products are written; the file's on-hand quantities become receipt (or,
     * downwards, adjust) ledger rows referencing the import. locationMap maps the file's location names
     * to our codes; rows without a location use defaultLocation.
     */
    Result<ImportOutcome> importProducts(const QString &fileName, const QString &kind,
                                         const QList<ProductUpsert> &rows, const QString &defaultLocation,
                                         const QHash<QString, QString> &locationMap, bool dryRun);

    /** A barcode check for people typing one: empty is fine, otherwise a valid GTIN check digit. */
    static Status checkGtin(const QString &gtin, const QString &sku);

private:
    ServiceContext &m_context;
};

} // namespace Stockroom
