// SPDX-License-Identifier: GPL-3.0-or-later
#include "presencerepository.h"

namespace Stockroom {

namespace {
PresenceRecord presenceFrom(const Row &row)
{
    return PresenceRecord {row.value(0).toString(), row.value(1).toString(), row.value(2).toString(),
                           row.value(3).toString(), row.value(4).toString()};
}
} // namespace

Result<std::optional<PresenceRecord>> PresenceRepository::find(const QString &desktopId)
{
    Result<Rows> rows
        = m_db.select(QStringLiteral("SELECT desktop_id, user_name, entity, entity_id, activity "
                                     "FROM presence WHERE desktop_id = ?"),
                      {desktopId});
    if (!rows) {
        return rows.error();
    }
    if (rows->isEmpty()) {
        return std::optional<PresenceRecord> {};
    }
    return std::optional<PresenceRecord> {presenceFrom(rows->first())};
}

Status PresenceRepository::upsert(const PresenceRecord &p, int ttlSeconds)
{
    Result<int> affected = m_db.execute(
        QStringLiteral(
            "INSERT INTO presence (desktop_id, user_name, entity, entity_id, activity, expires_at) "
            "VALUES (?, ?, ?, ?, ?, %1) ON CONFLICT (desktop_id) DO UPDATE SET "
            "user_name = excluded.user_name, entity = excluded.entity, entity_id = excluded.entity_id, "
            "activity = excluded.activity, expires_at = excluded.expires_at")
            .arg(m_db.dialect().nowExpression(ttlSeconds)),
        {p.desktopId, p.userName, p.entity, p.entityId, p.activity});
    if (!affected) {
        return affected.error();
    }
    return {};
}

Status PresenceRepository::remove(const QString &desktopId)
{
    Result<int> affected
        = m_db.execute(QStringLiteral("DELETE FROM presence WHERE desktop_id = ?"), {desktopId});
    if (!affected) {
        return affected.error();
    }
    return {};
}

Result<QList<PresenceRecord>> PresenceRepository::active()
{
    Result<Rows> rows
        = m_db.select(QStringLiteral("SELECT desktop_id, user_name, entity, entity_id, activity "
                                     "FROM presence WHERE expires_at > %1 ORDER BY user_name")
                          .arg(m_db.dialect().nowExpression()));
    if (!rows) {
        return rows.error();
    }
    QList<PresenceRecord> records;
    for (const Row &row : std::as_const(*rows)) {
        records << presenceFrom(row);
    }
    return records;
}

} // namespace Stockroom
