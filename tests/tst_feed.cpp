// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogservice.h"
#include "changelogrepository.h"
#include "csvreader.h"
#include "feedservice.h"
#include "fulfilmentrepository.h"
#include "fulfilmentservice.h"
#include "orderservice.h"
#include "stockfeed.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Stockroom;

namespace {

/** A feed writer whose device fills up after the first page, as a full disk would. */
class FullDiskWriter : public FeedWriter
{
public:
    explicit FullDiskWriter(FeedWriter &writer)
        : m_writer(writer)
    {
    }
    Status begin(const FeedHeader &header) override { return m_writer.begin(header); }
    Status write(const QList<FeedRow> &rows) override
    {
        if (++m_pages > 1) {
            return Error::database(QStringLiteral("Writing failed: No space left on device"));
        }
        return m_writer.write(rows);
    }
    Status finish() override { return m_writer.finish(); }

private:
    FeedWriter &m_writer;
    int m_pages = 0;
};

} // namespace

/**
 * The channel stock feed: available to sell after reservations and waiting orders, the buffers, location
 * sets, inactive products and locations, both file formats, what changed since the last feed, and that a
 * failed or dry run records nothing; through the services and through stockroomctl.
 */
class TestFeed : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ServiceContext> m_context;
    QDateTime m_now {QDate(2025, 6, 2), QTime(8, 30), QTimeZone::utc()};
    std::unique_ptr<QTemporaryDir> m_dir; ///< a fresh one per test: files of one test do not meet another's

    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    Run ctl(const QStringList &arguments)
    {
        QProcess process;
        process.setProgram(QStringLiteral(STOCKROOMCTL));
        process.setArguments(QStringList {QStringLiteral("--db"), m_scratch->connectionString(),
                                          QStringLiteral("--user"), QStringLiteral("clerk")}
                             + arguments);
        process.start();
        if (!process.waitForFinished(120'000)) {
            return {};
        }
        return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    }

    bool receive(const QString &sku, const QString &location, int qty)
    {
        const Result<StockLevelRow> level = StockService(*m_context).receive(sku, location, qty);
        if (!level) {
            qWarning("receive: %s", qPrintable(level.error().message));
        }
        return level.ok();
    }

    Result<PlacedOrder> place(const QString &channel, const QString &sku, int qty)
    {
        PlaceOrderRequest request;
        request.channel = channel;
        OrderLineRequest line;
        line.sku = sku;
        line.qty = qty;
        request.lines = {line};
        return OrderService(*m_context).place(request);
    }

    bool settings(const QString &channel, const FeedSettingsChange &change)
    {
        const Result<ChannelFeedRecord> saved = FeedService(*m_context).setFeedSettings(channel, change);
        if (!saved) {
            qWarning("settings: %s", qPrintable(saved.error().message));
        }
        return saved.ok();
    }

    static FeedSettingsChange buffer(int units, int percent)
    {
        FeedSettingsChange change;
        change.bufferUnits = units;
        change.bufferPercent = percent;
        return change;
    }

    static FeedSettingsChange locations(const QStringList &codes)
    {
        FeedSettingsChange change;
        change.locations = codes;
        return change;
    }

    /** Writes the channel's feed into memory (and records it): the file's bytes. */
    QByteArray feedBytes(const QString &channel, std::optional<FeedFormat> format = {}, int pageSize = 0)
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        const std::unique_ptr<FeedWriter> writer = StockFeed::writer(buffer);
        FeedService feeds(*m_context);
        if (pageSize > 0) {
            feeds.setPageSize(pageSize);
        }
        const Result<FeedWriteResult> written
            = feeds.writeFeed(channel, format, QStringLiteral("memory"), *writer);
        if (!written) {
            qWarning("feed: %s", qPrintable(written.error().message));
            return {};
        }
        return buffer.data();
    }

    static QList<QStringList> records(const QByteArray &bytes)
    {
        const CsvContent content = CsvReader().parse(bytes);
        QList<QStringList> rows;
        for (const CsvRecord &record : content.records) {
            rows << record.fields;
        }
        return rows;
    }

    /** The csv feed as "SKU@LOCATION" → available ("SKU@" for the total). */
    QHash<QString, int> numbers(const QString &channel)
    {
        const QList<QStringList> rows = records(feedBytes(channel, FeedFormat::Csv));
        QHash<QString, int> result;
        for (qsizetype i = 1; i < rows.size(); ++i) {
            result.insert(rows.at(i).value(0) + u'@' + rows.at(i).value(1), rows.at(i).value(2).toInt());
        }
        return result;
    }

    ChannelFeedStatus status(const QString &channel)
    {
        const Result<ChannelFeedStatus> found = FeedService(*m_context).channel(channel);
        return found ? *found : ChannelFeedStatus {};
    }

    QList<FeedChange> changes(const QString &channel)
    {
        const Result<QList<FeedChange>> found = FeedService(*m_context).changesSince(channel);
        if (!found) {
            qWarning("changes: %s", qPrintable(found.error().message));
            return {};
        }
        return *found;
    }

    qint64 lastSeq()
    {
        const Result<qint64> seq = ChangeLogRepository(*m_db).lastSeq();
        return seq ? *seq : -1;
    }

    QList<ChangeRecord> changeLogSince(qint64 seq)
    {
        const Result<QList<ChangeRecord>> rows = ChangeLogRepository(*m_db).since(seq);
        return rows ? *rows : QList<ChangeRecord> {};
    }

    bool deactivate(const QString &code)
    {
        const Result<std::optional<LocationRecord>> location = m_db->read<std::optional<LocationRecord>>(
            [&]() { return CatalogRepository(*m_db).locationByCode(code); });
        if (!location || !*location) {
            return false;
        }
        LocationRecord record = **location;
        record.active = false;
        return CatalogService(*m_context).updateLocation(record).ok();
    }

private Q_SLOTS:
    void init()
    {
        m_now = QDateTime(QDate(2025, 6, 2), QTime(8, 30), QTimeZone::utc());
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open();
        QVERIFY(m_db);
        m_context = std::make_unique<ServiceContext>(
            ServiceContext {*m_db, Clock([this]() { return m_now; }), QStringLiteral("tester")});
        QVERIFY(Test::seedCatalog(
            *m_context,
            {{QStringLiteral("LEEDS"), 1}, {QStringLiteral("BRISTOL"), 2}, {QStringLiteral("LONDON"), 3}},
            {QStringLiteral("SKU-A"), QStringLiteral("SKU-B"), QStringLiteral("SKU-C")}));
        QVERIFY(settings(QStringLiteral("shop"), {}));
    }

    void cleanup()
    {
        m_context.reset();
        m_db.reset();
        m_scratch.reset();
        m_dir.reset();
    }

    void afterBuffer_data()
    {
        QTest::addColumn<int>("available");
        QTest::addColumn<int>("units");
        QTest::addColumn<int>("percent");
        QTest::addColumn<int>("published");
        QTest::addRow("no buffer") << 10 << 0 << 0 << 10;
        QTest::addRow("units") << 10 << 2 << 0 << 8;
        QTest::addRow("percent") << 10 << 0 << 10 << 9;
        QTest::addRow("percent rounds up") << 3 << 0 << 10 << 2;
        QTest::addRow("half rounds up") << 7 << 0 << 50 << 3;
        QTest::addRow("both") << 20 << 2 << 10 << 16;
        QTest::addRow("never below zero") << 1 << 2 << 0 << 0;
        QTest::addRow("all held") << 10 << 0 << 100 << 0;
        QTest::addRow("nothing") << 0 << 0 << 0 << 0;
    }

    void afterBuffer()
    {
        QFETCH(int, available);
        QFETCH(int, units);
        QFETCH(int, percent);
        QFETCH(int, published);
        QCOMPARE(FeedService::afterBuffer(available, units, percent), published);
    }

    void availableAfterReservationsAndWaitingOrders()
    {
        // "web" ships only from LONDON, which has none: its order waits, although LEEDS and BRISTOL get stock.
        QVERIFY(
            FulfilmentService(*m_context)
                .setChannelRules(QStringLiteral("web"), FulfilmentRules {false, {QStringLiteral("LONDON")}}));
        const Result<PlacedOrder> waiting = place(QStringLiteral("web"), QStringLiteral("SKU-A"), 6);
        QVERIFY2(waiting, qPrintable(waiting.error().message));
        QCOMPARE(waiting->status, QStringLiteral("backordered"));
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), 4));
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("BRISTOL"), 5));
        // SKU-B: 3 of 10 reserved at LEEDS.
        QVERIFY(receive(QStringLiteral("SKU-B"), QStringLiteral("LEEDS"), 10));
        QVERIFY(place(QStringLiteral("manual"), QStringLiteral("SKU-B"), 3));

        const QHash<QString, int> feed = numbers(QStringLiteral("shop"));
        QCOMPARE(feed.size(), 12); // 3 SKUs × (3 locations + total)
        // The 6 waiting units come off LEEDS first (routing order), then BRISTOL.
        QCOMPARE(feed.value(QStringLiteral("SKU-A@LEEDS"), -1), 0);
        QCOMPARE(feed.value(QStringLiteral("SKU-A@BRISTOL"), -1), 3);
        QCOMPARE(feed.value(QStringLiteral("SKU-A@LONDON"), -1), 0);
        QCOMPARE(feed.value(QStringLiteral("SKU-A@"), -1), 3);
        QCOMPARE(feed.value(QStringLiteral("SKU-B@LEEDS"), -1), 7);
        QCOMPARE(feed.value(QStringLiteral("SKU-B@"), -1), 7);
        QCOMPARE(feed.value(QStringLiteral("SKU-C@"), -1), 0);

        // A cancelled order owes nothing any more.
        QVERIFY(OrderService(*m_context).cancel(waiting->number));
        const QHash<QString, int> after = numbers(QStringLiteral("shop"));
        QCOMPARE(after.value(QStringLiteral("SKU-A@LEEDS"), -1), 4);
        QCOMPARE(after.value(QStringLiteral("SKU-A@BRISTOL"), -1), 5);
        QCOMPARE(after.value(QStringLiteral("SKU-A@"), -1), 9);
    }

    void rowsInOrder()
    {
        const QList<QStringList> rows = records(feedBytes(QStringLiteral("shop"), FeedFormat::Csv));
        QCOMPARE(
            rows.value(0),
            (QStringList {QStringLiteral("sku"), QStringLiteral("location"), QStringLiteral("available")}));
        QStringList keys;
        for (qsizetype i = 1; i < rows.size(); ++i) {
            keys << rows.at(i).value(0) + u'@' + rows.at(i).value(1);
        }
        QCOMPARE(keys,
                 (QStringList {QStringLiteral("SKU-A@LEEDS"), QStringLiteral("SKU-A@BRISTOL"),
                               QStringLiteral("SKU-A@LONDON"), QStringLiteral("SKU-A@"),
                               QStringLiteral("SKU-B@LEEDS"), QStringLiteral("SKU-B@BRISTOL"),
                               QStringLiteral("SKU-B@LONDON"), QStringLiteral("SKU-B@"),
                               QStringLiteral("SKU-C@LEEDS"), QStringLiteral("SKU-C@BRISTOL"),
                               QStringLiteral("SKU-C@LONDON"), QStringLiteral("SKU-C@")}));
        // A page a product gives the same file.
        QCOMPARE(feedBytes(QStringLiteral("shop"), FeedFormat::Csv, 1),
                 feedBytes(QStringLiteral("shop"), FeedFormat::Csv));
    }

    void buffers()
    {
        QVERIFY(receive(QStringLiteral("SKU-B"), QStringLiteral("LEEDS"), 10));
        QVERIFY(receive(QStringLiteral("SKU-B"), QStringLiteral("BRISTOL"), 20));
        QVERIFY(settings(QStringLiteral("shop"), buffer(2, 0)));
        QHash<QString, int> feed = numbers(QStringLiteral("shop"));
        QCOMPARE(feed.value(QStringLiteral("SKU-B@LEEDS")), 8);
        QCOMPARE(feed.value(QStringLiteral("SKU-B@BRISTOL")), 18);
        QCOMPARE(feed.value(QStringLiteral("SKU-B@")), 28); // the total holds 2 back once
        QVERIFY(settings(QStringLiteral("shop"), buffer(0, 10)));
        feed = numbers(QStringLiteral("shop"));
        QCOMPARE(feed.value(QStringLiteral("SKU-B@LEEDS")), 9);
        QCOMPARE(feed.value(QStringLiteral("SKU-B@BRISTOL")), 18);
        QCOMPARE(feed.value(QStringLiteral("SKU-B@")), 27);
        QVERIFY(settings(QStringLiteral("shop"), buffer(2, 10)));
        feed = numbers(QStringLiteral("shop"));
        QCOMPARE(feed.value(QStringLiteral("SKU-B@LEEDS")), 7);
        QCOMPARE(feed.value(QStringLiteral("SKU-B@BRISTOL")), 16);
        QCOMPARE(feed.value(QStringLiteral("SKU-B@")), 25);
        QVERIFY(settings(QStringLiteral("shop"), buffer(0, 100)));
        feed = numbers(QStringLiteral("shop"));
        QCOMPARE(feed.value(QStringLiteral("SKU-B@"), -1), 0);
    }

    void locationSetsAndInactiveLocations()
    {
        QVERIFY(receive(QStringLiteral("SKU-C"), QStringLiteral("LEEDS"), 2));
        QVERIFY(receive(QStringLiteral("SKU-C"), QStringLiteral("BRISTOL"), 3));
        QVERIFY(receive(QStringLiteral("SKU-C"), QStringLiteral("LONDON"), 5));
        QVERIFY(settings(QStringLiteral("shop"), locations({QStringLiteral("BRISTOL")})));
        QHash<QString, int> feed = numbers(QStringLiteral("shop"));
        QCOMPARE(feed.size(), 6); // BRISTOL and the total, per SKU
        QCOMPARE(feed.value(QStringLiteral("SKU-C@BRISTOL")), 3);
        QCOMPARE(feed.value(QStringLiteral("SKU-C@")), 3);
        QVERIFY(!feed.contains(QStringLiteral("SKU-C@LEEDS")));

        QVERIFY(
            settings(QStringLiteral("shop"), locations({QStringLiteral("LONDON"), QStringLiteral("LEEDS")})));
        QVERIFY(deactivate(QStringLiteral("LONDON")));
        feed = numbers(QStringLiteral("shop"));
        QCOMPARE(feed.value(QStringLiteral("SKU-C@LONDON"), -1), 0); // named, but it ships nothing now
        QCOMPARE(feed.value(QStringLiteral("SKU-C@LEEDS")), 2);
        QCOMPARE(feed.value(QStringLiteral("SKU-C@")), 2);

        // Every active location: LONDON is no longer one.
        QVERIFY(settings(QStringLiteral("shop"), locations({})));
        feed = numbers(QStringLiteral("shop"));
        QVERIFY(!feed.contains(QStringLiteral("SKU-C@LONDON")));
        QCOMPARE(feed.value(QStringLiteral("SKU-C@")), 5);
    }

    void inactiveProductsPublishZero()
    {
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), 9));
        QCOMPARE(numbers(QStringLiteral("shop")).value(QStringLiteral("SKU-A@")), 9);
        const Result<std::optional<ProductRecord>> product = m_db->read<std::optional<ProductRecord>>(
            [&]() { return CatalogRepository(*m_db).productBySku(QStringLiteral("SKU-A")); });
        QVERIFY(product && *product);
        ProductRecord record = **product;
        record.active = false;
        record.updatedAt.clear();
        QVERIFY(CatalogService(*m_context).updateProduct(record));
        const QHash<QString, int> feed = numbers(QStringLiteral("shop"));
        QCOMPARE(feed.value(QStringLiteral("SKU-A@LEEDS"), -1), 0);
        QCOMPARE(feed.value(QStringLiteral("SKU-A@"), -1), 0);
    }

    void changesBeforeAndAfterAWrite()
    {
        QVERIFY(receive(QStringLiteral("SKU-B"), QStringLiteral("LEEDS"), 4));
        // Never written: every number is news.
        QList<FeedChange> before = changes(QStringLiteral("shop"));
        QCOMPARE(before.size(), 12);
        QVERIFY(
            std::all_of(before.cbegin(), before.cend(), [](const FeedChange &c) { return !c.lastWritten; }));
        QCOMPARE(status(QStringLiteral("shop")).changedSkus, 3);
        QVERIFY(status(QStringLiteral("shop")).channel.writtenAt.isEmpty());

        const qint64 seq = lastSeq();
        const QString file = m_dir->filePath(QStringLiteral("shop.csv"));
        const Result<FeedWriteResult> written
            = StockFeed::writeFile(*m_context, QStringLiteral("shop"), file);
        QVERIFY2(written, qPrintable(written.error().message));
        QCOMPARE(written->rows, 12);
        QCOMPARE(written->skus, 3);
        QCOMPARE(written->changedItems, 12);
        QVERIFY(QFile::exists(file));
        QVERIFY(changes(QStringLiteral("shop")).isEmpty());
        const ChannelFeedStatus after = status(QStringLiteral("shop"));
        QCOMPARE(after.changedSkus, 0);
        QCOMPARE(after.channel.writtenAt, QStringLiteral("2025-06-02T08:30:00.000Z"));
        QCOMPARE(after.channel.writtenBy, QStringLiteral("tester"));
        QCOMPARE(after.channel.file, QFileInfo(file).absoluteFilePath());
        // Open views learn of it through the change log.
        const QList<ChangeRecord> logged = changeLogSince(seq);
        QVERIFY(std::any_of(logged.cbegin(), logged.cend(), [](const ChangeRecord &c) {
            return c.entity == QLatin1String("channel") && c.entityId == QLatin1String("shop");
        }));

        // Two more at LEEDS: that location's number and the total changed.
        QVERIFY(receive(QStringLiteral("SKU-B"), QStringLiteral("LEEDS"), 2));
        const QList<FeedChange> moved = changes(QStringLiteral("shop"));
        QCOMPARE(moved.size(), 2);
        QCOMPARE(moved.at(0).sku, QStringLiteral("SKU-B"));
        QCOMPARE(moved.at(0).locationCode, QStringLiteral("LEEDS"));
        QCOMPARE(moved.at(0).lastWritten, std::optional<int>(4));
        QCOMPARE(moved.at(0).now, std::optional<int>(6));
        QCOMPARE(moved.at(1).locationCode, QString());
        QCOMPARE(status(QStringLiteral("shop")).changedSkus, 1);

        // A location leaving the set: its numbers are gone from the feed.
        QVERIFY(settings(QStringLiteral("shop"), locations({QStringLiteral("LEEDS")})));
        const QList<FeedChange> narrowed = changes(QStringLiteral("shop"));
        const auto gone = std::count_if(narrowed.cbegin(), narrowed.cend(), [](const FeedChange &c) {
            return c.locationCode == QLatin1String("BRISTOL") && c.lastWritten == 0 && !c.now;
        });
        QCOMPARE(gone, 3);
    }

    void shopifyInventoryFile()
    {
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), 12));
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("BRISTOL"), 1));
        FeedSettingsChange change = locations({QStringLiteral("LEEDS"), QStringLiteral("BRISTOL")});
        change.format = QStringLiteral("shopify-inventory");
        change.bufferUnits = 1;
        QVERIFY(settings(QStringLiteral("shop"), change));
        const QString file = m_dir->filePath(QStringLiteral("inventory.csv"));
        const Result<FeedWriteResult> written
            = StockFeed::writeFile(*m_context, QStringLiteral("shop"), file);
        QVERIFY2(written, qPrintable(written.error().message));
        QCOMPARE(written->format, FeedFormat::ShopifyInventory);
        QFile read(file);
        QVERIFY(read.open(QIODevice::ReadOnly));
        const QList<QStringList> rows = records(read.readAll());
        QCOMPARE(
            rows.value(0).join(u','),
            QStringLiteral("Handle,Title,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,"
                           "Option3 Value,SKU,HS Code,COO,Location,Bin name,Incoming (not editable),"
                           "Unavailable (not editable),Committed (not editable),Available (not editable),"
                           "On hand (current),On hand (new)"));
        QCOMPARE(rows.size(), 1 + 3 * 2); // no total rows: Shopify has locations
        const QStringList header = rows.at(0);
        const int sku = int(header.indexOf(QStringLiteral("SKU")));
        const int location = int(header.indexOf(QStringLiteral("Location")));
        const int onHandNew = int(header.indexOf(QStringLiteral("On hand (new)")));
        for (qsizetype i = 1; i < rows.size(); ++i) {
            QCOMPARE(rows.at(i).size(), header.size());
            QVERIFY(rows.at(i).value(0).isEmpty()); // no handle: Shopify finds the variant by SKU
            QVERIFY(rows.at(i).value(int(header.indexOf(QStringLiteral("On hand (current)")))).isEmpty());
        }
        // Our location's name, as Shopify's location is called.
        QCOMPARE(rows.at(1).value(sku), QStringLiteral("SKU-A"));
        QCOMPARE(rows.at(1).value(location), QStringLiteral("Leeds"));
        QCOMPARE(rows.at(1).value(onHandNew), QStringLiteral("11"));
        QCOMPARE(rows.at(2).value(location), QStringLiteral("Bristol"));
        QCOMPARE(rows.at(2).value(onHandNew), QStringLiteral("0"));
        QCOMPARE(status(QStringLiteral("shop")).channel.settings.format, QStringLiteral("shopify-inventory"));
        QVERIFY(changes(QStringLiteral("shop")).isEmpty());

        // Written once as csv, the channel's format follows (its totals are new numbers then).
        QVERIFY(StockFeed::writeFile(*m_context, QStringLiteral("shop"), file, FeedFormat::Csv));
        QCOMPARE(status(QStringLiteral("shop")).channel.settings.format, QStringLiteral("csv"));
        QVERIFY(changes(QStringLiteral("shop")).isEmpty());
    }

    void failedWriteLeavesNoFileAndNoRecord()
    {
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), 3));
        const QString file = m_dir->filePath(QStringLiteral("feed.csv"));
        QVERIFY(StockFeed::writeFile(*m_context, QStringLiteral("shop"), file));
        QFile old(file);
        QVERIFY(old.open(QIODevice::ReadOnly));
        const QByteArray before = old.readAll();
        old.close();
        const ChannelFeedStatus written = status(QStringLiteral("shop"));

        m_now = m_now.addSecs(3600);
        QVERIFY(receive(QStringLiteral("SKU-C"), QStringLiteral("LEEDS"), 8));
        const QList<FeedChange> pending = changes(QStringLiteral("shop"));
        QCOMPARE(pending.size(), 2);
        const qint64 seq = lastSeq();
        {
            // The disk fills up half way: the database rolls back, the temporary file goes.
            QSaveFile save(file);
            QVERIFY(save.open(QIODevice::WriteOnly));
            const std::unique_ptr<FeedWriter> writer = StockFeed::writer(save);
            FullDiskWriter full(*writer);
            FeedService feeds(*m_context);
            feeds.setPageSize(1);
            const Result<FeedWriteResult> failed = feeds.writeFeed(QStringLiteral("shop"), {}, file, full);
            QVERIFY(!failed);
            QVERIFY(failed.error().message.contains(QLatin1String("No space left")));
        }
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), before);
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), QStringList {QStringLiteral("feed.csv")});
        QCOMPARE(status(QStringLiteral("shop")).channel.writtenAt, written.channel.writtenAt);
        QCOMPARE(changes(QStringLiteral("shop")).size(), pending.size());
        QCOMPARE(changeLogSince(seq).size(), 0);

        // A folder that is not there: refused before anything is computed or recorded.
        const Result<FeedWriteResult> nowhere = StockFeed::writeFile(
            *m_context, QStringLiteral("shop"), QStringLiteral("/nonexistent-folder/feed.csv"));
        QVERIFY(!nowhere);
        QVERIFY2(nowhere.error().message.contains(QLatin1String("Cannot write")),
                 qPrintable(nowhere.error().message));
        QCOMPARE(status(QStringLiteral("shop")).channel.writtenAt, written.channel.writtenAt);
        QCOMPARE(changeLogSince(seq).size(), 0);
    }

    void settingsAreCheckedAndLeaveTheRulesAlone()
    {
        QVERIFY(
            FulfilmentService(*m_context)
                .setChannelRules(QStringLiteral("shop"), FulfilmentRules {true, {QStringLiteral("LEEDS")}}));
        FeedService feeds(*m_context);
        Result<ChannelFeedRecord> refused = feeds.setFeedSettings(QStringLiteral("shop"), buffer(-1, 0));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Usage);
        QVERIFY2(refused.error().message.contains(QLatin1String("from 0 to")),
                 qPrintable(refused.error().message));
        refused = feeds.setFeedSettings(QStringLiteral("shop"), buffer(0, 101));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Usage);
        refused = feeds.setFeedSettings(QStringLiteral("shop"),
                                        locations({QStringLiteral("LEEDS"), QStringLiteral("NOPE")}));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Business);
        QVERIFY2(refused.error().message.contains(QLatin1String("NOPE")),
                 qPrintable(refused.error().message));
        FeedSettingsChange badFormat;
        badFormat.format = QStringLiteral("xml");
        refused = feeds.setFeedSettings(QStringLiteral("shop"), badFormat);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Usage);
        QVERIFY(!feeds.setFeedSettings(QStringLiteral("  "), buffer(1, 0)));
        QCOMPARE(status(QStringLiteral("shop")).channel.settings, FeedSettings {});

        FeedSettingsChange change = buffer(3, 15);
        change.locations
            = QStringList {QStringLiteral(" BRISTOL"), QStringLiteral("LEEDS"), QStringLiteral("BRISTOL")};
        const Result<ChannelFeedRecord> saved = feeds.setFeedSettings(QStringLiteral("shop"), change);
        QVERIFY2(saved, qPrintable(saved.error().message));
        QCOMPARE(saved->settings.locations,
                 (QStringList {QStringLiteral("BRISTOL"), QStringLiteral("LEEDS")}));
        QCOMPARE(status(QStringLiteral("shop")).channel.settings, saved->settings);
        // Only what was given changes.
        QVERIFY(settings(QStringLiteral("shop"), buffer(5, 15)));
        QCOMPARE(status(QStringLiteral("shop")).channel.settings.locations, saved->settings.locations);

        const Result<std::optional<ChannelRecord>> rules = m_db->read<std::optional<ChannelRecord>>(
            [&]() { return FulfilmentRepository(*m_db).channel(QStringLiteral("shop")); });
        QVERIFY(rules && *rules);
        QVERIFY((*rules)->rules.payLater);
        QCOMPARE((*rules)->rules.shipFrom, QStringList {QStringLiteral("LEEDS")});
    }

    void channelsOfOrdersAndUnknownChannels()
    {
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), 3));
        QVERIFY(place(QStringLiteral("ebay"), QStringLiteral("SKU-A"), 1));
        const Result<QList<ChannelFeedStatus>> all = FeedService(*m_context).channels();
        QVERIFY(all);
        QStringList names;
        for (const ChannelFeedStatus &channel : *all) {
            names << channel.channel.name;
        }
        QCOMPARE(names, (QStringList {QStringLiteral("ebay"), QStringLiteral("shop")}));
        QVERIFY(!all->at(0).channel.stored);
        QCOMPARE(all->at(0).changedSkus, 3);

        // A channel only orders name feeds with the defaults, and is set up by it.
        const QString file = m_dir->filePath(QStringLiteral("ebay.csv"));
        QVERIFY(StockFeed::writeFile(*m_context, QStringLiteral("ebay"), file));
        QVERIFY(status(QStringLiteral("ebay")).channel.stored);

        const Result<FeedWriteResult> unknown = StockFeed::writeFile(
            *m_context, QStringLiteral("amazon"), m_dir->filePath(QStringLiteral("amazon.csv")));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, Error::Kind::Business);
        QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("amazon.csv"))));
        QVERIFY(!FeedService(*m_context).changesSince(QStringLiteral("amazon")));
    }

    void commandLine()
    {
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), 10));
        Run run = ctl({QStringLiteral("channel"), QStringLiteral("set"), QStringLiteral("shop"),
                       QStringLiteral("--buffer"), QStringLiteral("1"), QStringLiteral("--buffer-percent"),
                       QStringLiteral("10"), QStringLiteral("--locations"), QStringLiteral("LEEDS,BRISTOL"),
                       QStringLiteral("--feed-format"), QStringLiteral("csv"), QStringLiteral("--json")});
        QVERIFY2(run.code == 0, run.err.constData());
        QJsonObject channel = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(channel.value(QStringLiteral("buffer_units")).toInt(), 1);
        QCOMPARE(channel.value(QStringLiteral("buffer_percent")).toInt(), 10);
        QCOMPARE(channel.value(QStringLiteral("locations")).toArray().size(), 2);

        // "" is every active location again.
        run = ctl({QStringLiteral("channel"), QStringLiteral("set"), QStringLiteral("other"),
                   QStringLiteral("--locations"), QString(), QStringLiteral("--json")});
        QVERIFY2(run.code == 0, run.err.constData());
        QVERIFY(
            QJsonDocument::fromJson(run.out).object().value(QStringLiteral("locations")).toArray().isEmpty());

        // The fulfilment rules' form still works, and leaves the feed alone.
        run = ctl({QStringLiteral("channel"), QStringLiteral("shop"), QStringLiteral("--pay-later"),
                   QStringLiteral("yes")});
        QVERIFY2(run.code == 0, run.err.constData());
        QCOMPARE(status(QStringLiteral("shop")).channel.settings.bufferUnits, 1);

        run = ctl({QStringLiteral("channel"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(run.code == 0, run.err.constData());
        const QJsonArray channels = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(channels.size(), 2); // by name: other, shop
        const QJsonObject shop = channels.at(1).toObject();
        QCOMPARE(shop.value(QStringLiteral("channel")).toString(), QStringLiteral("shop"));
        QCOMPARE(shop.value(QStringLiteral("changed_skus")).toInt(), 3);
        QVERIFY(shop.value(QStringLiteral("written_at")).isNull());

        // A dry run shows and writes nothing.
        const QString file = m_dir->filePath(QStringLiteral("shop.csv"));
        run = ctl({QStringLiteral("feed"), QStringLiteral("--channel"), QStringLiteral("shop"),
                   QStringLiteral("--out"), file, QStringLiteral("--dry-run"), QStringLiteral("--json")});
        QVERIFY2(run.code == 0, run.err.constData());
        const QJsonObject dry = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(dry.value(QStringLiteral("changes")).toArray().size(), 9); // 3 SKUs × (2 locations + total)
        QCOMPARE(dry.value(QStringLiteral("changed_skus")).toInt(), 3);
        QVERIFY(!QFile::exists(file));
        QVERIFY(status(QStringLiteral("shop")).channel.writtenAt.isEmpty());
        run = ctl({QStringLiteral("feed"), QStringLiteral("--channel"), QStringLiteral("shop"),
                   QStringLiteral("--dry-run")});
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains("Dry run"), run.out.constData());
        QVERIFY(run.out.contains("SKU-A"));

        run = ctl({QStringLiteral("feed"), QStringLiteral("--channel"), QStringLiteral("shop"),
                   QStringLiteral("--out"), file});
        QVERIFY2(run.code == 0, run.err.constData());
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        // 10 at LEEDS less 1 unit and 10 % (1): 8.
        QVERIFY(written.readAll().startsWith(
            "sku,location,available\r\nSKU-A,LEEDS,8\r\nSKU-A,BRISTOL,0\r\nSKU-A,,8\r\n"));
        QCOMPARE(status(QStringLiteral("shop")).channel.writtenBy, QStringLiteral("clerk"));
        run = ctl({QStringLiteral("channel"), QStringLiteral("list")});
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains("by clerk"), run.out.constData());
    }

    void commandLineRefusals_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const QString set = QStringLiteral("set");
        const QString shop = QStringLiteral("shop");
        const QString channel = QStringLiteral("channel");
        QTest::addRow("negative buffer")
            << QStringList {channel, set, shop, QStringLiteral("--buffer"), QStringLiteral("-1")} << 2
            << QStringLiteral("from 0 to");
        QTest::addRow("buffer not a number")
            << QStringList {channel, set, shop, QStringLiteral("--buffer"), QStringLiteral("two")} << 2
            << QStringLiteral("--buffer takes a whole number");
        QTest::addRow("percent over 100")
            << QStringList {channel, set, shop, QStringLiteral("--buffer-percent"), QStringLiteral("150")}
            << 2 << QStringLiteral("from 0 to 100");
        QTest::addRow("unknown location")
            << QStringList {channel, set, shop, QStringLiteral("--locations"), QStringLiteral("LEEDS,NOPE")}
            << 1 << QStringLiteral("Unknown location \"NOPE\"");
        QTest::addRow("unknown format")
            << QStringList {channel, set, shop, QStringLiteral("--feed-format"), QStringLiteral("xml")} << 2
            << QStringLiteral("csv or shopify-inventory");
        QTest::addRow("rules option with set")
            << QStringList {channel, set, shop, QStringLiteral("--pay-later"), QStringLiteral("yes")} << 2
            << QStringLiteral("--pay-later goes with channel NAME");
        QTest::addRow("feed option without set")
            << QStringList {channel, shop, QStringLiteral("--buffer"), QStringLiteral("2")} << 2
            << QStringLiteral("--buffer goes with channel set NAME");
        QTest::addRow("set without a name")
            << QStringList {channel, set} << 2 << QStringLiteral("one channel name");
        QTest::addRow("feed without channel")
            << QStringList {QStringLiteral("feed"), QStringLiteral("--out"), QStringLiteral("x.csv")} << 2
            << QStringLiteral("--channel");
        QTest::addRow("feed of no channel")
            << QStringList {QStringLiteral("feed"), QStringLiteral("--channel"), QStringLiteral("nope"),
                            QStringLiteral("--out"), QStringLiteral("/tmp/stockroom-feed-refused.csv")}
            << 1 << QStringLiteral("There is no channel \"nope\"");
        QTest::addRow("feed format") << QStringList {QStringLiteral("feed"),
                                                     QStringLiteral("--channel"),
                                                     shop,
                                                     QStringLiteral("--format"),
                                                     QStringLiteral("xml"),
                                                     QStringLiteral("--out"),
                                                     QStringLiteral("/tmp/stockroom-feed-refused.csv")}
                                     << 2 << QStringLiteral("--format takes csv or shopify-inventory");
        QTest::addRow("feed to stdout") << QStringList {QStringLiteral("feed"), QStringLiteral("--channel"),
                                                        shop, QStringLiteral("--out"), QStringLiteral("-")}
                                        << 2 << QStringLiteral("not -");
        QTest::addRow("feed without out")
            << QStringList {QStringLiteral("feed"), QStringLiteral("--channel"), shop} << 2
            << QStringLiteral("--dry-run");
        QTest::addRow("feed into no folder")
            << QStringList {QStringLiteral("feed"), QStringLiteral("--channel"), shop,
                            QStringLiteral("--out"), QStringLiteral("/nonexistent-folder/feed.csv")}
            << 3 << QStringLiteral("Cannot write /nonexistent-folder/feed.csv");
    }

    void commandLineRefusals()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, code);
        QFETCH(QString, message);
        const Run run = ctl(arguments);
        QCOMPARE(run.code, code);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/stockroom-feed-refused.csv")));
        QVERIFY(status(QStringLiteral("shop")).channel.writtenAt.isEmpty());
        QCOMPARE(status(QStringLiteral("shop")).channel.settings, FeedSettings {});
    }
};

QTEST_GUILESS_MAIN(TestFeed)
#include "tst_feed.moc"
