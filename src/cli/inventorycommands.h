// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clisupport.h"

#include <QList>

namespace Stockroom::Cli {

/**
 * The inventory commands: product, location, stock-settings, supplier, po, count, transfer, ledger and
 * valuation. Same conventions as the order commands (human text, --json objects, exit codes 0–3).
 */
QList<Command> inventoryCommands();

} // namespace Stockroom::Cli
