// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Stockroom {

// An order as a shop platform's file gives it, in our words: what the file readers (src/io) produce and
// the order import (src/services) applies. Plain data in the domain layer, so that neither of the two
// depends on the other. channelState() is implemented in channelorder.cpp.

/** How far the channel has fulfilled an order (its own words, before we compare). */
enum class ChannelFulfilment {
    Unfulfilled,
    Partial,
    Fulfilled,
};

/** The stable lowercase words of channel states (stored with the order, shown in reports). */
struct ChannelOrderStateWords
{
    static QString fulfilment(ChannelFulfilment fulfilment);
};

/** One item of an order as the platform gives it; SKU matching to our products is the database side's. */
struct ImportedOrderLine
{
    int line = 0; ///< the file line of the row (1-based)
    QString sku; ///< as the platform gives it; may be empty (Shopify lines of products without SKUs)
    QString name; ///< the item's (variant's) name as the platform shows it, e.g. "Snowboard - Blue / M"
    int qty = 0; ///< > 0
    qint64 unitPriceCents = 0; ///< ≥ 0
    bool fulfilled = false; ///< the channel says this line has left (per line where the format says so)
};

/** One order of a platform's file, in our words (payment state names as in orderstatus.h). */
struct ImportedOrder
{
    int line = 0; ///< the first file line of the order
    QString channel; ///< the channel the file names for this order (our own format only); empty: the importer's
    QString externalId; ///< the platform's order id/name ("#1001", "114-1234567-1234567"): with the channel the key
    QDateTime placedAt; ///< valid, in UTC
    QString paymentStatus = QStringLiteral("pending"); ///< pending|authorized|paid|partially_refunded|refunded|voided
    std::optional<qint64> totalCents; ///< what the customer pays, when the file says (shipping, tax, discounts in)
    qint64 paidCents = 0; ///< what the platform says was paid (0 when it does not say)
    qint64 refundedCents = 0;
    ChannelFulfilment fulfilment = ChannelFulfilment::Unfulfilled;
    bool cancelled = false;
    QString customerName;
    QString email;
    QString address; ///< one line: street, city
    QString postcode; ///< without Shopify's leading apostrophe
    QString region; ///< province/state name, else country
    QString country;
    QString currency; ///< "EUR", empty when the file does not say
    QString note; ///< the customer's or the shop's note, line breaks kept
    QList<ImportedOrderLine> lines; ///< every item; lines that ship nothing (gift cards) are left out
    int skippedLines = 0; ///< items left out because nothing ships (gift cards, digital goods)

    /**
     * The channel's state in a few stable words, e.g. "paid/fulfilled" or "refunded:1250/unfulfilled/cancelled":
     * stored with the order, so that the same state in a later export is recognised as unchanged.
     */
    QString channelState() const;
};

} // namespace Stockroom
