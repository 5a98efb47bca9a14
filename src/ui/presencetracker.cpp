// SPDX-License-Identifier: GPL-3.0-or-later
#include "presencetracker.h"

#include "databaseworker.h"

#include <QUuid>

namespace Stockroom {

PresenceTracker::PresenceTracker(DatabaseWorker *worker, const QString &userName, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_heartbeat(this)
{
    qRegisterMetaType<QList<Stockroom::PresenceRecord>>();
    m_self.desktopId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_self.userName = userName;
    m_heartbeat.setInterval(HeartbeatMilliseconds);
    connect(&m_heartbeat, &QTimer::timeout, this, [this] {
        beat();
        refresh(); // expiry of silent desktops is only visible by looking
    });
    connect(worker, &DatabaseWorker::presenceFetched, this, &PresenceTracker::onFetched);
}

void PresenceTracker::start()
{
    beat();
    refresh();
    m_heartbeat.start();
}

void PresenceTracker::setFocus(const QString &entity, const QString &entityId, const QString &activity)
{
    if (entity == m_self.entity && entityId == m_self.entityId && activity == m_self.activity) {
        return;
    }
    m_self.entity = entity;
    m_self.entityId = entityId;
    m_self.activity = activity;
    beat();
}

QString PresenceTracker::othersOn(const QString &entity, const QString &entityId) const
{
    QStringList who;
    for (const PresenceRecord &other : m_others) {
        if (other.entity == entity && other.entityId == entityId) {
            who << (other.activity == QLatin1String("viewing")
                        ? tr("%1 is viewing").arg(other.userName)
                        : tr("%1 is %2").arg(other.userName, other.activity));
        }
    }
    return who.join(QStringLiteral(", "));
}

void PresenceTracker::refresh()
{
    m_pending = DatabaseWorker::newRequestId();
    const quint64 id = m_pending;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, id] { worker->fetchPresence(id); });
}

void PresenceTracker::leave()
{
    m_heartbeat.stop();
}

void PresenceTracker::beat()
{
    const PresenceRecord self = m_self;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, self] { worker->announcePresence(self); });
}

void PresenceTracker::onFetched(quint64 request, const QList<PresenceRecord> &records)
{
    if (request != m_pending) {
        return;
    }
    QList<PresenceRecord> others;
    for (const PresenceRecord &record : records) {
        if (record.desktopId != m_self.desktopId) {
            others << record;
        }
    }
    auto same = [](const QList<PresenceRecord> &a, const QList<PresenceRecord> &b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (a.at(i).desktopId != b.at(i).desktopId || a.at(i).entity != b.at(i).entity
                || a.at(i).entityId != b.at(i).entityId || a.at(i).activity != b.at(i).activity) {
                return false;
            }
        }
        return true;
    };
    if (!same(others, m_others)) {
        m_others = others;
        Q_EMIT changed();
    }
}

} // namespace Stockroom
