// SPDX-License-Identifier: GPL-3.0-or-later
#include "databaseworker.h"

#include "database.h"
#include "migrations.h"
#include "orderservice.h"
#include "orderstatus.h"
#include "packingslip.h"
#include "picklist.h"
#include "presenceservice.h"
#include "returnservice.h"
#include "shippinglabel.h"
#include "trackingimport.h"
#include "trackingservice.h"

#include <QDir>
#include <QFileInfo>

#include <QThread>

#include <atomic>

Q_LOGGING_CATEGORY(lcUi, "stockroom.ui", QtInfoMsg)

namespace Stockroom {

DatabaseWorker::DatabaseWorker(const ConnectionSpec &spec, const QString &userName, Role role)
    : m_spec(spec)
    , m_userName(userName)
    , m_role(role)
{
    qRegisterMetaType<Stockroom::OrderCursor>();
    qRegisterMetaType<Stockroom::OrderFilter>();
    qRegisterMetaType<Stockroom::OrderDetail>();
    qRegisterMetaType<Stockroom::PackProgress>();
    qRegisterMetaType<QList<Stockroom::LabelData>>();
    qRegisterMetaType<QList<Stockroom::OrderHeader>>();
    qRegisterMetaType<QList<Stockroom::StockLevelRow>>();
    qRegisterMetaType<Stockroom::DashboardData>();
}

DatabaseWorker::~DatabaseWorker() = default;

quint64 DatabaseWorker::newRequestId()
{
    static std::atomic<quint64> next {1};
    return next++;
}

void DatabaseWorker::open()
{
    const QString error = withDatabase([](Database &db) { return Migrations::migrate(db).error().message; });
    if (!error.isEmpty()) {
        m_db.reset();
        Q_EMIT opened(false, error);
        return;
    }
    Q_EMIT opened(true, {});
}

void DatabaseWorker::close()
{
    m_db.reset();
}

QString DatabaseWorker::withDatabase(const std::function<QString(Database &)> &read)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!m_db) {
            Result<std::unique_ptr<Database>> db = Database::open(
                m_spec, QStringLiteral("ui-worker-%1").arg(quintptr(QThread::currentThreadId())));
            if (!db) {
                return db.error().message;
            }
            m_db = std::move(db).value();
        }
        const QString error = read(*m_db);
        if (error.isEmpty()) {
            return {};
        }
        if (m_db->commitOutcomeUnknown()) {
            // The write may be saved: doing it again could place an order twice. Reconnect next time.
            m_db.reset();
            return error;
        }
        if (attempt == 0) {
            qCInfo(lcUi) << "read failed, reconnecting once:" << error;
            m_db.reset();
            continue;
        }
        return error;
    }
    return {};
}

void DatabaseWorker::noteLatestOrderRequest(const void *owner, quint64 request)
{
    QMutexLocker lock(&m_latestMutex);
    m_latestOrderRequest.insert(owner, request);
}

bool DatabaseWorker::superseded(const void *owner, quint64 request) const
{
    QMutexLocker lock(&m_latestMutex);
    return owner && m_latestOrderRequest.value(owner, request) != request;
}

void DatabaseWorker::fetchOrders(quint64 request, const OrderCursor &after, int limit,
                                 const OrderFilter &filter, const void *owner)
{
    QList<OrderHeader> page;
    qint64 total = -1;
    const QString error = withDatabase([&](Database &db) {
        OrderRepository orders(db);
        Result<QList<OrderHeader>> rows = orders.page(after, limit, filter);
        if (!rows) {
            return rows.error().message;
        }
        page = *rows;
        return QString();
    });
    if (!error.isEmpty()) {
        Q_EMIT failed(request, error);
        return;
    }
    // The rows go to the screen first; the count follows (capped), it only feeds "Showing 200 of N".
    Q_EMIT ordersFetched(request, page, total);
    if (!after.isStart() || superseded(owner, request)) {
        return;
    }
    const QString counting = withDatabase([&](Database &db) {
        Result<qint64> count = OrderRepository(db).count(filter, OrderCountCap);
        total = count ? *count : -1;
        return count.error().message;
    });
    if (counting.isEmpty()) {
        Q_EMIT ordersCounted(request, total);
    }
}

void DatabaseWorker::countOrders(quint64 request, const OrderFilter &filter)
{
    qint64 total = -1;
    const QString counting = withDatabase([&](Database &db) {
        Result<qint64> count = OrderRepository(db).count(filter, OrderCountCap);
        total = count ? *count : -1;
        return count.error().message;
    });
    if (counting.isEmpty()) {
        Q_EMIT ordersCounted(request, total);
    }
}

void DatabaseWorker::fetchStock(quint64 request, const QString &search)
{
    answer<QList<StockLevelRow>>(
        request, [&](Database &db) { return StockRepository(db).search(search); },
        [&](const QList<StockLevelRow> &levels) { Q_EMIT stockFetched(request, levels); });
}

void DatabaseWorker::fetchOrdersById(quint64 request, const QList<qint64> &ids, const OrderFilter &filter)
{
    answer<QList<OrderHeader>>(
        request, [&](Database &db) { return OrderRepository(db).byIds(ids, filter); },
        [&](const QList<OrderHeader> &orders) { Q_EMIT ordersRefreshed(request, orders, ids); });
}

void DatabaseWorker::fetchOrderDetail(quint64 request, const QString &number)
{
    answer<OrderDetail>(
        request,
        [&](Database &db) {
            ServiceContext context {db, Clock(), m_userName, m_role};
            return FulfilmentService(context).detail(number);
        },
        [&](const OrderDetail &detail) { Q_EMIT detailFetched(request, detail); });
}

void DatabaseWorker::fetchChoices(quint64 request)
{
    QStringList channels;
    QList<QPair<qint64, QString>> locations;
    const QString error = withDatabase([&](Database &db) {
        OrderRepository orders(db);
        Result<QStringList> c = orders.channels();
        Result<QList<QPair<qint64, QString>>> l = orders.locations();
        if (!c) {
            return c.error().message;
        }
        if (!l) {
            return l.error().message;
        }
        channels = *c;
        locations = *l;
        return QString();
    });
    if (!error.isEmpty()) {
        Q_EMIT failed(request, error);
        return;
    }
    Q_EMIT choicesFetched(request, channels, locations);
}

void DatabaseWorker::fetchPackProgress(quint64 request, const QString &number)
{
    PackProgress progress;
    Error problem;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), m_userName, m_role};
        Result<PackProgress> found = FulfilmentService(context).packProgress(number);
        problem = found.error();
        if (found) {
            progress = *found;
        }
        return problem.kind == Error::Kind::Database ? problem.message : QString();
    });
    const QString message = error.isEmpty() ? problem.message : error;
    Q_EMIT packProgressFetched(request, message.isEmpty(), message, progress);
}

void DatabaseWorker::scanItem(quint64 request, const QString &number, const QString &barcode,
                              const QString &user)
{
    PackProgress progress;
    Error problem;
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), user, m_role};
        Result<PackProgress> scanned = FulfilmentService(context).scan(number, barcode);
        problem = scanned.error();
        if (scanned) {
            progress = *scanned;
        } else if (Result<PackProgress> current = FulfilmentService(context).packProgress(number)) {
            progress = *current;
        }
        return problem.kind == Error::Kind::Database ? problem.message : QString();
    });
    const QString message = error.isEmpty() ? problem.message : error;
    Q_EMIT packProgressFetched(request, message.isEmpty(), message, progress);
}

void DatabaseWorker::fetchLevels(quint64 request, const QList<QPair<qint64, qint64>> &pairs)
{
    answer<QList<StockLevelRow>>(
        request, [&](Database &db) { return StockRepository(db).levelsFor(pairs); },
        [&](const QList<StockLevelRow> &levels) { Q_EMIT levelsRefreshed(request, levels); });
}

void DatabaseWorker::fetchDashboard(quint64 request, const QDate &from)
{
    DashboardData data;
    const QString error = withDatabase([&](Database &db) {
        ReportRepository reports(db);
        Result<QList<DailyDemand>> days = reports.dailyDemand(from);
        Result<QHash<QString, qint64>> statuses = reports.ordersByStatus();
        Result<StockSummary> stock = reports.stockSummary();
        for (const Error *problem : {&days.error(), &statuses.error(), &stock.error()}) {
            if (!problem->message.isEmpty()) {
                return problem->message;
            }
        }
        data.days = *days;
        data.ordersByStatus = *statuses;
        data.stock = *stock;
        return QString();
    });
    if (!error.isEmpty()) {
        Q_EMIT failed(request, error);
        return;
    }
    Q_EMIT dashboardFetched(request, data);
}

void DatabaseWorker::announcePresence(const PresenceRecord &presence)
{
    const QString error = withDatabase([&](Database &db) {
        ServiceContext context {db, Clock(), presence.userName, m_role};
        return PresenceService(context).announce(presence).error().message;
    });
    if (!error.isEmpty()) {
        qCDebug(lcUi) << "presence not announced:" << error;
    }
}

void DatabaseWorker::leavePresence(const QString &desktopId, const QString &user)
{
    if (!m_db) {
        return;
    }
    ServiceContext context {*m_db, Clock(), user, m_role};
    if (const Status left = PresenceService(context).leave(desktopId); !left) {
        qCInfo(lcUi) << "presence not removed:" << left.error().message;
    }
}

void DatabaseWorker::fetchPresence(quint64 request)
{
    answer<QList<PresenceRecord>>(
        request, [](Database &db) { return PresenceRepository(db).active(); },
        [&](const QList<PresenceRecord> &records) { Q_EMIT presenceFetched(request, records); });
}

namespace {

/** Runs one action on one order; an empty error means done. */
Error runOne(ServiceContext &context, const QString &action, const QString &number,
             std::optional<int> version, const QVariantMap &args)
{
    if (action == QLatin1String("cancel")) {
        return OrderService(context).cancel(number, version).error();
    }
    if (action == QLatin1String("ship")) {
        const ShipRequest details {args.value(QStringLiteral("carrier")).toString(),
                                   args.value(QStringLiteral("service")).toString(),
                                   args.value(QStringLiteral("tracking")).toString(),
                                   args.value(QStringLiteral("weightGrams")).toInt()};
        return OrderService(context).ship(number, details, version).error();
    }
    if (action == QLatin1String("returnCreate")) {
        QList<ReturnLineRequest> lines;
        for (const QVariant &line : args.value(QStringLiteral("lines")).toList()) {
            const QVariantMap map = line.toMap();
            if (map.value(QStringLiteral("qty")).toInt() > 0) {
                lines << ReturnLineRequest {map.value(QStringLiteral("sku")).toString(),
                                            map.value(QStringLiteral("qty")).toInt(),
                                            {}};
            }
        }
        return ReturnService(context)
            .create(number, lines, args.value(QStringLiteral("reason")).toString())
            .error();
    }
    if (action == QLatin1String("returnReceive")) {
        QList<ReturnDisposition> dispositions;
        for (const QVariant &item : args.value(QStringLiteral("dispositions")).toList()) {
            const QVariantMap map = item.toMap();
            if (map.value(QStringLiteral("qty")).toInt() <= 0) {
                continue;
            }
            ReturnDisposition d;
            d.kind = map.value(QStringLiteral("kind")).toString() == QLatin1String("writeoff")
                ? ReturnDisposition::Kind::WriteOff
                : ReturnDisposition::Kind::Restock;
            d.sku = map.value(QStringLiteral("sku")).toString();
            d.qty = map.value(QStringLiteral("qty")).toInt();
            d.locationCode = map.value(QStringLiteral("location")).toString();
            d.reason = map.value(QStringLiteral("reason")).toString();
            dispositions << d;
        }
        return ReturnService(context).receive(number, dispositions).error();
    }
    if (action == QLatin1String("returnRefund")) {
        return ReturnService(context).refund(number).error();
    }
    if (action == QLatin1String("returnCancel")) {
        return ReturnService(context).cancel(number).error();
    }
    if (action == QLatin1String("trackAdd")) {
        return TrackingService(context)
            .add(TrackingEventInput {number,
                                     args.value(QStringLiteral("status")).toString(),
                                     {},
                                     args.value(QStringLiteral("place")).toString(),
                                     args.value(QStringLiteral("description")).toString(),
                                     0})
            .error();
    }
    if (action == QLatin1String("trackImport")) {
        const TrackingImportResult read = TrackingImport::readFile(number);
        if (!read.problems.isEmpty()) {
            QStringList problems;
            for (const ImportProblem &problem : read.problems.mid(0, 5)) {
                problems << problem.toString(QFileInfo(number).fileName());
            }
            if (read.problems.size() > 5) {
                problems << DatabaseWorker::tr("… and %n more", nullptr, int(read.problems.size() - 5));
            }
            return Error::usage(DatabaseWorker::tr("Nothing was imported:") + QLatin1Char('\n')
                                + problems.join(QLatin1Char('\n')));
        }
        return TrackingService(context).addAll(read.events).error();
    }
    FulfilmentService fulfilment(context);
    if (action == QLatin1String("pay")) {
        return fulfilment.pay(number, {}, version).error();
    }
    if (action == QLatin1String("authorize")) {
        return fulfilment.authorize(number, version).error();
    }
    if (action == QLatin1String("void")) {
        return fulfilment.voidPayment(number, version).error();
    }
    if (action == QLatin1String("refund")) {
        return fulfilment
            .refund(number, args.value(QStringLiteral("amountCents")).toLongLong(),
                    args.value(QStringLiteral("note")).toString(), version)
            .error();
    }
    if (action == QLatin1String("hold")) {
        return fulfilment.hold(number, args.value(QStringLiteral("reason")).toString(), version).error();
    }
    if (action == QLatin1String("unhold")) {
        return fulfilment.unhold(number, version).error();
    }
    if (action == QLatin1String("release")) {
        return fulfilment.release(number, version).error();
    }
    return Error::usage(DatabaseWorker::tr("Unknown action \"%1\".").arg(action));
}

QString doneText(const QString &action, const QString &number)
{
    if (action == QLatin1String("cancel"))
        return DatabaseWorker::tr("%1 cancelled.").arg(number);
    if (action == QLatin1String("ship"))
        return DatabaseWorker::tr("%1 shipped.").arg(number);
    if (action == QLatin1String("pay"))
        return DatabaseWorker::tr("%1 marked paid.").arg(number);
    if (action == QLatin1String("authorize"))
        return DatabaseWorker::tr("Payment of %1 authorised.").arg(number);
    if (action == QLatin1String("void"))
        return DatabaseWorker::tr("Payment of %1 voided.").arg(number);
    if (action == QLatin1String("refund"))
        return DatabaseWorker::tr("Refund for %1 recorded.").arg(number);
    if (action == QLatin1String("hold"))
        return DatabaseWorker::tr("%1 is on hold.").arg(number);
    if (action == QLatin1String("unhold"))
        return DatabaseWorker::tr("%1 is off hold.").arg(number);
    if (action == QLatin1String("release"))
        return DatabaseWorker::tr("%1 released for picking.").arg(number);
    if (action == QLatin1String("returnCreate"))
        return DatabaseWorker::tr("Return for %1 created.").arg(number);
    if (action == QLatin1String("returnReceive"))
        return DatabaseWorker::tr("Return %1 received.").arg(number);
    if (action == QLatin1String("returnRefund"))
        return DatabaseWorker::tr("Return %1 refunded.").arg(number);
    if (action == QLatin1String("returnCancel"))
        return DatabaseWorker::tr("Return %1 cancelled.").arg(number);
    if (action == QLatin1String("trackAdd"))
        return DatabaseWorker::tr("Tracking event for %1 recorded.").arg(number);
    if (action == QLatin1String("trackImport"))
        return DatabaseWorker::tr("Tracking events of %1 imported.").arg(QFileInfo(number).fileName());
    return number;
}

} // namespace

void DatabaseWorker::runOrderAction(quint64 request, const QString &action, const QStringList &numbers,
                                    int version, const QVariantMap &args, const QString &user)
{
    if (action == QLatin1String("labels") || action == QLatin1String("pickList")) {
        writeDocument(request, action, numbers, args);
        return;
    }
    int done = 0;
    bool stale = false;
    QStringList refusals;
    QString lastDone;
    for (const QString &number : numbers) {
        Error problem;
        const QString error = withDatabase([&](Database &db) {
            ServiceContext context {db, Clock(), user, m_role};
            const std::optional<int> expected
                = numbers.size() == 1 && version >= 0 ? std::optional<int>(version) : std::nullopt;
            problem = runOne(context, action, number, expected, args);
            // Only a lost connection is worth a second attempt; a refusal is the answer.
            return problem.kind == Error::Kind::Database ? problem.message : QString();
        });
        const QString message = error.isEmpty() ? problem.message : error;
        if (message.isEmpty()) {
            ++done;
            lastDone = number;
        } else {
            stale = stale || problem.kind == Error::Kind::Stale;
            refusals << message;
        }
    }
    if (numbers.size() == 1) {
        if (refusals.isEmpty() && action == QLatin1String("ship")
            && args.contains(QStringLiteral("labelFile"))
            && !args.value(QStringLiteral("tracking")).toString().trimmed().isEmpty()) {
            // Shipped: the label follows at once (its own answer says where it went).
            writeDocument(request, QStringLiteral("labels"), numbers,
                          {{QStringLiteral("file"), args.value(QStringLiteral("labelFile"))}});
            return;
        }
        Q_EMIT actionFinished(request, refusals.isEmpty(), stale,
                              refusals.isEmpty() ? doneText(action, lastDone) : refusals.first());
        return;
    }
    QString summary = tr("%n order(s) done", nullptr, done);
    if (!refusals.isEmpty()) {
        summary += QStringLiteral("; ") + tr("%n refused", nullptr, int(refusals.size()))
            + QStringLiteral(": ") + refusals.mid(0, 3).join(QLatin1Char(' '));
        if (refusals.size() > 3) {
            summary += QStringLiteral(" …");
        }
    }
    Q_EMIT actionFinished(request, refusals.isEmpty(), stale, summary);
}

Status DatabaseWorker::labelsOf(Database &db, const QStringList &numbers, QList<LabelData> &labels,
                                QStringList &skipped)
{
    labels.clear();
    skipped.clear();
    OrderRepository orders(db);
    for (const QString &number : numbers) {
        const std::optional<qint64> id = orderIdFromNumber(number);
        Result<std::optional<ShipmentFacts>> facts
            = id ? orders.latestShipment(*id) : std::optional<ShipmentFacts> {};
        if (!facts) {
            return facts.error();
        }
        if (!*facts || (*facts)->trackingNumber.isEmpty()) {
            skipped << number;
        } else {
            labels << ShippingLabel::fromShipment(**facts, number);
        }
    }
    return {};
}

void DatabaseWorker::fetchLabels(quint64 request, const QStringList &numbers)
{
    QList<LabelData> labels;
    QStringList skipped;
    const QString error
        = withDatabase([&](Database &db) { return labelsOf(db, numbers, labels, skipped).error().message; });
    if (!error.isEmpty()) {
        Q_EMIT actionFinished(request, false, false, error);
        return;
    }
    Q_EMIT labelsFetched(request, labels, skipped);
}

void DatabaseWorker::writeDocument(quint64 request, const QString &action, const QStringList &numbers,
                                   const QVariantMap &args)
{
    const QString file = args.value(QStringLiteral("file")).toString();
    QDir().mkpath(QFileInfo(file).absolutePath());
    Error problem;
    QString text;
    const QString error = withDatabase([&](Database &db) {
        if (action == QLatin1String("pickList")) {
            ServiceContext context {db, Clock(), m_userName, m_role};
            Result<PickListRows> rows
                = FulfilmentService(context).pickList(args.value(QStringLiteral("location")).toString());
            if (!rows) {
                problem = rows.error();
                return problem.kind == Error::Kind::Database ? problem.message : QString();
            }
            const PickListData data = PickList::fromRows(*rows, QDateTime::currentDateTime(),
                                                         args.value(QStringLiteral("user")).toString());
            problem = PickList::writePdf(data, file, PackingSlip::paperFor(QLocale())).error();
            text = tr("Pick list for %1: %n order(s), written to %2.", nullptr, rows->orders)
                       .arg(rows->locationCode, file);
            return QString();
        }
        QList<LabelData> labels;
        QStringList skipped;
        if (const Status read = labelsOf(db, numbers, labels, skipped); !read) {
            return read.error().message;
        }
        if (labels.isEmpty()) {
            problem = Error::business(tr("None of these orders has shipped with a tracking number yet."));
            return QString();
        }
        problem = ShippingLabel::writePdf(labels, file).error();
        text = tr("%n label(s) written to %1.", nullptr, int(labels.size())).arg(file);
        if (!skipped.isEmpty()) {
            text += QLatin1Char(' ')
                + tr("Not shipped yet, no label: %1.").arg(skipped.join(QStringLiteral(", ")));
        }
        return QString();
    });
    const QString message = error.isEmpty() ? problem.message : error;
    Q_EMIT actionFinished(request, message.isEmpty(), false, message.isEmpty() ? text : message);
    if (message.isEmpty()) {
        Q_EMIT documentWritten(file);
    }
}

} // namespace Stockroom
