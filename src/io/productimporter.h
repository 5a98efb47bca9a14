// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalogservice.h"
#include "productimport.h"

#include <QCoreApplication>

namespace Stockroom {

/** What to import and how the file's locations map to ours. */
struct ProductImportRequest
{
    QString fileName;
    ProductFileFormat format = ProductFileFormat::Auto;
    QString defaultLocation; ///< for rows without a location (Shopify's products export, our products file)
    QHash<QString, QString> locationMap; ///< the file's location name → our location code
    bool dryRun = false;
};

/** The file's problems or the database's outcome, and how long each part took. */
struct ProductImportReport
{
    ProductFileFormat format = ProductFileFormat::Auto;
    int rowsRead = 0;
    int products = 0; ///< products (or stock-only SKUs) the file holds
    QStringList locations; ///< the location names the file gives, each once (the GUI maps unknown ones)
    ImportOutcome outcome; ///< outcome.problems holds the file's problems too: any of them, nothing applied
    qint64 parseMilliseconds = 0;
    qint64 applyMilliseconds = 0;
};

/**
 * A product or stock file into the database, all or nothing, for stockroomctl, the GUI and the benchmark
 * alike: parse (ProductImport), then check against the database and apply (CatalogService::importProducts).
 */
class ProductImporter
{
    Q_DECLARE_TR_FUNCTIONS(ProductImporter)

public:
    static Result<ProductImportReport> run(ServiceContext &context, const ProductImportRequest &request);
    /** The rows of a plan as the catalogue service takes them. */
    static QList<ProductUpsert> upserts(const ProductImportPlan &plan);
};

} // namespace Stockroom
