// SPDX-License-Identifier: GPL-3.0-or-later
#include "purchaseservice.h"

#include "access.h"
#include "textfield.h"

#include <QDate>
#include <QSet>

namespace Stockroom {

Result<SupplierRecord> PurchaseService::addSupplier(const QString &name, const QString &email,
                                                    int leadTimeDays)
{
    STOCKROOM_CHECK(Access::require(m_context, Role::Manager, PurchaseService::tr("Adding a supplier")));
    if (name.trimmed().isEmpty()) {
        return Error::usage(PurchaseService::tr("A supplier needs a name."));
    }
    STOCKROOM_CHECK(TextField::check(PurchaseService::tr("The supplier name"), name, TextField::NameLength));
    STOCKROOM_CHECK(
        TextField::check(PurchaseService::tr("The e-mail address"), email, TextField::NameLength));
    if (leadTimeDays < 0 || leadTimeDays > 365) {
        return Error::usage(PurchaseService::tr("A lead time is 0 to 365 days, not %1.").arg(leadTimeDays));
    }
    Database &db = m_context.db;
    return db.write<SupplierRecord>([&]() -> Result<SupplierRecord> {
        InventoryRepository documents(db);
        STOCKROOM_TRY(existing, documents.supplierByName(name));
        if (existing) {
            return Error::business(
                PurchaseService::tr("There is already a supplier \"%1\".").arg(existing->name));
        }
        SupplierRecord supplier {0, name.trimmed(), email.trimmed(), leadTimeDays};
        STOCKROOM_TRY(id, documents.insertSupplier(supplier, toStoredTime(m_context.clock.now())));
        supplier.id = id;
        ChangeRecorder changes(m_context);
        changes.add(QStringLiteral("supplier"), QString::number(id), QStringLiteral("insert"));
        STOCKROOM_CHECK(changes.flush());
        return supplier;
    });
}

Result<PurchaseOrder> PurchaseService::create(const QString &supplierName, const QString &locationCode,
                                              const QString &expectedDate, const QList<QuantityLine> &lines,
                                              const QString &note)
{
    Database &db = m_context.db;
    return db.write<PurchaseOrder>([&]() -> Result<PurchaseOrder> {
        ChangeRecorder changes(m_context);
        DocumentFlow flow(m_context, changes);
        STOCKROOM_TRY(po, createWithin(flow, supplierName, locationCode, expectedDate, lines, note));
        STOCKROOM_CHECK(changes.flush());
        return po;
    });
}

Result<PurchaseOrder> PurchaseService::createWithin(DocumentFlow &flow, const QString &supplierName,
                                                    const QString &locationCode, const QString &expectedDate,
                                                    const QList<QuantityLine> &lines, const QString &note)
{
    STOCKROOM_CHECK(
        Access::require(m_context, Role::Manager, PurchaseService::tr("Creating a purchase order")));
    if (lines.isEmpty()) {
        return Error::usage(PurchaseService::tr("A purchase order needs at least one line."));
    }
    if (!expectedDate.isEmpty() && !QDate::fromString(expectedDate, Qt::ISODate).isValid()) {
        return Error::usage(PurchaseService::tr("\"%1\" is not a date: give the expected date as YYYY-MM-DD.")
                                .arg(expectedDate));
    }
    for (const QuantityLine &line : lines) {
        STOCKROOM_CHECK(checkQuantity(line.qty, PurchaseService::tr("Line %1").arg(line.sku)));
        if (line.unitCostCents && *line.unitCostCents < 0) {
            return Error::usage(PurchaseService::tr("A unit cost cannot be negative (%1).").arg(line.sku));
        }
    }
    STOCKROOM_TRY(supplier, flow.documents().supplierByName(supplierName));
    if (!supplier) {
        return Error::business(PurchaseService::tr("Unknown supplier \"%1\".").arg(supplierName.trimmed()));
    }
    STOCKROOM_TRY(location, Known::location(flow.catalog(), locationCode));
    STOCKROOM_TRY(id,
                  flow.documents().insertPurchaseOrder(supplier->id, location.id, expectedDate,
                                                       note.trimmed(), flow.user(), flow.now()));
    QSet<qint64> seen;
    int lineNo = 0;
    for (const QuantityLine &line : lines) {
        STOCKROOM_TRY(product, flow.product(line.sku, true));
        if (seen.contains(product.id)) {
            return Error::usage(
                PurchaseService::tr("%1 is on the purchase order twice: give it once with the "
                                    "whole quantity.")
                    .arg(product.sku));
        }
        seen.insert(product.id);
        STOCKROOM_CHECK(flow.documents().insertPurchaseOrderLine(
            id, ++lineNo, product.id, line.qty, line.unitCostCents.value_or(product.unitCostCents)));
    }
    flow.changed(DocumentKind::PurchaseOrder, id);
    STOCKROOM_TRY(po, flow.documents().purchaseOrder(id));
    return *po;
}

Result<PurchaseOrder> PurchaseService::load(DocumentFlow &flow, const QString &number)
{
    const std::optional<qint64> id = purchaseOrderIdFromNumber(number);
    if (id) {
        STOCKROOM_TRY(po, flow.documents().purchaseOrder(*id));
        if (po) {
            return *po;
        }
    }
    return Error::business(PurchaseService::tr("There is no purchase order %1.").arg(number.trimmed()));
}

Result<PurchaseOrder> PurchaseService::step(const QString &number, std::optional<int> expectedVersion,
                                            PurchaseOrderStatus to, const QString &action,
                                            const QString &stampColumn)
{
    Database &db = m_context.db;
    return db.write<PurchaseOrder>([&]() -> Result<PurchaseOrder> {
        ChangeRecorder changes(m_context);
        DocumentFlow flow(m_context, changes);
        STOCKROOM_TRY(po, load(flow, number));
        STOCKROOM_CHECK(flow.claim(DocumentKind::PurchaseOrder, po.id, po.number, po.version, po.updatedBy,
                                   po.updatedAt, expectedVersion));
        STOCKROOM_CHECK(flow.move(DocumentKind::PurchaseOrder, po.id, po.number, po.status, to, action,
                                  &purchaseOrderStatusFromString));
        STOCKROOM_CHECK(flow.documents().stamp(DocumentKind::PurchaseOrder, po.id, stampColumn, flow.now()));
        for (const PurchaseOrderLine &line : std::as_const(po.lines)) {
            if (to == PurchaseOrderStatus::Ordered) {
                // The receiving location shows what is on order (a level row of 0 where it never had any).
                STOCKROOM_CHECK(flow.stock().addOnHand(line.productId, po.locationId, 0));
            }
            flow.changes().stock(line.productId, po.locationId);
        }
        STOCKROOM_CHECK(changes.flush());
        STOCKROOM_TRY(updated, flow.documents().purchaseOrder(po.id));
        return *updated;
    });
}

Result<PurchaseOrder> PurchaseService::order(const QString &number, std::optional<int> expectedVersion)
{
    STOCKROOM_CHECK(Access::require(m_context, Role::Manager,
                                    PurchaseService::tr("Placing a purchase order with the supplier")));
    return step(number, expectedVersion, PurchaseOrderStatus::Ordered, PurchaseService::tr("ordered"),
                QStringLiteral("ordered_at"));
}

Result<PurchaseOrder> PurchaseService::close(const QString &number, std::optional<int> expectedVersion)
{
    STOCKROOM_CHECK(
        Access::require(m_context, Role::Manager, PurchaseService::tr("Closing a purchase order")));
    return step(number, expectedVersion, PurchaseOrderStatus::Received, PurchaseService::tr("closed"),
                QStringLiteral("closed_at"));
}

Result<PurchaseOrder> PurchaseService::cancel(const QString &number, std::optional<int> expectedVersion)
{
    STOCKROOM_CHECK(
        Access::require(m_context, Role::Manager, PurchaseService::tr("Cancelling a purchase order")));
    return step(number, expectedVersion, PurchaseOrderStatus::Cancelled, PurchaseService::tr("cancelled"),
                QStringLiteral("closed_at"));
}

Result<PurchaseOrder> PurchaseService::receive(const QString &number, const QList<QuantityLine> &lines,
                                               const QString &note, std::optional<int> expectedVersion)
{
    if (lines.isEmpty()) {
        return Error::usage(PurchaseService::tr("Nothing to receive: give at least one SKU and quantity."));
    }
    for (const QuantityLine &line : lines) {
        STOCKROOM_CHECK(checkQuantity(line.qty, PurchaseService::tr("Receiving %1").arg(line.sku)));
    }
    Database &db = m_context.db;
    return db.write<PurchaseOrder>([&]() -> Result<PurchaseOrder> {
        ChangeRecorder changes(m_context);
        DocumentFlow flow(m_context, changes);
        STOCKROOM_TRY(po, load(flow, number));
        STOCKROOM_CHECK(flow.claim(DocumentKind::PurchaseOrder, po.id, po.number, po.version, po.updatedBy,
                                   po.updatedAt, expectedVersion));
        const std::optional<PurchaseOrderStatus> status = purchaseOrderStatusFromString(po.status);
        if (!status || !canReceive(*status)) {
            return Error::business(PurchaseService::tr("%1 is %2: nothing can be received against it.")
                                       .arg(po.number, DocumentFlow::words(po.status)));
        }
        QHash<qint64, int> lineIndex;
        for (int i = 0; i < po.lines.size(); ++i) {
            lineIndex.insert(po.lines.at(i).productId, i);
        }
        STOCKROOM_TRY(resolved, flow.resolve(lines));
        for (const auto &[product, given] : std::as_const(resolved)) {
            const auto found = lineIndex.constFind(product.id);
            if (found == lineIndex.cend()) {
                return Error::business(
                    PurchaseService::tr("%1 is not on %2: receive it without a purchase order, "
                                        "or add it to a new one.")
                        .arg(product.sku, po.number));
            }
            PurchaseOrderLine &line = po.lines[*found];
            // Moving average over all locations, before the units are added (read again: the same SKU may
            // come twice in one delivery).
            STOCKROOM_CHECK(flow.catalog().lockProduct(product.id)); // one receipt of a product at a time
            STOCKROOM_TRY(before, flow.catalog().totalOnHand(product.id));
            STOCKROOM_TRY(current, flow.product(product.sku));
            STOCKROOM_CHECK(flow.catalog().setAverageCost(
                product.id,
                movingAverageCost(current.averageCostCents, before, given.qty, line.unitCostCents)));
            STOCKROOM_CHECK(flow.stock().addOnHand(product.id, po.locationId, given.qty));
            STOCKROOM_CHECK(flow.movement(product.id, po.locationId, given.qty, QStringLiteral("receipt"),
                                          QStringLiteral("purchase_order"), po.id, note.trimmed()));
            STOCKROOM_CHECK(flow.documents().addPurchaseOrderReceived(line.id, given.qty));
            line.received += given.qty;
            STOCKROOM_CHECK(flow.fillBackorders(product.id, po.locationId, po.locationCode));
            changes.add(QStringLiteral("product"), QString::number(product.id), QStringLiteral("update"));
        }
        bool complete = true;
        for (const PurchaseOrderLine &line : std::as_const(po.lines)) {
            complete = complete && line.received >= line.ordered;
        }
        const PurchaseOrderStatus to
            = complete ? PurchaseOrderStatus::Received : PurchaseOrderStatus::PartiallyReceived;
        if (toString(to) != po.status) {
            STOCKROOM_CHECK(flow.move(DocumentKind::PurchaseOrder, po.id, po.number, po.status, to,
                                      PurchaseService::tr("received"), &purchaseOrderStatusFromString));
            if (complete) {
                STOCKROOM_CHECK(flow.documents().stamp(DocumentKind::PurchaseOrder, po.id,
                                                       QStringLiteral("closed_at"), flow.now()));
            }
        }
        STOCKROOM_CHECK(changes.flush());
        STOCKROOM_TRY(updated, flow.documents().purchaseOrder(po.id));
        return *updated;
    });
}

Result<PurchaseOrder> PurchaseService::get(const QString &number)
{
    Database &db = m_context.db;
    return db.read<PurchaseOrder>([&]() -> Result<PurchaseOrder> {
        ChangeRecorder changes(m_context);
        DocumentFlow flow(m_context, changes);
        return load(flow, number);
    });
}

} // namespace Stockroom
