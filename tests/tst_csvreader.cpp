// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvreader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Stockroom;

/** CSV as spreadsheets and carriers write it: BOM, line ends, quoting, line numbers, and what is refused. */
class TestCsvReader : public QObject
{
    Q_OBJECT

private:
    /** "line: field|field|…" per record: a whole file's reading on a few readable lines. */
    static QStringList described(const CsvContent &content)
    {
        QStringList result;
        for (const CsvRecord &record : content.records) {
            result << QStringLiteral("%1: %2").arg(record.line).arg(record.fields.join(QLatin1Char('|')));
        }
        return result;
    }

private Q_SLOTS:
    void records_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("LF") << QByteArray("a,b\n1,2\n")
                            << QStringList {QStringLiteral("1: a|b"), QStringLiteral("2: 1|2")};
        QTest::addRow("CRLF") << QByteArray("a,b\r\n1,2\r\n")
                              << QStringList {QStringLiteral("1: a|b"), QStringLiteral("2: 1|2")};
        QTest::addRow("lone CR") << QByteArray("a,b\r1,2\r")
                                 << QStringList {QStringLiteral("1: a|b"), QStringLiteral("2: 1|2")};
        QTest::addRow("no line end at the end")
            << QByteArray("a,b\n1,2") << QStringList {QStringLiteral("1: a|b"), QStringLiteral("2: 1|2")};
        QTest::addRow("byte order mark")
            << QByteArray("\xEF\xBB\xBFtracking,status\r\n1Z,delivered\r\n")
            << QStringList {QStringLiteral("1: tracking|status"), QStringLiteral("2: 1Z|delivered")};
        QTest::addRow("UTF-8 text") << QByteArray("M\xC3\xBCller,Z\xC3\xBCrich\n")
                                    << QStringList {QStringLiteral("1: Müller|Zürich")};
        QTest::addRow("quoted separator")
            << QByteArray("\"Leeds, UK\",x\n") << QStringList {QStringLiteral("1: Leeds, UK|x")};
        QTest::addRow("doubled quotes")
            << QByteArray("\"say \"\"hi\"\"\",x\n") << QStringList {QStringLiteral("1: say \"hi\"|x")};
        QTest::addRow("empty fields") << QByteArray(",a,\n\"\",\"\"\n")
                                      << QStringList {QStringLiteral("1: |a|"), QStringLiteral("2: |")};
        QTest::addRow("embedded LF") << QByteArray("\"one\ntwo\",x\nnext,y\n")
                                     << QStringList {QStringLiteral("1: one\ntwo|x"),
                                                     QStringLiteral("3: next|y")};
        QTest::addRow("embedded CRLF comes back as LF")
            << QByteArray("h1,h2\r\n\"one\r\ntwo\r\nthree\",x\r\nnext,y\r\n")
            << QStringList {QStringLiteral("1: h1|h2"), QStringLiteral("2: one\ntwo\nthree|x"),
                            QStringLiteral("5: next|y")};
        QTest::addRow("blanks around a quoted field")
            << QByteArray("a, \"b, c\" ,d\n") << QStringList {QStringLiteral("1: a|b, c|d")};
        QTest::addRow("unquoted kept as it is")
            << QByteArray(" a ,12\" box\n") << QStringList {QStringLiteral("1:  a |12\" box")};
        QTest::addRow("blank line in between")
            << QByteArray("a\n\nb\n")
            << QStringList {QStringLiteral("1: a"), QStringLiteral("2: "), QStringLiteral("3: b")};
        QTest::addRow("empty file") << QByteArray() << QStringList {};
    }

    void records()
    {
        QFETCH(QByteArray, data);
        QFETCH(QStringList, expected);
        const CsvContent content = CsvReader().parse(data);
        QVERIFY2(content.ok(), qPrintable(content.error));
        QCOMPARE(described(content), expected);
    }

    void otherSeparator()
    {
        const CsvContent content = CsvReader(QLatin1Char(';')).parse("a;\"b;c\";1,5\n");
        QVERIFY(content.ok());
        QCOMPARE(described(content), QStringList {QStringLiteral("1: a|b;c|1,5")});
    }

    void blankRecords()
    {
        QVERIFY((CsvRecord {1, {QString(), QStringLiteral("  ")}}).isBlank());
        QVERIFY(!(CsvRecord {1, {QString(), QStringLiteral("x")}}).isBlank());
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("recordsBefore");
        QTest::addColumn<QString>("says");
        QTest::addRow("unterminated quote")
            << QByteArray("a,b\n\"open,\nmore\nlines\n") << 2 << 1 << QStringLiteral("never closed");
        QTest::addRow("unterminated after a multi-line field")
            << QByteArray("a\n\"x\ny\",1\n2,\"oops\n") << 4 << 2 << QStringLiteral("never closed");
        QTest::addRow("text after a closing quote")
            << QByteArray("a\n\"say \"hi\"\",x\n") << 2 << 1 << QStringLiteral("closing quote");
        QTest::addRow("not UTF-8") << QByteArray("ok,1\nM\xFCller,2\n") << 2 << 0 << QStringLiteral("UTF-8");
    }

    void errors()
    {
        QFETCH(QByteArray, data);
        QFETCH(int, line);
        QFETCH(int, recordsBefore);
        QFETCH(QString, says);
        const CsvContent content = CsvReader().parse(data);
        QVERIFY(!content.ok());
        QCOMPARE(content.errorLine, line);
        QCOMPARE(content.records.size(), recordsBefore);
        QVERIFY2(content.error.contains(says), qPrintable(content.error));
    }

    void readsFiles()
    {
        QTemporaryDir dir;
        const QString name = dir.filePath(QStringLiteral("events.csv"));
        QFile file(name);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\xEF\xBB\xBF"
                   "awb,details\r\n1Z,\"van, \"\"blue\"\"\r\nsecond line\"\r\n");
        file.close();
        const CsvContent content = CsvReader().readFile(name);
        QVERIFY2(content.ok(), qPrintable(content.error));
        QCOMPARE(described(content),
                 (QStringList {QStringLiteral("1: awb|details"),
                               QStringLiteral("2: 1Z|van, \"blue\"\nsecond line")}));

        const CsvContent missing = CsvReader().readFile(dir.filePath(QStringLiteral("missing.csv")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.errorLine, 0);
        QVERIFY2(missing.error.contains(QStringLiteral("missing.csv")), qPrintable(missing.error));
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
