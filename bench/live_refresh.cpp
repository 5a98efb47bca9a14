// SPDX-License-Identifier: GPL-3.0-or-later
// Commit-to-receive latency of the change feed across processes: one process places orders through the
// services, another listens through ChangeFeed (what the GUI's models use) and time-stamps each order's
// signal. Prints p50 / p99 / max per engine and the listener's CPU use while idle, then, for
// scripts/bench.sh, `RESULT name value unit` lines. Not a test.
#include "benchsupport.h"
#include "catalogservice.h"
#include "changefeed.h"
#include "migrations.h"
#include "orderservice.h"
#include "stockservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHash>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

using namespace Stockroom;

namespace {

qint64 wallMicros()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

double cpuSeconds()
{
    timespec spec {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec);
    return double(spec.tv_sec) + double(spec.tv_nsec) / 1e9;
}

/** The listener: prints "ready", then "<order id> <µs>" per order signal, then "idle_cpu <fraction>". */
int listen(const QString &connection, int count, int pollMs, int idleSeconds)
{
    const Result<ConnectionSpec> spec = ConnectionSpec::parse(connection);
    if (!spec) {
        return 2;
    }
    QTextStream out(stdout);
    ChangeFeed feed(*spec);
    feed.setPollInterval(pollMs);
    int seen = 0;
    double idleStart = 0;
    QObject::connect(&feed, &ChangeFeed::ordersChanged, [&](const QList<qint64> &ids) {
        const qint64 now = wallMicros();
        for (qint64 id : ids) {
            out << id << ' ' << now << '\n';
        }
        out.flush();
        seen += int(ids.size());
        if (seen >= count && idleStart == 0) {
            idleStart = cpuSeconds();
            QTimer::singleShot(idleSeconds * 1000, qApp, [&] {
                out << "idle_cpu " << (cpuSeconds() - idleStart) / idleSeconds << '\n';
                out.flush();
                qApp->quit();
            });
        }
    });
    QObject::connect(&feed, &ChangeFeed::connectionChanged, [&](bool connected) {
        if (connected) {
            out << "ready\n";
            out.flush();
        }
    });
    feed.start();
    return QCoreApplication::exec();
}

struct Figures
{
    double p50 = 0;
    double p99 = 0;
    double max = 0;
    int received = 0;
    double idleCpu = 0;
};

Figures measure(const QString &self, const QString &connection, int commits, int pollMs, int gapMs)
{
    Figures figures;
    const ConnectionSpec spec = ConnectionSpec::parse(connection).value();
    Result<std::unique_ptr<Database>> db = Database::open(spec, QStringLiteral("committer"));
    if (!db || !Migrations::migrate(**db)) {
        return figures;
    }
    ServiceContext context {**db, Clock(), QStringLiteral("bench")};
    {
        LocationRecord location;
        location.code = QStringLiteral("A");
        location.name = QStringLiteral("Location A");
        ProductRecord product;
        product.sku = QStringLiteral("LIVE-1");
        product.name = QStringLiteral("Live product");
        if (!CatalogService(context).addLocation(location) || !CatalogService(context).addProduct(product)
            || !StockService(context).receive(product.sku, location.code, 1'000'000)) {
            return figures;
        }
    }

    QProcess listener;
    listener.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    listener.start(self,
                   {QStringLiteral("--listen"), QStringLiteral("--db"), connection,
                    QStringLiteral("--commits"), QString::number(commits), QStringLiteral("--poll-ms"),
                    QString::number(pollMs)});
    QByteArray buffer;
    while (!buffer.contains("ready\n")) {
        if (!listener.waitForReadyRead(30'000)) {
            return figures;
        }
        buffer += listener.readAllStandardOutput();
    }

    OrderService orders(context);
    PlaceOrderRequest request;
    request.lines = {{QStringLiteral("LIVE-1"), 1, {}}};
    QHash<qint64, qint64> committedAt;
    for (int i = 0; i < commits; ++i) {
        const Result<PlacedOrder> placed = orders.place(request);
        if (!placed) {
            break;
        }
        committedAt.insert(placed->id, wallMicros());
        QThread::msleep(gapMs);
    }
    listener.waitForFinished(120'000);
    buffer += listener.readAllStandardOutput();
    QList<double> latencies;
    for (const QByteArray &line : buffer.split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() != 2) {
            continue;
        }
        if (parts.first() == "idle_cpu") {
            figures.idleCpu = parts.last().toDouble();
            continue;
        }
        const qint64 id = parts.first().toLongLong();
        if (committedAt.contains(id)) {
            latencies << (parts.last().toLongLong() - committedAt.value(id)) / 1000.0;
        }
    }
    std::sort(latencies.begin(), latencies.end());
    figures.received = int(latencies.size());
    if (!latencies.isEmpty()) {
        figures.p50 = latencies.at(latencies.size() / 2);
        figures.p99 = latencies.at(std::min<qsizetype>(latencies.size() - 1, latencies.size() * 99 / 100));
        figures.max = latencies.last();
    }
    return figures;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Change feed latency from commit to signal, across processes."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("listen"), QStringLiteral("Internal: run as the listening process.")},
        {QStringLiteral("db"), QStringLiteral("Internal: database of the listener."), QStringLiteral("CONN")},
        {QStringLiteral("commits"), QStringLiteral("Commits per engine (default 1000)."), QStringLiteral("N"),
         QStringLiteral("1000")},
        {QStringLiteral("poll-ms"), QStringLiteral("SQLite poll interval (default 25)."),
         QStringLiteral("MS"), QStringLiteral("25")},
        {QStringLiteral("gap-ms"), QStringLiteral("Pause between commits (default 3)."), QStringLiteral("MS"),
         QStringLiteral("3")},
        {QStringLiteral("pg"),
         QStringLiteral("PostgreSQL server to measure too (default $STOCKROOM_BENCH_PG)."),
         QStringLiteral("URL")},
    });
    parser.process(app);
    const int commits = std::max(1, parser.value(QStringLiteral("commits")).toInt());
    const int pollMs = std::max(1, parser.value(QStringLiteral("poll-ms")).toInt());
    if (parser.isSet(QStringLiteral("listen"))) {
        return listen(parser.value(QStringLiteral("db")), commits, pollMs, 3);
    }
    const int gapMs = std::max(0, parser.value(QStringLiteral("gap-ms")).toInt());
    const QString pg = parser.isSet(QStringLiteral("pg")) ? parser.value(QStringLiteral("pg"))
                                                          : qEnvironmentVariable("STOCKROOM_BENCH_PG");
    QTemporaryDir dir;
    struct Target
    {
        QString label;
        QString key;
        QString connection;
    };
    QList<Target> targets {{QStringLiteral("SQLite (poll %1 ms)").arg(pollMs), QStringLiteral("sqlite"),
                            QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("live.db"))}};
    if (!pg.isEmpty()) {
        const QString connection = Bench::freshPostgresDatabase(
            pg, QStringLiteral("stockroom_live_%1").arg(QCoreApplication::applicationPid()));
        if (!connection.isEmpty()) {
            targets << Target {QStringLiteral("PostgreSQL (LISTEN/NOTIFY)"), QStringLiteral("postgresql"),
                               connection};
        }
    } else {
        std::printf("(PostgreSQL skipped: pass --pg URL or set STOCKROOM_BENCH_PG)\n");
    }
    std::printf("Change feed, commit -> signal in another process, %d commits, %d ms apart\n\n", commits,
                gapMs);
    std::printf("| engine | received | p50 ms | p99 ms | max ms | listener CPU while idle "
                "|\n|---|---|---|---|---|---|\n");
    QStringList results;
    for (const Target &target : std::as_const(targets)) {
        const Figures f = measure(app.applicationFilePath(), target.connection, commits, pollMs, gapMs);
        std::printf("| %s | %d/%d | %.2f | %.2f | %.2f | %.2f %% of a core |\n", qPrintable(target.label),
                    f.received, commits, f.p50, f.p99, f.max, f.idleCpu * 100.0);
        std::fflush(stdout);
        const QString prefix = QStringLiteral("RESULT live_refresh.%1.").arg(target.key);
        results << prefix + QStringLiteral("p50 %1 ms").arg(f.p50, 0, 'f', 2)
                << prefix + QStringLiteral("p99 %1 ms").arg(f.p99, 0, 'f', 2)
                << prefix + QStringLiteral("max %1 ms").arg(f.max, 0, 'f', 2)
                << prefix + QStringLiteral("received %1 of_%2").arg(f.received).arg(commits)
                << prefix + QStringLiteral("idle_cpu %1 %_of_a_core").arg(f.idleCpu * 100.0, 0, 'f', 2);
    }
    std::printf("\n%s\n", qPrintable(results.join(QLatin1Char('\n'))));
    return 0;
}
