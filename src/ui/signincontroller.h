// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectionspec.h"
#include "userservice.h"

#include <QFutureWatcher>
#include <QObject>
#include <QtQmlIntegration>

namespace Stockroom {

/**
 * The sign-in before the main window: checks whether the database has users (none: the first start of a
 * standalone shop creates its administrator), signs in with this desktop's remembered token, or with a
 * name and password. Every step runs on a thread of its own with its own connection (the password hash
 * takes about a second by design), never on the GUI thread.
 */
class SignInController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
    /** checking, setup (create the first administrator), signin, done */
    Q_PROPERTY(QString state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    /** The name last signed in with on this desktop, to start from. */
    Q_PROPERTY(QString lastUserName READ lastUserName CONSTANT)
    Q_PROPERTY(QString databaseName READ databaseName CONSTANT)

public:
    SignInController(const ConnectionSpec &spec, QObject *parent = nullptr);

    QString state() const { return m_state; }
    bool busy() const { return m_busy; }
    QString errorText() const { return m_errorText; }
    QString lastUserName() const;
    QString databaseName() const { return m_spec.displayString(); }
    Actor actor() const { return m_actor; }

    /**
     * Starts: a remembered token, else a name and password (given, or asked for). On an unclaimed database
     * (no users yet) an interactive start asks for the first administrator; a non-interactive one (a
     * screenshot) goes on as administrator.
     */
    void start(bool interactive = true, const QString &user = {}, const QString &password = {});
    Q_INVOKABLE void signIn(const QString &name, const QString &password, bool remember);
    Q_INVOKABLE void createAdministrator(const QString &name, const QString &fullName,
                                         const QString &password, const QString &repeated);

    /** Forgets this desktop's remembered sign-in for the database (and revokes it in the database). */
    static void forgetRemembered(const ConnectionSpec &spec);

Q_SIGNALS:
    void stateChanged();
    void busyChanged();
    void errorTextChanged();
    void signedIn();

private:
    struct Outcome
    {
        QString state; ///< what comes next
        Actor actor;
        QString token;
        QString error;
    };
    void run(const std::function<Outcome(ServiceContext &)> &work);
    void finished();
    void setError(const QString &text);

    ConnectionSpec m_spec;
    QString m_state = QStringLiteral("checking");
    bool m_busy = false;
    QString m_errorText;
    Actor m_actor;
    QFutureWatcher<Outcome> m_watcher;
};

} // namespace Stockroom
