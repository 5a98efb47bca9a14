// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auditrepository.h"
#include "connectionspec.h"
#include "role.h"
#include "fulfilmentservice.h"
#include "inventoryrepository.h"
#include "orderrepository.h"
#include "planningservice.h"
#include "presencerepository.h"
#include "reportrepository.h"
#include "shippinglabel.h"
#include "stockrepository.h"

#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QObject>

#include <functional>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace Stockroom {

class Database;
struct OrderImportRequest;
struct PlaceOrderRequest;
struct ProductImportRequest;

struct DashboardData
{
    QList<DailyDemand> days;
    QHash<QString, qint64> ordersByStatus;
    StockSummary stock;
};

/** One product for the Inventory view's detail pane: the record, its stock per location, its history. */
struct ProductDetail
{
    bool found = false;
    ProductRecord product;
    QList<LocationRecord> locations; ///< every location, for the stock settings
    QList<StockLevelRow> levels; ///< the grid's rows of this product
    QList<StockPoint> history; ///< end-of-day on hand per location
};

/** A ledger row and the order its reference belongs to (shipments and returns are opened by their order). */
struct LedgerLine
{
    LedgerEntry entry;
    qint64 orderId = 0;
};

/**
 * What the Forecast view learns from and plans with: a product at one location (or all), its demand history
 * at one frequency, and its stock position and reorder settings now.
 */
struct ForecastTarget
{
    qint64 productId = 0;
    QString sku;
    QString productName;
    qint64 locationId = 0; ///< 0: every active location together
    QString locationCode;
    qint64 unitCostCents = 0; ///< moving average cost
    DemandHistory history;
    int onHand = 0;
    int reserved = 0;
    int backordered = 0; ///< owed to waiting backorders that arriving stock would serve here
    int onOrder = 0;
    int inTransit = 0;
    int reorderPoint = 0; ///< the location's settings (0 for all locations)
    int reorderQty = 0;
    QString supplier; ///< of the latest purchase order; empty: never bought
    int supplierLeadTimeDays = 7;
};

/**
 * The GUI's only way to the database: lives on its own thread with its own connection, takes requests as
 * queued calls and answers with signals that carry values. Nothing here runs on the GUI thread.
 */
class DatabaseWorker : public QObject
{
    Q_OBJECT

public:
    /** Every service call acts as userName with role (fixed for the worker's life: one session, one user). */
    explicit DatabaseWorker(const ConnectionSpec &spec, const QString &userName = {}, Role role = Role::Admin);
    ~DatabaseWorker() override;

    /** Counting orders stops here: the view says "100,000+". */
    static constexpr qint64 OrderCountCap = 100'000;

    /**
     * Called from the GUI thread when a model asks for a new first page: the count of an older filter of the
     * same model is then skipped, so typing a search does not queue a count per key.
     */
    void noteLatestOrderRequest(const void *owner, quint64 request);

    /** A request id unique across every model of the process (answers carry it back). */
    static quint64 newRequestId();

    // Run on the worker thread (through QMetaObject::invokeMethod).
    void open();
    void close();
    void fetchOrders(quint64 request, const Stockroom::OrderCursor &after, int limit,
                     const Stockroom::OrderFilter &filter, const void *owner = nullptr);
    void fetchStock(quint64 request, const QString &search);
    void fetchOrdersById(quint64 request, const QList<qint64> &ids, const Stockroom::OrderFilter &filter);
    /** How many orders a filter has (capped), answered with ordersCounted. */
    void countOrders(quint64 request, const Stockroom::OrderFilter &filter);
    void fetchOrderDetail(quint64 request, const QString &number);
    void fetchChoices(quint64 request);
    void fetchPackProgress(quint64 request, const QString &number);
    void fetchLevels(quint64 request, const QList<QPair<qint64, qint64>> &pairs);
    void fetchDashboard(quint64 request, const QDate &from);
    /** Writes go through the services, in their own transaction, on this thread. */
    void announcePresence(const Stockroom::PresenceRecord &presence);
    void leavePresence(const QString &desktopId, const QString &user);
    void fetchPresence(quint64 request);
    /**
     * An action on one order (with the version the clerk saw, or -1) or on a selection: cancel, ship, pay,
     * authorize, void, refund, hold, unhold, release, labels (a PDF of their labels), pickList. Each order
     * is its own transaction; the answer sums up what was done and what was refused, and why.
     */
    void runOrderAction(quint64 request, const QString &action, const QStringList &numbers, int version,
                        const QVariantMap &args, const QString &user);
    /** Writes a document (labels of orders, a location's pick list) to args["file"]. */
    void writeDocument(quint64 request, const QString &action, const QStringList &numbers,
                       const QVariantMap &args);
    /** The labels of these orders as values, for printing on the GUI thread. */
    void fetchLabels(quint64 request, const QStringList &numbers);
    /** One barcode scanned while packing. */
    void scanItem(quint64 request, const QString &number, const QString &barcode, const QString &user);

    // The Inventory view's grid, product pane and ledger (databaseworker_products.cpp).
    /** Answers with stockFetched. */
    void fetchGrid(quint64 request, const Stockroom::StockGridFilter &filter);
    /** Answers with levelsRefreshed: the grid rows of these pairs. */
    void fetchGridLevels(quint64 request, const QList<QPair<qint64, qint64>> &pairs);
    void fetchProduct(quint64 request, const QString &sku, int historyDays);
    /** One keyset page of a product's ledger (newest first, ids below beforeId; 0: the newest). */
    void fetchLedger(quint64 request, qint64 productId, qint64 locationId, qint64 beforeId, int limit);
    /** Adds (create) or changes a product through CatalogService; answers with productSaved. */
    void saveProduct(quint64 request, const Stockroom::ProductRecord &product, bool create,
                     const QString &user);
    void saveStockSettings(quint64 request, const QString &sku, const QString &locationCode,
                           const QString &bin, int reorderPoint, int reorderQty, const QString &user);
    /**
     * A product or stock file through ProductImporter, all or nothing (nothing at all on a dry run).
     * Answers with productsImported: {ok, message (when not ok: the database refused), dryRun, format,
     * rowsRead, products, created, updated, unchanged, stockChanged, unitsIn, unitsOut, importId (0: nothing
     * applied), problems ("file:line: column: why"), unknownLocations (the file's location names that are
     * none of ours, mapped or not), milliseconds}.
     */
    void importProducts(quint64 request, const Stockroom::ProductImportRequest &import, const QString &user);
    /**
     * Every location, active or not, by priority: answers with locationsFetched as [{code, name, kind,
     * priority, postcode, region, address, active}].
     */
    void fetchLocations(quint64 request);
    /** Adds (create) or changes a location through CatalogService; answers with locationSaved. */
    void saveLocation(quint64 request, const Stockroom::LocationRecord &location, bool create,
                      const QString &user);
    /** A new supplier through PurchaseService; answers with supplierAdded (its name as stored). */
    void addSupplier(quint64 request, const QString &name, const QString &email, int leadTimeDays,
                     const QString &user);

    // Purchase orders, transfers and stock counts (databaseworker_inventory.cpp): rows and documents as maps.
    /** Answers with documentsFetched: a list of one kind, newest first; status "open", "" (all) or one. */
    void fetchDocuments(quint64 request, Stockroom::DocumentKind kind, const QString &status, int limit);
    /** Answers with documentFetched: the document with its lines, or failed. */
    void fetchDocument(quint64 request, Stockroom::DocumentKind kind, const QString &number);
    void fetchSuppliers(quint64 request);
    /**
     * An action on a document with the version the clerk saw (or -1): create, order, receive, close, cancel
     * (purchase orders); create, request, ship, receive, approveMissing, rejectMissing, cancel (transfers);
     * start, record, submit, approve, reject, reopen (counts). Answers with documentActionFinished.
     */
    void runDocumentAction(quint64 request, Stockroom::DocumentKind kind, const QString &action,
                           const QString &number, int version, const QVariantMap &args, const QString &user);

    // Order imports and SKU aliases (databaseworker_orders_import.cpp).
    /**
     * An order file through OrderImporter, all or nothing (nothing at all on a dry run). Answers with
     * ordersImported: {ok, message (when not ok: refused or the database failed), dryRun, applied, format,
     * channel, rowsRead, ordersNew, ordersUpdated, ordersUnchanged, ordersOnHold, ordersSkipped, lines,
     * linesSkipped, unitsReserved, unitsBackordered, unknownSkus, notices [{kind, line, externalId, number,
     * message}], importId, problems ("file:line: column: why"), milliseconds}.
     */
    void importOrders(quint64 request, const Stockroom::OrderImportRequest &import, const QString &user);
    /** Every SKU alias: answers with skuAliasesFetched [{channel, alias, sku, product, by, at}]. */
    void fetchSkuAliases(quint64 request);
    /**
     * Lines waiting for a SKU mapping, of all open orders or of one: answers with unmatchedLinesFetched
     * [{order, channel, externalId, orderStatus, line, sku, name, label, alias, qty}].
     */
    void fetchUnmatchedLines(quint64 request, const QString &orderNumber);
    /** Maps a platform's SKU or item name to ours; answers with skuAliasChanged (ok, message). */
    void setSkuAlias(quint64 request, const QString &channel, const QString &alias, const QString &sku,
                     const QString &user);
    void removeSkuAlias(quint64 request, const QString &channel, const QString &alias, const QString &user);
    /** Drops a waiting line from its order (it will not be sent); answers with skuAliasChanged. */
    void dropUnmatchedLine(quint64 request, const QString &orderNumber, int lineNo, const QString &user);
    /** Products whose SKU or name contains the text, for a picker: productsFound [{sku, name, available}]. */
    void findProducts(quint64 request, const QString &text, int limit);

    // The New order dialog (databaseworker_neworder.cpp).
    /**
     * Places an order through OrderService::place, each line's earliest promise asked first (as place-order
     * does). Answers with orderPlaced {ok, message (refused: an unknown SKU with its line, or the service's
     * refusal; nothing placed), number, status, explanation, lines [{sku, name, qty, allocated, backordered,
     * promise}]}.
     */
    void placeOrder(quint64 request, const Stockroom::PlaceOrderRequest &order, const QString &user);

    // The channels' stock feeds and the exports (databaseworker_feed.cpp).
    /**
     * Every channel with its feed state: answers with channelFeedsFetched [{name, stored, format, bufferUnits,
     * bufferPercent, locations (codes; empty: every active one), writtenAt (stored time; empty: never),
     * writtenBy, file, changedSkus, changedItems}].
     */
    void fetchChannelFeeds(quint64 request);
    /**
     * The numbers of the channel's feed that differ from its last feed: answers with feedChangesFetched, the
     * first `limit` of them as [{sku, location ("": the SKU's total), last (absent: the last feed had none),
     * now (absent: the feed no longer has it)}], and how many there are.
     */
    void fetchFeedChanges(quint64 request, const QString &channel, int limit);
    /**
     * Writes the channel's feed in its format to fileName (StockFeed::writeFile): answers with
     * channelFeedWritten {ok, message, channel, format, file, rows, skus, changedItems, changedSkus, writtenAt}.
     */
    void writeChannelFeed(quint64 request, const QString &channel, const QString &fileName,
                          const QString &user);
    /** FeedService::setFeedSettings; answers with channelFeedSettingsSaved (ok, or the service's refusal). */
    void saveChannelFeedSettings(quint64 request, const QString &channel, int bufferUnits, int bufferPercent,
                                 const QStringList &locations, const QString &format, const QString &user);
    /**
     * One of our CSV exports (DataExport::writeFile) to fileName; since: a stored time or empty. Answers with
     * dataExported {ok, message, kind, file, rows}.
     */
    void exportData(quint64 request, const QString &kind, const QString &fileName, const QString &since,
                    const QString &user);

    // The managers' views: Dashboard figures, replenishment, promises (databaseworker_planning.cpp).
    /**
     * The Dashboard's planning figures on one snapshot, answered with dashboardInsightsFetched: {locations
     * [{code, name, units, valueCents, value, share}], stockValue(Cents), risks [{sku, productId, name, location,
     * locationId, available, projected, cover, coverText, leadTime, leadTimeText, rate, rateText, outText}],
     * riskCount, movers [{sku, productId, name, units, unitsText, previousUnits, change, rising}], slow [{sku,
     * productId, name, onHand, onHandText, valueCents, value, idleDays, over90, since}], slowCount,
     * slowValue(Cents), weeks [{date, units, revenueCents, trend}], salesSlope, salesUnits, salesText, accuracy
     * [{date, actual (absent for weeks to come), forecast}], accuracyMase, accuracyNaiveMase, accuracyBias,
     * accuracyMethod, accuracyText}.
     */
    void fetchDashboardInsights(quint64 request, const QDate &today);
    /**
     * PlanningService::replenishment; answers with replenishmentFetched {ok, message (refused), rows [{id, kind
     * (buy, move), group, groupTitle, supplierKnown, sku, name, location, qty, value, reason, detail}], plans,
     * atRisk, suppliers (names)}.
     */
    void fetchReplenishment(quint64 request, qint64 locationId, double serviceLevel, double reviewDays);
    /**
     * Accepts suggestions as drafts: `ids` with their own supplier, `unknownSupplierIds` from `supplier`.
     * Answers with suggestionsAccepted {ok, message, documents [{kind, id, number, text}], acceptedIds}.
     */
    void acceptSuggestions(quint64 request, const QStringList &ids, const QStringList &unknownSupplierIds,
                           const QString &supplier, qint64 locationId, double serviceLevel, double reviewDays,
                           const QString &user);
    /**
     * The earliest promise of qty units of a SKU (from one location, or any when the code is empty) within
     * `days`: answers with promiseChecked {sku, qty, state (now, later, none, error), text, detail, date,
     * explanation}.
     */
    void checkPromise(quint64 request, const QString &sku, int qty, const QString &locationCode, int days);

    // The Forecast view (databaseworker_forecast.cpp).
    /**
     * A product at a location (empty code: all) with its demand history from `from` to today at that
     * frequency, and its stock position now; an empty SKU takes the product of most value shipped in the last
     * 90 days (what a manager looks at first). Answers with forecastTargetFetched, or failed.
     */
    void fetchForecastTarget(quint64 request, const QString &sku, const QString &locationCode,
                             Stockroom::DemandFrequency frequency, const QDate &from);
    /** PlanningService::atp with the view's forecast as its band; answers with atpFetched, or failed. */
    void fetchAtp(quint64 request, qint64 productId, qint64 locationId, int days,
                  const Stockroom::ForecastBand &band);
    /** PlanningService::earliestPromise; answers with promiseFetched, or failed. */
    void fetchPromise(quint64 request, qint64 productId, int qty, qint64 locationId, int days);
    /** The audit trail, newest first (keyset paging); answers with auditFetched. */
    void fetchAudit(quint64 request, const Stockroom::AuditFilter &filter, int limit, const QString &beforeAt,
                    qint64 beforeId);
    /**
     * Users (admin): action list, add {name, fullName, role, password}, role {name, role}, enable/disable
     * {name}, password {name, password}; answers with userActionFinished and the users as they are then.
     */
    void runUserAction(quint64 request, const QString &action, const QVariantMap &arguments);
    /** Reorder point and quantity through CatalogService (the bin stays); answers with reorderSettingsSaved. */
    void saveReorderSettings(quint64 request, const QString &sku, const QString &locationCode,
                             int reorderPoint, int reorderQty, const QString &user);

Q_SIGNALS:
    void opened(bool ok, const QString &error);
    void ordersFetched(quint64 request, const QList<Stockroom::OrderHeader> &orders, qint64 total);
    /** After the first page of a filter: how many orders it has, up to OrderCountCap. */
    void ordersCounted(quint64 request, qint64 total);
    void stockFetched(quint64 request, const QList<Stockroom::StockLevelRow> &levels);
    /** Answers to the live refresh: the current state of the rows another desktop changed. */
    void ordersRefreshed(quint64 request, const QList<Stockroom::OrderHeader> &orders,
                         const QList<qint64> &asked);
    void detailFetched(quint64 request, const Stockroom::OrderDetail &detail);
    void choicesFetched(quint64 request, const QStringList &channels,
                        const QList<QPair<qint64, QString>> &locations);
    /** Packing progress after a scan (ok) or a refusal (wrong item, too many) with its message. */
    void packProgressFetched(quint64 request, bool ok, const QString &message,
                             const Stockroom::PackProgress &progress);
    void levelsRefreshed(quint64 request, const QList<Stockroom::StockLevelRow> &levels);
    void dashboardFetched(quint64 request, const Stockroom::DashboardData &data);
    void failed(quint64 request, const QString &message);
    void presenceFetched(quint64 request, const QList<Stockroom::PresenceRecord> &records);
    /** An action finished: ok, or refused with a message (stale: somebody changed the record first). */
    void actionFinished(quint64 request, bool ok, bool stale, const QString &message);
    void documentWritten(const QString &fileName);
    void labelsFetched(quint64 request, const QList<Stockroom::LabelData> &labels,
                       const QStringList &skipped);
    void productFetched(quint64 request, const Stockroom::ProductDetail &detail);
    void ledgerFetched(quint64 request, const QList<Stockroom::LedgerLine> &lines);
    /** A product or its stock settings saved (ok) or refused with the clerk's message. */
    void productSaved(quint64 request, bool ok, const QString &message);
    void productsImported(quint64 request, const QVariantMap &report);
    void locationsFetched(quint64 request, const QVariantList &locations);
    /** A location added or saved (ok) or refused with the clerk's message. */
    void locationSaved(quint64 request, bool ok, const QString &message, const QString &code);
    void supplierAdded(quint64 request, bool ok, const QString &message, const QString &name);
    void documentsFetched(quint64 request, const QVariantList &rows);
    void documentFetched(quint64 request, const QVariantMap &document);
    /** [{name, leadTimeDays}] */
    void suppliersFetched(quint64 request, const QVariantList &suppliers);
    /** The document after the action (empty when refused); stale: somebody changed it first. */
    void documentActionFinished(quint64 request, bool ok, bool stale, const QString &message,
                                const QVariantMap &document);
    void ordersImported(quint64 request, const QVariantMap &report);
    void skuAliasesFetched(quint64 request, const QVariantList &aliases);
    void unmatchedLinesFetched(quint64 request, const QVariantList &lines);
    /** An alias set or removed, or a waiting line dropped (ok), or refused with the clerk's message. */
    void skuAliasChanged(quint64 request, bool ok, const QString &message);
    void productsFound(quint64 request, const QVariantList &products);
    void orderPlaced(quint64 request, const QVariantMap &result);
    void channelFeedsFetched(quint64 request, const QVariantList &channels);
    void feedChangesFetched(quint64 request, const QString &channel, const QVariantList &changes, int total);
    void channelFeedWritten(quint64 request, const QVariantMap &result);
    void channelFeedSettingsSaved(quint64 request, bool ok, const QString &message);
    void dataExported(quint64 request, const QVariantMap &result);
    void dashboardInsightsFetched(quint64 request, const QVariantMap &insights);
    void replenishmentFetched(quint64 request, const QVariantMap &report);
    void suggestionsAccepted(quint64 request, const QVariantMap &result);
    void promiseChecked(quint64 request, const QVariantMap &promise);
    void forecastTargetFetched(quint64 request, const Stockroom::ForecastTarget &target);
    void atpFetched(quint64 request, const Stockroom::AtpTimeline &timeline);
    void promiseFetched(quint64 request, const Stockroom::Promise &promise);
    /** Reorder settings saved (ok) or refused with the clerk's message. */
    void reorderSettingsSaved(quint64 request, bool ok, const QString &message);
    void auditFetched(quint64 request, const QList<Stockroom::AuditEntry> &entries, const QStringList &userNames,
                      const QString &error);
    void userActionFinished(quint64 request, bool ok, const QString &message, const QVariantList &users);

private:
    /**
     * Runs a read; when it fails because the server went away (PostgreSQL restarted, network back),
     * reopens the connection once and runs it again. Returns the error message, or an empty string.
     */
    QString withDatabase(const std::function<QString(Database &)> &read);

    bool superseded(const void *owner, quint64 request) const;
    /** A read whose refusals (unknown SKU, …) come back as they are: only database errors reconnect. */
    template<typename T>
    Result<T> refusedOrRead(const std::function<Result<T>(Database &)> &read);
    /** The labels of the shipped ones among these orders; the others (not shipped, no tracking) in skipped. */
    static Status labelsOf(Database &db, const QStringList &numbers, QList<LabelData> &labels,
                           QStringList &skipped);
    /** Runs a read and hands its value to deliver, or reports failed(request, message). */
    template<typename T>
    void answer(quint64 request, const std::function<Result<T>(Database &)> &read,
                const std::function<void(const T &)> &deliver)
    {
        T value {};
        const QString error = withDatabase([&](Database &db) {
            Result<T> result = read(db);
            if (result) {
                value = *result;
            }
            return result.error().message;
        });
        if (!error.isEmpty()) {
            Q_EMIT failed(request, error);
            return;
        }
        deliver(value);
    }

    ConnectionSpec m_spec;
    const QString m_userName;
    const Role m_role;
    std::unique_ptr<Database> m_db;
    mutable QMutex m_latestMutex;
    QHash<const void *, quint64> m_latestOrderRequest;
};

} // namespace Stockroom

Q_DECLARE_METATYPE(Stockroom::OrderCursor)
Q_DECLARE_METATYPE(Stockroom::OrderFilter)
Q_DECLARE_METATYPE(Stockroom::OrderDetail)
Q_DECLARE_METATYPE(Stockroom::PackProgress)
Q_DECLARE_METATYPE(Stockroom::LabelData)
Q_DECLARE_METATYPE(Stockroom::OrderHeader)
Q_DECLARE_METATYPE(Stockroom::StockLevelRow)
Q_DECLARE_METATYPE(Stockroom::DashboardData)
Q_DECLARE_METATYPE(Stockroom::PresenceRecord)
Q_DECLARE_METATYPE(Stockroom::StockGridFilter)
Q_DECLARE_METATYPE(Stockroom::ProductDetail)
Q_DECLARE_METATYPE(Stockroom::LedgerLine)
Q_DECLARE_METATYPE(Stockroom::ForecastTarget)
Q_DECLARE_METATYPE(Stockroom::ForecastBand)
Q_DECLARE_METATYPE(Stockroom::AtpTimeline)
Q_DECLARE_METATYPE(Stockroom::Promise)
