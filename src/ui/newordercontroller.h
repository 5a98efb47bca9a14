// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;

/**
 * The Orders view's New order dialog (phone orders): checks what the clerk typed, places the order on the
 * database thread through OrderService::place (as `stockroomctl place-order` does) and shows what came of it,
 * with the earliest promise of each backordered line as it stood before the order took its stock. Product
 * names of the typed SKUs are looked up as they are typed.
 */
class NewOrderController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    /** The order is being placed. */
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    /** Why the order was refused (nothing was placed); empty otherwise. */
    Q_PROPERTY(QString message READ message NOTIFY stateChanged)
    /**
     * The order placed: {number, status, statusText, explanation, lines [{sku, name, qty, allocated ("3 from
     * LEEDS, 1 from BRISTOL"), backordered, promise (what could be promised before placing; only for
     * backordered lines)}]}; empty until one is placed.
     */
    Q_PROPERTY(QVariantMap result READ result NOTIFY stateChanged)
    /** Product names of the SKUs looked up so far, by SKU (trimmed; an unknown SKU has none). */
    Q_PROPERTY(QVariantMap names READ names NOTIFY namesChanged)
    /** The payment states a new order may start in: [{value, text}]; pending first (the CLI's default). */
    Q_PROPERTY(QVariantList paymentChoices READ paymentChoices CONSTANT)

public:
    NewOrderController(DatabaseWorker *worker, const QString &userName, QObject *parent = nullptr);

    bool busy() const { return m_request != 0; }
    QString message() const { return m_message; }
    QVariantMap result() const { return m_result; }
    QVariantMap names() const { return m_names; }
    QVariantList paymentChoices() const;

    /**
     * Places an order: order is {customer, email, region, postcode, channel (empty: manual), payment (empty:
     * pending), lines [{sku, qty}]}; rows with neither SKU nor quantity are skipped. A line without SKU or
     * quantity, or no line at all, is refused here with nothing sent; an unknown SKU by the database thread.
     */
    Q_INVOKABLE void place(const QVariantMap &order);
    /** Looks up the product name of a SKU (after a short pause in typing); the answer lands in names. */
    Q_INVOKABLE void lookup(const QString &sku);
    /** Forgets the last result and refusal (the dialog opens afresh). */
    Q_INVOKABLE void clear();

Q_SIGNALS:
    void stateChanged();
    void namesChanged();
    /** The order was placed (ok, its number) or refused (message says why). */
    void finished(bool ok, const QString &number);

private:
    void onPlaced(quint64 request, const QVariantMap &result);
    void onFound(quint64 request, const QVariantList &products);
    void onFailed(quint64 request, const QString &message);
    void sendLookup();
    void refuse(const QString &message);

    DatabaseWorker *m_worker;
    QString m_userName;
    quint64 m_request = 0;
    QHash<quint64, QString> m_lookups; ///< name look-ups under way: request → SKU
    QStringList m_toLookUp; ///< SKUs typed since the last pause
    QTimer m_lookupDelay;
    QString m_message;
    QVariantMap m_result;
    QVariantMap m_names;
};

} // namespace Stockroom
