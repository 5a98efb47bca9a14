// SPDX-License-Identifier: GPL-3.0-or-later
#include "demodata.h"

#include "catalogrepository.h"
#include "catalogservice.h"
#include "clock.h"
#include "countservice.h"
#include "fulfilmentrepository.h"
#include "fulfilmentservice.h"
#include "orderrepository.h"
#include "orderservice.h"
#include "purchaseservice.h"
#include "stockrepository.h"
#include "stockservice.h"
#include "trackingservice.h"
#include "transferservice.h"

#include <QCoreApplication>
#include <QDate>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

namespace Stockroom {

namespace {

struct Category
{
    const char *prefix;
    const char *noun;
    QList<const char *> items;
    int minPrice; // cents
    int maxPrice;
    int weight; // grams
};

const QList<const char *> materials = {"Oak",    "Walnut", "Linen", "Cotton", "Stoneware", "Enamel", "Copper",
                                       "Bamboo", "Wool",   "Glass", "Slate",  "Ceramic",   "Brass",  "Cork"};
const QList<const char *> colours = {"Sage", "Charcoal", "Ochre", "Ivory", "Indigo", "Terracotta",
                                     "Moss", "Sand",     "Rust",  "Navy",  "Blush",  "Graphite"};
const QList<Category> categories = {
    {"KIT",
     "Kitchen",
     {"Serving Board", "Tea Towel", "Mixing Bowl", "Utensil Pot", "Butter Dish", "Salt Cellar"},
     600,
     4500,
     600},
    {"TAB",
     "Table",
     {"Dinner Plate", "Side Plate", "Pasta Bowl", "Mug", "Tumbler", "Carafe", "Napkin Set"},
     500,
     3800,
     450},
    {"HOM",
     "Home",
     {"Cushion Cover", "Throw", "Candle", "Vase", "Planter", "Photo Frame", "Doorstop"},
     900,
     8900,
     800},
    {"BAT", "Bath", {"Hand Towel", "Bath Mat", "Soap Dish", "Tumbler", "Laundry Basket"}, 700, 5500, 500},
    {"GRD", "Garden", {"Watering Can", "Trowel", "Seed Tray", "Bird Feeder", "Herb Kit"}, 800, 6500, 900},
};
const QList<const char *> firstNames
    = {"Amelia", "Oliver",  "Isla",   "George",   "Ava",   "Noah",  "Freya",   "Arthur",
       "Lily",   "Leo",     "Grace",  "Oscar",    "Evie",  "Harry", "Mia",     "Jack",
       "Ruby",   "Charlie", "Sophie", "Thomas",   "Ella",  "James", "Chloe",   "William",
       "Zara",   "Henry",   "Aisha",  "Mohammed", "Priya", "Ewan",  "Siobhan", "Dylan"};
const QList<const char *> lastNames
    = {"Smith",    "Jones",     "Taylor", "Brown",    "Williams", "Wilson", "Johnson", "Davies",
       "Patel",    "Robinson",  "Wright", "Thompson", "Evans",    "Walker", "White",   "Roberts",
       "Green",    "Hall",      "Wood",   "Jackson",  "Clarke",   "Khan",   "Hughes",  "Murphy",
       "Campbell", "MacDonald", "Price",  "Owen",     "Begum"};
const QList<const char *> regions
    = {"North", "South West", "London", "Scotland", "Wales", "Midlands", "South East"};

struct DemoLocation
{
    const char *code;
    const char *name;
    const char *kind;
    int priority;
    const char *region;
    double share; // of demand it is stocked for
};
const QList<DemoLocation> demoLocations = {
    {"LEEDS", "Leeds Warehouse", "warehouse", 10, "North", 0.55},
    {"BRISTOL", "Bristol Warehouse", "warehouse", 20, "South West", 0.30},
    {"LONDON", "London Store", "store", 30, "London", 0.15},
    {"GLASGOW", "Glasgow Store", "store", 40, "Scotland", 0.10},
    {"CARDIFF", "Cardiff 3PL", "third_party", 50, "Wales", 0.10},
    {"MANCH", "Manchester Store", "store", 40, "North", 0.10},
};

struct DemoProduct
{
    QString sku;
    double baseRate = 1.0; // units per day
    double trendPerYear = 0.0; // relative change per year
    double yearlyAmplitude = 0.0; // Christmas peak
    bool intermittent = false;
    int leadTimeDays = 7;
};

struct Arrival
{
    int day;
    QString sku;
    QString location;
    int qty; ///< what the supplier actually delivers (now and then short or over)
    QString purchaseOrder;
};

const QList<std::pair<const char *, int>> demoSuppliers = {
    {"Northern Homeware Ltd", 7},
    {"Bristol Kitchen Supply", 10},
    {"Garden & Bath Wholesale", 14},
};

struct OpenOrder
{
    QString number;
    int placedDay;
    bool authorized; ///< captured at dispatch
};

/** A parcel on its way, delivered on a later simulated day. */
struct Parcel
{
    QString tracking;
    int deliveryDay;
};

/** A Royal Mail style UPU S10 number ("RR123456785GB") with its mod-11 check digit. */
QString s10Number(int serial)
{
    const QString digits = QStringLiteral("%1").arg(serial % 100000000, 8, 10, QLatin1Char('0'));
    static constexpr int weights[8] = {8, 6, 4, 2, 3, 5, 9, 7};
    int sum = 0;
    for (int i = 0; i < 8; ++i) {
        sum += digits.at(i).digitValue() * weights[i];
    }
    int check = 11 - sum % 11;
    check = check == 10 ? 0 : check == 11 ? 5 : check;
    return QStringLiteral("RR%1%2GB").arg(digits).arg(check);
}

} // namespace

int DemoData::gtinCheckDigit(const QString &first12)
{
    int sum = 0;
    for (int i = 0; i < 12; ++i) {
        const int digit = first12.at(i).digitValue();
        sum += digit * (i % 2 == 0 ? 1 : 3);
    }
    return (10 - sum % 10) % 10;
}

Result<int> DemoData::archive(Database &db, int count, quint64 seed, const Progress &progress)
{
    if (count < 1 || count > 5'000'000) {
        return Error::usage(DemoData::tr("Archived orders must be between 1 and 5,000,000."));
    }
    STOCKROOM_TRY(catalogue,
                  db.select(QStringLiteral("SELECT p.id, p.price_cents, l.id FROM products p "
                                           "JOIN stock_levels l0 ON l0.product_id = p.id "
                                           "JOIN locations l ON l.id = l0.location_id ORDER BY p.id, l.id")));
    if (catalogue.isEmpty()) {
        return Error::usage(
            DemoData::tr("Archived orders need the demo catalogue first (stockroomctl demo)."));
    }
    STOCKROOM_TRY(oldest, db.scalar(QStringLiteral("SELECT min(placed_at) FROM orders")));
    const QDateTime end
        = oldest.isNull() ? QDateTime::currentDateTimeUtc() : fromStoredTime(oldest.toString());
    // Three years before the oldest order, at a shop's pace: the order ids still grow with time.
    const qint64 span = 3LL * 365 * 24 * 3600;
    const QDateTime start = end.addSecs(-span);
    std::mt19937_64 random(seed);
    auto pick = [&random](int n) { return int(random() % quint64(n)); };
    // A shop's customers: about 900 people, each ordering now and then (e-mail addresses to search by).
    QStringList names;
    for (const char *first : firstNames) {
        for (const char *last : lastNames) {
            names << QStringLiteral("%1 %2").arg(QString::fromLatin1(first), QString::fromLatin1(last));
        }
    }
    CatalogRepository catalog(db);
    QList<qint64> customers;
    constexpr int Batch = 20'000;
    int written = 0;
    while (written < count) {
        const int batch = std::min(Batch, count - written);
        STOCKROOM_CHECK(db.write([&]() -> Status {
            OrderRepository orders(db);
            StockRepository stock(db);
            FulfilmentRepository fulfilment(db);
            if (customers.isEmpty()) {
                for (const QString &name : names) {
                    STOCKROOM_TRY(found, catalog.customerByName(name));
                    QString email = name.toLower();
                    email.replace(QLatin1Char(' '), QLatin1Char('.'));
                    email += QStringLiteral("@example.org");
                    qint64 id = 0;
                    if (found) {
                        id = *found;
                    } else {
                        STOCKROOM_TRY(
                            created,
                            catalog.insertCustomer(name, QStringLiteral("North"), {}, toStoredTime(start)));
                        id = created;
                    }
                    STOCKROOM_CHECK(db.execute(
                        QStringLiteral("UPDATE customers SET email = ? WHERE id = ? AND email = ''"),
                        {email, id}));
                    customers << id;
                }
            }
            for (int i = 0; i < batch; ++i) {
                const int n = written + i;
                const QDateTime placed = start.addSecs(span * n / count + pick(60));
                const QString at = toStoredTime(placed);
                const bool cancelled = pick(100) < 3;
                const int lineCount = 1 + (pick(10) < 7 ? 0 : 1 + pick(2));
                QList<const Row *> lines;
                for (int l = 0; l < lineCount; ++l) {
                    lines << &catalogue.at(pick(int(catalogue.size())));
                }
                OrderHeader header;
                header.channel = pick(10) < 7 ? QStringLiteral("shopify") : QStringLiteral("amazon");
                header.externalId = QStringLiteral("A-%1").arg(n + 1);
                header.status = cancelled ? QStringLiteral("cancelled") : QStringLiteral("delivered");
                header.paymentStatus = cancelled ? QStringLiteral("voided") : QStringLiteral("paid");
                header.routingExplanation = DemoData::tr("archived order");
                header.placedAt = at;
                header.updatedAt = at;
                header.updatedBy = QStringLiteral("demo");
                for (const Row *line : std::as_const(lines)) {
                    header.totalCents += line->value(1).toLongLong();
                }
                header.paidCents = cancelled ? 0 : header.totalCents;
                STOCKROOM_TRY(orderId, orders.insertOrder(header, customers.at(pick(int(customers.size())))));
                qint64 shipmentId = 0;
                for (int l = 0; l < lines.size(); ++l) {
                    const qint64 productId = lines.at(l)->value(0).toLongLong();
                    const qint64 locationId = lines.at(l)->value(2).toLongLong();
                    STOCKROOM_TRY(lineId,
                                  orders.insertLine(orderId, l + 1, productId, 1,
                                                    lines.at(l)->value(1).toLongLong(), 0));
                    if (cancelled) {
                        STOCKROOM_CHECK(orders.cancelRemaining(orderId));
                        continue;
                    }
                    if (shipmentId == 0) {
                        STOCKROOM_TRY(created,
                                      orders.insertShipment(orderId, locationId, QStringLiteral("Royal Mail"),
                                                            QStringLiteral("Tracked 48"), {}, 400, at));
                        shipmentId = created;
                        STOCKROOM_CHECK(
                            fulfilment.setShipmentStatus(shipmentId, QStringLiteral("delivered"), at));
                        STOCKROOM_CHECK(fulfilment.insertTrackingEvent(
                            TrackingEventRecord {shipmentId, QStringLiteral("delivered"), {}, {}, at},
                            QStringLiteral("demo")));
                    }
                    STOCKROOM_CHECK(orders.insertShipmentLine(shipmentId, lineId, 1));
                    STOCKROOM_CHECK(orders.addShipped(lineId, 1));
                    // The unit came in for this order and went out with it: the ledger explains both.
                    Movement in;
                    in.productId = productId;
                    in.locationId = locationId;
                    in.deltaOnHand = 1;
                    in.reason = QStringLiteral("receipt");
                    in.note = DemoData::tr("archived history");
                    in.userName = QStringLiteral("demo");
                    in.createdAt = at;
                    STOCKROOM_CHECK(stock.appendMovement(in));
                    Movement out = in;
                    out.deltaOnHand = -1;
                    out.reason = QStringLiteral("ship");
                    out.refType = QStringLiteral("shipment");
                    out.refId = shipmentId;
                    STOCKROOM_CHECK(stock.appendMovement(out));
                }
                STOCKROOM_CHECK(fulfilment.appendEvent(orderId, QStringLiteral("placed"),
                                                       DemoData::tr("archived order"), header.paidCents,
                                                       QStringLiteral("demo"), at));
                STOCKROOM_CHECK(orders.refreshSearchText(orderId));
            }
            return {};
        }));
        written += batch;
        if (progress) {
            progress(written, count);
        }
    }
    return written;
}

Result<DemoSummary> DemoData::generate(Database &db, const DemoOptions &options, const Progress &progress)
{
    if (options.products < 1 || options.products > 5000) {
        return Error::usage(DemoData::tr("Demo products must be between 1 and 5000."));
    }
    if (options.locations < 1 || options.locations > demoLocations.size()) {
        return Error::usage(
            DemoData::tr("Demo locations must be between 1 and %1.").arg(demoLocations.size()));
    }
    if (options.days < 1 || options.days > 3650) {
        return Error::usage(DemoData::tr("Demo days must be between 1 and 3650."));
    }
    STOCKROOM_TRY(existing, db.scalar(QStringLiteral("SELECT count(*) FROM products")));
    if (existing.toInt() > 0) {
        return Error::business(
            DemoData::tr("The database already holds products; demo data goes into an empty database."));
    }

    std::mt19937_64 random(options.seed);
    auto uniform
        = [&](double low, double high) { return std::uniform_real_distribution<double>(low, high)(random); };
    auto pick = [&](int size) { return std::uniform_int_distribution<int>(0, size - 1)(random); };
    auto poisson = [&](double mean) { return mean <= 0 ? 0 : std::poisson_distribution<int>(mean)(random); };

    // Yesterday by default: a history that ends today would hold orders placed later than now.
    const QDate endDate = options.endDate.isValid() ? options.endDate : QDate::currentDate().addDays(-1);
    const QDate startDate = endDate.addDays(-(options.days - 1));
    QDateTime simulated(startDate, QTime(7, 0), QTimeZone::utc());
    ServiceContext context {db, Clock([&simulated] { return simulated; }), QStringLiteral("demo")};
    CatalogService catalog(context);
    StockService stock(context);
    OrderService orders(context);
    FulfilmentService fulfilment(context);
    TrackingService tracking(context);
    PurchaseService purchases(context);
    TransferService transfers(context);
    CountService counts(context);
    // Approvals are a manager's.
    ServiceContext managerContext {db, Clock([&simulated] { return simulated; }), QStringLiteral("maria")};
    DemoSummary summary;
    for (const auto &[name, leadTime] : demoSuppliers) {
        const QString supplier = QString::fromLatin1(name);
        STOCKROOM_CHECK(purchases.addSupplier(
            supplier,
            QStringLiteral("orders@%1.example").arg(supplier.section(QLatin1Char(' '), 0, 0).toLower()),
            leadTime));
    }

    // Locations
    QList<DemoLocation> locations = demoLocations.mid(0, options.locations);
    double shareSum = 0;
    for (const DemoLocation &loc : std::as_const(locations)) {
        shareSum += loc.share;
        LocationRecord record;
        record.code = QString::fromLatin1(loc.code);
        record.name = QString::fromLatin1(loc.name);
        record.kind = QString::fromLatin1(loc.kind);
        record.priority = loc.priority;
        record.region = QString::fromLatin1(loc.region);
        STOCKROOM_CHECK(catalog.addLocation(record));
        ++summary.locations;
    }

    // Catalogue
    QList<DemoProduct> products;
    QHash<QString, qint64> unitCosts;
    QSet<QString> names;
    for (int i = 0; i < options.products; ++i) {
        const Category &category = categories.at(i % categories.size());
        QString name;
        for (int attempt = 0; attempt < 20 && (name.isEmpty() || names.contains(name)); ++attempt) {
            const bool byColour = uniform(0, 1) < 0.5;
            name = QStringLiteral("%1 %2").arg(
                QString::fromLatin1(byColour ? colours.at(pick(int(colours.size())))
                                             : materials.at(pick(int(materials.size())))),
                QString::fromLatin1(category.items.at(pick(int(category.items.size())))));
        }
        if (names.contains(name)) {
            name += QStringLiteral(" No. %1").arg(i + 1);
        }
        names.insert(name);
        ProductRecord record;
        record.sku = QStringLiteral("%1-%2").arg(QString::fromLatin1(category.prefix)).arg(1001 + i);
        record.name = name;
        const QString first12 = QStringLiteral("5060%1").arg(412000 + i * 7, 8, 10, QLatin1Char('0'));
        record.gtin = first12 + QString::number(gtinCheckDigit(first12));
        record.priceCents = (std::lround(uniform(category.minPrice, category.maxPrice)) / 100) * 100 + 99;
        record.unitCostCents = std::lround(record.priceCents * uniform(0.35, 0.55));
        record.weightGrams = int(category.weight * uniform(0.5, 1.6));
        STOCKROOM_CHECK(catalog.addProduct(record));
        unitCosts.insert(record.sku, record.unitCostCents);
        ++summary.products;

        DemoProduct product;
        product.sku = record.sku;
        product.intermittent = uniform(0, 1) < 0.25;
        // Fast movers sell a few a day; slow movers sell a unit every week or two.
        product.baseRate
            = product.intermittent ? uniform(0.05, 0.35) : std::exp(uniform(std::log(0.6), std::log(6.0)));
        product.trendPerYear = uniform(-0.3, 0.5);
        product.yearlyAmplitude = uniform(0.1, 0.8);
        product.leadTimeDays = 5 + pick(10);
        products << product;
    }

    // Weekly shape of an online shop: busy Sunday evening and Monday, quiet Saturday.
    const double weekly[7] = {1.15, 1.05, 1.0, 0.98, 0.95, 0.78, 1.09}; // Monday … Sunday
    struct Promotion
    {
        int start;
        int length;
        int everyNth; // products with index % everyNth == offset
        int offset;
    };
    QList<Promotion> promotions;
    for (int i = 0; i < std::max(1, options.days / 60); ++i) {
        promotions << Promotion {pick(options.days), 3 + pick(6), 2 + pick(4), pick(2)};
    }
    auto rate = [&](const DemoProduct &product, int index, int day, const QDate &date) {
        double r = product.baseRate * (1.0 + product.trendPerYear * day / 365.0);
        const double yearPhase = 2.0 * std::numbers::pi * (date.dayOfYear() - 350) / 365.25;
        r *= 1.0 + product.yearlyAmplitude * 0.5 * (1.0 + std::cos(yearPhase)) * 0.8;
        r *= weekly[date.dayOfWeek() - 1];
        for (const Promotion &promotion : std::as_const(promotions)) {
            if (day >= promotion.start && day < promotion.start + promotion.length
                && index % promotion.everyNth == promotion.offset) {
                r *= 2.2;
            }
        }
        return std::max(0.0, r);
    };

    // Opening stock: about a month of demand per location share.
    for (const DemoProduct &product : std::as_const(products)) {
        for (const DemoLocation &loc : std::as_const(locations)) {
            const int qty = int(std::ceil(product.baseRate * 30 * loc.share / shareSum)) + 1;
            STOCKROOM_CHECK(stock.receive(product.sku, QString::fromLatin1(loc.code), qty,
                                          DemoData::tr("opening stock")));
            ++summary.receipts;
        }
    }

    QList<Arrival> arrivals;
    QHash<QString, int> onOrder; // sku@location → units coming
    QList<OpenOrder> open;
    QList<Parcel> parcels;
    int externalCounter = 1000;
    int parcelCounter = 12345670;

    // Home bins for pick lists ("A-03" in aisle A), and the wholesale channel: invoiced (pays later),
    // shipped from the main warehouse only.
    for (int p = 0; p < products.size(); ++p) {
        for (const DemoLocation &loc : std::as_const(locations)) {
            const QString bin
                = QStringLiteral("%1-%2").arg(QChar(u'A' + p / 12)).arg(p % 12 + 1, 2, 10, QLatin1Char('0'));
            STOCKROOM_CHECK(fulfilment.setBin(products.at(p).sku, QString::fromLatin1(loc.code), bin));
        }
    }
    STOCKROOM_CHECK(fulfilment.setChannelRules(
        QStringLiteral("wholesale"), FulfilmentRules {true, {QString::fromLatin1(locations.first().code)}}));

    // The last weeks also move stock between locations and count it, leaving documents in every state for
    // the Transfers, Receiving and Counts views.
    auto available = [&](const QString &sku, const QString &code) -> int {
        const Result<QList<StockLevelRow>> levels = StockRepository(db).levels(sku, code);
        return levels && !levels->isEmpty() ? levels->first().available() : 0;
    };
    auto shipTransfer = [&](const QString &from, const QString &to, int first, int lines) -> Result<QString> {
        QList<QuantityLine> wanted;
        for (int p = first; p < products.size() && wanted.size() < lines; ++p) {
            const int spare = available(products.at(p).sku, from);
            if (spare >= 2) {
                QuantityLine line;
                line.sku = products.at(p).sku;
                line.qty = std::min(6, spare / 2);
                wanted << line;
            }
        }
        if (wanted.isEmpty()) {
            return QString();
        }
        STOCKROOM_TRY(created, transfers.create(from, to, wanted, DemoData::tr("rebalancing stock")));
        STOCKROOM_CHECK(transfers.request(created.number));
        STOCKROOM_CHECK(transfers.ship(created.number));
        ++summary.transfers;
        return created.number;
    };
    auto countAll
        = [&](CountService &service, const StockCount &count, bool withVariance, int upTo) -> Status {
        int recorded = 0;
        for (const CountLine &line : count.lines) {
            if (recorded++ >= upTo) {
                break;
            }
            const Result<QList<StockLevelRow>> levels
                = StockRepository(db).levels(line.sku, count.locationCode);
            const StockLevelRow level = levels && !levels->isEmpty() ? levels->first() : StockLevelRow {};
            int counted = level.onHand;
            if (withVariance && recorded % 4 == 2) {
                counted += level.available() > 0 ? -1 : 1; // a broken unit, or one found in the wrong bin
            }
            STOCKROOM_CHECK(service.record(count.number, line.sku, counted));
        }
        return {};
    };
    QString partlyArrived;
    QString firstTransfer;
    auto inventoryDay = [&](int left) -> Status {
        const QString main = QString::fromLatin1(locations.at(0).code);
        const QString second = QString::fromLatin1(locations.at(1).code);
        const QString third
            = QString::fromLatin1(locations.at(std::min<qsizetype>(2, locations.size() - 1)).code);
        if (left == 28) {
            // A whole-location count, approved by the manager.
            CountService manager(managerContext);
            STOCKROOM_TRY(count, counts.start(second, CountScope {}, DemoData::tr("quarterly count")));
            STOCKROOM_CHECK(countAll(counts, count, true, int(count.lines.size())));
            STOCKROOM_CHECK(counts.submit(count.number));
            STOCKROOM_CHECK(manager.approve(count.number, DemoData::tr("variances checked")));
            ++summary.counts;
        } else if (left == 12) {
            STOCKROOM_TRY(number, shipTransfer(main, second, 0, 3));
            firstTransfer = number;
        } else if (left == 10 && !firstTransfer.isEmpty()) {
            STOCKROOM_TRY(transfer, transfers.get(firstTransfer));
            QList<QuantityLine> arrived;
            for (const TransferLine &line : transfer.lines) {
                QuantityLine entry;
                entry.sku = line.sku;
                entry.qty = line.shipped;
                arrived << entry;
            }
            STOCKROOM_CHECK(transfers.receive(firstTransfer, arrived));
        } else if (left == 5) {
            STOCKROOM_TRY(number, shipTransfer(main, third, 5, 2));
            partlyArrived = number;
        } else if (left == 3) {
            if (!partlyArrived.isEmpty()) {
                // One unit broke on the way: reported missing, waiting for the manager's decision.
                STOCKROOM_TRY(transfer, transfers.get(partlyArrived));
                QList<QuantityLine> arrived;
                for (const TransferLine &line : transfer.lines) {
                    QuantityLine entry;
                    entry.sku = line.sku;
                    entry.qty = arrived.isEmpty() ? line.shipped - 1 : line.shipped;
                    entry.missing = arrived.isEmpty() ? 1 : 0;
                    entry.reason = DemoData::tr("damaged in transit");
                    arrived << entry;
                }
                STOCKROOM_CHECK(transfers.receive(partlyArrived, arrived));
            }
            // A cycle count of the best sellers, submitted: its variance report waits for approval.
            CountScope classA;
            classA.cycle = true;
            classA.abcClass = QLatin1Char('A');
            const Result<StockCount> count = counts.start(main, classA);
            if (!count && count.error().kind != Error::Kind::Business) {
                return count.error(); // a short history may have no best sellers yet: then no count
            }
            if (count) {
                STOCKROOM_CHECK(countAll(counts, *count, true, int(count->lines.size())));
                STOCKROOM_CHECK(counts.submit(count->number));
                ++summary.counts;
            }
        } else if (left == 1) {
            STOCKROOM_TRY(shipped, shipTransfer(second, main, 10, 2)); // still on the road
            Q_UNUSED(shipped)
            QList<QuantityLine> draft;
            QuantityLine line;
            line.sku = products.at(products.size() - 1).sku;
            line.qty = 2;
            draft << line;
            STOCKROOM_CHECK(transfers.create(third, second, draft, DemoData::tr("for the weekend market")));
            ++summary.transfers;
            // Aisle B being counted right now: half done.
            CountScope aisle;
            aisle.cycle = true;
            // The aisle of the middle product (A, B, … by twelve products): there is one however few products.
            aisle.binPrefix = QString(QChar(char16_t(u'A' + (products.size() / 2) / 12))) + QLatin1Char('-');
            STOCKROOM_TRY(count, counts.start(second, aisle));
            STOCKROOM_CHECK(countAll(counts, count, false, std::max<int>(1, int(count.lines.size()) / 2)));
            ++summary.counts;
        }
        return {};
    };

    for (int day = 0; day < options.days; ++day) {
        const QDate date = startDate.addDays(day);
        if (progress) {
            progress(day, options.days);
        }

        // Goods in, at 07:00.
        simulated = QDateTime(date, QTime(7, 0), QTimeZone::utc());
        for (qsizetype i = 0; i < arrivals.size();) {
            const Arrival &arrival = arrivals.at(i);
            if (arrival.day == day) {
                QuantityLine delivered;
                delivered.sku = arrival.sku;
                delivered.qty = arrival.qty;
                STOCKROOM_TRY(
                    received,
                    purchases.receive(arrival.purchaseOrder, {delivered}, DemoData::tr("supplier delivery")));
                onOrder[arrival.sku + QLatin1Char('@') + arrival.location] -= arrival.qty;
                ++summary.receipts;
                const QString number = arrival.purchaseOrder;
                arrivals.removeAt(i);
                const bool more = std::any_of(arrivals.cbegin(), arrivals.cend(), [&](const Arrival &other) {
                    return other.purchaseOrder == number;
                });
                if (!more && received.status == QLatin1String("partially_received")) {
                    STOCKROOM_CHECK(purchases.close(number)); // the supplier will not send the rest
                }
            } else {
                ++i;
            }
        }

        // Parcels delivered at 11:00 (tracked in the last weeks of the history).
        simulated = QDateTime(date, QTime(11, 0), QTimeZone::utc());
        for (qsizetype i = 0; i < parcels.size();) {
            if (parcels.at(i).deliveryDay == day) {
                STOCKROOM_CHECK(tracking.add(TrackingEventInput {parcels.at(i).tracking,
                                                                 QStringLiteral("delivered"),
                                                                 toStoredTime(simulated),
                                                                 DemoData::tr("Front door"),
                                                                 {},
                                                                 0}));
                parcels.removeAt(i);
            } else {
                ++i;
            }
        }

        // Dispatch at 08:00: everything allocated from earlier days (backorders fill themselves as goods
        // arrive); give up on week-old backorders. The last weeks go through pick, pack and tracking.
        simulated = QDateTime(date, QTime(8, 0), QTimeZone::utc());
        const bool workingDay = date.dayOfWeek() <= 5;
        const bool tracked = options.days - day <= 21;
        OrderRepository headers(db);
        for (qsizetype i = 0; i < open.size();) {
            const OpenOrder &order = open.at(i);
            STOCKROOM_TRY(header, headers.findByNumber(order.number));
            const QString status = header ? header->status : QString();
            if (status == QLatin1String("backordered") && day - order.placedDay >= 7) {
                STOCKROOM_CHECK(orders.cancel(order.number));
                ++summary.cancelledOrders;
                open.removeAt(i);
            } else if (status == QLatin1String("allocated") && workingDay && order.placedDay < day) {
                if (order.authorized) {
                    STOCKROOM_CHECK(fulfilment.pay(order.number));
                }
                ShipRequest parcel {QStringLiteral("Royal Mail"), QStringLiteral("Tracked 48"), {}, 0};
                if (tracked) {
                    STOCKROOM_CHECK(fulfilment.release(order.number));
                    STOCKROOM_TRY(progress, fulfilment.packProgress(order.number));
                    QStringList scans;
                    for (const PackLine &line : std::as_const(progress.lines)) {
                        for (int unit = 0; unit < line.toPack; ++unit) {
                            scans << line.sku;
                        }
                    }
                    STOCKROOM_CHECK(fulfilment.scanAll(order.number, scans));
                    parcel.trackingNumber = s10Number(++parcelCounter);
                    parcel.weightGrams = 250 + 300 * int(scans.size());
                }
                STOCKROOM_CHECK(orders.ship(order.number, parcel));
                if (tracked) {
                    STOCKROOM_CHECK(tracking.add(TrackingEventInput {
                        parcel.trackingNumber, QStringLiteral("in_transit"),
                        toStoredTime(QDateTime(date, QTime(18, 30), QTimeZone::utc())),
                        DemoData::tr("Mail centre"), DemoData::tr("Accepted at the mail centre"), 0}));
                    parcels << Parcel {parcel.trackingNumber, day + 1 + pick(3)};
                }
                ++summary.shippedOrders;
                open.removeAt(i);
            } else if (status != QLatin1String("backordered") && status != QLatin1String("allocated")) {
                open.removeAt(i); // handled elsewhere (e.g. cancelled by hand)
            } else {
                ++i;
            }
        }

        // Demand of the day, as order lines, grouped into orders of one to three lines.
        QList<OrderLineRequest> lines;
        for (int p = 0; p < products.size(); ++p) {
            int units = poisson(rate(products.at(p), p, day, date));
            while (units > 0) {
                const int qty = std::min(units, uniform(0, 1) < 0.8 ? 1 : 2 + pick(3));
                lines << OrderLineRequest {products.at(p).sku, qty, {}};
                units -= qty;
            }
        }
        std::shuffle(lines.begin(), lines.end(), random);
        QList<QList<OrderLineRequest>> dayOrders;
        for (qsizetype i = 0; i < lines.size();) {
            const int size = std::min<int>(int(lines.size() - i), uniform(0, 1) < 0.7 ? 1 : 2 + pick(2));
            QList<OrderLineRequest> orderLines;
            for (int j = 0; j < size; ++j) {
                bool merged = false;
                for (OrderLineRequest &existingLine : orderLines) {
                    if (existingLine.sku == lines.at(i + j).sku) {
                        existingLine.qty += lines.at(i + j).qty;
                        merged = true;
                    }
                }
                if (!merged) {
                    orderLines << lines.at(i + j);
                }
            }
            dayOrders << orderLines;
            i += size;
        }
        const int secondsOpen = 15 * 3600;
        QList<int> times;
        for (int i = 0; i < dayOrders.size(); ++i) {
            times << pick(secondsOpen);
        }
        std::sort(times.begin(), times.end());
        for (int i = 0; i < dayOrders.size(); ++i) {
            simulated = QDateTime(date, QTime(7, 30), QTimeZone::utc()).addSecs(times.at(i));
            PlaceOrderRequest request;
            request.lines = dayOrders.at(i);
            const double channel = uniform(0, 1);
            if (channel >= 0.97) {
                request.channel = QStringLiteral("wholesale");
            } else if (channel < 0.65) {
                request.channel = QStringLiteral("shopify");
                request.externalId = QStringLiteral("#%1").arg(++externalCounter);
            } else if (channel < 0.9) {
                request.channel = QStringLiteral("amazon");
                request.externalId = QStringLiteral("206-%1-%2")
                                         .arg(1000000 + pick(8999999))
                                         .arg(1000000 + ++externalCounter);
            }
            request.customerName = QStringLiteral("%1 %2").arg(
                QString::fromLatin1(firstNames.at(pick(int(firstNames.size())))),
                QString::fromLatin1(lastNames.at(pick(int(lastNames.size())))));
            request.shipRegion = QString::fromLatin1(regions.at(pick(int(regions.size()))));
            request.paymentStatus
                = uniform(0, 1) < 0.93 ? QStringLiteral("paid") : QStringLiteral("authorized");
            if (request.channel == QLatin1String("wholesale")) {
                request.paymentStatus = QStringLiteral("pending"); // invoiced: pays later
            }
            STOCKROOM_TRY(placed, orders.place(request));
            ++summary.orders;
            summary.orderLines += int(placed.lines.size());
            const bool backordered = placed.status == QLatin1String("backordered");
            summary.backorderedOrders += backordered ? 1 : 0;
            open << OpenOrder {placed.number, day, request.paymentStatus == QLatin1String("authorized")};
        }

        // Buyer's review at 18:00 on Mondays: order up to five weeks of demand where stock runs low.
        if (date.dayOfWeek() == 1) {
            simulated = QDateTime(date, QTime(18, 0), QTimeZone::utc());
            StockRepository levels(db);
            STOCKROOM_TRY(all, levels.levels());
            QHash<QString, int> available;
            for (const StockLevelRow &level : std::as_const(all)) {
                available.insert(level.sku + QLatin1Char('@') + level.locationCode, level.onHand);
            }
            // One purchase order per supplier and location, with a line per product running low.
            QMap<QPair<int, QString>, QList<std::pair<int, int>>>
                wanted; // (supplier, location) → (product, qty)
            for (int p = 0; p < products.size(); ++p) {
                const DemoProduct &product = products.at(p);
                for (const DemoLocation &loc : std::as_const(locations)) {
                    const QString code = QString::fromLatin1(loc.code);
                    const QString key = product.sku + QLatin1Char('@') + code;
                    const double daily = rate(product, p, day, date) / weekly[0] * loc.share / shareSum;
                    const int position = available.value(key) + onOrder.value(key);
                    const int reorderPoint = int(std::ceil(daily * (product.leadTimeDays + 7)));
                    if (position <= reorderPoint) {
                        const int qty = std::max(1, int(std::ceil(daily * 35)) - position + reorderPoint / 2);
                        wanted[{p % int(demoSuppliers.size()), code}].append({p, qty});
                        onOrder[key] += qty;
                    }
                }
            }
            for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
                QList<QuantityLine> lines;
                int leadTime = 0;
                for (const auto &[p, qty] : it.value()) {
                    QuantityLine line;
                    line.sku = products.at(p).sku;
                    line.qty = qty;
                    line.unitCostCents = std::lround(unitCosts.value(line.sku) * uniform(0.94, 1.08));
                    lines << line;
                    leadTime = std::max(leadTime, products.at(p).leadTimeDays);
                }
                STOCKROOM_TRY(po,
                              purchases.create(QString::fromLatin1(demoSuppliers.at(it.key().first).first),
                                               it.key().second, date.addDays(leadTime).toString(Qt::ISODate),
                                               lines));
                STOCKROOM_CHECK(purchases.order(po.number));
                ++summary.purchaseOrders;
                for (const auto &[p, qty] : it.value()) {
                    // One delivery in eight is late by one to three weeks: the stockouts of the history. Now
                    // and then the supplier sends a little less (the rest never comes) or a little more.
                    const int delay = uniform(0, 1) < 0.125 ? 7 + pick(15) : 0;
                    const double shape = uniform(0, 1);
                    const int delivered = shape < 0.08 ? std::max(1, qty - 1 - pick(3))
                        : shape > 0.95                 ? qty + 1 + pick(3)
                                                       : qty;
                    arrivals << Arrival {day + products.at(p).leadTimeDays + delay, products.at(p).sku,
                                         it.key().second, delivered, po.number};
                }
            }
        }
        const int left = options.days - 1 - day; // 0 on the last day
        if (locations.size() >= 2 && left <= 28) {
            simulated = QDateTime(date, QTime(17, 0), QTimeZone::utc());
            STOCKROOM_CHECK(inventoryDay(left));
        }
    }
    // Reorder points and quantities the buyer works with: lead time plus a week of demand, five weeks' worth.
    simulated = QDateTime(endDate, QTime(18, 30), QTimeZone::utc());
    for (int p = 0; p < products.size(); ++p) {
        const DemoProduct &product = products.at(p);
        for (const DemoLocation &loc : std::as_const(locations)) {
            const double daily = product.baseRate * loc.share / shareSum;
            STOCKROOM_CHECK(catalog.setStockSettings(product.sku, QString::fromLatin1(loc.code), std::nullopt,
                                                     int(std::ceil(daily * (product.leadTimeDays + 7))),
                                                     std::max(1, int(std::ceil(daily * 35)))));
        }
    }
    if (progress) {
        progress(options.days, options.days);
    }
    return summary;
}

} // namespace Stockroom
