// SPDX-License-Identifier: GPL-3.0-or-later
#include "databaseworker.h"

#include "database.h"
#include "migrations.h"

#include <QThread>

#include <atomic>

Q_LOGGING_CATEGORY(lcUi, "stockroom.ui", QtInfoMsg)

namespace Stockroom {

DatabaseWorker::DatabaseWorker(const ConnectionSpec &spec)
    : m_spec(spec)
{
    qRegisterMetaType<Stockroom::OrderCursor>();
    qRegisterMetaType<QList<Stockroom::OrderHeader>>();
    qRegisterMetaType<QList<Stockroom::StockLevelRow>>();
    qRegisterMetaType<Stockroom::DashboardData>();
}

DatabaseWorker::~DatabaseWorker() = default;

quint64 DatabaseWorker::newRequestId()
{
    static std::atomic<quint64> next {1};
    return next++;
}

void DatabaseWorker::open()
{
    const QString name = QStringLiteral("ui-worker-%1").arg(quintptr(QThread::currentThreadId()));
    Result<std::unique_ptr<Database>> db = Database::open(m_spec, name);
    if (!db) {
        Q_EMIT opened(false, db.error().message);
        return;
    }
    Result<int> migrated = Migrations::migrate(**db);
    if (!migrated) {
        Q_EMIT opened(false, migrated.error().message);
        return;
    }
    m_db = std::move(db).value();
    Q_EMIT opened(true, {});
}

void DatabaseWorker::close()
{
    m_db.reset();
}

void DatabaseWorker::fetchOrders(quint64 request, const OrderCursor &after, int limit, const QString &status)
{
    if (!m_db) {
        Q_EMIT failed(request, tr("The database is not open."));
        return;
    }
    OrderRepository orders(*m_db);
    Result<QList<OrderHeader>> page = orders.page(after, limit, status);
    if (!page) {
        Q_EMIT failed(request, page.error().message);
        return;
    }
    qint64 total = -1;
    if (after.isStart()) {
        Result<qint64> count = orders.count(status);
        total = count ? *count : -1;
    }
    Q_EMIT ordersFetched(request, *page, total);
}

void DatabaseWorker::fetchStock(quint64 request, const QString &search)
{
    if (!m_db) {
        Q_EMIT failed(request, tr("The database is not open."));
        return;
    }
    Result<QList<StockLevelRow>> levels = StockRepository(*m_db).search(search);
    if (!levels) {
        Q_EMIT failed(request, levels.error().message);
        return;
    }
    Q_EMIT stockFetched(request, *levels);
}

void DatabaseWorker::fetchDashboard(quint64 request, const QDate &from)
{
    if (!m_db) {
        Q_EMIT failed(request, tr("The database is not open."));
        return;
    }
    ReportRepository reports(*m_db);
    DashboardData data;
    Result<QList<DailyDemand>> days = reports.dailyDemand(from);
    Result<QHash<QString, qint64>> statuses = reports.ordersByStatus();
    Result<StockSummary> stock = reports.stockSummary();
    for (const Error *error : {&days.error(), &statuses.error(), &stock.error()}) {
        if (!error->message.isEmpty()) {
            Q_EMIT failed(request, error->message);
            return;
        }
    }
    data.days = *days;
    data.ordersByStatus = *statuses;
    data.stock = *stock;
    Q_EMIT dashboardFetched(request, data);
}

} // namespace Stockroom
