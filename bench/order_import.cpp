// SPDX-License-Identifier: GPL-3.0-or-later
// How fast a Shopify orders export imports end to end: reading the file, placing every order through the
// placement service (routing, reservation, backorders, ledger rows, history, change log) in one
// transaction; then the same file again (nothing changes) and a dry run. The file is written by
// bench/make_shopify_orders.py with Shopify's real header. Peak memory is measured per import at two file
// sizes, to show it stays flat in the file size. The baseline: the same file read by the same reader, and
// only its core rows written with the store's prepared statements, no services — per order a guarded
// reservation per line, the order, its lines, allocations and ledger rows (no routing, customers, history,
// search text or change log). Prints a table and, for scripts/bench.sh, `RESULT name value unit` lines;
// asserts nothing.

#include "benchsupport.h"
#include "catalogservice.h"
#include "connectionspec.h"
#include "invariantchecker.h"
#include "migrations.h"
#include "orderimport.h"
#include "orderimporter.h"
#include "productimporter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>
#include <optional>

using namespace Stockroom;

namespace {

/** The process's peak resident memory in MB since the last reset (Linux: VmHWM). */
double peakMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
        }
    }
    return -1;
}

/** Starts a new peak (Linux ≥ 4.0: writing 5 to clear_refs resets VmHWM to the current size). */
void resetPeak()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly)) {
        clear.write("5");
    }
}

bool generate(const QString &fileName, int lines, int skus)
{
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral(STOCKROOM_BENCH_DIR "/make_shopify_orders.py"), fileName,
                  QStringLiteral("--lines"), QString::number(lines), QStringLiteral("--skus"),
                  QString::number(skus)});
    return python.waitForFinished(600'000) && python.exitCode() == 0;
}

/** A catalogue of SKUs BENCH-100000… with stock at three locations, through the product import. */
bool seed(ServiceContext &context, const QString &dir, int skus)
{
    for (const char *code : {"LEEDS", "BRISTOL", "LONDON"}) {
        LocationRecord location;
        location.code = QString::fromLatin1(code);
        location.name = location.code;
        if (!CatalogService(context).addLocation(location)) {
            return false;
        }
    }
    // Products first, then their stock at every location (a products file gives one location per SKU).
    const QString products = dir + QStringLiteral("/products.csv");
    const QString stock = dir + QStringLiteral("/stock.csv");
    QFile productFile(products);
    QFile stockFile(stock);
    if (!productFile.open(QIODevice::WriteOnly) || !stockFile.open(QIODevice::WriteOnly)) {
        return false;
    }
    productFile.write("sku,name,gtin,unit_cost,price,weight_grams,active\n");
    stockFile.write("sku,location,on_hand\n");
    const char *codes[] = {"LEEDS", "BRISTOL", "LONDON"};
    for (int i = 0; i < skus; ++i) {
        const QByteArray sku = "BENCH-" + QByteArray::number(100000 + i);
        productFile.write(sku + ",Bench product " + QByteArray::number(i) + ",,4.00,9.99,300,1\n");
        for (int l = 0; l < 3; ++l) {
            // About a fifth of the units ordered find no stock and are backordered.
            stockFile.write(sku + "," + codes[l] + "," + QByteArray::number(10 + (i * 7 + l * 3) % 30)
                            + "\n");
        }
    }
    productFile.close();
    stockFile.close();
    for (const QString &fileName : {products, stock}) {
        ProductImportRequest request;
        request.fileName = fileName;
        const Result<ProductImportReport> report = ProductImporter::run(context, request);
        if (!report || !report->outcome.problems.isEmpty()) {
            std::printf("%s\n",
                        qPrintable(report ? report->outcome.problems.value(0) : report.error().message));
            return false;
        }
    }
    return true;
}

/** What one import took, for the RESULT lines. */
struct Timing
{
    double seconds = 0;
    double peakMegabytes = 0;
};

/**
 * The baseline: reads the file with the same OrderFileReader and writes the core rows of every new order in one
 * transaction: a guarded reservation of each line's units at the first location that has them all (in priority
 * order; otherwise the line is backordered), the order with its final state, its lines, their allocations and
 * reservation movements. Through Database::insert / execute (prepared and cached; SQLite's C API on SQLite).
 */
std::optional<double> rawImport(const QString &label, const QString &connection, const QString &dir,
                                const QString &fileName, int lines, int skus)
{
    const Result<ConnectionSpec> spec = ConnectionSpec::parse(connection);
    Result<std::unique_ptr<Database>> opened
        = spec ? Database::open(*spec, QStringLiteral("bench-raw")) : spec.error();
    if (!opened || !Migrations::migrate(**opened)) {
        std::printf("| %s | raw SQL | cannot open %s |\n", qPrintable(label), qPrintable(connection));
        return std::nullopt;
    }
    Database &db = **opened;
    ServiceContext context {db, Clock(), QStringLiteral("bench")};
    if (!seed(context, dir, skus)) {
        std::printf("| %s | raw SQL | cannot seed the catalogue |\n", qPrintable(label));
        return std::nullopt;
    }
    QHash<QString, qint64> productIds;
    const Rows products = db.select(QStringLiteral("SELECT sku, id FROM products")).value();
    for (const Row &row : products) {
        productIds.insert(row.value(0).toString(), row.value(1).toLongLong());
    }
    QList<qint64> locationIds;
    for (const char *code : {"LEEDS", "BRISTOL", "LONDON"}) {
        locationIds << db.scalar(QStringLiteral("SELECT id FROM locations WHERE code = ?"),
                                 {QString::fromLatin1(code)})
                           .value()
                           .toLongLong();
    }
    int orders = 0;
    int reserved = 0;
    int backordered = 0;
    QElapsedTimer timer;
    timer.start();
    const Status written = db.write([&]() -> Status {
        OrderFileReader reader(fileName);
        if (!reader.open()) {
            return Error::usage(reader.problems().value(0).toString());
        }
        const QString now = toStoredTime(QDateTime::currentDateTimeUtc());
        while (const std::optional<ImportedOrder> order = reader.next()) {
            struct Placed
            {
                qint64 productId;
                int qty;
                qint64 locationId; ///< 0: backordered
                int outside; ///< units the channel had sent or cancelled: nothing reserved
            };
            QList<Placed> placed;
            bool short_ = false;
            for (const ImportedOrderLine &line : order->lines) {
                const qint64 productId = productIds.value(line.sku);
                if (productId == 0) {
                    continue;
                }
                Placed p {productId, line.qty, 0, order->cancelled || line.fulfilled ? line.qty : 0};
                for (qint64 locationId : std::as_const(locationIds)) {
                    if (p.outside > 0) {
                        break;
                    }
                    STOCKROOM_TRY(changed,
                                  db.execute(QStringLiteral("UPDATE stock_levels SET reserved = reserved + ? "
                                                            "WHERE product_id = ? AND location_id = ? AND "
                                                            "on_hand - reserved >= ?"),
                                             {line.qty, productId, locationId, line.qty}));
                    if (changed == 1) {
                        p.locationId = locationId;
                        break;
                    }
                }
                short_ = short_ || (p.locationId == 0 && p.outside == 0);
                placed << p;
            }
            STOCKROOM_TRY(
                orderId,
                db.insert(QStringLiteral("INSERT INTO orders (channel, external_id, status, payment_status, "
                                         "total_cents, placed_at, updated_at) VALUES ('shopify', ?, ?, ?, ?, "
                                         "?, ?) RETURNING id"),
                          {order->externalId,
                           short_ ? QStringLiteral("backordered") : QStringLiteral("allocated"),
                           order->paymentStatus, order->totalCents.value_or(0), toStoredTime(order->placedAt),
                           now}));
            for (int i = 0; i < placed.size(); ++i) {
                const Placed &p = placed.at(i);
                const int open = p.qty - p.outside;
                STOCKROOM_TRY(
                    lineId,
                    db.insert(QStringLiteral("INSERT INTO order_lines (order_id, line_no, product_id, qty, "
                                             "qty_backordered, qty_shipped_outside) VALUES (?, ?, ?, ?, ?, "
                                             "?) RETURNING id"),
                              {orderId, i + 1, p.productId, p.qty, p.locationId == 0 ? open : 0, p.outside}));
                if (p.locationId == 0) {
                    backordered += open;
                    continue;
                }
                reserved += open;
                STOCKROOM_CHECK(statusOf(db.execute(
                    QStringLiteral("INSERT INTO allocations (order_line_id, location_id, qty, created_at) "
                                   "VALUES (?, ?, ?, ?)"),
                    {lineId, p.locationId, open, now})));
                STOCKROOM_CHECK(statusOf(db.execute(
                    QStringLiteral("INSERT INTO stock_movements (product_id, location_id, delta_on_hand, "
                                   "delta_reserved, reason, ref_type, ref_id, created_at) "
                                   "VALUES (?, ?, 0, ?, 'reserve', 'order', ?, ?)"),
                    {p.productId, p.locationId, open, orderId, now})));
            }
            ++orders;
        }
        if (!reader.ok()) {
            return Error::usage(reader.problems().value(0).toString());
        }
        return {};
    });
    const double seconds = timer.elapsed() / 1000.0;
    if (!written) {
        std::printf("| %s | raw SQL | failed: %s |\n", qPrintable(label),
                    qPrintable(written.error().message));
        return std::nullopt;
    }
    std::printf("| %s | raw SQL baseline (core rows only) | %d | %d | %.2f | %.0f | %.0f | | %d reserved, %d "
                "backordered |\n",
                qPrintable(label), lines, orders, seconds, lines / seconds, orders / seconds, reserved,
                backordered);
    std::fflush(stdout);
    return seconds;
}

QHash<QString, Timing> run(const QString &label, const QString &connection, const QString &dir,
                           const QString &fileName, int lines, int skus, bool passes)
{
    QHash<QString, Timing> timings;
    const Result<ConnectionSpec> spec = ConnectionSpec::parse(connection);
    Result<std::unique_ptr<Database>> opened
        = spec ? Database::open(*spec, QStringLiteral("bench")) : spec.error();
    if (!opened || !Migrations::migrate(**opened)) {
        std::printf("| %s | cannot open %s |\n", qPrintable(label), qPrintable(connection));
        return timings;
    }
    Database &db = **opened;
    ServiceContext context {db, Clock(), QStringLiteral("bench")};
    if (!seed(context, dir, skus)) {
        std::printf("| %s | cannot seed the catalogue |\n", qPrintable(label));
        return timings;
    }
    const QList<std::pair<const char *, bool>> all
        = {{"first import", false}, {"same file again", false}, {"dry run", true}};
    for (const auto &[pass, dryRun] : passes ? all : all.mid(0, 1)) {
        OrderImportRequest request;
        request.fileName = fileName;
        request.dryRun = dryRun;
        resetPeak();
        const double before = peakMegabytes();
        QElapsedTimer timer;
        timer.start();
        const Result<OrderImportReport> report = OrderImporter::run(context, request);
        const double seconds = timer.elapsed() / 1000.0;
        const double peak = peakMegabytes() - before;
        if (!report || !report->ok()) {
            std::printf("| %s | %s | failed: %s |\n", qPrintable(label), pass,
                        qPrintable(report ? report->problems.value(0).toString() : report.error().message));
            continue;
        }
        timings.insert(QString::fromLatin1(pass), Timing {seconds, peak});
        const OrderImportOutcome &o = report->outcome;
        const int orders = o.ordersNew + o.ordersUpdated + o.ordersUnchanged + o.ordersSkipped;
        std::printf("| %s | %s | %d | %d | %.2f | %.0f | %.0f | %.1f | %d new, %d unchanged; %d reserved, %d "
                    "backordered |\n",
                    qPrintable(label), pass, lines, orders, seconds, lines / seconds, orders / seconds, peak,
                    o.ordersNew, o.ordersUnchanged, o.unitsReserved, o.unitsBackordered);
        std::fflush(stdout);
    }
    if (passes) {
        const Result<QStringList> violations = InvariantChecker(db).check();
        std::printf("| %s | invariants | %s |\n", qPrintable(label),
                    violations && violations->isEmpty() ? "all hold" : "VIOLATED");
        timings.insert(QStringLiteral("invariants"),
                       Timing {violations && violations->isEmpty() ? 1.0 : 0.0, 0});
    }
    return timings;
}

/** The RESULT lines of one engine: import rates, the baseline's, their ratio, memory at both sizes. */
void results(QStringList &lines, const QString &key, int lineCount, const QHash<QString, Timing> &small,
             const QHash<QString, Timing> &big, std::optional<double> rawSeconds)
{
    auto rate = [lineCount](double seconds) { return seconds > 0 ? lineCount / seconds : 0; };
    const QString prefix = QStringLiteral("RESULT order_import.%1.").arg(key);
    lines << prefix + QStringLiteral("lines %1 lines").arg(lineCount);
    if (big.contains(QStringLiteral("first import"))) {
        const double first = big.value(QStringLiteral("first import")).seconds;
        lines << prefix + QStringLiteral("first %1 lines/s").arg(rate(first), 0, 'f', 0)
              << prefix + QStringLiteral("first_seconds %1 s").arg(first, 0, 'f', 2)
              << prefix
                + QStringLiteral("peak_big %1 MB")
                      .arg(big.value(QStringLiteral("first import")).peakMegabytes, 0, 'f', 1);
        if (rawSeconds) {
            lines << prefix + QStringLiteral("raw %1 lines/s").arg(rate(*rawSeconds), 0, 'f', 0);
        }
    }
    if (big.contains(QStringLiteral("same file again"))) {
        lines << prefix
                + QStringLiteral("again %1 lines/s")
                      .arg(rate(big.value(QStringLiteral("same file again")).seconds), 0, 'f', 0);
    }
    if (big.contains(QStringLiteral("dry run"))) {
        lines << prefix
                + QStringLiteral("dry_run_seconds %1 s")
                      .arg(big.value(QStringLiteral("dry run")).seconds, 0, 'f', 2);
    }
    if (big.contains(QStringLiteral("invariants"))) {
        lines << prefix
                + QStringLiteral("invariants_hold %1 bool")
                      .arg(big.value(QStringLiteral("invariants")).seconds, 0, 'f', 0);
    }
    if (small.contains(QStringLiteral("first import"))) {
        lines << prefix
                + QStringLiteral("peak_small %1 MB")
                      .arg(small.value(QStringLiteral("first import")).peakMegabytes, 0, 'f', 1);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Import of a large Shopify orders export."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("lines"), QStringLiteral("Line items in the file (default 100000)."),
         QStringLiteral("N"), QStringLiteral("100000")},
        {QStringLiteral("skus"), QStringLiteral("Products in the catalogue (default 2000)."),
         QStringLiteral("N"), QStringLiteral("2000")},
        {QStringLiteral("pg"),
         QStringLiteral("PostgreSQL server to measure too (default $STOCKROOM_BENCH_PG)."),
         QStringLiteral("URL")},
        {QStringLiteral("no-baseline"), QStringLiteral("Skip the raw-SQL baseline.")},
        {QStringLiteral("no-sqlite"), QStringLiteral("PostgreSQL only (with --pg).")},
        {QStringLiteral("profile"),
         QStringLiteral("Only the first SQLite import of the big file (for profilers).")},
    });
    parser.process(app);
    const int lines = std::max(10, parser.value(QStringLiteral("lines")).toInt());
    const int skus = std::max(1, parser.value(QStringLiteral("skus")).toInt());
    QTemporaryDir dir;
    const QString big = dir.filePath(QStringLiteral("orders_export_big.csv"));
    const QString small = dir.filePath(QStringLiteral("orders_export_small.csv"));
    if (!generate(big, lines, skus) || !generate(small, lines / 5, skus)) {
        std::printf("cannot write the orders files with python3 %s\n",
                    STOCKROOM_BENCH_DIR "/make_shopify_orders.py");
        return 1;
    }
    std::printf("Order import: Shopify orders export, %d line items (%.1f MB), %d SKUs at 3 locations\n\n",
                lines, QFileInfo(big).size() / 1e6, skus);
    std::printf(
        "| engine | pass | lines | orders | seconds | lines/s | orders/s | peak memory MB | outcome |\n"
        "|---|---|---|---|---|---|---|---|---|\n");
    QStringList resultLines;
    if (parser.isSet(QStringLiteral("profile"))) {
        // The first import of the big file alone, for perf / callgrind / statement counts.
        run(QStringLiteral("SQLite"), QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("orders.db")),
            dir.path(), big, lines, skus, false);
    } else if (!parser.isSet(QStringLiteral("no-sqlite"))) {
        // Memory in the file size: the same import of a file five times smaller first.
        const QHash<QString, Timing> small5 = run(
            QStringLiteral("SQLite"), QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("small.db")),
            dir.path(), small, lines / 5, skus, false);
        const QHash<QString, Timing> sqlite = run(
            QStringLiteral("SQLite"), QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("orders.db")),
            dir.path(), big, lines, skus, true);
        const std::optional<double> sqliteRaw = parser.isSet(QStringLiteral("no-baseline"))
            ? std::nullopt
            : rawImport(QStringLiteral("SQLite"),
                        QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("raw.db")), dir.path(), big,
                        lines, skus);
        results(resultLines, QStringLiteral("sqlite"), lines, small5, sqlite, sqliteRaw);
    }
    const QString pg = parser.isSet(QStringLiteral("pg")) ? parser.value(QStringLiteral("pg"))
                                                          : qEnvironmentVariable("STOCKROOM_BENCH_PG");
    if (!pg.isEmpty()) {
        const QString connection = Bench::freshPostgresDatabase(
            pg, QStringLiteral("stockroom_orders_%1").arg(QCoreApplication::applicationPid()));
        if (!connection.isEmpty()) {
            const QHash<QString, Timing> postgres
                = run(QStringLiteral("PostgreSQL"), connection, dir.path(), big, lines, skus, true);
            std::optional<double> postgresRaw;
            if (!parser.isSet(QStringLiteral("no-baseline"))) {
                const QString rawConnection = Bench::freshPostgresDatabase(
                    pg, QStringLiteral("stockroom_orders_raw_%1").arg(QCoreApplication::applicationPid()));
                if (!rawConnection.isEmpty()) {
                    postgresRaw = rawImport(QStringLiteral("PostgreSQL"), rawConnection, dir.path(), big,
                                            lines, skus);
                }
            }
            results(resultLines, QStringLiteral("postgresql"), lines, {}, postgres, postgresRaw);
        }
    } else {
        std::printf("(PostgreSQL skipped: pass --pg URL or set STOCKROOM_BENCH_PG)\n");
    }
    std::printf("\n%s\n", qPrintable(resultLines.join(QLatin1Char('\n'))));
    return 0;
}
