// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderactions.h"

#include "databaseworker.h"

namespace Stockroom {

OrderActions::OrderActions(DatabaseWorker *worker, const QString &userName, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_userName(userName)
{
    connect(worker, &DatabaseWorker::actionFinished, this, &OrderActions::onFinished);
}

quint64 OrderActions::begin()
{
    const bool wasBusy = busy();
    m_pending = DatabaseWorker::newRequestId();
    if (!wasBusy) {
        Q_EMIT busyChanged();
    }
    return m_pending;
}

void OrderActions::cancel(const QString &number, int version)
{
    const quint64 id = begin();
    DatabaseWorker *worker = m_worker;
    const QString user = m_userName;
    QMetaObject::invokeMethod(worker, [=] { worker->cancelOrder(id, number, version, user); });
}

void OrderActions::ship(const QString &number, int version)
{
    const quint64 id = begin();
    DatabaseWorker *worker = m_worker;
    const QString user = m_userName;
    QMetaObject::invokeMethod(worker, [=] { worker->shipOrder(id, number, version, user); });
}

void OrderActions::clearMessage()
{
    m_message.clear();
    m_failed = false;
    m_stale = false;
    Q_EMIT messageChanged();
}

void OrderActions::onFinished(quint64 request, bool ok, bool stale, const QString &message)
{
    if (request != m_pending) {
        return;
    }
    m_pending = 0;
    m_message = message;
    m_failed = !ok;
    m_stale = stale;
    Q_EMIT messageChanged();
    Q_EMIT busyChanged();
}

} // namespace Stockroom
