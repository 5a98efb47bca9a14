// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditcontroller.h"

#include "databaseworker.h"

#include <QLocale>

namespace Stockroom {

AuditController::AuditController(DatabaseWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
{
    connect(worker, &DatabaseWorker::auditFetched, this, &AuditController::onFetched);
}

QStringList AuditController::entities() const
{
    return {QString(),
            QStringLiteral("order"),
            QStringLiteral("stock"),
            QStringLiteral("product"),
            QStringLiteral("location"),
            QStringLiteral("count"),
            QStringLiteral("transfer"),
            QStringLiteral("purchase_order"),
            QStringLiteral("return"),
            QStringLiteral("channel"),
            QStringLiteral("replenishment"),
            QStringLiteral("import"),
            QStringLiteral("user")};
}

#define STOCKROOM_FILTER_SETTER(Setter, member, Type)                                                        \
    void AuditController::Setter(Type value)                                                                 \
    {                                                                                                        \
        if (member == value) {                                                                               \
            return;                                                                                          \
        }                                                                                                    \
        member = value;                                                                                      \
        Q_EMIT filterChanged();                                                                              \
        reload();                                                                                            \
    }

STOCKROOM_FILTER_SETTER(setUser, m_user, const QString &)
STOCKROOM_FILTER_SETTER(setEntity, m_entity, const QString &)
STOCKROOM_FILTER_SETTER(setFromDate, m_fromDate, const QString &)
STOCKROOM_FILTER_SETTER(setToDate, m_toDate, const QString &)
STOCKROOM_FILTER_SETTER(setText, m_text, const QString &)
STOCKROOM_FILTER_SETTER(setWithChanges, m_withChanges, bool)

#undef STOCKROOM_FILTER_SETTER

AuditFilter AuditController::filter() const
{
    AuditFilter filter;
    filter.userName = m_user;
    filter.entity = m_entity;
    filter.text = m_text.trimmed();
    filter.withChanges = m_withChanges;
    // Days as the user sees them: local midnight to local midnight, stored as UTC.
    const QDate from = QDate::fromString(m_fromDate, Qt::ISODate);
    const QDate to = QDate::fromString(m_toDate, Qt::ISODate);
    if (from.isValid()) {
        filter.from = toStoredTime(from.startOfDay());
    }
    if (to.isValid()) {
        filter.to = toStoredTime(to.addDays(1).startOfDay());
    }
    return filter;
}

void AuditController::reload()
{
    fetch(false);
}

void AuditController::loadMore()
{
    if (m_hasMore && !m_loading) {
        fetch(true);
    }
}

void AuditController::fetch(bool more)
{
    m_request = DatabaseWorker::newRequestId();
    m_appending = more;
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged();
    }
    const quint64 id = m_request;
    const AuditFilter wanted = filter();
    const QString beforeAt = more ? m_lastAt : QString();
    const qint64 beforeId = more ? m_lastId : 0;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker,
                              [=] { worker->fetchAudit(id, wanted, PageSize + 1, beforeAt, beforeId); });
}

void AuditController::onFetched(quint64 request, const QList<AuditEntry> &entries,
                                const QStringList &userNames, const QString &error)
{
    if (request != m_request) {
        return;
    }
    m_loading = false;
    Q_EMIT loadingChanged();
    if (m_message != error) {
        m_message = error;
        Q_EMIT messageChanged();
    }
    if (!m_appending) {
        m_entries.clear();
        if (!userNames.isEmpty()) {
            m_userNames = userNames;
        }
    }
    m_hasMore = entries.size() > PageSize;
    const QLocale locale;
    for (qsizetype i = 0; i < std::min<qsizetype>(entries.size(), PageSize); ++i) {
        const AuditEntry &entry = entries.at(i);
        QVariantList changes;
        for (auto it = entry.after.constBegin(); it != entry.after.constEnd(); ++it) {
            changes << QVariantMap {
                {QStringLiteral("field"), it.key()},
                {QStringLiteral("before"), entry.before.value(it.key()).toVariant().toString()},
                {QStringLiteral("after"), it.value().toVariant().toString()}};
        }
        const QDateTime at = fromStoredTime(entry.at).toLocalTime();
        m_entries << QVariantMap {{QStringLiteral("at"), entry.at},
                                  {QStringLiteral("when"), locale.toString(at, QLocale::ShortFormat)},
                                  {QStringLiteral("user"), entry.userName},
                                  {QStringLiteral("action"), entry.action},
                                  {QStringLiteral("entity"), entry.entity},
                                  {QStringLiteral("key"), entry.entityKey},
                                  {QStringLiteral("summary"), entry.summary},
                                  {QStringLiteral("changes"), changes},
                                  {QStringLiteral("source"), entry.source}};
        m_lastAt = entry.at;
        m_lastId = entry.id;
    }
    Q_EMIT entriesChanged();
}

} // namespace Stockroom
