// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectionspec.h"

#include <QObject>
#include <QtQmlIntegration>

#include <optional>

namespace Stockroom {

/**
 * The connection the desktop uses when started without --db, edited in the connection dialog and kept in
 * QSettings. The password is stored there (as the desktop needs it) but never printed or logged.
 */
class ConnectionSettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
    Q_PROPERTY(QString engine MEMBER m_engine NOTIFY changed) ///< "sqlite" or "postgresql"
    Q_PROPERTY(QString path MEMBER m_path NOTIFY changed)
    Q_PROPERTY(QString host MEMBER m_host NOTIFY changed)
    Q_PROPERTY(int port MEMBER m_port NOTIFY changed)
    Q_PROPERTY(QString database MEMBER m_database NOTIFY changed)
    Q_PROPERTY(QString user MEMBER m_user NOTIFY changed)
    Q_PROPERTY(QString password MEMBER m_password NOTIFY changed)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    explicit ConnectionSettings(const ConnectionSpec &current, QObject *parent = nullptr);

    /** The saved connection, if the user ever saved one. */
    static std::optional<ConnectionSpec> saved();

    QString errorText() const { return m_errorText; }
    ConnectionSpec spec() const;

    /** Checks the fields, saves them and asks the application to reconnect; false with errorText otherwise. */
    Q_INVOKABLE bool apply();
    /** Puts the fields back to the connection in use. */
    Q_INVOKABLE void revert();

Q_SIGNALS:
    void changed();
    void errorTextChanged();
    void reconnectRequested(const Stockroom::ConnectionSpec &spec);

private:
    void load(const ConnectionSpec &spec);

    ConnectionSpec m_current;
    QString m_engine;
    QString m_path;
    QString m_host;
    int m_port = 5432;
    QString m_database;
    QString m_user;
    QString m_password;
    QString m_errorText;
};

} // namespace Stockroom
Q_DECLARE_METATYPE(Stockroom::ConnectionSpec)
