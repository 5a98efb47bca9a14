// SPDX-License-Identifier: GPL-3.0-or-later
#include "packingslip.h"

#include <QFileInfo>
#include <QPdfWriter>
#include <QTextDocument>

namespace Stockroom {

QPageSize::PageSizeId PackingSlip::paperFor(const QLocale &locale)
{
    switch (locale.territory()) {
    case QLocale::UnitedStates:
    case QLocale::Canada:
    case QLocale::Mexico:
    case QLocale::Philippines:
    case QLocale::Chile:
    case QLocale::Colombia:
        return QPageSize::Letter;
    default:
        return QPageSize::A4;
    }
}

Status PackingSlip::writePdf(const PackingSlipData &slip, const QString &fileName, const QLocale &locale)
{
    if (slip.lines.isEmpty()) {
        return Error::business(tr("Order %1 has no lines to pack.").arg(slip.orderNumber));
    }
    QPdfWriter writer(fileName);
    writer.setPageSize(QPageSize(paperFor(locale)));
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout::Millimeter);
    writer.setResolution(300);
    writer.setTitle(tr("Packing slip %1").arg(slip.orderNumber));
    writer.setCreator(QStringLiteral("Stockroom"));

    // Built as HTML with every value escaped: customer names and addresses are data, not markup.
    auto lines = [](const QString &name, const QStringList &address) {
        QStringList escaped {QStringLiteral("<b>%1</b>").arg(name.toHtmlEscaped())};
        for (const QString &line : address) {
            escaped << line.toHtmlEscaped();
        }
        return escaped.join(QStringLiteral("<br>"));
    };
    QString html = QStringLiteral("<html><body style=\"font-family: 'DejaVu Sans'; font-size: 10pt;\">");
    html += QStringLiteral("<h1 style=\"font-size: 18pt;\">%1</h1>").arg(tr("Packing slip").toHtmlEscaped());
    html += QStringLiteral(
                "<table width=\"100%\" cellpadding=\"4\"><tr><td width=\"50%\" valign=\"top\">%1<br>%2</td>"
                "<td width=\"50%\" valign=\"top\">%3<br>%4</td></tr></table>")
                .arg(tr("Ship to").toHtmlEscaped(), lines(slip.toName, slip.toAddress),
                     tr("From").toHtmlEscaped(), lines(slip.fromName, slip.fromAddress));
    html += QStringLiteral("<p>%1: <b>%2</b>")
                .arg(tr("Order").toHtmlEscaped(), slip.orderNumber.toHtmlEscaped());
    if (!slip.externalId.isEmpty()) {
        html += QStringLiteral(" (%1)").arg(slip.externalId.toHtmlEscaped());
    }
    html += QStringLiteral("<br>%1: %2</p>")
                .arg(tr("Date").toHtmlEscaped(),
                     locale.toString(slip.date, QLocale::LongFormat).toHtmlEscaped());
    html += QStringLiteral(
                "<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"5\">"
                "<tr style=\"background: #eeeeee;\"><th align=\"left\">%1</th><th align=\"left\">%2</th>"
                "<th align=\"right\">%3</th><th align=\"right\">%4</th><th>%5</th></tr>")
                .arg(tr("SKU").toHtmlEscaped(), tr("Product").toHtmlEscaped(), tr("Ordered").toHtmlEscaped(),
                     tr("In this parcel").toHtmlEscaped(), tr("Checked").toHtmlEscaped());
    for (const PackingSlipLine &line : slip.lines) {
        html += QStringLiteral(
                    "<tr><td>%1</td><td>%2</td><td align=\"right\">%3</td><td align=\"right\">%4</td>"
                    "<td align=\"center\">☐</td></tr>")
                    .arg(line.sku.toHtmlEscaped(), line.name.toHtmlEscaped(), locale.toString(line.ordered),
                         locale.toString(line.shipped));
    }
    html += QStringLiteral("</table>");
    int missing = 0;
    for (const PackingSlipLine &line : slip.lines) {
        missing += std::max(0, line.ordered - line.shipped);
    }
    if (missing > 0) {
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("%n item(s) will follow in another parcel.", nullptr, missing).toHtmlEscaped());
    }
    html += QStringLiteral("</body></html>");

    QTextDocument document;
    document.setHtml(html);
    document.print(&writer); // paginates: a long order runs on to further pages
    return {};
}

} // namespace Stockroom
