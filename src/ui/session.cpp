// SPDX-License-Identifier: GPL-3.0-or-later
#include "session.h"

#include "changefeed.h"
#include "channelcontroller.h"
#include "dashboardmodel.h"
#include "databaseworker.h"
#include "exportcontroller.h"
#include "forecastcontroller.h"
#include "inventorydocuments.h"
#include "inventorymodel.h"
#include "ledgermodel.h"
#include "newordercontroller.h"
#include "orderactions.h"
#include "orderdetailcontroller.h"
#include "orderimportcontroller.h"
#include "ordermodel.h"
#include "presencetracker.h"
#include "productcontroller.h"
#include "productimportcontroller.h"
#include "auditcontroller.h"
#include "signincontroller.h"
#include "userscontroller.h"
#include "access.h"
#include "replenishmentcontroller.h"
#include "skualiascontroller.h"

namespace Stockroom {

Session::Session(const ConnectionSpec &spec, const QString &userName, QObject *parent)
    : Session(spec, Actor {userName, {}, Role::Admin, true}, parent)
{
}

Session::Session(const ConnectionSpec &spec, const Actor &actor, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_actor(actor)
    , m_userName(actor.userName)
    , m_worker(new DatabaseWorker(spec, actor.userName, actor.role))
    , m_feed(new ChangeFeed(spec))
    , m_dashboardDelay(new QTimer(this))
{
    m_thread.setObjectName(QStringLiteral("stockroom-db"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_orders = new OrderModel(m_worker, this);
    m_inventory = new InventoryModel(m_worker, this);
    m_dashboard = new DashboardModel(m_worker, this);
    m_orderActions = new OrderActions(m_worker, m_userName, this);
    m_orderDetail = new OrderDetailController(m_worker, this);
    m_product = new ProductController(m_worker, m_userName, this);
    m_productImport = new ProductImportController(m_worker, m_userName, this);
    m_orderImport = new OrderImportController(m_worker, m_userName, this);
    m_skuAliases = new SkuAliasController(m_worker, m_userName, this);
    m_newOrder = new NewOrderController(m_worker, m_userName, this);
    m_channelFeeds = new ChannelController(m_worker, m_userName, this);
    m_exports = new ExportController(m_worker, m_userName, this);
    m_forecast = new ForecastController(m_worker, m_userName, this);
    m_documents = new InventoryDocuments(m_worker, m_userName, this);
    m_replenishment = new ReplenishmentController(m_worker, m_userName, this);
    m_audit = new AuditController(m_worker, this);
    m_users = new UsersController(m_worker, this);
    connect(
        m_worker, &DatabaseWorker::choicesFetched, this,
        [this](quint64 request, const QStringList &channels, const QList<QPair<qint64, QString>> &locations) {
            if (request != m_choicesRequest) {
                return;
            }
            m_channels = channels;
            m_locations.clear();
            for (const auto &[id, code] : locations) {
                m_locations << QVariantMap {{QStringLiteral("id"), id}, {QStringLiteral("code"), code}};
            }
            Q_EMIT choicesChanged();
        });
    m_presence = new PresenceTracker(m_worker, m_userName, this);
    m_orders->setPresenceTracker(m_presence);
    connect(m_worker, &DatabaseWorker::opened, this, &Session::onOpened);
    connect(m_orders, &OrderModel::loaded, this, &Session::markLoaded);
    connect(m_inventory, &InventoryModel::loaded, this, &Session::markLoaded);
    connect(m_dashboard, &DashboardModel::loaded, this, &Session::markLoaded);
    connect(m_documents, &InventoryDocuments::loaded, this, &Session::markLoaded);

    // Live refresh: the feed shares the database thread; its signals reach the models queued.
    m_feed->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_feed, &QObject::deleteLater);
    connect(m_feed, &ChangeFeed::ordersChanged, m_orders, &OrderModel::applyChanges);
    connect(m_feed, &ChangeFeed::ordersChanged, m_orderDetail, &OrderDetailController::applyChanges);
    connect(m_feed, &ChangeFeed::stockChanged, m_inventory, &InventoryModel::applyChanges);
    connect(m_feed, &ChangeFeed::entitiesChanged, m_inventory, &InventoryModel::applyEntityChanges);
    connect(m_feed, &ChangeFeed::stockChanged, m_product, &ProductController::applyStockChanges);
    connect(m_feed, &ChangeFeed::entitiesChanged, m_product, &ProductController::applyEntityChanges);
    connect(m_feed, &ChangeFeed::stockChanged, m_product->ledger(), &LedgerModel::applyChanges);
    connect(m_feed, &ChangeFeed::entitiesChanged, m_documents, &InventoryDocuments::applyEntityChanges);
    connect(m_feed, &ChangeFeed::stockChanged, m_documents, &InventoryDocuments::applyStockChanges);
    connect(m_feed, &ChangeFeed::entitiesChanged, m_skuAliases, &SkuAliasController::applyEntityChanges);
    connect(m_feed, &ChangeFeed::ordersChanged, m_skuAliases, &SkuAliasController::applyOrderChanges);
    connect(m_feed, &ChangeFeed::entitiesChanged, m_channelFeeds, &ChannelController::applyEntityChanges);
    connect(m_feed, &ChangeFeed::ordersChanged, m_channelFeeds, &ChannelController::applyOrderChanges);
    connect(m_feed, &ChangeFeed::stockChanged, m_channelFeeds, &ChannelController::applyStockChanges);
    connect(m_feed, &ChangeFeed::stockChanged, m_forecast, &ForecastController::applyStockChanges);
    connect(m_feed, &ChangeFeed::ordersChanged, m_forecast, &ForecastController::applyOrderChanges);
    // Suggestions follow stock, orders and documents: the Replenish dialog offers to recompute.
    connect(m_feed, &ChangeFeed::changed, m_replenishment, &ReplenishmentController::applyChanges);
    connect(m_feed, &ChangeFeed::connectionChanged, this, &Session::onFeedConnection);
    connect(m_feed, &ChangeFeed::resyncNeeded, this, &Session::refresh);
    connect(m_feed, &ChangeFeed::entitiesChanged, m_presence, [this](const QString &entity) {
        if (entity == QLatin1String("presence")) {
            m_presence->refresh();
        }
    });
    // The location filters and pickers follow another desktop's new or renamed locations, the channel filter
    // another desktop's import (which may bring a new channel).
    connect(m_feed, &ChangeFeed::entitiesChanged, this, [this](const QString &entity) {
        if (entity == QLatin1String("location") || entity == QLatin1String("import")) {
            refreshChoices();
        }
    });
    // Our own save: at once, without waiting for the feed (it may be paused).
    connect(m_product, &ProductController::locationSaved, this, [this](bool ok) {
        if (ok) {
            refreshChoices();
        }
    });
    connect(m_orderImport, &OrderImportController::imported, this, &Session::refreshChoices);
    // The dashboard is all aggregates: one reload a second at most while changes stream in.
    m_dashboardDelay->setSingleShot(true);
    m_dashboardDelay->setInterval(1000);
    connect(m_dashboardDelay, &QTimer::timeout, m_dashboard, &DashboardModel::reload);
    connect(m_feed, &ChangeFeed::changed, m_dashboardDelay, [this] {
        if (!m_dashboardDelay->isActive()) {
            m_dashboardDelay->start();
        }
    });

    m_thread.start();
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->open(); });
}

Session::~Session()
{
    DatabaseWorker *worker = m_worker;
    ChangeFeed *feed = m_feed;
    const QString desktopId = m_presence->desktopId();
    m_presence->leave(); // no more heartbeats from here
    QMetaObject::invokeMethod(
        worker,
        [worker, feed, desktopId, user = m_userName] {
            worker->leavePresence(desktopId, user);
            feed->stop();
            worker->close();
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

LedgerModel *Session::ledger() const
{
    return m_product->ledger();
}

void Session::showDocument(const QString &kind, const QString &number)
{
    if (!number.trimmed().isEmpty()) {
        Q_EMIT openDocument(kind, number.trimmed());
    }
}

QString Session::engineName() const
{
    return m_spec.engine == Engine::SQLite ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL");
}

void Session::refreshChoices()
{
    m_choicesRequest = DatabaseWorker::newRequestId();
    const quint64 choices = m_choicesRequest;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, choices] { worker->fetchChoices(choices); });
}

void Session::refresh()
{
    refreshChoices();
    m_orderDetail->reload();
    m_orders->reload();
    m_inventory->reload();
    m_product->reload();
    m_product->ledger()->reload();
    m_dashboard->reload();
    m_documents->reload();
    m_forecast->reload();
    if (m_skuAliases->active()) {
        m_skuAliases->reload();
    }
    // One under way (the view was shown while the database opened) answers with what is there now.
    if (m_channelFeeds->active() && !m_channelFeeds->loading()) {
        m_channelFeeds->reload();
    }
}

void Session::onOpened(bool ok, const QString &error)
{
    if (!ok) {
        m_errorText = tr("%1 (trying again in %n s)", nullptr, m_retrySeconds).arg(error);
        Q_EMIT errorTextChanged();
        if (!m_ready) {
            m_ready = true;
            Q_EMIT readyChanged();
        }
        // The server may be starting or the network coming back: try again, less and less often.
        QTimer::singleShot(m_retrySeconds * 1000, this, [this] {
            DatabaseWorker *worker = m_worker;
            QMetaObject::invokeMethod(worker, [worker] { worker->open(); });
        });
        m_retrySeconds = std::min(60, m_retrySeconds * 2);
        return;
    }
    if (!m_errorText.isEmpty()) {
        m_errorText.clear();
        Q_EMIT errorTextChanged();
    }
    refresh();
    ChangeFeed *feed = m_feed;
    QMetaObject::invokeMethod(feed, [feed] { feed->start(); });
    m_presence->start();
}

void Session::onFeedConnection(bool connected, const QString &message)
{
    if (m_live != connected) {
        m_live = connected;
        Q_EMIT liveChanged();
    }
    const QString text = connected ? QString() : tr("Live refresh paused: %1").arg(message);
    // Coming back needs no reload: the feed catches up by seq and the models fetch just those rows.
    if (text != m_errorText) {
        m_errorText = text;
        Q_EMIT errorTextChanged();
    }
}

void Session::markLoaded()
{
    if (m_ready || --m_waitingFor > 0) {
        return;
    }
    m_ready = true;
    Q_EMIT readyChanged();
}

QString Session::roleText() const
{
    return Access::displayName(m_actor.role);
}

void Session::signOut()
{
    SignInController::forgetRemembered(m_spec);
    QCoreApplication::quit();
}

} // namespace Stockroom
