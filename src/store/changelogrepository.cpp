// SPDX-License-Identifier: GPL-3.0-or-later
#include "changelogrepository.h"

namespace Stockroom {

Result<qint64> ChangeLogRepository::append(const QString &entity, const QString &entityId, const QString &op,
                                           const QString &userName, const QString &at)
{
    Result<qint64> seq = m_db.insert(QStringLiteral("INSERT INTO change_log (entity, entity_id, op, user_name, at) "
                                                    "VALUES (?, ?, ?, ?, ?) RETURNING seq"),
                                     {entity, entityId, op, userName, at});
    if (!seq) {
        return seq.error();
    }
    return seq;
}

Status ChangeLogRepository::notify(qint64 seq)
{
    const QString statement = m_db.dialect().notifyStatement();
    if (statement.isEmpty()) {
        return {};
    }
    Result<Rows> sent = m_db.select(statement, {QString::number(seq)});
    if (!sent) {
        return sent.error();
    }
    return {};
}

Result<QList<ChangeRecord>> ChangeLogRepository::since(qint64 seq, int limit)
{
    Result<Rows> rows = m_db.select(QStringLiteral("SELECT seq, entity, entity_id, op, user_name, at FROM change_log "
                                                   "WHERE seq > ? ORDER BY seq LIMIT ?"),
                                    {seq, limit});
    if (!rows) {
        return rows.error();
    }
    QList<ChangeRecord> changes;
    for (const Row &row : std::as_const(*rows)) {
        changes << ChangeRecord {row.value(0).toLongLong(), row.value(1).toString(), row.value(2).toString(),
                                 row.value(3).toString(), row.value(4).toString(), row.value(5).toString()};
    }
    return changes;
}

Result<qint64> ChangeLogRepository::lastSeq()
{
    Result<QVariant> seq = m_db.scalar(QStringLiteral("SELECT coalesce(max(seq), 0) FROM change_log"));
    if (!seq) {
        return seq.error();
    }
    return seq->toLongLong();
}

QString ChangeLogRepository::stockKey(qint64 productId, qint64 locationId)
{
    return QString::number(productId) + QLatin1Char(':') + QString::number(locationId);
}

} // namespace Stockroom
