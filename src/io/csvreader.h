// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace Stockroom {

/** One record of a CSV file and the line it starts on (a quoted field may run over several lines). */
struct CsvRecord
{
    int line = 0; ///< 1-based
    QStringList fields;

    /** A line with nothing on it (or only separators): files often end with one, spreadsheets add more. */
    bool isBlank() const;
};

/** What a CSV file held: the records up to the first syntax error, and that error with its line. */
struct CsvContent
{
    QList<CsvRecord> records;
    int errorLine = 0; ///< where the error is; 0 when the file could not be read at all
    QString error; ///< a sentence for the clerk; empty when the whole file was read

    bool ok() const { return error.isEmpty(); }
};

/**
 * Reads CSV as spreadsheets and carriers' portals write it (RFC 4180 and the usual variations): UTF-8 with
 * or without a byte order mark, CRLF, LF or CR line ends, fields quoted with "…" holding separators, ""
 * for a quote and line breaks (which come back as \n). White space around a quoted field is ignored; an
 * unquoted field is returned as it is. A quote left open, or text after a closing quote, is an error
 * naming its line: an import must not guess.
 */
class CsvReader
{
    Q_DECLARE_TR_FUNCTIONS(CsvReader)

public:
    explicit CsvReader(QChar separator = QLatin1Char(','))
        : m_separator(separator)
    {
    }

    CsvContent readFile(const QString &fileName) const;
    /** UTF-8 bytes; bytes that are not UTF-8 are an error naming the first line that has them. */
    CsvContent parse(const QByteArray &utf8) const;
    CsvContent parseText(QStringView text) const;

private:
    QChar m_separator;
};

} // namespace Stockroom
