// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <QHash>

namespace Stockroom {

/** An imported order as the import compares it with a later export of the same order. */
struct ChannelOrderRecord
{
    qint64 id = 0;
    QString status;
    QString paymentStatus;
    QString channelState;
    qint64 totalCents = 0;
    qint64 paidCents = 0;
    qint64 refundedCents = 0;
};

/** "This platform SKU or item name means our product SKU"; channel empty = every channel. */
struct SkuAlias
{
    QString channel;
    QString alias;
    QString sku; ///< ours
    QString productName;
    QString createdBy;
    QString createdAt;
};

/** A line of an imported order that names no product of ours, and the order it waits in. */
struct UnmatchedLine
{
    qint64 id = 0;
    qint64 orderId = 0;
    QString orderNumber;
    QString channel;
    QString externalId;
    QString orderStatus;
    int lineNo = 0;
    QString sku;
    QString name;
    int qty = 0;
    qint64 unitPriceCents = 0;
};

/** SQL of order imports: the (channel, external id) key, SKU aliases and unmatched lines. */
class ChannelOrderRepository
{
public:
    explicit ChannelOrderRepository(Database &db)
        : m_db(db)
    {
    }

    Result<std::optional<ChannelOrderRecord>> find(const QString &channel, const QString &externalId);
    Status setChannelState(qint64 orderId, const QString &state);
    Status setHoldCode(qint64 orderId, const QString &code);
    Result<QString> holdCode(qint64 orderId);

    /** Every alias of the channel and of all channels: "channel\x1falias" or "\x1falias" → our SKU. */
    Result<QHash<QString, QString>> aliasMap(const QString &channel);
    static QString aliasKey(const QString &channel, const QString &alias);
    Result<QList<SkuAlias>> aliases(const QString &channel = {});
    /** Inserts or replaces; the product by its id. */
    Status setAlias(const QString &channel, const QString &alias, qint64 productId, const QString &user,
                    const QString &at);
    Result<int> removeAlias(const QString &channel, const QString &alias);

    /** The id, sku and active flag of a product by SKU. */
    struct ProductRef
    {
        qint64 id = 0;
        QString sku;
        bool active = true;
    };
    Result<std::optional<ProductRef>> product(const QString &sku);
    /** The one product with one of these names; none when no product or several products have them. */
    Result<std::optional<ProductRef>> productNamed(const QStringList &names);

    /** Unmatched lines, all or of one order (orderId 0 = all open orders'), oldest order first. */
    Result<QList<UnmatchedLine>> unmatchedLines(qint64 orderId = 0, int limit = 1000);
    /** Lines an alias could resolve: same channel (or any, for a channel-wide alias), SKU or name. */
    Result<QList<UnmatchedLine>> unmatchedFor(const QString &channel, const QString &alias);
    Result<int> removeUnmatched(qint64 unmatchedId);

private:
    Database &m_db;
};

} // namespace Stockroom
