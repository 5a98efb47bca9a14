// SPDX-License-Identifier: GPL-3.0-or-later
#include "transferservice.h"

#include "access.h"

#include <QSet>

namespace Stockroom {

Result<Transfer> TransferService::create(const QString &fromCode, const QString &toCode,
                                         const QList<QuantityLine> &lines, const QString &note)
{
    Database &db = m_context.db;
    return db.write<Transfer>([&]() -> Result<Transfer> {
        ChangeRecorder changes(m_context);
        DocumentFlow flow(m_context, changes);
        STOCKROOM_TRY(transfer, createWithin(flow, fromCode, toCode, lines, note));
        STOCKROOM_CHECK(changes.flush());
        return transfer;
    });
}

Result<Transfer> TransferService::createWithin(DocumentFlow &flow, const QString &fromCode,
                                               const QString &toCode, const QList<QuantityLine> &lines,
                                               const QString &note)
{
    if (lines.isEmpty()) {
        return Error::usage(TransferService::tr("A transfer needs at least one line."));
    }
    for (const QuantityLine &line : lines) {
        STOCKROOM_CHECK(checkQuantity(line.qty, TransferService::tr("Line %1").arg(line.sku)));
    }
    STOCKROOM_TRY(from, Known::location(flow.catalog(), fromCode));
    STOCKROOM_TRY(to, Known::location(flow.catalog(), toCode));
    if (from.id == to.id) {
        return Error::usage(TransferService::tr("A transfer goes between two different locations."));
    }
    STOCKROOM_TRY(id,
                  flow.documents().insertTransfer(from.id, to.id, note.trimmed(), flow.user(), flow.now()));
    QSet<qint64> seen;
    int lineNo = 0;
    for (const QuantityLine &line : lines) {
        STOCKROOM_TRY(product, flow.product(line.sku, true));
        if (seen.contains(product.id)) {
            return Error::usage(
                TransferService::tr("%1 is on the transfer twice: give it once with the whole quantity.")
                    .arg(product.sku));
        }
        seen.insert(product.id);
        STOCKROOM_CHECK(flow.documents().insertTransferLine(id, ++lineNo, product.id, line.qty));
    }
    flow.changed(DocumentKind::Transfer, id);
    STOCKROOM_TRY(transfer, flow.documents().transfer(id));
    return *transfer;
}

Result<Transfer> TransferService::load(DocumentFlow &flow, const QString &number)
{
    const std::optional<qint64> id = transferIdFromNumber(number);
    if (id) {
        STOCKROOM_TRY(transfer, flow.documents().transfer(*id));
        if (transfer) {
            return *transfer;
        }
    }
    return Error::business(TransferService::tr("There is no transfer %1.").arg(number.trimmed()));
}

Result<Transfer> TransferService::change(const QString &number, std::optional<int> expectedVersion,
                                         const std::function<Status(DocumentFlow &, Transfer &)> &work)
{
    Database &db = m_context.db;
    return db.write<Transfer>([&]() -> Result<Transfer> {
        ChangeRecorder changes(m_context);
        DocumentFlow flow(m_context, changes);
        STOCKROOM_TRY(transfer, load(flow, number));
        STOCKROOM_CHECK(flow.claim(DocumentKind::Transfer, transfer.id, transfer.number, transfer.version,
                                   transfer.updatedBy, transfer.updatedAt, expectedVersion));
        STOCKROOM_CHECK(work(flow, transfer));
        STOCKROOM_CHECK(changes.flush());
        STOCKROOM_TRY(updated, flow.documents().transfer(transfer.id));
        return *updated;
    });
}

Result<Transfer> TransferService::request(const QString &number, std::optional<int> expectedVersion)
{
    return change(number, expectedVersion, [](DocumentFlow &flow, Transfer &transfer) -> Status {
        STOCKROOM_CHECK(flow.move(DocumentKind::Transfer, transfer.id, transfer.number, transfer.status,
                                  TransferStatus::Requested, TransferService::tr("requested"),
                                  &transferStatusFromString));
        return flow.documents().stamp(DocumentKind::Transfer, transfer.id, QStringLiteral("requested_at"),
                                      flow.now());
    });
}

Result<Transfer> TransferService::cancel(const QString &number, std::optional<int> expectedVersion)
{
    return change(number, expectedVersion, [](DocumentFlow &flow, Transfer &transfer) -> Status {
        return flow.move(DocumentKind::Transfer, transfer.id, transfer.number, transfer.status,
                         TransferStatus::Cancelled, TransferService::tr("cancelled"),
                         &transferStatusFromString);
    });
}

Result<Transfer> TransferService::ship(const QString &number, std::optional<int> expectedVersion)
{
    return change(number, expectedVersion, [](DocumentFlow &flow, Transfer &transfer) -> Status {
        STOCKROOM_CHECK(flow.move(DocumentKind::Transfer, transfer.id, transfer.number, transfer.status,
                                  TransferStatus::InTransit, TransferService::tr("shipped"),
                                  &transferStatusFromString));
        // The destination shows the units in transit (a level row of 0 where it never had any). Level rows are
        // locked in one global (product, location) order, like everywhere else: per product, the lower
        // location id first.
        const bool destinationFirst = transfer.toLocationId < transfer.fromLocationId;
        for (const TransferLine &line : DocumentFlow::inLockOrder(transfer.lines)) {
            if (destinationFirst) {
                STOCKROOM_CHECK(flow.stock().addOnHand(line.productId, transfer.toLocationId, 0));
            }
            // Guarded: only units nobody reserved leave; the whole transfer or nothing.
            STOCKROOM_TRY(taken,
                          flow.stock().adjustOnHand(line.productId, transfer.fromLocationId, -line.qty));
            if (!taken) {
                STOCKROOM_TRY(level, flow.stock().level(line.productId, transfer.fromLocationId));
                return Error::business(TransferService::tr("%1 cannot leave %2: %3 × %4 wanted, %5 available "
                                                           "(%6 on hand, %7 reserved for orders).")
                                           .arg(transfer.number, transfer.fromCode)
                                           .arg(line.qty)
                                           .arg(line.sku)
                                           .arg(level.available())
                                           .arg(level.onHand)
                                           .arg(level.reserved));
            }
            STOCKROOM_CHECK(flow.movement(line.productId, transfer.fromLocationId, -line.qty,
                                          QStringLiteral("transfer_out"), QStringLiteral("transfer"),
                                          transfer.id, TransferService::tr("to %1").arg(transfer.toCode)));
            STOCKROOM_CHECK(flow.documents().setTransferShipped(line.id, line.qty));
            if (!destinationFirst) {
                STOCKROOM_CHECK(flow.stock().addOnHand(line.productId, transfer.toLocationId, 0));
            }
            flow.changes().stock(line.productId, transfer.toLocationId);
        }
        STOCKROOM_CHECK(flow.documents().setShippedBy(transfer.id, flow.user()));
        return flow.documents().stamp(DocumentKind::Transfer, transfer.id, QStringLiteral("shipped_at"),
                                      flow.now());
    });
}

namespace {

/** Received once every shipped unit arrived or was written off. */
Status finishIfAccounted(DocumentFlow &flow, const Transfer &transfer, const QList<TransferLine> &lines)
{
    for (const TransferLine &line : lines) {
        if (line.received + line.writtenOff < line.shipped) {
            return {};
        }
    }
    STOCKROOM_CHECK(flow.move(DocumentKind::Transfer, transfer.id, transfer.number, transfer.status,
                              TransferStatus::Received, TransferService::tr("received"),
                              &transferStatusFromString));
    return flow.documents().stamp(DocumentKind::Transfer, transfer.id, QStringLiteral("received_at"),
                                  flow.now());
}

} // namespace

Result<Transfer> TransferService::receive(const QString &number, const QList<QuantityLine> &lines,
                                          std::optional<int> expectedVersion)
{
    if (lines.isEmpty()) {
        return Error::usage(TransferService::tr("Nothing to receive: give at least one SKU and quantity."));
    }
    for (const QuantityLine &line : lines) {
        if (line.qty < 0 || line.missing < 0 || line.qty + line.missing <= 0
            || line.qty + line.missing > 1'000'000) {
            return Error::usage(
                TransferService::tr("Receiving %1 needs a quantity arrived or missing above 0.")
                    .arg(line.sku));
        }
        if (line.missing > 0 && line.reason.trimmed().isEmpty()) {
            return Error::usage(TransferService::tr("Missing units of %1 need a reason (damaged, lost, short "
                                                    "shipped, …).")
                                    .arg(line.sku));
        }
    }
    return change(number, expectedVersion, [&](DocumentFlow &flow, Transfer &transfer) -> Status {
        if (transfer.status != toString(TransferStatus::InTransit)) {
            return Error::business(
                TransferService::tr("%1 is %2: only a transfer in transit can be received.")
                    .arg(transfer.number, DocumentFlow::words(transfer.status)));
        }
        STOCKROOM_TRY(destination, Known::location(flow.catalog(), transfer.toCode));
        STOCKROOM_TRY(resolved, flow.resolve(lines));
        for (const auto &[product, given] : std::as_const(resolved)) {
            TransferLine *line = nullptr;
            for (TransferLine &candidate : transfer.lines) {
                if (candidate.productId == product.id) {
                    line = &candidate;
                }
            }
            if (!line) {
                return Error::business(
                    TransferService::tr("%1 is not on %2.").arg(product.sku, transfer.number));
            }
            const int open = line->shipped - line->received - line->missing - line->writtenOff;
            if (given.qty + given.missing > open) {
                return Error::business(
                    TransferService::tr("%1 of %2: %3 arrived or missing, but only %4 are still "
                                        "expected (%5 sent, %6 arrived, %7 missing).")
                        .arg(transfer.number, product.sku)
                        .arg(given.qty + given.missing)
                        .arg(open)
                        .arg(line->shipped)
                        .arg(line->received)
                        .arg(line->missing + line->writtenOff));
            }
            if (given.qty > 0) {
                STOCKROOM_CHECK(flow.stock().addOnHand(product.id, transfer.toLocationId, given.qty));
                STOCKROOM_CHECK(flow.movement(product.id, transfer.toLocationId, given.qty,
                                              QStringLiteral("transfer_in"), QStringLiteral("transfer"),
                                              transfer.id,
                                              TransferService::tr("from %1").arg(transfer.fromCode)));
            }
            STOCKROOM_CHECK(flow.documents().addTransferArrival(line->id, given.qty, given.missing,
                                                                given.reason.trimmed()));
            line->received += given.qty;
            line->missing += given.missing;
            if (given.qty > 0) {
                STOCKROOM_CHECK(flow.fillBackorders(product.id, transfer.toLocationId, destination.code));
            }
        }
        return finishIfAccounted(flow, transfer, transfer.lines);
    });
}

Result<Transfer> TransferService::decideMissing(const QString &number, bool writeOff,
                                                std::optional<int> expectedVersion)
{
    STOCKROOM_CHECK(Access::require(m_context, Role::Manager,
                                    TransferService::tr("Deciding on a transfer's missing units")));
    return change(number, expectedVersion, [&](DocumentFlow &flow, Transfer &transfer) -> Status {
        bool anyMissing = false;
        QJsonObject missing;
        for (const TransferLine &line : std::as_const(transfer.lines)) {
            if (line.missing != 0) {
                missing.insert(line.sku, line.missing);
            }
        }
        if (!missing.isEmpty()) {
            STOCKROOM_CHECK(Audit::record(
                m_context, writeOff ? QStringLiteral("transfer.writeoff") : QStringLiteral("transfer.expect"),
                QStringLiteral("transfer"), transfer.number,
                writeOff ? TransferService::tr("missing units of %1 written off").arg(transfer.number)
                         : TransferService::tr("missing units of %1 still expected").arg(transfer.number),
                {}, missing));
        }
        for (TransferLine &line : transfer.lines) {
            if (line.missing == 0) {
                continue;
            }
            anyMissing = true;
            STOCKROOM_CHECK(flow.documents().decideTransferMissing(line.id, writeOff));
            if (writeOff) {
                line.writtenOff += line.missing;
            }
            line.missing = 0;
            flow.changes().stock(line.productId, transfer.toLocationId);
        }
        if (!anyMissing) {
            return Error::business(
                TransferService::tr("%1 has no missing units to decide on.").arg(transfer.number));
        }
        return writeOff ? finishIfAccounted(flow, transfer, transfer.lines) : Status {};
    });
}

Result<Transfer> TransferService::get(const QString &number)
{
    Database &db = m_context.db;
    return db.read<Transfer>([&]() -> Result<Transfer> {
        ChangeRecorder changes(m_context);
        DocumentFlow flow(m_context, changes);
        return load(flow, number);
    });
}

} // namespace Stockroom
