// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderimporter.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSet>

namespace Stockroom {

namespace {

/** The file reader as the import service's source; a retried transaction reads the file again. */
class FileOrderSource final : public ChannelOrderSource
{
public:
    FileOrderSource(const QString &fileName, OrderFileFormat format, OrderImportReport &report)
        : m_fileName(fileName)
        , m_format(format)
        , m_report(report)
    {
    }

    bool start() override
    {
        m_reader = std::make_unique<OrderFileReader>(m_fileName, m_format);
        const bool opened = m_reader->open();
        m_report.format = m_reader->format();
        sync();
        return opened;
    }

    std::optional<ImportedOrder> next() override
    {
        std::optional<ImportedOrder> order = m_reader->next();
        sync();
        return order;
    }

    bool hasProblems() const override { return !m_reader || !m_reader->problems().isEmpty(); }

private:
    void sync()
    {
        m_report.problems = m_reader->problems();
        m_report.rowsRead = m_reader->rowsRead();
    }

    QString m_fileName;
    OrderFileFormat m_format;
    OrderImportReport &m_report;
    std::unique_ptr<OrderFileReader> m_reader;
};

/** The channel of a file in our own format: the one its rows name (one per file), or "manual". */
QString channelOfOwnFile(const QString &fileName, QList<FileProblem> &problems)
{
    OrderFileReader reader(fileName, OrderFileFormat::Stockroom);
    if (!reader.open()) {
        problems = reader.problems();
        return {};
    }
    QSet<QString> channels;
    while (std::optional<ImportedOrder> order = reader.next()) {
        channels.insert(order->channel.isEmpty() ? QStringLiteral("manual") : order->channel);
    }
    if (!reader.problems().isEmpty()) {
        problems = reader.problems();
        return {};
    }
    if (channels.size() > 1) {
        QStringList names = channels.values();
        names.sort();
        problems << FileProblem {fileName, 0, QStringLiteral("channel"),
                                 OrderImporter::tr("holds orders of several channels (%1): import one channel "
                                                   "per file, or name the channel with --channel")
                                     .arg(names.join(QStringLiteral(", ")))};
        return {};
    }
    return channels.isEmpty() ? QStringLiteral("manual") : *channels.cbegin();
}

} // namespace

QString OrderImportReport::summary() const
{
    const QString name = QFileInfo(fileName).fileName();
    if (!problems.isEmpty()) {
        return OrderImporter::tr("%1: %n problem(s); nothing was imported.", nullptr, int(problems.size()))
            .arg(name);
    }
    QString counts = OrderImporter::tr("%1 new, %2 updated, %3 unchanged, %4 on hold; %n line(s)", nullptr,
                                       outcome.lines)
                         .arg(outcome.ordersNew)
                         .arg(outcome.ordersUpdated)
                         .arg(outcome.ordersUnchanged)
                         .arg(outcome.ordersOnHold);
    if (outcome.ordersSkipped > 0) {
        counts += OrderImporter::tr("; %n order(s) with nothing to send skipped", nullptr, outcome.ordersSkipped);
    }
    return outcome.applied ? OrderImporter::tr("%1 (%2): %3").arg(name, channel, counts)
                           : OrderImporter::tr("%1 (%2), dry run, nothing changed: %3").arg(name, channel, counts);
}

Result<OrderImportReport> OrderImporter::run(ServiceContext &context, const OrderImportRequest &request)
{
    OrderImportReport report;
    report.fileName = request.fileName;
    report.format = request.format;
    QElapsedTimer timer;
    timer.start();

    QString channel = request.channel.trimmed();
    if (channel.isEmpty()) {
        // The format decides the channel; for our own files, the file does (one channel per file).
        OrderFileReader probe(request.fileName, request.format);
        if (!probe.open()) {
            report.problems = probe.problems();
            report.format = probe.format();
            return report;
        }
        report.format = probe.format();
        channel = report.format == OrderFileFormat::Stockroom ? channelOfOwnFile(request.fileName, report.problems)
                                                              : OrderFileReader::defaultChannel(report.format);
        if (!report.problems.isEmpty()) {
            return report;
        }
    }
    report.channel = channel;

    FileOrderSource source(request.fileName, request.format, report);
    OrderImportOptions options;
    options.channel = channel;
    options.fileName = request.fileName;
    options.formatName = OrderFileReader::formatName(report.format);
    options.dryRun = request.dryRun;
    Result<OrderImportOutcome> outcome = OrderImportService(context).run(source, options);
    if (!outcome) {
        // A refused order ("line 12: order 1001: the note …") is about this file: say which.
        Error error = outcome.error();
        if (error.kind == Error::Kind::Usage) {
            error.message = QFileInfo(request.fileName).fileName() + QStringLiteral(": ") + error.message;
        }
        return error;
    }
    report.outcome = *outcome;
    report.milliseconds = timer.elapsed();
    return report;
}

} // namespace Stockroom
