// SPDX-License-Identifier: GPL-3.0-or-later
#include "countservice.h"

#include "access.h"

#include "tracking.h"

#include <QSet>

namespace Stockroom {

QString CountService::describe(const CountScope &scope)
{
    if (!scope.cycle) {
        return CountService::tr("whole location");
    }
    QStringList parts;
    if (!scope.binPrefix.isEmpty()) {
        parts << CountService::tr("bins %1*").arg(scope.binPrefix);
    }
    if (!scope.abcClass.isNull()) {
        parts << CountService::tr("class %1").arg(scope.abcClass);
    }
    if (scope.notCountedForDays > 0) {
        parts << CountService::tr("not counted for %n days", nullptr, scope.notCountedForDays);
    }
    if (!scope.skus.isEmpty()) {
        parts << CountService::tr("%n SKUs", nullptr, int(scope.skus.size()));
    }
    return parts.join(QStringLiteral(", "));
}

Result<StockCount> CountService::start(const QString &locationCode, const CountScope &scope,
                                       const QString &note)
{
    if (scope.cycle && scope.binPrefix.isEmpty() && scope.abcClass.isNull() && scope.notCountedForDays <= 0
        && scope.skus.isEmpty()) {
        return Error::usage(
            CountService::tr("A cycle count needs a subset: bins, an ABC class, days since the last "
                             "count, or SKUs."));
    }
    if (!scope.abcClass.isNull() && !QStringLiteral("ABC").contains(scope.abcClass.toUpper())) {
        return Error::usage(CountService::tr("ABC classes are A, B and C, not %1.").arg(scope.abcClass));
    }
    Database &db = m_context.db;
    return db.write<StockCount>([&]() -> Result<StockCount> {
        ChangeRecorder changes(m_context);
        DocumentFlow flow(m_context, changes);
        STOCKROOM_TRY(location, Known::location(flow.catalog(), locationCode));
        STOCKROOM_CHECK(flow.documents().lockLocation(location.id));
        STOCKROOM_TRY(candidates, flow.documents().countCandidates(location.id));
        QHash<qint64, QChar> classes;
        if (!scope.abcClass.isNull()) {
            STOCKROOM_TRY(
                values, flow.documents().shippedValueSince(toStoredTime(m_context.clock.now().addDays(-90))));
            classes = abcClasses(values);
        }
        QSet<qint64> wanted;
        for (const QString &sku : scope.skus) {
            STOCKROOM_TRY(product, flow.product(sku, true));
            wanted.insert(product.id);
        }
        const QString countedBefore = toStoredTime(m_context.clock.now().addDays(-scope.notCountedForDays));
        QList<qint64> productIds;
        for (const Row &row : std::as_const(candidates)) {
            const qint64 productId = row.value(0).toLongLong();
            const QString bin = row.value(1).toString();
            const QString lastCounted = row.value(2).toString();
            if (scope.cycle) {
                if (!scope.binPrefix.isEmpty() && !bin.startsWith(scope.binPrefix, Qt::CaseInsensitive)) {
                    continue;
                }
                if (!scope.abcClass.isNull()
                    && classes.value(productId, QLatin1Char('C')) != scope.abcClass.toUpper()) {
                    continue;
                }
                if (scope.notCountedForDays > 0 && !lastCounted.isEmpty() && lastCounted >= countedBefore) {
                    continue;
                }
                if (!wanted.isEmpty() && !wanted.contains(productId)) {
                    continue;
                }
            }
            productIds << productId;
        }
        // Explicitly named SKUs are counted even where the location has never held them (found stock).
        for (const qint64 productId : std::as_const(wanted)) {
            if (!productIds.contains(productId)) {
                productIds << productId;
            }
        }
        if (productIds.isEmpty()) {
            return Error::business(CountService::tr("No products at %1 match this count (%2).")
                                       .arg(location.code, describe(scope)));
        }
        STOCKROOM_TRY(busy, flow.documents().skusInOtherOpenCounts(location.id, productIds));
        if (!busy.isEmpty()) {
            return Error::business(
                CountService::tr("%n product(s) are already in an unfinished count at %1: %2. "
                                 "Finish that count first.",
                                 nullptr, int(busy.size()))
                    .arg(location.code, QStringList(busy.mid(0, 5)).join(QStringLiteral(", "))));
        }
        STOCKROOM_TRY(id,
                      flow.documents().insertCount(
                          location.id, scope.cycle ? QStringLiteral("cycle") : QStringLiteral("full"),
                          describe(scope), scope.blind, note.trimmed(), flow.user(), flow.now()));
        STOCKROOM_CHECK(flow.documents().insertCountLines(id, location.id, productIds));
        flow.changed(DocumentKind::Count, id);
        STOCKROOM_CHECK(changes.flush());
        STOCKROOM_TRY(count, flow.documents().count(id));
        return *count;
    });
}

Result<StockCount> CountService::load(DocumentFlow &flow, const QString &number, bool withLines)
{
    const std::optional<qint64> id = countIdFromNumber(number);
    if (id) {
        STOCKROOM_TRY(count, flow.documents().count(*id, withLines));
        if (count) {
            return *count;
        }
    }
    return Error::business(CountService::tr("There is no stock count %1.").arg(number.trimmed()));
}

Result<CountLine> CountService::record(const QString &number, const QString &skuOrGtin, int qty, bool add)
{
    if (qty < 0 || qty > 1'000'000 || (add && qty == 0)) {
        return Error::usage(
            CountService::tr("A counted quantity is 0 to 1,000,000 (adding: at least 1), not %1.").arg(qty));
    }
    Database &db = m_context.db;
    return db.write<CountLine>([&]() -> Result<CountLine> {
        ChangeRecorder changes(m_context);
        DocumentFlow flow(m_context, changes);
        // Lock the count while it is open (a submit waits for this line), without claiming its version:
        // several counters record lines of one count at once. Its lines are read after the lock.
        const std::optional<qint64> id = countIdFromNumber(number);
        STOCKROOM_TRY(
            open, id ? flow.documents().lockOpenCount(*id, flow.now(), flow.user()) : Result<bool>(false));
        // The header and the one line scanned: a full count has thousands of lines, a scan needs one.
        STOCKROOM_TRY(count, load(flow, number, false));
        if (!open) {
            return Error::business(CountService::tr("%1 is %2: counting has ended.")
                                       .arg(count.number, DocumentFlow::words(count.status)));
        }
        const QString code = skuOrGtin.trimmed();
        const GtinCheck gtin = Gtin::validate(code);
        STOCKROOM_TRY(found,
                      flow.documents().countLine(count.id, code, gtin.valid ? gtin.normalised14 : QString()));
        if (!found) {
            return Error::business(
                CountService::tr("%1 is not on %2: count it in a count of its own, or start a "
                                 "count that includes it.")
                    .arg(code, count.number));
        }
        CountLine *line = &*found;
        STOCKROOM_TRY(level, flow.stock().level(line->productId, count.locationId));
        STOCKROOM_TRY(
            counted, flow.documents().recordCount(line->id, qty, add, level.onHand, flow.user(), flow.now()));
        line->counted = counted;
        line->bookAtCount = level.onHand;
        line->countedBy = flow.user();
        line->countedAt = flow.now();
        flow.changed(DocumentKind::Count, count.id);
        STOCKROOM_CHECK(changes.flush());
        return *line;
    });
}

Result<StockCount> CountService::change(const QString &number, std::optional<int> expectedVersion,
                                        const std::function<Status(DocumentFlow &, StockCount &)> &work)
{
    Database &db = m_context.db;
    return db.write<StockCount>([&]() -> Result<StockCount> {
        ChangeRecorder changes(m_context);
        DocumentFlow flow(m_context, changes);
        STOCKROOM_TRY(count, load(flow, number));
        STOCKROOM_CHECK(flow.claim(DocumentKind::Count, count.id, count.number, count.version,
                                   count.updatedBy, count.updatedAt, expectedVersion));
        STOCKROOM_CHECK(work(flow, count));
        STOCKROOM_CHECK(changes.flush());
        STOCKROOM_TRY(updated, flow.documents().count(count.id));
        return *updated;
    });
}

Result<StockCount> CountService::submit(const QString &number, std::optional<int> expectedVersion)
{
    return change(number, expectedVersion, [](DocumentFlow &flow, StockCount &count) -> Status {
        QStringList uncounted;
        for (const CountLine &line : std::as_const(count.lines)) {
            if (!line.counted) {
                uncounted << line.sku;
            }
        }
        if (!uncounted.isEmpty()) {
            return Error::business(
                CountService::tr("%1 has %n line(s) not counted yet: %2. Count them (0 if none "
                                 "are there) before submitting.",
                                 nullptr, int(uncounted.size()))
                    .arg(count.number, uncounted.mid(0, 5).join(QStringLiteral(", "))));
        }
        STOCKROOM_CHECK(flow.move(DocumentKind::Count, count.id, count.number, count.status,
                                  CountStatus::Submitted, CountService::tr("submitted"),
                                  &countStatusFromString));
        return flow.documents().setCountDecision(count.id, QStringLiteral("submitted_by"), flow.user(),
                                                 QStringLiteral("submitted_at"), flow.now());
    });
}

Result<StockCount> CountService::approve(const QString &number, const QString &note,
                                         std::optional<int> expectedVersion)
{
    STOCKROOM_CHECK(
        Access::require(m_context, Role::Manager, CountService::tr("Approving a count's variances")));
    return change(number, expectedVersion, [&](DocumentFlow &flow, StockCount &count) -> Status {
        STOCKROOM_CHECK(flow.move(DocumentKind::Count, count.id, count.number, count.status,
                                  CountStatus::Approved, CountService::tr("approved"),
                                  &countStatusFromString));
        STOCKROOM_TRY(location, Known::location(flow.catalog(), count.locationCode));
        QJsonObject variances;
        for (const CountLine &line : std::as_const(count.lines)) {
            if (line.variance() != 0) {
                variances.insert(line.sku, line.variance());
            }
        }
        STOCKROOM_CHECK(Audit::record(
            m_context, QStringLiteral("count.approve"), QStringLiteral("count"), count.number,
            CountService::tr("approved %1 at %2: %n line(s) adjusted", nullptr, int(variances.size()))
                .arg(count.number, count.locationCode),
            {}, variances));
        QList<qint64> counted;
        for (const CountLine &line : DocumentFlow::inLockOrder(count.lines)) {
            counted << line.productId;
            const int variance = line.variance();
            STOCKROOM_CHECK(flow.documents().setCountAdjustment(line.id, variance));
            if (variance == 0) {
                continue;
            }
            if (variance > 0) {
                STOCKROOM_CHECK(flow.stock().addOnHand(line.productId, count.locationId, variance));
            } else {
                // Guarded: never below what orders hold reserved, never below zero.
                STOCKROOM_TRY(taken, flow.stock().adjustOnHand(line.productId, count.locationId, variance));
                if (!taken) {
                    STOCKROOM_TRY(level, flow.stock().level(line.productId, count.locationId));
                    return Error::business(
                        CountService::tr(
                            "%1 cannot be approved: %2 at %3 would go from %4 to %5 on hand, but "
                            "%6 are reserved for orders. Cancel or reroute those orders, or recount.")
                            .arg(count.number, line.sku, count.locationCode)
                            .arg(level.onHand)
                            .arg(level.onHand + variance)
                            .arg(level.reserved));
                }
            }
            STOCKROOM_CHECK(flow.movement(
                line.productId, count.locationId, variance, QStringLiteral("count_adjust"),
                QStringLiteral("count"), count.id,
                CountService::tr("counted %1, book %2").arg(*line.counted).arg(*line.bookAtCount)));
            if (variance > 0) {
                STOCKROOM_CHECK(flow.fillBackorders(line.productId, count.locationId, location.code));
            }
        }
        STOCKROOM_CHECK(flow.documents().markCounted(count.locationId, counted, flow.now()));
        return flow.documents().setCountDecision(count.id, QStringLiteral("decided_by"), flow.user(),
                                                 QStringLiteral("decided_at"), flow.now(), note.trimmed());
    });
}

Result<StockCount> CountService::reject(const QString &number, const QString &note,
                                        std::optional<int> expectedVersion)
{
    if (note.trimmed().isEmpty()) {
        return Error::usage(CountService::tr("Rejecting a count needs a reason."));
    }
    STOCKROOM_CHECK(Access::require(m_context, Role::Manager, CountService::tr("Rejecting a count")));
    return change(number, expectedVersion, [&](DocumentFlow &flow, StockCount &count) -> Status {
        STOCKROOM_CHECK(Audit::record(m_context, QStringLiteral("count.reject"), QStringLiteral("count"),
                                      count.number, CountService::tr("rejected: %1").arg(note.trimmed())));
        STOCKROOM_CHECK(flow.move(DocumentKind::Count, count.id, count.number, count.status,
                                  CountStatus::Rejected, CountService::tr("rejected"),
                                  &countStatusFromString));
        return flow.documents().setCountDecision(count.id, QStringLiteral("decided_by"), flow.user(),
                                                 QStringLiteral("decided_at"), flow.now(), note.trimmed());
    });
}

Result<StockCount> CountService::reopen(const QString &number, std::optional<int> expectedVersion)
{
    return change(number, expectedVersion, [](DocumentFlow &flow, StockCount &count) -> Status {
        return flow.move(DocumentKind::Count, count.id, count.number, count.status, CountStatus::Open,
                         CountService::tr("reopened"), &countStatusFromString);
    });
}

Result<StockCount> CountService::get(const QString &number)
{
    Database &db = m_context.db;
    return db.read<StockCount>([&]() -> Result<StockCount> {
        ChangeRecorder changes(m_context);
        DocumentFlow flow(m_context, changes);
        return load(flow, number);
    });
}

} // namespace Stockroom
