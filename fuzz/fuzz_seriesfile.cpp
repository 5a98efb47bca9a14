// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target for demand series files (readSeries, `stockroomctl forecast`): any bytes give series or
// problems, never a crash. Problems name a line of the input and say why; without problems every series has
// a unique name, at least one period, no more observed periods than the file has lines, and
// values that are numbers; reading is deterministic.
#include "fuzzsupport.h"
#include "seriesfile.h"

#include <QBuffer>
#include <QSet>

#include <cmath>
#include <cstdint>

using namespace Stockroom;
using Stockroom::Fuzz::check;

namespace {

SeriesFile read(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return readSeries(buffer, QStringLiteral("fuzz.csv"));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const int lines = Fuzz::lineCount(bytes);
    const SeriesFile file = read(bytes);
    check(file.problems.size() <= 1000, "at most 1000 problems");
    for (const FileProblem &problem : file.problems) {
        check(problem.line >= 0 && problem.line <= lines,
              "a problem names a line of the input (or the file)");
        check(!problem.message.isEmpty() && problem.file == QLatin1String("fuzz.csv"), "a problem says why");
    }
    check(file.problems.isEmpty() != file.series.empty(), "either series or problems");

    QSet<QString> ids;
    std::size_t observed = 0;
    for (const NamedSeries &named : file.series) {
        check(!ids.contains(named.id), "series names are unique");
        ids.insert(named.id);
        const DemandSeries &series = named.series;
        check(!series.values.empty(), "a series has a period");
        check(series.stockout.empty() || series.stockout.size() == series.values.size(),
              "one missing-mark per period, or none");
        for (std::size_t i = 0; i < series.values.size(); ++i) {
            check(!std::isnan(series.values[i]), "values are numbers");
            observed += series.isObserved(i) ? 1 : 0;
        }
    }
    check(observed <= std::size_t(lines), "no more values than lines");

    const SeriesFile again = read(bytes);
    check(again.series.size() == file.series.size() && again.problems.size() == file.problems.size()
              && again.frequency == file.frequency,
          "reading is deterministic");
    for (std::size_t s = 0; s < file.series.size(); ++s) {
        check(again.series[s].id == file.series[s].id
                  && again.series[s].firstPeriod == file.series[s].firstPeriod
                  && again.series[s].series.values == file.series[s].series.values,
              "reading is deterministic");
    }
    return 0;
}
