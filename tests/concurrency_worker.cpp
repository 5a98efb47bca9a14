// SPDX-License-Identifier: GPL-3.0-or-later
// A separate process for tst_concurrency: places orders on hot SKUs and reports each outcome as one JSON line,
// or (mode "receive") books stock in one unit at a time, which fills waiting backorders as it arrives, or
// (mode "transfer") moves a few units between LEEDS and BRISTOL and receives them, while others place orders,
// or (mode "scan") scans one SKU into a stock count again and again, while others scan the same SKU,
// or (mode "import") imports an orders file COUNT times, while others import the same file.
#include "countservice.h"
#include "database.h"
#include "orderimporter.h"
#include "orderservice.h"
#include "stockservice.h"
#include "transferservice.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTextStream>

using namespace Stockroom;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 5 && args.size() != 6) {
        QTextStream(stderr) << "usage: concurrency_worker CONN COUNT SEED SKU,SKU,… [place|receive|transfer|scan|import]\n";
        return 2;
    }
    const Result<ConnectionSpec> spec = ConnectionSpec::parse(args.at(1));
    if (!spec) {
        QTextStream(stderr) << spec.error().message << '\n';
        return 2;
    }
    Result<std::unique_ptr<Database>> db = Database::open(*spec, QStringLiteral("worker"));
    if (!db) {
        QTextStream(stderr) << db.error().message << '\n';
        return 3;
    }
    const int orders = args.at(2).toInt();
    QRandomGenerator random(args.at(3).toUInt());
    const QStringList skus = args.at(4).split(QLatin1Char(','));
    ServiceContext context {**db, Clock(), QStringLiteral("worker-") + args.at(3)};
    QTextStream out(stdout);
    if (args.value(5) == QLatin1String("receive")) {
        StockService stock(context);
        const QStringList locations {QStringLiteral("LEEDS"), QStringLiteral("BRISTOL")};
        for (int i = 0; i < orders; ++i) {
            const QString sku = skus.at(random.bounded(int(skus.size())));
            const Result<StockLevelRow> received
                = stock.receive(sku, locations.at(random.bounded(int(locations.size()))), 1);
            if (!received) {
                QTextStream(stderr) << "receive failed: " << received.error().message << '\n';
                return 1;
            }
            out << QJsonDocument(QJsonObject {{QStringLiteral("received"), sku}})
                       .toJson(QJsonDocument::Compact)
                << '\n';
            out.flush();
        }
        return 0;
    }
    if (args.value(5) == QLatin1String("import")) {
        // SKUS is the file: the same orders file imported COUNT times, one JSON line per import.
        for (int i = 0; i < orders; ++i) {
            OrderImportRequest request;
            request.fileName = skus.at(0);
            const Result<OrderImportReport> report = OrderImporter::run(context, request);
            if (!report || !report->ok() || !report->outcome.applied) {
                QTextStream(stderr) << "import failed: "
                                    << (report ? report->summary() : report.error().message) << '\n';
                return 1;
            }
            out << QJsonDocument(QJsonObject {{QStringLiteral("new"), report->outcome.ordersNew},
                                              {QStringLiteral("unchanged"), report->outcome.ordersUnchanged}})
                       .toJson(QJsonDocument::Compact)
                << '\n';
            out.flush();
        }
        return 0;
    }
    if (args.value(5) == QLatin1String("scan")) {
        // SKUS is "COUNT-NUMBER,SKU": one unit scanned COUNT times into that count.
        CountService counts(context);
        for (int i = 0; i < orders; ++i) {
            const Result<CountLine> scanned = counts.record(skus.at(0), skus.at(1), 1, true);
            if (!scanned) {
                QTextStream(stderr) << "scan failed: " << scanned.error().message << '\n';
                return 1;
            }
        }
        return 0;
    }
    if (args.value(5) == QLatin1String("transfer")) {
        TransferService transfers(context);
        const QStringList locations {QStringLiteral("LEEDS"), QStringLiteral("BRISTOL")};
        for (int i = 0; i < orders; ++i) {
            const int from = random.bounded(2);
            QuantityLine line;
            line.sku = skus.at(random.bounded(int(skus.size())));
            line.qty = 1 + random.bounded(3);
            const Result<Transfer> created = transfers.create(locations.at(from), locations.at(1 - from), {line});
            if (!created || !transfers.request(created->number)) {
                QTextStream(stderr) << "transfer failed: " << created.error().message << '\n';
                return 1;
            }
            const Result<Transfer> shipped = transfers.ship(created->number);
            if (!shipped) {
                // Orders took the units first: a business refusal, never a database error.
                if (shipped.error().kind != Error::Kind::Business || !transfers.cancel(created->number)) {
                    QTextStream(stderr) << "ship failed: " << shipped.error().message << '\n';
                    return 1;
                }
                out << QJsonDocument(QJsonObject {{QStringLiteral("refused"), created->number}})
                           .toJson(QJsonDocument::Compact)
                    << '\n';
                continue;
            }
            const Result<Transfer> received = transfers.receive(created->number, {line});
            if (!received || received->status != QLatin1String("received")) {
                QTextStream(stderr) << "receive failed: " << received.error().message << '\n';
                return 1;
            }
            out << QJsonDocument(QJsonObject {{QStringLiteral("moved"), line.qty}}).toJson(QJsonDocument::Compact)
                << '\n';
            out.flush();
        }
        return 0;
    }
    OrderService service(context);
    for (int i = 0; i < orders; ++i) {
        PlaceOrderRequest request;
        QStringList used;
        const int lines = 1 + random.bounded(2);
        for (int l = 0; l < lines; ++l) {
            const QString sku = skus.at(random.bounded(int(skus.size())));
            if (!used.contains(sku)) {
                used << sku;
                request.lines << OrderLineRequest {sku, 1 + random.bounded(3), {}};
            }
        }
        const Result<PlacedOrder> placed = service.place(request);
        if (!placed) {
            QTextStream(stderr) << "place failed: " << placed.error().message << '\n';
            return 1;
        }
        int allocated = 0;
        int backordered = 0;
        for (const PlacedLine &line : placed->lines) {
            for (const LineAllocation &allocation : line.allocations) {
                allocated += allocation.qty;
            }
            backordered += line.backordered;
        }
        out << QJsonDocument(QJsonObject {{QStringLiteral("order"), placed->number},
                                          {QStringLiteral("status"), placed->status},
                                          {QStringLiteral("allocated"), allocated},
                                          {QStringLiteral("backordered"), backordered}})
                   .toJson(QJsonDocument::Compact)
            << '\n';
        out.flush();
    }
    return 0;
}
