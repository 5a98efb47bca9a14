// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>
#include <QVariantList>

namespace Stockroom {

class DatabaseWorker;

/**
 * The product picker's lookup, shared by the dialogs and views that have one: a query on the database
 * thread after a short pause in typing (not one per key), answers to older texts dropped, the matches
 * ([{sku, name, available}]) and the text they answer.
 */
class ProductSearch : public QObject
{
    Q_OBJECT

public:
    ProductSearch(DatabaseWorker *worker, int shown, int pauseMs, QObject *parent = nullptr);

    /** Looks products up for the text after the pause; an empty text clears the matches at once. */
    void find(const QString &text);
    QVariantList matches() const { return m_matches; }
    /** The text matches() answer. */
    QString matchesFor() const { return m_matchesFor; }

Q_SIGNALS:
    void matchesChanged();

private:
    void send();
    void onProducts(quint64 request, const QVariantList &products);
    void onFailed(quint64 request);

    DatabaseWorker *m_worker;
    int m_shown;
    QTimer m_pause;
    QString m_text;
    quint64 m_request = 0;
    QVariantList m_matches;
    QString m_matchesFor;
};

} // namespace Stockroom
