// SPDX-License-Identifier: GPL-3.0-or-later
#include "ordermodel.h"

#include "clock.h"
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
    connect(worker, &DatabaseWorker::ordersCounted, this, &OrderModel::onCounted);
    connect(worker, &DatabaseWorker::failed, this, &OrderModel::onFailed);
    connect(worker, &DatabaseWorker::ordersRefreshed, this, &OrderModel::onRefreshed);
    // Typing in the search field reloads once the clerk pauses, not on every key.
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(150);
    connect(m_reloadTimer, &QTimer::timeout, this, &OrderModel::reload);
    // An order that changed outside the loaded rows may be new or may have been there all along: the
    // count is asked again, once per burst of changes.
    m_recountTimer = new QTimer(this);
    m_recountTimer->setSingleShot(true);
    m_recountTimer->setInterval(300);
    connect(m_recountTimer, &QTimer::timeout, this, [this] {
        const quint64 id = DatabaseWorker::newRequestId();
        m_countRequest = id;
        const OrderFilter filter = m_filter;
        DatabaseWorker *worker = m_worker;
        QMetaObject::invokeMethod(worker, [worker, id, filter] { worker->countOrders(id, filter); });
    });
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
    case SelectedRole:
        return m_selected.contains(order.id);
    case HoldReasonRole:
        return order.holdReason;
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
        {SelectedRole, "selected"},   {HoldReasonRole, "holdReason"},
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
    request(OrderCursor {OrderRepository::sortValue(m_orders.last(), m_filter.sort), m_orders.last().id});
}

void OrderModel::filterEdited()
{
    Q_EMIT filterChanged();
    m_reloadTimer->start();
}

void OrderModel::setStatusFilter(const QString &status)
{
    if (status != m_filter.status) {
        m_filter.status = status;
        filterEdited();
    }
}

void OrderModel::setPaymentFilter(const QString &payment)
{
    if (payment != m_filter.paymentStatus) {
        m_filter.paymentStatus = payment;
        filterEdited();
    }
}

void OrderModel::setChannelFilter(const QString &channel)
{
    if (channel != m_filter.channel) {
        m_filter.channel = channel;
        filterEdited();
    }
}

void OrderModel::setLocationFilter(int locationId)
{
    if (locationId != m_filter.locationId) {
        m_filter.locationId = locationId;
        filterEdited();
    }
}

namespace {

/** The stored time at the start of a local day typed as yyyy-MM-dd; empty when it is not a date. */
QString dayStart(const QString &text, int plusDays)
{
    const QDate date = QDate::fromString(text.trimmed(), Qt::ISODate);
    return date.isValid() ? toStoredTime(QDateTime(date.addDays(plusDays), QTime(0, 0)).toUTC()) : QString();
}

} // namespace

void OrderModel::setFromDate(const QString &date)
{
    if (date != m_fromDate) {
        m_fromDate = date;
        m_filter.placedFrom = dayStart(date, 0);
        filterEdited();
    }
}

void OrderModel::setToDate(const QString &date)
{
    if (date != m_toDate) {
        m_toDate = date;
        m_filter.placedBefore = dayStart(date, 1);
        filterEdited();
    }
}

void OrderModel::setSearchText(const QString &text)
{
    if (text != m_filter.search) {
        m_filter.search = text;
        filterEdited();
    }
}

QString OrderModel::sortKey() const
{
    switch (m_filter.sort) {
    case OrderSort::TotalDesc:
    case OrderSort::TotalAsc:
        return QStringLiteral("total");
    case OrderSort::NumberDesc:
    case OrderSort::NumberAsc:
        return QStringLiteral("number");
    default:
        return QStringLiteral("placed");
    }
}

bool OrderModel::sortDescending() const
{
    return OrderRepository::isDescending(m_filter.sort);
}

void OrderModel::setSortKey(const QString &key)
{
    const bool down = sortDescending();
    OrderSort sort = down ? OrderSort::PlacedDesc : OrderSort::PlacedAsc;
    if (key == QLatin1String("total")) {
        sort = down ? OrderSort::TotalDesc : OrderSort::TotalAsc;
    } else if (key == QLatin1String("number")) {
        sort = down ? OrderSort::NumberDesc : OrderSort::NumberAsc;
    }
    if (sort != m_filter.sort) {
        m_filter.sort = sort;
        filterEdited();
    }
}

void OrderModel::setSortDescending(bool descending)
{
    if (descending == sortDescending()) {
        return;
    }
    static const QHash<OrderSort, OrderSort> flipped {
        {OrderSort::PlacedDesc, OrderSort::PlacedAsc}, {OrderSort::PlacedAsc, OrderSort::PlacedDesc},
        {OrderSort::TotalDesc, OrderSort::TotalAsc},   {OrderSort::TotalAsc, OrderSort::TotalDesc},
        {OrderSort::NumberDesc, OrderSort::NumberAsc}, {OrderSort::NumberAsc, OrderSort::NumberDesc},
    };
    m_filter.sort = flipped.value(m_filter.sort);
    filterEdited();
}

void OrderModel::sortBy(const QString &key)
{
    if (key == sortKey()) {
        setSortDescending(!sortDescending());
    } else {
        setSortKey(key);
    }
}

void OrderModel::toggleSelected(int row)
{
    if (row < 0 || row >= m_orders.size()) {
        return;
    }
    const qint64 id = m_orders.at(row).id;
    if (!m_selected.remove(id)) {
        m_selected.insert(id);
    }
    Q_EMIT dataChanged(index(row), index(row), {SelectedRole});
    Q_EMIT selectionChanged();
}

void OrderModel::selectRange(int from, int to)
{
    if (m_orders.isEmpty()) {
        return;
    }
    const int first = std::clamp(std::min(from, to), 0, int(m_orders.size()) - 1);
    const int last = std::clamp(std::max(from, to), 0, int(m_orders.size()) - 1);
    for (int row = first; row <= last; ++row) {
        m_selected.insert(m_orders.at(row).id);
    }
    Q_EMIT dataChanged(index(first), index(last), {SelectedRole});
    Q_EMIT selectionChanged();
}

void OrderModel::selectAllLoaded()
{
    selectRange(0, int(m_orders.size()) - 1);
}

void OrderModel::clearSelection()
{
    if (m_selected.isEmpty()) {
        return;
    }
    m_selected.clear();
    if (!m_orders.isEmpty()) {
        Q_EMIT dataChanged(index(0), index(int(m_orders.size()) - 1), {SelectedRole});
    }
    Q_EMIT selectionChanged();
}

QStringList OrderModel::selectedNumbers(int currentRow) const
{
    QStringList numbers;
    if (m_selected.isEmpty()) {
        if (currentRow >= 0 && currentRow < m_orders.size()) {
            numbers << m_orders.at(currentRow).number;
        }
        return numbers;
    }
    QList<qint64> ids(m_selected.cbegin(), m_selected.cend());
    std::sort(ids.begin(), ids.end());
    for (qint64 id : std::as_const(ids)) {
        numbers << orderNumber(id);
    }
    return numbers;
}

void OrderModel::reload()
{
    m_reloadTimer->stop();
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
    const OrderFilter filter = m_filter;
    QMetaObject::invokeMethod(
        worker, [worker, id, orderIds, filter] { worker->fetchOrdersById(id, orderIds, filter); });
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

bool OrderModel::before(const OrderHeader &a, const OrderHeader &b) const
{
    const QVariant ka = OrderRepository::sortValue(a, m_filter.sort);
    const QVariant kb = OrderRepository::sortValue(b, m_filter.sort);
    const bool down = sortDescending();
    if (ka != kb) {
        const bool less = ka.typeId() == QMetaType::QString ? ka.toString() < kb.toString()
                                                            : ka.toLongLong() < kb.toLongLong();
        return down ? !less : less;
    }
    return down ? a.id > b.id : a.id < b.id;
}

void OrderModel::onRefreshed(quint64 request, const QList<OrderHeader> &orders, const QList<qint64> &asked)
{
    if (!m_refreshRequests.remove(request)) {
        return;
    }
    qint64 totalDelta = 0;
    QSet<qint64> stillIn;
    for (const OrderHeader &order : orders) {
        stillIn.insert(order.id);
        const int row = rowOf(order.id);
        if (row >= 0) {
            m_orders[row] = order;
            flash(order.id);
            continue;
        }
        const auto position
            = std::lower_bound(m_orders.cbegin(), m_orders.cend(), order,
                               [this](const OrderHeader &a, const OrderHeader &b) { return before(a, b); });
        const int at = int(position - m_orders.cbegin());
        // Below the loaded range it arrives with paging; only a loaded neighbourhood takes it now.
        if (at < m_orders.size() || m_atEnd) {
            beginInsertRows({}, at, at);
            m_orders.insert(at, order);
            endInsertRows();
            flash(order.id);
        }
        m_recountTimer->start();
    }
    // What the database no longer returns under this filter has left the view (shipped, paid, …).
    for (qint64 id : asked) {
        if (stillIn.contains(id)) {
            continue;
        }
        const int row = rowOf(id);
        if (row >= 0) {
            beginRemoveRows({}, row, row);
            m_orders.removeAt(row);
            endRemoveRows();
            --totalDelta;
        }
    }
    if (totalDelta != 0) {
        m_totalCount = std::max<qint64>(0, m_totalCount + totalDelta);
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
    if (after.isStart()) {
        m_countRequest = id;
        m_worker->noteLatestOrderRequest(this, id);
    }
    const OrderFilter filter = m_filter;
    DatabaseWorker *worker = m_worker;
    const void *owner = this;
    QMetaObject::invokeMethod(worker, [worker, id, after, filter, owner] {
        worker->fetchOrders(id, after, PageSize, filter, owner);
    });
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

bool OrderModel::totalCountCapped() const
{
    return m_totalCount >= DatabaseWorker::OrderCountCap;
}

void OrderModel::onCounted(quint64 request, qint64 total)
{
    if (request != m_countRequest || total < 0) {
        return;
    }
    if (total != m_totalCount) {
        m_totalCount = total;
        Q_EMIT totalCountChanged();
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
