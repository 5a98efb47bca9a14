// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

namespace Stockroom {

struct PresenceRecord
{
    QString desktopId;
    QString userName;
    QString entity; ///< order, transfer, count; empty when the desktop has nothing open
    QString entityId;
    QString activity; ///< viewing, packing, counting, …
};

/** presence: one row per running desktop, kept alive by heartbeats, times from the database clock. */
class PresenceRepository
{
public:
    explicit PresenceRepository(Database &db)
        : m_db(db)
    {
    }

    /** The row of a desktop as stored (expired or not), if any. */
    Result<std::optional<PresenceRecord>> find(const QString &desktopId);
    /** Inserts or refreshes a desktop's row, valid for ttlSeconds from now. */
    Status upsert(const PresenceRecord &presence, int ttlSeconds);
    Status remove(const QString &desktopId);
    /** Rows that have not expired. */
    Result<QList<PresenceRecord>> active();

private:
    Database &m_db;
};

} // namespace Stockroom
