// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "orderrepository.h"

#include <QAbstractListModel>
#include <QSet>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;
class PresenceTracker;

/**
 * Orders, newest first, fetched a page at a time by keyset from the worker thread as the view scrolls;
 * so a million orders cost no more to open than two hundred.
 */
class OrderModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    Q_PROPERTY(QString statusFilter READ statusFilter WRITE setStatusFilter NOTIFY statusFilterChanged)
    Q_PROPERTY(int totalCount READ totalCount NOTIFY totalCountChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        NumberRole,
        PlacedAtRole,
        CustomerRole,
        ChannelRole,
        ExternalIdRole,
        StatusRole,
        StatusTextRole,
        PaymentRole,
        PaymentTextRole,
        LinesRole,
        UnitsRole,
        TotalRole,
        ExplanationRole,
        FlashRole, ///< true for a moment after another desktop changed the row
        VersionRole, ///< what an action sends back so that a stale view is refused
        UpdatedByRole,
        CanShipRole, ///< the domain's rule, so that QML decides nothing itself
        CanCancelRole,
        PresenceRole, ///< "Priya is viewing" when another desktop has the order open
    };
    Q_ENUM(Roles)

    static constexpr int PageSize = 200;
    static constexpr int FlashMilliseconds = 1500;

    explicit OrderModel(DatabaseWorker *worker, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    QString statusFilter() const { return m_statusFilter; }
    void setStatusFilter(const QString &status);
    /** All orders matching the filter (an int: QML has no 64-bit integer type). */
    int totalCount() const { return int(m_totalCount); }
    bool loading() const { return m_pending != 0; }
    QString errorText() const { return m_errorText; }

    /** Loads the first page again (a new filter, or the user pressed F5). */
    Q_INVOKABLE void reload();
    /**
     * Live refresh: these orders changed somewhere. Rows on screen are updated in place, new orders that
     * belong above the loaded range are inserted, orders that left the filter are removed; nothing reloads.
     */
    void applyChanges(const QList<qint64> &orderIds);
    void setPresenceTracker(PresenceTracker *presence);
    /** Row of an order id among the loaded rows, -1 if not loaded. */
    int rowOf(qint64 orderId) const;

    /** The order of a row as a map of its roles, for the detail panel. */
    Q_INVOKABLE QVariantMap get(int row) const;

Q_SIGNALS:
    void statusFilterChanged();
    void totalCountChanged();
    void loadingChanged();
    void errorTextChanged();
    /** The first page after a reload arrived. */
    void loaded();

private:
    void request(const OrderCursor &after);
    void onFetched(quint64 request, const QList<OrderHeader> &orders, qint64 total);
    void onFailed(quint64 request, const QString &message);
    void onRefreshed(quint64 request, const QList<OrderHeader> &orders);
    bool matchesFilter(const OrderHeader &order) const;
    void flash(qint64 orderId);

    DatabaseWorker *m_worker;
    QList<OrderHeader> m_orders;
    QString m_statusFilter;
    qint64 m_totalCount = 0;
    bool m_atEnd = false;
    quint64 m_pending = 0;
    QString m_errorText;
    QSet<quint64> m_refreshRequests;
    QSet<qint64> m_flashing;
    PresenceTracker *m_presence = nullptr;
};

} // namespace Stockroom
