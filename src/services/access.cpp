// SPDX-License-Identifier: GPL-3.0-or-later
#include "access.h"

#include "auditrepository.h"

namespace Stockroom {

Status Access::require(const ServiceContext &context, Role needed, const QString &action)
{
    if (roleAllows(context.role, needed)) {
        return {};
    }
    const QString who = context.userName.isEmpty() ? Access::tr("this user") : context.userName;
    return Error::forbidden(Access::tr("%1 needs the %2 role; %3 is signed in as %4.")
                                .arg(action, displayName(needed), who, displayName(context.role)));
}

QString Access::displayName(Role role)
{
    switch (role) {
    case Role::Clerk:
        return Access::tr("clerk");
    case Role::Manager:
        return Access::tr("manager");
    case Role::Admin:
        return Access::tr("administrator");
    }
    return {};
}

Status Audit::record(ServiceContext &context, const QString &action, const QString &entity,
                     const QString &key, const QString &summary, const QJsonObject &before,
                     const QJsonObject &after)
{
    AuditEntry entry;
    entry.at = toStoredTime(context.clock.now());
    entry.userName = context.userName;
    entry.action = action;
    entry.entity = entity;
    entry.entityKey = key;
    entry.summary = summary;
    entry.before = before;
    entry.after = after;
    AuditRepository audit(context.db);
    Result<qint64> id = audit.insert(entry);
    if (!id) {
        return id.error();
    }
    return {};
}

QPair<QJsonObject, QJsonObject> Audit::difference(const QJsonObject &before, const QJsonObject &after)
{
    QJsonObject was;
    QJsonObject is;
    for (auto it = after.constBegin(); it != after.constEnd(); ++it) {
        if (before.value(it.key()) != it.value()) {
            was.insert(it.key(), before.value(it.key()));
            is.insert(it.key(), it.value());
        }
    }
    return {was, is};
}

} // namespace Stockroom
