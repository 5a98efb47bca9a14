// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboardmodel.h"

#include "databaseworker.h"
#include "labels.h"
#include "orderstatus.h"

#include <QDateTime>

namespace Stockroom {

DashboardModel::DashboardModel(DatabaseWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
{
    connect(worker, &DatabaseWorker::dashboardFetched, this, &DashboardModel::onFetched);
    connect(worker, &DatabaseWorker::dashboardInsightsFetched, this, &DashboardModel::onInsightsFetched);
    connect(worker, &DatabaseWorker::failed, this, [this](quint64 request, const QString &message) {
        if (request != 0 && request == m_pending) {
            m_pending = 0;
            finishRequest();
        } else if (request != 0 && request == m_insightsPending) {
            m_insightsPending = 0;
            m_insightsError = message;
            Q_EMIT insightsChanged();
            finishRequest();
        }
    });
}

void DashboardModel::setActive(bool active)
{
    if (active == m_active) {
        return;
    }
    m_active = active;
    Q_EMIT activeChanged();
    if (m_active && m_insightsStale) {
        reloadInsights();
    }
}

void DashboardModel::setDays(int days)
{
    if (days == m_days || days < 7 || days > 3650) {
        return;
    }
    m_days = days;
    Q_EMIT daysChanged();
    reload();
}

void DashboardModel::reload()
{
    const bool wasLoading = loading();
    m_pending = DatabaseWorker::newRequestId();
    if (!wasLoading) {
        Q_EMIT loadingChanged();
    }
    const quint64 id = m_pending;
    const QDate from = QDate::currentDate().addDays(-(m_days - 1));
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, id, from] { worker->fetchDashboard(id, from); });
    if (m_active) {
        reloadInsights();
    } else {
        m_insightsStale = true; // read when the Dashboard is shown: nobody looks at them meanwhile
    }
}

void DashboardModel::reloadInsights()
{
    const bool wasLoading = loading();
    m_insightsStale = false;
    m_insightsPending = DatabaseWorker::newRequestId();
    if (!wasLoading) {
        Q_EMIT loadingChanged();
    }
    const quint64 id = m_insightsPending;
    // Sales days are UTC days, as the stored times are.
    const QDate today = QDateTime::currentDateTimeUtc().date();
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, id, today] { worker->fetchDashboardInsights(id, today); });
}

void DashboardModel::finishRequest()
{
    Q_EMIT loadingChanged();
    if (!loading()) {
        Q_EMIT loaded();
    }
}

void DashboardModel::onInsightsFetched(quint64 request, const QVariantMap &insights)
{
    if (request != m_insightsPending) {
        return;
    }
    m_insightsPending = 0;
    m_insights = insights;
    m_insightsLoaded = true;
    m_insightsError.clear();
    Q_EMIT insightsChanged();
    Q_EMIT changed(); // the stock value is now the moving-average one
    finishRequest();
}

void DashboardModel::onFetched(quint64 request, const DashboardData &data)
{
    if (request != m_pending) {
        return;
    }
    m_pending = 0;
    m_openOrders = 0;
    for (auto it = data.ordersByStatus.cbegin(); it != data.ordersByStatus.cend(); ++it) {
        const std::optional<OrderStatus> status = orderStatusFromString(it.key());
        if (status && isOpen(*status)) {
            m_openOrders += it.value();
        }
    }
    m_backorderedOrders = data.ordersByStatus.value(QStringLiteral("backordered"));
    m_shippedOrders = data.ordersByStatus.value(QStringLiteral("shipped"))
        + data.ordersByStatus.value(QStringLiteral("delivered"));
    m_unitsOnHand = data.stock.onHand;
    m_unitsAvailable = data.stock.onHand - data.stock.reserved;
    m_stockValue = Labels::money(data.stock.valueCents);
    m_levelsOut = data.stock.productsOut;

    QHash<QDate, DailyDemand> byDay;
    for (const DailyDemand &day : data.days) {
        byDay.insert(day.day, day);
    }
    m_dailyDemand.clear();
    const QDate first = QDate::currentDate().addDays(-(m_days - 1));
    for (QDate day = first; day <= QDate::currentDate(); day = day.addDays(1)) {
        const DailyDemand demand = byDay.value(day);
        m_dailyDemand.append(QVariantMap {{QStringLiteral("date"), QDateTime(day, QTime(12, 0))},
                                          {QStringLiteral("orders"), demand.orders},
                                          {QStringLiteral("units"), demand.units}});
    }
    Q_EMIT changed();
    finishRequest();
}

} // namespace Stockroom
