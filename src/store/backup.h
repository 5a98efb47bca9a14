// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "connectionspec.h"
#include "result.h"

#include <QDate>
#include <QStringList>

namespace Stockroom {

class Database;

/**
 * Backups of a SQLite database through SQLite's online backup API, never a file copy (a copy taken while
 * another process commits can tear pages and miss what sits in the WAL). A backup is one consistent
 * snapshot taken while others keep writing, written next to its target and renamed into place only once
 * it passed integrity_check, so a half-written backup never carries the target's name.
 *
 * PostgreSQL has pg_dump and point-in-time recovery; every function here refuses it with a message that
 * points to them.
 */
class Backup
{
    Q_DECLARE_TR_FUNCTIONS(Backup)

public:
    /** What a Stockroom database file holds, read before a restore replaces anything. */
    struct FileSummary
    {
        int schemaVersion = 0;
        qint64 products = 0;
        qint64 orders = 0;
    };

    struct RestoreOutcome
    {
        FileSummary restored; ///< the restored file as it was read (its schema version before migrating)
        int migrationsApplied = 0; ///< > 0 when the file came from an older Stockroom
        QString preRestoreCopy; ///< the database as it was before the restore: restore this to undo
    };

    struct DailyOutcome
    {
        QString backup; ///< today's backup: written now or found
        bool written = false; ///< false when today's backup already existed
        QStringList removed; ///< older daily backups deleted by the rotation
    };

    /** The `backups` folder beside a SQLite database file. */
    static QString defaultFolder(const ConnectionSpec &spec);
    /** stockroom-YYYY-MM-DD.db: the only names the rotation ever deletes. */
    static QString dailyFileName(QDate day);

    /**
     * Writes a consistent copy of db to target (replacing a file there only when the copy is complete and
     * checked); returns target's absolute path.
     */
    static Result<QString> backupTo(Database &db, const QString &target);

    /**
     * Reads a file without changing it: refuses one that is not a SQLite database, not a Stockroom
     * database, damaged, or of a schema newer than this program knows.
     */
    static Result<FileSummary> inspect(const QString &file);

    /**
     * Replaces db's content with the file's, through the backup API into the live database: it takes
     * SQLite's write lock like any transaction, so other connections (other processes too) wait or see
     * the restored content, never a mix. The file is checked (inspect) and, when older, migrated on a
     * staged copy first; the database as it was is kept in preRestoreFolder (default: defaultFolder).
     * A refused or failed restore leaves db unchanged. Open desktops' change feeds are told to reload
     * (a change_log row by user, after a cut in change_log_pruned).
     */
    static Result<RestoreOutcome> restore(Database &db, const QString &file, const QString &user = {},
                                          const QString &preRestoreFolder = {});

    /**
     * The daily backup: writes dailyFileName(today) into folder (default: defaultFolder) unless it is
     * there already, then deletes the oldest daily backups beyond keep. Opens its own connection, so it
     * may run on any worker thread; it never touches files of other names.
     */
    static Result<DailyOutcome> runDailyIfDue(const ConnectionSpec &spec, const QString &folder = {},
                                              int keep = 7, QDate today = {} /* for tests */);

    /** Why PostgreSQL is not backed up here, and what to use instead. */
    static Error postgresRefusal();
};

} // namespace Stockroom
