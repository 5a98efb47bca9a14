// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clisupport.h"

#include <QList>

namespace Stockroom::Cli {

/** Order imports from the shop platforms and the SKU aliases they need: `import orders`, `alias`. */
QList<Command> importCommands();

} // namespace Stockroom::Cli
