// SPDX-License-Identifier: GPL-3.0-or-later
#include "documentsupport.h"
#include "picklist.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Stockroom;

/**
 * Pick lists: lines in walking order and merged, real PDFs checked with poppler (pdfinfo, pdftotext) and the
 * SKU barcodes read back by a real reader (pdftoppm at 300 dpi, zbarimg).
 */
class TestPickList : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QString text(const QString &pdf, int page = 0)
    {
        QStringList arguments {QStringLiteral("-layout")};
        if (page > 0) {
            arguments << QStringLiteral("-f") << QString::number(page) << QStringLiteral("-l")
                      << QString::number(page);
        }
        return Test::runTool(QStringLiteral("pdftotext"), arguments << pdf << QStringLiteral("-"));
    }

    static int pages(const QString &pdf)
    {
        const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)"))
                                                  .match(Test::runTool(QStringLiteral("pdfinfo"), {pdf}));
        return match.hasMatch() ? match.captured(1).toInt() : -1;
    }

    /** "bin|sku|qty|order,order" — compact enough to read a whole case on one line. */
    static PickListLine line(const QString &spec)
    {
        const QStringList fields = spec.split(QLatin1Char('|'));
        PickListLine line;
        line.bin = fields.value(0);
        line.sku = fields.value(1);
        line.qty = fields.value(2).toInt();
        line.orderNumbers = fields.value(3).split(QLatin1Char(','), Qt::SkipEmptyParts);
        line.productName = QStringLiteral("Product %1").arg(line.sku);
        return line;
    }

    static QString spec(const PickListLine &line)
    {
        return QStringList {line.bin, line.sku, QString::number(line.qty),
                            line.orderNumbers.join(QLatin1Char(','))}
            .join(QLatin1Char('|'));
    }

    static PickListData data(const QStringList &specs)
    {
        PickListData data;
        data.locationCode = QStringLiteral("LEEDS");
        data.locationName = QStringLiteral("Leeds Warehouse");
        data.generatedAt = QDateTime(QDate(2026, 11, 26), QTime(14, 5), Qt::UTC);
        data.generatedBy = QStringLiteral("alice");
        for (const QString &s : specs) {
            data.lines << line(s);
        }
        return data;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
        QVERIFY(m_dir.isValid());
        // Without fonts every glyph is an empty box and pdftotext finds nothing, without a word from Qt.
        QVERIFY2(!Test::runTool(QStringLiteral("fc-list"), {}).trimmed().isEmpty(), "no fonts installed");
    }

    void arranged_data()
    {
        QTest::addColumn<QStringList>("input");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("bins in natural order") << QStringList {"A10|S|1|", "B1|S|1|", "A2|S|1|", "A1|S|1|"}
                                               << QStringList {"A1|S|1|", "A2|S|1|", "A10|S|1|", "B1|S|1|"};
        QTest::addRow("multi-part bins by number, not text")
            << QStringList {"A-10-1|S|1|", "A-2-10|S|1|", "A-2-9|S|1|"}
            << QStringList {"A-2-9|S|1|", "A-2-10|S|1|", "A-10-1|S|1|"};
        QTest::addRow("case does not split the order") << QStringList {"b1|S|1|", "A10|S|1|", "a2|S|1|"}
                                                       << QStringList {"a2|S|1|", "A10|S|1|", "b1|S|1|"};
        QTest::addRow("empty bin last")
            << QStringList {"|S|1|", "Z9|S|1|", "A1|S|1|"} << QStringList {"A1|S|1|", "Z9|S|1|", "|S|1|"};
        QTest::addRow("blank bin counts as empty")
            << QStringList {"  |S|1|", "A1|S|1|"} << QStringList {"A1|S|1|", "|S|1|"};
        QTest::addRow("same bin: by SKU, naturally")
            << QStringList {"A1|SKU-10|1|", "A1|SKU-2|1|", "A1|SKU-1|1|"}
            << QStringList {"A1|SKU-1|1|", "A1|SKU-2|1|", "A1|SKU-10|1|"};
        QTest::addRow("duplicates merge: quantities add, orders once, sorted")
            << QStringList {"A1|SKU-1|2|SO-10,SO-2", "B1|SKU-9|1|SO-3", "A1|SKU-1|3|SO-2,SO-1"}
            << QStringList {"A1|SKU-1|5|SO-1,SO-2,SO-10", "B1|SKU-9|1|SO-3"};
        QTest::addRow("duplicates merge across untrimmed input")
            << QStringList {" A1 |SKU-1 |1|SO-1", "A1|SKU-1|1|SO-2"} << QStringList {"A1|SKU-1|2|SO-1,SO-2"};
        QTest::addRow("same SKU in two bins stays two lines")
            << QStringList {"B2|SKU-1|1|SO-1", "A1|SKU-1|1|SO-1"}
            << QStringList {"A1|SKU-1|1|SO-1", "B2|SKU-1|1|SO-1"};
        QTest::addRow("empty list") << QStringList {} << QStringList {};
    }

    void arranged()
    {
        QFETCH(QStringList, input);
        QFETCH(QStringList, expected);
        QList<PickListLine> lines;
        for (const QString &s : input) {
            lines << line(s);
        }
        QStringList actual;
        for (const PickListLine &l : PickList::arranged(lines)) {
            actual << spec(l);
        }
        QCOMPARE(actual, expected);
    }

    void mergedLineKeepsTheFirstNameAndGtin()
    {
        PickListLine first = line(QStringLiteral("A1|SKU-1|1|SO-1"));
        first.gtin.clear();
        PickListLine second = line(QStringLiteral("A1|SKU-1|1|SO-2"));
        second.productName = QStringLiteral("Other name");
        second.gtin = QStringLiteral("4006381333931");
        const QList<PickListLine> merged = PickList::arranged({first, second});
        QCOMPARE(merged.size(), 1);
        QCOMPARE(merged.first().productName, QStringLiteral("Product SKU-1"));
        QCOMPARE(merged.first().gtin, QStringLiteral("4006381333931"));
    }

    void paper_data()
    {
        QTest::addColumn<int>("paper");
        QTest::addColumn<QString>("size");
        QTest::addRow("A4") << int(QPageSize::A4) << QStringLiteral("595 x 842 pts (A4)");
        QTest::addRow("Letter") << int(QPageSize::Letter) << QStringLiteral("612 x 792 pts (letter)");
    }

    void paper()
    {
        QFETCH(int, paper);
        QFETCH(QString, size);
        const QString pdf = m_dir.filePath(QStringLiteral("paper-%1.pdf").arg(paper));
        const Status written
            = PickList::writePdf(data({"A1|SKU-1|1|SO-1"}), pdf, QPageSize::PageSizeId(paper));
        QVERIFY2(written, qPrintable(written.error().message));
        const QString info = Test::runTool(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY2(info.contains(size), qPrintable(info));
    }

    void contents()
    {
        PickListData list = data({"B-10|SKU-7|1|SO-3", "B-2|SKU-5|4|SO-1,SO-2", "|SKU-9|2|SO-2",
                                  "A-1|SKU-1|3|SO-1", "B-2|SKU-5|1|SO-4"});
        list.lines[0].productName = QStringLiteral("<b>Bold</b> & \"Mugs\"");
        list.lines[1].gtin = QStringLiteral("4006381333931");
        const QString pdf = m_dir.filePath(QStringLiteral("contents.pdf"));
        const Status written = PickList::writePdf(list, pdf);
        QVERIFY2(written, qPrintable(written.error().message));
        const QString all = text(pdf);

        QVERIFY2(all.contains(QStringLiteral("Pick list — LEEDS")), qPrintable(all));
        QVERIFY(all.contains(QStringLiteral("Leeds Warehouse")));
        QVERIFY(all.contains(QStringLiteral("alice")));
        QVERIFY(all.contains(QStringLiteral("26/11/2026")));
        // Markup in data is text.
        QVERIFY2(all.contains(QStringLiteral("<b>Bold</b> & \"Mugs\"")), qPrintable(all));
        QVERIFY(all.contains(QStringLiteral("GTIN 4006381333931")));

        // Bin headings in walking order, the products without a bin last.
        const QStringList headings {QStringLiteral("Bin A-1"), QStringLiteral("Bin B-2"),
                                    QStringLiteral("Bin B-10"), QStringLiteral("No bin")};
        qsizetype previous = -1;
        for (const QString &heading : headings) {
            const qsizetype at = all.indexOf(heading);
            QVERIFY2(at > previous, qPrintable(heading + QLatin1Char('\n') + all));
            previous = at;
        }
        QCOMPARE(all.count(QStringLiteral("Bin B-2")), 1); // the two B-2 lines merged under one heading
        QVERIFY(all.contains(QStringLiteral("SO-1, SO-2, SO-4")));

        // 4 lines after merging, 11 units, 4 distinct orders.
        QVERIFY2(all.contains(QStringLiteral("Lines: 4")), qPrintable(all));
        QVERIFY(all.contains(QStringLiteral("Units: 11")));
        QVERIFY(all.contains(QStringLiteral("Orders: 4")));
        QVERIFY(all.contains(QStringLiteral("Page 1 of 1")));
    }

    void longListsRunOnWithTheHeaderRepeated()
    {
        QStringList specs;
        for (int i = 0; i < 150; ++i) {
            // Ten bins A1..A10 of fifteen lines: more than a page holds, so bins run on to the next page.
            specs << QStringLiteral("A%1|SKU-%2|%3|SO-%4,SO-%5")
                         .arg(i / 15 + 1)
                         .arg(i, 4, 10, QLatin1Char('0'))
                         .arg(i % 5 + 1)
                         .arg(1000 + i)
                         .arg(2000 + i / 3);
        }
        const QString pdf = m_dir.filePath(QStringLiteral("long.pdf"));
        const Status written = PickList::writePdf(data(specs), pdf, QPageSize::Letter);
        QVERIFY2(written, qPrintable(written.error().message));
        const int count = pages(pdf);
        QVERIFY2(count > 1, qPrintable(QString::number(count)));
        for (int page = 1; page <= count; ++page) {
            const QString onPage = text(pdf, page);
            for (const QString &column :
                 {QStringLiteral("Bin"), QStringLiteral("SKU"), QStringLiteral("Product"),
                  QStringLiteral("Qty"), QStringLiteral("Orders")}) {
                QVERIFY2(onPage.contains(column),
                         qPrintable(QStringLiteral("page %1: %2").arg(page).arg(column)));
            }
            QVERIFY2(onPage.contains(QStringLiteral("Page %1 of %2").arg(page).arg(count)),
                     qPrintable(onPage));
        }
        const QString all = text(pdf);
        QVERIFY(all.contains(QStringLiteral("SKU-0000")));
        QVERIFY(all.contains(QStringLiteral("SKU-0149")));
        QVERIFY(all.contains(QStringLiteral("(continued)"))); // a bin split over two pages says so
        QVERIFY2(all.contains(QStringLiteral("Lines: 150")), qPrintable(text(pdf, count)));
        QVERIFY(all.contains(QStringLiteral("Units: 450")));
        QVERIFY(all.contains(QStringLiteral("Orders: 200"))); // SO-1000..1149 and SO-2000..2049
        // Walking order holds across pages: every line once, in order.
        qsizetype previous = -1;
        for (int i = 0; i < 150; ++i) {
            const qsizetype at = all.indexOf(QStringLiteral("SKU-%1").arg(i, 4, 10, QLatin1Char('0')));
            QVERIFY2(at > previous, qPrintable(QString::number(i)));
            previous = at;
        }
    }

    void skuBarcodesReadBack()
    {
        const QStringList skus {QStringLiteral("MUG-STONE-350"), QStringLiteral("TEA-0042"),
                                QStringLiteral("4006381333931")};
        PickListData list = data({});
        for (const QString &sku : skus) {
            list.lines << line(QStringLiteral("A1|%1|1|SO-1").arg(sku));
        }
        const QString pdf = m_dir.filePath(QStringLiteral("barcodes.pdf"));
        const Status written = PickList::writePdf(list, pdf);
        QVERIFY2(written, qPrintable(written.error().message));
        const QString prefix = m_dir.filePath(QStringLiteral("barcodes"));
        int code = -1;
        Test::runTool(QStringLiteral("pdftoppm"),
                      {QStringLiteral("-r"), QStringLiteral("300"), QStringLiteral("-png"),
                       QStringLiteral("-singlefile"), pdf, prefix},
                      &code);
        QCOMPARE(code, 0);
        const QString decoded
            = Test::runTool(QStringLiteral("zbarimg"),
                            {QStringLiteral("-q"), QStringLiteral("--raw"), QStringLiteral("-Sdisable"),
                             QStringLiteral("-Scode128.enable"), prefix + QStringLiteral(".png")},
                            &code);
        QCOMPARE(code, 0);
        QStringList found = decoded.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        found.sort();
        QStringList expected = skus;
        expected.sort();
        QCOMPARE(found, expected);
    }

    void whatCode128CannotCarryIsPrintedWithoutABarcode()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("unicode.pdf"));
        const Status written = PickList::writePdf(data({"A1|茶-1|1|SO-1"}), pdf);
        QVERIFY2(written, qPrintable(written.error().message));
        QVERIFY(text(pdf).contains(QStringLiteral("茶-1")));
    }

    void emptyListSaysSo()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("empty.pdf"));
        const Status written = PickList::writePdf(data({}), pdf);
        QVERIFY2(written, qPrintable(written.error().message));
        QCOMPARE(pages(pdf), 1);
        const QString all = text(pdf);
        QVERIFY2(all.contains(QStringLiteral("Nothing to pick")), qPrintable(all));
        QVERIFY(all.contains(QStringLiteral("Pick list — LEEDS")));
    }

    void refused()
    {
        const Status zero
            = PickList::writePdf(data({"A1|SKU-1|0|SO-1"}), m_dir.filePath(QStringLiteral("zero.pdf")));
        QVERIFY(!zero);
        QCOMPARE(zero.error().kind, Error::Kind::Usage);
        QTest::ignoreMessage(QtWarningMsg, "QPainter::begin(): Returned false");
        const Status nowhere = PickList::writePdf(data({"A1|SKU-1|1|SO-1"}),
                                                  m_dir.filePath(QStringLiteral("missing/dir/list.pdf")));
        QVERIFY(!nowhere);
        QCOMPARE(nowhere.error().kind, Error::Kind::Database);
    }
};

QTEST_MAIN(TestPickList)
#include "tst_picklist.moc"
