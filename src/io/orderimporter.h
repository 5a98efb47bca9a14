// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "orderimport.h"
#include "orderimportservice.h"

#include <QCoreApplication>

namespace Stockroom {

struct OrderImportRequest
{
    QString fileName;
    OrderFileFormat format = OrderFileFormat::Auto;
    QString channel; ///< empty: the format's ("shopify", "amazon", …; our own format: the file's channel column)
    bool dryRun = false;
};

/** The file's problems, or what the import did (or would do, on a dry run). */
struct OrderImportReport
{
    QString fileName;
    OrderFileFormat format = OrderFileFormat::Auto;
    QString channel;
    int rowsRead = 0;
    QList<FileProblem> problems; ///< any: nothing was applied
    OrderImportOutcome outcome;
    qint64 milliseconds = 0;

    bool ok() const { return problems.isEmpty(); }
    /** Per-file summary in one sentence: "orders_export.csv: 12 new, 3 updated, 4 unchanged, 2 on hold; 40 lines". */
    QString summary() const;
};

/**
 * A platform's order file into the database, streamed (one order in memory at a time) and applied in one
 * transaction, for stockroomctl, the GUI and the benchmark alike.
 */
class OrderImporter
{
    Q_DECLARE_TR_FUNCTIONS(OrderImporter)

public:
    static Result<OrderImportReport> run(ServiceContext &context, const OrderImportRequest &request);
};

} // namespace Stockroom
