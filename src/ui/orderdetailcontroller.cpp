// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderdetailcontroller.h"

#include "databaseworker.h"
#include "labels.h"
#include "orderstatus.h"

namespace Stockroom {

OrderDetailController::OrderDetailController(DatabaseWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
{
    connect(worker, &DatabaseWorker::detailFetched, this, &OrderDetailController::onFetched);
    connect(worker, &DatabaseWorker::unmatchedLinesFetched, this, &OrderDetailController::onUnmatched);
}

void OrderDetailController::setNumber(const QString &number)
{
    if (number == m_number) {
        return;
    }
    m_number = number;
    Q_EMIT numberChanged();
    m_loaded = false;
    m_lines.clear();
    m_shipments.clear();
    m_returns.clear();
    m_history.clear();
    m_unmatched.clear();
    m_unmatchedPending = 0;
    m_header.clear();
    Q_EMIT detailChanged();
    reload();
}

void OrderDetailController::reload()
{
    if (m_number.isEmpty()) {
        return;
    }
    m_pending = DatabaseWorker::newRequestId();
    const quint64 id = m_pending;
    const QString number = m_number;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=] { worker->fetchOrderDetail(id, number); });
}

void OrderDetailController::applyChanges(const QList<qint64> &orderIds)
{
    const std::optional<qint64> id = orderIdFromNumber(m_number);
    if (id && orderIds.contains(*id)) {
        reload();
    }
}

void OrderDetailController::onFetched(quint64 request, const OrderDetail &detail)
{
    if (request != m_pending) {
        return;
    }
    m_pending = 0;
    const OrderHeader &order = detail.header;
    QStringList rules;
    if (detail.rules.payLater) {
        rules << tr("pays later");
    }
    if (!detail.rules.shipFrom.isEmpty()) {
        rules << tr("ships only from %1").arg(detail.rules.shipFrom.join(QStringLiteral(", ")));
    }
    m_header = {
        {QStringLiteral("paid"), Labels::money(order.paidCents)},
        {QStringLiteral("refunded"),
         order.refundedCents > 0 ? Labels::money(order.refundedCents) : QString()},
        {QStringLiteral("holdReason"), order.holdReason},
        {QStringLiteral("email"), order.customerEmail},
        {QStringLiteral("postcode"), order.shipPostcode},
        {QStringLiteral("region"), order.shipRegion},
        {QStringLiteral("rules"), rules.join(QStringLiteral("; "))},
        {QStringLiteral("externalId"), order.externalId},
        {QStringLiteral("note"), order.note},
        {QStringLiteral("channelState"), order.channelState},
    };

    m_lines.clear();
    for (const OrderLineRecord &line : detail.lines) {
        QStringList where;
        int packed = 0;
        for (const AllocationRecord &allocation : detail.allocations) {
            if (allocation.orderLineId == line.id) {
                where << QStringLiteral("%1 %2").arg(allocation.locationCode).arg(allocation.qty);
                packed += allocation.qtyPacked;
            }
        }
        m_lines << QVariantMap {{QStringLiteral("sku"), line.sku},
                                {QStringLiteral("name"), line.productName},
                                {QStringLiteral("qty"), line.qty},
                                {QStringLiteral("allocated"), where.join(QStringLiteral(", "))},
                                {QStringLiteral("packed"), packed},
                                {QStringLiteral("backordered"), line.qtyBackordered},
                                {QStringLiteral("shipped"), line.qtyShipped},
                                {QStringLiteral("returned"), line.qtyReturned},
                                {QStringLiteral("cancelled"), line.qtyCancelled}};
    }
    m_shipments.clear();
    for (const ShipmentRecord &shipment : detail.shipments) {
        QVariantList events;
        for (const TrackingEventRecord &event : detail.tracking) {
            if (event.shipmentId == shipment.id) {
                events << QVariantMap {{QStringLiteral("status"), event.status},
                                       {QStringLiteral("statusText"), Labels::shipmentStatus(event.status)},
                                       {QStringLiteral("at"), Labels::dateTime(event.occurredAt)},
                                       {QStringLiteral("place"), event.place},
                                       {QStringLiteral("description"), event.description}};
            }
        }
        m_shipments << QVariantMap {{QStringLiteral("tracking"), shipment.trackingNumber},
                                    {QStringLiteral("carrier"), shipment.carrier},
                                    {QStringLiteral("service"), shipment.service},
                                    {QStringLiteral("location"), shipment.locationCode},
                                    {QStringLiteral("status"), shipment.status},
                                    {QStringLiteral("statusText"), Labels::shipmentStatus(shipment.status)},
                                    {QStringLiteral("units"), shipment.units},
                                    {QStringLiteral("created"), Labels::dateTime(shipment.createdAt)},
                                    {QStringLiteral("events"), events}};
    }
    m_returns.clear();
    for (const ReturnRecord &record : detail.returns) {
        QVariantList lines;
        int open = 0;
        for (const ReturnLineRecord &line : detail.returnLines.value(record.id)) {
            lines << QVariantMap {{QStringLiteral("sku"), line.sku},
                                  {QStringLiteral("qty"), line.qty},
                                  {QStringLiteral("restocked"), line.restocked},
                                  {QStringLiteral("writtenOff"), line.writtenOff},
                                  {QStringLiteral("open"), line.open()},
                                  {QStringLiteral("reason"), line.reason}};
            open += line.open();
        }
        m_returns << QVariantMap {{QStringLiteral("lines"), lines},
                                  {QStringLiteral("open"), open},
                                  {QStringLiteral("number"), record.number},
                                  {QStringLiteral("status"), record.status},
                                  {QStringLiteral("statusText"), Labels::returnStatus(record.status)},
                                  {QStringLiteral("reason"), record.reason},
                                  {QStringLiteral("created"), Labels::dateTime(record.createdAt)}};
    }
    m_history.clear();
    for (const OrderEvent &event : detail.history) {
        m_history << QVariantMap {{QStringLiteral("kind"), event.kind},
                                  {QStringLiteral("detail"), event.detail},
                                  {QStringLiteral("user"), event.userName},
                                  {QStringLiteral("at"), Labels::dateTime(event.at)}};
    }
    // Lines naming none of our products wait apart from the order's lines: fetched only when there are any.
    if (order.unmatchedLines > 0) {
        m_unmatchedPending = DatabaseWorker::newRequestId();
        const quint64 id = m_unmatchedPending;
        const QString number = order.number;
        DatabaseWorker *worker = m_worker;
        QMetaObject::invokeMethod(worker, [=] { worker->fetchUnmatchedLines(id, number); });
    } else {
        m_unmatchedPending = 0;
        m_unmatched.clear();
    }
    m_loaded = true;
    Q_EMIT detailChanged();
}

void OrderDetailController::onUnmatched(quint64 request, const QVariantList &lines)
{
    if (request != m_unmatchedPending) {
        return;
    }
    m_unmatchedPending = 0;
    m_unmatched = lines;
    Q_EMIT detailChanged();
}

} // namespace Stockroom
