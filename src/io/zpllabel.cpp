// SPDX-License-Identifier: GPL-3.0-or-later
#include "zpllabel.h"

#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>

#include <algorithm>

namespace Stockroom {

namespace {

/** The layout is drawn in dots of the common 8 dots/mm printer and scaled for the others. */
constexpr int BaseDpi = 203;
constexpr int Margin = 30;
constexpr int Width = 4 * BaseDpi - 2 * Margin;

bool supportedDpi(int dpi)
{
    return dpi == 152 || dpi == 203 || dpi == 300 || dpi == 600;
}

/** ^BC reads ">" as the start of an invocation code, and only ASCII is sure to print the same everywhere. */
bool fitsBarcode(const QString &tracking)
{
    return !tracking.isEmpty() && tracking.size() <= 80
        && std::all_of(tracking.begin(), tracking.end(),
                       [](QChar c) { return c.unicode() > 0x20 && c.unicode() < 0x7f && c != u'>'; });
}

Status check(const LabelData &label, int dpi)
{
    if (!supportedDpi(dpi)) {
        return Error::usage(
            ZplLabel::tr("Label printers print at 152, 203, 300 or 600 dpi, not %1.").arg(dpi));
    }
    const QString tracking = ShippingLabel::normaliseTracking(label.trackingNumber);
    if (tracking.isEmpty()) {
        return Error::business(
            ZplLabel::tr("Order %1 has no tracking number to print.").arg(label.orderNumber));
    }
    if (!fitsBarcode(tracking)) {
        return Error::usage(
            ZplLabel::tr("A ZPL barcode takes 1 to 80 ASCII characters other than \">\", not \"%1\".")
                .arg(tracking));
    }
    return {};
}

/**
 * Field data for ^FH_: UTF-8 as it is, except that ^ and ~ (command prefixes), _ (the hex indicator), \
 * and control characters are sent as _XX, one escape per byte.
 */
QByteArray fieldData(const QString &text)
{
    QByteArray data;
    const QList<uint> codePoints = text.toUcs4();
    for (const uint codePoint : codePoints) {
        const char32_t c = codePoint;
        const QByteArray bytes = QString::fromUcs4(&c, 1).toUtf8();
        const bool unsafe
            = c == U'^' || c == U'~' || c == U'_' || c == U'\\' || QChar::category(c) == QChar::Other_Control;
        if (!unsafe) {
            data += bytes;
            continue;
        }
        for (const char byte : bytes) {
            data += '_' + QByteArray(1, byte).toHex().toUpper();
        }
    }
    return data;
}

/** Writes ZPL commands in base-resolution dots, scaled to the printer's. */
class Writer
{
public:
    explicit Writer(int dpi)
        : m_scale(double(dpi) / BaseDpi)
    {
    }

    void command(const QByteArray &command) { m_zpl += command + '\n'; }

    /**
     * One line of text in font 0 at height × width dots, cut to what fits in Width: the printer's font is
     * condensed, about 0.6 of the character width per character at most.
     */
    void text(int x, int y, int height, int width, QString text)
    {
        const qsizetype fits = qsizetype(Width / (0.6 * width));
        if (text.size() > fits) {
            text = text.left(fits - 3).trimmed() + QStringLiteral("...");
        }
        command("^FO" + dots(x) + ',' + dots(y) + "^A0N," + dots(height) + ',' + dots(width) + "^FH_^FD"
                + fieldData(text) + "^FS");
    }

    void rule(int y)
    {
        command("^FO" + dots(Margin) + ',' + dots(y) + "^GB" + dots(Width) + ',' + dots(3) + ',' + dots(3)
                + "^FS");
    }

    /** A Code 128 in automatic mode (A) with its interpretation line under it, centred between quiet zones. */
    void code128(int y, int height, const QString &data)
    {
        const int available = scaled(Width);
        const int modules = estimatedModules(data) + 2 * 10; // quiet zones of 10 modules
        const int moduleWidth = std::clamp(available / modules, 1, std::max(1, scaled(3)));
        const int x
            = scaled(Margin) + std::max(0, (available - modules * moduleWidth) / 2) + 10 * moduleWidth;
        command("^FO" + QByteArray::number(x) + ',' + dots(y) + "^BY" + QByteArray::number(moduleWidth)
                + "^BCN," + dots(height) + ",Y,N,N,A^FH_^FD" + fieldData(data) + "^FS");
    }

    QByteArray zpl() const { return m_zpl; }
    QByteArray dots(int base) const { return QByteArray::number(scaled(base)); }

private:
    int scaled(int base) const { return qRound(base * m_scale); }

    /** Modules of the symbol: digit runs of four or more go in subset C, two digits to a symbol. */
    static int estimatedModules(const QString &data)
    {
        int symbols = 3; // start, check and stop (the stop is 13 modules, counted below)
        for (qsizetype i = 0; i < data.size();) {
            qsizetype end = i;
            while (end < data.size() && data.at(end).isDigit()) {
                ++end;
            }
            const qsizetype digits = end - i;
            if (digits >= 4) {
                symbols += int(digits / 2 + digits % 2 + 1); // the switch to C (and back for an odd one)
                i = end;
            } else {
                symbols += digits > 0 ? int(digits) : 1;
                i = digits > 0 ? end : i + 1;
            }
        }
        return symbols * 11 + 2;
    }

    double m_scale;
    QByteArray m_zpl;
};

} // namespace

QByteArray ZplLabel::render(const LabelData &label, int dpi)
{
    if (!check(label, dpi)) {
        return {};
    }
    Writer zpl(dpi);
    zpl.command("^XA");
    zpl.command("^CI28"); // field data is UTF-8
    zpl.command("^PW" + QByteArray::number(4 * dpi));
    zpl.command("^LL" + QByteArray::number(6 * dpi));
    zpl.command("^LH0,0");

    // The same words as on the PDF label, so that one translation serves both.
    int y = Margin;
    zpl.text(Margin, y, 20, 20, ShippingLabel::tr("FROM", "@label on a shipping label"));
    y += 26;
    const QStringList from = (QStringList {label.fromName} + label.fromAddress)
                                 .first(std::min<qsizetype>(5, 1 + label.fromAddress.size()));
    for (const QString &line : from) {
        zpl.text(Margin, y, 24, 22, line);
        y += 28;
    }
    y += 10;
    zpl.rule(y);

    // Ship to: the largest text on the label.
    y += 16;
    zpl.text(Margin, y, 24, 24, ShippingLabel::tr("SHIP TO", "@label on a shipping label"));
    y += 32;
    zpl.text(Margin, y, 48, 40, label.toName);
    y += 56;
    for (const QString &line : label.toAddress.first(std::min<qsizetype>(5, label.toAddress.size()))) {
        zpl.text(Margin, y, 38, 32, line);
        y += 44;
    }
    y = std::max(y + 14, 590);
    zpl.rule(y);

    // Service, weight, reference, date.
    y += 16;
    zpl.text(Margin, y, 48, 40, QStringLiteral("%1 %2").arg(label.carrier, label.service).trimmed());
    y += 58;
    const QLocale locale;
    for (const QString &line :
         {ShippingLabel::tr("Weight: %1 kg").arg(locale.toString(label.weightGrams / 1000.0, 'f', 2)),
          ShippingLabel::tr("Order: %1").arg(label.orderNumber),
          ShippingLabel::tr("Date: %1").arg(locale.toString(label.date, QLocale::ShortFormat))}) {
        zpl.text(Margin, y, 28, 26, line);
        y += 34;
    }
    y += 8;
    zpl.rule(y);

    // The tracking barcode; the printer prints the number under it.
    y += 30;
    zpl.code128(y, 220, ShippingLabel::normaliseTracking(label.trackingNumber));
    zpl.command("^XZ");
    return zpl.zpl();
}

Status ZplLabel::write(const LabelData &label, const QString &fileName, int dpi)
{
    STOCKROOM_CHECK(check(label, dpi));
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(render(label, dpi)) < 0 || !file.commit()) {
        return Error::database(
            tr("Cannot write %1: %2").arg(QFileInfo(fileName).absoluteFilePath(), file.errorString()));
    }
    return {};
}

} // namespace Stockroom
