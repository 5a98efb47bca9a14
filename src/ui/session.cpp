// SPDX-License-Identifier: GPL-3.0-or-later
#include "session.h"

#include "dashboardmodel.h"
#include "databaseworker.h"
#include "inventorymodel.h"
#include "ordermodel.h"

namespace Stockroom {

Session::Session(const ConnectionSpec &spec, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_worker(new DatabaseWorker(spec))
{
    m_thread.setObjectName(QStringLiteral("stockroom-db"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_orders = new OrderModel(m_worker, this);
    m_inventory = new InventoryModel(m_worker, this);
    m_dashboard = new DashboardModel(m_worker, this);
    connect(m_worker, &DatabaseWorker::opened, this, &Session::onOpened);
    connect(m_orders, &OrderModel::loaded, this, &Session::markLoaded);
    connect(m_inventory, &InventoryModel::loaded, this, &Session::markLoaded);
    connect(m_dashboard, &DashboardModel::loaded, this, &Session::markLoaded);
    m_thread.start();
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->open(); });
}

Session::~Session()
{
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QString Session::engineName() const
{
    return m_spec.engine == Engine::SQLite ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL");
}

void Session::refresh()
{
    m_orders->reload();
    m_inventory->reload();
    m_dashboard->reload();
}

void Session::onOpened(bool ok, const QString &error)
{
    if (!ok) {
        m_errorText = error;
        Q_EMIT errorTextChanged();
        m_ready = true;
        Q_EMIT readyChanged();
        return;
    }
    refresh();
}

void Session::markLoaded()
{
    if (m_ready || --m_waitingFor > 0) {
        return;
    }
    m_ready = true;
    Q_EMIT readyChanged();
}

} // namespace Stockroom
