// SPDX-License-Identifier: GPL-3.0-or-later
#include "labels.h"

#include "clock.h"

#include <QLocale>

namespace Stockroom {

QString Labels::orderStatus(const QString &status)
{
    if (status == QLatin1String("draft"))
        return tr("Draft", "@label order status");
    if (status == QLatin1String("placed"))
        return tr("Placed", "@label order status");
    if (status == QLatin1String("backordered"))
        return tr("Backordered", "@label order status");
    if (status == QLatin1String("allocated"))
        return tr("Allocated", "@label order status");
    if (status == QLatin1String("picking"))
        return tr("Picking", "@label order status");
    if (status == QLatin1String("packed"))
        return tr("Packed", "@label order status");
    if (status == QLatin1String("partially_shipped"))
        return tr("Partly shipped", "@label order status");
    if (status == QLatin1String("shipped"))
        return tr("Shipped", "@label order status");
    if (status == QLatin1String("delivered"))
        return tr("Delivered", "@label order status");
    if (status == QLatin1String("on_hold"))
        return tr("On hold", "@label order status");
    if (status == QLatin1String("cancelled"))
        return tr("Cancelled", "@label order status");
    return status;
}

QString Labels::paymentStatus(const QString &status)
{
    if (status == QLatin1String("pending"))
        return tr("Pending", "@label payment status");
    if (status == QLatin1String("authorized"))
        return tr("Authorised", "@label payment status");
    if (status == QLatin1String("paid"))
        return tr("Paid", "@label payment status");
    if (status == QLatin1String("partially_refunded"))
        return tr("Partly refunded", "@label payment status");
    if (status == QLatin1String("refunded"))
        return tr("Refunded", "@label payment status");
    if (status == QLatin1String("voided"))
        return tr("Voided", "@label payment status");
    return status;
}

QString Labels::channel(const QString &channel)
{
    if (channel == QLatin1String("manual"))
        return tr("Manual", "@label sales channel");
    if (channel == QLatin1String("shopify"))
        return QStringLiteral("Shopify");
    if (channel == QLatin1String("amazon"))
        return QStringLiteral("Amazon");
    return channel;
}

QString Labels::money(qint64 cents)
{
    return QLocale().toCurrencyString(double(cents) / 100.0, QStringLiteral("£"), 2);
}

QString Labels::dateTime(const QString &storedTime)
{
    const QLocale locale;
    const QDateTime time = fromStoredTime(storedTime).toLocalTime();
    return locale.toString(time.date(), QLocale::ShortFormat) + QLatin1Char(' ')
        + locale.toString(time.time(), QStringLiteral("HH:mm"));
}

} // namespace Stockroom
