// SPDX-License-Identifier: GPL-3.0-or-later
#include "tracking.h"

#include <QList>
#include <QRegularExpression>

#include <array>
#include <optional>
#include <span>
#include <string_view>

namespace Stockroom {

namespace {

/** Check digit algorithms, named as in jkeen/tracking_number_data. */
enum class Check {
    None, ///< the carrier's numbers carry no check digit: only the structure is checked
    Mod10, ///< weighted digit sum mod 10, letters mapped as UPS maps them
    Luhn,
    Mod7, ///< the serial as a number, mod 7 (DHL Express)
    WeightedMod11, ///< "sum_product_with_weightings_and_modulo": weighted sum mod 11 mod 10 (FedEx)
    S10, ///< UPU S10: weights 8 6 4 2 3 5 9 7, mod 11
    Mod37_36, ///< ISO 7064 MOD 37,36 over 0-9A-Z (DPD)
};

constexpr std::array fedex12Weights {3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1};
constexpr std::array fedex34Weights {1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1};

/**
 * One structure. Patterns match the normalised number whole; a checked structure names the groups
 * "serial" (what the check digit covers) and "check", and S10 also "country".
 */
struct Format
{
    const char *id;
    const char *carrier;
    const char *label; // for messages: "UPS 1Z number: check digit should be 7, not 3"
    const char *pattern;
    Check check = Check::None;
    int evensMultiplier = 1; // Mod10: weight of positions 0, 2, 4, … of the serial
    int oddsMultiplier = 1; // Mod10: weight of positions 1, 3, 5, …
    bool fromRight = false; // Mod10: count positions from the check digit's end (GS1 style)
    std::span<const int> weights = {}; // WeightedMod11
    const char *serialPrefix = nullptr; // prepended to the serial unless it already starts with it
    bool upuCountry = false; // the "country" group must be a UPU member's code
};

/*
 * The order matters twice: the first structure that accepts a number names it, and when none accepts it,
 * the first whose check digit failed explains why. So structures with a carrier's own prefix come first,
 * then bare digit runs, the more common carrier first; shapes without check digit last, because a number
 * that fits a checked structure but fails its check is most likely that structure mistyped.
 */
constexpr std::array formatTable {
    Format {.id = "ups",
            .carrier = "UPS",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "UPS 1Z number"),
            .pattern = "1Z(?<serial>[0-9A-Z]{15})(?<check>[0-9])",
            .check = Check::Mod10,
            .evensMultiplier = 1,
            .oddsMultiplier = 2},
    Format {.id = "ups_waybill",
            .carrier = "UPS",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "UPS waybill number"),
            .pattern = "[AHJKTV](?<serial>[0-9]{9})(?<check>[0-9])",
            .check = Check::Mod10,
            .evensMultiplier = 1,
            .oddsMultiplier = 2},
    Format {.id = "s10",
            .carrier = "UPU S10",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "UPU S10 item number"),
            .pattern = "[A-Z]{2}(?<serial>[0-9]{8})(?<check>[0-9])(?<country>[A-Z]{2})",
            .check = Check::S10,
            .upuCountry = true},
    // IMpb: an optional routing code (420 and the ZIP code), then the application identifier, a service
    // type, a 9-digit mailer id starting with 9 or a 6-digit one, and the package id.
    Format {.id = "usps_impb_n",
            .carrier = "USPS",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "USPS IMpb number"),
            .pattern = "(?:420(?:[0-9]{5}(?=[0-9]{22}$|[0-9]{26}$)|[0-9]{9}(?=[0-9]{22}$)))?"
                       "(?<serial>94[0-9]{3}(?:9[0-9]{8}(?:[0-9]{15}|[0-9]{11}|[0-9]{7})"
                       "|[0-8][0-9]{5}(?:[0-9]{14}|[0-9]{10})))(?<check>[0-9])",
            .check = Check::Mod10,
            .evensMultiplier = 3,
            .oddsMultiplier = 1,
            .fromRight = true},
    Format {.id = "usps_impb_c",
            .carrier = "USPS",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "USPS IMpb number"),
            .pattern
            = "(?:420(?:[0-9]{5}|[0-9]{9}(?=[0-9]{22}$)))?"
              "(?<serial>(?:92(?=[0-9]{3}9)|93(?=[0-9]{3}[0-8])|95)[0-9]{3}"
              "(?:9[0-9]{8}(?:[0-9]{11}|[0-9]{7})|[0-8][0-9]{5}(?:[0-9]{14}|[0-9]{10})))(?<check>[0-9])",
            .check = Check::Mod10,
            .evensMultiplier = 3,
            .oddsMultiplier = 1},
    Format {.id = "fedex_ground_96",
            .carrier = "FedEx",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "FedEx Ground 96 number"),
            .pattern = "96[0-9]{5}(?<serial>[0-9]{14})(?<check>[0-9])",
            .check = Check::Mod10,
            .evensMultiplier = 1,
            .oddsMultiplier = 3},
    Format {.id = "fedex_ground_gsn",
            .carrier = "FedEx",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "FedEx Ground 34-digit barcode"),
            .pattern = "96[0-9]{18}(?<serial>[0-9]{13})(?<check>[0-9])",
            .check = Check::WeightedMod11,
            .weights = fedex34Weights},
    // The legacy ASTRA barcode carries a FedEx Express number (and its only check digit) in positions 17-28.
    Format {.id = "fedex_astra_32",
            .carrier = "FedEx",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "FedEx ASTRA barcode"),
            .pattern = "3[0-9]{15}(?<serial>[0-9]{11})(?<check>[0-9])[0-9]{4}",
            .check = Check::WeightedMod11,
            .weights = fedex12Weights},
    Format {.id = "fedex_34",
            .carrier = "FedEx",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "FedEx Express 34-digit barcode"),
            .pattern = "[0-8][0-9]{19}(?<serial>[0-9]{13})(?<check>[0-9])",
            .check = Check::WeightedMod11,
            .weights = fedex34Weights},
    Format {.id = "ontrac_c",
            .carrier = "OnTrac",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "OnTrac number"),
            .pattern = "C(?<serial>[0-9]{13})(?<check>[0-9])",
            .check = Check::Mod10,
            .evensMultiplier = 1,
            .oddsMultiplier = 2,
            .serialPrefix = "4"},
    Format {.id = "ontrac_d",
            .carrier = "OnTrac",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "OnTrac number"),
            .pattern = "D(?<serial>[0-9]{13})(?<check>[0-9])",
            .check = Check::Mod10,
            .evensMultiplier = 1,
            .oddsMultiplier = 2,
            .serialPrefix = "5"},
    Format {.id = "old_dominion",
            .carrier = "Old Dominion",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "Old Dominion PRO number"),
            .pattern = "(?<serial>(?:77[78]|072|780)[0-9]{7})(?<check>[0-9])",
            .check = Check::Luhn},
    Format {.id = "old_dominion_guaranteed_shipment",
            .carrier = "Old Dominion",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "Old Dominion guaranteed PRO number"),
            .pattern = "(?<serial>80[0-9]{8})(?<check>[0-9])",
            .check = Check::Luhn},
    Format {.id = "fedex_12",
            .carrier = "FedEx",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "FedEx Express 12-digit number"),
            .pattern = "(?<serial>[0-9]{11})(?<check>[0-9])",
            .check = Check::WeightedMod11,
            .weights = fedex12Weights},
    Format {.id = "purolator_numeric",
            .carrier = "Purolator",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "Purolator 12-digit number"),
            .pattern = "(?<serial>[0-5][0-9]{10})(?<check>[0-9])",
            .check = Check::Luhn},
    Format {.id = "dhl_express",
            .carrier = "DHL",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "DHL Express waybill number"),
            .pattern = "(?<serial>[0-9]{9,10})(?<check>[0-9])",
            .check = Check::Mod7},
    Format {.id = "fedex_ground",
            .carrier = "FedEx",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "FedEx Ground 15-digit number"),
            .pattern = "(?<serial>[0-9]{14})(?<check>[0-9])",
            .check = Check::Mod10,
            .evensMultiplier = 1,
            .oddsMultiplier = 3},
    Format {.id = "dpd_14",
            .carrier = "DPD",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "DPD parcel number"),
            .pattern = "(?<serial>[0-9]{14})(?<check>[0-9A-Z])",
            .check = Check::Mod37_36},
    Format {.id = "canada_post",
            .carrier = "Canada Post",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "Canada Post 16-digit number"),
            .pattern = "(?<serial>[0-9]{15})(?<check>[0-9])",
            .check = Check::Mod10,
            .evensMultiplier = 3,
            .oddsMultiplier = 1},
    // GS1's serial shipping container code: the check digit covers all 17 digits before it.
    Format {.id = "fedex_ground_sscc_18",
            .carrier = "FedEx",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "SSCC-18 (FedEx Ground) number"),
            .pattern = "(?<serial>[0-9]{17})(?<check>[0-9])",
            .check = Check::Mod10,
            .evensMultiplier = 3,
            .oddsMultiplier = 1,
            .fromRight = true},
    Format {.id = "usps_20",
            .carrier = "USPS",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "USPS 20-digit number"),
            .pattern = "(?<serial>[0-9]{19})(?<check>[0-9])",
            .check = Check::Mod10,
            .evensMultiplier = 3,
            .oddsMultiplier = 1},
    // Delivery / Signature Confirmation: the check digit covers the 91 identifier, printed or not.
    Format {.id = "usps_legacy",
            .carrier = "USPS",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "USPS confirmation number"),
            .pattern = "(?:420[0-9]{5}(?:[0-9]{4})?)?(?<serial>(?:91)?[0-9]{19})(?<check>[0-9])",
            .check = Check::Mod10,
            .evensMultiplier = 3,
            .oddsMultiplier = 1,
            .serialPrefix = "91"},
    Format {.id = "dpd",
            .carrier = "DPD",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "DPD 28-digit barcode"),
            .pattern = "(?<serial>[0-9]{27})(?<check>[0-9A-Z])",
            .check = Check::Mod37_36},
    // No check digit: the shape alone.
    Format {.id = "amazon_logistics",
            .carrier = "Amazon Logistics",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "Amazon Logistics number"),
            .pattern = "TB[ACM][0-9]{12}"},
    Format {.id = "canpar_22",
            .carrier = "Canpar",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "Canpar number"),
            .pattern = "[CDKLSUXZ][0-9]{21}"},
    Format {.id = "dhl_express_piece_id",
            .carrier = "DHL",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "DHL Express piece ID"),
            .pattern = "J[A-Z]{2,3}[0-9]{9,10}"},
    Format {.id = "dhl_ecommerce",
            .carrier = "DHL",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "DHL eCommerce number"),
            .pattern = "(?:GM|LX|RX|UV|CN|SG|TH|IN|HK|MY)(?=[0-9A-Z]*[0-9])[0-9A-Z]{10,39}"},
    Format {.id = "gofo_us",
            .carrier = "GOFO Express",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "GOFO Express number"),
            .pattern = "GFUS[0-9]{14}"},
    Format {.id = "landmark_global",
            .carrier = "Landmark Global",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "Landmark Global number"),
            .pattern = "LTN[0-9]{8}N1"},
    Format {.id = "lasership_lx",
            .carrier = "LaserShip",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "LaserShip number"),
            .pattern = "L[AIEHNX][1-3][0-9]{7}"},
    Format {.id = "lasership_1ls7",
            .carrier = "LaserShip",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "LaserShip number"),
            .pattern = "1LS7[12][0-9]{10}"},
    Format {.id = "lasership_1ls7_18",
            .carrier = "LaserShip",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "LaserShip number"),
            .pattern = "1LS7[12][0-9]{2}01[1-4][0-9]{6}-1"},
    Format {.id = "lasership_1lscx",
            .carrier = "LaserShip",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "LaserShip number"),
            .pattern = "1LSCX[0-9A-Z]{10}"},
    Format {.id = "purolator_alpha",
            .carrier = "Purolator",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "Purolator number"),
            .pattern = "[A-Z]{3}[0-9]{9}"},
    Format {.id = "speedee",
            .carrier = "Spee-Dee",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "Spee-Dee number"),
            .pattern = "SP[0-9]{18}"},
    Format {.id = "yodel",
            .carrier = "Yodel",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "Yodel number"),
            .pattern = "JJ?D[0-9]{16}"},
    Format {.id = "yunexpress",
            .carrier = "YunExpress",
            .label = QT_TRANSLATE_NOOP("TrackingNumbers", "YunExpress number"),
            .pattern = "YT[0-9]{16}"},
};

/** The UPU members' ISO 3166 codes that S10 numbers end with (from tracking_number_data's s10.json). */
constexpr std::string_view upuCountries
    = "AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT "
      "BW BY BZ CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ "
      "EC EE EG ER ES ET FI FJ FR GA GB GD GE GH GM GN GQ GR GT GW GY HK HN HR "
      "HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA "
      "LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MK ML MM MN MR MT MU MV MW "
      "MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PT PY QA RO RS "
      "RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ "
      "TL TM TN TO TR TT TV TZ UA UG US UY UZ VA VC VE VN VU WS YE ZA ZM ZW";

bool isUpuCountry(QStringView code)
{
    if (code.size() != 2) {
        return false;
    }
    for (std::size_t i = 0; i + 1 < upuCountries.size(); i += 3) {
        if (code.at(0) == QLatin1Char(upuCountries[i]) && code.at(1) == QLatin1Char(upuCountries[i + 1])) {
            return true;
        }
    }
    return false;
}

QChar digitChar(int value)
{
    return QChar(char16_t(u'0' + value));
}

/** Letters count as UPS counts them: A = 2, B = 3, … (the character code minus 3, mod 10). */
int mod10Value(QChar c)
{
    return c.isDigit() ? c.digitValue() : (c.unicode() - 3) % 10;
}

QChar mod10(QStringView serial, int evensMultiplier, int oddsMultiplier, bool fromRight)
{
    int total = 0;
    const qsizetype n = serial.size();
    for (qsizetype i = 0; i < n; ++i) {
        const qsizetype position = fromRight ? n - 1 - i : i;
        total += mod10Value(serial.at(i)) * (position % 2 == 0 ? evensMultiplier : oddsMultiplier);
    }
    return digitChar((10 - total % 10) % 10);
}

QChar luhn(QStringView serial)
{
    int total = 0;
    const qsizetype n = serial.size();
    for (qsizetype i = 0; i < n; ++i) {
        int digit = serial.at(i).digitValue();
        if ((n - 1 - i) % 2 == 0) { // the digit next to the check digit is doubled
            digit *= 2;
            if (digit > 9) {
                digit -= 9;
            }
        }
        total += digit;
    }
    return digitChar((10 - total % 10) % 10);
}

QChar mod7(QStringView serial)
{
    int remainder = 0;
    for (const QChar c : serial) {
        remainder = (remainder * 10 + c.digitValue()) % 7;
    }
    return digitChar(remainder);
}

QChar weightedMod11(QStringView serial, std::span<const int> weights)
{
    int total = 0;
    for (qsizetype i = 0; i < serial.size() && i < qsizetype(weights.size()); ++i) {
        total += serial.at(i).digitValue() * weights[std::size_t(i)];
    }
    return digitChar(total % 11 % 10);
}

QChar s10(QStringView serial)
{
    constexpr std::array weights {8, 6, 4, 2, 3, 5, 9, 7};
    int total = 0;
    for (qsizetype i = 0; i < serial.size() && i < qsizetype(weights.size()); ++i) {
        total += serial.at(i).digitValue() * weights[std::size_t(i)];
    }
    const int check = 11 - total % 11;
    return digitChar(check == 10 ? 0 : check == 11 ? 5 : check);
}

/** ISO/IEC 7064 MOD 37,36, the hybrid system over the 36 digits and letters. */
QChar mod37_36(QStringView serial)
{
    static constexpr std::string_view alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    int product = 36;
    for (const QChar c : serial) {
        const int value = c.isDigit() ? c.digitValue() : c.unicode() - u'A' + 10;
        int sum = (product + value) % 36;
        if (sum == 0) {
            sum = 36;
        }
        product = sum * 2 % 37;
    }
    return QLatin1Char(alphabet[std::size_t((37 - product) % 36)]);
}

QChar expectedCheck(const Format &format, const QString &serial)
{
    QString covered = serial;
    if (format.serialPrefix && !serial.startsWith(QLatin1String(format.serialPrefix))) {
        covered.prepend(QLatin1String(format.serialPrefix));
    }
    switch (format.check) {
    case Check::None:
        return {};
    case Check::Mod10:
        return mod10(covered, format.evensMultiplier, format.oddsMultiplier, format.fromRight);
    case Check::Luhn:
        return luhn(covered);
    case Check::Mod7:
        return mod7(covered);
    case Check::WeightedMod11:
        return weightedMod11(covered, format.weights);
    case Check::S10:
        return s10(covered);
    case Check::Mod37_36:
        return mod37_36(covered);
    }
    return {};
}

struct CompiledFormat
{
    const Format *format;
    QRegularExpression regex;
};

/** Compiled once per thread, so that validate() is safe to call from any thread. */
const QList<CompiledFormat> &compiledFormats()
{
    thread_local const QList<CompiledFormat> compiled = [] {
        QList<CompiledFormat> list;
        for (const Format &format : formatTable) {
            list.append(
                {&format,
                 QRegularExpression(QRegularExpression::anchoredPattern(QLatin1String(format.pattern)))});
        }
        return list;
    }();
    return compiled;
}

QString label(const Format &format)
{
    return TrackingNumbers::tr(format.label);
}

TrackingMatch matchOf(const Format &format, TrackingMatch::Verdict verdict, const QString &normalised,
                      const QString &message = {})
{
    TrackingMatch match;
    match.verdict = verdict;
    match.carrier = QLatin1String(format.carrier);
    match.format = QLatin1String(format.id);
    match.normalised = normalised;
    match.message = message;
    return match;
}

/** GS1's check digit for any payload (GTIN, SSCC): weights 3, 1, 3, … from the right. */
QChar gs1CheckDigit(QStringView payload)
{
    return mod10(payload, 3, 1, true);
}

} // namespace

QString TrackingNumbers::normalise(const QString &number)
{
    QString result;
    result.reserve(number.size());
    for (const QChar c : number) {
        if (!c.isSpace()) {
            result.append(c.toUpper());
        }
    }
    return result;
}

TrackingMatch TrackingNumbers::validate(const QString &number)
{
    const QString normalised = normalise(number);
    if (normalised.isEmpty()) {
        TrackingMatch match;
        match.verdict = TrackingMatch::Verdict::Invalid;
        match.message = tr("No tracking number was entered.");
        return match;
    }

    std::optional<TrackingMatch> valid;
    std::optional<TrackingMatch> firstFailure;
    std::optional<TrackingMatch> shapeOnly;
    QStringList alsoValidAs;
    for (const CompiledFormat &compiled : compiledFormats()) {
        const QRegularExpressionMatch m = compiled.regex.match(normalised);
        if (!m.hasMatch()) {
            continue;
        }
        const Format &format = *compiled.format;
        if (format.check == Check::None) {
            if (valid || shapeOnly) {
                alsoValidAs << QLatin1String(format.id);
            } else {
                shapeOnly
                    = matchOf(format, TrackingMatch::Verdict::Valid, normalised,
                              tr("%1: this kind of number has no check digit, so only its shape was checked.")
                                  .arg(label(format)));
            }
            continue;
        }
        if (format.upuCountry && !isUpuCountry(m.capturedView(QStringLiteral("country")))) {
            if (!firstFailure) {
                firstFailure = matchOf(format, TrackingMatch::Verdict::Invalid, normalised,
                                       tr("%1: %2 is not the country code of a postal service.")
                                           .arg(label(format), m.captured(QStringLiteral("country"))));
            }
            continue;
        }
        const QChar expected = expectedCheck(format, m.captured(QStringLiteral("serial")));
        const QString actual = m.captured(QStringLiteral("check"));
        if (actual == QString(expected)) {
            if (valid) {
                alsoValidAs << QLatin1String(format.id);
            } else {
                valid = matchOf(format, TrackingMatch::Verdict::Valid, normalised);
            }
        } else if (!firstFailure) {
            firstFailure = matchOf(
                format, TrackingMatch::Verdict::Invalid, normalised,
                tr("%1: check digit should be %2, not %3.").arg(label(format), QString(expected), actual));
        }
    }

    if (valid) {
        if (shapeOnly) {
            alsoValidAs.prepend(shapeOnly->format);
        }
        valid->otherFormats = alsoValidAs;
        return *valid;
    }
    if (firstFailure) {
        return *firstFailure;
    }
    if (shapeOnly) {
        shapeOnly->otherFormats = alsoValidAs;
        return *shapeOnly;
    }
    TrackingMatch unknown;
    unknown.normalised = normalised;
    unknown.message = tr("Not a tracking number format we know: accepted, but check it against the label.");
    return unknown;
}

QStringList TrackingNumbers::carriers()
{
    QStringList names;
    for (const Format &format : formatTable) {
        const QString name = QLatin1String(format.carrier);
        if (!names.contains(name)) {
            names << name;
        }
    }
    return names;
}

QStringList TrackingNumbers::formats()
{
    QStringList ids;
    for (const Format &format : formatTable) {
        ids << QLatin1String(format.id);
    }
    return ids;
}

GtinCheck Gtin::validate(const QString &code)
{
    const QString digits = TrackingNumbers::normalise(code);
    if (digits.isEmpty()) {
        return {false, {}, tr("No GTIN was entered.")};
    }
    for (const QChar c : digits) {
        if (c.unicode() < u'0' || c.unicode() > u'9') {
            return {false, {}, tr("A GTIN has digits only; \"%1\" is not one.").arg(c)};
        }
    }
    const qsizetype length = digits.size();
    if (length != 8 && length != 12 && length != 13 && length != 14) {
        return {false, {}, tr("A GTIN has 8, 12, 13 or 14 digits, not %1.").arg(length)};
    }
    const QChar expected = gs1CheckDigit(QStringView(digits).chopped(1));
    const QChar actual = digits.back();
    if (actual != expected) {
        return {false,
                {},
                tr("GTIN-%1: check digit should be %2, not %3.")
                    .arg(QString::number(length), QString(expected), QString(actual))};
    }
    return {true, digits.rightJustified(14, u'0'), {}};
}

} // namespace Stockroom
