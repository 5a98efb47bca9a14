// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "channelorder.h"
#include "fileproblem.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

class QIODevice;

namespace Stockroom {

// ImportedOrder, ImportedOrderLine and ChannelFulfilment live in src/domain/channelorder.h (the order
// import service uses them too); ImportedOrder::channelState() is implemented there, not in src/io.

/** The order files of the shop platforms a clerk downloads, and our own. */
enum class OrderFileFormat {
    Auto, ///< detected from the header line
    Stockroom, ///< our orders file (what `stockroomctl export orders` writes), one row per line
    Shopify, ///< Shopify's "Export orders" (orders_export*.csv, 79 columns), one row per line item
    WooCommerce, ///< WooCommerce order exports: one row per order (line_items) or one row per line item
    Amazon, ///< Amazon order reports, tab-separated, one row per order item
    Ebay, ///< eBay Seller Hub orders report, with its preamble and trailer lines
    Etsy, ///< Etsy's "sold order items" CSV, one row per item
};

/**
 * Reads a platform's order file one order at a time, so that memory stays flat in the file size:
 * the rows of one order follow each other in every platform's export (an order whose rows come apart is a
 * problem, reported with both lines). Columns are found by their header names, in any order and any case,
 * never by position; the format is detected from the header (after eBay's preamble). UTF-8 with or without
 * a byte order mark, CRLF or LF.
 *
 * Every problem of a row (a bad date, a bad number, an empty order id) is reported with file, line,
 * column and why (at most 1000, the last says how many more), and the reader goes on so that a clerk can
 * fix a file in one go; an order with a problem is not returned. A file that is not what its format says
 * (or of no known format) is refused whole at open(), with a message that names the expected header.
 */
class OrderFileReader
{
    Q_DECLARE_TR_FUNCTIONS(OrderFileReader)

public:
    explicit OrderFileReader(const QString &fileName, OrderFileFormat format = OrderFileFormat::Auto);
    /**
     * Reads an open device instead of a file (tests, fuzzing, a download in memory); the reader does not own
     * it. fileName is what problems name.
     */
    OrderFileReader(QIODevice *device, const QString &fileName,
                    OrderFileFormat format = OrderFileFormat::Auto);
    ~OrderFileReader();
    OrderFileReader(const OrderFileReader &) = delete;
    OrderFileReader &operator=(const OrderFileReader &) = delete;

    /** Opens the file and reads the header; false (and a problem) when it is unreadable, empty or not of the format. */
    bool open();
    /** The next order, or nullopt at the end of the file (or after an error that stops reading, e.g. an open quote). */
    std::optional<ImportedOrder> next();

    OrderFileFormat format() const; ///< the one detected or forced
    const QList<FileProblem> &problems() const;
    bool ok() const { return problems().isEmpty(); }
    int rowsRead() const; ///< data rows seen so far (header, preamble, trailer and blank lines not counted)
    qint64 bytesRead() const; ///< for progress
    qint64 size() const;

    /** "auto", "stockroom", "shopify", "woocommerce", "amazon", "ebay", "etsy" (for --format). */
    static QString formatName(OrderFileFormat format);
    static std::optional<OrderFileFormat> formatFromName(const QString &name);
    /**
     * The channel an order of this format belongs to unless the user names one: "shopify", "amazon", …;
     * empty for ours (its channel column names each order's) and for Auto.
     */
    static QString defaultChannel(OrderFileFormat format);
    /** Our orders file's header (export and import agree on it). */
    static QString stockroomOrdersHeader();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Stockroom
