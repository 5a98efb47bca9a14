// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fileimportcontroller.h"

#include <QAbstractListModel>
#include <QVariantList>

namespace Stockroom {

/**
 * What an order import said about single orders of the file (put on hold, an earlier state kept, something
 * to look at), in file order, for the import dialog's list.
 */
class OrderImportNoticeModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by OrderImportController")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Roles {
        KindRole = Qt::UserRole + 1, ///< on_hold, kept, attention
        KindTextRole, ///< the kind in words ("On hold"), so that it is not told by colour alone
        LineRole, ///< the file's line the order starts on
        ExternalIdRole, ///< the channel's order id ("#1010")
        NumberRole, ///< ours ("SO-000042"); empty when the order was not imported
        MessageRole,
    };
    Q_ENUM(Roles)

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /** A new report: a wholesale reload. */
    void setNotices(const QVariantList &notices);

Q_SIGNALS:
    void countChanged();

private:
    QVariantList m_notices;
};

/**
 * Importing a shop platform's order file in the Orders view, as `stockroomctl import orders` does: the file,
 * its format (detected or forced) and the channel its orders belong to (the format's unless the clerk names
 * one); a preview (a dry run on the database thread: everything is done and rolled back) and then the import
 * itself, offered only after a clean preview of the same file and options. All or nothing. The report gives
 * the counts, every problem with its line, the notices per order and the SKUs that are none of ours. The Orders
 * view follows through the change feed.
 *
 * The report: {dryRun, applied, format (words), formatName, detected, channel, channelText, fileName (without
 * its folder), rowsRead, ordersNew, ordersUpdated, ordersUnchanged, ordersOnHold, ordersSkipped, lines,
 * linesSkipped, unitsReserved, unitsBackordered, importId, seconds}.
 */
class OrderImportController : public Stockroom::FileImportController
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    /** "auto" or a forced format: shopify, woocommerce, amazon, ebay, etsy, stockroom. */
    Q_PROPERTY(QString format READ format WRITE setFormat NOTIFY optionsChanged)
    /** [{value, label}] for the format box, "auto" first. */
    Q_PROPERTY(QVariantList formats READ formats CONSTANT)
    /** The channel the clerk named; empty: the format's (defaultChannel). */
    Q_PROPERTY(QString channel READ channel WRITE setChannel NOTIFY optionsChanged)
    /**
     * The channel orders go to when none is named: the forced format's, or the detected one's after a preview;
     * empty when not known yet (and for our own files, whose rows name theirs).
     */
    Q_PROPERTY(QString defaultChannel READ defaultChannel NOTIFY stateChanged)
    /** The report's notices per order. */
    Q_PROPERTY(Stockroom::OrderImportNoticeModel *notices READ notices CONSTANT)
    /** The file's SKUs (or item names) that are none of our products, each once: their orders wait on hold. */
    Q_PROPERTY(QStringList unknownSkus READ unknownSkus NOTIFY stateChanged)

public:
    OrderImportController(DatabaseWorker *worker, const QString &userName, QObject *parent = nullptr);

    QString format() const { return m_format; }
    void setFormat(const QString &format);
    QVariantList formats() const;
    QString channel() const { return m_channel; }
    void setChannel(const QString &channel);
    QString defaultChannel() const;
    OrderImportNoticeModel *notices() const { return m_notices; }
    QStringList unknownSkus() const { return m_unknownSkus; }

Q_SIGNALS:
    /** An import was applied (Session refreshes its channel list: the file may bring a new one). */
    void imported();

protected:
    /** The file, the format and the channel. */
    QString options() const override;
    void send(bool dryRun) override;
    void readAnswer(const QVariantMap &answer, QVariantMap *report) override;
    void forgetAnswer() override;
    /** The channel (the format stays as chosen). */
    void clearOptions() override;
    void forgetFile() override;

private:
    void onImported(quint64 request, const QVariantMap &answer);

    QString m_format = QStringLiteral("auto");
    QString m_channel;
    /** The format the last preview found (auto detects it), for the default channel. */
    QString m_detectedFormat;
    bool m_requestChannelNamed = false;
    OrderImportNoticeModel *m_notices;
    QStringList m_unknownSkus;
};

} // namespace Stockroom
