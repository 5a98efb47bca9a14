// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectionspec.h"

#include <QSqlError>
#include <QString>
#include <QStringList>

namespace Stockroom {

/**
 * Every difference between SQLite and PostgreSQL that Stockroom relies on, in one place.
 * DDL fragments only; data always travels as bound values.
 */
class Dialect
{
public:
    explicit Dialect(Engine engine)
        : m_engine(engine)
    {
    }

    Engine engine() const { return m_engine; }

    /** Starts a write transaction: SQLite takes the write lock up front (a deferred BEGIN cannot wait for it). */
    QString beginWrite() const;
    QString beginRead() const;

    /** Replaces {ID}, {REF}, {BIGINT}, {REAL} in a DDL template with this engine's types. */
    QString ddl(QString templ) const;

    /** Statements that make a table append-only: UPDATE, DELETE (and TRUNCATE) raise an error. */
    QStringList appendOnlyTriggers(const QString &table) const;

    /** Whether the table exists (one bound parameter: its name). */
    QString tableExistsQuery() const;

    /** SQL for the database's own clock as our stored-time text (UTC, milliseconds). */
    QString nowExpression(int plusSeconds = 0) const;

    /**
     * Wraps an `INSERT … RETURNING seq` into change_log so that on PostgreSQL the same statement also sends
     * the NOTIFY (one round trip); the first column of the result rows holds the sequence numbers.
     */
    QString insertChangesAndNotify(const QString &insertReturningSeq) const;

    /**
     * The full-text index of orders (customer, e-mail, external id, SKUs, tracking numbers): an FTS5 table on SQLite whose
     * rowid is the order id, a tsvector with a GIN index on PostgreSQL. Statements to create and fill it.
     */
    QStringList orderSearchDdl() const;
    /** Inserts or replaces one order's text, built from the database; binds: order id. */
    QString orderSearchRefresh() const;
    /** The same for `count` orders at once: binds their ids. */
    QString orderSearchRefresh(int count) const;
    /** A condition on orders aliased `o` that keeps the matches; binds: orderSearchQuery(text). */
    QString orderSearchCondition() const;
    /**
     * What the user typed as this engine's query (every word a prefix, all words required): a bound value,
     * with the characters that mean syntax to FTS5 or tsquery removed or quoted.
     */
    QString orderSearchQuery(const QString &text) const;
    /** SQL that builds an order's search text from orders `o` (one row per order). */
    QString orderSearchText() const;

    /** Busy, locked, serialization failure or deadlock: the whole transaction may be retried. */
    bool isRetryable(const QSqlError &error) const;
    bool isUniqueViolation(const QSqlError &error) const;

private:
    Engine m_engine;
};

} // namespace Stockroom
