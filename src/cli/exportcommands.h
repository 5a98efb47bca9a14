// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clisupport.h"

#include <QList>

#include <functional>

namespace Stockroom::Cli {

/**
 * `export orders|stock|ledger|products --out FILE [--since DATE]` and `feed --channel C [--format F]
 * --out FILE [--dry-run]`. Same conventions as the other commands (human text, --json objects, exit
 * codes 0–3).
 */
QList<Command> exportCommands();

/** The options of `channel set NAME` (the stock feed's settings), added to the channel command's. */
void addChannelFeedOptions(QCommandLineParser &parser);

/**
 * The channel command: `channel set NAME [--buffer N] [--buffer-percent P] [--locations A,B]
 * [--feed-format F]` and `channel list` here; anything else (`channel NAME [--pay-later] [--ship-from]`)
 * goes to rules, the fulfilment rules' command.
 */
Result<int> channelCommand(Invocation &call, const std::function<Result<int>(Invocation &)> &rules);

} // namespace Stockroom::Cli
