// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the domain library: the tables that give each state its stored name, and document numbers.

#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

namespace Stockroom::EnumNames {

template<typename Table, typename Enum>
QString nameOf(const Table &table, Enum value)
{
    for (const auto &[key, name] : table) {
        if (key == value) {
            return QString::fromLatin1(name);
        }
    }
    return {};
}

template<typename Enum, typename Table>
std::optional<Enum> valueOf(const Table &table, const QString &text)
{
    for (const auto &[key, name] : table) {
        if (text == QLatin1String(name)) {
            return key;
        }
    }
    return std::nullopt;
}

template<typename Table>
QStringList namesOf(const Table &table)
{
    QStringList names;
    for (const auto &entry : table) {
        names << QString::fromLatin1(entry.second);
    }
    return names;
}

/** "SO-000042" for prefix "SO" and id 42: numbers are derived from ids, never stored. */
inline QString documentNumber(QLatin1StringView prefix, qint64 id)
{
    return prefix + QLatin1Char('-') + QStringLiteral("%1").arg(id, 6, 10, QLatin1Char('0'));
}

/** The id behind a document number: the prefix (and its dash) is optional, leading zeros too. */
inline std::optional<qint64> idFromNumber(const QRegularExpression &pattern, const QString &text)
{
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    const qint64 id = match.captured(1).toLongLong();
    return id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

} // namespace Stockroom::EnumNames
