// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

namespace Stockroom::Bench {

/**
 * A new, empty database on the PostgreSQL server of `adminUrl` (dropped first if a previous run left it),
 * as a connection string for child processes; empty when the server cannot be reached.
 */
inline QString freshPostgresDatabase(const QString &adminUrl, const QString &name)
{
    const Result<ConnectionSpec> admin = ConnectionSpec::parse(adminUrl);
    if (!admin) {
        return {};
    }
    Result<std::unique_ptr<Database>> db = Database::open(*admin, QStringLiteral("bench-admin"));
    if (!db) {
        return {};
    }
    // The name is the benchmark's own (letters, digits, underscores): DDL cannot take it as a bound value.
    static_cast<void>((*db)->run(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name)));
    if (!(*db)->run(QStringLiteral("CREATE DATABASE %1").arg(name))) {
        return {};
    }
    ConnectionSpec spec = *admin;
    spec.database = name;
    return spec.toConnectionString();
}

} // namespace Stockroom::Bench
