// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogservice.h"
#include "csvreader.h"
#include "dataexport.h"
#include "orderimport.h"
#include "orderservice.h"
#include "orderstatus.h"
#include "productimport.h"
#include "productimporter.h"
#include "stockrepository.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <algorithm>

using namespace Stockroom;

/**
 * The CSV exports (orders, stock, ledger, products) on seeded data: exact headers, rows, --since,
 * keyset paging, quoting of hostile cells, the round trips through ProductImport, and the command line.
 */
class TestExport : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ServiceContext> m_context;
    QDateTime m_now {QDate(2025, 5, 1), QTime(9, 0), QTimeZone::utc()};

    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    Run ctl(const QStringList &arguments)
    {
        QProcess process;
        process.setProgram(QStringLiteral(STOCKROOMCTL));
        process.setArguments(QStringList {QStringLiteral("--db"), m_scratch->connectionString()} + arguments);
        process.start();
        if (!process.waitForFinished(120'000)) {
            return {};
        }
        return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    }

    /** The export as records (header first). */
    QList<QStringList> exported(DataExport::Kind kind, const QString &since = {}, int pageSize = 0)
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        const Result<ExportSummary> summary = DataExport::write(*m_context, kind, buffer, since, pageSize);
        if (!summary) {
            qWarning("export failed: %s", qPrintable(summary.error().message));
            return {};
        }
        const CsvContent content = CsvReader().parse(buffer.data());
        if (!content.ok()) {
            qWarning("the export is not CSV: %s", qPrintable(content.error));
            return {};
        }
        QList<QStringList> records;
        for (const CsvRecord &record : content.records) {
            records << record.fields;
        }
        if (records.size() != summary->rows + 1) {
            qWarning("%lld rows counted, %lld written", qlonglong(summary->rows),
                     qlonglong(records.size() - 1));
            return {};
        }
        return records;
    }

    QByteArray exportedBytes(DataExport::Kind kind)
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        if (!DataExport::write(*m_context, kind, buffer)) {
            return {};
        }
        return buffer.data();
    }

    /** Products SKU-A … SKU-C at LEEDS (routing first) and BRISTOL. */
    bool seed()
    {
        return Test::seedCatalog(*m_context, {{QStringLiteral("LEEDS"), 1}, {QStringLiteral("BRISTOL"), 2}},
                                 {QStringLiteral("SKU-A"), QStringLiteral("SKU-B"), QStringLiteral("SKU-C")});
    }

    bool receive(const QString &sku, const QString &location, int qty)
    {
        const Result<StockLevelRow> level = StockService(*m_context).receive(sku, location, qty);
        if (!level) {
            qWarning("receive: %s", qPrintable(level.error().message));
        }
        return level.ok();
    }

    Result<PlacedOrder> place(const QList<OrderLineRequest> &lines,
                              const QString &customer = QStringLiteral("Ada"))
    {
        PlaceOrderRequest request;
        request.lines = lines;
        request.customerName = customer;
        request.customerEmail = QStringLiteral("ada@example.org");
        request.shipPostcode = QStringLiteral("LS1 4AP");
        request.shipRegion = QStringLiteral("West Yorkshire");
        request.paymentStatus = QStringLiteral("paid"); // so that it may ship
        return OrderService(*m_context).place(request);
    }

    static OrderLineRequest line(const QString &sku, int qty, std::optional<qint64> unitPriceCents = {})
    {
        OrderLineRequest request;
        request.sku = sku;
        request.qty = qty;
        request.unitPriceCents = unitPriceCents;
        return request;
    }

    static int column(const QList<QStringList> &records, const QString &name)
    {
        return int(records.value(0).indexOf(name));
    }

private Q_SLOTS:
    void init()
    {
        m_now = QDateTime(QDate(2025, 5, 1), QTime(9, 0), QTimeZone::utc());
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open();
        QVERIFY(m_db);
        m_context = std::make_unique<ServiceContext>(
            ServiceContext {*m_db, Clock([this]() { return m_now; }), QStringLiteral("tester")});
        QVERIFY(seed());
    }

    void cleanup()
    {
        m_context.reset();
        m_db.reset();
        m_scratch.reset();
    }

    void guardFormula_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("guarded");
        QTest::addRow("formula") << QStringLiteral("=1+2") << QStringLiteral("'=1+2");
        QTest::addRow("hyperlink") << QStringLiteral("=HYPERLINK(\"http://x\")")
                                   << QStringLiteral("'=HYPERLINK(\"http://x\")");
        QTest::addRow("plus word") << QStringLiteral("+cmd") << QStringLiteral("'+cmd");
        QTest::addRow("minus word") << QStringLiteral("-20% off") << QStringLiteral("'-20% off");
        QTest::addRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
        QTest::addRow("tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
        QTest::addRow("negative number") << QStringLiteral("-5") << QStringLiteral("-5");
        QTest::addRow("signed decimal") << QStringLiteral("+3.50") << QStringLiteral("+3.50");
        QTest::addRow("plain") << QStringLiteral("Blue mug") << QStringLiteral("Blue mug");
        QTest::addRow("inner equals") << QStringLiteral("a=b") << QStringLiteral("a=b");
        QTest::addRow("empty") << QString() << QString();
    }

    void guardFormula()
    {
        QFETCH(QString, cell);
        QFETCH(QString, guarded);
        QCOMPARE(CsvWriter::guardFormula(cell), guarded);
        QCOMPARE(CsvWriter::unguardFormula(guarded), cell);
    }

    void restartEmptiesTheFile()
    {
        // A transaction run again writes its rows again: the file starts over rather than growing.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("again.csv"));
        QSaveFile save(file);
        QVERIFY(save.open(QIODevice::WriteOnly));
        CsvWriter csv(save);
        QVERIFY(csv.line(QStringLiteral("first,attempt")));
        QVERIFY(csv.flush());
        QVERIFY(csv.restart());
        csv.text(QStringLiteral("second")).number(2);
        QVERIFY(csv.endRow());
        QVERIFY(csv.flush());
        QVERIFY(save.commit());
        QFile read(file);
        QVERIFY(read.open(QIODevice::ReadOnly));
        QCOMPARE(read.readAll(), QByteArray("second,2\r\n"));
    }

    void ordersHeaderAndRows()
    {
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), 5));
        const Result<PlacedOrder> placed
            = place({line(QStringLiteral("SKU-A"), 2, 1250), line(QStringLiteral("SKU-B"), 1)});
        QVERIFY2(placed, qPrintable(placed.error().message));

        const QList<QStringList> records = exported(DataExport::Kind::Orders);
        QCOMPARE(
            records.value(0).join(u','),
            QStringLiteral("order,channel,external_id,placed_at,status,payment_status,customer,email,address,"
                           "postcode,region,total,paid,refunded,line,sku,name,qty,unit_price,qty_shipped,"
                           "qty_cancelled,note"));
        QCOMPARE(records.size(), 3); // one row per line
        const QStringList first = records.at(1);
        QCOMPARE(first.value(0), placed->number);
        QCOMPARE(first.value(column(records, QStringLiteral("channel"))), QStringLiteral("manual"));
        QCOMPARE(first.value(column(records, QStringLiteral("placed_at"))),
                 QStringLiteral("2025-05-01T09:00:00.000Z"));
        QCOMPARE(first.value(column(records, QStringLiteral("status"))), placed->status);
        QCOMPARE(first.value(column(records, QStringLiteral("customer"))), QStringLiteral("Ada"));
        QCOMPARE(first.value(column(records, QStringLiteral("email"))), QStringLiteral("ada@example.org"));
        QCOMPARE(first.value(column(records, QStringLiteral("postcode"))), QStringLiteral("LS1 4AP"));
        QCOMPARE(first.value(column(records, QStringLiteral("region"))), QStringLiteral("West Yorkshire"));
        QCOMPARE(first.value(column(records, QStringLiteral("total"))),
                 QStringLiteral("35.00")); // 2 × 12.50 + 10.00
        QCOMPARE(first.value(column(records, QStringLiteral("payment_status"))), QStringLiteral("paid"));
        QCOMPARE(first.value(column(records, QStringLiteral("paid"))), QStringLiteral("35.00"));
        QCOMPARE(first.value(column(records, QStringLiteral("refunded"))), QStringLiteral("0.00"));
        QCOMPARE(first.value(column(records, QStringLiteral("line"))), QStringLiteral("1"));
        QCOMPARE(first.value(column(records, QStringLiteral("sku"))), QStringLiteral("SKU-A"));
        QCOMPARE(first.value(column(records, QStringLiteral("name"))), QStringLiteral("Product SKU-A"));
        QCOMPARE(first.value(column(records, QStringLiteral("qty"))), QStringLiteral("2"));
        QCOMPARE(first.value(column(records, QStringLiteral("unit_price"))), QStringLiteral("12.50"));
        QCOMPARE(first.value(column(records, QStringLiteral("qty_shipped"))), QStringLiteral("0"));
        const QStringList second = records.at(2);
        QCOMPARE(second.value(0), placed->number);
        QCOMPARE(second.value(column(records, QStringLiteral("line"))), QStringLiteral("2"));
        QCOMPARE(second.value(column(records, QStringLiteral("sku"))), QStringLiteral("SKU-B"));
        QCOMPARE(second.value(column(records, QStringLiteral("unit_price"))), QStringLiteral("10.00"));

        // Shipped and cancelled units are the line's.
        QVERIFY(OrderService(*m_context).ship(placed->number));
        const QList<QStringList> after = exported(DataExport::Kind::Orders);
        QCOMPARE(after.at(1).value(column(after, QStringLiteral("qty_shipped"))), QStringLiteral("2"));
    }

    void ordersOfUnknownSkusKeepTheirLines()
    {
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), 5));
        PlaceOrderRequest request;
        request.channel = QStringLiteral("shopify");
        request.externalId = QStringLiteral("#1001");
        request.customerName = QStringLiteral("Grace");
        request.customerAddress = QStringLiteral("1 Main St, Leeds");
        request.note = QStringLiteral("Leave at the door,\nplease");
        request.lines = {line(QStringLiteral("SKU-A"), 1, 500)};
        request.unmatched = {{QStringLiteral("SHOP-99"), QStringLiteral("Snowboard - Blue / M"), 2, 700}};
        request.holdReason = QStringLiteral("unknown SKU");
        const Result<PlacedOrder> placed = OrderService(*m_context).place(request);
        QVERIFY2(placed, qPrintable(placed.error().message));

        const QList<QStringList> records = exported(DataExport::Kind::Orders);
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.at(1).value(column(records, QStringLiteral("sku"))), QStringLiteral("SKU-A"));
        QCOMPARE(records.at(2).value(column(records, QStringLiteral("sku"))), QStringLiteral("SHOP-99"));
        QCOMPARE(records.at(2).value(column(records, QStringLiteral("name"))),
                 QStringLiteral("Snowboard - Blue / M"));
        QCOMPARE(records.at(2).value(column(records, QStringLiteral("qty"))), QStringLiteral("2"));
        QCOMPARE(records.at(2).value(column(records, QStringLiteral("unit_price"))), QStringLiteral("7.00"));
        QCOMPARE(records.at(1).value(column(records, QStringLiteral("external_id"))),
                 QStringLiteral("#1001"));
        QCOMPARE(records.at(1).value(column(records, QStringLiteral("address"))),
                 QStringLiteral("1 Main St, Leeds"));
        QCOMPARE(records.at(1).value(column(records, QStringLiteral("note"))),
                 QStringLiteral("Leave at the door,\nplease"));
    }

    void ordersReadBackAsOurOrdersFile()
    {
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), 5));
        PlaceOrderRequest request;
        request.channel = QStringLiteral("web");
        request.externalId = QStringLiteral("W-7");
        request.customerName = QStringLiteral("=Mallory");
        request.paymentStatus = QStringLiteral("paid");
        request.lines = {line(QStringLiteral("SKU-A"), 2, 1250), line(QStringLiteral("SKU-B"), 1, 300)};
        QVERIFY(OrderService(*m_context).place(request));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("orders.csv"));
        QVERIFY(DataExport::writeFile(*m_context, DataExport::Kind::Orders, file));

        OrderFileReader reader(file, OrderFileFormat::Stockroom);
        QVERIFY2(reader.open(), qPrintable(reader.problems().value(0).toString()));
        const std::optional<ImportedOrder> order = reader.next();
        QVERIFY2(order, qPrintable(reader.problems().value(0).toString()));
        QCOMPARE(order->externalId, QStringLiteral("W-7"));
        QCOMPARE(order->paymentStatus, QStringLiteral("paid"));
        QCOMPARE(order->lines.size(), 2);
        QCOMPARE(order->lines.at(0).sku, QStringLiteral("SKU-A"));
        QCOMPARE(order->lines.at(0).qty, 2);
        QCOMPARE(order->lines.at(0).unitPriceCents, 1250);
        QVERIFY(!reader.next());
        QVERIFY2(reader.ok(), qPrintable(reader.problems().value(0).toString()));
    }

    void ordersSincePlacedOrUpdated()
    {
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), 10));
        const Result<PlacedOrder> early = place({line(QStringLiteral("SKU-A"), 1)});
        QVERIFY(early);
        m_now = m_now.addDays(10);
        const Result<PlacedOrder> late = place({line(QStringLiteral("SKU-A"), 1)});
        QVERIFY(late);

        const Result<QString> since = ExportService::sinceFrom(QStringLiteral("2025-05-05"));
        QVERIFY(since);
        QCOMPARE(*since, QStringLiteral("2025-05-05T00:00:00.000Z"));
        QList<QStringList> records = exported(DataExport::Kind::Orders, *since);
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(1).value(0), late->number);

        // The early order changes later: an export since then has it again.
        m_now = m_now.addDays(2);
        QVERIFY(OrderService(*m_context).cancel(early->number));
        const Result<QString> sinceCancel = ExportService::sinceFrom(QStringLiteral("2025-05-12T00:00:00Z"));
        QVERIFY(sinceCancel);
        records = exported(DataExport::Kind::Orders, *sinceCancel);
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(1).value(0), early->number);
        QCOMPARE(records.at(1).value(column(records, QStringLiteral("status"))), QStringLiteral("cancelled"));
        QCOMPARE(records.at(1).value(column(records, QStringLiteral("qty_cancelled"))), QStringLiteral("1"));

        // An offset is turned into UTC; text that is no date is refused.
        const Result<QString> offset = ExportService::sinceFrom(QStringLiteral("2025-05-12T02:00:00+02:00"));
        QVERIFY(offset);
        QCOMPARE(*offset, QStringLiteral("2025-05-12T00:00:00.000Z"));
        QVERIFY(!ExportService::sinceFrom(QStringLiteral("yesterday")));
        QVERIFY(!ExportService::sinceFrom(QStringLiteral("2025-13-01")));
    }

    void ordersAcrossPages()
    {
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), 50));
        QVERIFY(receive(QStringLiteral("SKU-B"), QStringLiteral("LEEDS"), 50));
        QStringList numbers;
        for (int i = 0; i < 7; ++i) {
            const Result<PlacedOrder> placed
                = place({line(QStringLiteral("SKU-A"), 1), line(QStringLiteral("SKU-B"), i + 1)});
            QVERIFY(placed);
            numbers << placed->number << placed->number;
        }
        const QList<QStringList> whole = exported(DataExport::Kind::Orders);
        // Page size 5 reads one order a page: the same rows in the same order.
        const QList<QStringList> paged = exported(DataExport::Kind::Orders, {}, 5);
        QCOMPARE(paged, whole);
        QStringList exportedNumbers;
        for (qsizetype i = 1; i < paged.size(); ++i) {
            exportedNumbers << paged.at(i).value(0);
        }
        QCOMPARE(exportedNumbers, numbers);
    }

    void stockHeaderRowsAndRoundTrip()
    {
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), 7));
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("BRISTOL"), 3));
        QVERIFY(receive(QStringLiteral("SKU-B"), QStringLiteral("BRISTOL"), 4));
        QVERIFY(place({line(QStringLiteral("SKU-A"), 2)}));
        QVERIFY(CatalogService(*m_context)
                    .setStockSettings(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"),
                                      QStringLiteral("A-01"), 3, 10));

        const QList<QStringList> records = exported(DataExport::Kind::Stock);
        QCOMPARE(
            records.value(0).join(u','),
            QStringLiteral("sku,location,on_hand,reserved,available,bin,reorder_point,reorder_qty,avg_cost"));
        // By SKU, then the locations in routing order (as `stock` lists them).
        QCOMPARE(records.size(), 4);
        QCOMPARE(records.at(1),
                 (QStringList {QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), QStringLiteral("7"),
                               QStringLiteral("2"), QStringLiteral("5"), QStringLiteral("A-01"),
                               QStringLiteral("3"), QStringLiteral("10"), QStringLiteral("0.00")}));
        QCOMPARE(records.at(2).mid(0, 6),
                 (QStringList {QStringLiteral("SKU-A"), QStringLiteral("BRISTOL"), QStringLiteral("3"),
                               QStringLiteral("0"), QStringLiteral("3"), QString()}));
        QCOMPARE(records.at(3).mid(0, 3),
                 (QStringList {QStringLiteral("SKU-B"), QStringLiteral("BRISTOL"), QStringLiteral("4")}));
        QCOMPARE(exported(DataExport::Kind::Stock, {}, 1), records); // a row a page

        // The stock export is a stock file: it reads as one, found by its header or named.
        const QByteArray bytes = exportedBytes(DataExport::Kind::Stock);
        const ProductImportPlan plan = ProductImport::parse(bytes, QStringLiteral("stock.csv"));
        QVERIFY2(plan.ok(), qPrintable(plan.problems.value(0).toString()));
        QCOMPARE(plan.format, ProductFileFormat::StockroomStock);
        QVERIFY(
            ProductImport::parse(bytes, QStringLiteral("stock.csv"), ProductFileFormat::StockroomStock).ok());

        // Round trip: the counts change, the export brings them back.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("stock.csv"));
        QVERIFY(DataExport::writeFile(*m_context, DataExport::Kind::Stock, file));
        QVERIFY(StockService(*m_context)
                    .adjust(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), 4, QStringLiteral("found")));
        QVERIFY(
            StockService(*m_context)
                .adjust(QStringLiteral("SKU-B"), QStringLiteral("BRISTOL"), -1, QStringLiteral("broken")));
        ProductImportRequest request;
        request.fileName = file;
        request.format = ProductFileFormat::StockroomStock;
        const Result<ProductImportReport> report = ProductImporter::run(*m_context, request);
        QVERIFY2(report, qPrintable(report.error().message));
        QVERIFY2(report->outcome.problems.isEmpty(), qPrintable(report->outcome.problems.join(u'\n')));
        QCOMPARE(report->outcome.stockChanged, 2);
        QCOMPARE(exported(DataExport::Kind::Stock), records);
        QVERIFY2(Test::violations(*m_db).isEmpty(), qPrintable(Test::violations(*m_db).join(u'\n')));
    }

    void productsRoundTripWithHostileText()
    {
        CatalogService catalog(*m_context);
        const QStringList names {
            QStringLiteral("Mug, blue"),  QStringLiteral("The \"big\" one"),
            QStringLiteral("Two\nlines"), QStringLiteral("=HYPERLINK(\"http://evil\",\"x\")"),
            QStringLiteral("-20% off"),   QStringLiteral("+1 cable"),
            QStringLiteral("@handle"),    QStringLiteral("Ünïcödé ☕")};
        for (qsizetype i = 0; i < names.size(); ++i) {
            ProductRecord product;
            product.sku = QStringLiteral("H-%1").arg(i);
            product.name = names.at(i);
            product.unitCostCents = 199 + i;
            product.priceCents = 1000 * i + 5;
            product.weightGrams = 250;
            product.active = i % 2 == 0;
            if (i == 0) {
                product.gtin = QStringLiteral("4006381333931");
            }
            const Result<qint64> added = catalog.addProduct(product);
            QVERIFY2(added, qPrintable(added.error().message));
        }
        ProductRecord formulaSku;
        formulaSku.sku = QStringLiteral("=SKU");
        formulaSku.name = QStringLiteral("A SKU like a formula");
        QVERIFY(catalog.addProduct(formulaSku));

        const QByteArray bytes = exportedBytes(DataExport::Kind::Products);
        QVERIFY(bytes.startsWith("sku,name,gtin,unit_cost,price,weight_grams,active\r\n"));
        // RFC 4180 quoting, and the spreadsheet formulas made text.
        QVERIFY(bytes.contains("H-0,\"Mug, blue\",4006381333931,1.99,0.05,250,1\r\n"));
        QVERIFY(bytes.contains("H-1,\"The \"\"big\"\" one\",,2.00,10.05,250,0\r\n"));
        QVERIFY(bytes.contains("H-2,\"Two\nlines\","));
        QVERIFY(bytes.contains("H-3,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","));
        QVERIFY(bytes.contains("H-4,'-20% off,"));
        QVERIFY(bytes.contains("H-5,'+1 cable,"));
        QVERIFY(bytes.contains("H-6,'@handle,"));
        QVERIFY(bytes.contains("'=SKU,A SKU like a formula,"));
        QVERIFY(bytes.contains(QStringLiteral("H-7,Ünïcödé ☕,").toUtf8()));
        QVERIFY(!bytes.contains("\n=") && !bytes.contains(",="));

        // Our products reader takes it back as it was.
        const ProductImportPlan plan = ProductImport::parse(bytes, QStringLiteral("products.csv"));
        QVERIFY2(plan.ok(), qPrintable(plan.problems.value(0).toString()));
        QCOMPARE(plan.format, ProductFileFormat::Stockroom);
        const Result<QList<ProductRecord>> stored
            = m_db->read<QList<ProductRecord>>([&]() { return CatalogRepository(*m_db).products(); });
        QVERIFY(stored);
        QCOMPARE(plan.products.size(), stored->size());
        for (const ImportedProduct &imported : plan.products) {
            const auto product = std::find_if(stored->cbegin(), stored->cend(),
                                              [&](const ProductRecord &p) { return p.sku == imported.sku; });
            QVERIFY2(product != stored->cend(), qPrintable(imported.sku));
            QCOMPARE(imported.name, product->name);
            QCOMPARE(imported.gtin, product->gtin);
            QCOMPARE(imported.unitCostCents.value_or(-1), product->unitCostCents);
            QCOMPARE(imported.priceCents.value_or(-1), product->priceCents);
            QCOMPARE(imported.weightGrams.value_or(-1), product->weightGrams);
            QCOMPARE(imported.active.value_or(!product->active), product->active);
        }

        // And a changed product comes back by importing the export.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("products.csv"));
        QVERIFY(DataExport::writeFile(*m_context, DataExport::Kind::Products, file));
        ProductRecord changed = *std::find_if(stored->cbegin(), stored->cend(), [](const ProductRecord &p) {
            return p.sku == QLatin1String("H-3");
        });
        changed.name = QStringLiteral("Renamed");
        changed.priceCents = 1;
        changed.updatedAt.clear();
        QVERIFY(catalog.updateProduct(changed));
        ProductImportRequest request;
        request.fileName = file;
        const Result<ProductImportReport> report = ProductImporter::run(*m_context, request);
        QVERIFY2(report, qPrintable(report.error().message));
        QVERIFY2(report->outcome.problems.isEmpty(), qPrintable(report->outcome.problems.join(u'\n')));
        QCOMPARE(report->outcome.productsUpdated, 1);
        QCOMPARE(report->outcome.productsCreated, 0);
        QCOMPARE(exportedBytes(DataExport::Kind::Products), bytes);
    }

    void hostileOrderTextIsQuotedAndGuarded()
    {
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), 5));
        PlaceOrderRequest request;
        request.customerName = QStringLiteral("=cmd|' /C calc'!A0");
        request.customerEmail = QStringLiteral("@evil.example");
        request.note = QStringLiteral("\"quoted\", with comma\r\nand CRLF");
        request.lines = {line(QStringLiteral("SKU-A"), 1)};
        QVERIFY(OrderService(*m_context).place(request));
        const QByteArray bytes = exportedBytes(DataExport::Kind::Orders);
        QVERIFY(bytes.contains(",'=cmd|' /C calc'!A0,'@evil.example,"));
        QVERIFY(bytes.endsWith(",\"\"\"quoted\"\", with comma\r\nand CRLF\"\r\n"));
        const QList<QStringList> records = exported(DataExport::Kind::Orders);
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(1).size(), records.at(0).size());
        // The reader hands line breaks back as \n.
        QCOMPARE(records.at(1).constLast(), QStringLiteral("\"quoted\", with comma\nand CRLF"));
    }

    void ledgerRowsReferencesAndSince()
    {
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), 5));
        m_now = m_now.addDays(1);
        const Result<PlacedOrder> placed = place({line(QStringLiteral("SKU-A"), 2)});
        QVERIFY(placed);
        m_now = m_now.addDays(1);
        QVERIFY(OrderService(*m_context).ship(placed->number));
        QVERIFY(StockService(*m_context)
                    .adjust(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), -1,
                            QStringLiteral("=broken, dropped")));

        const QList<QStringList> records = exported(DataExport::Kind::Ledger);
        QCOMPARE(records.value(0).join(u','),
                 QStringLiteral(
                     "id,created_at,sku,location,delta_on_hand,delta_reserved,reason,reference,note,user"));
        QCOMPARE(records.size(), 5); // receipt, reserve, ship, adjust
        QCOMPARE(records.at(1).mid(1, 8),
                 (QStringList {QStringLiteral("2025-05-01T09:00:00.000Z"), QStringLiteral("SKU-A"),
                               QStringLiteral("LEEDS"), QStringLiteral("5"), QStringLiteral("0"),
                               QStringLiteral("receipt"), QString(), QString()}));
        QCOMPARE(records.at(1).value(9), QStringLiteral("tester"));
        QCOMPARE(records.at(2).value(6), QStringLiteral("reserve"));
        QCOMPARE(records.at(2).value(7), placed->number);
        QCOMPARE(records.at(3).value(6), QStringLiteral("ship"));
        QCOMPARE(records.at(3).value(4), QStringLiteral("-2"));
        QCOMPARE(records.at(3).value(5), QStringLiteral("-2"));
        QCOMPARE(records.at(3).value(7), placed->number); // the shipment, known by its order
        // A note that a spreadsheet would run is made text, and comes back whole through unguardFormula.
        QCOMPARE(records.at(4).value(8), QStringLiteral("'=broken, dropped"));
        QCOMPARE(CsvWriter::unguardFormula(records.at(4).value(8)), QStringLiteral("=broken, dropped"));
        // Ids ascend.
        for (qsizetype i = 2; i < records.size(); ++i) {
            QVERIFY(records.at(i).value(0).toLongLong() > records.at(i - 1).value(0).toLongLong());
        }
        QCOMPARE(exported(DataExport::Kind::Ledger, {}, 1), records);

        const Result<QString> since = ExportService::sinceFrom(QStringLiteral("2025-05-03"));
        QVERIFY(since);
        const QList<QStringList> recent = exported(DataExport::Kind::Ledger, *since);
        QCOMPARE(recent.size(), 3);
        QCOMPARE(recent.at(1).value(6), QStringLiteral("ship"));

        // An import's rows name it.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("count.csv"));
        QFile count(file);
        QVERIFY(count.open(QIODevice::WriteOnly));
        count.write("sku,location,on_hand\nSKU-C,BRISTOL,4\n");
        count.close();
        ProductImportRequest request;
        request.fileName = file;
        const Result<ProductImportReport> report = ProductImporter::run(*m_context, request);
        QVERIFY(report && report->outcome.applied());
        const QList<QStringList> withImport = exported(DataExport::Kind::Ledger);
        QCOMPARE(withImport.constLast().value(7), QStringLiteral("import %1").arg(report->outcome.importId));
    }

    void emptyExportsHaveTheirHeader()
    {
        for (const DataExport::Kind kind :
             {DataExport::Kind::Orders, DataExport::Kind::Stock, DataExport::Kind::Ledger}) {
            const QList<QStringList> records = exported(kind);
            QCOMPARE(records.size(), 1);
            QCOMPARE(records.at(0).join(u','), DataExport::header(kind));
        }
    }

    void commandLine()
    {
        QVERIFY(receive(QStringLiteral("SKU-A"), QStringLiteral("LEEDS"), 5));
        QVERIFY(place({line(QStringLiteral("SKU-A"), 1)}));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("orders.csv"));

        const Run orders = ctl({QStringLiteral("export"), QStringLiteral("orders"), QStringLiteral("--out"),
                                file, QStringLiteral("--json")});
        QVERIFY2(orders.code == 0, orders.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(orders.out).object();
        QCOMPARE(summary.value(QStringLiteral("rows")).toInt(), 1);
        QCOMPARE(summary.value(QStringLiteral("export")).toString(), QStringLiteral("orders"));
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY(written.readAll().startsWith(DataExport::header(DataExport::Kind::Orders).toUtf8() + "\r\n"));

        const Run text = ctl({QStringLiteral("export"), QStringLiteral("products"), QStringLiteral("--out"),
                              dir.filePath(QStringLiteral("products.csv"))});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.contains("3 row"), text.out.constData());

        // --out - writes the CSV itself to standard output.
        const Run stdoutRun = ctl({QStringLiteral("export"), QStringLiteral("stock"), QStringLiteral("--out"),
                                   QStringLiteral("-")});
        QCOMPARE(stdoutRun.code, 0);
        QCOMPARE(stdoutRun.out, exportedBytes(DataExport::Kind::Stock));

        const Run since = ctl({QStringLiteral("export"), QStringLiteral("ledger"), QStringLiteral("--out"),
                               QStringLiteral("-"), QStringLiteral("--since"), QStringLiteral("2025-05-02")});
        QCOMPARE(since.code, 0);
        QCOMPARE(since.out, DataExport::header(DataExport::Kind::Ledger).toUtf8() + "\r\n");
    }

    void commandLineRefusals_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::addRow("no kind") << QStringList {QStringLiteral("export"), QStringLiteral("--out"),
                                                 QStringLiteral("-")}
                                 << 2 << QStringLiteral("orders, stock, ledger or products");
        QTest::addRow("unknown kind") << QStringList {QStringLiteral("export"), QStringLiteral("customers"),
                                                      QStringLiteral("--out"), QStringLiteral("-")}
                                      << 2 << QStringLiteral("orders, stock, ledger or products");
        QTest::addRow("no out") << QStringList {QStringLiteral("export"), QStringLiteral("orders")} << 2
                                << QStringLiteral("--out FILE");
        QTest::addRow("bad since") << QStringList {QStringLiteral("export"),  QStringLiteral("ledger"),
                                                   QStringLiteral("--out"),   QStringLiteral("-"),
                                                   QStringLiteral("--since"), QStringLiteral("last week")}
                                   << 2 << QStringLiteral("\"last week\" is not a date");
        QTest::addRow("since for stock")
            << QStringList {QStringLiteral("export"), QStringLiteral("stock"),   QStringLiteral("--out"),
                            QStringLiteral("-"),      QStringLiteral("--since"), QStringLiteral("2025-01-01")}
            << 2 << QStringLiteral("--since goes with export orders and export ledger");
        QTest::addRow("no such folder")
            << QStringList {QStringLiteral("export"), QStringLiteral("orders"), QStringLiteral("--out"),
                            QStringLiteral("/nonexistent-folder/orders.csv")}
            << 3 << QStringLiteral("Cannot write /nonexistent-folder/orders.csv");
    }

    void commandLineRefusals()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, code);
        QFETCH(QString, message);
        const Run run = ctl(arguments);
        QCOMPARE(run.code, code);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY(!QFile::exists(QStringLiteral("/nonexistent-folder/orders.csv")));
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
