// SPDX-License-Identifier: GPL-3.0-or-later
#include "userservice.h"

#include "access.h"

#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>

#include <algorithm>

namespace Stockroom {

namespace {

const QLatin1String scheme("pbkdf2-sha256");
constexpr int saltBytes = 16;
constexpr int keyBytes = 32;

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    QRandomGenerator *random = QRandomGenerator::system();
    for (int i = 0; i < count; ++i) {
        bytes[i] = char(random->bounded(256));
    }
    return bytes;
}

QByteArray derive(const QString &password, const QByteArray &salt, int iterationCount)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), salt,
                                              iterationCount, keyBytes);
}

/** Compares without stopping at the first difference, so the time taken tells nothing. */
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size()) {
        return false;
    }
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    }
    return difference == 0;
}

QString tokenHash(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

Actor actorOf(const UserRecord &user)
{
    return Actor {user.name, user.fullName, user.role, false};
}

QJsonObject userFields(const UserRecord &user)
{
    return QJsonObject {{QStringLiteral("role"), roleName(user.role)},
                        {QStringLiteral("full_name"), user.fullName},
                        {QStringLiteral("active"), user.active}};
}

} // namespace

QString UserService::hashPassword(const QString &password, int iterationCount)
{
    const QByteArray salt = randomBytes(saltBytes);
    return QStringLiteral("%1$%2$%3$%4")
        .arg(scheme)
        .arg(iterationCount)
        .arg(QString::fromLatin1(salt.toBase64()),
             QString::fromLatin1(derive(password, salt, iterationCount).toBase64()));
}

bool UserService::verifyPassword(const QString &password, const QString &stored)
{
    const QStringList parts = stored.split(QLatin1Char('$'));
    if (parts.size() != 4 || parts.at(0) != scheme) {
        return false;
    }
    bool ok = false;
    const int iterationCount = parts.at(1).toInt(&ok);
    if (!ok || iterationCount < 1 || iterationCount > 100000000) {
        return false;
    }
    const QByteArray salt = QByteArray::fromBase64(parts.at(2).toLatin1());
    const QByteArray expected = QByteArray::fromBase64(parts.at(3).toLatin1());
    return sameBytes(derive(password, salt, iterationCount), expected);
}

QString UserService::passwordProblem(const QString &password, const QString &userName)
{
    if (password.size() < 8) {
        return UserService::tr("A password needs at least 8 characters.");
    }
    if (password.size() > 1024) {
        return UserService::tr("A password can have at most 1,024 characters.");
    }
    if (password.compare(userName, Qt::CaseInsensitive) == 0) {
        return UserService::tr("The password cannot be the user name.");
    }
    if (password.contains(QChar(0))) {
        return UserService::tr("A password cannot contain a NUL character.");
    }
    return {};
}

QString UserService::nameProblem(const QString &name)
{
    if (name.trimmed().isEmpty()) {
        return UserService::tr("A user needs a name to sign in with.");
    }
    if (name != name.trimmed()) {
        return UserService::tr("A user name cannot start or end with a space.");
    }
    if (name.size() > 64) {
        return UserService::tr("A user name can have at most 64 characters.");
    }
    const bool control = std::any_of(name.cbegin(), name.cend(), [](QChar c) {
        return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format;
    });
    if (control) {
        return UserService::tr("A user name cannot contain control or invisible characters.");
    }
    return {};
}

Result<bool> UserService::claimed()
{
    STOCKROOM_TRY(count,
                  m_context.db.scalar(
                      QStringLiteral("SELECT count(*) FROM users WHERE password_hash <> '' AND active = 1")));
    return count.toInt() > 0;
}

Result<Actor> UserService::unclaimedActor()
{
    STOCKROOM_TRY(isClaimed, claimed());
    if (isClaimed) {
        return Error::forbidden(UserService::tr("This database has users: sign in first."));
    }
    return Actor {m_context.userName, {}, Role::Admin, true};
}

Status UserService::requireAdminOrUnclaimed(const QString &action)
{
    return Access::require(m_context, Role::Admin, action);
}

Result<SignIn> UserService::signIn(const QString &name, const QString &password, bool remember,
                                   const QString &desktop, bool recordSuccess)
{
    Database &db = m_context.db;
    UserRepository users(db);
    STOCKROOM_TRY(found, users.find(name.trimmed()));
    const QString now = toStoredTime(m_context.clock.now());
    if (found && !found->lockedUntil.isEmpty() && found->lockedUntil > now) {
        const qint64 seconds
            = std::max<qint64>(1, m_context.clock.now().secsTo(fromStoredTime(found->lockedUntil)));
        return Error::forbidden(UserService::tr("Too many wrong passwords for %1: try again in %n second(s).",
                                                nullptr, int(seconds))
                                    .arg(found->name));
    }
    // The slow hash runs outside any transaction: a sign-in never holds the database's write lock.
    // Checked instead when the name is unknown or cannot sign in: the same work, so the time taken does not
    // tell which names exist. No password derives to its all-zero key.
    static const QString decoy = QStringLiteral("%1$%2$%3$%4")
                                     .arg(scheme)
                                     .arg(iterations)
                                     .arg(QString::fromLatin1(QByteArray(saltBytes, '\0').toBase64()),
                                          QString::fromLatin1(QByteArray(keyBytes, '\0').toBase64()));
    const bool usable = found && found->active && !found->passwordHash.isEmpty();
    const bool right = verifyPassword(password, usable ? found->passwordHash : decoy) && usable;
    const QString wrong = UserService::tr("Wrong user name or password.");

    // Failed attempts of a known user are recorded under that user. What was typed as an unknown name is not
    // kept: it is often a password typed into the wrong field.
    ServiceContext attempt = m_context;
    attempt.userName = found ? found->name : QString();
    Result<SignIn> outcome = db.write<SignIn>([&]() -> Result<SignIn> {
        // Failures are committed too (an empty SignIn): the refusal is made after the transaction.
        if (!found) {
            STOCKROOM_CHECK(Audit::record(attempt, QStringLiteral("login.failed"), QStringLiteral("user"), {},
                                          UserService::tr("unknown user name")));
            return SignIn {};
        }
        // One sign-in at a time per database: counting failures and the checks below are not raced.
        STOCKROOM_CHECK(users.lock());
        STOCKROOM_TRY(current, users.find(found->name));
        if (!current) {
            return SignIn {};
        }
        // The account as it is now: locked, disabled or given a new password while the hash was computed.
        const bool stillValid = current->active && current->passwordHash == found->passwordHash
            && (current->lockedUntil.isEmpty() || current->lockedUntil <= now);
        if (!right || !stillValid) {
            const int failures = current->failedLogins + 1;
            QString lockedUntil;
            if (failures > freeAttempts) {
                const int doublings = std::min(failures - freeAttempts - 1, 10);
                const int seconds = std::min(maxLockSeconds, firstLockSeconds << doublings);
                lockedUntil = toStoredTime(m_context.clock.now().addSecs(seconds));
            }
            STOCKROOM_CHECK(users.recordFailure(current->id, failures, lockedUntil));
            STOCKROOM_CHECK(Audit::record(
                attempt, QStringLiteral("login.failed"), QStringLiteral("user"), current->name,
                current->active ? UserService::tr("wrong password (%n in a row)", nullptr, failures)
                                : UserService::tr("account disabled")));
            return SignIn {};
        }
        STOCKROOM_CHECK(users.recordSuccess(current->id, now));
        SignIn result {actorOf(*current), {}};
        if (remember) {
            result.rememberToken = QString::fromLatin1(
                randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
            STOCKROOM_CHECK(users.insertToken(tokenHash(result.rememberToken), current->id, desktop, now,
                                              toStoredTime(m_context.clock.now().addDays(rememberDays))));
        }
        if (!recordSuccess) {
            return result;
        }
        ServiceContext as = m_context;
        as.userName = current->name;
        STOCKROOM_CHECK(Audit::record(as, QStringLiteral("login"), QStringLiteral("user"), current->name,
                                      remember
                                          ? UserService::tr("signed in (stays signed in on %1)").arg(desktop)
                                          : UserService::tr("signed in")));
        return result;
    });
    if (!outcome) {
        return outcome.error();
    }
    if (outcome->actor.userName.isEmpty()) {
        return Error::forbidden(wrong);
    }
    return *outcome;
}

Result<SignIn> UserService::signInWithToken(const QString &token)
{
    if (token.isEmpty()) {
        return Error::forbidden(UserService::tr("Sign in again."));
    }
    UserRepository users(m_context.db);
    STOCKROOM_TRY(found, users.userForToken(tokenHash(token), toStoredTime(m_context.clock.now())));
    if (!found || !found->active || found->passwordHash.isEmpty()) {
        return Error::forbidden(
            UserService::tr("This desktop's sign-in has expired or was revoked: sign in again."));
    }
    return SignIn {actorOf(*found), token};
}

Status UserService::forgetToken(const QString &token)
{
    if (token.isEmpty()) {
        return {};
    }
    UserRepository users(m_context.db);
    return m_context.db.write([&]() -> Status { return users.removeToken(tokenHash(token)); });
}

Result<UserRecord> UserService::create(const NewUser &user)
{
    STOCKROOM_TRY(isClaimed, claimed());
    if (isClaimed) {
        STOCKROOM_CHECK(requireAdminOrUnclaimed(UserService::tr("Adding a user")));
    }
    if (!isClaimed && user.role != Role::Admin) {
        return Error::business(UserService::tr("The first user of a database must be an administrator."));
    }
    if (const QString problem = nameProblem(user.name); !problem.isEmpty()) {
        return Error::usage(problem);
    }
    if (const QString problem = passwordProblem(user.password, user.name); !problem.isEmpty()) {
        return Error::usage(problem);
    }
    if (user.fullName.size() > 200 || user.fullName.contains(QChar(0))) {
        return Error::usage(UserService::tr("A full name can have at most 200 characters and no NUL."));
    }
    UserRecord record;
    record.name = user.name;
    record.fullName = user.fullName.trimmed();
    record.role = user.role;
    record.passwordHash = hashPassword(user.password);
    record.createdAt = toStoredTime(m_context.clock.now());
    record.createdBy = m_context.userName;
    Database &db = m_context.db;
    return db.write<UserRecord>([&]() -> Result<UserRecord> {
        UserRepository users(db);
        STOCKROOM_CHECK(users.lock());
        // Again inside the transaction: another desktop may have set the database up meanwhile, and then
        // only a signed-in administrator adds users.
        STOCKROOM_TRY(claimedNow, claimed());
        if (claimedNow) {
            STOCKROOM_CHECK(requireAdminOrUnclaimed(UserService::tr("Adding a user")));
        }
        STOCKROOM_TRY(existing, users.find(record.name));
        if (existing) {
            return Error::business(UserService::tr("There is a user %1 already.").arg(existing->name));
        }
        STOCKROOM_TRY(id, users.insert(record));
        record.id = id;
        STOCKROOM_CHECK(Audit::record(
            m_context, QStringLiteral("user.create"), QStringLiteral("user"), record.name,
            UserService::tr("user %1 added as %2").arg(record.name, Access::displayName(record.role)), {},
            userFields(record)));
        ChangeRecorder changes(m_context);
        changes.add(QStringLiteral("user"), QString::number(id), QStringLiteral("insert"));
        STOCKROOM_CHECK(changes.flush());
        return record;
    });
}

Result<QList<UserRecord>> UserService::users()
{
    STOCKROOM_CHECK(requireAdminOrUnclaimed(UserService::tr("Listing users")));
    UserRepository users(m_context.db);
    return users.all();
}

Status UserService::keepOneAdmin(UserRepository &users, const UserRecord &before, const UserRecord &after)
{
    const bool wasAdmin = before.active && before.role == Role::Admin;
    const bool isAdmin = after.active && after.role == Role::Admin;
    if (wasAdmin && !isAdmin) {
        STOCKROOM_TRY(admins, users.activeAdmins());
        if (admins <= 1) {
            return Error::business(
                UserService::tr("%1 is the last active administrator: make someone else an "
                                "administrator first.")
                    .arg(before.name));
        }
    }
    return {};
}

Status UserService::changePassword(const QString &name, const QString &newPassword,
                                   const QString &currentPassword)
{
    const bool own = name.compare(m_context.userName, Qt::CaseInsensitive) == 0;
    if (!own) {
        STOCKROOM_CHECK(requireAdminOrUnclaimed(UserService::tr("Setting another user's password")));
    }
    Database &db = m_context.db;
    UserRepository users(db);
    STOCKROOM_TRY(found, users.find(name));
    if (!found) {
        return Error::business(UserService::tr("There is no user %1.").arg(name));
    }
    if (const QString problem = passwordProblem(newPassword, found->name); !problem.isEmpty()) {
        return Error::usage(problem);
    }
    if (own && !roleAllows(m_context.role, Role::Admin)
        && !verifyPassword(currentPassword, found->passwordHash)) {
        return Error::forbidden(UserService::tr("The current password is not right."));
    }
    const QString hash = hashPassword(newPassword);
    return db.write([&]() -> Status {
        STOCKROOM_TRY(current, users.find(name));
        if (!current) {
            return Error::business(UserService::tr("There is no user %1.").arg(name));
        }
        UserRecord changed = *current;
        changed.passwordHash = hash;
        STOCKROOM_CHECK(users.update(changed));
        STOCKROOM_CHECK(users.recordFailure(current->id, 0, {}));
        // Every desktop that stayed signed in as this user must sign in with the new password.
        STOCKROOM_CHECK(users.removeTokens(current->id));
        return Audit::record(
            m_context, QStringLiteral("user.password"), QStringLiteral("user"), current->name,
            own ? UserService::tr("changed own password")
                : UserService::tr("password of %1 set by an administrator").arg(current->name));
    });
}

Result<UserRecord> UserService::setRole(const QString &name, Role role)
{
    STOCKROOM_CHECK(requireAdminOrUnclaimed(UserService::tr("Changing a user's role")));
    return changeUser(name, QStringLiteral("user.role"), [role](UserRecord &user) {
        user.role = role;
        return UserService::tr("%1 is now %2").arg(user.name, Access::displayName(role));
    });
}

Result<UserRecord> UserService::setActive(const QString &name, bool active)
{
    STOCKROOM_CHECK(requireAdminOrUnclaimed(active ? UserService::tr("Enabling a user")
                                                   : UserService::tr("Disabling a user")));
    return changeUser(name, active ? QStringLiteral("user.enable") : QStringLiteral("user.disable"),
                      [active](UserRecord &user) {
                          user.active = active;
                          return active ? UserService::tr("%1 may sign in again").arg(user.name)
                                        : UserService::tr("%1 can no longer sign in").arg(user.name);
                      });
}

Result<UserRecord> UserService::changeUser(const QString &name, const QString &action,
                                           const std::function<QString(UserRecord &)> &change)
{
    Database &db = m_context.db;
    return db.write<UserRecord>([&]() -> Result<UserRecord> {
        UserRepository users(db);
        // Two administrators demoting each other at once must not leave none.
        STOCKROOM_CHECK(users.lock());
        STOCKROOM_TRY(found, users.find(name));
        if (!found) {
            return Error::business(UserService::tr("There is no user %1.").arg(name));
        }
        UserRecord changed = *found;
        const QString summary = change(changed);
        STOCKROOM_CHECK(keepOneAdmin(users, *found, changed));
        STOCKROOM_CHECK(users.update(changed));
        if (!changed.active) {
            // A disabled user's desktops stop being signed in.
            STOCKROOM_CHECK(users.removeTokens(changed.id));
        }
        const auto [before, after] = Audit::difference(userFields(*found), userFields(changed));
        STOCKROOM_CHECK(
            Audit::record(m_context, action, QStringLiteral("user"), changed.name, summary, before, after));
        ChangeRecorder changes(m_context);
        changes.add(QStringLiteral("user"), QString::number(changed.id), QStringLiteral("update"));
        STOCKROOM_CHECK(changes.flush());
        return changed;
    });
}

} // namespace Stockroom
