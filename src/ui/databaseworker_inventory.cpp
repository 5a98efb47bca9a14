// SPDX-License-Identifier: GPL-3.0-or-later
// The database thread's side of the Receiving, Transfers and Counts views: lists and documents as maps the
// views show as they are, and every action on them through PurchaseService, TransferService and CountService.
#include "databaseworker.h"

#include "clock.h"
#include "countservice.h"
#include "inventorydocuments.h"
#include "inventorystatus.h"
#include "labels.h"
#include "purchaseservice.h"
#include "tracking.h"
#include "transferservice.h"

#include <QDate>
#include <QLocale>

namespace Stockroom {

namespace {

/** A stored time as the user's locale writes it; empty stays empty. */
QString when(const QString &stored)
{
    return stored.isEmpty() ? QString() : Labels::dateTime(stored);
}

/** A yyyy-MM-dd date in the user's short format; empty when there is none. */
QString dayText(const QString &isoDate)
{
    const QDate date = QDate::fromString(isoDate, Qt::ISODate);
    return date.isValid() ? QLocale().toString(date, QLocale::ShortFormat) : QString();
}

/** The local day of a stored time, short: lists have no room for the minute (the document shows it). */
QString dayOf(const QString &stored)
{
    return stored.isEmpty()
        ? QString()
        : QLocale().toString(fromStoredTime(stored).toLocalTime().date(), QLocale::ShortFormat);
}

/** Money with its sign in front ("−£12.40"): some locales put a negative amount in brackets. */
QString signedMoney(qint64 cents)
{
    return cents < 0 ? QString(QChar(0x2212)) + Labels::money(-cents) : Labels::money(cents);
}

/** A GTIN as 14 digits, so that a scanned EAN-13 or UPC-A matches it; empty when there is none. */
QString normalisedGtin(const QString &gtin)
{
    if (gtin.isEmpty()) {
        return {};
    }
    const GtinCheck check = Gtin::validate(gtin);
    return check.valid ? check.normalised14 : QString();
}

Result<QString> gtinOf(CatalogRepository &catalog, const QString &sku)
{
    STOCKROOM_TRY(product, catalog.productBySku(sku));
    return product ? normalisedGtin(product->gtin) : QString();
}

QVariantList rowsOf(DocumentKind kind, const QList<DocumentSummary> &list)
{
    const QDate today = QDate::currentDate();
    QVariantList rows;
    rows.reserve(list.size());
    for (const DocumentSummary &document : list) {
        QString attention;
        QString date;
        bool overdue = false;
        switch (kind) {
        case DocumentKind::PurchaseOrder: {
            // Before closing only over-deliveries count here; a closed one shows its net difference.
            if (document.attention > 0) {
                const int net = document.done - document.units;
                if (document.status != QLatin1String("received") || net > 0) {
                    attention = DatabaseWorker::tr("+%n over", "@info units delivered beyond the order",
                                                   net > 0 ? net : document.attention);
                } else if (net < 0) {
                    attention = DatabaseWorker::tr("%n short", "@info units that never came", -net);
                } else {
                    attention = DatabaseWorker::tr("%n over/short", "@info", document.attention);
                }
            }
            date = dayText(document.date);
            const QDate expected = QDate::fromString(document.date, Qt::ISODate);
            overdue = expected.isValid() && expected < today
                && (document.status == QLatin1String("ordered")
                    || document.status == QLatin1String("partially_received"));
            break;
        }
        case DocumentKind::Transfer:
            if (document.attention > 0) {
                attention = DatabaseWorker::tr("%n missing", "@info units waiting for approval",
                                               document.attention);
            }
            date = dayOf(document.date);
            break;
        case DocumentKind::Count:
            // An open count may be blind: how many lines differ would give it away.
            if (document.attention > 0 && document.status != QLatin1String("open")) {
                attention = DatabaseWorker::tr("%n with variance", "@info count lines", document.attention);
            }
            date = dayOf(document.date);
            break;
        }
        rows << QVariantMap {
            {QStringLiteral("number"), document.number},
            {QStringLiteral("id"), document.id},
            {QStringLiteral("status"), document.status},
            {QStringLiteral("statusText"), InventoryDocuments::statusText(kind, document.status)},
            {QStringLiteral("badge"), InventoryDocuments::badge(kind, document.status)},
            {QStringLiteral("from"), document.from},
            {QStringLiteral("to"), document.to},
            {QStringLiteral("lines"), document.lines},
            {QStringLiteral("units"), document.units},
            {QStringLiteral("done"), document.done},
            {QStringLiteral("attention"), document.attention},
            {QStringLiteral("attentionText"), attention},
            {QStringLiteral("date"), date},
            {QStringLiteral("overdue"), overdue},
            {QStringLiteral("updatedBy"), document.updatedBy},
            {QStringLiteral("updatedAt"), when(document.updatedAt)},
        };
    }
    return rows;
}

Result<QVariantMap> purchaseOrderMap(Database &db, const PurchaseOrder &po)
{
    CatalogRepository catalog(db);
    const std::optional<PurchaseOrderStatus> status = purchaseOrderStatusFromString(po.status);
    QVariantList lines;
    int ordered = 0;
    int received = 0;
    int outstanding = 0;
    int over = 0;
    qint64 value = 0;
    for (const PurchaseOrderLine &line : po.lines) {
        STOCKROOM_TRY(gtin, gtinOf(catalog, line.sku));
        lines << QVariantMap {{QStringLiteral("sku"), line.sku},
                              {QStringLiteral("name"), line.productName},
                              {QStringLiteral("gtin"), gtin},
                              {QStringLiteral("ordered"), line.ordered},
                              {QStringLiteral("received"), line.received},
                              {QStringLiteral("outstanding"), line.outstanding()},
                              {QStringLiteral("over"), line.over()},
                              {QStringLiteral("unitCost"), Labels::money(line.unitCostCents)}};
        ordered += line.ordered;
        received += line.received;
        outstanding += line.outstanding();
        over += line.over();
        value += qint64(line.ordered) * line.unitCostCents;
    }
    const bool receiving = status && canReceive(*status);
    const QDate expected = QDate::fromString(po.expectedAt, Qt::ISODate);
    return QVariantMap {
        {QStringLiteral("kind"), QStringLiteral("purchase_order")},
        {QStringLiteral("id"), po.id},
        {QStringLiteral("number"), po.number},
        {QStringLiteral("status"), po.status},
        {QStringLiteral("statusText"),
         InventoryDocuments::statusText(DocumentKind::PurchaseOrder, po.status)},
        {QStringLiteral("badge"), InventoryDocuments::badge(DocumentKind::PurchaseOrder, po.status)},
        {QStringLiteral("version"), po.version},
        {QStringLiteral("supplier"), po.supplier},
        {QStringLiteral("location"), po.locationCode},
        {QStringLiteral("expected"), po.expectedAt},
        {QStringLiteral("expectedText"), dayText(po.expectedAt)},
        {QStringLiteral("overdue"), receiving && expected.isValid() && expected < QDate::currentDate()},
        {QStringLiteral("note"), po.note},
        {QStringLiteral("createdBy"), po.createdBy},
        {QStringLiteral("created"), when(po.createdAt)},
        {QStringLiteral("orderedAt"), when(po.orderedAt)},
        {QStringLiteral("closedAt"), when(po.closedAt)},
        {QStringLiteral("updatedBy"), po.updatedBy},
        {QStringLiteral("updated"), when(po.updatedAt)},
        {QStringLiteral("canOrder"), status && isAllowedTransition(*status, PurchaseOrderStatus::Ordered)},
        {QStringLiteral("canReceive"), receiving},
        // Received (closed) or cancelled: what did not come is short, not still to come.
        {QStringLiteral("closed"),
         status == PurchaseOrderStatus::Received || status == PurchaseOrderStatus::Cancelled},
        // Closing short is for a delivery that stopped halfway; with nothing received it is a cancellation.
        {QStringLiteral("canClose"), status == PurchaseOrderStatus::PartiallyReceived},
        {QStringLiteral("canCancel"), status && isAllowedTransition(*status, PurchaseOrderStatus::Cancelled)},
        {QStringLiteral("lines"), lines},
        {QStringLiteral("ordered"), ordered},
        {QStringLiteral("received"), received},
        {QStringLiteral("outstanding"), outstanding},
        {QStringLiteral("over"), over},
        {QStringLiteral("value"), Labels::money(value)},
    };
}

Result<QVariantMap> transferMap(Database &db, const Transfer &transfer)
{
    CatalogRepository catalog(db);
    StockRepository stock(db);
    const std::optional<TransferStatus> status = transferStatusFromString(transfer.status);
    const bool notShipped = status == TransferStatus::Draft || status == TransferStatus::Requested;
    QVariantList lines;
    QStringList shortages;
    int qty = 0;
    int shipped = 0;
    int received = 0;
    int missing = 0;
    int writtenOff = 0;
    int inTransit = 0;
    int expecting = 0;
    for (const TransferLine &line : transfer.lines) {
        STOCKROOM_TRY(gtin, gtinOf(catalog, line.sku));
        // Before it leaves, what the source can spare decides whether shipping will work.
        int available = -1;
        if (notShipped) {
            STOCKROOM_TRY(level, stock.level(line.productId, transfer.fromLocationId));
            available = level.available();
            if (available < line.qty) {
                shortages << DatabaseWorker::tr("%1: %2 of %3 available", "@info sku: available of wanted")
                                 .arg(line.sku)
                                 .arg(std::max(0, available))
                                 .arg(line.qty);
            }
        }
        const int open = line.shipped - line.received - line.missing - line.writtenOff;
        lines << QVariantMap {
            {QStringLiteral("sku"), line.sku},
            {QStringLiteral("name"), line.productName},
            {QStringLiteral("gtin"), gtin},
            {QStringLiteral("productId"), line.productId},
            {QStringLiteral("qty"), line.qty},
            {QStringLiteral("shipped"), line.shipped},
            {QStringLiteral("received"), line.received},
            {QStringLiteral("missing"), line.missing},
            {QStringLiteral("reason"), line.discrepancyReason},
            {QStringLiteral("writtenOff"), line.writtenOff},
            {QStringLiteral("inTransit"), line.inTransit()},
            {QStringLiteral("expecting"), open},
            {QStringLiteral("available"), available},
            {QStringLiteral("short"), available >= 0 && available < line.qty ? line.qty - available : 0}};
        qty += line.qty;
        shipped += line.shipped;
        received += line.received;
        missing += line.missing;
        writtenOff += line.writtenOff;
        inTransit += line.inTransit();
        expecting += open;
    }
    auto allowed = [&status](TransferStatus to) { return status && isAllowedTransition(*status, to); };
    return QVariantMap {
        {QStringLiteral("kind"), QStringLiteral("transfer")},
        {QStringLiteral("id"), transfer.id},
        {QStringLiteral("number"), transfer.number},
        {QStringLiteral("status"), transfer.status},
        {QStringLiteral("statusText"),
         InventoryDocuments::statusText(DocumentKind::Transfer, transfer.status)},
        {QStringLiteral("badge"), InventoryDocuments::badge(DocumentKind::Transfer, transfer.status)},
        {QStringLiteral("version"), transfer.version},
        {QStringLiteral("from"), transfer.fromCode},
        {QStringLiteral("to"), transfer.toCode},
        {QStringLiteral("fromLocationId"), transfer.fromLocationId},
        {QStringLiteral("note"), transfer.note},
        {QStringLiteral("createdBy"), transfer.createdBy},
        {QStringLiteral("created"), when(transfer.createdAt)},
        {QStringLiteral("requestedAt"), when(transfer.requestedAt)},
        {QStringLiteral("shippedBy"), transfer.shippedBy},
        {QStringLiteral("shippedAt"), when(transfer.shippedAt)},
        {QStringLiteral("receivedAt"), when(transfer.receivedAt)},
        {QStringLiteral("updatedBy"), transfer.updatedBy},
        {QStringLiteral("updated"), when(transfer.updatedAt)},
        {QStringLiteral("watchesStock"), notShipped},
        {QStringLiteral("canRequest"), allowed(TransferStatus::Requested)},
        {QStringLiteral("canShip"), allowed(TransferStatus::InTransit)},
        {QStringLiteral("canReceive"), status == TransferStatus::InTransit && expecting > 0},
        {QStringLiteral("canDecide"), missing > 0},
        {QStringLiteral("canCancel"), allowed(TransferStatus::Cancelled)},
        {QStringLiteral("shortages"), shortages.join(QStringLiteral("; "))},
        {QStringLiteral("lines"), lines},
        {QStringLiteral("qty"), qty},
        {QStringLiteral("shipped"), shipped},
        {QStringLiteral("received"), received},
        {QStringLiteral("missing"), missing},
        {QStringLiteral("writtenOff"), writtenOff},
        {QStringLiteral("inTransit"), inTransit},
        {QStringLiteral("expecting"), expecting},
    };
}

QVariantMap countMap(const StockCount &count)
{
    const std::optional<CountStatus> status = countStatusFromString(count.status);
    // A blind count keeps what the books say from the counter until it is submitted.
    const bool showBook = !count.blind || status != CountStatus::Open;
    QVariantList lines;
    int counted = 0;
    int varianceLines = 0;
    int netUnits = 0;
    int grossUnits = 0;
    qint64 netCents = 0;
    qint64 grossCents = 0;
    for (const CountLine &line : count.lines) {
        QVariantMap entry {{QStringLiteral("bin"), line.binCode},
                           {QStringLiteral("sku"), line.sku},
                           {QStringLiteral("name"), line.productName},
                           {QStringLiteral("gtin"), normalisedGtin(line.gtin)},
                           {QStringLiteral("counted"), line.counted.value_or(-1)},
                           {QStringLiteral("countedBy"), line.countedBy},
                           {QStringLiteral("countedAt"), when(line.countedAt)}};
        if (line.counted) {
            ++counted;
        }
        if (showBook) {
            const int variance = line.variance();
            const qint64 cents = qint64(variance) * line.unitCostCents;
            entry.insert(QStringLiteral("expected"), line.expected);
            entry.insert(QStringLiteral("book"), line.bookAtCount.value_or(-1));
            entry.insert(QStringLiteral("variance"), variance);
            entry.insert(QStringLiteral("varianceValue"), variance != 0 ? signedMoney(cents) : QString());
            entry.insert(QStringLiteral("unitCost"), Labels::money(line.unitCostCents));
            if (variance != 0) {
                ++varianceLines;
                netUnits += variance;
                grossUnits += std::abs(variance);
                netCents += cents;
                grossCents += std::abs(cents);
            }
        }
        lines << entry;
    }
    QVariantMap map {
        {QStringLiteral("kind"), QStringLiteral("count")},
        {QStringLiteral("id"), count.id},
        {QStringLiteral("number"), count.number},
        {QStringLiteral("status"), count.status},
        {QStringLiteral("statusText"), InventoryDocuments::statusText(DocumentKind::Count, count.status)},
        {QStringLiteral("badge"), InventoryDocuments::badge(DocumentKind::Count, count.status)},
        {QStringLiteral("version"), count.version},
        {QStringLiteral("location"), count.locationCode},
        {QStringLiteral("kindText"),
         count.kind == QLatin1String("cycle")
             ? DatabaseWorker::tr("Cycle count", "@label kind of stock count")
             : DatabaseWorker::tr("Whole location", "@label kind of stock count")},
        {QStringLiteral("scope"), count.scope},
        {QStringLiteral("cycle"), count.kind == QLatin1String("cycle")},
        {QStringLiteral("blind"), count.blind},
        {QStringLiteral("showBook"), showBook},
        {QStringLiteral("note"), count.note},
        {QStringLiteral("createdBy"), count.createdBy},
        {QStringLiteral("created"), when(count.createdAt)},
        {QStringLiteral("submittedBy"), count.submittedBy},
        {QStringLiteral("submittedAt"), when(count.submittedAt)},
        {QStringLiteral("decidedBy"), count.decidedBy},
        {QStringLiteral("decidedAt"), when(count.decidedAt)},
        {QStringLiteral("decisionNote"), count.decisionNote},
        {QStringLiteral("updatedBy"), count.updatedBy},
        {QStringLiteral("updated"), when(count.updatedAt)},
        {QStringLiteral("canRecord"), status == CountStatus::Open},
        {QStringLiteral("canSubmit"), status == CountStatus::Open},
        {QStringLiteral("canApprove"), status == CountStatus::Submitted},
        {QStringLiteral("canReject"), status && isAllowedTransition(*status, CountStatus::Rejected)},
        {QStringLiteral("canReopen"), status && isAllowedTransition(*status, CountStatus::Open)},
        {QStringLiteral("lines"), lines},
        {QStringLiteral("lineCount"), int(count.lines.size())},
        {QStringLiteral("counted"), counted},
        {QStringLiteral("uncounted"), int(count.lines.size()) - counted},
    };
    if (showBook) {
        map.insert(QStringLiteral("varianceLines"), varianceLines);
        map.insert(QStringLiteral("varianceUnits"), netUnits);
        map.insert(QStringLiteral("varianceValue"), signedMoney(netCents));
        map.insert(QStringLiteral("grossUnits"), grossUnits);
        map.insert(QStringLiteral("grossValue"), Labels::money(grossCents));
    }
    return map;
}

Result<QVariantMap> documentMap(Database &db, DocumentKind kind, const QString &number)
{
    ServiceContext context {db, Clock(), {}, Role::Clerk}; // reads only
    switch (kind) {
    case DocumentKind::PurchaseOrder: {
        STOCKROOM_TRY(po, PurchaseService(context).get(number));
        return purchaseOrderMap(db, po);
    }
    case DocumentKind::Transfer: {
        STOCKROOM_TRY(transfer, TransferService(context).get(number));
        return transferMap(db, transfer);
    }
    case DocumentKind::Count: {
        STOCKROOM_TRY(count, CountService(context).get(number));
        return countMap(count);
    }
    }
    return Error::usage(DatabaseWorker::tr("Unknown kind of document."));
}

QList<QuantityLine> quantityLines(const QVariantMap &args)
{
    QList<QuantityLine> lines;
    for (const QVariant &item : args.value(QStringLiteral("lines")).toList()) {
        const QVariantMap map = item.toMap();
        QuantityLine line;
        line.sku = map.value(QStringLiteral("sku")).toString();
        line.qty = map.value(QStringLiteral("qty")).toInt();
        line.missing = map.value(QStringLiteral("missing")).toInt();
        line.reason = map.value(QStringLiteral("reason")).toString();
        if (map.contains(QStringLiteral("costCents"))) {
            line.unitCostCents = map.value(QStringLiteral("costCents")).toLongLong();
        }
        lines << line;
    }
    return lines;
}

Error unknownAction(const QString &action)
{
    return Error::usage(DatabaseWorker::tr("Unknown action \"%1\".").arg(action));
}

int units(const QList<QuantityLine> &lines, bool missing = false)
{
    int sum = 0;
    for (const QuantityLine &line : lines) {
        sum += missing ? line.missing : line.qty;
    }
    return sum;
}

Result<PurchaseOrder> purchaseStep(ServiceContext &context, const QString &action, const QString &number,
                                   std::optional<int> version, const QVariantMap &args, QString &text)
{
    PurchaseService purchases(context);
    const QString note = args.value(QStringLiteral("note")).toString();
    if (action == QLatin1String("create")) {
        Result<PurchaseOrder> po
            = purchases.create(args.value(QStringLiteral("supplier")).toString(),
                               args.value(QStringLiteral("location")).toString(),
                               args.value(QStringLiteral("expected")).toString(), quantityLines(args), note);
        if (po) {
            text = DatabaseWorker::tr("%1 created for %2: order it when it is complete.")
                       .arg(po->number, po->supplier);
        }
        return po;
    }
    if (action == QLatin1String("order")) {
        Result<PurchaseOrder> po = purchases.order(number, version);
        if (po) {
            text = DatabaseWorker::tr("%1 ordered from %2.").arg(po->number, po->supplier);
        }
        return po;
    }
    if (action == QLatin1String("receive")) {
        const QList<QuantityLine> lines = quantityLines(args);
        Result<PurchaseOrder> po = purchases.receive(number, lines, note, version);
        if (po) {
            text = po->status == QLatin1String("received")
                ? DatabaseWorker::tr("%1: %n unit(s) received; everything has come.", nullptr, units(lines))
                      .arg(po->number)
                : DatabaseWorker::tr("%1: %n unit(s) received.", nullptr, units(lines)).arg(po->number);
        }
        return po;
    }
    if (action == QLatin1String("close")) {
        Result<PurchaseOrder> po = purchases.close(number, version);
        if (po) {
            int short_ = 0;
            for (const PurchaseOrderLine &line : po->lines) {
                short_ += line.outstanding();
            }
            text = DatabaseWorker::tr("%1 closed: %n unit(s) never came.", nullptr, short_).arg(po->number);
        }
        return po;
    }
    if (action == QLatin1String("cancel")) {
        Result<PurchaseOrder> po = purchases.cancel(number, version);
        if (po) {
            text = DatabaseWorker::tr("%1 cancelled.").arg(po->number);
        }
        return po;
    }
    return unknownAction(action);
}

Result<Transfer> transferStep(ServiceContext &context, const QString &action, const QString &number,
                              std::optional<int> version, const QVariantMap &args, QString &text)
{
    TransferService transfers(context);
    Result<Transfer> transfer = unknownAction(action);
    if (action == QLatin1String("create")) {
        transfer = transfers.create(args.value(QStringLiteral("from")).toString(),
                                    args.value(QStringLiteral("to")).toString(), quantityLines(args),
                                    args.value(QStringLiteral("note")).toString());
        if (transfer) {
            text = DatabaseWorker::tr("%1 created: %2 → %3.")
                       .arg(transfer->number, transfer->fromCode, transfer->toCode);
        }
    } else if (action == QLatin1String("request")) {
        transfer = transfers.request(number, version);
        if (transfer) {
            text = DatabaseWorker::tr("%1 requested from %2.").arg(transfer->number, transfer->fromCode);
        }
    } else if (action == QLatin1String("ship")) {
        transfer = transfers.ship(number, version);
        if (transfer) {
            int shipped = 0;
            for (const TransferLine &line : transfer->lines) {
                shipped += line.shipped;
            }
            text = DatabaseWorker::tr("%1 shipped: %n unit(s) on their way to %2.", nullptr, shipped)
                       .arg(transfer->number, transfer->toCode);
        }
    } else if (action == QLatin1String("receive")) {
        const QList<QuantityLine> lines = quantityLines(args);
        transfer = transfers.receive(number, lines, version);
        if (transfer) {
            text = DatabaseWorker::tr("%1: %n unit(s) arrived.", nullptr, units(lines)).arg(transfer->number);
            if (const int missing = units(lines, true); missing > 0) {
                text += QLatin1Char(' ')
                    + DatabaseWorker::tr("%n unit(s) reported missing, waiting for a manager.", nullptr,
                                         missing);
            }
        }
    } else if (action == QLatin1String("approveMissing") || action == QLatin1String("rejectMissing")) {
        const bool writeOff = action == QLatin1String("approveMissing");
        transfer = transfers.decideMissing(number, writeOff, version);
        if (transfer) {
            text = writeOff ? DatabaseWorker::tr("Missing units of %1 written off.").arg(transfer->number)
                            : DatabaseWorker::tr("Missing units of %1 are expected again (in transit).")
                                  .arg(transfer->number);
        }
    } else if (action == QLatin1String("cancel")) {
        transfer = transfers.cancel(number, version);
        if (transfer) {
            text = DatabaseWorker::tr("%1 cancelled.").arg(transfer->number);
        }
    }
    return transfer;
}

Result<StockCount> countStep(ServiceContext &context, const QString &action, const QString &number,
                             std::optional<int> version, const QVariantMap &args, QString &text,
                             QString &touched)
{
    CountService counts(context);
    Result<StockCount> count = unknownAction(action);
    if (action == QLatin1String("start")) {
        CountScope scope;
        scope.cycle = args.value(QStringLiteral("cycle")).toBool();
        scope.binPrefix = args.value(QStringLiteral("binPrefix")).toString();
        const QString abc = args.value(QStringLiteral("abcClass")).toString();
        scope.abcClass = abc.isEmpty() ? QChar() : abc.at(0);
        scope.notCountedForDays = args.value(QStringLiteral("days")).toInt();
        scope.blind = args.value(QStringLiteral("blind")).toBool();
        count = counts.start(args.value(QStringLiteral("location")).toString(), scope,
                             args.value(QStringLiteral("note")).toString());
        if (count) {
            text = DatabaseWorker::tr("%1 started at %2: %n line(s) to count.", nullptr,
                                      int(count->lines.size()))
                       .arg(count->number, count->locationCode);
        }
    } else if (action == QLatin1String("record")) {
        Result<CountLine> line = counts.record(number, args.value(QStringLiteral("code")).toString(),
                                               args.value(QStringLiteral("qty")).toInt(),
                                               args.value(QStringLiteral("add")).toBool());
        if (!line) {
            return line.error();
        }
        text = DatabaseWorker::tr("%1: %2 counted.").arg(line->sku).arg(line->counted.value_or(0));
        touched = line->sku;
        count = counts.get(number);
    } else if (action == QLatin1String("submit")) {
        count = counts.submit(number, version);
        if (count) {
            int differing = 0;
            for (const CountLine &line : count->lines) {
                differing += line.variance() != 0 ? 1 : 0;
            }
            text = DatabaseWorker::tr("%1 submitted: %n line(s) differ from the books.", nullptr, differing)
                       .arg(count->number);
        }
    } else if (action == QLatin1String("approve")) {
        count = counts.approve(number, args.value(QStringLiteral("note")).toString(), version);
        if (count) {
            int adjusted = 0;
            for (const CountLine &line : count->lines) {
                adjusted += line.adjustment.value_or(0) != 0 ? 1 : 0;
            }
            text = DatabaseWorker::tr("%1 approved: %n adjustment(s) booked.", nullptr, adjusted)
                       .arg(count->number);
        }
    } else if (action == QLatin1String("reject")) {
        count = counts.reject(number, args.value(QStringLiteral("note")).toString(), version);
        if (count) {
            text = DatabaseWorker::tr("%1 rejected.").arg(count->number);
        }
    } else if (action == QLatin1String("reopen")) {
        count = counts.reopen(number, version);
        if (count) {
            text = DatabaseWorker::tr("%1 is open for counting again.").arg(count->number);
        }
    }
    return count;
}

} // namespace

void DatabaseWorker::fetchDocuments(quint64 request, DocumentKind kind, const QString &status, int limit)
{
    answer<QVariantList>(
        request,
        [&](Database &db) -> Result<QVariantList> {
            InventoryRepository documents(db);
            Result<QList<DocumentSummary>> list = kind == DocumentKind::PurchaseOrder
                ? documents.purchaseOrders(status, limit)
                : kind == DocumentKind::Transfer ? documents.transfers(status, limit)
                                                 : documents.counts(status, limit);
            if (!list) {
                return list.error();
            }
            return rowsOf(kind, *list);
        },
        [&](const QVariantList &rows) { Q_EMIT documentsFetched(request, rows); });
}

void DatabaseWorker::fetchDocument(quint64 request, DocumentKind kind, const QString &number)
{
    answer<QVariantMap>(
        request, [&](Database &db) { return documentMap(db, kind, number); },
        [&](const QVariantMap &document) { Q_EMIT documentFetched(request, document); });
}

void DatabaseWorker::fetchSuppliers(quint64 request)
{
    answer<QVariantList>(
        request,
        [](Database &db) -> Result<QVariantList> {
            STOCKROOM_TRY(suppliers, InventoryRepository(db).suppliers());
            QVariantList list;
            for (const SupplierRecord &supplier : suppliers) {
                list << QVariantMap {{QStringLiteral("name"), supplier.name},
                                     {QStringLiteral("leadTimeDays"), supplier.leadTimeDays}};
            }
            return list;
        },
        [&](const QVariantList &suppliers) { Q_EMIT suppliersFetched(request, suppliers); });
}

void DatabaseWorker::runDocumentAction(quint64 request, DocumentKind kind, const QString &action,
                                       const QString &number, int version, const QVariantMap &args,
                                       const QString &user)
{
    Error problem;
    QString text;
    QVariantMap document;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), user, m_role};
        const std::optional<int> expected = version >= 0 ? std::optional<int>(version) : std::nullopt;
        problem = {};
        document.clear();
        QString touched;
        Result<QVariantMap> shown = QVariantMap();
        switch (kind) {
        case DocumentKind::PurchaseOrder:
            if (Result<PurchaseOrder> po = purchaseStep(context, action, number, expected, args, text)) {
                shown = purchaseOrderMap(db, *po);
            } else {
                problem = po.error();
            }
            break;
        case DocumentKind::Transfer:
            if (Result<Transfer> transfer = transferStep(context, action, number, expected, args, text)) {
                shown = transferMap(db, *transfer);
            } else {
                problem = transfer.error();
            }
            break;
        case DocumentKind::Count:
            if (Result<StockCount> count
                = countStep(context, action, number, expected, args, text, touched)) {
                shown = countMap(*count);
            } else {
                problem = count.error();
            }
            break;
        }
        // The action is committed: a failed read of the result must not run it a second time (the view
        // fetches the document again instead).
        if (problem.message.isEmpty() && shown) {
            document = *shown;
            if (action == QLatin1String("create") || action == QLatin1String("start")) {
                document.insert(QStringLiteral("created"), true);
            }
            if (!touched.isEmpty()) {
                document.insert(QStringLiteral("touched"), touched);
            }
        }
        // Only a lost connection is worth a second attempt; a refusal is the answer.
        return problem.kind == Error::Kind::Database ? problem.message : QString();
    });
    const QString message = error.isEmpty() ? problem.message : error;
    const bool ok = message.isEmpty();
    Q_EMIT documentActionFinished(request, ok, !ok && problem.kind == Error::Kind::Stale, ok ? text : message,
                                  ok ? document : QVariantMap());
}

} // namespace Stockroom
