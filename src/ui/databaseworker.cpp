// SPDX-License-Identifier: GPL-3.0-or-later
#include "databaseworker.h"

#include "database.h"
#include "migrations.h"
#include "orderservice.h"
#include "presenceservice.h"

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
    const QString error = withDatabase([](Database &db) { return Migrations::migrate(db).error().message; });
    if (!error.isEmpty()) {
        m_db.reset();
        Q_EMIT opened(false, error);
        return;
    }
    Q_EMIT opened(true, {});
}

void DatabaseWorker::close()
{
    m_db.reset();
}

QString DatabaseWorker::withDatabase(const std::function<QString(Database &)> &read)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!m_db) {
            Result<std::unique_ptr<Database>> db = Database::open(
                m_spec, QStringLiteral("ui-worker-%1").arg(quintptr(QThread::currentThreadId())));
            if (!db) {
                return db.error().message;
            }
            m_db = std::move(db).value();
        }
        const QString error = read(*m_db);
        if (error.isEmpty()) {
            return {};
        }
        if (attempt == 0) {
            qCInfo(lcUi) << "read failed, reconnecting once:" << error;
            m_db.reset();
            continue;
        }
        return error;
    }
    return {};
}

void DatabaseWorker::fetchOrders(quint64 request, const OrderCursor &after, int limit, const QString &status)
{
    QList<OrderHeader> page;
    qint64 total = -1;
    const QString error = withDatabase([&](Database &db) {
        OrderRepository orders(db);
        Result<QList<OrderHeader>> rows = orders.page(after, limit, OrderFilter {status});
        if (!rows) {
            return rows.error().message;
        }
        page = *rows;
        if (after.isStart()) {
            Result<qint64> count = orders.count(OrderFilter {status});
            total = count ? *count : -1;
        }
        return QString();
    });
    if (!error.isEmpty()) {
        Q_EMIT failed(request, error);
        return;
    }
    Q_EMIT ordersFetched(request, page, total);
}

void DatabaseWorker::fetchStock(quint64 request, const QString &search)
{
    QList<StockLevelRow> levels;
    const QString error = withDatabase([&](Database &db) {
        Result<QList<StockLevelRow>> rows = StockRepository(db).search(search);
        levels = rows ? *rows : QList<StockLevelRow> {};
        return rows.error().message;
    });
    if (!error.isEmpty()) {
        Q_EMIT failed(request, error);
        return;
    }
    Q_EMIT stockFetched(request, levels);
}

void DatabaseWorker::fetchOrdersById(quint64 request, const QList<qint64> &ids)
{
    QList<OrderHeader> orders;
    const QString error = withDatabase([&](Database &db) {
        Result<QList<OrderHeader>> rows = OrderRepository(db).byIds(ids);
        orders = rows ? *rows : QList<OrderHeader> {};
        return rows.error().message;
    });
    if (!error.isEmpty()) {
        Q_EMIT failed(request, error);
        return;
    }
    Q_EMIT ordersRefreshed(request, orders);
}

void DatabaseWorker::fetchLevels(quint64 request, const QList<QPair<qint64, qint64>> &pairs)
{
    QList<StockLevelRow> levels;
    const QString error = withDatabase([&](Database &db) {
        Result<QList<StockLevelRow>> rows = StockRepository(db).levelsFor(pairs);
        levels = rows ? *rows : QList<StockLevelRow> {};
        return rows.error().message;
    });
    if (!error.isEmpty()) {
        Q_EMIT failed(request, error);
        return;
    }
    Q_EMIT levelsRefreshed(request, levels);
}

void DatabaseWorker::fetchDashboard(quint64 request, const QDate &from)
{
    DashboardData data;
    const QString error = withDatabase([&](Database &db) {
        ReportRepository reports(db);
        Result<QList<DailyDemand>> days = reports.dailyDemand(from);
        Result<QHash<QString, qint64>> statuses = reports.ordersByStatus();
        Result<StockSummary> stock = reports.stockSummary();
        for (const Error *problem : {&days.error(), &statuses.error(), &stock.error()}) {
            if (!problem->message.isEmpty()) {
                return problem->message;
            }
        }
        data.days = *days;
        data.ordersByStatus = *statuses;
        data.stock = *stock;
        return QString();
    });
    if (!error.isEmpty()) {
        Q_EMIT failed(request, error);
        return;
    }
    Q_EMIT dashboardFetched(request, data);
}

void DatabaseWorker::announcePresence(const PresenceRecord &presence)
{
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), presence.userName};
        return PresenceService(context).announce(presence).error().message;
    });
    if (!error.isEmpty()) {
        qCDebug(lcUi) << "presence not announced:" << error;
    }
}

void DatabaseWorker::leavePresence(const QString &desktopId, const QString &user)
{
    if (!m_db) {
        return;
    }
    ServiceContext context {*m_db, Clock(), user};
    if (const Status left = PresenceService(context).leave(desktopId); !left) {
        qCInfo(lcUi) << "presence not removed:" << left.error().message;
    }
}

void DatabaseWorker::fetchPresence(quint64 request)
{
    QList<PresenceRecord> records;
    const QString error = withDatabase([&](Database &db) {
        Result<QList<PresenceRecord>> rows = PresenceRepository(db).active();
        records = rows ? *rows : QList<PresenceRecord> {};
        return rows.error().message;
    });
    if (!error.isEmpty()) {
        Q_EMIT failed(request, error);
        return;
    }
    Q_EMIT presenceFetched(request, records);
}

void DatabaseWorker::cancelOrder(quint64 request, const QString &number, int version, const QString &user)
{
    Error problem;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), user};
        problem = OrderService(context).cancel(number, version).error();
        // Only a lost connection is worth a second attempt; a refusal is the answer.
        return problem.kind == Error::Kind::Database ? problem.message : QString();
    });
    const QString message = error.isEmpty() ? problem.message : error;
    Q_EMIT actionFinished(request, message.isEmpty(), problem.kind == Error::Kind::Stale,
                          message.isEmpty() ? tr("%1 cancelled.").arg(number) : message);
}

void DatabaseWorker::shipOrder(quint64 request, const QString &number, int version, const QString &user)
{
    Error problem;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), user};
        problem = OrderService(context).ship(number, {}, version).error();
        return problem.kind == Error::Kind::Database ? problem.message : QString();
    });
    const QString message = error.isEmpty() ? problem.message : error;
    Q_EMIT actionFinished(request, message.isEmpty(), problem.kind == Error::Kind::Stale,
                          message.isEmpty() ? tr("%1 shipped.").arg(number) : message);
}

} // namespace Stockroom
