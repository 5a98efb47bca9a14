// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvreader.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace Stockroom {

bool CsvRecord::isBlank() const
{
    for (const QString &field : fields) {
        if (!field.trimmed().isEmpty()) {
            return false;
        }
    }
    return true;
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
    return parse(file.readAll());
}

CsvContent CsvReader::parse(const QByteArray &utf8) const
{
    QStringDecoder decoder(QStringDecoder::Utf8); // skips a byte order mark
    const QString text = decoder(utf8);
    if (!decoder.hasError()) {
        return parseText(text);
    }
    // Name the first line with bytes that are not UTF-8 (a file saved as Latin-1 or Windows-1252).
    CsvContent content;
    const QList<QByteArray> lines = utf8.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QStringDecoder lineDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = lineDecoder(lines.at(i));
        if (lineDecoder.hasError()) {
            content.errorLine = int(i + 1);
            break;
        }
    }
    content.error = tr("the file is not UTF-8 text (save it as \"CSV UTF-8\").");
    return content;
}

CsvContent CsvReader::parseText(QStringView text) const
{
    CsvContent content;
    const qsizetype size = text.size();
    // The length of the line break at a position (CRLF, LF or a lone CR), 0 when there is none.
    auto lineBreak = [&](qsizetype at) -> int {
        if (at >= size) {
            return 0;
        }
        if (text.at(at) == u'\r') {
            return at + 1 < size && text.at(at + 1) == u'\n' ? 2 : 1;
        }
        return text.at(at) == u'\n' ? 1 : 0;
    };
    auto isBlank = [&](qsizetype at) {
        return at < size && text.at(at) != m_separator && (text.at(at) == u' ' || text.at(at) == u'\t');
    };

    qsizetype i = text.startsWith(QChar(0xFEFF)) ? 1 : 0;
    int line = 1;
    while (i < size) {
        CsvRecord record;
        record.line = line;
        while (true) {
            qsizetype start = i;
            while (isBlank(start)) {
                ++start;
            }
            QString field;
            if (start < size && text.at(start) == u'"') {
                const int quoteLine = line;
                qsizetype at = start + 1;
                bool closed = false;
                while (at < size) {
                    if (text.at(at) == u'"') {
                        if (at + 1 < size && text.at(at + 1) == u'"') {
                            field += u'"';
                            at += 2;
                            continue;
                        }
                        closed = true;
                        ++at;
                        break;
                    }
                    if (const int length = lineBreak(at)) {
                        field += u'\n';
                        at += length;
                        ++line;
                        continue;
                    }
                    field += text.at(at);
                    ++at;
                }
                if (!closed) {
                    content.errorLine = quoteLine;
                    content.error = tr("a quoted field starts here and is never closed (a missing \").");
                    return content;
                }
                while (isBlank(at)) {
                    ++at;
                }
                if (at < size && text.at(at) != m_separator && lineBreak(at) == 0) {
                    content.errorLine = line;
                    content.error = tr("text follows a closing quote (a quote inside a quoted field is "
                                       "written \"\").");
                    return content;
                }
                i = at;
            } else {
                qsizetype end = i;
                while (end < size && text.at(end) != m_separator && lineBreak(end) == 0) {
                    ++end;
                }
                field = text.mid(i, end - i).toString();
                i = end;
            }
            record.fields << field;
            if (i < size && text.at(i) == m_separator) {
                ++i;
                continue;
            }
            break;
        }
        if (const int length = lineBreak(i)) {
            i += length;
            ++line;
        }
        content.records << record;
    }
    return content;
}

} // namespace Stockroom
