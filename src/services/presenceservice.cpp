// SPDX-License-Identifier: GPL-3.0-or-later
#include "presenceservice.h"

namespace Stockroom {

Status PresenceService::announce(const PresenceRecord &presence)
{
    Database &db = m_context.db;
    return db.write([&]() -> Status {
        PresenceRepository repository(db);
        STOCKROOM_TRY(before, repository.find(presence.desktopId));
        STOCKROOM_CHECK(repository.upsert(presence, TimeToLiveSeconds));
        const bool changed = !before || before->entity != presence.entity
            || before->entityId != presence.entityId || before->activity != presence.activity
            || before->userName != presence.userName;
        if (changed) {
            ChangeRecorder changes(m_context);
            changes.add(QStringLiteral("presence"), presence.desktopId, QStringLiteral("update"));
            STOCKROOM_CHECK(changes.flush());
        }
        return {};
    });
}

Status PresenceService::leave(const QString &desktopId)
{
    Database &db = m_context.db;
    return db.write([&]() -> Status {
        STOCKROOM_CHECK(PresenceRepository(db).remove(desktopId));
        ChangeRecorder changes(m_context);
        changes.add(QStringLiteral("presence"), desktopId, QStringLiteral("delete"));
        return changes.flush();
    });
}

} // namespace Stockroom
