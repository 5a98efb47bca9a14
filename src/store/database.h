// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "connectionspec.h"
#include "dialect.h"
#include "result.h"

#include <QHash>
#include <QList>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <chrono>
#include <functional>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

// SQLite's C handles (sqlite3.h), without including it everywhere.
struct sqlite3;
struct sqlite3_stmt;

namespace Stockroom {

/** A result row: column values by position (cheaper than QSqlRecord, which copies field names per row). */
using Row = QVariantList;
using Rows = QList<Row>;
using Binds = QVariantList;

/** A statement's outcome when the number of rows it changed does not matter. */
inline Status statusOf(const Result<int> &affected)
{
    if (!affected) {
        return affected.error();
    }
    return {};
}

/**
 * One named Qt SQL connection, owned by one thread, with the session settings of DESIGN.md and
 * transaction helpers. Statements are prepared once and cached; only bound values reach SQL.
 */
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)

public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /** Opens (and for SQLite creates) the database; the connection name must be unique per thread. */
    static Result<std::unique_ptr<Database>> open(const ConnectionSpec &spec, const QString &connectionName);

    const ConnectionSpec &spec() const { return m_spec; }
    Engine engine() const { return m_spec.engine; }
    /**
     * The connection was lost during a COMMIT: the last write may or may not be saved. Whoever retries
     * failed work automatically must not retry then (an order would be placed twice).
     */
    bool commitOutcomeUnknown() const { return m_commitOutcomeUnknown; }
    const Dialect &dialect() const { return m_dialect; }
    QSqlDatabase connection() const;

    /**
     * Runs work inside one write transaction and commits it. Busy / serialization failures roll back and
     * run the whole work again (it must only touch the database and its own locals); any other error
     * rolls back and is returned.
     */
    template<typename T>
    Result<T> write(const std::function<Result<T>()> &work);
    Status write(const std::function<Status()> &work);

    /** Runs several reads on one consistent snapshot. */
    template<typename T>
    Result<T> read(const std::function<Result<T>()> &work);

    Result<Rows> select(const QString &sql, const Binds &binds = {});
    /** The first column of the first row, or an invalid QVariant when there is no row. */
    Result<QVariant> scalar(const QString &sql, const Binds &binds = {});
    /** Number of rows changed. */
    Result<int> execute(const QString &sql, const Binds &binds = {});
    /** For an INSERT … RETURNING id (or seq, the change log's key); of several rows, the last one's. */
    Result<qint64> insert(const QString &sql, const Binds &binds = {});
    /** Runs a statement that takes no parameters and returns nothing (DDL, pragmas). */
    Status run(const QString &sql);

    /** The driver's error of the last failed statement, for callers that tell constraint failures apart. */
    QSqlError lastSqlError() const { return m_lastSqlError; }

    /** Turns a driver error into a typed error with a message for people. */
    Error toError(const QSqlError &error, const QString &what) const;

private:
    Database(const ConnectionSpec &spec, const QString &connectionName);
    Status configureSession();
    Result<QSqlQuery *> prepared(const QString &sql, const Binds &binds);
    /**
     * SQLite: runs a statement through SQLite's C API on the connection Qt opened (QtSql builds a QSqlRecord
     * of the result columns on every execution, which costs more than most of our statements). Rows are
     * appended to rows when given (at most maxRows); returns the rows changed.
     */
    Result<int> runSqlite(const QString &sql, const Binds &binds, Rows *rows, int maxRows);
    Status begin(const QString &statement);
    Status finish(bool commit);
    void pauseBeforeRetry(int attempt);

    template<typename T>
    Result<T> transaction(const QString &beginStatement, const std::function<Result<T>()> &work);

    ConnectionSpec m_spec;
    QString m_connectionName;
    Dialect m_dialect;
    QHash<QString, QSqlQuery *> m_statements;
    ::sqlite3 *m_sqlite = nullptr; ///< the handle of Qt's SQLite connection; null on PostgreSQL
    QHash<QString, ::sqlite3_stmt *> m_sqliteStatements;
    bool m_inTransaction = false;
    bool m_commitOutcomeUnknown = false;
    std::chrono::milliseconds m_busyDeadline {15000};
    Error m_lastError;
    QSqlError m_lastSqlError;
};

template<typename T>
Result<T> Database::transaction(const QString &beginStatement, const std::function<Result<T>()> &work)
{
    Q_ASSERT(!m_inTransaction);
    const auto started = std::chrono::steady_clock::now();
    for (int attempt = 0;; ++attempt) {
        Status begun = begin(beginStatement);
        if (begun) {
            Result<T> result = work();
            if (result) {
                const Status committed = finish(true);
                if (committed) {
                    return result;
                }
                m_lastError = committed.error();
            } else {
                static_cast<void>(finish(false));
                m_lastError = result.error();
            }
        } else {
            m_lastError = begun.error();
        }
        if (m_lastError.kind != Error::Kind::Conflict
            || std::chrono::steady_clock::now() - started > m_busyDeadline) {
            return m_lastError;
        }
        pauseBeforeRetry(attempt);
    }
}

template<typename T>
Result<T> Database::write(const std::function<Result<T>()> &work)
{
    return transaction<T>(m_dialect.beginWrite(), work);
}

template<typename T>
Result<T> Database::read(const std::function<Result<T>()> &work)
{
    return transaction<T>(m_dialect.beginRead(), work);
}

} // namespace Stockroom
