// SPDX-License-Identifier: GPL-3.0-or-later
#include "tracking.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace Stockroom;

/** Missing shared test data skips the test on a developer's machine, and fails it under CI (CI=true). */
#define REQUIRE_TESTDATA(problem)                                                                            \
    do {                                                                                                     \
        if (qEnvironmentVariableIsSet("CI")) {                                                               \
            QFAIL(qPrintable(problem));                                                                      \
        }                                                                                                    \
        QSKIP(qPrintable(problem));                                                                          \
    } while (false)

/**
 * Carriers' tracking numbers and GTINs against shared/testdata/tracking: the examples CSV and the sample
 * numbers of jkeen/tracking_number_data's JSON files, read where they lie (never copied), plus hand cases.
 */
class TestTracking : public QObject
{
    Q_OBJECT

private:
    static QString trackingDir() { return QStringLiteral(STOCKROOM_TESTDATA "/tracking"); }

    static QString describe(const TrackingMatch &match)
    {
        static const char *const verdicts[] = {"Valid", "Invalid", "Unknown"};
        return QStringLiteral("%1 %2 [%3] %4 (also: %5) \"%6\"")
            .arg(QLatin1String(verdicts[int(match.verdict)]), match.carrier, match.format, match.normalised,
                 match.otherFormats.join(QLatin1Char(',')), match.message);
    }

    /** Splits one CSV line; a field in double quotes may hold commas and doubled quotes. */
    static QStringList csvFields(const QString &line)
    {
        QStringList fields;
        QString field;
        bool quoted = false;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const QChar c = line.at(i);
            if (quoted) {
                if (c == u'"' && i + 1 < line.size() && line.at(i + 1) == u'"') {
                    field += c;
                    ++i;
                } else if (c == u'"') {
                    quoted = false;
                } else {
                    field += c;
                }
            } else if (c == u'"') {
                quoted = true;
            } else if (c == u',') {
                fields << field;
                field.clear();
            } else {
                field += c;
            }
        }
        fields << field;
        return fields;
    }

    /** The id tracking_number_data gives a format, or its name as one ("UPS Waybill" → "ups_waybill"). */
    static QString formatIdOf(const QJsonObject &format)
    {
        const QString id = format.value(QLatin1String("id")).toString();
        if (!id.isEmpty()) {
            return id;
        }
        static const QRegularExpression separators(QStringLiteral("[^a-z0-9]+"));
        QString slug = format.value(QLatin1String("name")).toString().toLower();
        slug.replace(separators, QStringLiteral("_"));
        while (slug.startsWith(u'_')) {
            slug.remove(0, 1);
        }
        while (slug.endsWith(u'_')) {
            slug.chop(1);
        }
        return slug;
    }

    static bool acceptedAs(const TrackingMatch &match, const QString &formatId)
    {
        return match.verdict == TrackingMatch::Verdict::Valid
            && (match.format == formatId || match.otherFormats.contains(formatId));
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // shared/testdata/tracking/tracking_and_gtin_examples.csv:
    // family,format_id,number,expected,checksum_ok_by_tools/checkdigits.py,source
    void csvExamples_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("formatId");
        QTest::addColumn<QString>("number");
        QTest::addColumn<bool>("expectValid");
        QTest::addColumn<QString>("problem"); // missing or unreadable data: the test says so instead

        const QString path = trackingDir() + QStringLiteral("/tracking_and_gtin_examples.csv");
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
            QTest::addRow("testdata missing")
                << QString() << QString() << QString() << false << QStringLiteral("cannot read %1").arg(path);
            return;
        }
        const QStringList header = csvFields(QString::fromUtf8(file.readLine()).trimmed());
        const qsizetype expectedColumn = header.indexOf(QLatin1String("expected"));
        const qsizetype checksumColumn = header.indexOf(QLatin1String("checksum_ok_by_tools/checkdigits.py"));
        if (header.size() < 5 || header.at(0) != QLatin1String("family")
            || header.at(2) != QLatin1String("number") || expectedColumn < 0 || checksumColumn < 0) {
            QTest::addRow("unexpected header")
                << QString() << QString() << QString() << false
                << QStringLiteral("%1: header %2").arg(path, header.join(u','));
            return;
        }
        int lineNumber = 1;
        int rows = 0;
        while (!file.atEnd()) {
            ++lineNumber;
            const QString line = QString::fromUtf8(file.readLine()).trimmed();
            if (line.isEmpty()) {
                continue;
            }
            ++rows;
            const QStringList fields = csvFields(line);
            if (fields.size() <= std::max(expectedColumn, checksumColumn)) {
                QTest::addRow("line %d", lineNumber)
                    << QString() << QString() << QString() << false
                    << QStringLiteral("line %1 has too few fields").arg(lineNumber);
                continue;
            }
            // "valid" and "invalid" say it outright. Some rows carry a description instead ("EAN-13
            // example", "published UPS developer test number (Delivered)"); for those the check digit
            // computed independently (checksum column) is the verdict: the UPS documentation number
            // 1Z12345E0205271688 fails it, so it must come out Invalid.
            const QString expected = fields.at(expectedColumn);
            const QString checksum = fields.at(checksumColumn);
            bool expectValid = false;
            QString problem;
            if (expected == QLatin1String("valid") || expected == QLatin1String("invalid")) {
                expectValid = expected == QLatin1String("valid");
            } else if (checksum == QLatin1String("yes") || checksum == QLatin1String("no")) {
                expectValid = checksum == QLatin1String("yes");
            } else {
                problem = QStringLiteral("line %1: cannot tell what \"%2\" / \"%3\" expects")
                              .arg(lineNumber)
                              .arg(expected, checksum);
            }
            QTest::addRow("line %d %s %s", lineNumber, qPrintable(fields.at(1)), qPrintable(fields.at(2)))
                << fields.at(0) << fields.at(1) << fields.at(2) << expectValid << problem;
        }
        if (rows == 0) {
            QTest::addRow("no rows") << QString() << QString() << QString() << false
                                     << QStringLiteral("%1 has no rows").arg(path);
        }
    }

    void csvExamples()
    {
        QFETCH(QString, family);
        QFETCH(QString, formatId);
        QFETCH(QString, number);
        QFETCH(bool, expectValid);
        QFETCH(QString, problem);
        if (!problem.isEmpty()) {
            if (number.isEmpty() && family.isEmpty()) {
                REQUIRE_TESTDATA(problem);
            }
            QFAIL(qPrintable(problem));
        }

        // GS1 trade item numbers go to Gtin; an SSCC (GS1 too) labels a parcel: it is a tracking number.
        const bool gs1 = family == QLatin1String("gs1") || family == QLatin1String("gtin");
        if (gs1 && formatId != QLatin1String("sscc")) {
            const GtinCheck check = Gtin::validate(number);
            QVERIFY2(check.valid == expectValid, qPrintable(check.message));
            if (check.valid) {
                QCOMPARE(check.normalised14.size(), 14);
                QVERIFY(check.normalised14.endsWith(TrackingNumbers::normalise(number)));
            } else {
                QVERIFY(!check.message.isEmpty());
            }
            return;
        }

        const TrackingMatch match = TrackingNumbers::validate(number);
        QCOMPARE(match.normalised, number.toUpper().remove(u' '));
        if (expectValid) {
            QVERIFY2(match.verdict == TrackingMatch::Verdict::Valid, qPrintable(describe(match)));
            QVERIFY(!match.carrier.isEmpty());
            if (TrackingNumbers::formats().contains(formatId)) {
                QVERIFY2(acceptedAs(match, formatId), qPrintable(describe(match)));
            }
        } else {
            QVERIFY2(match.verdict != TrackingMatch::Verdict::Valid, qPrintable(describe(match)));
            QVERIFY2(!match.message.isEmpty(), qPrintable(describe(match)));
        }
    }

    // tracking_numbers[].test_numbers.valid / .invalid of every JSON file, for the formats we know.
    void jsonSamples_data()
    {
        QTest::addColumn<QString>("formatId");
        QTest::addColumn<QString>("number");
        QTest::addColumn<bool>("expectValid");
        QTest::addColumn<QString>("problem");

        const QDir dir(trackingDir());
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        if (files.isEmpty()) {
            QTest::addRow("testdata missing")
                << QString() << QString() << false << QStringLiteral("no JSON files in %1").arg(dir.path());
            return;
        }
        const QStringList known = TrackingNumbers::formats();
        QSet<QString> seen;
        QStringList notImplemented;
        for (const QString &name : files) {
            QFile file(dir.filePath(name));
            QJsonParseError error;
            const QJsonDocument document = file.open(QIODevice::ReadOnly)
                ? QJsonDocument::fromJson(file.readAll(), &error)
                : QJsonDocument();
            if (!document.isObject()) {
                QTest::addRow("%s unreadable", qPrintable(name))
                    << QStringLiteral("?") << QString() << false
                    << QStringLiteral("%1: %2").arg(name, error.errorString());
                continue;
            }
            const QJsonArray formats = document.object().value(QLatin1String("tracking_numbers")).toArray();
            for (const QJsonValue &value : formats) {
                const QJsonObject format = value.toObject();
                const QString id = formatIdOf(format);
                if (!known.contains(id)) {
                    notImplemented << id;
                    continue;
                }
                seen.insert(id);
                const QJsonObject samples = format.value(QLatin1String("test_numbers")).toObject();
                for (const bool valid : {true, false}) {
                    const QJsonArray numbers
                        = samples.value(valid ? QLatin1String("valid") : QLatin1String("invalid")).toArray();
                    for (const QJsonValue &number : numbers) {
                        QTest::addRow("%s %s \"%s\"", qPrintable(id), valid ? "valid" : "invalid",
                                      qPrintable(number.toString()))
                            << id << number.toString() << valid << QString();
                    }
                }
            }
        }
        for (const QString &id : known) {
            if (!seen.contains(id)) {
                QTest::addRow("%s has samples", qPrintable(id))
                    << id << QString() << false
                    << QStringLiteral("format %1 has no samples in %2").arg(id, dir.path());
            }
        }
        if (!notImplemented.isEmpty()) {
            qInfo("formats in the data not implemented: %s", qPrintable(notImplemented.join(u' ')));
        }
    }

    void jsonSamples()
    {
        QFETCH(QString, formatId);
        QFETCH(QString, number);
        QFETCH(bool, expectValid);
        QFETCH(QString, problem);
        if (!problem.isEmpty()) {
            if (formatId.isEmpty()) {
                REQUIRE_TESTDATA(problem);
            }
            QFAIL(qPrintable(problem));
        }

        // An invalid sample is invalid for its own format; it may well be valid for another one (the
        // Amazon sample 000000000000 is a well-formed FedEx number), so only that format is ruled out.
        const TrackingMatch match = TrackingNumbers::validate(number);
        if (expectValid) {
            QVERIFY2(acceptedAs(match, formatId), qPrintable(describe(match)));
        } else {
            QVERIFY2(!acceptedAs(match, formatId), qPrintable(describe(match)));
            if (match.verdict == TrackingMatch::Verdict::Invalid) {
                QVERIFY(!match.message.isEmpty());
            }
        }
    }

    void normalisation_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("normalised");
        QTest::addColumn<QString>("format");

        QTest::addRow("UPS in lower case with spaces")
            << QStringLiteral("1z 999 aa1 0123 4567 84") << QStringLiteral("1Z999AA10123456784")
            << QStringLiteral("ups");
        QTest::addRow("tabs, new lines and no-break spaces")
            << QStringLiteral("\t9400\u00a01112 0108\n0805 4830 16 ")
            << QStringLiteral("9400111201080805483016") << QStringLiteral("usps_impb_n");
        QTest::addRow("S10 in lower case") << QStringLiteral(" rb 123 456 785 gb")
                                           << QStringLiteral("RB123456785GB") << QStringLiteral("s10");
        QTest::addRow("FedEx grouped in fours")
            << QStringLiteral("7905 3531 2317") << QStringLiteral("790535312317")
            << QStringLiteral("fedex_12");
        QTest::addRow("DPD check letter in lower case")
            << QStringLiteral("0998 0000 0200 34d") << QStringLiteral("09980000020034D")
            << QStringLiteral("dpd_14");
    }

    void normalisation()
    {
        QFETCH(QString, input);
        QFETCH(QString, normalised);
        QFETCH(QString, format);
        QCOMPARE(TrackingNumbers::normalise(input), normalised);
        const TrackingMatch match = TrackingNumbers::validate(input);
        QCOMPARE(match.normalised, normalised);
        QVERIFY2(match.verdict == TrackingMatch::Verdict::Valid, qPrintable(describe(match)));
        QCOMPARE(match.format, format);
        QVERIFY2(match.message.isEmpty(), qPrintable(match.message));
    }

    void invalidSaysWhy_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("carrier");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("message");

        // UPS's own developer documentation uses this number, and its check digit is wrong.
        QTest::addRow("UPS documentation number")
            << QStringLiteral("1Z12345E0205271688") << QStringLiteral("UPS") << QStringLiteral("ups")
            << QStringLiteral("UPS 1Z number: check digit should be 6, not 8.");
        QTest::addRow("S10 check digit")
            << QStringLiteral("RB123456786US") << QStringLiteral("UPU S10") << QStringLiteral("s10")
            << QStringLiteral("UPU S10 item number: check digit should be 5, not 6.");
        QTest::addRow("S10 country")
            << QStringLiteral("RB123456785XX") << QStringLiteral("UPU S10") << QStringLiteral("s10")
            << QStringLiteral("UPU S10 item number: XX is not the country code of a postal service.");
        QTest::addRow("FedEx 12") << QStringLiteral("996578788855") << QStringLiteral("FedEx")
                                  << QStringLiteral("fedex_12")
                                  << QStringLiteral(
                                         "FedEx Express 12-digit number: check digit should be 6, not 5.");
        QTest::addRow("DHL Express") << QStringLiteral("3318810010") << QStringLiteral("DHL")
                                     << QStringLiteral("dhl_express")
                                     << QStringLiteral(
                                            "DHL Express waybill number: check digit should be 4, not 0.");
        QTest::addRow("USPS 20") << QStringLiteral("0307 1790 0005 2348 3742") << QStringLiteral("USPS")
                                 << QStringLiteral("usps_20")
                                 << QStringLiteral("USPS 20-digit number: check digit should be 1, not 2.");
    }

    void invalidSaysWhy()
    {
        QFETCH(QString, number);
        QFETCH(QString, carrier);
        QFETCH(QString, format);
        QFETCH(QString, message);
        const TrackingMatch match = TrackingNumbers::validate(number);
        QVERIFY2(match.verdict == TrackingMatch::Verdict::Invalid, qPrintable(describe(match)));
        QCOMPARE(match.carrier, carrier);
        QCOMPARE(match.format, format);
        QCOMPARE(match.message, message);
    }

    void emptyAndGarbage_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<TrackingMatch::Verdict>("verdict");

        QTest::addRow("empty") << QString() << TrackingMatch::Verdict::Invalid;
        QTest::addRow("only spaces") << QStringLiteral("  \t ") << TrackingMatch::Verdict::Invalid;
        QTest::addRow("words") << QStringLiteral("hello world!") << TrackingMatch::Verdict::Unknown;
        QTest::addRow("too short") << QStringLiteral("12345") << TrackingMatch::Verdict::Unknown;
        QTest::addRow("not Latin") << QStringLiteral("追跡番号") << TrackingMatch::Verdict::Unknown;
        QTest::addRow("1Z too short")
            << QStringLiteral("1Z999AA1012345678") << TrackingMatch::Verdict::Unknown;
        QTest::addRow("punctuation") << QStringLiteral("1Z-999-AA1-0123-4567-84")
                                     << TrackingMatch::Verdict::Unknown;
    }

    void emptyAndGarbage()
    {
        QFETCH(QString, input);
        QFETCH(TrackingMatch::Verdict, verdict);
        const TrackingMatch match = TrackingNumbers::validate(input);
        QVERIFY2(match.verdict == verdict, qPrintable(describe(match)));
        QVERIFY(match.carrier.isEmpty());
        QVERIFY(match.format.isEmpty());
        QVERIFY(!match.message.isEmpty());
    }

    void ambiguousNumbers()
    {
        // Twelve digits: FedEx Express first, and Purolator's Luhn check agrees too.
        const TrackingMatch twelve = TrackingNumbers::validate(QStringLiteral("320610804900"));
        QCOMPARE(twelve.format, QStringLiteral("fedex_12"));
        QCOMPARE(twelve.otherFormats, QStringList {QStringLiteral("purolator_numeric")});
        // A shape without check digit: valid, with a caveat.
        const TrackingMatch amazon = TrackingNumbers::validate(QStringLiteral("TBA010000000000"));
        QVERIFY2(amazon.verdict == TrackingMatch::Verdict::Valid, qPrintable(describe(amazon)));
        QCOMPARE(amazon.carrier, QStringLiteral("Amazon Logistics"));
        QVERIFY(!amazon.message.isEmpty());
        // An S10 whose check digit fails is not taken for a DHL eCommerce number of the same shape.
        const TrackingMatch s10 = TrackingNumbers::validate(QStringLiteral("RX123456786DE"));
        QVERIFY2(s10.verdict == TrackingMatch::Verdict::Invalid, qPrintable(describe(s10)));
        QCOMPARE(s10.format, QStringLiteral("s10"));
    }

    void carriersAndFormats()
    {
        const QStringList carriers = TrackingNumbers::carriers();
        for (const char *name : {"UPS", "USPS", "FedEx", "DHL", "UPU S10"}) {
            QVERIFY2(carriers.contains(QLatin1String(name)), name);
        }
        QCOMPARE(QSet<QString>(carriers.cbegin(), carriers.cend()).size(), carriers.size());
        const QStringList formats = TrackingNumbers::formats();
        QCOMPARE(QSet<QString>(formats.cbegin(), formats.cend()).size(), formats.size());
        for (const char *id : {"ups", "usps_20", "usps_impb_n", "usps_impb_c", "fedex_12", "fedex_ground",
                               "fedex_ground_96", "fedex_ground_sscc_18", "dhl_express", "s10"}) {
            QVERIFY2(formats.contains(QLatin1String(id)), id);
        }
    }

    void gtin_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("normalised14");
        QTest::addColumn<QString>("message");

        QTest::addRow("EAN-13") << QStringLiteral("4006381333931") << true << QStringLiteral("04006381333931")
                                << QString();
        QTest::addRow("EAN-13 with spaces")
            << QStringLiteral(" 4 006381 333931 ") << true << QStringLiteral("04006381333931") << QString();
        QTest::addRow("UPC-A") << QStringLiteral("036000291452") << true << QStringLiteral("00036000291452")
                               << QString();
        QTest::addRow("EAN-8") << QStringLiteral("96385074") << true << QStringLiteral("00000096385074")
                               << QString();
        QTest::addRow("GTIN-14") << QStringLiteral("10614141000415") << true
                                 << QStringLiteral("10614141000415") << QString();
        QTest::addRow("wrong check digit") << QStringLiteral("4006381333932") << false << QString()
                                           << QStringLiteral("GTIN-13: check digit should be 1, not 2.");
        QTest::addRow("wrong length") << QStringLiteral("40063813339") << false << QString()
                                      << QStringLiteral("A GTIN has 8, 12, 13 or 14 digits, not 11.");
        QTest::addRow("a letter") << QStringLiteral("40063813339A1") << false << QString()
                                  << QStringLiteral("A GTIN has digits only; \"A\" is not one.");
        QTest::addRow("empty") << QString() << false << QString() << QStringLiteral("No GTIN was entered.");
    }

    void gtin()
    {
        QFETCH(QString, code);
        QFETCH(bool, valid);
        QFETCH(QString, normalised14);
        QFETCH(QString, message);
        const GtinCheck check = Gtin::validate(code);
        QCOMPARE(check.valid, valid);
        QCOMPARE(check.normalised14, normalised14);
        QCOMPARE(check.message, message);
    }
};

QTEST_GUILESS_MAIN(TestTracking)
#include "tst_tracking.moc"
