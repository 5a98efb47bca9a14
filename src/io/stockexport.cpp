// SPDX-License-Identifier: GPL-3.0-or-later
#include "stockexport.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Stockroom {

QByteArray StockExport::levelsJson(const QList<StockLevelRow> &levels)
{
    QJsonArray array;
    for (const StockLevelRow &level : levels) {
        array.append(QJsonObject {
            {QStringLiteral("sku"), level.sku},
            {QStringLiteral("name"), level.productName},
            {QStringLiteral("location"), level.locationCode},
            {QStringLiteral("on_hand"), level.onHand},
            {QStringLiteral("reserved"), level.reserved},
            {QStringLiteral("available"), level.available()},
        });
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

QString StockExport::csvField(const QString &value)
{
    if (value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"'))
        || value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r'))) {
        QString quoted = value;
        quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
        return QLatin1Char('"') + quoted + QLatin1Char('"');
    }
    return value;
}

QByteArray StockExport::levelsCsv(const QList<StockLevelRow> &levels)
{
    QString out = QStringLiteral("sku,name,location,on_hand,reserved,available\r\n");
    for (const StockLevelRow &level : levels) {
        out += QStringList {csvField(level.sku),
                            csvField(level.productName),
                            csvField(level.locationCode),
                            QString::number(level.onHand),
                            QString::number(level.reserved),
                            QString::number(level.available())}
                   .join(QLatin1Char(','))
            + QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

QJsonObject StockExport::placedOrderJson(const PlacedOrder &order)
{
    QJsonArray lines;
    for (const PlacedLine &line : order.lines) {
        QJsonArray allocations;
        for (const LineAllocation &allocation : line.allocations) {
            allocations.append(QJsonObject {{QStringLiteral("location"), allocation.locationCode},
                                            {QStringLiteral("qty"), allocation.qty}});
        }
        lines.append(QJsonObject {{QStringLiteral("sku"), line.sku},
                                  {QStringLiteral("qty"), line.qty},
                                  {QStringLiteral("allocations"), allocations},
                                  {QStringLiteral("backordered"), line.backordered}});
    }
    return QJsonObject {{QStringLiteral("order"), order.number},
                        {QStringLiteral("status"), order.status},
                        {QStringLiteral("explanation"), order.explanation},
                        {QStringLiteral("lines"), lines}};
}

} // namespace Stockroom
