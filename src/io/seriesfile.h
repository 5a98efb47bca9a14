// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fileproblem.h"
#include "forecast.h"

#include <QList>
#include <QString>

#include <vector>

class QIODevice;

namespace Stockroom {

/** How the periods of a series file are spaced, read off its dates (or plain indices). */
enum class SeriesFrequency { Index, Daily, Weekly, Monthly, Quarterly, Yearly };

/** The usual seasonal cycle of a frequency: 7 days, 52 weeks, 12 months, 4 quarters; 1 otherwise. */
int defaultSeason(SeriesFrequency frequency);
QString frequencyName(SeriesFrequency frequency);

struct NamedSeries
{
    QString id;
    qint64 firstPeriod = 0; ///< index of values[0] in the file's period numbering
    DemandSeries series; ///< a period missing from the file, or empty or NA, is marked unobserved
};

struct SeriesFile
{
    SeriesFrequency frequency = SeriesFrequency::Index;
    std::vector<NamedSeries> series; ///< in the order the file first names them
    QList<FileProblem> problems; ///< when not empty, nothing of the file should be used
};

/**
 * Reads `series_id,period,value` rows (header required; columns by name, in any order). The period is a
 * whole number or an ISO date (YYYY-MM-DD, or YYYY-MM for months); rows may come in any order. Built for
 * millions of rows: the whole file is read once, without a general CSV parser.
 */
SeriesFile readSeriesFile(const QString &path);
SeriesFile readSeries(QIODevice &device, const QString &name);

/** One forecast per series, written as `series_id,step,mean,lo80,hi80,lo95,hi95,method`. */
bool writeForecasts(QIODevice &device, const std::vector<NamedSeries> &series,
                    const std::vector<Forecast> &forecasts);

} // namespace Stockroom
