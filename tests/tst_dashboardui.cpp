// SPDX-License-Identifier: GPL-3.0-or-later
#include "changefeed.h"
#include "dashboardmodel.h"
#include "inventorystatus.h"
#include "orderservice.h"
#include "purchaseservice.h"
#include "replenishmentcontroller.h"
#include "session.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Stockroom;

namespace {

const QString Mug = QStringLiteral("MUG");
const QString Plate = QStringLiteral("PLATE");
const QString Cup = QStringLiteral("CUP");
const QString Leeds = QStringLiteral("LEEDS");
const QString Bristol = QStringLiteral("BRISTOL");
const QString Acme = QStringLiteral("Acme");

QuantityLine line(const QString &sku, int qty, qint64 costCents)
{
    QuantityLine entry;
    entry.sku = sku;
    entry.qty = qty;
    entry.unitCostCents = costCents;
    return entry;
}

QVariantMap find(const QVariantList &rows, const QString &sku, const QString &location = {})
{
    for (const QVariant &row : rows) {
        const QVariantMap map = row.toMap();
        if (map.value(QStringLiteral("sku")).toString() == sku
            && (location.isEmpty() || map.value(QStringLiteral("location")).toString() == location)) {
            return map;
        }
    }
    return {};
}

} // namespace

/**
 * The Dashboard, the Replenish dialog and the promise at order entry through the GUI's own objects (session,
 * database thread, change feed) on a scenario written by the real services on a simulated clock that ends
 * now: 70 mugs (2.50 each) and 20 plates (4.00) received at Leeds 40 days ago, 10 cups (10.00) at Bristol,
 * two mugs ordered every day of the last 28, three plates 35 days ago, cups never. By hand: Leeds holds
 * 70 × 2.50 + 20 × 4.00 = 255.00, Bristol 100.00; the mugs at Leeds have 70 − 56 = 14 left at 2 a day, 7 days
 * of cover against Acme's 10 days of lead time; mugs top the movers with 56 units; cups are the slow mover.
 */
class TestDashboardUi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ServiceContext> m_context;
    QDateTime m_now;

    PurchaseService purchases() { return PurchaseService(*m_context); }

    bool place(const QString &sku, int qty, const QDateTime &at)
    {
        m_now = at;
        PlaceOrderRequest request;
        request.lines = {OrderLineRequest {sku, qty, std::nullopt}};
        request.paymentStatus = QStringLiteral("paid");
        const Result<PlacedOrder> placed = OrderService(*m_context).place(request);
        if (!placed) {
            qWarning() << placed.error().message;
        }
        return bool(placed);
    }

    bool receiveOrdered(const QString &location, const QList<QuantityLine> &lines)
    {
        const Result<PurchaseOrder> created = purchases().create(Acme, location, QString(), lines);
        if (!created || !purchases().order(created->number)) {
            qWarning() << created.error().message;
            return false;
        }
        return bool(purchases().receive(created->number, lines));
    }

    qint64 scalar(const QString &sql) { return m_db->scalar(sql).value().toLongLong(); }

    /** A session whose Dashboard is on screen, once its first figures are in. */
    static bool dashboardReady(Session &session)
    {
        DashboardModel *dashboard = session.dashboard();
        dashboard->setActive(true);
        return QTest::qWaitFor(
            [&] { return session.ready() && dashboard->insightsLoaded() && !dashboard->loading(); }, 30'000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // As the application does without a configured locale: money and dates as the British shop writes them.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    }

    void init()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open(QStringLiteral("seed"));
        QVERIFY(m_db);
        m_now = now.addDays(-40);
        m_context.reset(new ServiceContext {*m_db, Clock([this] { return m_now; }), QStringLiteral("seed")});
        QVERIFY(Test::seedCatalog(*m_context, {{Leeds, 10}, {Bristol, 20}}, {Mug, Plate, Cup}));
        QVERIFY(purchases().addSupplier(Acme, QStringLiteral("orders@acme.test"), 10));
        QVERIFY(receiveOrdered(Leeds, {line(Mug, 70, 250), line(Plate, 20, 400)}));
        QVERIFY(receiveOrdered(Bristol, {line(Cup, 10, 1000)}));
        QVERIFY(place(Plate, 3, now.addDays(-35)));
        for (int day = 28; day >= 1; --day) {
            QVERIFY(place(Mug, 2, now.addDays(-day)));
        }
        m_now = now;
    }

    void cleanup()
    {
        if (m_db) {
            QCOMPARE(Test::violations(*m_db), QStringList());
        }
        m_context.reset();
        m_db.reset();
        m_scratch.reset();
    }

    void figuresMatchTheLedger()
    {
        Session session(m_scratch->spec(), QStringLiteral("Manager"));
        QVERIFY(dashboardReady(session));
        DashboardModel *dashboard = session.dashboard();
        QVERIFY2(dashboard->insightsError().isEmpty(), qPrintable(dashboard->insightsError()));

        // Stock value per location at moving-average cost, and the tile with their sum.
        QCOMPARE(dashboard->stockByLocation().size(), 2);
        const QVariantMap first = dashboard->stockByLocation().at(0).toMap();
        const QVariantMap second = dashboard->stockByLocation().at(1).toMap();
        QCOMPARE(first.value(QStringLiteral("code")).toString(), Leeds);
        QCOMPARE(first.value(QStringLiteral("valueCents")).toLongLong(), 70 * 250 + 20 * 400);
        QCOMPARE(first.value(QStringLiteral("units")).toLongLong(), 90);
        QCOMPARE(second.value(QStringLiteral("code")).toString(), Bristol);
        QCOMPARE(second.value(QStringLiteral("valueCents")).toLongLong(), 10 * 1000);
        QCOMPARE(dashboard->insights().value(QStringLiteral("stockValueCents")).toLongLong(), 35500);
        QCOMPARE(dashboard->stockValue(), QStringLiteral("£355.00"));

        // The one risk: mugs at Leeds, 14 left at 2 a day against 10 days of lead time.
        QCOMPARE(dashboard->riskCount(), 1);
        const QVariantMap risk = dashboard->stockOutRisks().at(0).toMap();
        QCOMPARE(risk.value(QStringLiteral("sku")).toString(), Mug);
        QCOMPARE(risk.value(QStringLiteral("location")).toString(), Leeds);
        QCOMPARE(risk.value(QStringLiteral("projected")).toInt(), 14);
        QCOMPARE(risk.value(QStringLiteral("rate")).toDouble(), 2.0);
        QCOMPARE(risk.value(QStringLiteral("cover")).toDouble(), 7.0);
        QCOMPARE(risk.value(QStringLiteral("coverText")).toString(), QStringLiteral("7.0"));
        QCOMPARE(risk.value(QStringLiteral("leadTime")).toInt(), 10);

        // Top mover: 56 mugs in 30 days, none in the 30 before; plates sold 35 days ago are no mover now.
        QCOMPARE(dashboard->topMovers().size(), 1);
        const QVariantMap mover = dashboard->topMovers().at(0).toMap();
        QCOMPARE(mover.value(QStringLiteral("sku")).toString(), Mug);
        QCOMPARE(mover.value(QStringLiteral("units")).toLongLong(), 56);
        QCOMPARE(mover.value(QStringLiteral("previousUnits")).toLongLong(), 0);
        QCOMPARE(mover.value(QStringLiteral("change")).toString(), QStringLiteral("new"));

        // Slow movers: the cups only (plates sold within 60 days), 10 × 10.00 tied up.
        QCOMPARE(dashboard->slowCount(), 1);
        const QVariantMap slow = dashboard->slowMovers().at(0).toMap();
        QCOMPARE(slow.value(QStringLiteral("sku")).toString(), Cup);
        QCOMPARE(slow.value(QStringLiteral("valueCents")).toLongLong(), 10000);
        QCOMPARE(slow.value(QStringLiteral("since")).toString(), QStringLiteral("never sold"));
        QCOMPARE(dashboard->slowValue(), QStringLiteral("£100.00"));

        // Weekly sales: the whole weeks hold every unit ordered before this week.
        qint64 weekly = 0;
        for (const QVariant &week : dashboard->weeklySales()) {
            weekly += qint64(week.toMap().value(QStringLiteral("units")).toDouble());
        }
        const QDate monday = QDateTime::currentDateTimeUtc().date().addDays(
            1 - QDateTime::currentDateTimeUtc().date().dayOfWeek());
        qint64 beforeThisWeek = 3; // the plates, 35 days ago
        for (int day = 28; day >= 1; --day) {
            beforeThisWeek += QDateTime::currentDateTimeUtc().addDays(-day).date() < monday ? 2 : 0;
        }
        QCOMPARE(weekly, beforeThisWeek);
        QVERIFY(!dashboard->salesText().isEmpty());
        // Too few weeks to score a forecast: it says so instead of drawing one.
        QVERIFY(dashboard->forecastAccuracy().isEmpty());
        // (No translator here: plurals read "week(s)".) The plates' week, 35 days ago, is the first of 5.
        QVERIFY2(dashboard->accuracyText().contains(QLatin1String("(now 5)")),
                 qPrintable(dashboard->accuracyText()));
    }

    void refreshedByTheChangeFeed()
    {
        Session session(m_scratch->spec(), QStringLiteral("Manager"));
        QVERIFY(dashboardReady(session));
        DashboardModel *dashboard = session.dashboard();
        QTRY_VERIFY_WITH_TIMEOUT(session.live(), 10'000);
        QSignalSpy changed(dashboard, &DashboardModel::insightsChanged);

        // Another desk orders 4 mugs: 10 left at Leeds at 60 / 28 a day.
        QVERIFY(place(Mug, 4, QDateTime::currentDateTimeUtc()));
        QTRY_COMPARE_WITH_TIMEOUT(
            find(dashboard->topMovers(), Mug).value(QStringLiteral("units")).toLongLong(), 60, 15'000);
        QVERIFY(changed.count() >= 1);
        const QVariantMap risk = find(dashboard->stockOutRisks(), Mug, Leeds);
        QCOMPARE(risk.value(QStringLiteral("projected")).toInt(), 10);
        QCOMPARE(risk.value(QStringLiteral("coverText")).toString(), QStringLiteral("4.7")); // 10 / (60 / 28)

        // Hidden, the Dashboard does not read its planning figures; shown again, it catches up.
        dashboard->setActive(false);
        QVERIFY(QTest::qWaitFor([&] { return !dashboard->loading(); }, 10'000));
        changed.clear();
        // Proof that the change reached this desk: the feed delivers it; then the Dashboard's one-second
        // pause goes by, and still nothing was read.
        int delivered = 0;
        QObject receiver;
        QObject::connect(
            session.changeFeed(), &ChangeFeed::changed, &receiver, [&] { ++delivered; },
            Qt::QueuedConnection);
        QVERIFY(place(Mug, 1, QDateTime::currentDateTimeUtc()));
        QTRY_VERIFY_WITH_TIMEOUT(delivered > 0, 15'000);
        QTest::qWait(1500);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(find(dashboard->topMovers(), Mug).value(QStringLiteral("units")).toLongLong(), 60);
        dashboard->setActive(true);
        QTRY_COMPARE_WITH_TIMEOUT(
            find(dashboard->topMovers(), Mug).value(QStringLiteral("units")).toLongLong(), 61, 15'000);
    }

    void acceptingASuggestionCreatesADraft()
    {
        Session session(m_scratch->spec(), QStringLiteral("Manager"));
        ReplenishmentController *planner = session.replenishment();
        QAbstractItemModelTester tester(planner, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(session.ready(), 20'000);
        planner->start();
        QTRY_VERIFY_WITH_TIMEOUT(planner->loaded() && !planner->loading(), 30'000);
        QVERIFY2(planner->message().isEmpty(), qPrintable(planner->message()));

        const int row = planner->rowOf(QStringLiteral("buy:MUG@LEEDS"));
        QVERIFY(row >= 0);
        const QModelIndex index = planner->index(row);
        QCOMPARE(index.data(ReplenishmentController::GroupTitleRole).toString().left(4), Acme);
        QVERIFY(index.data(ReplenishmentController::FirstInGroupRole).toBool());
        QVERIFY(!index.data(ReplenishmentController::ReasonRole).toString().isEmpty());
        const int qty = index.data(ReplenishmentController::QtyRole).toInt();
        QVERIFY(qty > 0);

        // Ticking one suggestion changes that row only.
        QSignalSpy rowChanged(planner, &QAbstractItemModel::dataChanged);
        planner->toggle(row);
        QCOMPARE(rowChanged.count(), 1);
        QCOMPARE(rowChanged.first().at(0).toModelIndex().row(), row);
        QCOMPARE(planner->selectedCount(), 1);
        QVERIFY(index.data(ReplenishmentController::SelectedRole).toBool());

        QSignalSpy created(planner, &ReplenishmentController::draftsCreated);
        planner->createDrafts();
        QVERIFY(created.wait(30'000));
        QVERIFY2(created.first().at(0).toBool(), qPrintable(planner->message()));
        QCOMPARE(planner->created().size(), 1);
        const QVariantMap document = planner->created().first().toMap();
        QCOMPARE(document.value(QStringLiteral("kind")).toString(), QStringLiteral("purchase_order"));
        const QString number = document.value(QStringLiteral("number")).toString();
        QVERIFY(number.startsWith(QLatin1String("PO-")));

        // In the database: a draft of Acme for Leeds with the suggested mugs.
        const Result<Rows> drafts = m_db->select(QStringLiteral(
            "SELECT po.id, s.name, l.code, p.sku, x.qty_ordered FROM purchase_orders po "
            "JOIN suppliers s ON s.id = po.supplier_id JOIN locations l ON l.id = po.location_id "
            "JOIN purchase_order_lines x ON x.purchase_order_id = po.id "
            "JOIN products p ON p.id = x.product_id WHERE po.status = 'draft'"));
        QVERIFY(drafts);
        QCOMPARE(drafts->size(), 1);
        const Row &draft = drafts->first();
        QCOMPARE(purchaseOrderNumber(draft.value(0).toLongLong()), number);
        QCOMPARE(draft.value(1).toString(), Acme);
        QCOMPARE(draft.value(2).toString(), Leeds);
        QCOMPARE(draft.value(3).toString(), Mug);
        QCOMPARE(draft.value(4).toInt(), qty);

        // Our own drafts come back through the change feed: they are not on order, so nothing is stale; another
        // desk's order is, and the dialog offers to recompute.
        QTRY_VERIFY_WITH_TIMEOUT(session.live(), 10'000);
        QTest::qWait(1500);
        QVERIFY(!planner->stale());
        QVERIFY(place(Cup, 1, QDateTime::currentDateTimeUtc()));
        QTRY_VERIFY_WITH_TIMEOUT(planner->stale(), 10'000);

        // Done once: it cannot be ticked again, and nothing is left to create.
        QVERIFY(index.data(ReplenishmentController::CreatedRole).toBool());
        QVERIFY(!index.data(ReplenishmentController::SelectableRole).toBool());
        QCOMPARE(planner->selectedCount(), 0);
        planner->setSelected(row, true);
        QCOMPARE(planner->selectedCount(), 0);

        // A refused option is shown, not thrown.
        planner->setServiceLevel(10); // clamped to 50 %: still planned
        QTRY_VERIFY_WITH_TIMEOUT(!planner->loading(), 30'000);
        QCOMPARE(planner->serviceLevel(), 50.0);
        QVERIFY(planner->message().isEmpty());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM purchase_orders WHERE status = 'draft'")), 1);
    }

    void promiseForAShortSku()
    {
        // 30 mugs more are on their way to Leeds, due in 6 days: 14 can go now, 20 on that day.
        const QDate due = QDateTime::currentDateTimeUtc().date().addDays(6);
        const Result<PurchaseOrder> ordered
            = purchases().create(Acme, Leeds, due.toString(Qt::ISODate), {line(Mug, 30, 250)});
        QVERIFY(ordered);
        QVERIFY(purchases().order(ordered->number));

        Session session(m_scratch->spec(), QStringLiteral("Clerk"));
        QTRY_VERIFY_WITH_TIMEOUT(session.ready(), 20'000);
        PromiseCheck check;
        check.setPlanner(session.replenishment());
        check.setSku(Mug);
        check.setQty(20);
        QVERIFY(check.busy());
        QTRY_VERIFY_WITH_TIMEOUT(!check.busy(), 10'000);
        QCOMPARE(check.state(), QStringLiteral("later"));
        QCOMPARE(check.text(),
                 QStringLiteral("Earliest promise: %1 from LEEDS")
                     .arg(QLocale().toString(due, QLocale::LongFormat)));
        QVERIFY2(check.detail().startsWith(QLatin1String("14 from LEEDS today")), qPrintable(check.detail()));

        // Enough on the shelf: now.
        check.setQty(5);
        QTRY_VERIFY_WITH_TIMEOUT(!check.busy(), 10'000);
        QCOMPARE(check.state(), QStringLiteral("now"));
        QCOMPARE(check.text(), QStringLiteral("Available now from LEEDS"));

        // More than will come within 8 weeks.
        check.setQty(500);
        QTRY_VERIFY_WITH_TIMEOUT(!check.busy(), 10'000);
        QCOMPARE(check.state(), QStringLiteral("none"));
        QCOMPARE(check.text(),
                 QStringLiteral("Not within 8 week(s): only 44 by %1")
                     .arg(QLocale().toString(QDateTime::currentDateTimeUtc().date().addDays(55),
                                             QLocale::ShortFormat)));

        // Typing goes on: only the last input is answered; an unknown SKU says so.
        check.setSku(QStringLiteral("MU"));
        check.setSku(QStringLiteral("NOPE"));
        QTRY_VERIFY_WITH_TIMEOUT(!check.busy(), 10'000);
        QCOMPARE(check.state(), QStringLiteral("error"));
        QVERIFY2(check.text().contains(QLatin1String("NOPE")), qPrintable(check.text()));
        check.setSku(QString());
        QTRY_VERIFY_WITH_TIMEOUT(!check.busy(), 10'000);
        QCOMPARE(check.state(), QString());
    }
};

QTEST_GUILESS_MAIN(TestDashboardUi)
#include "tst_dashboardui.moc"
