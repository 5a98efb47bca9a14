// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "inventoryrepository.h"

#include <QAbstractListModel>
#include <QSet>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;

/**
 * One list of the Receiving, Transfers or Counts view and the document open in it.
 *
 * The rows are maps keyed by number (the roles are their keys). A live refresh updates, inserts and removes
 * rows in place, so the view keeps its scroll position and its selection; only a new filter resets it. The
 * open document is fetched again when it changes anywhere, and the actions on it report here (busy, message).
 */
class DocumentList : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by InventoryDocuments")
    /**
     * {number, status, statusText, badge (a StatusBadge tint), from, to, lines, units, done, attention,
     * attentionText, date, overdue, updatedBy, updatedAt}: from/to are supplier → location, source →
     * destination, or location and scope; units/done are ordered/received, sent/arrived, lines/counted.
     */
    Q_PROPERTY(QVariantList rows READ rows NOTIFY rowsChanged)
    Q_PROPERTY(int count READ count NOTIFY rowsChanged)
    /** "open" (the unfinished ones, the default), "" (all) or one status. */
    Q_PROPERTY(QString statusFilter READ statusFilter WRITE setStatusFilter NOTIFY statusFilterChanged)
    /** For the filter box: [{value, label}]. */
    Q_PROPERTY(QVariantList statusChoices READ statusChoices CONSTANT)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    /** The document open in the detail pane (set by the view's selection, or after creating one). */
    Q_PROPERTY(QString currentNumber READ currentNumber WRITE setCurrentNumber NOTIFY currentNumberChanged)
    /** The open document as a map (see DatabaseWorker::fetchDocument); empty until it arrived. */
    Q_PROPERTY(QVariantMap current READ current NOTIFY currentChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool failed READ failed NOTIFY messageChanged)
    /** The last refusal was "changed by NAME at TIME — reload?" (the document was fetched again). */
    Q_PROPERTY(bool stale READ stale NOTIFY messageChanged)

public:
    enum Roles {
        NumberRole = Qt::UserRole + 1,
        StatusRole,
        StatusTextRole,
        BadgeRole,
        FromRole,
        ToRole,
        LinesRole,
        UnitsRole,
        DoneRole,
        AttentionRole,
        AttentionTextRole,
        DateRole,
        OverdueRole,
        UpdatedByRole,
        FlashRole, ///< true for a moment after another desktop changed the row
    };
    Q_ENUM(Roles)

    static constexpr int FlashMilliseconds = 1500;
    /** Newest first; older documents are found by their status. */
    static constexpr int RowLimit = 500;
    /** Changes that stream in (a scanner, another desktop's bulk work) are fetched once per this interval. */
    static constexpr int CoalesceMilliseconds = 120;

    DocumentList(DocumentKind kind, DatabaseWorker *worker, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    DocumentKind kind() const { return m_kind; }
    QVariantList rows() const { return m_rows; }
    int count() const { return int(m_rows.size()); }
    QString statusFilter() const { return m_statusFilter; }
    void setStatusFilter(const QString &status);
    QVariantList statusChoices() const;
    bool loading() const { return m_listRequest != 0; }
    QString errorText() const { return m_errorText; }
    QString currentNumber() const { return m_currentNumber; }
    void setCurrentNumber(const QString &number);
    QVariantMap current() const { return m_current; }
    bool busy() const { return !m_actions.isEmpty(); }
    QString message() const { return m_message; }
    bool failed() const { return m_failed; }
    bool stale() const { return m_stale; }

    /** The row's map ({} outside the list). */
    Q_INVOKABLE QVariantMap get(int row) const;
    /** The row of a document number, -1 when it is not in the list. */
    Q_INVOKABLE int indexOf(const QString &number) const;
    /** Fetches the list and the open document again. */
    Q_INVOKABLE void reload();
    Q_INVOKABLE void reloadCurrent();
    Q_INVOKABLE void clearMessage();

    /** Live refresh: documents of this kind changed (ids); fetched again after a short pause. */
    void noteChanged(const QStringList &ids);
    /** Live refresh: what the open document shows from stock levels changed. */
    void noteCurrentChanged();

    /** Sends an action to the database thread; its answer lands in message, busy and current. */
    void run(const QString &action, const QString &number, int version, const QVariantMap &args,
             const QString &user);
    /** A refusal found before anything was sent (a quantity that is not a number). */
    void refuse(const QString &message);

Q_SIGNALS:
    /** Rows are about to move, appear or go (the view ignores the selection changes this causes). */
    void aboutToChangeRows();
    void rowsChanged();
    void statusFilterChanged();
    void loadingChanged();
    void errorTextChanged();
    void currentNumberChanged();
    void currentChanged();
    void busyChanged();
    void messageChanged();
    /** Every action's outcome, in order (a burst of scans reports each refusal, not only the last). */
    void finished(bool ok, const QString &message);
    /** The first list arrived (or failed). */
    void loaded();

private:
    void fetchList();
    void onListFetched(quint64 request, const QVariantList &rows);
    void onCurrentFetched(quint64 request, const QVariantMap &document);
    void onFailed(quint64 request, const QString &message);
    void onActionFinished(quint64 request, bool ok, bool stale, const QString &message,
                          const QVariantMap &document);
    /** Applies a fresh list as row moves, inserts, removals and changes (never a reset). */
    void merge(const QVariantList &rows, bool flashChanges);
    void flash(const QString &number);
    void setCurrent(const QVariantMap &document);

    DocumentKind m_kind;
    DatabaseWorker *m_worker;
    QVariantList m_rows;
    QString m_statusFilter = QStringLiteral("unfinished");
    QString m_errorText;
    quint64 m_listRequest = 0;
    bool m_listIsReset = false;
    bool m_everLoaded = false;
    QString m_currentNumber;
    QVariantMap m_current;
    quint64 m_currentRequest = 0;
    QSet<quint64> m_actions;
    QString m_message;
    bool m_failed = false;
    bool m_stale = false;
    QTimer m_coalesce;
    bool m_currentDirty = false;
    QSet<QString> m_flashing;
};

/**
 * The Receiving, Transfers and Counts views' controller: their three lists, the suppliers for a new purchase
 * order, and every action on purchase orders, transfers and stock counts. Actions take the version the clerk
 * saw and run the services on the database thread; a refusal comes back as a message in that list.
 */
class InventoryDocuments : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    Q_PROPERTY(Stockroom::DocumentList *purchaseOrders READ purchaseOrders CONSTANT)
    Q_PROPERTY(Stockroom::DocumentList *transfers READ transfers CONSTANT)
    Q_PROPERTY(Stockroom::DocumentList *counts READ counts CONSTANT)
    /** [{name, leadTimeDays}] by name. */
    Q_PROPERTY(QVariantList suppliers READ suppliers NOTIFY suppliersChanged)

public:
    InventoryDocuments(DatabaseWorker *worker, const QString &userName, QObject *parent = nullptr);

    DocumentList *purchaseOrders() const { return m_purchaseOrders; }
    DocumentList *transfers() const { return m_transfers; }
    DocumentList *counts() const { return m_counts; }
    QVariantList suppliers() const { return m_suppliers; }

    /** Reloads the three lists, their open documents and the suppliers (F5). */
    Q_INVOKABLE void reload();
    /** Live refresh from the change feed. */
    void applyEntityChanges(const QString &entity, const QStringList &ids);
    void applyStockChanges(const QList<QPair<qint64, qint64>> &levels);

    // Purchase orders. lines: [{sku, qty, cost}] with qty and cost as typed (cost optional, "12.50").
    Q_INVOKABLE void createPurchaseOrder(const QString &supplier, const QString &location,
                                         const QString &expectedDate, const QVariantList &lines,
                                         const QString &note = {});
    Q_INVOKABLE void orderPurchaseOrder(const QString &number, int version);
    /** One receipt of everything counted in the receiving dialog: lines [{sku, qty}], zero lines skipped. */
    Q_INVOKABLE void receivePurchaseOrder(const QString &number, int version, const QVariantList &lines,
                                          const QString &note = {});
    /** Nothing more will come: received with what came. */
    Q_INVOKABLE void closePurchaseOrder(const QString &number, int version);
    Q_INVOKABLE void cancelPurchaseOrder(const QString &number, int version);

    // Transfers. lines: [{sku, qty}].
    Q_INVOKABLE void createTransfer(const QString &from, const QString &to, const QVariantList &lines,
                                    const QString &note = {});
    Q_INVOKABLE void requestTransfer(const QString &number, int version);
    Q_INVOKABLE void shipTransfer(const QString &number, int version);
    /** lines: [{sku, qty (arrived), missing, reason}], lines with nothing skipped. */
    Q_INVOKABLE void receiveTransfer(const QString &number, int version, const QVariantList &lines);
    /** The manager's decision on missing units: written off (approve) or still expected (reject). */
    Q_INVOKABLE void decideMissing(const QString &number, int version, bool writeOff);
    Q_INVOKABLE void cancelTransfer(const QString &number, int version);

    // Stock counts
    Q_INVOKABLE void startCount(const QString &location, bool cycle, const QString &binPrefix,
                                const QString &abcClass, int notCountedForDays, bool blind,
                                const QString &note = {});
    /** A scan or a typed SKU: with a quantity it sets the counted quantity, without one it adds 1. */
    Q_INVOKABLE void recordCount(const QString &number, const QString &code, const QString &quantity);
    Q_INVOKABLE void submitCount(const QString &number, int version);
    Q_INVOKABLE void approveCount(const QString &number, int version, const QString &note = {});
    Q_INVOKABLE void rejectCount(const QString &number, int version, const QString &reason);
    Q_INVOKABLE void reopenCount(const QString &number, int version);

    /** The line of these ({sku, gtin}) that a scanned barcode (SKU in any case, GTIN in any length) is; -1. */
    Q_INVOKABLE int lineForBarcode(const QVariantList &lines, const QString &barcode) const;

    /** Words for a document's stored status, and the StatusBadge tint that goes with it. */
    static QString statusText(DocumentKind kind, const QString &status);
    static QString badge(DocumentKind kind, const QString &status);

Q_SIGNALS:
    void suppliersChanged();
    /** The three lists have their first data (or an error). */
    void loaded();

private:
    void fetchSuppliers();
    /**
     * Quantity lines as the dialogs give them (text or numbers) for the database thread; false with a
     * refusal in the list when one is not a number.
     */
    bool quantityLines(DocumentList *list, const QVariantList &lines, bool withCost, bool withMissing,
                       QVariantList &out);

    DatabaseWorker *m_worker;
    QString m_userName;
    DocumentList *m_purchaseOrders;
    DocumentList *m_transfers;
    DocumentList *m_counts;
    QVariantList m_suppliers;
    quint64 m_suppliersRequest = 0;
    int m_waitingFor = 3;
};

} // namespace Stockroom
