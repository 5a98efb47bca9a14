// SPDX-License-Identifier: GPL-3.0-or-later
// A separate process for tst_faults: places orders (mode "place") or places orders and books receipts in
// turn (mode "storm"), one transaction each, and prints every outcome as one JSON line, flushed at once, so
// that what it was told survives a kill -9 of this process: {"id", "op", "outcome": ok|failed|unknown, …}.
// Each order carries a unique external id (channel "fault") and each receipt a unique note, both "NAME-n",
// so that the test can look every one of them up afterwards.
#include "database.h"
#include "orderservice.h"
#include "stockservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTextStream>
#include <QThread>

using namespace Stockroom;

namespace {

void print(const QJsonObject &line)
{
    static QTextStream out(stdout);
    out << QJsonDocument(line).toJson(QJsonDocument::Compact) << '\n';
    out.flush();
}

/**
 * The application says so in its message when the connection died during COMMIT: the change may or may not
 * be saved. Such a transaction must never be counted as failed, let alone as done.
 */
bool outcomeUnknown(const Error &error)
{
    return error.kind == Error::Kind::Database && error.message.contains(QLatin1String("unknown"));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("place or storm"));
    parser.addPositionalArgument(QStringLiteral("conn"), QStringLiteral("the database"));
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("prefix of the ids, and the user"));
    parser.addPositionalArgument(QStringLiteral("skus"), QStringLiteral("SKU,SKU,…"));
    const QCommandLineOption count(QStringLiteral("count"),
                                   QStringLiteral("attempts (default: until killed)"), QStringLiteral("N"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("stop after S seconds"),
                                     QStringLiteral("S"));
    const QCommandLineOption until(QStringLiteral("until"), QStringLiteral("stop once FILE exists"),
                                   QStringLiteral("FILE"));
    const QCommandLineOption reconnect(QStringLiteral("reconnect"),
                                       QStringLiteral("open the connection again when it was lost"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("random seed"), QStringLiteral("N"),
                                  QStringLiteral("1"));
    parser.addOptions({count, seconds, until, reconnect, seed});
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    if (args.size() != 4 || (args.at(0) != QLatin1String("place") && args.at(0) != QLatin1String("storm"))) {
        QTextStream(stderr) << "usage: fault_worker place|storm CONN NAME SKU,SKU,… [options]\n";
        return 2;
    }
    const bool storm = args.at(0) == QLatin1String("storm");
    const QString name = args.at(2);
    const QStringList skus = args.at(3).split(QLatin1Char(','));
    const Result<ConnectionSpec> spec = ConnectionSpec::parse(args.at(1));
    if (!spec) {
        QTextStream(stderr) << spec.error().message << '\n';
        return 2;
    }
    Result<std::unique_ptr<Database>> opened = Database::open(*spec, QStringLiteral("fault-worker"));
    if (!opened) {
        QTextStream(stderr) << opened.error().message << '\n';
        return 3;
    }
    std::unique_ptr<Database> db = std::move(opened).value();

    QRandomGenerator random(parser.value(seed).toUInt());
    const qint64 attempts = parser.isSet(count) ? parser.value(count).toLongLong() : -1;
    const QDeadlineTimer deadline = parser.isSet(seconds)
        ? QDeadlineTimer(qint64(parser.value(seconds).toDouble() * 1000))
        : QDeadlineTimer(QDeadlineTimer::Forever);
    const QString stopFile = parser.value(until);

    for (qint64 n = 0; attempts < 0 || n < attempts; ++n) {
        if (deadline.hasExpired() || (!stopFile.isEmpty() && QFileInfo::exists(stopFile))) {
            break;
        }
        const QString id = QStringLiteral("%1-%2").arg(name).arg(n);
        ServiceContext context {*db, Clock(), name};
        QJsonObject line {{QStringLiteral("id"), id}};
        bool done = false;
        Error error;
        if (storm && n % 2 == 1) {
            line.insert(QStringLiteral("op"), QStringLiteral("receive"));
            const int qty = 1 + random.bounded(3);
            line.insert(QStringLiteral("qty"), qty);
            const Result<StockLevelRow> received = StockService(context).receive(
                skus.at(random.bounded(int(skus.size()))), QStringLiteral("LEEDS"), qty, id);
            done = received.ok();
            error = received.error();
        } else {
            line.insert(QStringLiteral("op"), QStringLiteral("place"));
            PlaceOrderRequest request;
            request.channel = QStringLiteral("fault");
            request.externalId = id;
            request.note = id;
            OrderLineRequest orderLine;
            orderLine.sku = skus.at(random.bounded(int(skus.size())));
            orderLine.qty = 1 + random.bounded(3);
            request.lines << orderLine;
            const Result<PlacedOrder> placed = OrderService(context).place(request);
            if (placed) {
                line.insert(QStringLiteral("order"), placed->number);
            }
            done = placed.ok();
            error = placed.error();
        }
        if (done) {
            line.insert(QStringLiteral("outcome"), QStringLiteral("ok"));
            print(line);
            continue;
        }
        line.insert(QStringLiteral("outcome"),
                    outcomeUnknown(error) ? QStringLiteral("unknown") : QStringLiteral("failed"));
        line.insert(QStringLiteral("message"), error.message);
        print(line);
        if (!parser.isSet(reconnect) || error.kind != Error::Kind::Database
            || db->scalar(QStringLiteral("SELECT 1"))) {
            continue;
        }
        // The connection is gone (the server went away): Database does not reopen by itself, so this process
        // opens a new one, for up to a minute, the way a desktop would when the server is back.
        QElapsedTimer away;
        away.start();
        db.reset();
        while (!db) {
            Result<std::unique_ptr<Database>> again = Database::open(*spec, QStringLiteral("fault-worker"));
            if (again) {
                db = std::move(again).value();
            } else if (away.hasExpired(60'000)) {
                QTextStream(stderr) << "cannot reconnect: " << again.error().message << '\n';
                return 3;
            } else {
                QThread::msleep(100);
            }
        }
        print(QJsonObject {{QStringLiteral("reconnected"), name},
                           {QStringLiteral("after_ms"), away.elapsed()}});
    }
    return 0;
}
