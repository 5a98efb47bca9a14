// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fileproblem.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace Stockroom {

/** A rejected row or cell of a product or stock file (the name older code and tests use). */
using ProductImportProblem = FileProblem;

/** Units on hand at one location, as a file gives them. */
struct ImportedStock
{
    QString
        location; ///< the location's name or code as the file gives it; empty: the location the user picks
    int onHand = 0; ///< never negative
    int line = 0;
};

/** One product (a Shopify variant is one product) or, for stock-only files, the stock of one SKU. */
struct ImportedProduct
{
    int line = 0; ///< the line of the row that defines it (the first row of a SKU in stock-only files)
    QString sku;
    QString name; ///< empty for stock-only files
    QString gtin; ///< the digits as given, empty when none; valid (Gtin::validate)
    std::optional<qint64> unitCostCents; ///< nullopt: the file does not say (no column, or an empty cell)
    std::optional<qint64> priceCents;
    std::optional<int> weightGrams;
    std::optional<bool> active;
    /** False for stock-only files (Stockroom stock format, Shopify inventory): the SKU must already exist. */
    bool definesProduct = true;
    QList<ImportedStock> stock; ///< opening stock (product files) or counted stock (stock files)
};

enum class ProductFileFormat {
    Auto, ///< detected from the header line
    Stockroom, ///< our products file: sku,name,gtin,unit_cost,price,weight_grams,active[,on_hand,location]
    StockroomStock, ///< our stock file: sku,location,on_hand (also what the stock export writes)
    ShopifyProducts, ///< Shopify's products export, one row per variant (2023 or 2025 column names)
    ShopifyInventory, ///< Shopify's inventory export, one row per variant and location
};

/** What a file holds, checked row by row; nothing is applied unless problems is empty. */
struct ProductImportPlan
{
    QString file; ///< as given
    ProductFileFormat format = ProductFileFormat::Auto; ///< the one detected or forced; Auto when none fits
    QList<ImportedProduct> products;
    QList<ProductImportProblem> problems; ///< at most 1000, the last then says how many more there are
    int rowsRead = 0; ///< data records seen (the header and blank lines not counted)

    bool ok() const { return problems.isEmpty(); }
};

/**
 * Reads product and stock files (CSV, UTF-8 with or without a byte order mark) into a plan for the
 * database side, without touching a database. Columns are found by their header, in any order and any
 * case; every row is checked and every problem is reported (file, line, column, why), so that a clerk can
 * fix a file in one go. What a file cannot say by itself (whether a SKU or a location exists) is left to
 * the caller.
 *
 * Our own formats are strict: a column we do not know is a problem (a misspelt "prcie" must not quietly
 * import no prices). Shopify's exports carry dozens of columns we have no use for; those are ignored.
 *
 * Shopify's exports often have no SKUs. Then one is made from the handle and the option values,
 * lowercased, with each run of other characters than letters and digits turned into "-"
 * ("otti-combat-boot" with Milky and 38 → "otti-combat-boot-milky-38"; a product whose only option is
 * "Default Title" gets the handle), the same way for the products and the inventory export, so that the
 * two files name the same variant alike.
 */
class ProductImport
{
    Q_DECLARE_TR_FUNCTIONS(ProductImport)

public:
    static ProductImportPlan read(const QString &fileName,
                                  ProductFileFormat format = ProductFileFormat::Auto);
    static ProductImportPlan parse(const QByteArray &utf8, const QString &fileName,
                                   ProductFileFormat format = ProductFileFormat::Auto);

    /** "auto", "stockroom", "stockroom-stock", "shopify-products", "shopify-inventory" (for --format). */
    static QString formatName(ProductFileFormat format);
    static std::optional<ProductFileFormat> formatFromName(const QString &name);

    /** "sku,name,gtin,unit_cost,price,weight_grams,active": the documented header, for messages and docs. */
    static QString stockroomProductsHeader();
    /** "sku,location,on_hand" */
    static QString stockroomStockHeader();

    /** The SKU made for a Shopify variant without one (see above); public for tests and the database side. */
    static QString derivedShopifySku(const QString &handle, const QStringList &optionValues);
};

} // namespace Stockroom
