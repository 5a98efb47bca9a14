// SPDX-License-Identifier: GPL-3.0-or-later
// The sign-in window and the roles in the GUI's own objects, on a real SQLite database: the first start
// creates the administrator, wrong passwords are shown in the window, "stay signed in" signs the next
// start in by itself until Sign out, and a clerk's session is refused what a clerk may not do.
#include "auditcontroller.h"
#include "session.h"
#include "signincontroller.h"
#include "testsupport.h"
#include "userscontroller.h"
#include "userservice.h"

#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

Q_IMPORT_QML_PLUGIN(StockroomPlugin)

using namespace Stockroom;

class TestSignInUi : public QObject
{
    Q_OBJECT

    std::unique_ptr<Test::ScratchDatabase> m_scratch;

    static bool settled(SignInController &controller)
    {
        return QTest::qWaitFor(
            [&] { return !controller.busy() && controller.state() != QLatin1String("checking"); }, 30'000);
    }

    static QObject *find(QQmlApplicationEngine &engine, const char *name)
    {
        return engine.rootObjects().isEmpty()
            ? nullptr
            : engine.rootObjects().constFirst()->findChild<QObject *>(QString::fromLatin1(name));
    }

    /** Types into the window's fields and presses its button, as a user would. */
    static bool submit(QQmlApplicationEngine &engine, const QVariantMap &fields)
    {
        for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
            QObject *field = find(engine, qPrintable(it.key()));
            if (!field) {
                qWarning("no field %s", qPrintable(it.key()));
                return false;
            }
            field->setProperty(it.value().typeId() == QMetaType::Bool ? "checked" : "text", it.value());
        }
        QObject *button = find(engine, "signInButton");
        return button && QMetaObject::invokeMethod(button, "clicked");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("StockroomTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_signinui"));
        QSettings().clear();
    }

    void init()
    {
        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
    }

    void cleanup()
    {
        QSettings().clear();
        m_scratch.reset();
    }

    void firstStartThenSignInThenStaySignedIn()
    {
        const ConnectionSpec spec = m_scratch->spec();
        {
            SignInController controller(spec);
            QQmlApplicationEngine engine;
            engine.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(&controller)}});
            engine.load(QUrl(QStringLiteral("qrc:/Stockroom/SignInWindow.qml")));
            QVERIFY(!engine.rootObjects().isEmpty());
            controller.start();
            QVERIFY(settled(controller));
            QCOMPARE(controller.state(), QStringLiteral("setup")); // no users: create the administrator

            // Two different passwords: refused in the window, nobody created.
            QVERIFY(submit(engine,
                           {{QStringLiteral("signInName"), QStringLiteral("ada")},
                            {QStringLiteral("signInPassword"), QStringLiteral("first-secret")},
                            {QStringLiteral("signInRepeat"), QStringLiteral("other-secret")}}));
            QObject *error = find(engine, "signInError");
            QVERIFY(error);
            QTRY_VERIFY(error->property("visible").toBool());
            QVERIFY(error->property("text").toString().contains(QStringLiteral("differ")));
            // Too short: the service's refusal, shown the same way.
            QVERIFY(submit(engine,
                           {{QStringLiteral("signInPassword"), QStringLiteral("short")},
                            {QStringLiteral("signInRepeat"), QStringLiteral("short")}}));
            QVERIFY(QTest::qWaitFor([&] { return !controller.busy(); }, 30'000));
            QTRY_VERIFY(error->property("text").toString().contains(QStringLiteral("8 characters")));
            QCOMPARE(controller.state(), QStringLiteral("setup"));

            QSignalSpy signedIn(&controller, &SignInController::signedIn);
            QVERIFY(submit(engine,
                           {{QStringLiteral("signInPassword"), QStringLiteral("first-secret")},
                            {QStringLiteral("signInRepeat"), QStringLiteral("first-secret")}}));
            QVERIFY(signedIn.wait(30'000));
            QCOMPARE(controller.actor().userName, QStringLiteral("ada"));
            QCOMPARE(controller.actor().role, Role::Admin);
            QVERIFY(!controller.actor().unclaimed);
        }
        // A setup form left open on another desktop cannot add a second administrator afterwards.
        {
            SignInController late(spec);
            late.createAdministrator(QStringLiteral("eve"), {}, QStringLiteral("eve-secret-1"),
                                     QStringLiteral("eve-secret-1"));
            QVERIFY(QTest::qWaitFor([&] { return !late.busy(); }, 30'000));
            QVERIFY2(late.errorText().contains(QStringLiteral("administrator")),
                     qPrintable(late.errorText()));
            QVERIFY(late.state() != QLatin1String("done"));
        }
        // The administrator adds a clerk through the Users dialog's controller.
        {
            SignInController controller(spec);
            controller.start();
            QVERIFY(settled(controller));
            QCOMPARE(controller.state(), QStringLiteral("done")); // stayed signed in after the first start
            Session session(spec, controller.actor());
            QVERIFY(QTest::qWaitFor([&] { return session.ready(); }, 30'000));
            QVERIFY(session.isAdmin());
            UsersController *users = session.users();
            users->add(QStringLiteral("cleo"), QStringLiteral("Cleo"), QStringLiteral("clerk"),
                       QStringLiteral("clerk-secret"), QStringLiteral("clerk-secret"));
            QVERIFY(QTest::qWaitFor([&] { return !users->busy(); }, 30'000));
            QVERIFY2(!users->failed(), qPrintable(users->message()));
            QCOMPARE(users->users().size(), 2);
            session.signOut(); // forgets the token (and would quit the app)
        }
        // Signed out: the next start asks; a wrong password is shown; the right one with "stay signed in".
        {
            SignInController controller(spec);
            QQmlApplicationEngine engine;
            engine.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(&controller)}});
            engine.load(QUrl(QStringLiteral("qrc:/Stockroom/SignInWindow.qml")));
            controller.start();
            QVERIFY(settled(controller));
            QCOMPARE(controller.state(), QStringLiteral("signin"));
            QCOMPARE(controller.lastUserName(), QStringLiteral("ada"));
            QVERIFY(submit(engine,
                           {{QStringLiteral("signInName"), QStringLiteral("cleo")},
                            {QStringLiteral("signInPassword"), QStringLiteral("wrong-secret")}}));
            QVERIFY(QTest::qWaitFor([&] { return !controller.busy() && !controller.errorText().isEmpty(); },
                                    30'000));
            QObject *error = find(engine, "signInError");
            QTRY_VERIFY(error->property("visible").toBool());
            QCOMPARE(error->property("text").toString(), QStringLiteral("Wrong user name or password."));
            QSignalSpy signedIn(&controller, &SignInController::signedIn);
            QVERIFY(submit(engine,
                           {{QStringLiteral("signInPassword"), QStringLiteral("clerk-secret")},
                            {QStringLiteral("signInRemember"), true}}));
            QVERIFY(signedIn.wait(30'000));
            QCOMPARE(controller.actor().role, Role::Clerk);
        }
        // The clerk's session: no audit trail, no users, and the view list hides them.
        SignInController controller(spec);
        controller.start();
        QVERIFY(settled(controller));
        QCOMPARE(controller.state(), QStringLiteral("done"));
        QCOMPARE(controller.actor().userName, QStringLiteral("cleo"));
        Session session(spec, controller.actor());
        QVERIFY(QTest::qWaitFor([&] { return session.ready(); }, 30'000));
        QVERIFY(!session.isManager());
        session.audit()->reload();
        QVERIFY(QTest::qWaitFor([&] { return !session.audit()->loading(); }, 30'000));
        QVERIFY2(session.audit()->message().contains(QStringLiteral("manager")),
                 qPrintable(session.audit()->message()));
        QVERIFY(session.audit()->entries().isEmpty());
        session.users()->add(QStringLiteral("eve"), {}, QStringLiteral("admin"),
                             QStringLiteral("eve-secret-1"), QStringLiteral("eve-secret-1"));
        QVERIFY(QTest::qWaitFor([&] { return !session.users()->busy(); }, 30'000));
        QVERIFY(session.users()->failed());
        QVERIFY2(session.users()->message().contains(QStringLiteral("administrator")),
                 qPrintable(session.users()->message()));
        std::unique_ptr<Database> db = m_scratch->open(QStringLiteral("check"));
        QCOMPARE(db->scalar(QStringLiteral("SELECT count(*) FROM users")).value().toInt(), 2);
    }
};

QTEST_MAIN(TestSignInUi)
#include "tst_signinui.moc"
