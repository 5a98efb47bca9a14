// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionspec.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace Stockroom {

namespace {

const QStringList sslModes
    = {QStringLiteral("disable"), QStringLiteral("allow"),     QStringLiteral("prefer"),
       QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};

/** A libpq conninfo value in single quotes, as libpq reads it back (backslash escapes). */
QString quotedOption(QString value)
{
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    value.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

/** The TLS settings of a postgresql:// address (its query), or why they cannot be used. */
Status readSslSettings(const QUrl &url, ConnectionSpec &spec)
{
    const QUrlQuery query(url);
    const QList<std::pair<QString, QString *>> known = {{QStringLiteral("sslmode"), &spec.sslMode},
                                                        {QStringLiteral("sslrootcert"), &spec.sslRootCert},
                                                        {QStringLiteral("sslcert"), &spec.sslCert},
                                                        {QStringLiteral("sslkey"), &spec.sslKey}};
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        const auto field = std::find_if(known.cbegin(), known.cend(),
                                        // An init-capture: clang 14 cannot capture a structured binding.
                                        [&name = key](const auto &entry) { return entry.first == name; });
        if (field == known.cend()) {
            // A mistyped sslmode must not quietly connect without TLS.
            return Error::usage(
                ConnectionSpec::tr("Unknown setting \"%1\" in the PostgreSQL address: "
                                   "Stockroom knows sslmode, sslrootcert, sslcert and sslkey.")
                    .arg(key));
        }
        if (value.isEmpty()) {
            return Error::usage(
                ConnectionSpec::tr("The setting %1 in the PostgreSQL address has no value.").arg(key));
        }
        // Qt hands the options to libpq separated by ';' (and a NUL would cut the value short).
        if (value.contains(QLatin1Char(';')) || value.contains(QChar(u'\0'))) {
            return Error::usage(
                ConnectionSpec::tr("The setting %1 in the PostgreSQL address contains a ';' or a NUL "
                                   "character, which cannot reach the PostgreSQL library: rename the file.")
                    .arg(key));
        }
        *field->second = value;
    }
    if (!spec.sslMode.isEmpty() && !sslModes.contains(spec.sslMode)) {
        return Error::usage(ConnectionSpec::tr("sslmode must be one of %1, not \"%2\".")
                                .arg(sslModes.join(QStringLiteral(", ")), spec.sslMode));
    }
    return {};
}

/** The TLS settings that are set, by their libpq names. */
QList<std::pair<QString, QString>> sslSettings(const ConnectionSpec &spec)
{
    QList<std::pair<QString, QString>> settings;
    for (const auto &[key, value] : {std::pair {QStringLiteral("sslmode"), spec.sslMode},
                                     std::pair {QStringLiteral("sslrootcert"), spec.sslRootCert},
                                     std::pair {QStringLiteral("sslcert"), spec.sslCert},
                                     std::pair {QStringLiteral("sslkey"), spec.sslKey}}) {
        if (!value.isEmpty()) {
            settings.append({key, value});
        }
    }
    return settings;
}

/** The TLS settings as the query of a postgresql:// address (values percent-encoded); null when none. */
QString sslQuery(const ConnectionSpec &spec)
{
    QStringList items;
    for (const auto &[key, value] : sslSettings(spec)) {
        items << key + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(value, "/"));
    }
    return items.isEmpty() ? QString() : items.join(QLatin1Char('&'));
}

} // namespace

Result<ConnectionSpec> ConnectionSpec::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return Error::usage(ConnectionSpec::tr("The database connection string is empty."));
    }
    ConnectionSpec spec;
    if (trimmed.startsWith(QLatin1String("postgresql://"))
        || trimmed.startsWith(QLatin1String("postgres://"))) {
        const QUrl url(trimmed, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()) {
            return Error::usage(ConnectionSpec::tr("Cannot read the PostgreSQL address \"%1\": expected "
                                                   "postgresql://user[:password]@host[:port]/dbname.")
                                    .arg(url.toDisplayString(QUrl::RemovePassword)));
        }
        spec.engine = Engine::PostgreSQL;
        spec.host = url.host();
        spec.port = url.port(5432);
        spec.user = url.userName();
        spec.password = url.password();
        spec.database = url.path().mid(1);
        if (spec.database.isEmpty()) {
            return Error::usage(
                ConnectionSpec::tr("The PostgreSQL address names no database: add /dbname at its end."));
        }
        if (const Status ssl = readSslSettings(url, spec); !ssl) {
            return ssl.error();
        }
        return spec;
    }

    QString path = trimmed;
    if (path.startsWith(QLatin1String("sqlite:"))) {
        path = path.mid(7);
        if (path.startsWith(QLatin1String("//"))) {
            path = path.mid(2);
        }
    } else if (path.contains(QLatin1String("://"))) {
        return Error::usage(
            ConnectionSpec::tr("Unknown database kind in \"%1\": use a file path, sqlite:PATH or "
                               "postgresql://…")
                .arg(path.section(QLatin1String("://"), 0, 0)));
    }
    const qsizetype question = path.indexOf(QLatin1Char('?'));
    if (question >= 0) {
        const QUrlQuery query(path.mid(question + 1));
        path = path.left(question);
        const QString sync = query.queryItemValue(QStringLiteral("synchronous")).toUpper();
        if (!sync.isEmpty()) {
            if (sync != QLatin1String("FULL") && sync != QLatin1String("NORMAL")
                && sync != QLatin1String("OFF") && sync != QLatin1String("EXTRA")) {
                return Error::usage(
                    ConnectionSpec::tr("synchronous must be off, normal, full or extra, not \"%1\".")
                        .arg(sync));
            }
            spec.sqliteSynchronous = sync;
        }
    }
    if (path.isEmpty()) {
        return Error::usage(ConnectionSpec::tr("The SQLite connection string names no file."));
    }
    spec.engine = Engine::SQLite;
    spec.path = path;
    return spec;
}

ConnectionSpec ConnectionSpec::defaultSpec()
{
    ConnectionSpec spec;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    spec.path = QDir(folder).filePath(QStringLiteral("stockroom.db"));
    return spec;
}

QString ConnectionSpec::displayString() const
{
    if (engine == Engine::SQLite) {
        return QStringLiteral("sqlite:") + path;
    }
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    url.setPath(QLatin1Char('/') + database);
    url.setQuery(sslQuery(*this), QUrl::StrictMode);
    return url.toString();
}

QString ConnectionSpec::toConnectionString() const
{
    if (engine == Engine::SQLite) {
        // Always "sqlite://": parse() takes one "//" off, so that a path starting with "//" (a UNC path)
        // reads back whole instead of as a relative path.
        return QStringLiteral("sqlite://%1?synchronous=%2").arg(path, sqliteSynchronous.toLower());
    }
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    url.setPassword(password);
    url.setPath(QLatin1Char('/') + database);
    url.setQuery(sslQuery(*this), QUrl::StrictMode);
    // Fully encoded: a space or %XX in a password or file name must read back as it was.
    return url.toString(QUrl::FullyEncoded);
}

QStringList ConnectionSpec::sslConnectOptions() const
{
    if (engine != Engine::PostgreSQL) {
        return {};
    }
    QStringList options;
    for (const auto &[key, value] : sslSettings(*this)) {
        options << key + QLatin1Char('=') + quotedOption(value);
    }
    return options;
}

} // namespace Stockroom
