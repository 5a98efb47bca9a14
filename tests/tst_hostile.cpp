// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogservice.h"
#include "countservice.h"
#include "hostilestrings.h"
#include "orderimport.h"
#include "orderimporter.h"
#include "orderimportservice.h"
#include "orderrepository.h"
#include "orderservice.h"
#include "packingslip.h"
#include "picklist.h"
#include "productimport.h"
#include "productimporter.h"
#include "purchaseservice.h"
#include "shippinglabel.h"
#include "stockservice.h"
#include "testsupport.h"
#include "textfield.h"
#include "transferservice.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

using namespace Stockroom;

namespace {

/** How a field treats what it is given: its limit, whether it trims, whether it may be empty. */
struct FieldRule
{
    QString label; ///< the words the refusal must contain
    int maxLength = TextField::NameLength;
    bool trimmed = true;
    bool required = false;

    /** What the field must hold after storing input; nullopt when it must refuse it. */
    std::optional<QString> stored(const QString &input) const
    {
        if (!Test::isStorableText(input) || input.size() > maxLength
            || (required && input.trimmed().isEmpty())) {
            return std::nullopt;
        }
        return trimmed ? input.trimmed() : input;
    }
};

/** A readable row name: the entry's index and its first characters with control characters shown. */
QString caseName(int index, const QString &text)
{
    return QStringLiteral("%1 %2").arg(index, 2, 10, QLatin1Char('0')).arg(TextField::excerpt(text.left(24)));
}

/** The table counts an all-or-nothing import must leave as they were. */
const QStringList CountedTables
    = {QStringLiteral("orders"),     QStringLiteral("order_lines"), QStringLiteral("stock_movements"),
       QStringLiteral("change_log"), QStringLiteral("products"),    QStringLiteral("stock_levels"),
       QStringLiteral("customers"),  QStringLiteral("imports")};

/** Peak resident memory of this process in MiB (Linux reports ru_maxrss in KiB). */
long peakMemoryMiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

} // namespace

/**
 * Hostile input below the GUI (issue 8): every entry of hostileStrings() through every service field that
 * keeps text, the command line's JSON and the PDFs; hostile CSV files through the order and product imports.
 * Each value is stored and read back exactly (as the field normalises it: codes and names are trimmed) or
 * refused with a usage error naming the field, the same on both engines. Afterwards every table is there,
 * the ledger invariants hold and the row counts are what the accepted values explain.
 */
class TestHostile : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ServiceContext> m_context;
    QTemporaryDir m_files;
    QDateTime m_now = QDateTime(QDate(2026, 3, 2), QTime(9, 0), QTimeZone::utc());

    qint64 count(const QString &table)
    {
        // Table names come from the constant list above, never from input.
        const Result<QVariant> value = m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM ") + table);
        return value ? value->toLongLong() : -1;
    }
    QHash<QString, qint64> counts()
    {
        QHash<QString, qint64> all;
        for (const QString &table : CountedTables) {
            all.insert(table, count(table));
        }
        return all;
    }
    QString text(const QString &sql, const Binds &binds = {})
    {
        const Result<QVariant> value = m_db->scalar(sql, binds);
        return value ? value->toString() : QStringLiteral("<error: %1>").arg(value.error().message);
    }

    /**
     * One field's outcome: refused (a usage error naming the field, nothing else) when the rule says so,
     * else accepted and readBack() gives exactly what the rule stores. Returns whether it was accepted.
     */
    bool expect(const FieldRule &rule, const QString &input, const Error *error,
                const std::function<QString()> &readBack)
    {
        const std::optional<QString> wanted = rule.stored(input);
        const QString where = rule.label + QStringLiteral(" ← ") + TextField::excerpt(input);
        if (!wanted) {
            [&] {
                QVERIFY2(error, qPrintable(where + QStringLiteral(": accepted, should be refused")));
                QVERIFY2(error->kind == Error::Kind::Usage,
                         qPrintable(where + QStringLiteral(": not a usage error: ") + error->message));
                // A refusal of an empty value may say "needs a SKU" rather than repeat the label.
                if (!input.trimmed().isEmpty()) {
                    QVERIFY2(error->message.contains(rule.label, Qt::CaseInsensitive),
                             qPrintable(where + QStringLiteral(": message does not name the field: ")
                                        + error->message));
                }
            }();
            return false;
        }
        [&] {
            QVERIFY2(
                !error,
                qPrintable(where + QStringLiteral(": refused: ") + (error ? error->message : QString())));
            const QString back = readBack();
            QVERIFY2(back == *wanted,
                     qPrintable(where + QStringLiteral(": read back as ") + TextField::excerpt(back)
                                + QStringLiteral(" (") + QString::number(back.size())
                                + QStringLiteral(" characters)")));
        }();
        return true;
    }
    template<typename T>
    static const Error *errorOf(const Result<T> &result)
    {
        return result ? nullptr : &result.error();
    }

    /** stockroomctl with --db of this database; its standard output. */
    QByteArray cli(const QStringList &arguments, int *exitCode = nullptr)
    {
        QProcess process;
        process.start(QStringLiteral(STOCKROOMCTL),
                      QStringList {QStringLiteral("--db"), m_scratch->connectionString()} + arguments);
        if (!process.waitForFinished(60'000)) {
            process.kill();
            process.waitForFinished();
        }
        if (exitCode) {
            *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        }
        return process.readAllStandardOutput();
    }

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_files.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
            return {};
        }
        return path;
    }

private Q_SLOTS:
    void init()
    {
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open();
        QVERIFY(m_db);
        m_context.reset(
            new ServiceContext {*m_db, Clock([this] { return m_now; }), QStringLiteral("tester")});
        QVERIFY(Test::seedCatalog(*m_context, {{QStringLiteral("LEEDS"), 10}, {QStringLiteral("YORK"), 20}},
                                  {QStringLiteral("MUG"), QStringLiteral("PLATE")}));
        QVERIFY(StockService(*m_context).receive(QStringLiteral("MUG"), QStringLiteral("LEEDS"), 10'000));
        QVERIFY(StockService(*m_context).receive(QStringLiteral("PLATE"), QStringLiteral("LEEDS"), 100));
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

    void hostileStringsAreWhatTheySay()
    {
        const QStringList all = Test::hostileStrings();
        QVERIFY(all.size() >= 25);
        QVERIFY(all.contains(QString()));
        QVERIFY(std::any_of(all.cbegin(), all.cend(), [](const QString &s) { return s.size() == 10'000; }));
        QVERIFY(std::any_of(all.cbegin(), all.cend(), [](const QString &s) { return s.contains(QChar(0)); }));
        QVERIFY(std::any_of(all.cbegin(), all.cend(), [](const QString &s) { return !s.isValidUtf16(); }));
        QVERIFY(std::any_of(all.cbegin(), all.cend(),
                            [](const QString &s) { return s.contains(QStringLiteral("DROP TABLE")); }));
    }

    /** Every hostile string in every text field of the services, on one database, then the damage report. */
    void textThroughEveryField()
    {
        const QStringList all = Test::hostileStrings();
        const QString web = QStringLiteral("web");
        const qint64 ordersBefore = count(QStringLiteral("orders"));
        const qint64 movementsBefore = count(QStringLiteral("stock_movements"));
        qint64 ordersPlaced = 0;
        qint64 movementsWritten = 0;
        QList<QPair<QString, QString>> customersToFind; // (order number, customer as stored)
        QList<QPair<QString, QString>> skusToShow;

        for (int i = 0; i < all.size(); ++i) {
            const QString s = all.at(i);
            const QString tag = QStringLiteral("H%1").arg(i);
            CatalogService catalog(*m_context);
            CatalogRepository repository(*m_db);

            // Product: SKU, then the name (on add and on update).
            {
                ProductRecord product;
                product.sku = s;
                product.name = QStringLiteral("Hostile SKU product");
                const Result<qint64> added = catalog.addProduct(product);
                const FieldRule rule {CatalogService::tr("The SKU"), TextField::CodeLength, true, true};
                if (expect(rule, s, errorOf(added), [&] {
                        const auto found = repository.productBySku(s.trimmed());
                        return found && *found ? (*found)->sku : QStringLiteral("<not found>");
                    })) {
                    // The ledger and the CLI find the product by that SKU.
                    const Result<StockLevelRow> received
                        = StockService(*m_context).receive(s.trimmed(), QStringLiteral("LEEDS"), 3);
                    QVERIFY2(received, qPrintable(received.error().message));
                    ++movementsWritten;
                    skusToShow.append({s.trimmed(), s.trimmed()});
                }
                QVERIFY(!QTest::currentTestFailed());
            }
            {
                ProductRecord product;
                product.sku = tag + QStringLiteral("-NAME");
                product.name = s;
                const Result<qint64> added = catalog.addProduct(product);
                const FieldRule rule {CatalogService::tr("The product name"), TextField::NameLength, true,
                                      true};
                const bool stored = expect(rule, s, errorOf(added), [&] {
                    return repository.productBySku(product.sku).value().value_or(ProductRecord {}).name;
                });
                QVERIFY(!QTest::currentTestFailed());
                if (!stored) {
                    product.name = QStringLiteral("Plain");
                    QVERIFY(catalog.addProduct(product));
                }
                product.name = s;
                const Result<ProductRecord> updated = catalog.updateProduct(product);
                expect(rule, s, errorOf(updated), [&] {
                    return repository.productBySku(product.sku).value().value_or(ProductRecord {}).name;
                });
                QVERIFY(!QTest::currentTestFailed());
            }

            // Location: code, then name, address, postcode and region.
            {
                LocationRecord location;
                location.code = s;
                location.name = QStringLiteral("Hostile code");
                const Result<qint64> added = catalog.addLocation(location);
                const FieldRule rule {CatalogService::tr("The location code"), TextField::CodeLength, true,
                                      true};
                expect(rule, s, errorOf(added), [&] {
                    return repository.locationByCode(s.trimmed()).value().value_or(LocationRecord {}).code;
                });
                QVERIFY(!QTest::currentTestFailed());
            }
            {
                const FieldRule name {CatalogService::tr("The location name"), TextField::NameLength, true,
                                      true};
                LocationRecord location;
                location.code = tag + QStringLiteral("-LOC");
                location.name = name.stored(s) ? s : QStringLiteral("Plain");
                QVERIFY(catalog.addLocation(location));
                location.name = s;
                const Result<LocationRecord> renamed = catalog.updateLocation(location);
                expect(name, s, errorOf(renamed), [&] {
                    return repository.locationByCode(location.code).value().value_or(LocationRecord {}).name;
                });
                QVERIFY(!QTest::currentTestFailed());
                location.name = QStringLiteral("Plain");
                location.address = s;
                const FieldRule address {CatalogService::tr("The address"), TextField::TextLength, false,
                                         false};
                const Result<LocationRecord> readdressed = catalog.updateLocation(location);
                expect(address, s, errorOf(readdressed), [&] {
                    return repository.locationByCode(location.code)
                        .value()
                        .value_or(LocationRecord {})
                        .address;
                });
                QVERIFY(!QTest::currentTestFailed());
            }

            // An order: each text field on its own, so that a refusal names that field.
            struct OrderField
            {
                FieldRule rule;
                std::function<void(PlaceOrderRequest &)> set;
                std::function<QString(const OrderHeader &)> get;
            };
            const QList<OrderField> orderFields = {
                {{OrderService::tr("The customer name"), TextField::NameLength, true, false},
                 [&](PlaceOrderRequest &r) { r.customerName = s; },
                 [](const OrderHeader &o) { return o.customerName; }},
                {{OrderService::tr("The channel's order id"), TextField::CodeLength, true, false},
                 [&](PlaceOrderRequest &r) { r.externalId = s; },
                 [](const OrderHeader &o) { return o.externalId; }},
                {{OrderService::tr("The note"), TextField::TextLength, false, false},
                 [&](PlaceOrderRequest &r) { r.note = s; },
                 [](const OrderHeader &o) { return o.note; }},
                {{OrderService::tr("The postcode"), TextField::NameLength, true, false},
                 [&](PlaceOrderRequest &r) { r.shipPostcode = s; },
                 [](const OrderHeader &o) { return o.shipPostcode; }},
                {{OrderService::tr("The region"), TextField::NameLength, false, false},
                 [&](PlaceOrderRequest &r) { r.shipRegion = s; },
                 [](const OrderHeader &o) { return o.shipRegion; }},
                {{OrderService::tr("The e-mail address"), TextField::NameLength, true, false},
                 [&](PlaceOrderRequest &r) {
                     r.customerName = QStringLiteral("Mail ") + QString::number(i);
                     r.customerEmail = s;
                 },
                 [&](const OrderHeader &o) {
                     return text(QStringLiteral("SELECT email FROM customers WHERE name = ?"),
                                 {o.customerName});
                 }},
                {{OrderService::tr("The address"), TextField::TextLength, true, false},
                 [&](PlaceOrderRequest &r) {
                     r.customerName = QStringLiteral("Address ") + QString::number(i);
                     r.customerAddress = s;
                 },
                 [&](const OrderHeader &o) {
                     return text(QStringLiteral("SELECT address FROM customers WHERE name = ?"),
                                 {o.customerName});
                 }},
            };
            for (const OrderField &field : orderFields) {
                PlaceOrderRequest request;
                request.channel = web;
                request.paymentStatus = QStringLiteral("paid");
                request.lines = {{QStringLiteral("MUG"), 1}};
                field.set(request);
                const Result<PlacedOrder> placed = OrderService(*m_context).place(request);
                if (expect(field.rule, s, errorOf(placed), [&] {
                        return field.get(OrderRepository(*m_db).findById(placed->id).value().value());
                    })) {
                    ++ordersPlaced;
                    ++movementsWritten; // the reservation
                    if (request.customerName == s) {
                        customersToFind.append({placed->number, s.trimmed()});
                    }
                    if (!s.trimmed().isEmpty() && &field == &orderFields.at(1)) {
                        // The same order again, as an import would bring it: refused as already here.
                        const Result<PlacedOrder> again = OrderService(*m_context).place(request);
                        QVERIFY(!again);
                        QCOMPARE(again.error().kind, Error::Kind::Business);
                    }
                }
                QVERIFY(!QTest::currentTestFailed());
            }

            // Notes of the ledger and of documents; names of suppliers; aliases.
            {
                const Result<StockLevelRow> adjusted
                    = StockService(*m_context).adjust(QStringLiteral("MUG"), QStringLiteral("LEEDS"), 1, s);
                const FieldRule rule {QStringLiteral("text"), TextField::TextLength, true, true};
                const std::optional<QString> wanted = rule.stored(s);
                if (wanted) {
                    QVERIFY2(adjusted, qPrintable(adjusted.error().message));
                    QCOMPARE(
                        text(QStringLiteral("SELECT note FROM stock_movements ORDER BY id DESC LIMIT 1")),
                        *wanted);
                    ++movementsWritten;
                } else {
                    // An empty reason is refused for being empty; others by the store, naming the character.
                    QVERIFY(!adjusted);
                    QCOMPARE(adjusted.error().kind, Error::Kind::Usage);
                }
            }
            {
                const Result<Transfer> transfer = TransferService(*m_context)
                                                      .create(QStringLiteral("LEEDS"), QStringLiteral("YORK"),
                                                              {{QStringLiteral("PLATE"), 1}}, s);
                if (Test::isStorableText(s)) {
                    QVERIFY2(transfer, qPrintable(transfer.error().message));
                    QCOMPARE(TransferService(*m_context).get(transfer->number).value().note, s.trimmed());
                } else {
                    QVERIFY(!transfer);
                    QCOMPARE(transfer.error().kind, Error::Kind::Usage);
                }
            }
            {
                const Result<SupplierRecord> supplier = PurchaseService(*m_context).addSupplier(s, {}, 5);
                const FieldRule rule {PurchaseService::tr("The supplier name"), TextField::NameLength, true,
                                      true};
                expect(rule, s, errorOf(supplier), [&] {
                    return text(QStringLiteral("SELECT name FROM suppliers WHERE name = ?"), {s.trimmed()});
                });
                QVERIFY(!QTest::currentTestFailed());
            }
            {
                const Result<int> alias
                    = OrderImportService(*m_context).setAlias(web, s, QStringLiteral("PLATE"));
                const FieldRule rule {OrderImportService::tr("The alias"), TextField::NameLength, true, true};
                expect(rule, s, errorOf(alias), [&] {
                    return text(
                        QStringLiteral("SELECT alias FROM sku_aliases WHERE channel = ? AND alias = ?"),
                        {web, s.trimmed()});
                });
                QVERIFY(!QTest::currentTestFailed());
            }

            // Searching for it never fails: FTS and tsquery syntax, LIKE wildcards, NUL and lone surrogates
            // are text (words are made of letters and digits only before they reach SQL).
            {
                OrderFilter filter;
                filter.search = s;
                const Result<QList<OrderHeader>> page = OrderRepository(*m_db).page({}, 500, filter);
                QVERIFY2(page,
                         qPrintable(TextField::excerpt(s) + QStringLiteral(": ") + page.error().message));
            }
        }

        // Customers are found by their hostile names in the order search (words as prefixes).
        int searched = 0;
        QStringList misses;
        for (const auto &[number, customer] : std::as_const(customersToFind)) {
            bool hasWord = false;
            for (const QChar c : customer) {
                hasWord = hasWord || c.isLetterOrNumber();
            }
            if (!hasWord || customer.size() > 200) {
                continue; // no word to search by (emoji, punctuation only)
            }
            OrderFilter filter;
            filter.search = customer;
            const Result<QList<OrderHeader>> page = OrderRepository(*m_db).page({}, 500, filter);
            QVERIFY2(page, qPrintable(page.error().message));
            QStringList found;
            for (const OrderHeader &order : *page) {
                found << order.number;
            }
            if (!found.contains(number)) {
                misses << TextField::excerpt(customer);
            }
            ++searched;
        }
        QVERIFY(searched >= 10);
        // Known gaps of the indexes, not errors: combining marks split a Zalgo word into single letters on
        // both engines, and PostgreSQL's text parser drops what looks like an HTML tag or entity.
        qInfo() << "not found by search:" << misses;
        for (const QString &miss : std::as_const(misses)) {
            QVERIFY2(miss.startsWith(u'Z')
                         || (miss.startsWith(QStringLiteral("<script>"))
                             && Test::engineUnderTest() == Engine::PostgreSQL),
                     qPrintable(miss));
        }

        // The command line's JSON carries them unchanged.
        for (const auto &[number, customer] : std::as_const(customersToFind)) {
            int exitCode = -1;
            const QByteArray out
                = cli({QStringLiteral("order"), number, QStringLiteral("--json")}, &exitCode);
            QCOMPARE(exitCode, 0);
            const QJsonObject order = QJsonDocument::fromJson(out).object();
            QVERIFY2(!order.isEmpty(), out.left(200).constData());
            QCOMPARE(order.value(QStringLiteral("customer")).toString(), customer);
        }
        {
            int exitCode = -1;
            const QByteArray out = cli({QStringLiteral("stock"), QStringLiteral("--json")}, &exitCode);
            QCOMPARE(exitCode, 0);
            const QJsonDocument json = QJsonDocument::fromJson(out);
            QSet<QString> skus;
            const QJsonArray rows
                = json.isArray() ? json.array() : json.object().value(QStringLiteral("levels")).toArray();
            for (const QJsonValue &row : rows) {
                skus.insert(row.toObject().value(QStringLiteral("sku")).toString());
            }
            for (const auto &[sku, shown] : std::as_const(skusToShow)) {
                QVERIFY2(skus.contains(shown),
                         qPrintable(QStringLiteral("stock --json lacks ") + TextField::excerpt(sku)));
            }
        }

        // Nothing dropped, nothing deleted, nothing extra.
        QCOMPARE(count(QStringLiteral("orders")), ordersBefore + ordersPlaced);
        QCOMPARE(count(QStringLiteral("stock_movements")), movementsBefore + movementsWritten);
        QVERIFY(count(QStringLiteral("products")) > 2);
        QVERIFY(count(QStringLiteral("change_log")) > 0);
        qInfo("%lld orders placed, %lld ledger rows written, %d customers searched, %lld CLI calls",
              ordersPlaced, movementsWritten, searched, qint64(customersToFind.size() + 1));
    }

    /** Packing slips, pick lists and labels with hostile text: a valid PDF or a clean refusal, never a crash. */
    void pdfsWithHostileText()
    {
        const QStringList all = Test::hostileStrings();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto isPdf = [](const QString &path) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                return false;
            }
            const QByteArray bytes = file.readAll();
            return bytes.startsWith("%PDF-") && bytes.trimmed().endsWith("%%EOF");
        };
        int written = 0;
        for (int i = 0; i < all.size(); ++i) {
            const QString s = all.at(i);
            PackingSlipData slip;
            slip.orderNumber = QStringLiteral("SO-000001");
            slip.externalId = s;
            slip.date = QDate(2026, 3, 2);
            slip.fromName = s;
            slip.fromAddress = {s, s};
            slip.toName = s;
            slip.toAddress = {s, QStringLiteral("LS1 1BA")};
            slip.lines = {{s, s, 2, 1}, {QStringLiteral("MUG"), s, 1, 1}};
            const QString slipPath = dir.filePath(QStringLiteral("slip%1.pdf").arg(i));
            const Status slipWritten = PackingSlip::writePdf(slip, slipPath);
            QVERIFY2(slipWritten, qPrintable(slipWritten.error().message));
            QVERIFY2(isPdf(slipPath), qPrintable(caseName(i, s)));

            PickListData pick;
            pick.locationCode = s;
            pick.locationName = s;
            pick.generatedBy = s;
            PickListLine line;
            line.bin = s;
            line.sku = s;
            line.productName = s;
            line.qty = 2;
            line.orderNumbers = {s, QStringLiteral("SO-000001")};
            pick.generatedAt = QDateTime(QDate(2026, 3, 2), QTime(9, 0), QTimeZone::utc());
            pick.lines = {line};
            const QString pickPath = dir.filePath(QStringLiteral("pick%1.pdf").arg(i));
            const Status picked = PickList::writePdf(pick, pickPath);
            // A SKU that Code 128 cannot carry is printed without a barcode, the rest as text.
            QVERIFY2(picked, qPrintable(picked.error().message));
            QVERIFY2(isPdf(pickPath), qPrintable(caseName(i, s)));

            LabelData label;
            label.fromName = s;
            label.fromAddress = {s};
            label.toName = s;
            label.toAddress = {s, s};
            label.carrier = s;
            label.service = s;
            label.orderNumber = QStringLiteral("SO-000001");
            label.date = QDate(2026, 3, 2);
            label.trackingNumber = QStringLiteral("1Z999AA10123456784");
            const QString labelPath = dir.filePath(QStringLiteral("label%1.pdf").arg(i));
            const Status labelled = ShippingLabel::writePdf(label, labelPath);
            QVERIFY2(labelled, qPrintable(labelled.error().message));
            QVERIFY2(isPdf(labelPath), qPrintable(caseName(i, s)));
            written += 3;
        }
        qInfo("%d PDFs written", written);
    }

    // Hostile CSV files -------------------------------------------------------------------------------------

    void orderFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("accepted"); ///< a file that is fine after all (a BOM, mixed line ends)
        QTest::addColumn<int>("line"); ///< the line a refusal must name (0: any)
        QTest::addColumn<QString>("why"); ///< words the refusal must contain

        const QByteArray header = OrderFileReader::stockroomOrdersHeader().toUtf8();
        auto row = [](const QByteArray &id, const QByteArray &customer, const QByteArray &note = {}) {
            return QByteArray(","
                              "web,"
                              + id + ",2026-03-01T10:00:00Z,placed,paid," + customer
                              + ",,,,,10.00,10.00,0.00,1,MUG,Mug,1,10.00,0,0," + note);
        };
        const QByteArray good = header + "\n" + row("A1", "Kim") + "\n" + row("A2", "Lou") + "\n";

        QTest::addRow("utf-8 with BOM") << QByteArray("\xEF\xBB\xBF") + good << true << 0 << QString();
        QTest::addRow("mixed CRLF LF CR")
            << header + "\r\n" + row("A1", "Kim") + "\n" + row("A2", "Lou") + "\r" + row("A3", "Max") + "\r\n"
            << true << 0 << QString();
        QTest::addRow("latin-1 name") << header + "\n" + row("A1", "Jos\xE9") + "\n"
                                      << false << 2 << QStringLiteral("UTF-8");
        QTest::addRow("windows-1252 quotes")
            << header + "\n" + row("A1", "Kim") + "\n" + row("A2", "\x93Lou\x94") + "\n"
            << false << 3 << QStringLiteral("UTF-8");
        QByteArray utf16;
        utf16.append("\xFF\xFE");
        for (const QChar c : QString::fromUtf8(good)) {
            utf16.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
        }
        QTest::addRow("utf-16 LE with BOM") << utf16 << false << 1 << QStringLiteral("UTF-8");
        QTest::addRow("invalid utf-8 sequence") << header + "\n" + row("A1", "K\xC3\x28m") + "\n"
                                                << false << 2 << QStringLiteral("UTF-8");
        QTest::addRow("open quote at the end") << good + row("A3", "\"Kim") + "\n"
                                               << false << 4 << QStringLiteral("quote");
        QTest::addRow("open quote in the middle")
            << header + "\n" + row("A1", "\"Kim") + "\n" + row("A2", "Lou") + "\n" + row("A3", "Max") + "\n"
            << false << 2 << QStringLiteral("quote");
        QTest::addRow("text after a closing quote") << header + "\n" + row("A1", "\"Kim\"x") + "\n"
                                                    << false << 2 << QStringLiteral("quote");
        QTest::addRow("NUL byte in a field") << header + "\n" + row("A1", QByteArray("Ki\0m", 4)) + "\n"
                                             << false << 2 << QStringLiteral("NUL");
        QTest::addRow("header only") << header + "\n" << false << 0 << QString();
        QTest::addRow("empty file") << QByteArray() << false << 0 << QStringLiteral("empty");
        QByteArray binary;
        for (int i = 0; i < 4096; ++i) {
            binary.append(char((i * 131 + 7) % 256));
        }
        QTest::addRow("binary") << binary << false << 0 << QString();
        QTest::addRow("hostile text, valid file")
            << header + "\n" + row("A1", "\"'; DROP TABLE orders; --\"", "\"=cmd|' /C calc'!A0\"") + "\n"
            << true << 0 << QString();
    }

    /** An order file that is refused names file, line and why, and changes nothing; an accepted one imports. */
    void orderFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, accepted);
        QFETCH(int, line);
        QFETCH(QString, why);
        const QString path = writeFile(QStringLiteral("orders_hostile.csv"), bytes);
        QVERIFY(!path.isEmpty());
        const QHash<QString, qint64> before = counts();

        OrderImportRequest request;
        request.fileName = path;
        request.format = OrderFileFormat::Stockroom;
        const Result<OrderImportReport> report = OrderImporter::run(*m_context, request);
        if (accepted) {
            QVERIFY2(report, qPrintable(report.error().message));
            QVERIFY2(report->ok(), qPrintable(report->problems.value(0).toString()));
            QVERIFY(report->outcome.ordersNew >= 1);
            QCOMPARE(count(QStringLiteral("orders")),
                     before.value(QStringLiteral("orders")) + report->outcome.ordersNew);
            if (QTest::currentDataTag() == QLatin1String("hostile text, valid file")) {
                QCOMPARE(text(QStringLiteral("SELECT name FROM customers WHERE name LIKE ?"),
                              {QStringLiteral("%DROP%")}),
                         QStringLiteral("'; DROP TABLE orders; --"));
                QCOMPARE(text(QStringLiteral("SELECT note FROM orders WHERE external_id = 'A1'")),
                         QStringLiteral("=cmd|' /C calc'!A0"));
            }
            return;
        }
        QString message;
        if (!report) {
            message = report.error().message;
        } else {
            QVERIFY2(!report->ok(), "a hostile file was accepted");
            const FileProblem &first = report->problems.first();
            message = first.toString();
            QVERIFY2(first.toString().startsWith(QStringLiteral("orders_hostile.csv")), qPrintable(message));
            if (line > 0) {
                QVERIFY2(first.line == line, qPrintable(message));
            }
        }
        qInfo("%s", qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("orders_hostile.csv")), qPrintable(message));
        if (!why.isEmpty()) {
            QVERIFY2(message.contains(why, Qt::CaseInsensitive), qPrintable(message));
        }
        QCOMPARE(counts(), before);
    }

    void productFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("why");

        const QByteArray header = ProductImport::stockroomProductsHeader().toUtf8() + ",on_hand,location";
        const QByteArray good
            = header + "\nBOWL,Bowl,,1.00,2.00,100,1,5,LEEDS\nCUP,Cup,,1.00,2.00,100,1,5,LEEDS\n";
        QTest::addRow("utf-8 with BOM") << QByteArray("\xEF\xBB\xBF") + good << true << 0 << QString();
        QTest::addRow("mixed CRLF LF CR")
            << header + "\r\nBOWL,Bowl,,1,2,100,1,5,LEEDS\rCUP,Cup,,1,2,100,1,5,LEEDS\n"
            << true << 0 << QString();
        QTest::addRow("latin-1 name") << header + "\nBOWL,Sch\xFCssel,,1,2,100,1,5,LEEDS\n"
                                      << false << 2 << QStringLiteral("UTF-8");
        QTest::addRow("windows-1252 dash") << good + "DISH,Dish \x96 large,,1,2,100,1,5,LEEDS\n"
                                           << false << 4 << QStringLiteral("UTF-8");
        QByteArray utf16("\xFF\xFE");
        for (const QChar c : QString::fromUtf8(good)) {
            utf16.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
        }
        QTest::addRow("utf-16 LE with BOM") << utf16 << false << 1 << QStringLiteral("UTF-8");
        QTest::addRow("open quote at the end") << good + "\"DISH,Dish,,1,2,100,1,5,LEEDS\n"
                                               << false << 4 << QStringLiteral("quote");
        QTest::addRow("open quote in the middle")
            << header + "\nBOWL,\"Bowl,,1,2,100,1,5,LEEDS\n" + good.mid(header.size() + 1) << false << 2
            << QStringLiteral("quote");
        QTest::addRow("NUL byte in a field")
            << header + "\nBOWL,Bo" + QByteArray(1, '\0') + "wl,,1,2,100,1,5,LEEDS\n"
            << false << 2 << QStringLiteral("NUL");
        QTest::addRow("10,000-character SKU")
            << header + "\n" + QByteArray(10'000, 'S') + ",Long,,1,2,100,1,5,LEEDS\n"
            << false << 2 << QStringLiteral("SKU");
        QTest::addRow("header only") << header + "\n" << false << 0 << QStringLiteral("empty");
        QTest::addRow("empty file") << QByteArray() << false << 0 << QStringLiteral("empty");
        QByteArray binary;
        for (int i = 0; i < 4096; ++i) {
            binary.append(char((i * 131 + 7) % 256));
        }
        QTest::addRow("binary") << binary << false << 0 << QString();
    }

    /** A product file is all or nothing: refused with file, line, column and why, and nothing changed. */
    void productFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, accepted);
        QFETCH(int, line);
        QFETCH(QString, why);
        const QString path = writeFile(QStringLiteral("products_hostile.csv"), bytes);
        QVERIFY(!path.isEmpty());
        const QHash<QString, qint64> before = counts();

        ProductImportRequest request;
        request.fileName = path;
        request.format = ProductFileFormat::Stockroom;
        const Result<ProductImportReport> report = ProductImporter::run(*m_context, request);
        if (accepted) {
            QVERIFY2(report, qPrintable(report.error().message));
            QVERIFY2(report->outcome.problems.isEmpty(), qPrintable(report->outcome.problems.value(0)));
            QCOMPARE(report->outcome.productsCreated, 2);
            QCOMPARE(count(QStringLiteral("products")), before.value(QStringLiteral("products")) + 2);
            return;
        }
        QString message;
        if (!report) {
            message = report.error().message;
        } else {
            QVERIFY2(!report->outcome.problems.isEmpty(), "a hostile file was accepted");
            QVERIFY(!report->outcome.applied());
            message = report->outcome.problems.first();
        }
        qInfo("%s", qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("products_hostile.csv")), qPrintable(message));
        if (line > 0) {
            QVERIFY2(message.contains(QStringLiteral("products_hostile.csv:%1:").arg(line)),
                     qPrintable(message));
        }
        if (!why.isEmpty()) {
            QVERIFY2(message.contains(why, Qt::CaseInsensitive), qPrintable(message));
        }
        QCOMPARE(counts(), before);
    }

    /**
     * A 1,000,000-row order file with one bad row near the end, through the order file reader (the parse and
     * validation path of every import): read in bounded time and flat memory, the bad row named exactly. The
     * database path applies ~12,500 lines/s, too slow for CI at this size; the reader is what a huge file
     * stresses.
     */
    void millionRowOrderFile()
    {
        if (Test::engineUnderTest() != Engine::SQLite) {
            QSKIP("The reader needs no database: it runs once, in the SQLite variant.");
        }
        const QString path = m_files.filePath(QStringLiteral("million.csv"));
        constexpr int Rows = 1'000'000;
        constexpr int BadRow = 999'990;
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QByteArray chunk = OrderFileReader::stockroomOrdersHeader().toUtf8() + "\n";
            for (int i = 1; i <= Rows; ++i) {
                const QByteArray id = QByteArray::number(i);
                chunk += ",web," + id + ",2026-03-01T10:00:00Z,placed,paid,Customer " + id
                    + ",,,,,10.00,10.00,0.00,1,MUG,Mug," + (i == BadRow ? QByteArray("x") : QByteArray("1"))
                    + ",10.00,0,0,\n";
                if (chunk.size() > (1 << 20)) {
                    QVERIFY(file.write(chunk) == chunk.size());
                    chunk.clear();
                }
            }
            QVERIFY(file.write(chunk) == chunk.size());
        }
        const long memoryBefore = peakMemoryMiB();
        QElapsedTimer timer;
        timer.start();
        OrderFileReader reader(path, OrderFileFormat::Stockroom);
        QVERIFY(reader.open());
        int orders = 0;
        while (reader.next()) {
            ++orders;
        }
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(reader.rowsRead(), Rows);
        QCOMPARE(orders, Rows - 1);
        QCOMPARE(reader.problems().size(), 1);
        const FileProblem &problem = reader.problems().first();
        QCOMPARE(problem.line, BadRow + 1);
        QCOMPARE(problem.column, QStringLiteral("qty"));
        qInfo("1,000,000 rows read in %lld ms, peak memory %ld MiB (before %ld MiB): %s", elapsed,
              peakMemoryMiB(), memoryBefore, qPrintable(problem.toString()));
        // Flat memory: the reader holds one order at a time, not the file (about 120 MB).
        QVERIFY2(peakMemoryMiB() - memoryBefore < 100, qPrintable(QString::number(peakMemoryMiB())));
    }
};

QTEST_MAIN(TestHostile)
#include "tst_hostile.moc"
