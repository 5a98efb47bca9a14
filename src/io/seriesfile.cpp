// SPDX-License-Identifier: GPL-3.0-or-later
#include "seriesfile.h"

#include "stockexport.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStringDecoder>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace Stockroom {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(SeriesFile)
};

constexpr int maxProblems = 1000;
// A series spanning more periods than this is a mistake in the file (an index of 1 next to one of
// 10^12), not data: its gaps would all become missing periods in memory.
constexpr qint64 maxSpan = 5'000'000;

enum class PeriodKind { Unknown, Integer, Date, Month, Quarter };

struct PeriodRow
{
    qint64 key = 0; ///< integer index, day number or month number, by the file's period kind
    double value = 0;
    int line = 0;
};

/** Days since 1970-01-01 of a civil date (proleptic Gregorian), after H. Hinnant's days_from_civil. */
qint64 daysFromCivil(qint64 year, int month, int day)
{
    year -= month <= 2 ? 1 : 0;
    const qint64 era = (year >= 0 ? year : year - 399) / 400;
    const qint64 yearOfEra = year - era * 400;
    const qint64 dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

bool isLeap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeap(year) ? 29 : days[month - 1];
}

bool digits(const char *begin, int count, int &value)
{
    value = 0;
    for (int i = 0; i < count; ++i) {
        if (begin[i] < '0' || begin[i] > '9') {
            return false;
        }
        value = value * 10 + (begin[i] - '0');
    }
    return true;
}

/** A period cell: an integer, YYYY-MM-DD (as a day number) or YYYY-MM (as a month number). */
bool parsePeriod(std::string_view text, PeriodKind &kind, qint64 &key, int &year, int &month)
{
    int y = 0;
    int mo = 0;
    int d = 0;
    // A date with a time of day (2019-01-31 00:00:00, 2019-01-31T00:00:00Z), as databases and pandas write
    // them: a period is a whole day, so the time is dropped.
    if (text.size() > 10 && (text[10] == ' ' || text[10] == 'T') && text.size() <= 35) {
        const std::string_view time = text.substr(11);
        int hour = 0;
        int minute = 0;
        if (time.size() >= 5 && digits(time.data(), 2, hour) && time[2] == ':'
            && digits(time.data() + 3, 2, minute) && hour < 24 && minute < 60) {
            text = text.substr(0, 10);
        }
    }
    // Quarters: 2019-Q1, 2019Q1, 2019 Q1.
    const std::size_t q = text.find_first_of("Qq");
    if (q != std::string_view::npos && q >= 4 && q + 2 == text.size() && digits(text.data(), 4, y)
        && (q == 4 || (q == 5 && (text[4] == '-' || text[4] == ' '))) && text[q + 1] >= '1'
        && text[q + 1] <= '4') {
        kind = PeriodKind::Quarter;
        key = qint64(y) * 4 + (text[q + 1] - '1');
        year = y;
        month = 3 * (text[q + 1] - '1') + 1;
        return true;
    }
    if (text.size() == 10 && text[4] == '-' && text[7] == '-' && digits(text.data(), 4, y)
        && digits(text.data() + 5, 2, mo) && digits(text.data() + 8, 2, d)) {
        if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
            return false;
        }
        kind = PeriodKind::Date;
        key = daysFromCivil(y, mo, d);
        year = y;
        month = mo;
        return true;
    }
    if (text.size() == 7 && text[4] == '-' && digits(text.data(), 4, y) && digits(text.data() + 5, 2, mo)) {
        if (mo < 1 || mo > 12) {
            return false;
        }
        kind = PeriodKind::Month;
        key = qint64(y) * 12 + mo - 1;
        year = y;
        month = mo;
        return true;
    }
    qint64 integer = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), integer);
    if (error != std::errc() || end != text.data() + text.size()) {
        return false;
    }
    kind = PeriodKind::Integer;
    key = integer;
    return true;
}

/**
 * Splits one line into fields; quotes as RFC 4180 (a quoted field may hold commas and doubled quotes).
 * Fields are views into the line, or into `unquoted` for quoted ones (which keeps one string per field, so
 * the views stay valid until the next line): millions of rows go by without allocating.
 */
bool splitLine(std::string_view line, std::vector<std::string_view> &fields,
               std::vector<std::string> &unquoted)
{
    fields.clear();
    // Room for every quoted field before the first view into one is taken: growing the vector later would
    // move the strings (short ones keep their text inline), leaving the views of earlier fields dangling.
    const auto quotes = std::size_t(std::count(line.begin(), line.end(), '"'));
    if (unquoted.size() < (quotes + 1) / 2) {
        unquoted.resize((quotes + 1) / 2);
    }
    std::size_t quotedCount = 0;
    std::size_t i = 0;
    const auto trimmed = [](std::string_view field) {
        // Spaces around a number are harmless; around an id they would make two series of one.
        const auto first = field.find_first_not_of(" \t");
        if (first == std::string_view::npos) {
            return std::string_view();
        }
        const auto last = field.find_last_not_of(" \t");
        return field.substr(first, last - first + 1);
    };
    while (true) {
        if (i < line.size() && line[i] == '"') {
            if (unquoted.size() <= quotedCount) {
                unquoted.resize(quotedCount + 1);
            }
            std::string &field = unquoted[quotedCount++];
            field.clear();
            ++i;
            while (true) {
                if (i >= line.size()) {
                    return false; // unbalanced quote
                }
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += line[i++];
            }
            if (i < line.size() && line[i] != ',') {
                return false; // text after a closing quote
            }
            fields.push_back(trimmed(field));
        } else {
            const std::size_t comma = line.find(',', i);
            const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
            fields.push_back(trimmed(line.substr(i, end - i)));
            i = end;
        }
        if (i >= line.size()) {
            return true;
        }
        ++i; // the comma
    }
}

void appendNumber(QByteArray &out, double value)
{
    if (!std::isfinite(value)) {
        out += "NA";
        return;
    }
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 10);
    out.append(buffer, int(result.ptr - buffer));
}

} // namespace

int defaultSeason(SeriesFrequency frequency)
{
    switch (frequency) {
    case SeriesFrequency::Daily:
        return 7;
    case SeriesFrequency::Weekly:
        return 52;
    case SeriesFrequency::Monthly:
        return 12;
    case SeriesFrequency::Quarterly:
        return 4;
    case SeriesFrequency::Index:
    case SeriesFrequency::Yearly:
        break;
    }
    return 1;
}

QString frequencyName(SeriesFrequency frequency)
{
    switch (frequency) {
    case SeriesFrequency::Index:
        return QStringLiteral("index");
    case SeriesFrequency::Daily:
        return QStringLiteral("daily");
    case SeriesFrequency::Weekly:
        return QStringLiteral("weekly");
    case SeriesFrequency::Monthly:
        return QStringLiteral("monthly");
    case SeriesFrequency::Quarterly:
        return QStringLiteral("quarterly");
    case SeriesFrequency::Yearly:
        return QStringLiteral("yearly");
    }
    return {};
}

SeriesFile readSeriesFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        SeriesFile result;
        result.problems.append(
            FileProblem {path, 0, {}, Text::tr("cannot be opened: %1").arg(file.errorString())});
        return result;
    }
    return readSeries(file, path);
}

SeriesFile readSeries(QIODevice &device, const QString &name)
{
    SeriesFile result;
    const auto problem = [&](int line, const QString &column, const QString &message) {
        if (result.problems.size() < maxProblems) {
            result.problems.append(FileProblem {name, line, column, message});
        }
    };
    const QByteArray bytes = device.readAll();
    std::string_view rest(bytes.constData(), std::size_t(bytes.size()));
    if (rest.substr(0, 3) == "\xEF\xBB\xBF") {
        rest.remove_prefix(3); // a byte-order mark that spreadsheets write
    }
    int lineNumber = 0;
    const auto nextLine = [&](std::string_view &line) {
        if (rest.empty()) {
            return false;
        }
        const std::size_t end = rest.find('\n');
        line = rest.substr(0, end);
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        ++lineNumber;
        return true;
    };

    std::string_view line;
    std::vector<std::string_view> fields;
    std::vector<std::string> unquoted;
    if (!nextLine(line)) {
        problem(0, {}, Text::tr("is empty; expected the header series_id,period,value"));
        return result;
    }
    if (!splitLine(line, fields, unquoted)) {
        problem(1, {}, Text::tr("the header has an unbalanced quote"));
        return result;
    }
    int idColumn = -1;
    int periodColumn = -1;
    int valueColumn = -1;
    for (int i = 0; i < int(fields.size()); ++i) {
        std::string column(fields[std::size_t(i)]);
        std::transform(column.begin(), column.end(), column.begin(),
                       [](char c) { return char(std::tolower(c)); });
        if (column == "series_id") {
            idColumn = i;
        } else if (column == "period") {
            periodColumn = i;
        } else if (column == "value") {
            valueColumn = i;
        }
    }
    if (idColumn < 0 || periodColumn < 0 || valueColumn < 0) {
        problem(1, {}, Text::tr("the header must name the columns series_id, period and value"));
        return result;
    }
    const std::size_t needed = std::size_t(std::max({idColumn, periodColumn, valueColumn})) + 1;

    QHash<QByteArray, int> index;
    std::vector<std::vector<PeriodRow>> rows;
    PeriodKind fileKind = PeriodKind::Unknown;
    int kindLine = 0;
    std::string lastId;
    int lastIndex = -1;
    while (nextLine(line)) {
        if (line.empty()) {
            continue;
        }
        if (!splitLine(line, fields, unquoted)) {
            problem(lineNumber, {}, Text::tr("unbalanced quote"));
            continue;
        }
        if (fields.size() < needed) {
            problem(lineNumber, {},
                    Text::tr("%n field(s), the header has more", nullptr, int(fields.size())));
            continue;
        }
        const std::string_view id = fields[std::size_t(idColumn)];
        const std::string_view periodText = fields[std::size_t(periodColumn)];
        const std::string_view valueText = fields[std::size_t(valueColumn)];
        if (id.empty()) {
            problem(lineNumber, QStringLiteral("series_id"), Text::tr("is empty"));
            continue;
        }
        PeriodKind kind = PeriodKind::Unknown;
        PeriodRow row;
        row.line = lineNumber;
        int year = 0;
        int month = 0;
        if (!parsePeriod(periodText, kind, row.key, year, month)) {
            problem(lineNumber, QStringLiteral("period"),
                    Text::tr("\"%1\" is neither a whole number nor a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn)")
                        .arg(QString::fromUtf8(periodText.data(), int(periodText.size()))));
            continue;
        }
        if (fileKind == PeriodKind::Unknown) {
            fileKind = kind;
            kindLine = lineNumber;
        } else if (kind != fileKind) {
            problem(lineNumber, QStringLiteral("period"),
                    Text::tr("\"%1\" is written differently from the period on line %2")
                        .arg(QString::fromUtf8(periodText.data(), int(periodText.size())))
                        .arg(kindLine));
            continue;
        }
        if (valueText.empty() || valueText == "NA" || valueText == "na" || valueText == "NaN") {
            row.value = std::numeric_limits<double>::quiet_NaN();
        } else {
            const auto [end, error]
                = std::from_chars(valueText.data(), valueText.data() + valueText.size(), row.value);
            if (error != std::errc() || end != valueText.data() + valueText.size()
                || !std::isfinite(row.value)) {
                problem(lineNumber, QStringLiteral("value"),
                        Text::tr("\"%1\" is not a number")
                            .arg(QString::fromUtf8(valueText.data(), int(valueText.size()))));
                continue;
            }
        }
        // Files usually keep a series' rows together: the last series found is checked first.
        if (id != lastId || lastIndex < 0) {
            const QByteArray key(id.data(), int(id.size()));
            auto found = index.constFind(key);
            if (found == index.constEnd()) {
                // Exactly, byte for byte: fromUtf8() would give two ids that differ only in bytes that are
                // not UTF-8, or in a byte-order mark, the same name in the forecasts written.
                // Stateless: a sequence cut off at the end is an error too, not left for more input.
                QStringDecoder utf8(QStringDecoder::Utf8,
                                    QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
                const QString name = utf8(key);
                if (utf8.hasError()) {
                    problem(lineNumber, QStringLiteral("series_id"), Text::tr("is not UTF-8 text"));
                    continue;
                }
                found = index.insert(key, int(rows.size()));
                rows.emplace_back();
                result.series.push_back(NamedSeries {name, 0, {}});
            }
            lastIndex = *found;
            lastId.assign(id.data(), id.size());
        }
        rows[std::size_t(lastIndex)].push_back(row);
    }
    if (fileKind == PeriodKind::Unknown && result.problems.isEmpty()) {
        problem(0, {}, Text::tr("has a header but no rows"));
    }
    if (!result.problems.isEmpty()) {
        result.series.clear();
        return result;
    }

    for (std::vector<PeriodRow> &list : rows) {
        std::stable_sort(list.begin(), list.end(),
                         [](const PeriodRow &a, const PeriodRow &b) { return a.key < b.key; });
    }
    // Dates: the spacing is the smallest gap between two periods of any series.
    qint64 step = 1;
    if (fileKind == PeriodKind::Date) {
        qint64 smallest = std::numeric_limits<qint64>::max();
        for (const std::vector<PeriodRow> &list : rows) {
            for (std::size_t i = 1; i < list.size(); ++i) {
                if (list[i].key > list[i - 1].key) {
                    smallest = std::min(smallest, list[i].key - list[i - 1].key);
                }
            }
        }
        if (smallest == std::numeric_limits<qint64>::max() || smallest == 1) {
            result.frequency = SeriesFrequency::Daily;
        } else if (smallest == 7) {
            result.frequency = SeriesFrequency::Weekly;
            step = 7;
        } else if (smallest >= 28 && smallest <= 31) {
            result.frequency = SeriesFrequency::Monthly;
        } else if (smallest >= 89 && smallest <= 92) {
            result.frequency = SeriesFrequency::Quarterly;
        } else if (smallest >= 365 && smallest <= 366) {
            result.frequency = SeriesFrequency::Yearly;
        } else {
            problem(0, QStringLiteral("period"),
                    Text::tr("dates %n day(s) apart are neither daily, weekly, monthly, quarterly nor yearly",
                             nullptr, int(std::min<qint64>(smallest, std::numeric_limits<int>::max()))));
            result.series.clear();
            return result;
        }
        // Months, quarters and years have uneven lengths in days: count them by the calendar.
        if (result.frequency == SeriesFrequency::Monthly || result.frequency == SeriesFrequency::Quarterly
            || result.frequency == SeriesFrequency::Yearly) {
            for (std::vector<PeriodRow> &list : rows) {
                for (PeriodRow &row : list) {
                    // Back from a day number to year and month (H. Hinnant's civil_from_days).
                    const qint64 z = row.key + 719468;
                    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
                    const qint64 dayOfEra = z - era * 146097;
                    const qint64 yearOfEra
                        = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
                    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
                    const qint64 mp = (5 * dayOfYear + 2) / 153;
                    const qint64 month = mp < 10 ? mp + 3 : mp - 9;
                    const qint64 year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
                    const qint64 months = year * 12 + month - 1;
                    row.key = result.frequency == SeriesFrequency::Monthly
                        ? months
                        : (result.frequency == SeriesFrequency::Quarterly ? months / 3 : year);
                }
            }
            step = 1;
        }
    } else if (fileKind == PeriodKind::Month) {
        result.frequency = SeriesFrequency::Monthly;
    } else if (fileKind == PeriodKind::Quarter) {
        result.frequency = SeriesFrequency::Quarterly;
    }

    for (std::size_t s = 0; s < rows.size(); ++s) {
        const std::vector<PeriodRow> &list = rows[s];
        NamedSeries &named = result.series[s];
        const qint64 first = list.front().key;
        // The difference of two 64-bit periods can overflow: compared in long double first.
        const long double wide
            = (static_cast<long double>(list.back().key) - static_cast<long double>(first)) / step;
        const qint64 span = wide < maxSpan ? qint64(wide) + 1 : maxSpan + 1;
        if (span > maxSpan) {
            problem(list.back().line, QStringLiteral("period"),
                    Text::tr("series %1 would span %2 periods; its periods are too far apart")
                        .arg(named.id)
                        .arg(span));
            continue;
        }
        named.firstPeriod = first / step;
        named.series.values.assign(std::size_t(span), 0.0);
        std::vector<bool> observed(std::size_t(span), false);
        bool gaps = false;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const qint64 offset = list[i].key - first;
            if (offset % step != 0) {
                problem(list[i].line, QStringLiteral("period"),
                        Text::tr("is not a whole number of weeks after the first period of series %1")
                            .arg(named.id));
                continue;
            }
            const auto position = std::size_t(offset / step);
            if (i > 0 && list[i].key == list[i - 1].key) {
                problem(list[i].line, QStringLiteral("period"),
                        Text::tr("series %1 has this period already on line %2")
                            .arg(named.id)
                            .arg(list[i - 1].line));
                continue;
            }
            if (std::isnan(list[i].value)) {
                gaps = true;
                continue;
            }
            named.series.values[position] = list[i].value;
            observed[position] = true;
        }
        if (gaps || std::find(observed.begin(), observed.end(), false) != observed.end()) {
            named.series.stockout.resize(observed.size());
            for (std::size_t i = 0; i < observed.size(); ++i) {
                named.series.stockout[i] = !observed[i];
            }
        }
    }
    if (!result.problems.isEmpty()) {
        result.series.clear();
    }
    return result;
}

bool writeForecasts(QIODevice &device, const std::vector<NamedSeries> &series,
                    const std::vector<Forecast> &forecasts)
{
    QByteArray out = "series_id,step,mean,lo80,hi80,lo95,hi95,method\n";
    for (std::size_t s = 0; s < series.size() && s < forecasts.size(); ++s) {
        const QByteArray id = StockExport::csvField(series[s].id).toUtf8();
        const QByteArray method = StockExport::csvField(forecasts[s].method).toUtf8();
        const Forecast &forecast = forecasts[s];
        for (std::size_t h = 0; h < forecast.mean.size(); ++h) {
            out += id;
            out += ',';
            out += QByteArray::number(qulonglong(h + 1));
            for (const std::vector<double> *values :
                 {&forecast.mean, &forecast.lo80, &forecast.hi80, &forecast.lo95, &forecast.hi95}) {
                out += ',';
                appendNumber(out,
                             h < values->size() ? (*values)[h] : std::numeric_limits<double>::quiet_NaN());
            }
            out += ',';
            out += method;
            out += '\n';
        }
        if (out.size() > (1 << 20)) {
            if (device.write(out) != out.size()) {
                return false;
            }
            out.clear();
        }
    }
    return device.write(out) == out.size();
}

} // namespace Stockroom
