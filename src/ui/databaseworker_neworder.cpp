// SPDX-License-Identifier: GPL-3.0-or-later
// The database thread's side of the New order dialog: an order typed in by a clerk (a phone order), placed as
// `stockroomctl place-order` places it, with the earliest promise of each line asked before the order takes
// its stock.
#include "database.h"
#include "databaseworker.h"
#include "orderservice.h"

namespace Stockroom {

void DatabaseWorker::placeOrder(quint64 request, const PlaceOrderRequest &order, const QString &user)
{
    QVariantMap answer;
    QString refusal;
    const QString error = withDatabase([&](Database &db) {
        answer.clear();
        refusal.clear();
        ServiceContext context {db, Clock(), user, m_role};
        // What could be promised for each line before the order takes its stock (the answer at order entry),
        // by line: the same SKU may be on two lines, each with its own quantity. An unknown SKU is refused
        // here with its line, before anything is written.
        PlanningService planning(context);
        QHash<qsizetype, Promise> promises;
        QHash<qsizetype, QString> names;
        for (qsizetype i = 0; i < order.lines.size(); ++i) {
            const OrderLineRequest &line = order.lines.at(i);
            const auto target = planning.target(line.sku.trimmed(), {});
            if (!target) {
                if (target.error().kind == Error::Kind::Database) {
                    return target.error().message;
                }
                refusal = tr("Line %1: %2", "@info line number, why").arg(i + 1).arg(target.error().message);
                return QString();
            }
            names.insert(i, target->first.name);
            const Result<Promise> promise = planning.earliestPromise(target->first.id, line.qty);
            if (promise) {
                promises.insert(i, *promise);
            } else if (promise.error().kind == Error::Kind::Database) {
                return promise.error().message;
            }
        }
        const Result<PlacedOrder> placed = OrderService(context).place(order);
        if (!placed) {
            if (placed.error().kind == Error::Kind::Database) {
                return placed.error().message;
            }
            refusal = placed.error().message;
            return QString();
        }
        QVariantList lines;
        for (qsizetype i = 0; i < placed->lines.size(); ++i) {
            const PlacedLine &line = placed->lines.at(i);
            QStringList parts;
            for (const LineAllocation &allocation : line.allocations) {
                parts << tr("%1 from %2", "@info units, location")
                             .arg(allocation.qty)
                             .arg(allocation.locationCode);
            }
            const auto promise = promises.constFind(i);
            lines << QVariantMap {
                {QStringLiteral("sku"), line.sku},
                {QStringLiteral("name"), names.value(i)},
                {QStringLiteral("qty"), line.qty},
                {QStringLiteral("allocated"), parts.join(QStringLiteral(", "))},
                {QStringLiteral("backordered"), line.backordered},
                // Only where units wait: for those the promise is what the clerk tells the customer.
                {QStringLiteral("promise"),
                 line.backordered > 0 && promise != promises.constEnd() ? promise->explanation : QString()},
            };
        }
        answer = QVariantMap {{QStringLiteral("number"), placed->number},
                              {QStringLiteral("status"), placed->status},
                              {QStringLiteral("explanation"), placed->explanation},
                              {QStringLiteral("lines"), lines}};
        return QString();
    });
    const QString message = error.isEmpty() ? refusal : error;
    if (!message.isEmpty()) {
        Q_EMIT orderPlaced(request,
                           QVariantMap {{QStringLiteral("ok"), false}, {QStringLiteral("message"), message}});
        return;
    }
    answer.insert(QStringLiteral("ok"), true);
    Q_EMIT orderPlaced(request, answer);
}

} // namespace Stockroom
