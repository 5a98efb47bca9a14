// SPDX-License-Identifier: GPL-3.0-or-later
#include "newordercontroller.h"

#include "databaseworker.h"
#include "labels.h"
#include "orderservice.h"

namespace Stockroom {

NewOrderController::NewOrderController(DatabaseWorker *worker, const QString &userName, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_userName(userName)
{
    connect(worker, &DatabaseWorker::orderPlaced, this, &NewOrderController::onPlaced);
    connect(worker, &DatabaseWorker::productsFound, this, &NewOrderController::onFound);
    connect(worker, &DatabaseWorker::failed, this, &NewOrderController::onFailed);
    // A look-up per pause in typing, not per key.
    m_lookupDelay.setSingleShot(true);
    m_lookupDelay.setInterval(250);
    connect(&m_lookupDelay, &QTimer::timeout, this, &NewOrderController::sendLookup);
}

QVariantList NewOrderController::paymentChoices() const
{
    // A new order is not refunded or voided yet: those come later, from the order's own actions.
    QVariantList choices;
    for (const QString &state :
         {QStringLiteral("pending"), QStringLiteral("authorized"), QStringLiteral("paid")}) {
        choices << QVariantMap {{QStringLiteral("value"), state},
                                {QStringLiteral("text"), Labels::paymentStatus(state)}};
    }
    return choices;
}

void NewOrderController::refuse(const QString &message)
{
    m_message = message;
    Q_EMIT stateChanged();
    Q_EMIT finished(false, QString());
}

void NewOrderController::place(const QVariantMap &order)
{
    if (busy()) {
        return;
    }
    m_result.clear();
    m_message.clear();
    PlaceOrderRequest request;
    const QVariantList lines = order.value(QStringLiteral("lines")).toList();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QVariantMap line = lines.at(i).toMap();
        const QString sku = line.value(QStringLiteral("sku")).toString().trimmed();
        const QString qtyText = line.value(QStringLiteral("qty")).toString().trimmed();
        if (sku.isEmpty() && qtyText.isEmpty()) {
            continue; // the empty row Enter added
        }
        if (sku.isEmpty()) {
            refuse(tr("Line %1 has no SKU.", "@info").arg(i + 1));
            return;
        }
        bool ok = false;
        const int qty = qtyText.toInt(&ok);
        if (!ok || qty <= 0) {
            refuse(tr("Line %1 (%2): the quantity must be a whole number of at least 1.", "@info line, SKU")
                       .arg(i + 1)
                       .arg(sku));
            return;
        }
        OrderLineRequest entry;
        entry.sku = sku;
        entry.qty = qty;
        request.lines << entry;
    }
    if (request.lines.isEmpty()) {
        refuse(tr("The order has no lines: enter a SKU and a quantity.", "@info"));
        return;
    }
    const QString channel = order.value(QStringLiteral("channel")).toString().trimmed();
    if (!channel.isEmpty()) {
        request.channel = channel;
    }
    const QString payment = order.value(QStringLiteral("payment")).toString().trimmed();
    if (!payment.isEmpty()) {
        request.paymentStatus = payment;
    }
    request.customerName = order.value(QStringLiteral("customer")).toString().trimmed();
    request.customerEmail = order.value(QStringLiteral("email")).toString().trimmed();
    request.shipRegion = order.value(QStringLiteral("region")).toString().trimmed();
    request.shipPostcode = order.value(QStringLiteral("postcode")).toString().trimmed();
    // What the service checks without the database (channel, payment state, limits) is said at once.
    if (const Status valid = OrderService::validate(request); !valid) {
        refuse(valid.error().message);
        return;
    }
    m_request = DatabaseWorker::newRequestId();
    const quint64 id = m_request;
    DatabaseWorker *worker = m_worker;
    const QString user = m_userName;
    QMetaObject::invokeMethod(worker, [=] { worker->placeOrder(id, request, user); });
    Q_EMIT stateChanged();
}

void NewOrderController::onPlaced(quint64 request, const QVariantMap &result)
{
    if (request != m_request) {
        return;
    }
    m_request = 0;
    const bool ok = result.value(QStringLiteral("ok")).toBool();
    if (!ok) {
        refuse(result.value(QStringLiteral("message")).toString());
        return;
    }
    m_result = result;
    m_result.insert(QStringLiteral("statusText"),
                    Labels::orderStatus(result.value(QStringLiteral("status")).toString()));
    Q_EMIT stateChanged();
    Q_EMIT finished(true, result.value(QStringLiteral("number")).toString());
}

void NewOrderController::onFailed(quint64 request, const QString &message)
{
    if (m_lookups.remove(request) > 0) {
        return; // no name shown; the promise line and placing say what is wrong
    }
    if (request != m_request) {
        return;
    }
    m_request = 0;
    refuse(message);
}

void NewOrderController::lookup(const QString &sku)
{
    const QString wanted = sku.trimmed();
    if (wanted.isEmpty() || m_names.contains(wanted) || m_toLookUp.contains(wanted)) {
        return;
    }
    m_toLookUp << wanted;
    m_lookupDelay.start();
}

void NewOrderController::sendLookup()
{
    // A SKU that a later one starts with was only half typed: no need to ask for it.
    const QStringList typed = m_toLookUp;
    m_toLookUp.clear();
    DatabaseWorker *worker = m_worker;
    for (const QString &sku : typed) {
        const bool prefix = std::any_of(typed.cbegin(), typed.cend(), [&](const QString &other) {
            return other != sku && other.startsWith(sku);
        });
        if (prefix) {
            continue;
        }
        const quint64 id = DatabaseWorker::newRequestId();
        m_lookups.insert(id, sku);
        QMetaObject::invokeMethod(worker, [=] { worker->findProducts(id, sku, 5); });
    }
}

void NewOrderController::onFound(quint64 request, const QVariantList &products)
{
    const auto it = m_lookups.constFind(request);
    if (it == m_lookups.constEnd()) {
        return;
    }
    const QString sku = *it;
    m_lookups.erase(it);
    for (const QVariant &value : products) {
        const QVariantMap product = value.toMap();
        if (product.value(QStringLiteral("sku")).toString() == sku) { // SKUs are exact, as placing takes them
            m_names.insert(sku, product.value(QStringLiteral("name")).toString());
            Q_EMIT namesChanged();
            return;
        }
    }
}

void NewOrderController::clear()
{
    if (m_message.isEmpty() && m_result.isEmpty()) {
        return;
    }
    m_message.clear();
    m_result.clear();
    Q_EMIT stateChanged();
}

} // namespace Stockroom
