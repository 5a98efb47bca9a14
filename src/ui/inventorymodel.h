// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stockrepository.h"

#include <QAbstractListModel>
#include <QSet>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;

/** Stock per product × location: on hand, reserved, available; searched in SQL on the worker thread. */
class InventoryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY searchChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    Q_PROPERTY(int totalOnHand READ totalOnHand NOTIFY countsChanged)
    Q_PROPERTY(int totalAvailable READ totalAvailable NOTIFY countsChanged)

public:
    enum Roles {
        SkuRole = Qt::UserRole + 1,
        ProductNameRole,
        LocationRole,
        LocationNameRole,
        OnHandRole,
        ReservedRole,
        AvailableRole,
        LevelRole, ///< "ok", "low" (under a fifth free) or "out"
        FlashRole, ///< true for a moment after a change anywhere
    };
    Q_ENUM(Roles)

    static constexpr int FlashMilliseconds = 1500;

    explicit InventoryModel(DatabaseWorker *worker, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString search() const { return m_search; }
    void setSearch(const QString &search);
    bool loading() const { return m_pending != 0; }
    QString errorText() const { return m_errorText; }
    int totalOnHand() const;
    int totalAvailable() const;

    Q_INVOKABLE void reload();
    /** Live refresh: these product × location levels changed; update those rows only. */
    void applyChanges(const QList<QPair<qint64, qint64>> &levels);
    int rowOf(qint64 productId, qint64 locationId) const;

Q_SIGNALS:
    void searchChanged();
    void loadingChanged();
    void errorTextChanged();
    void countsChanged();
    void loaded();

private:
    void onFetched(quint64 request, const QList<StockLevelRow> &levels);
    void onFailed(quint64 request, const QString &message);
    void onRefreshed(quint64 request, const QList<StockLevelRow> &levels);
    bool matchesSearch(const StockLevelRow &level) const;
    void flash(qint64 productId, qint64 locationId);

    DatabaseWorker *m_worker;
    QList<StockLevelRow> m_levels;
    QString m_search;
    quint64 m_pending = 0;
    QString m_errorText;
    QSet<quint64> m_refreshRequests;
    QSet<QPair<qint64, qint64>> m_flashing;
};

} // namespace Stockroom
