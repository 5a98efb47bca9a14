// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderimport.h"

#include "csvreader.h"
#include "orderstatus.h"

#include <QFile>
#include <QHash>

#include <algorithm>
#include <array>
#include <cstring>

namespace Stockroom {

namespace {

constexpr qsizetype maxProblems = 1000; ///< the last one then says how many more there are
constexpr qint64 maxCents = 10'000'000'000; ///< 100,000,000.00
constexpr qint64 maxQty = 1'000'000;
/** How much of the file's start is looked at to tell a tab-separated report from a CSV file. */
constexpr qint64 sniffBytes = 64 * 1024;

/** What a column means, whichever platform's name it has. */
enum Field {
    Key, ///< the order id or name
    AltKey, ///< another id, used when Key is empty (our `order`, WooCommerce's order_id, eBay's record number)
    Channel,
    PlacedAt,
    Status, ///< the platform's order status
    PaymentState, ///< payment in the platform's words (Shopify's Financial Status) or ours
    FulfilmentStatus,
    LineStatus, ///< per line: Shopify's Lineitem fulfillment status, Amazon's item-status
    CancelledAt,
    RequiresShipping,
    Total,
    Paid,
    Refunded,
    Outstanding,
    Currency,
    ShipName,
    ShipFirstName,
    ShipLastName,
    BillName,
    BillFirstName,
    BillLastName,
    Email,
    Address, ///< one line (our format)
    Region, ///< ours
    ShipStreet,
    ShipAddress1,
    ShipAddress2,
    ShipCity,
    ShipPostcode,
    ShipProvince,
    ShipProvinceName,
    ShipCountry,
    BillStreet,
    BillAddress1,
    BillAddress2,
    BillCity,
    BillPostcode,
    BillProvince,
    BillProvinceName,
    BillCountry,
    Note,
    LineNumber,
    Sku,
    ItemName,
    Variation,
    ItemNumber,
    Qty,
    QtyLessRefunds, ///< WooCommerce exports' "Quantity (- Refund)"
    UnitPrice,
    LineTotal,
    QtyShipped,
    QtyCancelled,
    PaidDate,
    ShippedDate,
    LineItems, ///< WooCommerce's line_items: all items of an order in one cell
    LineItem1, ///< WooCommerce's line_item_1, line_item_2, …: one item per cell
    FieldCount,
};

/** The shapes of files; WooCommerce has two. */
enum class Shape {
    Stockroom,
    Shopify,
    Amazon,
    Ebay,
    Etsy,
    WooOrders,
    WooItems,
};

struct ColumnSpec
{
    Field field;
    QList<QLatin1String> names; ///< as the platform writes them, preferred first; the first one in messages
    QStringList keys = {}; ///< the names in lower case, as headers are compared
};

struct FormatSpec
{
    Shape shape;
    OrderFileFormat format;
    QList<ColumnSpec> columns;
    QList<QList<Field>> required; ///< for each entry, one of its fields must have a column
    bool strict = false; ///< every column must be known (our own format)
};

using L = QLatin1String;

const QList<FormatSpec> &formatSpecs();

QList<FormatSpec> makeFormatSpecs()
{
    QList<FormatSpec> specs {
        {Shape::Stockroom,
         OrderFileFormat::Stockroom,
         {{AltKey, {L("order")}},
          {Channel, {L("channel")}},
          {Key, {L("external_id")}},
          {PlacedAt, {L("placed_at")}},
          {Status, {L("status")}},
          {PaymentState, {L("payment_status")}},
          {ShipName, {L("customer")}},
          {Email, {L("email")}},
          {Address, {L("address")}},
          {ShipPostcode, {L("postcode")}},
          {Region, {L("region")}},
          {Total, {L("total")}},
          {Paid, {L("paid")}},
          {Refunded, {L("refunded")}},
          {LineNumber, {L("line")}},
          {Sku, {L("sku")}},
          {ItemName, {L("name")}},
          {Qty, {L("qty")}},
          {UnitPrice, {L("unit_price")}},
          {QtyShipped, {L("qty_shipped")}},
          {QtyCancelled, {L("qty_cancelled")}},
          {Note, {L("note")}}},
         {{AltKey}, {PlacedAt}, {Sku}, {Qty}, {UnitPrice}},
         true},
        {Shape::Shopify,
         OrderFileFormat::Shopify,
         {{Key, {L("Name")}},
          {PlacedAt, {L("Created at")}},
          {PaymentState, {L("Financial Status")}},
          {FulfilmentStatus, {L("Fulfillment Status")}},
          {LineStatus, {L("Lineitem fulfillment status")}},
          {CancelledAt, {L("Cancelled at")}},
          {RequiresShipping, {L("Lineitem requires shipping")}},
          {Total, {L("Total")}},
          {Refunded, {L("Refunded Amount")}},
          {Outstanding, {L("Outstanding Balance")}},
          {Currency, {L("Currency")}},
          {ShipName, {L("Shipping Name")}},
          {BillName, {L("Billing Name")}},
          {Email, {L("Email")}},
          {ShipStreet, {L("Shipping Street")}},
          {ShipAddress1, {L("Shipping Address1")}},
          {ShipAddress2, {L("Shipping Address2")}},
          {ShipCity, {L("Shipping City")}},
          {ShipPostcode, {L("Shipping Zip")}},
          {ShipProvince, {L("Shipping Province")}},
          {ShipProvinceName, {L("Shipping Province Name")}},
          {ShipCountry, {L("Shipping Country")}},
          {BillStreet, {L("Billing Street")}},
          {BillAddress1, {L("Billing Address1")}},
          {BillAddress2, {L("Billing Address2")}},
          {BillCity, {L("Billing City")}},
          {BillPostcode, {L("Billing Zip")}},
          {BillProvince, {L("Billing Province")}},
          {BillProvinceName, {L("Billing Province Name")}},
          {BillCountry, {L("Billing Country")}},
          {Note, {L("Notes")}},
          {Sku, {L("Lineitem sku")}},
          {ItemName, {L("Lineitem name")}},
          {Qty, {L("Lineitem quantity")}},
          {UnitPrice, {L("Lineitem price")}}},
         {{Key}, {PlacedAt}, {PaymentState}, {Qty}, {ItemName}, {UnitPrice}}},
        // The All Orders report (amazon-order-id, quantity, item-price) and the Unshipped/New Orders report
        // (order-id, quantity-purchased, recipient-name).
        {Shape::Amazon,
         OrderFileFormat::Amazon,
         {{Key, {L("amazon-order-id"), L("order-id")}},
          {PlacedAt, {L("purchase-date")}},
          {Status, {L("order-status")}},
          {LineStatus, {L("item-status")}},
          {Currency, {L("currency")}},
          {ShipName, {L("recipient-name"), L("ship-name")}},
          {BillName, {L("buyer-name")}},
          {Email, {L("buyer-email")}},
          {ShipAddress1, {L("ship-address-1")}},
          {ShipAddress2, {L("ship-address-2")}},
          {ShipCity, {L("ship-city")}},
          {ShipPostcode, {L("ship-postal-code")}},
          {ShipProvince, {L("ship-state")}},
          {ShipCountry, {L("ship-country")}},
          {Sku, {L("sku")}},
          {ItemName, {L("product-name")}},
          {Qty, {L("quantity"), L("quantity-purchased")}},
          {QtyShipped, {L("quantity-shipped")}},
          {LineTotal, {L("item-price")}}},
         {{Key}, {PlacedAt}, {Sku}, {Qty}}},
        // Seller Hub's Orders report; eBay.co.uk writes "Post To …" where eBay.com writes "Ship To …", and
        // some reports name the order "Order ID" and the price "Item Price".
        {Shape::Ebay,
         OrderFileFormat::Ebay,
         {{Key, {L("Order Number"), L("Order ID")}},
          {AltKey, {L("Sales Record Number")}},
          {PlacedAt, {L("Sale Date"), L("Order Date")}},
          {ShipName, {L("Ship To Name"), L("Post To Name")}},
          {BillName, {L("Buyer Name")}},
          {Email, {L("Buyer Email")}},
          {ShipAddress1, {L("Ship To Address 1"), L("Post To Address 1")}},
          {ShipAddress2, {L("Ship To Address 2"), L("Post To Address 2")}},
          {ShipCity, {L("Ship To City"), L("Post To City")}},
          {ShipProvince, {L("Ship To State"), L("Post To County")}},
          {ShipPostcode, {L("Ship To Zip"), L("Post To Postcode")}},
          {ShipCountry, {L("Ship To Country"), L("Post To Country")}},
          {Note, {L("Buyer Note")}},
          {ItemNumber, {L("Item Number"), L("Item ID")}},
          {ItemName, {L("Item Title")}},
          {Sku, {L("Custom Label")}},
          {Variation, {L("Variation Details")}},
          {Qty, {L("Quantity")}},
          {UnitPrice, {L("Sold For"), L("Item Price")}},
          {Total, {L("Total Price")}},
          {PaidDate, {L("Paid On Date")}},
          {ShippedDate, {L("Shipped On Date"), L("Dispatched On Date")}}},
         {{Key, AltKey}, {PlacedAt}, {ItemName}, {Qty}, {UnitPrice}}},
        {Shape::Etsy,
         OrderFileFormat::Etsy,
         {{Key, {L("Order ID")}},
          {PlacedAt, {L("Sale Date")}},
          {ItemName, {L("Item Name")}},
          {BillName, {L("Buyer")}},
          {Qty, {L("Quantity")}},
          {UnitPrice, {L("Price")}},
          {Currency, {L("Currency")}},
          {ItemNumber, {L("Listing ID")}},
          {PaidDate, {L("Date Paid")}},
          {ShippedDate, {L("Date Shipped"), L("Date Posted")}},
          {ShipName, {L("Ship Name")}},
          {ShipAddress1, {L("Ship Address1")}},
          {ShipAddress2, {L("Ship Address2")}},
          {ShipCity, {L("Ship City")}},
          {ShipProvince, {L("Ship State")}},
          {ShipPostcode, {L("Ship Zipcode")}},
          {ShipCountry, {L("Ship Country")}},
          {Variation, {L("Variations")}},
          {Sku, {L("SKU")}}},
         {{Key}, {PlacedAt}, {ItemName}, {Qty}, {UnitPrice}}},
        // One row per order: SkyVerge's Customer/Order CSV Export (line_items) and WebToffee's Order
        // Import Export (line_item_1, line_item_2, …).
        {Shape::WooOrders,
         OrderFileFormat::WooCommerce,
         {{Key, {L("order_number")}},
          {AltKey, {L("order_id")}},
          {PlacedAt, {L("order_date"), L("date_created")}},
          {Status, {L("status"), L("order_status")}},
          {Total, {L("order_total")}},
          {Refunded, {L("refunded_total"), L("order_refunds")}},
          {Currency, {L("order_currency"), L("currency")}},
          {ShipName, {L("shipping_full_name")}},
          {ShipFirstName, {L("shipping_first_name")}},
          {ShipLastName, {L("shipping_last_name")}},
          {BillName, {L("billing_full_name")}},
          {BillFirstName, {L("billing_first_name")}},
          {BillLastName, {L("billing_last_name")}},
          {Email, {L("billing_email"), L("customer_email")}},
          {ShipAddress1, {L("shipping_address_1")}},
          {ShipAddress2, {L("shipping_address_2")}},
          {ShipCity, {L("shipping_city")}},
          {ShipPostcode, {L("shipping_postcode")}},
          {ShipProvince, {L("shipping_state"), L("shipping_state_code")}},
          {ShipCountry, {L("shipping_country")}},
          {BillAddress1, {L("billing_address_1")}},
          {BillAddress2, {L("billing_address_2")}},
          {BillCity, {L("billing_city")}},
          {BillPostcode, {L("billing_postcode")}},
          {BillProvince, {L("billing_state"), L("billing_state_code")}},
          {BillCountry, {L("billing_country")}},
          {Note, {L("customer_note")}},
          {PaidDate, {L("paid_date"), L("date_paid")}},
          {LineItems, {L("line_items")}},
          {LineItem1, {L("line_item_1")}}},
         {{Key, AltKey}, {PlacedAt}, {Status}, {LineItems, LineItem1}}},
        // One row per item: Advanced Order Export For WooCommerce ("Address 1&2 (Shipping)", "Item Cost")
        // and WP All Export ("Shipping Address 1", "Product Name").
        {Shape::WooItems,
         OrderFileFormat::WooCommerce,
         {{Key, {L("Order Number")}},
          {AltKey, {L("Order ID")}},
          {PlacedAt, {L("Order Date")}},
          {Status, {L("Order Status")}},
          {Total, {L("Order Total Amount"), L("Order Total")}},
          {Refunded, {L("Order Refund Amount"), L("Refund Amount")}},
          {Currency, {L("Order Currency"), L("Currency")}},
          {ShipName, {L("Full Name (Shipping)")}},
          {ShipFirstName, {L("First Name (Shipping)"), L("Shipping First Name")}},
          {ShipLastName, {L("Last Name (Shipping)"), L("Shipping Last Name")}},
          {BillName, {L("Full Name (Billing)")}},
          {BillFirstName, {L("First Name (Billing)"), L("Billing First Name")}},
          {BillLastName, {L("Last Name (Billing)"), L("Billing Last Name")}},
          {Email,
           {L("Email (Billing)"), L("Billing Email Address"), L("Billing Email"), L("Customer Email")}},
          {ShipStreet, {L("Address 1&2 (Shipping)")}},
          {ShipAddress1, {L("Address 1 (Shipping)"), L("Shipping Address 1")}},
          {ShipAddress2, {L("Address 2 (Shipping)"), L("Shipping Address 2")}},
          {ShipCity, {L("City (Shipping)"), L("Shipping City")}},
          {ShipPostcode, {L("Postcode (Shipping)"), L("Shipping Postcode")}},
          {ShipProvince, {L("State Code (Shipping)"), L("Shipping State")}},
          {ShipProvinceName, {L("State Name (Shipping)")}},
          {ShipCountry, {L("Country Code (Shipping)"), L("Shipping Country")}},
          {BillStreet, {L("Address 1&2 (Billing)")}},
          {BillAddress1, {L("Address 1 (Billing)"), L("Billing Address 1")}},
          {BillAddress2, {L("Address 2 (Billing)"), L("Billing Address 2")}},
          {BillCity, {L("City (Billing)"), L("Billing City")}},
          {BillPostcode, {L("Postcode (Billing)"), L("Billing Postcode")}},
          {BillProvince, {L("State Code (Billing)"), L("Billing State")}},
          {BillProvinceName, {L("State Name (Billing)")}},
          {BillCountry, {L("Country Code (Billing)"), L("Billing Country")}},
          {Note, {L("Customer Note")}},
          {PaidDate, {L("Paid Date"), L("Date Paid"), L("Order Paid Date")}},
          {Sku, {L("SKU")}},
          {ItemName, {L("Item Name"), L("Product Name"), L("Product Name (main)"), L("Name")}},
          {Variation, {L("Product Variation")}},
          {Qty, {L("Quantity"), L("Qty")}},
          {QtyLessRefunds, {L("Quantity (- Refund)")}},
          {UnitPrice, {L("Item Cost"), L("Item Price")}},
          {LineTotal,
           {L("Item Total"), L("Order Line Subtotal"), L("Order Line (w/o tax)"), L("Order Line Total")}}},
         {{Key, AltKey},
          {PlacedAt},
          {Status},
          {ItemName, Sku},
          {Qty, QtyLessRefunds},
          {UnitPrice, LineTotal}}},
    };
    for (FormatSpec &spec : specs) {
        for (ColumnSpec &column : spec.columns) {
            for (const QLatin1String name : std::as_const(column.names)) {
                column.keys << QString(name).toLower(); // the names are simplified already
            }
        }
    }
    return specs;
}

const QList<FormatSpec> &formatSpecs()
{
    static const QList<FormatSpec> specs = makeFormatSpecs();
    return specs;
}

/** A header as compared: trimmed, single spaces, lower case. */
QString headerKey(QStringView header)
{
    return header.toString().simplified().toLower();
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

QByteArrayView trimmed(QByteArrayView view)
{
    while (!view.isEmpty() && isSpace(view.front())) {
        view = view.sliced(1);
    }
    while (!view.isEmpty() && isSpace(view.back())) {
        view.chop(1);
    }
    return view;
}

bool equalsIgnoringCase(QByteArrayView view, const char *word)
{
    const qsizetype length = qsizetype(std::strlen(word));
    return view.size() == length && qstrnicmp(view.data(), view.size(), word, length) == 0;
}

/** Lower case, "wc-" and spaces or underscores as dashes: "On hold", "wc-on-hold" and "on_hold" alike. */
QString statusWord(QByteArrayView view)
{
    QString word = QString::fromUtf8(view).toLower();
    if (word.startsWith(QLatin1String("wc-"))) {
        word.remove(0, 3);
    }
    word.replace(QLatin1Char(' '), QLatin1Char('-'));
    word.replace(QLatin1Char('_'), QLatin1Char('-'));
    return word;
}

/** A reading of a cell: a value, or why there is none. */
template<typename T>
struct Reading
{
    std::optional<T> value;
    QString problem;
};

/** A whole number of units, at least 1 ("2.0" too, as spreadsheets write it). */
Reading<int> quantity(QByteArrayView raw, bool zeroAllowed = false)
{
    const QByteArrayView view = trimmed(raw);
    qsizetype end = view.indexOf('.');
    bool whole = end != 0;
    if (end < 0) {
        end = view.size();
    } else {
        for (qsizetype i = end + 1; i < view.size(); ++i) {
            whole = whole && view[i] == '0';
        }
    }
    qint64 value = 0;
    for (qsizetype i = 0; i < end && whole; ++i) {
        whole = isDigit(view[i]) && value <= maxQty;
        value = value * 10 + (view[i] - '0');
    }
    if (!whole || view.isEmpty() || value > maxQty || (value == 0 && !zeroAllowed)) {
        return {
            std::nullopt,
            OrderFileReader::tr("\"%1\" is not a quantity: a whole number from %2 to %3")
                .arg(QString::fromUtf8(raw), QString::number(zeroAllowed ? 0 : 1), QString::number(maxQty))};
    }
    return {int(value), {}};
}

/** An amount of money in cents, the currency its sign names (empty when none), or why it is not one. */
struct Money
{
    std::optional<qint64> cents;
    bool negative = false;
    QString currency;
    QString problem;
};

enum class MoneyStyle {
    Plain, ///< ours: 1234.50, a dot before the cents, at most 2 decimals, nothing else
    Platform, ///< also a currency sign ($, US $, £, €, EUR …), thousands separators, more decimals rounded
};

/** The currency a sign stands for; empty when we do not know it. "$" is eBay.com's and Etsy's US dollar. */
QString currencyOfSign(QByteArrayView sign)
{
    QByteArray compact;
    for (const char c : sign) {
        if (!isSpace(c)) {
            compact += (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
        }
    }
    static const std::array<std::pair<const char *, const char *>, 18> signs {{
        {"$", "USD"},
        {"US$", "USD"},
        {"C$", "CAD"},
        {"CA$", "CAD"},
        {"AU$", "AUD"},
        {"A$", "AUD"},
        {"NZ$", "NZD"},
        {"\xC2\xA3", "GBP"}, // £
        {"\xE2\x82\xAC", "EUR"}, // €
        {"USD", "USD"},
        {"CAD", "CAD"},
        {"AUD", "AUD"},
        {"NZD", "NZD"},
        {"GBP", "GBP"},
        {"EUR", "EUR"},
        {"CHF", "CHF"},
        {"SEK", "SEK"},
        {"DKK", "DKK"},
    }};
    for (const auto &[written, code] : signs) {
        if (compact == written) {
            return QString::fromLatin1(code);
        }
    }
    return {};
}

Money money(QByteArrayView raw, MoneyStyle style)
{
    Money result;
    const QString text = QString::fromUtf8(raw).trimmed();
    auto notMoney = [&](const QString &why = QString()) {
        result.cents.reset();
        result.problem = why.isEmpty()
            ? OrderFileReader::tr("\"%1\" is not an amount of money").arg(text)
            : OrderFileReader::tr("\"%1\" is not an amount of money: %2").arg(text, why);
        return result;
    };
    QByteArrayView view = trimmed(raw);
    if (view.startsWith('-')) {
        result.negative = true;
        view = trimmed(view.sliced(1));
    }
    qsizetype first = 0;
    while (first < view.size() && !isDigit(view[first]) && view[first] != '.') {
        ++first;
    }
    QByteArrayView sign = trimmed(view.first(first));
    if (sign.endsWith('-')) { // "$-5.00"
        result.negative = true;
        sign = trimmed(sign.chopped(1));
    }
    QByteArrayView number = view.sliced(first);
    qsizetype last = number.size();
    while (last > 0 && !isDigit(number[last - 1])) {
        --last;
    }
    const QByteArrayView suffix = trimmed(number.sliced(last)); // "12,99 €"
    number = number.first(last);
    if (number.isEmpty()) {
        return notMoney();
    }
    if (!sign.isEmpty() || !suffix.isEmpty()) {
        if (style == MoneyStyle::Plain || (!sign.isEmpty() && !suffix.isEmpty())) {
            return notMoney(OrderFileReader::tr("write the amount alone, like 1234.50"));
        }
        const QByteArrayView written = sign.isEmpty() ? suffix : sign;
        result.currency = currencyOfSign(written);
        if (result.currency.isEmpty()) {
            return notMoney(
                OrderFileReader::tr("\"%1\" is not a currency sign we know ($, US $, C $, AU $, £, "
                                    "€ or a code like EUR)")
                    .arg(QString::fromUtf8(written)));
        }
    }
    QByteArray figures; // digits and at most one dot
    const qsizetype comma = number.indexOf(',');
    if (comma >= 0) {
        if (style == MoneyStyle::Plain) {
            return notMoney(OrderFileReader::tr("write the cents after a dot and no thousands separators "
                                                "(1234.50)"));
        }
        const qsizetype dot = number.indexOf('.');
        const qsizetype lastComma = number.lastIndexOf(',');
        const qsizetype decimalsAfter = number.size() - lastComma - 1;
        if (dot < 0 && comma == lastComma && (decimalsAfter == 1 || decimalsAfter == 2)) {
            figures = number.toByteArray(); // "12,99": a decimal comma (eBay.de, Etsy in Europe)
            figures[lastComma] = '.';
        } else {
            // Thousands separators: groups of three digits before the dot ("1,433.66").
            const qsizetype wholeEnd = dot < 0 ? number.size() : dot;
            qsizetype group = 0;
            bool grouped = true;
            for (qsizetype i = wholeEnd - 1; i >= 0; --i) {
                if (number[i] == ',') {
                    grouped = grouped && group == 3 && i > 0;
                    group = 0;
                } else {
                    ++group;
                }
            }
            if (!grouped || group > 3) {
                return notMoney();
            }
            for (const char c : number) {
                if (c != ',') {
                    figures += c;
                }
            }
        }
    } else {
        figures = number.toByteArray();
    }
    const qsizetype dot = figures.indexOf('.');
    const QByteArrayView whole = dot < 0 ? QByteArrayView(figures) : QByteArrayView(figures).first(dot);
    QByteArrayView decimals = dot < 0 ? QByteArrayView() : QByteArrayView(figures).sliced(dot + 1);
    if (whole.isEmpty() || !std::all_of(whole.begin(), whole.end(), isDigit)
        || !std::all_of(decimals.begin(), decimals.end(), isDigit) || (dot >= 0 && decimals.isEmpty())) {
        return notMoney();
    }
    while (decimals.size() > 2 && decimals.back() == '0') {
        decimals.chop(1); // "12.500" is 12.50
    }
    if (decimals.size() > 2 && style == MoneyStyle::Plain) {
        return notMoney(OrderFileReader::tr("at most 2 decimals"));
    }
    if (whole.size() > 12) {
        return notMoney(OrderFileReader::tr("more than 100000000.00"));
    }
    qint64 cents = 0;
    for (const char c : whole) {
        cents = cents * 10 + (c - '0');
    }
    cents *= 100;
    if (!decimals.isEmpty()) {
        cents += (decimals[0] - '0') * 10;
    }
    if (decimals.size() > 1) {
        cents += decimals[1] - '0';
    }
    if (decimals.size() > 2 && decimals[2] >= '5') {
        ++cents; // WooCommerce keeps line totals with tax shares to six places: rounded to the cent
    }
    if (cents > maxCents) {
        return notMoney(OrderFileReader::tr("more than 100000000.00"));
    }
    result.cents = cents;
    return result;
}

/** Days since 1970-01-01 of a date of the proleptic Gregorian calendar (H. Hinnant's algorithm). */
qint64 daysFromCivil(int year, int month, int day)
{
    year -= month <= 2 ? 1 : 0;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const int yearOfEra = year - era * 400;
    const int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return qint64(era) * 146097 + dayOfEra - 719468;
}

int daysInMonth(int year, int month)
{
    static constexpr std::array<int, 12> days {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[size_t(month - 1)];
}

/** A date and time as written, before it becomes a point in time. */
struct Stamp
{
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    std::optional<int> offsetMinutes; ///< east of UTC; nullopt: the file does not say
};

/** A cursor over the bytes of a cell, for dates. */
class Scanner
{
public:
    explicit Scanner(QByteArrayView text)
        : m_text(text)
    {
    }

    bool atEnd() const { return m_at >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_at]; }
    bool take(char c)
    {
        if (peek() != c) {
            return false;
        }
        ++m_at;
        return true;
    }
    bool spaces()
    {
        const qsizetype from = m_at;
        while (!atEnd() && m_text[m_at] == ' ') {
            ++m_at;
        }
        return m_at > from;
    }
    /** minDigits to maxDigits digits. */
    std::optional<int> number(int minDigits, int maxDigits)
    {
        int value = 0;
        int count = 0;
        while (count < maxDigits && isDigit(peek())) {
            value = value * 10 + (m_text[m_at] - '0');
            ++m_at;
            ++count;
        }
        if (count < minDigits) {
            return std::nullopt;
        }
        return value;
    }
    QByteArrayView letters()
    {
        const qsizetype from = m_at;
        while (isLetter(peek())) {
            ++m_at;
        }
        return m_text.sliced(from, m_at - from);
    }
    /** "Z", "+hh:mm", "+hhmm", "+hh" (or the same after "UTC"/"GMT"). */
    bool offset(Stamp &stamp)
    {
        if (take('Z') || take('z')) {
            stamp.offsetMinutes = 0;
            return true;
        }
        const char sign = peek();
        if (sign != '+' && sign != '-') {
            return false;
        }
        ++m_at;
        const std::optional<int> hours = number(2, 2);
        if (!hours) {
            return false;
        }
        take(':');
        const std::optional<int> minutes = atEnd() ? std::optional<int>(0) : number(2, 2);
        if (!minutes || *hours > 14 || *minutes > 59) {
            return false;
        }
        stamp.offsetMinutes = (sign == '-' ? -1 : 1) * (*hours * 60 + *minutes);
        return true;
    }
    /** " 09:55" or " 09:55:16" or "T09:55:16.123" (fractions dropped). */
    bool time(Stamp &stamp)
    {
        const std::optional<int> hour = number(1, 2);
        if (!hour || !take(':')) {
            return false;
        }
        const std::optional<int> minute = number(2, 2);
        if (!minute) {
            return false;
        }
        stamp.hour = *hour;
        stamp.minute = *minute;
        if (take(':')) {
            const std::optional<int> second = number(2, 2);
            if (!second) {
                return false;
            }
            stamp.second = *second;
            if (take('.') || take(',')) {
                if (!number(1, 9)) {
                    return false;
                }
                while (isDigit(peek())) {
                    ++m_at;
                }
            }
        }
        return true;
    }

private:
    QByteArrayView m_text;
    qsizetype m_at = 0;
};

int monthOfName(QByteArrayView name)
{
    static const std::array<const char *, 12> months {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};
    if (name.size() < 3) {
        return 0;
    }
    for (size_t m = 0; m < months.size(); ++m) {
        if (qstrnicmp(name.data(), 3, months[m], 3) == 0
            && (name.size() == 3 || (name.size() == 4 && qstrnicmp(name.data(), 4, "sept", 4) == 0))) {
            return int(m) + 1;
        }
    }
    return 0;
}

/** A two-digit year is of this century (order files are recent). */
int fullYear(int year, int digits)
{
    return digits <= 2 ? 2000 + year : year;
}

/** "2025-05-11 09:55:16 -0400", "2025-01-02T10:11:12+00:00", "2025-03-04 14:22:10", "2025-03-04". */
std::optional<Stamp> isoStamp(QByteArrayView text)
{
    Scanner scan(text);
    Stamp stamp;
    const std::optional<int> year = scan.number(4, 4);
    if (!year || !scan.take('-')) {
        return std::nullopt;
    }
    const std::optional<int> month = scan.number(1, 2);
    if (!month || !scan.take('-')) {
        return std::nullopt;
    }
    const std::optional<int> day = scan.number(1, 2);
    if (!day) {
        return std::nullopt;
    }
    stamp.year = *year;
    stamp.month = *month;
    stamp.day = *day;
    if (scan.atEnd()) {
        return stamp;
    }
    if (!scan.take('T') && !scan.take('t') && !scan.spaces()) {
        return std::nullopt;
    }
    if (!scan.time(stamp)) {
        return std::nullopt;
    }
    scan.spaces();
    const char next = scan.peek();
    if (next == 'Z' || next == 'z' || next == '+' || next == '-') {
        if (!scan.offset(stamp)) {
            return std::nullopt;
        }
    } else if (!scan.atEnd()) {
        const QByteArrayView zone = scan.letters();
        if (!equalsIgnoringCase(zone, "UTC") && !equalsIgnoringCase(zone, "GMT")) {
            return std::nullopt;
        }
        stamp.offsetMinutes = 0;
        if (!scan.atEnd() && !scan.offset(stamp)) { // "UTC+01:00"
            return std::nullopt;
        }
    }
    if (!scan.atEnd()) {
        return std::nullopt;
    }
    return stamp;
}

/** US time zones as eBay.com writes them, and Europe's; others need an offset. */
std::optional<int> zoneOffsetMinutes(QByteArrayView zone)
{
    static const std::array<std::pair<const char *, int>, 16> zones {{
        {"UTC", 0},
        {"GMT", 0},
        {"BST", 60},
        {"CET", 60},
        {"CEST", 120},
        {"EST", -300},
        {"EDT", -240},
        {"CST", -360},
        {"CDT", -300},
        {"MST", -420},
        {"MDT", -360},
        {"PST", -480},
        {"PDT", -420},
        {"AKST", -540},
        {"AKDT", -480},
        {"HST", -600},
    }};
    for (const auto &[name, minutes] : zones) {
        if (equalsIgnoringCase(zone, name)) {
            return minutes;
        }
    }
    return std::nullopt;
}

/**
 * eBay's report dates: "Mar-05-25", "Mar-05-25 10:11:12", "Mar-05-25 10:11:12 PDT" (eBay.com),
 * "05-Mar-25" (eBay.co.uk), "Mar 5, 2025". Without a zone the time is the seller's: taken as UTC.
 * `zoneProblem` is set to the zone's name when it is one we do not know.
 */
std::optional<Stamp> ebayStamp(QByteArrayView text, QByteArrayView &unknownZone)
{
    Scanner scan(text);
    Stamp stamp;
    int yearDigits = 0;
    auto year = [&scan, &yearDigits]() -> std::optional<int> {
        Scanner copy = scan;
        if (const std::optional<int> four = copy.number(4, 4)) {
            scan = copy;
            yearDigits = 4;
            return four;
        }
        yearDigits = 2;
        return scan.number(2, 2);
    };
    if (isLetter(scan.peek())) {
        stamp.month = monthOfName(scan.letters());
        if (scan.take('-')) { // Mar-05-25
            const std::optional<int> day = scan.number(1, 2);
            if (!day || !scan.take('-')) {
                return std::nullopt;
            }
            stamp.day = *day;
        } else { // Mar 5, 2025
            if (!scan.spaces()) {
                return std::nullopt;
            }
            const std::optional<int> day = scan.number(1, 2);
            if (!day || !scan.take(',')) {
                return std::nullopt;
            }
            scan.spaces();
            stamp.day = *day;
        }
    } else { // 05-Mar-25
        const std::optional<int> day = scan.number(1, 2);
        if (!day || !scan.take('-')) {
            return std::nullopt;
        }
        stamp.day = *day;
        stamp.month = monthOfName(scan.letters());
        if (!scan.take('-')) {
            return std::nullopt;
        }
    }
    const std::optional<int> y = year();
    if (!y || stamp.month == 0) {
        return std::nullopt;
    }
    stamp.year = fullYear(*y, yearDigits);
    if (scan.spaces() && !scan.atEnd()) {
        if (!scan.time(stamp)) {
            return std::nullopt;
        }
        if (scan.spaces() && !scan.atEnd()) {
            if (scan.peek() == '+' || scan.peek() == '-') {
                if (!scan.offset(stamp)) {
                    return std::nullopt;
                }
            } else {
                const QByteArrayView zone = scan.letters();
                stamp.offsetMinutes = zoneOffsetMinutes(zone);
                if (!stamp.offsetMinutes) {
                    unknownZone = zone;
                    return std::nullopt;
                }
            }
        }
    }
    if (!scan.atEnd()) {
        return std::nullopt;
    }
    return stamp;
}

/** Etsy's "03/05/25" (month/day/year), also with a four-digit year. */
std::optional<Stamp> usStamp(QByteArrayView text)
{
    Scanner scan(text);
    Stamp stamp;
    const std::optional<int> month = scan.number(1, 2);
    if (!month || !scan.take('/')) {
        return std::nullopt;
    }
    const std::optional<int> day = scan.number(1, 2);
    if (!day || !scan.take('/')) {
        return std::nullopt;
    }
    Scanner copy = scan;
    std::optional<int> year = copy.number(4, 4);
    int digits = 4;
    if (year) {
        scan = copy;
    } else {
        year = scan.number(2, 2);
        digits = 2;
    }
    if (!year) {
        return std::nullopt;
    }
    stamp.month = *month;
    stamp.day = *day;
    stamp.year = fullYear(*year, digits);
    if (scan.spaces() && !scan.atEnd() && !scan.time(stamp)) {
        return std::nullopt;
    }
    if (!scan.atEnd()) {
        return std::nullopt;
    }
    return stamp;
}

/** The point in time, or nullopt when the calendar has no such day or the clock no such time. */
std::optional<QDateTime> utc(const Stamp &stamp)
{
    if (stamp.year < 1970 || stamp.year > 2999 || stamp.month < 1 || stamp.month > 12 || stamp.day < 1
        || stamp.day > daysInMonth(stamp.year, stamp.month) || stamp.hour > 23 || stamp.minute > 59
        || stamp.second > 59) {
        return std::nullopt;
    }
    const qint64 seconds = daysFromCivil(stamp.year, stamp.month, stamp.day) * 86400 + stamp.hour * 3600
        + stamp.minute * 60 + stamp.second - qint64(stamp.offsetMinutes.value_or(0)) * 60;
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

QString joined(const QStringList &parts)
{
    QStringList kept;
    for (const QString &part : parts) {
        if (!part.isEmpty()) {
            kept << part;
        }
    }
    return kept.join(QStringLiteral(", "));
}

/** Shopify writes zip codes as '02134 so that spreadsheets keep the zero. */
QString withoutApostrophe(QString text)
{
    if (text.startsWith(QLatin1Char('\''))) {
        text.remove(0, 1);
    }
    return text;
}

ChannelFulfilment fulfilmentOfLines(const QList<ImportedOrderLine> &lines)
{
    const auto shipped = std::count_if(lines.cbegin(), lines.cend(),
                                       [](const ImportedOrderLine &line) { return line.fulfilled; });
    if (shipped == 0) {
        return ChannelFulfilment::Unfulfilled;
    }
    return shipped == lines.size() ? ChannelFulfilment::Fulfilled : ChannelFulfilment::Partial;
}

bool isPaidState(const QString &paymentStatus)
{
    return paymentStatus == QLatin1String("paid") || paymentStatus == QLatin1String("partially_refunded")
        || paymentStatus == QLatin1String("refunded");
}

/** The unit price of a line whose total the file gives, to the nearest cent. */
qint64 unitOfTotal(qint64 totalCents, int qty)
{
    return (totalCents + qty / 2) / qty;
}

} // namespace

/** The rows of one order while they are read. */
struct PendingOrder
{
    ImportedOrder order;
    QByteArray groupKey; ///< the key as the rows write it (eBay: the order number or the record number)
    QByteArray recordNumber; ///< eBay's Sales Record Number, shared by a summary row and its items
    bool bad = false; ///< a row had a problem: the order is not returned
    bool orderRead = false; ///< the order-level columns were read
    bool paidSeen = false; ///< eBay, Etsy: a row says when it was paid
    bool shippedSeen = false; ///< eBay: the summary row says when the order left
    bool paidOutright = false; ///< WooCommerce: a paid date beside a cancelled status
    bool linesFromStatus = false; ///< WooCommerce "completed", Amazon "Shipped" without item states
    bool placedAtRead = false; ///< eBay: the date was read (from the summary row or the first item)
    bool idFromRecordNumber = false; ///< eBay: the order number was not on the first row
};

struct OrderFileReader::Private
{
    QString fileName;
    OrderFileFormat format = OrderFileFormat::Auto;
    std::unique_ptr<QFile> ownFile;
    QIODevice *device = nullptr;
    std::unique_ptr<CsvStream> stream;
    const FormatSpec *spec = nullptr;
    std::array<int, FieldCount> columns {};
    std::array<QString, FieldCount> columnNames;
    QList<int> itemColumns; ///< WooCommerce: line_items or line_item_1, line_item_2, …
    QStringList header; ///< the header's names as written, trimmed
    qsizetype headerSize = 0;
    int headerLine = 0;
    QList<FileProblem> problems;
    qsizetype moreProblems = 0;
    int rowsRead = 0;
    std::optional<bool> opened; ///< what open() said
    bool finished = false;
    std::optional<PendingOrder> current;
    /** Every order's key and its first line: the rows of one order must stay together. */
    QHash<QByteArray, int> seen;

    Private(const QString &name, OrderFileFormat wanted)
        : fileName(name)
        , format(wanted)
    {
        columns.fill(-1);
    }

    // Problems

    void addProblem(int line, const QString &column, const QString &message)
    {
        if (problems.size() < maxProblems) {
            problems << FileProblem {fileName, line, column, message};
        } else {
            ++moreProblems;
        }
    }

    void rowProblem(PendingOrder &pending, int line, Field field, const QString &message)
    {
        pending.bad = true;
        addProblem(line, columnNames[field], message);
    }

    void capProblems()
    {
        if (moreProblems > 0) {
            problems.removeLast();
            problems << FileProblem {fileName, 0, QString(),
                                     OrderFileReader::tr("… and %1 more problems").arg(moreProblems + 1)};
            moreProblems = 0;
        }
    }

    // Cells of the current record

    bool hasColumn(Field field) const { return columns[field] >= 0; }
    QByteArrayView raw(Field field) const
    {
        return columns[field] < 0 ? QByteArrayView() : trimmed(stream->fieldView(columns[field]));
    }
    bool has(Field field) const { return !raw(field).isEmpty(); }
    QString text(Field field) const
    {
        const QByteArrayView view = raw(field);
        if (view.isEmpty()) {
            return {};
        }
        // Our exports put an apostrophe before text a spreadsheet would run as a formula: take it off.
        return spec && spec->shape == Shape::Stockroom ? CsvFormula::unguard(QString::fromUtf8(view))
                                                       : QString::fromUtf8(view);
    }

    // Opening

    bool open();
    bool readHeader();
    bool mapHeader(const FormatSpec &spec, const QHash<QString, int> &index, const QStringList &header,
                   QStringList *missing);
    QString expectedHeader(const FormatSpec &spec) const;

    // Reading

    std::optional<ImportedOrder> next();
    std::optional<ImportedOrder> readRow();
    std::optional<ImportedOrder> finish(std::optional<PendingOrder> &pending);
    bool isTrailer() const;
    QByteArrayView keyOf() const; ///< the order id of the current record, else its other id

    void readStockroomRow(PendingOrder &pending, int line);
    void readShopifyRow(PendingOrder &pending, int line);
    void readAmazonRow(PendingOrder &pending, int line);
    void readEbayRow(PendingOrder &pending, int line);
    void readEtsyRow(PendingOrder &pending, int line);
    void readWooRow(PendingOrder &pending, int line);

    // Shared pieces of rows

    bool readPlacedAt(PendingOrder &pending, int line);
    std::optional<qint64> readMoney(PendingOrder &pending, int line, Field field, MoneyStyle style,
                                    bool negativeAllowed = false);
    std::optional<int> readQty(PendingOrder &pending, int line, Field field, bool zeroAllowed = false);
    void readCustomer(ImportedOrder &order) const;
    QString itemName() const;
    void addLine(PendingOrder &pending, int line, const QString &sku, const QString &name, int qty,
                 qint64 unitCents, bool fulfilled);
    /** The row's Qty and UnitPrice, then addLine(); an empty price is noPrice (a translatable text). */
    void addPricedLine(PendingOrder &pending, int line, const QString &name, bool fulfilled,
                       const char *noPrice
                       = QT_TRANSLATE_NOOP("OrderFileReader", "empty: an item needs its price"));
    void readWooItem(PendingOrder &pending, int line, int column, QStringView item);
};

bool OrderFileReader::Private::open()
{
    if (opened) {
        return *opened;
    }
    opened = false;
    finished = true; // until the header is read
    if (!device) {
        ownFile = std::make_unique<QFile>(fileName);
        if (!ownFile->open(QIODevice::ReadOnly)) {
            addProblem(0, QString(), OrderFileReader::tr("cannot be opened: %1").arg(ownFile->errorString()));
            return false;
        }
        device = ownFile.get();
    }
    // Amazon's reports are the only tab-separated files we read, and they never quote: a title like
    // 12" vinyl is data there. Tell them by the first line with something on it.
    const QByteArray start
        = device->peek(device->isSequential() ? sniffBytes : qMin(sniffBytes, device->bytesAvailable()));
    qsizetype from = start.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    QByteArrayView firstLine;
    while (from < start.size()) {
        qsizetype end = from;
        while (end < start.size() && start[end] != '\n' && start[end] != '\r') {
            ++end;
        }
        const QByteArrayView candidate = QByteArrayView(start).sliced(from, end - from);
        if (std::any_of(candidate.begin(), candidate.end(),
                        [](char c) { return !isSpace(c) && c != ',' && c != ';'; })) {
            firstLine = candidate;
            break;
        }
        from = end + 1;
    }
    const bool tabs = firstLine.count('\t') > firstLine.count(',');
    stream = std::make_unique<CsvStream>(device, tabs ? '\t' : ',',
                                         tabs ? CsvStream::Quoting::None : CsvStream::Quoting::Quoted);
    if (!readHeader()) {
        capProblems();
        return false;
    }
    finished = false;
    opened = true;
    return true;
}

QString OrderFileReader::Private::expectedHeader(const FormatSpec &spec) const
{
    QStringList names;
    for (const QList<Field> &alternatives : spec.required) {
        QStringList written;
        for (const Field field : alternatives) {
            for (const ColumnSpec &column : spec.columns) {
                if (column.field == field) {
                    for (const QLatin1String name : column.names) {
                        written << name;
                    }
                }
            }
        }
        names << written.join(QStringLiteral(" or "));
    }
    if (spec.shape == Shape::Stockroom) {
        return OrderFileReader::stockroomOrdersHeader();
    }
    return OrderFileReader::tr("%1 (in any order, more columns may follow)")
        .arg(names.join(QStringLiteral(", ")));
}

bool OrderFileReader::Private::mapHeader(const FormatSpec &candidate, const QHash<QString, int> &index,
                                         const QStringList &header, QStringList *missing)
{
    std::array<int, FieldCount> found;
    found.fill(-1);
    for (const ColumnSpec &column : candidate.columns) {
        for (const QString &key : column.keys) {
            const auto at = index.constFind(key);
            if (at != index.cend()) {
                found[column.field] = at.value();
                break;
            }
        }
    }
    bool fits = true;
    for (const QList<Field> &alternatives : candidate.required) {
        if (std::none_of(alternatives.cbegin(), alternatives.cend(),
                         [&](Field field) { return found[field] >= 0; })) {
            fits = false;
            if (missing) {
                QStringList names;
                for (const Field field : alternatives) {
                    for (const ColumnSpec &column : candidate.columns) {
                        if (column.field == field) {
                            names << column.names.constFirst();
                        }
                    }
                }
                *missing << names.join(QStringLiteral(" or "));
            }
        }
    }
    if (!fits) {
        return false;
    }
    spec = &candidate;
    columns = found;
    for (int field = 0; field < FieldCount; ++field) {
        if (columns[field] >= 0) {
            columnNames[field] = header.at(columns[field]).trimmed();
        }
    }
    if (candidate.shape == Shape::WooOrders) {
        if (columns[LineItems] >= 0) {
            itemColumns << columns[LineItems];
        }
        for (qsizetype c = 0; c < header.size(); ++c) {
            const QString name = headerKey(header.at(c));
            bool number = false;
            if (name.startsWith(QLatin1String("line_item_")) && name.mid(10).toInt(&number) > 0 && number) {
                itemColumns << int(c);
            }
        }
    }
    return true;
}

bool OrderFileReader::Private::readHeader()
{
    CsvRecord record;
    while (true) {
        if (!stream->readNext(record)) {
            if (stream->hasError()) {
                addProblem(stream->errorLine(), QString(), stream->error());
            } else {
                addProblem(0, QString(), OrderFileReader::tr("the file is empty: it has no orders"));
            }
            return false;
        }
        const bool excelSeparatorLine = record.fields.size() == 1
            && record.fields.constFirst().trimmed().startsWith(QLatin1String("sep="), Qt::CaseInsensitive);
        if (!record.isBlank() && !excelSeparatorLine) {
            break; // eBay's report begins with a line of commas
        }
    }
    headerLine = record.line;
    headerSize = record.fields.size();
    for (const QString &name : std::as_const(record.fields)) {
        header << name.trimmed();
    }
    QHash<QString, int> index; // header key → column
    for (qsizetype c = record.fields.size() - 1; c >= 0; --c) {
        index.insert(headerKey(record.fields.at(c)), int(c)); // the first of two equal names wins
    }
    const QList<FormatSpec> &specs = formatSpecs();
    if (format == OrderFileFormat::Auto) {
        for (const FormatSpec &candidate : specs) {
            if (mapHeader(candidate, index, record.fields, nullptr)) {
                format = candidate.format;
                break;
            }
        }
        if (!spec) {
            QStringList expected;
            for (const FormatSpec &candidate : specs) {
                expected << QStringLiteral("%1: %2").arg(OrderFileReader::formatName(candidate.format),
                                                         expectedHeader(candidate));
            }
            addProblem(headerLine, QString(),
                       OrderFileReader::tr("the header fits none of the order files we read; expected one of "
                                           "these headers: %1")
                           .arg(expected.join(QStringLiteral("; "))));
            return false;
        }
    } else {
        QStringList missing;
        QStringList expected;
        for (const FormatSpec &candidate : specs) {
            if (candidate.format != format) {
                continue;
            }
            QStringList lacking;
            if (mapHeader(candidate, index, record.fields, &lacking)) {
                break;
            }
            if (missing.isEmpty() || lacking.size() < missing.size()) {
                missing = lacking;
            }
            expected << expectedHeader(candidate);
        }
        if (!spec) {
            addProblem(headerLine, QString(),
                       OrderFileReader::tr("the header does not fit the %1 format: it lacks %2; expected a "
                                           "header with %3")
                           .arg(OrderFileReader::formatName(format), missing.join(QStringLiteral(", ")),
                                expected.join(OrderFileReader::tr(", or "))));
            return false;
        }
    }
    if (spec->strict) {
        // Ours: a misspelt column must not quietly import nothing.
        QStringList known;
        for (const ColumnSpec &column : spec->columns) {
            known << column.names.constFirst();
        }
        QHash<QString, int> seenNames;
        bool refused = false;
        for (qsizetype c = 0; c < record.fields.size(); ++c) {
            const QString name = headerKey(record.fields.at(c));
            if (name.isEmpty() && c == record.fields.size() - 1) {
                continue; // a trailing separator
            }
            if (!known.contains(name)) {
                addProblem(headerLine, record.fields.at(c).trimmed(),
                           OrderFileReader::tr("unknown column (the columns are %1)")
                               .arg(OrderFileReader::stockroomOrdersHeader()));
                refused = true;
            } else if (seenNames.contains(name)) {
                addProblem(headerLine, record.fields.at(c).trimmed(),
                           OrderFileReader::tr("the same as column %1: keep one of them")
                               .arg(seenNames.value(name) + 1));
                refused = true;
            }
            seenNames.insert(name, int(c));
        }
        if (refused) {
            return false;
        }
    }
    return true;
}

bool OrderFileReader::Private::isTrailer() const
{
    // eBay ends its report with "12,record(s) downloaded,from Mar-01-25 to Mar-31-25" and
    // "Seller ID : someone".
    for (qsizetype f = 0; f < std::min<qsizetype>(stream->fieldCount(), 3); ++f) {
        const QByteArrayView cell = trimmed(stream->fieldView(f));
        if (cell.size() >= 9 && qstrnicmp(cell.data(), 9, "seller id", 9) == 0) {
            return true;
        }
        if (QByteArray(cell.data(), cell.size()).toLower().contains("record(s) downloaded")) {
            return true;
        }
    }
    return false;
}

QByteArrayView OrderFileReader::Private::keyOf() const
{
    const QByteArrayView key = raw(Key);
    return key.isEmpty() ? raw(AltKey) : key;
}

std::optional<ImportedOrder> OrderFileReader::Private::next()
{
    if (!open()) {
        return std::nullopt;
    }
    while (!finished) {
        if (!stream->next()) {
            finished = true;
            if (stream->hasError()) {
                // What was read of the order the broken row may belong to is not the whole order.
                addProblem(stream->errorLine(), QString(), stream->error());
                current.reset();
            } else if (rowsRead == 0) {
                addProblem(headerLine, QString(),
                           OrderFileReader::tr("the file has no orders: nothing follows the header line"));
            }
            std::optional<ImportedOrder> last = finish(current);
            capProblems();
            return last;
        }
        if (std::optional<ImportedOrder> order = readRow()) {
            return order;
        }
    }
    return std::nullopt;
}

std::optional<ImportedOrder> OrderFileReader::Private::readRow()
{
    if (stream->isBlank() || (spec->shape == Shape::Ebay && isTrailer())) {
        return std::nullopt;
    }
    ++rowsRead;
    const int line = stream->line();
    const QByteArrayView key = keyOf();
    const QByteArrayView recordNumber = spec->shape == Shape::Ebay ? raw(AltKey) : QByteArrayView();
    if (key.isEmpty()) {
        const Field field = hasColumn(Key) ? Key : AltKey;
        // A row of no order: reported, and the orders around it are read on (its rows stay together).
        addProblem(line, columnNames[field], OrderFileReader::tr("the order id is empty"));
        return std::nullopt;
    }
    const bool sameOrder = current
        && (QByteArrayView(current->groupKey) == key
            || (!recordNumber.isEmpty() && recordNumber == QByteArrayView(current->recordNumber)));
    std::optional<ImportedOrder> done;
    if (!sameOrder) {
        done = finish(current);
        current.emplace();
        current->groupKey = key.toByteArray();
        current->recordNumber = recordNumber.toByteArray();
        current->order.line = line;
        current->order.externalId = QString::fromUtf8(key);
        current->idFromRecordNumber = !hasColumn(Key) ? false : raw(Key).isEmpty();
        const auto earlier = seen.constFind(current->groupKey);
        if (earlier != seen.cend()) {
            rowProblem(*current, line, hasColumn(Key) ? Key : AltKey,
                       OrderFileReader::tr("the rows of order %1 are not together: it began on line %2 and "
                                           "comes again here after other orders (export the file again or "
                                           "sort it by order)")
                           .arg(current->order.externalId)
                           .arg(earlier.value()));
        } else {
            seen.insert(current->groupKey, line);
        }
    }
    PendingOrder &pending = *current;
    for (qsizetype f = headerSize; f < stream->fieldCount(); ++f) {
        if (!trimmed(stream->fieldView(f)).isEmpty()) {
            pending.bad = true;
            addProblem(
                line, QString(),
                OrderFileReader::tr("%1 fields where the header has %2 (a separator in a field that is "
                                    "not quoted?)")
                    .arg(stream->fieldCount())
                    .arg(headerSize));
            return done;
        }
    }
    switch (spec->shape) {
    case Shape::Stockroom:
        readStockroomRow(pending, line);
        break;
    case Shape::Shopify:
        readShopifyRow(pending, line);
        break;
    case Shape::Amazon:
        readAmazonRow(pending, line);
        break;
    case Shape::Ebay:
        readEbayRow(pending, line);
        break;
    case Shape::Etsy:
        readEtsyRow(pending, line);
        break;
    case Shape::WooOrders:
    case Shape::WooItems:
        readWooRow(pending, line);
        break;
    }
    return done;
}

std::optional<ImportedOrder> OrderFileReader::Private::finish(std::optional<PendingOrder> &pending)
{
    if (!pending) {
        return std::nullopt;
    }
    PendingOrder finished = std::move(*pending);
    pending.reset();
    ImportedOrder &order = finished.order;
    if (!order.placedAt.isValid() && !finished.bad) {
        finished.bad = true;
        addProblem(order.line, columnNames[PlacedAt],
                   OrderFileReader::tr("order %1 has no date").arg(order.externalId));
    }
    if (finished.bad) {
        return std::nullopt;
    }
    switch (spec->shape) {
    case Shape::Stockroom:
    case Shape::Shopify:
        break; // the file says the order's fulfilment itself
    case Shape::Ebay:
    case Shape::Etsy:
        order.paymentStatus = finished.paidSeen ? QStringLiteral("paid") : QStringLiteral("pending");
        if (finished.paidSeen && order.totalCents) {
            order.paidCents = *order.totalCents;
        }
        if (finished.shippedSeen) {
            for (ImportedOrderLine &orderLine : order.lines) {
                orderLine.fulfilled = true;
            }
        }
        order.fulfilment = fulfilmentOfLines(order.lines);
        break;
    case Shape::Amazon:
        if (!finished.linesFromStatus && !order.cancelled) {
            order.fulfilment = fulfilmentOfLines(order.lines);
        }
        break;
    case Shape::WooOrders:
    case Shape::WooItems:
        if (finished.linesFromStatus) {
            for (ImportedOrderLine &orderLine : order.lines) {
                orderLine.fulfilled = true;
            }
        }
        if (order.cancelled && order.paymentStatus == QLatin1String("voided") && finished.paidOutright) {
            order.paymentStatus = QStringLiteral("paid"); // cancelled after payment: a refund is the shop's
        }
        if (isPaidState(order.paymentStatus) && order.totalCents) {
            order.paidCents = *order.totalCents;
        }
        if (order.paymentStatus == QLatin1String("paid") && order.refundedCents > 0) {
            order.paymentStatus = order.totalCents && order.refundedCents < *order.totalCents
                ? QStringLiteral("partially_refunded")
                : QStringLiteral("refunded");
        }
        break;
    }
    return std::move(order);
}

// Shared pieces

bool OrderFileReader::Private::readPlacedAt(PendingOrder &pending, int line)
{
    const QByteArrayView view = raw(PlacedAt);
    if (view.isEmpty()) {
        if (spec->shape != Shape::Ebay) { // eBay: the summary row or an item row has it
            rowProblem(pending, line, PlacedAt,
                       OrderFileReader::tr("empty: every order needs the date it was placed"));
        }
        return false;
    }
    std::optional<Stamp> stamp;
    QString example;
    bool offsetRequired = false;
    QByteArrayView unknownZone;
    switch (spec->shape) {
    case Shape::Stockroom:
        stamp = isoStamp(view);
        offsetRequired = true;
        example = OrderFileReader::tr("ISO 8601 with Z or an offset, like 2025-05-11T13:55:16Z");
        break;
    case Shape::Shopify:
        stamp = isoStamp(view);
        offsetRequired = true;
        example = QStringLiteral("2025-05-11 09:55:16 -0400");
        break;
    case Shape::Amazon:
        stamp = isoStamp(view);
        offsetRequired = true;
        example = QStringLiteral("2025-01-02T10:11:12+00:00");
        break;
    case Shape::WooOrders:
    case Shape::WooItems:
        // WooCommerce writes the shop's local time without a zone; we take it as UTC (the exports do not
        // say which zone the shop is in), which moves an order by the shop's offset at most.
        stamp = isoStamp(view);
        example = OrderFileReader::tr("2025-03-04 14:22:10 or ISO 8601 with an offset");
        break;
    case Shape::Ebay:
        // Without a zone a time is the seller's: taken as UTC, as WooCommerce's.
        stamp = ebayStamp(view, unknownZone);
        example = QStringLiteral("Mar-05-25, Mar-05-25 10:11:12 PDT, 05-Mar-25 or Mar 5, 2025");
        break;
    case Shape::Etsy:
        stamp = usStamp(view); // a day without a time: midnight UTC
        example = OrderFileReader::tr("03/05/25 (month/day/year)");
        break;
    }
    const QString text = QString::fromUtf8(view);
    if (!unknownZone.isEmpty()) {
        rowProblem(pending, line, PlacedAt,
                   OrderFileReader::tr("\"%1\": the time zone \"%2\" is not one we know (PST, PDT, MST, MDT, "
                                       "CST, CDT, EST, EDT, GMT, BST, CET, CEST, UTC); write an offset like "
                                       "-0700")
                       .arg(text, QString::fromUtf8(unknownZone)));
        return false;
    }
    if (stamp && offsetRequired && !stamp->offsetMinutes) {
        rowProblem(pending, line, PlacedAt,
                   OrderFileReader::tr("\"%1\" has no time zone: write it like %2").arg(text, example));
        return false;
    }
    const std::optional<QDateTime> when = stamp ? utc(*stamp) : std::nullopt;
    if (!when) {
        rowProblem(pending, line, PlacedAt,
                   OrderFileReader::tr("\"%1\" is not a date and time like %2").arg(text, example));
        return false;
    }
    pending.order.placedAt = *when;
    return true;
}

std::optional<qint64> OrderFileReader::Private::readMoney(PendingOrder &pending, int line, Field field,
                                                          MoneyStyle style, bool negativeAllowed)
{
    const QByteArrayView view = raw(field);
    if (view.isEmpty()) {
        return std::nullopt;
    }
    const Money reading = money(view, style);
    if (!reading.cents) {
        rowProblem(pending, line, field, reading.problem);
        return std::nullopt;
    }
    if (reading.negative && *reading.cents != 0 && !negativeAllowed) {
        rowProblem(pending, line, field,
                   OrderFileReader::tr("\"%1\" is not an amount of money: it is negative")
                       .arg(QString::fromUtf8(view)));
        return std::nullopt;
    }
    if (!reading.currency.isEmpty() && pending.order.currency.isEmpty()) {
        pending.order.currency = reading.currency;
    }
    return *reading.cents;
}

std::optional<int> OrderFileReader::Private::readQty(PendingOrder &pending, int line, Field field,
                                                     bool zeroAllowed)
{
    const Reading<int> reading = quantity(raw(field), zeroAllowed);
    if (!reading.value) {
        rowProblem(pending, line, field, reading.problem);
    }
    return reading.value;
}

void OrderFileReader::Private::readCustomer(ImportedOrder &order) const
{
    auto name = [&](Field full, Field first, Field last) {
        QString result = text(full);
        if (result.isEmpty()) {
            result = QStringList {text(first), text(last)}.join(QLatin1Char(' ')).trimmed();
        }
        return result;
    };
    order.customerName = name(ShipName, ShipFirstName, ShipLastName);
    if (order.customerName.isEmpty()) {
        order.customerName = name(BillName, BillFirstName, BillLastName);
    }
    order.email = text(Email);
    if (spec->shape == Shape::Stockroom) {
        order.address = text(Address);
        order.postcode = text(ShipPostcode);
        order.region = text(Region);
        return;
    }
    // The shipping address, or the billing address when the order has none (Shopify's local pickups).
    const bool shipping = has(ShipStreet) || has(ShipAddress1) || has(ShipAddress2) || has(ShipCity)
        || has(ShipPostcode) || has(ShipCountry);
    const Field street = shipping ? ShipStreet : BillStreet;
    const Field address1 = shipping ? ShipAddress1 : BillAddress1;
    const Field address2 = shipping ? ShipAddress2 : BillAddress2;
    const Field city = shipping ? ShipCity : BillCity;
    const Field province = shipping ? ShipProvince : BillProvince;
    const Field provinceName = shipping ? ShipProvinceName : BillProvinceName;
    const QString streetText = has(street) ? text(street) : joined({text(address1), text(address2)});
    order.address = joined({streetText, text(city)});
    order.postcode = withoutApostrophe(text(shipping ? ShipPostcode : BillPostcode));
    order.country = text(shipping ? ShipCountry : BillCountry);
    order.region = text(provinceName);
    if (order.region.isEmpty()) {
        order.region = text(province);
    }
    if (order.region.isEmpty()) {
        order.region = order.country;
    }
}

QString OrderFileReader::Private::itemName() const
{
    const QString name = text(ItemName);
    const QString variation = text(Variation);
    if (variation.isEmpty() || name.contains(variation)) {
        return name;
    }
    return name.isEmpty() ? variation : name + QStringLiteral(" - ") + variation;
}

void OrderFileReader::Private::addLine(PendingOrder &pending, int line, const QString &sku,
                                       const QString &name, int qty, qint64 unitCents, bool fulfilled)
{
    if (sku.isEmpty() && name.isEmpty()) {
        rowProblem(pending, line, hasColumn(Sku) ? Sku : ItemName,
                   OrderFileReader::tr("an item needs a SKU or a name"));
        return;
    }
    ImportedOrderLine orderLine;
    orderLine.line = line;
    orderLine.sku = sku;
    orderLine.name = name;
    orderLine.qty = qty;
    orderLine.unitPriceCents = unitCents;
    orderLine.fulfilled = fulfilled;
    pending.order.lines << orderLine;
}

void OrderFileReader::Private::addPricedLine(PendingOrder &pending, int line, const QString &name,
                                             bool fulfilled, const char *noPrice)
{
    const std::optional<int> qty = readQty(pending, line, Qty);
    const std::optional<qint64> price = readMoney(pending, line, UnitPrice, MoneyStyle::Platform);
    if (!has(UnitPrice)) {
        rowProblem(pending, line, UnitPrice, OrderFileReader::tr(noPrice));
    }
    if (qty && price) {
        addLine(pending, line, text(Sku), name, *qty, *price, fulfilled);
    }
}

// Our format

void OrderFileReader::Private::readStockroomRow(PendingOrder &pending, int line)
{
    ImportedOrder &order = pending.order;
    if (!pending.orderRead) {
        pending.orderRead = true;
        order.channel = text(Channel);
        readPlacedAt(pending, line);
        if (has(Status)) {
            const QString word = text(Status).toLower();
            const std::optional<OrderStatus> status = orderStatusFromString(word);
            if (!status) {
                rowProblem(pending, line, Status,
                           OrderFileReader::tr("\"%1\" is not an order status (draft, placed, backordered, "
                                               "allocated, picking, packed, partially_shipped, shipped, "
                                               "delivered, on_hold, cancelled)")
                               .arg(text(Status)));
            } else {
                order.cancelled = *status == OrderStatus::Cancelled;
                order.fulfilment = *status == OrderStatus::Shipped || *status == OrderStatus::Delivered
                    ? ChannelFulfilment::Fulfilled
                    : *status == OrderStatus::PartiallyShipped ? ChannelFulfilment::Partial
                                                               : ChannelFulfilment::Unfulfilled;
            }
        }
        if (has(PaymentState)) {
            const QString word = text(PaymentState).toLower();
            if (!paymentStatusFromString(word)) {
                rowProblem(pending, line, PaymentState,
                           OrderFileReader::tr("\"%1\" is not a payment status (pending, authorized, paid, "
                                               "partially_refunded, refunded, voided)")
                               .arg(text(PaymentState)));
            } else {
                order.paymentStatus = word;
            }
        }
        readCustomer(order);
        order.totalCents = readMoney(pending, line, Total, MoneyStyle::Plain);
        order.paidCents = readMoney(pending, line, Paid, MoneyStyle::Plain).value_or(0);
        order.refundedCents = readMoney(pending, line, Refunded, MoneyStyle::Plain).value_or(0);
        order.note = text(Note);
    }
    const std::optional<int> qty = readQty(pending, line, Qty);
    const std::optional<qint64> price = readMoney(pending, line, UnitPrice, MoneyStyle::Plain);
    if (!has(UnitPrice)) {
        rowProblem(pending, line, UnitPrice, OrderFileReader::tr("empty: a line needs its unit price"));
    }
    const std::optional<int> shipped
        = has(QtyShipped) ? readQty(pending, line, QtyShipped, true) : std::optional<int>(0);
    const std::optional<int> cancelled
        = has(QtyCancelled) ? readQty(pending, line, QtyCancelled, true) : std::optional<int>(0);
    const QString sku = text(Sku);
    if (sku.isEmpty()) {
        rowProblem(pending, line, Sku, OrderFileReader::tr("empty: every line of our orders has a SKU"));
        return;
    }
    if (!qty || !price || !shipped || !cancelled) {
        return;
    }
    if (*shipped + *cancelled > *qty) {
        rowProblem(pending, line, QtyShipped,
                   OrderFileReader::tr("%1 shipped and %2 cancelled are more than the %3 ordered")
                       .arg(*shipped)
                       .arg(*cancelled)
                       .arg(*qty));
        return;
    }
    const int open = *qty - *cancelled; // what was or is still to be shipped
    if (open == 0) {
        ++order.skippedLines; // a line cancelled whole ships nothing
        return;
    }
    addLine(pending, line, sku, text(ItemName), open, *price, *shipped >= open);
}

// Shopify

void OrderFileReader::Private::readShopifyRow(PendingOrder &pending, int line)
{
    ImportedOrder &order = pending.order;
    if (!pending.orderRead) {
        // Shopify writes the order's columns on its first row only.
        pending.orderRead = true;
        readPlacedAt(pending, line);
        const QByteArrayView financial = raw(PaymentState);
        static const std::array<std::pair<const char *, const char *>, 8> payments {{
            {"pending", "pending"},
            {"authorized", "authorized"},
            {"partially_paid", "authorized"},
            {"paid", "paid"},
            {"partially_refunded", "partially_refunded"},
            {"refunded", "refunded"},
            {"voided", "voided"},
            {"expired", "voided"},
        }};
        const auto payment = std::find_if(payments.cbegin(), payments.cend(), [&](const auto &known) {
            return equalsIgnoringCase(financial, known.first);
        });
        const bool partiallyPaid = payment != payments.cend() && payment == payments.cbegin() + 2;
        if (payment != payments.cend()) {
            order.paymentStatus = QString::fromLatin1(payment->second);
        } else if (!financial.isEmpty()) {
            rowProblem(pending, line, PaymentState,
                       OrderFileReader::tr("\"%1\" is not a Shopify financial status (pending, authorized, "
                                           "partially_paid, paid, partially_refunded, refunded, voided)")
                           .arg(QString::fromUtf8(financial)));
        }
        const QString fulfilment = text(FulfilmentStatus).toLower();
        if (fulfilment == QLatin1String("fulfilled")) {
            order.fulfilment = ChannelFulfilment::Fulfilled;
        } else if (fulfilment == QLatin1String("partial")) {
            order.fulfilment = ChannelFulfilment::Partial;
        } else if (!fulfilment.isEmpty() && fulfilment != QLatin1String("unfulfilled")
                   && fulfilment != QLatin1String("restocked") && fulfilment != QLatin1String("pending")) {
            rowProblem(pending, line, FulfilmentStatus,
                       OrderFileReader::tr("\"%1\" is not a Shopify fulfillment status (fulfilled, partial, "
                                           "unfulfilled, restocked)")
                           .arg(text(FulfilmentStatus)));
        }
        order.cancelled = has(CancelledAt);
        order.totalCents = readMoney(pending, line, Total, MoneyStyle::Platform);
        order.refundedCents = readMoney(pending, line, Refunded, MoneyStyle::Platform).value_or(0);
        const std::optional<qint64> outstanding = readMoney(pending, line, Outstanding, MoneyStyle::Platform);
        if (order.totalCents && (isPaidState(order.paymentStatus) || partiallyPaid)) {
            order.paidCents = std::max<qint64>(0, *order.totalCents - outstanding.value_or(0));
        }
        order.currency = text(Currency);
        order.note = text(Note);
        readCustomer(order);
    }
    if (equalsIgnoringCase(raw(RequiresShipping), "false")) {
        ++order.skippedLines; // gift cards and other goods that do not ship
        return;
    }
    addPricedLine(pending, line, text(ItemName), equalsIgnoringCase(raw(LineStatus), "fulfilled"),
                  QT_TRANSLATE_NOOP("OrderFileReader", "empty: a line item needs its price"));
}

// Amazon

void OrderFileReader::Private::readAmazonRow(PendingOrder &pending, int line)
{
    ImportedOrder &order = pending.order;
    if (!pending.orderRead) {
        pending.orderRead = true;
        readPlacedAt(pending, line);
        const QString status = text(Status).toLower();
        if (!hasColumn(Status)) {
            // The Unshipped/New Orders report has no status column: it lists paid orders waiting to ship.
            order.paymentStatus = QStringLiteral("paid");
        } else if (status == QLatin1String("pending")) {
            order.paymentStatus = QStringLiteral("pending"); // Amazon has not yet charged the buyer
        } else if (status == QLatin1String("unshipped")) {
            order.paymentStatus = QStringLiteral("paid");
        } else if (status == QLatin1String("partiallyshipped") || status == QLatin1String("shipping")) {
            order.paymentStatus = QStringLiteral("paid");
            order.fulfilment = ChannelFulfilment::Partial;
        } else if (status == QLatin1String("shipped")) {
            order.paymentStatus = QStringLiteral("paid");
            order.fulfilment = ChannelFulfilment::Fulfilled;
        } else if (status == QLatin1String("canceled") || status == QLatin1String("cancelled")) {
            order.paymentStatus = QStringLiteral("voided"); // Amazon charges when it ships
            order.cancelled = true;
        } else {
            rowProblem(pending, line, Status,
                       OrderFileReader::tr("\"%1\" is not an Amazon order status (Pending, Unshipped, "
                                           "PartiallyShipped, Shipped, Canceled)")
                           .arg(text(Status)));
        }
        // Without item states or shipped quantities the order's status says it for every line.
        pending.linesFromStatus = !hasColumn(LineStatus) && !hasColumn(QtyShipped);
        order.currency = text(Currency);
        readCustomer(order);
    }
    const QString itemStatus = text(LineStatus).toLower();
    const bool itemCancelled
        = itemStatus == QLatin1String("cancelled") || itemStatus == QLatin1String("canceled");
    if (itemCancelled || (order.cancelled && quantity(raw(Qty), true).value == 0)) {
        ++order.skippedLines; // a cancelled item ships nothing (Amazon writes its quantity as 0)
        return;
    }
    const std::optional<int> qty = readQty(pending, line, Qty);
    // item-price is the line's price (quantity × unit); Pending orders have none yet.
    const std::optional<qint64> total = readMoney(pending, line, LineTotal, MoneyStyle::Platform);
    if (!qty || (has(LineTotal) && !total)) {
        return;
    }
    bool fulfilled = order.fulfilment == ChannelFulfilment::Fulfilled;
    if (hasColumn(LineStatus)) {
        fulfilled = itemStatus == QLatin1String("shipped");
    } else if (hasColumn(QtyShipped)) {
        const std::optional<int> shipped
            = has(QtyShipped) ? readQty(pending, line, QtyShipped, true) : std::optional<int>(0);
        fulfilled = shipped && *shipped >= *qty;
    }
    addLine(pending, line, text(Sku), text(ItemName), *qty, unitOfTotal(total.value_or(0), *qty), fulfilled);
}

// eBay

void OrderFileReader::Private::readEbayRow(PendingOrder &pending, int line)
{
    ImportedOrder &order = pending.order;
    // A summary row (an order of several items) holds the buyer and the money; its items follow with the
    // same record number. A single-item order is one row with both.
    if (!pending.placedAtRead && has(PlacedAt)) {
        pending.placedAtRead = true;
        readPlacedAt(pending, line);
    }
    if (pending.idFromRecordNumber && has(Key)) {
        pending.idFromRecordNumber = false; // the first row had only the record number
        order.externalId = text(Key);
        seen.insert(raw(Key).toByteArray(), order.line);
    }
    if (!pending.orderRead) {
        pending.orderRead = true;
        readCustomer(order);
        order.note = text(Note);
    }
    if (!order.totalCents && has(Total)) {
        order.totalCents = readMoney(pending, line, Total, MoneyStyle::Platform);
    }
    if (has(PaidDate)) {
        pending.paidSeen = true;
    }
    const bool summary = !has(ItemNumber) && !has(ItemName) && !has(Sku);
    if (summary) {
        pending.shippedSeen = pending.shippedSeen || has(ShippedDate);
        return;
    }
    addPricedLine(pending, line, itemName(), has(ShippedDate));
}

// Etsy

void OrderFileReader::Private::readEtsyRow(PendingOrder &pending, int line)
{
    ImportedOrder &order = pending.order;
    if (!pending.orderRead) {
        pending.orderRead = true;
        readPlacedAt(pending, line);
        order.currency = text(Currency);
        readCustomer(order);
    }
    if (has(PaidDate)) {
        pending.paidSeen = true;
    }
    addPricedLine(pending, line, itemName(), has(ShippedDate));
}

// WooCommerce

void OrderFileReader::Private::readWooRow(PendingOrder &pending, int line)
{
    ImportedOrder &order = pending.order;
    if (!pending.orderRead) {
        pending.orderRead = true;
        readPlacedAt(pending, line);
        const QString status = statusWord(raw(Status));
        if (status == QLatin1String("pending") || status == QLatin1String("on-hold")
            || status == QLatin1String("checkout-draft")) {
            order.paymentStatus = QStringLiteral("pending");
        } else if (status == QLatin1String("processing")) {
            order.paymentStatus = QStringLiteral("paid");
        } else if (status == QLatin1String("completed")) {
            order.paymentStatus = QStringLiteral("paid");
            order.fulfilment = ChannelFulfilment::Fulfilled;
            pending.linesFromStatus = true;
        } else if (status == QLatin1String("cancelled")) {
            order.cancelled = true;
            order.paymentStatus = QStringLiteral("voided"); // unless the file says it was paid
            pending.paidOutright = has(PaidDate);
        } else if (status == QLatin1String("refunded")) {
            order.paymentStatus = QStringLiteral("refunded");
        } else if (status == QLatin1String("failed")) {
            order.paymentStatus = QStringLiteral("voided");
            order.cancelled = true;
        } else {
            rowProblem(pending, line, Status,
                       OrderFileReader::tr("\"%1\" is not a WooCommerce order status (pending, processing, "
                                           "on-hold, completed, cancelled, refunded, failed)")
                           .arg(text(Status)));
        }
        order.totalCents = readMoney(pending, line, Total, MoneyStyle::Platform);
        order.refundedCents = readMoney(pending, line, Refunded, MoneyStyle::Platform, true).value_or(0);
        order.currency = text(Currency);
        order.note = text(Note);
        readCustomer(order);
    }
    if (spec->shape == Shape::WooOrders) {
        for (const int column : std::as_const(itemColumns)) {
            const QString cell = QString::fromUtf8(trimmed(stream->fieldView(column)));
            if (cell.isEmpty()) {
                continue;
            }
            // Items are separated by ";" and their values by "|": a piece without "key:" belongs to the
            // value before it (a name with a semicolon in it).
            QStringList items;
            for (const QString &piece : cell.split(QLatin1Char(';'))) {
                const qsizetype colon = piece.indexOf(QLatin1Char(':'));
                const bool startsItem = colon > 0
                    && std::all_of(piece.cbegin(), piece.cbegin() + colon,
                                   [](QChar c) { return c.isLetterOrNumber() || c == u'_'; });
                if (items.isEmpty() || startsItem) {
                    items << piece;
                } else {
                    items.last() += QLatin1Char(';') + piece;
                }
            }
            for (const QString &item : std::as_const(items)) {
                readWooItem(pending, line, column, item);
            }
        }
        return;
    }
    const bool lessRefunds = !hasColumn(Qty);
    const std::optional<int> qty = readQty(pending, line, lessRefunds ? QtyLessRefunds : Qty, lessRefunds);
    if (qty == 0) {
        ++order.skippedLines; // refunded whole
        return;
    }
    std::optional<qint64> unit;
    if (has(UnitPrice)) {
        unit = readMoney(pending, line, UnitPrice, MoneyStyle::Platform);
    } else if (has(LineTotal)) {
        const std::optional<qint64> total = readMoney(pending, line, LineTotal, MoneyStyle::Platform);
        if (total && qty) {
            unit = unitOfTotal(*total, *qty);
        }
    } else {
        rowProblem(pending, line, hasColumn(UnitPrice) ? UnitPrice : LineTotal,
                   OrderFileReader::tr("empty: an item needs its price"));
    }
    if (!qty || !unit) {
        return;
    }
    addLine(pending, line, text(Sku), itemName(), *qty, *unit, false);
}

void OrderFileReader::Private::readWooItem(PendingOrder &pending, int line, int column, QStringView item)
{
    QHash<QString, QString> values;
    QString lastKey;
    for (const QStringView piece : item.split(u'|')) {
        const qsizetype colon = piece.indexOf(u':');
        const QString key = colon > 0 ? piece.left(colon).trimmed().toString().toLower() : QString();
        const bool isKey = !key.isEmpty() && std::all_of(key.cbegin(), key.cend(), [](QChar c) {
            return c.isLetterOrNumber() || c == u'_';
        });
        if (isKey) {
            lastKey = key;
            values.insert(key, piece.mid(colon + 1).trimmed().toString());
        } else if (!lastKey.isEmpty()) {
            values[lastKey] += QLatin1Char('|') + piece.toString(); // a "|" in a name
        }
    }
    auto problem = [&](const QString &message) {
        pending.bad = true;
        addProblem(line, header.value(column), message);
    };
    const QString itemText = item.toString();
    const QString qtyText = values.value(QStringLiteral("quantity"), values.value(QStringLiteral("qty")));
    const QByteArray qtyBytes = qtyText.toUtf8();
    const Reading<int> qty = quantity(qtyBytes);
    if (!qty.value) {
        problem(OrderFileReader::tr("item \"%1\": %2").arg(itemText, qty.problem));
        return;
    }
    // The price before discounts per unit, as Shopify's Lineitem price: subtotal, else total.
    QString totalText = values.value(QStringLiteral("subtotal"), values.value(QStringLiteral("sub_total")));
    if (totalText.isEmpty()) {
        totalText = values.value(QStringLiteral("total"));
    }
    qint64 unit = 0;
    if (!totalText.isEmpty()) {
        const QByteArray totalBytes = totalText.toUtf8();
        const Money total = money(totalBytes, MoneyStyle::Platform);
        if (!total.cents || total.negative) {
            problem(OrderFileReader::tr("item \"%1\": %2")
                        .arg(itemText,
                             total.cents ? OrderFileReader::tr("\"%1\" is negative").arg(totalText)
                                         : total.problem));
            return;
        }
        unit = unitOfTotal(*total.cents, *qty.value);
    }
    const QString sku = values.value(QStringLiteral("sku"));
    const QString name = values.value(QStringLiteral("name"));
    if (sku.isEmpty() && name.isEmpty()) {
        problem(OrderFileReader::tr("item \"%1\" has neither a sku nor a name").arg(itemText));
        return;
    }
    ImportedOrderLine orderLine;
    orderLine.line = line;
    orderLine.sku = sku;
    orderLine.name = name;
    orderLine.qty = *qty.value;
    orderLine.unitPriceCents = unit;
    pending.order.lines << orderLine;
}

// The reader

OrderFileReader::OrderFileReader(const QString &fileName, OrderFileFormat format)
    : d(std::make_unique<Private>(fileName, format))
{
}

OrderFileReader::OrderFileReader(QIODevice *device, const QString &fileName, OrderFileFormat format)
    : d(std::make_unique<Private>(fileName, format))
{
    d->device = device;
}

OrderFileReader::~OrderFileReader() = default;

bool OrderFileReader::open()
{
    return d->open();
}

std::optional<ImportedOrder> OrderFileReader::next()
{
    return d->next();
}

OrderFileFormat OrderFileReader::format() const
{
    return d->format;
}

const QList<FileProblem> &OrderFileReader::problems() const
{
    return d->problems;
}

int OrderFileReader::rowsRead() const
{
    return d->rowsRead;
}

qint64 OrderFileReader::bytesRead() const
{
    return d->stream ? d->stream->position() : 0;
}

qint64 OrderFileReader::size() const
{
    return d->device ? d->device->size() : QFile(d->fileName).size();
}

QString OrderFileReader::formatName(OrderFileFormat format)
{
    switch (format) {
    case OrderFileFormat::Auto:
        return QStringLiteral("auto");
    case OrderFileFormat::Stockroom:
        return QStringLiteral("stockroom");
    case OrderFileFormat::Shopify:
        return QStringLiteral("shopify");
    case OrderFileFormat::WooCommerce:
        return QStringLiteral("woocommerce");
    case OrderFileFormat::Amazon:
        return QStringLiteral("amazon");
    case OrderFileFormat::Ebay:
        return QStringLiteral("ebay");
    case OrderFileFormat::Etsy:
        return QStringLiteral("etsy");
    }
    return {};
}

std::optional<OrderFileFormat> OrderFileReader::formatFromName(const QString &name)
{
    for (const OrderFileFormat format :
         {OrderFileFormat::Auto, OrderFileFormat::Stockroom, OrderFileFormat::Shopify,
          OrderFileFormat::WooCommerce, OrderFileFormat::Amazon, OrderFileFormat::Ebay,
          OrderFileFormat::Etsy}) {
        if (formatName(format).compare(name.trimmed(), Qt::CaseInsensitive) == 0) {
            return format;
        }
    }
    return std::nullopt;
}

QString OrderFileReader::defaultChannel(OrderFileFormat format)
{
    switch (format) {
    case OrderFileFormat::Auto:
    case OrderFileFormat::Stockroom:
        return {}; // our file names each order's channel
    default:
        return formatName(format);
    }
}

QString OrderFileReader::stockroomOrdersHeader()
{
    return QStringLiteral("order,channel,external_id,placed_at,status,payment_status,customer,email,address,"
                          "postcode,region,total,paid,refunded,line,sku,name,qty,unit_price,qty_shipped,"
                          "qty_cancelled,note");
}

} // namespace Stockroom
