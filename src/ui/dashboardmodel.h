// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QVariantList>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;
struct DashboardData;

/** The managers' figures: order counts by state, stock totals and the daily demand of the last weeks. */
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

public:
    explicit DashboardModel(DatabaseWorker *worker, QObject *parent = nullptr);

    int days() const { return m_days; }
    void setDays(int days);
    int openOrders() const { return int(m_openOrders); }
    int backorderedOrders() const { return int(m_backorderedOrders); }
    int shippedOrders() const { return int(m_shippedOrders); }
    int unitsOnHand() const { return int(m_unitsOnHand); }
    int unitsAvailable() const { return int(m_unitsAvailable); }
    QString stockValue() const { return m_stockValue; }
    int levelsOut() const { return m_levelsOut; }
    QVariantList dailyDemand() const { return m_dailyDemand; }
    bool loading() const { return m_pending != 0; }

    Q_INVOKABLE void reload();

Q_SIGNALS:
    void daysChanged();
    void changed();
    void loadingChanged();
    void loaded();

private:
    void onFetched(quint64 request, const DashboardData &data);

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
};

} // namespace Stockroom
