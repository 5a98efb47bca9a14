// SPDX-License-Identifier: GPL-3.0-or-later
#include "changelogrepository.h"
#include "demodata.h"
#include "migrations.h"
#include "orderimportservice.h"
#include "orderservice.h"
#include "presenceservice.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Stockroom;

/** test.sh names a CA only for a server with TLS: with a server without TLS the set-up is broken. */
#define STOCKROOM_REQUIRE_CA(ca)                                                                             \
    do {                                                                                                     \
        if ((ca).isEmpty()) {                                                                                \
            QVERIFY2(qEnvironmentVariable("STOCKROOM_TEST_PG_CA").isEmpty(),                                 \
                     "STOCKROOM_TEST_PG_CA is set, but the server has ssl off");                             \
            QSKIP("no TLS on the test server, or no CA named in STOCKROOM_TEST_PG_CA (scripts/test.sh "      \
                  "sets both)");                                                                             \
        }                                                                                                    \
    } while (false)

/**
 * PostgreSQL only. A desktop connects as a login role in the group role `stockroom_app` that the migrations
 * grant: it runs the shop through the services, but hand-written SQL cannot change or remove ledger or audit
 * rows, nor switch their triggers off. And TLS: sslmode=require encrypts, verify-full checks the server
 * against a CA file, a wrong CA or a server without TLS is refused with a clear message. scripts/test.sh runs
 * its server with a self-signed certificate and names it in STOCKROOM_TEST_PG_CA.
 */
class TestPgSecurity : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_owner; ///< the user that created and migrated the database
    std::unique_ptr<Database> m_desk; ///< a desktop's login role, member of stockroom_app
    QString m_deskRole;
    ConnectionSpec m_deskSpec;
    qint64 m_ledgerRows = 0;
    qint64 m_ledgerSum = 0;

    /** The desk's connection settings with other TLS settings (a new connection each time). */
    ConnectionSpec deskWithTls(const QString &mode, const QString &rootCert = {},
                               const QString &host = {}) const
    {
        ConnectionSpec spec = m_deskSpec;
        spec.sslMode = mode;
        spec.sslRootCert = rootCert;
        if (!host.isEmpty()) {
            spec.host = host;
        }
        return spec;
    }

    bool serverHasTls()
    {
        return m_owner->scalar(QStringLiteral("SELECT current_setting('ssl')")).value().toString() == "on";
    }

    /** The CA file of the test server's certificate (scripts/test.sh), when the server has TLS. */
    QString serverCa() { return serverHasTls() ? qEnvironmentVariable("STOCKROOM_TEST_PG_CA") : QString(); }

    /** The number and sum of the ledger's rows, as the owner sees them. */
    std::pair<qint64, qint64> ledger()
    {
        const Rows rows
            = m_owner
                  ->select(QStringLiteral("SELECT count(*), coalesce(sum(delta_on_hand), 0) + "
                                          "coalesce(sum(delta_reserved), 0) FROM stock_movements"))
                  .value();
        return {rows.first().value(0).toLongLong(), rows.first().value(1).toLongLong()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (Test::engineUnderTest() != Engine::PostgreSQL) {
            QSKIP("roles, grants and TLS are PostgreSQL matters (STOCKROOM_TEST_ENGINE=postgresql)");
        }
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_owner = m_scratch->open(QStringLiteral("owner"));
        QVERIFY(m_owner);
        // A unique name per run: roles belong to the whole cluster, which other tests share.
        m_deskRole = QStringLiteral("stockroom_desk_%1_%2")
                         .arg(QCoreApplication::applicationPid())
                         .arg(QRandomGenerator::global()->bounded(1000000));
        // The name is ours (letters and digits): DDL cannot take it as a bound value.
        QVERIFY(m_owner->run(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD 'desk-secret' IN ROLE %2")
                                 .arg(m_deskRole, Migrations::applicationRole())));
        m_deskSpec = m_scratch->spec();
        m_deskSpec.user = m_deskRole;
        m_deskSpec.password = QStringLiteral("desk-secret");
        Result<std::unique_ptr<Database>> desk = Database::open(m_deskSpec, QStringLiteral("desk"));
        QVERIFY2(desk, desk ? "" : qPrintable(desk.error().message));
        m_desk = std::move(desk).value();
    }

    void cleanupTestCase()
    {
        m_desk.reset();
        if (m_owner && !m_deskRole.isEmpty()) {
            const Status dropped = m_owner->run(QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_deskRole));
            if (!dropped) {
                qWarning("cannot drop %s: %s", qPrintable(m_deskRole), qPrintable(dropped.error().message));
            }
        }
        m_owner.reset();
        m_scratch.reset();
    }

    void deskStartsWithoutChangingTheSchema()
    {
        // What every program does at start: the schema is current, so nothing is run.
        const Result<int> migrated = Migrations::migrate(*m_desk);
        QVERIFY2(migrated, migrated ? "" : qPrintable(migrated.error().message));
        QCOMPARE(*migrated, 0);
        QCOMPARE(m_desk->scalar(QStringLiteral("SELECT current_user")).value().toString(), m_deskRole);
        QCOMPARE(m_desk
                     ->scalar(QStringLiteral("SELECT count(*) FROM pg_class WHERE relowner = "
                                             "(SELECT oid FROM pg_roles WHERE rolname = current_user)"))
                     .value()
                     .toInt(),
                 0);
    }

    void deskRunsTheShopThroughTheServices()
    {
        // The demo history goes through the real services: orders, receipts, shipping, cancellations,
        // purchase orders, transfers, counts, backorders filled.
        DemoOptions options;
        options.products = 6;
        options.locations = 3;
        options.days = 45;
        const Result<DemoSummary> demo = DemoData::generate(*m_desk, options);
        QVERIFY2(demo, demo ? "" : qPrintable(demo.error().message));
        QVERIFY(demo->orders > 0);
        QVERIFY(demo->shippedOrders > 0);
        QVERIFY(demo->receipts > 0);

        ServiceContext context {*m_desk, Clock(), QStringLiteral("desk-clerk")};
        const QString sku
            = m_desk->scalar(QStringLiteral("SELECT min(sku) FROM products")).value().toString();
        const QString location
            = m_desk->scalar(QStringLiteral("SELECT min(code) FROM locations")).value().toString();
        QVERIFY(StockService(context).receive(sku, location, 7));
        PlaceOrderRequest request;
        request.lines = {{sku, 2, {}}};
        request.paymentStatus = QStringLiteral("paid");
        const Result<PlacedOrder> placed = OrderService(context).place(request);
        QVERIFY2(placed, placed ? "" : qPrintable(placed.error().message));
        const Result<OrderHeader> cancelled = OrderService(context).cancel(placed->number);
        QVERIFY2(cancelled, cancelled ? "" : qPrintable(cancelled.error().message));

        // The tables the program deletes from: aliases, presence, the change log.
        OrderImportService imports(context);
        const Result<int> aliased
            = imports.setAlias(QStringLiteral("shopify"), QStringLiteral("MUG-RED"), sku);
        QVERIFY2(aliased, aliased ? "" : qPrintable(aliased.error().message));
        const Status unaliased = imports.removeAlias(QStringLiteral("shopify"), QStringLiteral("MUG-RED"));
        QVERIFY2(unaliased, unaliased ? "" : qPrintable(unaliased.error().message));
        PresenceService presence(context);
        QVERIFY(presence.announce({QStringLiteral("desk-1"), QStringLiteral("desk-clerk"), {}, {}, {}}));
        QVERIFY(presence.leave(QStringLiteral("desk-1")));
        const Result<int> pruned = m_desk->write<int>([this]() {
            return ChangeLogRepository(*m_desk).pruneBefore(QStringLiteral("2999-01-01T00:00:00.000Z"),
                                                            QStringLiteral("2999-01-01T00:00:00.000Z"));
        });
        QVERIFY2(pruned, pruned ? "" : qPrintable(pruned.error().message));
        QVERIFY(*pruned > 0);

        // An order import refreshes the planner's statistics, which only the owner may: through its function.
        const Status analysed
            = m_desk->run(QStringLiteral("SELECT stockroom_analyze('orders', 'stock_movements')"));
        QVERIFY2(analysed, analysed ? "" : qPrintable(analysed.error().message));

        QCOMPARE(Test::violations(*m_desk), QStringList());
        std::tie(m_ledgerRows, m_ledgerSum) = ledger();
        QVERIFY(m_ledgerRows > 0);
    }

    void handWrittenChangesAreRefused_data()
    {
        QTest::addColumn<QString>("sql");
        for (const QString table : {QStringLiteral("stock_movements"), QStringLiteral("audit_log"),
                                    QStringLiteral("order_events")}) {
            QTest::addRow("update %s", qPrintable(table))
                << QStringLiteral("UPDATE %1 SET id = id WHERE id > 0").arg(table);
            QTest::addRow("delete %s", qPrintable(table)) << QStringLiteral("DELETE FROM %1").arg(table);
            QTest::addRow("truncate %s", qPrintable(table)) << QStringLiteral("TRUNCATE %1").arg(table);
            QTest::addRow("drop trigger of %s", qPrintable(table))
                << QStringLiteral("DROP TRIGGER %1_no_change ON %1").arg(table);
            QTest::addRow("disable trigger of %s", qPrintable(table))
                << QStringLiteral("ALTER TABLE %1 DISABLE TRIGGER %1_no_change").arg(table);
            QTest::addRow("replace trigger function of %s", qPrintable(table))
                << QStringLiteral("CREATE OR REPLACE FUNCTION %1_append_only() RETURNS trigger "
                                  "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$")
                       .arg(table);
        }
        QTest::addRow("disable all triggers")
            << QStringLiteral("ALTER TABLE stock_movements DISABLE TRIGGER ALL");
        QTest::addRow("drop the ledger") << QStringLiteral("DROP TABLE stock_movements CASCADE");
        QTest::addRow("rename the ledger")
            << QStringLiteral("ALTER TABLE stock_movements RENAME TO stock_movements_old");
        QTest::addRow("fake a schema version")
            << QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (999, 'x')");
        QTest::addRow("become the owner") << QStringLiteral("SET ROLE %1").arg(m_scratch->spec().user);
        QTest::addRow("create a table") << QStringLiteral("CREATE TABLE public.shadow_ledger (id int)");
    }

    void handWrittenChangesAreRefused()
    {
        QFETCH(QString, sql);
        QVERIFY(m_ledgerRows > 0);
        QSqlQuery query(m_desk->connection());
        QVERIFY2(!query.exec(sql), "the desk role may run it");
        // 42501 insufficient_privilege: refused by the grants, not by a trigger (which only the owner
        // could switch off) nor by a syntax error.
        QCOMPARE(query.lastError().nativeErrorCode(), QStringLiteral("42501"));
        QVERIFY2(query.lastError().databaseText().contains(QLatin1String("permission denied"))
                     || query.lastError().databaseText().contains(QLatin1String("must be owner")),
                 qPrintable(query.lastError().databaseText()));
        const auto [rows, sum] = ledger();
        QCOMPARE(rows, m_ledgerRows);
        QCOMPARE(sum, m_ledgerSum);
    }

    void everyTableIsGrantedOnlyWhatItNeeds()
    {
        // From the catalogue, so that a table added by a later version is checked too.
        const Rows tables
            = m_owner
                  ->select(QStringLiteral("SELECT c.relname,"
                                          " has_table_privilege(?, c.oid, 'SELECT'),"
                                          " has_table_privilege(?, c.oid, 'INSERT'),"
                                          " has_table_privilege(?, c.oid, 'UPDATE'),"
                                          " has_table_privilege(?, c.oid, 'DELETE'),"
                                          " has_table_privilege(?, c.oid, 'TRUNCATE, REFERENCES, TRIGGER'),"
                                          " EXISTS (SELECT FROM pg_trigger t WHERE t.tgrelid = c.oid"
                                          "  AND t.tgname = c.relname || '_no_change') "
                                          "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                          "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
                                          "ORDER BY 1"),
                           {m_deskRole, m_deskRole, m_deskRole, m_deskRole, m_deskRole})
                  .value();
        QVERIFY(tables.size() > 20);
        int appendOnly = 0;
        for (const Row &row : tables) {
            const QString table = row.value(0).toString();
            const bool select = row.value(1).toBool();
            const bool insert = row.value(2).toBool();
            const bool update = row.value(3).toBool();
            const bool remove = row.value(4).toBool();
            QVERIFY2(select, qPrintable(table));
            QVERIFY2(!row.value(5).toBool(),
                     qPrintable(table + QStringLiteral(": truncate/references/trigger")));
            if (row.value(6).toBool()) {
                ++appendOnly;
                QVERIFY2(insert && !update && !remove, qPrintable(table + QStringLiteral(" is append-only")));
            } else if (table == QLatin1String("schema_version")) {
                QVERIFY2(!insert && !update && !remove, "only migrations write schema_version");
            } else {
                QVERIFY2(insert && update, qPrintable(table));
            }
        }
        QCOMPARE(appendOnly, 3); // stock_movements, order_events, audit_log
        QCOMPARE(m_owner
                     ->scalar(QStringLiteral("SELECT bool_and(has_sequence_privilege(?, c.oid, 'USAGE')) "
                                             "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                             "WHERE n.nspname = current_schema() AND c.relkind = 'S'"),
                              {m_deskRole})
                     .value()
                     .toBool(),
                 true);
        // pg-grant: the owner may issue them again at any time, with the same outcome.
        QVERIFY(Migrations::grantApplicationRole(*m_owner));
        QVERIFY(
            m_owner
                ->scalar(QStringLiteral("SELECT has_table_privilege(?, 'stock_movements', 'INSERT') AND NOT "
                                        "has_table_privilege(?, 'stock_movements', 'UPDATE')"),
                         {m_deskRole, m_deskRole})
                .value()
                .toBool());
    }

    void olderSchemaSendsTheDeskToTheOwner()
    {
        // As if this Stockroom were newer than the database: the desk may not upgrade it.
        const int latest = Migrations::latestVersion();
        const QString appliedAt = m_owner
                                      ->scalar(QStringLiteral("SELECT applied_at FROM schema_version "
                                                              "WHERE version = ?"),
                                               {latest})
                                      .value()
                                      .toString();
        QVERIFY(m_owner->execute(QStringLiteral("DELETE FROM schema_version WHERE version = ?"), {latest}));
        const Result<int> migrated = Migrations::migrate(*m_desk);
        // Put it back as it was before any check can fail (re-running the newest version's DDL could not).
        QVERIFY(
            m_owner->execute(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"),
                             {latest, appliedAt}));
        QVERIFY(!migrated);
        QVERIFY2(migrated.error().message.contains(QLatin1String("stockroomctl init"))
                     && migrated.error().message.contains(m_deskRole),
                 qPrintable(migrated.error().message));
        QVERIFY2(!migrated.error().message.contains(QLatin1String("permission denied")),
                 qPrintable(migrated.error().message));

        // An empty database the same way.
        Test::ScratchDatabase empty;
        STOCKROOM_REQUIRE(empty);
        ConnectionSpec spec = m_deskSpec;
        spec.database = empty.spec().database;
        {
            Result<std::unique_ptr<Database>> desk = Database::open(spec, QStringLiteral("desk-empty"));
            QVERIFY2(desk, desk ? "" : qPrintable(desk.error().message));
            const Result<int> created = Migrations::migrate(**desk);
            QVERIFY(!created);
            QVERIFY2(created.error().message.contains(QLatin1String("stockroomctl init")),
                     qPrintable(created.error().message));
            QCOMPARE(Migrations::currentVersion(**desk).value(), 0);
        }
    }

    void tlsRequireEncrypts()
    {
        if (!serverHasTls()) {
            QVERIFY2(qEnvironmentVariable("STOCKROOM_TEST_PG_CA").isEmpty(),
                     "STOCKROOM_TEST_PG_CA is set, but the server has ssl off");
            QSKIP("the test server has ssl off (scripts/test.sh turns it on)");
        }
        Result<std::unique_ptr<Database>> db
            = Database::open(deskWithTls(QStringLiteral("require")), QStringLiteral("tls-require"));
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        QCOMPARE((*db)
                     ->scalar(QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
                     .value()
                     .toBool(),
                 true);
        // …and the desk works over it.
        QCOMPARE(Migrations::migrate(**db).value(), 0);
        QVERIFY((*db)->scalar(QStringLiteral("SELECT count(*) FROM stock_movements")).value().toInt() > 0);
    }

    void tlsVerifyFull_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addRow("by IP address") << QStringLiteral("127.0.0.1");
        QTest::addRow("by name") << QStringLiteral("localhost");
    }

    void tlsVerifyFull()
    {
        QFETCH(QString, host);
        const QString ca = serverCa();
        STOCKROOM_REQUIRE_CA(ca);
        Result<std::unique_ptr<Database>> db = Database::open(
            deskWithTls(QStringLiteral("verify-full"), ca, host), QStringLiteral("tls-full"));
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        QCOMPARE((*db)
                     ->scalar(QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
                     .value()
                     .toBool(),
                 true);
    }

    void tlsWrongCaIsRefused()
    {
        STOCKROOM_REQUIRE_CA(serverCa());
        // Another self-signed certificate: a CA that did not sign the server's.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString wrongCa = dir.filePath(QStringLiteral("wrong-ca.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                       QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=localhost"), QStringLiteral("-keyout"),
                       dir.filePath(QStringLiteral("wrong.key")), QStringLiteral("-out"), wrongCa});
        QVERIFY2(openssl.waitForFinished(60'000) && openssl.exitCode() == 0,
                 qPrintable(QStringLiteral("openssl (Debian package openssl): ")
                            + QString::fromLocal8Bit(openssl.readAllStandardError())));
        const Result<std::unique_ptr<Database>> db = Database::open(
            deskWithTls(QStringLiteral("verify-full"), wrongCa), QStringLiteral("tls-wrong"));
        QVERIFY(!db);
        QVERIFY2(db.error().message.contains(QLatin1String("certificate verify failed"))
                     && db.error().message.contains(QLatin1String("not signed by the CA in ") + wrongCa),
                 qPrintable(db.error().message));
    }

    void tlsRequiredButServerHasNone()
    {
        if (serverHasTls()) {
            QSKIP("the test server has TLS: nothing to refuse here");
        }
        const Result<std::unique_ptr<Database>> db
            = Database::open(deskWithTls(QStringLiteral("require")), QStringLiteral("tls-none"));
        QVERIFY(!db);
        QVERIFY2(db.error().message.contains(QLatin1String("SSL")), qPrintable(db.error().message));
        QVERIFY2(db.error().message.contains(QLatin1String("sslmode=require")),
                 qPrintable(db.error().message));
    }
};

QTEST_GUILESS_MAIN(TestPgSecurity)
#include "tst_pgsecurity.moc"
