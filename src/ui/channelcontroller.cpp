// SPDX-License-Identifier: GPL-3.0-or-later
#include "channelcontroller.h"

#include "databaseworker.h"
#include "labels.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QStandardPaths>

namespace Stockroom {

namespace {

QString formatText(const QString &format)
{
    if (format == QLatin1String("shopify-inventory")) {
        return ChannelController::tr("Shopify inventory CSV", "@item feed format");
    }
    if (format == QLatin1String("csv")) {
        return ChannelController::tr("CSV (SKU, location, available)", "@item feed format");
    }
    return format;
}

QString count(int value)
{
    return QLocale().toString(value);
}

} // namespace

ChannelController::ChannelController(DatabaseWorker *worker, const QString &userName, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_userName(userName)
{
    connect(worker, &DatabaseWorker::channelFeedsFetched, this, &ChannelController::onChannels);
    connect(worker, &DatabaseWorker::feedChangesFetched, this, &ChannelController::onChanges);
    connect(worker, &DatabaseWorker::failed, this, &ChannelController::onFailed);
    connect(worker, &DatabaseWorker::channelFeedWritten, this, &ChannelController::onWritten);
    connect(worker, &DatabaseWorker::channelFeedSettingsSaved, this, &ChannelController::onSettingsSaved);
    m_reloadDelay.setSingleShot(true);
    m_reloadDelay.setInterval(ReloadDelay);
    connect(&m_reloadDelay, &QTimer::timeout, this, &ChannelController::reload);
}

void ChannelController::setActive(bool active)
{
    if (active == m_active) {
        return;
    }
    m_active = active;
    Q_EMIT activeChanged();
    // Shown again: fetch only when something changed meanwhile (switching views costs nothing otherwise).
    if (m_active && (!m_loaded || m_stale)) {
        reload();
    } else if (!m_active) {
        m_reloadDelay.stop();
    }
}

void ChannelController::setCurrentChannel(const QString &name)
{
    if (name == m_currentChannel) {
        return;
    }
    m_currentChannel = name;
    Q_EMIT currentChannelChanged();
    Q_EMIT currentChanged();
    if (m_changesOf != name) {
        // Another channel's numbers are not this one's.
        m_changes.clear();
        m_changeCount = 0;
        m_changesOf.clear();
        Q_EMIT changesChanged();
    }
    if (m_active && !name.isEmpty()) {
        const bool wasLoading = loading();
        fetchChanges();
        finishFetch(wasLoading);
    }
}

QVariantMap ChannelController::current() const
{
    for (const QVariant &channel : m_channels) {
        const QVariantMap map = channel.toMap();
        if (map.value(QStringLiteral("name")).toString() == m_currentChannel) {
            return map;
        }
    }
    return {};
}

QVariantList ChannelController::formats() const
{
    QVariantList formats;
    for (const QString &format : {QStringLiteral("csv"), QStringLiteral("shopify-inventory")}) {
        formats << QVariantMap {{QStringLiteral("value"), format},
                                {QStringLiteral("label"), formatText(format)}};
    }
    return formats;
}

void ChannelController::reload()
{
    const bool wasLoading = loading();
    m_reloadDelay.stop();
    m_stale = false;
    m_channelsRequest = DatabaseWorker::newRequestId();
    const quint64 id = m_channelsRequest;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, id] { worker->fetchChannelFeeds(id); });
    if (!m_currentChannel.isEmpty()) {
        fetchChanges();
    }
    finishFetch(wasLoading);
}

void ChannelController::fetchChanges()
{
    m_changesRequest = DatabaseWorker::newRequestId();
    const quint64 id = m_changesRequest;
    const QString channel = m_currentChannel;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker,
                              [worker, id, channel] { worker->fetchFeedChanges(id, channel, ChangesShown); });
}

void ChannelController::finishFetch(bool wasLoading)
{
    const bool nowLoading = loading();
    if (!nowLoading && !m_loaded) {
        m_loaded = true;
        Q_EMIT loadingChanged();
    } else if (nowLoading != wasLoading) {
        Q_EMIT loadingChanged();
    }
    // Changes that came in during the fetch may not be in its answer.
    if (!nowLoading && m_stale && m_active && !m_reloadDelay.isActive()) {
        m_reloadDelay.start();
    }
}

QVariantMap ChannelController::decorated(const QVariantMap &channel)
{
    QVariantMap map = channel;
    const QString name = map.value(QStringLiteral("name")).toString();
    const int units = map.value(QStringLiteral("bufferUnits")).toInt();
    const int percent = map.value(QStringLiteral("bufferPercent")).toInt();
    const QStringList locations = map.value(QStringLiteral("locations")).toStringList();
    const QString writtenAt = map.value(QStringLiteral("writtenAt")).toString();
    const QString file = map.value(QStringLiteral("file")).toString();
    const int changedSkus = map.value(QStringLiteral("changedSkus")).toInt();
    const bool written = !writtenAt.isEmpty();
    const bool upToDate = written && map.value(QStringLiteral("changedItems")).toInt() == 0;

    QString buffer;
    if (units > 0 && percent > 0) {
        buffer = tr("%n unit(s) + %1 %", "@item feed buffer", units).arg(percent);
    } else if (units > 0) {
        buffer = tr("%n unit(s)", "@item feed buffer", units);
    } else if (percent > 0) {
        buffer = tr("%1 %", "@item feed buffer").arg(percent);
    } else {
        buffer = tr("none", "@item feed buffer");
    }
    QString status;
    if (upToDate) {
        status = tr("✓ Up to date", "@info feed status");
    } else if (!written) {
        status = tr("⚠ Never written: %n SKU(s) to send", "@info feed status", changedSkus);
    } else {
        status = tr("⚠ %n SKU(s) changed since", "@info feed status", changedSkus);
    }
    map.insert(QStringLiteral("label"), Labels::channel(name));
    map.insert(QStringLiteral("formatText"), formatText(map.value(QStringLiteral("format")).toString()));
    map.insert(QStringLiteral("bufferText"), buffer);
    map.insert(QStringLiteral("locationsText"),
               locations.isEmpty() ? tr("every active location", "@item feed locations")
                                   : locations.join(QStringLiteral(", ")));
    map.insert(QStringLiteral("written"), written);
    map.insert(QStringLiteral("writtenAtStored"), writtenAt);
    map.insert(QStringLiteral("writtenAt"), written ? Labels::dateTime(writtenAt) : QString());
    map.insert(QStringLiteral("fileName"), QFileInfo(file).fileName());
    map.insert(QStringLiteral("upToDate"), upToDate);
    map.insert(QStringLiteral("status"), upToDate ? QStringLiteral("ok") : QStringLiteral("low"));
    map.insert(QStringLiteral("statusText"), status);
    return map;
}

QVariantMap ChannelController::decoratedChange(const QVariantMap &change)
{
    QVariantMap map = change;
    const QString location = map.value(QStringLiteral("location")).toString();
    const bool hasLast = map.contains(QStringLiteral("last"));
    const bool hasNow = map.contains(QStringLiteral("now"));
    const int last = map.value(QStringLiteral("last")).toInt();
    const int now = map.value(QStringLiteral("now")).toInt();
    //: the SKU's number over all of the channel's locations (the csv feed has one per SKU)
    map.insert(QStringLiteral("locationText"), location.isEmpty() ? tr("Total", "@item feed row") : location);
    map.insert(QStringLiteral("lastText"), hasLast ? count(last) : tr("not sent", "@item feed number"));
    map.insert(QStringLiteral("nowText"), hasNow ? count(now) : tr("no longer sent", "@item feed number"));
    QString difference;
    if (hasLast && hasNow) {
        const int delta = now - last;
        map.insert(QStringLiteral("difference"), delta);
        // A real minus sign: a hyphen reads as a dash in a column of numbers.
        difference = delta > 0 ? QStringLiteral("+") + count(delta)
            : delta < 0        ? QStringLiteral("\u2212") + count(-delta)
                               : count(0);
    } else {
        difference = hasNow ? tr("new", "@item feed number") : tr("removed", "@item feed number");
    }
    map.insert(QStringLiteral("differenceText"), difference);
    return map;
}

void ChannelController::onChannels(quint64 request, const QVariantList &channels)
{
    if (request != m_channelsRequest) {
        return;
    }
    const bool wasLoading = loading();
    m_channelsRequest = 0;
    m_channels.clear();
    bool currentListed = false;
    for (const QVariant &channel : channels) {
        const QVariantMap map = decorated(channel.toMap());
        currentListed = currentListed || map.value(QStringLiteral("name")).toString() == m_currentChannel;
        m_channels << map;
    }
    if (m_fetchFailed) {
        // A fetch error from before is healed by this answer (a refused write keeps its message).
        m_fetchFailed = false;
        m_message.clear();
        m_failed = false;
        Q_EMIT stateChanged();
    }
    Q_EMIT channelsChanged();
    Q_EMIT currentChanged();
    if (!currentListed) {
        setCurrentChannel(m_channels.isEmpty()
                              ? QString()
                              : m_channels.constFirst().toMap().value(QStringLiteral("name")).toString());
    }
    finishFetch(wasLoading);
}

void ChannelController::onChanges(quint64 request, const QString &channel, const QVariantList &changes,
                                  int total)
{
    if (request != m_changesRequest) {
        return;
    }
    const bool wasLoading = loading();
    m_changesRequest = 0;
    m_changes.clear();
    m_changes.reserve(changes.size());
    for (const QVariant &change : changes) {
        m_changes << decoratedChange(change.toMap());
    }
    m_changesOf = channel;
    m_changeCount = total;
    Q_EMIT changesChanged();
    finishFetch(wasLoading);
}

void ChannelController::onFailed(quint64 request, const QString &message)
{
    if (request == 0 || (request != m_channelsRequest && request != m_changesRequest)) {
        return;
    }
    const bool wasLoading = loading();
    if (request == m_channelsRequest) {
        m_channelsRequest = 0;
    } else {
        m_changesRequest = 0;
    }
    m_message = message;
    m_failed = true;
    m_fetchFailed = true;
    Q_EMIT stateChanged();
    finishFetch(wasLoading);
}

void ChannelController::act(const std::function<void(DatabaseWorker *, quint64)> &action)
{
    m_actionRequest = DatabaseWorker::newRequestId();
    m_message.clear();
    m_failed = false;
    m_fetchFailed = false;
    m_settingsMessage.clear();
    Q_EMIT stateChanged();
    DatabaseWorker *worker = m_worker;
    const quint64 id = m_actionRequest;
    QMetaObject::invokeMethod(worker, [=] { action(worker, id); });
}

QUrl ChannelController::suggestedFile(const QString &channel) const
{
    for (const QVariant &entry : m_channels) {
        const QVariantMap map = entry.toMap();
        if (map.value(QStringLiteral("name")).toString() != channel) {
            continue;
        }
        const QString file = map.value(QStringLiteral("file")).toString();
        if (!file.isEmpty()) {
            return QUrl::fromLocalFile(file);
        }
        break;
    }
    // A name that is safe in any file system: "Web shop (EU)" → "Web-shop-EU-".
    QString safe = channel;
    safe.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]+")), QStringLiteral("-"));
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QUrl::fromLocalFile(QDir(folder.isEmpty() ? QDir::homePath() : folder)
                                   .filePath(tr("%1-stock-feed.csv", "@item file name").arg(safe)));
}

void ChannelController::writeFeed(const QUrl &file)
{
    if (busy()) {
        return;
    }
    const QString channel = m_currentChannel;
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (channel.isEmpty() || path.trimmed().isEmpty()) {
        m_message = channel.isEmpty() ? tr("Choose a channel first.") : tr("Choose the file to write first.");
        m_failed = true;
        Q_EMIT stateChanged();
        Q_EMIT feedWritten(false);
        return;
    }
    act([=, user = m_userName](DatabaseWorker *worker, quint64 id) {
        worker->writeChannelFeed(id, channel, path, user);
    });
}

void ChannelController::onWritten(quint64 request, const QVariantMap &result)
{
    if (request != m_actionRequest) {
        return;
    }
    m_actionRequest = 0;
    const bool ok = result.value(QStringLiteral("ok")).toBool();
    m_failed = !ok;
    if (ok) {
        const int rows = result.value(QStringLiteral("rows")).toInt();
        const int changed = result.value(QStringLiteral("changedSkus")).toInt();
        m_message = tr("Feed of %1 written to %2: %n row(s).", "@info", rows)
                        .arg(Labels::channel(result.value(QStringLiteral("channel")).toString()),
                             QDir::toNativeSeparators(result.value(QStringLiteral("file")).toString()))
            + QLatin1Char(' ') + tr("%n SKU(s) had changed since the last feed.", "@info", changed);
    } else {
        m_message = result.value(QStringLiteral("message")).toString();
    }
    Q_EMIT stateChanged();
    Q_EMIT feedWritten(ok);
    if (ok) {
        reload(); // at once, for the new time and "up to date": the change feed may be paused
    }
}

void ChannelController::saveSettings(const QString &channel, int bufferUnits, int bufferPercent,
                                     const QStringList &locations, const QString &format)
{
    if (busy()) {
        return;
    }
    const QString name = channel.trimmed();
    m_pendingChannel = name;
    act([=, user = m_userName](DatabaseWorker *worker, quint64 id) {
        worker->saveChannelFeedSettings(id, name, bufferUnits, bufferPercent, locations, format, user);
    });
}

void ChannelController::onSettingsSaved(quint64 request, bool ok, const QString &message)
{
    if (request != m_actionRequest) {
        return;
    }
    m_actionRequest = 0;
    if (ok) {
        m_settingsMessage.clear();
        m_failed = false;
        m_message = tr("Feed settings of %1 saved.", "@info").arg(Labels::channel(m_pendingChannel));
    } else {
        m_settingsMessage = message;
    }
    Q_EMIT stateChanged();
    Q_EMIT settingsSaved(ok);
    if (ok) {
        setCurrentChannel(m_pendingChannel); // a new channel is shown at once
        reload();
    }
}

void ChannelController::clearMessage()
{
    if (m_message.isEmpty()) {
        return;
    }
    m_message.clear();
    m_failed = false;
    Q_EMIT stateChanged();
}

void ChannelController::clearSettingsMessage()
{
    if (m_settingsMessage.isEmpty()) {
        return;
    }
    m_settingsMessage.clear();
    Q_EMIT stateChanged();
}

void ChannelController::scheduleReload()
{
    if (!m_active || loading()) {
        m_stale = true; // fetched when shown again, or after the answer under way
        return;
    }
    if (!m_reloadDelay.isActive()) {
        m_reloadDelay.start();
    }
}

void ChannelController::applyEntityChanges(const QString &entity, const QStringList &ids)
{
    Q_UNUSED(ids)
    // A feed written or settings changed (channel); a product (de)activated; a location (de)activated.
    if (entity == QLatin1String("channel") || entity == QLatin1String("product")
        || entity == QLatin1String("location")) {
        scheduleReload();
    }
}

void ChannelController::applyOrderChanges(const QList<qint64> &orderIds)
{
    Q_UNUSED(orderIds)
    scheduleReload(); // backorders owed and reservations change what a feed publishes
}

void ChannelController::applyStockChanges(const QList<QPair<qint64, qint64>> &levels)
{
    Q_UNUSED(levels)
    scheduleReload();
}

} // namespace Stockroom
