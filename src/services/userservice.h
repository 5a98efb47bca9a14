// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "servicecontext.h"
#include "userrepository.h"

#include <QCoreApplication>

namespace Stockroom {

/** Who is signed in: what every ServiceContext of the session is made from. */
struct Actor
{
    QString userName;
    QString fullName;
    Role role = Role::Admin;
    bool unclaimed = false; ///< nobody signs in: the database has no users yet (acting as administrator)
};

struct NewUser
{
    QString name;
    QString fullName;
    Role role = Role::Clerk;
    QString password;
};

/** A signed-in session and, if asked for, the token that keeps this desktop signed in. */
struct SignIn
{
    Actor actor;
    QString rememberToken; ///< empty unless remember was asked; the desktop stores it, the database its hash
};

/**
 * Users, passwords and signing in.
 *
 * Passwords are kept only as PBKDF2-HMAC-SHA256 hashes (QPasswordDigestor) with a 16-byte random salt and
 * 600,000 iterations (OWASP's 2023 figure for PBKDF2-SHA256), stored as "pbkdf2-sha256$N$SALT$HASH" so a
 * later, higher count applies to each password as it is next set. PBKDF2 rather than Argon2id: it is in
 * Qt already (no libsodium dependency for the .deb), FIPS-approved, and its cost is tunable per hash;
 * Argon2id's memory-hardness matters most against GPU attacks on a stolen file, which the count offsets.
 *
 * Wrong passwords are throttled per user: from the 5th in a row the account waits 30 s, doubling per
 * further failure up to 15 min, and no password is even checked meanwhile. Unknown names cost the same
 * time as known ones and get the same answer, so names cannot be probed.
 */
class UserService
{
    Q_DECLARE_TR_FUNCTIONS(UserService)

public:
    static constexpr int iterations = 600000;
    static constexpr int freeAttempts = 4;
    static constexpr int firstLockSeconds = 30;
    static constexpr int maxLockSeconds = 15 * 60;
    static constexpr int rememberDays = 30;

    explicit UserService(ServiceContext &context)
        : m_context(context)
    {
    }

    /** True once any user can sign in; before that the database is unclaimed and everyone acts as admin. */
    Result<bool> claimed();
    /** The actor for a program that does not sign in: an administrator on an unclaimed database, else an error. */
    Result<Actor> unclaimedActor();

    /** recordSuccess false: a successful sign-in leaves no audit line (a script's command each time). */
    Result<SignIn> signIn(const QString &name, const QString &password, bool remember = false,
                          const QString &desktop = {}, bool recordSuccess = true);
    Result<SignIn> signInWithToken(const QString &token);
    Status forgetToken(const QString &token);

    /** Admin; on an unclaimed database the first user, who must be an admin. */
    Result<UserRecord> create(const NewUser &user);
    Result<QList<UserRecord>> users();
    /** Your own with the current password, or anybody's as admin. */
    Status changePassword(const QString &name, const QString &newPassword,
                          const QString &currentPassword = {});
    Result<UserRecord> setRole(const QString &name, Role role);
    Result<UserRecord> setActive(const QString &name, bool active);

    static QString hashPassword(const QString &password, int iterationCount = iterations);
    static bool verifyPassword(const QString &password, const QString &stored);
    /** Empty when acceptable, else why not. */
    static QString passwordProblem(const QString &password, const QString &userName);
    static QString nameProblem(const QString &name);

private:
    Status requireAdminOrUnclaimed(const QString &action);
    Status keepOneAdmin(UserRepository &users, const UserRecord &before, const UserRecord &after);
    /** One edit of a user in one transaction: change returns the audit line's summary. */
    Result<UserRecord> changeUser(const QString &name, const QString &action,
                                  const std::function<QString(UserRecord &)> &change);

    ServiceContext &m_context;
};

} // namespace Stockroom
