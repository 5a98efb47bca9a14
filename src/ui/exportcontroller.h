// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QUrl>
#include <QVariantList>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;

/**
 * The Export dialog of the Orders and Inventory views, as `stockroomctl export KIND --out FILE [--since DATE]`
 * does it: one of our CSV exports (orders, stock, ledger, products) from one read snapshot into a file that
 * appears only when the whole export is in it.
 */
class ExportController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    /** [{value, label, takesSince}] of the exports, orders first. */
    Q_PROPERTY(QVariantList kinds READ kinds CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    /** The last export written: its rows and file, or why it was refused. */
    Q_PROPERTY(QString message READ message NOTIFY stateChanged)
    Q_PROPERTY(bool failed READ failed NOTIFY stateChanged)
    /** The last export's file and data rows (the header not counted); -1 before any. */
    Q_PROPERTY(QString file READ file NOTIFY stateChanged)
    Q_PROPERTY(qint64 rows READ rows NOTIFY stateChanged)

public:
    ExportController(DatabaseWorker *worker, const QString &userName, QObject *parent = nullptr);

    QVariantList kinds() const;
    bool busy() const { return m_request != 0; }
    QString message() const { return m_message; }
    bool failed() const { return m_failed; }
    QString file() const { return m_file; }
    qint64 rows() const { return m_rows; }

    /** Whether "since" means something for the kind (orders: placed or updated; ledger: created). */
    Q_INVOKABLE bool takesSince(const QString &kind) const;
    /** A file in the documents folder named after the kind and today, e.g. stockroom-orders-2026-05-01.csv. */
    Q_INVOKABLE QUrl suggestedFile(const QString &kind) const;
    /** A local file URL as the clerk reads it (a path), and back. */
    Q_INVOKABLE QString pathOf(const QUrl &url) const;
    Q_INVOKABLE QUrl urlOf(const QString &path) const;
    /**
     * Writes the export; since: "2025-05-01", an ISO 8601 time, or empty for everything (ignored for the
     * kinds that do not take it). A bad date is refused here, before anything runs.
     */
    Q_INVOKABLE void run(const QString &kind, const QString &since, const QString &fileName);
    Q_INVOKABLE void clear();

Q_SIGNALS:
    void stateChanged();
    /** An export finished (ok) or was refused. */
    void finished(bool ok);

private:
    void onExported(quint64 request, const QVariantMap &result);
    void refuse(const QString &message);

    DatabaseWorker *m_worker;
    QString m_userName;
    quint64 m_request = 0;
    QString m_message;
    bool m_failed = false;
    QString m_file;
    qint64 m_rows = -1;
};

} // namespace Stockroom
