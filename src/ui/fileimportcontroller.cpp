// SPDX-License-Identifier: GPL-3.0-or-later
#include "fileimportcontroller.h"

#include "databaseworker.h"

#include <QFileInfo>

namespace Stockroom {

FileImportController::FileImportController(DatabaseWorker *worker, const QString &userName, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_userName(userName)
{
}

void FileImportController::setFileName(const QString &fileName)
{
    if (fileName == m_fileName) {
        return;
    }
    m_fileName = fileName;
    forgetFile();
    forgetReport(); // what was said about the last file no longer holds
    changeOptions();
}

void FileImportController::setFileUrl(const QUrl &url)
{
    setFileName(url.isLocalFile() ? url.toLocalFile() : url.toString());
}

void FileImportController::changeOptions()
{
    Q_EMIT optionsChanged();
    Q_EMIT stateChanged(); // stale, canImport and what a subclass derives from the options follow them
}

FileImportController::Snapshot FileImportController::snapshot() const
{
    const QFileInfo file(m_fileName);
    return {options(), file.exists() ? file.size() : -1, file.lastModified()};
}

bool FileImportController::stale() const
{
    return m_hasReport && m_report.value(QStringLiteral("dryRun")).toBool()
        && m_reportSnapshot.options != options();
}

bool FileImportController::canImport() const
{
    return !busy() && m_cleanPreview && m_reportSnapshot.options == options();
}

void FileImportController::preview()
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

void FileImportController::runImport()
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
    // Downloaded again, or edited and saved in a spreadsheet still open, since the preview: what was checked
    // is not what would be imported.
    if (snapshot() != m_reportSnapshot) {
        m_cleanPreview = false;
        setMessage(
            tr("%1 has changed since the preview: preview it again.").arg(QFileInfo(m_fileName).fileName()));
        return;
    }
    send(false);
}

void FileImportController::clear()
{
    if (busy()) {
        return;
    }
    m_fileName.clear();
    clearOptions();
    forgetFile();
    forgetReport();
    changeOptions();
}

void FileImportController::forgetReport()
{
    m_hasReport = false;
    m_cleanPreview = false;
    m_report.clear();
    m_problems.clear();
    m_problemCount = 0;
    forgetAnswer();
    m_message.clear();
}

quint64 FileImportController::beginRequest(bool dryRun)
{
    m_request = DatabaseWorker::newRequestId();
    m_requestDryRun = dryRun;
    m_requestSnapshot = snapshot();
    m_message.clear();
    Q_EMIT stateChanged();
    return m_request;
}

bool FileImportController::takeAnswer(quint64 request, const QVariantMap &answer)
{
    if (request != m_request) {
        return false;
    }
    m_request = 0;
    const bool dryRun = answer.value(QStringLiteral("dryRun")).toBool();
    if (!answer.value(QStringLiteral("ok")).toBool()) {
        // Refused (the database is unreachable, the stock moved under the import, an order the placement
        // would not take): nothing was applied.
        forgetReport();
        m_message = answer.value(QStringLiteral("message")).toString();
        Q_EMIT stateChanged();
        Q_EMIT finished(false, dryRun);
        return false;
    }
    const QStringList problems = answer.value(QStringLiteral("problems")).toStringList();
    m_problemCount = int(problems.size());
    m_problems = problems.mid(0, ProblemsShown);
    if (m_problemCount > ProblemsShown) {
        m_problems << tr("… and %n more.", nullptr, m_problemCount - ProblemsShown);
    }
    m_report = answer;
    for (const char *key : {"ok", "message", "problems", "milliseconds"}) {
        m_report.remove(QLatin1String(key));
    }
    readAnswer(answer, &m_report);
    m_report.insert(QStringLiteral("fileName"), QFileInfo(m_fileName).fileName());
    m_report.insert(QStringLiteral("seconds"),
                    answer.value(QStringLiteral("milliseconds")).toLongLong() / 1000.0);
    m_hasReport = true;
    m_reportSnapshot = m_requestSnapshot;
    // Only a clean preview may be imported, once: after the import a new preview is needed.
    m_cleanPreview = dryRun && m_problemCount == 0;
    Q_EMIT stateChanged();
    Q_EMIT finished(m_problemCount == 0, dryRun);
    return true;
}

void FileImportController::setMessage(const QString &message)
{
    if (message == m_message) {
        return;
    }
    m_message = message;
    Q_EMIT stateChanged();
}

} // namespace Stockroom
