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
                                    QStringLiteral("postgresql://clerk:p%40ss%20w%25rd@db.local/shop"),
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

    void tlsSettings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("rootCert");
        QTest::addColumn<QStringList>("options"); // what reaches libpq
        QTest::addRow("none: libpq's default")
            << QStringLiteral("postgresql://clerk@db/shop") << QString() << QString() << QStringList();
        QTest::addRow("require") << QStringLiteral("postgresql://clerk@db/shop?sslmode=require")
                                 << QStringLiteral("require") << QString()
                                 << QStringList {QStringLiteral("sslmode='require'")};
        QTest::addRow("verify-full with a CA")
            << QStringLiteral("postgresql://clerk@db:5433/shop?sslmode=verify-full&sslrootcert=/etc/ca.pem")
            << QStringLiteral("verify-full") << QStringLiteral("/etc/ca.pem")
            << QStringList {QStringLiteral("sslmode='verify-full'"),
                            QStringLiteral("sslrootcert='/etc/ca.pem'")};
        // A space, a quote and a backslash in a file name: percent-encoded in the address, quoted for libpq.
        QTest::addRow("quoted file name")
            << QStringLiteral("postgres://clerk@db/shop?sslrootcert=/certs/o%27brien%20%5Cca.pem")
            << QString() << QStringLiteral("/certs/o'brien \\ca.pem")
            << QStringList {QStringLiteral("sslrootcert='/certs/o\\'brien \\\\ca.pem'")};
        QTest::addRow("client certificate")
            << QStringLiteral(
                   "postgresql://desk1@db/shop?sslmode=verify-ca&sslrootcert=ca.pem&sslcert=desk1.crt"
                   "&sslkey=desk1.key")
            << QStringLiteral("verify-ca") << QStringLiteral("ca.pem")
            << QStringList {QStringLiteral("sslmode='verify-ca'"), QStringLiteral("sslrootcert='ca.pem'"),
                            QStringLiteral("sslcert='desk1.crt'"), QStringLiteral("sslkey='desk1.key'")};
    }

    void tlsSettings()
    {
        QFETCH(QString, text);
        QFETCH(QString, mode);
        QFETCH(QString, rootCert);
        QFETCH(QStringList, options);
        const Result<ConnectionSpec> spec = ConnectionSpec::parse(text);
        QVERIFY2(spec, spec ? "" : qPrintable(spec.error().message));
        QCOMPARE(spec->sslMode, mode);
        QCOMPARE(spec->sslRootCert, rootCert);
        QCOMPARE(spec->sslConnectOptions(), options);
        // A child process (tests, benchmarks) and the logs get the same TLS settings.
        const ConnectionSpec again = ConnectionSpec::parse(spec->toConnectionString()).value();
        QCOMPARE(again.sslMode, spec->sslMode);
        QCOMPARE(again.sslRootCert, spec->sslRootCert);
        QCOMPARE(again.sslCert, spec->sslCert);
        QCOMPARE(again.sslKey, spec->sslKey);
        QCOMPARE(again.sslConnectOptions(), options);
        QCOMPARE(spec->displayString().contains(QLatin1String("sslmode=") + mode), !mode.isEmpty());
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
        QTest::addRow("unknown sslmode") << QStringLiteral("postgresql://clerk@host/db?sslmode=required");
        // A mistyped key must not quietly connect without TLS.
        QTest::addRow("mistyped sslmode key")
            << QStringLiteral("postgresql://clerk@host/db?ssl_mode=require");
        QTest::addRow("empty sslrootcert") << QStringLiteral("postgresql://clerk@host/db?sslrootcert=");
        QTest::addRow("semicolon in a file") << QStringLiteral("postgresql://clerk@host/db?sslkey=a%3Bb.key");
        QTest::addRow("NUL in a file") << QStringLiteral("postgresql://clerk@host/db?sslcert=a%00b.crt");
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
