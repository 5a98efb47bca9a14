// SPDX-License-Identifier: GPL-3.0-or-later
#include "changelogrepository.h"
#include "orderservice.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Stockroom;

/**
 * The PostgreSQL server restarts while `stockroomctl watch` runs: afterwards the watcher must report every
 * change committed before, during its absence and after, exactly once and in seq order. scripts/test.sh
 * tells how to stop and start its throwaway server (STOCKROOM_TEST_PG_STOP / _START).
 */
class TestFeedRestart : public QObject
{
    Q_OBJECT

private:
    static bool shell(const QString &command)
    {
        QProcess process;
        process.start(QStringLiteral("sh"), {QStringLiteral("-c"), command});
        return process.waitForFinished(60'000) && process.exitCode() == 0;
    }

    static bool placeOrders(Test::ScratchDatabase &scratch, const QString &name, int count)
    {
        std::unique_ptr<Database> db = scratch.open(name);
        if (!db) {
            return false;
        }
        ServiceContext context {*db, Clock(), QStringLiteral("restart-test")};
        PlaceOrderRequest request;
        request.lines = {{QStringLiteral("MUG"), 1, {}}};
        for (int i = 0; i < count; ++i) {
            if (!OrderService(context).place(request)) {
                return false;
            }
        }
        return true;
    }

private Q_SLOTS:
    void watcherCatchesUpAfterServerRestart()
    {
        if (Test::engineUnderTest() != Engine::PostgreSQL) {
            QSKIP("a server restart is a PostgreSQL matter");
        }
        const QString stop = qEnvironmentVariable("STOCKROOM_TEST_PG_STOP");
        const QString start = qEnvironmentVariable("STOCKROOM_TEST_PG_START");
        if (stop.isEmpty() || start.isEmpty()) {
            if (qEnvironmentVariableIsSet("CI")) {
                QFAIL("STOCKROOM_TEST_PG_STOP and STOCKROOM_TEST_PG_START are not set");
            }
            QSKIP("STOCKROOM_TEST_PG_STOP / STOCKROOM_TEST_PG_START not set: cannot restart the server");
        }
        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        qint64 after = 0;
        {
            std::unique_ptr<Database> db = scratch.open(QStringLiteral("seed"));
            QVERIFY(db);
            ServiceContext context {*db, Clock(), QStringLiteral("seed")};
            QVERIFY(Test::seedCatalog(context, {{QStringLiteral("LEEDS"), 10}}, {QStringLiteral("MUG")}));
            QVERIFY(StockService(context).receive(QStringLiteral("MUG"), QStringLiteral("LEEDS"), 100));
            after = ChangeLogRepository(*db).lastSeq().value();
        }

        // Three orders before, three after the restart: two changes each (stock and order).
        const int expected = 12;
        QProcess watcher;
        watcher.start(QStringLiteral(STOCKROOMCTL),
                      {QStringLiteral("--db"), scratch.connectionString(), QStringLiteral("watch"),
                       QStringLiteral("--after"), QString::number(after), QStringLiteral("--count"),
                       QString::number(expected)});
        QVERIFY(watcher.waitForStarted());
        QVERIFY(placeOrders(scratch, QStringLiteral("before"), 3));
        // Stop the server only once the watcher is up and has reported what came before.
        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT(
            (output += watcher.readAllStandardOutput(), output.count('\n') >= expected / 2), 20'000);

        QVERIFY2(shell(stop), qPrintable(stop));
        // The watcher notices (its safety poll fails) and starts retrying.
        QByteArray errors;
        QTRY_VERIFY_WITH_TIMEOUT((errors += watcher.readAllStandardError(), errors.contains("retrying")),
                                 20'000);
        QVERIFY2(shell(start), qPrintable(start));
        // Committed while the watcher is still away.
        QVERIFY(placeOrders(scratch, QStringLiteral("after"), 3));

        QVERIFY(watcher.waitForFinished(60'000));
        QCOMPARE(watcher.exitCode(), 0);
        output += watcher.readAllStandardOutput();
        QList<qint64> seqs;
        for (const QByteArray &line : output.split('\n')) {
            if (!line.trimmed().isEmpty()) {
                seqs << QJsonDocument::fromJson(line).object().value(QStringLiteral("seq")).toInteger();
            }
        }
        QCOMPARE(seqs.size(), expected);
        for (qsizetype i = 1; i < seqs.size(); ++i) {
            QVERIFY2(seqs.at(i) > seqs.at(i - 1), "in seq order, each once");
        }
        std::unique_ptr<Database> db = scratch.open(QStringLiteral("verify"));
        QVERIFY(db);
        const QList<ChangeRecord> all = ChangeLogRepository(*db).since(after).value();
        QList<qint64> stored;
        for (const ChangeRecord &change : all) {
            stored << change.seq;
        }
        QCOMPARE(seqs, stored);
    }
};

QTEST_GUILESS_MAIN(TestFeedRestart)
#include "tst_feedrestart.moc"
