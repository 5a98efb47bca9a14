// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Stockroom;

/** Routing policy: one location first, else the fewest, else backorder; and it says why. */
class TestRouting : public QObject
{
    Q_OBJECT

private:
    // Three locations: Leeds (priority 10, North), Bristol (20, South West), London (20, London).
    static QList<RoutingLocation> locations()
    {
        return {{1, QStringLiteral("LEEDS"), QStringLiteral("Leeds"), 10, QStringLiteral("North")},
                {2, QStringLiteral("BRISTOL"), QStringLiteral("Bristol"), 20, QStringLiteral("South West")},
                {3, QStringLiteral("LONDON"), QStringLiteral("London"), 20, QStringLiteral("London")}};
    }

    /** "A=5,B=0;…" per location id 1..3, products A=101, B=102, C=103. */
    static Availability stock(const QList<QList<int>> &perLocation)
    {
        Availability availability;
        for (int location = 0; location < perLocation.size(); ++location) {
            for (int product = 0; product < perLocation.at(location).size(); ++product) {
                availability[101 + product][location + 1] = perLocation.at(location).at(product);
            }
        }
        return availability;
    }

    static QList<RoutingLine> lines(const QList<int> &quantities)
    {
        QList<RoutingLine> result;
        for (int i = 0; i < quantities.size(); ++i) {
            if (quantities.at(i) > 0) {
                result << RoutingLine {101 + i, QStringLiteral("SKU-%1").arg(QChar(u'A' + i)),
                                       quantities.at(i)};
            }
        }
        return result;
    }

    /** "1:2,2:1|-|3:4" per line: location:qty allocations, "-" for none; "+N" backordered. */
    static QString describe(const RoutingPlan &plan)
    {
        QStringList lines;
        for (const RoutedLine &line : plan.lines) {
            QStringList parts;
            for (const RoutedAllocation &allocation : line.allocations) {
                parts << QStringLiteral("%1:%2").arg(allocation.locationId).arg(allocation.qty);
            }
            QString text = parts.isEmpty() ? QStringLiteral("-") : parts.join(QLatin1Char(','));
            if (line.backordered > 0) {
                text += QStringLiteral("+%1").arg(line.backordered);
            }
            lines << text;
        }
        return lines.join(QLatin1Char('|'));
    }

private Q_SLOTS:
    void route_data()
    {
        QTest::addColumn<QList<QList<int>>>("available"); // per location: units of A, B, C
        QTest::addColumn<QList<int>>("ordered"); // units of A, B, C
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("explanationContains");

        QTest::addRow("whole order from the first location by priority")
            << QList<QList<int>> {{5, 5, 5}, {5, 5, 5}, {5, 5, 5}} << QList<int> {2, 1, 0} << QString()
            << QStringLiteral("1:2|1:1")
            << QStringLiteral("Shipped from Leeds: all 2 line(s) in stock, first by priority");
        QTest::addRow("only one location has every line")
            << QList<QList<int>> {{5, 0, 5}, {5, 5, 5}, {0, 5, 5}} << QList<int> {2, 1, 1} << QString()
            << QStringLiteral("2:2|2:1|2:1") << QStringLiteral("Leeds lacked SKU-B");
        QTest::addRow("priority tie broken by the customer's region")
            << QList<QList<int>> {{0, 0, 0}, {5, 5, 5}, {5, 5, 5}} << QList<int> {1, 1, 0}
            << QStringLiteral("London") << QStringLiteral("3:1|3:1")
            << QStringLiteral("same region as the customer");
        QTest::addRow("priority beats region")
            << QList<QList<int>> {{5, 5, 5}, {5, 5, 5}, {5, 5, 5}} << QList<int> {1, 0, 0}
            << QStringLiteral("London") << QStringLiteral("1:1") << QStringLiteral("Shipped from Leeds");
        QTest::addRow("split over two when no single location can")
            << QList<QList<int>> {{5, 0, 0}, {0, 5, 0}, {0, 0, 5}} << QList<int> {2, 3, 0} << QString()
            << QStringLiteral("1:2|2:3") << QStringLiteral("Split over Leeds, Bristol");
        QTest::addRow("fewest locations, not greedy priority")
            // No location has everything; Leeds + Bristol lacks C, Leeds + London covers all: the best-ranked pair.
            << QList<QList<int>> {{3, 0, 0}, {3, 3, 0}, {0, 3, 3}} << QList<int> {3, 3, 3} << QString()
            << QStringLiteral("1:3|3:3|3:3") << QStringLiteral("Split over Leeds, London");
        QTest::addRow("one line split over locations")
            << QList<QList<int>> {{2, 0, 0}, {2, 0, 0}, {2, 0, 0}} << QList<int> {5, 0, 0} << QString()
            << QStringLiteral("1:2,2:2,3:1") << QStringLiteral("Split over");
        QTest::addRow("backorder what nobody has")
            << QList<QList<int>> {{1, 0, 0}, {1, 0, 0}, {0, 0, 0}} << QList<int> {4, 2, 0} << QString()
            << QStringLiteral("1:1,2:1+2|-+2") << QStringLiteral("Backordered 2 × SKU-A, 2 × SKU-B");
        QTest::addRow("nothing anywhere")
            << QList<QList<int>> {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}} << QList<int> {1, 0, 0} << QString()
            << QStringLiteral("-+1") << QStringLiteral("no location has stock");
        QTest::addRow("negative availability counts as none")
            << QList<QList<int>> {{-3, 0, 0}, {2, 0, 0}, {0, 0, 0}} << QList<int> {2, 0, 0} << QString()
            << QStringLiteral("2:2") << QStringLiteral("Shipped from Bristol");
    }

    void route()
    {
        QFETCH(QList<QList<int>>, available);
        QFETCH(QList<int>, ordered);
        QFETCH(QString, region);
        QFETCH(QString, expected);
        QFETCH(QString, explanationContains);

        const RoutingPlan plan = RoutingPolicy().route(lines(ordered), locations(), stock(available), region);
        QCOMPARE(describe(plan), expected);
        QVERIFY2(plan.explanation.contains(explanationContains), qPrintable(plan.explanation));
    }

    void postcodeCloseness_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("expected");
        QTest::addRow("same district, any spacing and case")
            << QStringLiteral("LS9 0PS") << QStringLiteral("ls90ab") << 4;
        QTest::addRow("same UK area") << QStringLiteral("LS9 0PS") << QStringLiteral("LS1 4AP") << 2;
        QTest::addRow("other UK area") << QStringLiteral("LS9 0PS") << QStringLiteral("BS1 4DJ") << 0;
        QTest::addRow("US ZIP, same sectional centre")
            << QStringLiteral("10001") << QStringLiteral("10012") << 3;
        QTest::addRow("German PLZ, same region") << QStringLiteral("80331") << QStringLiteral("85748") << 1;
        QTest::addRow("unknown") << QString() << QStringLiteral("LS1 4AP") << 0;
    }

    void postcodeCloseness()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, expected);
        QCOMPARE(RoutingPolicy::postcodeCloseness(a, b), expected);
        QCOMPARE(RoutingPolicy::postcodeCloseness(b, a), expected);
    }

    void postcodeBreaksPriorityTiesBeforeRegion()
    {
                // Leeds and Bristol share a priority. A customer in Gloucester (GL) shares no postcode letter with
        // either, so the region decides; one in Leeds (LS6) gets Leeds, whatever the region says.
        QList<RoutingLocation> places {{1, QStringLiteral("LEEDS"), QStringLiteral("Leeds"), 10,
                                        QStringLiteral("North"), QStringLiteral("LS9 0PS")},
                                       {2, QStringLiteral("BRISTOL"), QStringLiteral("Bristol"), 10,
                                        QStringLiteral("South West"), QStringLiteral("BS1 4DJ")},
                                       {3, QStringLiteral("LONDON"), QStringLiteral("London"), 20,
                                        QStringLiteral("London"), QStringLiteral("E1 6AN")}};
        const Availability both = stock({{5}, {5}, {5}});
        RoutingPlan plan = RoutingPolicy().route(lines({1}), places, both, QStringLiteral("South West"),
                                                 QStringLiteral("GL1 2AB"));
        QCOMPARE(describe(plan), QStringLiteral("2:1"));
        QVERIFY2(plan.explanation.contains(QLatin1String("same region")), qPrintable(plan.explanation));
        plan = RoutingPolicy().route(lines({1}), places, both, QStringLiteral("South West"),
                                     QStringLiteral("LS6 2AB"));
        QCOMPARE(describe(plan), QStringLiteral("1:1"));
        QVERIFY2(plan.explanation.contains(QLatin1String("nearest to the customer's postcode")),
                 qPrintable(plan.explanation));
        // Priority still comes first: London (20) is never chosen over a complete Leeds or Bristol.
        plan = RoutingPolicy().route(lines({1}), places, both, {}, QStringLiteral("E1 7AA"));
        QVERIFY(describe(plan) != QLatin1String("3:1"));
    }

    void sameProductOnTwoLinesCountsTogether()
    {
        // 3 + 3 of one product: Leeds has 4 (not enough for both lines), Bristol has 6.
        const QList<RoutingLine> order {{101, QStringLiteral("SKU-A"), 3}, {101, QStringLiteral("SKU-A"), 3}};
        const RoutingPlan plan = RoutingPolicy().route(order, locations(), stock({{4}, {6}, {0}}));
        QCOMPARE(describe(plan), QStringLiteral("2:3|2:3"));
    }

    void neverAllocatesMoreThanAvailable()
    {
        // A property check over many random cases: allocations stay within stock and within the order.
        QRandomGenerator random(7);
        for (int round = 0; round < 2000; ++round) {
            QList<QList<int>> available(3, QList<int>(3));
            for (auto &location : available) {
                for (int &units : location) {
                    units = random.bounded(5);
                }
            }
            const QList<int> ordered {1 + random.bounded(6), random.bounded(4), random.bounded(3)};
            const QList<RoutingLine> order = lines(ordered);
            const RoutingPlan plan = RoutingPolicy().route(order, locations(), stock(available));
            QCOMPARE(plan.lines.size(), order.size());
            QHash<QPair<qint64, qint64>, int> taken;
            for (int i = 0; i < order.size(); ++i) {
                int sum = plan.lines.at(i).backordered;
                for (const RoutedAllocation &allocation : plan.lines.at(i).allocations) {
                    QVERIFY(allocation.qty > 0);
                    sum += allocation.qty;
                    taken[{order.at(i).productId, allocation.locationId}] += allocation.qty;
                }
                QCOMPARE(sum, order.at(i).qty);
            }
            for (auto it = taken.cbegin(); it != taken.cend(); ++it) {
                QVERIFY(it.value() <= available.at(int(it.key().second) - 1).at(int(it.key().first) - 101));
            }
            QVERIFY(!plan.explanation.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
