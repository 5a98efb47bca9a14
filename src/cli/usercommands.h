// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clisupport.h"
#include "userservice.h"

#include <QList>

namespace Stockroom::Cli {

/**
 * Users and the audit trail: `user add|list|role|enable|disable|password`, `login` (prints a token for
 * scripts: STOCKROOM_TOKEN), `logout`, and `audit` (who did what and when, with before/after of edits).
 */
QList<Command> userCommands();

/**
 * Who runs this command line: on an unclaimed database (no users yet) an administrator named by --user
 * or $USER; otherwise the user that signs in with $STOCKROOM_TOKEN, or --user (or $STOCKROOM_USER) and the
 * password from --password-file, $STOCKROOM_PASSWORD or, on a terminal, a prompt.
 */
Result<Actor> signInFromCommandLine(const QCommandLineParser &parser, ServiceContext &context);

} // namespace Stockroom::Cli
