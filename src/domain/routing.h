// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include <QHash>
#include <QList>
#include <QString>

namespace Stockroom {

/** A place that holds stock and ships orders, as routing sees it. */
struct RoutingLocation
{
    qint64 id = 0;
    QString code;
    QString name;
    int priority = 100; ///< lower ships first
    QString region; ///< compared with the ship-to region to break priority ties
    QString postcode; ///< compared with the ship-to postcode, before the region
};

struct RoutingLine
{
    qint64 productId = 0;
    QString sku;
    int qty = 0;
};

/** Available units (on hand − reserved) per product id, per location id. */
using Availability = QHash<qint64, QHash<qint64, int>>;

struct RoutedAllocation
{
    qint64 locationId = 0;
    int qty = 0;
};

struct RoutedLine
{
    QList<RoutedAllocation> allocations;
    int backordered = 0;
};

/** The decision: one entry per input line, in input order, and the sentence that explains it. */
struct RoutingPlan
{
    QList<RoutedLine> lines;
    QString explanation;

    QList<qint64> locationsUsed() const;
    int totalBackordered() const;
};

/**
 * Fulfilment routing of DESIGN.md, pure and deterministic:
 * 1. one location that can ship the whole order, by priority, then nearness to the ship-to postcode, then
 *    ship-to region, then id;
 * 2. else the fewest locations that together cover the order (exhaustive for up to 12 locations);
 * 3. else as much as the locations hold, by priority, and the rest backordered.
 */
class RoutingPolicy
{
    Q_DECLARE_TR_FUNCTIONS(RoutingPolicy)

public:
    RoutingPlan route(const QList<RoutingLine> &lines, const QList<RoutingLocation> &locations,
                      const Availability &availability, const QString &shipToRegion = {},
                      const QString &shipToPostcode = {}) const;

    /**
     * How near two postcodes are, without a map: the number of leading letters and digits they share (at
     * most 4). Postcodes are hierarchical in the UK (LS1 4AP: area LS, district LS1), the US (ZIP 100xx:
     * Manhattan) and Germany (PLZ 8xxxx: Bavaria), so a longer shared start means nearer. 0 when either is
     * empty. A geocoded distance would need a table of coordinates this project does not ship.
     */
    static int postcodeCloseness(const QString &a, const QString &b);
};

} // namespace Stockroom
