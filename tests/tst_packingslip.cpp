// SPDX-License-Identifier: GPL-3.0-or-later
#include "documentsupport.h"
#include "packingslip.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Stockroom;

/** Packing slips: paper by locale, every line on it, markup in data stays text, long orders paginate. */
class TestPackingSlip : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static PackingSlipData slip(int lines)
    {
        PackingSlipData data;
        data.orderNumber = QStringLiteral("SO-000042");
        data.externalId = QStringLiteral("#1042");
        data.date = QDate(2026, 11, 26);
        data.fromName = QStringLiteral("Leeds Warehouse");
        data.toName = QStringLiteral("<b>Bobby</b> Tables & Sons");
        data.toAddress = {QStringLiteral("1 Rue de l'Église"), QStringLiteral("75001 Paris")};
        for (int i = 0; i < lines; ++i) {
            data.lines << PackingSlipLine {QStringLiteral("SKU-%1").arg(i, 3, 10, QLatin1Char('0')),
                                           QStringLiteral("Stoneware Mug no. %1").arg(i), 2, i == 0 ? 1 : 2};
        }
        return data;
    }

private Q_SLOTS:
    void paperFollowsTheLocale_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("size");
        QTest::addRow("British: A4") << QStringLiteral("en_GB") << QStringLiteral("595 x 842 pts (A4)");
        QTest::addRow("German: A4") << QStringLiteral("de_DE") << QStringLiteral("595 x 842 pts (A4)");
        QTest::addRow("American: Letter")
            << QStringLiteral("en_US") << QStringLiteral("612 x 792 pts (letter)");
    }

    void paperFollowsTheLocale()
    {
        QFETCH(QString, locale);
        QFETCH(QString, size);
        const QString pdf = m_dir.filePath(locale + QStringLiteral(".pdf"));
        QVERIFY(PackingSlip::writePdf(slip(3), pdf, QLocale(locale)));
        const QString info = Test::runTool(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY2(info.contains(size), qPrintable(info));
    }

    void everyLineAndNoMarkup()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("lines.pdf"));
        QVERIFY(PackingSlip::writePdf(slip(3), pdf, QLocale(QStringLiteral("en_GB"))));
        const QString text = Test::runTool(QStringLiteral("pdftotext"),
                                           {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        for (int i = 0; i < 3; ++i) {
            QVERIFY2(text.contains(QStringLiteral("SKU-%1").arg(i, 3, 10, QLatin1Char('0'))),
                     qPrintable(text));
        }
        QVERIFY2(text.contains(QStringLiteral("<b>Bobby</b> Tables & Sons")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Rue de l'Église")));
        QVERIFY(text.contains(QStringLiteral("SO-000042")));
        QVERIFY(text.contains(QStringLiteral("1 item will follow"))
                || text.contains(QStringLiteral("1 item(s) will follow")));
    }

    void longOrdersRunOn()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("long.pdf"));
        QVERIFY(PackingSlip::writePdf(slip(120), pdf, QLocale(QStringLiteral("en_GB"))));
        const QString info = Test::runTool(QStringLiteral("pdfinfo"), {pdf});
        const QRegularExpressionMatch pages
            = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
        QVERIFY(pages.hasMatch());
        QVERIFY2(pages.captured(1).toInt() >= 3, qPrintable(info));
        QVERIFY(Test::runTool(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")})
                    .contains(QStringLiteral("SKU-119")));
    }

    void emptyOrderIsRefused()
    {
        const Status refused = PackingSlip::writePdf(slip(0), m_dir.filePath(QStringLiteral("none.pdf")));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Business);
    }
};

QTEST_MAIN(TestPackingSlip)
#include "tst_packingslip.moc"
