// SPDX-License-Identifier: GPL-3.0-or-later
#include "newordercontroller.h"
#include "ordermodel.h"
#include "planningservice.h"
#include "purchaseservice.h"
#include "session.h"
#include "stockrepository.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QQmlComponent>
#include <QQmlEngine>
#include <QQmlExtensionPlugin>
#include <QQmlProperty>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

// The application's QML module is a static plugin: the dialog under test comes from it.
Q_IMPORT_QML_PLUGIN(StockroomPlugin)

using namespace Stockroom;

namespace {

const QString Mug = QStringLiteral("MUG");
const QString Plate = QStringLiteral("PLATE");
const QString Leeds = QStringLiteral("LEEDS");

QVariantMap line(const QString &sku, const QString &qty)
{
    return {{QStringLiteral("sku"), sku}, {QStringLiteral("qty"), qty}};
}

} // namespace

/**
 * The Orders view's New order dialog through the GUI's own objects (session, database thread, change feed) on
 * a real database: an order typed in is placed with its lines as place-order places it, a line that waits
 * carries the promise that could be made before the order took the stock, the Orders view shows the order by
 * itself, and what cannot be placed (an unknown SKU, no quantity, no lines) is refused with nothing written.
 */
class TestNewOrderUi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db; ///< another desktop's connection (setup and checks)
    QDate m_due;

    qint64 scalar(const QString &sql)
    {
        const Result<QVariant> value = m_db->scalar(sql);
        return value ? value->toLongLong() : -1;
    }

    int reserved(const QString &sku)
    {
        const Result<QList<StockLevelRow>> levels = StockRepository(*m_db).levels(sku, Leeds);
        return levels && !levels->isEmpty() ? levels->first().reserved : -1;
    }

    static bool ready(Session &session)
    {
        return QTest::qWaitFor([&session] { return session.ready() && session.live(); }, 20'000);
    }

    static bool idle(NewOrderController *controller)
    {
        return QTest::qWaitFor([controller] { return !controller->busy(); }, 20'000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    }

    void init()
    {
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open(QStringLiteral("elsewhere"));
        QVERIFY(m_db);
        ServiceContext context {*m_db, Clock(), QStringLiteral("seed")};
        QVERIFY(Test::seedCatalog(context, {{Leeds, 10}}, {Mug, Plate}));
        QVERIFY(StockService(context).receive(Mug, Leeds, 10));
        QVERIFY(StockService(context).receive(Plate, Leeds, 5));
        // 30 mugs more are on their way to Leeds, due in 6 days.
        PurchaseService purchases(context);
        QVERIFY(purchases.addSupplier(QStringLiteral("Acme"), QStringLiteral("orders@acme.test"), 10));
        QuantityLine mugs;
        mugs.sku = Mug;
        mugs.qty = 30;
        mugs.unitCostCents = 250;
        m_due = QDateTime::currentDateTimeUtc().date().addDays(6);
        const Result<PurchaseOrder> ordered
            = purchases.create(QStringLiteral("Acme"), Leeds, m_due.toString(Qt::ISODate), {mugs});
        QVERIFY(ordered);
        QVERIFY(purchases.order(ordered->number));
    }

    void cleanup()
    {
        m_db.reset();
        m_scratch.reset();
    }

    void placesTheOrderWithItsLinesAndThePromiseBeforePlacing()
    {
        // What the clerk could promise for 14 mugs before the order takes the 10 on the shelf.
        QString expectedPromise;
        {
            ServiceContext context {*m_db, Clock(), QStringLiteral("check")};
            PlanningService planning(context);
            const auto target = planning.target(Mug, {});
            QVERIFY(target);
            const Result<Promise> promise = planning.earliestPromise(target->first.id, 14);
            QVERIFY(promise);
            QVERIFY(promise->possible);
            QCOMPARE(promise->date, m_due);
            expectedPromise = promise->explanation;
            QVERIFY(!expectedPromise.isEmpty());
        }

        Session session(m_scratch->spec(), QStringLiteral("Clerk"));
        QVERIFY(ready(session));
        NewOrderController *controller = session.newOrder();
        QCOMPARE(session.orders()->rowCount(), 0);
        QCOMPARE(controller->paymentChoices().first().toMap().value(QStringLiteral("value")).toString(),
                 QStringLiteral("pending"));

        // The product's name shows once its SKU is typed; only the exact SKU has one (placing takes it exactly).
        controller->lookup(QStringLiteral("MU"));
        controller->lookup(QStringLiteral(" MUG"));
        controller->lookup(QStringLiteral("mug"));
        QTRY_COMPARE_WITH_TIMEOUT(controller->names().value(QStringLiteral("MUG")).toString(),
                                  QStringLiteral("Product MUG"), 10'000);
        // A prefix typed on the way is not asked; another case is another SKU.
        QVERIFY(!controller->names().contains(QStringLiteral("MU")));
        QVERIFY(!controller->names().contains(QStringLiteral("mug")));

        QSignalSpy finished(controller, &NewOrderController::finished);
        controller->place({{QStringLiteral("customer"), QStringLiteral("Ada Lovelace")},
                           {QStringLiteral("email"), QStringLiteral("ada@example.test")},
                           {QStringLiteral("region"), QStringLiteral("North")},
                           {QStringLiteral("postcode"), QStringLiteral("LS1 4AP")},
                           {QStringLiteral("channel"), QString()},
                           {QStringLiteral("payment"), QStringLiteral("paid")},
                           {QStringLiteral("lines"),
                            QVariantList {line(QStringLiteral(" MUG "), QStringLiteral("14")),
                                          line(QString(), QString()), // the empty row Enter added
                                          line(Plate, QStringLiteral("2"))}}});
        QVERIFY(controller->busy());
        QVERIFY(idle(controller));
        QVERIFY2(controller->message().isEmpty(), qPrintable(controller->message()));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toBool(), true);
        const QVariantMap result = controller->result();
        const QString number = result.value(QStringLiteral("number")).toString();
        QCOMPARE(finished.first().at(1).toString(), number);
        QVERIFY(number.startsWith(QLatin1String("SO-")));
        QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("backordered"));
        QVERIFY(!result.value(QStringLiteral("statusText")).toString().isEmpty());
        QVERIFY(!result.value(QStringLiteral("explanation")).toString().isEmpty());
        const QVariantList lines = result.value(QStringLiteral("lines")).toList();
        QCOMPARE(lines.size(), 2);
        const QVariantMap mugs = lines.at(0).toMap();
        QCOMPARE(mugs.value(QStringLiteral("sku")).toString(), Mug);
        QCOMPARE(mugs.value(QStringLiteral("name")).toString(), QStringLiteral("Product MUG"));
        QCOMPARE(mugs.value(QStringLiteral("qty")).toInt(), 14);
        QCOMPARE(mugs.value(QStringLiteral("allocated")).toString(), QStringLiteral("10 from LEEDS"));
        QCOMPARE(mugs.value(QStringLiteral("backordered")).toInt(), 4);
        // The promise as it stood before placing (afterwards the order's own backorder is in the queue).
        QCOMPARE(mugs.value(QStringLiteral("promise")).toString(), expectedPromise);
        const QVariantMap plates = lines.at(1).toMap();
        QCOMPARE(plates.value(QStringLiteral("allocated")).toString(), QStringLiteral("2 from LEEDS"));
        QCOMPARE(plates.value(QStringLiteral("backordered")).toInt(), 0);
        QCOMPARE(plates.value(QStringLiteral("promise")).toString(), QString()); // nothing waits

        // In the database: the order, its customer and its lines, with the stock reserved.
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders")), 1);
        QCOMPARE(
            scalar(QStringLiteral("SELECT count(*) FROM orders WHERE channel = 'manual' AND payment_status "
                                  "= 'paid' AND ship_postcode = 'LS1 4AP' AND ship_region = 'North'")),
            1);
        QCOMPARE(
            scalar(QStringLiteral("SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id "
                                  "WHERE c.name = 'Ada Lovelace' AND c.email = 'ada@example.test'")),
            1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM order_lines")), 2);
        QCOMPARE(scalar(QStringLiteral("SELECT sum(qty) FROM order_lines")), 16);
        QCOMPARE(scalar(QStringLiteral("SELECT sum(qty_backordered) FROM order_lines")), 4);
        QCOMPARE(reserved(Mug), 10);
        QCOMPARE(reserved(Plate), 2);
        QVERIFY2(Test::violations(*m_db).isEmpty(),
                 qPrintable(Test::violations(*m_db).join(QLatin1Char('\n'))));

        // The Orders view follows by itself (the change feed, no reload).
        QTRY_COMPARE_WITH_TIMEOUT(session.orders()->rowCount(), 1, 10'000);

        // Opening the dialog again starts afresh.
        controller->clear();
        QVERIFY(controller->result().isEmpty());
    }

    void refusesWhatCannotBePlacedAndPlacesNothing()
    {
        Session session(m_scratch->spec(), QStringLiteral("Clerk"));
        QVERIFY(ready(session));
        NewOrderController *controller = session.newOrder();
        QSignalSpy finished(controller, &NewOrderController::finished);

        // A SKU that is none of ours: refused by the database thread with its line.
        controller->place({{QStringLiteral("customer"), QStringLiteral("Bob")},
                           {QStringLiteral("lines"),
                            QVariantList {line(Mug, QStringLiteral("1")),
                                          line(QStringLiteral("NOPE"), QStringLiteral("3"))}}});
        QVERIFY(controller->busy());
        QVERIFY(idle(controller));
        QVERIFY2(controller->message().contains(QLatin1String("Line 2")), qPrintable(controller->message()));
        QVERIFY2(controller->message().contains(QLatin1String("NOPE")), qPrintable(controller->message()));
        QVERIFY(controller->result().isEmpty());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toBool(), false);

        // No quantity, a quantity of 0, a line without SKU, no lines at all, an unknown payment state:
        // refused at once, nothing asked of the database.
        const QList<QVariantList> refused {
            {line(Mug, QString())},
            {line(Mug, QStringLiteral("0"))},
            {line(Mug, QStringLiteral("-2"))},
            {line(QString(), QStringLiteral("4"))},
            {},
            {line(QString(), QString())},
        };
        for (const QVariantList &lines : refused) {
            controller->place({{QStringLiteral("lines"), lines}});
            QVERIFY(!controller->busy());
            QVERIFY(!controller->message().isEmpty());
        }
        controller->place({{QStringLiteral("payment"), QStringLiteral("maybe")},
                           {QStringLiteral("lines"), QVariantList {line(Mug, QStringLiteral("1"))}}});
        QVERIFY(!controller->busy());
        QVERIFY2(controller->message().contains(QLatin1String("maybe")), qPrintable(controller->message()));
        QCOMPARE(finished.size(), 1 + refused.size() + 1);

        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM order_lines")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM customers")), 0);
        QCOMPARE(reserved(Mug), 0);
        QVERIFY2(Test::violations(*m_db).isEmpty(),
                 qPrintable(Test::violations(*m_db).join(QLatin1Char('\n'))));

        // An unknown SKU gets no name.
        controller->lookup(QStringLiteral("NOPE"));
        controller->lookup(Plate);
        QTRY_VERIFY_WITH_TIMEOUT(controller->names().contains(Plate), 10'000);
        QVERIFY(!controller->names().contains(QStringLiteral("NOPE")));
    }

    void theDialogPlacesWhatWasTyped()
    {
        Session session(m_scratch->spec(), QStringLiteral("Clerk"));
        QVERIFY(ready(session));
        QQmlEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/")); // where the module's QML files are (resource prefix /)
        QQmlComponent component(&engine);
        component.setData("import QtQuick\n"
                          "import QtQuick.Controls\n"
                          "import Stockroom\n"
                          "ApplicationWindow {\n"
                          "    required property Session session\n"
                          "    property alias dialog: dialog\n"
                          "    width: 1000; height: 760; visible: true\n"
                          "    NewOrderDialog {\n"
                          "        id: dialog\n"
                          "        controller: session.newOrder\n"
                          "        planner: session.replenishment\n"
                          "    }\n"
                          "}\n",
                          QUrl(QStringLiteral("qrc:/test/NewOrderWindow.qml")));
        QVERIFY2(component.isReady(), qPrintable(component.errorString()));
        std::unique_ptr<QObject> window(component.createWithInitialProperties(
            {{QStringLiteral("session"), QVariant::fromValue(&session)}}));
        QVERIFY2(window, qPrintable(component.errorString()));
        QObject *dialog = window->property("dialog").value<QObject *>();
        QVERIFY(dialog);

        // The lines as --dialog new-order --product fills them; the rest as the dialog opens (manual, pending).
        dialog->setProperty("pendingLines", QStringLiteral("MUG:12,PLATE:1"));
        QVERIFY(QMetaObject::invokeMethod(dialog, "open"));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), 5'000);
        QCOMPARE(dialog->property("pendingLines").toString(), QString());
        QVERIFY(QMetaObject::invokeMethod(dialog, "placeOrder"));
        QVERIFY(idle(session.newOrder()));
        QVERIFY2(session.newOrder()->message().isEmpty(), qPrintable(session.newOrder()->message()));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("placed").toBool(), 5'000);
        QCOMPARE(
            scalar(QStringLiteral("SELECT count(*) FROM orders WHERE channel = 'manual' AND payment_status "
                                  "= 'pending' AND status = 'backordered'")),
            1);
        QCOMPARE(scalar(QStringLiteral("SELECT sum(qty) FROM order_lines")), 13);
        QCOMPARE(scalar(QStringLiteral("SELECT sum(qty_backordered) FROM order_lines")), 2);

        // The form is empty again: placing once more places nothing and says why.
        QVERIFY(QMetaObject::invokeMethod(dialog, "placeOrder"));
        QVERIFY(!session.newOrder()->busy());
        QVERIFY(!session.newOrder()->message().isEmpty());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders")), 1);
        QVERIFY(Test::violations(*m_db).isEmpty());
    }
};

QTEST_MAIN(TestNewOrderUi)
#include "tst_neworderui.moc"
