// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feedservice.h"

#include <QCoreApplication>
#include <QIODevice>

#include <memory>
#include <optional>

namespace Stockroom {

/**
 * The channel stock feed's files, in the platform's own import format (FeedService computes the numbers).
 *
 * csv: `sku,location,available`, per SKU a row for each of the channel's locations (by location code,
 * in routing order) and then the SKU's total with an empty location; one shape whatever the channel's
 * location set, so that a script needs to read only one. With a buffer the total is the buffer applied to
 * the SKU's whole available quantity, not the sum of the location rows (each number holds the buffer back).
 *
 * shopify-inventory: Shopify's inventory CSV as its admin exports it today (Products → Inventory →
 * Export, "All quantity types"), one row per variant and location, whose importer sets on hand from the
 * "On hand (new)" column; see shopifyInventoryHeader(). Rows carry our SKU and our location's name.
 */
class StockFeed
{
    Q_DECLARE_TR_FUNCTIONS(StockFeed)

public:
    static QString csvHeader();
    /**
     * The 19 columns of Shopify's current inventory CSV. What they hold here, and why:
     *
     * - Handle, Title and the option columns are empty: we keep no Shopify handles, and the importer
     *   then finds the variant by its SKU. A variant without a SKU in Shopify cannot be found that way:
     *   give it the SKU Stockroom uses for it once (for products imported from Shopify without SKUs, the
     *   derived one of ProductImport::derivedShopifySku, e.g. "otti-combat-boot-milky-38"), in Shopify's
     *   product editor or with a products CSV import, and the feed reaches it from then on.
     * - Location: our location's name, which must be the name of the Shopify location it stands for.
     * - "On hand (new)": what the channel may sell (FeedService). Shopify's importer overwrites on hand
     *   with it; Shopify then shows as Available that minus what it holds as Committed (its own unfulfilled
     *   orders, already reserved here), so Shopify errs on the side of selling less until they ship.
     * - "On hand (current)" is empty: Shopify skips a row whose current value differs from what it has
     *   (a guard for files edited by hand); we do not know its count, and our number is meant to win.
     * - Bin name, HS Code, COO and the "(not editable)" columns are empty: the importer leaves empty cells
     *   unchanged.
     *
     * Based on Shopify's help pages "Exporting or importing inventory with a CSV file" and the inventory
     * CSV file format they describe, and on Shopify's real export in the shared test data
     * (shopify/inventory_export_1.csv, whose older header ends Incoming,Unavailable,Committed,Available,
     * On hand and which ProductImport reads).
     */
    static QString shopifyInventoryHeader();

    /** A writer for FeedService::writeFeed that writes the format the feed's header names onto the device. */
    static std::unique_ptr<FeedWriter> writer(QIODevice &device);

    /**
     * Writes the channel's feed to fileName: the rows go to a temporary file beside it that replaces the
     * file only after the database has recorded the feed (QSaveFile), so a run that fails leaves neither
     * a half-written file nor a recorded feed, and an older feed file stays as it was.
     */
    static Result<FeedWriteResult> writeFile(ServiceContext &context, const QString &channel,
                                             const QString &fileName, std::optional<FeedFormat> format = {});
};

} // namespace Stockroom
