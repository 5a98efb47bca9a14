// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QTimeZone>

#include <functional>

namespace Stockroom {

/** Where services get "now" from: the wall clock in the app, a simulated one in tests and demo data. */
class Clock
{
public:
    using Source = std::function<QDateTime()>;

    Clock() = default;
    explicit Clock(Source source) // for tests and simulations
        : m_source(std::move(source))
    {
    }

    QDateTime now() const { return m_source ? m_source().toUTC() : QDateTime::currentDateTimeUtc(); }

private:
    Source m_source;
};

/** The one text form of a moment in the database: UTC, milliseconds, sorts as text on both engines. */
QString toStoredTime(const QDateTime &time);
QDateTime fromStoredTime(const QString &text);

} // namespace Stockroom
