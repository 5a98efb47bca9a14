// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>
#include <QVariantList>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;
class LedgerModel;
struct ProductDetail;

/**
 * The product opened in the Inventory view: its record, its stock and settings per location, its stock over
 * the last HistoryDays days (one step line per location) and its ledger; adding and changing products and
 * their stock settings through CatalogService. Fetched on the database thread and again when another desktop
 * changes the product or its stock.
 */
class ProductController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    /** The product shown; empty: none. */
    Q_PROPERTY(QString sku READ sku WRITE setSku NOTIFY skuChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY detailChanged)
    /** False when the SKU is not (or no longer) a product. */
    Q_PROPERTY(bool found READ found NOTIFY detailChanged)
    Q_PROPERTY(int productId READ productId NOTIFY detailChanged)
    /**
     * {sku, name, gtin, active, unitCost, averageCost, price (money), unitCostInput, priceInput (as the
     * editor takes them), weightGrams, weight (text)}
     */
    Q_PROPERTY(QVariantMap product READ product NOTIFY detailChanged)
    /**
     * Each active location (and inactive ones holding stock): {locationId, code, name, bin, reorderPoint,
     * reorderQty, onHand, reserved, available, inTransit, onOrder, projected, level, levelText}.
     */
    Q_PROPERTY(QVariantList locations READ locations NOTIFY detailChanged)
    /** A series per location: {code, name, points: [{x: msecs since the epoch (a UTC day), y: on hand}]}. */
    Q_PROPERTY(QVariantList history READ history NOTIFY detailChanged)
    Q_PROPERTY(double historyFrom READ historyFrom NOTIFY detailChanged)
    Q_PROPERTY(double historyTo READ historyTo NOTIFY detailChanged)
    Q_PROPERTY(int historyMax READ historyMax NOTIFY detailChanged)
    Q_PROPERTY(Stockroom::LedgerModel *ledger READ ledger CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool failed READ failed NOTIFY messageChanged)
    /**
     * Every location for the Locations dialog, by priority (after loadLocations()): {code, name, kind,
     * priority, postcode, region, address, active}.
     */
    Q_PROPERTY(QVariantList allLocations READ allLocations NOTIFY allLocationsChanged)
    /** A location or supplier is being saved (apart from busy: the pane's editor stays usable). */
    Q_PROPERTY(bool savingSetup READ savingSetup NOTIFY savingSetupChanged)

public:
    static constexpr int HistoryDays = 90;

    ProductController(DatabaseWorker *worker, const QString &userName, QObject *parent = nullptr);

    QString sku() const { return m_sku; }
    void setSku(const QString &sku);
    bool loaded() const { return m_loaded; }
    bool found() const { return m_found; }
    int productId() const { return int(m_productId); }
    QVariantMap product() const { return m_product; }
    QVariantList locations() const { return m_locations; }
    QVariantList history() const { return m_history; }
    double historyFrom() const { return m_historyFrom; }
    double historyTo() const { return m_historyTo; }
    int historyMax() const { return m_historyMax; }
    LedgerModel *ledger() const { return m_ledger; }
    bool busy() const { return m_saveRequest != 0; }
    QString message() const { return m_message; }
    bool failed() const { return m_failed; }
    QVariantList allLocations() const { return m_allLocations; }
    bool savingSetup() const { return m_setupRequest != 0; }

    /** Opens a product; with its id known (a grid row) the ledger starts at once, not after the product. */
    Q_INVOKABLE void open(const QString &sku, int productId = 0);
    Q_INVOKABLE void reload();

    /** Checks a barcode as it is typed: {valid, message}; empty is valid (no barcode). */
    Q_INVOKABLE QVariantMap checkGtin(const QString &text) const;
    /**
     * Adds (create) or saves a product from the editor's fields: sku, name, gtin, unitCost and price (as
     * typed, in the locale or with a dot), weightGrams, active. The answer comes with saved().
     */
    Q_INVOKABLE void saveProduct(const QVariantMap &fields, bool create);
    /** Bin, reorder point and reorder quantity of the shown product at a location, as typed. */
    Q_INVOKABLE void saveStockSettings(const QString &locationCode, const QString &bin,
                                       const QString &reorderPoint, const QString &reorderQty);
    Q_INVOKABLE void clearMessage();

    /** Fetches allLocations again. */
    Q_INVOKABLE void loadLocations();
    /**
     * Adds (create) or saves a location from the dialog's fields: code, name, kind (warehouse, store,
     * third_party), priority (as typed), postcode, region, address, active. The answer comes with
     * locationSaved(); the list reloads after a save.
     */
    Q_INVOKABLE void saveLocation(const QVariantMap &fields, bool create);
    /** A new supplier (lead time as typed); the answer comes with supplierAdded(). */
    Q_INVOKABLE void addSupplier(const QString &name, const QString &email, const QString &leadTimeDays);

    /** Live refresh: fetches again when the shown product's stock changed. */
    void applyStockChanges(const QList<QPair<qint64, qint64>> &levels);
    /** Live refresh: the product itself or a location changed. */
    void applyEntityChanges(const QString &entity, const QStringList &ids);

Q_SIGNALS:
    void skuChanged();
    void detailChanged();
    void busyChanged();
    void messageChanged();
    /** A save finished: ok, or refused with message (the editor stays open to correct it). */
    void saved(bool ok, const QString &message, const QString &sku);
    void allLocationsChanged();
    void savingSetupChanged();
    /** A location saved (ok) or refused with message; the dialog shows it. */
    void locationSaved(bool ok, const QString &message, const QString &code);
    /** A supplier added (ok, with its name as stored) or refused with message. */
    void supplierAdded(bool ok, const QString &message, const QString &name);

private:
    void onFetched(quint64 request, const ProductDetail &detail);
    void onSaved(quint64 request, bool ok, const QString &message);
    void onLocationSaved(quint64 request, bool ok, const QString &message, const QString &code);
    void onSupplierAdded(quint64 request, bool ok, const QString &message, const QString &name);
    void refuse(const QString &message);
    void setMessage(const QString &message, bool failed);

    DatabaseWorker *m_worker;
    QString m_userName;
    LedgerModel *m_ledger;
    QTimer m_refetch;
    QString m_sku;
    QString m_loadedUpdatedAt; ///< the state the pane shows, for the editor's stale check
    quint64 m_pending = 0;
    quint64 m_saveRequest = 0;
    QString m_savingSku;
    bool m_loaded = false;
    bool m_found = false;
    qint64 m_productId = 0;
    QVariantMap m_product;
    QVariantList m_locations;
    QVariantList m_history;
    double m_historyFrom = 0;
    double m_historyTo = 0;
    int m_historyMax = 0;
    QString m_message;
    bool m_failed = false;
    QVariantList m_allLocations;
    quint64 m_locationsRequest = 0;
    quint64 m_setupRequest = 0;
};

} // namespace Stockroom
