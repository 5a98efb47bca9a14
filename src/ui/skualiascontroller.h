// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "productsearch.h"

#include <QObject>
#include <QSet>
#include <QTimer>
#include <QVariantList>
#include <QtQmlIntegration>

#include <functional>

namespace Stockroom {

class DatabaseWorker;

/**
 * The SKU aliases dialog of the Orders view: imported order lines that name no product of ours (their orders
 * wait on hold) with a mapping to one of our products for each (the alias for the line's channel or for every
 * channel, which resolves every line it names and lifts the hold), dropping a line that will not be sent, and
 * the aliases themselves. Live while the dialog is open: another desktop's alias, import or change of a
 * listed order fetches the lists again.
 */
class SkuAliasController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    /** The waiting lines of this order only (SO-…); empty: of every open order. */
    Q_PROPERTY(QString orderNumber READ orderNumber WRITE setOrderNumber NOTIFY orderNumberChanged)
    /** Set while the dialog is shown: then the lists follow the change feed; switching it on fetches them. */
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)
    /**
     * [{order, channel, channelText, externalId, orderStatus, line, sku, name, label ("sku (name)"), alias
     * (what a mapping names: the SKU, or the name when the platform gave none), qty, price}], oldest order first.
     */
    Q_PROPERTY(QVariantList waiting READ waiting NOTIFY waitingChanged)
    /** [{channel ("" = every channel), channelText, alias, sku, product, by, at}] */
    Q_PROPERTY(QVariantList aliases READ aliases NOTIFY aliasesChanged)
    /** A fetch of the lists is under way. */
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    /** A mapping, removal or drop is under way. */
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    /** What the last action did or why it was refused; a fetch's error. */
    Q_PROPERTY(QString message READ message NOTIFY stateChanged)
    Q_PROPERTY(bool failed READ failed NOTIFY stateChanged)
    /** Our products for the picker's last text: [{sku, name, available}] (at most MatchesShown). */
    Q_PROPERTY(QVariantList productMatches READ productMatches NOTIFY productMatchesChanged)
    /** The text productMatches answer. */
    Q_PROPERTY(QString productSearch READ productSearch NOTIFY productMatchesChanged)

public:
    static constexpr int MatchesShown = 12;

    SkuAliasController(DatabaseWorker *worker, const QString &userName, QObject *parent = nullptr);

    QString orderNumber() const { return m_orderNumber; }
    void setOrderNumber(const QString &number);
    bool active() const { return m_active; }
    void setActive(bool active);
    QVariantList waiting() const { return m_waiting; }
    QVariantList aliases() const { return m_aliases; }
    bool loading() const { return m_waitingRequest != 0 || m_aliasesRequest != 0; }
    bool busy() const { return m_actionRequest != 0; }
    QString message() const { return m_message; }
    bool failed() const { return m_failed; }
    QVariantList productMatches() const { return m_search->matches(); }
    QString productSearch() const { return m_search->matchesFor(); }

    Q_INVOKABLE void reload();
    /**
     * Maps their SKU or item name (a waiting line's alias) to our SKU, for that channel or for every channel;
     * every waiting line it names is resolved (reserved where stock is free, else backordered).
     */
    Q_INVOKABLE void map(const QString &channel, const QString &alias, const QString &sku, bool allChannels);
    Q_INVOKABLE void removeAlias(const QString &channel, const QString &alias);
    /** Drops a waiting line from its order: it will not be sent (the last one lifts the hold). */
    Q_INVOKABLE void dropLine(const QString &orderNumber, int lineNo);
    /** Looks our products up for the picker (after a short pause in typing); answers in productMatches. */
    Q_INVOKABLE void findProducts(const QString &text);
    Q_INVOKABLE void clearMessage();

    /** Live refresh: sku_alias and import changes fetch the lists again. */
    void applyEntityChanges(const QString &entity, const QStringList &ids);
    /** Live refresh: a change of a listed order (or of the filtered one) fetches the lists again. */
    void applyOrderChanges(const QList<qint64> &orderIds);

Q_SIGNALS:
    void orderNumberChanged();
    void activeChanged();
    void waitingChanged();
    void aliasesChanged();
    void loadingChanged();
    void stateChanged();
    void productMatchesChanged();
    /** An action answered: ok, or refused (message says why). */
    void finished(bool ok);

private:
    void onWaiting(quint64 request, const QVariantList &lines);
    void onAliases(quint64 request, const QVariantList &aliases);
    void onFailed(quint64 request, const QString &message);
    void onChanged(quint64 request, bool ok, const QString &message);
    /** Runs one write on the database thread, unless another is running. */
    void act(const std::function<void(DatabaseWorker *, quint64)> &action);

    DatabaseWorker *m_worker;
    QString m_userName;
    QString m_orderNumber;
    bool m_active = false;
    QVariantList m_waiting;
    QSet<qint64> m_waitingOrders; ///< ids of the listed lines' orders, for the live refresh
    QVariantList m_aliases;
    quint64 m_waitingRequest = 0;
    quint64 m_aliasesRequest = 0;
    quint64 m_actionRequest = 0;
    QString m_message;
    bool m_failed = false;
    ProductSearch *m_search = nullptr;
};

} // namespace Stockroom
