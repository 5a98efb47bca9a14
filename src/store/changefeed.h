// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "changelogrepository.h"
#include "connectionspec.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace Stockroom {

class Database;

/**
 * What other desktops (and this one) committed, as typed signals, in change_log order.
 *
 * It owns its own connection, so it must live on a thread with an event loop and never on the GUI thread.
 * PostgreSQL: LISTEN stockroom (the services NOTIFY inside each transaction; delivered at commit), plus a slow
 * safety poll that also notices a lost server. SQLite: polls PRAGMA data_version, which changes when another
 * connection commits. Either way it then reads change_log after the last seq it saw, so a missed notification
 * (reconnect, sleep, server restart) is healed by catching up, never by a full reload.
 */
class ChangeFeed : public QObject
{
    Q_OBJECT

public:
    explicit ChangeFeed(const ConnectionSpec &spec, QObject *parent = nullptr);
    ~ChangeFeed() override;

    /** SQLite's data_version poll; the default is 25 ms. */
    void setPollInterval(int milliseconds);
    int pollInterval() const { return m_pollInterval; }
    /** Starts after this seq instead of at the current end of the log (catch-up from a known point). */
    void setLastSeen(qint64 seq) { m_lastSeen = seq; }
    qint64 lastSeen() const { return m_lastSeen; }
    bool isConnected() const { return m_db != nullptr; }

    /** Opens the connection, subscribes and starts watching; call on the feed's own thread. */
    void start();
    void stop();

Q_SIGNALS:
    /** Every new change_log row, in seq order, a batch per catch-up. */
    void changed(const QList<Stockroom::ChangeRecord> &changes);
    void ordersChanged(const QList<qint64> &orderIds);
    /** (product id, location id) pairs. */
    void stockChanged(const QList<QPair<qint64, qint64>> &levels);
    /** Anything else by entity name: product, location, shipment, … */
    void entitiesChanged(const QString &entity, const QStringList &ids);
    /** The database went away or came back; the message says why, for a status bar. */
    void connectionChanged(bool connected, const QString &message);
    /** The log was pruned past what this feed had seen: only a full reload can be trusted now. */
    void resyncNeeded();

private:
    void connectNow();
    void disconnectNow(const QString &why);
    void poll();
    void catchUp();
    void dispatch(const QList<ChangeRecord> &changes);

    ConnectionSpec m_spec;
    QString m_connectionName;
    std::unique_ptr<Database> m_db;
    QTimer m_pollTimer;
    QTimer m_reconnectTimer;
    int m_pollInterval = 25;
    int m_backoff = 250;
    qint64 m_lastSeen = -1;
    qint64 m_dataVersion = -1;
    bool m_running = false;
};

} // namespace Stockroom

Q_DECLARE_METATYPE(Stockroom::ChangeRecord)
