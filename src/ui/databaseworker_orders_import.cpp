// SPDX-License-Identifier: GPL-3.0-or-later
// The database thread's side of order imports: importing a platform's order file (or previewing it), SKU
// aliases with the order lines that wait for one, and finding our products for the mapping's picker.
#include "database.h"
#include "databaseworker.h"
#include "labels.h"
#include "orderimporter.h"

#include <QFileInfo>

namespace Stockroom {

namespace {

QString noticeKind(OrderImportNotice::Kind kind)
{
    switch (kind) {
    case OrderImportNotice::Kind::OnHold:
        return QStringLiteral("on_hold");
    case OrderImportNotice::Kind::Kept:
        return QStringLiteral("kept");
    case OrderImportNotice::Kind::Attention:
        return QStringLiteral("attention");
    }
    return {};
}

/** How a waiting line is mapped: by its SKU, or by its name when the platform gave none (as the service matches). */
QString aliasOf(const UnmatchedLine &line)
{
    return line.sku.trimmed().isEmpty() ? line.name.trimmed() : line.sku.trimmed();
}

} // namespace

void DatabaseWorker::importOrders(quint64 request, const OrderImportRequest &import, const QString &user)
{
    OrderImportReport report;
    Error problem;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), user, m_role};
        Result<OrderImportReport> done = OrderImporter::run(context, import);
        problem = done.error();
        if (done) {
            report = *done;
        }
        // Only a lost connection is worth a second attempt (its transaction was rolled back); a refused
        // order ("line 12: order #1001: …") is the answer.
        return problem.kind == Error::Kind::Database ? problem.message : QString();
    });
    const QString message = error.isEmpty() ? problem.message : error;
    const OrderImportOutcome &outcome = report.outcome;
    QStringList problems;
    problems.reserve(report.problems.size());
    for (const FileProblem &fileProblem : std::as_const(report.problems)) {
        problems << fileProblem.toString();
    }
    QVariantList notices;
    notices.reserve(outcome.notices.size());
    for (const OrderImportNotice &notice : outcome.notices) {
        notices << QVariantMap {{QStringLiteral("kind"), noticeKind(notice.kind)},
                                {QStringLiteral("line"), notice.line},
                                {QStringLiteral("externalId"), notice.externalId},
                                {QStringLiteral("number"), notice.number},
                                {QStringLiteral("message"), notice.message}};
    }
    Q_EMIT ordersImported(request,
                          {{QStringLiteral("ok"), message.isEmpty()},
                           {QStringLiteral("message"), message},
                           {QStringLiteral("dryRun"), import.dryRun},
                           {QStringLiteral("applied"), outcome.applied},
                           {QStringLiteral("format"), OrderFileReader::formatName(report.format)},
                           {QStringLiteral("channel"), report.channel},
                           {QStringLiteral("rowsRead"), report.rowsRead},
                           {QStringLiteral("ordersNew"), outcome.ordersNew},
                           {QStringLiteral("ordersUpdated"), outcome.ordersUpdated},
                           {QStringLiteral("ordersUnchanged"), outcome.ordersUnchanged},
                           {QStringLiteral("ordersOnHold"), outcome.ordersOnHold},
                           {QStringLiteral("ordersSkipped"), outcome.ordersSkipped},
                           {QStringLiteral("lines"), outcome.lines},
                           {QStringLiteral("linesSkipped"), outcome.linesSkipped},
                           {QStringLiteral("unitsReserved"), outcome.unitsReserved},
                           {QStringLiteral("unitsBackordered"), outcome.unitsBackordered},
                           {QStringLiteral("unknownSkus"), outcome.unknownSkus},
                           {QStringLiteral("notices"), notices},
                           {QStringLiteral("importId"), outcome.importId},
                           {QStringLiteral("problems"), problems},
                           {QStringLiteral("milliseconds"), report.milliseconds}});
}

void DatabaseWorker::fetchSkuAliases(quint64 request)
{
    answer<QList<SkuAlias>>(
        request,
        [&](Database &db) {
            ServiceContext context {db, Clock(), m_userName, m_role};
            return OrderImportService(context).aliases();
        },
        [&](const QList<SkuAlias> &aliases) {
            QVariantList rows;
            rows.reserve(aliases.size());
            for (const SkuAlias &alias : aliases) {
                rows << QVariantMap {{QStringLiteral("channel"), alias.channel},
                                     {QStringLiteral("alias"), alias.alias},
                                     {QStringLiteral("sku"), alias.sku},
                                     {QStringLiteral("product"), alias.productName},
                                     {QStringLiteral("by"), alias.createdBy},
                                     {QStringLiteral("at"), Labels::dateTime(alias.createdAt)}};
            }
            Q_EMIT skuAliasesFetched(request, rows);
        });
}

void DatabaseWorker::fetchUnmatchedLines(quint64 request, const QString &orderNumber)
{
    answer<QList<UnmatchedLine>>(
        request,
        [&](Database &db) {
            ServiceContext context {db, Clock(), m_userName, m_role};
            return OrderImportService(context).unmatchedLines(orderNumber);
        },
        [&](const QList<UnmatchedLine> &lines) {
            QVariantList rows;
            rows.reserve(lines.size());
            for (const UnmatchedLine &line : lines) {
                rows << QVariantMap {
                    {QStringLiteral("order"), line.orderNumber},
                    {QStringLiteral("channel"), line.channel},
                    {QStringLiteral("externalId"), line.externalId},
                    {QStringLiteral("orderStatus"), line.orderStatus},
                    {QStringLiteral("line"), line.lineNo},
                    {QStringLiteral("sku"), line.sku},
                    {QStringLiteral("name"), line.name},
                    {QStringLiteral("label"), OrderImportService::lineName(line.sku, line.name)},
                    {QStringLiteral("alias"), aliasOf(line)},
                    {QStringLiteral("qty"), line.qty},
                    {QStringLiteral("price"), Labels::money(line.unitPriceCents)}};
            }
            Q_EMIT unmatchedLinesFetched(request, rows);
        });
}

void DatabaseWorker::setSkuAlias(quint64 request, const QString &channel, const QString &alias,
                                 const QString &sku, const QString &user)
{
    int resolved = 0;
    Error problem;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), user, m_role};
        Result<int> done = OrderImportService(context).setAlias(channel, alias, sku);
        problem = done.error();
        resolved = done ? *done : 0;
        return problem.kind == Error::Kind::Database ? problem.message : QString();
    });
    const QString message = error.isEmpty() ? problem.message : error;
    if (!message.isEmpty()) {
        Q_EMIT skuAliasChanged(request, false, message);
        return;
    }
    const QString where = channel.trimmed().isEmpty() ? tr("on every channel")
                                                      : tr("on %1").arg(Labels::channel(channel.trimmed()));
    Q_EMIT skuAliasChanged(request, true,
                           tr("“%1” is our %2 %3; %n waiting line(s) resolved.", nullptr, resolved)
                               .arg(alias.trimmed(), sku.trimmed(), where));
}

void DatabaseWorker::removeSkuAlias(quint64 request, const QString &channel, const QString &alias,
                                    const QString &user)
{
    Error problem;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), user, m_role};
        problem = OrderImportService(context).removeAlias(channel, alias).error();
        return problem.kind == Error::Kind::Database ? problem.message : QString();
    });
    const QString message = error.isEmpty() ? problem.message : error;
    Q_EMIT skuAliasChanged(request, message.isEmpty(),
                           message.isEmpty() ? tr("Alias “%1” removed.").arg(alias.trimmed()) : message);
}

void DatabaseWorker::dropUnmatchedLine(quint64 request, const QString &orderNumber, int lineNo,
                                       const QString &user)
{
    OrderHeader order;
    Error problem;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), user, m_role};
        Result<OrderHeader> done = OrderImportService(context).dropUnmatchedLine(orderNumber, lineNo);
        problem = done.error();
        if (done) {
            order = *done;
        }
        return problem.kind == Error::Kind::Database ? problem.message : QString();
    });
    const QString message = error.isEmpty() ? problem.message : error;
    if (!message.isEmpty()) {
        Q_EMIT skuAliasChanged(request, false, message);
        return;
    }
    Q_EMIT skuAliasChanged(request, true,
                           tr("Line %1 dropped from %2 (now: %3).")
                               .arg(lineNo)
                               .arg(order.number, Labels::orderStatus(order.status)));
}

void DatabaseWorker::findProducts(quint64 request, const QString &text, int limit)
{
    const QString wanted = text.trimmed();
    answer<QVariantList>(
        request,
        [&](Database &db) -> Result<QVariantList> {
            QVariantList found;
            if (wanted.isEmpty()) {
                return found;
            }
            // The Inventory view's search (SKU, name or location code contains it), one row per product with
            // what is available over all locations; a product that has no stock anywhere yet is found by its
            // exact SKU.
            StockGridFilter filter;
            filter.search = wanted;
            filter.limit = std::max(limit, 1) * 10;
            STOCKROOM_TRY(levels, StockRepository(db).grid(filter));
            QList<QString> order;
            QHash<QString, QVariantMap> products;
            for (const StockLevelRow &level : std::as_const(levels)) {
                if (!level.sku.contains(wanted, Qt::CaseInsensitive)
                    && !level.productName.contains(wanted, Qt::CaseInsensitive)) {
                    continue; // found by its location's code only
                }
                auto it = products.find(level.sku);
                if (it == products.end()) {
                    if (order.size() >= limit) {
                        continue;
                    }
                    order << level.sku;
                    it = products.insert(level.sku,
                                         {{QStringLiteral("sku"), level.sku},
                                          {QStringLiteral("name"), level.productName},
                                          {QStringLiteral("available"), 0}});
                }
                (*it)[QStringLiteral("available")]
                    = it->value(QStringLiteral("available")).toInt() + level.available();
            }
            {
                STOCKROOM_TRY(exact, CatalogRepository(db).productBySku(wanted));
                if (exact && !products.contains(exact->sku)) {
                    order.prepend(exact->sku);
                    products.insert(exact->sku,
                                    {{QStringLiteral("sku"), exact->sku},
                                     {QStringLiteral("name"), exact->name},
                                     {QStringLiteral("available"), 0}});
                }
            }
            for (const QString &sku : std::as_const(order)) {
                found << products.value(sku);
            }
            return found;
        },
        [&](const QVariantList &products) { Q_EMIT productsFound(request, products); });
}

} // namespace Stockroom
