// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "orderstatus.h"
#include "servicecontext.h"

#include <QCoreApplication>

namespace Stockroom {

/** One carrier event for a parcel, as a clerk types it or a carrier's file lists it. */
struct TrackingEventInput
{
    QString trackingNumber;
    QString status; ///< ours (in_transit) or a carrier's words ("Out for Delivery")
    QString occurredAt; ///< ISO 8601; without an offset it is UTC
    QString place;
    QString description;
    int sourceLine = 0; ///< the file line, for messages
};

struct TrackingOutcome
{
    QString orderNumber;
    QString trackingNumber;
    QString shipmentStatus;
    QString orderStatus;
    bool added = false; ///< false: the same event was there already
    bool stateKept = false; ///< an older or out-of-sequence event: recorded, state unchanged
};

struct TrackingImportSummary
{
    int events = 0;
    int added = 0;
    int duplicates = 0;
    int stateKept = 0;
    int ordersDelivered = 0;
};

/**
 * Shipment tracking: events change the shipment state along its state machine; when every shipment of a
 * shipped order is delivered, the order is delivered.
 */
class TrackingService
{
    Q_DECLARE_TR_FUNCTIONS(TrackingService)

public:
    explicit TrackingService(ServiceContext &context)
        : m_context(context)
    {
    }

    /** Our state for a carrier's words ("Out for Delivery", "DELIVERED", "in transit"); nullopt if unknown. */
    static std::optional<ShipmentStatus> statusFromText(const QString &text);
    /** The stored time of an event time as typed; an empty string when it cannot be read. */
    static QString storedTimeOf(const QString &text);

    /** One event typed by hand: an illegal step (delivered → in transit) is refused with a message. */
    Result<TrackingOutcome> add(const TrackingEventInput &event);
    /**
     * Many events in one transaction (a carrier's file): all or nothing. An unknown tracking number is an
     * error naming its line; an older or out-of-sequence event is recorded without changing the state.
     */
    Result<TrackingImportSummary> addAll(const QList<TrackingEventInput> &events);

private:
    ServiceContext &m_context;
};

} // namespace Stockroom
