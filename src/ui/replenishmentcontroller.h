// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "changelogrepository.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QVariantMap>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;

/**
 * The Replenish dialog: the planner's purchase suggestions grouped per supplier and its transfer suggestions,
 * one row each with its reason, for a location (or all) at a service level and review period; the manager
 * ticks some and creates them as drafts, whose numbers come back to be opened. Rows are a list model so that
 * ticking one changes one row; the planning itself runs on the database thread.
 */
class ReplenishmentController : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    /** 0: every location. */
    Q_PROPERTY(qint64 locationId READ locationId WRITE setLocationId NOTIFY optionsChanged)
    /** Target cycle service level in percent (50 to 99.9). */
    Q_PROPERTY(double serviceLevel READ serviceLevel WRITE setServiceLevel NOTIFY optionsChanged)
    /** Days between two replenishment orders (0: order whenever the reorder point is reached). */
    Q_PROPERTY(int reviewDays READ reviewDays WRITE setReviewDays NOTIFY optionsChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    /** The first suggestions for these options are in (or were refused). */
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadingChanged)
    /** Drafts are being created. */
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    /** A refusal or error (inline in the dialog), or empty. */
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    /** "N suggestions for M product × location plans, K at risk". */
    Q_PROPERTY(QString summary READ summary NOTIFY summaryChanged)
    Q_PROPERTY(int selectedCount READ selectedCount NOTIFY selectionChanged)
    Q_PROPERTY(int selectableCount READ selectableCount NOTIFY selectionChanged)
    /** Some selected purchases have no supplier yet: they need supplierForUnknown. */
    Q_PROPERTY(bool needsSupplier READ needsSupplier NOTIFY selectionChanged)
    Q_PROPERTY(QStringList suppliers READ suppliers NOTIFY summaryChanged)
    Q_PROPERTY(QString supplierForUnknown READ supplierForUnknown WRITE setSupplierForUnknown NOTIFY
                   selectionChanged)
    /** The drafts created since the dialog opened: [{kind (purchase_order, transfer), id, number, text}]. */
    Q_PROPERTY(QVariantList created READ created NOTIFY createdChanged)
    /** Stock or documents changed since the suggestions were computed. */
    Q_PROPERTY(bool stale READ stale NOTIFY staleChanged)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        KindRole, ///< buy or move
        GroupRole,
        GroupTitleRole,
        FirstInGroupRole,
        SkuRole,
        NameRole,
        LocationRole, ///< the location, or "FROM → TO"
        QtyRole,
        ValueRole,
        ReasonRole,
        DetailRole,
        SupplierKnownRole,
        SelectedRole,
        SelectableRole,
        CreatedRole, ///< a draft was created from it (it cannot be created twice)
    };
    Q_ENUM(Roles)

    ReplenishmentController(DatabaseWorker *worker, const QString &userName, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    qint64 locationId() const { return m_locationId; }
    void setLocationId(qint64 locationId);
    double serviceLevel() const { return m_serviceLevel; }
    void setServiceLevel(double percent);
    int reviewDays() const { return m_reviewDays; }
    void setReviewDays(int days);
    bool loading() const { return m_pending != 0; }
    bool loaded() const { return m_loaded; }
    bool busy() const { return m_accepting != 0; }
    QString message() const { return m_message; }
    QString summary() const { return m_summary; }
    int selectedCount() const { return int(m_selected.size()); }
    int selectableCount() const;
    bool needsSupplier() const;
    QStringList suppliers() const { return m_suppliers; }
    QString supplierForUnknown() const { return m_supplierForUnknown; }
    void setSupplierForUnknown(const QString &name);
    QVariantList created() const { return m_created; }
    bool stale() const { return m_stale; }

    /** Computes the suggestions again for the current options. */
    Q_INVOKABLE void reload();
    /** A fresh start when the dialog opens: no drafts listed, suggestions computed again. */
    Q_INVOKABLE void start();
    Q_INVOKABLE void setSelected(int row, bool selected);
    Q_INVOKABLE void toggle(int row);
    Q_INVOKABLE void selectAll(bool selected);
    /** Creates drafts of the ticked suggestions (one purchase order per supplier and location, one transfer per route). */
    Q_INVOKABLE void createDrafts();
    /** The row of an id (tests, keyboard), or -1. */
    Q_INVOKABLE int rowOf(const QString &id) const;

    /**
     * Asks for the earliest promise of qty units of a SKU (from one location, or any when empty); the answer
     * comes with promiseChecked and this request id. Used by PromiseCheck.
     */
    quint64 checkPromise(const QString &sku, int qty, const QString &locationCode, int days);

public Q_SLOTS:
    /** Live refresh: suggestions depend on stock, orders and documents, so the view offers to recompute. */
    void applyChanges(const QList<Stockroom::ChangeRecord> &changes);

Q_SIGNALS:
    void optionsChanged();
    void loadingChanged();
    void busyChanged();
    void messageChanged();
    void summaryChanged();
    void selectionChanged();
    void createdChanged();
    void staleChanged();
    /** Drafts were created (ok) or refused; documents as in created. */
    void draftsCreated(bool ok);
    void promiseChecked(quint64 request, const QVariantMap &promise);

private:
    void onFetched(quint64 request, const QVariantMap &report);
    void onAccepted(quint64 request, const QVariantMap &result);
    void setMessage(const QString &message);
    bool selectable(int row) const;

    DatabaseWorker *m_worker;
    QString m_userName;
    qint64 m_locationId = 0;
    double m_serviceLevel = 95;
    int m_reviewDays = 7;
    quint64 m_pending = 0;
    quint64 m_accepting = 0;
    bool m_loaded = false;
    bool m_stale = false;
    QList<QVariantMap> m_rows;
    QSet<QString> m_selected; ///< by id: survives a recomputation that keeps the suggestion
    QSet<QString> m_done; ///< suggestion ids created as drafts since the dialog opened
    /** Our own new drafts ("purchase_order:12"): their arrival through the feed changes no suggestion. */
    QSet<QString> m_ownDrafts;
    QVariantList m_created;
    QStringList m_suppliers;
    QString m_supplierForUnknown;
    QString m_message;
    QString m_summary;
};

/**
 * "Earliest promise" under an order line: set sku and qty (and a location, or none for any); after a short
 * pause (the clerk may still be typing) it asks the planner and shows the answer in `text`.
 */
class PromiseCheck : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(
        Stockroom::ReplenishmentController *planner READ planner WRITE setPlanner NOTIFY plannerChanged)
    Q_PROPERTY(QString sku READ sku WRITE setSku NOTIFY inputChanged)
    Q_PROPERTY(int qty READ qty WRITE setQty NOTIFY inputChanged)
    /** A location code, or empty for any location. */
    Q_PROPERTY(QString location READ location WRITE setLocation NOTIFY inputChanged)
    /** How far to look for supply, in days (8 weeks by default). */
    Q_PROPERTY(int days READ days WRITE setDays NOTIFY inputChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY resultChanged)
    /** "" (nothing asked), now, later, none or error. */
    Q_PROPERTY(QString state READ state NOTIFY resultChanged)
    Q_PROPERTY(QString text READ text NOTIFY resultChanged)
    /** Where the units come from and when, e.g. "8 from LEEDS today, 4 from BRISTOL on 04/12/2026". */
    Q_PROPERTY(QString detail READ detail NOTIFY resultChanged)

public:
    explicit PromiseCheck(QObject *parent = nullptr);

    ReplenishmentController *planner() const { return m_planner; }
    void setPlanner(ReplenishmentController *planner);
    QString sku() const { return m_sku; }
    void setSku(const QString &sku);
    int qty() const { return m_qty; }
    void setQty(int qty);
    QString location() const { return m_location; }
    void setLocation(const QString &location);
    int days() const { return m_days; }
    void setDays(int days);
    bool busy() const { return m_request != 0 || m_delay.isActive(); }
    QString state() const { return m_state; }
    QString text() const { return m_text; }
    QString detail() const { return m_detail; }

    /** Asks at once (no pause). */
    Q_INVOKABLE void check();

Q_SIGNALS:
    void plannerChanged();
    void inputChanged();
    void resultChanged();

private:
    void schedule();
    void onChecked(quint64 request, const QVariantMap &promise);

    QPointer<ReplenishmentController> m_planner;
    QMetaObject::Connection m_connection;
    QString m_sku;
    int m_qty = 0;
    QString m_location;
    int m_days = 56;
    QTimer m_delay;
    quint64 m_request = 0;
    QString m_state;
    QString m_text;
    QString m_detail;
};

} // namespace Stockroom
