// SPDX-License-Identifier: GPL-3.0-or-later
#include "stockfeed.h"

#include "dataexport.h"

#include <QFileInfo>
#include <QSaveFile>

namespace Stockroom {

namespace {

/** Both formats; the header of the feed says which. Platforms read these files, so no formula guard. */
class FileFeedWriter : public FeedWriter
{
public:
    explicit FileFeedWriter(QIODevice &device)
        : m_csv(device, false)
    {
    }

    Status begin(const FeedHeader &header) override
    {
        STOCKROOM_CHECK(m_csv.restart());
        m_format = header.format;
        return m_csv.line(m_format == FeedFormat::ShopifyInventory ? StockFeed::shopifyInventoryHeader()
                                                                   : StockFeed::csvHeader());
    }

    Status write(const QList<FeedRow> &rows) override
    {
        for (const FeedRow &row : rows) {
            if (m_format == FeedFormat::ShopifyInventory) {
                // Handle, Title, Option1 Name … Option3 Value: empty (see shopifyInventoryHeader()).
                for (int i = 0; i < 8; ++i) {
                    m_csv.value(QString());
                }
                m_csv.text(row.sku).value(QString()).value(QString()).text(row.locationName);
                // Bin name, Incoming, Unavailable, Committed, Available, On hand (current): unchanged.
                for (int i = 0; i < 6; ++i) {
                    m_csv.value(QString());
                }
                m_csv.number(row.available);
            } else {
                m_csv.text(row.sku).text(row.locationCode).number(row.available);
            }
            STOCKROOM_CHECK(m_csv.endRow());
        }
        return {};
    }

    Status finish() override { return m_csv.flush(); }

private:
    CsvWriter m_csv;
    FeedFormat m_format = FeedFormat::Csv;
};

} // namespace

QString StockFeed::csvHeader()
{
    return QStringLiteral("sku,location,available");
}

QString StockFeed::shopifyInventoryHeader()
{
    return QStringLiteral("Handle,Title,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,"
                          "Option3 Value,SKU,HS Code,COO,Location,Bin name,Incoming (not editable),"
                          "Unavailable (not editable),Committed (not editable),Available (not editable),"
                          "On hand (current),On hand (new)");
}

std::unique_ptr<FeedWriter> StockFeed::writer(QIODevice &device)
{
    return std::make_unique<FileFeedWriter>(device);
}

Result<FeedWriteResult> StockFeed::writeFile(ServiceContext &context, const QString &channel,
                                             const QString &fileName, std::optional<FeedFormat> format)
{
    const QString path = QFileInfo(fileName).absoluteFilePath();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return Error::database(StockFeed::tr("Cannot write %1: %2").arg(path, file.errorString()));
    }
    FileFeedWriter writer(file);
    // On failure the temporary file goes with `file`: nothing appears, nothing is recorded.
    STOCKROOM_TRY(result, FeedService(context).writeFeed(channel, format, path, writer));
    if (!file.commit()) {
        return Error::database(StockFeed::tr("The feed of %1 was recorded, but %2 could not be saved: %3. "
                                             "Write the feed again.")
                                   .arg(channel.trimmed(), path, file.errorString()));
    }
    return result;
}

} // namespace Stockroom
