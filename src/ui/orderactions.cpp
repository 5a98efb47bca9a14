// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderactions.h"

#include "databaseworker.h"
#include "shippinglabel.h"
#include "tracking.h"

#include <QPainter>
#include <QPrintDialog>
#include <QPrinter>

#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QLocale>
#include <QStandardPaths>
#include <QUrl>

namespace Stockroom {

namespace {

/** A decimal as the clerk typed it, in the user's locale or with a dot; nullopt when it is not a number. */
std::optional<double> decimalFrom(const QString &text)
{
    bool ok = false;
    double value = QLocale().toDouble(text.trimmed(), &ok);
    if (!ok) {
        value = QLocale::c().toDouble(text.trimmed(), &ok);
    }
    return ok ? std::optional<double>(value) : std::nullopt;
}

} // namespace

OrderActions::OrderActions(DatabaseWorker *worker, const QString &userName, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_userName(userName)
{
    connect(worker, &DatabaseWorker::actionFinished, this, &OrderActions::onFinished);
    connect(worker, &DatabaseWorker::packProgressFetched, this, &OrderActions::onPackProgress);
    connect(worker, &DatabaseWorker::labelsFetched, this, &OrderActions::onLabels);
    connect(worker, &DatabaseWorker::documentWritten, this, [this](const QString &file) {
        m_lastDocument = file;
        Q_EMIT lastDocumentChanged();
        if (m_openDocuments) {
            QDesktopServices::openUrl(QUrl::fromLocalFile(file));
        }
    });
}

quint64 OrderActions::begin()
{
    const bool wasBusy = busy();
    m_pending = DatabaseWorker::newRequestId();
    if (!wasBusy) {
        Q_EMIT busyChanged();
    }
    return m_pending;
}

void OrderActions::run(const QString &action, const QStringList &numbers, int version,
                       const QVariantMap &args)
{
    if (numbers.isEmpty()) {
        return;
    }
    const quint64 id = begin();
    DatabaseWorker *worker = m_worker;
    const QString user = m_userName;
    QMetaObject::invokeMethod(worker,
                              [=] { worker->runOrderAction(id, action, numbers, version, args, user); });
}

void OrderActions::cancel(const QString &number, int version)
{
    run(QStringLiteral("cancel"), {number}, version);
}

void OrderActions::ship(const QString &number, int version, const QString &carrier, const QString &service,
                        const QString &tracking, const QString &weightKg, bool printLabel)
{
    int grams = 0;
    if (!weightKg.trimmed().isEmpty()) {
        const std::optional<double> kg = decimalFrom(weightKg);
        if (!kg || *kg < 0) {
            onFinished(begin(), false, false, tr("\"%1\" is not a weight in kilograms.").arg(weightKg));
            return;
        }
        grams = int(std::lround(*kg * 1000.0));
    }
    QVariantMap args {{QStringLiteral("carrier"), carrier},
                      {QStringLiteral("service"), service},
                      {QStringLiteral("tracking"), tracking},
                      {QStringLiteral("weightGrams"), grams}};
    if (printLabel) {
        args.insert(QStringLiteral("labelFile"), documentPath(QStringLiteral("label-") + number));
    }
    run(QStringLiteral("ship"), {number}, version, args);
}

void OrderActions::pay(const QStringList &numbers)
{
    run(QStringLiteral("pay"), numbers, -1);
}

void OrderActions::authorize(const QStringList &numbers)
{
    run(QStringLiteral("authorize"), numbers, -1);
}

void OrderActions::voidPayment(const QString &number, int version)
{
    run(QStringLiteral("void"), {number}, version);
}

void OrderActions::refund(const QString &number, int version, const QString &amount, const QString &note)
{
    const std::optional<double> value = decimalFrom(amount);
    if (!value || *value <= 0) {
        onFinished(begin(), false, false, tr("\"%1\" is not an amount to refund.").arg(amount));
        return;
    }
    run(QStringLiteral("refund"), {number}, version,
        {{QStringLiteral("amountCents"), qint64(std::llround(*value * 100.0))},
         {QStringLiteral("note"), note}});
}

void OrderActions::hold(const QStringList &numbers, const QString &reason)
{
    run(QStringLiteral("hold"), numbers, -1, {{QStringLiteral("reason"), reason}});
}

void OrderActions::unhold(const QStringList &numbers)
{
    run(QStringLiteral("unhold"), numbers, -1);
}

void OrderActions::release(const QStringList &numbers)
{
    run(QStringLiteral("release"), numbers, -1);
}

QString OrderActions::documentPath(const QString &stem) const
{
    const QString folder = m_documentFolder.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QStringLiteral("/Stockroom")
        : m_documentFolder;
    return QDir(folder).filePath(
        QStringLiteral("%1-%2.pdf")
            .arg(stem, QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
}

void OrderActions::printLabels(const QStringList &numbers)
{
    run(QStringLiteral("labels"), numbers, -1,
        {{QStringLiteral("file"), documentPath(QStringLiteral("labels"))}});
}

void OrderActions::printPickList(const QString &locationCode)
{
    run(QStringLiteral("pickList"), {locationCode}, -1,
        {{QStringLiteral("file"), documentPath(QStringLiteral("picklist-") + locationCode)},
         {QStringLiteral("location"), locationCode},
         {QStringLiteral("user"), m_userName}});
}

void OrderActions::printLabelsOnPrinter(const QStringList &numbers)
{
    if (numbers.isEmpty()) {
        return;
    }
    const quint64 id = begin();
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=] { worker->fetchLabels(id, numbers); });
}

void OrderActions::onLabels(quint64 request, const QList<LabelData> &labels, const QStringList &skipped)
{
    if (request != m_pending) {
        return;
    }
    if (labels.isEmpty()) {
        onFinished(request, false, false, tr("None of these orders has shipped with a tracking number yet."));
        return;
    }
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(
        QPageSize(QSizeF(4.0, 6.0), QPageSize::Inch, QStringLiteral("4x6"), QPageSize::ExactMatch));
    printer.setPageMargins(QMarginsF(0, 0, 0, 0));
    printer.setDocName(tr("%n shipping label(s)", nullptr, int(labels.size())));
    QPrintDialog dialog(&printer);
    dialog.setWindowTitle(tr("Print %n label(s)", nullptr, int(labels.size())));
    if (dialog.exec() != QDialog::Accepted) {
        onFinished(request, false, false, tr("Printing cancelled."));
        return;
    }
    QPainter painter;
    if (!painter.begin(&printer)) {
        onFinished(request, false, false, tr("The printer could not be opened."));
        return;
    }
    // The label is drawn for 300 dots per inch; the printer has its own resolution.
    const double scale = printer.resolution() / 300.0;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if (i > 0) {
            printer.newPage();
        }
        painter.save();
        painter.scale(scale, scale);
        const Status drawn = ShippingLabel::drawLabel(painter, labels.at(i));
        painter.restore();
        if (!drawn) {
            painter.end();
            onFinished(request, false, false, drawn.error().message);
            return;
        }
    }
    painter.end();
    QString text = tr("%n label(s) sent to the printer.", nullptr, int(labels.size()));
    if (!skipped.isEmpty()) {
        text += QLatin1Char(' ')
            + tr("Not shipped yet, no label: %1.").arg(skipped.join(QStringLiteral(", ")));
    }
    onFinished(request, true, false, text);
}

void OrderActions::createReturn(const QString &orderNumber, const QVariantList &lines, const QString &reason)
{
    run(QStringLiteral("returnCreate"), {orderNumber}, -1,
        {{QStringLiteral("lines"), lines}, {QStringLiteral("reason"), reason}});
}

void OrderActions::receiveReturn(const QString &returnNumber, const QVariantList &dispositions)
{
    run(QStringLiteral("returnReceive"), {returnNumber}, -1,
        {{QStringLiteral("dispositions"), dispositions}});
}

void OrderActions::refundReturn(const QString &returnNumber)
{
    run(QStringLiteral("returnRefund"), {returnNumber}, -1);
}

void OrderActions::cancelReturn(const QString &returnNumber)
{
    run(QStringLiteral("returnCancel"), {returnNumber}, -1);
}

void OrderActions::addTrackingEvent(const QString &trackingNumber, const QString &status,
                                    const QString &place, const QString &description)
{
    run(QStringLiteral("trackAdd"), {trackingNumber}, -1,
        {{QStringLiteral("status"), status},
         {QStringLiteral("place"), place},
         {QStringLiteral("description"), description}});
}

void OrderActions::importTracking(const QUrl &file)
{
    run(QStringLiteral("trackImport"), {file.isLocalFile() ? file.toLocalFile() : file.toString()}, -1);
}

void OrderActions::clearMessage()
{
    m_message.clear();
    m_failed = false;
    m_stale = false;
    Q_EMIT messageChanged();
}

QVariantMap OrderActions::checkTracking(const QString &text) const
{
    if (text.trimmed().isEmpty()) {
        return {{QStringLiteral("verdict"), QString()}};
    }
    const TrackingMatch match = TrackingNumbers::validate(text);
    QString verdict;
    switch (match.verdict) {
    case TrackingMatch::Verdict::Valid:
        verdict = QStringLiteral("valid");
        break;
    case TrackingMatch::Verdict::Invalid:
        verdict = QStringLiteral("invalid");
        break;
    case TrackingMatch::Verdict::Unknown:
        verdict = QStringLiteral("unknown");
        break;
    }
    return {{QStringLiteral("verdict"), verdict},
            {QStringLiteral("carrier"), match.carrier},
            {QStringLiteral("message"), match.message}};
}

void OrderActions::loadPacking(const QString &number)
{
    m_packRequest = DatabaseWorker::newRequestId();
    const quint64 id = m_packRequest;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=] { worker->fetchPackProgress(id, number); });
}

void OrderActions::scan(const QString &number, const QString &barcode)
{
    if (barcode.trimmed().isEmpty()) {
        return;
    }
    m_packRequest = DatabaseWorker::newRequestId();
    const quint64 id = m_packRequest;
    DatabaseWorker *worker = m_worker;
    const QString user = m_userName;
    QMetaObject::invokeMethod(worker, [=] { worker->scanItem(id, number, barcode, user); });
}

void OrderActions::onPackProgress(quint64 request, bool ok, const QString &message,
                                  const PackProgress &progress)
{
    if (request != m_packRequest) {
        return;
    }
    QVariantList lines;
    for (const PackLine &line : progress.lines) {
        lines << QVariantMap {{QStringLiteral("sku"), line.sku},
                              {QStringLiteral("name"), line.productName},
                              {QStringLiteral("toPack"), line.toPack},
                              {QStringLiteral("packed"), line.packed}};
    }
    Q_EMIT packing(ok, message, lines, progress.complete(), progress.status, progress.scannedSku);
}

void OrderActions::onFinished(quint64 request, bool ok, bool stale, const QString &message)
{
    if (request != m_pending) {
        return;
    }
    m_pending = 0;
    m_message = message;
    m_failed = !ok;
    m_stale = stale;
    Q_EMIT messageChanged();
    Q_EMIT busyChanged();
}

} // namespace Stockroom
