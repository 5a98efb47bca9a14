// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogservice.h"
#include "inventorydocuments.h"
#include "labels.h"
#include "purchaseservice.h"
#include "session.h"
#include "stockrepository.h"
#include "stockservice.h"
#include "testsupport.h"
#include "transferservice.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Stockroom;

/**
 * The Receiving, Transfers and Counts views' controller through the GUI's own objects (session, database
 * thread, change feed): a purchase order from draft to partly received, a transfer shipped on one desktop
 * showing up in transit on another without a reload, a stock count from start to approval, and an action
 * on a version somebody else already changed refused with the stale message.
 */
class TestInventoryDocuments : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    static inline const QString Plate = QStringLiteral("4006381333931");

    struct Outcome
    {
        bool finished = false;
        bool ok = false;
        QString message;
    };

    /** Runs an action and waits for its answer. */
    static Outcome act(DocumentList *list, const std::function<void()> &action)
    {
        QSignalSpy spy(list, &DocumentList::finished);
        action();
        if (spy.isEmpty() && !spy.wait(20'000)) {
            return {};
        }
        return {true, spy.first().at(0).toBool(), spy.first().at(1).toString()};
    }

    static QVariantMap line(const QString &sku, const QVariant &qty, const QVariant &extra = {},
                            const QString &extraKey = {})
    {
        QVariantMap map {{QStringLiteral("sku"), sku}, {QStringLiteral("qty"), qty}};
        if (!extraKey.isEmpty()) {
            map.insert(extraKey, extra);
        }
        return map;
    }

    static QVariantMap rowOf(DocumentList *list, const QString &number)
    {
        const int row = list->indexOf(number);
        return row >= 0 ? list->get(row) : QVariantMap();
    }

    static QVariantMap lineOf(const QVariantMap &document, const QString &sku)
    {
        for (const QVariant &entry : document.value(QStringLiteral("lines")).toList()) {
            if (entry.toMap().value(QStringLiteral("sku")).toString() == sku) {
                return entry.toMap();
            }
        }
        return {};
    }

    static bool ready(Session &session)
    {
        return QTest::qWaitFor([&session] { return session.ready() && session.live(); }, 20'000);
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
                                  {QStringLiteral("MUG")}));
        ProductRecord plate;
        plate.sku = QStringLiteral("PLATE");
        plate.name = QStringLiteral("Plate");
        plate.gtin = Plate;
        plate.priceCents = 1500;
        plate.unitCostCents = 400;
        QVERIFY(CatalogService(context).addProduct(plate));
        QVERIFY(StockService(context).receive(QStringLiteral("MUG"), QStringLiteral("LEEDS"), 20));
        QVERIFY(StockService(context).receive(QStringLiteral("PLATE"), QStringLiteral("LEEDS"), 20));
        QVERIFY(PurchaseService(context).addSupplier(QStringLiteral("Acme Pottery"), {}, 5));
    }

    void cleanup() { m_scratch.reset(); }

    void purchaseOrderFromDraftToPartlyReceived()
    {
        Session session(m_scratch->spec(), QStringLiteral("Sam"));
        QVERIFY(ready(session));
        InventoryDocuments *documents = session.documents();
        DocumentList *list = documents->purchaseOrders();
        QAbstractItemModelTester tester(list, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(documents->suppliers().size(), 1, 10'000);

        // A quantity that is not a number is refused before anything is sent.
        Outcome refused = act(list, [&] {
            documents->createPurchaseOrder(QStringLiteral("Acme Pottery"), QStringLiteral("LEEDS"), {},
                                           {line(QStringLiteral("MUG"), QStringLiteral("ten"))});
        });
        QVERIFY(refused.finished);
        QVERIFY(!refused.ok);
        QVERIFY2(refused.message.contains(QLatin1String("ten")), qPrintable(refused.message));

        // Created: it opens at once and appears in the list.
        Outcome created = act(list, [&] {
            documents->createPurchaseOrder(QStringLiteral("Acme Pottery"), QStringLiteral("LEEDS"),
                                           QStringLiteral("2030-01-31"),
                                           {line(QStringLiteral("MUG"), QStringLiteral("10"),
                                                 QStringLiteral("2.50"), QStringLiteral("cost")),
                                            line(QStringLiteral("PLATE"), 5), line({}, {})});
        });
        QVERIFY2(created.ok, qPrintable(created.message));
        const QString number = list->currentNumber();
        QVERIFY(number.startsWith(QLatin1String("PO-")));
        QCOMPARE(list->current().value(QStringLiteral("status")).toString(), QStringLiteral("draft"));
        QCOMPARE(list->current().value(QStringLiteral("canOrder")).toBool(), true);
        QCOMPARE(lineOf(list->current(), QStringLiteral("MUG")).value(QStringLiteral("unitCost")).toString(),
                 Labels::money(250));
        QCOMPARE(lineOf(list->current(), QStringLiteral("PLATE")).value(QStringLiteral("gtin")).toString(),
                 QStringLiteral("0") + Plate);
        QTRY_VERIFY_WITH_TIMEOUT(list->indexOf(number) >= 0, 10'000);

        // Ordered with the version the clerk saw, then received in part with one confirmation.
        const int version = list->current().value(QStringLiteral("version")).toInt();
        Outcome ordered = act(list, [&] { documents->orderPurchaseOrder(number, version); });
        QVERIFY2(ordered.ok, qPrintable(ordered.message));
        QCOMPARE(list->current().value(QStringLiteral("status")).toString(), QStringLiteral("ordered"));
        QVERIFY(list->current().value(QStringLiteral("canReceive")).toBool());

        // Scanning in the dialog: a SKU in any case, a GTIN in any length, anything else is not a line.
        const QVariantList lines = list->current().value(QStringLiteral("lines")).toList();
        QCOMPARE(documents->lineForBarcode(lines, QStringLiteral("mug")), 0);
        QCOMPARE(documents->lineForBarcode(lines, Plate), 1);
        QCOMPARE(documents->lineForBarcode(lines, QStringLiteral("0") + Plate), 1);
        QCOMPARE(documents->lineForBarcode(lines, QStringLiteral("BOWL")), -1);

        Outcome received = act(list, [&] {
            documents->receivePurchaseOrder(
                number, list->current().value(QStringLiteral("version")).toInt(),
                {line(QStringLiteral("MUG"), QStringLiteral("4")), line(QStringLiteral("PLATE"), QString())},
                QStringLiteral("delivery note 17"));
        });
        QVERIFY2(received.ok, qPrintable(received.message));
        QVERIFY2(received.message.contains(QLatin1String("4 unit")), qPrintable(received.message));
        QCOMPARE(list->current().value(QStringLiteral("status")).toString(),
                 QStringLiteral("partially_received"));
        const QVariantMap mug = lineOf(list->current(), QStringLiteral("MUG"));
        QCOMPARE(mug.value(QStringLiteral("received")).toInt(), 4);
        QCOMPARE(mug.value(QStringLiteral("outstanding")).toInt(), 6);
        QCOMPARE(list->current().value(QStringLiteral("canClose")).toBool(), true);

        // The list shows it partly received (4 of 15 units), in place.
        QTRY_COMPARE_WITH_TIMEOUT(rowOf(list, number).value(QStringLiteral("status")).toString(),
                                  QStringLiteral("partially_received"), 10'000);
        QCOMPARE(rowOf(list, number).value(QStringLiteral("done")).toInt(), 4);
        QCOMPARE(rowOf(list, number).value(QStringLiteral("units")).toInt(), 15);
        QCOMPARE(rowOf(list, number).value(QStringLiteral("statusText")).toString(),
                 QStringLiteral("Partly received"));

        // The stock arrived at LEEDS.
        std::unique_ptr<Database> db = m_scratch->open(QStringLiteral("check"));
        QVERIFY(db);
        Result<StockLevelRow> level = StockRepository(*db).level(
            CatalogRepository(*db).productBySku(QStringLiteral("MUG"))->value().id,
            CatalogRepository(*db).locationByCode(QStringLiteral("LEEDS"))->value().id);
        QVERIFY(level);
        QCOMPARE(level->onHand, 24);

        // A filter is a new set of rows: received ones only, then all again.
        list->setStatusFilter(QStringLiteral("received"));
        QTRY_VERIFY_WITH_TIMEOUT(!list->loading(), 10'000);
        QCOMPARE(list->indexOf(number), -1);
        list->setStatusFilter(QString());
        QTRY_VERIFY_WITH_TIMEOUT(list->indexOf(number) >= 0, 10'000);
    }

    void staleActionIsRefusedAndReloaded()
    {
        std::unique_ptr<Database> db = m_scratch->open(QStringLiteral("other"));
        QVERIFY(db);
        ServiceContext other {*db, Clock(), QStringLiteral("Kim")};
        Result<PurchaseOrder> po
            = PurchaseService(other).create(QStringLiteral("Acme Pottery"), QStringLiteral("LEEDS"), {},
                                            {QuantityLine {QStringLiteral("MUG"), 5}});
        QVERIFY(po);
        QVERIFY(PurchaseService(other).order(po->number));

        Session session(m_scratch->spec(), QStringLiteral("Sam"));
        QVERIFY(ready(session));
        DocumentList *list = session.documents()->purchaseOrders();
        list->setCurrentNumber(po->number);
        QTRY_VERIFY_WITH_TIMEOUT(!list->current().isEmpty(), 10'000);
        const int seen = list->current().value(QStringLiteral("version")).toInt();

        // Another desktop receives meanwhile; closing what the clerk saw is refused, and they see it anew.
        QVERIFY(PurchaseService(other).receive(po->number, {QuantityLine {QStringLiteral("MUG"), 2}}));
        Outcome stale = act(list, [&] { session.documents()->closePurchaseOrder(po->number, seen); });
        QVERIFY(stale.finished);
        QVERIFY(!stale.ok);
        QVERIFY(list->stale());
        QVERIFY2(stale.message.contains(QLatin1String("was changed by Kim")), qPrintable(stale.message));
        QTRY_VERIFY_WITH_TIMEOUT(list->current().value(QStringLiteral("version")).toInt() > seen, 10'000);
        QCOMPARE(list->current().value(QStringLiteral("status")).toString(),
                 QStringLiteral("partially_received"));
    }

    void transferShippedShowsUpOnAnotherDesktop()
    {
        Session here(m_scratch->spec(), QStringLiteral("Sam"));
        Session there(m_scratch->spec(), QStringLiteral("Kim"));
        QVERIFY(ready(here));
        QVERIFY(ready(there));
        DocumentList *mine = here.documents()->transfers();
        DocumentList *theirs = there.documents()->transfers();
        QAbstractItemModelTester tester(theirs, QAbstractItemModelTester::FailureReportingMode::QtTest);

        Outcome created = act(mine, [&] {
            here.documents()->createTransfer(
                QStringLiteral("LEEDS"), QStringLiteral("BRISTOL"),
                {line(QStringLiteral("MUG"), 3), line(QStringLiteral("PLATE"), 2)});
        });
        QVERIFY2(created.ok, qPrintable(created.message));
        const QString number = mine->currentNumber();
        QCOMPARE(mine->current().value(QStringLiteral("watchesStock")).toBool(), true);
        QCOMPARE(lineOf(mine->current(), QStringLiteral("MUG")).value(QStringLiteral("available")).toInt(),
                 20);

        // The other desktop sees the new transfer arrive and opens it.
        QTRY_VERIFY_WITH_TIMEOUT(theirs->indexOf(number) >= 0, 10'000);
        theirs->setCurrentNumber(number);
        QTRY_COMPARE_WITH_TIMEOUT(theirs->current().value(QStringLiteral("status")).toString(),
                                  QStringLiteral("draft"), 10'000);
        QSignalSpy resets(theirs, &QAbstractItemModel::modelReset);

        Outcome requested = act(mine, [&] {
            here.documents()->requestTransfer(number,
                                              mine->current().value(QStringLiteral("version")).toInt());
        });
        QVERIFY2(requested.ok, qPrintable(requested.message));
        Outcome shipped = act(mine, [&] {
            here.documents()->shipTransfer(number, mine->current().value(QStringLiteral("version")).toInt());
        });
        QVERIFY2(shipped.ok, qPrintable(shipped.message));

        // No reload over there: the row and the open transfer follow by themselves, in place.
        QTRY_COMPARE_WITH_TIMEOUT(rowOf(theirs, number).value(QStringLiteral("status")).toString(),
                                  QStringLiteral("in_transit"), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(theirs->current().value(QStringLiteral("inTransit")).toInt(), 5, 10'000);
        QCOMPARE(lineOf(theirs->current(), QStringLiteral("MUG")).value(QStringLiteral("inTransit")).toInt(),
                 3);
        QCOMPARE(resets.count(), 0);

        // Arrived in part with one missing: amber in the list until a manager decides, over there.
        Outcome arrived = act(theirs, [&] {
            there.documents()->receiveTransfer(
                number, theirs->current().value(QStringLiteral("version")).toInt(),
                {QVariantMap {{QStringLiteral("sku"), QStringLiteral("MUG")},
                              {QStringLiteral("qty"), QStringLiteral("2")},
                              {QStringLiteral("missing"), QStringLiteral("1")},
                              {QStringLiteral("reason"), QStringLiteral("damaged")}},
                 QVariantMap {{QStringLiteral("sku"), Plate}, {QStringLiteral("qty"), 2}}});
        });
        QVERIFY2(arrived.ok, qPrintable(arrived.message));
        QVERIFY(theirs->current().value(QStringLiteral("canDecide")).toBool());
        QTRY_COMPARE_WITH_TIMEOUT(rowOf(mine, number).value(QStringLiteral("attention")).toInt(), 1, 10'000);
        QCOMPARE(rowOf(mine, number).value(QStringLiteral("attentionText")).toString(),
                 QStringLiteral("1 missing"));

        Outcome writtenOff = act(theirs, [&] {
            there.documents()->decideMissing(
                number, theirs->current().value(QStringLiteral("version")).toInt(), true);
        });
        QVERIFY2(writtenOff.ok, qPrintable(writtenOff.message));
        QCOMPARE(theirs->current().value(QStringLiteral("status")).toString(), QStringLiteral("received"));
        QCOMPARE(lineOf(theirs->current(), QStringLiteral("MUG")).value(QStringLiteral("writtenOff")).toInt(),
                 1);
        QTRY_COMPARE_WITH_TIMEOUT(mine->current().value(QStringLiteral("status")).toString(),
                                  QStringLiteral("received"), 10'000);
    }

    void countFromStartToApproval()
    {
        Session session(m_scratch->spec(), QStringLiteral("Sam"));
        QVERIFY(ready(session));
        InventoryDocuments *documents = session.documents();
        DocumentList *list = documents->counts();

        Outcome started
            = act(list, [&] { documents->startCount(QStringLiteral("LEEDS"), false, {}, {}, 0, true); });
        QVERIFY2(started.ok, qPrintable(started.message));
        const QString number = list->currentNumber();
        QVERIFY(number.startsWith(QLatin1String("SC-")));
        // Blind: the counter's screen has no expected quantities at all.
        QCOMPARE(list->current().value(QStringLiteral("showBook")).toBool(), false);
        QCOMPARE(list->current().value(QStringLiteral("lineCount")).toInt(), 2);
        QVERIFY(!lineOf(list->current(), QStringLiteral("MUG")).contains(QStringLiteral("expected")));

        // A typed quantity sets, a scan without one adds 1, an unknown barcode is refused by name.
        Outcome typed
            = act(list, [&] { documents->recordCount(number, QStringLiteral("MUG"), QStringLiteral("18")); });
        QVERIFY2(typed.ok, qPrintable(typed.message));
        for (int i = 0; i < 2; ++i) {
            Outcome scanned = act(list, [&] { documents->recordCount(number, Plate, {}); });
            QVERIFY2(scanned.ok, qPrintable(scanned.message));
        }
        QCOMPARE(lineOf(list->current(), QStringLiteral("PLATE")).value(QStringLiteral("counted")).toInt(),
                 2);
        QCOMPARE(list->current().value(QStringLiteral("touched")).toString(), QStringLiteral("PLATE"));
        Outcome unknown = act(list, [&] { documents->recordCount(number, QStringLiteral("BOWL-9"), {}); });
        QVERIFY(!unknown.ok);
        QVERIFY2(unknown.message.contains(QLatin1String("BOWL-9")), qPrintable(unknown.message));
        QCOMPARE(list->current().value(QStringLiteral("counted")).toInt(), 2);

        Outcome submitted = act(list, [&] {
            documents->submitCount(number, list->current().value(QStringLiteral("version")).toInt());
        });
        QVERIFY2(submitted.ok, qPrintable(submitted.message));
        // The variance report: against the books at the moment each line was counted, valued at cost.
        const QVariantMap report = list->current();
        QCOMPARE(report.value(QStringLiteral("showBook")).toBool(), true);
        QCOMPARE(report.value(QStringLiteral("varianceLines")).toInt(), 2);
        QCOMPARE(report.value(QStringLiteral("varianceUnits")).toInt(), -20);
        const QVariantMap plate = lineOf(report, QStringLiteral("PLATE"));
        QCOMPARE(plate.value(QStringLiteral("expected")).toInt(), 20);
        QCOMPARE(plate.value(QStringLiteral("book")).toInt(), 20);
        QCOMPARE(plate.value(QStringLiteral("variance")).toInt(), -18);
        QVERIFY(report.value(QStringLiteral("canApprove")).toBool());
        QTRY_COMPARE_WITH_TIMEOUT(rowOf(list, number).value(QStringLiteral("attentionText")).toString(),
                                  QStringLiteral("2 with variance"), 10'000);

        Outcome approved = act(list, [&] {
            documents->approveCount(number, list->current().value(QStringLiteral("version")).toInt(),
                                    QStringLiteral("recounted the plates"));
        });
        QVERIFY2(approved.ok, qPrintable(approved.message));
        QVERIFY2(approved.message.contains(QLatin1String("2 adjustment")), qPrintable(approved.message));
        QCOMPARE(list->current().value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
        // Approved counts leave the open list.
        QTRY_COMPARE_WITH_TIMEOUT(list->indexOf(number), -1, 10'000);

        std::unique_ptr<Database> db = m_scratch->open(QStringLiteral("check"));
        QVERIFY(db);
        Result<StockLevelRow> level = StockRepository(*db).level(
            CatalogRepository(*db).productBySku(QStringLiteral("PLATE"))->value().id,
            CatalogRepository(*db).locationByCode(QStringLiteral("LEEDS"))->value().id);
        QVERIFY(level);
        QCOMPARE(level->onHand, 2);
        QVERIFY2(Test::violations(*db).isEmpty(), qPrintable(Test::violations(*db).join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestInventoryDocuments)
#include "tst_inventorydocuments.moc"
