// SPDX-License-Identifier: GPL-3.0-or-later
#include "dataexport.h"

#include "csvreader.h"
#include "inventorystatus.h"
#include "orderimport.h"
#include "orderstatus.h"
#include "productimport.h"

#include <QBuffer>
#include <QFileDevice>
#include <QFileInfo>
#include <QSaveFile>

namespace Stockroom {

namespace {

/** Bytes gathered before they go to the device: large enough for few writes, small enough to stay flat. */
constexpr qsizetype bufferBytes = 64 * 1024;

} // namespace

// ---- CsvWriter --------------------------------------------------------------------------------------

QString CsvWriter::quoted(const QString &value)
{
    if (value.contains(u',') || value.contains(u'"') || value.contains(u'\n') || value.contains(u'\r')) {
        QString text = value;
        text.replace(QLatin1String("\""), QLatin1String("\"\""));
        return u'"' + text + u'"';
    }
    return value;
}

QString CsvWriter::guardFormula(const QString &value)
{
    return CsvFormula::guard(value);
}

QString CsvWriter::unguardFormula(const QString &value)
{
    return CsvFormula::unguard(value);
}

QString CsvWriter::moneyText(qint64 cents)
{
    const qint64 magnitude = cents < 0 ? -cents : cents;
    return QStringLiteral("%1%2.%3")
        .arg(cents < 0 ? QStringLiteral("-") : QString())
        .arg(magnitude / 100)
        .arg(magnitude % 100, 2, 10, QLatin1Char('0'));
}

void CsvWriter::field(const QString &value)
{
    if (m_rowStarted) {
        m_row += u',';
    }
    m_rowStarted = true;
    m_row += quoted(value);
}

CsvWriter &CsvWriter::text(const QString &value)
{
    field(m_guard ? guardFormula(value) : value);
    return *this;
}

CsvWriter &CsvWriter::value(const QString &value)
{
    field(value);
    return *this;
}

CsvWriter &CsvWriter::number(qint64 value)
{
    field(QString::number(value));
    return *this;
}

CsvWriter &CsvWriter::money(qint64 cents)
{
    field(moneyText(cents));
    return *this;
}

Status CsvWriter::endRow()
{
    m_row += QLatin1String("\r\n");
    m_buffer += m_row.toUtf8();
    m_row.clear();
    m_rowStarted = false;
    return m_buffer.size() >= bufferBytes ? writeOut() : Status {};
}

Status CsvWriter::line(const QString &text)
{
    m_row = text;
    m_rowStarted = true;
    return endRow();
}

Status CsvWriter::writeOut()
{
    if (m_buffer.isEmpty()) {
        return {};
    }
    const qint64 written = m_device.write(m_buffer);
    if (written != m_buffer.size()) {
        return Error::database(CsvWriter::tr("Writing failed: %1").arg(m_device.errorString()));
    }
    m_buffer.clear();
    return {};
}

Status CsvWriter::flush()
{
    STOCKROOM_CHECK(writeOut());
    if (auto *file = qobject_cast<QFileDevice *>(&m_device); file && !file->flush()) {
        return Error::database(CsvWriter::tr("Writing failed: %1").arg(file->errorString()));
    }
    return {};
}

Status CsvWriter::restart()
{
    m_buffer.clear();
    m_row.clear();
    m_rowStarted = false;
    if (auto *file = qobject_cast<QFileDevice *>(&m_device); file && !file->isSequential()) {
        if (!file->resize(0) || !file->seek(0)) {
            return Error::database(CsvWriter::tr("Cannot start the file over: %1").arg(file->errorString()));
        }
        return {};
    }
    if (auto *buffer = qobject_cast<QBuffer *>(&m_device)) {
        buffer->buffer().clear();
        buffer->seek(0);
        return {};
    }
    if (m_device.pos() == 0) {
        return {};
    }
    return Error::database(CsvWriter::tr("The output cannot be started over."));
}

// ---- DataExport -------------------------------------------------------------------------------------

QString DataExport::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Orders:
        return QStringLiteral("orders");
    case Kind::Stock:
        return QStringLiteral("stock");
    case Kind::Ledger:
        return QStringLiteral("ledger");
    case Kind::Products:
        return QStringLiteral("products");
    }
    return {};
}

std::optional<DataExport::Kind> DataExport::kindFromName(const QString &name)
{
    for (const Kind kind : {Kind::Orders, Kind::Stock, Kind::Ledger, Kind::Products}) {
        if (kindName(kind) == name.trimmed().toLower()) {
            return kind;
        }
    }
    return std::nullopt;
}

QString DataExport::header(Kind kind)
{
    switch (kind) {
    case Kind::Orders:
        // One header for both directions: `import orders --format stockroom` reads this file back.
        return OrderFileReader::stockroomOrdersHeader();
    case Kind::Stock:
        // ProductImport's stock format (sku,location,on_hand) first: the export imports as counted stock.
        return QStringLiteral(
            "sku,location,on_hand,reserved,available,bin,reorder_point,reorder_qty,avg_cost");
    case Kind::Ledger:
        return QStringLiteral(
            "id,created_at,sku,location,delta_on_hand,delta_reserved,reason,reference,note,user");
    case Kind::Products:
        return ProductImport::stockroomProductsHeader();
    }
    return {};
}

bool DataExport::takesSince(Kind kind)
{
    return kind == Kind::Orders || kind == Kind::Ledger;
}

QString DataExport::referenceText(const QString &refType, qint64 refId, qint64 shipmentOrderId)
{
    if (refType == QLatin1String("shipment") && refId != 0 && shipmentOrderId > 0) {
        return orderNumber(shipmentOrderId); // a shipment is known by its order's number
    }
    return referenceNumber(refType, refId);
}

Result<ExportSummary> DataExport::write(ServiceContext &context, Kind kind, QIODevice &device,
                                        const QString &since, int pageSize)
{
    CsvWriter csv(device);
    STOCKROOM_CHECK(csv.line(header(kind)));
    ExportService exports(context);
    if (pageSize > 0) {
        exports.setPageSize(pageSize);
    }
    ExportSummary summary;
    summary.kind = kindName(kind);
    Status read;
    switch (kind) {
    case Kind::Orders:
        read = exports.orders(since, [&](const QList<OrderExportLine> &lines) -> Status {
            for (const OrderExportLine &line : lines) {
                csv.value(orderNumber(line.orderId))
                    .text(line.channel)
                    .text(line.externalId)
                    .value(line.placedAt)
                    .value(line.status)
                    .value(line.paymentStatus)
                    .text(line.customerName)
                    .text(line.email)
                    .text(line.address)
                    .text(line.postcode)
                    .text(line.region)
                    .money(line.totalCents)
                    .money(line.paidCents)
                    .money(line.refundedCents)
                    .number(line.lineNo)
                    .text(line.sku)
                    .text(line.name)
                    .number(line.qty)
                    .money(line.unitPriceCents)
                    .number(line.qtyShipped)
                    .number(line.qtyCancelled)
                    .text(line.note);
                STOCKROOM_CHECK(csv.endRow());
            }
            summary.rows += lines.size();
            return {};
        });
        break;
    case Kind::Stock:
        read = exports.stock([&](const QList<StockExportRow> &levels) -> Status {
            for (const StockExportRow &level : levels) {
                csv.text(level.sku)
                    .text(level.locationCode)
                    .number(level.onHand)
                    .number(level.reserved)
                    .number(level.available())
                    .text(level.bin)
                    .number(level.reorderPoint)
                    .number(level.reorderQty)
                    .money(level.averageCostCents);
                STOCKROOM_CHECK(csv.endRow());
            }
            summary.rows += levels.size();
            return {};
        });
        break;
    case Kind::Ledger:
        read = exports.ledger(since, [&](const QList<LedgerExportRow> &movements) -> Status {
            for (const LedgerExportRow &movement : movements) {
                csv.number(movement.id)
                    .value(movement.createdAt)
                    .text(movement.sku)
                    .text(movement.locationCode)
                    .number(movement.deltaOnHand)
                    .number(movement.deltaReserved)
                    .value(movement.reason)
                    .text(referenceText(movement.refType, movement.refId, movement.shipmentOrderId))
                    .text(movement.note)
                    .text(movement.userName);
                STOCKROOM_CHECK(csv.endRow());
            }
            summary.rows += movements.size();
            return {};
        });
        break;
    case Kind::Products:
        read = exports.products([&](const QList<ProductRecord> &products) -> Status {
            for (const ProductRecord &product : products) {
                csv.text(product.sku)
                    .text(product.name)
                    .value(product.gtin)
                    .money(product.unitCostCents)
                    .money(product.priceCents)
                    .number(product.weightGrams)
                    .value(product.active ? QStringLiteral("1") : QStringLiteral("0"));
                STOCKROOM_CHECK(csv.endRow());
            }
            summary.rows += products.size();
            return {};
        });
        break;
    }
    STOCKROOM_CHECK(read);
    STOCKROOM_CHECK(csv.flush());
    return summary;
}

Result<ExportSummary> DataExport::writeFile(ServiceContext &context, Kind kind, const QString &fileName,
                                            const QString &since, int pageSize)
{
    const QString path = QFileInfo(fileName).absoluteFilePath();
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        return Error::database(DataExport::tr("Cannot write %1: %2").arg(path, file.errorString()));
    }
    STOCKROOM_TRY(summary, write(context, kind, file, since, pageSize));
    if (!file.commit()) {
        return Error::database(DataExport::tr("Cannot write %1: %2").arg(path, file.errorString()));
    }
    summary.file = path;
    return summary;
}

} // namespace Stockroom
