// SPDX-License-Identifier: GPL-3.0-or-later
// How fast a Shopify orders export imports end to end: reading the file, placing every order through the
// placement service (routing, reservation, backorders, ledger rows, history, change log) in one
// transaction; then the same file again (nothing changes) and a dry run. The file is written by
// bench/make_shopify_orders.py with Shopify's real header. Peak memory is measured per import at two file
// sizes, to show it stays flat in the file size. Prints figures; asserts nothing.

#include "benchsupport.h"
#include "catalogservice.h"
#include "connectionspec.h"
#include "invariantchecker.h"
#include "migrations.h"
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
                 {QStringLiteral(STOCKROOM_BENCH_DIR "/make_shopify_orders.py"), fileName, QStringLiteral("--lines"),
                  QString::number(lines), QStringLiteral("--skus"), QString::number(skus)});
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
            stockFile.write(sku + "," + codes[l] + "," + QByteArray::number(10 + (i * 7 + l * 3) % 30) + "\n");
        }
    }
    productFile.close();
    stockFile.close();
    for (const QString &fileName : {products, stock}) {
        ProductImportRequest request;
        request.fileName = fileName;
        const Result<ProductImportReport> report = ProductImporter::run(context, request);
        if (!report || !report->outcome.problems.isEmpty()) {
            std::printf("%s\n", qPrintable(report ? report->outcome.problems.value(0) : report.error().message));
            return false;
        }
    }
    return true;
}

void run(const QString &label, const QString &connection, const QString &dir, const QString &fileName, int lines,
         int skus, bool passes)
{
    const Result<ConnectionSpec> spec = ConnectionSpec::parse(connection);
    Result<std::unique_ptr<Database>> opened = spec ? Database::open(*spec, QStringLiteral("bench")) : spec.error();
    if (!opened || !Migrations::migrate(**opened)) {
        std::printf("| %s | cannot open %s |\n", qPrintable(label), qPrintable(connection));
        return;
    }
    Database &db = **opened;
    ServiceContext context {db, Clock(), QStringLiteral("bench")};
    if (!seed(context, dir, skus)) {
        std::printf("| %s | cannot seed the catalogue |\n", qPrintable(label));
        return;
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
        {QStringLiteral("lines"), QStringLiteral("Line items in the file (default 100000)."), QStringLiteral("N"),
         QStringLiteral("100000")},
        {QStringLiteral("skus"), QStringLiteral("Products in the catalogue (default 2000)."), QStringLiteral("N"),
         QStringLiteral("2000")},
        {QStringLiteral("pg"), QStringLiteral("PostgreSQL server to measure too (default $STOCKROOM_BENCH_PG)."),
         QStringLiteral("URL")},
    });
    parser.process(app);
    const int lines = std::max(10, parser.value(QStringLiteral("lines")).toInt());
    const int skus = std::max(1, parser.value(QStringLiteral("skus")).toInt());
    QTemporaryDir dir;
    const QString big = dir.filePath(QStringLiteral("orders_export_big.csv"));
    const QString small = dir.filePath(QStringLiteral("orders_export_small.csv"));
    if (!generate(big, lines, skus) || !generate(small, lines / 5, skus)) {
        std::printf("cannot write the orders files with python3 %s\n", STOCKROOM_BENCH_DIR "/make_shopify_orders.py");
        return 1;
    }
    std::printf("Order import: Shopify orders export, %d line items (%.1f MB), %d SKUs at 3 locations\n\n", lines,
                QFileInfo(big).size() / 1e6, skus);
    std::printf("| engine | pass | lines | orders | seconds | lines/s | orders/s | peak memory MB | outcome |\n"
                "|---|---|---|---|---|---|---|---|---|\n");
    // Memory in the file size: the same import of a file five times smaller first.
    run(QStringLiteral("SQLite"), QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("small.db")), dir.path(),
        small, lines / 5, skus, false);
    run(QStringLiteral("SQLite"), QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("orders.db")), dir.path(),
        big, lines, skus, true);
    const QString pg = parser.isSet(QStringLiteral("pg")) ? parser.value(QStringLiteral("pg"))
                                                          : qEnvironmentVariable("STOCKROOM_BENCH_PG");
    if (!pg.isEmpty()) {
        const QString connection = Bench::freshPostgresDatabase(
            pg, QStringLiteral("stockroom_orders_%1").arg(QCoreApplication::applicationPid()));
        if (!connection.isEmpty()) {
            run(QStringLiteral("PostgreSQL"), connection, dir.path(), big, lines, skus, true);
        }
    } else {
        std::printf("(PostgreSQL skipped: pass --pg URL or set STOCKROOM_BENCH_PG)\n");
    }
    return 0;
}
