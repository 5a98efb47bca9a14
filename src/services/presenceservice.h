// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "presencerepository.h"
#include "servicecontext.h"

namespace Stockroom {

/**
 * Presence of desktops: what each user has open. A heartbeat only extends the row; a change of document or
 * activity also goes into change_log, so that other desktops learn of it through the same feed as orders.
 */
class PresenceService
{
public:
    static constexpr int TimeToLiveSeconds = 8; ///< a desktop that stops beating vanishes after this

    explicit PresenceService(ServiceContext &context)
        : m_context(context)
    {
    }

    Status announce(const PresenceRecord &presence);
    Status leave(const QString &desktopId);

private:
    ServiceContext &m_context;
};

} // namespace Stockroom
