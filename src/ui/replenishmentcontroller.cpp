// SPDX-License-Identifier: GPL-3.0-or-later
#include "replenishmentcontroller.h"

#include "databaseworker.h"

#include <QLocale>

namespace Stockroom {

namespace {

QString key(const QVariantMap &row, const char *name)
{
    return row.value(QLatin1String(name)).toString();
}

} // namespace

ReplenishmentController::ReplenishmentController(DatabaseWorker *worker, const QString &userName,
                                                 QObject *parent)
    : QAbstractListModel(parent)
    , m_worker(worker)
    , m_userName(userName)
{
    connect(worker, &DatabaseWorker::replenishmentFetched, this, &ReplenishmentController::onFetched);
    connect(worker, &DatabaseWorker::suggestionsAccepted, this, &ReplenishmentController::onAccepted);
    connect(worker, &DatabaseWorker::promiseChecked, this, &ReplenishmentController::promiseChecked);
    connect(worker, &DatabaseWorker::failed, this, [this](quint64 request, const QString &message) {
        if (request != 0 && request == m_pending) {
            m_pending = 0;
            m_loaded = true;
            setMessage(message);
            Q_EMIT loadingChanged();
        }
    });
}

int ReplenishmentController::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ReplenishmentController::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, QAbstractItemModel::CheckIndexOption::IndexIsValid));
    const QVariantMap &row = m_rows.at(index.row());
    const QString id = key(row, "id");
    switch (role) {
    case IdRole:
        return id;
    case KindRole:
        return row.value(QStringLiteral("kind"));
    case GroupRole:
        return row.value(QStringLiteral("group"));
    case GroupTitleRole:
        return row.value(QStringLiteral("groupTitle"));
    case FirstInGroupRole:
        return index.row() == 0 || key(m_rows.at(index.row() - 1), "group") != key(row, "group");
    case SkuRole:
        return row.value(QStringLiteral("sku"));
    case NameRole:
        return row.value(QStringLiteral("name"));
    case LocationRole:
        return row.value(QStringLiteral("location"));
    case QtyRole:
        return row.value(QStringLiteral("qty"));
    case ValueRole:
        return row.value(QStringLiteral("value"));
    case ReasonRole:
        return row.value(QStringLiteral("reason"));
    case DetailRole:
        return row.value(QStringLiteral("detail"));
    case SupplierKnownRole:
        return row.value(QStringLiteral("supplierKnown"));
    case SelectedRole:
        return m_selected.contains(id);
    case SelectableRole:
        return selectable(index.row());
    case CreatedRole:
        return m_done.contains(id);
    default:
        return {};
    }
}

QHash<int, QByteArray> ReplenishmentController::roleNames() const
{
    return {{IdRole, "suggestionId"},
            {KindRole, "kind"},
            {GroupRole, "group"},
            {GroupTitleRole, "groupTitle"},
            {FirstInGroupRole, "firstInGroup"},
            {SkuRole, "sku"},
            {NameRole, "name"},
            {LocationRole, "location"},
            {QtyRole, "qty"},
            {ValueRole, "value"},
            {ReasonRole, "reason"},
            {DetailRole, "detail"},
            {SupplierKnownRole, "supplierKnown"},
            {SelectedRole, "selected"},
            {SelectableRole, "selectable"},
            {CreatedRole, "created"}};
}

void ReplenishmentController::setLocationId(qint64 locationId)
{
    if (locationId == m_locationId) {
        return;
    }
    m_locationId = locationId;
    Q_EMIT optionsChanged();
    reload();
}

void ReplenishmentController::setServiceLevel(double percent)
{
    percent = std::clamp(percent, 50.0, 99.9);
    if (qFuzzyCompare(percent, m_serviceLevel)) {
        return;
    }
    m_serviceLevel = percent;
    Q_EMIT optionsChanged();
    reload();
}

void ReplenishmentController::setReviewDays(int days)
{
    days = std::clamp(days, 0, 365);
    if (days == m_reviewDays) {
        return;
    }
    m_reviewDays = days;
    Q_EMIT optionsChanged();
    reload();
}

int ReplenishmentController::selectableCount() const
{
    int count = 0;
    for (int row = 0; row < m_rows.size(); ++row) {
        count += selectable(row) ? 1 : 0;
    }
    return count;
}

bool ReplenishmentController::needsSupplier() const
{
    for (const QVariantMap &row : m_rows) {
        if (!row.value(QStringLiteral("supplierKnown")).toBool() && m_selected.contains(key(row, "id"))) {
            return true;
        }
    }
    return false;
}

void ReplenishmentController::setSupplierForUnknown(const QString &name)
{
    if (name == m_supplierForUnknown) {
        return;
    }
    m_supplierForUnknown = name;
    Q_EMIT selectionChanged();
}

bool ReplenishmentController::selectable(int row) const
{
    return !m_done.contains(key(m_rows.at(row), "id"));
}

void ReplenishmentController::setMessage(const QString &message)
{
    if (message != m_message) {
        m_message = message;
        Q_EMIT messageChanged();
    }
}

void ReplenishmentController::start()
{
    m_done.clear();
    m_created.clear();
    Q_EMIT createdChanged();
    m_selected.clear();
    setMessage({});
    reload();
}

void ReplenishmentController::reload()
{
    const bool wasLoading = loading();
    m_pending = DatabaseWorker::newRequestId();
    if (!wasLoading) {
        Q_EMIT loadingChanged();
    }
    if (m_stale) {
        m_stale = false;
        Q_EMIT staleChanged();
    }
    const quint64 id = m_pending;
    const qint64 location = m_locationId;
    const double level = m_serviceLevel / 100.0;
    const double review = m_reviewDays;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, id, location, level, review] {
        worker->fetchReplenishment(id, location, level, review);
    });
}

void ReplenishmentController::applyChanges(const QList<ChangeRecord> &changes)
{
    // Who is looking at what changes no suggestion, nor do the drafts just created here (drafts are not on order).
    const bool relevant = std::any_of(changes.cbegin(), changes.cend(), [this](const ChangeRecord &change) {
        return change.entity != QLatin1String("presence")
            && !m_ownDrafts.contains(change.entity + QLatin1Char(':') + change.entityId);
    });
    if (relevant && m_loaded && !m_stale) {
        m_stale = true;
        Q_EMIT staleChanged();
    }
}

void ReplenishmentController::onFetched(quint64 request, const QVariantMap &report)
{
    if (request != m_pending) {
        return;
    }
    m_pending = 0;
    m_loaded = true;
    beginResetModel();
    m_rows.clear();
    if (report.value(QStringLiteral("ok")).toBool()) {
        for (const QVariant &row : report.value(QStringLiteral("rows")).toList()) {
            m_rows << row.toMap();
        }
        setMessage({});
    } else {
        setMessage(report.value(QStringLiteral("message")).toString());
    }
    // A ticked suggestion stays ticked when it is still suggested.
    QSet<QString> still;
    for (const QVariantMap &row : std::as_const(m_rows)) {
        if (m_selected.contains(key(row, "id"))) {
            still.insert(key(row, "id"));
        }
    }
    m_selected = still;
    endResetModel();
    const int plans = report.value(QStringLiteral("plans")).toInt();
    m_summary
        = tr("%n suggestion(s) from %1 product × location plan(s), %2 at risk", "@info", int(m_rows.size()))
              .arg(plans)
              .arg(report.value(QStringLiteral("atRisk")).toInt());
    m_suppliers = report.value(QStringLiteral("suppliers")).toStringList();
    if (!m_suppliers.contains(m_supplierForUnknown)) {
        m_supplierForUnknown = m_suppliers.value(0);
    }
    Q_EMIT summaryChanged();
    Q_EMIT selectionChanged();
    Q_EMIT loadingChanged();
}

void ReplenishmentController::setSelected(int row, bool selected)
{
    if (row < 0 || row >= m_rows.size() || (selected && !selectable(row))) {
        return;
    }
    const QString id = key(m_rows.at(row), "id");
    if (selected == m_selected.contains(id)) {
        return;
    }
    if (selected) {
        m_selected.insert(id);
    } else {
        m_selected.remove(id);
    }
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed, {SelectedRole});
    Q_EMIT selectionChanged();
}

void ReplenishmentController::toggle(int row)
{
    if (row >= 0 && row < m_rows.size()) {
        setSelected(row, !m_selected.contains(key(m_rows.at(row), "id")));
    }
}

void ReplenishmentController::selectAll(bool selected)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        setSelected(row, selected);
    }
}

int ReplenishmentController::rowOf(const QString &id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (key(m_rows.at(row), "id") == id) {
            return row;
        }
    }
    return -1;
}

void ReplenishmentController::createDrafts()
{
    if (busy() || loading() || m_selected.isEmpty()) {
        return;
    }
    QStringList ids;
    QStringList unknown;
    for (const QVariantMap &row : std::as_const(m_rows)) {
        const QString id = key(row, "id");
        if (!m_selected.contains(id)) {
            continue;
        }
        (row.value(QStringLiteral("supplierKnown")).toBool() ? ids : unknown) << id;
    }
    if (!unknown.isEmpty() && m_supplierForUnknown.isEmpty()) {
        setMessage(tr("Choose a supplier for the products that were never ordered.", "@info"));
        return;
    }
    setMessage({});
    m_accepting = DatabaseWorker::newRequestId();
    Q_EMIT busyChanged();
    const quint64 id = m_accepting;
    const qint64 location = m_locationId;
    const double level = m_serviceLevel / 100.0;
    const double review = m_reviewDays;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=, supplier = m_supplierForUnknown, user = m_userName] {
        worker->acceptSuggestions(id, ids, unknown, supplier, location, level, review, user);
    });
}

void ReplenishmentController::onAccepted(quint64 request, const QVariantMap &result)
{
    if (request != m_accepting) {
        return;
    }
    m_accepting = 0;
    const QVariantList documents = result.value(QStringLiteral("documents")).toList();
    const bool ok = result.value(QStringLiteral("ok")).toBool();
    const QStringList accepted = result.value(QStringLiteral("acceptedIds")).toStringList();
    if (!documents.isEmpty() || !accepted.isEmpty()) {
        // The suggestions just created are done: they leave the selection and cannot be created twice.
        for (const QVariant &document : documents) {
            m_created << document;
            const QVariantMap entry = document.toMap();
            m_ownDrafts.insert(entry.value(QStringLiteral("kind")).toString() + QLatin1Char(':')
                               + entry.value(QStringLiteral("id")).toString());
        }
        for (const QString &id : accepted) {
            m_done.insert(id);
            m_selected.remove(id);
        }
        Q_EMIT createdChanged();
        if (!m_rows.isEmpty()) {
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1),
                               {SelectedRole, SelectableRole, CreatedRole});
        }
        Q_EMIT selectionChanged();
    }
    setMessage(result.value(QStringLiteral("message")).toString());
    Q_EMIT busyChanged();
    Q_EMIT draftsCreated(ok);
}

quint64 ReplenishmentController::checkPromise(const QString &sku, int qty, const QString &locationCode,
                                              int days)
{
    const quint64 id = DatabaseWorker::newRequestId();
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=] { worker->checkPromise(id, sku, qty, locationCode, days); });
    return id;
}

PromiseCheck::PromiseCheck(QObject *parent)
    : QObject(parent)
{
    // Long enough for a clerk's next keystroke, short enough to feel immediate.
    m_delay.setSingleShot(true);
    m_delay.setInterval(300);
    connect(&m_delay, &QTimer::timeout, this, &PromiseCheck::check);
}

void PromiseCheck::setPlanner(ReplenishmentController *planner)
{
    if (planner == m_planner) {
        return;
    }
    disconnect(m_connection);
    m_planner = planner;
    if (m_planner) {
        m_connection
            = connect(m_planner, &ReplenishmentController::promiseChecked, this, &PromiseCheck::onChecked);
    }
    Q_EMIT plannerChanged();
    schedule();
}

void PromiseCheck::setSku(const QString &sku)
{
    if (sku != m_sku) {
        m_sku = sku;
        Q_EMIT inputChanged();
        schedule();
    }
}

void PromiseCheck::setQty(int qty)
{
    if (qty != m_qty) {
        m_qty = qty;
        Q_EMIT inputChanged();
        schedule();
    }
}

void PromiseCheck::setLocation(const QString &location)
{
    if (location != m_location) {
        m_location = location;
        Q_EMIT inputChanged();
        schedule();
    }
}

void PromiseCheck::setDays(int days)
{
    days = std::clamp(days, 1, 366);
    if (days != m_days) {
        m_days = days;
        Q_EMIT inputChanged();
        schedule();
    }
}

void PromiseCheck::schedule()
{
    m_request = 0; // an answer to the old input is no longer wanted
    m_delay.start();
    Q_EMIT resultChanged();
}

void PromiseCheck::check()
{
    m_delay.stop();
    if (!m_planner || m_sku.trimmed().isEmpty() || m_qty < 1) {
        m_request = 0;
        m_state.clear();
        m_text.clear();
        m_detail.clear();
        Q_EMIT resultChanged();
        return;
    }
    m_request = m_planner->checkPromise(m_sku.trimmed(), m_qty, m_location, m_days);
    Q_EMIT resultChanged();
}

void PromiseCheck::onChecked(quint64 request, const QVariantMap &promise)
{
    if (request != m_request) {
        return;
    }
    m_request = 0;
    m_state = promise.value(QStringLiteral("state")).toString();
    m_text = promise.value(QStringLiteral("text")).toString();
    m_detail = promise.value(QStringLiteral("detail")).toString();
    Q_EMIT resultChanged();
}

} // namespace Stockroom
