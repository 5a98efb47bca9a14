// SPDX-License-Identifier: GPL-3.0-or-later
#include "inventorymodel.h"

#include "databaseworker.h"

#include <QTimer>

namespace Stockroom {

InventoryModel::InventoryModel(DatabaseWorker *worker, QObject *parent)
    : QAbstractListModel(parent)
    , m_worker(worker)
{
    connect(worker, &DatabaseWorker::stockFetched, this, &InventoryModel::onFetched);
    connect(worker, &DatabaseWorker::failed, this, &InventoryModel::onFailed);
    connect(worker, &DatabaseWorker::levelsRefreshed, this, &InventoryModel::onRefreshed);
}

int InventoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_levels.size());
}

QVariant InventoryModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const StockLevelRow &level = m_levels.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case SkuRole:
        return level.sku;
    case ProductNameRole:
        return level.productName;
    case LocationRole:
        return level.locationCode;
    case LocationNameRole:
        return level.locationName;
    case OnHandRole:
        return level.onHand;
    case ReservedRole:
        return level.reserved;
    case AvailableRole:
        return level.available();
    case LevelRole:
        if (level.available() <= 0) {
            return QStringLiteral("out");
        }
        return level.available() * 5 < level.onHand ? QStringLiteral("low") : QStringLiteral("ok");
    case FlashRole:
        return m_flashing.contains({level.productId, level.locationId});
    }
    return {};
}

QHash<int, QByteArray> InventoryModel::roleNames() const
{
    return {
        {SkuRole, "sku"},
        {ProductNameRole, "productName"},
        {LocationRole, "location"},
        {LocationNameRole, "locationName"},
        {OnHandRole, "onHand"},
        {ReservedRole, "reserved"},
        {AvailableRole, "available"},
        {LevelRole, "level"},
        {FlashRole, "flash"},
    };
}

void InventoryModel::setSearch(const QString &search)
{
    if (search == m_search) {
        return;
    }
    m_search = search;
    Q_EMIT searchChanged();
    reload();
}

int InventoryModel::totalOnHand() const
{
    int total = 0;
    for (const StockLevelRow &level : m_levels) {
        total += level.onHand;
    }
    return total;
}

int InventoryModel::totalAvailable() const
{
    int total = 0;
    for (const StockLevelRow &level : m_levels) {
        total += level.available();
    }
    return total;
}

void InventoryModel::reload()
{
    const bool wasLoading = loading();
    m_pending = DatabaseWorker::newRequestId();
    if (!wasLoading) {
        Q_EMIT loadingChanged();
    }
    const quint64 id = m_pending;
    const QString search = m_search;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, id, search] { worker->fetchStock(id, search); });
}

void InventoryModel::applyChanges(const QList<QPair<qint64, qint64>> &levels)
{
    if (levels.isEmpty()) {
        return;
    }
    const quint64 id = DatabaseWorker::newRequestId();
    m_refreshRequests.insert(id);
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, id, levels] { worker->fetchLevels(id, levels); });
}

int InventoryModel::rowOf(qint64 productId, qint64 locationId) const
{
    for (qsizetype row = 0; row < m_levels.size(); ++row) {
        if (m_levels.at(row).productId == productId && m_levels.at(row).locationId == locationId) {
            return int(row);
        }
    }
    return -1;
}

bool InventoryModel::matchesSearch(const StockLevelRow &level) const
{
    const QString text = m_search.trimmed();
    return text.isEmpty() || level.sku.contains(text, Qt::CaseInsensitive)
        || level.productName.contains(text, Qt::CaseInsensitive)
        || level.locationCode.contains(text, Qt::CaseInsensitive);
}

void InventoryModel::onRefreshed(quint64 request, const QList<StockLevelRow> &levels)
{
    if (!m_refreshRequests.remove(request)) {
        return;
    }
    for (const StockLevelRow &level : levels) {
        const int row = rowOf(level.productId, level.locationId);
        if (row >= 0) {
            m_levels[row] = level;
        } else if (matchesSearch(level)) {
            // A first receipt at a location: after the other locations of the same SKU.
            const auto position = std::upper_bound(
                m_levels.cbegin(), m_levels.cend(), level,
                [](const StockLevelRow &a, const StockLevelRow &b) { return a.sku < b.sku; });
            const int at = int(position - m_levels.cbegin());
            beginInsertRows({}, at, at);
            m_levels.insert(at, level);
            endInsertRows();
        } else {
            continue;
        }
        flash(level.productId, level.locationId);
    }
    Q_EMIT countsChanged();
}

void InventoryModel::flash(qint64 productId, qint64 locationId)
{
    const QPair<qint64, qint64> key {productId, locationId};
    m_flashing.insert(key);
    if (const int row = rowOf(productId, locationId); row >= 0) {
        Q_EMIT dataChanged(index(row), index(row));
    }
    QTimer::singleShot(FlashMilliseconds, this, [this, key] {
        m_flashing.remove(key);
        if (const int row = rowOf(key.first, key.second); row >= 0) {
            Q_EMIT dataChanged(index(row), index(row), {FlashRole});
        }
    });
}

void InventoryModel::onFetched(quint64 request, const QList<StockLevelRow> &levels)
{
    if (request != m_pending) {
        return;
    }
    m_pending = 0;
    // A new search result replaces the list wholesale.
    beginResetModel();
    m_levels = levels;
    endResetModel();
    if (!m_errorText.isEmpty()) {
        m_errorText.clear();
        Q_EMIT errorTextChanged();
    }
    Q_EMIT countsChanged();
    Q_EMIT loadingChanged();
    Q_EMIT loaded();
}

void InventoryModel::onFailed(quint64 request, const QString &message)
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
