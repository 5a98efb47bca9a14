#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a Shopify "Export orders" file (the real 79-column header) with LINES line-item rows.

Usage: make_shopify_orders.py OUT.csv [--lines 100000] [--skus 2000] [--seed 7]

Orders have 1-5 items (2.5 on average) of SKUs BENCH-100000 … (the benchmark's catalogue); order-level
columns only on an order's first row, as Shopify writes them; mostly paid, some pending, authorized or
refunded; times with the shop's offset; zip codes with Shopify's leading apostrophe; a few multi-line notes
and gift cards (which ship nothing).
"""
import argparse
import csv
import random
from datetime import datetime, timedelta

HEADER = ("Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,"
          "Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,"
          "Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,"
          "Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,"
          "Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,"
          "Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,"
          "Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,"
          "Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,"
          "Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,"
          "Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,"
          "Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,"
          "Payment ID,Payment Terms Name,Next Payment Due At,Payment References").split(",")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--lines", type=int, default=100000)
    parser.add_argument("--skus", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    column = {name: i for i, name in enumerate(HEADER)}
    start = datetime(2026, 1, 5, 8, 0, 0)
    written = 0
    number = 1001
    with open(args.out, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADER)
        while written < args.lines:
            items = min(rng.choice([1, 1, 2, 2, 3, 3, 4, 5]), args.lines - written)
            created = start + timedelta(seconds=number * 37)
            stamp = created.strftime("%Y-%m-%d %H:%M:%S") + " -0400"
            status = rng.choices(["paid", "pending", "authorized", "partially_refunded"], [85, 8, 5, 2])[0]
            lines = []
            for _ in range(items):
                if rng.random() < 0.01:
                    lines.append(("Gift Card - $25", "", 1, 2500, "false"))
                else:
                    sku = "BENCH-%d" % (100000 + rng.randrange(args.skus))
                    lines.append(("Bench product " + sku, sku, rng.choice([1, 1, 1, 2, 3]), 500 + rng.randrange(9000),
                                  "true"))
            subtotal = sum(q * p for _, _, q, p, _ in lines)
            for index, (name, sku, qty, price, ships) in enumerate(lines):
                row = [""] * len(HEADER)
                row[column["Name"]] = "#%d" % number
                row[column["Created at"]] = stamp
                row[column["Lineitem quantity"]] = str(qty)
                row[column["Lineitem name"]] = name
                row[column["Lineitem price"]] = "%d.%02d" % divmod(price, 100)
                row[column["Lineitem sku"]] = sku
                row[column["Lineitem requires shipping"]] = ships
                row[column["Lineitem taxable"]] = "true"
                row[column["Lineitem fulfillment status"]] = "pending"
                if index == 0:
                    row[column["Email"]] = "customer%d@example.com" % (number % 5000)
                    row[column["Financial Status"]] = status
                    row[column["Paid at"]] = stamp if status in ("paid", "partially_refunded") else ""
                    row[column["Fulfillment Status"]] = "unfulfilled"
                    row[column["Accepts Marketing"]] = "no"
                    row[column["Currency"]] = "GBP"
                    row[column["Subtotal"]] = "%d.%02d" % divmod(subtotal, 100)
                    row[column["Shipping"]] = "4.95"
                    row[column["Taxes"]] = "0.00"
                    row[column["Total"]] = "%d.%02d" % divmod(subtotal + 495, 100)
                    row[column["Shipping Method"]] = "Standard"
                    row[column["Shipping Name"]] = "Customer %d" % (number % 5000)
                    row[column["Shipping Address1"]] = "%d High Street" % (1 + number % 200)
                    row[column["Shipping City"]] = "Leeds"
                    row[column["Shipping Zip"]] = "'LS%d %dAB" % (1 + number % 28, number % 9)
                    row[column["Shipping Country"]] = "GB"
                    row[column["Shipping Province Name"]] = "England"
                    row[column["Refunded Amount"]] = "5.00" if status == "partially_refunded" else "0.00"
                    row[column["Outstanding Balance"]] = "0.00"
                    row[column["Id"]] = str(6634244374859 + number)
                    row[column["Risk Level"]] = "Low"
                    row[column["Source"]] = "web"
                    if number % 97 == 0:
                        row[column["Notes"]] = "Please leave with the neighbour,\nnumber 12"
                writer.writerow(row)
                written += 1
            number += 1


if __name__ == "__main__":
    main()
