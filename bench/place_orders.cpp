// SPDX-License-Identifier: GPL-3.0-or-later
// Order placement throughput: through the services versus a raw-SQL baseline that writes the same rows by hand
// with prepared statements (FullPlacer), on SQLite (synchronous NORMAL and FULL) and PostgreSQL, with 1 and 4
// processes. On SQLite the baseline runs a second time through SQLite's C API (no QtSql: that is how the store
// runs the services' own statements there); the older, narrower "core rows only" baseline is reported too.
// Before measuring, a rows check places the same orders through the services and each full baseline and
// compares rows per table and stock levels: it stops the benchmark (exit 1) when they differ. Prints a table
// and, for scripts/bench.sh, one `RESULT name value unit` line per figure; it is not a test.
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
#include <QSqlDriver>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

#include <sqlite3.h>

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

/**
 * The old, narrower baseline ("core rows"): the guarded reservation, the order, its line, the allocation and
 * the ledger row only — no lookups, history, search text or change log. Reported for comparison.
 */
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

/**
 * One prepared statement of the full baseline, run either through QtSql or, on SQLite, through SQLite's C
 * API on Qt's own connection (how the store runs the services' statements there). exec() binds the values
 * in order and keeps the first row's values.
 */
class RawStatement
{
public:
    RawStatement(Database &db, sqlite3 *sqlite, const QString &sql)
        : m_sqlite(sqlite)
        , m_query(db.connection())
    {
        if (m_sqlite) {
            const QByteArray text = sql.toUtf8();
            if (sqlite3_prepare_v3(m_sqlite, text.constData(), int(text.size()), SQLITE_PREPARE_PERSISTENT,
                                   &m_statement, nullptr)
                != SQLITE_OK) {
                std::fprintf(stderr, "prepare failed: %s\n", sqlite3_errmsg(m_sqlite));
            }
        } else if (!m_query.prepare(sql)) {
            std::fprintf(stderr, "prepare failed: %s\n", qPrintable(m_query.lastError().text()));
        }
        m_query.setForwardOnly(true);
    }
    ~RawStatement() { sqlite3_finalize(m_statement); }
    RawStatement(const RawStatement &) = delete;
    RawStatement &operator=(const RawStatement &) = delete;

    bool exec(const QVariantList &values)
    {
        m_row.clear();
        if (!m_sqlite) {
            for (int i = 0; i < values.size(); ++i) {
                m_query.bindValue(i, values.at(i));
            }
            if (!m_query.exec()) {
                m_error = m_query.lastError().text();
                return false;
            }
            m_changes = m_query.numRowsAffected();
            if (m_query.isSelect() && m_query.next()) {
                for (int i = 0; i < m_query.record().count(); ++i) {
                    m_row << m_query.value(i);
                }
            }
            m_query.finish();
            return true;
        }
        QList<QByteArray> texts; // alive until the step: bound as SQLITE_STATIC
        texts.reserve(values.size());
        for (int i = 0; i < values.size(); ++i) {
            const QVariant &value = values.at(i);
            if (value.isNull()) {
                sqlite3_bind_null(m_statement, i + 1);
            } else if (value.typeId() == QMetaType::QString) {
                texts << value.toString().toUtf8();
                sqlite3_bind_text(m_statement, i + 1, texts.last().constData(), int(texts.last().size()),
                                  SQLITE_STATIC);
            } else {
                sqlite3_bind_int64(m_statement, i + 1, value.toLongLong());
            }
        }
        int stepped = sqlite3_step(m_statement);
        if (stepped == SQLITE_ROW) {
            for (int i = 0; i < sqlite3_column_count(m_statement); ++i) {
                if (sqlite3_column_type(m_statement, i) == SQLITE_INTEGER) {
                    m_row << QVariant(qlonglong(sqlite3_column_int64(m_statement, i)));
                } else {
                    m_row << QVariant(QString::fromUtf8(
                        reinterpret_cast<const char *>(sqlite3_column_text(m_statement, i))));
                }
            }
            while ((stepped = sqlite3_step(m_statement)) == SQLITE_ROW) { }
        }
        m_changes = sqlite3_changes(m_sqlite);
        if (stepped != SQLITE_DONE) {
            m_error = QString::fromUtf8(sqlite3_errmsg(m_sqlite));
        }
        sqlite3_reset(m_statement);
        return stepped == SQLITE_DONE;
    }
    /** The first row's values of the last exec (empty: no row). */
    const QVariantList &row() const { return m_row; }
    int changes() const { return m_changes; }
    qint64 lastInsertId() const { return m_sqlite ? sqlite3_last_insert_rowid(m_sqlite) : 0; }
    const QString &error() const { return m_error; }

private:
    sqlite3 *m_sqlite = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QSqlQuery m_query;
    QVariantList m_row;
    int m_changes = 0;
    QString m_error;
};

/**
 * The fair baseline: by hand, the same rows one placement through the services writes, with prepared
 * statements and nothing else — the channel's rules, the product by SKU with its stock per location (the
 * first location with the units, as routing picks for one line), the guarded reservation, the order, its
 * line, the allocation, the ledger row, the "placed" history event, the order's search text (composed here,
 * as the database would) and the two change-log rows (stock level and order) with the NOTIFY on PostgreSQL.
 * `viaC`: on SQLite, through SQLite's C API instead of QtSql.
 */
class FullPlacer
{
public:
    FullPlacer(Database &db, bool viaC)
        : m_db(db)
        , m_sqlite(viaC ? sqliteHandle(db) : nullptr)
        , m_postgres(db.engine() == Engine::PostgreSQL)
    {
        const QString now = m_postgres ? QStringLiteral("to_char(clock_timestamp() AT TIME ZONE 'UTC', "
                                                        "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')")
                                       : QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
        const QString changes
            = QStringLiteral("INSERT INTO change_log (entity, entity_id, op, user_name, at) VALUES "
                             "('stock', ?, 'update', ?, %1), ('order', ?, 'insert', ?, %1)")
                  .arg(now);
        const QString returning = m_sqlite ? QString() : QStringLiteral(" RETURNING id");
        auto make = [&](const QString &sql) { return std::make_unique<RawStatement>(db, m_sqlite, sql); };
        m_channel = make(QStringLiteral("SELECT pay_later, ship_from FROM channels WHERE name = ?"));
        m_product = make(QStringLiteral(
            "SELECT p.id, p.price_cents, p.active, s.location_id, s.on_hand - s.reserved FROM products p "
            "JOIN stock_levels s ON s.product_id = p.id JOIN locations l ON l.id = s.location_id AND "
            "l.active = 1 "
            "WHERE p.sku = ? ORDER BY l.priority, l.id"));
        m_reserve
            = make(QStringLiteral("UPDATE stock_levels SET reserved = reserved + ? "
                                  "WHERE product_id = ? AND location_id = ? AND on_hand - reserved >= ?"));
        m_order
            = make(QStringLiteral("INSERT INTO orders (channel, status, payment_status, routing_explanation, "
                                  "total_cents, placed_at, updated_at, updated_by) "
                                  "VALUES (?, 'allocated', 'pending', ?, ?, ?, ?, ?)")
                   + returning);
        m_line = make(QStringLiteral("INSERT INTO order_lines (order_id, line_no, product_id, qty, "
                                     "unit_price_cents) VALUES (?, 1, ?, ?, ?)")
                      + returning);
        m_allocation
            = make(QStringLiteral("INSERT INTO allocations (order_line_id, location_id, qty, status, "
                                  "created_at) VALUES (?, ?, ?, 'open', ?)"));
        m_ledger = make(QStringLiteral("INSERT INTO stock_movements (product_id, location_id, delta_on_hand, "
                                       "delta_reserved, reason, ref_type, ref_id, user_name, created_at) "
                                       "VALUES (?, ?, 0, ?, 'reserve', 'order', ?, ?, ?)"));
        m_event = make(QStringLiteral("INSERT INTO order_events (order_id, kind, detail, amount_cents, "
                                      "user_name, at) VALUES (?, 'placed', ?, 0, ?, ?)"));
        m_search = make(m_postgres ? QStringLiteral("INSERT INTO order_search (order_id, body) VALUES (?, ?)")
                                   : QStringLiteral("INSERT INTO order_search (rowid, body) VALUES (?, ?)"));
        m_changes = make(m_postgres ? QStringLiteral("WITH inserted AS (%1 RETURNING seq) SELECT "
                                                     "pg_notify('stockroom', max(seq)::text) FROM inserted")
                                          .arg(changes)
                                    : changes);
    }

    static sqlite3 *sqliteHandle(Database &db)
    {
        const QVariant handle = db.connection().driver()->handle();
        if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
            return nullptr;
        }
        return *static_cast<sqlite3 *const *>(handle.constData());
    }

    bool place(const QString &sku, const QString &user)
    {
        const Result<bool> placed = m_db.write<bool>([&]() -> Result<bool> {
            const QString now = toStoredTime(QDateTime::currentDateTimeUtc());
            const QString channel = QStringLiteral("manual");
            const int qty = 1;
            if (!m_channel->exec({channel})) {
                return fail(*m_channel);
            }
            const QStringList shipFrom = m_channel->row().isEmpty()
                ? QStringList()
                : m_channel->row().value(1).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
            if (!m_product->exec({sku}) || m_product->row().isEmpty()) {
                return fail(*m_product);
            }
            // One line, stock everywhere: the first location by priority has the units, as routing picks.
            const qint64 productId = m_product->row().value(0).toLongLong();
            const qint64 price = m_product->row().value(1).toLongLong();
            const qint64 locationId = m_product->row().value(3).toLongLong();
            if (m_product->row().value(4).toInt() < qty || !shipFrom.isEmpty()) {
                return Error::business(QStringLiteral("the benchmark's stock ran out"));
            }
            if (!m_reserve->exec({qty, productId, locationId, qty}) || m_reserve->changes() != 1) {
                return fail(*m_reserve);
            }
            const QString explanation = QStringLiteral("all from A (highest priority with stock)");
            const qint64 orderId = insert(*m_order, {channel, explanation, price * qty, now, now, user});
            if (orderId <= 0) {
                return fail(*m_order);
            }
            const qint64 lineId = insert(*m_line, {orderId, productId, qty, price});
            if (lineId <= 0) {
                return fail(*m_line);
            }
            if (!m_allocation->exec({lineId, locationId, qty, now})) {
                return fail(*m_allocation);
            }
            if (!m_ledger->exec({productId, locationId, qty, orderId, user, now})) {
                return fail(*m_ledger);
            }
            if (!m_event->exec({orderId, QStringLiteral("placed: ") + explanation, user, now})) {
                return fail(*m_event);
            }
            // What Dialect::orderSearchText composes: name, e-mail, external id, channel, SKUs, tracking.
            if (!m_search->exec(
                    {orderId, QStringLiteral("   ") + channel + QLatin1Char(' ') + sku + QLatin1Char(' ')})) {
                return fail(*m_search);
            }
            const QString stockKey
                = QString::number(productId) + QLatin1Char(':') + QString::number(locationId);
            if (!m_changes->exec({stockKey, user, QString::number(orderId), user})) {
                return fail(*m_changes);
            }
            return true;
        });
        if (!placed) {
            std::fprintf(stderr, "full baseline: %s\n", qPrintable(placed.error().message));
        }
        return placed.ok();
    }

private:
    qint64 insert(RawStatement &statement, const QVariantList &values)
    {
        if (!statement.exec(values)) {
            return 0;
        }
        return m_sqlite ? statement.lastInsertId() : statement.row().value(0).toLongLong();
    }
    Error fail(const RawStatement &statement) const
    {
        return Error::database(QStringLiteral("raw placement: ") + statement.error());
    }

    Database &m_db;
    sqlite3 *m_sqlite = nullptr;
    bool m_postgres = false;
    std::unique_ptr<RawStatement> m_channel, m_product, m_reserve, m_order, m_line, m_allocation, m_ledger,
        m_event, m_search, m_changes;
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
    const bool services = mode == QLatin1String("services");
    const bool core = mode == QLatin1String("core");
    std::optional<RawPlacer> raw;
    std::optional<FullPlacer> full;
    if (core) {
        raw.emplace(**db);
    } else if (!services) {
        full.emplace(**db, mode == QLatin1String("rawc"));
        if (mode == QLatin1String("rawc") && !FullPlacer::sqliteHandle(**db)) {
            std::fprintf(stderr, "child: the C API baseline needs SQLite\n");
            return 3;
        }
    }
    QList<qint64> productIds;
    qint64 locationId = 0;
    if (core) {
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
            OrderLineRequest line;
            line.sku = skuName(sku);
            line.qty = 1;
            PlaceOrderRequest request;
            request.lines = {line};
            const Result<PlacedOrder> placed = orders.place(request);
            ok = placed && placed->status == QLatin1String("allocated");
        } else if (core) {
            ok = raw->place(productIds.at(sku), locationId);
        } else {
            ok = full->place(skuName(sku), context.userName);
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

/** What a database holds after placements: rows per table, and every stock level. */
QStringList snapshot(Database &db)
{
    QStringList lines;
    for (const char *table :
         {"orders", "order_lines", "order_unmatched_lines", "allocations", "stock_movements", "order_events",
          "order_search", "change_log", "customers", "stock_levels"}) {
        // Our own table names, never input.
        const Result<QVariant> count
            = db.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table)));
        lines << QStringLiteral("%1 rows: %2")
                     .arg(QLatin1String(table), count ? count->toString() : QStringLiteral("?"));
    }
    // And what kind of rows: orders by status, history by kind, ledger by reason, change log by entity and op.
    const QList<QPair<QString, QString>> groups {
        {QStringLiteral("orders by status"),
         QStringLiteral("SELECT status, count(*) FROM orders GROUP BY status")},
        {QStringLiteral("history by kind"),
         QStringLiteral("SELECT kind, count(*) FROM order_events GROUP BY kind")},
        {QStringLiteral("ledger by reason"),
         QStringLiteral("SELECT reason, count(*) FROM stock_movements GROUP BY reason")},
        {QStringLiteral("change log by entity and op"),
         QStringLiteral("SELECT entity || ' ' || op, count(*) FROM change_log GROUP BY entity, op")}};
    for (const auto &[what, sql] : groups) {
        const Result<Rows> rows = db.select(sql + QStringLiteral(" ORDER BY 1"));
        QStringList counts;
        for (const Row &row : rows ? *rows : Rows()) {
            counts << row.value(0).toString() + QLatin1Char('=') + row.value(1).toString();
        }
        lines << what + QStringLiteral(": ") + counts.join(QStringLiteral(", "));
    }
    const Result<Rows> levels
        = db.select(QStringLiteral("SELECT p.sku, l.code, s.on_hand, s.reserved FROM stock_levels s JOIN "
                                   "products p ON p.id = s.product_id "
                                   "JOIN locations l ON l.id = s.location_id ORDER BY p.sku, l.code"));
    QStringList stock;
    for (const Row &row : levels ? *levels : Rows()) {
        stock << QStringLiteral("%1@%2=%3/%4")
                     .arg(row.value(0).toString(), row.value(1).toString(), row.value(2).toString(),
                          row.value(3).toString());
    }
    lines << QStringLiteral("stock levels (on hand/reserved): %1 rows, checksum %2")
                 .arg(stock.size())
                 .arg(qHash(stock.join(QLatin1Char(' '))));
    return lines;
}

/**
 * The proof that the full baseline writes what the services write: the same orders (the same SKUs in the
 * same sequence) placed on fresh databases by the services and by each baseline, then rows per table and
 * the stock levels compared. Returns false, after printing the difference, when they differ.
 */
bool checkRows(const QString &label, const QList<QString> &connections, const QStringList &modes, int orders)
{
    QList<QStringList> snapshots;
    for (int m = 0; m < modes.size(); ++m) {
        const Result<ConnectionSpec> spec = ConnectionSpec::parse(connections.at(m));
        if (!spec || !seed(*spec)) {
            return false;
        }
        Result<std::unique_ptr<Database>> db = Database::open(*spec, QStringLiteral("bench-check"));
        if (!db) {
            return false;
        }
        ServiceContext context {**db, Clock(), QStringLiteral("bench")};
        OrderService service(context);
        std::optional<FullPlacer> full;
        if (modes.at(m) != QLatin1String("services")) {
            full.emplace(**db, modes.at(m) == QLatin1String("rawc"));
        }
        for (int i = 0; i < orders; ++i) {
            const QString sku = skuName((i * 7) % Skus);
            bool ok = false;
            if (full) {
                ok = full->place(sku, context.userName);
            } else {
                OrderLineRequest line;
                line.sku = sku;
                line.qty = 1;
                PlaceOrderRequest request;
                request.lines = {line};
                const Result<PlacedOrder> placed = service.place(request);
                ok = placed && placed->status == QLatin1String("allocated");
            }
            if (!ok) {
                std::fprintf(stderr, "rows check: %s could not place an order\n", qPrintable(modes.at(m)));
                return false;
            }
        }
        snapshots << snapshot(**db);
    }
    bool same = true;
    out() << QStringLiteral("Rows check, %1, %2 orders each (%3):\n")
                 .arg(label)
                 .arg(orders)
                 .arg(modes.join(QStringLiteral(" / ")));
    for (int i = 0; i < snapshots.first().size(); ++i) {
        QStringList values;
        bool lineSame = true;
        for (const QStringList &snap : std::as_const(snapshots)) {
            values << snap.at(i);
            lineSame = lineSame && snap.at(i) == snapshots.first().at(i);
        }
        same = same && lineSame;
        out() << QStringLiteral("  %1 %2\n")
                     .arg(lineSame ? QStringLiteral("same:") : QStringLiteral("DIFFERENT:"),
                          lineSame ? values.first() : values.join(QStringLiteral(" | ")));
    }
    out() << (same ? "  => the baselines write the same rows as the services\n\n"
                   : "  => the baselines do NOT write what the services write\n\n");
    out().flush();
    return same;
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

/** Drops the PostgreSQL databases this run made (stockroom_bench_PID_1 … _rounds), so that none pile up. */
void dropPostgresDatabases(const QString &pgAdmin, int rounds)
{
    const Result<ConnectionSpec> admin = ConnectionSpec::parse(pgAdmin);
    Result<std::unique_ptr<Database>> db
        = admin ? Database::open(*admin, QStringLiteral("bench-cleanup")) : admin.error();
    if (!db) {
        return;
    }
    for (int round = 1; round <= rounds; ++round) {
        // Our own names (digits and underscores): DDL cannot take them as bound values.
        static_cast<void>((*db)->run(QStringLiteral("DROP DATABASE IF EXISTS stockroom_bench_%1_%2")
                                         .arg(QCoreApplication::applicationPid())
                                         .arg(round)));
    }
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
        {QStringLiteral("mode"), QStringLiteral("Internal: services, raw, rawc or core."),
         QStringLiteral("MODE")},
        {QStringLiteral("seed"), QStringLiteral("Internal: random seed of a child."), QStringLiteral("N")},
        {QStringLiteral("prepare"),
         QStringLiteral("Only seed the database of --db and exit (then profile one --child on it).")},
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
    if (parser.isSet(QStringLiteral("prepare"))) {
        const Result<ConnectionSpec> spec = ConnectionSpec::parse(parser.value(QStringLiteral("db")));
        return spec && seed(*spec) ? 0 : 3;
    }
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
    auto modesOf = [](const QString &engine) {
        return engine == QLatin1String("sqlite")
            ? QStringList {QStringLiteral("services"), QStringLiteral("raw"), QStringLiteral("rawc"),
                           QStringLiteral("core")}
            : QStringList {QStringLiteral("services"), QStringLiteral("raw"), QStringLiteral("core")};
    };
    auto keyOf = [](const Config &config) {
        return config.engine == QLatin1String("sqlite") ? QStringLiteral("sqlite_") + config.synchronous
                                                        : config.engine;
    };
    QStringList results;
    // First the proof that the baselines are fair: they write what the services write.
    for (const Config &config : std::as_const(configs)) {
        const QStringList checked = modesOf(config.engine).mid(0, modesOf(config.engine).size() - 1);
        QList<QString> connections;
        for (qsizetype m = 0; m < checked.size(); ++m) {
            connections << fresh(config.engine, config.synchronous, dir, pg, ++round);
        }
        const bool same = checkRows(config.label, connections, checked, 300);
        results << QStringLiteral("RESULT place.%1.rows_match %2 bool").arg(keyOf(config)).arg(same ? 1 : 0);
        if (!same) {
            out() << results.join(QLatin1Char('\n')) << '\n';
            if (!pg.isEmpty()) {
                dropPostgresDatabases(pg, round);
            }
            return 1;
        }
    }
    out() << QStringLiteral("Order placement, one line per order, %1 s per figure, %2 cores\n\n")
                 .arg(seconds)
                 .arg(QThread::idealThreadCount());
    out() << QStringLiteral(
        "| engine | processes | services tx/s | raw SQL, same rows (QtSql) tx/s | ratio | raw SQL, same rows "
        "(C API) tx/s | ratio | raw SQL, core rows only (QtSql) tx/s | ratio | services p50 / p99 / max ms | "
        "raw p99 / max ms | slowest process (share of fair) |\n");
    out() << "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    out().flush();
    for (const Config &config : std::as_const(configs)) {
        const bool sqlite = config.engine == QLatin1String("sqlite");
        const QStringList modes = modesOf(config.engine);
        const QString key = keyOf(config);
        for (int processes : std::as_const(processCounts)) {
            Figure figures[4];
            for (int m = 0; m < modes.size(); ++m) {
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
            const Figure &c = sqlite ? figures[2] : figures[3]; // unused on PostgreSQL
            const Figure &k = figures[modes.size() - 1];
            auto ratio = [&s](const Figure &baseline) {
                return baseline.txPerSecond > 0 ? s.txPerSecond / baseline.txPerSecond : 0;
            };
            out()
                << QStringLiteral(
                       "| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 | %10 / %11 / %12 | %13 / %14 | %15 |\n")
                       .arg(config.label)
                       .arg(processes)
                       .arg(s.txPerSecond, 0, 'f', 0)
                       .arg(r.txPerSecond, 0, 'f', 0)
                       .arg(ratio(r), 0, 'f', 2)
                       .arg(sqlite ? QString::number(c.txPerSecond, 'f', 0) : QStringLiteral("—"))
                       .arg(sqlite ? QString::number(ratio(c), 'f', 2) : QStringLiteral("—"))
                       .arg(k.txPerSecond, 0, 'f', 0)
                       .arg(ratio(k), 0, 'f', 2)
                       .arg(s.p50Ms, 0, 'f', 2)
                       .arg(s.p99Ms, 0, 'f', 2)
                       .arg(s.maxMs, 0, 'f', 1)
                       .arg(r.p99Ms, 0, 'f', 2)
                       .arg(r.maxMs, 0, 'f', 1)
                       .arg(s.slowestProcessShare, 0, 'f', 2);
            out().flush();
            const int errors = s.errors + r.errors + (sqlite ? c.errors : 0) + k.errors;
            if (errors > 0) {
                out() << QStringLiteral("  (errors: services %1, raw %2, raw C API %3, core %4)\n")
                             .arg(s.errors)
                             .arg(r.errors)
                             .arg(sqlite ? c.errors : 0)
                             .arg(k.errors);
            }
            const QString prefix = QStringLiteral("RESULT place.%1.p%2.").arg(key).arg(processes);
            results << prefix + QStringLiteral("services %1 tx/s").arg(s.txPerSecond, 0, 'f', 1)
                    << prefix + QStringLiteral("raw %1 tx/s").arg(r.txPerSecond, 0, 'f', 1)
                    << prefix + QStringLiteral("raw_core %1 tx/s").arg(k.txPerSecond, 0, 'f', 1)
                    << prefix + QStringLiteral("services_p99 %1 ms").arg(s.p99Ms, 0, 'f', 3)
                    << prefix + QStringLiteral("services_max %1 ms").arg(s.maxMs, 0, 'f', 3)
                    << prefix + QStringLiteral("slowest_share %1 share").arg(s.slowestProcessShare, 0, 'f', 3)
                    << prefix + QStringLiteral("errors %1 count").arg(errors);
            if (sqlite) {
                results << prefix + QStringLiteral("rawc %1 tx/s").arg(c.txPerSecond, 0, 'f', 1);
            }
        }
    }
    out() << '\n' << results.join(QLatin1Char('\n')) << '\n';
    if (!pg.isEmpty()) {
        dropPostgresDatabases(pg, round);
    }
    return 0;
}
