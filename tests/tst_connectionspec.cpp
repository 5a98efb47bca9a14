// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionspec.h"

#include <QTest>

using namespace Stockroom;

/** Connection strings: the engine, its parts, and clear refusals. */
class TestConnectionSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("postgres");
        QTest::addColumn<QString>("pathOrDatabase");
        QTest::addColumn<QString>("detail"); // host:port:user for PostgreSQL, synchronous for SQLite
        QTest::addRow("plain path") << QStringLiteral("/tmp/shop.db") << false
                                    << QStringLiteral("/tmp/shop.db") << QStringLiteral("FULL");
        QTest::addRow("sqlite scheme") << QStringLiteral("sqlite:shop.db") << false
                                       << QStringLiteral("shop.db") << QStringLiteral("FULL");
        QTest::addRow("sqlite synchronous") << QStringLiteral("sqlite:/a/b.db?synchronous=normal") << false
                                            << QStringLiteral("/a/b.db") << QStringLiteral("NORMAL");
        QTest::addRow("postgres full")
            << QStringLiteral("postgresql://clerk:s3cret@db.local:6543/shop") << true
            << QStringLiteral("shop") << QStringLiteral("db.local:6543:clerk");
        QTest::addRow("postgres default port")
            << QStringLiteral("postgresql://clerk@127.0.0.1/shop") << true << QStringLiteral("shop")
            << QStringLiteral("127.0.0.1:5432:clerk");
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, postgres);
        QFETCH(QString, pathOrDatabase);
        QFETCH(QString, detail);
        const Result<ConnectionSpec> spec = ConnectionSpec::parse(text);
        QVERIFY2(spec, spec ? "" : qPrintable(spec.error().message));
        QCOMPARE(spec->engine == Engine::PostgreSQL, postgres);
        if (postgres) {
            QCOMPARE(spec->database, pathOrDatabase);
            QCOMPARE(QStringLiteral("%1:%2:%3").arg(spec->host).arg(spec->port).arg(spec->user), detail);
        } else {
            QCOMPARE(spec->path, pathOrDatabase);
            QCOMPARE(spec->sqliteSynchronous, detail);
        }
    }

    void displayNeverShowsThePassword()
    {
        const Result<ConnectionSpec> spec
            = ConnectionSpec::parse(QStringLiteral("postgresql://clerk:s3cret@db/shop"));
        QVERIFY(spec);
        QCOMPARE(spec->password, QStringLiteral("s3cret"));
        QVERIFY(!spec->displayString().contains(QLatin1String("s3cret")));
    }

    void connectionStringRoundTrips()
    {
        for (const QString &text : {QStringLiteral("postgresql://clerk:s3cret@db.local:6543/shop"),
                                    QStringLiteral("sqlite:/a/b.db?synchronous=normal")}) {
            const ConnectionSpec spec = ConnectionSpec::parse(text).value();
            const ConnectionSpec again = ConnectionSpec::parse(spec.toConnectionString()).value();
            QCOMPARE(again.engine, spec.engine);
            QCOMPARE(again.path, spec.path);
            QCOMPARE(again.sqliteSynchronous, spec.sqliteSynchronous);
            QCOMPARE(again.host, spec.host);
            QCOMPARE(again.port, spec.port);
            QCOMPARE(again.user, spec.user);
            QCOMPARE(again.password, spec.password);
            QCOMPARE(again.database, spec.database);
        }
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addRow("empty") << QString();
        QTest::addRow("blank") << QStringLiteral("   ");
        QTest::addRow("no database") << QStringLiteral("postgresql://clerk@host");
        QTest::addRow("unknown scheme") << QStringLiteral("mysql://clerk@host/db");
        QTest::addRow("bad synchronous") << QStringLiteral("sqlite:a.db?synchronous=sometimes");
        QTest::addRow("sqlite without a file") << QStringLiteral("sqlite:");
    }

    void refusals()
    {
        QFETCH(QString, text);
        const Result<ConnectionSpec> spec = ConnectionSpec::parse(text);
        QVERIFY(!spec);
        QCOMPARE(spec.error().kind, Error::Kind::Usage);
        QVERIFY(!spec.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestConnectionSpec)
#include "tst_connectionspec.moc"
