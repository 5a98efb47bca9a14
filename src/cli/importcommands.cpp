// SPDX-License-Identifier: GPL-3.0-or-later
#include "importcommands.h"

#include "orderimporter.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace Stockroom::Cli {

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

Result<int> importOrders(Invocation &call)
{
    STOCKROOM_CHECK(onlyOptions(call, QStringLiteral("import orders"),
                                {QStringLiteral("format"), QStringLiteral("channel"), QStringLiteral("dry-run")}));
    const QStringList arguments = call.arguments().mid(1);
    if (arguments.size() != 1) {
        return usage(Text::tr("import orders takes one file."));
    }
    OrderImportRequest request;
    request.fileName = arguments.first();
    if (call.parser.isSet(QStringLiteral("format"))) {
        const std::optional<OrderFileFormat> format
            = OrderFileReader::formatFromName(call.parser.value(QStringLiteral("format")));
        if (!format) {
            return usage(Text::tr("--format takes auto, shopify, woocommerce, amazon, ebay, etsy or stockroom, "
                                  "not \"%1\".")
                             .arg(call.parser.value(QStringLiteral("format"))));
        }
        request.format = *format;
    }
    request.channel = call.parser.value(QStringLiteral("channel")).trimmed();
    request.dryRun = call.parser.isSet(QStringLiteral("dry-run"));

    STOCKROOM_TRY(report, OrderImporter::run(*call.context, request));
    const OrderImportOutcome &outcome = report.outcome;
    if (!report.ok()) {
        for (const FileProblem &problem : std::as_const(report.problems)) {
            err() << problem.toString() << Qt::endl;
        }
        return usage(report.summary());
    }
    if (call.json()) {
        QJsonArray notices;
        for (const OrderImportNotice &notice : outcome.notices) {
            notices.append(QJsonObject {{QStringLiteral("kind"), noticeKind(notice.kind)},
                                        {QStringLiteral("line"), notice.line},
                                        {QStringLiteral("external_id"), notice.externalId},
                                        {QStringLiteral("order"), notice.number},
                                        {QStringLiteral("message"), notice.message}});
        }
        printJson(QJsonObject {{QStringLiteral("file"), report.fileName},
                               {QStringLiteral("format"), OrderFileReader::formatName(report.format)},
                               {QStringLiteral("channel"), report.channel},
                               {QStringLiteral("dry_run"), request.dryRun},
                               {QStringLiteral("applied"), outcome.applied},
                               {QStringLiteral("rows"), report.rowsRead},
                               {QStringLiteral("orders_new"), outcome.ordersNew},
                               {QStringLiteral("orders_updated"), outcome.ordersUpdated},
                               {QStringLiteral("orders_unchanged"), outcome.ordersUnchanged},
                               {QStringLiteral("orders_on_hold"), outcome.ordersOnHold},
                               {QStringLiteral("orders_skipped"), outcome.ordersSkipped},
                               {QStringLiteral("lines"), outcome.lines},
                               {QStringLiteral("lines_skipped"), outcome.linesSkipped},
                               {QStringLiteral("units_reserved"), outcome.unitsReserved},
                               {QStringLiteral("units_backordered"), outcome.unitsBackordered},
                               {QStringLiteral("unknown_skus"), QJsonArray::fromStringList(outcome.unknownSkus)},
                               {QStringLiteral("notices"), notices},
                               {QStringLiteral("seconds"), report.milliseconds / 1000.0}});
        return Done;
    }
    out() << report.summary() << Qt::endl;
    out() << Text::tr("%1 (%2): %3 rows; %4 units reserved, %5 backordered; %6 line(s) skipped (nothing to "
                      "send); %7 s.")
                 .arg(QFileInfo(report.fileName).fileName(), OrderFileReader::formatName(report.format))
                 .arg(report.rowsRead)
                 .arg(outcome.unitsReserved)
                 .arg(outcome.unitsBackordered)
                 .arg(outcome.linesSkipped)
                 .arg(report.milliseconds / 1000.0, 0, 'f', 2)
          << Qt::endl;
    for (const OrderImportNotice &notice : outcome.notices) {
        const QString number = notice.number.isEmpty() ? QString() : QStringLiteral(" %1").arg(notice.number);
        out() << Text::tr("  line %1: %2%3: %4").arg(notice.line).arg(notice.externalId, number, notice.message)
              << Qt::endl;
    }
    if (!outcome.unknownSkus.isEmpty()) {
        out() << Text::tr("Unknown SKUs: %1. Map each to one of ours: stockroomctl alias set \"THEIRS\" OURS "
                          "--channel %2")
                     .arg(outcome.unknownSkus.join(QStringLiteral(", ")), report.channel)
              << Qt::endl;
    }
    return Done;
}

Result<int> commandImport(Invocation &call)
{
    const QString what = call.arguments().value(0);
    if (what == QLatin1String("orders")) {
        return importOrders(call);
    }
    return usage(Text::tr("import takes orders FILE (products and stock: product import FILE)."));
}

QJsonObject aliasJson(const SkuAlias &alias)
{
    return QJsonObject {{QStringLiteral("channel"), alias.channel}, {QStringLiteral("alias"), alias.alias},
                        {QStringLiteral("sku"), alias.sku},         {QStringLiteral("product"), alias.productName},
                        {QStringLiteral("by"), alias.createdBy},    {QStringLiteral("at"), alias.createdAt}};
}

Result<int> commandAlias(Invocation &call)
{
    const QStringList arguments = call.arguments();
    const QString action = arguments.value(0);
    const QString channel = call.parser.value(QStringLiteral("channel")).trimmed();
    OrderImportService service(*call.context);
    if (action == QLatin1String("list") || action.isEmpty()) {
        STOCKROOM_CHECK(onlyOptions(call, QStringLiteral("alias list"), {QStringLiteral("channel")}));
        STOCKROOM_TRY(aliases, service.aliases(channel));
        if (call.json()) {
            QJsonArray rows;
            for (const SkuAlias &alias : std::as_const(aliases)) {
                rows.append(aliasJson(alias));
            }
            printJson(rows);
            return Done;
        }
        if (aliases.isEmpty()) {
            out() << Text::tr("No SKU aliases.") << Qt::endl;
        }
        for (const SkuAlias &alias : std::as_const(aliases)) {
            out() << Text::tr("%1 → %2 (%3), %4").arg(alias.alias, alias.sku, alias.productName,
                                                        alias.channel.isEmpty() ? Text::tr("every channel")
                                                                                : alias.channel)
                  << Qt::endl;
        }
        return Done;
    }
    if (action == QLatin1String("set")) {
        STOCKROOM_CHECK(onlyOptions(call, QStringLiteral("alias set"), {QStringLiteral("channel")}));
        if (arguments.size() != 3) {
            return usage(Text::tr("alias set takes THEIR-SKU-OR-NAME OUR-SKU [--channel C]."));
        }
        STOCKROOM_TRY(resolved, service.setAlias(channel, arguments.at(1), arguments.at(2)));
        if (call.json()) {
            printJson(QJsonObject {{QStringLiteral("alias"), arguments.at(1).trimmed()},
                                   {QStringLiteral("sku"), arguments.at(2).trimmed()},
                                   {QStringLiteral("channel"), channel},
                                   {QStringLiteral("lines_resolved"), resolved}});
            return Done;
        }
        out() << Text::tr("%1 is now %2 (%3); %n waiting order line(s) resolved.", nullptr, resolved)
                     .arg(arguments.at(1).trimmed(), arguments.at(2).trimmed(),
                          channel.isEmpty() ? Text::tr("every channel") : channel)
              << Qt::endl;
        return Done;
    }
    if (action == QLatin1String("remove")) {
        STOCKROOM_CHECK(onlyOptions(call, QStringLiteral("alias remove"), {QStringLiteral("channel")}));
        if (arguments.size() != 2) {
            return usage(Text::tr("alias remove takes THEIR-SKU-OR-NAME [--channel C]."));
        }
        STOCKROOM_CHECK(service.removeAlias(channel, arguments.at(1)));
        if (!call.json()) {
            out() << Text::tr("Alias %1 removed.").arg(arguments.at(1).trimmed()) << Qt::endl;
        } else {
            printJson(QJsonObject {{QStringLiteral("removed"), arguments.at(1).trimmed()}});
        }
        return Done;
    }
    if (action == QLatin1String("waiting")) {
        STOCKROOM_CHECK(onlyOptions(call, QStringLiteral("alias waiting"), {}));
        STOCKROOM_TRY(lines, service.unmatchedLines(arguments.value(1)));
        if (call.json()) {
            QJsonArray rows;
            for (const UnmatchedLine &line : std::as_const(lines)) {
                rows.append(QJsonObject {{QStringLiteral("order"), line.orderNumber},
                                         {QStringLiteral("channel"), line.channel},
                                         {QStringLiteral("external_id"), line.externalId},
                                         {QStringLiteral("line"), line.lineNo},
                                         {QStringLiteral("sku"), line.sku},
                                         {QStringLiteral("name"), line.name},
                                         {QStringLiteral("qty"), line.qty}});
            }
            printJson(rows);
            return Done;
        }
        if (lines.isEmpty()) {
            out() << Text::tr("No order line waits for a SKU mapping.") << Qt::endl;
        }
        for (const UnmatchedLine &line : std::as_const(lines)) {
            out() << Text::tr("%1 (%2 %3) line %4: %5 × %6")
                         .arg(line.orderNumber, line.channel, line.externalId)
                         .arg(line.lineNo)
                         .arg(line.qty)
                         .arg(OrderImportService::lineName(line.sku, line.name))
                  << Qt::endl;
        }
        return Done;
    }
    if (action == QLatin1String("drop")) {
        STOCKROOM_CHECK(onlyOptions(call, QStringLiteral("alias drop"), {}));
        bool ok = false;
        const int lineNo = arguments.value(2).toInt(&ok);
        if (arguments.size() != 3 || !ok) {
            return usage(Text::tr("alias drop takes ORDER LINE (a line waiting for a SKU mapping)."));
        }
        STOCKROOM_TRY(order, service.dropUnmatchedLine(arguments.at(1), lineNo));
        if (call.json()) {
            printJson(QJsonObject {{QStringLiteral("order"), order.number}, {QStringLiteral("status"), order.status}});
        } else {
            out() << Text::tr("Line %1 dropped from %2; the order is %3 now.").arg(lineNo).arg(order.number, order.status)
                  << Qt::endl;
        }
        return Done;
    }
    return usage(Text::tr("alias takes list, set THEIRS OURS, remove THEIRS, waiting [ORDER] or drop ORDER LINE."));
}

} // namespace

QList<Command> importCommands()
{
    auto option = [](QCommandLineParser &parser, const QString &name, const QString &help,
                     const QString &value = {}) { parser.addOption(QCommandLineOption(name, help, value)); };
    return {
        {QStringLiteral("import"),
         Text::tr("Import orders FILE from a shop platform (Shopify, WooCommerce, Amazon, eBay, Etsy, ours)."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("format"),
                    Text::tr("auto (default), shopify, woocommerce, amazon, ebay, etsy or stockroom."),
                    QStringLiteral("F"));
             option(p, QStringLiteral("channel"),
                    Text::tr("The channel the orders belong to (default: the platform's name)."),
                    QStringLiteral("C"));
             option(p, QStringLiteral("dry-run"), Text::tr("Report what would happen; change nothing."));
         },
         commandImport},
        {QStringLiteral("alias"),
         Text::tr("SKU aliases: list, set THEIRS OURS, remove THEIRS, waiting [ORDER], drop ORDER LINE."),
         [&](QCommandLineParser &p) {
             option(p, QStringLiteral("channel"), Text::tr("The channel the alias is for (default: every channel)."),
                    QStringLiteral("C"));
         },
         commandAlias},
    };
}

} // namespace Stockroom::Cli
