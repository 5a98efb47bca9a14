// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace Stockroom {

/**
 * What a user may do. Each role includes the ones below it: a manager can do what a clerk can, an
 * administrator what a manager can.
 *  - clerk: orders, picking, packing, receiving, counting;
 *  - manager: approvals (count variances, write-offs, transfer discrepancies), prices and costs,
 *    purchasing, forecasts and replenishment;
 *  - admin: users, locations, settings, backups.
 */
enum class Role {
    Clerk = 0,
    Manager = 1,
    Admin = 2,
};

/** The stored name: "clerk", "manager", "admin". */
inline QString roleName(Role role)
{
    switch (role) {
    case Role::Clerk:
        return QStringLiteral("clerk");
    case Role::Manager:
        return QStringLiteral("manager");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    return QStringLiteral("clerk");
}

inline std::optional<Role> roleFromName(const QString &name)
{
    const QString key = name.trimmed().toLower();
    for (Role role : {Role::Clerk, Role::Manager, Role::Admin}) {
        if (roleName(role) == key) {
            return role;
        }
    }
    return std::nullopt;
}

inline bool roleAllows(Role actual, Role needed)
{
    return int(actual) >= int(needed);
}

} // namespace Stockroom
