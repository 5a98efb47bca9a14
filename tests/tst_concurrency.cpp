// SPDX-License-Identifier: GPL-3.0-or-later
#include "countservice.h"
#include "orderservice.h"
#include "orderstatus.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Stockroom;

/**
 * Several processes place orders at once against a few hot SKUs with far more demand than stock
 * (8 processes on PostgreSQL, 4 on SQLite). Nothing may be oversold, every order must be in the state
 * its process was told, and the ledger invariants must hold.
 */
class TestConcurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void processesNeverOversell()
    {
        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        ServiceContext context {*db, Clock(), QStringLiteral("setup")};
        const QStringList skus {QStringLiteral("HOT-1"), QStringLiteral("HOT-2"), QStringLiteral("HOT-3")};
        QVERIFY(Test::seedCatalog(context, {{QStringLiteral("LEEDS"), 10}, {QStringLiteral("BRISTOL"), 20}},
                                  skus));
        StockService stock(context);
        int stockUnits = 0;
        for (const QString &sku : skus) {
            for (const QString &location : {QStringLiteral("LEEDS"), QStringLiteral("BRISTOL")}) {
                QVERIFY(stock.receive(sku, location, 20));
                stockUnits += 20;
            }
        }

        const bool postgres = Test::engineUnderTest() == Engine::PostgreSQL;
        const int processes = postgres ? 8 : 4;
        const int ordersEach = 40;
        QList<QProcess *> workers;
        for (int i = 0; i < processes; ++i) {
            auto *worker = new QProcess(this);
            worker->setProgram(QStringLiteral(CONCURRENCY_WORKER));
            worker->setArguments({scratch.connectionString(), QString::number(ordersEach),
                                  QString::number(100 + i), skus.join(QLatin1Char(','))});
            workers << worker;
        }
        for (QProcess *worker : std::as_const(workers)) {
            worker->start();
        }
        QHash<QString, QJsonObject> reported;
        int reportedAllocated = 0;
        int reportedBackordered = 0;
        for (QProcess *worker : std::as_const(workers)) {
            QVERIFY(worker->waitForFinished(300'000));
            QCOMPARE(worker->exitStatus(), QProcess::NormalExit);
            QVERIFY2(worker->exitCode() == 0, worker->readAllStandardError().constData());
            const QList<QByteArray> lines = worker->readAllStandardOutput().split('\n');
            for (const QByteArray &line : lines) {
                if (line.trimmed().isEmpty()) {
                    continue;
                }
                const QJsonObject order = QJsonDocument::fromJson(line).object();
                QVERIFY2(!order.isEmpty(), line.constData());
                QVERIFY2(!reported.contains(order.value(QStringLiteral("order")).toString()),
                         "one number given twice");
                reported.insert(order.value(QStringLiteral("order")).toString(), order);
                reportedAllocated += order.value(QStringLiteral("allocated")).toInt();
                reportedBackordered += order.value(QStringLiteral("backordered")).toInt();
            }
        }
        QCOMPARE(reported.size(), processes * ordersEach);
        QVERIFY2(reportedBackordered > 0, "demand must exceed stock for this test to mean anything");

        // Nothing oversold: exactly the stock that existed was promised, and every unit of it.
        QCOMPARE(reportedAllocated, stockUnits);
        QCOMPARE(db->scalar(QStringLiteral("SELECT sum(reserved) FROM stock_levels")).value().toInt(),
                 stockUnits);
        QCOMPARE(db->scalar(QStringLiteral("SELECT sum(on_hand) FROM stock_levels")).value().toInt(),
                 stockUnits);
        QCOMPARE(db->scalar(QStringLiteral("SELECT count(*) FROM orders")).value().toInt(),
                 int(reported.size()));

        // Every order is what its process was told.
        const Rows rows
            = db
                  ->select(QStringLiteral(
                      "SELECT o.id, o.status, "
                      "(SELECT coalesce(sum(a.qty), 0) FROM allocations a JOIN order_lines ol "
                      " ON ol.id = a.order_line_id WHERE ol.order_id = o.id AND a.status = 'open'), "
                      "(SELECT coalesce(sum(qty_backordered), 0) FROM order_lines WHERE order_id = o.id) "
                      "FROM orders o"))
                  .value();
        for (const Row &row : rows) {
            const QJsonObject order = reported.value(orderNumber(row.value(0).toLongLong()));
            QCOMPARE(row.value(1).toString(), order.value(QStringLiteral("status")).toString());
            QCOMPARE(row.value(2).toInt(), order.value(QStringLiteral("allocated")).toInt());
            QCOMPARE(row.value(3).toInt(), order.value(QStringLiteral("backordered")).toInt());
        }
        QCOMPARE(Test::violations(*db), QStringList());
        qDeleteAll(workers);
    }

    void arrivalsFillBackordersWhileOthersPlace()
    {
        // No stock at first: placers' orders wait; receivers book units in one at a time, and each arrival
        // fills the waiting lines in its own transaction while new orders keep coming.
        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        ServiceContext context {*db, Clock(), QStringLiteral("setup")};
        const QStringList skus {QStringLiteral("HOT-1"), QStringLiteral("HOT-2")};
        QVERIFY(Test::seedCatalog(context, {{QStringLiteral("LEEDS"), 10}, {QStringLiteral("BRISTOL"), 20}},
                                  skus));
        const bool postgres = Test::engineUnderTest() == Engine::PostgreSQL;
        const int placers = postgres ? 4 : 2;
        const int receivers = 2;
        const int unitsEach = 60;
        QList<QProcess *> workers;
        for (int i = 0; i < placers + receivers; ++i) {
            auto *worker = new QProcess(this);
            worker->setProgram(QStringLiteral(CONCURRENCY_WORKER));
            const bool receiving = i >= placers;
            worker->setArguments({scratch.connectionString(), QString::number(receiving ? unitsEach : 25),
                                  QString::number(300 + i), skus.join(QLatin1Char(',')),
                                  receiving ? QStringLiteral("receive") : QStringLiteral("place")});
            workers << worker;
        }
        for (QProcess *worker : std::as_const(workers)) {
            worker->start();
        }
        for (QProcess *worker : std::as_const(workers)) {
            QVERIFY(worker->waitForFinished(300'000));
            QVERIFY2(worker->exitCode() == 0, worker->readAllStandardError().constData());
        }
        qDeleteAll(workers);

        // Every unit that came in is on hand; reserved = open allocations and nothing oversold (the checker).
        QCOMPARE(db->scalar(QStringLiteral("SELECT sum(on_hand) FROM stock_levels")).value().toInt(),
                 receivers * unitsEach);
        QCOMPARE(Test::violations(*db), QStringList());
        // No unit sits free on a shelf while a line waits for that product (no rules limit the locations here).
        for (const QString &sku : skus) {
            const int waiting
                = db->scalar(QStringLiteral("SELECT coalesce(sum(ol.qty_backordered), 0) FROM "
                                            "order_lines ol JOIN products p ON p.id = ol.product_id "
                                            "WHERE p.sku = ?"),
                             {sku})
                      .value()
                      .toInt();
            const int free
                = db->scalar(QStringLiteral("SELECT coalesce(sum(s.on_hand - s.reserved), 0) FROM "
                                            "stock_levels s JOIN products p ON p.id = s.product_id "
                                            "WHERE p.sku = ?"),
                             {sku})
                      .value()
                      .toInt();
            QVERIFY2(waiting == 0 || free == 0,
                     qPrintable(QStringLiteral("%1: %2 waiting, %3 free").arg(sku).arg(waiting).arg(free)));
        }
        // Each order's state matches what it holds.
        QCOMPARE(db->scalar(QStringLiteral(
                                "SELECT count(*) FROM orders o WHERE status = 'backordered' AND "
                                "(SELECT sum(qty_backordered) FROM order_lines WHERE order_id = o.id) = 0"))
                     .value()
                     .toInt(),
                 0);
        QCOMPARE(db->scalar(QStringLiteral(
                                "SELECT count(*) FROM orders o WHERE status = 'allocated' AND "
                                "(SELECT sum(qty_backordered) FROM order_lines WHERE order_id = o.id) > 0"))
                     .value()
                     .toInt(),
                 0);
    }

    void transfersNeverTakeReservedUnits()
    {
        // Placers reserve hot SKUs while transferrers ship the same SKUs between the two locations: a
        // transfer may only take units nobody reserved, so reserved never exceeds on hand anywhere, and
        // every unit that left arrived (the checker's transfer invariant).
        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        ServiceContext context {*db, Clock(), QStringLiteral("setup")};
        const QStringList skus {QStringLiteral("HOT-1"), QStringLiteral("HOT-2")};
        QVERIFY(Test::seedCatalog(context, {{QStringLiteral("LEEDS"), 10}, {QStringLiteral("BRISTOL"), 20}}, skus));
        StockService stock(context);
        for (const QString &sku : skus) {
            QVERIFY(stock.receive(sku, QStringLiteral("LEEDS"), 40));
            QVERIFY(stock.receive(sku, QStringLiteral("BRISTOL"), 40));
        }
        const bool postgres = Test::engineUnderTest() == Engine::PostgreSQL;
        const int placers = postgres ? 4 : 2;
        const int movers = 2;
        QList<QProcess *> workers;
        for (int i = 0; i < placers + movers; ++i) {
            auto *worker = new QProcess(this);
            worker->setProgram(QStringLiteral(CONCURRENCY_WORKER));
            const bool moving = i >= placers;
            worker->setArguments({scratch.connectionString(), QStringLiteral("25"), QString::number(500 + i),
                                  skus.join(QLatin1Char(',')),
                                  moving ? QStringLiteral("transfer") : QStringLiteral("place")});
            workers << worker;
        }
        for (QProcess *worker : std::as_const(workers)) {
            worker->start();
        }
        int moved = 0;
        int refused = 0;
        for (QProcess *worker : std::as_const(workers)) {
            QVERIFY(worker->waitForFinished(300'000));
            QVERIFY2(worker->exitCode() == 0, worker->readAllStandardError().constData());
            for (const QByteArray &line : worker->readAllStandardOutput().split('\n')) {
                moved += line.contains("\"moved\"") ? 1 : 0;
                refused += line.contains("\"refused\"") ? 1 : 0;
            }
        }
        qDeleteAll(workers);
        qInfo("%d transfers moved, %d refused (the units were reserved first)", moved, refused);
        QCOMPARE(moved + refused, movers * 25);
        QVERIFY(moved > 0);
        // Nothing is lost or made: all 160 units are on hand again, and the ledger agrees (checker).
        QCOMPARE(db->scalar(QStringLiteral("SELECT sum(on_hand) FROM stock_levels")).value().toInt(), 160);
        QCOMPARE(db->scalar(QStringLiteral("SELECT count(*) FROM transfers WHERE status = 'received'")).value().toInt(),
                 moved);
        QCOMPARE(Test::violations(*db), QStringList());
    }

    void countersScanningTheSameSkuLoseNothing()
    {
        // Several counters scan the same SKU into one count at once (each scan adds one): every scan counts.
        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        ServiceContext context {*db, Clock(), QStringLiteral("setup")};
        QVERIFY(Test::seedCatalog(context, {{QStringLiteral("LEEDS"), 10}}, {QStringLiteral("HOT-1")}));
        QVERIFY(StockService(context).receive(QStringLiteral("HOT-1"), QStringLiteral("LEEDS"), 500));
        const Result<StockCount> count = CountService(context).start(QStringLiteral("LEEDS"), CountScope {});
        QVERIFY(count);
        const int counters = Test::engineUnderTest() == Engine::PostgreSQL ? 4 : 2;
        const int scansEach = 60;
        QList<QProcess *> workers;
        for (int i = 0; i < counters; ++i) {
            auto *worker = new QProcess(this);
            worker->setProgram(QStringLiteral(CONCURRENCY_WORKER));
            worker->setArguments({scratch.connectionString(), QString::number(scansEach), QString::number(700 + i),
                                  count->number + QStringLiteral(",HOT-1"), QStringLiteral("scan")});
            workers << worker;
        }
        for (QProcess *worker : std::as_const(workers)) {
            worker->start();
        }
        for (QProcess *worker : std::as_const(workers)) {
            QVERIFY(worker->waitForFinished(300'000));
            QVERIFY2(worker->exitCode() == 0, worker->readAllStandardError().constData());
        }
        qDeleteAll(workers);
        const Result<StockCount> counted = CountService(context).get(count->number);
        QVERIFY(counted);
        QCOMPARE(counted->lines.first().counted.value_or(-1), counters * scansEach);
        QCOMPARE(Test::violations(*db), QStringList());
    }

    void importersOfTheSameFileImportEachOrderOnce()
    {
        // Several desktops import the same Shopify export at once while others place orders on the same SKUs:
        // every order of the file exists once, each was new to exactly one import, nothing is oversold.
        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        ServiceContext context {*db, Clock(), QStringLiteral("setup")};
        const QStringList skus {QStringLiteral("HOT-1"), QStringLiteral("HOT-2"), QStringLiteral("HOT-3")};
        QVERIFY(Test::seedCatalog(context, {{QStringLiteral("LEEDS"), 10}, {QStringLiteral("BRISTOL"), 20}}, skus));
        for (const QString &sku : skus) {
            QVERIFY(StockService(context).receive(sku, QStringLiteral("LEEDS"), 40));
        }
        // Shopify's real header (from the shared sample), then 120 orders of 1–3 lines.
        QFile sample(QStringLiteral(STOCKROOM_TESTDATA "/shopify/orders_export.csv"));
        QVERIFY(sample.open(QIODevice::ReadOnly));
        const QList<QByteArray> header = sample.readLine().trimmed().split(',');
        QTemporaryDir dir;
        const QString fileName = dir.filePath(QStringLiteral("orders_export.csv"));
        QFile file(fileName);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(header.join(',') + '\n');
        const int orders = 120;
        for (int o = 0; o < orders; ++o) {
            for (int l = 0; l <= o % 3; ++l) {
                QList<QByteArray> row(header.size());
                auto set = [&](const char *column, const QByteArray &value) { row[header.indexOf(column)] = value; };
                set("Name", "#" + QByteArray::number(5000 + o));
                set("Created at", "2026-03-01 10:" + QByteArray::number(10 + o % 50) + ":00 +0100");
                set("Lineitem quantity", QByteArray::number(1 + (o + l) % 2));
                set("Lineitem name", "Hot " + QByteArray::number(l));
                set("Lineitem price", "12.50");
                set("Lineitem sku", skus.at((o + l) % 3).toUtf8());
                set("Lineitem requires shipping", "true");
                if (l == 0) {
                    set("Financial Status", "paid");
                    set("Fulfillment Status", "unfulfilled");
                    set("Total", "30.00");
                }
                file.write(row.join(',') + '\n');
            }
        }
        file.close();

        const int importers = Test::engineUnderTest() == Engine::PostgreSQL ? 3 : 2;
        QList<QProcess *> workers;
        for (int i = 0; i < importers + 2; ++i) {
            auto *worker = new QProcess(this);
            worker->setProgram(QStringLiteral(CONCURRENCY_WORKER));
            const bool importer = i < importers;
            worker->setArguments({scratch.connectionString(), QString::number(importer ? 2 : 30),
                                  QString::number(900 + i), importer ? fileName : skus.join(QLatin1Char(',')),
                                  importer ? QStringLiteral("import") : QStringLiteral("place")});
            workers << worker;
        }
        for (QProcess *worker : std::as_const(workers)) {
            worker->start();
        }
        int imported = 0;
        for (int i = 0; i < workers.size(); ++i) {
            QProcess *worker = workers.at(i);
            QVERIFY(worker->waitForFinished(300'000));
            QVERIFY2(worker->exitCode() == 0, worker->readAllStandardError().constData());
            if (i < importers) {
                const QList<QByteArray> lines = worker->readAllStandardOutput().trimmed().split('\n');
                QCOMPARE(lines.size(), 2);
                for (const QByteArray &line : lines) {
                    const QJsonObject run = QJsonDocument::fromJson(line).object();
                    imported += run.value(QStringLiteral("new")).toInt();
                    QCOMPARE(run.value(QStringLiteral("new")).toInt() + run.value(QStringLiteral("unchanged")).toInt(),
                             orders);
                }
            }
        }
        qDeleteAll(workers);
        QCOMPARE(imported, orders);
        QCOMPARE(db->scalar(QStringLiteral("SELECT count(*) FROM orders WHERE channel = 'shopify'"))->toInt(), orders);
        QCOMPARE(db->scalar(QStringLiteral("SELECT count(DISTINCT external_id) FROM orders WHERE channel = 'shopify'"))
                     ->toInt(),
                 orders);
        QCOMPARE(Test::violations(*db), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
