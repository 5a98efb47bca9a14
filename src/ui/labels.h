// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

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
    /**
     * Money as a clerk types it ("12.50", "12,50", "1,234.50", "£12.50"), in cents; nullopt when it is not an
     * amount (empty, negative, or above 100,000,000.00).
     */
    static std::optional<qint64> typedMoney(const QString &text);
    static QString dateTime(const QString &storedTime);
};

} // namespace Stockroom
