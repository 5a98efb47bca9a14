// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include <QString>
#include <QStringList>

namespace Stockroom {

/** What TrackingNumbers::validate() made of a number a clerk typed or scanned. */
struct TrackingMatch
{
    enum class Verdict {
        Valid, ///< a known carrier's structure, and its check digit (where it has one) is right
        Invalid, ///< a known structure with a wrong check digit or country code, or nothing entered
        Unknown, ///< no structure we know: callers accept it with a warning
    };

    Verdict verdict = Verdict::Unknown;
    QString carrier; ///< "UPS", "USPS", "FedEx", "DHL", "UPU S10", …; empty when Unknown
    QString format; ///< tracking_number_data's format id: "ups", "usps_impb_c", "fedex_12", "s10", …
    QString normalised; ///< upper case, white space removed
    QString message; ///< a sentence for the clerk; empty when the number is valid and fully checked
    /** Further format ids the number is also valid as (12 digits can be FedEx and Purolator alike). */
    QStringList otherFormats;
};

/**
 * Carriers' tracking number structures and check digits, after the rules collected in
 * jkeen/tracking_number_data (MIT): UPS 1Z and waybill, USPS IMpb / 20 / 91, FedEx Express, Ground,
 * SSCC-18 and 96, DHL Express, UPU S10, DPD, OnTrac, Purolator, Canada Post, Old Dominion, and the
 * shapes of carriers whose numbers have no check digit (Amazon Logistics, LaserShip, Yodel, …).
 *
 * A number that several structures accept is Valid when any of them accepts its check digit; when only
 * check digits fail, the message names the digit that the most likely structure expects.
 */
class TrackingNumbers
{
    Q_DECLARE_TR_FUNCTIONS(TrackingNumbers)

public:
    static TrackingMatch validate(const QString &number);

    /** Upper case, white space removed: the form carriers' web sites and our labels use. */
    static QString normalise(const QString &number);

    /** The carriers' names known, in the order they are tried. */
    static QStringList carriers();
    /** The format ids known, in the order they are tried. */
    static QStringList formats();
};

struct GtinCheck
{
    bool valid = false;
    QString normalised14; ///< the GTIN as 14 digits (zeros in front); empty when invalid
    QString message; ///< why it is invalid; empty when valid
};

/** GS1 trade item numbers (GTIN-8, UPC-A / GTIN-12, EAN-13 / GTIN-13, GTIN-14) and their check digit. */
class Gtin
{
    Q_DECLARE_TR_FUNCTIONS(Gtin)

public:
    static GtinCheck validate(const QString &code);
};

} // namespace Stockroom
