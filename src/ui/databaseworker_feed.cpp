// SPDX-License-Identifier: GPL-3.0-or-later
// The database thread's side of the Channels view and the exports: every channel's feed state, what changed
// in a channel's feed since it was last written, writing a feed, its settings, and our CSV exports.
#include "database.h"
#include "databaseworker.h"
#include "dataexport.h"
#include "feedservice.h"
#include "stockfeed.h"

#include <QDir>
#include <QFileInfo>

namespace Stockroom {

namespace {

/** Why nothing can be written there, before the database is asked (its errors are tried twice); or empty. */
QString folderProblem(const QString &fileName)
{
    const QFileInfo file(fileName);
    if (!file.absoluteDir().exists()) {
        return DatabaseWorker::tr("Cannot write %1: the folder %2 does not exist.")
            .arg(QDir::toNativeSeparators(file.absoluteFilePath()),
                 QDir::toNativeSeparators(file.absolutePath()));
    }
    return {};
}

} // namespace

void DatabaseWorker::fetchChannelFeeds(quint64 request)
{
    answer<QList<ChannelFeedStatus>>(
        request,
        [&](Database &db) {
            ServiceContext context {db, Clock(), m_userName, m_role};
            return FeedService(context).channels();
        },
        [&](const QList<ChannelFeedStatus> &statuses) {
            QVariantList rows;
            rows.reserve(statuses.size());
            for (const ChannelFeedStatus &status : statuses) {
                const ChannelFeedRecord &channel = status.channel;
                rows << QVariantMap {{QStringLiteral("name"), channel.name},
                                     {QStringLiteral("stored"), channel.stored},
                                     {QStringLiteral("format"), channel.settings.format},
                                     {QStringLiteral("bufferUnits"), channel.settings.bufferUnits},
                                     {QStringLiteral("bufferPercent"), channel.settings.bufferPercent},
                                     {QStringLiteral("locations"), channel.settings.locations},
                                     {QStringLiteral("writtenAt"), channel.writtenAt},
                                     {QStringLiteral("writtenBy"), channel.writtenBy},
                                     {QStringLiteral("file"), channel.file},
                                     {QStringLiteral("changedSkus"), status.changedSkus},
                                     {QStringLiteral("changedItems"), status.changedItems}};
            }
            Q_EMIT channelFeedsFetched(request, rows);
        });
}

void DatabaseWorker::fetchFeedChanges(quint64 request, const QString &channel, int limit)
{
    answer<QList<FeedChange>>(
        request,
        [&](Database &db) {
            ServiceContext context {db, Clock(), m_userName, m_role};
            return FeedService(context).changesSince(channel);
        },
        [&](const QList<FeedChange> &changes) {
            // The view lists the first ones; a first feed of a large catalogue differs in every number.
            QVariantList rows;
            const qsizetype shown = std::min<qsizetype>(changes.size(), std::max(0, limit));
            rows.reserve(shown);
            for (qsizetype i = 0; i < shown; ++i) {
                const FeedChange &change = changes.at(i);
                QVariantMap row {{QStringLiteral("sku"), change.sku},
                                 {QStringLiteral("location"), change.locationCode}};
                if (change.lastWritten) {
                    row.insert(QStringLiteral("last"), *change.lastWritten);
                }
                if (change.now) {
                    row.insert(QStringLiteral("now"), *change.now);
                }
                rows << row;
            }
            Q_EMIT feedChangesFetched(request, channel, rows, int(changes.size()));
        });
}

void DatabaseWorker::writeChannelFeed(quint64 request, const QString &channel, const QString &fileName,
                                      const QString &user)
{
    FeedWriteResult result;
    Error problem {Error::Kind::Usage, folderProblem(fileName)};
    QString error;
    if (problem.message.isEmpty()) {
        error = withDatabase([&](Database &db) {
            ServiceContext context {db, Clock(), user, m_role};
            // The channel's own format: the Settings dialog chooses it.
            Result<FeedWriteResult> written = StockFeed::writeFile(context, channel, fileName);
            problem = written.error();
            if (written) {
                result = *written;
            }
            // A lost connection is worth a second attempt: a failed write leaves neither a file nor a record.
            return problem.kind == Error::Kind::Database ? problem.message : QString();
        });
    }
    const QString message = error.isEmpty() ? problem.message : error;
    Q_EMIT channelFeedWritten(request,
                              {{QStringLiteral("ok"), message.isEmpty()},
                               {QStringLiteral("message"), message},
                               {QStringLiteral("channel"), message.isEmpty() ? result.channel : channel},
                               {QStringLiteral("format"), feedFormatName(result.format)},
                               {QStringLiteral("file"), message.isEmpty() ? result.file : fileName},
                               {QStringLiteral("rows"), result.rows},
                               {QStringLiteral("skus"), result.skus},
                               {QStringLiteral("changedItems"), result.changedItems},
                               {QStringLiteral("changedSkus"), result.changedSkus},
                               {QStringLiteral("writtenAt"), result.writtenAt}});
}

void DatabaseWorker::saveChannelFeedSettings(quint64 request, const QString &channel, int bufferUnits,
                                             int bufferPercent, const QStringList &locations,
                                             const QString &format, const QString &user)
{
    FeedSettingsChange change;
    change.bufferUnits = bufferUnits;
    change.bufferPercent = bufferPercent;
    change.locations = locations;
    change.format = format;
    Error problem;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), user, m_role};
        problem = FeedService(context).setFeedSettings(channel, change).error();
        return problem.kind == Error::Kind::Database ? problem.message : QString();
    });
    const QString message = error.isEmpty() ? problem.message : error;
    Q_EMIT channelFeedSettingsSaved(request, message.isEmpty(), message);
}

void DatabaseWorker::exportData(quint64 request, const QString &kind, const QString &fileName,
                                const QString &since, const QString &user)
{
    const std::optional<DataExport::Kind> what = DataExport::kindFromName(kind);
    ExportSummary summary;
    Error problem;
    QString error;
    if (!what) {
        problem = Error::usage(tr("\"%1\" is not an export: orders, stock, ledger or products.").arg(kind));
    } else if (const QString folder = folderProblem(fileName); !folder.isEmpty()) {
        problem = Error::usage(folder);
    } else {
        error = withDatabase([&](Database &db) {
            ServiceContext context {db, Clock(), user, m_role};
            Result<ExportSummary> done = DataExport::writeFile(context, *what, fileName, since);
            problem = done.error();
            if (done) {
                summary = *done;
            }
            // Nothing appears unless the whole export is in the file, so a second attempt is safe.
            return problem.kind == Error::Kind::Database ? problem.message : QString();
        });
    }
    const QString message = error.isEmpty() ? problem.message : error;
    Q_EMIT dataExported(request,
                        {{QStringLiteral("ok"), message.isEmpty()},
                         {QStringLiteral("message"), message},
                         {QStringLiteral("kind"), kind},
                         {QStringLiteral("file"), message.isEmpty() ? summary.file : fileName},
                         {QStringLiteral("rows"), summary.rows}});
}

} // namespace Stockroom
