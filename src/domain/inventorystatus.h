// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Stockroom {

/** Purchase order: draft → ordered → partially_received → received | cancelled. */
enum class PurchaseOrderStatus {
    Draft,
    Ordered,
    PartiallyReceived,
    Received,
    Cancelled,
};
QString toString(PurchaseOrderStatus status);
std::optional<PurchaseOrderStatus> purchaseOrderStatusFromString(const QString &text);
QStringList allPurchaseOrderStatusNames();
/**
 * A draft is ordered or cancelled; an ordered one is received (in part or whole) or cancelled; once goods
 * came in, the rest can only be closed short (received), never cancelled.
 */
bool isAllowedTransition(PurchaseOrderStatus from, PurchaseOrderStatus to);
/** Whether goods may be booked in against the purchase order. */
bool canReceive(PurchaseOrderStatus status);

/** Transfer: draft → requested → in_transit → received | cancelled (before anything left). */
enum class TransferStatus {
    Draft,
    Requested,
    InTransit,
    Received,
    Cancelled,
};
QString toString(TransferStatus status);
std::optional<TransferStatus> transferStatusFromString(const QString &text);
QStringList allTransferStatusNames();
bool isAllowedTransition(TransferStatus from, TransferStatus to);

/**
 * Stock count: open → submitted → approved | rejected. A manager may send a submitted count back to be
 * counted again (open), and an open count may be discarded (rejected).
 */
enum class CountStatus {
    Open,
    Submitted,
    Approved,
    Rejected,
};
QString toString(CountStatus status);
std::optional<CountStatus> countStatusFromString(const QString &text);
QStringList allCountStatusNames();
bool isAllowedTransition(CountStatus from, CountStatus to);

/** "PO-000007", "TR-000007", "SC-000007": derived from ids like order numbers. */
QString purchaseOrderNumber(qint64 id);
std::optional<qint64> purchaseOrderIdFromNumber(const QString &text);
QString transferNumber(qint64 id);
std::optional<qint64> transferIdFromNumber(const QString &text);
QString countNumber(qint64 id);
std::optional<qint64> countIdFromNumber(const QString &text);

/**
 * A ledger movement's reference as people read it: the document's number for an order, a return, a purchase
 * order, a transfer or a count (SO-…, RMA-…, PO-…, TR-…, SC-…); for anything else (an import, a shipment, kinds
 * to come) the kind and its id, "import 7". Empty without a reference.
 */
QString referenceNumber(const QString &refType, qint64 refId);

/**
 * The moving-average unit cost after unitsIn arrive at unitCostCents, when unitsBefore were on hand at
 * averageCents (all locations together). Rounded to the cent; with nothing (or less) on hand before, the
 * new cost is the arrival's.
 */
qint64 movingAverageCost(qint64 averageCents, qint64 unitsBefore, qint64 unitsIn, qint64 unitCostCents);

/**
 * ABC classes by value (e.g. cost of goods shipped in a period): A are the products that make up the first
 * 80 % of the value, B the next 15 %, C the rest and every product without value. Ties keep the input order.
 */
QHash<qint64, QChar> abcClasses(const QList<QPair<qint64, qint64>> &valueByProduct);

} // namespace Stockroom
