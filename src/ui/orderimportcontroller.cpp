// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderimportcontroller.h"

#include "databaseworker.h"
#include "labels.h"
#include "orderimporter.h"

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
    : FileImportController(worker, userName, parent)
    , m_notices(new OrderImportNoticeModel(this))
{
    connect(worker, &DatabaseWorker::ordersImported, this, &OrderImportController::onImported);
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
    if (hasReport() && !report().value(QStringLiteral("channelNamed")).toBool()) {
        return report().value(QStringLiteral("channel")).toString();
    }
    const std::optional<OrderFileFormat> detected = OrderFileReader::formatFromName(m_detectedFormat);
    return detected ? OrderFileReader::defaultChannel(*detected) : QString();
}

QString OrderImportController::options() const
{
    return QStringList {fileName(), m_format, m_channel}.join(QLatin1Char('\n'));
}

void OrderImportController::clearOptions()
{
    m_channel.clear();
}

void OrderImportController::forgetFile()
{
    m_detectedFormat.clear();
}

void OrderImportController::forgetAnswer()
{
    m_unknownSkus.clear();
    m_notices->setNotices({});
}

void OrderImportController::send(bool dryRun)
{
    OrderImportRequest import;
    import.fileName = fileName();
    import.format = OrderFileReader::formatFromName(m_format).value_or(OrderFileFormat::Auto);
    import.channel = m_channel;
    import.dryRun = dryRun;
    m_requestChannelNamed = !m_channel.isEmpty();
    const quint64 id = beginRequest(dryRun);
    DatabaseWorker *worker = this->worker();
    QMetaObject::invokeMethod(worker, [=, user = userName()] { worker->importOrders(id, import, user); });
}

void OrderImportController::onImported(quint64 request, const QVariantMap &answer)
{
    if (takeAnswer(request, answer) && answer.value(QStringLiteral("applied")).toBool()) {
        Q_EMIT imported();
    }
}

void OrderImportController::readAnswer(const QVariantMap &answer, QVariantMap *report)
{
    m_unknownSkus = answer.value(QStringLiteral("unknownSkus")).toStringList();
    m_notices->setNotices(answer.value(QStringLiteral("notices")).toList());
    report->remove(QStringLiteral("unknownSkus"));
    report->remove(QStringLiteral("notices"));
    const QString formatName = answer.value(QStringLiteral("format")).toString();
    const std::optional<OrderFileFormat> format = OrderFileReader::formatFromName(formatName);
    const bool recognised = format && *format != OrderFileFormat::Auto;
    if (recognised) {
        m_detectedFormat = formatName;
    }
    const QString channel = answer.value(QStringLiteral("channel")).toString();
    report->insert(QStringLiteral("formatName"), formatName);
    report->insert(QStringLiteral("format"),
                   recognised ? formatLabel(*format) : tr("not recognised", "@info file format"));
    report->insert(QStringLiteral("detected"), m_format == QLatin1String("auto"));
    report->insert(QStringLiteral("channelNamed"), m_requestChannelNamed);
    report->insert(QStringLiteral("channelText"), channel.isEmpty() ? QString() : Labels::channel(channel));
}

} // namespace Stockroom
