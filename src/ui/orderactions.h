// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;

/**
 * What the clerk can do to an order from the Orders view. Each action runs the service on the database
 * thread with the version the clerk saw; the answer comes back as a message for the view.
 */
class OrderActions : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool failed READ failed NOTIFY messageChanged)
    /** The last refusal was "changed by NAME at TIME — reload?". */
    Q_PROPERTY(bool stale READ stale NOTIFY messageChanged)

public:
    OrderActions(DatabaseWorker *worker, const QString &userName, QObject *parent = nullptr);

    bool busy() const { return m_pending != 0; }
    QString message() const { return m_message; }
    bool failed() const { return m_failed; }
    bool stale() const { return m_stale; }

    Q_INVOKABLE void cancel(const QString &number, int version);
    Q_INVOKABLE void ship(const QString &number, int version);
    Q_INVOKABLE void clearMessage();

Q_SIGNALS:
    void busyChanged();
    void messageChanged();

private:
    void onFinished(quint64 request, bool ok, bool stale, const QString &message);
    quint64 begin();

    DatabaseWorker *m_worker;
    QString m_userName;
    quint64 m_pending = 0;
    QString m_message;
    bool m_failed = false;
    bool m_stale = false;
};

} // namespace Stockroom
