// SPDX-License-Identifier: GPL-3.0-or-later
// The database worker's part for the Audit view and the Users dialog.
#include "access.h"
#include "databaseworker.h"
#include "userservice.h"

namespace Stockroom {

void DatabaseWorker::fetchAudit(quint64 request, const AuditFilter &filter, int limit,
                                const QString &beforeAt, qint64 beforeId)
{
    QList<AuditEntry> entries;
    QStringList names;
    const QString error = withDatabase([&](Database &db) -> QString {
        ServiceContext context {db, Clock(), m_userName, m_role};
        if (Status allowed = Access::require(context, Role::Manager, tr("Reading the audit trail"));
            !allowed) {
            return allowed.error().message;
        }
        AuditRepository audit(db);
        Result<QList<AuditEntry>> found
            = db.read<QList<AuditEntry>>([&] { return audit.find(filter, limit, beforeAt, beforeId); });
        if (!found) {
            return found.error().message;
        }
        entries = *found;
        if (beforeAt.isEmpty()) {
            Result<QStringList> users = audit.userNames();
            if (users) {
                names = *users;
            }
        }
        return {};
    });
    Q_EMIT auditFetched(request, entries, names, error);
}

void DatabaseWorker::runUserAction(quint64 request, const QString &action, const QVariantMap &arguments)
{
    QString message;
    bool ok = false;
    QVariantList rows;
    const QString error = withDatabase([&](Database &db) -> QString {
        ServiceContext context {db, Clock(), m_userName, m_role};
        UserService users(context);
        const QString name = arguments.value(QStringLiteral("name")).toString();
        Status done;
        if (action == QLatin1String("add")) {
            const std::optional<Role> role = roleFromName(arguments.value(QStringLiteral("role")).toString());
            Result<UserRecord> created = users.create(
                NewUser {name.trimmed(), arguments.value(QStringLiteral("fullName")).toString(),
                         role.value_or(Role::Clerk), arguments.value(QStringLiteral("password")).toString()});
            done = created ? Status {} : Status(created.error());
            message = created
                ? tr("User %1 added as %2.").arg(created->name, Access::displayName(created->role))
                : QString();
        } else if (action == QLatin1String("role")) {
            const std::optional<Role> role = roleFromName(arguments.value(QStringLiteral("role")).toString());
            Result<UserRecord> changed = users.setRole(name, role.value_or(Role::Clerk));
            done = changed ? Status {} : Status(changed.error());
            message = changed ? tr("%1 is now %2.").arg(changed->name, Access::displayName(changed->role))
                              : QString();
        } else if (action == QLatin1String("enable") || action == QLatin1String("disable")) {
            Result<UserRecord> changed = users.setActive(name, action == QLatin1String("enable"));
            done = changed ? Status {} : Status(changed.error());
            message = changed ? (changed->active ? tr("%1 may sign in.") : tr("%1 can no longer sign in."))
                                    .arg(changed->name)
                              : QString();
        } else if (action == QLatin1String("password")) {
            done = users.changePassword(name, arguments.value(QStringLiteral("password")).toString(),
                                        arguments.value(QStringLiteral("current")).toString());
            message = done ? tr("The password of %1 is set; its other desktops must sign in again.").arg(name)
                           : QString();
        }
        if (!done) {
            message = done.error().message;
            if (done.error().kind == Error::Kind::Database) {
                return message;
            }
        } else {
            ok = true;
        }
        if (roleAllows(m_role, Role::Admin)) {
            Result<QList<UserRecord>> all = users.users();
            if (all) {
                for (const UserRecord &user : std::as_const(*all)) {
                    rows << QVariantMap {{QStringLiteral("name"), user.name},
                                         {QStringLiteral("fullName"), user.fullName},
                                         {QStringLiteral("role"), roleName(user.role)},
                                         {QStringLiteral("roleText"), Access::displayName(user.role)},
                                         {QStringLiteral("active"), user.active},
                                         {QStringLiteral("lastLogin"), user.lastLoginAt}};
                }
            }
        }
        return {};
    });
    Q_EMIT userActionFinished(request, ok && error.isEmpty(), error.isEmpty() ? message : error, rows);
}

} // namespace Stockroom
