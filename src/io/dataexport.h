// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feedservice.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QIODevice>
#include <QString>

#include <optional>

namespace Stockroom {

/**
 * CSV rows onto a device as they come (RFC 4180: a field with a comma, a quote or a line break is quoted,
 * quotes doubled; CRLF after each row; UTF-8), through a buffer of a few kilobytes, so that memory stays
 * flat however many rows go out.
 *
 * text() is for words people or other systems typed (names, notes, SKUs): with the formula guard on, a
 * cell that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return, and
 * is not simply a number) gets a leading apostrophe, as OWASP recommends against CSV injection: a customer
 * can name themselves =HYPERLINK(…) in a web shop, and the clerk opens the export in a spreadsheet.
 * Our own formats' readers take the apostrophe off again (unguardFormula). value() is for what Stockroom
 * itself writes (times, state names, numbers) and is never changed.
 */
class CsvWriter
{
    Q_DECLARE_TR_FUNCTIONS(CsvWriter)

public:
    explicit CsvWriter(QIODevice &device, bool guardFormulas = true)
        : m_device(device)
        , m_guard(guardFormulas)
    {
    }
    ~CsvWriter() = default;
    CsvWriter(const CsvWriter &) = delete;
    CsvWriter &operator=(const CsvWriter &) = delete;

    CsvWriter &text(const QString &value);
    CsvWriter &value(const QString &value);
    CsvWriter &number(qint64 value);
    CsvWriter &money(qint64 cents);
    /** Ends the row; writes the buffer out when it is full. */
    Status endRow();
    /** A whole line of our own (a header): written as it is, CRLF added. */
    Status line(const QString &text);
    /** Writes what is buffered; an error when the device refused it (a full disk). */
    Status flush();
    /** Starts the output over (a transaction run again): empties the device if it is a file or a buffer. */
    Status restart();

    /** The field as RFC 4180 wants it: quoted when it holds a comma, a quote, CR or LF. */
    static QString quoted(const QString &value);
    /** "=1+2" → "'=1+2"; numbers ("-5", "+3.50") and everything else unchanged. */
    static QString guardFormula(const QString &value);
    /** The inverse of guardFormula, for readers of our own formats. */
    static QString unguardFormula(const QString &value);
    /** "12.50", "-0.05": a dot, two decimals, no thousands separator, whatever the locale. */
    static QString moneyText(qint64 cents);

private:
    void field(const QString &value);
    Status writeOut();

    QIODevice &m_device;
    bool m_guard = true;
    bool m_rowStarted = false;
    QString m_row;
    QByteArray m_buffer;
};

/** What an export wrote. */
struct ExportSummary
{
    QString kind;
    QString file; ///< "-" for standard output
    qint64 rows = 0; ///< data rows, the header not counted
};

/**
 * Stockroom's own CSV exports: orders, stock, ledger, products, each one read snapshot written row by row
 * (ExportService pages of ~5,000 rows). The column lists are a stable interface (README.md documents them);
 * orders, stock and products are also import formats.
 */
class DataExport
{
    Q_DECLARE_TR_FUNCTIONS(DataExport)

public:
    enum class Kind { Orders, Stock, Ledger, Products };

    /** "orders", "stock", "ledger", "products". */
    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString &name);
    static QString header(Kind kind);
    /** Whether --since means something for the kind (orders: placed or updated; ledger: created). */
    static bool takesSince(Kind kind);

    /**
     * Writes the export to the device, row by row; since: a stored time or empty (ExportService::sinceFrom).
     * pageSize: rows per read (0: the default).
     */
    static Result<ExportSummary> write(ServiceContext &context, Kind kind, QIODevice &device,
                                       const QString &since = {}, int pageSize = 0);
    /** The same into a file that appears only when the whole export is in it (QSaveFile). */
    static Result<ExportSummary> writeFile(ServiceContext &context, Kind kind, const QString &fileName,
                                           const QString &since = {}, int pageSize = 0);

    /**
     * A ledger row's reference as people see it (referenceNumber: SO-…, PO-…, TR-…, SC-…, RMA-…, "import 7"),
     * but a shipment as its order's number when the order is known.
     */
    static QString referenceText(const QString &refType, qint64 refId, qint64 shipmentOrderId = 0);
};

} // namespace Stockroom
