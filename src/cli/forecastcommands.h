// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clisupport.h"

#include <QList>

namespace Stockroom::Cli {

/**
 * `forecast --input FILE.csv --horizon H [--season S] [--method M] --out FILE.csv` and `backtest --input
 * FILE.csv --horizon H [--season S] [--methods A,B]`: the forecasting engine on any series file, without a
 * database, so it can be checked on public data sets.
 */
QList<Command> forecastCommands();

} // namespace Stockroom::Cli
