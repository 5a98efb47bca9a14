// SPDX-License-Identifier: GPL-3.0-or-later
#include "trackingimport.h"

#include "orderstatus.h"

#include <QMap>

#include <algorithm>

namespace Stockroom {

namespace {

enum class Field { Tracking, Status, Time, Place, Description };

struct FieldSpec
{
    Field field;
    QStringList names; ///< as carriers write them; compared by key()
    bool required;
};

/** A header as compared: lower case, "_" and "-" as spaces, single spaces ("Event_Time" = "event time"). */
QString key(const QString &header)
{
    QString text = header.trimmed().toLower();
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    text.replace(QLatin1Char('-'), QLatin1Char(' '));
    return text.simplified();
}

const QList<FieldSpec> &fieldSpecs()
{
    static const QList<FieldSpec> specs {
        {Field::Tracking,
         {QStringLiteral("tracking_number"), QStringLiteral("tracking number"), QStringLiteral("tracking"),
          QStringLiteral("awb"), QStringLiteral("parcel number")},
         true},
        {Field::Status,
         {QStringLiteral("status"), QStringLiteral("event"), QStringLiteral("event status")},
         true},
        {Field::Time,
         {QStringLiteral("occurred_at"), QStringLiteral("date"), QStringLiteral("timestamp"),
          QStringLiteral("event time"), QStringLiteral("datetime"), QStringLiteral("time")},
         true},
        {Field::Place, {QStringLiteral("place"), QStringLiteral("location"), QStringLiteral("city")}, false},
        {Field::Description,
         {QStringLiteral("description"), QStringLiteral("details"), QStringLiteral("event description")},
         false},
    };
    return specs;
}

bool isNameOf(const FieldSpec &spec, const QString &header)
{
    const QString wanted = key(header);
    return std::any_of(spec.names.cbegin(), spec.names.cend(),
                       [&](const QString &name) { return key(name) == wanted; });
}

QString fieldName(Field field)
{
    switch (field) {
    case Field::Tracking:
        return TrackingImport::tr("tracking number");
    case Field::Status:
        return TrackingImport::tr("status");
    case Field::Time:
        return TrackingImport::tr("time");
    case Field::Place:
        return TrackingImport::tr("place");
    case Field::Description:
        return TrackingImport::tr("description");
    }
    return {};
}

} // namespace

QString ImportProblem::toString(const QString &fileName) const
{
    QString text
        = line > 0 ? QStringLiteral("%1:%2: ").arg(fileName).arg(line) : fileName + QStringLiteral(": ");
    if (!column.isEmpty()) {
        text += column + QStringLiteral(": ");
    }
    return text + message;
}

QString TrackingImport::expectedHeader()
{
    return QStringLiteral("tracking_number,status,occurred_at,place,description");
}

TrackingImportResult TrackingImport::readFile(const QString &fileName)
{
    return fromCsv(CsvReader().readFile(fileName));
}

TrackingImportResult TrackingImport::fromCsv(const CsvContent &content)
{
    TrackingImportResult result;
    if (!content.ok()) {
        result.problems << ImportProblem {content.errorLine, {}, content.error};
        return result;
    }
    qsizetype first = 0;
    while (first < content.records.size() && content.records.at(first).isBlank()) {
        ++first;
    }
    if (first == content.records.size()) {
        result.problems << ImportProblem {
            1,
            {},
            tr("the file is empty: expected the header line %1 and one line per event.")
                .arg(expectedHeader())};
        return result;
    }

    // Which column holds which field.
    const CsvRecord &header = content.records.at(first);
    QMap<Field, QList<int>> columns;
    for (int c = 0; c < header.fields.size(); ++c) {
        const QString &name = header.fields.at(c);
        for (const FieldSpec &spec : fieldSpecs()) {
            if (isNameOf(spec, name)) {
                columns[spec.field] << c;
                break;
            }
        }
    }
    QMap<Field, QList<int>> used; // one column per field; the time may be a date and a time column
    for (const FieldSpec &spec : fieldSpecs()) {
        const QList<int> found = columns.value(spec.field);
        if (found.isEmpty()) {
            if (spec.required) {
                result.problems << ImportProblem {
                    header.line,
                    {},
                    tr("no %1 column (one of: %2); expected a header like %3.")
                        .arg(fieldName(spec.field), spec.names.join(QStringLiteral(", ")), expectedHeader())};
            }
            continue;
        }
        if (spec.field == Field::Time && found.size() == 2) {
            // "date" and "time" apart, as some carriers write them: joined, date first.
            const QString a = key(header.fields.at(found.at(0)));
            const QString b = key(header.fields.at(found.at(1)));
            if (a == QLatin1String("date") && b == QLatin1String("time")) {
                used.insert(spec.field, found);
                continue;
            }
            if (a == QLatin1String("time") && b == QLatin1String("date")) {
                used.insert(spec.field, {found.at(1), found.at(0)});
                continue;
            }
        }
        if (found.size() > 1) {
            QStringList names;
            for (int c : found) {
                names << QLatin1Char('"') + header.fields.at(c).trimmed() + QLatin1Char('"');
            }
            result.problems << ImportProblem {
                header.line,
                {},
                tr("the columns %1 all give the %2: keep one of them.")
                    .arg(names.join(QStringLiteral(", ")), fieldName(spec.field))};
            continue;
        }
        used.insert(spec.field, found);
    }
    if (!result.problems.isEmpty()) {
        return result;
    }

    auto columnName = [&](Field field) {
        QStringList names;
        for (int c : used.value(field)) {
            names << header.fields.at(c).trimmed();
        }
        return names.join(QStringLiteral(" + "));
    };
    auto value = [&](const CsvRecord &record, Field field) {
        QStringList parts;
        for (int c : used.value(field)) {
            parts << record.fields.value(c).trimmed();
        }
        parts.removeAll(QString());
        return parts.join(QLatin1Char('T'));
    };

    result.trackingColumn = columnName(Field::Tracking);
    for (qsizetype r = first + 1; r < content.records.size(); ++r) {
        const CsvRecord &record = content.records.at(r);
        if (record.isBlank()) {
            continue;
        }
        for (qsizetype c = header.fields.size(); c < record.fields.size(); ++c) {
            if (!record.fields.at(c).trimmed().isEmpty()) {
                result.problems << ImportProblem {
                    record.line,
                    {},
                    tr("%1 fields where the header has %2 (a comma in a field that is not quoted?).")
                        .arg(record.fields.size())
                        .arg(header.fields.size())};
                break;
            }
        }
        TrackingEventInput event;
        event.sourceLine = record.line;
        event.trackingNumber = value(record, Field::Tracking);
        event.status = value(record, Field::Status);
        event.occurredAt = value(record, Field::Time);
        event.place = value(record, Field::Place);
        event.description = value(record, Field::Description);
        if (event.trackingNumber.isEmpty()) {
            result.problems << ImportProblem {record.line, columnName(Field::Tracking), tr("empty.")};
        }
        if (event.status.isEmpty()) {
            result.problems << ImportProblem {record.line, columnName(Field::Status), tr("empty.")};
        } else if (!TrackingService::statusFromText(event.status)) {
            result.problems << ImportProblem {
                record.line, columnName(Field::Status),
                tr("unknown status \"%1\" (expected one of %2, or a carrier's words such as \"Out for "
                   "Delivery\").")
                    .arg(event.status, allShipmentStatusNames().join(QStringLiteral(", ")))};
        }
        if (event.occurredAt.isEmpty()) {
            result.problems << ImportProblem {record.line, columnName(Field::Time), tr("empty.")};
        } else if (TrackingService::storedTimeOf(event.occurredAt).isEmpty()) {
            result.problems << ImportProblem {
                record.line, columnName(Field::Time),
                tr("\"%1\" is not a date and time (use 2026-11-27T14:05:00+01:00; without an offset it "
                   "is UTC).")
                    .arg(event.occurredAt)};
        }
        result.events << event;
    }
    return result;
}

} // namespace Stockroom
