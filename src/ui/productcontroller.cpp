// SPDX-License-Identifier: GPL-3.0-or-later
#include "productcontroller.h"

#include "databaseworker.h"
#include "inventorymodel.h"
#include "labels.h"
#include "ledgermodel.h"
#include "tracking.h"

#include <QLocale>

#include <cmath>
#include <optional>

namespace Stockroom {

namespace {

/** Money typed into the editor, in cents; empty is 0. */
std::optional<qint64> centsFrom(const QString &text)
{
    return text.trimmed().isEmpty() ? std::optional<qint64>(0) : Labels::typedMoney(text);
}

/** A whole number as typed; empty is 0; nullopt when it is not one or below 0. */
std::optional<int> countFrom(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return 0;
    }
    bool ok = false;
    int value = QLocale().toInt(trimmed, &ok);
    if (!ok) {
        value = trimmed.toInt(&ok);
    }
    return ok && value >= 0 ? std::optional<int>(value) : std::nullopt;
}

/** Cents as the editor shows them again: digits and the locale's decimal point, no currency. */
QString plainAmount(qint64 cents)
{
    return QLocale().toString(double(cents) / 100.0, 'f', 2).remove(QLocale().groupSeparator());
}

double dayStart(const QDate &day)
{
    return double(day.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch());
}

} // namespace

ProductController::ProductController(DatabaseWorker *worker, const QString &userName, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_userName(userName)
    , m_ledger(new LedgerModel(worker, this))
{
    qRegisterMetaType<Stockroom::ProductDetail>();
    connect(worker, &DatabaseWorker::productFetched, this, &ProductController::onFetched);
    connect(worker, &DatabaseWorker::productSaved, this, &ProductController::onSaved);
    connect(worker, &DatabaseWorker::locationSaved, this, &ProductController::onLocationSaved);
    connect(worker, &DatabaseWorker::supplierAdded, this, &ProductController::onSupplierAdded);
    connect(worker, &DatabaseWorker::locationsFetched, this,
            [this](quint64 request, const QVariantList &rows) {
                if (request != m_locationsRequest) {
                    return;
                }
                m_locationsRequest = 0;
                m_allLocations = rows;
                Q_EMIT allLocationsChanged();
            });
    // A receipt of many lines or a burst of orders changes the stock many times a second: fetch once.
    m_refetch.setSingleShot(true);
    m_refetch.setInterval(250);
    connect(&m_refetch, &QTimer::timeout, this, &ProductController::reload);
}

void ProductController::setSku(const QString &sku)
{
    open(sku, 0);
}

void ProductController::open(const QString &sku, int productId)
{
    const QString trimmed = sku.trimmed();
    if (trimmed == m_sku) {
        return;
    }
    m_sku = trimmed;
    Q_EMIT skuChanged();
    m_loaded = false;
    m_found = false;
    m_productId = productId;
    m_product.clear();
    m_locations.clear();
    m_history.clear();
    m_historyMax = 0;
    Q_EMIT detailChanged();
    m_ledger->setProductId(productId);
    clearMessage();
    reload();
}

void ProductController::reload()
{
    if (m_sku.isEmpty()) {
        return;
    }
    m_pending = DatabaseWorker::newRequestId();
    const quint64 id = m_pending;
    const QString sku = m_sku;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=] { worker->fetchProduct(id, sku, HistoryDays); });
}

void ProductController::onFetched(quint64 request, const ProductDetail &detail)
{
    if (request != m_pending) {
        return;
    }
    m_pending = 0;
    m_loaded = true;
    m_found = detail.found;
    if (!detail.found) {
        m_productId = 0;
        m_product.clear();
        m_locations.clear();
        m_history.clear();
        m_ledger->setProductId(0);
        Q_EMIT detailChanged();
        return;
    }
    const ProductRecord &product = detail.product;
    m_productId = product.id;
    m_loadedUpdatedAt = product.updatedAt;
    const QLocale locale;
    m_product = {
        {QStringLiteral("sku"), product.sku},
        {QStringLiteral("name"), product.name},
        {QStringLiteral("gtin"), product.gtin},
        {QStringLiteral("active"), product.active},
        {QStringLiteral("unitCost"), Labels::money(product.unitCostCents)},
        {QStringLiteral("averageCost"), Labels::money(product.averageCostCents)},
        {QStringLiteral("price"), Labels::money(product.priceCents)},
        {QStringLiteral("unitCostInput"), plainAmount(product.unitCostCents)},
        {QStringLiteral("priceInput"), plainAmount(product.priceCents)},
        {QStringLiteral("weightGrams"), product.weightGrams},
        {QStringLiteral("weight"),
         tr("%1 g", "@info weight in grams").arg(locale.toString(product.weightGrams))},
    };

    // Stock and settings per location: every active location, so that a reorder point can be set where the
    // product never was yet; an inactive one only while it still has something of it.
    QHash<qint64, StockLevelRow> levels;
    for (const StockLevelRow &level : detail.levels) {
        levels.insert(level.locationId, level);
    }
    m_locations.clear();
    for (const LocationRecord &location : detail.locations) {
        const auto found = levels.constFind(location.id);
        if (!location.active && found == levels.cend()) {
            continue;
        }
        StockLevelRow level = found == levels.cend() ? StockLevelRow {} : *found;
        level.locationId = location.id;
        const QString state = InventoryModel::levelOf(level);
        m_locations << QVariantMap {
            {QStringLiteral("locationId"), location.id},
            {QStringLiteral("code"), location.code},
            {QStringLiteral("name"), location.name},
            {QStringLiteral("bin"), level.binCode},
            {QStringLiteral("reorderPoint"), level.reorderPoint},
            {QStringLiteral("reorderQty"), level.reorderQty},
            {QStringLiteral("onHand"), level.onHand},
            {QStringLiteral("reserved"), level.reserved},
            {QStringLiteral("available"), level.available()},
            {QStringLiteral("inTransit"), level.inTransit},
            {QStringLiteral("onOrder"), level.onOrder},
            {QStringLiteral("projected"), level.projected()},
            {QStringLiteral("level"), state},
            {QStringLiteral("stocked"), found != levels.cend()},
        };
    }

    // Stock over time: closing balances per day become steps (a change shows on the day it happened),
    // from the first day of the window, where the balance was what the earliest point says.
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QDate since = today.addDays(-HistoryDays + 1);
    m_historyFrom = dayStart(since);
    m_historyTo = dayStart(today);
    m_historyMax = 0;
    QMap<qint64, QMap<QDate, int>> byLocation; // ordered days per location
    for (const StockPoint &point : detail.history) {
        const QDate day = QDate::fromString(point.day, Qt::ISODate);
        if (day.isValid() && day >= since) {
            byLocation[point.locationId].insert(day, point.onHand);
        }
    }
    m_history.clear();
    for (const LocationRecord &location : detail.locations) {
        const auto days = byLocation.constFind(location.id);
        if (days == byLocation.cend() || days->isEmpty()) {
            continue;
        }
        QVariantList points;
        std::optional<int> previous;
        if (days->firstKey() > since) {
            points << QVariantMap {{QStringLiteral("x"), dayStart(since)},
                                   {QStringLiteral("y"), days->first()}};
            previous = days->first();
        }
        for (auto it = days->cbegin(); it != days->cend(); ++it) {
            const double x = dayStart(it.key());
            if (previous && *previous != it.value()) {
                points << QVariantMap {{QStringLiteral("x"), x}, {QStringLiteral("y"), *previous}};
            }
            points << QVariantMap {{QStringLiteral("x"), x}, {QStringLiteral("y"), it.value()}};
            previous = it.value();
            m_historyMax = std::max(m_historyMax, it.value());
        }
        m_history << QVariantMap {{QStringLiteral("code"), location.code},
                                  {QStringLiteral("name"), location.name},
                                  {QStringLiteral("points"), points}};
    }
    m_ledger->setProductId(int(product.id));
    Q_EMIT detailChanged();
}

QVariantMap ProductController::checkGtin(const QString &text) const
{
    if (text.trimmed().isEmpty()) {
        return {{QStringLiteral("valid"), true}, {QStringLiteral("message"), QString()}};
    }
    const GtinCheck check = Gtin::validate(text.trimmed());
    return {{QStringLiteral("valid"), check.valid}, {QStringLiteral("message"), check.message}};
}

void ProductController::saveProduct(const QVariantMap &fields, bool create)
{
    ProductRecord product;
    product.sku = fields.value(QStringLiteral("sku")).toString().trimmed();
    product.name = fields.value(QStringLiteral("name")).toString();
    product.gtin = fields.value(QStringLiteral("gtin")).toString().trimmed();
    product.active = fields.value(QStringLiteral("active"), true).toBool();
    const QString cost = fields.value(QStringLiteral("unitCost")).toString();
    const QString price = fields.value(QStringLiteral("price")).toString();
    const QString weight = fields.value(QStringLiteral("weightGrams")).toString();
    const std::optional<qint64> costCents = centsFrom(cost);
    const std::optional<qint64> priceCents = centsFrom(price);
    const std::optional<int> grams = countFrom(weight);
    if (!costCents) {
        refuse(tr("\"%1\" is not a unit cost.").arg(cost));
        return;
    }
    if (!priceCents) {
        refuse(tr("\"%1\" is not a price.").arg(price));
        return;
    }
    if (!grams) {
        refuse(tr("\"%1\" is not a weight in grams.").arg(weight));
        return;
    }
    product.unitCostCents = *costCents;
    product.priceCents = *priceCents;
    product.weightGrams = *grams;
    if (!create && product.sku == m_sku) {
        product.updatedAt = m_loadedUpdatedAt; // someone else's change since then is not overwritten
    }
    m_saveRequest = DatabaseWorker::newRequestId();
    m_savingSku = product.sku;
    Q_EMIT busyChanged();
    const quint64 id = m_saveRequest;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker,
                              [=, user = m_userName] { worker->saveProduct(id, product, create, user); });
}

void ProductController::saveStockSettings(const QString &locationCode, const QString &bin,
                                          const QString &reorderPoint, const QString &reorderQty)
{
    const std::optional<int> point = countFrom(reorderPoint);
    const std::optional<int> qty = countFrom(reorderQty);
    if (!point) {
        refuse(tr("\"%1\" is not a reorder point (a whole number, 0 for none).").arg(reorderPoint));
        return;
    }
    if (!qty) {
        refuse(tr("\"%1\" is not a reorder quantity (a whole number).").arg(reorderQty));
        return;
    }
    m_saveRequest = DatabaseWorker::newRequestId();
    m_savingSku = m_sku;
    Q_EMIT busyChanged();
    const quint64 id = m_saveRequest;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=, sku = m_sku, user = m_userName] {
        worker->saveStockSettings(id, sku, locationCode, bin, *point, *qty, user);
    });
}

void ProductController::onSaved(quint64 request, bool ok, const QString &message)
{
    if (request != m_saveRequest) {
        return;
    }
    m_saveRequest = 0;
    Q_EMIT busyChanged();
    setMessage(message, !ok);
    const QString sku = m_savingSku;
    Q_EMIT saved(ok, message, sku);
    if (!ok) {
        return;
    }
    if (sku != m_sku) {
        open(sku); // a new product: show it
        setMessage(message, false);
    } else {
        reload(); // without waiting for the change feed (it may be paused)
    }
}

void ProductController::loadLocations()
{
    m_locationsRequest = DatabaseWorker::newRequestId();
    const quint64 id = m_locationsRequest;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=] { worker->fetchLocations(id); });
}

void ProductController::saveLocation(const QVariantMap &fields, bool create)
{
    LocationRecord location;
    location.code = fields.value(QStringLiteral("code")).toString().trimmed();
    location.name = fields.value(QStringLiteral("name")).toString();
    location.kind = fields.value(QStringLiteral("kind"), location.kind).toString();
    location.postcode = fields.value(QStringLiteral("postcode")).toString().trimmed();
    location.region = fields.value(QStringLiteral("region")).toString().trimmed();
    location.address = fields.value(QStringLiteral("address")).toString().trimmed();
    location.active = fields.value(QStringLiteral("active"), true).toBool();
    const QString priority = fields.value(QStringLiteral("priority")).toString();
    const std::optional<int> value = countFrom(priority);
    if (!value || priority.trimmed().isEmpty()) {
        Q_EMIT locationSaved(
            false, tr("\"%1\" is not a priority (a whole number, lower ships first).").arg(priority),
            location.code);
        return;
    }
    location.priority = *value;
    m_setupRequest = DatabaseWorker::newRequestId();
    Q_EMIT savingSetupChanged();
    const quint64 id = m_setupRequest;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker,
                              [=, user = m_userName] { worker->saveLocation(id, location, create, user); });
}

void ProductController::addSupplier(const QString &name, const QString &email, const QString &leadTimeDays)
{
    const std::optional<int> days = countFrom(leadTimeDays);
    if (!days) {
        Q_EMIT supplierAdded(false, tr("\"%1\" is not a lead time in days.").arg(leadTimeDays), name);
        return;
    }
    m_setupRequest = DatabaseWorker::newRequestId();
    Q_EMIT savingSetupChanged();
    const quint64 id = m_setupRequest;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker,
                              [=, user = m_userName] { worker->addSupplier(id, name, email, *days, user); });
}

void ProductController::onLocationSaved(quint64 request, bool ok, const QString &message, const QString &code)
{
    if (request != m_setupRequest) {
        return;
    }
    m_setupRequest = 0;
    Q_EMIT savingSetupChanged();
    Q_EMIT locationSaved(ok, message, code);
    if (ok) {
        loadLocations(); // without waiting for the change feed (it may be paused)
    }
}

void ProductController::onSupplierAdded(quint64 request, bool ok, const QString &message, const QString &name)
{
    if (request != m_setupRequest) {
        return;
    }
    m_setupRequest = 0;
    Q_EMIT savingSetupChanged();
    Q_EMIT supplierAdded(ok, message, name);
}

void ProductController::refuse(const QString &message)
{
    setMessage(message, true);
    Q_EMIT saved(false, message, m_sku);
}

void ProductController::clearMessage()
{
    setMessage({}, false);
}

void ProductController::setMessage(const QString &message, bool failed)
{
    if (message == m_message && failed == m_failed) {
        return;
    }
    m_message = message;
    m_failed = failed;
    Q_EMIT messageChanged();
}

void ProductController::applyStockChanges(const QList<QPair<qint64, qint64>> &levels)
{
    if (m_productId <= 0) {
        return;
    }
    for (const auto &pair : levels) {
        if (pair.first == m_productId) {
            m_refetch.start();
            return;
        }
    }
}

void ProductController::applyEntityChanges(const QString &entity, const QStringList &ids)
{
    if (entity == QLatin1String("location") && !m_allLocations.isEmpty()) {
        loadLocations(); // the Locations dialog was opened: another desktop's change shows there too
    }
    if (m_sku.isEmpty()) {
        return;
    }
    if (entity == QLatin1String("location")
        || (entity == QLatin1String("product") && ids.contains(QString::number(m_productId)))) {
        m_refetch.start();
    }
}

} // namespace Stockroom
