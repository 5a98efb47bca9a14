// SPDX-License-Identifier: GPL-3.0-or-later
// The product pane of the Inventory view on a product with 100,000 movements: the time from asking to the
// first page of its ledger (all locations and one), a page deep in its history, and the 90-day stock chart's
// query, each through the GUI's own worker thread as the view sees them. The database is built once (bulk
// inserts of a consistent ledger and its levels, among other products' movements) and kept for later runs.
// Not a test: it prints a table and, for scripts/bench.sh, `RESULT name value unit` lines.
#include "catalogservice.h"
#include "databaseworker.h"
#include "ledgermodel.h"
#include "migrations.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <functional>

using namespace Stockroom;

namespace {

const QString benchSku = QStringLiteral("LEDGER-BENCH");
const QStringList locationCodes {QStringLiteral("LEEDS"), QStringLiteral("BRISTOL"),
                                 QStringLiteral("LONDON")};
constexpr int OtherProducts = 50;
constexpr int OtherMovements = 1000; ///< per other product: the table is not the bench product's alone
constexpr int HistoryDays = 400;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

/** The first column of the first row, or fallback when there is none or the query failed. */
QVariant scalarOr(Database &db, const QString &sql, const Binds &binds, const QVariant &fallback)
{
    const Result<QVariant> value = db.scalar(sql, binds);
    return value && value->isValid() ? *value : fallback;
}

/** Level of one product at one location while its movements are generated. */
struct Balance
{
    int onHand = 0;
    int reserved = 0;
};

/** One product's ledger, oldest first, always consistent: receipts, reservations, shipments, corrections. */
struct Generator
{
    QRandomGenerator random {20260501};

    /** delta on hand, delta reserved and reason of the next movement at this balance. */
    std::tuple<int, int, QString> next(Balance &balance)
    {
        const int available = balance.onHand - balance.reserved;
        const int roll = int(random.bounded(100));
        if (balance.reserved > 0 && roll < 40) {
            const int qty = 1 + int(random.bounded(quint32(std::min(balance.reserved, 5))));
            balance.onHand -= qty;
            balance.reserved -= qty;
            return {-qty, -qty, QStringLiteral("ship")};
        }
        if (available > 0 && roll < 85) {
            const int qty = 1 + int(random.bounded(quint32(std::min(available, 5))));
            balance.reserved += qty;
            return {0, qty, QStringLiteral("reserve")};
        }
        if (available > 0 && roll < 88) {
            balance.onHand -= 1;
            return {-1, 0, QStringLiteral("adjust")};
        }
        const int qty = 20 + int(random.bounded(80));
        balance.onHand += qty;
        return {qty, 0, QStringLiteral("receipt")};
    }
};

/** Inserts rows of stock_movements, many per statement (one cached statement shape). */
class MovementWriter
{
public:
    explicit MovementWriter(Database &db)
        : m_db(db)
    {
    }

    Status add(qint64 product, qint64 location, int deltaOnHand, int deltaReserved, const QString &reason,
               const QString &at)
    {
        const bool shipped = reason == QLatin1String("ship");
        m_binds << product << location << deltaOnHand << deltaReserved << reason
                << (shipped ? QVariant(QStringLiteral("shipment")) : QVariant())
                << (shipped ? QVariant(qint64(1'000'000) + ++m_shipments) : QVariant()) << QString()
                << QStringLiteral("bench") << at;
        return ++m_rows == Batch ? flush() : Status {};
    }

    Status flush()
    {
        if (m_rows == 0) {
            return {};
        }
        QStringList rows;
        for (int i = 0; i < m_rows; ++i) {
            rows << QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        const Result<int> done = m_db.execute(
            QStringLiteral(
                "INSERT INTO stock_movements (product_id, location_id, delta_on_hand, delta_reserved, "
                "reason, ref_type, ref_id, note, user_name, created_at) VALUES %1")
                .arg(rows.join(QStringLiteral(", "))),
            m_binds);
        m_binds.clear();
        m_rows = 0;
        return statusOf(done);
    }

private:
    static constexpr int Batch = 200;
    Database &m_db;
    Binds m_binds;
    int m_rows = 0;
    qint64 m_shipments = 0;
};

/** Builds the database when the bench product is not there yet; its id, or 0. */
qint64 prepare(const ConnectionSpec &spec, int movements)
{
    Result<std::unique_ptr<Database>> opened = Database::open(spec, QStringLiteral("bench-prepare"));
    if (!opened || !Migrations::migrate(**opened)) {
        out() << "cannot open " << spec.displayString() << '\n';
        return 0;
    }
    Database &db = **opened;
    const QVariant existing
        = scalarOr(db, QStringLiteral("SELECT id FROM products WHERE sku = ?"), {benchSku}, {});
    if (existing.isValid()) {
        const qint64 have
            = scalarOr(db, QStringLiteral("SELECT count(*) FROM stock_movements WHERE product_id = ?"),
                       {existing}, 0)
                  .toLongLong();
        out() << "reusing " << spec.displayString() << " with " << have << " movements of " << benchSku
              << '\n';
        return existing.toLongLong();
    }
    if (scalarOr(db, QStringLiteral("SELECT count(*) FROM products"), {}, 1).toLongLong() > 0) {
        out() << "the database holds other products; start from an empty one\n";
        return 0;
    }
    QElapsedTimer timer;
    timer.start();
    ServiceContext context {db, Clock(), QStringLiteral("bench")};
    CatalogService catalog(context);
    QList<qint64> locations;
    for (int i = 0; i < locationCodes.size(); ++i) {
        LocationRecord location;
        location.code = locationCodes.at(i);
        location.name = locationCodes.at(i).left(1) + locationCodes.at(i).mid(1).toLower();
        location.priority = 10 * (i + 1);
        const Result<qint64> id = catalog.addLocation(location);
        if (!id) {
            out() << id.error().message << '\n';
            return 0;
        }
        locations << *id;
    }
    QList<qint64> products;
    for (int i = 0; i <= OtherProducts; ++i) {
        ProductRecord product;
        product.sku = i == 0 ? benchSku : QStringLiteral("OTHER-%1").arg(i, 3, 10, QLatin1Char('0'));
        product.name
            = i == 0 ? QStringLiteral("Much-moved product") : QStringLiteral("Other product %1").arg(i);
        product.unitCostCents = 250;
        product.priceCents = 900;
        const Result<qint64> id = catalog.addProduct(product);
        if (!id) {
            out() << id.error().message << '\n';
            return 0;
        }
        products << *id;
    }
    if (db.engine() == Engine::SQLite) {
        static_cast<void>(db.run(QStringLiteral("PRAGMA synchronous = OFF")));
    }

    // The bench product's movements and the others' interleaved in time, over HistoryDays days up to now.
    const int total = movements + OtherProducts * OtherMovements;
    const QDateTime end = QDateTime::currentDateTimeUtc();
    const qint64 spanMs = qint64(HistoryDays) * 24 * 3600 * 1000;
    Generator generator;
    QHash<QPair<qint64, qint64>, Balance> balances;
    const Status written = db.write([&]() -> Status {
        MovementWriter writer(db);
        int benchLeft = movements;
        for (int i = 0; i < total; ++i) {
            // The bench product's share of the remaining rows, so that both run to the end together.
            const bool bench = int(generator.random.bounded(quint32(total - i))) < benchLeft;
            benchLeft -= bench ? 1 : 0;
            const qint64 product
                = bench ? products.first() : products.at(1 + int(generator.random.bounded(OtherProducts)));
            const qint64 location = locations.at(int(generator.random.bounded(quint32(locations.size()))));
            Balance &balance = balances[{product, location}];
            const auto [deltaOnHand, deltaReserved, reason] = generator.next(balance);
            const QString at = toStoredTime(end.addMSecs(-spanMs + spanMs * i / total));
            STOCKROOM_CHECK(writer.add(product, location, deltaOnHand, deltaReserved, reason, at));
            if ((i + 1) % 50'000 == 0) {
                out() << "  " << i + 1 << " of " << total << " movements\n";
                out().flush();
            }
        }
        // No order holds these reservations: give them back, so that every invariant holds at the end.
        for (auto it = balances.begin(); it != balances.end(); ++it) {
            if (it->reserved > 0) {
                STOCKROOM_CHECK(writer.add(it.key().first, it.key().second, 0, -it->reserved,
                                           QStringLiteral("release"), toStoredTime(end)));
                it->reserved = 0;
            }
        }
        STOCKROOM_CHECK(writer.flush());
        for (auto it = balances.cbegin(); it != balances.cend(); ++it) {
            STOCKROOM_CHECK(
                statusOf(db.execute(QStringLiteral("INSERT INTO stock_levels (product_id, location_id, "
                                                   "on_hand, reserved) VALUES (?, ?, ?, ?)"),
                                    {it.key().first, it.key().second, it->onHand, it->reserved})));
        }
        return {};
    });
    if (!written) {
        out() << written.error().message << '\n';
        return 0;
    }
    static_cast<void>(db.run(QStringLiteral("ANALYZE")));
    out() << "built " << total << " movements (" << movements << " of " << benchSku << ") in "
          << timer.elapsed() / 1000.0 << " s\n";
    return products.first();
}

struct Figure
{
    QString what;
    QList<double> samples;
    QString key; ///< its name in the RESULT lines
};

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

/** Milliseconds from start() until the signal spy sees an answer, or -1 after 30 s. */
double timed(QSignalSpy &spy, const std::function<void()> &start)
{
    spy.clear();
    QElapsedTimer timer;
    timer.start();
    start();
    if (spy.isEmpty() && !spy.wait(30'000)) {
        return -1;
    }
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The product pane's ledger and chart on 100,000 movements."));
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("db"), QStringLiteral("Database (built when empty)."), QStringLiteral("URL"),
         QStringLiteral("sqlite:") + QDir::currentPath() + QStringLiteral("/ledger-view-bench.db")});
    parser.addOption({QStringLiteral("movements"),
                      QStringLiteral("Movements of the product when building (default 100000)."),
                      QStringLiteral("N"), QStringLiteral("100000")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Repetitions per figure (default 5)."),
                      QStringLiteral("N"), QStringLiteral("5")});
    parser.process(app);
    const Result<ConnectionSpec> spec = ConnectionSpec::parse(parser.value(QStringLiteral("db")));
    if (!spec) {
        out() << spec.error().message << '\n';
        return 2;
    }
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    const qint64 productId
        = prepare(*spec, std::max(1000, parser.value(QStringLiteral("movements")).toInt()));
    if (productId <= 0) {
        return 1;
    }

    // What the deep page and the location filter start from, read once.
    qint64 deepBefore = 0;
    qint64 locationId = 0;
    qint64 movements = 0;
    {
        Result<std::unique_ptr<Database>> db = Database::open(*spec, QStringLiteral("bench-read"));
        if (!db) {
            return 1;
        }
        movements
            = scalarOr(**db, QStringLiteral("SELECT count(*) FROM stock_movements WHERE product_id = ?"),
                       {productId}, 0)
                  .toLongLong();
        // 90% of the way down: the page a clerk reaches after scrolling through 450 pages.
        deepBefore
            = scalarOr(**db,
                       QStringLiteral("SELECT id FROM stock_movements WHERE product_id = ? ORDER BY id "
                                      "LIMIT 1 OFFSET ?"),
                       {productId, movements / 10}, 0)
                  .toLongLong();
        locationId = scalarOr(**db, QStringLiteral("SELECT id FROM locations WHERE code = ?"),
                              {locationCodes.last()}, 0)
                         .toLongLong();
    }

    // The GUI's worker thread, as the Session runs it.
    QThread thread;
    auto *worker = new DatabaseWorker(*spec);
    worker->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    thread.start();
    QSignalSpy opened(worker, &DatabaseWorker::opened);
    QMetaObject::invokeMethod(worker, [worker] { worker->open(); });
    if (!opened.wait(30'000) || !opened.first().at(0).toBool()) {
        out() << "the worker could not open the database\n";
        return 1;
    }

    Figure first {QStringLiteral("ledger: first page (200), all locations — LedgerModel"),
                  {},
                  QStringLiteral("first_page")};
    Figure firstOne {QStringLiteral("ledger: first page (200), one location — LedgerModel"),
                     {},
                     QStringLiteral("first_page_one_location")};
    Figure deep {
        QStringLiteral("ledger: page of 200 at 90% depth, all locations"), {}, QStringLiteral("deep_page")};
    Figure deepOne {QStringLiteral("ledger: page of 200 at 90% depth, one location"),
                    {},
                    QStringLiteral("deep_page_one_location")};
    Figure history {
        QStringLiteral("stock history, 90 days (per-day SQL aggregate)"), {}, QStringLiteral("history_90d")};
    Figure pane {QStringLiteral("product pane: record, levels, settings, 90-day history"),
                 {},
                 QStringLiteral("product_pane")};
    QSignalSpy pages(worker, &DatabaseWorker::ledgerFetched);
    QSignalSpy products(worker, &DatabaseWorker::productFetched);
    Result<std::unique_ptr<Database>> direct = Database::open(*spec, QStringLiteral("bench-direct"));
    if (!direct) {
        return 1;
    }
    const QString today = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
    for (int run = 0; run < runs; ++run) {
        {
            LedgerModel model(worker);
            QSignalSpy loaded(&model, &LedgerModel::loaded);
            first.samples << timed(loaded, [&] { model.setProductId(int(productId)); });
            if (model.rowCount() != LedgerModel::PageSize) {
                out() << "the first page has " << model.rowCount() << " rows\n";
                return 1;
            }
        }
        {
            LedgerModel model(worker);
            QSignalSpy loaded(&model, &LedgerModel::loaded);
            model.setLocationFilter(int(locationId)); // no product yet: nothing asked
            firstOne.samples << timed(loaded, [&] { model.setProductId(int(productId)); });
        }
        const quint64 a = DatabaseWorker::newRequestId();
        deep.samples << timed(pages, [&] {
            QMetaObject::invokeMethod(worker, [=] { worker->fetchLedger(a, productId, 0, deepBefore, 200); });
        });
        const quint64 b = DatabaseWorker::newRequestId();
        deepOne.samples << timed(pages, [&] {
            QMetaObject::invokeMethod(
                worker, [=] { worker->fetchLedger(b, productId, locationId, deepBefore, 200); });
        });
        const quint64 c = DatabaseWorker::newRequestId();
        pane.samples << timed(products, [&] {
            QMetaObject::invokeMethod(worker, [=] { worker->fetchProduct(c, benchSku, 90); });
        });
        QElapsedTimer timer;
        timer.start();
        const Result<QList<StockPoint>> points = StockRepository(**direct).stockHistory(productId, 90, today);
        history.samples << double(timer.nsecsElapsed()) / 1e6;
        if (!points) {
            out() << points.error().message << '\n';
            return 1;
        }
    }
    QMetaObject::invokeMethod(
        worker, [worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();

    out() << "\nProduct pane on " << movements << " movements of one product over " << locationCodes.size()
          << " locations (" << spec->displayString() << "), " << runs << " runs, "
          << QThread::idealThreadCount() << " cores\n\n";
    out() << "| figure | median | max |\n|---|---|---|\n";
    for (const Figure *figure : {&first, &firstOne, &deep, &deepOne, &history, &pane}) {
        out() << "| " << figure->what << " | " << QString::number(median(figure->samples), 'f', 1) << " ms | "
              << QString::number(*std::max_element(figure->samples.cbegin(), figure->samples.cend()), 'f', 1)
              << " ms |\n";
    }
    const QString engine
        = spec->engine == Engine::SQLite ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
    out() << '\n';
    for (const Figure *figure : {&first, &firstOne, &deep, &deepOne, &history, &pane}) {
        out() << "RESULT ledger_view." << engine << '.' << figure->key << ' '
              << QString::number(median(figure->samples), 'f', 2) << " ms\n";
    }
    return 0;
}
