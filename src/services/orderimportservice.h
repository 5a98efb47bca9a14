// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "channelorder.h"
#include "channelorderrepository.h"
#include "orderrepository.h"
#include "servicecontext.h"

#include <QCoreApplication>

#include <optional>

namespace Stockroom {

/**
 * Where imported orders come from: a platform's file read one order at a time (src/io's OrderFileReader
 * behind this interface, so that the services do not depend on file formats).
 */
class ChannelOrderSource
{
public:
    virtual ~ChannelOrderSource() = default;
    /** (Re)starts from the first order; a retried transaction reads the file again. False: unreadable. */
    virtual bool start() = 0;
    virtual std::optional<ImportedOrder> next() = 0;
    /** Whether any row was refused: then nothing is applied. */
    virtual bool hasProblems() const = 0;
};

struct OrderImportOptions
{
    QString channel; ///< the channel the orders belong to ("shopify", "Shopify EU", …); required
    QString fileName; ///< for the imports record and messages
    QString formatName;
    bool dryRun = false; ///< do everything, report, and roll back
};

/** Something the clerk should know about one order of the file. */
struct OrderImportNotice
{
    enum class Kind {
        OnHold, ///< imported on hold: a SKU names no product of ours (or one no longer sold)
        Kept, ///< the file says an earlier state (imports move only forward): ours is kept
        Attention, ///< done, but a person should look (fulfilled on the channel, still backordered here)
    };
    Kind kind = Kind::Attention;
    int line = 0;
    QString externalId;
    QString number; ///< ours, "SO-000042"; empty on a dry run's new orders
    QString message;
};

/** What an import did, or would do (dry run), per order and line. */
struct OrderImportOutcome
{
    int ordersNew = 0;
    int ordersUpdated = 0;
    int ordersUnchanged = 0;
    int ordersOnHold = 0; ///< of the new ones
    int ordersSkipped = 0; ///< nothing in them is sent (only gift cards): not imported
    int lines = 0; ///< line items read (of all orders)
    int linesSkipped = 0; ///< items that ship nothing (gift cards)
    int unitsReserved = 0;
    int unitsBackordered = 0;
    QStringList unknownSkus; ///< each once, as the file names them ("SKU" or the item name)
    QList<OrderImportNotice> notices; ///< at most 1000
    bool applied = false; ///< committed (false on a dry run or when the file has problems)
    qint64 importId = 0; ///< the imports row when applied
};

/**
 * Imports orders from the shop platforms, idempotently: the key is (channel, external id). A new order goes
 * through the same placement as a manual one (routing, reservation, backorder); units the channel sent or
 * cancelled before the import reserve nothing. A line names our product by its SKU, an alias (SKU or item name,
 * for the channel or for all), or a name that exactly one product has. A known order moves only forward: payment along the payment
 * state machine, cancelled when the channel cancelled it, shipped when the channel fulfilled it; an
 * export that says an earlier state changes nothing. Lines whose SKU is unknown (neither ours nor an alias)
 * are kept on the order, which waits on hold until each is mapped.
 *
 * The whole file is one transaction: all orders or none (a refused row, a crash, a database error).
 */
class OrderImportService
{
    Q_DECLARE_TR_FUNCTIONS(OrderImportService)

public:
    explicit OrderImportService(ServiceContext &context)
        : m_context(context)
    {
    }

    Result<OrderImportOutcome> run(ChannelOrderSource &source, const OrderImportOptions &options);

    // SKU aliases
    Result<QList<SkuAlias>> aliases(const QString &channel = {});
    /**
     * Maps a platform SKU or item name to our SKU (channel empty: every channel). Orders waiting for that
     * SKU get the line for real now (reserved where stock is free, else backordered); an order whose last
     * unknown line this was comes off hold. Returns how many lines it resolved.
     */
    Result<int> setAlias(const QString &channel, const QString &alias, const QString &sku);
    Status removeAlias(const QString &channel, const QString &alias);

    /** Lines waiting for a mapping (all open orders', or one order's). */
    Result<QList<UnmatchedLine>> unmatchedLines(const QString &orderNumber = {});
    /** Drops an unknown line from its order (the item will not be sent); the last one lifts the hold. */
    Result<OrderHeader> dropUnmatchedLine(const QString &orderNumber, int lineNo);

    /** "sku-1", "sku-1 (Blue / M)": how a line is named in reports. */
    static QString lineName(const QString &sku, const QString &name);

private:
    ServiceContext &m_context;
};

} // namespace Stockroom
