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

    /** Appends the changes (user and time set here) in one statement and notifies; returns the last seq. */
    Result<qint64> appendAll(const QList<ChangeRecord> &changes, const QString &userName, const QString &at);
    Result<QList<ChangeRecord>> since(qint64 seq, int limit = 1000);
    Result<qint64> lastSeq();

    static QString stockKey(qint64 productId, qint64 locationId);

private:
    Database &m_db;
};

} // namespace Stockroom
