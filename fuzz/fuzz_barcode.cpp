// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target for barcodes, both ways. In: a scanned code is read as a GTIN (Gtin::validate, which packing,
// receiving and counting use to match a scan to a line). Out: any text on a shipping label goes through the
// Code 128 encoder (Zint) and the ZPL writer, whose escaping must keep customer data from ever becoming a
// printer command. Never a crash, and the properties below hold for every input.
#include "fuzzsupport.h"
#include "shippinglabel.h"
#include "tracking.h"
#include "zpllabel.h"

#include <QImage>
#include <QPainter>
#include <QStringDecoder>

#include <algorithm>
#include <cstdint>

using namespace Stockroom;
using Stockroom::Fuzz::check;

namespace {

void scanGtin(const QString &code)
{
    const GtinCheck gtin = Gtin::validate(code);
    const GtinCheck again = Gtin::validate(code);
    check(gtin.valid == again.valid && gtin.normalised14 == again.normalised14
              && gtin.message == again.message,
          "a GTIN check is the same every time");
    if (!gtin.valid) {
        check(!gtin.message.isEmpty() && gtin.normalised14.isEmpty(),
              "an invalid GTIN says why and has no value");
        return;
    }
    check(gtin.message.isEmpty(), "a valid GTIN has no message");
    check(gtin.normalised14.size() == 14
              && std::all_of(gtin.normalised14.begin(), gtin.normalised14.end(),
                             [](QChar c) { return c >= u'0' && c <= u'9'; }),
          "a GTIN is kept as 14 ASCII digits");
    // A scanner that reports an EAN-13 as a GTIN-14, or a UPC-A as 13 digits: the same item, every length.
    QString shorter = gtin.normalised14;
    while (!shorter.isEmpty()) {
        const qsizetype length = shorter.size();
        if (length == 14 || length == 13 || length == 12 || length == 8) {
            const GtinCheck same = Gtin::validate(shorter);
            check(same.valid && same.normalised14 == gtin.normalised14, "leading zeros do not change a GTIN");
        }
        if (shorter.front() != u'0') {
            break;
        }
        shorter.remove(0, 1);
    }
}

/** The field data of ZPL's ^FH_ escapes undone: _XX is one byte. */
QByteArray unescaped(QByteArrayView data)
{
    QByteArray bytes;
    for (qsizetype i = 0; i < data.size(); ++i) {
        if (data[i] == '_') {
            check(i + 2 < data.size(), "an escape has two hex digits");
            bytes += QByteArray::fromHex(data.sliced(i + 1, 2).toByteArray());
            i += 2;
        } else {
            bytes += data[i];
        }
    }
    return bytes;
}

bool isEscape(QByteArrayView zpl, qsizetype at)
{
    auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); };
    return at + 2 < zpl.size() && hex(zpl[at + 1]) && hex(zpl[at + 2]);
}

void zplLabel(const QStringList &fields, int dpi)
{
    auto field = [&](qsizetype i) { return fields.value(i % fields.size()); };
    LabelData label;
    label.fromName = field(1);
    label.fromAddress = {field(2), field(3)};
    label.toName = field(4);
    label.toAddress = {field(5), field(6), field(0)};
    label.carrier = field(7);
    label.service = field(8);
    label.orderNumber = field(9);
    label.trackingNumber = field(0);
    const QByteArray zpl = ZplLabel::render(label, dpi);

    const QString tracking = ShippingLabel::normaliseTracking(label.trackingNumber);
    const bool printable = !tracking.isEmpty() && tracking.size() <= 80
        && std::all_of(tracking.begin(), tracking.end(),
                       [](QChar c) { return c.unicode() > 0x20 && c.unicode() < 0x7f && c != u'>'; });
    const bool supported = dpi == 152 || dpi == 203 || dpi == 300 || dpi == 600;
    check(zpl.isEmpty() == !(printable && supported), "a label is refused exactly when it cannot be printed");
    if (zpl.isEmpty()) {
        return;
    }

    // The same label with harmless text: as many commands, lines and prefixes, whatever the customer typed.
    LabelData plain = label;
    plain.fromName = plain.toName = plain.carrier = plain.service = plain.orderNumber = QStringLiteral("x");
    plain.fromAddress = {QStringLiteral("x"), QStringLiteral("x")};
    plain.toAddress = {QStringLiteral("x"), QStringLiteral("x"), QStringLiteral("x")};
    const QByteArray reference = ZplLabel::render(plain, dpi);
    check(zpl.count('^') == reference.count('^'), "text never adds a ^ command");
    check(zpl.count('~') == reference.count('~'), "text never adds a ~ command");
    check(zpl.count('\n') == reference.count('\n'), "text never adds a line");
    check(zpl.startsWith("^XA\n") && zpl.endsWith("^XZ\n"), "one label, whole");

    QStringDecoder utf8(QStringConverter::Utf8);
    const QString decoded = utf8(zpl);
    check(!utf8.hasError(), "the label is UTF-8 (^CI28)");
    QByteArray withoutHexIndicator = zpl;
    withoutHexIndicator.replace("^FH_", "^FH");
    for (qsizetype at = withoutHexIndicator.indexOf('_'); at >= 0;
         at = withoutHexIndicator.indexOf('_', at + 1)) {
        check(isEscape(withoutHexIndicator, at), "every _ in field data starts an escape");
    }

    // The barcode carries the tracking number exactly.
    const qsizetype barcode = zpl.indexOf("^BC");
    check(barcode > 0, "the label has a barcode");
    const qsizetype start = zpl.indexOf("^FD", barcode) + 3;
    const qsizetype end = zpl.indexOf("^FS", start);
    check(start > 3 && end >= start, "the barcode has field data");
    check(unescaped(QByteArrayView(zpl).sliced(start, end - start)) == tracking.toUtf8(),
          "the barcode's data is the tracking number");
}

void code128(const QString &data)
{
    QImage image(240, 40, QImage::Format_Grayscale8);
    image.fill(Qt::white);
    QPainter painter(&image);
    const Status drawn = ShippingLabel::drawCode128(painter, QRectF(0, 0, 240, 40), data);
    painter.end();
    const bool latin1 = !data.isEmpty() && data.size() <= 80
        && std::all_of(data.begin(), data.end(), [](QChar c) { return c.unicode() <= 0xff; });
    // Zint's Code 128 takes at most 60 symbol characters (one per letter, one per two digits in subset C):
    // longer text is refused with Zint's reason, although the message speaks of 80 characters.
    const bool ascii = latin1 && data.size() <= 60 && std::all_of(data.begin(), data.end(), [](QChar c) {
                           return c.unicode() >= 0x20 && c.unicode() < 0x7f;
                       });
    check(!drawn || latin1, "only 1 to 80 Latin-1 characters are drawn");
    check(drawn || !drawn.error().message.isEmpty(), "a refused barcode says why");
    check(!ascii || drawn, "1 to 60 printable ASCII characters are always drawn");
    if (drawn) {
        const uchar *row = image.constScanLine(20);
        check(std::any_of(row, row + image.width(), [](uchar grey) { return grey < 128; }),
              "a drawn barcode has bars");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    static constexpr int dpis[] = {203, 300, 152, 600, 0, 204};
    const int dpi = dpis[data[0] % std::size(dpis)];
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    scanGtin(text);
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines.first(std::min<qsizetype>(lines.size(), 4))) {
        scanGtin(line);
    }
    zplLabel(lines, dpi);
    code128(lines.constFirst());
    if (size <= 81) {
        code128(QString::fromLatin1(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1)));
    }
    return 0;
}
