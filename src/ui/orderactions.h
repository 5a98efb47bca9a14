// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QUrl>
#include <QVariantList>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;
struct PackProgress;
struct LabelData;

/**
 * What the clerk can do to orders from the Orders view: on the selected order with the version the clerk
 * saw, or in bulk on a selection. Each action runs the services on the database thread; the answer comes
 * back as a message for the view. Packing by scanning and printed documents go through here too.
 */
class OrderActions : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool failed READ failed NOTIFY messageChanged)
    /** The last refusal was "changed by NAME at TIME — reload?". */
    Q_PROPERTY(bool stale READ stale NOTIFY messageChanged)
    /** The last PDF written (labels, pick list). */
    Q_PROPERTY(QString lastDocument READ lastDocument NOTIFY lastDocumentChanged)

public:
    OrderActions(DatabaseWorker *worker, const QString &userName, QObject *parent = nullptr);

    bool busy() const { return m_pending != 0; }
    QString message() const { return m_message; }
    bool failed() const { return m_failed; }
    bool stale() const { return m_stale; }
    QString lastDocument() const { return m_lastDocument; }
    /** Whether a written PDF opens in the desktop's viewer (off in tests and screenshots). */
    void setOpenDocuments(bool open) { m_openDocuments = open; }
    /** Where PDFs go: Documents/Stockroom unless set (tests). */
    void setDocumentFolder(const QString &folder) { m_documentFolder = folder; }

    Q_INVOKABLE void cancel(const QString &number, int version);
    /** Ships with what the clerk entered; weight in kilograms as typed ("1,25" or "1.25"). */
    Q_INVOKABLE void ship(const QString &number, int version, const QString &carrier = {},
                          const QString &service = {}, const QString &tracking = {},
                          const QString &weightKg = {}, bool printLabel = false);
    Q_INVOKABLE void pay(const QStringList &numbers);
    Q_INVOKABLE void authorize(const QStringList &numbers);
    Q_INVOKABLE void voidPayment(const QString &number, int version);
    Q_INVOKABLE void refund(const QString &number, int version, const QString &amount, const QString &note);
    Q_INVOKABLE void hold(const QStringList &numbers, const QString &reason);
    Q_INVOKABLE void unhold(const QStringList &numbers);
    Q_INVOKABLE void release(const QStringList &numbers);
    /** One PDF with the labels of every shipped order among these, opened for printing. */
    Q_INVOKABLE void printLabels(const QStringList &numbers);
    Q_INVOKABLE void printPickList(const QString &locationCode);
    /** The labels of these orders straight to a printer chosen in the system's print dialog (4×6 in). */
    Q_INVOKABLE void printLabelsOnPrinter(const QStringList &numbers);
    Q_INVOKABLE void clearMessage();

    // Returns and tracking
    /** lines: [{sku, qty}] of shipped units coming back. */
    Q_INVOKABLE void createReturn(const QString &orderNumber, const QVariantList &lines,
                                  const QString &reason);
    /** dispositions: [{sku, qty, kind: restock|writeoff, location, reason}]. */
    Q_INVOKABLE void receiveReturn(const QString &returnNumber, const QVariantList &dispositions);
    Q_INVOKABLE void refundReturn(const QString &returnNumber);
    Q_INVOKABLE void cancelReturn(const QString &returnNumber);
    Q_INVOKABLE void addTrackingEvent(const QString &trackingNumber, const QString &status,
                                      const QString &place, const QString &description);
    /** A carrier's CSV (a file: URL or path): every row checked first, all or nothing. */
    Q_INVOKABLE void importTracking(const QUrl &file);

    /** Checks a tracking number as it is typed: {verdict: valid|invalid|unknown|"", carrier, message}. */
    Q_INVOKABLE QVariantMap checkTracking(const QString &text) const;

    // Packing by scanning
    Q_INVOKABLE void loadPacking(const QString &number);
    Q_INVOKABLE void scan(const QString &number, const QString &barcode);

Q_SIGNALS:
    void busyChanged();
    void messageChanged();
    void lastDocumentChanged();
    /**
     * Packing progress: lines are maps {sku, name, toPack, packed}; ok is false for a wrong item or one
     * too many (message says which), which the view shows loudly.
     */
    void packing(bool ok, const QString &message, const QVariantList &lines, bool complete,
                 const QString &status, const QString &scannedSku);

private:
    void onFinished(quint64 request, bool ok, bool stale, const QString &message);
    void onLabels(quint64 request, const QList<LabelData> &labels, const QStringList &skipped);
    void onPackProgress(quint64 request, bool ok, const QString &message, const PackProgress &progress);
    void run(const QString &action, const QStringList &numbers, int version, const QVariantMap &args = {});
    QString documentPath(const QString &stem) const;
    quint64 begin();

    DatabaseWorker *m_worker;
    QString m_userName;
    quint64 m_pending = 0;
    quint64 m_packRequest = 0;
    QString m_message;
    bool m_failed = false;
    bool m_stale = false;
    QString m_lastDocument;
    bool m_openDocuments = true;
    QString m_documentFolder;
};

} // namespace Stockroom
