// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportcommands.h"

#include "dataexport.h"
#include "feedservice.h"
#include "stockfeed.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace Stockroom::Cli {

namespace {

const QStringList channelFeedOptions {QStringLiteral("buffer"), QStringLiteral("buffer-percent"),
                                      QStringLiteral("locations"), QStringLiteral("feed-format")};
const QStringList channelRuleOptions {QStringLiteral("pay-later"), QStringLiteral("ship-from")};

/** The first of these options that is set, or an empty string. */
QString firstSet(const QCommandLineParser &parser, const QStringList &options)
{
    for (const QString &option : options) {
        if (parser.isSet(option)) {
            return option;
        }
    }
    return {};
}

QJsonValue nullable(const std::optional<int> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QString orDash(const std::optional<int> &value)
{
    return value ? QString::number(*value) : Text::tr("—");
}

// ---- export -----------------------------------------------------------------------------------------

Result<int> commandExport(Invocation &call)
{
    const QStringList arguments = call.arguments();
    const std::optional<DataExport::Kind> kind
        = arguments.size() == 1 ? DataExport::kindFromName(arguments.first()) : std::nullopt;
    if (!kind) {
        return usage(Text::tr("export takes one of orders, stock, ledger or products, and --out FILE."));
    }
    const QString file = call.parser.value(QStringLiteral("out"));
    if (file.isEmpty()) {
        return usage(Text::tr("export needs --out FILE (- for standard output)."));
    }
    QString since;
    if (call.parser.isSet(QStringLiteral("since"))) {
        if (!DataExport::takesSince(*kind)) {
            return usage(
                Text::tr("--since goes with export orders and export ledger; %1 are exported as they "
                         "are now.")
                    .arg(DataExport::kindName(*kind)));
        }
        const Result<QString> from = ExportService::sinceFrom(call.parser.value(QStringLiteral("since")));
        if (!from) {
            return usage(Text::tr("--since: %1").arg(from.error().message));
        }
        since = *from;
    }

    if (file == QLatin1String("-")) {
        if (call.json()) {
            return usage(Text::tr("--json goes with --out FILE: with --out - the CSV is the output."));
        }
        out().flush();
        QFile stdoutFile;
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly, QFileDevice::DontCloseHandle)) {
            return Error::database(
                Text::tr("Cannot write to standard output: %1").arg(stdoutFile.errorString()));
        }
        STOCKROOM_CHECK(DataExport::write(*call.context, *kind, stdoutFile, since));
        return Done;
    }

    STOCKROOM_TRY(summary, DataExport::writeFile(*call.context, *kind, file, since));
    if (call.json()) {
        printJson(QJsonObject {
            {QStringLiteral("export"), summary.kind},
            {QStringLiteral("file"), summary.file},
            {QStringLiteral("rows"), summary.rows},
            {QStringLiteral("since"), since.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(since)}});
        return Done;
    }
    out() << Text::tr("Exported %1: %n row(s) to %2.", nullptr, int(summary.rows))
                 .arg(summary.kind, summary.file)
          << Qt::endl;
    return Done;
}

// ---- feed -------------------------------------------------------------------------------------------

Result<std::optional<FeedFormat>> formatOption(const QCommandLineParser &parser, const QString &option)
{
    if (!parser.isSet(option)) {
        return std::optional<FeedFormat> {};
    }
    const std::optional<FeedFormat> format = feedFormatFromName(parser.value(option));
    if (!format) {
        return usage(
            Text::tr("--%1 takes csv or shopify-inventory, not \"%2\".").arg(option, parser.value(option)));
    }
    return format;
}

Result<int> feedDryRun(Invocation &call, const QString &channel, std::optional<FeedFormat> format)
{
    FeedService feeds(*call.context);
    STOCKROOM_TRY(status, feeds.channel(channel));
    STOCKROOM_TRY(changes, feeds.changesSince(channel, format));
    const FeedFormat used
        = format ? *format : feedFormatFromName(status.channel.settings.format).value_or(FeedFormat::Csv);
    QSet<QString> skus;
    for (const FeedChange &change : std::as_const(changes)) {
        skus.insert(change.sku);
    }
    if (call.json()) {
        QJsonArray rows;
        for (const FeedChange &change : std::as_const(changes)) {
            rows.append(QJsonObject {{QStringLiteral("sku"), change.sku},
                                     {QStringLiteral("location"), change.locationCode},
                                     {QStringLiteral("last"), nullable(change.lastWritten)},
                                     {QStringLiteral("now"), nullable(change.now)}});
        }
        printJson(QJsonObject {{QStringLiteral("channel"), status.channel.name},
                               {QStringLiteral("format"), feedFormatName(used)},
                               {QStringLiteral("dry_run"), true},
                               {QStringLiteral("last_written_at"),
                                status.channel.writtenAt.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                   : QJsonValue(status.channel.writtenAt)},
                               {QStringLiteral("changed_skus"), int(skus.size())},
                               {QStringLiteral("changes"), rows}});
        return Done;
    }
    if (!changes.isEmpty()) {
        out() << QStringLiteral("%1 %2 %3 %4")
                     .arg(Text::tr("SKU"), -20)
                     .arg(Text::tr("Location"), -10)
                     .arg(Text::tr("Last"), 8)
                     .arg(Text::tr("Now"), 8)
              << Qt::endl;
        for (const FeedChange &change : std::as_const(changes)) {
            out() << QStringLiteral("%1 %2 %3 %4")
                         .arg(change.sku, -20)
                         .arg(change.locationCode.isEmpty() ? Text::tr("(total)") : change.locationCode, -10)
                         .arg(orDash(change.lastWritten), 8)
                         .arg(orDash(change.now), 8)
                  << Qt::endl;
        }
    }
    const QString since = status.channel.writtenAt.isEmpty()
        ? Text::tr("no feed was written yet")
        : Text::tr("since the last feed (%1 by %2)").arg(status.channel.writtenAt, status.channel.writtenBy);
    out() << Text::tr("Feed of %1 (%2): %n number(s) of %3 SKU(s) would change, %4. Dry run: nothing was "
                      "written.",
                      nullptr, int(changes.size()))
                 .arg(status.channel.name, feedFormatName(used))
                 .arg(skus.size())
                 .arg(since)
          << Qt::endl;
    return Done;
}

Result<int> commandFeed(Invocation &call)
{
    if (!call.arguments().isEmpty()) {
        return usage(Text::tr("feed takes --channel C and --out FILE (or --dry-run), no other arguments."));
    }
    const QString channel = call.parser.value(QStringLiteral("channel")).trimmed();
    if (channel.isEmpty()) {
        return usage(Text::tr("feed needs --channel C."));
    }
    STOCKROOM_TRY(format, formatOption(call.parser, QStringLiteral("format")));
    if (call.parser.isSet(QStringLiteral("dry-run"))) {
        return feedDryRun(call, channel, format);
    }
    const QString file = call.parser.value(QStringLiteral("out"));
    if (file.isEmpty()) {
        return usage(Text::tr("feed needs --out FILE (or --dry-run to see what would change)."));
    }
    if (file == QLatin1String("-")) {
        return usage(Text::tr("feed writes a file, which it replaces only once the feed is complete and "
                              "recorded: give --out FILE, not -."));
    }
    STOCKROOM_TRY(result, StockFeed::writeFile(*call.context, channel, file, format));
    if (call.json()) {
        printJson(QJsonObject {{QStringLiteral("channel"), result.channel},
                               {QStringLiteral("format"), feedFormatName(result.format)},
                               {QStringLiteral("file"), result.file},
                               {QStringLiteral("written_at"), result.writtenAt},
                               {QStringLiteral("rows"), result.rows},
                               {QStringLiteral("skus"), result.skus},
                               {QStringLiteral("changed_items"), result.changedItems},
                               {QStringLiteral("changed_skus"), result.changedSkus}});
        return Done;
    }
    out() << Text::tr("Feed of %1 (%2) written to %3: %4 rows, %5 SKUs; %6 numbers of %7 SKUs changed since "
                      "the last feed.")
                 .arg(result.channel, feedFormatName(result.format), result.file)
                 .arg(result.rows)
                 .arg(result.skus)
                 .arg(result.changedItems)
                 .arg(result.changedSkus)
          << Qt::endl;
    return Done;
}

// ---- channel set / list -----------------------------------------------------------------------------

/** A whole number as typed (the service says what range it must be in). */
Result<std::optional<int>> numberOption(const QCommandLineParser &parser, const QString &option)
{
    if (!parser.isSet(option)) {
        return std::optional<int> {};
    }
    bool ok = false;
    const int value = parser.value(option).trimmed().toInt(&ok);
    if (!ok) {
        return usage(Text::tr("--%1 takes a whole number, not \"%2\".").arg(option, parser.value(option)));
    }
    return std::optional<int> {value};
}

QJsonObject channelJson(const ChannelFeedRecord &channel)
{
    return QJsonObject {
        {QStringLiteral("channel"), channel.name},
        {QStringLiteral("feed_format"), channel.settings.format},
        {QStringLiteral("buffer_units"), channel.settings.bufferUnits},
        {QStringLiteral("buffer_percent"), channel.settings.bufferPercent},
        {QStringLiteral("locations"), QJsonArray::fromStringList(channel.settings.locations)},
        {QStringLiteral("written_at"),
         channel.writtenAt.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(channel.writtenAt)},
        {QStringLiteral("written_by"), channel.writtenBy},
        {QStringLiteral("file"), channel.file},
    };
}

QString locationsText(const FeedSettings &settings)
{
    return settings.locations.isEmpty() ? Text::tr("every active location")
                                        : settings.locations.join(QStringLiteral(", "));
}

Result<int> channelSet(Invocation &call)
{
    if (call.arguments().size() != 2 || call.arguments().at(1).trimmed().isEmpty()) {
        return usage(Text::tr("channel set takes one channel name."));
    }
    if (const QString rule = firstSet(call.parser, channelRuleOptions); !rule.isEmpty()) {
        return usage(
            Text::tr("--%1 goes with channel NAME (its fulfilment rules), not with channel set.").arg(rule));
    }
    FeedSettingsChange change;
    STOCKROOM_TRY(buffer, numberOption(call.parser, QStringLiteral("buffer")));
    STOCKROOM_TRY(percent, numberOption(call.parser, QStringLiteral("buffer-percent")));
    change.bufferUnits = buffer;
    change.bufferPercent = percent;
    if (call.parser.isSet(QStringLiteral("locations"))) {
        change.locations = call.parser.value(QStringLiteral("locations")).split(QLatin1Char(','));
    }
    if (call.parser.isSet(QStringLiteral("feed-format"))) {
        change.format = call.parser.value(QStringLiteral("feed-format"));
    }
    STOCKROOM_TRY(channel, FeedService(*call.context).setFeedSettings(call.arguments().at(1), change));
    if (call.json()) {
        printJson(channelJson(channel));
        return Done;
    }
    out() << Text::tr("Channel %1: feed as %2 from %3, holding back %4 units and %5 %.")
                 .arg(channel.name, channel.settings.format, locationsText(channel.settings))
                 .arg(channel.settings.bufferUnits)
                 .arg(channel.settings.bufferPercent)
          << Qt::endl;
    return Done;
}

Result<int> channelList(Invocation &call)
{
    if (call.arguments().size() != 1) {
        return usage(Text::tr("channel list takes no other arguments."));
    }
    if (const QString option = firstSet(call.parser, channelRuleOptions + channelFeedOptions);
        !option.isEmpty()) {
        return usage(Text::tr("channel list does not take --%1.").arg(option));
    }
    STOCKROOM_TRY(channels, FeedService(*call.context).channels());
    if (call.json()) {
        QJsonArray rows;
        for (const ChannelFeedStatus &status : std::as_const(channels)) {
            QJsonObject row = channelJson(status.channel);
            row.insert(QStringLiteral("changed_skus"), status.changedSkus);
            row.insert(QStringLiteral("changed_items"), status.changedItems);
            rows.append(row);
        }
        printJson(rows);
        return Done;
    }
    out() << QStringLiteral("%1 %2 %3 %4 %5 %6")
                 .arg(Text::tr("Channel"), -14)
                 .arg(Text::tr("Format"), -18)
                 .arg(Text::tr("Buffer"), -10)
                 .arg(Text::tr("Locations"), -22)
                 .arg(Text::tr("Last feed"), -40)
                 .arg(Text::tr("Changed SKUs"), 12)
          << Qt::endl;
    for (const ChannelFeedStatus &status : std::as_const(channels)) {
        const FeedSettings &settings = status.channel.settings;
        out() << QStringLiteral("%1 %2 %3 %4 %5 %6")
                     .arg(status.channel.name, -14)
                     .arg(settings.format, -18)
                     .arg(QStringLiteral("%1 + %2 %").arg(settings.bufferUnits).arg(settings.bufferPercent),
                          -10)
                     .arg(settings.locations.isEmpty() ? Text::tr("all active")
                                                       : settings.locations.join(u','),
                          -22)
                     .arg(status.channel.writtenAt.isEmpty()
                              ? Text::tr("never")
                              : Text::tr("%1 by %2").arg(status.channel.writtenAt, status.channel.writtenBy),
                          -40)
                     .arg(status.changedSkus, 12)
              << Qt::endl;
    }
    return Done;
}

} // namespace

void addChannelFeedOptions(QCommandLineParser &parser)
{
    addOption(parser, QStringLiteral("buffer"), Text::tr("set: units the feed holds back of every number."),
              QStringLiteral("N"));
    addOption(parser, QStringLiteral("buffer-percent"),
              Text::tr("set: percent (rounded up) the feed holds back of every number."),
              QStringLiteral("P"));
    addOption(parser, QStringLiteral("locations"),
              Text::tr("set: the locations the feed reports, comma-separated (\"\" for every active one)."),
              QStringLiteral("CODES"));
    addOption(parser, QStringLiteral("feed-format"), Text::tr("set: csv or shopify-inventory."),
              QStringLiteral("FORMAT"));
}

Result<int> channelCommand(Invocation &call, const std::function<Result<int>(Invocation &)> &rules)
{
    const QString action = call.arguments().value(0);
    if (action == QLatin1String("set")) {
        return channelSet(call);
    }
    if (action == QLatin1String("list")) {
        return channelList(call);
    }
    if (const QString option = firstSet(call.parser, channelFeedOptions); !option.isEmpty()) {
        return usage(Text::tr("--%1 goes with channel set NAME.").arg(option));
    }
    return rules(call);
}

QList<Command> exportCommands()
{
    return {
        {QStringLiteral("export"),
         Text::tr("Write orders, stock, ledger or products as CSV: export KIND --out FILE."),
         [](QCommandLineParser &p) {
             addOption(p, QStringLiteral("out"), Text::tr("The CSV file to write (- for standard output)."),
                       QStringLiteral("FILE"));
             addOption(p, QStringLiteral("since"),
                       Text::tr("orders: placed or updated since; ledger: movements since (UTC)."),
                       QStringLiteral("DATE"));
         },
         commandExport},
        {QStringLiteral("feed"),
         Text::tr("Write a channel's stock feed (available to sell) in the platform's format."),
         [](QCommandLineParser &p) {
             addOption(p, QStringLiteral("channel"), Text::tr("The sales channel."), QStringLiteral("C"));
             addOption(p, QStringLiteral("format"),
                       Text::tr("csv or shopify-inventory (default: the channel's)."),
                       QStringLiteral("FORMAT"));
             addOption(p, QStringLiteral("out"), Text::tr("The file to write."), QStringLiteral("FILE"));
             addOption(p, QStringLiteral("dry-run"),
                       Text::tr("Show what would change since the last feed, write "
                                "nothing."));
         },
         commandFeed},
    };
}

} // namespace Stockroom::Cli
