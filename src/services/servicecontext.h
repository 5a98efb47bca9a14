// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalogrepository.h"
#include "changelogrepository.h"
#include "clock.h"
#include "database.h"
#include "role.h"

#include <QCoreApplication>
#include <QSet>

namespace Stockroom {

/**
 * What every service needs: the connection of its thread, the clock, and who is acting with which role.
 * The GUI and stockroomctl fill in the signed-in user (or an administrator on an unclaimed database, one
 * with no users yet); the services check the role themselves (Access::require). Admin is the default for
 * in-process callers that act for the program itself: tests, benchmarks, the demo data.
 */
struct ServiceContext
{
    Database &db;
    Clock clock;
    QString userName;
    Role role = Role::Admin;
};

/** Products and locations by the names people type, or a business error that says which is unknown. */
class Known
{
    Q_DECLARE_TR_FUNCTIONS(Known)

public:
    static Result<ProductRecord> product(CatalogRepository &catalog, const QString &sku);
    static Result<LocationRecord> location(CatalogRepository &catalog, const QString &code);
    /** An action chosen on an older version of a document: "SO-… was changed by NAME at TIME — reload?". */
    static Error staleChange(const QString &number, const QString &updatedBy, const QString &updatedAt);
};

/**
 * Collects what a transaction changed and writes it to change_log just before commit, deduplicated,
 * followed by one NOTIFY on PostgreSQL.
 */
class ChangeRecorder
{
public:
    explicit ChangeRecorder(ServiceContext &context)
        : m_context(context)
    {
    }

    void order(qint64 id, const QString &op = QStringLiteral("update"))
    {
        add(QStringLiteral("order"), QString::number(id), op);
    }
    void stock(qint64 productId, qint64 locationId)
    {
        add(QStringLiteral("stock"), ChangeLogRepository::stockKey(productId, locationId),
            QStringLiteral("update"));
    }
    void add(const QString &entity, const QString &id, const QString &op);

    Status flush();

private:
    ServiceContext &m_context;
    QList<ChangeRecord> m_entries;
    QSet<QString> m_seen;
};

} // namespace Stockroom
