// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QObject>
#include <QUrl>
#include <QVariantList>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;

/**
 * Importing a product or stock file in the Inventory view, as `stockroomctl product import` does: the file,
 * its format (detected or forced), the location for rows without one and what the file's unknown location
 * names stand for; a preview (a dry run on the database thread) and then the import itself, which is
 * offered only after a clean preview of the same file and options. All or nothing: any problem and nothing
 * is applied. The grid follows through the change feed.
 */
class ProductImportController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    /** The file as a local path; empty: none chosen. */
    Q_PROPERTY(QString fileName READ fileName WRITE setFileName NOTIFY optionsChanged)
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
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    /** The running request is the import itself, not a preview. */
    Q_PROPERTY(bool importing READ importing NOTIFY stateChanged)
    Q_PROPERTY(bool hasReport READ hasReport NOTIFY stateChanged)
    /**
     * The last preview or import: {dryRun, applied, format (words), formatName, detected, fileName (without
     * its folder), rowsRead, products, created, updated, unchanged, stockChanged, unitsIn, unitsOut,
     * importId, reference ("Import 12", as the ledger shows it), seconds}.
     */
    Q_PROPERTY(QVariantMap report READ report NOTIFY stateChanged)
    /** The report's problems, "file:line: column: why", the first ProblemsShown of them. */
    Q_PROPERTY(QStringList problems READ problems NOTIFY stateChanged)
    Q_PROPERTY(int problemCount READ problemCount NOTIFY stateChanged)
    /** The preview is of other options or another file than those chosen now: preview again. */
    Q_PROPERTY(bool stale READ stale NOTIFY stateChanged)
    /** A clean preview of exactly the chosen file and options, and nothing running. */
    Q_PROPERTY(bool canImport READ canImport NOTIFY stateChanged)
    /** A refusal or a database error, for the clerk; empty when there is none. */
    Q_PROPERTY(QString message READ message NOTIFY stateChanged)

public:
    /** More problems than this are counted but not listed (a wrong file can have one per row). */
    static constexpr int ProblemsShown = 1000;

    ProductImportController(DatabaseWorker *worker, const QString &userName, QObject *parent = nullptr);

    QString fileName() const { return m_fileName; }
    void setFileName(const QString &fileName);
    QString format() const { return m_format; }
    void setFormat(const QString &format);
    QVariantList formats() const;
    QString defaultLocation() const { return m_defaultLocation; }
    void setDefaultLocation(const QString &code);
    QVariantMap locationMap() const { return m_locationMap; }
    QStringList unknownLocations() const { return m_unknownLocations; }
    bool busy() const { return m_request != 0; }
    bool importing() const { return m_request != 0 && !m_requestDryRun; }
    bool hasReport() const { return m_hasReport; }
    QVariantMap report() const { return m_report; }
    QStringList problems() const { return m_problems; }
    int problemCount() const { return m_problemCount; }
    bool stale() const;
    bool canImport() const;
    QString message() const { return m_message; }

    /** The file a FileDialog chose. */
    Q_INVOKABLE void setFileUrl(const QUrl &url);
    /** Maps one of the file's location names to one of our codes; an empty code removes the mapping. */
    Q_INVOKABLE void mapLocation(const QString &name, const QString &code);
    /** Checks the file against the database without changing anything; the answer comes with finished(). */
    Q_INVOKABLE void preview();
    /** Applies what the clean preview showed; refused (with a message) without one. */
    Q_INVOKABLE void runImport();
    /** Starts afresh: no file, report or mappings (the format and the location stay as chosen). */
    Q_INVOKABLE void clear();

Q_SIGNALS:
    void optionsChanged();
    void stateChanged();
    /** A preview or an import answered: clean (no problem, no error) or not. */
    void finished(bool clean, bool dryRun);

private:
    /** What a preview was of: the options and the file's size and time, to tell a stale preview. */
    struct Snapshot
    {
        QString options;
        qint64 size = -1;
        QDateTime modified;
        bool operator==(const Snapshot &) const = default;
    };

    /** The chosen file and options as one text (bindings compare it; no file access). */
    QString options() const;
    Snapshot snapshot() const;
    void send(bool dryRun);
    void onImported(quint64 request, const QVariantMap &answer);
    void setMessage(const QString &message);
    void forgetReport();
    void changeOptions();

    DatabaseWorker *m_worker;
    QString m_userName;
    QString m_fileName;
    QString m_format = QStringLiteral("auto");
    QString m_defaultLocation;
    QVariantMap m_locationMap;
    quint64 m_request = 0;
    bool m_requestDryRun = true;
    Snapshot m_requestSnapshot;
    bool m_hasReport = false;
    QVariantMap m_report;
    QStringList m_problems;
    int m_problemCount = 0;
    QStringList m_unknownLocations;
    /** The report's snapshot (stale when the options moved on); a clean preview's when it may be imported. */
    Snapshot m_reportSnapshot;
    bool m_cleanPreview = false;
    QString m_message;
};

} // namespace Stockroom
