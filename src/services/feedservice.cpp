// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedservice.h"

#include "access.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSet>
#include <QTimeZone>

#include <algorithm>

Q_LOGGING_CATEGORY(lcStockFeed, "stockroom.stockfeed", QtInfoMsg)

namespace Stockroom {

namespace {

constexpr int maxBufferUnits = 1'000'000;

using ItemKey = QPair<qint64, QString>;

} // namespace

QString feedFormatName(FeedFormat format)
{
    switch (format) {
    case FeedFormat::Csv:
        return QStringLiteral("csv");
    case FeedFormat::ShopifyInventory:
        return QStringLiteral("shopify-inventory");
    }
    return {};
}

std::optional<FeedFormat> feedFormatFromName(const QString &name)
{
    const QString wanted = name.trimmed().toLower();
    for (const FeedFormat format : {FeedFormat::Csv, FeedFormat::ShopifyInventory}) {
        if (feedFormatName(format) == wanted) {
            return format;
        }
    }
    return std::nullopt;
}

// ---- The feed's numbers ---------------------------------------------------------------------------------

struct FeedService::Plan
{
    ChannelFeedRecord channel;
    FeedFormat format = FeedFormat::Csv;
    QList<FeedLocation> locations;
};

int FeedService::afterBuffer(int available, int bufferUnits, int bufferPercent)
{
    if (available <= 0) {
        return 0;
    }
    // P % of the number, rounded up: a 10 % buffer on 3 units holds 1 back, never 0.3 of a unit.
    const qint64 percent = (qint64(available) * bufferPercent + 99) / 100;
    const qint64 held = qint64(bufferUnits) + percent;
    return int(std::max<qint64>(0, available - held));
}

Result<FeedService::Plan> FeedService::plan(const QString &name, std::optional<FeedFormat> format)
{
    FeedRepository feed(m_context.db);
    STOCKROOM_TRY(channel, feed.channel(name));
    if (!channel) {
        return Error::business(
            FeedService::tr("There is no channel \"%1\": set one up with its feed settings first.")
                .arg(name));
    }
    Plan plan;
    plan.channel = *channel;
    plan.format = format ? *format : feedFormatFromName(channel->settings.format).value_or(FeedFormat::Csv);
    STOCKROOM_TRY(locations, feed.feedLocations(channel->settings.locations));
    plan.locations = locations;
    return plan;
}

Status FeedService::forEachPage(FeedRepository &feed, const Plan &plan,
                                const std::function<Status(const QList<FeedRow> &)> &page)
{
    const FeedSettings &settings = plan.channel.settings;
    QList<int> units(plan.locations.size());
    QString after;
    for (;;) {
        STOCKROOM_TRY(products, feed.feedPage(after, m_pageSize));
        QList<FeedRow> rows;
        rows.reserve(products.size() * (plan.locations.size() + 1));
        for (const FeedProduct &product : std::as_const(products)) {
            // 1. What no order holds at each of the channel's locations.
            for (qsizetype i = 0; i < plan.locations.size(); ++i) {
                const FeedLocation &location = plan.locations.at(i);
                units[i] = 0;
                if (!location.active) {
                    continue;
                }
                for (const FeedProduct::Level &level : product.levels) {
                    if (level.locationId == location.id) {
                        units[i] = std::max(0, level.onHand - level.reserved);
                        break;
                    }
                }
            }
            // 2. The customers waiting for the product get the first of it, location by location.
            int owed = product.backordered;
            int total = 0;
            for (qsizetype i = 0; i < plan.locations.size(); ++i) {
                const int taken = std::min(units.at(i), owed);
                units[i] -= taken;
                owed -= taken;
                total += units.at(i);
            }
            // 3. The buffer, on every number published; an inactive product is not for sale.
            auto publish = [&](int available) {
                return product.active ? afterBuffer(available, settings.bufferUnits, settings.bufferPercent)
                                      : 0;
            };
            for (qsizetype i = 0; i < plan.locations.size(); ++i) {
                const FeedLocation &location = plan.locations.at(i);
                rows << FeedRow {product.id,    product.sku,   product.name,
                                 location.code, location.name, publish(units.at(i))};
            }
            if (plan.format == FeedFormat::Csv) {
                rows << FeedRow {product.id, product.sku, product.name, QString(), QString(), publish(total)};
            }
        }
        if (!rows.isEmpty()) {
            STOCKROOM_CHECK(page(rows));
        }
        if (products.size() < m_pageSize) {
            return {};
        }
        after = products.constLast().sku;
    }
}

Result<QList<FeedChange>> FeedService::compare(FeedRepository &feed, const Plan &plan)
{
    STOCKROOM_TRY(items, feed.feedItems(plan.channel.name));
    QSet<qint64> itemProducts;
    for (auto it = items.cbegin(); it != items.cend(); ++it) {
        itemProducts.insert(it.key().first);
    }
    QHash<qint64, QString> skus; // of the products the last feed had, for numbers it no longer has
    QSet<ItemKey> seen;
    QList<FeedChange> changes;
    STOCKROOM_CHECK(forEachPage(feed, plan, [&](const QList<FeedRow> &rows) -> Status {
        for (const FeedRow &row : rows) {
            const ItemKey key {row.productId, row.locationCode};
            if (itemProducts.contains(row.productId)) {
                skus.insert(row.productId, row.sku);
            }
            const auto last = items.constFind(key);
            if (last == items.cend()) {
                changes << FeedChange {row.productId, row.sku, row.locationCode, std::nullopt, row.available};
                continue;
            }
            seen.insert(key);
            if (*last != row.available) {
                changes << FeedChange {row.productId, row.sku, row.locationCode, *last, row.available};
            }
        }
        return {};
    }));
    for (auto it = items.cbegin(); it != items.cend(); ++it) {
        if (!seen.contains(it.key())) {
            changes << FeedChange {it.key().first, skus.value(it.key().first), it.key().second, it.value(),
                                   std::nullopt};
        }
    }
    std::stable_sort(changes.begin(), changes.end(),
                     [](const FeedChange &a, const FeedChange &b) { return a.sku < b.sku; });
    return changes;
}

namespace {

int distinctProducts(const QList<FeedChange> &changes)
{
    QSet<qint64> products;
    for (const FeedChange &change : changes) {
        products.insert(change.productId);
    }
    return int(products.size());
}

} // namespace

Result<QList<ChannelFeedStatus>> FeedService::channels()
{
    Database &db = m_context.db;
    return db.read<QList<ChannelFeedStatus>>([&]() -> Result<QList<ChannelFeedStatus>> {
        FeedRepository feed(db);
        STOCKROOM_TRY(channels, feed.channels());
        QList<ChannelFeedStatus> statuses;
        for (const ChannelFeedRecord &channel : std::as_const(channels)) {
            Plan plan;
            plan.channel = channel;
            plan.format = feedFormatFromName(channel.settings.format).value_or(FeedFormat::Csv);
            STOCKROOM_TRY(locations, feed.feedLocations(channel.settings.locations));
            plan.locations = locations;
            STOCKROOM_TRY(changes, compare(feed, plan));
            statuses << ChannelFeedStatus {channel, distinctProducts(changes), int(changes.size())};
        }
        return statuses;
    });
}

Result<ChannelFeedStatus> FeedService::channel(const QString &name)
{
    Database &db = m_context.db;
    return db.read<ChannelFeedStatus>([&]() -> Result<ChannelFeedStatus> {
        FeedRepository feed(db);
        STOCKROOM_TRY(plan, this->plan(name.trimmed(), std::nullopt));
        STOCKROOM_TRY(changes, compare(feed, plan));
        return ChannelFeedStatus {plan.channel, distinctProducts(changes), int(changes.size())};
    });
}

Result<QList<FeedChange>> FeedService::changesSince(const QString &channel, std::optional<FeedFormat> format)
{
    Database &db = m_context.db;
    return db.read<QList<FeedChange>>([&]() -> Result<QList<FeedChange>> {
        FeedRepository feed(db);
        STOCKROOM_TRY(plan, this->plan(channel.trimmed(), format));
        return compare(feed, plan);
    });
}

Result<ChannelFeedRecord> FeedService::setFeedSettings(const QString &channel,
                                                       const FeedSettingsChange &change)
{
    STOCKROOM_CHECK(
        Access::require(m_context, Role::Admin, FeedService::tr("Changing a channel's settings")));
    const QString name = channel.trimmed();
    if (name.isEmpty()) {
        return Error::usage(FeedService::tr("A channel needs a name."));
    }
    if (change.bufferUnits && (*change.bufferUnits < 0 || *change.bufferUnits > maxBufferUnits)) {
        return Error::usage(FeedService::tr("A buffer is a number of units from 0 to %1, not %2.")
                                .arg(maxBufferUnits)
                                .arg(*change.bufferUnits));
    }
    if (change.bufferPercent && (*change.bufferPercent < 0 || *change.bufferPercent > 100)) {
        return Error::usage(
            FeedService::tr("A buffer percentage is from 0 to 100, not %1.").arg(*change.bufferPercent));
    }
    std::optional<FeedFormat> format;
    if (change.format) {
        format = feedFormatFromName(*change.format);
        if (!format) {
            return Error::usage(FeedService::tr("\"%1\" is not a feed format: csv or shopify-inventory.")
                                    .arg(*change.format));
        }
    }
    QStringList codes;
    if (change.locations) {
        for (const QString &code : *change.locations) {
            if (!code.trimmed().isEmpty() && !codes.contains(code.trimmed())) {
                codes << code.trimmed();
            }
        }
    }
    Database &db = m_context.db;
    return db.write<ChannelFeedRecord>([&]() -> Result<ChannelFeedRecord> {
        CatalogRepository catalog(db);
        FeedRepository feed(db);
        for (const QString &code : std::as_const(codes)) {
            STOCKROOM_CHECK(Known::location(catalog, code));
        }
        STOCKROOM_CHECK(feed.ensureChannel(name, toStoredTime(m_context.clock.now())));
        STOCKROOM_CHECK(feed.lockChannel(name));
        STOCKROOM_TRY(stored, feed.channel(name));
        if (!stored) {
            return Error::database(FeedService::tr("The channel \"%1\" was not saved.").arg(name));
        }
        ChannelFeedRecord record = *stored;
        if (change.bufferUnits) {
            record.settings.bufferUnits = *change.bufferUnits;
        }
        if (change.bufferPercent) {
            record.settings.bufferPercent = *change.bufferPercent;
        }
        if (change.locations) {
            record.settings.locations = codes;
        }
        if (format) {
            record.settings.format = feedFormatName(*format);
        }
        STOCKROOM_CHECK(feed.saveFeedSettings(name, record.settings));
        auto fields = [](const FeedSettings &settings) {
            return QJsonObject {{QStringLiteral("buffer_units"), settings.bufferUnits},
                                {QStringLiteral("buffer_percent"), settings.bufferPercent},
                                {QStringLiteral("locations"), settings.locations.join(QStringLiteral(","))},
                                {QStringLiteral("format"), settings.format}};
        };
        const auto [before, after] = Audit::difference(fields(stored->settings), fields(record.settings));
        if (!after.isEmpty()) {
            STOCKROOM_CHECK(
                Audit::record(m_context, QStringLiteral("channel.feed"), QStringLiteral("channel"), name,
                              FeedService::tr("stock feed settings of %1 changed").arg(name), before, after));
        }
        ChangeRecorder changes(m_context);
        changes.add(QStringLiteral("channel"), name, QStringLiteral("update"));
        STOCKROOM_CHECK(changes.flush());
        return record;
    });
}

Result<FeedWriteResult> FeedService::writeFeed(const QString &channel, std::optional<FeedFormat> format,
                                               const QString &fileName, FeedWriter &writer)
{
    const QString name = channel.trimmed();
    Database &db = m_context.db;
    return db.write<FeedWriteResult>([&]() -> Result<FeedWriteResult> {
        FeedRepository feed(db);
        const QString now = toStoredTime(m_context.clock.now());
        // A channel known only from its orders gets its row (with the default settings) now.
        STOCKROOM_TRY(known, feed.channel(name));
        if (known) {
            STOCKROOM_CHECK(feed.ensureChannel(name, now));
            STOCKROOM_CHECK(feed.lockChannel(name));
        }
        STOCKROOM_TRY(plan, this->plan(name, format));

        STOCKROOM_TRY(last, feed.feedItems(name));
        STOCKROOM_CHECK(feed.clearFeedItems(name));
        FeedWriteResult result;
        result.channel = name;
        result.format = plan.format;
        result.file = fileName;
        result.writtenAt = now;
        QSet<qint64> changedProducts;
        QSet<ItemKey> seen; // of the last feed's numbers, which this one has too
        STOCKROOM_CHECK(writer.begin(FeedHeader {name, plan.format, plan.locations}));
        STOCKROOM_CHECK(forEachPage(feed, plan, [&](const QList<FeedRow> &rows) -> Status {
            QList<FeedItem> items;
            items.reserve(rows.size());
            qint64 product = 0;
            for (const FeedRow &row : rows) {
                const ItemKey key {row.productId, row.locationCode};
                const auto before = last.constFind(key);
                if (before != last.cend()) {
                    seen.insert(key);
                }
                if (before == last.cend() || *before != row.available) {
                    ++result.changedItems;
                    changedProducts.insert(row.productId);
                }
                if (row.productId != product) {
                    product = row.productId;
                    ++result.skus;
                }
                items << FeedItem {row.productId, row.locationCode, row.available};
            }
            result.rows += int(rows.size());
            STOCKROOM_CHECK(writer.write(rows));
            return feed.insertFeedItems(name, items);
        }));
        // Numbers the last feed had and this one does not (a location left the set) changed too.
        for (auto it = last.cbegin(); it != last.cend(); ++it) {
            if (!seen.contains(it.key())) {
                ++result.changedItems;
                changedProducts.insert(it.key().first);
            }
        }
        result.changedSkus = int(changedProducts.size());
        STOCKROOM_CHECK(writer.finish());
        STOCKROOM_CHECK(
            feed.recordFeedWritten(name, feedFormatName(plan.format), now, m_context.userName, fileName));
        ChangeRecorder changes(m_context);
        changes.add(QStringLiteral("channel"), name, QStringLiteral("update"));
        STOCKROOM_CHECK(changes.flush());
        qCDebug(lcStockFeed) << "feed of" << name << "written:" << result.rows << "rows,"
                             << result.changedItems << "changed";
        return result;
    });
}

// ---- Exports ----------------------------------------------------------------------------------------

Status ExportService::snapshot(const std::function<Status(bool &emitted)> &work)
{
    bool emitted = false;
    const Result<bool> done = m_context.db.read<bool>([&]() -> Result<bool> {
        if (emitted) {
            // The database asked for the transaction again after rows went out: they would go out twice.
            return Error::database(ExportService::tr("The database interrupted the export; run it again."));
        }
        const Status status = work(emitted);
        if (!status) {
            if (emitted && status.error().kind == Error::Kind::Conflict) {
                return Error::database(status.error().message);
            }
            return status.error();
        }
        return true;
    });
    if (!done) {
        return done.error();
    }
    return {};
}

Status ExportService::orders(const QString &since,
                             const std::function<Status(const QList<OrderExportLine> &)> &sink)
{
    return snapshot([&](bool &emitted) -> Status {
        FeedRepository feed(m_context.db);
        // Pages of orders: a fifth of the page size keeps pages near it at a handful of lines per order.
        const int orders = std::max(1, m_pageSize / 5);
        qint64 after = 0;
        for (;;) {
            STOCKROOM_TRY(page, feed.ordersPage(after, since, orders));
            if (!page.lines.isEmpty()) {
                emitted = true;
                STOCKROOM_CHECK(sink(page.lines));
            }
            if (page.orders < orders) {
                return {};
            }
            after = page.lastOrderId;
        }
    });
}

Status ExportService::stock(const std::function<Status(const QList<StockExportRow> &)> &sink)
{
    return snapshot([&](bool &emitted) -> Status {
        FeedRepository feed(m_context.db);
        std::optional<StockExportRow> after;
        for (;;) {
            STOCKROOM_TRY(rows, feed.stockPage(after ? &*after : nullptr, m_pageSize));
            if (!rows.isEmpty()) {
                emitted = true;
                STOCKROOM_CHECK(sink(rows));
            }
            if (rows.size() < m_pageSize) {
                return {};
            }
            after = rows.constLast();
        }
    });
}

Status ExportService::ledger(const QString &since,
                             const std::function<Status(const QList<LedgerExportRow> &)> &sink)
{
    return snapshot([&](bool &emitted) -> Status {
        FeedRepository feed(m_context.db);
        qint64 after = 0;
        for (;;) {
            STOCKROOM_TRY(rows, feed.ledgerPage(after, since, m_pageSize));
            if (!rows.isEmpty()) {
                emitted = true;
                STOCKROOM_CHECK(sink(rows));
            }
            if (rows.size() < m_pageSize) {
                return {};
            }
            after = rows.constLast().id;
        }
    });
}

Status ExportService::products(const std::function<Status(const QList<ProductRecord> &)> &sink)
{
    return snapshot([&](bool &emitted) -> Status {
        FeedRepository feed(m_context.db);
        QString after;
        for (;;) {
            STOCKROOM_TRY(rows, feed.productsPage(after, m_pageSize));
            if (!rows.isEmpty()) {
                emitted = true;
                STOCKROOM_CHECK(sink(rows));
            }
            if (rows.size() < m_pageSize) {
                return {};
            }
            after = rows.constLast().sku;
        }
    });
}

Result<QString> ExportService::sinceFrom(const QString &text)
{
    const QString trimmed = text.trimmed();
    const QDate date = QDate::fromString(trimmed, Qt::ISODate);
    if (date.isValid() && trimmed.size() == 10) {
        return toStoredTime(QDateTime(date, QTime(0, 0), QTimeZone::utc()));
    }
    QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (time.isValid() && trimmed.contains(QLatin1Char('T'))) {
        if (time.timeSpec() == Qt::LocalTime) {
            time.setTimeZone(QTimeZone::utc()); // no offset written: UTC, like every time we store
        }
        return toStoredTime(time);
    }
    return Error::usage(
        ExportService::tr("\"%1\" is not a date like 2025-05-01 or a time like 2025-05-01T09:30:00Z.")
            .arg(text));
}

} // namespace Stockroom
