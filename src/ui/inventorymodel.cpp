// SPDX-License-Identifier: GPL-3.0-or-later
#include "inventorymodel.h"

#include "databaseworker.h"

namespace Stockroom {

InventoryModel::InventoryModel(DatabaseWorker *worker, QObject *parent)
    : QAbstractListModel(parent)
    , m_worker(worker)
{
    connect(worker, &DatabaseWorker::stockFetched, this, &InventoryModel::onFetched);
    connect(worker, &DatabaseWorker::failed, this, &InventoryModel::onFailed);
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
