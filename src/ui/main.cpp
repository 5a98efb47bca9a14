// SPDX-License-Identifier: GPL-3.0-or-later
// stockroom: the Qt Quick GUI. The composition root: parses the command line, opens the session, loads Main.qml.
#include "backup.h"
#include "channelcontroller.h"
#include "connectionsettings.h"
#include "forecastcontroller.h"
#include "interfacesettings.h"
#include "orderactions.h"
#include "orderimportcontroller.h"
#include "productimportcontroller.h"
#include "replenishmentcontroller.h"
#include "session.h"
#include "signincontroller.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QPointer>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(StockroomPlugin)

using namespace Stockroom;

namespace {

const QStringList views {
    QStringLiteral("orders"),    QStringLiteral("inventory"), QStringLiteral("receiving"),
    QStringLiteral("transfers"), QStringLiteral("counts"),    QStringLiteral("channels"),
    QStringLiteral("forecast"),  QStringLiteral("dashboard"), QStringLiteral("audit")};

bool wantsScreenshot(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--screenshot") == 0 || qstrncmp(argv[i], "--screenshot=", 13) == 0) {
            return true;
        }
    }
    return false;
}

int fail(const QString &message, int code)
{
    std::fprintf(stderr, "stockroom: %s\n", qPrintable(message));
    return code;
}

} // namespace

int main(int argc, char *argv[])
{
    if (wantsScreenshot(argc, argv) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen"); // a screenshot needs no display
    }
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE")) {
        qputenv("QT_QUICK_CONTROLS_STYLE", "Fusion");
    }
    // Qt Charts in QML needs a QApplication (Widgets), not a QGuiApplication.
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Stockroom"));
    QApplication::setApplicationName(QStringLiteral("stockroom"));
    QApplication::setApplicationDisplayName(QStringLiteral("Stockroom"));
    QApplication::setApplicationVersion(QStringLiteral(STOCKROOM_VERSION));
    // Docks and Wayland compositors match the windows to the desktop entry (its icon and name) by this id.
    QApplication::setDesktopFileName(QStringLiteral("io.stockroom.Stockroom"));
    QIcon windowIcon; // compiled in by packaging/CMakeLists.txt (stockroom_icons)
    for (const int size : {16, 24, 32, 48, 64, 128, 256}) {
        windowIcon.addFile(QStringLiteral(":/icons/%1x%1/stockroom.png").arg(size));
    }
    QApplication::setWindowIcon(windowIcon);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Order and inventory management."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(QStringLiteral("db"),
                                      QApplication::translate("main",
                                                              "Database: a file, sqlite:PATH or "
                                                              "postgresql://user@host:port/db."),
                                      QStringLiteral("CONN"));
    const QCommandLineOption langOption(
        QStringLiteral("lang"), QApplication::translate("main", "Language of the interface (en, de, fr, es); not saved."),
        QStringLiteral("CODE"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Render a view to a PNG file and exit."), QStringLiteral("FILE"));
    const QCommandLineOption viewOption(
        QStringLiteral("view"),
        QApplication::translate("main", "The view to open: %1.").arg(views.join(QStringLiteral(", "))),
        QStringLiteral("VIEW"), QStringLiteral("orders"));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
                                        QApplication::translate("main", "Window size, e.g. 1400x900."),
                                        QStringLiteral("WxH"), QStringLiteral("1400x900"));
    const QCommandLineOption waitOption(
        QStringLiteral("wait"),
        QApplication::translate("main",
                                "With --screenshot: wait this long after the "
                                "data arrived (live changes show up meanwhile)."),
        QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption searchOption(
        QStringLiteral("search"),
        QApplication::translate("main", "Start the inventory view with this search."),
        QStringLiteral("TEXT"));
    const QCommandLineOption documentOption(
        QStringLiteral("document"),
        QApplication::translate("main", "Open this document in its view: SO-…, PO-…, TR-… or SC-…."),
        QStringLiteral("NUMBER"));
    const QCommandLineOption userOption(
        QStringLiteral("user"),
        QApplication::translate("main",
                                "With --screenshot: sign in as this user with the password in "
                                "$STOCKROOM_PASSWORD (a database without users needs none)."),
        QStringLiteral("NAME"));
    const QCommandLineOption dialogOption(
        QStringLiteral("dialog"),
        QApplication::translate(
            "main",
            "Open a dialog at start: connection; signin (the sign-in window); users; settings; help (the "
            "shortcuts); pack, ship, return, "
            "receive or track "
            "(the first order shown), import (a carrier file), import-orders (a shop's order export), "
            "sku-aliases, new-order; with --view receiving or "
            "transfers: new, receive (the first one that can be); with --view counts: start; "
            "with --view inventory: new-product, product (the editor of --product), import (products and "
            "stock from a file), locations; with --view orders or inventory: export; with --view channels: "
            "feed-settings (of the first channel); with --view dashboard: replenish."),
        QStringLiteral("NAME"));
    const QCommandLineOption productOption(
        QStringLiteral("product"),
        QApplication::translate("main",
                                "Open this product (a SKU) in the inventory or forecast view; with "
                                "--dialog new-order, the order's lines as SKU:QTY,SKU:QTY."),
        QStringLiteral("SKU"));
    const QCommandLineOption tabOption(
        QStringLiteral("tab"),
        QApplication::translate("main", "With --view forecast: the tab to show: forecast, atp or whatif."),
        QStringLiteral("NAME"));
    const QCommandLineOption locationOption(
        QStringLiteral("location"),
        QApplication::translate("main", "With --view forecast: the location (its code) instead of all."),
        QStringLiteral("CODE"));
    const QCommandLineOption importFileOption(
        QStringLiteral("import-file"),
        QApplication::translate("main",
                                "Choose this product or stock file for the inventory view's import and "
                                "preview it (with --dialog import, for screenshots); with --dialog "
                                "import-orders, this order export for the orders view's."),
        QStringLiteral("FILE"));
    parser.addOptions({dbOption, langOption, screenshotOption, viewOption, sizeOption, waitOption,
                       searchOption, userOption, dialogOption, productOption, documentOption,
                       importFileOption, tabOption, locationOption});
    parser.process(app);

    const QString view = parser.value(viewOption);
    if (!views.contains(view)) {
        return fail(QApplication::translate("main", "unknown view \"%1\"; use one of %2.")
                        .arg(view, views.join(QStringLiteral(", "))),
                    2);
    }
    const QStringList size = parser.value(sizeOption).split(QLatin1Char('x'));
    const int width = size.value(0).toInt();
    const int height = size.size() == 2 ? size.value(1).toInt() : 0;
    if (width < 320 || height < 240 || width > 8000 || height > 8000) {
        return fail(QApplication::translate("main", "--size takes WIDTHxHEIGHT, e.g. 1400x900."), 2);
    }

    // The language (and its formats) and the text size: the command line's, else this desktop's choice.
    InterfaceSettings interfaceSettings(nullptr); // before the engine, which reaches it as a singleton
    QString languageError;
    if (!interfaceSettings.start(parser.value(langOption), &languageError)) {
        return fail(languageError, 2);
    }

    // --db wins; otherwise what the connection dialog saved; otherwise the embedded default.
    Result<ConnectionSpec> spec = parser.isSet(dbOption)
        ? ConnectionSpec::parse(parser.value(dbOption))
        : Result<ConnectionSpec>(ConnectionSettings::saved().value_or(ConnectionSpec::defaultSpec()));
    if (!spec) {
        return fail(spec.error().message, 2);
    }
    QString user = parser.value(userOption);
    const bool screenshot = parser.isSet(screenshotOption);
    const bool showSignIn = parser.value(dialogOption) == QLatin1String("signin");

    std::unique_ptr<Session> session;
    ConnectionSettings connectionSettings(*spec);
    SignInController signIn(*spec); // before the engine: its windows bind to it until they are gone
    QQmlApplicationEngine engine;
    QQuickWindow *window = nullptr;
    int exitCode = 0;

    // Screenshot: wait for the data, let the scene settle, grab, save, quit.
    const QString file = parser.value(screenshotOption);
    const int wait = std::clamp(parser.value(waitOption).toInt(), 0, 600'000);
    auto grab = [&](QQuickWindow *shown) {
        QTimer::singleShot(400 + wait, &app, [&, shown] {
            const QImage image = shown->grabWindow();
            if (image.isNull() || !image.save(file, "PNG")) {
                exitCode
                    = fail(QApplication::translate("main", "cannot write the screenshot %1.").arg(file), 5);
            } else if (session && !session->errorText().isEmpty()) {
                exitCode = fail(session->errorText(), 3);
            }
            app.exit(exitCode);
        });
    };
    // The Channels view fetches its lists only once shown, after the other views' first data.
    bool grabbing = false;
    auto grabWhenSettled = [&] {
        if (!session || !window) {
            return;
        }
        const ChannelController *channels = session->channelFeeds();
        const bool channelsSettled
            = view != QLatin1String("channels") || (channels->loaded() && !channels->loading());
        const bool forecastSettled = view != QLatin1String("forecast") || session->forecast()->settled();
        // The Replenish dialog opens once the Dashboard has its figures, then plans.
        const ReplenishmentController *planner = session->replenishment();
        const bool replenishSettled = parser.value(dialogOption) != QLatin1String("replenish")
            || (planner->loaded() && !planner->loading());
        if (!grabbing && session->ready() && channelsSettled && forecastSettled && replenishSettled) {
            grabbing = true;
            grab(window);
        }
    };

    // The main window, once someone is signed in (or the database has no users yet).
    auto launch = [&](const Actor &actor) -> bool {
        session = std::make_unique<Session>(*spec, actor);
        // A screenshot must not open PDF viewers on the desktop.
        session->orderActions()->setOpenDocuments(!screenshot);
        if (view == QLatin1String("forecast")) {
            // Without --product the view opens on the best seller.
            session->forecast()->setSku(parser.value(productOption));
            session->forecast()->setLocationCode(parser.value(locationOption));
            if (parser.isSet(tabOption)) {
                session->forecast()->setSection(parser.value(tabOption));
            }
        }
        engine.setInitialProperties(
            {{QStringLiteral("session"), QVariant::fromValue(session.get())},
             {QStringLiteral("connectionSettings"), QVariant::fromValue(&connectionSettings)},
             {QStringLiteral("initialView"), view},
             {QStringLiteral("initialSearch"), parser.value(searchOption)},
             {QStringLiteral("initialDialog"), parser.value(dialogOption)},
             {QStringLiteral("initialProduct"), parser.value(productOption)},
             {QStringLiteral("width"), width},
             {QStringLiteral("height"), height}});
        const qsizetype before = engine.rootObjects().size();
        engine.load(QUrl(QStringLiteral("qrc:/Stockroom/Main.qml")));
        if (engine.rootObjects().size() == before) {
            exitCode = fail(QApplication::translate("main", "the interface failed to load."), 4);
            return false;
        }
        window = qobject_cast<QQuickWindow *>(engine.rootObjects().constLast());
        if (!window) {
            exitCode = fail(QApplication::translate("main", "the interface has no window."), 4);
            return false;
        }

        if (parser.isSet(documentOption)) {
            // The view shows the document once its list has loaded (the lists select by number).
            const QString number = parser.value(documentOption).trimmed().toUpper();
            const QString kind = number.startsWith(QLatin1String("PO")) ? QStringLiteral("purchase_order")
                : number.startsWith(QLatin1String("TR"))                ? QStringLiteral("transfer")
                : number.startsWith(QLatin1String("SC"))                ? QStringLiteral("count")
                                                                        : QStringLiteral("order");
            session->showDocument(kind, number);
        }
        if (parser.isSet(importFileOption)) {
            // Queued behind the opening of the database: the answer is there before the views' first data.
            const QString importFile = QFileInfo(parser.value(importFileOption)).absoluteFilePath();
            if (parser.value(dialogOption) == QLatin1String("import-orders")) {
                session->orderImport()->setFileName(importFile);
                session->orderImport()->preview();
            } else {
                session->productImport()->setFileName(importFile);
                session->productImport()->preview();
            }
        }

        // A new connection from the dialog: whoever works on that database signs in there (its users are its
        // own); then a new session takes over the views and the old one closes after.
        QObject::connect(
            &connectionSettings, &ConnectionSettings::reconnectRequested, window,
            [&session, &engine, shown = window](const ConnectionSpec &next) {
                auto *gate = new SignInController(next, shown);
                engine.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(gate)}});
                engine.load(QUrl(QStringLiteral("qrc:/Stockroom/SignInWindow.qml")));
                QPointer<QQuickWindow> gateWindow
                    = qobject_cast<QQuickWindow *>(engine.rootObjects().constLast());
                QObject::connect(gate, &SignInController::signedIn, shown,
                                 [&session, shown, gate, gateWindow, next] {
                                     if (gateWindow) {
                                         gateWindow->close();
                                     }
                                     auto replacement = std::make_unique<Session>(next, gate->actor());
                                     shown->setProperty("session", QVariant::fromValue(replacement.get()));
                                     session.swap(replacement);
                                     replacement.release()->deleteLater();
                                 });
                gate->start();
            });
        if (!screenshot && spec->engine == Engine::SQLite) {
            // The daily backup with rotation (7 kept) beside the database, off the GUI thread; PostgreSQL
            // has pg_dump and point-in-time recovery instead.
            static_cast<void>(QtConcurrent::run([backupOf = *spec] {
                const Result<Backup::DailyOutcome> done = Backup::runDailyIfDue(backupOf);
                if (!done) {
                    qWarning("stockroom: the daily backup failed: %s", qPrintable(done.error().message));
                }
            }));
        }
        if (screenshot) {
            QObject::connect(session.get(), &Session::readyChanged, &app, grabWhenSettled);
            QObject::connect(session->channelFeeds(), &ChannelController::loadingChanged, &app,
                             grabWhenSettled);
            QObject::connect(session->forecast(), &ForecastController::busyChanged, &app, grabWhenSettled);
            QObject::connect(session->replenishment(), &ReplenishmentController::loadingChanged, &app,
                             grabWhenSettled);
            grabWhenSettled();
        }
        return true;
    };

    if (view == QLatin1String("forecast") && parser.isSet(tabOption)) {
        const QString tab = parser.value(tabOption);
        if (tab != QLatin1String("forecast") && tab != QLatin1String("atp")
            && tab != QLatin1String("whatif")) {
            return fail(QApplication::translate("main", "--tab takes forecast, atp or whatif."), 2);
        }
    }

    // Signing in: on a thread of its own (the password hash is slow on purpose).
    QQuickWindow *signInWindow = nullptr;
    const bool interactive = !screenshot || showSignIn;
    QObject::connect(&signIn, &SignInController::signedIn, &app, [&] {
        if (showSignIn && screenshot) {
            return;
        }
        if (signInWindow) {
            signInWindow->close();
        }
        if (!launch(signIn.actor())) {
            app.exit(exitCode);
        }
    });
    if (interactive) {
        engine.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(&signIn)}});
        engine.load(QUrl(QStringLiteral("qrc:/Stockroom/SignInWindow.qml")));
        if (engine.rootObjects().isEmpty()) {
            return fail(QApplication::translate("main", "the interface failed to load."), 4);
        }
        signInWindow = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
        if (showSignIn && screenshot) {
            QObject::connect(&signIn, &SignInController::stateChanged, &app, [&] {
                if (!grabbing && signIn.state() != QLatin1String("checking")) {
                    grabbing = true;
                    grab(signInWindow);
                }
            });
        }
    } else {
        // A screenshot signs in with --user and $STOCKROOM_PASSWORD (or needs none on a database without users).
        QObject::connect(&signIn, &SignInController::stateChanged, &app, [&] {
            if (signIn.state() == QLatin1String("signin") && !signIn.busy()) {
                exitCode = fail(signIn.errorText(), 3);
                app.exit(exitCode);
            }
        });
    }
    signIn.start(interactive, user, interactive ? QString() : qEnvironmentVariable("STOCKROOM_PASSWORD"));

    if (!screenshot) {
        return app.exec();
    }
    QTimer::singleShot(30'000 + wait, &app, [&] {
        exitCode = fail(QApplication::translate("main", "the data did not arrive within 30 s."), 6);
        app.exit(exitCode);
    });
    app.exec();
    return exitCode;
}
