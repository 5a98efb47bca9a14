// SPDX-License-Identifier: GPL-3.0-or-later
#include "changelogrepository.h"

#include <algorithm>

namespace Stockroom {

Result<qint64> ChangeLogRepository::appendAll(const QList<ChangeRecord> &changes, const QString &userName)
{
    if (changes.isEmpty()) {
        return qint64(0);
    }
    // One statement per 200 changes: the SQL text depends only on the row count (our constant), the data
    // travels as bound values. Bigger statements cost more than they save: SQLite looks bound parameters
    // up in a list, so a statement with tens of thousands of them takes quadratic time (an import of
    // 10,000 products spent 20 s here).
    constexpr qsizetype Chunk = 200;
    qint64 last = 0;
    const QString row = QStringLiteral("(?, ?, ?, ?, %1)").arg(m_db.dialect().nowExpression());
    for (qsizetype start = 0; start < changes.size(); start += Chunk) {
        const qsizetype end = std::min(changes.size(), start + Chunk);
        QStringList rows;
        Binds binds;
        binds.reserve((end - start) * 4);
        for (qsizetype i = start; i < end; ++i) {
            const ChangeRecord &change = changes.at(i);
            rows << row;
            binds << change.entity << change.entityId << change.op << userName;
        }
        const QString insert
            = QStringLiteral("INSERT INTO change_log (entity, entity_id, op, user_name, at) VALUES %1 "
                             "RETURNING seq")
                  .arg(rows.join(QStringLiteral(", ")));
        // Through insert(): SQLite then runs the plain insert and takes the last rowid (materialising the
        // RETURNING rows cost a placement about a tenth of its time); PostgreSQL gives max(seq).
        Result<qint64> result = m_db.insert(m_db.dialect().insertChangesAndNotify(insert), binds);
        if (!result) {
            return result.error();
        }
        last = std::max(last, *result);
    }
    return last;
}

Result<int> ChangeLogRepository::pruneBefore(const QString &at, const QString &now)
{
    Result<QVariant> upTo = m_db.scalar(QStringLiteral("SELECT max(seq) FROM change_log WHERE at < ?"), {at});
    if (!upTo) {
        return upTo.error();
    }
    if (upTo->isNull()) {
        return 0;
    }
    Result<int> deleted = m_db.execute(QStringLiteral("DELETE FROM change_log WHERE seq <= ?"), {*upTo});
    if (!deleted) {
        return deleted.error();
    }
    Result<int> recorded = m_db.execute(
        QStringLiteral("INSERT INTO change_log_pruned (up_to_seq, pruned_at) VALUES (?, ?)"), {*upTo, now});
    if (!recorded) {
        return recorded.error();
    }
    return *deleted;
}

Result<QList<ChangeRecord>> ChangeLogRepository::since(qint64 seq, int limit)
{
    Result<Rows> rows
        = m_db.select(QStringLiteral("SELECT seq, entity, entity_id, op, user_name, at FROM change_log "
                                     "WHERE seq > ? ORDER BY seq LIMIT ?"),
                      {seq, limit});
    if (!rows) {
        return rows.error();
    }
    QList<ChangeRecord> changes;
    for (const Row &row : std::as_const(*rows)) {
        changes << ChangeRecord {row.value(0).toLongLong(), row.value(1).toString(), row.value(2).toString(),
                                 row.value(3).toString(),   row.value(4).toString(), row.value(5).toString()};
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
