// SPDX-License-Identifier: GPL-3.0-or-later
#include "productimportcontroller.h"

#include "databaseworker.h"
#include "productimporter.h"

#include <QFileInfo>

namespace Stockroom {

namespace {

QString formatLabel(ProductFileFormat format)
{
    switch (format) {
    case ProductFileFormat::Auto:
        return ProductImportController::tr("Detect from the header", "@item:inlistbox file format");
    case ProductFileFormat::Stockroom:
        return ProductImportController::tr("Stockroom products", "@item:inlistbox file format");
    case ProductFileFormat::StockroomStock:
        return ProductImportController::tr("Stockroom stock levels", "@item:inlistbox file format");
    case ProductFileFormat::ShopifyProducts:
        return ProductImportController::tr("Shopify products export", "@item:inlistbox file format");
    case ProductFileFormat::ShopifyInventory:
        return ProductImportController::tr("Shopify inventory export", "@item:inlistbox file format");
    }
    return {};
}

} // namespace

ProductImportController::ProductImportController(DatabaseWorker *worker, const QString &userName,
                                                 QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_userName(userName)
{
    connect(worker, &DatabaseWorker::productsImported, this, &ProductImportController::onImported);
}

void ProductImportController::setFileName(const QString &fileName)
{
    if (fileName == m_fileName) {
        return;
    }
    m_fileName = fileName;
    forgetReport(); // what was said about the last file no longer holds
    changeOptions();
}

void ProductImportController::setFileUrl(const QUrl &url)
{
    setFileName(url.isLocalFile() ? url.toLocalFile() : url.toString());
}

void ProductImportController::setFormat(const QString &format)
{
    if (format == m_format || !ProductImport::formatFromName(format)) {
        return;
    }
    m_format = format;
    changeOptions();
}

QVariantList ProductImportController::formats() const
{
    QVariantList list;
    for (ProductFileFormat format :
         {ProductFileFormat::Auto, ProductFileFormat::Stockroom, ProductFileFormat::StockroomStock,
          ProductFileFormat::ShopifyProducts, ProductFileFormat::ShopifyInventory}) {
        list << QVariantMap {{QStringLiteral("value"), ProductImport::formatName(format)},
                             {QStringLiteral("label"), formatLabel(format)}};
    }
    return list;
}

void ProductImportController::setDefaultLocation(const QString &code)
{
    if (code == m_defaultLocation) {
        return;
    }
    m_defaultLocation = code;
    changeOptions();
}

void ProductImportController::mapLocation(const QString &name, const QString &code)
{
    if (code.isEmpty() ? !m_locationMap.contains(name) : m_locationMap.value(name).toString() == code) {
        return;
    }
    if (code.isEmpty()) {
        m_locationMap.remove(name);
    } else {
        m_locationMap.insert(name, code);
    }
    changeOptions();
}

void ProductImportController::changeOptions()
{
    Q_EMIT optionsChanged();
    Q_EMIT stateChanged(); // stale and canImport follow the options
}

QString ProductImportController::options() const
{
    // QVariantMap is ordered: the same mappings give the same text.
    QStringList options {m_fileName, m_format, m_defaultLocation};
    for (auto it = m_locationMap.cbegin(); it != m_locationMap.cend(); ++it) {
        options << it.key() + QLatin1Char('=') + it.value().toString();
    }
    return options.join(QLatin1Char('\n'));
}

ProductImportController::Snapshot ProductImportController::snapshot() const
{
    const QFileInfo file(m_fileName);
    return {options(), file.exists() ? file.size() : -1, file.lastModified()};
}

bool ProductImportController::stale() const
{
    return m_hasReport && m_report.value(QStringLiteral("dryRun")).toBool()
        && m_reportSnapshot.options != options();
}

bool ProductImportController::canImport() const
{
    return !busy() && m_cleanPreview && m_reportSnapshot.options == options();
}

void ProductImportController::preview()
{
    if (busy()) {
        return;
    }
    if (m_fileName.isEmpty()) {
        setMessage(tr("Choose a file first."));
        return;
    }
    send(true);
}

void ProductImportController::runImport()
{
    if (busy()) {
        return;
    }
    if (!canImport()) {
        setMessage(m_hasReport && m_problemCount > 0
                       ? tr("Nothing can be imported until every problem is fixed.")
                       : tr("Preview the file first: the import applies what a clean preview showed."));
        return;
    }
    // Edited and saved again since the preview (a spreadsheet still open): what was checked is not what
    // would be imported.
    if (snapshot() != m_reportSnapshot) {
        m_cleanPreview = false;
        setMessage(
            tr("%1 has changed since the preview: preview it again.").arg(QFileInfo(m_fileName).fileName()));
        return;
    }
    send(false);
}

void ProductImportController::clear()
{
    if (busy()) {
        return;
    }
    m_fileName.clear();
    m_locationMap.clear();
    forgetReport();
    changeOptions();
}

void ProductImportController::forgetReport()
{
    m_hasReport = false;
    m_cleanPreview = false;
    m_report.clear();
    m_problems.clear();
    m_problemCount = 0;
    m_unknownLocations.clear();
    m_message.clear();
}

void ProductImportController::send(bool dryRun)
{
    ProductImportRequest import;
    import.fileName = m_fileName;
    import.format = ProductImport::formatFromName(m_format).value_or(ProductFileFormat::Auto);
    import.defaultLocation = m_defaultLocation;
    for (auto it = m_locationMap.cbegin(); it != m_locationMap.cend(); ++it) {
        import.locationMap.insert(it.key(), it.value().toString());
    }
    import.dryRun = dryRun;
    m_request = DatabaseWorker::newRequestId();
    m_requestDryRun = dryRun;
    m_requestSnapshot = snapshot();
    m_message.clear();
    Q_EMIT stateChanged();
    const quint64 id = m_request;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=, user = m_userName] { worker->importProducts(id, import, user); });
}

void ProductImportController::onImported(quint64 request, const QVariantMap &answer)
{
    if (request != m_request) {
        return;
    }
    m_request = 0;
    const bool dryRun = answer.value(QStringLiteral("dryRun")).toBool();
    if (!answer.value(QStringLiteral("ok")).toBool()) {
        // The database refused (unreachable, or the stock moved under the import): nothing was applied.
        forgetReport();
        m_message = answer.value(QStringLiteral("message")).toString();
        Q_EMIT stateChanged();
        Q_EMIT finished(false, dryRun);
        return;
    }
    const QStringList problems = answer.value(QStringLiteral("problems")).toStringList();
    m_problemCount = int(problems.size());
    m_problems = problems.mid(0, ProblemsShown);
    if (m_problemCount > ProblemsShown) {
        m_problems << tr("… and %n more.", nullptr, m_problemCount - ProblemsShown);
    }
    m_unknownLocations = answer.value(QStringLiteral("unknownLocations")).toStringList();
    const std::optional<ProductFileFormat> format
        = ProductImport::formatFromName(answer.value(QStringLiteral("format")).toString());
    const bool recognised = format && *format != ProductFileFormat::Auto;
    const qint64 importId = answer.value(QStringLiteral("importId")).toLongLong();
    m_report = answer;
    for (const char *key : {"ok", "message", "problems", "unknownLocations", "milliseconds"}) {
        m_report.remove(QLatin1String(key));
    }
    m_report.insert(QStringLiteral("formatName"), answer.value(QStringLiteral("format")));
    m_report.insert(QStringLiteral("format"),
                    recognised ? formatLabel(*format) : tr("not recognised", "@info file format"));
    m_report.insert(QStringLiteral("detected"), m_format == QLatin1String("auto"));
    m_report.insert(QStringLiteral("applied"), importId > 0);
    m_report.insert(QStringLiteral("reference"),
                    importId > 0 ? tr("Import %1", "@info ledger reference").arg(importId) : QString());
    m_report.insert(QStringLiteral("fileName"), QFileInfo(m_fileName).fileName());
    m_report.insert(QStringLiteral("seconds"),
                    answer.value(QStringLiteral("milliseconds")).toLongLong() / 1000.0);
    m_hasReport = true;
    m_reportSnapshot = m_requestSnapshot;
    // Only a clean preview may be imported, once: after the import a new preview is needed.
    m_cleanPreview = dryRun && m_problemCount == 0;
    Q_EMIT stateChanged();
    Q_EMIT finished(m_problemCount == 0, dryRun);
}

void ProductImportController::setMessage(const QString &message)
{
    if (message == m_message) {
        return;
    }
    m_message = message;
    Q_EMIT stateChanged();
}

} // namespace Stockroom
