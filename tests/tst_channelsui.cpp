// SPDX-License-Identifier: GPL-3.0-or-later
#include "changefeed.h"
#include "channelcontroller.h"
#include "databaseworker.h"
#include "dataexport.h"
#include "exportcontroller.h"
#include "feedservice.h"
#include "orderservice.h"
#include "session.h"
#include "stockfeed.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Stockroom;

/**
 * The Channels view and the Export dialog through the GUI's own objects (session, database thread, change
 * feed): each channel's feed state with how many SKUs changed since its last feed, the changed numbers of the
 * selected channel, writing a feed (the file appears, the count goes back to 0), the service's refusal of
 * bad settings, an export whose header is our documented one, and another connection's order reaching the
 * count through the change feed, a burst of them without a reload per order.
 */
class TestChannelsUi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    QTemporaryDir m_dir;
    QString m_webFeed;

    ServiceContext context() { return ServiceContext {*m_db, Clock(), QStringLiteral("seed")}; }

    bool placeOrder(Database &db, const QString &channel, const QString &sku, int qty)
    {
        ServiceContext c {db, Clock(), QStringLiteral("other desk")};
        PlaceOrderRequest request;
        request.channel = channel;
        request.customerName = QStringLiteral("Ada Lovelace");
        OrderLineRequest line;
        line.sku = sku;
        line.qty = qty;
        request.lines = {line};
        const Result<PlacedOrder> placed = OrderService(c).place(request);
        if (!placed) {
            qWarning("%s", qPrintable(placed.error().message));
        }
        return bool(placed);
    }

    /** The session's controller once its first lists are there. */
    static bool settled(ChannelController *channels)
    {
        return QTest::qWaitFor([channels] { return channels->loaded() && !channels->loading(); }, 20'000);
    }

    static QVariantMap entry(ChannelController *channels, const QString &name)
    {
        for (const QVariant &channel : channels->channels()) {
            if (channel.toMap().value(QStringLiteral("name")).toString() == name) {
                return channel.toMap();
            }
        }
        return {};
    }

    static QString firstLine(const QString &fileName)
    {
        QFile file(fileName);
        if (!file.open(QIODevice::ReadOnly)) {
            return {};
        }
        return QString::fromUtf8(file.readLine()).trimmed();
    }

private Q_SLOTS:
    void init()
    {
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open(QStringLiteral("seed"));
        QVERIFY(m_db);
        ServiceContext c = context();
        QVERIFY(Test::seedCatalog(c, {{QStringLiteral("LEEDS"), 10}, {QStringLiteral("BRISTOL"), 20}},
                                  {QStringLiteral("MUG"), QStringLiteral("PLATE"), QStringLiteral("CUP")}));
        for (const char *sku : {"MUG", "PLATE", "CUP"}) {
            QVERIFY(StockService(c).receive(QString::fromLatin1(sku), QStringLiteral("LEEDS"), 20));
            QVERIFY(StockService(c).receive(QString::fromLatin1(sku), QStringLiteral("BRISTOL"), 5));
        }
        // web: 2 units held back, Leeds only, its feed written; then an order takes 3 mugs at Leeds.
        FeedSettingsChange web;
        web.bufferUnits = 2;
        web.locations = QStringList {QStringLiteral("LEEDS")};
        QVERIFY(FeedService(c).setFeedSettings(QStringLiteral("web"), web));
        m_webFeed = m_dir.filePath(QStringLiteral("web-seed.csv"));
        const Result<FeedWriteResult> written = StockFeed::writeFile(c, QStringLiteral("web"), m_webFeed);
        QVERIFY2(written, qPrintable(written.error().message));
        QVERIFY(placeOrder(*m_db, QStringLiteral("web"), QStringLiteral("MUG"), 3));
        // market: known only from its orders, its feed never written.
        QVERIFY(placeOrder(*m_db, QStringLiteral("market"), QStringLiteral("CUP"), 1));
    }

    void cleanup()
    {
        m_db.reset();
        m_scratch.reset();
    }

    void listsChannelsWithWhatChangedSince()
    {
        Session session(m_scratch->spec(), QStringLiteral("Sam"));
        ChannelController *channels = session.channelFeeds();
        channels->setActive(true);
        QVERIFY(settled(channels));
        QVERIFY2(!channels->failed(), qPrintable(channels->message()));

        // web sells from Leeds, where both orders were routed: its mugs and cups changed, its plates did not.
        const QVariantMap web = entry(channels, QStringLiteral("web"));
        QVERIFY(!web.isEmpty());
        QCOMPARE(web.value(QStringLiteral("written")).toBool(), true);
        QCOMPARE(web.value(QStringLiteral("writtenBy")).toString(), QStringLiteral("seed"));
        QCOMPARE(web.value(QStringLiteral("file")).toString(), m_webFeed);
        QCOMPARE(web.value(QStringLiteral("fileName")).toString(), QStringLiteral("web-seed.csv"));
        QCOMPARE(web.value(QStringLiteral("bufferUnits")).toInt(), 2);
        QCOMPARE(web.value(QStringLiteral("locations")).toStringList(),
                 QStringList {QStringLiteral("LEEDS")});
        QCOMPARE(web.value(QStringLiteral("changedSkus")).toInt(), 2); // MUG and CUP, both taken at Leeds
        QCOMPARE(web.value(QStringLiteral("upToDate")).toBool(), false);
        QCOMPARE(web.value(QStringLiteral("status")).toString(), QStringLiteral("low"));
        QVERIFY2(web.value(QStringLiteral("statusText")).toString().startsWith(QStringLiteral("⚠ 2 SKU")),
                 qPrintable(web.value(QStringLiteral("statusText")).toString()));

        // Never written: every SKU is still to be sent, and it says so.
        const QVariantMap market = entry(channels, QStringLiteral("market"));
        QCOMPARE(market.value(QStringLiteral("written")).toBool(), false);
        QCOMPARE(market.value(QStringLiteral("changedSkus")).toInt(), 3);
        QVERIFY(
            market.value(QStringLiteral("statusText")).toString().contains(QLatin1String("Never written")));
        QCOMPARE(market.value(QStringLiteral("locationsText")).toString(),
                 QStringLiteral("every active location"));

        // web's numbers that differ: Leeds and the total, of MUG and of CUP, with last, now and the difference.
        channels->setCurrentChannel(QStringLiteral("web"));
        QVERIFY(settled(channels));
        QCOMPARE(channels->current().value(QStringLiteral("name")).toString(), QStringLiteral("web"));
        QCOMPARE(channels->changeCount(), 4);
        QCOMPARE(channels->changes().size(), 4);
        bool sawMugTotal = false;
        for (const QVariant &value : channels->changes()) {
            const QVariantMap change = value.toMap();
            if (change.value(QStringLiteral("sku")) == QLatin1String("MUG")) {
                QCOMPARE(change.value(QStringLiteral("difference")).toInt(), -3);
                QCOMPARE(change.value(QStringLiteral("differenceText")).toString(),
                         QStringLiteral("\u22123"));
                if (change.value(QStringLiteral("location")).toString().isEmpty()) {
                    sawMugTotal = true;
                    QCOMPARE(change.value(QStringLiteral("locationText")).toString(),
                             QStringLiteral("Total"));
                    // Leeds's 20 less the buffer of 2, then 17 less 2: web's total is of its locations only.
                    QCOMPARE(change.value(QStringLiteral("last")).toInt(), 18);
                    QCOMPARE(change.value(QStringLiteral("now")).toInt(), 15);
                }
            }
        }
        QVERIFY(sawMugTotal);

        // market was never written: every number is new.
        channels->setCurrentChannel(QStringLiteral("market"));
        QVERIFY(settled(channels));
        QCOMPARE(channels->changeCount(), 3 * 3); // LEEDS, BRISTOL and the total of each SKU
        const QVariantMap first = channels->changes().constFirst().toMap();
        QVERIFY(!first.contains(QStringLiteral("last")));
        QCOMPARE(first.value(QStringLiteral("differenceText")).toString(), QStringLiteral("new"));
    }

    void writingTheFeedResetsTheCount()
    {
        Session session(m_scratch->spec(), QStringLiteral("Sam"));
        ChannelController *channels = session.channelFeeds();
        channels->setActive(true);
        QVERIFY(settled(channels));
        channels->setCurrentChannel(QStringLiteral("web"));
        QVERIFY(settled(channels));
        // The last file is offered again.
        QCOMPARE(channels->suggestedFile(QStringLiteral("web")), QUrl::fromLocalFile(m_webFeed));

        const QString file = m_dir.filePath(QStringLiteral("web-now.csv"));
        QSignalSpy written(channels, &ChannelController::feedWritten);
        channels->writeFeed(QUrl::fromLocalFile(file));
        QVERIFY(written.wait(20'000));
        QVERIFY2(written.first().at(0).toBool(), qPrintable(channels->message()));
        QVERIFY2(channels->message().contains(file), qPrintable(channels->message()));
        QCOMPARE(firstLine(file), StockFeed::csvHeader());

        // The list shows the new feed: now, by Sam, to that file, and nothing changed since.
        QTRY_VERIFY_WITH_TIMEOUT(
            entry(channels, QStringLiteral("web")).value(QStringLiteral("upToDate")).toBool(), 10'000);
        QVERIFY(settled(channels));
        const QVariantMap web = channels->current();
        QCOMPARE(web.value(QStringLiteral("changedSkus")).toInt(), 0);
        QCOMPARE(web.value(QStringLiteral("writtenBy")).toString(), QStringLiteral("Sam"));
        QCOMPARE(web.value(QStringLiteral("file")).toString(), file);
        QCOMPARE(web.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(channels->changeCount(), 0);
        QVERIFY(channels->changes().isEmpty());

        // A file that cannot be written: refused, nothing recorded.
        written.clear();
        channels->writeFeed(QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("no/such/folder/web.csv"))));
        QVERIFY(written.wait(20'000));
        QCOMPARE(written.first().at(0).toBool(), false);
        QVERIFY(channels->failed());
        QVERIFY2(channels->message().contains(QLatin1String("no/such/folder")),
                 qPrintable(channels->message()));
        QCOMPARE(entry(channels, QStringLiteral("web")).value(QStringLiteral("file")).toString(), file);
    }

    void refusedSettingsAreShown()
    {
        Session session(m_scratch->spec(), QStringLiteral("Sam"));
        ChannelController *channels = session.channelFeeds();
        channels->setActive(true);
        QVERIFY(settled(channels));
        QSignalSpy saved(channels, &ChannelController::settingsSaved);

        channels->saveSettings(QStringLiteral("web"), 1, 150, {QStringLiteral("LEEDS")},
                               QStringLiteral("csv"));
        QVERIFY(saved.wait(10'000));
        QCOMPARE(saved.last().at(0).toBool(), false);
        QVERIFY2(channels->settingsMessage().contains(QLatin1String("0 to 100")),
                 qPrintable(channels->settingsMessage()));

        channels->saveSettings(QStringLiteral("web"), 1, 10, {QStringLiteral("NOWHERE")},
                               QStringLiteral("csv"));
        QVERIFY(saved.wait(10'000));
        QCOMPARE(saved.last().at(0).toBool(), false);
        QVERIFY2(channels->settingsMessage().contains(QLatin1String("NOWHERE")),
                 qPrintable(channels->settingsMessage()));

        channels->saveSettings(QString(), 0, 0, {}, QStringLiteral("csv"));
        QVERIFY(saved.wait(10'000));
        QCOMPARE(saved.last().at(0).toBool(), false);
        QVERIFY(!channels->settingsMessage().isEmpty());
        // Nothing of the refused settings was stored.
        QCOMPARE(entry(channels, QStringLiteral("web")).value(QStringLiteral("bufferUnits")).toInt(), 2);

        // Good ones are saved, the message goes, and the list shows them.
        channels->saveSettings(QStringLiteral("web"), 5, 10,
                               {QStringLiteral("BRISTOL"), QStringLiteral("LEEDS")},
                               QStringLiteral("shopify-inventory"));
        QVERIFY(saved.wait(10'000));
        QVERIFY2(saved.last().at(0).toBool(), qPrintable(channels->settingsMessage()));
        QVERIFY(channels->settingsMessage().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(
            entry(channels, QStringLiteral("web")).value(QStringLiteral("bufferUnits")).toInt(), 5, 10'000);
        const QVariantMap web = entry(channels, QStringLiteral("web"));
        QCOMPARE(web.value(QStringLiteral("format")).toString(), QStringLiteral("shopify-inventory"));
        QCOMPARE(web.value(QStringLiteral("locationsText")).toString(), QStringLiteral("BRISTOL, LEEDS"));
        // (No translator here: the plural reads "unit(s)".)
        QVERIFY2(web.value(QStringLiteral("bufferText")).toString().startsWith(QLatin1String("5 unit"))
                     && web.value(QStringLiteral("bufferText")).toString().endsWith(QLatin1String("+ 10 %")),
                 qPrintable(web.value(QStringLiteral("bufferText")).toString()));

        // A new channel is set up by its settings, and selected.
        channels->saveSettings(QStringLiteral("wholesale"), 0, 0, {}, QStringLiteral("csv"));
        QVERIFY(saved.wait(10'000));
        QVERIFY2(saved.last().at(0).toBool(), qPrintable(channels->settingsMessage()));
        QCOMPARE(channels->currentChannel(), QStringLiteral("wholesale"));
        QTRY_VERIFY_WITH_TIMEOUT(!entry(channels, QStringLiteral("wholesale")).isEmpty(), 10'000);
    }

    void exportWritesOurFormat()
    {
        Session session(m_scratch->spec(), QStringLiteral("Sam"));
        QTRY_VERIFY_WITH_TIMEOUT(session.ready(), 20'000);
        ExportController *exports = session.exports();
        QSignalSpy finished(exports, &ExportController::finished);

        const QString orders = m_dir.filePath(QStringLiteral("orders.csv"));
        exports->run(QStringLiteral("orders"), QString(), orders);
        QVERIFY(finished.wait(20'000));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(exports->message()));
        QCOMPARE(firstLine(orders), DataExport::header(DataExport::Kind::Orders));
        QCOMPARE(exports->rows(), 2); // one line of each of the two orders
        QVERIFY2(exports->message().contains(orders), qPrintable(exports->message()));

        // Stock: a row per product and location.
        const QString stock = m_dir.filePath(QStringLiteral("stock.csv"));
        exports->run(QStringLiteral("stock"), QStringLiteral("ignored for stock"), stock);
        QVERIFY(finished.wait(20'000));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(exports->message()));
        QCOMPARE(firstLine(stock), DataExport::header(DataExport::Kind::Stock));
        QCOMPARE(exports->rows(), 6);

        // Orders since tomorrow: none, but the file is there with its header.
        const QString none = m_dir.filePath(QStringLiteral("none.csv"));
        exports->run(QStringLiteral("orders"), QDate::currentDate().addDays(2).toString(Qt::ISODate), none);
        QVERIFY(finished.wait(20'000));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(exports->message()));
        QCOMPARE(exports->rows(), 0);
        QCOMPARE(firstLine(none), DataExport::header(DataExport::Kind::Orders));

        // A date that is none is refused before anything runs, and no file appears.
        const QString bad = m_dir.filePath(QStringLiteral("bad.csv"));
        finished.clear();
        exports->run(QStringLiteral("ledger"), QStringLiteral("2025-13-45"), bad);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY2(exports->message().contains(QLatin1String("2025-13-45")), qPrintable(exports->message()));
        QVERIFY(!QFile::exists(bad));

        // A folder that does not exist: the file system's refusal, named.
        exports->run(QStringLiteral("products"), QString(), m_dir.filePath(QStringLiteral("missing/p.csv")));
        QVERIFY(finished.wait(20'000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY2(exports->message().contains(QLatin1String("missing")), qPrintable(exports->message()));
    }

    void anotherConnectionsOrderUpdatesTheCount()
    {
        // web up to date first.
        {
            ServiceContext c = context();
            QVERIFY(StockFeed::writeFile(c, QStringLiteral("web"), m_webFeed));
        }
        Session session(m_scratch->spec(), QStringLiteral("Sam"));
        QTRY_VERIFY_WITH_TIMEOUT(session.ready() && session.live(), 20'000);
        ChannelController *channels = session.channelFeeds();
        channels->setCurrentChannel(QStringLiteral("web"));
        channels->setActive(true);
        QVERIFY(settled(channels));
        QCOMPARE(entry(channels, QStringLiteral("web")).value(QStringLiteral("changedSkus")).toInt(), 0);
        QCOMPARE(channels->changeCount(), 0);

        // Another desktop's connection places an order: the count follows through the change feed alone.
        std::unique_ptr<Database> other = m_scratch->open(QStringLiteral("other"));
        QVERIFY(other);
        QVERIFY(placeOrder(*other, QStringLiteral("shop"), QStringLiteral("PLATE"), 2));
        QTRY_COMPARE_WITH_TIMEOUT(
            entry(channels, QStringLiteral("web")).value(QStringLiteral("changedSkus")).toInt(), 1, 10'000);
        QCOMPARE(channels->changeCount(), 2); // PLATE at Leeds and its total
        // The new channel the order brought is listed too.
        QTRY_VERIFY_WITH_TIMEOUT(!entry(channels, QStringLiteral("shop")).isEmpty(), 10'000);

        // Hidden, the view fetches nothing; shown again, it catches up once.
        QVERIFY(settled(channels));
        channels->setActive(false);
        QSignalSpy reloads(channels, &ChannelController::channelsChanged);
        QVERIFY(placeOrder(*other, QStringLiteral("shop"), QStringLiteral("MUG"), 1));
        QTest::qWait(ChannelController::ReloadDelay + 500);
        QCOMPARE(reloads.count(), 0);
        channels->setActive(true);
        QTRY_COMPARE_WITH_TIMEOUT(reloads.count(), 1, 10'000);
        QCOMPARE(entry(channels, QStringLiteral("web")).value(QStringLiteral("changedSkus")).toInt(), 2);
    }

    void aBurstOfChangesIsNotAFetchPerOrder()
    {
        // The session's wiring by hand, to count what the database thread is asked to compute.
        QThread thread;
        auto *worker = new DatabaseWorker(m_scratch->spec());
        worker->moveToThread(&thread);
        connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
        thread.start();
        QSignalSpy opened(worker, &DatabaseWorker::opened);
        QMetaObject::invokeMethod(worker, [worker] { worker->open(); });
        QVERIFY(opened.wait(10'000));
        QVERIFY(opened.first().at(0).toBool());
        ChangeFeed feed(m_scratch->spec());
        // Also when a check fails half-way: a running thread must not be destroyed.
        const auto stop = qScopeGuard([&] {
            feed.stop();
            QMetaObject::invokeMethod(
                worker, [worker] { worker->close(); }, Qt::BlockingQueuedConnection);
            thread.quit();
            thread.wait();
        });
        feed.start();
        QTRY_VERIFY_WITH_TIMEOUT(feed.isConnected(), 10'000);
        {
            ChannelController channels(worker, QStringLiteral("Sam"));
            connect(&feed, &ChangeFeed::ordersChanged, &channels, &ChannelController::applyOrderChanges);
            connect(&feed, &ChangeFeed::stockChanged, &channels, &ChannelController::applyStockChanges);
            connect(&feed, &ChangeFeed::entitiesChanged, &channels, &ChannelController::applyEntityChanges);
            QSignalSpy fetched(worker, &DatabaseWorker::channelFeedsFetched);
            channels.setActive(true);
            QVERIFY(settled(&channels));
            QCOMPARE(fetched.count(), 1);

            // 20 orders from another connection, each its own commit with order and stock changes, far enough
            // apart for the change feed to report each on its own (as orders arrive at a busy shop).
            std::unique_ptr<Database> other = m_scratch->open(QStringLiteral("other"));
            QVERIFY(other);
            QElapsedTimer burst;
            burst.start();
            for (int i = 0; i < 20; ++i) {
                QVERIFY(placeOrder(*other, QStringLiteral("shop"),
                                   i % 2 ? QStringLiteral("MUG") : QStringLiteral("PLATE"), 1));
                QTest::qWait(60);
            }
            const qint64 took = burst.elapsed();
            QTRY_COMPARE_WITH_TIMEOUT(
                entry(&channels, QStringLiteral("web")).value(QStringLiteral("changedSkus")).toInt(), 3,
                10'000);
            QTest::qWait(2 * ChannelController::ReloadDelay);
            QVERIFY(settled(&channels));
            // One fetch per ReloadDelay while they come, and one after: not one per order.
            const qint64 allowed = 2 + took / ChannelController::ReloadDelay;
            const qint64 fetches = fetched.count() - 1;
            QVERIFY2(fetches <= allowed,
                     qPrintable(QStringLiteral("%1 fetches for 20 orders in %2 ms").arg(fetches).arg(took)));
            qInfo("%lld fetches for 20 orders in %lld ms", fetches, took);
        }
    }
};

QTEST_GUILESS_MAIN(TestChannelsUi)
#include "tst_channelsui.moc"
