// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace Stockroom {

/** Order life cycle of DESIGN.md; the database stores the lowercase names. */
enum class OrderStatus {
    Draft,
    Placed,
    Backordered,
    Allocated,
    Picking,
    Packed,
    PartiallyShipped,
    Shipped,
    Delivered,
    OnHold,
    Cancelled,
};

enum class PaymentStatus {
    Pending,
    Authorized,
    Paid,
    PartiallyRefunded,
    Refunded,
    Voided,
};

QString toString(OrderStatus status);
std::optional<OrderStatus> orderStatusFromString(const QString &text);
QString toString(PaymentStatus status);
std::optional<PaymentStatus> paymentStatusFromString(const QString &text);

/** Open orders still hold or wait for stock; only they may be cancelled or put on hold. */
bool isOpen(OrderStatus status);

/** Whether an order may be shipped now: something is allocated and not yet shipped. */
bool canShip(OrderStatus status);

/** The number people see for an order id: "SO-000042". It is derived, never stored. */
QString orderNumber(qint64 id);
/** The id behind "SO-000042", "so-42" or "42"; nullopt for anything else. */
std::optional<qint64> orderIdFromNumber(const QString &text);

/** Every state name, in life-cycle order (for CHECK constraints and filters). */
QStringList allOrderStatusNames();
QStringList allPaymentStatusNames();

/** Ledger reasons of DESIGN.md, plus "adjust" for a manual correction with a note. */
QStringList allMovementReasons();

} // namespace Stockroom
