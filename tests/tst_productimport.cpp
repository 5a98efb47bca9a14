// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvreader.h"
#include "productimport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Stockroom;

namespace {

QString optionalText(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : QStringLiteral("-");
}

/** A product on one readable line: "2 SKU|name|gtin|cost|price|grams|active|location:units@line;…|stock-only". */
QString described(const ImportedProduct &product)
{
    QStringList stock;
    for (const ImportedStock &entry : product.stock) {
        stock << QStringLiteral("%1:%2@%3").arg(entry.location).arg(entry.onHand).arg(entry.line);
    }
    return QStringLiteral("%1 %2|%3|%4|%5|%6|%7|%8|%9|%10")
        .arg(QString::number(product.line), product.sku, product.name, product.gtin,
             optionalText(product.unitCostCents), optionalText(product.priceCents),
             product.weightGrams ? QString::number(*product.weightGrams) : QStringLiteral("-"),
             product.active ? (*product.active ? QStringLiteral("yes") : QStringLiteral("no"))
                            : QStringLiteral("-"),
             stock.join(u';'))
        .arg(product.definesProduct ? QString() : QStringLiteral("stock-only"));
}

QStringList described(const ProductImportPlan &plan)
{
    QStringList lines;
    for (const ImportedProduct &product : plan.products) {
        lines << described(product);
    }
    return lines;
}

QStringList problemTexts(const ProductImportPlan &plan)
{
    QStringList texts;
    for (const ProductImportProblem &problem : plan.problems) {
        texts << problem.toString();
    }
    return texts;
}

/** The test's own reading of Shopify's SKU rule, written apart from ProductImport's. */
QString expectedShopifySku(const QString &handle, QStringList values)
{
    values.removeAll(QString());
    if (values == QStringList {QStringLiteral("Default Title")}) {
        return handle;
    }
    static const QRegularExpression others(QStringLiteral("[^\\p{L}\\p{N}]+"));
    QString sku = handle;
    for (const QString &value : std::as_const(values)) {
        QString part = value.toLower().replace(others, QStringLiteral("-"));
        while (part.startsWith(u'-')) {
            part.remove(0, 1);
        }
        while (part.endsWith(u'-')) {
            part.chop(1);
        }
        if (!part.isEmpty()) {
            sku += u'-' + part;
        }
    }
    return sku;
}

/** A CSV file as records with their cells looked up by header name. */
struct Sheet
{
    CsvContent content;
    QHash<QString, int> columns;

    QString cell(const CsvRecord &record, const char *name) const
    {
        return record.fields.value(columns.value(QLatin1String(name), -1)).trimmed();
    }
};

Sheet sheet(const QString &path)
{
    Sheet result;
    result.content = CsvReader().readFile(path);
    if (!result.content.records.isEmpty()) {
        const QStringList &header = result.content.records.constFirst().fields;
        for (int c = 0; c < header.size(); ++c) {
            result.columns.insert(header.at(c), c);
        }
    }
    return result;
}

} // namespace

/**
 * Product and stock files into import plans: Shopify's real exports (shared/testdata), our own formats,
 * every kind of problem with its file, line and column, and a 50 MB file.
 */
class TestProductImport : public QObject
{
    Q_OBJECT

private:
    static QString shopifyFile(const char *name)
    {
        // shared/testdata sits beside the checkout (as on the developers' machines and in CI).
        return QStringLiteral(STOCKROOM_TESTDATA "/shopify/") + QLatin1String(name);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void formatNames_data()
    {
        QTest::addColumn<ProductFileFormat>("format");
        QTest::addColumn<QString>("name");
        QTest::addRow("auto") << ProductFileFormat::Auto << QStringLiteral("auto");
        QTest::addRow("stockroom") << ProductFileFormat::Stockroom << QStringLiteral("stockroom");
        QTest::addRow("stockroom-stock")
            << ProductFileFormat::StockroomStock << QStringLiteral("stockroom-stock");
        QTest::addRow("shopify-products")
            << ProductFileFormat::ShopifyProducts << QStringLiteral("shopify-products");
        QTest::addRow("shopify-inventory")
            << ProductFileFormat::ShopifyInventory << QStringLiteral("shopify-inventory");
    }

    void formatNames()
    {
        QFETCH(ProductFileFormat, format);
        QFETCH(QString, name);
        QCOMPARE(ProductImport::formatName(format), name);
        QCOMPARE(ProductImport::formatFromName(name), std::optional<ProductFileFormat>(format));
        QCOMPARE(ProductImport::formatFromName(QLatin1Char(' ') + name.toUpper()),
                 std::optional<ProductFileFormat>(format));
    }

    void unknownFormatName() { QVERIFY(!ProductImport::formatFromName(QStringLiteral("woocommerce"))); }

    void derivedSku_data()
    {
        QTest::addColumn<QString>("handle");
        QTest::addColumn<QStringList>("values");
        QTest::addColumn<QString>("sku");
        QTest::addRow("two options") << QStringLiteral("otti-combat-boot")
                                     << QStringList {QStringLiteral("Milky"), QStringLiteral("38"), QString()}
                                     << QStringLiteral("otti-combat-boot-milky-38");
        QTest::addRow("Default Title")
            << QStringLiteral("led-high-tops") << QStringList {QStringLiteral("Default Title")}
            << QStringLiteral("led-high-tops");
        QTest::addRow("words and punctuation")
            << QStringLiteral("womens-gym-t-shirt-1")
            << QStringList {QStringLiteral("Small"), QStringLiteral("Dark  Brown"),
                            QStringLiteral("(EU) 3/4")}
            << QStringLiteral("womens-gym-t-shirt-1-small-dark-brown-eu-3-4");
        QTest::addRow("only punctuation adds nothing")
            << QStringLiteral("mug") << QStringList {QStringLiteral("--"), QStringLiteral("Blue")}
            << QStringLiteral("mug-blue");
        QTest::addRow("letters beyond ASCII")
            << QStringLiteral("tasse") << QStringList {QStringLiteral("Grün")}
            << QStringLiteral("tasse-grün");
    }

    void derivedSku()
    {
        QFETCH(QString, handle);
        QFETCH(QStringList, values);
        QFETCH(QString, sku);
        QCOMPARE(ProductImport::derivedShopifySku(handle, values), sku);
        QCOMPARE(expectedShopifySku(handle, values), sku); // the test's own rule agrees
    }

    /** Shopify's products export: one product per variant, image-only rows skipped, SKUs made up. */
    void shopifyProductsFile()
    {
        const QString path = shopifyFile("products_export_1.csv");
        if (!QFile::exists(path)) {
            if (qEnvironmentVariableIsSet("CI")) {
                QFAIL("no shared/testdata/shopify/products_export_1.csv");
            }
            QSKIP("no shared/testdata/shopify/products_export_1.csv");
        }
        const ProductImportPlan plan = ProductImport::read(path);
        QVERIFY2(plan.ok(), qPrintable(problemTexts(plan).join(u'\n')));
        QCOMPARE(plan.format, ProductFileFormat::ShopifyProducts);
        QCOMPARE(plan.file, path);

        // What the file says, read here with CsvReader and the test's own rules.
        const Sheet file = sheet(path);
        QVERIFY(file.content.ok());
        QStringList expected;
        QHash<QString, QPair<QString, QString>> firstRows; // handle → title, status
        int records = 0;
        int imageRows = 0;
        for (qsizetype r = 1; r < file.content.records.size(); ++r) {
            const CsvRecord &record = file.content.records.at(r);
            if (record.isBlank()) {
                continue;
            }
            ++records;
            const QString handle = file.cell(record, "Handle");
            if (!firstRows.contains(handle)) {
                firstRows.insert(handle, {file.cell(record, "Title"), file.cell(record, "Status")});
            }
            const QStringList values {file.cell(record, "Option1 Value"), file.cell(record, "Option2 Value"),
                                      file.cell(record, "Option3 Value")};
            if (file.cell(record, "Variant Price").isEmpty() && values.join(QString()).isEmpty()) {
                ++imageRows;
                continue;
            }
            QString name = firstRows.value(handle).first;
            QStringList shown = values;
            shown.removeAll(QString());
            if (shown != QStringList {QStringLiteral("Default Title")}) {
                for (const QString &value : std::as_const(shown)) {
                    name += QStringLiteral(" / ") + value;
                }
            }
            ImportedProduct product;
            product.line = record.line;
            product.sku = file.cell(record, "Variant SKU");
            if (product.sku.isEmpty()) {
                product.sku = expectedShopifySku(handle, values);
            }
            product.name = name;
            product.gtin = file.cell(record, "Variant Barcode");
            const QString cost = file.cell(record, "Cost per item");
            if (!cost.isEmpty()) {
                product.unitCostCents = qRound64(cost.toDouble() * 100);
            }
            product.priceCents = qRound64(file.cell(record, "Variant Price").toDouble() * 100);
            product.weightGrams = qRound(file.cell(record, "Variant Grams").toDouble());
            product.active = firstRows.value(handle).second == QLatin1String("active");
            product.stock << ImportedStock {QString(), file.cell(record, "Variant Inventory Qty").toInt(),
                                            record.line};
            expected << described(product);
        }
        QCOMPARE(described(plan), expected);
        QCOMPARE(plan.rowsRead, records);

        // Checked by hand: 115 rows, 20 of them only images, 95 variants of 27 products.
        QCOMPARE(plan.rowsRead, 115);
        QCOMPARE(imageRows, 20);
        QCOMPARE(plan.products.size(), 95);
        QCOMPARE(firstRows.size(), 27);
        QCOMPARE(
            described(plan.products.at(0)),
            QStringLiteral("2 otti-combat-boot-milky-35|Otti Combat Boot / Milky / 35||-|59500|0|yes|:3@2|"));
        QCOMPARE(
            described(plan.products.at(1)),
            QStringLiteral("6 otti-combat-boot-milky-36|Otti Combat Boot / Milky / 36||-|59500|0|yes|:0@6|"));
        QCOMPARE(plan.products.at(21).sku, QStringLiteral("louise-slide-sandal-buttermilk-35"));
        const auto find = [&](const QString &sku) {
            return std::find_if(plan.products.cbegin(), plan.products.cend(),
                                [&](const ImportedProduct &product) { return product.sku == sku; });
        };
        QCOMPARE(described(*find(QStringLiteral("small-naomi-lizard-effect-brown"))),
                 QStringLiteral("48 small-naomi-lizard-effect-brown|Small Naomi / Lizard Effect "
                                "Brown||-|48500|0|yes|:0@48|"));
        QCOMPARE(
            described(*find(QStringLiteral("womens-gym-t-shirt-1-small-dark-brown"))).section(u'|', 1, 1),
            QStringLiteral("Women's Gym T-Shirt / Small / Dark Brown"));
        QCOMPARE(described(*find(QStringLiteral("led-high-tops"))).section(u' ', 1),
                 QStringLiteral("led-high-tops|LED High Tops||-|8000|0|yes|:1@%1|")
                     .arg(find(QStringLiteral("led-high-tops"))->line));
        QCOMPARE(described(plan.products.constLast()),
                 QStringLiteral("119 ocean-blue-shirt|Ocean Blue Shirt||-|5000|0|yes|:1@119|"));
    }

    /** Shopify's inventory export: stock by location, SKUs made the same way as from the products file. */
    void shopifyInventoryFile()
    {
        const QString path = shopifyFile("inventory_export_1.csv");
        const QString productsPath = shopifyFile("products_export_1.csv");
        if (!QFile::exists(path) || !QFile::exists(productsPath)) {
            if (qEnvironmentVariableIsSet("CI")) {
                QFAIL("no shared/testdata/shopify/inventory_export_1.csv or products_export_1.csv");
            }
            QSKIP("no shared/testdata/shopify/inventory_export_1.csv or products_export_1.csv");
        }
        const ProductImportPlan plan = ProductImport::read(path);
        QVERIFY2(plan.ok(), qPrintable(problemTexts(plan).join(u'\n')));
        QCOMPARE(plan.format, ProductFileFormat::ShopifyInventory);
        QCOMPARE(plan.rowsRead, 67);

        const Sheet file = sheet(path);
        QVERIFY(file.content.ok());
        QStringList expected;
        for (qsizetype r = 1; r < file.content.records.size(); ++r) {
            const CsvRecord &record = file.content.records.at(r);
            ImportedProduct product;
            product.line = record.line;
            product.sku
                = expectedShopifySku(file.cell(record, "Handle"),
                                     {file.cell(record, "Option1 Value"), file.cell(record, "Option2 Value"),
                                      file.cell(record, "Option3 Value")});
            product.definesProduct = false;
            product.stock << ImportedStock {file.cell(record, "Location"),
                                            file.cell(record, "On hand").toInt(), record.line};
            expected << described(product);
        }
        QCOMPARE(expected.size(), 67);
        QCOMPARE(described(plan), expected);
        QCOMPARE(described(plan.products.constFirst()),
                 QStringLiteral("2 puff-large-latte|||-|-|-|-|Shop location:103@2|stock-only"));
        QCOMPARE(
            described(plan.products.at(8)),
            QStringLiteral("10 louise-slide-sandal-buttermilk-35|||-|-|-|-|Shop location:103@10|stock-only"));

        // Every variant counted here is one of the products file (exported at another time: other numbers).
        const ProductImportPlan products = ProductImport::read(productsPath);
        QSet<QString> skus;
        for (const ImportedProduct &product : products.products) {
            skus.insert(product.sku);
        }
        for (const ImportedProduct &product : plan.products) {
            QVERIFY2(skus.contains(product.sku), qPrintable(product.sku));
            QCOMPARE(product.stock.size(), 1);
            QCOMPARE(product.stock.constFirst().location, QStringLiteral("Shop location"));
        }
    }

    /** Our products file with every column, in another order, in other cases, with blanks around. */
    void stockroomProducts()
    {
        const QByteArray data = "SKU , Name,price,unit_cost,gtin,weight_grams,active,on_hand,location\n"
                                "ABC-1,Mug,12.50,4.2,4006381333931,350,yes,12,Main\n"
                                "\n"
                                "ABC-2,\"Plate, large\",12,,,0,0,,\n"
                                " ABC-3 ,\"Bowl\n(two lines)\",0.05,100000000.00,,1000000,TRUE,0,\n"
                                ",,,,,,,,\n"
                                "ABC-4,Cup,12.500\n";
        const ProductImportPlan plan = ProductImport::parse(data, QStringLiteral("/somewhere/products.csv"));
        QVERIFY2(plan.ok(), qPrintable(problemTexts(plan).join(u'\n')));
        QCOMPARE(plan.format, ProductFileFormat::Stockroom);
        QCOMPARE(plan.rowsRead, 4);
        QCOMPARE(described(plan),
                 (QStringList {QStringLiteral("2 ABC-1|Mug|4006381333931|420|1250|350|yes|Main:12@2|"),
                               QStringLiteral("4 ABC-2|Plate, large||-|1200|0|no||"),
                               QStringLiteral("5 ABC-3|Bowl\n(two lines)||10000000000|5|1000000|yes|:0@5|"),
                               QStringLiteral("8 ABC-4|Cup||-|1250|-|-||")}));
    }

    void stockroomStock()
    {
        const QByteArray data = "on_hand,location,sku\n"
                                "5,Main,ABC-1\n"
                                "7,Shop,ABC-2\n"
                                "0,Shop,ABC-1\n"
                                "3,,ABC-3\n";
        const ProductImportPlan plan = ProductImport::parse(data, QStringLiteral("stock.csv"));
        QVERIFY2(plan.ok(), qPrintable(problemTexts(plan).join(u'\n')));
        QCOMPARE(plan.format, ProductFileFormat::StockroomStock);
        QCOMPARE(described(plan),
                 (QStringList {QStringLiteral("2 ABC-1|||-|-|-|-|Main:5@2;Shop:0@4|stock-only"),
                               QStringLiteral("3 ABC-2|||-|-|-|-|Shop:7@3|stock-only"),
                               QStringLiteral("5 ABC-3|||-|-|-|-|:3@5|stock-only")}));
    }

    /** What the stock export writes comes back as counted stock, several locations of a SKU included. */
    void stockExportReimports()
    {
        const QByteArray data = "sku,name,location,on_hand,reserved,available\r\n"
                                "ABC-1,Mug,Main,5,2,3\r\n"
                                "ABC-1,Mug,Shop,1,0,1\r\n";
        const ProductImportPlan plan = ProductImport::parse(data, QStringLiteral("levels.csv"));
        QVERIFY2(plan.ok(), qPrintable(problemTexts(plan).join(u'\n')));
        QCOMPARE(plan.format, ProductFileFormat::StockroomStock);
        QCOMPARE(described(plan),
                 QStringList {QStringLiteral("2 ABC-1|||-|-|-|-|Main:5@2;Shop:1@3|stock-only")});

        // With a name and no reserved/available it is a products file with opening stock.
        const ProductImportPlan products
            = ProductImport::parse("sku,name,location,on_hand\nABC-1,Mug,Main,5\n", QStringLiteral("p.csv"));
        QCOMPARE(products.format, ProductFileFormat::Stockroom);
        QCOMPARE(described(products), QStringList {QStringLiteral("2 ABC-1|Mug||-|-|-|-|Main:5@2|")});
    }

    /** Shopify's 2025 column names, a barcode, a cost, grams to round, a draft, "Not stocked". */
    void shopify2024Header()
    {
        // The 2024 generation: "Option1 Linked To" after each option, metafield columns named by their
        // namespace, market price columns; an image-only row (no option value) is no variant.
        const QByteArray products
            = "Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,"
              "Option1 Linked To,Option2 Name,Option2 Value,Option2 Linked To,Option3 Name,Option3 Value,"
              "Option3 Linked To,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,"
              "Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,"
              "Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,Image Alt Text,"
              "Gift Card,SEO Title,SEO Description,Color (product.metafields.shopify.color-pattern),"
              "Variant Image,Variant Weight Unit,Variant Tax Code,Cost per item,Price / International,Status\n"
              "tee,Tee,<p>Soft</p>,Acme,Apparel,Shirt,,true,Color,Blue,product.metafields.shopify.color-pattern,"
              "Size,M,,,,,TEE-BL-M,180,shopify,7,deny,manual,19.00,,true,true,,https://x/1.jpg,1,,false,,,"
              "blue,,g,,6.50,21.00,active\n"
              "tee,,,,,,,,,Blue,,,L,,,,,TEE-BL-L,190,shopify,3,deny,manual,19.00,,true,true,,,,,,,,,,g,,6.50,,\n"
              "tee,,,,,,,,,,,,,,,,,,,,,,,,,,,,https://x/2.jpg,2,,,,,,,,,,,\n";
        const ProductImportPlan plan = ProductImport::parse(products, QStringLiteral("products_export_1.csv"));
        QVERIFY2(plan.ok(), qPrintable(problemTexts(plan).join(u'\n')));
        QCOMPARE(plan.format, ProductFileFormat::ShopifyProducts);
        QCOMPARE(plan.rowsRead, 3);
        QCOMPARE(described(plan), (QStringList {QStringLiteral("2 TEE-BL-M|Tee / Blue / M||650|1900|180|yes|:7@2|"),
                                                QStringLiteral("3 TEE-BL-L|Tee / Blue / L||650|1900|190|yes|:3@3|")}));
    }

    void shopifyVariations()
    {
        const QByteArray products
            = "URL handle,Title,Status,SKU,Barcode,Option1 name,Option1 value,Price,Cost per item,"
              "Weight value (grams),Inventory quantity\n"
              "vase,Blue Vase,Draft,V-S,4006381333931,Size,Small,100,40.5,499.5,12\n"
              "vase,,,,,,Large,150.00,,1500.2,\n"
              "vase,,,,,,,,,,\n";
        const ProductImportPlan plan = ProductImport::parse(products, QStringLiteral("products_export.csv"));
        QVERIFY2(plan.ok(), qPrintable(problemTexts(plan).join(u'\n')));
        QCOMPARE(plan.format, ProductFileFormat::ShopifyProducts);
        QCOMPARE(plan.rowsRead, 3);
        QCOMPARE(
            described(plan),
            (QStringList {QStringLiteral("2 V-S|Blue Vase / Small|4006381333931|4050|10000|500|no|:12@2|"),
                          QStringLiteral("3 vase-large|Blue Vase / Large||-|15000|1500|no||")}));

        const QByteArray inventory = "Handle,Title,Option1 Name,Option1 Value,SKU,Location,On hand\n"
                                     "vase,Blue Vase,Size,Small,,Shop location,3\n"
                                     "vase,Blue Vase,Size,Small,,Warehouse,not stocked\n"
                                     "vase,Blue Vase,Size,Large,,Shop location,Not stocked\n"
                                     "vase,Blue Vase,Size,Large,,Warehouse,0\n"
                                     "vase,Blue Vase,Size,Small,,Warehouse 2,4\n"
                                     "cup,Cup,Title,Default Title,,Warehouse,Not stocked\n";
        const ProductImportPlan stock
            = ProductImport::parse(inventory, QStringLiteral("inventory_export.csv"));
        QVERIFY2(stock.ok(), qPrintable(problemTexts(stock).join(u'\n')));
        QCOMPARE(stock.format, ProductFileFormat::ShopifyInventory);
        QCOMPARE(stock.rowsRead, 6);
        QCOMPARE(described(stock),
                 (QStringList {
                     QStringLiteral("2 vase-small|||-|-|-|-|Shop location:3@2;Warehouse 2:4@6|stock-only"),
                     QStringLiteral("5 vase-large|||-|-|-|-|Warehouse:0@5|stock-only")}));
    }

    void problems_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<ProductFileFormat>("format");
        QTest::addColumn<QStringList>("problems");

        const QByteArray header = "sku,name,gtin,unit_cost,price,weight_grams,active,on_hand,location\n";
        const QByteArray good = "ABC-1,Mug,,,1.00,10,1,,\n";
        const auto one = [](const char *text) { return QStringList {QString::fromUtf8(text)}; };
        const auto detect = ProductFileFormat::Auto;

        QTest::addRow("bad money") << header + good + "ABC-2,Plate,,,\"12,5x\",,,,\n"
                                   << detect
                                   << one("products.csv:3: price: \"12,5x\" is not an amount of money");
        QTest::addRow("decimal comma") << header + "ABC-1,Mug,,\"12,50\",,,,,\n"
                                       << detect
                                       << one("products.csv:2: unit_cost: \"12,50\" is not an amount of "
                                              "money: write the cents after a dot "
                                              "and no thousands separators (1234.50)");
        QTest::addRow("currency sign")
            << header + "ABC-1,Mug,,,€12.50,,,,\n"
            << detect << one("products.csv:2: price: \"€12.50\" is not an amount of money");
        QTest::addRow("negative money")
            << header + "ABC-1,Mug,,,-1.00,,,,\n"
            << detect
            << one("products.csv:2: price: \"-1.00\" is not an amount of money: it is "
                   "negative");
        QTest::addRow("three decimals")
            << header + "ABC-1,Mug,,,1.005,,,,\n"
            << detect
            << one("products.csv:2: price: \"1.005\" is not an amount of money: at "
                   "most 2 decimals");
        QTest::addRow("too much money") << header + "ABC-1,Mug,,,100000000.01,,,,\n"
                                        << detect
                                        << one("products.csv:2: price: \"100000000.01\" is not an amount of "
                                               "money: more than 100000000.00");
        QTest::addRow("bad number")
            << header + good + "ABC-2,Plate,,,1.00,12kg,1,,\n"
            << detect
            << one("products.csv:3: weight_grams: \"12kg\" is not a weight in grams: a "
                   "whole number from 0 to 1000000");
        QTest::addRow("weight out of range")
            << header + "ABC-1,Mug,,,,1000001,,,\n"
            << detect
            << one("products.csv:2: weight_grams: \"1000001\" is not a weight in "
                   "grams: a whole number from 0 to 1000000");
        QTest::addRow("bad yes or no")
            << header + "ABC-1,Mug,,,,,maybe,,\n"
            << detect
            << one("products.csv:2: active: \"maybe\" is not yes or no (write 1, 0, "
                   "true, false, yes or no)");
        QTest::addRow("bad quantity")
            << header + "ABC-1,Mug,,,,,,12 pcs,Main\n"
            << detect << one("products.csv:2: on_hand: \"12 pcs\" is not a number of units");
        QTest::addRow("fractional quantity")
            << header + "ABC-1,Mug,,,,,,2.5,Main\n"
            << detect
            << one("products.csv:2: on_hand: \"2.5\" is not a whole number of "
                   "units");
        QTest::addRow("quantity out of range")
            << header + "ABC-1,Mug,,,,,,1000000000,Main\n"
            << detect
            << one("products.csv:2: on_hand: \"1000000000\" is more units than can be imported (at most "
                   "999999999)");
        QTest::addRow("negative stock")
            << header + "ABC-1,Mug,,,,,,-3,Main\n"
            << detect
            << one("products.csv:2: on_hand: -3 units on hand cannot be imported: "
                   "count the stock");
        QTest::addRow("empty SKU") << header + good + " ,Plate,,,,,,,\n"
                                   << detect << one("products.csv:3: sku: empty: every product needs a SKU");
        QTest::addRow("empty name") << header + "ABC-1,,,,,,,,\n"
                                    << detect
                                    << one("products.csv:2: name: empty: every product needs a name");
        QTest::addRow("duplicate SKU") << header + good + "ABC-2,Plate,,,,,,,\n\n" + good << detect
                                       << one("products.csv:5: sku: SKU ABC-1 is already on line 2");
        QTest::addRow("invalid GTIN") << header + "ABC-1,Mug,4006381333932,,,,,,\n"
                                      << detect
                                      << one("products.csv:2: gtin: \"4006381333932\" is not a valid GTIN: "
                                             "GTIN-13: check digit should be 1, not 2.");
        QTest::addRow("GTIN of letters")
            << header + "ABC-1,Mug,n/a,,,,,,\n"
            << detect
            << one("products.csv:2: gtin: \"n/a\" is not a valid GTIN: A GTIN has "
                   "digits only; \"N\" is not one.");
        QTest::addRow("too many fields")
            << header + good + "ABC-2,Plate,,,1,000.00,,,,Main\n"
            << detect
            << one("products.csv:3: 10 fields where the header has 9 (a comma in a "
                   "field that is not quoted?)");
        QTest::addRow("empty cells after the last column are fine") << header + "ABC-1,Mug,,,,,,,,,\n"
                                                                    << detect << QStringList();
        QTest::addRow("fewer fields are empty cells") << header + "ABC-1,Mug\n" << detect << QStringList();
        QTest::addRow("open quote")
            << header + good + "ABC-2,\"Plate,,,,,,,\nABC-3,Cup,,,,,,,\n"
            << detect
            << one("products.csv:3: a quoted field starts here and is never closed (a "
                   "missing \").");
        QTest::addRow("text after a closing quote") << header + good + good + "ABC-3,\"Plate\" large,,,,,,,\n"
                                                    << detect
                                                    << one("products.csv:4: text follows a closing quote (a "
                                                           "quote inside a quoted field is written \"\").");
        QTest::addRow("not UTF-8")
            << header + good
                + "ABC-2,M\xFC"
                  "ller,,,,,,,\n"
            << detect << one("products.csv:3: the file is not UTF-8 text (save it as \"CSV UTF-8\").");
        QTest::addRow("0 bytes") << QByteArray() << detect
                                 << one("products.csv: the file is empty: no products");
        QTest::addRow("only blank lines")
            << QByteArray("\n \r\n,,\n") << detect << one("products.csv: the file is empty: no products");
        QTest::addRow("header only")
            << header << detect
            << one("products.csv:1: the file is empty: no products after the header line");
        QTest::addRow("header and blank lines")
            << "\n" + header + "\n\n"
            << ProductFileFormat::Stockroom
            << one("products.csv:2: the file is empty: no products after the header line");
        QTest::addRow("unknown column") << QByteArray("sku,name,prcie\nABC-1,Mug,1.00\n") << detect
                                        << one("products.csv:1: prcie: unknown column (the columns are sku, "
                                               "name, gtin, unit_cost, price, "
                                               "weight_grams, active, on_hand, location)");
        QTest::addRow("a column twice")
            << QByteArray("sku,name,price,Price\nABC-1,Mug,1.00,2.00\n") << detect
            << one("products.csv:1: Price: the same as column 3 (\"price\"): keep one "
                   "of them");
        QTest::addRow("location without on_hand")
            << QByteArray("sku,name,location\nABC-1,Mug,Main\n") << detect
            << one("products.csv:1: location: a location needs an on_hand column beside it (the units "
                   "there)");
        QTest::addRow("forced format does not fit")
            << QByteArray("sku,name,price\nABC-1,Mug,1.00\n") << ProductFileFormat::StockroomStock
            << one("products.csv:1: the header does not fit the stockroom-stock format: it lacks location, "
                   "on_hand; "
                   "expected a header like sku,location,on_hand");
        QTest::addRow("forced Shopify on our file")
            << header + good << ProductFileFormat::ShopifyInventory
            << one("products.csv:1: the header does not fit the shopify-inventory format: it lacks Handle, "
                   "On hand; "
                   "expected a header like Handle,Title,Option1 Name,Option1 Value,…,SKU,…,Location,…,On "
                   "hand as "
                   "Shopify exports inventory");

        QTest::addRow("every problem of a file, in order")
            << header + "ABC-1,Mug,,,1.0x,,,,\n" + good + "ABC-2,,123,,,,,-1,\n"
            << detect
            << QStringList {
                   QStringLiteral("products.csv:2: price: \"1.0x\" is not an amount of money"),
                   QStringLiteral("products.csv:3: sku: SKU ABC-1 is already on line 2"),
                   QStringLiteral("products.csv:4: name: empty: every product needs a name"),
                   QStringLiteral("products.csv:4: gtin: \"123\" is not a valid GTIN: A GTIN has 8, 12, 13 "
                                  "or 14 digits, not 3."),
                   QStringLiteral("products.csv:4: on_hand: -1 units on hand cannot be imported: count the "
                                  "stock")};

        const QByteArray stock = "sku,location,on_hand\nABC-1,Main,1\n";
        QTest::addRow("stock: same SKU and location twice")
            << stock + "ABC-1,Shop,2\nABC-1,main,3\n"
            << detect << one("products.csv:4: location: SKU ABC-1 at main is already on line 2");
        QTest::addRow("stock: empty on_hand")
            << stock + "ABC-2,Main,\n"
            << detect
            << one("products.csv:3: on_hand: empty: every row needs the units on "
                   "hand");
        QTest::addRow("stock: empty SKU") << stock
                + ",Main,3\n" << detect << one("products.csv:3: sku: empty: every row needs a SKU");
        QTest::addRow("stock: a product column")
            << QByteArray("sku,location,on_hand,price\nA,Main,1,2\n") << detect
            << one("products.csv:1: price: unknown column (the columns are sku, "
                   "location, on_hand)");

        const QByteArray shopify
            = "Handle,Title,Status,Option1 Value,Option2 Value,Variant SKU,Variant Grams,"
              "Variant Inventory Qty,Variant Price,Variant Barcode\n";
        QTest::addRow("Shopify: overselling")
            << shopify + "mug,Mug,active,Default Title,,,0.0,-3,5.00,\n"
            << detect
            << one("products.csv:2: Variant Inventory Qty: -3 units on hand cannot "
                   "be imported: count the stock");
        QTest::addRow("Shopify: bad barcode")
            << shopify + "mug,Mug,active,Blue,,,0.0,1,5.00,12345678\n"
            << detect
            << one("products.csv:2: Variant Barcode: \"12345678\" is not a valid "
                   "GTIN: GTIN-8: check digit should be 0, not 8.");
        QTest::addRow("Shopify: unknown status")
            << shopify + "mug,Mug,sold out,Blue,,,0.0,1,5.00,\nmug,,,Red,,,0.0,1,5.00,\n"
            << detect
            << one("products.csv:2: Status: \"sold out\" is not a Shopify status (active, draft or "
                   "archived)");
        QTest::addRow("Shopify: no title") << shopify + "mug,,active,Blue,,,0.0,1,5.00,\n"
                                           << detect
                                           << one("products.csv:2: Title: empty: every product needs a name "
                                                  "(the Title on the first row of mug)");
        QTest::addRow("Shopify: same SKU twice")
            << shopify + "mug,Mug,active,Blue,,,0.0,1,5.00,\nmug,,,Blue,,,0.0,1,5.00,\n"
            << detect << one("products.csv:3: Handle: SKU mug-blue is already on line 2");
        QTest::addRow("Shopify: bad price")
            << shopify + "mug,Mug,active,Blue,,,0.0,1,5$,\n"
            << detect << one("products.csv:2: Variant Price: \"5$\" is not an amount of money");
        QTest::addRow("Shopify: bad grams")
            << shopify + "mug,Mug,active,Blue,,,heavy,1,5.00,\n"
            << detect
            << one("products.csv:2: Variant Grams: \"heavy\" is not a weight in "
                   "grams: a number from 0 to 1000000");
        QTest::addRow("Shopify: no handle")
            << shopify + ",Mug,active,Blue,,,0.0,1,5.00,\n"
            << detect << one("products.csv:2: Handle: empty: every row needs a handle");
        const QByteArray inventory = "Handle,Option1 Value,SKU,Location,On hand\n";
        QTest::addRow("Shopify inventory: same place twice")
            << inventory + "mug,Blue,,Shop,1\nmug,Blue,,Shop,2\n"
            << detect << one("products.csv:3: Location: SKU mug-blue at Shop is already on line 2");
        QTest::addRow("Shopify inventory: empty on hand")
            << inventory + "mug,Blue,,Shop,\n"
            << detect
            << one("products.csv:2: On hand: empty: every row needs the units on hand (or \"Not stocked\")");
        QTest::addRow("Shopify inventory: negative")
            << inventory + "mug,Blue,,Shop,-2\n"
            << detect << one("products.csv:2: On hand: -2 units on hand cannot be imported: count the stock");
    }

    void problems()
    {
        QFETCH(QByteArray, data);
        QFETCH(ProductFileFormat, format);
        QFETCH(QStringList, problems);
        const ProductImportPlan plan
            = ProductImport::parse(data, QStringLiteral("/tmp/in/products.csv"), format);
        QCOMPARE(problemTexts(plan), problems);
        for (const ProductImportProblem &problem : plan.problems) {
            QCOMPARE(problem.file, QStringLiteral("/tmp/in/products.csv"));
        }
        QCOMPARE(plan.ok(), problems.isEmpty());
    }

    /** A header of no known format names every format's header, at the header's line. */
    void unknownHeader()
    {
        const ProductImportPlan plan
            = ProductImport::parse("Artikel,Bezeichnung,Preis\nA,B,1\n", QStringLiteral("artikel.csv"));
        QCOMPARE(plan.problems.size(), 1);
        const ProductImportProblem &problem = plan.problems.constFirst();
        QCOMPARE(problem.line, 1);
        QCOMPARE(problem.column, QString());
        QVERIFY2(problem.message.startsWith(QLatin1String("the header fits none of the formats we read")),
                 qPrintable(problem.message));
        for (const QString &expected :
             {ProductImport::stockroomProductsHeader(), ProductImport::stockroomStockHeader(),
              QStringLiteral("Variant Price"), QStringLiteral("URL handle"), QStringLiteral("On hand"),
              QStringLiteral("shopify-inventory")}) {
            QVERIFY2(problem.message.contains(expected), qPrintable(expected));
        }
        QCOMPARE(plan.format, ProductFileFormat::Auto);
        QVERIFY(plan.products.isEmpty());
    }

    /** A byte order mark and CRLF (Excel's "CSV UTF-8") read exactly as a plain file. */
    void bomAndCrlf()
    {
        const QByteArray plain = "sku,name,price,on_hand\n"
                                 "ABC-1,\"Mug\nwith two lines\",1.50,3\n"
                                 "ABC-2,Bowl,2.5x,1\n"
                                 "\n"
                                 "ABC-3,Plate,3,\n";
        QByteArray excel = plain;
        excel.replace("\n", "\r\n");
        excel.prepend("\xEF\xBB\xBF");
        const ProductImportPlan a = ProductImport::parse(plain, QStringLiteral("a.csv"));
        const ProductImportPlan b = ProductImport::parse(excel, QStringLiteral("a.csv"));
        QCOMPARE(described(b), described(a));
        QCOMPARE(problemTexts(b), problemTexts(a));
        QCOMPARE(problemTexts(a),
                 QStringList {QStringLiteral("a.csv:4: price: \"2.5x\" is not an amount of money")});
        QCOMPARE(described(a),
                 (QStringList {QStringLiteral("2 ABC-1|Mug\nwith two lines||-|150|-|-|:3@2|"),
                               QStringLiteral("6 ABC-3|Plate||-|300|-|-||")}));
        QCOMPARE(a.rowsRead, 3);
        QCOMPARE(b.rowsRead, 3);
    }

    /** Thousands of problems: the first 999 and a count of the rest. */
    void problemsAreCapped()
    {
        QByteArray data = "sku,name,price\n";
        for (int i = 0; i < 1500; ++i) {
            data += "A" + QByteArray::number(i) + ",Mug,x\n";
        }
        const ProductImportPlan plan = ProductImport::parse(data, QStringLiteral("many.csv"));
        QCOMPARE(plan.problems.size(), 1000);
        QCOMPARE(plan.rowsRead, 1500);
        QCOMPARE(plan.problems.at(998).toString(),
                 QStringLiteral("many.csv:1000: price: \"x\" is not an amount of money"));
        QCOMPARE(plan.problems.constLast().toString(), QStringLiteral("many.csv: … and 501 more problems"));
    }

    void fileThatCannotBeRead()
    {
        QTemporaryDir dir;
        const ProductImportPlan plan = ProductImport::read(dir.filePath(QStringLiteral("missing.csv")));
        QCOMPARE(plan.problems.size(), 1);
        QVERIFY2(
            plan.problems.constFirst().toString().startsWith(QLatin1String("missing.csv: cannot be read: ")),
            qPrintable(plan.problems.constFirst().toString()));
    }

    /** A file of several pieces (the reader takes about 1 MB at a time): errors far in keep their line. */
    void errorsFarIn_data()
    {
        QTest::addColumn<QByteArray>("error");
        QTest::addColumn<QString>("message");
        QTest::addRow("open quote") << QByteArray("SKU-X,\"Mug,1.00\n")
                                    << QStringLiteral(
                                           "a quoted field starts here and is never closed (a missing \").");
        QTest::addRow("not UTF-8") << QByteArray("SKU-X,M\xFCller,1.00\n")
                                   << QStringLiteral(
                                          "the file is not UTF-8 text (save it as \"CSV UTF-8\").");
        QTest::addRow("bad money") << QByteArray("SKU-X,Mug,1.00.0\n")
                                   << QStringLiteral("price: \"1.00.0\" is not an amount of money");
    }

    void errorsFarIn()
    {
        QFETCH(QByteArray, error);
        QFETCH(QString, message);
        QByteArray data = "sku,name,price\n";
        int line = 2;
        int errorLine = 0;
        for (int row = 0; data.size() < 3 * 1024 * 1024; ++row) {
            if (errorLine == 0 && data.size() > 5 * 1024 * 1024 / 2) {
                errorLine = line;
                data += error;
                ++line;
            }
            const QByteArray number = QByteArray::number(row);
            // Names over two lines before the error; none after it, where an open quote must find no end.
            const bool twoLines = errorLine == 0 && row % 10 == 0;
            data += twoLines ? "S" + number + ",\"Box\r\n\"\"two\"\" lines\",1.00\r\n"
                             : "S" + number + ",Mug,2\n";
            line += twoLines ? 2 : 1;
        }
        QVERIFY(errorLine > 0);
        const ProductImportPlan plan = ProductImport::parse(data, QStringLiteral("far.csv"));
        QCOMPARE(problemTexts(plan),
                 QStringList {QStringLiteral("far.csv:%1: %2").arg(errorLine).arg(message)});
    }

    /**
     * A 50 MB file of our format (BOM, CRLF, quoted names over two lines, quotes inside unquoted names): one bad
     * row near the end is found at its line, and without it every row is a product.
     */
    void largeFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("large.csv"));

        QByteArray data;
        data.reserve(52 * 1024 * 1024);
        data += "\xEF\xBB\xBFsku,name,gtin,unit_cost,price,weight_grams,active,on_hand,location\r\n";
        int line = 2;
        int rows = 0;
        int badLine = 0;
        qsizetype badStart = 0;
        qsizetype badEnd = 0;
        int lastLine = 0;
        QList<int> lines; // of each row
        lines.reserve(600'000);
        while (data.size() < 50 * 1000 * 1000) {
            const QByteArray number = QByteArray::number(rows).rightJustified(7, '0');
            const qsizetype start = data.size();
            const bool bad = badLine == 0 && data.size() > 49 * 1000 * 1000 && rows % 997 != 0;
            data += "SKU-" + number + ',';
            if (rows % 997 == 0) {
                data += "\"Storage box " + number + ", large\r\n(stackable, \"\"heavy\"\")\",";
            } else if (rows % 101 == 0) {
                data += "Shelf 12\" deep " + number + ',';
            } else {
                data += "Widget " + number + " in blue and silver,";
            }
            data += "4006381333931,12.34," + QByteArray(bad ? "9.999" : "19.99") + ",350,yes,"
                + QByteArray::number(rows % 50) + ",Main warehouse A\r\n";
            if (bad) {
                badLine = line;
                badStart = start;
                badEnd = data.size();
            }
            lastLine = line;
            lines << line;
            line += rows % 997 == 0 ? 2 : 1;
            ++rows;
        }
        QVERIFY(badLine > 0);

        auto write = [&](const QByteArray &bytes) {
            QFile file(path);
            return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
        };
        QVERIFY(write(data));
        QElapsedTimer timer;
        timer.start();
        ProductImportPlan plan = ProductImport::read(path);
        qInfo("%d rows (%lld MB) read in %lld ms", plan.rowsRead, qlonglong(data.size() / 1000 / 1000),
              qlonglong(timer.elapsed()));
        QCOMPARE(
            problemTexts(plan),
            QStringList {QStringLiteral("large.csv:%1: price: \"9.999\" is not an amount of money: at most 2 "
                                        "decimals")
                             .arg(badLine)});
        QCOMPARE(plan.rowsRead, rows);
        QCOMPARE(plan.products.size(), rows - 1);

        plan = {}; // one plan at a time
        data.remove(badStart, badEnd - badStart);
        QVERIFY(write(data));
        plan = ProductImport::read(path);
        QVERIFY2(plan.ok(), qPrintable(problemTexts(plan).join(u'\n')));
        QCOMPARE(plan.rowsRead, rows - 1);
        QCOMPARE(plan.products.size(), rows - 1);
        QCOMPARE(described(plan.products.constFirst()),
                 QStringLiteral(
                     "2 SKU-0000000|Storage box 0000000, large\n(stackable, \"heavy\")|4006381333931|1234|"
                     "1999|350|yes|Main warehouse A:0@2|"));
        QCOMPARE(described(plan.products.at(101)).section(u'|', 1, 1),
                 QStringLiteral("Shelf 12\" deep 0000101"));
        // Line numbers stay exact to the end (two-line names counted, the removed row's line given up).
        const int expectedLast = lastLine - (badLine < lastLine ? 1 : 0);
        QCOMPARE(plan.products.constLast().line, expectedLast);
        QCOMPARE(plan.products.constLast().sku,
                 QStringLiteral("SKU-%1").arg(QString::number(rows - 1).rightJustified(7, u'0')));
        const int multiLine = 997 * (rows / 997 - 1); // a two-line name near the end
        const auto found
            = std::find_if(plan.products.cbegin(), plan.products.cend(), [&](const ImportedProduct &p) {
                  return p.sku
                      == QStringLiteral("SKU-%1").arg(QString::number(multiLine).rightJustified(7, u'0'));
              });
        QVERIFY(found != plan.products.cend());
        QVERIFY(found->name.contains(u'\n'));
        QCOMPARE(found->line, lines.at(multiLine) - (lines.at(multiLine) > badLine ? 1 : 0));
        QCOMPARE(found->stock.constFirst().onHand, multiLine % 50);
    }
};

QTEST_GUILESS_MAIN(TestProductImport)
#include "tst_productimport.moc"
