// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFont>
#include <QObject>
#include <QPointer>
#include <QTranslator>
#include <QVariantList>
#include <QtQmlIntegration>

QT_BEGIN_NAMESPACE
class QQmlEngine;
class QJSEngine;
QT_END_NAMESPACE

namespace Stockroom {

/**
 * This desktop's interface settings, kept in QSettings: the language (with its number, money and date formats)
 * and the text size. Both apply at once to every open window: the translators are swapped and the QML engine
 * retranslates; the text size scales the system font, which every window and every sized text follows.
 * One instance per application (made by main() before the QML engine); QML reaches it as a singleton.
 */
class InterfaceSettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /** The chosen language code ("de"); empty when the desktop follows the system's. */
    Q_PROPERTY(QString language READ language NOTIFY languageChanged)
    /** The language in use ("en" when the system's has no translation). */
    Q_PROPERTY(QString effectiveLanguage READ effectiveLanguage NOTIFY languageChanged)
    /** [{code, name}] for the chooser, "system" first; names in their own language. */
    Q_PROPERTY(QVariantList languages READ languages NOTIFY languageChanged)
    /** The user's text size on top of the system font: 1.0, 1.25, 1.5 … */
    Q_PROPERTY(qreal textScale READ textScale WRITE setTextScale NOTIFY fontChanged)
    /** System font × text size over the size the interface was drawn for: multiplies fixed pixel sizes. */
    Q_PROPERTY(qreal fontScale READ fontScale NOTIFY fontChanged)
    /** The font every window uses: the system font at the chosen text size. */
    Q_PROPERTY(QFont font READ font NOTIFY fontChanged)

public:
    /** Not default-constructible on purpose: QML must take the application's instance through create(). */
    explicit InterfaceSettings(QObject *parent);
    ~InterfaceSettings() override;

    /** The application's instance, for the QML engine (which does not own it). */
    static InterfaceSettings *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);
    static InterfaceSettings *instance();

    /** Language codes with a translation, "en" first. */
    static QStringList availableLanguages();

    /**
     * Applies the language at start: @p commandLine when given (not saved), otherwise the saved choice,
     * otherwise the system's. False with @p error when @p commandLine names a language without translation.
     */
    bool start(const QString &commandLine, QString *error);

    /** Retranslates this engine's bindings when the language changes. */
    void setEngine(QQmlEngine *engine);

    QString language() const { return m_language; }
    QString effectiveLanguage() const { return m_effective; }
    QVariantList languages() const;
    qreal textScale() const { return m_textScale; }
    void setTextScale(qreal scale);
    qreal fontScale() const;
    QFont font() const;

    /** Chooses a language ("" = the system's), applies it and saves it; false for a code without translation. */
    Q_INVOKABLE bool setLanguage(const QString &code);

Q_SIGNALS:
    void languageChanged();
    void fontChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool apply(const QString &code);

    QString m_language;
    QString m_effective;
    qreal m_textScale = 1.0;
    QTranslator m_ours;
    QTranslator m_qt;
    bool m_installed = false;
    QPointer<QQmlEngine> m_engine;
};

} // namespace Stockroom
