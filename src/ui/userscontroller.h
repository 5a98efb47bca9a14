// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QVariantList>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;

/**
 * The Users dialog (administrators): who may sign in with which role; add, change role, disable, set a
 * password. Everyone may change their own password through it. The service decides; refusals come back
 * as the message shown in the dialog.
 */
class UsersController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    /** [{name, fullName, role, roleText, active, lastLogin}] */
    Q_PROPERTY(QVariantList users READ users NOTIFY usersChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool failed READ failed NOTIFY messageChanged)

public:
    UsersController(DatabaseWorker *worker, QObject *parent = nullptr);

    QVariantList users() const { return m_users; }
    bool busy() const { return m_busy; }
    QString message() const { return m_message; }
    bool failed() const { return m_failed; }

    Q_INVOKABLE void reload();
    Q_INVOKABLE void add(const QString &name, const QString &fullName, const QString &role,
                         const QString &password, const QString &repeated);
    Q_INVOKABLE void setRole(const QString &name, const QString &role);
    Q_INVOKABLE void setActive(const QString &name, bool active);
    Q_INVOKABLE void setPassword(const QString &name, const QString &password, const QString &repeated,
                                 const QString &current = {});

Q_SIGNALS:
    void usersChanged();
    void busyChanged();
    void messageChanged();
    /** An action succeeded (the dialog clears its fields). */
    void done();

private:
    void run(const QString &action, const QVariantMap &arguments);
    void setMessage(const QString &text, bool failed);

    DatabaseWorker *m_worker;
    QVariantList m_users;
    quint64 m_request = 0;
    bool m_busy = false;
    QString m_message;
    bool m_failed = false;
};

} // namespace Stockroom
