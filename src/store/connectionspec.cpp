// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionspec.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace Stockroom {

namespace {
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
    return url.toString();
}

QString ConnectionSpec::toConnectionString() const
{
    if (engine == Engine::SQLite) {
        return QStringLiteral("sqlite:%1?synchronous=%2").arg(path, sqliteSynchronous.toLower());
    }
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    url.setPassword(password);
    url.setPath(QLatin1Char('/') + database);
    return url.toString();
}

} // namespace Stockroom
