// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogservice.h"
#include "orderdetailcontroller.h"
#include "orderimportcontroller.h"
#include "orderimporter.h"
#include "ordermodel.h"
#include "session.h"
#include "skualiascontroller.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Stockroom;

/**
 * The Orders view's import of a shop's order file and its SKU aliases dialog, through the GUI's own objects
 * (session, database thread, change feed) on a real database and Shopify's real export: a preview shows the
 * counts and changes nothing, the import applies and the Orders view follows by itself, a malformed file's
 * problems are listed with their lines, mapping a waiting line lifts its order's hold and reserves, a line can
 * be dropped, and the lists follow what another connection commits.
 */
class TestOrderImportUi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db; ///< another desktop's connection (setup, checks, changes made elsewhere)
    QTemporaryDir m_dir;

    static QString shopifyFile() { return QStringLiteral(STOCKROOM_TESTDATA "/shopify/orders_export.csv"); }

    static bool ready(Session &session)
    {
        return QTest::qWaitFor([&session] { return session.ready() && session.live(); }, 20'000);
    }

    static bool idle(OrderImportController *controller)
    {
        return QTest::qWaitFor([controller] { return !controller->busy(); }, 30'000);
    }

    static bool idle(SkuAliasController *controller)
    {
        return QTest::qWaitFor([controller] { return !controller->busy() && !controller->loading(); },
                               20'000);
    }

    qint64 scalar(const QString &sql)
    {
        const Result<QVariant> value = m_db->scalar(sql);
        return value ? value->toLongLong() : -1;
    }

    QString statusOf(const QString &number)
    {
        const Result<std::optional<OrderHeader>> order = OrderRepository(*m_db).findByNumber(number);
        return order && *order ? (*order)->status : QString();
    }

    int reserved(const QString &sku)
    {
        const Result<QList<StockLevelRow>> levels
            = StockRepository(*m_db).levels(sku, QStringLiteral("LEEDS"));
        return levels && !levels->isEmpty() ? levels->first().reserved : -1;
    }

    /** Imports the Shopify sample as another desktop would (not through the controller). */
    bool importElsewhere()
    {
        ServiceContext context {*m_db, Clock(), QStringLiteral("Kim")};
        const Result<OrderImportReport> report = OrderImporter::run(context, {shopifyFile(), {}, {}, false});
        if (!report || !report->ok() || !report->outcome.applied) {
            qWarning("%s", report ? qPrintable(report->summary()) : qPrintable(report.error().message));
            return false;
        }
        return true;
    }

    /** The waiting line of this alias in the controller's list, or an empty map. */
    static QVariantMap waitingLine(const SkuAliasController *controller, const QString &order, int line)
    {
        for (const QVariant &value : controller->waiting()) {
            const QVariantMap entry = value.toMap();
            if (entry.value(QStringLiteral("order")).toString() == order
                && entry.value(QStringLiteral("line")).toInt() == line) {
                return entry;
            }
        }
        return {};
    }

    /**
     * A Shopify export written with the real header (column order and all): one row per line item, each a
     * map of column → value; every other cell empty.
     */
    QString writeShopify(const QString &name, const QList<QHash<QString, QString>> &rows)
    {
        QFile sample(shopifyFile());
        if (!sample.open(QIODevice::ReadOnly)) {
            return {};
        }
        const QByteArray header = sample.readLine().trimmed();
        const QStringList columns = QString::fromUtf8(header).split(QLatin1Char(','));
        QByteArray content = header + '\n';
        for (const QHash<QString, QString> &row : rows) {
            QStringList cells(columns.size());
            for (auto it = row.cbegin(); it != row.cend(); ++it) {
                cells[columns.indexOf(it.key())] = it.value();
            }
            content += cells.join(QLatin1Char(',')).toUtf8() + '\n';
        }
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
            return {};
        }
        return file.fileName();
    }

private Q_SLOTS:
    void init()
    {
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open(QStringLiteral("elsewhere"));
        QVERIFY(m_db);
        ServiceContext context {*m_db, Clock(), QStringLiteral("seed")};
        QVERIFY(Test::seedCatalog(context, {{QStringLiteral("LEEDS"), 10}}, {}));
        // Ours: the wax the Shopify file names otherwise, and two snowboards it names by our names.
        for (const auto &[sku, name] :
             {std::pair {"WAX", "Ski wax"}, std::pair {"SNOW-MIN", "The Minimal Snowboard"},
              std::pair {"SNOW-VID", "The Videographer Snowboard"}}) {
            ProductRecord product;
            product.sku = QString::fromLatin1(sku);
            product.name = QString::fromLatin1(name);
            product.priceCents = 2500;
            QVERIFY(CatalogService(context).addProduct(product));
        }
        QVERIFY(StockService(context).receive(QStringLiteral("WAX"), QStringLiteral("LEEDS"), 10));
        QVERIFY(StockService(context).receive(QStringLiteral("SNOW-MIN"), QStringLiteral("LEEDS"), 5));
    }

    void cleanup()
    {
        m_db.reset();
        m_scratch.reset();
    }

    void previewChangesNothingThenImportApplies()
    {
        Session session(m_scratch->spec(), QStringLiteral("Sam"));
        QVERIFY(ready(session));
        OrderImportController *importer = session.orderImport();
        QAbstractItemModelTester tester(importer->notices(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(session.orders()->rowCount(), 0);

        // Nothing chosen: nothing to preview or import.
        importer->preview();
        QVERIFY(!importer->busy());
        QVERIFY(!importer->message().isEmpty());
        QVERIFY(!importer->canImport());

        importer->setFileName(shopifyFile());
        QCOMPARE(importer->defaultChannel(), QString()); // not detected yet
        importer->preview();
        QVERIFY(importer->busy());
        QVERIFY(!importer->importing());
        QVERIFY(idle(importer));
        QVERIFY2(importer->message().isEmpty(), qPrintable(importer->message()));
        QCOMPARE(importer->problemCount(), 0);
        QVariantMap report = importer->report();
        QCOMPARE(report.value(QStringLiteral("formatName")).toString(), QStringLiteral("shopify"));
        QCOMPARE(report.value(QStringLiteral("detected")).toBool(), true);
        QCOMPARE(report.value(QStringLiteral("channel")).toString(), QStringLiteral("shopify"));
        QCOMPARE(importer->defaultChannel(), QStringLiteral("shopify"));
        QCOMPARE(report.value(QStringLiteral("rowsRead")).toInt(), 40);
        QCOMPARE(report.value(QStringLiteral("ordersNew")).toInt(), 13);
        QCOMPARE(report.value(QStringLiteral("ordersOnHold")).toInt(), 13);
        QCOMPARE(report.value(QStringLiteral("ordersSkipped")).toInt(), 6);
        QCOMPARE(report.value(QStringLiteral("lines")).toInt(), 23);
        QCOMPARE(report.value(QStringLiteral("linesSkipped")).toInt(), 17);
        QCOMPARE(report.value(QStringLiteral("applied")).toBool(), false);
        QCOMPARE(importer->unknownSkus().size(), 8);
        QVERIFY(importer->unknownSkus().contains(QStringLiteral("The Multi-location Snowboard")));
        QVERIFY(
            !importer->unknownSkus().contains(QStringLiteral("The Minimal Snowboard"))); // ours by its name
        // One notice per order on hold or skipped, in file order, with the kind in words.
        OrderImportNoticeModel *notices = importer->notices();
        QCOMPARE(notices->rowCount(), 19);
        const QModelIndex first = notices->index(0);
        QCOMPARE(first.data(OrderImportNoticeModel::KindRole).toString(), QStringLiteral("on_hold"));
        QCOMPARE(first.data(OrderImportNoticeModel::LineRole).toInt(), 2);
        QCOMPARE(first.data(OrderImportNoticeModel::ExternalIdRole).toString(), QStringLiteral("#1001"));
        QVERIFY(!first.data(OrderImportNoticeModel::KindTextRole).toString().isEmpty());
        QVERIFY(
            first.data(OrderImportNoticeModel::MessageRole).toString().contains(QLatin1String("Hydrogen")));
        const QModelIndex skipped = notices->index(7);
        QCOMPARE(skipped.data(OrderImportNoticeModel::KindRole).toString(), QStringLiteral("attention"));
        QCOMPARE(skipped.data(OrderImportNoticeModel::ExternalIdRole).toString(), QStringLiteral("#1008"));
        QCOMPARE(skipped.data(OrderImportNoticeModel::NumberRole).toString(), QString());
        // The preview changed nothing.
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM imports")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM order_unmatched_lines")), 0);
        QVERIFY(importer->canImport());

        // Another channel name makes the preview stale: preview again before importing.
        importer->setChannel(QStringLiteral("Shopify EU"));
        QVERIFY(importer->stale());
        QVERIFY(!importer->canImport());
        importer->runImport();
        QVERIFY(!importer->busy());
        QVERIFY(!importer->message().isEmpty());
        importer->setChannel(QString());
        QVERIFY(importer->canImport());

        QSignalSpy imported(importer, &OrderImportController::imported);
        importer->runImport();
        QVERIFY(importer->importing());
        QVERIFY(idle(importer));
        QVERIFY2(importer->message().isEmpty(), qPrintable(importer->message()));
        report = importer->report();
        QCOMPARE(report.value(QStringLiteral("applied")).toBool(), true);
        QVERIFY(report.value(QStringLiteral("importId")).toLongLong() > 0);
        QCOMPARE(report.value(QStringLiteral("ordersNew")).toInt(), 13);
        QCOMPARE(imported.size(), 1);
        QVERIFY(!importer->canImport()); // once: the next import needs a new preview
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders WHERE channel = 'shopify'")), 13);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders WHERE status = 'on_hold'")), 13);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM order_unmatched_lines")), 20);
        const QString number = notices->index(0).data(OrderImportNoticeModel::NumberRole).toString();
        QCOMPARE(statusOf(number), QStringLiteral("on_hold"));
        QVERIFY(Test::violations(*m_db).isEmpty());

        // The Orders view and the channel filter follow by themselves (change feed, no reload).
        QTRY_COMPARE_WITH_TIMEOUT(session.orders()->rowCount(), 13, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(session.channels().contains(QStringLiteral("shopify")), 10'000);

        // The same file again changes nothing.
        importer->preview();
        QVERIFY(idle(importer));
        QCOMPARE(importer->report().value(QStringLiteral("ordersNew")).toInt(), 0);
        QCOMPARE(importer->report().value(QStringLiteral("ordersUnchanged")).toInt(), 13);
    }

    void problemsOfAMalformedFileAreListedWithTheirLines()
    {
        const QHash<QString, QString> order {
            {QStringLiteral("Name"), QStringLiteral("#2001")},
            {QStringLiteral("Financial Status"), QStringLiteral("paid")},
            {QStringLiteral("Fulfillment Status"), QStringLiteral("unfulfilled")},
            {QStringLiteral("Currency"), QStringLiteral("EUR")},
            {QStringLiteral("Total"), QStringLiteral("50.00")},
            {QStringLiteral("Created at"), QStringLiteral("2025-05-11 09:55:16 -0400")},
            {QStringLiteral("Lineitem quantity"), QStringLiteral("2")},
            {QStringLiteral("Lineitem name"), QStringLiteral("Ski wax")},
            {QStringLiteral("Lineitem price"), QStringLiteral("25.00")},
            {QStringLiteral("Lineitem sku"), QStringLiteral("WAX")},
            {QStringLiteral("Lineitem requires shipping"), QStringLiteral("true")}};
        QHash<QString, QString> badQuantity = order;
        badQuantity[QStringLiteral("Name")] = QStringLiteral("#2002");
        badQuantity[QStringLiteral("Lineitem quantity")] = QStringLiteral("two");
        QHash<QString, QString> badDate = order;
        badDate[QStringLiteral("Name")] = QStringLiteral("#2003");
        badDate[QStringLiteral("Created at")] = QStringLiteral("yesterday");
        const QString file = writeShopify(QStringLiteral("bad.csv"), {order, badQuantity, badDate});
        QVERIFY(!file.isEmpty());

        Session session(m_scratch->spec(), QStringLiteral("Sam"));
        QVERIFY(ready(session));
        OrderImportController *importer = session.orderImport();
        importer->setFileName(file);
        importer->preview();
        QVERIFY(idle(importer));
        QCOMPARE(importer->problemCount(), 2);
        const QStringList problems = importer->problems();
        QCOMPARE(problems.size(), 2);
        QVERIFY2(problems.at(0).startsWith(QLatin1String("bad.csv:3: Lineitem quantity: ")),
                 qPrintable(problems.at(0)));
        QVERIFY2(problems.at(0).contains(QLatin1String("\"two\"")), qPrintable(problems.at(0)));
        QVERIFY2(problems.at(1).startsWith(QLatin1String("bad.csv:4: Created at: ")),
                 qPrintable(problems.at(1)));
        QVERIFY(!importer->canImport());
        importer->runImport();
        QVERIFY(!importer->busy());
        QVERIFY(!importer->message().isEmpty());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders")), 0);

        // The real Shopify export forced as Amazon's report: refused whole at its header; the channel would
        // have been the forced format's.
        importer->setFileName(shopifyFile());
        importer->setFormat(QStringLiteral("amazon"));
        QCOMPARE(importer->defaultChannel(), QStringLiteral("amazon"));
        importer->preview();
        QVERIFY(idle(importer));
        QCOMPARE(importer->problemCount(), 1);
        QVERIFY2(importer->problems().first().startsWith(QLatin1String("orders_export.csv:1")),
                 qPrintable(importer->problems().first()));
        QVERIFY(!importer->canImport());
        importer->setFormat(QStringLiteral("auto"));

        // A file that is no order export at all: refused whole, saying what was expected.
        QFile other(m_dir.filePath(QStringLiteral("products.csv")));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("sku,name,price\nWAX,Ski wax,25.00\n");
        other.close();
        importer->setFileName(other.fileName());
        importer->preview();
        QVERIFY(idle(importer));
        QCOMPARE(importer->problemCount(), 1);
        QVERIFY2(importer->problems().first().startsWith(QLatin1String("products.csv:1: ")),
                 qPrintable(importer->problems().first()));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders")), 0);
    }

    void mappingAWaitingLineLiftsTheHold()
    {
        QVERIFY(importElsewhere());
        Session session(m_scratch->spec(), QStringLiteral("Sam"));
        QVERIFY(ready(session));
        SkuAliasController *aliases = session.skuAliases();
        aliases->setActive(true);
        QVERIFY(idle(aliases));
        QCOMPARE(aliases->waiting().size(), 20);
        QVERIFY(aliases->aliases().isEmpty());
        // #1013 (ours SO-000011) waits for its wax only; its line names the item, not a SKU.
        const QString number = QStringLiteral("SO-000011");
        const QVariantMap line = waitingLine(aliases, number, 1);
        QCOMPARE(line.value(QStringLiteral("externalId")).toString(), QStringLiteral("#1013"));
        QCOMPARE(line.value(QStringLiteral("channel")).toString(), QStringLiteral("shopify"));
        QCOMPARE(line.value(QStringLiteral("qty")).toInt(), 1);
        const QString alias = line.value(QStringLiteral("alias")).toString();
        QCOMPARE(alias, QStringLiteral("Selling Plans Ski Wax - Selling Plans Ski Wax"));
        QCOMPARE(statusOf(number), QStringLiteral("on_hold"));

        // The order's detail says why it waits.
        OrderDetailController *detail = session.orderDetail();
        detail->setNumber(number);
        QTRY_COMPARE_WITH_TIMEOUT(detail->unmatched().size(), 1, 10'000);
        QCOMPARE(detail->unmatched().first().toMap().value(QStringLiteral("label")).toString(), alias);
        QCOMPARE(detail->header().value(QStringLiteral("externalId")).toString(), QStringLiteral("#1013"));
        QVERIFY(!detail->header().value(QStringLiteral("channelState")).toString().isEmpty());

        // The picker finds our wax by part of its name or SKU, with what is available.
        aliases->findProducts(QStringLiteral("wa"));
        QTRY_COMPARE_WITH_TIMEOUT(aliases->productSearch(), QStringLiteral("wa"), 10'000);
        QCOMPARE(aliases->productMatches().size(), 1);
        QCOMPARE(aliases->productMatches().first().toMap().value(QStringLiteral("sku")).toString(),
                 QStringLiteral("WAX"));
        QCOMPARE(aliases->productMatches().first().toMap().value(QStringLiteral("available")).toInt(), 10);
        aliases->findProducts(QStringLiteral("minimal"));
        QTRY_COMPARE_WITH_TIMEOUT(aliases->productSearch(), QStringLiteral("minimal"), 10'000);
        QCOMPARE(aliases->productMatches().size(), 1);
        QCOMPARE(aliases->productMatches().first().toMap().value(QStringLiteral("sku")).toString(),
                 QStringLiteral("SNOW-MIN"));

        // An unknown SKU of ours is refused, with why.
        aliases->map(QStringLiteral("shopify"), alias, QStringLiteral("NOPE"), false);
        QVERIFY(idle(aliases));
        QVERIFY(aliases->failed());
        QVERIFY2(aliases->message().contains(QLatin1String("NOPE")), qPrintable(aliases->message()));

        // Mapped for Shopify: every line naming it is resolved, the order comes off hold and reserves.
        const int before = reserved(QStringLiteral("WAX"));
        QSignalSpy finished(aliases, &SkuAliasController::finished);
        aliases->map(QStringLiteral("shopify"), alias, QStringLiteral("WAX"), false);
        QVERIFY(aliases->busy());
        QVERIFY(idle(aliases));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY2(!aliases->failed(), qPrintable(aliases->message()));
        QVERIFY2(aliases->message().contains(QLatin1String("5")), qPrintable(aliases->message()));
        QCOMPARE(statusOf(number), QStringLiteral("allocated"));
        QVERIFY(reserved(QStringLiteral("WAX")) > before);
        QTRY_COMPARE_WITH_TIMEOUT(aliases->waiting().size(), 15, 10'000);
        QVERIFY(waitingLine(aliases, number, 1).isEmpty());
        QCOMPARE(aliases->aliases().size(), 1);
        const QVariantMap saved = aliases->aliases().first().toMap();
        QCOMPARE(saved.value(QStringLiteral("channel")).toString(), QStringLiteral("shopify"));
        QCOMPARE(saved.value(QStringLiteral("alias")).toString(), alias);
        QCOMPARE(saved.value(QStringLiteral("sku")).toString(), QStringLiteral("WAX"));
        QCOMPARE(saved.value(QStringLiteral("by")).toString(), QStringLiteral("Sam"));
        QTRY_VERIFY_WITH_TIMEOUT(detail->unmatched().isEmpty(), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(detail->lines().size(), 1, 10'000);
        QVERIFY(Test::violations(*m_db).isEmpty());

        // For every channel: an alias without a channel.
        aliases->map(QStringLiteral("shopify"), QStringLiteral("The Multi-location Snowboard"),
                     QStringLiteral("SNOW-MIN"), true);
        QVERIFY(idle(aliases));
        QVERIFY2(!aliases->failed(), qPrintable(aliases->message()));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM sku_aliases WHERE channel = ''")), 1);

        // Removed again: lines already mapped stay mapped.
        aliases->removeAlias(QStringLiteral("shopify"), alias);
        QVERIFY(idle(aliases));
        QVERIFY2(!aliases->failed(), qPrintable(aliases->message()));
        QCOMPARE(aliases->aliases().size(), 1);
        QCOMPARE(statusOf(number), QStringLiteral("allocated"));
    }

    void droppingALine()
    {
        QVERIFY(importElsewhere());
        Session session(m_scratch->spec(), QStringLiteral("Sam"));
        QVERIFY(ready(session));
        SkuAliasController *aliases = session.skuAliases();
        // One order's lines only, as the order's detail opens the dialog: #1006 waits for two.
        aliases->setOrderNumber(QStringLiteral("SO-000006"));
        aliases->setActive(true);
        QVERIFY(idle(aliases));
        QCOMPARE(aliases->waiting().size(), 2);
        QCOMPARE(statusOf(QStringLiteral("SO-000006")), QStringLiteral("on_hold"));

        aliases->dropLine(QStringLiteral("SO-000006"), 2);
        QVERIFY(idle(aliases));
        QVERIFY2(!aliases->failed(), qPrintable(aliases->message()));
        QCOMPARE(aliases->waiting().size(), 1);
        QCOMPARE(statusOf(QStringLiteral("SO-000006")), QStringLiteral("on_hold")); // one still waits
        // A line that waits no more: refused, with why.
        aliases->dropLine(QStringLiteral("SO-000006"), 2);
        QVERIFY(idle(aliases));
        QVERIFY(aliases->failed());
        // The last one: off hold.
        aliases->dropLine(QStringLiteral("SO-000006"), 3);
        QVERIFY(idle(aliases));
        QVERIFY2(!aliases->failed(), qPrintable(aliases->message()));
        QVERIFY(aliases->waiting().isEmpty());
        QVERIFY(statusOf(QStringLiteral("SO-000006")) != QLatin1String("on_hold"));
        QVERIFY(Test::violations(*m_db).isEmpty());
    }

    void listsFollowAnotherConnection()
    {
        Session session(m_scratch->spec(), QStringLiteral("Sam"));
        QVERIFY(ready(session));
        SkuAliasController *aliases = session.skuAliases();
        aliases->setActive(true);
        QVERIFY(idle(aliases));
        QVERIFY(aliases->waiting().isEmpty());

        // Another desktop imports: the waiting lines appear.
        QVERIFY(importElsewhere());
        QTRY_COMPARE_WITH_TIMEOUT(aliases->waiting().size(), 20, 10'000);

        // …maps one: its lines go, the alias appears.
        ServiceContext context {*m_db, Clock(), QStringLiteral("Kim")};
        OrderImportService service(context);
        QVERIFY(service.setAlias(QStringLiteral("shopify"), QStringLiteral("The Multi-location Snowboard"),
                                 QStringLiteral("SNOW-MIN")));
        QTRY_COMPARE_WITH_TIMEOUT(aliases->waiting().size(), 16, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(aliases->aliases().size(), 1, 10'000);
        QCOMPARE(aliases->aliases().first().toMap().value(QStringLiteral("by")).toString(),
                 QStringLiteral("Kim"));

        // …drops a line: it goes.
        QVERIFY(service.dropUnmatchedLine(QStringLiteral("SO-000010"), 1));
        QTRY_COMPARE_WITH_TIMEOUT(aliases->waiting().size(), 15, 10'000);

        // Closed, the dialog follows nothing; opened again, it is up to date.
        aliases->setActive(false);
        QVERIFY(
            service.removeAlias(QStringLiteral("shopify"), QStringLiteral("The Multi-location Snowboard")));
        QTest::qWait(300);
        QCOMPARE(aliases->aliases().size(), 1);
        aliases->setActive(true);
        QTRY_VERIFY_WITH_TIMEOUT(aliases->aliases().isEmpty(), 10'000);
    }
};

QTEST_MAIN(TestOrderImportUi)
#include "tst_orderimportui.moc"
