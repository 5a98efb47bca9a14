// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fileimportcontroller.h"

#include <QVariantList>

namespace Stockroom {

/**
 * Importing a product or stock file in the Inventory view, as `stockroomctl product import` does: the file,
 * its format (detected or forced), the location for rows without one and what the file's unknown location
 * names stand for; a preview (a dry run on the database thread) and then the import itself, which is
 * offered only after a clean preview of the same file and options. All or nothing: any problem and nothing
 * is applied. The grid follows through the change feed.
 *
 * The report: {dryRun, applied, format (words), formatName, detected, fileName (without its folder),
 * rowsRead, products, created, updated, unchanged, stockChanged, unitsIn, unitsOut, importId, reference
 * ("Import 12", as the ledger shows it), seconds}.
 */
class ProductImportController : public Stockroom::FileImportController
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    /** "auto" or a forced format: stockroom, stockroom-stock, shopify-products, shopify-inventory. */
    Q_PROPERTY(QString format READ format WRITE setFormat NOTIFY optionsChanged)
    /** [{value, label}] for the format box, "auto" first. */
    Q_PROPERTY(QVariantList formats READ formats CONSTANT)
    /** Our location code for rows that name none; empty: rows must name theirs. */
    Q_PROPERTY(QString defaultLocation READ defaultLocation WRITE setDefaultLocation NOTIFY optionsChanged)
    /** The file's location name → our location code. */
    Q_PROPERTY(QVariantMap locationMap READ locationMap NOTIFY optionsChanged)
    /** The last answer's location names that are none of ours (mapped ones included, to change them). */
    Q_PROPERTY(QStringList unknownLocations READ unknownLocations NOTIFY stateChanged)

public:
    ProductImportController(DatabaseWorker *worker, const QString &userName, QObject *parent = nullptr);

    QString format() const { return m_format; }
    void setFormat(const QString &format);
    QVariantList formats() const;
    QString defaultLocation() const { return m_defaultLocation; }
    void setDefaultLocation(const QString &code);
    QVariantMap locationMap() const { return m_locationMap; }
    QStringList unknownLocations() const { return m_unknownLocations; }

    /** Maps one of the file's location names to one of our codes; an empty code removes the mapping. */
    Q_INVOKABLE void mapLocation(const QString &name, const QString &code);

protected:
    /** The file, the format, the default location and the mappings. */
    QString options() const override;
    void send(bool dryRun) override;
    void readAnswer(const QVariantMap &answer, QVariantMap *report) override;
    void forgetAnswer() override;
    /** The mappings (the format and the location stay as chosen). */
    void clearOptions() override;

private:
    QString m_format = QStringLiteral("auto");
    QString m_defaultLocation;
    QVariantMap m_locationMap;
    QStringList m_unknownLocations;
};

} // namespace Stockroom
