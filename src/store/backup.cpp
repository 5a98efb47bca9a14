// SPDX-License-Identifier: GPL-3.0-or-later
#include "backup.h"

#include "clock.h"
#include "database.h"
#include "migrations.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QTemporaryFile>
#include <QThread>
#include <QUrl>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <system_error>

namespace Stockroom {

namespace {

/** Tables that every Stockroom schema version has; a file without them is someone else's database. */
const QStringList requiredTables {QStringLiteral("schema_version"),  QStringLiteral("products"),
                                  QStringLiteral("locations"),       QStringLiteral("stock_levels"),
                                  QStringLiteral("stock_movements"), QStringLiteral("orders"),
                                  QStringLiteral("order_lines"),     QStringLiteral("change_log")};

/** As long as Database waits for a busy database: a writer holds the lock for milliseconds, not seconds. */
constexpr std::chrono::seconds busyDeadline {15};

struct SqliteCloser
{
    void operator()(sqlite3 *handle) const { sqlite3_close_v2(handle); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QString messageOf(sqlite3 *handle)
{
    return QString::fromUtf8(sqlite3_errmsg(handle));
}

bool isBusy(int code)
{
    return (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED;
}

/** Short, jittered sleeps, like Database's retry: a long fixed back-off lets one process starve. */
void pauseBeforeRetry(int attempt)
{
    QThread::usleep(50 + QRandomGenerator::global()->bounded(attempt < 100 ? 300 : 2000));
}

bool timedOut(std::chrono::steady_clock::time_point started)
{
    return std::chrono::steady_clock::now() - started > busyDeadline;
}

/** The handle of Qt's SQLite connection (Qt's plugin and we link the same libsqlite3). */
sqlite3 *handleOf(Database &db)
{
    const QVariant handle = db.connection().driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
        return *static_cast<sqlite3 *const *>(handle.constData());
    }
    return nullptr;
}

Result<SqliteHandle> openFile(const QString &path, int flags)
{
    sqlite3 *raw = nullptr;
    const int code = sqlite3_open_v2(path.toUtf8().constData(), &raw, flags, nullptr);
    SqliteHandle handle(raw);
    if (code != SQLITE_OK) {
        return Error::database(
            Backup::tr("Cannot open %1: %2")
                .arg(native(path), raw ? messageOf(raw) : QString::fromUtf8(sqlite3_errstr(code))));
    }
    sqlite3_extended_result_codes(raw, 1);
    return handle;
}

/**
 * Opens a file that is only to be read. A database in WAL mode that nobody has open (no -wal file beside it)
 * is opened as immutable: a read-only connection would otherwise leave -wal and -shm files beside the
 * user's backup, which it cannot delete on closing.
 */
Result<SqliteHandle> openForReading(const QString &path)
{
    if (QFileInfo::exists(path + QStringLiteral("-wal"))) {
        return openFile(path, SQLITE_OPEN_READONLY);
    }
    const QString uri = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString(QUrl::FullyEncoded)
        + QStringLiteral("?immutable=1");
    sqlite3 *raw = nullptr;
    const int code
        = sqlite3_open_v2(uri.toUtf8().constData(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
    SqliteHandle handle(raw);
    if (code != SQLITE_OK) {
        return Error::database(
            Backup::tr("Cannot open %1: %2")
                .arg(native(path), raw ? messageOf(raw) : QString::fromUtf8(sqlite3_errstr(code))));
    }
    sqlite3_extended_result_codes(raw, 1);
    return handle;
}

/** A statement's outcome on a raw handle: SQLite's code, its message and the first column of each row. */
struct Outcome
{
    int code = SQLITE_OK;
    QString message;
    QVariantList values;
};

/**
 * Runs one constant statement (no values from data reach it) on a raw handle, waiting while another
 * connection holds a lock.
 */
Outcome runOn(sqlite3 *handle, const QString &sql)
{
    const QByteArray text = sql.toUtf8();
    const auto started = std::chrono::steady_clock::now();
    for (int attempt = 0;; ++attempt) {
        Outcome outcome;
        sqlite3_stmt *statement = nullptr;
        outcome.code = sqlite3_prepare_v2(handle, text.constData(), int(text.size()), &statement, nullptr);
        if (outcome.code == SQLITE_OK) {
            while ((outcome.code = sqlite3_step(statement)) == SQLITE_ROW) {
                switch (sqlite3_column_type(statement, 0)) {
                case SQLITE_INTEGER:
                    outcome.values.append(qlonglong(sqlite3_column_int64(statement, 0)));
                    break;
                case SQLITE_NULL:
                    outcome.values.append(QVariant());
                    break;
                default:
                    outcome.values.append(
                        QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)),
                                          sqlite3_column_bytes(statement, 0)));
                    break;
                }
            }
            if (outcome.code == SQLITE_DONE) {
                outcome.code = SQLITE_OK;
            }
        }
        if (outcome.code != SQLITE_OK) {
            outcome.code = sqlite3_extended_errcode(handle);
            outcome.message = messageOf(handle);
        }
        sqlite3_finalize(statement);
        if (!isBusy(outcome.code) || timedOut(started)) {
            return outcome;
        }
        pauseBeforeRetry(attempt);
    }
}

Status runStatus(sqlite3 *handle, const QString &sql, const QString &what)
{
    const Outcome outcome = runOn(handle, sql);
    if (outcome.code == SQLITE_OK) {
        return {};
    }
    if (isBusy(outcome.code)) {
        return Error::conflict(Backup::tr("The database is busy (%1); try again.").arg(outcome.message));
    }
    return Error::database(Backup::tr("Database error while %1: %2").arg(what, outcome.message));
}

/**
 * Copies every page of from's main database into to's in one step: one read snapshot of the source (in WAL
 * mode, writers go on meanwhile) and one write transaction on the destination, which SQLite rolls back
 * when the copy fails, so the destination is either all new or unchanged.
 */
Status copyPages(sqlite3 *from, sqlite3 *to)
{
    sqlite3_backup *backup = sqlite3_backup_init(to, "main", from, "main");
    if (!backup) {
        return Error::database(Backup::tr("Cannot start copying the database: %1").arg(messageOf(to)));
    }
    const auto started = std::chrono::steady_clock::now();
    int stepped = SQLITE_OK;
    for (int attempt = 0;; ++attempt) {
        // All pages in one step: copying in slices would start over whenever another process commits.
        stepped = sqlite3_backup_step(backup, -1);
        if (!isBusy(stepped) || timedOut(started)) {
            break;
        }
        pauseBeforeRetry(attempt);
    }
    const int finished = sqlite3_backup_finish(backup);
    if (isBusy(stepped)) {
        return Error::conflict(Backup::tr("The database stayed busy for %1 seconds; try again.")
                                   .arg(std::chrono::seconds(busyDeadline).count()));
    }
    if (stepped != SQLITE_DONE || finished != SQLITE_OK) {
        return Error::database(
            Backup::tr("Copying the database failed: %1")
                .arg(finished != SQLITE_OK ? messageOf(to) : QString::fromUtf8(sqlite3_errstr(stepped))));
    }
    return {};
}

/** Copies from into a new file at path, as one self-contained file (no WAL beside it). */
Status writeCopy(sqlite3 *from, const QString &path)
{
    STOCKROOM_TRY(copy, openFile(path, SQLITE_OPEN_READWRITE));
    STOCKROOM_CHECK(copyPages(from, copy.get()));
    // The copy inherits the source's WAL mode; a backup must be one file that can be moved or mailed alone.
    return runStatus(copy.get(), QStringLiteral("PRAGMA journal_mode = DELETE"),
                     Backup::tr("closing the copy"));
}

bool sameFile(const QString &a, const QString &b)
{
    const QFileInfo first(a);
    const QFileInfo second(b);
    if (first.exists() && second.exists()) {
        return first.canonicalFilePath() == second.canonicalFilePath();
    }
    return first.absoluteFilePath() == second.absoluteFilePath();
}

/** Replaces target by source in one step: readers see the old file or the new one, never a part. */
Status replaceFile(const QString &source, const QString &target)
{
    std::error_code error;
    std::filesystem::rename(std::filesystem::path(source.toStdU16String()),
                            std::filesystem::path(target.toStdU16String()), error);
    if (error) {
        return Error::database(Backup::tr("Cannot move the backup to %1: %2")
                                   .arg(native(target), QString::fromLocal8Bit(error.message())));
    }
    return {};
}

QString uniqueConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("stockroom-backup-%1").arg(counter.fetchAndAddRelaxed(1));
}

/** An error with a sentence added: the same kind, so exit codes stay right. */
Error extended(const Error &error, const QString &sentence)
{
    return Error {error.kind, error.message + QLatin1Char(' ') + sentence};
}

/** The first lines of integrity_check, or an empty list when the file is sound. */
Result<QStringList> integrityProblems(sqlite3 *handle, const QString &path)
{
    const Outcome checked = runOn(handle, QStringLiteral("PRAGMA integrity_check(5)"));
    if (checked.code != SQLITE_OK) {
        if (isBusy(checked.code)) {
            return Error::conflict(
                Backup::tr("%1 is busy (%2); try again.").arg(native(path), checked.message));
        }
        return Error::business(
            Backup::tr("%1 cannot be read as a SQLite database: %2.").arg(native(path), checked.message));
    }
    QStringList problems;
    for (const QVariant &line : checked.values) {
        if (line.toString() != QLatin1String("ok")) {
            problems << line.toString();
        }
    }
    return problems;
}

} // namespace

QString Backup::defaultFolder(const ConnectionSpec &spec)
{
    return QFileInfo(spec.path).absoluteDir().filePath(QStringLiteral("backups"));
}

QString Backup::dailyFileName(QDate day)
{
    return QStringLiteral("stockroom-%1.db").arg(day.toString(Qt::ISODate));
}

Error Backup::postgresRefusal()
{
    return Error::business(Backup::tr(
        "Stockroom backs up SQLite databases only. Back up PostgreSQL with its own tools: pg_dump -Fc "
        "for a backup file (pg_restore restores it), or WAL archiving with pg_basebackup for "
        "point-in-time recovery. The README's section \"Backups\" shows the commands."));
}

Result<Backup::FileSummary> Backup::inspect(const QString &file)
{
    const QFileInfo info(file);
    if (!info.exists()) {
        return Error::usage(Backup::tr("There is no file %1.").arg(native(file)));
    }
    if (!info.isFile()) {
        return Error::usage(Backup::tr("%1 is not a file.").arg(native(file)));
    }
    QFile reader(file);
    if (!reader.open(QIODevice::ReadOnly)) {
        return Error::usage(Backup::tr("Cannot read %1: %2").arg(native(file), reader.errorString()));
    }
    // SQLite's documented file header; an empty file would open as an empty database.
    static const QByteArray magic("SQLite format 3\0", 16);
    if (reader.read(magic.size()) != magic) {
        return Error::business(
            Backup::tr("%1 is not a SQLite database, so it is no Stockroom backup.").arg(native(file)));
    }
    reader.close();

    STOCKROOM_TRY(handle, openForReading(file));
    STOCKROOM_TRY(problems, integrityProblems(handle.get(), file));
    if (!problems.isEmpty()) {
        return Error::business(Backup::tr("%1 is damaged (SQLite's integrity check: %2).")
                                   .arg(native(file), problems.join(QStringLiteral("; "))));
    }
    const Outcome tables
        = runOn(handle.get(), QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
    if (tables.code != SQLITE_OK) {
        return Error::business(
            Backup::tr("%1 cannot be read as a SQLite database: %2.").arg(native(file), tables.message));
    }
    QStringList names;
    for (const QVariant &name : tables.values) {
        names << name.toString();
    }
    if (!names.contains(QStringLiteral("schema_version"))) {
        return Error::business(Backup::tr("%1 is a SQLite database but not a Stockroom database (it has no "
                                          "schema_version table).")
                                   .arg(native(file)));
    }
    QStringList missing;
    for (const QString &table : requiredTables) {
        if (!names.contains(table)) {
            missing << table;
        }
    }
    if (!missing.isEmpty()) {
        return Error::business(Backup::tr("%1 is not a Stockroom database: it lacks the tables %2.")
                                   .arg(native(file), missing.join(QStringLiteral(", "))));
    }
    const Outcome version = runOn(handle.get(), QStringLiteral("SELECT max(version) FROM schema_version"));
    if (version.code != SQLITE_OK || version.values.isEmpty() || version.values.first().toInt() < 1) {
        return Error::business(
            Backup::tr("%1 is not a Stockroom database: it records no schema version.").arg(native(file)));
    }
    FileSummary summary;
    summary.schemaVersion = version.values.first().toInt();
    if (summary.schemaVersion > Migrations::latestVersion()) {
        return Error::business(
            Backup::tr("%1 comes from a newer Stockroom (schema version %2; this one knows "
                       "versions up to %3). Update Stockroom before restoring it.")
                .arg(native(file))
                .arg(summary.schemaVersion)
                .arg(Migrations::latestVersion()));
    }
    const Outcome products = runOn(handle.get(), QStringLiteral("SELECT count(*) FROM products"));
    const Outcome orders = runOn(handle.get(), QStringLiteral("SELECT count(*) FROM orders"));
    if (products.code != SQLITE_OK || orders.code != SQLITE_OK) {
        return Error::business(
            Backup::tr("%1 cannot be read as a Stockroom database: %2")
                .arg(native(file), products.code != SQLITE_OK ? products.message : orders.message));
    }
    summary.products = products.values.value(0).toLongLong();
    summary.orders = orders.values.value(0).toLongLong();
    return summary;
}

Result<QString> Backup::backupTo(Database &db, const QString &target)
{
    if (db.engine() != Engine::SQLite) {
        return postgresRefusal();
    }
    sqlite3 *source = handleOf(db);
    if (!source) {
        return Error::database(Backup::tr("The SQLite connection gives no handle to back up from."));
    }
    if (target.isEmpty()) {
        return Error::usage(Backup::tr("A backup needs the name of the file to write."));
    }
    const QFileInfo targetInfo(target);
    const QString path = targetInfo.absoluteFilePath();
    if (sameFile(path, db.spec().path)) {
        return Error::usage(
            Backup::tr("%1 is the database itself: write the backup to another file.").arg(native(path)));
    }
    if (targetInfo.exists() && !targetInfo.isFile()) {
        return Error::usage(Backup::tr("%1 is not a file.").arg(native(path)));
    }
    const QString folder = targetInfo.absolutePath();
    if (!QDir().mkpath(folder)) {
        return Error::database(Backup::tr("Cannot create the folder %1.").arg(native(folder)));
    }
    STOCKROOM_TRY(version, Migrations::currentVersion(db));
    if (version < 1) {
        return Error::business(Backup::tr("The database %1 is empty: there is nothing to back up.")
                                   .arg(db.spec().displayString()));
    }

    // Written beside the target (same file system, so the rename is atomic) under a name no rotation matches.
    QTemporaryFile staging(
        QDir(folder).filePath(QStringLiteral(".%1.XXXXXX.partial").arg(targetInfo.fileName())));
    if (!staging.open()) {
        return Error::database(
            Backup::tr("Cannot write in the folder %1: %2").arg(native(folder), staging.errorString()));
    }
    staging.close();
    STOCKROOM_CHECK(writeCopy(source, staging.fileName()));
    const Result<FileSummary> checked = inspect(staging.fileName());
    if (!checked) {
        return Error::database(Backup::tr("The backup failed its check, so %1 was not written: %2")
                                   .arg(native(path), checked.error().message));
    }
    if (checked->schemaVersion != version) {
        return Error::database(Backup::tr("The backup has schema version %1 where the database has %2, so %3 "
                                          "was not written.")
                                   .arg(checked->schemaVersion)
                                   .arg(version)
                                   .arg(native(path)));
    }
    STOCKROOM_CHECK(replaceFile(staging.fileName(), path));
    staging.setAutoRemove(false);
    qCDebug(lcStore) << "backed up" << db.spec().displayString() << "to" << path;
    return path;
}

Result<Backup::RestoreOutcome> Backup::restore(Database &db, const QString &file, const QString &user,
                                               const QString &preRestoreFolder)
{
    const QString unchanged = Backup::tr("The database was not changed.");
    if (db.engine() != Engine::SQLite) {
        return postgresRefusal();
    }
    sqlite3 *live = handleOf(db);
    if (!live) {
        return Error::database(Backup::tr("The SQLite connection gives no handle to restore into."));
    }
    if (sameFile(file, db.spec().path)) {
        return Error::usage(Backup::tr("%1 is the database itself.").arg(native(file)) + QLatin1Char(' ')
                            + unchanged);
    }
    const Result<FileSummary> summary = inspect(file);
    if (!summary) {
        return extended(summary.error(), unchanged);
    }
    const QString folder = preRestoreFolder.isEmpty() ? defaultFolder(db.spec())
                                                      : QFileInfo(preRestoreFolder).absoluteFilePath();
    if (!QDir().mkpath(folder)) {
        return Error::database(Backup::tr("Cannot create the folder %1.").arg(native(folder))
                               + QLatin1Char(' ') + unchanged);
    }

    // A staged copy of the file takes the upgrade and the page size, so the file itself stays as it was and
    // the live database only ever receives a complete, current schema.
    QTemporaryFile staging(QDir(folder).filePath(QStringLiteral(".stockroom-restore.XXXXXX.partial")));
    if (!staging.open()) {
        return Error::database(
            Backup::tr("Cannot write in the folder %1: %2").arg(native(folder), staging.errorString())
            + QLatin1Char(' ') + unchanged);
    }
    staging.close();
    {
        STOCKROOM_TRY(source, openForReading(file));
        const Status staged = writeCopy(source.get(), staging.fileName());
        if (!staged) {
            return extended(staged.error(), unchanged);
        }
    }
    RestoreOutcome outcome;
    outcome.restored = *summary;
    if (summary->schemaVersion < Migrations::latestVersion()) {
        ConnectionSpec stagedSpec;
        stagedSpec.engine = Engine::SQLite;
        stagedSpec.path = staging.fileName();
        Result<std::unique_ptr<Database>> staged = Database::open(stagedSpec, uniqueConnectionName());
        if (!staged) {
            return extended(staged.error(), unchanged);
        }
        const Result<int> migrated = Migrations::migrate(**staged);
        if (!migrated) {
            return Error::database(
                Backup::tr("%1 comes from an older Stockroom (schema version %2) and could not "
                           "be brought up to date: %3")
                    .arg(native(file))
                    .arg(summary->schemaVersion)
                    .arg(migrated.error().message)
                + QLatin1Char(' ') + unchanged);
        }
        outcome.migrationsApplied = *migrated;
    }
    {
        // SQLite cannot copy pages of another size into a database in WAL mode: the staged copy adapts. It
        // leaves WAL mode (the upgrade put it there) so that reading it below leaves no files behind.
        STOCKROOM_TRY(copy, openFile(staging.fileName(), SQLITE_OPEN_READWRITE));
        const Status single = runStatus(copy.get(), QStringLiteral("PRAGMA journal_mode = DELETE"),
                                        Backup::tr("staging the file"));
        if (!single) {
            return extended(single.error(), unchanged);
        }
        const Outcome livePageSize = runOn(live, QStringLiteral("PRAGMA page_size"));
        const Outcome copyPageSize = runOn(copy.get(), QStringLiteral("PRAGMA page_size"));
        if (livePageSize.code != SQLITE_OK || copyPageSize.code != SQLITE_OK) {
            return Error::database(
                Backup::tr("Cannot read the page size: %1").arg(livePageSize.message + copyPageSize.message)
                + QLatin1Char(' ') + unchanged);
        }
        const int pageSize = livePageSize.values.value(0).toInt();
        if (pageSize != copyPageSize.values.value(0).toInt()) {
            // The number is SQLite's own page size (an integer), and PRAGMA takes no bound values.
            for (const QString &statement :
                 {QStringLiteral("PRAGMA page_size = %1").arg(pageSize), QStringLiteral("VACUUM")}) {
                const Status done = runStatus(copy.get(), statement, Backup::tr("adapting the page size"));
                if (!done) {
                    return extended(done.error(), unchanged);
                }
            }
        }
    }

    // What the database holds now, to undo a mistaken restore. A commit by another process between this copy
    // and the restore (milliseconds) is in neither: the restore replaces it anyway.
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString preRestore = QDir(folder).filePath(QStringLiteral("stockroom-pre-restore-%1.db").arg(stamp));
    for (int n = 2; QFileInfo::exists(preRestore); ++n) {
        preRestore
            = QDir(folder).filePath(QStringLiteral("stockroom-pre-restore-%1-%2.db").arg(stamp).arg(n));
    }
    const Result<QString> kept = backupTo(db, preRestore);
    if (!kept) {
        return Error {
            kept.error().kind,
            Backup::tr("Could not keep a copy of the database before restoring: %1").arg(kept.error().message)
                + QLatin1Char(' ') + unchanged};
    }
    outcome.preRestoreCopy = *kept;

    // Change feeds of open desktops remember the last seq they saw, from the log being replaced.
    const Outcome liveEnd = runOn(live, QStringLiteral("SELECT coalesce(max(seq), 0) FROM change_log"));
    {
        STOCKROOM_TRY(copy, openFile(staging.fileName(), SQLITE_OPEN_READONLY));
        const Status restored = copyPages(copy.get(), live);
        if (!restored) {
            return extended(restored.error(), unchanged);
        }
    }
    // The restored log continues after a cut beyond both logs, as if pruned: a feed finds a gap past what it
    // saw and reloads instead of waiting for seqs it believes it has seen. The margin covers what others
    // committed between reading the end of the log and the restore taking the lock.
    constexpr qint64 feedMargin = 1'000'000;
    const Status marked = db.write([&]() -> Status {
        STOCKROOM_TRY(restoredEnd, db.scalar(QStringLiteral("SELECT coalesce(max(seq), 0) FROM change_log")));
        const qint64 cut
            = std::max(liveEnd.values.value(0).toLongLong(), restoredEnd.toLongLong()) + feedMargin;
        const QString now = toStoredTime(QDateTime::currentDateTimeUtc());
        STOCKROOM_CHECK(statusOf(
            db.execute(QStringLiteral("INSERT INTO change_log_pruned (up_to_seq, pruned_at) VALUES (?, ?)"),
                       {cut, now})));
        return statusOf(
            db.execute(QStringLiteral("INSERT INTO change_log (seq, entity, entity_id, op, user_name, "
                                      "at) VALUES (?, ?, ?, ?, ?, ?)"),
                       {cut + 1, QStringLiteral("database"), QStringLiteral("restore"),
                        QStringLiteral("update"), user, now}));
    });
    if (!marked) {
        qCWarning(lcStore) << "restored, but open desktops may not reload:" << marked.error().message;
    }
    STOCKROOM_TRY(version, Migrations::currentVersion(db));
    STOCKROOM_TRY(problems, integrityProblems(live, db.spec().path));
    if (version != Migrations::latestVersion() || !problems.isEmpty()) {
        return Error::database(
            Backup::tr("The restored database fails its check (schema version %1; %2). The "
                       "database as it was is in %3.")
                .arg(version)
                .arg(problems.isEmpty() ? QStringLiteral("ok") : problems.join(QStringLiteral("; ")),
                     native(outcome.preRestoreCopy)));
    }
    qCDebug(lcStore) << "restored" << db.spec().displayString() << "from" << file
                     << "; before:" << outcome.preRestoreCopy;
    return outcome;
}

Result<Backup::DailyOutcome> Backup::runDailyIfDue(const ConnectionSpec &spec, const QString &folder,
                                                   int keep, QDate today)
{
    if (spec.engine != Engine::SQLite) {
        return postgresRefusal();
    }
    if (keep < 1) {
        return Error::usage(Backup::tr("The daily backup keeps at least one file, not %1.").arg(keep));
    }
    if (!QFileInfo(spec.path).isFile()) {
        // Opening would create an empty database where the user expects theirs.
        return Error::database(Backup::tr("There is no database at %1.").arg(native(spec.path)));
    }
    const QDir dir(folder.isEmpty() ? defaultFolder(spec) : QFileInfo(folder).absoluteFilePath());
    const QDate day = today.isValid() ? today : QDate::currentDate();
    DailyOutcome outcome;
    outcome.backup = dir.filePath(dailyFileName(day));
    if (!QFileInfo::exists(outcome.backup)) {
        Result<std::unique_ptr<Database>> db = Database::open(spec, uniqueConnectionName());
        if (!db) {
            return db.error();
        }
        STOCKROOM_TRY(written, backupTo(**db, outcome.backup));
        outcome.backup = written;
        outcome.written = true;
    }

    // Rotation: only our own names, newest dates kept; today's file is never the one to go.
    static const QRegularExpression pattern(QStringLiteral("^stockroom-(\\d{4}-\\d{2}-\\d{2})\\.db$"));
    QList<QPair<QDate, QString>> daily;
    const QStringList names = dir.entryList(QDir::Files | QDir::NoSymLinks);
    for (const QString &name : names) {
        const QRegularExpressionMatch match = pattern.match(name);
        if (!match.hasMatch()) {
            continue;
        }
        const QDate date = QDate::fromString(match.captured(1), Qt::ISODate);
        if (date.isValid() && date != day) {
            daily.append({date, name});
        }
    }
    std::sort(daily.begin(), daily.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (qsizetype i = keep - 1; i < daily.size(); ++i) {
        const QString path = dir.filePath(daily.at(i).second);
        if (QFile::remove(path)) {
            outcome.removed << path;
        } else {
            qCWarning(lcStore) << "cannot delete the old backup" << path;
        }
    }
    return outcome;
}

} // namespace Stockroom
