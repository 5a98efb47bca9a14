// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target for carriers' tracking exports (TrackingImport): any bytes give events and problems, never a
// crash. Every event and problem names a line of the input, in file order; an event without a problem on
// its line has a tracking number, a status we know and a time we can store; the status and time readers
// are deterministic and a stored time reads back as itself.
#include "fuzzsupport.h"
#include "trackingimport.h"

#include <cstdint>

using namespace Stockroom;
using Stockroom::Fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const int lines = Fuzz::lineCount(bytes);
    const CsvContent content = CsvReader().parse(bytes);
    check(content.records.size() <= lines, "no more records than line breaks + 1");
    check(content.ok() || (content.errorLine >= 1 && content.errorLine <= lines),
          "a CSV error names a line of the input");
    const TrackingImportResult result = TrackingImport::fromCsv(content);

    QList<int> problemLines;
    for (const ImportProblem &problem : result.problems) {
        check(problem.line >= 1 && problem.line <= lines, "a problem names a line of the input");
        check(!problem.message.isEmpty(), "a problem says why");
        check(!problem.toString(QStringLiteral("fuzz.csv")).isEmpty(), "a problem can be shown");
        problemLines << problem.line;
    }
    check(content.ok() || (result.events.isEmpty() && result.problems.size() == 1),
          "a file that cannot be read gives its one error and no events");

    int previous = 0;
    for (const TrackingEventInput &event : result.events) {
        check(event.sourceLine > previous && event.sourceLine <= lines,
              "events come in file order, from its lines");
        previous = event.sourceLine;
        const std::optional<ShipmentStatus> status = TrackingService::statusFromText(event.status);
        check(status == TrackingService::statusFromText(event.status), "reading a status is deterministic");
        const QString stored = TrackingService::storedTimeOf(event.occurredAt);
        check(stored == TrackingService::storedTimeOf(event.occurredAt), "reading a time is deterministic");
        check(stored.isEmpty() || TrackingService::storedTimeOf(stored) == stored,
              "a stored time reads back as itself");
        if (!problemLines.contains(event.sourceLine)) {
            check(!event.trackingNumber.isEmpty() && status && !stored.isEmpty(),
                  "an event without a problem can be applied");
        }
    }
    return 0;
}
