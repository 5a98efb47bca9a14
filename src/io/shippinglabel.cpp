// SPDX-License-Identifier: GPL-3.0-or-later
#include "shippinglabel.h"

#include "clock.h"

#include <QFileInfo>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <zint.h>

#include <memory>

namespace Stockroom {

namespace {

struct SymbolDeleter
{
    void operator()(zint_symbol *symbol) const { ZBarcode_Delete(symbol); }
};

constexpr int Dpi = 300;

} // namespace

QString ShippingLabel::normaliseTracking(const QString &tracking)
{
    QString compact;
    for (const QChar c : tracking) {
        if (!c.isSpace()) {
            compact += c.toUpper();
        }
    }
    return compact;
}

Status ShippingLabel::drawCode128(QPainter &painter, const QRectF &target, const QString &data)
{
    const QByteArray bytes = data.toLatin1();
    if (bytes.isEmpty() || bytes.size() > 80 || QString::fromLatin1(bytes) != data) {
        return Error::usage(tr("A Code 128 barcode takes 1 to 80 Latin-1 characters, not \"%1\".").arg(data));
    }
    std::unique_ptr<zint_symbol, SymbolDeleter> symbol(ZBarcode_Create());
    if (!symbol) {
        return Error::database(tr("The barcode library could not start."));
    }
    symbol->symbology = BARCODE_CODE128;
    symbol->show_hrt = 0; // the label prints the number itself, larger
    const int encoded = ZBarcode_Encode(
        symbol.get(), reinterpret_cast<const unsigned char *>(bytes.constData()), int(bytes.size()));
    if (encoded >= ZINT_ERROR) {
        return Error::usage(
            tr("Cannot encode \"%1\" as Code 128: %2").arg(data, QString::fromLatin1(symbol->errtxt)));
    }
    if (ZBarcode_Buffer_Vector(symbol.get(), 0) >= ZINT_ERROR || !symbol->vector) {
        return Error::database(tr("The barcode library could not draw \"%1\".").arg(data));
    }
    const zint_vector *vector = symbol->vector;
    const double sx = target.width() / vector->width;
    const double sy = target.height() / vector->height;
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::black);
    for (const zint_vector_rect *rect = vector->rectangles; rect; rect = rect->next) {
        painter.drawRect(QRectF(target.x() + rect->x * sx, target.y() + rect->y * sy, rect->width * sx,
                                rect->height * sy));
    }
    painter.restore();
    return {};
}

LabelData ShippingLabel::fromShipment(const ShipmentFacts &facts, const QString &orderNumber)
{
    auto lines = [](const QString &address, const QString &postcode, const QString &region) {
        QStringList result;
        for (const QString &line : address.split(QLatin1Char('\n'))) {
            if (!line.trimmed().isEmpty()) {
                result << line.trimmed();
            }
        }
        if (!postcode.isEmpty()) {
            result << postcode;
        }
        if (!region.isEmpty()) {
            result << region;
        }
        return result;
    };
    LabelData label;
    label.fromName = facts.fromName;
    label.fromAddress = lines(facts.fromAddress, facts.fromPostcode, {});
    label.toName = facts.toName;
    label.toAddress = lines(facts.toAddress, facts.toPostcode, facts.toRegion);
    label.carrier = facts.carrier;
    label.service = facts.service;
    label.weightGrams = facts.weightGrams;
    label.orderNumber = orderNumber;
    label.date = fromStoredTime(facts.createdAt).date();
    label.trackingNumber = facts.trackingNumber;
    return label;
}

Status ShippingLabel::writePdf(const LabelData &label, const QString &fileName)
{
    return writePdf(QList<LabelData> {label}, fileName);
}

Status ShippingLabel::writePdf(const QList<LabelData> &labels, const QString &fileName)
{
    if (labels.isEmpty()) {
        return Error::usage(tr("There are no labels to print."));
    }
    for (const LabelData &label : labels) {
        if (normaliseTracking(label.trackingNumber).isEmpty()) {
            return Error::business(tr("Order %1 has no tracking number to print.").arg(label.orderNumber));
        }
    }
    QPdfWriter writer(fileName);
    writer.setPageSize(
        QPageSize(QSizeF(4.0, 6.0), QPageSize::Inch, QStringLiteral("4x6"), QPageSize::ExactMatch));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(Dpi);
    writer.setTitle(labels.size() == 1 ? tr("Shipping label %1").arg(labels.first().orderNumber)
                                       : tr("%n shipping label(s)", nullptr, int(labels.size())));
    writer.setCreator(QStringLiteral("Stockroom"));
    QPainter painter;
    if (!painter.begin(&writer)) {
        return Error::database(tr("Cannot write %1.").arg(QFileInfo(fileName).absoluteFilePath()));
    }
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if (i > 0) {
            writer.newPage();
        }
        const Status drawn = drawLabel(painter, labels.at(i));
        if (!drawn) {
            painter.end();
            return drawn;
        }
    }
    if (!painter.end()) {
        return Error::database(tr("Cannot finish %1.").arg(QFileInfo(fileName).absoluteFilePath()));
    }
    return {};
}

Status ShippingLabel::drawLabel(QPainter &painter, const LabelData &label)
{
    const QString tracking = normaliseTracking(label.trackingNumber);
    const double inch = Dpi;
    const double margin = 0.15 * inch;
    const double width = 4.0 * inch - 2 * margin;
    QFont font(QStringLiteral("DejaVu Sans"));
    auto setSize = [&](double points, bool bold) {
        font.setPointSizeF(points);
        font.setBold(bold);
        painter.setFont(font);
    };
    auto block = [&](double y, double points, bool bold, const QStringList &lines) {
        setSize(points, bold);
        const double lineHeight = painter.fontMetrics().height();
        for (const QString &line : lines) {
            painter.drawText(QRectF(margin, y, width, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                             painter.fontMetrics().elidedText(line, Qt::ElideRight, int(width)));
            y += lineHeight;
        }
        return y;
    };
    painter.setPen(QPen(Qt::black, 4));

    // Ship from: small, top left.
    double y = margin;
    y = block(y, 7, true, {tr("FROM", "@label on a shipping label")});
    y = block(y, 8, false, QStringList {label.fromName} + label.fromAddress);
    y += 0.08 * inch;
    painter.drawLine(QPointF(margin, y), QPointF(margin + width, y));

    // Ship to: the largest text on the label.
    y += 0.1 * inch;
    y = block(y, 8, true, {tr("SHIP TO", "@label on a shipping label")});
    y = block(y, 15, true, {label.toName});
    y = block(y, 13, false, label.toAddress);
    y = std::max(y + 0.1 * inch, 2.9 * inch);
    painter.drawLine(QPointF(margin, y), QPointF(margin + width, y));

    // Service, weight, reference, date.
    y += 0.08 * inch;
    y = block(y, 16, true, {QStringLiteral("%1 %2").arg(label.carrier, label.service).trimmed()});
    const QLocale locale;
    y = block(y, 9, false,
              {tr("Weight: %1 kg").arg(locale.toString(label.weightGrams / 1000.0, 'f', 2)),
               tr("Order: %1").arg(label.orderNumber),
               tr("Date: %1").arg(locale.toString(label.date, QLocale::ShortFormat))});
    y += 0.08 * inch;
    painter.drawLine(QPointF(margin, y), QPointF(margin + width, y));

    // The tracking barcode, with quiet zones of about 0.2 inch either side, and the number under it.
    const QRectF barcode(margin + 0.2 * inch, y + 0.2 * inch, width - 0.4 * inch, 1.1 * inch);
    STOCKROOM_CHECK(drawCode128(painter, barcode, tracking));
    setSize(11, true);
    painter.drawText(QRectF(margin, barcode.bottom() + 0.05 * inch, width, painter.fontMetrics().height()),
                     Qt::AlignHCenter | Qt::AlignVCenter, tracking);
    return {};
}

} // namespace Stockroom
