// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace Stockroom {

namespace {

int availableAt(const Availability &availability, qint64 productId, qint64 locationId)
{
    const auto product = availability.constFind(productId);
    if (product == availability.constEnd()) {
        return 0;
    }
    return std::max(0, product->value(locationId, 0));
}

/** Units wanted per product: an order may name one product on several lines. */
QHash<qint64, int> demandOf(const QList<RoutingLine> &lines)
{
    QHash<qint64, int> demand;
    for (const RoutingLine &line : lines) {
        demand[line.productId] += std::max(0, line.qty);
    }
    return demand;
}

/** SKUs of the order a location cannot ship in full. */
QStringList lackingSkus(const QList<RoutingLine> &lines, const QHash<qint64, int> &demand,
                        const Availability &availability, qint64 locationId)
{
    QStringList skus;
    for (const RoutingLine &line : lines) {
        if (availableAt(availability, line.productId, locationId) < demand.value(line.productId)
            && !skus.contains(line.sku)) {
            skus << line.sku;
        }
    }
    return skus;
}

/**
 * Takes stock for each line from the given locations in their order, preferring one location that holds
 * the whole line so that a line is split only when it must be.
 */
RoutingPlan allocate(const QList<RoutingLine> &lines, const QList<RoutingLocation> &locations,
                     Availability availability)
{
    RoutingPlan plan;
    for (const RoutingLine &line : lines) {
        RoutedLine routed;
        int remaining = std::max(0, line.qty);
        auto whole = std::find_if(locations.cbegin(), locations.cend(), [&](const RoutingLocation &loc) {
            return availableAt(availability, line.productId, loc.id) >= remaining;
        });
        if (remaining > 0 && whole != locations.cend()) {
            routed.allocations.append({whole->id, remaining});
            availability[line.productId][whole->id] -= remaining;
            remaining = 0;
        }
        for (const RoutingLocation &loc : locations) {
            if (remaining == 0) {
                break;
            }
            const int take = std::min(remaining, availableAt(availability, line.productId, loc.id));
            if (take > 0) {
                routed.allocations.append({loc.id, take});
                availability[line.productId][loc.id] -= take;
                remaining -= take;
            }
        }
        routed.backordered = remaining;
        plan.lines.append(routed);
    }
    return plan;
}

QString namesOf(const QList<RoutingLocation> &locations, const QList<qint64> &ids)
{
    QStringList names;
    for (const RoutingLocation &loc : locations) {
        if (ids.contains(loc.id)) {
            names << loc.name;
        }
    }
    return names.join(QStringLiteral(", "));
}

QString lacksSentence(const QList<RoutingLine> &lines, const QHash<qint64, int> &demand,
                      const Availability &availability, const QList<RoutingLocation> &others)
{
    QStringList parts;
    for (const RoutingLocation &loc : others) {
        const QStringList lacking = lackingSkus(lines, demand, availability, loc.id);
        if (!lacking.isEmpty()) {
            parts << RoutingPolicy::tr("%1 lacked %2").arg(loc.name, lacking.join(QStringLiteral(", ")));
        }
        if (parts.size() == 3) {
            break;
        }
    }
    return parts.join(QStringLiteral("; "));
}

/** Calls visit(subset) for every subset of size k of [0, n), in lexicographic order; stops when it returns true. */
template<typename Visit>
bool forEachSubset(int n, int k, Visit visit)
{
    QList<int> subset(k);
    for (int i = 0; i < k; ++i) {
        subset[i] = i;
    }
    while (true) {
        if (visit(subset)) {
            return true;
        }
        int i = k - 1;
        while (i >= 0 && subset[i] == n - k + i) {
            --i;
        }
        if (i < 0) {
            return false;
        }
        ++subset[i];
        for (int j = i + 1; j < k; ++j) {
            subset[j] = subset[j - 1] + 1;
        }
    }
}

constexpr int ExhaustiveLimit = 12;

} // namespace

QList<qint64> RoutingPlan::locationsUsed() const
{
    QList<qint64> ids;
    for (const RoutedLine &line : lines) {
        for (const RoutedAllocation &allocation : line.allocations) {
            if (!ids.contains(allocation.locationId)) {
                ids << allocation.locationId;
            }
        }
    }
    return ids;
}

int RoutingPlan::totalBackordered() const
{
    int total = 0;
    for (const RoutedLine &line : lines) {
        total += line.backordered;
    }
    return total;
}

int RoutingPolicy::postcodeCloseness(const QString &a, const QString &b)
{
    auto normalised = [](const QString &text) {
        QString kept;
        for (const QChar c : text) {
            if (c.isLetterOrNumber()) {
                kept += c.toUpper();
            }
        }
        return kept;
    };
    const QString x = normalised(a);
    const QString y = normalised(b);
    int shared = 0;
    while (shared < 4 && shared < x.size() && shared < y.size() && x.at(shared) == y.at(shared)) {
        ++shared;
    }
    return shared;
}

RoutingPlan RoutingPolicy::route(const QList<RoutingLine> &lines, const QList<RoutingLocation> &locations,
                                 const Availability &availability, const QString &shipToRegion,
                                 const QString &shipToPostcode) const
{
    QList<RoutingLocation> ranked = locations;
    auto closeness = [&](const RoutingLocation &location) {
        return postcodeCloseness(location.postcode, shipToPostcode);
    };
    std::stable_sort(ranked.begin(), ranked.end(), [&](const RoutingLocation &a, const RoutingLocation &b) {
        if (a.priority != b.priority) {
            return a.priority < b.priority;
        }
        if (closeness(a) != closeness(b)) {
            return closeness(a) > closeness(b);
        }
        const bool aNear = !shipToRegion.isEmpty() && a.region == shipToRegion;
        const bool bNear = !shipToRegion.isEmpty() && b.region == shipToRegion;
        if (aNear != bNear) {
            return aNear;
        }
        return a.id < b.id;
    });

    const QHash<qint64, int> demand = demandOf(lines);
    const int lineCount = int(lines.size());
    auto covers = [&](const QList<int> &subset) {
        for (auto it = demand.cbegin(); it != demand.cend(); ++it) {
            int sum = 0;
            for (int index : subset) {
                sum += availableAt(availability, it.key(), ranked.at(index).id);
            }
            if (sum < it.value()) {
                return false;
            }
        }
        return true;
    };

    // 1. One location for the whole order.
    QList<int> complete;
    for (int i = 0; i < ranked.size(); ++i) {
        if (covers({i})) {
            complete << i;
        }
    }
    if (!complete.isEmpty()) {
        const RoutingLocation &chosen = ranked.at(complete.first());
        RoutingPlan plan = allocate(lines, {chosen}, availability);
        QList<RoutingLocation> others;
        for (int i = 0; i < ranked.size(); ++i) {
            if (i != complete.first()) {
                others << ranked.at(i);
            }
        }
        if (complete.size() == 1) {
            const QString lacks = lacksSentence(lines, demand, availability, others);
            plan.explanation
                = RoutingPolicy::tr("Shipped from %1: only location with all %n line(s)", nullptr, lineCount)
                      .arg(chosen.name);
            if (!lacks.isEmpty()) {
                plan.explanation += QStringLiteral("; ") + lacks;
            }
        } else {
            const RoutingLocation &runnerUp = ranked.at(complete.at(1));
            const bool byPostcode
                = runnerUp.priority == chosen.priority && closeness(chosen) > closeness(runnerUp);
            const bool byRegion = !byPostcode && runnerUp.priority == chosen.priority
                && !shipToRegion.isEmpty() && chosen.region == shipToRegion;
            plan.explanation = byPostcode
                ? RoutingPolicy::tr(
                      "Shipped from %1: all %n line(s) in stock, nearest to the customer's postcode", nullptr,
                      lineCount)
                      .arg(chosen.name)
                : byRegion
                ? RoutingPolicy::tr("Shipped from %1: all %n line(s) in stock, same region as the customer",
                                    nullptr, lineCount)
                      .arg(chosen.name)
                : RoutingPolicy::tr("Shipped from %1: all %n line(s) in stock, first by priority", nullptr,
                                    lineCount)
                      .arg(chosen.name);
            plan.explanation
                += QStringLiteral("; ") + RoutingPolicy::tr("also complete: %1").arg(namesOf(ranked, [&] {
                       QList<qint64> ids;
                       for (int i = 1; i < complete.size(); ++i) {
                           ids << ranked.at(complete.at(i)).id;
                       }
                       return ids;
                   }()));
        }
        return plan;
    }

    // 2. The fewest locations that cover everything together.
    if (ranked.size() <= ExhaustiveLimit) {
        for (int k = 2; k <= ranked.size(); ++k) {
            QList<int> best;
            forEachSubset(int(ranked.size()), k, [&](const QList<int> &subset) {
                if (covers(subset)) {
                    best = subset; // lexicographic order over ranks: the first hit is the best ranked
                    return true;
                }
                return false;
            });
            if (!best.isEmpty()) {
                QList<RoutingLocation> chosen;
                for (int index : best) {
                    chosen << ranked.at(index);
                }
                RoutingPlan plan = allocate(lines, chosen, availability);
                QList<qint64> used = plan.locationsUsed();
                plan.explanation = RoutingPolicy::tr("Split over %1: no single location had all %n line(s)",
                                                     nullptr, lineCount)
                                       .arg(namesOf(ranked, used));
                const QString lacks = lacksSentence(lines, demand, availability, {ranked.first()});
                if (!lacks.isEmpty()) {
                    plan.explanation += QStringLiteral("; ") + lacks;
                }
                return plan;
            }
        }
    }

    // 3. Take what there is, by rank; backorder the rest.
    RoutingPlan plan = allocate(lines, ranked, availability);
    QStringList shortSkus;
    for (int i = 0; i < lines.size(); ++i) {
        if (plan.lines.at(i).backordered > 0) {
            shortSkus << QStringLiteral("%1 × %2").arg(plan.lines.at(i).backordered).arg(lines.at(i).sku);
        }
    }
    const QList<qint64> used = plan.locationsUsed();
    if (shortSkus.isEmpty()) {
        // Only reachable beyond the exhaustive limit: the greedy pass covered everything.
        plan.explanation
            = RoutingPolicy::tr("Split over %1: no single location had all %n line(s)", nullptr, lineCount)
                  .arg(namesOf(ranked, used));
    } else if (used.isEmpty()) {
        plan.explanation = RoutingPolicy::tr("Backordered %1: no location has stock")
                               .arg(shortSkus.join(QStringLiteral(", ")));
    } else {
        plan.explanation = RoutingPolicy::tr("Backordered %1: not enough stock anywhere; the rest from %2")
                               .arg(shortSkus.join(QStringLiteral(", ")), namesOf(ranked, used));
    }
    return plan;
}

} // namespace Stockroom
