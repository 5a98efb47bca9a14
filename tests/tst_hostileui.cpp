// SPDX-License-Identifier: GPL-3.0-or-later
#include "channelcontroller.h"
#include "connectionsettings.h"
#include "exportcontroller.h"
#include "fileimportcontroller.h"
#include "forecastcontroller.h"
#include "inventorydocuments.h"
#include "inventorymodel.h"
#include "newordercontroller.h"
#include "orderactions.h"
#include "orderdetailcontroller.h"
#include "orderimportcontroller.h"
#include "ordermodel.h"
#include "orderservice.h"
#include "productcontroller.h"
#include "productimportcontroller.h"
#include "purchaseservice.h"
#include "session.h"
#include "stockservice.h"
#include "testsupport.h"

#include "hostilestrings.h"

#include <QAccessible>
#include <QClipboard>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJSValue>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

// The application's QML module is a static plugin: Main.qml and every view come from it.
Q_IMPORT_QML_PLUGIN(StockroomPlugin)

using namespace Stockroom;

namespace {

const QString Mug = QStringLiteral("MUG");
const QString Plate = QStringLiteral("PLATE");
const QString Leeds = QStringLiteral("LEEDS");
const QString York = QStringLiteral("YORK");
/** The colour every form paints a refusal in. */
const QColor RefusalColour(QStringLiteral("#b00020"));

QStringList texts()
{
    return Test::hostileStrings();
}

/** What a number field is fed on top of the texts. */
QStringList numbers()
{
    return {QStringLiteral("-1"),
            QStringLiteral("1e309"),
            QStringLiteral("NaN"),
            QStringLiteral("٣"),
            QString(10'000, QLatin1Char('9')),
            QStringLiteral("0x10"),
            QStringLiteral("1,5"),
            QStringLiteral("  7  ")};
}

/** A short, printable name of an input for failure messages. */
QString describe(const QString &text)
{
    QString shown;
    for (const QChar c : QStringView(text).left(24)) {
        shown += c.isPrint() ? QString(c) : QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    return QStringLiteral("\"%1\"%2 (%3 chars)")
        .arg(shown, text.size() > 24 ? QStringLiteral("…") : QString())
        .arg(text.size());
}

/** What JavaScript in the views complained about: a TypeError is a form that broke on an input. */
QStringList g_scriptErrors;
QtMessageHandler g_previousHandler = nullptr;

void scriptErrorCatcher(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.contains(QLatin1String("TypeError"))
        || message.contains(QLatin1String("Cannot read property"))
        || message.contains(QLatin1String("ReferenceError"))
        || message.contains(QLatin1String("Unable to assign [undefined]"))
        || message.contains(QLatin1String(": Error: "))) { // an exception nothing caught: the action stopped
        g_scriptErrors << message;
    }
    if (g_previousHandler) {
        g_previousHandler(type, context, message);
    }
}

void walk(QQuickItem *item, QList<QQuickItem *> &into)
{
    into << item;
    for (QQuickItem *child : item->childItems()) {
        walk(child, into);
    }
}

QList<QQuickItem *> itemsUnder(QQuickItem *root)
{
    QList<QQuickItem *> items;
    if (root) {
        walk(root, items);
    }
    return items;
}

QString accessibleName(QQuickItem *item)
{
    QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(item);
    return accessible ? accessible->text(QAccessible::Name) : QString();
}

} // namespace

/**
 * The GUI under hostile input: the real Main.qml (offscreen) on a seeded database, and into every form that
 * takes typed text the same hostile strings (quotes, SQL, RTL, emoji, combining marks, NUL, CR/LF, 10,000
 * characters) and, into number fields, numbers that are none (-1, 1e309, NaN, an Arabic digit, 10,000
 * digits). Each action is triggered as its button would. Nothing may crash or raise a script error; a
 * refusal must be shown in the form (a visible text in the refusal colour); what was refused changes nothing
 * in the database, and what was accepted is stored exactly as typed.
 */
class TestHostileUi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db; ///< another desktop's connection (seed and checks)
    std::unique_ptr<Session> m_session;
    std::unique_ptr<ConnectionSettings> m_connection;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
    QTemporaryDir m_dir;
    QString m_heldOrder; ///< allocated, pending payment: hold
    QString m_paidOrder; ///< paid: refund
    QString m_shippedOrder; ///< shipped: return
    /** Problems found, all reported at the end of a test function (one input's failure hides no other's). */
    QStringList m_problems;
    /** Per form: how many inputs went in, were accepted, were refused in the form, were kept out by the field. */
    struct Tally
    {
        int tried = 0, accepted = 0, refused = 0, blocked = 0;
        QStringList samples; ///< what the form said, for the report
    };
    QMap<QString, Tally> m_tally;

    void problem(const QString &form, const QString &input, const QString &what)
    {
        m_problems << QStringLiteral("%1 with %2: %3").arg(form, describe(input), what);
    }

    qint64 scalar(const QString &sql, const Binds &binds = {})
    {
        const Result<QVariant> value = m_db->scalar(sql, binds);
        return value ? value->toLongLong() : -1;
    }

    /** Everything a refused action might have written: the change log's end and the documents' counts. */
    QString fingerprint()
    {
        QStringList parts;
        for (const char *table :
             {"change_log", "orders", "order_lines", "customers", "order_events", "products", "suppliers",
              "purchase_orders", "transfers", "stock_counts", "stock_count_lines", "channels", "returns",
              "sku_aliases", "locations", "stock_movements"}) {
            parts << QString::number(
                scalar(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))));
        }
        parts << QString::number(scalar(QStringLiteral("SELECT coalesce(max(seq), 0) FROM change_log")));
        return parts.join(QLatin1Char('/'));
    }

    /** A view or dialog of the window by its QML type (Main.qml declares one of each). */
    QObject *byType(const QString &type)
    {
        const QByteArray prefix = type.toLatin1() + "_QML";
        const QList<QObject *> all = m_window->findChildren<QObject *>();
        for (QObject *object : all) {
            if (QByteArray(object->metaObject()->className()).startsWith(prefix)) {
                return object;
            }
        }
        return nullptr;
    }

    QObject *byName(const QString &objectName) { return m_window->findChild<QObject *>(objectName); }

    /** Shows a view as its navigation button does: a refusal is only seen on the view in front. */
    void showView(const QString &name)
    {
        QMetaObject::invokeMethod(m_window, "showView", Q_ARG(QString, name));
        QTest::qWait(50);
    }

    /** The page's selected order (a JavaScript object). */
    static QVariantMap selectedOrder(QObject *page)
    {
        return page->property("selected").value<QJSValue>().toVariant().toMap();
    }

    /** The item that holds a popup's title, content and buttons; a view is its own. */
    static QQuickItem *scopeOf(QObject *form)
    {
        if (auto *item = qobject_cast<QQuickItem *>(form)) {
            return item;
        }
        auto *content = form ? form->property("contentItem").value<QQuickItem *>() : nullptr;
        return content && content->parentItem() ? content->parentItem() : content;
    }

    /** A text field (or a spin box's text) by the name a screen reader reads out. */
    QQuickItem *field(QObject *form, const QString &name)
    {
        for (QQuickItem *item : itemsUnder(scopeOf(form))) {
            if ((item->inherits("QQuickTextInput") || item->inherits("QQuickTextEdit"))
                && accessibleName(item) == name) {
                return item;
            }
            if (item->inherits("QQuickSpinBox") && accessibleName(item) == name) {
                return item->property("contentItem").value<QQuickItem *>();
            }
        }
        return nullptr;
    }

    /** Types (pastes) text over what the field holds, as a clerk would; false when the field refused it. */
    bool type(QQuickItem *input, const QString &text)
    {
        input->forceActiveFocus();
        QMetaObject::invokeMethod(input, "selectAll");
        if (text.isEmpty()) {
            const int length = input->property("text").toString().size();
            QMetaObject::invokeMethod(input, "remove", Q_ARG(int, 0), Q_ARG(int, length));
        } else {
            QGuiApplication::clipboard()->setText(text);
            QMetaObject::invokeMethod(input, "paste");
        }
        QCoreApplication::processEvents();
        return input->property("text").toString() == text;
    }

    /** The refusals the form shows: visible texts in the refusal colour. */
    static QStringList shownRefusals(QObject *form)
    {
        QStringList shown;
        for (QQuickItem *item : itemsUnder(scopeOf(form))) {
            if (item->inherits("QQuickText") && item->isVisible() && item->opacity() > 0
                && item->property("color").value<QColor>() == RefusalColour) {
                const QString text = item->property("text").toString().trimmed();
                if (!text.isEmpty()) {
                    shown << text;
                }
            }
        }
        return shown;
    }

    /** Waits until the controller (or the object with a busy property) is done, then lets the views follow. */
    static bool settle(QObject *controller)
    {
        QCoreApplication::processEvents();
        const bool done
            = QTest::qWaitFor([controller] { return !controller->property("busy").toBool(); }, 20'000);
        QTest::qWait(20);
        return done;
    }

    bool open(QObject *dialog)
    {
        QMetaObject::invokeMethod(dialog, "open");
        return QTest::qWaitFor([dialog] { return dialog->property("opened").toBool(); }, 5'000);
    }

    void close(QObject *dialog)
    {
        QMetaObject::invokeMethod(dialog, "close");
        QTest::qWaitFor([dialog] { return !dialog->property("visible").toBool(); }, 5'000);
    }

    /**
     * After an action: accepted (the database has what was typed), or refused in the form with nothing
     * written. Anything else is a problem.
     */
    void judge(const QString &form, const QString &input, QObject *scope, bool accepted,
               const QString &before)
    {
        Tally &tally = m_tally[form];
        ++tally.tried;
        if (accepted) {
            ++tally.accepted;
            return;
        }
        ++tally.refused;
        const QStringList shown = shownRefusals(scope);
        if (!shown.isEmpty() && tally.samples.size() < 3) {
            tally.samples << describe(shown.first()).left(90);
        }
        if (shown.isEmpty()) {
            problem(form, input, QStringLiteral("refused without a message in the form"));
        }
        if (fingerprint() != before) {
            problem(form, input, QStringLiteral("refused, but the database changed"));
        }
    }

    void blocked(const QString &form) { ++m_tally[form].tried, ++m_tally[form].blocked; }

    void checkInvariants()
    {
        const QStringList violations = Test::violations(*m_db);
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(QLatin1Char('\n'))));
    }

    QString placeOrder(const QString &payment, bool ship)
    {
        ServiceContext context {*m_db, Clock(), QStringLiteral("seed")};
        PlaceOrderRequest request;
        request.lines = {{Mug, 1, {}}, {Plate, 1, {}}};
        request.customerName = QStringLiteral("Ada Lovelace");
        request.paymentStatus = payment;
        Result<PlacedOrder> placed = OrderService(context).place(request);
        if (!placed) {
            return {};
        }
        if (ship && !OrderService(context).ship(placed->number)) {
            return {};
        }
        return placed->number;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // the connection dialog saves to a test folder
        QSettings().clear();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
        g_previousHandler = qInstallMessageHandler(scriptErrorCatcher);

        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        m_db = m_scratch->open(QStringLiteral("checks"));
        QVERIFY(m_db);
        ServiceContext context {*m_db, Clock(), QStringLiteral("seed")};
        QVERIFY(Test::seedCatalog(context, {{Leeds, 10}, {York, 20}}, {Mug, Plate}));
        QVERIFY(StockService(context).receive(Mug, Leeds, 100'000));
        QVERIFY(StockService(context).receive(Plate, Leeds, 100'000));
        QVERIFY(StockService(context).receive(Mug, York, 50));
        QVERIFY(PurchaseService(context).addSupplier(QStringLiteral("Acme"),
                                                     QStringLiteral("orders@acme.test"), 7));
        m_heldOrder = placeOrder(QStringLiteral("pending"), false);
        m_paidOrder = placeOrder(QStringLiteral("paid"), false);
        m_shippedOrder = placeOrder(QStringLiteral("paid"), true);
        QVERIFY(!m_heldOrder.isEmpty() && !m_paidOrder.isEmpty() && !m_shippedOrder.isEmpty());

        m_session = std::make_unique<Session>(m_scratch->spec(), QStringLiteral("Mallory"));
        m_session->orderActions()->setOpenDocuments(false);
        m_session->orderActions()->setDocumentFolder(m_dir.path());
        m_connection = std::make_unique<ConnectionSettings>(m_scratch->spec());
        m_engine = std::make_unique<QQmlApplicationEngine>();
        m_engine->setInitialProperties(
            {{QStringLiteral("session"), QVariant::fromValue(m_session.get())},
             {QStringLiteral("connectionSettings"), QVariant::fromValue(m_connection.get())},
             {QStringLiteral("width"), 1400},
             {QStringLiteral("height"), 900}});
        m_engine->load(QUrl(QStringLiteral("qrc:/Stockroom/Main.qml")));
        QVERIFY(!m_engine->rootObjects().isEmpty());
        m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().first());
        QVERIFY(m_window);
        QVERIFY(QTest::qWaitFor([this] { return m_session->ready() && m_session->live(); }, 20'000));
    }

    void cleanupTestCase()
    {
        // What each form was fed and what came of it (the report's table).
        for (auto it = m_tally.cbegin(); it != m_tally.cend(); ++it) {
            qInfo("%-40s tried %4d  accepted %4d  refused in the form %4d  kept out by the field %4d",
                  qPrintable(it.key()), it->tried, it->accepted, it->refused, it->blocked);
            for (const QString &sample : it->samples) {
                qInfo("    says %s", qPrintable(sample));
            }
        }
        m_engine.reset();
        m_session.reset();
        m_connection.reset();
        m_db.reset();
        m_scratch.reset();
        QSettings().clear();
        qInstallMessageHandler(g_previousHandler);
    }

    void init()
    {
        m_problems.clear();
        g_scriptErrors.clear();
    }

    void cleanup()
    {
        QVERIFY2(g_scriptErrors.isEmpty(), qPrintable(g_scriptErrors.join(QLatin1Char('\n'))));
        QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
        checkInvariants();
    }

    void searchFields()
    {
        QObject *orders = byType(QStringLiteral("OrdersPage"));
        QObject *inventory = byType(QStringLiteral("InventoryPage"));
        QVERIFY(orders && inventory);
        showView(QStringLiteral("orders"));
        QQuickItem *orderSearch = field(orders, QStringLiteral("Search orders"));
        QQuickItem *stockSearch = field(inventory, QStringLiteral("Search stock"));
        QVERIFY(orderSearch && stockSearch);
        OrderModel *orderModel = m_session->orders();
        const QString before = fingerprint();
        QStringList inputs = texts() + numbers();
        for (const QString &text : inputs) {
            showView(QStringLiteral("orders"));
            QVERIFY(type(orderSearch, text));
            // The model searches for exactly what was typed, and answers without an error.
            if (orderModel->property("searchText").toString() != text) {
                problem(QStringLiteral("Orders search"), text,
                        QStringLiteral("the search is not what was typed"));
            }
            QVERIFY(
                QTest::qWaitFor([orderModel] { return !orderModel->property("loading").toBool(); }, 20'000));
            if (!orderModel->property("errorText").toString().isEmpty()) {
                problem(QStringLiteral("Orders search"), text, orderModel->property("errorText").toString());
            }
            ++m_tally[QStringLiteral("Orders search")].tried;

            showView(QStringLiteral("inventory"));
            QVERIFY(type(stockSearch, text));
            QMetaObject::invokeMethod(stockSearch, "accepted"); // Enter searches at once
            QObject *stock = m_session->inventory();
            QTest::qWait(30);
            QVERIFY(QTest::qWaitFor([stock] { return !stock->property("loading").toBool(); }, 20'000));
            if (stock->property("search").toString() != text) {
                problem(QStringLiteral("Inventory search"), text,
                        QStringLiteral("the search is not what was typed"));
            }
            if (!stock->property("errorText").toString().isEmpty()) {
                problem(QStringLiteral("Inventory search"), text, stock->property("errorText").toString());
            }
            ++m_tally[QStringLiteral("Inventory search")].tried;
        }
        // The quote in a search finds the customer with the quote, and SQL finds nothing and drops nothing.
        QVERIFY(type(orderSearch, QStringLiteral("Ada")));
        QVERIFY(QTest::qWaitFor([orderModel] { return orderModel->rowCount() == 3; }, 20'000));
        QVERIFY(type(orderSearch, QString()));
        QCOMPARE(fingerprint(), before);
    }

    void orderActionsWithWords()
    {
        QObject *page = byType(QStringLiteral("OrdersPage"));
        QObject *hold = byName(QStringLiteral("holdDialog"));
        QObject *refund = byName(QStringLiteral("refundDialog"));
        QObject *returns = byType(QStringLiteral("ReturnDialog"));
        QVERIFY(page && hold && refund && returns);
        showView(QStringLiteral("orders"));
        OrderActions *actions = m_session->orderActions();
        OrderModel *model = m_session->orders();
        auto show = [&](const QString &number) {
            QMetaObject::invokeMethod(page, "showOrder", Q_ARG(QString, number));
            return QTest::qWaitFor(
                [&] {
                    return selectedOrder(page).value(QStringLiteral("number")).toString() == number
                        && m_session->orderDetail()->property("loaded").toBool();
                },
                10'000);
        };

        QVERIFY(show(m_heldOrder));
        for (const QString &text : texts()) {
            const QString label = QStringLiteral("Hold: reason");
            QVERIFY(open(hold));
            type(field(hold, QStringLiteral("Hold reason")), text);
            const QString before = fingerprint();
            QMetaObject::invokeMethod(hold, "accept");
            QVERIFY(settle(actions));
            const bool accepted = !actions->failed();
            if (accepted) {
                const Result<QVariant> reason
                    = m_db->scalar(QStringLiteral("SELECT hold_reason FROM orders WHERE id = ?"),
                                   {m_heldOrder.section(QLatin1Char('-'), -1).toLongLong()});
                if (!reason || (reason->toString() != text && reason->toString() != text.trimmed())) {
                    problem(label, text,
                            QStringLiteral("held, the reason stored as %1")
                                .arg(reason ? describe(reason->toString()) : QString()));
                }
                actions->unhold({m_heldOrder});
                QVERIFY(settle(actions));
                QVERIFY2(!actions->failed(), qPrintable(actions->message()));
                QVERIFY(QTest::qWaitFor(
                    [&] {
                        return selectedOrder(page).value(QStringLiteral("status"))
                            != QLatin1String("on_hold");
                    },
                    10'000));
            }
            judge(label, text, page, accepted, before);
        }

        QVERIFY(show(m_paidOrder));
        for (const bool amountPass : {true, false}) {
            const QString label
                = amountPass ? QStringLiteral("Refund: amount") : QStringLiteral("Refund: note");
            const QStringList inputs = amountPass ? numbers() + texts() : texts();
            for (const QString &text : inputs) {
                QVERIFY(open(refund));
                type(field(refund, QStringLiteral("Refund amount")),
                     amountPass ? text : QStringLiteral("0.01"));
                type(field(refund, QStringLiteral("Refund note")),
                     amountPass ? QStringLiteral("hostile") : text);
                const QString before = fingerprint();
                QMetaObject::invokeMethod(refund, "accept");
                QVERIFY(settle(actions));
                judge(label, text, page, !actions->failed(), before);
                QVERIFY(QTest::qWaitFor(
                    [&] { return selectedOrder(page).value(QStringLiteral("number")) == m_paidOrder; },
                    10'000));
            }
        }

        QVERIFY(show(m_shippedOrder));
        for (const QString &text : texts()) {
            const QString label = QStringLiteral("Return: reason");
            returns->setProperty("mode", QStringLiteral("create"));
            returns->setProperty("orderNumber", m_shippedOrder);
            returns->setProperty("orderLines", m_session->orderDetail()->property("lines"));
            QVERIFY(open(returns));
            for (QQuickItem *item : itemsUnder(scopeOf(returns))) {
                if (item->inherits("QQuickSpinBox")
                    && accessibleName(item) == QStringLiteral("Units of MUG coming back")) {
                    item->setProperty("value", 1);
                }
            }
            type(field(returns, QStringLiteral("Return reason")), text);
            const QString before = fingerprint();
            const qint64 count = scalar(QStringLiteral("SELECT count(*) FROM returns"));
            QMetaObject::invokeMethod(returns, "accept");
            QVERIFY(settle(actions));
            const bool accepted = scalar(QStringLiteral("SELECT count(*) FROM returns")) > count;
            if (accepted) {
                // Cancelled again, so that the next reason has a unit to take back.
                const Result<QVariant> rma = m_db->scalar(QStringLiteral("SELECT max(number) FROM returns"));
                QVERIFY(rma);
                actions->cancelReturn(rma->toString());
                QVERIFY(settle(actions));
                QVERIFY2(!actions->failed(), qPrintable(actions->message()));
            }
            judge(label, text, page, accepted, before);
        }
    }

    void newOrderDialog()
    {
        QObject *dialog = byType(QStringLiteral("NewOrderDialog"));
        QVERIFY(dialog);
        QObject *controller = m_session->newOrder();
        const QString form = QStringLiteral("New order");
        // What each pass types: one field with the hostile text, the rest a valid order of one mug.
        enum Pass { Customer, Address, Channel, Sku, Quantity };
        for (const Pass pass : {Customer, Address, Channel, Sku, Quantity}) {
            const QStringList inputs = pass == Quantity ? numbers() + texts() : texts();
            for (const QString &text : inputs) {
                QVERIFY(open(dialog));
                auto fill = [&](const QString &name, const QString &value) {
                    QQuickItem *input = field(dialog, name);
                    if (!input) {
                        problem(form, value, QStringLiteral("no field \"%1\"").arg(name));
                        return false;
                    }
                    return type(input, value);
                };
                fill(QStringLiteral("Customer name"),
                     pass == Customer ? text : QStringLiteral("Hostile test"));
                if (pass == Address) {
                    for (const char *name : {"Customer e-mail", "Ship-to region", "Ship-to postcode"}) {
                        fill(QString::fromLatin1(name), text);
                    }
                }
                if (pass == Channel) {
                    for (QQuickItem *item : itemsUnder(scopeOf(dialog))) {
                        if (item->inherits("QQuickComboBox")
                            && accessibleName(item) == QLatin1String("Sales channel")) {
                            item->setProperty("editText", text);
                        }
                    }
                }
                fill(QStringLiteral("SKU of line 1"), pass == Sku ? text : Mug);
                const bool typed = fill(QStringLiteral("Quantity of line 1"),
                                        pass == Quantity ? text : QStringLiteral("1"));
                const QString before = fingerprint();
                const qint64 orders = scalar(QStringLiteral("SELECT count(*) FROM orders"));
                QMetaObject::invokeMethod(dialog, "placeOrder");
                QVERIFY(settle(controller));
                const QString number
                    = controller->property("result").toMap().value(QStringLiteral("number")).toString();
                const QString label = form + QStringLiteral(": ")
                    + QStringList {QStringLiteral("customer"), QStringLiteral("e-mail, region, postcode"),
                                   QStringLiteral("channel"), QStringLiteral("SKU"),
                                   QStringLiteral("quantity")}
                          .at(pass);
                if (pass == Quantity && !typed) {
                    blocked(label); // the field takes digits only: nothing typed, so nothing to place
                    if (!number.isEmpty()
                        || scalar(QStringLiteral("SELECT count(*) FROM orders")) != orders) {
                        problem(label, text, QStringLiteral("placed without a quantity"));
                    }
                    if (shownRefusals(dialog).isEmpty()) {
                        problem(label, text, QStringLiteral("no quantity, and the form does not say so"));
                    }
                    close(dialog);
                    continue;
                }
                if (!number.isEmpty()) {
                    // Stored as typed (names and codes trimmed).
                    const QString column = pass == Customer ? QStringLiteral("c.name")
                        : pass == Address                   ? QStringLiteral("o.ship_postcode")
                        : pass == Channel                   ? QStringLiteral("o.channel")
                                                            : QString();
                    if (!column.isEmpty()) {
                        const Result<QVariant> stored = m_db->scalar(
                            QStringLiteral(
                                "SELECT %1 FROM orders o LEFT JOIN customers c ON c.id = o.customer_id "
                                "WHERE o.id = ?")
                                .arg(column),
                            {number.section(QLatin1Char('-'), -1).toLongLong()});
                        const QString value = stored ? stored->toString() : QString();
                        const bool defaulted
                            = pass == Channel && text.trimmed().isEmpty() && value == QLatin1String("manual");
                        if (value != text && value != text.trimmed() && !defaulted) {
                            problem(label, text, QStringLiteral("stored as %1").arg(describe(value)));
                        }
                    }
                }
                judge(label, text, dialog, !number.isEmpty(), before);
                close(dialog);
            }
        }
    }

    void productDialog()
    {
        QObject *inventory = byType(QStringLiteral("InventoryPage"));
        QObject *dialog = byType(QStringLiteral("ProductDialog"));
        QVERIFY(inventory && dialog);
        showView(QStringLiteral("inventory"));
        QObject *controller = m_session->product();
        int serial = 0;
        enum Pass { Sku, Name, Barcode, Numbers };
        for (const Pass pass : {Sku, Name, Barcode, Numbers}) {
            const QString label = QStringLiteral("Product editor: ")
                + QStringList {QStringLiteral("SKU"), QStringLiteral("name"), QStringLiteral("barcode"),
                               QStringLiteral("cost, price, weight")}
                      .at(pass);
            const QStringList inputs = pass == Numbers ? numbers() + texts() : texts();
            for (const QString &text : inputs) {
                QMetaObject::invokeMethod(inventory, "newProduct");
                QVERIFY(QTest::qWaitFor([dialog] { return dialog->property("opened").toBool(); }, 5'000));
                const QString sku = pass == Sku ? text : QStringLiteral("HOSTILE-%1").arg(++serial);
                const QString name = pass == Name ? text : QStringLiteral("Hostile product");
                type(field(dialog, QStringLiteral("SKU")), sku);
                type(field(dialog, QStringLiteral("Product name")), name);
                if (pass == Barcode) {
                    type(field(dialog, QStringLiteral("Barcode")), text);
                }
                bool typed = true;
                if (pass == Numbers) {
                    for (const char *name : {"Unit cost", "Price", "Weight in grams"}) {
                        typed = type(field(dialog, QString::fromLatin1(name)), text) && typed;
                    }
                }
                const QString before = fingerprint();
                if (!dialog->property("complete").toBool()) {
                    blocked(label); // Add stays disabled: nothing to name the product by
                    if (!text.trimmed().isEmpty()) {
                        problem(label, text, QStringLiteral("Add disabled for a name or SKU with letters"));
                    }
                    close(dialog);
                    continue;
                }
                QMetaObject::invokeMethod(dialog, "save");
                QVERIFY(settle(controller));
                QTest::qWait(20);
                const bool accepted = !dialog->property("visible").toBool();
                if (accepted) {
                    const qint64 stored
                        = scalar(QStringLiteral("SELECT count(*) FROM products WHERE sku = ? AND name = ?"),
                                 {sku.trimmed(), name.trimmed()})
                        + scalar(QStringLiteral("SELECT count(*) FROM products WHERE sku = ? AND name = ?"),
                                 {sku, name});
                    if (stored < 1) {
                        problem(label, text, QStringLiteral("saved, but not stored as typed"));
                    }
                } else if (pass == Numbers && !typed && shownRefusals(dialog).isEmpty()) {
                    // Kept out by the weight field; the rest must be refused in words.
                }
                judge(label, text, dialog, accepted, before);
                if (!accepted) {
                    close(dialog);
                }
            }
        }
    }

    void channelSettings()
    {
        QObject *dialog = byType(QStringLiteral("ChannelSettingsDialog"));
        QVERIFY(dialog);
        showView(QStringLiteral("channels"));
        QObject *controller = m_session->channelFeeds();
        for (const bool numbersPass : {false, true}) {
            const QString label = numbersPass ? QStringLiteral("Channel settings: buffers")
                                              : QStringLiteral("Channel settings: name");
            const QStringList inputs = numbersPass ? numbers() + texts() : texts();
            for (const QString &text : inputs) {
                QMetaObject::invokeMethod(dialog, "openFor", Q_ARG(QVariant, QVariantMap()));
                QVERIFY(QTest::qWaitFor([dialog] { return dialog->property("opened").toBool(); }, 5'000));
                const QString name = numbersPass ? QStringLiteral("hostile-web") : text;
                type(field(dialog, QStringLiteral("Channel name")), name);
                if (numbersPass && !type(field(dialog, QStringLiteral("Buffer in units")), text)) {
                    blocked(label); // the spin box takes digits only
                    close(dialog);
                    continue;
                }
                const QString before = fingerprint();
                QMetaObject::invokeMethod(dialog, "save");
                QVERIFY(settle(controller));
                QTest::qWait(20);
                const bool accepted = !dialog->property("visible").toBool();
                if (accepted && !numbersPass
                    && scalar(QStringLiteral("SELECT count(*) FROM channels WHERE name = ? OR name = ?"),
                              {name, name.trimmed()})
                        < 1) {
                    problem(label, text, QStringLiteral("saved, but no channel of that name"));
                }
                judge(label, text, dialog, accepted, before);
                if (!accepted) {
                    close(dialog);
                }
            }
        }
    }

    void supplierAndPurchaseOrder()
    {
        QObject *receiving = byType(QStringLiteral("ReceivingPage"));
        QObject *dialog = byType(QStringLiteral("NewPurchaseOrderDialog"));
        QObject *supplier = byName(QStringLiteral("supplierDialog"));
        QVERIFY(receiving && dialog && supplier);
        showView(QStringLiteral("receiving"));
        QObject *setup = m_session->product();
        QObject *purchaseOrders = m_session->documents()->property("purchaseOrders").value<QObject *>();
        QVERIFY(purchaseOrders);

        for (const QString &text : texts() + numbers()) {
            const bool number = numbers().contains(text);
            for (int field_ = 0; field_ < (number ? 1 : 2); ++field_) {
                const QString label = number || field_ == 1 ? QStringLiteral("New supplier: lead time")
                                                            : QStringLiteral("New supplier: name, e-mail");
                QVERIFY(open(dialog)); // "New supplier…" is in the purchase order's dialog
                QVERIFY(open(supplier));
                const QString name = number || field_ == 1
                    ? QStringLiteral("Hostile supplier %1").arg(m_tally[label].tried)
                    : text;
                type(field(supplier, QStringLiteral("Supplier name")), name);
                type(field(supplier, QStringLiteral("Supplier e-mail")),
                     number || field_ == 1 ? QString() : text);
                const bool typed = type(field(supplier, QStringLiteral("Lead time in days")),
                                        number || field_ == 1 ? text : QStringLiteral("7"));
                if (name.trimmed().isEmpty()) {
                    blocked(label); // nothing to add: add() does nothing, Add is disabled
                    close(supplier);
                    continue;
                }
                if (!typed) {
                    blocked(label);
                }
                const QString before = fingerprint();
                QMetaObject::invokeMethod(supplier, "add");
                QVERIFY(settle(setup));
                QTest::qWait(30);
                const bool accepted = !supplier->property("visible").toBool();
                if (accepted
                    && scalar(QStringLiteral("SELECT count(*) FROM suppliers WHERE name = ? OR name = ?"),
                              {name, name.trimmed()})
                        < 1) {
                    problem(label, text, QStringLiteral("added, but no supplier of that name"));
                }
                if (typed) {
                    judge(label, text, supplier, accepted, before);
                }
                if (!accepted) {
                    close(supplier);
                }
                close(dialog);
            }
        }

        // The purchase order itself: a hostile SKU, quantity, cost and note.
        enum Pass { Sku, Quantity, Cost, Note };
        for (const Pass pass : {Sku, Quantity, Cost, Note}) {
            const QString label = QStringLiteral("New purchase order: ")
                + QStringList {QStringLiteral("SKU"), QStringLiteral("quantity"), QStringLiteral("unit cost"),
                               QStringLiteral("note")}
                      .at(pass);
            const QStringList inputs = pass == Quantity || pass == Cost ? numbers() + texts() : texts();
            for (const QString &text : inputs) {
                QVERIFY(open(dialog));
                type(field(dialog, QStringLiteral("SKU of line 1")), pass == Sku ? text : Mug);
                const bool typed = type(field(dialog, QStringLiteral("Quantity of line 1")),
                                        pass == Quantity ? text : QStringLiteral("5"));
                type(field(dialog, QStringLiteral("Unit cost of line 1 (empty: the product's cost)")),
                     pass == Cost ? text : QString());
                type(field(dialog, QStringLiteral("Note")), pass == Note ? text : QString());
                const QString before = fingerprint();
                const qint64 count = scalar(QStringLiteral("SELECT count(*) FROM purchase_orders"));
                QMetaObject::invokeMethod(dialog, "confirm");
                QVERIFY(settle(m_session->documents()));
                QVERIFY(QTest::qWaitFor([dialog] { return !dialog->property("waiting").toBool(); }, 20'000));
                QTest::qWait(20);
                const bool accepted = scalar(QStringLiteral("SELECT count(*) FROM purchase_orders")) > count;
                if (accepted && pass == Note
                    && scalar(
                           QStringLiteral("SELECT count(*) FROM purchase_orders WHERE note = ? OR note = ?"),
                           {text, text.trimmed()})
                        < 1) {
                    problem(label, text, QStringLiteral("created, but the note is not as typed"));
                }
                if (pass == Quantity && !typed) {
                    blocked(label);
                    if (accepted) {
                        problem(label, text, QStringLiteral("created without a quantity"));
                    } else if (shownRefusals(dialog).isEmpty()) {
                        problem(label, text, QStringLiteral("no quantity, and the form does not say so"));
                    }
                } else {
                    judge(label, text, dialog, accepted, before);
                }
                if (!accepted) {
                    close(dialog);
                }
            }
        }
    }

    void transferAndCount()
    {
        QObject *transfer = byType(QStringLiteral("NewTransferDialog"));
        QObject *start = byType(QStringLiteral("StartCountDialog"));
        QObject *counts = byType(QStringLiteral("CountsPage"));
        QVERIFY(transfer && start && counts);
        showView(QStringLiteral("transfers"));
        enum Pass { Sku, Quantity, Note };
        for (const Pass pass : {Sku, Quantity, Note}) {
            const QString label = QStringLiteral("New transfer: ")
                + QStringList {QStringLiteral("SKU"), QStringLiteral("quantity"), QStringLiteral("note")}.at(
                    pass);
            const QStringList inputs = pass == Quantity ? numbers() + texts() : texts();
            for (const QString &text : inputs) {
                QVERIFY(open(transfer));
                type(field(transfer, QStringLiteral("SKU of line 1")), pass == Sku ? text : Mug);
                const bool typed = type(field(transfer, QStringLiteral("Quantity of line 1")),
                                        pass == Quantity ? text : QStringLiteral("1"));
                type(field(transfer, QStringLiteral("Note")), pass == Note ? text : QString());
                const QString before = fingerprint();
                const qint64 count = scalar(QStringLiteral("SELECT count(*) FROM transfers"));
                QMetaObject::invokeMethod(transfer, "confirm");
                QVERIFY(
                    QTest::qWaitFor([transfer] { return !transfer->property("waiting").toBool(); }, 20'000));
                QTest::qWait(20);
                const bool accepted = scalar(QStringLiteral("SELECT count(*) FROM transfers")) > count;
                if (pass == Quantity && !typed) {
                    blocked(label);
                    if (accepted) {
                        problem(label, text, QStringLiteral("created without a quantity"));
                    } else if (shownRefusals(transfer).isEmpty()) {
                        problem(label, text, QStringLiteral("no quantity, and the form does not say so"));
                    }
                } else {
                    judge(label, text, transfer, accepted, before);
                }
                if (!accepted) {
                    close(transfer);
                }
            }
        }

        // Counts: a bin prefix and a note at the start, then SKUs and quantities typed into the count.
        showView(QStringLiteral("counts"));
        for (const bool note : {false, true}) {
            const QString label
                = note ? QStringLiteral("Start count: note") : QStringLiteral("Start count: bin prefix");
            for (const QString &text : texts()) {
                QVERIFY(open(start));
                type(field(start, QStringLiteral("Bin prefix")), note ? QString() : text);
                type(field(start, QStringLiteral("Note")), note ? text : QString());
                const QString before = fingerprint();
                const qint64 count = scalar(QStringLiteral("SELECT count(*) FROM stock_counts"));
                QMetaObject::invokeMethod(start, "confirm");
                QVERIFY(QTest::qWaitFor([start] { return !start->property("waiting").toBool(); }, 20'000));
                QTest::qWait(20);
                const bool accepted = scalar(QStringLiteral("SELECT count(*) FROM stock_counts")) > count;
                judge(label, text, start, accepted, before);
                if (!accepted) {
                    close(start);
                }
            }
        }
        DocumentList *desk = m_session->documents()->counts();
        QVERIFY(QTest::qWaitFor([desk] { return desk->count() > 0; }, 10'000));
        const QString countNumber = desk->get(0).value(QStringLiteral("number")).toString();
        desk->setCurrentNumber(countNumber);
        QVERIFY(QTest::qWaitFor(
            [desk, countNumber] { return desk->current().value(QStringLiteral("number")) == countNumber; },
            10'000));
        QVERIFY(QTest::qWaitFor(
            [desk] {
                return desk->current().value(QStringLiteral("status")) == QLatin1String("counting") || true;
            },
            100));
        for (const bool quantity : {false, true}) {
            const QString label
                = quantity ? QStringLiteral("Count: counted quantity") : QStringLiteral("Count: scan or SKU");
            const QStringList inputs = quantity ? numbers() + texts() : texts();
            for (const QString &text : inputs) {
                QQuickItem *scan = field(counts, QStringLiteral("Scan or SKU"));
                QQuickItem *qty = field(counts, QStringLiteral("Counted quantity; empty adds one per scan"));
                QVERIFY(scan && qty);
                type(scan, quantity ? Mug : text);
                const bool typed = type(qty, quantity ? text : QStringLiteral("3"));
                if (!quantity && text.trimmed().isEmpty()) {
                    blocked(label); // nothing scanned: record() does nothing
                    continue;
                }
                if (quantity && !typed) {
                    blocked(label);
                }
                const QString before = fingerprint();
                desk->clearMessage();
                QMetaObject::invokeMethod(counts, "record");
                QVERIFY(settle(desk));
                const bool accepted = !desk->failed();
                if (typed || !quantity) {
                    judge(label, text, counts, accepted, before);
                }
            }
        }
    }

    void importAndExportFiles()
    {
        QObject *orderImport = byType(QStringLiteral("ImportOrdersDialog"));
        QObject *productImport = byType(QStringLiteral("ImportProductsDialog"));
        QObject *exportDialog = byType(QStringLiteral("ExportDialog"));
        QVERIFY(orderImport && productImport && exportDialog);
        showView(QStringLiteral("orders"));
        OrderImportController *orders = m_session->orderImport();
        ProductImportController *products = m_session->productImport();
        for (const QString &text : texts()) {
            // A file the dialog was given (from the file dialog or --import-file): the path as text.
            const QString path = m_dir.filePath(text);
            QVERIFY(open(orderImport));
            type(field(orderImport, QStringLiteral("Channel the orders belong to (empty: the format's)")),
                 text);
            orders->setFileName(path);
            const QString before = fingerprint();
            QMetaObject::invokeMethod(orderImport, "preview");
            QVERIFY(settle(orders));
            judge(QStringLiteral("Import orders: file, channel"), text, orderImport, false, before);
            close(orderImport);

            QVERIFY(open(productImport));
            products->setFileName(path);
            QMetaObject::invokeMethod(productImport, "preview");
            QVERIFY(settle(products));
            judge(QStringLiteral("Import products: file"), text, productImport, false, before);
            close(productImport);

            // The export's file is typed: written where it says, or refused in the dialog.
            QMetaObject::invokeMethod(exportDialog, "openFor", Q_ARG(QString, QStringLiteral("orders")));
            QVERIFY(
                QTest::qWaitFor([exportDialog] { return exportDialog->property("opened").toBool(); }, 5'000));
            type(field(exportDialog, QStringLiteral("File to write")), path);
            QMetaObject::invokeMethod(exportDialog, "run");
            QObject *exports = m_session->exports();
            QVERIFY(settle(exports));
            const bool written = !exports->property("failed").toBool() && exports->property("busy") == false
                && QFileInfo::exists(exports->property("file").toString());
            judge(QStringLiteral("Export: file to write"), text, exportDialog, written, before);
            close(exportDialog);
        }
    }

    void forecastProduct()
    {
        QObject *page = byType(QStringLiteral("ForecastPage"));
        QVERIFY(page);
        showView(QStringLiteral("forecast"));
        QObject *controller = m_session->forecast();
        QQuickItem *picker = field(page, QStringLiteral("Product"));
        QVERIFY(picker);
        for (const QString &text : texts()) {
            type(picker, text);
            QMetaObject::invokeMethod(picker, "accepted");
            QVERIFY(QTest::qWaitFor(
                [controller] { return qobject_cast<ForecastController *>(controller)->settled(); }, 20'000));
            const QString before = fingerprint();
            // A product the catalogue has (an earlier test may have added one by that SKU) is shown; an unknown
            // one is said so in the view.
            const bool shown = page->property("hasProduct").toBool();
            judge(QStringLiteral("Forecast: product"), text, page, shown, before);
        }
        // Units to promise on a real product.
        controller->setProperty("sku", Mug);
        QVERIFY(settle(controller));
        QVERIFY(QTest::qWaitFor(
            [controller] { return qobject_cast<ForecastController *>(controller)->settled(); }, 20'000));
        controller->setProperty("section", QStringLiteral("atp"));
        QTest::qWait(100);
        QQuickItem *units = field(page, QStringLiteral("Units to promise"));
        QVERIFY(units);
        for (const QString &text : numbers() + texts()) {
            if (!type(units, text)) {
                blocked(QStringLiteral("Forecast: units to promise"));
                continue;
            }
            QMetaObject::invokeMethod(units, "accepted");
            QVERIFY(settle(controller));
            QTest::qWait(50);
            const QVariantMap promise = controller->property("promise").toMap();
            ++m_tally[QStringLiteral("Forecast: units to promise")].tried;
            if (promise.value(QStringLiteral("ok")) == false && shownRefusals(page).isEmpty()) {
                problem(QStringLiteral("Forecast: units to promise"), text,
                        QStringLiteral("refused without a message"));
            }
        }
    }

    void connectionDialog()
    {
        QObject *dialog = byType(QStringLiteral("ConnectionDialog"));
        QVERIFY(dialog);
        const QString label = QStringLiteral("Connection settings");
        for (const QString &text : texts()) {
            for (const QString &engine : {QStringLiteral("sqlite"), QStringLiteral("postgresql")}) {
                QVERIFY(open(dialog));
                m_connection->setProperty("engine", engine);
                QTest::qWait(10);
                if (engine == QLatin1String("sqlite")) {
                    type(field(dialog, QStringLiteral("Database file")), m_dir.filePath(text));
                } else {
                    for (const char *name : {"Host", "Database name", "User", "Password"}) {
                        type(field(dialog, QString::fromLatin1(name)), text);
                    }
                }
                const QString before = fingerprint();
                QMetaObject::invokeMethod(dialog, "accept");
                const bool accepted = m_connection->errorText().isEmpty();
                if (!accepted) {
                    // A refusal opens the dialog again, with what was typed and why.
                    QTest::qWaitFor([dialog] { return !shownRefusals(dialog).isEmpty(); }, 2'000);
                }
                judge(label + QStringLiteral(" (") + engine + QLatin1Char(')'), text, dialog, accepted,
                      before);
                close(dialog);
            }
        }
    }
};

QTEST_MAIN(TestHostileUi)
#include "tst_hostileui.moc"
