// SPDX-License-Identifier: GPL-3.0-or-later
#include "ordermodel.h"

#include "databaseworker.h"
#include "labels.h"

namespace Stockroom {

OrderModel::OrderModel(DatabaseWorker *worker, QObject *parent)
    : QAbstractListModel(parent)
    , m_worker(worker)
{
    connect(worker, &DatabaseWorker::ordersFetched, this, &OrderModel::onFetched);
    connect(worker, &DatabaseWorker::failed, this, &OrderModel::onFailed);
}

int OrderModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_orders.size());
}

QVariant OrderModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const OrderHeader &order = m_orders.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NumberRole:
        return order.number;
    case IdRole:
        return order.id;
    case PlacedAtRole:
        return Labels::dateTime(order.placedAt);
    case CustomerRole:
        return order.customerName;
    case ChannelRole:
        return Labels::channel(order.channel);
    case ExternalIdRole:
        return order.externalId;
    case StatusRole:
        return order.status;
    case StatusTextRole:
        return Labels::orderStatus(order.status);
    case PaymentRole:
        return order.paymentStatus;
    case PaymentTextRole:
        return Labels::paymentStatus(order.paymentStatus);
    case LinesRole:
        return order.lineCount;
    case UnitsRole:
        return order.units;
    case TotalRole:
        return Labels::money(order.totalCents);
    case ExplanationRole:
        return order.routingExplanation;
    }
    return {};
}

QHash<int, QByteArray> OrderModel::roleNames() const
{
    return {
        {IdRole, "orderId"},        {NumberRole, "number"},
        {PlacedAtRole, "placedAt"}, {CustomerRole, "customer"},
        {ChannelRole, "channel"},   {ExternalIdRole, "externalId"},
        {StatusRole, "status"},     {StatusTextRole, "statusText"},
        {PaymentRole, "payment"},   {PaymentTextRole, "paymentText"},
        {LinesRole, "lines"},       {UnitsRole, "units"},
        {TotalRole, "total"},       {ExplanationRole, "explanation"},
    };
}

bool OrderModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && m_pending == 0 && !m_orders.isEmpty();
}

void OrderModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    request(OrderCursor {m_orders.last().placedAt, m_orders.last().id});
}

void OrderModel::setStatusFilter(const QString &status)
{
    if (status == m_statusFilter) {
        return;
    }
    m_statusFilter = status;
    Q_EMIT statusFilterChanged();
    reload();
}

void OrderModel::reload()
{
    beginResetModel();
    m_orders.clear();
    m_atEnd = false;
    endResetModel();
    request(OrderCursor {});
}

QVariantMap OrderModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= m_orders.size()) {
        return map;
    }
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        map.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    }
    return map;
}

void OrderModel::request(const OrderCursor &after)
{
    const bool wasLoading = loading();
    m_pending = DatabaseWorker::newRequestId();
    if (!wasLoading) {
        Q_EMIT loadingChanged();
    }
    const quint64 id = m_pending;
    const QString status = m_statusFilter;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, id, after, status] { worker->fetchOrders(id, after, PageSize, status); });
}

void OrderModel::onFetched(quint64 request, const QList<OrderHeader> &orders, qint64 total)
{
    if (request != m_pending) {
        return; // an answer to a request that a reload has replaced
    }
    const bool first = m_orders.isEmpty();
    // Still "pending" while rows go in: a view reacting to the insertion must not ask for the next page
    // from a cursor that is about to move.
    m_atEnd = orders.size() < PageSize;
    if (!orders.isEmpty()) {
        beginInsertRows({}, int(m_orders.size()), int(m_orders.size() + orders.size() - 1));
        m_orders.append(orders);
        endInsertRows();
    }
    m_pending = 0;
    if (total >= 0 && total != m_totalCount) {
        m_totalCount = total;
        Q_EMIT totalCountChanged();
    }
    if (!m_errorText.isEmpty()) {
        m_errorText.clear();
        Q_EMIT errorTextChanged();
    }
    Q_EMIT loadingChanged();
    if (first) {
        Q_EMIT loaded();
    }
}

void OrderModel::onFailed(quint64 request, const QString &message)
{
    if (request != m_pending) {
        return;
    }
    m_pending = 0;
    m_errorText = message;
    Q_EMIT errorTextChanged();
    Q_EMIT loadingChanged();
    Q_EMIT loaded();
}

} // namespace Stockroom
