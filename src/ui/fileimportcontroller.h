// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QObject>
#include <QUrl>
#include <QVariantMap>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;

/**
 * What the import dialogs share: preview first (a dry run on the database thread), then import exactly what
 * the preview showed. The import is offered only after a clean preview of the same file and options, and is
 * refused when the file was saved again since (its size or time moved). A subclass owns its options and the
 * request, and adds its own part of the report.
 *
 * Subclasses name it qualified (`public Stockroom::FileImportController`): Qt 6.4's QML type registration
 * finds the base by the name as written, and without it qmllint and the QML compiler miss its properties.
 */
class FileImportController : public QObject
{
    Q_OBJECT
    QML_ANONYMOUS
    /** The file as a local path; empty: none chosen. */
    Q_PROPERTY(QString fileName READ fileName WRITE setFileName NOTIFY optionsChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    /** The running request is the import itself, not a preview. */
    Q_PROPERTY(bool importing READ importing NOTIFY stateChanged)
    Q_PROPERTY(bool hasReport READ hasReport NOTIFY stateChanged)
    /** The last preview or import; its fields are the subclass's. */
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

    QString fileName() const { return m_fileName; }
    void setFileName(const QString &fileName);
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
    /** Checks the file against the database without changing anything; the answer comes with finished(). */
    Q_INVOKABLE void preview();
    /** Applies what the clean preview showed; refused (with a message) without one. */
    Q_INVOKABLE void runImport();
    /** Starts afresh: no file and no report; the subclass says which of its options go too (clearOptions). */
    Q_INVOKABLE void clear();

Q_SIGNALS:
    void optionsChanged();
    void stateChanged();
    /** A preview or an import answered: clean (no problem, no error) or not. */
    void finished(bool clean, bool dryRun);

protected:
    FileImportController(DatabaseWorker *worker, const QString &userName, QObject *parent);

    DatabaseWorker *worker() const { return m_worker; }
    QString userName() const { return m_userName; }

    /** The chosen file and options as one text (bindings compare it; no file access). */
    virtual QString options() const = 0;
    /** Builds the request from the chosen options, takes its id from beginRequest() and sends it. */
    virtual void send(bool dryRun) = 0;
    /**
     * The subclass's part of a clean answer: keeps what it shows apart (lists, models), takes it out of the
     * report and adds its own fields. The report comes without ok, message, problems and milliseconds.
     */
    virtual void readAnswer(const QVariantMap &answer, QVariantMap *report) = 0;
    /** Forgets what readAnswer() kept. */
    virtual void forgetAnswer() = 0;
    /** The options clear() drops with the file. */
    virtual void clearOptions() = 0;
    /** Another file was chosen, or none (clear()): what was learnt about the last one no longer holds. */
    virtual void forgetFile() { }

    /** The request is on its way (busy from now on); its id for the answer. */
    quint64 beginRequest(bool dryRun);
    /**
     * The worker's answer to a request: ignored when it answers another one; a refusal (nothing applied)
     * forgets the report and shows why. Returns whether it brought a report.
     */
    bool takeAnswer(quint64 request, const QVariantMap &answer);
    /** An option changed: stale and canImport follow. */
    void changeOptions();

private:
    /** What a preview was of: the options and the file's size and time, to tell a stale preview. */
    struct Snapshot
    {
        QString options;
        qint64 size = -1;
        QDateTime modified;
        bool operator==(const Snapshot &) const = default;
    };

    Snapshot snapshot() const;
    void setMessage(const QString &message);
    void forgetReport();

    DatabaseWorker *m_worker;
    QString m_userName;
    QString m_fileName;
    quint64 m_request = 0;
    bool m_requestDryRun = true;
    Snapshot m_requestSnapshot;
    bool m_hasReport = false;
    QVariantMap m_report;
    QStringList m_problems;
    int m_problemCount = 0;
    /** The report's snapshot (stale when the options moved on); a clean preview's when it may be imported. */
    Snapshot m_reportSnapshot;
    bool m_cleanPreview = false;
    QString m_message;
};

} // namespace Stockroom
