// SPDX-License-Identifier: GPL-3.0-or-later
#include "usercommands.h"

#include "access.h"
#include "auditrepository.h"

#include <QFile>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace Stockroom::Cli {

namespace {

/** A line typed on the terminal without echo; empty when stdin is not a terminal. */
QString promptHidden(const QString &prompt)
{
    if (!isatty(STDIN_FILENO)) {
        return {};
    }
    err() << prompt << Qt::flush;
    termios saved {};
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    QTextStream in(stdin);
    const QString line = in.readLine();
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    err() << Qt::endl;
    return line;
}

/** The first line of a file (a password file: no password on the command line, where `ps` shows it). */
Result<QString> firstLineOf(const QString &fileName, const QString &option)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        return usage(Text::tr("--%1: cannot read %2: %3").arg(option, fileName, file.errorString()));
    }
    QString line = QString::fromUtf8(file.readLine(4096));
    while (line.endsWith(QLatin1Char('\n')) || line.endsWith(QLatin1Char('\r'))) {
        line.chop(1);
    }
    return line;
}

Result<QString> newPassword(const QCommandLineParser &parser)
{
    if (parser.isSet(QStringLiteral("new-password-file"))) {
        return firstLineOf(parser.value(QStringLiteral("new-password-file")),
                           QStringLiteral("new-password-file"));
    }
    if (qEnvironmentVariableIsSet("STOCKROOM_NEW_PASSWORD")) {
        return qEnvironmentVariable("STOCKROOM_NEW_PASSWORD");
    }
    const QString first = promptHidden(Text::tr("New password: "));
    if (first.isEmpty()) {
        return usage(
            Text::tr("Give the new password with --new-password-file FILE or $STOCKROOM_NEW_PASSWORD "
                     "(or type it on a terminal)."));
    }
    if (promptHidden(Text::tr("Again: ")) != first) {
        return usage(Text::tr("The two passwords differ."));
    }
    return first;
}

Result<Role> roleArgument(const QString &text)
{
    const std::optional<Role> role = roleFromName(text);
    if (!role) {
        return usage(Text::tr("A role is clerk, manager or admin, not \"%1\".").arg(text));
    }
    return *role;
}

QJsonObject userJson(const UserRecord &user)
{
    return QJsonObject {{QStringLiteral("name"), user.name},
                        {QStringLiteral("full_name"), user.fullName},
                        {QStringLiteral("role"), roleName(user.role)},
                        {QStringLiteral("active"), user.active},
                        {QStringLiteral("last_login_at"), user.lastLoginAt},
                        {QStringLiteral("created_at"), user.createdAt},
                        {QStringLiteral("created_by"), user.createdBy}};
}

Result<int> commandUser(Invocation &call)
{
    const QStringList args = call.arguments();
    const QString action = args.value(0);
    UserService service(*call.context);
    if (action == QLatin1String("list")) {
        STOCKROOM_CHECK(onlyOptions(call, action, {}));
        STOCKROOM_TRY(users, service.users());
        if (call.json()) {
            QJsonArray rows;
            for (const UserRecord &user : std::as_const(users)) {
                rows.append(userJson(user));
            }
            printJson(rows);
            return int(Done);
        }
        for (const UserRecord &user : std::as_const(users)) {
            out() << QStringLiteral("%1  %2  %3  %4\n")
                         .arg(user.name, -16)
                         .arg(roleName(user.role), -8)
                         .arg(user.active ? Text::tr("active") : Text::tr("disabled"), -8)
                         .arg(user.fullName);
        }
        return int(Done);
    }
    const QString name = args.value(1);
    if (action.isEmpty() || name.isEmpty()) {
        return usage(Text::tr("user add|role|enable|disable|password NAME …, or user list."));
    }
    if (action == QLatin1String("add")) {
        STOCKROOM_CHECK(onlyOptions(
            call, action,
            {QStringLiteral("role"), QStringLiteral("full-name"), QStringLiteral("new-password-file")}));
        STOCKROOM_TRY(role,
                      roleArgument(call.parser.value(QStringLiteral("role")).isEmpty()
                                       ? QStringLiteral("clerk")
                                       : call.parser.value(QStringLiteral("role"))));
        STOCKROOM_TRY(password, newPassword(call.parser));
        STOCKROOM_TRY(
            user,
            service.create(NewUser {name, call.parser.value(QStringLiteral("full-name")), role, password}));
        if (call.json()) {
            printJson(userJson(user));
        } else {
            out() << Text::tr("User %1 added as %2.").arg(user.name, Access::displayName(user.role))
                  << Qt::endl;
        }
        return int(Done);
    }
    if (action == QLatin1String("role")) {
        STOCKROOM_CHECK(onlyOptions(call, action, {}));
        STOCKROOM_TRY(role, roleArgument(args.value(2)));
        STOCKROOM_TRY(user, service.setRole(name, role));
        out() << Text::tr("%1 is now %2.").arg(user.name, Access::displayName(user.role)) << Qt::endl;
        return int(Done);
    }
    if (action == QLatin1String("enable") || action == QLatin1String("disable")) {
        STOCKROOM_CHECK(onlyOptions(call, action, {}));
        STOCKROOM_TRY(user, service.setActive(name, action == QLatin1String("enable")));
        out() << (user.active ? Text::tr("%1 may sign in.") : Text::tr("%1 can no longer sign in."))
                     .arg(user.name)
              << Qt::endl;
        return int(Done);
    }
    if (action == QLatin1String("password")) {
        STOCKROOM_CHECK(onlyOptions(call, action, {QStringLiteral("new-password-file")}));
        STOCKROOM_TRY(password, newPassword(call.parser));
        QString current;
        const bool own = name.compare(call.context->userName, Qt::CaseInsensitive) == 0;
        if (own && !roleAllows(call.context->role, Role::Admin)) {
            current = qEnvironmentVariable("STOCKROOM_PASSWORD");
            if (current.isEmpty()) {
                current = promptHidden(Text::tr("Current password: "));
            }
        }
        STOCKROOM_CHECK(service.changePassword(name, password, current));
        out() << Text::tr("The password of %1 is changed; desktops that stayed signed in must sign in again.")
                     .arg(name)
              << Qt::endl;
        return int(Done);
    }
    return usage(
        Text::tr("Unknown user action \"%1\": add, list, role, enable, disable or password.").arg(action));
}

Result<int> commandLogin(Invocation &call)
{
    // The sign-in itself happened before the command ran; a token lets scripts skip the slow hash.
    UserService service(*call.context);
    STOCKROOM_TRY(isClaimed, service.claimed());
    if (!isClaimed) {
        return Error::business(Text::tr("This database has no users yet: nobody signs in (add one with "
                                        "\"user add NAME --role admin\")."));
    }
    const QString user = call.context->userName;
    QString password = qEnvironmentVariable("STOCKROOM_PASSWORD");
    if (call.parser.isSet(QStringLiteral("password-file"))) {
        STOCKROOM_TRY(
            line,
            firstLineOf(call.parser.value(QStringLiteral("password-file")), QStringLiteral("password-file")));
        password = line;
    }
    if (password.isEmpty()) {
        return usage(Text::tr("login needs the password in --password-file or $STOCKROOM_PASSWORD."));
    }
    STOCKROOM_TRY(
        signIn, service.signIn(user, password, true, QHostInfo::localHostName() + QStringLiteral(" (cli)")));
    if (call.json()) {
        printJson(QJsonObject {{QStringLiteral("user"), signIn.actor.userName},
                               {QStringLiteral("role"), roleName(signIn.actor.role)},
                               {QStringLiteral("token"), signIn.rememberToken}});
    } else {
        out() << signIn.rememberToken << Qt::endl;
    }
    return int(Done);
}

Result<int> commandLogout(Invocation &call)
{
    UserService service(*call.context);
    STOCKROOM_CHECK(service.forgetToken(qEnvironmentVariable("STOCKROOM_TOKEN")));
    return int(Done);
}

Result<int> commandAudit(Invocation &call)
{
    STOCKROOM_CHECK(Access::require(*call.context, Role::Manager, Text::tr("Reading the audit trail")));
    AuditFilter filter;
    filter.userName = call.parser.value(QStringLiteral("by"));
    filter.entity = call.parser.value(QStringLiteral("entity"));
    filter.text = call.parser.value(QStringLiteral("text"));
    filter.withChanges = !call.parser.isSet(QStringLiteral("edits-only"));
    for (const QString &option : {QStringLiteral("since"), QStringLiteral("until")}) {
        if (!call.parser.isSet(option)) {
            continue;
        }
        const QDate date = QDate::fromString(call.parser.value(option), Qt::ISODate);
        if (!date.isValid()) {
            return usage(Text::tr("--%1 takes a date like 2026-11-27, not \"%2\".")
                             .arg(option, call.parser.value(option)));
        }
        const QString stored = toStoredTime(date.startOfDay(QTimeZone::utc()));
        (option == QLatin1String("since") ? filter.from : filter.to) = option == QLatin1String("since")
            ? stored
            : toStoredTime(date.addDays(1).startOfDay(QTimeZone::utc()));
    }
    STOCKROOM_TRY(limit, intOption(call.parser, QStringLiteral("limit"), 100, 1, 100000));
    AuditRepository audit(*call.db);
    STOCKROOM_TRY(entries, call.db->read<QList<AuditEntry>>([&] { return audit.find(filter, limit); }));
    if (call.json()) {
        QJsonArray rows;
        for (const AuditEntry &entry : std::as_const(entries)) {
            rows.append(QJsonObject {{QStringLiteral("source"), entry.source},
                                     {QStringLiteral("at"), entry.at},
                                     {QStringLiteral("user"), entry.userName},
                                     {QStringLiteral("action"), entry.action},
                                     {QStringLiteral("entity"), entry.entity},
                                     {QStringLiteral("key"), entry.entityKey},
                                     {QStringLiteral("summary"), entry.summary},
                                     {QStringLiteral("before"), entry.before},
                                     {QStringLiteral("after"), entry.after}});
        }
        printJson(rows);
        return int(Done);
    }
    for (const AuditEntry &entry : std::as_const(entries)) {
        out() << QStringLiteral("%1  %2  %3  %4 %5  %6\n")
                     .arg(entry.at.left(19))
                     .arg(entry.userName, -12)
                     .arg(entry.action, -18)
                     .arg(entry.entity, entry.entityKey, entry.summary);
        for (auto it = entry.after.constBegin(); it != entry.after.constEnd(); ++it) {
            out() << QStringLiteral("      %1: %2 → %3\n")
                         .arg(it.key(), entry.before.value(it.key()).toVariant().toString(),
                              it.value().toVariant().toString());
        }
    }
    return int(Done);
}

} // namespace

Result<Actor> signInFromCommandLine(const QCommandLineParser &parser, ServiceContext &context)
{
    UserService service(context);
    STOCKROOM_TRY(isClaimed, service.claimed());
    if (!isClaimed) {
        return Actor {context.userName, {}, Role::Admin, true};
    }
    const QString token = qEnvironmentVariable("STOCKROOM_TOKEN");
    if (!token.isEmpty()) {
        STOCKROOM_TRY(signIn, service.signInWithToken(token));
        return signIn.actor;
    }
    QString user = parser.value(QStringLiteral("user"));
    if (user.isEmpty()) {
        user = qEnvironmentVariable("STOCKROOM_USER");
    }
    if (user.isEmpty()) {
        return Error::forbidden(
            Text::tr("This database has users: sign in with --user NAME (or $STOCKROOM_USER) "
                     "and the password in --password-file, $STOCKROOM_PASSWORD or typed; or "
                     "$STOCKROOM_TOKEN from \"stockroomctl login\"."));
    }
    QString password;
    if (parser.isSet(QStringLiteral("password-file"))) {
        STOCKROOM_TRY(
            line,
            firstLineOf(parser.value(QStringLiteral("password-file")), QStringLiteral("password-file")));
        password = line;
    } else if (qEnvironmentVariableIsSet("STOCKROOM_PASSWORD")) {
        password = qEnvironmentVariable("STOCKROOM_PASSWORD");
    } else {
        password = promptHidden(Text::tr("Password for %1: ").arg(user));
    }
    if (password.isEmpty()) {
        // A script without a password must not count as a wrong guess (five would lock the user out).
        return usage(Text::tr("No password for %1: give it in --password-file, $STOCKROOM_PASSWORD or on a "
                              "terminal.")
                         .arg(user));
    }
    STOCKROOM_TRY(signIn, service.signIn(user, password, false, {}, false));
    return signIn.actor;
}

QList<Command> userCommands()
{
    return {
        {QStringLiteral("user"),
         Text::tr("Users: add NAME --role R, list, role NAME R, enable/disable NAME, password NAME."),
         [](QCommandLineParser &p) {
             addOption(p, QStringLiteral("role"), Text::tr("clerk, manager or admin (default clerk)."),
                       QStringLiteral("ROLE"));
             addOption(p, QStringLiteral("full-name"), Text::tr("The user's full name."),
                       QStringLiteral("TEXT"));
             addOption(
                 p, QStringLiteral("new-password-file"),
                 Text::tr("Read the new password from this file (else $STOCKROOM_NEW_PASSWORD or a prompt)."),
                 QStringLiteral("FILE"));
         },
         commandUser},
        {QStringLiteral("login"),
         Text::tr("Sign in once and print a token for scripts ($STOCKROOM_TOKEN, 30 days)."),
         {},
         commandLogin},
        {QStringLiteral("logout"), Text::tr("Revoke the token in $STOCKROOM_TOKEN."), {}, commandLogout},
        {QStringLiteral("audit"),
         Text::tr("Who did what and when, newest first, with before/after of edits."),
         [](QCommandLineParser &p) {
             addOption(p, QStringLiteral("by"), Text::tr("Only this user's actions."),
                       QStringLiteral("USER"));
             addOption(p, QStringLiteral("entity"),
                       Text::tr("Only this kind: order, stock, product, location, count, transfer, user, …"),
                       QStringLiteral("KIND"));
             addOption(p, QStringLiteral("text"), Text::tr("Key or summary contains this text."),
                       QStringLiteral("TEXT"));
             addOption(p, QStringLiteral("since"), Text::tr("From this day (UTC)."), QStringLiteral("DATE"));
             addOption(p, QStringLiteral("until"), Text::tr("Up to and including this day (UTC)."),
                       QStringLiteral("DATE"));
             addOption(p, QStringLiteral("limit"), Text::tr("At most N lines (default 100)."),
                       QStringLiteral("N"));
             addOption(p, QStringLiteral("edits-only"),
                       Text::tr("Only the audit log (edits, approvals, users, sign-ins), not every change."));
         },
         commandAudit},
    };
}

} // namespace Stockroom::Cli
