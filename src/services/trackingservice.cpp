// SPDX-License-Identifier: GPL-3.0-or-later
#include "trackingservice.h"

#include "orderflow.h"
#include "tracking.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

namespace Stockroom {

namespace {

struct Applied
{
    TrackingOutcome outcome;
    bool delivered = false; ///< the order became delivered
};

Result<Applied> apply(OrderFlow &flow, const TrackingEventInput &input, bool strict)
{
    const QString where
        = input.sourceLine > 0 ? TrackingService::tr("Line %1: ").arg(input.sourceLine) : QString();
    const std::optional<ShipmentStatus> status = TrackingService::statusFromText(input.status);
    if (!status) {
        return Error::usage(where
                            + TrackingService::tr("unknown tracking status \"%1\" (expected one of %2).")
                                  .arg(input.status, allShipmentStatusNames().join(QStringLiteral(", "))));
    }
    const QString at
        = input.occurredAt.trimmed().isEmpty() ? flow.now() : TrackingService::storedTimeOf(input.occurredAt);
    if (at.isEmpty()) {
        return Error::usage(
            where
            + TrackingService::tr("\"%1\" is not a date and time (use 2026-11-27T14:05:00+01:00).")
                  .arg(input.occurredAt));
    }
    const QString number = TrackingNumbers::validate(input.trackingNumber).normalised;
    STOCKROOM_TRY(shipments, flow.fulfilment().shipmentsByTracking(number));
    if (shipments.isEmpty()) {
        return Error::business(where
                               + TrackingService::tr("no shipment has tracking number \"%1\".")
                                     .arg(input.trackingNumber.trimmed()));
    }
    Applied applied;
    applied.outcome.trackingNumber = number;
    // One tracking number may cover the parcels of one order from several locations: each gets the event.
    for (const ShipmentRecord &shipment : std::as_const(shipments)) {
        STOCKROOM_TRY(latest, flow.fulfilment().latestEventTime(shipment.id));
        STOCKROOM_TRY(added,
                      flow.fulfilment().insertTrackingEvent(
                          TrackingEventRecord {shipment.id, toString(*status), input.description.trimmed(),
                                               input.place.trimmed(), at},
                          flow.user()));
        applied.outcome.added = applied.outcome.added || added;
        const std::optional<ShipmentStatus> current = shipmentStatusFromString(shipment.status);
        QString shipmentStatus = shipment.status;
        const bool newest = latest.isEmpty() || at >= latest;
        if (added && newest && current != status) {
            if (current && isAllowedTransition(*current, *status)) {
                shipmentStatus = toString(*status);
                STOCKROOM_CHECK(flow.fulfilment().setShipmentStatus(
                    shipment.id, shipmentStatus, *status == ShipmentStatus::Delivered ? at : QString()));
            } else if (strict) {
                return Error::business(
                    TrackingService::tr("Shipment %1 is %2: it cannot become %3.")
                        .arg(number, OrderFlow::words(shipment.status), OrderFlow::words(toString(*status))));
            } else {
                applied.outcome.stateKept = true;
            }
        } else if (added && !newest) {
            applied.outcome.stateKept = true;
        }
        applied.outcome.shipmentStatus = shipmentStatus;
        flow.changes().add(QStringLiteral("shipment"), QString::number(shipment.id),
                           QStringLiteral("update"));
        STOCKROOM_TRY(order, flow.orders().findById(shipment.orderId));
        if (!order) {
            continue;
        }
        applied.outcome.orderNumber = order->number;
        if (added) {
            const QString text = QStringList {OrderFlow::words(toString(*status)), input.place.trimmed(),
                                              input.description.trimmed()}
                                     .filter(QRegularExpression(QStringLiteral(".")))
                                     .join(QStringLiteral(" — "));
            STOCKROOM_CHECK(
                flow.event(order->id, QStringLiteral("tracking"), number + QStringLiteral(": ") + text));
        }
        // Delivered when every parcel of a fully shipped order is delivered.
        if (shipmentStatus == toString(ShipmentStatus::Delivered)) {
            STOCKROOM_TRY(delivered, flow.deliverIfEveryParcelArrived(*order));
            if (delivered) {
                STOCKROOM_CHECK(flow.fulfilment().touch(order->id, flow.now(), flow.user()));
                applied.delivered = true;
            }
        }
        applied.outcome.orderStatus = order->status;
    }
    return applied;
}

} // namespace

std::optional<ShipmentStatus> TrackingService::statusFromText(const QString &text)
{
    QString key = text.trimmed().toLower();
    key.replace(QLatin1Char('-'), QLatin1Char(' '));
    key.replace(QLatin1Char('_'), QLatin1Char(' '));
    key = key.simplified();
    if (const std::optional<ShipmentStatus> own
        = shipmentStatusFromString(QString(key).replace(u' ', u'_'))) {
        return own;
    }
    // The words carriers print in their tracking exports.
    static const QHash<QString, ShipmentStatus> aliases {
        {QStringLiteral("label printed"), ShipmentStatus::LabelCreated},
        {QStringLiteral("pre transit"), ShipmentStatus::LabelCreated},
        {QStringLiteral("shipment information received"), ShipmentStatus::LabelCreated},
        {QStringLiteral("information received"), ShipmentStatus::LabelCreated},
        {QStringLiteral("picked up"), ShipmentStatus::InTransit},
        {QStringLiteral("accepted"), ShipmentStatus::InTransit},
        {QStringLiteral("collected"), ShipmentStatus::InTransit},
        {QStringLiteral("departed facility"), ShipmentStatus::InTransit},
        {QStringLiteral("arrived at facility"), ShipmentStatus::InTransit},
        {QStringLiteral("transit"), ShipmentStatus::InTransit},
        {QStringLiteral("on its way"), ShipmentStatus::InTransit},
        {QStringLiteral("with courier"), ShipmentStatus::OutForDelivery},
        {QStringLiteral("out for delivery today"), ShipmentStatus::OutForDelivery},
        {QStringLiteral("delivered to neighbour"), ShipmentStatus::Delivered},
        {QStringLiteral("delivered to parcel locker"), ShipmentStatus::Delivered},
        {QStringLiteral("delivery exception"), ShipmentStatus::Exception},
        {QStringLiteral("failed attempt"), ShipmentStatus::Exception},
        {QStringLiteral("delivery attempted"), ShipmentStatus::Exception},
        {QStringLiteral("return to sender"), ShipmentStatus::ReturnedToSender},
        {QStringLiteral("returned"), ShipmentStatus::ReturnedToSender},
    };
    return aliases.contains(key) ? std::optional<ShipmentStatus>(aliases.value(key)) : std::nullopt;
}

QString TrackingService::storedTimeOf(const QString &text)
{
    const QString trimmed = text.trimmed();
    QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid()) {
        time = QDateTime::fromString(trimmed, Qt::ISODate);
    }
    if (!time.isValid()) {
        time = QDateTime::fromString(trimmed, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        if (!time.isValid()) {
            time = QDateTime::fromString(trimmed, QStringLiteral("yyyy-MM-dd HH:mm"));
        }
        if (time.isValid()) {
            time.setTimeZone(QTimeZone::utc());
        }
    }
    if (!time.isValid()) {
        return {};
    }
    if (time.timeSpec() == Qt::LocalTime) {
        time.setTimeZone(QTimeZone::utc()); // no offset given: UTC, as documented
    }
    return toStoredTime(time);
}

Result<TrackingOutcome> TrackingService::add(const TrackingEventInput &event)
{
    Database &db = m_context.db;
    return db.write<TrackingOutcome>([&]() -> Result<TrackingOutcome> {
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        STOCKROOM_TRY(applied, apply(flow, event, true));
        STOCKROOM_CHECK(changes.flush());
        return applied.outcome;
    });
}

Result<TrackingImportSummary> TrackingService::addAll(const QList<TrackingEventInput> &events)
{
    // Oldest first, so that the last state a parcel reached is the one it keeps.
    QList<TrackingEventInput> sorted = events;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const TrackingEventInput &a, const TrackingEventInput &b) {
                         return storedTimeOf(a.occurredAt) < storedTimeOf(b.occurredAt);
                     });
    Database &db = m_context.db;
    return db.write<TrackingImportSummary>([&]() -> Result<TrackingImportSummary> {
        ChangeRecorder changes(m_context);
        OrderFlow flow(m_context, changes);
        TrackingImportSummary summary;
        for (const TrackingEventInput &event : std::as_const(sorted)) {
            STOCKROOM_TRY(applied, apply(flow, event, false));
            ++summary.events;
            summary.added += applied.outcome.added ? 1 : 0;
            summary.duplicates += applied.outcome.added ? 0 : 1;
            summary.stateKept += applied.outcome.stateKept ? 1 : 0;
            summary.ordersDelivered += applied.delivered ? 1 : 0;
        }
        STOCKROOM_CHECK(changes.flush());
        return summary;
    });
}

} // namespace Stockroom
