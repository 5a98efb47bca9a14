// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogrepository.h"
#include "clock.h"
#include "migrations.h"
#include "stockrepository.h"
#include "testsupport.h"

#include <QTest>

using namespace Stockroom;

/** The store on a real engine: migrations, constraints, the append-only ledger, guarded updates. */
class TestStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    qint64 m_product = 0;
    qint64 m_location = 0;

private Q_SLOTS:
    void init()
    {
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open();
        QVERIFY(m_db);
        CatalogRepository catalog(*m_db);
        ProductRecord product;
        product.sku = QStringLiteral("MUG-1");
        product.name = QStringLiteral("Mug");
        LocationRecord location;
        location.code = QStringLiteral("LEEDS");
        location.name = QStringLiteral("Leeds");
        const Status seeded = m_db->write([&]() -> Status {
            STOCKROOM_TRY(productId,
                          catalog.insertProduct(product, QStringLiteral("2026-01-01T00:00:00.000Z")));
            STOCKROOM_TRY(locationId, catalog.insertLocation(location));
            m_product = productId;
            m_location = locationId;
            return StockRepository(*m_db).addOnHand(m_product, m_location, 10);
        });
        QVERIFY2(seeded, seeded ? "" : qPrintable(seeded.error().message));
    }

    void cleanup()
    {
        m_db.reset();
        m_scratch.reset();
    }

    void migrationsAreIdempotent()
    {
        QCOMPARE(Migrations::currentVersion(*m_db).value(), Migrations::latestVersion());
        const Result<int> again = Migrations::migrate(*m_db);
        QVERIFY(again);
        QCOMPARE(*again, 0);
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM schema_version")).value().toInt(),
                 Migrations::latestVersion());
    }

    void newerSchemaIsRefusedAndUntouched()
    {
        QVERIFY(
            m_db->execute(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"),
                          {Migrations::latestVersion() + 1, QStringLiteral("2099-01-01T00:00:00.000Z")}));
        const Result<int> refused = Migrations::migrate(*m_db);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Database);
        QVERIFY2(refused.error().message.contains(QLatin1String("newer")),
                 qPrintable(refused.error().message));
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT max(version) FROM schema_version")).value().toInt(),
                 Migrations::latestVersion() + 1);
    }

    void constraintsRefuseImpossibleStock_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addRow("negative on hand") << QStringLiteral("UPDATE stock_levels SET on_hand = -1");
        QTest::addRow("negative reserved") << QStringLiteral("UPDATE stock_levels SET reserved = -1");
        QTest::addRow("reserved above on hand")
            << QStringLiteral("UPDATE stock_levels SET reserved = on_hand + 1");
        QTest::addRow("unknown order state")
            << QStringLiteral("INSERT INTO orders (status, placed_at, updated_at) VALUES ('lost', 'x', 'x')");
        QTest::addRow("unknown ledger reason") << QStringLiteral(
            "INSERT INTO stock_movements (product_id, location_id, delta_on_hand, delta_reserved, "
            "reason, created_at) SELECT product_id, location_id, 1, 0, 'magic', 'x' FROM stock_levels");
        QTest::addRow("empty ledger row") << QStringLiteral(
            "INSERT INTO stock_movements (product_id, location_id, delta_on_hand, delta_reserved, "
            "reason, created_at) SELECT product_id, location_id, 0, 0, 'adjust', 'x' FROM stock_levels");
        QTest::addRow("stock of an unknown product") << QStringLiteral(
            "INSERT INTO stock_levels (product_id, location_id, on_hand) VALUES (999, 1, 1)");
    }

    void constraintsRefuseImpossibleStock()
    {
        QFETCH(QString, sql);
        const Status refused = m_db->write([&]() -> Status { return m_db->run(sql); });
        QVERIFY(!refused);
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT on_hand FROM stock_levels")).value().toInt(), 10);
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT reserved FROM stock_levels")).value().toInt(), 0);
    }

    void ledgerIsAppendOnly_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addRow("update") << QStringLiteral("UPDATE stock_movements SET delta_on_hand = 100");
        QTest::addRow("delete") << QStringLiteral("DELETE FROM stock_movements");
        if (Test::engineUnderTest() == Engine::PostgreSQL) {
            QTest::addRow("truncate") << QStringLiteral("TRUNCATE stock_movements");
        }
    }

    void ledgerIsAppendOnly()
    {
        QFETCH(QString, sql);
        Movement movement;
        movement.productId = m_product;
        movement.locationId = m_location;
        movement.deltaOnHand = 10;
        movement.reason = QStringLiteral("receipt");
        movement.createdAt = toStoredTime(QDateTime::currentDateTimeUtc());
        QVERIFY(m_db->write([&]() -> Status { return StockRepository(*m_db).appendMovement(movement); }));

        const Status refused = m_db->write([&]() -> Status { return m_db->run(sql); });
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QLatin1String("append-only")),
                 qPrintable(refused.error().message));
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM stock_movements")).value().toInt(), 1);
        QCOMPARE(
            m_db->scalar(QStringLiteral("SELECT sum(delta_on_hand) FROM stock_movements")).value().toInt(),
            10);
    }

    void guardedReservation()
    {
        StockRepository stock(*m_db);
        auto reserve = [&](int qty) {
            return m_db->write<bool>([&]() { return stock.reserve(m_product, m_location, qty); }).value();
        };
        QVERIFY(reserve(7));
        QVERIFY(!reserve(4)); // only 3 left: refused, not partially taken
        QVERIFY(reserve(3));
        QVERIFY(!reserve(1));
        const StockLevelRow level = stock.level(m_product, m_location).value();
        QCOMPARE(level.onHand, 10);
        QCOMPARE(level.reserved, 10);
        QCOMPARE(level.available(), 0);
        // Shipping more than reserved is refused by the guard.
        QVERIFY(
            !m_db->write<bool>([&]() { return stock.consumeReserved(m_product, m_location, 11); }).value());
        // Taking on hand below reserved is refused by the guard.
        QVERIFY(!m_db->write<bool>([&]() { return stock.adjustOnHand(m_product, m_location, -1); }).value());
    }

    void failedTransactionLeavesNothing()
    {
        StockRepository stock(*m_db);
        const Status failed = m_db->write([&]() -> Status {
            STOCKROOM_CHECK(stock.addOnHand(m_product, m_location, 5));
            return Error::business(QStringLiteral("changed my mind"));
        });
        QVERIFY(!failed);
        QCOMPARE(stock.level(m_product, m_location).value().onHand, 10);
    }

    void writesFromASecondConnectionWait()
    {
        // Two connections of one process: the second writer waits for the first instead of failing.
        std::unique_ptr<Database> other = m_scratch->open(QStringLiteral("second"));
        QVERIFY(other);
        StockRepository stock(*m_db);
        StockRepository otherStock(*other);
        QVERIFY(m_db->write([&]() -> Status { return stock.addOnHand(m_product, m_location, 1); }));
        QVERIFY(other->write([&]() -> Status { return otherStock.addOnHand(m_product, m_location, 1); }));
        QCOMPARE(stock.level(m_product, m_location).value().onHand, 12);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
