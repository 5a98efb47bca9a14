// SPDX-License-Identifier: GPL-3.0-or-later
// Accessibility and the keyboard, through the real Main.qml on demo data: in every view each control has a
// name a screen reader can say, Tab reaches each control and the focused one looks different; F1 lists every
// shortcut of the QML files under its view; the text size and the system font scale the interface; the
// language switches while the windows are open; states are words, not colours alone, with enough contrast.
#include "connectionsettings.h"
#include "demodata.h"
#include "interfacesettings.h"
#include "labels.h"
#include "orderactions.h"
#include "ordermodel.h"
#include "session.h"
#include "testsupport.h"

#include <QAccessible>
#include <QDirIterator>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <cmath>

Q_IMPORT_QML_PLUGIN(StockroomPlugin)

using namespace Stockroom;

namespace {

const QStringList Views {
    QStringLiteral("orders"),    QStringLiteral("inventory"), QStringLiteral("receiving"),
    QStringLiteral("transfers"), QStringLiteral("counts"),    QStringLiteral("channels"),
    QStringLiteral("forecast"),  QStringLiteral("dashboard"), QStringLiteral("audit")};

/** The QML file whose shortcuts belong to a view's group of the F1 list. */
const QHash<QString, QString> ViewOfFile {{QStringLiteral("Main.qml"), QString()},
                                          {QStringLiteral("OrdersPage.qml"), QStringLiteral("orders")},
                                          {QStringLiteral("InventoryPage.qml"), QStringLiteral("inventory")},
                                          {QStringLiteral("ReceivingPage.qml"), QStringLiteral("receiving")},
                                          {QStringLiteral("TransfersPage.qml"), QStringLiteral("transfers")},
                                          {QStringLiteral("CountsPage.qml"), QStringLiteral("counts")},
                                          {QStringLiteral("ChannelsPage.qml"), QStringLiteral("channels")},
                                          {QStringLiteral("ForecastPage.qml"), QStringLiteral("forecast")},
                                          {QStringLiteral("DashboardPage.qml"), QStringLiteral("dashboard")}};

/** Roles of things a user operates: each needs a name. */
bool isControl(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::Button:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::ComboBox:
    case QAccessible::EditableText:
    case QAccessible::SpinBox:
    case QAccessible::Slider:
    case QAccessible::PageTab:
    case QAccessible::MenuItem:
        return true;
    default:
        return false;
    }
}

/** Shown on screen: visible up the tree, with a size, inside the window. */
bool isShown(const QQuickItem *item)
{
    if (!item->isVisible() || item->width() <= 0 || item->height() <= 0 || item->opacity() <= 0) {
        return false;
    }
    const QRectF box = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
    const QSizeF window = item->window()->size();
    return box.right() > 0 && box.bottom() > 0 && box.left() < window.width() && box.top() < window.height();
}

void collect(QQuickItem *item, QList<QQuickItem *> &into)
{
    if (!item->isVisible()) {
        return;
    }
    into.append(item);
    const QList<QQuickItem *> children = item->childItems();
    for (QQuickItem *child : children) {
        collect(child, into);
    }
}

/** Where a thing is, for failure messages: its class, object name or text, and its parents'. */
QString describe(QQuickItem *item)
{
    QStringList parts;
    for (QQuickItem *at = item; at && parts.size() < 4; at = at->parentItem()) {
        QString part = QString::fromLatin1(at->metaObject()->className()).section(u'_', 0, 0);
        if (!at->objectName().isEmpty()) {
            part += u'#' + at->objectName();
        } else if (const QVariant text = at->property("text"); text.isValid() && !text.toString().isEmpty()) {
            part += QStringLiteral("\"%1\"").arg(text.toString().left(30));
        } else if (const QVariant hint = at->property("placeholderText");
                   hint.isValid() && !hint.toString().isEmpty()) {
            part += QStringLiteral("[%1]").arg(hint.toString().left(30));
        }
        parts.append(part);
    }
    return parts.join(QStringLiteral(" < "));
}

/** Relative luminance and contrast ratio (WCAG 2.1). */
double luminance(const QColor &colour)
{
    auto channel = [](double value) {
        return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double first = luminance(a);
    const double second = luminance(b);
    return (std::max(first, second) + 0.05) / (std::min(first, second) + 0.05);
}

/** A translucent colour over an opaque one. */
QColor over(const QColor &top, const QColor &below)
{
    const double alpha = top.alphaF();
    return QColor::fromRgbF(float(top.redF() * alpha + below.redF() * (1 - alpha)),
                            float(top.greenF() * alpha + below.greenF() * (1 - alpha)),
                            float(top.blueF() * alpha + below.blueF() * (1 - alpha)));
}

/** The keys a Shortcut's sequence names, as the F1 list writes them. */
QString portable(QString key)
{
    static const QHash<QString, QString> standard {
        {QStringLiteral("StandardKey.Find"), QStringLiteral("Ctrl+F")},
        {QStringLiteral("StandardKey.Save"), QStringLiteral("Ctrl+S")},
        {QStringLiteral("StandardKey.Open"), QStringLiteral("Ctrl+O")}};
    key = standard.value(key, key);
    key.replace(QStringLiteral("Ctrl+Return"), QStringLiteral("Ctrl+Enter"));
    return key;
}

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScratchDatabase> m_scratch;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<ConnectionSettings> m_connection;
    std::unique_ptr<InterfaceSettings> m_interface;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;

    void show(const QString &view)
    {
        QMetaObject::invokeMethod(m_window, "showView", Q_ARG(QString, view));
        QTRY_VERIFY_WITH_TIMEOUT(!m_session->orders()->loading(), 10'000);
        QTest::qWait(300); // the view's first data and layout
    }

    /** Items of the view now shown (the navigation and tool bars included). */
    QList<QQuickItem *> shownItems()
    {
        QList<QQuickItem *> all;
        collect(m_window->contentItem(), all);
        QList<QQuickItem *> shown;
        for (QQuickItem *item : std::as_const(all)) {
            if (isShown(item)) {
                shown.append(item);
            }
        }
        return shown;
    }

    QQuickItem *findByText(const QString &className, const QString &text)
    {
        QList<QQuickItem *> all;
        collect(m_window->contentItem(), all);
        for (QQuickItem *item : std::as_const(all)) {
            if ((item->inherits(qPrintable(className))
                 || QString::fromLatin1(item->metaObject()->className()).startsWith(className))
                && item->property("text").toString() == text) {
                return item;
            }
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_interface = std::make_unique<InterfaceSettings>(nullptr);
        QString error;
        QVERIFY2(m_interface->start(QStringLiteral("en"), &error), qPrintable(error));

        m_scratch = std::make_unique<Test::ScratchDatabase>();
        STOCKROOM_REQUIRE(*m_scratch);
        {
            std::unique_ptr<Database> db = m_scratch->open(QStringLiteral("demo"));
            QVERIFY(db);
            DemoOptions options;
            options.products = 12;
            options.days = 90;
            const Result<DemoSummary> demo = DemoData::generate(*db, options);
            QVERIFY2(demo, demo ? "" : qPrintable(demo.error().message));
        }
        m_session = std::make_unique<Session>(m_scratch->spec(), QStringLiteral("demo"));
        m_session->orderActions()->setOpenDocuments(false);
        m_connection = std::make_unique<ConnectionSettings>(m_scratch->spec());
        m_engine = std::make_unique<QQmlApplicationEngine>();
        m_engine->setInitialProperties(
            {{QStringLiteral("session"), QVariant::fromValue(m_session.get())},
             {QStringLiteral("connectionSettings"), QVariant::fromValue(m_connection.get())},
             {QStringLiteral("width"), 1366},
             {QStringLiteral("height"), 768}});
        m_engine->load(QUrl(QStringLiteral("qrc:/Stockroom/Main.qml")));
        QVERIFY(!m_engine->rootObjects().isEmpty());
        m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().constFirst());
        QVERIFY(m_window);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        QVERIFY(QTest::qWaitFor([this] { return m_session->ready() && m_session->live(); }, 30'000));
    }

    void cleanupTestCase()
    {
        m_engine.reset();
        m_session.reset();
        m_connection.reset();
        m_scratch.reset();
        m_interface.reset();
        QSettings().clear();
    }

    /** What a screen reader says for each control: never nothing. */
    void everyControlHasAName()
    {
        QStringList nameless;
        int controls = 0;
        for (const QString &view : Views) {
            show(view);
            const QList<QQuickItem *> items = shownItems();
            for (QQuickItem *item : items) {
                QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(item);
                if (!accessible || !isControl(accessible->role()) || accessible->state().invisible) {
                    continue;
                }
                ++controls;
                if (accessible->text(QAccessible::Name).trimmed().isEmpty()) {
                    nameless.append(QStringLiteral("%1: %2").arg(view, describe(item)));
                }
            }
        }
        nameless.removeDuplicates();
        qInfo("%d controls in %lld views, %lld without a name", controls, qsizetype(Views.size()),
              nameless.size());
        QVERIFY(controls > 100);
        QVERIFY2(nameless.isEmpty(), qPrintable(nameless.join(u'\n')));
    }

    /** Tab visits every enabled control of each view, and the focused control looks different. */
    void tabReachesEveryControlVisibly()
    {
        QStringList unreached;
        QStringList unmarked;
        int visited = 0;
        for (const QString &view : Views) {
            show(view);
            QSet<QQuickItem *> wanted;
            const QList<QQuickItem *> items = shownItems();
            for (QQuickItem *item : items) {
                if (item->activeFocusOnTab() && item->isEnabled()) {
                    wanted.insert(item);
                }
            }
            // From the navigation list through the whole chain and back to it.
            QQuickItem *start = m_window->activeFocusItem();
            QVERIFY(start);
            QSet<QQuickItem *> reached {start};
            QImage before = m_window->grabWindow();
            for (int step = 0; step < 400; ++step) {
                QTest::keyClick(m_window, Qt::Key_Tab);
                QQuickItem *focused = m_window->activeFocusItem();
                if (!focused || focused == start || reached.contains(focused)) {
                    break;
                }
                reached.insert(focused);
                ++visited;
                // Visible focus: the control's own rectangle (and a 3-pixel ring) changed with the focus.
                const QImage after = m_window->grabWindow();
                const qreal ratio = after.devicePixelRatio();
                const QRect box = focused->mapRectToScene(QRectF(0, 0, focused->width(), focused->height()))
                                      .toAlignedRect()
                                      .adjusted(-3, -3, 3, 3)
                                      .intersected(QRect(QPoint(0, 0), m_window->size()));
                const QRect pixels(box.topLeft() * ratio, box.size() * ratio);
                if (wanted.contains(focused) && !box.isEmpty() && before.copy(pixels) == after.copy(pixels)) {
                    unmarked.append(QStringLiteral("%1: %2").arg(view, describe(focused)));
                }
                before = after;
            }
            if (qEnvironmentVariableIsSet("STOCKROOM_TRACE_TAB")) {
                qInfo() << view << "starts at" << describe(start) << "reached" << reached.size();
            }
            for (QQuickItem *item : std::as_const(wanted)) {
                // A list is reached when its current row is.
                bool inside = false;
                for (QQuickItem *at : std::as_const(reached)) {
                    for (QQuickItem *up = at; up && !inside; up = up->parentItem()) {
                        inside = up == item;
                    }
                }
                if (!inside) {
                    unreached.append(QStringLiteral("%1: %2").arg(view, describe(item)));
                }
            }
            // Back to the navigation for the next view.
            start->forceActiveFocus(Qt::TabFocusReason);
        }
        qInfo("Tab visited %d controls", visited);
        for (const QString &line : std::as_const(unmarked)) {
            qInfo("no visible focus: %s", qPrintable(line));
        }
        QVERIFY(visited > 50);
        QVERIFY2(unreached.isEmpty() && unmarked.isEmpty(),
                 qPrintable(QStringLiteral("not reached by Tab:\n") + unreached.join(u'\n')
                            + QStringLiteral("\nno visible focus:\n") + unmarked.join(u'\n')));
    }

    /** F1 lists every Shortcut of the QML files under its view (or for every view). */
    void helpListsEveryShortcut()
    {
        QObject *help = m_window->findChild<QObject *>(QStringLiteral("helpOverlay"));
        QVERIFY(help);
        QHash<QString, QStringList> listed; // view → keys
        const QVariantList groups = help->property("groups").toList();
        for (const QVariant &group : groups) {
            const QVariantMap map = group.toMap();
            for (const QVariant &row : map.value(QStringLiteral("keys")).toList()) {
                listed[map.value(QStringLiteral("view")).toString()].append(row.toList().value(0).toString());
            }
        }
        QVERIFY(listed.value(QString()).contains(QStringLiteral("F1")));

        static const QRegularExpression sequence(
            QStringLiteral("\\bsequences?\\s*:\\s*(\\[[^\\]]*\\]|\"[^\"]*\"|StandardKey\\.\\w+)"));
        static const QRegularExpression quoted(QStringLiteral("\"([^\"]*)\""));
        QStringList missing;
        int shortcuts = 0;
        QDirIterator files(QStringLiteral(STOCKROOM_QML_DIR), {QStringLiteral("*.qml")});
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString source = QString::fromUtf8(file.readAll());
            const QString name = QFileInfo(file).fileName();
            QStringList groupsOfFile {QString()};
            if (ViewOfFile.contains(name)) {
                groupsOfFile.append(ViewOfFile.value(name));
            } else {
                groupsOfFile.append(QStringLiteral("dialogs"));
            }
            for (auto match = sequence.globalMatch(source); match.hasNext();) {
                const QString value = match.next().captured(1);
                QStringList keys;
                if (value.startsWith(QLatin1String("StandardKey."))) {
                    keys.append(portable(value));
                } else {
                    for (auto key = quoted.globalMatch(value); key.hasNext();) {
                        keys.append(portable(key.next().captured(1)));
                    }
                }
                for (const QString &key : std::as_const(keys)) {
                    ++shortcuts;
                    bool found = false;
                    for (const QString &group : std::as_const(groupsOfFile)) {
                        // "Ctrl+1 … Ctrl+9" covers the views' keys.
                        const QStringList inGroup = listed.value(group);
                        found = found || inGroup.contains(key)
                            || (QRegularExpression(QStringLiteral("^Ctrl\\+[1-9]$")).match(key).hasMatch()
                                && inGroup.contains(QStringLiteral("Ctrl+1 … Ctrl+9")));
                    }
                    if (!found) {
                        missing.append(QStringLiteral("%1: %2").arg(name, key));
                    }
                }
            }
        }
        qInfo("%d shortcuts in the QML files", shortcuts);
        QVERIFY(shortcuts > 60);
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("not in the F1 list:\n") + missing.join(u'\n')));

        // F1 opens it over the view, Esc closes it.
        show(QStringLiteral("orders"));
        QTest::keyClick(m_window, Qt::Key_F1);
        QTRY_VERIFY(help->property("opened").toBool());
        QCOMPARE(help->property("currentView").toString(), QStringLiteral("orders"));
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY(!help->property("visible").toBool());
    }

    /** The text size and the system font scale the window's font and the fixed sizes. */
    void textFollowsTheSizeAndTheSystemFont()
    {
        show(QStringLiteral("orders"));
        QQuickItem *title = findByText(QStringLiteral("QQuickLabel"), QStringLiteral("Stockroom"));
        QVERIFY(title);
        const qreal windowPoints = m_window->property("font").value<QFont>().pointSizeF();
        const int titlePixels = title->property("font").value<QFont>().pixelSize();
        QVERIFY(windowPoints > 0 && titlePixels > 0);

        m_interface->setTextScale(1.5);
        QTRY_COMPARE(m_window->property("font").value<QFont>().pointSizeF(), windowPoints * 1.5);
        QTRY_COMPARE(title->property("font").value<QFont>().pixelSize(), qRound(titlePixels * 1.5));
        m_interface->setTextScale(1.0);
        QTRY_COMPARE(title->property("font").value<QFont>().pixelSize(), titlePixels);

        // A bigger system font (the desktop's setting) makes everything bigger too.
        const QFont system = QGuiApplication::font();
        QFont bigger = system;
        bigger.setPointSizeF(system.pointSizeF() * 2);
        QGuiApplication::setFont(bigger);
        QTRY_COMPARE(title->property("font").value<QFont>().pixelSize(), qRound(titlePixels * 2.0));
        QTRY_COMPARE(m_window->property("font").value<QFont>().pointSizeF(), windowPoints * 2);
        QGuiApplication::setFont(system);
        QTRY_COMPARE(title->property("font").value<QFont>().pixelSize(), titlePixels);
    }

    /** The language changes while the window is open: words, numbers and money; the choice is kept. */
    void languageSwitchesWithoutRestart()
    {
        show(QStringLiteral("orders"));
        QVERIFY(findByText(QStringLiteral("NavigationButton"), QStringLiteral("Inventory")));
        const QString englishMoney = Labels::money(123456);

        QVERIFY(m_interface->setLanguage(QStringLiteral("de")));
        QTRY_VERIFY(findByText(QStringLiteral("NavigationButton"), QStringLiteral("Bestand")));
        QCOMPARE(QLocale().decimalPoint(), QStringLiteral(","));
        QVERIFY2(Labels::money(123456).contains(QStringLiteral("1.234,56")),
                 qPrintable(Labels::money(123456)));
        QCOMPARE(QSettings().value(QStringLiteral("interface/language")).toString(), QStringLiteral("de"));
        QCOMPARE(QCoreApplication::translate("Main", "%n order(s)", "@info:status", 3),
                 QStringLiteral("3 Aufträge"));

        QVERIFY(m_interface->setLanguage(QStringLiteral("fr")));
        QTRY_VERIFY(findByText(QStringLiteral("NavigationButton"), QStringLiteral("Stock")));
        QCOMPARE(QCoreApplication::translate("Main", "%n order(s)", "@info:status", 0),
                 QStringLiteral("0 commande"));
        QCOMPARE(QCoreApplication::translate("Main", "%n order(s)", "@info:status", 2),
                 QStringLiteral("2 commandes"));
        QVERIFY2(Labels::money(123456).contains(QStringLiteral("234,56")), qPrintable(Labels::money(123456)));

        QVERIFY(m_interface->setLanguage(QStringLiteral("es")));
        QTRY_VERIFY(findByText(QStringLiteral("NavigationButton"), QStringLiteral("Inventario")));
        QCOMPARE(QCoreApplication::translate("Main", "%n order(s)", "@info:status", 1),
                 QStringLiteral("1 pedido"));

        QVERIFY(!m_interface->setLanguage(QStringLiteral("xx")));
        QCOMPARE(m_interface->effectiveLanguage(), QStringLiteral("es"));

        QVERIFY(m_interface->setLanguage(QStringLiteral("en")));
        QTRY_VERIFY(findByText(QStringLiteral("NavigationButton"), QStringLiteral("Inventory")));
        QCOMPARE(Labels::money(123456), englishMoney);
    }

    /** States are written as words on their badges, and the words are readable on their tints (WCAG AA). */
    void statesAreWordsWithContrast()
    {
        // Rows are white or light grey (alternating, selected rows are lighter than the badge's tints).
        const QList<QColor> pages {QColor(Qt::white), QColor(0xe6, 0xe6, 0xe6)};
        int badges = 0;
        QStringList faint;
        for (const QString &view :
             {QStringLiteral("orders"), QStringLiteral("inventory"), QStringLiteral("receiving"),
              QStringLiteral("transfers"), QStringLiteral("counts")}) {
            show(view);
            const QList<QQuickItem *> items = shownItems();
            for (QQuickItem *item : items) {
                if (!QString::fromLatin1(item->metaObject()->className())
                         .startsWith(QLatin1String("StatusBadge"))) {
                    continue;
                }
                ++badges;
                QVERIFY2(!item->property("text").toString().trimmed().isEmpty(), qPrintable(describe(item)));
                QQuickItem *label = item->childItems().value(0);
                QVERIFY(label);
                const QColor text = label->property("color").value<QColor>();
                for (const QColor &page : pages) {
                    const QColor background = over(item->property("color").value<QColor>(), page);
                    if (contrast(text, background) < 4.5) {
                        faint.append(
                            QStringLiteral("%5: %1 (%2) on %3: %4")
                                .arg(item->property("text").toString(), text.name(), background.name())
                                .arg(contrast(text, background), 0, 'f', 2)
                                .arg(view));
                    }
                }
            }
        }
        faint.removeDuplicates();
        QVERIFY(badges > 5);
        QVERIFY2(faint.isEmpty(), qPrintable(faint.join(u'\n')));
    }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
