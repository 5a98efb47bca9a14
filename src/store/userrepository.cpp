// SPDX-License-Identifier: GPL-3.0-or-later
#include "userrepository.h"

namespace Stockroom {

namespace {

const QString userColumns = QStringLiteral(
    "id, name, full_name, role, password_hash, active, failed_logins, locked_until, last_login_at, "
    "created_at, created_by");

UserRecord userFrom(const Row &row)
{
    UserRecord user;
    user.id = row.value(0).toLongLong();
    user.name = row.value(1).toString();
    user.fullName = row.value(2).toString();
    user.role = roleFromName(row.value(3).toString()).value_or(Role::Clerk);
    user.passwordHash = row.value(4).toString();
    user.active = row.value(5).toInt() != 0;
    user.failedLogins = row.value(6).toInt();
    user.lockedUntil = row.value(7).toString();
    user.lastLoginAt = row.value(8).toString();
    user.createdAt = row.value(9).toString();
    user.createdBy = row.value(10).toString();
    return user;
}

Status done(const Result<int> &affected)
{
    if (!affected) {
        return affected.error();
    }
    return {};
}

} // namespace

Status UserRepository::lock()
{
    if (m_db.engine() != Engine::PostgreSQL) {
        return {};
    }
    STOCKROOM_TRY(locked, m_db.scalar(QStringLiteral("SELECT pg_advisory_xact_lock(74612027)")));
    Q_UNUSED(locked)
    return {};
}

Result<int> UserRepository::count()
{
    STOCKROOM_TRY(value, m_db.scalar(QStringLiteral("SELECT count(*) FROM users")));
    return value.toInt();
}

Result<int> UserRepository::activeAdmins()
{
    STOCKROOM_TRY(value,
                  m_db.scalar(QStringLiteral("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 "
                                             "AND password_hash <> ''")));
    return value.toInt();
}

Result<std::optional<UserRecord>> UserRepository::find(const QString &name)
{
    STOCKROOM_TRY(
        rows,
        m_db.select(QStringLiteral("SELECT %1 FROM users WHERE lower(name) = lower(?)").arg(userColumns),
                    {name}));
    if (rows.isEmpty()) {
        return std::optional<UserRecord> {};
    }
    return std::optional<UserRecord> {userFrom(rows.first())};
}

Result<QList<UserRecord>> UserRepository::all()
{
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT %1 FROM users ORDER BY lower(name)").arg(userColumns)));
    QList<UserRecord> users;
    for (const Row &row : std::as_const(rows)) {
        users << userFrom(row);
    }
    return users;
}

Result<qint64> UserRepository::insert(const UserRecord &user)
{
    return m_db.insert(
        QStringLiteral("INSERT INTO users (name, full_name, role, password_hash, active, created_at, "
                       "created_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {user.name, user.fullName, roleName(user.role), user.passwordHash, user.active ? 1 : 0,
         user.createdAt, user.createdBy});
}

Status UserRepository::update(const UserRecord &user)
{
    return done(
        m_db.execute(QStringLiteral("UPDATE users SET full_name = ?, role = ?, password_hash = ?, active = ? "
                                    "WHERE id = ?"),
                     {user.fullName, roleName(user.role), user.passwordHash, user.active ? 1 : 0, user.id}));
}

Status UserRepository::recordFailure(qint64 id, int failedLogins, const QString &lockedUntil)
{
    return done(
        m_db.execute(QStringLiteral("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?"),
                     {failedLogins, lockedUntil.isEmpty() ? QVariant() : QVariant(lockedUntil), id}));
}

Status UserRepository::recordSuccess(qint64 id, const QString &at)
{
    return done(m_db.execute(
        QStringLiteral(
            "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?"),
        {at, id}));
}

Status UserRepository::insertToken(const QString &tokenHash, qint64 userId, const QString &desktop,
                                   const QString &createdAt, const QString &expiresAt)
{
    return done(
        m_db.execute(QStringLiteral("INSERT INTO user_tokens (token_hash, user_id, desktop, created_at, "
                                    "expires_at) VALUES (?, ?, ?, ?, ?)"),
                     {tokenHash, userId, desktop, createdAt, expiresAt}));
}

Result<std::optional<UserRecord>> UserRepository::userForToken(const QString &tokenHash, const QString &now)
{
    QStringList columns = userColumns.split(QStringLiteral(", "));
    for (QString &column : columns) {
        column.prepend(QStringLiteral("u."));
    }
    STOCKROOM_TRY(rows,
                  m_db.select(QStringLiteral("SELECT %1 FROM user_tokens t JOIN users u ON u.id = t.user_id "
                                             "WHERE t.token_hash = ? AND t.expires_at > ?")
                                  .arg(columns.join(QStringLiteral(", "))),
                              {tokenHash, now}));
    if (rows.isEmpty()) {
        return std::optional<UserRecord> {};
    }
    return std::optional<UserRecord> {userFrom(rows.first())};
}

Status UserRepository::removeToken(const QString &tokenHash)
{
    return done(m_db.execute(QStringLiteral("DELETE FROM user_tokens WHERE token_hash = ?"), {tokenHash}));
}

Status UserRepository::removeTokens(qint64 userId)
{
    return done(m_db.execute(QStringLiteral("DELETE FROM user_tokens WHERE user_id = ?"), {userId}));
}

} // namespace Stockroom
