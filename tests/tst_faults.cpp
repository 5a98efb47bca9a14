// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations.h"
#include "orderservice.h"
#include "stockservice.h"
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Stockroom;

namespace {

const QStringList hotSkus {QStringLiteral("HOT-1"), QStringLiteral("HOT-2"), QStringLiteral("HOT-3")};

/** A program's exit code and output. */
struct Ran
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Ran runCtl(const QString &connection, const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(STOCKROOMCTL), QStringList {QStringLiteral("--db"), connection} + arguments);
    Ran ran;
    if (!process.waitForFinished(120'000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        ran.err = "stockroomctl did not finish: " + arguments.join(QLatin1Char(' ')).toUtf8();
        return ran;
    }
    ran.exitCode = process.exitCode();
    ran.out = process.readAllStandardOutput();
    ran.err = process.readAllStandardError();
    return ran;
}

int countOf(Database &db, const QString &sql, const Binds &binds)
{
    const Result<QVariant> value = db.scalar(sql, binds);
    return value ? value->toInt() : -1;
}

/** One JSON object per line of a worker's output. */
QList<QJsonObject> jsonLines(const QByteArray &output)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : output.split('\n')) {
        if (!line.trimmed().isEmpty()) {
            lines << QJsonDocument::fromJson(line).object();
        }
    }
    return lines;
}

/** Waits for every process while the event loop drains their pipes (a full pipe would stall a writer). */
bool waitForAll(const QList<QProcess *> &processes, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    const auto running = [&] {
        return std::any_of(processes.cbegin(), processes.cend(),
                           [](const QProcess *p) { return p->state() != QProcess::NotRunning; });
    };
    while (running() && !timer.hasExpired(timeoutMs)) {
        QTest::qWait(20);
    }
    return !running();
}

/** A free TCP port on loopback, as the kernel hands one out. */
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
        port = ntohs(address.sin_port);
    }
    ::close(fd);
    return port;
}

/**
 * A PostgreSQL cluster of this test's own, in a folder under /tmp on a free port, so that it may be stopped
 * and started without disturbing anyone else's server (ctest -j2 runs other tests against the shared one).
 */
class ThrowawayServer
{
public:
    ThrowawayServer()
        : m_dir(QDir::tempPath() + QStringLiteral("/stockroom-faults-XXXXXX"))
    {
    }
    ~ThrowawayServer() { stop("immediate"); }

    /** Empty when the cluster runs, else why it could not be made. */
    QString setUp()
    {
        const QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql"))
                                         .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString &version : versions) {
            if (QFile::exists(QStringLiteral("/usr/lib/postgresql/%1/bin/initdb").arg(version))) {
                m_bin = QStringLiteral("/usr/lib/postgresql/%1/bin/").arg(version);
            }
        }
        if (m_bin.isEmpty() || !m_dir.isValid()) {
            return QStringLiteral("no PostgreSQL server binaries under /usr/lib/postgresql");
        }
        if (::geteuid() == 0
            && QProcess::execute(QStringLiteral("chown"), {QStringLiteral("postgres:"), m_dir.path()}) != 0) {
            return QStringLiteral("cannot hand %1 to the postgres user").arg(m_dir.path());
        }
        m_port = freePort();
        const QString initdb = pg(QStringLiteral("initdb"),
                                  {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")),
                                   QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-A"),
                                   QStringLiteral("trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                                   QStringLiteral("--locale=C.UTF-8"), QStringLiteral("--no-sync")});
        if (!initdb.isEmpty()) {
            return initdb;
        }
        return start() ? QString() : QStringLiteral("the throwaway server did not start:\n") + log();
    }

    bool start()
    {
        const QString options
            = QStringLiteral("-p %1 -c listen_addresses=127.0.0.1 -k %2 -c max_connections=50")
                  .arg(m_port)
                  .arg(m_dir.path());
        m_running = pg(QStringLiteral("pg_ctl"),
                       {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-l"),
                        m_dir.filePath(QStringLiteral("log")), QStringLiteral("-w"), QStringLiteral("-o"),
                        options, QStringLiteral("start")})
                        .isEmpty();
        return m_running;
    }

    bool stop(const char *mode)
    {
        if (!m_running) {
            return true;
        }
        m_running = !pg(QStringLiteral("pg_ctl"),
                        {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-m"),
                         QString::fromLatin1(mode), QStringLiteral("-w"), QStringLiteral("stop")})
                         .isEmpty();
        return !m_running;
    }

    ConnectionSpec spec(const QString &database) const
    {
        ConnectionSpec spec;
        spec.engine = Engine::PostgreSQL;
        spec.host = QStringLiteral("127.0.0.1");
        spec.port = m_port;
        spec.user = QStringLiteral("postgres");
        spec.database = database;
        return spec;
    }

    QString log() const
    {
        QFile file(m_dir.filePath(QStringLiteral("log")));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll().right(4000)) : QString();
    }

private:
    /** Runs a server program as the postgres user (PostgreSQL refuses root); empty on success. */
    QString pg(const QString &program, const QStringList &arguments) const
    {
        QProcess process;
        if (::geteuid() == 0) {
            process.start(QStringLiteral("runuser"),
                          QStringList {QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"),
                                       m_bin + program}
                              + arguments);
        } else {
            process.start(m_bin + program, arguments);
        }
        if (!process.waitForFinished(120'000) || process.exitCode() != 0) {
            return program + QStringLiteral(" failed: ") + QString::fromUtf8(process.readAllStandardError());
        }
        return {};
    }

    QTemporaryDir m_dir;
    QString m_bin;
    int m_port = 0;
    bool m_running = false;
};

/** A small tmpfs mounted for one test and unmounted again whatever happens. */
class SmallDisk
{
public:
    explicit SmallDisk(const QString &path)
        : m_path(path)
    {
        QDir().mkpath(path);
        QProcess mount;
        mount.start(QStringLiteral("mount"),
                    {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                     QStringLiteral("size=4M"), QStringLiteral("tmpfs"), path});
        m_mounted = mount.waitForFinished(30'000) && mount.exitCode() == 0;
        m_error = QString::fromUtf8(mount.readAllStandardError()).trimmed();
    }
    ~SmallDisk()
    {
        if (m_mounted && QProcess::execute(QStringLiteral("umount"), {m_path}) != 0) {
            // Something still holds a file there: detach it now, the kernel frees it when it is let go.
            QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), m_path});
        }
    }
    bool mounted() const { return m_mounted; }
    QString error() const { return m_error; }

private:
    QString m_path;
    bool m_mounted = false;
    QString m_error;
};

} // namespace

/**
 * Faults that lose nothing (issue 8): a process killed with SIGKILL in the middle of a large import or of
 * an order burst, the PostgreSQL server stopped and started under four writers, an SQLite disk that fills up,
 * and a busy storm of eight SQLite writers. After each: every invariant holds, everything a process was told
 * was saved is there exactly once, and what was half done is either whole or absent.
 */
class TestFaults : public QObject
{
    Q_OBJECT

private:
    static bool seed(Database &db)
    {
        ServiceContext context {db, Clock(), QStringLiteral("setup")};
        if (!Test::seedCatalog(context, {{QStringLiteral("LEEDS"), 10}, {QStringLiteral("BRISTOL"), 20}},
                               hotSkus)) {
            return false;
        }
        StockService stock(context);
        for (const QString &sku : hotSkus) {
            if (!stock.receive(sku, QStringLiteral("LEEDS"), 300)
                || !stock.receive(sku, QStringLiteral("BRISTOL"), 300)) {
                return false;
            }
        }
        return true;
    }

    /** A Shopify export (the real header from the shared sample) of `orders` orders of one to three lines. */
    static int writeOrderFile(const QString &fileName, int orders)
    {
        QFile sample(QStringLiteral(STOCKROOM_TESTDATA "/shopify/orders_export.csv"));
        if (!sample.open(QIODevice::ReadOnly)) {
            return -1;
        }
        const QList<QByteArray> header = sample.readLine().trimmed().split(',');
        QFile file(fileName);
        if (!file.open(QIODevice::WriteOnly)) {
            return -1;
        }
        file.write(header.join(',') + '\n');
        int lines = 0;
        for (int o = 0; o < orders; ++o) {
            for (int l = 0; l <= o % 3; ++l) {
                QList<QByteArray> row(header.size());
                const auto set = [&](const char *column, const QByteArray &value) {
                    row[header.indexOf(column)] = value;
                };
                set("Name", "#" + QByteArray::number(20000 + o));
                set("Created at", "2026-04-02 09:" + QByteArray::number(10 + o % 50) + ":00 +0100");
                set("Lineitem quantity", QByteArray::number(1 + (o + l) % 2));
                set("Lineitem name", "Hot " + QByteArray::number(l));
                set("Lineitem price", "9.50");
                set("Lineitem sku", hotSkus.at((o + l) % 3).toUtf8());
                set("Lineitem requires shipping", "true");
                if (l == 0) {
                    set("Financial Status", "paid");
                    set("Fulfillment Status", "unfulfilled");
                    set("Total", "28.50");
                }
                file.write(row.join(',') + '\n');
                ++lines;
            }
        }
        return lines;
    }

    /** PostgreSQL: a killed client's session may still be finishing; wait until the server let it go. */
    static bool settled(Database &db)
    {
        if (db.engine() != Engine::PostgreSQL) {
            return true;
        }
        QElapsedTimer timer;
        timer.start();
        while (
            countOf(db,
                    QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                   "AND pid <> pg_backend_pid()"),
                    {})
            != 0) {
            if (timer.hasExpired(30'000)) {
                return false;
            }
            QTest::qWait(10);
        }
        return true;
    }

    /** Kills per kill test: 25 in the suite (50 per engine); STOCKROOM_FAULT_RUNS=N for more by hand. */
    static int runs()
    {
        return qEnvironmentVariableIntValue("STOCKROOM_FAULT_RUNS") > 0
            ? qEnvironmentVariableIntValue("STOCKROOM_FAULT_RUNS")
            : 25;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void killDuringLargeImport()
    {
        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        QVERIFY(seed(*db));
        const QString connection = scratch.connectionString();
        const bool postgres = Test::engineUnderTest() == Engine::PostgreSQL;
        const int orders = postgres ? 600 : 2500;
        QTemporaryDir dir;
        const QString fileName = dir.filePath(QStringLiteral("orders_export.csv"));
        const int lines = writeOrderFile(fileName, orders);
        QVERIFY(lines > 0);
        const auto ordersOf = [&](const QString &channel) {
            return countOf(*db, QStringLiteral("SELECT count(*) FROM orders WHERE channel = ?"), {channel});
        };
        const auto linesOf = [&](const QString &channel) {
            return countOf(
                *db,
                QStringLiteral("SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id "
                               "WHERE o.channel = ?"),
                {channel});
        };

        // Two whole imports first: how long one takes (the second, warm) says when to kill the others.
        int wholeMs = 0;
        for (const QString &channel : {QStringLiteral("whole1"), QStringLiteral("whole2")}) {
            QElapsedTimer timer;
            timer.start();
            const Ran whole = runCtl(connection,
                                     {QStringLiteral("import"), QStringLiteral("orders"), fileName,
                                      QStringLiteral("--channel"), channel});
            wholeMs = int(timer.elapsed());
            QVERIFY2(whole.exitCode == 0, whole.err.constData());
            QCOMPARE(ordersOf(channel), orders);
            QCOMPARE(linesOf(channel), lines);
        }

        QRandomGenerator random(8008);
        int absent = 0;
        int present = 0;
        for (int run = 0; run < runs(); ++run) {
            const QString channel = QStringLiteral("kill%1").arg(run);
            QProcess import;
            import.start(QStringLiteral(STOCKROOMCTL),
                         {QStringLiteral("--db"), connection, QStringLiteral("import"),
                          QStringLiteral("orders"), fileName, QStringLiteral("--channel"), channel});
            QVERIFY(import.waitForStarted());
            const int delay = random.bounded(wholeMs + wholeMs / 10 + 1);
            if (!import.waitForFinished(delay)) {
                import.kill(); // SIGKILL: no clean-up of any kind
                QVERIFY(import.waitForFinished());
            }
            QVERIFY(settled(*db));

            // After the kill: the checker is content, and the import is whole or absent.
            const Ran check = runCtl(connection, {QStringLiteral("check")});
            QVERIFY2(check.exitCode == 0, (check.out + check.err).constData());
            const int found = ordersOf(channel);
            const int foundLines = linesOf(channel);
            QVERIFY2((found == 0 && foundLines == 0) || (found == orders && foundLines == lines),
                     qPrintable(QStringLiteral("run %1, killed after %2 ms: %3 of %4 orders, %5 of %6 lines")
                                    .arg(run)
                                    .arg(delay)
                                    .arg(found)
                                    .arg(orders)
                                    .arg(foundLines)
                                    .arg(lines)));
            (found == 0 ? absent : present) += 1;

            // Run again: it completes the import exactly once.
            const Ran again
                = runCtl(connection,
                         {QStringLiteral("--json"), QStringLiteral("import"), QStringLiteral("orders"),
                          fileName, QStringLiteral("--channel"), channel});
            QVERIFY2(again.exitCode == 0, again.err.constData());
            const QJsonObject report = QJsonDocument::fromJson(again.out).object();
            QCOMPARE(report.value(QStringLiteral("orders_new")).toInt(), found == 0 ? orders : 0);
            QCOMPARE(report.value(QStringLiteral("orders_unchanged")).toInt(), found == 0 ? 0 : orders);
            QCOMPARE(ordersOf(channel), orders);
            QCOMPARE(linesOf(channel), lines);
            QCOMPARE(
                countOf(*db,
                        QStringLiteral("SELECT count(DISTINCT external_id) FROM orders WHERE channel = ?"),
                        {channel}),
                orders);
        }
        qInfo("import of %d orders (%d lines, %d ms whole) killed %d times: %d absent afterwards, %d whole "
              "(finished before the kill)",
              orders, lines, wholeMs, runs(), absent, present);
        // Most kills must land before the commit, or the test proves little.
        QVERIFY2(absent >= runs() / 3, "too few kills landed inside the import");
        QCOMPARE(countOf(*db,
                         QStringLiteral(
                             "SELECT count(*) FROM (SELECT channel, external_id FROM orders WHERE "
                             "external_id IS NOT NULL GROUP BY channel, external_id HAVING count(*) > 1) d"),
                         {}),
                 0);
        QCOMPARE(Test::violations(*db), QStringList());
    }

    void killDuringOrderBurst()
    {
        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        QVERIFY(seed(*db));
        const QString connection = scratch.connectionString();
        QRandomGenerator random(9009);
        int reportedTotal = 0;
        int inFlightSaved = 0;
        for (int run = 0; run < runs(); ++run) {
            const QString name = QStringLiteral("burst%1").arg(run);
            QProcess worker;
            worker.start(QStringLiteral(FAULT_WORKER),
                         {QStringLiteral("place"), connection, name, hotSkus.join(QLatin1Char(',')),
                          QStringLiteral("--seed"), QString::number(run)});
            QVERIFY(worker.waitForStarted());
            const int delay = 50 + random.bounded(600);
            QVERIFY2(!worker.waitForFinished(delay), worker.readAllStandardError().constData());
            worker.kill();
            QVERIFY(worker.waitForFinished());
            QVERIFY(settled(*db));

            QSet<QString> told;
            for (const QJsonObject &line : jsonLines(worker.readAllStandardOutput())) {
                QVERIFY2(line.value(QStringLiteral("outcome")).toString() == QLatin1String("ok"),
                         QJsonDocument(line).toJson().constData());
                told.insert(line.value(QStringLiteral("id")).toString());
            }
            const Result<Rows> saved = db->select(
                QStringLiteral(
                    "SELECT external_id FROM orders WHERE channel = 'fault' AND external_id LIKE ?"),
                {name + QStringLiteral("-%")});
            QVERIFY2(saved, qPrintable(saved.error().message));
            QSet<QString> there;
            for (const Row &row : *saved) {
                there.insert(row.value(0).toString());
            }
            // Every order the worker was told about is there; at most the one in flight at the kill is there
            // without having been reported (committed, killed before it could print).
            for (const QString &id : std::as_const(told)) {
                QVERIFY2(there.contains(id),
                         qPrintable(id + QStringLiteral(" was reported placed but is lost")));
            }
            QVERIFY2(there.size() - told.size() <= 1,
                     qPrintable(QStringLiteral("%1 saved, %2 told").arg(there.size()).arg(told.size())));
            inFlightSaved += int(there.size() - told.size());
            reportedTotal += int(told.size());
            const Ran check = runCtl(connection, {QStringLiteral("check")});
            QVERIFY2(check.exitCode == 0, (check.out + check.err).constData());
        }
        qInfo("order burst killed %d times: %d orders reported placed, all there; %d more saved in flight",
              runs(), reportedTotal, inFlightSaved);
        QVERIFY(reportedTotal > runs());
        QCOMPARE(Test::violations(*db), QStringList());
    }

    void postgresRestartUnderFourWriters()
    {
        if (Test::engineUnderTest() != Engine::PostgreSQL) {
            QSKIP("a server restart is a PostgreSQL matter (tst_faults_postgresql)");
        }
        ThrowawayServer server;
        const QString problem = server.setUp();
        if (!problem.isEmpty()) {
            if (qEnvironmentVariableIsSet("CI")) {
                QFAIL(qPrintable(problem));
            }
            QSKIP(qPrintable(problem));
        }
        {
            Result<std::unique_ptr<Database>> admin
                = Database::open(server.spec(QStringLiteral("postgres")), QStringLiteral("faults-admin"));
            QVERIFY2(admin, qPrintable(admin.error().message));
            QVERIFY((*admin)->run(QStringLiteral("CREATE DATABASE faults")));
        }
        const ConnectionSpec spec = server.spec(QStringLiteral("faults"));
        const auto connect = [&](const QString &name) -> std::unique_ptr<Database> {
            Result<std::unique_ptr<Database>> opened = Database::open(spec, name);
            if (!opened) {
                qWarning("%s", qPrintable(opened.error().message));
                return {};
            }
            return std::move(opened).value();
        };
        {
            std::unique_ptr<Database> setup = connect(QStringLiteral("faults-setup"));
            QVERIFY(setup);
            QVERIFY(Migrations::migrate(*setup));
            QVERIFY(seed(*setup));
        }

        QTemporaryDir dir;
        const QString stopFile = dir.filePath(QStringLiteral("stop"));
        const int writers = 4;
        QList<QProcess *> workers;
        const auto reap = qScopeGuard([&] { qDeleteAll(workers); }); // a process still running is killed
        QList<QByteArray> output(writers);
        for (int i = 0; i < writers; ++i) {
            auto *worker = new QProcess;
            worker->start(QStringLiteral(FAULT_WORKER),
                          {QStringLiteral("place"), spec.toConnectionString(), QStringLiteral("pg%1").arg(i),
                           hotSkus.join(QLatin1Char(',')), QStringLiteral("--until"), stopFile,
                           QStringLiteral("--reconnect"), QStringLiteral("--seed"), QString::number(i)});
            workers << worker;
        }
        // Orders placed since the last "reconnected" line after the marker (all of them without a marker).
        const auto placedSince = [&](int i, const QByteArray &marker) {
            output[i] += workers.at(i)->readAllStandardOutput();
            qsizetype from = 0;
            if (!marker.isEmpty()) {
                from = output.at(i).lastIndexOf(marker);
                from = from < 0 ? -1 : output.at(i).indexOf("\"reconnected\"", from);
            }
            return from < 0 ? 0 : int(output.at(i).mid(from).count("\"outcome\":\"ok\""));
        };
        const auto everyWriterPlaced = [&](int atLeast, const QByteArray &marker) {
            bool all = true;
            for (int i = 0; i < writers; ++i) {
                all = placedSince(i, marker) >= atLeast && all;
            }
            return all;
        };

        // Two outages: a fast shutdown (sessions are told), then an immediate one (the server just dies).
        for (const char *mode : {"fast", "immediate"}) {
            QTRY_VERIFY_WITH_TIMEOUT(everyWriterPlaced(15, {}), 60'000);
            const QByteArray marker = "\n--- " + QByteArray(mode) + " stop ---\n";
            for (int i = 0; i < writers; ++i) {
                output[i] += workers.at(i)->readAllStandardOutput() + marker;
            }
            QVERIFY2(server.stop(mode), qPrintable(server.log()));
            QTest::qWait(500);
            QVERIFY2(server.start(), qPrintable(server.log()));
            // Each writer comes back on its own and places orders again.
            QTRY_VERIFY_WITH_TIMEOUT(everyWriterPlaced(15, marker), 90'000);
        }
        QFile stop(stopFile);
        QVERIFY(stop.open(QIODevice::WriteOnly));
        stop.close();
        QVERIFY(waitForAll(workers, 60'000));

        QSet<QString> ok;
        QSet<QString> failed;
        QSet<QString> unknown;
        QHash<QString, int> messages;
        int reconnects = 0;
        for (int i = 0; i < writers; ++i) {
            QCOMPARE(workers.at(i)->exitStatus(), QProcess::NormalExit);
            QVERIFY2(workers.at(i)->exitCode() == 0, workers.at(i)->readAllStandardError().constData());
            output[i] += workers.at(i)->readAllStandardOutput();
            for (const QByteArray &text : output.at(i).split('\n')) {
                if (!text.startsWith('{')) {
                    continue;
                }
                const QJsonObject line = QJsonDocument::fromJson(text).object();
                if (line.contains(QStringLiteral("reconnected"))) {
                    ++reconnects;
                    continue;
                }
                const QString id = line.value(QStringLiteral("id")).toString();
                const QString outcome = line.value(QStringLiteral("outcome")).toString();
                if (outcome == QLatin1String("ok")) {
                    ok.insert(id);
                    continue;
                }
                const QString message = line.value(QStringLiteral("message")).toString();
                QVERIFY2(!message.trimmed().isEmpty(), text.constData());
                messages[message.left(110)] += 1;
                (outcome == QLatin1String("unknown") ? unknown : failed).insert(id);
            }
        }
        QVERIFY(reconnects >= 2 * writers);
        // The outages were felt: each writer failed at least once per outage before it reconnected.
        QVERIFY(failed.size() + unknown.size() >= reconnects);

        // Every order a writer was told succeeded exists exactly once; none it was told failed exists; an
        // order of unknown outcome may be either.
        std::unique_ptr<Database> db = connect(QStringLiteral("faults-check"));
        QVERIFY(db);
        const Result<Rows> rows = db->select(QStringLiteral(
            "SELECT external_id, count(*) FROM orders WHERE channel = 'fault' GROUP BY external_id"));
        QVERIFY(rows);
        QSet<QString> there;
        for (const Row &row : *rows) {
            QCOMPARE(row.value(1).toInt(), 1);
            there.insert(row.value(0).toString());
        }
        for (const QString &id : std::as_const(ok)) {
            QVERIFY2(there.contains(id), qPrintable(id + QStringLiteral(" was reported placed but is lost")));
        }
        for (const QString &id : std::as_const(failed)) {
            QVERIFY2(!there.contains(id),
                     qPrintable(id + QStringLiteral(" was reported failed but was saved")));
        }
        for (const QString &id : std::as_const(there)) {
            QVERIFY2(ok.contains(id) || unknown.contains(id),
                     qPrintable(id + QStringLiteral(" saved, never reported")));
        }
        int unknownSaved = 0;
        for (const QString &id : std::as_const(unknown)) {
            unknownSaved += there.contains(id) ? 1 : 0;
        }
        qInfo("4 writers, 2 restarts (fast, immediate): %lld placed, %lld failed, %lld unknown (%d of them "
              "saved), "
              "%d reconnects",
              qlonglong(ok.size()), qlonglong(failed.size()), qlonglong(unknown.size()), unknownSaved,
              reconnects);
        for (auto it = messages.cbegin(); it != messages.cend(); ++it) {
            qInfo("  %dx %s", it.value(), qPrintable(it.key()));
        }
        QCOMPARE(Test::violations(*db), QStringList());
        db.reset();
    }

    void sqliteDiskFull()
    {
        if (Test::engineUnderTest() != Engine::SQLite) {
            QSKIP("a full disk under the database file is an SQLite matter (tst_faults_sqlite)");
        }
        if (::geteuid() != 0) {
            QSKIP("mounting a small tmpfs needs root");
        }
        QTemporaryDir base;
        QVERIFY(base.isValid());
        const QString mountPoint = base.filePath(QStringLiteral("disk"));
        SmallDisk disk(mountPoint);
        if (!disk.mounted()) {
            const QString why = QStringLiteral("cannot mount a 4 MiB tmpfs: %1").arg(disk.error());
            if (qEnvironmentVariableIsSet("CI")) {
                QFAIL(qPrintable(why));
            }
            QSKIP(qPrintable(why));
        }
        // Ballast to free later, as a clerk would delete something to make room.
        const QString ballastName = mountPoint + QStringLiteral("/ballast");
        {
            QFile ballast(ballastName);
            QVERIFY(ballast.open(QIODevice::WriteOnly));
            QCOMPARE(ballast.write(QByteArray(1024 * 1024, 'x')), qint64(1024 * 1024));
        }
        ConnectionSpec spec;
        spec.engine = Engine::SQLite;
        spec.path = mountPoint + QStringLiteral("/shop.db");
        QStringList acknowledged;
        Error full;
        {
            Result<std::unique_ptr<Database>> opened = Database::open(spec, QStringLiteral("full"));
            QVERIFY2(opened, qPrintable(opened.error().message));
            Database &db = **opened;
            QVERIFY(Migrations::migrate(db));
            QVERIFY(seed(db));
            ServiceContext context {db, Clock(), QStringLiteral("disk")};
            const QString note(1500, QLatin1Char('n'));
            for (int n = 0; n < 5000 && full.message.isEmpty(); ++n) {
                PlaceOrderRequest request;
                request.channel = QStringLiteral("fault");
                request.externalId = QStringLiteral("disk-%1").arg(n);
                request.note = note;
                request.customerAddress = note;
                OrderLineRequest line;
                line.sku = hotSkus.at(n % 3);
                line.qty = 1;
                request.lines << line;
                const Result<PlacedOrder> placed = OrderService(context).place(request);
                if (placed) {
                    acknowledged << request.externalId;
                } else {
                    full = placed.error();
                }
            }
            qInfo("%lld orders saved before the disk was full: %s", qlonglong(acknowledged.size()),
                  qPrintable(full.message));
            QVERIFY2(!acknowledged.isEmpty() && !full.message.isEmpty(), "the disk never filled");
            QCOMPARE(full.kind, Error::Kind::Database);
            QVERIFY2(full.message.contains(QLatin1String("full"), Qt::CaseInsensitive)
                         || full.message.contains(QLatin1String("space"), Qt::CaseInsensitive),
                     qPrintable(full.message));

            // Still full: a receipt fails the same clear way or fits; either way nothing half-done remains.
            const Result<StockLevelRow> receipt
                = StockService(context).receive(hotSkus.first(), QStringLiteral("LEEDS"), 1);
            QVERIFY(receipt || receipt.error().kind == Error::Kind::Database);

            // Room again: writes work on the same connection.
            QVERIFY(QFile::remove(ballastName));
            for (int n = 0; n < 3; ++n) {
                PlaceOrderRequest request;
                request.channel = QStringLiteral("fault");
                request.externalId = QStringLiteral("after-%1").arg(n);
                OrderLineRequest line;
                line.sku = hotSkus.at(n % 3);
                line.qty = 1;
                request.lines << line;
                const Result<PlacedOrder> placed = OrderService(context).place(request);
                QVERIFY2(placed,
                         qPrintable(QStringLiteral("%1 after freeing 1 MiB (journal %2 bytes): %3")
                                        .arg(request.externalId)
                                        .arg(QFileInfo(spec.path + QStringLiteral("-wal")).size())
                                        .arg(placed.error().message)));
                acknowledged << request.externalId;
            }
        }
        // A fresh connection (what a restarted app sees): intact, and everything acknowledged is there.
        Result<std::unique_ptr<Database>> reopened = Database::open(spec, QStringLiteral("full-again"));
        QVERIFY2(reopened, qPrintable(reopened.error().message));
        Database &db = **reopened;
        const Result<QVariant> integrity = db.scalar(QStringLiteral("PRAGMA integrity_check"));
        QVERIFY2(integrity, qPrintable(integrity.error().message));
        QCOMPARE(integrity->toString(), QStringLiteral("ok"));
        QCOMPARE(Test::violations(db), QStringList());
        const Result<Rows> rows
            = db.select(QStringLiteral("SELECT external_id FROM orders WHERE channel = 'fault'"));
        QVERIFY2(rows, qPrintable(rows.error().message));
        QSet<QString> there;
        for (const Row &row : *rows) {
            there.insert(row.value(0).toString());
        }
        QCOMPARE(there.size(), acknowledged.size());
        for (const QString &id : std::as_const(acknowledged)) {
            QVERIFY2(there.contains(id), qPrintable(id + QStringLiteral(" was acknowledged but is lost")));
        }
    }

    void sqliteBusyStormOfEightWriters()
    {
        if (Test::engineUnderTest() != Engine::SQLite) {
            QSKIP("the busy storm is about SQLite's single writer (tst_faults_sqlite)");
        }
        Test::ScratchDatabase scratch;
        STOCKROOM_REQUIRE(scratch);
        std::unique_ptr<Database> db = scratch.open();
        QVERIFY(db);
        QVERIFY(seed(*db));
        const int writers = 8;
        QList<QProcess *> workers;
        const auto reap = qScopeGuard([&] { qDeleteAll(workers); });
        for (int i = 0; i < writers; ++i) {
            auto *worker = new QProcess;
            worker->start(QStringLiteral(FAULT_WORKER),
                          {QStringLiteral("storm"), scratch.connectionString(),
                           QStringLiteral("storm%1").arg(i), hotSkus.join(QLatin1Char(',')),
                           QStringLiteral("--seconds"), QStringLiteral("4"), QStringLiteral("--seed"),
                           QString::number(i)});
            workers << worker;
        }
        QVERIFY(waitForAll(workers, 120'000));
        QStringList table;
        int total = 0;
        for (int i = 0; i < writers; ++i) {
            QProcess *worker = workers.at(i);
            QCOMPARE(worker->exitStatus(), QProcess::NormalExit);
            QVERIFY2(worker->exitCode() == 0, worker->readAllStandardError().constData());
            const QString name = QStringLiteral("storm%1").arg(i);
            QHash<QString, QString> placed;
            QHash<QString, QString> received;
            int failed = 0;
            for (const QJsonObject &line : jsonLines(worker->readAllStandardOutput())) {
                const QString id = line.value(QStringLiteral("id")).toString();
                const QString outcome = line.value(QStringLiteral("outcome")).toString();
                // Committed or clearly failed, nothing else.
                QVERIFY2(outcome == QLatin1String("ok") || outcome == QLatin1String("failed"),
                         QJsonDocument(line).toJson().constData());
                if (outcome == QLatin1String("failed")) {
                    ++failed;
                    QVERIFY2(!line.value(QStringLiteral("message")).toString().trimmed().isEmpty(),
                             QJsonDocument(line).toJson().constData());
                }
                (line.value(QStringLiteral("op")).toString() == QLatin1String("place") ? placed : received)
                    .insert(id, outcome);
            }
            // Each order and each receipt is there exactly when it was reported committed.
            const Result<Rows> orderRows
                = db->select(QStringLiteral("SELECT external_id FROM orders WHERE "
                                            "channel = 'fault' AND external_id LIKE ?"),
                             {name + QStringLiteral("-%")});
            const Result<Rows> receiptRows = db->select(
                QStringLiteral("SELECT note FROM stock_movements WHERE reason = 'receipt' AND user_name = ?"),
                {name});
            QVERIFY(orderRows && receiptRows);
            QSet<QString> ordersThere;
            for (const Row &row : *orderRows) {
                ordersThere.insert(row.value(0).toString());
            }
            QSet<QString> receiptsThere;
            for (const Row &row : *receiptRows) {
                QVERIFY2(!receiptsThere.contains(row.value(0).toString()), "a receipt booked twice");
                receiptsThere.insert(row.value(0).toString());
            }
            int ok = 0;
            for (auto it = placed.cbegin(); it != placed.cend(); ++it) {
                QCOMPARE(ordersThere.contains(it.key()), it.value() == QLatin1String("ok"));
                ok += it.value() == QLatin1String("ok") ? 1 : 0;
            }
            for (auto it = received.cbegin(); it != received.cend(); ++it) {
                QCOMPARE(receiptsThere.contains(it.key()), it.value() == QLatin1String("ok"));
                ok += it.value() == QLatin1String("ok") ? 1 : 0;
            }
            QCOMPARE(int(ordersThere.size() + receiptsThere.size()), ok);
            QVERIFY2(ok > 0, qPrintable(name + QStringLiteral(" never got to write")));
            total += ok;
            table << QStringLiteral("%1: %2 orders, %3 receipts, %4 committed, %5 failed")
                         .arg(name)
                         .arg(placed.size())
                         .arg(received.size())
                         .arg(ok)
                         .arg(failed);
        }
        qInfo("busy storm, 8 writers for 4 s, %d transactions committed:\n  %s", total,
              qPrintable(table.join(QStringLiteral("\n  "))));
        QCOMPARE(Test::violations(*db), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
