// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "database.h"

#include <optional>

namespace Stockroom {

/**
 * Versioned schema migrations, the same for SQLite and PostgreSQL (dialect through Dialect::ddl).
 * All pending versions run in one write transaction (all or nothing) and each records itself in
 * schema_version.
 */
class Migrations
{
    Q_DECLARE_TR_FUNCTIONS(Migrations)

public:
    /** The newest schema version this binary knows. */
    static int latestVersion();

    /** The version stored in the database, 0 for an empty one. */
    static Result<int> currentVersion(Database &db);

    /**
     * Brings the schema up to date. A database newer than this binary is refused and left untouched.
     * Returns the number of migrations applied (0 when already current).
     * With upTo, stops at that version: upgrade tests build a database of an older schema this way.
     */
    static Result<int> migrate(Database &db, std::optional<int> upTo = std::nullopt);
};

} // namespace Stockroom
