// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvreader.h"
#include "orderimport.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using namespace Stockroom;

namespace {

QString fixture(const char *name)
{
    return QStringLiteral(STOCKROOM_ORDERS_DATA "/") + QLatin1String(name);
}

QString shopifyExport()
{
    return QStringLiteral(STOCKROOM_TESTDATA "/shopify/orders_export.csv");
}

QDateTime utc(const char *iso)
{
    QDateTime when = QDateTime::fromString(QLatin1String(iso), Qt::ISODate);
    when.setTimeSpec(Qt::UTC);
    return when;
}

/** Every order of a reader, in file order. */
QList<ImportedOrder> readAll(OrderFileReader &reader)
{
    QList<ImportedOrder> orders;
    while (std::optional<ImportedOrder> order = reader.next()) {
        orders << *order;
    }
    return orders;
}

QStringList problemTexts(const OrderFileReader &reader)
{
    QStringList texts;
    for (const FileProblem &problem : reader.problems()) {
        texts << problem.toString();
    }
    return texts;
}

const ImportedOrder *find(const QList<ImportedOrder> &orders, const QString &id)
{
    for (const ImportedOrder &order : orders) {
        if (order.externalId == id) {
            return &order;
        }
    }
    return nullptr;
}

/** "sku×qty@cents" per line (fulfilled lines end in "!"): a whole order's lines on one readable line. */
QString linesOf(const ImportedOrder &order)
{
    QStringList lines;
    for (const ImportedOrderLine &line : order.lines) {
        lines << QStringLiteral("%1×%2@%3%4")
                     .arg(line.sku.isEmpty() ? line.name : line.sku)
                     .arg(line.qty)
                     .arg(line.unitPriceCents)
                     .arg(line.fulfilled ? QStringLiteral("!") : QString());
    }
    return lines.join(QLatin1Char(' '));
}

/** A reader over bytes in memory, as a file named orders.csv. */
struct MemoryReader
{
    QBuffer buffer;
    OrderFileReader reader;

    MemoryReader(const QByteArray &data, OrderFileFormat format = OrderFileFormat::Auto)
        : reader(&buffer, QStringLiteral("/somewhere/orders.csv"), format)
    {
        buffer.setData(data);
        buffer.open(QIODevice::ReadOnly);
    }
};

const QByteArray shopifyMini
    = "Name,Created at,Financial Status,Lineitem quantity,Lineitem name,Lineitem price,"
      "Lineitem sku\n";

} // namespace

#define FIND(variable, orders, id)                                                                           \
    const ImportedOrder *variable = find(orders, QStringLiteral(id));                                        \
    QVERIFY2(variable, id " is missing")

/**
 * The shop platforms' order files read into ImportedOrders: the real Shopify export, fixtures built from the
 * platforms' published headers, format detection, and every kind of broken file with its exact place.
 */
class TestOrderImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(shopifyExport()), qPrintable(shopifyExport())); }

    void shopifyRealExport()
    {
        OrderFileReader reader(shopifyExport());
        QVERIFY(reader.open());
        QCOMPARE(reader.format(), OrderFileFormat::Shopify);
        const QList<ImportedOrder> orders = readAll(reader);
        QVERIFY2(reader.ok(), qPrintable(problemTexts(reader).join(QLatin1Char('\n'))));
        QCOMPARE(reader.rowsRead(), 40);
        QCOMPARE(reader.bytesRead(), reader.size());
        QCOMPARE(orders.size(), 19);
        QStringList ids;
        int lines = 0;
        int skipped = 0;
        for (const ImportedOrder &order : orders) {
            ids << order.externalId;
            lines += int(order.lines.size());
            skipped += order.skippedLines;
            QCOMPARE(order.currency, QStringLiteral("EUR"));
            QCOMPARE(order.placedAt.timeSpec(), Qt::UTC);
        }
        QCOMPARE(ids.first(), QStringLiteral("#1001"));
        QCOMPARE(ids.last(), QStringLiteral("#1019"));
        QCOMPARE(lines + skipped, 40); // every row is a line item
        QCOMPARE(skipped, 17); // the gift cards
        QCOMPARE(lines, 23);

        FIND(first, orders, "#1001");
        QCOMPARE(first->line, 2);
        QCOMPARE(first->placedAt, utc("2025-05-11T13:55:16")); // 09:55:16 -0400
        QCOMPARE(first->paymentStatus, QStringLiteral("paid"));
        QCOMPARE(first->fulfilment, ChannelFulfilment::Fulfilled);
        QCOMPARE(first->totalCents, std::optional<qint64>(165995));
        QCOMPARE(first->paidCents, 165995);
        QCOMPARE(first->skippedLines, 1);
        QCOMPARE(first->channelState(), QStringLiteral("paid/fulfilled"));
        QCOMPARE(linesOf(*first),
                 QStringLiteral("Selling Plans Ski Wax - Selling Plans Ski Wax×1@2495! "
                                "The Collection Snowboard: Hydrogen×1@60000! "
                                "The Collection Snowboard: Oxygen×1@102500!"));
        QCOMPARE(first->lines.at(0).line, 3);
        QVERIFY(first->lines.at(0).sku.isEmpty());

        FIND(withAddress, orders, "#1005");
        QCOMPARE(withAddress->email, QStringLiteral("karine.ruby@example.com"));
        QCOMPARE(withAddress->address, QStringLiteral("151 O'Connor St, Ottawa"));
        QCOMPARE(withAddress->postcode, QStringLiteral("K2P 2L8"));
        QCOMPARE(withAddress->region, QStringLiteral("Ontario"));
        QCOMPARE(withAddress->country, QStringLiteral("CA"));
        QCOMPARE(withAddress->lines.at(1).unitPriceCents, 89672);

        FIND(withSku, orders, "#1006");
        QCOMPARE(withSku->lines.at(1).sku, QStringLiteral("sku-untracked-1"));
        QCOMPARE(withSku->lines.at(1).name, QStringLiteral("The Inventory Not Tracked Snowboard"));

        FIND(billingName, orders, "#1004");
        QCOMPARE(billingName->customerName, QStringLiteral("Ayumu Hirano"));
        QCOMPARE(billingName->placedAt, utc("2025-05-12T19:06:16"));

        // Gift cards only: nothing ships; Shopify's cent of currency rounding stays outstanding.
        FIND(giftCards, orders, "#1008");
        QVERIFY(giftCards->lines.isEmpty());
        QCOMPARE(giftCards->skippedLines, 4);
        QCOMPARE(giftCards->customerName, QStringLiteral("Russell Winfield"));
        QCOMPARE(giftCards->paidCents, 18979);

        FIND(partial, orders, "#1011");
        QCOMPARE(partial->fulfilment, ChannelFulfilment::Partial);
        QCOMPARE(partial->channelState(), QStringLiteral("paid/partial:1,2,3"));

        FIND(netTerms, orders, "#1013"); // "Net 7": pending, the whole total outstanding
        QCOMPARE(netTerms->paymentStatus, QStringLiteral("pending"));
        QCOMPARE(netTerms->paidCents, 0);
        QCOMPARE(netTerms->totalCents, std::optional<qint64>(12759));
        QCOMPARE(netTerms->channelState(), QStringLiteral("pending/partial:1"));
        QCOMPARE(netTerms->address, QStringLiteral("Box 42 - 151 O'Connor St, Ottawa"));

        FIND(unfulfilled, orders, "#1019");
        QCOMPARE(unfulfilled->channelState(), QStringLiteral("paid/unfulfilled"));
        QCOMPARE(linesOf(*unfulfilled),
                 QStringLiteral("Selling Plans Ski Wax - Selling Plans Ski Wax×1@2495 "
                                "The Collection Snowboard: Hydrogen×1@60000 "
                                "The Collection Snowboard: Oxygen×1@102500"));
    }

    void shopifyBomCrlfApostrophesNotes()
    {
        OrderFileReader reader(fixture("shopify_bom_crlf.csv"));
        const QList<ImportedOrder> orders = readAll(reader);
        QVERIFY2(reader.ok(), qPrintable(problemTexts(reader).join(QLatin1Char('\n'))));
        QCOMPARE(reader.format(), OrderFileFormat::Shopify);
        QCOMPARE(orders.size(), 3);

        const ImportedOrder &partlyPaid = orders.at(0);
        QCOMPARE(partlyPaid.externalId, QStringLiteral("#2001"));
        QCOMPARE(partlyPaid.postcode, QStringLiteral("02134"));
        QCOMPARE(partlyPaid.address, QStringLiteral("12 Elm St, Apt 3, Boston"));
        QCOMPARE(partlyPaid.region, QStringLiteral("Massachusetts"));
        QCOMPARE(partlyPaid.note, QStringLiteral("Leave it at the door.\nRing twice, \"please\"."));
        QCOMPARE(partlyPaid.paymentStatus, QStringLiteral("authorized")); // partially_paid
        QCOMPARE(partlyPaid.paidCents, 6000); // Total − Outstanding Balance
        QCOMPARE(partlyPaid.placedAt, utc("2025-06-10T12:15:00"));
        QCOMPARE(linesOf(partlyPaid), QStringLiteral("TEE-BLK-M×2@2500! Sticker pack×1@5000"));
        QCOMPARE(partlyPaid.lines.at(1).line, 4); // the note's line break moves the second row
        QCOMPARE(partlyPaid.channelState(), QStringLiteral("authorized/partial:1"));

        const ImportedOrder &refunded = orders.at(1);
        QCOMPARE(refunded.placedAt, utc("2026-01-01T04:30:00"));
        QVERIFY(refunded.cancelled);
        QCOMPARE(refunded.refundedCents, 3000);
        QCOMPARE(refunded.paidCents, 3000);
        QCOMPARE(refunded.customerName, QStringLiteral("Grace Hopper"));
        QCOMPARE(refunded.postcode,
                 QStringLiteral("07302")); // the billing address: the order has no shipping
        QCOMPARE(refunded.address, QStringLiteral("1 River Rd, Jersey City"));
        QCOMPARE(refunded.region, QStringLiteral("NJ"));
        QCOMPARE(refunded.channelState(), QStringLiteral("refunded:3000/unfulfilled/cancelled"));

        const ImportedOrder &voided = orders.at(2);
        QCOMPARE(voided.channelState(), QStringLiteral("voided/unfulfilled")); // "restocked"
        QCOMPARE(voided.skippedLines, 1);
        QCOMPARE(linesOf(voided), QStringLiteral("CAP-1×1@2500"));
        QCOMPARE(voided.region, QStringLiteral("FI"));
        QCOMPARE(voided.placedAt, utc("2025-07-01T10:00:00"));
    }

    void wooCommerceOneRowPerOrder()
    {
        OrderFileReader reader(fixture("woocommerce_orders.csv"));
        const QList<ImportedOrder> orders = readAll(reader);
        QVERIFY2(reader.ok(), qPrintable(problemTexts(reader).join(QLatin1Char('\n'))));
        QCOMPARE(reader.format(), OrderFileFormat::WooCommerce);
        QCOMPARE(orders.size(), 7);

        const ImportedOrder &processing = orders.at(0);
        QCOMPARE(processing.externalId, QStringLiteral("1201")); // order_number before order_id
        QCOMPARE(processing.placedAt, utc("2025-03-04T14:22:10")); // the shop's time, taken as UTC
        QCOMPARE(processing.channelState(), QStringLiteral("paid/unfulfilled"));
        QCOMPARE(processing.paidCents, 4750);
        // Unit prices from the subtotal (before discounts); a name with a ";" stays one item.
        QCOMPARE(linesOf(processing), QStringLiteral("SH-1×2@1000 MUG-L×1@750"));
        QCOMPARE(processing.lines.at(1).name, QStringLiteral("Mug; large"));
        QCOMPARE(processing.customerName, QStringLiteral("Jane Doe"));
        QCOMPARE(processing.address, QStringLiteral("Torstr. 1, Berlin"));
        QCOMPARE(processing.region, QStringLiteral("BE"));
        QCOMPARE(processing.country, QStringLiteral("DE"));
        QCOMPARE(processing.note, QStringLiteral("Gift wrap, please"));

        QCOMPARE(orders.at(1).placedAt, utc("2025-03-05T08:00:00"));
        QCOMPARE(orders.at(1).channelState(), QStringLiteral("paid/fulfilled")); // completed
        QCOMPARE(linesOf(orders.at(1)), QStringLiteral("PO-1×1@1000!"));
        QCOMPARE(orders.at(2).channelState(), QStringLiteral("voided/unfulfilled/cancelled")); // cancelled
        QCOMPARE(linesOf(orders.at(2)), QStringLiteral("CARD-1×3@400"));
        QCOMPARE(orders.at(3).channelState(), QStringLiteral("refunded:1500/unfulfilled"));
        QCOMPARE(orders.at(3).refundedCents, 1500);
        QCOMPARE(orders.at(4).channelState(), QStringLiteral("voided/unfulfilled/cancelled")); // failed
        QCOMPARE(orders.at(5).channelState(), QStringLiteral("pending/unfulfilled")); // on-hold
        QCOMPARE(orders.at(6).channelState(), QStringLiteral("partially_refunded:500/unfulfilled"));
        QCOMPARE(orders.at(6).refundedCents, 500);
    }

    void wooCommerceOneRowPerItem()
    {
        OrderFileReader reader(fixture("woocommerce_items.csv"));
        const QList<ImportedOrder> orders = readAll(reader);
        QVERIFY2(reader.ok(), qPrintable(problemTexts(reader).join(QLatin1Char('\n'))));
        QCOMPARE(reader.format(), OrderFileFormat::WooCommerce);
        QCOMPARE(orders.size(), 3);
        QCOMPARE(orders.at(0).externalId, QStringLiteral("3001"));
        QCOMPARE(orders.at(0).placedAt, utc("2025-04-01T10:00:00"));
        QCOMPARE(linesOf(orders.at(0)), QStringLiteral("BAG-1×1@1990 PIN-2×3@250"));
        QCOMPARE(orders.at(0).lines.at(1).line, 3);
        QCOMPARE(orders.at(0).customerName, QStringLiteral("Sam Lee"));
        QCOMPARE(orders.at(0).address, QStringLiteral("5 Oak Ave, Portland"));
        QCOMPARE(orders.at(0).totalCents, std::optional<qint64>(2740));
        QCOMPARE(orders.at(1).channelState(), QStringLiteral("paid/fulfilled"));
        // An item refunded whole ("Quantity (- Refund)" 0) ships nothing.
        QCOMPARE(linesOf(orders.at(2)), QStringLiteral("SOCK-3×4@500"));
        QCOMPARE(orders.at(2).skippedLines, 1);
        QCOMPARE(orders.at(2).channelState(), QStringLiteral("partially_refunded:1200/unfulfilled"));
    }

    void amazonTabSeparated()
    {
        OrderFileReader reader(fixture("amazon_all_orders.txt"));
        const QList<ImportedOrder> orders = readAll(reader);
        QVERIFY2(reader.ok(), qPrintable(problemTexts(reader).join(QLatin1Char('\n'))));
        QCOMPARE(reader.format(), OrderFileFormat::Amazon);
        QCOMPARE(orders.size(), 6);

        const ImportedOrder &shipped = orders.at(0);
        QCOMPARE(shipped.externalId, QStringLiteral("114-1111111-1111111"));
        QCOMPARE(shipped.lines.at(0).name, QStringLiteral("12\" vinyl record \"Blue\"")); // no quoting in TSV
        QCOMPARE(linesOf(shipped),
                 QStringLiteral("VINYL-12×1@2499! SLEEVE-10×2@500!")); // item-price / quantity
        QCOMPARE(shipped.channelState(), QStringLiteral("paid/fulfilled"));
        QCOMPARE(shipped.currency, QStringLiteral("USD"));
        QCOMPARE(shipped.address, QStringLiteral("Seattle"));
        QCOMPARE(shipped.postcode, QStringLiteral("98101"));
        QCOMPARE(shipped.region, QStringLiteral("WA"));

        QCOMPARE(orders.at(1).channelState(), QStringLiteral("pending/unfulfilled"));
        QCOMPARE(orders.at(1).placedAt, utc("2025-01-03T16:00:00"));
        QCOMPARE(linesOf(orders.at(1)), QStringLiteral("MAT-1×1@0")); // no price before Amazon charges
        QCOMPARE(linesOf(orders.at(2)), QStringLiteral("NEEDLE-1×1@1500!"));
        QCOMPARE(orders.at(2).skippedLines, 1); // the cancelled item
        QCOMPARE(orders.at(2).channelState(), QStringLiteral("paid/fulfilled"));
        QCOMPARE(orders.at(3).channelState(), QStringLiteral("voided/unfulfilled/cancelled"));
        QVERIFY(orders.at(3).lines.isEmpty());
        QCOMPARE(linesOf(orders.at(4)), QStringLiteral("CABLE-3×3@333"));
        QCOMPARE(orders.at(4).placedAt, utc("2025-01-06T08:30:00"));
        QCOMPARE(orders.at(5).channelState(), QStringLiteral("paid/partial:1"));
    }

    void ebayReportWithPreambleSummaryAndTrailer()
    {
        OrderFileReader reader(fixture("ebay_orders_report.csv"));
        const QList<ImportedOrder> orders = readAll(reader);
        QVERIFY2(reader.ok(), qPrintable(problemTexts(reader).join(QLatin1Char('\n'))));
        QCOMPARE(reader.format(), OrderFileFormat::Ebay);
        QCOMPARE(reader.rowsRead(), 5); // not the comma lines, the blank line or the trailer
        QCOMPARE(orders.size(), 3);

        const ImportedOrder &single = orders.at(0);
        QCOMPARE(single.externalId, QStringLiteral("12-34567-89012"));
        QCOMPARE(single.line, 4);
        QCOMPARE(single.placedAt, utc("2025-03-05T00:00:00"));
        QCOMPARE(linesOf(single), QStringLiteral("LAMP-BR×1@4599!"));
        QCOMPARE(single.lines.at(0).name, QStringLiteral("Vintage Lamp, brass"));
        QCOMPARE(single.totalCents, std::optional<qint64>(5799));
        QCOMPARE(single.paidCents, 5799);
        QCOMPARE(single.currency, QStringLiteral("USD"));
        QCOMPARE(single.channelState(), QStringLiteral("paid/fulfilled"));
        QCOMPARE(single.customerName, QStringLiteral("Pat Smith"));
        QCOMPARE(single.address, QStringLiteral("1 Main St, Austin"));

        const ImportedOrder &several = orders.at(1); // a summary row, then its two items
        QCOMPARE(several.externalId, QStringLiteral("23-45678-90123"));
        QCOMPARE(several.line, 5);
        QCOMPARE(several.placedAt, utc("2025-03-07T17:11:12")); // PDT is UTC−7
        QCOMPARE(several.totalCents, std::optional<qint64>(102050)); // "$1,020.50"
        QCOMPARE(linesOf(several), QStringLiteral("CHAIR-1×2@50000! CUSH-3×1@2050"));
        QCOMPARE(several.lines.at(0).name, QStringLiteral("Oak chair - Finish: Natural"));
        QCOMPARE(several.lines.at(0).line, 6);
        QCOMPARE(several.channelState(), QStringLiteral("paid/partial:1"));
        QCOMPARE(several.note, QStringLiteral("Please send both together"));

        const ImportedOrder &unpaid = orders.at(2);
        QCOMPARE(unpaid.externalId, QStringLiteral("103")); // no order number yet: the record number
        QCOMPARE(unpaid.placedAt, utc("2025-03-09T00:00:00"));
        QCOMPARE(unpaid.currency, QStringLiteral("GBP"));
        QCOMPARE(linesOf(unpaid), QStringLiteral("POST-5×1@500"));
        QCOMPARE(unpaid.channelState(), QStringLiteral("pending/unfulfilled"));
        QCOMPARE(unpaid.postcode, QStringLiteral("YO1 7HH"));
        QCOMPARE(unpaid.region, QStringLiteral("North Yorkshire"));
    }

    void etsySoldOrderItems()
    {
        OrderFileReader reader(fixture("etsy_sold_order_items.csv"));
        const QList<ImportedOrder> orders = readAll(reader);
        QVERIFY2(reader.ok(), qPrintable(problemTexts(reader).join(QLatin1Char('\n'))));
        QCOMPARE(reader.format(), OrderFileFormat::Etsy);
        QCOMPARE(orders.size(), 2);
        QCOMPARE(orders.at(0).externalId, QStringLiteral("3001234567"));
        QCOMPARE(orders.at(0).placedAt, utc("2025-08-14T00:00:00"));
        QCOMPARE(linesOf(orders.at(0)), QStringLiteral("FOX-01×2@500! FOX-ST×1@300"));
        QCOMPARE(orders.at(0).lines.at(0).name, QStringLiteral("Sunset Fox | Greeting Card - Style: Matte"));
        QCOMPARE(orders.at(0).channelState(), QStringLiteral("paid/partial:1"));
        QCOMPARE(orders.at(0).customerName, QStringLiteral("Jane Roe"));
        QCOMPARE(orders.at(0).country, QStringLiteral("United States"));
        QCOMPARE(orders.at(1).placedAt, utc("2025-09-02T00:00:00"));
        QCOMPARE(orders.at(1).channelState(), QStringLiteral("pending/unfulfilled"));
        QCOMPARE(orders.at(1).customerName, QStringLiteral("otherbuyer")); // no Ship Name: the buyer
        QCOMPARE(linesOf(orders.at(1)), QStringLiteral("Moon Bear, large print×1@1200"));
        QCOMPARE(orders.at(1).currency, QStringLiteral("USD"));
    }

    void stockroomOwnFormat()
    {
        QCOMPARE(OrderFileReader::stockroomOrdersHeader(),
                 QStringLiteral("order,channel,external_id,placed_at,status,payment_status,customer,email,"
                                "address,postcode,region,total,paid,refunded,line,sku,name,qty,unit_price,"
                                "qty_shipped,qty_cancelled,note"));
        QFile file(fixture("stockroom_orders.csv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readLine()).trimmed(), OrderFileReader::stockroomOrdersHeader());

        OrderFileReader reader(fixture("stockroom_orders.csv"));
        const QList<ImportedOrder> orders = readAll(reader);
        QVERIFY2(reader.ok(), qPrintable(problemTexts(reader).join(QLatin1Char('\n'))));
        QCOMPARE(reader.format(), OrderFileFormat::Stockroom);
        QCOMPARE(orders.size(), 3);
        QCOMPARE(orders.at(0).externalId, QStringLiteral("SO-000001")); // no external id: our number
        QCOMPARE(orders.at(0).channel, QStringLiteral("web"));
        QCOMPARE(orders.at(0).channelState(), QStringLiteral("paid/fulfilled"));
        QCOMPARE(linesOf(orders.at(0)), QStringLiteral("A-1×2@2000! B-2×1@2000!"));
        QCOMPARE(orders.at(0).address, QStringLiteral("3 Bay St, Leeds"));
        QCOMPARE(orders.at(0).region, QStringLiteral("West Yorkshire"));

        const ImportedOrder &partly = orders.at(1);
        QCOMPARE(partly.externalId, QStringLiteral("#1001"));
        QCOMPARE(partly.channel, QStringLiteral("shopify"));
        QCOMPARE(partly.placedAt, utc("2025-06-02T06:00:00"));
        QCOMPARE(partly.paymentStatus, QStringLiteral("partially_refunded"));
        QCOMPARE(partly.refundedCents, 2000);
        QCOMPARE(partly.note, QStringLiteral("Fragile.\nCall first."));
        QCOMPARE(linesOf(partly), QStringLiteral("C-3×2@2000")); // 3 ordered, 1 cancelled, 1 of 2 shipped
        QCOMPARE(partly.lines.at(0).name, QStringLiteral("Gamma, blue"));
        QCOMPARE(partly.skippedLines, 1); // cancelled whole
        QCOMPARE(orders.at(2).channelState(), QStringLiteral("voided/unfulfilled/cancelled"));
        QVERIFY(orders.at(2).channel.isEmpty());
    }

    void detection_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<OrderFileFormat>("format");
        QTest::addRow("shopify real") << shopifyExport() << OrderFileFormat::Shopify;
        QTest::addRow("shopify bom crlf") << fixture("shopify_bom_crlf.csv") << OrderFileFormat::Shopify;
        QTest::addRow("woocommerce orders")
            << fixture("woocommerce_orders.csv") << OrderFileFormat::WooCommerce;
        QTest::addRow("woocommerce items")
            << fixture("woocommerce_items.csv") << OrderFileFormat::WooCommerce;
        QTest::addRow("amazon") << fixture("amazon_all_orders.txt") << OrderFileFormat::Amazon;
        QTest::addRow("ebay") << fixture("ebay_orders_report.csv") << OrderFileFormat::Ebay;
        QTest::addRow("etsy") << fixture("etsy_sold_order_items.csv") << OrderFileFormat::Etsy;
        QTest::addRow("stockroom") << fixture("stockroom_orders.csv") << OrderFileFormat::Stockroom;
    }

    void detection()
    {
        QFETCH(QString, file);
        QFETCH(OrderFileFormat, format);
        OrderFileReader detected(file);
        QVERIFY(detected.open());
        QCOMPARE(detected.format(), format);
        // Forcing the right format reads the same.
        OrderFileReader forced(file, format);
        QVERIFY2(forced.open(), qPrintable(problemTexts(forced).join(QLatin1Char('\n'))));
        QCOMPARE(forced.format(), format);
    }

    void forcedWrongFormatIsRefusedWhole_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<OrderFileFormat>("format");
        QTest::addColumn<QString>("says");
        QTest::addRow("shopify as amazon")
            << shopifyExport() << OrderFileFormat::Amazon
            << QStringLiteral(
                   "orders_export.csv:1: the header does not fit the amazon format: it lacks "
                   "amazon-order-id, purchase-date, sku, quantity; expected a header with amazon-order-id or "
                   "order-id, purchase-date, sku, quantity or quantity-purchased (in any order, more "
                   "columns may follow)");
        QTest::addRow("shopify as ours")
            << shopifyExport() << OrderFileFormat::Stockroom
            << QStringLiteral("orders_export.csv:1: the header does not fit the stockroom format: it lacks "
                              "order, placed_at, sku, qty, unit_price; expected a header with "
                              "order,channel,external_id,placed_at,status,payment_status,customer,email,"
                              "address,postcode,region,total,paid,refunded,line,sku,name,qty,unit_price,"
                              "qty_shipped,qty_cancelled,note");
        QTest::addRow("etsy as woocommerce")
            << fixture("etsy_sold_order_items.csv") << OrderFileFormat::WooCommerce
            << QStringLiteral(
                   "etsy_sold_order_items.csv:1: the header does not fit the woocommerce format: "
                   "it lacks Order Date, Order Status; expected a header with order_number or "
                   "order_id, order_date or date_created, status or order_status, line_items or "
                   "line_item_1 (in any order, more columns may follow), or Order Number or Order ID, "
                   "Order Date, Order Status, Item Name or Product Name");
        QTest::addRow("ebay as shopify")
            << fixture("ebay_orders_report.csv") << OrderFileFormat::Shopify
            << QStringLiteral(
                   "ebay_orders_report.csv:2: the header does not fit the shopify format: it lacks "
                   "Name, Created at, Financial Status, Lineitem quantity, Lineitem name, Lineitem "
                   "price; expected a header with Name, Created at, Financial Status");
    }

    void forcedWrongFormatIsRefusedWhole()
    {
        QFETCH(QString, file);
        QFETCH(OrderFileFormat, format);
        QFETCH(QString, says);
        OrderFileReader reader(file, format);
        QVERIFY(!reader.open());
        QVERIFY(!reader.next());
        QCOMPARE(reader.problems().size(), 1);
        QVERIFY2(reader.problems().constFirst().toString().startsWith(says),
                 qPrintable(reader.problems().constFirst().toString()));
    }

    void unknownFormat()
    {
        MemoryReader memory("date,item,amount\n2025-01-01,x,1\n");
        QVERIFY(!memory.reader.open());
        const QString text = memory.reader.problems().constFirst().toString();
        QVERIFY2(
            text.startsWith(QStringLiteral("orders.csv:1: the header fits none of the order files we read; "
                                           "expected one of these headers: stockroom: order,channel,")),
            qPrintable(text));
        QVERIFY2(
            text.contains(QStringLiteral("shopify: Name, Created at, Financial Status, Lineitem quantity")),
            qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("etsy: Order ID, Sale Date, Item Name, Quantity, Price")));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QStringList>("problems");
        QTest::addColumn<QStringList>("orders"); // the ones still read
        const QByteArray good2 = "#2,2025-01-01 10:00:00 +0000,paid,1,Mug,3.00,MUG\n";
        QTest::addRow("empty file") << QByteArray()
                                    << QStringList {QStringLiteral("orders.csv: the file is empty: it "
                                                                   "has no orders")}
                                    << QStringList {};
        QTest::addRow("blank lines only")
            << QByteArray("\n,,,\n\n")
            << QStringList {QStringLiteral("orders.csv: the file is empty: it has no orders")}
            << QStringList {};
        QTest::addRow("only a header")
            << shopifyMini
            << QStringList {QStringLiteral(
                   "orders.csv:1: the file has no orders: nothing follows the header line")}
            << QStringList {};
        QTest::addRow("bad date")
            << shopifyMini + "#1,2025-13-01 10:00:00 +0000,paid,1,Mug,3.00,MUG\n" + good2
            << QStringList {QStringLiteral(
                   "orders.csv:2: Created at: \"2025-13-01 10:00:00 +0000\" is not a date and "
                   "time like 2025-05-11 09:55:16 -0400")}
            << QStringList {QStringLiteral("#2")};
        QTest::addRow("no such day")
            << shopifyMini + "#1,2025-02-29 10:00:00 +0000,paid,1,Mug,3.00,MUG\n"
            << QStringList {QStringLiteral(
                   "orders.csv:2: Created at: \"2025-02-29 10:00:00 +0000\" is not a date and "
                   "time like 2025-05-11 09:55:16 -0400")}
            << QStringList {};
        QTest::addRow("date without zone")
            << shopifyMini + "#1,2025-01-01 10:00:00,paid,1,Mug,3.00,MUG\n"
            << QStringList {QStringLiteral(
                   "orders.csv:2: Created at: \"2025-01-01 10:00:00\" has no time zone: write "
                   "it like 2025-05-11 09:55:16 -0400")}
            << QStringList {};
        QTest::addRow("quantity not a number")
            << shopifyMini + "#1,2025-01-01 10:00:00 +0000,paid,1,Mug,3.00,MUG\n#1,,,two,Cup,2.00,CUP\n"
                + good2
            << QStringList {QStringLiteral(
                   "orders.csv:3: Lineitem quantity: \"two\" is not a quantity: a whole number "
                   "from 1 to 1000000")}
            << QStringList {QStringLiteral("#2")};
        QTest::addRow("quantity zero")
            << shopifyMini + "#1,2025-01-01 10:00:00 +0000,paid,0,Mug,3.00,MUG\n"
            << QStringList {QStringLiteral(
                   "orders.csv:2: Lineitem quantity: \"0\" is not a quantity: a whole number "
                   "from 1 to 1000000")}
            << QStringList {};
        QTest::addRow("price not money")
            << shopifyMini + "#1,2025-01-01 10:00:00 +0000,paid,1,Mug,12.5.0,MUG\n" + good2
            << QStringList {QStringLiteral(
                   "orders.csv:2: Lineitem price: \"12.5.0\" is not an amount of money")}
            << QStringList {QStringLiteral("#2")};
        QTest::addRow("price negative")
            << shopifyMini + "#1,2025-01-01 10:00:00 +0000,paid,1,Mug,-3.00,MUG\n"
            << QStringList {QStringLiteral(
                   "orders.csv:2: Lineitem price: \"-3.00\" is not an amount of money: it is "
                   "negative")}
            << QStringList {};
        QTest::addRow("unknown currency sign")
            << shopifyMini
                + "#1,2025-01-01 10:00:00 +0000,paid,1,Mug,\xC2\xA5"
                  "300,MUG\n"
            << QStringList {QStringLiteral(
                   "orders.csv:2: Lineitem price: \"¥300\" is not an amount of money: \"¥\" is "
                   "not a currency sign we know ($, US $, C $, AU $, £, € or a code like EUR)")}
            << QStringList {};
        QTest::addRow("unknown financial status")
            << shopifyMini + "#1,2025-01-01 10:00:00 +0000,settled,1,Mug,3.00,MUG\n" + good2
            << QStringList {QStringLiteral(
                   "orders.csv:2: Financial Status: \"settled\" is not a Shopify financial "
                   "status (pending, authorized, partially_paid, paid, partially_refunded, "
                   "refunded, voided)")}
            << QStringList {QStringLiteral("#2")};
        QTest::addRow("empty order id")
            << shopifyMini + ",2025-01-01 10:00:00 +0000,paid,1,Mug,3.00,MUG\n" + good2
            << QStringList {QStringLiteral("orders.csv:2: Name: the order id is empty")}
            << QStringList {QStringLiteral("#2")};
        QTest::addRow("order rows apart")
            << shopifyMini + "#1,2025-01-01 10:00:00 +0000,paid,1,Mug,3.00,MUG\n" + good2
                + "#1,2025-01-01 10:00:00 +0000,,1,Cup,2.00,CUP\n#3,2025-01-02 10:00:00 "
                  "+0000,paid,1,Mug,3.00,MUG\n"
            << QStringList {QStringLiteral(
                   "orders.csv:4: Name: the rows of order #1 are not together: it began on "
                   "line 2 and comes again here after other orders (export the file again or "
                   "sort it by order)")}
            << QStringList {QStringLiteral("#1"), QStringLiteral("#2"), QStringLiteral("#3")};
        QTest::addRow("unbalanced quote in the middle")
            << shopifyMini + "#1,2025-01-01 10:00:00 +0000,paid,1,\"Mug\" large,3.00,MUG\n" + good2
            << QStringList {QStringLiteral(
                   "orders.csv:2: text follows a closing quote (a quote inside a quoted field "
                   "is written \"\").")}
            << QStringList {};
        QTest::addRow("truncated last line")
            << shopifyMini + "#1,2025-01-01 10:00:00 +0000,paid,1,Mug,3.00,MUG\n" + good2
                + "#3,2025-01-01 10:00:00 +0000,paid,1,\"Mug, la"
            << QStringList {QStringLiteral(
                   "orders.csv:4: a quoted field starts here and is never closed (a missing \").")}
            << QStringList {QStringLiteral("#1")}; // #2 is left out: the broken row may be one of its lines
        QTest::addRow("not UTF-8")
            << shopifyMini
                + "#1,2025-01-01 10:00:00 +0000,paid,1,Mug,3.00,MUG\n#2,2025-01-01 10:00:00 "
                  "+0000,paid,1,M\xFC"
                  "sli,3.00,MUG\n"
            << QStringList {QStringLiteral(
                   "orders.csv:3: the file is not UTF-8 text (save it as \"CSV UTF-8\").")}
            << QStringList {};
        QTest::addRow("more fields than the header")
            << shopifyMini + "#1,2025-01-01 10:00:00 +0000,paid,1,Mug, large,3.00,MUG\n" + good2
            << QStringList {QStringLiteral(
                   "orders.csv:2: 8 fields where the header has 7 (a separator in a field that "
                   "is not quoted?)")}
            << QStringList {QStringLiteral("#2")};
        QTest::addRow("several problems, one file")
            << shopifyMini
                + "#1,2025-01-01 10:00:00 +0000,paid,x,Mug,3.00,MUG\n#1,,,1,Cup,abc,CUP\n#2,yesterday,paid,1,"
                  "Mug,3.00,MUG\n"
            << QStringList {QStringLiteral(
                                "orders.csv:2: Lineitem quantity: \"x\" is not a quantity: a whole number "
                                "from 1 to 1000000"),
                            QStringLiteral("orders.csv:3: Lineitem price: \"abc\" is not an amount of money"),
                            QStringLiteral(
                                "orders.csv:4: Created at: \"yesterday\" is not a date and time like "
                                "2025-05-11 09:55:16 -0400")}
            << QStringList {};
        QTest::addRow("ours: unknown column")
            << OrderFileReader::stockroomOrdersHeader().toUtf8() + ",colour\n"
            << QStringList {QStringLiteral(
                   "orders.csv:1: colour: unknown column (the columns are "
                   "order,channel,external_id,placed_at,status,payment_status,customer,email,"
                   "address,postcode,region,total,paid,refunded,line,sku,name,qty,unit_price,"
                   "qty_shipped,qty_cancelled,note)")}
            << QStringList {};
        QTest::addRow("ours: strict money and statuses")
            << QByteArray("order,placed_at,status,payment_status,sku,qty,unit_price,qty_shipped\n"
                          "SO-1,2025-06-01T12:00:00Z,sent,paid,A-1,1,\"1,50\",0\n"
                          "SO-2,2025-06-01T12:00:00Z,placed,paid,A-1,2,1.505,3\n"
                          "SO-3,2025-06-01 12:00:00,placed,owed,A-1,1,2.00,0\n"
                          "SO-4,2025-06-01T12:00:00+01:00,placed,pending,A-1,1,2.00,0\n")
            << QStringList {QStringLiteral(
                                "orders.csv:2: status: \"sent\" is not an order status (draft, placed, "
                                "backordered, allocated, picking, packed, partially_shipped, shipped, "
                                "delivered, on_hold, cancelled)"),
                            QStringLiteral("orders.csv:2: unit_price: \"1,50\" is not an amount of money: "
                                           "write the cents "
                                           "after a dot and no thousands separators (1234.50)"),
                            QStringLiteral(
                                "orders.csv:3: unit_price: \"1.505\" is not an amount of money: at most 2 "
                                "decimals"),
                            QStringLiteral(
                                "orders.csv:4: placed_at: \"2025-06-01 12:00:00\" has no time zone: write it "
                                "like ISO 8601 with Z or an offset, like 2025-05-11T13:55:16Z"),
                            QStringLiteral(
                                "orders.csv:4: payment_status: \"owed\" is not a payment status (pending, "
                                "authorized, paid, partially_refunded, refunded, voided)")}
            << QStringList {QStringLiteral("SO-4")};
        QTest::addRow("ebay: unknown time zone")
            << QByteArray(
                   "Sales Record Number,Order Number,Item Title,Custom Label,Quantity,Sold For,Sale Date\n"
                   "1,11-1,Lamp,L-1,1,$5.00,Mar-05-25 10:11:12 XYZ\n"
                   "2,11-2,Lamp,L-1,1,$5.00,2025-03-05\n"
                   "3,11-3,Lamp,L-1,1,$5.00,05-Mar-25\n")
            << QStringList {QStringLiteral(
                                "orders.csv:2: Sale Date: \"Mar-05-25 10:11:12 XYZ\": the time zone \"XYZ\" "
                                "is "
                                "not one we know (PST, PDT, MST, MDT, CST, CDT, EST, EDT, GMT, BST, CET, "
                                "CEST, UTC); write an offset like -0700"),
                            QStringLiteral(
                                "orders.csv:3: Sale Date: \"2025-03-05\" is not a date and time like "
                                "Mar-05-25, Mar-05-25 10:11:12 PDT, 05-Mar-25 or Mar 5, 2025")}
            << QStringList {QStringLiteral("11-3")};
        QTest::addRow("woocommerce: bad item")
            << QByteArray(
                   "order_id,order_number,order_date,status,order_total,line_items\n"
                   "1,1,2025-03-04 14:22:10,processing,5.00,name:Shirt|sku:SH-1|quantity:two|total:5.00\n"
                   "2,2,2025-03-04 14:22:10,shipped,5.00,name:Shirt|sku:SH-1|quantity:1|total:5.00\n"
                   "3,3,04/03/2025,processing,5.00,name:Shirt|sku:SH-1|quantity:1|total:5.00\n"
                   "4,4,2025-03-04,processing,5.00,name:Shirt|sku:SH-1|quantity:1|total:5.00\n")
            << QStringList {QStringLiteral("orders.csv:2: line_items: item "
                                           "\"name:Shirt|sku:SH-1|quantity:two|total:5.00\": "
                                           "\"two\" is not a quantity: a whole number from 1 to 1000000"),
                            QStringLiteral(
                                "orders.csv:3: status: \"shipped\" is not a WooCommerce order status "
                                "(pending, processing, on-hold, completed, cancelled, refunded, failed)"),
                            QStringLiteral(
                                "orders.csv:4: order_date: \"04/03/2025\" is not a date and time like "
                                "2025-03-04 14:22:10 or ISO 8601 with an offset")}
            << QStringList {QStringLiteral("4")};
    }

    void malformed()
    {
        QFETCH(QByteArray, data);
        QFETCH(QStringList, problems);
        QFETCH(QStringList, orders);
        MemoryReader memory(data);
        QStringList read;
        if (memory.reader.open()) {
            for (const ImportedOrder &order : readAll(memory.reader)) {
                read << order.externalId;
            }
        }
        QCOMPARE(problemTexts(memory.reader), problems);
        QCOMPARE(read, orders);
    }

    void atMostAThousandProblems()
    {
        QByteArray data = shopifyMini;
        for (int i = 1; i <= 1500; ++i) {
            data += "#" + QByteArray::number(i) + ",2025-01-01 10:00:00 +0000,paid,none,Mug,3.00,MUG\n";
        }
        MemoryReader memory(data);
        QVERIFY(readAll(memory.reader).isEmpty());
        QCOMPARE(memory.reader.problems().size(), 1000);
        QCOMPARE(memory.reader.problems().at(998).line, 1000);
        QCOMPARE(memory.reader.problems().last().toString(),
                 QStringLiteral("orders.csv: … and 501 more problems"));
        QCOMPARE(memory.reader.rowsRead(), 1500);
    }

    void streamsLargeFilesInChunks()
    {
        // Records across the 64 KiB reads, a quoted field larger than a read, CR line ends: the same records.
        QByteArray data = "\xEF\xBB\xBFh1,h2\r";
        const QByteArray big(200'000, 'x');
        data += "\"" + big + "\r\n" + big + "\",tail\r";
        for (int i = 0; i < 20'000; ++i) {
            data += QByteArray::number(i) + ",\"v\"\"" + QByteArray::number(i) + "\"\r";
        }
        QBuffer buffer(&data);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        CsvStream stream(&buffer);
        QVERIFY(stream.next());
        QCOMPARE(stream.line(), 1);
        QCOMPARE(stream.field(0), QStringLiteral("h1"));
        QVERIFY(stream.next());
        QCOMPARE(stream.line(), 2);
        QCOMPARE(stream.fieldView(0).size(), 2 * big.size() + 1);
        QCOMPARE(stream.fieldView(0).at(big.size()), '\n');
        QCOMPARE(stream.field(1), QStringLiteral("tail"));
        for (int i = 0; i < 20'000; ++i) {
            QVERIFY(stream.next());
            QCOMPARE(stream.line(), i + 4);
            QCOMPARE(stream.fieldView(1), QByteArray("v\"" + QByteArray::number(i)));
        }
        QVERIFY(!stream.next());
        QVERIFY(!stream.hasError());
        QCOMPARE(stream.position(), qint64(data.size()));
    }

    void streamWithoutQuoting()
    {
        QByteArray data = "a\tb\tc\n12\" vinyl\t\"x\"\"\t \"y\" \n";
        QBuffer buffer(&data);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        CsvStream stream(&buffer, '\t', CsvStream::Quoting::None);
        QVERIFY(stream.next());
        QVERIFY(stream.next());
        QCOMPARE(stream.fieldCount(), 3);
        QCOMPARE(stream.field(0), QStringLiteral("12\" vinyl"));
        QCOMPARE(stream.field(1), QStringLiteral("\"x\"\""));
        QCOMPARE(stream.field(2), QStringLiteral(" \"y\" "));
        QVERIFY(!stream.next());
        QVERIFY(!stream.hasError());
    }

    void streamNamesTheLineOfBadBytes()
    {
        QByteArray data = "a,\"multi\nline \xE2\x82\",b\n";
        QBuffer buffer(&data);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        CsvStream stream(&buffer);
        QVERIFY(!stream.next());
        QCOMPARE(stream.errorKind(), CsvStream::ErrorKind::Encoding);
        QCOMPARE(stream.errorLine(), 2);
    }

    void formatNames()
    {
        for (const OrderFileFormat format :
             {OrderFileFormat::Auto, OrderFileFormat::Stockroom, OrderFileFormat::Shopify,
              OrderFileFormat::WooCommerce, OrderFileFormat::Amazon, OrderFileFormat::Ebay,
              OrderFileFormat::Etsy}) {
            QCOMPARE(OrderFileReader::formatFromName(OrderFileReader::formatName(format)), format);
        }
        QCOMPARE(OrderFileReader::formatFromName(QStringLiteral("Shopify")), OrderFileFormat::Shopify);
        QVERIFY(!OrderFileReader::formatFromName(QStringLiteral("magento")));
        QCOMPARE(OrderFileReader::defaultChannel(OrderFileFormat::Amazon), QStringLiteral("amazon"));
        QVERIFY(OrderFileReader::defaultChannel(OrderFileFormat::Stockroom).isEmpty());
    }

    void missingFile()
    {
        QTemporaryDir dir;
        OrderFileReader reader(dir.filePath(QStringLiteral("gone.csv")));
        QVERIFY(!reader.open());
        QVERIFY(!reader.next());
        QCOMPARE(reader.problems().size(), 1);
        QVERIFY2(reader.problems().constFirst().toString().startsWith(
                     QStringLiteral("gone.csv: cannot be opened")),
                 qPrintable(reader.problems().constFirst().toString()));
    }
};

QTEST_GUILESS_MAIN(TestOrderImport)
#include "tst_orderimport.moc"
