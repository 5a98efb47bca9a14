// SPDX-License-Identifier: GPL-3.0-or-later
#include "productimporter.h"

#include <QElapsedTimer>
#include <QSet>

namespace Stockroom {

QList<ProductUpsert> ProductImporter::upserts(const ProductImportPlan &plan)
{
    QList<ProductUpsert> rows;
    rows.reserve(plan.products.size());
    for (const ImportedProduct &product : plan.products) {
        ProductUpsert row;
        row.line = product.line;
        row.sku = product.sku;
        row.name = product.name;
        row.gtin = product.gtin;
        row.unitCostCents = product.unitCostCents;
        row.priceCents = product.priceCents;
        row.weightGrams = product.weightGrams;
        row.active = product.active;
        row.definesProduct = product.definesProduct;
        row.stock.reserve(product.stock.size());
        for (const ImportedStock &stock : product.stock) {
            row.stock.append({stock.location, stock.onHand, stock.line});
        }
        rows << row;
    }
    return rows;
}

Result<ProductImportReport> ProductImporter::run(ServiceContext &context, const ProductImportRequest &request)
{
    ProductImportReport report;
    QElapsedTimer timer;
    timer.start();
    const ProductImportPlan plan = ProductImport::read(request.fileName, request.format);
    report.parseMilliseconds = timer.restart();
    report.format = plan.format;
    report.rowsRead = plan.rowsRead;
    report.products = int(plan.products.size());
    QSet<QString> seen;
    for (const ImportedProduct &product : plan.products) {
        for (const ImportedStock &stock : product.stock) {
            if (!stock.location.isEmpty() && !seen.contains(stock.location)) {
                seen.insert(stock.location);
                report.locations << stock.location;
            }
        }
    }
    if (!plan.ok()) {
        for (const ProductImportProblem &problem : plan.problems) {
            report.outcome.problems << problem.toString();
        }
        return report;
    }
    STOCKROOM_TRY(outcome,
                  CatalogService(context).importProducts(
                      request.fileName, ProductImport::formatName(plan.format), upserts(plan),
                      request.defaultLocation, request.locationMap, request.dryRun));
    report.outcome = outcome;
    report.applyMilliseconds = timer.elapsed();
    return report;
}

} // namespace Stockroom
