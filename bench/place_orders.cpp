// SPDX-License-Identifier: GPL-3.0-or-later
// Order placement throughput: through the services versus a raw-SQL baseline doing the core of the same
// transaction with prepared statements, on SQLite (synchronous NORMAL and FULL) and PostgreSQL, with 1 and 4
// processes. Prints figures; it is not a test.
#include "benchsupport.h"
#include "catalogservice.h"
#include "migrations.h"
#include "orderservice.h"
#include "stockservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cstdio>

using namespace Stockroom;

namespace {

constexpr int Skus = 50;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QString skuName(int i)
{
    return QStringLiteral("BENCH-%1").arg(i, 3, 10, QLatin1Char('0'));
}

/** Products with plenty of stock at three locations, so that every order allocates. */
bool seed(const ConnectionSpec &spec)
{
    Result<std::unique_ptr<Database>> db = Database::open(spec, QStringLiteral("seed"));
    if (!db || !Migrations::migrate(**db)) {
        std::fprintf(stderr, "seed: cannot open %s\n", qPrintable(spec.displayString()));
        return false;
    }
    if (spec.engine == Engine::SQLite) {
        static_cast<void>((*db)->run(QStringLiteral("PRAGMA synchronous = OFF")));
    }
    ServiceContext context {**db, Clock(), QStringLiteral("bench")};
    CatalogService catalog(context);
    StockService stock(context);
    const QStringList locations {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")};
    for (int i = 0; i < locations.size(); ++i) {
        LocationRecord location;
        location.code = locations.at(i);
        location.name = QStringLiteral("Location ") + locations.at(i);
        location.priority = 10 * (i + 1);
        if (!catalog.addLocation(location)) {
            return false;
        }
    }
    for (int i = 0; i < Skus; ++i) {
        ProductRecord product;
        product.sku = skuName(i);
        product.name = QStringLiteral("Bench product %1").arg(i);
        product.priceCents = 999;
        if (!catalog.addProduct(product)) {
            return false;
        }
        for (const QString &location : locations) {
            if (!stock.receive(product.sku, location, 900'000)) {
                return false;
            }
        }
    }
    return true;
}

/** The baseline: the guarded reservation, the order, its line, the allocation and the ledger row. */
class RawPlacer
{
public:
    explicit RawPlacer(Database &db)
        : m_db(db)
        , m_reserve(db.connection())
        , m_order(db.connection())
        , m_line(db.connection())
        , m_allocation(db.connection())
        , m_ledger(db.connection())
    {
        m_reserve.prepare(
            QStringLiteral("UPDATE stock_levels SET reserved = reserved + ? "
                           "WHERE product_id = ? AND location_id = ? AND on_hand - reserved >= ?"));
        m_order.prepare(
            QStringLiteral("INSERT INTO orders (status, placed_at, updated_at) VALUES ('allocated', ?, ?) "
                           "RETURNING id"));
        m_line.prepare(
            QStringLiteral("INSERT INTO order_lines (order_id, line_no, product_id, qty) VALUES (?, 1, ?, 1) "
                           "RETURNING id"));
        m_allocation.prepare(
            QStringLiteral("INSERT INTO allocations (order_line_id, location_id, qty, created_at) "
                           "VALUES (?, ?, 1, ?)"));
        m_ledger.prepare(
            QStringLiteral("INSERT INTO stock_movements (product_id, location_id, delta_on_hand, "
                           "delta_reserved, reason, ref_type, ref_id, created_at) "
                           "VALUES (?, ?, 0, 1, 'reserve', 'order', ?, ?)"));
    }

    bool place(qint64 productId, qint64 locationId)
    {
        const Result<bool> placed = m_db.write<bool>([&]() -> Result<bool> {
            const QString now = toStoredTime(QDateTime::currentDateTimeUtc());
            if (!exec(m_reserve, {1, productId, locationId, 1}) || m_reserve.numRowsAffected() != 1) {
                return fail(m_reserve);
            }
            if (!exec(m_order, {now, now}) || !m_order.next()) {
                return fail(m_order);
            }
            const qint64 orderId = m_order.value(0).toLongLong();
            m_order.finish();
            if (!exec(m_line, {orderId, productId}) || !m_line.next()) {
                return fail(m_line);
            }
            const qint64 lineId = m_line.value(0).toLongLong();
            m_line.finish();
            if (!exec(m_allocation, {lineId, locationId, now})
                || !exec(m_ledger, {productId, locationId, orderId, now})) {
                return fail(m_ledger);
            }
            return true;
        });
        return placed.ok();
    }

private:
    static bool exec(QSqlQuery &query, const QVariantList &values)
    {
        for (int i = 0; i < values.size(); ++i) {
            query.bindValue(i, values.at(i));
        }
        return query.exec();
    }
    Error fail(const QSqlQuery &query) const
    {
        return m_db.toError(query.lastError(), QStringLiteral("raw placement"));
    }

    Database &m_db;
    QSqlQuery m_reserve;
    QSqlQuery m_order;
    QSqlQuery m_line;
    QSqlQuery m_allocation;
    QSqlQuery m_ledger;
};

/** One process: place orders for the given time, print {"tx", "errors", "latencies_us": [sorted sample]}. */
int runChild(const QString &connection, const QString &mode, double seconds, quint32 seed)
{
    Result<ConnectionSpec> spec = ConnectionSpec::parse(connection);
    Result<std::unique_ptr<Database>> db
        = spec ? Database::open(*spec, QStringLiteral("bench")) : spec.error();
    if (!db) {
        std::fprintf(stderr, "child: %s\n", qPrintable(db.error().message));
        return 3;
    }
    QRandomGenerator random(seed);
    ServiceContext context {**db, Clock(), QStringLiteral("bench")};
    OrderService orders(context);
    RawPlacer raw(**db);
    const bool services = mode == QLatin1String("services");
    QList<qint64> productIds;
    qint64 locationId = 0;
    if (!services) {
        const Rows products = (*db)->select(QStringLiteral("SELECT id FROM products ORDER BY sku")).value();
        for (const Row &row : products) {
            productIds << row.value(0).toLongLong();
        }
        locationId
            = (*db)->scalar(QStringLiteral("SELECT id FROM locations WHERE code = 'A'")).value().toLongLong();
    }
    QList<qint64> latencies;
    int errors = 0;
    QElapsedTimer total;
    total.start();
    while (total.elapsed() < seconds * 1000) {
        QElapsedTimer one;
        one.start();
        const int sku = random.bounded(Skus);
        bool ok = false;
        if (services) {
            PlaceOrderRequest request;
            request.lines = {{skuName(sku), 1, {}}};
            const Result<PlacedOrder> placed = orders.place(request);
            ok = placed && placed->status == QLatin1String("allocated");
        } else {
            ok = raw.place(productIds.at(sku), locationId);
        }
        latencies << one.nsecsElapsed() / 1000;
        errors += ok ? 0 : 1;
    }
    std::sort(latencies.begin(), latencies.end());
    QJsonArray sample;
    for (qint64 latency : std::as_const(latencies)) {
        sample.append(double(latency));
    }
    out() << QJsonDocument(QJsonObject {{QStringLiteral("tx"), int(latencies.size())},
                                        {QStringLiteral("errors"), errors},
                                        {QStringLiteral("seconds"), total.elapsed() / 1000.0},
                                        {QStringLiteral("latencies_us"), sample}})
                 .toJson(QJsonDocument::Compact)
          << '\n';
    out().flush();
    return errors == 0 ? 0 : 1;
}

struct Figure
{
    double txPerSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
    double slowestProcessShare = 0; ///< the slowest process's share of the fair share (1.0 = perfectly fair)
    int errors = 0;
};

Figure runProcesses(const QString &self, const QString &connection, const QString &mode, int processes,
                    double seconds)
{
    QList<QProcess *> children;
    for (int i = 0; i < processes; ++i) {
        auto *child = new QProcess;
        child->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child->start(self,
                     {QStringLiteral("--child"), QStringLiteral("--db"), connection, QStringLiteral("--mode"),
                      mode, QStringLiteral("--seconds"), QString::number(seconds), QStringLiteral("--seed"),
                      QString::number(1000 + i)});
        children << child;
    }
    Figure figure;
    QList<double> all;
    QList<int> perProcess;
    double longest = 0;
    for (QProcess *child : std::as_const(children)) {
        child->waitForFinished(int(seconds * 1000) + 120'000);
        const QJsonObject result = QJsonDocument::fromJson(child->readAllStandardOutput()).object();
        perProcess << result.value(QStringLiteral("tx")).toInt();
        figure.errors += result.value(QStringLiteral("errors")).toInt();
        longest = std::max(longest, result.value(QStringLiteral("seconds")).toDouble());
        for (const QJsonValue &value : result.value(QStringLiteral("latencies_us")).toArray()) {
            all << value.toDouble();
        }
        delete child;
    }
    std::sort(all.begin(), all.end());
    int sum = 0;
    for (int tx : std::as_const(perProcess)) {
        sum += tx;
    }
    if (!all.isEmpty() && longest > 0) {
        figure.txPerSecond = sum / longest;
        figure.p50Ms = all.at(all.size() / 2) / 1000.0;
        figure.p99Ms = all.at(std::min<qsizetype>(all.size() - 1, all.size() * 99 / 100)) / 1000.0;
        figure.maxMs = all.last() / 1000.0;
        figure.slowestProcessShare
            = *std::min_element(perProcess.cbegin(), perProcess.cend()) / (double(sum) / processes);
    }
    return figure;
}

QString fresh(const QString &engine, const QString &synchronous, QTemporaryDir &dir, const QString &pgAdmin,
              int round)
{
    if (engine == QLatin1String("sqlite")) {
        return QStringLiteral("sqlite:%1?synchronous=%2")
            .arg(dir.filePath(QStringLiteral("bench-%1.db").arg(round)), synchronous);
    }
    return Bench::freshPostgresDatabase(
        pgAdmin, QStringLiteral("stockroom_bench_%1_%2").arg(QCoreApplication::applicationPid()).arg(round));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Order placement throughput: services versus raw SQL."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("child"), QStringLiteral("Internal: run as one placing process.")},
        {QStringLiteral("db"), QStringLiteral("Internal: database of a child."), QStringLiteral("CONN")},
        {QStringLiteral("mode"), QStringLiteral("Internal: services or raw."), QStringLiteral("MODE")},
        {QStringLiteral("seed"), QStringLiteral("Internal: random seed of a child."), QStringLiteral("N")},
        {QStringLiteral("seconds"), QStringLiteral("Seconds per measurement (default 5)."),
         QStringLiteral("S"), QStringLiteral("5")},
        {QStringLiteral("pg"),
         QStringLiteral("PostgreSQL server to measure too (default $STOCKROOM_BENCH_PG)."),
         QStringLiteral("URL")},
        {QStringLiteral("processes"), QStringLiteral("Process counts, comma-separated (default 1,4)."),
         QStringLiteral("LIST"), QStringLiteral("1,4")},
    });
    parser.process(app);
    const double seconds = std::max(0.5, parser.value(QStringLiteral("seconds")).toDouble());
    if (parser.isSet(QStringLiteral("child"))) {
        return runChild(parser.value(QStringLiteral("db")), parser.value(QStringLiteral("mode")), seconds,
                        parser.value(QStringLiteral("seed")).toUInt());
    }

    const QString pg = parser.isSet(QStringLiteral("pg")) ? parser.value(QStringLiteral("pg"))
                                                          : qEnvironmentVariable("STOCKROOM_BENCH_PG");
    struct Config
    {
        QString engine;
        QString synchronous;
        QString label;
    };
    QList<Config> configs {
        {QStringLiteral("sqlite"), QStringLiteral("normal"), QStringLiteral("SQLite, synchronous=NORMAL")},
        {QStringLiteral("sqlite"), QStringLiteral("full"), QStringLiteral("SQLite, synchronous=FULL")}};
    if (!pg.isEmpty()) {
        configs << Config {QStringLiteral("postgresql"), {}, QStringLiteral("PostgreSQL")};
    } else {
        out() << "(PostgreSQL skipped: pass --pg URL or set STOCKROOM_BENCH_PG)\n";
    }
    QList<int> processCounts;
    for (const QString &count : parser.value(QStringLiteral("processes")).split(QLatin1Char(','))) {
        processCounts << std::max(1, count.toInt());
    }

    QTemporaryDir dir;
    int round = 0;
    out() << QStringLiteral("Order placement, one line per order, %1 s per figure, %2 cores\n\n")
                 .arg(seconds)
                 .arg(QThread::idealThreadCount());
    out() << QStringLiteral("| engine | processes | services tx/s | raw SQL tx/s | ratio | services p50 / "
                            "p99 / max ms | raw p99 / max ms | slowest process (share of fair) |\n");
    out() << "|---|---|---|---|---|---|---|---|\n";
    out().flush();
    for (const Config &config : std::as_const(configs)) {
        for (int processes : std::as_const(processCounts)) {
            Figure figures[2];
            const QStringList modes {QStringLiteral("services"), QStringLiteral("raw")};
            for (int m = 0; m < 2; ++m) {
                const QString connection = fresh(config.engine, config.synchronous, dir, pg, ++round);
                const Result<ConnectionSpec> spec = ConnectionSpec::parse(connection);
                if (connection.isEmpty() || !spec || !seed(*spec)) {
                    std::fprintf(stderr, "cannot prepare %s\n", qPrintable(config.label));
                    return 3;
                }
                figures[m]
                    = runProcesses(app.applicationFilePath(), connection, modes.at(m), processes, seconds);
            }
            const Figure &s = figures[0];
            const Figure &r = figures[1];
            out() << QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 / %7 / %8 | %9 / %10 | %11 |\n")
                         .arg(config.label)
                         .arg(processes)
                         .arg(s.txPerSecond, 0, 'f', 0)
                         .arg(r.txPerSecond, 0, 'f', 0)
                         .arg(r.txPerSecond > 0 ? s.txPerSecond / r.txPerSecond : 0, 0, 'f', 2)
                         .arg(s.p50Ms, 0, 'f', 2)
                         .arg(s.p99Ms, 0, 'f', 2)
                         .arg(s.maxMs, 0, 'f', 1)
                         .arg(r.p99Ms, 0, 'f', 2)
                         .arg(r.maxMs, 0, 'f', 1)
                         .arg(s.slowestProcessShare, 0, 'f', 2);
            out().flush();
            if (s.errors + r.errors > 0) {
                out() << QStringLiteral("  (errors: services %1, raw %2)\n").arg(s.errors).arg(r.errors);
            }
        }
    }
    return 0;
}
