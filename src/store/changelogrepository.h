// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

namespace Stockroom {

struct ChangeRecord
{
    qint64 seq = 0;
    QString entity; ///< order, stock, product, location, shipment, …
    QString entityId; ///< for stock: "productId:locationId"
    QString op; ///< insert, update, delete
    QString userName;
    QString at;
};

/**
 * change_log: what every service transaction changed, so that other desktops refresh only that.
 * On PostgreSQL a transaction ends with one NOTIFY, which the server delivers at COMMIT (never on ROLLBACK).
 */
class ChangeLogRepository
{
public:
    explicit ChangeLogRepository(Database &db)
        : m_db(db)
    {
    }

    /**
     * Appends the changes in one statement and notifies; returns the last seq. The time is the database's
     * clock as the rows go in, just before COMMIT, so that watchers can measure commit-to-screen latency.
     */
    Result<qint64> appendAll(const QList<ChangeRecord> &changes, const QString &userName);
    /**
     * Deletes the changes older than the given time and records where the log now starts; returns how many
     * rows went. Run inside a write transaction.
     */
    Result<int> pruneBefore(const QString &at, const QString &now);
    Result<QList<ChangeRecord>> since(qint64 seq, int limit = 1000);
    Result<qint64> lastSeq();

    static QString stockKey(qint64 productId, qint64 locationId);

private:
    Database &m_db;
};

} // namespace Stockroom
