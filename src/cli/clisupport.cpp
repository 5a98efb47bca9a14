// SPDX-License-Identifier: GPL-3.0-or-later
#include "clisupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cstdio>

namespace Stockroom::Cli {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int exitCodeFor(const Error &error)
{
    switch (error.kind) {
    case Error::Kind::Business:
    case Error::Kind::Stale:
    case Error::Kind::Forbidden:
        return Refused;
    case Error::Kind::Usage:
        return UsageError;
    case Error::Kind::Database:
    case Error::Kind::Conflict:
        return DatabaseError;
    }
    return DatabaseError;
}

int fail(const Error &error)
{
    err() << Text::tr("stockroomctl: %1").arg(error.message) << Qt::endl;
    return exitCodeFor(error);
}

Error usage(const QString &message)
{
    return Error::usage(message);
}

void warn(const QString &message)
{
    err() << Text::tr("stockroomctl: warning: %1").arg(message) << Qt::endl;
}

Status onlyOptions(const Invocation &call, const QString &action, const QStringList &allowed)
{
    static const QStringList global {QStringLiteral("db"), QStringLiteral("json"), QStringLiteral("user"),
                                     QStringLiteral("help")};
    for (const QString &name : call.parser.optionNames()) {
        if (!global.contains(name) && !allowed.contains(name)) {
            return usage(Text::tr("%1 does not take --%2.").arg(action, name));
        }
    }
    return {};
}

void addOption(QCommandLineParser &parser, const QString &name, const QString &help, const QString &value)
{
    parser.addOption(QCommandLineOption(name, help, value));
}

void printJson(const QJsonValue &value)
{
    const QJsonDocument document
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out() << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    out().flush();
}

Result<int> intOption(const QCommandLineParser &parser, const QString &name, int fallback, int min, int max)
{
    if (!parser.isSet(name)) {
        return fallback;
    }
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < min || value > max) {
        return Error::usage(Text::tr("--%1 must be a whole number from %2 to %3, not \"%4\".")
                                .arg(name)
                                .arg(min)
                                .arg(max)
                                .arg(parser.value(name)));
    }
    return value;
}

Result<std::optional<int>> expectedVersion(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("expect-version"))) {
        return std::optional<int> {};
    }
    STOCKROOM_TRY(version, intOption(parser, QStringLiteral("expect-version"), 0, 1, 1'000'000'000));
    return std::optional<int> {version};
}

Result<qint64> centsFrom(const QString &text, const QString &option)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9]{1,10})(?:\\.([0-9]{1,2}))?$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) {
        return Error::usage(
            Text::tr("--%1 takes an amount like 12.50 (a dot, at most two decimals), not \"%2\".")
                .arg(option, text));
    }
    const QString minor = match.captured(2);
    return match.captured(1).toLongLong() * 100
        + (minor.isEmpty() ? 0 : minor.leftJustified(2, QLatin1Char('0')).toLongLong());
}

QString money(qint64 cents)
{
    const qint64 magnitude = cents < 0 ? -cents : cents;
    return QStringLiteral("%1%2.%3")
        .arg(cents < 0 ? QStringLiteral("-") : QString())
        .arg(magnitude / 100)
        .arg(magnitude % 100, 2, 10, QLatin1Char('0'));
}

Result<QPair<QString, int>> skuAndQty(const QString &text, const QString &option, const QString &form)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const int qty = colon > 0 ? text.mid(colon + 1).toInt(&ok) : 0;
    if (colon <= 0 || !ok || qty <= 0 || text.left(colon).trimmed().isEmpty()) {
        return Error::usage(Text::tr("--%1 takes %2, not \"%3\".").arg(option, form, text));
    }
    return qMakePair(text.left(colon).trimmed(), qty);
}

} // namespace Stockroom::Cli
