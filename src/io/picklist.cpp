// SPDX-License-Identifier: GPL-3.0-or-later
#include "picklist.h"

#include "orderstatus.h"

#include "shippinglabel.h"

#include <QFileInfo>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>
#include <QSet>
#include <QTextLayout>

#include <algorithm>
#include <limits>

namespace Stockroom {

namespace {

constexpr int Dpi = 300;
constexpr double Mm = Dpi / 25.4;

constexpr int MaxProductLines = 3;
constexpr int MaxOrderLines = 6;

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

/**
 * Compares runs of digits by their value and the rest without regard to case, so that bin A2 comes before
 * A10 and a10; equal-looking texts ("A02", "A2") fall back to plain order so that sorting is deterministic.
 */
int naturalCompare(QStringView a, QStringView b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        if (isAsciiDigit(a[i]) && isAsciiDigit(b[j])) {
            qsizetype endA = i;
            while (endA < a.size() && isAsciiDigit(a[endA])) {
                ++endA;
            }
            qsizetype endB = j;
            while (endB < b.size() && isAsciiDigit(b[endB])) {
                ++endB;
            }
            QStringView digitsA = a.sliced(i, endA - i);
            QStringView digitsB = b.sliced(j, endB - j);
            while (digitsA.size() > 1 && digitsA.front() == u'0') {
                digitsA = digitsA.sliced(1);
            }
            while (digitsB.size() > 1 && digitsB.front() == u'0') {
                digitsB = digitsB.sliced(1);
            }
            if (digitsA.size() != digitsB.size()) {
                return digitsA.size() < digitsB.size() ? -1 : 1;
            }
            if (const int c = digitsA.compare(digitsB); c != 0) {
                return c < 0 ? -1 : 1;
            }
            i = endA;
            j = endB;
            continue;
        }
        const char32_t foldedA = QChar::toCaseFolded(char32_t(a[i].unicode()));
        const char32_t foldedB = QChar::toCaseFolded(char32_t(b[j].unicode()));
        if (foldedA != foldedB) {
            return foldedA < foldedB ? -1 : 1;
        }
        ++i;
        ++j;
    }
    if (i < a.size() || j < b.size()) {
        return i < a.size() ? 1 : -1;
    }
    const int c = a.compare(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool binBefore(const QString &a, const QString &b)
{
    if (a.isEmpty() != b.isEmpty()) {
        return b.isEmpty(); // products without a bin are searched for last
    }
    return naturalCompare(a, b) < 0;
}

/** Mirrors what ShippingLabel::drawCode128 accepts, so that the row can be measured before drawing. */
bool fitsCode128(const QString &text)
{
    return !text.isEmpty() && text.size() <= 80 && QString::fromLatin1(text.toLatin1()) == text;
}

/** Modules of a Code 128 symbol in subset B: start, data, check, stop (digit runs only make it shorter). */
int code128Modules(const QString &text)
{
    return 11 * (int(text.size()) + 2) + 13;
}

/** Lays the list out in two passes, measure-and-paginate first, so that each footer can say "of M". */
class Renderer
{
public:
    Renderer(QPdfWriter &writer, QPainter &painter, const PickListData &data,
             const QList<PickListLine> &lines)
        : m_writer(writer)
        , m_painter(painter)
        , m_data(data)
        , m_lines(lines)
    {
        auto font = [](const char *family, double points, bool bold) {
            QFont f(QString::fromLatin1(family));
            f.setPointSizeF(points);
            f.setBold(bold);
            return f;
        };
        m_titleFont = font("DejaVu Sans", 16, true);
        m_subtitleFont = font("DejaVu Sans", 10, false);
        m_metaFont = font("DejaVu Sans", 8.5, false);
        m_headerFont = font("DejaVu Sans", 8, true);
        m_binFont = font("DejaVu Sans", 10, true);
        m_textFont = font("DejaVu Sans", 9, false);
        m_skuFont = font("DejaVu Sans Mono", 9, true);
        m_smallFont = font("DejaVu Sans", 7, false);
        m_qtyFont = font("DejaVu Sans", 15, true);
        m_ordersFont = font("DejaVu Sans", 8.5, false);
        m_totalsFont = font("DejaVu Sans", 10, true);
        m_footerFont = font("DejaVu Sans", 7.5, false);

        m_width = m_writer.width();
        m_height = m_writer.height();
        // Fixed columns in millimetres; the product name takes what is left (more on Letter than on A4).
        const double tick = 9 * Mm;
        const double bin = 20 * Mm;
        const double sku = 44 * Mm;
        const double qty = 15 * Mm;
        const double orders = 38 * Mm;
        const double product = m_width - tick - bin - sku - qty - orders;
        double x = 0;
        for (const double width : {tick, bin, sku, product, qty, orders}) {
            m_columns.append({x, width});
            x += width;
        }
    }

    void render()
    {
        const QList<QList<Block>> pages = paginate();
        for (qsizetype page = 0; page < pages.size(); ++page) {
            if (page > 0) {
                m_writer.newPage();
            }
            double y = drawPageHeader(page);
            if (m_lines.isEmpty()) {
                drawNothingToPick(y);
            } else {
                y = drawColumnHeader(y);
                for (const Block &block : pages.at(page)) {
                    y = drawBlock(block, y);
                }
            }
            drawFooter(page, pages.size());
        }
    }

private:
    enum class Kind { BinHeading, Line, Totals };
    struct Block
    {
        Kind kind = Kind::Line;
        int line = -1;
        bool continued = false; ///< a bin heading repeated at the top of a page
    };
    struct Column
    {
        double x = 0;
        double width = 0;
    };
    enum ColumnIndex { TickColumn, BinColumn, SkuColumn, ProductColumn, QtyColumn, OrdersColumn };
    struct Row
    {
        QStringList product;
        QStringList orders;
        bool barcode = false;
        double height = 0;
    };

    static constexpr double Padding = 1.5 * Mm;
    static constexpr double TickSize = 4.5 * Mm;
    static constexpr double BarcodeHeight = 7 * Mm;
    static constexpr double BarcodeInset = 2.5 * Mm; ///< quiet zone left of the bars; the right one is wider
    static constexpr double ModuleWidth = 0.33 * Mm; ///< 13 mil: any handheld scanner reads it

    QFontMetricsF metrics(const QFont &font) const { return QFontMetricsF(font, &m_writer); }

    double textWidth(ColumnIndex column) const { return m_columns.at(column).width - 2 * Padding; }

    /** Wraps at word boundaries (anywhere in a word too long for the line); the last line allowed is elided. */
    QStringList wrapped(const QString &text, const QFont &font, double width, int maxLines) const
    {
        if (text.isEmpty()) {
            return {};
        }
        QTextLayout layout(text, font, &m_writer);
        QTextOption option;
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        layout.setTextOption(option);
        layout.beginLayout();
        QStringList lines;
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(width);
            if (lines.size() == maxLines - 1) {
                lines << metrics(font).elidedText(text.mid(line.textStart()).simplified(), Qt::ElideRight,
                                                  width);
                break;
            }
            lines << text.mid(line.textStart(), line.textLength()).trimmed();
        }
        layout.endLayout();
        return lines;
    }

    /** Every order if they fit in MaxOrderLines, otherwise as many as fit followed by "+N more". */
    QStringList orderLines(const QStringList &orders) const
    {
        const QString separator = QStringLiteral(", ");
        const double width = textWidth(OrdersColumn);
        const QStringList all
            = wrapped(orders.join(separator), m_ordersFont, width, std::numeric_limits<int>::max());
        if (all.size() <= MaxOrderLines) {
            return all;
        }
        // Start from the orders that the first lines hold and drop one at a time until "+N more" fits too.
        qsizetype characters = 0;
        for (int i = 0; i < MaxOrderLines; ++i) {
            characters += all.at(i).size() + 1;
        }
        qsizetype shown = 0;
        for (qsizetype end = 0; shown < orders.size(); ++shown) {
            end += orders.at(shown).size() + separator.size();
            if (end > characters) {
                break;
            }
        }
        for (; shown > 0; --shown) {
            const QString text = orders.first(shown).join(separator) + separator
                + PickList::tr("+%n more", "@info more order numbers than fit", int(orders.size() - shown));
            const QStringList lines = wrapped(text, m_ordersFont, width, std::numeric_limits<int>::max());
            if (lines.size() <= MaxOrderLines) {
                return lines;
            }
        }
        return {PickList::tr("%n order(s)", "@info", int(orders.size()))};
    }

    Row measure(const PickListLine &line) const
    {
        Row row;
        row.barcode = fitsCode128(line.sku);
        row.product = wrapped(line.productName, m_textFont, textWidth(ProductColumn), MaxProductLines);
        row.orders = orderLines(line.orderNumbers);
        double sku = metrics(m_skuFont).lineSpacing();
        if (row.barcode) {
            sku += 1 * Mm + BarcodeHeight;
        }
        double product = row.product.size() * metrics(m_textFont).lineSpacing();
        if (!line.gtin.isEmpty()) {
            product += metrics(m_smallFont).lineSpacing();
        }
        const double orders = row.orders.size() * metrics(m_ordersFont).lineSpacing();
        const double content = std::max(
            {TickSize, metrics(m_textFont).height(), sku, product, metrics(m_qtyFont).height(), orders});
        row.height = content + 2 * Padding;
        return row;
    }

    double binHeadingHeight() const { return metrics(m_binFont).height() + 2 * Padding; }
    double totalsHeight() const { return 3 * Mm + metrics(m_totalsFont).height() + 2 * Padding; }
    double footerHeight() const { return metrics(m_footerFont).height() + 3 * Mm; }
    double columnHeaderHeight() const { return metrics(m_headerFont).height() + 2 * Padding; }

    double firstPageHeaderHeight() const
    {
        double height = metrics(m_titleFont).height();
        if (!m_data.locationName.isEmpty()) {
            height += metrics(m_subtitleFont).height();
        }
        return height + metrics(m_metaFont).height() + 4 * Mm;
    }

    double laterPageHeaderHeight() const { return metrics(m_subtitleFont).height() + 2 * Mm; }

    QList<QList<Block>> paginate()
    {
        for (const PickListLine &line : m_lines) {
            m_rows.append(measure(line));
        }
        QList<QList<Block>> pages(1);
        if (m_lines.isEmpty()) {
            return pages;
        }
        const double bottom = m_height - footerHeight();
        double y = firstPageHeaderHeight() + columnHeaderHeight();
        auto fits = [&](double height) { return pages.last().isEmpty() || y + height <= bottom; };
        auto place = [&](Block block, double height) {
            pages.last().append(block);
            y += height;
        };
        auto newPage = [&]() {
            pages.append(QList<Block> {});
            y = laterPageHeaderHeight() + columnHeaderHeight();
        };
        for (int i = 0; i < m_lines.size(); ++i) {
            const double height = m_rows.at(i).height;
            if (i == 0 || m_lines.at(i).bin != m_lines.at(i - 1).bin) {
                if (!fits(binHeadingHeight() + height)) { // a heading never ends a page alone
                    newPage();
                }
                place({Kind::BinHeading, i, false}, binHeadingHeight());
            } else if (!fits(height)) {
                newPage();
                place({Kind::BinHeading, i, true}, binHeadingHeight());
            }
            place({Kind::Line, i, false}, height);
        }
        if (!fits(totalsHeight())) {
            newPage();
        }
        place({Kind::Totals, -1, false}, totalsHeight());
        return pages;
    }

    QString title() const { return PickList::tr("Pick list — %1", "@title").arg(m_data.locationCode); }

    QString generated() const
    {
        const QString when = m_data.generatedAt.isValid()
            ? QLocale().toString(m_data.generatedAt, QLocale::ShortFormat)
            : QStringLiteral("—");
        return m_data.generatedBy.isEmpty()
            ? PickList::tr("Generated %1", "@info").arg(when)
            : PickList::tr("Generated %1 by %2", "@info").arg(when, m_data.generatedBy);
    }

    /** Draws one line of text at the top of rect, elided to its width. */
    void drawText(const QRectF &rect, const QFont &font, const QString &text,
                  Qt::Alignment alignment = Qt::AlignLeft, const QColor &color = Qt::black)
    {
        m_painter.setFont(font);
        m_painter.setPen(color);
        m_painter.drawText(QRectF(rect.x(), rect.y(), rect.width(), metrics(font).height()),
                           alignment | Qt::AlignTop,
                           metrics(font).elidedText(text, Qt::ElideRight, rect.width()));
    }

    double drawLines(const QStringList &lines, const QFont &font, ColumnIndex column, double y)
    {
        const Column &c = m_columns.at(column);
        for (const QString &line : lines) {
            drawText(QRectF(c.x + Padding, y, c.width - 2 * Padding, 0), font, line);
            y += metrics(font).lineSpacing();
        }
        return y;
    }

    void rule(double y, double thickness, const QColor &color)
    {
        m_painter.fillRect(QRectF(0, y - thickness / 2, m_width, thickness), color);
    }

    double drawPageHeader(qsizetype page)
    {
        double y = 0;
        if (page == 0) {
            drawText(QRectF(0, y, m_width, 0), m_titleFont, title());
            y += metrics(m_titleFont).height();
            if (!m_data.locationName.isEmpty()) {
                drawText(QRectF(0, y, m_width, 0), m_subtitleFont, m_data.locationName);
                y += metrics(m_subtitleFont).height();
            }
            drawText(QRectF(0, y, m_width, 0), m_metaFont, generated(), Qt::AlignLeft, Qt::darkGray);
            return firstPageHeaderHeight();
        }
        QFont bold = m_subtitleFont;
        bold.setBold(true);
        drawText(QRectF(0, y, m_width / 2, 0), bold, title());
        drawText(QRectF(m_width / 2, y + metrics(m_subtitleFont).ascent() - metrics(m_metaFont).ascent(),
                        m_width / 2, 0),
                 m_metaFont, generated(), Qt::AlignRight, Qt::darkGray);
        return laterPageHeaderHeight();
    }

    double drawColumnHeader(double y)
    {
        const QStringList titles {QStringLiteral("✓"),
                                  PickList::tr("Bin", "@title:column"),
                                  PickList::tr("SKU", "@title:column"),
                                  PickList::tr("Product", "@title:column"),
                                  PickList::tr("Qty", "@title:column quantity"),
                                  PickList::tr("Orders", "@title:column")};
        for (int i = 0; i < m_columns.size(); ++i) {
            const Column &c = m_columns.at(i);
            const Qt::Alignment alignment = i == TickColumn ? Qt::AlignHCenter
                : i == QtyColumn                            ? Qt::AlignRight
                                                            : Qt::AlignLeft;
            drawText(QRectF(c.x + Padding, y + Padding, c.width - 2 * Padding, 0), m_headerFont, titles.at(i),
                     alignment);
        }
        y += columnHeaderHeight();
        rule(y, 0.4 * Mm, Qt::black);
        return y;
    }

    double drawBlock(const Block &block, double y)
    {
        switch (block.kind) {
        case Kind::BinHeading: {
            const QString &bin = m_lines.at(block.line).bin;
            QString text = bin.isEmpty() ? PickList::tr("No bin", "@title a group of products without a bin")
                                         : PickList::tr("Bin %1", "@title").arg(bin);
            if (block.continued) {
                text = PickList::tr("%1 (continued)", "@title a bin group on a new page").arg(text);
            }
            m_painter.fillRect(QRectF(0, y, m_width, binHeadingHeight()), QColor(0xe6, 0xe6, 0xe6));
            drawText(QRectF(Padding, y + Padding, m_width - 2 * Padding, 0), m_binFont, text);
            return y + binHeadingHeight();
        }
        case Kind::Line:
            drawLine(block.line, y);
            return y + m_rows.at(block.line).height;
        case Kind::Totals:
            drawTotals(y + 3 * Mm);
            return y + totalsHeight();
        }
        return y;
    }

    void drawLine(int index, double y)
    {
        const PickListLine &line = m_lines.at(index);
        const Row &row = m_rows.at(index);
        const double top = y + Padding;

        const Column &tick = m_columns.at(TickColumn);
        m_painter.setPen(QPen(Qt::black, 0.3 * Mm));
        m_painter.setBrush(Qt::NoBrush);
        m_painter.drawRect(QRectF(tick.x + (tick.width - TickSize) / 2, top, TickSize, TickSize));

        drawLines({line.bin}, m_textFont, BinColumn, top);

        const double skuBottom = drawLines({line.sku}, m_skuFont, SkuColumn, top);
        if (row.barcode) {
            const Column &sku = m_columns.at(SkuColumn);
            const double width
                = std::min(sku.width - 2 * BarcodeInset, code128Modules(line.sku) * ModuleWidth);
            const QRectF bars(sku.x + BarcodeInset, skuBottom + 1 * Mm, width, BarcodeHeight);
            // fitsCode128() checked what the encoder refuses; should it still fail, the SKU text remains.
            if (const Status drawn = ShippingLabel::drawCode128(m_painter, bars, line.sku); !drawn) {
                drawText(bars, m_smallFont, drawn.error().message, Qt::AlignLeft, Qt::darkGray);
            }
        }

        const double productBottom = drawLines(row.product, m_textFont, ProductColumn, top);
        if (!line.gtin.isEmpty()) {
            drawLines({PickList::tr("GTIN %1", "@info").arg(line.gtin)}, m_smallFont, ProductColumn,
                      productBottom);
        }

        const Column &qty = m_columns.at(QtyColumn);
        drawText(QRectF(qty.x + Padding, top, qty.width - 2 * Padding, 0), m_qtyFont,
                 QLocale().toString(line.qty), Qt::AlignRight);

        drawLines(row.orders, m_ordersFont, OrdersColumn, top);

        rule(y + row.height, 0.15 * Mm, QColor(0xb0, 0xb0, 0xb0));
    }

    void drawTotals(double y)
    {
        rule(y, 0.4 * Mm, Qt::black);
        int units = 0;
        QSet<QString> orders;
        for (const PickListLine &line : m_lines) {
            units += line.qty;
            for (const QString &order : line.orderNumbers) {
                orders.insert(order);
            }
        }
        const QLocale locale;
        const QString text
            = QStringList {PickList::tr("Lines: %1", "@info").arg(locale.toString(m_lines.size())),
                           PickList::tr("Units: %1", "@info").arg(locale.toString(units)),
                           PickList::tr("Orders: %1", "@info").arg(locale.toString(orders.size()))}
                  .join(QStringLiteral("     "));
        drawText(QRectF(Padding, y + Padding, m_width - 2 * Padding, 0), m_totalsFont, text);
    }

    void drawNothingToPick(double y)
    {
        QFont font = m_titleFont;
        font.setPointSizeF(20);
        drawText(QRectF(0, y + 30 * Mm, m_width, 0), font, PickList::tr("Nothing to pick", "@info"),
                 Qt::AlignHCenter, Qt::darkGray);
    }

    void drawFooter(qsizetype page, qsizetype pages)
    {
        const double y = m_height - metrics(m_footerFont).height();
        rule(y - 1.5 * Mm, 0.15 * Mm, Qt::darkGray);
        drawText(QRectF(0, y, m_width * 0.7, 0), m_footerFont, title(), Qt::AlignLeft, Qt::darkGray);
        drawText(QRectF(m_width * 0.7, y, m_width * 0.3, 0), m_footerFont,
                 PickList::tr("Page %1 of %2", "@info").arg(page + 1).arg(pages), Qt::AlignRight,
                 Qt::darkGray);
    }

    QPdfWriter &m_writer;
    QPainter &m_painter;
    const PickListData &m_data;
    const QList<PickListLine> &m_lines;
    QList<Row> m_rows;
    QList<Column> m_columns;
    double m_width = 0;
    double m_height = 0;
    QFont m_titleFont;
    QFont m_subtitleFont;
    QFont m_metaFont;
    QFont m_headerFont;
    QFont m_binFont;
    QFont m_textFont;
    QFont m_skuFont;
    QFont m_smallFont;
    QFont m_qtyFont;
    QFont m_ordersFont;
    QFont m_totalsFont;
    QFont m_footerFont;
};

} // namespace

PickListData PickList::fromRows(const PickListRows &rows, const QDateTime &generatedAt,
                                const QString &generatedBy)
{
    PickListData data;
    data.locationCode = rows.locationCode;
    data.locationName = rows.locationName;
    data.generatedAt = generatedAt;
    data.generatedBy = generatedBy;
    for (const PickRow &row : rows.rows) {
        data.lines << PickListLine {row.bin,  row.sku, row.productName,
                                    row.gtin, row.qty, {orderNumber(row.orderId)}};
    }
    return data;
}

QList<PickListLine> PickList::arranged(QList<PickListLine> lines)
{
    for (PickListLine &line : lines) {
        line.bin = line.bin.trimmed();
        line.sku = line.sku.trimmed();
    }
    // Stable, so that the first of several duplicates gives the merged line its name and GTIN.
    std::stable_sort(lines.begin(), lines.end(), [](const PickListLine &a, const PickListLine &b) {
        if (a.bin != b.bin) {
            return binBefore(a.bin, b.bin);
        }
        return naturalCompare(a.sku, b.sku) < 0;
    });
    QList<PickListLine> merged;
    for (const PickListLine &line : std::as_const(lines)) {
        if (!merged.isEmpty() && merged.last().bin == line.bin && merged.last().sku == line.sku) {
            PickListLine &into = merged.last();
            into.qty += line.qty;
            into.orderNumbers += line.orderNumbers;
            if (into.productName.isEmpty()) {
                into.productName = line.productName;
            }
            if (into.gtin.isEmpty()) {
                into.gtin = line.gtin;
            }
        } else {
            merged.append(line);
        }
    }
    for (PickListLine &line : merged) {
        QStringList orders;
        for (const QString &order : std::as_const(line.orderNumbers)) {
            if (const QString trimmed = order.trimmed(); !trimmed.isEmpty() && !orders.contains(trimmed)) {
                orders.append(trimmed);
            }
        }
        std::sort(orders.begin(), orders.end(),
                  [](const QString &a, const QString &b) { return naturalCompare(a, b) < 0; });
        line.orderNumbers = orders;
    }
    return merged;
}

Status PickList::writePdf(const PickListData &data, const QString &fileName, QPageSize::PageSizeId paper)
{
    const QList<PickListLine> lines = arranged(data.lines);
    for (const PickListLine &line : lines) {
        if (line.qty <= 0) {
            return Error::usage(tr("SKU %1 in bin %2 has quantity %3; a pick list needs at least 1.")
                                    .arg(line.sku, line.bin, QString::number(line.qty)));
        }
    }
    QPdfWriter writer(fileName);
    writer.setPageSize(QPageSize(paper));
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
    writer.setResolution(Dpi);
    writer.setTitle(tr("Pick list %1").arg(data.locationCode));
    writer.setCreator(QStringLiteral("Stockroom"));
    QPainter painter;
    if (!painter.begin(&writer)) {
        return Error::database(tr("Cannot write %1.").arg(QFileInfo(fileName).absoluteFilePath()));
    }
    Renderer(writer, painter, data, lines).render();
    if (!painter.end()) {
        return Error::database(tr("Cannot finish %1.").arg(QFileInfo(fileName).absoluteFilePath()));
    }
    return {};
}

} // namespace Stockroom
