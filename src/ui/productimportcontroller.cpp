// SPDX-License-Identifier: GPL-3.0-or-later
#include "productimportcontroller.h"

#include "databaseworker.h"
#include "productimporter.h"

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
    : FileImportController(worker, userName, parent)
{
    connect(worker, &DatabaseWorker::productsImported, this, &ProductImportController::takeAnswer);
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

QString ProductImportController::options() const
{
    // QVariantMap is ordered: the same mappings give the same text.
    QStringList options {fileName(), m_format, m_defaultLocation};
    for (auto it = m_locationMap.cbegin(); it != m_locationMap.cend(); ++it) {
        options << it.key() + QLatin1Char('=') + it.value().toString();
    }
    return options.join(QLatin1Char('\n'));
}

void ProductImportController::clearOptions()
{
    m_locationMap.clear();
}

void ProductImportController::forgetAnswer()
{
    m_unknownLocations.clear();
}

void ProductImportController::send(bool dryRun)
{
    ProductImportRequest import;
    import.fileName = fileName();
    import.format = ProductImport::formatFromName(m_format).value_or(ProductFileFormat::Auto);
    import.defaultLocation = m_defaultLocation;
    for (auto it = m_locationMap.cbegin(); it != m_locationMap.cend(); ++it) {
        import.locationMap.insert(it.key(), it.value().toString());
    }
    import.dryRun = dryRun;
    const quint64 id = beginRequest(dryRun);
    DatabaseWorker *worker = this->worker();
    QMetaObject::invokeMethod(worker, [=, user = userName()] { worker->importProducts(id, import, user); });
}

void ProductImportController::readAnswer(const QVariantMap &answer, QVariantMap *report)
{
    m_unknownLocations = answer.value(QStringLiteral("unknownLocations")).toStringList();
    report->remove(QStringLiteral("unknownLocations"));
    const std::optional<ProductFileFormat> format
        = ProductImport::formatFromName(answer.value(QStringLiteral("format")).toString());
    const bool recognised = format && *format != ProductFileFormat::Auto;
    const qint64 importId = answer.value(QStringLiteral("importId")).toLongLong();
    report->insert(QStringLiteral("formatName"), answer.value(QStringLiteral("format")));
    report->insert(QStringLiteral("format"),
                   recognised ? formatLabel(*format) : tr("not recognised", "@info file format"));
    report->insert(QStringLiteral("detected"), m_format == QLatin1String("auto"));
    report->insert(QStringLiteral("applied"), importId > 0);
    report->insert(QStringLiteral("reference"),
                   importId > 0 ? tr("Import %1", "@info ledger reference").arg(importId) : QString());
}

} // namespace Stockroom
