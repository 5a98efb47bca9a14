// SPDX-License-Identifier: GPL-3.0-or-later
#include "documentsupport.h"
#include "zpllabel.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Stockroom;

/**
 * ZPL labels for thermal printers: one well-formed label, sized for the printer's resolution, and field data
 * that cannot turn into commands whatever a customer typed.
 */
class TestZplLabel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static LabelData label() { return Test::sampleLabel(QStringLiteral("1z 999 aa1 0123456784")); }

    /** The raw field data of every ^FD … ^FS, in order. */
    static QList<QByteArray> rawFields(const QByteArray &zpl)
    {
        QList<QByteArray> fields;
        for (qsizetype start = zpl.indexOf("^FD"); start >= 0; start = zpl.indexOf("^FD", start)) {
            start += 3;
            const qsizetype end = zpl.indexOf("^FS", start);
            if (end < 0) {
                fields << zpl.mid(start); // unterminated: the caller's checks fail on it
                break;
            }
            fields << zpl.mid(start, end - start);
            start = end;
        }
        return fields;
    }

    /** What the printer prints for a field sent with ^FH_: each _XX is one byte, the bytes are UTF-8 (^CI28). */
    static QString decoded(const QByteArray &field)
    {
        QByteArray bytes;
        for (qsizetype i = 0; i < field.size(); ++i) {
            if (field.at(i) == '_' && i + 2 < field.size()) {
                bytes += QByteArray::fromHex(field.mid(i + 1, 2));
                i += 2;
            } else {
                bytes += field.at(i);
            }
        }
        return QString::fromUtf8(bytes);
    }

    static QStringList decodedFields(const QByteArray &zpl)
    {
        QStringList fields;
        for (const QByteArray &field : rawFields(zpl)) {
            fields << decoded(field);
        }
        return fields;
    }

    /** Every ^ and ~ in the label starts one of the commands we write, and nothing else. */
    static bool onlyOurCommands(const QByteArray &zpl, QByteArray *offending)
    {
        static const QList<QByteArray> ours {"XA", "CI", "PW", "LL", "LH", "FO", "A0",
                                             "FH", "FD", "FS", "GB", "BY", "BC", "XZ"};
        for (qsizetype i = 0; i < zpl.size(); ++i) {
            if (zpl.at(i) == '~' || (zpl.at(i) == '^' && !ours.contains(zpl.mid(i + 1, 2)))) {
                *offending = zpl.mid(std::max<qsizetype>(0, i - 20), 40);
                return false;
            }
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
        QVERIFY(m_dir.isValid());
    }

    void structure_data()
    {
        QTest::addColumn<int>("dpi");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("length");
        QTest::addRow("203 dpi") << 203 << 812 << 1218;
        QTest::addRow("300 dpi") << 300 << 1200 << 1800;
        QTest::addRow("600 dpi") << 600 << 2400 << 3600;
        QTest::addRow("152 dpi") << 152 << 608 << 912;
    }

    void structure()
    {
        QFETCH(int, dpi);
        QFETCH(int, width);
        QFETCH(int, length);
        const QByteArray zpl = ZplLabel::render(label(), dpi);
        QVERIFY(zpl.startsWith("^XA"));
        QVERIFY(zpl.trimmed().endsWith("^XZ"));
        QCOMPARE(zpl.count("^XA"), 1);
        QCOMPARE(zpl.count("^XZ"), 1);
        QVERIFY(zpl.contains("^PW" + QByteArray::number(width) + '\n'));
        QVERIFY(zpl.contains("^LL" + QByteArray::number(length) + '\n'));
        const qsizetype utf8 = zpl.indexOf("^CI28");
        QVERIFY(utf8 > 0 && utf8 < zpl.indexOf("^FD"));
        QCOMPARE(zpl.count("^FD") + zpl.count("^GB"), zpl.count("^FS")); // a box has no field data
        QCOMPARE(zpl.count("^FD"), zpl.count("^FH_^FD")); // every field escaped
        QByteArray offending;
        QVERIFY2(onlyOurCommands(zpl, &offending), offending.constData());

        // Everything lies on the label, scaled: the first field sits at the margin (30 dots at 203 dpi).
        const QRegularExpression origin(QStringLiteral("\\^FO(\\d+),(\\d+)"));
        auto matches = origin.globalMatch(QString::fromUtf8(zpl));
        QVERIFY(matches.hasNext());
        const QRegularExpressionMatch first = matches.peekNext();
        QCOMPARE(first.captured(1).toInt(), qRound(30.0 * dpi / 203));
        while (matches.hasNext()) {
            const QRegularExpressionMatch match = matches.next();
            QVERIFY2(match.captured(1).toInt() < width && match.captured(2).toInt() < length,
                     qPrintable(match.captured()));
        }
        const QRegularExpressionMatch barcode
            = QRegularExpression(QStringLiteral("\\^FO\\d+,(\\d+)\\^BY\\d+\\^BCN,(\\d+),"))
                  .match(QString::fromUtf8(zpl));
        QVERIFY(barcode.hasMatch());
        // Bars and the interpretation line under them (about 1/6 inch) end above the bottom edge.
        QVERIFY(barcode.captured(1).toInt() + barcode.captured(2).toInt() + dpi / 6 < length);
    }

    void trackingNumberIsTheBarcode()
    {
        const QByteArray zpl = ZplLabel::render(label());
        const QRegularExpressionMatch match
            = QRegularExpression(QStringLiteral("\\^BY(\\d+)\\^BCN,\\d+,Y,N,N,A\\^FH_\\^FD([^^~]*)\\^FS"))
                  .match(QString::fromUtf8(zpl));
        QVERIFY2(match.hasMatch(), zpl.constData());
        QCOMPARE(match.captured(2), ShippingLabel::normaliseTracking(label().trackingNumber));
        QCOMPARE(match.captured(2), QStringLiteral("1Z999AA10123456784"));
        QVERIFY(match.captured(1).toInt() >= 2); // a module of at least 0.25 mm: any scanner reads it
    }

    void humanText()
    {
        const QStringList fields = decodedFields(ZplLabel::render(label()));
        for (const QString &expected :
             {QStringLiteral("FROM"), QStringLiteral("Leeds Warehouse"), QStringLiteral("Leeds LS9 0PS"),
              QStringLiteral("SHIP TO"), QStringLiteral("12 Quay Street"), QStringLiteral("United Kingdom"),
              QStringLiteral("DPD Next Day"), QStringLiteral("Weight: 1.25 kg"),
              QStringLiteral("Order: SO-001042"), QStringLiteral("Date: 26/11/2026")}) {
            QVERIFY2(fields.contains(expected),
                     qPrintable(expected + QLatin1Char('\n') + fields.join(u'\n')));
        }
    }

    void injectionStaysData_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("escaped");
        QTest::addRow("end the label, reset the printer")
            << QStringLiteral("Evil^XZ~JA") << QByteArray("Evil_5EXZ_7EJA");
        QTest::addRow("end the field, start a new label")
            << QStringLiteral("A^FS^XA^FDB") << QByteArray("A_5EFS_5EXA_5EFDB");
        QTest::addRow("fake hex escape") << QStringLiteral("a_5Eb") << QByteArray("a_5F5Eb");
        QTest::addRow("backslash") << QStringLiteral("C:\\&x") << QByteArray("C:_5C&x");
        QTest::addRow("control characters")
            << QStringLiteral("line\nbreak\x1b~DG") << QByteArray("line_0Abreak_1B_7EDG");
    }

    void injectionStaysData()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, escaped);
        LabelData data = label();
        data.toName = name;
        data.fromAddress << name;
        data.orderNumber = name;
        const QByteArray zpl = ZplLabel::render(data);
        QCOMPARE(zpl.count("^XA"), 1);
        QCOMPARE(zpl.count("^XZ"), 1);
        QByteArray offending;
        QVERIFY2(onlyOurCommands(zpl, &offending), offending.constData());
        for (const QByteArray &field : rawFields(zpl)) {
            QVERIFY2(!field.contains('^') && !field.contains('~'), field.constData());
        }
        QVERIFY2(zpl.contains("^FH_^FD" + escaped + "^FS"), zpl.constData());
        const QStringList fields = decodedFields(zpl);
        QVERIFY(fields.contains(name));
        QVERIFY(fields.contains(QStringLiteral("Order: ") + name));
    }

    void utf8UnderCi28()
    {
        const QByteArray zpl = ZplLabel::render(label());
        // Sent as UTF-8 bytes (^CI28 tells the printer so), not as Latin-1 or hex.
        QVERIFY(zpl.contains("^FH_^FD" + QStringLiteral("Zoë Müller-Łukasiewicz").toUtf8() + "^FS"));
        QVERIFY(decodedFields(zpl).contains(QStringLiteral("Zoë Müller-Łukasiewicz")));
    }

    void longTextIsCutToTheLabel()
    {
        LabelData data = label();
        data.toName = QString(100, u'W');
        const QStringList fields = decodedFields(ZplLabel::render(data));
        const auto name = std::find_if(fields.begin(), fields.end(),
                                       [](const QString &field) { return field.startsWith(u'W'); });
        QVERIFY(name != fields.end());
        QVERIFY(name->size() < 40);
        QVERIFY(name->endsWith(QStringLiteral("...")));
    }

    void writesTheFile()
    {
        const QString file = m_dir.filePath(QStringLiteral("label.zpl"));
        const Status written = ZplLabel::write(label(), file, 300);
        QVERIFY2(written, qPrintable(written.error().message));
        QFile zpl(file);
        QVERIFY(zpl.open(QIODevice::ReadOnly));
        QCOMPARE(zpl.readAll(), ZplLabel::render(label(), 300));
    }

    void refused_data()
    {
        QTest::addColumn<QString>("tracking");
        QTest::addColumn<int>("dpi");
        QTest::addColumn<int>("kind");
        QTest::addRow("no tracking number") << QStringLiteral("  ") << 203 << int(Error::Kind::Business);
        QTest::addRow("not ASCII") << QStringLiteral("追跡番号") << 203 << int(Error::Kind::Usage);
        QTest::addRow("^BC invocation code") << QStringLiteral("AB>5123") << 203 << int(Error::Kind::Usage);
        QTest::addRow("too long") << QString(81, u'1') << 203 << int(Error::Kind::Usage);
        QTest::addRow("unknown resolution")
            << QStringLiteral("1Z999AA10123456784") << 250 << int(Error::Kind::Usage);
    }

    void refused()
    {
        QFETCH(QString, tracking);
        QFETCH(int, dpi);
        QFETCH(int, kind);
        LabelData data = label();
        data.trackingNumber = tracking;
        QVERIFY(ZplLabel::render(data, dpi).isEmpty());
        const QString file = m_dir.filePath(QStringLiteral("refused.zpl"));
        const Status written = ZplLabel::write(data, file, dpi);
        QVERIFY(!written);
        QCOMPARE(int(written.error().kind), kind);
        QVERIFY(!QFile::exists(file));
    }
};

QTEST_GUILESS_MAIN(TestZplLabel)
#include "tst_zpllabel.moc"
