// SPDX-License-Identifier: GPL-3.0-or-later
// The database thread's side of the Forecast view: a product's demand history and stock position, its
// available-to-promise timeline, the earliest promise, and writing reorder settings. The forecasts and the
// simulations themselves need no database and run elsewhere (ForecastController).
#include "catalogservice.h"
#include "database.h"
#include "databaseworker.h"
#include "fulfilmentrepository.h"
#include "inventoryrepository.h"
#include "planningservice.h"

#include <QDate>

namespace Stockroom {

namespace {

/** The days looked back to find what sells most. */
constexpr int TopSellerDays = 90;

/** The product a manager looks at first: most value shipped lately, else the first by SKU; empty: none. */
Result<QString> topSeller(Database &db, const QDate &today)
{
    const QString since
        = toStoredTime(QDateTime(today.addDays(-TopSellerDays), QTime(0, 0), QTimeZone::utc()));
    STOCKROOM_TRY(shipped, InventoryRepository(db).shippedValueSince(since));
    qint64 best = 0;
    qint64 bestValue = -1;
    for (const auto &[productId, value] : std::as_const(shipped)) {
        if (value > bestValue || (value == bestValue && productId < best)) {
            best = productId;
            bestValue = value;
        }
    }
    STOCKROOM_TRY(products, CatalogRepository(db).products());
    QString first;
    for (const ProductRecord &product : std::as_const(products)) {
        if (product.id == best) {
            return product.sku;
        }
        if (product.active && (first.isEmpty() || product.sku < first)) {
            first = product.sku;
        }
    }
    return first;
}

} // namespace

/**
 * Runs a read through withDatabase, which reconnects once on a failure: only the database's own errors are
 * worth that; a refusal (an unknown SKU, a location that is not active) comes back as it is.
 */
template<typename T>
Result<T> DatabaseWorker::refusedOrRead(const std::function<Result<T>(Database &)> &read)
{
    std::optional<Result<T>> outcome;
    const QString error = withDatabase([&](Database &db) {
        outcome = read(db);
        return !*outcome && outcome->error().kind == Error::Kind::Database ? outcome->error().message
                                                                           : QString();
    });
    if (!error.isEmpty()) {
        return Error {Error::Kind::Database, error};
    }
    if (!outcome) {
        return Error {Error::Kind::Database, tr("The database could not be opened.")};
    }
    return std::move(*outcome);
}

void DatabaseWorker::fetchForecastTarget(quint64 request, const QString &sku, const QString &locationCode,
                                         DemandFrequency frequency, const QDate &from)
{
    const auto read = [&](Database &db) -> Result<ForecastTarget> {
        ServiceContext context {db, Clock(), m_userName, m_role};
        PlanningService planning(context);
        const QDate today = context.clock.now().date();
        ForecastTarget target;
        QString wanted = sku.trimmed();
        if (wanted.isEmpty()) {
            STOCKROOM_TRY(top, topSeller(db, today));
            if (top.isEmpty()) {
                return target; // no product at all yet
            }
            wanted = top;
        }
        STOCKROOM_TRY(found, planning.target(wanted, locationCode));
        const ProductRecord &product = found.first;
        target.productId = product.id;
        target.sku = product.sku;
        target.productName = product.name;
        target.unitCostCents
            = product.averageCostCents > 0 ? product.averageCostCents : product.unitCostCents;
        if (found.second) {
            target.locationId = found.second->id;
            target.locationCode = found.second->code;
        }
        STOCKROOM_TRY(
            history,
            planning.demandHistory(product.id, target.locationId, frequency, from, today.addDays(1)));
        target.history = history;

        // The position as the replenishment report sees it: active locations only.
        PlanningRepository repository(db);
        STOCKROOM_TRY(active, repository.activeLocations());
        StockGridFilter filter;
        filter.productId = product.id;
        STOCKROOM_TRY(rows, StockRepository(db).grid(filter));
        QList<StockLevelRow> levels; // by priority, as backorders are served
        for (const PlanningLevel &location : std::as_const(active)) {
            for (const StockLevelRow &row : std::as_const(rows)) {
                if (row.locationId == location.locationId) {
                    levels << row;
                }
            }
        }
        for (const StockLevelRow &level : std::as_const(levels)) {
            if (target.locationId != 0 && level.locationId != target.locationId) {
                continue;
            }
            target.onHand += level.onHand;
            target.reserved += level.reserved;
            target.onOrder += level.onOrder;
            target.inTransit += level.inTransit;
            if (target.locationId != 0) {
                target.reorderPoint = level.reorderPoint;
                target.reorderQty = level.reorderQty;
            }
        }
        // A waiting backorder belongs to the first location (by priority) its rules let it ship from, as in
        // PlanningService::replenishment: there arriving stock would serve it.
        STOCKROOM_TRY(waiting, FulfilmentRepository(db).waitingBackorders(product.id));
        for (const WaitingBackorder &line : std::as_const(waiting)) {
            if (target.locationId == 0) {
                target.backordered += line.qtyBackordered;
                continue;
            }
            for (const StockLevelRow &level : std::as_const(levels)) {
                if (line.shipFrom.isEmpty() || line.shipFrom.contains(level.locationCode)) {
                    if (level.locationId == target.locationId) {
                        target.backordered += line.qtyBackordered;
                    }
                    break;
                }
            }
        }
        STOCKROOM_TRY(suppliers, repository.lastSuppliers());
        if (const auto supplier = suppliers.constFind(product.id); supplier != suppliers.cend()) {
            target.supplier = supplier->name;
            target.supplierLeadTimeDays = supplier->leadTimeDays;
        }
        return target;
    };
    const Result<ForecastTarget> target = refusedOrRead<ForecastTarget>(read);
    if (!target) {
        Q_EMIT failed(request, target.error().message);
        return;
    }
    Q_EMIT forecastTargetFetched(request, *target);
}

void DatabaseWorker::fetchAtp(quint64 request, qint64 productId, qint64 locationId, int days,
                              const ForecastBand &band)
{
    const Result<AtpTimeline> timeline = refusedOrRead<AtpTimeline>([&](Database &db) {
        ServiceContext context {db, Clock(), m_userName, m_role};
        const bool withBand = !band.forecast.mean.empty();
        return PlanningService(context).atp(productId, locationId, days, withBand,
                                            withBand ? std::optional<ForecastBand>(band) : std::nullopt);
    });
    if (!timeline) {
        Q_EMIT failed(request, timeline.error().message);
        return;
    }
    Q_EMIT atpFetched(request, *timeline);
}

void DatabaseWorker::fetchPromise(quint64 request, qint64 productId, int qty, qint64 locationId, int days)
{
    const Result<Promise> promise = refusedOrRead<Promise>([&](Database &db) {
        ServiceContext context {db, Clock(), m_userName, m_role};
        return PlanningService(context).earliestPromise(productId, qty, locationId, days);
    });
    if (!promise) {
        Q_EMIT failed(request, promise.error().message);
        return;
    }
    Q_EMIT promiseFetched(request, *promise);
}

void DatabaseWorker::saveReorderSettings(quint64 request, const QString &sku, const QString &locationCode,
                                         int reorderPoint, int reorderQty, const QString &user)
{
    Error problem;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), user, m_role};
        problem = CatalogService(context)
                      .setStockSettings(sku, locationCode, std::nullopt, reorderPoint, reorderQty)
                      .error();
        // Setting the same values twice does no harm: a lost connection is worth a second attempt.
        return problem.kind == Error::Kind::Database ? problem.message : QString();
    });
    const QString message = error.isEmpty() ? problem.message : error;
    Q_EMIT reorderSettingsSaved(request, message.isEmpty(), message);
}

} // namespace Stockroom
