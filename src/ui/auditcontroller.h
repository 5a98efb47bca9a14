// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auditrepository.h"

#include <QObject>
#include <QVariantList>
#include <QtQmlIntegration>

namespace Stockroom {

class DatabaseWorker;

/**
 * The Audit view (managers and administrators): who did what and when, newest first, filtered by user,
 * kind of entity, dates and text; each line with the fields before and after for edits.
 */
class AuditController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    Q_PROPERTY(QString user READ user WRITE setUser NOTIFY filterChanged)
    Q_PROPERTY(QString entity READ entity WRITE setEntity NOTIFY filterChanged)
    /** ISO dates (local days), inclusive; empty = open. */
    Q_PROPERTY(QString fromDate READ fromDate WRITE setFromDate NOTIFY filterChanged)
    Q_PROPERTY(QString toDate READ toDate WRITE setToDate NOTIFY filterChanged)
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY filterChanged)
    /** Also every write of the change log, not only edits, approvals, users and sign-ins. */
    Q_PROPERTY(bool withChanges READ withChanges WRITE setWithChanges NOTIFY filterChanged)
    /** [{at, when, user, action, entity, key, summary, changes: [{field, before, after}], source}] */
    Q_PROPERTY(QVariantList entries READ entries NOTIFY entriesChanged)
    Q_PROPERTY(QStringList userNames READ userNames NOTIFY entriesChanged)
    Q_PROPERTY(QStringList entities READ entities CONSTANT)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(bool hasMore READ hasMore NOTIFY entriesChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)

public:
    static constexpr int PageSize = 200;

    AuditController(DatabaseWorker *worker, QObject *parent = nullptr);

    QString user() const { return m_user; }
    void setUser(const QString &user);
    QString entity() const { return m_entity; }
    void setEntity(const QString &entity);
    QString fromDate() const { return m_fromDate; }
    void setFromDate(const QString &date);
    QString toDate() const { return m_toDate; }
    void setToDate(const QString &date);
    QString text() const { return m_text; }
    void setText(const QString &text);
    bool withChanges() const { return m_withChanges; }
    void setWithChanges(bool on);
    QVariantList entries() const { return m_entries; }
    QStringList userNames() const { return m_userNames; }
    QStringList entities() const;
    bool loading() const { return m_loading; }
    bool hasMore() const { return m_hasMore; }
    QString message() const { return m_message; }

    Q_INVOKABLE void reload();
    Q_INVOKABLE void loadMore();

Q_SIGNALS:
    void filterChanged();
    void entriesChanged();
    void loadingChanged();
    void messageChanged();

private:
    void fetch(bool more);
    void onFetched(quint64 request, const QList<AuditEntry> &entries, const QStringList &userNames,
                   const QString &error);
    AuditFilter filter() const;

    DatabaseWorker *m_worker;
    QString m_user;
    QString m_entity;
    QString m_fromDate;
    QString m_toDate;
    QString m_text;
    bool m_withChanges = false;
    QVariantList m_entries;
    QStringList m_userNames;
    QString m_lastAt;
    qint64 m_lastId = 0;
    quint64 m_request = 0;
    bool m_appending = false;
    bool m_loading = false;
    bool m_hasMore = false;
    QString m_message;
};

} // namespace Stockroom
