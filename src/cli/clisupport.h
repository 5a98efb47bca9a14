// SPDX-License-Identifier: GPL-3.0-or-later
// What every stockroomctl command shares: output streams, option parsing, exit codes, number formats.
#pragma once

#include "commands.h"
#include "result.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonValue>
#include <QPair>
#include <QTextStream>

#include <functional>
#include <optional>

namespace Stockroom {
class Database;
struct ServiceContext;
} // namespace Stockroom

namespace Stockroom::Cli {

/** The translation context of the command line's messages. */
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(stockroomctl)
};

QTextStream &out();
QTextStream &err();

int exitCodeFor(const Error &error);
/** Prints the error's message on stderr and returns its exit code. */
int fail(const Error &error);
Error usage(const QString &message);
void warn(const QString &message);

struct Invocation;
/**
 * One command name carries several actions ("po create", "po receive") and so the options of all of
 * them: an option that the chosen action ignores would be silently lost, so it is refused instead.
 */
Status onlyOptions(const Invocation &call, const QString &action, const QStringList &allowed);

/** What a command gets: its parsed options and, when it needs one, an open, migrated database. */
struct Invocation
{
    QCommandLineParser &parser;
    Database *db = nullptr; ///< null for a command that works without one (track validate)
    ServiceContext *context = nullptr;
    bool json() const { return parser.isSet(QStringLiteral("json")); }
    /** The positional arguments after the command's name. */
    QStringList arguments() const { return parser.positionalArguments().mid(1); }
};

struct Command
{
    QString name;
    QString summary;
    std::function<void(QCommandLineParser &)> addOptions;
    std::function<Result<int>(Invocation &)> action;
    QStringList aliases = {};
    /** Whether this command line needs the database; unset means always. */
    std::function<bool(const QCommandLineParser &)> needsDatabase = {};
};

void addOption(QCommandLineParser &parser, const QString &name, const QString &help,
               const QString &value = {});

void printJson(const QJsonValue &value);

/** --name N as a whole number in [min, max]; fallback when not given; a usage error naming option and value. */
Result<int> intOption(const QCommandLineParser &parser, const QString &name, int fallback, int min, int max);

/** --expect-version: act only if the document is still at the version the script read. */
Result<std::optional<int>> expectedVersion(const QCommandLineParser &parser);

/** An amount as scripts write it, in major units with a dot ("12.50", "7"), as cents. */
Result<qint64> centsFrom(const QString &text, const QString &option);

/** Money as scripts read it: "12.50", whatever the locale (amounts are typed that way too). */
QString money(qint64 cents);

/** "SKU:QTY" (the SKU may hold colons itself): the parts, or a usage error naming the option. */
Result<QPair<QString, int>> skuAndQty(const QString &text, const QString &option, const QString &form);

} // namespace Stockroom::Cli
