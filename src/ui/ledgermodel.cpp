// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledgermodel.h"

#include <QSet>

#include "clock.h"
#include "databaseworker.h"
#include "inventorystatus.h"
#include "orderstatus.h"

#include <QLocale>
#include <QTimer>

namespace Stockroom {

namespace {

/** "26 Nov 14:05": the ledger's column is narrow; the year only when it is not this one. */
QString compactTime(const QString &storedTime)
{
    const QLocale locale;
    const QDateTime time = fromStoredTime(storedTime).toLocalTime();
    const bool thisYear = time.date().year() == QDate::currentDate().year();
    return locale.toString(time.date(), thisYear ? QStringLiteral("d MMM") : QStringLiteral("d MMM yyyy"))
        + QLatin1Char(' ') + locale.toString(time.time(), QStringLiteral("HH:mm"));
}

} // namespace

LedgerModel::LedgerModel(DatabaseWorker *worker, QObject *parent)
    : QAbstractListModel(parent)
    , m_worker(worker)
{
    qRegisterMetaType<QList<Stockroom::LedgerLine>>();
    connect(worker, &DatabaseWorker::ledgerFetched, this, &LedgerModel::onFetched);
    connect(worker, &DatabaseWorker::failed, this, &LedgerModel::onFailed);
}

int LedgerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString LedgerModel::reasonText(const QString &reason)
{
    if (reason == QLatin1String("receipt"))
        return tr("Received", "@label ledger reason");
    if (reason == QLatin1String("reserve"))
        return tr("Reserved", "@label ledger reason: for an order");
    if (reason == QLatin1String("release"))
        return tr("Released", "@label ledger reason: a reservation given back");
    if (reason == QLatin1String("ship"))
        return tr("Shipped", "@label ledger reason");
    if (reason == QLatin1String("return_restock"))
        return tr("Returned to stock", "@label ledger reason");
    if (reason == QLatin1String("return_writeoff"))
        return tr("Return written off", "@label ledger reason");
    if (reason == QLatin1String("count_adjust"))
        return tr("Count correction", "@label ledger reason");
    if (reason == QLatin1String("transfer_out"))
        return tr("Transfer out", "@label ledger reason");
    if (reason == QLatin1String("transfer_in"))
        return tr("Transfer in", "@label ledger reason");
    if (reason == QLatin1String("writeoff"))
        return tr("Written off", "@label ledger reason");
    if (reason == QLatin1String("adjust"))
        return tr("Corrected by hand", "@label ledger reason");
    return reason;
}

LedgerModel::Row LedgerModel::rowFrom(const LedgerLine &line)
{
    const LedgerEntry &entry = line.entry;
    Row row;
    row.id = entry.id;
    row.at = entry.at;
    row.locationId = entry.locationId;
    row.locationCode = entry.locationCode;
    row.deltaOnHand = entry.deltaOnHand;
    row.deltaReserved = entry.deltaReserved;
    row.reason = entry.reason;
    row.userName = entry.userName;
    row.note = entry.note;
    row.onHandAfter = entry.onHandAfter;
    const QString order = line.orderId > 0 ? orderNumber(line.orderId) : QString();
    if (entry.refType == QLatin1String("order") || entry.refType == QLatin1String("shipment")) {
        // A shipment is opened by its order, and people know it by that number.
        row.reference = order;
        row.openKind = order.isEmpty() ? QString() : QStringLiteral("order");
        row.openNumber = order;
    } else if (entry.refType == QLatin1String("return")) {
        row.reference = returnNumber(entry.refId);
        row.openKind = order.isEmpty() ? QString() : QStringLiteral("order");
        row.openNumber = order;
    } else if (entry.refType == QLatin1String("purchase_order") || entry.refType == QLatin1String("transfer")
               || entry.refType == QLatin1String("count")) {
        // Documents of their own, opened by their number.
        row.reference = referenceNumber(entry.refType, entry.refId);
        row.openKind = entry.refType;
        row.openNumber = row.reference;
    } else if (entry.refType == QLatin1String("import")) {
        row.reference = tr("Import %1", "@info ledger reference").arg(entry.refId);
    }
    return row;
}

QVariant LedgerModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return row.id;
    case Qt::DisplayRole:
    case TimeRole:
        return compactTime(row.at);
    case StoredTimeRole:
        return row.at;
    case LocationRole:
        return row.locationCode;
    case LocationIdRole:
        return row.locationId;
    case DeltaOnHandRole:
        return row.deltaOnHand;
    case DeltaReservedRole:
        return row.deltaReserved;
    case ReasonRole:
        return reasonText(row.reason);
    case ReasonKeyRole:
        return row.reason;
    case ReferenceRole:
        return row.reference;
    case OpenKindRole:
        return row.openKind;
    case OpenNumberRole:
        return row.openNumber;
    case UserRole:
        return row.userName;
    case NoteRole:
        return row.note;
    case OnHandAfterRole:
        return row.onHandAfter;
    case FlashRole:
        return m_flashing.contains(row.id);
    }
    return {};
}

QHash<int, QByteArray> LedgerModel::roleNames() const
{
    return {
        {IdRole, "movementId"},
        {TimeRole, "time"},
        {StoredTimeRole, "storedTime"},
        {LocationRole, "location"},
        {LocationIdRole, "locationId"},
        {DeltaOnHandRole, "deltaOnHand"},
        {DeltaReservedRole, "deltaReserved"},
        {ReasonRole, "reason"},
        {ReasonKeyRole, "reasonKey"},
        {ReferenceRole, "reference"},
        {OpenKindRole, "openKind"},
        {OpenNumberRole, "openNumber"},
        {UserRole, "user"},
        {NoteRole, "note"},
        {OnHandAfterRole, "balance"},
        {FlashRole, "flash"},
    };
}

bool LedgerModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_productId > 0 && !m_atEnd && !m_rows.isEmpty() && !loading();
}

void LedgerModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    m_moreRequest = request(m_rows.last().id);
    Q_EMIT loadingChanged();
}

void LedgerModel::setProductId(int productId)
{
    if (productId == m_productId) {
        return;
    }
    m_productId = productId;
    Q_EMIT productIdChanged();
    reload();
}

void LedgerModel::setLocationFilter(int locationId)
{
    if (locationId == m_locationId) {
        return;
    }
    m_locationId = locationId;
    Q_EMIT locationFilterChanged();
    reload();
}

quint64 LedgerModel::request(qint64 beforeId)
{
    const quint64 id = DatabaseWorker::newRequestId();
    DatabaseWorker *worker = m_worker;
    const qint64 product = m_productId;
    const qint64 location = m_locationId;
    QMetaObject::invokeMethod(worker,
                              [=] { worker->fetchLedger(id, product, location, beforeId, PageSize); });
    return id;
}

void LedgerModel::reload()
{
    // Answers to the previous product's or filter's requests are ignored from here on.
    m_moreRequest = 0;
    m_newerRequests.clear();
    m_flashing.clear();
    beginResetModel();
    m_rows.clear();
    m_atEnd = m_productId <= 0;
    endResetModel();
    m_firstRequest = m_productId > 0 ? request(0) : 0;
    Q_EMIT loadingChanged();
    if (m_productId <= 0) {
        Q_EMIT loaded();
    }
}

void LedgerModel::applyChanges(const QList<QPair<qint64, qint64>> &levels)
{
    if (m_productId <= 0) {
        return;
    }
    for (const auto &[productId, locationId] : levels) {
        if (productId == m_productId && (m_locationId == 0 || locationId == m_locationId)) {
            m_newerRequests.insert(request(0));
            return;
        }
    }
}

void LedgerModel::onFetched(quint64 request, const QList<LedgerLine> &lines)
{
    QList<Row> rows;
    rows.reserve(lines.size());
    for (const LedgerLine &line : lines) {
        rows << rowFrom(line);
    }
    if (request == m_firstRequest) {
        m_firstRequest = 0;
        beginResetModel();
        m_rows = rows;
        m_atEnd = rows.size() < PageSize;
        endResetModel();
        setError({});
        Q_EMIT loadingChanged();
        Q_EMIT loaded();
        return;
    }
    if (request == m_moreRequest) {
        m_moreRequest = 0;
        const qint64 last = m_rows.isEmpty() ? std::numeric_limits<qint64>::max() : m_rows.last().id;
        QList<Row> older;
        for (const Row &row : std::as_const(rows)) {
            if (row.id < last) {
                older << row;
            }
        }
        if (!older.isEmpty()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + older.size() - 1));
            m_rows << older;
            endInsertRows();
        }
        m_atEnd = rows.size() < PageSize;
        Q_EMIT loadingChanged();
        return;
    }
    if (!m_newerRequests.remove(request)) {
        return;
    }
    const qint64 newest = m_rows.isEmpty() ? 0 : m_rows.first().id;
    const qint64 oldestShown = m_rows.isEmpty() ? 0 : m_rows.last().id;
    QSet<qint64> shown;
    for (const Row &row : std::as_const(m_rows)) {
        shown.insert(row.id);
    }
    QList<Row> newer;
    bool late = false;
    for (const Row &row : std::as_const(rows)) {
        if (row.id > newest) {
            newer << row;
        } else if (row.id > oldestShown && !shown.contains(row.id)) {
            // On PostgreSQL ids are taken before commit: a movement committed after a newer one has a lower
            // id, inside what is shown, and changes the on-hand figures above it.
            late = true;
        }
    }
    if (late) {
        beginResetModel();
        m_rows = rows;
        m_atEnd = rows.size() < PageSize;
        endResetModel();
        Q_EMIT loadingChanged();
        return;
    }
    if (newer.isEmpty()) {
        return;
    }
    if (newer.size() == PageSize && !m_rows.isEmpty()) {
        // More arrived than a page: the rows between are not known, so start again from the newest.
        beginResetModel();
        m_rows = newer;
        m_atEnd = false;
        endResetModel();
        Q_EMIT loadingChanged();
        return;
    }
    beginInsertRows({}, 0, int(newer.size() - 1));
    m_rows = newer + m_rows;
    endInsertRows();
    for (const Row &row : std::as_const(newer)) {
        m_flashing.insert(row.id);
    }
    QTimer::singleShot(FlashMilliseconds, this, [this, ids = newer] {
        for (const Row &row : ids) {
            m_flashing.remove(row.id);
        }
        if (!m_rows.isEmpty()) {
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {FlashRole});
        }
    });
}

void LedgerModel::onFailed(quint64 request, const QString &message)
{
    if (request == m_firstRequest) {
        m_firstRequest = 0;
        setError(message);
        Q_EMIT loadingChanged();
        Q_EMIT loaded();
    } else if (request == m_moreRequest) {
        m_moreRequest = 0;
        setError(message);
        Q_EMIT loadingChanged();
    } else {
        m_newerRequests.remove(request);
    }
}

void LedgerModel::setError(const QString &message)
{
    if (message != m_errorText) {
        m_errorText = message;
        Q_EMIT errorTextChanged();
    }
}

} // namespace Stockroom
