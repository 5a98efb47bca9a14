// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectionspec.h"
#include "userservice.h"

#include <QObject>
#include <QThread>
#include <QTimer>
#include <QtQmlIntegration>

namespace Stockroom {

class AuditController;
class ChangeFeed;
class UsersController;
class ChannelController;
class DashboardModel;
class DatabaseWorker;
class ExportController;
class ForecastController;
class InventoryDocuments;
class InventoryModel;
class LedgerModel;
class NewOrderController;
class ProductController;
class ProductImportController;
class OrderActions;
class OrderDetailController;
class OrderImportController;
class OrderModel;
class PresenceTracker;
class ReplenishmentController;
class SkuAliasController;

/**
 * One open database for the GUI: the worker thread with its connection and the models on top of it.
 * Created in main and handed to Main.qml as an initial property.
 */
class Session : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(Stockroom::OrderModel *orders READ orders CONSTANT)
    Q_PROPERTY(Stockroom::InventoryModel *inventory READ inventory CONSTANT)
    Q_PROPERTY(Stockroom::DashboardModel *dashboard READ dashboard CONSTANT)
    Q_PROPERTY(Stockroom::OrderActions *orderActions READ orderActions CONSTANT)
    Q_PROPERTY(Stockroom::OrderDetailController *orderDetail READ orderDetail CONSTANT)
    /** The product opened in the Inventory view, with its ledger. */
    Q_PROPERTY(Stockroom::ProductController *product READ product CONSTANT)
    Q_PROPERTY(Stockroom::LedgerModel *ledger READ ledger CONSTANT)
    /** Importing a product or stock file (the Inventory view's Import…). */
    Q_PROPERTY(Stockroom::ProductImportController *productImport READ productImport CONSTANT)
    /** Importing a shop platform's order file (the Orders view's Import orders…). */
    Q_PROPERTY(Stockroom::OrderImportController *orderImport READ orderImport CONSTANT)
    /** SKU aliases and the imported order lines waiting for one (the Orders view's SKU aliases…). */
    Q_PROPERTY(Stockroom::SkuAliasController *skuAliases READ skuAliases CONSTANT)
    // The property types must be complete where moc's code is compiled (every moc file in one unit, in name order).
    Q_MOC_INCLUDE("orderimportcontroller.h")
    Q_MOC_INCLUDE("skualiascontroller.h")
    /** The Orders view's New order… (phone orders), with the earliest promise of each line. */
    Q_PROPERTY(Stockroom::NewOrderController *newOrder READ newOrder CONSTANT)
    Q_MOC_INCLUDE("newordercontroller.h")
    /** The channels' stock feeds (the Channels view). */
    Q_PROPERTY(Stockroom::ChannelController *channelFeeds READ channelFeeds CONSTANT)
    /** Our CSV exports (the Orders and Inventory views' Export…). */
    Q_PROPERTY(Stockroom::ExportController *exports READ exports CONSTANT)
    Q_MOC_INCLUDE("channelcontroller.h")
    Q_MOC_INCLUDE("exportcontroller.h")
    /** The Forecast view: a product's demand, forecast, replenishment, ATP and policy simulator. */
    Q_PROPERTY(Stockroom::ForecastController *forecast READ forecast CONSTANT)
    Q_MOC_INCLUDE("forecastcontroller.h")
    /** Purchase orders, transfers and stock counts (the Receiving, Transfers and Counts views). */
    Q_PROPERTY(Stockroom::InventoryDocuments *documents READ documents CONSTANT)
    /** Replenishment suggestions accepted as drafts (the Dashboard's Replenish…), and promises at order entry. */
    Q_PROPERTY(Stockroom::ReplenishmentController *replenishment READ replenishment CONSTANT)
    Q_MOC_INCLUDE("replenishmentcontroller.h")
    /** For the Orders view's filters: channels seen, and the locations as {id, code}. */
    Q_PROPERTY(QStringList channels READ channels NOTIFY choicesChanged)
    Q_PROPERTY(QVariantList locations READ locations NOTIFY choicesChanged)
    Q_PROPERTY(Stockroom::PresenceTracker *presence READ presence CONSTANT)
    Q_PROPERTY(QString userName READ userName CONSTANT)
    /** clerk, manager or admin: views and actions the role may not use are hidden (the services refuse them). */
    Q_PROPERTY(QString role READ role CONSTANT)
    Q_PROPERTY(QString roleText READ roleText CONSTANT)
    Q_PROPERTY(bool isManager READ isManager CONSTANT)
    Q_PROPERTY(bool isAdmin READ isAdmin CONSTANT)
    /** Nobody signed in: the database has no users yet and everyone acts as administrator. */
    Q_PROPERTY(bool unclaimed READ unclaimed CONSTANT)
    /** The Audit view (managers and administrators). */
    Q_PROPERTY(Stockroom::AuditController *audit READ audit CONSTANT)
    /** The Users dialog (administrators; everyone for their own password). */
    Q_PROPERTY(Stockroom::UsersController *users READ users CONSTANT)
    Q_MOC_INCLUDE("auditcontroller.h")
    Q_MOC_INCLUDE("userscontroller.h")
    Q_PROPERTY(QString databaseName READ databaseName CONSTANT)
    Q_PROPERTY(QString engineName READ engineName CONSTANT)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    /** Live refresh is running: other desktops' commits show up by themselves. */
    Q_PROPERTY(bool live READ live NOTIFY liveChanged)
    /** True once the database is open and every model has its first data (or an error). */
    Q_PROPERTY(bool ready READ ready NOTIFY readyChanged)

public:
    Session(const ConnectionSpec &spec, const QString &userName, QObject *parent = nullptr);
    /** A session of a signed-in user (or of anyone on an unclaimed database). */
    Session(const ConnectionSpec &spec, const Actor &actor, QObject *parent = nullptr);
    ~Session() override;

    /** The change feed (it lives on its own thread: connect to it queued). */
    ChangeFeed *changeFeed() const { return m_feed; }

    OrderModel *orders() const { return m_orders; }
    InventoryModel *inventory() const { return m_inventory; }
    DashboardModel *dashboard() const { return m_dashboard; }
    OrderActions *orderActions() const { return m_orderActions; }
    OrderDetailController *orderDetail() const { return m_orderDetail; }
    ProductController *product() const { return m_product; }
    ProductImportController *productImport() const { return m_productImport; }
    OrderImportController *orderImport() const { return m_orderImport; }
    SkuAliasController *skuAliases() const { return m_skuAliases; }
    NewOrderController *newOrder() const { return m_newOrder; }
    ChannelController *channelFeeds() const { return m_channelFeeds; }
    ExportController *exports() const { return m_exports; }
    ForecastController *forecast() const { return m_forecast; }
    LedgerModel *ledger() const;
    InventoryDocuments *documents() const { return m_documents; }
    ReplenishmentController *replenishment() const { return m_replenishment; }
    QStringList channels() const { return m_channels; }
    QVariantList locations() const { return m_locations; }
    PresenceTracker *presence() const { return m_presence; }
    QString userName() const { return m_userName; }
    QString role() const { return roleName(m_actor.role); }
    QString roleText() const;
    bool isManager() const { return roleAllows(m_actor.role, Role::Manager); }
    bool isAdmin() const { return roleAllows(m_actor.role, Role::Admin); }
    bool unclaimed() const { return m_actor.unclaimed; }
    AuditController *audit() const { return m_audit; }
    UsersController *users() const { return m_users; }
    Actor actor() const { return m_actor; }
    QString databaseName() const { return m_spec.displayString(); }
    QString engineName() const;
    QString errorText() const { return m_errorText; }
    bool ready() const { return m_ready; }
    bool live() const { return m_live; }

    /** Forgets this desktop's remembered sign-in and quits; the next start asks for a name and password. */
    Q_INVOKABLE void signOut();
    /** Reloads every view (F5). */
    Q_INVOKABLE void refresh();
    /** Fetches channels and locations again (a location was added or changed). */
    Q_INVOKABLE void refreshChoices();
    /**
     * Asks the window to show a document: kind order, purchase_order, transfer or count, by its number
     * (SO-…, PO-…, TR-…, SC-…); e.g. a reference clicked in a product's ledger.
     */
    Q_INVOKABLE void showDocument(const QString &kind, const QString &number);

Q_SIGNALS:
    void errorTextChanged();
    void readyChanged();
    void liveChanged();
    void choicesChanged();
    /** Main.qml switches to the view of that kind of document and shows it. */
    void openDocument(const QString &kind, const QString &number);

private:
    void onOpened(bool ok, const QString &error);
    void markLoaded();
    void onFeedConnection(bool connected, const QString &message);

    ConnectionSpec m_spec;
    Actor m_actor;
    QString m_userName;
    QThread m_thread;
    DatabaseWorker *m_worker;
    OrderModel *m_orders;
    InventoryModel *m_inventory;
    DashboardModel *m_dashboard;
    OrderActions *m_orderActions;
    OrderDetailController *m_orderDetail;
    ProductController *m_product;
    ProductImportController *m_productImport;
    OrderImportController *m_orderImport;
    SkuAliasController *m_skuAliases;
    NewOrderController *m_newOrder;
    ChannelController *m_channelFeeds;
    ExportController *m_exports;
    ForecastController *m_forecast;
    InventoryDocuments *m_documents;
    ReplenishmentController *m_replenishment;
    AuditController *m_audit;
    UsersController *m_users;
    QStringList m_channels;
    QVariantList m_locations;
    quint64 m_choicesRequest = 0;
    PresenceTracker *m_presence;
    ChangeFeed *m_feed;
    QTimer *m_dashboardDelay;
    QString m_errorText;
    int m_waitingFor = 4; ///< orders, inventory, dashboard, documents
    bool m_ready = false;
    bool m_live = false;
    int m_retrySeconds = 2;
};

} // namespace Stockroom
