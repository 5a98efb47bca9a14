// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target for the CSV stream and the order reader: any bytes must give records or a clear error, never
// a crash, and the invariants below hold for every input. Built for libFuzzer with clang (fuzz/ as a project
// of its own) and, with any compiler, into fuzz_csv, which replays a corpus and mutations of it.
#include "csvreader.h"
#include "fuzzsupport.h"
#include "orderimport.h"

#include <QBuffer>

#include <cstdint>
#include <iterator>

using namespace Stockroom;
using Stockroom::Fuzz::check;

namespace {

void streamRecords(const QByteArray &bytes, char separator, CsvStream::Quoting quoting)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvStream stream(&buffer, separator, quoting);
    const int lines = Fuzz::lineCount(bytes);
    int previousLine = 0;
    qint64 previousPosition = 0;
    qsizetype records = 0;
    while (stream.next()) {
        ++records;
        check(stream.line() >= 1, "a record's line is at least 1");
        check(stream.line() > previousLine, "records start on increasing lines");
        check(stream.line() <= lines, "a record starts on a line of the input");
        check(records <= lines, "no more records than line breaks + 1");
        check(stream.fieldCount() >= 1, "a record has a field");
        check(stream.position() > previousPosition && stream.position() <= bytes.size(),
              "every record consumes bytes of the input");
        previousLine = stream.line();
        previousPosition = stream.position();
        for (qsizetype f = 0; f < stream.fieldCount(); ++f) {
            const QByteArrayView field = stream.fieldView(f);
            check(field.size() <= bytes.size(), "a field is no longer than the input");
            if (quoting == CsvStream::Quoting::None) {
                check(!field.contains(separator) && !field.contains('\n') && !field.contains('\r'),
                      "an unquoted field holds no separator or line break");
            }
            // Records are checked as UTF-8 before they are handed out.
            check(!QString::fromUtf8(field).contains(QChar::ReplacementCharacter)
                      || field.contains("\xEF\xBF\xBD"),
                  "a field decodes without replacement characters");
        }
    }
    if (stream.hasError()) {
        check(stream.errorLine() >= 1 && stream.errorLine() >= previousLine, "an error names a line");
        check(stream.errorLine() <= lines, "an error names a line of the input");
        check(!stream.error().isEmpty(), "an error says why");
        check(quoting == CsvStream::Quoting::Quoted || stream.errorKind() == CsvStream::ErrorKind::Encoding,
              "without quoting only the encoding can be wrong");
    } else {
        check(stream.position() == bytes.size(), "without an error the whole input is read");
    }
    check(!stream.next(), "the end stays the end");

    if (separator == ',' && quoting == CsvStream::Quoting::Quoted) {
        const CsvContent content = CsvReader().parse(bytes);
        check(content.ok() == !stream.hasError(), "CsvReader and CsvStream agree on errors");
        check(!content.ok() || content.records.size() == records, "CsvReader and CsvStream agree on records");
        check(content.ok() || (content.errorLine >= 1 && content.errorLine <= lines),
              "CsvReader's error names a line of the input");
    }
}

void readOrders(const QByteArray &bytes, OrderFileFormat format)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    OrderFileReader reader(&buffer, QStringLiteral("fuzz.csv"), format);
    const bool opened = reader.open();
    check(opened || !reader.problems().isEmpty(), "a refused file says why");
    const int lines = Fuzz::lineCount(bytes);
    int previousLine = 0;
    int orders = 0;
    while (std::optional<ImportedOrder> order = reader.next()) {
        check(++orders <= reader.rowsRead(), "no more orders than rows");
        check(order->line > previousLine, "orders come in file order");
        check(order->line <= lines, "an order starts on a line of the input");
        previousLine = order->line;
        check(!order->externalId.isEmpty(), "an order has an id");
        check(order->placedAt.isValid() && order->placedAt.timeSpec() == Qt::UTC, "an order has a UTC date");
        check(order->paidCents >= 0 && order->refundedCents >= 0, "amounts are not negative");
        check(!order->totalCents || *order->totalCents >= 0, "a total is not negative");
        check(order->skippedLines >= 0, "skipped lines are counted up");
        for (const ImportedOrderLine &line : order->lines) {
            check(line.qty >= 1 && line.unitPriceCents >= 0, "a line has a quantity and a price");
            check(line.line >= order->line && line.line <= lines, "a line is not above its order");
            check(!line.sku.isEmpty() || !line.name.isEmpty(), "a line has a SKU or a name");
        }
        check(!order->channelState().isEmpty(), "an order has a channel state");
    }
    check(!reader.next(), "the end stays the end");
    check(reader.problems().size() <= 1000, "at most 1000 problems");
    for (const FileProblem &problem : reader.problems()) {
        check(problem.line >= 0 && problem.line <= lines && !problem.message.isEmpty(),
              "a problem says where (a line of the input) and why");
    }
    check(reader.bytesRead() <= bytes.size(), "no more bytes read than there are");
    check(reader.rowsRead() <= lines, "no more rows than line breaks + 1");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    streamRecords(bytes, ',', CsvStream::Quoting::Quoted);
    streamRecords(bytes, ';', CsvStream::Quoting::Quoted);
    streamRecords(bytes, '\t', CsvStream::Quoting::None);
    readOrders(bytes, OrderFileFormat::Auto);
    // And one forced format, another for each length: every format sees every kind of input, at a third of
    // the cost of all of them each time.
    static constexpr OrderFileFormat forced[]
        = {OrderFileFormat::Stockroom, OrderFileFormat::Shopify, OrderFileFormat::WooCommerce,
           OrderFileFormat::Amazon,    OrderFileFormat::Ebay,    OrderFileFormat::Etsy};
    readOrders(bytes, forced[size % std::size(forced)]);
    return 0;
}
