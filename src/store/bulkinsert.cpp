// SPDX-License-Identifier: GPL-3.0-or-later
#include "bulkinsert.h"

namespace Stockroom {

BulkInsert::BulkInsert(Database &db, const QString &table, const QStringList &columns)
    : m_db(db)
    , m_table(table)
    , m_columns(columns)
{
    m_rows.reserve(BatchRows);
}

const QString &BulkInsert::statement(int rows)
{
    auto found = m_statements.find(rows);
    if (found == m_statements.end()) {
        const QString marks
            = QStringLiteral("(?") + QStringLiteral(", ?").repeated(m_columns.size()) + QLatin1Char(')');
        QStringList values;
        for (int i = 0; i < rows; ++i) {
            values << marks;
        }
        found = m_statements.insert(
            rows,
            QStringLiteral("INSERT INTO %1 (id, %2) VALUES %3")
                .arg(m_table, m_columns.join(QStringLiteral(", ")), values.join(QStringLiteral(", "))));
    }
    return *found;
}

Result<qint64> BulkInsert::add(const Binds &values)
{
    Q_ASSERT(values.size() == m_columns.size());
    if (m_nextId == 0) {
        STOCKROOM_TRY(largest,
                      m_db.scalar(QStringLiteral("SELECT coalesce(max(id), 0) FROM %1").arg(m_table)));
        m_nextId = largest.toLongLong() + 1;
    }
    const qint64 id = m_nextId++;
    Binds row;
    row.reserve(values.size() + 1);
    row << id;
    row << values;
    m_rows << row;
    if (m_rows.size() == BatchRows) {
        STOCKROOM_CHECK(write());
    }
    return id;
}

Status BulkInsert::flush()
{
    m_nextId = 0; // others may write the table now: the next batch counts on from its largest id again
    return write();
}

Status BulkInsert::write()
{
    if (m_parent) {
        STOCKROOM_CHECK(m_parent->write());
    }
    if (m_rows.isEmpty()) {
        return {};
    }
    Binds binds;
    binds.reserve(m_rows.size() * (m_columns.size() + 1));
    for (const Binds &row : std::as_const(m_rows)) {
        binds << row;
    }
    const int rows = int(m_rows.size());
    m_rows.clear();
    return statusOf(m_db.execute(statement(rows), binds));
}

} // namespace Stockroom
