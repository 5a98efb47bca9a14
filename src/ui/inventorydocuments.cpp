// SPDX-License-Identifier: GPL-3.0-or-later
#include "inventorydocuments.h"

#include "databaseworker.h"
#include "inventorystatus.h"
#include "labels.h"
#include "tracking.h"

#include <QLocale>

#include <cmath>

namespace Stockroom {

namespace {

const QString NumberKey = QStringLiteral("number");

QString numberOf(const QVariant &row)
{
    return row.toMap().value(NumberKey).toString();
}

/** A whole number as the clerk typed it ("1,200" in the user's locale, or plain digits). */
std::optional<int> wholeNumberFrom(const QString &text)
{
    bool ok = false;
    int value = QLocale().toInt(text.trimmed(), &ok);
    if (!ok) {
        value = QLocale::c().toInt(text.trimmed(), &ok);
    }
    return ok ? std::optional<int>(value) : std::nullopt;
}

} // namespace

// ---- DocumentList -------------------------------------------------------------------------------------

DocumentList::DocumentList(DocumentKind kind, DatabaseWorker *worker, QObject *parent)
    : QAbstractListModel(parent)
    , m_kind(kind)
    , m_worker(worker)
{
    connect(worker, &DatabaseWorker::documentsFetched, this, &DocumentList::onListFetched);
    connect(worker, &DatabaseWorker::documentFetched, this, &DocumentList::onCurrentFetched);
    connect(worker, &DatabaseWorker::documentActionFinished, this, &DocumentList::onActionFinished);
    connect(worker, &DatabaseWorker::failed, this, &DocumentList::onFailed);
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(CoalesceMilliseconds);
    connect(&m_coalesce, &QTimer::timeout, this, [this] {
        fetchList();
        if (m_currentDirty) {
            m_currentDirty = false;
            reloadCurrent();
        }
    });
}

int DocumentList::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QHash<int, QByteArray> DocumentList::roleNames() const
{
    static const QHash<int, QByteArray> names {
        {NumberRole, "number"},
        {StatusRole, "status"},
        {StatusTextRole, "statusText"},
        {BadgeRole, "badge"},
        {FromRole, "from"},
        {ToRole, "to"},
        {LinesRole, "lines"},
        {UnitsRole, "units"},
        {DoneRole, "done"},
        {AttentionRole, "attention"},
        {AttentionTextRole, "attentionText"},
        {DateRole, "date"},
        {OverdueRole, "overdue"},
        {UpdatedByRole, "updatedBy"},
        {FlashRole, "flash"},
    };
    return names;
}

QVariant DocumentList::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, QAbstractItemModel::CheckIndexOption::IndexIsValid));
    const QVariantMap row = m_rows.at(index.row()).toMap();
    if (role == FlashRole) {
        return m_flashing.contains(row.value(NumberKey).toString());
    }
    // The roles are the rows' keys.
    const QByteArray key = roleNames().value(role);
    return key.isEmpty() ? QVariant() : row.value(QString::fromLatin1(key));
}

void DocumentList::setStatusFilter(const QString &status)
{
    if (status == m_statusFilter) {
        return;
    }
    m_statusFilter = status;
    Q_EMIT statusFilterChanged();
    m_listIsReset = true; // another set of documents: a reset, not a live update
    fetchList();
}

QVariantList DocumentList::statusChoices() const
{
    QVariantList choices {
        QVariantMap {{QStringLiteral("value"), QStringLiteral("unfinished")},
                     {QStringLiteral("label"), tr("Open", "@item:inlistbox documents not finished yet")}},
        QVariantMap {{QStringLiteral("value"), QString()},
                     {QStringLiteral("label"), tr("All", "@item:inlistbox documents of any status")}},
    };
    QStringList names;
    switch (m_kind) {
    case DocumentKind::PurchaseOrder:
        names = allPurchaseOrderStatusNames();
        break;
    case DocumentKind::Transfer:
        names = allTransferStatusNames();
        break;
    case DocumentKind::Count:
        names = allCountStatusNames();
        break;
    }
    for (const QString &name : std::as_const(names)) {
        choices << QVariantMap {{QStringLiteral("value"), name},
                                {QStringLiteral("label"), InventoryDocuments::statusText(m_kind, name)}};
    }
    return choices;
}

void DocumentList::setCurrentNumber(const QString &number)
{
    if (number == m_currentNumber) {
        return;
    }
    m_currentNumber = number;
    Q_EMIT currentNumberChanged();
    m_current.clear();
    Q_EMIT currentChanged();
    reloadCurrent();
}

QVariantMap DocumentList::get(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).toMap() : QVariantMap();
}

int DocumentList::indexOf(const QString &number) const
{
    if (number.isEmpty()) {
        return -1;
    }
    for (int i = 0; i < m_rows.size(); ++i) {
        if (numberOf(m_rows.at(i)) == number) {
            return i;
        }
    }
    return -1;
}

void DocumentList::reload()
{
    fetchList();
    reloadCurrent();
}

void DocumentList::fetchList()
{
    const bool wasLoading = loading();
    m_listRequest = DatabaseWorker::newRequestId();
    const quint64 id = m_listRequest;
    const DocumentKind kind = m_kind;
    const QString status = m_statusFilter;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=] { worker->fetchDocuments(id, kind, status, RowLimit); });
    if (!wasLoading) {
        Q_EMIT loadingChanged();
    }
}

void DocumentList::reloadCurrent()
{
    if (m_currentNumber.isEmpty()) {
        return;
    }
    m_currentRequest = DatabaseWorker::newRequestId();
    const quint64 id = m_currentRequest;
    const DocumentKind kind = m_kind;
    const QString number = m_currentNumber;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=] { worker->fetchDocument(id, kind, number); });
}

void DocumentList::noteChanged(const QStringList &ids)
{
    const QString currentId = m_current.value(QStringLiteral("id")).toString();
    if (!m_currentNumber.isEmpty() && (currentId.isEmpty() || ids.contains(currentId))) {
        m_currentDirty = true;
    }
    if (!m_coalesce.isActive()) {
        m_coalesce.start();
    }
}

void DocumentList::noteCurrentChanged()
{
    m_currentDirty = true;
    if (!m_coalesce.isActive()) {
        m_coalesce.start();
    }
}

void DocumentList::onListFetched(quint64 request, const QVariantList &rows)
{
    if (request != m_listRequest) {
        return;
    }
    m_listRequest = 0;
    if (m_listIsReset || !m_everLoaded) {
        m_listIsReset = false;
        Q_EMIT aboutToChangeRows();
        beginResetModel();
        m_rows = rows;
        m_flashing.clear();
        endResetModel();
        Q_EMIT rowsChanged();
    } else {
        merge(rows, true);
    }
    if (!m_errorText.isEmpty()) {
        m_errorText.clear();
        Q_EMIT errorTextChanged();
    }
    Q_EMIT loadingChanged();
    if (!m_everLoaded) {
        m_everLoaded = true;
        Q_EMIT loaded();
    }
}

void DocumentList::merge(const QVariantList &rows, bool flashChanges)
{
    Q_EMIT aboutToChangeRows();
    QSet<QString> wanted;
    for (const QVariant &row : rows) {
        wanted.insert(numberOf(row));
    }
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (!wanted.contains(numberOf(m_rows.at(i)))) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    for (int i = 0; i < rows.size(); ++i) {
        const QString number = numberOf(rows.at(i));
        if (i >= m_rows.size() || numberOf(m_rows.at(i)) != number) {
            int from = -1;
            for (int j = i + 1; j < m_rows.size(); ++j) {
                if (numberOf(m_rows.at(j)) == number) {
                    from = j;
                    break;
                }
            }
            if (from >= 0) {
                beginMoveRows({}, from, from, {}, i);
                m_rows.move(from, i);
                endMoveRows();
            } else {
                beginInsertRows({}, i, i);
                m_rows.insert(i, rows.at(i));
                endInsertRows();
                if (flashChanges) {
                    flash(number);
                }
                continue;
            }
        }
        if (m_rows.at(i) != rows.at(i)) {
            m_rows[i] = rows.at(i);
            Q_EMIT dataChanged(index(i), index(i));
            if (flashChanges) {
                flash(number);
            }
        }
    }
    if (m_rows.size() > rows.size()) {
        beginRemoveRows({}, int(rows.size()), int(m_rows.size()) - 1);
        m_rows.resize(rows.size());
        endRemoveRows();
    }
    Q_EMIT rowsChanged();
}

void DocumentList::flash(const QString &number)
{
    m_flashing.insert(number);
    const int row = indexOf(number);
    Q_EMIT dataChanged(index(row), index(row), {FlashRole});
    QTimer::singleShot(FlashMilliseconds, this, [this, number] {
        if (m_flashing.remove(number)) {
            const int at = indexOf(number);
            if (at >= 0) {
                Q_EMIT dataChanged(index(at), index(at), {FlashRole});
            }
        }
    });
}

void DocumentList::onCurrentFetched(quint64 request, const QVariantMap &document)
{
    if (request != m_currentRequest) {
        return;
    }
    m_currentRequest = 0;
    if (document.value(NumberKey).toString() == m_currentNumber) {
        setCurrent(document);
    }
}

void DocumentList::setCurrent(const QVariantMap &document)
{
    m_current = document;
    Q_EMIT currentChanged();
}

void DocumentList::onFailed(quint64 request, const QString &message)
{
    if (request == m_listRequest) {
        m_listRequest = 0;
        m_errorText = message;
        Q_EMIT errorTextChanged();
        Q_EMIT loadingChanged();
        if (!m_everLoaded) {
            m_everLoaded = true;
            Q_EMIT loaded();
        }
    } else if (request == m_currentRequest) {
        m_currentRequest = 0;
        m_message = message;
        m_failed = true;
        m_stale = false;
        Q_EMIT messageChanged();
    }
}

void DocumentList::run(const QString &action, const QString &number, int version, const QVariantMap &args,
                       const QString &user)
{
    const bool wasBusy = busy();
    const quint64 id = DatabaseWorker::newRequestId();
    m_actions.insert(id);
    if (!wasBusy) {
        Q_EMIT busyChanged();
    }
    const DocumentKind kind = m_kind;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [=] { worker->runDocumentAction(id, kind, action, number, version, args, user); });
}

void DocumentList::refuse(const QString &message)
{
    m_message = message;
    m_failed = true;
    m_stale = false;
    Q_EMIT messageChanged();
    Q_EMIT finished(false, message);
}

void DocumentList::onActionFinished(quint64 request, bool ok, bool stale, const QString &message,
                                    const QVariantMap &document)
{
    if (!m_actions.remove(request)) {
        return;
    }
    if (!document.isEmpty()) {
        const QString number = document.value(NumberKey).toString();
        // A new document opens at once; an answer about another one than the open one changes nothing here.
        if (document.value(QStringLiteral("created")).toBool() && number != m_currentNumber) {
            m_currentNumber = number;
            Q_EMIT currentNumberChanged();
        }
        if (number == m_currentNumber) {
            // A fetch still on its way was queued after this action (the worker answers in order): it is
            // newer, so it is left to arrive and win.
            setCurrent(document);
        }
    }
    m_message = message;
    m_failed = !ok;
    m_stale = stale;
    Q_EMIT messageChanged();
    if (!busy()) {
        Q_EMIT busyChanged();
    }
    Q_EMIT finished(ok, message);
    if (stale) {
        // Somebody else was first: show what the document is now, the clerk decides again.
        reloadCurrent();
        fetchList();
    } else if (ok) {
        if (document.isEmpty()) {
            m_currentDirty = true; // done, but its new state could not be read with the answer
        }
        // The change feed reports it too, but the list must not depend on live refresh being up.
        if (!m_coalesce.isActive()) {
            m_coalesce.start();
        }
    }
}

void DocumentList::clearMessage()
{
    if (m_message.isEmpty() && !m_failed && !m_stale) {
        return;
    }
    m_message.clear();
    m_failed = false;
    m_stale = false;
    Q_EMIT messageChanged();
}

// ---- InventoryDocuments -------------------------------------------------------------------------------

InventoryDocuments::InventoryDocuments(DatabaseWorker *worker, const QString &userName, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_userName(userName)
    , m_purchaseOrders(new DocumentList(DocumentKind::PurchaseOrder, worker, this))
    , m_transfers(new DocumentList(DocumentKind::Transfer, worker, this))
    , m_counts(new DocumentList(DocumentKind::Count, worker, this))
{
    for (DocumentList *list : {m_purchaseOrders, m_transfers, m_counts}) {
        connect(list, &DocumentList::loaded, this, [this] {
            if (--m_waitingFor == 0) {
                Q_EMIT loaded();
            }
        });
    }
    connect(worker, &DatabaseWorker::suppliersFetched, this,
            [this](quint64 request, const QVariantList &suppliers) {
                if (request == m_suppliersRequest) {
                    m_suppliers = suppliers;
                    Q_EMIT suppliersChanged();
                }
            });
}

void InventoryDocuments::reload()
{
    m_purchaseOrders->reload();
    m_transfers->reload();
    m_counts->reload();
    fetchSuppliers();
}

void InventoryDocuments::fetchSuppliers()
{
    m_suppliersRequest = DatabaseWorker::newRequestId();
    const quint64 id = m_suppliersRequest;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=] { worker->fetchSuppliers(id); });
}

void InventoryDocuments::applyEntityChanges(const QString &entity, const QStringList &ids)
{
    for (DocumentList *list : {m_purchaseOrders, m_transfers, m_counts}) {
        if (entity == changeEntity(list->kind())) {
            list->noteChanged(ids);
        }
    }
    if (entity == QLatin1String("supplier")) {
        fetchSuppliers();
    }
}

void InventoryDocuments::applyStockChanges(const QList<QPair<qint64, qint64>> &levels)
{
    // A transfer not shipped yet shows what its source has available: that moves with every order.
    const QVariantMap transfer = m_transfers->current();
    if (!transfer.value(QStringLiteral("watchesStock")).toBool()) {
        return;
    }
    const qint64 source = transfer.value(QStringLiteral("fromLocationId")).toLongLong();
    for (const QVariant &line : transfer.value(QStringLiteral("lines")).toList()) {
        const qint64 product = line.toMap().value(QStringLiteral("productId")).toLongLong();
        if (levels.contains(qMakePair(product, source))) {
            m_transfers->noteCurrentChanged();
            return;
        }
    }
}

bool InventoryDocuments::quantityLines(DocumentList *list, const QVariantList &lines, bool withCost,
                                       bool withMissing, QVariantList &out)
{
    out.clear();
    for (const QVariant &item : lines) {
        const QVariantMap line = item.toMap();
        const QString sku = line.value(QStringLiteral("sku")).toString().trimmed();
        int qty = 0;
        int missing = 0;
        const QString qtyText = line.value(QStringLiteral("qty")).toString().trimmed();
        if (!qtyText.isEmpty()) {
            const std::optional<int> value = wholeNumberFrom(qtyText);
            if (!value) {
                list->refuse(tr("\"%1\" is not a quantity (%2).").arg(qtyText, sku));
                return false;
            }
            qty = *value;
        }
        const QString missingText = line.value(QStringLiteral("missing")).toString().trimmed();
        if (withMissing && !missingText.isEmpty()) {
            const std::optional<int> value = wholeNumberFrom(missingText);
            if (!value) {
                list->refuse(tr("\"%1\" is not a number of missing units (%2).").arg(missingText, sku));
                return false;
            }
            missing = *value;
        }
        if (qty == 0 && missing == 0) {
            continue; // an empty row of the dialog, or a line nothing was counted for
        }
        if (sku.isEmpty()) {
            list->refuse(tr("A line has a quantity but no SKU."));
            return false;
        }
        QVariantMap clean {{QStringLiteral("sku"), sku}, {QStringLiteral("qty"), qty}};
        if (withMissing) {
            clean.insert(QStringLiteral("missing"), missing);
            clean.insert(QStringLiteral("reason"), line.value(QStringLiteral("reason")).toString().trimmed());
        }
        const QString costText = line.value(QStringLiteral("cost")).toString().trimmed();
        if (withCost && !costText.isEmpty()) {
            const std::optional<qint64> cents = Labels::typedMoney(costText);
            if (!cents) {
                list->refuse(tr("\"%1\" is not a unit cost (%2).").arg(costText, sku));
                return false;
            }
            clean.insert(QStringLiteral("costCents"), *cents);
        }
        out << clean;
    }
    return true;
}

void InventoryDocuments::createPurchaseOrder(const QString &supplier, const QString &location,
                                             const QString &expectedDate, const QVariantList &lines,
                                             const QString &note)
{
    QVariantList clean;
    if (!quantityLines(m_purchaseOrders, lines, true, false, clean)) {
        return;
    }
    m_purchaseOrders->run(QStringLiteral("create"), {}, -1,
                          {{QStringLiteral("supplier"), supplier},
                           {QStringLiteral("location"), location},
                           {QStringLiteral("expected"), expectedDate.trimmed()},
                           {QStringLiteral("lines"), clean},
                           {QStringLiteral("note"), note}},
                          m_userName);
}

void InventoryDocuments::orderPurchaseOrder(const QString &number, int version)
{
    m_purchaseOrders->run(QStringLiteral("order"), number, version, {}, m_userName);
}

void InventoryDocuments::receivePurchaseOrder(const QString &number, int version, const QVariantList &lines,
                                              const QString &note)
{
    QVariantList clean;
    if (!quantityLines(m_purchaseOrders, lines, false, false, clean)) {
        return;
    }
    m_purchaseOrders->run(QStringLiteral("receive"), number, version,
                          {{QStringLiteral("lines"), clean}, {QStringLiteral("note"), note}}, m_userName);
}

void InventoryDocuments::closePurchaseOrder(const QString &number, int version)
{
    m_purchaseOrders->run(QStringLiteral("close"), number, version, {}, m_userName);
}

void InventoryDocuments::cancelPurchaseOrder(const QString &number, int version)
{
    m_purchaseOrders->run(QStringLiteral("cancel"), number, version, {}, m_userName);
}

void InventoryDocuments::createTransfer(const QString &from, const QString &to, const QVariantList &lines,
                                        const QString &note)
{
    QVariantList clean;
    if (!quantityLines(m_transfers, lines, false, false, clean)) {
        return;
    }
    m_transfers->run(QStringLiteral("create"), {}, -1,
                     {{QStringLiteral("from"), from},
                      {QStringLiteral("to"), to},
                      {QStringLiteral("lines"), clean},
                      {QStringLiteral("note"), note}},
                     m_userName);
}

void InventoryDocuments::requestTransfer(const QString &number, int version)
{
    m_transfers->run(QStringLiteral("request"), number, version, {}, m_userName);
}

void InventoryDocuments::shipTransfer(const QString &number, int version)
{
    m_transfers->run(QStringLiteral("ship"), number, version, {}, m_userName);
}

void InventoryDocuments::receiveTransfer(const QString &number, int version, const QVariantList &lines)
{
    QVariantList clean;
    if (!quantityLines(m_transfers, lines, false, true, clean)) {
        return;
    }
    m_transfers->run(QStringLiteral("receive"), number, version, {{QStringLiteral("lines"), clean}},
                     m_userName);
}

void InventoryDocuments::decideMissing(const QString &number, int version, bool writeOff)
{
    m_transfers->run(writeOff ? QStringLiteral("approveMissing") : QStringLiteral("rejectMissing"), number,
                     version, {}, m_userName);
}

void InventoryDocuments::cancelTransfer(const QString &number, int version)
{
    m_transfers->run(QStringLiteral("cancel"), number, version, {}, m_userName);
}

void InventoryDocuments::startCount(const QString &location, bool cycle, const QString &binPrefix,
                                    const QString &abcClass, int notCountedForDays, bool blind,
                                    const QString &note)
{
    m_counts->run(QStringLiteral("start"), {}, -1,
                  {{QStringLiteral("location"), location},
                   {QStringLiteral("cycle"), cycle},
                   {QStringLiteral("binPrefix"), cycle ? binPrefix.trimmed() : QString()},
                   {QStringLiteral("abcClass"), cycle ? abcClass.trimmed().toUpper() : QString()},
                   {QStringLiteral("days"), cycle ? std::max(0, notCountedForDays) : 0},
                   {QStringLiteral("blind"), blind},
                   {QStringLiteral("note"), note}},
                  m_userName);
}

void InventoryDocuments::recordCount(const QString &number, const QString &code, const QString &quantity)
{
    if (code.trimmed().isEmpty()) {
        return;
    }
    int qty = 1;
    const bool add = quantity.trimmed().isEmpty();
    if (!add) {
        const std::optional<int> value = wholeNumberFrom(quantity);
        if (!value) {
            m_counts->refuse(tr("\"%1\" is not a quantity.").arg(quantity.trimmed()));
            return;
        }
        qty = *value;
    }
    m_counts->run(QStringLiteral("record"), number, -1,
                  {{QStringLiteral("code"), code.trimmed()},
                   {QStringLiteral("qty"), qty},
                   {QStringLiteral("add"), add}},
                  m_userName);
}

void InventoryDocuments::submitCount(const QString &number, int version)
{
    m_counts->run(QStringLiteral("submit"), number, version, {}, m_userName);
}

void InventoryDocuments::approveCount(const QString &number, int version, const QString &note)
{
    m_counts->run(QStringLiteral("approve"), number, version, {{QStringLiteral("note"), note}}, m_userName);
}

void InventoryDocuments::rejectCount(const QString &number, int version, const QString &reason)
{
    m_counts->run(QStringLiteral("reject"), number, version, {{QStringLiteral("note"), reason}}, m_userName);
}

void InventoryDocuments::reopenCount(const QString &number, int version)
{
    m_counts->run(QStringLiteral("reopen"), number, version, {}, m_userName);
}

int InventoryDocuments::lineForBarcode(const QVariantList &lines, const QString &barcode) const
{
    const QString code = barcode.trimmed();
    if (code.isEmpty()) {
        return -1;
    }
    for (int i = 0; i < lines.size(); ++i) {
        if (lines.at(i).toMap().value(QStringLiteral("sku")).toString().compare(code, Qt::CaseInsensitive)
            == 0) {
            return i;
        }
    }
    // The lines carry their GTIN as 14 digits: a scanned EAN-13 or UPC-A is the same number.
    const GtinCheck gtin = Gtin::validate(code);
    if (gtin.valid) {
        for (int i = 0; i < lines.size(); ++i) {
            if (lines.at(i).toMap().value(QStringLiteral("gtin")).toString() == gtin.normalised14) {
                return i;
            }
        }
    }
    return -1;
}

QString InventoryDocuments::statusText(DocumentKind kind, const QString &status)
{
    switch (kind) {
    case DocumentKind::PurchaseOrder:
        if (status == QLatin1String("draft"))
            return tr("Draft", "@label purchase order status");
        if (status == QLatin1String("ordered"))
            return tr("Ordered", "@label purchase order status");
        if (status == QLatin1String("partially_received"))
            return tr("Partly received", "@label purchase order status");
        if (status == QLatin1String("received"))
            return tr("Received", "@label purchase order status");
        if (status == QLatin1String("cancelled"))
            return tr("Cancelled", "@label purchase order status");
        break;
    case DocumentKind::Transfer:
        if (status == QLatin1String("draft"))
            return tr("Draft", "@label transfer status");
        if (status == QLatin1String("requested"))
            return tr("Requested", "@label transfer status");
        if (status == QLatin1String("in_transit"))
            return tr("In transit", "@label transfer status");
        if (status == QLatin1String("received"))
            return tr("Received", "@label transfer status");
        if (status == QLatin1String("cancelled"))
            return tr("Cancelled", "@label transfer status");
        break;
    case DocumentKind::Count:
        if (status == QLatin1String("open"))
            return tr("Counting", "@label stock count status");
        if (status == QLatin1String("submitted"))
            return tr("Submitted", "@label stock count status");
        if (status == QLatin1String("approved"))
            return tr("Approved", "@label stock count status");
        if (status == QLatin1String("rejected"))
            return tr("Rejected", "@label stock count status");
        break;
    }
    return status;
}

QString InventoryDocuments::badge(DocumentKind kind, const QString &status)
{
    // StatusBadge tints by the names it knows: green done, orange waiting for someone, blue on its way,
    // grey closed, red trouble, purple (anything else) not started.
    if (status == QLatin1String("cancelled") || status == QLatin1String("rejected")) {
        return QStringLiteral("cancelled");
    }
    if (status == QLatin1String("received") || status == QLatin1String("approved")) {
        return QStringLiteral("ok");
    }
    if (status == QLatin1String("partially_received") || status == QLatin1String("requested")
        || status == QLatin1String("submitted")) {
        return QStringLiteral("low");
    }
    if (status == QLatin1String("ordered") || status == QLatin1String("in_transit")
        || (kind == DocumentKind::Count && status == QLatin1String("open"))) {
        return QStringLiteral("in_transit");
    }
    return QStringLiteral("draft");
}

} // namespace Stockroom
