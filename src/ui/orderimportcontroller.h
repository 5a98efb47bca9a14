// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QObject>
#include <QUrl>
#include <QVariantList>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;

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
 */
class OrderImportController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    /** The file as a local path; empty: none chosen. */
    Q_PROPERTY(QString fileName READ fileName WRITE setFileName NOTIFY optionsChanged)
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
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    /** The running request is the import itself, not a preview. */
    Q_PROPERTY(bool importing READ importing NOTIFY stateChanged)
    Q_PROPERTY(bool hasReport READ hasReport NOTIFY stateChanged)
    /**
     * The last preview or import: {dryRun, applied, format (words), formatName, detected, channel,
     * channelText, fileName (without its folder), rowsRead, ordersNew, ordersUpdated, ordersUnchanged,
     * ordersOnHold, ordersSkipped, lines, linesSkipped, unitsReserved, unitsBackordered, importId, seconds}.
     */
    Q_PROPERTY(QVariantMap report READ report NOTIFY stateChanged)
    /** The report's problems, "file:line: column: why", the first ProblemsShown of them. */
    Q_PROPERTY(QStringList problems READ problems NOTIFY stateChanged)
    Q_PROPERTY(int problemCount READ problemCount NOTIFY stateChanged)
    /** The report's notices per order. */
    Q_PROPERTY(Stockroom::OrderImportNoticeModel *notices READ notices CONSTANT)
    /** The file's SKUs (or item names) that are none of our products, each once: their orders wait on hold. */
    Q_PROPERTY(QStringList unknownSkus READ unknownSkus NOTIFY stateChanged)
    /** The preview is of other options or another file than those chosen now: preview again. */
    Q_PROPERTY(bool stale READ stale NOTIFY stateChanged)
    /** A clean preview of exactly the chosen file and options, and nothing running. */
    Q_PROPERTY(bool canImport READ canImport NOTIFY stateChanged)
    /** A refusal or a database error, for the clerk; empty when there is none. */
    Q_PROPERTY(QString message READ message NOTIFY stateChanged)

public:
    /** More problems than this are counted but not listed (a wrong file can have one per row). */
    static constexpr int ProblemsShown = 1000;

    OrderImportController(DatabaseWorker *worker, const QString &userName, QObject *parent = nullptr);

    QString fileName() const { return m_fileName; }
    void setFileName(const QString &fileName);
    QString format() const { return m_format; }
    void setFormat(const QString &format);
    QVariantList formats() const;
    QString channel() const { return m_channel; }
    void setChannel(const QString &channel);
    QString defaultChannel() const;
    bool busy() const { return m_request != 0; }
    bool importing() const { return m_request != 0 && !m_requestDryRun; }
    bool hasReport() const { return m_hasReport; }
    QVariantMap report() const { return m_report; }
    QStringList problems() const { return m_problems; }
    int problemCount() const { return m_problemCount; }
    OrderImportNoticeModel *notices() const { return m_notices; }
    QStringList unknownSkus() const { return m_unknownSkus; }
    bool stale() const;
    bool canImport() const;
    QString message() const { return m_message; }

    /** The file a FileDialog chose. */
    Q_INVOKABLE void setFileUrl(const QUrl &url);
    /** Checks the file against the database without changing anything; the answer comes with finished(). */
    Q_INVOKABLE void preview();
    /** Applies what the clean preview showed; refused (with a message) without one. */
    Q_INVOKABLE void runImport();
    /** Starts afresh: no file, channel or report (the format stays as chosen). */
    Q_INVOKABLE void clear();

Q_SIGNALS:
    void optionsChanged();
    void stateChanged();
    /** A preview or an import answered: clean (no problem, no error) or not. */
    void finished(bool clean, bool dryRun);
    /** An import was applied (Session refreshes its channel list: the file may bring a new one). */
    void imported();

private:
    /** What a preview was of: the options and the file's size and time, to tell a stale preview. */
    struct Snapshot
    {
        QString options;
        qint64 size = -1;
        QDateTime modified;
        bool operator==(const Snapshot &) const = default;
    };

    QString options() const;
    Snapshot snapshot() const;
    void send(bool dryRun);
    void onImported(quint64 request, const QVariantMap &answer);
    void setMessage(const QString &message);
    void forgetReport();
    void changeOptions();

    DatabaseWorker *m_worker;
    QString m_userName;
    QString m_fileName;
    QString m_format = QStringLiteral("auto");
    QString m_channel;
    /** The format the last preview found (auto detects it), for the default channel. */
    QString m_detectedFormat;
    quint64 m_request = 0;
    bool m_requestDryRun = true;
    Snapshot m_requestSnapshot;
    bool m_requestChannelNamed = false;
    bool m_hasReport = false;
    QVariantMap m_report;
    QStringList m_problems;
    int m_problemCount = 0;
    OrderImportNoticeModel *m_notices;
    QStringList m_unknownSkus;
    /** The report's snapshot (stale when the options moved on); a clean preview's when it may be imported. */
    Snapshot m_reportSnapshot;
    bool m_cleanPreview = false;
    QString m_message;
};

} // namespace Stockroom
