// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <QTemporaryDir>

#include <memory>

namespace Stockroom::Test {

/** The engine this test run targets: STOCKROOM_TEST_ENGINE=sqlite (default) or postgresql. */
Engine engineUnderTest();
QString engineName();

/**
 * A fresh, empty database for one test: a file in a temporary folder, or a new database on the test
 * PostgreSQL server (STOCKROOM_TEST_PG), dropped again at the end.
 */
class ScratchDatabase
{
public:
    ScratchDatabase();
    ~ScratchDatabase();

    /** Empty when the engine cannot be had; then skipReason() says why (a failure under CI). */
    bool isValid() const { return m_valid; }
    QString skipReason() const { return m_reason; }

    ConnectionSpec spec() const { return m_spec; }
    /** The connection string, as stockroomctl --db takes it. */
    QString connectionString() const;
    /** Opens a connection and migrates the schema. */
    std::unique_ptr<Database> open(const QString &connectionName = QStringLiteral("test"));

private:
    bool m_valid = false;
    QString m_reason;
    ConnectionSpec m_spec;
    QTemporaryDir m_dir;
    QString m_pgDatabase;
};

/** QSKIP outside CI, QFAIL under CI (CI=true): PostgreSQL tests are never silently skipped there. */
#define STOCKROOM_REQUIRE(scratch)                                                                           \
    do {                                                                                                     \
        if (!(scratch).isValid()) {                                                                          \
            if (qEnvironmentVariableIsSet("CI")) {                                                           \
                QFAIL(qPrintable((scratch).skipReason()));                                                   \
            }                                                                                                \
            QSKIP(qPrintable((scratch).skipReason()));                                                       \
        }                                                                                                    \
    } while (false)

} // namespace Stockroom::Test

#include "servicecontext.h"

namespace Stockroom::Test {

/**
 * Adds locations (code, priority) and products (sku) through the services, so that tests start from the
 * same kind of data the application writes. Returns false and warns on the first error.
 */
bool seedCatalog(ServiceContext &context, const QList<QPair<QString, int>> &locations,
                 const QStringList &skus);

/** The invariant checker's violations, or one line saying why it could not run. */
QStringList violations(Database &db);

} // namespace Stockroom::Test
