// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

namespace Stockroom {

/**
 * Rows of one table gathered in memory and written as multi-row INSERTs, for a bulk writer (the order import)
 * inside its write transaction on SQLite. Each statement costs SQLite a fixed start and end (bind, begin,
 * halt, reset); fifty rows share them.
 *
 * The ids are ours: the table's largest id + 1, read when a batch starts, then counted on. That is sound
 * because an SQLite write transaction excludes every other writer, and because whoever writes the table
 * another way in the same transaction flushes the batch first (so the next batch reads the largest id again).
 * Nothing may read the table for the gathered rows before flush().
 */
class BulkInsert
{
public:
    /** table: a table with an INTEGER PRIMARY KEY id; columns: the others written (id comes first). */
    BulkInsert(Database &db, const QString &table, const QStringList &columns);

    /** Gathers one row (values in the order of the columns) and returns its id; writes a full batch. */
    Result<qint64> add(const Binds &values);
    /** Writes what is gathered; call it before the table is read or written another way. */
    Status flush();
    /** The rows refer to the parent's (a foreign key): its gathered rows are written first. */
    void setParent(BulkInsert *parent) { m_parent = parent; }

private:
    static constexpr int BatchRows = 50;
    const QString &statement(int rows);
    Status write();

    Database &m_db;
    QString m_table;
    QStringList m_columns;
    BulkInsert *m_parent = nullptr;
    QHash<int, QString> m_statements; ///< by row count: each text is prepared once (Database caches it)
    QList<Binds> m_rows;
    qint64 m_nextId = 0; ///< 0: read the largest id before the next row
};

} // namespace Stockroom
