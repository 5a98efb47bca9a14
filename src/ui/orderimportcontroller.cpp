// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderimportcontroller.h"

#include "databaseworker.h"
#include "labels.h"
#include "orderimporter.h"

#include <QFileInfo>

namespace Stockroom {

namespace {

QString formatLabel(OrderFileFormat format)
{
    switch (format) {
    case OrderFileFormat::Auto:
        return OrderImportController::tr("Detect from the header", "@item:inlistbox file format");
    case OrderFileFormat::Shopify:
        return OrderImportController::tr("Shopify orders export", "@item:inlistbox file format");
    case OrderFileFormat::WooCommerce:
        return OrderImportController::tr("WooCommerce orders export", "@item:inlistbox file format");
    case OrderFileFormat::Amazon:
        return OrderImportController::tr("Amazon order report", "@item:inlistbox file format");
    case OrderFileFormat::Ebay:
        return OrderImportController::tr("eBay Seller Hub orders report", "@item:inlistbox file format");
    case OrderFileFormat::Etsy:
        return OrderImportController::tr("Etsy sold order items", "@item:inlistbox file format");
    case OrderFileFormat::Stockroom:
        return OrderImportController::tr("Stockroom orders", "@item:inlistbox file format");
    }
    return {};
}

QString kindText(const QString &kind)
{
    if (kind == QLatin1String("on_hold")) {
        return OrderImportController::tr("On hold", "@info import notice");
    }
    if (kind == QLatin1String("kept")) {
        return OrderImportController::tr("Kept", "@info import notice: our newer state was kept");
    }
    return OrderImportController::tr("Attention", "@info import notice");
}

} // namespace

int OrderImportNoticeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_notices.size());
}

QVariant OrderImportNoticeModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const QVariantMap notice = m_notices.at(index.row()).toMap();
    switch (role) {
    case KindRole:
        return notice.value(QStringLiteral("kind"));
    case KindTextRole:
        return kindText(notice.value(QStringLiteral("kind")).toString());
    case LineRole:
        return notice.value(QStringLiteral("line"));
    case ExternalIdRole:
        return notice.value(QStringLiteral("externalId"));
    case NumberRole:
        return notice.value(QStringLiteral("number"));
    case Qt::DisplayRole:
    case MessageRole:
        return notice.value(QStringLiteral("message"));
    default:
        return {};
    }
}

QHash<int, QByteArray> OrderImportNoticeModel::roleNames() const
{
    return {{KindRole, "kind"},     {KindTextRole, "kindText"},
            {LineRole, "line"},     {ExternalIdRole, "externalId"},
            {NumberRole, "number"}, {MessageRole, "message"}};
}

void OrderImportNoticeModel::setNotices(const QVariantList &notices)
{
    if (notices.isEmpty() && m_notices.isEmpty()) {
        return;
    }
    beginResetModel();
    m_notices = notices;
    endResetModel();
    Q_EMIT countChanged();
}

OrderImportController::OrderImportController(DatabaseWorker *worker, const QString &userName, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_userName(userName)
    , m_notices(new OrderImportNoticeModel(this))
{
    connect(worker, &DatabaseWorker::ordersImported, this, &OrderImportController::onImported);
}

void OrderImportController::setFileName(const QString &fileName)
{
    if (fileName == m_fileName) {
        return;
    }
    m_fileName = fileName;
    m_detectedFormat.clear();
    forgetReport(); // what was said about the last file no longer holds
    changeOptions();
}

void OrderImportController::setFileUrl(const QUrl &url)
{
    setFileName(url.isLocalFile() ? url.toLocalFile() : url.toString());
}

void OrderImportController::setFormat(const QString &format)
{
    if (format == m_format || !OrderFileReader::formatFromName(format)) {
        return;
    }
    m_format = format;
    changeOptions();
}

QVariantList OrderImportController::formats() const
{
    QVariantList list;
    for (OrderFileFormat format :
         {OrderFileFormat::Auto, OrderFileFormat::Shopify, OrderFileFormat::WooCommerce,
          OrderFileFormat::Amazon, OrderFileFormat::Ebay, OrderFileFormat::Etsy,
          OrderFileFormat::Stockroom}) {
        list << QVariantMap {{QStringLiteral("value"), OrderFileReader::formatName(format)},
                             {QStringLiteral("label"), formatLabel(format)}};
    }
    return list;
}

void OrderImportController::setChannel(const QString &channel)
{
    // "Shopify " and "shopify " are the channel the service would store: compare what it would store.
    const QString trimmed = channel.trimmed();
    if (trimmed == m_channel) {
        return;
    }
    m_channel = trimmed;
    changeOptions();
}

QString OrderImportController::defaultChannel() const
{
    const std::optional<OrderFileFormat> forced = OrderFileReader::formatFromName(m_format);
    if (forced && *forced != OrderFileFormat::Auto) {
        if (*forced != OrderFileFormat::Stockroom) {
            return OrderFileReader::defaultChannel(*forced);
        }
    }
    // Detected by a preview: the format's channel, or for our own files the one their rows name.
    if (m_hasReport && !m_report.value(QStringLiteral("channelNamed")).toBool()) {
        return m_report.value(QStringLiteral("channel")).toString();
    }
    const std::optional<OrderFileFormat> detected = OrderFileReader::formatFromName(m_detectedFormat);
    return detected ? OrderFileReader::defaultChannel(*detected) : QString();
}

void OrderImportController::changeOptions()
{
    Q_EMIT optionsChanged();
    Q_EMIT stateChanged(); // stale, canImport and the default channel follow the options
}

QString OrderImportController::options() const
{
    return QStringList {m_fileName, m_format, m_channel}.join(QLatin1Char('\n'));
}

OrderImportController::Snapshot OrderImportController::snapshot() const
{
    const QFileInfo file(m_fileName);
    return {options(), file.exists() ? file.size() : -1, file.lastModified()};
}

bool OrderImportController::stale() const
{
    return m_hasReport && m_report.value(QStringLiteral("dryRun")).toBool()
        && m_reportSnapshot.options != options();
}

bool OrderImportController::canImport() const
{
    return !busy() && m_cleanPreview && m_reportSnapshot.options == options();
}

void OrderImportController::preview()
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

void OrderImportController::runImport()
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
    // Downloaded again or edited since the preview: what was checked is not what would be imported.
    if (snapshot() != m_reportSnapshot) {
        m_cleanPreview = false;
        setMessage(
            tr("%1 has changed since the preview: preview it again.").arg(QFileInfo(m_fileName).fileName()));
        return;
    }
    send(false);
}

void OrderImportController::clear()
{
    if (busy()) {
        return;
    }
    m_fileName.clear();
    m_channel.clear();
    m_detectedFormat.clear();
    forgetReport();
    changeOptions();
}

void OrderImportController::forgetReport()
{
    m_hasReport = false;
    m_cleanPreview = false;
    m_report.clear();
    m_problems.clear();
    m_problemCount = 0;
    m_unknownSkus.clear();
    m_notices->setNotices({});
    m_message.clear();
}

void OrderImportController::send(bool dryRun)
{
    OrderImportRequest import;
    import.fileName = m_fileName;
    import.format = OrderFileReader::formatFromName(m_format).value_or(OrderFileFormat::Auto);
    import.channel = m_channel;
    import.dryRun = dryRun;
    m_request = DatabaseWorker::newRequestId();
    m_requestDryRun = dryRun;
    m_requestSnapshot = snapshot();
    m_requestChannelNamed = !m_channel.isEmpty();
    m_message.clear();
    Q_EMIT stateChanged();
    const quint64 id = m_request;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=, user = m_userName] { worker->importOrders(id, import, user); });
}

void OrderImportController::onImported(quint64 request, const QVariantMap &answer)
{
    if (request != m_request) {
        return;
    }
    m_request = 0;
    const bool dryRun = answer.value(QStringLiteral("dryRun")).toBool();
    if (!answer.value(QStringLiteral("ok")).toBool()) {
        // Refused (an order the placement would not take) or the database failed: nothing was applied.
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
    m_unknownSkus = answer.value(QStringLiteral("unknownSkus")).toStringList();
    m_notices->setNotices(answer.value(QStringLiteral("notices")).toList());
    const QString formatName = answer.value(QStringLiteral("format")).toString();
    const std::optional<OrderFileFormat> format = OrderFileReader::formatFromName(formatName);
    const bool recognised = format && *format != OrderFileFormat::Auto;
    if (recognised) {
        m_detectedFormat = formatName;
    }
    const QString channel = answer.value(QStringLiteral("channel")).toString();
    m_report = answer;
    for (const char *key : {"ok", "message", "problems", "unknownSkus", "notices", "milliseconds"}) {
        m_report.remove(QLatin1String(key));
    }
    m_report.insert(QStringLiteral("formatName"), formatName);
    m_report.insert(QStringLiteral("format"),
                    recognised ? formatLabel(*format) : tr("not recognised", "@info file format"));
    m_report.insert(QStringLiteral("detected"), m_format == QLatin1String("auto"));
    m_report.insert(QStringLiteral("channelNamed"), m_requestChannelNamed);
    m_report.insert(QStringLiteral("channelText"), channel.isEmpty() ? QString() : Labels::channel(channel));
    m_report.insert(QStringLiteral("fileName"), QFileInfo(m_fileName).fileName());
    m_report.insert(QStringLiteral("seconds"),
                    answer.value(QStringLiteral("milliseconds")).toLongLong() / 1000.0);
    m_hasReport = true;
    m_reportSnapshot = m_requestSnapshot;
    // Only a clean preview may be imported, once: after the import a new preview is needed.
    m_cleanPreview = dryRun && m_problemCount == 0;
    Q_EMIT stateChanged();
    Q_EMIT finished(m_problemCount == 0, dryRun);
    if (answer.value(QStringLiteral("applied")).toBool()) {
        Q_EMIT imported();
    }
}

void OrderImportController::setMessage(const QString &message)
{
    if (message == m_message) {
        return;
    }
    m_message = message;
    Q_EMIT stateChanged();
}

} // namespace Stockroom
