// SPDX-License-Identifier: GPL-3.0-or-later
#include "textfield.h"

namespace Stockroom {

Status TextField::check(const QString &field, const QString &value, int maxLength)
{
    if (value.contains(QChar(0))) {
        return Error::usage(TextField::tr("%1 \"%2\" contains a NUL character (\\0), which cannot be stored.")
                                .arg(field, excerpt(value)));
    }
    if (!value.isValidUtf16()) {
        return Error::usage(
            TextField::tr("%1 \"%2\" is not valid Unicode (a lone surrogate).").arg(field, excerpt(value)));
    }
    if (value.size() > maxLength) {
        return Error::usage(TextField::tr("%1 is %2 characters long; at most %3 are allowed.")
                                .arg(field)
                                .arg(value.size())
                                .arg(maxLength));
    }
    return {};
}

QString TextField::excerpt(const QString &value)
{
    constexpr qsizetype Shown = 40;
    QString shown;
    qsizetype i = 0;
    for (; i < value.size() && i < Shown; ++i) {
        const QChar c = value.at(i);
        if (c.isHighSurrogate() && i + 1 < value.size() && value.at(i + 1).isLowSurrogate()) {
            shown += c; // a pair (an emoji) stays whole
            shown += value.at(++i);
        } else if (c.unicode() == 0) {
            shown += QStringLiteral("\\0");
        } else if (c == u'\n') {
            shown += QStringLiteral("\\n");
        } else if (c == u'\r') {
            shown += QStringLiteral("\\r");
        } else if (c == u'\t') {
            shown += QStringLiteral("\\t");
        } else if (c.isSurrogate() || c.category() == QChar::Other_Control) {
            shown += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        } else {
            shown += c;
        }
    }
    if (i < value.size()) {
        shown += QChar(0x2026);
    }
    return shown;
}

} // namespace Stockroom
