// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "documentflow.h"

#include <QCoreApplication>

namespace Stockroom {

/** Which products of a location a count covers: all of them, or a cycle count's subset. */
struct CountScope
{
    bool cycle = false;
    QString binPrefix; ///< bins whose code starts with this (any case)
    QChar abcClass; ///< 'A', 'B' or 'C' by cost of goods shipped over the last 90 days; null for any
    int notCountedForDays = 0; ///< only products not counted at the location for this many days (or never)
    QStringList skus; ///< exactly these
    bool blind = true; ///< the counter does not see the expected quantity
};

/**
 * Stock counts: open → submitted → approved | rejected (a submitted count may go back to open for a
 * recount). The expected quantities are a snapshot at the start; each counted line also keeps the on-hand
 * quantity at the moment it was counted, so orders shipped or stock received during the count are not
 * variances. Approval books the variances as count_adjust ledger rows.
 */
class CountService
{
    Q_DECLARE_TR_FUNCTIONS(CountService)

public:
    explicit CountService(ServiceContext &context)
        : m_context(context)
    {
    }

    Result<StockCount> start(const QString &locationCode, const CountScope &scope, const QString &note = {});
    /**
     * A counted quantity for a SKU or scanned GTIN: sets it, or adds to what was counted (scanning one
     * unit at a time). Several people may count lines of one count at once.
     */
    Result<CountLine> record(const QString &number, const QString &skuOrGtin, int qty, bool add = false);
    /** Every line must be counted; the variance report is then fixed until approval. */
    Result<StockCount> submit(const QString &number, std::optional<int> expectedVersion = std::nullopt);
    Result<StockCount> approve(const QString &number, const QString &note = {},
                               std::optional<int> expectedVersion = std::nullopt);
    Result<StockCount> reject(const QString &number, const QString &note,
                              std::optional<int> expectedVersion = std::nullopt);
    /** Back to counting (a manager doubts some lines); recorded quantities stay until counted again. */
    Result<StockCount> reopen(const QString &number, std::optional<int> expectedVersion = std::nullopt);
    Result<StockCount> get(const QString &number);

    /** The scope in words, as stored with the count: "bins A-*, class A, not counted for 30 days". */
    static QString describe(const CountScope &scope);

private:
    Result<StockCount> load(DocumentFlow &flow, const QString &number, bool withLines = true);
    Result<StockCount> change(const QString &number, std::optional<int> expectedVersion,
                              const std::function<Status(DocumentFlow &, StockCount &)> &work);
    ServiceContext &m_context;
};

} // namespace Stockroom
