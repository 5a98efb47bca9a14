// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "feedrepository.h"
#include "servicecontext.h"

#include <algorithm>
#include <functional>
#include <optional>

namespace Stockroom {

/** The file formats of a channel's stock feed (the writers live in io/stockfeed.h). */
enum class FeedFormat {
    Csv, ///< sku,location,available: a row per location, then the SKU's total (location empty)
    ShopifyInventory, ///< Shopify's inventory CSV, a row per variant and location, "On hand (new)" set
};

/** "csv", "shopify-inventory" (--format, channels.feed_format). */
QString feedFormatName(FeedFormat format);
std::optional<FeedFormat> feedFormatFromName(const QString &name);

/** One number a feed publishes. */
struct FeedRow
{
    qint64 productId = 0;
    QString sku;
    QString productName;
    QString locationCode; ///< empty for the total of a SKU (csv)
    QString locationName;
    int available = 0; ///< what the channel may sell: after reservations, waiting orders and the buffer
};

/** What a feed writer learns before the rows. */
struct FeedHeader
{
    QString channel;
    FeedFormat format = FeedFormat::Csv;
    QList<FeedLocation> locations; ///< the channel's locations, in routing order
};

/**
 * Where the rows of a feed go: a file format (io/stockfeed.h). begin() may be called again when the
 * database asks for the transaction to be run again; it then starts the output over.
 */
class FeedWriter
{
public:
    virtual ~FeedWriter() = default;
    virtual Status begin(const FeedHeader &header) = 0;
    virtual Status write(const QList<FeedRow> &rows) = 0;
    /** Everything written has reached the device (a full disk is an error here, before the commit). */
    virtual Status finish() = 0;
};

/** A channel's feed as a screen shows it: settings, last feed, and how much changed since. */
struct ChannelFeedStatus
{
    ChannelFeedRecord channel;
    int changedSkus = 0; ///< SKUs with at least one number that differs from the last feed (all if none)
    int changedItems = 0;
};

/** One number that differs between the last feed and now. */
struct FeedChange
{
    qint64 productId = 0;
    QString sku;
    QString locationCode; ///< '' for a total (csv) number
    std::optional<int> lastWritten; ///< nullopt: the last feed did not have it (or there was none)
    std::optional<int> now; ///< nullopt: the feed no longer has it (a location left the channel's set)
};

/** What writing a feed did. */
struct FeedWriteResult
{
    QString channel;
    FeedFormat format = FeedFormat::Csv;
    QString file;
    QString writtenAt;
    int rows = 0;
    int skus = 0;
    int changedItems = 0; ///< numbers that differ from the last feed
    int changedSkus = 0;
};

/** Changes to a channel's feed settings; what is unset stays. */
struct FeedSettingsChange
{
    std::optional<int> bufferUnits;
    std::optional<int> bufferPercent;
    std::optional<QStringList> locations; ///< empty list: every active location
    std::optional<QString> format;
};

/**
 * The channels' stock feeds. Available to sell, per SKU at each of the channel's locations:
 *
 *  1. on hand − reserved there (what no order holds), 0 where the product has no stock or the location
 *     is inactive;
 *  2. minus the units owed to waiting order lines of the product (qty_backordered of open orders, of
 *     every channel: those customers are served from the next units anyway), taken from the locations in
 *     routing order (priority, then id), so that the location numbers add up to the SKU's total;
 *  3. then the buffer, on each number the feed publishes (every location's and the total): hold back
 *     N units and P % of it, rounded up, never below 0. An inactive product publishes 0.
 *
 * Each call is one transaction; writing a feed records it (channels.feed_written_*, channel_feed_items)
 * and a change-log entry "channel" in the same transaction as the rows go to the writer.
 */
class FeedService
{
    Q_DECLARE_TR_FUNCTIONS(FeedService)

public:
    explicit FeedService(ServiceContext &context)
        : m_context(context)
    {
    }

    /** Every channel (set up, or only named by orders) with its feed state. */
    Result<QList<ChannelFeedStatus>> channels();
    Result<ChannelFeedStatus> channel(const QString &name);
    /** The numbers that differ between the last feed and now (format: the channel's unless given). */
    Result<QList<FeedChange>> changesSince(const QString &channel, std::optional<FeedFormat> format = {});
    /** Validates and saves; creates the channel when it is new. Refuses unknown locations and bad numbers. */
    Result<ChannelFeedRecord> setFeedSettings(const QString &channel, const FeedSettingsChange &change);
    /**
     * Computes the feed and hands it to the writer page by page, records it, and commits; the caller
     * keeps its file until this returns success (so a failure leaves neither a file nor a record).
     * fileName is only recorded. format: the channel's unless given; it becomes the channel's format.
     */
    Result<FeedWriteResult> writeFeed(const QString &channel, std::optional<FeedFormat> format,
                                      const QString &fileName, FeedWriter &writer);

    /** Products per read (for tests of the paging). */
    void setPageSize(int products) { m_pageSize = std::max(1, products); }

    /** Step 3 of the rule: what the feed publishes of `available` units with this buffer. */
    static int afterBuffer(int available, int bufferUnits, int bufferPercent);

private:
    struct Plan;
    Result<Plan> plan(const QString &channel, std::optional<FeedFormat> format);
    Status forEachPage(FeedRepository &feed, const Plan &plan,
                       const std::function<Status(const QList<FeedRow> &)> &page);
    Result<QList<FeedChange>> compare(FeedRepository &feed, const Plan &plan);

    ServiceContext &m_context;
    int m_pageSize = 1000;
};

/**
 * The exports' reads: each export is one read transaction (one snapshot, however long it takes) that
 * hands keyset pages to a sink, which writes them out as they come (io/dataexport.h).
 */
class ExportService
{
    Q_DECLARE_TR_FUNCTIONS(ExportService)

public:
    explicit ExportService(ServiceContext &context)
        : m_context(context)
    {
    }

    /** since: a stored time ('' for everything): orders placed or updated then or later. */
    Status orders(const QString &since, const std::function<Status(const QList<OrderExportLine> &)> &sink);
    Status stock(const std::function<Status(const QList<StockExportRow> &)> &sink);
    /** since: movements created then or later. */
    Status ledger(const QString &since, const std::function<Status(const QList<LedgerExportRow> &)> &sink);
    Status products(const std::function<Status(const QList<ProductRecord> &)> &sink);

    /** Rows per read (orders per read for the orders export), ~5,000 by default; small for tests. */
    void setPageSize(int rows) { m_pageSize = std::max(1, rows); }

    /**
     * "2025-05-01" (the start of that day, UTC) or an ISO 8601 time with Z or an offset, as a stored time;
     * a usage error naming the text otherwise.
     */
    static Result<QString> sinceFrom(const QString &text);

private:
    /** Runs work on one read snapshot; emitted says whether rows went out (they must not go out twice). */
    Status snapshot(const std::function<Status(bool &emitted)> &work);

    ServiceContext &m_context;
    int m_pageSize = 5000;
};

} // namespace Stockroom
