// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"
#include "role.h"

namespace Stockroom {

struct UserRecord
{
    qint64 id = 0;
    QString name; ///< what people type to sign in; unique
    QString fullName;
    Role role = Role::Clerk;
    QString passwordHash; ///< "pbkdf2-sha256$ITERATIONS$SALT$HASH"; empty = cannot sign in
    bool active = true;
    int failedLogins = 0; ///< wrong passwords since the last right one
    QString lockedUntil; ///< stored time; empty when not throttled
    QString lastLoginAt;
    QString createdAt;
    QString createdBy;
};

/** users: who may sign in, with which role, and the state of password throttling. */
class UserRepository
{
public:
    explicit UserRepository(Database &db)
        : m_db(db)
    {
    }

    /**
     * Serialises changes of users within the calling write transaction (sign-in counting, the last
     * administrator, the first user): an advisory lock on PostgreSQL; SQLite's write lock does it already.
     */
    Status lock();
    Result<int> count();
    Result<int> activeAdmins();
    /** By name, compared without regard to case (people type "Ada" and "ada"). */
    Result<std::optional<UserRecord>> find(const QString &name);
    Result<QList<UserRecord>> all();
    Result<qint64> insert(const UserRecord &user);
    /** Writes name-independent fields: full name, role, password hash, active. */
    Status update(const UserRecord &user);
    Status recordFailure(qint64 id, int failedLogins, const QString &lockedUntil);
    Status recordSuccess(qint64 id, const QString &at);

    Status insertToken(const QString &tokenHash, qint64 userId, const QString &desktop,
                       const QString &createdAt, const QString &expiresAt);
    /** The user a token that has not expired at `now` belongs to. */
    Result<std::optional<UserRecord>> userForToken(const QString &tokenHash, const QString &now);
    Status removeToken(const QString &tokenHash);
    /** Every token of a user: after a password change or when the user is disabled. */
    Status removeTokens(qint64 userId);

private:
    Database &m_db;
};

} // namespace Stockroom
