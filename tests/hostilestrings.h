// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Stockroom::Test {

/**
 * Text that has broken back-office programs before, for every field a person or a file can fill: SKUs,
 * names, addresses, notes. Each entry is either stored and read back exactly or refused with a message that
 * names the field; nothing may crash, reach SQL as code, or be cut silently. Engine and GUI tests share it.
 *
 * Entries that contain U+0000 or an unpaired surrogate are not text a database can keep: the services
 * refuse them (isStorableText() below tells a test which ones).
 */
inline QStringList hostileStrings()
{
    QString tenThousand;
    tenThousand.reserve(10'000);
    // Not one letter repeated: PostgreSQL compresses a repetitive value below its index size limit, and the
    // test must see what an incompressible one does.
    for (int i = 0; i < 10'000; ++i) {
        tenThousand += QChar(u'a' + (i * 7919 + i / 26) % 26);
    }
    return {
        /** a single quote, as in Irish names */
        QStringLiteral("O'Brien"),
        /** a double quote, as in sizes of records and screens */
        QStringLiteral("12\" vinyl \"deluxe\""),
        /** the classic injection that ends a string and drops a table */
        QStringLiteral("'; DROP TABLE orders; --"),
        /** Bobby Tables against the ledger */
        QStringLiteral("Robert'); DELETE FROM stock_movements;--"),
        /** semicolons */
        QStringLiteral("a;b;;c;"),
        /** backslashes, including an escaped quote and a trailing one */
        QStringLiteral("C:\\orders\\new\\' \\\\"),
        /** LIKE wildcards: must match themselves, not everything */
        QStringLiteral("100% _off_ %"),
        /** SQL keywords and a comment */
        QStringLiteral("SELECT * FROM products WHERE 1=1 OR ''='' /* UNION */"),
        /** HTML and a script tag (PDFs and rich text must show them as text) */
        QStringLiteral("<script>alert('x')</script><b>bold</b>&amp;"),
        /** CSV injection: a formula a spreadsheet would run */
        QStringLiteral("=cmd|' /C calc'!A0"),
        /** more formula starters */
        QStringLiteral("+SUM(1,2)"),
        /** Arabic (right to left) */
        QStringLiteral("متجر الأدوات"),
        /** Hebrew mixed with digits */
        QStringLiteral("חנות 42 כלים"),
        /** RIGHT-TO-LEFT OVERRIDE that makes "exe.pdf" look like "fdp.exe" */
        QStringLiteral("invoice\u202Efdp.exe"),
        /** emoji outside the BMP (surrogate pairs) */
        QStringLiteral("Mug ☕🍵🥤"),
        /** an emoji ZWJ sequence (family) and a skin tone modifier */
        QStringLiteral("👨‍👩‍👧‍👦 👍🏽"),
        /** flags (regional indicator pairs) */
        QStringLiteral("🇬🇧🇩🇪🇺🇸"),
        /** a combining acute accent (not normalised to é) */
        QStringLiteral("Cafe\u0301"),
        /** Zalgo: a letter under a pile of combining marks */
        QStringLiteral("Z\u0351\u0345\u0326\u0347a\u0350\u0300\u0301\u0302\u0303\u0304\u0305\u0306l\u0307"
                       "\u0308g\u0309o"),
        /** a NUL byte inside: PostgreSQL cannot store it, so it is refused on every engine */
        QStringLiteral("before") + QChar(0) + QStringLiteral("after"),
        /** line breaks and a tab inside */
        QStringLiteral("line one\r\nline two\nline three\rend\tTAB"),
        /** 10,000 characters */
        tenThousand,
        /** an unpaired high surrogate: not Unicode, refused */
        QStringLiteral("lone ") + QChar(0xD83D) + QStringLiteral(" high"),
        /** an unpaired low surrogate: not Unicode, refused */
        QStringLiteral("lone ") + QChar(0xDE00) + QStringLiteral(" low"),
        /** leading and trailing white space (names and codes are trimmed; notes are kept as they are) */
        QStringLiteral("  \t padded \t  "),
        /** the empty string (refused where a value is required) */
        QString(),
    };
}

/** False for the entries no database can keep: a NUL character or a lone surrogate. */
inline bool isStorableText(const QString &text)
{
    return !text.contains(QChar(0)) && text.isValidUtf16();
}

} // namespace Stockroom::Test
