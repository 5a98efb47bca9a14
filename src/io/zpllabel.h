// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "shippinglabel.h"

#include <QByteArray>
#include <QCoreApplication>

namespace Stockroom {

/**
 * The 4×6 inch shipping label in ZPL II, for Zebra-compatible thermal printers: the same blocks as the PDF
 * label, the tracking number as a printer-drawn Code 128 (^BC) with its interpretation line.
 *
 * Every field is sent with ^FH and the characters that ZPL would read as commands (^ ~), the hex indicator
 * itself (_), backslash and control characters as _XX escapes, so that data such as a customer's name can
 * never end the label or start a command. Text is UTF-8 (^CI28).
 */
class ZplLabel
{
    Q_DECLARE_TR_FUNCTIONS(ZplLabel)

public:
    /**
     * The label for a printer of dpi dots per inch (152, 203, 300 or 600); empty when it cannot be printed
     * (no tracking number, one that ^BC cannot carry, another resolution): write() says why.
     */
    static QByteArray render(const LabelData &label, int dpi = 203);

    static Status write(const LabelData &label, const QString &fileName, int dpi = 203);
};

} // namespace Stockroom
