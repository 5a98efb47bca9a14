// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target for tracking numbers as a clerk types or scans them (TrackingNumbers::validate): any text
// gives a verdict, never a crash, and the verdict depends on the normalised number only, is the same every
// time, and names a carrier and format that exist when it names one. The whole input is one number, and so
// is each piece of it between line breaks, commas and quotes (so that carriers' files serve as seeds).
#include "fuzzsupport.h"
#include "tracking.h"

#include <QRegularExpression>

#include <algorithm>
#include <cstdint>

using namespace Stockroom;
using Stockroom::Fuzz::check;

namespace {

bool same(const TrackingMatch &a, const TrackingMatch &b)
{
    return a.verdict == b.verdict && a.carrier == b.carrier && a.format == b.format
        && a.normalised == b.normalised && a.message == b.message && a.otherFormats == b.otherFormats;
}

void validate(const QString &number)
{
    static const QStringList formats = TrackingNumbers::formats();
    static const QStringList carriers = TrackingNumbers::carriers();

    const TrackingMatch match = TrackingNumbers::validate(number);
    check(same(match, TrackingNumbers::validate(number)), "the verdict is the same every time");
    const QString normalised = TrackingNumbers::normalise(number);
    check(match.normalised == normalised || (normalised.isEmpty() && match.normalised.isEmpty()),
          "the match carries the normalised number");
    check(TrackingNumbers::normalise(normalised) == normalised, "normalising twice changes nothing");
    for (const QChar c : normalised) {
        check(!c.isSpace(), "a normalised number has no white space");
    }
    check(same(match, TrackingNumbers::validate(normalised)),
          "the verdict depends on the normalised number only");

    switch (match.verdict) {
    case TrackingMatch::Verdict::Valid:
        check(formats.contains(match.format) && carriers.contains(match.carrier),
              "a valid number names a known format and carrier");
        check(!normalised.isEmpty(), "an empty number is not valid");
        break;
    case TrackingMatch::Verdict::Invalid:
        check(!match.message.isEmpty(), "an invalid number says why");
        check(match.format.isEmpty() || formats.contains(match.format), "a failed structure is a known one");
        break;
    case TrackingMatch::Verdict::Unknown:
        check(match.carrier.isEmpty() && match.format.isEmpty(), "an unknown number names no carrier");
        check(!match.message.isEmpty(), "an unknown number comes with a warning");
        break;
    }
    for (const QString &other : match.otherFormats) {
        check(formats.contains(other) && other != match.format, "further formats are known and others");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    validate(text);
    if (text.size() <= 200) {
        validate(QString::fromLatin1(reinterpret_cast<const char *>(data), qsizetype(size)));
    }
    static const QRegularExpression separators(QStringLiteral("[\\n\\r,\"]"));
    const QStringList pieces = text.split(separators, Qt::SkipEmptyParts);
    // The first pieces only: a carrier's whole JSON file is a seed, but each input must stay quick.
    if (pieces.size() > 1) {
        for (const QString &piece : pieces.first(std::min<qsizetype>(pieces.size(), 32))) {
            validate(piece);
        }
    }
    return 0;
}
