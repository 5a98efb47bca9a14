// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "result.h"

#include <QString>

namespace Stockroom {

enum class Engine { SQLite, PostgreSQL };

/**
 * Which database to open, parsed from a connection string:
 * a file path or `sqlite:PATH[?synchronous=normal|full|off]` for SQLite,
 * `postgresql://user[:password]@host[:port]/dbname[?sslmode=…&sslrootcert=FILE&sslcert=FILE&sslkey=FILE]`
 * for PostgreSQL (the TLS settings mean what they mean to libpq).
 */
struct ConnectionSpec
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionSpec)

public:
    Engine engine = Engine::SQLite;
    QString path; ///< SQLite file
    QString sqliteSynchronous
        = QStringLiteral("FULL"); ///< FULL by default: what a clerk saved survives a power cut
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    /** libpq's sslmode (disable … verify-full); empty = libpq's default (prefer, or $PGSSLMODE). */
    QString sslMode;
    QString sslRootCert; ///< the CA file that verify-ca / verify-full check the server's certificate with
    QString sslCert; ///< a client certificate, for servers that ask for one (pg_hba.conf `cert`)
    QString sslKey; ///< its private key

    static Result<ConnectionSpec> parse(const QString &text);
    /** The default: stockroom.db in the user's data folder. */
    static ConnectionSpec defaultSpec();
    /** For messages and logs: never shows the password. */
    QString displayString() const;
    /**
     * The string parse() reads back, password included: for handing the connection to a child process
     * (tests, benchmarks), never for showing.
     */
    QString toConnectionString() const;
    /**
     * The TLS settings as libpq `key='value'` options (quoted for a conninfo string), for
     * QSqlDatabase::setConnectOptions; empty for SQLite and when nothing is set.
     */
    QStringList sslConnectOptions() const;
};

} // namespace Stockroom
