// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionsettings.h"

#include <QSettings>

namespace Stockroom {

ConnectionSettings::ConnectionSettings(const ConnectionSpec &current, QObject *parent)
    : QObject(parent)
    , m_current(current)
{
    load(current);
}

void ConnectionSettings::load(const ConnectionSpec &spec)
{
    m_engine = spec.engine == Engine::SQLite ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
    m_path = spec.path;
    m_host = spec.host;
    m_port = spec.port;
    m_database = spec.database;
    m_user = spec.user;
    m_password = spec.password;
    Q_EMIT changed();
}

std::optional<ConnectionSpec> ConnectionSettings::saved()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("connection"));
    const QString engine = settings.value(QStringLiteral("engine")).toString();
    if (engine.isEmpty()) {
        return std::nullopt;
    }
    ConnectionSpec spec;
    spec.engine = engine == QLatin1String("postgresql") ? Engine::PostgreSQL : Engine::SQLite;
    spec.path = settings.value(QStringLiteral("path")).toString();
    spec.host = settings.value(QStringLiteral("host")).toString();
    spec.port = settings.value(QStringLiteral("port"), 5432).toInt();
    spec.database = settings.value(QStringLiteral("database")).toString();
    spec.user = settings.value(QStringLiteral("user")).toString();
    spec.password = settings.value(QStringLiteral("password")).toString();
    if (spec.engine == Engine::SQLite && spec.path.isEmpty()) {
        return std::nullopt;
    }
    return spec;
}

ConnectionSpec ConnectionSettings::spec() const
{
    ConnectionSpec spec;
    spec.engine = m_engine == QLatin1String("postgresql") ? Engine::PostgreSQL : Engine::SQLite;
    spec.path = m_path.trimmed();
    spec.host = m_host.trimmed();
    spec.port = m_port;
    spec.database = m_database.trimmed();
    spec.user = m_user.trimmed();
    spec.password = m_password;
    return spec;
}

bool ConnectionSettings::apply()
{
    const ConnectionSpec next = spec();
    QString problem;
    if (next.engine == Engine::SQLite && next.path.isEmpty()) {
        problem = tr("Choose a database file.");
    } else if (next.engine == Engine::PostgreSQL && (next.host.isEmpty() || next.database.isEmpty())) {
        problem = tr("A PostgreSQL connection needs a host and a database name.");
    } else if (next.engine == Engine::PostgreSQL && (next.port < 1 || next.port > 65535)) {
        problem = tr("The port must be between 1 and 65535.");
    }
    if (problem != m_errorText) {
        m_errorText = problem;
        Q_EMIT errorTextChanged();
    }
    if (!problem.isEmpty()) {
        return false;
    }
    QSettings settings;
    settings.beginGroup(QStringLiteral("connection"));
    settings.setValue(QStringLiteral("engine"), m_engine);
    settings.setValue(QStringLiteral("path"), next.path);
    settings.setValue(QStringLiteral("host"), next.host);
    settings.setValue(QStringLiteral("port"), next.port);
    settings.setValue(QStringLiteral("database"), next.database);
    settings.setValue(QStringLiteral("user"), next.user);
    settings.setValue(QStringLiteral("password"), next.password);
    m_current = next;
    Q_EMIT reconnectRequested(next);
    return true;
}

void ConnectionSettings::revert()
{
    load(m_current);
    if (!m_errorText.isEmpty()) {
        m_errorText.clear();
        Q_EMIT errorTextChanged();
    }
}

} // namespace Stockroom
