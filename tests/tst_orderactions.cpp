// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogservice.h"
#include "documentsupport.h"
#include "orderactions.h"
#include "orderdetailcontroller.h"
#include "ordermodel.h"
#include "orderservice.h"
#include "session.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Stockroom;

/**
 * What the Orders view's buttons do, through the GUI's own objects (session, database thread, actions,
 * detail): bulk payment and release, packing by scanning with its loud refusals, shipping with a checked
 * tracking number and the label that follows, labels of several orders in one PDF, returns and a carrier's
 * file that is refused whole.
 */
class TestOrderActions : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    QTemporaryDir m_dir;
    QStringList m_numbers;

    /** Waits for the action to finish; its message when it succeeded, or a test failure. */
    static bool finished(OrderActions *actions)
    {
        return QTest::qWaitFor([actions] { return !actions->busy(); }, 20'000);
    }

private Q_SLOTS:
    void init()
    {
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        std::unique_ptr<Database> db = m_scratch->open(QStringLiteral("seed"));
        QVERIFY(db);
        ServiceContext context {*db, Clock(), QStringLiteral("seed")};
        QVERIFY(Test::seedCatalog(context, {{QStringLiteral("LEEDS"), 10}}, {QStringLiteral("MUG")}));
        ProductRecord plate;
        plate.sku = QStringLiteral("PLATE");
        plate.name = QStringLiteral("Plate");
        plate.gtin = QStringLiteral("4006381333931");
        plate.priceCents = 1500;
        QVERIFY(CatalogService(context).addProduct(plate));
        QVERIFY(StockService(context).receive(QStringLiteral("MUG"), QStringLiteral("LEEDS"), 20));
        QVERIFY(StockService(context).receive(QStringLiteral("PLATE"), QStringLiteral("LEEDS"), 20));
        m_numbers.clear();
        for (int i = 0; i < 2; ++i) {
            PlaceOrderRequest request;
            request.lines = {{QStringLiteral("MUG"), 1, {}}, {QStringLiteral("PLATE"), 1, {}}};
            request.customerName = QStringLiteral("Ada Lovelace");
            Result<PlacedOrder> placed = OrderService(context).place(request);
            QVERIFY(placed);
            m_numbers << placed->number;
        }
    }

    void cleanup() { m_scratch.reset(); }

    void fromPaymentToLabelAndReturn()
    {
        Session session(m_scratch->spec(), QStringLiteral("Sam"));
        QTRY_VERIFY_WITH_TIMEOUT(session.ready(), 10'000);
        OrderActions *actions = session.orderActions();
        actions->setOpenDocuments(false);
        actions->setDocumentFolder(m_dir.path());

        // Not paid: nothing is released, and the answer says so for each order.
        actions->release(m_numbers);
        QVERIFY(finished(actions));
        QVERIFY(actions->failed());
        QVERIFY2(actions->message().contains(QLatin1String("2 refused")), qPrintable(actions->message()));
        QVERIFY2(actions->message().contains(QLatin1String("not paid")), qPrintable(actions->message()));

        // Both paid and released at once (the bulk actions of a selection).
        actions->pay(m_numbers);
        QVERIFY(finished(actions));
        QVERIFY2(!actions->failed(), qPrintable(actions->message()));
        actions->release(m_numbers);
        QVERIFY(finished(actions));
        QVERIFY2(!actions->failed(), qPrintable(actions->message()));

        // Packing: a wrong item is refused loudly, a GTIN ticks the plate off, the SKU the mug.
        const QString first = m_numbers.first();
        QSignalSpy packing(actions, &OrderActions::packing);
        actions->scan(first, QStringLiteral("BOWL"));
        QVERIFY(packing.wait(10'000));
        QCOMPARE(packing.last().at(0).toBool(), false);
        QVERIFY(packing.last().at(1).toString().contains(QLatin1String("Wrong item")));
        actions->scan(first, QStringLiteral("04006381333931"));
        QVERIFY(packing.wait(10'000));
        QVERIFY2(packing.last().at(0).toBool(), qPrintable(packing.last().at(1).toString()));
        QCOMPARE(packing.last().at(5).toString(), QStringLiteral("PLATE"));
        actions->scan(first, QStringLiteral("mug"));
        QVERIFY(packing.wait(10'000));
        QCOMPARE(packing.last().at(3).toBool(), true); // complete
        QCOMPARE(packing.last().at(4).toString(), QStringLiteral("packed"));
        actions->scan(first, QStringLiteral("MUG"));
        QVERIFY(packing.wait(10'000));
        QCOMPARE(packing.last().at(0).toBool(), false);
        QVERIFY(packing.last().at(1).toString().contains(QLatin1String("Too many")));

        // A tracking number is checked as it is typed, and a wrong check digit cannot ship.
        QCOMPARE(
            actions->checkTracking(QStringLiteral("1Z5R89390357567127")).value(QStringLiteral("verdict")),
            QVariant(QStringLiteral("valid")));
        QCOMPARE(
            actions->checkTracking(QStringLiteral("1Z5R89390357567128")).value(QStringLiteral("verdict")),
            QVariant(QStringLiteral("invalid")));
        actions->ship(first, -1, QStringLiteral("UPS"), QStringLiteral("Ground"),
                      QStringLiteral("1Z5R89390357567128"), QStringLiteral("1.2"), true);
        QVERIFY(finished(actions));
        QVERIFY(actions->failed());
        // Shipped with a valid one: the label PDF follows (4×6 inch) and the history says who did what.
        actions->ship(first, -1, QStringLiteral("UPS"), QStringLiteral("Ground"),
                      QStringLiteral("1Z5R89390357567127"), QStringLiteral("1.2"), true);
        QVERIFY(finished(actions));
        QVERIFY2(!actions->failed(), qPrintable(actions->message()));
        QVERIFY(QFile::exists(actions->lastDocument()));
        QCOMPARE(Test::pdfPages(actions->lastDocument()), 1);

        const QString second = m_numbers.last();
        actions->ship(second, -1, QStringLiteral("Royal Mail"), {}, QStringLiteral("RR123456785GB"), {},
                      false);
        QVERIFY(finished(actions));
        QVERIFY2(!actions->failed(), qPrintable(actions->message()));
        actions->printLabels(m_numbers);
        QVERIFY(finished(actions));
        QVERIFY2(!actions->failed(), qPrintable(actions->message()));
        QCOMPARE(Test::pdfPages(actions->lastDocument()), 2); // one label per page

        OrderDetailController *detail = session.orderDetail();
        detail->setNumber(first);
        QTRY_VERIFY_WITH_TIMEOUT(detail->loaded(), 10'000);
        QCOMPARE(detail->shipments().size(), 1);
        QCOMPARE(detail->shipments().first().toMap().value(QStringLiteral("tracking")).toString(),
                 QStringLiteral("1Z5R89390357567127"));
        QStringList who;
        for (const QVariant &event : detail->history()) {
            who << event.toMap().value(QStringLiteral("user")).toString();
        }
        QCOMPARE(who,
                 (QStringList {QStringLiteral("seed"), QStringLiteral("Sam"), QStringLiteral("Sam"),
                               QStringLiteral("Sam"), QStringLiteral("Sam")}));

        // A return of one plate, restocked, then refunded; the detail follows by itself (live refresh).
        actions->createReturn(
            first,
            {QVariantMap {{QStringLiteral("sku"), QStringLiteral("PLATE")}, {QStringLiteral("qty"), 1}}},
            QStringLiteral("chipped"));
        QVERIFY(finished(actions));
        QVERIFY2(!actions->failed(), qPrintable(actions->message()));
        QTRY_COMPARE_WITH_TIMEOUT(detail->returns().size(), 1, 10'000);
        const QString rma = detail->returns().first().toMap().value(QStringLiteral("number")).toString();
        actions->receiveReturn(rma,
                               {QVariantMap {{QStringLiteral("sku"), QStringLiteral("PLATE")},
                                             {QStringLiteral("qty"), 1},
                                             {QStringLiteral("kind"), QStringLiteral("restock")},
                                             {QStringLiteral("location"), QStringLiteral("LEEDS")}}});
        QVERIFY(finished(actions));
        QVERIFY2(!actions->failed(), qPrintable(actions->message()));
        actions->refundReturn(rma);
        QVERIFY(finished(actions));
        QVERIFY2(!actions->failed(), qPrintable(actions->message()));
        QTRY_COMPARE_WITH_TIMEOUT(
            detail->returns().first().toMap().value(QStringLiteral("status")).toString(),
            QStringLiteral("refunded"), 10'000);

        // A carrier's file with one bad row is refused whole, naming the line; a good one delivers.
        QFile bad(m_dir.filePath(QStringLiteral("bad.csv")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("tracking_number,status,occurred_at\n1Z5R89390357567127,in_transit,2026-11-27T10:00:00Z\n"
                  "1Z5R89390357567127,teleported,2026-11-27T11:00:00Z\n");
        bad.close();
        actions->importTracking(QUrl::fromLocalFile(bad.fileName()));
        QVERIFY(finished(actions));
        QVERIFY(actions->failed());
        QVERIFY2(actions->message().contains(QLatin1String("bad.csv:3")), qPrintable(actions->message()));
        actions->addTrackingEvent(QStringLiteral("1Z5R89390357567127"), QStringLiteral("delivered"),
                                  QStringLiteral("Leeds"), {});
        QVERIFY(finished(actions));
        QVERIFY2(!actions->failed(), qPrintable(actions->message()));
        QTRY_COMPARE_WITH_TIMEOUT(
            detail->shipments().first().toMap().value(QStringLiteral("status")).toString(),
            QStringLiteral("delivered"), 10'000);
    }
};

QTEST_MAIN(TestOrderActions)
#include "tst_orderactions.moc"
