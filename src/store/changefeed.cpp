// SPDX-License-Identifier: GPL-3.0-or-later
#include "changefeed.h"

#include "database.h"
#include "migrations.h"

#include <QLoggingCategory>
#include <QSqlDriver>

Q_LOGGING_CATEGORY(lcFeed, "stockroom.feed", QtInfoMsg)

namespace Stockroom {

namespace {
constexpr int PostgresSafetyPoll = 1000; // ms: notices a dead server and heals a lost NOTIFY
constexpr int MaxBackoff = 8000;
constexpr int CatchUpBatch = 2000;
} // namespace

ChangeFeed::ChangeFeed(const ConnectionSpec &spec, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_connectionName(QStringLiteral("feed-%1").arg(quintptr(this)))
    , m_pollTimer(this) // children, so that moveToThread takes the timers along
    , m_reconnectTimer(this)
{
    qRegisterMetaType<QList<Stockroom::ChangeRecord>>();
    qRegisterMetaType<QList<QPair<qint64, qint64>>>();
    qRegisterMetaType<QList<qint64>>();
    m_pollTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_pollTimer, &QTimer::timeout, this, &ChangeFeed::poll);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ChangeFeed::connectNow);
}

ChangeFeed::~ChangeFeed()
{
    stop();
}

void ChangeFeed::setPollInterval(int milliseconds)
{
    m_pollInterval = std::clamp(milliseconds, 1, 60'000);
    if (m_pollTimer.isActive() && m_spec.engine == Engine::SQLite) {
        m_pollTimer.start(m_pollInterval);
    }
}

void ChangeFeed::start()
{
    m_running = true;
    connectNow();
}

void ChangeFeed::stop()
{
    m_running = false;
    m_pollTimer.stop();
    m_reconnectTimer.stop();
    if (m_db && m_spec.engine == Engine::PostgreSQL) {
        m_db->connection().driver()->unsubscribeFromNotification(QStringLiteral("stockroom"));
    }
    m_db.reset();
}

void ChangeFeed::connectNow()
{
    if (!m_running) {
        return;
    }
    Result<std::unique_ptr<Database>> db = Database::open(m_spec, m_connectionName);
    if (!db) {
        disconnectNow(db.error().message);
        return;
    }
    m_db = std::move(db).value();
    // A brand-new database may still lack the log; the schema comes from whoever opened it first.
    if (Result<int> migrated = Migrations::migrate(*m_db); !migrated) {
        disconnectNow(migrated.error().message);
        return;
    }
    if (m_spec.engine == Engine::PostgreSQL) {
        QSqlDriver *driver = m_db->connection().driver();
        connect(driver, &QSqlDriver::notification, this, &ChangeFeed::catchUp); // a new driver per connection
        if (!driver->subscribeToNotification(QStringLiteral("stockroom"))) {
            disconnectNow(tr("Cannot listen for changes: %1").arg(m_db->connection().lastError().text()));
            return;
        }
    }
    if (m_lastSeen < 0) {
        Result<qint64> last = ChangeLogRepository(*m_db).lastSeq();
        if (!last) {
            disconnectNow(last.error().message);
            return;
        }
        m_lastSeen = *last;
    }
    m_backoff = 250;
    m_dataVersion = -1;
    m_pollTimer.start(m_spec.engine == Engine::SQLite ? m_pollInterval : PostgresSafetyPoll);
    qCDebug(lcFeed) << "watching" << m_spec.displayString() << "after seq" << m_lastSeen;
    Q_EMIT connectionChanged(true, {});
    catchUp(); // whatever was committed while we were away
}

void ChangeFeed::disconnectNow(const QString &why)
{
    m_pollTimer.stop();
    m_db.reset();
    Q_EMIT connectionChanged(false, why);
    if (m_running) {
        qCInfo(lcFeed) << "connection lost, retrying in" << m_backoff << "ms:" << why;
        m_reconnectTimer.start(m_backoff);
        m_backoff = std::min(MaxBackoff, m_backoff * 2);
    }
}

void ChangeFeed::poll()
{
    if (!m_db) {
        return;
    }
    if (m_spec.engine == Engine::PostgreSQL) {
        catchUp(); // the safety poll: cheap (an index probe) and it finds a dead server
        return;
    }
    Result<QVariant> version = m_db->scalar(QStringLiteral("PRAGMA data_version"));
    if (!version) {
        if (version.error().kind != Error::Kind::Conflict) {
            disconnectNow(version.error().message);
        }
        return;
    }
    if (version->toLongLong() != m_dataVersion) {
        m_dataVersion = version->toLongLong();
        catchUp();
    }
}

void ChangeFeed::catchUp()
{
    if (!m_db) {
        return;
    }
    ChangeLogRepository log(*m_db);
    while (true) {
        Result<QList<ChangeRecord>> batch = log.since(m_lastSeen, CatchUpBatch);
        if (!batch) {
            if (batch.error().kind != Error::Kind::Conflict) {
                disconnectNow(batch.error().message);
            }
            return;
        }
        if (batch->isEmpty()) {
            return;
        }
        if (batch->first().seq > m_lastSeen + 1) {
            // Seqs have holes (a rolled-back insert on PostgreSQL); only pruning past us is a real gap.
            Result<QVariant> pruned
                = m_db->scalar(QStringLiteral("SELECT coalesce(max(up_to_seq), 0) FROM change_log_pruned"));
            if (pruned && pruned->toLongLong() > m_lastSeen) {
                Q_EMIT resyncNeeded();
            }
        }
        m_lastSeen = batch->last().seq;
        dispatch(*batch);
        if (batch->size() < CatchUpBatch) {
            return;
        }
    }
}

void ChangeFeed::dispatch(const QList<ChangeRecord> &changes)
{
    Q_EMIT changed(changes);
    QList<qint64> orders;
    QList<QPair<qint64, qint64>> stock;
    QHash<QString, QStringList> others;
    for (const ChangeRecord &change : changes) {
        if (change.entity == QLatin1String("order")) {
            const qint64 id = change.entityId.toLongLong();
            if (!orders.contains(id)) {
                orders << id;
            }
        } else if (change.entity == QLatin1String("stock")) {
            const QPair<qint64, qint64> key {change.entityId.section(QLatin1Char(':'), 0, 0).toLongLong(),
                                             change.entityId.section(QLatin1Char(':'), 1, 1).toLongLong()};
            if (!stock.contains(key)) {
                stock << key;
            }
        } else {
            QStringList &ids = others[change.entity];
            if (!ids.contains(change.entityId)) {
                ids << change.entityId;
            }
        }
    }
    if (!orders.isEmpty()) {
        Q_EMIT ordersChanged(orders);
    }
    if (!stock.isEmpty()) {
        Q_EMIT stockChanged(stock);
    }
    for (auto it = others.cbegin(); it != others.cend(); ++it) {
        Q_EMIT entitiesChanged(it.key(), it.value());
    }
}

} // namespace Stockroom
