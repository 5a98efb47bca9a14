// SPDX-License-Identifier: GPL-3.0-or-later
#include "userscontroller.h"

#include "databaseworker.h"

namespace Stockroom {

UsersController::UsersController(DatabaseWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
{
    connect(worker, &DatabaseWorker::userActionFinished, this,
            [this](quint64 request, bool ok, const QString &message, const QVariantList &users) {
                if (request != m_request) {
                    return;
                }
                m_busy = false;
                Q_EMIT busyChanged();
                m_users = users;
                Q_EMIT usersChanged();
                setMessage(message, !ok);
                if (ok) {
                    Q_EMIT done();
                }
            });
}

void UsersController::setMessage(const QString &text, bool failed)
{
    m_message = text;
    m_failed = failed;
    Q_EMIT messageChanged();
}

void UsersController::run(const QString &action, const QVariantMap &arguments)
{
    m_request = DatabaseWorker::newRequestId();
    m_busy = true;
    Q_EMIT busyChanged();
    const quint64 id = m_request;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=] { worker->runUserAction(id, action, arguments); });
}

void UsersController::reload()
{
    run(QStringLiteral("list"), {});
}

void UsersController::add(const QString &name, const QString &fullName, const QString &role,
                          const QString &password, const QString &repeated)
{
    if (password != repeated) {
        setMessage(tr("The two passwords differ."), true);
        return;
    }
    run(QStringLiteral("add"),
        {{QStringLiteral("name"), name},
         {QStringLiteral("fullName"), fullName},
         {QStringLiteral("role"), role},
         {QStringLiteral("password"), password}});
}

void UsersController::setRole(const QString &name, const QString &role)
{
    run(QStringLiteral("role"), {{QStringLiteral("name"), name}, {QStringLiteral("role"), role}});
}

void UsersController::setActive(const QString &name, bool active)
{
    run(active ? QStringLiteral("enable") : QStringLiteral("disable"), {{QStringLiteral("name"), name}});
}

void UsersController::setPassword(const QString &name, const QString &password, const QString &repeated,
                                  const QString &current)
{
    if (password != repeated) {
        setMessage(tr("The two passwords differ."), true);
        return;
    }
    run(QStringLiteral("password"),
        {{QStringLiteral("name"), name},
         {QStringLiteral("password"), password},
         {QStringLiteral("current"), current}});
}

} // namespace Stockroom
