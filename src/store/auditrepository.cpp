// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditrepository.h"

#include <QJsonDocument>

namespace Stockroom {

namespace {

QString jsonText(const QJsonObject &object)
{
    return object.isEmpty() ? QString()
                            : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject jsonObject(const QString &text)
{
    return text.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

Result<qint64> AuditRepository::insert(const AuditEntry &entry)
{
    return m_db.insert(
        QStringLiteral("INSERT INTO audit_log (at, user_name, action, entity, entity_key, summary, "
                       "before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {entry.at, entry.userName, entry.action, entry.entity, entry.entityKey, entry.summary,
         jsonText(entry.before), jsonText(entry.after)});
}

Result<QList<AuditEntry>> AuditRepository::find(const AuditFilter &filter, int limit, const QString &beforeAt,
                                                qint64 beforeId)
{
    // Both logs in one list, newest first. Each part is filtered on its own indexes before the union.
    Binds binds;
    auto conditions = [&](const QString &userColumn, const QString &entityColumn, const QString &keyColumn,
                          const QString &summaryColumn /* empty: none */, const QString &idColumn) {
        QStringList where;
        if (!filter.userName.isEmpty()) {
            where << QStringLiteral("lower(%1) = lower(?)").arg(userColumn);
            binds << filter.userName;
        }
        if (!filter.entity.isEmpty()) {
            where << QStringLiteral("%1 = ?").arg(entityColumn);
            binds << filter.entity;
        }
        if (!filter.from.isEmpty()) {
            where << QStringLiteral("at >= ?");
            binds << filter.from;
        }
        if (!filter.to.isEmpty()) {
            where << QStringLiteral("at < ?");
            binds << filter.to;
        }
        if (!filter.text.isEmpty()) {
            // instr/strpos: the typed text is matched literally, with no LIKE wildcards.
            const QString find = m_db.engine() == Engine::SQLite
                ? QStringLiteral("instr(lower(%1), lower(?)) > 0")
                : QStringLiteral("strpos(lower(%1), lower(?)) > 0");
            if (summaryColumn.isEmpty()) {
                where << find.arg(keyColumn);
                binds << filter.text;
            } else {
                where << QStringLiteral("(%1 OR %2)").arg(find.arg(keyColumn), find.arg(summaryColumn));
                binds << filter.text << filter.text;
            }
        }
        if (!beforeAt.isEmpty()) {
            where << QStringLiteral("(at < ? OR (at = ? AND %1 < ?))").arg(idColumn);
            binds << beforeAt << beforeAt << beforeId;
        }
        return where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    };

    QString sql
        = QStringLiteral("SELECT 'audit' AS source, id, at, user_name, action, entity, entity_key, summary, "
                         "before_json, after_json FROM audit_log")
        + conditions(QStringLiteral("user_name"), QStringLiteral("entity"), QStringLiteral("entity_key"),
                     QStringLiteral("summary"), QStringLiteral("id"));
    if (filter.withChanges) {
        sql += QStringLiteral(
                   " UNION ALL SELECT 'change', seq, at, user_name, op, entity, entity_id, '', '', '' "
                   "FROM change_log")
            + conditions(QStringLiteral("user_name"), QStringLiteral("entity"), QStringLiteral("entity_id"),
                         {}, QStringLiteral("seq"));
    }
    sql += QStringLiteral(" ORDER BY at DESC, id DESC LIMIT %1").arg(std::max(1, limit));

    STOCKROOM_TRY(rows, m_db.select(sql, binds));
    QList<AuditEntry> entries;
    entries.reserve(rows.size());
    for (const Row &row : std::as_const(rows)) {
        AuditEntry entry;
        entry.source = row.value(0).toString();
        entry.id = row.value(1).toLongLong();
        entry.at = row.value(2).toString();
        entry.userName = row.value(3).toString();
        entry.action = row.value(4).toString();
        entry.entity = row.value(5).toString();
        entry.entityKey = row.value(6).toString();
        entry.summary = row.value(7).toString();
        entry.before = jsonObject(row.value(8).toString());
        entry.after = jsonObject(row.value(9).toString());
        entries << entry;
    }
    return entries;
}

Result<QStringList> AuditRepository::userNames()
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT name FROM users UNION SELECT DISTINCT user_name FROM "
                                             "audit_log ORDER BY 1")));
    QStringList names;
    for (const Row &row : std::as_const(rows)) {
        const QString name = row.value(0).toString();
        if (!name.isEmpty()) {
            names << name;
        }
    }
    return names;
}

} // namespace Stockroom
