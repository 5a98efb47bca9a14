// SPDX-License-Identifier: GPL-3.0-or-later
#include "backupcommands.h"

#include "access.h"

#include <QFileInfo>

#include "backup.h"
#include "database.h"
#include "migrations.h"
#include "servicecontext.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>

namespace Stockroom::Cli {

namespace {

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

Result<int> backupToFile(Invocation &call)
{
    STOCKROOM_CHECK(onlyOptions(call, QStringLiteral("backup --out"), {QStringLiteral("out")}));
    STOCKROOM_TRY(path, Backup::backupTo(*call.db, call.parser.value(QStringLiteral("out"))));
    STOCKROOM_TRY(version, Migrations::currentVersion(*call.db));
    if (call.json()) {
        printJson(
            QJsonObject {{QStringLiteral("backup"), path}, {QStringLiteral("schema_version"), version}});
    } else {
        out() << Text::tr("Backed up %1 to %2 (schema version %3).")
                     .arg(call.db->spec().displayString(), native(path))
                     .arg(version)
              << Qt::endl;
    }
    return Done;
}

Result<int> backupDaily(Invocation &call)
{
    STOCKROOM_CHECK(onlyOptions(call, QStringLiteral("backup --daily"),
                                {QStringLiteral("daily"), QStringLiteral("keep"), QStringLiteral("folder")}));
    STOCKROOM_TRY(keep, intOption(call.parser, QStringLiteral("keep"), 7, 1, 100000));
    STOCKROOM_TRY(outcome,
                  Backup::runDailyIfDue(call.db->spec(), call.parser.value(QStringLiteral("folder")), keep));
    if (call.json()) {
        printJson(QJsonObject {{QStringLiteral("backup"), outcome.backup},
                               {QStringLiteral("written"), outcome.written},
                               {QStringLiteral("removed"), QJsonArray::fromStringList(outcome.removed)}});
        return Done;
    }
    out() << (outcome.written ? Text::tr("Today's backup written: %1.").arg(native(outcome.backup))
                              : Text::tr("Today's backup was already there: %1.").arg(native(outcome.backup)))
          << Qt::endl;
    for (const QString &removed : std::as_const(outcome.removed)) {
        out() << Text::tr("Deleted the old backup %1.").arg(native(removed)) << Qt::endl;
    }
    return Done;
}

Result<int> commandBackup(Invocation &call)
{
    const bool toFile = call.parser.isSet(QStringLiteral("out"));
    if (toFile == call.parser.isSet(QStringLiteral("daily"))) {
        return usage(Text::tr("backup takes either --out FILE or --daily."));
    }
    // A backup is a copy of everything, password hashes included: an administrator's job.
    STOCKROOM_CHECK(Access::require(*call.context, Role::Admin, Text::tr("Making a backup")));
    return toFile ? backupToFile(call) : backupDaily(call);
}

Result<int> commandRestore(Invocation &call)
{
    const QString file = call.parser.value(QStringLiteral("from"));
    if (file.isEmpty()) {
        return usage(Text::tr("restore needs --from FILE: a backup that stockroomctl backup wrote."));
    }
    if (call.db->engine() != Engine::SQLite) {
        return Backup::postgresRefusal();
    }
    const Result<Backup::FileSummary> summary = Backup::inspect(file);
    if (!summary) {
        return Error {summary.error().kind,
                      summary.error().message + QLatin1Char(' ') + Text::tr("The database was not changed.")};
    }
    if (!call.parser.isSet(QStringLiteral("yes"))) {
        // Replacing everything is not undone by a stray Enter: the caller confirms on the command line.
        if (call.json()) {
            printJson(QJsonObject {{QStringLiteral("from"), file},
                                   {QStringLiteral("schema_version"), summary->schemaVersion},
                                   {QStringLiteral("products"), summary->products},
                                   {QStringLiteral("orders"), summary->orders},
                                   {QStringLiteral("restored"), false}});
        }
        err() << Text::tr(
                     "%1 is a Stockroom backup (schema version %2, %3 products, %4 orders). Restoring it "
                     "replaces everything in %5 (a copy of it as it is now is kept first). Nothing was "
                     "changed: run again with --yes to restore.")
                     .arg(native(file))
                     .arg(summary->schemaVersion)
                     .arg(summary->products)
                     .arg(summary->orders)
                     .arg(call.db->spec().displayString())
              << Qt::endl;
        return UsageError;
    }
    STOCKROOM_CHECK(Access::require(*call.context, Role::Admin, Text::tr("Restoring a backup")));
    STOCKROOM_TRY(outcome, Backup::restore(*call.db, file, call.context->userName));
    // Recorded in the restored database: its own trail goes on from the moment it was put back.
    STOCKROOM_CHECK(call.db->write([&]() -> Status {
        return Audit::record(*call.context, QStringLiteral("database.restore"), QStringLiteral("database"),
                             QFileInfo(file).fileName(),
                             Text::tr("restored from %1 (before: %2)").arg(file, outcome.preRestoreCopy));
    }));
    if (call.json()) {
        printJson(QJsonObject {{QStringLiteral("from"), file},
                               {QStringLiteral("schema_version"), outcome.restored.schemaVersion},
                               {QStringLiteral("migrations"), outcome.migrationsApplied},
                               {QStringLiteral("products"), outcome.restored.products},
                               {QStringLiteral("orders"), outcome.restored.orders},
                               {QStringLiteral("pre_restore_backup"), outcome.preRestoreCopy},
                               {QStringLiteral("restored"), true}});
        return Done;
    }
    out() << Text::tr("Restored %1 from %2 (%3 products, %4 orders).")
                 .arg(call.db->spec().displayString(), native(file))
                 .arg(outcome.restored.products)
                 .arg(outcome.restored.orders)
          << Qt::endl;
    if (outcome.migrationsApplied > 0) {
        out() << Text::tr("The backup had schema version %1 and was brought up to version %2.")
                     .arg(outcome.restored.schemaVersion)
                     .arg(Migrations::latestVersion())
              << Qt::endl;
    }
    out() << Text::tr("The database as it was before is in %1: restore that file to undo.")
                 .arg(native(outcome.preRestoreCopy))
          << Qt::endl;
    return Done;
}

} // namespace

QList<Command> backupCommands()
{
    return {
        {QStringLiteral("backup"),
         Text::tr("Back up the SQLite database while it is in use: --out FILE, or --daily with rotation."),
         [](QCommandLineParser &p) {
             addOption(p, QStringLiteral("out"), Text::tr("Write a backup to this file."),
                       QStringLiteral("FILE"));
             addOption(p, QStringLiteral("daily"),
                       Text::tr("Write today's stockroom-YYYY-MM-DD.db unless it exists, then delete the "
                                "oldest beyond --keep (for cron)."));
             addOption(p, QStringLiteral("keep"),
                       Text::tr("With --daily: daily backups to keep (default 7)."), QStringLiteral("N"));
             addOption(p, QStringLiteral("folder"),
                       Text::tr("With --daily: the folder (default: backups beside the database)."),
                       QStringLiteral("DIR"));
         },
         commandBackup},
        {QStringLiteral("restore"),
         Text::tr("Replace the SQLite database by a backup; keeps a copy of it first (--yes to confirm)."),
         [](QCommandLineParser &p) {
             addOption(p, QStringLiteral("from"), Text::tr("The backup to restore."), QStringLiteral("FILE"));
             addOption(p, QStringLiteral("yes"), Text::tr("Restore (without it: check the file only)."));
         },
         commandRestore},
    };
}

} // namespace Stockroom::Cli
