// SPDX-License-Identifier: GPL-3.0-or-later
#include "inventorymodel.h"
#include "orderactions.h"
#include "ordermodel.h"
#include "orderservice.h"
#include "presencerepository.h"
#include "presencetracker.h"
#include "session.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Stockroom;

/**
 * Two processes: this one holds the GUI's session (models, database thread, change feed); stockroomctl in
 * another process commits. The models must show the new and changed rows by themselves, without a reset,
 * keeping what the clerk had selected.
 */
class TestLiveRefresh : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;

    QJsonObject ctl(const QStringList &arguments)
    {
        QProcess process;
        process.start(QStringLiteral(STOCKROOMCTL),
                      QStringList {QStringLiteral("--db"), m_scratch->connectionString(),
                                   QStringLiteral("--json"), QStringLiteral("--user"),
                                   QStringLiteral("other-desk")}
                          + arguments);
        if (!process.waitForFinished(60'000) || process.exitCode() != 0) {
            qWarning() << "stockroomctl failed:" << process.readAllStandardError();
            return {};
        }
        return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    }

private Q_SLOTS:
    void init()
    {
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        std::unique_ptr<Database> db = m_scratch->open(QStringLiteral("seed"));
        QVERIFY(db);
        ServiceContext context {*db, Clock(), QStringLiteral("seed")};
        QVERIFY(Test::seedCatalog(context, {{QStringLiteral("LEEDS"), 10}, {QStringLiteral("BRISTOL"), 20}},
                                  {QStringLiteral("MUG"), QStringLiteral("BOWL")}));
        QVERIFY(StockService(context).receive(QStringLiteral("MUG"), QStringLiteral("LEEDS"), 10));
        QVERIFY(StockService(context).receive(QStringLiteral("BOWL"), QStringLiteral("BRISTOL"), 10));
        PlaceOrderRequest request;
        request.lines = {{QStringLiteral("BOWL"), 1, {}}};
        request.paymentStatus = QStringLiteral("paid");
        QVERIFY(OrderService(context).place(request));
        QVERIFY(OrderService(context).place(request));
    }

    void cleanup() { m_scratch.reset(); }

    void otherProcessCommitsShowUp()
    {
        Session session(m_scratch->spec(), QStringLiteral("tester"));
        QTRY_VERIFY_WITH_TIMEOUT(session.ready(), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(session.live(), 10'000);
        OrderModel *orders = session.orders();
        InventoryModel *inventory = session.inventory();
        QCOMPARE(orders->rowCount(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(orders->totalCount(), 2, 5'000);

        // The clerk has the newest order selected.
        const QPersistentModelIndex selected = orders->index(0);
        const QString selectedNumber = selected.data(OrderModel::NumberRole).toString();
        const int mugRow = inventory->rowOf(1, 1);
        QVERIFY(mugRow >= 0);
        const QPersistentModelIndex mug = inventory->index(mugRow);
        QCOMPARE(mug.data(InventoryModel::ReservedRole).toInt(), 0);

        QSignalSpy resets(orders, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(orders, &QAbstractItemModel::rowsInserted);
        QSignalSpy inventoryResets(inventory, &QAbstractItemModel::modelReset);

        // Another desktop places an order.
        const QJsonObject placed
            = ctl({QStringLiteral("place-order"), QStringLiteral("--line"), QStringLiteral("MUG:3")});
        const QString number = placed.value(QStringLiteral("order")).toString();
        QVERIFY(!number.isEmpty());

        QTRY_COMPARE_WITH_TIMEOUT(orders->rowCount(), 3, 10'000);
        QCOMPARE(orders->index(0).data(OrderModel::NumberRole).toString(), number);
        QCOMPARE(orders->index(0).data(OrderModel::FlashRole).toBool(), true);
        QTRY_COMPARE_WITH_TIMEOUT(orders->totalCount(), 3, 5'000);
        QCOMPARE(inserted.count(), 1);
        // Selection kept: the selected order moved down one row and is still the same order.
        QVERIFY(selected.isValid());
        QCOMPARE(selected.row(), 1);
        QCOMPARE(selected.data(OrderModel::NumberRole).toString(), selectedNumber);

        // ... and the stock it reserved changes in the inventory view.
        QTRY_COMPARE_WITH_TIMEOUT(mug.data(InventoryModel::ReservedRole).toInt(), 3, 10'000);
        QCOMPARE(mug.data(InventoryModel::AvailableRole).toInt(), 7);

        // A change to a row on screen updates it in place.
        QVERIFY(!ctl({QStringLiteral("cancel-order"), selectedNumber}).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(selected.data(OrderModel::StatusRole).toString(),
                                  QStringLiteral("cancelled"), 10'000);
        QCOMPARE(selected.row(), 1);

        // Never a reload.
        QCOMPARE(resets.count(), 0);
        QCOMPARE(inventoryResets.count(), 0);
    }

    void actionsOnAStaleRowAreRefused()
    {
        Session session(m_scratch->spec(), QStringLiteral("Sam"));
        QTRY_VERIFY_WITH_TIMEOUT(session.ready(), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(session.live(), 10'000);
        OrderModel *orders = session.orders();
        OrderActions *actions = session.orderActions();
        const QPersistentModelIndex row = orders->index(0);
        const QString number = row.data(OrderModel::NumberRole).toString();
        const int seenVersion = row.data(OrderModel::VersionRole).toInt();

        // Another desk ships it first; this clerk still acts on the version on screen.
        QVERIFY(!ctl({QStringLiteral("ship-order"), number}).isEmpty());
        actions->cancel(number, seenVersion);
        QTRY_VERIFY_WITH_TIMEOUT(!actions->busy(), 10'000);
        QVERIFY(actions->failed());
        QVERIFY(actions->stale());
        QVERIFY2(actions->message().contains(QLatin1String("changed by other-desk")),
                 qPrintable(actions->message()));

        // The live row catches up; acting on what it shows now gives the honest answer.
        QTRY_COMPARE_WITH_TIMEOUT(row.data(OrderModel::StatusRole).toString(), QStringLiteral("shipped"),
                                  10'000);
        QCOMPARE(row.data(OrderModel::UpdatedByRole).toString(), QStringLiteral("other-desk"));

        // An action from this desk goes through and shows up in the list by itself.
        const QString other = orders->index(1).data(OrderModel::NumberRole).toString();
        actions->ship(other, orders->index(1).data(OrderModel::VersionRole).toInt());
        QTRY_VERIFY_WITH_TIMEOUT(!actions->busy(), 10'000);
        QVERIFY2(!actions->failed(), qPrintable(actions->message()));
        QTRY_COMPARE_WITH_TIMEOUT(orders->index(1).data(OrderModel::StatusRole).toString(),
                                  QStringLiteral("shipped"), 10'000);
        QCOMPARE(orders->index(1).data(OrderModel::UpdatedByRole).toString(), QStringLiteral("Sam"));
    }

    void presenceTravelsAndExpires()
    {
        Session priya(m_scratch->spec(), QStringLiteral("Priya"));
        Session sam(m_scratch->spec(), QStringLiteral("Sam"));
        QTRY_VERIFY_WITH_TIMEOUT(priya.ready() && sam.ready() && priya.live() && sam.live(), 10'000);
        const qint64 orderId = sam.orders()->index(0).data(OrderModel::IdRole).toLongLong();
        const QPersistentModelIndex row = sam.orders()->index(0);

        priya.presence()->setFocus(QStringLiteral("order"), QString::number(orderId),
                                   QStringLiteral("packing"));
        QTRY_COMPARE_WITH_TIMEOUT(row.data(OrderModel::PresenceRole).toString(),
                                  QStringLiteral("Priya is packing"), 10'000);
        QCOMPARE(sam.presence()->othersOnline(), 1);
        // Nobody else shows up on Priya's own screen for her own work.
        QCOMPARE(priya.presence()->othersOn(QStringLiteral("order"), QString::number(orderId)), QString());

        // A desktop that dies without a word (no heartbeat) vanishes when its row expires.
        {
            std::unique_ptr<Database> db = m_scratch->open(QStringLiteral("ghost"));
            QVERIFY(db);
            QVERIFY(PresenceRepository(*db).upsert({QStringLiteral("ghost-desk"), QStringLiteral("Ghost"),
                                                    QStringLiteral("order"), QString::number(orderId),
                                                    QStringLiteral("viewing")},
                                                   4));
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            row.data(OrderModel::PresenceRole).toString().contains(QLatin1String("Ghost")), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !row.data(OrderModel::PresenceRole).toString().contains(QLatin1String("Ghost")), 15'000);
        QCOMPARE(row.data(OrderModel::PresenceRole).toString(), QStringLiteral("Priya is packing"));
    }

    void presenceLeavesWithTheDesktop()
    {
        Session sam(m_scratch->spec(), QStringLiteral("Sam"));
        QTRY_VERIFY_WITH_TIMEOUT(sam.ready() && sam.live(), 10'000);
        const QPersistentModelIndex row = sam.orders()->index(0);
        const QString orderId = row.data(OrderModel::IdRole).toString();
        {
            Session priya(m_scratch->spec(), QStringLiteral("Priya"));
            QTRY_VERIFY_WITH_TIMEOUT(priya.ready() && priya.live(), 10'000);
            priya.presence()->setFocus(QStringLiteral("order"), orderId, QStringLiteral("viewing"));
            QTRY_COMPARE_WITH_TIMEOUT(row.data(OrderModel::PresenceRole).toString(),
                                      QStringLiteral("Priya is viewing"), 10'000);
        }
        // Closing the app removes its presence at once (through the feed, no expiry wait).
        QTRY_COMPARE_WITH_TIMEOUT(row.data(OrderModel::PresenceRole).toString(), QString(), 3'000);
        QCOMPARE(sam.presence()->othersOnline(), 0);
    }

    void filteredViewDropsRowsThatLeaveIt()
    {
        Session session(m_scratch->spec(), QStringLiteral("tester"));
        QTRY_VERIFY_WITH_TIMEOUT(session.ready(), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(session.live(), 10'000);
        OrderModel *orders = session.orders();
        QSignalSpy loaded(orders, &OrderModel::loaded);
        orders->setStatusFilter(QStringLiteral("allocated"));
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(orders->rowCount(), 2);
        QSignalSpy removed(orders, &QAbstractItemModel::rowsRemoved);
        const QString first = orders->index(0).data(OrderModel::NumberRole).toString();
        QVERIFY(!ctl({QStringLiteral("ship-order"), first}).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(orders->rowCount(), 1, 10'000);
        QCOMPARE(removed.count(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(orders->totalCount(), 1, 5'000);
        // A new backordered order does not belong in this view.
        QVERIFY(!ctl({QStringLiteral("place-order"), QStringLiteral("--line"), QStringLiteral("BOWL:50")})
                     .isEmpty());
        QTest::qWait(500);
        QCOMPARE(orders->rowCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestLiveRefresh)
#include "tst_liverefresh.moc"
