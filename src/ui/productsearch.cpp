// SPDX-License-Identifier: GPL-3.0-or-later
#include "productsearch.h"

#include "databaseworker.h"

namespace Stockroom {

ProductSearch::ProductSearch(DatabaseWorker *worker, int shown, int pauseMs, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_shown(shown)
{
    connect(worker, &DatabaseWorker::productsFound, this, &ProductSearch::onProducts);
    connect(worker, &DatabaseWorker::failed, this,
            [this](quint64 request, const QString &) { onFailed(request); });
    m_pause.setSingleShot(true);
    m_pause.setInterval(pauseMs);
    connect(&m_pause, &QTimer::timeout, this, &ProductSearch::send);
}

void ProductSearch::find(const QString &text)
{
    m_text = text.trimmed();
    if (m_text.isEmpty()) {
        m_pause.stop();
        m_request = 0;
        if (!m_matches.isEmpty() || !m_matchesFor.isEmpty()) {
            m_matches.clear();
            m_matchesFor.clear();
            Q_EMIT matchesChanged();
        }
        return;
    }
    m_pause.start();
}

void ProductSearch::send()
{
    m_request = DatabaseWorker::newRequestId();
    const quint64 id = m_request;
    const QString text = m_text;
    const int shown = m_shown;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=] { worker->findProducts(id, text, shown); });
}

void ProductSearch::onProducts(quint64 request, const QVariantList &products)
{
    if (request != m_request) {
        return; // an answer to an older text, or to another picker
    }
    m_request = 0;
    m_matches = products;
    m_matchesFor = m_text;
    Q_EMIT matchesChanged();
}

void ProductSearch::onFailed(quint64 request)
{
    if (request == m_request) {
        m_request = 0; // the picker just finds nothing; the page says what is wrong
    }
}

} // namespace Stockroom
