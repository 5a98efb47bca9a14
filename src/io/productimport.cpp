// SPDX-License-Identifier: GPL-3.0-or-later
#include "productimport.h"

#include "csvreader.h"
#include "dataexport.h"
#include "tracking.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <array>

namespace Stockroom {

namespace {

constexpr qsizetype maxProblems = 1000; ///< the last one then says how many more there are
constexpr qint64 maxCents = 10'000'000'000; ///< 100,000,000.00
constexpr int maxGrams = 1'000'000;
constexpr int maxUnits = 999'999'999;
/**
 * The file is read in pieces of about this size, cut between records: the records of a 50 MB file as
 * QStrings all at once would take ten times its size.
 */
constexpr qsizetype chunkBytes = 1024 * 1024;

enum Field {
    Sku,
    Name,
    Gtin,
    UnitCost,
    Price,
    Weight,
    Active,
    OnHand,
    Location,
    Handle,
    Title,
    Status,
    Option1,
    Option2,
    Option3,
    FieldCount,
};

struct ColumnSpec
{
    Field field;
    QList<QLatin1String> names; ///< as the files write them; the first is the one messages name
    bool required = false;
};

struct FormatSpec
{
    QList<ColumnSpec> columns;
    QList<QLatin1String> ignored; ///< columns known and not used
    bool strict = false; ///< other columns are problems (our own formats)
};

/** A header as compared: trimmed, single spaces, lower case. */
QString key(const QString &header)
{
    return header.simplified().toLower();
}

QString key(QLatin1String header)
{
    return key(QString(header));
}

const FormatSpec &formatSpec(ProductFileFormat format)
{
    static const FormatSpec stockroom {{{Sku, {QLatin1String("sku")}, true},
                                        {Name, {QLatin1String("name")}, true},
                                        {Gtin, {QLatin1String("gtin")}},
                                        {UnitCost, {QLatin1String("unit_cost")}},
                                        {Price, {QLatin1String("price")}},
                                        {Weight, {QLatin1String("weight_grams")}},
                                        {Active, {QLatin1String("active")}},
                                        {OnHand, {QLatin1String("on_hand")}},
                                        {Location, {QLatin1String("location")}}},
                                       {},
                                       true};
    // What `stock --csv` (name) and `export stock` (reserved … avg_cost) write besides: those files import
    // as counted stock.
    static const FormatSpec stockroomStock {
        {{Sku, {QLatin1String("sku")}, true},
         {Location, {QLatin1String("location")}, true},
         {OnHand, {QLatin1String("on_hand")}, true}},
        {QLatin1String("name"), QLatin1String("reserved"), QLatin1String("available"), QLatin1String("bin"),
         QLatin1String("reorder_point"), QLatin1String("reorder_qty"), QLatin1String("avg_cost")},
        true};
    // Column names of the exports until 2024, then those of 2025 ("URL handle", "SKU", "Price", …).
    static const FormatSpec shopifyProducts {
        {{Handle, {QLatin1String("Handle"), QLatin1String("URL handle")}, true},
         {Title, {QLatin1String("Title")}, true},
         {Price, {QLatin1String("Variant Price"), QLatin1String("Price")}, true},
         {Sku, {QLatin1String("Variant SKU"), QLatin1String("SKU")}},
         {Gtin, {QLatin1String("Variant Barcode"), QLatin1String("Barcode")}},
         {UnitCost, {QLatin1String("Cost per item")}},
         {Weight, {QLatin1String("Variant Grams"), QLatin1String("Weight value (grams)")}},
         {Status, {QLatin1String("Status")}},
         {OnHand, {QLatin1String("Variant Inventory Qty"), QLatin1String("Inventory quantity")}},
         {Option1, {QLatin1String("Option1 Value")}},
         {Option2, {QLatin1String("Option2 Value")}},
         {Option3, {QLatin1String("Option3 Value")}}},
        {},
        false};
    static const FormatSpec shopifyInventory {
        {{Handle, {QLatin1String("Handle")}, true},
         {Location, {QLatin1String("Location")}, true},
         {OnHand, {QLatin1String("On hand"), QLatin1String("On hand (current)")}, true},
         {Sku, {QLatin1String("SKU")}},
         {Option1, {QLatin1String("Option1 Value")}},
         {Option2, {QLatin1String("Option2 Value")}},
         {Option3, {QLatin1String("Option3 Value")}}},
        {},
        false};
    switch (format) {
    case ProductFileFormat::Auto:
    case ProductFileFormat::Stockroom:
        return stockroom;
    case ProductFileFormat::StockroomStock:
        return stockroomStock;
    case ProductFileFormat::ShopifyProducts:
        return shopifyProducts;
    case ProductFileFormat::ShopifyInventory:
        return shopifyInventory;
    }
    return stockroom;
}

/** The header a format wants, for messages. */
QString expectedHeader(ProductFileFormat format)
{
    switch (format) {
    case ProductFileFormat::Auto:
    case ProductFileFormat::Stockroom:
        return ProductImport::tr("%1 (on_hand and location may follow)")
            .arg(ProductImport::stockroomProductsHeader());
    case ProductFileFormat::StockroomStock:
        return ProductImport::stockroomStockHeader();
    case ProductFileFormat::ShopifyProducts:
        return ProductImport::tr("Handle,Title,…,Variant SKU,…,Variant Price,… as Shopify exports products "
                                 "(since 2025: URL handle,Title,…,SKU,…,Price,…)");
    case ProductFileFormat::ShopifyInventory:
        return ProductImport::tr(
            "Handle,Title,Option1 Name,Option1 Value,…,SKU,…,Location,…,On hand as Shopify "
            "exports inventory");
    }
    return {};
}

bool isDigits(QStringView text)
{
    return !text.isEmpty()
        && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

/** A whole number without sign that fits maxDigits; leading zeros allowed. */
std::optional<qint64> wholeNumber(QStringView digits, int maxDigits)
{
    if (!isDigits(digits)) {
        return std::nullopt;
    }
    while (digits.size() > 1 && digits.front() == u'0') {
        digits = digits.mid(1);
    }
    if (digits.size() > maxDigits) {
        return std::nullopt;
    }
    qint64 value = 0;
    for (const QChar c : digits) {
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

/** A reading of a cell: a value, or why there is none. */
template<typename T>
struct Reading
{
    std::optional<T> value;
    QString problem;
};

/** "12.50", "12.5", "12": a dot before the cents, no sign, no currency, at most 100,000,000.00. */
Reading<qint64> money(const QString &text)
{
    const QStringView view(text);
    const qsizetype dot = view.indexOf(u'.');
    const QStringView whole = dot < 0 ? view : view.left(dot);
    QStringView cents = dot < 0 ? QStringView() : view.mid(dot + 1);
    const bool number = isDigits(whole) && (dot < 0 || isDigits(cents));
    if (!number) {
        const QStringView unsignedText = view.mid(1);
        if (view.startsWith(u'-') && money(unsignedText.toString()).value) {
            return {std::nullopt,
                    ProductImport::tr("\"%1\" is not an amount of money: it is negative").arg(text)};
        }
        const bool onlyFigures = std::all_of(view.begin(), view.end(), [](QChar c) {
            return (c >= u'0' && c <= u'9') || c == u'.' || c == u',';
        });
        if (onlyFigures && view.contains(u',')) {
            return {std::nullopt,
                    ProductImport::tr("\"%1\" is not an amount of money: write the cents after a dot and no "
                                      "thousands separators (1234.50)")
                        .arg(text)};
        }
        return {std::nullopt, ProductImport::tr("\"%1\" is not an amount of money").arg(text)};
    }
    while (cents.size() > 2 && cents.back() == u'0') {
        cents.chop(1); // "12.500" is 12.50
    }
    if (cents.size() > 2) {
        return {std::nullopt,
                ProductImport::tr("\"%1\" is not an amount of money: at most 2 decimals").arg(text)};
    }
    const std::optional<qint64> units = wholeNumber(whole, 12);
    qint64 value = units ? *units * 100 : maxCents + 1;
    if (!cents.isEmpty()) {
        value += cents.size() == 1 ? (cents.at(0).unicode() - u'0') * 10 : *wholeNumber(cents, 2);
    }
    if (value > maxCents) {
        return {std::nullopt,
                ProductImport::tr("\"%1\" is not an amount of money: more than 100000000.00").arg(text)};
    }
    return {value, {}};
}

/** Whole grams (our format) or grams with decimals, rounded (Shopify writes "0.0"). */
Reading<int> grams(const QString &text, bool decimals)
{
    const QStringView view(text);
    const qsizetype dot = decimals ? view.indexOf(u'.') : -1;
    const QStringView whole = dot < 0 ? view : view.left(dot);
    const QStringView fraction = dot < 0 ? QStringView() : view.mid(dot + 1);
    std::optional<qint64> value = wholeNumber(whole, 7);
    if (value && dot >= 0) {
        if (!isDigits(fraction)) {
            value.reset();
        } else if (fraction.front() >= u'5') {
            ++*value;
        }
    }
    if (!value || *value > maxGrams) {
        return {std::nullopt,
                decimals ? ProductImport::tr("\"%1\" is not a weight in grams: a number from 0 to %2")
                               .arg(text, QString::number(maxGrams))
                         : ProductImport::tr("\"%1\" is not a weight in grams: a whole number from 0 to %2")
                               .arg(text, QString::number(maxGrams))};
    }
    return {int(*value), {}};
}

/** Units on hand: a whole number, 0 to maxUnits ("12.0" too, as spreadsheets write it). */
Reading<int> units(const QString &text)
{
    QStringView view(text);
    const bool negative = view.startsWith(u'-');
    if (negative) {
        view = view.mid(1);
    }
    const qsizetype dot = view.indexOf(u'.');
    QStringView fraction;
    if (dot >= 0) {
        fraction = view.mid(dot + 1);
        view = view.left(dot);
    }
    if (!isDigits(view) || (dot >= 0 && !isDigits(fraction))) {
        return {std::nullopt, ProductImport::tr("\"%1\" is not a number of units").arg(text)};
    }
    if (std::any_of(fraction.begin(), fraction.end(), [](QChar c) { return c != u'0'; })) {
        return {std::nullopt, ProductImport::tr("\"%1\" is not a whole number of units").arg(text)};
    }
    const std::optional<qint64> value = wholeNumber(view, 10);
    if (negative && (!value || *value != 0)) {
        // Shopify lets a shop sell what it does not have; a count of the shelf says what is there.
        return {std::nullopt,
                ProductImport::tr("%1 units on hand cannot be imported: count the stock").arg(text)};
    }
    if (!value || *value > maxUnits) {
        return {std::nullopt,
                ProductImport::tr("\"%1\" is more units than can be imported (at most %2)")
                    .arg(text, QString::number(maxUnits))};
    }
    return {int(*value), {}};
}

Reading<bool> yesNo(const QString &text)
{
    const QString word = text.toLower();
    if (word == QLatin1String("1") || word == QLatin1String("true") || word == QLatin1String("yes")) {
        return {true, {}};
    }
    if (word == QLatin1String("0") || word == QLatin1String("false") || word == QLatin1String("no")) {
        return {false, {}};
    }
    return {std::nullopt,
            ProductImport::tr("\"%1\" is not yes or no (write 1, 0, true, false, yes or no)").arg(text)};
}

Reading<bool> shopifyStatus(const QString &text)
{
    const QString word = text.toLower();
    if (word == QLatin1String("active")) {
        return {true, {}};
    }
    if (word == QLatin1String("draft") || word == QLatin1String("archived")) {
        return {false, {}};
    }
    return {std::nullopt,
            ProductImport::tr("\"%1\" is not a Shopify status (active, draft or archived)").arg(text)};
}

/** The values of a Shopify product without options. */
bool isDefaultTitle(const QStringList &values)
{
    return values.size() == 1
        && values.constFirst().compare(QLatin1String("Default Title"), Qt::CaseInsensitive) == 0;
}

/** "Dark Brown" → "dark-brown"; "" when nothing but punctuation. */
QString slug(QStringView value)
{
    QString result;
    result.reserve(value.size());
    bool dash = false;
    for (const QChar c : value) {
        if (c.isLetterOrNumber()) {
            if (dash && !result.isEmpty()) {
                result += u'-';
            }
            dash = false;
            result += c.toLower();
        } else {
            dash = true;
        }
    }
    return result;
}

/**
 * Where the piece of a file starting at `from` should end: after the first whole record that ends at
 * least `wanted` bytes further on, and how many line breaks (as CsvReader counts them) lie before that.
 * The rules are CsvReader's: a field whose first character after blanks is a quote is quoted, and only
 * there are separators and line breaks data. On a syntax error the piece is the rest of the file, so that
 * CsvReader finds and reports it. Bytes, not characters: UTF-8 never has ASCII bytes inside a character.
 */
std::pair<qsizetype, int> pieceEnd(const QByteArray &data, qsizetype from, qsizetype wanted)
{
    const char *text = data.constData();
    const qsizetype size = data.size();
    auto lineBreak = [&](qsizetype at) -> int {
        if (at >= size) {
            return 0;
        }
        if (text[at] == '\r') {
            return at + 1 < size && text[at + 1] == '\n' ? 2 : 1;
        }
        return text[at] == '\n' ? 1 : 0;
    };
    auto isBlank = [&](qsizetype at) { return at < size && (text[at] == ' ' || text[at] == '\t'); };

    qsizetype i = from;
    if (i == 0 && data.startsWith("\xEF\xBB\xBF")) {
        i = 3;
    }
    int lines = 0;
    while (i < size) {
        while (true) {
            qsizetype start = i;
            while (isBlank(start)) {
                ++start;
            }
            if (start < size && text[start] == '"') {
                qsizetype at = start + 1;
                bool closed = false;
                while (at < size) {
                    if (text[at] == '"') {
                        if (at + 1 < size && text[at + 1] == '"') {
                            at += 2;
                            continue;
                        }
                        closed = true;
                        ++at;
                        break;
                    }
                    if (const int length = lineBreak(at)) {
                        at += length;
                        ++lines;
                        continue;
                    }
                    ++at;
                }
                while (closed && isBlank(at)) {
                    ++at;
                }
                if (!closed || (at < size && text[at] != ',' && lineBreak(at) == 0)) {
                    return {size, lines};
                }
                i = at;
            } else {
                while (i < size && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    ++i;
                }
            }
            if (i < size && text[i] == ',') {
                ++i;
                continue;
            }
            break;
        }
        if (const int length = lineBreak(i)) {
            i += length;
            ++lines;
        }
        if (i - from >= wanted) {
            return {i, lines};
        }
    }
    return {size, lines};
}

/** Reads the records of one file, piece by piece, into a plan. */
class PlanBuilder
{
public:
    PlanBuilder(ProductImportPlan &plan, qsizetype fileSize)
        : m_plan(plan)
        , m_fileSize(fileSize)
    {
        m_columns.fill(-1);
    }

    /** False when the file is refused whole (its header) and the rest need not be read. */
    bool take(const CsvContent &content, int lineOffset, qsizetype pieceSize)
    {
        for (const CsvRecord &record : content.records) {
            if (record.isBlank()) {
                continue;
            }
            const int line = record.line + lineOffset;
            if (m_header.isEmpty()) {
                if (!readHeader(record, line)) {
                    return false;
                }
                reserve(content.records.size(), pieceSize);
                continue;
            }
            ++m_plan.rowsRead;
            readRow(record, line);
        }
        return true;
    }

    /** After the last piece, or after a header that refuses the file (refused). */
    void finish(bool refused)
    {
        if (refused) {
            capProblems();
            return;
        }
        if (m_header.isEmpty()) {
            addProblem(0, QString(), ProductImport::tr("the file is empty: no products"));
        } else if (m_plan.rowsRead == 0) {
            addProblem(m_headerLine, QString(),
                       ProductImport::tr("the file is empty: no products after the header line"));
        }
        if (!m_plan.products.isEmpty() && !m_plan.products.constFirst().definesProduct) {
            // A variant "not stocked" anywhere has nothing to import.
            m_plan.products.removeIf([](const ImportedProduct &product) { return product.stock.isEmpty(); });
        }
        capProblems();
    }

private:
    void capProblems()
    {
        if (m_moreProblems > 0) {
            m_plan.problems.removeLast();
            const qsizetype more = m_moreProblems + 1; // always 2 or more
            m_plan.problems << ProductImportProblem {m_plan.file, 0, QString(),
                                                     ProductImport::tr("… and %1 more problems").arg(more)};
        }
    }

    void addProblem(int line, const QString &column, const QString &message)
    {
        if (m_plan.problems.size() < maxProblems) {
            m_plan.problems << ProductImportProblem {m_plan.file, line, column, message};
        } else {
            ++m_moreProblems;
        }
    }

    void addProblem(int line, Field field, const QString &message)
    {
        addProblem(line, m_columnNames.at(field), message);
    }

    bool readHeader(const CsvRecord &record, int line)
    {
        m_headerLine = line;
        m_header.reserve(record.fields.size());
        for (const QString &name : record.fields) {
            m_header << key(name);
        }
        const QSet<QString> keys(m_header.cbegin(), m_header.cend());
        auto fits = [&](ProductFileFormat format) {
            const FormatSpec &spec = formatSpec(format);
            return std::all_of(spec.columns.cbegin(), spec.columns.cend(), [&](const ColumnSpec &column) {
                return !column.required
                    || std::any_of(column.names.cbegin(), column.names.cend(),
                                   [&](QLatin1String name) { return keys.contains(key(name)); });
            });
        };

        ProductFileFormat format = m_plan.format;
        if (format == ProductFileFormat::Auto) {
            if (fits(ProductFileFormat::ShopifyProducts)) {
                format = ProductFileFormat::ShopifyProducts;
            } else if (fits(ProductFileFormat::ShopifyInventory)) {
                format = ProductFileFormat::ShopifyInventory;
            } else if (fits(ProductFileFormat::StockroomStock)
                       && (!keys.contains(QStringLiteral("name")) || keys.contains(QStringLiteral("reserved"))
                           || keys.contains(QStringLiteral("available")))) {
                // With a name it is a products file with opening stock, unless it is the stock export.
                format = ProductFileFormat::StockroomStock;
            } else if (fits(ProductFileFormat::Stockroom)) {
                format = ProductFileFormat::Stockroom;
            } else {
                QStringList expected;
                for (const ProductFileFormat known :
                     {ProductFileFormat::Stockroom, ProductFileFormat::StockroomStock,
                      ProductFileFormat::ShopifyProducts, ProductFileFormat::ShopifyInventory}) {
                    expected << QStringLiteral("%1: %2").arg(ProductImport::formatName(known),
                                                             expectedHeader(known));
                }
                addProblem(line, QString(),
                           ProductImport::tr("the header fits none of the formats we read; expected one of "
                                             "these headers: %1")
                               .arg(expected.join(QStringLiteral("; "))));
                return false;
            }
            m_plan.format = format;
        }

        const FormatSpec &spec = formatSpec(format);
        QStringList missing;
        for (const ColumnSpec &column : spec.columns) {
            const bool found = std::any_of(column.names.cbegin(), column.names.cend(),
                                           [&](QLatin1String name) { return keys.contains(key(name)); });
            if (column.required && !found) {
                missing << column.names.constFirst();
            }
        }
        if (!missing.isEmpty()) {
            addProblem(line, QString(),
                       ProductImport::tr(
                           "the header does not fit the %1 format: it lacks %2; expected a header like "
                           "%3")
                           .arg(ProductImport::formatName(format), missing.join(QStringLiteral(", ")),
                                expectedHeader(format)));
            return false;
        }

        bool refused = false;
        for (qsizetype c = 0; c < m_header.size(); ++c) {
            const QString &name = m_header.at(c);
            if (name.isEmpty()) {
                continue;
            }
            const QString written = record.fields.at(c).trimmed();
            const auto column
                = std::find_if(spec.columns.cbegin(), spec.columns.cend(), [&](const ColumnSpec &s) {
                      return std::any_of(s.names.cbegin(), s.names.cend(),
                                         [&](QLatin1String n) { return key(n) == name; });
                  });
            if (column == spec.columns.cend()) {
                const bool ignored = std::any_of(spec.ignored.cbegin(), spec.ignored.cend(),
                                                 [&](QLatin1String n) { return key(n) == name; });
                if (spec.strict && !ignored) {
                    QStringList known;
                    for (const ColumnSpec &s : spec.columns) {
                        known << s.names.constFirst();
                    }
                    addProblem(line, written,
                               ProductImport::tr("unknown column (the columns are %1)")
                                   .arg(known.join(QStringLiteral(", "))));
                }
                continue;
            }
            if (m_columns.at(column->field) >= 0) {
                const int first = m_columns.at(column->field);
                addProblem(line, written,
                           ProductImport::tr("the same as column %1 (\"%2\"): keep one of them")
                               .arg(first + 1)
                               .arg(m_columnNames.at(column->field)));
                refused = true;
                continue;
            }
            m_columns[column->field] = int(c);
            m_columnNames[column->field] = written;
        }
        if (format == ProductFileFormat::Stockroom && m_columns.at(Location) >= 0
            && m_columns.at(OnHand) < 0) {
            addProblem(line, m_columnNames.at(Location),
                       ProductImport::tr("a location needs an on_hand column beside it (the units there)"));
        }
        return !refused;
    }

    void reserve(qsizetype records, qsizetype pieceSize)
    {
        if (pieceSize <= 0 || records <= 1) {
            return;
        }
        const qsizetype expected = qsizetype(double(records) * double(m_fileSize) / double(pieceSize) * 1.05);
        m_plan.products.reserve(expected);
        if (m_plan.format == ProductFileFormat::Stockroom
            || m_plan.format == ProductFileFormat::ShopifyProducts) {
            m_skuLines.reserve(expected);
        } else {
            m_skuIndex.reserve(expected);
        }
    }

    /** A cell, trimmed; empty when the row is short or the file has no such column. */
    QString cell(const CsvRecord &record, Field field) const
    {
        const int column = m_columns.at(field);
        if (column < 0 || column >= record.fields.size()) {
            return {};
        }
        QString text = record.fields.at(column).trimmed();
        // Our exports put an apostrophe before a cell that a spreadsheet would run as a formula.
        if (text.startsWith(u'\'')
            && (m_plan.format == ProductFileFormat::Stockroom
                || m_plan.format == ProductFileFormat::StockroomStock)) {
            return CsvWriter::unguardFormula(text);
        }
        return text;
    }

    void readRow(const CsvRecord &record, int line)
    {
        for (qsizetype c = m_header.size(); c < record.fields.size(); ++c) {
            if (!record.fields.at(c).trimmed().isEmpty()) {
                addProblem(
                    line, QString(),
                    ProductImport::tr("%1 fields where the header has %2 (a comma in a field that is not "
                                      "quoted?)")
                        .arg(record.fields.size())
                        .arg(m_header.size()));
                return;
            }
        }
        switch (m_plan.format) {
        case ProductFileFormat::Auto:
        case ProductFileFormat::Stockroom:
            readProductRow(record, line);
            break;
        case ProductFileFormat::StockroomStock:
        case ProductFileFormat::ShopifyInventory:
            readStockRow(record, line);
            break;
        case ProductFileFormat::ShopifyProducts:
            readShopifyProductRow(record, line);
            break;
        }
    }

    /** Reads an optional cell through a reading function; a problem when it cannot be read. */
    template<typename T, typename Read>
    bool readOptional(const CsvRecord &record, int line, Field field, std::optional<T> &target, Read read)
    {
        const QString text = cell(record, field);
        if (text.isEmpty()) {
            return true;
        }
        const auto reading = read(text);
        if (!reading.value) {
            addProblem(line, field, reading.problem);
            return false;
        }
        target = *reading.value;
        return true;
    }

    bool readGtin(const CsvRecord &record, int line, ImportedProduct &product)
    {
        const QString text = cell(record, Gtin);
        if (text.isEmpty()) {
            return true;
        }
        const GtinCheck check = Gtin::validate(text);
        if (!check.valid) {
            addProblem(line, Gtin,
                       ProductImport::tr("\"%1\" is not a valid GTIN: %2").arg(text, check.message));
            return false;
        }
        product.gtin = isDigits(text) ? text : TrackingNumbers::normalise(text); // shares the cell's text
        return true;
    }

    /** True when the SKU is new; a problem naming the first line when it is not. */
    bool firstOfSku(int line, Field column, const QString &sku)
    {
        int &first = m_skuLines[sku];
        if (first > 0) {
            addProblem(line, column, ProductImport::tr("SKU %1 is already on line %2").arg(sku).arg(first));
            return false;
        }
        first = line;
        return true;
    }

    void readProductRow(const CsvRecord &record, int line)
    {
        ImportedProduct product;
        product.line = line;
        product.sku = cell(record, Sku);
        product.name = cell(record, Name);
        bool good = true;
        if (product.sku.isEmpty()) {
            addProblem(line, Sku, ProductImport::tr("empty: every product needs a SKU"));
            good = false;
        } else {
            good = firstOfSku(line, Sku, product.sku);
        }
        if (product.name.isEmpty()) {
            addProblem(line, Name, ProductImport::tr("empty: every product needs a name"));
            good = false;
        }
        good = readGtin(record, line, product) && good;
        good = readOptional(record, line, UnitCost, product.unitCostCents, money) && good;
        good = readOptional(record, line, Price, product.priceCents, money) && good;
        good = readOptional(record, line, Weight, product.weightGrams,
                            [](const QString &text) { return grams(text, false); })
            && good;
        good = readOptional(record, line, Active, product.active, yesNo) && good;
        std::optional<int> onHand;
        good = readOptional(record, line, OnHand, onHand, units) && good;
        if (good && onHand) {
            product.stock << ImportedStock {cell(record, Location), *onHand, line};
        }
        if (good) {
            m_plan.products << std::move(product);
        }
    }

    /** Our stock file and Shopify's inventory export: one row per SKU and location. */
    void readStockRow(const CsvRecord &record, int line)
    {
        const bool shopify = m_plan.format == ProductFileFormat::ShopifyInventory;
        QString sku = cell(record, Sku);
        Field skuColumn = Sku;
        if (sku.isEmpty() && shopify) {
            const QString handle = cell(record, Handle);
            if (handle.isEmpty()) {
                addProblem(line, Handle, ProductImport::tr("empty: every row needs a handle or a SKU"));
                return;
            }
            sku = ProductImport::derivedShopifySku(
                handle, {cell(record, Option1), cell(record, Option2), cell(record, Option3)});
            skuColumn = Handle;
        }
        const QString onHandText = cell(record, OnHand);
        bool good = true;
        if (sku.isEmpty()) {
            addProblem(line, Sku, ProductImport::tr("empty: every row needs a SKU"));
            good = false;
        }
        if (shopify && onHandText.compare(QLatin1String("not stocked"), Qt::CaseInsensitive) == 0) {
            return; // the variant is not carried there: nothing to count
        }
        std::optional<int> onHand;
        if (onHandText.isEmpty()) {
            addProblem(
                line, OnHand,
                shopify ? ProductImport::tr("empty: every row needs the units on hand (or \"Not stocked\")")
                        : ProductImport::tr("empty: every row needs the units on hand"));
            good = false;
        } else {
            good = readOptional(record, line, OnHand, onHand, units) && good;
        }
        if (sku.isEmpty()) {
            return;
        }

        qsizetype &index = m_skuIndex[sku]; // 1-based, 0 for a new SKU
        if (index == 0) {
            ImportedProduct product;
            product.line = line;
            product.sku = sku;
            product.definesProduct = false;
            m_plan.products << std::move(product);
            index = m_plan.products.size();
        }
        ImportedProduct &product = m_plan.products[index - 1];
        const QString location = cell(record, Location);
        for (const ImportedStock &stock : std::as_const(product.stock)) {
            if (stock.location.compare(location, Qt::CaseInsensitive) == 0) {
                addProblem(line,
                           location.isEmpty() ? m_columnNames.at(skuColumn) : m_columnNames.at(Location),
                           location.isEmpty()
                               ? ProductImport::tr("SKU %1 is already on line %2").arg(sku).arg(stock.line)
                               : ProductImport::tr("SKU %1 at %2 is already on line %3")
                                     .arg(sku, location)
                                     .arg(stock.line));
                return;
            }
        }
        if (good) {
            product.stock << ImportedStock {location, *onHand, line};
        }
    }

    /** Shopify's products export: rows of one product share the handle; the first has the title. */
    void readShopifyProductRow(const CsvRecord &record, int line)
    {
        const QString handle = cell(record, Handle);
        if (handle.isEmpty()) {
            addProblem(line, Handle, ProductImport::tr("empty: every row needs a handle"));
            return;
        }
        auto shopifyProduct = m_shopifyProducts.find(handle);
        if (shopifyProduct == m_shopifyProducts.end()) {
            ShopifyProduct first;
            first.title = cell(record, Title);
            const QString status = cell(record, Status);
            if (!status.isEmpty()) {
                const Reading<bool> reading = shopifyStatus(status);
                if (!reading.value) {
                    addProblem(line, Status, reading.problem);
                }
                first.active = reading.value;
            }
            shopifyProduct = m_shopifyProducts.insert(handle, first);
        }

        const QStringList options {cell(record, Option1), cell(record, Option2), cell(record, Option3)};
        const QString priceText = cell(record, Price);
        const bool hasOptions
            = std::any_of(options.cbegin(), options.cend(), [](const QString &o) { return !o.isEmpty(); });
        if (priceText.isEmpty() && !hasOptions) {
            return; // one more image of the product, not a variant
        }

        ImportedProduct product;
        product.line = line;
        product.sku = cell(record, Sku);
        Field skuColumn = Sku;
        if (product.sku.isEmpty()) {
            product.sku = ProductImport::derivedShopifySku(handle, options);
            skuColumn = Handle;
        }
        bool good = firstOfSku(line, skuColumn, product.sku);
        if (shopifyProduct->title.isEmpty()) {
            addProblem(
                line, Title,
                ProductImport::tr("empty: every product needs a name (the Title on the first row of %1)")
                    .arg(handle));
            good = false;
        } else {
            product.name = shopifyProduct->title;
            QStringList values = options;
            values.removeAll(QString());
            if (!isDefaultTitle(values)) {
                for (const QString &value : std::as_const(values)) {
                    product.name += QStringLiteral(" / ") + value;
                }
            }
        }
        product.active = shopifyProduct->active;
        good = readGtin(record, line, product) && good;
        good = readOptional(record, line, UnitCost, product.unitCostCents, money) && good;
        good = readOptional(record, line, Price, product.priceCents, money) && good;
        good = readOptional(record, line, Weight, product.weightGrams,
                            [](const QString &text) { return grams(text, true); })
            && good;
        std::optional<int> onHand;
        good = readOptional(record, line, OnHand, onHand, units) && good;
        if (onHand) {
            product.stock << ImportedStock {QString(), *onHand, line}; // the caller picks the location
        }
        if (good) {
            m_plan.products << std::move(product);
        }
    }

    struct ShopifyProduct
    {
        QString title;
        std::optional<bool> active;
    };

    ProductImportPlan &m_plan;
    qsizetype m_fileSize = 0;
    QStringList m_header; ///< the header's names as compared (key()); empty until it is read
    int m_headerLine = 0;
    std::array<int, FieldCount> m_columns; ///< the column of each field, -1 when the file has none
    std::array<QString, FieldCount> m_columnNames; ///< as the header writes them
    qsizetype m_moreProblems = 0;
    QHash<QString, int> m_skuLines; ///< product files: the line of each SKU
    QHash<QString, qsizetype> m_skuIndex; ///< stock files: the product of each SKU, 1-based
    QHash<QString, ShopifyProduct> m_shopifyProducts; ///< by handle
};

} // namespace

ProductImportPlan ProductImport::read(const QString &fileName, ProductFileFormat format)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        ProductImportPlan plan;
        plan.file = fileName;
        plan.format = format;
        plan.problems << ProductImportProblem {fileName, 0, QString(),
                                               tr("cannot be read: %1").arg(file.errorString())};
        return plan;
    }
    return parse(file.readAll(), fileName, format);
}

ProductImportPlan ProductImport::parse(const QByteArray &utf8, const QString &fileName,
                                       ProductFileFormat format)
{
    ProductImportPlan plan;
    plan.file = fileName;
    plan.format = format;
    PlanBuilder builder(plan, utf8.size());
    const CsvReader reader;
    qsizetype from = 0;
    int lineOffset = 0;
    while (from < utf8.size()) {
        const auto [end, lines] = pieceEnd(utf8, from, chunkBytes);
        const CsvContent content = reader.parse(QByteArray::fromRawData(utf8.constData() + from, end - from));
        if (!content.ok()) {
            // The rest cannot be read: that one problem is what the clerk needs to fix first.
            plan.products.clear();
            plan.rowsRead = 0;
            plan.problems
                = {ProductImportProblem {fileName, content.errorLine + lineOffset, QString(), content.error}};
            return plan;
        }
        if (!builder.take(content, lineOffset, end - from)) {
            builder.finish(true);
            return plan;
        }
        from = end;
        lineOffset += lines;
    }
    builder.finish(false);
    return plan;
}

QString ProductImport::formatName(ProductFileFormat format)
{
    switch (format) {
    case ProductFileFormat::Auto:
        return QStringLiteral("auto");
    case ProductFileFormat::Stockroom:
        return QStringLiteral("stockroom");
    case ProductFileFormat::StockroomStock:
        return QStringLiteral("stockroom-stock");
    case ProductFileFormat::ShopifyProducts:
        return QStringLiteral("shopify-products");
    case ProductFileFormat::ShopifyInventory:
        return QStringLiteral("shopify-inventory");
    }
    return {};
}

std::optional<ProductFileFormat> ProductImport::formatFromName(const QString &name)
{
    const QString wanted = name.trimmed().toLower();
    for (const ProductFileFormat format :
         {ProductFileFormat::Auto, ProductFileFormat::Stockroom, ProductFileFormat::StockroomStock,
          ProductFileFormat::ShopifyProducts, ProductFileFormat::ShopifyInventory}) {
        if (formatName(format) == wanted) {
            return format;
        }
    }
    return std::nullopt;
}

QString ProductImport::stockroomProductsHeader()
{
    return QStringLiteral("sku,name,gtin,unit_cost,price,weight_grams,active");
}

QString ProductImport::stockroomStockHeader()
{
    return QStringLiteral("sku,location,on_hand");
}

QString ProductImport::derivedShopifySku(const QString &handle, const QStringList &optionValues)
{
    QStringList values;
    for (const QString &value : optionValues) {
        if (!value.trimmed().isEmpty()) {
            values << value.trimmed();
        }
    }
    QString sku = handle.trimmed();
    if (isDefaultTitle(values)) {
        return sku;
    }
    for (const QString &value : std::as_const(values)) {
        const QString part = slug(value);
        if (!part.isEmpty()) {
            sku += u'-' + part;
        }
    }
    return sku;
}

} // namespace Stockroom
