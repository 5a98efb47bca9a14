// SPDX-License-Identifier: GPL-3.0-or-later
// How long a product file of 100,000 products with opening stock takes to import: parsing, checking against
// the database and writing products, levels and ledger rows in one transaction; then the same file again
// (nothing changes) and a dry run. Prints a table and, for scripts/bench.sh, `RESULT name value unit` lines;
// asserts nothing.

#include "benchsupport.h"
#include "catalogservice.h"
#include "connectionspec.h"
#include "migrations.h"
#include "productimporter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>

using namespace Stockroom;

namespace {

/** Our products format, with opening stock at one of three locations per row. */
bool writeFile(const QString &fileName, int products)
{
    QFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    const char *locations[] = {"LEEDS", "BRISTOL", "LONDON"};
    QByteArray out("sku,name,gtin,unit_cost,price,weight_grams,active,on_hand,location\n");
    for (int i = 0; i < products; ++i) {
        // GTIN-13 with its check digit, from 5060000000000 on.
        const QByteArray first12 = QByteArray::number(506000000000LL + i);
        int sum = 0;
        for (int d = 0; d < 12; ++d) {
            sum += (first12.at(d) - '0') * (d % 2 ? 3 : 1);
        }
        out += "BENCH-" + QByteArray::number(100000 + i) + ",\"Bench product " + QByteArray::number(i)
            + ", blue\"," + first12 + QByteArray::number((10 - sum % 10) % 10) + ","
            + QByteArray::number(1 + i % 50) + ".25," + QByteArray::number(3 + i % 90) + ".99,"
            + QByteArray::number(100 + i % 900) + ",1," + QByteArray::number(i % 40) + "," + locations[i % 3]
            + "\n";
        if (out.size() > (1 << 20)) {
            file.write(out);
            out.clear();
        }
    }
    file.write(out);
    return true;
}

void run(const QString &label, const QString &key, const QString &connection, const QString &fileName,
         QStringList &results)
{
    const Result<ConnectionSpec> spec = ConnectionSpec::parse(connection);
    Result<std::unique_ptr<Database>> opened
        = spec ? Database::open(*spec, QStringLiteral("bench")) : spec.error();
    if (!opened || !Migrations::migrate(**opened)) {
        std::printf("| %s | cannot open %s |\n", qPrintable(label), qPrintable(connection));
        return;
    }
    Database &db = **opened;
    ServiceContext context {db, Clock(), QStringLiteral("bench")};
    for (const char *code : {"LEEDS", "BRISTOL", "LONDON"}) {
        LocationRecord location;
        location.code = QString::fromLatin1(code);
        location.name = location.code;
        static_cast<void>(CatalogService(context).addLocation(location));
    }
    for (const auto &[pass, dryRun] : {std::pair {"first import", false},
                                       std::pair {"same file again", false}, std::pair {"dry run", true}}) {
        ProductImportRequest request;
        request.fileName = fileName;
        request.dryRun = dryRun;
        QElapsedTimer total;
        total.start();
        const Result<ProductImportReport> report = ProductImporter::run(context, request);
        const qint64 ms = total.elapsed();
        if (!report || !report->outcome.problems.isEmpty()) {
            std::printf("| %s | %s | failed: %s |\n", qPrintable(label), pass,
                        qPrintable(report ? report->outcome.problems.value(0) : report.error().message));
            continue;
        }
        const QString prefix = QStringLiteral("RESULT product_import.%1.").arg(key);
        const QString name = QString::fromLatin1(pass).replace(QLatin1Char(' '), QLatin1Char('_'));
        results << prefix + QStringLiteral("%1_seconds %2 s").arg(name).arg(ms / 1000.0, 0, 'f', 2);
        if (!dryRun && ms > 0) {
            results << prefix
                    + QStringLiteral("%1 %2 products/s")
                          .arg(name)
                          .arg(report->products * 1000.0 / ms, 0, 'f', 0);
        }
        const ImportOutcome &o = report->outcome;
        std::printf(
            "| %s | %s | %d | %.2f | %.2f | %.2f | %d new, %d changed, %d unchanged; %d levels set |\n",
            qPrintable(label), pass, report->products, report->parseMilliseconds / 1000.0,
            report->applyMilliseconds / 1000.0, ms / 1000.0, o.productsCreated, o.productsUpdated,
            o.productsUnchanged, o.stockChanged);
        std::fflush(stdout);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Product import of a large file."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("products"), QStringLiteral("Products in the file (default 100000)."),
         QStringLiteral("N"), QStringLiteral("100000")},
        {QStringLiteral("pg"),
         QStringLiteral("PostgreSQL server to measure too (default $STOCKROOM_BENCH_PG)."),
         QStringLiteral("URL")},
    });
    parser.process(app);
    const int products = std::max(1, parser.value(QStringLiteral("products")).toInt());
    QTemporaryDir dir;
    const QString fileName = dir.filePath(QStringLiteral("products.csv"));
    if (!writeFile(fileName, products)) {
        std::printf("cannot write %s\n", qPrintable(fileName));
        return 1;
    }
    std::printf("Product import: %d products with opening stock, file of %.1f MB\n\n", products,
                QFileInfo(fileName).size() / 1e6);
    std::printf("| engine | pass | products | parse s | check + write s | total s | outcome |\n"
                "|---|---|---|---|---|---|---|\n");
    QStringList results;
    run(QStringLiteral("SQLite"), QStringLiteral("sqlite"),
        QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("import.db")), fileName, results);
    const QString pg = parser.isSet(QStringLiteral("pg")) ? parser.value(QStringLiteral("pg"))
                                                          : qEnvironmentVariable("STOCKROOM_BENCH_PG");
    if (!pg.isEmpty()) {
        const QString connection = Bench::freshPostgresDatabase(
            pg, QStringLiteral("stockroom_import_%1").arg(QCoreApplication::applicationPid()));
        if (!connection.isEmpty()) {
            run(QStringLiteral("PostgreSQL"), QStringLiteral("postgresql"), connection, fileName, results);
        }
    } else {
        std::printf("(PostgreSQL skipped: pass --pg URL or set STOCKROOM_BENCH_PG)\n");
    }
    std::printf("\n%s\n", qPrintable(results.join(QLatin1Char('\n'))));
    return 0;
}
