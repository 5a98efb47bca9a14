// SPDX-License-Identifier: GPL-3.0-or-later
// The database thread's side of the Inventory view: the stock grid, one product with its stock settings and
// history, its ledger page by page, saving products, settings and locations through CatalogService, importing
// product and stock files, and adding suppliers.
#include "catalogservice.h"
#include "database.h"
#include "databaseworker.h"
#include "productimporter.h"
#include "purchaseservice.h"

#include <QDate>
#include <QSet>

namespace Stockroom {

void DatabaseWorker::fetchGrid(quint64 request, const StockGridFilter &filter)
{
    answer<QList<StockLevelRow>>(
        request, [&](Database &db) { return StockRepository(db).grid(filter); },
        [&](const QList<StockLevelRow> &levels) { Q_EMIT stockFetched(request, levels); });
}

void DatabaseWorker::fetchGridLevels(quint64 request, const QList<QPair<qint64, qint64>> &pairs)
{
    answer<QList<StockLevelRow>>(
        request, [&](Database &db) { return StockRepository(db).gridFor(pairs); },
        [&](const QList<StockLevelRow> &levels) { Q_EMIT levelsRefreshed(request, levels); });
}

void DatabaseWorker::fetchProduct(quint64 request, const QString &sku, int historyDays)
{
    const QString today = Clock().now().date().toString(Qt::ISODate);
    answer<ProductDetail>(
        request,
        [&](Database &db) {
            // One snapshot: the levels and the history's end point agree.
            return db.read<ProductDetail>([&]() -> Result<ProductDetail> {
                ProductDetail detail;
                CatalogRepository catalog(db);
                STOCKROOM_TRY(product, catalog.productBySku(sku.trimmed()));
                if (!product) {
                    return detail;
                }
                detail.found = true;
                detail.product = *product;
                STOCKROOM_TRY(locations, catalog.locations());
                detail.locations = locations;
                StockRepository stock(db);
                StockGridFilter filter;
                filter.productId = product->id;
                filter.sort = QStringLiteral("location");
                STOCKROOM_TRY(levels, stock.grid(filter));
                detail.levels = levels;
                STOCKROOM_TRY(history, stock.stockHistory(product->id, historyDays, today));
                detail.history = history;
                return detail;
            });
        },
        [&](const ProductDetail &detail) { Q_EMIT productFetched(request, detail); });
}

void DatabaseWorker::fetchLedger(quint64 request, qint64 productId, qint64 locationId, qint64 beforeId,
                                 int limit)
{
    answer<QList<LedgerLine>>(
        request,
        [&](Database &db) {
            // The balances above the page and the page itself from one snapshot, or a commit in between
            // would shift every "on hand after" of the page.
            return db.read<QList<LedgerLine>>([&]() -> Result<QList<LedgerLine>> {
                StockRepository stock(db);
                STOCKROOM_TRY(entries, stock.ledger(productId, locationId, beforeId, limit));
                QHash<QString, QList<qint64>> wanted;
                for (const LedgerEntry &entry : std::as_const(entries)) {
                    if (entry.refId > 0 && !wanted.value(entry.refType).contains(entry.refId)) {
                        wanted[entry.refType] << entry.refId;
                    }
                }
                STOCKROOM_TRY(shipments,
                              stock.ordersOfReferences(QStringLiteral("shipment"),
                                                       wanted.value(QStringLiteral("shipment"))));
                STOCKROOM_TRY(returns,
                              stock.ordersOfReferences(QStringLiteral("return"),
                                                       wanted.value(QStringLiteral("return"))));
                QList<LedgerLine> lines;
                lines.reserve(entries.size());
                for (const LedgerEntry &entry : std::as_const(entries)) {
                    LedgerLine line {entry, 0};
                    if (entry.refType == QLatin1String("order")) {
                        line.orderId = entry.refId;
                    } else if (entry.refType == QLatin1String("shipment")) {
                        line.orderId = shipments.value(entry.refId);
                    } else if (entry.refType == QLatin1String("return")) {
                        line.orderId = returns.value(entry.refId);
                    }
                    lines << line;
                }
                return lines;
            });
        },
        [&](const QList<LedgerLine> &lines) { Q_EMIT ledgerFetched(request, lines); });
}

void DatabaseWorker::saveProduct(quint64 request, const ProductRecord &product, bool create,
                                 const QString &user)
{
    Error problem;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), user, m_role};
        CatalogService catalog(context);
        problem = create ? catalog.addProduct(product).error() : catalog.updateProduct(product).error();
        // Only a lost connection is worth a second attempt; a refusal is the answer.
        return problem.kind == Error::Kind::Database ? problem.message : QString();
    });
    const QString message = error.isEmpty() ? problem.message : error;
    if (!message.isEmpty()) {
        Q_EMIT productSaved(request, false, message);
        return;
    }
    Q_EMIT productSaved(request, true,
                        create ? tr("Product %1 added.").arg(product.sku.trimmed())
                               : tr("Product %1 saved.").arg(product.sku));
}

void DatabaseWorker::saveStockSettings(quint64 request, const QString &sku, const QString &locationCode,
                                       const QString &bin, int reorderPoint, int reorderQty,
                                       const QString &user)
{
    Error problem;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), user, m_role};
        problem = CatalogService(context)
                      .setStockSettings(sku, locationCode, bin, reorderPoint, reorderQty)
                      .error();
        return problem.kind == Error::Kind::Database ? problem.message : QString();
    });
    const QString message = error.isEmpty() ? problem.message : error;
    Q_EMIT productSaved(request, message.isEmpty(),
                        message.isEmpty() ? tr("Stock settings of %1 at %2 saved.").arg(sku, locationCode)
                                          : message);
}

void DatabaseWorker::importProducts(quint64 request, const ProductImportRequest &import, const QString &user)
{
    ProductImportReport report;
    QSet<QString> ours;
    Error problem;
    const QString error = withDatabase([&](Database &db) {
        // Our locations first: a failed read here may be tried again, an applied import must not be.
        Result<QList<LocationRecord>> locations = CatalogRepository(db).locations();
        if (!locations) {
            return locations.error().message;
        }
        ours.clear();
        for (const LocationRecord &location : std::as_const(*locations)) {
            ours << location.code.toLower() << location.name.toLower();
        }
        ServiceContext context {db, Clock(), user, m_role};
        Result<ProductImportReport> done = ProductImporter::run(context, import);
        problem = done.error();
        if (done) {
            report = *done;
        }
        // Only a lost connection is worth a second attempt (its transaction was rolled back).
        return problem.kind == Error::Kind::Database ? problem.message : QString();
    });
    // The file's names that are none of ours (matched as the service does: code or name, any case), for the
    // clerk to map; a mapped one stays listed so that its mapping can be changed.
    QStringList unknown;
    for (const QString &name : std::as_const(report.locations)) {
        if (!ours.contains(name.toLower())) {
            unknown << name;
        }
    }
    const QString message = error.isEmpty() ? problem.message : error;
    const ImportOutcome &outcome = report.outcome;
    Q_EMIT productsImported(
        request,
        {{QStringLiteral("ok"), message.isEmpty()},
         {QStringLiteral("message"), message},
         {QStringLiteral("dryRun"), import.dryRun},
         {QStringLiteral("format"), ProductImport::formatName(report.format)},
         {QStringLiteral("rowsRead"), report.rowsRead},
         {QStringLiteral("products"), report.products},
         {QStringLiteral("created"), outcome.productsCreated},
         {QStringLiteral("updated"), outcome.productsUpdated},
         {QStringLiteral("unchanged"), outcome.productsUnchanged},
         {QStringLiteral("stockChanged"), outcome.stockChanged},
         {QStringLiteral("unitsIn"), outcome.unitsIn},
         {QStringLiteral("unitsOut"), outcome.unitsOut},
         {QStringLiteral("importId"), outcome.importId},
         {QStringLiteral("problems"), outcome.problems},
         {QStringLiteral("unknownLocations"), unknown},
         {QStringLiteral("milliseconds"), report.parseMilliseconds + report.applyMilliseconds}});
}

void DatabaseWorker::fetchLocations(quint64 request)
{
    answer<QList<LocationRecord>>(
        request, [&](Database &db) { return CatalogRepository(db).locations(); },
        [&](const QList<LocationRecord> &locations) {
            QVariantList rows;
            rows.reserve(locations.size());
            for (const LocationRecord &location : locations) {
                rows << QVariantMap {{QStringLiteral("code"), location.code},
                                     {QStringLiteral("name"), location.name},
                                     {QStringLiteral("kind"), location.kind},
                                     {QStringLiteral("priority"), location.priority},
                                     {QStringLiteral("postcode"), location.postcode},
                                     {QStringLiteral("region"), location.region},
                                     {QStringLiteral("address"), location.address},
                                     {QStringLiteral("active"), location.active}};
            }
            Q_EMIT locationsFetched(request, rows);
        });
}

void DatabaseWorker::saveLocation(quint64 request, const LocationRecord &location, bool create,
                                  const QString &user)
{
    Error problem;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), user, m_role};
        CatalogService catalog(context);
        problem = create ? catalog.addLocation(location).error() : catalog.updateLocation(location).error();
        // Only a lost connection is worth a second attempt; a refusal is the answer.
        return problem.kind == Error::Kind::Database ? problem.message : QString();
    });
    const QString message = error.isEmpty() ? problem.message : error;
    const QString code = location.code.trimmed();
    if (!message.isEmpty()) {
        Q_EMIT locationSaved(request, false, message, code);
        return;
    }
    Q_EMIT locationSaved(request, true,
                         create ? tr("Location %1 added.").arg(code) : tr("Location %1 saved.").arg(code),
                         code);
}

void DatabaseWorker::addSupplier(quint64 request, const QString &name, const QString &email, int leadTimeDays,
                                 const QString &user)
{
    Error problem;
    QString stored;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), user, m_role};
        Result<SupplierRecord> added = PurchaseService(context).addSupplier(name, email, leadTimeDays);
        problem = added.error();
        if (added) {
            stored = added->name;
        }
        return problem.kind == Error::Kind::Database ? problem.message : QString();
    });
    const QString message = error.isEmpty() ? problem.message : error;
    if (!message.isEmpty()) {
        Q_EMIT supplierAdded(request, false, message, name.trimmed());
        return;
    }
    Q_EMIT supplierAdded(request, true, tr("Supplier %1 added.").arg(stored), stored);
}

} // namespace Stockroom
