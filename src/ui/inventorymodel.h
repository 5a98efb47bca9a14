// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stockrepository.h"

#include <QAbstractListModel>
#include <QSet>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;

/**
 * The Inventory view's grid: one row per product × location with what is there, reserved, available, on its
 * way (in transit, on order), the projected stock against the reorder point, and the stock value at
 * moving-average cost. Search, filters and sort run in SQL on the worker thread; rows other desktops change
 * are fetched again and updated in place.
 */
class InventoryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY searchChanged)
    /** A location id, 0 for every location. */
    Q_PROPERTY(int locationFilter READ locationFilter WRITE setLocationFilter NOTIFY filterChanged)
    Q_PROPERTY(bool belowReorderOnly READ belowReorderOnly WRITE setBelowReorderOnly NOTIFY filterChanged)
    Q_PROPERTY(bool outOfStockOnly READ outOfStockOnly WRITE setOutOfStockOnly NOTIFY filterChanged)
    /** sku, location, available or value. */
    Q_PROPERTY(QString sortKey READ sortKey WRITE setSortKey NOTIFY filterChanged)
    Q_PROPERTY(bool sortDescending READ sortDescending WRITE setSortDescending NOTIFY filterChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    Q_PROPERTY(int totalOnHand READ totalOnHand NOTIFY countsChanged)
    Q_PROPERTY(int totalAvailable READ totalAvailable NOTIFY countsChanged)
    Q_PROPERTY(int outOfStockCount READ outOfStockCount NOTIFY countsChanged)
    Q_PROPERTY(int belowReorderCount READ belowReorderCount NOTIFY countsChanged)
    /** The value of the rows shown, as money. */
    Q_PROPERTY(QString totalValue READ totalValue NOTIFY countsChanged)
    /** The rows stop at RowLimit: the view says so. */
    Q_PROPERTY(bool truncated READ truncated NOTIFY countsChanged)

public:
    enum Roles {
        SkuRole = Qt::UserRole + 1,
        ProductNameRole,
        LocationRole,
        LocationNameRole,
        OnHandRole,
        ReservedRole,
        AvailableRole,
        LevelRole, ///< "out" (nothing available), "low" (projected below the reorder point) or "ok"
        FlashRole, ///< true for a moment after a change anywhere
        ProductIdRole,
        LocationIdRole,
        BinRole,
        InTransitRole,
        OnOrderRole,
        ProjectedRole, ///< available + on order + in transit
        ReorderPointRole,
        ReorderQtyRole,
        ValueCentsRole, ///< on hand × moving-average cost
        ValueRole, ///< the same as money
        LevelTextRole, ///< the level in words (the colour is never the only cue)
    };
    Q_ENUM(Roles)

    static constexpr int FlashMilliseconds = 1500;
    static constexpr int RowLimit = 5000;

    explicit InventoryModel(DatabaseWorker *worker, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString search() const { return m_filter.search; }
    void setSearch(const QString &search);
    int locationFilter() const { return int(m_filter.locationId); }
    void setLocationFilter(int locationId);
    bool belowReorderOnly() const { return m_filter.belowReorderOnly; }
    void setBelowReorderOnly(bool only);
    bool outOfStockOnly() const { return m_filter.outOfStockOnly; }
    void setOutOfStockOnly(bool only);
    QString sortKey() const { return m_filter.sort; }
    void setSortKey(const QString &key);
    bool sortDescending() const { return m_filter.descending; }
    void setSortDescending(bool descending);
    bool loading() const { return m_pending != 0; }
    QString errorText() const { return m_errorText; }
    int totalOnHand() const;
    int totalAvailable() const;
    int outOfStockCount() const;
    int belowReorderCount() const;
    QString totalValue() const;
    bool truncated() const { return m_levels.size() >= RowLimit; }

    /** A heading was clicked: sort by it, or turn the order round when it sorts already. */
    Q_INVOKABLE void sortBy(const QString &key);
    /** The roles of a row by name (empty for a row that is not there). */
    Q_INVOKABLE QVariantMap get(int row) const;
    Q_INVOKABLE void reload();
    /** Live refresh: these product × location levels changed; update those rows only. */
    void applyChanges(const QList<QPair<qint64, qint64>> &levels);
    /** Live refresh of products (name, cost) and locations (code, name) shown in rows. */
    void applyEntityChanges(const QString &entity, const QStringList &ids);
    int rowOf(qint64 productId, qint64 locationId) const;

    /** The level of a row: out, low (below its reorder point) or ok. */
    static QString levelOf(const StockLevelRow &level);

Q_SIGNALS:
    void searchChanged();
    void filterChanged();
    void loadingChanged();
    void errorTextChanged();
    void countsChanged();
    void loaded();

private:
    void onFetched(quint64 request, const QList<StockLevelRow> &levels);
    void onFailed(quint64 request, const QString &message);
    void onRefreshed(quint64 request, const QList<StockLevelRow> &levels);
    bool matchesFilter(const StockLevelRow &level) const;
    bool sortsBefore(const StockLevelRow &a, const StockLevelRow &b) const;
    void flash(qint64 productId, qint64 locationId);
    void refetch(const QList<QPair<qint64, qint64>> &pairs);

    DatabaseWorker *m_worker;
    QList<StockLevelRow> m_levels;
    StockGridFilter m_filter;
    quint64 m_pending = 0;
    QString m_errorText;
    QSet<quint64> m_refreshRequests;
    QSet<QPair<qint64, qint64>> m_flashing;
};

} // namespace Stockroom
