// SPDX-License-Identifier: GPL-3.0-or-later
#include "labels.h"

#include "clock.h"

#include <QLocale>

#include <cmath>

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

QString Labels::shipmentStatus(const QString &status)
{
    if (status == QLatin1String("label_created"))
        return tr("Label created", "@label shipment status");
    if (status == QLatin1String("in_transit"))
        return tr("In transit", "@label shipment status");
    if (status == QLatin1String("out_for_delivery"))
        return tr("Out for delivery", "@label shipment status");
    if (status == QLatin1String("delivered"))
        return tr("Delivered", "@label shipment status");
    if (status == QLatin1String("exception"))
        return tr("Exception", "@label shipment status");
    if (status == QLatin1String("returned_to_sender"))
        return tr("Returned to sender", "@label shipment status");
    return status;
}

QString Labels::returnStatus(const QString &status)
{
    if (status == QLatin1String("requested"))
        return tr("Requested", "@label return status");
    if (status == QLatin1String("received"))
        return tr("Received", "@label return status");
    if (status == QLatin1String("completed"))
        return tr("Completed", "@label return status");
    if (status == QLatin1String("refunded"))
        return tr("Refunded", "@label return status");
    if (status == QLatin1String("cancelled"))
        return tr("Cancelled", "@label return status");
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
    if (channel == QLatin1String("wholesale"))
        return tr("Wholesale", "@label sales channel");
    return channel;
}

QString Labels::money(qint64 cents)
{
    return QLocale().toCurrencyString(double(cents) / 100.0, QStringLiteral("£"), 2);
}

std::optional<qint64> Labels::typedMoney(const QString &text)
{
    QString plain = text.trimmed();
    plain.remove(QStringLiteral("£"));
    plain = plain.trimmed();
    if (plain.isEmpty()) {
        return std::nullopt;
    }
    bool ok = false;
    double value = QLocale().toDouble(plain, &ok);
    if (!ok) {
        value = QLocale::c().toDouble(plain, &ok);
    }
    if (!ok || value < 0 || value > 1e8) {
        return std::nullopt;
    }
    return qint64(std::llround(value * 100.0));
}

QString Labels::dateTime(const QString &storedTime)
{
    const QLocale locale;
    const QDateTime time = fromStoredTime(storedTime).toLocalTime();
    return locale.toString(time.date(), QLocale::ShortFormat) + QLatin1Char(' ')
        + locale.toString(time.time(), QStringLiteral("HH:mm"));
}

} // namespace Stockroom
