// SPDX-License-Identifier: GPL-3.0-or-later
#include "documentsupport.h"
#include "shippinglabel.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Stockroom;

/**
 * Real carriers' tracking numbers (shared/testdata) on real 4×6 PDF labels, read back by a real barcode
 * reader: pdftoppm renders the page at 300 dpi, zbarimg decodes it.
 */
class TestShippingLabel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void barcodeReadsBack_data()
    {
        QTest::addColumn<QString>("tracking");
        // shared/testdata sits beside the checkout (as on the developers' machines and in CI).
        QFile file(QStringLiteral(STOCKROOM_TESTDATA "/tracking/tracking_and_gtin_examples.csv"));
        if (!file.open(QIODevice::ReadOnly)) {
            QTest::addRow("testdata missing") << QString();
            return;
        }
        QSet<QString> families;
        file.readLine(); // header
        while (!file.atEnd()) {
            const QStringList fields = QString::fromUtf8(file.readLine()).split(QLatin1Char(','));
            if (fields.size() < 4 || fields.at(3) != QLatin1String("valid")
                || fields.at(0) == QLatin1String("gtin")) {
                continue;
            }
            // One number per carrier format keeps the test quick and still varied.
            if (families.contains(fields.at(1))) {
                continue;
            }
            families.insert(fields.at(1));
            QTest::addRow("%s %s", qPrintable(fields.at(1)), qPrintable(fields.at(2))) << fields.at(2);
        }
    }

    void barcodeReadsBack()
    {
        QFETCH(QString, tracking);
        if (tracking.isEmpty()) {
            const char *why = "no " STOCKROOM_TESTDATA "/tracking/tracking_and_gtin_examples.csv";
            if (qEnvironmentVariableIsSet("CI")) {
                QFAIL(why);
            }
            QSKIP(why);
        }
        const LabelData label = Test::sampleLabel(tracking);
        const QString pdf = m_dir.filePath(QStringLiteral("label.pdf"));
        const Status written = ShippingLabel::writePdf(label, pdf);
        QVERIFY2(written, qPrintable(written.error().message));

        // A 4×6 inch page: 288 × 432 points.
        const QString info = Test::runTool(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY2(info.contains(QLatin1String("288 x 432 pts")), qPrintable(info));
        const QString text = Test::runTool(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QVERIFY2(text.contains(QStringLiteral("Zoë Müller-Łukasiewicz")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("SO-001042")));

        const QString prefix = m_dir.filePath(QStringLiteral("page"));
        int code = -1;
        Test::runTool(QStringLiteral("pdftoppm"),
                      {QStringLiteral("-r"), QStringLiteral("300"), QStringLiteral("-png"),
                       QStringLiteral("-singlefile"), pdf, prefix},
                      &code);
        QCOMPARE(code, 0);
        const QString decoded = Test::runTool(
            QStringLiteral("zbarimg"),
            {QStringLiteral("-q"), QStringLiteral("--raw"), prefix + QStringLiteral(".png")}, &code);
        QCOMPARE(code, 0);
        QCOMPARE(decoded.trimmed(), ShippingLabel::normaliseTracking(tracking));
    }

    void refusesWhatCode128CannotCarry()
    {
        LabelData label;
        label.orderNumber = QStringLiteral("SO-1");
        QVERIFY(!ShippingLabel::writePdf(label, m_dir.filePath(QStringLiteral("empty.pdf"))));
        label.trackingNumber = QStringLiteral("追跡番号");
        const Status refused = ShippingLabel::writePdf(label, m_dir.filePath(QStringLiteral("bad.pdf")));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Usage);
    }
};

QTEST_MAIN(TestShippingLabel)
#include "tst_shippinglabel.moc"
