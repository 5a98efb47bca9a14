// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "csvreader.h"
#include "trackingservice.h"

#include <QCoreApplication>

namespace Stockroom {

/** Something wrong with one line of an import file: "FILE:LINE: column: why". */
struct ImportProblem
{
    int line = 0;
    QString column; ///< as the file's header names it; empty for the whole line or file
    QString message;

    QString toString(const QString &fileName) const;
};

struct TrackingImportResult
{
    /** One per row, each with its sourceLine, also the rows with problems (to look up their numbers). */
    QList<TrackingEventInput> events;
    QList<ImportProblem> problems;
    QString trackingColumn; ///< the header of the tracking number column, for later problems with a number
};

/**
 * A carrier's tracking export (CSV) as tracking events. Columns are found by their header, in any order and
 * any case, under the names carriers use: tracking number (tracking_number, tracking number, tracking, awb,
 * parcel number), status (status, event, event status), time (occurred_at, date, timestamp, event time,
 * datetime, time; a separate date and time column are joined), and optionally place (place, location,
 * city) and description (description, details, event description). Other columns are ignored.
 *
 * Every row is checked before anything is applied, and every problem is reported: a status we do not
 * know, a time that cannot be read, an empty tracking number. Whether the tracking numbers exist is the
 * database's question, not this reader's.
 */
class TrackingImport
{
    Q_DECLARE_TR_FUNCTIONS(TrackingImport)

public:
    /** The header a file should have, for messages: "tracking_number,status,occurred_at,place,description". */
    static QString expectedHeader();

    static TrackingImportResult readFile(const QString &fileName);
    static TrackingImportResult fromCsv(const CsvContent &content);
};

} // namespace Stockroom
