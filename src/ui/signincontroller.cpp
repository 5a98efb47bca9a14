// SPDX-License-Identifier: GPL-3.0-or-later
#include "signincontroller.h"

#include "migrations.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QHostInfo>
#include <QSettings>
#include <QtConcurrent/QtConcurrentRun>

namespace Stockroom {

namespace {

/** Per database: a desktop may sign in to a test and a live database as different people. */
QString settingsKey(const ConnectionSpec &spec, const QString &what)
{
    const QByteArray id
        = QCryptographicHash::hash(spec.displayString().toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStringLiteral("signin/%1/%2").arg(QString::fromLatin1(id.left(16)), what);
}

} // namespace

SignInController::SignInController(const ConnectionSpec &spec, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &SignInController::finished);
}

QString SignInController::lastUserName() const
{
    return QSettings().value(settingsKey(m_spec, QStringLiteral("user"))).toString();
}

void SignInController::run(const std::function<Outcome(ServiceContext &)> &work)
{
    if (m_busy) {
        return;
    }
    m_busy = true;
    Q_EMIT busyChanged();
    const ConnectionSpec spec = m_spec;
    m_watcher.setFuture(QtConcurrent::run([spec, work]() -> Outcome {
        static QAtomicInteger<int> serial;
        const QString name = QStringLiteral("stockroom-signin-%1").arg(serial.fetchAndAddRelaxed(1));
        Result<std::unique_ptr<Database>> db = Database::open(spec, name);
        if (!db) {
            return Outcome {QStringLiteral("signin"), {}, {}, db.error().message};
        }
        if (Result<int> migrated = Migrations::migrate(**db); !migrated) {
            return Outcome {QStringLiteral("signin"), {}, {}, migrated.error().message};
        }
        ServiceContext context {**db, Clock(), {}, Role::Clerk};
        return work(context);
    }));
}

void SignInController::finished()
{
    const Outcome outcome = m_watcher.result();
    m_busy = false;
    Q_EMIT busyChanged();
    setError(outcome.error);
    if (outcome.state == QLatin1String("done")) {
        m_actor = outcome.actor;
        QSettings settings;
        if (!outcome.actor.unclaimed) {
            settings.setValue(settingsKey(m_spec, QStringLiteral("user")), outcome.actor.userName);
        }
        if (!outcome.token.isEmpty()) {
            settings.setValue(settingsKey(m_spec, QStringLiteral("token")), outcome.token);
        }
    }
    if (outcome.state != m_state) {
        m_state = outcome.state;
        Q_EMIT stateChanged();
    }
    if (m_state == QLatin1String("done")) {
        Q_EMIT signedIn();
    }
}

void SignInController::setError(const QString &text)
{
    if (text != m_errorText) {
        m_errorText = text;
        Q_EMIT errorTextChanged();
    }
}

void SignInController::start(bool interactive, const QString &user, const QString &password)
{
    const QString token = interactive
        ? QSettings().value(settingsKey(m_spec, QStringLiteral("token"))).toString()
        : QString();
    const QString osUser = qEnvironmentVariable("USER", QStringLiteral("admin"));
    run([=](ServiceContext &context) -> Outcome {
        UserService users(context);
        Result<bool> claimed = users.claimed();
        if (!claimed) {
            return Outcome {QStringLiteral("signin"), {}, {}, claimed.error().message};
        }
        if (!*claimed) {
            if (interactive) {
                return Outcome {QStringLiteral("setup"), {}, {}, {}};
            }
            return Outcome {QStringLiteral("done"),
                            Actor {user.isEmpty() ? osUser : user, {}, Role::Admin, true},
                            {},
                            {}};
        }
        if (!token.isEmpty()) {
            Result<SignIn> remembered = users.signInWithToken(token);
            if (remembered) {
                return Outcome {QStringLiteral("done"), remembered->actor, {}, {}};
            }
            return Outcome {QStringLiteral("signin"), {}, {}, remembered.error().message};
        }
        if (!user.isEmpty() && !password.isEmpty()) {
            Result<SignIn> signedIn = users.signIn(user, password);
            if (!signedIn) {
                return Outcome {QStringLiteral("signin"), {}, {}, signedIn.error().message};
            }
            return Outcome {QStringLiteral("done"), signedIn->actor, {}, {}};
        }
        return Outcome {QStringLiteral("signin"),
                        {},
                        {},
                        interactive
                            ? QString()
                            : SignInController::tr("This database has users: give --user NAME and the "
                                                   "password in $STOCKROOM_PASSWORD.")};
    });
}

void SignInController::signIn(const QString &name, const QString &password, bool remember)
{
    if (name.trimmed().isEmpty() || password.isEmpty()) {
        setError(tr("Type your user name and password."));
        return;
    }
    const QString desktop = QHostInfo::localHostName();
    run([=](ServiceContext &context) -> Outcome {
        Result<SignIn> signedIn = UserService(context).signIn(name, password, remember, desktop);
        if (!signedIn) {
            return Outcome {QStringLiteral("signin"), {}, {}, signedIn.error().message};
        }
        return Outcome {QStringLiteral("done"), signedIn->actor, signedIn->rememberToken, {}};
    });
}

void SignInController::createAdministrator(const QString &name, const QString &fullName,
                                           const QString &password, const QString &repeated)
{
    if (password != repeated) {
        setError(tr("The two passwords differ."));
        return;
    }
    const QString desktop = QHostInfo::localHostName();
    run([=](ServiceContext &context) -> Outcome {
        // An unclaimed database: whoever starts it first sets up its administrator. No role is claimed here:
        // if another desktop set the database up meanwhile, the service refuses.
        context.userName = name.trimmed();
        UserService users(context);
        Result<UserRecord> created = users.create(NewUser {name.trimmed(), fullName, Role::Admin, password});
        if (!created) {
            return Outcome {QStringLiteral("setup"), {}, {}, created.error().message};
        }
        Result<SignIn> signedIn = users.signIn(created->name, password, true, desktop);
        if (!signedIn) {
            return Outcome {QStringLiteral("signin"), {}, {}, signedIn.error().message};
        }
        return Outcome {QStringLiteral("done"), signedIn->actor, signedIn->rememberToken, {}};
    });
}

void SignInController::forgetRemembered(const ConnectionSpec &spec)
{
    QSettings settings;
    const QString key = settingsKey(spec, QStringLiteral("token"));
    const QString token = settings.value(key).toString();
    settings.remove(key);
    if (token.isEmpty()) {
        return;
    }
    // Revoked in the database too, so a copied settings file is of no use. Quick: one DELETE.
    static QAtomicInteger<int> serial;
    const QString name = QStringLiteral("stockroom-signout-%1").arg(serial.fetchAndAddRelaxed(1));
    QtConcurrent::run([spec, token, name] {
        Result<std::unique_ptr<Database>> db = Database::open(spec, name);
        if (db) {
            ServiceContext context {**db, Clock(), {}, Role::Clerk};
            static_cast<void>(UserService(context).forgetToken(token));
        }
    }).waitForFinished();
}

} // namespace Stockroom
