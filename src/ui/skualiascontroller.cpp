// SPDX-License-Identifier: GPL-3.0-or-later
#include "skualiascontroller.h"

#include "databaseworker.h"
#include "labels.h"
#include "orderstatus.h"

namespace Stockroom {

SkuAliasController::SkuAliasController(DatabaseWorker *worker, const QString &userName, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_userName(userName)
{
    connect(worker, &DatabaseWorker::unmatchedLinesFetched, this, &SkuAliasController::onWaiting);
    connect(worker, &DatabaseWorker::skuAliasesFetched, this, &SkuAliasController::onAliases);
    connect(worker, &DatabaseWorker::skuAliasChanged, this, &SkuAliasController::onChanged);
    connect(worker, &DatabaseWorker::failed, this, &SkuAliasController::onFailed);
    m_search = new ProductSearch(worker, MatchesShown, 150, this);
    connect(m_search, &ProductSearch::matchesChanged, this, &SkuAliasController::productMatchesChanged);
}

void SkuAliasController::setOrderNumber(const QString &number)
{
    const QString trimmed = number.trimmed();
    if (trimmed == m_orderNumber) {
        return;
    }
    m_orderNumber = trimmed;
    Q_EMIT orderNumberChanged();
    // Another order's lines: what is shown is not theirs.
    m_waiting.clear();
    m_waitingOrders.clear();
    Q_EMIT waitingChanged();
    if (m_active) {
        reload();
    }
}

void SkuAliasController::setActive(bool active)
{
    if (active == m_active) {
        return;
    }
    m_active = active;
    Q_EMIT activeChanged();
    if (m_active) {
        reload();
    }
}

void SkuAliasController::reload()
{
    const bool wasLoading = loading();
    DatabaseWorker *worker = m_worker;
    m_waitingRequest = DatabaseWorker::newRequestId();
    m_aliasesRequest = DatabaseWorker::newRequestId();
    const quint64 waiting = m_waitingRequest;
    const quint64 aliases = m_aliasesRequest;
    const QString number = m_orderNumber;
    QMetaObject::invokeMethod(worker, [=] {
        worker->fetchUnmatchedLines(waiting, number);
        worker->fetchSkuAliases(aliases);
    });
    if (!wasLoading) {
        Q_EMIT loadingChanged();
    }
}

void SkuAliasController::onWaiting(quint64 request, const QVariantList &lines)
{
    if (request != m_waitingRequest) {
        return;
    }
    m_waitingRequest = 0;
    m_waiting.clear();
    m_waitingOrders.clear();
    for (const QVariant &value : lines) {
        QVariantMap line = value.toMap();
        line.insert(QStringLiteral("channelText"),
                    Labels::channel(line.value(QStringLiteral("channel")).toString()));
        if (const std::optional<qint64> id
            = orderIdFromNumber(line.value(QStringLiteral("order")).toString())) {
            m_waitingOrders.insert(*id);
        }
        m_waiting << line;
    }
    Q_EMIT waitingChanged();
    if (!loading()) {
        Q_EMIT loadingChanged();
    }
}

void SkuAliasController::onAliases(quint64 request, const QVariantList &aliases)
{
    if (request != m_aliasesRequest) {
        return;
    }
    m_aliasesRequest = 0;
    m_aliases.clear();
    for (const QVariant &value : aliases) {
        QVariantMap alias = value.toMap();
        const QString channel = alias.value(QStringLiteral("channel")).toString();
        alias.insert(QStringLiteral("channelText"),
                     channel.isEmpty() ? tr("every channel", "@item SKU alias") : Labels::channel(channel));
        m_aliases << alias;
    }
    Q_EMIT aliasesChanged();
    if (!loading()) {
        Q_EMIT loadingChanged();
    }
}

void SkuAliasController::onFailed(quint64 request, const QString &message)
{
    if (request != m_waitingRequest && request != m_aliasesRequest) {
        return;
    }
    if (request == m_waitingRequest) {
        m_waitingRequest = 0;
    } else {
        m_aliasesRequest = 0;
    }
    m_message = message;
    m_failed = true;
    Q_EMIT stateChanged();
    if (!loading()) {
        Q_EMIT loadingChanged();
    }
}

void SkuAliasController::act(const std::function<void(DatabaseWorker *, quint64)> &action)
{
    if (busy()) {
        return;
    }
    m_actionRequest = DatabaseWorker::newRequestId();
    m_message.clear();
    m_failed = false;
    Q_EMIT stateChanged();
    DatabaseWorker *worker = m_worker;
    const quint64 id = m_actionRequest;
    QMetaObject::invokeMethod(worker, [=] { action(worker, id); });
}

void SkuAliasController::map(const QString &channel, const QString &alias, const QString &sku,
                             bool allChannels)
{
    if (sku.trimmed().isEmpty()) {
        m_message = tr("Choose one of our products for “%1” first.").arg(alias);
        m_failed = true;
        Q_EMIT stateChanged();
        return;
    }
    const QString forChannel = allChannels ? QString() : channel;
    act([=, user = m_userName](DatabaseWorker *worker, quint64 id) {
        worker->setSkuAlias(id, forChannel, alias, sku, user);
    });
}

void SkuAliasController::removeAlias(const QString &channel, const QString &alias)
{
    act([=, user = m_userName](DatabaseWorker *worker, quint64 id) {
        worker->removeSkuAlias(id, channel, alias, user);
    });
}

void SkuAliasController::dropLine(const QString &orderNumber, int lineNo)
{
    act([=, user = m_userName](DatabaseWorker *worker, quint64 id) {
        worker->dropUnmatchedLine(id, orderNumber, lineNo, user);
    });
}

void SkuAliasController::onChanged(quint64 request, bool ok, const QString &message)
{
    if (request != m_actionRequest) {
        return;
    }
    m_actionRequest = 0;
    m_message = message;
    m_failed = !ok;
    Q_EMIT stateChanged();
    Q_EMIT finished(ok);
    if (ok) {
        reload(); // at once: the change feed may be paused
    }
}

void SkuAliasController::clearMessage()
{
    if (m_message.isEmpty()) {
        return;
    }
    m_message.clear();
    m_failed = false;
    Q_EMIT stateChanged();
}

void SkuAliasController::findProducts(const QString &text)
{
    m_search->find(text);
}

void SkuAliasController::applyEntityChanges(const QString &entity, const QStringList &ids)
{
    Q_UNUSED(ids)
    if (m_active && (entity == QLatin1String("sku_alias") || entity == QLatin1String("import"))) {
        reload();
    }
}

void SkuAliasController::applyOrderChanges(const QList<qint64> &orderIds)
{
    if (!m_active) {
        return;
    }
    const std::optional<qint64> filtered = orderIdFromNumber(m_orderNumber);
    for (qint64 id : orderIds) {
        if (m_waitingOrders.contains(id) || (filtered && *filtered == id)) {
            reload();
            return;
        }
    }
}

} // namespace Stockroom
