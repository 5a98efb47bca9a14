// SPDX-License-Identifier: GPL-3.0-or-later
#include "inventorystatus.h"

#include "enumnames.h"
#include "orderstatus.h"

#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace Stockroom {

using namespace EnumNames;

namespace {

constexpr std::array purchaseOrderStatusNames {
    std::pair {PurchaseOrderStatus::Draft, "draft"},
    std::pair {PurchaseOrderStatus::Ordered, "ordered"},
    std::pair {PurchaseOrderStatus::PartiallyReceived, "partially_received"},
    std::pair {PurchaseOrderStatus::Received, "received"},
    std::pair {PurchaseOrderStatus::Cancelled, "cancelled"},
};

constexpr std::array transferStatusNames {
    std::pair {TransferStatus::Draft, "draft"},          std::pair {TransferStatus::Requested, "requested"},
    std::pair {TransferStatus::InTransit, "in_transit"}, std::pair {TransferStatus::Received, "received"},
    std::pair {TransferStatus::Cancelled, "cancelled"},
};

constexpr std::array countStatusNames {
    std::pair {CountStatus::Open, "open"},
    std::pair {CountStatus::Submitted, "submitted"},
    std::pair {CountStatus::Approved, "approved"},
    std::pair {CountStatus::Rejected, "rejected"},
};

} // namespace

QString toString(PurchaseOrderStatus status)
{
    return nameOf(purchaseOrderStatusNames, status);
}

std::optional<PurchaseOrderStatus> purchaseOrderStatusFromString(const QString &text)
{
    return valueOf<PurchaseOrderStatus>(purchaseOrderStatusNames, text);
}

QStringList allPurchaseOrderStatusNames()
{
    return namesOf(purchaseOrderStatusNames);
}

bool isAllowedTransition(PurchaseOrderStatus from, PurchaseOrderStatus to)
{
    using P = PurchaseOrderStatus;
    switch (from) {
    case P::Draft:
        return to == P::Ordered || to == P::Cancelled;
    case P::Ordered:
        return to == P::PartiallyReceived || to == P::Received || to == P::Cancelled;
    case P::PartiallyReceived:
        return to == P::Received;
    case P::Received:
    case P::Cancelled:
        return false;
    }
    return false;
}

bool canReceive(PurchaseOrderStatus status)
{
    return status == PurchaseOrderStatus::Ordered || status == PurchaseOrderStatus::PartiallyReceived;
}

QString toString(TransferStatus status)
{
    return nameOf(transferStatusNames, status);
}

std::optional<TransferStatus> transferStatusFromString(const QString &text)
{
    return valueOf<TransferStatus>(transferStatusNames, text);
}

QStringList allTransferStatusNames()
{
    return namesOf(transferStatusNames);
}

bool isAllowedTransition(TransferStatus from, TransferStatus to)
{
    using T = TransferStatus;
    switch (from) {
    case T::Draft:
        return to == T::Requested || to == T::Cancelled;
    case T::Requested:
        return to == T::InTransit || to == T::Cancelled;
    case T::InTransit:
        return to == T::Received;
    case T::Received:
    case T::Cancelled:
        return false;
    }
    return false;
}

QString toString(CountStatus status)
{
    return nameOf(countStatusNames, status);
}

std::optional<CountStatus> countStatusFromString(const QString &text)
{
    return valueOf<CountStatus>(countStatusNames, text);
}

QStringList allCountStatusNames()
{
    return namesOf(countStatusNames);
}

bool isAllowedTransition(CountStatus from, CountStatus to)
{
    using C = CountStatus;
    switch (from) {
    case C::Open:
        return to == C::Submitted || to == C::Rejected;
    case C::Submitted:
        return to == C::Approved || to == C::Rejected || to == C::Open;
    case C::Approved:
    case C::Rejected:
        return false;
    }
    return false;
}

QString purchaseOrderNumber(qint64 id)
{
    return documentNumber(QLatin1StringView("PO"), id);
}

std::optional<qint64> purchaseOrderIdFromNumber(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(?:PO-?)?0*(\\d{1,15})$"),
                                            QRegularExpression::CaseInsensitiveOption);
    return idFromNumber(pattern, text);
}

QString transferNumber(qint64 id)
{
    return documentNumber(QLatin1StringView("TR"), id);
}

std::optional<qint64> transferIdFromNumber(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(?:TR-?)?0*(\\d{1,15})$"),
                                            QRegularExpression::CaseInsensitiveOption);
    return idFromNumber(pattern, text);
}

QString countNumber(qint64 id)
{
    return documentNumber(QLatin1StringView("SC"), id);
}

std::optional<qint64> countIdFromNumber(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(?:SC-?)?0*(\\d{1,15})$"),
                                            QRegularExpression::CaseInsensitiveOption);
    return idFromNumber(pattern, text);
}

QString referenceNumber(const QString &refType, qint64 refId)
{
    if (refType.isEmpty() || refId == 0) {
        return {};
    }
    if (refType == QLatin1String("order")) {
        return orderNumber(refId);
    }
    if (refType == QLatin1String("return")) {
        return returnNumber(refId);
    }
    if (refType == QLatin1String("purchase_order")) {
        return purchaseOrderNumber(refId);
    }
    if (refType == QLatin1String("transfer")) {
        return transferNumber(refId);
    }
    if (refType == QLatin1String("count")) {
        return countNumber(refId);
    }
    // `product import` names an import so; a shipment has no number of its own.
    return QStringLiteral("%1 %2").arg(refType).arg(refId);
}

qint64 movingAverageCost(qint64 averageCents, qint64 unitsBefore, qint64 unitsIn, qint64 unitCostCents)
{
    if (unitsIn <= 0) {
        return averageCents;
    }
    if (unitsBefore <= 0) {
        return unitCostCents;
    }
    const long double total = (long double)averageCents * unitsBefore + (long double)unitCostCents * unitsIn;
    return qint64(std::llround(total / (long double)(unitsBefore + unitsIn)));
}

QHash<qint64, QChar> abcClasses(const QList<QPair<qint64, qint64>> &valueByProduct)
{
    QList<QPair<qint64, qint64>> sorted = valueByProduct;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto &a, const auto &b) { return a.second > b.second; });
    long double total = 0;
    for (const auto &entry : std::as_const(sorted)) {
        total += std::max<qint64>(0, entry.second);
    }
    QHash<qint64, QChar> classes;
    long double before = 0;
    for (const auto &[product, value] : std::as_const(sorted)) {
        QChar letter = QLatin1Char('C');
        if (value > 0 && total > 0) {
            // The class of a product is decided by where its value starts in the cumulative share.
            const long double share = before / total;
            letter = share < 0.80L ? QLatin1Char('A') : share < 0.95L ? QLatin1Char('B') : QLatin1Char('C');
            before += value;
        }
        classes.insert(product, letter);
    }
    return classes;
}

} // namespace Stockroom
