// SPDX-License-Identifier: GPL-3.0-or-later
#include "databaseworker.h"
#include "inventorymodel.h"
#include "ordermodel.h"
#include "orderservice.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace Stockroom;

/** The GUI's models over a real database through the worker thread: keyset pages, filters, no SQL here. */
class TestOrderModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    QThread m_thread;
    DatabaseWorker *m_worker = nullptr;
    int m_orders = 0;

private Q_SLOTS:
    void initTestCase()
    {
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open();
        QVERIFY(m_db);
        QDateTime now(QDate(2026, 5, 1), QTime(9, 0), QTimeZone::utc());
        ServiceContext context {*m_db, Clock([&now] { return now; }), QStringLiteral("tester")};
        QVERIFY(Test::seedCatalog(context, {{QStringLiteral("LEEDS"), 10}},
                                  {QStringLiteral("MUG"), QStringLiteral("CUP")}));
        QVERIFY(StockService(context).receive(QStringLiteral("MUG"), QStringLiteral("LEEDS"), 300));
        OrderService orders(context);
        // The oldest three: one customer, another SKU (for search).
        QVERIFY(StockService(context).receive(QStringLiteral("CUP"), QStringLiteral("LEEDS"), 10));
        PlaceOrderRequest cups;
        cups.lines = {{QStringLiteral("CUP"), 1, {}}};
        cups.customerName = QStringLiteral("Grace Hopper");
        cups.customerEmail = QStringLiteral("grace@navy.example");
        for (int i = 0; i < 3; ++i) {
            QVERIFY(orders.place(cups));
            ++m_orders;
        }
        PlaceOrderRequest request;
        request.lines = {{QStringLiteral("MUG"), 1, {}}};
        for (int i = 0; i < 450; ++i) {
            now = now.addSecs(60 * (i % 3)); // several orders share a time stamp: the id breaks the tie
            QVERIFY(orders.place(request));
            ++m_orders;
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

    void pagesByKeyset()
    {
        OrderModel model(m_worker);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy loaded(&model, &OrderModel::loaded);
        model.reload();
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(model.rowCount(), OrderModel::PageSize);
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), m_orders, 5'000);
        QCOMPARE(inserted.count(), 1);

        // A view asks for more as it scrolls (the model tester asks too); each answer appends one page.
        QTRY_VERIFY_WITH_TIMEOUT((model.fetchMore({}), model.rowCount() == m_orders), 10'000);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(inserted.count(), 3);

        // Newest first, every order exactly once across the page boundaries.
        QSet<QString> seen;
        QString previous = QStringLiteral("SO-999999");
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString number = model.data(model.index(row), OrderModel::NumberRole).toString();
            QVERIFY(!seen.contains(number));
            seen.insert(number);
            QVERIFY2(number < previous, qPrintable(number));
            previous = number;
        }
        // The newest orders found the stock gone; the oldest got it.
        QCOMPARE(model.get(0).value(QStringLiteral("statusText")).toString(), QStringLiteral("Backordered"));
        QCOMPARE(model.get(m_orders - 1).value(QStringLiteral("statusText")).toString(),
                 QStringLiteral("Allocated"));
    }

    void statusFilterRunsInSql()
    {
        OrderModel model(m_worker);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &OrderModel::loaded);
        model.setStatusFilter(QStringLiteral("backordered"));
        QVERIFY(loaded.wait(10'000));
        // 300 units for 450 orders of one unit: the last 150 are backordered.
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 150, 5'000);
        QCOMPARE(model.rowCount(), 150);
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.data(model.index(row), OrderModel::StatusRole).toString(),
                     QStringLiteral("backordered"));
        }
    }

    void searchSortAndSelection()
    {
        OrderModel model(m_worker);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &OrderModel::loaded);
        // Customer name prefix, e-mail, SKU: full text in SQL (FTS5 or tsvector), any case.
        for (const QString &text : {QStringLiteral("hopp"), QStringLiteral("grace@navy"),
                                    QStringLiteral("cup"), QStringLiteral("Grace HOPPER")}) {
            model.setSearchText(text);
            QVERIFY(loaded.wait(10'000));
            QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 3, 5'000);
            QCOMPARE(model.rowCount(), 3);
            QCOMPARE(model.data(model.index(0), OrderModel::CustomerRole).toString(),
                     QStringLiteral("Grace Hopper"));
        }
        // An order number finds that order alone.
        model.setSearchText(QStringLiteral("SO-000002"));
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0), OrderModel::NumberRole).toString(), QStringLiteral("SO-000002"));
        // FTS syntax typed by a user is text, not a query.
        model.setSearchText(QStringLiteral("\"hopper OR * NEAR("));
        QVERIFY(loaded.wait(10'000));
        QVERIFY(model.errorText().isEmpty());
        QCOMPARE(model.rowCount(), 0);

        // Sorting by number, ascending, across keyset pages: every order once, in order.
        model.setSearchText({});
        model.sortBy(QStringLiteral("number"));
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(model.sortKey(), QStringLiteral("number"));
        QVERIFY(model.sortDescending());
        model.sortBy(QStringLiteral("number"));
        QVERIFY(loaded.wait(10'000));
        QVERIFY(!model.sortDescending());
        QTRY_VERIFY_WITH_TIMEOUT((model.fetchMore({}), model.rowCount() == m_orders), 10'000);
        for (int row = 1; row < model.rowCount(); ++row) {
            QVERIFY(model.data(model.index(row - 1), OrderModel::IdRole).toLongLong()
                    < model.data(model.index(row), OrderModel::IdRole).toLongLong());
        }
        QCOMPARE(model.data(model.index(0), OrderModel::NumberRole).toString(), QStringLiteral("SO-000001"));

        // A selection for bulk actions; without one, the current row is the target.
        QSignalSpy selection(&model, &OrderModel::selectionChanged);
        model.toggleSelected(2);
        model.toggleSelected(0);
        QCOMPARE(model.selectedCount(), 2);
        QCOMPARE(model.selectedNumbers(5),
                 (QStringList {QStringLiteral("SO-000001"), QStringLiteral("SO-000003")}));
        QVERIFY(model.data(model.index(2), OrderModel::SelectedRole).toBool());
        model.toggleSelected(2);
        QCOMPARE(model.selectedNumbers(), QStringList {QStringLiteral("SO-000001")});
        model.selectRange(10, 12);
        QCOMPARE(model.selectedCount(), 4);
        model.clearSelection();
        QCOMPARE(model.selectedNumbers(5), QStringList {QStringLiteral("SO-000006")});
        QCOMPARE(selection.count(), 5);
    }

    void inventorySearch()
    {
        InventoryModel model(m_worker);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &InventoryModel::loaded);
        model.setSearch(QStringLiteral("mu"));
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0), InventoryModel::AvailableRole).toInt(), 0);
        QCOMPARE(model.data(model.index(0), InventoryModel::LevelRole).toString(), QStringLiteral("out"));
        // Wildcards typed by a user are text, not patterns.
        model.setSearch(QStringLiteral("%"));
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOrderModel)
#include "tst_ordermodel.moc"
