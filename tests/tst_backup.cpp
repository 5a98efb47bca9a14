// SPDX-License-Identifier: GPL-3.0-or-later
#include "backup.h"
#include "changefeed.h"
#include "migrations.h"
#include "orderservice.h"
#include "orderstatus.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Stockroom;

namespace {

const QStringList hotSkus {QStringLiteral("HOT-1"), QStringLiteral("HOT-2"), QStringLiteral("HOT-3")};

/** What a restore must bring back exactly: orders, lines, stock, the ledger, the catalogue. */
QStringList snapshot(Database &db)
{
    static const QStringList queries {
        QStringLiteral("SELECT id, status, payment_status FROM orders ORDER BY id"),
        QStringLiteral("SELECT id, order_id, product_id, qty, qty_backordered FROM order_lines ORDER BY id"),
        QStringLiteral("SELECT product_id, location_id, on_hand, reserved FROM stock_levels ORDER BY 1, 2"),
        QStringLiteral("SELECT id, product_id, location_id, delta_on_hand, delta_reserved, reason FROM "
                       "stock_movements ORDER BY id"),
        QStringLiteral("SELECT id, sku, name FROM products ORDER BY id"),
        QStringLiteral("SELECT id, code FROM locations ORDER BY id"),
        // A restore adds one row of its own (entity "database") for the change feeds.
        QStringLiteral("SELECT count(*), max(seq) FROM change_log WHERE entity <> 'database'"),
    };
    QStringList lines;
    for (const QString &query : queries) {
        const Result<Rows> rows = db.select(query);
        if (!rows) {
            return {QStringLiteral("cannot read: ") + rows.error().message};
        }
        for (const Row &row : *rows) {
            QStringList cells;
            for (const QVariant &cell : row) {
                cells << cell.toString();
            }
            lines << cells.join(QLatin1Char('|'));
        }
        lines << QStringLiteral("--");
    }
    return lines;
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

/** The daily backups in a folder (files named stockroom-DATE.db with a real date), oldest first. */
QStringList dailyBackups(const QString &folder)
{
    static const QRegularExpression daily(QStringLiteral("^stockroom-(\\d{4}-\\d{2}-\\d{2})\\.db$"));
    QStringList names;
    for (const QString &name : QDir(folder).entryList(QDir::Files, QDir::Name)) {
        const QRegularExpressionMatch match = daily.match(name);
        if (match.hasMatch() && QDate::fromString(match.captured(1), Qt::ISODate).isValid()) {
            names << name;
        }
    }
    return names;
}

QStringList preRestoreCopies(const QString &folder)
{
    return QDir(folder).entryList({QStringLiteral("stockroom-pre-restore-*.db")}, QDir::Files, QDir::Name);
}

/**
 * Adds the order numbers a concurrency_worker reported since the last call (each line is an order it was told
 * is committed); returns how many lines that was.
 */
int collectOrders(QProcess &worker, QByteArray &pending, QSet<QString> &orders)
{
    pending += worker.readAllStandardOutput();
    const qsizetype end = pending.lastIndexOf('\n');
    if (end < 0) {
        return 0;
    }
    int lines = 0;
    for (const QByteArray &line : pending.left(end).split('\n')) {
        if (!line.trimmed().isEmpty()) {
            orders.insert(QJsonDocument::fromJson(line).object().value(QStringLiteral("order")).toString());
            ++lines;
        }
    }
    pending.remove(0, end + 1);
    return lines;
}

} // namespace

/**
 * Backups of a SQLite database while another process writes, restores (round trip, older schema, refusals
 * that change nothing), the daily rotation, and PostgreSQL's refusal, through the store and stockroomctl.
 */
class TestBackup : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    static Run ctl(const QString &connection, const QStringList &arguments)
    {
        QProcess process;
        process.setProgram(QStringLiteral(STOCKROOMCTL));
        process.setArguments(QStringList {QStringLiteral("--db"), connection} + arguments);
        process.start();
        if (!process.waitForFinished(120'000)) {
            process.kill();
            process.waitForFinished();
            return {};
        }
        return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    }

    static bool sqliteRun() { return Test::engineUnderTest() == Engine::SQLite; }

    /** A database with stock and a few orders placed through the services. */
    static bool seed(Database &db, int orders)
    {
        ServiceContext context {db, Clock(), QStringLiteral("setup")};
        if (!Test::seedCatalog(context, {{QStringLiteral("LEEDS"), 10}, {QStringLiteral("BRISTOL"), 20}},
                               hotSkus)) {
            return false;
        }
        StockService stock(context);
        for (const QString &sku : hotSkus) {
            if (!stock.receive(sku, QStringLiteral("LEEDS"), 500)) {
                return false;
            }
        }
        return placeOrders(db, orders, 1);
    }

    static bool placeOrders(Database &db, int count, int seed)
    {
        ServiceContext context {db, Clock(), QStringLiteral("clerk")};
        OrderService orders(context);
        QRandomGenerator random(seed);
        for (int i = 0; i < count; ++i) {
            PlaceOrderRequest request;
            OrderLineRequest line;
            line.sku = hotSkus.at(random.bounded(int(hotSkus.size())));
            line.qty = 1 + random.bounded(4);
            request.lines << line;
            if (const Result<PlacedOrder> placed = orders.place(request); !placed) {
                qWarning("place: %s", qPrintable(placed.error().message));
                return false;
            }
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void backupWhileAnotherProcessWrites()
    {
        if (!sqliteRun()) {
            QSKIP("backups of SQLite files: the SQLite run tests them (here: PostgreSQL's refusal)");
        }
        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        QVERIFY(seed(*db, 5));

        // The writer places orders until it is stopped; each line it prints is an order it was told is committed.
        QProcess writer;
        writer.setProgram(QStringLiteral(CONCURRENCY_WORKER));
        writer.setArguments({scratch.connectionString(), QStringLiteral("1000000"), QStringLiteral("7"),
                             hotSkus.join(QLatin1Char(','))});
        writer.start();
        QVERIFY(writer.waitForStarted());
        QByteArray pending;
        QSet<QString> committed;
        const QTemporaryDir out;
        QList<QPair<QString, QSet<QString>>> backups;
        for (int i = 0; i < 3; ++i) {
            // More orders committed since the last backup, so each backup is taken in the middle of writing.
            const qsizetype before = committed.size();
            while (committed.size() < before + 20) {
                QVERIFY2(writer.waitForReadyRead(60'000), writer.readAllStandardError().constData());
                collectOrders(writer, pending, committed);
            }
            const QString file = out.filePath(QStringLiteral("backup-%1.db").arg(i));
            if (i == 1) {
                const Run run = ctl(scratch.connectionString(),
                                    {QStringLiteral("backup"), QStringLiteral("--out"), file});
                QVERIFY2(run.code == 0, run.err.constData());
                QVERIFY(run.out.contains(QFile::encodeName(file)));
            } else {
                const Result<QString> written = Backup::backupTo(*db, file);
                QVERIFY2(written, qPrintable(written.error().message));
                QCOMPARE(*written, file);
            }
            backups.append({file, committed});
        }
        // The writer was still writing after the last backup: the backups saw a database in motion.
        const qsizetype atLastBackup = committed.size();
        while (committed.size() == atLastBackup) {
            QVERIFY2(writer.waitForReadyRead(60'000), writer.readAllStandardError().constData());
            collectOrders(writer, pending, committed);
        }
        QCOMPARE(writer.state(), QProcess::Running);
        writer.kill();
        QVERIFY(writer.waitForFinished());

        const qint64 liveOrders
            = db->scalar(QStringLiteral("SELECT count(*) FROM orders")).value().toLongLong();
        for (const auto &[file, committedBefore] : std::as_const(backups)) {
            QVERIFY(!QFileInfo::exists(file + QStringLiteral("-wal")));
            const Result<Backup::FileSummary> summary = Backup::inspect(file);
            QVERIFY2(summary, qPrintable(summary.error().message));
            QCOMPARE(summary->schemaVersion, Migrations::latestVersion());
            QVERIFY(summary->orders < liveOrders);

            ConnectionSpec spec;
            spec.path = file;
            Result<std::unique_ptr<Database>> copy = Database::open(spec, QStringLiteral("copy"));
            QVERIFY2(copy, qPrintable(copy.error().message));
            QCOMPARE((*copy)->scalar(QStringLiteral("PRAGMA integrity_check")).value().toString(),
                     QStringLiteral("ok"));
            QCOMPARE(Test::violations(**copy), QStringList());
            QSet<QString> inBackup;
            const Rows ids = (*copy)->select(QStringLiteral("SELECT id FROM orders")).value();
            for (const Row &row : ids) {
                inBackup.insert(orderNumber(row.value(0).toLongLong()));
            }
            QCOMPARE(qint64(inBackup.size()), summary->orders);
            const QSet<QString> missing = QSet<QString>(committedBefore).subtract(inBackup);
            QVERIFY2(missing.isEmpty(), qPrintable(QStringList(missing.values()).join(QLatin1Char(' '))));
        }
        QCOMPARE(Test::violations(*db), QStringList());
    }

    void restoreRoundTrip()
    {
        if (!sqliteRun()) {
            QSKIP("backups of SQLite files: the SQLite run tests them (here: PostgreSQL's refusal)");
        }
        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        QVERIFY(seed(*db, 12));
        const QTemporaryDir out;
        const QString file = out.filePath(QStringLiteral("saved.db"));
        QVERIFY(Backup::backupTo(*db, file));
        const QStringList saved = snapshot(*db);

        // Later work that the restore takes back: orders, a receipt.
        QVERIFY(placeOrders(*db, 7, 2));
        ServiceContext context {*db, Clock(), QStringLiteral("clerk")};
        QVERIFY(StockService(context).receive(QStringLiteral("HOT-2"), QStringLiteral("BRISTOL"), 9));
        const QStringList later = snapshot(*db);
        QVERIFY(later != saved);

        // A desktop's change feed, open across the restores: it must reload, not wait for seqs it has seen.
        ChangeFeed feed(scratch.spec());
        feed.setPollInterval(10);
        QSignalSpy resync(&feed, &ChangeFeed::resyncNeeded);
        QSignalSpy orders(&feed, &ChangeFeed::ordersChanged);
        feed.start();
        QVERIFY(feed.isConnected());

        // Without --yes: the file is checked and described, nothing changes.
        const Run unconfirmed
            = ctl(scratch.connectionString(), {QStringLiteral("restore"), QStringLiteral("--from"), file});
        QCOMPARE(unconfirmed.code, 2);
        QVERIFY2(unconfirmed.err.contains("--yes"), unconfirmed.err.constData());
        QCOMPARE(snapshot(*db), later);

        const Run restored = ctl(scratch.connectionString(),
                                 {QStringLiteral("restore"), QStringLiteral("--from"), file,
                                  QStringLiteral("--yes"), QStringLiteral("--json")});
        QVERIFY2(restored.code == 0, restored.err.constData());
        const QJsonObject result = QJsonDocument::fromJson(restored.out).object();
        QCOMPARE(result.value(QStringLiteral("restored")).toBool(), true);
        QCOMPARE(result.value(QStringLiteral("orders")).toInt(), 12);

        // This connection was open all along (another process restored): it sees the restored content.
        QCOMPARE(snapshot(*db), saved);
        QCOMPARE(Test::violations(*db), QStringList());
        QCOMPARE(db->scalar(QStringLiteral("PRAGMA integrity_check")).value().toString(),
                 QStringLiteral("ok"));
        QVERIFY(resync.wait(10'000));
        QCOMPARE(resync.size(), 1);
        // The database may be written again, and the feed reports the new order.
        QVERIFY(placeOrders(*db, 1, 3));
        QVERIFY(orders.wait(10'000));
        QCOMPARE(
            orders.last().at(0).value<QList<qint64>>(),
            QList<qint64> {db->scalar(QStringLiteral("SELECT max(id) FROM orders")).value().toLongLong()});

        // The copy kept before the restore holds the later state: restoring it undoes the restore.
        const QString preRestore = result.value(QStringLiteral("pre_restore_backup")).toString();
        QCOMPARE(QFileInfo(preRestore).absolutePath(), Backup::defaultFolder(scratch.spec()));
        QVERIFY(preRestore.contains(QLatin1String("pre-restore")));
        const Result<Backup::RestoreOutcome> undone = Backup::restore(*db, preRestore);
        QVERIFY2(undone, qPrintable(undone.error().message));
        QCOMPARE(undone->migrationsApplied, 0);
        QCOMPARE(snapshot(*db), later);
        QCOMPARE(preRestoreCopies(Backup::defaultFolder(scratch.spec())).size(), 2);
        QVERIFY(resync.wait(10'000));
        QCOMPARE(resync.size(), 2);
    }

    void restoreWhileAnotherProcessWrites()
    {
        if (!sqliteRun()) {
            QSKIP("backups of SQLite files: the SQLite run tests them (here: PostgreSQL's refusal)");
        }
        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        QVERIFY(seed(*db, 10));
        const QTemporaryDir out;
        const QString file = out.filePath(QStringLiteral("saved.db"));
        QVERIFY(Backup::backupTo(*db, file));
        const Rows savedOrders
            = db->select(QStringLiteral("SELECT id, status FROM orders ORDER BY id")).value();

        QProcess writer;
        writer.setProgram(QStringLiteral(CONCURRENCY_WORKER));
        writer.setArguments({scratch.connectionString(), QStringLiteral("1000000"), QStringLiteral("8"),
                             hotSkus.join(QLatin1Char(','))});
        writer.start();
        QByteArray pending;
        QSet<QString> committed;
        int placed = 0;
        while (placed < 20) {
            QVERIFY2(writer.waitForReadyRead(60'000), writer.readAllStandardError().constData());
            placed += collectOrders(writer, pending, committed);
        }
        // The restore takes SQLite's write lock like any transaction: the writer waits, then goes on (its
        // numbers start again after the restored orders, so lines are counted, not numbers).
        const Result<Backup::RestoreOutcome> restored = Backup::restore(*db, file);
        QVERIFY2(restored, qPrintable(restored.error().message));
        const int atRestore = placed;
        while (placed < atRestore + 10) {
            QVERIFY2(writer.waitForReadyRead(60'000), writer.readAllStandardError().constData());
            placed += collectOrders(writer, pending, committed);
        }
        writer.kill();
        QVERIFY(writer.waitForFinished());

        QCOMPARE(db->scalar(QStringLiteral("PRAGMA integrity_check")).value().toString(),
                 QStringLiteral("ok"));
        QCOMPARE(Test::violations(*db), QStringList());
        // The saved orders are back as they were (the writer's later orders only add stock reservations).
        const Rows now = db->select(QStringLiteral("SELECT id, status FROM orders WHERE id <= ? ORDER BY id"),
                                    {savedOrders.last().value(0)})
                             .value();
        QCOMPARE(now, savedOrders);
        // The pre-restore copy holds what the writer had committed before the restore.
        ConnectionSpec spec;
        spec.path = restored->preRestoreCopy;
        Result<std::unique_ptr<Database>> before = Database::open(spec, QStringLiteral("before"));
        QVERIFY(before);
        QVERIFY((*before)->scalar(QStringLiteral("SELECT count(*) FROM orders")).value().toInt() >= 10 + 20);
        QCOMPARE(Test::violations(**before), QStringList());
    }

    void olderSchemaIsMigratedOnRestore()
    {
        if (!sqliteRun()) {
            QSKIP("backups of SQLite files: the SQLite run tests them (here: PostgreSQL's refusal)");
        }
        const QTemporaryDir old;
        const QString oldFile = old.filePath(QStringLiteral("v1.db"));
        {
            ConnectionSpec spec;
            spec.path = oldFile;
            Result<std::unique_ptr<Database>> v1 = Database::open(spec, QStringLiteral("v1"));
            QVERIFY(v1);
            QVERIFY(Migrations::migrate(**v1, 1));
            QVERIFY((*v1)->execute(QStringLiteral("INSERT INTO locations (code, name) VALUES (?, ?)"),
                                   {QStringLiteral("OLDTOWN"), QStringLiteral("Old town")}));
            // Another page size than the live database's (a file from elsewhere), back in WAL mode as ours are.
            QVERIFY((*v1)->run(QStringLiteral("PRAGMA journal_mode = DELETE")));
            QVERIFY((*v1)->run(QStringLiteral("PRAGMA page_size = 8192")));
            QVERIFY((*v1)->run(QStringLiteral("VACUUM")));
            QVERIFY((*v1)->run(QStringLiteral("PRAGMA journal_mode = WAL")));
            QCOMPARE((*v1)->scalar(QStringLiteral("PRAGMA page_size")).value().toInt(), 8192);
        }
        const QByteArray oldHash = fileHash(oldFile);

        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        QVERIFY(seed(*db, 3));
        const Result<Backup::RestoreOutcome> restored = Backup::restore(*db, oldFile);
        QVERIFY2(restored, qPrintable(restored.error().message));
        QCOMPARE(restored->restored.schemaVersion, 1);
        QCOMPARE(restored->migrationsApplied, Migrations::latestVersion() - 1);
        QCOMPARE(Migrations::currentVersion(*db).value(), Migrations::latestVersion());
        QCOMPARE(db->select(QStringLiteral("SELECT code FROM locations")).value(),
                 Rows {Row {QStringLiteral("OLDTOWN")}});
        QCOMPARE(db->scalar(QStringLiteral("SELECT count(*) FROM orders")).value().toInt(), 0);
        QCOMPARE(Test::violations(*db), QStringList());
        // The old file was only read, and nothing was left beside it or in the backups folder.
        QCOMPARE(fileHash(oldFile), oldHash);
        QCOMPARE(Backup::inspect(oldFile).value().schemaVersion, 1);
        QCOMPARE(QDir(old.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList {QStringLiteral("v1.db")});
        QCOMPARE(QDir(Backup::defaultFolder(scratch.spec())).entryList(QDir::Files | QDir::Hidden),
                 QStringList {QFileInfo(restored->preRestoreCopy).fileName()});
        QCOMPARE(db->scalar(QStringLiteral("PRAGMA page_size")).value().toInt(), 4096);
    }

    void restoreRefusesAndChangesNothing_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("why");
        QTest::addRow("random bytes") << "random"
                                      << "not a SQLite database";
        QTest::addRow("empty file") << "empty"
                                    << "not a SQLite database";
        QTest::addRow("SQLite header, then garbage") << "header"
                                                     << "cannot be read";
        QTest::addRow("a SQLite database of something else") << "foreign"
                                                             << "not a Stockroom database";
        QTest::addRow("schema_version but not our tables") << "versioned"
                                                           << "lacks the tables";
        QTest::addRow("a newer Stockroom's database") << "newer"
                                                      << "newer Stockroom";
    }

    void restoreRefusesAndChangesNothing()
    {
        if (!sqliteRun()) {
            QSKIP("backups of SQLite files: the SQLite run tests them (here: PostgreSQL's refusal)");
        }
        QFETCH(QString, kind);
        QFETCH(QString, why);
        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        QVERIFY(seed(*db, 4));
        const QStringList live = snapshot(*db);

        const QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("candidate.db"));
        QRandomGenerator random(42);
        QByteArray noise(64 * 1024, Qt::Uninitialized);
        random.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
        if (kind == QLatin1String("random")) {
            QVERIFY(writeFile(file, noise));
        } else if (kind == QLatin1String("empty")) {
            QVERIFY(writeFile(file, {}));
        } else if (kind == QLatin1String("header")) {
            QVERIFY(writeFile(file, QByteArray("SQLite format 3\0", 16) + noise));
        } else if (kind == QLatin1String("newer")) {
            QVERIFY(Backup::backupTo(*db, file));
            ConnectionSpec spec;
            spec.path = file;
            Result<std::unique_ptr<Database>> newer = Database::open(spec, QStringLiteral("newer"));
            QVERIFY(newer);
            QVERIFY((*newer)->execute(
                QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"),
                {Migrations::latestVersion() + 1, QStringLiteral("2099-01-01T00:00:00.000Z")}));
        } else {
            ConnectionSpec spec;
            spec.path = file;
            Result<std::unique_ptr<Database>> other = Database::open(spec, QStringLiteral("other"));
            QVERIFY(other);
            QVERIFY((*other)->run(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")));
            QVERIFY((*other)->execute(QStringLiteral("INSERT INTO notes (body) VALUES (?)"),
                                      {QStringLiteral("hi")}));
            if (kind == QLatin1String("versioned")) {
                QVERIFY((*other)->run(QStringLiteral("CREATE TABLE schema_version (version INTEGER)")));
                QVERIFY((*other)->execute(QStringLiteral("INSERT INTO schema_version VALUES (1)")));
            }
        }
        const QByteArray hash = fileHash(file);
        const QString backups = Backup::defaultFolder(scratch.spec());

        const Result<Backup::RestoreOutcome> refused = Backup::restore(*db, file);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Business);
        QVERIFY2(refused.error().message.contains(why), qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(QLatin1String("not changed")),
                 qPrintable(refused.error().message));

        const Run cli
            = ctl(scratch.connectionString(),
                  {QStringLiteral("restore"), QStringLiteral("--from"), file, QStringLiteral("--yes")});
        QCOMPARE(cli.code, 1);
        QVERIFY2(cli.err.contains(why.toUtf8()), cli.err.constData());

        QCOMPARE(snapshot(*db), live);
        QCOMPARE(Migrations::currentVersion(*db).value(), Migrations::latestVersion());
        QCOMPARE(preRestoreCopies(backups), QStringList());
        QCOMPARE(fileHash(file), hash);
    }

    void restoreUsageErrors()
    {
        if (!sqliteRun()) {
            QSKIP("backups of SQLite files: the SQLite run tests them (here: PostgreSQL's refusal)");
        }
        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        const QString connection = scratch.connectionString();
        QCOMPARE(ctl(connection, {QStringLiteral("restore"), QStringLiteral("--yes")}).code, 2);
        QCOMPARE(ctl(connection,
                     {QStringLiteral("restore"), QStringLiteral("--from"),
                      QStringLiteral("/nonexistent/x.db"), QStringLiteral("--yes")})
                     .code,
                 2);
        QCOMPARE(ctl(connection,
                     {QStringLiteral("restore"), QStringLiteral("--from"), scratch.spec().path,
                      QStringLiteral("--yes")})
                     .code,
                 2);
        QCOMPARE(ctl(connection, {QStringLiteral("backup")}).code, 2);
        QCOMPARE(ctl(connection,
                     {QStringLiteral("backup"), QStringLiteral("--daily"), QStringLiteral("--out"),
                      QStringLiteral("x.db")})
                     .code,
                 2);
        QCOMPARE(
            ctl(connection, {QStringLiteral("backup"), QStringLiteral("--out"), scratch.spec().path}).code,
            2);
        QCOMPARE(ctl(connection,
                     {QStringLiteral("backup"), QStringLiteral("--out"), QStringLiteral("x.db"),
                      QStringLiteral("--keep"), QStringLiteral("3")})
                     .code,
                 2);
        QCOMPARE(ctl(connection,
                     {QStringLiteral("backup"), QStringLiteral("--daily"), QStringLiteral("--keep"),
                      QStringLiteral("0")})
                     .code,
                 2);
    }

    void dailyRotationKeepsTheNewest()
    {
        if (!sqliteRun()) {
            QSKIP("backups of SQLite files: the SQLite run tests them (here: PostgreSQL's refusal)");
        }
        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        QVERIFY(seed(*db, 2));
        const QString folder = Backup::defaultFolder(scratch.spec());
        QVERIFY(QDir().mkpath(folder));
        // Weeks ago, so that the command line's run with today's date below comes after all of them.
        const QDate today = QDate::currentDate().addDays(-40);
        // Fourteen older daily backups (their content does not matter to the rotation) and others' files.
        for (int day = 1; day <= 14; ++day) {
            QVERIFY(writeFile(QDir(folder).filePath(Backup::dailyFileName(today.addDays(-day))), "old"));
        }
        const QStringList foreign {QStringLiteral("notes.txt"),
                                   QStringLiteral("stockroom-latest.db"),
                                   QStringLiteral("stockroom-2026-03-01.db.bak"),
                                   QStringLiteral("stockroom-2026-13-01.db"),
                                   QStringLiteral("Stockroom-2026-03-02.db"),
                                   QStringLiteral("stockroom-2026-03-03.db-wal"),
                                   QStringLiteral("stockroom-pre-restore-20260301-120000.db")};
        for (const QString &name : foreign) {
            QVERIFY(writeFile(QDir(folder).filePath(name), "not ours"));
        }
        QVERIFY(QDir(folder).mkdir(QStringLiteral("stockroom-2026-02-01.db")));

        const Result<Backup::DailyOutcome> first = Backup::runDailyIfDue(scratch.spec(), {}, 7, today);
        QVERIFY2(first, qPrintable(first.error().message));
        QVERIFY(first->written);
        QCOMPARE(first->backup, QDir(folder).filePath(Backup::dailyFileName(today)));
        QCOMPARE(first->removed.size(), 8);
        QStringList expected;
        for (int day = 6; day >= 0; --day) {
            expected << Backup::dailyFileName(today.addDays(-day));
        }
        QCOMPARE(dailyBackups(folder), expected);
        QVERIFY2(Backup::inspect(first->backup), qPrintable(Backup::inspect(first->backup).error().message));

        // Again the same day: today's backup is there, nothing is written or deleted.
        const QByteArray todays = fileHash(first->backup);
        QVERIFY(placeOrders(*db, 1, 4));
        const Result<Backup::DailyOutcome> again = Backup::runDailyIfDue(scratch.spec(), {}, 7, today);
        QVERIFY(again);
        QVERIFY(!again->written);
        QCOMPARE(again->removed, QStringList());
        QCOMPARE(fileHash(first->backup), todays);

        // The next day with a shorter rotation: exactly the three newest remain.
        const Result<Backup::DailyOutcome> next
            = Backup::runDailyIfDue(scratch.spec(), {}, 3, today.addDays(1));
        QVERIFY(next);
        QVERIFY(next->written);
        QCOMPARE(dailyBackups(folder),
                 (QStringList {Backup::dailyFileName(today.addDays(-1)), Backup::dailyFileName(today),
                               Backup::dailyFileName(today.addDays(1))}));
        QCOMPARE(Backup::inspect(next->backup).value().orders, 3);

        for (const QString &name : foreign) {
            QVERIFY2(QFileInfo::exists(QDir(folder).filePath(name)), qPrintable(name));
        }
        QVERIFY(QFileInfo(QDir(folder).filePath(QStringLiteral("stockroom-2026-02-01.db"))).isDir());

        // The command line (for cron): today's real date, the default folder, --keep 2.
        const Run daily = ctl(scratch.connectionString(),
                              {QStringLiteral("backup"), QStringLiteral("--daily"), QStringLiteral("--keep"),
                               QStringLiteral("2"), QStringLiteral("--json")});
        QVERIFY2(daily.code == 0, daily.err.constData());
        const QJsonObject result = QJsonDocument::fromJson(daily.out).object();
        QCOMPARE(result.value(QStringLiteral("backup")).toString(),
                 QDir(folder).filePath(Backup::dailyFileName(QDate::currentDate())));
        QCOMPARE(dailyBackups(folder).size(), 2);
        QCOMPARE(dailyBackups(folder).last(), Backup::dailyFileName(QDate::currentDate()));
        for (const QString &name : foreign) {
            QVERIFY2(QFileInfo::exists(QDir(folder).filePath(name)), qPrintable(name));
        }
    }

    void postgresqlIsRefused()
    {
        // Without a server: the daily backup refuses a PostgreSQL connection before connecting.
        const Result<ConnectionSpec> spec
            = ConnectionSpec::parse(QStringLiteral("postgresql://u@127.0.0.1:1/x"));
        QVERIFY(spec);
        const Result<Backup::DailyOutcome> daily = Backup::runDailyIfDue(*spec);
        QVERIFY(!daily);
        QCOMPARE(daily.error().kind, Error::Kind::Business);
        QVERIFY(daily.error().message.contains(QLatin1String("pg_dump")));
        QVERIFY(daily.error().message.contains(QLatin1String("pg_basebackup")));
        if (sqliteRun()) {
            return;
        }

        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        const QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("pg.db"));
        const Result<QString> backup = Backup::backupTo(*db, file);
        QVERIFY(!backup);
        QVERIFY(backup.error().message.contains(QLatin1String("pg_dump")));
        QVERIFY(!QFileInfo::exists(file));
        const Result<Backup::RestoreOutcome> restore = Backup::restore(*db, file);
        QVERIFY(!restore);
        QVERIFY(restore.error().message.contains(QLatin1String("pg_dump")));

        for (const QStringList &arguments :
             {QStringList {QStringLiteral("backup"), QStringLiteral("--out"), file},
              QStringList {QStringLiteral("backup"), QStringLiteral("--daily")},
              QStringList {QStringLiteral("restore"), QStringLiteral("--from"), file,
                           QStringLiteral("--yes")}}) {
            const Run run = ctl(scratch.connectionString(), arguments);
            QCOMPARE(run.code, 1);
            QVERIFY2(run.err.contains("pg_dump"), run.err.constData());
        }
        QVERIFY(QDir(dir.path()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
