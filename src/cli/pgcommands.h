// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clisupport.h"

#include <QList>

namespace Stockroom::Cli {

/**
 * PostgreSQL administration that belongs to Stockroom's schema: pg-grant issues the privileges of the
 * desktops' group role (stockroom_app) again. Desk login roles are plain SQL (README: "A shared
 * PostgreSQL"), so that psql's \password can hash the password before it leaves the administrator's machine.
 */
QList<Command> pgCommands();

} // namespace Stockroom::Cli
