// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Stockroom;

/** stockroomctl as scripts use it: commands, JSON shapes and exit codes. */
class TestCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;

    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    Run ctl(const QStringList &arguments, bool withDb = true)
    {
        QProcess process;
        process.setProgram(QStringLiteral(STOCKROOMCTL));
        process.setArguments(withDb ? QStringList {QStringLiteral("--db"), m_scratch->connectionString()}
                                     + arguments
                                    : arguments);
        process.start();
        if (!process.waitForFinished(300'000)) {
            return {};
        }
        return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    }

private Q_SLOTS:
    void init()
    {
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
    }

    void cleanup() { m_scratch.reset(); }

    void initTwiceIsANoOp()
    {
        QCOMPARE(ctl({QStringLiteral("init")}).code, 0);
        const Run again = ctl({QStringLiteral("init"), QStringLiteral("--json")});
        QCOMPARE(again.code, 0);
        QCOMPARE(QJsonDocument::fromJson(again.out).object().value(QStringLiteral("schema_version")).toInt(),
                 Migrations::latestVersion());
    }

    void demoThenCheck()
    {
        const Run demo = ctl({QStringLiteral("demo"), QStringLiteral("--days"), QStringLiteral("45"),
                              QStringLiteral("--products"), QStringLiteral("12"), QStringLiteral("--json"),
                              QStringLiteral("--end-date"), QStringLiteral("2026-06-30")});
        QVERIFY2(demo.code == 0, demo.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(demo.out).object();
        QCOMPARE(summary.value(QStringLiteral("products")).toInt(), 12);
        QCOMPARE(summary.value(QStringLiteral("locations")).toInt(), 3);
        QVERIFY(summary.value(QStringLiteral("orders")).toInt() > 100);
        const Run check = ctl({QStringLiteral("check")});
        QVERIFY2(check.code == 0, check.out.constData());
        // Demo data only goes into an empty database.
        QCOMPARE(ctl({QStringLiteral("demo"), QStringLiteral("--days"), QStringLiteral("2")}).code, 1);

        // Deterministic: the same seed gives the same history.
        Test::ScratchDatabase second;
        STOCKROOM_REQUIRE(second);
        QProcess process;
        process.start(QStringLiteral(STOCKROOMCTL),
                      {QStringLiteral("--db"), second.connectionString(), QStringLiteral("demo"),
                       QStringLiteral("--days"), QStringLiteral("45"), QStringLiteral("--products"),
                       QStringLiteral("12"), QStringLiteral("--json"), QStringLiteral("--end-date"),
                       QStringLiteral("2026-06-30")});
        QVERIFY(process.waitForFinished(300'000));
        QJsonObject again = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
        again.remove(QStringLiteral("seconds"));
        QJsonObject first = summary;
        first.remove(QStringLiteral("seconds"));
        QCOMPARE(again, first);
    }

    void stockAndOrdersAsJson()
    {
        QCOMPARE(ctl({QStringLiteral("demo"), QStringLiteral("--days"), QStringLiteral("1"),
                      QStringLiteral("--products"), QStringLiteral("3")})
                     .code,
                 0);
        const Run stock = ctl({QStringLiteral("stock"), QStringLiteral("--json"), QStringLiteral("--sku"),
                               QStringLiteral("KIT-1001")});
        QCOMPARE(stock.code, 0);
        const QJsonArray levels = QJsonDocument::fromJson(stock.out).array();
        QCOMPARE(levels.size(), 3);
        for (const QString &key :
             {QStringLiteral("sku"), QStringLiteral("location"), QStringLiteral("on_hand"),
              QStringLiteral("reserved"), QStringLiteral("available")}) {
            QVERIFY2(levels.first().toObject().contains(key), qPrintable(key));
        }
        const int available = levels.first().toObject().value(QStringLiteral("available")).toInt();
        const QString location = levels.first().toObject().value(QStringLiteral("location")).toString();

        const Run received
            = ctl({QStringLiteral("receive"), QStringLiteral("--sku"), QStringLiteral("KIT-1001"),
                   QStringLiteral("--location"), location, QStringLiteral("--qty"), QStringLiteral("5")});
        QCOMPARE(received.code, 0);

        const Run placed
            = ctl({QStringLiteral("place-order"), QStringLiteral("--line"), QStringLiteral("KIT-1001:2"),
                   QStringLiteral("--line"), QStringLiteral("TAB-1002:100000"), QStringLiteral("--json"),
                   QStringLiteral("--payment"), QStringLiteral("paid"), QStringLiteral("--channel"),
                   QStringLiteral("web"), QStringLiteral("--external-id"), QStringLiteral("A-1")});
        QVERIFY2(placed.code == 0, placed.err.constData());
        const QJsonObject order = QJsonDocument::fromJson(placed.out).object();
        QCOMPARE(order.value(QStringLiteral("status")).toString(), QStringLiteral("backordered"));
        const QJsonArray lines = order.value(QStringLiteral("lines")).toArray();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).toObject().value(QStringLiteral("backordered")).toInt(), 0);
        QCOMPARE(lines.at(0)
                     .toObject()
                     .value(QStringLiteral("allocations"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("qty"))
                     .toInt(),
                 2);
        QVERIFY(lines.at(1).toObject().value(QStringLiteral("backordered")).toInt() > 99'000);
        QVERIFY(available + 5 >= 2);

        const QString number = order.value(QStringLiteral("order")).toString();
        QCOMPARE(ctl({QStringLiteral("ship-order"), number}).code, 0);
        QCOMPARE(ctl({QStringLiteral("ship-order"), number}).code, 1); // nothing more allocated
        QCOMPARE(ctl({QStringLiteral("cancel-order"), number}).code, 0);
        QCOMPARE(ctl({QStringLiteral("cancel-order"), number}).code, 1); // already complete
        // The same external order again is refused and changes nothing.
        QCOMPARE(ctl({QStringLiteral("place-order"), QStringLiteral("--line"), QStringLiteral("KIT-1001:1"),
                      QStringLiteral("--channel"), QStringLiteral("web"), QStringLiteral("--external-id"),
                      QStringLiteral("A-1")})
                     .code,
                 1);
        QCOMPARE(ctl({QStringLiteral("check")}).code, 0);
    }

    void shippingLabelOfAShippedOrder()
    {
        QCOMPARE(ctl({QStringLiteral("demo"), QStringLiteral("--days"), QStringLiteral("1"),
                      QStringLiteral("--products"), QStringLiteral("3")})
                     .code,
                 0);
        const Run placed
            = ctl({QStringLiteral("place-order"), QStringLiteral("--line"), QStringLiteral("KIT-1001:1"),
                   QStringLiteral("--customer"), QStringLiteral("Ada Lovelace"), QStringLiteral("--json"),
                   QStringLiteral("--payment"), QStringLiteral("paid")});
        QCOMPARE(placed.code, 0);
        const QString number
            = QJsonDocument::fromJson(placed.out).object().value(QStringLiteral("order")).toString();
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("label.pdf"));
        // Not shipped yet: nothing to print, and it says so.
        const Run early = ctl({QStringLiteral("label"), number, QStringLiteral("--out"), pdf});
        QCOMPARE(early.code, 1);
        QVERIFY(early.err.contains("ship it first"));
        QCOMPARE(
            ctl({QStringLiteral("ship-order"), number, QStringLiteral("--carrier"), QStringLiteral("UPS"),
                 QStringLiteral("--tracking"), QStringLiteral("1Z5R89390357567127"),
                 QStringLiteral("--weight"), QStringLiteral("900")})
                .code,
            0);
        const Run label = ctl({QStringLiteral("label"), number, QStringLiteral("--out"), pdf});
        QVERIFY2(label.code == 0, label.err.constData());
        QProcess render;
        render.start(QStringLiteral("pdftoppm"),
                     {QStringLiteral("-r"), QStringLiteral("200"), QStringLiteral("-png"),
                      QStringLiteral("-singlefile"), pdf, dir.filePath(QStringLiteral("label"))});
        QVERIFY(render.waitForFinished(60'000));
        QProcess read;
        read.start(
            QStringLiteral("zbarimg"),
            {QStringLiteral("-q"), QStringLiteral("--raw"), dir.filePath(QStringLiteral("label.png"))});
        QVERIFY(read.waitForFinished(60'000));
        QCOMPARE(read.readAllStandardOutput().trimmed(), QByteArray("1Z5R89390357567127"));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("code");
        QTest::addRow("unknown SKU") << QStringList {QStringLiteral("place-order"), QStringLiteral("--line"),
                                                     QStringLiteral("NOPE:1")}
                                     << 1;
        QTest::addRow("bad line") << QStringList {QStringLiteral("place-order"), QStringLiteral("--line"),
                                                  QStringLiteral("NOPE")}
                                  << 2;
        QTest::addRow("no lines") << QStringList {QStringLiteral("place-order")} << 2;
        QTest::addRow("unknown command") << QStringList {QStringLiteral("frobnicate")} << 2;
        QTest::addRow("unknown option")
            << QStringList {QStringLiteral("stock"), QStringLiteral("--colour")} << 2;
        QTest::addRow("receive nothing")
            << QStringList {QStringLiteral("receive"),    QStringLiteral("--sku"), QStringLiteral("A"),
                            QStringLiteral("--location"), QStringLiteral("B"),     QStringLiteral("--qty"),
                            QStringLiteral("0")}
            << 2;
        QTest::addRow("missing order")
            << QStringList {QStringLiteral("ship-order"), QStringLiteral("SO-404")} << 1;
        QTest::addRow("adjust below zero")
            << QStringList {QStringLiteral("adjust"), QStringLiteral("--sku"),
                            QStringLiteral("X"),      QStringLiteral("--location"),
                            QStringLiteral("Y"),      QStringLiteral("--delta"),
                            QStringLiteral("-1"),     QStringLiteral("--reason"),
                            QStringLiteral("r")}
            << 1;
    }

    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, code);
        const Run run = ctl(arguments);
        QCOMPARE(run.code, code);
        QVERIFY2(!run.err.trimmed().isEmpty(), "a refusal says why");
    }

    void unreachableDatabaseIsExitThree()
    {
        const Run run = ctl({QStringLiteral("--db"), QStringLiteral("postgresql://nobody@127.0.0.1:1/none"),
                             QStringLiteral("stock")},
                            false);
        QCOMPARE(run.code, 3);
        QVERIFY(run.err.contains("Cannot open"));
    }

    void newerSchemaIsExitThreeAndUntouched()
    {
        QCOMPARE(ctl({QStringLiteral("init")}).code, 0);
        {
            std::unique_ptr<Database> db = m_scratch->open(QStringLiteral("bump"));
            QVERIFY(db);
            QVERIFY(db->execute(
                QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, 'later')"),
                {Migrations::latestVersion() + 5}));
        }
        const Run run = ctl({QStringLiteral("stock")});
        QCOMPARE(run.code, 3);
        QVERIFY2(run.err.contains("newer"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
