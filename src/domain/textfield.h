// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QCoreApplication>

namespace Stockroom {

/**
 * What text a field may hold, the same on both engines. PostgreSQL cannot store U+0000 in text and keeps at
 * most 2704 bytes in an index entry, while SQLite takes both: without these limits a SKU or a customer name
 * would be stored on one engine and fail with a driver error on the other. A value is refused whole, with
 * the field's name, never cut.
 */
class TextField
{
    Q_DECLARE_TR_FUNCTIONS(TextField)

public:
    /** Codes people type or scan (SKU, location code, an order's id on its channel, aliases): indexed. */
    static constexpr int CodeLength = 255;
    /** Names and short values (product, customer, supplier, location, postcode, region, e-mail). */
    static constexpr int NameLength = 500;
    /** Addresses and notes. */
    static constexpr int TextLength = 20'000;

    /** Refuses a NUL character, an unpaired surrogate, or more than maxLength characters. */
    static Status check(const QString &field, const QString &value, int maxLength);
    /** The value as a message may quote it: control characters shown as \\0, \\n, … and at most 40 characters. */
    static QString excerpt(const QString &value);
};

} // namespace Stockroom
