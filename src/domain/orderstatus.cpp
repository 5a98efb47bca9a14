// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderstatus.h"

#include "enumnames.h"

#include <QRegularExpression>
#include <QStringList>

#include <array>
#include <utility>

namespace Stockroom {

using namespace EnumNames;

namespace {

constexpr std::array orderStatusNames {
    std::pair {OrderStatus::Draft, "draft"},
    std::pair {OrderStatus::Placed, "placed"},
    std::pair {OrderStatus::Backordered, "backordered"},
    std::pair {OrderStatus::Allocated, "allocated"},
    std::pair {OrderStatus::Picking, "picking"},
    std::pair {OrderStatus::Packed, "packed"},
    std::pair {OrderStatus::PartiallyShipped, "partially_shipped"},
    std::pair {OrderStatus::Shipped, "shipped"},
    std::pair {OrderStatus::Delivered, "delivered"},
    std::pair {OrderStatus::OnHold, "on_hold"},
    std::pair {OrderStatus::Cancelled, "cancelled"},
};

constexpr std::array paymentStatusNames {
    std::pair {PaymentStatus::Pending, "pending"},
    std::pair {PaymentStatus::Authorized, "authorized"},
    std::pair {PaymentStatus::Paid, "paid"},
    std::pair {PaymentStatus::PartiallyRefunded, "partially_refunded"},
    std::pair {PaymentStatus::Refunded, "refunded"},
    std::pair {PaymentStatus::Voided, "voided"},
};

} // namespace

QString toString(OrderStatus status)
{
    return nameOf(orderStatusNames, status);
}

std::optional<OrderStatus> orderStatusFromString(const QString &text)
{
    return valueOf<OrderStatus>(orderStatusNames, text);
}

QString toString(PaymentStatus status)
{
    return nameOf(paymentStatusNames, status);
}

std::optional<PaymentStatus> paymentStatusFromString(const QString &text)
{
    return valueOf<PaymentStatus>(paymentStatusNames, text);
}

bool isOpen(OrderStatus status)
{
    switch (status) {
    case OrderStatus::Draft:
    case OrderStatus::Placed:
    case OrderStatus::Backordered:
    case OrderStatus::Allocated:
    case OrderStatus::Picking:
    case OrderStatus::Packed:
    case OrderStatus::OnHold:
    case OrderStatus::PartiallyShipped:
        return true;
    case OrderStatus::Shipped:
    case OrderStatus::Delivered:
    case OrderStatus::Cancelled:
        return false;
    }
    return false;
}

bool canShip(OrderStatus status)
{
    switch (status) {
    case OrderStatus::Backordered:
    case OrderStatus::Allocated:
    case OrderStatus::Picking:
    case OrderStatus::Packed:
    case OrderStatus::PartiallyShipped:
        return true;
    default:
        return false;
    }
}

QString orderNumber(qint64 id)
{
    return QStringLiteral("SO-%1").arg(id, 6, 10, QLatin1Char('0'));
}

std::optional<qint64> orderIdFromNumber(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(?:SO-?)?0*(\\d{1,15})$"),
                                            QRegularExpression::CaseInsensitiveOption);
    return idFromNumber(pattern, text);
}

bool isAllowedTransition(OrderStatus from, OrderStatus to)
{
    using S = OrderStatus;
    if (from == to) {
        return false;
    }
    if (to == S::Cancelled) {
        return isOpen(from);
    }
    if (to == S::OnHold) {
        return isOpen(from) && from != S::Draft;
    }
    switch (from) {
    case S::Draft:
        return to == S::Placed || to == S::Allocated || to == S::Backordered;
    case S::Placed:
        return to == S::Allocated || to == S::Backordered;
    case S::Backordered:
        // Arrivals fill it; what is allocated of it may leave early (a split shipment).
        return to == S::Allocated || to == S::PartiallyShipped;
    case S::Allocated:
        // Straight to shipped is the small shop without a pick step; payment is checked all the same.
        return to == S::Picking || to == S::Shipped || to == S::PartiallyShipped;
    case S::Picking:
        return to == S::Packed || to == S::Allocated || to == S::Shipped || to == S::PartiallyShipped;
    case S::Packed:
        return to == S::Shipped || to == S::PartiallyShipped || to == S::Picking;
    case S::PartiallyShipped:
        // The rest arrives later and goes through the same steps; "shipped" also when the rest is cancelled.
        return to == S::Picking || to == S::Packed || to == S::Shipped || to == S::PartiallyShipped;
    case S::OnHold:
        return to == S::Allocated || to == S::Backordered || to == S::PartiallyShipped;
    case S::Shipped:
        return to == S::Delivered;
    case S::Delivered:
    case S::Cancelled:
        return false;
    }
    return false;
}

bool isAllowedTransition(PaymentStatus from, PaymentStatus to)
{
    using P = PaymentStatus;
    switch (from) {
    case P::Pending:
        return to == P::Authorized || to == P::Paid || to == P::Voided;
    case P::Authorized:
        return to == P::Paid || to == P::Voided;
    case P::Paid:
        return to == P::PartiallyRefunded || to == P::Refunded;
    case P::PartiallyRefunded:
        return to == P::PartiallyRefunded || to == P::Refunded;
    case P::Refunded:
    case P::Voided:
        return false;
    }
    return false;
}

bool paymentClearsShipping(PaymentStatus status)
{
    // Refunds after shipping do not matter here: only paid money lets goods leave.
    return status == PaymentStatus::Paid || status == PaymentStatus::PartiallyRefunded;
}

namespace {

constexpr std::array shipmentStatusNames {
    std::pair {ShipmentStatus::LabelCreated, "label_created"},
    std::pair {ShipmentStatus::InTransit, "in_transit"},
    std::pair {ShipmentStatus::OutForDelivery, "out_for_delivery"},
    std::pair {ShipmentStatus::Delivered, "delivered"},
    std::pair {ShipmentStatus::Exception, "exception"},
    std::pair {ShipmentStatus::ReturnedToSender, "returned_to_sender"},
};

constexpr std::array returnStatusNames {
    std::pair {ReturnStatus::Requested, "requested"}, std::pair {ReturnStatus::Received, "received"},
    std::pair {ReturnStatus::Completed, "completed"}, std::pair {ReturnStatus::Refunded, "refunded"},
    std::pair {ReturnStatus::Cancelled, "cancelled"},
};

} // namespace

QString toString(ShipmentStatus status)
{
    return nameOf(shipmentStatusNames, status);
}

std::optional<ShipmentStatus> shipmentStatusFromString(const QString &text)
{
    return valueOf<ShipmentStatus>(shipmentStatusNames, text);
}

QStringList allShipmentStatusNames()
{
    return namesOf(shipmentStatusNames);
}

bool isAllowedTransition(ShipmentStatus from, ShipmentStatus to)
{
    using S = ShipmentStatus;
    switch (from) {
    case S::LabelCreated:
        return to != S::LabelCreated;
    case S::InTransit:
        // Carriers scan a parcel in transit many times: each scan is an event, the state stays.
        return to != S::LabelCreated;
    case S::OutForDelivery:
        return to == S::Delivered || to == S::Exception || to == S::InTransit || to == S::ReturnedToSender;
    case S::Exception:
        return to != S::LabelCreated && to != S::Exception;
    case S::Delivered:
    case S::ReturnedToSender:
        return false;
    }
    return false;
}

QString toString(ReturnStatus status)
{
    return nameOf(returnStatusNames, status);
}

std::optional<ReturnStatus> returnStatusFromString(const QString &text)
{
    return valueOf<ReturnStatus>(returnStatusNames, text);
}

bool isAllowedTransition(ReturnStatus from, ReturnStatus to)
{
    using R = ReturnStatus;
    switch (from) {
    case R::Requested:
        return to == R::Received || to == R::Completed || to == R::Cancelled;
    case R::Received:
        return to == R::Completed;
    case R::Completed:
        return to == R::Refunded;
    case R::Refunded:
    case R::Cancelled:
        return false;
    }
    return false;
}

QString returnNumber(qint64 id)
{
    return QStringLiteral("RMA-%1").arg(id, 6, 10, QLatin1Char('0'));
}

std::optional<qint64> returnIdFromNumber(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(?:RMA-?)?0*(\\d{1,15})$"),
                                            QRegularExpression::CaseInsensitiveOption);
    return idFromNumber(pattern, text);
}

QStringList allOrderStatusNames()
{
    return namesOf(orderStatusNames);
}

QStringList allPaymentStatusNames()
{
    return namesOf(paymentStatusNames);
}

QStringList allMovementReasons()
{
    return {
        QStringLiteral("receipt"),      QStringLiteral("reserve"),        QStringLiteral("release"),
        QStringLiteral("ship"),         QStringLiteral("return_restock"), QStringLiteral("return_writeoff"),
        QStringLiteral("count_adjust"), QStringLiteral("transfer_out"),   QStringLiteral("transfer_in"),
        QStringLiteral("writeoff"),     QStringLiteral("adjust")};
}

} // namespace Stockroom
