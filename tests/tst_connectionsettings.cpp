// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionsettings.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Stockroom;

/** The connection dialog's settings: validation, saving (with the password) and what the next start uses. */
class TestConnectionSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings goes to a test folder, not the user's
        QCoreApplication::setOrganizationName(QStringLiteral("StockroomTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_connectionsettings"));
        QSettings().clear();
    }

    void cleanupTestCase() { QSettings().clear(); }

    void nothingSavedMeansDefault() { QVERIFY(!ConnectionSettings::saved()); }

    void refusesIncompleteConnections()
    {
        ConnectionSpec start = ConnectionSpec::defaultSpec();
        ConnectionSettings settings(start);
        QSignalSpy reconnect(&settings, &ConnectionSettings::reconnectRequested);
        settings.setProperty("engine", QStringLiteral("postgresql"));
        settings.setProperty("host", QStringLiteral(""));
        QVERIFY(!settings.apply());
        QVERIFY(!settings.errorText().isEmpty());
        QCOMPARE(reconnect.count(), 0);
        QVERIFY(!ConnectionSettings::saved());
        // What was typed stays until the user cancels.
        QCOMPARE(settings.property("engine").toString(), QStringLiteral("postgresql"));
        settings.revert();
        QCOMPARE(settings.property("engine").toString(), QStringLiteral("sqlite"));
    }

    void savesAndReconnects()
    {
        ConnectionSettings settings(ConnectionSpec::defaultSpec());
        QSignalSpy reconnect(&settings, &ConnectionSettings::reconnectRequested);
        settings.setProperty("engine", QStringLiteral("postgresql"));
        settings.setProperty("host", QStringLiteral("db.shop.lan"));
        settings.setProperty("port", 6543);
        settings.setProperty("database", QStringLiteral("shop"));
        settings.setProperty("user", QStringLiteral("clerk"));
        settings.setProperty("password", QStringLiteral("s3cret"));
        QVERIFY(settings.apply());
        QCOMPARE(reconnect.count(), 1);
        const ConnectionSpec requested = reconnect.first().first().value<ConnectionSpec>();
        QCOMPARE(requested.host, QStringLiteral("db.shop.lan"));

        const std::optional<ConnectionSpec> saved = ConnectionSettings::saved();
        QVERIFY(saved);
        QCOMPARE(saved->engine, Engine::PostgreSQL);
        QCOMPARE(saved->port, 6543);
        QCOMPARE(saved->password, QStringLiteral("s3cret"));
        QVERIFY(!saved->displayString().contains(QLatin1String("s3cret")));
    }
};

QTEST_GUILESS_MAIN(TestConnectionSettings)
#include "tst_connectionsettings.moc"
