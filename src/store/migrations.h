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
     * PostgreSQL: a user that may not change the schema (a desktop's role) is sent to the database owner
     * before anything runs; from version 6 on, each run ends by granting the desktops' role (see .cpp).
     */
    static Result<int> migrate(Database &db, std::optional<int> upTo = std::nullopt);

    /** PostgreSQL: the group role (NOLOGIN) whose members are the desktops' login roles. */
    static QString applicationRole() { return QStringLiteral("stockroom_app"); }

    /**
     * PostgreSQL: issues the application role's privileges again (and creates the role if it is missing
     * and this user may), e.g. after a superuser created the role that the upgrade could not. Needs the
     * owner of the tables. Nothing on SQLite.
     */
    static Status grantApplicationRole(Database &db);
};

} // namespace Stockroom
