// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clisupport.h"

#include <QList>

namespace Stockroom::Cli {

/**
 * Planning on the database: `replenish [--location L] [--json]` lists the purchase (per supplier) and
 * transfer suggestions, `replenish --accept ID|all …` turns them into draft purchase orders and transfers;
 * `atp --sku S [--location L] [--qty Q] [--weeks N] [--forecast]` prints the available-to-promise timeline
 * and, with --qty, the earliest date the quantity can be promised (exit 1 when it cannot within the weeks).
 */
QList<Command> planningCommands();

} // namespace Stockroom::Cli
