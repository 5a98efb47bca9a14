// SPDX-License-Identifier: GPL-3.0-or-later
// The German, French and Spanish translations are complete: no message lupdate marked unfinished, none empty,
// every %1 … %n of the English kept, plural messages with every form of the language (and %n in them where
// the English counts), and the same messages as the English file (nothing left out or kept obsolete).
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    bool unfinished = false;
    bool obsolete = false;
    QStringList forms; ///< the translation, or its plural forms
    qint64 line = 0;

    QString key() const { return context + u'\x1f' + source + u'\x1f' + comment; }
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            continue;
        }
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText(QXmlStreamReader::IncludeChildElements);
        } else if (name == QLatin1String("message")) {
            message = Message {};
            message.context = context;
            message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            message.line = xml.lineNumber();
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText(QXmlStreamReader::IncludeChildElements);
        } else if (name == QLatin1String("comment")) {
            message.comment = xml.readElementText(QXmlStreamReader::IncludeChildElements);
        } else if (name == QLatin1String("translation")) {
            const QStringView type = xml.attributes().value(QLatin1String("type"));
            message.unfinished = type == QLatin1String("unfinished");
            message.obsolete = type == QLatin1String("obsolete") || type == QLatin1String("vanished");
            if (message.numerus) {
                while (xml.readNextStartElement()) {
                    message.forms.append(xml.readElementText(QXmlStreamReader::IncludeChildElements));
                }
            } else {
                message.forms.append(xml.readElementText(QXmlStreamReader::IncludeChildElements));
            }
            messages.append(message);
        }
    }
    if (xml.hasError()) {
        *error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    }
    return messages;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression marker(QStringLiteral("%(\\d+|n)"));
    QSet<QString> found;
    for (auto match = marker.globalMatch(text); match.hasNext();) {
        found.insert(match.next().captured(0));
    }
    return found;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void complete_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("pluralForms");
        QTest::newRow("de") << QStringLiteral("de") << 2;
        QTest::newRow("fr") << QStringLiteral("fr") << 2;
        QTest::newRow("es") << QStringLiteral("es") << 2;
    }

    void complete()
    {
        QFETCH(QString, language);
        QFETCH(int, pluralForms);
        QString error;
        const QString path = QStringLiteral(STOCKROOM_TRANSLATIONS_DIR "/stockroom_%1.ts").arg(language);
        const QList<Message> messages = readTs(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<Message> english
            = readTs(QStringLiteral(STOCKROOM_TRANSLATIONS_DIR "/stockroom_en.ts"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(english.size() > 2000);

        QStringList problems;
        QSet<QString> keys;
        int plurals = 0;
        for (const Message &message : messages) {
            const QString where = QStringLiteral("%1:%2 [%3] \"%4\"")
                                      .arg(QFileInfo(path).fileName())
                                      .arg(message.line)
                                      .arg(message.context, message.source.left(60));
            if (message.obsolete) {
                problems.append(where + QStringLiteral(": obsolete (run lupdate -no-obsolete)"));
                continue;
            }
            keys.insert(message.key());
            if (message.unfinished) {
                problems.append(where + QStringLiteral(": unfinished"));
                continue;
            }
            if (message.numerus) {
                ++plurals;
                if (message.forms.size() != pluralForms) {
                    problems.append(where
                                    + QStringLiteral(": %1 plural forms, not %2")
                                          .arg(message.forms.size())
                                          .arg(pluralForms));
                }
            }
            const QSet<QString> wanted = placeholders(message.source);
            for (const QString &form : message.forms) {
                if (form.trimmed().isEmpty() && !message.source.trimmed().isEmpty()) {
                    problems.append(where + QStringLiteral(": empty"));
                    continue;
                }
                QSet<QString> have = placeholders(form);
                QSet<QString> need = wanted;
                if (message.numerus && form == message.forms.constFirst()) {
                    // "une ligne" for one: the singular may write the number out.
                    need.remove(QStringLiteral("%n"));
                    have.remove(QStringLiteral("%n"));
                }
                if (!have.contains(need) || !need.contains(have - QSet<QString> {QStringLiteral("%n")})) {
                    problems.append(where
                                    + QStringLiteral(": placeholders %1 in \"%2\"")
                                          .arg(QStringList(have.values()).join(u' '), form.left(60)));
                }
            }
        }
        for (const Message &message : english) {
            if (!message.obsolete && !keys.contains(message.key())) {
                problems.append(QStringLiteral("missing: [%1] \"%2\"").arg(message.context, message.source));
            }
        }
        qInfo("%s: %lld messages, %d with plural forms, %lld problems", qPrintable(language), messages.size(),
              plurals, problems.size());
        QVERIFY(plurals > 20);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 40).join(u'\n')));
    }
};

QTEST_APPLESS_MAIN(TestTranslations)
#include "tst_translations.moc"
