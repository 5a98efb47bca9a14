// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <QJsonObject>

namespace Stockroom {

/** One line of the audit trail: an edit (with the fields before and after) or a change of the change log. */
struct AuditEntry
{
    QString source; ///< "audit" (audit_log: edits, approvals, users, sign-ins) or "change" (change_log)
    qint64 id = 0;
    QString at; ///< stored time (UTC)
    QString userName;
    QString action; ///< e.g. product.update, count.approve, user.create, login.failed; change: insert/update
    QString entity; ///< product, location, count, user, order, stock, …
    QString entityKey; ///< SKU, code, document number, user name; for changes the entity id
    QString summary;
    QJsonObject before;
    QJsonObject after;
};

struct AuditFilter
{
    QString userName; ///< exact (case-insensitive); empty = anyone
    QString entity; ///< exact; empty = every entity
    QString from; ///< stored time, inclusive; empty = from the start
    QString to; ///< stored time, exclusive; empty = up to now
    QString text; ///< part of the key or summary; empty = no text filter
    bool withChanges = true; ///< also list the change log (every write of every service)
};

class AuditRepository
{
public:
    explicit AuditRepository(Database &db)
        : m_db(db)
    {
    }

    Result<qint64> insert(const AuditEntry &entry);
    /** Newest first, at most limit lines, older than (beforeAt, beforeId) when given (keyset paging). */
    Result<QList<AuditEntry>> find(const AuditFilter &filter, int limit, const QString &beforeAt = {},
                                   qint64 beforeId = 0);
    /** The names of users that appear in the trail, for the view's filter. */
    Result<QStringList> userNames();

private:
    Database &m_db;
};

} // namespace Stockroom
