// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target for product and stock files (ProductImport, ours and Shopify's): any bytes give a plan or
// problems, never a crash. Problems name a line of the input and say why, at most 1000; a plan without
// problems holds only products that the database side can take as they are (a SKU, a valid GTIN or none,
// amounts and stock that are not negative, lines of the input in file order).
#include "fuzzsupport.h"
#include "productimport.h"
#include "tracking.h"

#include <cstdint>
#include <iterator>

using namespace Stockroom;
using Stockroom::Fuzz::check;

namespace {

void readPlan(const QByteArray &bytes, ProductFileFormat format)
{
    const int lines = Fuzz::lineCount(bytes);
    const ProductImportPlan plan = ProductImport::parse(bytes, QStringLiteral("fuzz.csv"), format);
    check(plan.file == QLatin1String("fuzz.csv"), "the plan names its file");
    check(plan.problems.size() <= 1000, "at most 1000 problems");
    check(plan.rowsRead >= 0 && plan.rowsRead <= lines, "no more rows than line breaks + 1");
    for (const ProductImportProblem &problem : plan.problems) {
        check(problem.line >= 0 && problem.line <= lines,
              "a problem names a line of the input (or the file)");
        check(!problem.message.isEmpty() && problem.file == plan.file, "a problem says where and why");
    }
    if (!plan.ok()) {
        return;
    }
    check(format == ProductFileFormat::Auto || plan.format == format, "a forced format is kept");
    check(plan.format != ProductFileFormat::Auto, "a file read without problems has a format");
    check(plan.products.size() <= plan.rowsRead, "no more products than rows");
    for (const ImportedProduct &product : plan.products) {
        check(product.line >= 1 && product.line <= lines, "a product comes from a line of the input");
        check(!product.sku.trimmed().isEmpty(), "a product has a SKU");
        check(product.gtin.isEmpty() || Gtin::validate(product.gtin).valid, "a GTIN is valid or absent");
        check(!product.unitCostCents || *product.unitCostCents >= 0, "a cost is not negative");
        check(!product.priceCents || *product.priceCents >= 0, "a price is not negative");
        check(!product.weightGrams || *product.weightGrams >= 0, "a weight is not negative");
        for (const ImportedStock &stock : product.stock) {
            check(stock.onHand >= 0, "stock is not negative");
            check(stock.line >= 1 && stock.line <= lines, "stock comes from a line of the input");
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    readPlan(bytes, ProductFileFormat::Auto);
    // And one forced format, another for each length (a clerk's --format).
    static constexpr ProductFileFormat forced[]
        = {ProductFileFormat::Stockroom, ProductFileFormat::StockroomStock,
           ProductFileFormat::ShopifyProducts, ProductFileFormat::ShopifyInventory};
    readPlan(bytes, forced[size % std::size(forced)]);
    return 0;
}
