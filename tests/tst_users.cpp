// SPDX-License-Identifier: GPL-3.0-or-later
// Users, roles and the audit trail on a real database (SQLite and PostgreSQL): password hashes, throttled
// sign-in, remembered sign-ins, every role refused what it may not do (in the services, whoever calls),
// ledger and change log rows carrying the user, the audit trail with before/after, and the CLI sign-in.
#include "access.h"
#include "auditrepository.h"
#include "catalogservice.h"
#include "countservice.h"
#include "feedservice.h"
#include "orderservice.h"
#include "purchaseservice.h"
#include "stockservice.h"
#include "testsupport.h"
#include "userservice.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Stockroom;

namespace {

const QString Leeds = QStringLiteral("LEEDS");
const QString Mug = QStringLiteral("MUG-1");
const QString AdminPassword = QStringLiteral("admin-secret-1");
const QString ManagerPassword = QStringLiteral("manager-secret-1");
const QString ClerkPassword = QStringLiteral("clerk-secret-1");

OrderLineRequest lineOf(const QString &sku, int qty)
{
    OrderLineRequest line;
    line.sku = sku;
    line.qty = qty;
    return line;
}

QDateTime at(int day, int hour = 9)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, 0), QTimeZone::utc());
}

} // namespace

class TestUsers : public QObject
{
    Q_OBJECT

    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    QDateTime m_now;

    /** A context acting as name with role (what the GUI and the CLI build after signing in). */
    ServiceContext as(const QString &name, Role role)
    {
        return ServiceContext {*m_db, Clock([this] { return m_now; }), name, role};
    }

    /**
     * Admin ada, manager max, clerk cleo: the shop after its first start. Their hashes have 1,000 iterations
     * (made once per run) instead of 600,000: the count is part of each hash and sign-in reads it from there,
     * so the tests sign in many times without a second each. UserService::create is tested on its own.
     */
    void seedUsers()
    {
        static const QList<std::tuple<QString, Role, QString>> people {
            {QStringLiteral("ada"), Role::Admin, UserService::hashPassword(AdminPassword, 1000)},
            {QStringLiteral("max"), Role::Manager, UserService::hashPassword(ManagerPassword, 1000)},
            {QStringLiteral("cleo"), Role::Clerk, UserService::hashPassword(ClerkPassword, 1000)},
        };
        UserRepository users(*m_db);
        for (const auto &[name, role, hash] : people) {
            UserRecord user;
            user.name = name;
            user.role = role;
            user.passwordHash = hash;
            user.createdAt = toStoredTime(m_now);
            QVERIFY(m_db->write<qint64>([&] { return users.insert(user); }));
        }
    }

    int count(const QString &sql, const Binds &binds = {})
    {
        Result<QVariant> value = m_db->scalar(sql, binds);
        return value ? value->toInt() : -1;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_now = at(2);
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open();
        QVERIFY(m_db);
        ServiceContext setup = as(QStringLiteral("setup"), Role::Admin);
        QVERIFY(Test::seedCatalog(setup, {{Leeds, 10}}, {Mug}));
    }

    void cleanup()
    {
        if (m_db) {
            QCOMPARE(Test::violations(*m_db), QStringList());
        }
        m_db.reset();
        m_scratch.reset();
    }

    void passwordsAreSaltedSlowHashes()
    {
        const QString one = UserService::hashPassword(QStringLiteral("correct horse"));
        const QString two = UserService::hashPassword(QStringLiteral("correct horse"));
        QVERIFY(one.startsWith(QStringLiteral("pbkdf2-sha256$600000$")));
        QVERIFY(one != two); // a salt of its own per hash
        QVERIFY(!one.contains(QStringLiteral("correct")));
        QVERIFY(UserService::verifyPassword(QStringLiteral("correct horse"), one));
        QVERIFY(UserService::verifyPassword(QStringLiteral("correct horse"), two));
        QVERIFY(!UserService::verifyPassword(QStringLiteral("correct hors"), one));
        QVERIFY(!UserService::verifyPassword(QStringLiteral("correct horse"), QStringLiteral("plain text")));
        // A hash with a lower count (an older policy) still verifies: the count is part of the hash.
        QVERIFY(UserService::verifyPassword(QStringLiteral("x"),
                                            UserService::hashPassword(QStringLiteral("x"), 1000)));
        // A user gets the full count, and nothing but the hash is stored.
        ServiceContext first = as(QStringLiteral("ada"), Role::Admin);
        QVERIFY(UserService(first).create(NewUser {QStringLiteral("ada"), {}, Role::Admin, AdminPassword}));
        QCOMPARE(count(QStringLiteral(
                     "SELECT count(*) FROM users WHERE password_hash LIKE 'pbkdf2-sha256$600000$%'")),
                 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM users WHERE password_hash LIKE ?"),
                       {QStringLiteral("%") + AdminPassword + QStringLiteral("%")}),
                 0);
        QVERIFY(UserService(first).signIn(QStringLiteral("ada"), AdminPassword));
    }

    void firstStartCreatesTheAdministrator()
    {
        ServiceContext anyone = as(QStringLiteral("someone"), Role::Admin);
        UserService users(anyone);
        QCOMPARE(users.claimed().value(), false);
        Result<UserRecord> clerkFirst
            = users.create(NewUser {QStringLiteral("cleo"), {}, Role::Clerk, ClerkPassword});
        QVERIFY(!clerkFirst);
        QVERIFY(clerkFirst.error().message.contains(QStringLiteral("administrator")));
        QVERIFY(!users.create(NewUser {QStringLiteral("ada"), {}, Role::Admin, QStringLiteral("short")}));
        QVERIFY(!users.create(NewUser {QStringLiteral(" ada"), {}, Role::Admin, AdminPassword}));
        QVERIFY(!users.create(NewUser {QStringLiteral("a\u200Bda"), {}, Role::Admin, AdminPassword}));
        QVERIFY(users.create(NewUser {QStringLiteral("ada"), {}, Role::Admin, AdminPassword}));
        QCOMPARE(users.claimed().value(), true);
        QVERIFY(users.unclaimedActor().error().kind == Error::Kind::Forbidden);
        // Now only an administrator adds users.
        ServiceContext clerk = as(QStringLiteral("cleo"), Role::Clerk);
        Result<UserRecord> byClerk
            = UserService(clerk).create(NewUser {QStringLiteral("eve"), {}, Role::Admin, ClerkPassword});
        QVERIFY(!byClerk);
        QCOMPARE(byClerk.error().kind, Error::Kind::Forbidden);
        QVERIFY2(byClerk.error().message.contains(QStringLiteral("administrator")),
                 qPrintable(byClerk.error().message));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM users")), 1);
    }

    void wrongPasswordsAreThrottled()
    {
        seedUsers();
        ServiceContext desk = as({}, Role::Clerk);
        UserService users(desk);
        Result<SignIn> right = users.signIn(QStringLiteral("CLEO"), ClerkPassword); // names ignore case
        QVERIFY2(right, qPrintable(right.error().message));
        QCOMPARE(right->actor.userName, QStringLiteral("cleo"));
        QCOMPARE(right->actor.role, Role::Clerk);

        const QString unknown = users.signIn(QStringLiteral("nobody"), ClerkPassword).error().message;
        const QString wrong = users.signIn(QStringLiteral("cleo"), QStringLiteral("guess")).error().message;
        QCOMPARE(unknown, wrong); // names cannot be probed
        for (int attempt = 2; attempt <= UserService::freeAttempts + 1; ++attempt) {
            QVERIFY(!users.signIn(QStringLiteral("cleo"), QStringLiteral("guess")));
        }
        // Locked now: even the right password is not checked.
        Result<SignIn> locked = users.signIn(QStringLiteral("cleo"), ClerkPassword);
        QVERIFY(!locked);
        QVERIFY2(locked.error().message.contains(QStringLiteral("Too many")),
                 qPrintable(locked.error().message));
        QVERIFY(users.signIn(QStringLiteral("max"), ManagerPassword)); // per user: others go on
        m_now = m_now.addSecs(UserService::firstLockSeconds + 1);
        QVERIFY(users.signIn(QStringLiteral("cleo"), ClerkPassword));
        QCOMPARE(count(QStringLiteral("SELECT failed_logins FROM users WHERE name = 'cleo'")), 0);
        // Every failure is in the audit trail under the name tried.
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'login.failed' AND "
                                      "user_name = 'cleo'")),
                 UserService::freeAttempts + 1);
        // What was typed as an unknown name is not kept (it is often a password in the wrong field).
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'login.failed' AND "
                                      "user_name = '' AND entity_key = ''")),
                 1);
        QCOMPARE(
            count(QStringLiteral("SELECT count(*) FROM audit_log WHERE user_name = 'nobody' OR entity_key = "
                                 "'nobody'")),
            0);
    }

    void rememberedSignInsAndRevocation()
    {
        seedUsers();
        ServiceContext desk = as({}, Role::Clerk);
        UserService users(desk);
        Result<SignIn> signedIn
            = users.signIn(QStringLiteral("cleo"), ClerkPassword, true, QStringLiteral("desk-1"));
        QVERIFY(signedIn);
        const QString token = signedIn->rememberToken;
        QVERIFY(token.size() >= 40);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM user_tokens WHERE token_hash = ?"), {token}), 0);
        QCOMPARE(users.signInWithToken(token).value().actor.userName, QStringLiteral("cleo"));
        QVERIFY(!users.signInWithToken(token + QStringLiteral("x")));
        // Expired after 30 days.
        m_now = m_now.addDays(UserService::rememberDays + 1);
        QVERIFY(!users.signInWithToken(token));
        m_now = at(2);
        // A password change signs every desktop out.
        ServiceContext admin = as(QStringLiteral("ada"), Role::Admin);
        QVERIFY(UserService(admin).changePassword(QStringLiteral("cleo"), QStringLiteral("new-secret-2")));
        QVERIFY(!users.signInWithToken(token));
        QVERIFY(!users.signIn(QStringLiteral("cleo"), ClerkPassword));
        QVERIFY(users.signIn(QStringLiteral("cleo"), QStringLiteral("new-secret-2")));
        // A clerk changes only their own password, and only knowing the current one.
        ServiceContext clerk = as(QStringLiteral("cleo"), Role::Clerk);
        QCOMPARE(UserService(clerk)
                     .changePassword(QStringLiteral("max"), QStringLiteral("hijacked-1"))
                     .error()
                     .kind,
                 Error::Kind::Forbidden);
        QVERIFY(!UserService(clerk).changePassword(QStringLiteral("cleo"), QStringLiteral("another-3"),
                                                   QStringLiteral("wrong")));
        QVERIFY(UserService(clerk).changePassword(QStringLiteral("cleo"), QStringLiteral("another-3"),
                                                  QStringLiteral("new-secret-2")));
        // A disabled user cannot sign in, with a token or a password.
        Result<SignIn> again = users.signIn(QStringLiteral("max"), ManagerPassword, true);
        QVERIFY(again);
        QVERIFY(UserService(admin).setActive(QStringLiteral("max"), false));
        QVERIFY(!users.signInWithToken(again->rememberToken));
        QVERIFY(!users.signIn(QStringLiteral("max"), ManagerPassword));
    }

    void theLastAdministratorStays()
    {
        seedUsers();
        ServiceContext admin = as(QStringLiteral("ada"), Role::Admin);
        UserService users(admin);
        Result<UserRecord> demoted = users.setRole(QStringLiteral("ada"), Role::Clerk);
        QVERIFY(!demoted);
        QVERIFY(demoted.error().message.contains(QStringLiteral("last")));
        QVERIFY(!users.setActive(QStringLiteral("ada"), false));
        QVERIFY(users.setRole(QStringLiteral("max"), Role::Admin));
        QVERIFY(users.setRole(QStringLiteral("ada"), Role::Manager)); // max is an administrator now
        ServiceContext manager = as(QStringLiteral("max"), Role::Manager);
        QCOMPARE(UserService(manager).setRole(QStringLiteral("cleo"), Role::Admin).error().kind,
                 Error::Kind::Forbidden);
        // Role changes are audited with before and after.
        AuditRepository audit(*m_db);
        AuditFilter filter;
        filter.entity = QStringLiteral("user");
        filter.text = QStringLiteral("max");
        filter.withChanges = false;
        Result<QList<AuditEntry>> entries = audit.find(filter, 10);
        QVERIFY(entries);
        const auto role = std::find_if(entries->cbegin(), entries->cend(), [](const AuditEntry &e) {
            return e.action == QLatin1String("user.role");
        });
        QVERIFY(role != entries->cend());
        QCOMPARE(role->userName, QStringLiteral("ada"));
        QCOMPARE(role->before.value(QStringLiteral("role")).toString(), QStringLiteral("manager"));
        QCOMPARE(role->after.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
    }

    void everyRoleIsRefusedWhatItMayNotDo()
    {
        seedUsers();
        ServiceContext clerk = as(QStringLiteral("cleo"), Role::Clerk);
        ServiceContext manager = as(QStringLiteral("max"), Role::Manager);
        ServiceContext admin = as(QStringLiteral("ada"), Role::Admin);
        auto refused = [](const auto &result, const QString &role) {
            if (result) {
                qWarning("allowed although it should need the %s role", qPrintable(role));
                return false;
            }
            if (result.error().kind != Error::Kind::Forbidden || !result.error().message.contains(role)) {
                qWarning("%s", qPrintable(result.error().message));
                return false;
            }
            return true;
        };
        // A clerk receives, counts and sells ...
        QVERIFY(StockService(clerk).receive(Mug, Leeds, 10));
        PlaceOrderRequest request;
        request.lines = {lineOf(Mug, 2)};
        request.customerName = QStringLiteral("Jo");
        QVERIFY(OrderService(clerk).place(request));
        Result<StockCount> counted = CountService(clerk).start(Leeds, CountScope {});
        QVERIFY(counted);
        QVERIFY(CountService(clerk).record(counted->number, Mug, 7));
        QVERIFY(CountService(clerk).submit(counted->number));
        // ... but approves no variance, writes nothing off, sets no prices, buys nothing, plans nothing.
        QVERIFY(refused(CountService(clerk).approve(counted->number), QStringLiteral("manager")));
        QVERIFY(refused(StockService(clerk).adjust(Mug, Leeds, -1, QStringLiteral("broken")),
                        QStringLiteral("manager")));
        Result<ProductRecord> mug = CatalogRepository(*m_db).productBySku(Mug).value().value();
        ProductRecord pricier = CatalogRepository(*m_db).productBySku(Mug).value().value();
        pricier.priceCents += 100;
        QVERIFY(refused(CatalogService(clerk).updateProduct(pricier), QStringLiteral("manager")));
        ProductRecord renamed = *mug;
        renamed.name = QStringLiteral("Mug, blue");
        QVERIFY(CatalogService(clerk).updateProduct(renamed)); // the name is not money
        QVERIFY(refused(PurchaseService(clerk).addSupplier(QStringLiteral("Acme"), {}, 5),
                        QStringLiteral("manager")));
        QVERIFY(refused(CatalogService(clerk).setStockSettings(Mug, Leeds, std::nullopt, 5, 20),
                        QStringLiteral("manager")));
        QVERIFY(CatalogService(clerk).setStockSettings(Mug, Leeds, QStringLiteral("A-01"), std::nullopt,
                                                       std::nullopt));
        // A manager approves and prices, but runs no settings or locations.
        QVERIFY(CountService(manager).approve(counted->number));
        pricier.updatedAt.clear();
        QVERIFY(CatalogService(manager).updateProduct(pricier));
        LocationRecord york;
        york.code = QStringLiteral("YORK");
        york.name = QStringLiteral("York");
        QVERIFY(refused(CatalogService(manager).addLocation(york), QStringLiteral("administrator")));
        FeedSettingsChange buffer;
        buffer.bufferUnits = 2;
        QVERIFY(refused(FeedService(manager).setFeedSettings(QStringLiteral("shop"), buffer),
                        QStringLiteral("administrator")));
        QVERIFY(CatalogService(admin).addLocation(york));
        QVERIFY(FeedService(admin).setFeedSettings(QStringLiteral("shop"), buffer));
        // Nothing refused left a trace: one approval, one price change.
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM stock_movements WHERE reason = 'count_adjust'")),
                 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM stock_movements WHERE reason = 'adjust'")), 0);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM suppliers")), 0);
        QCOMPARE(count(QStringLiteral("SELECT price_cents FROM products WHERE sku = ?"), {Mug}),
                 int(pricier.priceCents));
    }

    void ledgerAndChangeLogCarryTheUser()
    {
        seedUsers();
        ServiceContext clerk = as(QStringLiteral("cleo"), Role::Clerk);
        QVERIFY(StockService(clerk).receive(Mug, Leeds, 5));
        PlaceOrderRequest request;
        request.lines = {lineOf(Mug, 1)};
        request.customerName = QStringLiteral("Jo");
        QVERIFY(OrderService(clerk).place(request));
        QVERIFY(count(QStringLiteral("SELECT count(*) FROM stock_movements WHERE user_name = 'cleo'")) >= 2);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM stock_movements WHERE user_name = ''")), 0);
        QVERIFY(count(QStringLiteral("SELECT count(*) FROM change_log WHERE user_name = 'cleo'")) >= 2);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM change_log WHERE user_name = ''")), 0);
    }

    void auditTrailHasBeforeAndAfterAndIsAppendOnly()
    {
        seedUsers();
        ServiceContext manager = as(QStringLiteral("max"), Role::Manager);
        ProductRecord mug = CatalogRepository(*m_db).productBySku(Mug).value().value();
        const qint64 oldPrice = mug.priceCents;
        mug.priceCents = oldPrice + 250;
        mug.updatedAt.clear();
        m_now = at(3);
        QVERIFY(CatalogService(manager).updateProduct(mug));
        m_now = at(5);
        QVERIFY(StockService(manager).adjust(Mug, Leeds, 3, QStringLiteral("found in the back")));

        AuditRepository audit(*m_db);
        AuditFilter filter;
        filter.userName = QStringLiteral("MAX");
        filter.entity = QStringLiteral("product");
        filter.withChanges = false;
        QList<AuditEntry> edits = audit.find(filter, 10).value();
        QCOMPARE(edits.size(), 1);
        QCOMPARE(edits.first().action, QStringLiteral("product.update"));
        QCOMPARE(edits.first().entityKey, Mug);
        QCOMPARE(edits.first().before.value(QStringLiteral("price_cents")).toInteger(), oldPrice);
        QCOMPARE(edits.first().after.value(QStringLiteral("price_cents")).toInteger(), oldPrice + 250);
        QVERIFY(!edits.first().after.contains(QStringLiteral("name"))); // only what changed
        // Dates: the adjustment on the 5th, not the price change on the 3rd.
        AuditFilter days;
        days.from = toStoredTime(at(4, 0));
        days.withChanges = false;
        QList<AuditEntry> later = audit.find(days, 10).value();
        QVERIFY(!later.isEmpty());
        QVERIFY(std::all_of(later.cbegin(), later.cend(),
                            [](const AuditEntry &e) { return e.action != QLatin1String("product.update"); }));
        QVERIFY(std::any_of(later.cbegin(), later.cend(),
                            [](const AuditEntry &e) { return e.action == QLatin1String("stock.adjust"); }));
        // With the change log: the order and stock writes are listed too, newest first.
        AuditFilter all;
        all.userName = QStringLiteral("max");
        QList<AuditEntry> everything = audit.find(all, 100).value();
        QVERIFY(std::any_of(everything.cbegin(), everything.cend(),
                            [](const AuditEntry &e) { return e.source == QLatin1String("change"); }));
        for (qsizetype i = 1; i < everything.size(); ++i) {
            QVERIFY(everything.at(i - 1).at >= everything.at(i).at);
        }
        // Text is matched literally: a LIKE wildcard finds nothing.
        AuditFilter wildcard;
        wildcard.text = QStringLiteral("%");
        QCOMPARE(audit.find(wildcard, 10).value().size(), 0);
        // Nobody edits or deletes the trail, not even with SQL.
        QVERIFY(!m_db->execute(QStringLiteral("UPDATE audit_log SET user_name = 'someone else'")));
        QVERIFY(!m_db->execute(QStringLiteral("DELETE FROM audit_log")));
        QVERIFY(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE user_name = 'max'")) >= 2);
    }

    void commandLineSignsIn()
    {
        seedUsers();
        const QString db = m_scratch->connectionString();
        auto run = [&](const QStringList &arguments, const QProcessEnvironment &environment,
                       QString *output = nullptr) {
            QProcess process;
            process.setProcessEnvironment(environment);
            process.start(QStringLiteral(STOCKROOMCTL), QStringList {QStringLiteral("--db"), db} + arguments);
            process.closeWriteChannel();
            if (!process.waitForFinished(60000)) {
                return -1;
            }
            if (output) {
                *output = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
            }
            return process.exitCode();
        };
        QProcessEnvironment plain = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"STOCKROOM_USER", "STOCKROOM_PASSWORD", "STOCKROOM_TOKEN", "STOCKROOM_DB"}) {
            plain.remove(QString::fromLatin1(name));
        }
        QString text;
        QCOMPARE(run({QStringLiteral("check")}, plain, &text), 1); // users exist: nobody unsigned
        QVERIFY2(text.contains(QStringLiteral("sign in")), qPrintable(text));

        QProcessEnvironment clerk = plain;
        clerk.insert(QStringLiteral("STOCKROOM_USER"), QStringLiteral("cleo"));
        clerk.insert(QStringLiteral("STOCKROOM_PASSWORD"), QStringLiteral("wrong"));
        QCOMPARE(run({QStringLiteral("check")}, clerk, &text), 1);
        QVERIFY2(text.contains(QStringLiteral("Wrong user name or password")), qPrintable(text));
        clerk.insert(QStringLiteral("STOCKROOM_PASSWORD"), ClerkPassword);
        QCOMPARE(run({QStringLiteral("check")}, clerk, &text), 0);
        QCOMPARE(run({QStringLiteral("location"), QStringLiteral("add"), QStringLiteral("--code"),
                      QStringLiteral("BATH"), QStringLiteral("--name"), QStringLiteral("Bath")},
                     clerk, &text),
                 1);
        QVERIFY2(text.contains(QStringLiteral("administrator")), qPrintable(text));
        QCOMPARE(run({QStringLiteral("audit")}, clerk, &text), 1); // managers read the trail

        // A token: signed in once, then no password (and no slow hash) per command.
        QProcessEnvironment manager = plain;
        manager.insert(QStringLiteral("STOCKROOM_USER"), QStringLiteral("max"));
        manager.insert(QStringLiteral("STOCKROOM_PASSWORD"), ManagerPassword);
        QString token;
        QCOMPARE(run({QStringLiteral("login")}, manager, &token), 0);
        token = token.trimmed().split(QLatin1Char('\n')).constLast();
        QProcessEnvironment withToken = plain;
        withToken.insert(QStringLiteral("STOCKROOM_TOKEN"), token);
        QCOMPARE(run({QStringLiteral("audit"), QStringLiteral("--json"), QStringLiteral("--by"),
                      QStringLiteral("cleo"), QStringLiteral("--edits-only")},
                     withToken, &text),
                 0);
        QVERIFY2(text.contains(QStringLiteral("login.failed")), qPrintable(text));
        QCOMPARE(run({QStringLiteral("logout")}, withToken), 0);
        QCOMPARE(run({QStringLiteral("check")}, withToken, &text), 1);
    }
};

QTEST_GUILESS_MAIN(TestUsers)
#include "tst_users.moc"
