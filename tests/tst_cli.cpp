// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations.h"
#include "testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

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

    static QJsonObject json(const Run &run) { return QJsonDocument::fromJson(run.out).object(); }

    /** A small demo database: 3 products at LEEDS, BRISTOL and LONDON, a day of orders. */
    bool demo()
    {
        return ctl({QStringLiteral("demo"), QStringLiteral("--days"), QStringLiteral("1"),
                    QStringLiteral("--products"), QStringLiteral("3")})
                   .code
            == 0;
    }

    /** Places an order; its number, or an empty string when that failed. */
    QString place(const QStringList &arguments)
    {
        const Run placed
            = ctl(QStringList {QStringLiteral("place-order"), QStringLiteral("--json")} + arguments);
        return placed.code == 0 ? json(placed).value(QStringLiteral("order")).toString() : QString();
    }

    /** A paid order for Ada Lovelace of one KIT-1001, shipped by UPS with this tracking number. */
    QString shippedOrder(const QString &tracking)
    {
        const QString number
            = place({QStringLiteral("--line"), QStringLiteral("KIT-1001:1"), QStringLiteral("--customer"),
                     QStringLiteral("Ada Lovelace"), QStringLiteral("--payment"), QStringLiteral("paid")});
        const Run shipped = ctl({QStringLiteral("ship-order"), number, QStringLiteral("--carrier"),
                                 QStringLiteral("UPS"), QStringLiteral("--tracking"), tracking,
                                 QStringLiteral("--weight"), QStringLiteral("0.9")});
        return shipped.code == 0 ? number : QString();
    }

    /** `order NUMBER --json`. */
    QJsonObject order(const QString &number)
    {
        return json(ctl({QStringLiteral("order"), number, QStringLiteral("--json")}));
    }

    /** `stock --json` of one SKU at one location (an empty object when there is no such level). */
    QJsonObject level(const QString &sku, const QString &location)
    {
        const Run stock = ctl({QStringLiteral("stock"), QStringLiteral("--json"), QStringLiteral("--sku"),
                               sku, QStringLiteral("--location"), location});
        return QJsonDocument::fromJson(stock.out).array().at(0).toObject();
    }

    int onHand(const QString &sku, const QString &location)
    {
        return level(sku, location).value(QStringLiteral("on_hand")).toInt();
    }

    /** The newest ledger rows of a SKU at a location, from `ledger --json`. */
    QJsonArray ledger(const QString &sku, const QString &location, int limit)
    {
        const Run rows = ctl({QStringLiteral("ledger"), QStringLiteral("--json"), QStringLiteral("--sku"),
                              sku, QStringLiteral("--location"), location, QStringLiteral("--limit"),
                              QString::number(limit)});
        return json(rows).value(QStringLiteral("movements")).toArray();
    }

    /** The first line of a document's JSON. */
    static QJsonObject firstLine(const QJsonObject &document)
    {
        return document.value(QStringLiteral("lines")).toArray().at(0).toObject();
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

    void demoWithArchivedOrders()
    {
        const Run demo = ctl({QStringLiteral("demo"), QStringLiteral("--days"), QStringLiteral("5"),
                              QStringLiteral("--products"), QStringLiteral("4"), QStringLiteral("--archive"),
                              QStringLiteral("1500"), QStringLiteral("--json")});
        QVERIFY2(demo.code == 0, demo.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(demo.out).object();
        QCOMPARE(summary.value(QStringLiteral("archived_orders")).toInt(), 1500);
        // Each archived unit came in and went out: the ledger still explains every level.
        const Run check = ctl({QStringLiteral("check")});
        QVERIFY2(check.code == 0, check.out.constData());
        // Archived orders come after the history's in number, before it in time, delivered or cancelled.
        const int last = summary.value(QStringLiteral("orders")).toInt() + 1500;
        const Run archived = ctl({QStringLiteral("order"), QString::number(last), QStringLiteral("--json")});
        QVERIFY2(archived.code == 0, archived.err.constData());
        const QString status
            = QJsonDocument::fromJson(archived.out).object().value(QStringLiteral("status")).toString();
        QVERIFY2(status == QLatin1String("delivered") || status == QLatin1String("cancelled"),
                 qPrintable(status));
        QCOMPARE(ctl({QStringLiteral("demo"), QStringLiteral("--archive"), QStringLiteral("0")}).code, 2);
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
                 QStringLiteral("--weight"), QStringLiteral("0.9")})
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

    // ---- Order life after placement ----------------------------------------------------------------

    void payHoldAndRelease()
    {
        QVERIFY(demo());
        const QString number = place({QStringLiteral("--line"), QStringLiteral("KIT-1001:1")});
        QVERIFY(!number.isEmpty());
        // Unpaid: not released for picking, and it says why.
        const Run unpaid = ctl({QStringLiteral("release"), number});
        QCOMPARE(unpaid.code, 1);
        QVERIFY2(unpaid.err.contains("not paid"), unpaid.err.constData());
        for (const QString &amount : {QStringLiteral("12,50"), QStringLiteral("12.505"), QStringLiteral("-1"),
                                      QStringLiteral("1e3"), QStringLiteral("abc"), QStringLiteral("")}) {
            const Run bad = ctl({QStringLiteral("pay"), number, QStringLiteral("--amount"), amount});
            QVERIFY2(bad.code == 2, qPrintable(amount));
        }
        QCOMPARE(ctl({QStringLiteral("pay"), number, QStringLiteral("--authorize"), QStringLiteral("--void")})
                     .code,
                 2);
        QCOMPARE(order(number).value(QStringLiteral("payment")).toString(), QStringLiteral("pending"));

        // Holds keep the order from picking until lifted.
        QCOMPARE(ctl({QStringLiteral("hold"), number}).code, 2);
        QCOMPARE(
            ctl({QStringLiteral("hold"), number, QStringLiteral("--reason"), QStringLiteral("address check")})
                .code,
            0);
        QJsonObject detail = order(number);
        QCOMPARE(detail.value(QStringLiteral("status")).toString(), QStringLiteral("on_hold"));
        QCOMPARE(detail.value(QStringLiteral("hold_reason")).toString(), QStringLiteral("address check"));
        QCOMPARE(ctl({QStringLiteral("unhold"), number}).code, 0);
        QCOMPARE(ctl({QStringLiteral("unhold"), number}).code, 1); // not on hold any more

        const Run authorized
            = ctl({QStringLiteral("pay"), number, QStringLiteral("--authorize"), QStringLiteral("--json")});
        QCOMPARE(authorized.code, 0);
        QCOMPARE(json(authorized).value(QStringLiteral("payment")).toString(), QStringLiteral("authorized"));
        const Run paid = ctl({QStringLiteral("pay"), number, QStringLiteral("--json")});
        QVERIFY2(paid.code == 0, paid.err.constData());
        const QJsonObject payment = json(paid);
        QCOMPARE(payment.value(QStringLiteral("payment")).toString(), QStringLiteral("paid"));
        QCOMPARE(payment.value(QStringLiteral("paid_cents")).toInteger(),
                 payment.value(QStringLiteral("total_cents")).toInteger());
        QCOMPARE(ctl({QStringLiteral("pay"), number, QStringLiteral("--void")}).code, 1); // paid is paid

        // Several orders at once: each reported, exit 1 when any is refused.
        const QString second = place({QStringLiteral("--line"), QStringLiteral("KIT-1001:1")});
        QVERIFY(!second.isEmpty());
        const Run both = ctl({QStringLiteral("release"), number, second, QStringLiteral("--json")});
        QCOMPARE(both.code, 1);
        const QJsonArray results = QJsonDocument::fromJson(both.out).array();
        QCOMPARE(results.size(), 2);
        QCOMPARE(results.at(0).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("picking"));
        QVERIFY(!results.at(1).toObject().value(QStringLiteral("ok")).toBool());
        QVERIFY2(both.err.contains("not paid"), both.err.constData());
        QCOMPARE(ctl({QStringLiteral("release"), number}).code, 1); // picking already

        // Refunds: strict amounts, a note in the history, never more than was paid.
        QCOMPARE(
            ctl({QStringLiteral("pay"), number, QStringLiteral("--refund"), QStringLiteral("1,00")}).code, 2);
        QCOMPARE(
            ctl({QStringLiteral("pay"), number, QStringLiteral("--refund"), QStringLiteral("99999")}).code,
            1);
        const Run refunded
            = ctl({QStringLiteral("pay"), number, QStringLiteral("--refund"), QStringLiteral("1.00"),
                   QStringLiteral("--note"), QStringLiteral("goodwill"), QStringLiteral("--json")});
        QVERIFY2(refunded.code == 0, refunded.err.constData());
        QCOMPARE(json(refunded).value(QStringLiteral("refunded_cents")).toInteger(), 100);
        QCOMPARE(json(refunded).value(QStringLiteral("payment")).toString(),
                 QStringLiteral("partially_refunded"));
        const QJsonArray history = order(number).value(QStringLiteral("history")).toArray();
        QVERIFY(std::any_of(history.begin(), history.end(), [](const QJsonValue &event) {
            return event.toObject()
                .value(QStringLiteral("detail"))
                .toString()
                .contains(QStringLiteral("goodwill"));
        }));
        QCOMPARE(ctl({QStringLiteral("check")}).code, 0);
    }

    void pickListAndPack()
    {
        QVERIFY(demo());
        const Run placed
            = ctl({QStringLiteral("place-order"), QStringLiteral("--line"), QStringLiteral("KIT-1001:2"),
                   QStringLiteral("--payment"), QStringLiteral("paid"), QStringLiteral("--json")});
        QCOMPARE(placed.code, 0);
        const QString number = json(placed).value(QStringLiteral("order")).toString();
        const QString location = json(placed)
                                     .value(QStringLiteral("lines"))
                                     .toArray()
                                     .first()
                                     .toObject()
                                     .value(QStringLiteral("allocations"))
                                     .toArray()
                                     .first()
                                     .toObject()
                                     .value(QStringLiteral("location"))
                                     .toString();
        QCOMPARE(
            ctl({QStringLiteral("bin"), QStringLiteral("--sku"), QStringLiteral("KIT-1001"),
                 QStringLiteral("--location"), location, QStringLiteral("--bin"), QStringLiteral("Z-99")})
                .code,
            0);
        QCOMPARE(ctl({QStringLiteral("bin"), QStringLiteral("--sku"), QStringLiteral("NOPE"),
                      QStringLiteral("--location"), location, QStringLiteral("--bin"), QStringLiteral("Z-1")})
                     .code,
                 1);
        QCOMPARE(ctl({QStringLiteral("bin"), QStringLiteral("--sku"), QStringLiteral("KIT-1001")}).code, 2);
        // Packing needs the order released first.
        QCOMPARE(
            ctl({QStringLiteral("pack"), number, QStringLiteral("--scan"), QStringLiteral("KIT-1001")}).code,
            1);
        QCOMPARE(ctl({QStringLiteral("release"), number}).code, 0);

        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("pick.pdf"));
        const Run list = ctl({QStringLiteral("pick-list"), QStringLiteral("--location"), location,
                              QStringLiteral("--out"), pdf, QStringLiteral("--paper"),
                              QStringLiteral("letter"), QStringLiteral("--json")});
        QVERIFY2(list.code == 0, list.err.constData());
        const QJsonObject summary = json(list);
        QVERIFY(summary.value(QStringLiteral("lines")).toInt() >= 1);
        QVERIFY(summary.value(QStringLiteral("units")).toInt() >= 2);
        QVERIFY(summary.value(QStringLiteral("orders")).toInt() >= 1);
        QProcess info;
        info.start(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY(info.waitForFinished(60'000));
        QCOMPARE(info.exitCode(), 0);
        const QString infoText = QString::fromUtf8(info.readAllStandardOutput());
        QVERIFY2(QRegularExpression(QStringLiteral("Pages:\\s+[1-9]")).match(infoText).hasMatch(),
                 qPrintable(infoText));
        QVERIFY2(infoText.contains(QStringLiteral("letter")), qPrintable(infoText));
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(60'000));
        const QByteArray words = text.readAllStandardOutput();
        QVERIFY2(words.contains("Z-99") && words.contains(number.toUtf8()), words.constData());
        QCOMPARE(ctl({QStringLiteral("pick-list"), QStringLiteral("--location"), location,
                      QStringLiteral("--out"), pdf, QStringLiteral("--paper"), QStringLiteral("a3")})
                     .code,
                 2);
        QCOMPARE(ctl({QStringLiteral("pick-list"), QStringLiteral("--location"), QStringLiteral("NOWHERE"),
                      QStringLiteral("--out"), pdf})
                     .code,
                 1);

        // A wrong item, or one too many, is refused and counts nothing.
        const Run wrong
            = ctl({QStringLiteral("pack"), number, QStringLiteral("--scan"), QStringLiteral("TAB-1002")});
        QCOMPARE(wrong.code, 1);
        QVERIFY2(wrong.err.contains("Wrong item"), wrong.err.constData());
        const Run tooMany
            = ctl({QStringLiteral("pack"), number, QStringLiteral("--scan"), QStringLiteral("KIT-1001"),
                   QStringLiteral("--scan"), QStringLiteral("KIT-1001"), QStringLiteral("--scan"),
                   QStringLiteral("KIT-1001")});
        QCOMPARE(tooMany.code, 1);
        QVERIFY2(tooMany.err.contains("Too many"), tooMany.err.constData());
        const Run progress = ctl({QStringLiteral("pack"), number, QStringLiteral("--json")});
        QCOMPARE(progress.code, 0);
        QCOMPARE(json(progress).value(QStringLiteral("packed")).toInt(), 0);
        const Run one
            = ctl({QStringLiteral("pack"), number, QStringLiteral("--scan"), QStringLiteral("kit-1001")});
        QCOMPARE(one.code, 0);
        QVERIFY2(one.out.contains("1/2"), one.out.constData());
        const Run done = ctl({QStringLiteral("pack"), number, QStringLiteral("--scan"),
                              QStringLiteral("KIT-1001"), QStringLiteral("--json")});
        QCOMPARE(done.code, 0);
        QVERIFY(json(done).value(QStringLiteral("complete")).toBool());
        QCOMPARE(json(done).value(QStringLiteral("status")).toString(), QStringLiteral("packed"));
        QCOMPARE(ctl({QStringLiteral("check")}).code, 0);
    }

    void shipWithTrackingAndWeight()
    {
        QVERIFY(demo());
        const QString unpaid = place({QStringLiteral("--line"), QStringLiteral("KIT-1001:1")});
        QVERIFY(!unpaid.isEmpty());
        const Run refused = ctl({QStringLiteral("ship-order"), unpaid});
        QCOMPARE(refused.code, 1);
        QVERIFY2(refused.err.contains("not paid"), refused.err.constData());

        const QString number = place({QStringLiteral("--line"), QStringLiteral("KIT-1001:1"),
                                      QStringLiteral("--payment"), QStringLiteral("paid")});

        QVERIFY(!number.isEmpty());
        // A known structure with a wrong check digit, or a weight that is not kilograms: nothing ships.
        const Run invalid = ctl({QStringLiteral("ship-order"), number, QStringLiteral("--tracking"),
                                 QStringLiteral("1Z12345E0205271688")});
        QCOMPARE(invalid.code, 2);
        QVERIFY2(invalid.err.contains("check digit"), invalid.err.constData());
        QCOMPARE(
            ctl({QStringLiteral("ship-order"), number, QStringLiteral("--weight"), QStringLiteral("900g")})
                .code,
            2);
        QCOMPARE(
            ctl({QStringLiteral("ship-order"), number, QStringLiteral("--weight"), QStringLiteral("0,9")})
                .code,
            2);
        QCOMPARE(order(number).value(QStringLiteral("status")).toString(), QStringLiteral("allocated"));
        // A number of no known format ships, with a warning.
        const Run shipped
            = ctl({QStringLiteral("ship-order"), number, QStringLiteral("--carrier"), QStringLiteral("Local"),
                   QStringLiteral("--tracking"), QStringLiteral("ABC123"), QStringLiteral("--weight"),
                   QStringLiteral("1.25"), QStringLiteral("--json")});
        QVERIFY2(shipped.code == 0, shipped.err.constData());
        QVERIFY2(shipped.err.contains("warning"), shipped.err.constData());
        QCOMPARE(json(shipped).value(QStringLiteral("warnings")).toArray().size(), 1);
        const QJsonObject shipment
            = order(number).value(QStringLiteral("shipments")).toArray().first().toObject();
        QCOMPARE(shipment.value(QStringLiteral("weight_grams")).toInt(), 1250);
        QCOMPARE(shipment.value(QStringLiteral("tracking")).toString(), QStringLiteral("ABC123"));
    }

    void labelAsZpl()
    {
        QVERIFY(demo());
        const QString number = shippedOrder(QStringLiteral("1Z5R89390357567127"));
        QVERIFY(!number.isEmpty());
        QTemporaryDir dir;
        const QString zpl = dir.filePath(QStringLiteral("label.zpl"));
        const QString pdf = dir.filePath(QStringLiteral("label.pdf"));
        QCOMPARE(ctl({QStringLiteral("label"), number}).code, 2); // neither output
        const Run only = ctl({QStringLiteral("label"), number, QStringLiteral("--zpl"), zpl});
        QVERIFY2(only.code == 0, only.err.constData());
        QFile file(zpl);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray label = file.readAll();
        QVERIFY(label.startsWith("^XA"));
        QVERIFY(label.contains("1Z5R89390357567127"));
        QVERIFY(!QFile::exists(pdf));
        QVERIFY(QFile::remove(zpl));
        const Run both
            = ctl({QStringLiteral("label"), number, QStringLiteral("--out"), pdf, QStringLiteral("--zpl"),
                   zpl, QStringLiteral("--dpi"), QStringLiteral("300"), QStringLiteral("--json")});
        QVERIFY2(both.code == 0, both.err.constData());
        QVERIFY(QFile::exists(pdf) && QFile::exists(zpl));
        QCOMPARE(json(both).value(QStringLiteral("dpi")).toInt(), 300);
        QCOMPARE(ctl({QStringLiteral("label"), number, QStringLiteral("--zpl"), zpl, QStringLiteral("--dpi"),
                      QStringLiteral("250")})
                     .code,
                 2);
    }

    void trackValidate_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("says");
        QTest::addRow("valid UPS") << QStringLiteral("1Z5R89390357567127") << 0 << QByteArray("UPS");
        QTest::addRow("UPS with a wrong check digit")
            << QStringLiteral("1Z12345E0205271688") << 1 << QByteArray("check digit");
        QTest::addRow("unknown format") << QStringLiteral("ABC123") << 0 << QByteArray("warning");
    }

    void trackValidate()
    {
        QFETCH(QString, number);
        QFETCH(int, code);
        QFETCH(QByteArray, says);
        // No database needed: an unreachable one would be exit 3.
        const Run run = ctl({QStringLiteral("--db"), QStringLiteral("postgresql://nobody@127.0.0.1:1/none"),
                             QStringLiteral("track"), QStringLiteral("validate"), number},
                            false);
        QCOMPARE(run.code, code);
        QVERIFY2((run.out + run.err).contains(says), (run.out + run.err).constData());
        const Run asJson
            = ctl({QStringLiteral("--db"), QStringLiteral("postgresql://nobody@127.0.0.1:1/none"),
                   QStringLiteral("track"), QStringLiteral("validate"), number, QStringLiteral("--json")},
                  false);
        QCOMPARE(asJson.code, code);
        QCOMPARE(json(asJson).value(QStringLiteral("normalised")).toString(), number);
    }

    void trackAddAndImport()
    {
        QVERIFY(demo());
        const QString tracking = QStringLiteral("1Z5R89390357567127");
        const QString number = shippedOrder(tracking);
        QVERIFY(!number.isEmpty());
        QCOMPARE(ctl({QStringLiteral("track"), QStringLiteral("add"), tracking, QStringLiteral("--status"),
                      QStringLiteral("teleported")})
                     .code,
                 2);
        QCOMPARE(ctl({QStringLiteral("track"), QStringLiteral("add"), tracking, QStringLiteral("--status"),
                      QStringLiteral("in_transit"), QStringLiteral("--at"), QStringLiteral("yesterday")})
                     .code,
                 2);
        QCOMPARE(ctl({QStringLiteral("track"), QStringLiteral("add"), QStringLiteral("1Z999"),
                      QStringLiteral("--status"), QStringLiteral("delivered")})
                     .code,
                 1);
        const Run added = ctl({QStringLiteral("track"), QStringLiteral("add"), tracking,
                               QStringLiteral("--status"), QStringLiteral("Picked up"),
                               QStringLiteral("--at"), QStringLiteral("2026-11-27T10:00:00Z"),
                               QStringLiteral("--place"), QStringLiteral("Leeds"), QStringLiteral("--json")});
        QVERIFY2(added.code == 0, added.err.constData());
        QCOMPARE(json(added).value(QStringLiteral("shipment_status")).toString(),
                 QStringLiteral("in_transit"));
        QVERIFY(json(added).value(QStringLiteral("added")).toBool());
        const QJsonObject before = order(number);
        QCOMPARE(before.value(QStringLiteral("status")).toString(), QStringLiteral("shipped"));

        QTemporaryDir dir;
        auto write = [&](const QString &name, const QByteArray &content) {
            const QString path = dir.filePath(name);
            QFile file(path);
            return file.open(QIODevice::WriteOnly) && file.write(content) == content.size() ? path
                                                                                            : QString();
        };
        // A carrier's export: BOM, CRLF, header names of its own in any case, quoted commas and newlines.
        const QByteArray header = "\xEF\xBB\xBF"
                                  "AWB,Event Status,Date,Time,City,Details\r\n";
        const QByteArray good
            = "1Z5R89390357567127,Out for Delivery,2026-11-28,08:00,Leeds,\"On the van, \"\"blue\"\"\"\r\n"
              "1Z5R89390357567127,DELIVERED,2026-11-28,12:30,Leeds,\"Front door\r\nsigned: A.\"\r\n";
        const QString bad = write(QStringLiteral("bad.csv"),
                                  header + good
                                      + "1Z5R89390357567127,teleported,2026-11-28,13:00,Leeds,x\r\n"
                                        "1Z5R89390357567127,delivered,28/11/2026,14:00,Leeds,x\r\n"
                                        "1Z999,delivered,2026-11-28,15:00,Leeds,x\r\n");
        QVERIFY(!bad.isEmpty());
        const Run refused = ctl({QStringLiteral("track"), QStringLiteral("import"), bad});
        QCOMPARE(refused.code, 2);
        for (const QByteArray &problem :
             {QByteArray("bad.csv:5: Event Status:"), QByteArray("bad.csv:6: Date + Time:"),
              QByteArray("bad.csv:7: AWB:")}) {
            QVERIFY2(refused.err.contains(problem), refused.err.constData());
        }
        QVERIFY2(refused.err.contains("nothing was imported"), refused.err.constData());
        QCOMPARE(order(number), before);

        const QString unknown = write(QStringLiteral("unknown.csv"),
                                      header + good + "1Z999,delivered,2026-11-28,15:00,Leeds,x\r\n");

        QVERIFY(!unknown.isEmpty());
        const Run stranger = ctl({QStringLiteral("track"), QStringLiteral("import"), unknown});
        QCOMPARE(stranger.code, 1);
        QVERIFY2(stranger.err.contains("unknown.csv:5: AWB:"), stranger.err.constData());
        QCOMPARE(order(number), before);

        const QString headless
            = write(QStringLiteral("headless.csv"), "tracking,status\n1Z5R89390357567127,delivered\n");

        QVERIFY(!headless.isEmpty());
        const Run noTime = ctl({QStringLiteral("track"), QStringLiteral("import"), headless});
        QCOMPARE(noTime.code, 2);
        QVERIFY2(noTime.err.contains("tracking_number,status,occurred_at"), noTime.err.constData());
        const QString open
            = write(QStringLiteral("open.csv"), header + "1Z5R89390357567127,delivered,\"2026-11-28\n");
        QVERIFY(!open.isEmpty());
        QCOMPARE(ctl({QStringLiteral("track"), QStringLiteral("import"), open}).code, 2);
        QCOMPARE(
            ctl({QStringLiteral("track"), QStringLiteral("import"), dir.filePath(QStringLiteral("none.csv"))})
                .code,
            2);
        QCOMPARE(order(number), before);

        const QString file = write(QStringLiteral("good.csv"), header + good);

        QVERIFY(!file.isEmpty());
        const Run imported
            = ctl({QStringLiteral("track"), QStringLiteral("import"), file, QStringLiteral("--json")});
        QVERIFY2(imported.code == 0, imported.err.constData());
        const QJsonObject summary = json(imported);
        QCOMPARE(summary.value(QStringLiteral("events")).toInt(), 2);
        QCOMPARE(summary.value(QStringLiteral("added")).toInt(), 2);
        QCOMPARE(summary.value(QStringLiteral("orders_delivered")).toInt(), 1);
        const QJsonObject after = order(number);
        QCOMPARE(after.value(QStringLiteral("status")).toString(), QStringLiteral("delivered"));
        const QJsonArray events = after.value(QStringLiteral("shipments"))
                                      .toArray()
                                      .first()
                                      .toObject()
                                      .value(QStringLiteral("events"))
                                      .toArray();
        QCOMPARE(events.size(), 3);
        bool multiLine = false;
        for (const QJsonValue &event : events) {
            multiLine = multiLine
                || event.toObject().value(QStringLiteral("description")).toString()
                    == QStringLiteral("Front door\nsigned: A.");
        }
        QVERIFY(multiLine);
        // The same file again: every event a duplicate, nothing changes.
        const Run again
            = ctl({QStringLiteral("track"), QStringLiteral("import"), file, QStringLiteral("--json")});
        QCOMPARE(again.code, 0);
        QCOMPARE(json(again).value(QStringLiteral("duplicates")).toInt(), 2);
        QCOMPARE(json(again).value(QStringLiteral("added")).toInt(), 0);
        QCOMPARE(ctl({QStringLiteral("track"), QStringLiteral("frobnicate")}).code, 2);
    }

    void returnsRestockAndRefund()
    {
        QVERIFY(demo());
        const Run placed
            = ctl({QStringLiteral("place-order"), QStringLiteral("--line"), QStringLiteral("KIT-1001:2"),
                   QStringLiteral("--payment"), QStringLiteral("paid"), QStringLiteral("--json")});
        QCOMPARE(placed.code, 0);
        const QString number = json(placed).value(QStringLiteral("order")).toString();
        QCOMPARE(ctl({QStringLiteral("ship-order"), number}).code, 0);
        auto onHand = [&]() {
            const Run stock
                = ctl({QStringLiteral("stock"), QStringLiteral("--json"), QStringLiteral("--sku"),
                       QStringLiteral("KIT-1001"), QStringLiteral("--location"), QStringLiteral("BRISTOL")});
            return QJsonDocument::fromJson(stock.out)
                .array()
                .first()
                .toObject()
                .value(QStringLiteral("on_hand"))
                .toInt();
        };
        const int before = onHand();

        QCOMPARE(ctl({QStringLiteral("return"), QStringLiteral("create"), number, QStringLiteral("--line"),
                      QStringLiteral("KIT-1001:3")})
                     .code,
                 1); // only 2 shipped
        QCOMPARE(ctl({QStringLiteral("return"), QStringLiteral("create"), number, QStringLiteral("--line"),
                      QStringLiteral("KIT-1001")})
                     .code,
                 2);
        const Run created
            = ctl({QStringLiteral("return"), QStringLiteral("create"), number, QStringLiteral("--line"),
                   QStringLiteral("KIT-1001:2"), QStringLiteral("--reason"), QStringLiteral("too big")});
        QVERIFY2(created.code == 0, created.err.constData());
        const QString rma = QString::fromUtf8(created.out.trimmed());
        QVERIFY2(rma.startsWith(QStringLiteral("RMA-")), qPrintable(rma));
        QCOMPARE(ctl({QStringLiteral("return"), QStringLiteral("refund"), rma}).code, 1); // not received yet
        QCOMPARE(ctl({QStringLiteral("return"), QStringLiteral("receive"), rma, QStringLiteral("--restock"),
                      QStringLiteral("KIT-1001:1")})
                     .code,
                 2); // no location
        QCOMPARE(ctl({QStringLiteral("return"), QStringLiteral("receive"), rma, QStringLiteral("--writeoff"),
                      QStringLiteral("KIT-1001:1:melted")})
                     .code,
                 2);
        const Run received
            = ctl({QStringLiteral("return"), QStringLiteral("receive"), rma, QStringLiteral("--restock"),
                   QStringLiteral("KIT-1001:1@BRISTOL"), QStringLiteral("--writeoff"),
                   QStringLiteral("KIT-1001:1:damaged"), QStringLiteral("--json")});
        QVERIFY2(received.code == 0, received.err.constData());
        QCOMPARE(json(received).value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(onHand(), before + 1);

        const Run shown
            = ctl({QStringLiteral("return"), QStringLiteral("show"), rma, QStringLiteral("--json")});
        QCOMPARE(shown.code, 0);
        const QJsonObject line = json(shown).value(QStringLiteral("lines")).toArray().first().toObject();
        QCOMPARE(line.value(QStringLiteral("restocked")).toInt(), 1);
        QCOMPARE(line.value(QStringLiteral("written_off")).toInt(), 1);
        QCOMPARE(ctl({QStringLiteral("return"), QStringLiteral("refund"), rma, QStringLiteral("--amount"),
                      QStringLiteral("ten")})
                     .code,
                 2);
        QCOMPARE(ctl({QStringLiteral("return"), QStringLiteral("refund"), rma}).code, 0);
        QCOMPARE(ctl({QStringLiteral("return"), QStringLiteral("refund"), rma}).code, 1); // once only
        const QJsonObject detail = order(number);
        QCOMPARE(detail.value(QStringLiteral("payment")).toString(), QStringLiteral("refunded"));
        QCOMPARE(detail.value(QStringLiteral("returns")).toArray().size(), 1);
        QCOMPARE(ctl({QStringLiteral("return"), QStringLiteral("show"), QStringLiteral("RMA-999")}).code, 1);
        QCOMPARE(ctl({QStringLiteral("return"), QStringLiteral("show"), QStringLiteral("nonsense")}).code, 2);
        QCOMPARE(ctl({QStringLiteral("check")}).code, 0);
    }

    void orderInFull()
    {
        QVERIFY(demo());
        const QString number = shippedOrder(QStringLiteral("1Z5R89390357567127"));
        QVERIFY(!number.isEmpty());
        const Run full = ctl({QStringLiteral("order"), number, QStringLiteral("--json")});
        QCOMPARE(full.code, 0);
        const QJsonObject detail = json(full);
        for (const QString &key :
             {QStringLiteral("order"), QStringLiteral("status"), QStringLiteral("payment"),
              QStringLiteral("customer"), QStringLiteral("rules"), QStringLiteral("lines"),
              QStringLiteral("allocations"), QStringLiteral("shipments"), QStringLiteral("returns"),
              QStringLiteral("history")}) {
            QVERIFY2(detail.contains(key), qPrintable(key));
        }
        QCOMPARE(detail.value(QStringLiteral("order")).toString(), number);
        QCOMPARE(detail.value(QStringLiteral("status")).toString(), QStringLiteral("shipped"));
        QCOMPARE(detail.value(QStringLiteral("customer")).toString(), QStringLiteral("Ada Lovelace"));
        QCOMPARE(detail.value(QStringLiteral("lines"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("sku"))
                     .toString(),
                 QStringLiteral("KIT-1001"));
        QCOMPARE(detail.value(QStringLiteral("shipments")).toArray().size(), 1);
        QVERIFY(detail.value(QStringLiteral("history")).toArray().size() >= 2);
        QCOMPARE(ctl({QStringLiteral("show-order"), number, QStringLiteral("--json")}).out, full.out);
        const Run text = ctl({QStringLiteral("order"), number});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.contains("1Z5R89390357567127") && text.out.contains("KIT-1001"),
                 text.out.constData());
        QCOMPARE(ctl({QStringLiteral("order"), QStringLiteral("SO-404")}).code, 1);
        QCOMPARE(ctl({QStringLiteral("order")}).code, 2);
    }

    void customerRules()
    {
        QVERIFY(demo());
        QCOMPARE(ctl({QStringLiteral("customer"), QStringLiteral("Nobody Here")}).code, 1);
        const Run placed
            = ctl({QStringLiteral("place-order"), QStringLiteral("--line"), QStringLiteral("KIT-1001:1"),
                   QStringLiteral("--customer"), QStringLiteral("Trade Buyer"), QStringLiteral("--json")});
        QVERIFY2(placed.code == 0, placed.err.constData());
        const Run set = ctl({QStringLiteral("customer"), QStringLiteral("Trade Buyer"),
                             QStringLiteral("--pay-later"), QStringLiteral("yes"), QStringLiteral("--json")});
        QVERIFY2(set.code == 0, set.err.constData());
        QVERIFY(json(set).value(QStringLiteral("pay_later")).toBool());
        // Pay-later customers' orders are released unpaid.
        const QString number = json(placed).value(QStringLiteral("order")).toString();
        const Run released = ctl({QStringLiteral("release"), number});
        QVERIFY2(released.code == 0, released.err.constData());
        QCOMPARE(ctl({QStringLiteral("customer"), QStringLiteral("Trade Buyer"),
                      QStringLiteral("--pay-later"), QStringLiteral("perhaps")})
                     .code,
                 2);
    }

    void channelRules()
    {
        QVERIFY(demo());
        QCOMPARE(ctl({QStringLiteral("channel"), QStringLiteral("market")}).code, 1); // no such channel yet
        const Run set
            = ctl({QStringLiteral("channel"), QStringLiteral("market"), QStringLiteral("--pay-later"),
                   QStringLiteral("yes"), QStringLiteral("--ship-from"), QStringLiteral("LEEDS,BRISTOL"),
                   QStringLiteral("--json")});
        QVERIFY2(set.code == 0, set.err.constData());
        QCOMPARE(json(set).value(QStringLiteral("ship_from")).toArray().size(), 2);
        // One rule changed at a time keeps the other.
        const Run any = ctl({QStringLiteral("channel"), QStringLiteral("market"),
                             QStringLiteral("--ship-from"), QString(), QStringLiteral("--json")});
        QCOMPARE(any.code, 0);
        QVERIFY(json(any).value(QStringLiteral("pay_later")).toBool());
        QVERIFY(json(any).value(QStringLiteral("ship_from")).toArray().isEmpty());
        QCOMPARE(ctl({QStringLiteral("channel"), QStringLiteral("market"), QStringLiteral("--ship-from"),
                      QStringLiteral("NOWHERE")})
                     .code,
                 1);
        QCOMPARE(ctl({QStringLiteral("channel"), QStringLiteral("market"), QStringLiteral("--pay-later"),
                      QStringLiteral("maybe")})
                     .code,
                 2);
        const Run shown
            = ctl({QStringLiteral("channel"), QStringLiteral("market"), QStringLiteral("--json")});
        QCOMPARE(shown.code, 0);
        QCOMPARE(json(shown), json(any));
        // Pays later: released for picking unpaid.
        const QString number = place({QStringLiteral("--line"), QStringLiteral("KIT-1001:1"),
                                      QStringLiteral("--channel"), QStringLiteral("market")});
        QVERIFY(!number.isEmpty());
        const Run released = ctl({QStringLiteral("release"), number});
        QVERIFY2(released.code == 0, released.err.constData());
    }

    // ---- Inventory operations ----------------------------------------------------------------------

    void purchaseOrderReceivedInTwoParts()
    {
        QVERIFY(demo());
        QCOMPARE(ctl({QStringLiteral("supplier"), QStringLiteral("add"), QStringLiteral("--name"),
                      QStringLiteral("Acme Tools"), QStringLiteral("--lead-time-days"), QStringLiteral("5")})
                     .code,
                 0);
        QCOMPARE(ctl({QStringLiteral("supplier"), QStringLiteral("add"), QStringLiteral("--name"),
                      QStringLiteral("Acme Tools")})
                     .code,
                 1); // once only
        const Run unknownSku
            = ctl({QStringLiteral("po"), QStringLiteral("create"), QStringLiteral("--supplier"),
                   QStringLiteral("Acme Tools"), QStringLiteral("--location"), QStringLiteral("LEEDS"),
                   QStringLiteral("--line"), QStringLiteral("NOPE-1:3")});
        QCOMPARE(unknownSku.code, 1);
        QVERIFY2(unknownSku.err.contains("NOPE-1"), unknownSku.err.constData());
        const Run badQty
            = ctl({QStringLiteral("po"), QStringLiteral("create"), QStringLiteral("--supplier"),
                   QStringLiteral("Acme Tools"), QStringLiteral("--location"), QStringLiteral("LEEDS"),
                   QStringLiteral("--line"), QStringLiteral("KIT-1001:abc")});
        QCOMPARE(badQty.code, 2);
        QVERIFY2(badQty.err.contains("--line") && badQty.err.contains("KIT-1001:abc"),
                 badQty.err.constData());

        const int before = onHand(QStringLiteral("KIT-1001"), QStringLiteral("LEEDS"));
        const Run created
            = ctl({QStringLiteral("po"), QStringLiteral("create"), QStringLiteral("--supplier"),
                   QStringLiteral("Acme Tools"), QStringLiteral("--location"), QStringLiteral("LEEDS"),
                   QStringLiteral("--expected"), QStringLiteral("2026-12-01"), QStringLiteral("--line"),
                   QStringLiteral("KIT-1001:10:12.50"), QStringLiteral("--line"),
                   QStringLiteral("TAB-1002:4"), QStringLiteral("--json")});
        QVERIFY2(created.code == 0, created.err.constData());
        const QString po = json(created).value(QStringLiteral("purchase_order")).toString();
        QVERIFY2(po.startsWith(QStringLiteral("PO-")), qPrintable(po));
        QCOMPARE(json(created).value(QStringLiteral("status")).toString(), QStringLiteral("draft"));
        QCOMPARE(firstLine(json(created)).value(QStringLiteral("unit_cost_cents")).toInteger(), 1250);

        // A draft was never sent: nothing can arrive against it.
        const Run early = ctl({QStringLiteral("po"), QStringLiteral("receive"), po, QStringLiteral("--line"),
                               QStringLiteral("KIT-1001:1")});
        QCOMPARE(early.code, 1);
        QVERIFY2(early.err.contains("draft"), early.err.constData());
        const Run ordered
            = ctl({QStringLiteral("po"), QStringLiteral("order"), po, QStringLiteral("--json")});
        QVERIFY2(ordered.code == 0, ordered.err.constData());
        QCOMPARE(json(ordered).value(QStringLiteral("status")).toString(), QStringLiteral("ordered"));
        const int version = json(ordered).value(QStringLiteral("version")).toInt();
        QCOMPARE(level(QStringLiteral("KIT-1001"), QStringLiteral("LEEDS"))
                     .value(QStringLiteral("on_order"))
                     .toInt(),
                 10);

        // Someone else's version is refused; then the first part, then the rest with two more than ordered.
        QCOMPARE(ctl({QStringLiteral("po"), QStringLiteral("receive"), po, QStringLiteral("--line"),
                      QStringLiteral("KIT-1001:6"), QStringLiteral("--expect-version"),
                      QString::number(version - 1)})
                     .code,
                 1);
        const Run first
            = ctl({QStringLiteral("po"), QStringLiteral("receive"), po, QStringLiteral("--line"),
                   QStringLiteral("KIT-1001:6"), QStringLiteral("--note"), QStringLiteral("first pallet"),
                   QStringLiteral("--expect-version"), QString::number(version), QStringLiteral("--json")});
        QVERIFY2(first.code == 0, first.err.constData());
        QCOMPARE(json(first).value(QStringLiteral("status")).toString(),
                 QStringLiteral("partially_received"));
        QCOMPARE(firstLine(json(first)).value(QStringLiteral("short")).toInt(), 4);
        const Run rest
            = ctl({QStringLiteral("po"), QStringLiteral("receive"), po, QStringLiteral("--line"),
                   QStringLiteral("KIT-1001:6"), QStringLiteral("--line"), QStringLiteral("TAB-1002:4")});
        QVERIFY2(rest.code == 0, rest.err.constData());

        const Run shown = ctl({QStringLiteral("po"), QStringLiteral("show"), po, QStringLiteral("--json")});
        QCOMPARE(shown.code, 0);
        const QJsonObject document = json(shown);
        QCOMPARE(document.value(QStringLiteral("status")).toString(), QStringLiteral("received"));
        QCOMPARE(document.value(QStringLiteral("supplier")).toString(), QStringLiteral("Acme Tools"));
        QCOMPARE(document.value(QStringLiteral("expected")).toString(), QStringLiteral("2026-12-01"));
        QVERIFY(document.value(QStringLiteral("ordered_at")).isString());
        QVERIFY(document.value(QStringLiteral("closed_at")).isString());
        const QJsonArray lines = document.value(QStringLiteral("lines")).toArray();
        QCOMPARE(lines.size(), 2);
        const QJsonObject kit = lines.at(0).toObject();
        QCOMPARE(kit.value(QStringLiteral("sku")).toString(), QStringLiteral("KIT-1001"));
        QCOMPARE(kit.value(QStringLiteral("ordered")).toInt(), 10);
        QCOMPARE(kit.value(QStringLiteral("received")).toInt(), 12);
        QCOMPARE(kit.value(QStringLiteral("over")).toInt(), 2);
        QCOMPARE(kit.value(QStringLiteral("short")).toInt(), 0);
        QCOMPARE(lines.at(1).toObject().value(QStringLiteral("received")).toInt(), 4);
        const Run text = ctl({QStringLiteral("po"), QStringLiteral("show"), po});
        QVERIFY2(text.out.contains(po.toUtf8()) && text.out.contains("2 over"), text.out.constData());

        QCOMPARE(onHand(QStringLiteral("KIT-1001"), QStringLiteral("LEEDS")), before + 12);
        QCOMPARE(level(QStringLiteral("KIT-1001"), QStringLiteral("LEEDS"))
                     .value(QStringLiteral("on_order"))
                     .toInt(),
                 0);
        // The ledger: both receipts, newest first, with the purchase order's number and the balance after each.
        const QJsonArray movements = ledger(QStringLiteral("KIT-1001"), QStringLiteral("LEEDS"), 2);
        QCOMPARE(movements.size(), 2);
        const QJsonObject latest = movements.at(0).toObject();
        const QJsonObject earlier = movements.at(1).toObject();
        for (const QJsonObject &row : {latest, earlier}) {
            QCOMPARE(row.value(QStringLiteral("reason")).toString(), QStringLiteral("receipt"));
            QCOMPARE(row.value(QStringLiteral("reference")).toString(), po);
            QCOMPARE(row.value(QStringLiteral("delta_on_hand")).toInt(), 6);
            QCOMPARE(row.value(QStringLiteral("location")).toString(), QStringLiteral("LEEDS"));
        }
        QCOMPARE(latest.value(QStringLiteral("on_hand_after")).toInt(), before + 12);
        QCOMPARE(earlier.value(QStringLiteral("on_hand_after")).toInt(), before + 6);
        QCOMPARE(earlier.value(QStringLiteral("note")).toString(), QStringLiteral("first pallet"));
        QVERIFY(latest.value(QStringLiteral("id")).toInteger()
                > earlier.value(QStringLiteral("id")).toInteger());
        // The next page starts below the last row shown.
        const Run page
            = ctl({QStringLiteral("ledger"), QStringLiteral("--json"), QStringLiteral("--sku"),
                   QStringLiteral("KIT-1001"), QStringLiteral("--location"), QStringLiteral("LEEDS"),
                   QStringLiteral("--limit"), QStringLiteral("1"), QStringLiteral("--before"),
                   QString::number(earlier.value(QStringLiteral("id")).toInteger())});
        QCOMPARE(page.code, 0);
        const QJsonObject older = json(page).value(QStringLiteral("movements")).toArray().at(0).toObject();
        QVERIFY(older.value(QStringLiteral("id")).toInteger()
                < earlier.value(QStringLiteral("id")).toInteger());
        QCOMPARE(older.value(QStringLiteral("on_hand_after")).toInt(), before);

        QCOMPARE(ctl({QStringLiteral("po"), QStringLiteral("cancel"), po}).code, 1); // goods came in
        QCOMPARE(ctl({QStringLiteral("check")}).code, 0);
    }

    void transferWithAMissingUnit()
    {
        QVERIFY(demo());
        const QString sku = QStringLiteral("KIT-1001");
        const QString from = QStringLiteral("LEEDS");
        const QString to = QStringLiteral("BRISTOL");
        const int fromBefore = onHand(sku, from);
        const int toBefore = onHand(sku, to);
        QVERIFY(level(sku, from).value(QStringLiteral("available")).toInt() >= 3);

        const Run created
            = ctl({QStringLiteral("transfer"), QStringLiteral("create"), QStringLiteral("--from"), from,
                   QStringLiteral("--to"), to, QStringLiteral("--line"), QStringLiteral("KIT-1001:3"),
                   QStringLiteral("--note"), QStringLiteral("weekly top-up"), QStringLiteral("--json")});
        QVERIFY2(created.code == 0, created.err.constData());
        const QString number = json(created).value(QStringLiteral("transfer")).toString();
        QVERIFY2(number.startsWith(QStringLiteral("TR-")), qPrintable(number));
        QCOMPARE(json(created).value(QStringLiteral("status")).toString(), QStringLiteral("draft"));
        auto shown = [&]() {
            return json(
                ctl({QStringLiteral("transfer"), QStringLiteral("show"), number, QStringLiteral("--json")}));
        };

        // Illegal steps say why and change nothing.
        const Run early = ctl({QStringLiteral("transfer"), QStringLiteral("ship"), number});
        QCOMPARE(early.code, 1);
        QVERIFY2(early.err.contains("draft"), early.err.constData());
        QCOMPARE(ctl({QStringLiteral("transfer"), QStringLiteral("receive"), number, QStringLiteral("--line"),
                      QStringLiteral("KIT-1001:1")})
                     .code,
                 1);
        QCOMPARE(ctl({QStringLiteral("transfer"), QStringLiteral("request"), number}).code, 0);
        QCOMPARE(onHand(sku, from), fromBefore);

        // Shipped: gone from the source, in transit to the destination.
        const Run shipped
            = ctl({QStringLiteral("transfer"), QStringLiteral("ship"), number, QStringLiteral("--json")});
        QVERIFY2(shipped.code == 0, shipped.err.constData());
        QCOMPARE(json(shipped).value(QStringLiteral("status")).toString(), QStringLiteral("in_transit"));
        QCOMPARE(onHand(sku, from), fromBefore - 3);
        QCOMPARE(onHand(sku, to), toBefore);
        QCOMPARE(level(sku, to).value(QStringLiteral("in_transit")).toInt(), 3);
        QJsonObject line = firstLine(shown());
        QCOMPARE(line.value(QStringLiteral("shipped")).toInt(), 3);
        QCOMPARE(line.value(QStringLiteral("in_transit")).toInt(), 3);

        // Two arrive, one is reported missing: it stays in transit until a manager decides.
        const Run bad = ctl({QStringLiteral("transfer"), QStringLiteral("receive"), number,
                             QStringLiteral("--missing"), QStringLiteral("KIT-1001:1")});
        QCOMPARE(bad.code, 2); // no reason
        const Run received
            = ctl({QStringLiteral("transfer"), QStringLiteral("receive"), number, QStringLiteral("--line"),
                   QStringLiteral("KIT-1001:2"), QStringLiteral("--missing"),
                   QStringLiteral("KIT-1001:1:damaged"), QStringLiteral("--json")});
        QVERIFY2(received.code == 0, received.err.constData());
        QCOMPARE(json(received).value(QStringLiteral("status")).toString(), QStringLiteral("in_transit"));
        line = firstLine(shown());
        QCOMPARE(line.value(QStringLiteral("received")).toInt(), 2);
        QCOMPARE(line.value(QStringLiteral("missing")).toInt(), 1);
        QCOMPARE(line.value(QStringLiteral("in_transit")).toInt(), 1);
        QCOMPARE(line.value(QStringLiteral("reason")).toString(), QStringLiteral("damaged"));
        QCOMPARE(onHand(sku, to), toBefore + 2);
        QCOMPARE(level(sku, to).value(QStringLiteral("in_transit")).toInt(), 1);
        QCOMPARE(ctl({QStringLiteral("transfer"), QStringLiteral("receive"), number, QStringLiteral("--line"),
                      QStringLiteral("KIT-1001:1")})
                     .code,
                 1); // nothing more is expected

        const Run approved = ctl({QStringLiteral("transfer"), QStringLiteral("approve-missing"), number,
                                  QStringLiteral("--json")});
        QVERIFY2(approved.code == 0, approved.err.constData());
        QCOMPARE(json(approved).value(QStringLiteral("status")).toString(), QStringLiteral("received"));
        line = firstLine(json(approved));
        QCOMPARE(line.value(QStringLiteral("written_off")).toInt(), 1);
        QCOMPARE(line.value(QStringLiteral("missing")).toInt(), 0);
        QCOMPARE(line.value(QStringLiteral("in_transit")).toInt(), 0);
        QCOMPARE(level(sku, to).value(QStringLiteral("in_transit")).toInt(), 0);
        QCOMPARE(onHand(sku, to), toBefore + 2);
        QCOMPARE(onHand(sku, from), fromBefore - 3);
        QCOMPARE(ctl({QStringLiteral("transfer"), QStringLiteral("approve-missing"), number}).code, 1);

        const QJsonObject arrival = ledger(sku, to, 1).at(0).toObject();
        QCOMPARE(arrival.value(QStringLiteral("reason")).toString(), QStringLiteral("transfer_in"));
        QCOMPARE(arrival.value(QStringLiteral("reference")).toString(), number);
        QCOMPARE(arrival.value(QStringLiteral("on_hand_after")).toInt(), toBefore + 2);
        const QJsonObject departure = ledger(sku, from, 1).at(0).toObject();
        QCOMPARE(departure.value(QStringLiteral("reason")).toString(), QStringLiteral("transfer_out"));
        QCOMPARE(departure.value(QStringLiteral("delta_on_hand")).toInt(), -3);
        QCOMPARE(ctl({QStringLiteral("check")}).code, 0);
    }

    void blindCountWithAVariance()
    {
        QVERIFY(demo());
        const QString sku = QStringLiteral("KIT-1001");
        const QString location = QStringLiteral("LEEDS");
        const int book = onHand(sku, location);
        const int reserved = level(sku, location).value(QStringLiteral("reserved")).toInt();
        // One short when that leaves the reservations covered, else one over.
        const int counted = book - 1 >= reserved ? book - 1 : book + 1;

        const Run started
            = ctl({QStringLiteral("count"), QStringLiteral("start"), QStringLiteral("--location"), location,
                   QStringLiteral("--sku"), sku, QStringLiteral("--json")});
        QVERIFY2(started.code == 0, started.err.constData());
        const QString number = json(started).value(QStringLiteral("count")).toString();
        QVERIFY2(number.startsWith(QStringLiteral("SC-")), qPrintable(number));
        QVERIFY(json(started).value(QStringLiteral("blind")).toBool());
        QCOMPARE(json(started).value(QStringLiteral("lines")).toArray().size(), 1);
        // Blind: the counter does not see what the books say; a manager does.
        QVERIFY(!firstLine(json(started)).contains(QStringLiteral("expected")));
        const Run hidden
            = ctl({QStringLiteral("count"), QStringLiteral("show"), number, QStringLiteral("--json")});
        QVERIFY(json(hidden).value(QStringLiteral("book_hidden")).toBool());
        QVERIFY(!firstLine(json(hidden)).contains(QStringLiteral("expected")));
        const Run manager = ctl({QStringLiteral("count"), QStringLiteral("show"), number,
                                 QStringLiteral("--manager"), QStringLiteral("--json")});
        QCOMPARE(firstLine(json(manager)).value(QStringLiteral("expected")).toInt(), book);

        const Run tooEarly = ctl({QStringLiteral("count"), QStringLiteral("approve"), number});
        QCOMPARE(tooEarly.code, 1);
        QVERIFY2(tooEarly.err.contains(number.toUtf8()), tooEarly.err.constData());
        QCOMPARE(ctl({QStringLiteral("count"), QStringLiteral("submit"), number}).code, 1); // not counted yet
        const Run badQty
            = ctl({QStringLiteral("count"), QStringLiteral("record"), number, QStringLiteral("--sku"), sku,
                   QStringLiteral("--qty"), QStringLiteral("abc")});
        QCOMPARE(badQty.code, 2);
        QVERIFY2(badQty.err.contains("--qty") && badQty.err.contains("abc"), badQty.err.constData());
        QCOMPARE(ctl({QStringLiteral("count"), QStringLiteral("record"), number, QStringLiteral("--sku"),
                      QStringLiteral("NOPE-1"), QStringLiteral("--qty"), QStringLiteral("1")})
                     .code,
                 1);
        const Run recorded
            = ctl({QStringLiteral("count"), QStringLiteral("record"), number, QStringLiteral("--sku"), sku,
                   QStringLiteral("--qty"), QString::number(counted), QStringLiteral("--json")});
        QVERIFY2(recorded.code == 0, recorded.err.constData());
        QCOMPARE(json(recorded).value(QStringLiteral("counted")).toInt(), counted);
        QVERIFY(!json(recorded).contains(QStringLiteral("expected")));

        const Run submitted
            = ctl({QStringLiteral("count"), QStringLiteral("submit"), number, QStringLiteral("--json")});
        QVERIFY2(submitted.code == 0, submitted.err.constData());
        // Submitted: the variance report is open to all, valued at the moving-average cost.
        const QJsonObject report = json(submitted);
        QCOMPARE(report.value(QStringLiteral("status")).toString(), QStringLiteral("submitted"));
        QVERIFY(!report.value(QStringLiteral("book_hidden")).toBool());
        const QJsonObject reported = firstLine(report);
        QCOMPARE(reported.value(QStringLiteral("expected")).toInt(), book);
        QCOMPARE(reported.value(QStringLiteral("book_at_count")).toInt(), book);
        QCOMPARE(reported.value(QStringLiteral("counted")).toInt(), counted);
        QCOMPARE(reported.value(QStringLiteral("variance")).toInt(), counted - book);
        QCOMPARE(reported.value(QStringLiteral("variance_value_cents")).toInteger(),
                 (counted - book) * reported.value(QStringLiteral("unit_cost_cents")).toInteger());
        const QJsonObject totals = report.value(QStringLiteral("totals")).toObject();
        QCOMPARE(totals.value(QStringLiteral("variance_units")).toInt(), counted - book);
        QCOMPARE(totals.value(QStringLiteral("lines_with_variance")).toInt(), 1);
        QCOMPARE(onHand(sku, location), book); // nothing booked before approval

        const int version = report.value(QStringLiteral("version")).toInt();
        QCOMPARE(ctl({QStringLiteral("count"), QStringLiteral("approve"), number,
                      QStringLiteral("--expect-version"), QString::number(version + 1)})
                     .code,
                 1);
        const Run approved
            = ctl({QStringLiteral("count"), QStringLiteral("approve"), number, QStringLiteral("--note"),
                   QStringLiteral("recounted twice"), QStringLiteral("--expect-version"),
                   QString::number(version), QStringLiteral("--json")});
        QVERIFY2(approved.code == 0, approved.err.constData());
        QCOMPARE(json(approved).value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
        QCOMPARE(firstLine(json(approved)).value(QStringLiteral("adjustment")).toInt(), counted - book);
        QCOMPARE(onHand(sku, location), counted);
        const QJsonObject adjustment = ledger(sku, location, 1).at(0).toObject();
        QCOMPARE(adjustment.value(QStringLiteral("reason")).toString(), QStringLiteral("count_adjust"));
        QCOMPARE(adjustment.value(QStringLiteral("reference")).toString(), number);
        QCOMPARE(adjustment.value(QStringLiteral("delta_on_hand")).toInt(), counted - book);
        QCOMPARE(adjustment.value(QStringLiteral("on_hand_after")).toInt(), counted);
        QCOMPARE(ctl({QStringLiteral("count"), QStringLiteral("reopen"), number}).code, 1); // decided
        QCOMPARE(ctl({QStringLiteral("check")}).code, 0);
    }

    void valuationMatchesStock()
    {
        QVERIFY(demo());
        // A receipt at another cost moves the average away from the list cost.
        QCOMPARE(ctl({QStringLiteral("supplier"), QStringLiteral("add"), QStringLiteral("--name"),
                      QStringLiteral("Acme")})
                     .code,
                 0);
        const Run created
            = ctl({QStringLiteral("po"), QStringLiteral("create"), QStringLiteral("--supplier"),
                   QStringLiteral("Acme"), QStringLiteral("--location"), QStringLiteral("BRISTOL"),
                   QStringLiteral("--line"), QStringLiteral("HOM-1003:7:99.99"), QStringLiteral("--json")});
        QVERIFY2(created.code == 0, created.err.constData());
        const QString po = json(created).value(QStringLiteral("purchase_order")).toString();
        QCOMPARE(ctl({QStringLiteral("po"), QStringLiteral("order"), po}).code, 0);
        QCOMPARE(ctl({QStringLiteral("po"), QStringLiteral("receive"), po, QStringLiteral("--line"),
                      QStringLiteral("HOM-1003:7")})
                     .code,
                 0);

        const Run stock = ctl({QStringLiteral("stock"), QStringLiteral("--json")});
        QCOMPARE(stock.code, 0);
        QHash<QString, qint64> units;
        QHash<QString, qint64> value;
        qint64 totalUnits = 0;
        qint64 totalValue = 0;
        for (const QJsonValue &entry : QJsonDocument::fromJson(stock.out).array()) {
            const QJsonObject row = entry.toObject();
            const qint64 onHand = row.value(QStringLiteral("on_hand")).toInteger();
            const qint64 cost = row.value(QStringLiteral("average_cost_cents")).toInteger();
            const QString location = row.value(QStringLiteral("location")).toString();
            units[location] += onHand;
            value[location] += onHand * cost;
            totalUnits += onHand;
            totalValue += onHand * cost;
        }
        const Run valuation = ctl({QStringLiteral("valuation"), QStringLiteral("--json")});
        QVERIFY2(valuation.code == 0, valuation.err.constData());
        const QJsonObject result = json(valuation);
        const QJsonArray locations = result.value(QStringLiteral("locations")).toArray();
        QCOMPARE(locations.size(), 3);
        for (const QJsonValue &entry : locations) {
            const QJsonObject location = entry.toObject();
            const QString code = location.value(QStringLiteral("location")).toString();
            QCOMPARE(location.value(QStringLiteral("units")).toInteger(), units.value(code));
            QCOMPARE(location.value(QStringLiteral("value_cents")).toInteger(), value.value(code));
        }
        const QJsonObject total = result.value(QStringLiteral("total")).toObject();
        QCOMPARE(total.value(QStringLiteral("units")).toInteger(), totalUnits);
        QCOMPARE(total.value(QStringLiteral("value_cents")).toInteger(), totalValue);
        QVERIFY(totalValue > 0);
        const Run text = ctl({QStringLiteral("valuation")});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.contains("BRISTOL") && text.out.contains("Total"), text.out.constData());
    }

    void productAddAndUpdate()
    {
        QCOMPARE(ctl({QStringLiteral("init")}).code, 0);
        const Run added
            = ctl({QStringLiteral("product"), QStringLiteral("add"), QStringLiteral("--sku"),
                   QStringLiteral("MUG-1"), QStringLiteral("--name"), QStringLiteral("Mug"),
                   QStringLiteral("--gtin"), QStringLiteral("4006381333931"), QStringLiteral("--cost"),
                   QStringLiteral("2.50"), QStringLiteral("--price"), QStringLiteral("6.99"),
                   QStringLiteral("--weight-grams"), QStringLiteral("300"), QStringLiteral("--json")});
        QVERIFY2(added.code == 0, added.err.constData());
        QCOMPARE(json(added).value(QStringLiteral("price_cents")).toInteger(), 699);
        QCOMPARE(ctl({QStringLiteral("product"), QStringLiteral("add"), QStringLiteral("--sku"),
                      QStringLiteral("MUG-1"), QStringLiteral("--name"), QStringLiteral("Again")})
                     .code,
                 1);
        const Run badPrice
            = ctl({QStringLiteral("product"), QStringLiteral("update"), QStringLiteral("--sku"),
                   QStringLiteral("MUG-1"), QStringLiteral("--price"), QStringLiteral("7,50")});
        QCOMPARE(badPrice.code, 2);
        QVERIFY2(badPrice.err.contains("--price") && badPrice.err.contains("7,50"), badPrice.err.constData());
        // Only what is given changes.
        const Run updated = ctl({QStringLiteral("product"), QStringLiteral("update"), QStringLiteral("--sku"),
                                 QStringLiteral("MUG-1"), QStringLiteral("--price"), QStringLiteral("7.50"),
                                 QStringLiteral("--inactive"), QStringLiteral("--json")});
        QVERIFY2(updated.code == 0, updated.err.constData());
        const QJsonObject product = json(updated);
        QCOMPARE(product.value(QStringLiteral("price_cents")).toInteger(), 750);
        QCOMPARE(product.value(QStringLiteral("unit_cost_cents")).toInteger(), 250);
        QCOMPARE(product.value(QStringLiteral("name")).toString(), QStringLiteral("Mug"));
        QCOMPARE(product.value(QStringLiteral("gtin")).toString(), QStringLiteral("4006381333931"));
        QCOMPARE(product.value(QStringLiteral("weight_grams")).toInt(), 300);
        QVERIFY(!product.value(QStringLiteral("active")).toBool());
        QCOMPARE(ctl({QStringLiteral("product"), QStringLiteral("update"), QStringLiteral("--sku"),
                      QStringLiteral("NOPE-1"), QStringLiteral("--price"), QStringLiteral("1")})
                     .code,
                 1);

        QCOMPARE(ctl({QStringLiteral("location"), QStringLiteral("add"), QStringLiteral("--code"),
                      QStringLiteral("YORK"), QStringLiteral("--name"), QStringLiteral("York shop"),
                      QStringLiteral("--kind"), QStringLiteral("moon")})
                     .code,
                 2);
        QCOMPARE(ctl({QStringLiteral("location"), QStringLiteral("add"), QStringLiteral("--code"),
                      QStringLiteral("YORK"), QStringLiteral("--name"), QStringLiteral("York shop"),
                      QStringLiteral("--kind"), QStringLiteral("store"), QStringLiteral("--priority"),
                      QStringLiteral("50")})
                     .code,
                 0);
        const Run moved = ctl({QStringLiteral("location"), QStringLiteral("update"), QStringLiteral("--code"),
                               QStringLiteral("YORK"), QStringLiteral("--region"), QStringLiteral("North"),
                               QStringLiteral("--json")});
        QVERIFY2(moved.code == 0, moved.err.constData());
        QCOMPARE(json(moved).value(QStringLiteral("kind")).toString(), QStringLiteral("store"));
        QCOMPARE(json(moved).value(QStringLiteral("priority")).toInt(), 50);
        QCOMPARE(json(moved).value(QStringLiteral("region")).toString(), QStringLiteral("North"));

        const Run settings
            = ctl({QStringLiteral("stock-settings"), QStringLiteral("--sku"), QStringLiteral("MUG-1"),
                   QStringLiteral("--location"), QStringLiteral("YORK"), QStringLiteral("--bin"),
                   QStringLiteral("B-02"), QStringLiteral("--reorder-point"), QStringLiteral("4"),
                   QStringLiteral("--json")});
        QVERIFY2(settings.code == 0, settings.err.constData());
        QCOMPARE(json(settings).value(QStringLiteral("bin")).toString(), QStringLiteral("B-02"));
        QCOMPARE(json(settings).value(QStringLiteral("reorder_point")).toInt(), 4);
        QCOMPARE(ctl({QStringLiteral("stock-settings"), QStringLiteral("--sku"), QStringLiteral("MUG-1"),
                      QStringLiteral("--location"), QStringLiteral("YORK"), QStringLiteral("--reorder-qty"),
                      QStringLiteral("lots")})
                     .code,
                 2);
    }

    void productImportAllOrNothing()
    {
        QVERIFY(demo());
        QTemporaryDir dir;
        auto write = [&](const QString &name, const QByteArray &content) {
            const QString path = dir.filePath(name);
            QFile file(path);
            return file.open(QIODevice::WriteOnly) && file.write(content) == content.size() ? path
                                                                                            : QString();
        };
        const QString good = write(QStringLiteral("products.csv"),
                                   "sku,name,gtin,unit_cost,price,weight_grams,active,on_hand,location\n"
                                   "IMP-1,Imported one,,1.00,2.00,100,true,10,LEEDS\n"
                                   "IMP-2,Imported two,,3.00,6.00,200,true,5,Bristol shop\n");
        QVERIFY(!good.isEmpty());
        const QStringList map {QStringLiteral("--map"), QStringLiteral("Bristol shop=BRISTOL")};

        const Run dry = ctl(QStringList {QStringLiteral("product"), QStringLiteral("import"), good,
                                         QStringLiteral("--dry-run"), QStringLiteral("--json")}
                            + map);
        QVERIFY2(dry.code == 0, dry.err.constData());
        QCOMPARE(json(dry).value(QStringLiteral("products_created")).toInt(), 2);
        QCOMPARE(json(dry).value(QStringLiteral("units_in")).toInteger(), 15);
        QVERIFY(json(dry).value(QStringLiteral("import")).isNull());
        QVERIFY(level(QStringLiteral("IMP-1"), QStringLiteral("LEEDS")).isEmpty()); // nothing changed

        const Run imported = ctl(
            QStringList {QStringLiteral("product"), QStringLiteral("import"), good, QStringLiteral("--json")}
            + map);
        QVERIFY2(imported.code == 0, imported.err.constData());
        const QJsonObject summary = json(imported);
        QCOMPARE(summary.value(QStringLiteral("products_created")).toInt(), 2);
        QCOMPARE(summary.value(QStringLiteral("stock_levels_set")).toInt(), 2);
        QCOMPARE(summary.value(QStringLiteral("units_in")).toInteger(), 15);
        QCOMPARE(summary.value(QStringLiteral("units_out")).toInteger(), 0);
        QCOMPARE(onHand(QStringLiteral("IMP-1"), QStringLiteral("LEEDS")), 10);
        QCOMPARE(onHand(QStringLiteral("IMP-2"), QStringLiteral("BRISTOL")), 5);
        const QJsonObject receipt
            = ledger(QStringLiteral("IMP-2"), QStringLiteral("BRISTOL"), 1).at(0).toObject();
        QCOMPARE(receipt.value(QStringLiteral("reason")).toString(), QStringLiteral("receipt"));
        QCOMPARE(receipt.value(QStringLiteral("reference")).toString(),
                 summary.value(QStringLiteral("import")).toString());
        QVERIFY(receipt.value(QStringLiteral("reference")).toString().startsWith(QStringLiteral("import ")));
        // The same file again changes nothing.
        const Run again = ctl(QStringList {QStringLiteral("product"), QStringLiteral("import"), good} + map);
        QVERIFY2(again.code == 0, again.err.constData());
        QVERIFY2(again.out.contains("2 unchanged"), again.out.constData());

        // A bad cell, and a location we do not have: every problem with its line, nothing applied.
        const Run before = ctl({QStringLiteral("stock"), QStringLiteral("--json")});
        const QString bad = write(QStringLiteral("bad.csv"),
                                  "sku,name,gtin,unit_cost,price,weight_grams,active,on_hand,location\n"
                                  "IMP-3,Imported three,,1.00,2.00,100,true,10,LEEDS\n"
                                  "IMP-4,Imported four,,abc,6.00,200,true,5,LEEDS\n");
        const Run refused = ctl({QStringLiteral("product"), QStringLiteral("import"), bad});
        QCOMPARE(refused.code, 2);
        QVERIFY2(refused.err.contains("bad.csv:3:") && refused.err.contains("unit_cost"),
                 refused.err.constData());
        const QString nowhere = write(QStringLiteral("nowhere.csv"),
                                      "sku,name,gtin,unit_cost,price,weight_grams,active,on_hand,location\n"
                                      "IMP-1,Imported one,,1.00,2.00,100,true,12,LEEDS\n"
                                      "IMP-5,Imported five,,1.00,2.00,100,true,3,Atlantis\n");
        const Run unknown = ctl({QStringLiteral("product"), QStringLiteral("import"), nowhere});
        QCOMPARE(unknown.code, 2);
        QVERIFY2(unknown.err.contains("nowhere.csv:3:") && unknown.err.contains("Atlantis"),
                 unknown.err.constData());
        const Run after = ctl({QStringLiteral("stock"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(after.out), QJsonDocument::fromJson(before.out));
        QCOMPARE(ctl({QStringLiteral("product"), QStringLiteral("import"), good, QStringLiteral("--format"),
                      QStringLiteral("excel")})
                     .code,
                 2);
        QCOMPARE(ctl({QStringLiteral("check")}).code, 0);
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
        QTest::addRow("amount with a comma")
            << QStringList {QStringLiteral("pay"), QStringLiteral("SO-1"), QStringLiteral("--amount"),
                            QStringLiteral("12,50")}
            << 2;
        QTest::addRow("pay a missing order")
            << QStringList {QStringLiteral("pay"), QStringLiteral("SO-404")} << 1;
        QTest::addRow("release nothing") << QStringList {QStringLiteral("release")} << 2;
        QTest::addRow("hold a missing order")
            << QStringList {QStringLiteral("hold"), QStringLiteral("SO-404"), QStringLiteral("--reason"),
                            QStringLiteral("x")}
            << 1;
        QTest::addRow("pack a missing order")
            << QStringList {QStringLiteral("pack"), QStringLiteral("SO-404"), QStringLiteral("--scan"),
                            QStringLiteral("X")}
            << 1;
        QTest::addRow("pick list without a file")
            << QStringList {QStringLiteral("pick-list"), QStringLiteral("--location"),
                            QStringLiteral("LEEDS")}
            << 2;
        QTest::addRow("weight not in kilograms")
            << QStringList {QStringLiteral("ship-order"), QStringLiteral("SO-404"),
                            QStringLiteral("--weight"), QStringLiteral("1kg")}
            << 2;
        QTest::addRow("track without an action") << QStringList {QStringLiteral("track")} << 2;
        QTest::addRow("return without an action")
            << QStringList {QStringLiteral("return"), QStringLiteral("frob")} << 2;
        QTest::addRow("channel without a name") << QStringList {QStringLiteral("channel")} << 2;
        QTest::addRow("receive a missing purchase order")
            << QStringList {QStringLiteral("po"), QStringLiteral("receive"), QStringLiteral("PO-404"),
                            QStringLiteral("--line"), QStringLiteral("X:1")}
            << 1;
        QTest::addRow("purchase order line without a number")
            << QStringList {QStringLiteral("po"), QStringLiteral("receive"), QStringLiteral("PO-1"),
                            QStringLiteral("--line"), QStringLiteral("X:abc")}
            << 2;
        QTest::addRow("option of another action")
            << QStringList {QStringLiteral("po"), QStringLiteral("order"), QStringLiteral("PO-1"),
                            QStringLiteral("--line"), QStringLiteral("X:1")}
            << 2;
        QTest::addRow("po without an action") << QStringList {QStringLiteral("po")} << 2;
        QTest::addRow("show a missing transfer")
            << QStringList {QStringLiteral("transfer"), QStringLiteral("show"), QStringLiteral("TR-404")}
            << 1;
        QTest::addRow("transfer between unknown locations")
            << QStringList {QStringLiteral("transfer"), QStringLiteral("create"), QStringLiteral("--from"),
                            QStringLiteral("A"),        QStringLiteral("--to"),   QStringLiteral("B"),
                            QStringLiteral("--line"),   QStringLiteral("X:1")}
            << 1;
        QTest::addRow("count quantity not a number")
            << QStringList {QStringLiteral("count"), QStringLiteral("record"), QStringLiteral("SC-1"),
                            QStringLiteral("--sku"), QStringLiteral("X"),      QStringLiteral("--qty"),
                            QStringLiteral("abc")}
            << 2;
        QTest::addRow("approve a missing count")
            << QStringList {QStringLiteral("count"), QStringLiteral("approve"), QStringLiteral("SC-404")}
            << 1;
        QTest::addRow("reject a count without a reason")
            << QStringList {QStringLiteral("count"), QStringLiteral("reject"), QStringLiteral("SC-1")} << 2;
        QTest::addRow("ledger of an unknown SKU")
            << QStringList {QStringLiteral("ledger"), QStringLiteral("--sku"), QStringLiteral("NOPE")} << 1;
        QTest::addRow("ledger without a SKU") << QStringList {QStringLiteral("ledger")} << 2;
        QTest::addRow("product without a name")
            << QStringList {QStringLiteral("product"), QStringLiteral("add"), QStringLiteral("--sku"),
                            QStringLiteral("A")}
            << 2;
        QTest::addRow("import a missing file")
            << QStringList {QStringLiteral("product"), QStringLiteral("import"),
                            QStringLiteral("/nonexistent.csv")}
            << 2;
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
