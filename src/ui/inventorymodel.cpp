// SPDX-License-Identifier: GPL-3.0-or-later
#include "inventorymodel.h"

#include "databaseworker.h"
#include "labels.h"

#include <QTimer>

namespace Stockroom {

namespace {

const QStringList sortKeys {QStringLiteral("sku"), QStringLiteral("location"), QStringLiteral("available"),
                            QStringLiteral("value")};

qint64 valueOf(const StockLevelRow &level)
{
    return qint64(level.onHand) * level.averageCostCents;
}

/**
 * What a search can look for: no stored text holds a NUL or a lone surrogate (the database refuses both), so
 * they can be part of no match; sent as typed, the database would refuse the search itself.
 */
QString searchable(const QString &text)
{
    QString kept;
    kept.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            kept += c;
            kept += text.at(++i);
        } else if (!c.isNull() && !c.isSurrogate()) {
            kept += c;
        }
    }
    return kept;
}

} // namespace

InventoryModel::InventoryModel(DatabaseWorker *worker, QObject *parent)
    : QAbstractListModel(parent)
    , m_worker(worker)
{
    qRegisterMetaType<Stockroom::StockGridFilter>();
    m_filter.limit = RowLimit;
    connect(worker, &DatabaseWorker::stockFetched, this, &InventoryModel::onFetched);
    connect(worker, &DatabaseWorker::failed, this, &InventoryModel::onFailed);
    connect(worker, &DatabaseWorker::levelsRefreshed, this, &InventoryModel::onRefreshed);
}

int InventoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_levels.size());
}

QString InventoryModel::levelOf(const StockLevelRow &level)
{
    if (level.available() <= 0) {
        return QStringLiteral("out");
    }
    return level.reorderPoint > 0 && level.projected() < level.reorderPoint ? QStringLiteral("low")
                                                                            : QStringLiteral("ok");
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
        return levelOf(level);
    case LevelTextRole: {
        const QString state = levelOf(level);
        if (state == QLatin1String("out")) {
            return tr("Out of stock", "@label stock level");
        }
        return state == QLatin1String("low") ? tr("Reorder", "@label stock level: below the reorder point")
                                             : tr("In stock", "@label stock level");
    }
    case FlashRole:
        return m_flashing.contains({level.productId, level.locationId});
    case ProductIdRole:
        return level.productId;
    case LocationIdRole:
        return level.locationId;
    case BinRole:
        return level.binCode;
    case InTransitRole:
        return level.inTransit;
    case OnOrderRole:
        return level.onOrder;
    case ProjectedRole:
        return level.projected();
    case ReorderPointRole:
        return level.reorderPoint;
    case ReorderQtyRole:
        return level.reorderQty;
    case ValueCentsRole:
        return valueOf(level);
    case ValueRole:
        return Labels::money(valueOf(level));
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
        {LevelTextRole, "levelText"},
        {FlashRole, "flash"},
        {ProductIdRole, "productId"},
        {LocationIdRole, "locationId"},
        {BinRole, "bin"},
        {InTransitRole, "inTransit"},
        {OnOrderRole, "onOrder"},
        {ProjectedRole, "projected"},
        {ReorderPointRole, "reorderPoint"},
        {ReorderQtyRole, "reorderQty"},
        {ValueCentsRole, "valueCents"},
        {ValueRole, "value"},
    };
}

QVariantMap InventoryModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= rowCount()) {
        return map;
    }
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        map.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    }
    return map;
}

void InventoryModel::setSearch(const QString &search)
{
    if (search == m_filter.search) {
        return;
    }
    m_filter.search = search;
    Q_EMIT searchChanged();
    reload();
}

void InventoryModel::setLocationFilter(int locationId)
{
    if (locationId != m_filter.locationId) {
        m_filter.locationId = locationId;
        Q_EMIT filterChanged();
        reload();
    }
}

void InventoryModel::setBelowReorderOnly(bool only)
{
    if (only != m_filter.belowReorderOnly) {
        m_filter.belowReorderOnly = only;
        Q_EMIT filterChanged();
        reload();
    }
}

void InventoryModel::setOutOfStockOnly(bool only)
{
    if (only != m_filter.outOfStockOnly) {
        m_filter.outOfStockOnly = only;
        Q_EMIT filterChanged();
        reload();
    }
}

void InventoryModel::setSortKey(const QString &key)
{
    if (key != m_filter.sort && sortKeys.contains(key)) {
        m_filter.sort = key;
        Q_EMIT filterChanged();
        reload();
    }
}

void InventoryModel::setSortDescending(bool descending)
{
    if (descending != m_filter.descending) {
        m_filter.descending = descending;
        Q_EMIT filterChanged();
        reload();
    }
}

void InventoryModel::sortBy(const QString &key)
{
    if (!sortKeys.contains(key)) {
        return;
    }
    if (key == m_filter.sort) {
        m_filter.descending = !m_filter.descending;
    } else {
        m_filter.sort = key;
        // Quantities and value: the biggest first is what one looks for; codes read A to Z.
        m_filter.descending = key == QLatin1String("value");
    }
    Q_EMIT filterChanged();
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

int InventoryModel::outOfStockCount() const
{
    return int(std::count_if(m_levels.cbegin(), m_levels.cend(), [](const StockLevelRow &level) {
        return levelOf(level) == QLatin1String("out");
    }));
}

int InventoryModel::belowReorderCount() const
{
    return int(std::count_if(m_levels.cbegin(), m_levels.cend(), [](const StockLevelRow &level) {
        return level.reorderPoint > 0 && level.projected() < level.reorderPoint;
    }));
}

QString InventoryModel::totalValue() const
{
    qint64 total = 0;
    for (const StockLevelRow &level : m_levels) {
        total += valueOf(level);
    }
    return Labels::money(total);
}

void InventoryModel::reload()
{
    const bool wasLoading = loading();
    m_pending = DatabaseWorker::newRequestId();
    if (!wasLoading) {
        Q_EMIT loadingChanged();
    }
    const quint64 id = m_pending;
    StockGridFilter filter = m_filter;
    filter.search = searchable(filter.search);
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, id, filter] { worker->fetchGrid(id, filter); });
}

void InventoryModel::refetch(const QList<QPair<qint64, qint64>> &pairs)
{
    if (pairs.isEmpty()) {
        return;
    }
    const quint64 id = DatabaseWorker::newRequestId();
    m_refreshRequests.insert(id);
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, id, pairs] { worker->fetchGridLevels(id, pairs); });
}

void InventoryModel::applyChanges(const QList<QPair<qint64, qint64>> &levels)
{
    refetch(levels);
}

void InventoryModel::applyEntityChanges(const QString &entity, const QStringList &ids)
{
    const bool product = entity == QLatin1String("product");
    if (!product && entity != QLatin1String("location")) {
        return;
    }
    QSet<qint64> changed;
    for (const QString &id : ids) {
        changed.insert(id.toLongLong());
    }
    // Only the rows on screen: a new product has no stock anywhere yet.
    QList<QPair<qint64, qint64>> pairs;
    for (const StockLevelRow &level : std::as_const(m_levels)) {
        if (changed.contains(product ? level.productId : level.locationId)) {
            pairs.append({level.productId, level.locationId});
        }
    }
    refetch(pairs);
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

bool InventoryModel::matchesFilter(const StockLevelRow &level) const
{
    const QString text = m_filter.search.trimmed();
    if (!text.isEmpty() && !level.sku.contains(text, Qt::CaseInsensitive)
        && !level.productName.contains(text, Qt::CaseInsensitive)
        && !level.locationCode.contains(text, Qt::CaseInsensitive)) {
        return false;
    }
    if (m_filter.locationId > 0 && level.locationId != m_filter.locationId) {
        return false;
    }
    if (m_filter.outOfStockOnly && level.available() > 0) {
        return false;
    }
    return !m_filter.belowReorderOnly || (level.reorderPoint > 0 && level.projected() < level.reorderPoint);
}

bool InventoryModel::sortsBefore(const StockLevelRow &a, const StockLevelRow &b) const
{
    // The SQL order of StockRepository::grid, as near as the row's values tell (no location priority here).
    auto byKey = [this](const StockLevelRow &x, const StockLevelRow &y) {
        if (m_filter.sort == QLatin1String("location")) {
            return x.locationCode < y.locationCode;
        }
        if (m_filter.sort == QLatin1String("available")) {
            return x.available() < y.available();
        }
        if (m_filter.sort == QLatin1String("value")) {
            return valueOf(x) < valueOf(y);
        }
        return x.sku < y.sku;
    };
    if (byKey(a, b)) {
        return !m_filter.descending;
    }
    if (byKey(b, a)) {
        return m_filter.descending;
    }
    return std::tie(a.sku, a.locationCode) < std::tie(b.sku, b.locationCode);
}

void InventoryModel::onRefreshed(quint64 request, const QList<StockLevelRow> &levels)
{
    if (!m_refreshRequests.remove(request)) {
        return;
    }
    for (const StockLevelRow &level : levels) {
        const int row = rowOf(level.productId, level.locationId);
        if (row >= 0) {
            // In place, even when it no longer matches a filter: rows do not vanish under the clerk's eyes.
            m_levels[row] = level;
        } else if (matchesFilter(level) && m_levels.size() < RowLimit) {
            // A first receipt at a location, or units now on their way there: where the sort puts it.
            const auto position = std::upper_bound(
                m_levels.cbegin(), m_levels.cend(), level,
                [this](const StockLevelRow &a, const StockLevelRow &b) { return sortsBefore(a, b); });
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
    // A new search, filter or sort replaces the list wholesale.
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
    if (m_refreshRequests.remove(request)) {
        return; // the next change or F5 fetches those rows again
    }
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
