// SPDX-License-Identifier: GPL-3.0-or-later
#include "inventorystatus.h"
#include "orderstatus.h"

#include <QTest>

#include <functional>

using namespace Stockroom;

namespace {

/**
 * The expected state machines, written out by hand from DESIGN.md and the comments in orderstatus.h:
 * every state and the states it may move to. A change to orderstatus.cpp that is not also made here (or
 * the other way round) fails, so a new arrow is always a decision, never an accident.
 */
const QList<std::pair<QString, QStringList>> expectedOrder = {
    {QStringLiteral("draft"),
     {QStringLiteral("placed"), QStringLiteral("backordered"), QStringLiteral("allocated"),
      QStringLiteral("cancelled")}},
    {QStringLiteral("placed"),
     {QStringLiteral("backordered"), QStringLiteral("allocated"), QStringLiteral("on_hold"),
      QStringLiteral("cancelled")}},
    // Arrivals fill it; what is allocated of it may leave early (a split shipment).
    {QStringLiteral("backordered"),
     {QStringLiteral("allocated"), QStringLiteral("partially_shipped"), QStringLiteral("on_hold"),
      QStringLiteral("cancelled")}},
    // Straight to shipped is the small shop without a pick step.
    {QStringLiteral("allocated"),
     {QStringLiteral("picking"), QStringLiteral("partially_shipped"), QStringLiteral("shipped"),
      QStringLiteral("on_hold"), QStringLiteral("cancelled")}},
    {QStringLiteral("picking"),
     {QStringLiteral("allocated"), QStringLiteral("packed"), QStringLiteral("partially_shipped"),
      QStringLiteral("shipped"), QStringLiteral("on_hold"), QStringLiteral("cancelled")}},
    {QStringLiteral("packed"),
     {QStringLiteral("picking"), QStringLiteral("partially_shipped"), QStringLiteral("shipped"),
      QStringLiteral("on_hold"), QStringLiteral("cancelled")}},
    // The rest arrives later and goes through the same steps; no self-arrow: shipping more of a
    // partially shipped order keeps its state without a transition.
    {QStringLiteral("partially_shipped"),
     {QStringLiteral("picking"), QStringLiteral("packed"), QStringLiteral("shipped"),
      QStringLiteral("on_hold"), QStringLiteral("cancelled")}},
    {QStringLiteral("shipped"), {QStringLiteral("delivered")}},
    {QStringLiteral("delivered"), {}},
    // Unhold goes back to what the order holds and has sent.
    {QStringLiteral("on_hold"),
     {QStringLiteral("backordered"), QStringLiteral("allocated"), QStringLiteral("partially_shipped"),
      QStringLiteral("cancelled")}},
    {QStringLiteral("cancelled"), {}},
};

const QList<std::pair<QString, QStringList>> expectedPayment = {
    {QStringLiteral("pending"),
     {QStringLiteral("authorized"), QStringLiteral("paid"), QStringLiteral("voided")}},
    {QStringLiteral("authorized"), {QStringLiteral("paid"), QStringLiteral("voided")}},
    {QStringLiteral("paid"), {QStringLiteral("partially_refunded"), QStringLiteral("refunded")}},
    // A second partial refund stays partially refunded.
    {QStringLiteral("partially_refunded"),
     {QStringLiteral("partially_refunded"), QStringLiteral("refunded")}},
    {QStringLiteral("refunded"), {}},
    {QStringLiteral("voided"), {}},
};

const QList<std::pair<QString, QStringList>> expectedShipment = {
    {QStringLiteral("label_created"),
     {QStringLiteral("in_transit"), QStringLiteral("out_for_delivery"), QStringLiteral("delivered"),
      QStringLiteral("exception"), QStringLiteral("returned_to_sender")}},
    // Carriers scan a parcel in transit many times: in transit → in transit is allowed.
    {QStringLiteral("in_transit"),
     {QStringLiteral("in_transit"), QStringLiteral("out_for_delivery"), QStringLiteral("delivered"),
      QStringLiteral("exception"), QStringLiteral("returned_to_sender")}},
    {QStringLiteral("out_for_delivery"),
     {QStringLiteral("in_transit"), QStringLiteral("delivered"), QStringLiteral("exception"),
      QStringLiteral("returned_to_sender")}},
    {QStringLiteral("delivered"), {}},
    {QStringLiteral("exception"),
     {QStringLiteral("in_transit"), QStringLiteral("out_for_delivery"), QStringLiteral("delivered"),
      QStringLiteral("returned_to_sender")}},
    {QStringLiteral("returned_to_sender"), {}},
};

const QList<std::pair<QString, QStringList>> expectedReturn = {
    {QStringLiteral("requested"),
     {QStringLiteral("received"), QStringLiteral("completed"), QStringLiteral("cancelled")}},
    {QStringLiteral("received"), {QStringLiteral("completed")}},
    {QStringLiteral("completed"), {QStringLiteral("refunded")}},
    {QStringLiteral("refunded"), {}},
    {QStringLiteral("cancelled"), {}},
};

const QStringList returnNames
    = {QStringLiteral("requested"), QStringLiteral("received"), QStringLiteral("completed"),
       QStringLiteral("refunded"), QStringLiteral("cancelled")};

/** Which states `from` may move to, by asking the domain about every state name. */
QStringList allowedFrom(const QString &from, const QStringList &all,
                        const std::function<bool(const QString &, const QString &)> &allowed)
{
    QStringList to;
    for (const QString &candidate : all) {
        if (allowed(from, candidate)) {
            to << candidate;
        }
    }
    return to;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

bool orderAllowed(const QString &from, const QString &to)
{
    return isAllowedTransition(orderStatusFromString(from).value(), orderStatusFromString(to).value());
}

bool paymentAllowed(const QString &from, const QString &to)
{
    return isAllowedTransition(paymentStatusFromString(from).value(), paymentStatusFromString(to).value());
}

bool shipmentAllowed(const QString &from, const QString &to)
{
    return isAllowedTransition(shipmentStatusFromString(from).value(), shipmentStatusFromString(to).value());
}

bool returnAllowed(const QString &from, const QString &to)
{
    return isAllowedTransition(returnStatusFromString(from).value(), returnStatusFromString(to).value());
}

// The inventory documents of DESIGN.md, arrow by arrow.
const QList<std::pair<QString, QStringList>> expectedPurchaseOrder = {
    {QStringLiteral("draft"), {QStringLiteral("ordered"), QStringLiteral("cancelled")}},
    {QStringLiteral("ordered"),
     {QStringLiteral("partially_received"), QStringLiteral("received"), QStringLiteral("cancelled")}},
    // Once goods came in, the rest can only be closed short, never cancelled.
    {QStringLiteral("partially_received"), {QStringLiteral("received")}},
    {QStringLiteral("received"), {}},
    {QStringLiteral("cancelled"), {}},
};

const QList<std::pair<QString, QStringList>> expectedTransfer = {
    {QStringLiteral("draft"), {QStringLiteral("requested"), QStringLiteral("cancelled")}},
    {QStringLiteral("requested"), {QStringLiteral("in_transit"), QStringLiteral("cancelled")}},
    // Goods on the road arrive or are written off; they cannot be cancelled.
    {QStringLiteral("in_transit"), {QStringLiteral("received")}},
    {QStringLiteral("received"), {}},
    {QStringLiteral("cancelled"), {}},
};

const QList<std::pair<QString, QStringList>> expectedCount = {
    {QStringLiteral("open"), {QStringLiteral("submitted"), QStringLiteral("rejected")}},
    {QStringLiteral("submitted"), {QStringLiteral("approved"), QStringLiteral("rejected"), QStringLiteral("open")}},
    {QStringLiteral("approved"), {}},
    {QStringLiteral("rejected"), {}},
};

bool purchaseOrderAllowed(const QString &from, const QString &to)
{
    return isAllowedTransition(purchaseOrderStatusFromString(from).value(), purchaseOrderStatusFromString(to).value());
}

bool transferAllowed(const QString &from, const QString &to)
{
    return isAllowedTransition(transferStatusFromString(from).value(), transferStatusFromString(to).value());
}

bool countAllowed(const QString &from, const QString &to)
{
    return isAllowedTransition(countStatusFromString(from).value(), countStatusFromString(to).value());
}

/** Every state reachable from `start` (itself included). */
QSet<QString> reachable(const QString &start, const QStringList &all,
                        const std::function<bool(const QString &, const QString &)> &allowed)
{
    QSet<QString> seen {start};
    QStringList queue {start};
    while (!queue.isEmpty()) {
        const QString from = queue.takeFirst();
        for (const QString &to : allowedFrom(from, all, allowed)) {
            if (!seen.contains(to)) {
                seen.insert(to);
                queue << to;
            }
        }
    }
    return seen;
}

void addTableRows(const QList<std::pair<QString, QStringList>> &table)
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QStringList>("expected");
    for (const auto &[from, to] : table) {
        QTest::addRow("%s", qPrintable(from)) << from << to;
    }
}

QStringList namesOf(const QList<std::pair<QString, QStringList>> &table)
{
    QStringList names;
    for (const auto &entry : table) {
        names << entry.first;
    }
    return names;
}

} // namespace

/** The order, payment, shipment and return state machines, arrow by arrow, without a database. */
class TestStateMachines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesMatchTheTables()
    {
        // The tables above list every state, in life-cycle order; a new state must be added here too.
        QCOMPARE(allOrderStatusNames(),
                 (QStringList {
                     QStringLiteral("draft"), QStringLiteral("placed"), QStringLiteral("backordered"),
                     QStringLiteral("allocated"), QStringLiteral("picking"), QStringLiteral("packed"),
                     QStringLiteral("partially_shipped"), QStringLiteral("shipped"),
                     QStringLiteral("delivered"), QStringLiteral("on_hold"), QStringLiteral("cancelled")}));
        QCOMPARE(sorted(namesOf(expectedOrder)), sorted(allOrderStatusNames()));
        QCOMPARE(namesOf(expectedPayment), allPaymentStatusNames());
        QCOMPARE(namesOf(expectedShipment), allShipmentStatusNames());
        QCOMPARE(namesOf(expectedReturn), returnNames);
        for (const QString &name : allOrderStatusNames()) {
            QCOMPARE(toString(orderStatusFromString(name).value()), name);
        }
        for (const QString &name : allPaymentStatusNames()) {
            QCOMPARE(toString(paymentStatusFromString(name).value()), name);
        }
        for (const QString &name : allShipmentStatusNames()) {
            QCOMPARE(toString(shipmentStatusFromString(name).value()), name);
        }
        for (const QString &name : returnNames) {
            QCOMPARE(toString(returnStatusFromString(name).value()), name);
        }
        QVERIFY(!orderStatusFromString(QStringLiteral("Shipped")));
        QVERIFY(!orderStatusFromString(QStringLiteral("partially shipped")));
        QVERIFY(!paymentStatusFromString(QString()));
        QVERIFY(!shipmentStatusFromString(QStringLiteral("lost")));
        QVERIFY(!returnStatusFromString(QStringLiteral("open")));
    }

    void orderTransitions_data() { addTableRows(expectedOrder); }
    void orderTransitions()
    {
        QFETCH(QString, from);
        QFETCH(QStringList, expected);
        QCOMPARE(sorted(allowedFrom(from, allOrderStatusNames(), orderAllowed)), sorted(expected));
    }

    void paymentTransitions_data() { addTableRows(expectedPayment); }
    void paymentTransitions()
    {
        QFETCH(QString, from);
        QFETCH(QStringList, expected);
        QCOMPARE(sorted(allowedFrom(from, allPaymentStatusNames(), paymentAllowed)), sorted(expected));
    }

    void shipmentTransitions_data() { addTableRows(expectedShipment); }
    void shipmentTransitions()
    {
        QFETCH(QString, from);
        QFETCH(QStringList, expected);
        QCOMPARE(sorted(allowedFrom(from, allShipmentStatusNames(), shipmentAllowed)), sorted(expected));
    }

    void returnTransitions_data() { addTableRows(expectedReturn); }
    void returnTransitions()
    {
        QFETCH(QString, from);
        QFETCH(QStringList, expected);
        QCOMPARE(sorted(allowedFrom(from, returnNames, returnAllowed)), sorted(expected));
    }

    void inventoryDocumentTransitions_data()
    {
        QTest::addColumn<QString>("machine");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QStringList>("expected");
        for (const auto &[machine, table] :
             {std::pair {QStringLiteral("purchase order"), expectedPurchaseOrder},
              std::pair {QStringLiteral("transfer"), expectedTransfer}, std::pair {QStringLiteral("count"), expectedCount}}) {
            for (const auto &[from, to] : table) {
                QTest::addRow("%s %s", qPrintable(machine), qPrintable(from)) << machine << from << to;
            }
        }
    }
    void inventoryDocumentTransitions()
    {
        QFETCH(QString, machine);
        QFETCH(QString, from);
        QFETCH(QStringList, expected);
        if (machine == QLatin1String("purchase order")) {
            QCOMPARE(namesOf(expectedPurchaseOrder), allPurchaseOrderStatusNames());
            QCOMPARE(sorted(allowedFrom(from, allPurchaseOrderStatusNames(), purchaseOrderAllowed)), sorted(expected));
        } else if (machine == QLatin1String("transfer")) {
            QCOMPARE(namesOf(expectedTransfer), allTransferStatusNames());
            QCOMPARE(sorted(allowedFrom(from, allTransferStatusNames(), transferAllowed)), sorted(expected));
        } else {
            QCOMPARE(namesOf(expectedCount), allCountStatusNames());
            QCOMPARE(sorted(allowedFrom(from, allCountStatusNames(), countAllowed)), sorted(expected));
        }
    }

    void inventoryDocumentNumbers()
    {
        QCOMPARE(purchaseOrderNumber(7), QStringLiteral("PO-000007"));
        QCOMPARE(transferNumber(1234567), QStringLiteral("TR-1234567"));
        QCOMPARE(countNumber(42), QStringLiteral("SC-000042"));
        QCOMPARE(purchaseOrderIdFromNumber(QStringLiteral(" po-7 ")), std::optional<qint64>(7));
        QCOMPARE(transferIdFromNumber(QStringLiteral("TR000012")), std::optional<qint64>(12));
        QCOMPARE(countIdFromNumber(QStringLiteral("42")), std::optional<qint64>(42));
        QVERIFY(!purchaseOrderIdFromNumber(QStringLiteral("TR-7")));
        QVERIFY(!countIdFromNumber(QStringLiteral("SC-0")));
        QVERIFY(canReceive(PurchaseOrderStatus::Ordered) && canReceive(PurchaseOrderStatus::PartiallyReceived));
        QVERIFY(!canReceive(PurchaseOrderStatus::Draft) && !canReceive(PurchaseOrderStatus::Received));
    }

    void movingAverageAndAbc()
    {
        QCOMPARE(movingAverageCost(500, 10, 4, 700), 557);
        QCOMPARE(movingAverageCost(500, 0, 4, 700), 700); // nothing before: the arrival's cost
        QCOMPARE(movingAverageCost(500, -3, 4, 700), 700);
        QCOMPARE(movingAverageCost(500, 10, 0, 700), 500);
        QCOMPARE(movingAverageCost(1, 1, 1, 2), 2); // 1.5 rounds half away from zero
        const QHash<qint64, QChar> classes
            = abcClasses({{1, 500}, {2, 7000}, {3, 1000}, {4, 0}, {5, 1200}, {6, 300}});
        // 10,000 in all: 7,000 (0 %) A, 1,200 (70 %) A, 1,000 (82 %) B, 500 (92 %) B, 300 (97 %) C, 0 C.
        QCOMPARE(classes.value(2), QLatin1Char('A'));
        QCOMPARE(classes.value(5), QLatin1Char('A'));
        QCOMPARE(classes.value(3), QLatin1Char('B'));
        QCOMPARE(classes.value(1), QLatin1Char('B'));
        QCOMPARE(classes.value(6), QLatin1Char('C'));
        QCOMPARE(classes.value(4), QLatin1Char('C'));
        QVERIFY(abcClasses({}).isEmpty());
    }

    void openStates()
    {
        // Open orders still hold or wait for stock: only they may be cancelled; on hold from all but draft.
        const QStringList open = {QStringLiteral("draft"),
                                  QStringLiteral("placed"),
                                  QStringLiteral("backordered"),
                                  QStringLiteral("allocated"),
                                  QStringLiteral("picking"),
                                  QStringLiteral("packed"),
                                  QStringLiteral("partially_shipped"),
                                  QStringLiteral("on_hold")};
        for (const QString &name : allOrderStatusNames()) {
            const OrderStatus status = orderStatusFromString(name).value();
            QCOMPARE(isOpen(status), open.contains(name));
            QVERIFY2(orderAllowed(name, QStringLiteral("cancelled")) == open.contains(name),
                     qPrintable(name));
            const bool holdable
                = open.contains(name) && name != QLatin1String("draft") && name != QLatin1String("on_hold");
            QVERIFY2(orderAllowed(name, QStringLiteral("on_hold")) == holdable, qPrintable(name));
        }
    }

    void noOrderStateMovesToItself()
    {
        for (const QString &name : allOrderStatusNames()) {
            QVERIFY2(!orderAllowed(name, name), qPrintable(name));
        }
    }

    void terminalStatesHaveNoWayOut_data()
    {
        QTest::addColumn<QString>("machine");
        QTest::addColumn<QStringList>("terminal");
        QTest::addRow("order") << QStringLiteral("order")
                               << QStringList {QStringLiteral("delivered"), QStringLiteral("cancelled")};
        QTest::addRow("payment") << QStringLiteral("payment")
                                 << QStringList {QStringLiteral("refunded"), QStringLiteral("voided")};
        QTest::addRow("shipment") << QStringLiteral(
            "shipment") << QStringList {QStringLiteral("delivered"), QStringLiteral("returned_to_sender")};
        QTest::addRow("return") << QStringLiteral("return")
                                << QStringList {QStringLiteral("refunded"), QStringLiteral("cancelled")};
        QTest::addRow("purchase order") << QStringLiteral("purchase order")
                                        << QStringList {QStringLiteral("received"), QStringLiteral("cancelled")};
        QTest::addRow("transfer") << QStringLiteral("transfer")
                                  << QStringList {QStringLiteral("received"), QStringLiteral("cancelled")};
        QTest::addRow("count") << QStringLiteral("count")
                               << QStringList {QStringLiteral("approved"), QStringLiteral("rejected")};
    }

    void terminalStatesHaveNoWayOut()
    {
        QFETCH(QString, machine);
        QFETCH(QStringList, terminal);
        QStringList all;
        std::function<bool(const QString &, const QString &)> allowed;
        if (machine == QLatin1String("order")) {
            all = allOrderStatusNames();
            allowed = orderAllowed;
        } else if (machine == QLatin1String("payment")) {
            all = allPaymentStatusNames();
            allowed = paymentAllowed;
        } else if (machine == QLatin1String("shipment")) {
            all = allShipmentStatusNames();
            allowed = shipmentAllowed;
        } else if (machine == QLatin1String("purchase order")) {
            all = allPurchaseOrderStatusNames();
            allowed = purchaseOrderAllowed;
        } else if (machine == QLatin1String("transfer")) {
            all = allTransferStatusNames();
            allowed = transferAllowed;
        } else if (machine == QLatin1String("count")) {
            all = allCountStatusNames();
            allowed = countAllowed;
        } else {
            all = returnNames;
            allowed = returnAllowed;
        }
        QStringList withoutWayOut;
        for (const QString &from : all) {
            if (allowedFrom(from, all, allowed).isEmpty()) {
                withoutWayOut << from;
            }
        }
        QCOMPARE(sorted(withoutWayOut), sorted(terminal));
        // And every other state can still reach a terminal one: no dead ends, no closed loops.
        for (const QString &from : all) {
            const QSet<QString> ahead = reachable(from, all, allowed);
            bool reachesEnd = false;
            for (const QString &end : terminal) {
                reachesEnd = reachesEnd || ahead.contains(end);
            }
            QVERIFY2(reachesEnd, qPrintable(from));
        }
    }

    void everyOrderStateIsReachable()
    {
        // From draft every state can be reached, and every open state can still end delivered.
        const QSet<QString> fromDraft
            = reachable(QStringLiteral("draft"), allOrderStatusNames(), orderAllowed);
        QCOMPARE(sorted(fromDraft.values()), sorted(allOrderStatusNames()));
        for (const QString &name : allOrderStatusNames()) {
            if (isOpen(orderStatusFromString(name).value())) {
                QVERIFY2(reachable(name, allOrderStatusNames(), orderAllowed)
                             .contains(QStringLiteral("delivered")),
                         qPrintable(name));
            }
        }
        // Once shipped, nothing goes back to holding stock.
        const QSet<QString> afterShipped
            = reachable(QStringLiteral("shipped"), allOrderStatusNames(), orderAllowed);
        QCOMPARE(sorted(afterShipped.values()),
                 (QStringList {QStringLiteral("delivered"), QStringLiteral("shipped")}));
    }

    void paymentClearsShippingOnlyWhenPaid()
    {
        for (const QString &name : allPaymentStatusNames()) {
            const bool paid = name == QLatin1String("paid") || name == QLatin1String("partially_refunded");
            QVERIFY2(paymentClearsShipping(paymentStatusFromString(name).value()) == paid, qPrintable(name));
        }
    }

    void canShipOnlyWithSomethingAllocated()
    {
        const QStringList shippable
            = {QStringLiteral("backordered"), QStringLiteral("allocated"), QStringLiteral("picking"),
               QStringLiteral("packed"), QStringLiteral("partially_shipped")};
        for (const QString &name : allOrderStatusNames()) {
            QVERIFY2(canShip(orderStatusFromString(name).value()) == shippable.contains(name),
                     qPrintable(name));
        }
    }

    void numbers()
    {
        QCOMPARE(orderNumber(42), QStringLiteral("SO-000042"));
        QCOMPARE(orderIdFromNumber(QStringLiteral("so-42")), std::optional<qint64>(42));
        QCOMPARE(orderIdFromNumber(QStringLiteral("SO-0")), std::nullopt);
        QCOMPARE(returnNumber(7), QStringLiteral("RMA-000007"));
        QCOMPARE(returnIdFromNumber(QStringLiteral(" rma-7 ")), std::optional<qint64>(7));
        QCOMPARE(returnIdFromNumber(QStringLiteral("SO-7")), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestStateMachines)
#include "tst_statemachines.moc"
