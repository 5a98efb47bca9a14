// SPDX-License-Identifier: GPL-3.0-or-later
#include "database.h"
#include "textfield.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlDriver>
#include <QThread>

#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcStore, "stockroom.store", QtInfoMsg)

namespace Stockroom {

namespace {

/**
 * Text neither engine may receive: PostgreSQL refuses U+0000 (QPSQL would even cut the value there) and
 * SQLite would keep it; an unpaired surrogate becomes U+FFFD on the way. The services name the field; this
 * is the net under every other statement, so both engines refuse the same values the same way.
 */
Status checkStorable(const Binds &binds)
{
    for (const QVariant &value : binds) {
        if (value.typeId() == QMetaType::QString) {
            // The field's name is translated only for a refusal: this runs for every bound string.
            const QString &text = *static_cast<const QString *>(value.constData());
            if (!TextField::check(QString(), text, std::numeric_limits<int>::max())) {
                STOCKROOM_CHECK(TextField::check(Database::tr("The text"), text, std::numeric_limits<int>::max()));
            }
        }
    }
    return {};
}

} // namespace

Database::Database(const ConnectionSpec &spec, const QString &connectionName)
    : m_spec(spec)
    , m_connectionName(connectionName)
    , m_dialect(spec.engine)
{
}

Database::~Database()
{
    // Our statements first: SQLite will not close a connection that still has prepared statements.
    for (sqlite3_stmt *statement : std::as_const(m_sqliteStatements)) {
        sqlite3_finalize(statement);
    }
    m_sqliteStatements.clear();
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
        // TLS (sslmode, sslrootcert, …) as the connection string asked; libpq's default otherwise.
        QStringList options = {QStringLiteral("connect_timeout=5;keepalives=1;keepalives_idle=10;"
                                              "keepalives_interval=5;keepalives_count=3")};
        options << spec.sslConnectOptions();
        db.setConnectOptions(options.join(QLatin1Char(';')));
    }
    if (!db.open()) {
        QString reason = db.lastError().text().trimmed();
        if (reason.contains(QLatin1String("certificate verify failed"))) {
            // libpq's words do not say which file it trusted, nor what to do.
            reason += QLatin1Char(' ')
                + Database::tr(
                      "(the server's certificate is not signed by the CA in %1: ask whoever runs the "
                      "server for its CA certificate and name it in sslrootcert)")
                      .arg(spec.sslRootCert.isEmpty() ? QStringLiteral("~/.postgresql/root.crt")
                                                      : spec.sslRootCert);
        }
        return Error::database(
            Database::tr("Cannot open the database %1: %2").arg(spec.displayString(), reason));
    }
    const Status configured = database->configureSession();
    if (!configured) {
        return configured.error();
    }
    if (spec.engine == Engine::SQLite) {
        // Qt's SQLite plugin and we link the same system libsqlite3, so its handle is ours to use too.
        const QVariant handle = db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
            database->m_sqlite = *static_cast<sqlite3 *const *>(handle.constData());
        }
    }
    return database;
}

Status Database::configureSession()
{
    QStringList statements;
    if (m_spec.engine == Engine::SQLite) {
        // A large transaction (an import of a shop's orders) must not spill pages to the WAL as it goes:
        // 16 MiB of page cache per connection (SQLite takes it only as it needs it).
        statements << QStringLiteral("PRAGMA foreign_keys = ON")
                   << QStringLiteral("PRAGMA synchronous = %1").arg(m_spec.sqliteSynchronous)
                   << QStringLiteral("PRAGMA cache_size = -16384");
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
    // SQLITE_FULL (13): the transaction is rolled back; the clerk can act on this one, so say it plainly.
    if (m_spec.engine == Engine::SQLite && (error.nativeErrorCode().toInt() & 0xff) == 13) {
        return Error::database(
            Database::tr("The disk that holds the database is full: free some space, then try again. (%1)")
                .arg(text.trimmed()));
    }
    return Error::database(Database::tr("Database error while %1: %2").arg(what, text.trimmed()));
}

Result<QSqlQuery *> Database::prepared(const QString &sql, const Binds &binds)
{
    STOCKROOM_CHECK(checkStorable(binds));
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

Result<int> Database::runSqlite(const QString &sql, const Binds &binds, Rows *rows, int maxRows)
{
    STOCKROOM_CHECK(checkStorable(binds));
    sqlite3_stmt *statement = m_sqliteStatements.value(sql);
    auto failure = [this](int code, const QString &what) {
        m_lastSqlError = QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(m_sqlite)),
                                   QSqlError::StatementError, QString::number(code));
        return toError(m_lastSqlError, what);
    };
    if (!statement) {
        const QByteArray text = sql.toUtf8();
        const int prepared = sqlite3_prepare_v3(m_sqlite, text.constData(), int(text.size()),
                                                SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
        if (prepared != SQLITE_OK) {
            qCWarning(lcStore) << "prepare failed:" << sql << sqlite3_errmsg(m_sqlite);
            sqlite3_finalize(statement);
            return failure(prepared, Database::tr("preparing a statement"));
        }
        m_sqliteStatements.insert(sql, statement);
    }
    // The values stay alive in binds until the statement is reset: SQLite may point at them.
    const int count = sqlite3_bind_parameter_count(statement);
    if (count != binds.size()) {
        m_lastSqlError = QSqlError();
        return Error::database(Database::tr("A statement takes %1 values, not %2: %3")
                                   .arg(count)
                                   .arg(binds.size())
                                   .arg(sql.left(80)));
    }
    for (int i = 0; i < count; ++i) {
        const QVariant value = binds.value(i);
        int bound = SQLITE_OK;
        switch (value.typeId()) {
        case QMetaType::QString: {
            // A null QString would bind as SQL NULL; our text columns mean "" by an empty string.
            const QString &text = *static_cast<const QString *>(binds.at(i).constData());
            bound = sqlite3_bind_text16(statement, i + 1,
                                        text.isNull() ? static_cast<const void *>(u"")
                                                      : static_cast<const void *>(text.utf16()),
                                        int(text.size() * sizeof(char16_t)), SQLITE_STATIC);
            break;
        }
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
        case QMetaType::Long:
        case QMetaType::Short:
        case QMetaType::Bool:
            bound = value.isNull() ? sqlite3_bind_null(statement, i + 1)
                                   : sqlite3_bind_int64(statement, i + 1, value.toLongLong());
            break;
        case QMetaType::Double:
        case QMetaType::Float:
            bound = value.isNull() ? sqlite3_bind_null(statement, i + 1)
                                   : sqlite3_bind_double(statement, i + 1, value.toDouble());
            break;
        case QMetaType::QByteArray: {
            const QByteArray &bytes = *static_cast<const QByteArray *>(binds.at(i).constData());
            bound = sqlite3_bind_blob(statement, i + 1, bytes.constData(), int(bytes.size()), SQLITE_STATIC);
            break;
        }
        case QMetaType::UnknownType:
        case QMetaType::Nullptr:
            bound = sqlite3_bind_null(statement, i + 1);
            break;
        default: {
            if (value.isNull()) {
                bound = sqlite3_bind_null(statement, i + 1);
            } else {
                const QByteArray text = value.toString().toUtf8();
                bound = sqlite3_bind_text(statement, i + 1, text.constData(), int(text.size()),
                                          SQLITE_TRANSIENT);
            }
        }
        }
        if (bound != SQLITE_OK) {
            sqlite3_reset(statement);
            return failure(bound, Database::tr("running a statement"));
        }
    }
    int stepped = SQLITE_ROW;
    int fetched = 0;
    while ((stepped = sqlite3_step(statement)) == SQLITE_ROW) {
        if (!rows || fetched >= maxRows) {
            continue; // an INSERT … RETURNING must still run to its end
        }
        const int columns = sqlite3_column_count(statement);
        Row row;
        row.reserve(columns);
        for (int column = 0; column < columns; ++column) {
            switch (sqlite3_column_type(statement, column)) {
            case SQLITE_INTEGER:
                row.append(QVariant(qlonglong(sqlite3_column_int64(statement, column))));
                break;
            case SQLITE_FLOAT:
                row.append(QVariant(sqlite3_column_double(statement, column)));
                break;
            case SQLITE_TEXT: {
                const auto *text = static_cast<const char16_t *>(sqlite3_column_text16(statement, column));
                const int bytes = sqlite3_column_bytes16(statement, column);
                row.append(QVariant(QString::fromUtf16(text, bytes / int(sizeof(char16_t)))));
                break;
            }
            case SQLITE_BLOB:
                row.append(
                    QVariant(QByteArray(static_cast<const char *>(sqlite3_column_blob(statement, column)),
                                        sqlite3_column_bytes(statement, column))));
                break;
            default:
                // NULL, as QtSql gives it: a null value (isNull()), of text type.
                row.append(QVariant(QMetaType::fromType<QString>()));
            }
        }
        rows->append(std::move(row));
        ++fetched;
    }
    if (stepped != SQLITE_DONE) {
        const int code = sqlite3_extended_errcode(m_sqlite);
        const Error error = failure(code, Database::tr("running a statement"));
        qCDebug(lcStore) << "exec failed:" << sql << m_lastSqlError.databaseText();
        sqlite3_reset(statement);
        return error;
    }
    const int changed = sqlite3_changes(m_sqlite);
    sqlite3_reset(statement);
    return changed;
}

Result<Rows> Database::select(const QString &sql, const Binds &binds)
{
    if (m_sqlite) {
        Rows rows;
        STOCKROOM_CHECK(statusOf(runSqlite(sql, binds, &rows, std::numeric_limits<int>::max())));
        return rows;
    }
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
    if (m_sqlite) {
        Rows rows;
        STOCKROOM_CHECK(statusOf(runSqlite(sql, binds, &rows, 1)));
        return rows.isEmpty() ? QVariant() : rows.first().value(0);
    }
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
    if (m_sqlite) {
        return runSqlite(sql, binds, nullptr, 0);
    }
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
    static const QString returningId = QStringLiteral(" RETURNING id");
    static const QString returningSeq = QStringLiteral(" RETURNING seq"); // the change log's key
    const qsizetype returning = sql.endsWith(returningId) ? returningId.size()
        : sql.endsWith(returningSeq)                      ? returningSeq.size()
                                                          : 0;
    if (m_sqlite && returning > 0) {
        // SQLite materialises RETURNING rows (it roughly doubles the cost of an insert into an indexed
        // table): the plain insert and the rowid it made give the same id (of a multi-row insert: the last
        // row's, the largest, as rowids of an INTEGER PRIMARY KEY without AUTOINCREMENT only grow).
        STOCKROOM_TRY(changed, runSqlite(sql.chopped(returning), binds, nullptr, 0));
        if (changed == 0) {
            return Error::database(Database::tr("An insert returned no id."));
        }
        return qint64(sqlite3_last_insert_rowid(m_sqlite));
    }
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
    m_inTransaction = false;
    if (!commit) {
        return run(QStringLiteral("ROLLBACK"));
    }
    QSqlQuery query(connection());
    if (query.exec(QStringLiteral("COMMIT"))) {
        return {};
    }
    const QSqlError error = query.lastError();
    // A failed COMMIT leaves the transaction open on SQLite.
    static_cast<void>(run(QStringLiteral("ROLLBACK")));
    // The server refuses a COMMIT with an SQLSTATE, and then nothing was saved. Without one (libpq's own
    // "server closed the connection"), or with a connection or shutdown class, the server may have
    // committed before the answer was lost: saying "failed" would invite entering it a second time.
    const QString code = error.nativeErrorCode();
    const bool lost
        = code.isEmpty() || code.startsWith(QLatin1String("08")) || code.startsWith(QLatin1String("57P"));
    if (m_spec.engine == Engine::PostgreSQL && lost) {
        m_commitOutcomeUnknown = true;
        const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
        return Error::database(Database::tr("The connection to the database was lost while saving: whether "
                                            "the change was saved is unknown. Look it up before entering it "
                                            "again. (%1)")
                                   .arg(text.trimmed()));
    }
    return toError(error, Database::tr("running %1").arg(QStringLiteral("COMMIT")));
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
