// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvreader.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>

#include <cstring>

namespace Stockroom {

namespace {

/**
 * Bytes read from the device at a time. A record that does not fit makes the next read as large as what
 * is buffered, so that a field of many megabytes is scanned a few times, not once per chunk.
 */
constexpr qsizetype chunkBytes = 64 * 1024;

bool isWhiteSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/** The length of the UTF-8 sequence at `at` (1–4), or 0 when it is not UTF-8 (overlong, surrogate, cut). */
int utf8SequenceLength(const unsigned char *text, qsizetype at, qsizetype end)
{
    const unsigned char lead = text[at];
    if (lead < 0x80) {
        return 1;
    }
    auto continuation = [&](qsizetype offset, unsigned char low = 0x80, unsigned char high = 0xBF) {
        return at + offset < end && text[at + offset] >= low && text[at + offset] <= high;
    };
    if (lead >= 0xC2 && lead <= 0xDF) {
        return continuation(1) ? 2 : 0;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
        const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80; // no overlong forms
        const unsigned char high = lead == 0xED ? 0x9F : 0xBF; // no UTF-16 surrogates
        return continuation(1, low, high) && continuation(2) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
        const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
        return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
    }
    return 0;
}

} // namespace

bool CsvRecord::isBlank() const
{
    for (const QString &field : fields) {
        if (!field.trimmed().isEmpty()) {
            return false;
        }
    }
    return true;
}

CsvStream::CsvStream(QIODevice *device, char separator, Quoting quoting)
    : m_device(device)
    , m_separator(separator)
    , m_quoting(quoting)
{
    Q_ASSERT(device);
    Q_ASSERT(static_cast<unsigned char>(separator) < 0x80 && separator != '"' && separator != '\r'
             && separator != '\n');
}

void CsvStream::fail(ErrorKind kind, int line, const QString &message)
{
    m_errorKind = kind;
    m_errorLine = line;
    m_error = message;
    m_fieldCount = 0;
}

bool CsvStream::fill()
{
    if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
        m_bufferStart += m_pos;
        m_recordStart = 0;
        m_pos = 0;
    }
    const qsizetype old = m_buffer.size();
    qsizetype wanted = qMax(chunkBytes, old);
    if (!m_device->isSequential()) {
        // A file smaller than a chunk gets a buffer of its size (the fuzzer reads millions of tiny ones).
        const qint64 available = m_device->bytesAvailable();
        if (available == 0) {
            m_eof = true;
            return true;
        }
        wanted = qsizetype(qMin<qint64>(wanted, available));
    }
    m_buffer.resize(old + wanted);
    const qint64 got = m_device->read(m_buffer.data() + old, wanted);
    if (got < 0) {
        m_buffer.resize(old);
        fail(ErrorKind::Device, m_line,
             CsvReader::tr("the file cannot be read any further: %1").arg(m_device->errorString()));
        return false;
    }
    m_buffer.resize(old + qsizetype(got));
    if (got == 0) {
        m_eof = true;
    }
    return true;
}

bool CsvStream::next()
{
    if (hasError()) {
        return false;
    }
    if (!m_started) {
        m_started = true;
        while (m_buffer.size() < 3 && !m_eof) {
            if (!fill()) {
                return false;
            }
        }
        if (m_buffer.startsWith("\xEF\xBB\xBF")) {
            m_pos = 3;
        }
    }
    while (true) {
        if (m_pos >= m_buffer.size()) {
            if (m_eof) {
                m_fieldCount = 0;
                return false;
            }
            if (!fill()) {
                return false;
            }
            continue;
        }
        switch (parseRecord()) {
        case Parse::Record:
            return true;
        case Parse::Error:
            return false;
        case Parse::NeedMore:
            if (!fill()) {
                return false;
            }
            break;
        }
    }
}

CsvStream::Parse CsvStream::parseRecord()
{
    const char *text = m_buffer.constData();
    const qsizetype end = m_buffer.size();
    const char separator = m_separator;
    const bool quoted = m_quoting == Quoting::Quoted;
    m_fieldCount = 0;
    m_scratch.clear();
    int line = m_line;
    qsizetype i = m_pos;

    auto isBlank
        = [&](qsizetype at) { return (text[at] == ' ' || text[at] == '\t') && text[at] != separator; };
    while (true) {
        qsizetype start = i;
        if (quoted) {
            while (start < end && isBlank(start)) {
                ++start;
            }
            if (start >= end && !m_eof) {
                return Parse::NeedMore;
            }
        }
        if (quoted && start < end && text[start] == '"') {
            const int quoteLine = line;
            const qsizetype contentStart = start + 1;
            qsizetype at = contentStart;
            bool escaped = false; // "" or a CR in it: the field must be rewritten
            bool closed = false;
            while (at < end) {
                const char c = text[at];
                if (c == '"') {
                    if (at + 1 >= end && !m_eof) {
                        return Parse::NeedMore;
                    }
                    if (at + 1 < end && text[at + 1] == '"') {
                        escaped = true;
                        at += 2;
                        continue;
                    }
                    closed = true;
                    break;
                }
                if (c == '\r') {
                    if (at + 1 >= end && !m_eof) {
                        return Parse::NeedMore;
                    }
                    escaped = true;
                    at += at + 1 < end && text[at + 1] == '\n' ? 2 : 1;
                    ++line;
                    continue;
                }
                if (c == '\n') {
                    ++line;
                }
                ++at;
            }
            if (!closed) {
                if (!m_eof) {
                    return Parse::NeedMore;
                }
                fail(ErrorKind::Syntax, quoteLine,
                     CsvReader::tr("a quoted field starts here and is never closed (a missing \")."));
                return Parse::Error;
            }
            const qsizetype contentEnd = at;
            ++at;
            while (at < end && isBlank(at)) {
                ++at;
            }
            if (at >= end && !m_eof) {
                return Parse::NeedMore;
            }
            if (at < end && text[at] != separator && text[at] != '\n' && text[at] != '\r') {
                fail(ErrorKind::Syntax, line,
                     CsvReader::tr("text follows a closing quote (a quote inside a quoted field is "
                                   "written \"\")."));
                return Parse::Error;
            }
            if (escaped) {
                const qsizetype offset = m_scratch.size();
                for (qsizetype k = contentStart; k < contentEnd; ++k) {
                    const char c = text[k];
                    if (c == '"') {
                        ++k; // the first of two
                    } else if (c == '\r') {
                        if (k + 1 < contentEnd && text[k + 1] == '\n') {
                            ++k;
                        }
                        m_scratch.append('\n');
                        continue;
                    }
                    m_scratch.append(c);
                }
                addField(offset, m_scratch.size() - offset, true);
            } else {
                addField(contentStart, contentEnd - contentStart, false);
            }
            i = at;
        } else {
            qsizetype at = i;
            while (at < end) {
                const char c = text[at];
                if (c == separator || c == '\n' || c == '\r') {
                    break;
                }
                ++at;
            }
            if (at >= end && !m_eof) {
                return Parse::NeedMore;
            }
            addField(i, at - i, false);
            i = at;
        }
        if (i < end && text[i] == separator) {
            ++i;
            continue;
        }
        break;
    }
    if (i < end) {
        if (text[i] == '\r') {
            if (i + 1 >= end && !m_eof) {
                return Parse::NeedMore;
            }
            i += i + 1 < end && text[i + 1] == '\n' ? 2 : 1;
            ++line;
        } else if (text[i] == '\n') {
            ++i;
            ++line;
        }
    }
    m_recordStart = m_pos;
    m_recordLine = m_line;
    m_pos = i;
    m_line = line;
    if (!validateUtf8(m_recordStart, m_pos)) {
        return Parse::Error;
    }
    return Parse::Record;
}

bool CsvStream::validateUtf8(qsizetype from, qsizetype to)
{
    const auto *text = reinterpret_cast<const unsigned char *>(m_buffer.constData());
    qsizetype at = from;
    while (true) {
        // Eight bytes at a time while they are ASCII, which is nearly every byte of an order file.
        while (at + 8 <= to) {
            quint64 word;
            std::memcpy(&word, text + at, sizeof word);
            if (word & 0x8080808080808080ULL) {
                break;
            }
            at += 8;
        }
        while (at < to && text[at] < 0x80) {
            ++at;
        }
        if (at >= to) {
            return true;
        }
        const int length = utf8SequenceLength(text, at, to);
        if (length == 0) {
            break;
        }
        at += length;
    }
    int line = m_recordLine;
    for (qsizetype k = from; k < at; ++k) {
        if (text[k] == '\n' || (text[k] == '\r' && (k + 1 >= to || text[k + 1] != '\n'))) {
            ++line;
        }
    }
    fail(ErrorKind::Encoding, line, CsvReader::tr("the file is not UTF-8 text (save it as \"CSV UTF-8\")."));
    return false;
}

QByteArrayView CsvStream::fieldView(qsizetype index) const
{
    if (index < 0 || index >= m_fieldCount) {
        return {};
    }
    const Field &field = m_fields[size_t(index)];
    const char *base = field.inScratch ? m_scratch.constData() : m_buffer.constData();
    return QByteArrayView(base + field.offset, field.size);
}

bool CsvStream::isBlank() const
{
    for (qsizetype f = 0; f < fieldCount(); ++f) {
        for (const char c : fieldView(f)) {
            if (!isWhiteSpace(c)) {
                return false;
            }
        }
    }
    return true;
}

bool CsvStream::readNext(CsvRecord &record)
{
    if (!next()) {
        return false;
    }
    record.line = m_recordLine;
    record.fields.clear();
    record.fields.reserve(fieldCount());
    for (qsizetype f = 0; f < fieldCount(); ++f) {
        const QByteArrayView view = fieldView(f);
        record.fields << (view.isEmpty() ? QString() : QString::fromUtf8(view));
    }
    return true;
}

CsvContent CsvReader::read(QIODevice *device) const
{
    CsvContent content;
    CsvStream stream(device, m_separator.toLatin1());
    CsvRecord record;
    while (stream.readNext(record)) {
        content.records << record;
    }
    if (stream.hasError()) {
        content.error = stream.error();
        content.errorLine = stream.errorLine();
        if (stream.errorKind() == CsvStream::ErrorKind::Encoding) {
            content.records.clear(); // a file in another encoding is refused whole, not read half
        }
    }
    return content;
}

CsvContent CsvReader::readFile(const QString &fileName) const
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        CsvContent content;
        content.error
            = tr("Cannot open %1: %2").arg(QFileInfo(fileName).absoluteFilePath(), file.errorString());
        return content;
    }
    return read(&file);
}

CsvContent CsvReader::parse(const QByteArray &utf8) const
{
    QBuffer buffer;
    buffer.setData(utf8);
    buffer.open(QIODevice::ReadOnly);
    return read(&buffer);
}

CsvContent CsvReader::parseText(QStringView text) const
{
    return parse(text.toUtf8());
}

namespace {

/** A cell a spreadsheet reads as a number: it stays as it is even when it starts with a sign. */
bool isPlainNumber(const QString &text)
{
    qsizetype i = 0;
    if (i < text.size() && (text.at(i) == u'+' || text.at(i) == u'-')) {
        ++i;
    }
    qsizetype digits = 0;
    while (i < text.size() && text.at(i).isDigit() && text.at(i).unicode() < 128) {
        ++i;
        ++digits;
    }
    if (digits == 0) {
        return false;
    }
    if (i < text.size() && (text.at(i) == u'.' || text.at(i) == u',')) {
        ++i;
        qsizetype decimals = 0;
        while (i < text.size() && text.at(i).isDigit() && text.at(i).unicode() < 128) {
            ++i;
            ++decimals;
        }
        if (decimals == 0) {
            return false;
        }
    }
    return i == text.size();
}

bool startsLikeFormula(const QString &text)
{
    if (text.isEmpty()) {
        return false;
    }
    const QChar first = text.front();
    return first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r';
}

} // namespace

QString CsvFormula::guard(const QString &value)
{
    return startsLikeFormula(value) && !isPlainNumber(value) ? u'\'' + value : value;
}

QString CsvFormula::unguard(const QString &value)
{
    if (value.size() > 1 && value.front() == u'\'') {
        const QString rest = value.mid(1);
        if (startsLikeFormula(rest) && !isPlainNumber(rest)) {
            return rest;
        }
    }
    return value;
}

} // namespace Stockroom
