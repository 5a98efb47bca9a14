// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "migrations.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QRandomGenerator>

namespace Stockroom::Test {

Engine engineUnderTest()
{
    return qEnvironmentVariable("STOCKROOM_TEST_ENGINE") == QLatin1String("postgresql") ? Engine::PostgreSQL
                                                                                        : Engine::SQLite;
}

QString engineName()
{
    return engineUnderTest() == Engine::PostgreSQL ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
}

ScratchDatabase::ScratchDatabase()
{
    if (engineUnderTest() == Engine::SQLite) {
        m_spec.engine = Engine::SQLite;
        m_spec.path = m_dir.filePath(QStringLiteral("test.db"));
        m_valid = m_dir.isValid();
        m_reason = QStringLiteral("no temporary folder");
        return;
    }
    const QString admin = qEnvironmentVariable("STOCKROOM_TEST_PG");
    if (admin.isEmpty()) {
        m_reason = QStringLiteral("STOCKROOM_TEST_PG is not set: no PostgreSQL server to test against");
        return;
    }
    Result<ConnectionSpec> adminSpec = ConnectionSpec::parse(admin);
    if (!adminSpec) {
        m_reason = adminSpec.error().message;
        return;
    }
    static QAtomicInt counter;
    m_pgDatabase = QStringLiteral("stockroom_test_%1_%2_%3")
                       .arg(QCoreApplication::applicationPid())
                       .arg(counter.fetchAndAddRelaxed(1))
                       .arg(QRandomGenerator::global()->bounded(1000000));
    {
        Result<std::unique_ptr<Database>> db = Database::open(*adminSpec, QStringLiteral("test-admin"));
        if (!db) {
            m_reason = db.error().message;
            return;
        }
        // The name is ours (digits and letters): DDL cannot take it as a bound value.
        const Status created = (*db)->run(QStringLiteral("CREATE DATABASE %1").arg(m_pgDatabase));
        if (!created) {
            m_reason = created.error().message;
            return;
        }
    }
    m_spec = *adminSpec;
    m_spec.database = m_pgDatabase;
    m_valid = true;
}

ScratchDatabase::~ScratchDatabase()
{
    if (m_pgDatabase.isEmpty()) {
        return;
    }
    ConnectionSpec admin = m_spec;
    admin.database = QStringLiteral("postgres");
    Result<std::unique_ptr<Database>> db = Database::open(admin, QStringLiteral("test-admin-drop"));
    if (db) {
        static_cast<void>(
            (*db)->run(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgDatabase)));
    }
}

QString ScratchDatabase::connectionString() const
{
    return m_spec.toConnectionString();
}

std::unique_ptr<Database> ScratchDatabase::open(const QString &connectionName)
{
    Result<std::unique_ptr<Database>> db = Database::open(m_spec, connectionName);
    if (!db) {
        qWarning("cannot open the scratch database: %s", qPrintable(db.error().message));
        return {};
    }
    Result<int> migrated = Migrations::migrate(**db);
    if (!migrated) {
        qWarning("cannot migrate the scratch database: %s", qPrintable(migrated.error().message));
        return {};
    }
    return std::move(db).value();
}

} // namespace Stockroom::Test

#include "catalogservice.h"
#include "invariantchecker.h"

namespace Stockroom::Test {

bool seedCatalog(ServiceContext &context, const QList<QPair<QString, int>> &locations,
                 const QStringList &skus)
{
    CatalogService catalog(context);
    for (const auto &[code, priority] : locations) {
        LocationRecord location;
        location.code = code;
        location.name = code.left(1) + code.mid(1).toLower();
        location.priority = priority;
        if (const Result<qint64> added = catalog.addLocation(location); !added) {
            qWarning("seed: %s", qPrintable(added.error().message));
            return false;
        }
    }
    for (const QString &sku : skus) {
        ProductRecord product;
        product.sku = sku;
        product.name = QStringLiteral("Product ") + sku;
        product.priceCents = 1000;
        if (const Result<qint64> added = catalog.addProduct(product); !added) {
            qWarning("seed: %s", qPrintable(added.error().message));
            return false;
        }
    }
    return true;
}

QStringList violations(Database &db)
{
    const Result<QStringList> result = InvariantChecker(db).check();
    if (!result) {
        return {QStringLiteral("check failed to run: ") + result.error().message};
    }
    return *result;
}

} // namespace Stockroom::Test
