// SPDX-License-Identifier: GPL-3.0-or-later
#include "database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlDriver>
#include <QThread>

Q_LOGGING_CATEGORY(lcStore, "stockroom.store", QtInfoMsg)

namespace Stockroom {

namespace {
} // namespace

Database::Database(const ConnectionSpec &spec, const QString &connectionName)
    : m_spec(spec)
    , m_connectionName(connectionName)
    , m_dialect(spec.engine)
{
}

Database::~Database()
{
    qDeleteAll(m_statements);
    m_statements.clear();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen()) {
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<std::unique_ptr<Database>> Database::open(const ConnectionSpec &spec, const QString &connectionName)
{
    const QString driver
        = spec.engine == Engine::SQLite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        return Error::database(Database::tr("The Qt SQL driver %1 is not installed (Debian package %2).")
                                   .arg(driver,
                                        spec.engine == Engine::SQLite ? QStringLiteral("libqt6sql6-sqlite")
                                                                      : QStringLiteral("libqt6sql6-psql")));
    }
    std::unique_ptr<Database> database(new Database(spec, connectionName));
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, connectionName);
    if (spec.engine == Engine::SQLite) {
        const QFileInfo file(spec.path);
        if (!file.absoluteDir().exists() && !QDir().mkpath(file.absolutePath())) {
            return Error::database(
                Database::tr("Cannot create the folder %1 for the database.").arg(file.absolutePath()));
        }
        db.setDatabaseName(spec.path);
        // Our own jittered retry replaces SQLite's busy handler, which starves writers (DESIGN.md).
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
    } else {
        db.setHostName(spec.host);
        db.setPort(spec.port);
        db.setUserName(spec.user);
        db.setPassword(spec.password);
        db.setDatabaseName(spec.database);
        // A desktop whose network drops must not hold locks for hours: keepalives find dead peers.
        db.setConnectOptions(QStringLiteral(
            "connect_timeout=5;keepalives=1;keepalives_idle=10;keepalives_interval=5;keepalives_count=3"));
    }
    if (!db.open()) {
        return Error::database(Database::tr("Cannot open the database %1: %2")
                                   .arg(spec.displayString(), db.lastError().text().trimmed()));
    }
    const Status configured = database->configureSession();
    if (!configured) {
        return configured.error();
    }
    return database;
}

Status Database::configureSession()
{
    QStringList statements;
    if (m_spec.engine == Engine::SQLite) {
        statements << QStringLiteral("PRAGMA foreign_keys = ON")
                   << QStringLiteral("PRAGMA synchronous = %1").arg(m_spec.sqliteSynchronous);
        // journal_mode needs the write lock once, when the file is new: retry while others hold it.
        const auto started = std::chrono::steady_clock::now();
        for (int attempt = 0;; ++attempt) {
            QSqlQuery query(connection());
            if (query.exec(QStringLiteral("PRAGMA journal_mode = WAL"))) {
                break;
            }
            if (!m_dialect.isRetryable(query.lastError())
                || std::chrono::steady_clock::now() - started > m_busyDeadline) {
                return toError(query.lastError(), Database::tr("switching to WAL"));
            }
            pauseBeforeRetry(attempt);
        }
    } else {
        statements << QStringLiteral("SET idle_in_transaction_session_timeout = '15s'")
                   << QStringLiteral("SET lock_timeout = '5s'")
                   << QStringLiteral("SET client_min_messages = warning")
                   << QStringLiteral("SET default_transaction_isolation = 'read committed'");
    }
    for (const QString &statement : std::as_const(statements)) {
        const Status status = run(statement);
        if (!status) {
            return status;
        }
    }
    return {};
}

Error Database::toError(const QSqlError &error, const QString &what) const
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (m_dialect.isRetryable(error)) {
        return Error::conflict(Database::tr("The database is busy (%1); try again.").arg(text.trimmed()));
    }
    return Error::database(Database::tr("Database error while %1: %2").arg(what, text.trimmed()));
}

Result<QSqlQuery *> Database::prepared(const QString &sql, const Binds &binds)
{
    QSqlQuery *query = m_statements.value(sql);
    if (!query) {
        query = new QSqlQuery(connection());
        query->setForwardOnly(true);
        if (!query->prepare(sql)) {
            const Error error = toError(query->lastError(), Database::tr("preparing a statement"));
            qCWarning(lcStore) << "prepare failed:" << sql << query->lastError().text();
            delete query;
            return error;
        }
        m_statements.insert(sql, query);
    }
    for (int i = 0; i < binds.size(); ++i) {
        const QVariant &value = binds.at(i);
        // A null QString would bind as SQL NULL; our text columns mean "" by an empty string.
        if (value.typeId() == QMetaType::QString && value.toString().isNull()) {
            query->bindValue(i, QStringLiteral(""));
        } else {
            query->bindValue(i, value);
        }
    }
    if (!query->exec()) {
        m_lastSqlError = query->lastError();
        const Error error = toError(query->lastError(), Database::tr("running a statement"));
        qCDebug(lcStore) << "exec failed:" << sql << query->lastError().text();
        query->finish();
        return error;
    }
    return query;
}

Result<Rows> Database::select(const QString &sql, const Binds &binds)
{
    Result<QSqlQuery *> query = prepared(sql, binds);
    if (!query) {
        return query.error();
    }
    Rows rows;
    const int columns = (*query)->record().count();
    while ((*query)->next()) {
        Row row;
        row.reserve(columns);
        for (int column = 0; column < columns; ++column) {
            row.append((*query)->value(column));
        }
        rows.append(std::move(row));
    }
    (*query)->finish();
    return rows;
}

Result<QVariant> Database::scalar(const QString &sql, const Binds &binds)
{
    Result<QSqlQuery *> query = prepared(sql, binds);
    if (!query) {
        return query.error();
    }
    QVariant value;
    if ((*query)->next()) {
        value = (*query)->value(0);
    }
    (*query)->finish();
    return value;
}

Result<int> Database::execute(const QString &sql, const Binds &binds)
{
    Result<QSqlQuery *> query = prepared(sql, binds);
    if (!query) {
        return query.error();
    }
    const int affected = (*query)->numRowsAffected();
    (*query)->finish();
    return affected;
}

Result<qint64> Database::insert(const QString &sql, const Binds &binds)
{
    Result<QVariant> id = scalar(sql, binds);
    if (!id) {
        return id.error();
    }
    if (!id->isValid()) {
        return Error::database(Database::tr("An insert returned no id."));
    }
    return id->toLongLong();
}

Status Database::run(const QString &sql)
{
    QSqlQuery query(connection());
    if (!query.exec(sql)) {
        return toError(query.lastError(),
                       Database::tr("running %1").arg(sql.section(QLatin1Char(' '), 0, 2)));
    }
    return {};
}

Status Database::begin(const QString &statement)
{
    const Status status = run(statement);
    if (status) {
        m_inTransaction = true;
    }
    return status;
}

Status Database::finish(bool commit)
{
    Status status = run(commit ? QStringLiteral("COMMIT") : QStringLiteral("ROLLBACK"));
    if (!status && commit) {
        static_cast<void>(
            run(QStringLiteral("ROLLBACK"))); // a failed COMMIT leaves the transaction open on SQLite
    }
    m_inTransaction = false;
    return status;
}

void Database::pauseBeforeRetry(int attempt)
{
    // Short, jittered sleeps keep every writer moving; a long fixed back-off lets one process starve.
    const int ceiling = attempt < 100 ? 300 : 2000;
    QThread::usleep(50 + QRandomGenerator::global()->bounded(ceiling));
}

Status Database::write(const std::function<Status()> &work)
{
    const Result<bool> result = write<bool>([&]() -> Result<bool> {
        const Status status = work();
        if (!status) {
            return status.error();
        }
        return true;
    });
    if (!result) {
        return result.error();
    }
    return {};
}

} // namespace Stockroom
