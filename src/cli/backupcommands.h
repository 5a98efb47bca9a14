// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clisupport.h"

#include <QList>

namespace Stockroom::Cli {

/**
 * Backups of a SQLite database: `backup --out FILE` (online: others may keep writing), `backup --daily
 * [--keep N] [--folder DIR]` (today's stockroom-YYYY-MM-DD.db beside the database unless it is there, then
 * the rotation; for cron), `restore --from FILE [--yes]` (without --yes: checks the file and changes
 * nothing). On PostgreSQL they refuse and point to pg_dump and point-in-time recovery.
 */
QList<Command> backupCommands();

} // namespace Stockroom::Cli
