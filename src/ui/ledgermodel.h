// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QSet>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;
struct LedgerLine;

/**
 * One product's ledger, newest first: every movement with its location, the change of on hand and reserved,
 * why (in words), the document behind it, who, and what the location had on hand right after it. Pages of
 * PageSize rows by keyset (ids below the last one shown) as the view scrolls, so a product with a hundred
 * thousand movements shows its newest rows at once; movements committed elsewhere are put on top.
 */
class LedgerModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    Q_PROPERTY(int productId READ productId WRITE setProductId NOTIFY productIdChanged)
    /** A location id, 0 for every location. */
    Q_PROPERTY(int locationFilter READ locationFilter WRITE setLocationFilter NOTIFY locationFilterChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    /** Every movement of the product (and location) is loaded. */
    Q_PROPERTY(bool atEnd READ atEnd NOTIFY loadingChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        TimeRole, ///< as the locale writes it
        StoredTimeRole,
        LocationRole, ///< the location's code
        LocationIdRole,
        DeltaOnHandRole,
        DeltaReservedRole,
        ReasonRole, ///< in words
        ReasonKeyRole, ///< as stored: receipt, ship, …
        ReferenceRole, ///< the document's number (SO-…, PO-…, TR-…, SC-…, RMA-…) or a description
        OpenKindRole, ///< what the reference opens: order, purchase_order, transfer, count; empty: nothing
        OpenNumberRole, ///< the number to open (a return opens its order)
        UserRole,
        NoteRole,
        OnHandAfterRole, ///< on hand at that location right after the movement
        FlashRole, ///< a movement that arrived live, for a moment
    };
    Q_ENUM(Roles)

    static constexpr int PageSize = 200;
    static constexpr int FlashMilliseconds = 1500;

    explicit LedgerModel(DatabaseWorker *worker, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    int productId() const { return int(m_productId); }
    void setProductId(int productId);
    int locationFilter() const { return int(m_locationId); }
    void setLocationFilter(int locationId);
    bool loading() const { return m_firstRequest != 0 || m_moreRequest != 0; }
    bool atEnd() const { return m_atEnd; }
    QString errorText() const { return m_errorText; }

    /** Starts again from the newest movement. */
    Q_INVOKABLE void reload();
    /** Live refresh: a pair of the shown product (and location) changed: the new movements go on top. */
    void applyChanges(const QList<QPair<qint64, qint64>> &levels);

    /** The words for a ledger reason (receipt, ship, …). */
    static QString reasonText(const QString &reason);

Q_SIGNALS:
    void productIdChanged();
    void locationFilterChanged();
    void loadingChanged();
    void errorTextChanged();
    /** The first page of a product or filter is there (or an error). */
    void loaded();

private:
    struct Row
    {
        qint64 id = 0;
        QString at;
        qint64 locationId = 0;
        QString locationCode;
        int deltaOnHand = 0;
        int deltaReserved = 0;
        QString reason;
        QString reference;
        QString openKind;
        QString openNumber;
        QString userName;
        QString note;
        int onHandAfter = 0;
    };
    static Row rowFrom(const LedgerLine &line);
    quint64 request(qint64 beforeId);
    void onFetched(quint64 request, const QList<LedgerLine> &lines);
    void onFailed(quint64 request, const QString &message);
    void setError(const QString &message);

    DatabaseWorker *m_worker;
    qint64 m_productId = 0;
    qint64 m_locationId = 0;
    QList<Row> m_rows;
    bool m_atEnd = true;
    quint64 m_firstRequest = 0;
    quint64 m_moreRequest = 0;
    QSet<quint64> m_newerRequests;
    QSet<qint64> m_flashing;
    QString m_errorText;
};

} // namespace Stockroom
