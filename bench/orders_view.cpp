// SPDX-License-Identifier: GPL-3.0-or-later
// The Orders view on a million orders: the time from opening a session to the first rows in the model,
// from a filter change or a search to its first page, and the resident memory of the real GUI process
// showing them. The database is built once (demo + archived orders) and kept for later runs. Not a test.
// With --cold-start: the real `stockroom` program's start to its first frame instead (see coldStart()).
// Prints a table and, for scripts/bench.sh, `RESULT name value unit` lines.
#include "benchsupport.h"
#include "demodata.h"
#include "migrations.h"
#include "ordermodel.h"
#include "session.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QTextStream>
#include <QThread>

#include <algorithm>

using namespace Stockroom;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

/** Builds the database when it does not hold enough orders yet; how many it holds, or -1. */
qint64 prepare(const ConnectionSpec &spec, int orders)
{
    Result<std::unique_ptr<Database>> db = Database::open(spec, QStringLiteral("bench-prepare"));
    if (!db || !Migrations::migrate(**db)) {
        return -1;
    }
    const qint64 have = (*db)->scalar(QStringLiteral("SELECT count(*) FROM orders")).value().toLongLong();
    if (have >= orders) {
        out() << "reusing " << spec.displayString() << " with " << have << " orders\n";
        return have;
    }
    if (have > 0) {
        out() << "the database has " << have << " orders, fewer than asked; start from an empty one\n";
        return -1;
    }
    QElapsedTimer timer;
    timer.start();
    if ((*db)->engine() == Engine::SQLite) {
        static_cast<void>((*db)->run(QStringLiteral("PRAGMA synchronous = OFF")));
    }
    DemoOptions options;
    options.days = 60;
    Result<DemoSummary> demo = DemoData::generate(**db, options);
    if (!demo) {
        out() << demo.error().message << '\n';
        return -1;
    }
    Result<int> archived = DemoData::archive(**db, orders - demo->orders, 7, [&](int done, int total) {
        if (done % 100'000 == 0 || done == total) {
            out() << "  archived " << done << " of " << total << " orders\n";
            out().flush();
        }
    });
    if (!archived) {
        out() << archived.error().message << '\n';
        return -1;
    }
    static_cast<void>((*db)->run(QStringLiteral("ANALYZE")));
    out() << "built " << orders << " orders in " << timer.elapsed() / 1000.0 << " s\n";
    return orders;
}

/** Milliseconds until the model's first page after `change` (a reload), or -1 on a timeout. */
double timeToFirstPage(OrderModel *model, const std::function<void()> &change)
{
    // What the previous figure left on the database thread (its count) is not this figure's time.
    QTest::qWait(300);
    QSignalSpy loaded(model, &OrderModel::loaded);
    QElapsedTimer timer;
    timer.start();
    change();
    model->reload(); // skip the typing pause: the figure is the query, not the debounce
    if (!loaded.wait(30'000)) {
        return -1;
    }
    return double(timer.nsecsElapsed()) / 1e6;
}

struct Figure
{
    QString what;
    QList<double> samples;
    double target = 0;
    QString key; ///< its name in the RESULT lines
};

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

/** Runs the real app with --screenshot on the database and returns its peak resident memory in MB. */
double guiPeakMegabytes(const QString &app, const ConnectionSpec &spec, double *seconds)
{
    QProcess process;
    process.setProgram(app);
    process.setArguments({QStringLiteral("--db"), spec.toConnectionString(), QStringLiteral("--screenshot"),
                          QStringLiteral("/tmp/stockroom-bench-orders.png"), QStringLiteral("--size"),
                          QStringLiteral("1600x950")});
    QElapsedTimer timer;
    timer.start();
    process.start();
    process.waitForStarted();
    double peakKb = 0;
    const QString status = QStringLiteral("/proc/%1/status").arg(process.processId());
    while (!process.waitForFinished(25)) {
        QFile file(status);
        if (file.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : file.readAll().split('\n')) {
                if (line.startsWith("VmHWM:")) {
                    peakKb = std::max(peakKb, line.mid(6).trimmed().split(' ').value(0).toDouble());
                }
            }
        }
    }
    *seconds = timer.elapsed() / 1000.0;
    return process.exitCode() == 0 ? peakKb / 1024.0 : -1;
}

/** One start of the real app: milliseconds to its first frame and to its screenshot file; -1 when missing. */
struct Start
{
    double firstFrameMs = -1;
    double screenshotMs = -1;
};

/**
 * Starts the real app in screenshot mode (offscreen, --wait 0) and times, from just before the fork, the first
 * frame its scene graph renders and the screenshot file. The frame is seen from outside: Qt's render loop logs
 * every frame it renders ("Frame rendered with 'software' renderloop …", category
 * qt.scenegraph.time.renderloop) and stderr is unbuffered, so the line's arrival is the frame's time. A line
 * "first frame" (STOCKROOM_TRACE_FIRST_FRAME=1, when the app has it) counts too. The screenshot is taken
 * 400 ms after every view has its first data (main.cpp), so its time is an upper bound of "first frame with
 * rows on screen".
 */
Start startOnce(const QString &app, const ConnectionSpec &spec, const QString &png)
{
    Start start;
    QFile::remove(png);
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("QT_LOGGING_RULES"),
                       QStringLiteral("qt.scenegraph.time.renderloop.debug=true"));
    environment.insert(QStringLiteral("STOCKROOM_TRACE_FIRST_FRAME"), QStringLiteral("1"));
    environment.remove(QStringLiteral("QT_MESSAGE_PATTERN"));
    process.setProcessEnvironment(environment);
    process.setProgram(app);
    process.setArguments({QStringLiteral("--db"), spec.toConnectionString(), QStringLiteral("--screenshot"),
                          png, QStringLiteral("--wait"), QStringLiteral("0"), QStringLiteral("--size"),
                          QStringLiteral("1366x768")});
    process.setReadChannel(QProcess::StandardError);
    const qint64 startedAt = QDateTime::currentMSecsSinceEpoch();
    QElapsedTimer timer;
    timer.start();
    process.start();
    QByteArray stderrText;
    while (start.firstFrameMs < 0 && process.waitForReadyRead(60'000)) {
        const QByteArray chunk = process.readAllStandardError();
        if (chunk.contains("Frame rendered") || chunk.contains("first frame")) {
            start.firstFrameMs = double(timer.nsecsElapsed()) / 1e6;
        }
        stderrText += chunk;
    }
    process.waitForFinished(120'000);
    const QFileInfo written(png);
    if (process.exitCode() == 0 && written.exists()) {
        start.screenshotMs = double(written.lastModified().toMSecsSinceEpoch() - startedAt);
    } else {
        out() << "the app failed (exit " << process.exitCode() << "): " << stderrText.right(400) << '\n';
    }
    return start;
}

/** --cold-start: the app's start to first frame, `runs` times on the same database (warm page cache). */
int coldStart(const QString &app, const ConnectionSpec &spec, qint64 held, int runs)
{
    Figure frame {QStringLiteral("GUI start to first frame (real app, offscreen)"),
                  {},
                  1000,
                  QStringLiteral("first_frame")};
    Figure shot {QStringLiteral("GUI start to screenshot written (every view's first data + 400 ms settle)"),
                 {},
                 0,
                 QStringLiteral("screenshot")};
    const QString png = QDir::tempPath() + QStringLiteral("/stockroom-bench-cold-start.png");
    for (int run = 0; run < runs; ++run) {
        const Start start = startOnce(app, spec, png);
        if (start.firstFrameMs < 0 || start.screenshotMs < 0) {
            out() << "no first frame seen (run " << run + 1 << ")\n";
            return 1;
        }
        frame.samples << start.firstFrameMs;
        shot.samples << start.screenshotMs;
    }
    out() << "\nCold start of " << app << " on " << held << " orders (" << spec.displayString() << "), "
          << runs << " runs (the first after building or copying the database; page cache warm), "
          << QThread::idealThreadCount() << " cores\n\n";
    out() << "| figure | median | first run | max | target |\n|---|---|---|---|---|\n";
    for (const Figure *figure : {&frame, &shot}) {
        out() << "| " << figure->what << " | " << QString::number(median(figure->samples), 'f', 0) << " ms | "
              << QString::number(figure->samples.first(), 'f', 0) << " ms | "
              << QString::number(*std::max_element(figure->samples.cbegin(), figure->samples.cend()), 'f', 0)
              << " ms | " << (figure->target > 0 ? QStringLiteral("≤ %1 ms").arg(figure->target) : QString())
              << " |\n";
    }
    out() << '\n';
    for (const Figure *figure : {&frame, &shot}) {
        out() << "RESULT cold_start." << figure->key << ' '
              << QString::number(median(figure->samples), 'f', 1) << " ms\n";
        out() << "RESULT cold_start." << figure->key << "_max "
              << QString::number(*std::max_element(figure->samples.cbegin(), figure->samples.cend()), 'f', 1)
              << " ms\n";
    }
    out() << "RESULT cold_start.orders " << held << " orders\n";
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The Orders view on a million orders."));
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("db"), QStringLiteral("Database (built when empty)."), QStringLiteral("URL"),
         QStringLiteral("sqlite:") + QDir::currentPath() + QStringLiteral("/orders-view-bench.db")});
    parser.addOption({QStringLiteral("orders"), QStringLiteral("Orders in the database (default 1000000)."),
                      QStringLiteral("N"), QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Repetitions per figure (default 5)."),
                      QStringLiteral("N"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("app"),
                      QStringLiteral("The stockroom executable for the memory figure."),
                      QStringLiteral("FILE"), QStringLiteral(STOCKROOM_APP)});
    parser.addOption({QStringLiteral("cold-start"),
                      QStringLiteral("Time the app's start to its first frame (--runs times) instead.")});
    parser.addOption(
        {QStringLiteral("prepare-only"), QStringLiteral("Build (or check) the database, nothing else.")});
    parser.process(app);
    const Result<ConnectionSpec> spec = ConnectionSpec::parse(parser.value(QStringLiteral("db")));
    if (!spec) {
        out() << spec.error().message << '\n';
        return 2;
    }
    const int orders = parser.value(QStringLiteral("orders")).toInt();
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    const qint64 held = prepare(*spec, orders);
    if (held < 0) {
        return 1;
    }
    if (parser.isSet(QStringLiteral("prepare-only"))) {
        return 0;
    }
    if (parser.isSet(QStringLiteral("cold-start"))) {
        return coldStart(parser.value(QStringLiteral("app")), *spec, held, runs);
    }

    Figure open {QStringLiteral("open: session to first rows"), {}, 150, QStringLiteral("open")};
    Figure status {
        QStringLiteral("filter: status = on hold (rare)"), {}, 100, QStringLiteral("filter_status")};
    Figure common {
        QStringLiteral("filter: payment = paid (common)"), {}, 100, QStringLiteral("filter_payment")};
    Figure channel {
        QStringLiteral("filter: channel + date range"), {}, 100, QStringLiteral("filter_channel_dates")};
    Figure location {QStringLiteral("filter: location"), {}, 100, QStringLiteral("filter_location")};
    Figure search {QStringLiteral("search: customer full name"), {}, 100, QStringLiteral("search_name")};
    Figure email {QStringLiteral("search: e-mail"), {}, 100, QStringLiteral("search_email")};
    Figure prefix {QStringLiteral("search: 3-letter prefix (worst case, 1 order in 30)"),
                   {},
                   100,
                   QStringLiteral("search_prefix")};
    Figure sku {QStringLiteral("search: SKU"), {}, 100, QStringLiteral("search_sku")};
    Figure number {QStringLiteral("search: order number"), {}, 100, QStringLiteral("search_number")};
    Figure total {QStringLiteral("sort: total, descending"), {}, 100, QStringLiteral("sort_total")};
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        Session session(*spec, QStringLiteral("bench"));
        QSignalSpy loaded(session.orders(), &OrderModel::loaded);
        if (!loaded.wait(30'000)) {
            out() << "the first page did not come\n";
            return 1;
        }
        open.samples << double(timer.nsecsElapsed()) / 1e6;
        OrderModel *model = session.orders();
        // The other views' first loads share the database thread: measure the filters after them.
        static_cast<void>(QTest::qWaitFor([&session] { return session.ready(); }, 30'000));
        QTest::qWait(200);
        auto reset = [model] {
            model->setStatusFilter({});
            model->setPaymentFilter({});
            model->setChannelFilter({});
            model->setLocationFilter(0);
            model->setFromDate({});
            model->setToDate({});
            model->setSearchText({});
            model->setSortKey(QStringLiteral("placed"));
        };
        status.samples << timeToFirstPage(model, [&] {
            reset();
            model->setStatusFilter(QStringLiteral("on_hold"));
        });
        common.samples << timeToFirstPage(model, [&] {
            reset();
            model->setPaymentFilter(QStringLiteral("paid"));
        });
        channel.samples << timeToFirstPage(model, [&] {
            reset();
            model->setChannelFilter(QStringLiteral("amazon"));
            model->setFromDate(QDate::currentDate().addYears(-2).toString(Qt::ISODate));
            model->setToDate(QDate::currentDate().addYears(-1).toString(Qt::ISODate));
        });
        const QVariantList locations = session.locations();
        location.samples << timeToFirstPage(model, [&] {
            reset();
            model->setLocationFilter(
                locations.isEmpty() ? 1 : locations.last().toMap().value(QStringLiteral("id")).toInt());
        });
        search.samples << timeToFirstPage(model, [&] {
            reset();
            model->setSearchText(QStringLiteral("Amelia Smith"));
        });
        email.samples << timeToFirstPage(model, [&] {
            reset();
            model->setSearchText(QStringLiteral("amelia.smith@example"));
        });
        prefix.samples << timeToFirstPage(model, [&] {
            reset();
            model->setSearchText(QStringLiteral("ame"));
        });
        sku.samples << timeToFirstPage(model, [&] {
            reset();
            model->setSearchText(QStringLiteral("KIT-1011"));
        });
        number.samples << timeToFirstPage(model, [&] {
            reset();
            model->setSearchText(QStringLiteral("SO-500000"));
        });
        total.samples << timeToFirstPage(model, [&] {
            reset();
            model->setSortKey(QStringLiteral("total"));
        });
        reset();
    }
    double seconds = 0;
    const double megabytes = guiPeakMegabytes(parser.value(QStringLiteral("app")), *spec, &seconds);

    out() << "\nOrders view on " << held << " orders (" << spec->displayString() << "), median of " << runs
          << " runs, " << QThread::idealThreadCount() << " cores\n\n";
    out() << "| figure | median | max | target |\n|---|---|---|---|\n";
    for (const Figure *figure :
         {&open, &status, &common, &channel, &location, &search, &email, &prefix, &sku, &number, &total}) {
        out() << "| " << figure->what << " | " << QString::number(median(figure->samples), 'f', 1) << " ms | "
              << QString::number(*std::max_element(figure->samples.cbegin(), figure->samples.cend()), 'f', 1)
              << " ms | ≤ " << figure->target << " ms |\n";
    }
    out() << "| GUI process peak resident memory (--screenshot, Orders view, "
          << QString::number(seconds, 'f', 1) << " s) | " << QString::number(megabytes, 'f', 0)
          << " MB | | ≤ 300 MB |\n\n";
    for (const Figure *figure :
         {&open, &status, &common, &channel, &location, &search, &email, &prefix, &sku, &number, &total}) {
        out() << "RESULT orders_view." << figure->key << ' '
              << QString::number(median(figure->samples), 'f', 2) << " ms\n";
    }
    const double slowest = std::max({median(status.samples), median(common.samples), median(channel.samples),
                                     median(location.samples), median(search.samples), median(email.samples),
                                     median(prefix.samples), median(sku.samples), median(number.samples),
                                     median(total.samples)});
    out() << "RESULT orders_view.slowest_filter_or_search " << QString::number(slowest, 'f', 2) << " ms\n";
    out() << "RESULT orders_view.gui_peak_rss " << QString::number(megabytes, 'f', 0) << " MB\n";
    out() << "RESULT orders_view.orders " << held << " orders\n";
    return 0;
}
