// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderstatus.h"

#include <QRegularExpression>
#include <QStringList>

#include <array>
#include <utility>

namespace Stockroom {

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

template<typename Table, typename Enum>
QString nameOf(const Table &table, Enum value)
{
    for (const auto &[key, name] : table) {
        if (key == value) {
            return QString::fromLatin1(name);
        }
    }
    return {};
}

template<typename Enum, typename Table>
std::optional<Enum> valueOf(const Table &table, const QString &text)
{
    for (const auto &[key, name] : table) {
        if (text == QLatin1String(name)) {
            return key;
        }
    }
    return std::nullopt;
}

template<typename Table>
QStringList namesOf(const Table &table)
{
    QStringList names;
    for (const auto &entry : table) {
        names << QString::fromLatin1(entry.second);
    }
    return names;
}

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
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    const qint64 id = match.captured(1).toLongLong();
    return id > 0 ? std::optional<qint64>(id) : std::nullopt;
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
