// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "orderrepository.h"
#include "result.h"

#include <QCoreApplication>
#include <QDate>
#include <QStringList>

class QPainter;
class QRectF;

namespace Stockroom {

/** Everything printed on a 4×6 inch shipping label. */
struct LabelData
{
    QString fromName;
    QStringList fromAddress;
    QString toName;
    QStringList toAddress;
    QString carrier;
    QString service;
    int weightGrams = 0;
    QString orderNumber;
    QDate date;
    QString trackingNumber; ///< encoded as Code 128; spaces are dropped
};

/**
 * A 4×6 inch shipping label as PDF, the tracking number as a Code 128 barcode drawn from Zint's vector
 * output, so it stays sharp on any printer.
 */
class ShippingLabel
{
    Q_DECLARE_TR_FUNCTIONS(ShippingLabel)

public:
    /** The tracking number as the barcode carries it: spaces removed, upper case. */
    static QString normaliseTracking(const QString &tracking);

    /** The label of an order's shipment, addresses as lines. */
    static LabelData fromShipment(const ShipmentFacts &facts, const QString &orderNumber);

    static Status writePdf(const LabelData &label, const QString &fileName);
    /** One label per page (printing a batch of orders at once). */
    static Status writePdf(const QList<LabelData> &labels, const QString &fileName);
    /** Draws one label on a 4×6 inch page whose device has 300 dots per inch (PDF or a printer). */
    static Status drawLabel(QPainter &painter, const LabelData &label);

    /** Draws a Code 128 barcode filling the rectangle (quiet zones are the caller's margin). */
    static Status drawCode128(QPainter &painter, const QRectF &target, const QString &data);
};

} // namespace Stockroom
