// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <vector>

class QIODevice;

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
 * Reads CSV from a device one record at a time, in chunks, so that memory stays flat in the file size
 * (a record longer than a chunk is read whole). The dialect is CsvReader's (see there); the stream works
 * on the UTF-8 bytes and makes QStrings only of the fields asked for, which is what makes a wide file
 * with few used columns (Shopify's 79) fast.
 *
 * Quoting::None reads files that do not quote at all (Amazon's tab-separated reports): a quote is text
 * there, so that a title like `12" vinyl` comes through as it is.
 *
 * After an error (a quote left open, text after a closing quote, bytes that are not UTF-8, a device that
 * cannot be read) next() returns false and error() and errorLine() say what and where.
 */
class CsvStream
{
    Q_DECLARE_TR_FUNCTIONS(CsvStream)

public:
    enum class Quoting {
        Quoted, ///< RFC 4180 and the usual variations
        None, ///< no quoting: only separators and line breaks divide
    };
    enum class ErrorKind {
        None,
        Syntax, ///< a quote left open or text after a closing quote
        Encoding, ///< bytes that are not UTF-8
        Device, ///< the device could not be read
    };

    /** The device must be open for reading; the stream does not own it. The separator is ASCII. */
    explicit CsvStream(QIODevice *device, char separator = ',', Quoting quoting = Quoting::Quoted);

    /** Reads the next record; false at the end of the data or on an error. */
    bool next();
    /** next() and all its fields as QStrings (what CsvReader collects). */
    bool readNext(CsvRecord &record);

    int line() const { return m_recordLine; } ///< where the current record starts (1-based)
    qsizetype fieldCount() const { return m_fieldCount; }
    /** A field of the current record as UTF-8 (quotes undone, line breaks as \n); empty when out of range. */
    QByteArrayView fieldView(qsizetype index) const;
    QString field(qsizetype index) const { return QString::fromUtf8(fieldView(index)); }
    /** True when every field of the current record is empty or white space. */
    bool isBlank() const;

    bool hasError() const { return m_errorKind != ErrorKind::None; }
    ErrorKind errorKind() const { return m_errorKind; }
    QString error() const { return m_error; }
    int errorLine() const { return m_errorLine; }
    /** Bytes of the device read into records so far (for progress). */
    qint64 position() const { return m_bufferStart + m_pos; }

private:
    enum class Parse { Record, NeedMore, Error };

    struct Field
    {
        qsizetype offset = 0;
        qsizetype size = 0;
        bool inScratch = false; ///< unescaped into m_scratch (quoted with "" or line breaks)
    };

    bool fill();
    Parse parseRecord();
    bool validateUtf8(qsizetype from, qsizetype to);
    void fail(ErrorKind kind, int line, const QString &message);

    QIODevice *m_device;
    char m_separator;
    Quoting m_quoting;
    QByteArray m_buffer; ///< unconsumed bytes of the device (and the current record's)
    qint64 m_bufferStart = 0; ///< device position of m_buffer's first byte
    qsizetype m_pos = 0; ///< where the next record starts in m_buffer
    qsizetype m_recordStart = 0; ///< where the current record starts in m_buffer
    bool m_eof = false;
    bool m_started = false;
    int m_line = 1; ///< the line the next record starts on
    int m_recordLine = 0;
    void addField(qsizetype offset, qsizetype size, bool inScratch)
    {
        if (m_fieldCount == qsizetype(m_fields.size())) {
            m_fields.resize(m_fields.size() * 2 + 16);
        }
        m_fields[size_t(m_fieldCount++)] = Field {offset, size, inScratch};
    }

    std::vector<Field> m_fields; ///< the current record's first m_fieldCount fields (kept, not freed)
    qsizetype m_fieldCount = 0;
    QByteArray m_scratch;
    ErrorKind m_errorKind = ErrorKind::None;
    QString m_error;
    int m_errorLine = 0;
};

/**
 * Reads CSV as spreadsheets and carriers' portals write it (RFC 4180 and the usual variations): UTF-8 with
 * or without a byte order mark, CRLF, LF or CR line ends, fields quoted with "…" holding separators, ""
 * for a quote and line breaks (which come back as \n). White space around a quoted field is ignored; an
 * unquoted field is returned as it is. A quote left open, or text after a closing quote, is an error
 * naming its line: an import must not guess. The whole file at once; CsvStream reads record by record.
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
    CsvContent read(QIODevice *device) const;

    QChar m_separator;
};

/**
 * CSV injection: a text cell starting with = + - @ (or a tab or CR) that is not simply a number is a formula
 * to a spreadsheet. Our exports write such text with a leading apostrophe (as OWASP recommends); the readers
 * of our own formats take it off again.
 */
struct CsvFormula
{
    static QString guard(const QString &value);
    static QString unguard(const QString &value);
};

} // namespace Stockroom
