// SPDX-License-Identifier: GPL-3.0-or-later
#include "interfacesettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QGuiApplication>
#include <QJSEngine>
#include <QLibraryInfo>
#include <QLocale>
#include <QQmlEngine>
#include <QSettings>

#include <algorithm>

namespace Stockroom {

namespace {

InterfaceSettings *theInstance = nullptr;

const QString languageKey = QStringLiteral("interface/language");
const QString textScaleKey = QStringLiteral("interface/textScale");

/** The point size the interface's fixed sizes were drawn next to (Qt's default system font). */
constexpr qreal designPointSize = 9.0;

/** The locale for a language: the system's own when it speaks it (de_CH stays Swiss), else the language's. */
QLocale localeFor(const QString &code)
{
    const QLocale system = QLocale::system();
    if (system.language() != QLocale::C && system.name().section(u'_', 0, 0) == code) {
        return system;
    }
    if (code == QLatin1String("en") && system.language() == QLocale::C) {
        // No locale configured (LANG=C): write numbers, money and dates as the British shop it serves.
        return QLocale(QLocale::English, QLocale::UnitedKingdom);
    }
    return QLocale(code);
}

} // namespace

InterfaceSettings::InterfaceSettings(QObject *parent)
    : QObject(parent)
{
    Q_ASSERT(!theInstance);
    theInstance = this;
    QSettings settings;
    m_textScale = std::clamp(settings.value(textScaleKey, 1.0).toReal(), 0.75, 3.0);
    // The system font can change while the program runs (desktop settings): every size follows it.
    if (QCoreApplication::instance()) {
        QCoreApplication::instance()->installEventFilter(this);
    }
}

bool InterfaceSettings::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == QCoreApplication::instance() && event->type() == QEvent::ApplicationFontChange) {
        Q_EMIT fontChanged();
    }
    return QObject::eventFilter(watched, event);
}

InterfaceSettings::~InterfaceSettings()
{
    if (theInstance == this) {
        theInstance = nullptr;
    }
}

InterfaceSettings *InterfaceSettings::create(QQmlEngine *, QJSEngine *jsEngine)
{
    if (!theInstance) {
        // A program that did not make one (a test loading a view): the desktop's text size, the language as is.
        new InterfaceSettings(QCoreApplication::instance());
    }
    QJSEngine::setObjectOwnership(theInstance, QJSEngine::CppOwnership);
    if (auto *qml = qobject_cast<QQmlEngine *>(jsEngine)) {
        theInstance->setEngine(qml);
    }
    return theInstance;
}

InterfaceSettings *InterfaceSettings::instance()
{
    return theInstance;
}

QStringList InterfaceSettings::availableLanguages()
{
    QStringList codes {QStringLiteral("en")};
    const QStringList files = QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("stockroom_*.qm")});
    for (const QString &file : files) {
        const QString code = file.section(u'_', 1).section(u'.', 0, 0);
        if (!codes.contains(code)) {
            codes.append(code);
        }
    }
    return codes;
}

bool InterfaceSettings::start(const QString &commandLine, QString *error)
{
    if (!commandLine.isEmpty()) {
        if (!availableLanguages().contains(commandLine)) {
            if (error) {
                *error = tr("There is no translation for the language \"%1\"; use one of %2.")
                             .arg(commandLine, availableLanguages().join(QStringLiteral(", ")));
            }
            return false;
        }
        m_language = commandLine;
        return apply(commandLine);
    }
    const QString saved = QSettings().value(languageKey).toString();
    m_language = availableLanguages().contains(saved) ? saved : QString();
    return apply(m_language);
}

void InterfaceSettings::setEngine(QQmlEngine *engine)
{
    m_engine = engine;
}

bool InterfaceSettings::apply(const QString &code)
{
    // "" follows the system: its language when translated, English otherwise.
    QString effective = code;
    if (effective.isEmpty()) {
        effective = QLocale::system().name().section(u'_', 0, 0);
        if (!availableLanguages().contains(effective)) {
            effective = QStringLiteral("en");
        }
    }
    if (m_installed) {
        QCoreApplication::removeTranslator(&m_ours);
        QCoreApplication::removeTranslator(&m_qt);
        m_installed = false;
    }
    const QLocale locale = localeFor(effective);
    QLocale::setDefault(locale);
    // English plural forms come from stockroom_en; Qt's own strings (dialog buttons) from qtbase.
    if (!m_ours.load(QStringLiteral(":/i18n/stockroom_%1.qm").arg(effective))
        && !m_ours.load(QStringLiteral(":/i18n/stockroom_en.qm"))) {
        return false;
    }
    static_cast<void>(m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                                QLibraryInfo::path(QLibraryInfo::TranslationsPath)));
    QCoreApplication::installTranslator(&m_ours);
    QCoreApplication::installTranslator(&m_qt);
    m_installed = true;
    const bool changed = effective != m_effective;
    m_effective = effective;
    if (changed && m_engine) {
        m_engine->retranslate();
    }
    Q_EMIT languageChanged();
    return true;
}

QVariantList InterfaceSettings::languages() const
{
    QVariantList list;
    QString systemLanguage = QLocale::system().name().section(u'_', 0, 0);
    if (!availableLanguages().contains(systemLanguage)) {
        systemLanguage = QStringLiteral("en");
    }
    const QString systemName = localeFor(systemLanguage).nativeLanguageName();
    list.append(
        QVariantMap {{QStringLiteral("code"), QString()},
                     {QStringLiteral("name"), tr("The system's (%1)", "@item language").arg(systemName)}});
    for (const QString &code : availableLanguages()) {
        QString name = QLocale(code).nativeLanguageName();
        if (!name.isEmpty()) {
            name[0] = name.at(0).toUpper(); // "français" → "Français" in a list
        }
        if (code == QLatin1String("en")) {
            name = QStringLiteral("English");
        }
        list.append(QVariantMap {{QStringLiteral("code"), code}, {QStringLiteral("name"), name}});
    }
    return list;
}

bool InterfaceSettings::setLanguage(const QString &code)
{
    if (!code.isEmpty() && !availableLanguages().contains(code)) {
        return false;
    }
    QSettings().setValue(languageKey, code);
    m_language = code;
    return apply(code);
}

void InterfaceSettings::setTextScale(qreal scale)
{
    scale = std::clamp(scale, 0.75, 3.0);
    if (qFuzzyCompare(scale, m_textScale)) {
        return;
    }
    m_textScale = scale;
    QSettings().setValue(textScaleKey, scale);
    Q_EMIT fontChanged();
}

qreal InterfaceSettings::fontScale() const
{
    const QFont system = QGuiApplication::font();
    const qreal points = system.pointSizeF() > 0 ? system.pointSizeF() : system.pixelSize() * 0.75;
    return std::max(points, 1.0) / designPointSize * m_textScale;
}

QFont InterfaceSettings::font() const
{
    QFont scaled = QGuiApplication::font();
    if (scaled.pointSizeF() > 0) {
        scaled.setPointSizeF(scaled.pointSizeF() * m_textScale);
    } else {
        scaled.setPixelSize(qRound(scaled.pixelSize() * m_textScale));
    }
    return scaled;
}

} // namespace Stockroom
