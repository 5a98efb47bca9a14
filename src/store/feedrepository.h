// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalogrepository.h"
#include "database.h"

#include <QHash>
#include <QStringList>

#include <optional>

namespace Stockroom {

// ---- Exports ----------------------------------------------------------------------------------------

/** One line of an order as the orders export writes it, with its order's columns beside it. */
struct OrderExportLine
{
    qint64 orderId = 0;
    QString channel;
    QString externalId;
    QString placedAt;
    QString status;
    QString paymentStatus;
    QString customerName;
    QString email;
    QString address; ///< the customer's address
    QString postcode; ///< where the order ships to
    QString region;
    qint64 totalCents = 0;
    qint64 paidCents = 0;
    qint64 refundedCents = 0;
    int lineNo = 0;
    QString sku; ///< ours; for a line no product of ours matched, the SKU the channel gave
    QString name;
    int qty = 0;
    qint64 unitPriceCents = 0;
    int qtyShipped = 0;
    int qtyCancelled = 0;
    QString note; ///< the order's note
    bool unmatched
        = false; ///< a line of an imported order whose SKU we do not know (the order waits on hold)
};

/** A page of the orders export: the lines of up to `limit` orders, and where the next page starts. */
struct OrderExportPage
{
    QList<OrderExportLine> lines;
    qint64 lastOrderId = 0; ///< the cursor of the next page
    int orders = 0; ///< orders read; fewer than asked means this was the last page
};

/** One level of the stock export, with the location's settings for the product. */
struct StockExportRow
{
    QString sku;
    QString locationCode;
    int onHand = 0;
    int reserved = 0;
    QString bin;
    int reorderPoint = 0;
    int reorderQty = 0;
    qint64 averageCostCents = 0;
    // The keyset cursor: SKU, then the location's priority and id (the order `stock` lists levels in).
    int locationPriority = 0;
    qint64 locationId = 0;
    int available() const { return onHand - reserved; }
};

/** One ledger row as the ledger export writes it. */
struct LedgerExportRow
{
    qint64 id = 0;
    QString createdAt;
    QString sku;
    QString locationCode;
    int deltaOnHand = 0;
    int deltaReserved = 0;
    QString reason;
    QString refType;
    qint64 refId = 0;
    qint64 shipmentOrderId = 0; ///< for a shipment reference: its order (people know it by that number)
    QString note;
    QString userName;
};

// ---- Channel stock feed -----------------------------------------------------------------------------

/** A channel's stock-feed settings (columns feed_* of channels). */
struct FeedSettings
{
    int bufferUnits = 0; ///< held back of every number the feed publishes
    int bufferPercent = 0; ///< 0–100, rounded up, held back too
    QStringList locations; ///< location codes; empty: every active location
    QString format = QStringLiteral("csv");

    bool operator==(const FeedSettings &) const = default;
};

/** A channel with its feed settings and the last feed written. */
struct ChannelFeedRecord
{
    QString name;
    FeedSettings settings;
    QString writtenAt; ///< empty: never written
    QString writtenBy;
    QString file;
    bool stored = false; ///< false: known only from its orders (no channels row yet, default settings)
};

/** A location a feed reports, in routing order. */
struct FeedLocation
{
    qint64 id = 0;
    QString code;
    QString name;
    int priority = 0;
    bool active = true;
};

/** What a feed needs of one product: its levels everywhere and the units its waiting order lines are owed. */
struct FeedProduct
{
    qint64 id = 0;
    QString sku;
    QString name;
    bool active = true;
    int backordered = 0; ///< units of open orders waiting for stock (qty_backordered)
    struct Level
    {
        qint64 locationId = 0;
        int onHand = 0;
        int reserved = 0;
    };
    QList<Level> levels;
};

/** One number of a feed as recorded in channel_feed_items. */
struct FeedItem
{
    qint64 productId = 0;
    QString locationCode; ///< '' for a number that has no location (the csv feed's total per SKU)
    int qty = 0;
};

/**
 * What the exports and the channel stock feed read and write: keyset pages over orders, levels, the
 * ledger and products (so that an export of millions of rows never holds one giant result set), and the
 * channels' feed settings and last feeds. SQL only; the caller owns the transaction.
 */
class FeedRepository
{
public:
    explicit FeedRepository(Database &db)
        : m_db(db)
    {
    }

    // Exports; since is a stored time ('' for all), compared as text (stored times sort as text).
    /** The lines of the next `limit` orders after afterOrderId, placed or updated at or after since. */
    Result<OrderExportPage> ordersPage(qint64 afterOrderId, const QString &since, int limit);
    /** The next levels after the cursor row (nullptr: from the start), by SKU and location order. */
    Result<QList<StockExportRow>> stockPage(const StockExportRow *after, int limit);
    Result<QList<LedgerExportRow>> ledgerPage(qint64 afterId, const QString &since, int limit);
    Result<QList<ProductRecord>> productsPage(const QString &afterSku, int limit);

    // Channels
    /** Every channel with a channels row, and those only orders name, by name. */
    Result<QList<ChannelFeedRecord>> channels();
    /** The channel, also one only orders name (stored false); nullopt when nothing knows it. */
    Result<std::optional<ChannelFeedRecord>> channel(const QString &name);
    /** Creates the channels row with the default rules when it is missing. */
    Status ensureChannel(const QString &name, const QString &at);
    Status saveFeedSettings(const QString &name, const FeedSettings &settings);
    /**
     * Takes the channel row's lock until commit (an UPDATE that changes nothing: SQLite has no FOR UPDATE,
     * and holds the write lock anyway): two feeds of one channel, or a feed and a settings change, queue.
     */
    Status lockChannel(const QString &name);
    /** Records a written feed. */
    Status recordFeedWritten(const QString &name, const QString &format, const QString &at,
                             const QString &user, const QString &file);

    // Feed numbers
    /** The locations with these codes (all of them, active or not), or every active one when empty. */
    Result<QList<FeedLocation>> feedLocations(const QStringList &codes);
    /** The next products after afterSku, by SKU, each with its levels and waiting units. */
    Result<QList<FeedProduct>> feedPage(const QString &afterSku, int limit);
    /** What the channel's last feed said: (product id, location code) → units. */
    Result<QHash<QPair<qint64, QString>, int>> feedItems(const QString &channel);
    Status clearFeedItems(const QString &channel);
    Status insertFeedItems(const QString &channel, const QList<FeedItem> &items);

private:
    Database &m_db;
};

} // namespace Stockroom
