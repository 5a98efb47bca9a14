// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "presencerepository.h"

#include <QObject>
#include <QTimer>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;

/**
 * This desktop's presence (what its user has open, with a heartbeat) and everybody else's, for the views:
 * "Priya is viewing SO-001042". Other desktops' changes arrive through the change feed; expiry is checked
 * on a timer because a desktop that died says nothing.
 */
class PresenceTracker : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    Q_PROPERTY(QString desktopId READ desktopId CONSTANT)
    /** How many other desktops are connected. */
    Q_PROPERTY(int othersOnline READ othersOnline NOTIFY changed)

public:
    static constexpr int HeartbeatMilliseconds = 2500;

    PresenceTracker(DatabaseWorker *worker, const QString &userName, QObject *parent = nullptr);

    QString desktopId() const { return m_self.desktopId; }
    int othersOnline() const { return int(m_others.size()); }

    /** What this desktop's user works on now, e.g. ("order", "42", "viewing"); empty entity for nothing. */
    Q_INVOKABLE void setFocus(const QString &entity, const QString &entityId, const QString &activity);
    /** "Priya is viewing" for a document other desktops have open; empty when nobody else has. */
    Q_INVOKABLE QString othersOn(const QString &entity, const QString &entityId) const;

    void start();
    /** Another desktop's presence changed (from the change feed): look again. */
    void refresh();
    /** Stops the heartbeat (on quit); the session then removes the row on the database thread. */
    void leave();

Q_SIGNALS:
    void changed();

private:
    void beat();
    void onFetched(quint64 request, const QList<PresenceRecord> &records);

    DatabaseWorker *m_worker;
    PresenceRecord m_self;
    QList<PresenceRecord> m_others;
    QTimer m_heartbeat;
    quint64 m_pending = 0;
};

} // namespace Stockroom
