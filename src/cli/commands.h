// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Stockroom::Cli {

/** Exit codes of stockroomctl: a stable interface for scripts. */
enum ExitCode {
    Done = 0,
    Refused = 1, ///< a business reason: unknown SKU, order already shipped, not enough stock
    UsageError = 2,
    DatabaseError = 3, ///< unreachable, locked, schema too new
};

/** Runs one stockroomctl command line (without the program name) and returns its exit code. */
int run(const QStringList &arguments);

} // namespace Stockroom::Cli
