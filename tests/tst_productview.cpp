// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogservice.h"
#include "databaseworker.h"
#include "inventorymodel.h"
#include "ledgermodel.h"
#include "productcontroller.h"
#include "productimportcontroller.h"
#include "purchaseservice.h"
#include "session.h"
#include "stockservice.h"
#include "testsupport.h"
#include "transferservice.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Stockroom;

/**
 * The Inventory view's C++ over a real database through the worker thread: the grid's columns and states
 * (on order, in transit, below the reorder point), the ledger paged by keyset with its running on-hand
 * balance, its live refresh when another connection commits, the product editor's refusals and saves, and
 * importing a product or stock file (preview, then import; a file with problems is not imported at all).
 */
class TestProductView : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    QThread m_thread;
    DatabaseWorker *m_worker = nullptr;
    QDateTime m_now {QDate(2026, 5, 1), QTime(9, 0), QTimeZone::utc()};
    /** CUP's movements as booked, oldest first: location, delta, on hand there right after. */
    struct Booked
    {
        QString location;
        int delta = 0;
        int after = 0;
    };
    QList<Booked> m_cup;
    QHash<QString, int> m_cupOnHand;

    ServiceContext context()
    {
        return ServiceContext {*m_db, Clock([this] { return m_now; }), QStringLiteral("tester")};
    }

    qint64 productId(const QString &sku)
    {
        const Result<std::optional<ProductRecord>> product = CatalogRepository(*m_db).productBySku(sku);
        return product && *product ? (*product)->id : 0;
    }

    qint64 locationId(const QString &code)
    {
        const Result<std::optional<LocationRecord>> location = CatalogRepository(*m_db).locationByCode(code);
        return location && *location ? (*location)->id : 0;
    }

    qint64 scalar(const QString &sql)
    {
        const Result<QVariant> value = m_db->scalar(sql);
        return value ? value->toLongLong() : -1;
    }

    int onHand(const QString &sku, const QString &location)
    {
        const Result<QList<StockLevelRow>> levels = StockRepository(*m_db).levels(sku, location);
        return levels && !levels->isEmpty() ? levels->first().onHand : -1;
    }

    static QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
    {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
            return {};
        }
        return file.fileName();
    }

    /** The row of sku at location in the model, or -1. */
    static int rowOf(const InventoryModel &model, const QString &sku, const QString &location)
    {
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row);
            if (index.data(InventoryModel::SkuRole).toString() == sku
                && index.data(InventoryModel::LocationRole).toString() == location) {
                return row;
            }
        }
        return -1;
    }

    /** Books one CUP movement and remembers what the ledger must say about it. */
    bool bookCup(const QString &location, int delta)
    {
        ServiceContext c = context();
        const Result<StockLevelRow> done = delta > 0
            ? StockService(c).receive(QStringLiteral("CUP"), location, delta)
            : StockService(c).adjust(QStringLiteral("CUP"), location, delta, QStringLiteral("breakage"));
        if (!done) {
            qWarning("%s", qPrintable(done.error().message));
            return false;
        }
        m_cupOnHand[location] += delta;
        m_cup << Booked {location, delta, m_cupOnHand.value(location)};
        m_now = m_now.addSecs(97);
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open();
        QVERIFY(m_db);
        ServiceContext c = context();
        QVERIFY(Test::seedCatalog(
            c, {{QStringLiteral("LEEDS"), 10}, {QStringLiteral("BRISTOL"), 20}, {QStringLiteral("YORK"), 30}},
            {QStringLiteral("CUP"), QStringLiteral("BOWL")}));
        ProductRecord mug;
        mug.sku = QStringLiteral("MUG");
        mug.name = QStringLiteral("Enamel mug");
        mug.unitCostCents = 250;
        mug.priceCents = 900;
        QVERIFY(CatalogService(c).addProduct(mug));

        // MUG: 50 at Leeds, 10 of them on their way to Bristol (which never had any), 30 on order for Leeds,
        // and a reorder point at Leeds above what Leeds will have.
        QVERIFY(StockService(c).receive(QStringLiteral("MUG"), QStringLiteral("LEEDS"), 50));
        QVERIFY(CatalogService(c).setStockSettings(QStringLiteral("MUG"), QStringLiteral("LEEDS"),
                                                   QStringLiteral("A-01"), 80, 100));
        QVERIFY(PurchaseService(c).addSupplier(QStringLiteral("Acme"), {}, 7));
        const Result<PurchaseOrder> po = PurchaseService(c).create(
            QStringLiteral("Acme"), QStringLiteral("LEEDS"), {}, {{QStringLiteral("MUG"), 30, {}, 0, {}}});
        QVERIFY2(po, qPrintable(po.error().message));
        QVERIFY(PurchaseService(c).order(po->number));
        const Result<Transfer> transfer = TransferService(c).create(
            QStringLiteral("LEEDS"), QStringLiteral("BRISTOL"), {{QStringLiteral("MUG"), 10, {}, 0, {}}});
        QVERIFY2(transfer, qPrintable(transfer.error().message));
        QVERIFY(TransferService(c).request(transfer->number));
        const Result<Transfer> shipped = TransferService(c).ship(transfer->number);
        QVERIFY2(shipped, qPrintable(shipped.error().message));

        // CUP: 450 movements over Leeds and York, in and out.
        for (int i = 0; i < 450; ++i) {
            const QString location = i % 3 == 0 ? QStringLiteral("YORK") : QStringLiteral("LEEDS");
            const int delta = i % 4 == 3 ? -1 : 1 + i % 5;
            QVERIFY(bookCup(location, delta));
        }

        m_worker = new DatabaseWorker(m_scratch->spec());
        m_worker->moveToThread(&m_thread);
        connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
        m_thread.start();
        QSignalSpy opened(m_worker, &DatabaseWorker::opened);
        DatabaseWorker *worker = m_worker;
        QMetaObject::invokeMethod(worker, [worker] { worker->open(); });
        QVERIFY(opened.wait(10'000));
        QVERIFY(opened.first().at(0).toBool());
    }

    void cleanupTestCase()
    {
        if (m_worker) {
            DatabaseWorker *worker = m_worker;
            QMetaObject::invokeMethod(
                worker, [worker] { worker->close(); }, Qt::BlockingQueuedConnection);
        }
        m_thread.quit();
        m_thread.wait();
        m_db.reset();
        m_scratch.reset();
    }

    void gridShowsWhatIsComing()
    {
        InventoryModel model(m_worker);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &InventoryModel::loaded);
        model.setSearch(QStringLiteral("mug"));
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(model.rowCount(), 2);

        const QModelIndex leeds = model.index(rowOf(model, QStringLiteral("MUG"), QStringLiteral("LEEDS")));
        QVERIFY(leeds.isValid());
        QCOMPARE(leeds.data(InventoryModel::ProductNameRole).toString(), QStringLiteral("Enamel mug"));
        QCOMPARE(leeds.data(InventoryModel::BinRole).toString(), QStringLiteral("A-01"));
        QCOMPARE(leeds.data(InventoryModel::OnHandRole).toInt(), 40);
        QCOMPARE(leeds.data(InventoryModel::ReservedRole).toInt(), 0);
        QCOMPARE(leeds.data(InventoryModel::AvailableRole).toInt(), 40);
        QCOMPARE(leeds.data(InventoryModel::OnOrderRole).toInt(), 30);
        QCOMPARE(leeds.data(InventoryModel::InTransitRole).toInt(), 0);
        QCOMPARE(leeds.data(InventoryModel::ProjectedRole).toInt(), 70);
        QCOMPARE(leeds.data(InventoryModel::ReorderPointRole).toInt(), 80);
        QCOMPARE(leeds.data(InventoryModel::ReorderQtyRole).toInt(), 100);
        QCOMPARE(leeds.data(InventoryModel::ValueCentsRole).toLongLong(), 40 * 250);
        QVERIFY(!leeds.data(InventoryModel::ValueRole).toString().isEmpty());
        // Projected 70 < reorder point 80: amber, and said in words.
        QCOMPARE(leeds.data(InventoryModel::LevelRole).toString(), QStringLiteral("low"));
        QCOMPARE(leeds.data(InventoryModel::LevelTextRole).toString(), QStringLiteral("Reorder"));

        // The units on their way to Bristol show there, though Bristol has none yet.
        const QModelIndex bristol
            = model.index(rowOf(model, QStringLiteral("MUG"), QStringLiteral("BRISTOL")));
        QVERIFY(bristol.isValid());
        QCOMPARE(bristol.data(InventoryModel::OnHandRole).toInt(), 0);
        QCOMPARE(bristol.data(InventoryModel::InTransitRole).toInt(), 10);
        QCOMPARE(bristol.data(InventoryModel::OnOrderRole).toInt(), 0);
        QCOMPARE(bristol.data(InventoryModel::ProjectedRole).toInt(), 10);
        QCOMPARE(bristol.data(InventoryModel::LevelRole).toString(), QStringLiteral("out"));
        QCOMPARE(bristol.data(InventoryModel::LevelTextRole).toString(), QStringLiteral("Out of stock"));
        QCOMPARE(model.get(bristol.row()).value(QStringLiteral("inTransit")).toInt(), 10);

        // A location with enough and no reorder point: fine.
        model.setSearch(QStringLiteral("cup"));
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(model.rowCount(), 2);
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.data(model.index(row), InventoryModel::LevelRole).toString(),
                     QStringLiteral("ok"));
        }
    }

    void gridFiltersAndSorts()
    {
        InventoryModel model(m_worker);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &InventoryModel::loaded);
        model.reload();
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(model.rowCount(), 4); // MUG Leeds + Bristol, CUP Leeds + York

        model.setBelowReorderOnly(true);
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0), InventoryModel::LocationRole).toString(),
                 QStringLiteral("LEEDS"));
        QCOMPARE(model.belowReorderCount(), 1);
        model.setBelowReorderOnly(false);
        QVERIFY(loaded.wait(10'000));

        model.setOutOfStockOnly(true);
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0), InventoryModel::LocationRole).toString(),
                 QStringLiteral("BRISTOL"));
        model.setOutOfStockOnly(false);
        QVERIFY(loaded.wait(10'000));

        model.setLocationFilter(int(locationId(QStringLiteral("YORK"))));
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0), InventoryModel::SkuRole).toString(), QStringLiteral("CUP"));
        model.setLocationFilter(0);
        QVERIFY(loaded.wait(10'000));

        // Value: the biggest first when the heading is clicked; again: the smallest first.
        model.sortBy(QStringLiteral("value"));
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(model.sortKey(), QStringLiteral("value"));
        QVERIFY(model.sortDescending());
        for (int row = 1; row < model.rowCount(); ++row) {
            QVERIFY(model.data(model.index(row - 1), InventoryModel::ValueCentsRole).toLongLong()
                    >= model.data(model.index(row), InventoryModel::ValueCentsRole).toLongLong());
        }
        model.sortBy(QStringLiteral("available"));
        QVERIFY(loaded.wait(10'000));
        QVERIFY(!model.sortDescending());
        for (int row = 1; row < model.rowCount(); ++row) {
            QVERIFY(model.data(model.index(row - 1), InventoryModel::AvailableRole).toInt()
                    <= model.data(model.index(row), InventoryModel::AvailableRole).toInt());
        }
        QCOMPARE(model.data(model.index(0), InventoryModel::LocationRole).toString(),
                 QStringLiteral("BRISTOL"));
    }

    void ledgerPagesInOrder()
    {
        LedgerModel model(m_worker);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &LedgerModel::loaded);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setProductId(int(productId(QStringLiteral("CUP"))));
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(model.rowCount(), LedgerModel::PageSize);
        QVERIFY(!model.atEnd());

        // Scrolling asks for more (so does the model tester); each answer appends one page.
        QTRY_VERIFY_WITH_TIMEOUT((model.fetchMore({}), model.rowCount() == int(m_cup.size())), 10'000);
        QVERIFY(model.atEnd());
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(inserted.count(), 2);

        // Newest first; every movement once, with the on-hand balance its location had right after it.
        qint64 previous = std::numeric_limits<qint64>::max();
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row);
            const Booked &booked = m_cup.at(m_cup.size() - 1 - row);
            const qint64 id = index.data(LedgerModel::IdRole).toLongLong();
            QVERIFY(id < previous);
            previous = id;
            QCOMPARE(index.data(LedgerModel::LocationRole).toString(), booked.location);
            QCOMPARE(index.data(LedgerModel::DeltaOnHandRole).toInt(), booked.delta);
            QCOMPARE(index.data(LedgerModel::OnHandAfterRole).toInt(), booked.after);
            QCOMPARE(index.data(LedgerModel::ReasonRole).toString(),
                     booked.delta > 0 ? QStringLiteral("Received") : QStringLiteral("Corrected by hand"));
            QCOMPARE(index.data(LedgerModel::UserRole).toString(), QStringLiteral("tester"));
        }

        // One location: its movements alone, the same balances.
        model.setLocationFilter(int(locationId(QStringLiteral("YORK"))));
        QVERIFY(loaded.wait(10'000));
        QTRY_VERIFY_WITH_TIMEOUT((model.fetchMore({}), model.atEnd()), 10'000);
        QList<Booked> york;
        for (const Booked &booked : std::as_const(m_cup)) {
            if (booked.location == QLatin1String("YORK")) {
                york.prepend(booked);
            }
        }
        QCOMPARE(model.rowCount(), int(york.size()));
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.index(row).data(LedgerModel::OnHandAfterRole).toInt(), york.at(row).after);
        }
    }

    void ledgerReferencesOpenTheirDocument()
    {
        LedgerModel model(m_worker);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &LedgerModel::loaded);
        model.setProductId(int(productId(QStringLiteral("MUG"))));
        QVERIFY(loaded.wait(10'000));
        // Newest first: transfer in (0 at Bristol makes no row), transfer out, receipt.
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex out = model.index(0);
        QCOMPARE(out.data(LedgerModel::ReasonKeyRole).toString(), QStringLiteral("transfer_out"));
        QCOMPARE(out.data(LedgerModel::DeltaOnHandRole).toInt(), -10);
        QCOMPARE(out.data(LedgerModel::OnHandAfterRole).toInt(), 40);
        QVERIFY(out.data(LedgerModel::ReferenceRole).toString().startsWith(QLatin1String("TR-")));
        QCOMPARE(out.data(LedgerModel::OpenKindRole).toString(), QStringLiteral("transfer"));
        QCOMPARE(out.data(LedgerModel::OpenNumberRole).toString(),
                 out.data(LedgerModel::ReferenceRole).toString());
        QCOMPARE(model.index(1).data(LedgerModel::OnHandAfterRole).toInt(), 50);
        QCOMPARE(model.index(1).data(LedgerModel::OpenKindRole).toString(), QString());
    }

    void ledgerLiveRefresh()
    {
        // The whole session, with its change feed: another connection (this test's) commits a receipt.
        Session session(m_scratch->spec(), QStringLiteral("tester"));
        QTRY_VERIFY_WITH_TIMEOUT(session.ready(), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(session.live(), 10'000);
        LedgerModel *ledger = session.ledger();
        ProductController *product = session.product();
        QAbstractItemModelTester tester(ledger, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(ledger, &LedgerModel::loaded);
        product->open(QStringLiteral("CUP"), int(productId(QStringLiteral("CUP"))));
        QVERIFY(loaded.wait(10'000));
        QTRY_VERIFY_WITH_TIMEOUT(product->loaded(), 10'000);
        // Everything loaded first (the model tester asks for more pages too), so that only the live row adds.
        QTRY_VERIFY_WITH_TIMEOUT((ledger->fetchMore({}), ledger->atEnd() && !ledger->loading()), 10'000);
        const int before = ledger->rowCount();
        QCOMPARE(before, int(m_cup.size()));
        const qint64 newest = ledger->index(0).data(LedgerModel::IdRole).toLongLong();
        const QPersistentModelIndex top = ledger->index(0);

        QSignalSpy inserted(ledger, &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(ledger, &QAbstractItemModel::modelReset);
        QVERIFY(bookCup(QStringLiteral("YORK"), 7));

        QTRY_COMPARE_WITH_TIMEOUT(ledger->rowCount(), before + 1, 10'000);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(resets.count(), 0);
        const QModelIndex first = ledger->index(0);
        QVERIFY(first.data(LedgerModel::IdRole).toLongLong() > newest);
        QCOMPARE(first.data(LedgerModel::DeltaOnHandRole).toInt(), 7);
        QCOMPARE(first.data(LedgerModel::OnHandAfterRole).toInt(), m_cupOnHand.value(QStringLiteral("YORK")));
        QCOMPARE(first.data(LedgerModel::FlashRole).toBool(), true);
        // The rows already shown stay, one further down.
        QCOMPARE(top.row(), 1);

        // The pane's stock per location follows too.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QVariant &location : product->locations()) {
                    const QVariantMap map = location.toMap();
                    if (map.value(QStringLiteral("code")) == QLatin1String("YORK")) {
                        return map.value(QStringLiteral("onHand")).toInt()
                            == m_cupOnHand.value(QStringLiteral("YORK"));
                    }
                }
                return false;
            }(),
            10'000);
    }

    void gridLiveRefresh()
    {
        Session session(m_scratch->spec(), QStringLiteral("tester"));
        QTRY_VERIFY_WITH_TIMEOUT(session.ready(), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(session.live(), 10'000);
        InventoryModel *grid = session.inventory();
        QAbstractItemModelTester tester(grid, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int leedsRow = rowOf(*grid, QStringLiteral("MUG"), QStringLiteral("LEEDS"));
        QVERIFY(leedsRow >= 0);
        QCOMPARE(rowOf(*grid, QStringLiteral("MUG"), QStringLiteral("YORK")), -1);
        const QPersistentModelIndex leeds = grid->index(leedsRow);
        const int rows = grid->rowCount();
        QSignalSpy inserted(grid, &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(grid, &QAbstractItemModel::modelReset);

        // Another connection ships 5 mugs to York, where there never were any.
        ServiceContext c = context();
        const Result<Transfer> transfer = TransferService(c).create(
            QStringLiteral("LEEDS"), QStringLiteral("YORK"), {{QStringLiteral("MUG"), 5, {}, 0, {}}});
        QVERIFY2(transfer, qPrintable(transfer.error().message));
        QVERIFY(TransferService(c).request(transfer->number));
        QVERIFY(TransferService(c).ship(transfer->number));

        QTRY_COMPARE_WITH_TIMEOUT(grid->rowCount(), rows + 1, 10'000);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(resets.count(), 0);
        const int yorkRow = rowOf(*grid, QStringLiteral("MUG"), QStringLiteral("YORK"));
        QVERIFY(yorkRow >= 0);
        const QModelIndex york = grid->index(yorkRow);
        QCOMPARE(york.data(InventoryModel::InTransitRole).toInt(), 5);
        QCOMPARE(york.data(InventoryModel::LevelRole).toString(), QStringLiteral("out"));
        QCOMPARE(york.data(InventoryModel::FlashRole).toBool(), true);
        // Leeds changed in place: 5 fewer, further below its reorder point.
        QTRY_COMPARE_WITH_TIMEOUT(leeds.data(InventoryModel::OnHandRole).toInt(), 35, 10'000);
        QCOMPARE(leeds.data(InventoryModel::ProjectedRole).toInt(), 65);
        QCOMPARE(leeds.data(InventoryModel::LevelRole).toString(), QStringLiteral("low"));
    }

    void editorRefusesABadGtin()
    {
        ProductController controller(m_worker, QStringLiteral("tester"));
        QSignalSpy changed(&controller, &ProductController::detailChanged);
        QSignalSpy saved(&controller, &ProductController::saved);
        controller.open(QStringLiteral("BOWL"));
        QTRY_VERIFY_WITH_TIMEOUT(controller.loaded(), 10'000);
        QVERIFY(controller.found());

        // As typed: a wrong check digit is said at once, empty is fine.
        QVERIFY(
            controller.checkGtin(QStringLiteral("4006381333931")).value(QStringLiteral("valid")).toBool());
        const QVariantMap bad = controller.checkGtin(QStringLiteral("4006381333932"));
        QVERIFY(!bad.value(QStringLiteral("valid")).toBool());
        QVERIFY(!bad.value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(controller.checkGtin(QString()).value(QStringLiteral("valid")).toBool());

        // Saved anyway, the service refuses it with the reason, and nothing changes.
        QVariantMap fields {{QStringLiteral("sku"), QStringLiteral("BOWL")},
                            {QStringLiteral("name"), QStringLiteral("Soup bowl")},
                            {QStringLiteral("gtin"), QStringLiteral("4006381333932")},
                            {QStringLiteral("unitCost"), QStringLiteral("3.20")},
                            {QStringLiteral("price"), QStringLiteral("12.50")},
                            {QStringLiteral("weightGrams"), QStringLiteral("410")},
                            {QStringLiteral("active"), true}};
        controller.saveProduct(fields, false);
        QVERIFY(saved.wait(10'000));
        QCOMPARE(saved.last().at(0).toBool(), false);
        const QString message = saved.last().at(1).toString();
        QVERIFY2(message.contains(QLatin1String("not a GTIN")), qPrintable(message));
        QVERIFY2(message.contains(bad.value(QStringLiteral("message")).toString()), qPrintable(message));
        QVERIFY(controller.failed());
        QCOMPARE(controller.message(), message);
        QCOMPARE((*CatalogRepository(*m_db).productBySku(QStringLiteral("BOWL")))->name,
                 QStringLiteral("Product BOWL"));

        // Not an amount: refused before the database.
        fields.insert(QStringLiteral("price"), QStringLiteral("twelve"));
        controller.saveProduct(fields, false);
        QCOMPARE(saved.last().at(0).toBool(), false);
        QVERIFY(saved.last().at(1).toString().contains(QLatin1String("twelve")));

        // Corrected: saved, and the pane shows it.
        fields.insert(QStringLiteral("gtin"), QStringLiteral("4006381333931"));
        fields.insert(QStringLiteral("price"), QStringLiteral("12.50"));
        controller.saveProduct(fields, false);
        QVERIFY(saved.wait(10'000));
        QVERIFY2(saved.last().at(0).toBool(), qPrintable(saved.last().at(1).toString()));
        QVERIFY(!controller.failed());
        QTRY_COMPARE_WITH_TIMEOUT(controller.product().value(QStringLiteral("name")).toString(),
                                  QStringLiteral("Soup bowl"), 10'000);
        const ProductRecord stored = **CatalogRepository(*m_db).productBySku(QStringLiteral("BOWL"));
        QCOMPARE(stored.gtin, QStringLiteral("4006381333931"));
        QCOMPARE(stored.priceCents, 1250);
        QCOMPARE(stored.unitCostCents, 320);
        QCOMPARE(stored.weightGrams, 410);

        // A new product through the same editor: it opens.
        controller.saveProduct({{QStringLiteral("sku"), QStringLiteral("JUG")},
                                {QStringLiteral("name"), QStringLiteral("Milk jug")},
                                {QStringLiteral("unitCost"), QStringLiteral("4")},
                                {QStringLiteral("active"), true}},
                               true);
        QVERIFY(saved.wait(10'000));
        QVERIFY2(saved.last().at(0).toBool(), qPrintable(saved.last().at(1).toString()));
        QCOMPARE(controller.sku(), QStringLiteral("JUG"));
        QTRY_VERIFY_WITH_TIMEOUT(controller.loaded() && controller.found(), 10'000);
        QCOMPARE(controller.product().value(QStringLiteral("name")).toString(), QStringLiteral("Milk jug"));
        // The same SKU again: refused with the reason.
        controller.saveProduct(
            {{QStringLiteral("sku"), QStringLiteral("JUG")}, {QStringLiteral("name"), QStringLiteral("x")}},
            true);
        QVERIFY(saved.wait(10'000));
        QCOMPARE(saved.last().at(0).toBool(), false);
        QVERIFY(saved.last().at(1).toString().contains(QLatin1String("JUG")));
    }

    void stockSettingsSaved()
    {
        ProductController controller(m_worker, QStringLiteral("tester"));
        QSignalSpy saved(&controller, &ProductController::saved);
        controller.open(QStringLiteral("BOWL"));
        QTRY_VERIFY_WITH_TIMEOUT(controller.loaded(), 10'000);
        // Every active location is there to set, stock or not.
        QCOMPARE(controller.locations().size(), 3);

        controller.saveStockSettings(QStringLiteral("YORK"), QStringLiteral(" B-7 "), QStringLiteral("12"),
                                     QStringLiteral("24"));
        QVERIFY(saved.wait(10'000));
        QVERIFY2(saved.last().at(0).toBool(), qPrintable(saved.last().at(1).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QVariant &location : controller.locations()) {
                    const QVariantMap map = location.toMap();
                    if (map.value(QStringLiteral("code")) == QLatin1String("YORK")) {
                        return map.value(QStringLiteral("bin")) == QLatin1String("B-7")
                            && map.value(QStringLiteral("reorderPoint")).toInt() == 12
                            && map.value(QStringLiteral("reorderQty")).toInt() == 24
                            && map.value(QStringLiteral("level")) == QLatin1String("out");
                    }
                }
                return false;
            }(),
            10'000);
        // The grid has the new home, below its reorder point.
        StockGridFilter filter;
        filter.search = QStringLiteral("BOWL");
        const Result<QList<StockLevelRow>> rows = StockRepository(*m_db).grid(filter);
        QVERIFY(rows);
        QCOMPARE(rows->size(), 1);
        QCOMPARE(rows->first().binCode, QStringLiteral("B-7"));
        QCOMPARE(rows->first().reorderPoint, 12);

        controller.saveStockSettings(QStringLiteral("YORK"), {}, QStringLiteral("-3"), QStringLiteral("1"));
        QCOMPARE(saved.last().at(0).toBool(), false);
        QVERIFY(controller.failed());
        QVERIFY(controller.message().contains(QLatin1String("-3")));
    }

    void importPreviewsThenApplies()
    {
        QTemporaryDir dir;
        // Two new products (one at the location chosen for rows without one), one renamed, one as it is.
        const QString file = write(dir, QStringLiteral("products.csv"),
                                   "sku,name,unit_cost,price,on_hand,location\n"
                                   "TEA-1,Green tea,1.20,4.50,30,LEEDS\n"
                                   "TEA-2,Black tea,1.10,4.00,12,\n"
                                   "CUP,Camping cup,,,,\n"
                                   "MUG,Enamel mug,2.50,9.00,,\n");
        QVERIFY(!file.isEmpty());
        const qint64 movements = scalar(QStringLiteral("SELECT count(*) FROM stock_movements"));
        const qint64 imports = scalar(QStringLiteral("SELECT count(*) FROM imports"));
        const QString cupName = (*CatalogRepository(*m_db).productBySku(QStringLiteral("CUP")))->name;

        ProductImportController controller(m_worker, QStringLiteral("tester"));
        QSignalSpy finished(&controller, &ProductImportController::finished);
        controller.setFileName(file);
        controller.setDefaultLocation(QStringLiteral("BRISTOL"));
        // No preview yet: nothing to import.
        QVERIFY(!controller.canImport());
        controller.runImport();
        QVERIFY(!controller.busy());
        QVERIFY(!controller.message().isEmpty());

        controller.preview();
        QVERIFY(controller.busy());
        QVERIFY(!controller.importing());
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.last().at(0).toBool(), true); // clean
        QCOMPARE(finished.last().at(1).toBool(), true); // a dry run
        QVERIFY(controller.hasReport());
        QCOMPARE(controller.problemCount(), 0);
        QVERIFY(controller.problems().isEmpty());
        QVERIFY(controller.unknownLocations().isEmpty());
        QVERIFY(controller.message().isEmpty());
        QVariantMap report = controller.report();
        QCOMPARE(report.value(QStringLiteral("formatName")).toString(), QStringLiteral("stockroom"));
        QCOMPARE(report.value(QStringLiteral("format")).toString(), QStringLiteral("Stockroom products"));
        QCOMPARE(report.value(QStringLiteral("detected")).toBool(), true);
        QCOMPARE(report.value(QStringLiteral("rowsRead")).toInt(), 4);
        QCOMPARE(report.value(QStringLiteral("created")).toInt(), 2);
        QCOMPARE(report.value(QStringLiteral("updated")).toInt(), 1);
        QCOMPARE(report.value(QStringLiteral("unchanged")).toInt(), 1);
        QCOMPARE(report.value(QStringLiteral("stockChanged")).toInt(), 2);
        QCOMPARE(report.value(QStringLiteral("unitsIn")).toLongLong(), 42);
        QCOMPARE(report.value(QStringLiteral("unitsOut")).toLongLong(), 0);
        QCOMPARE(report.value(QStringLiteral("applied")).toBool(), false);
        QVERIFY(controller.canImport());
        // The preview changed nothing.
        QCOMPARE(productId(QStringLiteral("TEA-1")), 0);
        QCOMPARE((*CatalogRepository(*m_db).productBySku(QStringLiteral("CUP")))->name, cupName);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM stock_movements")), movements);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM imports")), imports);

        // Other options than the preview's: preview again first; the same ones again: the preview holds.
        controller.setDefaultLocation(QStringLiteral("YORK"));
        QVERIFY(controller.stale());
        QVERIFY(!controller.canImport());
        controller.setDefaultLocation(QStringLiteral("BRISTOL"));
        QVERIFY(!controller.stale());
        QVERIFY(controller.canImport());

        controller.runImport();
        QVERIFY(controller.importing());
        QVERIFY(!controller.canImport());
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.last().at(0).toBool(), true);
        QCOMPARE(finished.last().at(1).toBool(), false);
        report = controller.report();
        QCOMPARE(report.value(QStringLiteral("applied")).toBool(), true);
        const qint64 importId = report.value(QStringLiteral("importId")).toLongLong();
        QVERIFY(importId > 0);
        QCOMPARE(report.value(QStringLiteral("reference")).toString(),
                 QStringLiteral("Import %1").arg(importId));
        QCOMPARE(report.value(QStringLiteral("created")).toInt(), 2);
        QCOMPARE(report.value(QStringLiteral("unitsIn")).toLongLong(), 42);
        // Imported once: another import needs another preview.
        QVERIFY(!controller.canImport());

        QVERIFY(productId(QStringLiteral("TEA-1")) > 0);
        QVERIFY(productId(QStringLiteral("TEA-2")) > 0);
        QCOMPARE(onHand(QStringLiteral("TEA-1"), QStringLiteral("LEEDS")), 30);
        QCOMPARE(onHand(QStringLiteral("TEA-2"), QStringLiteral("BRISTOL")), 12);
        QCOMPARE((*CatalogRepository(*m_db).productBySku(QStringLiteral("CUP")))->name,
                 QStringLiteral("Camping cup"));
        const Result<QList<LedgerEntry>> ledger
            = StockRepository(*m_db).ledger(productId(QStringLiteral("TEA-1")), 0, 0, 10);
        QVERIFY(ledger);
        QCOMPARE(ledger->size(), 1);
        QCOMPARE(ledger->first().refType, QStringLiteral("import"));
        QCOMPARE(ledger->first().refId, importId);
        QCOMPARE(ledger->first().deltaOnHand, 30);
        QCOMPARE(ledger->first().userName, QStringLiteral("tester"));

        // The same file again: nothing left to change.
        controller.preview();
        QVERIFY(finished.wait(10'000));
        report = controller.report();
        QCOMPARE(report.value(QStringLiteral("created")).toInt(), 0);
        QCOMPARE(report.value(QStringLiteral("unchanged")).toInt(), 4);
        QCOMPARE(report.value(QStringLiteral("stockChanged")).toInt(), 0);
    }

    void importRefusesAFileWithProblems()
    {
        QTemporaryDir dir;
        const QString file = write(dir, QStringLiteral("bad.csv"),
                                   "sku,name,price,on_hand,location\n"
                                   "OK-1,Fine,1.00,5,LEEDS\n"
                                   "BAD-1,Broken,cheap,5,LEEDS\n");
        QVERIFY(!file.isEmpty());
        const qint64 movements = scalar(QStringLiteral("SELECT count(*) FROM stock_movements"));
        ProductImportController controller(m_worker, QStringLiteral("tester"));
        QSignalSpy finished(&controller, &ProductImportController::finished);
        controller.setFileName(file);
        controller.preview();
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QCOMPARE(controller.problems(),
                 QStringList {QStringLiteral("bad.csv:3: price: \"cheap\" is not an amount of money")});
        QCOMPARE(controller.problemCount(), 1);
        QVERIFY(!controller.canImport());

        // Import anyway: refused here, nothing sent, nothing changed.
        controller.runImport();
        QVERIFY(!controller.busy());
        QVERIFY2(controller.message().contains(QLatin1String("every problem is fixed")),
                 qPrintable(controller.message()));
        QVERIFY(!finished.wait(300));
        QCOMPARE(productId(QStringLiteral("OK-1")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM stock_movements")), movements);
    }

    void importMapsUnknownLocations()
    {
        QTemporaryDir dir;
        // Shopify's inventory export names its own locations.
        const QString file = write(dir, QStringLiteral("inventory.csv"),
                                   "Handle,Option1 Value,SKU,Location,On hand\n"
                                   "mug,Default Title,MUG,Shop location,7\n"
                                   "mug,Default Title,MUG,Leeds,40\n");
        QVERIFY(!file.isEmpty());
        ProductImportController controller(m_worker, QStringLiteral("tester"));
        QSignalSpy finished(&controller, &ProductImportController::finished);
        controller.setFileName(file);
        controller.preview();
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QCOMPARE(controller.report().value(QStringLiteral("formatName")).toString(),
                 QStringLiteral("shopify-inventory"));
        // "Leeds" is ours (by name, any case); "Shop location" is not.
        QCOMPARE(controller.unknownLocations(), QStringList {QStringLiteral("Shop location")});
        QCOMPARE(controller.problemCount(), 1);
        QVERIFY2(controller.problems().first().startsWith(QLatin1String("inventory.csv:2: ")),
                 qPrintable(controller.problems().first()));

        controller.mapLocation(QStringLiteral("Shop location"), QStringLiteral("YORK"));
        QVERIFY(controller.stale());
        controller.preview();
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.last().at(0).toBool(), true);
        QVERIFY(controller.canImport());
        // Still listed, so that the mapping can be changed.
        QCOMPARE(controller.unknownLocations(), QStringList {QStringLiteral("Shop location")});
        QCOMPARE(controller.locationMap().value(QStringLiteral("Shop location")).toString(),
                 QStringLiteral("YORK"));
        const QVariantMap report = controller.report();
        QCOMPARE(report.value(QStringLiteral("stockChanged")).toInt(),
                 (onHand(QStringLiteral("MUG"), QStringLiteral("YORK")) == 7 ? 0 : 1)
                     + (onHand(QStringLiteral("MUG"), QStringLiteral("LEEDS")) == 40 ? 0 : 1));

        // Saved again since the preview (a row added): not imported, previewed again first.
        {
            QFile csv(file);
            QVERIFY(csv.open(QIODevice::Append));
            csv.write("mug,Default Title,MUG,Bristol,1\n");
        }
        controller.runImport();
        QVERIFY(!controller.busy());
        QVERIFY2(controller.message().contains(QLatin1String("changed since the preview")),
                 qPrintable(controller.message()));
        QVERIFY(!controller.canImport());

        // Unmapped again: the same problem comes back.
        controller.mapLocation(QStringLiteral("Shop location"), QString());
        QVERIFY(!controller.canImport());
        QVERIFY(controller.locationMap().isEmpty());
    }

    // Last: it adds a location, which the slots above do not expect.
    void locationsAddedAndEdited()
    {
        ProductController controller(m_worker, QStringLiteral("tester"));
        QSignalSpy listed(&controller, &ProductController::allLocationsChanged);
        QSignalSpy saved(&controller, &ProductController::locationSaved);
        controller.loadLocations();
        QVERIFY(listed.wait(10'000));
        QCOMPARE(controller.allLocations().size(), 3);
        QCOMPARE(controller.allLocations().first().toMap().value(QStringLiteral("code")).toString(),
                 QStringLiteral("LEEDS")); // by priority

        const QVariantMap fields {{QStringLiteral("code"), QStringLiteral(" HULL ")},
                                  {QStringLiteral("name"), QStringLiteral("Hull depot")},
                                  {QStringLiteral("kind"), QStringLiteral("third_party")},
                                  {QStringLiteral("priority"), QStringLiteral("40")},
                                  {QStringLiteral("postcode"), QStringLiteral("HU1 1AA")},
                                  {QStringLiteral("region"), QStringLiteral("North")},
                                  {QStringLiteral("active"), true}};
        controller.saveLocation(fields, true);
        QVERIFY(controller.savingSetup());
        QVERIFY(saved.wait(10'000));
        QVERIFY2(saved.last().at(0).toBool(), qPrintable(saved.last().at(1).toString()));
        QCOMPARE(saved.last().at(2).toString(), QStringLiteral("HULL"));
        QVERIFY(!controller.savingSetup());
        // The list reloads by itself after a save.
        QTRY_COMPARE_WITH_TIMEOUT(controller.allLocations().size(), 4, 10'000);
        QCOMPARE(controller.allLocations().last().toMap().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("third_party"));

        // Edited: priority and address (the code is the key, not changed).
        QVariantMap edited = fields;
        edited[QStringLiteral("code")] = QStringLiteral("HULL");
        edited[QStringLiteral("priority")] = QStringLiteral("5");
        edited[QStringLiteral("address")] = QStringLiteral("1 Dock Street, Hull");
        controller.saveLocation(edited, false);
        QVERIFY(saved.wait(10'000));
        QVERIFY2(saved.last().at(0).toBool(), qPrintable(saved.last().at(1).toString()));
        const Result<std::optional<LocationRecord>> hull
            = CatalogRepository(*m_db).locationByCode(QStringLiteral("HULL"));
        QVERIFY(hull && *hull);
        QCOMPARE((*hull)->priority, 5);
        QCOMPARE((*hull)->address, QStringLiteral("1 Dock Street, Hull"));
        QCOMPARE((*hull)->postcode, QStringLiteral("HU1 1AA"));
        QCOMPARE((*hull)->kind, QStringLiteral("third_party"));
        // Now first by priority.
        QTRY_COMPARE_WITH_TIMEOUT(
            controller.allLocations().first().toMap().value(QStringLiteral("code")).toString(),
            QStringLiteral("HULL"), 10'000);

        // A code taken already: refused with the service's words, nothing changed.
        QVariantMap duplicate = fields;
        duplicate[QStringLiteral("code")] = QStringLiteral("LEEDS");
        controller.saveLocation(duplicate, true);
        QVERIFY(saved.wait(10'000));
        QCOMPARE(saved.last().at(0).toBool(), false);
        QVERIFY2(saved.last().at(1).toString().contains(QLatin1String("LEEDS")),
                 qPrintable(saved.last().at(1).toString()));
        QVERIFY2(saved.last().at(1).toString().contains(QLatin1String("exists already")),
                 qPrintable(saved.last().at(1).toString()));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM locations")), 4);
        // A priority that is no number is refused before the database.
        duplicate[QStringLiteral("priority")] = QStringLiteral("soon");
        controller.saveLocation(duplicate, true);
        QCOMPARE(saved.last().at(0).toBool(), false);
        QVERIFY(saved.last().at(1).toString().contains(QLatin1String("soon")));
        QVERIFY(!controller.savingSetup());

        // A supplier from the purchase order dialog.
        QSignalSpy added(&controller, &ProductController::supplierAdded);
        controller.addSupplier(QStringLiteral(" Hull Pottery "), QStringLiteral("orders@hull.example"),
                               QStringLiteral("12"));
        QVERIFY(added.wait(10'000));
        QVERIFY2(added.last().at(0).toBool(), qPrintable(added.last().at(1).toString()));
        QCOMPARE(added.last().at(2).toString(), QStringLiteral("Hull Pottery"));
        const Result<std::optional<SupplierRecord>> supplier
            = InventoryRepository(*m_db).supplierByName(QStringLiteral("Hull Pottery"));
        QVERIFY(supplier && *supplier);
        QCOMPARE((*supplier)->leadTimeDays, 12);
        controller.addSupplier(QStringLiteral("Acme"), {}, QStringLiteral("3"));
        QVERIFY(added.wait(10'000));
        QCOMPARE(added.last().at(0).toBool(), false);
        QVERIFY(added.last().at(1).toString().contains(QLatin1String("Acme")));
    }
};

QTEST_GUILESS_MAIN(TestProductView)
#include "tst_productview.moc"
