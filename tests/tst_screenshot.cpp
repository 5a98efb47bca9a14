// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Stockroom;

/** The real app renders every view with real data (offscreen) and the pictures are not blank. */
class TestScreenshot : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;

    static int distinctColours(const QImage &image)
    {
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7) {
                colours.insert(image.pixel(x, y));
            }
        }
        return int(colours.size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QProcess fonts;
        fonts.start(QStringLiteral("fc-list"), {});
        QVERIFY(fonts.waitForFinished());
        QVERIFY2(!fonts.readAllStandardOutput().trimmed().isEmpty(),
                 "no fonts installed (fonts-dejavu-core): every text would render as boxes");

        m_db = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("demo.db"));
        QProcess demo;
        demo.start(QStringLiteral(STOCKROOMCTL),
                   {QStringLiteral("--db"), m_db, QStringLiteral("demo"), QStringLiteral("--days"),
                    QStringLiteral("120"), QStringLiteral("--products"), QStringLiteral("20")});
        QVERIFY(demo.waitForFinished(300'000));
        QVERIFY2(demo.exitCode() == 0, demo.readAllStandardError().constData());
    }

    void view_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("dialog");
        QTest::addColumn<QString>("product"); // opened in the inventory view's pane
        for (const char *view : {"orders", "inventory", "receiving", "transfers", "counts", "channels",
                                 "forecast", "dashboard"}) {
            QTest::addRow("%s", view)
                << QString::fromLatin1(view) << QStringLiteral("en") << QString() << QString();
        }
        QTest::addRow("orders in German")
            << QStringLiteral("orders") << QStringLiteral("de") << QString() << QString();
        // A product's pane (stock per location, chart, ledger) and its editor, without a QML warning.
        QTest::addRow("inventory, product pane")
            << QStringLiteral("inventory") << QStringLiteral("de") << QString() << QStringLiteral("BAT-1009");
        QTest::addRow("inventory, product editor") << QStringLiteral("inventory") << QStringLiteral("en")
                                                   << QStringLiteral("product") << QStringLiteral("BAT-1009");
        // The import dialog with a file previewed (see view()): its problems and the mapping of its locations.
        QTest::addRow("inventory, import dialog")
            << QStringLiteral("inventory") << QStringLiteral("en") << QStringLiteral("import") << QString();
        // The locations dialog: every location, the first one's form and the priority hint.
        QTest::addRow("inventory, locations dialog") << QStringLiteral("inventory") << QStringLiteral("de")
                                                     << QStringLiteral("locations") << QString();
        // The Orders view's dialogs open on the first order shown, without a QML warning.
        for (const char *dialog : {"pack", "ship", "return", "import"}) {
            QTest::addRow("orders, %s dialog", dialog) << QStringLiteral("orders") << QStringLiteral("de")
                                                       << QString::fromLatin1(dialog) << QString();
        }
        // The document views' dialogs: new ones, and receiving on the first purchase order or transfer that can be.
        for (const char *view : {"receiving", "transfers"}) {
            for (const char *dialog : {"new", "receive"}) {
                QTest::addRow("%s, %s dialog", view, dialog)
                    << QString::fromLatin1(view) << QStringLiteral("de") << QString::fromLatin1(dialog)
                    << QString();
            }
        }
        QTest::addRow("counts, start dialog")
            << QStringLiteral("counts") << QStringLiteral("en") << QStringLiteral("start") << QString();
        // The channels' feeds with the first channel's settings, and the Export dialog of both views.
        QTest::addRow("channels, feed-settings dialog") << QStringLiteral("channels") << QStringLiteral("de")
                                                        << QStringLiteral("feed-settings") << QString();
        QTest::addRow("orders, export dialog")
            << QStringLiteral("orders") << QStringLiteral("en") << QStringLiteral("export") << QString();
        QTest::addRow("inventory, export dialog")
            << QStringLiteral("inventory") << QStringLiteral("de") << QStringLiteral("export") << QString();
        // Shopify's real order export previewed in the Orders view's import dialog (see view()), then the SKU
        // aliases dialog with the lines its import left waiting. Last: that import adds orders.
        QTest::addRow("orders, import-orders dialog") << QStringLiteral("orders") << QStringLiteral("en")
                                                      << QStringLiteral("import-orders") << QString();
        QTest::addRow("orders, sku-aliases dialog")
            << QStringLiteral("orders") << QStringLiteral("de") << QStringLiteral("sku-aliases") << QString();
    }

    void view()
    {
        QFETCH(QString, view);
        QFETCH(QString, language);
        QFETCH(QString, dialog);
        QFETCH(QString, product);
        const QString file = m_dir.filePath(
            QStringLiteral("%1-%2%3%4.png")
                .arg(view, language, dialog.isEmpty() ? QString() : QLatin1Char('-') + dialog,
                     product.isEmpty() ? QString() : QLatin1Char('-') + product));
        QStringList arguments {
            QStringLiteral("--db"),   m_db,    QStringLiteral("--screenshot"), file,
            QStringLiteral("--view"), view,    QStringLiteral("--size"),       QStringLiteral("1200x800"),
            QStringLiteral("--lang"), language};
        if (!dialog.isEmpty()) {
            arguments << QStringLiteral("--dialog") << dialog;
        }
        if (!product.isEmpty()) {
            arguments << QStringLiteral("--product") << product;
        }
        if (view == QLatin1String("inventory") && dialog == QLatin1String("import")) {
            // A Shopify inventory export naming a location we do not have and a SKU we do not know.
            QFile csv(m_dir.filePath(QStringLiteral("inventory_export.csv")));
            QVERIFY(csv.open(QIODevice::WriteOnly));
            csv.write("Handle,Option1 Value,SKU,Location,On hand\n"
                      "bat,Default Title,BAT-1009,Shop location,12\n"
                      "bat,Default Title,BAT-1009,LEEDS,40\n"
                      "mug,Default Title,MUG-1,LEEDS,3\n");
            csv.close();
            arguments << QStringLiteral("--import-file") << csv.fileName();
        }
        const QString orders = QStringLiteral(STOCKROOM_TESTDATA "/shopify/orders_export.csv");
        if (dialog == QLatin1String("import-orders")) {
            arguments << QStringLiteral("--import-file") << orders;
        } else if (dialog == QLatin1String("sku-aliases")) {
            QProcess import;
            import.start(
                QStringLiteral(STOCKROOMCTL),
                {QStringLiteral("--db"), m_db, QStringLiteral("import"), QStringLiteral("orders"), orders});
            QVERIFY(import.waitForFinished(120'000));
            QVERIFY2(import.exitCode() == 0, import.readAllStandardError().constData());
        }
        QProcess app;
        app.start(QStringLiteral(STOCKROOM_APP), arguments);
        QVERIFY(app.waitForFinished(120'000));
        const QByteArray errors = app.readAllStandardError();
        QVERIFY2(app.exitCode() == 0, errors.constData());
        QVERIFY2(!errors.contains("qrc:/"), errors.constData()); // no QML warnings
        const QImage image(file);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1200, 800));
        // A window with text, tables and badges has many colours; a blank or failed render has a handful.
        QVERIFY2(distinctColours(image) > 40, qPrintable(QString::number(distinctColours(image))));
        if (qEnvironmentVariableIsSet("STOCKROOM_SCREENSHOT_DIR")) {
            QFile::copy(
                file,
                QDir(qEnvironmentVariable("STOCKROOM_SCREENSHOT_DIR")).filePath(QFileInfo(file).fileName()));
        }
    }

    void unknownViewIsAUsageError()
    {
        QProcess app;
        app.start(QStringLiteral(STOCKROOM_APP),
                  {QStringLiteral("--db"), m_db, QStringLiteral("--screenshot"),
                   m_dir.filePath(QStringLiteral("x.png")), QStringLiteral("--view"),
                   QStringLiteral("nowhere")});
        QVERIFY(app.waitForFinished(60'000));
        QCOMPARE(app.exitCode(), 2);
    }
};

QTEST_GUILESS_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
