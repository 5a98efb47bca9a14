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

/**
 * The order state machine of DESIGN.md: whether an order may move from one state to another.
 * Services check every status change here, so an illegal one is refused with a message, never stored.
 */
bool isAllowedTransition(OrderStatus from, OrderStatus to);
/** The payment state machine: pending → authorized → paid → (partially_)refunded | voided. */
bool isAllowedTransition(PaymentStatus from, PaymentStatus to);

/** Whether goods may leave for an order in this payment state (pay-later customers excepted). */
bool paymentClearsShipping(PaymentStatus status);

/** Shipment states as the carriers report them. */
enum class ShipmentStatus {
    LabelCreated,
    InTransit,
    OutForDelivery,
    Delivered,
    Exception,
    ReturnedToSender,
};
QString toString(ShipmentStatus status);
std::optional<ShipmentStatus> shipmentStatusFromString(const QString &text);
QStringList allShipmentStatusNames();
/** label_created → in_transit → out_for_delivery → delivered | exception | returned_to_sender. */
bool isAllowedTransition(ShipmentStatus from, ShipmentStatus to);

/** Return (RMA) states: requested → received → completed (every unit restocked or written off) → refunded. */
enum class ReturnStatus {
    Requested,
    Received,
    Completed,
    Refunded,
    Cancelled,
};
QString toString(ReturnStatus status);
std::optional<ReturnStatus> returnStatusFromString(const QString &text);
bool isAllowedTransition(ReturnStatus from, ReturnStatus to);

/** "RMA-000007" for return id 7; like order numbers, derived from the id. */
QString returnNumber(qint64 id);
std::optional<qint64> returnIdFromNumber(const QString &text);

/** Every state name, in life-cycle order (for CHECK constraints and filters). */
QStringList allOrderStatusNames();
QStringList allPaymentStatusNames();

/** Ledger reasons of DESIGN.md, plus "adjust" for a manual correction with a note. */
QStringList allMovementReasons();

} // namespace Stockroom
