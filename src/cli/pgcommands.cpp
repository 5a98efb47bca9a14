// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgcommands.h"

#include "database.h"
#include "migrations.h"

#include <QJsonObject>

namespace Stockroom::Cli {

namespace {

Result<int> commandPgGrant(Invocation &call)
{
    if (call.db->engine() != Engine::PostgreSQL) {
        return usage(Text::tr("pg-grant is for PostgreSQL databases; a SQLite file has no roles."));
    }
    STOCKROOM_CHECK(Migrations::grantApplicationRole(*call.db));
    STOCKROOM_TRY(exists,
                  call.db->scalar(QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname = ?"),
                                  {Migrations::applicationRole()}));
    const bool granted = exists.toInt() > 0;
    if (call.json()) {
        printJson(QJsonObject {{QStringLiteral("role"), Migrations::applicationRole()},
                               {QStringLiteral("granted"), granted}});
    } else if (granted) {
        out() << Text::tr("The role %1 has its privileges on %2.")
                     .arg(Migrations::applicationRole(), call.db->spec().displayString())
              << Qt::endl;
    } else {
        err() << Text::tr("The role %1 does not exist and %2 may not create it: ask a superuser to run "
                          "CREATE ROLE %1 NOLOGIN, then run pg-grant again.")
                     .arg(Migrations::applicationRole(), call.db->spec().user)
              << Qt::endl;
    }
    return granted ? Done : Refused;
}

} // namespace

QList<Command> pgCommands()
{
    return {
        {QStringLiteral("pg-grant"),
         Text::tr("PostgreSQL: give the desktops' role %1 its privileges again (run as the database owner).")
             .arg(Migrations::applicationRole()),
         {},
         commandPgGrant},
    };
}

} // namespace Stockroom::Cli
