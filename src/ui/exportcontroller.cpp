// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportcontroller.h"

#include "databaseworker.h"
#include "dataexport.h"
#include "feedservice.h"

#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QLocale>
#include <QStandardPaths>

#include <climits>

namespace Stockroom {

namespace {

QString kindLabel(DataExport::Kind kind)
{
    switch (kind) {
    case DataExport::Kind::Orders:
        return ExportController::tr("Orders (a row per order line)", "@item:inlistbox export");
    case DataExport::Kind::Stock:
        return ExportController::tr("Stock levels (a row per product and location)",
                                    "@item:inlistbox export");
    case DataExport::Kind::Ledger:
        return ExportController::tr("Ledger (every stock movement)", "@item:inlistbox export");
    case DataExport::Kind::Products:
        return ExportController::tr("Products", "@item:inlistbox export");
    }
    return {};
}

} // namespace

ExportController::ExportController(DatabaseWorker *worker, const QString &userName, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_userName(userName)
{
    connect(worker, &DatabaseWorker::dataExported, this, &ExportController::onExported);
}

QVariantList ExportController::kinds() const
{
    QVariantList kinds;
    for (const DataExport::Kind kind : {DataExport::Kind::Orders, DataExport::Kind::Stock,
                                        DataExport::Kind::Ledger, DataExport::Kind::Products}) {
        kinds << QVariantMap {{QStringLiteral("value"), DataExport::kindName(kind)},
                              {QStringLiteral("label"), kindLabel(kind)},
                              {QStringLiteral("takesSince"), DataExport::takesSince(kind)}};
    }
    return kinds;
}

bool ExportController::takesSince(const QString &kind) const
{
    const std::optional<DataExport::Kind> what = DataExport::kindFromName(kind);
    return what && DataExport::takesSince(*what);
}

QUrl ExportController::suggestedFile(const QString &kind) const
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name = tr("stockroom-%1-%2.csv", "@item file name: kind, date")
                             .arg(kind, QDate::currentDate().toString(Qt::ISODate));
    return QUrl::fromLocalFile(QDir(folder.isEmpty() ? QDir::homePath() : folder).filePath(name));
}

QString ExportController::pathOf(const QUrl &url) const
{
    return url.isLocalFile() ? QDir::toNativeSeparators(url.toLocalFile()) : url.toString();
}

QUrl ExportController::urlOf(const QString &path) const
{
    return QUrl::fromLocalFile(QDir::fromNativeSeparators(path.trimmed()));
}

void ExportController::refuse(const QString &message)
{
    m_message = message;
    m_failed = true;
    Q_EMIT stateChanged();
    Q_EMIT finished(false);
}

void ExportController::run(const QString &kind, const QString &since, const QString &fileName)
{
    if (busy()) {
        return;
    }
    if (!DataExport::kindFromName(kind)) {
        refuse(tr("Choose what to export."));
        return;
    }
    QString path = fileName.trimmed();
    if (path.startsWith(QLatin1String("file:"))) {
        path = QUrl(path).toLocalFile();
    }
    if (path.isEmpty()) {
        refuse(tr("Choose the file to write first."));
        return;
    }
    if (path.contains(QChar(0))) {
        // The file system would cut the name there and write another file than the one shown.
        refuse(tr("A file name cannot contain a NUL character."));
        return;
    }
    QString storedSince;
    if (takesSince(kind) && !since.trimmed().isEmpty()) {
        // A date the clerk types means from midnight where they are, not in UTC.
        const QDate date = QDate::fromString(since.trimmed(), Qt::ISODate);
        QString text = since.trimmed();
        if (date.isValid() && text.size() == 10) {
            const QDateTime midnight(date, QTime(0, 0));
            // With its offset written out (a local time's ISO text has none, and would be read as UTC).
            text = midnight.toOffsetFromUtc(midnight.offsetFromUtc()).toString(Qt::ISODate);
        }
        const Result<QString> stored = ExportService::sinceFrom(text);
        if (!stored) {
            refuse(ExportService::sinceFrom(since).error().message);
            return;
        }
        storedSince = *stored;
    }
    m_request = DatabaseWorker::newRequestId();
    m_message.clear();
    m_failed = false;
    Q_EMIT stateChanged();
    DatabaseWorker *worker = m_worker;
    const quint64 id = m_request;
    QMetaObject::invokeMethod(
        worker, [=, user = m_userName] { worker->exportData(id, kind, path, storedSince, user); });
}

void ExportController::onExported(quint64 request, const QVariantMap &result)
{
    if (request != m_request) {
        return;
    }
    m_request = 0;
    const bool ok = result.value(QStringLiteral("ok")).toBool();
    m_failed = !ok;
    if (ok) {
        m_rows = result.value(QStringLiteral("rows")).toLongLong();
        m_file = QDir::toNativeSeparators(result.value(QStringLiteral("file")).toString());
        m_message
            = tr("%n row(s) written to %1.", "@info", int(std::min<qint64>(m_rows, INT_MAX))).arg(m_file);
    } else {
        m_message = result.value(QStringLiteral("message")).toString();
    }
    Q_EMIT stateChanged();
    Q_EMIT finished(ok);
}

void ExportController::clear()
{
    if (busy()) {
        return;
    }
    m_message.clear();
    m_failed = false;
    m_file.clear();
    m_rows = -1;
    Q_EMIT stateChanged();
}

} // namespace Stockroom
