// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Stockroom {

/**
 * One rejected row or cell of an imported file: "orders_export.csv:12: Lineitem quantity: why".
 *
 * Not called ImportProblem: trackingimport.h already has a Stockroom::ImportProblem (without the file),
 * used by the command line and the GUI; two types of one name would break the one-definition rule.
 */
struct FileProblem
{
    QString file; ///< as given to the reader (toString() shows the name without its directory)
    int line = 0; ///< 1-based; 0 for the whole file
    QString column; ///< as the file's header names it; empty for a whole line or the file
    QString message;

    /** "products.csv:12: price: \"12,5x\" is not an amount of money" (no line or column part when unset). */
    QString toString() const;
};

} // namespace Stockroom
