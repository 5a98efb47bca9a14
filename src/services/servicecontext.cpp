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
    m_entries.append({entity, id, op});
}

Status ChangeRecorder::flush(const QString &at)
{
    ChangeLogRepository log(m_context.db);
    qint64 last = 0;
    for (const Entry &entry : std::as_const(m_entries)) {
        STOCKROOM_TRY(seq, log.append(entry.entity, entry.id, entry.op, m_context.userName, at));
        last = seq;
    }
    m_entries.clear();
    m_seen.clear();
    if (last > 0) {
        STOCKROOM_CHECK(log.notify(last));
    }
    return {};
}

} // namespace Stockroom
