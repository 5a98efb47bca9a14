// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QVariantList>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;
struct OrderDetail;

/**
 * Everything about the order selected in the Orders view: lines with their allocations, the routing
 * explanation, shipments with their tracking timeline, returns and the order's full history. Fetched on the
 * database thread; fetched again when another desktop changes that order.
 */
class OrderDetailController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    Q_PROPERTY(QString number READ number WRITE setNumber NOTIFY numberChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY detailChanged)
    /**
     * paid, refunded (money text), holdReason, email, postcode, region, rules (pay later, ships from),
     * externalId, note, channelState (the channel's words for its state when last imported).
     */
    Q_PROPERTY(QVariantMap header READ header NOTIFY detailChanged)
    /** {sku, name, qty, allocated ("LEEDS 2, BRISTOL 1"), packed, backordered, shipped, returned, cancelled} */
    Q_PROPERTY(QVariantList lines READ lines NOTIFY detailChanged)
    /** {tracking, carrier, service, location, status, statusText, units, created, delivered, events: [...]} */
    Q_PROPERTY(QVariantList shipments READ shipments NOTIFY detailChanged)
    Q_PROPERTY(QVariantList returns READ returns NOTIFY detailChanged)
    /** {kind, detail, user, at}, oldest first. */
    Q_PROPERTY(QVariantList history READ history NOTIFY detailChanged)
    /**
     * Imported lines that name no product of ours, for which the order waits on hold: {line, sku, name, label,
     * alias, qty, channel}; fetched when the order has any.
     */
    Q_PROPERTY(QVariantList unmatched READ unmatched NOTIFY detailChanged)

public:
    explicit OrderDetailController(DatabaseWorker *worker, QObject *parent = nullptr);

    QString number() const { return m_number; }
    void setNumber(const QString &number);
    bool loaded() const { return m_loaded; }
    QVariantMap header() const { return m_header; }
    QVariantList lines() const { return m_lines; }
    QVariantList shipments() const { return m_shipments; }
    QVariantList returns() const { return m_returns; }
    QVariantList history() const { return m_history; }
    QVariantList unmatched() const { return m_unmatched; }

    /** Live refresh: fetches again when the shown order is among these. */
    void applyChanges(const QList<qint64> &orderIds);
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void numberChanged();
    void detailChanged();

private:
    void onFetched(quint64 request, const OrderDetail &detail);
    void onUnmatched(quint64 request, const QVariantList &lines);

    DatabaseWorker *m_worker;
    QString m_number;
    quint64 m_pending = 0;
    bool m_loaded = false;
    QVariantMap m_header;
    QVariantList m_lines;
    QVariantList m_shipments;
    QVariantList m_returns;
    QVariantList m_history;
    QVariantList m_unmatched;
    quint64 m_unmatchedPending = 0;
};

} // namespace Stockroom
