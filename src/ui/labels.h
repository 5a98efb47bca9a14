// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

namespace Stockroom {

/** Words people read for the names the database stores, and money and time as the user's locale writes them. */
class Labels
{
    Q_DECLARE_TR_FUNCTIONS(Labels)

public:
    static QString orderStatus(const QString &status);
    static QString paymentStatus(const QString &status);
    static QString channel(const QString &channel);
    static QString shipmentStatus(const QString &status);
    static QString returnStatus(const QString &status);
    /** Pounds sterling for now: the shop's currency becomes a setting with multi-currency work. */
    static QString money(qint64 cents);
    static QString dateTime(const QString &storedTime);
};

} // namespace Stockroom
