// SPDX-License-Identifier: GPL-3.0-or-later
#include "ordermodel.h"

#include "databaseworker.h"
#include "labels.h"
#include "orderstatus.h"
#include "presencetracker.h"

#include <QTimer>

namespace Stockroom {

OrderModel::OrderModel(DatabaseWorker *worker, QObject *parent)
    : QAbstractListModel(parent)
    , m_worker(worker)
{
    connect(worker, &DatabaseWorker::ordersFetched, this, &OrderModel::onFetched);
    connect(worker, &DatabaseWorker::failed, this, &OrderModel::onFailed);
    connect(worker, &DatabaseWorker::ordersRefreshed, this, &OrderModel::onRefreshed);
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
    case FlashRole:
        return m_flashing.contains(order.id);
    case VersionRole:
        return order.version;
    case UpdatedByRole:
        return order.updatedBy;
    case CanShipRole: {
        const std::optional<OrderStatus> status = orderStatusFromString(order.status);
        return status && canShip(*status);
    }
    case PresenceRole:
        return m_presence ? m_presence->othersOn(QStringLiteral("order"), QString::number(order.id))
                          : QString();
    case CanCancelRole: {
        const std::optional<OrderStatus> status = orderStatusFromString(order.status);
        return status && isOpen(*status);
    }
    }
    return {};
}

QHash<int, QByteArray> OrderModel::roleNames() const
{
    return {
        {IdRole, "orderId"},          {NumberRole, "number"},
        {PlacedAtRole, "placedAt"},   {CustomerRole, "customer"},
        {ChannelRole, "channel"},     {ExternalIdRole, "externalId"},
        {StatusRole, "status"},       {StatusTextRole, "statusText"},
        {PaymentRole, "payment"},     {PaymentTextRole, "paymentText"},
        {LinesRole, "lines"},         {UnitsRole, "units"},
        {TotalRole, "total"},         {ExplanationRole, "explanation"},
        {FlashRole, "flash"},         {VersionRole, "version"},
        {UpdatedByRole, "updatedBy"}, {CanShipRole, "canShip"},
        {CanCancelRole, "canCancel"}, {PresenceRole, "presence"},
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
    request(OrderCursor {QVariant(m_orders.last().placedAt), m_orders.last().id});
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

void OrderModel::applyChanges(const QList<qint64> &orderIds)
{
    if (orderIds.isEmpty()) {
        return;
    }
    const quint64 id = DatabaseWorker::newRequestId();
    m_refreshRequests.insert(id);
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, id, orderIds] { worker->fetchOrdersById(id, orderIds); });
}

void OrderModel::setPresenceTracker(PresenceTracker *presence)
{
    m_presence = presence;
    connect(presence, &PresenceTracker::changed, this, [this] {
        if (!m_orders.isEmpty()) {
            Q_EMIT dataChanged(index(0), index(int(m_orders.size()) - 1), {PresenceRole});
        }
    });
}

int OrderModel::rowOf(qint64 orderId) const
{
    for (qsizetype row = 0; row < m_orders.size(); ++row) {
        if (m_orders.at(row).id == orderId) {
            return int(row);
        }
    }
    return -1;
}

bool OrderModel::matchesFilter(const OrderHeader &order) const
{
    return m_statusFilter.isEmpty() || order.status == m_statusFilter;
}

void OrderModel::onRefreshed(quint64 request, const QList<OrderHeader> &orders)
{
    if (!m_refreshRequests.remove(request)) {
        return;
    }
    // Newest first: the position of an order among the loaded rows by (placed_at, id) descending.
    auto after = [](const OrderHeader &a, const OrderHeader &b) {
        return a.placedAt != b.placedAt ? a.placedAt > b.placedAt : a.id > b.id;
    };
    qint64 totalDelta = 0;
    for (const OrderHeader &order : orders) {
        const int row = rowOf(order.id);
        const bool wanted = matchesFilter(order);
        if (row >= 0 && wanted) {
            m_orders[row] = order;
            flash(order.id);
        } else if (row >= 0) {
            beginRemoveRows({}, row, row);
            m_orders.removeAt(row);
            endRemoveRows();
            --totalDelta;
        } else if (wanted) {
            const auto position = std::lower_bound(m_orders.cbegin(), m_orders.cend(), order, after);
            const int at = int(position - m_orders.cbegin());
            // Below the loaded range it arrives with paging; only a loaded neighbourhood takes it now.
            if (at < m_orders.size() || m_atEnd) {
                beginInsertRows({}, at, at);
                m_orders.insert(at, order);
                endInsertRows();
                flash(order.id);
            }
            ++totalDelta;
        }
    }
    if (totalDelta != 0) {
        m_totalCount += totalDelta;
        Q_EMIT totalCountChanged();
    }
}

void OrderModel::flash(qint64 orderId)
{
    m_flashing.insert(orderId);
    const int row = rowOf(orderId);
    if (row >= 0) {
        const QModelIndex changed = index(row);
        Q_EMIT dataChanged(changed, changed);
    }
    QTimer::singleShot(FlashMilliseconds, this, [this, orderId] {
        m_flashing.remove(orderId);
        const int current = rowOf(orderId);
        if (current >= 0) {
            const QModelIndex changed = index(current);
            Q_EMIT dataChanged(changed, changed, {FlashRole});
        }
    });
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
