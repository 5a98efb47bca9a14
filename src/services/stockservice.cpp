// SPDX-License-Identifier: GPL-3.0-or-later
#include "stockservice.h"

#include "access.h"

#include "catalogrepository.h"
#include "orderflow.h"

#include <QCoreApplication>

namespace Stockroom {

namespace {
constexpr int MaxQuantity = 1'000'000;
} // namespace

Result<StockLevelRow> StockService::receive(const QString &sku, const QString &locationCode, int qty,
                                            const QString &note)
{
    if (qty <= 0 || qty > MaxQuantity) {
        return Error::usage(StockService::tr("A receipt needs a quantity between 1 and %1, not %2.")
                                .arg(MaxQuantity)
                                .arg(qty));
    }
    return change(sku, locationCode, qty, QStringLiteral("receipt"), note);
}

Result<StockLevelRow> StockService::adjust(const QString &sku, const QString &locationCode, int delta,
                                           const QString &note)
{
    if (delta == 0 || delta > MaxQuantity || delta < -MaxQuantity) {
        return Error::usage(
            StockService::tr("An adjustment needs a non-zero change within ±%1.").arg(MaxQuantity));
    }
    if (note.trimmed().isEmpty()) {
        return Error::usage(StockService::tr("An adjustment needs a reason."));
    }
    return change(sku, locationCode, delta, QStringLiteral("adjust"), note.trimmed());
}

Result<StockLevelRow> StockService::change(const QString &sku, const QString &locationCode, int delta,
                                           const QString &reason, const QString &note)
{
    // Receiving is a clerk's job; any other change of stock by hand (adjustment, write-off) is a manager's.
    if (reason != QLatin1String("receipt")) {
        STOCKROOM_CHECK(Access::require(m_context, Role::Manager,
                                        delta < 0 ? StockService::tr("Writing stock off")
                                                  : StockService::tr("Adjusting stock by hand")));
    }
    Database &db = m_context.db;
    return db.write<StockLevelRow>([&]() -> Result<StockLevelRow> {
        CatalogRepository catalog(db);
        StockRepository stock(db);
        ChangeRecorder changes(m_context);
        STOCKROOM_TRY(product, Known::product(catalog, sku));
        STOCKROOM_TRY(location, Known::location(catalog, locationCode));
        if (reason != QLatin1String("receipt")) {
            STOCKROOM_CHECK(
                Audit::record(m_context, QStringLiteral("stock.") + reason, QStringLiteral("stock"),
                              product.sku + QLatin1Char('@') + location.code,
                              StockService::tr("%1 × %2 at %3: %4")
                                  .arg(delta > 0 ? QStringLiteral("+%1").arg(delta) : QString::number(delta),
                                       product.sku, location.code, note)));
        }
        STOCKROOM_TRY(changed, stock.adjustOnHand(product.id, location.id, delta));
        if (!changed) {
            STOCKROOM_TRY(level, stock.level(product.id, location.id));
            return Error::business(
                StockService::tr("Not enough stock to take %1 × %2 off at %3: %4 available (%5 on hand, %6 "
                                 "reserved).")
                    .arg(-delta)
                    .arg(sku, locationCode)
                    .arg(level.available())
                    .arg(level.onHand)
                    .arg(level.reserved));
        }
        const QString now = toStoredTime(m_context.clock.now());
        Movement movement;
        movement.productId = product.id;
        movement.locationId = location.id;
        movement.deltaOnHand = delta;
        movement.reason = reason;
        movement.note = note;
        movement.userName = m_context.userName;
        movement.createdAt = now;
        STOCKROOM_CHECK(stock.appendMovement(movement));
        changes.stock(product.id, location.id);
        if (delta > 0) {
            // Arrivals serve the customers who have waited longest, in this same transaction.
            OrderFlow flow(m_context, changes);
            STOCKROOM_CHECK(BackorderFiller::fill(flow, product.id, location.id, location.code));
        }
        STOCKROOM_CHECK(changes.flush());
        return stock.level(product.id, location.id);
    });
}

} // namespace Stockroom
