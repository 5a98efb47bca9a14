// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "orderrepository.h"

#include <QAbstractListModel>
#include <QSet>
#include <QTimer>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;
class PresenceTracker;

/**
 * Orders, fetched a page at a time by keyset from the worker thread as the view scrolls, so a million
 * orders cost no more to open than two hundred. Filters, text search and sorting run in SQL; a selection
 * of orders (for bulk actions) survives paging and live updates.
 */
class OrderModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    Q_PROPERTY(QString statusFilter READ statusFilter WRITE setStatusFilter NOTIFY filterChanged)
    Q_PROPERTY(QString paymentFilter READ paymentFilter WRITE setPaymentFilter NOTIFY filterChanged)
    Q_PROPERTY(QString channelFilter READ channelFilter WRITE setChannelFilter NOTIFY filterChanged)
    /** A location id (orders with stock allocated there), 0 for any. */
    Q_PROPERTY(int locationFilter READ locationFilter WRITE setLocationFilter NOTIFY filterChanged)
    /** Placed on or after / on or before these days (yyyy-MM-dd in local time); empty for open ends. */
    Q_PROPERTY(QString fromDate READ fromDate WRITE setFromDate NOTIFY filterChanged)
    Q_PROPERTY(QString toDate READ toDate WRITE setToDate NOTIFY filterChanged)
    /** An order number, or words of customer, e-mail, external id, SKU. */
    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY filterChanged)
    /** "placed", "total" or "number". */
    Q_PROPERTY(QString sortKey READ sortKey WRITE setSortKey NOTIFY filterChanged)
    Q_PROPERTY(bool sortDescending READ sortDescending WRITE setSortDescending NOTIFY filterChanged)
    Q_PROPERTY(int selectedCount READ selectedCount NOTIFY selectionChanged)
    Q_PROPERTY(int totalCount READ totalCount NOTIFY totalCountChanged)
    /** The count reached its cap: there are at least totalCount orders. */
    Q_PROPERTY(bool totalCountCapped READ totalCountCapped NOTIFY totalCountChanged)
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
        SelectedRole, ///< part of the selection for bulk actions
        HoldReasonRole,
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

    QString statusFilter() const { return m_filter.status; }
    void setStatusFilter(const QString &status);
    QString paymentFilter() const { return m_filter.paymentStatus; }
    void setPaymentFilter(const QString &payment);
    QString channelFilter() const { return m_filter.channel; }
    void setChannelFilter(const QString &channel);
    int locationFilter() const { return int(m_filter.locationId); }
    void setLocationFilter(int locationId);
    QString fromDate() const { return m_fromDate; }
    void setFromDate(const QString &date);
    QString toDate() const { return m_toDate; }
    void setToDate(const QString &date);
    QString searchText() const { return m_filter.search; }
    void setSearchText(const QString &text);
    QString sortKey() const;
    void setSortKey(const QString &key);
    bool sortDescending() const;
    void setSortDescending(bool descending);
    const OrderFilter &filter() const { return m_filter; }
    int selectedCount() const { return int(m_selected.size()); }
    /** All orders matching the filter (an int: QML has no 64-bit integer type). */
    int totalCount() const { return int(m_totalCount); }
    bool totalCountCapped() const;
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

    /** Bulk selection: Space toggles a row, Shift extends, Ctrl+A takes every loaded row. */
    Q_INVOKABLE void toggleSelected(int row);
    Q_INVOKABLE void selectRange(int from, int to);
    Q_INVOKABLE void selectAllLoaded();
    Q_INVOKABLE void clearSelection();
    /** The selected orders' numbers; the given row's order alone when nothing is selected. */
    Q_INVOKABLE QStringList selectedNumbers(int currentRow = -1) const;
    /** Sorting by a column: again on the same column turns the direction round. */
    Q_INVOKABLE void sortBy(const QString &key);

Q_SIGNALS:
    void filterChanged();
    void selectionChanged();
    void totalCountChanged();
    void loadingChanged();
    void errorTextChanged();
    /** The first page after a reload arrived. */
    void loaded();

private:
    void request(const OrderCursor &after);
    void onFetched(quint64 request, const QList<OrderHeader> &orders, qint64 total);
    void onCounted(quint64 request, qint64 total);
    void onFailed(quint64 request, const QString &message);
    void onRefreshed(quint64 request, const QList<OrderHeader> &orders, const QList<qint64> &asked);
    /** Whether a sits above b in the current sort. */
    bool before(const OrderHeader &a, const OrderHeader &b) const;
    void filterEdited();
    void flash(qint64 orderId);

    DatabaseWorker *m_worker;
    QList<OrderHeader> m_orders;
    OrderFilter m_filter;
    QString m_fromDate;
    QString m_toDate;
    QSet<qint64> m_selected;
    QTimer *m_reloadTimer;
    QTimer *m_recountTimer;
    qint64 m_totalCount = 0;
    bool m_atEnd = false;
    quint64 m_pending = 0;
    quint64 m_countRequest = 0;
    QString m_errorText;
    QSet<quint64> m_refreshRequests;
    QSet<qint64> m_flashing;
    PresenceTracker *m_presence = nullptr;
};

} // namespace Stockroom
