// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "servicecontext.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace Stockroom {

/**
 * Who may do what, checked inside the services: the GUI hides what a role may not do, but the service
 * refuses it whatever the caller, with a message that names the role needed.
 */
class Access
{
    Q_DECLARE_TR_FUNCTIONS(Access)

public:
    /** A refusal unless the context's role is at least `needed`; `action` says what was tried ("Approving a count"). */
    static Status require(const ServiceContext &context, Role needed, const QString &action);
    /** The role as people read it: clerk, manager, administrator (translated). */
    static QString displayName(Role role);
};

/**
 * The audit trail: what a decision or an edit was, by whom and when, with the fields before and after.
 * Written inside the service's transaction, so an audit line exists exactly when the change does.
 */
class Audit
{
public:
    static Status record(ServiceContext &context, const QString &action, const QString &entity,
                         const QString &key, const QString &summary, const QJsonObject &before = {},
                         const QJsonObject &after = {});
    /** Only the fields whose values differ, as {before, after}. */
    static QPair<QJsonObject, QJsonObject> difference(const QJsonObject &before, const QJsonObject &after);
};

} // namespace Stockroom
