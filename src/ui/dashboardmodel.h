// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QVariantList>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;
struct DashboardData;

/**
 * The managers' figures: order counts by state, stock totals and the daily demand of the last weeks, and, while
 * the Dashboard is shown (active), its planning figures: stock value per location, stock-out risks, top and
 * slow movers, weekly sales with their trend, and forecast against actual. Rows are maps as
 * DatabaseWorker::fetchDashboardInsights describes them.
 */
class DashboardModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    Q_PROPERTY(int days READ days WRITE setDays NOTIFY daysChanged)
    Q_PROPERTY(int openOrders READ openOrders NOTIFY changed)
    Q_PROPERTY(int backorderedOrders READ backorderedOrders NOTIFY changed)
    Q_PROPERTY(int shippedOrders READ shippedOrders NOTIFY changed)
    Q_PROPERTY(int unitsOnHand READ unitsOnHand NOTIFY changed)
    Q_PROPERTY(int unitsAvailable READ unitsAvailable NOTIFY changed)
    Q_PROPERTY(QString stockValue READ stockValue NOTIFY changed)
    Q_PROPERTY(int levelsOut READ levelsOut NOTIFY changed)
    /** [{date: Date, orders: int, units: int}] per day, oldest first, days without orders included as zero. */
    Q_PROPERTY(QVariantList dailyDemand READ dailyDemand NOTIFY changed)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    /** The Dashboard is on screen: its planning figures are read (and refreshed) only then. */
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)
    Q_PROPERTY(bool insightsLoaded READ insightsLoaded NOTIFY insightsChanged)
    /** Why the planning figures could not be read, or empty. */
    Q_PROPERTY(QString insightsError READ insightsError NOTIFY insightsChanged)
    /** [{code, name, units, valueCents, value}] of locations with stock, by priority. */
    Q_PROPERTY(QVariantList stockByLocation READ stockByLocation NOTIFY insightsChanged)
    /** Levels whose days of cover are below the lead time, most urgent first (the first 12). */
    Q_PROPERTY(QVariantList stockOutRisks READ stockOutRisks NOTIFY insightsChanged)
    Q_PROPERTY(int riskCount READ riskCount NOTIFY insightsChanged)
    /** Most units ordered in the last 30 days, with the change against the 30 days before. */
    Q_PROPERTY(QVariantList topMovers READ topMovers NOTIFY insightsChanged)
    /** Products in stock without an order in 60 days, most value first. */
    Q_PROPERTY(QVariantList slowMovers READ slowMovers NOTIFY insightsChanged)
    Q_PROPERTY(int slowCount READ slowCount NOTIFY insightsChanged)
    Q_PROPERTY(QString slowValue READ slowValue NOTIFY insightsChanged)
    /** [{date: Date, units, revenueCents, trend}] of the last 26 whole weeks. */
    Q_PROPERTY(QVariantList weeklySales READ weeklySales NOTIFY insightsChanged)
    Q_PROPERTY(QString salesText READ salesText NOTIFY insightsChanged)
    /** [{date: Date, actual (absent ahead), forecast}]: forecasts 4 weeks ahead against what happened. */
    Q_PROPERTY(QVariantList forecastAccuracy READ forecastAccuracy NOTIFY insightsChanged)
    Q_PROPERTY(QString accuracyText READ accuracyText NOTIFY insightsChanged)

public:
    explicit DashboardModel(DatabaseWorker *worker, QObject *parent = nullptr);

    int days() const { return m_days; }
    void setDays(int days);
    int openOrders() const { return int(m_openOrders); }
    int backorderedOrders() const { return int(m_backorderedOrders); }
    int shippedOrders() const { return int(m_shippedOrders); }
    int unitsOnHand() const { return int(m_unitsOnHand); }
    int unitsAvailable() const { return int(m_unitsAvailable); }
    /** At moving-average cost as the Inventory view values it, once the planning figures are in. */
    QString stockValue() const
    {
        return m_insightsLoaded ? m_insights.value(QStringLiteral("stockValue")).toString() : m_stockValue;
    }
    int levelsOut() const { return m_levelsOut; }
    QVariantList dailyDemand() const { return m_dailyDemand; }
    bool loading() const { return m_pending != 0 || m_insightsPending != 0; }
    bool active() const { return m_active; }
    void setActive(bool active);
    bool insightsLoaded() const { return m_insightsLoaded; }
    QString insightsError() const { return m_insightsError; }
    QVariantList stockByLocation() const { return list(QStringLiteral("locations")); }
    QVariantList stockOutRisks() const { return list(QStringLiteral("risks")); }
    int riskCount() const { return m_insights.value(QStringLiteral("riskCount")).toInt(); }
    QVariantList topMovers() const { return list(QStringLiteral("movers")); }
    QVariantList slowMovers() const { return list(QStringLiteral("slow")); }
    int slowCount() const { return m_insights.value(QStringLiteral("slowCount")).toInt(); }
    QString slowValue() const { return m_insights.value(QStringLiteral("slowValue")).toString(); }
    QVariantList weeklySales() const { return list(QStringLiteral("weeks")); }
    QString salesText() const { return m_insights.value(QStringLiteral("salesText")).toString(); }
    QVariantList forecastAccuracy() const { return list(QStringLiteral("accuracy")); }
    QString accuracyText() const { return m_insights.value(QStringLiteral("accuracyText")).toString(); }
    /** Every planning figure as the worker sent it (tests compare the raw numbers). */
    QVariantMap insights() const { return m_insights; }

    Q_INVOKABLE void reload();

Q_SIGNALS:
    void daysChanged();
    void changed();
    void loadingChanged();
    void loaded();
    void activeChanged();
    void insightsChanged();

private:
    void onFetched(quint64 request, const DashboardData &data);
    void onInsightsFetched(quint64 request, const QVariantMap &insights);
    void reloadInsights();
    void finishRequest();
    QVariantList list(const QString &key) const { return m_insights.value(key).toList(); }

    DatabaseWorker *m_worker;
    int m_days = 90;
    quint64 m_pending = 0;
    qint64 m_openOrders = 0;
    qint64 m_backorderedOrders = 0;
    qint64 m_shippedOrders = 0;
    qint64 m_unitsOnHand = 0;
    qint64 m_unitsAvailable = 0;
    QString m_stockValue;
    int m_levelsOut = 0;
    QVariantList m_dailyDemand;
    bool m_active = false;
    bool m_insightsStale = true; ///< something changed while the Dashboard was not shown
    bool m_insightsLoaded = false;
    quint64 m_insightsPending = 0;
    QVariantMap m_insights;
    QString m_insightsError;
};

} // namespace Stockroom
