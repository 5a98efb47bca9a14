// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QVariantList>
#include <QtQmlIntegration>

#include <functional>

namespace Stockroom {

class DatabaseWorker;

/**
 * The Channels view: every sales channel's stock feed (when it was last written, by whom, to which file, its
 * format, buffer and locations, and how many SKUs changed since), the numbers of the selected channel that
 * differ from its last feed, writing its feed, and its feed settings.
 *
 * Comparing a channel's feed with its last one reads every product, so the lists are fetched only while the
 * view is shown (active), and live changes (orders, stock, channels, products, locations) fetch them again at
 * most once per ReloadDelay, however many arrive.
 */
class ChannelController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Session")
    /** Set while the view is shown: then the lists follow the change feed; switching it on fetches them. */
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)
    /**
     * [{name, label, stored, format, formatText, bufferUnits, bufferPercent, bufferText, locations (codes;
     * empty: every active location), locationsText, written, writtenAt (as the locale writes it), writtenBy,
     * file, fileName (without its folder), changedSkus, changedItems, upToDate, status ("ok" | "low"),
     * statusText}], by name.
     */
    Q_PROPERTY(QVariantList channels READ channels NOTIFY channelsChanged)
    /** The selected channel's name; the first one once the list is there when none is. */
    Q_PROPERTY(
        QString currentChannel READ currentChannel WRITE setCurrentChannel NOTIFY currentChannelChanged)
    /** The selected channel's entry of channels (empty when there is none). */
    Q_PROPERTY(QVariantMap current READ current NOTIFY currentChanged)
    /**
     * The selected channel's numbers that differ from its last feed, the first ChangesShown of them:
     * [{sku, location, locationText, last, lastText, now, nowText, difference, differenceText}].
     */
    Q_PROPERTY(QVariantList changes READ changes NOTIFY changesChanged)
    /** How many numbers differ in all (changes may list fewer). */
    Q_PROPERTY(int changeCount READ changeCount NOTIFY changesChanged)
    /** A fetch of the lists is under way. */
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    /** The lists have arrived (or failed) at least once. */
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadingChanged)
    /** A feed is being written or settings saved. */
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    /** What the last feed written did, or why it or a fetch failed. */
    Q_PROPERTY(QString message READ message NOTIFY stateChanged)
    Q_PROPERTY(bool failed READ failed NOTIFY stateChanged)
    /** Why the settings were refused (shown in the settings dialog); empty when they were not. */
    Q_PROPERTY(QString settingsMessage READ settingsMessage NOTIFY stateChanged)
    /** [{value, label}] of the feed formats. */
    Q_PROPERTY(QVariantList formats READ formats CONSTANT)

public:
    /** More changed numbers than this are counted, not listed. */
    static constexpr int ChangesShown = 500;
    /** Live changes fetch the lists again at most this often (ms). */
    static constexpr int ReloadDelay = 1000;

    ChannelController(DatabaseWorker *worker, const QString &userName, QObject *parent = nullptr);

    bool active() const { return m_active; }
    void setActive(bool active);
    QVariantList channels() const { return m_channels; }
    QString currentChannel() const { return m_currentChannel; }
    void setCurrentChannel(const QString &name);
    QVariantMap current() const;
    QVariantList changes() const { return m_changes; }
    int changeCount() const { return m_changeCount; }
    bool loading() const { return m_channelsRequest != 0 || m_changesRequest != 0; }
    bool loaded() const { return m_loaded; }
    bool busy() const { return m_actionRequest != 0; }
    QString message() const { return m_message; }
    bool failed() const { return m_failed; }
    QString settingsMessage() const { return m_settingsMessage; }
    QVariantList formats() const;

    /** Fetches the channels and the selected one's changes again. */
    Q_INVOKABLE void reload();
    /** Where the channel's feed goes by default: its last file, else a file in the documents folder. */
    Q_INVOKABLE QUrl suggestedFile(const QString &channel) const;
    /** Writes the selected channel's feed to the file (a local file URL), in the channel's format. */
    Q_INVOKABLE void writeFeed(const QUrl &file);
    /**
     * Saves a channel's feed settings (a new name sets a new channel up); the service checks them, and
     * settingsMessage says why when it refuses. locations: codes, none for every active location.
     */
    Q_INVOKABLE void saveSettings(const QString &channel, int bufferUnits, int bufferPercent,
                                  const QStringList &locations, const QString &format);
    Q_INVOKABLE void clearMessage();
    Q_INVOKABLE void clearSettingsMessage();

    /** Live refresh: channel, product and location changes. */
    void applyEntityChanges(const QString &entity, const QStringList &ids);
    /** Live refresh: orders change what is reserved and owed to waiting lines. */
    void applyOrderChanges(const QList<qint64> &orderIds);
    void applyStockChanges(const QList<QPair<qint64, qint64>> &levels);

Q_SIGNALS:
    void activeChanged();
    void channelsChanged();
    void currentChannelChanged();
    void currentChanged();
    void changesChanged();
    void loadingChanged();
    void stateChanged();
    /** A feed was written (ok) or refused. */
    void feedWritten(bool ok);
    /** Settings were saved (ok) or refused (settingsMessage says why). */
    void settingsSaved(bool ok);

private:
    void onChannels(quint64 request, const QVariantList &channels);
    void onChanges(quint64 request, const QString &channel, const QVariantList &changes, int total);
    void onFailed(quint64 request, const QString &message);
    void onWritten(quint64 request, const QVariantMap &result);
    void onSettingsSaved(quint64 request, bool ok, const QString &message);
    void fetchChanges();
    /** A live change: fetch again soon (once per burst), or when the view is shown again. */
    void scheduleReload();
    void finishFetch(bool wasLoading);
    void act(const std::function<void(DatabaseWorker *, quint64)> &action);
    static QVariantMap decorated(const QVariantMap &channel);
    static QVariantMap decoratedChange(const QVariantMap &change);

    DatabaseWorker *m_worker;
    QString m_userName;
    bool m_active = false;
    bool m_loaded = false;
    /** Something changed while nothing was fetched (the view hidden, or a fetch under way). */
    bool m_stale = false;
    QVariantList m_channels;
    QString m_currentChannel;
    QVariantList m_changes;
    QString m_changesOf;
    int m_changeCount = 0;
    quint64 m_channelsRequest = 0;
    quint64 m_changesRequest = 0;
    quint64 m_actionRequest = 0;
    QString m_pendingChannel; ///< whose settings are being saved
    QString m_message;
    bool m_failed = false;
    bool m_fetchFailed = false; ///< the message is a fetch's error, which the next answer heals
    QString m_settingsMessage;
    QTimer m_reloadDelay;
};

} // namespace Stockroom
