// SPDX-License-Identifier: GPL-3.0-or-later
#include "servicecontext.h"

namespace Stockroom {

void ChangeRecorder::add(const QString &entity, const QString &id, const QString &op)
{
    const QString key = entity + QLatin1Char('/') + id;
    if (m_seen.contains(key)) {
        return;
    }
    m_seen.insert(key);
    ChangeRecord change;
    change.entity = entity;
    change.entityId = id;
    change.op = op;
    m_entries.append(change);
}

Status ChangeRecorder::flush()
{
    STOCKROOM_CHECK(ChangeLogRepository(m_context.db).appendAll(m_entries, m_context.userName));
    m_entries.clear();
    m_seen.clear();
    return {};
}

} // namespace Stockroom
